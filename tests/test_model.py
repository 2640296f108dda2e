"""The state digest: the same text as its definition in docs/replay-format.md, computed lazily only
when a record's digest is read, and equal to the digest taken right after each turn."""

import hashlib
import json
import math

import attrs
import pytest

from wargame.engine import Game, TurnRecord
from wargame.model import Tranche, canonical_json, digest, to_plain
from wargame.rules import scenario_names


def reference_plain(value):
    """The definition, written the slow obvious way (as it was before to_plain was unrolled)."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if attrs.has(type(value)):
        return {f.name: reference_plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {str(k): reference_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [reference_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def reference_digest(state):
    text = json.dumps(reference_plain(state), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@pytest.fixture(scope="module")
def played():
    """Every turn's state and record of one game per scenario, digests not yet read."""
    out = []
    for name in scenario_names():
        states = []
        _, records = Game.load(name, seed=3).play(on_turn=lambda s, r: states.append(s))
        out.append((states, records))
    return out


def test_digest_matches_its_definition(played):
    for states, _ in played:
        for state in states:
            assert digest(state) == reference_digest(state)
            assert json.loads(canonical_json(state)) == reference_plain(state)


def test_lazy_digest_equals_digest_after_each_turn(played):
    """Read after the whole game, each record's digest is that of the state right after its turn:
    no later turn changed an earlier state behind its back."""
    for states, records in played:
        eager = [reference_digest(s) for s in states]
        assert [r.digest for r in records] == eager
        assert all(r._state is None for r in records)  # read once, the state is let go


def test_canonical_json_of_odd_values():
    value = {2: (1.23456789, -0.0, 10**20, True, None, "ä\"\n"), "b": [Tranche(1.0000004, 3, 0)],
             "nan": math.nan, "inf": -math.inf, "sub": type("F", (float,), {})(2.0000001)}
    assert canonical_json(value) == json.dumps(reference_plain(value), sort_keys=True, separators=(",", ":"),
                                               ensure_ascii=False)
    assert to_plain(value)["2"][0] == 1.234568


def test_records_compare_with_their_digests():
    game = Game.load("us-stays", seed=1, turns=2)
    _, first = game.play()
    _, second = game.play()
    assert first == second
    assert first[0] != attrs.evolve(first[0], digest="0" * 16)
    given = TurnRecord(1, "2026-01-01", {}, [], [], {}, digest="abc")
    assert given.digest == "abc" and given.to_json()["digest"] == "abc"
