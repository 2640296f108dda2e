"""The command line: a thin shell over the library. The only place that prints or prompts.

Exit codes: 0 success, 1 a user's mistake or a failed check, 2 a usage error, 130 interrupted.
"""

import sys

import click

from wargame.errors import WargameError
from wargame.seeds import SEED_MAX, SEED_MIN
from wargame.vocab import MAX_TURNS, SEATS, SIDES

SEED = click.IntRange(SEED_MIN, SEED_MAX)  # the range the replay reader accepts back


class _AddsOtherCommands(click.Group):
    """A group some of whose commands live in other modules (cli_batch, cli_debrief, cli_seminar): they
    are imported and added the first time a command is not found here or the commands are listed
    (help, completion), so `wargame play` does not load them."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is None and _add_other_commands():
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx):
        _add_other_commands()
        return super().list_commands(ctx)


class Main(_AddsOtherCommands):
    """Turns our errors into one-line messages and exit 1: no traceback for a user's mistake.
    Ctrl-C anywhere is one line and exit 130; a closed output pipe does not stop a command."""

    def main(self, *args, **kwargs):
        from wargame.pipes import guard_standard_streams
        restore = guard_standard_streams()
        try:
            return super().main(*args, **kwargs)
        finally:
            restore()

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WargameError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)
        except (KeyboardInterrupt, click.Abort):
            # click would print "Aborted!" and exit 1, which for verify reads as "check failed"
            click.echo("\nInterrupted.", err=True)
            sys.exit(130)


@click.group(cls=Main)
@click.version_option(package_name="wargame")
def main():
    """wargame: a tabletop wargame of a coordinated versus a chaotic US withdrawal from Europe.

    Start with 'wargame scenarios', then 'wargame play coordinated'.
    """


@main.command()
def scenarios():
    """List the scenarios with one-line descriptions."""
    from wargame.rules import load_scenario, scenario_names
    for name in scenario_names():
        scenario, _ = load_scenario(name)
        click.echo(f"{name:14} {scenario.title}: {scenario.description}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def validate(paths):
    """Check rules folders or files, scenario files and orders files."""
    from wargame.validate import validate_path
    bad = 0
    for path in paths:
        problems = validate_path(path)
        if problems:
            bad += 1
            for line in problems:
                click.echo(line)
        else:
            click.echo(f"{path}: ok")
    if bad:
        sys.exit(1)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False), help="Write to FILE instead of printing.")
def schema(out):
    """Print the JSON Schema of a rules file (for editors; the rules files name the shipped copy)."""
    from wargame.files import write_atomic
    from wargame.rules import rules_json_schema_text
    text = rules_json_schema_text()
    if out:
        write_atomic(out, text, what="JSON Schema", option="--out")
        click.echo(f"JSON Schema written to {out}")
    else:
        click.echo(text, nl=False)


def _pairs(values, what):
    """{side: value} of SIDE=VALUE options; the side in any case."""
    out = {}
    for value in values:
        side, sep, rest = value.partition("=")
        side = side.strip().lower()
        if not sep or side not in SEATS or not rest:
            raise click.BadParameter(f"expected SIDE={what} with SIDE one of {', '.join(SEATS)}, found '{value}'")
        if side in out:
            raise click.UsageError(f"{side}={out[side]} and {value}: {side} is given twice; give it once")
        out[side] = rest
    return out


def _prompt(text):
    """click's prompt; Ctrl-C or end of input stops the game like Ctrl-C anywhere else."""
    try:
        return click.prompt(text, default="", show_default=False, prompt_suffix=" ")
    except click.Abort:
        raise KeyboardInterrupt from None


class _Terminal:
    """The teams at this keyboard: a prompt controller per side, hot seat when there are several.

    history: the game's turn records so far (a briefing shows the side's private events of the last)."""

    def __init__(self, history):
        self.history = history
        self.sides = []
        self.handed_over = False  # the screen holds only "orders received, pass the keyboard on"

    def make(self, side):
        from wargame.controllers.human import HumanController
        from wargame.controllers.us_human import UsHumanController
        self.sides.append(side)
        if side == "us":
            return _HotSeat(self, UsHumanController(_prompt, click.echo, self.show_briefing))
        return _HotSeat(self, HumanController(side, _prompt, click.echo, self.show_briefing))

    def show_briefing(self, game, view):
        from wargame import display
        side = view["side"]
        if side == "us":  # a seated US: its forces, steps, pauses and aid, and the public picture
            from wargame.seminar_pages import us_view_lines
            display.console().rule(f"United States briefing - turn {view['turn']}/{view['turns']} - {view['date']}")
            for heading, lines in us_view_lines(game, view):
                click.echo(f"{heading}:")
                for line in lines:
                    click.echo(f"  {line}")
            return
        last = []
        if self.history:
            rec = self.history[-1].to_json()
            last = [dict(e, date=game.scenario.date_of(e["day"]).isoformat()) for e in rec["events"]
                    if e["side"] == side and not e["public"]]
        display.briefing(display.console(), game, view, last)


# home the cursor, clear the screen, then clear the scrollback (xterm's E3; most terminals and tmux know it)
CLEAR_ALL = "\x1b[H\x1b[2J\x1b[3J"


def _stdout_is_terminal():
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def clear_terminal():
    """Clear the screen and the scrollback, so that the next team cannot scroll back to the last
    team's briefing and orders. Only on a terminal: into a file or a pipe nothing is written."""
    if not _stdout_is_terminal():
        return
    sys.stdout.flush()
    sys.stdout.write(CLEAR_ALL)
    sys.stdout.flush()


class _HotSeat:
    """A team at the terminal; with several, clears the screen and its scrollback and calls the next
    team, so no team sees another's orders."""

    label = "human"

    def __init__(self, terminal, human):
        self.terminal = terminal
        self.human = human
        self.side = human.side

    def orders(self, game, state, side):
        if len(self.terminal.sides) < 2:
            return self.human.orders(game, state, side)
        from wargame.display import SIDE_NAMES
        if not self.terminal.handed_over:  # after a hand-over the screen is clear already
            clear_terminal()
        _prompt(f"{SIDE_NAMES[side]} team: take the keyboard and press Enter")
        self.terminal.handed_over = False
        orders = self.human.orders(game, state, side)
        clear_terminal()
        click.echo(f"{SIDE_NAMES[side]} orders received. Pass the keyboard on.")
        self.terminal.handed_over = True
        return orders


def _given(game, humans, bots, orders_files, terminal):
    """The controllers named by --human, --bot and --orders: {side: controller}."""
    from wargame.controllers.base import BotController, OrdersFileController
    from wargame.controllers.bots import policy_names
    bots, files = _pairs(bots, "POLICY"), _pairs(orders_files, "PATH")
    named = list(humans) + list(bots) + list(files)
    twice = sorted({side for side in named if named.count(side) > 1})
    if twice:
        raise click.UsageError(f"{', '.join(twice)}: a side is played by one of --human, --bot or --orders, not several")
    given = {}
    for side, policy in bots.items():
        if policy not in policy_names(game.rules, side):
            raise click.BadParameter(f"unknown {side} policy '{policy}'; known: {', '.join(policy_names(game.rules, side))}",
                                     param_hint="--bot")
        given[side] = BotController(side, policy)
    for side, path in files.items():
        given[side] = OrdersFileController(side, path)
    for side in humans:
        given[side] = terminal.make(side)
    return given


def _injects(path, game):
    """The injects file, checked whole before the game starts (and read again at every turn)."""
    if not path:
        return None
    from wargame.injects import InjectsFile, inject_id
    injects = InjectsFile.checked(path, game)
    injects.on_late = lambda inj, turn: click.echo(
        f"Warning: {path}: inject {inject_id(inj)!r} is for turn {turn}, which was played already: it is not used "
        "(give it a later turn)", err=True)
    late = injects.turns_after(game)
    if late:
        click.echo(f"Note: {path} has injects for turn {', '.join(map(str, late))}, after the last turn "
                   f"({game.turns}); they will not be played.", err=True)
    return injects


def _run(game, controllers, state, writer, out, verbose, injects, terminal):
    """Play on with the library's loop, printing each turn; the exit code says how it stopped."""
    from wargame import display
    from wargame.engine import play_game
    from wargame.figures import count, km2, ratio, share
    con = display.console()
    humans = [s for s in game.sides if controllers[s].label == "human"]
    history = list(terminal.history)
    if injects is not None:  # conditional injects are checked against the turns played
        injects.follow(terminal.history)

    def on_turn(state, record):
        terminal.history.append(record)
        terminal.handed_over = False
        rec = record.to_json()
        if humans or verbose:
            display.turn_report(con, game, rec, rolls=bool(humans) or verbose)
        else:
            m = rec["metrics"]
            click.echo(f"turn {rec['turn']:2} {rec['date']}: coverage without US {share(m['eu.coverage_without_us_mean'])}, "
                       f"Russia has gained {km2(m['front.ground_km2'])}, crises {count(m['flank.crises'])}, "
                       f"cohesion {ratio(m['politics.cohesion'])}")

    result = play_game(game, controllers, state, injects, writer, on_turn, history)
    if result.finished:
        display.result(con, result.outcome)
        if game.turns != game.scenario.turns:
            con.print(f"Scored against {game.objectives_basis()}.", markup=False)
        click.echo(f"Replay: {out}")
    elif result.awaiting:
        click.echo(f"Waiting for orders: {result.awaiting}", err=True)
        click.echo(f"Every completed turn is kept in {out}. When the orders are in: wargame resume {out}", err=True)
        sys.exit(1)
    else:
        click.echo(f"\nInterrupted: every completed turn is kept in {out} ({len(result.records)} this session).", err=True)
        click.echo(f"Resume with: wargame resume {out}", err=True)
        sys.exit(130)


SIDE = click.Choice(SIDES, case_sensitive=False)
SEAT = click.Choice(SEATS, case_sensitive=False)  # a side, or the US where a scenario seats it


def _warn_torn(replay):
    from wargame.cli_debrief import warn_torn
    warn_torn(replay.torn_note())


@main.command()
@click.argument("scenario")
@click.option("--seed", type=SEED, default=1, show_default=True, help="The game's seed (0..2**63-1): same seed and orders, same game.")
@click.option("--turns", type=click.IntRange(1, MAX_TURNS), help="Play fewer (or more) turns than the scenario's.")
@click.option("--human", multiple=True, type=SEAT, help="A side played at this terminal (repeat for hot seat).")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="A side played by a bot policy.")
@click.option("--orders", "orders_files", multiple=True, metavar="SIDE=PATH", help="A side's orders from YAML files.")
@click.option("--out", type=click.Path(),
              help="Replay file (default replays/SCENARIO-seedN.jsonl; the replays/ folder is made if missing).")
@click.option("--force", is_flag=True, help="Overwrite an existing replay.")
@click.option("--injects", "injects_path", type=click.Path(),
              help="The white cell's injects (YAML), read afresh each turn.")
@click.option("--verbose", is_flag=True, help="Show each turn's State of the World with its rolls.")
def play(scenario, seed, turns, human, bot, orders_files, out, force, verbose, injects_path):
    """Play SCENARIO (a name or a scenario file). Sides not named are played by the default bots."""
    from wargame.controllers.base import default_controllers
    from wargame.engine import Game
    from wargame.replay import ReplayWriter, default_replay_path, header_for
    game = Game.load(scenario, seed=seed, turns=turns)
    terminal = _Terminal([])
    controllers = default_controllers(game.rules, _given(game, human, bot, orders_files, terminal), game)
    injects = _injects(injects_path, game)
    make_folder = out is None
    out = default_replay_path(game.scenario.name, seed) if out is None else out
    writer = ReplayWriter(out, header_for(game, controllers, scenario, injects_file=injects_path), force=force,
                          make_folder=make_folder)
    click.echo(f"{game.scenario.title}: {game.turns} turns of {game.scenario.turn_days} days from "
               f"{game.scenario.start_date}, seed {seed}. Replay: {out}")
    _run(game, controllers, game.initial_state(), writer, out, verbose, injects, terminal)


@main.command()
@click.argument("replay", type=click.Path())
@click.option("--human", multiple=True, type=SEAT, help="Play this side at the terminal from here on.")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="Play this side with a bot from here on.")
@click.option("--orders", "orders_files", multiple=True, metavar="SIDE=PATH", help="This side's orders files.")
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
@click.option("--injects", "injects_path", type=click.Path(),
              help="The white cell's injects (YAML), read afresh each turn.")
@click.option("--no-injects", is_flag=True, help="Play on without the injects the game was played with.")
@click.option("--verbose", is_flag=True, help="Show each turn's State of the World with its rolls.")
def resume(replay, human, bot, orders_files, scenario_path, injects_path, no_injects, verbose):
    """Continue an unfinished game from its last completed turn."""
    from wargame.controllers.base import controllers_from_labels
    from wargame.replay import ReplayWriter, game_from_header, read_replay, replayed
    rp = read_replay(replay)
    if rp.torn_tail:
        click.echo(f"Note: {replay}: line {rp.torn_line} was cut off by an interrupted write; "
                   f"removing it and continuing after turn {rp.last_turn}.", err=True)
    if rp.finished:
        raise WargameError(f"{replay}: the game is finished (turn {rp.last_turn}); see 'wargame replay show {replay}'")
    used = rp.injects_used()
    if used and not injects_path and not no_injects:
        file = used if used != "white-cell injects" else "FILE"
        raise WargameError(f"{replay}: this game was played with {'the injects file ' + used if file == used else used}: "
                           f"give it again with --injects {file} (or --no-injects to play on without it)")
    if injects_path and no_injects:
        raise click.UsageError("--injects and --no-injects: give one of them")
    game = game_from_header(rp, scenario_path)
    state, history = replayed(game, rp)
    terminal = _Terminal(history)
    controllers = controllers_from_labels(game.rules, rp.last_controllers,
                                          _given(game, human, bot, orders_files, terminal),
                                          terminal.make, keep_people=True, replay=replay, game=game)
    writer = ReplayWriter(replay, append=True)
    click.echo(f"Resuming {game.scenario.name} after turn {rp.last_turn} of {game.turns}.")
    _run(game, controllers, state, writer, replay, verbose, _injects(injects_path, game), terminal)


@main.command()
@click.argument("replay", type=click.Path())
@click.option("--at-turn", "at_turn", type=click.IntRange(1, MAX_TURNS), required=True, help="Start from the state before this turn.")
@click.option("--seed", type=SEED, help="A new seed, 0..2**63-1 (default: the parent's).")
@click.option("--human", multiple=True, type=SEAT, help="A side played at this terminal.")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="A side played by a bot policy.")
@click.option("--orders", "orders_files", multiple=True, metavar="SIDE=PATH", help="A side's orders from YAML files.")
@click.option("--out", type=click.Path(), help="The fork's replay (default: beside the parent).")
@click.option("--force", is_flag=True, help="Overwrite an existing replay.")
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
@click.option("--injects", "injects_path", type=click.Path(),
              help="The white cell's injects (YAML), read afresh each turn.")
@click.option("--verbose", is_flag=True, help="Show each turn's State of the World with its rolls.")
def fork(replay, at_turn, seed, human, bot, orders_files, out, force, scenario_path, verbose, injects_path):
    """Play on from the state before turn N of a kept game, with new controllers or a new seed.

    Sides not named keep the parent's bots (human or orders-file sides become default bots)."""
    from wargame.controllers.base import controllers_from_labels
    from wargame.replay import ReplayWriter, fork as make_fork, fork_header, fork_path, read_replay
    parent = read_replay(replay)
    _warn_torn(parent)
    game, state, entry = make_fork(replay, at_turn, seed, scenario_path)
    terminal = _Terminal([])
    controllers = controllers_from_labels(game.rules, parent.header["controllers"],
                                          _given(game, human, bot, orders_files, terminal), keep_people=False,
                                          game=game)
    out = fork_path(replay, at_turn, game.seed, out, force)
    injects = _injects(injects_path, game)
    writer = ReplayWriter(out, fork_header(game, controllers, parent, entry, injects_path), force=force)
    click.echo(f"Fork of {replay} at turn {at_turn}, seed {game.seed}. Replay: {out}")
    _run(game, controllers, state, writer, out, verbose, injects, terminal)


@main.group("replay", cls=_AddsOtherCommands)
def replay_group():
    """Show or verify kept games."""


@replay_group.command("show")
@click.argument("replay", type=click.Path())
@click.option("--turn", type=int, help="Show one turn in full, with every roll.")
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
@click.option("--side", type=SEAT, help="Show only what this team may see: public news and its own.")
@click.option("--public", "public_only", is_flag=True, help="Show only what everyone may see (the projector's view).")
def replay_show(replay, turn, scenario_path, side, public_only):
    """The game's story, or one turn of it. Without --side or --public, control's view: everything."""
    from wargame import display
    from wargame.replay import game_from_header, read_replay
    from wargame.visibility import audience_label, end_for, record_for
    if side and public_only:
        raise click.UsageError("give --side or --public, not both")
    side = side.lower() if side else None
    rp = read_replay(replay)
    _warn_torn(rp)
    game = game_from_header(rp, scenario_path)
    con = display.console()
    h = rp.header
    fork = f"a fork of {h['parent']['file']} at turn {rp.first_turn}, " if h.get("parent") else ""
    con.print(f"{game.scenario.title}, {fork}seed {h['seed']}, turns {rp.first_turn}..{rp.last_turn} of {h['turns']} played; "
              + ", ".join(f"{s}: {c}" for s, c in h["controllers"].items()))
    if side or public_only:
        con.print(f"As seen by {audience_label(side, public_only)}: public news" + (" and its own" if side else ""))
    if turn is not None:
        if not rp.first_turn <= turn <= rp.last_turn:
            raise WargameError(f"{replay}: there is no turn {turn} (the replay has turns {rp.first_turn}..{rp.last_turn})")
        rec = record_for(rp.turns[turn - rp.first_turn], side, public_only)
        for who, orders in rec["orders"].items():
            if orders.get("rationale"):
                con.print(f"{who} rationale: {orders['rationale']}", markup=False)
        display.turn_report(con, game, rec, rolls=True)
        for who in SEATS:
            own = [e for e in rec["events"] if e["side"] == who and not e["public"]]
            if own:
                con.print(f"[bold]{display.SIDE_NAMES[who]} private events[/bold]")
                for e in own:
                    con.print(f"  {game.scenario.date_of(e['day']).isoformat()}  {e['text']}", markup=False)
        control = [e for e in rec["events"] if e["side"] is None and not e["public"]]
        if control:
            con.print("[bold]For control only[/bold]")
            for e in control:
                con.print(f"  {game.scenario.date_of(e['day']).isoformat()}  {e['text']}", markup=False)
        return
    for rec in rp.turns:
        display.turn_report(con, game, record_for(rec, side, public_only), rolls=False)
    if rp.end:
        display.result(con, end_for(rp.end, side, public_only))
    else:
        con.print(f"Unfinished: resume with 'wargame resume {replay}'")


@replay_group.command("verify")
@click.argument("replays", nargs=-1, required=True, type=click.Path())
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
def replay_verify(replays, scenario_path):
    """Re-play each replay from its header and orders, re-drawing every roll, and compare every turn."""
    from wargame.replay import verify
    failed = 0
    for path in replays:
        try:
            verdict = verify(path, scenario_path)
        except WargameError as e:
            click.echo(f"Error: {e}", err=True)
            failed += 1
            continue
        click.echo(verdict.message if verdict.ok else f"{'TORN' if verdict.torn else 'DIFFERS'}: {verdict.message}")
        failed += not verdict.ok
    if failed:
        sys.exit(1)


@main.group("orders")
def orders_group():
    """Orders files for teams that hand in their orders."""


@orders_group.command("template")
@click.argument("scenario")
@click.option("--side", required=True, type=SEAT)
@click.option("--turn", type=click.IntRange(1, MAX_TURNS), help="The turn (default 1; for a replay, its next turn).")
@click.option("--out", type=click.Path(), help="Write to this file instead of the screen.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def orders_template(scenario, side, turn, out, force):
    """Write a commented, valid orders skeleton for SIDE (SCENARIO may be the replay of a game in progress)."""
    from wargame.engine import Game
    from wargame.templates import orders_template as make
    from wargame.seminar import in_progress_template
    text = in_progress_template(scenario, side, turn)  # None unless SCENARIO is a replay
    if text is None:
        text = make(Game.load(scenario), side, turn or 1)
    if out is not None:
        from wargame.files import write_atomic
        write_atomic(out, text, force, "file", "--out")
        click.echo(f"Wrote {out}")
    else:
        click.echo(text, nl=False)


_OTHERS_ADDED = []


def _add_other_commands():
    """Add the commands that live in their own modules (each imports its work lazily so --help stays
    fast); True the first time, when they were added."""
    if _OTHERS_ADDED:
        return False
    _OTHERS_ADDED.append(True)
    from wargame import cli_batch, cli_debrief, cli_seminar
    cli_debrief.register(main, replay_group)
    cli_batch.register(main)
    cli_seminar.register(main)
    return True
