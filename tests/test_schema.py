"""Tests for the declarative schema validator and its messages."""

import datetime
from pathlib import Path

import pytest

from wargame.errors import RuleErrors
from wargame.schema import (
    SOURCE_MESSAGE,
    Bool,
    Custom,
    Date,
    ListOf,
    MapOf,
    Num,
    Opt,
    Problem,
    Prob,
    Record,
    Ref,
    Str,
    check,
    require,
    validate,
)
from wargame.yamlsafe import load_yaml_file

IDS = {
    "item": {"shell_155", "fuel", "spares"},
    "area": {"baltic", "rhine"},
    "side": {"us", "eu"},
    "supplier": {"rheinmetall", "nammo"},
}

LINE = Record(
    {
        "item": Ref("item"),
        "capacity_per_day": Num(min=0),
        "lead_time_days": Num(min=0, integer=True),
        "reliability": Opt(Prob(), default=1.0),
        "mode": Opt(Str(choices=["coalition", "consensus"]), default="coalition"),
        "opens": Opt(Date()),
        "tags": Opt(ListOf(Str()), default=[]),
    },
    source=True,
)
RULES = Record(
    {
        "lines": MapOf(LINE, min_len=1),
        "shares": MapOf(Prob(), key=Ref("side"), sums_to=1.0),
        "steps": ListOf(Record({"area": Ref("area"), "days": Num(min=1, integer=True)}), min_len=1),
        "enabled": Opt(Bool(), default=True),
    }
)

GOOD = """\
lines:
  shells_eu:
    item: shell_155
    capacity_per_day: 3000
    lead_time_days: 30
    opens: "2025-03-01"
    source: design assumption
shares: {us: 0.6, eu: 0.4}
steps:
  - area: baltic
    days: 3
"""


def load(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml_file(path)


def problems(tmp_path, schema, text, ids=IDS):
    """(line, path, message) of every problem, in the order check reports them."""
    return [(e.line, e.path, e.message) for e in check(schema, load(tmp_path, text), ids=ids)]


def one(tmp_path, schema, text, ids=IDS):
    found = problems(tmp_path, schema, text, ids)
    assert len(found) == 1, found
    return found[0]


def test_happy_path_and_fill(tmp_path):
    doc = load(tmp_path, GOOD)
    assert check(RULES, doc, ids=IDS) == []
    data = require(RULES, doc, ids=IDS)
    line = data["lines"]["shells_eu"]
    assert line["reliability"] == 1.0
    assert line["mode"] == "coalition"
    assert line["opens"] == datetime.date(2025, 3, 1)
    assert line["tags"] == []
    assert line["source"] == "design assumption"
    assert data["enabled"] is True
    assert doc.data["lines"]["shells_eu"].get("mode") is None  # the document is not changed


def test_fill_copies_mutable_defaults():
    schema = Record({"tags": Opt(ListOf(Str()), default=[])})
    a, b = schema.fill({}), schema.fill({})
    a["tags"].append("x")
    assert b["tags"] == []


def test_require_raises_all_problems(tmp_path):
    doc = load(tmp_path, "lines: {}\nshares: {us: 2}\nsteps: []\n")
    with pytest.raises(RuleErrors) as info:
        require(RULES, doc, ids=IDS)
    assert [e.line for e in info.value.errors] == [1, 2, 2, 3]


@pytest.mark.parametrize(
    "schema, value, message",
    [
        (Num(min=0), "-30", "expected a number >= 0, found -30"),
        (Num(integer=True), "2.5", "expected a whole number, found 2.5"),
        (Num(), "ten", "expected a number, found 'ten'"),
        (Num(), "true", "expected a number, found true"),
        (Num(), ".inf", "expected a number, found inf"),
        (Num(), "", "expected a number, found an empty value"),
        (Num(max=10), "11", "expected a number <= 10, found 11"),
        (Num(min=1, max=5, integer=True), "7", "expected a whole number from 1 to 5, found 7"),
        (Prob(), "1.4", "expected a probability between 0 and 1, found 1.4"),
        (Prob(), "-0.1", "expected a probability between 0 and 1, found -0.1"),
        (Str(), "5", "expected text, found 5"),
        (
            Str(choices=["coalition", "consensus"]),
            "concensus",
            "expected one of coalition, consensus, found 'concensus' (did you mean 'consensus'?)",
        ),
        (Str(choices=["coalition", "consensus"]), "chaos", "expected one of coalition, consensus, found 'chaos'"),
        (Bool(), "maybe", "expected true or false, found 'maybe'"),
        (Date(), "soon", "expected a date like 2025-03-01, found 'soon'"),
        (Date(), "'2025-02-30'", "expected a date like 2025-03-01, found '2025-02-30'"),
        (Date(), "2025-03-01 10:00:00", "expected a date like 2025-03-01, found the date and time 2025-03-01 10:00:00"),
        (ListOf(Num()), "abc", "expected a list, found 'abc'"),
        (ListOf(Num(), min_len=1), "[]", "expected at least 1 item, found 0"),
        (ListOf(Num(), max_len=2), "[1, 2, 3]", "expected at most 2 items, found 3"),
        (MapOf(Num()), "[1, 2]", "expected a mapping, found a list"),
        (MapOf(Num(), min_len=2), "{a: 1}", "expected at least 2 entries, found 1"),
        (MapOf(Num(), min_len=1), "{}", "expected at least 1 entry, found 0"),
        (MapOf(Prob(), sums_to=1.0), "{a: 0.6, b: 0.3}", "values must sum to 1, found 0.9"),
        (Record({"a": Num()}), "[1]", "expected a mapping, found a list"),
        (Ref("item"), "shel_155", "unknown item 'shel_155' (did you mean 'shell_155'?)"),
        (Ref("area"), "alps", "unknown area 'alps' (known area ids: baltic, rhine)"),
        (Ref("item"), "7", "expected an item name, found 7"),
    ],
)
def test_value_messages(tmp_path, schema, value, message):
    text = f"top: 1\nvalue: {value}\n"
    wrapper = Record({"top": Num(), "value": schema})
    assert one(tmp_path, wrapper, text) == (2, "value", message)


def test_sums_to_accepts_rounding_noise(tmp_path):
    schema = Record({"s": MapOf(Num(), sums_to=1.0)})
    assert problems(tmp_path, schema, "s: {a: 0.1, b: 0.2, c: 0.7}\n") == []
    assert problems(tmp_path, schema, "s: {a: 0.3333333333, b: 0.3333333333, c: 0.3333333334}\n") == []


def test_missing_key(tmp_path):
    text = "lines:\n  x:\n    item: fuel\n    lead_time_days: 2\n    source: paper\n"
    schema = Record({"lines": MapOf(LINE)})
    assert one(tmp_path, schema, text) == (2, "lines.x", "missing key 'capacity_per_day'")


def test_unknown_key_with_suggestion(tmp_path):
    text = "lines:\n  x:\n    item: fuel\n    capacity_per_day: 1\n    lead_tme_days: 2\n    source: paper\n"
    found = problems(tmp_path, Record({"lines": MapOf(LINE)}), text)
    assert found == [
        (2, "lines.x", "missing key 'lead_time_days'"),
        (5, "lines.x.lead_tme_days", "unknown key 'lead_tme_days' (did you mean 'lead_time_days'?)"),
    ]


def test_unknown_key_lists_allowed_keys(tmp_path):
    schema = Record({"area": Str(), "days": Num()})
    assert one(tmp_path, schema, "area: x\ndays: 1\nzzz: 3\n") == (3, "zzz", "unknown key 'zzz' (allowed keys: area, days)")


def test_unknown_key_with_many_fields_lists_nothing(tmp_path):
    schema = Record({f"field_{i}": Opt(Num()) for i in range(12)})
    assert one(tmp_path, schema, "field_1: 1\nqqq: 3\n") == (2, "qqq", "unknown key 'qqq'")


def test_open_record_allows_unknown_keys(tmp_path):
    schema = Record({"a": Num()}, open=True)
    doc = load(tmp_path, "a: 1\nextra: yes\n")
    assert check(schema, doc) == []
    assert schema.fill(doc.data) == {"a": 1, "extra": True}


def test_source_required(tmp_path):
    text = "lines:\n  x:\n    item: fuel\n    capacity_per_day: 1\n    lead_time_days: 2\n"
    assert one(tmp_path, Record({"lines": MapOf(LINE)}), text) == (2, "lines.x", SOURCE_MESSAGE)
    assert SOURCE_MESSAGE == (
        'missing source: every record with numbers needs a source note '
        '(a public source, the paper, or "design assumption")'
    )


def test_source_must_not_be_empty(tmp_path):
    text = "lines:\n  x:\n    item: fuel\n    capacity_per_day: 1\n    lead_time_days: 2\n    source: ''\n"
    line, path, message = one(tmp_path, Record({"lines": MapOf(LINE)}), text)
    assert (line, path) == (6, "lines.x.source")
    assert message.startswith("source must be a note in words")


def test_source_note_allowed_on_any_record(tmp_path):
    assert problems(tmp_path, Record({"a": Num()}), "a: 1\nsource: the paper\n") == []


def test_ref_as_map_key(tmp_path):
    schema = Record({"shares": MapOf(Prob(), key=Ref("side"), sums_to=1.0)})
    found = problems(tmp_path, schema, "shares:\n  us: 0.5\n  uss: 0.5\n")
    assert found == [(3, "shares.uss", "unknown side 'uss' (did you mean 'us'?)")]


def test_ref_with_no_known_ids(tmp_path):
    found = one(tmp_path, Record({"s": Ref("supplier")}), "s: acme\n", ids={"supplier": set()})
    assert found == (1, "s", "unknown supplier 'acme' (no supplier is defined)")


def test_ref_without_ids_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="needs the known ids"):
        check(Record({"s": Ref("supplier")}), load(tmp_path, "s: acme\n"), ids={})


def test_custom_cross_field_check(tmp_path):
    def window(value, path):
        if value["first"] > value["last"]:
            return [Problem(path + ("last",), f"last turn {value['last']} comes before first turn {value['first']}")]
        return []

    schema = Record({"turns": Custom(window, Record({"first": Num(integer=True), "last": Num(integer=True)}))})
    assert one(tmp_path, schema, "turns:\n  first: 5\n  last: 2\n") == (
        3,
        "turns.last",
        "last turn 2 comes before first turn 5",
    )
    # the inner schema's problems come first; the hook is not run on bad data
    assert one(tmp_path, schema, "turns:\n  first: x\n  last: 2\n") == (2, "turns.first", "expected a whole number, found 'x'")


def test_all_problems_in_one_pass_sorted_by_line(tmp_path):
    text = """\
steps:
  - area: baltc
    days: 0
lines:
  shells_eu:
    item: shel_155
    capacity_per_day: -30
    lead_tme_days: 2
    mode: concensus
    reliability: 1.4
shares: {us: 0.6, eu: 0.3}
enabled: maybe
"""
    found = problems(tmp_path, RULES, text)
    assert found == [
        (2, "steps[0].area", "unknown area 'baltc' (did you mean 'baltic'?)"),
        (3, "steps[0].days", "expected a whole number >= 1, found 0"),
        (5, "lines.shells_eu", "missing key 'lead_time_days'"),
        (5, "lines.shells_eu", SOURCE_MESSAGE),
        (6, "lines.shells_eu.item", "unknown item 'shel_155' (did you mean 'shell_155'?)"),
        (7, "lines.shells_eu.capacity_per_day", "expected a number >= 0, found -30"),
        (8, "lines.shells_eu.lead_tme_days", "unknown key 'lead_tme_days' (did you mean 'lead_time_days'?)"),
        (9, "lines.shells_eu.mode", "expected one of coalition, consensus, found 'concensus' (did you mean 'consensus'?)"),
        (10, "lines.shells_eu.reliability", "expected a probability between 0 and 1, found 1.4"),
        (11, "shares", "values must sum to 1, found 0.9"),
        (12, "enabled", "expected true or false, found 'maybe'"),
    ]


def test_wrong_container_types(tmp_path):
    found = problems(tmp_path, RULES, "lines: [1]\nshares: abc\nsteps: {a: 1}\n")
    assert found == [
        (1, "lines", "expected a mapping, found a list"),
        (2, "shares", "expected a mapping, found 'abc'"),
        (3, "steps", "expected a list, found a mapping"),
    ]


def test_missing_top_level_keys_point_at_line_1(tmp_path):
    found = problems(tmp_path, RULES, "enabled: true\n")
    assert found == [(1, "", "missing key 'lines'"), (1, "", "missing key 'shares'"), (1, "", "missing key 'steps'")]


def test_validate_plain_data_and_integer_fill():
    assert validate(Num(integer=True), 3.0) == []
    assert Num(integer=True).fill(3.0) == 3 and isinstance(Num(integer=True).fill(3.0), int)
    assert validate(ListOf(Num()), [1, "x"]) == [Problem((1,), "expected a number, found 'x'")]


# --- the JSON Schema for rule authors (wargame schema) --------------------------------------------

def _shipped_schema():
    import json

    from wargame.rules import SCHEMA_FILE
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_shipped_json_schema_is_up_to_date():
    from wargame.rules import SCHEMA_FILE, rules_json_schema_text
    assert SCHEMA_FILE.read_text(encoding="utf-8") == rules_json_schema_text(), \
        "regenerate it: wargame schema --out wargame/data/rules.schema.json"


def test_every_shipped_rules_file_passes_the_json_schema():
    import jsonschema
    import yaml

    from wargame.rules import RULES_DIR
    schema = _shipped_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted(RULES_DIR.glob("*.yaml"))
    assert len(files) >= 13
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("table, change", [
    ("front", lambda t: t.update(step_days="ten")),                      # a number as text
    ("money", lambda t: t["eu"].update(budget_share_start=1.5)),         # above its range
    ("items", lambda t: t["shell"].update(colour="grey")),               # an unknown key
    ("items", lambda t: t["shell"].pop("source")),                       # a missing source note
])
def test_the_json_schema_rejects_a_wrong_value(table, change):
    import jsonschema
    import yaml

    from wargame.rules import RULES_DIR
    path = next(p for p in sorted(RULES_DIR.glob("*.yaml")) if table in yaml.safe_load(p.read_text()))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data[table])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _shipped_schema())


def test_an_unknown_table_is_rejected_by_the_json_schema():
    import jsonschema
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"fronts": {}}, _shipped_schema())


def test_each_rules_file_names_the_schema_and_the_path_resolves():
    import os

    from wargame.rules import RULES_DIR, SCHEMA_FILE
    modeline = "# yaml-language-server: $schema=../rules.schema.json"
    repo_link = Path(__file__).resolve().parent.parent / "rules"
    for folder in (RULES_DIR, repo_link):
        for path in sorted(folder.glob("*.yaml")):
            assert path.read_text(encoding="utf-8").splitlines()[0] == modeline, path
        # an editor resolves the path against the folder the file was opened from, lexically
        target = Path(os.path.normpath(folder / "../rules.schema.json"))
        assert target.is_file() and target.resolve() == SCHEMA_FILE.resolve(), target


def test_schema_command_prints_and_writes(tmp_path):
    from click.testing import CliRunner

    from wargame.cli import main
    from wargame.rules import rules_json_schema_text
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and result.output == rules_json_schema_text()
    out = tmp_path / "rules.schema.json"
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") == rules_json_schema_text()


# --- validated(): validate, then fill ---------------------------------------------------------

def _field_names(schema, out):
    """Every field name and choice inside a schema, so that generated data hits the schema's keys."""
    from wargame.schema import _unwrap
    schema = _unwrap(schema)
    if isinstance(schema, Record):
        for name, spec in schema.fields.items():
            out.add(name)
            _field_names(spec, out)
    elif isinstance(schema, ListOf):
        _field_names(schema.item, out)
    elif isinstance(schema, MapOf):
        _field_names(schema.value, out)
    elif isinstance(schema, Str) and schema.choices:
        out.update(schema.choices)
    return out


def _one_pass_schemas():
    from wargame.orders import SIDE_ORDERS
    from wargame.rules import RULE_FILES, SCENARIO
    return {f"orders.{k}": v for k, v in SIDE_ORDERS.items()} | {f"rules.{k}": v for k, v in RULE_FILES.items()} | {
        "scenario": SCENARIO}


def _data_for(schema):
    from hypothesis import strategies as st
    words = sorted(_field_names(schema, set())) + ["source", "eu", "shell_155", "x"]
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(-2, 2, allow_nan=False),
                        st.sampled_from(words), st.just(float("nan")), st.just("2025-01-01"))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(words), inner, max_size=6)), max_leaves=25)


@pytest.mark.parametrize("name", sorted(_one_pass_schemas()))
def test_validated_is_validate_then_fill(name):
    """validated() gives validate()'s problems (same order, same words) and, when there are none,
    what fill() gives: on any data built from the schema's own keys, valid or not."""
    from hypothesis import given, settings
    from wargame.schema import validated
    schema = _one_pass_schemas()[name]
    ids = {kind: {"eu", "ukraine", "russia", "us", "shell_155", "x"} for kind in (
        "item", "side", "seat", "supplier", "build", "project", "area", "line", "objective", "metric")}

    @settings(max_examples=15, deadline=None, derandomize=True)
    @given(st_data=_data_for(schema))
    def same(st_data):
        import copy
        data = copy.deepcopy(st_data)
        try:
            expected = validate(schema, data, ids)
        except Exception as e:  # a schema's cross-field check may refuse what it was not meant to see
            with pytest.raises(type(e)):
                validated(schema, copy.deepcopy(st_data), ids)
            return
        problems, filled = validated(schema, copy.deepcopy(st_data), ids)
        assert problems == expected
        if not problems:
            assert repr(filled) == repr(schema.fill(data))
        assert repr(data) == repr(st_data)  # neither changes its input (repr: nan is not equal to itself)
    same()


@pytest.mark.parametrize("side", ["eu", "ukraine", "russia"])
def test_validated_orders_fill_as_fill_does(side):
    """Orders files' data with numbers at and past their edges: checked_and_filled gives the same
    problems and the same filled orders as validate() and then fill()."""
    from hypothesis import given, settings
    from strategies import edge_orders
    from wargame.engine import Game
    from wargame.orders import SIDE_ORDERS, checked_and_filled, fill, ids_for, schema_problems
    game = Game.load("coordinated", seed=1)
    state = game.initial_state()

    @settings(max_examples=40, deadline=None, derandomize=True)
    @given(edge_orders(side))
    def same(orders):
        problems, filled = checked_and_filled(game.rules, state, side, orders)
        assert problems == schema_problems(game.rules, state, side, dict(orders))
        if not problems:
            assert filled == fill(side, orders)
    assert SIDE_ORDERS[side] is not None and ids_for(game.rules, state)["supplier"]
    same()
