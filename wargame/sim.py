"""The discrete-event turn: a SimPy environment runs through the turn's days and everything with a
time happens at its time (orders reach queues, lines ship batches, US steps, strikes, the front).

This layer only decides *when*. Each process waits for its day, draws the rolls a ruling needs from
the turn's Chance, calls the ruling (a pure function of wargame.phases) and applies the Change it
returns to the turn's Ledger. At the end of the turn the Ledger is frozen into the next GameState.
"""

import attrs
import simpy

from wargame.chance import Chance
from wargame.model import US, GameState, Line, Side, Tranche, USStep
from wargame.vocab import SIDES
from wargame.phases import combat, flank, money, politics, procurement, production, programmes, us, white_cell
from wargame.phases.change import Change, Ledger, audience, event, with_audience
from wargame.phases.scoring import item_flows, turn_metrics
from wargame import adjudicate as adj


# --- the start of the game and of each turn --------------------------------------------------

def initial_state(rules, scenario):
    """The situation at the start: the same for every scenario that shares the rules."""
    start = rules.start
    sides = {
        "eu": Side(funds=0.0, stocks=dict(start.eu.stocks), budget_share=rules.money.eu.budget_share_start),
        "ukraine": Side(funds=0.0, stocks=dict(start.ukraine.stocks), troops=start.ukraine.troops),
        "russia": Side(funds=0.0, stocks=dict(start.russia.stocks), troops=start.russia.troops),
    }
    for side in sides.values():
        for item in rules.items:
            side.stocks.setdefault(item, 0)
    lines = {}
    for lid, s in rules.suppliers.items():
        lines[lid] = Line(id=lid, name=s.name, owner=s.owner, site=s.site, item=s.item,
                          unit_cost=s.unit_cost, buyers=tuple(s.buyers), batch_days=s.batch_days,
                          fms=s.fms, feedstock=s.feedstock, full_rate_feedstock=s.full_rate_feedstock,
                          tranches=(Tranche(s.capacity_per_day, 0, 0),))
    steps = []
    for i, st in enumerate(scenario.us.steps):
        day = (st.turn - 1) * scenario.turn_days + st.day
        announce = 0 if scenario.us.roadmap else max(0, day - st.notice_days)
        steps.append(USStep(id=i + 1, day=day, announce_day=announce, areas=dict(st.areas),
                            troops=st.troops, handover=st.handover))
    us_now = US(troops=start.us.troops, points=dict(start.us.points), steps=tuple(steps))
    return GameState(turn=0, day=0, sides=sides, lines=lines, us=us_now, projects={},
                     eu_points_extra={a: 0.0 for a in rules.areas},
                     cohesion=rules.politics.cohesion_start, support=rules.politics.support_start)


def begin_turn(rules, scenario, state):
    """Money in at the start of a turn, programme instalments due, and the scenario's scheduled
    capacity changes for the turn: (state, events). No rolls."""
    state, events = money.income(rules, scenario, state)
    if scenario.schedule:
        state, more = production.scheduled_capacity(scenario, state)
        events = events + [with_audience(rules, e) for e in more]
    return state, events


# --- the turn ----------------------------------------------------------------------------------

class Turn:
    """One turn being played: its clock, its rolls, its ledger, and the orders it plays out."""

    def __init__(self, rules, scenario, state, orders, seed, given_rolls=None):
        self.rules = rules
        self.scenario = scenario
        self.orders = orders
        self.state = state
        self.turn = state.turn + 1
        self.day0 = state.day
        self.day_end = state.day + scenario.turn_days
        self.chance = Chance(seed, self.turn, given_rolls)
        self.ledger = Ledger(state, self.day_end, rules)
        self.env = simpy.Environment(initial_time=self.day0)
        self.running = set()  # lines with a production process (membership only, never iterated)
        self.postponed = {}  # {decision id: days} the turn's injects postpone EU-level decisions by
        self.decided = set()  # the EU-level decisions taken this turn (builds and programmes)

    def roll(self, day, what, rule, p=None, kind="control", side=None):
        """A roll of the turn's Chance, recorded with the kind of event it decides (and whose), so
        that who may see it is the rules' visibility table's to say, as for events."""
        value, record = self.chance.roll(day, what, rule, p)
        record["kind"] = kind
        if side is not None:
            record["side"] = side
        record["public"] = audience(self.rules, kind, side) == "public"
        return value, record

    def apply(self, change):
        self.ledger.apply(change, self.env.now)

    def at(self, day):
        """Wait until `day` (now if it has passed)."""
        return self.env.timeout(max(0, day - self.env.now))

    def orders_of(self, side):
        return self.orders.get(side) or {}


def run_turn(rules, scenario, state, orders, seed, injects=(), given_rolls=None):
    """Play one turn from its start state and the sides' checked orders: (new state, report).

    `state` is the state after begin_turn; orders maps each side to its filled orders; injects are
    the white cell's checked injects for this turn (wargame.injects); given_rolls replaces some of
    the turn's rolls ({index in the turn's roll order: value in [0, 1)}).
    """
    t = Turn(rules, scenario, state, orders, seed, given_rolls)
    t.postponed = white_cell.postponed(injects)
    env = t.env
    _us_start(t)
    _apply_orders(t)
    for inject in injects:
        env.process(_inject(t, inject))
    for line in t.ledger.lines.values():
        if line.queue:
            _start_line(t, line)
    env.process(_front(t))
    env.process(_strikes(t))
    env.process(_deep_strikes(t))
    env.process(_programmes(t))
    # every process ends by day_end; run() without `until` also runs the events that fall on day_end
    # (the last batch and front step of the turn), which run(until=day_end) would leave out
    env.run()
    assert env.now <= t.day_end
    result = _end_of_turn(t)
    t.chance.check_all_used()
    return result


# --- orders ------------------------------------------------------------------------------------

def _apply_orders(t):
    rules, env, book = t.rules, t.env, t.ledger
    eu_orders = t.orders.get("eu")
    if eu_orders:
        if eu_orders["safe_draw"]:
            t.apply(money.safe_draw(eu_orders["safe_draw"]))
        if eu_orders["fund_ukraine"]:
            t.apply(money.fund_ukraine(eu_orders["fund_ukraine"], book.safe_funds))
    decided = []
    for side in SIDES:
        orders = t.orders.get(side)
        if not orders:
            continue
        placed_day = t.day0 + getattr(rules.money, side).contracting_days
        purchases = []
        for p in orders["procure"]:
            line = book.lines[p["supplier"]]
            paid, queued = procurement.purchase(rules, side, p, line.spec, book.safe_funds, book.next_order_id, placed_day)
            t.apply(paid)
            purchases.append((line, queued))
        if purchases:  # a side's purchases all reach their queues on the same day, in the order given
            env.process(_place(t, purchases, placed_day))
        coalition, markup = procurement.coalition_markup(rules, orders, side)
        for bid in orders["build"]:
            spec = rules.builds[bid]
            expanded = book.lines[spec.expands].spec if spec.expands else None
            site = expanded.site if expanded is not None else spec.site
            t.apply(procurement.build_cost(rules, side, spec, site, markup, book.safe_funds))
            go = _decide(t, bid, spec, coalition, decided) if spec.eu_level else t.day0
            ready_date = t.scenario.date_of(go + spec.build_days).isoformat()
            change, name, ready = procurement.build(side, bid, spec, go, expanded, ready_date)
            t.apply(change)
            if ready < t.day_end:
                env.process(_opens(t, side, name, ready))
        for pid in orders.get("projects", []):
            spec = rules.projects[pid]
            due = procurement.programme_instalment(rules, pid, markup, t.scenario.turn_days)
            t.apply(money.payment(side, due, book.safe_funds))
            go = _decide(t, pid, spec, coalition, decided) if spec.eu_level else t.day0
            t.apply(procurement.programme(rules, pid, go, t.day0, markup, due))
        if side == "eu":
            for item, qty in orders["transfer"].items():
                env.process(_transfer(t, item, qty, placed_day))
        if side == "russia" and orders["probing"] != "none":
            t.apply(money.payment(side, rules.deterrence.probing[orders["probing"]].cost, book.safe_funds))
    if "coalition" in decided:
        t.apply(Change(shocks=("coalition",)))
    if eu_orders and eu_orders.get("budget_share") is not None:
        t.apply(Change(budget_share=eu_orders["budget_share"]))


def _decide(t, key, spec, coalition, decided):
    """An EU-level decision: a coalition goes ahead now; consensus risks a veto that delays it; an
    inject of the turn may postpone it further."""
    if coalition:
        result, delay, change = procurement.go_as_coalition(spec)
    else:
        p, rule = adj.veto_probability(t.rules, t.state.cohesion)
        r, rec = t.roll(t.day0, f"EU veto on {spec.name}", rule, p, kind="decision")
        result, delay, change = procurement.consensus(t.rules, spec, p, r)
        rec["result"] = f"veto: delayed {delay} days" if result == "veto" else "agreed"
    decided.append(result)
    t.apply(change)
    t.decided.add(key)
    later = t.postponed.get(key, 0)
    if later:
        t.apply(white_cell.postpone(spec, later))
    return t.day0 + delay + later


def _opens(t, side, name, ready):
    yield t.at(ready)
    t.apply(procurement.opens(side, name))


def _place(t, purchases, day):
    yield t.at(day)
    for line, queued in purchases:
        t.apply(procurement.placed(line.spec, queued, line.backlog()))
        if line.spec.id not in t.running:
            _start_line(t, line)


def _transfer(t, item, qty, day):
    yield t.at(day)
    t.apply(procurement.transfer(item, qty, t.ledger.stocks["eu"][item]))


# --- production ----------------------------------------------------------------------------------

def _start_line(t, line):
    t.running.add(line.spec.id)
    t.env.process(_produce(t, line))


def _produce(t, line):
    # the commonest process of a game (a few thousand batches): what does not change is read once
    env, book, strikes, day_end = t.env, t.ledger, t.rules.strikes, t.day_end
    spec = line.spec
    batch_days, feedstock = spec.batch_days, spec.feedstock
    owner_stocks = book.stocks[spec.owner] if feedstock else None
    timeout, batch, apply = env.timeout, production.batch, book.apply_batch
    start = env.now
    while start < day_end:
        end = start + batch_days
        if end > day_end:
            end = day_end
        yield timeout(end - start)
        held = owner_stocks[feedstock] if feedstock else 0
        apply(batch(strikes, line, start, end, int((start + end) / 2) >= book.fms_paused_until,
                    book.energy_damage, book.energy_day, held), end)
        start = end


# --- programmes ----------------------------------------------------------------------------------

def _programmes(t):
    book = t.ledger
    finishing, progressed = programmes.schedule(t.rules, book.projects, t.day0, t.day_end)
    for finish, pid in finishing:
        yield t.at(finish)
        t.apply(programmes.complete(t.rules, pid, book.projects[pid]))
    t.apply(Change(projects=tuple(progressed)))


# --- the US and the white cell -------------------------------------------------------------------

def _us_start(t):
    """The US rolls of the turn's first day, and the processes for its steps, aid and announcements."""
    rules, scen, book, d0 = t.rules, t.scenario.us, t.ledger, t.day0
    rs = scen.random_steps
    if rs.probability > 0:
        r, rec = t.roll(d0, "US: a sudden withdrawal step this turn?", "scenario.us.random_steps", rs.probability,
                         kind="us_plan")
        remaining = us.areas_left(rules, book.us_points, book.us_steps)
        if r < rs.probability and (remaining or book.us_troops > 0):
            drawn = [t.roll(d0, f"US step: {what}", "scenario.us.random_steps", kind="us_plan")
                     for what in ("day", "notice", "area", "troops")]
            step = us.sudden_step(rules, t.scenario, book.us_points, book.us_troops, remaining,
                                  len(book.us_steps) + 1, d0, *(r for r, _ in drawn))
            for (_, each), result in zip(drawn, us.sudden_step_results(rules, step, d0)):
                each.update(day=min(step.day, t.day_end - 1), result=result)
            t.apply(Change(us_step=step))
            rec["result"] = (f"step announced on day {step.announce_day - d0} of the turn, leaves "
                             f"{step.day - step.announce_day} days later: " + us.step_text(rules, step))
        else:
            rec["result"] = "no step"
    for key, label, field, shock in us.PAUSES:
        p = getattr(scen, key)
        if p > 0 and getattr(book, field) <= d0:
            r, rec = t.roll(d0, f"US: {label}?", f"scenario.us.{key}", p, kind="us")
            if r < p:
                t.apply(us.pause(t.scenario, key, label, field, shock, d0))
                rec["result"] = f"yes, for {scen.pause_turns} turns"
            else:
                rec["result"] = "no"
    if scen.aid_stop_probability > 0 and not book.aid_stopped:
        p = scen.aid_stop_probability
        r, rec = t.roll(d0, "US: aid to Ukraine stops?", "scenario.us.aid_stop_probability", p, kind="us")
        if r < p:
            t.apply(us.aid_stops())
            rec["result"] = "yes: aid stops"
        else:
            rec["result"] = "no"
    ordered = t.orders.get("us")
    if ordered:  # a seated US: its steps go through the same announcements and departures as the scenario's
        for step in ordered["steps"]:
            t.apply(Change(us_step=us.ordered_step(step, len(book.us_steps) + 1, d0)))
        for key, label, field, shock in us.PAUSES:
            turns = ordered[key.split("_")[0] + "_pause_turns"]
            if turns:
                t.apply(us.ordered_pause(label, field, shock, turns, d0, t.scenario.turn_days, getattr(book, field)))
    for step in book.us_steps:
        if t.day0 <= step.announce_day < t.day_end:
            t.env.process(_announce(t, step))
        if not step.done and step.day < t.day_end:
            t.env.process(_us_step(t, step))
    share = ordered["aid_share"] if ordered else us.aid_share(t.scenario, t.turn)
    if share > 0 and not book.aid_stopped:
        t.env.process(_aid(t, share))


def _announce(t, step):
    yield t.at(step.announce_day)
    t.apply(us.announce(t.rules, step, t.scenario.date_of(step.day).isoformat()))


def _us_step(t, step):
    yield t.at(step.day)
    t.apply(us.leaves(t.rules, step, t.ledger.us_points, t.ledger.us_troops))


def _aid(t, share):
    yield t.env.timeout(t.rules.start.us.aid_day)
    if not t.ledger.aid_stopped:
        t.apply(us.aid(t.rules, share))


def _inject(t, inj):
    """A facilitator's inject, applied on its day."""
    yield t.env.timeout(inj["day"])
    book = t.ledger
    change = white_cell.inject(inj, book.funds, book.stocks, int(t.env.now), len(book.us_steps) + 1,
                               t.rules.deterrence.crisis_kinds, t.decided)
    t.apply(change)
    if change.us_step is not None:
        t.env.process(_announce(t, change.us_step))
        if change.us_step.day < t.day_end:
            t.env.process(_us_step(t, change.us_step))


# --- fighting ------------------------------------------------------------------------------------

def _front(t):
    """The front, adjudicated in whole steps of about front.step_days."""
    book = t.ledger
    ru_orders, ua_orders = t.orders_of("russia"), t.orders_of("ukraine")
    for days in combat.step_lengths(t.scenario.turn_days, t.rules.front.step_days):
        yield t.env.timeout(days)
        now = int(t.env.now)
        roll, rec = t.roll(min(now, t.day_end - 1), "Front: ground", "front.bands", kind="front_detail")
        change, why = combat.front(t.rules, days, book.stocks, book.troops, ru_orders, ua_orders,
                                   book.intel_active(now), roll)
        rec.update(rule=why["rule"], result=why["text"])
        t.apply(change)


def _wave_days(t, waves, label, rule):
    """The days of a turn's strike waves, drawn at its start and numbered in the order they come:
    each roll is labelled with the wave it decides and dated on that wave's day."""
    drawn = []
    for i in range(waves):
        r, rec = t.roll(t.day0, f"{label} wave {i + 1}: day", rule, kind="strike")
        drawn.append((combat.wave_day(t.day0, t.scenario.turn_days, r), i, rec))
    drawn.sort(key=lambda d: (d[0], d[1]))
    for number, (day, _, rec) in enumerate(drawn, 1):
        rec.update(what=f"{label} wave {number}: day", day=min(day, t.day_end - 1),
                   result=f"day {day - t.day0} of the turn")
    return [day for day, _, _ in drawn]


def _deep_strikes(t):
    """Ukrainian long-range drones against Russian refineries and plants."""
    launched = t.orders_of("ukraine").get("deep_strikes", 0)
    if not launched:
        return
    spec = t.rules.strikes.deep_strikes
    waves = spec.waves_per_turn
    for i, day in enumerate(_wave_days(t, waves, "Ukrainian deep strike", "strikes.deep_strikes")):
        yield t.at(day)
        n = min(combat.share_of(launched, waves, i), t.ledger.stocks["ukraine"][t.rules.roles.long_range_drone])
        if not n:
            t.apply(Change(events=(event(day, "strike", None, f"Ukrainian deep strike wave {i + 1}: "
                                         "no long-range drones left to launch"),)))
            continue
        roll, rec = t.roll(day, f"Ukrainian deep strike wave {i + 1}: interception", "strikes.deep_strikes", spec.intercept,
                           kind="strike_detail", side="ukraine")
        change, why = combat.deep_strike(t.rules, i, n, t.ledger.funds["russia"], day, roll)
        rec["result"] = why["text"]
        t.apply(change)


def _strikes(t):
    """Russian strike waves on the days drawn at the start of the turn."""
    rules, book = t.rules, t.ledger
    strikes = t.orders_of("russia").get("strikes") or {}
    missiles, drones = strikes.get("missiles", 0), strikes.get("drones", 0)
    if not missiles and not drones:
        return
    target = strikes.get("target", "energy")
    priority = t.orders_of("ukraine").get("air_defence", "industry")
    waves = rules.strikes.waves_per_turn
    for i, day in enumerate(_wave_days(t, waves, "Strike", "strikes.waves_per_turn")):
        yield t.at(day)
        ru_s = book.stocks["russia"]
        missile, drone = rules.roles.cruise_missile, rules.roles.long_range_drone
        m = min(combat.share_of(missiles, waves, i), ru_s[missile])
        d = min(combat.share_of(drones, waves, i), ru_s[drone])
        t.apply(Change(stocks=(("russia", missile, -m), ("russia", drone, -d))))
        if not m and not d:
            t.apply(Change(events=(event(day, "strike", None, f"Strike wave {i + 1} on {target}: "
                                         "no missiles or drones left to launch"),)))
            continue
        roll, rec = t.roll(day, f"Strike wave {i + 1}: interception", "strikes", kind="strike_detail", side="ukraine")
        change, res, why = combat.strike_wave(rules, m, d, target, book.stocks["ukraine"], priority,
                                              book.intel_active(day), roll)
        rec.update(p=round(why["p_missile"], 4), result=why["text"])
        t.apply(change)
        damage_text = ""
        if res["missiles_through"] or res["drones_through"]:
            if target == "energy":
                change, damage_text = combat.grid_hit(rules, res, book.energy_damage, book.energy_day, day)
                t.apply(change)
            else:
                plants = combat.plants_in_reach(book.lines, day)
                if plants:
                    r2, rec2 = t.roll(day, f"Strike wave {i + 1}: which plant", "strikes (weighted by output value)",
                                    kind="strike")
                    change, result, damage_text = combat.plant_hit(rules, res, book.lines[adj.pick_weighted(plants, r2)], day)
                    t.apply(change)
                    rec2["result"] = result
        t.apply(combat.strike_report(i, target, m, d, res, why, damage_text, day))


# --- the end of the turn -------------------------------------------------------------------------

def _end_of_turn(t):
    rules, state, book = t.rules, t.state, t.ledger
    day = t.day_end
    ru_orders, eu_orders = t.orders_of("russia"), t.orders_of("eu")
    probing = ru_orders.get("probing", "none")
    now = flank.assess(rules, book.stocks["eu"], book.extra, book.us_points, book.us_troops, book.stocks["russia"],
                       ru_orders.get("flank_reserve", 0.0), state.weak_turns, probing)
    r, rec = t.roll(day - 1, "Crisis on the eastern flank?", now["rule"], now["p"], kind="crisis")
    crises = state.crises + book.tally["crises"]  # with those the white cell's injects raised
    if r < now["p"]:
        r2, rec2 = t.roll(day - 1, "Crisis on the eastern flank: kind", "deterrence.crisis_kinds", kind="crisis")
        kind, shock, text = flank.crisis(rules, now, r, r2)
        rec2["result"] = kind
        crises += 1
        rec["result"] = f"crisis: {kind}"
        t.apply(Change(shocks=(shock,), events=(event(day - 1, "crisis", None, text),)))
    else:
        rec["result"] = f"no crisis (threat/readiness {now['ratio']:.2f})"

    cohesion, support, pol = politics.update(rules, state.cohesion, state.support, book.shocks,
                                             book.budget_share, book.tally["ground"])
    sides = {}
    for side in SIDES:
        old = state.sides[side]
        sides[side] = Side(funds=book.funds[side], stocks=book.stocks[side], troops=book.troops[side],
                           safe_funds=old.safe_funds, budget_share=old.budget_share,
                           credited=old.credited + book.credited[side], spent=old.spent + book.spent[side],
                           debt=old.debt, safe_drawn=old.safe_drawn, baseline_credited=old.baseline_credited)
    eu = sides["eu"]
    draw = eu_orders.get("safe_draw", 0) if eu_orders else 0
    eu = Side(funds=eu.funds, stocks=eu.stocks, troops=eu.troops, safe_funds=book.safe_funds,
              budget_share=book.budget_share, credited=eu.credited, spent=eu.spent,
              debt=eu.debt, safe_drawn=eu.safe_drawn + draw, baseline_credited=eu.baseline_credited)
    sides["eu"] = attrs.evolve(eu, debt=money.eu_debt(eu))
    requests = dict(t.orders_of("ukraine").get("requests") or {})
    closing = []
    if requests:
        closing.append(event(t.day0, "request", None, "Ukraine asks partners for "
                             + ", ".join(f"{q:,} {i}" for i, q in requests.items())))
    for (lid, recipient), n in sorted(book.delivered.items()):
        line = book.lines[lid].spec
        closing.append(event(day - 1, "delivery", recipient, f"{line.name} delivered {n:,} {line.item} to {recipient} this turn"))
    t.apply(Change(events=tuple(closing)))

    tally = book.tally
    new = GameState(
        turn=t.turn, day=day, sides=sides, lines={lid: line.freeze() for lid, line in book.lines.items()},
        us=US(troops=book.us_troops, points=book.us_points, steps=tuple(book.us_steps),
              fms_paused_until=book.fms_paused_until, intel_paused_until=book.intel_paused_until,
              aid_stopped=book.aid_stopped),
        projects=book.projects, eu_points_extra=book.extra, ground_km2=state.ground_km2 + tally["ground"],
        energy_damage=book.energy_damage, energy_day=book.energy_day, cohesion=cohesion, support=support,
        crises=crises, weak_turns=now["weak_turns"], strike_hits=state.strike_hits + tally["hits"],
        deep_hits=state.deep_hits + tally["deep_hits"], revenue_lost=state.revenue_lost,
        revenue_due=tally["revenue_lost"],
        ukraine_production=state.ukraine_production + tally["ua_production"], requests=requests,
        next_order_id=book.next_order_id, flank_ratio=now["ratio"],
        started=state.started + tuple((side, bid) for side in SIDES for bid in t.orders_of(side).get("build", ())),
    )
    metrics = turn_metrics(rules, new, now["coverage"], {
        "ground_change_km2": tally["ground"], "strike_hits": tally["hits"],
        "ukraine_production": tally["ua_production"], "crisis_probability": now["p"], "spent": dict(book.spent),
        "flows": item_flows({lid: line.spec for lid, line in book.lines.items()}, book.delivered, book.received)})
    events = sorted(book.events, key=lambda e: e["day"])
    report = {"turn": t.turn, "date": t.scenario.date_of(t.day0).isoformat(), "events": events,
              "rolls": t.chance.rolls, "metrics": metrics, "politics": pol}
    return new, report
