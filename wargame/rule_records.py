"""The typed rules' records: one frozen attrs class per record of the rules schema (wargame/rules.py).

Generated, do not edit: after changing the schema, run
    python -c "from wargame.rules import RECORDS_FILE, rule_records_source as s; RECORDS_FILE.write_text(s())"
(tests/test_rules.py checks that this file is up to date). Attributes are the YAML keys; every record
may carry a `source` note. Tables keyed by ids are read-only mappings (FrozenMap) in YAML order.
"""

import datetime  # noqa: F401 (used by date fields, if any)
from collections.abc import Mapping

import attrs


@attrs.frozen(kw_only=True)
class Area:
    """areas.ID"""

    name: str
    requirement: float
    weight: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Item:
    """items.ID"""

    name: str
    role: str | None
    area: str | None
    kind: str
    points: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Supplier:
    """suppliers.ID"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class Build:
    """builds.ID"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class Project:
    """projects.ID"""

    name: str
    eu_level: bool
    cost: float
    duration_days: int
    delivers: Mapping[str, int]
    points: Mapping[str, float]
    source: str | None = None


@attrs.frozen(kw_only=True)
class MoneyEu:
    """money.eu"""

    gdp: float
    budget_share_start: float
    budget_share_min: float
    budget_share_max: float
    max_change_per_turn: float
    baseline_share: float
    escape_clause_max: float
    game_share: float
    contracting_days: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class MoneySafe:
    """money.safe"""

    total: float
    max_draw_per_turn: float
    eligible_sites: tuple[str, ...]
    source: str | None = None


@attrs.frozen(kw_only=True)
class MoneyEdip:
    """money.edip"""

    grant_per_turn: float
    ukraine_share: float
    last_turn: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class MoneyCoalition:
    """money.coalition"""

    extra_cost: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class MoneyUkraine:
    """money.ukraine"""

    budget_per_turn: float
    contracting_days: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class MoneyRussia:
    """money.russia"""

    budget_per_turn: float
    sanctions_decline_per_turn: float
    contracting_days: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class Money:
    """money"""

    eu: "MoneyEu"
    safe: "MoneySafe"
    edip: "MoneyEdip"
    coalition: "MoneyCoalition"
    ukraine: "MoneyUkraine"
    russia: "MoneyRussia"
    source: str | None = None


@attrs.frozen(kw_only=True)
class StartEu:
    """start.eu"""

    stocks: Mapping[str, int]
    source: str | None = None


@attrs.frozen(kw_only=True)
class StartUkraine:
    """start.ukraine"""

    stocks: Mapping[str, int]
    troops: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class StartRussia:
    """start.russia"""

    stocks: Mapping[str, int]
    troops: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class StartUs:
    """start.us"""

    troops: int
    points: Mapping[str, float]
    aid_day: int
    aid_per_turn: Mapping[str, int]
    source: str | None = None


@attrs.frozen(kw_only=True)
class Start:
    """start"""

    eu: "StartEu"
    ukraine: "StartUkraine"
    russia: "StartRussia"
    us: "StartUs"
    source: str | None = None


@attrs.frozen(kw_only=True)
class PressureRow:
    """front.russia.pressure.ID"""

    shells_per_day: float
    fpv_per_day: float
    attack: float
    losses_per_day: float
    armour_losses_per_day: float
    howitzer_losses_per_day: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class FrontNeed:
    """front.russia.need"""

    howitzer: float
    armour: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class FrontRussia:
    """front.russia"""

    pressure: Mapping[str, "PressureRow"]
    recruits_per_day: float
    need: "FrontNeed"
    source: str | None = None


@attrs.frozen(kw_only=True)
class FrontUkraine:
    """front.ukraine"""

    shells_per_day: float
    fpv_per_day: float
    losses_per_day: float
    armour_losses_per_day: float
    howitzer_losses_per_day: float
    recruits_per_day: float
    need: "FrontNeed"
    source: str | None = None


@attrs.frozen(kw_only=True)
class FrontBands:
    """front.bands[i]"""

    min_ratio: float
    km2_per_day: float
    ru_loss: float
    ua_loss: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Front:
    """front"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class StrikesDeepStrikes:
    """strikes.deep_strikes"""

    waves_per_turn: int
    intercept: float
    leak_roll_low: float
    leak_roll_high: float
    revenue_loss_per_hit: float
    max_budget_loss_share: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Strikes:
    """strikes"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class DeterrenceBands:
    """deterrence.bands[i]"""

    min_ratio: float
    crisis_probability: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class ProbingLevel:
    """deterrence.probing.ID"""

    probability: float
    cost: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class CrisisKind:
    """deterrence.crisis_kinds.ID"""

    probability: float
    cohesion: float
    support: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Deterrence:
    """deterrence"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class PoliticsVetoBands:
    """politics.veto_bands[i]"""

    min_cohesion: float
    veto_probability: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Shock:
    """politics.shocks.ID"""

    cohesion: float
    support: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Politics:
    """politics"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class Objective:
    """objectives.eu[i]"""

    id: str
    text: str
    metric: str
    op: str
    target: float
    points: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class Objectives:
    """objectives"""

    eu: tuple["Objective", ...]
    ukraine: tuple["Objective", ...]
    russia: tuple["Objective", ...]
    source: str | None = None


@attrs.frozen(kw_only=True)
class BotsDefault:
    """bots.default"""

    eu: str
    ukraine: str
    russia: str
    source: str | None = None


@attrs.frozen(kw_only=True)
class EuBot:
    """bots.eu.ID"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class UkraineBot:
    """bots.ukraine.ID"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class BotsRussiaStrikeShare:
    """bots.russia.ID.strike_share"""

    cruise_missile: float
    long_range_drone: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class RussiaBot:
    """bots.russia.ID"""

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
    source: str | None = None


@attrs.frozen(kw_only=True)
class Bots:
    """bots"""

    default: "BotsDefault"
    eu: Mapping[str, "EuBot"]
    ukraine: Mapping[str, "UkraineBot"]
    russia: Mapping[str, "RussiaBot"]
    source: str | None = None


@attrs.frozen(kw_only=True)
class SideAudience:
    """visibility.by_side.ID"""

    eu: str
    ukraine: str
    russia: str
    source: str | None = None


@attrs.frozen(kw_only=True)
class Visibility:
    """visibility"""

    events: Mapping[str, str]
    by_side: Mapping[str, "SideAudience"]
    source: str | None = None


@attrs.frozen(kw_only=True)
class Question:
    """adjudication.questions.ID"""

    text: str
    rolls: tuple[str, ...]
    mode: str
    outcomes: Mapping[str, float]
    matrix_for: str
    matrix_against: str
    factor: str | None
    source: str | None = None


@attrs.frozen(kw_only=True)
class Adjudication:
    """adjudication"""

    matrix_target: int
    questions: Mapping[str, "Question"]
    source: str | None = None


@attrs.frozen(kw_only=True)
class UsStep:
    """us.steps[i]"""

    turn: int
    day: int
    notice_days: int
    areas: Mapping[str, float]
    troops: int
    handover: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class UsRandomSteps:
    """us.random_steps"""

    probability: float
    notice_days_max: int
    troops_min: int
    troops_max: int
    source: str | None = None


@attrs.frozen(kw_only=True)
class UsAid:
    """us.aid[i]"""

    from_turn: int
    share: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class UsPlan:
    """us"""

    roadmap: bool
    steps: tuple["UsStep", ...]
    random_steps: "UsRandomSteps"
    fms_pause_probability: float
    intel_pause_probability: float
    pause_turns: int
    aid: tuple["UsAid", ...]
    aid_stop_probability: float
    source: str | None = None


@attrs.frozen(kw_only=True)
class ScheduleRow:
    """schedule[i]"""

    date: datetime.date
    ukraine_budget_per_turn: float | None
    russia_budget_per_turn: float | None
    us_aid_share: float | None
    capacity: Mapping[str, float]
    source: str | None = None
