"""The tables of docs/outcomes.md, made from batch folders, so the page can be re-made after any change
to the rules or the bots.

    python validation/outcomes_tables.py commands --runs 1000 --out out   # the batch commands, to read
    python validation/outcomes_tables.py run --runs 1000 --out out        # run them (about 1 min per 1,000 games on 2 cores)
    python validation/outcomes_tables.py tables out > /tmp/tables.md      # the tables, in Markdown

`run` makes OUT/main (the three withdrawal scenarios with the default bots) and one folder per chaotic
excursion, OUT/excursions/NAME, each with the same batch seed, so run n of every excursion plays the
seed of run n of chaotic in OUT/main (`--set` does not enter the seed). `tables` prints, from those
folders: the distributions at the end of the game (OUT/main/summary.json), the differences between
scenarios with their bootstrap intervals, the turn-by-turn means (OUT/main/turns.csv), and the
excursion tables: the means under each excursion, and how much of the chaotic-minus-coordinated
difference each one closes. Outcomes the batch does not have (a metric renamed in the rules) are left
out with a note on stderr. Paste the tables into docs/outcomes.md with the commit the batches ran at.
"""

import argparse
import csv
import json
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from wargame import figures

SCENARIOS = ("coordinated", "chaotic", "us-stays")
SEED = 1

# (outcome, decimals, in the differences table): the distribution table's rows
OUTCOMES = [
    ("eu.coverage_without_us_mean", 3, True), ("eu.coverage_with_us_mean", 3, False),
    ("eu.us_gap_mean", 3, True), ("eu.coverage_without_us_min", 3, False), ("front.ground_km2", 0, True),
    ("flank.crises", 2, True), ("flank.ratio", 2, False), ("strikes.hits", 0, True),
    ("strikes.deep_hits", 0, False), ("russia.revenue_lost", 0, False), ("ukraine.production", 0, True),
    ("ukraine.troops", 0, False), ("russia.armour", 0, False), ("russia.tanks", 0, False),
    ("russia.armoured_vehicles", 0, False), ("politics.cohesion", 2, True),
    ("politics.support", 2, False), ("eu.spent", 0, False), ("eu.debt", 0, True),
    ("score.eu", 2, True), ("score.ukraine", 2, True), ("score.russia", 2, True),
]

# the chaotic excursions: one mechanism of the chaotic scenario switched off (or changed) at a time
EXCURSIONS = [
    ("no-sudden-steps", "no sudden withdrawal steps", "us.random_steps.probability=0"),
    ("long-notice", "up to 180 days' notice", "us.random_steps.notice_days_max=180"),
    ("no-intel-pause", "intelligence never pausing", "us.intel_pause_probability=0"),
    ("no-fms-pause", "FMS never pausing", "us.fms_pause_probability=0"),
    ("aid-never-stops", "aid never stopping", "us.aid_stop_probability=0"),
    ("aid-stops-early", "aid stopping at 0.35 a turn (about 2 turns of aid)", "us.aid_stop_probability=0.35"),
    ("surprise-like-notice", "surprise costing cohesion like notice",
     "politics.shocks.us_step_short_notice.cohesion=-0.01"),
]

# the excursion table's columns: (outcome, heading, decimals)
EXCURSION_COLUMNS = [
    ("eu.coverage_without_us_mean", "coverage without the US", 3), ("front.ground_km2", "ground Russia gained, km2", 0),
    ("flank.crises", "crises", 2), ("strikes.hits", "strike hits", 0),
    ("ukraine.production", "Ukrainian output, EUR m", 0), ("politics.cohesion", "cohesion", 3),
]
SCORES = ("score.eu", "score.ukraine", "score.russia")

TURNS = (1, 4, 8, 12, 16, 20)


def commands(runs, out, workers=2):
    """The batch commands, as argument lists."""
    base = ["wargame", "batch", "--runs", str(runs), "--seed", str(SEED), "--workers", str(workers)]
    out = Path(out)
    cmds = [base[:2] + list(SCENARIOS) + base[2:] + ["--out", str(out / "main")]]
    for name, _label, setting in EXCURSIONS:
        cmds.append(base[:2] + ["chaotic"] + base[2:] + ["--set", setting, "--out", str(out / "excursions" / name)])
    return cmds


def _summary(folder):
    return json.loads((Path(folder) / "summary.json").read_text())


def _runs(folder):
    """{scenario: [row, ...]} of a batch's runs.csv."""
    out = defaultdict(list)
    with open(Path(folder) / "runs.csv", newline="") as f:
        for row in csv.DictReader(f):
            out[row["scenario"]].append(row)
    return out


def _mean(rows, metric):
    return sum(float(r[metric]) for r in rows) / len(rows)


def _num(x, d, sign=False):
    return f"{x:{'+' if sign else ''},.{d}f}"


def _present(metrics, have):
    out = []
    for row in metrics:
        if row[0] in have:
            out.append(row)
        else:
            print(f"note: the batch has no '{row[0]}': left out", file=sys.stderr)
    return out


def distribution_tables(main):
    s = _summary(main)
    groups = {g["scenario"]: g["metrics"] for g in s["groups"]}
    order = [sc for sc in SCENARIOS if sc in groups]
    rows = _present(OUTCOMES, groups[order[0]])
    runs = {g["scenario"]: g["runs"] for g in s["groups"]}
    counts = sorted({runs[sc] for sc in order})
    n = f"{counts[0]:,} runs each" if len(counts) == 1 else f"{', '.join(f'{runs[sc]:,}' for sc in order)} runs"
    out = [f"Mean, then median and 5th–95th percentiles over {n}.", "",
           "| outcome | " + " | ".join(f"{sc} mean (median; p5–p95)" for sc in order) + " |",
           "|---" * (len(order) + 1) + "|"]
    for m, d, _ in rows:
        cells = [f"{_num(groups[sc][m]['mean'], d)} ({_num(groups[sc][m]['median'], d)}; "
                 f"{_num(groups[sc][m]['p5'], d)}–{_num(groups[sc][m]['p95'], d)})" for sc in order]
        out.append(f"| {figures.label(m)} (`{m}`) | " + " | ".join(cells) + " |")
    diffs = {x["what"]: x["metrics"] for x in s["differences"]}
    out += ["", "| outcome | " + " | ".join(diffs) + " |", "|---" * (len(diffs) + 1) + "|"]
    for m, d, shown in rows:
        if not shown or any(m not in v for v in diffs.values()):
            continue
        cells = []
        for v in diffs.values():
            lo, hi = v[m]["ci95"]
            cells.append(f"{_num(v[m]['mean_difference'], d, True)} [{_num(lo, d, True)}, {_num(hi, d, True)}]")
        out.append(f"| `{m}` | " + " | ".join(cells) + " |")
    b = s["bootstrap"]
    out += ["", f"Intervals: {b['interval']} bootstrap of the difference of means, {b['resamples']:,} resamples "
                f"({b['method']})."]
    return out


def turn_table(main):
    acc = defaultdict(list)
    with open(Path(main) / "turns.csv", newline="") as f:
        reader = csv.DictReader(f)
        have = set(reader.fieldnames)
        for row in reader:
            acc[(row["scenario"], int(row["turn"]))].append(row)
    turns = [t for t in TURNS if any(k[1] == t for k in acc)]

    def mean(sc, t, m):
        rows = acc.get((sc, t))
        return _mean(rows, m) if rows else float("nan")

    def line(label, m, scs, fmt):
        if m not in have:
            print(f"note: turns.csv has no '{m}': left out", file=sys.stderr)
            return []
        return [f"| {label}: {' / '.join(scs)} | " + " | ".join(" / ".join(fmt(mean(sc, t, m)) for sc in scs)
                                                             for t in turns) + " |"]

    def short(v, d):
        return f"{v:.{d}f}".lstrip("0") if v < 1 else f"{v:,.{d}f}"

    out = [f"| turn | {' | '.join(map(str, turns))} |", "|---" * (len(turns) + 1) + "|"]
    out += line("US capability points left", "us.points", ["coordinated", "chaotic"], lambda v: f"{v:.0f}")
    out += line("Europe's coverage without the US", "eu.coverage_without_us_mean", list(SCENARIOS), lambda v: short(v, 3))
    out += line("ground Russia gained, km2", "front.ground_km2", list(SCENARIOS), lambda v: f"{round(v, -1):,.0f}")
    out += line("crises so far", "flank.crises", list(SCENARIOS), lambda v: short(v, 2))
    out += line("EU cohesion", "politics.cohesion", list(SCENARIOS), lambda v: short(v, 2))
    return out


def excursion_tables(root):
    root = Path(root)
    main = _runs(root / "main")
    rows = [("the scenario as it is", None, main["chaotic"])]
    for name, label, setting in EXCURSIONS:
        folder = root / "excursions" / name
        if not (folder / "runs.csv").exists():
            print(f"note: no batch in {folder}: the row '{label}' is left out", file=sys.stderr)
            continue
        runs = _runs(folder)["chaotic"]
        seeds = {r["run"]: r["seed"] for r in main["chaotic"]}
        if any(seeds.get(r["run"]) != r["seed"] for r in runs):
            raise SystemExit(f"{folder}: its runs do not play the seeds of {root / 'main'}'s chaotic runs")
        rows.append((f"{label} (`{setting}`)", setting, runs))
    cols = _present(EXCURSION_COLUMNS, main["chaotic"][0])
    n = len(main["chaotic"])
    out = [f"Means at the end over {n:,} runs each (chaotic, same run seeds).", "",
           "| chaotic, with ... | " + " | ".join(h for _, h, _ in cols) + " | score EU / UA / RU |",
           "|---" * (len(cols) + 2) + "|"]
    coordinated = ("*coordinated, for comparison*", None, main["coordinated"])
    for label, _setting, runs in rows + [coordinated]:
        cells = [_num(_mean(runs, m), d) for m, _, d in cols]
        scores = " / ".join(f"{_mean(runs, m):.1f}" for m in SCORES)
        out.append(f"| {label} | " + " | ".join(cells) + f" | {scores} |")
    # how much of the chaotic-minus-coordinated difference each excursion closes
    gap_cols = cols + [(m, figures.label(m), 2) for m in SCORES]
    base = {m: _mean(main["chaotic"], m) for m, _, _ in gap_cols}
    gap = {m: base[m] - _mean(main["coordinated"], m) for m, _, _ in gap_cols}
    # a difference whose 95% interval (OUT/main/summary.json) holds 0 has no share to speak of
    unclear = set()
    for d in _summary(root / "main")["differences"]:
        if d["what"] == "chaotic minus coordinated":
            unclear = {m for m, x in d["metrics"].items() if x["ci95"][0] <= 0 <= x["ci95"][1]}
    out += ["", "Share of the chaotic-minus-coordinated difference that the excursion closes "
                "((chaotic - excursion) / (chaotic - coordinated); over 100%: it overshoots coordinated; "
                "negative: it widens the difference; '-': the difference's 95% interval holds 0).",
            "", "| chaotic, with ... | " + " | ".join(h for _, h, _ in gap_cols) + " |",
            "|---" * (len(gap_cols) + 1) + "|",
            "| chaotic minus coordinated | " + " | ".join(_num(gap[m], d, True) for m, _, d in gap_cols) + " |"]
    for label, _setting, runs in rows[1:]:
        cells = []
        for m, _, _ in gap_cols:
            if m in unclear or gap[m] == 0:
                cells.append("-")
            else:
                cells.append(f"{(base[m] - _mean(runs, m)) / gap[m]:.0%}")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return out


def tables(root):
    root = Path(root)
    out = ["## Distributions at the end", ""] + distribution_tables(root / "main")
    out += ["", "## Turn by turn (means at the end of the turn)", ""] + turn_table(root / "main")
    out += ["", "## Excursions", ""] + excursion_tables(root)
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    for name in ("commands", "run"):
        p = sub.add_parser(name)
        p.add_argument("--runs", type=int, default=1000)
        p.add_argument("--out", default="out")
        p.add_argument("--workers", type=int, default=2)
    p = sub.add_parser("tables")
    p.add_argument("out", nargs="?", default="out")
    args = parser.parse_args(argv)
    if args.what == "tables":
        print(tables(args.out))
        return
    for cmd in commands(args.runs, args.out, args.workers):
        print(shlex.join(cmd), flush=True)
        if args.what == "run":
            subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
