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
from wargame.errors import OrderError, OutputError, ReplayError, RuleError, RuleErrors, WargameError
from wargame.files import cut_torn_tail, write_atomic
from wargame.model import digest
from wargame.rules import SCENARIOS_DIR, load_scenario, scenario_names
from wargame.seeds import valid_seed

FORMAT = "wargame-replay"
FORMAT_VERSION = 1


def dumps(obj):
    """The one text of a replay line: sorted keys, no spaces, a newline."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def header_for(game, controllers, scenario_ref, parent=None, injects_file=None):
    """The header line of a new replay. No wall-clock time and no machine path goes in.

    injects_file: the white cell's injects file the game is played with, if any; its bare name is kept
    (`injects_file`), so `resume` knows to ask for it again."""
    packaged = Path(game.scenario.path).resolve().parent == SCENARIOS_DIR.resolve()
    header = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "engine": __version__,
        "scenario": game.scenario.name,
        "scenario_file": None if packaged else Path(game.scenario.path).name,
        "rules_sha256": game.rules.sha256, "scenario_sha256": game.scenario.sha256,
        "seed": game.seed, "turns": game.turns,
        "controllers": {side: controllers[side].label for side in game.sides},
        "parent": parent,
    }
    if injects_file:
        header["injects_file"] = Path(injects_file).name
    return header


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
    torn_line: int | None = None  # the line number of a cut-off last line

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

    def injects_used(self):
        """The injects file named in the header, or "white-cell injects" if only turns record injects;
        None if the game has neither."""
        if self.header.get("injects_file"):
            return self.header["injects_file"]
        return "white-cell injects" if any(rec.get("injects") for rec in self.turns) else None

    @property
    def last_controllers(self):
        """Who played each side last ({side: label}): the last turn's record, else the header."""
        return (self.turns[-1].get("controllers") if self.turns else None) or self.header["controllers"]

    def torn_note(self):
        """One line on a cut-off last line (None if there is none): what a reading command tells the user."""
        if not self.torn_tail:
            return None
        whole = f"turns {self.first_turn}..{self.last_turn}" if self.turns else "no turn"
        return (f"{self.path}: line {self.torn_line} is cut off (a write was interrupted): {whole} read whole; "
                f"'wargame resume {self.path}' cuts it off and continues from the last whole turn")


HEADER_KEYS = ("controllers", "engine", "format", "format_version", "parent", "rules_sha256", "scenario",
               "scenario_file", "scenario_sha256", "seed", "turns")
OPTIONAL_HEADER_KEYS = ("injects_file",)  # only when the game was played with an injects file
TURN_KEYS = ("controllers", "date", "digest", "events", "metrics", "orders", "rolls", "turn")
OPTIONAL_TURN_KEYS = ("given_rolls", "injects", "submissions", "white_cell")
END_KEYS = ("end", "metrics", "scores")


def _not_as_written(path, turn, number, line):
    """ReplayError for a line that parses but is not the text the writer writes."""
    if line.endswith("\r"):
        what = ("ends in CR LF (Windows line ends): the file was converted after it was written "
                "(convert it back to LF line ends, e.g. with dos2unix)")
    else:
        what = "is not written the way the engine writes it (keys sorted, no spaces): the file was edited"
    return ReplayError(path, turn, f"line {number} {what}")


def read_replay(path):
    """Read a replay file; ReplayError (file, turn, what) if it is not one or is damaged.

    The reader accepts exactly what ReplayWriter writes: every line as dumps() writes it, the header's
    and each turn's keys, turns in order, nothing after the end line. A cut-off last line (a write that
    was interrupted) is not an error here: it is reported in torn_tail and torn_line, and each command
    says what it does with it."""
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
    lines = lines[:-1]  # the text after the last newline: empty, or a torn line
    if not lines:
        raise ReplayError(path, None, "not a replay: the file is empty" if not torn else
                          "not a replay: the first line is cut off or is not a replay header")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        raise ReplayError(path, None, "not a replay: the first line is not a replay header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ReplayError(path, None, "not a replay: the first line is not a replay header")
    version = header.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise ReplayError(path, None, f"replay format version {version} is newer than this engine reads "
                          f"({FORMAT_VERSION}): update wargame")
    if version != FORMAT_VERSION:
        raise ReplayError(path, None, f"the header's format_version {version} is not one this engine wrote: "
                          "the file was edited or damaged")
    for key in ("scenario", "seed", "turns", "controllers", "rules_sha256", "scenario_sha256"):
        if key not in header:
            raise ReplayError(path, None, f"the header has no '{key}': the file was edited or damaged")
    for key in ("seed", "turns"):
        if not isinstance(header[key], int) or isinstance(header[key], bool) or header[key] < (key == "turns"):
            raise ReplayError(path, None, f"the header's '{key}' is not a whole number: the file was edited or damaged")
    if not valid_seed(header["seed"]):
        raise ReplayError(path, None, "the header's 'seed' is outside 0..2**63-1: the file was edited or damaged")
    if not isinstance(header["controllers"], dict):
        raise ReplayError(path, None, "the header's 'controllers' is damaged")
    for key in HEADER_KEYS:
        if key not in header:
            raise ReplayError(path, None, f"the header has no '{key}': the file was edited or damaged")
    for key in sorted(set(header) - set(HEADER_KEYS) - set(OPTIONAL_HEADER_KEYS)):
        raise ReplayError(path, None, f"the header has an unknown key '{key}': the file was edited or damaged")
    parent = header.get("parent")
    if parent is not None and not (isinstance(parent, dict) and isinstance(parent.get("at_turn"), int)
                                   and isinstance(parent.get("file"), str)
                                   and sorted(parent) == ["at_turn", "digest", "file", "seed"]):
        raise ReplayError(path, None, "the header's 'parent' is damaged: it needs 'file', 'at_turn', 'seed' and 'digest'")
    if "injects_file" in header and not (isinstance(header["injects_file"], str)
                                         and plain_file_name(header["injects_file"])):
        raise ReplayError(path, None, "the header's 'injects_file' is not a file name: the file was edited or damaged")
    for name in (header.get("scenario_file"), parent and parent["file"]):
        if name is not None and not plain_file_name(name):
            raise ReplayError(path, None, f"the header names a file by a path ({name!r}): a replay names its "
                              "scenario and parent by a file name beside it; the file was edited")
    if dumps(header)[:-1] != lines[0]:
        raise _not_as_written(path, None, 1, lines[0])
    turns, end = [], None
    first = parent["at_turn"] if parent else 1
    for number, line in enumerate(lines[1:], start=2):
        n = first + number - 2
        if end is not None:
            raise ReplayError(path, None, f"line {number} comes after the end line: the file was edited or damaged")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise ReplayError(path, n, "this line is not valid JSON: the file was edited or damaged") from None
        if not isinstance(obj, dict):
            raise ReplayError(path, n, "this line is not a turn record")
        if "end" in obj:
            if obj["end"] is not True or set(obj) != set(END_KEYS):
                raise ReplayError(path, n - 1, f"line {number} is not an end line ({', '.join(END_KEYS)}): "
                                  "the file was edited or damaged")
            if n - 1 != header["turns"]:
                raise ReplayError(path, n - 1, f"the end line follows turn {n - 1}, but the game has "
                                  f"{header['turns']} turns: the file was edited or damaged")
            end = obj
        else:
            if obj.get("turn") != n:
                fork_note = f" (the fork starts at the header's parent.at_turn, {first})" if parent else ""
                raise ReplayError(path, n, f"line {number} holds turn {_show(obj.get('turn'))} where turn {n} was "
                                  f"expected{fork_note}: the file was edited or damaged")
            if not isinstance(obj.get("orders"), dict) or n > header["turns"]:
                raise ReplayError(path, n, f"expected the record of turn {n}: the file was edited or damaged")
            for key in TURN_KEYS:
                if key not in obj:
                    raise ReplayError(path, n, f"the turn record has no '{key}': the file was edited or damaged")
            for key in sorted(set(obj) - set(TURN_KEYS) - set(OPTIONAL_TURN_KEYS)):
                raise ReplayError(path, n, f"the turn record has an unknown key '{key}': the file was edited or damaged")
            turns.append(obj)
        if dumps(obj)[:-1] != line:
            raise _not_as_written(path, n if end is None else n - 1, number, line)
    torn_line = len(lines) + 1 if torn else None
    if torn and end is not None:
        raise ReplayError(path, None, f"line {torn_line} comes after the end line: the file was edited or damaged")
    return Replay(str(path), header, turns, end, torn, torn_line)


def plain_file_name(name):
    """True for a bare file name (no folder, no '..', not absolute): what a replay may name beside it."""
    return (isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\\" not in name
            and "\0" not in name and Path(name).name == name and not Path(name).is_absolute())


def game_from_header(replay, scenario_path=None):
    """The Game a replay was played with: the scenario given (--scenario), else the packaged scenario
    of its name, else the scenario file the header names, looked up beside the replay only.

    A replay never makes the engine read another file: the header can name only a bare file name
    (read_replay refuses a path), and a file found that way that does not load is reported without
    its contents."""
    h = replay.header
    ref = scenario_path
    beside = False
    if ref is None:
        if h.get("scenario_file"):
            ref = Path(replay.path).parent / h["scenario_file"]
            if not ref.is_file():
                raise ReplayError(replay.path, None, f"scenario file {h['scenario_file']} not found beside the "
                                  "replay: put it there or give it with --scenario")
            beside = True
        elif h["scenario"] in scenario_names():
            ref = h["scenario"]
        else:
            raise ReplayError(replay.path, None, f"scenario '{h['scenario']}' is not installed: give it with --scenario")
    try:
        scenario, rules = load_scenario(ref)
    except WargameError as e:
        if beside and not _only_about_other_files(e, ref):  # a file the replay chose: never echo what it holds
            raise ReplayError(replay.path, None, f"the scenario file the replay names ({ref}) does not load as a "
                              f"scenario and its rules: check it with 'wargame validate {ref}'") from None
        raise ReplayError(replay.path, None, f"the rules this replay names cannot be loaded: {e}") from None
    return Game(scenario, rules, h["seed"], h["turns"])


def _only_about_other_files(error, scenario_file):
    """True when every problem is placed in another file than the scenario (its rules folder, say)."""
    errors = error.errors if isinstance(error, RuleErrors) else [error]
    return all(isinstance(e, RuleError) and e.file and Path(e.file).resolve() != Path(scenario_file).resolve()
               for e in errors)


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
    controllers = {side: _RecordedOrders(replay, side) for side in game.sides}
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
        raise ReplayError(replay.path, None, f"this game is a fork of {replay.header['parent']['file']}, which is not "
                          "beside it (the header's parent.file): put the parent replay next to it")
    return p


def start_state(game, replay):
    """The state a replay starts from: the scenario's start, or for a fork the parent's state before
    its turn at_turn, re-played (and checked) from the parent's own header and orders."""
    parent = replay.header.get("parent")
    if not parent:
        return game.initial_state()
    state, parent_game = state_before(parent_path(replay), parent["at_turn"])
    if parent.get("seed") != parent_game.seed:
        raise ReplayError(replay.path, None, f"the header's parent.seed is {parent.get('seed')!r}, but the parent "
                          f"replay's seed is {parent_game.seed}: the file was edited")
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


def fork_header(game, controllers, parent, entry, injects_file=None):
    """The header of a fork of the Replay parent: the parent entry from fork(), and the parent's
    scenario file (a fork is kept beside its parent, so the same name finds it)."""
    header = header_for(game, controllers, game.scenario.name, parent=entry, injects_file=injects_file)
    header["scenario_file"] = parent.header.get("scenario_file")
    return header
def _show(value, limit=60):
    """A value in a one-line message: repr for numbers (every digit that differs), quoted short text."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if not isinstance(value, float) else repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _show_pair(recorded, now, limit=60):
    """Two differing values for a message; of two long texts, the part where they start to differ."""
    if isinstance(recorded, str) and isinstance(now, str) and max(len(recorded), len(now)) > limit:
        i = next((k for k, (x, y) in enumerate(zip(recorded, now)) if x != y), min(len(recorded), len(now)))
        start = max(0, i - 20)
        cut = (lambda t: ("..." if start else "") + t[start:start + limit])
        return _show(cut(recorded), limit + 10), _show(cut(now), limit + 10)
    return _show(recorded, limit), _show(now, limit)


def _first_leaf_difference(a, b, where=""):
    """(path, recorded, now) of the first place two JSON values differ, or None; a, b = now, recorded."""
    if type(a) is type(b) and isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return (f"{where}.{k}" if where else k, b.get(k, "(absent)"), a.get(k, "(absent)"))
            found = _first_leaf_difference(a[k], b[k], f"{where}.{k}" if where else k)
            if found:
                return found
        return None
    if type(a) is type(b) and isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = _first_leaf_difference(x, y, f"{where}[{i + 1}]")
            if found:
                return found
        if len(a) != len(b):
            return (f"{where} (its length)", len(b), len(a))
        return None
    if a == b and type(a) is type(b):
        return None
    return (where, b, a)


def _leaf_text(found):
    where, recorded, now = found
    recorded, now = _show_pair(recorded, now)
    return f"{where}: recorded {recorded}, now {now}"


def first_difference(fresh, recorded):
    """A one-line account of the first way two turn records differ, or None (controllers are checked
    by verify, which knows who gave the orders)."""
    for key in ("date", "orders", "injects", "rolls", "events", "metrics", "digest"):
        a, b = fresh.get(key), recorded.get(key)
        if a == b and type(a) is type(b):
            continue
        if key == "date":
            return f"the date differs: recorded {_show(b)}, now {_show(a)}"
        if key == "rolls" and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    what = y.get("what", "?") if isinstance(y, dict) else "?"
                    found = _first_leaf_difference(x, y)
                    if found and found[0] == "roll":
                        return f"roll {i + 1} ({what}) differs: recorded {_show(y.get('roll'))}, now {_show(x.get('roll'))}"
                    return f"roll {i + 1} ({what}) differs in {_leaf_text(found)}"
            return f"the number of rolls differs: recorded {len(b)}, now {len(a)}"
        if key == "events" and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    found = _first_leaf_difference(x, y)
                    if found and found[0] == "text":
                        return f"event {i + 1} differs in text: recorded '{y.get('text')}', now '{x.get('text')}'"
                    return f"event {i + 1} differs in {_leaf_text(found)}"
            return f"the number of events differs: recorded {len(b)}, now {len(a)}"
        if key == "metrics" and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                if k not in a or k not in b or a[k] != b[k] or type(a[k]) is not type(b[k]):
                    return f"metric {k} differs: recorded {_show(b.get(k, '(absent)'))}, now {_show(a.get(k, '(absent)'))}"
        if key == "digest":
            return f"the state differs (digest recorded {b}, now {a})"
        found = _first_leaf_difference(a, b, key)
        return f"{_leaf_text(found)}" if found else f"{key} differ"
    return None


def check_controllers(game, replay):
    """ReplayError unless every turn names a known controller for each side, and the header's are the
    first turn's (the header is written with the controllers of the first turn played)."""
    from wargame.controllers.bots import policy_names
    for rec in replay.turns:
        labels = rec["controllers"]
        if not isinstance(labels, dict) or sorted(labels) != sorted(game.sides):
            raise ReplayError(replay.path, rec["turn"], "controllers: not one per side: the file was edited or damaged")
        for side, label in labels.items():
            ok = label in ("human", "orders") or (
                isinstance(label, str) and label.startswith("bot:") and label[4:] in policy_names(game.rules, side))
            if not ok:
                raise ReplayError(replay.path, rec["turn"], f"controllers.{side}: {_show(label)} is not a bot policy "
                                  "of these rules, 'human' or 'orders': the file was edited or damaged")
    if replay.turns:
        first = replay.turns[0]["controllers"]
        seminar = "submissions" in replay.turns[0]
        for side in game.sides:
            seat, played = replay.header["controllers"].get(side), first.get(side)
            # in a seminar, a team's seat ('orders') may be played by its bot when the team hands in
            # nothing (seminar turn --force-bots); any other difference is an edit
            stand_in = seminar and seat == "orders" and isinstance(played, str) and played.startswith("bot:")
            if seat != played and not stand_in:
                raise ReplayError(replay.path, None, f"the header's controllers.{side} is {_show(seat)}, but turn "
                                  f"{replay.first_turn} was played by {_show(played)}: the file was edited")


def check_inject_turns(rec, path):
    """ReplayError if an inject kept in a turn's record names another turn."""
    for i, inject in enumerate(rec.get("injects") or [], start=1):
        if isinstance(inject, dict) and inject.get("turn") != rec["turn"]:
            raise ReplayError(path, rec["turn"], f"injects[{i}].turn is {_show(inject.get('turn'))}, but the inject is "
                              "kept in this turn's record: the file was edited")


def check_inject_conditions(rec, before, path, first_of_fork=False):
    """ReplayError if a conditional inject kept in a turn's record (one with `when:`) was not due: its
    condition must hold on the metrics of the turn before (before: that record, None for turn 1)."""
    from wargame.injects import condition_holds
    for i, inject in enumerate(rec.get("injects") or [], start=1):
        when = inject.get("when") if isinstance(inject, dict) else None
        if not isinstance(when, dict):
            continue
        if before is None:
            if first_of_fork:  # the turn before is the parent's, which verify does not read here
                continue
            raise ReplayError(path, rec["turn"], f"injects[{i}] is conditional (when:), but the first turn has no "
                              "turn before it to check the condition on: the file was edited")
        if not condition_holds(when, before.get("metrics") or {}):
            value = (before.get("metrics") or {}).get(when.get("metric"))
            raise ReplayError(path, rec["turn"], f"injects[{i}] fired on {when.get('metric')} {when.get('op')} "
                              f"{_show(when.get('value'))}, but the turn before ended with {_show(value)}: "
                              "the file was edited")


def check_bot_orders(game, state, rec, path):
    """ReplayError if a side the record says a bot played has orders (or a rationale) other than the
    bot gives from the state before the turn. Orders of people and orders files are taken as recorded."""
    from wargame.controllers.base import BotController
    begun, _ = game.begin(state)
    for side in game.sides:
        label = rec["controllers"][side]
        if not label.startswith("bot:"):
            continue
        try:
            expected = json.loads(dumps(BotController(side, label[4:]).orders(game, begun, side)))
        except WargameError as e:
            raise ReplayError(path, rec["turn"], f"{label} gives no valid {side} orders here: {e}") from None
        found = _first_leaf_difference(expected, rec["orders"].get(side), f"orders.{side}")
        if found:
            where, recorded, now = found
            recorded, now = _show_pair(recorded, now)
            raise ReplayError(path, rec["turn"], f"{where}: recorded {recorded}, but {label} gives "
                              f"{now}: the file was edited")


@attrs.frozen
class Verdict:
    """The result of verifying one replay."""

    ok: bool
    turns: int
    message: str
    torn: bool = False  # failed only because the last line is cut off


def check_rulings(game, rec, path):
    """The white cell's rulings of a seminar turn (umpire overrides and matrix arguments) agree with its
    given rolls, and a matrix ruling's dice with the game's seed: ReplayError naming the turn if not."""
    from wargame.modes import check_record
    acts = rec.get("white_cell") or []
    try:
        why = check_record(game.seed, rec["turn"], acts, rec.get("given_rolls"))
    except (KeyError, TypeError, ValueError, AttributeError):
        why = "the white cell's record of the turn is damaged: the file was edited"
    if why:
        raise ReplayError(path, rec["turn"], why)


def verify(path, scenario_path=None):
    """Re-play a replay from its header and orders alone and compare every turn and the outcome.

    Also: who played each side (a bot's orders and rationale are derived again and compared), and a
    cut-off last line fails the check (resume continues from the last whole turn)."""
    replay = read_replay(path)
    game = game_from_header(replay, scenario_path)
    changed = rules_changed(game, replay)
    records = []
    try:
        check_controllers(game, replay)
        state = start_state(game, replay)
        fresh_turns = replay_turns(game, replay)
        for i, rec in enumerate(replay.turns):
            check_inject_turns(rec, replay.path)
            check_inject_conditions(rec, replay.turns[i - 1] if i else None, replay.path,
                                    first_of_fork=bool(replay.header.get("parent")))
            check_bot_orders(game, state, rec, replay.path)
            check_rulings(game, rec, replay.path)
            state, fresh, _ = next(fresh_turns)
            records.append(fresh)
        if replay.end is not None:
            outcome = json.loads(dumps({"end": True, **game.outcome(None, records)}))
            found = _first_leaf_difference(outcome, replay.end, "end")
            if found:
                raise ReplayError(replay.path, len(records) and replay.last_turn,
                                  f"the final outcome differs: {_leaf_text(found)}")
    except ReplayError as e:
        if changed:
            return Verdict(False, len(records), f"{e}; the {changed}, and the outcome changed")
        return Verdict(False, len(records), str(e))
    if replay.torn_tail:
        return Verdict(False, len(records), f"{replay.torn_note()} ({len(records)} whole "
                       f"turn{'' if len(records) == 1 else 's'} identical)", torn=True)
    state = "finished" if replay.finished else f"unfinished after turn {replay.last_turn} of {replay.header['turns']}"
    if replay.header.get("parent"):
        state += f"; a fork of {replay.header['parent']['file']} at turn {replay.first_turn}"
    note = f" ({changed}, but the outcome is the same)" if changed else ""
    return Verdict(True, len(records), f"{path}: {len(records)} turn{'' if len(records) == 1 else 's'} identical ({state}){note}")
