"""A whole seminar as a facilitator runs it, through the CLI on real files: a scenario that seats the
US (played by a bot), an umpire's override, a matrix ruling, a conditional inject that fires, a
private inject, two requests for information (one answered to all, one privately), an undo and
corrected orders. The replay verifies, and each team's pack and debrief shows only what it may see."""

import json

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.replay import read_replay, verify

INJECTS = """injects:
  - turn: 1
    day: 5
    text: "Partisans cut a rail line near Melitopol"
    by: "White cell"
    reason: "Test Ukraine's use of local intelligence"
    kind: hybrid
    visible_to: [ukraine]
  - id: flank-alarm
    when: {metric: front.ground_km2, op: ">=", value: 1}
    text: "NATO raises its alert level on the eastern flank"
    by: "White cell"
    reason: "Russian gains prompt allied signalling"
    kind: politics
"""
PRIVATE = ("Partisans cut a rail line near Melitopol", "Test Ukraine's use of local intelligence")
EU_ASKS, UA_ASKS = "What do we know of Russian shell stocks?", "Will the US keep sharing intelligence?"
TO_ALL, TO_UA = "About three million, mostly refurbished", "Yes, for now"
VETO_REASON = "Hungary holds out for an energy exemption"
MATRIX = "Drones over the Baltic states test NATO's resolve"
UNDO_REASON = "The EU entered the wrong budget share"


def run(*args, code=0):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    assert "Traceback" not in r.output
    return r


def sheet(folder, side, turn, **fields):
    """A team's pre-filled orders sheet from its pack, with some lines replaced."""
    text = (folder / "packs" / side / f"orders-turn-{turn:02d}.yaml").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        lines.append(f"{key}: {fields.pop(key)}" if key in fields and not line.startswith("#") else line)
    assert not fields, fields
    out = folder.parent / f"{side}-{turn}.yaml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def seminar(tmp_path_factory):
    base = tmp_path_factory.mktemp("whole")
    (base / "wc.yaml").write_text(INJECTS, encoding="utf-8")
    s = base / "sem"
    r = run("seminar", "new", "us-seat", s, "--turns", 3, "--seed", 2, "--bot", "us=road_map",
            "--bot", "russia=attrition", "--injects", base / "wc.yaml")
    assert "us bot:road_map" in r.output
    # turn 1: two requests, the modes, the teams' orders, an override and a matrix ruling
    run("seminar", "rfi", "ask", s, "--side", "eu", EU_ASKS)
    run("seminar", "rfi", "ask", s, "--side", "ukraine", UA_ASKS)
    run("seminar", "rfi", "answer", s, 1, TO_ALL, "--to", "all")
    run("seminar", "rfi", "answer", s, 2, TO_UA)
    run("seminar", "mode", s, "eu_veto", "umpire", "--reason", "the class argues the Council vote", "--by", "Control")
    run("seminar", "mode", s, "flank_crisis", "matrix", "--reason", "Russian probing is contested", "--by", "Control")
    run("seminar", "submit", s, "--side", "eu",
        sheet(s, "eu", 1, projects="[enablers_phase1]", rationale='"Fund the enablers first"'))
    run("seminar", "submit", s, "--side", "ukraine", s / "packs" / "ukraine" / "orders-turn-01.yaml")
    r = run("seminar", "propose", s)
    assert "eu_veto (umpire)" in r.output and "awaits a matrix argument" in r.output
    run("seminar", "rule", s, "--question", "eu_veto", "--outcome", "veto", "--reason", VETO_REASON,
        "--by", "Control (A. Smith)")
    run("seminar", "matrix", s, "flank_crisis", "--side", "russia", "--argument", MATRIX,
        "--pro", "reserve held back on the flank", "--con", "EU air policing is reinforced", "--modifier", -1,
        "--by", "Control (A. Smith)")
    run("seminar", "turn", s)
    run("seminar", "mode", s, "flank_crisis", "table", "--reason", "back to the tables", "--by", "Control")
    # turn 2: the conditional inject is due; wrong EU orders, taken back and corrected
    assert "fired as front.ground_km2 >= 1" in run("seminar", "status", s).output
    run("seminar", "submit", s, "--side", "eu", sheet(s, "eu", 2, budget_share=0.021))
    run("seminar", "submit", s, "--side", "ukraine", s / "packs" / "ukraine" / "orders-turn-02.yaml")
    run("seminar", "turn", s)
    assert "Turn 2 taken back" in run("seminar", "undo", s, "--reason", UNDO_REASON).output
    run("seminar", "submit", s, "--side", "eu", sheet(s, "eu", 2, budget_share=0.025))
    run("seminar", "turn", s)
    # turn 3: the teams hand nothing in; the bots play for them and the record says so
    run("seminar", "turn", s, "--force-bots")
    return s


def test_the_replay_verifies_with_every_ruling_inject_request_and_the_correction(seminar):
    v = verify(seminar / "game.jsonl")
    assert v.ok, v.message
    replay = read_replay(seminar / "game.jsonl")
    assert replay.finished and len(replay.turns) == 3
    assert replay.header["controllers"]["us"] == "bot:road_map"
    t1, t2, t3 = replay.turns
    acts = [e["act"] for e in t1["white_cell"]]
    assert acts.count("ask") == 2 and acts.count("answer") == 2 and "rule" in acts and "matrix" in acts
    assert t1["given_rolls"]  # the override and the matrix ruling decided rolls, kept as given
    assert [i["text"] for i in t1["injects"]] == [PRIVATE[0]]
    assert [i["id"] for i in t2["injects"]] == ["flank-alarm"]
    assert [e["act"] for e in t2["white_cell"]] == ["mode", "undo"] and t2["white_cell"][1]["reason"] == UNDO_REASON
    assert t2["orders"]["eu"]["budget_share"] == 0.025  # the corrected orders were played
    assert all("us" in t["orders"] for t in replay.turns)  # the seated US bot gave orders every turn
    assert any(e["kind"] == "us" and e["public"] for t in replay.turns for e in t["events"])


@pytest.mark.parametrize("side, sees, never", [
    ("eu", [EU_ASKS, TO_ALL], [UA_ASKS, TO_UA, *PRIVATE, VETO_REASON, MATRIX, UNDO_REASON]),
    # the EU's question was answered to all, so every team sees it with its answer
    ("ukraine", [EU_ASKS, UA_ASKS, TO_UA, TO_ALL, *PRIVATE], [VETO_REASON, MATRIX, UNDO_REASON]),
])
def test_each_teams_pack_and_debrief_show_only_what_it_may_see(seminar, side, sees, never, tmp_path):
    packs = "".join(p.read_text(encoding="utf-8") for p in sorted((seminar / "packs" / side).glob("turn-*.*")))
    run("debrief", seminar / "game.jsonl", "--side", side, "--html", tmp_path / "d.html", "--csv", tmp_path / "csv")
    debrief = (run("debrief", seminar / "game.jsonl", "--side", side).output
               + (tmp_path / "d.html").read_text(encoding="utf-8")
               + "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").iterdir()))
    for text in sees:
        assert text in packs, text
        assert text in debrief, text
    for text in never:
        assert text not in packs, text
        assert text not in debrief, text
    # the US bot's orders and rationale are the US seat's own
    us = json.dumps([t["orders"]["us"] for t in read_replay(seminar / "game.jsonl").turns])
    rationale = read_replay(seminar / "game.jsonl").turns[0]["orders"]["us"].get("rationale")
    assert us not in debrief and (not rationale or rationale not in packs + debrief)


def test_the_world_page_and_the_hotwash(seminar):
    world = "".join(p.read_text(encoding="utf-8") for p in sorted((seminar / "world").glob("turn-*.txt")))
    assert "NATO raises its alert level" in world and "US announces" in world
    for text in (*PRIVATE, EU_ASKS, UA_ASKS, TO_UA, VETO_REASON, MATRIX):
        assert text not in world, text
    hot = run("seminar", "hotwash", seminar).output
    for text in (*PRIVATE, EU_ASKS, UA_ASKS, TO_ALL, TO_UA, VETO_REASON, MATRIX, UNDO_REASON, "CORRECTION",
                 "UMPIRE override", "MATRIX ruling", "fired as front.ground_km2 >= 1"):
        assert text in hot, text


def test_a_us_team_asks_control_and_gets_its_own_injects(tmp_path):
    s = tmp_path / "us"
    run("seminar", "new", "us-seat", s, "--turns", 2, "--seed", 5)  # the US is a team
    run("seminar", "rfi", "ask", s, "--side", "us", "Will Congress fund the next tranche?")
    run("seminar", "inject", s, "--day", 3, "--text", "A Senate hold on the aid bill", "--by", "Control",
        "--reason", "Pressure on the US team", "--to", "us")
    run("seminar", "turn", s, "--force-bots")
    us = "".join(p.read_text(encoding="utf-8") for p in (s / "packs" / "us").glob("turn-01.*"))
    others = "".join(p.read_text(encoding="utf-8") for side in ("eu", "ukraine", "russia")
                     for p in (s / "packs" / side).glob("turn-01.*"))
    others += "".join(p.read_text(encoding="utf-8") for p in (s / "world").glob("turn-01.*"))
    for text in ("Will Congress fund the next tranche?", "A Senate hold on the aid bill", "Pressure on the US team"):
        assert text in us, text
        assert text not in others, text
    # where the scenario does not seat the US, no inject can be meant for it
    c = tmp_path / "co"
    run("seminar", "new", "coordinated", c, "--turns", 2)
    r = run("seminar", "inject", c, "--text", "x", "--to", "us", code=1)
    assert "does not seat the US" in r.output
    r = run("seminar", "rfi", "ask", c, "--side", "us", "x", code=1)
    assert "does not seat us" in r.output
