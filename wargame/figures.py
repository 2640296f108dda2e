"""Numbers as a room reads them: money with its unit, counts with separators, shares as percentages.

One small function per unit, and `metric()` that picks the unit a metric has (docs/metrics.md).
No imports: every layer may use it.
"""


def money(eur_m, digits=0):
    """EUR million as a person reads it: EUR 899.4bn from 10bn up, EUR 4,241m, EUR 6.5m, EUR 0.004m.

    digits: more decimals than usual."""
    if abs(eur_m) >= 10_000:
        return f"EUR {eur_m / 1000:,.{1 + digits}f}bn"
    if abs(eur_m) >= 100 or eur_m == int(eur_m):
        return f"EUR {eur_m:,.{digits}f}m"
    return f"EUR {eur_m:.{3 + digits}g}m"


def price(eur_m):
    """A unit's price (EUR million): in euros below a million (EUR 4,000 a shell), else as money()."""
    if abs(eur_m) < 1:
        return f"EUR {eur_m * 1e6:,.0f}"
    return money(eur_m)


def count(n, digits=0):
    """A count of things: 701,007."""
    return f"{n:,.{digits}f}" if digits else f"{round(n):,}"


def share(x, digits=0):
    """A share 0..1 as a percentage: 0.6 -> 60%."""
    return f"{x:.{digits}%}"


def km2(x, sign=False, digits=0):
    """An area in km2: 23,872 km2 (sign: +693 km2)."""
    return f"{x:{'+' if sign else ''},.{digits}f} km2"


def ratio(x):
    """A ratio or a 0..1 level (cohesion, support): 0.55."""
    return f"{x:.2f}"


# the unit of each metric (docs/metrics.md); coverage.AREA.* are shares
UNITS = {
    "eu.funds": "eur", "eu.spent": "eur", "eu.spent_turn": "eur", "eu.debt": "eur", "eu.budget_share": "share2",
    "ukraine.funds": "eur", "ukraine.production": "eur", "ukraine.production_turn": "eur", "russia.funds": "eur",
    "russia.revenue_lost": "eur",
    "ukraine.troops": "count", "ukraine.shells": "count", "ukraine.interceptors": "count", "russia.troops": "count",
    "russia.armour": "count", "russia.tanks": "count", "russia.armoured_vehicles": "count", "russia.shells": "count", "strikes.hits": "count", "strikes.hits_turn": "count",
    "strikes.deep_hits": "count", "flank.crises": "count", "us.troops": "count",
    "front.ground_km2": "km2", "front.change_km2": "km2",
    "eu.coverage_with_us_mean": "share", "eu.coverage_without_us_mean": "share", "eu.coverage_without_us_min": "share",
    "eu.us_gap_mean": "share", "strikes.energy_damage": "share", "strikes.industry_damage_max": "share",
    "flank.crisis_probability": "share",
    "flank.ratio": "ratio", "politics.cohesion": "ratio", "politics.support": "ratio", "us.points": "points",
}


def unit_of(name):
    """The unit of a metric: eur, count, km2, share, share2 (a share to two decimals), ratio or points."""
    if name.startswith("coverage."):
        return "share"
    return UNITS.get(name, "number")


def metric(name, value, digits=None):
    """A metric's value in its unit: EUR 899.4bn, 701,007, 23,872 km2, 60%, 0.55.

    digits: extra precision for shares and ratios (to tell a value from a target it nearly equals)."""
    if value is None:
        return "-"
    unit, digits = unit_of(name), digits or 0
    if unit == "eur":
        return money(value, digits)
    if unit == "count":
        return count(value, digits)
    if unit == "km2":
        return km2(value, digits=digits)
    if unit in ("share", "share2"):
        return share(value, (2 if unit == "share2" else 0) + digits)
    if unit == "ratio":
        return f"{value:.{2 + digits}f}"
    if unit == "points":
        return f"{value:,.{1 + digits}f}"
    return f"{value:,.{digits}f}" if isinstance(value, int) or abs(value) >= 100 else f"{value:,.{2 + digits}f}"


def value_and_target(name, value, target):
    """(value, target) of an objective in the metric's unit; the value gets more digits while it would
    print the same as a target it does not equal (59.9% against 60%, not 60% against 60%)."""
    shown_target = metric(name, target)
    if unit_of(name) == "count" and target != round(target):  # a count target scaled to a short game
        shown_target = metric(name, target, 1)
    for digits in range(4):
        shown = metric(name, value, digits)
        if shown != metric(name, target, digits) or value == target:
            return shown, shown_target
    return shown, shown_target


# a plain label for each metric a batch summary shows (docs/metrics.md in a room's words)
LABELS = {
    "eu.coverage_with_us_mean": "Europe's coverage of its defence need, with the US",
    "eu.coverage_without_us_mean": "Europe's coverage of its defence need, without the US",
    "eu.coverage_without_us_min": "Coverage of Europe's weakest area, without the US",
    "eu.us_gap_mean": "Coverage lost as the US left, not yet replaced",
    "eu.funds": "EU money in hand at the end",
    "eu.spent": "EU defence money spent",
    "eu.spent_turn": "EU money spent in the last turn",
    "eu.debt": "New EU defence debt",
    "eu.budget_share": "EU defence budget, share of GDP",
    "ukraine.funds": "Ukraine's money in hand at the end",
    "ukraine.troops": "Ukrainian troops at the end",
    "ukraine.production": "Output of Ukraine's own plants",
    "ukraine.production_turn": "Output of Ukraine's plants in the last turn",
    "ukraine.shells": "Ukrainian artillery shells held",
    "ukraine.interceptors": "Ukrainian air-defence interceptors held",
    "russia.funds": "Russia's money in hand at the end",
    "russia.troops": "Russian troops at the end",
    "russia.armour": "Russian tanks and other armoured vehicles held",
    "russia.tanks": "Russian tanks held",
    "russia.armoured_vehicles": "Russian IFVs and APCs held",
    "russia.shells": "Russian artillery shells held",
    "front.ground_km2": "Ground Russia gained",
    "front.change_km2": "Ground Russia gained in the last turn",
    "strikes.hits": "Russian strike weapons that got through",
    "strikes.deep_hits": "Ukrainian deep strikes on Russian industry",
    "russia.revenue_lost": "Russian budget lost to deep strikes",
    "strikes.hits_turn": "Russian strike weapons through in the last turn",
    "strikes.energy_damage": "Damage to Ukraine's power grid",
    "strikes.industry_damage_max": "Damage to Ukraine's worst-hit plant",
    "flank.ratio": "Russian force over European readiness (eastern flank)",
    "flank.crisis_probability": "Chance of a flank crisis in the last turn",
    "flank.crises": "Crises on the eastern flank",
    "us.troops": "US troops left in Europe",
    "us.points": "US capability points left in Europe",
    "politics.cohesion": "EU cohesion (0-1)",
    "politics.support": "Public support in the EU (0-1)",
    "score.eu": "EU score",
    "score.ukraine": "Ukraine score",
    "score.russia": "Russia score",
}

# what an axis says for each unit
AXIS_UNITS = {"eur": "EUR million", "count": "number", "km2": "km2", "share": "%", "share2": "%",
              "ratio": "ratio", "points": "points", "number": ""}


def label(name):
    """A metric's plain label (the id itself for a metric without one)."""
    return LABELS.get(name, name)


def axis_unit(name):
    """The words an axis carries for a metric's unit: 'EUR million', 'km2', '%'... ('' where the label
    already says it, as 'EU cohesion (0-1)')."""
    if label(name).endswith(")"):
        return ""
    if name.startswith("score."):
        return "points"
    return AXIS_UNITS[unit_of(name)]
