"""The terminal prompt: every command answers in one line with what it did; the summary reads as a list."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.controllers.human import first_delivery_day


def play(tmp_path, monkeypatch, typed, *sides, scenario="coordinated", turns=1):
    monkeypatch.chdir(tmp_path)
    args = ["play", scenario, "--turns", str(turns), "--out", "g.jsonl"]
    for side in sides:
        args += ["--human", side]
    result = CliRunner().invoke(main, args, input=typed)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def recorded(tmp_path):
    return [json.loads(x) for x in Path(tmp_path, "g.jsonl").read_text().splitlines()][1]["orders"]


# --- the first-delivery estimate -------------------------------------------------------------------

def test_an_idle_line_starts_when_the_order_arrives():
    # 30 contracting days, then the first 14-day batch
    assert first_delivery_day(0, 0, 5479, 30, 14) == 44


def test_a_busy_line_ships_from_the_turns_start_and_works_down_its_backlog():
    # 100,000 ahead at 5,000 a day: the order's first unit is made on day 20; the order is placed on day 7,
    # so it comes with the batch of day 28
    assert first_delivery_day(100_000, 0, 5000, 7, 14) == 28
    # a small backlog is gone before the order is placed: the first batch after day 30
    assert first_delivery_day(10, 0, 5000, 30, 14) == 42


def test_own_earlier_orders_come_first():
    assert first_delivery_day(0, 100_000, 5479, 30, 14) == 58
    assert first_delivery_day(0, 100_000, 5479, 30, 14) > first_delivery_day(0, 0, 5479, 30, 14)


def test_a_line_that_makes_nothing_gives_no_estimate():
    assert first_delivery_day(0, 0, 0.0, 30, 14) is None


def test_beyond_the_turn_is_still_a_day():
    assert first_delivery_day(1_000_000, 0, 100, 30, 28) == 10_024


# --- acknowledgements ------------------------------------------------------------------------------

EU_TYPED = ("buy eu_shells 100000\nbuy eu_shells 100000 for ukraine\nbuild eu_shell_plant\nproject enablers_phase1\n"
            "budget 0.025\nsafe 8000\nfund 500\ntransfer shell 10000\ndecision coalition\nwhy to hold the line\n"
            "remove 2\nshow\ndone\ny\n")


def test_every_eu_command_answers_with_what_it_did(tmp_path, monkeypatch):
    out = play(tmp_path, monkeypatch, EU_TYPED, "eu")
    assert ("ordered 100,000 shell from eu_shells, EUR 400m, first delivery about day 44 (2026-02-14); "
            "orders so far EUR 400m of EUR 4,341m") in out
    assert "ordered 100,000 shell from eu_shells for ukraine, EUR 400m, first delivery about day 58" in out
    assert "building eu_shell_plant (a new line making shell), capex EUR 500m, first output about 2027-06-25" in out
    assert "starting programme enablers_phase1" in out and "EUR 6,000m over 730 days" in out
    assert "defence budget next turn 2.50% of GDP (now 2.10%, this turn 1.60%..2.60%)" in out
    assert "drawing EUR 8,000m of SAFE loans (up to EUR 15.0bn this turn)" in out
    assert "funding Ukrainian production with EUR 500m; Ukraine spends it next turn" in out
    assert "transferring 10,000 shell to Ukraine from European stocks (300,000 held)" in out
    assert "coalition of the willing: at once, 10% dearer" in out
    assert "rationale kept with your orders: to hold the line" in out
    assert "removed order 2: buy 100,000 from eu_shells" in out
    orders = recorded(tmp_path)["eu"]
    assert orders["procure"] == [{"supplier": "eu_shells", "qty": 100000, "for": "eu"}]
    assert orders["safe_draw"] == 8000 and orders["decision"] == "coalition"


def test_the_summary_is_a_list_with_money_in_its_unit(tmp_path, monkeypatch):
    out = play(tmp_path, monkeypatch, EU_TYPED, "eu")
    summary = out[out.rindex("Orders:"):out.index("Submit these orders?")]
    assert "{" not in summary and "rationale:" not in summary
    for line in ("  1. buy 100,000 from eu_shells\n", "  2. build eu_shell_plant\n", "  3. programme enablers_phase1\n",
                 "  defence budget next turn: 2.50% of GDP\n", "  SAFE loans drawn: EUR 8,000m\n",
                 "  Ukrainian production funded: EUR 500m\n", "  transfer to Ukraine: 10,000 shell\n",
                 "  EU-level decisions: a coalition of the willing\n", "  why: to hold the line\n"):
        assert line in summary
    assert "Cost: EUR " in summary and "SAFE money" in summary


def test_ukraine_and_russia_commands_answer(tmp_path, monkeypatch):
    typed = ("\nfront 0.7\nad cities\ndeep 10\nrequest shell 100000\nbuy ua_shells 1000\ndone\ny\n"
             "\npressure high\nstrike 100 500 industry\nflank 0.2\nprobe high\ndone\ny\n")
    out = play(tmp_path, monkeypatch, typed, "ukraine", "russia", scenario="chaotic")
    for line in ("releasing 70% of stocks to the front, 30% held in reserve", "air defence covers cities first",
                 "launching 10 long_range_drone at Russian refineries and plants (500 held)",
                 "asking partners for 100,000 shell", "ordered 1,000 shell from ua_shells, EUR 2m, first delivery about day",
                 "high pressure on the Ukrainian front",
                 "striking Ukraine's industry with 100 missiles (800 held) and 500 drones (1,500 held) this turn",
                 "holding 20% of armour back facing NATO; 80% goes to the front",
                 "probing on the eastern flank: high, EUR 300m", "  strikes on industry: 100 missiles, 500 drones"):
        assert line in out
    orders = recorded(tmp_path)
    assert orders["ukraine"]["front_share"] == 0.7 and orders["russia"]["probing"] == "high"


@pytest.mark.parametrize("typed, why", [
    ("buy eu_shells -5", "a quantity is a whole number of at least 1, found -5"),
    ("buy eu_shells 10 for mars", "no side 'mars'"),
    ("budget 2", "a share is between 0 and 1"),
    ("decision majority", "expected one of consensus, coalition, found 'majority'"),
    ("safe -3", "an amount is EUR million, from 0 to 1,000,000, found -3"),
        ("buy eu_shells 1e400", "expected a whole number (such as 1000 or 1,000), found 1e400"),
        ("buy eu_shells 100000000000", "a quantity is a whole number from 1 to 100,000,000, found 100000000000"),
    ("transfer unobtainium 5", "no item 'unobtainium'"),
    ("buy ru_shells 5", "eu may not buy from ru_shells (buyers: russia)"),
    ("build ru_shell_expansion", "eu may not build ru_shell_expansion (builders: russia)"),
])
def test_a_mistyped_command_is_refused_with_its_reason(tmp_path, monkeypatch, typed, why):
    out = play(tmp_path, monkeypatch, typed + "\ndone\ny\n", "eu")
    assert f"Not understood: {why}" in out


# --- hot seat -------------------------------------------------------------------------------------

HOT_SEAT = "\nbuy eu_shells 1000\ndone\ny\n\nbuy ua_shells 500\ndone\ny\n"


def test_each_hand_over_clears_the_screen_and_the_scrollback(tmp_path, monkeypatch):
    import wargame.cli
    from wargame.cli import CLEAR_ALL
    monkeypatch.setattr(wargame.cli, "_stdout_is_terminal", lambda: True)
    out = play(tmp_path, monkeypatch, HOT_SEAT * 2, "eu", "ukraine", turns=2)
    assert CLEAR_ALL == "\x1b[H\x1b[2J\x1b[3J"
    # before the first team of a turn, and after each team hands in its orders: 2 teams, 2 turns
    assert out.count(CLEAR_ALL) == 6
    for turn in (0, 1):
        eu_called = nth(out, "EU team: take the keyboard", turn)
        eu_orders = nth(out, "EU orders received. Pass the keyboard on.", turn)
        ukraine_orders = nth(out, "Ukraine orders received. Pass the keyboard on.", turn)
        assert out.rindex(CLEAR_ALL, 0, eu_called) < eu_called
        # nothing of the EU's screen is left after the clear that follows its orders: the next team
        # sees the hand-over line and its own call
        cleared = out.rindex(CLEAR_ALL, 0, eu_orders)
        assert cleared > nth(out, "ordered 1,000 shell from eu_shells", turn)
        assert out[cleared + len(CLEAR_ALL):].startswith("EU orders received. Pass the keyboard on.\nUkraine team: take")
        assert out.rindex(CLEAR_ALL, 0, ukraine_orders) > nth(out, "ordered 500 shell from ua_shells", turn)


def nth(text, part, n):
    at = -1
    for _ in range(n + 1):
        at = text.index(part, at + 1)
    return at


def test_no_escape_codes_into_a_file_or_a_pipe(tmp_path, monkeypatch):
    out = play(tmp_path, monkeypatch, HOT_SEAT, "eu", "ukraine")
    assert "\x1b[" not in out
    assert "EU orders received" in out and "Ukraine orders received" in out


def test_a_single_team_gets_no_clearing(tmp_path, monkeypatch):
    import wargame.cli
    monkeypatch.setattr(wargame.cli, "_stdout_is_terminal", lambda: True)
    out = play(tmp_path, monkeypatch, "buy eu_shells 1000\ndone\ny\n", "eu")
    assert "\x1b[3J" not in out


# --- resume --verbose ------------------------------------------------------------------------------

def test_resume_verbose_prints_as_play_verbose_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    played = runner.invoke(main, ["play", "chaotic", "--turns", "3", "--seed", "5", "--out", "full.jsonl", "--verbose"])
    assert played.exit_code == 0, played.output
    full = Path("full.jsonl").read_text().splitlines(keepends=True)
    Path("cut.jsonl").write_text("".join(full[:2]))  # the header and turn 1
    resumed = runner.invoke(main, ["resume", "cut.jsonl", "--verbose"])
    assert resumed.exit_code == 0, resumed.output
    assert Path("cut.jsonl").read_text() == "".join(full)
    for turn in (2, 3):
        assert f"State of the World - turn {turn}" in resumed.output
    assert "State of the World - turn 1" not in resumed.output
    # turns 2 and 3 read the same as when they were played
    tail = played.output[played.output.index("State of the World - turn 2"):played.output.index("Result")]
    assert tail in resumed.output
    assert "Rolls" in tail


def test_resume_without_verbose_prints_a_line_a_turn(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["play", "chaotic", "--turns", "3", "--out", "full.jsonl"]).exit_code == 0
    full = Path("full.jsonl").read_text().splitlines(keepends=True)
    Path("cut.jsonl").write_text("".join(full[:2]))
    resumed = runner.invoke(main, ["resume", "cut.jsonl"])
    assert resumed.exit_code == 0, resumed.output
    assert "State of the World" not in resumed.output and "turn  2 " in resumed.output


def test_brackets_in_a_rationale_or_a_rule_name_are_printed_as_they_are(tmp_path, monkeypatch):
    typed = "why keep [/bold] and [red]this[/red]\ndone\ny\n"
    out = play(tmp_path, monkeypatch, typed, "eu", scenario="chaotic")
    assert "[scenario.us.random_steps]" in out  # a roll's rule, not a rich style
    shown = CliRunner().invoke(main, ["replay", "show", "g.jsonl", "--turn", "1"])
    assert shown.exit_code == 0, shown.output
    assert "eu rationale: keep [/bold] and [red]this[/red]" in shown.output


def test_an_fms_order_while_deliveries_are_paused_says_so():
    from wargame.controllers.human import HumanController
    from wargame.engine import Game
    game = Game.load("chaotic", seed=1)
    state = game.initial_state()
    view = game.view(state, "eu")
    view["us"]["fms_paused"] = True
    human = HumanController("eu", prompt=None, echo=None, show_briefing=None)
    orders = {"procure": [], "build": [], "projects": [], "transfer": {}}
    said = human._order(game, state, "eu", view, orders, "buy", ["us_fms_interceptors", "10"], "buy us_fms_interceptors 10")
    assert said.startswith("ordered 10 interceptor from us_fms_interceptors, EUR 37m, first delivery about day ")
    assert "later while US FMS deliveries are paused" in said
    assert orders["procure"] == [{"supplier": "us_fms_interceptors", "qty": 10}]
