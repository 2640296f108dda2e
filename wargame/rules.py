"""Load the rules and a scenario: YAML in, checked at the door, frozen Rules and Scenario out.

The pipeline is: safe load with line numbers, fill defaults, validate each file against its
schema, check cross references (an order names a known item, a line's item exists), then build.
"""

import datetime
import difflib
import hashlib
from pathlib import Path

import attrs

from wargame.errors import RuleError, RuleErrors
from wargame.model import SIDES
from wargame.orders import AD_PRIORITIES, DECISIONS, PRESSURES, PROBING, TARGETS
from wargame.schema import (
    Bool, Custom, Date, ListOf, MapOf, Num, Opt, Prob, Problem, Record, Ref, Str, check,
)
from wargame.yamlsafe import cached_by_files, load_yaml_file

DATA_DIR = Path(__file__).parent / "data"
RULES_DIR = DATA_DIR / "rules"
SCENARIOS_DIR = DATA_DIR / "scenarios"

POS = Num(min=0)
WHOLE = Num(min=0, integer=True)
SITES = ("eu", "ukraine", "russia", "us", "other")
OWNERS = ("eu", "ukraine", "russia", "us", "other")


def _sorted_bands(key):
    def check_bands(value, path):
        mins = [row[key] for row in value]
        if not mins or mins[0] != 0:
            return [Problem(path, f"the first row must have {key}: 0, found {mins[0] if mins else 'no rows'}")]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            return [Problem(path, f"rows must be in rising order of {key}, found {mins}")]
        return []
    return check_bands


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


AREA = Record({"name": Str(), "requirement": Num(min=1), "weight": Prob()}, source=True)
ITEM = Record({"name": Str(), "area": Opt(Ref("area")), "kind": Str(("consumable", "platform")),
               "points": Opt(POS, 0.0)}, source=True)
SUPPLIER = Record({
    "name": Str(), "owner": Str(OWNERS), "site": Str(SITES), "item": Ref("item"),
    "capacity_per_day": POS, "unit_cost": Num(min=0.000001), "buyers": ListOf(Ref("side"), 1),
    "batch_days": Num(min=1, max=366, integer=True), "fms": Opt(Bool(), False),
    "feedstock": Opt(Ref("item")),
}, source=True)
BUILD = Record({
    "name": Str(), "builders": ListOf(Ref("side"), 1), "eu_level": Opt(Bool(), False),
    "expands": Opt(Ref("supplier")), "owner": Opt(Str(OWNERS)), "site": Opt(Str(SITES)),
    "item": Opt(Ref("item")), "unit_cost": Opt(Num(min=0.000001)), "buyers": Opt(ListOf(Ref("side"), 1)),
    "batch_days": Opt(Num(min=1, max=366, integer=True)),
    "capacity_per_day": Num(min=0.000001), "capex": POS, "build_days": WHOLE, "ramp_days": WHOLE,
}, source=True)
PROJECT = Record({
    "name": Str(), "eu_level": Opt(Bool(), True), "cost": POS, "duration_days": Num(min=1, integer=True),
    "delivers": MapOf(WHOLE, key=Ref("item")), "points": MapOf(POS, key=Ref("area")),
}, source=True)
MONEY = Record({
    "eu": Record({"gdp": Num(min=1), "budget_share_start": Prob(), "budget_share_min": Prob(),
                  "budget_share_max": Prob(), "max_change_per_turn": Prob(), "baseline_share": Prob(),
                  "escape_clause_max": Prob(), "game_share": Prob(),
                  "contracting_days": Num(min=0, max=90, integer=True)}, source=True),
    "safe": Record({"total": POS, "max_draw_per_turn": POS, "eligible_sites": ListOf(Str(SITES), 1)},
                   source=True),
    "edip": Record({"grant_per_turn": POS, "ukraine_share": Prob(), "last_turn": WHOLE}, source=True),
    "coalition": Record({"extra_cost": Num(min=0, max=1)}, source=True),
    "ukraine": Record({"budget_per_turn": POS, "contracting_days": Num(min=0, max=90, integer=True)},
                      source=True),
    "russia": Record({"budget_per_turn": POS, "sanctions_decline_per_turn": Prob(),
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
PRESSURE_ROW = Record({"shells_per_day": POS, "fpv_per_day": POS, "attack": POS, "losses_per_day": POS,
                       "armour_losses_per_day": POS, "howitzer_losses_per_day": POS})
FRONT = Record({
    "step_days": Num(min=1, max=91, integer=True), "roll_low": POS, "roll_high": POS,
    "weights": MapOf(POS, key=Str(("shell", "fpv_drone", "howitzer", "armour")), sums_to=1.0),
    "intel_bonus": POS, "air_cover_bonus": POS,
    "russia": Record({"pressure": Record({p: PRESSURE_ROW for p in PRESSURES}), "recruits_per_day": POS,
                      "need": Record({"howitzer": Num(min=1), "armour": Num(min=1)})}, source=True),
    "ukraine": Record({"shells_per_day": Num(min=1), "fpv_per_day": Num(min=1), "losses_per_day": POS,
                       "armour_losses_per_day": POS, "howitzer_losses_per_day": POS,
                       "recruits_per_day": POS, "need": Record({"howitzer": Num(min=1), "armour": Num(min=1)})},
                      source=True),
    "bands": Custom(_sorted_bands("min_ratio"), ListOf(Record({
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
        p: MapOf(Prob(), key=Str(("industry", "energy", "front"))) for p in AD_PRIORITIES})),
    "priority_source": Str(),
    "deep_strikes": Record({"waves_per_turn": Num(min=1, max=30, integer=True), "intercept": Prob(),
                            "leak_roll_low": POS, "leak_roll_high": POS, "revenue_loss_per_hit": POS}, source=True),
}, source=True)
DETERRENCE = Record({
    "force_weights": MapOf(POS, key=Ref("item")), "reference_force": Num(min=1), "us_troop_weight": Prob(),
    "us_troop_reference": Num(min=1), "sustained_min_ratio": POS, "sustained_step": Prob(),
    "sustained_max": Prob(),
    "bands": Custom(_sorted_bands("min_ratio"), ListOf(Record({"min_ratio": POS, "crisis_probability": Prob()}), 1)),
    "bands_source": Str(),
    "probing": Record({p: Record({"probability": Prob(), "cost": POS}) for p in PROBING}),
    "probing_source": Str(),
    "crisis_kinds": Custom(_probabilities_sum_to_one, MapOf(Record({
        "probability": Prob(), "cohesion": Num(min=-1, max=1), "support": Num(min=-1, max=1)}), min_len=1)),
    "crisis_source": Str(),
}, source=True)
SHOCK = Record({"cohesion": Num(min=-1, max=1), "support": Num(min=-1, max=1)})
POLITICS = Record({
    "cohesion_start": Prob(), "support_start": Prob(), "reversion": Prob(),
    "veto_delay_days": Num(min=0, max=90, integer=True), "coalition_cohesion": Num(min=-1, max=1),
    "veto_cohesion": Num(min=-1, max=1), "spending_comfort_share": Prob(), "support_per_point_above": Num(min=-1, max=1),
    "ground_support_per_1000km2": Num(min=-1, max=1),
    "veto_bands": Custom(_sorted_bands("min_cohesion"), ListOf(Record({
        "min_cohesion": Prob(), "veto_probability": Prob()}), 1)),
    "veto_source": Str(),
    "shocks": Record({k: SHOCK for k in ("us_step_with_notice", "us_step_short_notice", "fms_pause",
                                         "intel_pause", "aid_stop")}),
    "short_notice_days": WHOLE, "shocks_source": Str(),
}, source=True)
OBJECTIVE = Record({"id": Str(), "text": Str(), "metric": Str(), "op": Str((">=", "<=")), "target": Num(),
                    "points": Num(min=0)})
OBJECTIVES = Record({side: ListOf(OBJECTIVE, 1) for side in SIDES} | {}, source=True)
EU_BOT = Record({
    "description": Str(), "budget_target": Prob(), "gap_budget_step": Opt(Prob(), 0.0),
    "builds": ListOf(Ref("build")), "projects": ListOf(Ref("project")), "safe_draw": POS,
    "ukraine_share": Prob(), "danish_share": Prob(), "project_cash_share": Prob(), "prefer_fms": Bool(),
    "reserve_share": Prob(), "decision": Str(DECISIONS),
}, source=True)
UA_BOT = Record({
    "description": Str(), "mix": MapOf(Prob(), key=Ref("line"), sums_to=1.0), "front_share": Prob(),
    "air_defence": Str(AD_PRIORITIES), "request": MapOf(WHOLE, key=Ref("item")), "deep_strike_share": Prob(),
}, source=True)
RU_BOT = Record({
    "description": Str(), "pressure": Str(PRESSURES), "mix": MapOf(Prob(), key=Ref("line"), sums_to=1.0),
    "strike_share": Record({"cruise_missile": Prob(), "long_range_drone": Prob()}),
    "strike_target": Str(TARGETS), "flank_reserve": Prob(), "probing": Str(PROBING), "builds": ListOf(Ref("build")),
    "build_budget_share": Prob(),
}, source=True)
BOTS = Record({
    "default": Record({side: Str() for side in SIDES}),
    "eu": MapOf(EU_BOT, min_len=1), "ukraine": MapOf(UA_BOT, min_len=1), "russia": MapOf(RU_BOT, min_len=1),
})

RULE_FILES = {
    "areas": MapOf(AREA, min_len=1), "items": MapOf(ITEM, min_len=1), "suppliers": MapOf(SUPPLIER, min_len=1),
    "builds": MapOf(BUILD), "projects": MapOf(PROJECT), "money": MONEY, "start": START, "front": FRONT,
    "strikes": STRIKES, "deterrence": DETERRENCE, "politics": POLITICS, "objectives": OBJECTIVES, "bots": BOTS,
}

STEP = Record({"turn": Num(min=1, integer=True), "day": WHOLE, "notice_days": WHOLE,
               "areas": MapOf(Prob(), key=Ref("area")), "troops": WHOLE, "handover": Prob()})
SCENARIO = Record({
    "scenario": Record({
        "name": Str(), "title": Str(), "description": Str(), "start_date": Date(),
        "turn_days": Num(min=7, max=366, integer=True), "turns": Num(min=1, max=200, integer=True),
        "rules": Opt(Str()),
    }, source=True),
    "us": Record({
        "roadmap": Bool(), "steps": ListOf(STEP),
        "random_steps": Record({"probability": Prob(), "notice_days_max": WHOLE, "troops_min": WHOLE,
                                "troops_max": WHOLE}),
        "fms_pause_probability": Prob(), "intel_pause_probability": Prob(), "pause_turns": WHOLE,
        "aid": ListOf(Record({"from_turn": Num(min=1, integer=True), "share": Prob()}), 1),
        "aid_stop_probability": Prob(),
    }, source=True),
})


@attrs.frozen
class Rules:
    """The validated rules: plain read-only tables keyed as in the YAML, plus a content hash."""

    areas: dict
    items: dict
    suppliers: dict
    builds: dict
    projects: dict
    money: dict
    start: dict
    front: dict
    strikes: dict
    deterrence: dict
    politics: dict
    objectives: dict
    bots: dict
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
    us: dict
    sha256: str
    path: str
    rules_dir: str

    def date_of(self, day):
        """The calendar date of a game day."""
        return self.start_date + datetime.timedelta(days=day)


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
    for key, doc in where.items():
        errors += check(Record({key: RULE_FILES[key]}, open=True), doc, ids)
    if not errors:
        errors += _cross_checks(tables, where)
    if errors:
        raise RuleErrors(sorted(errors, key=lambda e: (str(e.file), e.line or 0)))
    filled = {key: RULE_FILES[key].fill(tables[key]) for key in RULE_FILES}
    return Rules(**filled, sha256=_sha(raw), files=tuple((d.name, d) for d in docs))


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


def _cross_checks(tables, where):
    errors = []
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
    missing = [a for a in tables["areas"] if a not in tables["start"]["us"]["points"]]
    if missing:
        errors.append(where["start"].error(("start", "us", "points"), f"every area needs a value (0 if none): "
                                                                       f"missing {', '.join(missing)}"))
    from wargame.sim import METRIC_NAMES
    known = set(METRIC_NAMES) | {f"coverage.{a}.{k}" for a in tables["areas"] for k in ("with_us", "without_us", "us_gap")}
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
        if us["random_steps"]["troops_min"] > us["random_steps"]["troops_max"]:
            errors.append(doc.error(("us", "random_steps", "troops_min"), "troops_min is above troops_max"))
        for side in SIDES:
            if rules.money[side]["contracting_days"] >= meta["turn_days"]:
                errors.append(doc.error(("scenario", "turn_days"), f"a turn must be longer than the rules' "
                                        f"money.{side}.contracting_days ({rules.money[side]['contracting_days']})"))
        if rules.start["us"]["aid_day"] >= meta["turn_days"]:
            errors.append(doc.error(("scenario", "turn_days"), f"a turn must be longer than the rules' "
                                    f"start.us.aid_day ({rules.start['us']['aid_day']})"))
        if rules.politics["veto_delay_days"] >= meta["turn_days"]:
            errors.append(doc.error(("scenario", "turn_days"), "a turn must be longer than the rules' veto_delay_days"))
    if errors:
        raise RuleErrors(errors)
    raw = path.read_bytes()
    scenario = Scenario(
        name=meta["name"], title=meta["title"], description=meta["description"], start_date=meta["start_date"],
        turn_days=meta["turn_days"], turns=meta["turns"], us=us, sha256=_sha([("scenario", raw)]),
        path=str(path), rules_dir=str(rules_dir),
    )
    return scenario, rules
