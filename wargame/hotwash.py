"""The hotwash right after a seminar: the chronology with each team's decisions and reasons, the white
cell's injects with who and why, requests for information and answers, turns taken back (as
corrections), notes, the assumptions and the objectives. Built from the seminar folder (its replay,
the white cell's log and undone.jsonl); text for the terminal and one self-contained HTML page."""

import json
from html import escape

import attrs

from wargame.seminar_pages import CSP, SIDE_NAMES, _objective_target, _objective_value, short
from wargame.visibility import public
from wargame.vocab import SEATS

KEY_KINDS = ("crisis", "decision", "us", "strike", "inject")  # the private events a hotwash names too


@attrs.frozen
class Hotwash:
    title: str
    subtitle: str
    turns: list          # [{turn, date, corrections, decisions, injects, rfis, assumptions, events}]
    rfis: list           # (heading, lines)
    notes: list          # (turn, text)
    assumptions: list    # (turn, text) added during play
    rules_assumptions: list  # wargame.assumptions.Assumption
    objectives: list     # (side name, score, max, [(text, value, target, met)])
    basis: str
    pending: list = attrs.Factory(list)  # turns taken back and not played again yet


def _orders_summary(orders):
    from wargame.debrief.facts import order_summary
    try:
        return order_summary(orders)
    except Exception:  # a summary is a convenience; the orders themselves are in the replay
        return ""


def _changed_sides(old, new):
    """Sides whose orders differ between the turn taken back and the turn played again."""
    return [s for s in SEATS if (old.get("orders") or {}).get(s) != (new.get("orders") or {}).get(s)]


def undone_lines(folder):
    """The turns taken back, as undone.jsonl keeps them: [{turn, reason, sha256, record}]."""
    from wargame.seminar import UNDONE
    path = folder / UNDONE
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            entry["record"] = json.loads(entry["line"])
            out.append(entry)
    return out


def build(pos):
    """The hotwash of a seminar Position (wargame.seminar.open_seminar)."""
    from wargame.assumptions import assumptions, rules_dir_of
    from wargame.debrief.notes import read_notes
    from wargame.objectives import score
    from wargame.seminar import replay_path
    from wargame.seminar_pages import injects_seen, rfi_lines
    from wargame.whitecell import rfis
    game = pos.game
    log = pos.log()
    undone = {}
    for u in undone_lines(pos.folder):
        undone.setdefault(u["turn"], []).append(u)
    turns = []
    for rec in pos.records:
        n = rec["turn"]
        acts = rec.get("white_cell") or [e for e in log if e["turn"] == n]
        corrections = []
        for u in undone.get(n, []):
            changed = _changed_sides(u["record"], rec)
            what = (f"orders changed for {', '.join(SIDE_NAMES[s] for s in changed)}" if changed
                    else "the same orders played again")
            corrections.append(f"Turn {n} was adjudicated, then taken back by the white cell: {u['reason']}. "
                               f"Played again; {what}. The first adjudication is kept in undone.jsonl "
                               f"(sha256 {u['sha256'][:12]}).")
        decisions = []
        for side in game.sides:
            orders = rec["orders"].get(side) or {}
            who = rec["controllers"].get(side, "")
            who = "team" if who == "orders" else who
            reason = orders.get("rationale") or "(no rationale given)"
            summary = _orders_summary(orders)
            decisions.append((SIDE_NAMES[side], who, reason, summary))
        events = [(e["date"] if "date" in e else _date(game, e["day"]), e["kind"],
                   ("" if public(e) else f"[{_audience(e)}] ") + short(e["text"], 160))
                  for e in rec["events"] if public(e) or e["kind"] in KEY_KINDS]
        from wargame.debrief.whitecell import act_line
        wc = [act_line(e)[1] for e in acts if e["act"] != "undo"]  # an undo is shown as the correction
        turns.append({"turn": n, "date": rec["date"], "corrections": corrections, "decisions": decisions,
                      "injects": injects_seen(game, rec), "white_cell": wc, "events": events})
    objectives, basis = [], pos.basis()
    if pos.records:
        for side, s in score(basis.objectives, pos.records[-1]["metrics"]).items():
            objectives.append((SIDE_NAMES[side], s["score"], s["max"],
                               [(o["text"], _objective_value(o), f"{o['op']} {_objective_target(o)}", o["met"])
                                for o in s["objectives"]]))
    played = len(pos.records)
    pending = [f"Turn {u['turn']} was taken back and is not played again yet: {u['reason']} "
               f"(kept in undone.jsonl, sha256 {u['sha256'][:12]})"
               for n, us in sorted(undone.items()) if n > played for u in us]
    status = "the end" if pos.finished else f"after turn {played} of {game.turns}"
    return Hotwash(
        title=f"Hotwash: {game.scenario.title}",
        subtitle=f"{pos.folder.name}: {played} turn{'s' if played != 1 else ''} played ({status}), seed {game.seed}; "
                 + ", ".join(f"{SIDE_NAMES[s]} {'team' if pos.seats[s] == 'orders' else pos.seats[s]}" for s in game.sides),
        turns=turns, rfis=rfi_lines(rfis(log)),
        notes=[(x["turn"], x["text"]) for x in read_notes(replay_path(pos.folder))],
        assumptions=[(e["turn"], e["text"]) for e in log if e["act"] == "assume"],
        rules_assumptions=assumptions(rules_dir_of(game.scenario.path), label="rules"),
        objectives=objectives, basis=basis.text, pending=pending)


def _date(game, day):
    return game.scenario.date_of(day).isoformat()


def _audience(e):
    return SIDE_NAMES.get(e["side"], e["side"] or "control") + " only"


def text(h):
    out = [h.title, h.subtitle, ""]
    for t in h.turns:
        out.append(f"== Turn {t['turn']} ({t['date']}) ==")
        for c in t["corrections"]:
            out.append(f"  CORRECTION: {c}")
        out.append("  Decisions:")
        for name, who, reason, summary in t["decisions"]:
            out.append(f"    {name} ({who}): {reason}")
            if summary:
                out.append(f"      orders: {summary}")
        if t["injects"]:
            out.append("  Injects:")
            out += [f"    {d}  {txt}" + (f" ({note})" if note else "") for d, txt, note in t["injects"]]
        if t["white_cell"]:
            out.append("  White cell:")
            out += [f"    {x}" for x in t["white_cell"]]
        out.append("  What happened:")
        out += [f"    {d}  {txt}" for d, _, txt in t["events"]] or ["    nothing public"]
        out.append("")
    out += [f"TAKEN BACK: {x}" for x in h.pending] + ([""] if h.pending else [])
    out.append("== Requests for information ==")
    for heading, lines in h.rfis or [("none", [])]:
        out.append(f"  {heading}")
        out += [f"    {x}" for x in lines]
    out += ["", "== Notes =="] + ([f"  turn {n}: {x}" for n, x in h.notes] or ["  none"])
    out += ["", "== Assumptions =="]
    out += [f"  added in turn {n}: {x}" for n, x in h.assumptions] or ["  none added during play"]
    counts = {}
    for a in h.rules_assumptions:
        counts[a.file] = counts.get(a.file, 0) + 1
    per_file = ", ".join(f"{k.split('/')[-1]} {v}" for k, v in counts.items())
    out.append(f"  the rules: {len(h.rules_assumptions)} values rest on a design assumption ({per_file}); "
               "'wargame assumptions' lists them")
    out += ["", f"== Objectives ({h.basis}) =="]
    for name, total, most, rows in h.objectives:
        out.append(f"  {name}: {total} of {most} points")
        out += [f"    [{'x' if met else ' '}] {txt}: {value} (target {target})" for txt, value, target, met in rows]
    return "\n".join(out) + "\n"


CSS = """
:root { --ink:#111; --muted:#444; --fix:#8b4500; }
html { font-size: 19px; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.4rem; color: var(--ink); background: #fff;
       font-family: "DejaVu Sans", Verdana, Arial, sans-serif; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.1rem; } p.sub { color: var(--muted); margin-top: 0; }
h2 { font-size: 1.3rem; border-bottom: 3px solid #000; margin-top: 1.6rem; }
h3 { font-size: 1.05rem; margin: 0.9rem 0 0.2rem; }
ul { padding-left: 1.2rem; margin: 0.2rem 0; } li { overflow-wrap: anywhere; }
span.date { font-weight: bold; margin-right: 0.5rem; white-space: nowrap; }
p.fix { border-left: 6px solid var(--fix); padding: 0.3rem 0.6rem; background: #fff4e5; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
td, th { border-bottom: 1px solid #bbb; padding: 0.15rem 0.3rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
em.why { color: var(--muted); }
"""


def html(h):
    e = escape
    body = [f"<h1>{e(h.title)}</h1>", f'<p class="sub">{e(h.subtitle)}</p>', "<h2>Chronology</h2>"]
    for t in h.turns:
        body.append(f"<h3>Turn {t['turn']} ({e(t['date'])})</h3>")
        body += [f'<p class="fix"><strong>Correction.</strong> {e(c)}</p>' for c in t["corrections"]]
        items = "".join(f"<li><strong>{e(name)}</strong> ({e(who)}): {e(reason)}"
                        + (f'<br><em class="why">orders: {e(summary)}</em>' if summary else "") + "</li>"
                        for name, who, reason, summary in t["decisions"])
        body.append(f"<p>Decisions and their reasons:</p><ul>{items}</ul>")
        if t["injects"]:
            items = "".join(f'<li><span class="date">{e(d)}</span>{e(txt)}'
                            + (f' <em class="why">({e(note)})</em>' if note else "") + "</li>"
                            for d, txt, note in t["injects"])
            body.append(f"<p>Injects:</p><ul>{items}</ul>")
        if t["white_cell"]:
            body.append("<p>White cell:</p><ul>" + "".join(f"<li>{e(x)}</li>" for x in t["white_cell"]) + "</ul>")
        items = "".join(f'<li><span class="date">{e(d)}</span>{e(txt)}</li>' for d, _, txt in t["events"])
        body.append(f"<p>What happened:</p><ul>{items or '<li>nothing public</li>'}</ul>")
    body += [f'<p class="fix"><strong>Taken back.</strong> {e(x)}</p>' for x in h.pending]
    body.append("<h2>Requests for information</h2>")
    for heading, lines in h.rfis:
        body.append(f"<h3>{e(heading)}</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in lines) + "</ul>")
    if not h.rfis:
        body.append("<p>None.</p>")
    body.append("<h2>Notes</h2><ul>" + ("".join(f"<li>Turn {n}: {e(x)}</li>" for n, x in h.notes) or "<li>None.</li>")
                + "</ul>")
    body.append("<h2>Assumptions</h2><ul>" + ("".join(f"<li>Added in turn {n}: {e(x)}</li>" for n, x in h.assumptions)
                                               or "<li>None added during play.</li>") + "</ul>")
    rows = "".join(f"<tr><td>{e(a.where)}</td><td>{e(a.key)}</td><td>{e(format(a.value, 'g'))}</td>"
                   f"<td>{e(a.source)}</td></tr>" for a in h.rules_assumptions)
    body.append(f"<details><summary>The rules: {len(h.rules_assumptions)} values rest on a design assumption"
                f"</summary><table><tr><th>where</th><th>key</th><th>value</th><th>source</th></tr>{rows}</table>"
                "</details>")
    body.append(f"<h2>Objectives</h2><p>Scored against {e(h.basis)}.</p>")
    for name, total, most, objs in h.objectives:
        items = "".join(f'<li>{"✔" if met else "✘"} {e(txt)}: {e(value)} (target {e(target)})</li>'
                        for txt, value, target, met in objs)
        body.append(f"<h3>{e(name)}: {total} of {most} points</h3><ul>{items}</ul>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(h.title)}</title><style>{CSS}</style></head>\n<body>\n" + "\n".join(body)
            + "\n</body></html>\n")

