"""Tables of docs/validation.md: what an alternative bot policy does to its side's score, and how often
each objective is met, from batches made with the same batch seed (so run n plays the same seed in each).

    S="coordinated chaotic us-stays hindcast-2023"
    wargame batch $S --runs 200 --seed 1 --out out/default
    wargame batch $S --runs 200 --seed 1 --bot eu=stock_buyer --out out/eu_stock_buyer
    wargame batch $S --runs 200 --seed 1 --bot eu=early_investor --out out/eu_early_investor
    wargame batch $S --runs 200 --seed 1 --bot ukraine=drones_first --out out/ukraine_drones_first
    wargame batch $S --runs 200 --seed 1 --bot russia=coercion --out out/russia_coercion
    python validation/policy_table.py out

A folder named SIDE_POLICY is compared with `default`, run by run (paired seeds); the interval is a
95% percentile bootstrap of the mean paired difference (1,000 resamples, seeded). A policy that is
already a scenario's default for that side is left out.
"""

import csv
import random
import sys
from pathlib import Path

from wargame.rules import load_scenario

RESAMPLES = 1000


def read(folder):
    out = {}
    with open(Path(folder) / "runs.csv", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["scenario"], {})[int(row["run"])] = row
    return out


def bootstrap(diffs, rng):
    n = len(diffs)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(RESAMPLES))
    return means[int(0.025 * RESAMPLES)], means[int(0.975 * RESAMPLES) - 1]


def main(root):
    root = Path(root)
    base = read(root / "default")
    rng = random.Random(1)
    print("| scenario | side | policy (vs default) | default score | policy score | difference [95% CI] | clear? |")
    print("|---|---|---|---:|---:|---|---|")
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "default"):
        side, policy = folder.name.split("_", 1)
        alt = read(folder)
        for scenario, runs in base.items():
            _, rules = load_scenario(scenario)
            if getattr(rules.bots.default, side) == policy or policy not in getattr(rules.bots, side):
                continue
            keys = sorted(set(runs) & set(alt.get(scenario, {})))
            assert all(runs[k]["seed"] == alt[scenario][k]["seed"] for k in keys), "seeds are not paired"
            a = [float(runs[k][f"score.{side}"]) for k in keys]
            b = [float(alt[scenario][k][f"score.{side}"]) for k in keys]
            diffs = [y - x for x, y in zip(a, b)]
            lo, hi = bootstrap(diffs, rng)
            mean = sum(diffs) / len(diffs)
            clear = "yes" if (lo > 0 or hi < 0) and abs(mean) >= 0.5 else "no"
            print(f"| {scenario} | {side} | {policy} (vs {getattr(rules.bots.default, side)}) | "
                  f"{sum(a) / len(a):.2f} | {sum(b) / len(b):.2f} | {mean:+.2f} [{lo:+.2f}, {hi:+.2f}] | {clear} |")
    print()
    print("Share of default runs meeting each objective:")
    print()
    scenarios = list(base)
    print("| side | objective | " + " | ".join(scenarios) + " |")
    print("|---|---|" + "---:|" * len(scenarios))
    _, rules = load_scenario(scenarios[0])
    for side in ("eu", "ukraine", "russia"):
        for obj in getattr(rules.objectives, side):
            cells = []
            for scenario in scenarios:
                _, srules = load_scenario(scenario)
                o = next(x for x in getattr(srules.objectives, side) if x.id == obj.id)
                vals = [float(r[o.metric]) for r in base[scenario].values()]
                met = sum((v >= o.target) if o.op == ">=" else (v <= o.target) for v in vals)
                cells.append(f"{met / len(vals):.0%}")
            print(f"| {side} | {obj.id}: {obj.text} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out")
