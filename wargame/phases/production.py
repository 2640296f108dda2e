"""Production: a line ships a batch at the end of each batch period, in the order of its queue.

A line's output per day comes from its capacity tranches (ramping up), less strike damage (healing
day by day), less the grid's damage for a line in Ukraine, and nothing while US FMS deliveries are
paused for an FMS line. Fractions of a unit carry over to the next batch; a line that needs
feedstock (shells need propellant, say) makes no more than its owner holds.
"""

from wargame.adjudicate import decayed
from wargame.phases.change import Change, LineChange, event


def batch(strikes, line, start, end, fms_active, energy_damage, energy_day, feedstock_held):
    """The batch a line ships on day `end` for the days since `start`.

    line: the line as it stands (read only: its spec, tranches, damage, carry and queue of
    [id, buyer, recipient, qty, delivered, placed_day]); strikes: the rules' strikes table (repair
    and grid recovery rates); feedstock_held: the owner's stock of the line's feedstock, if any.
    """
    spec = line.spec
    if not line.queue:
        return Change(lines=(LineChange(spec.id, carry=0.0),))
    mid = (start + end) / 2
    rate = line.rate_at(mid)
    if spec.fms and not fms_active:
        rate = 0.0
    damage = decayed(line.damage, line.damage_day, int(mid), strikes["repair_per_day"])
    rate *= 1.0 - damage
    if spec.site == "ukraine":
        rate *= 1.0 - decayed(energy_damage, energy_day, int(mid), strikes["energy_recovery_per_day"])
    made = rate * (end - start) + line.carry
    units = int(made)
    demand = line.backlog()
    if units >= demand:
        units, carry = demand, 0.0
    else:
        carry = made - units
    events, stocks = (), ()
    if spec.feedstock:
        if units > feedstock_held:
            units = feedstock_held
            events = (event(None, "production", spec.owner, f"{spec.name}: out of {spec.feedstock}"),)
        stocks = ((spec.owner, spec.feedstock, -units),)
    if not units:
        return Change(lines=(LineChange(spec.id, carry=carry),), stocks=stocks, events=events)
    return deliver(line, units, end, carry, stocks, events)


def deliver(line, units, day, carry, stocks=(), events=()):
    """`units` go to the queue's orders front first; each order filled is reported on `day`."""
    spec = line.spec
    counts, delivered, done = [], [], list(events)
    for order in line.queue:
        if not units:
            break
        n = min(units, order[3] - order[4])
        units -= n
        counts.append(n)
        stocks += ((order[2], spec.item, n),)
        delivered.append((spec.id, order[2], n))
        if order[4] + n >= order[3]:
            done.append(event(day, "delivery", order[1], f"order #{order[0]} complete: {order[3]:,} {spec.item} "
                              f"from {spec.name} to {order[2]}"))
    value = sum(counts) * spec.unit_cost if spec.site == "ukraine" else 0.0
    return Change(lines=(LineChange(spec.id, carry=carry, delivered=tuple(counts)),), stocks=stocks,
                  delivered=tuple(delivered), tally=(("ua_production", value),) if value else (),
                  events=tuple(done))
