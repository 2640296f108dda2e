"""Who plays a side: a bot policy, an orders file, or a person (the CLI's prompt controller)."""

from pathlib import Path

from wargame.controllers.bots import bot_orders
from wargame.errors import OrderError, RuleErrors, WargameError
from wargame.model import SIDES
from wargame.yamlsafe import load_yaml_file


class BotController:
    """A built-in policy from rules/bots.yaml."""

    def __init__(self, side, policy):
        self.side = side
        self.policy = policy

    @property
    def label(self):
        return f"bot:{self.policy}"

    def orders(self, game, state, side):
        raw = bot_orders(game.rules, side, self.policy, game.view(state, side))
        return game.check(state, side, raw)


class AwaitingOrders(WargameError):
    """No orders for this side and turn yet: the game stops here and can be resumed later."""


class OrdersFileController:
    """Orders from YAML files: one file for one turn, a file with `turns: {N: orders}`, or a folder
    of files whose names end in the turn number (eu-turn-3.yaml)."""

    label = "orders"

    def __init__(self, side, path):
        self.side = side
        self.path = Path(path)
        if not self.path.exists():
            raise WargameError(f"{path}: orders file or folder not found")

    def _file_for(self, turn):
        if self.path.is_file():
            return self.path
        import re
        for p in sorted(self.path.glob("*.y*ml")):
            m = re.search(r"(\d+)$", p.stem)
            if m and int(m.group(1)) == turn:
                return p
        return None

    def orders(self, game, state, side):
        turn = state.turn + 1
        path = self._file_for(turn)
        if path is None:
            raise AwaitingOrders(f"{self.path}: no orders for {side}, turn {turn}: add them and run 'wargame resume'")
        doc = load_yaml_file(path)
        data = doc.data
        if isinstance(data, dict) and "turns" in data:
            turns = data["turns"]
            if not isinstance(turns, dict) or turn not in turns:
                raise AwaitingOrders(f"{path}: no orders for {side}, turn {turn}: add them and run 'wargame resume'")
            data, prefix = turns[turn], ("turns", turn)
        else:
            prefix = ()
            if isinstance(data, dict) and data.get("turn") not in (None, turn):
                raise AwaitingOrders(f"{path}: holds orders for turn {data.get('turn')}, not turn {turn}")
        try:
            return game.check(state, side, data)
        except OrderError as e:
            pairs = getattr(e, "problems", [(e.order, e.why)])
            raise RuleErrors([doc.error(prefix + _path_tuple(p), m) for p, m in pairs]) from None


def _path_tuple(text):
    import re
    out = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", text or ""):
        out.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(out)


def default_controllers(rules, given=None):
    """Controllers for every side: the given ones, and the rules' default bot for the rest."""
    out = dict(given or {})
    for side in SIDES:
        if side not in out:
            out[side] = BotController(side, getattr(rules.bots.default, side))
    return out
