"""A commented, valid orders skeleton for one side: what a team fills in and hands to the facilitator."""

from wargame.controllers.human import HELP


def orders_template(game, side, turn):
    """The YAML text of an empty, valid orders file for side and turn, listing the choices."""
    rules = game.rules
    state = game.initial_state()
    out = [f"# {side} orders for turn {turn} of {game.scenario.name} ({game.scenario.title}).",
           "# Fill in, then check with: wargame validate THIS_FILE",
           "# Money is in EUR million. Lines you may order from (item, EUR m per unit):"]
    for lid, line in state.lines.items():
        if side in line.buyers:
            out.append(f"#   {lid}: {line.item}, {line.unit_cost:g}")
    builds = [b for b, s in rules.builds.items() if side in s.builders]
    if builds:
        out.append("# Builds you may pay for: " + ", ".join(builds))
    out += [f"side: {side}", f"turn: {turn}", 'rationale: ""   # one line: why these orders',
            "procure: []     # e.g. - {supplier: LINE, qty: 1000, for: ukraine}", "build: []       # build ids from the list above"]
    if side == "eu":
        out += [f"budget_share: {rules.money.eu.budget_share_start}   # share of GDP for defence, next turn",
                "safe_draw: 0        # SAFE loans to draw (EUR m), for EU or Ukrainian suppliers",
                "fund_ukraine: 0     # money for Ukrainian production (Ukraine spends it next turn)",
                "decision: consensus # or coalition (goes ahead at once, costs more, strains cohesion)",
                "projects: []        # " + ", ".join(rules.projects),
                "transfer: {}        # items from European stocks to Ukraine, e.g. {shell: 50000}"]
    elif side == "ukraine":
        out += ["front_share: 1.0     # share of stocks released to the front (the rest is reserve)",
                "air_defence: industry  # industry, cities or front",
                "requests: {}         # ask partners, e.g. {interceptor: 300}",
                "deep_strikes: 0      # long-range drones launched at Russian refineries and plants"]
    else:
        out += ["pressure: medium     # low, medium or high",
                "strikes: {missiles: 0, drones: 0, target: energy}  # target: industry or energy",
                "flank_reserve: 0.0   # share of armour held back facing NATO",
                "probing: none        # none, low or high"]
    out.append("# Commands a team at the terminal would use instead:")
    for usage, text in HELP["common"][:2] + HELP[side]:
        out.append(f"#   {usage}: {text}")
    return "\n".join(out) + "\n"
