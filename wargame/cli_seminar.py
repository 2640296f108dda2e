"""`wargame seminar ...`: the facilitator's turn loop over a seminar folder (see docs/seminar.md).

A thin shell over wargame.seminar; the pages come from wargame.seminar_pages."""

from pathlib import Path

import click

from wargame.vocab import SIDES


def _bots(values):
    out = {}
    for value in values:
        side, sep, policy = value.partition("=")
        side = side.strip().lower()  # side names in any case, as people type them
        if not sep or side not in SIDES or not policy:
            raise click.BadParameter(f"expected SIDE=POLICY with SIDE one of {', '.join(SIDES)}, found '{value}'",
                                     param_hint="--bot")
        if side in out:
            raise click.UsageError(f"{side}: given to --bot twice")
        out[side] = policy
    return out


def _write(path, text, force):
    from wargame.files import write_atomic
    write_atomic(path, text, force, "file", "--html")
    click.echo(f"Wrote {path}")


def _where(pos):
    return f"turn {pos.turn} of {pos.game.turns}" if not pos.finished else f"the game is over ({pos.game.turns} turns)"


@click.group("seminar")
def seminar_group():
    """Run a seminar from a folder: teams hand in orders files, the facilitator adjudicates each turn."""


@seminar_group.command("new")
@click.argument("scenario")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--seed", type=int, default=1, show_default=True, help="The game's seed.")
@click.option("--turns", type=click.IntRange(1, 200), help="Play fewer turns than the scenario's (objectives scale).")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="A side played by a bot; the other sides are teams.")
@click.option("--injects", "injects_path", type=click.Path(dir_okay=False), help="The white cell's injects (copied in).")
@click.option("--objectives", "objectives_path", type=click.Path(dir_okay=False),
              help="The seminar's own objectives (YAML, as rules/objectives.yaml; copied in).")
def seminar_new(scenario, folder, seed, turns, bot, injects_path, objectives_path):
    """Create a seminar folder for SCENARIO and write each team's first pack."""
    from wargame import seminar
    for path, what in ((injects_path, "injects"), (objectives_path, "objectives")):
        if path and not Path(path).is_file():
            raise click.ClickException(f"{path}: {what} file not found")
    pos = seminar.new(scenario, folder, seed=seed, turns=turns, bots=_bots(bot), injects=injects_path,
                      objectives=objectives_path)
    g = pos.game
    click.echo(f"Seminar {folder}: {g.scenario.title}, {g.turns} turns of {g.scenario.turn_days} days from "
               f"{g.scenario.start_date}, seed {g.seed}.")
    click.echo("Seats: " + ", ".join(f"{s} {'team' if pos.seats[s] == seminar.TEAM else pos.seats[s]}" for s in SIDES))
    for side in pos.teams:
        click.echo(f"  {side}: pack {folder}/packs/{side}/turn-00.txt, orders sheet "
                   f"{folder}/packs/{side}/orders-turn-01.yaml")
    click.echo(f"Objectives: {pos.basis().text}.")
    click.echo(f"Next: teams hand in orders with 'wargame seminar submit {folder} --side SIDE FILE'.")


@seminar_group.command("status")
@click.argument("folder", type=click.Path(file_okay=False))
def seminar_status(folder):
    """Turn n of N, the date, who has handed in orders and who is missing, the injects due."""
    from wargame import seminar
    st = seminar.status(folder)
    if st["finished"]:
        click.echo(f"{folder}: {st['scenario']}, the game is over ({st['played']} turns played). "
                   f"World: wargame seminar world {folder}")
        return
    click.echo(f"{folder}: {st['scenario']}, turn {st['turn']} of {st['turns']}, from {st['date']}")
    bots = [f"{s} ({st['seats'][s]})" for s in SIDES if st["seats"][s] != seminar.TEAM]
    handed = [f"{s}" + (f" ({n} submissions, the last in force)" if n > 1 else "") for s, n in st["handed_in"].items()]
    click.echo(f"  handed in: {', '.join(handed) or 'none'}")
    click.echo(f"  missing:   {', '.join(st['missing']) or 'none'}")
    if bots:
        click.echo(f"  bots:      {', '.join(bots)}")
    if st["injects"]:
        for inj in st["injects"]:
            click.echo(f"  inject due, day {inj['day']}: {inj['text']}")
    else:
        click.echo("  injects due: none")
    if st["missing"]:
        click.echo(f"Next: wait for {', '.join(st['missing'])}, or 'wargame seminar turn {folder} --force-bots'.")
    else:
        click.echo(f"Next: wargame seminar turn {folder}")


@seminar_group.command("submit")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--side", required=True, type=click.Choice(SIDES, case_sensitive=False))
@click.argument("file", type=click.Path(dir_okay=False))
def seminar_submit(folder, side, file):
    """Check a team's orders FILE against the game as it stands and file it for the coming turn."""
    from wargame import seminar
    pos, n, target = seminar.submit(folder, side, file)
    again = f" (submission {n}: replaces the earlier one, which is kept)" if n > 1 else ""
    click.echo(f"{side} orders for turn {pos.turn} filed as {target}{again}.")
    missing = [s for s in pos.teams if s != side and not pos.orders_file(s).exists()]
    click.echo(f"Still missing: {', '.join(missing)}." if missing else f"All orders are in: wargame seminar turn {folder}")


@seminar_group.command("turn")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--force-bots", is_flag=True, help="A team that has not handed in is played by its side's default bot.")
def seminar_turn(folder, force_bots):
    """Adjudicate the coming turn, append it to the replay, write the State of the World and the packs."""
    from wargame import seminar
    pos = seminar.play_turn(folder, force_bots=force_bots)
    played = len(pos.records)
    rec = pos.records[-1]
    for side in [s for s in pos.teams if rec["controllers"][s] != seminar.TEAM]:
        click.echo(f"{side}: no orders handed in; played by {rec['controllers'][side]} (recorded in the replay).")
    click.echo(f"Turn {played} of {pos.game.turns} adjudicated ({rec['date']}), kept in {seminar.replay_path(folder)}.")
    click.echo(f"State of the World: {folder}/world/turn-{played:02d}.html (or: wargame seminar world {folder})")
    for side in pos.teams:
        click.echo(f"  {side} pack: {folder}/packs/{side}/turn-{played:02d}.html")
    if pos.finished:
        click.echo(f"The game is over. Debrief: wargame debrief {seminar.replay_path(folder)} --html debrief.html")
    else:
        click.echo(f"Next: turn {pos.turn}; teams submit their orders.")


@seminar_group.command("pack")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--side", required=True, type=click.Choice(SIDES, case_sensitive=False))
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Write the pack as a self-contained HTML page.")
@click.option("--force", is_flag=True, help="Overwrite an existing HTML file.")
def seminar_pack(folder, side, html_out, force):
    """A team's private pack: its report on the turn just played, its briefing and orders sheet for the next."""
    from wargame import seminar, seminar_pages as pages
    pos = seminar.open_seminar(folder)
    if side not in pos.teams:
        raise click.ClickException(f"{folder}: {side} is played by {pos.seats[side]}, not a team: it has no pack")
    p = pages.pack(pos, side)
    if html_out:
        _write(html_out, pages.pack_html(p), force)
    else:
        click.echo(pages.pack_text(p), nl=False)


@seminar_group.command("world")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--turn", type=click.IntRange(1, 200), help="A past turn (default: the last played).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Write the page for the projector (HTML).")
@click.option("--force", is_flag=True, help="Overwrite an existing HTML file.")
def seminar_world(folder, turn, html_out, force):
    """The State of the World for the projector: public facts only, what changed, in large type."""
    from wargame import seminar, seminar_pages as pages
    pos = seminar.open_seminar(folder)
    if not pos.records:
        raise click.ClickException(f"{folder}: no turn played yet ({_where(pos)})")
    if turn is not None and turn > len(pos.records):
        raise click.ClickException(f"{folder}: turn {turn} is not played yet (turns 1..{len(pos.records)})")
    w = pages.world(pos, turn)
    if html_out:
        _write(html_out, pages.world_html(w), force)
    else:
        click.echo(pages.world_text(w), nl=False)


def register(main):
    main.add_command(seminar_group)
