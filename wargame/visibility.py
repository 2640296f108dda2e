"""Who sees what: the one place that decides whether a side (or the room) may see an event or figure.

Each event and each roll carries `side` (whose, or none) and `public` (everyone may see it), set
by the turn from the rules' visibility table (rules/visibility.yaml). Everything a team or the
projector is shown goes through these functions: the seminar's packs and State of the World, and
`replay show`, `replay step` and `debrief` with `--side SIDE` or `--public`.
"""

# The figures the State of the World has always shown to everyone (display.turn_report's summary
# line): Europe's coverage, the front, strike hits, the flank and EU politics, and the US posture.
_PUBLIC_METRICS = (
    "eu.coverage_without_us_mean", "eu.coverage_with_us_mean", "front.ground_km2", "front.change_km2",
    "strikes.hits", "strikes.hits_turn", "flank.ratio", "flank.crises", "politics.cohesion",
    "politics.support", "us.troops",
)


def public(event):
    """True if the event is for everyone (the projector, every team)."""
    return bool(event.get("public"))


def visible_to(event, side):
    """True if `side` may see the event: a public one, or its own private news (a private inject is
    one line of its own for each side it is for)."""
    return public(event) or event.get("side") == side


def inject_visible(inj, side=None, public_only=False):
    """True if this audience may see a white-cell inject as recorded (its text, who, why): one for all,
    or one for some sides (`visible_to`) that include `side`; control sees every inject. What the
    inject did to the ground, the flank or a decision is in the turn's events, public as those are."""
    aud = inj.get("visible_to") if isinstance(inj, dict) else None
    if not isinstance(aud, list):
        return True
    if public_only:
        return False
    return side is None or side in aud


def private_to(event, side):
    """True if the event is `side`'s own news that no other team sees."""
    return not public(event) and event.get("side") == side


def public_metric(name):
    """True if the figure `name` (docs/metrics.md) may be shown to everyone: the State of the World's
    figures, Europe's coverage by area (with and without the US, and the gap the US left) and the
    US capability still in Europe."""
    return name in _PUBLIC_METRICS or name.startswith("coverage.") or name == "us.points"


def audience_label(side=None, public_only=False):
    """How a view names its audience: 'control', 'the public' or the side."""
    return "the public" if public_only else (side if side else "control")


def metric_visible(name, side=None, public_only=False):
    """True if the figure may be shown to this audience: a public figure, or the side's own
    (metrics named SIDE.something); control sees every figure."""
    if not side and not public_only:
        return True
    return public_metric(name) or (side is not None and name.startswith(side + "."))


def record_for(rec, side=None, public_only=False, shared=frozenset()):
    """A turn record as one audience may see it: control (no side, not public_only) sees all; a
    side sees public events and rolls and its own, its own orders and figures; the public view
    sees public events and rolls and public figures. Keys only control needs are left out.
    shared: the numbers of the requests for information answered to all anywhere in the game
    (shared_requests), whose questions everyone may then see."""
    if not side and not public_only:
        return rec
    seen = (lambda x: public(x)) if public_only else (lambda x: visible_to(x, side))
    out = {k: v for k, v in rec.items() if k not in ("given_rolls", "submissions")}
    out["events"] = [e for e in rec.get("events", []) if seen(e)]
    out["rolls"] = [r for r in rec.get("rolls", []) if "public" in r and seen(r)]
    out["orders"] = {s: o for s, o in rec.get("orders", {}).items() if s == side}
    out["metrics"] = {k: v for k, v in rec.get("metrics", {}).items() if metric_visible(k, side, public_only)}
    if "injects" in rec:
        out["injects"] = [i for i in rec["injects"] if inject_visible(i, side, public_only)]
    if "white_cell" in rec:
        out["white_cell"] = [e for e in rec["white_cell"] if white_cell_visible(e, side, public_only, shared)]
    return out


def shared_requests(records):
    """The numbers of the requests for information that control answered to all, in these turn records."""
    return frozenset(e.get("n") for r in records for e in r.get("white_cell") or []
                     if e.get("act") == "answer" and e.get("to") == "all")


def white_cell_visible(act, side=None, public_only=False, shared=frozenset()):
    """True if this audience may see one of the white cell's acts kept in a turn record: a request for
    information is the asking team's, and everyone's once answered to all (its number in shared); an answer goes to the asking team or to all (as answered); an
    inject added on the spot is its audience's, as the inject itself. The rest (rulings, matrix
    arguments, mode changes, assumptions, corrections) is control's: the facilitator's record, which
    the hotwash and control's debrief show. What a ruling decided is in the turn's events, public as
    those are."""
    if not side and not public_only:
        return True
    kind = act.get("act") if isinstance(act, dict) else None
    if kind == "inject":
        return inject_visible(act.get("inject"), side, public_only)
    if kind == "ask":
        return act.get("n") in shared or (not public_only and act.get("side") == side)
    if kind == "answer":
        return act.get("to") == "all" or (not public_only and act.get("to") == side)
    return False


def end_for(end, side=None, public_only=False):
    """The end line as one audience may see it: figures filtered as for a turn; each side's score
    and maximum for everyone, the objectives' values for their own side only."""
    if end is None or (not side and not public_only):
        return end
    out = dict(end)
    out["metrics"] = {k: v for k, v in end.get("metrics", {}).items() if metric_visible(k, side, public_only)}
    out["scores"] = {s: (sc if s == side else {"score": sc.get("score"), "max": sc.get("max"), "objectives": []})
                     for s, sc in end.get("scores", {}).items()}
    return out
