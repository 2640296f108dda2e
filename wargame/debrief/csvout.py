"""Tidy CSV files of a kept game, one observation a row, for pandas or a spreadsheet.
Column meanings: docs/debrief.md."""

import csv
import io

from wargame.csvsafe import safe_row
from wargame.debrief.facts import order_lines, side_of

COLUMNS = {
    "metrics.csv": ("turn", "date", "side", "metric", "value", "replay"),
    "events.csv": ("turn", "date", "kind", "side", "public", "text", "replay"),
    "orders.csv": ("turn", "side", "key", "value", "replay"),
    "rolls.csv": ("turn", "date", "what", "rule", "p", "roll", "result", "replay"),
    "notes.csv": ("turn", "date", "text", "replay"),
    "rfis.csv": ("turn", "seq", "n", "act", "side", "to", "text"),
    "injects.csv": ("turn", "day", "text", "by", "reason", "kind", "visible_to", "when", "effect"),
}


def tables(story):
    """{file name: list of row tuples} for every CSV file."""
    metrics, events, orders, rolls = [], [], [], []
    for t in story.turns:
        n, date, replay = t["turn"], t["date"], t["replay"]
        for k in sorted(t["metrics"]):
            metrics.append((n, date, side_of(k), k, repr_number(t["metrics"][k]), replay))
        for e in t["events"]:
            events.append((n, e["date"], e["kind"], e["side"] or "", "true" if e["public"] else "false", e["text"], replay))
        for side in sorted(t["orders"]):
            for key, value in order_lines(t["orders"][side]):
                orders.append((n, side, key, value, replay))
        for r in t["rolls"]:
            p = "" if r.get("p") is None else repr_number(r["p"])
            rolls.append((n, r["date"], r["what"], r["rule"], p, repr_number(r["roll"]), r.get("result", ""), replay))
    dates = {t["turn"]: t["date"] for t in story.turns}
    notes = [(x["turn"], dates.get(x["turn"], ""), x["text"], x["replay"]) for x in story.notes]
    from wargame.seminar_pages import effect_note
    rfis, injects = [], []
    for t in story.turns:
        for e in t.get("white_cell") or []:
            if e.get("act") in ("ask", "answer"):
                rfis.append((t["turn"], e.get("seq", ""), e.get("n", ""), e["act"], e.get("side", ""), e.get("to", ""),
                             e.get("text", "")))
        for i in t.get("injects") or []:
            aud = i.get("visible_to")
            when = i.get("when")
            injects.append((t["turn"], i.get("day", 0), i.get("text", ""), i.get("by", ""), i.get("reason", ""),
                            i.get("kind", ""), " ".join(aud) if isinstance(aud, list) else "all",
                            f"{when['metric']} {when['op']} {when['value']:g}" if isinstance(when, dict) else "",
                            effect_note(i)))
    return {"metrics.csv": metrics, "events.csv": events, "orders.csv": orders, "rolls.csv": rolls, "notes.csv": notes,
            "rfis.csv": rfis, "injects.csv": injects}


def repr_number(v):
    return str(v) if isinstance(v, int) else f"{v:.10g}"


def render(story):
    """{file name: CSV text} (UTF-8, a header row, RFC 4180 quoting; text cells that would start a
    spreadsheet formula get a leading apostrophe)."""
    out = {}
    for name, rows in tables(story).items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(COLUMNS[name])
        w.writerows(safe_row(row) for row in rows)
        out[name] = buf.getvalue()
    return out
