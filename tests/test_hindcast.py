"""The hindcast-2023 scenario: it loads with its 2023 rules copy, validates, plays its eight quarters
with the scheduled budgets, aid and capacities, and its replay verifies."""

from pathlib import Path

from click.testing import CliRunner

from wargame.cli import main
from wargame.engine import Game
from wargame.replay import verify
from wargame.rules import DATA_DIR, RULES_DIR, load_scenario, scenario_names

NAME = "hindcast-2023"


def test_it_is_listed_and_loads_its_own_rules():
    assert NAME in scenario_names()
    scenario, rules = load_scenario(NAME)
    assert scenario.start_date.isoformat() == "2023-01-01" and scenario.turns >= 8 and scenario.turn_days == 91
    assert Path(scenario.rules_dir).resolve() == (DATA_DIR / "scenarios" / "hindcast-2023-rules").resolve() != RULES_DIR.resolve()
    assert rules.money.safe.total == 0 and rules.bots.default.eu == "as_in_2023_24"
    assert all(row.source for row in scenario.schedule)
    # the US stays: no steps, no pauses; its aid follows the schedule (the 2024 pause)
    assert not scenario.us.steps and scenario.us.random_steps.probability == 0 and scenario.us.aid_stop_probability == 0
    assert scenario.scheduled("us_aid_share", scenario.day_of(scenario.start_date.replace(year=2024)), 1.0) < 0.5


def test_it_validates_and_is_listed_by_the_cli():
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(DATA_DIR / "scenarios" / f"{NAME}.yaml"), str(DATA_DIR / "scenarios" / "hindcast-2023-rules")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["scenarios"])
    assert result.exit_code == 0 and NAME in result.output


def test_it_plays_eight_quarters_with_the_schedule():
    state, turns = Game.load(NAME, seed=5).play({})
    assert len(turns) >= 8 and str(turns[0].date) == "2023-01-01"
    # the schedule's capacities apply: EU shell lines at ~0.3M a year in 2023, ~1M a year from 2024
    eu_2023 = sum(t.metrics["made.eu.shell"] for t in turns[:4])
    eu_2024 = sum(t.metrics["made.eu.shell"] for t in turns[4:8])
    assert eu_2023 <= 822 * 365 * 1.01 and eu_2024 > eu_2023
    # US aid: full in 2023 Q1, a tenth in 2024 Q1 (the pause), back in 2024 H2
    aid = [t.metrics["received.ukraine.shell"] for t in turns]
    assert aid[0] >= 270000 and aid[6] >= 270000


def test_its_replay_verifies(tmp_path):
    out = tmp_path / "h.jsonl"
    result = CliRunner().invoke(main, ["play", NAME, "--seed", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    verdict = verify(out)
    assert verdict.ok and verdict.turns == 8, verdict.message


def test_the_check_set_names_metrics_the_game_records():
    """validation/checks-2023-24.yaml sums per-turn metrics over turns of the hindcast: they must exist."""
    import yaml
    checks = yaml.safe_load((Path(__file__).resolve().parent.parent / "validation" / "checks-2023-24.yaml").read_text())
    _, turns = Game.load(NAME, seed=1, turns=1).play({})
    for c in checks["checks"]:
        assert c["metric"] in turns[0].metrics, c["id"]
        assert 1 <= c["turns"][0] <= c["turns"][1] <= 8 and c["observed"] > 0 and c["source"]


def test_budgets_and_aid_fall_in_the_intended_quarters():
    """Budgets and aid are read on a turn's first day: 2024's values must reach the game's first 2024
    quarter (turn 5, from 2023-12-31), and the aid pause and resumption their quarters."""
    from wargame.phases.us import aid_share
    scenario, _ = load_scenario(NAME)
    assert [aid_share(scenario, t) for t in range(1, 9)] == [1.0, 1.0, 1.0, 0.5, 0.1, 0.6, 1.0, 1.0]
    budgets = [scenario.scheduled("russia_budget_per_turn", (t - 1) * scenario.turn_days, None) for t in range(1, 9)]
    assert budgets == [2130] * 4 + [3600] * 4
