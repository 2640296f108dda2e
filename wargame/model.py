"""The state of a game as frozen values: sides, lines and their queues, the US, the front, politics.

A turn takes a GameState and returns a new one (sim.run_turn); nothing here is changed in place.
Money is in EUR million, time in days counted from the scenario's start date.
"""

import hashlib
import json

import attrs

from wargame.vocab import SIDES  # noqa: F401  (defined once, in vocab; many modules take it from here)


@attrs.frozen
class Tranche:
    """A slice of a line's capacity: full rate from ready_day + ramp_days, growing in a line before."""

    capacity_per_day: float
    ready_day: int
    ramp_days: int

    def rate_at(self, day):
        """Units per day this tranche gives on `day` (0 before it is ready)."""
        if day < self.ready_day:
            return 0.0
        if self.ramp_days <= 0:
            return self.capacity_per_day
        return self.capacity_per_day * min(1.0, (day - self.ready_day) / self.ramp_days)


def rate_of(tranches, day):
    """Units per day a line's capacity tranches give on `day`."""
    if len(tranches) == 1:  # most lines: the same value sum() gives, without the generator
        return tranches[0].rate_at(day)
    return max(0.0, sum(t.rate_at(day) for t in tranches))  # a scheduled cut is a negative tranche


@attrs.frozen
class QueuedOrder:
    """An order waiting in a line's queue: qty units for `recipient`, paid by `buyer` when placed."""

    id: int
    buyer: str
    recipient: str
    qty: int
    delivered: int
    placed_day: int


@attrs.frozen
class Line:
    """A production line (a supplier) with its capacity tranches, damage and queue."""

    id: str
    name: str
    owner: str
    site: str
    item: str
    unit_cost: float
    buyers: tuple
    batch_days: int
    fms: bool
    feedstock: str | None
    tranches: tuple
    damage: float = 0.0
    damage_day: int = 0
    carry: float = 0.0
    queue: tuple = ()
    full_rate_feedstock: float | None = None  # below this much feedstock held, output falls in proportion

    def rate_at(self, day):
        """Full-health units per day on `day`, before damage, energy and pauses."""
        return rate_of(self.tranches, day)

    def backlog(self):
        """Units ordered and not yet delivered."""
        return sum(o.qty - o.delivered for o in self.queue)


@attrs.frozen
class Side:
    """One side's money and holdings."""

    funds: float
    stocks: dict
    troops: int = 0
    safe_funds: float = 0.0
    budget_share: float = 0.0
    credited: float = 0.0
    spent: float = 0.0
    debt: float = 0.0
    safe_drawn: float = 0.0
    baseline_credited: float = 0.0  # the EU's income at its baseline share so far (spending it is not new debt)


@attrs.frozen
class USStep:
    """A US withdrawal step: areas leave (share of the starting US points) and troops go home."""

    id: int
    day: int
    announce_day: int
    areas: dict
    troops: int
    handover: float
    done: bool = False


@attrs.frozen
class US:
    """What the US still has in Europe and gives."""

    troops: int
    points: dict
    steps: tuple
    fms_paused_until: int = 0
    intel_paused_until: int = 0
    aid_stopped: bool = False


@attrs.frozen
class Project:
    """An EU programme under way: paid per turn, done when progress reaches its duration."""

    id: str
    start_day: int
    price: float  # the programme's cost as agreed (a coalition pays more)
    progress_days: int = 0
    paid: float = 0.0
    done: bool = False
    stalled: bool = False


@attrs.frozen
class GameState:
    """Everything that carries from one turn to the next."""

    turn: int
    day: int
    sides: dict
    lines: dict
    us: US
    projects: dict
    eu_points_extra: dict
    ground_km2: float = 0.0
    energy_damage: float = 0.0
    energy_day: int = 0
    cohesion: float = 0.0
    support: float = 0.0
    crises: int = 0
    weak_turns: int = 0
    strike_hits: int = 0
    deep_hits: int = 0
    revenue_lost: float = 0.0
    revenue_due: float = 0.0  # deep-strike losses to take from Russia's next budget (money.income)
    ukraine_production: float = 0.0
    requests: dict = attrs.Factory(dict)
    next_order_id: int = 1
    flank_ratio: float = 0.0
    started: tuple = ()  # (side, build id) of every build ordered, so expansions are not repeated by accident


_FIELD_NAMES = {}  # attrs class -> its field names (attrs.has/attrs.fields per value showed in profiles)


def _field_names(cls):
    names = _FIELD_NAMES.get(cls)
    if names is None and cls not in _FIELD_NAMES:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else None
    return names


def to_plain(value):
    """A JSON-ready copy of a state value (attrs classes become dicts, tuples lists).

    Floats are rounded to 6 places, mapping keys become text; anything else JSON knows is kept as is."""
    cls = type(value)
    if cls is float:
        return round(value, 6)
    if cls is int or cls is str or cls is bool or value is None:
        return value
    names = _field_names(cls)
    if names is not None:
        return _plain_fields(value, names)
    if cls is dict:
        return _plain_dict(value)
    if cls is tuple or cls is list:
        return _plain_list(value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


# The three helpers below are to_plain unrolled one level: the scalars that make up most of a state
# are handled in the loop, without a call each (the digest of every turn showed in profiles).

def _plain_fields(value, names):
    out = {}
    for name in names:
        v = getattr(value, name)
        c = type(v)
        if c is float:
            v = round(v, 6)
        elif not (c is int or c is str or c is bool or v is None):
            v = to_plain(v)
        out[name] = v
    return out


def _plain_dict(value):
    out = {}
    for k, v in value.items():
        c = type(v)
        if c is float:
            v = round(v, 6)
        elif not (c is int or c is str or c is bool or v is None):
            v = to_plain(v)
        out[k if type(k) is str else str(k)] = v
    return out


def _plain_list(value):
    out = []
    for v in value:
        c = type(v)
        if c is float:
            v = round(v, 6)
        elif not (c is int or c is str or c is bool or v is None):
            v = to_plain(v)
        out.append(v)
    return out


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value):
    """The one JSON text of a value: sorted keys, no spaces, floats rounded to 6 places."""
    return _CANONICAL.encode(to_plain(value))


def digest(state):
    """A short sha256 of the whole state, written into the replay for each turn: the first 16 hex
    digits of sha256 over the UTF-8 of canonical_json(state) (see docs/replay-format.md)."""
    return hashlib.sha256(canonical_json(state).encode()).hexdigest()[:16]
