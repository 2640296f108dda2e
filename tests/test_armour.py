"""Tanks and other armoured vehicles are two items: each is made (Russia's new builds and refurbishment
from its own storage pool), counted at the front and lost there, and reported per item; the shipped
rules and the hindcast copy declare both by role and validate."""

import json

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.rules import DATA_DIR, RULES_DIR, load_scenario

ARMOUR = ("tank", "armoured_vehicle")


def play(tmp_path, scenario, turns):
    out = tmp_path / f"{scenario}.jsonl"
    result = CliRunner().invoke(main, ["play", scenario, "--seed", "1", "--turns", str(turns), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [r["metrics"] for r in rows[1:] if r.get("metrics") and r.get("date")]


@pytest.mark.parametrize("path", [RULES_DIR, DATA_DIR / "scenarios" / "hindcast-2023-rules"])
def test_the_shipped_rules_validate_with_both_items_by_role(path):
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and result.output == f"{path}: ok\n", result.output


@pytest.mark.parametrize("scenario", ["us-stays", "hindcast-2023"])
def test_each_has_its_role_its_russian_lines_and_its_storage_pool(scenario):
    _, rules = load_scenario(scenario)
    assert (rules.roles.tank, rules.roles.armoured_vehicle) == ARMOUR
    for item in ARMOUR:
        lines = [s for s in rules.suppliers.values() if s.owner == "russia" and s.item == item]
        new = [s for s in lines if not s.feedstock]
        refurb = [s for s in lines if s.feedstock]
        assert new and len(refurb) == 1, item
        pool = refurb[0].feedstock
        assert rules.start.russia.stocks[pool] == refurb[0].full_rate_feedstock > 0
        assert rules.front.weights[item] > 0 and getattr(rules.front.russia.need, item) > 0
    pools = {s.feedstock for s in rules.suppliers.values() if s.feedstock}
    assert len(pools) == 2  # a hull pool for tanks and another for other vehicles


def test_both_are_made_refurbished_and_fought_with(tmp_path):
    _, rules = load_scenario("us-stays")
    start = {side: getattr(rules.start, side).stocks for side in ("ukraine", "russia")}
    turns = play(tmp_path, "us-stays", 2)
    assert len(turns) == 2
    for item in ARMOUR:
        for m in turns:
            assert m[f"made.russia.{item}"] > m[f"refurbished.russia.{item}"] > 0  # new builds and refurbishment
            assert m[f"storage.russia.{item}"] == m[f"stock.russia.stored_{item}"]
        pool = f"stored_{item}"
        refurbished = sum(m[f"refurbished.russia.{item}"] for m in turns)
        assert turns[-1][f"storage.russia.{item}"] == start["russia"][pool] - refurbished
        # Ukraine makes and receives no armour here: what it has less of was lost at the front
        assert sum(m[f"made.ukraine.{item}"] + m[f"received.ukraine.{item}"] for m in turns) == 0
        assert turns[-1][f"stock.ukraine.{item}"] < start["ukraine"][item]
        # Russia's stock is its start plus what it made, less its front losses
        made = sum(m[f"made.russia.{item}"] for m in turns)
        assert turns[-1][f"stock.russia.{item}"] < start["russia"][item] + made
    for m in turns:
        assert m["russia.tanks"] == m["stock.russia.tank"] and m["russia.armoured_vehicles"] == m["stock.russia.armoured_vehicle"]
        assert m["russia.armour"] == m["russia.tanks"] + m["russia.armoured_vehicles"]


def test_the_hindcast_plays_and_reports_both(tmp_path):
    turns = play(tmp_path, "hindcast-2023", 2)
    assert len(turns) == 2
    for item in ARMOUR:
        assert all(m[f"refurbished.russia.{item}"] > 0 for m in turns)
        assert turns[1][f"storage.russia.{item}"] < turns[0][f"storage.russia.{item}"]


def test_ukraine_can_order_tanks_and_ifvs_from_its_partners_lines(tmp_path):
    """The European and US FMS armour lines sell to Ukraine: what it orders arrives as received."""
    orders = tmp_path / "ua.yaml"
    orders.write_text("side: ukraine\nturn: 1\nrationale: armour from partners\n"
                      "procure:\n  - {supplier: eu_ifvs, qty: 6, for: ukraine}\n"
                      "  - {supplier: us_fms_tanks, qty: 2, for: ukraine}\n", encoding="utf-8")
    out = tmp_path / "g.jsonl"
    result = CliRunner().invoke(main, ["play", "us-stays", "--seed", "1", "--turns", "1", "--orders", f"ukraine={orders}",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    turns = [r["metrics"] for r in rows[1:] if r.get("metrics") and r.get("date")]
    assert sum(m["received.ukraine.armoured_vehicle"] for m in turns) == 6
    assert sum(m["received.ukraine.tank"] for m in turns) == 2
    assert sum(m["made.eu.armoured_vehicle"] for m in turns) == 6


def test_russian_armour_figures_are_russias_own(tmp_path):
    """Russia's tanks, vehicles and stored hulls are its own figures: no other team or the public sees them."""
    from wargame.visibility import record_for
    out = tmp_path / "v.jsonl"
    result = CliRunner().invoke(main, ["play", "us-stays", "--seed", "1", "--turns", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rec = next(r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()[1:]) if r.get("metrics"))
    names = set(ARMOUR) | {f"stored_{i}" for i in ARMOUR}
    armour = [k for k in rec["metrics"] if ".russia." in k and k.split(".")[-1] in names]
    armour += ["russia.armour", "russia.tanks", "russia.armoured_vehicles"]
    assert {"storage.russia.tank", "stock.russia.stored_armoured_vehicle", "made.russia.tank"} <= set(armour)
    for view in (record_for(rec, "ukraine"), record_for(rec, "eu"), record_for(rec, public_only=True)):
        assert not set(armour) & set(view["metrics"])
    assert record_for(rec, "russia")["metrics"]["russia.armour"] == rec["metrics"]["russia.armour"]
