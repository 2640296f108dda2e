"""A kept game made ready for the debrief views: the replay, checked line by line, with dates on every
event and roll, the areas' names and the notes. Every view takes a Story."""

from pathlib import Path

import attrs

from wargame.debrief.notes import read_notes
from wargame.errors import ReplayError
from wargame.vocab import SEATS

NUMBER = (int, float)


@attrs.frozen
class Story:
    """One game as the debrief sees it (plain dicts, as in the replay)."""

    path: str
    header: dict
    title: str
    turns: list          # turn records, each event and roll with its "date"
    end: dict | None
    notes: list          # [{turn, text}]
    areas: dict          # area id -> name
    torn_note: str | None = None  # one line when the replay's last line is cut off (its whole turns are read)
    audience: str = "control"  # whose view: control (all), a side, or the public (wargame.visibility)
    parent_note: str | None = None  # one line when a fork's parent cannot be read, so its turns are left out

    @property
    def name(self):
        """The replay's file name, as a turn's "replay" names it."""
        return Path(self.path).name

    @property
    def fork_turn(self):
        """For a fork, the turn it was forked at (the turns before it are its parent's); else None."""
        parent = self.header.get("parent")
        return parent["at_turn"] if parent else None

    @property
    def parent_turns(self):
        """How many of the turns are a fork's parent's, played before the fork."""
        return sum(1 for t in self.turns if t["replay"] != self.name)

    @property
    def first_turn(self):
        return self.turns[0]["turn"] if self.turns else 1

    @property
    def last_turn(self):
        return self.turns[-1]["turn"] if self.turns else 0

    def turn(self, n):
        return self.turns[n - self.first_turn]

    def series(self, metric):
        """A metric's values over the turns (None where a turn lacks it)."""
        return [t["metrics"].get(metric) for t in self.turns]


def load_story(path, scenario_path=None, side=None, public_only=False, _within=()):
    """Read and check a replay and its notes; ReplayError naming file and turn for anything damaged.

    With side or public_only, the story holds only what that audience may see (wargame.visibility).
    A fork's story begins with its parent's turns before the fork (read from the parent beside it, and
    its parent's in turn), each turn naming the replay it comes from ("replay"); the parent's notes on
    those turns come along. A parent that cannot be read leaves them out, and parent_note says why."""
    from wargame.visibility import audience_label, end_for, record_for, shared_requests
    from wargame.replay import game_from_header, read_replay
    replay = read_replay(path)
    for rec in replay.turns:
        check_turn(path, rec)
    if replay.end is not None:
        check_end(path, replay.last_turn, replay.end)
    game = game_from_header(replay, scenario_path)
    date_of = game.scenario.date_of
    turns = []
    name = Path(path).name
    shared = shared_requests(replay.turns)
    for rec in replay.turns:
        t = dict(record_for(rec, side, public_only, shared))
        rec = t
        t["events"] = [dict(e, date=date_of(e["day"]).isoformat()) for e in rec["events"]]
        t["rolls"] = [dict(r, date=date_of(r["day"]).isoformat()) for r in rec["rolls"]]
        t["replay"] = name
        turns.append(t)
    # an instructor's notes are control's: a team's or the public view holds none
    notes = [] if side or public_only else [dict(n, replay=name) for n in read_notes(path)]
    before, parent_notes, parent_note = _before_fork(replay, side, public_only, _within + (Path(path).resolve(),))
    areas = {a: spec.name for a, spec in game.rules.areas.items()}
    return Story(str(path), replay.header, game.scenario.title, before + turns, end_for(replay.end, side, public_only),
                 parent_notes + notes, areas, replay.torn_note(), audience_label(side, public_only), parent_note)


def _before_fork(replay, side, public_only, within):
    """(the parent's turns before the fork, the parent's notes on them, None or a note why they are left
    out) for a fork; ([], [], None) for a game that is not one."""
    from wargame.errors import WargameError
    from wargame.replay import parent_path
    parent = replay.header.get("parent")
    if not parent:
        return [], [], None
    at = parent["at_turn"]
    try:
        path = parent_path(replay)
        if Path(path).resolve() in within:
            raise WargameError(f"{replay.path}: the header's parent.file leads back to this game: the file was edited")
        story = load_story(path, None, side, public_only, within)
    except WargameError as e:
        return [], [], (f"the turns before the fork (1..{at - 1}) are left out: {e}" if at > 1 else None)
    turns = [t for t in story.turns if t["turn"] < at]
    if [t["turn"] for t in turns] != list(range(story.first_turn, at)) or story.first_turn != 1:
        return [], [], f"the turns before the fork (1..{at - 1}) are left out: {parent['file']} does not hold them all"
    if story.header.get("seed") != parent["seed"] or (turns and turns[-1].get("digest") != parent["digest"]):
        return [], [], (f"the turns before the fork (1..{at - 1}) are left out: {parent['file']} is not the game this "
                        "fork was made from (its seed or its state at the fork differs from the fork's header)")
    return turns, [n for n in story.notes if n["turn"] < at], story.parent_note


def _bad(path, turn, what):
    raise ReplayError(path, turn, f"{what}: the file was edited or damaged")


def check_turn(path, rec):
    """The shape of one turn record: every field the views read, of the right kind."""
    n = rec.get("turn")
    if not isinstance(rec.get("date"), str):
        _bad(path, n, "the turn has no date")
    for side, orders in rec["orders"].items():
        if side not in SEATS or not isinstance(orders, dict):
            _bad(path, n, f"the orders of '{side}' are not a side's orders")
    metrics = rec.get("metrics")
    if not isinstance(metrics, dict) or not metrics:
        _bad(path, n, "the turn has no metrics")
    for k, v in metrics.items():
        if not isinstance(v, NUMBER) or isinstance(v, bool):
            _bad(path, n, f"metric {k} is not a number")
    events = rec.get("events")
    if not isinstance(events, list):
        _bad(path, n, "the turn has no list of events")
    for i, e in enumerate(events, start=1):
        if not (isinstance(e, dict) and isinstance(e.get("day"), int) and isinstance(e.get("kind"), str)
                and isinstance(e.get("text"), str) and isinstance(e.get("public"), bool)
                and (e.get("side") is None or isinstance(e.get("side"), str))):
            _bad(path, n, f"event {i} is not an event (day, kind, side, public, text)")
    injects = rec.get("injects", [])
    if not (isinstance(injects, list) and all(
            isinstance(i, dict) and isinstance(i.get("text"), str)
            and (i.get("visible_to") is None or (isinstance(i["visible_to"], list)
                                                 and all(isinstance(x, str) for x in i["visible_to"])))
            for i in injects)):
        _bad(path, n, "the injects are not a list of injects (text, visible_to a list of sides)")
    acts = rec.get("white_cell", [])
    if not (isinstance(acts, list) and all(isinstance(a, dict) and isinstance(a.get("act"), str) for a in acts)):
        _bad(path, n, "the white cell's record is not a list of acts")
    rolls = rec.get("rolls")
    if not isinstance(rolls, list):
        _bad(path, n, "the turn has no list of rolls")
    for i, r in enumerate(rolls, start=1):
        if not (isinstance(r, dict) and isinstance(r.get("day"), int) and isinstance(r.get("what"), str)
                and isinstance(r.get("rule"), str) and isinstance(r.get("roll"), NUMBER)
                and (r.get("p") is None or isinstance(r.get("p"), NUMBER))):
            _bad(path, n, f"roll {i} is not a roll (day, what, rule, p, roll, result)")


def check_end(path, last_turn, end):
    if not isinstance(end.get("metrics"), dict) or not isinstance(end.get("scores"), dict):
        _bad(path, last_turn, "the end line has no metrics or scores")
    for side, s in end["scores"].items():
        if not (isinstance(s, dict) and isinstance(s.get("objectives"), list)):
            _bad(path, last_turn, f"the end line's scores of '{side}' are damaged")
        for o in s["objectives"]:
            if not (isinstance(o, dict) and all(k in o for k in ("text", "value", "target", "met", "points"))):
                _bad(path, last_turn, f"an objective of '{side}' in the end line is damaged")
