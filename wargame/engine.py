"""The library API: a Game holds rules, scenario and seed and plays turns; a notebook can use it directly.

    game = Game.load("chaotic", seed=7)
    result = game.play({"eu": BotController("eu", "stock_buyer")})   # other sides: default bots
"""

import attrs

from wargame import adjudicate as adj
from wargame import sim
from wargame.model import SIDES, digest
from wargame.orders import check_orders
from wargame.rules import load_scenario
from wargame.view import view


@attrs.frozen(eq=False)
class TurnRecord:
    """One completed turn: the orders given, and what followed.

    `digest` (of the state after the turn) is given as text, or as `state=` and then computed when
    first read: a game nobody writes to a replay never pays for it. Records are equal when every
    field, the digest included, is equal."""

    turn: int
    date: str
    orders: dict
    events: list
    rolls: list
    metrics: dict
    injects: list = attrs.Factory(list)
    controllers: dict = attrs.Factory(dict)  # who gave each side's orders (bot:POLICY, human, orders)
    _digest: str | None = attrs.field(default=None, kw_only=True, alias="digest", repr=False)
    _state: object = attrs.field(default=None, kw_only=True, alias="state", repr=False)

    @property
    def digest(self):
        if self._digest is None and self._state is not None:
            object.__setattr__(self, "_digest", digest(self._state))
            object.__setattr__(self, "_state", None)  # the record no longer keeps the state alive
        return self._digest

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # its fields are dicts and lists

    def to_json(self):
        out = {"turn": self.turn, "date": self.date, "orders": self.orders, "events": self.events,
               "rolls": self.rolls, "metrics": self.metrics, "digest": self.digest}
        if self.injects:  # only a turn with injects carries the key
            out["injects"] = self.injects
        if self.controllers:
            out["controllers"] = self.controllers
        return out


class Game:
    """A scenario with its rules and seed: the state machine the CLI, bots and replays drive."""

    def __init__(self, scenario, rules, seed, turns=None):
        self.scenario = scenario
        self.rules = rules
        self.seed = int(seed)
        self.turns = int(turns or scenario.turns)

    @classmethod
    def load(cls, scenario_ref, seed=1, turns=None, rules=None):
        """A game of a packaged scenario name or a scenario file path."""
        scenario, rules = load_scenario(scenario_ref, rules)
        return cls(scenario, rules, seed, turns)

    def initial_state(self):
        return sim.initial_state(self.rules, self.scenario)

    def begin(self, state):
        """The state at the start of the next turn (money in, instalments due) and its events."""
        return sim.begin_turn(self.rules, self.scenario, state)

    def view(self, state, side):
        return view(self.rules, self.scenario, state, side, self.turns)

    def check(self, state, side, orders):
        """Filled, checked orders; raises OrderError with every problem."""
        return check_orders(self.rules, state, side, orders, self.scenario.turn_days)

    def resolve(self, begun, orders, begin_events=(), injects=()):
        """Run one turn from the begun state, checked orders and the white cell's injects:
        (new state, TurnRecord)."""
        new, report = sim.run_turn(self.rules, self.scenario, begun, orders, self.seed, injects)
        events = list(begin_events) + report["events"]
        record = TurnRecord(turn=report["turn"], date=report["date"], orders=orders, events=events,
                            rolls=report["rolls"], metrics=report["metrics"], state=new,
                            injects=list(injects))
        return new, record

    def finished(self, state):
        return state.turn >= self.turns

    def outcome(self, state, records):
        """The final metrics and each side's objective scores."""
        metrics = records[-1].metrics if records else {}
        return {"metrics": metrics, "scores": adj.score(self.rules, metrics)}

    def play(self, controllers=None, state=None, on_turn=None, injects=None):
        """Play to the end with the given controllers (default bots elsewhere) and, if given, an
        injects source (InjectsFile): (state, records)."""
        from wargame.controllers.base import default_controllers
        controllers = default_controllers(self.rules, controllers)
        state = state or self.initial_state()
        records = []
        while not self.finished(state):
            state, record = self.play_turn(state, controllers, injects)
            records.append(record)
            if on_turn:
                on_turn(state, record)
        return state, records

    def play_turn(self, state, controllers, injects=None):
        """One whole turn: begin, collect and check every side's orders and the turn's injects, resolve."""
        begun, events = self.begin(state)
        turn_injects = injects.for_turn(self, begun.turn + 1) if injects else []
        orders = {}
        for side in SIDES:
            orders[side] = controllers[side].orders(self, begun, side)
        new, record = self.resolve(begun, orders, events, turn_injects)
        return new, attrs.evolve(record, controllers={side: controllers[side].label for side in SIDES})
