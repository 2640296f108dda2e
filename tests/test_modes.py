"""Adjudication modes, run as a facilitator would through the CLI: the EU veto in umpire mode (the
proposal overridden with a reason), the flank crisis in matrix mode (arguments, a modifier, 2d6);
the turn is adjudicated, the replay verifies, the hotwash and the debrief list both with who and
why, and an edited override fails verify naming the turn. The 2d6 ruling is a pure function."""

import json

import pytest
from click.testing import CliRunner

from wargame import modes
from wargame.cli import main
from wargame.replay import dumps, read_replay, verify
from wargame.rules import load_rules

VETO_REASON = "Hungary blocks the corridors while its energy exemption is pending"


def run(*args, code=0):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r


@pytest.fixture(scope="module")
def seminar(tmp_path_factory):
    folder = tmp_path_factory.mktemp("modes") / "sem"
    run("seminar", "new", "coordinated", folder, "--turns", 2, "--seed", 1,
        "--bot", "russia=attrition", "--bot", "ukraine=shells_first")
    r = run("seminar", "mode", folder)
    assert "eu_veto       table" in r.output
    run("seminar", "mode", folder, "eu_veto", "umpire", "--reason", "the class argues the Council vote", "--by", "Control")
    run("seminar", "mode", folder, "flank_crisis", "matrix", "--reason", "Russian probing is contested", "--by", "Control")
    r = run("seminar", "propose", folder, "--force-bots")
    assert "eu_veto (umpire)" in r.output and "proposed: agreed" in r.output
    assert "awaits a matrix argument" in r.output
    # the turn waits for the matrix argument
    r = run("seminar", "turn", folder, "--force-bots", code=1)
    assert "flank_crisis question is in matrix mode" in r.output and "Traceback" not in r.output
    # friendly mistakes: one line, exit 1
    r = run("seminar", "rule", folder, "--question", "eu_veto", "--outcome", "maybe", "--reason", "x", "--force-bots", code=1)
    assert "outcomes are veto, agreed" in r.output
    r = run("seminar", "matrix", folder, "eu_veto", "--argument", "x", "--force-bots", code=1)
    assert "umpire mode" in r.output
    r = run("seminar", "rule", folder, "--question", "eu_veto", "--outcome", "veto", "--force-bots", code=1)
    assert "--reason" in r.output
    r = run("seminar", "rule", folder, "--question", "eu_veto", "--roll", 3, "--outcome", "veto",
            "--reason", VETO_REASON, "--by", "Control (A. Smith)", "--force-bots")
    assert "overridden: veto (proposed: agreed)" in r.output and "veto: delayed" in r.output
    r = run("seminar", "matrix", folder, "flank_crisis", "--side", "russia",
            "--argument", "A drone incursion over the Baltic states tests NATO's resolve",
            "--pro", "reserve held back on the flank", "--pro", "precedent of 2025 incursions",
            "--con", "EU air policing is reinforced", "--modifier", -1, "--by", "Control (A. Smith)", "--force-bots")
    assert "2d6" in r.output and "against 7" in r.output
    assert "RULED (matrix: " in run("seminar", "rule", folder, "--list", "--force-bots").output
    run("seminar", "turn", folder, "--force-bots")
    return folder


def test_the_replay_keeps_the_rulings_and_verifies(seminar):
    v = verify(seminar / "game.jsonl")
    assert v.ok, v.message
    t1 = read_replay(seminar / "game.jsonl").turns[0]
    acts = {e["act"]: e for e in t1["white_cell"]}
    assert [e["act"] for e in t1["white_cell"]] == ["mode", "mode", "rule", "matrix"]
    rule, matrix = acts["rule"], acts["matrix"]
    assert (rule["question"], rule["outcome"], rule["reason"], rule["by"]) == ("eu_veto", "veto", VETO_REASON,
                                                                             "Control (A. Smith)")
    assert rule["proposed"] == "agreed" and t1["rolls"][rule["roll"]]["result"].startswith("veto")
    assert matrix["dice"] == modes.matrix_dice(1, 1, "flank_crisis", matrix["roll"])
    assert matrix["pros"] == ["reserve held back on the flank", "precedent of 2025 incursions"]
    assert matrix["cons"] == ["EU air policing is reinforced"] and matrix["modifier"] == -1
    assert matrix["total"] == sum(matrix["dice"]) - 1 and matrix["success"] == (matrix["total"] >= 7)
    assert t1["given_rolls"] == {str(rule["roll"]): 0.0, str(matrix["roll"]): matrix["value"]}
    crisis = t1["rolls"][matrix["roll"]]
    assert crisis["given"] and crisis["result"].startswith("crisis" if matrix["outcome"] == "crisis" else "no crisis")


def test_the_hotwash_and_the_debrief_mark_where_judgement_replaced_the_tables(seminar, tmp_path):
    h = run("seminar", "hotwash", seminar).output
    assert f"UMPIRE override by Control (A. Smith): eu_veto" in h and VETO_REASON in h
    assert "MATRIX ruling, ruled by Control (A. Smith): flank_crisis" in h
    assert "Argument (Russia) for crisis" in h and "Cons: EU air policing is reinforced" in h
    assert "eu_veto ruled by umpire from this turn on: the class argues the Council vote" in h
    text = run("debrief", seminar / "game.jsonl").output
    assert "Where judgement replaced the tables" in text and "turn 1: UMPIRE override" in text
    run("debrief", seminar / "game.jsonl", "--html", tmp_path / "d.html")
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "judgement replaced the tables: umpire&#x27;s ruling and matrix ruling" in page
    section = page[page.index('<section id="judgement">'):]
    section = section[:section.index("</section>")]
    assert f"UMPIRE override by Control (A. Smith): eu_veto" in section and VETO_REASON in section
    assert "MATRIX ruling" in section and "2d6" in section and 'href="#turn-1"' in section
    assert '<a href="#judgement">Rulings</a>' in page


def test_the_debrief_with_rulings_opens_in_chromium(seminar, tmp_path):
    """The HTML debrief of the seminar with an override and a matrix ruling, as a browser draws it."""
    from test_browser import CHROMIUM, browse, console_lines, png_colours
    import os
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (CI is set): apt-get install -y chromium")
        pytest.skip("chromium is not installed (set CI to make this a failure)")
    page = tmp_path / "rulings.html"
    run("debrief", seminar / "game.jsonl", "--html", page)
    shot = tmp_path / "rulings.png"
    done = browse(CHROMIUM, page, tmp_path, f"--screenshot={shot}")
    assert shot.exists(), done.stderr[-2000:]
    assert console_lines(done.stderr) == []
    assert len(png_colours(shot)) > 40
    dom = browse(CHROMIUM, page, tmp_path, "--dump-dom").stdout
    assert "Where judgement replaced the tables" in dom and VETO_REASON in dom


@pytest.mark.parametrize("edit, message", [
    (lambda r: r["given_rolls"].update({str(next(a["roll"] for a in r["white_cell"] if a["act"] == "rule")): 0.9999}),
     "the record was edited"),
    (lambda r: [a.update(value=0.9999, outcome="agreed") for a in r["white_cell"] if a["act"] == "rule"],
     "given_rolls has 0.0"),
    (lambda r: [a.update(dice=[6, 6]) for a in r["white_cell"] if a["act"] == "matrix"], "the game's seed gives"),
])
def test_an_edited_override_fails_verify_naming_the_turn(seminar, tmp_path, edit, message):
    lines = (seminar / "game.jsonl").read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[1])
    edit(rec)
    lines[1] = dumps(rec).rstrip("\n")
    bad = tmp_path / "edited.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    v = verify(bad)
    assert not v.ok and "turn 1" in v.message and message in v.message, v.message
    r = run("replay", "verify", bad, code=1)
    assert "turn 1" in r.output and "Traceback" not in r.output


def test_a_mode_changes_between_turns_and_stays_in_the_log(seminar):
    r = run("seminar", "mode", seminar)
    assert "flank_crisis  matrix" in r.output  # the mode holds for the turns after
    run("seminar", "mode", seminar, "flank_crisis", "table", "--reason", "back to the tables")
    assert "flank_crisis  table" in run("seminar", "mode", seminar).output
    r = run("seminar", "mode", seminar, "no_such", "table", "--reason", "x", code=1)
    assert "not a question" in r.output


@pytest.mark.parametrize("dice, modifier, target, total, success", [
    ([3, 4], 0, 7, 7, True),      # 7 or more succeeds before modifiers
    ([3, 3], 0, 7, 6, False),
    ([3, 3], 1, 7, 7, True),      # a strong argument
    ([6, 6], -6, 7, 6, False),    # a weak one
    ([1, 1], 5, 7, 7, True),
    ([2, 5], 0, 8, 7, False),     # a harder target from the rules
])
def test_the_2d6_ruling(dice, modifier, target, total, success):
    assert modes.matrix_ruling(dice, modifier, target) == {"total": total, "success": success}


@pytest.mark.parametrize("dice", [[0, 3], [7, 1], [3], [1.5, 2]])
def test_the_2d6_ruling_refuses_what_are_not_two_dice(dice):
    with pytest.raises(ValueError):
        modes.matrix_ruling(dice, 0, 7)


def test_matrix_dice_are_seeded_by_game_turn_question_and_roll():
    a = modes.matrix_dice(1, 1, "flank_crisis", 21)
    assert a == modes.matrix_dice(1, 1, "flank_crisis", 21) and all(1 <= d <= 6 for d in a)
    draws = {tuple(modes.matrix_dice(seed, 1, "flank_crisis", 21)) for seed in range(200)}
    assert len(draws) > 20  # varies with the seed


def test_outcomes_and_factors_map_to_rolls():
    rules = load_rules()
    q = rules.adjudication.questions["flank_crisis"]
    assert modes.matrix_outcome(q, True) == "crisis" and modes.matrix_outcome(q, False) == "none"
    assert modes.matrix_outcome(q, True, "none") == "none" and modes.matrix_outcome(q, False, "none") == "crisis"
    assert modes.outcome_value(rules, "eu_veto", "veto") == 0.0
    value, low, high = modes.factor_value(rules, "front", 1.0)
    assert low <= 1.0 < high and abs(low + value * (high - low) - 1.0) < 1e-3
    assert modes.question_of(rules, "EU veto on European tanker and airlift pool") == "eu_veto"
    assert modes.question_of(rules, "Strike wave 3: interception") == "strike_wave"
    assert modes.question_of(rules, "Strike wave 3: day") is None
