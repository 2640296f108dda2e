"""Choices that get made: the EU buys what Ukraine asks for from the joint-venture lines it built in
Ukraine where they cost less; Ukraine spends money left over on its other lines (joint ventures) and
builds an expansion of a line it has filled; neither when it does not pay off."""

import json
from pathlib import Path

from wargame.controllers.bots import bot_orders
from wargame.engine import Game

ROOT = Path(__file__).parent.parent


def _jv_line(view, lid, item, unit_cost):
    view["lines"][lid] = {"name": lid, "owner": "ukraine", "site": "ukraine", "item": item, "unit_cost": unit_cost,
                          "buyers": ["ukraine", "eu"], "fms": False, "rate": 800, "rate_next_turn": 800,
                          "backlog": 0, "my_backlog": 0, "my_orders": [], "damage": 0.0, "open": True}


def _view(side):
    game = Game.load("coordinated", seed=1)
    state, _events = game.begin(game.initial_state())
    return game, game.view(state, side)


def test_the_eu_buys_ukraines_shells_from_its_joint_venture_first():
    game, v = _view("eu")
    _jv_line(v, "jv_shells_ukraine", "shell", 0.0025)
    v["started"].append("jv_shells_ukraine")
    v["requests"] = {"shell": 10000}
    orders = bot_orders(game.rules, "eu", "early_investor", v)
    for_ukraine = [p for p in orders["procure"] if p.get("for") == "ukraine"
                   and v["lines"][p["supplier"]]["item"] == "shell"]
    assert for_ukraine[0]["supplier"] == "jv_shells_ukraine"
    # stock_buyer keeps its old ways (FMS first, no joint-venture rule)
    orders = bot_orders(game.rules, "eu", "stock_buyer", v)
    assert all(p["supplier"] != "jv_shells_ukraine" for p in orders["procure"])


def test_a_joint_venture_dearer_than_the_first_seller_waits():
    game, v = _view("eu")
    _jv_line(v, "jv_shells_ukraine", "shell", 0.01)  # dearer than European plants
    v["started"].append("jv_shells_ukraine")
    v["requests"] = {"shell": 10000}
    orders = bot_orders(game.rules, "eu", "early_investor", v)
    shells = [p["supplier"] for p in orders["procure"] if p.get("for") == "ukraine"
              and v["lines"][p["supplier"]]["item"] == "shell"]
    assert shells and shells[0] != "jv_shells_ukraine"


def test_ukraine_spends_money_left_on_its_joint_venture_and_expands_a_full_line():
    game, v = _view("ukraine")
    _jv_line(v, "jv_shells_ukraine", "shell", 0.0025)
    v["funds"] = 50_000.0  # far more than its lines can take this turn
    orders = bot_orders(game.rules, "ukraine", "shells_first", v)
    assert "jv_shells_ukraine" in [p["supplier"] for p in orders["procure"]]
    assert "ua_shell_expansion" in orders["build"]


def test_ukraine_does_not_build_while_its_lines_have_room():
    game, v = _view("ukraine")
    v["funds"] = 10.0  # too little to fill any line
    orders = bot_orders(game.rules, "ukraine", "shells_first", v)
    assert orders["build"] == []


def test_the_golden_games_use_joint_ventures_and_ukrainian_builds():
    for name in ("coordinated", "chaotic"):
        turns = [json.loads(line) for line in (ROOT / "replays" / f"{name}.jsonl").read_text().splitlines()[1:]]
        turns = [t for t in turns if "orders" in t]
        jv = {side for t in turns for side, o in t["orders"].items()
              for p in o.get("procure", []) if p["supplier"].startswith("jv_")}
        assert jv == {"eu", "ukraine"}, name
        assert any(t["orders"]["ukraine"].get("build") for t in turns), name
        made = sum(t["metrics"].get("made.ukraine.shell", 0) for t in turns)
        assert made > 0
