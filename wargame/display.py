"""What a person sees in the terminal: briefings, turn reports, results. Part of the CLI shell."""

from rich.console import Console
from rich.table import Table

from wargame.figures import count, km2, metric, money, price, ratio, share, value_and_target

from wargame.vocab import SIDE_NAMES  # noqa: E402


def console():
    """A console on the current stdout (click's test runner swaps it, so look it up each time)."""
    import sys
    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


def briefing(con, game, view, last_events=()):
    """A side's briefing: date, money, holdings against need, lines and queues, the front, news."""
    side = view["side"]
    rules = game.rules
    con.rule(f"{SIDE_NAMES[side]} briefing - turn {view['turn']}/{view['turns']} - {view['date']}")
    funds = f"Funds: {money(view['funds'])}"
    if side == "eu":
        low, high = view["budget_bounds"]
        funds += (f"  SAFE money: {money(view['safe_funds'])} (can draw {money(view['safe_room'])})"
                  f"  Budget: {share(view['budget_share'], 2)} of GDP (this turn {share(low, 2)}..{share(high, 2)})"
                  f"  Debt: {money(view['debt'])}")
    else:
        funds += f"  Troops: {count(view['troops'])}"
    con.print(funds)
    con.print(f"Front: Russia has gained {km2(view['front']['ground_km2'])} since the start.  "
              f"EU cohesion {ratio(view['cohesion'])}, support {ratio(view['support'])}.  "
              f"Flank crises so far: {count(view['crises'])}")
    us = view["us"]
    flags = [f for f, on in (("FMS paused", us["fms_paused"]), ("intelligence paused", us["intel_paused"]),
                             ("aid to Ukraine stopped", us["aid_stopped"])) if on]
    con.print(f"US in Europe: {count(us['troops'])} troops" + (f"; {', '.join(flags)}" if flags else ""))
    for step in us["announced"]:
        parts = [f"{rules.areas[a].name} {s:.0%}" for a, s in step["areas"].items()]
        if step["troops"]:
            parts.append(f"{count(step['troops'])} troops")
        con.print(f"  announced: {', '.join(parts)} leave on {step['date']}")
    if side == "eu":
        t = Table(title="Europe's coverage of its need by area")
        for col in ("area", "Europe", "with US", "US share now", "after announced steps"):
            t.add_column(col, justify="right" if col != "area" else "left")
        for area, spec in rules.areas.items():
            c = view["coverage"][area]
            planned = min(1.0, (view["eu_points"][area] + us["planned_points"].get(area, 0.0)) / spec.requirement)
            t.add_row(spec.name, f"{c['without_us']:.0%}", f"{c['with_us']:.0%}",
                      f"{us['points'].get(area, 0.0) / spec.requirement:.0%}", f"{planned:.0%}")
        con.print(t)
    t = Table(title="Your stocks")
    t.add_column("item")
    t.add_column("held", justify="right")
    for item, qty in view["stocks"].items():
        if qty:
            t.add_row(item, count(qty))
    con.print(t)
    t = Table(title="Lines you can order from (units a turn at today's rate; your orders and their place in the queue)")
    for col in ("line", "item", "cost a unit", "per turn", "backlog", "your orders"):
        t.add_column(col, justify="left" if col in ("line", "item", "your orders") else "right")
    for lid, line in view["lines"].items():
        if not line["open"]:
            continue
        mine = "; ".join(f"#{oid}: {count(left)} left, {count(ahead)} ahead" for oid, left, ahead in line["my_orders"])
        per_turn = line["rate"] * view["turn_days"]
        rate = (f"{per_turn:,.0f}" if per_turn >= 10 else f"{per_turn:.1f}") + (f" (dmg {line['damage']:.0%})" if line["damage"] > 0.005 else "")
        t.add_row(lid, line["item"], price(line["unit_cost"]), rate, count(line["backlog"]), mine)
    con.print(t)
    if view["requests"] and side == "eu":
        con.print("Ukraine asks for: " + ", ".join(f"{count(q)} {i}" for i, q in view["requests"].items()))
    if last_events:
        con.print("[bold]Your news from last turn[/bold]")
        for e in last_events:
            con.print(f"  {e['date']}  {e['text']}", markup=False)


def turn_report(con, game, record, side=None, rolls=True):
    """The State of the World after a turn (side=None), or one side's private report."""
    title = "State of the World" if side is None else f"{SIDE_NAMES[side]} report"
    con.rule(f"{title} - turn {record['turn']} ({record['date']})")
    for e in record["events"]:
        if side is None and not e["public"] or side is not None and not (e["public"] or e["side"] == side):
            continue
        con.print(f"  {game.scenario.date_of(e['day']).isoformat()}  {e['text']}", markup=False)
    if rolls:
        con.print("[bold]Rolls[/bold]")
        for r in record["rolls"]:
            p = f" p={r['p']:.2f}" if "p" in r else ""
            # markup=False: a rule's name in brackets ([scenario.us.random_steps]) is not a style
            con.print(f"  {game.scenario.date_of(r['day']).isoformat()}  {r['what']}{p} roll {r['roll']:.2f}: "
                      f"{r.get('result', '')}  [{r['rule']}]", markup=False)
    m = record["metrics"]
    con.print(f"Coverage without US {share(m['eu.coverage_without_us_mean'])}, with US {share(m['eu.coverage_with_us_mean'])}; "
              f"front {km2(m['front.ground_km2'])} ({km2(m['front.change_km2'], sign=True)}); "
              f"strike hits {count(m['strikes.hits_turn'])}; flank ratio {ratio(m['flank.ratio'])}; "
              f"crises {count(m['flank.crises'])}; cohesion {ratio(m['politics.cohesion'])}")


def result(con, outcome):
    """The end of a game: each side's objectives and score."""
    con.rule("Result")
    for side, s in outcome["scores"].items():
        t = Table(title=f"{SIDE_NAMES[side]}: {s['score']} of {s['max']} points")
        for col in ("objective", "value", "target", "met", "points"):
            t.add_column(col)
        for o in s["objectives"]:
            value, target = value_and_target(o.get("metric", ""), o["value"], o["target"])
            if o.get("scaled"):  # a game shorter than the scenario: the target scaled to the turns played
                target += f" (scaled from {metric(o.get('metric', ''), o['full_target'])})"
            t.add_row(o["text"], value, f"{o['op']} {target}", "yes" if o["met"] else "no", str(o["points"]))
        con.print(t)
