"""Tables of docs/validation.md: what an alternative bot policy does to its side's score, and how often
each objective is met, from batches made with the same batch seed (so run n plays the same seed in each).

    S="coordinated chaotic us-stays hindcast-2023"
    wargame batch $S --runs 200 --seed 1 --out out/default
    for b in eu=stock_buyer eu=national_budgets eu=early_investor ukraine=drones_first ukraine=long_war \
             ukraine=deep_strike ukraine=current_lines russia=coercion russia=strike_campaign russia=restraint; do
        wargame batch $S --runs 200 --seed 1 --bot $b --out out/${b/=/_}
    done
    python validation/policy_table.py out

A folder named SIDE_POLICY is compared with `default`, run by run (paired seeds); the interval is a
95% percentile bootstrap of the mean paired difference (1,000 resamples, seeded). A policy that is
already a scenario's default for that side is left out. "Clear" means an interval that excludes 0 and a
difference of at least half a point. After the tables, a line per side says whether it has an
alternative the default beats clearly and one that beats the default clearly, in some scenario.
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
    directions = {}
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
            if clear == "yes":
                directions.setdefault(side, {}).setdefault("beats the default" if mean > 0 else "beaten by the default",
                                                           []).append(f"{policy} in {scenario}")
            print(f"| {scenario} | {side} | {policy} (vs {getattr(rules.bots.default, side)}) | "
                  f"{sum(a) / len(a):.2f} | {sum(b) / len(b):.2f} | {mean:+.2f} [{lo:+.2f}, {hi:+.2f}] | {clear} |")
    print()
    for side in ("eu", "ukraine", "russia"):
        found = directions.get(side, {})
        words = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(found.items())) or "no clear difference"
        both = "both directions" if len(found) == 2 else "one direction only" if found else "none"
        print(f"- {side}: {both} ({words})")
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
