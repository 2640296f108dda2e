"""Built-in bot policies. Each reads only its side's view and the rules' bot parameters
(rules/bots.yaml) and returns orders; none draws a random number, so a bot is deterministic.
"""

from wargame.orders import first_instalment
from wargame.schema import MAX_EUR_M, MAX_UNITS
from wargame.vocab import PRESSURES, PROBING


def policy_names(rules, side):
    """The bot policies the rules define for side (for the US: those for a seated US)."""
    return list(getattr(rules.bots, side))


def bot_orders(rules, side, policy, v):
    """The orders of `policy` for `side` given its view v."""
    params = getattr(rules.bots, side)[policy]
    if side == "us":
        from wargame.controllers.us_bot import us_bot_orders
        return us_bot_orders(params, v)
    return _in_range({"eu": _eu, "ukraine": _ukraine, "russia": _russia}[side](rules, params, v))


def _in_range(orders):
    """The orders with each count and amount cut to the range an order may give (wargame/schema.py), so
    a bot's orders pass whatever the stocks and money it has grown to (the shipped games never reach it)."""
    for p in orders.get("procure", []):
        p["qty"] = min(p["qty"], MAX_UNITS)
    for key in ("transfer", "requests"):
        if key in orders:
            orders[key] = {item: min(qty, MAX_UNITS) for item, qty in orders[key].items()}
    if "deep_strikes" in orders:
        orders["deep_strikes"] = min(orders["deep_strikes"], MAX_UNITS)
    if "strikes" in orders:
        orders["strikes"] = {k: min(n, MAX_UNITS) if k != "target" else n for k, n in orders["strikes"].items()}
    for key in ("safe_draw", "fund_ukraine"):
        if key in orders:
            orders[key] = min(orders[key], MAX_EUR_M)
    return orders


def _free_capacity(line, turn_days):
    """Units a line can still make next turn beyond its backlog."""
    return max(0, int(line["rate_next_turn"] * turn_days - line["backlog"]))


def _buy(orders, lines, lid, want_units, budget, turn_days, recipient=None):
    """Add an order for up to want_units (None: as many as the line and the budget allow) from line
    lid within budget; returns the money spent."""
    line = lines[lid]
    qty = min(_free_capacity(line, turn_days), int(budget / line["unit_cost"]))
    if want_units is not None and want_units < qty:  # want_units may be huge (a need over tiny points)
        qty = int(want_units)
    if qty <= 0:
        return 0.0
    order = {"supplier": lid, "qty": qty}
    if recipient:
        order["for"] = recipient
    orders["procure"].append(order)
    line["backlog"] += qty
    return qty * line["unit_cost"]


def _eu(rules, p, v):
    days = v["turn_days"]
    low, high = v["budget_bounds"]
    target = p.budget_target
    # a gap: an area where the US has left or announced it will, and Europe does not cover the need
    gap_areas = [a for a in rules.areas
                 if (v["eu_points"][a] + v["us"]["planned_points"].get(a, 0.0)) < rules.areas[a].requirement
                 and (v["us"]["planned_points"].get(a, 0.0) < v["us"]["points"].get(a, 0.0) - 1e-9
                      or v["coverage"][a]["us_gap"] > 0)]
    if p.gap_budget_step and gap_areas:
        target = max(target, v["budget_share"] + p.gap_budget_step)
    share = min(high, max(low, target))
    orders = {"budget_share": round(share, 6), "procure": [], "build": [], "projects": [],
              "decision": p.decision, "rationale": f"bot: {p.description}"}
    safe = min(p.safe_draw, v["safe_room"])
    if safe > 0:
        orders["safe_draw"] = safe
    cash = v["funds"] * (1.0 - p.reserve_share)
    safe_cash = v["safe_funds"] + safe
    extra = 1.0 + (rules.money.coalition.extra_cost if p.decision == "coalition" else 0.0)
    sites = rules.money.safe.eligible_sites

    def start(bid, share):
        """Order build bid if it costs at most share of the money (SAFE money where its site allows)."""
        nonlocal cash, safe_cash
        spec = rules.builds[bid]
        if bid in v["started"] or bid in orders["build"] or (not spec.expands and bid in v["lines"]):
            return
        cost = spec.capex * (extra if spec.eu_level else 1.0)
        site = spec.site or v["lines"][spec.expands]["site"]
        pot = safe_cash if site in sites else 0.0
        if cost <= (cash + pot) * share:
            from_safe = min(pot, cost)
            safe_cash -= from_safe
            cash -= cost - from_safe
            orders["build"].append(bid)

    for bid in p.builds:
        start(bid, 1.0)
    # a US step announced and not yet gone: build for the areas it takes away before it leaves, each
    # build while it costs at most step_reaction of the money left
    if p.step_reaction and v["us"]["announced"]:
        before = len(orders["build"])
        for bid in _builds_for(rules, v, "eu", _leaving(v)):
            start(bid, p.step_reaction)
        areas = {_build_area(rules, v, bid) for bid in orders["build"][before:]}
        orders["rationale"] += _acting_on(rules, [st for st in v["us"]["announced"] if areas & set(st["areas"])])
    for pid in p.projects:
        if pid in v["projects"]:
            continue
        cost = first_instalment(rules, pid, days) * extra
        if cost <= cash * p.project_cash_share:
            cash -= cost
            orders["projects"].append(pid)

    # Ukraine: part of its share as money for Ukrainian industry, the rest as what Ukraine asked for
    ukraine_budget = cash * p.ukraine_share
    fund = round(ukraine_budget * p.danish_share, 3)
    if fund > 0:
        orders["fund_ukraine"] = fund
        cash -= fund
    lines = {lid: dict(l) for lid, l in v["lines"].items()}
    give = ukraine_budget - fund
    for item, qty in v["requests"].items():
        for lid in _for_ukraine(_sellers(lines, item, "eu", p.prefer_fms, v), lines, p, v):
            spent = _spend(lines, lid, qty, give, cash, safe_cash, sites, orders, days, "ukraine")
            if spent is None:
                continue
            cost, from_safe = spent
            cash -= cost - from_safe
            safe_cash -= from_safe
            give -= cost
            qty -= cost / lines[lid]["unit_cost"]
            if qty <= 0 or give <= 0:
                break

    # Europe: fill the areas furthest from their need, counting only the US presence still planned
    def shortfall(area):
        need = rules.areas[area].requirement
        return (v["eu_points"][area] + v["us"]["planned_points"].get(area, 0.0)) / need
    for area in sorted(rules.areas, key=shortfall):
        need_points = rules.areas[area].requirement - v["eu_points"][area] - v["us"]["planned_points"].get(area, 0.0)
        if need_points <= 0:
            continue
        items = [i for i, spec in rules.items.items() if spec.area == area and spec.points > 0]
        for item in items:
            units = need_points / rules.items[item].points / len(items)
            for lid in _sellers(lines, item, "eu", p.prefer_fms, v, own_stocks=True):
                spent = _spend(lines, lid, units, cash + safe_cash, cash, safe_cash, sites, orders, days, None)
                if spent is None:
                    continue
                cost, from_safe = spent
                cash -= cost - from_safe
                safe_cash -= from_safe
                units -= cost / lines[lid]["unit_cost"]
                if units <= 0:
                    break
    return orders


def _leaving(v):
    """The areas of the US steps announced and not yet gone. A side's view holds a step only from the
    day it is announced (wargame/view.py), so a step announced and gone within one turn is never here."""
    return {area for step in v["us"]["announced"] for area in step["areas"]}


def _acting_on(rules, steps):
    """The rationale's words for the announced steps a bot acts on."""
    parts = [f"{', '.join(rules.areas[a].name for a in step['areas']) or 'troops'} leaving on {step['date']}"
             for step in steps]
    return f"; acting on the announced US departure: {'; '.join(parts)}" if parts else ""


def _build_area(rules, v, bid):
    """The area of the item a build makes (None for an item that counts in no area)."""
    spec = rules.builds[bid]
    item = v["lines"][spec.expands]["item"] if spec.expands else spec.item
    return rules.items[item].area


def _builds_for(rules, v, side, areas):
    """The builds side may order that make an item counting in one of areas, on a line of its own,
    cheapest first."""
    out = []
    for bid, spec in rules.builds.items():
        line = v["lines"].get(spec.expands) if spec.expands else None
        if side not in spec.builders or (spec.expands and line is None):
            continue
        item, owner = (line["item"], line["owner"]) if line else (spec.item, spec.owner)
        if owner == side and rules.items[item].area in areas and rules.items[item].points > 0:
            out.append(bid)
    return sorted(out, key=lambda bid: (rules.builds[bid].capex, bid))


def _sellers(lines, item, side, prefer_fms, v, own_stocks=False):
    """Open lines that make item for side, FMS first or last, paused FMS lines left out; for Europe's
    own stocks Ukrainian plants are left to Ukraine's front."""
    found = [lid for lid, l in lines.items() if l["item"] == item and side in l["buyers"]
             and not (l["fms"] and v["us"]["fms_paused"]) and l["rate_next_turn"] > 0
             and not (own_stocks and l["owner"] == "ukraine")]
    return sorted(found, key=lambda lid: (not lines[lid]["fms"]) if prefer_fms else lines[lid]["fms"])


def _for_ukraine(sellers, lines, p, v):
    """The sellers of an item Ukraine asked for, with joint_ventures_first the EU's joint-venture lines
    (lines its own builds opened in Ukraine) first where they cost less than the first other seller."""
    if not p.joint_ventures_first or not sellers:
        return sellers
    jv = [lid for lid in sellers if lid in v["started"] and lines[lid]["owner"] != "eu"]
    rest = [lid for lid in sellers if lid not in jv]
    if not rest:
        return jv
    cheaper = [lid for lid in jv if lines[lid]["unit_cost"] < lines[rest[0]]["unit_cost"]]
    return cheaper + [lid for lid in sellers if lid not in cheaper]


def _spend(lines, lid, units, budget, cash, safe_cash, sites, orders, days, recipient):
    """Buy from one line, paying SAFE money first where the site allows: (cost, from SAFE) or None."""
    pot = safe_cash if lines[lid]["site"] in sites else 0.0
    cost = _buy(orders, lines, lid, units, min(budget, cash + pot), days, recipient)
    if not cost:
        return None
    return cost, min(pot, cost)


def _fund_lines(rules, p, v, budget):
    """Orders on the side's own lines by the policy's mix, capped by free capacity; leftover flows on."""
    orders = []
    lines = {lid: dict(l) for lid, l in v["lines"].items()}
    days = v["turn_days"]
    left = budget
    for lid, share in sorted(p.mix.items(), key=lambda kv: -kv[1]):
        if lid not in lines:
            continue
        holder = {"procure": orders}
        left -= _buy(holder, lines, lid, None, min(left, budget * share), days)
    for lid in p.mix:
        if lid in lines and left > 0:
            holder = {"procure": orders}
            left -= _buy(holder, lines, lid, None, left, days)
    return orders, left


def _ukraine(rules, p, v):
    procure, left = _fund_lines(rules, p, v, v["funds"])
    lines = {lid: dict(l) for lid, l in v["lines"].items()}
    for o in procure:
        lines[o["supplier"]]["backlog"] += o["qty"]
    holder = {"procure": procure}
    days = v["turn_days"]
    if p.new_lines:
        # money left when the mix's lines are full buys from Ukraine's other lines (the EU-Ukraine joint
        # ventures, lines opened later) that make what the mix or the requests name, cheapest first
        wanted = {lines[lid]["item"] for lid in p.mix if lid in lines} | set(p.request)
        others = sorted((lid for lid, l in lines.items() if l["owner"] == "ukraine" and lid not in p.mix
                         and l["item"] in wanted and "ukraine" in l["buyers"] and l["rate_next_turn"] > 0),
                        key=lambda lid: (lines[lid]["unit_cost"], lid))
        for lid in others:
            if left > 0:
                left -= _buy(holder, lines, lid, None, left, days)
    # an expansion pays off where a line of the mix is full and money would otherwise sit idle: build it
    # while it costs at most build_budget_share of the money left
    builds = []
    for bid in p.builds:
        spec = rules.builds[bid]
        line = lines.get(spec.expands)
        if bid in v["started"] or line is None or spec.expands not in p.mix:
            continue
        if _free_capacity(line, days) == 0 and left > 0 and spec.capex <= left * p.build_budget_share:
            builds.append(bid)
            left -= spec.capex
    # money left when its own lines are full buys what it asks partners for, from their lines
    for item in p.request:
        for lid in _sellers(lines, item, "ukraine", False, v):
            if lines[lid]["owner"] != "ukraine" and left > 0:
                left -= _buy(holder, lines, lid, None, left, days)
    # a US step announced and not yet gone: ask partners for more of the leaving areas' items now, before
    # Europe's lines turn to refilling its own stocks
    requests = dict(p.request)
    rationale = f"bot: {p.description}"
    if p.step_reaction and v["us"]["announced"]:
        leaving = _leaving(v)
        requests = {item: int(qty * (1 + p.step_reaction)) if rules.items[item].area in leaving else qty
                    for item, qty in requests.items()}
        raised = {rules.items[item].area for item in requests if requests[item] != p.request[item]}
        rationale += _acting_on(rules, [st for st in v["us"]["announced"] if raised & set(st["areas"])])
    return {"procure": procure, "build": builds, "front_share": p.front_share, "air_defence": p.air_defence,
            "requests": requests, "deep_strikes": int(v["stocks"][rules.roles.long_range_drone] * p.deep_strike_share),
            "rationale": rationale}


def _russia(rules, p, v):
    # a US step announced to leave in the coming turn: raise pressure and probing by step_reaction levels
    # while it goes
    end = v["day"] + v["turn_days"]
    going = [step for step in v["us"]["announced"] if step["day"] < end]
    up = p.step_reaction if going else 0
    pressure = PRESSURES[min(len(PRESSURES) - 1, PRESSURES.index(p.pressure) + up)]
    wanted = PROBING[min(len(PROBING) - 1, PROBING.index(p.probing) + up)]
    probing_cost = rules.deterrence.probing[wanted].cost
    probing = wanted if v["funds"] >= probing_cost else "none"
    budget = v["funds"] - (probing_cost if probing != "none" else 0.0)
    builds = []
    for bid in p.builds:
        spec = rules.builds[bid]
        if bid not in v["started"] and spec.capex <= budget * p.build_budget_share:
            builds.append(bid)
            budget -= spec.capex
    procure, _ = _fund_lines(rules, p, v, budget)
    stocks = v["stocks"]
    roles = rules.roles  # strike_share names roles
    strikes = {"missiles": int(stocks[roles.cruise_missile] * p.strike_share.cruise_missile),
               "drones": int(stocks[roles.long_range_drone] * p.strike_share.long_range_drone),
               "target": p.strike_target}
    rationale = f"bot: {p.description}" + (_acting_on(rules, going) if up else "")
    return {"procure": procure, "build": builds, "pressure": pressure, "strikes": strikes,
            "flank_reserve": p.flank_reserve, "probing": probing, "rationale": rationale}
