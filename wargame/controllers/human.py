"""A person at the terminal: a briefing, then orders typed as short commands, checked, confirmed.

The prompt and print functions are given by the CLI, so tests drive this with click's runner.
"""

import yaml

from wargame.errors import OrderError

HELP = {
    "common": [
        ("buy LINE QTY [for SIDE]", "order QTY units from a line (for ukraine: deliver to Ukraine)"),
        ("build BUILD", "pay for a new line or an expansion (see 'builds')"),
        ("why TEXT", "a one-line rationale kept with your orders"),
        ("remove N", "drop the Nth order line shown by 'show'"),
        ("show", "the orders so far and what they cost"),
        ("lines / builds", "list lines you may order from / builds you may pay for"),
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
        ("flank SHARE", "share of armour held back facing NATO, 0..1"),
        ("probe none|low|high", "probing and hybrid pressure on the eastern flank"),
    ],
}


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
        while True:
            line = self.prompt(f"{side}>").strip()
            if not line:
                continue
            try:
                finished = self._command(game, state, side, view, orders, line)
            except (ValueError, IndexError, KeyError) as e:
                self.echo(f"Not understood: {e}. Type 'help' for the commands.")
                continue
            if not finished:
                continue
            try:
                checked = game.check(state, side, orders)
            except OrderError as e:
                self.echo(f"These orders cannot be carried out: {e.why}")
                self.echo("Change them (show, remove N, ...) and type 'done' again.")
                continue
            self.echo(self._summary(game, state, side, checked))
            if self.prompt("Submit these orders? [y/n]").strip().lower() in ("y", "yes"):
                return checked

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
                    self.echo(f"  {lid:24} {l['item']:18} EUR {l['unit_cost']:g}m each, {l['rate']:,.1f}/day, backlog {l['backlog']:,}")
        elif cmd == "builds":
            for bid, b in rules.builds.items():
                if side in b.builders:
                    self.echo(f"  {bid:26} {b.name}: capex EUR {b.capex:,g}m, {b.build_days} days to build")
        elif cmd == "projects" and side == "eu":
            for pid, p in rules.projects.items():
                self.echo(f"  {pid:22} {p.name}: EUR {p.cost:,g}m over {p.duration_days} days")
        elif cmd == "buy":
            lid, qty = args[0], _int(args[1])
            if lid not in view["lines"]:
                raise ValueError(f"no line '{lid}' (type 'lines')")
            order = {"supplier": lid, "qty": qty}
            if len(args) >= 4 and args[2] == "for":
                order["for"] = args[3]
            orders["procure"].append(order)
        elif cmd == "build":
            if args[0] not in rules.builds:
                raise ValueError(f"no build '{args[0]}' (type 'builds')")
            orders["build"].append(args[0])
        elif cmd == "remove":
            n = _int(args[0])
            entries = orders["procure"] + orders["build"] + orders.get("projects", [])
            if not 1 <= n <= len(entries):
                raise ValueError(f"there is no order line {n}")
            target = entries[n - 1]
            for key in ("procure", "build", "projects"):
                if target in orders.get(key, []):
                    orders[key].remove(target)
                    break
        elif cmd == "why":
            orders["rationale"] = line.split(None, 1)[1] if len(words) > 1 else ""
        elif side == "eu" and cmd == "budget":
            orders["budget_share"] = float(args[0])
        elif side == "eu" and cmd == "safe":
            orders["safe_draw"] = float(args[0])
        elif side == "eu" and cmd == "fund":
            orders["fund_ukraine"] = float(args[0])
        elif side == "eu" and cmd == "transfer":
            orders["transfer"][args[0]] = _int(args[1])
        elif side == "eu" and cmd == "project":
            if args[0] not in rules.projects:
                raise ValueError(f"no programme '{args[0]}' (type 'projects')")
            orders["projects"].append(args[0])
        elif side == "eu" and cmd == "decision":
            orders["decision"] = args[0]
        elif side == "ukraine" and cmd == "front":
            orders["front_share"] = float(args[0])
        elif side == "ukraine" and cmd == "ad":
            orders["air_defence"] = args[0]
        elif side == "ukraine" and cmd == "deep":
            orders["deep_strikes"] = _int(args[0])
        elif side == "ukraine" and cmd == "request":
            orders["requests"][args[0]] = _int(args[1])
        elif side == "russia" and cmd == "pressure":
            orders["pressure"] = args[0]
        elif side == "russia" and cmd == "strike":
            orders["strikes"] = {"missiles": _int(args[0]), "drones": _int(args[1]), "target": args[2] if len(args) > 2 else "energy"}
        elif side == "russia" and cmd == "flank":
            orders["flank_reserve"] = float(args[0])
        elif side == "russia" and cmd == "probe":
            orders["probing"] = args[0]
        else:
            raise ValueError(f"unknown command '{cmd}'")
        return False

    def _summary(self, game, state, side, orders, checked=True):
        from wargame.orders import fill, order_cost
        lines = ["Orders:"]
        n = 0
        for p in orders.get("procure", []):
            n += 1
            lines.append(f"  {n}. buy {p['qty']:,} from {p['supplier']}" + (f" for {p['for']}" if p.get("for") else ""))
        for key in ("build", "projects"):
            for b in orders.get(key, []):
                n += 1
                lines.append(f"  {n}. {key} {b}")
        other = {k: v for k, v in orders.items() if k not in ("procure", "build", "projects", "side", "turn") and v not in ({}, [], None, "", 0)}
        if other:
            lines.append("  " + yaml.safe_dump(other, default_flow_style=True, sort_keys=True).strip())
        try:
            cost, _ = order_cost(game.rules, state, side, fill(side, orders), game.scenario.turn_days)
            lines.append(f"Cost: EUR {cost:,.0f}m of {state.sides[side].funds:,.0f}m")
        except (KeyError, TypeError, ValueError):
            pass
        return "\n".join(lines)


def _int(text):
    return int(str(text).replace(",", "").replace("_", ""))
