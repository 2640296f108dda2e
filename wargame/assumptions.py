"""The assumptions log: every rules value whose `source:` note says it is a design assumption.

A `source:` note covers the numbers of the record it sits in, and of the records inside it that have
no note of their own. A note counts as an assumption when it contains the word "assumption"
("design assumption", "capex a design assumption", ...): a public source with one assumed part is
listed too, with its whole note, so the reader sees which part is assumed.
"""

from pathlib import Path

import attrs

from wargame.errors import WargameError
from wargame.rules import RULES_DIR
from wargame.yamlsafe import format_path, load_yaml_file

WORD = "assumption"


@attrs.frozen
class Assumption:
    """One value resting on a design assumption."""

    file: str
    line: int | None
    key: str
    value: object
    source: str

    @property
    def where(self):
        return f"{self.file}:{self.line}" if self.line else self.file


def _walk(data, path, note, doc, out):
    """Collect the leaf values under data whose nearest `source:` note is an assumption."""
    if isinstance(data, dict):
        own = data.get("source")
        note = own if isinstance(own, str) and own.strip() else note
        for key, value in data.items():
            if key == "source":
                continue
            _walk(value, path + (key,), note, doc, out)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _walk(value, path + (i,), note, doc, out)
    elif note and WORD in note.lower() and isinstance(data, (int, float)) and not isinstance(data, bool):
        out.append(Assumption(doc.name, doc.line_of(path), format_path(path), data, note))


def rules_dir_of(scenario_path):
    """The rules folder a scenario file names (`rules:` under `scenario:`), else the packaged rules."""
    import yaml
    path = Path(scenario_path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return RULES_DIR
    ref = (data.get("scenario") or {}).get("rules") if isinstance(data.get("scenario"), dict) else None
    return path.parent / ref if isinstance(ref, str) else RULES_DIR


def assumptions(rules_dir=RULES_DIR, label=None):
    """Every numeric rules value of the folder's YAML files whose source note is an assumption, in
    file and line order. label: how files are named in the list (default: the folder's name/file)."""
    rules_dir = Path(rules_dir)
    if not rules_dir.is_dir():
        raise WargameError(f"{rules_dir}: not a rules folder")
    out = []
    for path in sorted(p for p in rules_dir.iterdir() if p.suffix in (".yaml", ".yml")):
        doc = load_yaml_file(path)
        doc = attrs.evolve(doc, name=f"{label or rules_dir.name}/{path.name}")
        found = []
        _walk(doc.data, (), None, doc, found)
        out += sorted(found, key=lambda a: (a.line or 0))
    return out


def text(found):
    """The list as lines for the terminal: file:line  key = value  (source)."""
    lines = [f"{a.where}: {a.key} = {a.value:g}  ({a.source})" for a in found]
    return "\n".join(lines + [f"{len(found)} values rest on a design assumption."]) + "\n"
