"""Attacks from issue 13 (hardening), each through the command line as a user would type it: the exit
code, one line naming the file (and line or turn), no traceback, and nothing on disk lost or replaced.

Groups: replays (edits verify must catch, the reader's strictness, a torn last line, where a replay
may point), CSV formula injection, signals and pipes, exit codes and the seed range, numbers at the
edges (with a hypothesis property: whatever validate accepts, play runs), validate, and resume with
injects. Write safety is tested with its code (tests/test_files.py)."""

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wargame.cli import main
from wargame.replay import dumps

GOLDEN = Path(__file__).resolve().parent.parent / "replays"
SECRET = "root:x:0:0:SECRET-LINE-THAT-MUST-NOT-BE-PRINTED"


def run(args, code, input=None):
    """Invoke the CLI; assert the exit code and that no traceback reached the user."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert result.exit_code == code, (args, result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def one_error(result, *names):
    """The one 'Error:' line of a result; it names each of names."""
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    for name in names:
        assert str(name) in errors[0], (name, errors[0])
    return errors[0]


def objs(path):
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]


def put(path, items):
    Path(path).write_text("".join(dumps(o) for o in items), encoding="utf-8")


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    """A finished 4-turn game of bots, kept read-only for the module: copy it before editing."""
    d = tmp_path_factory.mktemp("kept")
    run(["play", "chaotic", "--turns", 4, "--seed", 5, "--out", d / "game.jsonl"], 0)
    return d / "game.jsonl"


@pytest.fixture
def game(kept, tmp_path):
    path = tmp_path / "game.jsonl"
    shutil.copy(kept, path)
    return path


# The commands that read a replay, with the arguments after it ({other}: a good second replay).
READERS = {
    "show": ["replay", "show", "{r}"],
    "verify": ["replay", "verify", "{r}"],
    "step": ["replay", "step", "{r}"],
    "note": ["replay", "note", "{r}"],
    "debrief": ["debrief", "{r}"],
    "csv": ["debrief", "{r}", "--csv", "{dir}"],
    "compare": ["compare", "{other}", "{r}"],
    "fork": ["fork", "{r}", "--at-turn", "2"],
    "resume": ["resume", "{r}"],
}


def reader_args(name, replay, other, tmp_path):
    subs = {"{r}": str(replay), "{other}": str(other), "{dir}": str(tmp_path / "csv")}
    return [subs.get(a, a) for a in READERS[name]]


def files_in(folder):
    return {p.name: p.read_bytes() for p in Path(folder).iterdir() if p.is_file()}


# --- replays: edits that verify must catch --------------------------------------------------------

EDITS = {
    "turn date": (lambda o: o[2].__setitem__("date", "2026-04-03"), ["turn 2", "date", "2026-04-03"]),
    "bot rationale": (lambda o: o[2]["orders"]["eu"].__setitem__("rationale", "we waited"), ["turn 2", "rationale"]),
    "header controllers": (lambda o: o[0]["controllers"].__setitem__("eu", "human"), ["controllers.eu"]),
    "turn controllers": (lambda o: o[3]["controllers"].__setitem__("eu", "bot:stock_buyer"), ["turn 3", "orders.eu"]),
    "unknown controller": (lambda o: o[3]["controllers"].__setitem__("eu", "bot:oracle"), ["turn 3", "controllers.eu"]),
    "roll probability": (lambda o: o[1]["rolls"][0].__setitem__("p", round(o[1]["rolls"][0]["p"] + 1e-6, 6)),
                         ["turn 1", "roll 1", "differs in p", "recorded 0.300001, now 0.3"]),
    "a metric": (lambda o: o[2]["metrics"].__setitem__("front.ground_km2", o[2]["metrics"]["front.ground_km2"] + 1),
                 ["turn 2", "front.ground_km2"]),
    "the end line's score": (lambda o: o[-1]["scores"]["eu"]["objectives"][0].__setitem__("points", 99),
                             ["turn 4", "points"]),
    "an extra key": (lambda o: o[2].__setitem__("comment", "hi"), ["turn 2", "comment"]),
    "an inject's turn": (lambda o: o[2].__setitem__("injects", [{"turn": 3, "day": 0, "text": "x", "cohesion": 0.0,
                         "support": 0.0, "funds": {}, "stocks": {}, "us_step": None}]), ["turn 2", "injects[1].turn"]),
}


@pytest.mark.parametrize("edit", EDITS)
def test_verify_names_an_edit(game, edit):
    change, names = EDITS[edit]
    items = objs(game)
    change(items)
    put(game, items)
    before = game.read_bytes()
    r = run(["replay", "verify", game], 1)
    assert len(r.output.strip().splitlines()) == 1, r.output
    for name in names:
        assert name in r.output, (name, r.output)
    assert str(game) in r.output
    assert game.read_bytes() == before


def test_the_golden_replays_still_verify():
    paths = sorted(GOLDEN.glob("*.jsonl"))
    r = run(["replay", "verify", *paths], 0)
    assert len(paths) >= 3 and r.output.count("turns identical (finished)") == len(paths)


# --- replays: the reader accepts only what the writer writes ----------------------------------------

def crlf(path):
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return "line 1 ends in CR LF"


def garbage_after_end(path):
    n = len(path.read_bytes().splitlines())
    with open(path, "ab") as f:
        f.write(b"rm -rf /\n")
    return f"line {n + 1} comes after the end line"


def spaces(path):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = json.dumps(json.loads(lines[2])) + "\n"  # the same object, with spaces
    path.write_text("".join(lines), encoding="utf-8")
    return "line 3 is not written the way the engine writes it"


def torn_after_end(path):
    with open(path, "ab") as f:
        f.write(b'{"turn":5')
    return "line 7 comes after the end line"


SHAPES = {"crlf": crlf, "garbage after the end line": garbage_after_end, "spaces": spaces,
          "torn line after the end line": torn_after_end}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_reader_refuses_a_line_the_writer_would_not_write(game, kept, tmp_path, shape, reader):
    expected = SHAPES[shape](game)
    before = files_in(tmp_path)
    r = run(reader_args(reader, game, kept, tmp_path), 1, input="q\n")
    assert expected in one_error(r, game)
    assert files_in(tmp_path) == before  # nothing written, nothing changed


# --- replays: a torn last line ----------------------------------------------------------------------

def tear(path):
    """Cut the replay in the middle of its line 4 (turn 3): turns 1 and 2 are whole."""
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:3]) + b"\n" + lines[3][: len(lines[3]) // 2])


def test_verify_fails_on_a_torn_line_naming_it_and_pointing_to_resume(game):
    tear(game)
    before = game.read_bytes()
    r = run(["replay", "verify", game], 1)
    assert r.output.startswith(f"TORN: {game}: line 4 is cut off") and "wargame resume" in r.output
    assert "2 whole turns identical" in r.output
    assert game.read_bytes() == before


@pytest.mark.parametrize("reader", ["show", "step", "note", "debrief", "csv", "compare", "fork"])
def test_reading_commands_read_the_whole_turns_of_a_torn_replay_with_one_warning(game, kept, tmp_path, reader):
    tear(game)
    before = game.read_bytes()
    r = run(reader_args(reader, game, kept, tmp_path), 0, input="q\n")
    warnings = [line for line in r.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1, r.output
    assert f"{game}: line 4 is cut off" in warnings[0] and "turns 1..2 read whole" in warnings[0]
    assert game.read_bytes() == before


def test_resume_cuts_a_torn_line_and_plays_on_to_the_same_game(game, kept):
    tear(game)
    r = run(["resume", game], 0)
    assert "line 4 was cut off" in r.output and "after turn 2" in r.output
    assert game.read_bytes() == kept.read_bytes()


# --- replays: where a replay may point ----------------------------------------------------------------

@pytest.fixture
def secret(tmp_path):
    """A file outside the game's folder, as /etc/shadow would be."""
    (tmp_path / "etc").mkdir()
    path = tmp_path / "etc" / "shadow"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", ["../etc/shadow", "{abs}", "..", "sub/../../etc/shadow"])
def test_a_replay_cannot_name_a_file_by_a_path(tmp_path, kept, secret, reader, name):
    folder = tmp_path / "games"
    folder.mkdir()
    game = folder / "game.jsonl"
    items = objs(kept)
    items[0]["scenario_file"] = name.replace("{abs}", str(secret))
    put(game, items)
    before = files_in(folder)
    r = run(reader_args(reader, game, kept, folder), 1, input="q\n")
    assert "names a file by a path" in one_error(r, game)
    assert "SECRET-LINE" not in r.output
    assert files_in(folder) == before


def test_a_fork_cannot_name_its_parent_by_a_path(tmp_path, kept, secret):
    game = tmp_path / "fork.jsonl"
    run(["fork", kept, "--at-turn", 2, "--out", kept.parent / "f.jsonl"], 0)
    items = objs(kept.parent / "f.jsonl")
    (kept.parent / "f.jsonl").unlink()
    items[0]["parent"]["file"] = "../etc/shadow"
    put(game, items)
    r = run(["replay", "verify", game], 1)
    assert "names a file by a path" in one_error(r, game) and "SECRET-LINE" not in r.output


@pytest.mark.parametrize("reader", ["show", "verify", "debrief", "fork", "resume"])
def test_a_file_beside_the_replay_that_is_no_scenario_is_named_not_printed(tmp_path, kept, reader):
    game = tmp_path / "game.jsonl"
    items = objs(kept)
    items[0]["scenario_file"] = "notes.txt"
    if reader == "resume":
        items = items[:-1]  # unfinished, so resume gets as far as loading the scenario
    put(game, items)
    (tmp_path / "notes.txt").write_text(SECRET + "\n", encoding="utf-8")
    r = run(reader_args(reader, game, kept, tmp_path), 1)
    line = one_error(r, game, "notes.txt", "wargame validate")
    assert "SECRET-LINE" not in r.output and "root:x" not in line


def test_a_scenario_file_is_looked_up_beside_the_replay_only(tmp_path, monkeypatch):
    from wargame.rules import SCENARIOS_DIR
    monkeypatch.chdir(tmp_path)
    shutil.copy(SCENARIOS_DIR / "coordinated.yaml", "mine.yaml")
    Path("games").mkdir()  # play makes no folder but its default replays/
    run(["play", "mine.yaml", "--turns", 1, "--out", "games/m.jsonl"], 0)
    r = run(["replay", "show", "games/m.jsonl"], 1)
    assert "mine.yaml not found beside the replay" in one_error(r, "games/m.jsonl") and "--scenario" in r.output
    run(["replay", "verify", "games/m.jsonl", "--scenario", "mine.yaml"], 0)
    shutil.copy("mine.yaml", "games/mine.yaml")
    run(["replay", "verify", "games/m.jsonl"], 0)


# --- CSV formula injection ----------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_csv_cells_that_would_run_as_formulas_get_an_apostrophe(tmp_path):
    orders = tmp_path / "eu.yaml"
    run(["orders", "template", "chaotic", "--side", "eu", "--out", orders], 0)
    text = orders.read_text(encoding="utf-8").replace('rationale: ""', f"rationale: {json.dumps(FORMULAS[0])}")
    orders.write_text(text, encoding="utf-8")
    game = tmp_path / "g.jsonl"
    run(["play", "chaotic", "--turns", 1, "--orders", f"eu={orders}", "--out", game], 0)
    for formula in FORMULAS:  # a note is kept stripped: the tab and CR cases are in the next test
        run(["replay", "note", game, "--turn", 1, "--", formula], 0)
    run(["debrief", game, "--csv", tmp_path / "csv"], 0)
    with open(tmp_path / "csv" / "notes.csv", newline="", encoding="utf-8") as f:
        notes = [row["text"] for row in csv.DictReader(f)]
    assert notes == ["'" + x for x in FORMULAS[:4]] + ["TAB", "CR"]
    with open(tmp_path / "csv" / "orders.csv", newline="", encoding="utf-8") as f:
        rationale = [row["value"] for row in csv.DictReader(f) if row["side"] == "eu" and row["key"] == "rationale"]
    assert rationale == ["'" + FORMULAS[0]]
    with open(tmp_path / "csv" / "metrics.csv", newline="", encoding="utf-8") as f:
        values = [row["value"] for row in csv.DictReader(f)]
    assert all(not v.startswith("'") for v in values)
    for name in ("metrics.csv", "events.csv", "orders.csv", "rolls.csv", "notes.csv"):
        with open(tmp_path / "csv" / name, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                    assert not cell.startswith("-") or cell.lstrip("-").replace(".", "", 1).isdigit(), (name, cell)


@pytest.mark.parametrize("value, cell", [("-3.5", "-3.5"), ("+2", "+2"), ("1e-05", "1e-05"), (-3.5, -3.5),
                                         ("-inf", "-inf"), ("-3.5 km", "'-3.5 km"), ("=1+1", "'=1+1"), ("a=b", "a=b"),
                                         ("", ""), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx")])
def test_a_number_stays_a_number_and_only_text_is_neutralised(value, cell):
    from wargame.csvsafe import safe_cell
    assert safe_cell(value) == cell


# --- signals and pipes ----------------------------------------------------------------------------------

def wargame(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "wargame", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)


def test_a_closed_pipe_does_not_lose_the_game(tmp_path):
    """`wargame play chaotic | head -2`: the game plays on to the end, quietly, with its whole replay."""
    out = tmp_path / "g.jsonl"
    shell = f"{sys.executable} -m wargame play chaotic --turns 5 --out {out} | head -2"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 2 and r.stderr == ""
    assert len(out.read_text().splitlines()) == 7  # header, 5 turns, end line
    assert run(["replay", "verify", out], 0)


def test_verify_into_a_closed_pipe_still_reports_its_verdict(tmp_path, kept):
    bad = tmp_path / "bad.jsonl"
    items = objs(kept)
    items[2]["date"] = "2026-04-03"
    put(bad, items)
    shell = f"{sys.executable} -m wargame replay verify {kept} {kept} {bad} | head -1"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and len(r.stdout.splitlines()) == 1 and "Traceback" not in r.stderr


def test_ctrl_c_during_verify_is_exit_130_with_one_line(tmp_path, kept):
    """SIGINT to a verify of many replays: exit 130 (not 1, which would read as 'the check failed')."""
    many = [kept] * 400
    child = wargame("replay", "verify", *many, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    first = child.stdout.readline()  # the first replay is verified: start-up is over, the loop runs
    assert b"identical" in first
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    out = first + out
    assert child.returncode == 130, (out, err)
    assert err.decode().strip() == "Interrupted." and b"Traceback" not in err and b"Aborted" not in err
    assert out.count(b"identical") < len(many)


@pytest.mark.parametrize("where, args", [
    ("wargame.replay.verify", ["replay", "verify", "{kept}"]),
    ("wargame.debrief.story.load_story", ["compare", "{kept}", "{kept}"]),
    ("wargame.engine.Game.load", ["play", "chaotic", "--out", "{tmp}/p.jsonl"]),
    ("wargame.batch.run_batch", ["batch", "chaotic", "--runs", "2", "--out", "{tmp}/b"]),
    ("wargame.replay.read_replay", ["resume", "{kept}"]),
    ("wargame.replay.read_replay", ["replay", "show", "{kept}"]),
])
def test_ctrl_c_outside_the_turn_loop_is_exit_130(monkeypatch, tmp_path, kept, where, args):
    import importlib
    module, _, name = where.rpartition(".")
    try:
        target = importlib.import_module(module)
    except ImportError:  # a class method: module.Class.method
        module, _, cls = module.rpartition(".")
        target = getattr(importlib.import_module(module), cls)

    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(target, name, interrupted)
    before = kept.read_bytes()
    r = run([a.replace("{kept}", str(kept)).replace("{tmp}", str(tmp_path)) for a in args], 130)
    assert r.output.strip().splitlines()[-1] == "Interrupted." and "Aborted" not in r.output
    assert kept.read_bytes() == before
    assert not (tmp_path / "p.jsonl").exists()


# --- exit codes: a file that is missing, unreadable or of the wrong kind is exit 1 -------------------------

@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", ["folder", "missing", "empty", "binary"])
def test_a_replay_of_the_wrong_kind_is_exit_1_naming_it(tmp_path, kept, reader, kind):
    path = tmp_path / "r.jsonl"
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    r = run(reader_args(reader, path, kept, tmp_path), 1, input="q\n")
    one_error(r, path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_replay_is_exit_1_naming_it(tmp_path, kept):
    path = tmp_path / "r.jsonl"
    shutil.copy(kept, path)
    path.chmod(0)
    try:
        one_error(run(["replay", "verify", path], 1), path, "cannot read")
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("command", [["play", "chaotic", "--turns", "1", "--out", "{tmp}/p.jsonl"],
                                     ["resume", "{unfinished}"],
                                     ["fork", "{kept}", "--at-turn", "2", "--out", "{keptdir}/f.jsonl"]])
def test_a_folder_given_as_injects_is_exit_1_naming_it(tmp_path, kept, command):
    unfinished = tmp_path / "u.jsonl"
    put(unfinished, objs(kept)[:3])
    folder = tmp_path / "injects"
    folder.mkdir()
    subs = {"{tmp}": str(tmp_path), "{unfinished}": str(unfinished), "{kept}": str(kept), "{keptdir}": str(kept.parent)}
    args = [subs.get(a, a).replace("{tmp}", str(tmp_path)).replace("{keptdir}", str(kept.parent)) for a in command]
    before = unfinished.read_bytes()
    r = run(args + ["--injects", folder], 1)
    assert "not an injects file" in one_error(r, folder)
    assert unfinished.read_bytes() == before
    assert not (tmp_path / "p.jsonl").exists() and not (kept.parent / "f.jsonl").exists()


def test_a_folder_given_to_batch_from_is_exit_1(tmp_path):
    folder = tmp_path / "parent"
    folder.mkdir()
    r = run(["batch", "chaotic", "--runs", 1, "--out", tmp_path / "b", "--from", folder, "--at-turn", 1], 1)
    one_error(r, folder)


# --- the seed range -------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", ["-1", str(2**63), "99999999999999999999999999"])
@pytest.mark.parametrize("command", ["play", "fork", "batch"])
def test_a_seed_out_of_range_is_a_usage_error_and_writes_nothing(tmp_path, kept, seed, command):
    args = {"play": ["play", "chaotic", "--out", tmp_path / "p.jsonl"],
            "fork": ["fork", kept, "--at-turn", 2, "--out", kept.parent / "f.jsonl"],
            "batch": ["batch", "chaotic", "--runs", 1, "--out", tmp_path / "b"]}[command]
    r = run(args + ["--seed", seed], 2)
    assert "--seed" in r.output and "0<=x<=9223372036854775807" in r.output
    assert not (tmp_path / "p.jsonl").exists() and not (kept.parent / "f.jsonl").exists()
    assert not (tmp_path / "b").exists()


def test_the_largest_seed_plays_and_reads_back(tmp_path):
    game = tmp_path / "g.jsonl"
    run(["play", "chaotic", "--turns", 1, "--seed", 2**63 - 1, "--out", game], 0)
    run(["replay", "verify", game], 0)
    run(["replay", "show", game], 0)


def test_the_library_checks_the_seed_too():
    from wargame.engine import Game
    from wargame.errors import WargameError
    with pytest.raises(WargameError, match="0 to 2\\*\\*63-1"):
        Game.load("chaotic", seed=-1)


def test_a_replay_whose_seed_is_out_of_range_is_one_line(game):
    items = objs(game)
    items[0]["seed"] = -1
    put(game, items)
    assert "seed" in one_error(run(["replay", "verify", game], 1), game)


# --- kill -9 ------------------------------------------------------------------------------------------------

def test_kill_9_keeps_every_completed_turn_and_resume_gives_the_same_game(tmp_path, kept):
    """A game killed with SIGKILL mid-play: every turn written is whole (at most a torn last line),
    verify says what is there, and resume finishes the same game as an uninterrupted one."""
    game = tmp_path / "g.jsonl"
    child = wargame("play", "chaotic", "--turns", 12, "--seed", 5, "--out", game,
                    env=dict(os.environ, PYTHONUNBUFFERED="1"))
    for _ in range(4):  # the start line and three turns
        assert child.stdout.readline()
    child.kill()
    child.communicate(timeout=60)
    r = CliRunner().invoke(main, ["replay", "verify", str(game)])
    assert "Traceback" not in r.output
    assert (r.exit_code, r.output.split(":")[0]) in ((0, str(game)), (1, "TORN")), r.output
    run(["resume", game], 0)
    run(["play", "chaotic", "--turns", 12, "--seed", 5, "--out", tmp_path / "whole.jsonl"], 0)
    assert game.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()


def test_batch_from_a_torn_replay_warns_once(tmp_path, kept):
    parent = tmp_path / "parent.jsonl"
    shutil.copy(kept, parent)
    tear(parent)
    r = run(["batch", "chaotic", "--runs", 1, "--out", tmp_path / "b", "--from", parent, "--at-turn", 2], 0)
    warnings = [line for line in r.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "line 4 is cut off" in warnings[0], r.output


@pytest.mark.parametrize("kind", ["missing", "binary"])
def test_validate_a_path_of_the_wrong_kind_is_exit_1_naming_it(tmp_path, kind):
    path = tmp_path / "x.yaml"
    if kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    r = run(["validate", path], 1)
    assert str(path) in r.output and len(r.output.strip().splitlines()) == 1, r.output


# --- numbers at the edges: every number has a range, checked by validate and by play alike --------

HUGE_INT = "1" + "0" * 320
NUMBER_ATTACKS = {
    "qty": ("side: eu\nprocure:\n  - supplier: eu_shells\n    qty: {n}\n", 4, "procure[0].qty: expected a whole "
            "number from 1 to 100,000,000, found"),
    "safe_draw": ("side: eu\nsafe_draw: {f}\n", 2, "safe_draw: expected a number from 0 to 1,000,000, found"),
    "fund_ukraine": ("side: eu\nfund_ukraine: {f}\n", 2, "fund_ukraine: expected a number from 0 to 1,000,000"),
    "transfer": ("side: eu\ntransfer: {{shell: {n}}}\n", 2, "transfer.shell: expected a whole number from 1 to"),
    "deep_strikes": ("side: ukraine\ndeep_strikes: {n}\n", 2, "deep_strikes: expected a whole number from 0 to"),
    "nan": ("side: eu\nsafe_draw: .nan\n", 2, "safe_draw: expected a number from 0 to 1,000,000, found nan"),
    "inf": ("side: eu\nfund_ukraine: .inf\n", 2, "fund_ukraine: expected a number from 0 to 1,000,000, found inf"),
}


@pytest.mark.parametrize("value", ["huge int", "1e300"])
@pytest.mark.parametrize("attack", NUMBER_ATTACKS)
def test_a_huge_number_in_orders_is_one_line_from_validate_and_from_play(tmp_path, attack, value):
    text, line, message = NUMBER_ATTACKS[attack]
    path = tmp_path / "orders.yaml"
    path.write_text(text.format(n=HUGE_INT if value == "huge int" else "1.0e+300",
                                f=HUGE_INT if value == "huge int" else "1.0e+300"), encoding="utf-8")
    r = run(["validate", path], 1)
    assert r.output.strip() == r.output.strip().splitlines()[0] and f"orders.yaml:{line}: {message}" in r.output, r.output
    side = text.split()[1]
    r = run(["play", "chaotic", "--turns", 2, "--orders", f"{side}={path}", "--out", tmp_path / "g.jsonl"], 1)
    one_error(r, f"orders.yaml:{line}: {message}")


@pytest.mark.parametrize("text, line, message", [
    ("injects:\n  - turn: 1\n    text: x\n    funds: {eu: 1.0e+300}\n", 4,
     "injects[0].funds.eu: expected a number from -1,000,000 to 1,000,000, found 1e+300"),
    (f"injects:\n  - turn: 1\n    text: x\n    stocks: {{ukraine: {{shell: {HUGE_INT}}}}}\n", 4,
     "injects[0].stocks.ukraine.shell: expected a whole number from -100,000,000 to 100,000,000, found a whole "
     "number of 321 digits"),
    ("injects:\n  - turn: 1\n    text: x\n    cohesion: .nan\n", 4, "injects[0].cohesion: expected a number from -1 to 1"),
    ("injects:\n  - turn: 1\n    day: 500\n    text: x\n", 3, "injects[0].day: expected a whole number from 0 to 366"),
    ("injects:\n  - turn: 1\n    day: 95\n    text: x\n", 3, "injects[0].day: day 95 is past the turn's length (91 days)"),
])
def test_a_number_out_of_range_in_injects_is_one_line_from_validate_and_from_play(tmp_path, text, line, message):
    path = tmp_path / "injects.yaml"
    path.write_text(text, encoding="utf-8")
    r = run(["validate", path], 1)
    assert len(r.output.strip().splitlines()) == 1 and f"injects.yaml:{line}: {message}" in r.output, r.output
    r = run(["play", "chaotic", "--turns", 2, "--injects", path, "--out", tmp_path / "g.jsonl"], 1)
    one_error(r, f"injects.yaml:{line}: {message}")
    assert not (tmp_path / "g.jsonl").exists()


@pytest.fixture
def own_rules(tmp_path):
    """A copy of the rules beside a copy of the chaotic scenario that names them."""
    rules = tmp_path / "rules"
    shutil.copytree(GOLDEN.parent / "rules", rules)
    scenario = (GOLDEN.parent / "scenarios" / "chaotic.yaml").read_text(encoding="utf-8")
    (tmp_path / "s.yaml").write_text(scenario.replace("  turns: 20\n", "  turns: 20\n  rules: rules\n"), encoding="utf-8")
    return rules


def _set_line(path, key, value):
    """Replace the value of the first line `    KEY: ...` in path; returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{key}:"):
            lines[i] = line[:line.index(key)] + f"{key}: {value}\n"
            path.write_text("".join(lines), encoding="utf-8")
            return i + 1
    raise AssertionError(key)


@pytest.mark.parametrize("key, value, message", [
    ("gdp", "1.0e+300", "money.eu.gdp: expected a number from 1 to 100,000,000, found 1e+300"),
    ("gdp", HUGE_INT, "money.eu.gdp: expected a number from 1 to 100,000,000, found a whole number of 321 digits"),
    ("budget_per_turn", "1.0e+300", "money.ukraine.budget_per_turn: expected a number from 0 to 1,000,000"),
    ("budget_per_turn", ".inf", "money.ukraine.budget_per_turn: expected a number from 0 to 1,000,000, found inf"),
    ("total", "1.0e+300", "money.safe.total: expected a number >= 0 of at most 1,000,000,000,000 in size"),
])
def test_a_huge_number_in_the_rules_is_one_line_from_validate_and_from_play(tmp_path, own_rules, key, value, message):
    line = _set_line(own_rules / "money.yaml", key, value)
    r = run(["validate", own_rules], 1)
    assert r.output.startswith(f"{own_rules / 'money.yaml'}:{line}: {message}"), r.output
    assert len(r.output.strip().splitlines()) == 1, r.output
    r = run(["play", tmp_path / "s.yaml", "--turns", 2, "--out", tmp_path / "g.jsonl"], 1)
    one_error(r, f"money.yaml:{line}: {message}")
    assert not (tmp_path / "g.jsonl").exists()


@pytest.mark.parametrize("value", ["1.0e+300", HUGE_INT, ".nan", "-.inf"])
def test_batch_set_refuses_a_number_out_of_range(tmp_path, value):
    r = run(["batch", "chaotic", "--runs", 1, "--out", tmp_path / "b", "--set", f"money.eu.gdp={value}"], 1)
    one_error(r, "--set money.eu.gdp", "expected a number from 1 to 100,000,000")
    assert not (tmp_path / "b" / "runs.csv").exists()


@pytest.mark.parametrize("turns", [None, 200])
def test_a_game_that_would_run_past_the_calendar_is_refused(tmp_path, turns):
    scenario = (GOLDEN.parent / "scenarios" / "chaotic.yaml").read_text(encoding="utf-8")
    path = tmp_path / "late.yaml"
    start = "9999-12-01" if turns is None else "9950-01-01"
    path.write_text(scenario.replace("start_date: 2026-01-01", f"start_date: {start}"), encoding="utf-8")
    if turns is None:
        r = run(["validate", path], 1)
        assert "late.yaml:5: scenario.start_date: 20 turns of 91 days" in r.output and "start on 9985-01-08" in r.output
        r = run(["play", path, "--turns", 2, "--out", tmp_path / "g.jsonl"], 1)
        one_error(r, "late.yaml:5: scenario.start_date")
    else:
        run(["validate", path], 0)
        r = run(["play", path, "--turns", turns, "--out", tmp_path / "g.jsonl"], 1)
        one_error(r, "late.yaml", "200 turns of 91 days from 9950-01-01 run past the calendar's end")
    assert not (tmp_path / "g.jsonl").exists()


@pytest.mark.parametrize("typed, why", [
    ("buy eu_shells 1e400", "expected a whole number (such as 1000 or 1,000), found 1e400"),
    (f"buy eu_shells {HUGE_INT}", "a quantity is a whole number from 1 to 100,000,000, found 100000000000000000000..."),
    ("safe 1e300", "an amount is EUR million, from 0 to 1,000,000, found 1e300"),
    ("fund nan", "an amount is EUR million, from 0 to 1,000,000, found nan"),
    ("fund inf", "an amount is EUR million, from 0 to 1,000,000, found inf"),
])
def test_a_huge_number_at_the_prompt_is_refused_in_words(tmp_path, typed, why):
    r = run(["play", "chaotic", "--turns", 1, "--human", "eu", "--out", tmp_path / "g.jsonl"], 0,
            input=f"{typed}\ndone\ny\n")
    assert f"Not understood: {why}" in r.output, r.output


# --- validate says what play says ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "side: eu\nturns:\n  1:\n    procure:\n      - {supplier: eu_shells, qty: 1000}\n  2:\n    safe_draw: 100\n",
    "turns:\n  1:\n    side: eu\n    turn: 1\n    procure: []\n  2:\n    side: eu\n    turn: 2\n",
    "procure:\n  - {supplier: eu_shells, qty: 5}\n",  # no side: play gives it one (--orders eu=FILE)
])
def test_validate_accepts_the_orders_files_play_accepts(tmp_path, text):
    path = tmp_path / "eu.yaml"
    path.write_text(text, encoding="utf-8")
    assert run(["validate", path], 0).output == f"{path}: ok\n"
    run(["play", "chaotic", "--turns", 2, "--orders", f"eu={path}", "--out", tmp_path / "g.jsonl"], 0)


@pytest.mark.parametrize("text, line, message", [
    ("side: eu\nprocure:\n  - supplier: ru_shells\n    qty: 10\n", 3,
     "procure[0].supplier: eu may not buy from ru_shells (buyers: russia)"),
    ("side: eu\nbuild: [ru_shell_expansion]\n", 2, "build[0]: eu may not build ru_shell_expansion (builders: russia)"),
    ("side: eu\nturns:\n  1:\n    procure:\n      - {supplier: ru_shells, qty: 10}\n", 5,
     "turns[1].procure[0].supplier: eu may not buy from ru_shells (buyers: russia)"),
    ("side: eu\nturns:\n  1:\n    turn: 2\n", 4, "turns[1].turn: these are the orders of turn 1, found turn: 2"),
])
def test_validate_refuses_the_orders_files_play_refuses(tmp_path, text, line, message):
    path = tmp_path / "eu.yaml"
    path.write_text(text, encoding="utf-8")
    r = run(["validate", path], 1)
    assert r.output == f"{path}:{line}: {message}\n", r.output
    r = run(["play", "chaotic", "--turns", 1, "--orders", f"eu={path}", "--out", tmp_path / "g.jsonl"], 1)
    assert "Traceback" not in r.output and "eu.yaml" in r.output


@pytest.mark.parametrize("edit", ["rename", "list", "syntax", "binary"])
def test_a_broken_rules_table_is_reported_first_and_its_dependents_skipped(tmp_path, edit):
    rules = tmp_path / "rules"
    shutil.copytree(GOLDEN.parent / "rules", rules)
    areas = rules / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    if edit == "rename":
        areas.write_text(text.replace("\nareas:", "\narias:"), encoding="utf-8")
    elif edit == "list":
        areas.write_text(text.replace("\n  air_missile_defence:", "\n  - air_missile_defence:"), encoding="utf-8")
    elif edit == "syntax":
        areas.write_text(text + "oops: [\n", encoding="utf-8")
    else:
        areas.write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    r = run(["validate", rules], 1)
    lines = r.output.strip().splitlines()
    assert lines[0].startswith(f"{areas}:"), r.output
    assert "unknown area" not in r.output and len(lines) <= 2, r.output
    if len(lines) == 2:
        assert lines[1] == f"{rules}: not checked until areas loads: bots, items, projects, start", r.output


# --- resume and injects ----------------------------------------------------------------------------

RESUME_INJECTS = """injects:
  - turn: 2
    day: 10
    text: "Sabotage at a rail hub"
    funds: {eu: -500}
  - turn: 3
    day: 5
    text: "Shells found"
    stocks: {ukraine: {shell: 50000}}
"""


@pytest.fixture
def stopped(tmp_path):
    """A 3-turn game with injects on turns 2 and 3, played whole (full.jsonl) and stopped after turn 2
    waiting for the EU's orders (part.jsonl, whose orders for turn 3 are then added)."""
    (tmp_path / "inj.yaml").write_text(RESUME_INJECTS, encoding="utf-8")
    for folder, turns in (("all", (1, 2, 3)), ("some", (1, 2))):
        (tmp_path / folder).mkdir()
        for t in turns:
            run(["orders", "template", "chaotic", "--side", "eu", "--turn", t,
                 "--out", tmp_path / folder / f"eu-{t}.yaml"], 0)
    common = ["--turns", 3, "--seed", 4, "--injects", tmp_path / "inj.yaml"]
    run(["play", "chaotic", *common, "--orders", f"eu={tmp_path / 'all'}", "--out", tmp_path / "full.jsonl"], 0)
    run(["play", "chaotic", *common, "--orders", f"eu={tmp_path / 'some'}", "--out", tmp_path / "part.jsonl"], 1)
    shutil.copy(tmp_path / "all" / "eu-3.yaml", tmp_path / "some" / "eu-3.yaml")
    return tmp_path


def test_resume_without_the_injects_file_says_how_to_give_it_and_writes_nothing(stopped):
    before = (stopped / "part.jsonl").read_bytes()
    r = run(["resume", stopped / "part.jsonl", "--orders", f"eu={stopped / 'some'}"], 1)
    one_error(r, "part.jsonl", "played with the injects file inj.yaml", "--injects inj.yaml", "--no-injects")
    assert (stopped / "part.jsonl").read_bytes() == before


def test_resume_with_the_injects_file_gives_the_uninterrupted_game(stopped):
    run(["resume", stopped / "part.jsonl", "--orders", f"eu={stopped / 'some'}", "--injects", stopped / "inj.yaml"], 0)
    assert (stopped / "part.jsonl").read_bytes() == (stopped / "full.jsonl").read_bytes()


def test_resume_with_no_injects_plays_on_without_them_and_verifies(stopped):
    run(["resume", stopped / "part.jsonl", "--orders", f"eu={stopped / 'some'}", "--no-injects"], 0)
    assert "injects" not in objs(stopped / "part.jsonl")[3]  # turn 3 without its inject
    assert "injects" in objs(stopped / "full.jsonl")[3]
    run(["replay", "verify", stopped / "part.jsonl"], 0)


def test_resume_of_a_game_whose_turns_record_injects_asks_for_them_too(stopped):
    """A replay written before the header named the injects file: the turns' injects tell."""
    lines = objs(stopped / "part.jsonl")
    del lines[0]["injects_file"]
    put(stopped / "part.jsonl", lines)
    r = run(["resume", stopped / "part.jsonl", "--orders", f"eu={stopped / 'some'}"], 1)
    one_error(r, "played with white-cell injects", "--injects FILE")


def test_an_inject_added_for_a_turn_already_played_is_named_in_one_warning(stopped):
    with open(stopped / "inj.yaml", "a", encoding="utf-8") as f:
        f.write('  - turn: 1\n    text: "Too late"\n    cohesion: -0.1\n')
    r = run(["resume", stopped / "part.jsonl", "--orders", f"eu={stopped / 'some'}", "--injects", stopped / "inj.yaml"], 0)
    warnings = [line for line in r.output.splitlines() if line.startswith("Warning:")]
    assert warnings == [f"Warning: {stopped / 'inj.yaml'}: inject 'Too late' is for turn 1, which was played already: "
                        "it is not used (give it a later turn)"], r.output
    assert (stopped / "part.jsonl").read_bytes() == (stopped / "full.jsonl").read_bytes()


def test_two_orders_files_for_one_turn_are_refused_naming_both(tmp_path):
    (tmp_path / "eu").mkdir()
    for name in ("eu-turn-1.yaml", "eu-turn-01.yaml"):
        run(["orders", "template", "chaotic", "--side", "eu", "--turn", 1, "--out", tmp_path / "eu" / name], 0)
    r = run(["play", "chaotic", "--turns", 2, "--orders", f"eu={tmp_path / 'eu'}", "--out", tmp_path / "g.jsonl"], 1)
    one_error(r, "eu-turn-01.yaml", "eu-turn-1.yaml", "two orders files for eu, turn 1")
    assert not (tmp_path / "g.jsonl").exists()


def test_a_side_given_twice_is_a_usage_error(tmp_path):
    r = run(["play", "chaotic", "--orders", "eu=a.yaml", "--orders", "eu=b.yaml", "--out", tmp_path / "g.jsonl"], 2)
    assert "eu=a.yaml and eu=b.yaml: eu is given twice" in r.output
    assert not (tmp_path / "g.jsonl").exists()


# --- the property: whatever validate accepts, play runs (no traceback) -----------------------------

@settings(max_examples=int(os.environ.get("EDGE_EXAMPLES", 40)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), side=st.sampled_from(["eu", "ukraine", "russia"]))
def test_orders_and_injects_that_validate_also_play(tmp_path_factory, data, side):
    import yaml

    from tests.strategies import edge_injects, edge_orders
    folder = tmp_path_factory.mktemp("edges")
    orders, injects = data.draw(edge_orders(side), "orders"), data.draw(edge_injects(), "injects")
    (folder / "o.yaml").write_text(yaml.safe_dump(orders, sort_keys=False), encoding="utf-8")
    (folder / "i.yaml").write_text(yaml.safe_dump(injects, sort_keys=False), encoding="utf-8")
    checked = CliRunner().invoke(main, ["validate", str(folder / "o.yaml"), str(folder / "i.yaml")])
    assert checked.exit_code in (0, 1) and checked.exception is None or isinstance(checked.exception, SystemExit), \
        checked.output
    assert "Traceback" not in checked.output
    if checked.exit_code != 0:
        event("refused by validate")
        return  # refused at the door with file:line lines: the point
    played = CliRunner().invoke(main, ["play", "chaotic", "--turns", "2", "--orders", f"{side}={folder / 'o.yaml'}",
                                       "--injects", str(folder / "i.yaml"), "--out", str(folder / "g.jsonl")])
    assert "Traceback" not in played.output, played.output
    assert played.exception is None or isinstance(played.exception, SystemExit), (repr(played.exception), orders, injects)
    # play may still refuse what depends on the game (money, stocks): Error: and a file:line per problem
    refusal = played.output[played.output.find("Error:"):].splitlines()
    assert played.exit_code == 0 or refusal and all("o.yaml:" in line or "i.yaml:" in line for line in refusal), \
        played.output
    event(f"play exit {played.exit_code}")
    if played.exit_code == 0:
        run(["replay", "verify", folder / "g.jsonl"], 0)


def test_a_folder_of_orders_files_is_read_as_orders_even_when_a_key_is_also_a_rules_table(tmp_path):
    (tmp_path / "eu-1.yaml").write_text("projects: [enablers_phase1]\n", encoding="utf-8")
    (tmp_path / "ru-1.yaml").write_text("strikes: {missiles: 5}\n", encoding="utf-8")
    (tmp_path / "eu-all.yaml").write_text("side: eu\nturns:\n  1: {safe_draw: 10}\n  2: {}\n", encoding="utf-8")
    assert run(["validate", tmp_path], 0).output == f"{tmp_path}: ok\n"
    rules = GOLDEN.parent / "rules"
    run(["validate", rules / "projects.yaml", rules / "strikes.yaml"], 0)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_rules_file_is_the_first_line(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(GOLDEN.parent / "rules", rules)
    (rules / "areas.yaml").chmod(0)
    try:
        r = run(["validate", rules], 1)
    finally:
        (rules / "areas.yaml").chmod(0o644)
    lines = r.output.strip().splitlines()
    assert lines[0].startswith(f"{rules / 'areas.yaml'}:") and "unknown area" not in r.output, r.output


@pytest.mark.parametrize("name", ["../../etc/shadow", "/etc/shadow", 5])
def test_a_header_cannot_name_its_injects_file_by_a_path(stopped, name):
    lines = objs(stopped / "part.jsonl")
    lines[0]["injects_file"] = name
    put(stopped / "part.jsonl", lines)
    r = run(["resume", stopped / "part.jsonl", "--orders", f"eu={stopped / 'some'}"], 1)
    one_error(r, "part.jsonl", "injects_file")
