"""The eastern flank at the turn's end: Russia's usable force against Europe's readiness (with what
the US still has there); sustained weakness and probing raise the chance of a crisis."""

from wargame import adjudicate as adj


def assess(rules, eu_stocks, extra, us_points, us_troops, ru_stocks, flank_reserve, weak_turns, probing):
    """The balance on the flank: coverage by area, threat/readiness ratio, crisis chance and its row.

    Returns a dict: coverage, ratio, weak_turns (this turn's count), p, rule, sustained."""
    eu_pts = adj.eu_points(rules, eu_stocks, extra)
    cov = adj.coverage(rules, eu_pts, us_points, rules.start.us.points)
    ready = adj.readiness(rules, cov, us_troops)
    threat = adj.russian_force(rules, ru_stocks, flank_reserve)
    ratio = threat / ready if ready > 0 else rules.deterrence.ratio_when_unready
    weak = weak_turns + 1 if ratio >= rules.deterrence.sustained_min_ratio else 0
    p, rule, sustained = adj.crisis_probability(rules, ratio, weak_turns, probing)
    return {"coverage": cov, "ratio": ratio, "weak_turns": weak, "p": p, "rule": rule, "sustained": sustained}


def crisis(rules, flank, roll, kind_roll):
    """A crisis happens (roll < flank["p"]): its kind from the kind roll.

    Returns (kind, political shock, event text)."""
    kinds = [(k, v.probability) for k, v in rules.deterrence.crisis_kinds.items()]
    kind = adj.pick_weighted(kinds, kind_roll)
    row = rules.deterrence.crisis_kinds[kind]
    text = (f"Crisis on the eastern flank: {kind.replace('_', ' ')} (threat/readiness {flank['ratio']:.2f}, "
            f"chance {flank['p']:.2f} incl. {flank['sustained']:.2f} for sustained weakness, roll {roll:.2f})")
    return kind, (row.cohesion, row.support), text
