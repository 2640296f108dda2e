"""The command line: a thin shell over the library. The only place that prints or prompts.

Exit codes: 0 success, 1 a user's mistake or a failed check, 2 a usage error, 130 interrupted.
"""

import sys
from pathlib import Path

import click

from wargame.errors import WargameError

SIDES = ("eu", "ukraine", "russia")


class Main(click.Group):
    """Turns our errors into one-line messages and exit 1: no traceback for a user's mistake."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WargameError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)


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


def _pairs(values, what):
    out = {}
    for value in values:
        side, sep, rest = value.partition("=")
        if not sep or side not in SIDES or not rest:
            raise click.BadParameter(f"expected SIDE={what} with SIDE one of {', '.join(SIDES)}, found '{value}'")
        out[side] = rest
    return out


def _controllers(game, humans, bots, orders_files, base=None, history=()):
    from wargame.controllers.base import BotController, OrdersFileController
    from wargame.controllers.bots import policy_names
    from wargame.controllers.human import HumanController
    from wargame import display
    controllers = dict(base or {})
    given = list(humans) + list(_pairs(bots, "POLICY")) + list(_pairs(orders_files, "PATH"))
    twice = sorted({side for side in given if given.count(side) > 1})
    if twice:
        raise click.UsageError(f"{', '.join(twice)}: a side is played by one of --human, --bot or --orders, not several")
    named = {}
    for side in humans:
        named[side] = "human"
    for side, policy in _pairs(bots, "POLICY").items():
        if policy not in policy_names(game.rules, side):
            raise click.BadParameter(f"unknown {side} policy '{policy}'; known: {', '.join(policy_names(game.rules, side))}",
                                     param_hint="--bot")
        named.setdefault(side, None)
        controllers[side] = BotController(side, policy)
    for side, path in _pairs(orders_files, "PATH").items():
        controllers[side] = OrdersFileController(side, path)
    several = len([s for s in SIDES if named.get(s) == "human"]) > 1
    con = display.console()

    def show_briefing(game, view):
        side = view["side"]
        last = []
        if history:
            rec = history[-1].to_json()
            last = [dict(e, date=game.scenario.date_of(e["day"]).isoformat()) for e in rec["events"]
                    if e["side"] == side and not e["public"]]
        display.briefing(con, game, view, last)

    def prompt(text):
        return click.prompt(text, default="", show_default=False, prompt_suffix=" ")

    for side in humans:
        human = HumanController(side, prompt, click.echo, show_briefing)
        controllers[side] = _HotSeat(human) if several else human
    from wargame.controllers.base import default_controllers
    return default_controllers(game.rules, controllers)


class _HotSeat:
    """Clears the screen and calls the next team, so no team sees another's orders."""

    label = "human"

    def __init__(self, human):
        self.human = human
        self.side = human.side

    def orders(self, game, state, side):
        from wargame.display import SIDE_NAMES
        click.clear()
        click.prompt(f"{SIDE_NAMES[side]} team: take the keyboard and press Enter", default="", show_default=False)
        orders = self.human.orders(game, state, side)
        click.clear()
        click.echo(f"{SIDE_NAMES[side]} orders received. Pass the keyboard on.")
        return orders


def _injects(path, game):
    """The injects file, checked whole before the game starts (and read again at every turn)."""
    if not path:
        return None
    from wargame.injects import InjectsFile
    injects = InjectsFile(path)
    injects.for_turn(game, 1)
    late = injects.turns_after(game)
    if late:
        click.echo(f"Note: {path} has injects for turn {', '.join(map(str, late))}, after the last turn "
                   f"({game.turns}); they will not be played.", err=True)
    return injects


def _default_out(scenario, seed):
    base = Path("replays") / f"{scenario}-seed{seed}"
    path = base.with_suffix(".jsonl")
    n = 2
    while path.exists():
        path = Path(f"{base}-{n}.jsonl")
        n += 1
    return path


def _run(game, controllers, state, records, writer, out, verbose, injects=None):
    from wargame import display
    from wargame.controllers.base import AwaitingOrders
    con = display.console()
    humans = [s for s in SIDES if controllers[s].label == "human"]
    try:
        while not game.finished(state):
            state, record = game.play_turn(state, controllers, injects)
            writer.add_turn(record)
            records.append(record)
            rec = record.to_json()
            if humans or verbose:
                display.turn_report(con, game, rec, rolls=bool(humans) or verbose)
            else:
                m = rec["metrics"]
                click.echo(f"turn {rec['turn']:2} {rec['date']}: coverage without US {m['eu.coverage_without_us_mean']:.0%}, "
                           f"front {m['front.ground_km2']:+,.0f} km2, crises {m['flank.crises']}, cohesion {m['politics.cohesion']:.2f}")
        outcome = game.outcome(state, records)
        writer.finish(outcome)
        display.result(con, outcome)
        click.echo(f"Replay: {out}")
    except AwaitingOrders as e:
        click.echo(f"Waiting for orders: {e}", err=True)
        click.echo(f"Every completed turn is kept in {out}. When the orders are in: wargame resume {out}", err=True)
        sys.exit(1)
    except (KeyboardInterrupt, click.Abort):
        click.echo(f"\nInterrupted: every completed turn is kept in {out} ({len(records)} this session).", err=True)
        click.echo(f"Resume with: wargame resume {out}", err=True)
        sys.exit(130)


@main.command()
@click.argument("scenario")
@click.option("--seed", type=int, default=1, show_default=True, help="The game's seed: same seed and orders, same game.")
@click.option("--turns", type=click.IntRange(1, 200), help="Play fewer (or more) turns than the scenario's.")
@click.option("--human", multiple=True, type=click.Choice(SIDES), help="A side played at this terminal (repeat for hot seat).")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="A side played by a bot policy.")
@click.option("--orders", "orders_files", multiple=True, metavar="SIDE=PATH", help="A side's orders from YAML files.")
@click.option("--out", type=click.Path(dir_okay=False), help="Replay file (default replays/SCENARIO-seedN.jsonl).")
@click.option("--force", is_flag=True, help="Overwrite an existing replay.")
@click.option("--injects", "injects_path", type=click.Path(dir_okay=False),
              help="The white cell's injects (YAML), read afresh each turn.")
@click.option("--verbose", is_flag=True, help="Show each turn's State of the World with its rolls.")
def play(scenario, seed, turns, human, bot, orders_files, out, force, verbose, injects_path):
    """Play SCENARIO (a name or a scenario file). Sides not named are played by the default bots."""
    from wargame.engine import Game
    from wargame.replay import ReplayWriter, header_for
    game = Game.load(scenario, seed=seed, turns=turns)
    records = []
    controllers = _controllers(game, human, bot, orders_files, history=records)
    injects = _injects(injects_path, game)
    out = Path(out) if out else _default_out(game.scenario.name, seed)
    writer = ReplayWriter(out, header_for(game, controllers, scenario), force=force)
    click.echo(f"{game.scenario.title}: {game.turns} turns of {game.scenario.turn_days} days from "
               f"{game.scenario.start_date}, seed {seed}. Replay: {out}")
    _run(game, controllers, game.initial_state(), records, writer, out, verbose, injects)


@main.command()
@click.argument("replay", type=click.Path(dir_okay=False))
@click.option("--human", multiple=True, type=click.Choice(SIDES), help="Play this side at the terminal from here on.")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="Play this side with a bot from here on.")
@click.option("--orders", "orders_files", multiple=True, metavar="SIDE=PATH", help="This side's orders files.")
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
@click.option("--injects", "injects_path", type=click.Path(dir_okay=False),
              help="The white cell's injects (YAML), read afresh each turn.")
def resume(replay, human, bot, orders_files, scenario_path, injects_path):
    """Continue an unfinished game from its last completed turn."""
    from wargame.controllers.base import BotController
    from wargame.replay import ReplayWriter, game_from_header, read_replay, replay_turns, start_state
    rp = read_replay(replay)
    if rp.finished:
        raise WargameError(f"{replay}: the game is finished (turn {rp.last_turn}); see 'wargame replay show {replay}'")
    game = game_from_header(rp, scenario_path)
    state = start_state(game, rp)
    records = []
    for state, fresh, _ in replay_turns(game, rp):
        records.append(fresh)
    base = {}
    overridden = set(human) | set(_pairs(bot, "POLICY")) | set(_pairs(orders_files, "PATH"))
    # who played each side last: the last turn's record, else the header
    labels = (rp.turns[-1].get("controllers") if rp.turns else None) or rp.header["controllers"]
    for side, label in labels.items():
        if side in overridden:
            continue
        if label.startswith("bot:"):
            base[side] = BotController(side, label[4:])
        elif label == "human":
            human = tuple(human) + (side,)
        elif label == "orders":
            raise WargameError(f"{replay}: {side} played from orders files: give them again with --orders {side}=PATH")
    controllers = _controllers(game, human, bot, orders_files, base, history=records)
    writer = ReplayWriter(replay, append=True)
    click.echo(f"Resuming {game.scenario.name} after turn {rp.last_turn} of {game.turns}.")
    _run(game, controllers, state, records, writer, replay, False, _injects(injects_path, game))


@main.command()
@click.argument("replay", type=click.Path(dir_okay=False))
@click.option("--at-turn", "at_turn", type=click.IntRange(1, 200), required=True, help="Start from the state before this turn.")
@click.option("--seed", type=int, help="A new seed (default: the parent's).")
@click.option("--human", multiple=True, type=click.Choice(SIDES), help="A side played at this terminal.")
@click.option("--bot", multiple=True, metavar="SIDE=POLICY", help="A side played by a bot policy.")
@click.option("--orders", "orders_files", multiple=True, metavar="SIDE=PATH", help="A side's orders from YAML files.")
@click.option("--out", type=click.Path(dir_okay=False), help="The fork's replay (default: beside the parent).")
@click.option("--force", is_flag=True, help="Overwrite an existing replay.")
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
@click.option("--injects", "injects_path", type=click.Path(dir_okay=False),
              help="The white cell's injects (YAML), read afresh each turn.")
@click.option("--verbose", is_flag=True, help="Show each turn's State of the World with its rolls.")
def fork(replay, at_turn, seed, human, bot, orders_files, out, force, scenario_path, verbose, injects_path):
    """Play on from the state before turn N of a kept game, with new controllers or a new seed.

    Sides not named keep the parent's bots (human or orders-file sides become default bots)."""
    from wargame.controllers.base import BotController
    from wargame.replay import ReplayWriter, fork as make_fork, header_for, read_replay
    parent = read_replay(replay)
    game, state, entry = make_fork(replay, at_turn, seed, scenario_path)
    base = {side: BotController(side, label[4:]) for side, label in parent.header["controllers"].items()
            if label.startswith("bot:")}
    records = []
    controllers = _controllers(game, human, bot, orders_files, base, history=records)
    if out:
        out = Path(out)
    else:
        stem = Path(replay).with_suffix("")
        out = Path(f"{stem}-fork{at_turn}-seed{game.seed}.jsonl")
        n = 2
        while out.exists() and not force:
            out = Path(f"{stem}-fork{at_turn}-seed{game.seed}-{n}.jsonl")
            n += 1
    if out.resolve().parent != Path(replay).resolve().parent:
        raise WargameError(f"{out}: keep a fork beside its parent ({Path(replay).parent}/), so both travel together")
    injects = _injects(injects_path, game)
    header = header_for(game, controllers, game.scenario.name, parent=entry)
    header["scenario_file"] = parent.header.get("scenario_file")
    writer = ReplayWriter(out, header, force=force)
    click.echo(f"Fork of {replay} at turn {at_turn}, seed {game.seed}. Replay: {out}")
    _run(game, controllers, state, records, writer, out, verbose, injects)


@main.group("replay")
def replay_group():
    """Show or verify kept games."""


@replay_group.command("show")
@click.argument("replay", type=click.Path(dir_okay=False))
@click.option("--turn", type=int, help="Show one turn in full, with every roll.")
@click.option("--scenario", "scenario_path", type=click.Path(), help="The scenario file, if not beside the replay.")
def replay_show(replay, turn, scenario_path):
    """The game's story, or one turn of it."""
    from wargame import display
    from wargame.replay import game_from_header, read_replay
    rp = read_replay(replay)
    game = game_from_header(rp, scenario_path)
    con = display.console()
    h = rp.header
    fork = f"a fork of {h['parent']['file']} at turn {rp.first_turn}, " if h.get("parent") else ""
    con.print(f"{game.scenario.title}, {fork}seed {h['seed']}, turns {rp.first_turn}..{rp.last_turn} of {h['turns']} played; "
              + ", ".join(f"{s}: {c}" for s, c in h["controllers"].items()))
    if turn is not None:
        if not rp.first_turn <= turn <= rp.last_turn:
            raise WargameError(f"{replay}: there is no turn {turn} (the replay has turns {rp.first_turn}..{rp.last_turn})")
        rec = rp.turns[turn - rp.first_turn]
        for side, orders in rec["orders"].items():
            if orders.get("rationale"):
                con.print(f"{side} rationale: {orders['rationale']}")
        display.turn_report(con, game, rec, rolls=True)
        for side in SIDES:
            con.print(f"[bold]{display.SIDE_NAMES[side]} private events[/bold]")
            for e in rec["events"]:
                if e["side"] == side and not e["public"]:
                    con.print(f"  {game.scenario.date_of(e['day']).isoformat()}  {e['text']}")
        return
    for rec in rp.turns:
        display.turn_report(con, game, rec, rolls=False)
    if rp.end:
        display.result(con, rp.end)
    else:
        con.print(f"Unfinished: resume with 'wargame resume {replay}'")


@replay_group.command("verify")
@click.argument("replays", nargs=-1, required=True, type=click.Path(dir_okay=False))
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
        click.echo(verdict.message if verdict.ok else f"DIFFERS: {verdict.message}")
        failed += not verdict.ok
    if failed:
        sys.exit(1)


@main.group("orders")
def orders_group():
    """Orders files for teams that hand in their orders."""


@orders_group.command("template")
@click.argument("scenario")
@click.option("--side", required=True, type=click.Choice(SIDES))
@click.option("--turn", type=click.IntRange(1, 200), help="The turn (default 1; for a replay, its next turn).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of the screen.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def orders_template(scenario, side, turn, out, force):
    """Write a commented, valid orders skeleton for SIDE (SCENARIO may be the replay of a game in progress)."""
    from wargame.engine import Game
    from wargame.templates import orders_template as make
    from wargame.seminar import in_progress_template
    text = in_progress_template(scenario, side, turn)  # None unless SCENARIO is a replay
    if text is None:
        text = make(Game.load(scenario), side, turn or 1)
    if out:
        path = Path(out)
        if path.exists() and not force:
            raise WargameError(f"{out}: already exists: choose another --out or add --force")
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        click.echo(f"Wrote {out}")
    else:
        click.echo(text, nl=False)


# Commands that live in their own modules; each imports its work lazily so --help stays fast.
from wargame import cli_batch, cli_debrief, cli_seminar  # noqa: E402

cli_debrief.register(main, replay_group)
cli_batch.register(main)
cli_seminar.register(main)
