"""The golden replays in replays/ still reproduce turn by turn under the current rules and engine."""

from pathlib import Path

import pytest

from wargame.replay import read_replay, verify
from wargame.rules import scenario_names

GOLDEN = Path(__file__).resolve().parent.parent / "replays"
SHORT = {"hindcast-2023": 8}  # scenarios shorter than the 20 turns of the withdrawal scenarios


@pytest.mark.parametrize("name", scenario_names())
def test_golden_replay_verifies(name):
    path = GOLDEN / f"{name}.jsonl"
    replay = read_replay(path)
    assert replay.finished and len(replay.turns) == replay.header["turns"] >= SHORT.get(name, 20)
    assert all(c.startswith("bot:") for c in replay.header["controllers"].values())
    verdict = verify(path)
    assert verdict.ok, verdict.message
    assert "changed" not in verdict.message, "re-record the golden replays (replays/README.md)"
