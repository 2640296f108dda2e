"""The seminar's pages: the State of the World for the projector (public facts only, large type) and
each team's private pack. Built from a seminar Position alone; text for the terminal, and one
self-contained HTML file each (no external assets, every text escaped)."""

from html import escape

import attrs

from wargame.visibility import private_to, public, public_metric

from wargame.vocab import SIDE_NAMES  # noqa: E402
CSP = "default-src 'none'; style-src 'unsafe-inline'"
SHORT = 110  # characters of an event line on the projector

# The headline of the State of the World: (metric, label, format). Only public figures.
HEADLINE = (
    ("front.ground_km2", "Ground Russia has gained", "km2"),
    ("eu.coverage_without_us_mean", "Europe covers its need, without the US", "pct"),
    ("eu.coverage_with_us_mean", "... and with the US", "pct"),
    ("us.troops", "US troops in Europe", "count"),
    ("strikes.hits_turn", "Strike weapons through this turn", "count"),
    ("flank.crises", "Crises on the eastern flank so far", "count"),
    ("politics.cohesion", "EU cohesion (0..1)", "ratio"),
)


# ----- words and numbers ---------------------------------------------------------------------------

def money(eur_m):
    """EUR million as a room reads it: EUR 1.2bn, EUR 450m."""
    if abs(eur_m) >= 1000:
        return f"EUR {eur_m / 1000:,.1f}bn"
    return f"EUR {eur_m:,.0f}m"


def figure(value, kind):
    if value is None:
        return "-"
    if kind == "pct":
        return f"{value:.0%}"
    if kind == "km2":
        return f"{value:,.0f} km2"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "eur":
        return money(value)
    return f"{value:,.0f}" if isinstance(value, (int, float)) else str(value)


def change(now, before, kind):
    """(arrow, change text) between two values of a figure."""
    if now is None or before is None:
        return "", "new"
    d = now - before
    small = 0.005 if kind in ("pct", "ratio") else 0.5
    if abs(d) < small:
        return "→", "no change"
    arrow = "↑" if d > 0 else "↓"
    if kind == "pct":
        return arrow, f"{d * 100:+.0f} points"
    if kind == "ratio":
        return arrow, f"{d:+.2f}"
    if kind == "km2":
        return arrow, f"{d:+,.0f} km2"
    return arrow, f"{d:+,.0f}"


def short(text, width=SHORT):
    """An event's line for the projector: up to its first clause, at most width characters."""
    head = text.split("; ")[0]
    if len(head) > width and " (" in head:  # the reasons in brackets are in the replay and the debrief
        head = head.split(" (")[0]
    if len(head) > width:
        head = head[:width - 1].rstrip() + "…"
    return head


def _date(game, day):
    return game.scenario.date_of(day).isoformat()


# ----- the State of the World ----------------------------------------------------------------------

@attrs.frozen
class World:
    title: str
    subtitle: str
    headline: list      # (label, now, arrow, change)
    events: list        # (date, kind, short text)
    next_line: str
    scores: list        # (side name, score, max, [(text, value, target, met)]), at the end only
    basis: str


def start_figures(game):
    """The headline figures before the first turn, from the starting state (public ones only)."""
    state = game.initial_state()
    view = game.view(state, "eu")
    areas = list(view["coverage"])
    mean = lambda key: sum(view["coverage"][a][key] for a in areas) / len(areas)  # noqa: E731
    return {"front.ground_km2": state.ground_km2, "eu.coverage_without_us_mean": mean("without_us"),
            "eu.coverage_with_us_mean": mean("with_us"), "us.troops": state.us.troops,
            "flank.crises": state.crises, "politics.cohesion": state.cohesion}


def world(pos, turn=None):
    """The State of the World after a turn (default the last played): public facts only."""
    game = pos.game
    turn = turn or len(pos.records)
    rec = pos.records[turn - 1]
    before = pos.records[turn - 2]["metrics"] if turn > 1 else start_figures(game)
    headline = []
    for metric, label, kind in HEADLINE:
        if not public_metric(metric):
            continue
        now = rec["metrics"].get(metric)
        prev = before.get(metric) if metric != "strikes.hits_turn" or turn > 1 else None
        arrow, delta = change(now, prev, kind)
        headline.append((label, figure(now, kind), arrow, delta))
    events = [(_date(game, e["day"]), e["kind"], short(e["text"])) for e in rec["events"] if public(e)]
    finished = turn == game.turns and pos.replay.finished
    if finished:
        next_line = "The game is over. The debrief follows."
    else:
        next_line = f"Next: turn {turn + 1} of {game.turns}. Teams, your packs and orders sheets are ready."
    scores = []
    basis = pos.basis()
    if finished:
        from wargame.objectives import score
        for side, s in score(basis.objectives, rec["metrics"]).items():
            scores.append((SIDE_NAMES[side], s["score"], s["max"],
                           [(o["text"], _objective_value(o), f"{o['op']} {_objective_target(o)}", o["met"])
                            for o in s["objectives"]]))
    return World(title=f"State of the World: turn {turn} of {game.turns}",
                 subtitle=f"{game.scenario.title}, {rec['date']} to {_date(game, rec['events'][-1]['day']) if rec['events'] else rec['date']}",
                 headline=headline, events=events, next_line=next_line, scores=scores,
                 basis=basis.text if finished else "")


def _objective_value(o):
    v = o["value"]
    if v is None:
        return "-"
    if "coverage" in o["metric"] or o["metric"] == "politics.cohesion":
        return f"{v:.2f}" if o["metric"] == "politics.cohesion" else f"{v:.0%}"
    if o["metric"].startswith(("eu.debt", "ukraine.production", "eu.spent")):
        return money(v)
    return f"{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"{v:,.2f}".rstrip("0").rstrip(".")


def _objective_target(o):
    fake = dict(o, value=o["target"])
    text = _objective_value(fake)
    if o.get("scaled"):
        full = _objective_value(dict(o, value=o["full_target"]))
        text += f" (scaled from {full})"
    return text


def world_text(w):
    out = [w.title, w.subtitle, ""]
    for label, now, arrow, delta in w.headline:
        out.append(f"  {label:42} {now:>14} {arrow} {delta}")
    out += ["", "What happened (public):"]
    out += [f"  {d}  {t}" for d, _, t in w.events] or ["  nothing public this turn"]
    if w.scores:
        out += ["", f"Objectives ({w.basis}):"]
        for name, total, most, rows in w.scores:
            out.append(f"  {name}: {total} of {most} points")
            for text, value, target, met in rows:
                out.append(f"    [{'x' if met else ' '}] {text}: {value} (target {target})")
    out += ["", w.next_line]
    return "\n".join(out) + "\n"


WORLD_CSS = """
:root { --ink:#000; --paper:#fff; --muted:#333; --up:#0b5394; --line:#000; }
html { font-size: 30px; }
body { margin: 0 auto; max-width: 1800px; padding: 0.8rem 1.2rem; color: var(--ink); background: var(--paper);
       font-family: "DejaVu Sans", Verdana, Arial, sans-serif; line-height: 1.3; }
h1 { font-size: 2.1rem; margin: 0 0 0.2rem; }
h2 { font-size: 1.4rem; margin: 1.2rem 0 0.4rem; border-bottom: 4px solid var(--line); }
p.sub { font-size: 1.1rem; color: var(--muted); margin: 0 0 0.6rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { padding: 0.25rem 0.4rem; border-bottom: 2px solid #999; vertical-align: top; overflow-wrap: anywhere; }
td.num { text-align: right; font-weight: bold; width: 22%; }
td.arrow { text-align: center; width: 6%; font-size: 1.3rem; font-weight: bold; }
td.delta { width: 20%; color: var(--muted); }
ul.events { list-style: none; padding: 0; margin: 0; }
ul.events li { padding: 0.2rem 0; border-bottom: 1px solid #bbb; overflow-wrap: anywhere; }
span.date { font-weight: bold; margin-right: 0.6rem; white-space: nowrap; }
p.next { font-size: 1.2rem; font-weight: bold; margin-top: 1.2rem; }
"""


def _page(title, css, body):
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><style>{css}</style></head>\n<body>\n{body}\n</body></html>\n')


def world_html(w):
    rows = "".join(f'<tr><td>{escape(label)}</td><td class="num">{escape(now)}</td>'
                   f'<td class="arrow">{escape(arrow)}</td><td class="delta">{escape(delta)}</td></tr>'
                   for label, now, arrow, delta in w.headline)
    events = "".join(f'<li><span class="date">{escape(d)}</span>{escape(t)}</li>' for d, _, t in w.events) \
        or "<li>Nothing public this turn.</li>"
    body = [f"<h1>{escape(w.title)}</h1>", f'<p class="sub">{escape(w.subtitle)}</p>',
            f'<h2>What changed</h2><table class="headline">{rows}</table>',
            f'<h2>What happened</h2><ul class="events">{events}</ul>']
    if w.scores:
        body.append(f"<h2>Objectives</h2><p class=\"sub\">Scored against {escape(w.basis)}.</p>")
        for name, total, most, objs in w.scores:
            items = "".join(f'<li>{"✔" if met else "✘"} {escape(text)}: {escape(value)} '
                            f'(target {escape(target)})</li>' for text, value, target, met in objs)
            body.append(f"<h3>{escape(name)}: {total} of {most} points</h3><ul class=\"events\">{items}</ul>")
    body.append(f'<p class="next">{escape(w.next_line)}</p>')
    return _page(w.title, WORLD_CSS, "\n".join(body))


# ----- a team's pack -------------------------------------------------------------------------------

@attrs.frozen
class Pack:
    side: str
    title: str
    played: int
    report: list          # (heading, [(date, text)]) of the turn just played: the team's own news
    objectives: list      # (text, value, target, met, points)
    objectives_basis: str
    score: str
    briefing: list        # (heading, [lines]) for the coming turn
    orders_template: str  # the pre-filled orders file for the coming turn ("" when the game is over)
    orders_name: str
    injects: list = attrs.Factory(list)  # (date, text, who and why) of the white cell's injects this team saw
    rfis: list = attrs.Factory(list)     # (heading, [lines]) of this team's questions and answers to all


def effect_note(inj):
    """What an inject does to the ground, the flank and EU decisions, in words ('' if none of these)."""
    parts = []
    km2 = inj.get("front_km2")
    if km2:
        parts.append(f"front: {'Russia gains' if km2 > 0 else 'Ukraine regains'} {abs(km2):,.0f} km2")
    if inj.get("crisis"):
        parts.append(f"crisis on the eastern flank: {inj['crisis'].replace('_', ' ')}")
    if inj.get("delay"):
        parts.append(f"postpones the EU decision on {inj['delay']['decision']} {inj['delay']['days']} days")
    return "; ".join(parts)


def inject_note(inj):
    """What it does to the game, who injected it and why, in words: 'front: Ukraine regains 300 km2;
    by White cell (kind: hybrid): to test ...'; '' if none is given."""
    parts = [effect_note(inj)] if effect_note(inj) else []
    if inj.get("by"):
        parts.append(f"by {inj['by']}")
    if inj.get("kind"):
        parts.append(f"kind: {inj['kind']}")
    if inj.get("when"):
        w = inj["when"]
        parts.append(f"fired as {w['metric']} {w['op']} {w['value']:g}")
    if isinstance(inj.get("visible_to"), list):
        parts.append("for " + ", ".join(SIDE_NAMES.get(s, s) for s in inj["visible_to"]) + " only")
    note = "; ".join(parts)
    if inj.get("reason"):
        note += (": " if note else "why: ") + inj["reason"]
    return note


def injects_seen(game, rec, side=None):
    """(date, text, note) of a turn's injects that side sees (every inject when side is None)."""
    import datetime

    from wargame.visibility import inject_visible
    out = []
    for inj in rec.get("injects") or []:
        if not inject_visible(inj, side):
            continue
        date = datetime.date.fromisoformat(rec["date"]) + datetime.timedelta(days=inj.get("day", 0))
        out.append((date.isoformat(), inj["text"], inject_note(inj)))
    return out


def rfi_lines(rfis, side=None):
    """(heading, [lines]) per request for information that side may see (all when side is None)."""
    out = []
    for r in rfis:
        if side is not None and not r.visible_to(side):
            continue
        who = SIDE_NAMES.get(r.side, r.side)
        lines = [f"Q ({who}, turn {r.turn}): {r.text}"]
        answers = r.answers if side is None else r.answers_for(side)
        for turn, to, text in answers:
            lines.append(f"A (turn {turn}, to {'all' if to == 'all' else SIDE_NAMES.get(to, to)}): {text}")
        if r.open:
            lines.append("A: not answered yet")
        out.append((f"Request {r.n}", lines))
    return out


GROUPS = (("delivery", "Deliveries"), ("order", "Orders placed and their place in the queue"),
          ("money", "Money"))


def _view_lines(game, view, side):
    """The briefing's sections from a side's view of the coming turn."""
    out = []
    money_lines = [f"Funds: {money(view['funds'])}"]
    if side == "eu":
        low, high = view["budget_bounds"]
        money_lines += [f"SAFE loans drawn and unspent: {money(view['safe_funds'])}; "
                        f"may draw up to {money(view['safe_room'])} this turn",
                        f"Defence budget {view['budget_share']:.2%} of GDP; this turn between {low:.2%} and {high:.2%}",
                        f"New defence debt so far: {money(view['debt'])}"]
    else:
        money_lines.append(f"Troops: {view['troops']:,}")
    out.append(("Money", money_lines))
    out.append(("Stocks", [f"{item}: {qty:,}" for item, qty in view["stocks"].items() if qty] or ["none"]))
    if side == "eu":
        cov = [f"{game.rules.areas[a].name}: {c['without_us']:.0%} without the US, {c['with_us']:.0%} with"
               for a, c in view["coverage"].items()]
        out.append(("Europe's coverage of its need by area", cov))
    lines, due = [], []
    for lid, line in view["lines"].items():
        if not line["open"]:
            continue
        per_turn = line["rate"] * view["turn_days"]
        lines.append(f"{lid} ({line['item']}, EUR {line['unit_cost']:g}m each): about {per_turn:,.0f} a turn, "
                     f"backlog {line['backlog']:,}")
        for oid, left, ahead in line["my_orders"]:
            if line["rate"] > 0:
                days = (ahead + left) / line["rate"]
                when = f"complete about {game.scenario.date_of(view['day'] + int(days)).isoformat()}"
            else:
                when = "the line is not producing"
            due.append(f"order #{oid} at {lid}: {left:,} {line['item']} to come, {ahead:,} ahead in the queue; {when}")
    out.append(("Lines you may order from", lines))
    out.append(("Your orders in the queues (deliveries due, at today's rates)", due or ["none"]))
    us = view["us"]
    news = [f"US troops in Europe: {us['troops']:,}"]
    for step in us["announced"]:
        areas = ", ".join(f"{game.rules.areas[a].name} {s:.0%}" for a, s in step["areas"].items())
        news.append(f"Announced: {areas or 'troops'} leave on {step['date']}")
    news.append(f"Front: Russia has gained {view['front']['ground_km2']:,.0f} km2 since the start")
    out.append(("The situation", news))
    return out


def us_view_lines(game, view):
    """The briefing of a seated US: its forces and capability, its steps (those not yet announced are
    its own secret), pauses and aid, and the public picture."""
    areas = game.rules.areas
    forces = [f"US troops in Europe: {view['troops']:,} ({view['troops_left']:,} not yet announced to leave)"]
    forces += [f"{areas[a].name}: {view['share_left'][a]:.0%} of the start still there and not announced"
               for a in areas]
    steps = []
    for st in view["steps"]:
        what = ", ".join(f"{areas[a].name} {x:.0%}" for a, x in st["areas"].items())
        what = ", ".join(p for p in (what, f"{st['troops']:,} troops" if st["troops"] else "") if p) or "nothing"
        state = "left" if st["done"] else ("announced" if st["announced"] else "not yet announced: only you know")
        steps.append(f"step {st['id']}: {what}, announced {st['announce_date']}, leaves {st['date']} ({state})")
    pauses = [f"FMS deliveries {'paused' if view['fms_paused'] else 'flowing'}; intelligence sharing "
              f"{'paused' if view['intel_paused'] else 'flowing'}",
              "aid to Ukraine stopped for good" if view["aid_stopped"] else
              f"aid to Ukraine: the scenario's plan for this turn is {view['aid_default']:.0%} of the full package"]
    cov = [f"{areas[a].name}: Europe covers {c['without_us']:.0%} of its need without the US, {c['with_us']:.0%} with"
           for a, c in view["coverage"].items()]
    news = [f"Front: Russia has gained {view['front']['ground_km2']:,.0f} km2 since the start",
            f"EU cohesion {view['cohesion']:.2f}, crises on the eastern flank so far {view['crises']}"]
    return [("Your forces and capability in Europe", forces), ("Your withdrawal steps", steps or ["none yet"]),
            ("Pauses and aid", pauses), ("Europe's coverage of its need by area", cov), ("The situation", news)]


def pack(pos, side):
    """A team's pack after the turn just played (or before the first): its own news, its objectives so
    far, and its briefing and orders sheet for the coming turn."""
    from wargame.controllers.human import HELP
    from wargame.objectives import score
    from wargame.templates import orders_template
    game = pos.game
    played = len(pos.records)
    report = []
    if played:
        rec = pos.records[-1]
        mine = [e for e in rec["events"] if private_to(e, side)]
        for kind, heading in GROUPS:
            rows = [(_date(game, e["day"]), e["text"]) for e in mine if e["kind"] == kind]
            if rows:
                report.append((heading, rows))
        rest = [(_date(game, e["day"]), e["text"]) for e in mine if e["kind"] not in dict(GROUPS)]
        if rest:
            report.insert(0, ("What you learned", rest))
        if not report:
            report.append(("Your news", [("", "nothing of your own this turn")]))
    basis = pos.basis()
    metrics = pos.records[-1]["metrics"] if played else {}
    if side == "us":  # the rules give the US no objectives: its choices are judged by the others' outcomes
        s = {"objectives": [], "score": 0, "max": 0}
    else:
        s = score(basis.objectives, metrics)[side]
    objectives = [(o["text"], _objective_value(o) if played else "-", f"{o['op']} {_objective_target(o)}",
                   o["met"], o["points"]) for o in s["objectives"]]
    score_line = (f"{s['score']} of {s['max']} points " + ("at the end" if pos.finished else "if the game ended now")
                  if played else f"up to {s['max']} points")
    if side == "us":
        score_line = "the rules give the US no objectives: the debrief weighs its choices by the others' outcomes"
    briefing, template, name = [], "", ""
    if not pos.finished:
        view = game.view(pos.begun, side)
        if side == "us":
            from wargame.templates import us_choices
            briefing = us_view_lines(game, view)
            briefing.append(("What you may order", us_choices(game, pos.begun)))
        else:
            briefing = _view_lines(game, view, side)
            briefing.append(("What you may order", [f"{u}: {t}" for u, t in HELP["common"][:2] + HELP[side]]))
        template = orders_template(game, side, pos.turn, pos.begun)
        name = f"orders-turn-{pos.turn:02d}.yaml"
    if pos.finished:
        title = f"{SIDE_NAMES[side]}: private report, turn {played} of {game.turns} (the end)"
    elif played:
        title = f"{SIDE_NAMES[side]}: private report on turn {played}, briefing for turn {pos.turn} of {game.turns}"
    else:
        title = f"{SIDE_NAMES[side]}: briefing for turn 1 of {game.turns} ({game.scenario.title})"
    from wargame.whitecell import rfis
    injects = injects_seen(game, pos.records[-1], side) if played else []
    return Pack(side=side, title=title, played=played, report=report, objectives=objectives,
                objectives_basis=basis.text, score=score_line, briefing=briefing, orders_template=template,
                orders_name=name, injects=injects, rfis=rfi_lines(rfis(pos.log()), side))


def pack_text(p):
    out = [p.title, "Private: for this team only.", ""]
    if p.report:
        out.append(f"== Turn {p.played}: your news ==")
        for heading, rows in p.report:
            out.append(f"{heading}:")
            out += [f"  {d}  {t}" if d else f"  {t}" for d, t in rows]
        out.append("The public events are on the State of the World.")
        out.append("")
    if p.injects:
        out.append(f"== Turn {p.played}: the white cell's injects you saw ==")
        out += [f"  {d}  {t}" + (f" ({note})" if note else "") for d, t, note in p.injects]
        out.append("")
    if p.rfis:
        out.append("== Requests for information (yours, and answers given to all) ==")
        for heading, lines in p.rfis:
            out.append(f"{heading}:")
            out += [f"  {line}" for line in lines]
        out.append("")
    out.append(f"== Your objectives ({p.score}) ==")
    out.append(f"Scored against {p.objectives_basis}.")
    for text, value, target, met, points in p.objectives:
        out.append(f"  [{'x' if met else ' '}] {text}: now {value}, target {target} ({points} pt)")
    for heading, lines in p.briefing:
        out += ["", f"== {heading} =="] + [f"  {line}" for line in lines]
    if p.orders_template:
        out += ["", f"== Your orders sheet ({p.orders_name}), valid as it stands ==", p.orders_template.rstrip()]
    return "\n".join(out) + "\n"


PACK_CSS = """
:root { --ink:#111; --muted:#444; }
html { font-size: 20px; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem; color: var(--ink); background: #fff;
       font-family: "DejaVu Sans", Verdana, Arial, sans-serif; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #000; margin-top: 1.4rem; }
h3 { font-size: 1.05rem; margin: 0.8rem 0 0.2rem; }
p.private { font-weight: bold; color: #8b0000; }
ul { padding-left: 1.2rem; } li { overflow-wrap: anywhere; }
span.date { font-weight: bold; margin-right: 0.5rem; white-space: nowrap; }
pre { background: #f4f4f4; padding: 0.6rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; }
"""


def pack_html(p):
    body = [f"<h1>{escape(p.title)}</h1>", '<p class="private">Private: for this team only.</p>']
    if p.report:
        body.append(f"<h2>Turn {p.played}: your news</h2>")
        for heading, rows in p.report:
            items = "".join(f'<li><span class="date">{escape(d)}</span>{escape(t)}</li>' for d, t in rows)
            body.append(f"<h3>{escape(heading)}</h3><ul>{items}</ul>")
    if p.injects:
        items = "".join(f'<li><span class="date">{escape(d)}</span>{escape(t)}'
                        + (f" <em>({escape(note)})</em>" if note else "") + "</li>" for d, t, note in p.injects)
        body.append(f"<h2>Turn {p.played}: the white cell's injects you saw</h2><ul>{items}</ul>")
    if p.rfis:
        body.append("<h2>Requests for information</h2>")
        for heading, lines in p.rfis:
            body.append(f"<h3>{escape(heading)}</h3><ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>")
    body.append(f"<h2>Your objectives: {escape(p.score)}</h2><p>Scored against {escape(p.objectives_basis)}.</p>")
    items = "".join(f'<li>{"✔" if met else "✘"} {escape(text)}: now {escape(value)}, target {escape(target)} '
                    f"({points} pt)</li>" for text, value, target, met, points in p.objectives)
    body.append(f"<ul>{items}</ul>")
    for heading, lines in p.briefing:
        body.append(f"<h2>{escape(heading)}</h2><ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>")
    if p.orders_template:
        body.append(f"<h2>Your orders sheet ({escape(p.orders_name)})</h2><pre>{escape(p.orders_template)}</pre>")
    return _page(p.title, PACK_CSS, "\n".join(body))
