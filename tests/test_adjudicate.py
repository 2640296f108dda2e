"""The pure rulings: tables, the front, strikes, politics, the flank and the objectives."""

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame import adjudicate as adj
from wargame.model import SIDES
from wargame.rules import load_rules

RULES = load_rules()
ROLL = st.floats(min_value=0, max_value=1, exclude_max=True)
FEW = settings(max_examples=60, deadline=None)


# --- tables --------------------------------------------------------------------------------------

Band = attrs.make_class("Band", ["min", "v"], frozen=True)
BANDS = (Band(0, "a"), Band(1, "b"), Band(2.5, "c"))


@pytest.mark.parametrize("value, index", [(-1, 0), (0, 0), (0.99, 0), (1, 1), (2.49, 1), (2.5, 2), (100, 2)])
def test_band_for_picks_the_last_band_at_or_below(value, index):
    i, row = adj.band_for(BANDS, "min", value)
    assert i == index and row is BANDS[index]


@given(st.floats(min_value=-10, max_value=10), st.floats(min_value=-10, max_value=10))
@FEW
def test_band_for_is_monotonic(a, b):
    lo, hi = sorted((a, b))
    assert adj.band_for(BANDS, "min", lo)[0] <= adj.band_for(BANDS, "min", hi)[0]


def test_band_for_uses_the_rules_tables():
    bands = RULES.front.bands
    for i, row in enumerate(bands):
        assert adj.band_for(bands, "min_ratio", row.min_ratio)[0] == i


@given(ROLL)
@FEW
def test_between(roll):
    assert 2 <= adj.between(2, 5, roll) <= 5
    assert adj.between(2, 5, 0.0) == 2


@given(st.lists(st.floats(min_value=0.01, max_value=10), min_size=1, max_size=6), ROLL)
@FEW
def test_pick_weighted_picks_a_key_by_cumulative_weight(weights, roll):
    pairs = [(f"k{i}", w) for i, w in enumerate(weights)]
    key = adj.pick_weighted(pairs, roll)
    i = int(key[1:])
    total = sum(weights)
    assert sum(weights[:i]) <= roll * total + 1e-9
    assert adj.pick_weighted(pairs, 0.0) == "k0"


def test_decayed_heals_to_the_floor():
    assert adj.decayed(0.5, 10, 10, 0.01) == 0.5
    assert adj.decayed(0.5, 10, 20, 0.01) == pytest.approx(0.4)
    assert adj.decayed(0.5, 10, 1000, 0.01) == 0.0
    assert adj.decayed(0.5, 10, 5, 0.01) == 0.5  # never heals backwards in time


# --- coverage ------------------------------------------------------------------------------------

def test_coverage_relations():
    stocks = {item: 1000 for item in RULES.items}
    eu = adj.eu_points(RULES, stocks, {})
    us_start = RULES.start.us.points
    half = {a: p / 2 for a, p in us_start.items()}
    cov = adj.coverage(RULES, eu, half, us_start)
    for area, c in cov.items():
        assert 0 <= c["without_us"] <= c["with_us"] <= 1
        assert c["us_gap"] >= 0
    full = adj.coverage(RULES, eu, us_start, us_start)
    assert all(c["us_gap"] == 0 for c in full.values())
    assert adj.readiness(RULES, full, 50_000) >= adj.readiness(RULES, cov, 50_000)
    assert adj.readiness(RULES, cov, 80_000) > adj.readiness(RULES, cov, 0)


def test_eu_points_count_items_and_programmes():
    empty = adj.eu_points(RULES, {i: 0 for i in RULES.items}, {})
    assert all(v == 0 for v in empty.values())
    area = next(iter(RULES.areas))
    assert adj.eu_points(RULES, {}, {area: 7.0})[area] == 7.0
    item = next(i for i, s in RULES.items.items() if s.area and s.points > 0)
    more = adj.eu_points(RULES, {item: 10}, {})
    assert more[RULES.items[item].area] == pytest.approx(10 * RULES.items[item].points)


# --- the front -----------------------------------------------------------------------------------

def forces(ua_shells=200_000, ru_shells=300_000, pressure="medium", front_share=1.0, flank_reserve=0.0):
    ru = {"shell": ru_shells, "fpv_drone": 200_000, "howitzer": 3000, "tank": 1300, "armoured_vehicle": 2700, "troops": 700_000,
          "pressure": pressure, "flank_reserve": flank_reserve}
    ua = {"shell": ua_shells, "fpv_drone": 300_000, "howitzer": 1200, "tank": 800, "armoured_vehicle": 1700, "troops": 650_000,
          "front_share": front_share}
    return ru, ua


@given(st.integers(0, 2_000_000), st.integers(0, 2_000_000), ROLL)
@FEW
def test_more_ukrainian_shells_never_raise_the_ratio(a, b, roll):
    lo, hi = sorted((a, b))
    ru, ua_lo = forces(ua_shells=lo)
    _, ua_hi = forces(ua_shells=hi)
    _, why_lo = adj.front_step(RULES, 30, ru, ua_lo, True, 0.5, roll)
    _, why_hi = adj.front_step(RULES, 30, ru, ua_hi, True, 0.5, roll)
    assert why_hi["ratio"] <= why_lo["ratio"]


@given(st.integers(0, 2_000_000), st.integers(0, 2_000_000), ROLL)
@FEW
def test_more_russian_shells_never_lower_the_ratio(a, b, roll):
    lo, hi = sorted((a, b))
    ru_lo, ua = forces(ru_shells=lo)
    ru_hi, _ = forces(ru_shells=hi)
    assert (adj.front_step(RULES, 30, ru_hi, ua, True, 0.0, roll)[1]["ratio"]
            >= adj.front_step(RULES, 30, ru_lo, ua, True, 0.0, roll)[1]["ratio"])


@given(st.integers(0, 500_000), st.integers(0, 500_000), st.integers(1, 91),
       st.sampled_from(["low", "medium", "high"]), st.floats(0, 1), ROLL)
@FEW
def test_front_fires_no_more_than_is_held(ua_shells, ru_shells, days, pressure, front_share, roll):
    ru, ua = forces(ua_shells, ru_shells, pressure, front_share)
    res, why = adj.front_step(RULES, days, ru, ua, False, 0.0, roll)
    assert 0 <= res["ru_shells"] <= ru_shells
    assert 0 <= res["ua_shells"] <= ua_shells * front_share + 1e-9
    assert res["ru_fpv"] <= ru["fpv_drone"] and res["ua_fpv"] <= ua["fpv_drone"]
    for key in ("ru_troops_lost", "ua_troops_lost", "ru_recruits", "ua_recruits"):
        assert res[key] >= 0
    for role in ("howitzer", "tank", "armoured_vehicle"):
        assert res[f"ru_{role}_lost"] >= 0 and res[f"ua_{role}_lost"] >= 0
    assert why["rule"].startswith("front.bands[")


@pytest.mark.parametrize("role", ["tank", "armoured_vehicle"])
@pytest.mark.parametrize("side", ["ru", "ua"])
def test_tanks_and_other_armoured_vehicles_each_count_at_the_front(side, role):
    """Each kind of armour is its own input: a side short of one has less power and loses fewer of it."""
    full = forces()
    short = forces()
    short[0 if side == "ru" else 1][role] //= 4
    res_full, why_full = adj.front_step(RULES, 30, *full, True, 0.0, 0.5)
    res_short, why_short = adj.front_step(RULES, 30, *short, True, 0.0, 0.5)
    power = f"{side}_power"
    assert why_short[power] < why_full[power]
    assert 0 < res_short[f"{side}_{role}_lost"] < res_full[f"{side}_{role}_lost"]


def test_flank_reserve_holds_back_both_kinds_of_armour():
    ru, ua = forces()
    held_ru, _ = forces(flank_reserve=0.5)
    res, why = adj.front_step(RULES, 30, ru, ua, True, 0.0, 0.5)
    res_held, why_held = adj.front_step(RULES, 30, held_ru, ua, True, 0.0, 0.5)
    assert why_held["ru_power"] < why["ru_power"]
    assert res_held["ru_tank_lost"] < res["ru_tank_lost"]
    assert res_held["ru_armoured_vehicle_lost"] < res["ru_armoured_vehicle_lost"]


def test_intelligence_and_air_cover_help_ukraine():
    ru, ua = forces()
    ratio = lambda intel, cover: adj.front_step(RULES, 30, ru, ua, intel, cover, 0.5)[1]["ratio"]  # noqa: E731
    assert ratio(True, 0.0) <= ratio(False, 0.0)
    assert ratio(False, 1.0) <= ratio(False, 0.0)


def test_flank_reserve_weakens_the_russian_attack():
    ru_all, ua = forces(flank_reserve=0.0)
    ru_held, _ = forces(flank_reserve=0.5)
    assert (adj.front_step(RULES, 30, ru_held, ua, True, 0, 0.5)[1]["ratio"]
            <= adj.front_step(RULES, 30, ru_all, ua, True, 0, 0.5)[1]["ratio"])


def test_ukraine_without_troops_gives_the_top_band():
    ru, ua = forces()
    ua["troops"] = 0
    _, why = adj.front_step(RULES, 30, ru, ua, True, 0, 0.5)
    assert why["rule"] == f"front.bands[{len(RULES.front.bands) - 1}]"


# --- strikes -------------------------------------------------------------------------------------

@given(st.integers(0, 2000), st.integers(0, 5000), st.sampled_from(["industry", "energy"]),
       st.integers(0, 5000), st.integers(0, 100), st.sampled_from(["industry", "cities", "front"]),
       st.booleans(), ROLL)
@FEW
def test_strike_wave_limits(missiles, drones, target, interceptors, batteries, priority, intel, roll):
    res, why = adj.strike_wave(RULES, missiles, drones, target, interceptors, batteries, priority, intel, roll)
    assert 0 <= res["missiles_through"] <= missiles
    assert 0 <= res["drones_through"] <= drones
    assert 0 <= res["interceptors_used"] <= interceptors
    assert res["interceptors_used"] <= missiles * RULES.strikes.interceptors_per_missile
    assert 0 <= why["p_missile"] <= 1 and 0 <= why["p_drone"] <= 1


def test_more_interceptors_stop_more_missiles():
    args = dict(missiles=100, drones=0, target="energy", batteries=30, priority="cities", intel=False, roll=0.5)
    none = adj.strike_wave(RULES, interceptors=0, **args)
    many = adj.strike_wave(RULES, interceptors=10_000, **args)
    assert many[0]["missiles_through"] <= none[0]["missiles_through"]
    assert many[1]["p_missile"] >= none[1]["p_missile"]


def test_strike_damage_grows_with_leakers():
    for energy in (True, False):
        assert adj.strike_damage(RULES, 0, 0, energy) == 0
        assert adj.strike_damage(RULES, 10, 10, energy) >= adj.strike_damage(RULES, 5, 5, energy)


# --- politics and the flank ----------------------------------------------------------------------

def test_veto_probability_falls_as_cohesion_rises():
    steps = [i / 100 for i in range(101)]
    ps = [adj.veto_probability(RULES, c)[0] for c in steps]
    assert all(0 <= p <= 1 for p in ps)
    assert all(b <= a for a, b in zip(ps, ps[1:]))
    assert ps[-1] < ps[0]
    assert adj.veto_probability(RULES, 0.5)[1].startswith("politics.veto_bands[")


@given(st.floats(0, 1), st.floats(0, 1), st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), max_size=5),
       st.floats(0, 0.1), st.floats(-50_000, 50_000))
@FEW
def test_politics_stay_between_zero_and_one(cohesion, support, shocks, share, ground):
    c, s, _ = adj.politics_update(RULES, cohesion, support, shocks, share, ground)
    assert 0 <= c <= 1 and 0 <= s <= 1


def test_a_cohesion_shock_lowers_cohesion():
    calm = adj.politics_update(RULES, 0.6, 0.6, [], 0.02, 0)[0]
    shaken = adj.politics_update(RULES, 0.6, 0.6, [(-0.1, 0)], 0.02, 0)[0]
    assert shaken < calm


@given(st.floats(0, 10), st.integers(0, 30), st.sampled_from(["none", "low", "high"]))
@FEW
def test_crisis_probability_is_a_probability(ratio, weak_turns, probing):
    p, rule, sustained = adj.crisis_probability(RULES, ratio, weak_turns, probing)
    assert 0 <= p <= 1 and 0 <= sustained <= RULES.deterrence.sustained_max
    assert rule.startswith("deterrence.bands[")
    assert p >= adj.crisis_probability(RULES, ratio, weak_turns, "none")[0]
    assert p >= adj.crisis_probability(RULES, ratio, 0, probing)[0]


def test_more_held_back_armour_is_more_threat():
    stocks = {"tank": 1000, "armoured_vehicle": 2000, "howitzer": 1000, "cruise_missile": 500, "long_range_drone": 5000}
    assert adj.russian_force(RULES, stocks, 0.5) > adj.russian_force(RULES, stocks, 0.1)
    for role in ("tank", "armoured_vehicle"):  # each kind held back adds to the threat
        fewer = dict(stocks, **{role: 0})
        assert adj.russian_force(RULES, fewer, 0.5) < adj.russian_force(RULES, stocks, 0.5)
    assert adj.russian_force(RULES, {}, 0.5) == 0


# --- objectives ----------------------------------------------------------------------------------

def objectives():
    return [(side, o) for side in SIDES for o in getattr(RULES.objectives, side)]


def row_of(side, oid, metrics):
    scores = adj.score(RULES, metrics)
    return scores[side], next(r for r in scores[side]["objectives"] if r["id"] == oid)


def beyond(o, offset):
    """A value of o's metric `offset` past its target (meets when offset >= 0, misses when below)."""
    return o.target + (offset if o.op == ">=" else -offset)


def test_every_side_has_objectives_worth_points():
    scores = adj.score(RULES, {})
    assert set(scores) == {"eu", "ukraine", "russia"}
    assert all(s["max"] > 0 for s in scores.values())


@pytest.mark.parametrize("offset, met", [(1, True), (0, True), (-1, False)])
def test_score_meets_and_misses_each_objective(offset, met):
    for side, o in objectives():
        s, row = row_of(side, o.id, {o.metric: beyond(o, offset)})
        assert row["met"] is met, (side, o.id)
        assert row["points"] == (o.points if met else 0)
        assert row["value"] == beyond(o, offset)
        assert 0 <= s["score"] <= s["max"]


def test_score_all_met_gives_the_maximum():
    for side in SIDES:
        objs = getattr(RULES.objectives, side)
        metrics = {}
        for o in objs:
            value = beyond(o, 1)
            old = metrics.get(o.metric)
            # objectives of one side on one metric: the stricter target decides
            metrics[o.metric] = value if old is None else (max(old, value) if o.op == ">=" else min(old, value))
        s = adj.score(RULES, metrics)[side]
        if all(r["met"] for r in s["objectives"]):
            assert s["score"] == s["max"]
        for r in s["objectives"]:
            assert r["points"] == (next(o.points for o in objs if o.id == r["id"]) if r["met"] else 0)


def test_score_without_metrics_meets_nothing():
    for s in adj.score(RULES, {}).values():
        assert s["score"] == 0 and all(row["value"] is None for row in s["objectives"])


def test_score_rows_name_their_metric():
    some = adj.score(RULES, {})["eu"]["objectives"][0]
    assert set(some) >= {"id", "text", "metric", "value", "op", "target", "met", "points"}


def test_deep_strike_never_hits_more_than_launched_and_costs_per_hit():
    rules = RULES
    deep_strike = adj.deep_strike
    spec = rules.strikes.deep_strikes
    for roll in (0.0, 0.5, 0.999):
        result, why = deep_strike(rules, 40, roll)
        assert 0 <= result["hits"] <= 40
        assert result["revenue_loss"] == result["hits"] * spec.revenue_loss_per_hit
        assert f"roll {roll:.2f}" in why["text"]
    assert deep_strike(rules, 40, 0.999)[0]["hits"] >= deep_strike(rules, 40, 0.0)[0]["hits"]



def supplied_force(side, pressure, k=1.0, stocks=1.0):
    """(ru, ua) where `side` has k times its reference force and `stocks` times what the reference force
    needs for a 30-day step (guns, vehicles, shells and drones); the other side as forces() gives."""
    ru, ua = forces(pressure=pressure)
    front = RULES.front
    spec = front.russia if side == "ru" else front.ukraine
    daily = front.russia.pressure[pressure] if side == "ru" else front.ukraine
    me = ru if side == "ru" else ua
    me["troops"] = round(spec.reference_troops * k)
    me["shell"] = round(daily.shells_per_day * 30 * stocks)
    me["fpv_drone"] = round(daily.fpv_per_day * 30 * stocks)
    for role in ("howitzer", "tank", "armoured_vehicle"):
        me[role] = round(getattr(spec.need, role) * stocks)
    return ru, ua


@given(st.floats(1.0, 4.0), st.sampled_from(["low", "medium", "high"]), st.sampled_from(["ru", "ua"]))
@FEW
def test_troops_add_power_only_as_far_as_they_are_armed_and_supplied(k, pressure, side):
    """The needs scale with the force (front.*.reference_troops): k times the troops with the same guns,
    vehicles, shells and drones have the same power, and with k times those too, k times the power."""
    power = f"{side}_power"
    base = adj.front_step(RULES, 30, *supplied_force(side, pressure), True, 0.0, 0.5)[1][power]
    unarmed = adj.front_step(RULES, 30, *supplied_force(side, pressure, k=k), True, 0.0, 0.5)[1][power]
    armed = adj.front_step(RULES, 30, *supplied_force(side, pressure, k=k, stocks=k), True, 0.0, 0.5)[1][power]
    assert unarmed == pytest.approx(base, rel=1e-3)
    assert armed == pytest.approx(base * k, rel=1e-3)
