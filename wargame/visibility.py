"""Who sees what: the one place that decides whether a side (or the room) may see an event or figure.

Today each event carries `side` (whose private news, or null) and `public` (the State of the World
shows it), set where the event is made. Everything the seminar shows goes through these functions,
so that the decision can later come from the rules data without touching the pages.
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
    """True if `side` may see the event: a public one, or its own private news."""
    return public(event) or event.get("side") == side


def private_to(event, side):
    """True if the event is `side`'s own news that no other team sees."""
    return not public(event) and event.get("side") == side


def public_metric(name):
    """True if the figure `name` (docs/metrics.md) may be shown to everyone."""
    return name in _PUBLIC_METRICS


def audience_of_injects(record):
    """A turn record's events with the audience of each white-cell inject applied: an inject kept in
    the record with `visible_to: [sides]` makes its event private (`public` false) to those sides
    (`sides`). The events are matched to the injects in the order the turn applies them (by day, then
    file order), and checked by their text.

    Until the phase that makes an inject's event sets `side`/`public` itself (wargame/phases/white_cell.py),
    this is where a private inject stops being public."""
    injects = sorted(enumerate(record.get("injects") or []), key=lambda pair: (pair[1].get("day", 0), pair[0]))
    pending = [inj for _, inj in injects]
    out = []
    for e in record.get("events") or []:
        if e.get("kind") == "inject":
            match = next((inj for inj in pending if e.get("text", "").startswith(f"White cell inject: {inj.get('text')}")), None)
            if match is not None:
                pending.remove(match)
                sides = match.get("visible_to")
                if isinstance(sides, list):
                    e = dict(e, public=False, sides=list(sides))
        out.append(e)
    return out


def sees(event, side):
    """True if `side` may see an event whose audience was applied (audience_of_injects)."""
    return visible_to(event, side) or side in (event.get("sides") or ())


def own_news(event, side):
    """True if an event (audience applied) is private news for `side`: its own, or an inject for it."""
    return not public(event) and (event.get("side") == side or side in (event.get("sides") or ()))
