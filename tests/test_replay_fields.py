"""Every field of a replay, changed by hand, is caught by `wargame replay verify`, which names the turn
and the field (or the first effect of an input it re-plays); or the field is listed in
docs/replay-format.md ("What verify checks") as one it does not check, with the reason.

Fields: each key of the header (of a game and of a fork), each key of a turn record with the nested
keys of its first event, roll, inject and procure line and of every side's orders, and the end line."""

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.replay import dumps

DOC = Path(__file__).resolve().parent.parent / "docs" / "replay-format.md"

INJECTS = """injects:
  - turn: 2
    day: 10
    text: "Sabotage at a rail hub"
    cohesion: -0.03
    funds: {eu: -500}
    stocks: {ukraine: {shell: 50000}}
    us_step: {areas: {air_missile_defence: 0.5}, troops: 5000, notice_days: 0}
"""

# Fields verify does not check, as documented (a changed value still verifies, exit 0).
NOT_CHECKED = {
    "header": {"engine", "injects_file", "rules_sha256", "scenario_sha256"},
    "turn": {"orders.eu.rationale"},  # eu plays from orders files in this game: its rationale is input
}

# Inputs verify re-plays: an edit is caught by its first effect, which the message names instead.
BY_EFFECT = {"seed": "roll", "injects.": "", "orders.eu.": ""}


def run(args, code=None):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    if code is not None:
        assert result.exit_code == code, (args, result.output)
    return result


@pytest.fixture(scope="module")
def games(tmp_path_factory):
    """o.jsonl: chaotic, 3 turns, EU from orders files, an inject on turn 2; f.jsonl: its fork at turn 2."""
    d = tmp_path_factory.mktemp("fields")
    (d / "inj.yaml").write_text(INJECTS, encoding="utf-8")
    (d / "eu").mkdir()
    for t in (1, 2, 3):
        run(["orders", "template", "chaotic", "--side", "eu", "--turn", t, "--out", d / "eu" / f"eu-turn-{t}.yaml"], 0)
    run(["play", "chaotic", "--turns", 3, "--seed", 2, "--injects", d / "inj.yaml", "--orders", f"eu={d / 'eu'}",
         "--out", d / "o.jsonl"], 0)
    run(["fork", d / "o.jsonl", "--at-turn", 2, "--out", d / "f.jsonl"], 0)
    run(["replay", "verify", d / "o.jsonl", d / "f.jsonl"], 0)
    return d


def leaves(obj, path=()):
    """Paths to the leaves of a JSON value; of a list, only its first item's (its items share a shape)."""
    if isinstance(obj, dict) and obj:
        for k in sorted(obj):
            yield from leaves(obj[k], path + (k,))
    elif isinstance(obj, list) and obj:
        yield from leaves(obj[0], path + (0,))
    else:
        yield path


def changed(v):
    if isinstance(v, bool):
        return not v
    if isinstance(v, int):
        return v + 1
    if isinstance(v, float):
        return round(v + 0.000001, 6)
    if isinstance(v, str):
        return v + "x"
    if v is None:
        return "x"
    return ["x"] if isinstance(v, list) else {"x": 1}


def dotted(path):
    return ".".join(str(p) for p in path)


def mutations(games, name, line, keep_metrics=3):
    objs = [json.loads(x) for x in (games / name).read_text(encoding="utf-8").splitlines()]
    seen_metrics = 0
    for path in leaves(objs[line]):
        if path[0] == "metrics":
            seen_metrics += 1
            if seen_metrics > keep_metrics:
                continue
        edited = copy.deepcopy(objs)
        target = edited[line]
        for p in path[:-1]:
            target = target[p]
        target[path[-1]] = changed(target[path[-1]])
        yield path, edited


@pytest.fixture(autouse=True)
def rules_loaded_once(monkeypatch):
    """Load each scenario and its rules once for this module (they are frozen): the YAML is most of a verify."""
    import wargame.replay
    real, cache = wargame.replay.load_scenario, {}

    def cached(ref, *args):
        key = (str(ref), Path(str(ref)).is_file() and Path(str(ref)).stat().st_mtime_ns) + args
        if key not in cache:
            cache[key] = real(ref, *args)
        return cache[key]
    monkeypatch.setattr(wargame.replay, "load_scenario", cached)


def check_all(games, name, line, kind, expect_turn):
    """Write each mutation beside the game, verify it through the CLI; the list of fields missed."""
    missed = []
    for path, edited in mutations(games, name, line):
        field = dotted(path)
        bad = games / f"edited-{name}"
        bad.write_text("".join(dumps(o) for o in edited), encoding="utf-8")
        result = run(["replay", "verify", bad])
        out = result.output
        if field in NOT_CHECKED.get(kind, ()):
            if result.exit_code != 0:
                missed.append(f"{field}: documented as not checked, but verify failed: {out.strip()}")
            continue
        if result.exit_code != 1 or len(out.strip().splitlines()) != 1:
            missed.append(f"{field}: verify gave exit {result.exit_code}: {out.strip()}")
            continue
        if expect_turn and f"turn {expect_turn}" not in out:
            missed.append(f"{field}: the turn is not named: {out.strip()}")
        effect = next((v for k, v in BY_EFFECT.items() if field.startswith(k) or field == k), None)
        if kind == "turn" and field == "injects.0.turn":
            effect = None
        name_of_field = {"format": "not a replay", "format_version": "version", "scenario_file": "scenario file",
                         "turn": "turn"}.get(field, str([p for p in path if not isinstance(p, int)][-1]))
        if effect is None and name_of_field not in out:
            missed.append(f"{field}: the field ({name_of_field}) is not named: {out.strip()}")
        if effect and effect not in out:
            missed.append(f"{field}: its effect ({effect}) is not named: {out.strip()}")
    return missed


def test_every_header_field_of_a_game(games):
    assert check_all(games, "o.jsonl", 0, "header", None) == []


def test_every_header_field_of_a_fork(games):
    assert check_all(games, "f.jsonl", 0, "header", None) == []


def test_every_field_of_a_turn(games):
    assert check_all(games, "o.jsonl", 2, "turn", 2) == []


def test_every_field_of_the_end_line(games):
    assert check_all(games, "o.jsonl", 4, "end", 3) == []


def test_every_turn_key_is_covered():
    """The turn record's keys, as the engine writes them, are all among the fields mutated above."""
    from wargame.replay import HEADER_KEYS, OPTIONAL_TURN_KEYS, TURN_KEYS
    # given_rolls (a turn played with rolls given in place of the dice) is edited and caught in
    # tests/test_chance.py::test_an_edited_given_roll_is_caught_by_verify
    # submissions (a seminar team's filed orders files, by hash) and white_cell (the white cell's acts of
    # the turn: questions, answers, assumptions, injects added, a turn taken back) are the record of the
    # room, listed in docs/replay-format.md as not checked
    assert set(TURN_KEYS) | set(OPTIONAL_TURN_KEYS) == {"controllers", "date", "digest", "events", "given_rolls",
                                                         "injects", "metrics", "orders", "rolls", "submissions", "turn",
                                                         "white_cell"}
    assert "parent" in HEADER_KEYS


def test_the_fields_not_checked_are_documented():
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## What verify checks"):]
    for field in ("engine", "rules_sha256", "scenario_sha256", "rationale", "controllers", "metrics"):
        assert f"`{field}`" in section, field
