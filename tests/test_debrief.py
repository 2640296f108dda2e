"""Debriefs from kept games through the command line, on real files: step, note, summary, HTML, CSV,
compare, and the refusal of damaged replays."""

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.debrief.csvout import COLUMNS
from wargame.debrief.facts import side_of
from wargame.replay import dumps
from wargame.rules import SCENARIOS_DIR

NOTE = 'Pause here: <script>alert("x")</script> & discuss the veto'


def run(args, input=None, code=0, cwd=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture(scope="module")
def games(tmp_path_factory):
    """Same seed, coordinated and chaotic, 4 turns each, played through the CLI."""
    d = tmp_path_factory.mktemp("games")
    run(["play", "coordinated", "--seed", "3", "--turns", "4", "--out", d / "co.jsonl"])
    run(["play", "chaotic", "--seed", "3", "--turns", "4", "--out", d / "ch.jsonl"])
    return d


@pytest.fixture
def game(games, tmp_path):
    """A private copy of the coordinated game (so notes do not leak between tests)."""
    p = tmp_path / "co.jsonl"
    p.write_bytes((games / "co.jsonl").read_bytes())
    return p


def test_summary(game):
    out = run(["debrief", game]).output
    assert "Europe's coverage of its need by area" in out
    assert "Air and missile defence" in out
    assert "Turning points" in out and "largest front moves" in out
    assert "points" in out  # the scoreboard


def test_html_is_one_self_contained_file(game, tmp_path):
    run(["replay", "note", game, "--turn", "2", NOTE])
    out = tmp_path / "debrief.html"
    assert "Wrote" in run(["debrief", game, "--html", out]).output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count("<figure class=\"chart\">") >= 10 and html.count("<polyline") >= 20
    for part in ("Objectives scoreboard", "Turning points", "Timeline", "The teams", "rationale", "US steps",
                 "rolls behind the results", "gap the US left", "Deterrence", "cohesion"):
        assert part in html, part
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; discuss" in html
    assert '<script>alert("x")' not in html
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_html_refuses_an_existing_file_without_force(game, tmp_path):
    out = tmp_path / "d.html"
    out.write_text("keep me")
    r = run(["debrief", game, "--html", out], code=1)
    assert "--force" in r.output and out.read_text() == "keep me"
    run(["debrief", game, "--html", out, "--force"])
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_csv_files_read_without_pandas(game, tmp_path):
    run(["replay", "note", game, "--turn", "3", "look, a \"quoted\", note"])
    d = tmp_path / "csv"
    run(["debrief", game, "--csv", d])
    rows = {}
    for name, cols in COLUMNS.items():
        with open(d / name, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            assert tuple(reader.fieldnames) == cols
            rows[name] = list(reader)
    recs = [json.loads(x) for x in game.read_text().splitlines()[1:-1]]
    assert len(rows["metrics.csv"]) == sum(len(r["metrics"]) for r in recs)
    assert {r["side"] for r in rows["metrics.csv"]} <= {"eu", "ukraine", "russia", "us", "all"}
    first = {(r["metric"]): float(r["value"]) for r in rows["metrics.csv"] if r["turn"] == "1"}
    assert first == pytest.approx(recs[0]["metrics"])
    assert side_of("coverage.drones.us_gap") == "eu" and side_of("front.ground_km2") == "all"
    assert len(rows["events.csv"]) == sum(len(r["events"]) for r in recs)
    assert {r["public"] for r in rows["events.csv"]} == {"true", "false"}
    assert len(rows["rolls.csv"]) == sum(len(r["rolls"]) for r in recs)
    assert all(0 <= float(r["roll"]) <= 1 for r in rows["rolls.csv"])
    assert any(r["key"] == "rationale" for r in rows["orders.csv"])
    assert {r["side"] for r in rows["orders.csv"]} == {"eu", "ukraine", "russia"}
    assert rows["notes.csv"] == [{"turn": "3", "date": recs[2]["date"], "text": 'look, a "quoted", note', "replay": "co.jsonl"}]
    r = run(["debrief", game, "--csv", d], code=1)
    assert "metrics.csv" in r.output and "--force" in r.output
    run(["debrief", game, "--csv", d, "--force"])


def test_notes_leave_the_replay_alone_and_show_in_every_view(game, tmp_path):
    before = game.read_bytes()
    run(["replay", "note", game, "--turn", "2", NOTE])
    run(["replay", "note", game, "--turn", "4", "the end"])
    assert game.read_bytes() == before
    assert Path(str(game) + ".notes.yaml").exists()
    assert "4 turns identical" in run(["replay", "verify", game]).output
    assert NOTE in run(["replay", "note", game]).output
    assert NOTE in run(["replay", "show", game]).output
    shown = run(["replay", "show", game, "--turn", "4"]).output
    assert "the end" in shown and NOTE not in shown
    assert NOTE in run(["replay", "step", game, "--turn", "2"], input="q\n").output
    assert NOTE in run(["debrief", game]).output
    run(["debrief", game, "--html", tmp_path / "d.html"])
    assert "the end" in (tmp_path / "d.html").read_text()


def test_note_errors(game):
    assert "there is no turn 9" in run(["replay", "note", game, "--turn", "9", "x"], code=1).output
    assert "--turn" in run(["replay", "note", game, "x"], code=2).output
    Path(str(game) + ".notes.yaml").write_text("notes: [{turn: x}]\n")
    r = run(["debrief", game], code=1)
    assert "notes.yaml: note 1" in r.output


def test_step_next_previous_jump_quit(game):
    out = run(["replay", "step", game], input="n\n\np\nj 4\n9\nwhat\np\nq\n").output
    for n in (1, 2, 3, 4):
        assert f"Turn {n} of 4" in out
    assert "there is no turn 9" in out and "'what'?" in out
    assert "EU orders" in out and "rationale" in out
    assert "Rolls" in out and "Front: ground" in out
    assert "Metrics that moved" in out
    assert out.index("Turn 2 of 4") < out.index("Turn 3 of 4") < out.index("Turn 4 of 4")
    # the end of input (Ctrl-D) ends the walk like q
    run(["replay", "step", game], input="")
    assert "turn 4 is the last turn" in run(["replay", "step", game, "--turn", "4"], input="n\nq\n").output
    assert "there is no turn 7" in run(["replay", "step", game, "--turn", "7"], code=1).output


def test_compare_finds_the_first_divergence(games, tmp_path):
    co, ch = games / "co.jsonl", games / "ch.jsonl"
    out = run(["compare", co, ch, "--html", tmp_path / "c.html"]).output
    assert re.search(r"First divergence at turn 1 \(2026-01-01\): .*US steps differ", out)
    assert "B - A per turn" in out
    html = (tmp_path / "c.html").read_text()
    assert html.count("<polyline") >= 20 and "First divergence at turn 1" in html
    same = run(["compare", co, co]).output
    assert "No divergence: orders, rolls and US steps are the same in turns 1..4." in same


def test_compare_a_game_and_its_fork(games, tmp_path):
    parent = tmp_path / "co.jsonl"
    parent.write_bytes((games / "co.jsonl").read_bytes())
    run(["fork", parent, "--at-turn", "3", "--out", tmp_path / "same.jsonl"])
    assert "No divergence" in run(["compare", parent, tmp_path / "same.jsonl"]).output
    run(["fork", parent, "--at-turn", "3", "--seed", "99", "--out", tmp_path / "other.jsonl"])
    out = run(["compare", parent, tmp_path / "other.jsonl"]).output
    assert re.search(r"First divergence at turn [34] ", out)
    run(["debrief", tmp_path / "other.jsonl", "--html", tmp_path / "fork.html"])
    assert "a fork of co.jsonl at turn 3" in (tmp_path / "fork.html").read_text()


def _damage(path, how):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if how == "truncated":
        path.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2], encoding="utf-8")
        return 3
    if how == "bad json":
        lines[2] = lines[2][:40] + "\n"
    elif how == "edited metric":
        rec = json.loads(lines[2])
        rec["metrics"]["front.ground_km2"] = "a lot"
        lines[2] = dumps(rec)
    elif how == "edited events":
        rec = json.loads(lines[2])
        del rec["events"][0]["day"]
        lines[2] = dumps(rec)
    elif how == "newer version":
        h = json.loads(lines[0])
        h["format_version"] = 99
        lines[0] = dumps(h)
    elif how == "missing scenario":
        h = json.loads(lines[0])
        h["scenario"] = "atlantis"
        lines[0] = dumps(h)
    elif how == "missing rules":
        # a scenario file beside the replay that names a rules folder no longer there
        text = (SCENARIOS_DIR / "coordinated.yaml").read_text(encoding="utf-8")
        (path.parent / "my-scenario.yaml").write_text(
            text.replace("scenario:\n", "scenario:\n  rules: ../gone-rules\n", 1), encoding="utf-8")
        h = json.loads(lines[0])
        h["scenario_file"] = "my-scenario.yaml"
        lines[0] = dumps(h)
    path.write_text("".join(lines), encoding="utf-8")
    return 2


DAMAGE = ("bad json", "edited metric", "edited events", "newer version", "missing scenario", "missing rules")
COMMANDS = (["debrief"], ["debrief", "--html", "{out}"], ["debrief", "--csv", "{dir}"], ["replay", "step"],
            ["compare", "{good}"])


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_damaged_replays_give_one_line_and_write_nothing(games, tmp_path, how, command):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes((games / "co.jsonl").read_bytes())
    turn = _damage(bad, how)
    before = bad.read_bytes()
    subs = {"{out}": tmp_path / "out.html", "{dir}": tmp_path / "csv", "{good}": games / "co.jsonl"}
    args = [command[0]] + ([command[1]] if command[0] == "replay" else []) + [bad] + \
        [str(subs.get(a, a)) for a in command[1 + (command[0] == "replay"):]]
    r = run(args, input="q\n", code=1)
    errors = [x for x in r.output.splitlines() if x.startswith("Error:")]
    assert len(errors) == 1, r.output
    assert str(bad) in errors[0]
    if how not in ("newer version", "missing scenario", "missing rules"):
        assert f"turn {turn}" in errors[0]
    assert {"newer version": "newer", "missing scenario": "atlantis",
            "missing rules": "gone-rules"}.get(how, "edited") in errors[0]
    assert bad.read_bytes() == before
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "csv").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_a_torn_last_line_is_one_warning_and_the_whole_turns_are_read(games, tmp_path, command):
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes((games / "co.jsonl").read_bytes())
    _damage(torn, "truncated")
    before = torn.read_bytes()
    subs = {"{out}": tmp_path / "out.html", "{dir}": tmp_path / "csv", "{good}": games / "co.jsonl"}
    args = [command[0]] + ([command[1]] if command[0] == "replay" else []) + [torn] + \
        [str(subs.get(a, a)) for a in command[1 + (command[0] == "replay"):]]
    r = run(args, input="q\n")
    warnings = [x for x in r.output.splitlines() if x.startswith("Warning:")]
    assert len(warnings) == 1, r.output
    assert str(torn) in warnings[0] and "line 4 is cut off" in warnings[0] and "turns 1..2" in warnings[0]
    assert torn.read_bytes() == before


def test_outputs_make_their_folder_and_an_unwritable_target_is_one_line(game, tmp_path):
    run(["debrief", game, "--html", tmp_path / "new" / "d.html", "--csv", tmp_path / "new" / "csv"])
    assert (tmp_path / "new" / "d.html").exists() and (tmp_path / "new" / "csv" / "rolls.csv").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run(["debrief", game, "--html", blocker / "d.html"], code=1)
    assert r.output.startswith(f"Error: {blocker / 'd.html'}: cannot write")
    assert blocker.read_text() == "x"


def test_injects_show_in_the_summary_and_the_html(tmp_path):
    from click.testing import CliRunner
    from wargame.cli import main
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        Path("i.yaml").write_text("injects:\n  - {turn: 1, day: 2, text: Rail hub sabotage, cohesion: -0.02}\n")
        assert runner.invoke(main, ["play", "coordinated", "--turns", "2", "--injects", "i.yaml", "--out", "g.jsonl"]).exit_code == 0
        result = runner.invoke(main, ["debrief", "g.jsonl"])
        assert result.exit_code == 0, result.output
        assert "White cell inject: Rail hub sabotage" in result.output
        assert runner.invoke(main, ["debrief", "g.jsonl", "--html", "d.html"]).exit_code == 0
        assert 'class="tag inject"' in Path("d.html").read_text()


@pytest.fixture
def forked(games, tmp_path):
    """co.jsonl (4 turns, a note on turn 2) and its fork at turn 3 with another seed, side by side."""
    parent = tmp_path / "co.jsonl"
    parent.write_bytes((games / "co.jsonl").read_bytes())
    run(["replay", "note", parent, "--turn", "2", "Before the fork: why did the EU wait?"])
    run(["fork", parent, "--at-turn", "3", "--seed", "99", "--out", tmp_path / "fork.jsonl"])
    return parent, tmp_path / "fork.jsonl"


def test_a_forks_debrief_includes_its_parents_turns_marked_as_such(forked, tmp_path):
    parent, fork = forked
    parent_turns = [json.loads(x) for x in parent.read_text().splitlines()[1:3]]
    text = run(["debrief", fork]).output
    assert "a fork of co.jsonl at turn 3 (turns 1..2 are co.jsonl's, played before the fork); turns 1..4 of 4" in text
    assert "Before the fork: why did the EU wait? (a note on co.jsonl)" in text
    html_out = tmp_path / "fork.html"
    run(["debrief", fork, "--html", html_out])
    page = html_out.read_text(encoding="utf-8")
    for n in (1, 2):
        turn = page[page.index(f'id="turn-{n}"') - 40:page.index(f'id="turn-{n + 1}"')]
        assert 'class="turn parent"' in turn and "before the fork: played in co.jsonl" in turn
    assert 'class="turn" id="turn-3"' in page  # the fork's own turns are not marked
    assert "fork: earlier turns are co.jsonl&#x27;s" in page  # a marker on the charts
    run(["debrief", fork, "--csv", tmp_path / "csv"])
    with open(tmp_path / "csv" / "metrics.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_turn = {}
    for r in rows:
        by_turn.setdefault(int(r["turn"]), set()).add(r["replay"])
    assert by_turn == {1: {"co.jsonl"}, 2: {"co.jsonl"}, 3: {"fork.jsonl"}, 4: {"fork.jsonl"}}
    # the parent's turns are the parent's own figures
    first = {r["metric"]: float(r["value"]) for r in rows if r["turn"] == "1"}
    assert first == pytest.approx(parent_turns[0]["metrics"])
    notes = (tmp_path / "csv" / "notes.csv").read_text()
    assert "co.jsonl" in notes


def test_a_sides_debrief_of_a_fork_filters_the_parents_turns_too(forked, tmp_path):
    from wargame.debrief.story import load_story
    from wargame.visibility import record_for
    from wargame.replay import read_replay
    parent, fork = forked
    story = load_story(fork, side="ukraine")
    own = [record_for(r, "ukraine", False) for r in read_replay(parent).turns[:2]]
    assert [t["events"] for t in story.turns[:2]] == [
        [dict(e, date=t["events"][i]["date"]) for i, e in enumerate(o["events"])] for o, t in zip(own, story.turns[:2])]
    assert all(e["public"] or e["side"] == "ukraine" for t in story.turns for e in t["events"])


def test_a_fork_without_its_parent_is_debriefed_with_a_warning(forked, tmp_path):
    parent, fork = forked
    parent.unlink()
    r = run(["debrief", fork])
    assert "turns 3..4 of 4" in r.output
    assert "the turns before the fork (1..2) are left out" in r.output and "not beside it" in r.output


def test_a_fork_whose_header_names_itself_as_parent_does_not_loop(forked, tmp_path):
    parent, fork = forked
    lines = fork.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["parent"]["file"] = "fork.jsonl"
    fork.write_text(dumps(header) + "".join(x + "\n" for x in lines[1:]), encoding="utf-8")
    r = run(["debrief", fork])
    assert "leads back to this game" in r.output


def test_a_fork_beside_another_game_of_its_parents_name_leaves_the_earlier_turns_out(forked, games, tmp_path):
    """The file beside the fork must be the game it was forked from: same seed, same state at the fork."""
    parent, fork = forked
    run(["play", "coordinated", "--seed", "4", "--turns", "4", "--out", tmp_path / "other.jsonl"])
    parent.write_bytes((tmp_path / "other.jsonl").read_bytes())
    r = run(["debrief", fork])
    assert "turns 3..4 of 4" in r.output
    assert "is not the game this fork was made from" in r.output


@pytest.mark.parametrize("audience", [["--side", "russia"], ["--public"]])
def test_an_instructors_notes_are_not_in_a_teams_view(forked, tmp_path, audience):
    parent, fork = forked
    run(["replay", "note", fork, "--turn", "3", "Control only: ask Russia about its reserve"])
    for args in (["debrief", fork], ["replay", "show", fork], ["replay", "show", fork, "--turn", 3]):
        out = run(args + audience).output
        assert "Control only" not in out and "why did the EU wait" not in out, args
    run(["debrief", fork, *audience, "--html", tmp_path / "d.html", "--csv", tmp_path / "csv"])
    assert "Control only" not in (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Control only" not in (tmp_path / "csv" / "notes.csv").read_text(encoding="utf-8")
    assert "Control only" in run(["debrief", fork]).output  # control's own view has them


@pytest.mark.parametrize("edit", [
    lambda r: r.update(white_cell=[1, {"act": "ask"}]),
    lambda r: r.update(injects=[1, "x"]),
    lambda r: r.update(injects=[{"text": "x", "visible_to": "eu"}]),
])
def test_a_damaged_white_cell_record_is_a_one_line_error(game, edit):
    lines = game.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[1])
    edit(rec)
    lines[1] = dumps(rec).rstrip("\n")
    game.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for audience in ([], ["--side", "eu"]):
        r = run(["debrief", game, *audience], code=1)
        assert "turn 1" in r.output and "the file was edited or damaged" in r.output
