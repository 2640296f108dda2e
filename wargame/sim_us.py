"""The US and the white cell inside a turn: withdrawal steps (scheduled, announced, or drawn at random),
pauses of FMS and intelligence, aid to Ukraine, and the facilitator's injects. Called by sim.run_turn."""

import attrs

from wargame.model import USStep


# --- the US ------------------------------------------------------------------------------------

def start_of_turn(t):
    """The US rolls of the turn's first day, and the processes for its steps, aid and announcements."""
    rules, us = t.rules, t.scenario.us
    d0 = t.day0
    rs = us.random_steps
    if rs.probability > 0:
        r, rec = t.dice.roll(d0, "US: a sudden withdrawal step this turn?", "scenario.us.random_steps", rs.probability)
        remaining = [a for a in rules.areas if t.us_points.get(a, 0) > 1e-9 and not _pending_area(t, a)]
        if r < rs.probability and (remaining or t.us_troops > 0):
            r_day, _ = t.dice.roll(d0, "US step: day", "scenario.us.random_steps")
            r_notice, _ = t.dice.roll(d0, "US step: notice", "scenario.us.random_steps")
            r_area, _ = t.dice.roll(d0, "US step: area", "scenario.us.random_steps")
            r_troops, _ = t.dice.roll(d0, "US step: troops", "scenario.us.random_steps")
            day = d0 + int(r_day * t.scenario.turn_days)
            notice = int(r_notice * (rs.notice_days_max + 1))
            areas = {}
            if remaining:
                area = remaining[min(len(remaining) - 1, int(r_area * len(remaining)))]
                start = rules.start.us.points[area]
                areas = {area: t.us_points[area] / start if start else 0.0}
            troops = min(t.us_troops, rs.troops_min + int(r_troops * (rs.troops_max - rs.troops_min + 1)))
            step = USStep(id=len(t.us_steps) + 1, day=day, announce_day=max(d0, day - notice), areas=areas,
                          troops=troops, handover=0.0)
            t.us_steps.append(step)
            rec["result"] = f"step on day {day - d0} of the turn, {notice} days' notice: " + _step_text(rules, step)
        else:
            rec["result"] = "no step"
    for key, label, attr in (("fms_pause_probability", "FMS deliveries pause", "fms_paused_until"),
                             ("intel_pause_probability", "intelligence sharing pauses", "intel_paused_until")):
        p = getattr(us, key)
        if p > 0 and getattr(t, attr) <= d0:
            r, rec = t.dice.roll(d0, f"US: {label}?", f"scenario.us.{key}", p)
            if r < p:
                setattr(t, attr, d0 + us.pause_turns * t.scenario.turn_days)
                rec["result"] = f"yes, for {us.pause_turns} turns"
                t.log("us", None, f"US: {label} for {us.pause_turns} turns", public=True)
                t.shocks.append(("fms_pause" if key.startswith("fms") else "intel_pause"))
            else:
                rec["result"] = "no"
    if us.aid_stop_probability > 0 and not t.aid_stopped:
        p = us.aid_stop_probability
        r, rec = t.dice.roll(d0, "US: aid to Ukraine stops?", "scenario.us.aid_stop_probability", p)
        if r < p:
            t.aid_stopped = True
            rec["result"] = "yes: aid stops"
            t.log("us", None, "US aid to Ukraine stops", public=True)
            t.shocks.append("aid_stop")
        else:
            rec["result"] = "no"
    for step in t.us_steps:
        if t.day0 <= step.announce_day < t.day_end:
            t.env.process(_announce(t, step))
        if not step.done and step.day < t.day_end:
            t.env.process(_us_step(t, step))
    share = _aid_share(t)
    if share > 0 and not t.aid_stopped:
        t.env.process(_aid(t, share))


def _pending_area(t, area):
    return any(not s.done and area in s.areas for s in t.us_steps)


def _aid_share(t):
    share = 0.0
    for row in t.scenario.us.aid:
        if t.turn >= row.from_turn:
            share = row.share
    return share


def _step_text(rules, step):
    parts = [f"{rules.areas[a].name} {share:.0%}" for a, share in step.areas.items()]
    if step.troops:
        parts.append(f"{step.troops:,} troops")
    return ", ".join(parts) or "nothing"


def _announce(t, step):
    yield t.env.timeout(max(0, step.announce_day - t.env.now))
    when = t.scenario.date_of(step.day).isoformat()
    t.log("us", None, f"US announces: {_step_text(t.rules, step)} leave on {when}", public=True)


def _us_step(t, step):
    env = t.env
    yield env.timeout(max(0, step.day - env.now))
    start_points = t.rules.start.us.points
    for area, share in step.areas.items():
        gone = min(t.us_points.get(area, 0.0), share * start_points[area])
        t.us_points[area] = t.us_points.get(area, 0.0) - gone
        if step.handover:
            t.extra[area] = t.extra.get(area, 0.0) + gone * step.handover
    t.us_troops = max(0, t.us_troops - step.troops)
    notice = step.day - step.announce_day
    short = notice < t.rules.politics.short_notice_days
    t.shocks.append("us_step_short_notice" if short else "us_step_with_notice")
    hand = f"; {step.handover:.0%} handed over to Europe" if step.handover else ""
    t.log("us", None, f"US leaves: {_step_text(t.rules, step)} ({notice} days' notice){hand}", public=True)
    t.us_steps[t.us_steps.index(step)] = attrs.evolve(step, done=True)


def _aid(t, share):
    yield t.env.timeout(t.rules.start.us.aid_day)
    if t.aid_stopped:
        return
    got = {}
    for item, qty in t.rules.start.us.aid_per_turn.items():
        n = int(qty * share)
        if n:
            t.stocks["ukraine"][item] += n
            got[item] = n
    if got:
        t.log("us", "ukraine", "US aid delivered to Ukraine: " + ", ".join(f"{n:,} {i}" for i, n in got.items()), public=True)


# --- the white cell ------------------------------------------------------------------------------

def inject(t, inj):
    """A facilitator's inject, applied on its day: politics, money, stocks, a sudden US step."""
    yield t.env.timeout(inj["day"])
    now = int(t.env.now)
    done = []
    if inj["cohesion"] or inj["support"]:
        t.shocks.append((inj["cohesion"], inj["support"]))
        done.append(f"cohesion {inj['cohesion']:+g}, support {inj['support']:+g}")
    for side, delta in inj["funds"].items():
        delta = max(delta, -t.funds[side])
        t.funds[side] += delta
        t.credited[side] += delta
        done.append(f"{side} funds {delta:+,.0f}m")
    for side, items in inj["stocks"].items():
        for item, delta in items.items():
            delta = max(delta, -t.stocks[side][item])
            t.stocks[side][item] += delta
            done.append(f"{side} {item} {delta:+,}")
    step = inj.get("us_step")
    text = f"White cell inject: {inj['text']}" + (f" ({'; '.join(done)})" if done else "")
    t.log("inject", None, text, public=True)
    if step:
        us_step = USStep(id=len(t.us_steps) + 1, day=now + step["notice_days"], announce_day=now,
                         areas=dict(step["areas"]), troops=step["troops"], handover=0.0)
        t.us_steps.append(us_step)
        t.env.process(_announce(t, us_step))
        if us_step.day < t.day_end:
            t.env.process(_us_step(t, us_step))
