"""Tests for the safe, line-aware YAML loader, run with each parser PyYAML offers here (libyaml's C
parser and the pure-Python one) so both give the same documents and the same messages."""

import datetime
import os
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import yamlsafe
from wargame.errors import RuleError
from wargame.yamlsafe import Document, format_path, load_yaml_file, load_yaml_text



@pytest.fixture(autouse=True, params=yamlsafe.PARSERS)
def parser(request, monkeypatch):
    """Every test in this module runs once per parser; the cache is emptied so each really parses."""
    monkeypatch.setattr(yamlsafe, "PARSER", request.param)
    yamlsafe.clear_cache()
    yield request.param
    yamlsafe.clear_cache()

GOOD = """\
# supply lines
lines:
  shells_eu:
    capacity_per_day: 3000
    loss: 0.05
    active: yes
    note: ~
    opens: 2025-03-01
steps:
  - area: baltic
    days: 4
  - {area: rhine, days: 2}
"""


def write(tmp_path, text, name="rules.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rejects(tmp_path, text, path=None):
    """Load text from a real file (or the file at path); return the RuleError it must raise."""
    path = path or write(tmp_path, text)
    with pytest.raises(RuleError) as info:
        load_yaml_file(path)
    assert info.value.file == str(path)
    assert "\n" not in info.value.format()
    return info.value


def test_happy_path_data_and_lines(tmp_path):
    doc = load_yaml_file(write(tmp_path, GOOD))
    assert isinstance(doc, Document)
    assert doc.data == {
        "lines": {
            "shells_eu": {
                "capacity_per_day": 3000,
                "loss": 0.05,
                "active": True,
                "note": None,
                "opens": datetime.date(2025, 3, 1),
            }
        },
        "steps": [{"area": "baltic", "days": 4}, {"area": "rhine", "days": 2}],
    }
    assert list(doc.data) == ["lines", "steps"]
    assert doc.locs[()] == 1
    assert doc.locs[("lines",)] == 2
    assert doc.locs[("lines", "shells_eu")] == 3
    assert doc.locs[("lines", "shells_eu", "capacity_per_day")] == 4
    assert doc.locs[("lines", "shells_eu", "opens")] == 8
    assert doc.locs[("steps", 0)] == 10
    assert doc.locs[("steps", 0, "area")] == 10
    assert doc.locs[("steps", 0, "days")] == 11
    assert doc.locs[("steps", 1, "days")] == 12


def test_line_of_falls_back_to_nearest_ancestor(tmp_path):
    doc = load_yaml_file(write(tmp_path, GOOD))
    assert doc.line_of(("steps", 1, "area")) == 12
    assert doc.line_of(("steps", 1, "no_such_key", 3)) == 12
    assert doc.line_of(("nowhere",)) == 1
    assert doc.line_of(()) == 1


def test_error_formats_file_line_and_dotted_path(tmp_path):
    path = write(tmp_path, GOOD)
    doc = load_yaml_file(path)
    err = doc.error(("steps", 0, "area"), "unknown area 'baltic'")
    assert (err.file, err.line, err.path) == (str(path), 10, "steps[0].area")
    assert err.format() == f"{path}:10: steps[0].area: unknown area 'baltic'"
    assert format_path(("lines", "shells_eu", "capacity_per_day")) == "lines.shells_eu.capacity_per_day"
    assert format_path(()) == ""


def test_timestamps_bom_and_plain_equals():
    doc = load_yaml_text("\ufeffa: 2025-03-01 10:00:00Z\nb: =\nc: !!str 12\n", "t.yaml")
    assert doc.data["a"] == datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.timezone.utc)
    assert doc.data["b"] == "="
    assert doc.data["c"] == "12"


def test_int_keys_are_kept():
    doc = load_yaml_text("turns:\n  1: open\n  2: close\n", "t.yaml")
    assert doc.data == {"turns": {1: "open", 2: "close"}}
    assert doc.locs[("turns", 2)] == 3


def test_aliases_are_expanded():
    doc = load_yaml_text("base: &b {x: 1}\nother: *b\n", "t.yaml")
    assert doc.data == {"base": {"x": 1}, "other": {"x": 1}}
    assert doc.data["base"] is not doc.data["other"]


def test_syntax_error_uses_mark_line(tmp_path):
    err = rejects(tmp_path, "a: 1\nb: 2\nc: [1, 2\nd: 4\n")
    assert err.line == 4
    assert err.message.startswith("YAML syntax error: ")


def test_bad_indentation_line(tmp_path):
    err = rejects(tmp_path, "a:\n  b: 1\n   c: 2\n")
    assert err.line == 3
    assert "YAML syntax error" in err.message


def test_several_documents_are_refused(tmp_path):
    err = rejects(tmp_path, "a: 1\n---\nb: 2\n")
    assert err.line == 2
    assert "single document" in err.message


def test_undefined_alias(tmp_path):
    err = rejects(tmp_path, "a: 1\nb: *nope\n")
    assert err.line == 2
    assert "undefined alias 'nope'" in err.message


def test_duplicate_key(tmp_path):
    err = rejects(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert (err.line, err.path, err.message) == (3, "a", "duplicate key 'a' (first at line 1)")


def test_duplicate_key_nested(tmp_path):
    err = rejects(tmp_path, "lines:\n  x:\n    cap: 1\n    loss: 0\n    cap: 2\n")
    assert (err.line, err.path, err.message) == (5, "lines.x.cap", "duplicate key 'cap' (first at line 3)")


def test_duplicate_key_in_flow_mapping_in_list(tmp_path):
    err = rejects(tmp_path, "steps:\n  - {a: 1, a: 2}\n")
    assert (err.line, err.path, err.message) == (2, "steps[0].a", "duplicate key 'a' (first at line 2)")


@pytest.mark.parametrize(
    "text, tag",
    [
        ('x: !!python/object/apply:os.system ["echo hi"]\n', "!!python/object/apply:os.system"),
        ("x: !!python/name:os.system\n", "!!python/name:os.system"),
        ("x: !!python/object:collections.OrderedDict {a: 1}\n", "!!python/object:collections.OrderedDict"),
        ("x: !foo bar\n", "!foo"),
        ("x: !!set {a, b}\n", "!!set"),
        ("x: !!binary aGVsbG8=\n", "!!binary"),
        ("x: !<tag:example.com,2024:thing> 1\n", "tag:example.com,2024:thing"),
    ],
)
def test_tags_are_refused(tmp_path, text, tag):
    err = rejects(tmp_path, "ok: 1\n" + text)
    assert err.line == 2
    assert err.message == f"YAML tags are not allowed, found {tag}"


def test_standard_tag_on_wrong_kind(tmp_path):
    err = rejects(tmp_path, "a: 1\nx: !!str {a: 1}\n")
    assert (err.line, err.message) == (2, "the tag !!str cannot be used on a mapping")


def test_os_system_payload_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    pre_existing = os.path.exists("/tmp/pwned")
    for text in (
        f'!!python/object/apply:os.system ["touch {marker}"]\n',
        f'a: !!python/object/apply:os.system ["touch {marker}"]\n',
        '!!python/object/apply:os.system ["touch /tmp/pwned"]\n',
        "a: !!python/object/apply:subprocess.check_output [[touch, /tmp/pwned]]\n",
    ):
        with pytest.raises(RuleError) as info:
            load_yaml_text(text, "evil.yaml")
        assert info.value.line == 1
        assert "YAML tags are not allowed" in info.value.message
    assert not marker.exists()
    if not pre_existing:
        assert not os.path.exists("/tmp/pwned")


def test_alias_bomb(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    start = time.monotonic()
    err = rejects(tmp_path, "\n".join(lines) + "\n")
    assert time.monotonic() - start < 5
    assert err.message == "too many nodes: anchors/aliases expand too far"
    assert 1 <= err.line <= 9


def test_recursive_anchor(tmp_path):
    err = rejects(tmp_path, "ok: 1\na: &a [1, *a]\n")
    assert (err.line, err.path) == (2, "a[1]")
    assert "recursive anchor" in err.message


def test_deep_nesting(tmp_path):
    err = rejects(tmp_path, "a: " + "[" * 150 + "]" * 150 + "\n")
    assert err.line == 1
    assert "nesting too deep" in err.message
    err = rejects(tmp_path, "[" * 5000)
    assert "nesting too deep" in err.message or "YAML syntax error" in err.message


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n", "# only a comment\n\n# another\n", "---\n", b""])
def test_empty_file(tmp_path, text):
    err = rejects(tmp_path, text)
    assert (err.line, err.message) == (None, "file is empty")


def test_binary_file(tmp_path):
    err = rejects(tmp_path, b"a: 1\nb: \x00\x01\x02\n")
    assert (err.line, err.message) == (None, "binary file, expected YAML text")
    with pytest.raises(RuleError, match="binary file"):
        load_yaml_text("a: \x00", "t.yaml")


def test_not_utf8(tmp_path):
    err = rejects(tmp_path, b"a: 1\nname: caf\xe9\n")
    assert (err.line, err.message) == (2, "not UTF-8 text: byte 0xe9 at offset 14")


def test_control_character(tmp_path):
    err = rejects(tmp_path, "a: 1\nb: x\x07y\n")
    assert (err.line, err.message) == (2, "character U+0007 is not allowed in YAML text")


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(RuleError) as info:
        load_yaml_file(path)
    assert info.value.format() == f"{path}: cannot read: No such file or directory"


def test_directory_is_unreadable(tmp_path):
    with pytest.raises(RuleError) as info:
        load_yaml_file(tmp_path)
    assert info.value.message.startswith("cannot read: ")


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: 1\n? [x, y]\n: 2\n", "keys must be plain names, found a list used as a key"),
        ("a: 1\n{x: 1}: 2\n", "keys must be plain names, found a mapping used as a key"),
        ("a: 1\nyes: 2\n", "key 'yes' is read as true or false, not a name: put it in quotes"),
        ("a: 1\n~: 2\n", "key '~' is read as an empty value, not a name: put it in quotes"),
        ("a: 1\n1.5: 2\n", "key '1.5' is read as a number, not a name: put it in quotes"),
        ("a: 1\n2025-03-01: 2\n", "key '2025-03-01' is read as a date, not a name: put it in quotes"),
        ("a: 1\n?\n: 2\n", "empty key: every entry needs a name before the ':'"),
    ],
)
def test_bad_keys(tmp_path, text, message):
    err = rejects(tmp_path, text)
    assert (err.line, err.message) == (2, message)


def test_merge_keys_are_refused(tmp_path):
    err = rejects(tmp_path, "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert err.line == 3
    assert err.message == "merge keys (<<) are not supported: write the keys out in full"


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: 1\nd: 2025-02-30\n", "cannot read '2025-02-30' as a date"),
        ("a: 1\nn: !!int abc\n", "cannot read 'abc' as a whole number"),
        ("a: 1\nb: !!bool maybe\n", "cannot read 'maybe' as true or false"),
    ],
)
def test_unreadable_scalars(tmp_path, text, message):
    err = rejects(tmp_path, text)
    assert (err.line, err.message) == (2, message)


def test_max_nodes_is_adjustable():
    """max_nodes limits the nodes aliases add, not the nodes a file writes out."""
    load_yaml_text("a: [1, 2, 3, 4, 5, 6, 7, 8]\n", "t.yaml", max_nodes=5)
    with pytest.raises(RuleError, match="too many nodes"):
        load_yaml_text("a: &a [1, 2, 3]\nb: *a\nc: *a\n", "t.yaml", max_nodes=5)
    assert load_yaml_text("a: &a [1, 2]\nb: *a\n", "t.yaml", max_nodes=5).data == {"a": [1, 2], "b": [1, 2]}


def test_aliases_of_aliases_are_counted_once():
    """b repeats a (3 nodes) 3 times: 9 added nodes; c repeats b (10 nodes) once: 10 more."""
    text = "a: &a [1, 2]\nb: &b [*a, *a, *a]\nc: *b\n"
    assert load_yaml_text(text, "t.yaml", max_nodes=19).data["c"] == [[1, 2]] * 3
    with pytest.raises(RuleError, match="too many nodes"):
        load_yaml_text(text, "t.yaml", max_nodes=18)


def test_large_plain_file_loads(tmp_path, parser):
    """A valid 1 MB injects file (far more nodes than MAX_NODES, no aliases) loads."""
    if parser != yamlsafe.PARSERS[0]:
        pytest.skip("1 MB takes seconds in the pure-Python parser; max_nodes is tested with both")
    entry = "  - {turn: 3, day: 10, text: \"Sabotage at a rail hub\", funds: {eu: -500}, cohesion: -0.03}\n"
    path = write(tmp_path, "injects:\n" + entry * (1_000_000 // len(entry)))
    assert path.stat().st_size > 990_000
    doc = load_yaml_file(path)
    assert len(doc.data["injects"]) == 1_000_000 // len(entry)
    assert doc.locs[("injects", 5000, "funds", "eu")] == 5002


def test_oversized_file_is_refused_at_once(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:  # a sparse 50 MB file: refused by its size, never read
        f.truncate(50_000_000)
    start = time.monotonic()
    err = rejects(tmp_path, None, path)
    assert time.monotonic() - start < 1
    assert (err.line, err.message) == (None, "file too large: 50.0 MB, the limit is 10.0 MB")
    with pytest.raises(RuleError, match="file too large: 10.0 MB, the limit is 10.0 MB"):
        load_yaml_text("#" * 10_000_001, "t.yaml")


def test_cache_hands_out_copies():
    text = "a: {x: [1, 2]}\n"
    first = load_yaml_text(text, "t.yaml")
    first.data["a"]["x"].append(3)
    first.locs[("a", "y")] = 9
    second = load_yaml_text(text, "t.yaml")
    assert second.data == {"a": {"x": [1, 2]}} and ("a", "y") not in second.locs
    second.data["a"]["x"].clear()
    assert load_yaml_text(text, "t.yaml").data == {"a": {"x": [1, 2]}}
    assert load_yaml_text(text, "other.yaml").name == "other.yaml"


def test_cache_sees_a_changed_file(tmp_path):
    path = write(tmp_path, "a: 1\n")
    assert load_yaml_file(path).data == {"a": 1}
    write(tmp_path, "a: 2\n")
    assert load_yaml_file(path).data == {"a": 2}
    write(tmp_path, "a: [\n")
    with pytest.raises(RuleError, match="YAML syntax error"):
        load_yaml_file(path)


def test_unknown_parser_is_refused():
    with pytest.raises(ValueError, match="parser must be one of"):
        load_yaml_text("a: 1\n", "t.yaml", parser="fortran")


FUZZ = st.one_of(st.text(), st.binary(), st.text(alphabet="ab:-[]{}&*!? \n#'\"|>%@`,0123456789.~<\t"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(FUZZ)
def test_only_rule_errors_escape(text):
    try:
        doc = load_yaml_text(text, "fuzz.yaml")
    except RuleError as e:
        assert "\n" not in e.format()
    else:
        assert doc.locs[()] == 1


def test_python_parser_needs_no_libyaml(monkeypatch):
    """The fallback: with PARSER "python", libyaml is never called."""
    monkeypatch.setattr(yamlsafe, "PARSER", "python")
    monkeypatch.setattr(yamlsafe, "_C_LOADER", None)
    assert load_yaml_text(GOOD, "t.yaml").locs[("steps", 1, "days")] == 12
    with pytest.raises(RuleError, match="duplicate key"):
        load_yaml_text("a: 1\na: 2\n", "t.yaml")


def test_no_libyaml_means_python_only(monkeypatch):
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert yamlsafe._c_loader() is None
