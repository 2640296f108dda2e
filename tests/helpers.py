"""Shared helpers of the tests: play a game with the library and keep it as a replay file."""

from wargame.controllers.base import default_controllers
from wargame.engine import Game, play_game
from wargame.replay import ReplayWriter, header_for


def play_to_file(path, scenario="us-stays", seed=1, turns=3, controllers=None, force=False):
    """Play a whole game with the library, writing its replay to path; (game, state, records)."""
    game = Game.load(scenario, seed=seed, turns=turns)
    controllers = default_controllers(game.rules, controllers)
    writer = ReplayWriter(path, header_for(game, controllers, str(scenario)), force=force)
    result = play_game(game, controllers, writer=writer)
    return game, result.state, result.records
