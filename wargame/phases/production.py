"""Production: a line ships a batch at the end of each batch period, in the order of its queue.

A line's output per day comes from its capacity tranches (ramping up), less strike damage (healing
day by day), less the grid's damage for a line in Ukraine, and nothing while US FMS deliveries are
paused for an FMS line. Fractions of a unit carry over to the next batch; a line that needs
feedstock (shells need propellant, say) makes no more than its owner holds, and one with a
full_rate_feedstock (refurbishment from storage) slows in proportion as its stored stock falls below it.
"""

from typing import NamedTuple

import attrs

from wargame.adjudicate import decayed
from wargame.model import Tranche
from wargame.phases.change import event


class Batch(NamedTuple):
    """What a line ships at the end of a batch period: the Change of the production phase, kept
    compact because it is the commonest ruling of a game (Ledger.apply knows it). Immutable."""

    line: str  # the line id
    carry: float  # fraction of a unit carried to the next batch
    delivered: tuple = ()  # units to each order of the queue, front first
    feedstock_used: int = 0  # units of the line's feedstock taken from its owner's stock
    value: float = 0.0  # EUR million of output made in Ukraine (Ukraine's production tally)
    events: tuple = ()  # an order completed, a line out of feedstock


def batch(strikes, line, start, end, fms_active, energy_damage, energy_day, feedstock_held):
    """The batch a line ships on day `end` for the days since `start`: a Batch.

    line: the line as it stands (read only: its spec, tranches, damage, carry and queue of
    [id, buyer, recipient, qty, delivered, placed_day]); strikes: the rules' strikes table (repair
    and grid recovery rates); feedstock_held: the owner's stock of the line's feedstock, if any.
    """
    spec = line.spec
    queue = line.queue
    if not queue:
        return Batch(spec.id, 0.0)
    mid = (start + end) / 2
    day = int(mid)
    tranches = line.tranches
    # Tranche.rate_at written out (the commonest ruling of a game): one tranche as it is, several summed
    # in order from 0 as sum() does
    rate = 0
    for t in tranches:
        if mid < t.ready_day:
            r = 0.0
        elif t.ramp_days <= 0:
            r = t.capacity_per_day
        else:
            r = (mid - t.ready_day) / t.ramp_days
            r = t.capacity_per_day * (r if r < 1.0 else 1.0)
        if len(tranches) == 1:
            rate = r
            break
        rate += r
    if spec.fms and not fms_active:
        rate = 0.0
    if line.damage:  # strike damage, healing day by day (a line never hit skips the arithmetic)
        rate *= 1.0 - decayed(line.damage, line.damage_day, day, strikes.repair_per_day)
    if energy_damage and spec.site == "ukraine":  # the grid's damage slows lines in Ukraine
        rate *= 1.0 - decayed(energy_damage, energy_day, day, strikes.energy_recovery_per_day)
    if spec.feedstock and spec.full_rate_feedstock:
        rate *= min(1.0, feedstock_held / spec.full_rate_feedstock)  # the best stored hulls go first
    made = rate * (end - start) + line.carry
    units = int(made)
    demand = 0
    for order in queue:
        demand += order[3] - order[4]
    if units >= demand:
        units, carry = demand, 0.0
    else:
        carry = made - units
    events = []
    if spec.feedstock and units > feedstock_held:
        units = feedstock_held
        events.append(event(None, "production", spec.owner, f"{spec.name}: out of {spec.feedstock}"))
    feedstock_used = units if spec.feedstock else 0
    if not units:
        return Batch(spec.id, carry, (), feedstock_used, 0.0, tuple(events))
    counts = []
    left = units
    for order in line.queue:
        n = order[3] - order[4]
        if left < n:
            n = left
        left -= n
        counts.append(n)
        if order[4] + n >= order[3]:
            events.append(event(end, "delivery", order[1], f"order #{order[0]} complete: {order[3]:,} {spec.item} "
                                f"from {spec.name} to {order[2]}"))
        if not left:
            break
    value = units * spec.unit_cost if spec.site == "ukraine" else 0.0
    return Batch(spec.id, carry, tuple(counts), feedstock_used, value, tuple(events))


def scheduled_capacity(scenario, state):
    """The scenario's schedule rows dated inside the turn that starts now set lines' capacity: each
    line gets a tranche of the difference, ready on the row's date. Returns (state, events)."""
    day0, day_end = state.day, state.day + scenario.turn_days
    lines, events = dict(state.lines), []
    for row in scenario.schedule:
        day = scenario.day_of(row.date)
        if not day0 <= day < day_end:
            continue
        for lid, target in row.capacity.items():
            line = lines[lid]
            now = sum(t.capacity_per_day for t in line.tranches)
            if abs(target - now) > 1e-12:
                tranche = Tranche(target - now, day, 0)
                lines[lid] = attrs.evolve(line, tranches=line.tranches + (tranche,))
                text = f"{line.name}: capacity {now:,.1f} -> {target:,.1f} a day from {row.date} (schedule)"
                events.append(event(day, "build", line.owner, text))  # seen as a build of its owner's
    return (attrs.evolve(state, lines=lines) if events else state), events
