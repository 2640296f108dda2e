"""The white cell's part of a turn as a debrief shows it: the injects with who, why and for whom, and
the acts kept under `white_cell` in a seminar's turn record (questions and answers, assumptions,
injects added on the spot, a turn taken back and played again)."""

from wargame.vocab import SIDE_NAMES  # noqa: E402


def inject_line(inj):
    """An inject in words with who injected it, why, its kind, its condition and its audience."""
    from wargame.seminar_pages import inject_note
    note = inject_note(inj)
    return f"Day {inj.get('day', 0)}: {inj['text']}" + (f" ({note})" if note else "")


def act_line(e):
    """One white-cell act in words."""
    who = SIDE_NAMES.get(e.get("side"), e.get("side"))
    if e["act"] == "ask":
        return "rfi", f"Request {e['n']} from {who}: {e['text']}"
    if e["act"] == "answer":
        return "rfi", f"Answer to request {e['n']} (to {e['to']}): {e['text']}"
    if e["act"] == "assume":
        return "assumption", f"Assumption added: {e['text']}"
    if e["act"] == "inject":
        from wargame.seminar_pages import effect_note
        effect = effect_note(e["inject"])
        return "inject", (f"Inject added on the spot for turn {e['inject']['turn']}: {e['inject']['text']}"
                          + (f" ({effect})" if effect else ""))
    if e["act"] == "undo":
        return "correction", (f"Correction: turn {e['undone_turn']} was adjudicated, then taken back and played "
                              f"again: {e['reason']} (the first adjudication is kept in {e['file']}, "
                              f"sha256 {e['sha256'][:12]})")
    if e["act"] == "mode":
        by = f" by {e['by']}" if e.get("by") else ""
        return "mode", f"Adjudication mode{by}: {e['question']} ruled by {e['mode']} from this turn on: {e['reason']}"
    if e["act"] == "matrix":
        by = f", ruled by {e['by']}" if e.get("by") else ""
        side = f" ({SIDE_NAMES.get(e['side'], e['side'])})" if e.get("side") else ""
        pros = "; ".join(e.get("pros") or []) or "none"
        cons = "; ".join(e.get("cons") or []) or "none"
        d1, d2 = e["dice"]
        return "ruling", (f"MATRIX ruling{by}: {e['question']}, roll {e['roll']} ({e['what']}). Argument{side} for "
                          f"{e['for']}: {e['argument']}. Pros: {pros}. Cons: {cons}. 2d6 {d1}+{d2} modifier "
                          f"{e['modifier']:+d} = {e['total']} against {e['target']}: "
                          f"{'success' if e['success'] else 'failure'} -> {e['outcome']} "
                          f"(the tables proposed: {e.get('proposed', '?')})")
    if e["act"] == "rule":
        by = f" by {e['by']}" if e.get("by") else ""
        if e.get("question") and e.get("value") is not None:
            chosen = e.get("outcome") or f"factor {e.get('factor')}"
            return "ruling", (f"UMPIRE override{by}: {e['question']}, roll {e['roll']} ({e['what']}) ruled {chosen} "
                              f"in place of the proposed ruling ({e.get('proposed', '?')}): {e['reason']}")
        if e.get("value") is None:
            return "ruling", f"Ruling{by} on roll {e['roll']} ({e['what']}) withdrawn: {e['reason']}"
        return "ruling", f"Umpire's ruling{by}: roll {e['roll']} ({e['what']}) set to {e['value']:g} in place of the dice: {e['reason']}"
    return e["act"], str(e.get("text", ""))


def turn_lines(t):
    """[(kind, text)] of the white cell's part of a turn record."""
    out = [("inject", inject_line(i)) for i in t.get("injects") or []]
    out += [act_line(e) for e in t.get("white_cell") or []]
    return out


def corrected(t):
    """True if the turn was taken back and played again."""
    return any(e.get("act") == "undo" for e in t.get("white_cell") or [])


def ruled(t):
    """True if an umpire's ruling or a matrix argument replaced a roll of the turn (judgement, not tables)."""
    return any(e.get("act") in ("rule", "matrix") and e.get("value") is not None for e in t.get("white_cell") or [])
