"""Objectives for the game played: a seminar shorter than its scenario is scored against targets
scaled to the turns it plays, or against the facilitator's own objectives file.

A target that *accumulates* over the game (ground gained, output delivered, strike hits, crises,
debt) is scaled by turns played / turns planned; a *level* (coverage, cohesion, troops at the end) is
not. Which is which: the objective's own `scale` key (`turns` or `none`) where given, else whether
its metric is a running total from the start of the game (RUNNING_TOTALS, a fact of how the metric
is computed: see docs/metrics.md).
"""

from collections.abc import Mapping

import attrs

from wargame.errors import RuleErrors
from wargame.schema import ListOf, Num, Opt, Record, Str, check
from wargame.yamlsafe import load_yaml_file

from wargame.vocab import SIDES

# Metrics that count from the game's start (docs/metrics.md: "in all", "so far", "since the start").
RUNNING_TOTALS = ("front.ground_km2", "ukraine.production", "strikes.hits", "strikes.deep_hits",
                  "flank.crises", "eu.debt", "eu.spent", "russia.revenue_lost")
SCALES = ("turns", "none")

OBJECTIVE = Record({"id": Str(), "text": Str(), "metric": Str(), "op": Str((">=", "<=")), "target": Num(),
                    "points": Num(min=0), "scale": Opt(Str(SCALES))})
FILE = Record({"objectives": Record({side: Opt(ListOf(OBJECTIVE, 1)) for side in SIDES}, source=True)})


def _plain(obj):
    """An objective as a plain dict, whether the rules hold dicts or (later) attrs records."""
    if isinstance(obj, Mapping):
        return dict(obj)
    return attrs.asdict(obj)


def rules_objectives(rules):
    """The rules' objectives as {side: [dict, ...]}: the one place that reads them from the rules."""
    table = rules.objectives
    return {side: [_plain(o) for o in getattr(table, side)] for side in SIDES}


def scales_with_turns(objective):
    """True if the objective's target accumulates over the game and so scales with its length."""
    scale = objective.get("scale")
    if scale is not None:
        return scale == "turns"
    return objective["metric"] in RUNNING_TOTALS


def scaled(objectives, turns_played, turns_planned):
    """The objectives with accumulating targets scaled by turns_played / turns_planned (a pure function).

    Levels keep their targets; each objective gains `full_target` (the scenario's) and `scaled` (bool)."""
    factor = turns_played / turns_planned if turns_planned else 1.0
    out = {}
    for side, objs in objectives.items():
        rows = []
        for o in objs:
            o = dict(o)
            grows = scales_with_turns(o) and factor != 1.0
            o["full_target"] = o["target"]
            o["target"] = round(o["target"] * factor, 6) if grows else o["target"]
            o["scaled"] = grows
            rows.append(o)
        out[side] = rows
    return out


def score(objectives, metrics):
    """Each side's objectives against metrics: {side: {score, max, objectives: [rows]}}."""
    out = {}
    for side, objs in objectives.items():
        rows, total = [], 0
        for o in objs:
            value = metrics.get(o["metric"])
            met = value is not None and (value >= o["target"] if o["op"] == ">=" else value <= o["target"])
            points = o["points"] if met else 0
            total += points
            rows.append({"id": o["id"], "text": o["text"], "metric": o["metric"], "value": value, "op": o["op"],
                         "target": o["target"], "full_target": o.get("full_target", o["target"]),
                         "scaled": o.get("scaled", False), "met": met, "points": points})
        out[side] = {"score": total, "max": sum(o["points"] for o in objs), "objectives": rows}
    return out


def load_objectives_file(path, known_metrics):
    """A facilitator's objectives file ({objectives: {side: [...]}}), checked: {side: [dict]} for the
    sides it names. RuleErrors (file:line) if it is wrong."""
    doc = load_yaml_file(path)
    errors = check(FILE, doc)
    if not errors:
        for side, objs in doc.data["objectives"].items():
            if side == "source" or objs is None:
                continue
            for i, o in enumerate(objs):
                if o["metric"] not in known_metrics:
                    errors.append(doc.error(("objectives", side, i, "metric"),
                                            f"unknown metric '{o['metric']}' (see docs/metrics.md)"))
    if errors:
        raise RuleErrors(errors)
    return {side: [dict(o) for o in objs] for side, objs in doc.data["objectives"].items()
            if side in SIDES and objs}


@attrs.frozen
class Basis:
    """What a game's objectives are scored against, and the words that say so."""

    objectives: dict
    text: str


def for_game(rules, turns_played, turns_planned, own=None):
    """The objectives a game is scored against: the facilitator's own (per side) where given, else the
    rules' scaled to the game's length."""
    base = scaled(rules_objectives(rules), turns_played, turns_planned)
    own = own or {}
    objectives = {side: [dict(o, full_target=o["target"], scaled=False) for o in own[side]] if side in own
                  else base[side] for side in SIDES}
    if own:
        text = f"the seminar's own objectives for {', '.join(s for s in SIDES if s in own)}"
        rest = [s for s in SIDES if s not in own]
        if rest:
            text += f"; the scenario's for {', '.join(rest)}"
    else:
        text = "the scenario's objectives"
    if turns_played != turns_planned and any(s not in own for s in SIDES):
        text += (f", running totals scaled to {turns_played} of {turns_planned} turns "
                 f"(x{turns_played / turns_planned:.2f}); levels as they are")
    return Basis(objectives, text)
