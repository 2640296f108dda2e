"""A US team at the terminal, where a scenario seats the US: withdrawal steps, pauses and aid typed as
short commands, each answered in one line, checked against the scenario's bounds on `done`."""

from wargame.controllers.human import ask_until_submitted

HELP = [
    ("step [AREA SHARE]... [troops N] [day D] [notice N] [handover H]",
     "a withdrawal step: areas and their shares, troops, the day of the turn it is announced, its notice"),
    ("pause fms|intel TURNS", "pause FMS deliveries or intelligence sharing for TURNS turns (0: none)"),
    ("aid SHARE", "the share of the full aid package Ukraine gets this turn, 0..1"),
    ("why TEXT", "a one-line rationale kept with your orders"),
    ("remove N", "drop the Nth step shown by 'show'"),
    ("show", "the orders so far"),
    ("bounds", "what the scenario lets the US order this turn"),
    ("done", "check the orders against the bounds, show them and submit"),
    ("help", "this list"),
]
KEYWORDS = {"troops": "troops", "day": "announce_day", "notice": "notice_days", "handover": "handover"}


class UsHumanController:
    """Prompts a US team for its orders; nothing typed is lost when an order is refused."""

    label = "human"

    def __init__(self, prompt, echo, show_briefing):
        self.side = "us"
        self.prompt = prompt
        self.echo = echo
        self.show_briefing = show_briefing

    def orders(self, game, state, side):
        view = game.view(state, side)
        self.show_briefing(game, view)
        orders = {"steps": [], "aid_share": view["aid_default"]}
        self.echo(f"Give the US orders for turn {view['turn']}; 'help' lists the commands, 'done' submits.")
        return ask_until_submitted(self.prompt, self.echo, "us>", game, state, side,
                                   lambda line: self._command(game, state, view, orders, line),
                                   lambda: orders, lambda checked: summary(game, checked))

    def _command(self, game, state, view, orders, line):
        words = line.split()
        cmd, args = words[0].lower(), words[1:]
        if cmd == "done":
            return True
        if cmd == "help":
            for usage, text in HELP:
                self.echo(f"  {usage:62} {text}")
        elif cmd == "show":
            self.echo(summary(game, orders))
        elif cmd == "bounds":
            from wargame.templates import us_choices
            for text in us_choices(game, state):
                self.echo(f"  {text}")
        elif cmd == "step":
            step = parse_step(game, args)
            orders["steps"].append(step)
            leaves = game.scenario.date_of(view["day"] + step["announce_day"] + step["notice_days"]).isoformat()
            announced = game.scenario.date_of(view["day"] + step["announce_day"]).isoformat()
            self.echo(f"step {len(orders['steps'])}: {step_words(game, step)}, announced {announced} (until then only "
                      f"you know of it), leaves {leaves}")
        elif cmd == "pause":
            what = args[0].lower()
            if what not in ("fms", "intel"):
                raise ValueError(f"pause fms or pause intel, found '{args[0]}'")
            orders[f"{what}_pause_turns"] = _whole(args[1], "turns")
            label = "FMS deliveries" if what == "fms" else "intelligence sharing"
            n = orders[f"{what}_pause_turns"]
            self.echo(f"{label} paused for {n} turn{'' if n == 1 else 's'} from the turn's first day (public at once)"
                      if n else f"no {label} pause this turn")
        elif cmd == "aid":
            orders["aid_share"] = _share(args[0])
            self.echo(f"aid to Ukraine this turn: {orders['aid_share']:.0%} of the full package "
                      f"(the scenario's plan: {view['aid_default']:.0%})")
        elif cmd == "why":
            orders["rationale"] = line.split(None, 1)[1] if args else ""
            self.echo(f"rationale kept with your orders: {orders['rationale']}" if orders["rationale"]
                      else "rationale cleared")
        elif cmd == "remove":
            n = int(args[0])
            if not 1 <= n <= len(orders["steps"]):
                raise ValueError(f"there is no step {n}")
            gone = orders["steps"].pop(n - 1)
            self.echo(f"removed step {n}: {step_words(game, gone)}")
        else:
            raise ValueError(f"unknown command '{cmd}'")
        return False


def parse_step(game, args):
    """A step from `AREA SHARE ... troops N day D notice N handover H` (each keyword optional)."""
    if len(args) % 2:
        raise ValueError("give pairs: an area and its share, or troops/day/notice/handover and a number")
    step = {"areas": {}, "troops": 0, "announce_day": 0, "notice_days": 0, "handover": 0.0}
    for key, value in zip(args[::2], args[1::2]):
        key = key.lower()
        if key in KEYWORDS:
            step[KEYWORDS[key]] = _share(value) if key == "handover" else _whole(value, key)
        elif key in game.rules.areas:
            step["areas"][key] = _share(value)
        else:
            raise ValueError(f"no area '{key}' (areas: {', '.join(game.rules.areas)})")
    return step


def step_words(game, step):
    """A step in words: areas with shares, troops, notice, handover."""
    parts = [f"{game.rules.areas[a].name} {s:.0%}" for a, s in step["areas"].items()]
    if step["troops"]:
        parts.append(f"{step['troops']:,} troops")
    what = ", ".join(parts) or "nothing"
    hand = f", {step['handover']:.0%} handed over" if step["handover"] else ""
    return f"{what} on day {step['announce_day']} of the turn with {step['notice_days']} days' notice{hand}"


def summary(game, orders):
    """The US orders as a short summary."""
    lines = ["US orders:"]
    for i, step in enumerate(orders.get("steps", []), 1):
        lines.append(f"  {i}. {step_words(game, step)}")
    if not orders.get("steps"):
        lines.append("  no withdrawal step this turn")
    for what, label in (("fms", "FMS deliveries"), ("intel", "intelligence sharing")):
        if orders.get(f"{what}_pause_turns"):
            n = orders[f"{what}_pause_turns"]
            lines.append(f"  {label} paused for {n} turn{'' if n == 1 else 's'}")
    lines.append(f"  aid to Ukraine: {orders.get('aid_share', 0):.0%} of the full package")
    if orders.get("rationale"):
        lines.append(f"  why: {orders['rationale']}")
    return "\n".join(lines)


def _share(text):
    value = float(text)
    if not 0 <= value <= 1:
        raise ValueError(f"a share from 0 to 1, found {text}")
    return value


def _whole(text, what):
    if not text.isdigit():
        raise ValueError(f"{what}: a whole number, found '{text}'")
    return int(text)
