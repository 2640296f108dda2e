"""What the views say about a game: metrics that moved, orders as lines, turning points, number formats."""

SHARE_WORDS = ("coverage", "us_gap", "cohesion", "support", "budget_share", "probability", "damage")

LABELS = {
    "eu.coverage_without_us_mean": "Europe's coverage without the US (mean)",
    "eu.coverage_with_us_mean": "Europe's coverage with the US (mean)",
    "eu.coverage_without_us_min": "weakest area without the US",
    "eu.us_gap_mean": "gap the US left (mean)",
    "front.ground_km2": "ground Russia gained (km2)",
    "front.change_km2": "front change this turn (km2)",
    "ukraine.production_turn": "Ukraine's production this turn (EUR m)",
    "strikes.hits": "strike hits in all",
    "strikes.hits_turn": "strike hits this turn",
    "strikes.energy_damage": "grid damage",
    "flank.ratio": "flank ratio (Russia / Europe's readiness)",
    "flank.crises": "flank crises so far",
    "eu.spent": "EU spent in all (EUR m)",
    "eu.spent_turn": "EU spent this turn (EUR m)",
    "eu.debt": "EU new defence debt (EUR m)",
    "politics.cohesion": "EU cohesion",
    "politics.support": "public support",
    "us.troops": "US troops in Europe",
}

# The metrics a comparison and a summary show, in this order.
MAIN_METRICS = ("eu.coverage_without_us_mean", "eu.us_gap_mean", "front.ground_km2", "ukraine.production_turn",
                "strikes.hits", "flank.ratio", "flank.crises", "eu.spent", "eu.debt", "politics.cohesion")

ITEM_KINDS = ("made", "received", "stock", "refurbished", "storage")
SIDE_OF_PREFIX = {"eu": "eu", "coverage": "eu", "ukraine": "ukraine", "russia": "russia", "us": "us"}


def side_of(metric):
    """The side a metric belongs to, from its prefix (coverage is Europe's); 'all' for shared ones."""
    head, _, rest = metric.partition(".")
    if head in ITEM_KINDS:  # made.SIDE.ITEM, stock.SIDE.ITEM, ...: the side is the second part
        return rest.split(".", 1)[0]
    return SIDE_OF_PREFIX.get(head, "all")


def is_share(metric):
    return any(w in metric for w in SHARE_WORDS)


def fmt(metric, value):
    """A metric's value as a person reads it: shares as percent, others with thousands separators."""
    if value is None:
        return "-"
    if metric.endswith("ratio"):
        return f"{value:.2f}"
    if metric in ("politics.cohesion", "politics.support"):
        return f"{value:.2f}"
    if is_share(metric):
        return f"{value:.0%}" if abs(value) >= 0.1 else f"{value:.1%}"
    if isinstance(value, int) or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def moved(prev, cur, threshold=0.01):
    """Metrics that changed by more than threshold (relative to the larger value; absolute below 1e-9):
    [(metric, before, after)]. prev None (the first turn): every non-zero metric."""
    out = []
    for k in sorted(cur):
        b = cur[k]
        if prev is None:
            if b:
                out.append((k, None, b))
            continue
        a = prev.get(k)
        if a is None:
            out.append((k, None, b))
            continue
        scale = max(abs(a), abs(b))
        if scale > 1e-9 and abs(b - a) > threshold * scale:
            out.append((k, a, b))
    return out


def order_lines(orders):
    """One side's orders as (key, value) lines: a field each, one line per item of a list, the rationale first."""
    out = []
    if orders.get("rationale"):
        out.append(("rationale", str(orders["rationale"])))
    for k in sorted(orders):
        if k in ("rationale", "side", "turn"):
            continue
        v = orders[k]
        if isinstance(v, list):
            for i, item in enumerate(v, start=1):
                out.append((f"{k}[{i}]", _flat(item)))
        elif isinstance(v, dict):
            for sub in sorted(v):
                out.append((f"{k}.{sub}", _flat(v[sub])))
        else:
            out.append((k, _flat(v)))
    return out


def _flat(v):
    if isinstance(v, dict):
        return " ".join(f"{k}={_flat(x)}" for k, x in sorted(v.items()))
    if isinstance(v, list):
        return ", ".join(_flat(x) for x in v)
    if isinstance(v, float):
        return f"{v:g}"
    return "" if v is None else str(v)


def order_summary(orders):
    """A short account of one side's orders: the rationale, then what it chose (counts of lists)."""
    parts = []
    for k in sorted(orders):
        v = orders[k]
        if k in ("rationale", "side", "turn") or v in (None, [], {}, ""):
            continue
        if isinstance(v, list):
            parts.append(f"{k}: {len(v)}")
        elif isinstance(v, dict):
            parts.append(f"{k}: " + ", ".join(f"{a} {_flat(b)}" for a, b in sorted(v.items())))
        else:
            parts.append(f"{k}: {_flat(v)}")
    return "; ".join(parts)


def is_us_step(event):
    """A US withdrawal step, announcement or pause (not a routine aid delivery)."""
    return event["kind"] == "us" and not event["text"].startswith("US aid delivered")


def is_veto(event):
    return event["kind"] == "decision" and "vetoed" in event["text"]


def turning_points(story, front_moves=3):
    """The moments a debrief dwells on: [(turn, date, kind, text)] in game order. Kinds: us, crisis,
    veto, inject (the white cell's), front (the largest moves of the front), note."""
    points = []
    for t in story.turns:
        for e in t["events"]:
            if is_us_step(e):
                points.append((t["turn"], e["date"], "us", e["text"]))
            elif e["kind"] == "crisis":
                points.append((t["turn"], e["date"], "crisis", e["text"]))
            elif is_veto(e):
                points.append((t["turn"], e["date"], "veto", e["text"]))
            elif e["kind"] == "inject":
                points.append((t["turn"], e["date"], "inject", e["text"]))
    changes = [(abs(t["metrics"].get("front.change_km2", 0.0)), t) for t in story.turns]
    for size, t in sorted(changes, key=lambda x: (-x[0], x[1]["turn"]))[:front_moves]:
        if size >= 1:
            change = t["metrics"]["front.change_km2"]
            who = "Russia gains" if change > 0 else "Ukraine regains"
            points.append((t["turn"], t["date"], "front", f"largest front moves: {who} {abs(change):,.0f} km2 this turn"))
    for n in story.notes:
        points.append((n["turn"], "", "note", n["text"]))
    order = {"note": 0, "inject": 1, "us": 2, "veto": 3, "crisis": 4, "front": 5}
    return sorted(points, key=lambda p: (p[0], order[p[2]]))
