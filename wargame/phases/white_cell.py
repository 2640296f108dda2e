"""The facilitator's injects: politics, money, stocks and a sudden US step, applied on their day."""

from wargame.model import USStep
from wargame.phases.change import Change, event


def inject(inj, funds, stocks, now, step_id):
    """An inject applied on day `now`. Money and stocks cannot go below zero: a loss takes what is there.

    funds: each side's funds now; stocks: each side's stocks now. A `us_step` in the inject is
    announced now and leaves after its notice days."""
    done, shocks, fund_deltas, stock_deltas = [], (), [], []
    if inj["cohesion"] or inj["support"]:
        shocks = ((inj["cohesion"], inj["support"]),)
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
    return Change(shocks=shocks, funds=tuple(fund_deltas), credited=tuple(fund_deltas), stocks=tuple(stock_deltas),
                  us_step=us_step, events=news)
