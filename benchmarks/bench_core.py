"""The speed figures of issue 9 in one run, with a bare SimPy loop measured alongside as the yardstick.
Prints figures; asserts nothing. Timings on shared cores are noisy: each is a median, printed as
wall-clock time and, in brackets, CPU time (this process's, or the command's own from getrusage),
which other programs on the cores disturb less; the load average is printed before and after.

- loading the rules: libyaml's C parser and the pure-Python one, cold (nothing cached) and again
  (the in-process cache);
- a whole default all-bot game from the command line (`python -m wargame play coordinated --out F`)
  beyond interpreter start-up (`python -c pass`); target < 150 ms, aim 50. Commands run with the
  package's bytecode cached, as an installed package runs; the run says whether the commands' wargame
  is an editable install (`pip install -e`, whose import hook adds ~10 ms to every start-up, inside
  the start-up figure) or an installed copy (`pip install .`): the figures beyond start-up are the
  same for both within noise (measured side by side);
- a whole default 20-turn game in the library (`Game.load("coordinated", seed).play()`), and the same
  with every turn's state digest read as a replay writer reads it; target < 40 ms, aim 20;
- simulated events per second as a share of the bare SimPy loop's; target >= 0.25, aim 0.33;
- `wargame --help`; target < 100 ms;
- with --profile, where the library game's time goes (functions by cumulative time).

Runs against any checkout, e.g. the commit before the work: `git worktree add /tmp/wg-base c5e4e38`
and `PYTHONPATH=/tmp/wg-base python benchmarks/bench_core.py`.

    python benchmarks/bench_core.py [--runs 15] [--profile]
"""

import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from simpy_count import bare_simpy, counting_events

import wargame
from wargame import rules as R
from wargame import yamlsafe
from wargame.engine import Game


class Ms:
    """Median wall-clock and CPU milliseconds of some runs; prints as 'wall (CPU cpu)'."""

    def __init__(self, wall, cpu):
        self.wall, self.cpu = wall, cpu

    def __sub__(self, other):
        return Ms(self.wall - other.wall, self.cpu - other.cpu)

    def __format__(self, spec):
        return f"{format(self.wall, spec)} ms (CPU {format(self.cpu, spec)})"


def _cpu():
    """CPU seconds of this process and of its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def median_ms(fn, runs, setup=None):
    walls, cpus = [], []
    for _ in range(runs):
        if setup:
            setup()
        cpu, start = _cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return Ms(statistics.median(walls) * 1000, statistics.median(cpus) * 1000)


def clear():
    if hasattr(yamlsafe, "clear_cache"):
        yamlsafe.clear_cache()


def rules_loading(runs):
    """{(parser, 'cold'|'again'): ms} for every parser this checkout has."""
    parsers = getattr(yamlsafe, "PARSERS", ("python",))
    out = {}
    for parser in parsers:
        old = getattr(yamlsafe, "PARSER", None)
        if old is not None:
            yamlsafe.PARSER = parser
        try:
            out[parser, "cold"] = median_ms(R.load_rules, runs, setup=clear)
            R.load_rules()
            out[parser, "again"] = median_ms(R.load_rules, runs)
        finally:
            if old is not None:
                yamlsafe.PARSER = old
    return out


def library_game(runs, read_digests=False):
    """Median ms of a whole default game of `coordinated` (seeds 1..runs), loaded beforehand."""
    games = [Game.load("coordinated", seed=seed) for seed in range(1, runs + 1)]

    def play():
        _, records = games.pop().play()
        if read_digests:
            for record in records:
                record.digest  # noqa: B018 (what a replay writer reads)
    return median_ms(play, runs)


# Commands run as an installed package runs: with its bytecode cached (PYTHONDONTWRITEBYTECODE, if set
# here, would make every start compile the package's sources again, about 60 ms), after a warm-up run.
COMMAND_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# How the commands' wargame is installed: an editable install (pip install -e) adds an import hook that
# every interpreter start-up loads (~10 ms, counted in start-up, so not in the "beyond start-up" figures);
# `pip install .` has none. The figures beyond start-up are otherwise the same for both.
INSTALL_KIND = """
import json, os, wargame
from urllib.parse import unquote, urlparse
kind = "not installed: found on PYTHONPATH or in the current folder"
try:
    from importlib.metadata import distribution
    dist = distribution("wargame")
    url = json.loads(dist.read_text("direct_url.json") or "{}")
    root = os.path.dirname(os.path.dirname(os.path.realpath(wargame.__file__)))
    if url.get("dir_info", {}).get("editable") and os.path.realpath(unquote(urlparse(url["url"]).path)) == root:
        kind = "editable install"
    elif (dist.read_text("RECORD")  # pip's record of an installed copy (a checkout's egg-info has none)
          and os.path.realpath(dist.locate_file("wargame/__init__.py")) == os.path.realpath(wargame.__file__)):
        kind = "installed copy (pip install .)"
except Exception:
    pass
print(wargame.__file__, "(" + kind + ")")
"""


def command(args, runs):
    """Median ms of running a command in a fresh interpreter (after one warm-up run)."""
    with tempfile.TemporaryDirectory() as d:
        def one():
            # run elsewhere: `python -m` puts the current folder first on sys.path, which would
            # import the checkout we stand in rather than the one PYTHONPATH names
            subprocess.run(args, check=True, capture_output=True, env=COMMAND_ENV, cwd=d)
        one()
        return median_ms(one, runs)


def cli_game(runs):
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "game.jsonl"

        def one():
            out.unlink(missing_ok=True)
            subprocess.run([sys.executable, "-m", "wargame", "play", "coordinated", "--out", str(out)],
                           check=True, capture_output=True, env=COMMAND_ENV, cwd=d)
        one()
        return median_ms(one, runs)


def profile(top):
    game = Game.load("coordinated", seed=1)
    game.play()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(5):
        Game.load("coordinated", seed=1).play()
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(top)
    lines = text.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return "\n".join(line.replace(str(Path(wargame.__file__).parent.parent) + "/", "") for line in lines[start:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="also print the library game's profile")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    here = Path(wargame.__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "-C", str(here), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    print(f"wargame from {here} (commit {commit}); Python {sys.version.split()[0]}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    bare_runs = []
    for _ in range(7):
        cpu = time.process_time()
        wall_rate = bare_simpy(200_000)
        bare_runs.append((wall_rate, 200_000 / (time.process_time() - cpu)))
    bare = statistics.median(r[0] for r in bare_runs)
    bare_cpu = statistics.median(r[1] for r in bare_runs)
    print(f"bare SimPy loop: {bare:,.0f} events/s wall clock, {bare_cpu:,.0f} by CPU time (median of 7)")

    loading = rules_loading(args.runs)
    for (parser_name, when), ms in loading.items():
        label = {"c": "libyaml C parser", "python": "pure-Python parser"}[parser_name]
        print(f"rules loading, {label:18}, {when:5}: {ms:7.2f}")
    load_ms = median_ms(lambda: Game.load("coordinated", seed=1), args.runs)
    print(f"Game.load('coordinated') with the default parser, again:  {load_ms:7.2f}")

    game_ms = library_game(args.runs)
    game_digest_ms = library_game(args.runs, read_digests=True)
    game = Game.load("coordinated", seed=1)
    with counting_events() as counted:
        game.play()
    events = counted[0]
    rate = events / (game_ms.wall / 1000)
    print(f"library game: {game_ms:6.1f} per {game.turns}-turn default game (target < 40, aim 20); "
          f"{game_digest_ms:6.1f} with every turn's digest read")
    print(f"events: {events:,} a game, {rate:,.0f} events/s = {rate / bare:.3f} of bare SimPy "
          f"(by CPU time: {events / (game_ms.cpu / 1000) / bare_cpu:.3f}) (target >= 0.25, aim 0.33)")

    floor = command([sys.executable, "-c", "pass"], args.runs)
    play = cli_game(max(5, args.runs // 2))
    help_ms = command([sys.executable, "-m", "wargame", "--help"], args.runs)
    no_site = command([sys.executable, "-S", "-c", "pass"], args.runs)
    where = subprocess.run([sys.executable, "-c", INSTALL_KIND], capture_output=True,
                           text=True, env=COMMAND_ENV, cwd=tempfile.gettempdir()).stdout.strip()
    print(f"commands run wargame from {where}")
    print(f"interpreter start-up (python -c pass): {floor:6.1f}; {floor - no_site:6.1f} of it is site-packages' "
          f"start-up (.pth files: an editable install's import hook is one)")
    print(f"command line game (python -m wargame play coordinated --out F): {play:6.1f}, "
          f"{play - floor:6.1f} beyond start-up (target < 150, aim 50)")
    print(f"wargame --help: {help_ms:6.1f}, {help_ms - floor:6.1f} beyond start-up (target < 100)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")

    if args.profile:
        print(f"\nlibrary game, 5 x coordinated seed 1, by cumulative time (top {args.top}):")
        print(profile(args.top))


if __name__ == "__main__":
    main()
