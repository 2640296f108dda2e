"""Load the rules and a scenario: YAML in, checked at the door, frozen Rules and Scenario out.

The pipeline is: safe load with line numbers, fill defaults, validate each file against its
schema, check cross references (an order names a known item, a line's item exists), then build.
"""

from __future__ import annotations  # the Rules fields name rule_records' classes, which may be regenerating

import datetime
import difflib
import hashlib
import json
from pathlib import Path

import attrs

from wargame import rule_records
from wargame.errors import RuleError, RuleErrors
from wargame.schema import (
    MAX_EUR_M, MAX_TURNS, MAX_UNITS, Bool, Custom, Date, FrozenMap, ListOf, MapOf, Num, Opt, Prob, Problem, Record, Ref,
    Str, check, declare_classes, record_classes_source,
)
from wargame.vocab import (ADJUDICATION_MODES, AD_PRIORITIES, AUDIENCES, DECISIONS, EVENT_KINDS, METRIC_NAMES, OWNERS, PRESSURES, PROBING,
                           SIDES, TARGETS, dynamic_metric_names, stored_lines)
from wargame.yamlsafe import cached_by_files, load_yaml_file

DATA_DIR = Path(__file__).parent / "data"
RULES_DIR = DATA_DIR / "rules"
SCENARIOS_DIR = DATA_DIR / "scenarios"



@attrs.frozen
class Roles:
    """The item that plays each role the mechanics need: `stocks[rules.roles.shell]`.

    Declared in items.yaml (`role: shell`), exactly once each, so that items can be renamed."""

    shell: str
    fpv_drone: str
    howitzer: str
    tank: str
    armoured_vehicle: str
    sam_battery: str
    interceptor: str
    cruise_missile: str
    long_range_drone: str


ROLES = tuple(f.name for f in attrs.fields(Roles))
POS = Num(min=0)
WHOLE = Num(min=0, integer=True)
SITES = OWNERS


def _sorted_bands(key):
    def check_bands(value, path):
        mins = [row[key] for row in value]
        if not mins or mins[0] != 0:
            return [Problem(path, f"the first row must have {key}: 0, found {mins[0] if mins else 'no rows'}")]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            return [Problem(path, f"rows must be in rising order of {key}, found {mins}")]
        return []
    return check_bands


def _front_bands(value, path):
    """The front's bands: rising ratios, and ground that never falls as Russia's ratio rises (so that
    more power never gives a side less ground)."""
    problems = _sorted_bands("min_ratio")(value, path)
    ground = [row["km2_per_day"] for row in value]
    if not problems and ground != sorted(ground):
        problems.append(Problem(path, f"km2_per_day must not fall as min_ratio rises, found {ground}"))
    return problems


def _probabilities_sum_to_one(value, path):
    total = round(sum(row["probability"] for row in value.values()), 9)
    if total != 1:
        return [Problem(path, f"probabilities must sum to 1, found {total:g}")]
    return []


def _shares_at_most_one(value, path):
    out = []
    for key, row in value.items():
        total = round(sum(row.values()), 9)
        if total > 1:
            out.append(Problem(path + (key,), f"shares must sum to 1 or less, found {total:g}"))
    return out


AREA = Record({"name": Str(), "requirement": Num(min=1), "weight": Prob()}, source=True, name="Area")
ITEM = Record({"name": Str(), "role": Opt(Str(ROLES)), "area": Opt(Ref("area")), "kind": Str(("consumable", "platform")),
               "points": Opt(POS, 0.0)}, source=True, name="Item")
SUPPLIER = Record({
    "name": Str(), "owner": Str(OWNERS), "site": Str(SITES), "item": Ref("item"),
    "capacity_per_day": POS, "unit_cost": Num(min=0.000001), "buyers": ListOf(Ref("side"), 1),
    "batch_days": Num(min=1, max=366, integer=True), "fms": Opt(Bool(), False),
    "feedstock": Opt(Ref("item")),
    "full_rate_feedstock": Opt(Num(min=1)),
}, source=True, name="Supplier")
BUILD = Record({
    "name": Str(), "builders": ListOf(Ref("side"), 1), "eu_level": Opt(Bool(), False),
    "expands": Opt(Ref("supplier")), "owner": Opt(Str(OWNERS)), "site": Opt(Str(SITES)),
    "item": Opt(Ref("item")), "unit_cost": Opt(Num(min=0.000001)), "buyers": Opt(ListOf(Ref("side"), 1)),
    "batch_days": Opt(Num(min=1, max=366, integer=True)),
    "capacity_per_day": Num(min=0.000001), "capex": POS, "build_days": WHOLE, "ramp_days": WHOLE,
}, source=True, name="Build")
PROJECT = Record({
    "name": Str(), "eu_level": Opt(Bool(), True), "cost": Num(min=0.000001), "duration_days": Num(min=1, integer=True),
    "delivers": MapOf(WHOLE, key=Ref("item")), "points": MapOf(POS, key=Ref("area")),
}, source=True, name="Project")
MONEY = Record({
    "eu": Record({"gdp": Num(min=1, max=MAX_EUR_M * 100), "budget_share_start": Prob(), "budget_share_min": Prob(),
                  "budget_share_max": Prob(), "max_change_per_turn": Prob(), "baseline_share": Prob(),
                  "escape_clause_max": Prob(), "game_share": Prob(),
                  "contracting_days": Num(min=0, max=90, integer=True)}, source=True),
    "safe": Record({"total": POS, "max_draw_per_turn": POS, "eligible_sites": ListOf(Str(SITES), 1)},
                   source=True),
    "edip": Record({"grant_per_turn": POS, "ukraine_share": Prob(), "last_turn": WHOLE}, source=True),
    "coalition": Record({"extra_cost": Num(min=0, max=1)}, source=True),
    "ukraine": Record({"budget_per_turn": Num(min=0, max=MAX_EUR_M), "contracting_days": Num(min=0, max=90, integer=True)},
                      source=True),
    "russia": Record({"budget_per_turn": Num(min=0, max=MAX_EUR_M), "sanctions_decline_per_turn": Prob(),
                      "contracting_days": Num(min=0, max=90, integer=True)}, source=True),
})
STOCKS = MapOf(WHOLE, key=Ref("item"))
START = Record({
    "eu": Record({"stocks": STOCKS}, source=True),
    "ukraine": Record({"stocks": STOCKS, "troops": WHOLE}, source=True),
    "russia": Record({"stocks": STOCKS, "troops": WHOLE}, source=True),
    "us": Record({"troops": WHOLE, "points": MapOf(POS, key=Ref("area")), "aid_day": WHOLE,
                  "aid_per_turn": MapOf(WHOLE, key=Ref("item"))}, source=True),
})
PLATFORM_ROLES = ("howitzer", "tank", "armoured_vehicle")  # the front's platforms: each has a need and losses
ARMOUR_ROLES = ("tank", "armoured_vehicle")  # what Russia's flank_reserve holds back facing NATO
LOSSES = {f"{r}_losses_per_day": POS for r in PLATFORM_ROLES}
PRESSURE_ROW = Record({"shells_per_day": Num(min=1), "fpv_per_day": Num(min=1), "attack": POS, "losses_per_day": POS,
                       **LOSSES}, name="PressureRow")
NEED = Record({r: Num(min=1) for r in PLATFORM_ROLES}, name="FrontNeed")
FRONT = Record({
    "step_days": Num(min=1, max=91, integer=True), "roll_low": POS, "roll_high": POS,
    "weights": MapOf(POS, key=Str(("shell", "fpv_drone") + PLATFORM_ROLES), sums_to=1.0),
    "intel_bonus": POS, "air_cover_bonus": POS, "ratio_when_unopposed": Num(min=1),
    "russia": Record({"pressure": Record({p: PRESSURE_ROW for p in PRESSURES}, as_map=True), "recruits_per_day": POS,
                      "need": NEED, "reference_troops": Num(min=1, max=MAX_UNITS, integer=True)}, source=True),
    "ukraine": Record({"shells_per_day": Num(min=1), "fpv_per_day": Num(min=1), "losses_per_day": POS,
                       **LOSSES, "recruits_per_day": POS, "need": NEED,
                       "reference_troops": Num(min=1, max=MAX_UNITS, integer=True)},
                      source=True),
    "bands": Custom(_front_bands, ListOf(Record({
        "min_ratio": POS, "km2_per_day": Num(), "ru_loss": POS, "ua_loss": POS}), 1)),
    "bands_source": Str(),
}, source=True)
STRIKES = Record({
    "waves_per_turn": Num(min=1, max=30, integer=True), "drone_intercept": Prob(), "missile_intercept": Prob(),
    "missile_intercept_without_interceptors": Prob(), "interceptors_per_missile": Num(min=1, integer=True),
    "batteries_needed": Num(min=1), "intel_warning_bonus": Prob(), "leak_roll_low": POS, "leak_roll_high": POS,
    "damage_per_drone": Prob(), "damage_per_missile": Prob(), "max_damage": Prob(), "repair_per_day": Prob(),
    "energy_damage_per_drone": Prob(), "energy_damage_per_missile": Prob(), "energy_recovery_per_day": Prob(),
    "max_energy_damage": Prob(),
    "priority_share": Custom(_shares_at_most_one, Record({
        p: MapOf(Prob(), key=Str(("industry", "energy", "front"))) for p in AD_PRIORITIES}, as_map=True)),
    "priority_source": Str(),
    "deep_strikes": Record({"waves_per_turn": Num(min=1, max=30, integer=True), "intercept": Prob(),
                            "leak_roll_low": POS, "leak_roll_high": POS, "revenue_loss_per_hit": POS,
                            "max_budget_loss_share": Prob()}, source=True),
}, source=True)
PROBING_LEVEL = Record({"probability": Prob(), "cost": POS}, name="ProbingLevel")
DETERRENCE = Record({
    "force_weights": MapOf(POS, key=Ref("item")), "reference_force": Num(min=1), "us_troop_weight": Prob(),
    "us_troop_reference": Num(min=1), "sustained_min_ratio": POS, "ratio_when_unready": Num(min=1), "sustained_step": Prob(),
    "sustained_max": Prob(),
    "bands": Custom(_sorted_bands("min_ratio"), ListOf(Record({"min_ratio": POS, "crisis_probability": Prob()}), 1)),
    "bands_source": Str(),
    "probing": Record({p: PROBING_LEVEL for p in PROBING}, as_map=True),
    "probing_source": Str(),
    "crisis_kinds": Custom(_probabilities_sum_to_one, MapOf(Record({
        "probability": Prob(), "cohesion": Num(min=-1, max=1), "support": Num(min=-1, max=1)}, name="CrisisKind"),
        min_len=1)),
    "crisis_source": Str(),
}, source=True)
SHOCK = Record({"cohesion": Num(min=-1, max=1), "support": Num(min=-1, max=1)}, name="Shock")
POLITICS = Record({
    "cohesion_start": Prob(), "support_start": Prob(), "reversion": Prob(),
    "veto_delay_days": Num(min=0, max=90, integer=True), "coalition_cohesion": Num(min=-1, max=1),
    "veto_cohesion": Num(min=-1, max=1), "spending_comfort_share": Prob(), "support_per_point_above": Num(min=-1, max=1),
    "ground_support_per_1000km2": Num(min=-1, max=1),
    "veto_bands": Custom(_sorted_bands("min_cohesion"), ListOf(Record({
        "min_cohesion": Prob(), "veto_probability": Prob()}), 1)),
    "veto_source": Str(),
    "shocks": Record({k: SHOCK for k in ("us_step_with_notice", "us_step_short_notice", "fms_pause",
                                         "intel_pause", "aid_stop")}, as_map=True),
    "short_notice_days": WHOLE, "shocks_source": Str(),
}, source=True)
OBJECTIVE = Record({"id": Str(), "text": Str(), "metric": Str(), "op": Str((">=", "<=")), "target": Num(),
                    "points": Num(min=0)}, name="Objective")
OBJECTIVES = Record({side: ListOf(OBJECTIVE, 1) for side in SIDES} | {}, source=True)
EU_BOT = Record({
    "description": Str(), "budget_target": Prob(), "gap_budget_step": Opt(Prob(), 0.0),
    "builds": ListOf(Ref("build")), "projects": ListOf(Ref("project")), "safe_draw": Num(min=0, max=MAX_EUR_M),
    "ukraine_share": Prob(), "danish_share": Prob(), "project_cash_share": Prob(), "prefer_fms": Bool(),
    "reserve_share": Prob(), "decision": Str(DECISIONS), "joint_ventures_first": Opt(Bool(), False),
    "step_reaction": Opt(Prob(), 0.0),
}, source=True, name="EuBot")
UA_BOT = Record({
    "description": Str(), "mix": MapOf(Prob(), key=Ref("line"), sums_to=1.0), "front_share": Prob(),
    "air_defence": Str(AD_PRIORITIES), "request": MapOf(Num(min=1, max=MAX_UNITS, integer=True), key=Ref("item")),
    "deep_strike_share": Prob(), "new_lines": Opt(Bool(), False), "builds": Opt(ListOf(Ref("build")), ()),
    "build_budget_share": Opt(Prob(), 0.0), "step_reaction": Opt(Num(min=0, max=10), 0.0),
}, source=True, name="UkraineBot")
RU_BOT = Record({
    "description": Str(), "pressure": Str(PRESSURES), "mix": MapOf(Prob(), key=Ref("line"), sums_to=1.0),
    "strike_share": Record({"cruise_missile": Prob(), "long_range_drone": Prob()}),
    "strike_target": Str(TARGETS), "flank_reserve": Prob(), "probing": Str(PROBING), "builds": ListOf(Ref("build")),
    "build_budget_share": Prob(), "step_reaction": Opt(Num(min=0, max=len(PRESSURES) - 1, integer=True), 0),
}, source=True, name="RussiaBot")
VISIBILITY = Record({
    "events": Record({kind: Str(AUDIENCES) for kind in EVENT_KINDS}, as_map=True),
    "by_side": Opt(MapOf(Record({side: Str(AUDIENCES) for side in SIDES}, name="SideAudience"), key=Str(EVENT_KINDS)), {}),
}, source=True)


def _question_outcomes(value, path):
    """A question's outcomes are rolls in [0, 1), and its matrix outcomes are among them."""
    out = []
    for name, roll in value["outcomes"].items():
        if roll >= 1:
            out.append(Problem(path + ("outcomes", name), f"a roll is in [0, 1), found {roll:g}"))
    for key in ("matrix_for", "matrix_against"):
        if value[key] not in value["outcomes"]:
            out.append(Problem(path + (key,), f"expected one of the outcomes ({', '.join(value['outcomes'])}), "
                                              f"found '{value[key]}'"))
    return out


QUESTION = Custom(_question_outcomes, Record({
    "text": Str(), "rolls": ListOf(Str(), 1), "mode": Str(ADJUDICATION_MODES),
    "outcomes": MapOf(Prob(), min_len=2), "matrix_for": Str(), "matrix_against": Str(),
    "factor": Opt(Str(("front.roll", "strikes.leak_roll"))),
}, name="Question"))
INJECT_LIMITS = Record({
    "front_km2": Num(min=0, max=1_000_000), "crises": Num(min=0, max=100, integer=True),
    "delay_days": Num(min=0, max=3650, integer=True),
}, source=True, name="InjectLimits")
ADJUDICATION = Record({
    "matrix_target": Num(min=2, max=12, integer=True), "injects": INJECT_LIMITS, "questions": MapOf(QUESTION, min_len=1),
}, source=True)
# a seated US (a scenario's us.seat): each turn a step of `share` of the next area in `areas` with
# capability left, every `every_turns` turns, and aid from `aid_start` down by `aid_step` a turn; all cut
# to the scenario's bounds (wargame/controllers/us_bot.py)
US_BOT = Record({
    "description": Str(), "areas": ListOf(Ref("area"), 1), "every_turns": Num(min=1, max=MAX_TURNS, integer=True),
    "share": Prob(), "troops": WHOLE, "announce_day": WHOLE, "notice_days": WHOLE, "handover": Prob(),
    "aid_start": Prob(), "aid_step": Prob(), "pause_turns": WHOLE,
}, source=True, name="UsBot")
BOTS = Record({
    "default": Record({side: Str() for side in SIDES}),
    "eu": MapOf(EU_BOT, min_len=1), "ukraine": MapOf(UA_BOT, min_len=1), "russia": MapOf(RU_BOT, min_len=1),
    "us": Opt(MapOf(US_BOT), {}),  # policies for a US seat; the scenario's us.seat.bot is the default
})

RULE_FILES = {
    "areas": MapOf(AREA, min_len=1), "items": MapOf(ITEM, min_len=1), "suppliers": MapOf(SUPPLIER, min_len=1),
    "builds": MapOf(BUILD), "projects": MapOf(PROJECT), "money": MONEY, "start": START, "front": FRONT,
    "strikes": STRIKES, "deterrence": DETERRENCE, "politics": POLITICS, "objectives": OBJECTIVES, "bots": BOTS,
    "visibility": VISIBILITY, "adjudication": ADJUDICATION,
}

STEP = Record({"turn": Num(min=1, integer=True), "day": WHOLE, "notice_days": WHOLE,
               "areas": MapOf(Prob(), key=Ref("area")), "troops": WHOLE, "handover": Prob()}, name="UsStep")
SCENARIO = Record({
    "scenario": Record({
        "name": Str(), "title": Str(), "description": Str(), "start_date": Date(),
        "turn_days": Num(min=7, max=366, integer=True), "turns": Num(min=1, max=MAX_TURNS, integer=True),
        "rules": Opt(Str()),
    }, source=True),
    "us": Record({
        "roadmap": Bool(), "steps": ListOf(STEP),
        "random_steps": Record({"probability": Prob(), "notice_days_max": WHOLE, "troops_min": WHOLE,
                                "troops_max": WHOLE}),
        "fms_pause_probability": Prob(), "intel_pause_probability": Prob(), "pause_turns": WHOLE,
        "aid": ListOf(Record({"from_turn": Num(min=1, integer=True), "share": Prob()}), 1),
        "aid_stop_probability": Prob(),
        # a seated US: a team or a bot orders the steps, pauses and aid of each turn within these bounds
        "seat": Opt(Record({
            "bot": Str(), "areas": ListOf(Ref("area"), 1), "max_steps_per_turn": Num(min=0, max=10, integer=True),
            "max_share_per_step": Prob(), "max_troops_per_turn": WHOLE, "notice_days_min": WHOLE,
            "notice_days_max": WHOLE, "handover_max": Prob(), "pause_turns_max": WHOLE,
            "aid_min": Prob(), "aid_max": Prob(),
        }, source=True, name="UsSeat")),
    }, source=True, name="UsPlan"),
    # changes by date (a hindcast's budgets, aid and capacities): from `date` on, each key given applies
    "schedule": Opt(ListOf(Record({
        "date": Date(), "ukraine_budget_per_turn": Opt(Num(min=0, max=MAX_EUR_M)),
        "russia_budget_per_turn": Opt(Num(min=0, max=MAX_EUR_M)),
        "us_aid_share": Opt(Prob()), "capacity": Opt(MapOf(POS), {}),
    }, source=True, name="ScheduleRow")), []),
})

SCHEMA_FILE = DATA_DIR / "rules.schema.json"


def rules_json_schema():
    """A JSON Schema for any one rules file, made from the definitions above (for editors: a rules
    file holds some of the top-level tables). Cross-field checks are left to `wargame validate`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wargame rules file",
        "description": "One file of a wargame rules folder: some of the rule tables. Generated by "
                       "`wargame schema`; `wargame validate` also checks what a schema cannot (cross references, "
                       "sums, ranges that depend on other fields).",
        "type": "object",
        "properties": {table: schema.json_schema() for table, schema in RULE_FILES.items()},
        "additionalProperties": False,
        "minProperties": 1,
    }


def rules_json_schema_text():
    """The JSON Schema as the text shipped in wargame/data/rules.schema.json."""
    return json.dumps(rules_json_schema(), indent=2, ensure_ascii=False) + "\n"


# The typed rules: one frozen class per record of the schema above, generated into rule_records.py (plain
# classes that behave as frozen attrs classes, see schema.record_classes_source), with the YAML keys as
# attribute names. Deriving them from the same definitions that validate keeps one source of truth for
# names, ranges and the JSON Schema.
RECORD_ROOTS = (tuple(((table,), schema) for table, schema in RULE_FILES.items())
                + ((("us",), SCENARIO.fields["us"]), (("schedule",), SCENARIO.fields["schedule"])))
RECORDS_FILE = Path(__file__).parent / "rule_records.py"
try:
    declare_classes(RECORD_ROOTS, rule_records)
    STALE_RECORDS = None
except ValueError as e:  # the schema changed and rule_records.py was not regenerated yet: the module
    STALE_RECORDS = str(e)  # still imports (so RECORDS_DOC's command can regenerate it); loading refuses


def rule_records_source():
    """The text of wargame/rule_records.py, generated from the schema above."""
    return record_classes_source(RECORD_ROOTS, RECORDS_DOC)


RECORDS_DOC = """The typed rules' records: one frozen class per record of the rules schema (wargame/rules.py).

Generated, do not edit: after changing the schema, run
    python -c "from wargame.rules import RECORDS_FILE, rule_records_source as s; RECORDS_FILE.write_text(s())"
(tests/test_rules.py checks that this file is up to date). Attributes are the YAML keys; every record
may carry a `source` note. Tables keyed by ids are read-only mappings (FrozenMap) in YAML order.
The classes are plain (written out, so importing them costs no class building) and behave as frozen attrs
classes: attrs.fields, attrs.evolve and attrs.asdict work on them.
"""


@attrs.frozen
class Rules:
    """The validated rules as frozen values, read by attribute: `rules.money.eu.gdp`.

    Tables keyed by ids (areas, items, suppliers, builds, projects) are FrozenMaps id -> record in
    YAML order; lists are tuples. Plus a content hash and the source documents.
    """

    areas: FrozenMap
    items: FrozenMap
    suppliers: FrozenMap
    builds: FrozenMap
    projects: FrozenMap
    money: rule_records.Money
    start: rule_records.Start
    front: rule_records.Front
    strikes: rule_records.Strikes
    deterrence: rule_records.Deterrence
    politics: rule_records.Politics
    objectives: rule_records.Objectives
    bots: rule_records.Bots
    visibility: rule_records.Visibility
    adjudication: rule_records.Adjudication
    roles: Roles
    sha256: str
    files: tuple  # (name, Document) pairs, for tracing a value back to its line


@attrs.frozen
class Scenario:
    """A validated scenario: the calendar and what the US does."""

    name: str
    title: str
    description: str
    start_date: datetime.date
    turn_days: int
    turns: int
    us: rule_records.UsPlan
    sha256: str
    path: str
    rules_dir: str

    schedule: tuple = ()  # rule_records.ScheduleRow values, as given

    def date_of(self, day):
        """The calendar date of a game day (the calendar's last day for a day past it)."""
        try:
            return self.start_date + datetime.timedelta(days=day)
        except OverflowError:
            return datetime.date.max

    def day_of(self, date):
        """The game day of a calendar date."""
        return (date - self.start_date).days

    def scheduled(self, key, day, default):
        """The value of a schedule key in force on game `day` (the last row dated on or before it
        that gives the key), else default."""
        value = default
        for row in self.schedule:
            if self.day_of(row.date) <= day and getattr(row, key) is not None:
                value = getattr(row, key)
        return value


def _sha(parts):
    h = hashlib.sha256()
    for name, raw in parts:
        h.update(name.encode() + b"\0" + raw + b"\0")
    return h.hexdigest()


def _rule_paths(rules_dir):
    rules_dir = Path(rules_dir)
    if not rules_dir.is_dir():
        raise RuleError(str(rules_dir), None, None, "rules folder not found: give a folder of rules YAML files")
    return sorted(p for p in rules_dir.iterdir() if p.suffix in (".yaml", ".yml"))


@cached_by_files(_rule_paths)  # fast loading (issue 9): a folder loaded before costs a hash and an unpickle
def load_rules(rules_dir=RULES_DIR):
    """Load, validate and build the rules from every YAML file in rules_dir; raises RuleErrors."""
    if STALE_RECORDS:
        raise RuntimeError(STALE_RECORDS)  # a developer's step left out, not a user's mistake
    docs, errors, raw = [], [], []
    for path in _rule_paths(rules_dir):
        try:
            doc = load_yaml_file(path)
        except RuleError as e:
            errors.append(e)
            continue
        raw.append((path.name, path.read_bytes()))
        if not isinstance(doc.data, dict):
            errors.append(doc.error((), "expected a mapping of rule tables at the top"))
            continue
        docs.append(doc)
    roots = list(errors)  # files that did not load: the root cause, reported first
    tables, where = {}, {}
    for doc in docs:
        for key in doc.data:
            if key not in RULE_FILES:
                errors.append(doc.error((key,), _unknown_table(key)))
            elif key in tables:
                errors.append(doc.error((key,), f"table '{key}' is defined twice (also in {where[key].name})"))
            else:
                tables[key], where[key] = doc.data[key], doc
    for key in RULE_FILES:
        if key not in tables and not errors:
            errors.append(RuleError(str(rules_dir), None, key, f"missing table '{key}': no rules file defines it"))
    ids = _ids(tables)
    # a table that did not load (its file unreadable, misnamed, not a mapping) leaves its ids empty: skip
    # the checks of the tables that name them, or each name would be one more "unknown area" line
    failed = {key for key in RULE_FILES if not isinstance(tables.get(key), dict)}
    skipped = []
    for key, doc in where.items():
        if key not in failed and any(t in failed for kind in _ref_kinds(RULE_FILES[key]) for t in _ID_TABLES.get(kind, ())):
            skipped.append(key)
            continue
        errors += check(Record({key: RULE_FILES[key]}, open=True), doc, ids)
    if not errors:
        errors += _cross_checks(tables, where)
    if errors:
        rest = sorted((e for e in errors if e not in roots), key=lambda e: (str(e.file), e.line or 0))
        if skipped:
            rest.append(RuleError(str(rules_dir), None, None, f"not checked until {', '.join(sorted(failed))} "
                                  f"load{'s' if len(failed) == 1 else ''}: {', '.join(skipped)}"))
        raise RuleErrors(roots + rest)
    built = {key: RULE_FILES[key].build(tables[key]) for key in RULE_FILES}
    roles = Roles(**{item.role: iid for iid, item in built["items"].items() if item.role})
    return Rules(**built, roles=roles, sha256=_sha(raw), files=tuple((d.name, d) for d in docs))


_ID_TABLES = {"area": ("areas",), "item": ("items",), "supplier": ("suppliers",), "line": ("suppliers", "builds"),
              "build": ("builds",), "project": ("projects",)}  # the tables that give each kind of id


def _ref_kinds(schema, seen=None):
    """The kinds of id (Ref) a schema names anywhere inside it."""
    seen = set() if seen is None else seen
    if id(schema) in seen:
        return set()
    seen.add(id(schema))
    if isinstance(schema, Ref):
        return {schema.kind}
    out = set()
    for child in (getattr(schema, "schema", None), getattr(schema, "item", None), getattr(schema, "value", None),
                  getattr(schema, "key", None), *(getattr(schema, "fields", None) or {}).values()):
        if child is not None and not isinstance(child, (str, int, float)):
            out |= _ref_kinds(child, seen)
    return out


def _unknown_table(key):
    close = difflib.get_close_matches(str(key), list(RULE_FILES), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f"; known tables: {', '.join(RULE_FILES)}"
    return f"unknown table '{key}'{hint}"


def _keys(table):
    return set(table) if isinstance(table, dict) else set()


def _ids(tables):
    return {
        "area": _keys(tables.get("areas")), "item": _keys(tables.get("items")),
        # supplier: a line open at the start (what a build may expand); line: also the lines builds open
        "supplier": _keys(tables.get("suppliers")),
        "line": _keys(tables.get("suppliers")) | {
            k for k, b in (tables.get("builds") or {}).items() if isinstance(b, dict) and not b.get("expands")},
        "build": _keys(tables.get("builds")), "project": _keys(tables.get("projects")),
        "side": set(SIDES),
    }


def _role_checks(items, doc):
    """Each role the mechanics need is the role of exactly one item."""
    errors, holder = [], {}
    for iid, item in items.items():
        role = item.get("role")
        if role in holder:
            errors.append(doc.error(("items", iid, "role"), f"role '{role}' is already the role of item "
                                    f"'{holder[role]}': each role belongs to one item, found it twice"))
        elif role:
            holder[role] = iid
    for role in ROLES:
        if role not in holder:
            errors.append(doc.error(("items",), f"no item has role '{role}': the mechanics need one "
                                    f"(add `role: {role}` to the item that plays it)"))
    return errors


FRONT_ROLES = ("shell", "fpv_drone") + PLATFORM_ROLES  # the front.weights keys: roles the front uses
STRIKE_TARGETS = ("industry", "energy", "front")  # what air defence shares cover (priority_share keys)


def _between(doc, path, value, low, high, what):
    """An error if value is not within [low, high] (named bounds in what), else nothing."""
    if low[1] <= value <= high[1]:
        return []
    return [doc.error(path, f"must be between {low[0]} ({low[1]:g}) and {high[0]} ({high[1]:g}) {what}, "
                            f"found {value:g}")]


def _value_checks(tables, where):
    """Cross-field checks of numbers: what play would trip over if it were let through."""
    errors = []
    eu = tables["money"]["eu"]
    money = where["money"]
    errors += _between(money, ("money", "eu", "budget_share_start"), eu["budget_share_start"],
                       ("budget_share_min", eu["budget_share_min"]), ("budget_share_max", eu["budget_share_max"]),
                       "(the EU's budget starts inside its range)")
    # a turn's bounds are [max(min, now - change), min(max, ceiling, now + change)]: they must not cross
    ceiling = eu["baseline_share"] + eu["escape_clause_max"]
    if eu["budget_share_min"] > ceiling + 1e-12:
        errors.append(money.error(("money", "eu", "budget_share_min"), f"must be at most baseline_share + "
                                  f"escape_clause_max ({ceiling:g}), the most the EU may spend, "
                                  f"found {eu['budget_share_min']:g}"))
    if eu["budget_share_start"] - eu["max_change_per_turn"] > ceiling + 1e-12:
        errors.append(money.error(("money", "eu", "budget_share_start"), f"must be at most baseline_share + "
                                  f"escape_clause_max + max_change_per_turn ({ceiling + eu['max_change_per_turn']:g}) "
                                  f"so that the first turn can come down to what the EU may spend, "
                                  f"found {eu['budget_share_start']:g}"))
    if eu["budget_share_min"] > eu["budget_share_max"]:
        errors.append(money.error(("money", "eu", "budget_share_min"), f"must be at most budget_share_max "
                                  f"({eu['budget_share_max']:g}), found {eu['budget_share_min']:g}"))
    for table, path in (("front", ("front",)), ("strikes", ("strikes",)), ("strikes", ("strikes", "deep_strikes"))):
        row = tables[table]
        for key in path[1:]:
            row = row[key]
        low, high = ("roll_low", "roll_high") if table == "front" else ("leak_roll_low", "leak_roll_high")
        if row[low] > row[high]:
            errors.append(where[table].error(path + (low,), f"must be at most {high} ({row[high]:g}), "
                                             f"found {row[low]:g}"))
    weights = tables["front"]["weights"]
    missing = [r for r in FRONT_ROLES if r not in weights]
    if missing:
        errors.append(where["front"].error(("front", "weights"), f"every role the front uses needs a weight "
                                           f"(0 if none): missing {', '.join(missing)}"))
    for priority, shares in tables["strikes"]["priority_share"].items():
        missing = [k for k in STRIKE_TARGETS if k not in shares]
        if missing:
            errors.append(where["strikes"].error(("strikes", "priority_share", priority), f"every target needs a "
                                                 f"share (0 if none): missing {', '.join(missing)}"))
    if sum(a["weight"] for a in tables["areas"].values()) <= 0:
        errors.append(where["areas"].error(("areas",), "the areas' weights must not all be 0, found a sum of 0"))
    return errors


def _bot_checks(tables, where):
    """A bot policy orders only what its side may: builds it may build, lines it may buy from."""
    errors, bots = [], tables["bots"]
    for side in SIDES:
        for pname, policy in bots[side].items():
            for i, bid in enumerate(policy.get("builds", [])):
                builders = tables["builds"][bid]["builders"]
                if side not in builders:
                    errors.append(where["bots"].error(("bots", side, pname, "builds", i), f"{side} may not build "
                                                      f"'{bid}' (its builders: {', '.join(builders)})"))
            for line in policy.get("mix", {}):
                spec = tables["suppliers"].get(line) or tables["builds"].get(line) or {}
                if side not in spec.get("buyers", [side]):
                    errors.append(where["bots"].error(("bots", side, pname, "mix", line), f"{side} may not buy "
                                                      f"from '{line}' (its buyers: {', '.join(spec['buyers'])})"))
    return errors


def _cross_checks(tables, where):
    errors = _role_checks(tables["items"], where["items"])
    errors += _value_checks(tables, where)
    errors += _bot_checks(tables, where)
    for bid, b in tables["builds"].items():
        if not b.get("expands"):
            for field in ("owner", "site", "item", "unit_cost", "buyers", "batch_days"):
                if field not in b:
                    errors.append(where["builds"].error(("builds", bid), f"a new line needs '{field}' (or 'expands: LINE')"))
    for bid, b in tables["builds"].items():
        if bid in tables["suppliers"]:
            errors.append(where["builds"].error(("builds", bid), f"'{bid}' is also a supplier id: use another name"))
    sides = set(SIDES)
    for lid, line in tables["suppliers"].items():
        if line.get("feedstock") and line["owner"] not in sides:
            errors.append(where["suppliers"].error(("suppliers", lid, "feedstock"),
                                                   f"a line with feedstock must belong to a side, not {line['owner']}"))
        if line.get("full_rate_feedstock") and not line.get("feedstock"):
            errors.append(where["suppliers"].error(("suppliers", lid, "full_rate_feedstock"),
                                                   "full_rate_feedstock needs a 'feedstock' item"))
    missing = [a for a in tables["areas"] if a not in tables["start"]["us"]["points"]]
    if missing:
        errors.append(where["start"].error(("start", "us", "points"), f"every area needs a value (0 if none): "
                                                                       f"missing {', '.join(missing)}"))
    known = set(METRIC_NAMES) | set(dynamic_metric_names(tables["areas"], tables["items"], stored_lines(tables["suppliers"])))
    for side in SIDES:
        for i, obj in enumerate(tables["objectives"][side]):
            if obj["metric"] not in known:
                close = difflib.get_close_matches(obj["metric"], sorted(known), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else " (see docs/metrics.md)"
                errors.append(where["objectives"].error(("objectives", side, i, "metric"),
                                                        f"unknown metric '{obj['metric']}'{hint}"))
    bots = tables["bots"]
    for side in SIDES:
        name = bots["default"][side]
        if name not in bots[side]:
            errors.append(where["bots"].error(("bots", "default", side), f"unknown {side} policy '{name}'"))
        for pname, policy in bots[side].items():
            for line in policy.get("mix", {}):
                owner = (tables["suppliers"].get(line) or tables["builds"].get(line) or {}).get("owner")
                if owner != side:
                    errors.append(where["bots"].error(("bots", side, pname, "mix", line),
                                                      f"line '{line}' belongs to {owner}, not {side}"))
    return errors


def _seat_checks(doc, seat, meta, rules):
    """A US seat's bounds are a range a US order can meet, and its bot is a US policy of the rules."""
    if not seat:
        return []
    errors = []
    if seat["bot"] not in rules.bots.us:
        known = ", ".join(rules.bots.us) or "none: add them to the rules' bots.us"
        errors.append(doc.error(("us", "seat", "bot"), f"unknown US policy '{seat['bot']}' (known: {known})"))
    for low, high in (("notice_days_min", "notice_days_max"), ("aid_min", "aid_max")):
        if seat[low] > seat[high]:
            errors.append(doc.error(("us", "seat", low), f"{low} is above {high}"))
    return errors


def find_scenario(ref):
    """The path of a scenario given by name (a packaged one) or by path; RuleError if none."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise RuleError(str(ref), None, None, "scenario file not found")
        return path
    packaged = SCENARIOS_DIR / f"{ref}.yaml"
    if packaged.is_file():
        return packaged
    names = ", ".join(scenario_names())
    close = difflib.get_close_matches(str(ref), scenario_names(), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise RuleError(str(ref), None, None, f"unknown scenario{hint}; known: {names}, or give a path to a file")


def scenario_names():
    """The packaged scenarios' names."""
    return sorted(p.stem for p in SCENARIOS_DIR.glob("*.yaml"))


CALENDAR_MARGIN_DAYS = 3650  # a game must end this long before the calendar does: dates of late deliveries


def latest_start(turns, turn_days):
    """The last start date with which a game of turns x turn_days (and the margin) fits the calendar."""
    return datetime.date.max - datetime.timedelta(days=turns * turn_days + CALENDAR_MARGIN_DAYS)


def load_scenario(ref, rules=None):
    """Load and validate a scenario (name or path) and its rules; returns (Scenario, Rules)."""
    path = find_scenario(ref)
    doc = load_yaml_file(path)
    if not isinstance(doc.data, dict):
        raise RuleErrors([doc.error((), "expected a mapping with 'scenario' and 'us'")])
    rules_ref = (doc.data.get("scenario") or {}).get("rules") if isinstance(doc.data.get("scenario"), dict) else None
    rules_dir = (path.parent / rules_ref) if isinstance(rules_ref, str) else RULES_DIR
    if rules is None:
        rules = load_rules(rules_dir)
    ids = {"area": set(rules.areas), "item": set(rules.items), "side": set(SIDES)}
    errors = check(SCENARIO, doc, ids)
    if not errors:
        data = SCENARIO.fill(doc.data)
        meta, us = data["scenario"], data["us"]
        for i, step in enumerate(us["steps"]):
            if step["turn"] > meta["turns"]:
                errors.append(doc.error(("us", "steps", i, "turn"), f"turn {step['turn']} is after the last turn ({meta['turns']})"))
            if step["day"] >= meta["turn_days"]:
                errors.append(doc.error(("us", "steps", i, "day"), f"day {step['day']} is past the turn's length ({meta['turn_days']} days)"))
        errors += _seat_checks(doc, us.get("seat"), meta, rules)
        if us["random_steps"]["troops_min"] > us["random_steps"]["troops_max"]:
            errors.append(doc.error(("us", "random_steps", "troops_min"), "troops_min is above troops_max"))
        for side in SIDES:
            contracting = getattr(rules.money, side).contracting_days
            if contracting >= meta["turn_days"]:
                errors.append(doc.error(("scenario", "turn_days"), f"a turn must be longer than the rules' "
                                        f"money.{side}.contracting_days ({contracting})"))
        if rules.start.us.aid_day >= meta["turn_days"]:
            errors.append(doc.error(("scenario", "turn_days"), f"a turn must be longer than the rules' "
                                    f"start.us.aid_day ({rules.start.us.aid_day})"))
        if rules.politics.veto_delay_days >= meta["turn_days"]:
            errors.append(doc.error(("scenario", "turn_days"), "a turn must be longer than the rules' veto_delay_days"))
        latest = latest_start(meta["turns"], meta["turn_days"])
        if meta["start_date"] > latest:
            errors.append(doc.error(("scenario", "start_date"), f"{meta['turns']} turns of {meta['turn_days']} days "
                                    f"(and {CALENDAR_MARGIN_DAYS:,} days after, for late deliveries) must end by "
                                    f"{datetime.date.max}: start on {latest} at the latest, found {meta['start_date']}"))
        for i, row in enumerate(data["schedule"]):
            if row["date"] < meta["start_date"]:
                errors.append(doc.error(("schedule", i, "date"), f"{row['date']} is before the start date {meta['start_date']}"))
            for lid in row["capacity"]:
                if lid not in rules.suppliers:
                    close = difflib.get_close_matches(lid, list(rules.suppliers), n=1)
                    errors.append(doc.error(("schedule", i, "capacity", lid), f"unknown supplier '{lid}'"
                                            + (f" (did you mean '{close[0]}'?)" if close else "")))
    if errors:
        raise RuleErrors(errors)
    raw = path.read_bytes()
    scenario = Scenario(
        name=meta["name"], title=meta["title"], description=meta["description"], start_date=meta["start_date"],
        turn_days=meta["turn_days"], turns=meta["turns"], us=SCENARIO.fields["us"].build(us), sha256=_sha([("scenario", raw)]),
        path=str(path), rules_dir=str(rules_dir),
        schedule=tuple(SCENARIO.fields["schedule"].schema.build(data["schedule"])),
    )
    return scenario, rules
