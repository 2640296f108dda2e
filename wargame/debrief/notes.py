"""An instructor's notes on a kept game, in REPLAY.notes.yaml beside the replay.

The replay itself is never touched, so `wargame replay verify` is unaffected. The notes file is
plain YAML that a person may edit: `notes:` then a list of `{turn: N, text: "..."}`.
"""

from pathlib import Path

import yaml

from wargame.errors import WargameError
from wargame.files import write_atomic


def notes_path(replay_path):
    """The notes file of a replay: the replay's name plus `.notes.yaml`, in the same folder."""
    p = Path(replay_path)
    return p.with_name(p.name + ".notes.yaml")


def read_notes(replay_path):
    """The notes as a list of {turn, text}, in the order added; [] when there is no notes file."""
    path = notes_path(replay_path)
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise WargameError(f"{path}: the notes file cannot be read: {str(e).splitlines()[0]}") from None
    if data is None:
        return []
    items = data.get("notes") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise WargameError(f"{path}: expected 'notes:' with a list of {{turn, text}}")
    out = []
    for i, item in enumerate(items, start=1):
        if not (isinstance(item, dict) and isinstance(item.get("turn"), int) and isinstance(item.get("text"), str)):
            raise WargameError(f"{path}: note {i}: expected 'turn' (a whole number) and 'text'")
        out.append({"turn": item["turn"], "text": item["text"]})
    return out


def add_note(replay_path, turn, text):
    """Append a note and rewrite the notes file whole (temporary file, then rename); returns the notes."""
    text = " ".join(str(text).split())
    if not text:
        raise WargameError("the note is empty")
    notes = read_notes(replay_path) + [{"turn": int(turn), "text": text}]
    body = yaml.safe_dump({"notes": notes}, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(notes_path(replay_path), f"# Notes on {Path(replay_path).name} (wargame replay note). Edit freely.\n" + body)
    return notes


def by_turn(notes):
    """{turn: [text, ...]}."""
    out = {}
    for n in notes:
        out.setdefault(n["turn"], []).append(n["text"])
    return out
