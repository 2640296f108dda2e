"""The rulings: pure functions of rules, state values and rolls. No I/O, no SimPy, no randomness.

Each ruling returns its result and a `rationale` dict: the inputs, the table row used, the
probability and the roll, so that "why did this happen?" has an answer on screen and in the replay.
"""

import attrs

from wargame.model import SIDES
from wargame.rules import ARMOUR_ROLES, PLATFORM_ROLES


def band_for(bands, key, value):
    """The index and row of the last band whose `key` is at or below value (bands rise from 0)."""
    index = 0
    for i, row in enumerate(bands):
        if value >= getattr(row, key):
            index = i
    return index, bands[index]


def interpolated_band(bands, ratio):
    """The front's band row at `ratio`, read in a straight line between the two rows around it
    (so that a small change in power gives a small change on the ground). Returns (index, row)."""
    index, row = band_for(bands, "min_ratio", ratio)
    if index + 1 >= len(bands):
        return index, row
    upper = bands[index + 1]
    share = (ratio - row.min_ratio) / (upper.min_ratio - row.min_ratio)
    mixed = {k: getattr(row, k) + (getattr(upper, k) - getattr(row, k)) * share for k in ("km2_per_day", "ru_loss", "ua_loss")}
    return index, attrs.evolve(row, **mixed, min_ratio=ratio)


def between(low, high, roll):
    """Scale a roll in [0, 1) onto [low, high)."""
    return low + (high - low) * roll


# --- capability coverage -------------------------------------------------------------------

def eu_points(rules, stocks, extra):
    """Europe's capability points per area from its holdings plus programme points."""
    points = {area: extra.get(area, 0.0) for area in rules.areas}
    for item, qty in stocks.items():
        spec = rules.items[item]
        area = spec.area
        if area and qty:
            points[area] += qty * spec.points
    return points


def coverage(rules, eu, us_points, us_start_points):
    """Per area: coverage with and without the US, and the gap the US left (all shares of need, 0..1)."""
    out = {}
    for area, spec in rules.areas.items():
        need = spec.requirement
        own = eu[area]
        with_us = min(1.0, (own + us_points.get(area, 0.0)) / need)
        before = min(1.0, (own + us_start_points.get(area, 0.0)) / need)
        out[area] = {
            "with_us": with_us,
            "without_us": min(1.0, own / need),
            "us_gap": max(0.0, before - with_us),
        }
    return out


def readiness(rules, cov, us_troops):
    """Europe's readiness index: weighted coverage with the US, plus US troops (0..~1.2)."""
    det = rules.deterrence
    total_weight = sum(a.weight for a in rules.areas.values())
    index = sum(rules.areas[a].weight * cov[a]["with_us"] for a in rules.areas) / total_weight
    return index + det.us_troop_weight * us_troops / det.us_troop_reference


# --- the front ------------------------------------------------------------------------------

def front_step(rules, days, ru, ua, intel, air_cover, roll):
    """One front step of `days`. ru/ua: dicts of stocks on hand by role, troops, pressure, front_share.

    Returns (result, rationale). result has the shells and drones each side fired, ground gained
    by Russia (km2, negative when Ukraine gains) and losses of troops and of each platform (guns,
    tanks, other armoured vehicles: `ru_tank_lost`, ...).
    """
    front = rules.front
    row = front.russia.pressure[ru["pressure"]]
    uf = front.ukraine
    w = front.weights

    # what each side's troops need: the rules' figures are for a force of reference_troops, and a larger
    # force needs more guns, vehicles, shells and drones in proportion (a force short of them adds less)
    ru_scale = max(ru["troops"], 1) / front.russia.reference_troops
    ua_scale = max(ua["troops"], 1) / uf.reference_troops
    # platforms at the front: Russia's armour less the share held back facing NATO (flank_reserve)
    ru_fielded = {r: ru[r] * ((1.0 - ru["flank_reserve"]) if r in ARMOUR_ROLES else 1.0) for r in PLATFORM_ROLES}
    ru_cover = {r: min(1.0, ru_fielded[r] / (getattr(front.russia.need, r) * ru_scale)) for r in PLATFORM_ROLES}
    ua_cover = {r: min(1.0, ua[r] / (getattr(uf.need, r) * ua_scale)) for r in PLATFORM_ROLES}

    ru_shell_need = row.shells_per_day * days * ru_scale
    ru_fpv_need = row.fpv_per_day * days * ru_scale
    ru_shells = min(ru["shell"], ru_shell_need)
    ru_fpv = min(ru["fpv_drone"], ru_fpv_need)
    ru_suff = (w["shell"] * ru_shells / ru_shell_need + w["fpv_drone"] * ru_fpv / ru_fpv_need
               + sum(w[r] * ru_cover[r] for r in PLATFORM_ROLES))
    ru_power = ru["troops"] / 1000 * ru_suff * row.attack  # power per thousand troops (front.yaml)

    ua_shell_need = uf.shells_per_day * days * ua_scale
    ua_fpv_need = uf.fpv_per_day * days * ua_scale
    ua_shells = min(int(ua["shell"] * ua["front_share"]), ua_shell_need)
    ua_fpv = min(int(ua["fpv_drone"] * ua["front_share"]), ua_fpv_need)
    ua_suff = (w["shell"] * ua_shells / ua_shell_need + w["fpv_drone"] * ua_fpv / ua_fpv_need
               + sum(w[r] * ua_cover[r] for r in PLATFORM_ROLES))
    modifier = (front.intel_bonus if intel else 1.0) * (1.0 + front.air_cover_bonus * air_cover)
    ua_power = ua["troops"] / 1000 * ua_suff * modifier

    ratio = ru_power / ua_power if ua_power > 0 else front.ratio_when_unopposed
    index, band = interpolated_band(front.bands, ratio)
    factor = between(front.roll_low, front.roll_high, roll)
    km2 = band.km2_per_day * days * factor

    result = {
        "ru_shells": int(ru_shells), "ru_fpv": int(ru_fpv), "ua_shells": int(ua_shells), "ua_fpv": int(ua_fpv),
        "km2": km2,
        "ru_troops_lost": int(row.losses_per_day * days * band.ru_loss),
        "ua_troops_lost": int(uf.losses_per_day * days * band.ua_loss),
        "ru_recruits": int(front.russia.recruits_per_day * days),
        "ua_recruits": int(uf.recruits_per_day * days),
    }
    for r in PLATFORM_ROLES:
        # armour is lost in proportion to what is fielded, up to the need: a side short of vehicles loses
        # fewer; guns are lost at the row's rate while any are held
        ru_share, ua_share = (ru_cover[r], ua_cover[r]) if r in ARMOUR_ROLES else (1.0, 1.0)
        result[f"ru_{r}_lost"] = int(getattr(row, f"{r}_losses_per_day") * days * band.ru_loss * ru_share)
        result[f"ua_{r}_lost"] = int(getattr(uf, f"{r}_losses_per_day") * days * band.ua_loss * ua_share)
    rationale = {
        "rule": f"front.bands[{index}]", "ru_power": ru_power, "ua_power": ua_power, "ratio": ratio,
        "band_km2_per_day": band.km2_per_day, "roll": roll, "factor": factor,
        "text": (f"power Russia {ru_power:.0f} vs Ukraine {ua_power:.0f} (ratio {ratio:.2f}, bands {index}-{index + 1}: "
                 f"{band.km2_per_day:+.1f} km2/day); roll {roll:.2f} -> x{factor:.2f}: {km2:+.0f} km2"),
    }
    return result, rationale


# --- strikes ---------------------------------------------------------------------------------

def strike_wave(rules, missiles, drones, target, interceptors, batteries, priority, intel, roll):
    """One wave of Russian strikes against Ukrainian air defence.

    Returns (result, rationale): interceptors used, missiles and drones that got through.
    """
    s = rules.strikes
    share = s.priority_share[priority][target]
    allotted = int(interceptors * share)
    wanted = missiles * s.interceptors_per_missile
    used = min(allotted, wanted)
    availability = used / wanted if wanted else 1.0
    battery_cover = min(1.0, batteries / s.batteries_needed)
    bonus = s.intel_warning_bonus if intel else 0.0
    floor = s.missile_intercept_without_interceptors
    p_missile = min(1.0, floor + (s.missile_intercept - floor) * availability * battery_cover + bonus)
    p_drone = min(1.0, s.drone_intercept + bonus)
    factor = between(s.leak_roll_low, s.leak_roll_high, roll)
    missiles_through = min(missiles, int(round(missiles * (1.0 - p_missile) * factor)))
    drones_through = min(drones, int(round(drones * (1.0 - p_drone) * factor)))
    result = {"interceptors_used": used, "missiles_through": missiles_through, "drones_through": drones_through}
    rationale = {
        "rule": "strikes", "p_missile": p_missile, "p_drone": p_drone, "roll": roll, "factor": factor,
        "text": (f"{missiles:,} missiles, {drones:,} drones at {target}; intercept chance missiles {p_missile:.2f} "
                 f"({used:,} interceptors), drones {p_drone:.2f}; roll {roll:.2f} -> leak x{factor:.2f}: "
                 f"{missiles_through:,} missiles and {drones_through:,} drones got through"),
    }
    return result, rationale


def deep_strike(rules, drones, roll):
    """One wave of Ukrainian long-range drones against Russian industry: (result, rationale)."""
    spec = rules.strikes.deep_strikes
    factor = between(spec.leak_roll_low, spec.leak_roll_high, roll)
    hits = min(drones, int(round(drones * (1.0 - spec.intercept) * factor)))
    loss = hits * spec.revenue_loss_per_hit
    text = (f"{drones:,} drones launched; intercept chance {spec.intercept:.2f}, roll {roll:.2f} -> leak "
            f"x{factor:.2f}: {hits:,} hit refineries and plants")
    return {"hits": hits, "revenue_loss": loss}, {"rule": "strikes.deep_strikes", "text": text}


def strike_damage(rules, missiles_through, drones_through, energy):
    """Damage share (0..1) that leakers do to one plant, or to the grid when energy is True."""
    s = rules.strikes
    if energy:
        return missiles_through * s.energy_damage_per_missile + drones_through * s.energy_damage_per_drone
    return missiles_through * s.damage_per_missile + drones_through * s.damage_per_drone


def pick_weighted(weights, roll):
    """The key whose cumulative weight first passes roll x total (weights: ordered (key, w) pairs)."""
    total = sum(w for _, w in weights)
    mark = roll * total
    acc = 0.0
    for key, w in weights:
        acc += w
        if mark < acc:
            return key
    return weights[-1][0]


def decayed(value, since_day, day, rate, floor=0.0):
    """A damage share that heals by `rate` per day since since_day."""
    return max(floor, value - rate * max(0, day - since_day))


# --- EU politics -----------------------------------------------------------------------------

def veto_probability(rules, cohesion):
    """The chance a consensus decision is vetoed at this cohesion, and the table row used."""
    index, row = band_for(rules.politics.veto_bands, "min_cohesion", cohesion)
    return row.veto_probability, f"politics.veto_bands[{index}]"


def politics_update(rules, cohesion, support, shocks, budget_share, ground_change_km2):
    """Cohesion and support after a turn: drift back toward the start values, then this turn's effects.

    shocks: list of (cohesion delta, support delta). Returns (cohesion, support, rationale).
    """
    p = rules.politics
    c = cohesion + p.reversion * (p.cohesion_start - cohesion)
    s = support + p.reversion * (p.support_start - support)
    dc = sum(d[0] for d in shocks)
    ds = sum(d[1] for d in shocks)
    above = max(0.0, budget_share - p.spending_comfort_share) * 100  # in percentage points of GDP
    ds += above * p.support_per_point_above
    ds += max(0.0, ground_change_km2) / 1000 * p.ground_support_per_1000km2
    c = min(1.0, max(0.0, c + dc))
    s = min(1.0, max(0.0, s + ds))
    return c, s, {"cohesion_delta": dc, "support_delta": ds, "spending_points_above": above}


# --- the eastern flank -----------------------------------------------------------------------

def russian_force(rules, stocks, flank_reserve):
    """Russia's usable force against NATO: weighted stocks, armour (tanks and other armoured vehicles)
    only the share held back."""
    det = rules.deterrence
    armour = {getattr(rules.roles, r) for r in ARMOUR_ROLES}
    force = 0.0
    for item, weight in det.force_weights.items():
        qty = stocks.get(item, 0)
        if item in armour:
            qty *= flank_reserve
        force += weight * qty
    return force / det.reference_force


def crisis_probability(rules, ratio, weak_turns, probing):
    """This turn's crisis chance: the ratio's band, plus sustained weakness, plus probing."""
    det = rules.deterrence
    index, band = band_for(det.bands, "min_ratio", ratio)
    sustained = min(det.sustained_max, det.sustained_step * weak_turns)
    p = min(1.0, band.crisis_probability + sustained + det.probing[probing].probability)
    return p, f"deterrence.bands[{index}]", sustained


# --- objectives -------------------------------------------------------------------------------

def score(rules, metrics):
    """Each side's objectives against the final metrics: (total, rows)."""
    out = {}
    for side in SIDES:
        objectives = getattr(rules.objectives, side)
        rows, total = [], 0
        for obj in objectives:
            value = metrics.get(obj.metric)
            met = value is not None and (value >= obj.target if obj.op == ">=" else value <= obj.target)
            points = obj.points if met else 0
            total += points
            rows.append({"id": obj.id, "text": obj.text, "metric": obj.metric, "value": value,
                         "op": obj.op, "target": obj.target, "met": met, "points": points})
        out[side] = {"score": total, "max": sum(o.points for o in objectives), "objectives": rows}
    return out
