"""What a ruling returns (Change), and the turn's working copy that applies it (Ledger).

A Change lists deltas for quantities that add up (money, stocks, troops, tallies) and new values
for the few that are set (a line's damage, the grid's damage, a programme's state). The Ledger is
the only thing a turn mutates, and only through Ledger.apply; at the end of the turn it is frozen
back into a GameState.
"""

import attrs

from wargame.model import SIDES, Line, QueuedOrder, rate_of


def event(day, kind, side, text, public=False):
    """One line of the turn's chronology."""
    return {"day": day, "kind": kind, "side": side, "public": public, "text": text}


@attrs.frozen
class LineChange:
    """What a ruling does to one line: new damage, carry-over, deliveries against its queue."""

    lid: str
    damage: tuple | None = None  # (damage share, day it was set)
    carry: float | None = None
    delivered: tuple = ()  # units delivered to the queue's orders, front first: one count per order
    placed: tuple | None = None  # a queued order to append: [id, buyer, recipient, qty, delivered, placed_day]
    tranche: object = None  # a new capacity Tranche for the line


@attrs.frozen
class Change:
    """A ruling's effect on the turn. Deltas add; `set_*` fields replace; events are reported."""

    funds: tuple = ()  # (side, delta) in EUR million
    credited: tuple = ()  # (side, delta): money that came in (or was taken away)
    spent: tuple = ()  # (side, amount)
    safe_funds: float = 0.0  # SAFE loan money drawn (+) or used (-)
    stocks: tuple = ()  # (side, item, delta)
    troops: tuple = ()  # (side, delta)
    lines: tuple = ()  # LineChange values
    new_line: Line | None = None  # a line built this turn
    projects: tuple = ()  # (pid, Project) replacing the programme's state
    extra: tuple = ()  # (area, delta): EU capability points from programmes and hand-overs
    us_points: tuple = ()  # (area, delta)
    us_troops: int = 0  # delta
    us_step: object = None  # a USStep added to the turn's steps
    us_step_done: int | None = None  # the id of a US step that has now left
    fms_paused_until: int | None = None
    intel_paused_until: int | None = None
    aid_stopped: bool = False
    energy: tuple | None = None  # (grid damage share, day it was set)
    tally: tuple = ()  # (name, delta) for the turn's counters: ground, hits, deep_hits, revenue_lost, ua_production
    delivered: tuple = ()  # (line id, recipient, units) for the turn's delivery summary
    shocks: tuple = ()  # political shocks: a politics.shocks key, or a (cohesion, support) pair
    budget_share: float | None = None  # the EU's budget share from next turn
    next_order_id: int | None = None
    events: tuple = ()  # event dicts, dated by the ruling


NO_CHANGE = Change()


class LineWork:
    """A line during a turn: the frozen Line it started as, plus what changes (damage, carry, queue)."""

    __slots__ = ("spec", "damage", "damage_day", "carry", "queue", "tranches", "running")

    def __init__(self, line):
        self.spec = line
        self.damage = line.damage
        self.damage_day = line.damage_day
        self.carry = line.carry
        self.queue = [[o.id, o.buyer, o.recipient, o.qty, o.delivered, o.placed_day] for o in line.queue]
        self.tranches = list(line.tranches)
        self.running = False

    def backlog(self):
        return sum(o[3] - o[4] for o in self.queue)

    def rate_at(self, day):
        return rate_of(self.tranches, day)

    def freeze(self):
        s = self.spec  # the constructor directly: attrs.evolve's per-call field lookup showed in profiles
        return Line(id=s.id, name=s.name, owner=s.owner, site=s.site, item=s.item, unit_cost=s.unit_cost,
                    buyers=s.buyers, batch_days=s.batch_days, fms=s.fms, feedstock=s.feedstock,
                    tranches=tuple(self.tranches), damage=self.damage, damage_day=self.damage_day,
                    carry=self.carry, queue=tuple(QueuedOrder(*o) for o in self.queue if o[4] < o[3]))


TALLIES = ("ground", "hits", "deep_hits", "revenue_lost", "ua_production")


class Ledger:
    """The turn's working copy of the state. Rulings never touch it: they return Changes, which
    the SimPy layer applies here, in the order the turn's events happen."""

    def __init__(self, state, day_end):
        self.state = state
        self.day_end = day_end
        self.funds = {s: v.funds for s, v in state.sides.items()}
        self.safe_funds = state.sides["eu"].safe_funds
        self.budget_share = state.sides["eu"].budget_share  # the EU's choice applies from next turn's income
        self.spent = {s: 0.0 for s in SIDES}
        self.credited = {s: 0.0 for s in SIDES}
        self.stocks = {s: dict(v.stocks) for s, v in state.sides.items()}
        self.troops = {s: v.troops for s, v in state.sides.items()}
        self.lines = {lid: LineWork(line) for lid, line in state.lines.items()}
        self.us_points = dict(state.us.points)
        self.us_troops = state.us.troops
        self.us_steps = list(state.us.steps)
        self.fms_paused_until = state.us.fms_paused_until
        self.intel_paused_until = state.us.intel_paused_until
        self.aid_stopped = state.us.aid_stopped
        self.projects = dict(state.projects)
        self.extra = dict(state.eu_points_extra)
        self.energy_damage = state.energy_damage
        self.energy_day = state.energy_day
        self.next_order_id = state.next_order_id
        self.tally = dict.fromkeys(TALLIES, 0)
        self.tally["ground"] = self.tally["revenue_lost"] = self.tally["ua_production"] = 0.0
        self.delivered = {}
        self.shocks = []
        self.events = []

    def intel_active(self, day):
        return day >= self.intel_paused_until

    def fms_active(self, day):
        return day >= self.fms_paused_until

    def apply(self, change, now):
        """Apply a ruling's Change at simulated day `now`; events are dated no later than the turn's last day."""
        if change.funds:
            for side, delta in change.funds:
                self.funds[side] += delta
        if change.credited:
            for side, delta in change.credited:
                self.credited[side] += delta
        if change.spent:
            for side, amount in change.spent:
                self.spent[side] += amount
        if change.safe_funds:
            self.safe_funds += change.safe_funds
        if change.stocks:
            for side, item, delta in change.stocks:
                self.stocks[side][item] += delta
        if change.troops:
            for side, delta in change.troops:
                self.troops[side] += delta
        if change.new_line is not None:
            self.lines[change.new_line.id] = LineWork(change.new_line)
        for lc in change.lines:
            self._apply_line(lc)
        if change.projects:
            for pid, project in change.projects:
                self.projects[pid] = project
        if change.extra:
            for area, delta in change.extra:
                self.extra[area] = self.extra.get(area, 0.0) + delta
        if change.us_points:
            for area, delta in change.us_points:
                self.us_points[area] = self.us_points.get(area, 0.0) + delta
        if change.us_troops:
            self.us_troops += change.us_troops
        if change.us_step is not None:
            self.us_steps.append(change.us_step)
        if change.us_step_done is not None:
            i = next(i for i, s in enumerate(self.us_steps) if s.id == change.us_step_done)
            self.us_steps[i] = attrs.evolve(self.us_steps[i], done=True)
        if change.fms_paused_until is not None:
            self.fms_paused_until = change.fms_paused_until
        if change.intel_paused_until is not None:
            self.intel_paused_until = change.intel_paused_until
        if change.aid_stopped:
            self.aid_stopped = True
        if change.energy is not None:
            self.energy_damage, self.energy_day = change.energy
        if change.tally:
            for name, delta in change.tally:
                self.tally[name] += delta
        if change.delivered:
            for lid, recipient, n in change.delivered:
                key = (lid, recipient)
                self.delivered[key] = self.delivered.get(key, 0) + n
        if change.shocks:
            self.shocks.extend(change.shocks)
        if change.budget_share is not None:
            self.budget_share = change.budget_share
        if change.next_order_id is not None:
            self.next_order_id = change.next_order_id
        if change.events:
            last = self.day_end - 1
            for e in change.events:
                # what happens as the turn closes (the last batch, the last front step) is dated on its last day
                day = e["day"] if e["day"] is not None else now
                self.events.append(event(min(int(day), last), e["kind"], e["side"], e["text"], e["public"]))

    def _apply_line(self, lc):
        line = self.lines[lc.lid]
        if lc.damage is not None:
            line.damage, line.damage_day = lc.damage
        if lc.carry is not None:
            line.carry = lc.carry
        if lc.tranche is not None:
            line.tranches.append(lc.tranche)
        if lc.delivered:
            queue = line.queue
            for i, n in enumerate(lc.delivered):
                queue[i][4] += n
            while queue and queue[0][4] >= queue[0][3]:
                queue.pop(0)
        if lc.placed is not None:
            line.queue.append(list(lc.placed))
