"""Instructions (valgrind's callgrind count) of a library game and of loading the rules: figures that
other programs on the cores do not change, to compare two commits when the load average is high.
Prints figures; asserts nothing. Needs valgrind; takes a few minutes (Python runs ~50x slower in it).

Each figure is the difference between two runs of the same script that differ only in doing the
measured thing N more times, divided by N, so start-up, imports and loading cancel out (a game's
figure is its play() alone: both runs load the same N games).
The SimPy yardstick is counted the same way: instructions per event of a bare SimPy loop.

    python benchmarks/bench_instructions.py [--games 3]
    PYTHONPATH=/tmp/wg-base python benchmarks/bench_instructions.py     # another checkout
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

SCRIPT = r"""
import sys
what, n = sys.argv[1], int(sys.argv[2])
from wargame import yamlsafe
from wargame.engine import Game
from wargame.rules import load_rules
game = Game.load("coordinated", seed=1)
game.play()
games = [Game.load("coordinated", seed=seed) for seed in range(2, 2 + n)] if what.startswith("game") else []
if what == "game":
    for one in games:
        one.play()
elif what == "game_digests":
    for one in games:
        for record in one.play()[1]:
            record.digest
elif what == "load_cold":
    for _ in range(n):
        if hasattr(yamlsafe, "clear_cache"):
            yamlsafe.clear_cache()
        load_rules()
elif what == "load_again":
    for _ in range(n):
        load_rules()
elif what == "simpy":
    import simpy
    env = simpy.Environment()
    def proc():
        for _ in range(n * 10000):
            yield env.timeout(1)
    env.process(proc())
    env.run()
"""


def instructions(what, n):
    """Instructions callgrind counts for the script doing `what` n times."""
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, "s.py")
        with open(script, "w") as f:
            f.write(SCRIPT)
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={d}/cg.out",
                              sys.executable, script, what, str(n)], capture_output=True, text=True, check=True)
    match = re.search(r"Collected : (\d+)", out.stderr)
    return int(match.group(1))


def per_time(what, n, base=None):
    """Instructions of doing `what` once: (n times - the script without it) / n."""
    return (instructions(what, n) - instructions(base or what, n if base else 0)) / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=3)
    args = parser.parse_args()
    import wargame
    print(f"wargame from {os.path.dirname(os.path.dirname(wargame.__file__))}; instructions counted by callgrind")
    simpy_per_event = per_time("simpy", 2) / 10000
    print(f"bare SimPy loop: {simpy_per_event:,.0f} instructions per event")
    game = per_time("game", args.games, base="game_loaded_only")
    digests = per_time("game_digests", args.games, base="game_loaded_only")
    from simpy_count import counting_events
    from wargame.engine import Game
    with counting_events() as counted:
        Game.load("coordinated", seed=2).play()
    events = counted[0]
    print(f"library game (coordinated, 20 turns): {game / 1e6:,.1f} M instructions; "
          f"{digests / 1e6:,.1f} M with every turn's digest read")
    print(f"  = {game / events:,.0f} instructions per event, {simpy_per_event / (game / events):.3f} of bare SimPy's rate")
    print(f"rules loading, cold: {per_time('load_cold', 3) / 1e6:,.1f} M instructions; "
          f"again: {per_time('load_again', 3) / 1e6:,.1f} M")


if __name__ == "__main__":
    main()
