"""Hypothesis strategies: seeds, scenarios, bot policies and random orders a side may give."""

from hypothesis import strategies as st

from wargame.controllers.bots import policy_names
from wargame.model import SIDES
from wargame.orders import budget_bounds

SCENARIOS = ("chaotic", "coordinated", "us-stays")

seeds = st.integers(min_value=0, max_value=2**32 - 1)
scenarios = st.sampled_from(SCENARIOS)


def bot_policies(rules):
    """A bot policy name for every side."""
    return st.fixed_dictionaries({side: st.sampled_from(policy_names(rules, side)) for side in SIDES})


def _procure(state, side):
    lines = sorted(lid for lid, line in state.lines.items() if side in line.buyers)
    recipients = ["russia"] if side == "russia" else [side, "ukraine"] if side == "eu" else [side]

    def one(lid):
        line = state.lines[lid]
        qty = st.integers(min_value=1, max_value=max(1, min(500, int(50 / line.unit_cost))))
        return st.fixed_dictionaries({"supplier": st.just(lid), "qty": qty},
                                     optional={"for": st.sampled_from(recipients)})

    return st.lists(st.sampled_from(lines).flatmap(one), max_size=4) if lines else st.just([])


def _builds(rules, state, side):
    started = {bid for s, bid in state.started}
    ok = sorted(bid for bid, b in rules.builds.items() if side in b.builders
                and (b.expands or (bid not in state.lines and bid not in started)))
    return st.lists(st.sampled_from(ok), max_size=1, unique=True) if ok else st.just([])


def _share(low, high):
    return st.floats(min_value=low, max_value=high, allow_nan=False).map(lambda x: round(x, 6)).filter(
        lambda x: low <= x <= high)


def orders_for(rules, state, side):
    """Random orders for side at the start of a turn (state after begin): mostly valid, some too dear."""
    me = state.sides[side]
    common = {"procure": _procure(state, side), "build": _builds(rules, state, side)}
    optional = {"rationale": st.text(max_size=20)}
    if side == "eu":
        low, high = budget_bounds(rules, state)
        safe = rules.money.safe
        room = max(0.0, min(safe.max_draw_per_turn, safe.total - me.safe_drawn))
        in_stock = sorted(i for i, q in me.stocks.items() if q > 0)
        optional |= {
            "budget_share": _share(low, high),
            "safe_draw": st.floats(min_value=0, max_value=room, allow_nan=False),
            "fund_ukraine": st.floats(min_value=0, max_value=max(0.0, min(200.0, me.funds / 4)), allow_nan=False),
            "decision": st.sampled_from(["consensus", "coalition"]),
            "projects": st.lists(st.sampled_from(sorted(p for p in rules.projects if p not in state.projects) or [""]),
                                 max_size=1, unique=True).map(lambda ps: [p for p in ps if p]),
            "transfer": (st.dictionaries(st.sampled_from(in_stock), st.integers(1, 1000), max_size=2).map(
                lambda d: {i: min(q, me.stocks[i]) for i, q in d.items()}) if in_stock else st.just({})),
        }
    elif side == "ukraine":
        optional |= {
            "front_share": st.floats(0, 1),
            "air_defence": st.sampled_from(["industry", "cities", "front"]),
            "requests": st.dictionaries(st.sampled_from(sorted(rules.items)), st.integers(1, 10**6), max_size=2),
        }
    else:
        optional |= {
            "pressure": st.sampled_from(["low", "medium", "high"]),
            "strikes": st.fixed_dictionaries({
                "missiles": st.integers(0, me.stocks.get("cruise_missile", 0)),
                "drones": st.integers(0, me.stocks.get("long_range_drone", 0)),
                "target": st.sampled_from(["industry", "energy"])}),
            "flank_reserve": st.floats(0, 1),
            "probing": st.sampled_from(["none", "low", "high"]),
        }
    return st.fixed_dictionaries(common, optional=optional)


# --- numbers across a whole schema range, with its edges and just past them (issue 13) ---------------

def edge_numbers(low, high, integer=False):
    """Numbers from low to high, the edges themselves, and the attacks just outside: one past each edge,
    near 1e308, hundreds of digits, nan and inf. Whatever validate accepts of these, play must run."""
    inside = st.integers(low, high) if integer else st.floats(low, high, allow_nan=False, allow_infinity=False)
    edges = [low, high, low - 1, high + 1, 1e300, -1e300, 10**400, -(10**400), 1.7e308]
    if not integer:
        edges += [float("nan"), float("inf"), float("-inf"), high + 1e-6]
    return st.one_of(inside, inside, inside, st.sampled_from(edges))  # mostly inside, so many games are played


def edge_orders(side):
    """An orders file's mapping for side with its numbers anywhere in (and just outside) their ranges."""
    from wargame.schema import MAX_EUR_M, MAX_UNITS
    units, count, eur = edge_numbers(1, MAX_UNITS, True), edge_numbers(0, MAX_UNITS, True), edge_numbers(0, MAX_EUR_M)
    lines = {"eu": ["eu_shells", "eu_interceptors", "ua_shells"], "ukraine": ["ua_shells", "ua_fpv"],
             "russia": ["ru_shells"]}[side]
    procure = st.lists(st.fixed_dictionaries({"supplier": st.sampled_from(lines), "qty": units}), max_size=2)
    common = {"procure": procure}
    extra = {
        "eu": {"safe_draw": eur, "fund_ukraine": eur, "transfer": st.dictionaries(st.just("shell"), units, max_size=1),
               "projects": st.lists(st.sampled_from(["enablers_phase1", "tanker_airlift_pool"]), max_size=1)},
        "ukraine": {"deep_strikes": count, "requests": st.dictionaries(st.just("shell"), units, max_size=1)},
        "russia": {"strikes": st.fixed_dictionaries({}, optional={"missiles": count, "drones": count})},
    }[side]
    return st.fixed_dictionaries({"side": st.just(side)}, optional=common | extra)


def edge_injects():
    """An injects file's mapping: one or two injects with every number at or near its edges, and the
    effects (ground, a crisis, a postponed decision) over their whole range under the shipped rules'
    limits and just past them; ids among the rules' and one that is not."""
    from wargame.rules import RULES_DIR, load_rules
    from wargame.schema import MAX_EUR_M, MAX_UNITS
    rules = load_rules(RULES_DIR)
    limits = rules.adjudication.injects
    decisions = sorted(k for table in (rules.builds, rules.projects) for k, s in table.items() if s.eu_level)
    not_eu_level = sorted(k for k, s in rules.builds.items() if not s.eu_level)[:1]
    inject = st.fixed_dictionaries({"turn": st.sampled_from([1, 2]), "text": st.just("edge")}, optional={
        "day": edge_numbers(0, 90, True),
        "cohesion": edge_numbers(-1, 1), "support": edge_numbers(-1, 1),
        "funds": st.dictionaries(st.sampled_from(SIDES), edge_numbers(-MAX_EUR_M, MAX_EUR_M), max_size=2),
        "stocks": st.dictionaries(st.sampled_from(SIDES), st.dictionaries(
            st.sampled_from(["shell", "interceptor"]), edge_numbers(-MAX_UNITS, MAX_UNITS, True), max_size=2), max_size=2),
        "us_step": st.fixed_dictionaries({}, optional={"troops": edge_numbers(0, MAX_UNITS, True),
                                                       "notice_days": edge_numbers(0, 3650, True),
                                                       "areas": st.dictionaries(st.just("air_missile_defence"),
                                                                                edge_numbers(0, 1), max_size=1)}),
        "front_km2": edge_numbers(-limits.front_km2, limits.front_km2),
        "crisis": st.sampled_from(sorted(rules.deterrence.crisis_kinds) + ["no_such_crisis"]),
        "delay": st.fixed_dictionaries({"decision": st.sampled_from(decisions + not_eu_level),
                                        "days": edge_numbers(1, limits.delay_days, True)}),
    })
    return st.fixed_dictionaries({"injects": st.lists(inject, min_size=1, max_size=2)})
