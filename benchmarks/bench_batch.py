"""Batch speed and memory, printed in one run; asserts nothing, but names the floors it compares with.

- whole default games per second on one worker (a batch of --runs games of `coordinated`, default bots);
- the speed-up of two workers over one (the same batch, twice the runs);
- the engine's simulated events per second (counted as in bench_play.py) as a ratio to a bare SimPy
  loop measured in the same run;
- peak memory (ru_maxrss: the batch's own process, its largest worker, and their sum) of a 1,000-run
  and a 10,000-run batch, each in a fresh process with two workers.

    python benchmarks/bench_batch.py [--runs 100] [--big 10000] [--scenario coordinated]
"""

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from simpy_count import bare_simpy, counting_events

from wargame import batch as B


def _cpu():
    """CPU seconds of this process and its reaped children (pool workers are reaped at shutdown)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def games_per_second(scenario, runs, workers):
    """(wall-clock games/s over the playing phase of a batch, games per CPU second of the whole batch).

    The second does not depend on other programs sharing the cores; the first does."""
    marks = {}
    with tempfile.TemporaryDirectory() as tmp:
        spec = B.BatchSpec(scenarios=(scenario,), runs=runs, seed=11)

        def on_start(total, already):
            marks["start"] = time.perf_counter()

        def on_progress(n):
            marks["end"] = time.perf_counter()

        cpu = _cpu()
        B.run_batch(spec, Path(tmp) / "b", workers=workers, on_start=on_start, on_progress=on_progress)
        cpu = _cpu() - cpu
    return runs / (marks["end"] - marks["start"]), runs / cpu


def engine_events(scenario, games=5):
    """(events per game, events per second) of whole games played the way a batch plays them."""
    spec = B.BatchSpec(scenarios=(scenario,), runs=1)
    with tempfile.TemporaryDirectory() as tmp:
        point = pickle.loads(B.prepare(spec, tmp)[0].payload)
    ids = (scenario, "", "")
    with counting_events() as counted:
        for run in range(1, games + 1):
            B.play_run(point, ids, run, B.derive_seed(3, scenario, "", "", run))
    per_game = counted[0] / games
    times = []
    for run in range(1, games + 1):
        start = time.perf_counter()
        B.play_run(point, ids, run, B.derive_seed(3, scenario, "", "", run))
        times.append(time.perf_counter() - start)
    return per_game, per_game / statistics.median(times)


MEMORY_CHILD = """
import json, resource, sys, tempfile, time
from pathlib import Path
from wargame import batch as B
runs, scenario = int(sys.argv[1]), sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    start = time.perf_counter()
    B.run_batch(B.BatchSpec(scenarios=(scenario,), runs=runs, seed=5), Path(tmp) / "b", workers=2)
    seconds = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"self_kb": me, "worker_kb": kids, "seconds": seconds}))
"""


def peak_memory(scenario, runs):
    out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(runs), scenario], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100, help="games for the one-worker rate (two workers play twice as many)")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000)
    parser.add_argument("--scenario", default="coordinated")
    args = parser.parse_args()

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other programs slow the wall-clock figures)")
    one, one_cpu = games_per_second(args.scenario, args.runs, 1)
    two, two_cpu = games_per_second(args.scenario, args.runs * 2, 2)
    print(f"one worker:  {one:6.1f} whole {args.scenario} games/s wall clock, {one_cpu:.1f} games per CPU second   (floor 20)")
    print(f"two workers: {two:6.1f} games/s wall clock, speed-up {two / one:.2f}x   (floor 1.7x); "
          f"{two_cpu:.1f} games per CPU second, so at most {2 * two_cpu / one_cpu:.2f}x on two idle cores")

    bare = statistics.median(bare_simpy(200_000) for _ in range(3))
    per_game, rate = engine_events(args.scenario)
    print(f"engine: {per_game:,.0f} SimPy events a game, {rate:,.0f} events/s; bare SimPy loop {bare:,.0f} events/s; "
          f"ratio {rate / bare:.3f}")

    small = peak_memory(args.scenario, args.small)
    big = peak_memory(args.scenario, args.big)
    for n, m in ((args.small, small), (args.big, big)):
        print(f"{n:6,}-run batch (2 workers, {m['seconds']:.0f} s): peak RSS batch process {m['self_kb'] / 1024:.1f} MB, "
              f"largest worker {m['worker_kb'] / 1024:.1f} MB, sum {(m['self_kb'] + 2 * m['worker_kb']) / 1024:.1f} MB")
    total_small = small["self_kb"] + 2 * small["worker_kb"]
    total_big = big["self_kb"] + 2 * big["worker_kb"]
    print(f"peak memory {args.big:,} runs / {args.small:,} runs: batch process {big['self_kb'] / small['self_kb']:.3f}, "
          f"worker {big['worker_kb'] / small['worker_kb']:.3f}, total {total_big / total_small:.3f}   (floor: within 1.10)")


if __name__ == "__main__":
    main()
