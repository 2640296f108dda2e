"""The turn's rulings without SimPy: each phase is a pure function of values and rolls.

Examples and properties: money and stocks are conserved, nothing goes below zero, and the rulings
move the way the rules say (more air defence never lets more through; more Russian power never
gives Russia less ground)."""

import ast
import datetime
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest
from hypothesis import given, settings, strategies as st

from wargame import phases, sim
from wargame.chance import Chance
from wargame.engine import Game
from wargame.model import Line, QueuedOrder, Tranche, USStep
from wargame.phases import combat, money, procurement, production, programmes, us, white_cell
from wargame.phases.change import Change, Ledger, LineChange, LineWork

FAST = settings(max_examples=60, deadline=None)
rolls = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)


@pytest.fixture(scope="module")
def game():
    return Game.load("chaotic", seed=3)


def a_line(queue=(), feedstock=None, site="eu", fms=False, damage=0.0, carry=0.0, rate=100.0, batch_days=7):
    return Line(id="l1", name="Line one", owner="eu", site=site, item="shell", unit_cost=0.004, buyers=("eu",),
                batch_days=batch_days, fms=fms, feedstock=feedstock, tranches=(Tranche(rate, 0, 0),),
                damage=damage, damage_day=0, carry=carry, queue=tuple(queue))


def test_no_phase_imports_simpy_or_random():
    for path in Path(phases.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        names |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not names & {"simpy", "random", "time", "os", "io"}, (path.name, names)


# --- money -------------------------------------------------------------------------------------

@FAST
@given(amount=st.floats(0, 1e6), safe=st.floats(0, 1e6), eligible=st.floats(0, 1e6),
       side=st.sampled_from(("eu", "ukraine", "russia")))
def test_a_payment_spends_exactly_its_amount_from_funds_and_safe_money(amount, safe, eligible, side):
    change = money.payment(side, amount, safe, eligible)
    (who, paid_from_funds), = change.funds
    assert who == side and change.spent == ((side, amount),)
    assert -paid_from_funds - change.safe_funds == pytest.approx(amount)
    assert 0 <= -change.safe_funds <= min(safe, eligible, amount) + 1e-9
    if side != "eu":
        assert change.safe_funds == 0


def test_income_credits_each_side_and_pays_instalments(game):
    state = game.initial_state()
    new, events = money.income(game.rules, game.scenario, state)
    for side in ("eu", "ukraine", "russia"):
        got = new.sides[side].funds - state.sides[side].funds
        assert got > 0 and got == pytest.approx(new.sides[side].credited - state.sides[side].credited)
    assert [e["side"] for e in events] == ["eu", "ukraine", "russia"]


def test_fund_ukraine_moves_money_from_the_eu_to_ukraine():
    change = money.fund_ukraine(250.0, 0.0)
    assert sum(d for _, d in change.funds) == 0
    assert dict(change.funds) == {"eu": -250.0, "ukraine": 250.0} and change.events[0]["kind"] == "funding"


# --- production --------------------------------------------------------------------------------

STRIKES = SimpleNamespace(repair_per_day=0.01, energy_recovery_per_day=0.02)  # the part of rules.strikes a batch reads


@FAST
@given(qtys=st.lists(st.integers(1, 2000), min_size=0, max_size=4), rate=st.floats(0, 500),
       carry=st.floats(0, 0.999), days=st.integers(1, 30), damage=st.floats(0, 0.9),
       feed=st.one_of(st.none(), st.integers(0, 5000)))
def test_a_batch_delivers_what_it_made_in_queue_order_and_no_more(qtys, rate, carry, days, damage, feed):
    queue = [QueuedOrder(i + 1, "eu", "ukraine" if i % 2 else "eu", q, 0, 0) for i, q in enumerate(qtys)]
    line = LineWork(a_line(queue, feedstock="propellant" if feed is not None else None, damage=damage,
                           carry=carry, rate=rate))
    out = production.batch(STRIKES, line, 0, days, True, 0.0, 0, feed or 0)
    made = sum(out.delivered)
    assert made <= sum(qtys)
    # damage heals by repair_per_day from day 0, and the batch is made at its middle day's rate
    healed = max(0.0, damage - STRIKES.repair_per_day * int(days / 2))
    assert made <= rate * days * (1 - healed) + carry + 1e-6
    if feed is not None:
        assert made <= feed and out.feedstock_used == made
    else:
        assert out.feedstock_used == 0
    # front first: an order gets units only when every order ahead of it is complete
    for i, n in enumerate(out.delivered[:-1]):
        assert n == qtys[i]
    assert len([e for e in out.events if e["kind"] == "delivery"]) == sum(
        1 for i, n in enumerate(out.delivered) if n == qtys[i])
    if not qtys:
        assert out.carry == 0.0 and not made
    elif made < sum(qtys) and (feed is None or made < feed):
        assert 0.0 <= out.carry < 1.0 + 1e-9


@FAST
@given(qtys=st.lists(st.integers(1, 2000), min_size=1, max_size=4), days=st.integers(1, 30))
def test_applying_a_batch_conserves_units(game, qtys, days):
    state = game.initial_state()
    queue = [QueuedOrder(i + 1, "eu", ("eu", "ukraine")[i % 2], q, 0, 0) for i, q in enumerate(qtys)]
    state = attrs.evolve(state, lines={**state.lines, "l1": a_line(queue, rate=300.0)})
    book = Ledger(state, 91, game.rules)
    before = {s: book.stocks[s]["shell"] for s in ("eu", "ukraine")}
    backlog = book.lines["l1"].backlog()
    out = production.batch(STRIKES, book.lines["l1"], 0, days, True, 0.0, 0, 0)
    book.apply(out, days)
    got = sum(book.stocks[s]["shell"] - before[s] for s in before)
    assert got == sum(out.delivered) == backlog - book.lines["l1"].backlog() == sum(book.delivered.values())


def test_an_fms_line_makes_nothing_while_fms_is_paused():
    line = LineWork(a_line([QueuedOrder(1, "eu", "eu", 1000, 0, 0)], fms=True))
    assert not production.batch(STRIKES, line, 0, 7, False, 0.0, 0, 0).delivered
    assert production.batch(STRIKES, line, 0, 7, True, 0.0, 0, 0).delivered == (700,)


def test_grid_damage_slows_only_lines_in_ukraine():
    queue = [QueuedOrder(1, "ukraine", "ukraine", 10_000, 0, 0)]
    for site, expected in (("ukraine", 350), ("eu", 700)):
        line = LineWork(a_line(queue, site=site))
        assert production.batch(STRIKES, line, 0, 7, True, 0.5, 7, 0).delivered == (expected,)


def test_applying_a_batch_completes_orders_and_drops_them_from_the_queue(game):
    state = game.initial_state()
    line = a_line([QueuedOrder(1, "eu", "eu", 300, 0, 0), QueuedOrder(2, "eu", "ukraine", 1000, 0, 0)])
    state = attrs.evolve(state, lines={**state.lines, "l1": line})
    book = Ledger(state, 91, game.rules)
    before = dict(book.stocks["ukraine"])
    book.apply(production.batch(STRIKES, book.lines["l1"], 0, 7, True, 0.0, 0, 0), 7)
    assert [o[0] for o in book.lines["l1"].queue] == [2] and book.lines["l1"].queue[0][4] == 400
    assert book.stocks["ukraine"]["shell"] - before["shell"] == 400
    assert [e["text"] for e in book.events] == ["order #1 complete: 300 shell from Line one to eu"]
    assert book.delivered == {("l1", "eu"): 300, ("l1", "ukraine"): 400}


# --- procurement, transfers, decisions ---------------------------------------------------------

@FAST
@given(qty=st.integers(0, 10**6), held=st.integers(0, 10**6))
def test_a_transfer_moves_stock_and_never_more_than_is_held(qty, held):
    change = procurement.transfer("shell", qty, held)
    moved = dict(((s, n) for s, _, n in change.stocks))
    assert moved["eu"] == -moved["ukraine"] == -min(qty, held)


def test_a_purchase_pays_now_and_queues_after_contracting(game):
    state = game.initial_state()
    line = state.lines["eu_shells"] if "eu_shells" in state.lines else next(iter(state.lines.values()))
    change, queued = procurement.purchase(game.rules, "eu", {"supplier": line.id, "qty": 1000}, line, 0.0, 7, 30)
    assert change.spent == (("eu", 1000 * line.unit_cost),) and change.next_order_id == 8
    assert queued == [7, "eu", "eu", 1000, 0, 30]


@FAST
@given(p=st.floats(0, 1), roll=rolls)
def test_a_consensus_decision_is_vetoed_exactly_when_the_roll_is_under_its_chance(game, p, roll):
    result, delay, change = procurement.consensus(game.rules, SimpleNamespace(name="X"), p, roll)
    assert (result == "veto") == (roll < p)
    assert (delay > 0) == (roll < p) and (change.shocks == ("veto",)) == (roll < p)


# --- the US and the white cell ------------------------------------------------------------------

@FAST
@given(share=st.floats(0, 1), handover=st.floats(0, 1), troops=st.integers(0, 100_000), have=st.integers(0, 100_000))
def test_a_us_step_never_takes_more_than_is_there(game, share, handover, troops, have):
    area = next(iter(game.rules.areas))
    points = {area: 3.0}
    step = USStep(id=1, day=10, announce_day=0, areas={area: share}, troops=troops, handover=handover)
    change = us.leaves(game.rules, step, points, have)
    (a, delta), = change.us_points
    assert -3.0 - 1e-9 <= delta <= 0 and a == area
    assert have + change.us_troops == max(0, have - troops)
    for _, got in change.extra:
        assert 0 <= got <= -delta + 1e-9
    assert change.us_step_done == 1


@FAST
@given(funds=st.floats(0, 1e5), stock=st.integers(0, 10**6), fund_delta=st.floats(-1e6, 1e6),
       stock_delta=st.integers(-10**7, 10**7))
def test_an_inject_never_drives_money_or_stocks_below_zero(funds, stock, fund_delta, stock_delta):
    inj = {"text": "x", "cohesion": 0, "support": 0, "funds": {"eu": fund_delta},
           "stocks": {"ukraine": {"shell": stock_delta}}}
    change = white_cell.inject(inj, {"eu": funds}, {"ukraine": {"shell": stock}}, 5, 1)
    assert funds + change.funds[0][1] >= 0 and stock + change.stocks[0][2] >= 0
    assert change.funds == change.credited and change.us_step is None


# --- fighting ------------------------------------------------------------------------------------

def _front_inputs(game):
    state = game.initial_state()
    stocks = {s: dict(v.stocks) for s, v in state.sides.items()}
    troops = {s: v.troops for s, v in state.sides.items()}
    return stocks, troops


@FAST
@given(extra=st.integers(0, 2_000_000), roll=rolls)
def test_more_russian_shells_never_give_russia_less_ground(game, extra, roll):
    stocks, troops = _front_inputs(game)
    stocks["russia"]["shell"] = 1000
    base, _ = combat.front(game.rules, 30, stocks, troops, {}, {}, True, roll)
    stocks["russia"]["shell"] += extra
    more, _ = combat.front(game.rules, 30, stocks, troops, {}, {}, True, roll)
    assert dict(more.tally)["ground"] >= dict(base.tally)["ground"] - 1e-9


@FAST
@given(shells=st.integers(0, 10**7), tanks=st.integers(0, 10**4), vehicles=st.integers(0, 10**4),
       troops_ua=st.integers(0, 10**6), roll=rolls)
def test_the_front_never_leaves_a_negative_stock_or_troop_count(game, shells, tanks, vehicles, troops_ua, roll):
    stocks, troops = _front_inputs(game)
    roles = game.rules.roles
    stocks["ukraine"].update({roles.shell: shells, roles.tank: tanks, roles.armoured_vehicle: vehicles})
    troops["ukraine"] = troops_ua
    change, why = combat.front(game.rules, 30, stocks, troops, {"pressure": "high"}, {"front_share": 0.5}, False, roll)
    for side, item, delta in change.stocks:
        assert stocks[side][item] + delta >= 0
    for side, delta in change.troops:
        assert troops[side] + delta >= 0
    assert why["rule"].startswith("front.bands[")


@FAST
@given(missiles=st.integers(0, 500), drones=st.integers(0, 500), interceptors=st.integers(0, 5000),
       more=st.integers(1, 5000), roll=rolls)
def test_more_interceptors_never_let_more_missiles_through(game, missiles, drones, interceptors, more, roll):
    ua = {"interceptor": interceptors, "sam_battery": 20}
    _, fewer, _ = combat.strike_wave(game.rules, missiles, drones, "industry", ua, "industry", False, roll)
    change, res, _ = combat.strike_wave(game.rules, missiles, drones, "industry",
                                        dict(ua, interceptor=interceptors + more), "industry", False, roll)
    assert res["missiles_through"] <= fewer["missiles_through"]
    assert -change.stocks[0][2] <= interceptors + more
    assert res["missiles_through"] <= missiles and res["drones_through"] <= drones


@FAST
@given(drones=st.integers(1, 1000), funds=st.floats(0, 1e5), roll=rolls)
def test_a_deep_strike_spends_its_drones_and_books_its_damage_whatever_russia_holds(game, drones, funds, roll):
    change, _ = combat.deep_strike(game.rules, 0, drones, funds, 12, roll)
    assert change.stocks == (("ukraine", "long_range_drone", -drones),)
    assert change.funds == () and change.credited == ()  # no cap at cash in hand: next turn's budget pays
    tally = dict(change.tally)
    assert tally["revenue_lost"] == tally["deep_hits"] * game.rules.strikes.deep_strikes.revenue_loss_per_hit


@FAST
@given(due=st.floats(0, 1e5), budget=st.floats(0, 1e5))
def test_deep_strike_damage_takes_at_most_the_rules_share_of_next_budget(game, due, budget):
    lost = money.deep_strike_loss(game.rules, budget, due)
    assert 0 <= lost <= due + 1e-9
    assert lost <= budget * game.rules.strikes.deep_strikes.max_budget_loss_share + 1e-9
    assert money.deep_strike_loss(game.rules, budget, due + 100.0) >= lost  # more damage never costs less


def test_last_turns_deep_strikes_lower_russias_income(game):
    state = game.initial_state()
    plain, _ = money.income(game.rules, game.scenario, state)
    hit, events = money.income(game.rules, game.scenario, attrs.evolve(state, revenue_due=300.0))
    budget = plain.sides["russia"].funds - state.sides["russia"].funds
    lost = money.deep_strike_loss(game.rules, budget, 300.0)
    assert 0 < lost < 300.0
    assert plain.sides["russia"].funds - hit.sides["russia"].funds == pytest.approx(lost)
    assert hit.revenue_lost == pytest.approx(lost) and hit.revenue_due == 0.0
    assert any("Deep strikes of last turn" in e["text"] for e in events)


def test_step_lengths_cover_the_turn():
    assert combat.step_lengths(91, 30) == [31, 30, 30]
    for days in range(1, 200):
        assert sum(combat.step_lengths(days, 30)) == days


def test_programmes_finish_in_order_inside_the_turn(game):
    from wargame.model import Project
    pid = next(iter(game.rules.projects))
    proj = Project(id=pid, start_day=0, price=100.0)
    finishing, progressed = programmes.schedule(game.rules, {pid: proj}, 0, 10**6)
    assert [p for _, p in finishing] == [pid] and not progressed
    finishing, progressed = programmes.schedule(game.rules, {pid: proj}, 0, 1)
    assert not finishing and progressed[0][1].progress_days == 1


# --- chance as a step --------------------------------------------------------------------------

def test_a_given_roll_replaces_only_that_roll():
    plain, given = Chance(1, 2), Chance(1, 2, {1: 0.5})
    a = [plain.roll(0, f"r{i}", "rule")[0] for i in range(4)]
    b = [given.roll(0, f"r{i}", "rule")[0] for i in range(4)]
    assert b[1] == 0.5 and a[1] != 0.5 and a[0] == b[0] and a[2:] == b[2:]
    assert given.rolls[1]["given"] is True and "given" not in given.rolls[0]
    assert Chance(1, 2, {9: 0.1}).unused_given() == [9]


def test_a_turn_rerun_with_one_roll_replaced_differs_and_reruns_the_same(game):
    state, records = game.play()
    turn = 3
    before = game.initial_state()
    for record in records[: turn - 1]:
        before, _ = game.resolve(game.begin(before)[0], record.orders)
    begun, _ = game.begin(before)
    orders = records[turn - 1].orders
    plain, report = sim.run_turn(game.rules, game.scenario, begun, orders, game.seed)
    assert report["rolls"] == records[turn - 1].rolls
    front = next(i for i, r in enumerate(report["rolls"]) if r["what"] == "Front: ground")
    new_roll = 0.0 if report["rolls"][front]["roll"] > 0.5 else 0.99
    other, changed = sim.run_turn(game.rules, game.scenario, begun, orders, game.seed, given_rolls={front: new_roll})
    assert changed["rolls"][front]["roll"] == new_roll and changed["rolls"][front]["given"]
    assert changed["metrics"]["front.change_km2"] != report["metrics"]["front.change_km2"]
    again, same = sim.run_turn(game.rules, game.scenario, begun, orders, game.seed, given_rolls={front: new_roll})
    assert same == changed and again == other


# --- what is printed agrees with what happened ---------------------------------------------------

@pytest.mark.parametrize("scenario", ["chaotic", "coordinated"])
def test_every_roll_is_dated_and_named_as_the_event_it_decides_and_has_a_result(scenario):
    g = Game.load(scenario, seed=5)
    _, records = g.play()
    checked = 0
    for record in records:
        for roll in record.rolls:
            assert str(roll.get("result", "")).strip(), (record.turn, roll)
            name = roll["what"].split(":")[0]
            if name.startswith(("Strike wave", "Ukrainian deep strike wave", "Front")):
                same_day = [e for e in record.events if e["day"] == roll["day"] and e["text"].startswith(name)]
                assert same_day, (record.turn, roll, [e["text"][:40] for e in record.events if e["kind"] in ("strike", "front")])
                checked += 1
            if roll["what"].startswith("US step:"):
                assert any(e["day"] == roll["day"] and e["text"].startswith("US leaves") for e in record.events), \
                    (record.turn, roll)
    assert checked > 20


# --- who sees what -------------------------------------------------------------------------------

PRIVATE_WORDS = ("interceptors used", "power Russia", "Russia loses", "cost Russia", "damage worth", "intercept chance",
                 "drones; intercept")


@pytest.mark.parametrize("scenario", ["chaotic", "coordinated"])
def test_public_lines_carry_no_private_figure(scenario):
    """Interceptor counts, combat power, rolls and Russia's lost revenue go to their owner or to
    control, never into a public line; every event's audience comes from rules/visibility.yaml."""
    g = Game.load(scenario, seed=2)
    _, records = g.play({"ukraine": __import__("wargame.controllers.base", fromlist=["x"]).BotController(
        "ukraine", "drones_first")})
    kinds = set()
    for record in records:
        for e in record.events:
            kinds.add(e["kind"])
            audience = phases.change.audience(g.rules, e["kind"], e["side"])
            assert e["public"] is (audience == "public"), e
            if e["public"]:
                assert not any(w in e["text"] for w in PRIVATE_WORDS), e["text"]
            if e["kind"] in ("front_detail",):
                assert e["side"] is None and not e["public"]
    assert {"front", "front_detail", "strike", "strike_detail"} <= kinds


def test_the_rules_decide_who_sees_an_event(tmp_path):
    import shutil
    from wargame.rules import RULES_DIR, load_rules
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    vis = folder / "visibility.yaml"
    vis.write_text(vis.read_text().replace("    front: public ", "    front: control").replace(
        "strike_detail: own", "strike_detail: public"))
    rules = load_rules(folder)
    from wargame.phases.change import audience, event, with_audience
    assert with_audience(rules, event(3, "front", None, "Front: ..."))["public"] is False
    assert with_audience(rules, event(3, "strike_detail", "ukraine", "..."))["public"] is True
    assert audience(rules, "build", "russia") == "own" and audience(rules, "build", "eu") == "public"


# --- per-item metrics ----------------------------------------------------------------------------

def _spec(owner, item, feedstock=None):
    return SimpleNamespace(owner=owner, item=item, feedstock=feedstock)


def test_item_flows_count_made_by_the_owner_and_received_by_others():
    from wargame.phases.scoring import item_flows
    lines = {"eu_shells": _spec("eu", "shell"), "fms": _spec("us", "interceptor"),
             "refurb": _spec("russia", "tank", "stored_tank")}
    delivered = {("eu_shells", "eu"): 10, ("eu_shells", "ukraine"): 5, ("fms", "ukraine"): 3, ("refurb", "russia"): 7}
    flows = item_flows(lines, delivered, {("ukraine", "shell"): 2})
    assert flows["made"]["eu"] == {"shell": 15}
    assert flows["made"]["russia"] == {"tank": 7}
    assert flows["received"]["ukraine"] == {"shell": 7, "interceptor": 3}
    assert flows["received"]["eu"] == {}
    assert flows["refurbished"] == {("russia", "tank"): 7}


@FAST
@given(st.dictionaries(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["eu", "ukraine", "russia"])),
                       st.integers(0, 1000)))
def test_item_flows_account_for_every_delivered_unit(delivered):
    from wargame.phases.scoring import item_flows
    lines = {"a": _spec("eu", "shell"), "b": _spec("us", "shell"), "c": _spec("ukraine", "shell")}
    flows = item_flows(lines, delivered, {})
    made = sum(sum(v.values()) for v in flows["made"].values())
    assert made == sum(n for (lid, _), n in delivered.items() if lid != "b")
    got = sum(sum(v.values()) for v in flows["received"].values())
    assert got == sum(n for (lid, r), n in delivered.items() if lines[lid].owner != r)


def test_a_turn_reports_made_received_stock_and_storage(game):
    _, records = Game.load("us-stays", seed=1, turns=1).play()
    m = records[0].metrics
    assert m["stock.russia.stored_tank"] == m["storage.russia.tank"]
    assert m["made.russia.tank"] >= m["refurbished.russia.tank"] > 0
    assert m["received.ukraine.shell"] > 0
    assert all(f"{k}.{s}.shell" in m for k in ("made", "received", "stock") for s in ("eu", "ukraine", "russia"))


# --- a front that moves both ways ----------------------------------------------------------------

@FAST
@given(extra=st.integers(0, 3_000_000), fpv=st.integers(0, 2_000_000), ru_shells=st.integers(0, 3_000_000),
       pressure=st.sampled_from(["low", "medium", "high"]), roll=rolls)
def test_more_ukrainian_shells_never_give_russia_more_ground(game, extra, fpv, ru_shells, pressure, roll):
    stocks, troops = _front_inputs(game)
    stocks["ukraine"].update(shell=1000, fpv_drone=fpv)
    stocks["russia"]["shell"] = ru_shells
    base, _ = combat.front(game.rules, 30, stocks, troops, {"pressure": pressure}, {}, True, roll)
    stocks["ukraine"]["shell"] += extra
    more, _ = combat.front(game.rules, 30, stocks, troops, {"pressure": pressure}, {}, True, roll)
    assert dict(more.tally)["ground"] <= dict(base.tally)["ground"] + 1e-9


@FAST
@given(roll=rolls)
def test_a_well_supplied_ukraine_regains_ground_from_a_starved_russia(game, roll):
    stocks, troops = _front_inputs(game)
    stocks["ukraine"].update(shell=5_000_000, fpv_drone=5_000_000)
    stocks["russia"].update(shell=50_000, fpv_drone=20_000)
    change, why = combat.front(game.rules, 30, stocks, troops, {"pressure": "high"}, {"front_share": 1.0}, True, roll)
    assert why["ratio"] < 1.0
    assert dict(change.tally)["ground"] < 0
    assert "Ukraine regains" in change.events[0]["text"]


def test_at_even_power_the_front_holds_and_below_it_ukraine_gains(game):
    bands = game.rules.front.bands
    from wargame import adjudicate as adj
    assert adj.interpolated_band(bands, 1.0)[1].km2_per_day == 0
    assert adj.interpolated_band(bands, 0.7)[1].km2_per_day < 0
    assert adj.interpolated_band(bands, 1.4)[1].km2_per_day > 0


# --- EU debt counts what is spent under the escape clause and SAFE ------------------------------

@FAST
@given(spent=st.floats(0, 1e6), baseline=st.floats(0, 1e6), drawn=st.floats(0, 2e5), left=st.floats(0, 1),
       budget=st.floats(0, 1e6))
def test_eu_debt_is_safe_money_spent_plus_spending_beyond_the_baseline(spent, baseline, drawn, left, budget):
    from wargame.model import Side
    safe_funds = drawn * left
    safe_used = drawn - safe_funds
    eu = Side(funds=0.0, stocks={}, spent=spent + safe_used, safe_drawn=drawn, safe_funds=safe_funds,
              baseline_credited=baseline)
    debt = money.eu_debt(eu)
    assert safe_used - 1e-6 <= debt <= eu.spent + 1e-6
    assert debt == pytest.approx(safe_used + max(0.0, spent - baseline))


def test_income_counts_the_baseline_part_and_unspent_money_is_no_debt(game):
    state = game.initial_state()
    eu = state.sides["eu"]
    high = attrs.evolve(state, sides={**state.sides, "eu": attrs.evolve(eu, budget_share=0.035)})
    base, _ = money.income(game.rules, game.scenario, state)
    more, _ = money.income(game.rules, game.scenario, high)
    # the budget above the baseline share adds funds, not baseline income
    assert more.sides["eu"].baseline_credited == pytest.approx(base.sides["eu"].baseline_credited)
    assert more.sides["eu"].funds > base.sides["eu"].funds
    assert money.eu_debt(more.sides["eu"]) == 0.0  # nothing spent yet


# --- chaotic steps are announced inside the turn and leave after their notice --------------------

@FAST
@given(r_day=rolls, r_notice=rolls, r_area=rolls, r_troops=rolls, notice_max=st.integers(0, 400))
def test_a_sudden_step_is_announced_in_its_turn_and_leaves_after_its_notice(game, r_day, r_notice, r_area, r_troops,
                                                                            notice_max):
    rules, scen = game.rules, game.scenario
    scen = attrs.evolve(scen, us=attrs.evolve(scen.us, random_steps=attrs.evolve(scen.us.random_steps,
                                                                                   notice_days_max=notice_max)))
    day0 = 91
    step = us.sudden_step(rules, scen, dict(rules.start.us.points), 80000, list(rules.areas), 1, day0,
                          r_day, r_notice, r_area, r_troops)
    assert day0 <= step.announce_day < day0 + scen.turn_days
    assert 0 <= step.day - step.announce_day <= notice_max


def test_a_long_notice_gives_the_teams_a_turn_to_react(game):
    rules, scen = game.rules, game.scenario
    scen = attrs.evolve(scen, us=attrs.evolve(scen.us, random_steps=attrs.evolve(scen.us.random_steps,
                                                                                   notice_days_max=180)))
    step = us.sudden_step(rules, scen, dict(rules.start.us.points), 80000, list(rules.areas), 1, 0,
                          0.1, 0.99, 0.0, 0.0)
    assert step.announce_day < scen.turn_days <= step.day  # announced this turn, leaves in a later one


# --- refurbishment slows as storage empties -----------------------------------------------------

@FAST
@given(held=st.integers(0, 20000), more=st.integers(0, 20000), days=st.integers(1, 60))
def test_refurbishment_slows_in_proportion_as_storage_empties(held, more, days):
    line = attrs.evolve(a_line(queue=(QueuedOrder(1, "eu", "eu", 10**9, 0, 0),), feedstock="stored_armour", rate=10.0),
                        full_rate_feedstock=7000.0)
    low = production.batch(STRIKES_NONE, LineWork(line), 0, days, True, 0.0, 0, held)
    high = production.batch(STRIKES_NONE, LineWork(line), 0, days, True, 0.0, 0, held + more)
    assert sum(low.delivered) <= sum(high.delivered) <= int(10.0 * days)
    assert sum(low.delivered) <= min(held, int(10.0 * days * min(1.0, held / 7000.0)) + 1)


STRIKES_NONE = SimpleNamespace(repair_per_day=0.0, energy_recovery_per_day=0.0)


# --- a scenario's schedule: budgets, aid and capacity by date --------------------------------------

SCHEDULE = """
schedule:
  - {date: 2026-04-01, ukraine_budget_per_turn: 2000, us_aid_share: 0.5, source: "test"}
  - {date: 2026-05-15, capacity: {eu_shells: 9999}, source: "test"}
  - {date: 2026-10-01, russia_budget_per_turn: 100, us_aid_share: 0.0, capacity: {eu_shells: 0}, source: "test"}
"""


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory):
    from wargame.rules import find_scenario
    path = tmp_path_factory.mktemp("scen") / "scheduled.yaml"
    path.write_text(find_scenario("coordinated").read_text(encoding="utf-8") + SCHEDULE, encoding="utf-8")
    return Game.load(str(path), seed=1)


def test_a_schedule_sets_budgets_and_aid_from_its_date(scheduled):
    rules, scen = scheduled.rules, scheduled.scenario
    assert scen.scheduled("ukraine_budget_per_turn", 0, rules.money.ukraine.budget_per_turn) == rules.money.ukraine.budget_per_turn
    assert scen.scheduled("ukraine_budget_per_turn", 91, 0) == 2000
    assert us.aid_share(scen, 1) == 1.0 and us.aid_share(scen, 2) == 0.5 and us.aid_share(scen, 4) == 0.0
    state = attrs.evolve(scheduled.initial_state(), turn=1, day=91)
    after, events = money.income(rules, scen, state)
    assert after.sides["ukraine"].funds - state.sides["ukraine"].funds >= 2000
    assert any("Ukraine budget EUR 2,000m" in e["text"] for e in events)


def test_a_schedule_sets_capacity_on_its_date(scheduled):
    scen = scheduled.scenario
    state = attrs.evolve(scheduled.initial_state(), turn=1, day=91)
    line_id = "eu_shells"
    after, events = production.scheduled_capacity(scen, state)
    line = after.lines[line_id]
    day = scen.day_of(datetime.date(2026, 5, 15))
    assert line.rate_at(day - 1) == state.lines[line_id].rate_at(day - 1)
    assert line.rate_at(day) == pytest.approx(9999)
    assert len(events) == 1
    later = attrs.evolve(after, day=273)
    cut, _ = production.scheduled_capacity(scen, later)
    assert cut.lines[line_id].rate_at(400) == 0.0


def test_a_scheduled_game_plays_and_validates(scheduled):
    _, records = scheduled.play() if scheduled.scenario.turns <= 4 else Game.load(scheduled.scenario.path, seed=1, turns=4).play()
    assert records[-1].metrics["received.ukraine.shell"] >= 0


def test_a_schedule_row_naming_an_unknown_line_or_an_early_date_is_refused(tmp_path):
    from wargame.errors import RuleErrors
    from wargame.rules import find_scenario, load_scenario
    path = tmp_path / "bad.yaml"
    path.write_text(find_scenario("coordinated").read_text(encoding="utf-8") + """
schedule:
  - {date: 2025-01-01, capacity: {eu_shels: 1}, source: "test"}
""", encoding="utf-8")
    with pytest.raises(RuleErrors) as e:
        load_scenario(str(path))
    text = str(e.value)
    assert "before the start date" in text and "unknown supplier" in text
