"""Orders: what each side decides at the start of a turn, checked like the rules and against the state.

An orders dict per side is filled with defaults first (so every key is there), then validated:
the schema (types, ranges, known ids), then the state (who may buy where, money, stocks).
"""

from wargame.errors import OrderError
from wargame.schema import MAX_EUR_M, MAX_TURNS, MAX_UNITS, ListOf, MapOf, Num, Opt, Prob, Record, Ref, Str, validate, validated
from wargame.vocab import AD_PRIORITIES, DECISIONS, PRESSURES, PROBING, SEATS, SIDES, TARGETS, US  # noqa: F401
from wargame.yamlsafe import format_path

UNITS = Num(min=1, max=MAX_UNITS, integer=True)
COUNT = Num(min=0, max=MAX_UNITS, integer=True)
EUR_M = Num(min=0, max=MAX_EUR_M)
PROCURE = Record({"supplier": Ref("supplier"), "qty": UNITS, "for": Opt(Ref("side"))})
COMMON = {
    "side": Opt(Ref("seat")), "turn": Opt(Num(min=1, max=MAX_TURNS, integer=True)), "rationale": Opt(Str(), ""),
    "procure": Opt(ListOf(PROCURE), []), "build": Opt(ListOf(Ref("build")), []),
}
SIDE_ORDERS = {
    "eu": Record(COMMON | {
        "budget_share": Opt(Prob()), "safe_draw": Opt(EUR_M, 0), "fund_ukraine": Opt(EUR_M, 0),
        "decision": Opt(Str(DECISIONS), "consensus"), "projects": Opt(ListOf(Ref("project")), []),
        "transfer": Opt(MapOf(UNITS, key=Ref("item")), {}),
    }),
    "ukraine": Record(COMMON | {
        "front_share": Opt(Prob(), 1.0), "air_defence": Opt(Str(AD_PRIORITIES), "industry"),
        "requests": Opt(MapOf(UNITS, key=Ref("item")), {}),
        "deep_strikes": Opt(COUNT, 0),
    }),
    "russia": Record(COMMON | {
        "pressure": Opt(Str(PRESSURES), "medium"),
        "strikes": Opt(Record({"missiles": Opt(COUNT, 0), "drones": Opt(COUNT, 0),
                               "target": Opt(Str(TARGETS), "energy")}), {"missiles": 0, "drones": 0, "target": "energy"}),
        "flank_reserve": Opt(Prob(), 0.0), "probing": Opt(Str(PROBING), "none"),
    }),
    # a seated US (the scenario's us.seat sets the bounds, checked in us_problems)
    US: Record({
        "side": Opt(Ref("seat")), "turn": Opt(Num(min=1, max=MAX_TURNS, integer=True)), "rationale": Opt(Str(), ""),
        "steps": Opt(ListOf(Record({
            "areas": Opt(MapOf(Prob(), key=Ref("area")), {}), "troops": Opt(COUNT, 0),
            "announce_day": Opt(Num(min=0, max=366, integer=True), 0),
            "notice_days": Num(min=0, max=3650, integer=True), "handover": Opt(Prob(), 0.0),
        })), []),
        "fms_pause_turns": Opt(Num(min=0, max=MAX_TURNS, integer=True), 0),
        "intel_pause_turns": Opt(Num(min=0, max=MAX_TURNS, integer=True), 0),
        "aid_share": Opt(Prob()),
    }),
}


def ids_for(rules, state):
    """The ids an order may name: items, sides, the lines open now, builds and projects."""
    return {"item": set(rules.items), "side": set(SIDES), "seat": set(SEATS), "supplier": set(state.lines),
            "build": set(rules.builds), "project": set(rules.projects), "area": set(rules.areas)}


def fill(side, orders):
    """A complete orders dict for side (defaults where keys are missing)."""
    return SIDE_ORDERS[side].fill(dict(orders or {}))


def schema_problems(rules, state, side, orders):
    """Problems of type and reference, as (path text, message) pairs."""
    return [(format_path(p.path), p.message) for p in validate(SIDE_ORDERS[side], orders, ids_for(rules, state))]


def checked_and_filled(rules, state, side, orders):
    """(schema_problems(...), fill(side, orders)): the filled orders mean something only when there
    are no problems."""
    problems, filled = validated(SIDE_ORDERS[side], dict(orders or {}), ids_for(rules, state))
    return [(format_path(p.path), p.message) for p in problems], filled


def order_cost(rules, state, side, orders, turn_days):
    """What the orders cost: (total EUR million, the part payable from SAFE loans)."""
    money = rules.money
    total = safe_eligible = 0.0
    for p in orders["procure"]:
        line = state.lines[p["supplier"]]
        cost = p["qty"] * line.unit_cost
        total += cost
        if line.site in money.safe.eligible_sites:
            safe_eligible += cost
    coalition = side == "eu" and orders.get("decision") == "coalition"
    extra = 1.0 + (money.coalition.extra_cost if coalition else 0.0)
    for bid in orders["build"]:
        b = rules.builds[bid]
        cost = b.capex * (extra if b.eu_level else 1.0)
        total += cost
        if side == "eu" and build_site(rules, state.lines, bid) in money.safe.eligible_sites:
            safe_eligible += cost
    for pid in orders.get("projects", []):
        total += first_instalment(rules, pid, turn_days) * (extra if rules.projects[pid].eu_level else 1.0)
    total += orders.get("fund_ukraine", 0)
    if side == "russia":
        total += rules.deterrence.probing[orders["probing"]].cost
    return total, safe_eligible


def build_site(rules, lines, bid):
    """Where a build stands: its own site, or the site of the line it expands."""
    spec = rules.builds[bid]
    return spec.site if not spec.expands else lines[spec.expands].site


def first_instalment(rules, pid, turn_days):
    """The instalment a programme costs per turn of turn_days."""
    p = rules.projects[pid]
    return p.cost * min(1.0, turn_days / p.duration_days)


def budget_bounds(rules, state):
    """The EU budget share allowed this turn: (low, high)."""
    eu = rules.money.eu
    now = state.sides["eu"].budget_share
    high = min(eu.budget_share_max, eu.baseline_share + eu.escape_clause_max, now + eu.max_change_per_turn)
    low = max(eu.budget_share_min, now - eu.max_change_per_turn)
    return low, high


def state_problems(rules, state, side, orders, turn_days):
    """Problems against the state: buyers, builders, repeats, money and stocks."""
    out = []
    me = state.sides[side]
    for i, p in enumerate(orders["procure"]):
        line = state.lines[p["supplier"]]
        if side not in line.buyers:
            out.append((f"procure[{i}].supplier", f"{side} may not buy from {p['supplier']} (buyers: {', '.join(line.buyers)})"))
        recipient = p.get("for") or side
        if recipient == "russia" and side != "russia" or side == "russia" and recipient != "russia":
            out.append((f"procure[{i}].for", f"cannot deliver to {recipient}"))
    seen = set()
    for i, bid in enumerate(orders["build"]):
        b = rules.builds[bid]
        if side not in b.builders:
            out.append((f"build[{i}]", f"{side} may not build {bid} (builders: {', '.join(b.builders)})"))
        if b.expands and b.expands not in state.lines:
            out.append((f"build[{i}]", f"{bid} expands {b.expands}, which is not open"))
        if not b.expands and (bid in state.lines or bid in seen):
            out.append((f"build[{i}]", f"{bid} is already built or under way"))
        seen.add(bid)
    for i, pid in enumerate(orders.get("projects", [])):
        if pid in state.projects or orders["projects"].index(pid) != i:
            out.append((f"projects[{i}]", f"{pid} is already under way"))
    if side == "eu":
        low, high = budget_bounds(rules, state)
        share = orders.get("budget_share")
        if share is not None and not (low - 1e-12 <= share <= high + 1e-12):
            out.append(("budget_share", f"must be between {low:.4f} and {high:.4f} this turn, found {share}"))
        safe = rules.money.safe
        room = min(safe.max_draw_per_turn, safe.total - me.safe_drawn)
        if orders["safe_draw"] > room + 1e-9:
            out.append(("safe_draw", f"at most {room:,.0f} can be drawn this turn, found {orders['safe_draw']:,.0f}"))
        for item, qty in orders["transfer"].items():
            if qty > me.stocks.get(item, 0):
                out.append((f"transfer.{item}", f"only {me.stocks.get(item, 0):,} in stock, found {qty:,}"))
    drone = rules.roles.long_range_drone
    if side == "ukraine" and orders["deep_strikes"] > me.stocks.get(drone, 0):
        out.append(("deep_strikes", f"only {me.stocks.get(drone, 0):,} {drone} in stock, "
                                    f"found {orders['deep_strikes']:,}"))
    if side == "russia":
        s = orders["strikes"]
        for key, item in (("missiles", rules.roles.cruise_missile), ("drones", drone)):
            if s[key] > me.stocks.get(item, 0):
                out.append((f"strikes.{key}", f"only {me.stocks.get(item, 0):,} {item} in stock, found {s[key]:,}"))
    if not out:
        total, eligible = order_cost(rules, state, side, orders, turn_days)
        safe_avail = me.safe_funds + orders.get("safe_draw", 0)
        available = me.funds + min(safe_avail, eligible)
        if total > available + 1e-6:
            out.append(("", f"orders cost EUR {total:,.0f}m but only {available:,.0f}m is available"))
    return out


def us_left(rules, state):
    """What the US may still withdraw: ({area: share of its starting points not yet gone nor on its way
    out}, troops not yet gone nor on their way out)."""
    start = rules.start.us.points
    share = {a: (state.us.points.get(a, 0.0) / start[a] if start[a] else 0.0) for a in rules.areas}
    troops = state.us.troops
    for step in state.us.steps:
        if not step.done:
            troops -= step.troops
            for a, s in step.areas.items():
                share[a] = share.get(a, 0.0) - s
    return {a: max(0.0, s) for a, s in share.items()}, max(0, troops)


def us_problems(rules, scenario, state, orders):
    """A seated US's orders against the scenario's bounds (us.seat) and what the US still has."""
    seat = scenario.us.seat
    out = []
    if len(orders["steps"]) > seat.max_steps_per_turn:
        out.append(("steps", f"at most {seat.max_steps_per_turn} steps a turn in this scenario, found {len(orders['steps'])}"))
    left, troops_left = us_left(rules, state)
    troops = 0
    for i, step in enumerate(orders["steps"]):
        where = f"steps[{i}]"
        if not step["areas"] and not step["troops"]:
            out.append((where, "a step withdraws something: give areas or troops"))
        for area, share in step["areas"].items():
            if share <= 0:
                out.append((f"{where}.areas.{area}", f"a share above 0 of the area, found {share:g}: leave the area out"))
            elif area not in seat.areas:
                out.append((f"{where}.areas.{area}", f"the scenario does not let the US withdraw from {area} "
                                                     f"(allowed: {', '.join(seat.areas)})"))
            elif share > seat.max_share_per_step + 1e-12:
                out.append((f"{where}.areas.{area}", f"at most {seat.max_share_per_step:g} of an area in one step, found {share:g}"))
            elif share > left.get(area, 0.0) + 1e-9:
                out.append((f"{where}.areas.{area}", f"only {left.get(area, 0.0):.4g} of {area} is left to withdraw "
                                                     f"(after the steps already announced), found {share:g}"))
            else:
                left[area] -= share
        if step["announce_day"] >= scenario.turn_days:
            out.append((f"{where}.announce_day", f"a day of the turn, 0 to {scenario.turn_days - 1}, found {step['announce_day']}"))
        if not seat.notice_days_min <= step["notice_days"] <= seat.notice_days_max:
            out.append((f"{where}.notice_days", f"must be between {seat.notice_days_min} and {seat.notice_days_max} "
                                                f"days in this scenario, found {step['notice_days']}"))
        if step["handover"] > seat.handover_max + 1e-12:
            out.append((f"{where}.handover", f"at most {seat.handover_max:g} in this scenario, found {step['handover']:g}"))
        troops += step["troops"]
    if troops > seat.max_troops_per_turn:
        out.append(("steps", f"at most {seat.max_troops_per_turn:,} troops a turn in this scenario, found {troops:,}"))
    elif troops > troops_left:
        out.append(("steps", f"only {troops_left:,} US troops are left to withdraw (after the steps already "
                             f"announced), found {troops:,}"))
    for key in ("fms_pause_turns", "intel_pause_turns"):
        if orders[key] > seat.pause_turns_max:
            out.append((key, f"at most {seat.pause_turns_max} turns in this scenario, found {orders[key]}"))
    if not seat.aid_min - 1e-12 <= orders["aid_share"] <= seat.aid_max + 1e-12:
        out.append(("aid_share", f"must be between {seat.aid_min:g} and {seat.aid_max:g} in this scenario, "
                                 f"found {orders['aid_share']:g}"))
    return out


def default_aid_share(scenario, turn):
    """The aid share a US order gives when it names none: the scenario's aid row for the turn."""
    share = 0.0
    for row in scenario.us.aid:
        if turn >= row.from_turn:
            share = row.share
    return share


def check_us_orders(rules, scenario, state, orders):
    """Fill and validate a seated US's orders (state: the begun state of the coming turn); returns the
    filled orders or raises OrderError with every problem."""
    turn = state.turn + 1
    if scenario.us.seat is None:
        raise _refuse(US, turn, [("", f"the scenario {scenario.name} does not seat the US (its us: block has no seat)")])
    if orders is not None and not isinstance(orders, dict):
        raise _refuse(US, turn, [("", "expected a mapping of orders")])
    problems, filled = checked_and_filled(rules, state, US, orders)
    if problems:
        raise _refuse(US, turn, problems)
    if filled.get("side") not in (None, US):
        raise _refuse(US, turn, [("side", f"these are orders for {filled['side']}")])
    if filled.get("turn") not in (None, turn):
        raise _refuse(US, turn, [("turn", f"these are orders for turn {filled['turn']}")])
    if filled["aid_share"] is None:
        filled["aid_share"] = default_aid_share(scenario, turn)
    problems = us_problems(rules, scenario, state, filled)
    if problems:
        raise _refuse(US, turn, problems)
    filled["side"], filled["turn"] = US, turn
    for step in filled["steps"]:
        step["areas"] = dict(sorted(step["areas"].items()))
    return filled


def _refuse(side, turn, problems):
    """An OrderError listing every problem; .problems keeps the (path, message) pairs."""
    error = OrderError(side, turn, "orders", "; ".join(f"{p}: {m}" if p else m for p, m in problems))
    error.problems = problems
    return error


def check_orders(rules, state, side, orders, turn_days):
    """Fill and validate one side's orders; returns the filled orders or raises OrderError (all problems)."""
    turn = state.turn + 1
    if orders is not None and not isinstance(orders, dict):
        raise _refuse(side, turn, [("", "expected a mapping of orders")])
    problems, filled = checked_and_filled(rules, state, side, orders)
    if problems:
        raise _refuse(side, turn, problems)
    if filled.get("side") not in (None, side):
        raise _refuse(side, turn, [("side", f"these are orders for {filled['side']}")])
    if filled.get("turn") not in (None, turn):
        raise _refuse(side, turn, [("turn", f"these are orders for turn {filled['turn']}")])
    problems = state_problems(rules, state, side, filled, turn_days)
    if problems:
        raise _refuse(side, turn, problems)
    # an optional key left empty (budget_share: no change) is not recorded: null would not check again
    filled = {k: v for k, v in filled.items() if v is not None}
    filled["side"], filled["turn"] = side, turn
    # mappings in a fixed (sorted) order, as a replay stores them, so a re-played turn runs the same way
    for key in ("transfer", "requests"):
        if key in filled:
            filled[key] = dict(sorted(filled[key].items()))
    for p in filled["procure"]:
        p["for"] = p.get("for") or side
    return filled
