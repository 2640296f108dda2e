"""What one side may see at the start of a turn: its own holdings, the public picture, its private news.

Bots read only this; the human briefing shows it. Russia's stocks are hidden from the others, the
others' from Russia; a US step is known only once announced.
"""

from wargame import adjudicate as adj
from wargame.orders import budget_bounds


def view(rules, scenario, state, side, turns=None):
    """A plain dict of everything `side` knows at the start of the coming turn."""
    me = state.sides[side]
    day = state.day
    announced = [s for s in state.us.steps if s.announce_day <= day and not s.done]
    eu_pts = adj.eu_points(rules, state.sides["eu"].stocks, state.eu_points_extra)
    cov = adj.coverage(rules, eu_pts, state.us.points, rules.start.us.points)
    planned = dict(state.us.points)
    start_points = rules.start.us.points
    for step in announced:
        for area, share in step.areas.items():
            planned[area] = max(0.0, planned.get(area, 0.0) - share * start_points[area])
    lines = {}
    next_day = day + scenario.turn_days
    repair = rules.strikes.repair_per_day
    for lid, line in state.lines.items():
        # one pass over the queue: the backlog, this side's part of it, and what is ahead of each order
        backlog = mine = 0
        my_orders = []
        for o in line.queue:
            left = o.qty - o.delivered
            if o.buyer == side:
                mine += left
                my_orders.append((o.id, left, backlog))
            backlog += left
        lines[lid] = {
            "name": line.name, "owner": line.owner, "site": line.site, "item": line.item,
            "unit_cost": line.unit_cost, "buyers": line.buyers, "fms": line.fms,
            "rate": line.rate_at(day), "rate_next_turn": line.rate_at(next_day),
            "backlog": backlog, "my_backlog": mine,
            "my_orders": my_orders,
            "damage": adj.decayed(line.damage, line.damage_day, day, repair),
            "open": side in line.buyers,
        }
    v = {
        "side": side, "turn": state.turn + 1, "turns": turns or scenario.turns, "day": day,
        "date": scenario.date_of(day).isoformat(), "turn_days": scenario.turn_days,
        "funds": me.funds, "safe_funds": me.safe_funds, "stocks": dict(me.stocks), "troops": me.troops,
        "lines": lines,
        "coverage": cov, "eu_points": eu_pts,
        "us": {"troops": state.us.troops, "points": dict(state.us.points), "planned_points": planned,
               "announced": [{"date": scenario.date_of(s.day).isoformat(), "day": s.day, "areas": dict(s.areas),
                              "troops": s.troops} for s in announced],
               "fms_paused": state.us.fms_paused_until > day, "intel_paused": state.us.intel_paused_until > day,
               "aid_stopped": state.us.aid_stopped},
        "front": {"ground_km2": state.ground_km2}, "cohesion": state.cohesion, "support": state.support,
        "crises": state.crises, "requests": dict(state.requests),
        "started": [bid for s, bid in state.started if s == side],
    }
    if side == "eu":
        v["budget_share"] = me.budget_share
        v["budget_bounds"] = budget_bounds(rules, state)
        v["debt"] = me.debt
        v["safe_room"] = min(rules.money.safe.max_draw_per_turn, rules.money.safe.total - me.safe_drawn)
        v["projects"] = {pid: {"progress_days": p.progress_days, "done": p.done, "stalled": p.stalled}
                         for pid, p in state.projects.items()}
    return v

