"""How long the debrief of a long game takes: plays a 40-turn all-bot game, then times reading the
replay, the HTML page, the CSV files and the terminal summary (median of several runs), and the
whole `wargame debrief --html` command. Prints figures; asserts nothing. The target: under 2 s.

    python benchmarks/bench_debrief.py [--turns 40] [--runs 5] [--scenario chaotic]
"""

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from wargame.controllers.base import default_controllers
from wargame.debrief import csvout, htmlout, summary
from wargame.debrief.notes import add_note
from wargame.debrief.story import load_story
from wargame.engine import Game, play_game
from wargame.replay import ReplayWriter, header_for


def play(path, scenario, turns):
    game = Game.load(scenario, seed=1, turns=turns)
    controllers = default_controllers(game.rules, None)
    play_game(game, controllers, writer=ReplayWriter(path, header_for(game, controllers, scenario), force=True))


def timed(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=40)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scenario", default="chaotic")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        replay = Path(d) / "game.jsonl"
        start = time.perf_counter()
        play(replay, args.scenario, args.turns)
        print(f"played {args.scenario}, {args.turns} turns in {time.perf_counter() - start:.2f} s; "
              f"replay {replay.stat().st_size / 1e6:.2f} MB")
        add_note(replay, 2, "a note, so notes are rendered too")
        t_load, story = timed(lambda: load_story(replay), args.runs)
        t_html, html = timed(lambda: htmlout.render(story), args.runs)
        t_csv, _ = timed(lambda: csvout.render(story), args.runs)

        def text():
            con = Console(file=io.StringIO(), width=160)
            for r in summary.summary(story):
                con.print(r)
        t_sum, _ = timed(text, args.runs)
        print(f"read and check the replay: {t_load * 1000:7.1f} ms")
        print(f"HTML page ({len(html) / 1e6:.2f} MB):     {t_html * 1000:7.1f} ms")
        print(f"CSV files:                 {t_csv * 1000:7.1f} ms")
        print(f"terminal summary:          {t_sum * 1000:7.1f} ms")
        print(f"read + HTML:               {(t_load + t_html) * 1000:7.1f} ms (target < 2000 ms)")
        cmd = [sys.executable, "-m", "wargame", "debrief", str(replay), "--html", str(Path(d) / "d.html"), "--force"]
        t_cli, _ = timed(lambda: subprocess.run(cmd, check=True, capture_output=True), args.runs)
        print(f"'wargame debrief --html' as a command, start to finish: {t_cli * 1000:7.1f} ms")
        browser = shutil.which("chromium")
        if browser:
            empty = Path(d) / "empty.html"
            empty.write_text("<!DOCTYPE html><title>x</title>")

            def load(page):
                return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                       f"--user-data-dir={d}/profile", "--dump-dom", page.as_uri()],
                                      check=True, capture_output=True)
            t_empty, _ = timed(lambda: load(empty), 3)
            t_page, _ = timed(lambda: load(Path(d) / "d.html"), 3)
            print(f"headless Chromium: empty page {t_empty * 1000:.0f} ms, the debrief {t_page * 1000:.0f} ms "
                  f"(rendering the debrief: about {(t_page - t_empty) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
