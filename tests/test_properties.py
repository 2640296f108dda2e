"""Properties over many games: determinism, conservation, no negative holdings, valid orders never crash,
and resuming after an interruption at any turn gives the same replay."""

import copy
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import play_to_file
from strategies import SCENARIOS, bot_policies, orders_for, scenarios, seeds
from wargame.cli import main
from wargame.controllers.base import BotController
from wargame.engine import Game, game_turns
from wargame.errors import OrderError
from wargame.model import SIDES
from wargame.rules import load_rules

RULES = load_rules()
SOME = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TURNS = 4


def bots(policies):
    return {side: BotController(side, policy) for side, policy in policies.items()}


def assert_sound(state, where=""):
    """The invariants that hold at every point between turns."""
    for side in SIDES:
        s = state.sides[side]
        negative = {item: q for item, q in s.stocks.items() if q < 0}
        assert not negative, f"{where}: {side} holds negative stocks {negative}"
        assert s.troops >= 0
        assert s.funds >= -1e-6, f"{where}: {side} funds {s.funds}"
        assert s.safe_funds >= -1e-6, f"{where}: {side} SAFE funds {s.safe_funds}"
        assert s.spent >= -1e-9
        held = s.funds + s.safe_funds + s.spent
        assert abs(s.credited - held) <= 1e-6 * max(1.0, abs(s.credited)), \
            f"{where}: {side} credited {s.credited} but holds + spent {held}"
    assert all(p >= 0 for p in state.us.points.values()), f"{where}: US points {state.us.points}"
    assert state.us.troops >= 0
    for line in state.lines.values():
        assert all(0 <= o.delivered < o.qty for o in line.queue)
    assert 0 <= state.cohesion <= 1 and 0 <= state.support <= 1


@given(scenario=scenarios, seed=seeds, data=st.data())
@SOME
def test_bot_games_keep_the_invariants(scenario, seed, data):
    game = Game.load(scenario, seed=seed, turns=6)
    controllers = bots(data.draw(bot_policies(game.rules)))
    before = game.initial_state()
    assert_sound(before, "start")
    for state, record in game_turns(game, controllers, before):
        assert_sound(game.begin(before)[0], f"turn {state.turn} begun")
        assert_sound(state, f"after turn {state.turn}")
        assert record.metrics["us.points"] >= 0
        before = state


def test_a_whole_game_keeps_the_invariants():
    for scenario in SCENARIOS:
        game = Game.load(scenario, seed=2)
        state, records = game.play(on_turn=lambda s, r: assert_sound(s, f"{scenario} turn {s.turn}"))
        assert len(records) == game.turns


@given(scenario=scenarios, seed=seeds, data=st.data())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_any_valid_orders_are_adjudicated(scenario, seed, data):
    game = Game.load(scenario, seed=seed, turns=3)
    state = game.initial_state()
    for _ in range(data.draw(st.integers(1, 3), label="turns")):
        begun, events = game.begin(state)
        orders = {}
        for side in SIDES:
            raw = data.draw(orders_for(game.rules, begun, side), label=f"{side} orders, turn {begun.turn + 1}")
            try:
                orders[side] = game.check(begun, side, copy.deepcopy(raw))
            except OrderError:
                assume(False)
        state, record = game.resolve(begun, orders, events)
        assert_sound(state, f"turn {state.turn}")
        assert record.turn == state.turn and record.rolls is not None


class Scripted:
    """Gives raw orders drawn by hypothesis (first game) or replayed from a list (second game)."""

    label = "scripted"

    def __init__(self, side, data=None, given=None):
        self.side, self.data, self.given = side, data, given
        self.raw = []

    def orders(self, game, state, side):
        if self.given is not None:
            raw = self.given[state.turn]
        else:
            raw = self.data.draw(orders_for(game.rules, state, side), label=f"{side} turn {state.turn + 1}")
            self.raw.append(copy.deepcopy(raw))
        try:
            return game.check(state, side, copy.deepcopy(raw))
        except OrderError:
            assume(False)


@given(scenario=scenarios, seed=seeds, data=st.data())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_same_seed_and_orders_give_the_same_replay_bytes(scenario, seed, data):
    with tempfile.TemporaryDirectory() as tmp:
        first = {side: Scripted(side, data=data) for side in SIDES}
        play_to_file(Path(tmp) / "a.jsonl", scenario, seed, turns=3, controllers=first)
        again = {side: Scripted(side, given=first[side].raw) for side in SIDES}
        play_to_file(Path(tmp) / "b.jsonl", scenario, seed, turns=3, controllers=again)
        assert (Path(tmp) / "a.jsonl").read_bytes() == (Path(tmp) / "b.jsonl").read_bytes()


@given(scenario=scenarios, seed=seeds, data=st.data())
@SOME
def test_bot_games_are_byte_identical(scenario, seed, data):
    policies = data.draw(bot_policies(RULES))
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.jsonl", Path(tmp) / "b.jsonl"
        play_to_file(a, scenario, seed, turns=3, controllers=bots(policies))
        play_to_file(b, scenario, seed, turns=3, controllers=bots(policies))
        assert a.read_bytes() == b.read_bytes()


def test_different_seeds_give_different_games():
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.jsonl", Path(tmp) / "b.jsonl"
        play_to_file(a, "chaotic", 1, turns=2)
        play_to_file(b, "chaotic", 2, turns=2)
        assert a.read_bytes().split(b"\n")[1:] != b.read_bytes().split(b"\n")[1:]


@given(scenario=scenarios, seed=seeds, k=st.integers(0, TURNS - 1), torn=st.booleans(), data=st.data())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_resume_after_any_turn_gives_the_same_replay(scenario, seed, k, torn, data):
    policies = data.draw(bot_policies(RULES))
    runner = CliRunner()
    with runner.isolated_filesystem():
        play_to_file(Path("full.jsonl"), scenario, seed, turns=TURNS, controllers=bots(policies))
        full = Path("full.jsonl").read_bytes()
        kept = full.split(b"\n")
        cut = b"\n".join(kept[:k + 1]) + b"\n"
        if torn:
            cut += kept[k + 1][: data.draw(st.integers(1, len(kept[k + 1]) - 1), label="torn bytes")]
        Path("cut.jsonl").write_bytes(cut)
        result = runner.invoke(main, ["resume", "cut.jsonl"])
        assert result.exit_code == 0, result.output
        assert Path("cut.jsonl").read_bytes() == full


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_library_and_cli_write_the_same_replay(scenario):
    runner = CliRunner()
    with runner.isolated_filesystem():
        play_to_file(Path("lib.jsonl"), scenario, 9, turns=2)
        result = runner.invoke(main, ["play", scenario, "--seed", "9", "--turns", "2", "--out", "cli.jsonl"])
        assert result.exit_code == 0, result.output
        assert Path("lib.jsonl").read_bytes() == Path("cli.jsonl").read_bytes()
