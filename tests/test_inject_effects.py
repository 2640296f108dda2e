"""Injects that move the front, raise a crisis on the eastern flank or postpone an EU-level decision,
within the limits of rules/adjudication.yaml (`injects`), run as a facilitator would through the CLI:
a seminar with one inject of each kind (the front's private to Ukraine), the replay verifies, each
team's pack and debrief shows only what it may see; play applies exactly what the inject says; an
inject beyond the limits is refused with file:line by validate, play, resume, seminar inject and
replay verify."""

import csv
import json

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.rules import RULES_DIR, load_rules

LIMITS = load_rules(RULES_DIR).adjudication.injects

SEMINAR_INJECTS = """injects:
  - turn: 1
    day: 10
    text: "Counter-attack south of Pokrovsk"
    front_km2: -300
    by: "White cell (lead)"
    reason: "See whether Russia commits its reserve"
    kind: military
    visible_to: [ukraine]
"""


def run(*args, code=0):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    assert "Traceback" not in r.output
    return r


def lines_of(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seminar(tmp_path_factory):
    """Two turns of the coordinated scenario, three teams: turn 1 has a private front inject from the
    file, a crisis and a postponement added on the spot; the EU starts the programme postponed."""
    base = tmp_path_factory.mktemp("effects")
    (base / "wc.yaml").write_text(SEMINAR_INJECTS, encoding="utf-8")
    folder = base / "sem"
    run("seminar", "new", "coordinated", folder, "--turns", 2, "--seed", 5, "--injects", base / "wc.yaml")
    r = run("seminar", "inject", folder, "--day", 20, "--text", "Drones over Lithuania", "--crisis", "airspace_incursion",
            "--by", "Control", "--reason", "Pressure on the flank", "--kind", "hybrid")
    assert "crisis on the eastern flank: airspace incursion" in r.output
    r = run("seminar", "inject", folder, "--text", "A member state blocks the enablers", "--delay", "enablers_phase1=30",
            "--by", "Control", "--reason", "Unanimity under strain")
    assert "postpones the EU decision on enablers_phase1 30 days" in r.output
    status = run("seminar", "status", folder).output
    assert "front: Ukraine regains 300 km2; by White cell (lead)" in status
    sheet = (folder / "packs" / "eu" / "orders-turn-01.yaml").read_text(encoding="utf-8")
    (base / "eu-1.yaml").write_text(sheet.replace("projects: []", "projects: [enablers_phase1]", 1), encoding="utf-8")
    run("seminar", "submit", folder, "--side", "eu", base / "eu-1.yaml")
    for side in ("ukraine", "russia"):
        run("seminar", "submit", folder, "--side", side, folder / "packs" / side / "orders-turn-01.yaml")
    run("seminar", "turn", folder)
    return folder


def test_the_effects_are_in_the_turn_and_the_replay_verifies(seminar):
    rec = lines_of(seminar / "game.jsonl")[1]
    public = [e["text"] for e in rec["events"] if e["public"]]
    assert "Front: Ukraine regains 300 km2" in public
    assert "Crisis on the eastern flank: airspace incursion" in public
    assert any(t.endswith("the go-ahead comes 30 days later (postponed)") for t in public)
    assert any("programme starts on day 30 of the turn" in e["text"] for e in rec["events"])
    private = [e for e in rec["events"] if e["kind"] == "inject_private"]
    assert [(e["side"], e["public"]) for e in private] == [("ukraine", False)]
    assert rec["metrics"]["flank.crises"] >= 1
    assert [i.get("front_km2") for i in rec["injects"]] == [-300, None, None]
    assert rec["injects"][2]["delay"] == {"decision": "enablers_phase1", "days": 30}
    assert "1 turn identical" in run("replay", "verify", seminar / "game.jsonl").output


def test_a_private_inject_moves_public_ground_but_its_text_and_reasons_stay_its_teams(seminar):
    secret = ("Counter-attack south of Pokrovsk", "See whether Russia commits its reserve", "White cell (lead)")
    world = (seminar / "world" / "turn-01.txt").read_text(encoding="utf-8")
    assert "Front: Ukraine regains 300 km2" in world and "Crisis on the eastern flank" in world
    ua = (seminar / "packs" / "ukraine" / "turn-01.txt").read_text(encoding="utf-8")
    assert all(s in ua for s in secret) and "front: Ukraine regains 300 km2" in ua
    for side in ("eu", "russia"):
        pack = (seminar / "packs" / side / "turn-01.txt").read_text(encoding="utf-8")
        html = (seminar / "packs" / side / "turn-01.html").read_text(encoding="utf-8")
        assert not any(s in pack or s in html for s in secret), side
        assert "Drones over Lithuania" in pack and "Pressure on the flank" in pack  # a public inject: who and why
    for side, sees in (("russia", False), ("eu", False), ("ukraine", True)):
        page = seminar.parent / f"{side}.html"
        run("debrief", seminar / "game.jsonl", "--side", side, "--html", page)
        text = page.read_text(encoding="utf-8")
        assert all((s in text) is sees for s in secret), side
        assert "Ukraine regains 300 km2" in text
    shown = run("replay", "show", seminar / "game.jsonl", "--public", "--turn", 1).output
    assert "Ukraine regains 300 km2" in shown and not any(s in shown for s in secret)


def test_hotwash_debrief_and_csv_show_each_effect_with_who_and_why(seminar, tmp_path):
    hot = run("seminar", "hotwash", seminar).output
    assert ("Counter-attack south of Pokrovsk (front: Ukraine regains 300 km2; by White cell (lead); kind: military; "
            "for Ukraine only: See whether Russia commits its reserve)") in hot
    assert ("Drones over Lithuania (crisis on the eastern flank: airspace incursion; by Control; kind: hybrid: "
            "Pressure on the flank)") in hot
    assert ("A member state blocks the enablers (postpones the EU decision on enablers_phase1 30 days; by Control: "
            "Unanimity under strain)") in hot
    run("debrief", seminar / "game.jsonl", "--csv", tmp_path / "csv", "--html", tmp_path / "d.html")
    with open(tmp_path / "csv" / "injects.csv", newline="", encoding="utf-8") as f:
        effects = {r["text"]: r["effect"] for r in csv.DictReader(f)}
    assert effects == {"Counter-attack south of Pokrovsk": "front: Ukraine regains 300 km2",
                       "Drones over Lithuania": "crisis on the eastern flank: airspace incursion",
                       "A member state blocks the enablers": "postpones the EU decision on enablers_phase1 30 days"}
    assert "See whether Russia commits its reserve" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_seminar_inject_refuses_what_would_take_the_turn_beyond_the_limits(seminar):
    over = int(LIMITS.front_km2) + 1
    r = run("seminar", "inject", seminar, "--text", "Too much", "--front-km2", over, code=1)
    assert f"this inject moves the front {over:,} km2, beyond the rules' {LIMITS.front_km2:,.0f} km2 a turn" in r.output
    # turn 2 gets one crisis; a second is beyond the rules' one a turn
    run("seminar", "inject", seminar, "--text", "Border incident", "--crisis", "border_crisis")
    r = run("seminar", "inject", seminar, "--text", "Another", "--crisis", "hybrid_sabotage", code=1)
    assert f"raise {LIMITS.crises + 1} crises, beyond the rules' {LIMITS.crises} a turn" in r.output
    assert "the inject is not added" in r.output
    r = run("seminar", "inject", seminar, "--text", "x", "--delay", "eu_shells=10", code=1)
    assert "[0].delay.decision: unknown decision 'eu_shells'" in r.output
    added = (seminar / "injects-added.yaml").read_text(encoding="utf-8")
    assert "Too much" not in added and "Another" not in added and "Border incident" in added


def play_one_turn(tmp_path, name, injects):
    path = tmp_path / f"{name}.yaml"
    path.write_text(injects, encoding="utf-8")
    run("play", "coordinated", "--turns", 1, "--seed", 2, "--injects", path, "--out", tmp_path / f"{name}.jsonl")
    return lines_of(tmp_path / f"{name}.jsonl")[1]["metrics"]


def test_play_applies_exactly_the_ground_and_the_crisis_an_inject_names(tmp_path):
    plain = play_one_turn(tmp_path, "plain", "injects:\n  - turn: 1\n    text: nothing\n")
    moved = play_one_turn(tmp_path, "moved", "injects:\n  - turn: 1\n    day: 40\n    text: breakthrough\n"
                                             "    front_km2: 450\n    crisis: border_crisis\n")
    assert moved["front.change_km2"] - plain["front.change_km2"] == pytest.approx(450)
    assert moved["front.ground_km2"] - plain["front.ground_km2"] == pytest.approx(450)
    assert moved["flank.crises"] == plain["flank.crises"] + 1
    assert moved["politics.cohesion"] < plain["politics.cohesion"]  # the crisis's shock (rules/deterrence.yaml)
    run("replay", "verify", tmp_path / "moved.jsonl")


@pytest.mark.parametrize("text, line, message", [
    (f"  - turn: 1\n    text: a\n    front_km2: {-(LIMITS.front_km2 + 1):g}\n", 4,
     f"injects[0].front_km2: this inject moves the front {LIMITS.front_km2 + 1:,.0f} km2, beyond the rules'"),
    ("  - turn: 2\n    text: a\n    front_km2: {half}\n  - turn: 2\n    text: b\n    front_km2: {half}\n", 7,
     f"injects[1].front_km2: the injects of turn 2 move the front {2 * (LIMITS.front_km2 // 2 + 1):,.0f} km2 in all"),
    ("  - turn: 1\n    text: a\n    crisis: border_crisis\n" * (LIMITS.crises + 1), 3 * LIMITS.crises + 4,
     f"injects[{LIMITS.crises}].crisis: the injects of turn 1 raise {LIMITS.crises + 1} crises"),
    (f"  - turn: 1\n    text: a\n    delay: {{decision: enablers_phase1, days: {LIMITS.delay_days + 1}}}\n", 4,
     f"injects[0].delay: this inject postpones enablers_phase1 {LIMITS.delay_days + 1} days, beyond the rules'"),
    ("  - turn: 1\n    text: a\n    crisis: invasion\n", 4, "injects[0].crisis: unknown crisis_kind 'invasion'"),
])
def test_an_inject_beyond_the_limits_is_refused_by_validate_and_play_with_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "inj.yaml"
    path.write_text("injects:\n" + text.replace("{half}", str(LIMITS.front_km2 // 2 + 1)), encoding="utf-8")
    r = run("validate", path, code=1)
    assert f"inj.yaml:{line}: {message}" in r.output and len(r.output.strip().splitlines()) == 1, r.output
    r = run("play", "coordinated", "--turns", 2, "--injects", path, "--out", tmp_path / "g.jsonl", code=1)
    assert f"inj.yaml:{line}: {message}" in r.output and not (tmp_path / "g.jsonl").exists()


WHEN_AND_SCHEDULED = """injects:
  - id: push
    when: {{metric: flank.crises, op: ">=", value: 0}}
    text: "Russia pushes"
    front_km2: {a}
  - turn: 2
    text: "And again"
    front_km2: {b}
"""


def test_a_conditional_inject_that_takes_its_turn_beyond_the_limit_stops_play_there_and_resume_goes_on(tmp_path):
    """Each inject is within the limit, so validate passes; the conditional one fires on turn 2 beside
    the scheduled one and together they go beyond: play stops before turn 2 naming the file and line,
    the replay keeps turn 1, and resume with the corrected file plays on and verifies."""
    half = LIMITS.front_km2 / 2 + 1
    path = tmp_path / "inj.yaml"
    path.write_text(WHEN_AND_SCHEDULED.format(a=half, b=half), encoding="utf-8")
    run("validate", path)
    r = run("play", "coordinated", "--turns", 2, "--injects", path, "--out", tmp_path / "g.jsonl", code=1)
    assert "inj.yaml:8: injects[1].front_km2: the injects of turn 2 move the front" in r.output
    assert len(lines_of(tmp_path / "g.jsonl")) == 2  # the header and turn 1
    path.write_text(WHEN_AND_SCHEDULED.format(a=half, b=-100), encoding="utf-8")
    run("resume", tmp_path / "g.jsonl", "--injects", path)
    turn2 = lines_of(tmp_path / "g.jsonl")[2]
    assert [i["front_km2"] for i in turn2["injects"]] == [half, -100]
    assert "2 turns identical" in run("replay", "verify", tmp_path / "g.jsonl").output


def test_replay_verify_refuses_a_recorded_inject_edited_beyond_the_limit(tmp_path):
    path = tmp_path / "inj.yaml"
    path.write_text("injects:\n  - turn: 1\n    day: 3\n    text: push\n    front_km2: 200\n", encoding="utf-8")
    run("play", "coordinated", "--turns", 1, "--injects", path, "--out", tmp_path / "g.jsonl")
    lines = (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    rec = json.loads(lines[1])
    rec["injects"][0]["front_km2"] = LIMITS.front_km2 * 2
    lines[1] = json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    (tmp_path / "g.jsonl").write_text("".join(lines), encoding="utf-8")
    r = run("replay", "verify", tmp_path / "g.jsonl", code=1)
    assert "turn 1" in r.output and f"beyond the rules' {LIMITS.front_km2:,.0f} km2 a turn" in r.output


def test_a_sides_view_of_the_record_keeps_only_the_injects_it_may_see(seminar):
    """record_for, the one filter of every side's and the public view: the recorded injects and the
    injects added on the spot (white-cell acts) are their audience's; the events carry the ground."""
    from wargame.visibility import record_for
    rec = lines_of(seminar / "game.jsonl")[1]
    private = rec["injects"][0]
    acts = [{"act": "inject", "inject": private}, {"act": "inject", "inject": rec["injects"][1]},
            {"act": "assume", "text": "x"}]
    rec = dict(rec, white_cell=acts)
    for side, sees in (("ukraine", True), ("eu", False), ("russia", False)):
        view = record_for(rec, side)
        assert (private in view["injects"]) is sees and len(view["injects"]) == 2 + sees
        # the assumption is control's (wargame.visibility.white_cell_visible)
        assert ({"act": "inject", "inject": private} in view["white_cell"]) is sees and len(view["white_cell"]) == 1 + sees
        assert "Front: Ukraine regains 300 km2" in [e["text"] for e in view["events"]]
    public = record_for(rec, public_only=True)
    assert private not in public["injects"] and "Counter-attack" not in json.dumps(public)
    for side in ("eu", "russia"):
        shown = json.dumps(record_for(rec, side))
        assert not any(json.dumps(s)[1:-1] in shown for s in (private["text"], private["reason"], private["by"])), side
    assert record_for(rec) is rec


def test_an_injects_file_edited_during_play_beyond_the_limit_with_the_added_ones_stops_the_turn(tmp_path):
    """The facilitator's file and the injects added on the spot are each within the limits, but together
    they are not: status and turn say so (naming the file to edit) and nothing is adjudicated."""
    folder = tmp_path / "sem"
    run("seminar", "new", "coordinated", folder, "--turns", 1, "--bot", "ukraine=shells_first", "--bot", "russia=attrition")
    run("seminar", "submit", folder, "--side", "eu", folder / "packs" / "eu" / "orders-turn-01.yaml")
    half = LIMITS.front_km2 / 2 + 1
    run("seminar", "inject", folder, "--text", "Push", "--front-km2", half)
    (folder / "injects.yaml").write_text(f"injects:\n  - turn: 1\n    text: More\n    front_km2: {half}\n",
                                         encoding="utf-8")
    for command in ("status", "turn"):
        r = run("seminar", command, folder, code=1)
        assert "injects.yaml and injects-added.yaml together: the injects of turn 1 move the front" in r.output
        assert f"edit {folder / 'injects.yaml'}" in r.output
    assert len(lines_of(folder / "game.jsonl")) == 1
