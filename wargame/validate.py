"""`wargame validate`: tell what a file is (rules, scenario, orders) and list its problems, one per line."""

from pathlib import Path

from wargame.errors import RuleError, RuleErrors, WargameError
from wargame.orders import SIDE_ORDERS
from wargame.rules import RULE_FILES, RULES_DIR, load_rules, load_scenario
from wargame.schema import check
from wargame.vocab import SIDES
from wargame.yamlsafe import load_yaml_file


def _lines(error):
    if isinstance(error, RuleErrors):
        return [e.format() for e in error.errors]
    if isinstance(error, RuleError):
        return [error.format()]
    return [str(error)]


def _kind(data):
    """What a file's top-level mapping says it is: orders, injects, scenario, rules, or None."""
    if "side" in data or "turns" in data:
        return "orders"
    if "injects" in data:
        return "injects"
    if "scenario" in data or "us" in data:
        return "scenario"
    if set(data) & set(RULE_FILES):
        return "rules"
    return None


def validate_path(path):
    """The problems of one path as printable lines; an empty list when it is good."""
    p = Path(path)
    if p.is_dir():
        return _folder_problems(p)
    try:
        doc = load_yaml_file(p)
        data = doc.data
        if not isinstance(data, dict):
            return [doc.error((), "expected a mapping: a rules, scenario or orders file").format()]
        kind = _kind(data)
        if kind == "orders":
            return _orders_problems(doc)
        if kind == "injects":
            from wargame.injects import FILE, ids
            return [e.format() for e in check(FILE, doc, ids(load_rules(RULES_DIR)))]
        if kind == "scenario":
            load_scenario(p)
        elif kind == "rules":
            load_rules(p.parent)
        else:
            return [doc.error((), "not a rules, scenario, orders or injects file: expected 'scenario:', a rules "
                              "table, 'side:' or 'injects:' at the top").format()]
    except WargameError as e:
        return _lines(e)
    return []


def _folder_problems(folder):
    """A rules folder is checked whole; any other folder (scenarios, orders files, injects) file by file."""
    files = sorted(f for f in folder.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file())
    if not files:
        return [f"{folder}: no YAML files here: expected a rules folder or scenario, orders or injects files"]
    try:
        tops = [load_yaml_file(f).data for f in files]
    except WargameError as e:
        return _lines(e)
    if any(isinstance(data, dict) and _kind(data) == "rules" for data in tops):
        try:
            load_rules(folder)
        except WargameError as e:
            return _lines(e)
        return []
    return [line for f in files for line in validate_path(f)]


def _orders_problems(doc):
    rules = load_rules(RULES_DIR)
    ids = {"item": set(rules.items), "side": set(SIDES),
           "supplier": set(rules.suppliers) | {b for b, s in rules.builds.items() if not s.expands},
           "build": set(rules.builds), "project": set(rules.projects), "area": set(rules.areas)}
    data = doc.data
    side = data.get("side")
    if side not in SIDE_ORDERS:
        return [doc.error(("side",), f"expected one of {', '.join(SIDES)}, found {side!r}").format()]
    from wargame.schema import MapOf, Num, Record, Str
    if "turns" in data:
        schema = Record({"side": Str(), "turns": MapOf(SIDE_ORDERS[side], key=Num(min=1, integer=True))})
    else:
        schema = SIDE_ORDERS[side]
    return [e.format() for e in check(schema, doc, ids)]
