"""Changes to the rules or a scenario for a whole batch: `--set money.eu.budget_share_start=0.035`.

A key is the path into the rules tables as the YAML spells them (`bots.eu.early_investor.budget_target`)
or into the scenario file (`scenario.turns`, `us.aid_stop_probability`). Values are read as YAML
scalars. The changed rules and scenario are written out as YAML files (a record of what the batch ran
with, and what a kept replay is verified against) and loaded back through load_rules/load_scenario,
so a changed number is checked exactly like the YAML: schema, ids and the cross checks.
"""

import copy
import difflib
from pathlib import Path

import yaml

from wargame.errors import OverrideError, RuleErrors  # noqa: F401  (OverrideError: raised here, kept importable)
from wargame.files import make_folder, write_atomic
from wargame.rules import RULE_FILES, load_scenario
from wargame.yamlsafe import format_path, load_yaml_file

SCENARIO_TABLES = ("scenario", "us")


def parse_assignment(text, option="--set"):
    """'KEY=VALUE' -> (key path tuple, key text, value); the value read as a YAML scalar."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key or not raw.strip():
        raise OverrideError(f"{option} {text}: expected KEY=VALUE, e.g. money.eu.budget_share_start=0.035")
    return _split(key), key, parse_value(raw)


def parse_sweep(text):
    """'KEY=V1,V2,...' -> (key path tuple, key text, [(value text, value), ...])."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    texts = [v.strip() for v in raw.split(",")]
    if not sep or not key or not all(texts):
        raise OverrideError(f"--sweep {text}: expected KEY=V1,V2,..., e.g. money.eu.budget_share_start=0.02,0.035")
    if len(set(texts)) != len(texts):
        raise OverrideError(f"--sweep {text}: a value is given twice")
    return _split(key), key, [(t, parse_value(t)) for t in texts]


def parse_value(raw):
    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        value = raw.strip()
    return value


def _split(key):
    return tuple(int(p) if p.isdigit() else p for p in key.split("."))


def raw_tables(rules):
    """{table: (file name, raw YAML data of that table)} of loaded Rules, before defaults were filled."""
    out = {}
    for name, doc in rules.files:
        for table, data in doc.data.items():
            out[table] = (Path(name).name, data)
    return out


def _close(word, options):
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _set_in(data, path, value, key_text, root_label):
    """Set path (below the table) in a deep copy of data; OverrideError naming the key if it is not there."""
    data = copy.deepcopy(data)
    node = data
    for i, part in enumerate(path):
        where = format_path((root_label,) + tuple(path[:i]))
        last = i == len(path) - 1
        if isinstance(node, dict):
            if part not in node:
                options = [k for k in node if k != "source"]
                raise OverrideError(f"--set {key_text}: {where} has no '{part}'{_close(part, options)}")
            if last:
                if isinstance(node[part], (dict, list)):
                    raise OverrideError(f"--set {key_text}: {where}.{part} is a table, not a value: name a key "
                                        f"under it, e.g. {key_text}.{next(iter(node[part]), 0)}")
                node[part] = value
            else:
                node = node[part]
        elif isinstance(node, list):
            if not isinstance(part, int) or not 0 <= part < len(node):
                raise OverrideError(f"--set {key_text}: {where} is a list of {len(node)}: give an index 0..{len(node) - 1}")
            if last:
                node[part] = value
            else:
                node = node[part]
        else:
            raise OverrideError(f"--set {key_text}: {where} is a value, not a table")
    return data


def check_key(rules, scenario_ref, path, key_text):
    """Raise OverrideError if path names nothing in the rules or the scenario (with a 'did you mean')."""
    apply_in_memory(rules, scenario_ref, [(path, key_text, None)])


def apply_in_memory(rules, scenario_ref, sets):
    """(rules tables {file: {table: data}}, scenario data) with the sets applied; keys checked, values not."""
    tables = raw_tables(rules)
    files = {}
    for table, (name, data) in tables.items():
        files.setdefault(name, {})[table] = data
    scenario_doc = load_yaml_file(_scenario_path(scenario_ref))
    scenario_data = copy.deepcopy(scenario_doc.data)
    for path, key_text, value in sets:
        table, rest = path[0], path[1:]
        if not rest:
            raise OverrideError(f"--set {key_text}: name a value inside the table, e.g. {key_text}.KEY")
        if table in SCENARIO_TABLES:
            scenario_data[table] = _set_in(scenario_data[table], rest, value, key_text, table)
        elif table in tables:
            name = tables[table][0]
            files[name][table] = _set_in(files[name][table], rest, value, key_text, table)
        else:
            known = list(RULE_FILES) + list(SCENARIO_TABLES)
            raise OverrideError(f"--set {key_text}: unknown table '{table}'{_close(table, known)}; "
                                f"tables: {', '.join(known)}")
    return files, scenario_data


def _scenario_path(ref):
    from wargame.rules import find_scenario
    return find_scenario(ref)


def materialise(rules, scenario_ref, sets, folder):
    """Write the rules and scenario with the sets applied into folder (rules/ and SCENARIO.yaml) and load
    them back: (scenario path, Scenario, Rules). Problems name the --set key: OverrideError, before any run."""
    files, scenario_data = apply_in_memory(rules, scenario_ref, sets)
    folder = Path(folder)
    rules_dir = folder / "rules"
    make_folder(rules_dir)
    for name, tables in files.items():
        _write_yaml(rules_dir / name, tables)
    scenario_data["scenario"] = dict(scenario_data["scenario"], rules="rules")
    scenario_path = folder / f"{scenario_data['scenario'].get('name', Path(str(scenario_ref)).stem)}.yaml"
    _write_yaml(scenario_path, scenario_data)
    try:
        scenario, new_rules = load_scenario(str(scenario_path))
    except RuleErrors as e:
        keys = ", ".join(k for _, k, _ in sets)
        first = e.errors[0]
        where = f"{first.path}: " if first.path else ""
        raise OverrideError(f"--set {keys}: {where}{first.message}") from None
    return scenario_path, scenario, new_rules


def _write_yaml(path, data):
    text = "# written by wargame batch: the packaged values with the batch's --set/--sweep changes\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
    write_atomic(path, text)  # whole or nothing: a killed batch leaves no torn rules file
