"""A seminar in a folder: the facilitator's turn loop over one replay.

    DIR/game.jsonl                        the replay: header (the seats), one line per turn (with the
                                          teams' submissions), the end line
    DIR/injects.yaml                      the facilitator's injects, copied in (read afresh each turn)
    DIR/injects-added.yaml                injects added on the spot (`seminar inject`), written by the engine
    DIR/white-cell.jsonl                  the white cell's log: questions and answers, assumptions, injects
                                          added, turns taken back (wargame/whitecell.py)
    DIR/undone.jsonl                      each turn taken back: its replay line as it was, and why
    DIR/objectives.yaml                   the seminar's own objectives, if the facilitator gave some
    DIR/inbox/SIDE/turn-NN.yaml           the orders in force for turn NN
    DIR/inbox/SIDE/turn-NN.superseded-K.yaml   the K-th submission, replaced by a later one
    DIR/inbox/SIDE/submissions.jsonl      one line per submission: turn, n, sha256
    DIR/packs/SIDE/turn-NN.txt|.html      the team's private pack after turn NN (00: before play)
    DIR/packs/SIDE/orders-turn-NN.yaml    the pre-filled orders file for turn NN
    DIR/world/turn-NN.txt|.html           the State of the World after turn NN

Every turn is played and recorded exactly as `wargame play` would (so `wargame replay verify
DIR/game.jsonl` reproduces it); pages are rebuilt from the replay alone.
"""

import hashlib
import json
from pathlib import Path

import attrs

from wargame.controllers.base import BotController, OrdersFileController
from wargame.files import write_all_atomic
from wargame.engine import Game
from wargame.errors import WargameError
from wargame.replay import ReplayWriter, game_from_header, header_for, read_replay, replay_turns, start_state

REPLAY = "game.jsonl"
INJECTS = "injects.yaml"
ADDED_INJECTS = "injects-added.yaml"
UNDONE = "undone.jsonl"
OBJECTIVES = "objectives.yaml"
TEAM = "orders"  # the controller label of a team that hands in orders files


@attrs.frozen
class Seat:
    """Who plays a side, as the replay labels it: `orders` (a team) or `bot:POLICY`."""

    side: str
    label: str


def default_policy(game, side):
    """The side's default bot policy (rules/bots.yaml; a seated US: its scenario's us.seat.bot)."""
    from wargame.controllers.base import default_policy as policy
    return policy(game.rules, side, game)


def policy_names_for(rules, side):
    from wargame.controllers.bots import policy_names
    return policy_names(rules, side)


def known_metrics(rules):
    """Metric names an objective may use (docs/metrics.md)."""
    from wargame.vocab import METRIC_NAMES
    return set(METRIC_NAMES) | {f"coverage.{a}.{k}" for a in rules.areas for k in ("with_us", "without_us", "us_gap")}


def turn_name(turn):
    return f"turn-{turn:02d}"


@attrs.frozen
class Position:
    """A seminar as it stands: the game, the replay read, the state after the last turn and, unless
    the game is over, the begun state of the next turn (money in) that orders are checked against."""

    folder: Path
    game: Game
    replay: object
    state: object
    records: list          # the turn lines as recorded (dicts)
    begun: object = None
    begin_events: list = attrs.Factory(list)

    @property
    def turn(self):
        """The turn to play next (turns + 1 once the game is over)."""
        return len(self.records) + 1

    @property
    def finished(self):
        return self.replay.finished or self.game.finished(self.state)

    @property
    def seats(self):
        return dict(self.replay.header["controllers"])

    @property
    def teams(self):
        return [s for s in self.game.sides if self.seats.get(s) == TEAM]

    def inbox(self, side):
        return self.folder / "inbox" / side

    def orders_file(self, side, turn=None):
        return self.inbox(side) / f"{turn_name(turn or self.turn)}.yaml"

    def handed_in(self):
        return [s for s in self.teams if self.orders_file(s).exists()]

    def missing(self):
        return [s for s in self.teams if not self.orders_file(s).exists()]

    def injects_for(self, turn=None):
        """The checked injects of the coming turn from the folder's injects files (the facilitator's,
        then those added on the spot): the scheduled ones, and the conditional ones the last turn's
        metrics meet that have not fired yet."""
        from wargame.injects import InjectsFile, fired_ids, limit_problems
        turn = turn or self.turn
        last = self.records[turn - 2]["metrics"] if 1 < turn <= len(self.records) + 1 else None
        fired = fired_ids(self.records[:turn - 1])
        out = []
        for name in (INJECTS, ADDED_INJECTS):
            path = self.folder / name
            if path.exists():
                out += InjectsFile(path).for_turn(self.game, turn, last, fired)
        problems = limit_problems(out, self.game.rules.adjudication.injects, turn)
        if problems:  # each file is within the limits alone (for_turn): together they are not
            raise WargameError(f"{self.folder / INJECTS} and {ADDED_INJECTS} together: {problems[0][2]}: "
                               f"edit {self.folder / INJECTS}")
        return out

    def log(self):
        """The white cell's log (wargame/whitecell.py)."""
        from wargame.whitecell import read_log
        return read_log(self.folder)

    def own_objectives(self):
        path = self.folder / OBJECTIVES
        if not path.exists():
            return None
        from wargame.objectives import load_objectives_file
        return load_objectives_file(path, known_metrics(self.game.rules))

    def basis(self):
        """What the objectives are scored against: the seminar's own, or the scenario's scaled."""
        from wargame.objectives import for_game
        return for_game(self.game.rules, self.game.turns, self.game.scenario.turns, self.own_objectives())


def replay_path(folder):
    return Path(folder) / REPLAY


def open_seminar(folder):
    """The seminar in folder, re-played from its replay (every recorded turn checked on the way)."""
    folder = Path(folder)
    path = replay_path(folder)
    if not path.is_file():
        raise WargameError(f"{folder}: not a seminar folder (no {REPLAY}): start one with 'wargame seminar new'")
    return position_of(path, folder)


def position_of(path, folder=None):
    """The Position of any replay (a seminar's or a game in progress)."""
    replay = read_replay(path)
    game = game_from_header(replay)
    state = start_state(game, replay)
    for state, _, _ in replay_turns(game, replay):
        pass
    pos = Position(Path(folder or Path(path).parent), game, replay, state, list(replay.turns))
    if not pos.finished:
        begun, events = game.begin(state)
        pos = attrs.evolve(pos, begun=begun, begin_events=list(events))
    return pos


def new(scenario, folder, seed=1, turns=None, bots=None, injects=None, objectives=None):
    """Create a seminar folder: the replay's header, an inbox per team, copies of the injects and
    objectives files, and each team's first pack. Returns the Position."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise WargameError(f"{folder}: the folder is not empty: choose a new folder for the seminar")
    game = Game.load(scenario, seed=seed, turns=turns)
    bots = dict(bots or {})
    if "us" in bots and "us" not in game.sides:
        raise WargameError(f"--bot us={bots['us']}: the scenario {game.scenario.name} does not seat the US "
                           "(its us: block has no seat)")
    for side, policy in bots.items():
        known = policy_names_for(game.rules, side)
        if policy not in known:
            raise WargameError(f"--bot {side}={policy}: unknown {side} policy; known: {', '.join(known)}")
    seats = {s: Seat(s, f"bot:{bots[s]}" if s in bots else TEAM) for s in game.sides}
    if not any(seat.label == TEAM for seat in seats.values()):
        raise WargameError("every side is given to a bot: a seminar needs at least one team (use 'wargame play')")
    if injects:
        from wargame.injects import InjectsFile
        InjectsFile(injects).for_turn(game, 1)  # the whole file is checked now (file:line)
    if objectives:
        from wargame.objectives import load_objectives_file
        load_objectives_file(objectives, known_metrics(game.rules))
    header = header_for(game, seats, scenario)
    folder.mkdir(parents=True, exist_ok=True)
    copies = {}
    if header["scenario_file"]:
        copies[folder / header["scenario_file"]] = Path(game.scenario.path).read_text(encoding="utf-8")
    if injects:
        copies[folder / INJECTS] = Path(injects).read_text(encoding="utf-8")
    if objectives:
        copies[folder / OBJECTIVES] = Path(objectives).read_text(encoding="utf-8")
    if copies:
        write_all_atomic(copies)
    for side, seat in seats.items():
        if seat.label == TEAM:
            (folder / "inbox" / side).mkdir(parents=True, exist_ok=True)
    ReplayWriter(replay_path(folder), header)
    pos = open_seminar(folder)
    write_pages(pos)
    return pos


def submissions(pos, side, turn=None):
    """The submissions of a side for a turn, in order: [{n, sha256, file}] (file relative to the folder)."""
    turn = turn or pos.turn
    log = pos.inbox(side) / "submissions.jsonl"
    if not log.exists():
        return []
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["turn"] == turn]
    out = []
    for i, r in enumerate(rows):
        last = i == len(rows) - 1
        name = f"{turn_name(turn)}.yaml" if last else f"{turn_name(turn)}.superseded-{r['n']}.yaml"
        out.append({"n": r["n"], "sha256": r["sha256"], "file": f"inbox/{side}/{name}", "in_force": last})
    return out


def check_team(pos, side):
    if pos.finished:
        raise WargameError(f"{pos.folder}: the game is over (turn {len(pos.records)} of {pos.game.turns}): "
                           f"see 'wargame seminar world {pos.folder}'")
    if side not in pos.teams:
        raise WargameError(f"{pos.folder}: {side} is played by {pos.seats.get(side)} in this seminar, not by a team")


def check_file(pos, side, path):
    """The filled orders in a team's file, checked against the game as it stands now;
    RuleErrors (file:line) or WargameError if they cannot be carried out."""
    return OrdersFileController(side, path).orders(pos.game, pos.begun, side)


def submit(folder, side, path):
    """Check a team's orders file and file it in the inbox for the coming turn; an earlier submission
    for the turn is kept as a superseded copy. Returns (position, submission number, filed path)."""
    pos = open_seminar(folder)
    check_team(pos, side)
    path = Path(path)
    if not path.is_file():
        raise WargameError(f"{path}: orders file not found")
    check_file(pos, side, path)
    raw = path.read_bytes()
    before = submissions(pos, side)
    n = len(before) + 1
    target = pos.orders_file(side)
    inbox = pos.inbox(side)
    inbox.mkdir(parents=True, exist_ok=True)
    if before and target.exists():
        # the one in force becomes a superseded copy (its number is its place in the log)
        target.replace(inbox / f"{turn_name(pos.turn)}.superseded-{before[-1]['n']}.yaml")
    log = inbox / "submissions.jsonl"
    old_log = log.read_text(encoding="utf-8") if log.exists() else ""
    line = json.dumps({"turn": pos.turn, "n": n, "sha256": hashlib.sha256(raw).hexdigest()}, sort_keys=True)
    write_all_atomic({target: raw.decode("utf-8"), log: old_log + line + "\n"})
    return pos, n, target


@attrs.frozen
class _SeminarTurn:
    """A turn record as the replay stores it, plus the teams' submissions for the turn."""

    record: object
    submissions: dict
    white_cell: list = attrs.Factory(list)

    def to_json(self):
        out = self.record.to_json()
        out["submissions"] = self.submissions
        if self.white_cell:  # only a turn with white-cell acts carries the key
            out["white_cell"] = self.white_cell
        return out


class _FiledOrders:
    """A team's orders for the coming turn: the file filed in its inbox, checked again."""

    label = TEAM

    def __init__(self, pos, side):
        self.pos, self.side = pos, side

    def orders(self, game, begun, side):
        return OrdersFileController(side, self.pos.orders_file(side)).orders(game, begun, side)


class _TurnInjects:
    """The injects of the coming turn, already checked, as the game loop's injects source."""

    def __init__(self, injects):
        self.injects = injects

    def for_turn(self, game, turn):
        return self.injects


def play_turn(folder, force_bots=False):
    """Adjudicate the coming turn from the teams' filed orders (with force_bots, a missing team is
    played by its side's default bot, and the turn's controllers say so); append it to the replay,
    with the end line after the last turn; write the pages. Returns the new Position."""
    pos = open_seminar(folder)
    if pos.finished:
        raise WargameError(f"{pos.folder}: the game is over (turn {len(pos.records)} of {pos.game.turns})")
    missing = pos.missing()
    if missing and not force_bots:
        raise WargameError(f"turn {pos.turn}: waiting for orders from {', '.join(missing)}: "
                           f"'wargame seminar submit {pos.folder} --side {missing[0]} FILE', or add --force-bots")
    game = pos.game
    controllers, subs = _controllers(pos, missing)
    new_state, record = game.play_turn(pos.state, controllers, _TurnInjects(pos.injects_for()),
                                       given=_Rulings(rulings(pos)))
    for qid, i, what in pending_matrix(pos, record)[:1]:
        raise WargameError(f"turn {pos.turn}: the {qid} question is in matrix mode and roll {i} ({what}) has no "
                           f"matrix ruling yet: 'wargame seminar matrix {pos.folder} {qid} --roll {i} --argument ...', "
                           f"or rule it by the tables: 'wargame seminar mode {pos.folder} {qid} table --reason ...'")
    writer = ReplayWriter(replay_path(pos.folder), append=True)
    from wargame.whitecell import of_turn
    writer.add_turn(_SeminarTurn(record, subs, of_turn(pos.log(), pos.turn)))
    if game.finished(new_state):
        writer.finish(game.outcome(new_state, [record]))  # the end line exactly as 'play' writes it
    pos = _after(pos, new_state)
    write_pages(pos)
    return pos


def _controllers(pos, missing):
    """Who gives each side's orders for the coming turn, and the teams' submissions."""
    controllers, subs = {}, {}
    for side in pos.game.sides:
        label = pos.seats[side]
        if label == TEAM and side not in missing:
            controllers[side] = _FiledOrders(pos, side)
            subs[side] = [{k: v for k, v in s.items() if k != "in_force"} for s in submissions(pos, side)]
        else:
            policy = label[4:] if label.startswith("bot:") else default_policy(pos.game, side)
            controllers[side] = BotController(side, policy)
    return controllers, subs


class _Rulings:
    """The facilitator's rulings on the coming turn's rolls, as the game loop's source of given rolls."""

    def __init__(self, given):
        self.given = given

    def for_turn(self, turn):
        return {i: r["value"] for i, r in self.given.items()}


def rulings(pos):
    """The facilitator's rulings on the coming turn's rolls: {roll index: the last `rule` or `matrix` act
    for it} (a `rule` act with value None withdraws the ruling)."""
    from wargame.modes import given_by_acts
    return given_by_acts([e for e in pos.log() if e["turn"] == pos.turn])


def pending_matrix(pos, record):
    """[(question, roll number, what)] of the coming turn's rolls whose question is in matrix mode but
    that no matrix argument has ruled yet."""
    from wargame import modes
    ms = modes.modes(pos.game.rules, pos.log(), pos.turn)
    ruled = rulings(pos)
    return [(modes.question_of(pos.game.rules, r["what"]), i, r["what"]) for i, r in enumerate(record.rolls)
            if ms.get(modes.question_of(pos.game.rules, r["what"])) == "matrix"
            and ruled.get(i, {}).get("act") != "matrix"]


def preview(folder, force_bots=False, given=None):
    """The coming turn played in memory (nothing written), with the rulings given so far (or, with
    given, those {roll: act} only): its record, so the facilitator sees the questions chance will
    decide, numbered, before ruling on one."""
    pos = open_seminar(folder)
    if pos.finished:
        raise WargameError(f"{pos.folder}: the game is over: no roll to rule on")
    missing = pos.missing()
    if missing and not force_bots:
        raise WargameError(f"turn {pos.turn}: the rolls depend on the orders; still missing: {', '.join(missing)} "
                           "(or add --force-bots)")
    controllers, _ = _controllers(pos, missing)
    _, record = pos.game.play_turn(pos.state, controllers, _TurnInjects(pos.injects_for()), with_digest=False,
                                   given=_Rulings(rulings(pos) if given is None else given))
    return pos, record


def rule(folder, value, reason, roll=None, what=None, by=None, force_bots=False):
    """A facilitator's ruling on a roll of the coming turn, in place of the dice, with the reason: the
    roll by its number (0, 1, ... in the order drawn) or by what it decides (the first roll whose
    `what` is that text, e.g. 'Crisis on the eastern flank?'). Kept in the white cell's log; the turn's
    record keeps the value under given_rolls and the reason under white_cell. Returns (pos, act)."""
    from wargame import whitecell
    if not reason or not reason.strip():
        raise WargameError("--reason: say why the dice are overruled (it is kept in the record)")
    if value is not None and not 0 <= value < 1:
        raise WargameError(f"--value {value}: a roll is a number in [0, 1)")
    pos, record = preview(folder, force_bots)
    if what is not None:
        found = [i for i, r in enumerate(record.rolls) if r["what"] == what]
        if not found:
            known = sorted({r["what"] for r in record.rolls})
            raise WargameError(f"--what {what!r}: no roll of turn {pos.turn} decides that; the turn's rolls decide: "
                               + "; ".join(known))
        roll = found[0]
    if roll is None or not 0 <= roll < len(record.rolls):
        raise WargameError(f"--roll {roll}: turn {pos.turn} draws rolls 0..{len(record.rolls) - 1} "
                           f"(see 'wargame seminar rule {pos.folder} --list')")
    act = whitecell.append(pos.folder, pos.turn, "rule", roll=roll, what=record.rolls[roll]["what"], value=value,
                           reason=reason.strip(), by=by)
    return pos, act


def _after(pos, state):
    """The Position after a turn just appended, without re-playing the turns before it."""
    replay = read_replay(replay_path(pos.folder))
    pos = Position(pos.folder, pos.game, replay, state, list(replay.turns))
    if not pos.finished:
        begun, events = pos.game.begin(state)
        pos = attrs.evolve(pos, begun=begun, begin_events=list(events))
    return pos


def write_pages(pos):
    """Write the State of the World and every team's pack (text, HTML, the next orders file)."""
    from wargame import seminar_pages as pages
    played = len(pos.records)
    files = {}
    if played:
        world = pages.world(pos)
        files[pos.folder / "world" / f"{turn_name(played)}.txt"] = pages.world_text(world)
        files[pos.folder / "world" / f"{turn_name(played)}.html"] = pages.world_html(world)
    for side in pos.teams:
        pack = pages.pack(pos, side)
        where = pos.folder / "packs" / side
        files[where / f"{turn_name(played)}.txt"] = pages.pack_text(pack)
        files[where / f"{turn_name(played)}.html"] = pages.pack_html(pack)
        if pack.orders_template:
            files[where / f"orders-{turn_name(pos.turn)}.yaml"] = pack.orders_template
    write_all_atomic(files, make_folder=True)  # the seminar folder's own subfolders


def status(folder):
    """Where the seminar stands: a dict for the CLI."""
    pos = open_seminar(folder)
    played = len(pos.records)
    out = {"folder": str(pos.folder), "scenario": pos.game.scenario.name, "turns": pos.game.turns,
           "played": played, "finished": pos.finished, "seats": pos.seats}
    if not pos.finished:
        out.update(turn=pos.turn, date=pos.game.scenario.date_of(pos.begun.day).isoformat(),
                   handed_in={s: len(submissions(pos, s)) for s in pos.handed_in()}, missing=pos.missing(),
                   injects=pos.injects_for())
    from wargame.whitecell import rfis
    out["open_rfis"] = [r for r in rfis(pos.log()) if r.open]
    return out


def ask(folder, side, text):
    """A team's request for information, logged for the turn being played; (position, its number)."""
    from wargame import whitecell
    pos = open_seminar(folder)
    if side not in pos.seats:
        raise WargameError(f"{pos.folder}: the scenario {pos.game.scenario.name} does not seat {side}: no team to ask")
    if side not in pos.teams:
        raise WargameError(f"{pos.folder}: {side} is played by {pos.seats.get(side)} in this seminar, not by a team")
    return pos, whitecell.ask(pos.folder, pos.turn, side, text)


def answer(folder, n, text, to=None):
    """Control's answer to request n, to the asking team (default) or to all; (position, the RFI)."""
    from wargame import whitecell
    pos = open_seminar(folder)
    return pos, whitecell.answer(pos.folder, pos.turn, n, text, to)


def assume(folder, text):
    """An assumption the seminar adds during play, logged for the turn being played."""
    from wargame import whitecell
    if not text.strip():
        raise WargameError("the assumption is empty: write it in quotes after the folder")
    pos = open_seminar(folder)
    n = sum(1 for e in pos.log() if e["act"] == "assume") + 1
    return pos, whitecell.append(pos.folder, pos.turn, "assume", n=n, text=text.strip())


def add_inject(folder, turn, day, text, by=None, reason=None, kind=None, to=(), changes=None):
    """An inject added on the spot for a coming turn (default the one being played), kept in
    DIR/injects-added.yaml and logged; checked as the injects file is. Returns (position, inject)."""
    import yaml
    from wargame import whitecell
    from wargame.injects import check_injects, limit_problems
    pos = open_seminar(folder)
    if pos.finished:
        raise WargameError(f"{pos.folder}: the game is over: no turn to inject into")
    turn = turn or pos.turn
    if turn < pos.turn:
        raise WargameError(f"--turn {turn}: turn {turn} is played already; the coming turn is {pos.turn}")
    if turn > pos.game.turns:
        raise WargameError(f"--turn {turn}: the seminar has {pos.game.turns} turns")
    inj = {"turn": turn, "day": day, "text": text.strip(), **(changes or {})}
    for key, value in (("by", by), ("reason", reason), ("kind", kind)):
        if value:
            inj[key] = value
    if to:
        inj["visible_to"] = list(dict.fromkeys(s.lower() for s in to))
    if not inj["text"]:
        raise WargameError("--text: the inject needs a text")
    [filled] = check_injects(pos.game, [inj], "the inject")
    due = pos.injects_for(turn)  # the turn's injects so far: with this one, within the rules' limits
    problems = limit_problems(due + [filled], pos.game.rules.adjudication.injects, turn)
    if problems:
        raise WargameError(f"--{problems[0][1].replace('_', '-')}: {problems[0][2]}, with the injects already "
                           "due: the inject is not added")
    path = pos.folder / ADDED_INJECTS
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    added = list((doc or {}).get("injects") or []) + [inj]
    text_out = ("# Injects added on the spot with 'wargame seminar inject' (written by the engine).\n"
                + yaml.safe_dump({"injects": added}, sort_keys=False, allow_unicode=True))
    from wargame.files import write_atomic
    write_atomic(path, text_out, force=True, what="injects file")
    whitecell.append(pos.folder, pos.turn, "inject", inject=inj)
    return pos, inj


def undo(folder, reason):
    """Take back the last adjudicated turn so corrected orders can be handed in: the replay loses its
    line (and the end line), which is kept with the reason in DIR/undone.jsonl, and the white cell's
    log names it, so the record of the re-played turn says what was taken back and why."""
    from wargame import whitecell
    from wargame.files import write_all_atomic as write_all
    if not reason or not reason.strip():
        raise WargameError("--reason: say why the turn is taken back (it is kept in the record)")
    pos = open_seminar(folder)
    if not pos.records:
        raise WargameError(f"{pos.folder}: no turn has been adjudicated yet: nothing to undo")
    path = replay_path(pos.folder)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    turn = len(pos.records)
    keep = 1 + turn - 1  # the header and the turns before the last
    removed = lines[keep:]
    removed_turn = removed[0]
    digest = hashlib.sha256(removed_turn.encode("utf-8")).hexdigest()
    undone = pos.folder / UNDONE
    old = undone.read_text(encoding="utf-8") if undone.exists() else ""
    entry = {"turn": turn, "reason": reason.strip(), "sha256": digest, "line": removed_turn.rstrip("\n"),
             "end": removed[1].rstrip("\n") if len(removed) > 1 else None}
    write_all({undone: old + json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n",
               path: "".join(lines[:keep])})
    whitecell.append(pos.folder, turn, "undo", undone_turn=turn, reason=reason.strip(), sha256=digest, file=UNDONE)
    pos = open_seminar(folder)
    write_pages(pos)
    return pos, turn


def is_replay(path):
    """True if path is a file whose first line is a replay header."""
    path = Path(path)
    if not path.is_file():
        return False
    with open(path, "rb") as f:
        first = f.readline(4096)
    return first.lstrip().startswith(b"{") and b'"format":"wargame-replay"' in first.replace(b" ", b"")


def in_progress_template(path, side, turn=None):
    """The orders sheet for side's next turn of the game in progress kept in replay path, or None if
    path is not a replay. WargameError if the game is over or turn is not its next turn."""
    if not is_replay(path):
        return None
    from wargame.templates import orders_template
    pos = position_of(path)
    if pos.finished:
        raise WargameError(f"{path}: the game is over (turn {len(pos.records)} of {pos.game.turns}): no orders to give")
    if turn is not None and turn != pos.turn:
        raise WargameError(f"{path}: the game in progress is at turn {pos.turn}, not turn {turn}")
    return orders_template(pos.game, side, pos.turn, pos.begun)
