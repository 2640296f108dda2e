"""A person at the terminal: a briefing, then orders typed as short commands, checked, confirmed.

The prompt and print functions are given by the CLI, so tests drive this with click's runner.
"""

import math

from wargame.errors import OrderError
from wargame.figures import count, money, price, share
from wargame.orders import first_instalment
from wargame.schema import MAX_EUR_M, MAX_UNITS
from wargame.vocab import AD_PRIORITIES, DECISIONS, PRESSURES, PROBING, SIDES, TARGETS

HELP = {
    "common": [
        ("buy LINE QTY [for SIDE]", "order QTY units from a line (for ukraine: deliver to Ukraine)"),
        ("build BUILD", "pay for a new line or an expansion (see 'builds')"),
        ("why TEXT", "a one-line rationale kept with your orders"),
        ("remove N", "drop the Nth order line shown by 'show'"),
        ("show", "the orders so far and what they cost"),
        ("lines / builds / projects", "list lines you may order from / builds you may pay for / EU programmes"),
        ("done", "check the orders, show a summary and submit"),
        ("help", "this list"),
    ],
    "eu": [
        ("budget SHARE", "defence budget as a share of GDP for next turn, e.g. 0.025"),
        ("safe AMOUNT", "draw SAFE loans (EUR m) for EU/Ukrainian suppliers"),
        ("fund AMOUNT", "fund Ukrainian production (EUR m, Ukraine spends it next turn)"),
        ("transfer ITEM QTY", "send items from European stocks to Ukraine"),
        ("project PROJECT", "start an EU programme (see 'projects')"),
        ("decision consensus|coalition", "how EU-level decisions are taken"),
    ],
    "ukraine": [
        ("front SHARE", "share of stocks released to the front, 0..1"),
        ("ad industry|cities|front", "what air defence covers first"),
        ("request ITEM QTY", "ask partners for items"),
        ("deep N", "launch N long-range drones at Russian refineries and plants"),
    ],
    "russia": [
        ("pressure low|medium|high", "pressure on the Ukrainian front"),
        ("strike MISSILES DRONES industry|energy", "launch missiles and drones this turn"),
        ("flank SHARE", "share of armour (tanks and other armoured vehicles) held back facing NATO, 0..1"),
        ("probe none|low|high", "probing and hybrid pressure on the eastern flank"),
    ],
}


def ask_until_submitted(prompt, echo, cue, game, state, side, command, orders, summary):
    """The prompt loop of a team at the terminal: each line typed goes to command(line), which returns
    True on 'done'; then the orders() so far are checked, their summary shown and submitted on 'y'.
    A line not understood or orders refused are explained, and nothing typed is lost."""
    while True:
        line = prompt(cue).strip()
        if not line:
            continue
        try:
            finished = command(line)
        except (ValueError, IndexError, KeyError) as e:
            echo(f"Not understood: {e}. Type 'help' for the commands.")
            continue
        if not finished:
            continue
        try:
            checked = game.check(state, side, orders())
        except OrderError as e:
            echo(f"These orders cannot be carried out: {e.why}")
            echo("Change them (show, remove N, ...) and type 'done' again.")
            continue
        echo(summary(checked))
        if prompt("Submit these orders? [y/n]").strip().lower() in ("y", "yes"):
            return checked


class HumanController:
    """Prompts a team for its orders; nothing typed is lost when an order is refused."""

    label = "human"

    def __init__(self, side, prompt, echo, show_briefing):
        self.side = side
        self.prompt = prompt
        self.echo = echo
        self.show_briefing = show_briefing

    def orders(self, game, state, side):
        view = game.view(state, side)
        self.show_briefing(game, view)
        orders = {"procure": [], "build": []}
        if side == "eu":
            orders.update(projects=[], transfer={})
        if side == "ukraine":
            orders.update(requests={})
        self.echo(f"Give {side}'s orders for turn {view['turn']}; 'help' lists the commands, 'done' submits.")
        return ask_until_submitted(self.prompt, self.echo, f"{side}>", game, state, side,
                                   lambda line: self._command(game, state, side, view, orders, line),
                                   lambda: orders, lambda checked: self._summary(game, state, side, checked))

    def _command(self, game, state, side, view, orders, line):
        words = line.split()
        cmd, args = words[0].lower(), words[1:]
        rules = game.rules
        if cmd == "help":
            for usage, text in HELP["common"] + HELP[side]:
                self.echo(f"  {usage:40} {text}")
        elif cmd == "done":
            return True
        elif cmd == "show":
            self.echo(self._summary(game, state, side, orders, checked=False))
        elif cmd == "lines":
            for lid, l in view["lines"].items():
                if l["open"]:
                    self.echo(f"  {lid:24} {l['item']:18} {price(l['unit_cost'])} each, {l['rate']:,.1f}/day, "
                              f"backlog {count(l['backlog'])}")
        elif cmd == "builds":
            for bid, b in rules.builds.items():
                if side in b.builders:
                    self.echo(f"  {bid:26} {b.name}: capex {money(b.capex)}, {b.build_days} days to build")
        elif cmd == "projects" and side == "eu":
            for pid, p in rules.projects.items():
                self.echo(f"  {pid:22} {p.name}: {money(p.cost)} over {p.duration_days} days")
        else:
            self.echo(self._order(game, state, side, view, orders, cmd, args, line))
        return False

    def _order(self, game, state, side, view, orders, cmd, args, line):
        """Add one order to `orders`; returns the line that says what was done and what follows."""
        rules = game.rules
        if cmd == "buy":
            lid, qty = args[0], _quantity(args[1])
            if lid not in view["lines"]:
                raise ValueError(f"no line '{lid}' (type 'lines')")
            if not view["lines"][lid]["open"]:
                raise ValueError(f"{side} may not buy from {lid} (buyers: {', '.join(view['lines'][lid]['buyers'])})")
            order = {"supplier": lid, "qty": qty}
            if len(args) >= 4 and args[2] == "for":
                if args[3] not in SIDES:
                    raise ValueError(f"no side '{args[3]}' (one of {', '.join(SIDES)})")
                order["for"] = args[3]
            before = sum(p["qty"] for p in orders["procure"] if p["supplier"] == lid)
            orders["procure"].append(order)
            info = view["lines"][lid]
            rate = info["rate"] * (1.0 - info["damage"])
            day = first_delivery_day(info["backlog"], before, rate, getattr(rules.money, side).contracting_days,
                                     state.lines[lid].batch_days)
            recipient = f" for {order['for']}" if order.get("for") and order["for"] != side else ""
            when = ("no first delivery in sight: the line makes nothing today" if day is None else
                    f"first delivery about day {day} ({game.scenario.date_of(view['day'] + day).isoformat()})")
            if info["fms"] and view["us"]["fms_paused"]:
                when += ", later while US FMS deliveries are paused"
            return (f"ordered {count(qty)} {info['item']} from {lid}{recipient}, {money(qty * info['unit_cost'])}, "
                    f"{when}" + self._so_far(game, state, side, orders))
        if cmd == "build":
            bid = args[0]
            if bid not in rules.builds:
                raise ValueError(f"no build '{bid}' (type 'builds')")
            if side not in rules.builds[bid].builders:
                raise ValueError(f"{side} may not build {bid} (builders: {', '.join(rules.builds[bid].builders)})")
            orders["build"].append(bid)
            b = rules.builds[bid]
            ready = game.scenario.date_of(view["day"] + b.build_days).isoformat()
            what = f"expands {b.expands}" if b.expands else f"a new line making {b.item}"
            eu_level = "; an EU-level decision (consensus may be vetoed and delayed)" if b.eu_level else ""
            return (f"building {bid} ({what}), capex {money(b.capex)}, first output about {ready}, full rate "
                    f"{b.ramp_days} days later{eu_level}" + self._so_far(game, state, side, orders))
        if cmd == "remove":
            n = _int(args[0])
            entries = orders["procure"] + orders["build"] + orders.get("projects", [])
            if not 1 <= n <= len(entries):
                raise ValueError(f"there is no order line {n}")
            target = entries[n - 1]
            for key in ("procure", "build", "projects"):
                if target in orders.get(key, []):
                    orders[key].remove(target)
                    break
            word = {"build": "build", "projects": "programme"}.get(key, key)
            what = f"buy {count(target['qty'])} from {target['supplier']}" if isinstance(target, dict) else f"{word} {target}"
            return f"removed order {n}: {what}" + self._so_far(game, state, side, orders)
        if cmd == "why":
            orders["rationale"] = line.split(None, 1)[1] if len(args) else ""
            return f"rationale kept with your orders: {orders['rationale']}" if orders["rationale"] else "rationale cleared"
        if side == "eu" and cmd == "budget":
            value = _share(args[0])
            low, high = view["budget_bounds"]
            orders["budget_share"] = value
            allowed = "" if low - 1e-12 <= value <= high + 1e-12 else "; outside this turn's range, 'done' will refuse it"
            return (f"defence budget next turn {share(value, 2)} of GDP (now {share(view['budget_share'], 2)}, "
                    f"this turn {share(low, 2)}..{share(high, 2)}){allowed}")
        if side == "eu" and cmd == "safe":
            value = _amount(args[0])
            orders["safe_draw"] = value
            return (f"drawing {money(value)} of SAFE loans (up to {money(view['safe_room'])} this turn): it pays for "
                    f"European and Ukrainian suppliers and adds to the debt")
        if side == "eu" and cmd == "fund":
            value = _amount(args[0])
            orders["fund_ukraine"] = value
            return (f"funding Ukrainian production with {money(value)}; Ukraine spends it next turn"
                    + self._so_far(game, state, side, orders))
        if side == "eu" and cmd == "transfer":
            item, qty = args[0], _quantity(args[1])
            if item not in rules.items:
                raise ValueError(f"no item '{item}'")
            orders["transfer"][item] = qty
            held = view["stocks"].get(item, 0)
            days = rules.money.eu.contracting_days
            return (f"transferring {count(qty)} {item} to Ukraine from European stocks ({count(held)} held), "
                    f"handed over about day {days}" + ("; more than you hold, 'done' will refuse it" if qty > held else ""))
        if side == "eu" and cmd == "project":
            pid = args[0]
            if pid not in rules.projects:
                raise ValueError(f"no programme '{pid}' (type 'projects')")
            orders["projects"].append(pid)
            p = rules.projects[pid]
            first = first_instalment(rules, pid, game.scenario.turn_days)
            eu_level = "; an EU-level decision (consensus may be vetoed and delayed)" if p.eu_level else ""
            return (f"starting programme {pid} ({p.name}): {money(p.cost)} over {p.duration_days} days, "
                    f"{money(first)} this turn{eu_level}" + self._so_far(game, state, side, orders))
        if side == "eu" and cmd == "decision":
            value = _choice(args[0], DECISIONS)
            orders["decision"] = value
            if value == "coalition":
                extra = rules.money.coalition.extra_cost
                return (f"EU-level builds and programmes go ahead as a coalition of the willing: at once, "
                        f"{share(extra)} dearer, and it strains cohesion")
            return "EU-level builds and programmes go to consensus: a member state may veto and delay them"
        if side == "ukraine" and cmd == "front":
            value = _share(args[0])
            orders["front_share"] = value
            return f"releasing {share(value)} of stocks to the front, {share(1 - value)} held in reserve"
        if side == "ukraine" and cmd == "ad":
            orders["air_defence"] = _choice(args[0], AD_PRIORITIES)
            return f"air defence covers {orders['air_defence']} first"
        if side == "ukraine" and cmd == "deep":
            n = _count(args[0], "drones")
            orders["deep_strikes"] = n
            drone = rules.roles.long_range_drone
            held = view["stocks"].get(drone, 0)
            return (f"launching {count(n)} {drone} at Russian refineries and plants ({count(held)} held)"
                    + ("; more than you hold, 'done' will refuse it" if n > held else ""))
        if side == "ukraine" and cmd == "request":
            item, qty = args[0], _quantity(args[1])
            if item not in rules.items:
                raise ValueError(f"no item '{item}'")
            orders["requests"][item] = qty
            return f"asking partners for {count(qty)} {item}; the EU sees the request in its briefing"
        if side == "russia" and cmd == "pressure":
            orders["pressure"] = _choice(args[0], PRESSURES)
            return f"{orders['pressure']} pressure on the Ukrainian front"
        if side == "russia" and cmd == "strike":
            missiles, drones = _count(args[0], "missiles"), _count(args[1], "drones")
            target = _choice(args[2], TARGETS) if len(args) > 2 else "energy"
            orders["strikes"] = {"missiles": missiles, "drones": drones, "target": target}
            held_m = view["stocks"].get(rules.roles.cruise_missile, 0)
            held_d = view["stocks"].get(rules.roles.long_range_drone, 0)
            over = "; more than you hold, 'done' will refuse it" if missiles > held_m or drones > held_d else ""
            return (f"striking Ukraine's {target} with {count(missiles)} missiles ({count(held_m)} held) and "
                    f"{count(drones)} drones ({count(held_d)} held) this turn{over}")
        if side == "russia" and cmd == "flank":
            value = _share(args[0])
            orders["flank_reserve"] = value
            return f"holding {share(value)} of armour back facing NATO; {share(1 - value)} goes to the front"
        if side == "russia" and cmd == "probe":
            value = _choice(args[0], PROBING)
            orders["probing"] = value
            cost = rules.deterrence.probing[value].cost
            return (f"probing on the eastern flank: {value}" + (f", {money(cost)}" if cost else "")
                    + self._so_far(game, state, side, orders))
        raise ValueError(f"unknown command '{cmd}'")

    def _so_far(self, game, state, side, orders):
        """'; orders so far EUR 1,234m of EUR 5,000m' (empty when the cost cannot be reckoned yet)."""
        from wargame.orders import fill, order_cost
        try:
            cost, _ = order_cost(game.rules, state, side, fill(side, orders), game.scenario.turn_days)
        except (KeyError, TypeError, ValueError):
            return ""
        me = state.sides[side]
        safe = me.safe_funds + (orders.get("safe_draw") or 0)
        have = money(me.funds) + (f" (and {money(safe)} SAFE money for European and Ukrainian suppliers)" if safe else "")
        over = ", more than you have" if cost > me.funds + safe + 1e-6 else ""
        return f"; orders so far {money(cost)} of {have}{over}"

    def _summary(self, game, state, side, orders, checked=True):
        lines = ["Orders:"] + [f"  {text}" for text in order_lines(game.rules, side, orders)]
        if len(lines) == 1:
            lines.append("  (none)")
        so_far = self._so_far(game, state, side, orders)
        if so_far:
            lines.append("Cost:" + so_far.removeprefix("; orders so far"))
        return "\n".join(lines)


def order_lines(rules, side, orders):
    """A side's orders as lines a person reads, one per order; orders that could be removed are numbered.

    Only what differs from the defaults is shown (a decision by consensus, full release to the front...)."""
    out = []
    n = 0
    for p in orders.get("procure", []):
        n += 1
        out.append(f"{n}. buy {count(p['qty'])} from {p['supplier']}" + (f" for {p['for']}" if p.get("for") and p["for"] != side else ""))
    for key, word in (("build", "build"), ("projects", "programme")):
        for b in orders.get(key, []):
            n += 1
            out.append(f"{n}. {word} {b}")
    if orders.get("budget_share") is not None:
        out.append(f"defence budget next turn: {share(orders['budget_share'], 2)} of GDP")
    if orders.get("safe_draw"):
        out.append(f"SAFE loans drawn: {money(orders['safe_draw'])}")
    if orders.get("fund_ukraine"):
        out.append(f"Ukrainian production funded: {money(orders['fund_ukraine'])}")
    for item, qty in (orders.get("transfer") or {}).items():
        out.append(f"transfer to Ukraine: {count(qty)} {item}")
    if orders.get("decision") == "coalition":
        out.append("EU-level decisions: a coalition of the willing")
    if orders.get("front_share") is not None and orders["front_share"] != 1.0:
        out.append(f"released to the front: {share(orders['front_share'])} of stocks")
    if orders.get("air_defence") not in (None, "industry"):
        out.append(f"air defence covers {orders['air_defence']} first")
    if orders.get("deep_strikes"):
        out.append(f"deep strikes: {count(orders['deep_strikes'])} {rules.roles.long_range_drone}")
    for item, qty in (orders.get("requests") or {}).items():
        out.append(f"asked of partners: {count(qty)} {item}")
    if orders.get("pressure") not in (None, "medium"):
        out.append(f"pressure on the front: {orders['pressure']}")
    strikes = orders.get("strikes") or {}
    if strikes.get("missiles") or strikes.get("drones"):
        out.append(f"strikes on {strikes.get('target', 'energy')}: {count(strikes.get('missiles', 0))} missiles, "
                   f"{count(strikes.get('drones', 0))} drones")
    if orders.get("flank_reserve"):
        out.append(f"armour held back facing NATO: {share(orders['flank_reserve'])}")
    if orders.get("probing") not in (None, "none"):
        out.append(f"probing on the eastern flank: {orders['probing']}")
    if orders.get("rationale"):
        out.append(f"why: {orders['rationale']}")
    return out


def first_delivery_day(backlog, before, rate, contracting_days, batch_days):
    """The day of the turn an order's first units arrive, about: None if the line makes nothing.

    backlog: units in the line's queue at the turn's start; before: units of this side's earlier orders
    on the line this turn; rate: units a day now (after damage). The orders join the queue after the
    side's contracting_days; a line with a backlog ships a batch every batch_days from the turn's start,
    an idle one starts when the orders arrive. Other sides' orders, ramps and pauses can move it."""
    if rate <= 0:
        return None
    start = 0 if backlog > 0 else contracting_days
    made = start + (backlog + before + 1) / rate  # the day the order's first unit is made
    due = max(made, contracting_days)
    batches = max(1, math.ceil((due - start) / batch_days - 1e-9))
    return int(start + batches * batch_days)


def _quantity(text):
    n = _int(text)
    if n < 1:
        raise ValueError(f"a quantity is a whole number of at least 1, found {text}")
    if n > MAX_UNITS:
        raise ValueError(f"a quantity is a whole number from 1 to {MAX_UNITS:,}, found {_short(text)}")
    return n


def _amount(text):
    try:
        value = float(str(text).replace(",", "").replace("_", ""))
    except ValueError:
        raise ValueError(f"an amount is a number of EUR million, found {_short(text)}") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_EUR_M:
        raise ValueError(f"an amount is EUR million, from 0 to {MAX_EUR_M:,}, found {_short(text)}")
    return value


def _share(text):
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"a share is a number between 0 and 1 (0.25 for a quarter), found {_short(text)}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"a share is between 0 and 1 (0.25 for a quarter), found {text}")
    return value


def _choice(text, choices):
    value = text.lower()
    if value not in choices:
        raise ValueError(f"expected one of {', '.join(choices)}, found '{text}'")
    return value


def _int(text):
    """A whole number as typed (1,000 and 1_000 too); a count above MAX_UNITS is refused by its command."""
    digits = str(text).replace(",", "").replace("_", "")
    if not digits.lstrip("+-").isdigit() or len(digits) > 1000:
        raise ValueError(f"expected a whole number (such as 1000 or 1,000), found {_short(text)}")
    return int(digits)


def _count(text, what):
    """A number of missiles, drones or strikes: 0..MAX_UNITS."""
    n = _int(text)
    if not 0 <= n <= MAX_UNITS:
        raise ValueError(f"the number of {what} is a whole number from 0 to {MAX_UNITS:,}, found {_short(text)}")
    return n


def _short(text):
    text = str(text)
    return text if len(text) <= 24 else text[:21] + "..."
