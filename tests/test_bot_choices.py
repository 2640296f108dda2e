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


def test_ukraines_current_lines_policy_keeps_to_the_lines_of_its_mix_and_builds_nothing():
    """The cautious alternative: the same money and a joint venture at hand, but the joint venture is not
    bought from and no line is built or expanded (shells_first does both, the test above)."""
    game, v = _view("ukraine")
    _jv_line(v, "jv_shells_ukraine", "shell", 0.0025)
    v["funds"] = 50_000.0
    orders = bot_orders(game.rules, "ukraine", "current_lines", v)
    assert orders["build"] == []
    suppliers = {p["supplier"] for p in orders["procure"]}
    assert set(game.rules.bots.ukraine["current_lines"].mix) <= suppliers and "jv_shells_ukraine" not in suppliers


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


def _play(tmp_path, name, notice_days_max, seed=8, turns=2):
    """A chaotic game played from the command line with the given notice, as its replay's turns."""
    from click.testing import CliRunner

    from wargame.cli import main
    text = (ROOT / "wargame" / "data" / "scenarios" / "chaotic.yaml").read_text()
    assert "notice_days_max: 14" in text
    scenario = tmp_path / name / "chaotic.yaml"
    scenario.parent.mkdir()
    scenario.write_text(text.replace("notice_days_max: 14", f"notice_days_max: {notice_days_max}"))
    out = tmp_path / f"{name}.jsonl"
    result = CliRunner().invoke(main, ["play", str(scenario), "--seed", str(seed), "--turns", str(turns),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [t for t in map(json.loads, out.read_text().splitlines()[1:]) if "orders" in t]


def test_a_long_notice_gives_the_bots_a_turn_to_react_and_a_short_one_does_not(tmp_path):
    # seed 8: a sudden step takes the US artillery away; it is announced inside turn 1, after the
    # turn's orders. With up to 180 days' notice it leaves in turn 2, with up to 14 within turn 1.
    long, short = _play(tmp_path, "long", 180), _play(tmp_path, "short", 14)
    announced = [e for e in long[0]["events"] if e["text"].startswith("US announces: Artillery")]
    gone_long = [(t["turn"], e["day"]) for t in long for e in t["events"] if e["text"].startswith("US leaves: Artillery")]
    gone_short = [t["turn"] for t in short for e in t["events"] if e["text"].startswith("US leaves: Artillery")]
    assert announced and gone_long[0][0] == 2 and gone_short == [1]
    # turn 1: nobody knows of the step yet, so the orders are the same
    assert long[0]["orders"] == short[0]["orders"]
    # turn 2, before the departure day: with notice the EU builds artillery capacity and Russia
    # probes the flank harder as the US leaves; without, the step is gone and nobody reacted to it
    day2 = long[1]["events"][0]["day"]
    assert day2 < gone_long[0][1]
    assert "eu_howitzer_expansion" in long[1]["orders"]["eu"]["build"]
    assert "eu_howitzer_expansion" not in short[1]["orders"]["eu"]["build"]
    assert (long[1]["orders"]["russia"]["probing"], short[1]["orders"]["russia"]["probing"]) == ("high", "low")
    # the rationale says what they act on, for the debrief
    for side in ("eu", "russia"):
        assert "acting on the announced US departure: Artillery systems leaving on" in long[1]["orders"][side]["rationale"]
        assert "acting on" not in short[1]["orders"][side]["rationale"]


def test_each_default_bot_acts_on_a_step_in_its_view():
    game = Game.load("chaotic", seed=1)
    state, _ = game.begin(game.initial_state())
    step = {"date": "2026-02-01", "day": state.day + 30, "troops": 10000,
            "areas": {"ammunition_missiles": 1.0, "cyber_ew": 1.0}}
    warned = {}
    for side in ("eu", "ukraine", "russia"):
        policy = getattr(game.rules.bots.default, side)
        v = game.view(state, side)
        assert v["us"]["announced"] == []  # nothing announced at the start
        calm = bot_orders(game.rules, side, policy, v)
        v["us"]["announced"] = [step]
        warned[side] = bot_orders(game.rules, side, policy, v)
        assert warned[side] != calm, side
    assert "eu_ew_expansion" in warned["eu"]["build"]  # capacity for the area the US leaves
    assert warned["ukraine"]["requests"]["shell"] == 300000  # half as much again as its 200,000
    assert (warned["russia"]["pressure"], warned["russia"]["probing"]) == ("high", "high")
