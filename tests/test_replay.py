"""Replay files: reading damaged ones, writing safely, verifying against changed rules."""

import json
import re
import shutil
from pathlib import Path

import pytest

import wargame.replay
from helpers import play_to_file
from wargame.errors import OutputError, ReplayError, WargameError
from wargame.replay import FORMAT_VERSION, ReplayWriter, read_replay, verify
from wargame.rules import RULES_DIR, SCENARIOS_DIR


@pytest.fixture
def replay(tmp_path):
    path = tmp_path / "game.jsonl"
    play_to_file(path, "chaotic", seed=2, turns=3)
    return path


def objs(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def put(path, items):
    path.write_text("".join(json.dumps(o, sort_keys=True, separators=(",", ":")) + "\n" for o in items),
                    encoding="utf-8")


def refused(path):
    with pytest.raises(ReplayError) as info:
        read_replay(path)
    text = str(info.value)
    assert "\n" not in text
    assert str(path) in text
    return info.value


# --- reading -------------------------------------------------------------------------------------

def test_read_a_whole_game(replay):
    rp = read_replay(replay)
    assert rp.finished and not rp.torn_tail
    assert [t["turn"] for t in rp.turns] == [1, 2, 3]
    assert rp.header["scenario"] == "chaotic" and rp.header["seed"] == 2
    assert rp.header["format_version"] == FORMAT_VERSION
    assert set(rp.end["scores"]) == {"eu", "ukraine", "russia"}


def test_header_holds_no_machine_path(replay):
    head = replay.read_text(encoding="utf-8").splitlines()[0]
    assert str(replay.parent) not in head
    assert str(RULES_DIR) not in head


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    e = refused(path)
    assert "empty" in str(e) and e.turn is None


def test_not_json(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text("these are my notes\n", encoding="utf-8")
    assert "not a replay" in str(refused(path))


def test_json_but_not_a_replay(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"hello": "world"}\n', encoding="utf-8")
    assert "not a replay" in str(refused(path))


def test_binary_file(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(b"\xff\xfe\x00\x01")
    assert "UTF-8" in str(refused(path))


def test_missing_file(tmp_path):
    assert "cannot read" in str(refused(tmp_path / "none.jsonl"))


def test_newer_format_version(replay):
    items = objs(replay)
    items[0]["format_version"] = FORMAT_VERSION + 1
    put(replay, items)
    e = refused(replay)
    assert f"version {FORMAT_VERSION + 1}" in str(e) and "newer" in str(e)


def test_header_missing_a_key(replay):
    items = objs(replay)
    del items[0]["seed"]
    put(replay, items)
    assert "'seed'" in str(refused(replay))


def test_hand_edited_turn_number(replay):
    items = objs(replay)
    items[2]["turn"] = 5
    put(replay, items)
    e = refused(replay)
    assert e.turn == 2
    assert f"{replay}: turn 2:" in str(e)


def test_damaged_middle_line(replay):
    text = replay.read_text(encoding="utf-8").splitlines()
    text[2] = text[2][:40]
    replay.write_text("\n".join(text) + "\n", encoding="utf-8")
    e = refused(replay)
    assert e.turn == 2 and "not valid JSON" in str(e)


def test_torn_last_line_is_read_up_to_it_and_fails_verify(replay):
    raw = replay.read_bytes()
    lines = raw.split(b"\n")
    replay.write_bytes(b"\n".join(lines[:3]) + b"\n" + lines[3][:25])
    rp = read_replay(replay)
    assert rp.torn_tail and not rp.finished
    assert [t["turn"] for t in rp.turns] == [1, 2]
    assert rp.torn_line == 4
    verdict = verify(replay)  # the whole turns verify, but the check fails: resume continues
    assert not verdict.ok and verdict.torn and verdict.turns == 2
    assert "line 4 is cut off" in verdict.message and "resume" in verdict.message


# --- writing -------------------------------------------------------------------------------------

def test_writer_refuses_an_existing_file(replay):
    before = replay.read_bytes()
    with pytest.raises(WargameError, match="--force"):
        ReplayWriter(replay, {"format": "x"})
    assert replay.read_bytes() == before


def test_a_failed_header_write_leaves_no_replay(tmp_path, monkeypatch):
    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wargame.replay.os, "fsync", full_disk)
    path = tmp_path / "new.jsonl"
    with pytest.raises(OutputError, match="new.jsonl: cannot write: No space left on device"):
        ReplayWriter(path, {"format": "wargame-replay"})
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # nor a stray temporary file


def test_a_failed_forced_header_write_keeps_the_old_file(replay, monkeypatch):
    before = replay.read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wargame.replay.os, "fsync", full_disk)
    with pytest.raises(OutputError, match="cannot write: No space left on device"):
        ReplayWriter(replay, {"format": "wargame-replay"}, force=True)
    assert replay.read_bytes() == before
    assert read_replay(replay).finished


def test_every_line_ends_with_a_newline(replay):
    raw = replay.read_bytes()
    assert raw.endswith(b"\n")
    assert all(line for line in raw.split(b"\n")[:-1])


def test_append_drops_a_torn_tail(replay):
    lines = replay.read_bytes().split(b"\n")
    replay.write_bytes(b"\n".join(lines[:2]) + b"\n" + lines[2][:30])
    ReplayWriter(replay, append=True)
    assert replay.read_bytes() == b"\n".join(lines[:2]) + b"\n"


# --- verifying -----------------------------------------------------------------------------------

def test_verify_a_good_replay(replay):
    verdict = verify(replay)
    assert verdict.ok and verdict.turns == 3
    assert "identical" in verdict.message and "changed" not in verdict.message


def test_verify_an_edited_outcome(replay):
    items = objs(replay)
    items[-1]["scores"]["eu"]["score"] += 1
    put(replay, items)
    verdict = verify(replay)
    assert not verdict.ok and "outcome" in verdict.message


def test_verify_an_edited_order(replay):
    items = objs(replay)
    items[3]["orders"]["russia"]["pressure"] = "low" if items[3]["orders"]["russia"]["pressure"] != "low" else "high"
    put(replay, items)
    verdict = verify(replay)
    assert not verdict.ok and "turn 3" in verdict.message


def own_scenario(folder, rules_ref=None, source="us-stays"):
    text = (SCENARIOS_DIR / f"{source}.yaml").read_text(encoding="utf-8")
    if rules_ref:
        text = text.replace("scenario:\n", f"scenario:\n  rules: {rules_ref}\n", 1)
    path = folder / "my-scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_verify_notes_a_changed_scenario_with_the_same_outcome(tmp_path):
    scenario = own_scenario(tmp_path)
    path = tmp_path / "game.jsonl"
    play_to_file(path, scenario, seed=3, turns=3)
    assert read_replay(path).header["scenario_file"] == "my-scenario.yaml"
    assert verify(path, scenario).message.endswith("(finished)")
    text = scenario.read_text(encoding="utf-8")
    text = re.sub(r"^  description: .*$", '  description: "the same game, told differently"', text, count=1, flags=re.M)
    scenario.write_text(text, encoding="utf-8")
    for verdict in (verify(path, scenario), verify(path)):  # by path, and found beside the replay
        assert verdict.ok
        assert "scenario changed since this game was played, but the outcome is the same" in verdict.message


def test_verify_reports_changed_rules_that_change_the_outcome(tmp_path):
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    scenario = own_scenario(tmp_path, "rules")
    path = tmp_path / "game.jsonl"
    play_to_file(path, scenario, seed=3, turns=2)
    assert verify(path).ok
    front = tmp_path / "rules" / "front.yaml"
    text = front.read_text(encoding="utf-8")
    front.write_text(re.sub(r"^(  roll_high: )\S+$", r"\g<1>9.5", text, count=1, flags=re.M), encoding="utf-8")
    verdict = verify(path)
    assert not verdict.ok
    assert "rules changed" in verdict.message and "outcome changed" in verdict.message
    assert "turn 1" in verdict.message


def test_verify_without_the_scenario_file(tmp_path):
    scenario = own_scenario(tmp_path)
    path = tmp_path / "game.jsonl"
    play_to_file(path, scenario, turns=1)
    elsewhere = tmp_path / "moved"
    elsewhere.mkdir()
    shutil.move(path, elsewhere / "game.jsonl")
    scenario.unlink()
    with pytest.raises(ReplayError, match="--scenario"):
        verify(elsewhere / "game.jsonl")


def test_verify_an_unknown_packaged_scenario(replay):
    items = objs(replay)
    items[0]["scenario"] = "atlantis"
    put(replay, items)
    with pytest.raises(ReplayError, match="'atlantis' is not installed"):
        verify(replay)


@pytest.mark.parametrize("key, value", [("turns", '"3"'), ("seed", '"x"'), ("controllers", "[]")])
def test_a_damaged_header_value_is_a_one_line_error(tmp_path, key, value):
    from wargame.errors import ReplayError
    from wargame.replay import read_replay
    good = json.dumps({"format": "wargame-replay", "format_version": 1, "scenario": "chaotic", "seed": 1,
                       "turns": 3, "controllers": {}, "rules_sha256": "x", "scenario_sha256": "y"})
    path = tmp_path / "r.jsonl"
    path.write_text(good.replace(f'"{key}": ' + json.dumps(json.loads(good)[key]), f'"{key}": {value}') + "\n")
    with pytest.raises(ReplayError) as info:
        read_replay(path)
    assert str(path) in str(info.value) and key in str(info.value)
