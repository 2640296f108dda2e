"""Numbers as a room reads them: one formatting function per unit, and each metric in its unit."""

import pytest

from wargame.figures import count, km2, metric, money, price, ratio, share, unit_of, value_and_target
from wargame.vocab import METRIC_NAMES


@pytest.mark.parametrize("eur_m, text", [
    (899_441.1, "EUR 899.4bn"), (10_000, "EUR 10.0bn"), (4_241.4, "EUR 4,241m"), (400, "EUR 400m"),
    (6.5, "EUR 6.5m"), (0.004, "EUR 0.004m"), (0, "EUR 0m"), (-500, "EUR -500m"), (-12_345, "EUR -12.3bn"),
])
def test_money_in_million_or_billion_with_its_unit(eur_m, text):
    assert money(eur_m) == text


def test_counts_shares_areas_ratios():
    assert count(701007) == "701,007"
    assert count(27481.0) == "27,481"
    assert share(0.6) == "60%" and share(0.021, 2) == "2.10%"
    assert km2(23872.34) == "23,872 km2" and km2(693.2, sign=True) == "+693 km2" and km2(-5, sign=True) == "-5 km2"
    assert ratio(0.554803) == "0.55"


def test_each_metric_in_its_unit():
    assert metric("eu.debt", 899441.09589) == "EUR 899.4bn"
    assert metric("ukraine.production", 29956.58) == "EUR 30.0bn"
    assert metric("ukraine.troops", 701007) == "701,007"
    assert metric("strikes.hits", 27481) == "27,481"
    assert metric("front.ground_km2", 23872.34) == "23,872 km2"
    assert metric("eu.coverage_without_us_mean", 0.655758) == "66%"
    assert metric("coverage.drones.without_us", 0.29232) == "29%"
    assert metric("eu.budget_share", 0.026) == "2.60%"
    assert metric("politics.cohesion", 0.554803) == "0.55"
    assert metric("flank.ratio", 0.402727) == "0.40"
    assert metric("eu.debt", None) == "-"


def test_every_metric_has_a_unit():
    assert [m for m in METRIC_NAMES if unit_of(m) == "number"] == []


def test_a_value_near_its_target_is_told_apart():
    assert value_and_target("eu.coverage_without_us_mean", 0.598615, 0.6) == ("59.9%", "60%")
    assert value_and_target("front.ground_km2", 17000.4, 17000) == ("17,000.4 km2", "17,000 km2")
    assert value_and_target("eu.debt", 899441.1, 800000) == ("EUR 899.4bn", "EUR 800.0bn")
    assert value_and_target("flank.crises", 1, 1) == ("1", "1")
    assert value_and_target("politics.cohesion", 0.5, 0.5) == ("0.50", "0.50")


def test_a_units_price_in_euros_below_a_million():
    assert price(0.004) == "EUR 4,000"
    assert price(0.00053) == "EUR 530"
    assert price(0.15) == "EUR 150,000"
    assert price(6.5) == "EUR 6.5m"
    assert price(1000) == "EUR 1,000m"
