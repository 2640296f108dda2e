"""A seminar run as a facilitator would: a folder, three teams handing in orders files turn by turn, a
bad file refused with file:line, a resubmission kept, a missing team played by its bot, the State of
the World and the packs; the replay verifies and nothing private reaches another team or the room."""

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import seminar, seminar_pages as pages
from wargame.cli import main
from wargame.objectives import scaled, scales_with_turns, score
from wargame.replay import read_replay, verify
from wargame.visibility import private_to, public, visible_to

SIDES = ("eu", "ukraine", "russia")
INJECTS = """injects:
  - turn: 2
    day: 10
    text: "Sabotage at a Polish rail hub"
    cohesion: -0.03
  - turn: 3
    text: '<b>Leaks & "rumours"</b>'
"""


def run(*args, ok=True):
    r = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert r.exit_code == 0, (args, r.output, r.exception)
    return r


def sheet(folder, side, turn, **changes):
    """The team's pre-filled orders sheet for a turn, with some fields changed, written beside the folder."""
    text = (folder / "packs" / side / f"orders-turn-{turn:02d}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data.update(changes)
    path = folder.parent / f"{folder.name}-{side}-{turn}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def play_seminar(base):
    """The whole seminar through the CLI; returns the folder."""
    injects = base / "white-cell.yaml"
    injects.write_text(INJECTS, encoding="utf-8")
    folder = base / "sem"
    r = run("seminar", "new", "coordinated", folder, "--seed", 4, "--turns", 3, "--injects", injects)
    assert "Seats: eu team, ukraine team, russia team" in r.output
    assert "scaled to 3 of 20 turns" in r.output
    assert (folder / "injects.yaml").read_text(encoding="utf-8") == INJECTS
    for side in SIDES:
        assert (folder / "packs" / side / "turn-00.txt").exists()
        assert (folder / "inbox" / side).is_dir()

    # turn 1: a bad file is refused with file:line and not filed; the EU resubmits; all in
    bad = base / "eu-bad.yaml"
    bad.write_text("side: eu\nturn: 1\nprocure:\n  - {supplier: eu_shells, qty: 1000}\n"
                   "  - {supplier: no_such_line, qty: 5}\n", encoding="utf-8")
    r = run("seminar", "submit", folder, "--side", "eu", bad, ok=False)
    assert r.exit_code == 1
    assert re.search(r"eu-bad\.yaml:5: procure\[1\]\.supplier: .*no_such_line", r.output), r.output
    assert "Traceback" not in r.output
    assert not (folder / "inbox" / "eu" / "turn-01.yaml").exists()
    run("seminar", "submit", folder, "--side", "eu", sheet(folder, "eu", 1, rationale="first try"))
    r = run("seminar", "turn", folder, ok=False)
    assert r.exit_code == 1 and "waiting for orders from ukraine, russia" in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = run("seminar", "submit", folder, "--side", "eu", sheet(folder, "eu", 1, rationale="shells for Ukraine",
                                                                   procure=[{"supplier": "eu_shells", "qty": 50000,
                                                                             "for": "ukraine"}]))
    assert "submission 2" in r.output
    run("seminar", "submit", folder, "--side", "ukraine", sheet(folder, "ukraine", 1, rationale="hold"))
    run("seminar", "submit", folder, "--side", "russia", sheet(folder, "russia", 1, pressure="high"))
    r = run("seminar", "status", folder)
    assert "turn 1 of 3" in r.output and "missing:   none" in r.output and "eu (2 submissions" in r.output
    r = run("seminar", "turn", folder)
    assert "Turn 1 of 3 adjudicated" in r.output

    # turn 2: Russia does not hand in; the inject is due; --force-bots plays Russia's default bot
    run("seminar", "submit", folder, "--side", "eu", sheet(folder, "eu", 2))
    run("seminar", "submit", folder, "--side", "ukraine", sheet(folder, "ukraine", 2))
    r = run("seminar", "status", folder)
    assert "turn 2 of 3" in r.output and "missing:   russia" in r.output
    assert "inject due, day 10: Sabotage at a Polish rail hub" in r.output
    r = run("seminar", "turn", folder, ok=False)
    assert r.exit_code == 1 and "russia" in r.output
    r = run("seminar", "turn", folder, "--force-bots")
    assert "russia: no orders handed in; played by bot:attrition" in r.output

    # turn 3: the sheets as they stand are valid orders
    for side in SIDES:
        run("seminar", "submit", folder, "--side", side, folder / "packs" / side / "orders-turn-03.yaml")
    r = run("seminar", "turn", folder)
    assert "The game is over" in r.output
    return folder


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    return play_seminar(tmp_path_factory.mktemp("seminar"))


def test_the_seminar_replay_verifies_and_records_every_step(played):
    path = played / "game.jsonl"
    verdict = verify(path)
    assert verdict.ok and "3 turns identical (finished)" in verdict.message, verdict.message
    rp = read_replay(path)
    assert rp.header["controllers"] == {s: "orders" for s in SIDES} and rp.header["turns"] == 3
    t1, t2, t3 = rp.turns
    subs = t1["submissions"]["eu"]
    assert [s["n"] for s in subs] == [1, 2]
    assert subs[0]["file"] == "inbox/eu/turn-01.superseded-1.yaml" and subs[1]["file"] == "inbox/eu/turn-01.yaml"
    assert (played / subs[0]["file"]).exists() and (played / subs[1]["file"]).exists()
    assert "first try" in (played / subs[0]["file"]).read_text(encoding="utf-8")
    assert t1["orders"]["eu"]["rationale"] == "shells for Ukraine"
    assert t1["controllers"] == {s: "orders" for s in SIDES}
    assert t2["controllers"]["russia"] == "bot:attrition" and "russia" not in t2["submissions"]
    assert t2["injects"][0]["text"] == "Sabotage at a Polish rail hub" and "injects" not in t1
    assert t3["controllers"] == {s: "orders" for s in SIDES}
    assert rp.end is not None


def test_the_same_steps_give_the_same_replay_bytes(played, tmp_path):
    again = play_seminar(tmp_path)
    assert (again / "game.jsonl").read_bytes() == (played / "game.jsonl").read_bytes()


def test_packs_and_world_pages_are_written_and_shown(played):
    for turn in (1, 2, 3):
        assert (played / "world" / f"turn-{turn:02d}.html").exists()
        for side in SIDES:
            assert (played / "packs" / side / f"turn-{turn:02d}.txt").exists()
    assert not (played / "packs" / "eu" / "orders-turn-04.yaml").exists()
    r = run("seminar", "world", played)
    assert "State of the World: turn 3 of 3" in r.output and ("↑" in r.output or "↓" in r.output)
    assert "Objectives (the scenario's objectives, running totals scaled to 3 of 20 turns" in r.output
    r = run("seminar", "world", played, "--turn", 2)
    assert "Sabotage at a Polish rail hub" in r.output
    html = (played / "world" / "turn-03.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Leaks &amp; &quot;rumours&quot;&lt;/b&gt;" in html and "<b>Leaks" not in html
    r = run("seminar", "pack", played, "--side", "eu")
    assert "EU: private report, turn 3 of 3 (the end)" in r.output and "Your objectives" in r.output
    out = played.parent / "eu.html"
    run("seminar", "pack", played, "--side", "eu", "--html", out)
    assert run("seminar", "pack", played, "--side", "eu", "--html", out, ok=False).exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "default-src 'none'" in html
    r = run("seminar", "status", played)
    assert "the game is over" in r.output
    r = run("seminar", "turn", played, ok=False)
    assert r.exit_code == 1 and "the game is over" in r.output


def test_a_pack_mid_game_has_a_valid_sheet_and_orders_template_reads_the_replay(tmp_path):
    folder = tmp_path / "sem"
    run("seminar", "new", "chaotic", folder, "--turns", 2, "--bot", "russia=coercion")
    r = run("seminar", "submit", folder, "--side", "russia", tmp_path / "x.yaml", ok=False)
    assert r.exit_code == 1 and "russia is played by bot:coercion" in r.output
    assert not (folder / "packs" / "russia").exists()
    run("seminar", "turn", folder, "--force-bots")
    pos = seminar.open_seminar(folder)
    for side in ("eu", "ukraine"):
        text = run("seminar", "pack", folder, "--side", side).output
        assert "briefing for turn 2 of 2" in text and "Lines you may order from" in text
        sheet_path = folder / "packs" / side / "orders-turn-02.yaml"
        pos.game.check(pos.begun, side, yaml.safe_load(sheet_path.read_text(encoding="utf-8")))
        r = run("orders", "template", folder / "game.jsonl", "--side", side)
        assert r.output == sheet_path.read_text(encoding="utf-8")
    r = run("orders", "template", folder / "game.jsonl", "--side", "eu", "--turn", 1, ok=False)
    assert r.exit_code == 1 and "at turn 2, not turn 1" in r.output
    r = run("seminar", "new", "chaotic", folder, ok=False)
    assert r.exit_code == 1 and "not empty" in r.output
    r = run("seminar", "new", "chaotic", tmp_path / "b", "--bot", "eu=nope", ok=False)
    assert r.exit_code == 1 and "unknown eu policy" in r.output
    r = run("seminar", "new", "chaotic", tmp_path / "c", "--bot", "usa=x", ok=False)
    assert r.exit_code == 2
    r = run("seminar", "status", tmp_path / "nowhere", ok=False)
    assert r.exit_code == 1 and "not a seminar folder" in r.output


# ----- who sees what ---------------------------------------------------------------------------------

def check_no_leaks(pos):
    """Each team's pack names none of another side's private events; the world page holds only public ones."""
    events = [e for rec in pos.records for e in rec["events"]]
    for side in pos.teams:
        p = pages.pack(pos, side)
        text = pages.pack_text(p) + pages.pack_html(p)
        for e in events:
            if not visible_to(e, side):
                assert e["text"] not in text, (side, e)
        for _, rows in p.report:
            for _, line in rows:
                assert line == "nothing of your own this turn" or any(
                    private_to(e, side) and e["text"] == line for e in pos.records[-1]["events"])
    for turn in range(1, len(pos.records) + 1):
        w = pages.world(pos, turn)
        shown = pages.world_text(w) + pages.world_html(w)
        rec = pos.records[turn - 1]
        public_short = [pages.short(e["text"]) for e in rec["events"] if public(e)]
        for _, _, line in w.events:
            assert line in public_short
        for e in rec["events"]:
            if not public(e):
                assert pages.short(e["text"]) not in shown, e


def test_nothing_private_leaks_in_the_played_seminar(played):
    check_no_leaks(seminar.open_seminar(played))


TEAM_ORDERS = {
    "eu": st.fixed_dictionaries({"decision": st.sampled_from(["consensus", "coalition"]),
                                 "rationale": st.text("abc <&>", max_size=8)}),
    "ukraine": st.fixed_dictionaries({"front_share": st.floats(0, 1).map(lambda x: round(x, 2)),
                                      "air_defence": st.sampled_from(["industry", "cities", "front"])}),
    "russia": st.fixed_dictionaries({"pressure": st.sampled_from(["low", "medium", "high"]),
                                     "probing": st.sampled_from(["none", "low", "high"]),
                                     "flank_reserve": st.floats(0, 1).map(lambda x: round(x, 2))}),
}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), scenario=st.sampled_from(["coordinated", "chaotic"]),
       orders=st.fixed_dictionaries(TEAM_ORDERS), forced=st.sampled_from(SIDES))
def test_nothing_private_leaks_in_random_games(tmp_path_factory, seed, scenario, orders, forced):
    base = tmp_path_factory.mktemp("leaks")
    folder = base / "sem"
    seminar.new(scenario, folder, seed=seed, turns=2)
    for turn in (1, 2):
        for side in SIDES:
            if side != forced:
                path = base / f"{side}-{turn}.yaml"
                path.write_text(yaml.safe_dump(orders[side]), encoding="utf-8")
                seminar.submit(folder, side, path)
        seminar.play_turn(folder, force_bots=True)
        check_no_leaks(seminar.open_seminar(folder))
    assert verify(folder / "game.jsonl").ok


def test_a_full_length_game_scores_as_the_replay_does():
    """Scaling by 20 of 20 turns changes nothing: the seminar's scores equal the golden replay's end line."""
    from wargame.objectives import for_game
    golden = Path(__file__).resolve().parent.parent / "replays" / "coordinated.jsonl"
    rp = read_replay(golden)
    game = seminar.position_of(golden).game
    basis = for_game(game.rules, rp.header["turns"], game.scenario.turns)
    assert basis.text == "the scenario's objectives"
    mine = score(basis.objectives, rp.end["metrics"])
    assert {s: (v["score"], [o["met"] for o in v["objectives"]]) for s, v in mine.items()} == \
        {s: (v["score"], [o["met"] for o in v["objectives"]]) for s, v in rp.end["scores"].items()}


# ----- objectives for the game played ----------------------------------------------------------------

OBJS = {"eu": [
    {"id": "a", "text": "ground", "metric": "front.ground_km2", "op": "<=", "target": 20000, "points": 2},
    {"id": "b", "text": "coverage", "metric": "eu.coverage_without_us_mean", "op": ">=", "target": 0.6, "points": 3},
    {"id": "c", "text": "cohesion, scaled on request", "metric": "politics.cohesion", "op": ">=", "target": 0.5,
     "points": 1, "scale": "turns"},
    {"id": "d", "text": "crises, not scaled on request", "metric": "flank.crises", "op": "<=", "target": 2,
     "points": 1, "scale": "none"},
]}


def test_running_totals_scale_with_turns_and_levels_do_not():
    assert [scales_with_turns(o) for o in OBJS["eu"]] == [True, False, True, False]
    rows = scaled(OBJS, 4, 20)["eu"]
    assert [o["target"] for o in rows] == [4000.0, 0.6, 0.1, 2]
    assert [o["full_target"] for o in rows] == [20000, 0.6, 0.5, 2]
    assert [o["scaled"] for o in rows] == [True, False, True, False]
    assert scaled(OBJS, 20, 20)["eu"][0]["target"] == 20000 and not scaled(OBJS, 20, 20)["eu"][0]["scaled"]
    s = score(scaled(OBJS, 4, 20), {"front.ground_km2": 3000, "eu.coverage_without_us_mean": 0.5,
                                    "politics.cohesion": 0.2, "flank.crises": 3})["eu"]
    assert [o["met"] for o in s["objectives"]] == [True, False, True, False]
    assert s["score"] == 3 and s["max"] == 7


@given(played=st.integers(1, 40), planned=st.integers(1, 40))
def test_scaling_is_proportional_and_leaves_levels(played, planned):
    rows = scaled(OBJS, played, planned)["eu"]
    assert rows[0]["target"] == pytest.approx(20000 * played / planned, abs=1e-5)
    assert rows[1]["target"] == 0.6


def test_a_seminar_with_its_own_objectives_says_so(tmp_path):
    own = tmp_path / "obj.yaml"
    own.write_text("objectives:\n  eu:\n    - {id: x, text: 'Hold 30% coverage', metric: eu.coverage_without_us_mean, "
                   "op: '>=', target: 0.3, points: 5}\n  source: 'seminar design'\n", encoding="utf-8")
    r = run("seminar", "new", "coordinated", tmp_path / "s", "--turns", 2, "--objectives", own)
    assert "the seminar's own objectives for eu; the scenario's for ukraine, russia" in r.output
    pack = (tmp_path / "s" / "packs" / "eu" / "turn-00.txt").read_text(encoding="utf-8")
    assert "Hold 30% coverage" in pack and "up to 5 points" in pack
    bad = tmp_path / "bad.yaml"
    bad.write_text("objectives:\n  eu:\n    - {id: x, text: t, metric: eu.nothing, op: '>=', target: 1, points: 1}\n"
                   "  source: x\n",
                   encoding="utf-8")
    r = run("seminar", "new", "coordinated", tmp_path / "t", "--objectives", bad, ok=False)
    assert r.exit_code == 1 and re.search(r"bad\.yaml:3: .*unknown metric 'eu.nothing'", r.output), r.output


# ----- in a real browser -----------------------------------------------------------------------------

def test_world_page_and_pack_open_in_chromium(played, tmp_path):
    from test_browser import CHROMIUM, browse, console_lines, png_colours
    if CHROMIUM is None:
        import os
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (CI is set): apt-get install -y chromium")
        pytest.skip("chromium is not installed (set CI to make this a failure)")
    world_page = played / "world" / "turn-02.html"
    css = world_page.read_text(encoding="utf-8")
    assert int(re.search(r"html \{ font-size: (\d+)px", css).group(1)) >= 28  # readable from the back
    for page, title in ((world_page, "State of the World: turn 2 of 3"),
                        (played / "packs" / "ukraine" / "turn-02.html", "Ukraine: private report on turn 2")):
        shot = tmp_path / f"{page.parent.name}-{page.stem}.png"
        done = browse(CHROMIUM, page, tmp_path, f"--screenshot={shot}")
        assert shot.exists(), done.stderr[-2000:]
        assert console_lines(done.stderr) == []
        assert len(png_colours(shot)) > 8, "the page looks blank"
        dom = browse(CHROMIUM, page, tmp_path, "--dump-dom")
        assert dom.returncode == 0 and console_lines(dom.stderr) == []
        assert title in dom.stdout
        assert re.findall(r"https?://", dom.stdout) == []
