"""The library's one game loop (play_game), the controllers rebuilt from a replay's labels, and where
replays and forks are kept by default."""

import pytest

from wargame.controllers.base import BotController, OrdersFileController, controllers_from_labels, default_controllers
from wargame.engine import Game, play_game
from wargame.errors import AwaitingOrders, ReplayError, WargameError
from wargame.replay import ReplayWriter, default_replay_path, fork_path, header_for, read_replay, verify
from wargame.vocab import SIDES


class StopAt:
    """A bot that raises at a given turn, as Ctrl-C or a missing orders file would."""

    def __init__(self, side, turn, error):
        self.bot, self.turn, self.error = BotController(side, "early_investor"), turn, error
        self.label = "bot:early_investor"

    def orders(self, game, state, side):
        if state.turn + 1 == self.turn:
            raise self.error
        return self.bot.orders(game, state, side)


@pytest.fixture(scope="module")
def game():
    return Game.load("us-stays", seed=3, turns=4)


def test_the_loop_writes_the_same_replay_as_the_golden_path(game, tmp_path):
    controllers = default_controllers(game.rules)
    seen = []
    writer = ReplayWriter(tmp_path / "a.jsonl", header_for(game, controllers, "us-stays"))
    result = play_game(game, controllers, writer=writer, on_turn=lambda s, r: seen.append((s.turn, r.turn)))
    assert result.finished and not result.interrupted and result.awaiting is None
    assert seen == [(1, 1), (2, 2), (3, 3), (4, 4)]
    state, records = game.play(controllers)
    assert [r.to_json() for r in records] == [r.to_json() for r in result.records]
    assert "4 turns identical (finished)" in verify(tmp_path / "a.jsonl").message


def test_ctrl_c_keeps_the_completed_turns(game, tmp_path):
    controllers = dict(default_controllers(game.rules), eu=StopAt("eu", 3, KeyboardInterrupt()))
    writer = ReplayWriter(tmp_path / "b.jsonl", header_for(game, controllers, "us-stays"))
    result = play_game(game, controllers, writer=writer)
    assert result.interrupted and not result.finished and len(result.records) == 2 and result.state.turn == 2
    rp = read_replay(tmp_path / "b.jsonl")
    assert rp.last_turn == 2 and not rp.finished
    with pytest.raises(KeyboardInterrupt):  # a caller that handles Ctrl-C itself
        play_game(game, controllers, catch_interrupt=False)


def test_a_side_awaiting_orders_stops_the_game(game):
    controllers = dict(default_controllers(game.rules), eu=StopAt("eu", 2, AwaitingOrders("eu.yaml: no orders")))
    result = play_game(game, controllers)
    assert result.awaiting == "eu.yaml: no orders" and len(result.records) == 1 and not result.finished


def test_controllers_from_labels(game, tmp_path):
    labels = {"eu": "bot:stock_buyer", "ukraine": "human", "russia": "orders"}
    made = []
    orders = OrdersFileController("russia", tmp_path)
    got = controllers_from_labels(game.rules, labels, {"russia": orders}, make_human=lambda s: made.append(s) or "H")
    assert got["eu"].label == "bot:stock_buyer" and got["ukraine"] == "H" and got["russia"] is orders
    assert made == ["ukraine"]
    with pytest.raises(ReplayError, match="russia played from orders files: give them again with --orders russia=PATH"):
        controllers_from_labels(game.rules, labels, make_human=lambda s: "H", replay="g.jsonl")
    with pytest.raises(ReplayError, match="ukraine was played at a terminal"):
        controllers_from_labels(game.rules, {"ukraine": "human"})
    forked = controllers_from_labels(game.rules, labels, keep_people=False)
    defaults = default_controllers(game.rules)
    assert [forked[s].label for s in SIDES] == ["bot:stock_buyer", defaults["ukraine"].label, defaults["russia"].label]


def test_default_names_of_replays_and_forks(tmp_path):
    assert default_replay_path("chaotic", 7, tmp_path) == tmp_path / "chaotic-seed7.jsonl"
    (tmp_path / "chaotic-seed7.jsonl").write_text("")
    assert default_replay_path("chaotic", 7, tmp_path) == tmp_path / "chaotic-seed7-2.jsonl"
    parent = tmp_path / "g.jsonl"
    assert fork_path(parent, 3, 9) == tmp_path / "g-fork3-seed9.jsonl"
    (tmp_path / "g-fork3-seed9.jsonl").write_text("")
    assert fork_path(parent, 3, 9) == tmp_path / "g-fork3-seed9-2.jsonl"
    assert fork_path(parent, 3, 9, force=True) == tmp_path / "g-fork3-seed9.jsonl"
    with pytest.raises(WargameError, match="keep a fork beside its parent"):
        fork_path(parent, 3, 9, out=tmp_path / "sub" / "f.jsonl")


def test_game_play_raises_what_play_game_reports(game):
    controllers = {"eu": StopAt("eu", 2, AwaitingOrders("eu.yaml: no orders"))}
    with pytest.raises(AwaitingOrders, match="eu.yaml: no orders"):
        game.play(controllers)


def test_an_unknown_bot_label_is_named(game):
    with pytest.raises(ReplayError, match="g.jsonl: eu was played by an unknown bot policy 'gone'"):
        controllers_from_labels(game.rules, {"eu": "bot:gone"}, replay="g.jsonl")
