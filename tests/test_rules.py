"""Loading the packaged rules and scenarios, and the messages a broken rules file gives."""

import json
import math
import pickle
import os
import re
import shutil
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.errors import RuleError, RuleErrors
from wargame.rules import RULES_DIR, SCENARIOS_DIR, load_rules, load_scenario, scenario_names
from wargame.schema import FrozenMap

SCENARIOS = ("chaotic", "coordinated", "us-stays")


# --- the packaged data ---------------------------------------------------------------------------

def test_packaged_rules_load():
    rules = load_rules()
    for table in ("areas", "items", "suppliers", "builds", "projects", "money", "start", "front", "strikes",
                  "deterrence", "politics", "objectives", "bots"):
        assert getattr(rules, table), table
    assert re.fullmatch(r"[0-9a-f]{64}", rules.sha256)
    # every supplier makes a known item and sells to known sides
    for lid, s in rules.suppliers.items():
        assert s.item in rules.items, lid
        assert set(s.buyers) <= {"eu", "ukraine", "russia"}, lid
    # the default bots name policies that exist
    for side in ("eu", "ukraine", "russia"):
        assert getattr(rules.bots.default, side) in getattr(rules.bots, side)


def _mutable_inside(value, path="rules", seen=None):
    """Paths of every dict, list or set reachable from value (a typed rules object)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, (dict, list, set, bytearray)):
        return [path]
    if isinstance(value, FrozenMap):
        return [p for k, v in value.items() for p in _mutable_inside(v, f"{path}[{k!r}]", seen)]
    if isinstance(value, tuple):
        return [p for i, v in enumerate(value) for p in _mutable_inside(v, f"{path}[{i}]", seen)]
    if attrs.has(type(value)):
        return [p for f in attrs.fields(type(value)) if f.name != "files"
                for p in _mutable_inside(getattr(value, f.name), f"{path}.{f.name}", seen)]
    return []


def test_rules_are_frozen_all_the_way_down():
    scenario, rules = load_scenario("coordinated")
    assert _mutable_inside(rules) == [] and _mutable_inside(scenario, "scenario") == []
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rules.money.eu.gdp = 1
    with pytest.raises(TypeError):
        rules.suppliers["eu_shells"] = None
    with pytest.raises(AttributeError):
        rules.suppliers._map = {}


def test_rules_read_by_attribute_with_yaml_names_and_order():
    scenario, rules = load_scenario("coordinated")
    assert rules.money.eu.gdp > 0 and rules.front.step_days >= 1
    assert rules.strikes.deep_strikes.intercept == rules.strikes.deep_strikes.intercept
    assert rules.deterrence.probing["high"].cost >= 0
    assert rules.suppliers["eu_shells"].unit_cost > 0
    assert isinstance(rules.front.bands, tuple) and isinstance(rules.money.safe.eligible_sites, tuple)
    text = (RULES_DIR / "suppliers.yaml").read_text()
    assert list(rules.suppliers) == re.findall(r"^  ([a-z0-9_]+):\s*$", text, flags=re.M)
    assert isinstance(scenario.us.steps, tuple) and 0 <= scenario.us.random_steps.probability <= 1


def test_the_generated_rule_records_are_up_to_date():
    from wargame.rules import RECORDS_FILE, rule_records_source
    assert RECORDS_FILE.read_text(encoding="utf-8") == rule_records_source(), \
        "regenerate wargame/rule_records.py: see its docstring"
    _, rules = load_scenario("coordinated")
    assert type(rules.money.eu).__module__ == "wargame.rule_records"


def test_the_rule_records_behave_as_frozen_attrs_records():
    """The generated records are plain classes (cheap to import) that keep the attrs behaviour code and
    tests rely on: keyword construction, fields, evolve, asdict, equality and hashing, repr, no changes."""
    _, rules = load_scenario("coordinated")
    eu = rules.money.eu
    names = [f.name for f in attrs.fields(type(eu))]
    assert attrs.has(type(eu)) and names[0] == "gdp" and names[-1] == "source"
    assert list(attrs.fields_dict(type(eu))) == names and attrs.fields(type(eu))[-1].default is None
    higher = attrs.evolve(eu, budget_share_start=eu.budget_share_start + 0.001)
    assert higher.budget_share_start == eu.budget_share_start + 0.001 and higher.gdp == eu.gdp
    assert higher != eu and attrs.evolve(higher, budget_share_start=eu.budget_share_start) == eu
    assert hash(attrs.evolve(eu)) == hash(eu) and eu != object()
    assert attrs.asdict(rules.areas[next(iter(rules.areas))])["source"] is not None
    assert repr(eu).startswith(f"MoneyEu(gdp={eu.gdp!r}, ")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eu.gdp = 1.0
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del eu.gdp
    with pytest.raises(TypeError):
        type(eu)(**{n: getattr(eu, n) for n in names[:-2]})  # a missing field is refused, as attrs does
    with pytest.raises(TypeError):
        type(eu)(eu.gdp)  # keyword-only


def test_typed_rules_pickle_for_batch_workers():
    _, rules = load_scenario("coordinated")
    again = pickle.loads(pickle.dumps(rules))
    assert again.suppliers == rules.suppliers and again.money == rules.money
    assert type(again.money.eu) is type(rules.money.eu)


def test_rules_hash_is_stable():
    assert load_rules().sha256 == load_rules(RULES_DIR).sha256


def test_the_three_scenarios_are_packaged():
    assert set(SCENARIOS) <= set(scenario_names())


@pytest.mark.parametrize("name", SCENARIOS)
def test_packaged_scenario_loads(name):
    scenario, rules = load_scenario(name)
    assert scenario.name == name
    assert scenario.title and scenario.description
    assert scenario.turns >= 1 and scenario.turn_days >= 7
    assert Path(scenario.path).resolve().parent == SCENARIOS_DIR.resolve()
    assert rules.sha256 == load_rules().sha256
    # the calendar: day 0 is the start date
    assert scenario.date_of(0) == scenario.start_date
    assert (scenario.date_of(scenario.turn_days) - scenario.start_date).days == scenario.turn_days


def test_scenario_by_path_equals_scenario_by_name():
    by_name, _ = load_scenario("coordinated")
    by_path, _ = load_scenario(SCENARIOS_DIR / "coordinated.yaml")
    assert by_name.sha256 == by_path.sha256
    assert by_name.us == by_path.us


def test_scenarios_differ_only_in_what_the_us_does():
    docs = {name: yaml.safe_load((SCENARIOS_DIR / f"{name}.yaml").read_text(encoding="utf-8")) for name in SCENARIOS}
    own = {"name", "title", "description", "source"}
    first = docs[SCENARIOS[0]]
    for name, doc in docs.items():
        assert set(doc) == {"scenario", "us"}, name
        assert doc["scenario"]["name"] == name
        calendar = {k: v for k, v in doc["scenario"].items() if k not in own}
        assert calendar == {k: v for k, v in first["scenario"].items() if k not in own}, name
        assert set(doc["us"]) == set(first["us"]), name
    # and the US blocks really do differ from one another
    us_blocks = [yaml.safe_dump(d["us"], sort_keys=True) for d in docs.values()]
    assert len(set(us_blocks)) == len(us_blocks)


def test_only_the_coordinated_scenario_has_a_road_map():
    roadmap = {name: load_scenario(name)[0].us.roadmap for name in SCENARIOS}
    assert roadmap == {"chaotic": False, "coordinated": True, "us-stays": False}
    assert load_scenario("coordinated")[0].us.steps
    assert not load_scenario("us-stays")[0].us.steps


# --- a broken copy of the rules ------------------------------------------------------------------

@pytest.fixture
def rules_copy(tmp_path):
    dest = tmp_path / "rules"
    shutil.copytree(RULES_DIR, dest)
    return dest


def edit(path, pattern, repl):
    """Replace the first match of pattern (multiline) in path; the 1-based line where it now stands."""
    text = path.read_text(encoding="utf-8")
    m = re.search(pattern, text, flags=re.M)
    assert m, f"{pattern!r} not found in {path.name}: the rules file changed shape"
    new = text[:m.start()] + m.expand(repl) + text[m.end():]
    path.write_text(new, encoding="utf-8")
    return text[:m.start()].count("\n") + 1


def owner_key(path, line):
    """The two-space-indented key (a record id) that holds `line` in a rules file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i in range(line - 1, -1, -1):
        m = re.match(r"^  ([A-Za-z0-9_]+):\s*$", lines[i])
        if m:
            return m.group(1), i + 1
    raise AssertionError("no record key above line")


def errors_of(rules_dir):
    with pytest.raises(RuleErrors) as info:
        load_rules(rules_dir)
    errors = info.value.errors
    assert errors and all(isinstance(e, RuleError) for e in errors)
    # one line per problem, never a traceback
    assert str(info.value).count("\n") == len(errors) - 1
    assert "Traceback" not in str(info.value)
    return errors


def only(errors, file):
    """The error about `file`; there must be exactly one."""
    mine = [e for e in errors if Path(e.file).name == file]
    assert len(mine) == 1, [e.format() for e in errors]
    return mine[0]


def test_negative_capacity(rules_copy):
    f = rules_copy / "suppliers.yaml"
    line = edit(f, r"^(    capacity_per_day: )\S+$", r"\g<1>-5")
    lid, _ = owner_key(f, line)
    e = only(errors_of(rules_copy), "suppliers.yaml")
    assert e.line == line
    assert e.path == f"suppliers.{lid}.capacity_per_day"
    assert e.format().startswith(f"{f}:{line}: suppliers.{lid}.capacity_per_day:")
    assert "-5" in e.message and ">= 0" in e.message


def test_probability_above_one(rules_copy):
    f = rules_copy / "strikes.yaml"
    line = edit(f, r"^(  drone_intercept: )\S+$", r"\g<1>1.4")
    e = only(errors_of(rules_copy), "strikes.yaml")
    assert (e.line, e.path) == (line, "strikes.drone_intercept")
    assert f"{f}:{line}: strikes.drone_intercept:" in e.format()
    assert "probability" in e.message and "1.4" in e.message


def test_front_weights_not_summing_to_one(rules_copy):
    f = rules_copy / "front.yaml"
    line = edit(f, r"^(  weights: \{shell: )[0-9.]+", r"\g<1>0.95")
    e = only(errors_of(rules_copy), "front.yaml")
    assert (e.line, e.path) == (line, "front.weights")
    assert "sum to 1" in e.message


def test_crisis_kinds_not_summing_to_one(rules_copy):
    f = rules_copy / "deterrence.yaml"
    text = f.read_text(encoding="utf-8")
    kinds_line = text[:text.index("  crisis_kinds:")].count("\n") + 1
    edit(f, r"^(  crisis_kinds:\n    \w+: \{probability: )[0-9.]+", r"\g<1>0.99")
    e = only(errors_of(rules_copy), "deterrence.yaml")
    assert (e.line, e.path) == (kinds_line, "deterrence.crisis_kinds")
    assert "probabilities must sum to 1" in e.message


def test_bands_out_of_order(rules_copy):
    f = rules_copy / "deterrence.yaml"
    text = f.read_text(encoding="utf-8")
    bands_line = text[:text.index("  bands:")].count("\n") + 1
    edit(f, r"^(    - \{min_ratio: )0(\.0)?,", r"\g<1>0.5,")
    e = only(errors_of(rules_copy), "deterrence.yaml")
    assert (e.line, e.path) == (bands_line, "deterrence.bands")
    assert "min_ratio" in e.message


def test_unknown_item_reference_suggests_the_near_one(rules_copy):
    f = rules_copy / "suppliers.yaml"
    line = edit(f, r"^(    item: )shell$", r"\g<1>shel")
    lid, _ = owner_key(f, line)
    e = only(errors_of(rules_copy), "suppliers.yaml")
    assert (e.line, e.path) == (line, f"suppliers.{lid}.item")
    assert "unknown item 'shel'" in e.message
    assert "did you mean 'shell'" in e.message


def test_missing_source(rules_copy):
    f = rules_copy / "suppliers.yaml"
    line = edit(f, r"^    source: .*\n", "")
    lid, key_line = owner_key(f, line - 1)
    e = only(errors_of(rules_copy), "suppliers.yaml")
    assert (e.line, e.path) == (key_line, f"suppliers.{lid}")
    assert "source" in e.message


def test_duplicate_key(rules_copy):
    f = rules_copy / "strikes.yaml"
    first = edit(f, r"^(  drone_intercept: .*)$", r"\1\n  drone_intercept: 0.5")
    e = only(errors_of(rules_copy), "strikes.yaml")
    assert (e.line, e.path) == (first + 1, "strikes.drone_intercept")
    assert "duplicate key 'drone_intercept'" in e.message
    assert f"first at line {first}" in e.message


def test_python_tag_is_refused_and_never_run(rules_copy, tmp_path):
    f = rules_copy / "strikes.yaml"
    marker = tmp_path / "pwned"
    line = edit(f, r"^(  drone_intercept: ).*$", rf"\g<1>!!python/object/apply:os.system ['touch {marker}']")
    e = only(errors_of(rules_copy), "strikes.yaml")
    assert (e.line, e.path) == (line, "strikes.drone_intercept")
    assert "tag" in e.message and "python/object/apply:os.system" in e.message
    assert not marker.exists()


def test_empty_file(rules_copy):
    f = rules_copy / "politics.yaml"
    f.write_text("", encoding="utf-8")
    e = only(errors_of(rules_copy), "politics.yaml")
    assert e.format().startswith(f"{f}:")
    assert "empty" in e.message


def test_binary_file(rules_copy):
    f = rules_copy / "politics.yaml"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff")
    e = only(errors_of(rules_copy), "politics.yaml")
    assert e.format().startswith(f"{f}:")
    assert "binary" in e.message


def test_several_problems_are_reported_together(rules_copy):
    edit(rules_copy / "strikes.yaml", r"^(  drone_intercept: )\S+$", r"\g<1>1.4")
    edit(rules_copy / "suppliers.yaml", r"^(    capacity_per_day: )\S+$", r"\g<1>-5")
    files = {Path(e.file).name for e in errors_of(rules_copy)}
    assert files == {"strikes.yaml", "suppliers.yaml"}


def test_unchanged_copy_loads_with_the_same_hash(rules_copy):
    assert load_rules(rules_copy).sha256 == load_rules().sha256


def test_a_changed_number_changes_the_hash(rules_copy):
    edit(rules_copy / "strikes.yaml", r"^(  drone_intercept: )\S+$", r"\g<1>0.123")
    assert load_rules(rules_copy).sha256 != load_rules().sha256


def test_missing_rules_folder(tmp_path):
    with pytest.raises(RuleError, match="rules folder not found"):
        load_rules(tmp_path / "nowhere")


# --- a scenario of one's own with its own rules --------------------------------------------------

def own_scenario(folder, rules_ref, name="mine"):
    text = (SCENARIOS_DIR / "coordinated.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^  name: \S+$", f"  name: {name}", text, count=1, flags=re.M)
    text = text.replace("scenario:\n", f"scenario:\n  rules: {rules_ref}\n", 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_scenario_with_relative_rules_path(tmp_path, rules_copy):
    path = own_scenario(tmp_path / "games", "../rules")
    scenario, rules = load_scenario(path)
    assert scenario.name == "mine"
    assert Path(scenario.rules_dir).resolve() == rules_copy.resolve()
    assert rules.sha256 == load_rules().sha256


def test_scenario_rules_path_is_the_one_used(tmp_path, rules_copy):
    path = own_scenario(tmp_path / "games", "../rules")
    edit(rules_copy / "strikes.yaml", r"^(  drone_intercept: )\S+$", r"\g<1>1.4")
    with pytest.raises(RuleErrors) as info:
        load_scenario(path)
    assert {Path(e.file).resolve() for e in info.value.errors} == {(rules_copy / "strikes.yaml").resolve()}
    # the packaged rules are untouched
    load_scenario("coordinated")


def test_scenario_rules_path_changed_numbers_are_used(tmp_path, rules_copy):
    path = own_scenario(tmp_path, "rules")
    edit(rules_copy / "strikes.yaml", r"^(  drone_intercept: )\S+$", r"\g<1>0.123")
    _, rules = load_scenario(path)
    assert rules.strikes.drone_intercept == 0.123


def test_scenario_with_missing_rules_folder(tmp_path):
    path = own_scenario(tmp_path, "no-such-rules")
    with pytest.raises(RuleError, match="rules folder not found"):
        load_scenario(path)


def test_scenario_problems_name_file_and_line(tmp_path):
    path = own_scenario(tmp_path, "../nothing")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^  rules: .*\n", "", text, flags=re.M)
    text = text.replace("turn_days: 91", "turn_days: 3")
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("turn_days: 3")].count("\n") + 1
    with pytest.raises(RuleErrors) as info:
        load_scenario(path)
    assert f"{path}:{line}: scenario.turn_days:" in str(info.value)


def test_unknown_scenario_suggests_a_name():
    with pytest.raises(RuleError, match="did you mean 'chaotic'"):
        load_scenario("chaotc")


def test_a_turn_shorter_than_contracting_days_is_refused(tmp_path, rules_copy):
    edit(rules_copy / "money.yaml", r"^(    contracting_days: )30$", r"\g<1>80")
    path = own_scenario(tmp_path / "games", "../rules")
    path.write_text(re.sub(r"^  turn_days: 91$", "  turn_days: 61", path.read_text(), flags=re.M))
    with pytest.raises(RuleErrors) as info:
        load_scenario(path)
    assert "a turn must be longer than the rules' money.eu.contracting_days (80)" in str(info.value)


def test_a_build_may_only_expand_a_line_open_at_the_start(rules_copy):
    text = (rules_copy / "builds.yaml").read_text()
    (rules_copy / "builds.yaml").write_text(text + (
        "  plant_expansion:\n    name: x\n    builders: [eu]\n    expands: eu_shell_plant\n"
        "    capacity_per_day: 100\n    capex: 50\n    build_days: 10\n    ramp_days: 10\n    source: test\n"))
    error = only(errors_of(rules_copy), "builds.yaml")
    assert "builds.plant_expansion.expands: unknown supplier 'eu_shell_plant'" in error.format()


def test_every_area_needs_a_us_starting_value(rules_copy):
    edit(rules_copy / "start.yaml", r"^      drones: \d+\n", "")
    error = only(errors_of(rules_copy), "start.yaml")
    assert "start.us.points: every area needs a value (0 if none): missing drones" in error.format()


# --- roles: the items the mechanics need, declared in items.yaml ---------------------------------

def rename_item(rules_dir, old, new):
    """Rename item `old` to `new` in every rules file, textually, as a rules author would; the
    `role:` it plays and the comments stay."""
    word = re.compile(rf"\b{old}\b")
    for path in sorted(rules_dir.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln if ln.lstrip().startswith(("#", "role:")) else word.sub(new, ln) for ln in lines]
        path.write_text("".join(kept), encoding="utf-8")


def test_roles_name_the_items_the_mechanics_use():
    rules = load_rules()
    assert rules.roles.interceptor == "interceptor" and rules.roles.sam_battery == "sam_battery"
    assert all(getattr(rules.roles, r) in rules.items for r in attrs.fields_dict(type(rules.roles)))


def test_a_renamed_item_validates_and_plays(tmp_path, rules_copy):
    from click.testing import CliRunner

    from wargame.cli import main
    rename_item(rules_copy, "sam_battery", "air_defence_battery")
    assert "sam_battery:" not in (rules_copy / "items.yaml").read_text()
    assert load_rules(rules_copy).roles.sam_battery == "air_defence_battery"
    path = own_scenario(tmp_path / "games", "../rules")
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(rules_copy), str(path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "game.jsonl"
    result = runner.invoke(main, ["play", str(path), "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records[-1].get("end") and len(records) == load_scenario(path)[0].turns + 2
    assert "air_defence_battery" in out.read_text() and '"sam_battery"' not in out.read_text()


def test_a_role_declared_twice_is_refused(rules_copy):
    line = edit(rules_copy / "items.yaml", r"^(    role: )howitzer$", r"\g<1>shell")
    errors = errors_of(rules_copy)
    twice = next(e for e in errors if e.path == "items.howitzer.role")
    assert twice.line == line and "role 'shell' is already the role of item 'shell'" in twice.message
    assert any("no item has role 'howitzer'" in e.message for e in errors)


def test_a_missing_role_is_refused(rules_copy):
    edit(rules_copy / "items.yaml", r"^    role: interceptor\n", "")
    errors = [e.format() for e in errors_of(rules_copy)]
    assert any("no item has role 'interceptor'" in e for e in errors), errors


def test_an_unknown_role_suggests_the_near_one(rules_copy):
    edit(rules_copy / "items.yaml", r"^(    role: )interceptor$", r"\g<1>interceptors")
    e = only(errors_of(rules_copy), "items.yaml")
    assert "did you mean 'interceptor'" in e.message


# --- whatever validates also plays ----------------------------------------------------------------

def _numbers(schema, data, path=()):
    """(path, Num) of every number in data that schema checks with a Num (ranges from the schema)."""
    from wargame.schema import Custom, ListOf, MapOf, Num, Opt, Record
    if isinstance(schema, Opt):
        schema = schema.schema
    if isinstance(schema, Custom):
        schema = schema.schema
    if isinstance(schema, Num):
        return [(path, schema)]
    if isinstance(schema, Record) and isinstance(data, dict):
        return [n for k, spec in schema.fields.items() if k in data for n in _numbers(spec, data[k], path + (k,))]
    if isinstance(schema, MapOf) and isinstance(data, dict):
        return [n for k, v in data.items() for n in _numbers(schema.value, v, path + (k,))]
    if isinstance(schema, ListOf) and isinstance(data, list):
        return [n for i, v in enumerate(data) for n in _numbers(schema.item, v, path + (i,))]
    return []


def _rule_numbers():
    from wargame.rules import RULE_FILES
    out = []
    for path in sorted(RULES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for table, value in data.items():
            out += [(path.name, (table,) + p, num) for p, num in _numbers(RULE_FILES[table], value)]
    # and the scenario's numbers (turn length, US steps and chances), edited in the game's own copy
    from wargame.rules import SCENARIO
    data = yaml.safe_load((SCENARIOS_DIR / "coordinated.yaml").read_text(encoding="utf-8"))
    out += [(None, p, num) for p, num in _numbers(SCENARIO, data)]
    return out


RULE_NUMBERS = _rule_numbers()


@st.composite
def rule_edits(draw):
    """One to three numbers of the rules or the scenario set to values inside their schema's own ranges,
    extremes included."""
    edits, tables = [], sorted({path[0] for _, path, _ in RULE_NUMBERS})
    # a table first, then a number in it: the few numbers of money or politics are drawn as often
    # as the many of suppliers
    picks = [draw(st.sampled_from([n for n in RULE_NUMBERS if n[1][0] == table]))
             for table in draw(st.lists(st.sampled_from(tables), min_size=1, max_size=3))]
    from wargame.schema import CEILING
    for file, path, num in {(f, p): (f, p, n) for f, p, n in picks}.values():
        # the whole range a number may take (issue 13: none is above CEILING in size), and attacks past it
        low = num.min if num.min is not None else -CEILING
        high = num.max if num.max is not None else CEILING
        outside = [1e300, -1e300, 10**400, float("nan"), float("inf")]
        if num.integer:
            low, high = math.ceil(low), math.floor(high)
            value = draw(st.one_of(st.sampled_from([low, high]), st.integers(low, high), st.sampled_from(outside)))
        else:
            value = draw(st.one_of(st.sampled_from([low, high]), st.floats(low, high, allow_nan=False),
                                   st.sampled_from(outside)))
        edits.append((file, path, value))
    return edits


@settings(max_examples=int(os.environ.get("RULE_EXAMPLES", 25)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=rule_edits())
def test_rules_that_validate_also_play(tmp_path_factory, edits):
    from wargame.engine import Game
    from wargame.errors import WargameError
    folder = tmp_path_factory.mktemp("edited")
    rules_dir = folder / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    scenario = own_scenario(folder, "rules")
    for file, path, value in edits:
        target = rules_dir / file if file else scenario
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    try:
        game = Game.load(str(scenario), seed=2, turns=3)
    except RuleErrors:
        return  # refused at the door, with file:line messages (tested above): that is the point
    try:
        game.play()  # the default bots are part of the rules: their orders must pass too
    except WargameError as e:
        raise AssertionError(f"validated, then play refused: {e}; edits {edits}") from None


def test_a_start_budget_above_its_maximum_is_refused_by_validate(tmp_path, rules_copy):
    from click.testing import CliRunner

    from wargame.cli import main
    line = edit(rules_copy / "money.yaml", r"^(    budget_share_start: ).*$", r"\g<1>0.09")
    result = CliRunner().invoke(main, ["validate", str(rules_copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"money.yaml:{line}: money.eu.budget_share_start: must be between budget_share_min (0.015) and "
            "budget_share_max (0.05)") in result.output
    assert "found 0.09" in result.output


@pytest.mark.parametrize("file, pattern, repl, message", [
    ("front.yaml", r"^(  roll_low: ).*$", r"\g<1>5", "front.roll_low: must be at most roll_high"),
    ("strikes.yaml", r"^(  leak_roll_low: ).*$", r"\g<1>9", "strikes.leak_roll_low: must be at most leak_roll_high"),
    ("money.yaml", r"^(    budget_share_min: ).*$", r"\g<1>0.06", "money.eu.budget_share_min: must be at most "
                                                                   "budget_share_max"),
    ("money.yaml", r"^(    budget_share_min: ).*$", r"\g<1>0.04", "money.eu.budget_share_min: must be at most "
                                                                   "baseline_share + escape_clause_max (0.036)"),
    ("front.yaml", r"^(  weights: ).*$", r"\g<1>{shell: 0.55, fpv_drone: 0.25, howitzer: 0.2}",
     "front.weights: every role the front uses needs a weight (0 if none): missing tank, armoured_vehicle"),
    ("projects.yaml", r"^(    cost: )\S+$", r"\g<1>0", "cost: expected a number >= 1e-06, found 0"),
])
def test_cross_field_checks_name_file_line_and_key(rules_copy, file, pattern, repl, message):
    line = edit(rules_copy / file, pattern, repl)
    errors = [e for e in errors_of(rules_copy) if message in e.format()]
    assert errors and errors[0].line == line, message


def test_a_bot_that_builds_what_its_side_may_not_is_refused(rules_copy):
    eu_only = next(b for b, spec in load_rules().builds.items() if "russia" not in spec.builders)
    path = rules_copy / "bots.yaml"
    data = yaml.safe_load(path.read_text())
    policy = next(iter(data["bots"]["russia"]))
    data["bots"]["russia"][policy]["builds"] = [eu_only]
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    errors = [e.format() for e in errors_of(rules_copy)]
    assert any(f"bots.russia.{policy}.builds[0]: russia may not build '{eu_only}'" in e for e in errors), errors


def test_front_bands_whose_ground_falls_as_the_ratio_rises(rules_copy):
    f = rules_copy / "front.yaml"
    text = f.read_text(encoding="utf-8")
    bands_line = text[:text.index("  bands:")].count("\n") + 1
    edit(f, r"^(    - \{min_ratio: 1\.3, km2_per_day: )\d+", r"\g<1>-50")
    e = only(errors_of(rules_copy), "front.yaml")
    assert (e.line, e.path) == (bands_line, "front.bands")
    assert "must not fall" in e.message


def test_full_rate_feedstock_without_feedstock(rules_copy):
    f = rules_copy / "suppliers.yaml"
    edit(f, r"^(    feedstock: stored_tank\n)", r"")
    e = only(errors_of(rules_copy), "suppliers.yaml")
    assert e.path.endswith("full_rate_feedstock") and "needs a 'feedstock'" in e.message



def test_an_item_worth_almost_no_points_still_plays(tmp_path):
    """Found by test_rules_that_validate_also_play: a shell worth 2.2e-309 points made the EU bot want an
    infinite number of shells (its need over the points), and int(inf) stopped the game with a traceback."""
    from wargame.engine import Game
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    path = rules / "items.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("\n  shell:\n")
    tail = text[at:].replace("points: 0.00001", "points: 2.225073858507203e-309", 1)
    path.write_text(text[:at] + tail, encoding="utf-8")
    loaded = load_rules(rules)
    assert loaded.items["shell"].points == 2.225073858507203e-309
    Game.load("coordinated", seed=1, turns=2, rules=loaded).play()
