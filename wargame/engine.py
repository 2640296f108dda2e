"""The library API: a Game holds rules, scenario and seed and plays turns; a notebook can use it directly.

    game = Game.load("chaotic", seed=7)
    result = game.play({"eu": BotController("eu", "stock_buyer")})   # other sides: default bots
"""

import datetime

import attrs

from wargame import adjudicate as adj
from wargame import sim
from wargame.errors import AwaitingOrders, WargameError
from wargame.model import SIDES, digest
from wargame.orders import check_orders, check_us_orders
from wargame.vocab import SEATS, US
from wargame.rules import latest_start, load_scenario
from wargame.seeds import check_seed
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
    given_rolls: dict = attrs.Factory(dict)  # {index in the turn's rolls: value} replaced by a person
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
        if self.given_rolls:  # only a turn with given rolls carries the key
            out["given_rolls"] = {str(i): v for i, v in sorted(self.given_rolls.items())}
        return out


class Game:
    """A scenario with its rules and seed: the state machine the CLI, bots and replays drive."""

    def __init__(self, scenario, rules, seed, turns=None):
        self.scenario = scenario
        self.rules = rules
        self.seed = check_seed(int(seed))  # the range a replay can be read back with
        self.turns = int(turns or scenario.turns)
        if scenario.start_date > latest_start(self.turns, scenario.turn_days):
            raise WargameError(f"{scenario.path}: {self.turns} turns of {scenario.turn_days} days from "
                               f"{scenario.start_date} run past the calendar's end ({datetime.date.max})")

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

    @property
    def sides(self):
        """The sides that give orders: the three playing sides, and the US where the scenario seats it."""
        return SEATS if self.scenario.us.seat is not None else SIDES

    def view(self, state, side):
        return view(self.rules, self.scenario, state, side, self.turns)

    def check(self, state, side, orders):
        """Filled, checked orders; raises OrderError with every problem."""
        if side == US:
            return check_us_orders(self.rules, self.scenario, state, orders)
        return check_orders(self.rules, state, side, orders, self.scenario.turn_days)

    def resolve(self, begun, orders, begin_events=(), injects=(), with_digest=True, given_rolls=None):
        """Run one turn from the begun state, checked orders and the white cell's injects:
        (new state, TurnRecord). Without with_digest the record's digest is None (only a replay needs it).

        given_rolls: {index in the turn's roll order: value in [0, 1)} replaces those rolls (a
        facilitator's ruling, a "what if the roll had gone the other way"); the record keeps them."""
        new, report = sim.run_turn(self.rules, self.scenario, begun, orders, self.seed, injects, given_rolls)
        events = list(begin_events) + report["events"]
        record = TurnRecord(turn=report["turn"], date=report["date"], orders=orders, events=events,
                            rolls=report["rolls"], metrics=report["metrics"],
                            state=new if with_digest else None, injects=list(injects),
                            given_rolls=dict(given_rolls or {}))
        return new, record

    def finished(self, state):
        return state.turn >= self.turns

    def objectives_basis(self):
        """What the game is scored against, in words: the scenario's objectives, with running totals
        scaled to the turns of a game shorter (or longer) than the scenario (wargame.objectives)."""
        from wargame.objectives import for_game
        return for_game(self.rules, self.turns, self.scenario.turns).text

    def outcome(self, state, records):
        """The final metrics and each side's objective scores. A game of the scenario's length is
        scored against its objectives; a shorter or longer one against them with running totals
        (ground, output, hits, crises, debt) scaled to its turns, levels as they are."""
        metrics = records[-1].metrics if records else {}
        if self.turns == self.scenario.turns:
            return {"metrics": metrics, "scores": adj.score(self.rules, metrics)}
        from wargame.objectives import for_game, score
        return {"metrics": metrics, "scores": score(for_game(self.rules, self.turns, self.scenario.turns).objectives,
                                                    metrics)}

    def play(self, controllers=None, state=None, on_turn=None, injects=None):
        """Play to the end with the given controllers (default bots elsewhere) and, if given, an
        injects source (InjectsFile): (state, records). Raises AwaitingOrders and KeyboardInterrupt;
        play_game keeps the turns played before either and can write a replay."""
        from wargame.controllers.base import default_controllers
        result = play_game(self, default_controllers(self.rules, controllers, self), state, injects=injects,
                           on_turn=on_turn, catch_interrupt=False)
        if result.awaiting:
            raise AwaitingOrders(result.awaiting)
        return result.state, result.records

    def play_turn(self, state, controllers, injects=None, with_digest=True, given=None):
        """One whole turn: begin, collect and check every side's orders and the turn's injects, resolve.

        given: a source of given rolls with .for_turn(turn) -> {index: value} (a replay's record), or None."""
        begun, events = self.begin(state)
        turn_injects = injects.for_turn(self, begun.turn + 1) if injects else []
        orders = {}
        for side in self.sides:
            orders[side] = controllers[side].orders(self, begun, side)
        rolls = given.for_turn(begun.turn + 1) if given else None
        new, record = self.resolve(begun, orders, events, turn_injects, with_digest, rolls)
        return new, attrs.evolve(record, controllers={side: controllers[side].label for side in self.sides})


def game_turns(game, controllers, state, injects=None, with_digest=True, given=None):
    """The one turn loop: yields (state after the turn, TurnRecord) for each turn until the game ends.

    controllers: {side: controller with .label and .orders(game, begun_state, side)} for every side;
    injects: a source with .for_turn(game, turn) (an InjectsFile, a replay's recorded injects) or None;
    given: a source of given rolls with .for_turn(turn) (a replay's record) or None."""
    while not game.finished(state):
        state, record = game.play_turn(state, controllers, injects, with_digest, given)
        yield state, record


@attrs.frozen
class PlayResult:
    """How a play_game call ended: the last state, this call's turn records, and why it stopped."""

    state: object
    records: list
    outcome: dict | None = None      # the final metrics and scores when the game finished
    interrupted: bool = False        # Ctrl-C: every completed turn is kept (and written)
    awaiting: str | None = None      # an orders-file side has no orders yet (AwaitingOrders' message)

    @property
    def finished(self):
        return self.outcome is not None


def play_game(game, controllers, state=None, injects=None, writer=None, on_turn=None, history=(),
              with_digest=True, catch_interrupt=True):
    """Play a game turn by turn from state (default: the scenario's start) to its end or a stop.

    writer: a ReplayWriter whose header is written (each turn is appended and fsynced, then the end
    line); on_turn(state, record) is called after each turn (the CLI prints from it); history: the
    records of turns played before this call (a resumed game), used for the outcome. Ctrl-C stops
    after the last completed turn (interrupted=True); a side awaiting its orders file stops the game
    too (awaiting=message). Returns a PlayResult."""
    state = game.initial_state() if state is None else state
    records = []
    try:
        for state, record in game_turns(game, controllers, state, injects, with_digest):
            if writer is not None:
                writer.add_turn(record)
            records.append(record)
            if on_turn:
                on_turn(state, record)
    except AwaitingOrders as e:
        return PlayResult(state, records, awaiting=str(e))
    except KeyboardInterrupt:
        if not catch_interrupt:
            raise
        return PlayResult(state, records, interrupted=True)
    outcome = game.outcome(state, list(history) + records)
    if writer is not None:
        writer.finish(outcome)
    return PlayResult(state, records, outcome)
