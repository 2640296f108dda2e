"""Who sees what: each side's view, the public view and control's, through the library and the CLI.

Every event and roll carries its audience (rules/visibility.yaml); record_for() is the one filter,
and replay show, replay step and debrief take --side SIDE and --public."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from wargame.cli import main
from wargame.engine import Game
from wargame.visibility import end_for, metric_visible, record_for, visible_to
from wargame.vocab import SIDES

GOLDEN = Path(__file__).resolve().parent.parent / "replays"


def golden(name="chaotic"):
    lines = (GOLDEN / f"{name}.jsonl").read_text().splitlines()
    return [json.loads(x) for x in lines[1:-1]], json.loads(lines[-1])


def private_texts(records, side):
    """The texts of every event and roll a side must not see: others' private news and control's."""
    out = set()
    for rec in records:
        for e in rec["events"]:
            if not e["public"] and e["side"] != side:
                out.add(e["text"])
        for r in rec["rolls"]:
            # the dice behind a sudden US step are control's until the step is announced, which
            # the same turn's public news does: only the other private rolls' results count here
            if not r["public"] and r.get("side") != side and r.get("result") and r["kind"] != "us_plan":
                out.add(r["result"])
    return out


@pytest.mark.parametrize("side", SIDES)
def test_a_sides_view_holds_public_news_and_its_own_only(side):
    turns, end = golden()
    for rec in turns:
        view = record_for(rec, side)
        assert all(e["public"] or e["side"] == side for e in view["events"])
        assert all(r["public"] or r.get("side") == side for r in view["rolls"])
        assert set(view["orders"]) == {side} and "given_rolls" not in view
        assert all(metric_visible(k, side) for k in view["metrics"])
        hidden = [e for e in rec["events"] if not visible_to(e, side)]
        assert hidden and not any(e in view["events"] for e in hidden)
    scores = end_for(end, side)["scores"]
    assert all(not s["objectives"] for who, s in scores.items() if who != side) and scores[side]["objectives"]


def test_the_public_view_holds_public_news_and_figures_only():
    turns, _ = golden()
    for rec in turns:
        view = record_for(rec, public_only=True)
        assert all(e["public"] for e in view["events"]) and all(r["public"] for r in view["rolls"])
        assert view["orders"] == {} and "eu.funds" not in view["metrics"] and "front.ground_km2" in view["metrics"]


def test_control_sees_everything():
    turns, end = golden()
    assert record_for(turns[3]) is turns[3] and end_for(end) is end


def run(*args, code=0, input=None):
    r = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert r.exit_code == code, (args, r.output, r.exception)
    assert "Traceback" not in r.output
    return r.output


@pytest.mark.parametrize("side", SIDES)
def test_replay_show_for_a_side_shows_nothing_private_to_another(side):
    turns, _ = golden()
    hidden = private_texts(turns, side)
    out = run("replay", "show", GOLDEN / "chaotic.jsonl", "--side", side.upper(), "--turn", 4)
    whole = run("replay", "show", GOLDEN / "chaotic.jsonl", "--side", side)
    for text in hidden:
        assert text not in out and text not in whole, text
    assert "As seen by " + side in out
    mine = [e["text"] for e in turns[3]["events"] if e["side"] == side and not e["public"]]
    assert mine and all(t in out for t in mine)


def test_replay_show_public_and_control():
    turns, _ = golden()
    public = run("replay", "show", GOLDEN / "chaotic.jsonl", "--public", "--turn", 4)
    control = run("replay", "show", GOLDEN / "chaotic.jsonl", "--turn", 4)
    front_detail = next(e["text"] for e in turns[3]["events"] if e["kind"] == "front_detail")
    assert front_detail not in public and "power Russia" not in public
    assert front_detail in control and "For control only" in control
    run("replay", "show", GOLDEN / "chaotic.jsonl", "--public", "--side", "eu", code=2)


def test_debrief_and_step_take_an_audience(tmp_path):
    turns, _ = golden()
    out = tmp_path / "ru.html"
    run("debrief", GOLDEN / "chaotic.jsonl", "--side", "russia", "--html", out)
    html = out.read_text()
    for text in private_texts(turns, "russia"):
        assert text not in html, text
    assert "interceptors used" not in html and "taken from next turn" in html
    step = run("replay", "step", GOLDEN / "chaotic.jsonl", "--public", "--turn", 4, input="q\n")
    assert "power Russia" not in step and "interceptors used" not in step
    summary = run("debrief", GOLDEN / "chaotic.jsonl", "--public")
    assert "interceptors used" not in summary


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**32), scenario=st.sampled_from(["chaotic", "coordinated"]),
       ua=st.sampled_from(["shells_first", "drones_first"]), ru=st.sampled_from(["attrition", "coercion"]))
def test_random_games_leak_nothing_to_any_side(seed, scenario, ua, ru):
    from wargame.controllers.base import BotController
    game = Game.load(scenario, seed=seed, turns=4)
    _, records = game.play({"ukraine": BotController("ukraine", ua), "russia": BotController("russia", ru)})
    recs = [json.loads(json.dumps(r.to_json())) for r in records]
    for side in SIDES:
        hidden = private_texts(recs, side)
        shown = json.dumps([record_for(r, side) for r in recs])
        for text in hidden:
            assert json.dumps(text)[1:-1] not in shown, (side, text)
        public = json.dumps([record_for(r, public_only=True) for r in recs])
        assert not any(json.dumps(t)[1:-1] in public for t in hidden | private_texts(recs, None))


def test_a_private_inject_is_private_at_the_source():
    """An inject for some sides only is one line of their own each, not a public line."""
    from wargame.phases import white_cell
    from wargame.phases.change import Ledger
    game = Game.load("chaotic", seed=1)
    state = game.initial_state()
    book = Ledger(state, 91, game.rules)
    base = {"text": "Cyber attack on the grid", "cohesion": 0, "support": 0, "funds": {}, "stocks": {}}
    book.apply(white_cell.inject(dict(base, visible_to=["ukraine", "eu"]), book.funds, book.stocks, 5, 1), 5)
    book.apply(white_cell.inject(base, book.funds, book.stocks, 6, 1), 6)
    private, public = book.events[:2], book.events[2:]
    assert [(e["side"], e["public"], e["kind"]) for e in private] == [("ukraine", False, "inject_private"),
                                                                      ("eu", False, "inject_private")]
    assert [(e["side"], e["public"]) for e in public] == [(None, True)]
    assert not visible_to(private[0], "russia") and visible_to(private[1], "eu")
