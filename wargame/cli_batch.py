"""The batch command (Monte Carlo runs, sweeps): `wargame batch SCENARIO... --runs N --out DIR` and
`wargame batch summary DIR`. Everything heavy is imported inside the commands, so --help stays fast."""

import os
import sys

import click

from wargame.seeds import SEED_MAX, SEED_MIN
from wargame.vocab import SEATS


class _BatchGroup(click.Group):
    """`wargame batch SCENARIO...` runs a batch; `wargame batch summary DIR` rebuilds a summary."""

    def parse_args(self, ctx, args):
        if not args or args[0] not in self.commands:
            args = ["run"] + list(args)
        return super().parse_args(ctx, args)


def _bot_pairs(values):
    out = []
    for value in values:
        side, sep, policy = value.partition("=")
        side = side.strip().lower()
        if not sep or side not in SEATS or not policy:
            raise click.BadParameter(f"expected SIDE=POLICY with SIDE one of {', '.join(SEATS)}, found '{value}'",
                                     param_hint="--bot")
        out.append((side, policy))
    return tuple(out)


def _show_progress():
    return sys.stderr.isatty() and not os.environ.get("CI")


def register(main):
    """Add the batch command to the CLI."""

    @main.group("batch", cls=_BatchGroup)
    def batch_group():
        """Many bot games per scenario: outcome distributions, sweeps, summaries."""

    @batch_group.command("run")
    @click.argument("scenarios", nargs=-1, required=True)
    @click.option("--runs", type=int, required=True, help="Games per scenario and sweep point.")
    @click.option("--seed", type=click.IntRange(SEED_MIN, SEED_MAX), default=1, show_default=True, help="The batch seed; each run's seed derives from it.")
    @click.option("--workers", type=int, default=1, show_default=True, help="Local worker processes (or Dask workers with --dask local).")
    @click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="A side's bot policy for every run.")
    @click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
                  help="Change a rules or scenario number for the whole batch, e.g. money.eu.budget_share_start=0.035.")
    @click.option("--sweep", metavar="KEY=V1,V2,...", help="Run the batch once per value; the summary compares them.")
    @click.option("--from", "from_replay", type=click.Path(), help="Fork every run from this kept game ...")
    @click.option("--at-turn", "at_turn", type=int, help="... from the state before this turn.")
    @click.option("--keep-replays", is_flag=True, help="Keep each run's replay under DIR/replays/.")
    @click.option("--dask", metavar="ADDRESS|local", help="Run on a Dask scheduler (or a local Dask cluster).")
    @click.option("--resume", is_flag=True, help="Continue an interrupted batch in DIR: runs already in runs.csv are kept.")
    @click.option("--mark", type=click.Path(dir_okay=False), metavar="REPLAY",
                  help="A class's own game: its value marked on each histogram, and its percentile.")
    @click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="The batch folder.")
    def batch_run(scenarios, runs, seed, workers, bot, sets, sweep, from_replay, at_turn, keep_replays, dask, resume,
                  mark, out_dir):
        """Play SCENARIO... many times with bots; write DIR/runs.csv, turns.csv, summary.json and summary.html.

        Each run's seed derives from --seed, the scenario, the sweep point and the run index, so the rows
        are the same for any --workers and with --dask. Rebuild the summary with 'wargame batch summary DIR'.
        Ctrl-C keeps every finished run; the same command with --resume continues.
        """
        from wargame.batch import BatchSpec, run_batch
        if from_replay:  # a torn last line: the runs start from its whole turns; say so, as every reader does
            from wargame.cli_debrief import warn_torn
            from wargame.replay import read_replay
            warn_torn(read_replay(from_replay).torn_note())
        spec = BatchSpec(scenarios=tuple(scenarios), runs=runs, seed=seed, bots=_bot_pairs(bot), sets=tuple(sets),
                         sweep=sweep, from_replay=from_replay, at_turn=at_turn, keep_replays=keep_replays)
        progress = None
        state = {}

        def on_start(total, already):
            nonlocal progress
            state["total"] = total
            if already:
                click.echo(f"Resuming: {already:,} of {total:,} runs already in {out_dir}/runs.csv", err=True)
            if _show_progress():
                from rich.console import Console
                from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                           TimeRemainingColumn)
                progress = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                                    TextColumn("{task.fields[rate]} runs/s"), TimeRemainingColumn(),
                                    console=Console(stderr=True), transient=False)
                progress.start()
                state["task"] = progress.add_task("runs", total=total, completed=already, rate="-")
                state["start"], state["already"] = _now(), already

        def on_progress(n):
            if progress is not None:
                progress.advance(state["task"], n)
                done = progress.tasks[0].completed - state["already"]
                elapsed = _now() - state["start"]
                progress.update(state["task"], rate=f"{done / elapsed:.1f}" if elapsed > 0 else "-")

        try:
            result = run_batch(spec, out_dir, workers=workers, dask=dask, resume=resume,
                               on_progress=on_progress, on_start=on_start, mark=mark)
        finally:
            if progress is not None:
                progress.stop()
        if result.interrupted:
            click.echo(f"\nInterrupted: {result.done:,} of {result.total:,} runs kept in {out_dir}/runs.csv "
                       f"({result.ran:,} this session).", err=True)
            click.echo("Continue with the same command and --resume.", err=True)
            sys.exit(130)
        click.echo(f"{result.total:,} runs ({result.ran:,} played now) in {out_dir}: runs.csv, turns.csv, "
                   "summary.json, summary.html")
        if mark:
            _echo_summary(out_dir)

    @batch_group.command("summary")
    @click.argument("out_dir", type=click.Path(file_okay=False))
    @click.option("--mark", type=click.Path(dir_okay=False), metavar="REPLAY",
                  help="A class's own game: its value marked on each histogram, and its percentile.")
    def batch_summary(out_dir, mark):
        """Rebuild DIR/summary.json and DIR/summary.html from DIR/runs.csv and turns.csv, and print it
        in plain words: outcomes, how often each objective is met, where a --mark game falls."""
        from wargame.batch_summary import build_summary, terminal_lines
        summary = build_summary(out_dir, mark)
        for line in terminal_lines(summary):
            click.echo(line)
        click.echo(f"{summary['runs']:,} runs in {len(summary['groups'])} groups: {out_dir}/summary.json, "
                   f"{out_dir}/summary.html")


def _echo_summary(out_dir):
    import json
    from pathlib import Path
    from wargame.batch_summary import terminal_lines
    for line in terminal_lines(json.loads((Path(out_dir) / "summary.json").read_text(encoding="utf-8"))):
        click.echo(line)


def _now():
    import time
    return time.perf_counter()
