"""The package's layers: a module imports only from its own layer or lower ones, and no imports go
round in a cycle. Read from the source (ast), so nothing is imported. LAYERS is the one table; the
README's Layout section shows it as rendered by layer_lines() and a test keeps the two the same."""

import ast
import fnmatch
from pathlib import Path

import wargame

PACKAGE = Path(wargame.__file__).resolve().parent
README = PACKAGE.parent / "README.md"

# lowest first: (name, what it holds, module patterns)
LAYERS = (
    ("base", "error classes, the game's fixed words, seeds, number formats",
     ("wargame", "wargame.errors", "wargame.vocab", "wargame.seeds", "wargame.figures")),
    ("formats", "frozen state and rule records, safe YAML, schemas, atomic files, safe CSV cells, closed pipes",
     ("wargame.model", "wargame.yamlsafe", "wargame.schema", "wargame.files", "wargame.csvsafe", "wargame.pipes",
      "wargame.rule_records")),
    ("input", "rules, orders, injects and objectives, loaded and checked; the rules' assumptions",
     ("wargame.rules", "wargame.orders", "wargame.injects", "wargame.objectives", "wargame.assumptions")),
    ("turn", "the turn's rulings and its SimPy timing",
     ("wargame.adjudicate", "wargame.chance", "wargame.modes", "wargame.phases", "wargame.phases.*", "wargame.sim")),
    ("sides", "what a side sees and who gives its orders",
     ("wargame.view", "wargame.visibility", "wargame.controllers", "wargame.controllers.*", "wargame.templates",
      "wargame.validate")),
    ("engine", "the library API and the one game loop", ("wargame.engine",)),
    ("replay", "replays: write, read, verify, resume, fork", ("wargame.replay",)),
    ("analysis", "batches, debriefs and seminars", ("wargame.batch", "wargame.batch_*", "wargame.overrides",
                                                    "wargame.debrief", "wargame.debrief.*", "wargame.seminar",
                                                    "wargame.seminar_pages", "wargame.seminar_modes", "wargame.whitecell", "wargame.hotwash")),
    ("shell", "the command line: parse, prompt, print", ("wargame.display", "wargame.cli", "wargame.cli_*",
                                                         "wargame.__main__")),
)


def layer_lines():
    """The layer table as the README shows it, one line per layer, lowest first."""
    out = []
    for i, (name, what, patterns) in enumerate(LAYERS):
        mods = ", ".join(f"`{p.removeprefix('wargame.').replace('.', '/')}`" for p in patterns if p != "wargame")
        out.append(f"{i}. **{name}** ({what}): {mods}")
    return out


def modules():
    """{module name: path} of every module in the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(name, path, known):
    """The package modules that module `name` imports anywhere in its source (lazy imports included)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[:len(base) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from wargame import sim` names a module; `from wargame import __version__` a value
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in known and target != name:
                found.add(target)
    return found


def layer_of(name):
    for i, (_, _, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            return i
    return None


def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_has_a_layer():
    missing = sorted(name for name in modules() if layer_of(name) is None)
    assert not missing, f"add these modules to a layer in tests/test_layers.py (and the README): {missing}"


def test_no_module_imports_from_a_higher_layer():
    wrong = []
    for name, deps in sorted(graph().items()):
        for dep in sorted(deps):
            if layer_of(dep) is not None and layer_of(name) is not None and layer_of(dep) > layer_of(name):
                wrong.append(f"{name} ({LAYERS[layer_of(name)][0]}) imports {dep} ({LAYERS[layer_of(dep)][0]})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def find_cycle(edges):
    """One import cycle as a list of modules (first repeated at the end), or None. Deterministic."""
    state = {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, stack)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return None


def test_no_import_cycles():
    cycle = find_cycle(graph())
    assert cycle is None, "an import cycle: " + " -> ".join(cycle)


def test_the_checker_finds_cycles_and_backward_imports():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert layer_of("wargame.phases.money") == layer_of("wargame.sim") < layer_of("wargame.engine")
    assert layer_of("wargame.rules") < layer_of("wargame.sim") and layer_of("wargame.batch") == layer_of("wargame.batch_summary")


def test_the_readme_shows_the_layer_table():
    text = README.read_text(encoding="utf-8")
    layout = text[text.index("## Layout"):]
    missing = [line for line in layer_lines() if line not in layout]
    assert not missing, "the README's Layout section should list the layers as tests/test_layers.py does:\n" + \
        "\n".join(layer_lines())


def test_the_sides_are_defined_once():
    """The tuple of sides is written out only in vocab.py (rule_records.py is generated from the schema:
    a record with a field per side lists them in its __slots__)."""
    found = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if name not in ("wargame.vocab", "wargame.rule_records") and ('("eu", "ukraine", "russia"' in text or '{"eu", "ukraine", "russia"' in text):
            found.append(name)
    assert not found, f"use wargame.vocab.SIDES in {found}"


def test_the_turn_reports_the_metrics_vocab_names():
    from wargame.engine import Game
    from wargame.vocab import METRIC_NAMES
    game = Game.load("us-stays", seed=1, turns=1)
    _, records = game.play()
    from wargame.vocab import dynamic_metric_names, stored_lines
    rules = game.rules
    dynamic = set(dynamic_metric_names(rules.areas, rules.items, stored_lines(rules.suppliers)))
    assert set(records[0].metrics) == set(METRIC_NAMES) | dynamic
