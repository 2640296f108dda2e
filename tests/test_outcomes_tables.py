"""validation/outcomes_tables.py: the batch commands behind docs/outcomes.md, and the tables made from
their folders (two runs each and two of the excursions, to keep it cheap)."""

import csv
import importlib.util
import json
from pathlib import Path

from click.testing import CliRunner

from wargame.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("outcomes_tables", ROOT / "validation" / "outcomes_tables.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_outcome_tables_come_from_the_batches_the_commands_make(tmp_path, capsys):
    ot = _module()
    assert {name for name, _, _ in ot.EXCURSIONS} >= {"long-notice", "no-sudden-steps", "aid-never-stops"}
    ot.EXCURSIONS = [x for x in ot.EXCURSIONS if x[0] in ("long-notice", "no-intel-pause")]  # two suffice here
    cmds = ot.commands(2, tmp_path, workers=1)
    assert cmds[0][:5] == ["wargame", "batch", "coordinated", "chaotic", "us-stays"]
    assert len(cmds) == 1 + len(ot.EXCURSIONS)
    for cmd in cmds:
        result = CliRunner().invoke(main, cmd[1:])
        assert result.exit_code == 0, result.output
    text = ot.tables(tmp_path)
    # the distribution table quotes the batch's summary
    s = json.loads((tmp_path / "main" / "summary.json").read_text())
    chaotic = next(g for g in s["groups"] if g["scenario"] == "chaotic")["metrics"]
    row = next(line for line in text.splitlines() if "(`front.ground_km2`)" in line)
    assert f"{chaotic['front.ground_km2']['mean']:,.0f} ({chaotic['front.ground_km2']['median']:,.0f};" in row
    # one excursion row per excursion, each with its mean from its own runs.csv
    for name, label, setting in ot.EXCURSIONS:
        with open(tmp_path / "excursions" / name / "runs.csv", newline="") as f:
            runs = list(csv.DictReader(f))
        ground = sum(float(r["front.ground_km2"]) for r in runs) / len(runs)
        rows = [line for line in text.splitlines() if line.startswith(f"| {label} (`{setting}`) |")]
        assert len(rows) == 2, label  # the means, and the share of the gap it closes
        assert f" {ground:,.0f} |" in rows[0]
    assert "| turn | 1 |" in text
    # a folder that is not there leaves its row out, with a note
    (tmp_path / "excursions" / "long-notice" / "runs.csv").unlink()
    text = ot.tables(tmp_path)
    assert "up to 180 days' notice" not in text
    assert "no batch in" in capsys.readouterr().err
