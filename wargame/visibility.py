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
