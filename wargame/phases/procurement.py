"""Orders at the start of a turn: purchases join a line's queue after the side's contracting days,
builds open or expand lines, programmes start, the EU transfers stocks, EU-level decisions go to
consensus (a veto may delay them) or to a coalition of the willing (which costs more)."""

from wargame.model import Line, Project, Tranche
from wargame.phases.change import Change, LineChange, event
from wargame.phases.money import payment
from wargame.phases.programmes import first_instalment


def purchase(rules, side, order, line, safe_funds, order_id, placed_day):
    """A purchase from a line: paid now (SAFE money first if the line's site is eligible), queued later.

    Returns (Change, queued order as [id, buyer, recipient, qty, delivered, placed_day])."""
    cost = order["qty"] * line.unit_cost
    eligible = cost if line.site in rules.money.safe.eligible_sites else 0.0
    queued = [order_id, side, order.get("for") or side, order["qty"], 0, placed_day]
    return payment(side, cost, safe_funds, eligible, next_order_id=order_id + 1), queued


def placed(line, queued, ahead):
    """The purchase reaches the line's queue behind `ahead` units."""
    text = (f"order #{queued[0]} placed with {line.name}: {queued[3]:,} {line.item} for "
            f"{queued[2]} ({ahead:,} units ahead in the queue)")
    return Change(lines=(LineChange(line.id, placed=tuple(queued)),), events=(event(None, "order", queued[1], text),))


def coalition_markup(rules, orders, side):
    """The cost factor of EU-level builds and programmes: a coalition of the willing pays more."""
    coalition = side == "eu" and orders.get("decision") == "coalition"
    return coalition, 1.0 + (rules.money.coalition.extra_cost if coalition else 0.0)


def go_as_coalition(spec):
    """An EU-level decision taken by a coalition: it goes ahead at once."""
    text = f"{spec.name}: a coalition of the willing goes ahead (costs more, strains cohesion)"
    return "coalition", 0, Change(events=(event(None, "decision", "eu", text),))


def consensus(rules, spec, p, roll):
    """An EU-level decision by consensus: vetoed (and agreed after a delay) when roll < p.

    Returns (result, delay in days, Change)."""
    if roll < p:
        delay = rules.politics.veto_delay_days
        text = (f"{spec.name}: vetoed by a member state; agreed after {delay} days "
                f"(veto chance {p:.2f}, roll {roll:.2f})")
        return "veto", delay, Change(shocks=("veto",), events=(event(None, "decision", "eu", text),))
    text = f"{spec.name}: agreed by consensus (veto chance {p:.2f}, roll {roll:.2f})"
    return "agreed", 0, Change(events=(event(None, "decision", "eu", text),))


def build_cost(rules, side, spec, site, markup, safe_funds):
    """Paying a build's capex (SAFE money first for the EU at an eligible site)."""
    cost = spec.capex * (markup if spec.eu_level else 1.0)
    eligible = cost if site in rules.money.safe.eligible_sites and side == "eu" else 0.0
    return payment(side, cost, safe_funds, eligible)


def build(side, bid, spec, go, expanded, ready_date):
    """A build starting on day `go`: a new tranche of an existing line, or a new line.

    expanded: the frozen Line it expands, or None. Returns (Change, name of the line, ready day)."""
    ready = go + spec.build_days
    tranche = Tranche(spec.capacity_per_day, ready, spec.ramp_days)
    text = f"{side} starts {spec.name}: first output {ready_date}, full rate after {spec.ramp_days} more days"
    news = (event(None, "build", side, text),)
    if expanded is not None:
        return Change(lines=(LineChange(expanded.id, tranche=tranche),), events=news), expanded.name, ready
    line = Line(id=bid, name=spec.name, owner=spec.owner, site=spec.site, item=spec.item,
                unit_cost=spec.unit_cost, buyers=tuple(spec.buyers), batch_days=spec.batch_days,
                fms=False, feedstock=None, tranches=(tranche,))
    return Change(new_line=line, events=news), spec.name, ready


def opens(side, name):
    """New capacity starts producing."""
    return Change(events=(event(None, "build", side, f"{name}: new capacity starts producing"),))


def programme_instalment(rules, pid, markup, turn_days):
    """The first instalment of a programme, paid when it is ordered (no SAFE money)."""
    return first_instalment(rules, pid, turn_days) * (markup if rules.projects[pid].eu_level else 1.0)


def programme(rules, pid, go, day0, markup, due):
    """An EU programme starting on day `go`, its first instalment `due` paid."""
    spec = rules.projects[pid]
    price = spec.cost * (markup if spec.eu_level else 1.0)
    text = f"{spec.name}: programme starts on day {go - day0} of the turn (EUR {due:,.0f}m paid)"
    return Change(projects=((pid, Project(id=pid, start_day=go, price=price, paid=due)),),
                       events=(event(None, "project", "eu", text),))


def transfer(item, qty, eu_stock):
    """The EU hands over up to `qty` of an item from its stocks to Ukraine."""
    qty = min(qty, eu_stock)
    return Change(stocks=(("eu", item, -qty), ("ukraine", item, qty)), received=(("ukraine", item, qty),),
                  events=(event(None, "transfer", None, f"EU transfers {qty:,} {item} from its stocks to Ukraine"),))
