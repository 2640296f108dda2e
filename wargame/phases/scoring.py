"""The turn's metrics: the numbers a debrief charts and objectives refer to (their names: wargame.vocab)."""

from wargame.rules import ARMOUR_ROLES
from wargame.vocab import SIDES, stored_lines


def item_flows(lines, delivered, received):
    """The turn's units by side and item: made (by the side's own lines, refurbishment included),
    received (delivered to a side by others' lines, plus aid and transfers) and refurbished (by
    lines working from stored feedstock, keyed (owner, item)).

    lines: line id -> spec (owner, item, feedstock); delivered: {(line id, recipient): units};
    received: {(side, item): units} that came outside the lines (aid, transfers)."""
    made = {s: {} for s in SIDES}
    got = {s: {} for s in SIDES}
    refurbished = {}
    for (lid, recipient), n in sorted(delivered.items()):
        spec = lines[lid]
        if spec.owner in made:
            made[spec.owner][spec.item] = made[spec.owner].get(spec.item, 0) + n
            if spec.feedstock:
                key = (spec.owner, spec.item)
                refurbished[key] = refurbished.get(key, 0) + n
        if recipient != spec.owner and recipient in got:
            got[recipient][spec.item] = got[recipient].get(spec.item, 0) + n
    for (side, item), n in sorted(received.items()):
        got[side][item] = got[side].get(item, 0) + n
    return {"made": made, "received": got, "refurbished": refurbished}


def turn_metrics(rules, state, cov, this_turn):
    """The numbers a debrief charts, flat and named `group.metric` (objectives refer to these)."""
    eu, ua, ru = state.sides["eu"], state.sides["ukraine"], state.sides["russia"]
    areas = list(rules.areas)
    roles = rules.roles
    m = {
        "eu.coverage_with_us_mean": sum(cov[a]["with_us"] for a in areas) / len(areas),
        "eu.coverage_without_us_mean": sum(cov[a]["without_us"] for a in areas) / len(areas),
        "eu.coverage_without_us_min": min(cov[a]["without_us"] for a in areas),
        "eu.us_gap_mean": sum(cov[a]["us_gap"] for a in areas) / len(areas),
        "eu.funds": eu.funds + eu.safe_funds, "eu.spent": eu.spent, "eu.spent_turn": this_turn["spent"]["eu"],
        "eu.debt": eu.debt, "eu.budget_share": eu.budget_share,
        "ukraine.funds": ua.funds, "ukraine.troops": ua.troops, "ukraine.production": state.ukraine_production,
        "ukraine.production_turn": this_turn["ukraine_production"],
        "ukraine.shells": ua.stocks[roles.shell], "ukraine.interceptors": ua.stocks[roles.interceptor],
        "russia.funds": ru.funds, "russia.troops": ru.troops, "russia.armour": sum(ru.stocks[getattr(roles, r)] for r in ARMOUR_ROLES),
        "russia.tanks": ru.stocks[roles.tank], "russia.armoured_vehicles": ru.stocks[roles.armoured_vehicle],
        "russia.shells": ru.stocks[roles.shell],
        "front.ground_km2": state.ground_km2, "front.change_km2": this_turn["ground_change_km2"],
        "strikes.hits": state.strike_hits, "strikes.hits_turn": this_turn["strike_hits"],
        "strikes.deep_hits": state.deep_hits, "russia.revenue_lost": state.revenue_lost,
        "strikes.energy_damage": state.energy_damage,
        "strikes.industry_damage_max": max([l.damage for l in state.lines.values() if l.site == "ukraine"] or [0.0]),
        "flank.ratio": state.flank_ratio, "flank.crisis_probability": this_turn["crisis_probability"],
        "flank.crises": state.crises, "us.troops": state.us.troops,
        "us.points": sum(state.us.points.values()),
        "politics.cohesion": state.cohesion, "politics.support": state.support,
    }
    flows = this_turn.get("flows") or {"made": {}, "received": {}, "refurbished": {}}
    by_item, stored, by_area = _names(rules)
    for side, names in by_item:
        stocks = state.sides[side].stocks
        made, got = flows["made"].get(side, {}), flows["received"].get(side, {})
        for item, made_name, received_name, stock_name in names:
            m[made_name] = made.get(item, 0)
            m[received_name] = got.get(item, 0)
            m[stock_name] = stocks.get(item, 0)
    for owner, item, feedstock, refurbished_name, storage_name in stored:
        m[refurbished_name] = flows["refurbished"].get((owner, item), 0)
        m[storage_name] = state.sides[owner].stocks.get(feedstock, 0)
    for a, with_name, without_name, gap_name in by_area:
        m[with_name] = cov[a]["with_us"]
        m[without_name] = cov[a]["without_us"]
        m[gap_name] = cov[a]["us_gap"]
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in m.items()}


def _names(rules):
    """The per-side, per-item and per-area metric names of these rules, in the order the metrics list
    them: worked out once for the rules of the last game scored (every turn asks)."""
    last = _LAST_NAMES[0]
    if last is not None and last[0] is rules:
        return last[1]
    by_item = tuple((side, tuple((item, f"made.{side}.{item}", f"received.{side}.{item}", f"stock.{side}.{item}")
                                 for item in rules.items)) for side in SIDES)
    stored = tuple((owner, item, feedstock, f"refurbished.{owner}.{item}", f"storage.{owner}.{item}")
                   for owner, item, feedstock in stored_lines(rules.suppliers))
    by_area = tuple((a, f"coverage.{a}.with_us", f"coverage.{a}.without_us", f"coverage.{a}.us_gap")
                    for a in rules.areas)
    names = (by_item, stored, by_area)
    _LAST_NAMES[0] = (rules, names)
    return names


_LAST_NAMES = [None]  # (rules, _names(rules)) of the last rules scored

