"""Chance as a step: a recorded turn re-run with a roll given, kept in the replay and verified."""

import json

import pytest

from wargame.chance import Chance
from wargame.controllers.base import default_controllers
from wargame.engine import Game, play_game
from wargame.errors import GivenRollError
from wargame.replay import ReplayWriter, header_for, read_replay, verify


class GiveOnTurn:
    """A source of given rolls: `rolls` on turn `turn`, none elsewhere."""

    def __init__(self, turn, rolls):
        self.turn, self.rolls = turn, rolls

    def for_turn(self, turn):
        return self.rolls if turn == self.turn else {}


def _front_roll(record):
    return next(i for i, r in enumerate(record.rolls) if r["what"].lower().startswith("front"))


def test_a_roll_given_on_one_turn_changes_the_game_and_the_replay_verifies(tmp_path):
    game = Game.load("chaotic", seed=4, turns=5)
    plain = play_game(game, default_controllers(game.rules))
    index = _front_roll(plain.records[2])
    value = 0.0 if plain.records[2].rolls[index]["roll"] > 0.5 else 0.999
    path = tmp_path / "given.jsonl"
    controllers = default_controllers(game.rules)
    writer = ReplayWriter(path, header_for(game, controllers, "chaotic"))
    from wargame.engine import game_turns
    records = []
    for state, record in game_turns(game, controllers, game.initial_state(), given=GiveOnTurn(3, {index: value})):
        writer.add_turn(record)
        records.append(record)
    writer.finish(game.outcome(state, records))
    # the turns before are the same; the given turn records the roll as given and differs
    assert [r.to_json() for r in records[:2]] == [r.to_json() for r in plain.records[:2]]
    given, drawn = records[2].rolls[index], plain.records[2].rolls[index]
    assert given["roll"] == round(value, 4) and given["given"] is True and given["what"] == drawn["what"]
    assert given["result"] != drawn["result"] and f"roll {value:.2f}" in given["result"]
    assert records[2].metrics["front.change_km2"] != plain.records[2].metrics["front.change_km2"]
    assert json.loads(path.read_text().splitlines()[3])["given_rolls"] == {str(index): value}
    verdict = verify(path)
    assert verdict.ok, verdict.message


def test_an_edited_given_roll_is_caught_by_verify(tmp_path):
    game = Game.load("coordinated", seed=2, turns=3)
    controllers = default_controllers(game.rules)
    path = tmp_path / "g.jsonl"
    writer = ReplayWriter(path, header_for(game, controllers, "coordinated"))
    from wargame.engine import game_turns
    records = []
    for state, record in game_turns(game, controllers, game.initial_state(), given=GiveOnTurn(2, {0: 0.5})):
        writer.add_turn(record)
        records.append(record)
    writer.finish(game.outcome(state, records))
    lines = path.read_text().splitlines()
    turn = json.loads(lines[2])
    turn["given_rolls"]["0"] = 0.01
    lines[2] = json.dumps(turn, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n")
    verdict = verify(path)
    assert not verdict.ok and "turn 2" in verdict.message


def test_a_given_roll_must_be_in_range_and_drawn():
    with pytest.raises(GivenRollError, match=r"\[0, 1\)"):
        Chance(1, 1, {0: 1.5})
    game = Game.load("coordinated", seed=2, turns=1)
    with pytest.raises(GivenRollError, match="roll 999 was given"):
        list(__import__("wargame.engine").engine.game_turns(game, default_controllers(game.rules),
                                                          game.initial_state(), given=GiveOnTurn(1, {999: 0.5})))
    assert read_replay  # the reader is what verify uses above
