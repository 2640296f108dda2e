"""The facilitator's injects: politics, money, stocks, a sudden US step, ground moved, a crisis on the
eastern flank raised, applied on their day; and an EU-level decision postponed when it is taken."""

from wargame.model import USStep
from wargame.phases.change import Change, event


def inject(inj, funds, stocks, now, step_id, crisis_kinds=None, decided=()):
    """An inject applied on day `now`. Money and stocks cannot go below zero: a loss takes what is there.

    funds: each side's funds now; stocks: each side's stocks now. A `us_step` in the inject is
    announced now and leaves after its notice days. `front_km2` moves the ground (+ to Russia),
    `crisis` raises a flank crisis of that kind (crisis_kinds: rules.deterrence.crisis_kinds), and
    `delay` is told here and applied to the decision (postpone); decided: the EU-level decisions
    taken this turn. What the ground, the crisis and the decision become is public whoever the
    inject is for; the inject's own line (its text, and who and why in the record) is its audience's."""
    done, shocks, fund_deltas, stock_deltas, tally, effects = [], [], [], [], [], []
    if inj["cohesion"] or inj["support"]:
        shocks.append((inj["cohesion"], inj["support"]))
        done.append(f"cohesion {inj['cohesion']:+g}, support {inj['support']:+g}")
    for side, delta in inj["funds"].items():
        delta = max(delta, -funds[side])
        fund_deltas.append((side, delta))
        done.append(f"{side} funds {delta:+,.0f}m")
    for side, items in inj["stocks"].items():
        for item, delta in items.items():
            delta = max(delta, -stocks[side][item])
            stock_deltas.append((side, item, delta))
            done.append(f"{side} {item} {delta:+,}")
    km2 = inj.get("front_km2")
    if km2:
        tally.append(("ground", km2))
        moved = f"{'Russia gains' if km2 > 0 else 'Ukraine regains'} {abs(km2):,.0f} km2"
        done.append(f"front: {moved}")
        effects.append(event(None, "front", None, f"Front: {moved}"))
    kind = inj.get("crisis")
    if kind:
        row = crisis_kinds[kind]
        shocks.append((row.cohesion, row.support))
        tally.append(("crises", 1))
        done.append(f"crisis on the eastern flank: {kind.replace('_', ' ')}")
        effects.append(event(None, "crisis", None, f"Crisis on the eastern flank: {kind.replace('_', ' ')}"))
    delay = inj.get("delay")
    if delay:
        taken = "" if delay["decision"] in decided else " (no such decision this turn: nothing to postpone)"
        done.append(f"EU decision on {delay['decision']} postponed {delay['days']} days{taken}")
    text = f"White cell inject: {inj['text']}" + (f" ({'; '.join(done)})" if done else "")
    step = inj.get("us_step")
    us_step = None
    if step:
        us_step = USStep(id=step_id, day=now + step["notice_days"], announce_day=now,
                         areas=dict(step["areas"]), troops=step["troops"], handover=0.0)
    # an inject for some sides only is one private line for each of them (rules/visibility.yaml:
    # inject_private is each side's own); for everyone, one public line
    sides = inj.get("visible_to")
    news = (tuple(event(None, "inject_private", side, text) for side in sides) if isinstance(sides, (list, tuple))
            else (event(None, "inject", None, text),))
    return Change(shocks=tuple(shocks), funds=tuple(fund_deltas), credited=tuple(fund_deltas), stocks=tuple(stock_deltas),
                  us_step=us_step, tally=tuple(tally), events=news + tuple(effects))


def postponed(injects):
    """{decision id: days} the injects of a turn postpone EU-level decisions by (within the rules' limits)."""
    out = {}
    for inj in injects:
        delay = inj.get("delay")
        if delay:
            out[delay["decision"]] = out.get(delay["decision"], 0) + delay["days"]
    return out


def postpone(spec, days):
    """An EU-level decision's go-ahead comes `days` later, by the white cell's inject: a public line
    that says so, without the inject's text (its own line says who and why, to its audience)."""
    return Change(events=(event(None, "decision", "eu", f"{spec.name}: the go-ahead comes {days} days later "
                                                         "(postponed)"),))
