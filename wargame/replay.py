"""Replays: one JSON Lines file per game, written turn by turn; reading, resuming and verifying them.

Line 1 is the header (format, engine, scenario, hashes of rules and scenario, seed, controllers);
then one line per completed turn; a last `end` line holds the outcome. Each line is appended and
fsynced, so a killed process leaves every completed turn readable; a torn last line is ignored.
The format is described in docs/replay-format.md.
"""

import json
import os
from pathlib import Path

import attrs

from wargame import __version__
from wargame.engine import Game, game_turns
from wargame.errors import OrderError, OutputError, ReplayError, WargameError
from wargame.files import cut_torn_tail, write_atomic
from wargame.model import SIDES, digest
from wargame.rules import SCENARIOS_DIR, load_scenario, scenario_names

FORMAT = "wargame-replay"
FORMAT_VERSION = 1


def dumps(obj):
    """The one text of a replay line: sorted keys, no spaces, a newline."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def header_for(game, controllers, scenario_ref, parent=None):
    """The header line of a new replay. No wall-clock time and no machine path goes in."""
    packaged = Path(game.scenario.path).resolve().parent == SCENARIOS_DIR.resolve()
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "engine": __version__,
        "scenario": game.scenario.name,
        "scenario_file": None if packaged else Path(game.scenario.path).name,
        "rules_sha256": game.rules.sha256, "scenario_sha256": game.scenario.sha256,
        "seed": game.seed, "turns": game.turns,
        "controllers": {side: controllers[side].label for side in SIDES},
        "parent": parent,
    }


class ReplayWriter:
    """Appends turns to a replay file, syncing each to disk before the next turn starts."""

    def __init__(self, path, header=None, force=False, append=False, make_folder=False):
        """A new replay holding header (refused if one is there, unless force; its folder made only with
        make_folder), or with append an existing one to continue (a torn last line is cut first)."""
        self.path = Path(path)
        if append:
            cut_torn_tail(self.path)
            return
        self.path = write_atomic(self.path, dumps(header), force=force, what="replay", option="--out",
                                 make_folder=make_folder)

    def _append(self, obj):
        try:
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(dumps(obj))
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:  # a full disk mid-game: the lines before are whole; a torn one is cut on resume
            raise OutputError(f"{self.path}: cannot write: {e.strerror or e}; every turn before this one is kept "
                              f"(resume with 'wargame resume {self.path}')") from None

    def add_turn(self, record):
        self._append(record.to_json())

    def finish(self, outcome):
        self._append({"end": True, **outcome})


@attrs.frozen
class Replay:
    """A replay as read: header, completed turns, the end record if the game finished."""

    path: str
    header: dict
    turns: list
    end: dict | None
    torn_tail: bool

    @property
    def finished(self):
        return self.end is not None

    @property
    def first_turn(self):
        """1, or for a fork the parent's turn it starts from."""
        return self.header["parent"]["at_turn"] if self.header.get("parent") else 1

    @property
    def last_turn(self):
        """The last completed turn (0 when none)."""
        return self.first_turn + len(self.turns) - 1

    @property
    def last_controllers(self):
        """Who played each side last ({side: label}): the last turn's record, else the header."""
        return (self.turns[-1].get("controllers") if self.turns else None) or self.header["controllers"]


def read_replay(path):
    """Read a replay file; ReplayError (file, turn, what) if it is not one or is damaged."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ReplayError(path, None, f"cannot read: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ReplayError(path, None, "not a replay: the file is not UTF-8 text") from None
    lines = text.split("\n")
    torn = bool(lines and lines[-1])
    if torn:
        lines = lines[:-1]
    else:
        lines = lines[:-1] if lines and lines[-1] == "" else lines
    if not lines:
        raise ReplayError(path, None, "not a replay: the file is empty")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        raise ReplayError(path, None, "not a replay: the first line is not a replay header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ReplayError(path, None, "not a replay: the first line is not a replay header")
    version = header.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ReplayError(path, None, f"replay format version {version} is newer than this engine reads "
                          f"({FORMAT_VERSION}): update wargame")
    for key in ("scenario", "seed", "turns", "controllers", "rules_sha256", "scenario_sha256"):
        if key not in header:
            raise ReplayError(path, None, f"the header has no '{key}': the file was edited or damaged")
    for key in ("seed", "turns"):
        if not isinstance(header[key], int) or isinstance(header[key], bool) or header[key] < (key == "turns"):
            raise ReplayError(path, None, f"the header's '{key}' is not a whole number: the file was edited or damaged")
    if not isinstance(header["controllers"], dict):
        raise ReplayError(path, None, "the header's 'controllers' is damaged")
    turns, end = [], None
    parent = header.get("parent")
    if parent is not None and not (isinstance(parent, dict) and isinstance(parent.get("at_turn"), int)
                                   and isinstance(parent.get("file"), str)):
        raise ReplayError(path, None, "the header's 'parent' is damaged: it needs 'file' and 'at_turn'")
    first = parent["at_turn"] if parent else 1
    for n, line in enumerate(lines[1:], start=first):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise ReplayError(path, n, "this line is not valid JSON: the file was edited or damaged") from None
        if not isinstance(obj, dict):
            raise ReplayError(path, n, "this line is not a turn record")
        if obj.get("end"):
            end = obj
            break
        if obj.get("turn") != n or not isinstance(obj.get("orders"), dict) or n > header["turns"]:
            raise ReplayError(path, n, f"expected the record of turn {n}: the file was edited or damaged")
        turns.append(obj)
    return Replay(str(path), header, turns, end, torn)


def game_from_header(replay, scenario_path=None):
    """The Game a replay was played with, found by packaged name or beside the replay."""
    h = replay.header
    ref = scenario_path
    if ref is None:
        if h.get("scenario_file"):
            near = Path(replay.path).parent / h["scenario_file"]
            ref = near if near.exists() else Path(h["scenario_file"])
            if not Path(ref).exists():
                raise ReplayError(replay.path, None, f"scenario file {h['scenario_file']} not found beside the "
                                  "replay or here: give it with --scenario")
        elif h["scenario"] in scenario_names():
            ref = h["scenario"]
        else:
            raise ReplayError(replay.path, None, f"scenario '{h['scenario']}' is not installed: give it with --scenario")
    try:
        scenario, rules = load_scenario(ref)
    except WargameError as e:
        raise ReplayError(replay.path, None, f"the rules this replay names cannot be loaded: {e}") from None
    return Game(scenario, rules, h["seed"], h["turns"])


def rules_changed(game, replay):
    """A note if the rules or scenario differ from those the game was played with, else None."""
    h = replay.header
    what = []
    if game.rules.sha256 != h["rules_sha256"]:
        what.append("rules")
    if game.scenario.sha256 != h["scenario_sha256"]:
        what.append("scenario")
    return " and ".join(what) + " changed since this game was played" if what else None


class _RecordedOrders:
    """A side's recorded orders, checked again under the game's rules: the controller that re-plays them."""

    label = "replay"

    def __init__(self, replay, side):
        self.replay, self.side = replay, side

    def orders(self, game, state, side):
        rec = self.replay.turns[state.turn + 1 - self.replay.first_turn]
        try:
            return game.check(state, side, rec["orders"].get(side))
        except OrderError as e:
            raise ReplayError(self.replay.path, rec["turn"], f"the recorded orders are not valid under these rules: {e}") from None


class _RecordedInjects:
    """A replay's recorded injects, checked again: the injects source that re-plays them."""

    def __init__(self, replay):
        self.replay = replay

    def for_turn(self, game, turn):
        from wargame.injects import check_injects
        rec = self.replay.turns[turn - self.replay.first_turn]
        try:
            return check_injects(game, rec.get("injects", []))
        except WargameError as e:
            raise ReplayError(self.replay.path, rec["turn"], f"the recorded injects are not valid under these rules: {e}") from None


class _RecordedGivenRolls:
    """A replay's given rolls (a person's rulings in place of the dice), applied again on re-play."""

    def __init__(self, replay):
        self.replay = replay

    def for_turn(self, turn):
        rec = self.replay.turns[turn - self.replay.first_turn]
        given = rec.get("given_rolls") or {}
        if not isinstance(given, dict):
            raise ReplayError(self.replay.path, rec["turn"], "'given_rolls' is damaged: expected a mapping")
        out = {}
        for key, value in given.items():
            if not (isinstance(key, str) and key.isdigit() and isinstance(value, (int, float))
                    and not isinstance(value, bool) and 0 <= value < 1):
                raise ReplayError(self.replay.path, rec["turn"],
                                  f"'given_rolls' is damaged at {key!r}: expected a roll number and a value in [0, 1)")
            out[int(key)] = float(value)
        return out


def replay_turns(game, replay, upto=None, compare=True):
    """Re-play the recorded orders, re-drawing every roll; yields (state, fresh record, recorded record).

    With compare, the first difference raises ReplayError naming the turn and what differs.
    """
    controllers = {side: _RecordedOrders(replay, side) for side in SIDES}
    turns = game_turns(game, controllers, start_state(game, replay), _RecordedInjects(replay),
                       given=_RecordedGivenRolls(replay))
    for rec, (state, fresh) in zip(replay.turns[:upto], turns):
        if compare:
            diff = first_difference(json.loads(dumps(fresh.to_json())), rec)
            if diff:
                raise ReplayError(replay.path, rec["turn"], diff)
        yield state, fresh, rec


def replayed(game, replay):
    """(state after the last completed turn, fresh records of every turn): where a resumed game goes
    on from, each turn re-played and checked against the record."""
    state, records = None, []
    for state, fresh, _ in replay_turns(game, replay):
        records.append(fresh)
    return (start_state(game, replay) if state is None else state), records


def parent_path(replay):
    """The parent replay of a fork: looked up beside the fork."""
    p = Path(replay.path).parent / replay.header["parent"]["file"]
    if not p.exists():
        raise ReplayError(replay.path, None, f"this game is a fork of {replay.header['parent']['file']}, "
                          "which is not beside it: put the parent replay next to it")
    return p


def start_state(game, replay):
    """The state a replay starts from: the scenario's start, or for a fork the parent's state before
    its turn at_turn, re-played (and checked) from the parent's own header and orders."""
    parent = replay.header.get("parent")
    if not parent:
        return game.initial_state()
    state, _ = state_before(parent_path(replay), parent["at_turn"])
    if parent.get("digest") and digest(state) != parent["digest"]:
        raise ReplayError(replay.path, parent["at_turn"], "the parent replay no longer gives the state this fork "
                          "started from (state digest differs)")
    return state


def state_before(path, at_turn, scenario_path=None):
    """(state before turn at_turn, parent Game) of a replay, re-played from its orders and checked."""
    replay = read_replay(path)
    if not replay.first_turn <= at_turn <= replay.last_turn + 1 or at_turn > replay.header["turns"]:
        raise ReplayError(path, None, f"cannot fork at turn {at_turn}: the game has turns "
                          f"{replay.first_turn}..{min(replay.last_turn + 1, replay.header['turns'])} to start from")
    game = game_from_header(replay, scenario_path)
    state = start_state(game, replay)
    for state, _, _ in replay_turns(game, replay, upto=at_turn - replay.first_turn):
        pass
    return state, game


def fork(path, at_turn, seed=None, scenario_path=None):
    """A new Game and its start state: the state before turn at_turn of the replay at path, with the
    parent's rules and scenario and a new (or the same) seed. Returns (game, state, parent header entry)."""
    state, parent_game = state_before(path, at_turn, scenario_path)
    seed = parent_game.seed if seed is None else seed
    game = Game(parent_game.scenario, parent_game.rules, seed, parent_game.turns)
    entry = {"file": Path(path).name, "at_turn": at_turn, "seed": parent_game.seed, "digest": digest(state)}
    return game, state, entry


def default_replay_path(scenario, seed, folder="replays"):
    """A new replay's default name, FOLDER/SCENARIO-seedN.jsonl, numbered -2, -3, ... so nothing is overwritten."""
    base = Path(folder) / f"{scenario}-seed{seed}"
    path = base.with_suffix(".jsonl")
    n = 2
    while path.exists():
        path = Path(f"{base}-{n}.jsonl")
        n += 1
    return path


def fork_path(parent, at_turn, seed, out=None, force=False):
    """Where a fork of the replay at parent is kept: out, or PARENT-forkN-seedS.jsonl beside the parent
    (numbered -2, -3, ... unless force). WargameError if out is not beside its parent."""
    if out is not None:
        if not str(out).strip():
            raise OutputError("an empty path: name the file to write")
        out = Path(out)
    else:
        stem = Path(parent).with_suffix("")
        out = Path(f"{stem}-fork{at_turn}-seed{seed}.jsonl")
        n = 2
        while out.exists() and not force:
            out = Path(f"{stem}-fork{at_turn}-seed{seed}-{n}.jsonl")
            n += 1
    if out.resolve().parent != Path(parent).resolve().parent:
        raise WargameError(f"{out}: keep a fork beside its parent ({Path(parent).parent}/), so both travel together")
    return out


def fork_header(game, controllers, parent, entry):
    """The header of a fork of the Replay parent: the parent entry from fork(), and the parent's
    scenario file (a fork is kept beside its parent, so the same name finds it)."""
    header = header_for(game, controllers, game.scenario.name, parent=entry)
    header["scenario_file"] = parent.header.get("scenario_file")
    return header


def first_difference(fresh, recorded):
    """A one-line account of the first way two turn records differ, or None."""
    for key in ("orders", "injects", "rolls", "events", "metrics", "digest"):
        a, b = fresh.get(key), recorded.get(key)
        if a == b:
            continue
        if key == "rolls" and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    return f"roll {i + 1} ({y.get('what', '?')}) differs: recorded {y.get('roll')}, now {x.get('roll')}"
            return f"the number of rolls differs: recorded {len(b)}, now {len(a)}"
        if key == "events" and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    return f"event {i + 1} differs: recorded '{y.get('text')}', now '{x.get('text')}'"
            return f"the number of events differs: recorded {len(b)}, now {len(a)}"
        if key == "metrics" and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                if a.get(k) != b.get(k):
                    return f"metric {k} differs: recorded {b.get(k)}, now {a.get(k)}"
        if key == "digest":
            return f"the state differs (digest recorded {b}, now {a})"
        return f"{key} differ"
    return None


@attrs.frozen
class Verdict:
    """The result of verifying one replay."""

    ok: bool
    turns: int
    message: str


def verify(path, scenario_path=None):
    """Re-play a replay from its header and orders alone and compare every turn and the outcome."""
    replay = read_replay(path)
    game = game_from_header(replay, scenario_path)
    changed = rules_changed(game, replay)
    records = []
    try:
        for _, fresh, _ in replay_turns(game, replay):
            records.append(fresh)
        if replay.end is not None:
            outcome = json.loads(dumps({"end": True, **game.outcome(None, records)}))
            if outcome != replay.end:
                raise ReplayError(replay.path, len(records), "the final outcome differs")
    except ReplayError as e:
        if changed:
            return Verdict(False, len(records), f"{e}; the {changed}, and the outcome changed")
        return Verdict(False, len(records), str(e))
    state = "finished" if replay.finished else f"unfinished after turn {replay.last_turn} of {replay.header['turns']}"
    if replay.header.get("parent"):
        state += f"; a fork of {replay.header['parent']['file']} at turn {replay.first_turn}"
    note = f" ({changed}, but the outcome is the same)" if changed else ""
    return Verdict(True, len(records), f"{path}: {len(records)} turn{'' if len(records) == 1 else 's'} identical ({state}){note}")
