"""Forks of kept games: with the parent's own controllers and seed, a fork reproduces the parent's
remaining turns byte for byte; and the fork's errors are one clear line."""

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.cli import main

TURNS = 5
_PARENTS = {}


def run(args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def parent(scenario, seed):
    """A finished all-bot game of TURNS turns, played once per (scenario, seed) and kept for the session."""
    key = (scenario, seed)
    if key not in _PARENTS:
        d = Path(tempfile.mkdtemp(prefix="wargame-fork-parents-"))
        path = d / f"{scenario}-{seed}.jsonl"
        run(["play", scenario, "--seed", seed, "--turns", TURNS, "--out", path])
        _PARENTS[key] = path
    return _PARENTS[key]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=st.sampled_from(["coordinated", "chaotic", "us-stays"]), seed=st.sampled_from([1, 7]),
       at_turn=st.integers(1, TURNS))
def test_a_fork_with_the_parents_controllers_and_seed_reproduces_the_parent(scenario, seed, at_turn):
    src = parent(scenario, seed)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "parent.jsonl"
        shutil.copyfile(src, p)
        fork = Path(d) / "fork.jsonl"
        run(["fork", p, "--at-turn", at_turn, "--out", fork])
        parent_lines = p.read_bytes().splitlines(keepends=True)
        fork_lines = fork.read_bytes().splitlines(keepends=True)
        # line k of the parent is turn k; the fork's line 1 is turn at_turn; both end with the same end line
        assert fork_lines[1:] == parent_lines[at_turn:]
        assert "identical" in run(["replay", "verify", fork]).output


@pytest.fixture
def kept(tmp_path):
    p = tmp_path / "game.jsonl"
    shutil.copyfile(parent("chaotic", 1), p)
    return p


def test_fork_beyond_the_game_is_a_clear_error(kept):
    r = run(["fork", kept, "--at-turn", TURNS + 3], code=1)
    assert r.output.startswith(f"Error: {kept}: cannot fork at turn {TURNS + 3}: the game has turns 1..{TURNS}")
    assert len(r.output.strip().splitlines()) == 1
    assert sorted(x.name for x in kept.parent.iterdir()) == ["game.jsonl"]


def test_a_fork_without_its_parent_beside_it_is_a_clear_error(kept, tmp_path):
    run(["fork", kept, "--at-turn", 3, "--seed", 5, "--out", tmp_path / "fork.jsonl"])
    away = tmp_path / "elsewhere"
    away.mkdir()
    (tmp_path / "fork.jsonl").rename(away / "fork.jsonl")
    for args in (["replay", "verify", away / "fork.jsonl"], ["fork", away / "fork.jsonl", "--at-turn", 4]):
        r = run(args, code=1)
        assert "fork of game.jsonl, which is not beside it" in r.output, r.output
        assert "Traceback" not in r.output
    # the debrief views need only the fork itself
    assert "a fork of game.jsonl at turn 3" in run(["debrief", away / "fork.jsonl"]).output


def test_a_fork_of_a_fork_verifies(kept, tmp_path):
    run(["fork", kept, "--at-turn", 2, "--seed", 9, "--out", tmp_path / "f1.jsonl"])
    run(["fork", tmp_path / "f1.jsonl", "--at-turn", 4, "--out", tmp_path / "f2.jsonl"])
    assert "identical" in run(["replay", "verify", tmp_path / "f2.jsonl"]).output
    r = run(["fork", tmp_path / "f1.jsonl", "--at-turn", 1], code=1)
    assert "cannot fork at turn 1: the game has turns 2.." in r.output
