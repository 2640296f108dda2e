"""`wargame validate`: tell what a file is (rules, scenario, orders) and list its problems, one per line."""

from pathlib import Path

from wargame.errors import RuleError, RuleErrors, WargameError
from wargame.orders import SIDE_ORDERS
from wargame.rules import RULE_FILES, RULES_DIR, load_rules, load_scenario
from wargame.schema import check, describe
from wargame.vocab import SEATS, SIDES
from wargame.yamlsafe import load_yaml_file


def _lines(error):
    if isinstance(error, RuleErrors):
        return [e.format() for e in error.errors]
    if isinstance(error, RuleError):
        return [error.format()]
    return [str(error)]


def _kind(data):
    """What a file's top-level mapping says it is: orders, injects, scenario, rules, or None."""
    from wargame.orders import COMMON
    order_keys = set(COMMON).union(*(s.fields for s in SIDE_ORDERS.values()))
    if "side" in data or "turns" in data:
        return "orders"
    if "injects" in data:
        return "injects"
    if "scenario" in data or "us" in data:
        return "scenario"
    # a file of orders keys only is orders (play gives it a side); `projects:` and `strikes:` are rules
    # tables too, told apart by their shape (a list of programmes; missiles, drones and a target)
    strikes = data.get("strikes")
    if data and set(data) <= order_keys and (
            not set(data) <= set(RULE_FILES) or isinstance(data.get("projects"), list)
            or isinstance(strikes, dict) and set(strikes) <= {"missiles", "drones", "target"}):
        return "orders"
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
            from wargame.injects import file_problems
            return [e.format() for e in file_problems(doc, load_rules(RULES_DIR), _shortest_turn())]
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
    tops = []
    for f in files:
        try:
            tops.append(load_yaml_file(f).data)
        except WargameError:
            tops.append(None)  # load_rules or validate_path names it, first
    if any(isinstance(data, dict) and _kind(data) == "rules" for data in tops):
        try:
            load_rules(folder)
        except WargameError as e:
            return _lines(e)
        return []
    return [line for f in files for line in validate_path(f)]


def _shortest_turn():
    """The shortest turn of the packaged scenarios, in days: what an injects file's days must fit."""
    from wargame.rules import load_scenario, scenario_names
    return min(load_scenario(name)[0].turn_days for name in scenario_names())


def _orders_problems(doc):
    """An orders file for one turn, or `turns: {N: orders}`, checked as play checks it before the game's
    state is known: the schema, that the side may buy from each line and build each build, and turns.
    A file that names no side (play gives it one: --orders eu=FILE) is good if it is good for a side."""
    rules = load_rules(RULES_DIR)
    data = doc.data
    turns = data.get("turns")
    given = [data.get("side")] + [t.get("side") for t in (turns.values() if isinstance(turns, dict) else ())
                                  if isinstance(t, dict)]
    given = [g for g in given if g is not None]
    named = {g for g in given if isinstance(g, str)}
    if len(named) > 1 or len(named) < len(given) and not named or not named <= set(SEATS) or \
            any(not isinstance(g, str) for g in given):
        where = ("side",) if "side" in data else ()
        found = ", ".join(dict.fromkeys(describe(g) for g in given))
        return [doc.error(where, f"expected one of {', '.join(SEATS)} as the side of every turn, found {found}").format()]
    candidates = list(named) or list(SIDES)
    found = [_problems_as(doc, rules, side) for side in candidates]
    best = min(found, key=len)
    return [e.format() for e in best]


def _problems_as(doc, rules, side):
    from wargame.schema import MAX_TURNS, MapOf, Num, Opt, Record, Ref
    ids = {"item": set(rules.items), "side": set(SIDES), "seat": set(SEATS),
           "supplier": set(rules.suppliers) | {b for b, s in rules.builds.items() if not s.expands},
           "build": set(rules.builds), "project": set(rules.projects), "area": set(rules.areas)}
    data = doc.data
    if "turns" not in data:
        errors = check(SIDE_ORDERS[side], doc, ids)
        return errors or _state_free_problems(doc, rules, side, data, ())
    schema = Record({"side": Opt(Ref("seat")),
                     "turns": MapOf(SIDE_ORDERS[side], key=Num(min=1, max=MAX_TURNS, integer=True), min_len=1)})
    errors = check(schema, doc, ids)
    if errors:
        return errors
    out = []
    for turn, orders in data["turns"].items():
        if isinstance(orders, dict) and orders.get("turn") not in (None, turn):
            out.append(doc.error(("turns", turn, "turn"), f"these are the orders of turn {turn}, found "
                                 f"turn: {orders.get('turn')}"))
        out += _state_free_problems(doc, rules, side, orders or {}, ("turns", turn))
    return sorted(out, key=lambda e: e.line or 0)


def _state_free_problems(doc, rules, side, orders, prefix):
    """What play refuses whatever the state: a line the side may not buy from, a build it may not build,
    a delivery to a side it may not supply."""
    out = []
    for i, p in enumerate(orders.get("procure") or []):
        lid = p["supplier"]
        spec = rules.suppliers.get(lid) or rules.builds.get(lid)
        buyers = tuple(getattr(spec, "buyers", None) or ())
        if buyers and side not in buyers:
            out.append(doc.error(prefix + ("procure", i, "supplier"),
                                 f"{side} may not buy from {lid} (buyers: {', '.join(buyers)})"))
        recipient = p.get("for") or side
        if (recipient == "russia") != (side == "russia"):
            out.append(doc.error(prefix + ("procure", i, "for"), f"{side} cannot deliver to {recipient}"))
    for i, bid in enumerate(orders.get("build") or []):
        builders = rules.builds[bid].builders
        if side not in builders:
            out.append(doc.error(prefix + ("build", i), f"{side} may not build {bid} (builders: {', '.join(builders)})"))
    return out
