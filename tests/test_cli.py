"""The command line, driven through click's test runner in a scratch folder."""

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import wargame.sim
from wargame.cli import main
from wargame.rules import SCENARIOS_DIR


@pytest.fixture
def runner():
    r = CliRunner()
    with r.isolated_filesystem():
        yield r


def run(runner, *args, input=None, code=0):
    result = runner.invoke(main, [str(a) for a in args], input=input)
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    if code in (0, 1, 2, 130):
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def lines(path):
    return Path(path).read_text(encoding="utf-8").splitlines()


def records(path):
    return [json.loads(x) for x in lines(path)]


def rewrite(path, objs):
    Path(path).write_text("".join(json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
                                  for o in objs), encoding="utf-8")


# --- listing and playing -------------------------------------------------------------------------

def test_scenarios_lists_the_three(runner):
    out = run(runner, "scenarios").output
    for name in ("chaotic", "coordinated", "us-stays"):
        assert re.search(rf"^{re.escape(name)}\s", out, flags=re.M), out


def test_version(runner):
    assert run(runner, "--version").output.strip()


def test_play_with_no_options_plays_to_the_end(runner):
    result = run(runner, "play", "us-stays", "--turns", 3, input="")
    out = Path("replays/us-stays-seed1.jsonl")
    assert out.is_file()
    assert str(out) in result.output
    assert "take the keyboard" not in result.output and "eu>" not in result.output
    recs = records(out)
    assert recs[0]["format"] == "wargame-replay"
    assert recs[0]["turns"] == 3 and recs[0]["seed"] == 1
    assert [r["turn"] for r in recs[1:-1]] == [1, 2, 3]
    assert recs[-1]["end"] is True and set(recs[-1]["scores"]) == {"eu", "ukraine", "russia"}
    assert all(label.startswith("bot:") for label in recs[0]["controllers"].values())
    # one summary line per turn
    assert len(re.findall(r"^turn +\d+ ", result.output, flags=re.M)) == 3


def test_default_out_does_not_overwrite(runner):
    run(runner, "play", "us-stays", "--turns", 2)
    run(runner, "play", "us-stays", "--turns", 2)
    assert Path("replays/us-stays-seed1.jsonl").is_file()
    assert Path("replays/us-stays-seed1-2.jsonl").is_file()
    assert Path("replays/us-stays-seed1.jsonl").read_bytes() == Path("replays/us-stays-seed1-2.jsonl").read_bytes()


def test_same_out_is_refused_then_forced(runner):
    run(runner, "play", "us-stays", "--turns", 2, "--out", "g.jsonl")
    before = Path("g.jsonl").read_bytes()
    result = run(runner, "play", "us-stays", "--turns", 2, "--seed", 5, "--out", "g.jsonl", code=1)
    assert "--force" in result.output and "g.jsonl" in result.output
    assert Path("g.jsonl").read_bytes() == before
    run(runner, "play", "us-stays", "--turns", 2, "--seed", 5, "--out", "g.jsonl", "--force")
    after = Path("g.jsonl").read_bytes()
    assert after != before
    assert records("g.jsonl")[0]["seed"] == 5


def test_unknown_bot_policy_is_a_usage_error(runner):
    result = run(runner, "play", "us-stays", "--turns", 2, "--bot", "eu=nosuch", "--out", "x.jsonl", code=2)
    assert "nosuch" in result.output and "--bot" in result.output
    assert not Path("x.jsonl").exists()


def test_malformed_bot_option_is_a_usage_error(runner):
    run(runner, "play", "us-stays", "--bot", "martians=attrition", code=2)


def test_unknown_scenario_suggests_a_name(runner):
    result = run(runner, "play", "chaotc", code=1)
    assert "did you mean 'chaotic'" in result.output
    assert not Path("replays").exists()


def test_play_a_scenario_file(runner):
    shutil.copy(SCENARIOS_DIR / "coordinated.yaml", "mine.yaml")
    run(runner, "play", "mine.yaml", "--turns", 2, "--out", "m.jsonl")
    head = records("m.jsonl")[0]
    assert head["scenario_file"] == "mine.yaml"
    run(runner, "replay", "verify", "m.jsonl")


def test_bot_options_are_recorded(runner):
    run(runner, "play", "chaotic", "--turns", 2, "--bot", "eu=stock_buyer", "--bot", "russia=coercion",
        "--out", "b.jsonl")
    assert records("b.jsonl")[0]["controllers"]["eu"] == "bot:stock_buyer"
    assert records("b.jsonl")[0]["controllers"]["russia"] == "bot:coercion"
    run(runner, "replay", "verify", "b.jsonl")


# --- replays: show and verify --------------------------------------------------------------------

@pytest.fixture
def game3(runner):
    run(runner, "play", "chaotic", "--turns", 3, "--seed", 4, "--out", "g.jsonl")
    return Path("g.jsonl")


def test_replay_verify_ok(runner, game3):
    result = run(runner, "replay", "verify", game3)
    assert "3 turns identical" in result.output and "finished" in result.output


def test_replay_verify_names_the_turn_of_an_edited_roll(runner, game3):
    recs = records(game3)
    roll = recs[2]["rolls"][0]
    roll["roll"] = round((roll["roll"] + 0.5) % 1, 4)
    rewrite(game3, recs)
    result = run(runner, "replay", "verify", game3, code=1)
    assert "DIFFERS" in result.output
    assert "turn 2" in result.output
    assert "roll 1" in result.output


def test_replay_verify_several_files_fails_if_one_fails(runner, game3):
    shutil.copy(game3, "h.jsonl")
    recs = records("h.jsonl")
    recs[1]["digest"] = "0" * 16
    rewrite("h.jsonl", recs)
    result = run(runner, "replay", "verify", game3, "h.jsonl", code=1)
    assert "3 turns identical" in result.output and "turn 1" in result.output


def test_replay_verify_missing_file(runner):
    result = run(runner, "replay", "verify", "nothing.jsonl", code=1)
    assert "nothing.jsonl" in result.output


def test_replay_show(runner, game3):
    result = run(runner, "replay", "show", game3)
    recs = records(game3)
    for rec in recs[1:-1]:
        assert rec["date"] in result.output
    assert "Result" in result.output


def test_replay_show_one_turn(runner, game3):
    rec = records(game3)[2]
    result = run(runner, "replay", "show", game3, "--turn", 2)
    assert f"turn 2 ({rec['date']})" in result.output
    assert "Rolls" in result.output
    assert rec["rolls"][0]["what"] in result.output
    assert "private events" in result.output


def test_replay_show_no_such_turn(runner, game3):
    result = run(runner, "replay", "show", game3, "--turn", 9, code=1)
    assert "no turn 9" in result.output


# --- validate ------------------------------------------------------------------------------------

def test_validate_good_files(runner):
    rules_dir = SCENARIOS_DIR.parent / "rules"
    run(runner, "orders", "template", "coordinated", "--side", "russia", "--out", "ru.yaml")
    result = run(runner, "validate", SCENARIOS_DIR / "chaotic.yaml", rules_dir, "ru.yaml")
    assert result.output.count(": ok") == 3


def test_validate_bad_files(runner):
    Path("bad-orders.yaml").write_text(
        "side: eu\nturn: 1\nprocure:\n  - {supplier: eu_shels, qty: -3}\nbudget_share: 7\n", encoding="utf-8")
    text = (SCENARIOS_DIR / "coordinated.yaml").read_text(encoding="utf-8").replace("turn_days: 91", "turn_days: 3")
    Path("bad-scenario.yaml").write_text(text, encoding="utf-8")
    result = run(runner, "validate", "bad-orders.yaml", "bad-scenario.yaml", code=1)
    out = result.output
    assert re.search(r"^bad-orders\.yaml:4: procure\[0\]\.supplier: .*did you mean 'eu_shells'", out, flags=re.M), out
    assert re.search(r"^bad-orders\.yaml:4: procure\[0\]\.qty:", out, flags=re.M), out
    assert re.search(r"^bad-orders\.yaml:5: budget_share:", out, flags=re.M), out
    assert re.search(r"^bad-scenario\.yaml:\d+: scenario\.turn_days:", out, flags=re.M), out


def test_validate_one_bad_among_good_fails(runner):
    Path("junk.yaml").write_text("just: text\n", encoding="utf-8")
    result = run(runner, "validate", SCENARIOS_DIR / "chaotic.yaml", "junk.yaml", code=1)
    assert ": ok" in result.output and "junk.yaml" in result.output


def test_validate_unsafe_and_broken_yaml(runner):
    Path("tag.yaml").write_text("side: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    Path("syntax.yaml").write_text("side: [eu\n", encoding="utf-8")
    result = run(runner, "validate", "tag.yaml", "syntax.yaml", code=1)
    assert re.search(r"^tag\.yaml:1: ", result.output, flags=re.M)
    assert re.search(r"^syntax\.yaml:\d+: ", result.output, flags=re.M)


# --- orders files --------------------------------------------------------------------------------

def template(runner, side="eu", scenario="us-stays", turn=1):
    return run(runner, "orders", "template", scenario, "--side", side, "--turn", turn).output


def test_orders_template_validates_and_plays(runner):
    run(runner, "orders", "template", "us-stays", "--side", "eu", "--out", "eu.yaml")
    run(runner, "validate", "eu.yaml")
    run(runner, "play", "us-stays", "--turns", 1, "--orders", "eu=eu.yaml", "--out", "o.jsonl")
    recs = records("o.jsonl")
    assert recs[0]["controllers"]["eu"] == "orders"
    assert recs[1]["orders"]["eu"]["side"] == "eu" and recs[1]["orders"]["eu"]["procure"] == []
    run(runner, "replay", "verify", "o.jsonl")


def test_orders_template_refuses_to_overwrite(runner):
    run(runner, "orders", "template", "us-stays", "--side", "ukraine", "--out", "ua.yaml")
    run(runner, "orders", "template", "us-stays", "--side", "ukraine", "--out", "ua.yaml", code=1)
    run(runner, "orders", "template", "us-stays", "--side", "ukraine", "--out", "ua.yaml", "--force")


@pytest.mark.parametrize("side", ["eu", "ukraine", "russia"])
def test_every_side_template_is_valid(runner, side):
    Path(f"{side}.yaml").write_text(template(runner, side, "chaotic"), encoding="utf-8")
    run(runner, "validate", f"{side}.yaml")


def test_orders_file_with_turns_mapping(runner):
    base = yaml.safe_load(template(runner))
    del base["side"], base["turn"]
    second = dict(base, procure=[{"supplier": "eu_shells", "qty": 1000}], rationale="more shells")
    Path("eu.yaml").write_text(yaml.safe_dump({"side": "eu", "turns": {1: base, 2: second}}), encoding="utf-8")
    run(runner, "validate", "eu.yaml")
    run(runner, "play", "us-stays", "--turns", 2, "--orders", "eu=eu.yaml", "--out", "t.jsonl")
    recs = records("t.jsonl")
    assert recs[1]["orders"]["eu"]["procure"] == []
    assert recs[2]["orders"]["eu"]["procure"] == [{"supplier": "eu_shells", "qty": 1000, "for": "eu"}]
    assert recs[2]["orders"]["eu"]["rationale"] == "more shells"


def test_bad_orders_file_stops_with_file_and_line(runner):
    Path("eu.yaml").write_text("side: eu\nturn: 1\nprocure:\n  - {supplier: ru_shells, qty: 10}\n", encoding="utf-8")
    result = run(runner, "play", "us-stays", "--turns", 1, "--orders", "eu=eu.yaml", "--out", "x.jsonl", code=1)
    assert re.search(r"eu\.yaml:4: procure\[0\]\.supplier: eu may not buy from ru_shells", result.output), result.output


def test_orders_folder_missing_turn_then_resume(runner):
    text = template(runner)
    Path("eu").mkdir()
    for turn in (1, 2):
        Path(f"eu/eu-turn-{turn}.yaml").write_text(text.replace("turn: 1", f"turn: {turn}"), encoding="utf-8")
    result = run(runner, "play", "us-stays", "--turns", 3, "--orders", "eu=eu", "--out", "f.jsonl", code=1)
    assert "turn 3" in result.output and "wargame resume f.jsonl" in result.output
    assert [r.get("turn") for r in records("f.jsonl")[1:]] == [1, 2]
    # resume must be told where the orders are
    result = run(runner, "resume", "f.jsonl", code=1)
    assert "--orders eu=PATH" in result.output
    # still missing: stops again, nothing lost
    run(runner, "resume", "f.jsonl", "--orders", "eu=eu", code=1)
    assert len(records("f.jsonl")) == 3
    Path("eu/eu-turn-3.yaml").write_text(text.replace("turn: 1", "turn: 3"), encoding="utf-8")
    run(runner, "resume", "f.jsonl", "--orders", "eu=eu")
    recs = records("f.jsonl")
    assert [r.get("turn") for r in recs[1:-1]] == [1, 2, 3] and recs[-1]["end"]
    run(runner, "replay", "verify", "f.jsonl")
    # a finished game cannot be resumed
    assert "finished" in run(runner, "resume", "f.jsonl", "--orders", "eu=eu", code=1).output


def test_missing_orders_path(runner):
    result = run(runner, "play", "us-stays", "--orders", "eu=nowhere.yaml", "--out", "x.jsonl", code=1)
    assert "nowhere.yaml" in result.output


# --- people at the terminal ----------------------------------------------------------------------

def test_human_game(runner):
    typed = "buy eu_shells 1000\nbuy nosuch 5\nhelp\ndone\ny\n" + "done\ny\n"
    result = run(runner, "play", "us-stays", "--turns", 2, "--human", "eu", "--out", "h.jsonl", input=typed)
    out = result.output
    assert "eu briefing" in out.lower() or "EU briefing" in out
    assert "no line 'nosuch'" in out
    assert "Submit these orders?" in out
    recs = records("h.jsonl")
    assert recs[0]["controllers"]["eu"] == "human"
    assert recs[1]["orders"]["eu"]["procure"] == [{"supplier": "eu_shells", "qty": 1000, "for": "eu"}]
    assert recs[2]["orders"]["eu"]["procure"] == []
    assert recs[-1]["end"]
    run(runner, "replay", "verify", "h.jsonl")


def test_human_declines_and_changes_orders(runner):
    typed = "buy eu_shells 1000\ndone\nn\nremove 1\nbuy eu_fpv 100\ndone\ny\n"
    run(runner, "play", "us-stays", "--turns", 1, "--human", "eu", "--out", "h.jsonl", input=typed)
    assert records("h.jsonl")[1]["orders"]["eu"]["procure"] == [{"supplier": "eu_fpv", "qty": 100, "for": "eu"}]


def test_over_budget_order_is_refused_and_nothing_is_lost(runner):
    typed = "buy eu_shells 1000\nbuy eu_sam 1000000\ndone\nshow\nremove 2\ndone\ny\n"
    result = run(runner, "play", "us-stays", "--turns", 1, "--human", "eu", "--out", "h.jsonl", input=typed)
    out = result.output
    assert "cannot be carried out" in out and "available" in out
    refused_at = out.index("cannot be carried out")
    shown = out[refused_at:]
    assert "1. buy 1,000 from eu_shells" in shown and "2. buy 1,000,000 from eu_sam" in shown
    assert records("h.jsonl")[1]["orders"]["eu"]["procure"] == [{"supplier": "eu_shells", "qty": 1000, "for": "eu"}]


def test_hot_seat(runner):
    turn = "\nbuy eu_shells 1000\ndone\ny\n\nbuy ua_shells 500\ndone\ny\n"
    result = run(runner, "play", "us-stays", "--turns", 2, "--human", "eu", "--human", "ukraine",
                 "--out", "hs.jsonl", input=turn * 2)
    out = result.output
    assert out.count("EU team: take the keyboard") == 2
    assert out.count("Ukraine team: take the keyboard") == 2
    assert out.index("EU team: take the keyboard") < out.index("Ukraine team: take the keyboard")
    assert "Pass the keyboard on" in out
    recs = records("hs.jsonl")
    assert recs[0]["controllers"]["eu"] == recs[0]["controllers"]["ukraine"] == "human"
    for rec in recs[1:3]:
        assert rec["orders"]["eu"]["procure"] == [{"supplier": "eu_shells", "qty": 1000, "for": "eu"}]
        assert rec["orders"]["ukraine"]["procure"] == [{"supplier": "ua_shells", "qty": 500, "for": "ukraine"}]
    run(runner, "replay", "verify", "hs.jsonl")


def test_input_running_out_stops_like_an_interrupt(runner):
    result = run(runner, "play", "us-stays", "--turns", 2, "--human", "eu", "--out", "h.jsonl",
                 input="buy eu_shells 1000\n", code=130)
    assert "wargame resume h.jsonl" in result.output
    assert len(records("h.jsonl")) == 1


# --- interruption and resume ---------------------------------------------------------------------

def test_resume_after_cut_gives_the_same_file(runner):
    run(runner, "play", "coordinated", "--turns", 4, "--seed", 3, "--out", "full.jsonl")
    full = Path("full.jsonl").read_bytes()
    kept = full.split(b"\n")
    Path("cut.jsonl").write_bytes(b"\n".join(kept[:3]) + b"\n")
    assert len(records("cut.jsonl")) == 3
    result = run(runner, "resume", "cut.jsonl")
    assert "after turn 2" in result.output
    assert Path("cut.jsonl").read_bytes() == full


def test_resume_after_torn_line_gives_the_same_file(runner):
    run(runner, "play", "chaotic", "--turns", 4, "--seed", 8, "--out", "full.jsonl")
    full = Path("full.jsonl").read_bytes()
    kept = full.split(b"\n")
    half = kept[3][: len(kept[3]) // 2]
    Path("torn.jsonl").write_bytes(b"\n".join(kept[:3]) + b"\n" + half)
    assert "line 4 is cut off" in run(runner, "replay", "verify", "torn.jsonl", code=1).output
    run(runner, "resume", "torn.jsonl")
    assert Path("torn.jsonl").read_bytes() == full


def test_ctrl_c_keeps_completed_turns(runner, monkeypatch):
    real = wargame.sim.run_turn
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(wargame.sim, "run_turn", interrupted)
    result = run(runner, "play", "us-stays", "--turns", 4, "--out", "k.jsonl", code=130)
    assert "Interrupted" in result.output
    assert "wargame resume k.jsonl" in result.output
    monkeypatch.setattr(wargame.sim, "run_turn", real)
    assert len(records("k.jsonl")) == 3
    verdict = run(runner, "replay", "verify", "k.jsonl").output
    assert "2 turns identical" in verdict and "unfinished" in verdict
    run(runner, "play", "us-stays", "--turns", 4, "--out", "full.jsonl")
    run(runner, "resume", "k.jsonl")
    assert Path("k.jsonl").read_bytes() == Path("full.jsonl").read_bytes()


def test_resume_with_a_different_bot_from_here_on(runner):
    run(runner, "play", "us-stays", "--turns", 3, "--out", "full.jsonl")
    kept = Path("full.jsonl").read_bytes().split(b"\n")
    Path("cut.jsonl").write_bytes(b"\n".join(kept[:2]) + b"\n")
    run(runner, "resume", "cut.jsonl", "--bot", "eu=stock_buyer")
    recs = records("cut.jsonl")
    assert recs[0] == records("full.jsonl")[0]
    assert recs[1] == records("full.jsonl")[1]
    assert recs[-1]["end"] and len(recs) == 5
    assert recs[2]["orders"]["eu"]["rationale"] != recs[1]["orders"]["eu"]["rationale"]
    run(runner, "replay", "verify", "cut.jsonl")


def test_resume_of_a_replay_whose_orders_were_edited_is_refused(runner):
    run(runner, "play", "us-stays", "--turns", 3, "--out", "g.jsonl")
    recs = records("g.jsonl")[:3]
    recs[2]["rolls"][0]["roll"] = round((recs[2]["rolls"][0]["roll"] + 0.5) % 1, 4)
    rewrite("g.jsonl", recs)
    result = run(runner, "resume", "g.jsonl", code=1)
    assert "turn 2" in result.output


def test_white_cell_injects_are_played_recorded_and_verified(tmp_path):
    from click.testing import CliRunner
    from wargame.cli import main
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        Path("injects.yaml").write_text(
            "injects:\n"
            "  - turn: 2\n    day: 3\n    text: Cyber attack on a grid operator\n    support: 0.02\n"
            "  - {turn: 2, text: Sudden pull-out, us_step: {areas: {drones: 1.0}, troops: 1000}}\n")
        result = runner.invoke(main, ["play", "chaotic", "--turns", "3", "--injects", "injects.yaml", "--out", "g.jsonl"])
        assert result.exit_code == 0, result.output
        turn2 = json.loads(Path("g.jsonl").read_text().splitlines()[2])
        assert [i["text"] for i in turn2["injects"]] == ["Cyber attack on a grid operator", "Sudden pull-out"]
        assert any(e["kind"] == "inject" for e in turn2["events"])
        Path("injects.yaml").unlink()  # a replay verifies without the injects file
        assert runner.invoke(main, ["replay", "verify", "g.jsonl"]).exit_code == 0
        Path("bad.yaml").write_text("injects:\n  - {turn: 1, text: x, cohesion: 2}\n")
        result = runner.invoke(main, ["play", "chaotic", "--injects", "bad.yaml", "--out", "h.jsonl"])
        assert result.exit_code == 1
        assert "bad.yaml:2: injects[0].cohesion" in result.output
        assert not Path("h.jsonl").exists()


def test_validate_checks_injects_files(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("injects:\n  - {turn: 2, text: Sabotage, cohesion: -0.02}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("injects:\n  - turn: 1\n    text: x\n    stocks: {ukraine: {shel: 5}}\n")
    result = CliRunner().invoke(main, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.output
    assert f"{bad}:4: injects[0].stocks.ukraine.shel: unknown item 'shel' (did you mean 'shell'?)" in result.output


def test_a_controller_changed_at_resume_is_recorded_and_kept(tmp_path):
    runner = CliRunner()
    game = tmp_path / "g.jsonl"
    assert runner.invoke(main, ["play", "chaotic", "--turns", "3", "--out", str(game)]).exit_code == 0
    lines = game.read_text().splitlines(keepends=True)
    game.write_text("".join(lines[:2]))  # header and turn 1
    assert runner.invoke(main, ["resume", str(game), "--bot", "russia=coercion"]).exit_code == 0
    game.write_text("".join(game.read_text().splitlines(keepends=True)[:3]))  # header, turns 1-2
    assert runner.invoke(main, ["resume", str(game)]).exit_code == 0
    turns = [json.loads(line) for line in game.read_text().splitlines()[1:4]]
    assert [t["controllers"]["russia"] for t in turns] == ["bot:attrition", "bot:coercion", "bot:coercion"]
    assert json.loads(game.read_text().splitlines()[0])["controllers"]["russia"] == "bot:attrition"
    assert runner.invoke(main, ["replay", "verify", str(game)]).exit_code == 0


def test_injects_naming_several_sides_replay_exactly(tmp_path):
    inj = tmp_path / "i.yaml"
    inj.write_text("injects:\n  - {turn: 1, day: 5, text: x, funds: {ukraine: 100, eu: -50},"
                   " stocks: {ukraine: {shell: 100}, eu: {shell: 5, interceptor: 1}},"
                   " us_step: {areas: {drones: 0.5, artillery: 0.5}}}\n")
    game = tmp_path / "g.jsonl"
    runner = CliRunner()
    assert runner.invoke(main, ["play", "us-stays", "--turns", "2", "--injects", str(inj), "--out", str(game)]).exit_code == 0
    assert runner.invoke(main, ["replay", "verify", str(game)]).exit_code == 0
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(game.read_text().splitlines(keepends=True)[:2]))
    assert runner.invoke(main, ["resume", str(cut)]).exit_code == 1  # the injects file is asked for (issue 13)
    assert runner.invoke(main, ["resume", str(cut), "--injects", str(inj)]).exit_code == 0
    assert cut.read_bytes() == game.read_bytes()


def test_a_side_named_twice_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["play", "chaotic", "--human", "eu", "--bot", "eu=stock_buyer",
                                       "--out", str(tmp_path / "g.jsonl")])
    assert result.exit_code == 2
    assert "eu: a side is played by one of --human, --bot or --orders, not several" in result.output
    assert not (tmp_path / "g.jsonl").exists()


def test_injects_after_the_last_turn_are_pointed_out(tmp_path):
    inj = tmp_path / "i.yaml"
    inj.write_text("injects:\n  - {turn: 9, text: late}\n")
    result = CliRunner().invoke(main, ["play", "chaotic", "--turns", "2", "--injects", str(inj),
                                       "--out", str(tmp_path / "g.jsonl")])
    assert result.exit_code == 0
    assert "injects for turn 9, after the last turn (2); they will not be played" in result.output


# --- validating folders, side names in any case, shell completion --------------------------------

def test_validate_a_rules_folder_and_a_folder_of_scenarios(runner):
    from wargame.rules import RULES_DIR
    shutil.copytree(RULES_DIR, "rules")
    shutil.copytree(SCENARIOS_DIR, "scenarios")
    result = run(runner, "validate", "rules", "scenarios")
    assert result.output == "rules: ok\nscenarios: ok\n"
    text = Path("scenarios/chaotic.yaml").read_text()
    Path("scenarios/chaotic.yaml").write_text(text.replace("scenario:", "scenario:\n  turns: -3", 1))
    out = run(runner, "validate", "scenarios", code=1).output
    assert out.startswith("scenarios/chaotic.yaml:") and "turns" in out


def test_validate_a_folder_of_orders_files(runner):
    Path("orders").mkdir()
    run(runner, "orders", "template", "us-stays", "--side", "eu", "--out", "orders/eu-turn-1.yaml")
    run(runner, "orders", "template", "us-stays", "--side", "russia", "--turn", 2, "--out", "orders/russia-turn-2.yaml")
    assert run(runner, "validate", "orders").output == "orders: ok\n"
    Path("orders/eu-turn-2.yaml").write_text("side: eu\nturn: 2\nbudget_share: 7\n")
    out = run(runner, "validate", "orders", code=1).output
    assert out == "orders/eu-turn-2.yaml:3: budget_share: expected a probability between 0 and 1, found 7\n"
    Path("empty").mkdir()
    assert "no YAML files" in run(runner, "validate", "empty", code=1).output


def test_side_names_in_any_case(runner):
    run(runner, "orders", "template", "us-stays", "--side", "EU", "--out", "eu.yaml")
    assert "side: eu" in Path("eu.yaml").read_text()
    run(runner, "play", "us-stays", "--turns", 1, "--bot", "EU=stock_buyer", "--orders", "Ukraine=ua.yaml",
        "--out", "c.jsonl", code=1)  # no ua.yaml: the side was understood, the file is missing
    run(runner, "orders", "template", "us-stays", "--side", "Ukraine", "--out", "ua.yaml")
    typed = "done\ny\n"
    run(runner, "play", "us-stays", "--turns", 1, "--bot", "EU=stock_buyer", "--orders", "Ukraine=ua.yaml",
        "--human", "RUSSIA", "--out", "c.jsonl", input=typed)
    assert records("c.jsonl")[0]["controllers"] == {"eu": "bot:stock_buyer", "ukraine": "orders", "russia": "human"}
    out = run(runner, "batch", "us-stays", "--runs", 0, "--bot", "EU=stock_buyer", "--out", "b", code=1).output
    assert "--runs must be at least 1" in out  # the side was accepted; the run count was not


def test_shell_completion_works_as_the_readme_says(runner):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert 'eval "$(_WARGAME_COMPLETE=bash_source wargame)"' in readme
    assert "_WARGAME_COMPLETE=zsh_source" in readme and "_WARGAME_COMPLETE=fish_source" in readme
    script = runner.invoke(main, [], prog_name="wargame", env={"_WARGAME_COMPLETE": "bash_source"})
    assert "_wargame_completion" in script.output
    done = runner.invoke(main, [], prog_name="wargame",
                         env={"_WARGAME_COMPLETE": "bash_complete", "COMP_WORDS": "wargame play us-stays --human ",
                              "COMP_CWORD": "4"})
    assert done.output.split() == ["plain,eu", "plain,ukraine", "plain,russia", "plain,us"]  # us: where a scenario seats it


def test_help_loads_no_heavy_module():
    """`wargame --help` stays fast: rich, simpy, yaml, attrs, dask and the game's modules load only in commands."""
    import subprocess
    import sys
    code = ("import sys\nfrom wargame.cli import main\ntry:\n    main(['--help'], standalone_mode=False)\n"
            "except SystemExit:\n    pass\nprint(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('rich', 'simpy', 'yaml', 'attr', 'attrs', 'dask', 'distributed', 'numpy') or m.startswith('wargame.'))), "
            "file=sys.stderr)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stderr.split()
    assert set(loaded) <= {"wargame.cli", "wargame.cli_batch", "wargame.cli_debrief", "wargame.cli_seminar",
                           "wargame.errors", "wargame.vocab",
                           "wargame.seeds", "wargame.pipes"}, loaded


def test_ctrl_c_before_a_game_starts_is_exit_130(runner, monkeypatch):
    import wargame.engine

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(wargame.engine.Game, "load", interrupted)
    result = run(runner, "play", "us-stays", "--out", "x.jsonl", code=130)
    assert result.output.strip() == "Interrupted." and not Path("x.jsonl").exists()


def test_a_short_game_is_scored_against_objectives_scaled_to_its_turns(tmp_path):
    """A game shorter than its scenario scores running totals scaled to the turns played, and says so."""
    from click.testing import CliRunner
    from wargame.engine import Game
    r = CliRunner().invoke(main, ["play", "chaotic", "--seed", 4, "--turns", 2, "--out", tmp_path / "g.jsonl"])
    assert r.exit_code == 0, r.output
    assert "scaled to 2 of 20 turns" in " ".join(r.output.split()) and "scaled" in r.output
    end = json.loads((tmp_path / "g.jsonl").read_text().splitlines()[-1])
    ground = next(o for o in end["scores"]["russia"]["objectives"] if o["metric"] == "front.ground_km2")
    assert ground["target"] == 1800.0 and ground["full_target"] == 18000 and ground["scaled"] is True
    full = Game.load("chaotic", seed=4)
    assert full.outcome(None, [])["scores"]["russia"]["objectives"][0].get("scaled") is None  # a full game: as before


def test_play_loads_no_other_command_module(tmp_path):
    """`wargame play` does not import the batch, debrief and seminar commands (they are added when a
    command is not found in cli.py or the commands are listed), and those commands still run."""
    import subprocess
    import sys
    code = ("import sys\nfrom wargame.cli import main\ntry:\n    main(['play', 'us-stays', '--turns', '2', '--out', "
            f"{str(tmp_path / 'g.jsonl')!r}], standalone_mode=False)\nfinally:\n"
            "    print(' '.join(sorted(m for m in sys.modules if m.startswith('wargame.cli'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.split() == ["wargame.cli"]
    assert "Replay:" in done.stdout
    runner = CliRunner()
    shown = runner.invoke(main, ["replay", "show", str(tmp_path / "g.jsonl")])  # cli.py's own subcommand
    assert shown.exit_code == 0, shown.output
    for args in (["replay", "step", "--help"], ["debrief", "--help"], ["seminar", "--help"], ["batch", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and result.output.startswith("Usage:"), (args, result.output)
