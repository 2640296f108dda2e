"""EU cohesion and public support at the turn's end, moved by the turn's shocks."""

from wargame import adjudicate as adj


def shock_deltas(rules, shocks):
    """Each shock of the turn as a (cohesion, support) change: named shocks read from the rules."""
    p = rules.politics
    out = []
    for s in shocks:
        if isinstance(s, tuple):
            out.append(s)
        elif s == "coalition":
            out.append((p.coalition_cohesion, 0.0))
        elif s == "veto":
            out.append((p.veto_cohesion, 0.0))
        else:
            row = p.shocks[s]
            out.append((row.cohesion, row.support))
    return out


def update(rules, cohesion, support, shocks, budget_share, ground_change_km2):
    """Cohesion and support after the turn: (cohesion, support, rationale)."""
    return adj.politics_update(rules, cohesion, support, shock_deltas(rules, shocks), budget_share, ground_change_km2)
