"""Whole all-bot games per scenario: median time, simulated events per second, and the events per
second of a bare SimPy loop measured in the same run, with their ratio. Prints figures; asserts nothing.

    python benchmarks/bench_play.py [--runs 15]
"""

import argparse
import statistics
import subprocess
import sys
import time

from simpy_count import bare_simpy, counting_events

from wargame.engine import Game
from wargame.rules import scenario_names


def count_events(game):
    """Run one game counting the SimPy events it schedules."""
    with counting_events() as counted:
        game.play()
    return counted[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare = statistics.median(bare_simpy(200_000) for _ in range(3))
    print(f"bare SimPy loop: {bare:,.0f} events/s")
    for name in scenario_names():
        game = Game.load(name, seed=1)
        times = []
        for seed in range(1, args.runs + 1):
            game = Game.load(name, seed=seed)
            start = time.perf_counter()
            game.play()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        events = count_events(Game.load(name, seed=1))
        rate = events / median
        print(f"{name:12} median {median * 1000:7.1f} ms per {game.turns}-turn game, "
              f"{events:,} events, {rate:,.0f} events/s, {rate / bare:.2f} of bare SimPy")
    help_times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "wargame", "--help"], check=True, capture_output=True)
        help_times.append(time.perf_counter() - start)
    print(f"wargame --help: median {statistics.median(help_times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
