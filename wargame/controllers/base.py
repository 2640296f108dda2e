"""Who plays a side: a bot policy, an orders file, or a person (the CLI's prompt controller)."""

from pathlib import Path

from wargame.controllers.bots import bot_orders, policy_names
from wargame.errors import AwaitingOrders, OrderError, ReplayError, RuleErrors, WargameError  # noqa: F401
from wargame.model import SIDES
from wargame.vocab import US
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


class OrdersFileController:
    """Orders from YAML files: one file for one turn, a file with `turns: {N: orders}`, or a folder
    of files whose names end in the turn number (eu-turn-3.yaml)."""

    label = "orders"

    def __init__(self, side, path):
        self.side = side
        self.path = Path(path)
        if not self.path.exists():
            raise WargameError(f"{path}: orders file or folder not found")
        if self.path.is_dir():
            self._files_by_turn()  # two files for one turn are refused before the game starts

    def _files_by_turn(self):
        """{turn: file} of a folder of orders files; two files for one turn (eu-turn-1.yaml and
        eu-turn-01.yaml) are a WargameError naming both, since either could be the one meant."""
        import re
        out = {}
        for p in sorted(self.path.glob("*.y*ml")):
            m = re.search(r"(\d+)$", p.stem)
            if not m:
                continue
            turn = int(m.group(1))
            if turn in out:
                raise WargameError(f"{out[turn]} and {p}: two orders files for {self.side}, turn {turn}: keep one")
            out[turn] = p
        return out

    def _file_for(self, turn):
        if self.path.is_file():
            return self.path
        return self._files_by_turn().get(turn)

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


def controllers_from_labels(rules, labels, given=None, make_human=None, keep_people=True, replay=None, game=None):
    """Controllers for every side from a replay's labels ({side: "bot:POLICY" | "human" | "orders"}).

    given: controllers chosen anew (--human, --bot, --orders), which win over the labels. A "bot:POLICY"
    side gets that bot. With keep_people (resume), a "human" side gets make_human(side) (a ReplayError
    without one) and an "orders" side is a ReplayError asking for its files again; without (fork), both become the default bot.
    Sides without a label get the rules' default bot. game: the Game, whose sides are played (a seated
    US too); without it the three playing sides."""
    out = dict(given or {})
    for side in (game.sides if game is not None else SIDES):
        label = (labels or {}).get(side)
        if side in out or not isinstance(label, str):
            continue
        if label.startswith("bot:"):
            known = policy_names(rules, side)
            if label[4:] not in known:
                raise ReplayError(replay or "the replay", None, f"{side} was played by an unknown bot policy "
                                  f"'{label[4:]}' (known: {', '.join(known)}): give one with --bot {side}=POLICY")
            out[side] = BotController(side, label[4:])
        elif keep_people and label == "human":
            if make_human is None:
                raise ReplayError(replay or "the replay", None, f"{side} was played at a terminal: give its controller")
            out[side] = make_human(side)
        elif keep_people and label == "orders":
            raise ReplayError(replay or "the replay", None,
                              f"{side} played from orders files: give them again with --orders {side}=PATH")
    return default_controllers(rules, out, game)


def default_policy(rules, side, game=None):
    """A side's default bot policy: the rules' default, for a seated US its scenario's us.seat.bot."""
    if side == US:
        return game.scenario.us.seat.bot
    return getattr(rules.bots.default, side)


def default_controllers(rules, given=None, game=None):
    """Controllers for every side of the game (without it, the three playing sides): the given ones,
    and the default bot for the rest. A US controller given for a game that does not seat the US is
    a WargameError."""
    out = dict(given or {})
    sides = game.sides if game is not None else SIDES
    if US in out and US not in sides:
        where = f"the scenario {game.scenario.name}" if game is not None else "this game"
        raise WargameError(f"{where} does not seat the US (its us: block has no seat): the US cannot be given a "
                           "team, a bot or orders here; try the us-seat scenario")
    for side in sides:
        if side not in out:
            out[side] = BotController(side, default_policy(rules, side, game))
    return out
