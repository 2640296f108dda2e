"""A commented, valid orders skeleton for one side: what a team fills in and hands to the facilitator."""

from wargame.controllers.human import HELP


def orders_template(game, side, turn, state=None):
    """The YAML text of an empty, valid orders file for side and turn, listing the choices.

    With state (a game in progress: the begun state of the coming turn) the file shows what the side
    holds now and keeps its current budget, so it is valid as it stands."""
    rules = game.rules
    in_progress = state is not None
    state = state or game.initial_state()
    me = state.sides[side]
    out = [f"# {side} orders for turn {turn} of {game.scenario.name} ({game.scenario.title}).",
           "# Fill in, then check with: wargame validate THIS_FILE" if not in_progress else
           "# Fill in and hand in (checked against the game as it stands): wargame seminar submit DIR --side "
           f"{side} THIS_FILE"]
    if in_progress:
        out.append(f"# Funds now: EUR {me.funds:,.0f}m" + (f" (+ SAFE loans drawn, unspent: {me.safe_funds:,.0f}m)"
                                                          if side == "eu" else ""))
    out.append("# Money is in EUR million. Lines you may order from (item, EUR m per unit"
               + (", backlog in units):" if in_progress else "):"))
    for lid, line in state.lines.items():
        if side in line.buyers:
            backlog = f", backlog {sum(o.qty - o.delivered for o in line.queue):,}" if in_progress else ""
            out.append(f"#   {lid}: {line.item}, {line.unit_cost:g}{backlog}")
    builds = [b for b, s in rules.builds.items() if side in s.builders]
    if builds:
        out.append("# Builds you may pay for: " + ", ".join(builds))
    out += [f"side: {side}", f"turn: {turn}", 'rationale: ""   # one line: why these orders',
            "procure: []     # e.g. - {supplier: LINE, qty: 1000, for: ukraine}", "build: []       # build ids from the list above"]
    if side == "eu":
        out += [f"budget_share: {me.budget_share}   # share of GDP for defence, next turn",
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
                "flank_reserve: 0.0   # share of armour (tanks, IFVs, APCs) held back facing NATO",
                "probing: none        # none, low or high"]
    out.append("# Commands a team at the terminal would use instead:")
    for usage, text in HELP["common"][:2] + HELP[side]:
        out.append(f"#   {usage}: {text}")
    return "\n".join(out) + "\n"
