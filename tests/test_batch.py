"""Batches: derived seeds, the same rows for any number of workers and on Dask, --set/--sweep checks,
resume after an interruption, the summary from a known runs.csv, and bad input."""

import csv
import json
import math
from pathlib import Path

import attrs

import pytest
from click.testing import CliRunner

from wargame import batch as B
from wargame.batch_summary import build_summary, quantile
from wargame.cli import main
from wargame.controllers.base import BotController
from wargame.engine import Game

SHORT = ("--set", "scenario.turns=3")  # us-stays and chaotic have no Road Map step to cut off


def run(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def spec(**kw):
    base = dict(scenarios=("us-stays", "chaotic"), runs=3, seed=4, sets=("scenario.turns=3",))
    base.update(kw)
    return B.BatchSpec(**base)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- seeds -----------------------------------------------------------------------------------------

def test_seed_derivation_is_stable_and_distinct():
    a = B.derive_seed(1, "chaotic", "", "", 1)
    assert a == B.derive_seed(1, "chaotic", "", "", 1)
    others = {B.derive_seed(2, "chaotic", "", "", 1), B.derive_seed(1, "coordinated", "", "", 1),
              B.derive_seed(1, "chaotic", "k", "0.1", 1), B.derive_seed(1, "chaotic", "", "", 2)}
    assert a not in others and len(others) == 4
    assert 0 <= a < 2 ** 48


def test_a_run_replays_alone_with_its_seed(tmp_path):
    """A batch plays turns without the state digest; every outcome must still be what Game.play gives."""
    B.run_batch(spec(runs=2, bots=(("ukraine", "drones_first"),)), tmp_path / "b")
    for row in rows(tmp_path / "b" / "runs.csv"):
        base = Game.load(row["scenario"])  # the batch's --set scenario.turns=3 makes a 3-turn scenario
        game = Game(attrs.evolve(base.scenario, turns=3), base.rules, int(row["seed"]))
        state, records = game.play({"ukraine": BotController("ukraine", "drones_first")})
        outcome = game.outcome(state, records)
        for name in B.METRIC_NAMES:
            assert row[name] == str(outcome["metrics"][name]), name
        for side in ("eu", "ukraine", "russia"):
            assert row[f"score.{side}"] == str(outcome["scores"][side]["score"])


def test_same_rows_for_one_and_two_workers(tmp_path):
    one = B.run_batch(spec(), tmp_path / "one", workers=1)
    B.run_batch(spec(), tmp_path / "two", workers=2)
    assert one.done == 6 and not one.interrupted
    for name in ("runs.csv", "turns.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    got = rows(tmp_path / "one" / "runs.csv")
    assert [(r["scenario"], r["run"]) for r in got] == [("us-stays", "1"), ("us-stays", "2"), ("us-stays", "3"),
                                                        ("chaotic", "1"), ("chaotic", "2"), ("chaotic", "3")]
    assert list(got[0]) == list(B.RUN_COLUMNS)
    assert "seconds" not in " ".join(B.RUN_COLUMNS) and "time" not in " ".join(B.RUN_COLUMNS)
    assert len(rows(tmp_path / "one" / "turns.csv")) == 6 * 3


def test_dask_local_cluster_gives_the_same_rows(tmp_path):
    pytest.importorskip("dask.distributed")
    B.run_batch(spec(runs=2), tmp_path / "here")
    B.run_batch(spec(runs=2), tmp_path / "dask", workers=2, dask="local")
    assert B.sorted_rows(tmp_path / "here" / "runs.csv") == B.sorted_rows(tmp_path / "dask" / "runs.csv")
    assert B.sorted_rows(tmp_path / "here" / "turns.csv") == B.sorted_rows(tmp_path / "dask" / "turns.csv")


# --- --set and --sweep -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("money.eu.budget_share_strat=0.03", "did you mean 'budget_share_start'"),
    ("mony.eu.gdp=1", "unknown table 'mony' (did you mean 'money'?)"),
    ("money.eu.budget_share_start=abc", "expected a probability between 0 and 1, found 'abc'"),
    ("money.eu.budget_share_start=1.5", "found 1.5"),
    ("money.eu=0.03", "is a table, not a value"),
    ("money.eu.budget_share_start", "expected KEY=VALUE"),
    ("front.weights.shell=0.9", "values must sum to 1"),
    ("bots.default.eu=nobody", "unknown eu policy 'nobody'"),
    ("us.aid_stop_probability=yes", "expected a probability"),
])
def test_bad_set_is_one_line_and_nothing_runs(tmp_path, value, message):
    out = tmp_path / "b"
    result = run("batch", "chaotic", "--runs", 2, "--set", value, "--out", out, code=1)
    assert message in result.output
    assert result.output.strip().count("\n") == 0
    assert not (out / "runs.csv").exists()


def test_set_changes_rules_and_scenario(tmp_path):
    B.run_batch(spec(scenarios=("us-stays",), runs=1, sets=("scenario.turns=2", "money.eu.budget_share_start=0.035")),
                tmp_path / "b")
    row = rows(tmp_path / "b" / "runs.csv")[0]
    assert float(row["eu.budget_share"]) >= 0.03
    assert {r["turn"] for r in rows(tmp_path / "b" / "turns.csv")} == {"1", "2"}
    written = (tmp_path / "b" / "replays" / "us-stays" / "rules" / "money.yaml").read_text()
    assert "0.035" in written


def test_sweep_runs_each_value_and_the_summary_compares_them(tmp_path):
    out = tmp_path / "b"
    run("batch", "us-stays", "--runs", 2, *SHORT, "--sweep", "money.eu.budget_share_start=0.02,0.035", "--out", out)
    got = rows(out / "runs.csv")
    assert {(r["sweep_key"], r["sweep_value"]) for r in got} == {("money.eu.budget_share_start", "0.02"),
                                                               ("money.eu.budget_share_start", "0.035")}
    assert len({r["seed"] for r in got}) == 4
    summary = json.loads((out / "summary.json").read_text())
    assert len(summary["groups"]) == 2
    (diff,) = summary["differences"]
    # the difference is computed for the headline outcomes; a higher budget share spends more (debt, which
    # counts only what is spent beyond the baseline share and SAFE, differs by rounding alone in 3 turns)
    assert "0.035" in diff["what"] and "eu.debt" in diff["metrics"]
    low, high = (g["metrics"]["eu.spent"]["mean"] for g in summary["groups"])
    assert high > low


def test_bad_sweep(tmp_path):
    result = run("batch", "us-stays", "--runs", 2, "--sweep", "money.eu.budget_share_start=0.02,7",
                 "--out", tmp_path / "b", code=1)
    assert "budget_share_start" in result.output and "found 7" in result.output
    result = run("batch", "us-stays", "--runs", 2, "--sweep", "money.eu.budget_share_start=", "--out", tmp_path / "c", code=1)
    assert "expected KEY=V1,V2" in result.output


# --- interruption and resume -------------------------------------------------------------------------

def test_resume_after_an_interruption(tmp_path):
    out = tmp_path / "b"
    seen = []

    def stop_after_four(n):
        seen.append(n)
        if len(seen) == 4:
            raise KeyboardInterrupt

    result = B.run_batch(spec(), out, on_progress=stop_after_four)
    assert result.interrupted and result.done == 4
    assert len(rows(out / "runs.csv")) == 4
    assert not (out / "summary.json").exists()
    with open(out / "runs.csv", "a") as f:
        f.write("chaotic,,,2,99")  # a torn last line, as a killed write leaves it
    with open(out / "turns.csv", "a") as f:
        f.write("chaotic,,,1,1,0.5\nchaotic,,,2,1,0.")  # a run with no row yet, then a torn line
    with pytest.raises(B.BatchError, match="add --resume"):
        B.run_batch(spec(), out)
    with pytest.raises(B.BatchError, match="holds a different batch"):
        B.run_batch(spec(seed=5), out, resume=True)
    again = B.run_batch(spec(), out, resume=True)
    assert again.ran == 2 and again.done == 6
    B.run_batch(spec(), tmp_path / "full")
    for name in ("runs.csv", "turns.csv"):
        assert B.sorted_rows(out / name) == B.sorted_rows(tmp_path / "full" / name)
    assert (out / "summary.html").exists()


# --- replays and forks ---------------------------------------------------------------------------------

def test_kept_replays_verify(tmp_path):
    out = tmp_path / "b"
    run("batch", "chaotic", "--runs", 2, "--set", "scenario.turns=2", "--set", "strikes.waves_per_turn=3",
        "--keep-replays", "--out", out)
    kept = sorted((out / "replays" / "chaotic").glob("*.jsonl"))
    assert [p.name for p in kept] == ["chaotic-run00001.jsonl", "chaotic-run00002.jsonl"]
    result = run("replay", "verify", *kept)
    assert result.output.count("identical") == 2


def test_batch_from_a_kept_game(tmp_path):
    parent = tmp_path / "parent.jsonl"
    run("play", "us-stays", "--seed", 3, "--turns", 4, "--out", parent)
    out = tmp_path / "b"
    run("batch", "us-stays", "--from", parent, "--at-turn", 3, "--runs", 2, "--keep-replays", "--out", out)
    assert {r["turn"] for r in rows(out / "turns.csv")} == {"3", "4"}
    kept = sorted((out / "replays" / "us-stays").glob("*-run*.jsonl"))
    assert "a fork of parent.jsonl at turn 3" in run("replay", "verify", *kept).output
    assert "at-turn" in run("batch", "us-stays", "--from", parent, "--runs", 2, "--out", tmp_path / "c", code=1).output


# --- the summary ------------------------------------------------------------------------------------------

def _write_runs(out, groups):
    out.mkdir()
    with open(out / "runs.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(B.RUN_COLUMNS)
        for scenario, values in groups.items():
            for i, v in enumerate(values, start=1):
                row = {c: 0 for c in B.RUN_COLUMNS}
                row.update({"scenario": scenario, "sweep_key": "", "sweep_value": "", "run": i, "seed": 1000 + i,
                            "front.ground_km2": v, "flank.crises": i % 2})
                w.writerow([row[c] for c in B.RUN_COLUMNS])


def test_summary_from_a_known_runs_csv(tmp_path):
    out = tmp_path / "b"
    _write_runs(out, {"coordinated": list(range(1, 101)), "chaotic": [v + 50 for v in range(1, 101)]})
    result = run("batch", "summary", out)
    assert "200 runs in 2 groups" in result.output
    s = json.loads((out / "summary.json").read_text())
    coord = s["groups"][0]["metrics"]["front.ground_km2"]
    assert (coord["mean"], coord["median"], coord["min"], coord["max"]) == (50.5, 50.5, 1, 100)
    assert coord["p5"] == pytest.approx(5.95) and coord["p95"] == pytest.approx(95.05)
    (diff,) = s["differences"]
    assert diff["what"] == "chaotic minus coordinated"
    d = diff["metrics"]["front.ground_km2"]
    assert d["mean_difference"] == 50
    assert d["ci95"][0] < 50 < d["ci95"][1] and d["ci95"][0] > 30
    assert diff["metrics"]["flank.crises"]["mean_difference"] == 0
    page = (out / "summary.html").read_text()
    # two outcomes vary here (the rest are constants, listed in a note, not drawn)
    assert page.count("<svg") == 2 and "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert build_summary(out) == s  # rebuilding gives the same summary


def test_quantile():
    assert quantile([1, 2, 3, 4], 0.5) == 2.5
    assert quantile([7], 0.95) == 7
    assert math.isclose(quantile(list(range(11)), 0.05), 0.5)


# --- bad input ---------------------------------------------------------------------------------------------

def test_bad_input_is_a_one_line_error(tmp_path):
    assert "unknown scenario" in run("batch", "chaotik", "--runs", 2, "--out", tmp_path / "a", code=1).output
    assert "--runs must be at least 1" in run("batch", "chaotic", "--runs", 0, "--out", tmp_path / "b", code=1).output
    assert "unknown eu policy" in run("batch", "chaotic", "--runs", 1, "--bot", "eu=nobody", "--out", tmp_path / "c", code=1).output
    assert "no runs.csv" in run("batch", "summary", tmp_path / "nothing", code=1).output


def test_unreachable_scheduler(tmp_path):
    pytest.importorskip("dask.distributed")
    result = run("batch", "us-stays", "--runs", 1, "--dask", "tcp://127.0.0.1:9", "--out", tmp_path / "b", code=1)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert result.output.strip().count("\n") == 0
    assert not (tmp_path / "b").exists()
