"""A batch summary an instructor can teach from: a plain label for every metric, constants hidden with
a note, histogram axes, each objective's chance with a Wilson interval, and --mark REPLAY placing a
class's own game at its percentile."""

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame import batch as B
from wargame import figures
from wargame.batch_columns import RUN_COLUMNS, TURN_METRICS
from wargame.batch_summary import BOOTSTRAP_RESAMPLES, bootstrap_method, percentile_of, wilson
from wargame.cli import main
from wargame.replay import dumps
from wargame.vocab import METRIC_NAMES

from tests.test_batch import _write_runs


def run(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def test_every_batch_metric_has_a_plain_label_and_an_axis_unit():
    for m in RUN_COLUMNS[len(B.ID_COLUMNS) + 1:] + TURN_METRICS:
        assert m in figures.LABELS, m
        assert figures.label(m) != m and figures.label(m)[0].isupper()
        figures.axis_unit(m)  # every unit has its axis words
    assert set(figures.LABELS) >= set(METRIC_NAMES)


def test_wilson_interval_against_the_formula():
    # Wilson (1927): (p + z2/2n +- z sqrt(p(1-p)/n + z2/4n2)) / (1 + z2/n); known values for 8/10 at 95%
    lo, hi = wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)
    lo, hi = wilson(0, 40)  # never met: the interval still has width, and starts at 0
    assert lo == 0 and hi == pytest.approx(0.0876, abs=1e-4)
    lo, hi = wilson(40, 40)
    assert hi == 1 and lo == pytest.approx(1 - 0.0876, abs=1e-4)
    assert wilson(0, 0) is None


def test_percentile_is_mid_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile_of(values, 0.5) == 0 and percentile_of(values, 1000) == 100
    assert percentile_of(values, 25.5) == 25  # 25 below, none equal
    assert percentile_of(values, 25) == 24.5  # 24 below, one equal
    assert percentile_of([math.nan, 1.0, 2.0], 1.5) == 50


def test_one_documented_resample_count():
    assert bootstrap_method()[1] == BOOTSTRAP_RESAMPLES
    doc = open(Path(__file__).parent.parent / "docs" / "outcomes.md", encoding="utf-8").read()
    assert f"{BOOTSTRAP_RESAMPLES:,} resamples" in doc


def _mark_replay(tmp_path, ground):
    """A replay of one whole turn whose Russian gain is `ground` (what --mark reads)."""
    src = open("replays/coordinated.jsonl", encoding="utf-8").read().splitlines()
    turn = json.loads(src[1])
    turn["metrics"]["front.ground_km2"] = ground
    path = tmp_path / "class.jsonl"
    path.write_text(src[0] + "\n" + dumps(turn), encoding="utf-8")
    return path


def test_summary_for_a_class(tmp_path):
    out = tmp_path / "b"
    _write_runs(out, {"coordinated": list(range(1, 101)), "chaotic": [v + 50 for v in range(1, 101)]})
    mark = _mark_replay(tmp_path, 30.5)
    result = run("batch", "summary", out, "--mark", mark)
    s = json.loads((out / "summary.json").read_text())
    # constants: every column but ground and crises is 0 in every run
    assert "front.ground_km2" not in s["constants"] and "flank.crises" not in s["constants"]
    assert s["constants"]["eu.debt"] == 0 and "politics.cohesion" in s["constants"]
    page = (out / "summary.html").read_text()
    assert "Not shown:" in page and "New EU defence debt EUR 0m" in page
    assert "<td title='eu.debt'>" not in page  # no row for a constant
    assert "Ground Russia gained" in page and "share of runs" in page and "(km2)" in page
    # objectives: the shipped ones; 'hold' (ground <= 17,000) is met in every run here
    hold = [r for r in s["objectives"] if r["side"] == "ukraine" and r["id"] == "hold"]
    assert [(r["group"], r["met"], r["runs"]) for r in hold] == [("coordinated", 100, 100), ("chaotic", 100, 100)]
    assert hold[0]["ci95"] == [pytest.approx(wilson(100, 100)[0], abs=1e-6), 1.0]
    # the mark: 30 of coordinated's 100 runs lie below 30.5, none of chaotic's (51..150)
    p = s["mark"]["percentiles"]["front.ground_km2"]
    assert p == {"coordinated": 30.0, "chaotic": 0.0}
    assert "your game" in page and "30th" in page
    assert "Ground Russia gained: 30 km2: coordinated 30th, chaotic 0th" in result.output
    assert "Objectives met" in result.output and "Same in every run (not shown)" in result.output


def test_a_bad_mark_is_one_line(tmp_path):
    out = tmp_path / "b"
    _write_runs(out, {"coordinated": [1, 2, 3]})
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not a replay\n")
    result = run("batch", "summary", out, "--mark", bad, code=1)
    assert result.output.strip().count("\n") == 0
    result = run("batch", "us-stays", "--runs", 1, "--mark", tmp_path / "none.jsonl", "--out", tmp_path / "c", code=1)
    assert not (tmp_path / "c" / "runs.csv").exists()


def test_batch_records_its_objectives_and_marks(tmp_path):
    mark = _mark_replay(tmp_path, 100.0)
    result = run("batch", "us-stays", "--runs", 2, "--set", "scenario.turns=2", "--mark", mark,
                 "--out", tmp_path / "b")
    meta = json.loads((tmp_path / "b" / "batch.json").read_text())
    (entry,) = meta["objectives"]
    assert entry["scenario"] == "us-stays" and {"eu", "ukraine", "russia"} <= set(entry["objectives"])
    assert "Your game (class.jsonl)" in result.output
    # resume still recognises the batch
    run("batch", "us-stays", "--runs", 3, "--set", "scenario.turns=2", "--resume", "--out", tmp_path / "b")
