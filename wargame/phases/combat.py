"""Fighting in a turn: the front in Ukraine step by step, Russian strike waves on Ukrainian industry
and the grid, Ukrainian deep strikes on Russian refineries. The formulas are in adjudicate.py;
these rulings turn them into changes of stocks, troops, damage and money."""

from wargame import adjudicate as adj
from wargame.phases.change import Change, LineChange, event
from wargame.rules import FRONT_ROLES, PLATFORM_ROLES


def step_lengths(turn_days, step_days):
    """Whole front steps of about step_days: a 91-day turn is 30 + 30 + 31 days, not 30 + 30 + 30 + 1."""
    count = max(1, round(turn_days / step_days))
    return [turn_days // count + (1 if i < turn_days % count else 0) for i in range(count)]




def front(rules, days, stocks, troops, ru_orders, ua_orders, intel, roll):
    """One front step of `days`: ammunition fired, losses, recruits and ground.

    stocks, troops: each side's now; returns (Change, rationale) with the rule row and text."""
    roles = rules.roles
    shell, fpv = roles.shell, roles.fpv_drone
    ru_s, ua_s = stocks["russia"], stocks["ukraine"]
    priority = ua_orders.get("air_defence", "industry")
    ru = {r: ru_s[getattr(roles, r)] for r in FRONT_ROLES}
    ru.update(troops=troops["russia"], pressure=ru_orders.get("pressure", "medium"),
              flank_reserve=ru_orders.get("flank_reserve", 0.0))
    ua = {r: ua_s[getattr(roles, r)] for r in FRONT_ROLES}
    ua.update(troops=troops["ukraine"], front_share=ua_orders.get("front_share", 1.0))
    air_cover = (rules.strikes.priority_share[priority]["front"]
                 * min(1.0, ua_s[roles.sam_battery] / rules.strikes.batteries_needed))
    res, why = adj.front_step(rules, days, ru, ua, intel, air_cover, roll)
    stock_deltas = [("russia", shell, -res["ru_shells"]), ("russia", fpv, -res["ru_fpv"]),
                    ("ukraine", shell, -res["ua_shells"]), ("ukraine", fpv, -res["ua_fpv"])]
    troop_deltas = []
    for side, s, key in (("russia", ru_s, "ru"), ("ukraine", ua_s, "ua")):
        for role in PLATFORM_ROLES:
            item = getattr(roles, role)
            stock_deltas.append((side, item, max(0, s[item] - res[f"{key}_{role}_lost"]) - s[item]))
        t = troops[side]
        troop_deltas.append((side, max(0, t - res[f"{key}_troops_lost"] + res[f"{key}_recruits"]) - t))
    gain = "Russia gains" if res["km2"] >= 0 else "Ukraine regains"
    # the public line gives the ground; both sides' combat power is control's alone (front_detail)
    news = (event(None, "front", None, f"Front: {gain} {abs(res['km2']):,.0f} km2 over {days} days"),
            event(None, "front_detail", None, f"Front, {days} days: {why['text']}"))
    return Change(stocks=tuple(stock_deltas), troops=tuple(troop_deltas), tally=(("ground", res["km2"]),),
                  events=news), why


def wave_day(day0, turn_days, roll):
    """The day of a strike wave, from its roll."""
    return day0 + int(roll * turn_days)


def share_of(total, waves, i):
    """Wave i's part of total spread over waves (the first waves take the remainder)."""
    return total // waves + (1 if i < total % waves else 0)


def deep_strike(rules, i, drones, russia_funds, day, roll):
    """Ukrainian deep strike wave i of `drones` long-range drones: the hits' cost is taken from
    Russia's next turn's budget (money.income; russia_funds is no cap). Returns (Change, rationale)."""
    res, why = adj.deep_strike(rules, drones, roll)
    loss = res["revenue_loss"]
    name = f"Ukrainian deep strike wave {i + 1}"
    # public: the hits; Ukraine's own: what it launched and the odds; Russia's own: what it will cost
    news = (event(day, "strike", None, f"{name}: {res['hits']:,} hits on refineries and plants"),
            event(day, "strike_detail", "ukraine", f"{name}: {why['text']}"),
            event(day, "strike_loss", "russia", f"{name}: damage worth EUR {loss:,.0f}m, "
                  "taken from next turn's budget"))
    return Change(stocks=(("ukraine", rules.roles.long_range_drone, -drones),),
                  tally=(("deep_hits", res["hits"]), ("revenue_lost", loss)),
                  events=news), why


def strike_wave(rules, missiles, drones, target, ua_stocks, priority, intel, roll):
    """A Russian strike wave against Ukrainian air defence: interceptors used and leakers.

    Returns (Change, result, rationale); the damage leakers do is grid_hit's or plant_hit's."""
    interceptor = rules.roles.interceptor
    res, why = adj.strike_wave(rules, missiles, drones, target, ua_stocks[interceptor], ua_stocks[rules.roles.sam_battery],
                               priority, intel, roll)
    hits = res["missiles_through"] + res["drones_through"]
    return Change(stocks=(("ukraine", interceptor, -res["interceptors_used"]),), tally=(("hits", hits),)), res, why


def strike_report(i, target, missiles, drones, res, why, damage_text, day):
    """A strike wave's events: the public line (launched, got through, damage) and Ukraine's own
    (its interceptors and the intercept chances)."""
    name = f"Strike wave {i + 1}"
    public = (f"{name} on {target}: {res['missiles_through']:,} of {missiles:,} missiles and "
              f"{res['drones_through']:,} of {drones:,} drones got through{damage_text}")
    own = (f"{name}: intercept chance missiles {why['p_missile']:.2f} ({res['interceptors_used']:,} interceptors "
           f"used), drones {why['p_drone']:.2f}; roll {why['roll']:.2f} -> leak x{why['factor']:.2f}")
    return Change(events=(event(day, "strike", None, public), event(day, "strike_detail", "ukraine", own)))


def grid_hit(rules, res, energy_damage, energy_day, day):
    """Leakers at the grid: its damage grows (after healing since it was last set), up to the cap."""
    s = rules.strikes
    damage = adj.strike_damage(rules, res["missiles_through"], res["drones_through"], True)
    now_damage = adj.decayed(energy_damage, energy_day, day, s.energy_recovery_per_day)
    new = min(s.max_energy_damage, now_damage + damage)
    return Change(energy=(new, day)), f"; grid damage now {new:.0%}"


def plants_in_reach(lines, day):
    """Ukrainian plants producing on `day`, weighted by the value of their output: (line id, weight)."""
    return [(lid, line.rate_at(day) * line.spec.unit_cost) for lid, line in lines.items()
            if line.spec.site == "ukraine" and line.rate_at(day) > 0]


def plant_hit(rules, res, line, day):
    """Leakers at one plant: its damage grows (after repairs since it was last set), up to the cap."""
    s = rules.strikes
    damage = adj.strike_damage(rules, res["missiles_through"], res["drones_through"], False)
    now_damage = adj.decayed(line.damage, line.damage_day, day, s.repair_per_day)
    new = min(s.max_damage, now_damage + damage)
    return (Change(lines=(LineChange(line.spec.id, damage=(new, day)),)),
            f"{line.spec.name} hit: output -{new:.0%} until repaired", f"; {line.spec.name} hit, output down {new:.0%}")
