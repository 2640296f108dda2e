"""Chance as a step: every roll of a turn comes from one seeded source that writes it down.

A turn's rolls are drawn in a fixed order from a generator seeded by the game's seed and the turn
number, so the same game gives the same rolls. Each roll is recorded with its day, what it was for,
the rule row it was drawn against, its probability where it has one, and (filled in by the caller)
its result. A turn can be re-run with some rolls *given*: a recorded value or a replacement chosen
by a facilitator ("what if the veto roll had gone the other way?"). A given roll is marked as such
in the record; the generator still advances, so the rolls after it are the ones the turn would
have drawn.
"""

import hashlib
import random

from wargame.errors import GivenRollError


def turn_seed(seed, turn):
    """The seed of one turn's rolls: the same game seed and turn always give the same rolls."""
    return int.from_bytes(hashlib.sha256(f"wargame:{seed}:{turn}".encode()).digest()[:8], "big")


class Chance:
    """One turn's rolls: drawn in order, recorded, and replaced where a value is given.

    given: {index: value} with index counted from 0 in the order the turn draws its rolls, and
    value in [0, 1).
    """

    def __init__(self, seed, turn, given=None):
        self._rng = random.Random(turn_seed(seed, turn))
        self._given = dict(given or {})
        for index, value in self._given.items():
            if not (isinstance(index, int) and index >= 0 and isinstance(value, (int, float)) and 0 <= value < 1):
                raise GivenRollError(f"turn {turn}: a given roll needs a roll number (0, 1, ...) and a value "
                                     f"in [0, 1), found {index!r}: {value!r}")
        self.turn = turn
        self.rolls = []

    def roll(self, day, what, rule, p=None):
        """A uniform roll in [0, 1) and its record, for the caller to add the result to."""
        value = self._rng.random()
        given = self._given.get(len(self.rolls))
        record = {"day": day, "what": what, "rule": rule, "roll": round(value if given is None else given, 4)}
        if p is not None:
            record["p"] = round(p, 4)
        if given is not None:
            record["given"] = True
            value = given
        self.rolls.append(record)
        return value, record

    def unused_given(self):
        """The indexes of given rolls that the turn never drew (a given roll past the turn's last)."""
        return sorted(i for i in self._given if i >= len(self.rolls))

    def check_all_used(self):
        """Raise GivenRollError if a roll was given that the turn never drew."""
        unused = self.unused_given()
        if unused:
            raise GivenRollError(f"turn {self.turn}: roll {unused[0]} was given, but the turn drew only "
                                 f"{len(self.rolls)} rolls (numbered from 0)")
