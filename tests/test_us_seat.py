"""A seated US (issue 11): a scenario's us.seat bounds what a US team or bot orders each turn; the
orders go through the same announcements and departures as the scenario's steps; other teams learn
of a US step only when it is announced; replays verify, resume and fork; seminars seat the US."""

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.cli import main
from wargame.engine import Game
from wargame.errors import OrderError
from wargame.replay import read_replay
from wargame.visibility import record_for

SCENARIO = "us-seat"


def run(args, code=0):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == code, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def us_orders(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SECRET = "QUIET-CUT-7"  # the US team's rationale: no other team may ever read it
LATE_STEP = f"""side: us
turn: 1
rationale: "{SECRET}"
steps:
  - {{areas: {{air_missile_defence: 0.5}}, troops: 5000, announce_day: 60, notice_days: 90}}
fms_pause_turns: 1
aid_share: 0.5
"""


def test_scenarios_without_a_seat_refuse_a_us_controller(tmp_path):
    r = run(["play", "coordinated", "--turns", 1, "--bot", "us=abrupt", "--out", tmp_path / "g.jsonl"], 1)
    assert "does not seat the US" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "g.jsonl").exists()
    assert Game.load("coordinated").sides == ("eu", "ukraine", "russia")
    assert Game.load(SCENARIO).sides == ("eu", "ukraine", "russia", "us")


def test_us_orders_out_of_bounds_are_refused_with_file_and_line(tmp_path):
    bad = us_orders(tmp_path, "us.yaml", """side: us
turn: 1
steps:
  - {areas: {drones: 0.5}, troops: 25000, notice_days: 400, handover: 0.5}
fms_pause_turns: 3
aid_share: 0.5
""")
    r = run(["play", SCENARIO, "--turns", 2, "--orders", f"us={bad}", "--out", tmp_path / "g.jsonl"], 1)
    assert f"{bad}:4: steps[0].notice_days: must be between 0 and 365 days in this scenario, found 400" in r.output
    assert f"{bad}:4: steps[0].handover: at most 0.3 in this scenario, found 0.5" in r.output
    assert f"{bad}:3: steps: at most 20,000 troops a turn in this scenario, found 25,000" in r.output
    assert f"{bad}:5: fms_pause_turns: at most 2 turns in this scenario, found 3" in r.output
    assert "Traceback" not in r.output


def test_a_step_that_withdraws_nothing_from_an_area_is_refused():
    game = Game.load(SCENARIO, turns=2)
    state, _ = game.begin(game.initial_state())
    with pytest.raises(OrderError) as e:
        game.check(state, "us", {"steps": [{"areas": {"drones": 0}, "troops": 0, "notice_days": 10}]})
    assert ("steps[0].areas.drones", "a share above 0 of the area, found 0: leave the area out") in e.value.problems


def test_a_step_beyond_what_is_left_is_refused(tmp_path):
    game = Game.load(SCENARIO, turns=3)
    state, _ = game.begin(game.initial_state())
    first = game.check(state, "us", {"steps": [{"areas": {"drones": 0.75}, "notice_days": 200}]})
    state, _ = game.resolve(state, {"us": first, **{s: game.check(state, s, {}) for s in ("eu", "ukraine", "russia")}})
    begun, _ = game.begin(state)
    with pytest.raises(OrderError) as e:
        game.check(begun, "us", {"steps": [{"areas": {"drones": 0.5}, "notice_days": 0}]})
    assert e.value.problems == [("steps[0].areas.drones", "only 0.25 of drones is left to withdraw (after the steps "
                                 "already announced), found 0.5")]


def test_us_orders_go_through_the_scenario_steps_machinery_and_replay(tmp_path):
    folder = tmp_path / "orders"
    folder.mkdir()
    (folder / "us-turn-1.yaml").write_text(LATE_STEP, encoding="utf-8")
    (folder / "us-turn-2.yaml").write_text("steps: [{areas: {drones: 1.0}, notice_days: 0, announce_day: 10}]\n",
                                           encoding="utf-8")
    out = tmp_path / "g.jsonl"
    run(["play", SCENARIO, "--turns", 3, "--orders", f"us={folder}", "--out", out], 1)  # turn 3's file is missing
    rp = read_replay(out)
    assert len(rp.turns) == 2 and rp.header["controllers"]["us"] == "orders"
    t1, t2 = rp.turns
    assert t1["orders"]["us"]["aid_share"] == 0.5 and t2["orders"]["us"]["aid_share"] == 1.0  # the scenario's aid row
    announce = [e for e in t1["events"] if e["text"].startswith("US announces: Air and missile defence 50%")]
    assert [e["day"] for e in announce] == [60] and announce[0]["public"]
    assert any(e["text"] == "US: FMS deliveries pause for 1 turn" and e["day"] == 0 for e in t1["events"])
    leaves = [e for e in t2["events"] if e["text"].startswith("US leaves: Air and missile defence 50%, 5,000 troops (90 days")]
    assert [e["day"] for e in leaves] == [150]
    assert t2["metrics"]["us.troops"] == 80_000
    assert any(e["text"].startswith("US leaves: Drones and counter-drone 100% (0 days") and e["day"] == 101
               for e in t2["events"])
    # resume with the third turn's orders, then verify, then fork with a US bot
    (folder / "us-turn-3.yaml").write_text("aid_share: 0\n", encoding="utf-8")
    run(["resume", out, "--orders", f"us={folder}"])
    assert "3 turns identical (finished)" in run(["replay", "verify", out]).output
    fork = tmp_path / "f.jsonl"
    run(["fork", out, "--at-turn", 2, "--bot", "us=abrupt", "--out", fork])
    assert "a fork of g.jsonl at turn 2" in run(["replay", "verify", fork]).output
    assert read_replay(fork).header["controllers"]["us"] == "bot:abrupt"


def test_an_edited_us_order_fails_verify_naming_the_turn(tmp_path):
    out = tmp_path / "g.jsonl"
    run(["play", SCENARIO, "--turns", 2, "--out", out])
    lines = out.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[1])
    rec["orders"]["us"]["steps"][0]["notice_days"] = 0
    lines[1] = json.dumps(rec, sort_keys=True, separators=(",", ":"))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(["replay", "verify", out], 1)
    assert "turn 1: orders.us.steps[1].notice_days: recorded 0, but bot:road_map gives 180" in r.output


def test_no_other_side_sees_a_us_step_before_its_announcement(tmp_path):
    out = tmp_path / "g.jsonl"
    run(["play", SCENARIO, "--turns", 2, "--orders", f"us={us_orders(tmp_path, 'us.yaml', LATE_STEP)}",
         "--out", out], 1)
    rp = read_replay(out)
    rec = rp.turns[0]
    game = Game.load(SCENARIO, turns=2)
    for side in ("eu", "ukraine", "russia", None):
        seen = record_for(rec, side, public_only=side is None)
        assert "us" not in seen["orders"] and SECRET not in json.dumps(seen)
        before = [e for e in seen["events"] if "Air and missile defence 50%" in e["text"] and e["day"] < 60]
        assert not before, f"{side or 'the public'} sees the step before day 60: {before}"
        # the views a side's bot and briefing read: the start of turn 1 knows nothing of the step
        if side:
            assert game.view(game.begin(game.initial_state())[0], side)["us"]["announced"] == []
    assert record_for(rec, "us")["orders"]["us"]["rationale"] == SECRET
    for side in ("eu", "ukraine", "russia"):
        r = run(["replay", "show", out, "--turn", 1, "--side", side])
        assert SECRET not in r.output and "us rationale" not in r.output
    assert SECRET in run(["replay", "show", out, "--turn", 1, "--side", "us"]).output


def test_a_seminar_with_a_seated_us_bot_and_a_us_team(tmp_path):
    d = tmp_path / "bot"
    r = run(["seminar", "new", SCENARIO, d, "--turns", 2, "--bot", "us=abrupt", "--bot", "eu=early_investor",
             "--bot", "russia=attrition"])
    assert "us bot:abrupt" in r.output and not (d / "packs" / "us").exists()
    run(["seminar", "submit", d, "--side", "ukraine", d / "packs" / "ukraine" / "orders-turn-01.yaml"])
    run(["seminar", "turn", d])
    world = (d / "world" / "turn-01.txt").read_text(encoding="utf-8")
    assert "US announces: Strategic enablers" in world and "US: FMS deliveries pause for 2 turns" in world
    assert "bot:abrupt" in read_replay(d / "game.jsonl").turns[0]["controllers"]["us"]
    assert "1 turn identical" in run(["replay", "verify", d / "game.jsonl"]).output

    d = tmp_path / "team"
    run(["seminar", "new", SCENARIO, d, "--turns", 2, "--bot", "eu=early_investor", "--bot", "russia=attrition",
         "--bot", "ukraine=shells_first"])
    pack = (d / "packs" / "us" / "turn-00.txt").read_text(encoding="utf-8")
    assert "United States: briefing for turn 1" in pack and "at most 20,000 a turn" in pack
    bad = us_orders(tmp_path, "bad.yaml", "steps: [{areas: {drones: 0.5}, notice_days: 400}]\n")
    r = run(["seminar", "submit", d, "--side", "us", bad], 1)
    assert f"{bad}:1: steps[0].notice_days: must be between 0 and 365" in r.output
    run(["seminar", "submit", d, "--side", "us", us_orders(tmp_path, "us.yaml", LATE_STEP)])
    assert "missing:   none" in run(["seminar", "status", d]).output
    run(["seminar", "turn", d])
    us_pack = (d / "packs" / "us" / "turn-01.txt").read_text(encoding="utf-8")
    assert "step 1: Air and missile defence 50%, 5,000 troops, announced 2026-03-02, leaves 2026-05-31" in us_pack
    world = (d / "world" / "turn-01.txt").read_text(encoding="utf-8")
    assert SECRET not in world and "US announces: Air and missile defence 50%" in world
    assert SECRET in run(["seminar", "hotwash", d]).output  # control's record keeps the US team's reason
    assert SECRET not in run(["debrief", d / "game.jsonl", "--side", "eu"]).output


def test_the_orders_template_for_the_us_is_valid_as_it_stands(tmp_path):
    out = tmp_path / "us.yaml"
    run(["orders", "template", SCENARIO, "--side", "us", "--out", out])
    assert "notice from 0 to 365 days" in out.read_text(encoding="utf-8")
    assert run(["validate", out]).output.strip() == f"{out}: ok"
    run(["play", SCENARIO, "--turns", 1, "--orders", f"us={out}", "--out", tmp_path / "g.jsonl"])
    assert "does not seat the US" in run(["orders", "template", "coordinated", "--side", "us"], 1).output


def test_a_batch_with_a_us_bot(tmp_path):
    run(["batch", SCENARIO, "--runs", 2, "--out", tmp_path / "b", "--bot", "us=abrupt", "--set", "scenario.turns=2",
         "--workers", 1, "--keep-replays"])
    kept = sorted((tmp_path / "b").rglob("*.jsonl"))
    assert kept and all(read_replay(p).header["controllers"]["us"] == "bot:abrupt" for p in kept)


SEAT = Game.load(SCENARIO).scenario.us.seat
STEP = st.fixed_dictionaries({
    "areas": st.dictionaries(st.sampled_from(SEAT.areas), st.floats(0, SEAT.max_share_per_step, exclude_min=True),
                             max_size=2),
    "troops": st.integers(0, SEAT.max_troops_per_turn // 2),
    "announce_day": st.integers(0, 90), "notice_days": st.integers(SEAT.notice_days_min, SEAT.notice_days_max),
    "handover": st.floats(0, SEAT.handover_max)})
US_ORDERS = st.fixed_dictionaries({
    "steps": st.lists(STEP, max_size=SEAT.max_steps_per_turn),
    "fms_pause_turns": st.integers(0, SEAT.pause_turns_max), "intel_pause_turns": st.integers(0, SEAT.pause_turns_max),
    "aid_share": st.floats(SEAT.aid_min, SEAT.aid_max)})


@given(turns=st.lists(US_ORDERS, min_size=3, max_size=3), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_valid_us_orders_play_without_fault(turns, seed):
    """Orders within the bounds play (or, where the US has less left than a step asks, are refused with
    a reason); the US never holds negative capability or troops, and each step leaves as announced."""
    game = Game.load(SCENARIO, seed=seed, turns=3)
    state = game.initial_state()
    for orders in turns:
        begun, events = game.begin(state)
        try:
            checked = game.check(begun, "us", orders)
        except OrderError as e:
            assert e.problems and all("left to withdraw" in m or "a step withdraws something" in m
                                      for _, m in e.problems), e.problems
            checked = game.check(begun, "us", {})
        given = {s: game.check(begun, s, {}) for s in ("eu", "ukraine", "russia")}
        state, record = game.resolve(begun, {**given, "us": checked}, events)
        assert all(p >= -1e-9 for p in state.us.points.values()) and state.us.troops >= 0
        for step in state.us.steps:
            assert step.announce_day <= step.day and (step.done == (step.day < state.day))


def _leaves(obj, path=()):
    if isinstance(obj, dict) and obj:
        for k in sorted(obj):
            yield from _leaves(obj[k], path + (k,))
    elif isinstance(obj, list) and obj:
        yield from _leaves(obj[0], path + (0,))
    else:
        yield path


def test_every_field_of_a_us_bots_orders_edited_fails_verify(tmp_path):
    out = tmp_path / "g.jsonl"
    run(["play", SCENARIO, "--turns", 1, "--out", out])
    header, turn, end = out.read_text(encoding="utf-8").splitlines()
    paths = list(_leaves(json.loads(turn)["orders"]["us"]))
    assert ("steps", 0, "notice_days") in paths and ("aid_share",) in paths and ("rationale",) in paths
    for path in paths:
        rec = json.loads(turn)
        holder = rec["orders"]["us"]
        for key in path[:-1]:
            holder = holder[key]
        value = holder[path[-1]]
        holder[path[-1]] = value + "!" if isinstance(value, str) else value + 1
        out.write_text("\n".join([header, json.dumps(rec), end]) + "\n", encoding="utf-8")
        r = run(["replay", "verify", out], 1)
        assert "turn 1" in r.output, (path, r.output)


def test_a_scenario_with_bad_seat_bounds_is_refused_with_file_and_line(tmp_path):
    from wargame.rules import SCENARIOS_DIR
    text = (SCENARIOS_DIR / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("bot: road_map ", "bot: nope ").replace("aid_min: 0.0", "aid_min: 0.9")
                   .replace("aid_max: 1.0 ", "aid_max: 0.5 "), encoding="utf-8")
    lines = run(["validate", bad], 1).output.strip().splitlines()
    assert lines == [f"{bad}:19: us.seat.bot: unknown US policy 'nope' (known: road_map, abrupt)",
                     f"{bad}:28: us.seat.aid_min: aid_min is above aid_max"]


def test_a_us_team_at_the_terminal(tmp_path):
    typed = ["step drones 0.5 troops 5000 day 30 notice 90", "step artillery 2", "step artillery 0.5 notice 400",
             "pause fms 1", "aid 0.6", "why keep it quiet", "done", "remove 2", "done", "y"]
    out = tmp_path / "g.jsonl"
    r = CliRunner().invoke(main, ["play", SCENARIO, "--human", "us", "--turns", 1, "--out", str(out)],
                           input="\n".join(typed) + "\n")
    assert r.exit_code == 0, r.output
    assert "United States briefing - turn 1/1" in r.output
    assert ("step 1: Drones and counter-drone 50%, 5,000 troops on day 30 of the turn with 90 days' notice, "
            "announced 2026-01-31 (until then only you know of it), leaves 2026-05-01") in r.output
    assert "Not understood: a share from 0 to 1, found 2" in r.output
    assert "cannot be carried out: steps[1].notice_days: must be between 0 and 365 days in this scenario" in r.output
    rec = read_replay(out).turns[0]
    assert rec["controllers"]["us"] == "human"
    assert rec["orders"]["us"] == {"side": "us", "turn": 1, "rationale": "keep it quiet", "aid_share": 0.6,
                                   "fms_pause_turns": 1, "intel_pause_turns": 0,
                                   "steps": [{"areas": {"drones": 0.5}, "troops": 5000, "announce_day": 30,
                                              "notice_days": 90, "handover": 0.0}]}
    assert "1 turn identical" in run(["replay", "verify", out]).output
