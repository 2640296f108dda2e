"""libyaml's C parser and the pure-Python parser give the same Documents (data and line marks) and the
same messages: on every shipped rules and scenario file, on the inputs of test_yamlsafe.py (which runs
every test with each parser) and on fuzzed text."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_yamlsafe import FUZZ, GOOD
from wargame import yamlsafe
from wargame.errors import RuleError
from wargame.yamlsafe import Document, load_yaml_text

DATA = Path(yamlsafe.__file__).parent / "data"
SHIPPED = sorted((DATA / "rules").glob("*.yaml")) + sorted((DATA / "scenarios").glob("*.yaml"))
pytestmark = pytest.mark.skipif("c" not in yamlsafe.PARSERS, reason="PyYAML has no libyaml here")


# --- the two parsers agree ------------------------------------------------------------------------

def _outcome(text, parser):
    try:
        return load_yaml_text(text, "same.yaml", parser=parser)
    except RuleError as e:
        return e.format()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parsers_agree_on_shipped_files(path):
    c, python = _outcome(path.read_bytes(), "c"), _outcome(path.read_bytes(), "python")
    assert isinstance(c, Document)
    assert c.data == python.data
    assert c.locs == python.locs


@settings(max_examples=300, deadline=None)
@given(FUZZ)
def test_parsers_agree_on_any_text(text):
    assert _outcome(text, "c") == _outcome(text, "python")




@pytest.mark.parametrize("text", [
    "0\t", "!", "\n\ufeff", "|#", ">4#", "!*!", "[95?\n->7\\]\u2029", "- {min_r?atio: 1.6}\n",
    "eligible_sites: [eu, ukra?ine]\n", "a: x\u2028b: y\n",
])
def test_parsers_agree_where_libyaml_is_more_lenient(text):
    """Inputs on which libyaml alone accepted or read differently, found by fuzzing."""
    assert _outcome(text, "c") == _outcome(text, "python")


EDITS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(list(":-[]{}#'\"!&*|>?,% \n\t") + ["", "- ", "  ", "yes"])),
                 min_size=1, max_size=3)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SHIPPED), EDITS)
def test_parsers_agree_on_edited_shipped_files(path, edits):
    """A rules author's typo reads the same (or fails with the same message) with either parser."""
    text = path.read_text(encoding="utf-8")
    for where, insert in edits:
        pos = int(where * len(text))
        text = text[:pos] + insert + text[pos + (not insert):]  # an empty insert deletes a character
    assert _outcome(text, "c") == _outcome(text, "python")


def test_shipped_files_are_composed_by_libyaml():
    """No shipped file needs the slower pure-Python parser: a '?' inside quotes does not send it there."""
    import yaml
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        assert not yamlsafe._libyaml_differs(text), path
        assert not yamlsafe._question_mark_differs(text, yaml.compose(text, Loader=yamlsafe._C_LOADER)), path


@pytest.mark.parametrize("text", [
    'a: ["x?"]\n', 'a: ["x"] # why?\n', "a: ['it''s?', b]\n", '{"k?": [1, "?"]}\n', '["a?", b?]\n',
    '- {"a": x?y}\n', "[? a]\n", "{? a: b}\n", '["?" , "x"?]\n', "['a'?]\n", '"?"\n[1]\n', "a: &x ['?', *x]\n",
])
def test_parsers_agree_on_question_marks_with_flow_collections(text):
    assert _outcome(text, "c") == _outcome(text, "python")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="?[]{}'\", :#\n-ab\\&*", max_size=24))
def test_parsers_agree_on_question_marks_quotes_and_flow(text):
    assert _outcome(text, "c") == _outcome(text, "python")
