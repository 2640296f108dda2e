"""The SimPy turn: queues, contracting, new capacity, what the US announces, FMS pauses."""

import attrs
import pytest

from wargame import sim
from wargame.engine import Game
from wargame.model import SIDES, QueuedOrder, Tranche
from wargame.schema import FrozenMap
from wargame.view import view


def quiet_orders(game, state, **given):
    """Checked orders for every side: nothing bought, no strikes, unless given."""
    return {side: game.check(state, side, given.get(side, {})) for side in SIDES}


def begun(game, state=None):
    return game.begin(state or game.initial_state())[0]


def with_queue(state, lid, *orders):
    line = attrs.evolve(state.lines[lid], queue=tuple(orders))
    top = max(o.id for o in orders) + 1
    return attrs.evolve(state, lines={**state.lines, lid: line}, next_order_id=top)


def turn_output(game, state, lid):
    """About what the line makes in one turn at full health."""
    rate = state.lines[lid].rate_at(state.day)
    assert rate > 0, f"{lid} makes nothing: the test needs a working line"
    return rate * game.scenario.turn_days


def run(game, state, orders, injects=()):
    return sim.run_turn(game.rules, game.scenario, state, orders, game.seed, injects)


def events(report, kind=None, text=""):
    return [e for e in report["events"] if (kind is None or e["kind"] == kind) and text in e["text"]]


@pytest.fixture(scope="module")
def game():
    return Game.load("us-stays", seed=11)


# --- queues --------------------------------------------------------------------------------------

def test_first_order_is_served_before_the_second_gets_anything(game):
    state = begun(game)
    big = int(turn_output(game, state, "eu_shells") * 1.5) + 1
    state = with_queue(state, "eu_shells", QueuedOrder(1, "eu", "eu", big, 0, 0),
                       QueuedOrder(2, "ukraine", "ukraine", 100, 0, 0))
    new, report = run(game, state, quiet_orders(game, state))
    queue = new.lines["eu_shells"].queue
    assert [o.id for o in queue] == [1, 2]
    assert 0 < queue[0].delivered < big
    assert queue[1].delivered == 0
    assert new.sides["eu"].stocks["shell"] - state.sides["eu"].stocks["shell"] == queue[0].delivered
    assert not events(report, "delivery", "order #2 complete")


def test_second_order_starts_once_the_first_is_complete(game):
    state = begun(game)
    out = turn_output(game, state, "eu_shells")
    small, big = int(out / 4) + 1, int(out * 2)
    state = with_queue(state, "eu_shells", QueuedOrder(1, "ukraine", "ukraine", small, 0, 0),
                       QueuedOrder(2, "eu", "eu", big, 0, 0))
    new, report = run(game, state, quiet_orders(game, state))
    queue = new.lines["eu_shells"].queue
    assert [o.id for o in queue] == [2]
    assert 0 < queue[0].delivered < big
    assert events(report, "delivery", "order #1 complete")
    assert new.sides["eu"].stocks["shell"] - state.sides["eu"].stocks["shell"] == queue[0].delivered
    # Ukraine got all its shells from the line (its stock also feeds the front, so read the delivery report)
    assert events(report, "delivery", f"delivered {small:,} shell to ukraine this turn")


def test_output_never_exceeds_what_was_ordered(game):
    state = begun(game)
    state = with_queue(state, "eu_shells", QueuedOrder(1, "eu", "eu", 10, 0, 0))
    new, _ = run(game, state, quiet_orders(game, state))
    assert not new.lines["eu_shells"].queue
    assert new.sides["eu"].stocks["shell"] - state.sides["eu"].stocks["shell"] == 10
    assert new.lines["eu_shells"].carry == 0


def test_an_order_is_placed_after_the_contracting_days(game):
    state = begun(game)
    orders = quiet_orders(game, state, eu={"procure": [{"supplier": "eu_shells", "qty": 1000}]},
                          ukraine={"procure": [{"supplier": "eu_shells", "qty": 1000}]})
    new, report = run(game, state, orders)
    placed = {e["side"]: e for e in events(report, "order", "placed with")}
    for side in ("eu", "ukraine"):
        assert placed[side]["day"] == state.day + getattr(game.rules.money, side).contracting_days
    done = {e["side"]: e["day"] for e in events(report, "delivery", "complete:")}
    assert done["eu"] > placed["eu"]["day"] and done["ukraine"] > placed["ukraine"]["day"]
    # first come, first served: the side that contracts sooner is served no later
    first = min(("eu", "ukraine"), key=lambda s: getattr(game.rules.money, s).contracting_days)
    other = "ukraine" if first == "eu" else "eu"
    assert done[first] <= done[other]


def test_the_turn_moves_the_calendar(game):
    state = begun(game)
    new, report = run(game, state, quiet_orders(game, state))
    assert new.turn == state.turn + 1
    assert new.day == state.day + game.scenario.turn_days
    assert report["date"] == game.scenario.date_of(state.day).isoformat()
    assert all(state.day <= e["day"] < new.day for e in report["events"])


# --- new capacity --------------------------------------------------------------------------------

def test_tranche_rate():
    t = Tranche(capacity_per_day=100.0, ready_day=50, ramp_days=10)
    assert t.rate_at(0) == t.rate_at(49) == 0
    assert t.rate_at(55) == pytest.approx(50)
    assert t.rate_at(60) == t.rate_at(500) == 100
    assert Tranche(100.0, 50, 0).rate_at(50) == 100


def slow_build_game(bid, turns=2):
    """us-stays with build `bid` taking `turns` whole turns to build and no ramp."""
    base = Game.load("us-stays", seed=5)
    builds = dict(base.rules.builds)
    builds[bid] = attrs.evolve(builds[bid], build_days=turns * base.scenario.turn_days, ramp_days=0)
    return Game(base.scenario, attrs.evolve(base.rules, builds=FrozenMap(builds)), base.seed, base.turns)


def test_a_new_line_makes_nothing_before_it_is_ready():
    bid = next(b for b, s in Game.load("us-stays").rules.builds.items()
               if "eu" in s.builders and not s.expands and not s.eu_level)
    game = slow_build_game(bid)
    state = begun(game)
    state, _ = run(game, state, quiet_orders(game, state, eu={"build": [bid]}))
    line = state.lines[bid]
    assert [t.ready_day for t in line.tranches] == [2 * game.scenario.turn_days]
    assert line.rate_at(state.day) == 0
    state = begun(game, state)
    state, report = run(game, state, quiet_orders(game, state, eu={"procure": [{"supplier": bid, "qty": 50}]}))
    assert state.day <= line.tranches[0].ready_day
    assert state.lines[bid].queue[0].delivered == 0
    assert not events(report, "delivery", line.name)
    state = begun(game, state)
    state, report = run(game, state, quiet_orders(game, state))
    assert not state.lines[bid].queue, "once ready the line serves its queue"


def test_an_expansion_adds_nothing_before_it_is_ready():
    game = slow_build_game("eu_fpv_expansion")
    lid = game.rules.builds["eu_fpv_expansion"].expands
    state = begun(game)
    state = with_queue(state, lid, QueuedOrder(1, "eu", "eu", int(turn_output(game, state, lid) * 3), 0, 0))
    plain, _ = run(game, state, quiet_orders(game, state))
    grown, _ = run(game, state, quiet_orders(game, state, eu={"build": ["eu_fpv_expansion"]}))
    assert len(grown.lines[lid].tranches) == len(plain.lines[lid].tranches) + 1
    new = grown.lines[lid].tranches[-1]
    assert new.ready_day == state.day + game.rules.builds["eu_fpv_expansion"].build_days
    assert grown.lines[lid].queue[0].delivered == plain.lines[lid].queue[0].delivered
    assert grown.lines[lid].rate_at(new.ready_day) > plain.lines[lid].rate_at(new.ready_day)


# --- what the US announces -----------------------------------------------------------------------

def test_the_road_map_is_known_to_the_eu_from_turn_one():
    game = Game.load("coordinated")
    state = game.initial_state()
    v = view(game.rules, game.scenario, state, "eu")
    assert v["turn"] == 1
    assert len(v["us"]["announced"]) == len(game.scenario.us.steps) > 0
    leaving = {a for s in game.scenario.us.steps for a in s.areas}
    for area in leaving:
        assert v["us"]["planned_points"][area] < v["us"]["points"][area]
    # Russia and Ukraine read the same public Road Map
    assert view(game.rules, game.scenario, state, "russia")["us"]["announced"] == v["us"]["announced"]


def test_an_unplanned_step_is_hidden_until_its_announce_day():
    game = Game.load("coordinated")
    scenario = attrs.evolve(game.scenario, us=attrs.evolve(game.scenario.us, roadmap=False))
    state = sim.initial_state(game.rules, scenario)
    late = [s for s in state.us.steps if s.announce_day > 0]
    assert late, "the test needs a step announced after the start"
    step = late[0]
    assert step.announce_day == step.day - game.scenario.us.steps[step.id - 1].notice_days
    for day in (0, step.announce_day - 1, step.announce_day, step.day - 1):
        v = view(game.rules, scenario, attrs.evolve(state, day=day), "eu")
        shown = [a["day"] for a in v["us"]["announced"]]
        assert (step.day in shown) == (day >= step.announce_day), day


def test_chaotic_steps_are_announced_on_their_day():
    seen = 0
    for seed in range(1, 12):
        game = Game.load("chaotic", seed=seed, turns=4)
        states = [game.initial_state()]
        reports = []
        state = states[0]
        while not game.finished(state):
            b, ev = game.begin(state)
            known = {s.id for s in b.us.steps}
            state, report = sim.run_turn(game.rules, game.scenario, b, quiet_orders(game, b), seed)
            for step in state.us.steps:
                if step.id in known:
                    continue
                seen += 1
                # the briefing before the turn could not show it
                assert all(a["day"] != step.day for a in view(game.rules, game.scenario, b, "eu")["us"]["announced"])
                told = events(report, "us", "US announces")
                gone = [e for e in events(report, "us", "US leaves")]
                assert any(e["day"] == step.announce_day for e in told)
                assert any(e["day"] == step.day for e in gone)
                assert b.day <= step.announce_day <= step.day < state.day
                assert step.done
        if seen >= 2:
            break
    assert seen, "no random US step in these seeds: the scenario's random_steps changed?"


# --- FMS pauses ----------------------------------------------------------------------------------

def test_fms_lines_deliver_nothing_while_paused(game):
    lid = next(l for l, line in game.rules.suppliers.items() if line.fms and "eu" in line.buyers)
    state = begun(game)
    item = game.rules.suppliers[lid].item
    qty = int(turn_output(game, state, lid)) + 5
    state = with_queue(state, lid, QueuedOrder(1, "eu", "eu", qty, 0, 0))
    paused = attrs.evolve(state, us=attrs.evolve(state.us, fms_paused_until=state.day + 2 * game.scenario.turn_days))
    assert view(game.rules, game.scenario, paused, "eu")["us"]["fms_paused"]
    new, report = run(game, paused, quiet_orders(game, paused))
    assert new.lines[lid].queue[0].delivered == 0
    assert new.sides["eu"].stocks[item] == paused.sides["eu"].stocks[item]
    normal, _ = run(game, state, quiet_orders(game, state))
    assert normal.lines[lid].queue[0].delivered > 0


def test_non_fms_lines_keep_delivering_during_an_fms_pause(game):
    state = begun(game)
    state = with_queue(state, "eu_shells", QueuedOrder(1, "eu", "eu", 1000, 0, 0))
    paused = attrs.evolve(state, us=attrs.evolve(state.us, fms_paused_until=state.day + 1000))
    new, _ = run(game, paused, quiet_orders(game, paused))
    assert not new.lines["eu_shells"].queue


def test_deep_strikes_use_drones_and_cost_russia_money(game):
    state = begun(game)
    launched = min(200, state.sides["ukraine"].stocks["long_range_drone"])
    new, report = run(game, state, quiet_orders(game, state, ukraine={"deep_strikes": launched}))
    base, _ = run(game, state, quiet_orders(game, state))
    used = base.sides["ukraine"].stocks["long_range_drone"] - new.sides["ukraine"].stocks["long_range_drone"]
    assert used == launched
    waves = events(report, "strike", "Ukrainian deep strike")
    assert len(waves) == game.rules.strikes.deep_strikes.waves_per_turn
    assert new.revenue_due == new.deep_hits * game.rules.strikes.deep_strikes.revenue_loss_per_hit
    # the damage comes out of Russia's next budget, not its cash in hand
    assert base.sides["russia"].funds == new.sides["russia"].funds
    nxt, _ = sim.begin_turn(game.rules, game.scenario, new)
    nxt_base, _ = sim.begin_turn(game.rules, game.scenario, base)
    budget_loss = nxt_base.sides["russia"].funds - base.sides["russia"].funds - (nxt.sides["russia"].funds - new.sides["russia"].funds)
    assert budget_loss == pytest.approx(nxt.revenue_lost - new.revenue_lost) and budget_loss > 0
    assert any(r["rule"] == "strikes.deep_strikes" and "p" in r for r in report["rolls"])


def test_an_inject_changes_politics_money_stocks_and_can_pull_us_forces(game):
    from wargame.injects import check_injects
    state = begun(game)
    injects = check_injects(game, [
        {"turn": 1, "day": 5, "text": "sabotage", "cohesion": -0.1, "funds": {"eu": -100},
         "stocks": {"ukraine": {"shell": 1000}}},
        {"turn": 1, "day": 20, "text": "sudden pull-out", "us_step": {"areas": {"air_missile_defence": 1.0}, "troops": 1000}},
    ])
    orders = quiet_orders(game, state)
    new, report = run(game, state, orders, injects=injects)
    base, _ = run(game, state, orders)
    assert new.cohesion < base.cohesion
    assert new.sides["eu"].funds == base.sides["eu"].funds - 100
    assert new.sides["eu"].credited == base.sides["eu"].credited - 100
    assert new.us.points["air_missile_defence"] == 0 < base.us.points["air_missile_defence"]
    assert new.us.troops == base.us.troops - 1000
    texts = [e["text"] for e in report["events"] if e["kind"] == "inject"]
    assert texts == ["White cell inject: sabotage (cohesion -0.1, support +0; eu funds -100m; ukraine shell +1,000)",
                     "White cell inject: sudden pull-out"]
    assert [e["day"] - state.day for e in report["events"] if e["kind"] == "inject"] == [5, 20]


def test_a_coalition_programme_costs_more_in_every_instalment(game):
    def paid_after(decision, turns=4):
        state = game.initial_state()
        for n in range(turns):
            state = begun(game, state)
            eu = {"projects": ["enablers_phase1"]} if n == 0 else {}
            state, _ = run(game, state, quiet_orders(game, state, eu=dict(eu, decision=decision)))
        return state.projects["enablers_phase1"].paid, state.sides["eu"]
    consensus, _ = paid_after("consensus")
    coalition, eu = paid_after("coalition")
    extra = game.rules.money.coalition.extra_cost
    assert coalition == pytest.approx(consensus * (1 + extra))
    assert eu.credited == pytest.approx(eu.funds + eu.safe_funds + eu.spent)
