"""Fighting inside a turn: the front in Ukraine in steps, Russian strike waves on Ukrainian industry
and energy, Ukrainian deep strikes on Russian refineries. The rulings are in adjudicate.py."""

from wargame import adjudicate as adj


# --- the front -----------------------------------------------------------------------------------

def front(t):
    """The front, adjudicated in whole steps of about front.step_days."""
    env, rules = t.env, t.rules
    roles = rules.roles
    step = rules.front.step_days
    ua_orders = t.orders.get("ukraine") or {}
    ru_orders = t.orders.get("russia") or {}
    pressure = ru_orders.get("pressure", "medium")
    front_share = ua_orders.get("front_share", 1.0)
    priority = ua_orders.get("air_defence", "industry")
    flank_reserve = ru_orders.get("flank_reserve", 0.0)
    # whole steps of about step_days: a 91-day turn is 30 + 30 + 31 days, not 30 + 30 + 30 + 1
    count = max(1, round(t.scenario.turn_days / step))
    lengths = [t.scenario.turn_days // count + (1 if i < t.scenario.turn_days % count else 0) for i in range(count)]
    for days in lengths:
        yield env.timeout(days)
        now = int(env.now)
        ru_s, ua_s = t.stocks["russia"], t.stocks["ukraine"]
        # the front formula's inputs, keyed by role (front.weights names roles)
        ru = {"shell": ru_s[roles.shell], "fpv_drone": ru_s[roles.fpv_drone], "howitzer": ru_s[roles.howitzer],
              "armour": ru_s[roles.armour], "troops": t.troops["russia"], "pressure": pressure, "flank_reserve": flank_reserve}
        ua = {"shell": ua_s[roles.shell], "fpv_drone": ua_s[roles.fpv_drone], "howitzer": ua_s[roles.howitzer],
              "armour": ua_s[roles.armour], "troops": t.troops["ukraine"], "front_share": front_share}
        air_cover = (rules.strikes.priority_share[priority]["front"]
                     * min(1.0, ua_s[roles.sam_battery] / rules.strikes.batteries_needed))
        roll, rec = t.dice.roll(min(now, t.day_end - 1), "front: ground", "front.bands")
        res, why = adj.front_step(rules, days, ru, ua, t.intel_active(now), air_cover, roll)
        rec.update(rule=why["rule"], result=why["text"])
        ru_s[roles.shell] -= res["ru_shells"]
        ru_s[roles.fpv_drone] -= res["ru_fpv"]
        ua_s[roles.shell] -= res["ua_shells"]
        ua_s[roles.fpv_drone] -= res["ua_fpv"]
        for side, s, key in (("russia", ru_s, "ru"), ("ukraine", ua_s, "ua")):
            s[roles.armour] = max(0, s[roles.armour] - res[f"{key}_armour_lost"])
            s[roles.howitzer] = max(0, s[roles.howitzer] - res[f"{key}_howitzers_lost"])
            t.troops[side] = max(0, t.troops[side] - res[f"{key}_troops_lost"] + res[f"{key}_recruits"])
        t.ground += res["km2"]
        gain = "Russia gains" if res["km2"] >= 0 else "Ukraine regains"
        t.log("front", None, f"Front: {gain} {abs(res['km2']):,.0f} km2 over {days} days; {why['text']}", public=True)
        t.front_log.append({"day": now, **res, "ratio": why["ratio"]})


# --- strikes -------------------------------------------------------------------------------------

def _wave_days(t, waves, label, rule):
    """The days of a turn's strike waves, drawn (and logged) at its start, in order."""
    days = []
    for i in range(waves):
        r, rec = t.dice.roll(t.day0, f"{label} wave {i + 1}: day", rule)
        days.append(t.day0 + int(r * t.scenario.turn_days))
        rec["result"] = f"day {days[-1] - t.day0} of the turn"
    return sorted(days)


def _share_of(total, waves, i):
    """Wave i's part of total spread over waves (the first waves take the remainder)."""
    return total // waves + (1 if i < total % waves else 0)


def deep_strikes(t):
    """Ukrainian long-range drones against Russian refineries and plants: each hit costs Russia money."""
    env, rules = t.env, t.rules
    launched = (t.orders.get("ukraine") or {}).get("deep_strikes", 0)
    if not launched:
        return
    spec = rules.strikes.deep_strikes
    waves = spec.waves_per_turn
    for i, day in enumerate(_wave_days(t, waves, "deep strike", "strikes.deep_strikes")):
        yield env.timeout(max(0, day - env.now))
        n = min(_share_of(launched, waves, i), t.stocks["ukraine"][rules.roles.long_range_drone])
        if not n:
            continue
        t.stocks["ukraine"][rules.roles.long_range_drone] -= n
        roll, rec = t.dice.roll(day, f"deep strike wave {i + 1}: interception", "strikes.deep_strikes", spec.intercept)
        res, why = adj.deep_strike(rules, n, roll)
        loss = min(t.funds["russia"], res["revenue_loss"])
        t.funds["russia"] -= loss
        t.credited["russia"] -= loss
        t.deep_hits += res["hits"]
        t.revenue_lost += loss
        rec["result"] = why["text"]
        t.log("strike", None, f"Ukrainian deep strike wave {i + 1}: {why['text']}; Russia loses EUR {loss:,.0f}m",
              public=True, day=day)


def strikes(t):
    """Russian strike waves on the days drawn at the start of the turn."""
    env, rules = t.env, t.rules
    ru_orders = t.orders.get("russia") or {}
    strikes = ru_orders.get("strikes") or {}
    missiles, drones = strikes.get("missiles", 0), strikes.get("drones", 0)
    if not missiles and not drones:
        return
    target = strikes.get("target", "energy")
    priority = (t.orders.get("ukraine") or {}).get("air_defence", "industry")
    waves = rules.strikes.waves_per_turn
    for i, day in enumerate(_wave_days(t, waves, "strike", "strikes.waves_per_turn")):
        yield env.timeout(max(0, day - env.now))
        m, d = _share_of(missiles, waves, i), _share_of(drones, waves, i)
        ru_s, ua_s = t.stocks["russia"], t.stocks["ukraine"]
        missile, drone = rules.roles.cruise_missile, rules.roles.long_range_drone
        m, d = min(m, ru_s[missile]), min(d, ru_s[drone])
        ru_s[missile] -= m
        ru_s[drone] -= d
        if not m and not d:
            continue
        roll, rec = t.dice.roll(day, f"strike wave {i + 1}: interception", "strikes")
        res, why = adj.strike_wave(rules, m, d, target, ua_s[rules.roles.interceptor], ua_s[rules.roles.sam_battery], priority,
                                   t.intel_active(day), roll)
        rec.update(p=round(why["p_missile"], 4), result=why["text"])
        ua_s[rules.roles.interceptor] -= res["interceptors_used"]
        through_m, through_d = res["missiles_through"], res["drones_through"]
        t.hits += through_m + through_d
        text = f"Strike wave {i + 1} on {target}: {why['text']}"
        if through_m or through_d:
            damage = adj.strike_damage(rules, through_m, through_d, target == "energy")
            if target == "energy":
                now_damage = adj.decayed(t.energy_damage, t.energy_day, day, rules.strikes.energy_recovery_per_day)
                t.energy_damage = min(rules.strikes.max_energy_damage, now_damage + damage)
                t.energy_day = day
                text += f"; grid damage now {t.energy_damage:.0%}"
            else:
                plants = [(lid, line.rate_at(day) * line.spec.unit_cost) for lid, line in t.lines.items()
                          if line.spec.site == "ukraine" and line.rate_at(day) > 0]
                if plants:
                    r2, rec2 = t.dice.roll(day, f"strike wave {i + 1}: which plant", "strikes (weighted by output value)")
                    lid = adj.pick_weighted(plants, r2)
                    line = t.lines[lid]
                    now_damage = adj.decayed(line.damage, line.damage_day, day, rules.strikes.repair_per_day)
                    line.damage = min(rules.strikes.max_damage, now_damage + damage)
                    line.damage_day = day
                    rec2["result"] = f"{line.spec.name} hit: output -{line.damage:.0%} until repaired"
                    text += f"; {line.spec.name} hit, output down {line.damage:.0%}"
        t.log("strike", None, text, public=True, day=day)
