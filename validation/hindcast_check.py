"""The validation table of docs/validation.md: hindcast-2023 over many seeds beside the check set.

    python validation/hindcast_check.py --runs 200 [--seed 0] [--scenario hindcast-2023]

Plays default bots for seeds seed..seed+runs-1 and, for each row of validation/checks-2023-24.yaml,
prints the observed figure, the game's median and 5th-95th percentile range, and whether the median
lands within 25% of the figure. Deterministic: the same arguments print the same table.
"""

import argparse
import statistics
from pathlib import Path

import yaml

from wargame.engine import Game
from wargame.phases.us import aid_share

CHECKS = Path(__file__).with_name("checks-2023-24.yaml")


def percentile(values, q):
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scenario", default="hindcast-2023")
    args = ap.parse_args()
    checks = yaml.safe_load(CHECKS.read_text())["checks"]
    sums = {c["id"]: [] for c in checks}
    for seed in range(args.seed, args.seed + args.runs):
        game = Game.load(args.scenario, seed=seed)
        _, turns = game.play({})
        for c in checks:
            first, last = c["turns"]
            total = sum(t.metrics[c["metric"]] for t in turns if first <= t.turn <= last)
            if c.get("minus_us_aid"):
                item = c["metric"].split(".")[-1]
                full = game.rules.start.us.aid_per_turn.get(item, 0)
                total -= sum(int(full * aid_share(game.scenario, n)) for n in range(first, last + 1))
            sums[c["id"]].append(total)
    print(f"{args.scenario}, {args.runs} runs (seeds {args.seed}-{args.seed + args.runs - 1}), default bots")
    print(f"| figure | observed | game median | game 5th-95th | median/observed | within 25% |")
    print(f"|---|---:|---:|---:|---:|---|")
    for c in checks:
        v = sums[c["id"]]
        med = statistics.median(v)
        ratio = med / c["observed"]
        ok = "yes" if abs(ratio - 1) <= 0.25 else "no"
        print(f"| {c['what']} | {c['observed']:,.0f} | {med:,.0f} | {percentile(v, 0.05):,.0f} - "
              f"{percentile(v, 0.95):,.0f} | {ratio:.2f} | {ok} |")


if __name__ == "__main__":
    main()
