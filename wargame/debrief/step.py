"""One turn of a kept game in full, for stepping through it in the terminal: notes, each side's orders
with the rationale, the dated events, every roll with its probability and rule, and the metrics that moved."""

from rich.table import Table
from rich.text import Text

from wargame.debrief.facts import fmt, moved, order_lines
from wargame.debrief.notes import by_turn

from wargame.vocab import SIDE_NAMES  # noqa: E402


def turn_view(story, n):
    """Rich renderables showing turn n of the story."""
    t = story.turn(n)
    i = n - story.first_turn
    prev = story.turns[i - 1]["metrics"] if i > 0 else None
    out = [Text(f"Turn {n} of {story.header['turns']} - {t['date']} - {story.title}", style="bold reverse")]
    if t["replay"] != story.name:
        out.append(Text(f"Before the fork: this turn was played in {t['replay']}; {story.name} forks from it at turn "
                        f"{story.fork_turn}.", style="bold cyan"))
    for text in by_turn(story.notes).get(n, []):
        out.append(Text(f"NOTE: {text}", style="bold yellow"))
    for side, orders in sorted(t["orders"].items(), key=lambda kv: list(SIDE_NAMES).index(kv[0])):
        tab = Table(title=f"{SIDE_NAMES.get(side, side)} orders", title_justify="left", show_header=False, expand=False)
        tab.add_column("field", style="cyan", no_wrap=True)
        tab.add_column("value")
        for key, value in order_lines(orders):
            tab.add_row(key, Text(value, style="italic" if key == "rationale" else ""))
        out.append(tab)
    ev = Table(title="Events", title_justify="left")
    for col in ("date", "kind", "seen by", "what happened"):
        ev.add_column(col, no_wrap=col != "what happened")
    for e in t["events"]:
        seen = "all" if e["public"] else SIDE_NAMES.get(e["side"], e["side"] or "control")
        ev.add_row(e["date"], e["kind"], seen, Text(e["text"]))
    out.append(ev)
    rolls = Table(title="Rolls", title_justify="left")
    for col in ("date", "what", "p", "roll", "result", "rule"):
        rolls.add_column(col, justify="right" if col in ("p", "roll") else "left")
    for r in t["rolls"]:
        p = f"{r['p']:.2f}" if r.get("p") is not None else ""
        rolls.add_row(r["date"], Text(r["what"]), p, f"{r['roll']:.4f}", Text(str(r.get("result", ""))), Text(r["rule"]))
    out.append(rolls)
    changes = moved(prev, t["metrics"])
    mt = Table(title="Metrics that moved (more than 1% since the previous turn)" if prev is not None
               else "Metrics at the end of the first turn shown", title_justify="left")
    for col in ("metric", "before", "after", "change"):
        mt.add_column(col, justify="left" if col == "metric" else "right")
    for k, a, b in changes:
        change = "" if a is None else _signed(k, b - a)
        mt.add_row(k, fmt(k, a), fmt(k, b), change)
    out.append(mt)
    return out


def _signed(metric, d):
    s = fmt(metric, abs(d))
    return ("+" if d >= 0 else "-") + s


HELP = "n(ext), p(revious), a turn number or j N (jump), q(uit)"


def parse_command(answer, current, first, last):
    """The turn to show after an answer at the prompt: (turn or None to quit, message or None)."""
    a = answer.strip().lower()
    if a in ("", "n", "next"):
        if current >= last:
            return current, f"turn {last} is the last turn"
        return current + 1, None
    if a in ("p", "prev", "previous", "b", "back"):
        if current <= first:
            return current, f"turn {first} is the first turn"
        return current - 1, None
    if a in ("q", "quit", "exit"):
        return None, None
    if a.startswith("j"):
        a = a[1:].strip().lstrip("ump").strip()
    if a.isdigit():
        n = int(a)
        if first <= n <= last:
            return n, None
        return current, f"there is no turn {n}: the game has turns {first}..{last}"
    return current, f"'{answer}'? {HELP}"
