"""`wargame seminar ...`: the facilitator's turn loop over a seminar folder (see docs/seminar.md).

A thin shell over wargame.seminar; the pages come from wargame.seminar_pages."""

from pathlib import Path

import click

from wargame.vocab import MAX_TURNS, SEATS, SIDES


def _bots(values):
    out = {}
    for value in values:
        side, sep, policy = value.partition("=")
        side = side.strip().lower()  # side names in any case, as people type them
        if not sep or side not in SEATS or not policy:
            raise click.BadParameter(f"expected SIDE=POLICY with SIDE one of {', '.join(SEATS)}, found '{value}'",
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
@click.option("--turns", type=click.IntRange(1, MAX_TURNS), help="Play fewer turns than the scenario's (objectives scale).")
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
    click.echo("Seats: " + ", ".join(f"{s} {'team' if pos.seats[s] == seminar.TEAM else pos.seats[s]}" for s in g.sides))
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
    bots = [f"{s} ({st['seats'][s]})" for s in st["seats"] if st["seats"][s] != seminar.TEAM]
    handed = [f"{s}" + (f" ({n} submissions, the last in force)" if n > 1 else "") for s, n in st["handed_in"].items()]
    click.echo(f"  handed in: {', '.join(handed) or 'none'}")
    click.echo(f"  missing:   {', '.join(st['missing']) or 'none'}")
    if bots:
        click.echo(f"  bots:      {', '.join(bots)}")
    if st["injects"]:
        from wargame.seminar_pages import inject_note
        for inj in st["injects"]:
            note = inject_note(inj)
            click.echo(f"  inject due, day {inj['day']}: {inj['text']}" + (f" ({note})" if note else ""))
    else:
        click.echo("  injects due: none")
    for r in st["open_rfis"]:
        click.echo(f"  open request {r.n} from {r.side} (turn {r.turn}): {r.text}")
    if st["missing"]:
        click.echo(f"Next: wait for {', '.join(st['missing'])}, or 'wargame seminar turn {folder} --force-bots'.")
    else:
        click.echo(f"Next: wargame seminar turn {folder}")


@seminar_group.command("submit")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--side", required=True, type=click.Choice(SEATS, case_sensitive=False))
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
@click.option("--side", required=True, type=click.Choice(SEATS, case_sensitive=False))
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
@click.option("--turn", type=click.IntRange(1, MAX_TURNS), help="A past turn (default: the last played).")
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


@seminar_group.group("rfi")
def seminar_rfi():
    """Requests for information: a team asks control a question; control answers it to the team or to all."""


@seminar_rfi.command("ask")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--side", required=True, type=click.Choice(SEATS, case_sensitive=False))
@click.argument("question")
def seminar_rfi_ask(folder, side, question):
    """A team's QUESTION to control, kept in the seminar's record."""
    from wargame import seminar
    pos, n = seminar.ask(folder, side.lower(), question)
    click.echo(f"Request {n} from {side.lower()} (turn {pos.turn}) logged. "
               f"Answer: wargame seminar rfi answer {folder} {n} \"...\" [--to all]")


@seminar_rfi.command("answer")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("number", type=click.IntRange(1))
@click.argument("text")
@click.option("--to", "to", metavar="SIDE|all", help="Who gets the answer: the asking team (default) or all.")
def seminar_rfi_answer(folder, number, text, to):
    """Control's answer TEXT to request NUMBER: to the asking team, or with --to all to every team."""
    from wargame import seminar
    pos, rfi = seminar.answer(folder, number, text, to)
    who = "every team" if rfi.to == "all" else f"{rfi.side} only"
    click.echo(f"Request {number} answered to {who}; it is in the packs from now on.")
    seminar.write_pages(pos)


@seminar_rfi.command("list")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--open", "only_open", is_flag=True, help="Only the requests not answered yet.")
def seminar_rfi_list(folder, only_open):
    """Every request for information, in the order asked, with its answers."""
    from wargame import seminar
    from wargame.whitecell import rfis
    pos = seminar.open_seminar(folder)
    found = [r for r in rfis(pos.log()) if r.open or not only_open]
    if not found:
        click.echo("No open requests." if only_open else "No requests for information yet.")
    for r in found:
        click.echo(f"{r.n}. {r.side}, turn {r.turn}: {r.text}")
        for turn, to, text in r.answers:
            click.echo(f"   answer (turn {turn}, to {to}): {text}")
        if r.open:
            click.echo("   open")


@seminar_group.command("inject")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--turn", type=click.IntRange(1, MAX_TURNS), help="The turn (default: the one being played).")
@click.option("--day", type=click.IntRange(0), default=0, show_default=True, help="Day of the turn.")
@click.option("--text", required=True, help="What happens, as the teams will read it.")
@click.option("--by", help="Who injects it (kept in the record).")
@click.option("--reason", help="Why (kept in the record, shown in the hotwash).")
@click.option("--kind", help="What kind of inject (e.g. crisis, hybrid, politics).")
@click.option("--to", "to", multiple=True, type=click.Choice(SEATS, case_sensitive=False),
              help="A side that sees it (repeat; us where the scenario seats the US); default: everyone, on the State of the World.")
@click.option("--cohesion", type=float, help="Change to EU cohesion (-1..1).")
@click.option("--support", type=float, help="Change to public support (-1..1).")
@click.option("--funds", multiple=True, metavar="SIDE=EUR_M", help="Change to a side's funds, EUR million.")
@click.option("--front-km2", "front_km2", type=float,
              help="Ground moved on the inject's day, km2: + to Russia, - back to Ukraine (within the rules' limit).")
@click.option("--crisis", metavar="KIND", help="Raise a crisis on the eastern flank of this kind (rules/deterrence.yaml).")
@click.option("--delay", metavar="DECISION=DAYS",
              help="Postpone the EU-level decision (a build or programme) taken this turn by DAYS.")
def seminar_inject(folder, turn, day, text, by, reason, kind, to, cohesion, support, funds, front_km2, crisis, delay):
    """Add an inject on the spot (kept in DIR/injects-added.yaml and in the record)."""
    from wargame import seminar
    changes = {}
    if cohesion is not None:
        changes["cohesion"] = cohesion
    if support is not None:
        changes["support"] = support
    for value in funds:
        side, sep, amount = value.partition("=")
        try:
            changes.setdefault("funds", {})[side.strip().lower()] = float(amount)
        except ValueError:
            raise click.BadParameter(f"expected SIDE=EUR_M, found '{value}'", param_hint="--funds") from None
    if front_km2:
        changes["front_km2"] = front_km2
    if crisis:
        changes["crisis"] = crisis.strip().lower()
    if delay:
        decision, _, days = delay.partition("=")
        try:
            changes["delay"] = {"decision": decision.strip(), "days": int(days)}
        except ValueError:
            raise click.BadParameter(f"expected DECISION=DAYS, found '{delay}'", param_hint="--delay") from None
    pos, inj = seminar.add_inject(folder, turn, day, text, by, reason, kind, to, changes)
    who = "for " + ", ".join(inj["visible_to"]) + " only" if inj.get("visible_to") else "public"
    from wargame.seminar_pages import effect_note
    effect = effect_note(inj)
    click.echo(f"Inject for turn {inj['turn']}, day {inj['day']} ({who}) added: {inj['text']}"
               + (f" ({effect})" if effect else ""))


@seminar_group.command("assume")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("text")
def seminar_assume(folder, text):
    """Add an assumption the seminar rests on (kept in the record, listed in the hotwash)."""
    from wargame import seminar
    pos, entry = seminar.assume(folder, text)
    click.echo(f"Assumption {entry['n']} logged (turn {entry['turn']}): {entry['text']}")


@seminar_group.command("undo")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--reason", required=True, help="Why the turn is taken back (kept in the record).")
def seminar_undo(folder, reason):
    """Take back the last adjudicated turn so corrected orders can be handed in; the record keeps it."""
    from wargame import seminar
    pos, turn = seminar.undo(folder, reason)
    click.echo(f"Turn {turn} taken back ({reason.strip()}); its line is kept in {folder}/{seminar.UNDONE}.")
    click.echo(f"Teams may hand in corrected orders ('wargame seminar submit {folder} --side SIDE FILE'); "
               f"the orders filed before stand otherwise. Then: wargame seminar turn {folder}")


@seminar_group.command("rule")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--list", "list_rolls", is_flag=True, help="List the coming turn's rolls, numbered, with the rulings so far.")
@click.option("--roll", type=click.IntRange(0), help="The roll to rule on, by its number (see --list).")
@click.option("--what", help="The roll to rule on, by what it decides (e.g. 'Crisis on the eastern flank?').")
@click.option("--value", type=float, help="The roll's value in [0, 1) in place of the dice.")
@click.option("--withdraw", is_flag=True, help="Withdraw the ruling on that roll (the dice decide again).")
@click.option("--reason", help="Why the dice are overruled (kept in the record).")
@click.option("--by", help="Who rules (kept in the record).")
@click.option("--question", help="Rule a question in umpire mode (see 'seminar mode') by --outcome or --factor.")
@click.option("--outcome", help="With --question: the result in place of the proposed one (e.g. veto, agreed, crisis, none).")
@click.option("--factor", type=float, help="With --question: a factor within the rule's range (the front's ground factor).")
@click.option("--force-bots", is_flag=True, help="Preview with missing teams played by their bots.")
def seminar_rule(folder, list_rolls, roll, what, value, withdraw, reason, by, question, outcome, factor, force_bots):
    """An umpire's ruling: replace a roll of the coming turn with a value and a stated reason.

    The turn's record keeps the value (given_rolls, the roll marked given) and the reason (white_cell),
    so 'wargame replay verify' reproduces the game."""
    from wargame import seminar
    if list_rolls:
        pos, record = seminar.preview(folder, force_bots)
        ruled = seminar.rulings(pos)
        click.echo(f"Turn {pos.turn}: the rolls as the turn stands (orders filed, rulings given so far):")
        for i, r in enumerate(record.rolls):
            act = ruled.get(i)
            why = (act or {}).get("reason") or (f"matrix: {act['outcome']}" if act and act["act"] == "matrix" else "")
            mark = f"  RULED ({why})" if act else ""
            click.echo(f"  {i:2}  {r['what']}: roll {r['roll']:.4f}" + (f", p {r['p']:.2f}" if "p" in r else "")
                       + f" -> {r.get('result', '')}{mark}")
        return
    if question is not None:
        if what is not None or value is not None or withdraw:
            raise click.UsageError("--question takes --outcome or --factor (and --roll N for one of its rolls)")
        from wargame import seminar_modes
        pos, act, result = seminar_modes.override(folder, question, reason, outcome, factor, roll, by, force_bots)
        chosen = act.get("outcome") or f"factor {act['factor']:g}"
        click.echo(f"Roll {act['roll']} ({act['what']}) of turn {pos.turn} overridden: {chosen} "
                   f"(proposed: {act['proposed']}): {act['reason']}")
        click.echo(f"  -> {result}")
        return
    if outcome is not None or factor is not None:
        raise click.UsageError("--outcome and --factor need --question Q")
    if (roll is None) == (what is None):
        raise click.UsageError("name the roll with --roll N or --what TEXT (or use --list)")
    if withdraw == (value is not None):
        raise click.UsageError("give --value V, or --withdraw")
    pos, act = seminar.rule(folder, None if withdraw else value, reason, roll=roll, what=what, by=by,
                            force_bots=force_bots)
    if withdraw:
        click.echo(f"Ruling on roll {act['roll']} ({act['what']}) withdrawn: the dice decide.")
    else:
        click.echo(f"Roll {act['roll']} ({act['what']}) of turn {pos.turn} ruled {act['value']:g}: {act['reason']}")
        _, record = seminar.preview(folder, force_bots)
        click.echo(f"  -> {record.rolls[act['roll']].get('result', '')}")


@seminar_group.command("mode")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("question", required=False)
@click.argument("mode", required=False, type=click.Choice(("table", "umpire", "matrix")))
@click.option("--reason", help="Why the question is ruled this way from now on (kept in the record).")
@click.option("--by", help="Who decides (kept in the record).")
def seminar_mode(folder, question, mode, reason, by):
    """How each question is ruled (without QUESTION), or rule QUESTION by table, umpire or matrix from the
    coming turn on."""
    from wargame import seminar, seminar_modes
    if question is None:
        pos = seminar.open_seminar(folder)
        questions = pos.game.rules.adjudication.questions
        click.echo(f"Turn {pos.turn}: how each question is ruled")
        for qid, m in seminar_modes.current_modes(pos).items():
            click.echo(f"  {qid:13} {m:7} {questions[qid].text}")
        return
    if mode is None:
        raise click.UsageError("give the mode after the question: table, umpire or matrix")
    pos, act = seminar_modes.set_mode(folder, question, mode, reason, by)
    click.echo(f"From turn {pos.turn} on, {question} is ruled by {mode}: {act['reason']}")


@seminar_group.command("propose")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--force-bots", is_flag=True, help="Preview with missing teams played by their bots.")
def seminar_propose(folder, force_bots):
    """The engine's proposed rulings on the coming turn's questions in umpire (and matrix) mode, with the
    rationale: accept one by doing nothing, replace it with 'seminar rule DIR --question Q --outcome O'."""
    from wargame import seminar_modes
    pos, found = seminar_modes.propose(folder, force_bots)
    if not found:
        click.echo(f"Turn {pos.turn}: every question is ruled by the tables (see 'wargame seminar mode {folder}').")
        return
    for q in found:
        click.echo(f"{q['question']} ({q['mode']}): {q['text']}; outcomes: {', '.join(q['outcomes'])}")
        if not q["rolls"]:
            click.echo("  no such roll this turn")
        for r in q["rolls"]:
            p = f", chance {r['p']:.2f}" if r["p"] is not None else ""
            click.echo(f"  roll {r['roll']} ({r['what']}): roll {r['value']:.4f}{p} [{r['rule']}] -> proposed: {r['proposed']}")
            act = r["ruled"]
            if act and act["act"] == "matrix":
                click.echo(f"    ruled by matrix argument: {act['outcome']} (2d6 {act['dice']} {act['modifier']:+d})")
            elif act:
                click.echo(f"    overridden: {act.get('outcome', act['value'])} ({act['reason']})")
            elif q["mode"] == "matrix":
                click.echo(f"    awaits a matrix argument: wargame seminar matrix {folder} {q['question']} "
                           f"--roll {r['roll']} --argument \"...\"")
    click.echo(f"Accept a proposal by doing nothing; replace one with 'wargame seminar rule {folder} --question Q "
               "--outcome O --reason ...'.")


@seminar_group.command("matrix")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("question")
@click.option("--argument", required=True, help="The team's action and why it should succeed.")
@click.option("--pro", "pros", multiple=True, help="A reason for (repeat).")
@click.option("--con", "cons", multiple=True, help="A reason against, from the other teams (repeat).")
@click.option("--modifier", type=int, default=0, show_default=True,
              help="The facilitator's modifier for the strength of the arguments (-6..+6).")
@click.option("--side", type=click.Choice(SIDES, case_sensitive=False), help="The arguing team.")
@click.option("--by", help="Who rules (kept in the record).")
@click.option("--for", "argued_for", help="The outcome argued for (default: the rules' matrix_for).")
@click.option("--roll", type=click.IntRange(0), help="The roll of the question (default: the first not ruled).")
@click.option("--force-bots", is_flag=True, help="Preview with missing teams played by their bots.")
def seminar_matrix(folder, question, argument, pros, cons, modifier, side, by, argued_for, roll, force_bots):
    """A matrix argument on QUESTION: 2d6 plus the modifier against the target decides; the outcome is
    given as the roll that produces it, and everything is kept in the record."""
    from wargame import seminar_modes
    pos, act, result = seminar_modes.matrix(folder, question, argument, pros, cons, modifier, by,
                                            side.lower() if side else None, argued_for, roll, force_bots)
    d1, d2 = act["dice"]
    verdict = "succeeds" if act["success"] else "fails"
    click.echo(f"Matrix ruling on {question}, roll {act['roll']} ({act['what']}) of turn {pos.turn}: "
               f"2d6 {d1}+{d2} {act['modifier']:+d} = {act['total']} against {act['target']}: the argument for "
               f"{act['for']} {verdict} -> {act['outcome']}")
    click.echo(f"  -> {result}")


@seminar_group.command("hotwash")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Write the hotwash as a self-contained HTML page.")
@click.option("--force", is_flag=True, help="Overwrite an existing HTML file.")
def seminar_hotwash(folder, html_out, force):
    """Right after play: the chronology with decisions and reasons, injects with who and why, requests
    for information, corrections, notes, assumptions and objectives."""
    from wargame import hotwash, seminar
    h = hotwash.build(seminar.open_seminar(folder))
    if html_out:
        _write(html_out, hotwash.html(h), force)
    else:
        click.echo(hotwash.text(h), nl=False)


@click.command("assumptions")
@click.argument("rules", required=False, type=click.Path(file_okay=False))
def assumptions_command(rules):
    """Every rules value whose source note says it is a design assumption (file:line, key, value, source).

    RULES: a rules folder (default: the packaged rules)."""
    from wargame.assumptions import assumptions, text
    found = assumptions(rules, label=rules) if rules else assumptions()
    click.echo(text(found), nl=False)


def register(main):
    main.add_command(seminar_group)
    main.add_command(assumptions_command)
