"""Shared helpers of the tests: play a game with the library and keep it as a replay file."""

from wargame.controllers.base import default_controllers
from wargame.engine import Game
from wargame.replay import ReplayWriter, header_for


def play_to_file(path, scenario="us-stays", seed=1, turns=3, controllers=None, force=False):
    """Play a whole game with the library, writing its replay to path; (game, state, records)."""
    game = Game.load(scenario, seed=seed, turns=turns)
    controllers = default_controllers(game.rules, controllers)
    writer = ReplayWriter(path, header_for(game, controllers, str(scenario)), force=force)
    state, records = game.play(controllers, on_turn=lambda s, r: writer.add_turn(r))
    writer.finish(game.outcome(state, records))
    return game, state, records
