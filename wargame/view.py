"""What one side may see at the start of a turn: its own holdings, the public picture, its private news.

Bots read only this; the human briefing shows it. Russia's stocks are hidden from the others, the
others' from Russia; a US step is known only once announced.
"""

from wargame import adjudicate as adj
from wargame.model import rate_of
from wargame.orders import budget_bounds, default_aid_share, us_left


def _shared(rules, scenario, state):
    """What every side's view of a state has in common: (announced steps, EU points, coverage, US
    points planned, {line id: (the line's public figures, its damage)}). Worked out once for the three
    sides' views of the same state (the last state viewed is remembered, with its rules and scenario);
    read only: view() copies what it hands out."""
    last = _LAST[0]
    if last is not None and last[0] is state and last[1] is rules and last[2] is scenario:
        return last[3]
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
        lines[lid] = ({  # the public figures a side's view of the line starts with (copied), and its damage
            "name": line.name, "owner": line.owner, "site": line.site, "item": line.item,
            "unit_cost": line.unit_cost, "buyers": line.buyers, "fms": line.fms,
            "rate": rate_of(line.tranches, day), "rate_next_turn": rate_of(line.tranches, next_day),
        },  # an undamaged line (most) is 0.0 either way: decayed() returns its floor
            adj.decayed(line.damage, line.damage_day, day, repair) if line.damage else 0.0)
    shared = (announced, eu_pts, cov, planned, lines)
    _LAST[0] = (state, rules, scenario, shared)
    return shared


_LAST = [None]  # (state, rules, scenario, _shared's result) of the last state viewed


def view(rules, scenario, state, side, turns=None):
    """A plain dict of everything `side` knows at the start of the coming turn."""
    if side == "us":
        return us_view(rules, scenario, state, turns)
    me = state.sides[side]
    day = state.day
    announced, eu_pts, cov, planned, common = _shared(rules, scenario, state)
    lines = {}
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
        shown, damage = common[lid]
        lines[lid] = mine_too = shown.copy()  # name .. rate_next_turn, then this side's figures, in this order
        mine_too["backlog"] = backlog
        mine_too["my_backlog"] = mine
        mine_too["my_orders"] = my_orders
        mine_too["damage"] = damage
        mine_too["open"] = side in line.buyers
    eu_pts, planned = dict(eu_pts), dict(planned)
    cov = {area: dict(c) for area, c in cov.items()}
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



def us_view(rules, scenario, state, turns=None):
    """What a seated US knows at the start of the coming turn: its own forces, capability and steps
    (those not yet announced included: they are its own), pauses and aid, the public picture, and
    the bounds its scenario sets (us.seat)."""
    day = state.day
    left, troops_left = us_left(rules, state)
    eu_pts = adj.eu_points(rules, state.sides["eu"].stocks, state.eu_points_extra)
    seat = scenario.us.seat
    return {
        "side": "us", "turn": state.turn + 1, "turns": turns or scenario.turns, "day": day,
        "date": scenario.date_of(day).isoformat(), "turn_days": scenario.turn_days,
        "troops": state.us.troops, "troops_left": troops_left, "points": dict(state.us.points),
        "share_left": left,
        "steps": [{"id": s.id, "announce_date": scenario.date_of(s.announce_day).isoformat(),
                   "date": scenario.date_of(s.day).isoformat(), "announced": s.announce_day <= day,
                   "areas": dict(s.areas), "troops": s.troops, "handover": s.handover, "done": s.done}
                  for s in state.us.steps],
        "fms_paused": state.us.fms_paused_until > day, "intel_paused": state.us.intel_paused_until > day,
        "aid_stopped": state.us.aid_stopped, "aid_default": default_aid_share(scenario, state.turn + 1),
        "coverage": adj.coverage(rules, eu_pts, state.us.points, rules.start.us.points),
        "front": {"ground_km2": state.ground_km2}, "cohesion": state.cohesion, "support": state.support,
        "crises": state.crises, "requests": dict(state.requests),
        "bounds": None if seat is None else {
            "areas": list(seat.areas), "max_steps_per_turn": seat.max_steps_per_turn,
            "max_share_per_step": seat.max_share_per_step, "max_troops_per_turn": seat.max_troops_per_turn,
            "notice_days": (seat.notice_days_min, seat.notice_days_max), "handover_max": seat.handover_max,
            "pause_turns_max": seat.pause_turns_max, "aid": (seat.aid_min, seat.aid_max)},
    }
