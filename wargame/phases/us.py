"""The United States in a turn: withdrawal steps (scheduled, announced, or sudden), pauses of FMS
deliveries and intelligence sharing, and aid to Ukraine. The scenario's `us:` block sets them, or,
where it seats the US (us.seat), the US orders of the turn within its bounds."""

from wargame.model import USStep
from wargame.phases.change import Change, event


def areas_left(rules, us_points, us_steps):
    """The areas where the US still has points and no step is already on its way out."""
    return [a for a in rules.areas
            if us_points.get(a, 0) > 1e-9 and not any(not s.done and a in s.areas for s in us_steps)]


def sudden_step(rules, scenario, us_points, us_troops, remaining, step_id, day0, r_day, r_notice, r_area, r_troops):
    """A sudden withdrawal step drawn from four rolls: the day in the turn it is announced, its
    notice (it leaves that many days later: a notice longer than the rest of the turn gives the
    teams a turn to react), which of the remaining areas leaves whole, and how many troops go."""
    rs = scenario.us.random_steps
    announce = day0 + int(r_day * scenario.turn_days)
    notice = int(r_notice * (rs.notice_days_max + 1))
    day = announce + notice
    areas = {}
    if remaining:
        area = remaining[min(len(remaining) - 1, int(r_area * len(remaining)))]
        start = rules.start.us.points[area]
        areas = {area: us_points[area] / start if start else 0.0}
    troops = min(us_troops, rs.troops_min + int(r_troops * (rs.troops_max - rs.troops_min + 1)))
    return USStep(id=step_id, day=day, announce_day=announce, areas=areas, troops=troops, handover=0.0)


def sudden_step_results(rules, step, day0):
    """What each of a sudden step's four rolls decided, in words: day, notice, area, troops."""
    return (f"leaves on day {step.day - day0} of the turn", f"{step.day - step.announce_day} days' notice",
            ", ".join(rules.areas[a].name for a in step.areas) or "no area left",
            f"{step.troops:,} troops")


def step_text(rules, step):
    """What a step takes away, in words."""
    parts = [f"{rules.areas[a].name} {share:.0%}" for a, share in step.areas.items()]
    if step.troops:
        parts.append(f"{step.troops:,} troops")
    return ", ".join(parts) or "nothing"


PAUSES = (("fms_pause_probability", "FMS deliveries pause", "fms_paused_until", "fms_pause"),
          ("intel_pause_probability", "intelligence sharing pauses", "intel_paused_until", "intel_pause"))


def pause(scenario, key, label, field, shock, day0):
    """FMS deliveries or intelligence sharing pause for the scenario's pause_turns."""
    turns = scenario.us.pause_turns
    return Change(**{field: day0 + turns * scenario.turn_days}, shocks=(shock,),
                  events=(event(None, "us", None, f"US: {label} for {turns} turns"),))


def ordered_step(step, step_id, day0):
    """A step a seated US ordered: announced on its day of the turn, leaving its notice days later."""
    announce = day0 + step["announce_day"]
    return USStep(id=step_id, day=announce + step["notice_days"], announce_day=announce, areas=dict(step["areas"]),
                  troops=step["troops"], handover=step["handover"])


def ordered_pause(label, field, shock, turns, day0, turn_days, paused_until):
    """FMS deliveries or intelligence sharing paused by a seated US's order, for `turns` turns from the
    turn's start (a pause already running ends at the later of the two days)."""
    until = max(paused_until, day0 + turns * turn_days)
    return Change(**{field: until}, shocks=(shock,),
                  events=(event(None, "us", None, f"US: {label} for {turns} turn{'' if turns == 1 else 's'}"),))


def aid_stops():
    return Change(aid_stopped=True, shocks=("aid_stop",),
                  events=(event(None, "us", None, "US aid to Ukraine stops"),))


def aid_share(scenario, turn):
    """The share of the full aid package the US gives this turn (the scenario's aid rows, unless its
    schedule sets us_aid_share for the turn's first day)."""
    share = 0.0
    for row in scenario.us.aid:
        if turn >= row.from_turn:
            share = row.share
    return scenario.scheduled("us_aid_share", (turn - 1) * scenario.turn_days, share)


def aid(rules, share):
    """US aid delivered to Ukraine: each item of the full package times `share`, in whole units."""
    got = {}
    for item, qty in rules.start.us.aid_per_turn.items():
        n = int(qty * share)
        if n:
            got[item] = n
    if not got:
        return Change()
    text = "US aid delivered to Ukraine: " + ", ".join(f"{n:,} {i}" for i, n in got.items())
    return Change(stocks=tuple(("ukraine", i, n) for i, n in got.items()),
                  received=tuple(("ukraine", i, n) for i, n in got.items()),
                  events=(event(None, "us", "ukraine", text),))


def announce(rules, step, leave_date):
    return Change(events=(event(None, "us", None, f"US announces: {step_text(rules, step)} leave on {leave_date}"),))


def leaves(rules, step, us_points, us_troops):
    """A step leaves: its share of each area's starting US points goes (part handed over to Europe
    where the step says so), its troops go home, and the notice it gave shakes EU politics."""
    start_points = rules.start.us.points
    points, extra = [], []
    for area, share in step.areas.items():
        gone = min(us_points.get(area, 0.0), share * start_points[area])
        points.append((area, -gone))
        if step.handover:
            extra.append((area, gone * step.handover))
    notice = step.day - step.announce_day
    short = notice < rules.politics.short_notice_days
    hand = f"; {step.handover:.0%} handed over to Europe" if step.handover else ""
    text = f"US leaves: {step_text(rules, step)} ({notice} days' notice){hand}"
    return Change(us_points=tuple(points), extra=tuple(extra), us_troops=max(0, us_troops - step.troops) - us_troops,
                  shocks=("us_step_short_notice" if short else "us_step_with_notice",), us_step_done=step.id,
                  events=(event(None, "us", None, text),))
