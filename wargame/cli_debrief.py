"""Debrief commands: `debrief`, `compare`, `replay step`, `replay note`; notes added to `replay show`.

The work lives in wargame/debrief/; heavy modules are imported inside the commands so that
`wargame --help` stays fast.
"""

from pathlib import Path

import click

from wargame.vocab import SEATS


def audience_options(command):
    """--side SIDE and --public: whose view a command shows (without them, control's: everything)."""
    command = click.option("--public", "public_only", is_flag=True,
                           help="Show only what everyone may see (the projector's view).")(command)
    return click.option("--side", type=click.Choice(SEATS, case_sensitive=False),
                        help="Show only what this team may see: public news and its own.")(command)


def check_audience(side, public_only):
    if side and public_only:
        raise click.UsageError("give --side or --public, not both")
    return (side.lower() if side else None), public_only


SCENARIO_OPTION = click.option("--scenario", "scenario_path", type=click.Path(),
                               help="The scenario file, if not beside the replay.")


def _console():
    from wargame import display
    return display.console()


def warn_torn(note):
    """The one stderr line a reading command prints for a replay whose last line is cut off."""
    if note:
        click.echo(f"Warning: {note}", err=True)


def warn_story(story):
    """The stderr lines for a story: a cut-off last line, and a fork's parent that cannot be read."""
    warn_torn(story.torn_note)
    if story.parent_note:
        click.echo(f"Warning: {story.path}: {story.parent_note}", err=True)


def _print_all(con, renderables):
    for r in renderables:
        con.print(r)


def register(main, replay_group):
    """Add the debrief commands to the CLI."""

    @main.command("debrief")
    @click.argument("replay", type=click.Path())
    @click.option("--html", "html_out", type=click.Path(), help="Write the HTML debrief (one self-contained file; its folder is made if missing).")
    @click.option("--csv", "csv_dir", type=click.Path(file_okay=False), help="Write tidy CSV files into this folder (made if missing).")
    @click.option("--force", is_flag=True, help="Overwrite existing output files.")
    @SCENARIO_OPTION
    @audience_options
    def debrief(replay, html_out, csv_dir, force, scenario_path, side, public_only):
        """A kept game's debrief: a terminal summary, or an HTML page with charts (--html), or CSV files (--csv).

        With --side or --public, only what that team, or everyone, may see."""
        side, public_only = check_audience(side, public_only)
        from wargame.debrief.story import load_story
        from wargame.files import check_target, write_all_atomic, write_atomic
        if html_out is not None:
            check_target(html_out, force, "file", make_folder=True)
        targets = {}
        if csv_dir is not None:
            from wargame.debrief.csvout import COLUMNS
            targets = {Path(csv_dir) / name: name for name in COLUMNS}
            for path in targets:
                check_target(path, force, "CSV file", make_folder=True)
        story = load_story(replay, scenario_path, side, public_only)
        warn_story(story)
        if html_out is not None:
            from wargame.debrief.htmlout import render
            write_atomic(html_out, render(story), force, make_folder=True)
            click.echo(f"Wrote {html_out}")
        if csv_dir is not None:
            from wargame.debrief.csvout import render as render_csv
            texts = render_csv(story)
            write_all_atomic({path: texts[name] for path, name in targets.items()}, force, make_folder=True)
            click.echo(f"Wrote {', '.join(str(p) for p in targets)}")
        if html_out is None and csv_dir is None:
            from wargame.debrief.summary import summary
            _print_all(_console(), summary(story))

    @main.command("compare")
    @click.argument("replay_a", type=click.Path())
    @click.argument("replay_b", type=click.Path())
    @click.option("--html", "html_out", type=click.Path(), help="Write the comparison as HTML with overlaid charts (its folder is made if missing).")
    @click.option("--force", is_flag=True, help="Overwrite an existing HTML file.")
    def compare(replay_a, replay_b, html_out, force):
        """Two kept games side by side: where they first diverge, and how the main figures differ per turn."""
        from rich.table import Table
        from wargame.debrief import compare as cmp
        from wargame.debrief.facts import LABELS, MAIN_METRICS, fmt
        from wargame.debrief.story import load_story
        from wargame.files import check_target, write_atomic
        if html_out is not None:
            check_target(html_out, force, "file", make_folder=True)
        a, b = load_story(replay_a), load_story(replay_b)
        warn_story(a)
        warn_story(b)
        con = _console()
        con.print(f"A = {cmp.describe(a)}")
        con.print(f"B = {cmp.describe(b)}")
        con.print(cmp.divergence_text(a, b), style="bold")
        common = cmp.common_turns(a, b)
        if common:
            t = Table(title="B - A per turn", title_justify="left")
            keys = MAIN_METRICS[:6]
            t.add_column("turn", justify="right")
            for k in keys:
                t.add_column(LABELS.get(k, k), justify="right")
            for n in common:
                ma, mb = a.turn(n)["metrics"], b.turn(n)["metrics"]
                t.add_row(str(n), *[cmp.signed(k, None if ma.get(k) is None or mb.get(k) is None else mb[k] - ma[k])
                                    for k in keys])
            con.print(t)
            last = common[-1]
            f = Table(title=f"At turn {last}", title_justify="left")
            for col in ("metric", "A", "B", "B - A"):
                f.add_column(col, justify="left" if col == "metric" else "right")
            for n, k, x, y, d in cmp.metric_rows(a, b):
                if n == last:
                    f.add_row(LABELS.get(k, k), fmt(k, x), fmt(k, y), cmp.signed(k, d))
            con.print(f)
        if html_out is not None:
            write_atomic(html_out, cmp.render_html(a, b), force, make_folder=True)
            click.echo(f"Wrote {html_out}")

    @replay_group.command("step")
    @click.argument("replay", type=click.Path())
    @click.option("--turn", type=int, help="Start at this turn (default: the first).")
    @SCENARIO_OPTION
    @audience_options
    def replay_step(replay, turn, scenario_path, side, public_only):
        """Step through a kept game turn by turn: n(ext), p(revious), a turn number, q(uit).

        With --side or --public, only what that team, or everyone, may see."""
        side, public_only = check_audience(side, public_only)
        from wargame.debrief.step import HELP, parse_command, turn_view
        from wargame.debrief.story import load_story
        from wargame.errors import WargameError
        story = load_story(replay, scenario_path, side, public_only)
        warn_story(story)
        if not story.turns:
            raise WargameError(f"{replay}: no turn has been played yet")
        first, last = story.first_turn, story.last_turn
        current = first if turn is None else turn
        if not first <= current <= last:
            raise WargameError(f"{replay}: there is no turn {current} (the replay has turns {first}..{last})")
        con = _console()
        show = True
        while True:
            if show:
                _print_all(con, turn_view(story, current))
            try:
                answer = click.prompt(f"Turn {current} ({first}..{last}): {HELP}", default="n", show_default=False)
            except click.Abort:
                click.echo()
                return
            nxt, msg = parse_command(answer, current, first, last)
            if nxt is None:
                return
            if msg:
                click.echo(msg)
            show = nxt != current
            current = nxt

    @replay_group.command("note")
    @click.argument("replay", type=click.Path())
    @click.argument("text", nargs=-1)
    @click.option("--turn", type=int, help="The turn the note is about.")
    def replay_note(replay, text, turn):
        """Add an instructor's note on a turn (kept in REPLAY.notes.yaml; the replay is not changed).
        Without TEXT, list the notes."""
        from wargame.debrief.notes import add_note, notes_path, read_notes
        from wargame.errors import WargameError
        from wargame.replay import read_replay
        rp = read_replay(replay)
        warn_torn(rp.torn_note())
        if not text:
            for n in read_notes(replay):
                if turn is None or n["turn"] == turn:
                    click.echo(f"turn {n['turn']}: {n['text']}")
            return
        if turn is None:
            raise click.UsageError("give the turn the note is about with --turn N")
        if not rp.first_turn <= turn <= max(rp.last_turn, rp.first_turn):
            raise WargameError(f"{replay}: there is no turn {turn} (the replay has turns {rp.first_turn}..{rp.last_turn})")
        add_note(replay, turn, " ".join(text))
        click.echo(f"Noted on turn {turn}: {notes_path(replay)}")

    show = replay_group.commands.get("show")
    if show is not None:
        _add_notes_to_show(show)


def _add_notes_to_show(show):
    """`replay show` also prints the notes (of the turn shown, or all of them)."""
    original = show.callback

    def show_with_notes(**kwargs):
        original(**kwargs)
        if kwargs.get("side") or kwargs.get("public_only"):
            return  # an instructor's notes are control's
        from wargame.debrief.notes import read_notes
        turn = kwargs.get("turn")
        notes = [n for n in read_notes(kwargs["replay"]) if turn is None or n["turn"] == turn]
        if notes:
            click.echo("Notes:")
            for n in notes:
                click.echo(f"  turn {n['turn']}: {n['text']}")

    show.callback = show_with_notes
