"""`wargame validate`: tell what a file is (rules, scenario, orders) and list its problems, one per line."""

from pathlib import Path

from wargame.errors import RuleError, RuleErrors, WargameError
from wargame.orders import SIDE_ORDERS
from wargame.rules import RULE_FILES, RULES_DIR, load_rules, load_scenario
from wargame.schema import check
from wargame.yamlsafe import load_yaml_file


def _lines(error):
    if isinstance(error, RuleErrors):
        return [e.format() for e in error.errors]
    if isinstance(error, RuleError):
        return [error.format()]
    return [str(error)]


def validate_path(path):
    """The problems of one path as printable lines; an empty list when it is good."""
    p = Path(path)
    try:
        if p.is_dir():
            load_rules(p)
            return []
        doc = load_yaml_file(p)
        data = doc.data
        if not isinstance(data, dict):
            return [doc.error((), "expected a mapping: a rules, scenario or orders file").format()]
        if "side" in data or "turns" in data:
            return _orders_problems(doc)
        if "injects" in data:
            from wargame.injects import FILE, ids
            return [e.format() for e in check(FILE, doc, ids(load_rules(RULES_DIR)))]
        if "scenario" in data or "us" in data:
            load_scenario(p)
        elif set(data) & set(RULE_FILES):
            load_rules(p.parent)
        else:
            return [doc.error((), "not a rules, scenario, orders or injects file: expected 'scenario:', a rules "
                              "table, 'side:' or 'injects:' at the top").format()]
    except WargameError as e:
        return _lines(e)
    return []


def _orders_problems(doc):
    rules = load_rules(RULES_DIR)
    ids = {"item": set(rules.items), "side": {"eu", "ukraine", "russia"},
           "supplier": set(rules.suppliers) | {b for b, s in rules.builds.items() if not s.expands},
           "build": set(rules.builds), "project": set(rules.projects), "area": set(rules.areas)}
    data = doc.data
    side = data.get("side")
    if side not in SIDE_ORDERS:
        return [doc.error(("side",), f"expected one of eu, ukraine, russia, found {side!r}").format()]
    from wargame.schema import MapOf, Num, Record, Str
    if "turns" in data:
        schema = Record({"side": Str(), "turns": MapOf(SIDE_ORDERS[side], key=Num(min=1, integer=True))})
    else:
        schema = SIDE_ORDERS[side]
    return [e.format() for e in check(schema, doc, ids)]
