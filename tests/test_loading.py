"""Fast loading: a rules folder loaded before comes from the in-process cache, as a copy nobody else
holds, and a changed file is loaded afresh."""

import shutil
import subprocess
import sys

import pytest

from wargame import yamlsafe
from wargame.errors import RuleErrors
from wargame.rules import RULES_DIR, load_rules
from wargame.yamlsafe import cached_by_files


@pytest.fixture
def rules_copy(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def test_cached_rules_are_equal_copies(rules_copy):
    first = load_rules(rules_copy)
    with pytest.raises(Exception):  # the typed rules are frozen all the way down
        first.money.eu.gdp = -1
    first.files[0][1].data.clear()  # the source documents are not: a caller that changes them changes nothing else
    second = load_rules(rules_copy)
    assert second is not first
    assert second.money.eu.gdp > 0 and second.files[0][1].data
    yamlsafe.clear_cache()
    assert load_rules(rules_copy) == second


def test_a_changed_file_is_loaded_afresh(rules_copy):
    before = load_rules(rules_copy)
    money = rules_copy / "money.yaml"
    money.write_text(money.read_text().replace("budget_share_start: 0.021", "budget_share_start: 0.03"))
    after = load_rules(rules_copy)
    assert (before.money.eu.budget_share_start, after.money.eu.budget_share_start) == (0.021, 0.03)
    assert before.sha256 != after.sha256
    money.write_text(money.read_text().replace("budget_share_start: 0.03", "budget_share_start: 7"))
    for _ in range(2):  # errors are never cached: each load reports again
        with pytest.raises(RuleErrors, match="budget_share_start"):
            load_rules(rules_copy)


def test_a_new_or_removed_file_is_seen(rules_copy):
    load_rules(rules_copy)
    (rules_copy / "extra.yaml").write_text("nonsense_table: {}\n")
    with pytest.raises(RuleErrors, match="unknown table 'nonsense_table'"):
        load_rules(rules_copy)
    (rules_copy / "extra.yaml").unlink()
    (rules_copy / "bots.yaml").unlink()
    with pytest.raises(RuleErrors, match="missing table 'bots'"):
        load_rules(rules_copy)


def test_cached_by_files_runs_the_loader_once_per_content(tmp_path):
    calls = []
    a = tmp_path / "a.txt"
    a.write_text("one")

    @cached_by_files(lambda folder: sorted(folder.iterdir()))
    def load(folder):
        calls.append(folder)
        return {p.name: p.read_text() for p in sorted(folder.iterdir())}

    assert load(tmp_path) == load(tmp_path) == {"a.txt": "one"}
    assert len(calls) == 1
    a.write_text("two")
    assert load(tmp_path) == {"a.txt": "two"} and len(calls) == 2
    with pytest.raises(FileNotFoundError):  # listing fails: the loader runs and reports it
        load(tmp_path / "missing")
    assert len(calls) == 3



def test_without_libyaml_everything_loads_with_the_pure_python_parser():
    """The fallback, forced in a fresh interpreter whose PyYAML pretends to have no libyaml."""
    code = (
        "import yaml; yaml.__with_libyaml__ = False; del yaml.CSafeLoader\n"
        "from wargame import yamlsafe; assert yamlsafe.PARSERS == ('python',), yamlsafe.PARSERS\n"
        "from wargame.engine import Game; game = Game.load('chaotic', seed=1, turns=1)\n"
        "from wargame.errors import RuleError\n"
        "try: yamlsafe.load_yaml_text('a: 1\\na: 2\\n', 't.yaml')\n"
        "except RuleError as e: print(e.format())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "t.yaml:2: a: duplicate key 'a' (first at line 1)\n"


def test_the_document_cache_is_bounded():
    cache = yamlsafe._DocumentCache(size=3, budget=4000)
    for i in range(5):
        cache.get_or_load(f"a: {i}\n", "t.yaml", yamlsafe.MAX_NODES, yamlsafe.PARSER)
    assert len(cache.entries) == 3
    big = "a: [" + ", ".join(["123456"] * 400) + "]\n"  # pickles to more than a quarter of the budget
    assert cache.get_or_load(big, "t.yaml", yamlsafe.MAX_NODES, yamlsafe.PARSER).data["a"][0] == 123456
    assert len(cache.entries) == 3 and cache.used <= 4000
