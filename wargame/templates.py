"""A commented, valid orders skeleton for one side: what a team fills in and hands to the facilitator."""

from wargame.controllers.human import HELP


def orders_template(game, side, turn, state=None):
    """The YAML text of an empty, valid orders file for side and turn, listing the choices.

    With state (a game in progress: the begun state of the coming turn) the file shows what the side
    holds now and keeps its current budget, so it is valid as it stands."""
    rules = game.rules
    in_progress = state is not None
    state = state or game.initial_state()
    if side == "us":
        return us_template(game, turn, state, in_progress)
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


def us_choices(game, state):
    """What a seated US may order this turn, in words: the scenario's bounds (us.seat) and what is left."""
    from wargame.orders import us_left
    seat = game.scenario.us.seat
    left, troops = us_left(game.rules, state)
    areas = ", ".join(f"{a} {left[a]:.0%}" for a in seat.areas if left.get(a, 0) > 1e-9) or "none"
    return [f"areas you may withdraw from (share of the start still there and not announced): {areas}",
            f"troops still in Europe and not announced: {troops:,}; at most {seat.max_troops_per_turn:,} a turn",
            f"at most {seat.max_steps_per_turn} steps a turn, each at most {seat.max_share_per_step:g} of an area",
            f"notice from {seat.notice_days_min} to {seat.notice_days_max} days; handover to Europe at most "
            f"{seat.handover_max:g}",
            f"FMS and intelligence pauses of up to {seat.pause_turns_max} turns",
            f"aid to Ukraine from {seat.aid_min:g} to {seat.aid_max:g} of the full package"]


def us_template(game, turn, state, in_progress):
    """The orders sheet of a seated US: steps announced on a day of the turn that leave after their
    notice, pauses and aid, with the scenario's bounds in the comments."""
    from wargame.orders import default_aid_share
    if game.scenario.us.seat is None:
        from wargame.errors import WargameError
        raise WargameError(f"the scenario {game.scenario.name} does not seat the US (its us: block has no seat)")
    out = [f"# us orders for turn {turn} of {game.scenario.name} ({game.scenario.title}).",
           "# Fill in, then check with: wargame validate THIS_FILE" if not in_progress else
           "# Fill in and hand in (checked against the game as it stands): wargame seminar submit DIR --side us THIS_FILE",
           "# A step is announced on its announce_day of the turn (0 = the first day) and leaves notice_days later;",
           "# until it is announced no other team knows of it. Shares are of the US capability at the start.",
           "# This turn:"]
    out += [f"#   {line}" for line in us_choices(game, state)]
    out += ["side: us", f"turn: {turn}", 'rationale: ""   # one line: why these orders',
            "steps: []       # e.g. - {areas: {drones: 0.5}, troops: 5000, announce_day: 0, notice_days: 180, handover: 0.0}",
            "fms_pause_turns: 0     # pause FMS deliveries for this many turns (0: none)",
            "intel_pause_turns: 0   # pause intelligence sharing for this many turns (0: none)",
            f"aid_share: {default_aid_share(game.scenario, turn):g}   # share of the full aid package to Ukraine this turn"]
    return "\n".join(out) + "\n"
