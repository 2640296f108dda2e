"""The white cell's log in a seminar folder: requests for information and their answers, assumptions
added during play, injects added on the spot and turns taken back, in the order they happened.

    DIR/white-cell.jsonl   one JSON line per act, appended (written whole through wargame.files):
                           {"seq": k, "turn": T, "act": ..., ...}; T is the turn being played when
                           the act happened (turns + 1 once the game is over)

Acts: `ask` (n, side, text), `answer` (n, to: "all" or a side, text), `assume` (text), `inject` (the
inject as added: turn, day, text, by, reason, kind, visible_to), `undo` (undone_turn, reason, sha256
of the removed line, file it is kept in), `rule` (roll, what, value or None to withdraw, reason, by:
an umpire's ruling on a roll of the coming turn, given in place of the dice; with --outcome or --factor also
question, outcome or factor, and proposed: the engine's result it replaces), `mode` (question, mode,
reason, by: how a question is ruled from this turn on), `matrix` (question, roll, what, side, by,
argument, pros, cons, modifier, dice: [d1, d2] derived from the seed, turn, question and roll, target,
total, success, for, outcome, value: the roll given in place of the dice, proposed). When a turn is adjudicated its record in the replay keeps, under
`white_cell`, every act of that turn, so the replay alone holds the record of the room (acts after
the last turn stay in the log only; `seminar hotwash` reads both).
"""

import json
from pathlib import Path

import attrs

from wargame.errors import WargameError
from wargame.files import write_atomic
from wargame.vocab import SEATS

LOG = "white-cell.jsonl"
ACTS = ("ask", "answer", "assume", "inject", "undo", "rule", "mode", "matrix")


def log_path(folder):
    return Path(folder) / LOG


def read_log(folder):
    """The acts of the log, in order ([] without a log); WargameError naming the line if damaged."""
    path = log_path(folder)
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            raise WargameError(f"{path}:{number}: not a JSON line: the file was edited or damaged") from None
        if not isinstance(entry, dict) or entry.get("act") not in ACTS or not isinstance(entry.get("turn"), int):
            raise WargameError(f"{path}:{number}: not a white-cell act: the file was edited or damaged")
        out.append(entry)
    return out


def append(folder, turn, act, **fields):
    """Add one act to the log (the whole file written to a temporary name and renamed); the entry."""
    entries = read_log(folder)
    entry = {"seq": len(entries) + 1, "turn": turn, "act": act, **fields}
    text = "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in entries + [entry])
    write_atomic(log_path(folder), text, force=True, what="white-cell log")
    return entry


def of_turn(entries, turn):
    """The acts that happened while `turn` was being played: what its record keeps."""
    return [e for e in entries if e["turn"] == turn]


# ----- requests for information -------------------------------------------------------------------

@attrs.frozen
class RFI:
    """A team's question to control and control's answers (the last one stands)."""

    n: int
    side: str
    turn: int
    text: str
    answers: tuple = ()   # (turn, to, text), in order

    @property
    def open(self):
        return not self.answers

    @property
    def to(self):
        """Who the last answer went to: 'all' or the asking side (None while open)."""
        return self.answers[-1][1] if self.answers else None

    def visible_to(self, side):
        """True if `side` may see the question and its answers: the asking team, or all once answered to all."""
        return side == self.side or any(to == "all" for _, to, _ in self.answers)

    def answers_for(self, side):
        """The answers `side` may read."""
        return [a for a in self.answers if a[1] == "all" or side == self.side]


def rfis(entries):
    """The requests for information in the log, in the order asked."""
    found = {}
    for e in entries:
        if e["act"] == "ask":
            found[e["n"]] = RFI(e["n"], e["side"], e["turn"], e["text"])
        elif e["act"] == "answer" and e["n"] in found:
            r = found[e["n"]]
            found[e["n"]] = attrs.evolve(r, answers=r.answers + ((e["turn"], e["to"], e["text"]),))
    return [found[n] for n in sorted(found)]


def ask(folder, turn, side, text):
    """Log a team's question; its number."""
    if side not in SEATS:
        raise WargameError(f"{side}: not a side ({', '.join(SEATS)})")
    if not text.strip():
        raise WargameError("the question is empty: write it in quotes after the folder")
    n = len(rfis(read_log(folder))) + 1
    append(folder, turn, "ask", n=n, side=side, text=text.strip())
    return n


def answer(folder, turn, n, text, to=None):
    """Log control's answer to question n, to the asking side (default) or to all; the RFI answered."""
    found = {r.n: r for r in rfis(read_log(folder))}
    if n not in found:
        known = ", ".join(str(k) for k in found) or "none asked yet"
        raise WargameError(f"no request for information number {n} (known: {known})")
    rfi = found[n]
    to = (to or rfi.side).lower()
    if to not in ("all", rfi.side):
        raise WargameError(f"--to {to}: request {n} came from {rfi.side}; answer it to {rfi.side} or to all")
    if not text.strip():
        raise WargameError("the answer is empty: write it in quotes after the number")
    append(folder, turn, "answer", n=n, to=to, text=text.strip())
    return rfis(read_log(folder))[n - 1]
