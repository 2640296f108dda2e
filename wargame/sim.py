"""The discrete-event turn: a SimPy environment runs through the turn's days and everything with a
time happens at its time (orders reach queues, lines ship batches, US steps, strikes, the front).

The rulings themselves are the pure functions of adjudicate.py; this module decides *when*.
Randomness comes only from the Dice of the turn, seeded from the game's seed and the turn number.
"""

import hashlib
import random

import attrs
import simpy

from wargame import adjudicate as adj
from wargame import sim_combat, sim_us
from wargame.model import SIDES, GameState, rate_of, Line, Project, QueuedOrder, Side, Tranche, US, USStep
from wargame.orders import first_instalment


def turn_seed(seed, turn):
    """The seed of one turn's dice: the same game seed and turn always give the same rolls."""
    return int.from_bytes(hashlib.sha256(f"wargame:{seed}:{turn}".encode()).digest()[:8], "big")


class Dice:
    """The turn's own generator; every roll is written down with what it was for."""

    def __init__(self, seed, turn):
        self.rng = random.Random(turn_seed(seed, turn))
        self.rolls = []

    def roll(self, day, what, rule, p=None):
        """A uniform roll in [0, 1); its record is returned for the caller to add the result."""
        value = self.rng.random()
        record = {"day": day, "what": what, "rule": rule, "roll": round(value, 4)}
        if p is not None:
            record["p"] = round(p, 4)
        self.rolls.append(record)
        return value, record


# --- the start of the game and of each turn --------------------------------------------------

def initial_state(rules, scenario):
    """The situation at the start: the same for every scenario that shares the rules."""
    start = rules.start
    money = rules.money
    sides = {
        "eu": Side(funds=0.0, stocks=dict(start.eu.stocks), budget_share=money.eu.budget_share_start),
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
                          fms=s.fms, feedstock=s.feedstock,
                          tranches=(Tranche(s.capacity_per_day, 0, 0),))
    steps = []
    for i, st in enumerate(scenario.us.steps):
        day = (st.turn - 1) * scenario.turn_days + st.day
        announce = 0 if scenario.us.roadmap else max(0, day - st.notice_days)
        steps.append(USStep(id=i + 1, day=day, announce_day=announce, areas=dict(st.areas),
                            troops=st.troops, handover=st.handover))
    us = US(troops=start.us.troops, points=dict(start.us.points), steps=tuple(steps))
    return GameState(turn=0, day=0, sides=sides, lines=lines, us=us, projects={},
                     eu_points_extra={a: 0.0 for a in rules.areas},
                     cohesion=rules.politics.cohesion_start, support=rules.politics.support_start)


def begin_turn(rules, scenario, state):
    """Money in at the start of a turn, and programme instalments due: (state, events). No rolls."""
    turn = state.turn + 1
    day = state.day
    days = scenario.turn_days
    m = rules.money
    events = []
    sides = dict(state.sides)

    eu = sides["eu"]
    income = m.eu.gdp * eu.budget_share * m.eu.game_share * days / 365
    debt = m.eu.gdp * max(0.0, eu.budget_share - m.eu.baseline_share) * days / 365
    edip = m.edip.grant_per_turn if turn <= m.edip.last_turn else 0.0
    edip_ua = edip * m.edip.ukraine_share
    eu_in = income + edip - edip_ua
    eu = attrs.evolve(eu, funds=eu.funds + eu_in, credited=eu.credited + eu_in, debt=eu.debt + debt)
    events.append(_event(day, "money", "eu", f"EU budget {eu.budget_share:.2%} of GDP: EUR {income:,.0f}m"
                         + (f" + EDIP {edip - edip_ua:,.0f}m" if edip else "")
                         + (f"; escape-clause debt +{debt:,.0f}m" if debt else "")))
    ua_in = m.ukraine.budget_per_turn + edip_ua
    ua = sides["ukraine"]
    sides["ukraine"] = attrs.evolve(ua, funds=ua.funds + ua_in, credited=ua.credited + ua_in)
    events.append(_event(day, "money", "ukraine", f"Ukraine budget EUR {m.ukraine.budget_per_turn:,.0f}m"
                         + (f" + EDIP {edip_ua:,.0f}m" if edip_ua else "")))
    ru_factor = max(0.0, 1.0 - m.russia.sanctions_decline_per_turn * (turn - 1))
    ru_in = m.russia.budget_per_turn * ru_factor
    ru = sides["russia"]
    sides["russia"] = attrs.evolve(ru, funds=ru.funds + ru_in, credited=ru.credited + ru_in)
    events.append(_event(day, "money", "russia", f"Russian procurement EUR {ru_in:,.0f}m (sanctions x{ru_factor:.2f})"))

    projects = dict(state.projects)
    for pid, proj in state.projects.items():
        if proj.done:
            continue
        spec = rules.projects[pid]
        markup = proj.price / spec.cost  # a coalition's programme costs more in every instalment
        due = min(first_instalment(rules, pid, days) * markup, proj.price - proj.paid)
        if due <= 1e-9:
            projects[pid] = attrs.evolve(proj, stalled=False)  # paid in full; the work goes on
        elif due <= eu.funds + 1e-9:
            eu = attrs.evolve(eu, funds=eu.funds - due, spent=eu.spent + due)
            projects[pid] = attrs.evolve(proj, paid=proj.paid + due, stalled=False)
            events.append(_event(day, "project", "eu", f"{spec.name}: instalment EUR {due:,.0f}m paid"))
        else:
            projects[pid] = attrs.evolve(proj, stalled=True)
            events.append(_event(day, "project", "eu", f"{spec.name}: instalment EUR {due:,.0f}m unpaid, the programme stalls this turn"))
    sides["eu"] = eu
    return attrs.evolve(state, sides=sides, projects=projects), events


def _event(day, kind, side, text, public=False):
    return {"day": day, "kind": kind, "side": side, "public": public, "text": text}


# --- the turn ----------------------------------------------------------------------------------

class Turn:
    """The mutable working copy of one turn; frozen back into a GameState at the end."""

    def __init__(self, rules, scenario, state, orders, seed):
        self.rules = rules
        self.scenario = scenario
        self.orders = orders
        self.turn = state.turn + 1
        self.day0 = state.day
        self.day_end = state.day + scenario.turn_days
        self.dice = Dice(seed, self.turn)
        self.events = []
        self.shocks = []
        self.state = state
        self.funds = {s: v.funds for s, v in state.sides.items()}
        self.safe_funds = state.sides["eu"].safe_funds
        self.budget_share = state.sides["eu"].budget_share  # the EU's choice applies from next turn's income
        self.spent = {s: 0.0 for s in SIDES}
        self.credited = {s: 0.0 for s in SIDES}
        self.stocks = {s: dict(v.stocks) for s, v in state.sides.items()}
        self.troops = {s: v.troops for s, v in state.sides.items()}
        self.lines = {lid: _MutLine(line) for lid, line in state.lines.items()}
        self.us_points = dict(state.us.points)
        self.us_troops = state.us.troops
        self.us_steps = list(state.us.steps)
        self.fms_paused_until = state.us.fms_paused_until
        self.intel_paused_until = state.us.intel_paused_until
        self.aid_stopped = state.us.aid_stopped
        self.projects = dict(state.projects)
        self.extra = dict(state.eu_points_extra)
        self.energy_damage = state.energy_damage
        self.energy_day = state.energy_day
        self.next_order_id = state.next_order_id
        self.ground = 0.0
        self.hits = 0
        self.deep_hits = 0
        self.revenue_lost = 0.0
        self.ua_production = 0.0
        self.delivered = {}
        self.front_log = []
        self.env = simpy.Environment(initial_time=self.day0)

    def log(self, kind, side, text, public=False, day=None):
        # what happens as the turn closes (the last batch, the last front step) is dated on its last day
        when = min(int(self.env.now if day is None else day), self.day_end - 1)
        self.events.append(_event(when, kind, side, text, public))

    def pay(self, side, amount, safe_eligible=0.0):
        """Pay from SAFE money first where eligible, then from the side's funds."""
        from_safe = 0.0
        if side == "eu" and safe_eligible > 0:
            from_safe = min(self.safe_funds, safe_eligible, amount)
            self.safe_funds -= from_safe
        self.funds[side] -= amount - from_safe
        self.spent[side] += amount

    def intel_active(self, day):
        return day >= self.intel_paused_until

    def fms_active(self, day):
        return day >= self.fms_paused_until


class _MutLine:
    """A line during a turn: the frozen Line plus what changes (damage, carry, queue)."""

    __slots__ = ("spec", "damage", "damage_day", "carry", "queue", "tranches", "running")

    def __init__(self, line):
        self.spec = line
        self.damage = line.damage
        self.damage_day = line.damage_day
        self.carry = line.carry
        self.queue = [[o.id, o.buyer, o.recipient, o.qty, o.delivered, o.placed_day] for o in line.queue]
        self.tranches = list(line.tranches)
        self.running = False

    def backlog(self):
        return sum(o[3] - o[4] for o in self.queue)

    def rate_at(self, day):
        return rate_of(self.tranches, day)

    def freeze(self):
        s = self.spec  # the constructor directly: attrs.evolve's per-call field lookup showed in profiles
        return Line(id=s.id, name=s.name, owner=s.owner, site=s.site, item=s.item, unit_cost=s.unit_cost,
                    buyers=s.buyers, batch_days=s.batch_days, fms=s.fms, feedstock=s.feedstock,
                    tranches=tuple(self.tranches), damage=self.damage, damage_day=self.damage_day,
                    carry=self.carry, queue=tuple(QueuedOrder(*o) for o in self.queue if o[4] < o[3]))


def run_turn(rules, scenario, state, orders, seed, injects=()):
    """Play one turn from its start state and the sides' checked orders: (new state, report).

    `state` is the state after begin_turn; orders maps each side to its filled orders; injects are
    the white cell's checked injects for this turn (wargame.injects).
    """
    t = Turn(rules, scenario, state, orders, seed)
    env = t.env
    sim_us.start_of_turn(t)
    _apply_orders(t)
    for inject in injects:
        env.process(sim_us.inject(t, inject))
    for line in t.lines.values():
        if line.queue:
            _start_line(t, line)
    env.process(sim_combat.front(t))
    env.process(sim_combat.strikes(t))
    env.process(sim_combat.deep_strikes(t))
    env.process(_projects(t))
    # every process ends by day_end; run() without `until` also runs the events that fall on day_end
    # (the last batch and front step of the turn), which run(until=day_end) would leave out
    env.run()
    assert env.now <= t.day_end
    return _end_of_turn(t)


# --- orders ------------------------------------------------------------------------------------

def _apply_orders(t):
    rules, env = t.rules, t.env
    safe_sites = rules.money.safe.eligible_sites
    eu_orders = t.orders.get("eu")
    if eu_orders:
        draw = eu_orders["safe_draw"]
        if draw:
            t.safe_funds += draw
            t.credited["eu"] += draw
            t.log("money", "eu", f"SAFE loan drawn: EUR {draw:,.0f}m")
        fund = eu_orders["fund_ukraine"]
        if fund:
            t.pay("eu", fund)
            t.funds["ukraine"] += fund
            t.credited["ukraine"] += fund
            t.log("money", None, f"EU funds Ukrainian production: EUR {fund:,.0f}m (usable next turn)", public=True)
    decided = {}
    for side in SIDES:
        orders = t.orders.get(side)
        if not orders:
            continue
        contracting = getattr(rules.money, side).contracting_days
        for p in orders["procure"]:
            line = t.lines[p["supplier"]]
            cost = p["qty"] * line.spec.unit_cost
            t.pay(side, cost, cost if line.spec.site in safe_sites else 0.0)
            oid = t.next_order_id
            t.next_order_id += 1
            env.process(_place(t, line, [oid, side, p.get("for") or side, p["qty"], 0, t.day0 + contracting]))
        coalition = side == "eu" and orders.get("decision") == "coalition"
        extra = 1.0 + (rules.money.coalition.extra_cost if coalition else 0.0)
        for bid in orders["build"]:
            spec = rules.builds[bid]
            cost = spec.capex * (extra if spec.eu_level else 1.0)
            site = spec.site if not spec.expands else t.lines[spec.expands].spec.site
            t.pay(side, cost, cost if site in safe_sites and side == "eu" else 0.0)
            go = _decide(t, spec, coalition, decided) if spec.eu_level else t.day0
            _start_build(t, side, bid, spec, go)
        for pid in orders.get("projects", []):
            spec = rules.projects[pid]
            markup = extra if spec.eu_level else 1.0
            due = first_instalment(rules, pid, t.scenario.turn_days) * markup
            t.pay(side, due)
            go = _decide(t, spec, coalition, decided) if spec.eu_level else t.day0
            t.projects[pid] = Project(id=pid, start_day=go, price=spec.cost * markup, paid=due)
            t.log("project", "eu", f"{spec.name}: programme starts on day {go - t.day0} of the turn (EUR {due:,.0f}m paid)")
        if side == "eu":
            for item, qty in orders["transfer"].items():
                env.process(_transfer(t, item, qty, t.day0 + contracting))
        if side == "russia" and orders["probing"] != "none":
            cost = rules.deterrence.probing[orders["probing"]].cost
            t.pay(side, cost)
    if "coalition" in decided.values():
        t.shocks.append("coalition")
    if eu_orders and eu_orders.get("budget_share") is not None:
        t.budget_share = eu_orders["budget_share"]


def _decide(t, spec, coalition, decided):
    """An EU-level decision: a coalition goes ahead now; consensus risks a veto that delays it."""
    d0 = t.day0
    if coalition:
        decided[spec.name] = "coalition"
        t.log("decision", "eu", f"{spec.name}: a coalition of the willing goes ahead (costs more, strains cohesion)", public=True)
        return d0
    p, rule = adj.veto_probability(t.rules, t.state.cohesion)
    r, rec = t.dice.roll(d0, f"EU veto on {spec.name}", rule, p)
    if r < p:
        delay = t.rules.politics.veto_delay_days
        rec["result"] = f"veto: delayed {delay} days"
        t.shocks.append("veto")
        decided[spec.name] = "veto"
        t.log("decision", "eu", f"{spec.name}: vetoed by a member state; agreed after {delay} days "
              f"(veto chance {p:.2f}, roll {r:.2f})", public=True)
        return d0 + delay
    rec["result"] = "agreed"
    decided[spec.name] = "agreed"
    t.log("decision", "eu", f"{spec.name}: agreed by consensus (veto chance {p:.2f}, roll {r:.2f})", public=True)
    return d0


def _start_build(t, side, bid, spec, go):
    ready = go + spec.build_days
    tranche = Tranche(spec.capacity_per_day, ready, spec.ramp_days)
    if spec.expands:
        line = t.lines[spec.expands]
        line.tranches.append(tranche)
        target = line.spec.name
    else:
        line = _MutLine(Line(id=bid, name=spec.name, owner=spec.owner, site=spec.site, item=spec.item,
                             unit_cost=spec.unit_cost, buyers=tuple(spec.buyers), batch_days=spec.batch_days,
                             fms=False, feedstock=None, tranches=(tranche,)))
        t.lines[bid] = line
        target = spec.name
    when = t.scenario.date_of(ready).isoformat()
    t.log("build", side, f"{side} starts {spec.name}: first output {when}, full rate after {spec.ramp_days} more days",
          public=(side != "russia"))
    if ready < t.day_end:
        t.env.process(_opens(t, side, target, ready))


def _opens(t, side, name, ready):
    yield t.env.timeout(max(0, ready - t.env.now))
    t.log("build", side, f"{name}: new capacity starts producing", public=(side != "russia"))


def _place(t, line, order):
    yield t.env.timeout(max(0, order[5] - t.env.now))
    ahead = line.backlog()
    line.queue.append(order)
    t.log("order", order[1], f"order #{order[0]} placed with {line.spec.name}: {order[3]:,} {line.spec.item} for "
          f"{order[2]} ({ahead:,} units ahead in the queue)")
    if not line.running:
        _start_line(t, line)


def _transfer(t, item, qty, day):
    yield t.env.timeout(max(0, day - t.env.now))
    qty = min(qty, t.stocks["eu"][item])
    t.stocks["eu"][item] -= qty
    t.stocks["ukraine"][item] += qty
    t.log("transfer", None, f"EU transfers {qty:,} {item} from its stocks to Ukraine", public=True)


# --- production ----------------------------------------------------------------------------------

def _start_line(t, line):
    line.running = True
    t.env.process(_produce(t, line))


def _produce(t, line):
    env = t.env
    spec = line.spec
    strikes = t.rules.strikes
    while env.now < t.day_end:
        start = env.now
        end = min(t.day_end, start + spec.batch_days)
        yield env.timeout(end - start)
        if not line.queue:
            line.carry = 0.0
            continue
        mid = (start + end) / 2
        rate = line.rate_at(mid)
        if spec.fms and not t.fms_active(int(mid)):
            rate = 0.0
        damage = adj.decayed(line.damage, line.damage_day, int(mid), strikes.repair_per_day)
        rate *= 1.0 - damage
        if spec.site == "ukraine":
            rate *= 1.0 - adj.decayed(t.energy_damage, t.energy_day, int(mid), strikes.energy_recovery_per_day)
        made = rate * (end - start) + line.carry
        units = int(made)
        demand = line.backlog()
        if units >= demand:
            units, line.carry = demand, 0.0
        else:
            line.carry = made - units
        if spec.feedstock:
            have = t.stocks[spec.owner][spec.feedstock]
            if units > have:
                units = have
                t.log("production", spec.owner, f"{spec.name}: out of {spec.feedstock}")
            t.stocks[spec.owner][spec.feedstock] -= units
        if units:
            _deliver(t, line, units, end)


def _deliver(t, line, units, day):
    spec = line.spec
    if spec.site == "ukraine":
        t.ua_production += units * spec.unit_cost
    while units and line.queue:
        order = line.queue[0]
        n = min(units, order[3] - order[4])
        order[4] += n
        units -= n
        recipient = order[2]
        t.stocks[recipient][spec.item] += n
        key = (spec.id, recipient)
        t.delivered[key] = t.delivered.get(key, 0) + n
        if order[4] >= order[3]:
            line.queue.pop(0)
            t.log("delivery", order[1], f"order #{order[0]} complete: {order[3]:,} {spec.item} from {spec.name} "
                  f"to {recipient}", day=day)


# --- programmes ----------------------------------------------------------------------------------

def _projects(t):
    env = t.env
    pending = []
    for pid, proj in t.projects.items():
        if proj.done:
            continue
        if proj.stalled:
            continue
        spec = t.rules.projects[pid]
        begin = max(t.day0, proj.start_day)
        left = spec.duration_days - proj.progress_days
        pending.append((begin + left, pid, begin))
    pending.sort()
    for finish, pid, begin in pending:
        if finish >= t.day_end:
            proj = t.projects[pid]
            t.projects[pid] = attrs.evolve(proj, progress_days=proj.progress_days + (t.day_end - begin))
            continue
        yield env.timeout(max(0, finish - env.now))
        proj = t.projects[pid]
        spec = t.rules.projects[pid]
        t.projects[pid] = attrs.evolve(proj, progress_days=spec.duration_days, done=True)
        for item, qty in spec.delivers.items():
            t.stocks["eu"][item] += qty
        for area, pts in spec.points.items():
            t.extra[area] = t.extra.get(area, 0.0) + pts
        got = ", ".join([f"{q:,} {i}" for i, q in spec.delivers.items()] + [f"+{p:g} points {a}" for a, p in spec.points.items()])
        t.log("project", None, f"{spec.name} complete: {got}", public=True)


# --- the end of the turn -------------------------------------------------------------------------

def _end_of_turn(t):
    rules, state = t.rules, t.state
    day = t.day_end
    ru_orders = t.orders.get("russia") or {}
    eu_orders = t.orders.get("eu") or {}
    flank_reserve = ru_orders.get("flank_reserve", 0.0)
    probing = ru_orders.get("probing", "none")

    eu_pts = adj.eu_points(rules, t.stocks["eu"], t.extra)
    cov = adj.coverage(rules, eu_pts, t.us_points, rules.start.us.points)
    ready = adj.readiness(rules, cov, t.us_troops)
    threat = adj.russian_force(rules, t.stocks["russia"], flank_reserve)
    ratio = threat / ready if ready > 0 else 99.0
    weak_turns = state.weak_turns + 1 if ratio >= rules.deterrence.sustained_min_ratio else 0
    p, rule, sustained = adj.crisis_probability(rules, ratio, state.weak_turns, probing)
    r, rec = t.dice.roll(day - 1, "eastern flank: crisis?", rule, p)
    crises = state.crises
    if r < p:
        kinds = [(k, v.probability) for k, v in rules.deterrence.crisis_kinds.items()]
        r2, rec2 = t.dice.roll(day - 1, "eastern flank: kind of crisis", "deterrence.crisis_kinds")
        kind = adj.pick_weighted(kinds, r2)
        rec2["result"] = kind
        crises += 1
        row = rules.deterrence.crisis_kinds[kind]
        t.shocks.append((row.cohesion, row.support))
        rec["result"] = f"crisis: {kind}"
        t.log("crisis", None, f"Crisis on the eastern flank: {kind.replace('_', ' ')} (threat/readiness {ratio:.2f}, "
              f"chance {p:.2f} incl. {sustained:.2f} for sustained weakness, roll {r:.2f})", public=True, day=day - 1)
    else:
        rec["result"] = f"no crisis (threat/readiness {ratio:.2f})"

    shocks = []
    for s in t.shocks:
        if isinstance(s, tuple):
            shocks.append(s)
        elif s == "coalition":
            shocks.append((rules.politics.coalition_cohesion, 0.0))
        elif s == "veto":
            shocks.append((rules.politics.veto_cohesion, 0.0))
        else:
            row = rules.politics.shocks[s]
            shocks.append((row.cohesion, row.support))
    budget_share = t.budget_share
    cohesion, support, pol = adj.politics_update(rules, state.cohesion, state.support, shocks,
                                                 budget_share, t.ground)

    sides = {}
    for side in SIDES:
        old = state.sides[side]
        sides[side] = attrs.evolve(
            old, funds=t.funds[side], stocks=t.stocks[side], troops=t.troops[side],
            spent=old.spent + t.spent[side], credited=old.credited + t.credited[side],
        )
    eu = sides["eu"]
    draw = eu_orders.get("safe_draw", 0) if eu_orders else 0
    sides["eu"] = attrs.evolve(eu, safe_funds=t.safe_funds, budget_share=budget_share,
                               debt=eu.debt + draw, safe_drawn=eu.safe_drawn + draw)
    requests = dict((t.orders.get("ukraine") or {}).get("requests") or {})
    if requests:
        t.log("request", None, "Ukraine asks partners for " + ", ".join(f"{q:,} {i}" for i, q in requests.items()), public=True, day=t.day0)
    for (lid, recipient), n in sorted(t.delivered.items()):
        line = t.lines[lid].spec
        t.log("delivery", recipient, f"{line.name} delivered {n:,} {line.item} to {recipient} this turn", day=day - 1)

    new = GameState(
        turn=t.turn, day=day, sides=sides, lines={lid: line.freeze() for lid, line in t.lines.items()},
        us=US(troops=t.us_troops, points=t.us_points, steps=tuple(t.us_steps), fms_paused_until=t.fms_paused_until,
              intel_paused_until=t.intel_paused_until, aid_stopped=t.aid_stopped),
        projects=t.projects, eu_points_extra=t.extra, ground_km2=state.ground_km2 + t.ground,
        energy_damage=t.energy_damage, energy_day=t.energy_day, cohesion=cohesion, support=support, crises=crises,
        weak_turns=weak_turns, strike_hits=state.strike_hits + t.hits,
        deep_hits=state.deep_hits + t.deep_hits, revenue_lost=state.revenue_lost + t.revenue_lost,
        ukraine_production=state.ukraine_production + t.ua_production, requests=requests,
        next_order_id=t.next_order_id, flank_ratio=ratio,
        started=state.started + tuple((side, bid) for side in SIDES for bid in (t.orders.get(side) or {}).get("build", ())),
    )
    metrics = turn_metrics(rules, new, cov, {"ground_change_km2": t.ground, "strike_hits": t.hits,
                                             "ukraine_production": t.ua_production, "crisis_probability": p,
                                             "spent": dict(t.spent)})
    events = sorted(t.events, key=lambda e: e["day"])
    report = {"turn": t.turn, "date": t.scenario.date_of(t.day0).isoformat(), "events": events,
              "rolls": t.dice.rolls, "metrics": metrics, "politics": pol}
    return new, report


METRIC_NAMES = (
    "eu.coverage_with_us_mean", "eu.coverage_without_us_mean", "eu.coverage_without_us_min", "eu.us_gap_mean",
    "eu.funds", "eu.spent", "eu.spent_turn", "eu.debt", "eu.budget_share", "ukraine.funds", "ukraine.troops",
    "ukraine.production", "ukraine.production_turn", "ukraine.shells", "ukraine.interceptors", "russia.funds",
    "russia.troops", "russia.armour", "russia.shells", "front.ground_km2", "front.change_km2", "strikes.hits",
    "strikes.deep_hits", "russia.revenue_lost",
    "strikes.hits_turn", "strikes.energy_damage", "strikes.industry_damage_max", "flank.ratio",
    "flank.crisis_probability", "flank.crises", "us.troops", "us.points", "politics.cohesion", "politics.support",
)  # plus coverage.AREA.with_us / .without_us / .us_gap for each area


def turn_metrics(rules, state, cov, this_turn):
    """The numbers a debrief charts, flat and named `group.metric` (objectives refer to these)."""
    eu, ua, ru = state.sides["eu"], state.sides["ukraine"], state.sides["russia"]
    roles = rules.roles
    areas = list(rules.areas)
    m = {
        "eu.coverage_with_us_mean": sum(cov[a]["with_us"] for a in areas) / len(areas),
        "eu.coverage_without_us_mean": sum(cov[a]["without_us"] for a in areas) / len(areas),
        "eu.coverage_without_us_min": min(cov[a]["without_us"] for a in areas),
        "eu.us_gap_mean": sum(cov[a]["us_gap"] for a in areas) / len(areas),
        "eu.funds": eu.funds + eu.safe_funds, "eu.spent": eu.spent, "eu.spent_turn": this_turn["spent"]["eu"],
        "eu.debt": eu.debt, "eu.budget_share": eu.budget_share,
        "ukraine.funds": ua.funds, "ukraine.troops": ua.troops, "ukraine.production": state.ukraine_production,
        "ukraine.production_turn": this_turn["ukraine_production"],
        "ukraine.shells": ua.stocks[roles.shell], "ukraine.interceptors": ua.stocks[roles.interceptor],
        "russia.funds": ru.funds, "russia.troops": ru.troops, "russia.armour": ru.stocks[roles.armour],
        "russia.shells": ru.stocks[roles.shell],
        "front.ground_km2": state.ground_km2, "front.change_km2": this_turn["ground_change_km2"],
        "strikes.hits": state.strike_hits, "strikes.hits_turn": this_turn["strike_hits"],
        "strikes.deep_hits": state.deep_hits, "russia.revenue_lost": state.revenue_lost,
        "strikes.energy_damage": state.energy_damage,
        "strikes.industry_damage_max": max([l.damage for l in state.lines.values() if l.site == "ukraine"] or [0.0]),
        "flank.ratio": state.flank_ratio, "flank.crisis_probability": this_turn["crisis_probability"],
        "flank.crises": state.crises, "us.troops": state.us.troops,
        "us.points": sum(state.us.points.values()),
        "politics.cohesion": state.cohesion, "politics.support": state.support,
    }
    for a in areas:
        m[f"coverage.{a}.with_us"] = cov[a]["with_us"]
        m[f"coverage.{a}.without_us"] = cov[a]["without_us"]
        m[f"coverage.{a}.us_gap"] = cov[a]["us_gap"]
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in m.items()}
