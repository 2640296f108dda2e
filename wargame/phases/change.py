"""What a ruling returns (Change), and the turn's working copy that applies it (Ledger).

A Change lists deltas for quantities that add up (money, stocks, troops, tallies) and new values
for the few that are set (a line's damage, the grid's damage, a programme's state). The Ledger is
the only thing a turn mutates, and only through Ledger.apply; at the end of the turn it is frozen
back into a GameState.
"""

from typing import NamedTuple

import attrs

from wargame.model import SIDES, Line, QueuedOrder, rate_of


def event(day, kind, side, text, public=None):
    """One line of the turn's chronology. Whether it is public is the rules' to say (rules.visibility,
    applied by audience()); `public` is None until then."""
    return {"day": day, "kind": kind, "side": side, "public": public, "text": text}


def audience(rules, kind, side):
    """Who sees an event of `kind` that concerns `side` (or no side): 'public', 'own' or 'control'."""
    vis = rules.visibility
    by_side = vis.by_side.get(kind)
    if by_side is not None and side is not None:
        return getattr(by_side, side)
    return vis.events[kind]


def with_audience(rules, e):
    """The event with `public` set from the rules' visibility table."""
    public = audience(rules, e["kind"], e["side"]) == "public"
    return e if e["public"] is public else event(e["day"], e["kind"], e["side"], e["text"], public)


class LineChange(NamedTuple):
    """What a ruling does to one line. Immutable."""

    lid: str
    damage: tuple | None = None  # (damage share, day it was set)
    carry: float | None = None  # fraction of a unit carried to the next batch
    delivered: tuple = ()  # units delivered to the queue's orders, front first
    placed: tuple | None = None  # a queued order to append: (id, buyer, recipient, qty, delivered, placed_day)
    tranche: object = None  # a new capacity Tranche


_CHANGE_FIELDS = {
    "funds": (),  # (side, delta) in EUR million
    "credited": (),  # (side, delta): money that came in (or was taken away)
    "spent": (),  # (side, amount)
    "safe_funds": 0.0,  # SAFE loan money drawn (+) or used (-)
    "stocks": (),  # (side, item, delta)
    "troops": (),  # (side, delta)
    "lines": (),  # LineChange values
    "new_line": None,  # a Line built this turn
    "projects": (),  # (pid, Project) replacing the programme's state
    "extra": (),  # (area, delta): EU capability points from programmes and hand-overs
    "us_points": (),  # (area, delta)
    "us_troops": 0,  # delta
    "us_step": None,  # a USStep added to the turn's steps
    "us_step_done": None,  # the id of a US step that has now left
    "fms_paused_until": None,
    "intel_paused_until": None,
    "aid_stopped": False,
    "energy": None,  # (grid damage share, day it was set)
    "tally": (),  # (name, delta) for the turn's counters (TALLIES)
    "delivered": (),  # (line id, recipient, units) for the turn's delivery summary
    "received": (),  # (side, item, units) a side got from others outside the lines (aid, transfers)
    "shocks": (),  # political shocks: a politics.shocks key, or a (cohesion, support) pair
    "budget_share": None,  # the EU's budget share from next turn
    "next_order_id": None,
    "events": (),  # event dicts, dated by the ruling (day None: when the Change is applied)
}


class Change:
    """A ruling's effect on the turn: deltas for what adds up (money, stocks, troops, tallies), new
    values for what is set (a line's damage, the grid's, a programme's state), and the events it
    reports. Fields not given keep their empty defaults (_CHANGE_FIELDS). Immutable.

    A light class rather than an attrs one: a game makes thousands of them, and applying one
    visits only the fields it was given."""

    __slots__ = ("_given",)

    def __init__(self, **fields):
        if not fields.keys() <= _FIELD_NAMES:
            raise TypeError(f"Change has no field {sorted(fields.keys() - _FIELD_NAMES)[0]!r}")
        object.__setattr__(self, "_given", fields)

    def __getattr__(self, name):  # the fields, given or default
        given = object.__getattribute__(self, "_given")
        if name in given:
            return given[name]
        try:
            return _CHANGE_FIELDS[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        raise attrs.exceptions.FrozenInstanceError()

    def given(self):
        """The fields this Change sets, as (name, value) pairs in the order given."""
        return tuple(self._given.items())

    def replace(self, **fields):
        """A copy with some fields replaced."""
        return Change(**(self._given | fields))

    def __eq__(self, other):
        return isinstance(other, Change) and all(getattr(self, n) == getattr(other, n) for n in _CHANGE_FIELDS)

    __hash__ = None

    def __repr__(self):
        return "Change(" + ", ".join(f"{n}={v!r}" for n, v in self._given.items()) + ")"


_FIELD_NAMES = frozenset(_CHANGE_FIELDS)


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
        if (not self.queue and not s.queue and self.carry is s.carry and self.damage is s.damage
                and self.damage_day == s.damage_day and len(self.tranches) == len(s.tranches)):
            return s  # a line nothing happened to this turn (no orders, no strike): the Line it was
        return Line(id=s.id, name=s.name, owner=s.owner, site=s.site, item=s.item, unit_cost=s.unit_cost,
                    buyers=s.buyers, batch_days=s.batch_days, fms=s.fms, feedstock=s.feedstock,
                    tranches=tuple(self.tranches), damage=self.damage, damage_day=self.damage_day,
                    carry=self.carry, queue=tuple(QueuedOrder(*o) for o in self.queue if o[4] < o[3]),
                    full_rate_feedstock=s.full_rate_feedstock)


# the turn's counters and their starting values: km2, hits (whole), EUR million, crises raised by injects
TALLIES = {"ground": 0.0, "hits": 0, "deep_hits": 0, "revenue_lost": 0.0, "ua_production": 0.0, "crises": 0}


class Ledger:
    """The turn's working copy of the state. Rulings never touch it: they return Changes, which
    the SimPy layer applies here, in the order the turn's events happen."""

    def __init__(self, state, day_end, rules):
        self.state = state
        self.rules = rules
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
        self.tally = dict(TALLIES)
        self.delivered = {}
        self.received = {}
        self.shocks = []
        self.events = []
        self._public = {}  # (event kind, side) -> whether such an event is public (rules.visibility)

    def intel_active(self, day):
        return day >= self.intel_paused_until

    def fms_active(self, day):
        return day >= self.fms_paused_until

    def apply(self, change, now):
        """Apply a ruling's Change at simulated day `now`; events are dated no later than the turn's last day."""
        if type(change) is not Change:  # a production Batch, the commonest ruling
            return self.apply_batch(change, now)
        for name, value in change._given.items():
            _APPLY[name](self, value, now)

    def apply_batch(self, b, now):
        """Apply a production Batch (what apply() does with one, without asking what it is)."""
        line = self.lines[b.line]
        line.carry = b.carry
        spec = line.spec
        if b.feedstock_used:
            self.stocks[spec.owner][spec.feedstock] -= b.feedstock_used
        if b.delivered:
            queue, stocks, delivered, item = line.queue, self.stocks, self.delivered, spec.item
            for order, n in zip(queue, b.delivered):
                order[4] += n
                stocks[order[2]][item] += n
                key = (spec.id, order[2])
                delivered[key] = delivered.get(key, 0) + n
            while queue and queue[0][4] >= queue[0][3]:
                queue.pop(0)
            if b.value:
                self.tally["ua_production"] += b.value
        if b.events:
            self._events(b.events, now)

    def _add(self, table, pairs):
        for key, delta in pairs:
            table[key] += delta

    def _funds(self, pairs, now):  # _add written out in the three commonest fields (every payment)
        funds = self.funds
        for key, delta in pairs:
            funds[key] += delta

    def _credited(self, pairs, now):
        credited = self.credited
        for key, delta in pairs:
            credited[key] += delta

    def _spent(self, pairs, now):
        spent = self.spent
        for key, delta in pairs:
            spent[key] += delta

    def _safe_funds(self, delta, now):
        self.safe_funds += delta

    def _stocks(self, deltas, now):
        stocks = self.stocks
        for side, item, delta in deltas:
            stocks[side][item] += delta

    def _troops(self, pairs, now):
        self._add(self.troops, pairs)

    def _lines(self, changes, now):
        for lc in changes:
            self._apply_line(lc)

    def _new_line(self, line, now):
        if line is not None:
            self.lines[line.id] = LineWork(line)

    def _projects(self, pairs, now):
        for pid, project in pairs:
            self.projects[pid] = project

    def _extra(self, pairs, now):
        for area, delta in pairs:
            self.extra[area] = self.extra.get(area, 0.0) + delta

    def _us_points(self, pairs, now):
        for area, delta in pairs:
            self.us_points[area] = self.us_points.get(area, 0.0) + delta

    def _us_troops(self, delta, now):
        self.us_troops += delta

    def _us_step(self, step, now):
        if step is not None:
            self.us_steps.append(step)

    def _us_step_done(self, step_id, now):
        if step_id is not None:
            i = next(i for i, s in enumerate(self.us_steps) if s.id == step_id)
            self.us_steps[i] = attrs.evolve(self.us_steps[i], done=True)

    def _fms_paused_until(self, day, now):
        if day is not None:
            self.fms_paused_until = day

    def _intel_paused_until(self, day, now):
        if day is not None:
            self.intel_paused_until = day

    def _aid_stopped(self, stopped, now):
        if stopped:
            self.aid_stopped = True

    def _energy(self, damage, now):
        if damage is not None:
            self.energy_damage, self.energy_day = damage

    def _tally(self, pairs, now):
        self._add(self.tally, pairs)

    def _delivered(self, triples, now):
        for lid, recipient, n in triples:
            key = (lid, recipient)
            self.delivered[key] = self.delivered.get(key, 0) + n

    def _received(self, triples, now):
        for side, item, n in triples:
            self.received[(side, item)] = self.received.get((side, item), 0) + n

    def _shocks(self, shocks, now):
        self.shocks.extend(shocks)

    def _budget_share(self, share, now):
        if share is not None:
            self.budget_share = share

    def _next_order_id(self, next_id, now):
        if next_id is not None:
            self.next_order_id = next_id

    def _events(self, events, now):
        last, public, out = self.day_end - 1, self._public, self.events
        for e in events:
            # what happens as the turn closes (the last batch, the last front step) is dated on its last day
            day = e["day"]
            if day is None or day > last or type(day) is not int:
                day = min(int(now if day is None else day), last)
            kind, side = e["kind"], e["side"]
            seen = public.get((kind, side))
            if seen is None:  # the rules' visibility table, asked once a turn for each kind and side
                seen = public[kind, side] = audience(self.rules, kind, side) == "public"
            out.append({"day": day, "kind": kind, "side": side, "public": seen, "text": e["text"]})

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


_APPLY = {name: getattr(Ledger, "_" + name) for name in _CHANGE_FIELDS}
