"""Money: income and debt at the start of a turn, programme instalments, and paying for orders.

Amounts in EUR million. Income is a share of GDP over the turn's days (rules money.eu); the
new debt is what is spent beyond the baseline share's income, plus SAFE money spent (eu_debt); EDIP grants are split with Ukraine.
"""

import math

import attrs

from wargame.phases.change import Change, event, with_audience
from wargame.phases.programmes import first_instalment
from wargame.vocab import DAYS_PER_YEAR


def income(rules, scenario, state):
    """Money in at the start of a turn, and programme instalments due: (state, events). No rolls."""
    turn = state.turn + 1
    day = state.day
    days = scenario.turn_days
    m = rules.money
    events = []
    sides = dict(state.sides)

    eu = sides["eu"]
    income = m.eu.gdp * eu.budget_share * m.eu.game_share * days / DAYS_PER_YEAR
    above = income * max(0.0, eu.budget_share - m.eu.baseline_share) / eu.budget_share if eu.budget_share else 0.0
    edip = m.edip.grant_per_turn if turn <= m.edip.last_turn else 0.0
    edip_ua = edip * m.edip.ukraine_share
    eu_in = income + edip - edip_ua
    eu = attrs.evolve(eu, funds=eu.funds + eu_in, credited=eu.credited + eu_in,
                      baseline_credited=eu.baseline_credited + eu_in - above)
    events.append(event(day, "money", "eu", f"EU budget {eu.budget_share:.2%} of GDP: EUR {income:,.0f}m"
                        + (f" + EDIP {edip - edip_ua:,.0f}m" if edip else "")
                        + (f"; escape-clause debt +{above:,.0f}m" if above else "")))
    ua_budget = scenario.scheduled("ukraine_budget_per_turn", day, m.ukraine.budget_per_turn)
    ua_in = ua_budget + edip_ua
    ua = sides["ukraine"]
    sides["ukraine"] = attrs.evolve(ua, funds=ua.funds + ua_in, credited=ua.credited + ua_in)
    events.append(event(day, "money", "ukraine", f"Ukraine budget EUR {ua_budget:,.0f}m"
                        + (f" + EDIP {edip_ua:,.0f}m" if edip_ua else "")))
    ru_factor = max(0.0, 1.0 - m.russia.sanctions_decline_per_turn * (turn - 1))
    ru_in = scenario.scheduled("russia_budget_per_turn", day, m.russia.budget_per_turn) * ru_factor
    lost = deep_strike_loss(rules, ru_in, state.revenue_due)
    ru_in -= lost
    ru = sides["russia"]
    sides["russia"] = attrs.evolve(ru, funds=ru.funds + ru_in, credited=ru.credited + ru_in)
    events.append(event(day, "money", "russia", f"Russian procurement EUR {ru_in:,.0f}m (sanctions x{ru_factor:.2f})"))
    if state.revenue_due:
        events.append(event(day, "strike_loss", "russia", f"Deep strikes of last turn cost Russia EUR {lost:,.0f}m of "
                            f"its budget (EUR {state.revenue_due:,.0f}m of damage, at most "
                            f"{rules.strikes.deep_strikes.max_budget_loss_share:.0%} of the budget)"))

    projects = dict(state.projects)
    for pid, proj in state.projects.items():
        if proj.done:
            continue
        spec = rules.projects[pid]
        markup = proj.price / spec.cost  # a coalition's programme costs more in every instalment
        due = min(first_instalment(rules, pid, days) * markup, proj.price - proj.paid)
        if due <= 1e-9:
            projects[pid] = attrs.evolve(proj, stalled=False)  # paid in full; the work goes on
        elif due <= eu.funds + 1e-9:
            eu = attrs.evolve(eu, funds=eu.funds - due, spent=eu.spent + due)
            projects[pid] = attrs.evolve(proj, paid=proj.paid + due, stalled=False)
            events.append(event(day, "project", "eu", f"{spec.name}: instalment EUR {due:,.0f}m paid"))
        else:
            projects[pid] = attrs.evolve(proj, stalled=True)
            events.append(event(day, "project", "eu", f"{spec.name}: instalment EUR {due:,.0f}m unpaid, the programme stalls this turn"))
    sides["eu"] = eu
    return attrs.evolve(state, sides=sides, projects=projects, revenue_due=0.0,
                        revenue_lost=state.revenue_lost + lost), [with_audience(rules, e) for e in events]


def eu_debt(eu):
    """The EU's new defence debt (EUR million, game money): SAFE loan money spent, plus what it has
    spent beyond its income at the baseline share (and EDIP grants), i.e. under the escape clause.
    Money drawn or budgeted but not yet spent is not debt; every euro counted reached procurement."""
    safe_used = eu.safe_drawn - eu.safe_funds
    national = eu.spent - safe_used
    return safe_used + max(0.0, national - eu.baseline_credited)


def deep_strike_loss(rules, budget, due):
    """What last turn's deep strikes take from Russia's budget this turn (EUR million): their damage,
    saturating toward strikes.deep_strikes.max_budget_loss_share of the budget (Russia reroutes and
    repairs more as damage grows), so that more hits always cost more but never more than that share."""
    ceiling = budget * rules.strikes.deep_strikes.max_budget_loss_share
    if ceiling <= 0 or due <= 0:
        return 0.0
    return ceiling * (1.0 - math.exp(-due / ceiling))


def payment(side, amount, safe_funds, safe_eligible=0.0, **more):
    """Paying `amount`: from SAFE loan money first where eligible (the EU only), then from funds.

    `more` adds fields to the returned Change (events, next_order_id, ...)."""
    from_safe = 0.0
    if side == "eu" and safe_eligible > 0:
        from_safe = min(safe_funds, safe_eligible, amount)
    return Change(funds=((side, -(amount - from_safe)),), spent=((side, amount),), safe_funds=-from_safe, **more)


def safe_draw(draw):
    """The EU draws a SAFE loan: money usable for eligible purchases, and debt at the turn's end."""
    return Change(safe_funds=draw, credited=(("eu", draw),),
                  events=(event(None, "money", "eu", f"SAFE loan drawn: EUR {draw:,.0f}m"),))


def fund_ukraine(fund, safe_funds):
    """The EU pays for Ukrainian production (the Danish model): Ukraine can spend it next turn."""
    paid = payment("eu", fund, safe_funds)
    return paid.replace(funds=paid.funds + (("ukraine", fund),), credited=(("ukraine", fund),),
                        events=(event(None, "funding", None, f"EU funds Ukrainian production: EUR {fund:,.0f}m "
                                      "(usable next turn)"),))
