"""The typed rules' records: one frozen class per record of the rules schema (wargame/rules.py).

Generated, do not edit: after changing the schema, run
    python -c "from wargame.rules import RECORDS_FILE, rule_records_source as s; RECORDS_FILE.write_text(s())"
(tests/test_rules.py checks that this file is up to date). Attributes are the YAML keys; every record
may carry a `source` note. Tables keyed by ids are read-only mappings (FrozenMap) in YAML order.
The classes are plain (written out, so importing them costs no class building) and behave as frozen attrs
classes: attrs.fields, attrs.evolve and attrs.asdict work on them.
"""

import datetime  # noqa: F401 (used by date fields, if any)
from collections.abc import Mapping

from wargame.schema import FrozenRecord as _Record, declare_fields as _declare, set_field as _set


class Area(_Record):
    """areas.ID"""

    __slots__ = ("name", "requirement", "weight", "source")

    name: str
    requirement: float
    weight: float
    source: str | None

    def __init__(self, *, name, requirement, weight, source=None):
        _set(self, "name", name)
        _set(self, "requirement", requirement)
        _set(self, "weight", weight)
        _set(self, "source", source)


_declare(Area, {"source": None})


class Item(_Record):
    """items.ID"""

    __slots__ = ("name", "role", "area", "kind", "points", "source")

    name: str
    role: str | None
    area: str | None
    kind: str
    points: float
    source: str | None

    def __init__(self, *, name, role, area, kind, points, source=None):
        _set(self, "name", name)
        _set(self, "role", role)
        _set(self, "area", area)
        _set(self, "kind", kind)
        _set(self, "points", points)
        _set(self, "source", source)


_declare(Item, {"source": None})


class Supplier(_Record):
    """suppliers.ID"""

    __slots__ = ("name", "owner", "site", "item", "capacity_per_day", "unit_cost", "buyers", "batch_days",
                 "fms", "feedstock", "full_rate_feedstock", "source")

    name: str
    owner: str
    site: str
    item: str
    capacity_per_day: float
    unit_cost: float
    buyers: tuple[str, ...]
    batch_days: int
    fms: bool
    feedstock: str | None
    full_rate_feedstock: float | None
    source: str | None

    def __init__(self, *, name, owner, site, item, capacity_per_day, unit_cost, buyers, batch_days, fms,
                 feedstock, full_rate_feedstock, source=None):
        _set(self, "name", name)
        _set(self, "owner", owner)
        _set(self, "site", site)
        _set(self, "item", item)
        _set(self, "capacity_per_day", capacity_per_day)
        _set(self, "unit_cost", unit_cost)
        _set(self, "buyers", buyers)
        _set(self, "batch_days", batch_days)
        _set(self, "fms", fms)
        _set(self, "feedstock", feedstock)
        _set(self, "full_rate_feedstock", full_rate_feedstock)
        _set(self, "source", source)


_declare(Supplier, {"source": None})


class Build(_Record):
    """builds.ID"""

    __slots__ = ("name", "builders", "eu_level", "expands", "owner", "site", "item", "unit_cost", "buyers",
                 "batch_days", "capacity_per_day", "capex", "build_days", "ramp_days", "source")

    name: str
    builders: tuple[str, ...]
    eu_level: bool
    expands: str | None
    owner: str | None
    site: str | None
    item: str | None
    unit_cost: float | None
    buyers: tuple[str, ...] | None
    batch_days: int | None
    capacity_per_day: float
    capex: float
    build_days: int
    ramp_days: int
    source: str | None

    def __init__(self, *, name, builders, eu_level, expands, owner, site, item, unit_cost, buyers, batch_days,
                 capacity_per_day, capex, build_days, ramp_days, source=None):
        _set(self, "name", name)
        _set(self, "builders", builders)
        _set(self, "eu_level", eu_level)
        _set(self, "expands", expands)
        _set(self, "owner", owner)
        _set(self, "site", site)
        _set(self, "item", item)
        _set(self, "unit_cost", unit_cost)
        _set(self, "buyers", buyers)
        _set(self, "batch_days", batch_days)
        _set(self, "capacity_per_day", capacity_per_day)
        _set(self, "capex", capex)
        _set(self, "build_days", build_days)
        _set(self, "ramp_days", ramp_days)
        _set(self, "source", source)


_declare(Build, {"source": None})


class Project(_Record):
    """projects.ID"""

    __slots__ = ("name", "eu_level", "cost", "duration_days", "delivers", "points", "source")

    name: str
    eu_level: bool
    cost: float
    duration_days: int
    delivers: Mapping[str, int]
    points: Mapping[str, float]
    source: str | None

    def __init__(self, *, name, eu_level, cost, duration_days, delivers, points, source=None):
        _set(self, "name", name)
        _set(self, "eu_level", eu_level)
        _set(self, "cost", cost)
        _set(self, "duration_days", duration_days)
        _set(self, "delivers", delivers)
        _set(self, "points", points)
        _set(self, "source", source)


_declare(Project, {"source": None})


class MoneyEu(_Record):
    """money.eu"""

    __slots__ = ("gdp", "budget_share_start", "budget_share_min", "budget_share_max", "max_change_per_turn",
                 "baseline_share", "escape_clause_max", "game_share", "contracting_days", "source")

    gdp: float
    budget_share_start: float
    budget_share_min: float
    budget_share_max: float
    max_change_per_turn: float
    baseline_share: float
    escape_clause_max: float
    game_share: float
    contracting_days: int
    source: str | None

    def __init__(self, *, gdp, budget_share_start, budget_share_min, budget_share_max, max_change_per_turn,
                 baseline_share, escape_clause_max, game_share, contracting_days, source=None):
        _set(self, "gdp", gdp)
        _set(self, "budget_share_start", budget_share_start)
        _set(self, "budget_share_min", budget_share_min)
        _set(self, "budget_share_max", budget_share_max)
        _set(self, "max_change_per_turn", max_change_per_turn)
        _set(self, "baseline_share", baseline_share)
        _set(self, "escape_clause_max", escape_clause_max)
        _set(self, "game_share", game_share)
        _set(self, "contracting_days", contracting_days)
        _set(self, "source", source)


_declare(MoneyEu, {"source": None})


class MoneySafe(_Record):
    """money.safe"""

    __slots__ = ("total", "max_draw_per_turn", "eligible_sites", "source")

    total: float
    max_draw_per_turn: float
    eligible_sites: tuple[str, ...]
    source: str | None

    def __init__(self, *, total, max_draw_per_turn, eligible_sites, source=None):
        _set(self, "total", total)
        _set(self, "max_draw_per_turn", max_draw_per_turn)
        _set(self, "eligible_sites", eligible_sites)
        _set(self, "source", source)


_declare(MoneySafe, {"source": None})


class MoneyEdip(_Record):
    """money.edip"""

    __slots__ = ("grant_per_turn", "ukraine_share", "last_turn", "source")

    grant_per_turn: float
    ukraine_share: float
    last_turn: int
    source: str | None

    def __init__(self, *, grant_per_turn, ukraine_share, last_turn, source=None):
        _set(self, "grant_per_turn", grant_per_turn)
        _set(self, "ukraine_share", ukraine_share)
        _set(self, "last_turn", last_turn)
        _set(self, "source", source)


_declare(MoneyEdip, {"source": None})


class MoneyCoalition(_Record):
    """money.coalition"""

    __slots__ = ("extra_cost", "source")

    extra_cost: float
    source: str | None

    def __init__(self, *, extra_cost, source=None):
        _set(self, "extra_cost", extra_cost)
        _set(self, "source", source)


_declare(MoneyCoalition, {"source": None})


class MoneyUkraine(_Record):
    """money.ukraine"""

    __slots__ = ("budget_per_turn", "contracting_days", "source")

    budget_per_turn: float
    contracting_days: int
    source: str | None

    def __init__(self, *, budget_per_turn, contracting_days, source=None):
        _set(self, "budget_per_turn", budget_per_turn)
        _set(self, "contracting_days", contracting_days)
        _set(self, "source", source)


_declare(MoneyUkraine, {"source": None})


class MoneyRussia(_Record):
    """money.russia"""

    __slots__ = ("budget_per_turn", "sanctions_decline_per_turn", "contracting_days", "source")

    budget_per_turn: float
    sanctions_decline_per_turn: float
    contracting_days: int
    source: str | None

    def __init__(self, *, budget_per_turn, sanctions_decline_per_turn, contracting_days, source=None):
        _set(self, "budget_per_turn", budget_per_turn)
        _set(self, "sanctions_decline_per_turn", sanctions_decline_per_turn)
        _set(self, "contracting_days", contracting_days)
        _set(self, "source", source)


_declare(MoneyRussia, {"source": None})


class Money(_Record):
    """money"""

    __slots__ = ("eu", "safe", "edip", "coalition", "ukraine", "russia", "source")

    eu: "MoneyEu"
    safe: "MoneySafe"
    edip: "MoneyEdip"
    coalition: "MoneyCoalition"
    ukraine: "MoneyUkraine"
    russia: "MoneyRussia"
    source: str | None

    def __init__(self, *, eu, safe, edip, coalition, ukraine, russia, source=None):
        _set(self, "eu", eu)
        _set(self, "safe", safe)
        _set(self, "edip", edip)
        _set(self, "coalition", coalition)
        _set(self, "ukraine", ukraine)
        _set(self, "russia", russia)
        _set(self, "source", source)


_declare(Money, {"source": None})


class StartEu(_Record):
    """start.eu"""

    __slots__ = ("stocks", "source")

    stocks: Mapping[str, int]
    source: str | None

    def __init__(self, *, stocks, source=None):
        _set(self, "stocks", stocks)
        _set(self, "source", source)


_declare(StartEu, {"source": None})


class StartUkraine(_Record):
    """start.ukraine"""

    __slots__ = ("stocks", "troops", "source")

    stocks: Mapping[str, int]
    troops: int
    source: str | None

    def __init__(self, *, stocks, troops, source=None):
        _set(self, "stocks", stocks)
        _set(self, "troops", troops)
        _set(self, "source", source)


_declare(StartUkraine, {"source": None})


class StartRussia(_Record):
    """start.russia"""

    __slots__ = ("stocks", "troops", "source")

    stocks: Mapping[str, int]
    troops: int
    source: str | None

    def __init__(self, *, stocks, troops, source=None):
        _set(self, "stocks", stocks)
        _set(self, "troops", troops)
        _set(self, "source", source)


_declare(StartRussia, {"source": None})


class StartUs(_Record):
    """start.us"""

    __slots__ = ("troops", "points", "aid_day", "aid_per_turn", "source")

    troops: int
    points: Mapping[str, float]
    aid_day: int
    aid_per_turn: Mapping[str, int]
    source: str | None

    def __init__(self, *, troops, points, aid_day, aid_per_turn, source=None):
        _set(self, "troops", troops)
        _set(self, "points", points)
        _set(self, "aid_day", aid_day)
        _set(self, "aid_per_turn", aid_per_turn)
        _set(self, "source", source)


_declare(StartUs, {"source": None})


class Start(_Record):
    """start"""

    __slots__ = ("eu", "ukraine", "russia", "us", "source")

    eu: "StartEu"
    ukraine: "StartUkraine"
    russia: "StartRussia"
    us: "StartUs"
    source: str | None

    def __init__(self, *, eu, ukraine, russia, us, source=None):
        _set(self, "eu", eu)
        _set(self, "ukraine", ukraine)
        _set(self, "russia", russia)
        _set(self, "us", us)
        _set(self, "source", source)


_declare(Start, {"source": None})


class PressureRow(_Record):
    """front.russia.pressure.ID"""

    __slots__ = ("shells_per_day", "fpv_per_day", "attack", "losses_per_day", "howitzer_losses_per_day",
                 "tank_losses_per_day", "armoured_vehicle_losses_per_day", "source")

    shells_per_day: float
    fpv_per_day: float
    attack: float
    losses_per_day: float
    howitzer_losses_per_day: float
    tank_losses_per_day: float
    armoured_vehicle_losses_per_day: float
    source: str | None

    def __init__(self, *, shells_per_day, fpv_per_day, attack, losses_per_day, howitzer_losses_per_day,
                 tank_losses_per_day, armoured_vehicle_losses_per_day, source=None):
        _set(self, "shells_per_day", shells_per_day)
        _set(self, "fpv_per_day", fpv_per_day)
        _set(self, "attack", attack)
        _set(self, "losses_per_day", losses_per_day)
        _set(self, "howitzer_losses_per_day", howitzer_losses_per_day)
        _set(self, "tank_losses_per_day", tank_losses_per_day)
        _set(self, "armoured_vehicle_losses_per_day", armoured_vehicle_losses_per_day)
        _set(self, "source", source)


_declare(PressureRow, {"source": None})


class FrontNeed(_Record):
    """front.russia.need"""

    __slots__ = ("howitzer", "tank", "armoured_vehicle", "source")

    howitzer: float
    tank: float
    armoured_vehicle: float
    source: str | None

    def __init__(self, *, howitzer, tank, armoured_vehicle, source=None):
        _set(self, "howitzer", howitzer)
        _set(self, "tank", tank)
        _set(self, "armoured_vehicle", armoured_vehicle)
        _set(self, "source", source)


_declare(FrontNeed, {"source": None})


class FrontRussia(_Record):
    """front.russia"""

    __slots__ = ("pressure", "recruits_per_day", "need", "reference_troops", "source")

    pressure: Mapping[str, "PressureRow"]
    recruits_per_day: float
    need: "FrontNeed"
    reference_troops: int
    source: str | None

    def __init__(self, *, pressure, recruits_per_day, need, reference_troops, source=None):
        _set(self, "pressure", pressure)
        _set(self, "recruits_per_day", recruits_per_day)
        _set(self, "need", need)
        _set(self, "reference_troops", reference_troops)
        _set(self, "source", source)


_declare(FrontRussia, {"source": None})


class FrontUkraine(_Record):
    """front.ukraine"""

    __slots__ = ("shells_per_day", "fpv_per_day", "losses_per_day", "howitzer_losses_per_day",
                 "tank_losses_per_day", "armoured_vehicle_losses_per_day", "recruits_per_day", "need",
                 "reference_troops", "source")

    shells_per_day: float
    fpv_per_day: float
    losses_per_day: float
    howitzer_losses_per_day: float
    tank_losses_per_day: float
    armoured_vehicle_losses_per_day: float
    recruits_per_day: float
    need: "FrontNeed"
    reference_troops: int
    source: str | None

    def __init__(self, *, shells_per_day, fpv_per_day, losses_per_day, howitzer_losses_per_day,
                 tank_losses_per_day, armoured_vehicle_losses_per_day, recruits_per_day, need,
                 reference_troops, source=None):
        _set(self, "shells_per_day", shells_per_day)
        _set(self, "fpv_per_day", fpv_per_day)
        _set(self, "losses_per_day", losses_per_day)
        _set(self, "howitzer_losses_per_day", howitzer_losses_per_day)
        _set(self, "tank_losses_per_day", tank_losses_per_day)
        _set(self, "armoured_vehicle_losses_per_day", armoured_vehicle_losses_per_day)
        _set(self, "recruits_per_day", recruits_per_day)
        _set(self, "need", need)
        _set(self, "reference_troops", reference_troops)
        _set(self, "source", source)


_declare(FrontUkraine, {"source": None})


class FrontBands(_Record):
    """front.bands[i]"""

    __slots__ = ("min_ratio", "km2_per_day", "ru_loss", "ua_loss", "source")

    min_ratio: float
    km2_per_day: float
    ru_loss: float
    ua_loss: float
    source: str | None

    def __init__(self, *, min_ratio, km2_per_day, ru_loss, ua_loss, source=None):
        _set(self, "min_ratio", min_ratio)
        _set(self, "km2_per_day", km2_per_day)
        _set(self, "ru_loss", ru_loss)
        _set(self, "ua_loss", ua_loss)
        _set(self, "source", source)


_declare(FrontBands, {"source": None})


class Front(_Record):
    """front"""

    __slots__ = ("step_days", "roll_low", "roll_high", "weights", "intel_bonus", "air_cover_bonus",
                 "ratio_when_unopposed", "russia", "ukraine", "bands", "bands_source", "source")

    step_days: int
    roll_low: float
    roll_high: float
    weights: Mapping[str, float]
    intel_bonus: float
    air_cover_bonus: float
    ratio_when_unopposed: float
    russia: "FrontRussia"
    ukraine: "FrontUkraine"
    bands: tuple["FrontBands", ...]
    bands_source: str
    source: str | None

    def __init__(self, *, step_days, roll_low, roll_high, weights, intel_bonus, air_cover_bonus,
                 ratio_when_unopposed, russia, ukraine, bands, bands_source, source=None):
        _set(self, "step_days", step_days)
        _set(self, "roll_low", roll_low)
        _set(self, "roll_high", roll_high)
        _set(self, "weights", weights)
        _set(self, "intel_bonus", intel_bonus)
        _set(self, "air_cover_bonus", air_cover_bonus)
        _set(self, "ratio_when_unopposed", ratio_when_unopposed)
        _set(self, "russia", russia)
        _set(self, "ukraine", ukraine)
        _set(self, "bands", bands)
        _set(self, "bands_source", bands_source)
        _set(self, "source", source)


_declare(Front, {"source": None})


class StrikesDeepStrikes(_Record):
    """strikes.deep_strikes"""

    __slots__ = ("waves_per_turn", "intercept", "leak_roll_low", "leak_roll_high", "revenue_loss_per_hit",
                 "max_budget_loss_share", "source")

    waves_per_turn: int
    intercept: float
    leak_roll_low: float
    leak_roll_high: float
    revenue_loss_per_hit: float
    max_budget_loss_share: float
    source: str | None

    def __init__(self, *, waves_per_turn, intercept, leak_roll_low, leak_roll_high, revenue_loss_per_hit,
                 max_budget_loss_share, source=None):
        _set(self, "waves_per_turn", waves_per_turn)
        _set(self, "intercept", intercept)
        _set(self, "leak_roll_low", leak_roll_low)
        _set(self, "leak_roll_high", leak_roll_high)
        _set(self, "revenue_loss_per_hit", revenue_loss_per_hit)
        _set(self, "max_budget_loss_share", max_budget_loss_share)
        _set(self, "source", source)


_declare(StrikesDeepStrikes, {"source": None})


class Strikes(_Record):
    """strikes"""

    __slots__ = ("waves_per_turn", "drone_intercept", "missile_intercept",
                 "missile_intercept_without_interceptors", "interceptors_per_missile", "batteries_needed",
                 "intel_warning_bonus", "leak_roll_low", "leak_roll_high", "damage_per_drone",
                 "damage_per_missile", "max_damage", "repair_per_day", "energy_damage_per_drone",
                 "energy_damage_per_missile", "energy_recovery_per_day", "max_energy_damage",
                 "priority_share", "priority_source", "deep_strikes", "source")

    waves_per_turn: int
    drone_intercept: float
    missile_intercept: float
    missile_intercept_without_interceptors: float
    interceptors_per_missile: int
    batteries_needed: float
    intel_warning_bonus: float
    leak_roll_low: float
    leak_roll_high: float
    damage_per_drone: float
    damage_per_missile: float
    max_damage: float
    repair_per_day: float
    energy_damage_per_drone: float
    energy_damage_per_missile: float
    energy_recovery_per_day: float
    max_energy_damage: float
    priority_share: Mapping[str, Mapping[str, float]]
    priority_source: str
    deep_strikes: "StrikesDeepStrikes"
    source: str | None

    def __init__(self, *, waves_per_turn, drone_intercept, missile_intercept,
                 missile_intercept_without_interceptors, interceptors_per_missile, batteries_needed,
                 intel_warning_bonus, leak_roll_low, leak_roll_high, damage_per_drone, damage_per_missile,
                 max_damage, repair_per_day, energy_damage_per_drone, energy_damage_per_missile,
                 energy_recovery_per_day, max_energy_damage, priority_share, priority_source, deep_strikes,
                 source=None):
        _set(self, "waves_per_turn", waves_per_turn)
        _set(self, "drone_intercept", drone_intercept)
        _set(self, "missile_intercept", missile_intercept)
        _set(self, "missile_intercept_without_interceptors", missile_intercept_without_interceptors)
        _set(self, "interceptors_per_missile", interceptors_per_missile)
        _set(self, "batteries_needed", batteries_needed)
        _set(self, "intel_warning_bonus", intel_warning_bonus)
        _set(self, "leak_roll_low", leak_roll_low)
        _set(self, "leak_roll_high", leak_roll_high)
        _set(self, "damage_per_drone", damage_per_drone)
        _set(self, "damage_per_missile", damage_per_missile)
        _set(self, "max_damage", max_damage)
        _set(self, "repair_per_day", repair_per_day)
        _set(self, "energy_damage_per_drone", energy_damage_per_drone)
        _set(self, "energy_damage_per_missile", energy_damage_per_missile)
        _set(self, "energy_recovery_per_day", energy_recovery_per_day)
        _set(self, "max_energy_damage", max_energy_damage)
        _set(self, "priority_share", priority_share)
        _set(self, "priority_source", priority_source)
        _set(self, "deep_strikes", deep_strikes)
        _set(self, "source", source)


_declare(Strikes, {"source": None})


class DeterrenceBands(_Record):
    """deterrence.bands[i]"""

    __slots__ = ("min_ratio", "crisis_probability", "source")

    min_ratio: float
    crisis_probability: float
    source: str | None

    def __init__(self, *, min_ratio, crisis_probability, source=None):
        _set(self, "min_ratio", min_ratio)
        _set(self, "crisis_probability", crisis_probability)
        _set(self, "source", source)


_declare(DeterrenceBands, {"source": None})


class ProbingLevel(_Record):
    """deterrence.probing.ID"""

    __slots__ = ("probability", "cost", "source")

    probability: float
    cost: float
    source: str | None

    def __init__(self, *, probability, cost, source=None):
        _set(self, "probability", probability)
        _set(self, "cost", cost)
        _set(self, "source", source)


_declare(ProbingLevel, {"source": None})


class CrisisKind(_Record):
    """deterrence.crisis_kinds.ID"""

    __slots__ = ("probability", "cohesion", "support", "source")

    probability: float
    cohesion: float
    support: float
    source: str | None

    def __init__(self, *, probability, cohesion, support, source=None):
        _set(self, "probability", probability)
        _set(self, "cohesion", cohesion)
        _set(self, "support", support)
        _set(self, "source", source)


_declare(CrisisKind, {"source": None})


class Deterrence(_Record):
    """deterrence"""

    __slots__ = ("force_weights", "reference_force", "us_troop_weight", "us_troop_reference",
                 "sustained_min_ratio", "ratio_when_unready", "sustained_step", "sustained_max", "bands",
                 "bands_source", "probing", "probing_source", "crisis_kinds", "crisis_source", "source")

    force_weights: Mapping[str, float]
    reference_force: float
    us_troop_weight: float
    us_troop_reference: float
    sustained_min_ratio: float
    ratio_when_unready: float
    sustained_step: float
    sustained_max: float
    bands: tuple["DeterrenceBands", ...]
    bands_source: str
    probing: Mapping[str, "ProbingLevel"]
    probing_source: str
    crisis_kinds: Mapping[str, "CrisisKind"]
    crisis_source: str
    source: str | None

    def __init__(self, *, force_weights, reference_force, us_troop_weight, us_troop_reference,
                 sustained_min_ratio, ratio_when_unready, sustained_step, sustained_max, bands, bands_source,
                 probing, probing_source, crisis_kinds, crisis_source, source=None):
        _set(self, "force_weights", force_weights)
        _set(self, "reference_force", reference_force)
        _set(self, "us_troop_weight", us_troop_weight)
        _set(self, "us_troop_reference", us_troop_reference)
        _set(self, "sustained_min_ratio", sustained_min_ratio)
        _set(self, "ratio_when_unready", ratio_when_unready)
        _set(self, "sustained_step", sustained_step)
        _set(self, "sustained_max", sustained_max)
        _set(self, "bands", bands)
        _set(self, "bands_source", bands_source)
        _set(self, "probing", probing)
        _set(self, "probing_source", probing_source)
        _set(self, "crisis_kinds", crisis_kinds)
        _set(self, "crisis_source", crisis_source)
        _set(self, "source", source)


_declare(Deterrence, {"source": None})


class PoliticsVetoBands(_Record):
    """politics.veto_bands[i]"""

    __slots__ = ("min_cohesion", "veto_probability", "source")

    min_cohesion: float
    veto_probability: float
    source: str | None

    def __init__(self, *, min_cohesion, veto_probability, source=None):
        _set(self, "min_cohesion", min_cohesion)
        _set(self, "veto_probability", veto_probability)
        _set(self, "source", source)


_declare(PoliticsVetoBands, {"source": None})


class Shock(_Record):
    """politics.shocks.ID"""

    __slots__ = ("cohesion", "support", "source")

    cohesion: float
    support: float
    source: str | None

    def __init__(self, *, cohesion, support, source=None):
        _set(self, "cohesion", cohesion)
        _set(self, "support", support)
        _set(self, "source", source)


_declare(Shock, {"source": None})


class Politics(_Record):
    """politics"""

    __slots__ = ("cohesion_start", "support_start", "reversion", "veto_delay_days", "coalition_cohesion",
                 "veto_cohesion", "spending_comfort_share", "support_per_point_above",
                 "ground_support_per_1000km2", "veto_bands", "veto_source", "shocks", "short_notice_days",
                 "shocks_source", "source")

    cohesion_start: float
    support_start: float
    reversion: float
    veto_delay_days: int
    coalition_cohesion: float
    veto_cohesion: float
    spending_comfort_share: float
    support_per_point_above: float
    ground_support_per_1000km2: float
    veto_bands: tuple["PoliticsVetoBands", ...]
    veto_source: str
    shocks: Mapping[str, "Shock"]
    short_notice_days: int
    shocks_source: str
    source: str | None

    def __init__(self, *, cohesion_start, support_start, reversion, veto_delay_days, coalition_cohesion,
                 veto_cohesion, spending_comfort_share, support_per_point_above, ground_support_per_1000km2,
                 veto_bands, veto_source, shocks, short_notice_days, shocks_source, source=None):
        _set(self, "cohesion_start", cohesion_start)
        _set(self, "support_start", support_start)
        _set(self, "reversion", reversion)
        _set(self, "veto_delay_days", veto_delay_days)
        _set(self, "coalition_cohesion", coalition_cohesion)
        _set(self, "veto_cohesion", veto_cohesion)
        _set(self, "spending_comfort_share", spending_comfort_share)
        _set(self, "support_per_point_above", support_per_point_above)
        _set(self, "ground_support_per_1000km2", ground_support_per_1000km2)
        _set(self, "veto_bands", veto_bands)
        _set(self, "veto_source", veto_source)
        _set(self, "shocks", shocks)
        _set(self, "short_notice_days", short_notice_days)
        _set(self, "shocks_source", shocks_source)
        _set(self, "source", source)


_declare(Politics, {"source": None})


class Objective(_Record):
    """objectives.eu[i]"""

    __slots__ = ("id", "text", "metric", "op", "target", "points", "source")

    id: str
    text: str
    metric: str
    op: str
    target: float
    points: float
    source: str | None

    def __init__(self, *, id, text, metric, op, target, points, source=None):
        _set(self, "id", id)
        _set(self, "text", text)
        _set(self, "metric", metric)
        _set(self, "op", op)
        _set(self, "target", target)
        _set(self, "points", points)
        _set(self, "source", source)


_declare(Objective, {"source": None})


class Objectives(_Record):
    """objectives"""

    __slots__ = ("eu", "ukraine", "russia", "source")

    eu: tuple["Objective", ...]
    ukraine: tuple["Objective", ...]
    russia: tuple["Objective", ...]
    source: str | None

    def __init__(self, *, eu, ukraine, russia, source=None):
        _set(self, "eu", eu)
        _set(self, "ukraine", ukraine)
        _set(self, "russia", russia)
        _set(self, "source", source)


_declare(Objectives, {"source": None})


class BotsDefault(_Record):
    """bots.default"""

    __slots__ = ("eu", "ukraine", "russia", "source")

    eu: str
    ukraine: str
    russia: str
    source: str | None

    def __init__(self, *, eu, ukraine, russia, source=None):
        _set(self, "eu", eu)
        _set(self, "ukraine", ukraine)
        _set(self, "russia", russia)
        _set(self, "source", source)


_declare(BotsDefault, {"source": None})


class EuBot(_Record):
    """bots.eu.ID"""

    __slots__ = ("description", "budget_target", "gap_budget_step", "builds", "projects", "safe_draw",
                 "ukraine_share", "danish_share", "project_cash_share", "prefer_fms", "reserve_share",
                 "decision", "joint_ventures_first", "step_reaction", "source")

    description: str
    budget_target: float
    gap_budget_step: float
    builds: tuple[str, ...]
    projects: tuple[str, ...]
    safe_draw: float
    ukraine_share: float
    danish_share: float
    project_cash_share: float
    prefer_fms: bool
    reserve_share: float
    decision: str
    joint_ventures_first: bool
    step_reaction: float
    source: str | None

    def __init__(self, *, description, budget_target, gap_budget_step, builds, projects, safe_draw,
                 ukraine_share, danish_share, project_cash_share, prefer_fms, reserve_share, decision,
                 joint_ventures_first, step_reaction, source=None):
        _set(self, "description", description)
        _set(self, "budget_target", budget_target)
        _set(self, "gap_budget_step", gap_budget_step)
        _set(self, "builds", builds)
        _set(self, "projects", projects)
        _set(self, "safe_draw", safe_draw)
        _set(self, "ukraine_share", ukraine_share)
        _set(self, "danish_share", danish_share)
        _set(self, "project_cash_share", project_cash_share)
        _set(self, "prefer_fms", prefer_fms)
        _set(self, "reserve_share", reserve_share)
        _set(self, "decision", decision)
        _set(self, "joint_ventures_first", joint_ventures_first)
        _set(self, "step_reaction", step_reaction)
        _set(self, "source", source)


_declare(EuBot, {"source": None})


class UkraineBot(_Record):
    """bots.ukraine.ID"""

    __slots__ = ("description", "mix", "front_share", "air_defence", "request", "deep_strike_share",
                 "new_lines", "builds", "build_budget_share", "step_reaction", "source")

    description: str
    mix: Mapping[str, float]
    front_share: float
    air_defence: str
    request: Mapping[str, int]
    deep_strike_share: float
    new_lines: bool
    builds: tuple[str, ...]
    build_budget_share: float
    step_reaction: float
    source: str | None

    def __init__(self, *, description, mix, front_share, air_defence, request, deep_strike_share, new_lines,
                 builds, build_budget_share, step_reaction, source=None):
        _set(self, "description", description)
        _set(self, "mix", mix)
        _set(self, "front_share", front_share)
        _set(self, "air_defence", air_defence)
        _set(self, "request", request)
        _set(self, "deep_strike_share", deep_strike_share)
        _set(self, "new_lines", new_lines)
        _set(self, "builds", builds)
        _set(self, "build_budget_share", build_budget_share)
        _set(self, "step_reaction", step_reaction)
        _set(self, "source", source)


_declare(UkraineBot, {"source": None})


class BotsRussiaStrikeShare(_Record):
    """bots.russia.ID.strike_share"""

    __slots__ = ("cruise_missile", "long_range_drone", "source")

    cruise_missile: float
    long_range_drone: float
    source: str | None

    def __init__(self, *, cruise_missile, long_range_drone, source=None):
        _set(self, "cruise_missile", cruise_missile)
        _set(self, "long_range_drone", long_range_drone)
        _set(self, "source", source)


_declare(BotsRussiaStrikeShare, {"source": None})


class RussiaBot(_Record):
    """bots.russia.ID"""

    __slots__ = ("description", "pressure", "mix", "strike_share", "strike_target", "flank_reserve",
                 "probing", "builds", "build_budget_share", "step_reaction", "source")

    description: str
    pressure: str
    mix: Mapping[str, float]
    strike_share: "BotsRussiaStrikeShare"
    strike_target: str
    flank_reserve: float
    probing: str
    builds: tuple[str, ...]
    build_budget_share: float
    step_reaction: int
    source: str | None

    def __init__(self, *, description, pressure, mix, strike_share, strike_target, flank_reserve, probing,
                 builds, build_budget_share, step_reaction, source=None):
        _set(self, "description", description)
        _set(self, "pressure", pressure)
        _set(self, "mix", mix)
        _set(self, "strike_share", strike_share)
        _set(self, "strike_target", strike_target)
        _set(self, "flank_reserve", flank_reserve)
        _set(self, "probing", probing)
        _set(self, "builds", builds)
        _set(self, "build_budget_share", build_budget_share)
        _set(self, "step_reaction", step_reaction)
        _set(self, "source", source)


_declare(RussiaBot, {"source": None})


class UsBot(_Record):
    """bots.us.ID"""

    __slots__ = ("description", "areas", "every_turns", "share", "troops", "announce_day", "notice_days",
                 "handover", "aid_start", "aid_step", "pause_turns", "source")

    description: str
    areas: tuple[str, ...]
    every_turns: int
    share: float
    troops: int
    announce_day: int
    notice_days: int
    handover: float
    aid_start: float
    aid_step: float
    pause_turns: int
    source: str | None

    def __init__(self, *, description, areas, every_turns, share, troops, announce_day, notice_days, handover,
                 aid_start, aid_step, pause_turns, source=None):
        _set(self, "description", description)
        _set(self, "areas", areas)
        _set(self, "every_turns", every_turns)
        _set(self, "share", share)
        _set(self, "troops", troops)
        _set(self, "announce_day", announce_day)
        _set(self, "notice_days", notice_days)
        _set(self, "handover", handover)
        _set(self, "aid_start", aid_start)
        _set(self, "aid_step", aid_step)
        _set(self, "pause_turns", pause_turns)
        _set(self, "source", source)


_declare(UsBot, {"source": None})


class Bots(_Record):
    """bots"""

    __slots__ = ("default", "eu", "ukraine", "russia", "us", "source")

    default: "BotsDefault"
    eu: Mapping[str, "EuBot"]
    ukraine: Mapping[str, "UkraineBot"]
    russia: Mapping[str, "RussiaBot"]
    us: Mapping[str, "UsBot"]
    source: str | None

    def __init__(self, *, default, eu, ukraine, russia, us, source=None):
        _set(self, "default", default)
        _set(self, "eu", eu)
        _set(self, "ukraine", ukraine)
        _set(self, "russia", russia)
        _set(self, "us", us)
        _set(self, "source", source)


_declare(Bots, {"source": None})


class SideAudience(_Record):
    """visibility.by_side.ID"""

    __slots__ = ("eu", "ukraine", "russia", "source")

    eu: str
    ukraine: str
    russia: str
    source: str | None

    def __init__(self, *, eu, ukraine, russia, source=None):
        _set(self, "eu", eu)
        _set(self, "ukraine", ukraine)
        _set(self, "russia", russia)
        _set(self, "source", source)


_declare(SideAudience, {"source": None})


class Visibility(_Record):
    """visibility"""

    __slots__ = ("events", "by_side", "source")

    events: Mapping[str, str]
    by_side: Mapping[str, "SideAudience"]
    source: str | None

    def __init__(self, *, events, by_side, source=None):
        _set(self, "events", events)
        _set(self, "by_side", by_side)
        _set(self, "source", source)


_declare(Visibility, {"source": None})


class InjectLimits(_Record):
    """adjudication.injects"""

    __slots__ = ("front_km2", "crises", "delay_days", "source")

    front_km2: float
    crises: int
    delay_days: int
    source: str | None

    def __init__(self, *, front_km2, crises, delay_days, source=None):
        _set(self, "front_km2", front_km2)
        _set(self, "crises", crises)
        _set(self, "delay_days", delay_days)
        _set(self, "source", source)


_declare(InjectLimits, {"source": None})


class Question(_Record):
    """adjudication.questions.ID"""

    __slots__ = ("text", "rolls", "mode", "outcomes", "matrix_for", "matrix_against", "factor", "source")

    text: str
    rolls: tuple[str, ...]
    mode: str
    outcomes: Mapping[str, float]
    matrix_for: str
    matrix_against: str
    factor: str | None
    source: str | None

    def __init__(self, *, text, rolls, mode, outcomes, matrix_for, matrix_against, factor, source=None):
        _set(self, "text", text)
        _set(self, "rolls", rolls)
        _set(self, "mode", mode)
        _set(self, "outcomes", outcomes)
        _set(self, "matrix_for", matrix_for)
        _set(self, "matrix_against", matrix_against)
        _set(self, "factor", factor)
        _set(self, "source", source)


_declare(Question, {"source": None})


class Adjudication(_Record):
    """adjudication"""

    __slots__ = ("matrix_target", "injects", "questions", "source")

    matrix_target: int
    injects: "InjectLimits"
    questions: Mapping[str, "Question"]
    source: str | None

    def __init__(self, *, matrix_target, injects, questions, source=None):
        _set(self, "matrix_target", matrix_target)
        _set(self, "injects", injects)
        _set(self, "questions", questions)
        _set(self, "source", source)


_declare(Adjudication, {"source": None})


class UsStep(_Record):
    """us.steps[i]"""

    __slots__ = ("turn", "day", "notice_days", "areas", "troops", "handover", "source")

    turn: int
    day: int
    notice_days: int
    areas: Mapping[str, float]
    troops: int
    handover: float
    source: str | None

    def __init__(self, *, turn, day, notice_days, areas, troops, handover, source=None):
        _set(self, "turn", turn)
        _set(self, "day", day)
        _set(self, "notice_days", notice_days)
        _set(self, "areas", areas)
        _set(self, "troops", troops)
        _set(self, "handover", handover)
        _set(self, "source", source)


_declare(UsStep, {"source": None})


class UsRandomSteps(_Record):
    """us.random_steps"""

    __slots__ = ("probability", "notice_days_max", "troops_min", "troops_max", "source")

    probability: float
    notice_days_max: int
    troops_min: int
    troops_max: int
    source: str | None

    def __init__(self, *, probability, notice_days_max, troops_min, troops_max, source=None):
        _set(self, "probability", probability)
        _set(self, "notice_days_max", notice_days_max)
        _set(self, "troops_min", troops_min)
        _set(self, "troops_max", troops_max)
        _set(self, "source", source)


_declare(UsRandomSteps, {"source": None})


class UsAid(_Record):
    """us.aid[i]"""

    __slots__ = ("from_turn", "share", "source")

    from_turn: int
    share: float
    source: str | None

    def __init__(self, *, from_turn, share, source=None):
        _set(self, "from_turn", from_turn)
        _set(self, "share", share)
        _set(self, "source", source)


_declare(UsAid, {"source": None})


class UsSeat(_Record):
    """us.seat"""

    __slots__ = ("bot", "areas", "max_steps_per_turn", "max_share_per_step", "max_troops_per_turn",
                 "notice_days_min", "notice_days_max", "handover_max", "pause_turns_max", "aid_min",
                 "aid_max", "source")

    bot: str
    areas: tuple[str, ...]
    max_steps_per_turn: int
    max_share_per_step: float
    max_troops_per_turn: int
    notice_days_min: int
    notice_days_max: int
    handover_max: float
    pause_turns_max: int
    aid_min: float
    aid_max: float
    source: str | None

    def __init__(self, *, bot, areas, max_steps_per_turn, max_share_per_step, max_troops_per_turn,
                 notice_days_min, notice_days_max, handover_max, pause_turns_max, aid_min, aid_max,
                 source=None):
        _set(self, "bot", bot)
        _set(self, "areas", areas)
        _set(self, "max_steps_per_turn", max_steps_per_turn)
        _set(self, "max_share_per_step", max_share_per_step)
        _set(self, "max_troops_per_turn", max_troops_per_turn)
        _set(self, "notice_days_min", notice_days_min)
        _set(self, "notice_days_max", notice_days_max)
        _set(self, "handover_max", handover_max)
        _set(self, "pause_turns_max", pause_turns_max)
        _set(self, "aid_min", aid_min)
        _set(self, "aid_max", aid_max)
        _set(self, "source", source)


_declare(UsSeat, {"source": None})


class UsPlan(_Record):
    """us"""

    __slots__ = ("roadmap", "steps", "random_steps", "fms_pause_probability", "intel_pause_probability",
                 "pause_turns", "aid", "aid_stop_probability", "seat", "source")

    roadmap: bool
    steps: tuple["UsStep", ...]
    random_steps: "UsRandomSteps"
    fms_pause_probability: float
    intel_pause_probability: float
    pause_turns: int
    aid: tuple["UsAid", ...]
    aid_stop_probability: float
    seat: "UsSeat | None"
    source: str | None

    def __init__(self, *, roadmap, steps, random_steps, fms_pause_probability, intel_pause_probability,
                 pause_turns, aid, aid_stop_probability, seat, source=None):
        _set(self, "roadmap", roadmap)
        _set(self, "steps", steps)
        _set(self, "random_steps", random_steps)
        _set(self, "fms_pause_probability", fms_pause_probability)
        _set(self, "intel_pause_probability", intel_pause_probability)
        _set(self, "pause_turns", pause_turns)
        _set(self, "aid", aid)
        _set(self, "aid_stop_probability", aid_stop_probability)
        _set(self, "seat", seat)
        _set(self, "source", source)


_declare(UsPlan, {"source": None})


class ScheduleRow(_Record):
    """schedule[i]"""

    __slots__ = ("date", "ukraine_budget_per_turn", "russia_budget_per_turn", "us_aid_share", "capacity",
                 "source")

    date: datetime.date
    ukraine_budget_per_turn: float | None
    russia_budget_per_turn: float | None
    us_aid_share: float | None
    capacity: Mapping[str, float]
    source: str | None

    def __init__(self, *, date, ukraine_budget_per_turn, russia_budget_per_turn, us_aid_share, capacity,
                 source=None):
        _set(self, "date", date)
        _set(self, "ukraine_budget_per_turn", ukraine_budget_per_turn)
        _set(self, "russia_budget_per_turn", russia_budget_per_turn)
        _set(self, "us_aid_share", us_aid_share)
        _set(self, "capacity", capacity)
        _set(self, "source", source)


_declare(ScheduleRow, {"source": None})
