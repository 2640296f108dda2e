"""The white cell's powers in a seminar, run as a facilitator would through the CLI: a conditional inject
that fires, a private inject, an inject added on the spot, two requests for information (one answered
to all, one privately), an assumption and a turn taken back; the replay verifies, each team's pack
shows only what it may see, and the hotwash, the debrief and the CSV files list everything."""

import csv
import json

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.engine import Game
from wargame.errors import RuleErrors, WargameError
from wargame.injects import InjectsFile, check_injects, condition_holds, due
from wargame.replay import read_replay, verify

INJECTS = """injects:
  - turn: 1
    day: 5
    text: "Cyber attack on Ukrainian rail"
    by: "White cell (lead)"
    reason: "Test Ukraine's logistics"
    kind: hybrid
    visible_to: [ukraine]
  - id: flank-alarm
    when: {metric: flank.crises, op: ">=", value: 0}
    text: "NATO raises its alert level"
    by: "White cell"
    reason: "The flank is under pressure"
  - turn: 1
    day: 2
    text: "An old-style inject"
"""


def run(*args, code=0):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r


def submit_all(folder, turn):
    for side in ("eu", "ukraine"):
        run("seminar", "submit", folder, "--side", side, folder / "packs" / side / f"orders-turn-{turn:02d}.yaml")


@pytest.fixture(scope="module")
def seminar(tmp_path_factory):
    base = tmp_path_factory.mktemp("wc")
    (base / "wc.yaml").write_text(INJECTS, encoding="utf-8")
    folder = base / "sem"
    run("seminar", "new", "coordinated", folder, "--turns", 2, "--seed", 4, "--injects", base / "wc.yaml",
        "--bot", "russia=attrition")
    r = run("seminar", "rfi", "ask", folder, "--side", "eu", "What do we know of Russian stocks?")
    assert "Request 1 from eu (turn 1)" in r.output
    run("seminar", "rfi", "ask", folder, "--side", "ukraine", "Will the US keep sharing intelligence?")
    run("seminar", "rfi", "answer", folder, 1, "About 3 million shells", "--to", "all")
    r = run("seminar", "rfi", "answer", folder, 9, "no such", code=1)
    assert "no request for information number 9" in r.output
    r = run("seminar", "rfi", "answer", folder, 2, "x", "--to", "eu", code=1)
    assert "came from ukraine" in r.output
    r = run("seminar", "status", folder)
    assert "open request 2 from ukraine" in r.output and "open request 1" not in r.output
    assert "for Ukraine only" in r.output  # the private inject due, with who and why
    r = run("seminar", "rfi", "list", folder, "--open")
    assert "2. ukraine" in r.output and "1. eu" not in r.output
    run("seminar", "assume", folder, "Russia keeps its war economy through 2027")
    r = run("seminar", "inject", folder, "--day", 20, "--text", "EU summit called", "--by", "Control",
            "--reason", "Force a decision", "--to", "eu")
    assert "(for eu only)" in r.output
    run("seminar", "inject", folder, "--day", 500, "--text", "too late", code=1)
    submit_all(folder, 1)
    r = run("seminar", "rule", folder, "--list")
    assert "Crisis on the eastern flank?" in r.output
    r = run("seminar", "rule", folder, "--what", "Crisis on the eastern flank?", "--value", 0.999, "--by", "Umpire",
            "--reason", "No crisis while talks run")
    assert "ruled 0.999: No crisis while talks run" in r.output and "no crisis" in r.output
    run("seminar", "rule", folder, "--what", "no such roll", "--value", 0.5, "--reason", "x", code=1)
    run("seminar", "rule", folder, "--roll", 0, "--value", 1.5, "--reason", "x", code=1)
    run("seminar", "turn", folder)
    run("seminar", "rfi", "answer", folder, 2, "Yes, for now", "--to", "ukraine")
    submit_all(folder, 2)
    run("seminar", "turn", folder)
    before = (folder / "game.jsonl").read_text(encoding="utf-8").splitlines()
    r = run("seminar", "undo", folder, "--reason", "EU entered the wrong budget")
    assert "Turn 2 taken back" in r.output
    after = (folder / "game.jsonl").read_text(encoding="utf-8").splitlines()
    assert after == before[:2]  # the header and turn 1; turn 2 and the end line are gone
    r = run("seminar", "hotwash", folder)
    assert "TAKEN BACK: Turn 2 was taken back and is not played again yet: EU entered the wrong budget" in r.output
    run("seminar", "undo", folder, "--reason", " ", code=1)
    run("seminar", "submit", folder, "--side", "eu", folder / "packs" / "eu" / "orders-turn-02.yaml")
    run("seminar", "turn", folder)
    return folder


def test_the_replay_verifies_and_keeps_the_white_cells_acts(seminar):
    v = verify(seminar / "game.jsonl")
    assert v.ok, v.message
    replay = read_replay(seminar / "game.jsonl")
    t1, t2 = replay.turns
    acts1 = [e["act"] for e in t1["white_cell"]]
    assert acts1 == ["ask", "ask", "answer", "assume", "inject", "rule"]
    ruling = t1["white_cell"][-1]
    assert ruling["reason"] == "No crisis while talks run" and ruling["by"] == "Umpire"
    assert t1["given_rolls"] == {str(ruling["roll"]): 0.999}
    assert t1["rolls"][ruling["roll"]]["given"] is True and t1["rolls"][ruling["roll"]]["what"] == "Crisis on the eastern flank?"
    assert [e["act"] for e in t2["white_cell"]] == ["answer", "undo"]
    assert t2["white_cell"][1]["reason"] == "EU entered the wrong budget"
    undone = [json.loads(x) for x in (seminar / "undone.jsonl").read_text(encoding="utf-8").splitlines()]
    assert undone[0]["turn"] == 2 and json.loads(undone[0]["line"])["turn"] == 2 and undone[0]["end"]
    # each inject as checked: the private one, the one added on the spot, the conditional one fired on turn 2
    texts1 = {i["text"]: i for i in t1["injects"]}
    assert texts1["Cyber attack on Ukrainian rail"]["visible_to"] == ["ukraine"]
    assert texts1["EU summit called"]["by"] == "Control"
    assert "by" not in texts1["An old-style inject"]  # fields not given stay out of the record
    assert [i["id"] for i in t2["injects"]] == ["flank-alarm"] and t2["injects"][0]["turn"] == 2


def test_each_pack_shows_only_what_its_team_may_see(seminar):
    eu = (seminar / "packs" / "eu" / "turn-01.txt").read_text(encoding="utf-8")
    ua = (seminar / "packs" / "ukraine" / "turn-01.txt").read_text(encoding="utf-8")
    world = (seminar / "world" / "turn-01.txt").read_text(encoding="utf-8")
    assert "EU summit called" in eu and "EU summit called" not in ua and "EU summit called" not in world
    assert "Cyber attack" in ua and "Cyber attack" not in eu and "Cyber attack" not in world
    assert "An old-style inject" in world
    assert "Force a decision" in eu  # who and why reach the team that saw it
    eu2 = (seminar / "packs" / "eu" / "turn-02.html").read_text(encoding="utf-8")
    ua2 = (seminar / "packs" / "ukraine" / "turn-02.html").read_text(encoding="utf-8")
    assert "About 3 million shells" in eu2 and "About 3 million shells" in ua2  # answered to all
    assert "Will the US keep sharing intelligence?" in ua2 and "Yes, for now" in ua2
    assert "Will the US keep sharing intelligence?" not in eu2 and "Yes, for now" not in eu2
    world2 = (seminar / "world" / "turn-02.txt").read_text(encoding="utf-8")
    assert "NATO raises its alert level" in world2


def test_the_hotwash_lists_everything(seminar, tmp_path):
    r = run("seminar", "hotwash", seminar)
    for text in ("Cyber attack on Ukrainian rail", "Test Ukraine's logistics", "for Ukraine only",
                 "EU summit called", "Force a decision", "NATO raises its alert level", "fired as flank.crises >= 0",
                 "What do we know of Russian stocks?", "About 3 million shells", "Yes, for now",
                 "Russia keeps its war economy through 2027", "CORRECTION", "EU entered the wrong budget",
                 "values rest on a design assumption", "points", "Umpire's ruling by Umpire",
                 "No crisis while talks run"):
        assert text in r.output, text
    run("seminar", "hotwash", seminar, "--html", tmp_path / "h.html")
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "Correction." in page and "Test Ukraine&#x27;s logistics" in page and "<script" not in page


def test_the_debrief_shows_the_white_cell_and_exports_rfis(seminar, tmp_path):
    run("debrief", seminar / "game.jsonl", "--csv", tmp_path / "csv", "--html", tmp_path / "d.html")
    with open(tmp_path / "csv" / "rfis.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["turn"], r["n"], r["act"], r["to"]) for r in rows] == [
        ("1", "1", "ask", ""), ("1", "2", "ask", ""), ("1", "1", "answer", "all"), ("2", "2", "answer", "ukraine")]
    with open(tmp_path / "csv" / "injects.csv", newline="", encoding="utf-8") as f:
        injects = {r["text"]: r for r in csv.DictReader(f)}
    assert injects["Cyber attack on Ukrainian rail"]["visible_to"] == "ukraine"
    assert injects["NATO raises its alert level"]["when"] == "flank.crises >= 0"
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "White cell" in page and "corrected" in page and "EU entered the wrong budget" in page


def test_verify_catches_a_conditional_inject_that_was_not_due(seminar, tmp_path):
    lines = (seminar / "game.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    rec = json.loads(lines[2])
    rec["injects"][0]["when"]["value"] = 99
    lines[2] = json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    edited = tmp_path / "game.jsonl"
    edited.write_text("".join(lines), encoding="utf-8")
    v = verify(edited)
    assert not v.ok and "turn 2" in v.message and "injects[1] fired on flank.crises" in v.message


def test_assumptions_lists_design_assumptions_with_file_and_line():
    r = run("assumptions")
    first = r.output.splitlines()[0]
    assert first.startswith("rules/adjudication.yaml:") and "design assumption" in first  # the first rules file by name
    assert r.output.rstrip().endswith("values rest on a design assumption.")
    run("assumptions", "/no/such/folder", code=1)


# ----- the inject schema and the condition check --------------------------------------------------

@pytest.fixture(scope="module")
def game():
    return Game.load("coordinated")


def test_old_injects_read_as_before(game):
    assert check_injects(game, [{"turn": 1, "text": "x"}]) == [
        {"turn": 1, "day": 0, "text": "x", "cohesion": 0.0, "support": 0.0, "funds": {}, "stocks": {}}]


@pytest.mark.parametrize("inj, message", [
    ({"text": "x"}, "missing key 'turn' (or a 'when:' condition)"),
    ({"turn": 1, "text": "x", "visible_to": ["usa"]}, "visible_to: expected all or a list of sides"),
    ({"turn": 1, "text": "x", "visible_to": []}, "visible_to: expected all or a list of sides"),
    ({"text": "x", "when": {"metric": "flank.crises", "op": ">", "value": 1}}, "expected one of >=, <="),
    ({"turn": 1, "text": "x", "by": 3}, "by: expected text"),
])
def test_bad_injects_are_named(game, inj, message):
    with pytest.raises(WargameError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_injects(game, [inj])


def test_visible_to_all_is_the_default_and_stays_out_of_the_record(game):
    assert "visible_to" not in check_injects(game, [{"turn": 1, "text": "x", "visible_to": "all"}])[0]


def test_an_unknown_metric_in_a_condition_is_file_and_line(game, tmp_path):
    path = tmp_path / "i.yaml"
    path.write_text("injects:\n  - text: x\n    when: {metric: no.such, op: '>=', value: 1}\n", encoding="utf-8")
    with pytest.raises(RuleErrors, match=r"i.yaml:3.*unknown metric 'no.such'"):
        InjectsFile(path).for_turn(game, 2, {})


@pytest.mark.parametrize("op, value, metric, holds", [
    (">=", 2, 2, True), (">=", 2, 1.99, False), ("<=", 0.5, 0.5, True), ("<=", 0.5, 0.6, False),
    (">=", 0, None, False),
])
def test_condition_holds(op, value, metric, holds):
    metrics = {} if metric is None else {"flank.crises": metric}
    assert condition_holds({"metric": "flank.crises", "op": op, "value": value}, metrics) is holds


def test_a_conditional_inject_fires_once_not_before_its_turn_and_not_on_turn_1():
    cond = {"id": "a", "text": "A", "day": 0, "turn": 3, "when": {"metric": "m", "op": ">=", "value": 1}}
    sched = {"text": "S", "day": 0, "turn": 2}
    assert due([cond, sched], 1, None) == []
    assert due([cond, sched], 2, {"m": 5}) == [sched]  # not before turn 3
    assert due([cond], 3, {"m": 5}) == [dict(cond, turn=3)]
    assert due([cond], 3, {"m": 0}) == []
    assert due([cond], 4, {"m": 5}, fired={"a"}) == []


def test_a_conditional_inject_fires_once_in_a_played_game_and_verifies(tmp_path):
    injects = tmp_path / "i.yaml"
    injects.write_text("injects:\n  - id: a\n    when: {metric: flank.crises, op: '>=', value: 0}\n"
                       "    text: Alert\n    by: me\n", encoding="utf-8")
    out = tmp_path / "g.jsonl"
    run("play", "coordinated", "--turns", 3, "--injects", injects, "--out", out)
    turns = read_replay(out).turns
    assert [len(t.get("injects", [])) for t in turns] == [0, 1, 0]
    assert verify(out).ok


@pytest.mark.parametrize("audience, shown, hidden", [
    (["--side", "eu"], ["What do we know of Russian stocks?", "About 3 million shells", "EU summit called"],
     ["Will the US keep sharing intelligence?", "Yes, for now", "No crisis while talks run",
      "Russia keeps its war economy through 2027", "EU entered the wrong budget", "Cyber attack"]),
    (["--side", "ukraine"], ["Will the US keep sharing intelligence?", "Yes, for now", "About 3 million shells",
                             "Cyber attack", "What do we know of Russian stocks?"],  # answered to all
     ["EU summit called", "No crisis while talks run",
      "Russia keeps its war economy through 2027", "EU entered the wrong budget"]),
    (["--public"], ["About 3 million shells", "What do we know of Russian stocks?"],
     ["Will the US keep sharing intelligence?", "Yes, for now",
      "EU summit called", "Cyber attack", "No crisis while talks run", "Russia keeps its war economy through 2027",
      "EU entered the wrong budget"]),
])
def test_a_sides_debrief_shows_only_its_own_requests_and_none_of_controls_acts(seminar, tmp_path, audience, shown, hidden):
    """A team's debrief (terminal, HTML, CSV) holds its own questions, the answers sent to it or to all,
    and the injects meant for it; rulings, assumptions and corrections are control's."""
    out = tmp_path / "out"
    text = run("debrief", seminar / "game.jsonl", *audience).output
    run("debrief", seminar / "game.jsonl", *audience, "--html", out / "d.html", "--csv", out / "csv")
    everything = text + (out / "d.html").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (out / "csv").iterdir())
    for s in shown:
        assert s in everything, s
    for s in hidden:
        assert s not in everything, s
