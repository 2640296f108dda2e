"""libyaml's C parser and the pure-Python parser give the same Documents (data and line marks) and the
same messages: on every shipped rules and scenario file, on the inputs of test_yamlsafe.py (which runs
every test with each parser) and on fuzzed text."""

from pathlib import Path

import pytest
from hypothesis import given, settings

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


