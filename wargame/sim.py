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
from wargame.model import SIDES, GameState, Line, Project, QueuedOrder, Side, Tranche, US, USStep
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
        "eu": Side(funds=0.0, stocks=dict(start["eu"]["stocks"]), budget_share=money["eu"]["budget_share_start"]),
        "ukraine": Side(funds=0.0, stocks=dict(start["ukraine"]["stocks"]), troops=start["ukraine"]["troops"]),
        "russia": Side(funds=0.0, stocks=dict(start["russia"]["stocks"]), troops=start["russia"]["troops"]),
    }
    for side in sides.values():
        for item in rules.items:
            side.stocks.setdefault(item, 0)
    lines = {}
    for lid, s in rules.suppliers.items():
        lines[lid] = Line(id=lid, name=s["name"], owner=s["owner"], site=s["site"], item=s["item"],
                          unit_cost=s["unit_cost"], buyers=tuple(s["buyers"]), batch_days=s["batch_days"],
                          fms=s["fms"], feedstock=s.get("feedstock"),
                          tranches=(Tranche(s["capacity_per_day"], 0, 0),))
    steps = []
    for i, st in enumerate(scenario.us["steps"]):
        day = (st["turn"] - 1) * scenario.turn_days + st["day"]
        announce = 0 if scenario.us["roadmap"] else max(0, day - st["notice_days"])
        steps.append(USStep(id=i + 1, day=day, announce_day=announce, areas=dict(st["areas"]),
                            troops=st["troops"], handover=st["handover"]))
    us = US(troops=start["us"]["troops"], points=dict(start["us"]["points"]), steps=tuple(steps))
    return GameState(turn=0, day=0, sides=sides, lines=lines, us=us, projects={},
                     eu_points_extra={a: 0.0 for a in rules.areas},
                     cohesion=rules.politics["cohesion_start"], support=rules.politics["support_start"])


def begin_turn(rules, scenario, state):
    """Money in at the start of a turn, and programme instalments due: (state, events). No rolls."""
    turn = state.turn + 1
    day = state.day
    days = scenario.turn_days
    m = rules.money
    events = []
    sides = dict(state.sides)

    eu = sides["eu"]
    income = m["eu"]["gdp"] * eu.budget_share * m["eu"]["game_share"] * days / 365
    debt = m["eu"]["gdp"] * max(0.0, eu.budget_share - m["eu"]["baseline_share"]) * days / 365
    edip = m["edip"]["grant_per_turn"] if turn <= m["edip"]["last_turn"] else 0.0
    edip_ua = edip * m["edip"]["ukraine_share"]
    eu_in = income + edip - edip_ua
    eu = attrs.evolve(eu, funds=eu.funds + eu_in, credited=eu.credited + eu_in, debt=eu.debt + debt)
    events.append(_event(day, "money", "eu", f"EU budget {eu.budget_share:.2%} of GDP: EUR {income:,.0f}m"
                         + (f" + EDIP {edip - edip_ua:,.0f}m" if edip else "")
                         + (f"; escape-clause debt +{debt:,.0f}m" if debt else "")))
    ua_in = m["ukraine"]["budget_per_turn"] + edip_ua
    ua = sides["ukraine"]
    sides["ukraine"] = attrs.evolve(ua, funds=ua.funds + ua_in, credited=ua.credited + ua_in)
    events.append(_event(day, "money", "ukraine", f"Ukraine budget EUR {m['ukraine']['budget_per_turn']:,.0f}m"
                         + (f" + EDIP {edip_ua:,.0f}m" if edip_ua else "")))
    ru_factor = max(0.0, 1.0 - m["russia"]["sanctions_decline_per_turn"] * (turn - 1))
    ru_in = m["russia"]["budget_per_turn"] * ru_factor
    ru = sides["russia"]
    sides["russia"] = attrs.evolve(ru, funds=ru.funds + ru_in, credited=ru.credited + ru_in)
    events.append(_event(day, "money", "russia", f"Russian procurement EUR {ru_in:,.0f}m (sanctions x{ru_factor:.2f})"))

    projects = dict(state.projects)
    for pid, proj in state.projects.items():
        if proj.done:
            continue
        spec = rules.projects[pid]
        due = min(first_instalment(rules, pid, days), spec["cost"] - proj.paid)
        if due <= eu.funds + 1e-9:
            eu = attrs.evolve(eu, funds=eu.funds - due, spent=eu.spent + due)
            projects[pid] = attrs.evolve(proj, paid=proj.paid + due, stalled=False)
            events.append(_event(day, "project", "eu", f"{spec['name']}: instalment EUR {due:,.0f}m paid"))
        else:
            projects[pid] = attrs.evolve(proj, stalled=True)
            events.append(_event(day, "project", "eu", f"{spec['name']}: instalment EUR {due:,.0f}m unpaid, the programme stalls this turn"))
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
        tranches = self.tranches
        if len(tranches) == 1:  # most lines: the same value sum() gives, without the generator
            return tranches[0].rate_at(day)
        return sum(t.rate_at(day) for t in tranches)

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
    _us_start_of_turn(t)
    _apply_orders(t)
    for inject in injects:
        env.process(_inject(t, inject))
    for line in t.lines.values():
        if line.queue:
            _start_line(t, line)
    env.process(_front(t))
    env.process(_strikes(t))
    env.process(_deep_strikes(t))
    env.process(_projects(t))
    # every process ends by day_end; run() without `until` also runs the events that fall on day_end
    # (the last batch and front step of the turn), which run(until=day_end) would leave out
    env.run()
    assert env.now <= t.day_end
    return _end_of_turn(t)


# --- the US ------------------------------------------------------------------------------------

def _us_start_of_turn(t):
    rules, us = t.rules, t.scenario.us
    d0 = t.day0
    rs = us["random_steps"]
    if rs["probability"] > 0:
        r, rec = t.dice.roll(d0, "US: a sudden withdrawal step this turn?", "scenario.us.random_steps", rs["probability"])
        remaining = [a for a in rules.areas if t.us_points.get(a, 0) > 1e-9 and not _pending_area(t, a)]
        if r < rs["probability"] and (remaining or t.us_troops > 0):
            r_day, _ = t.dice.roll(d0, "US step: day", "scenario.us.random_steps")
            r_notice, _ = t.dice.roll(d0, "US step: notice", "scenario.us.random_steps")
            r_area, _ = t.dice.roll(d0, "US step: area", "scenario.us.random_steps")
            r_troops, _ = t.dice.roll(d0, "US step: troops", "scenario.us.random_steps")
            day = d0 + int(r_day * t.scenario.turn_days)
            notice = int(r_notice * (rs["notice_days_max"] + 1))
            areas = {}
            if remaining:
                area = remaining[min(len(remaining) - 1, int(r_area * len(remaining)))]
                start = rules.start["us"]["points"][area]
                areas = {area: t.us_points[area] / start if start else 0.0}
            troops = min(t.us_troops, rs["troops_min"] + int(r_troops * (rs["troops_max"] - rs["troops_min"] + 1)))
            step = USStep(id=len(t.us_steps) + 1, day=day, announce_day=max(d0, day - notice), areas=areas,
                          troops=troops, handover=0.0)
            t.us_steps.append(step)
            rec["result"] = f"step on day {day - d0} of the turn, {notice} days' notice: " + _step_text(rules, step)
        else:
            rec["result"] = "no step"
    for key, label, attr in (("fms_pause_probability", "FMS deliveries pause", "fms_paused_until"),
                             ("intel_pause_probability", "intelligence sharing pauses", "intel_paused_until")):
        p = us[key]
        if p > 0 and getattr(t, attr) <= d0:
            r, rec = t.dice.roll(d0, f"US: {label}?", f"scenario.us.{key}", p)
            if r < p:
                setattr(t, attr, d0 + us["pause_turns"] * t.scenario.turn_days)
                rec["result"] = f"yes, for {us['pause_turns']} turns"
                t.log("us", None, f"US: {label} for {us['pause_turns']} turns", public=True)
                t.shocks.append(("fms_pause" if key.startswith("fms") else "intel_pause"))
            else:
                rec["result"] = "no"
    if us["aid_stop_probability"] > 0 and not t.aid_stopped:
        p = us["aid_stop_probability"]
        r, rec = t.dice.roll(d0, "US: aid to Ukraine stops?", "scenario.us.aid_stop_probability", p)
        if r < p:
            t.aid_stopped = True
            rec["result"] = "yes: aid stops"
            t.log("us", None, "US aid to Ukraine stops", public=True)
            t.shocks.append("aid_stop")
        else:
            rec["result"] = "no"
    for step in t.us_steps:
        if t.day0 <= step.announce_day < t.day_end:
            t.env.process(_announce(t, step))
        if not step.done and step.day < t.day_end:
            t.env.process(_us_step(t, step))
    share = _aid_share(t)
    if share > 0 and not t.aid_stopped:
        t.env.process(_aid(t, share))


def _pending_area(t, area):
    return any(not s.done and area in s.areas for s in t.us_steps)


def _aid_share(t):
    share = 0.0
    for row in t.scenario.us["aid"]:
        if t.turn >= row["from_turn"]:
            share = row["share"]
    return share


def _step_text(rules, step):
    parts = [f"{rules.areas[a]['name']} {share:.0%}" for a, share in step.areas.items()]
    if step.troops:
        parts.append(f"{step.troops:,} troops")
    return ", ".join(parts) or "nothing"


def _announce(t, step):
    yield t.env.timeout(max(0, step.announce_day - t.env.now))
    when = t.scenario.date_of(step.day).isoformat()
    t.log("us", None, f"US announces: {_step_text(t.rules, step)} leave on {when}", public=True)


def _us_step(t, step):
    env = t.env
    yield env.timeout(max(0, step.day - env.now))
    start_points = t.rules.start["us"]["points"]
    for area, share in step.areas.items():
        gone = min(t.us_points.get(area, 0.0), share * start_points[area])
        t.us_points[area] = t.us_points.get(area, 0.0) - gone
        if step.handover:
            t.extra[area] = t.extra.get(area, 0.0) + gone * step.handover
    t.us_troops = max(0, t.us_troops - step.troops)
    notice = step.day - step.announce_day
    short = notice < t.rules.politics["short_notice_days"]
    t.shocks.append("us_step_short_notice" if short else "us_step_with_notice")
    hand = f"; {step.handover:.0%} handed over to Europe" if step.handover else ""
    t.log("us", None, f"US leaves: {_step_text(t.rules, step)} ({notice} days' notice){hand}", public=True)
    t.us_steps[t.us_steps.index(step)] = attrs.evolve(step, done=True)


def _aid(t, share):
    yield t.env.timeout(t.scenario.turn_days // 2)
    if t.aid_stopped:
        return
    got = {}
    for item, qty in t.rules.start["us"]["aid_per_turn"].items():
        n = int(qty * share)
        if n:
            t.stocks["ukraine"][item] += n
            got[item] = n
    if got:
        t.log("us", "ukraine", "US aid delivered to Ukraine: " + ", ".join(f"{n:,} {i}" for i, n in got.items()), public=True)


# --- the white cell ------------------------------------------------------------------------------

def _inject(t, inj):
    """A facilitator's inject, applied on its day: politics, money, stocks, a sudden US step."""
    yield t.env.timeout(inj["day"])
    now = int(t.env.now)
    done = []
    if inj["cohesion"] or inj["support"]:
        t.shocks.append((inj["cohesion"], inj["support"]))
        done.append(f"cohesion {inj['cohesion']:+g}, support {inj['support']:+g}")
    for side, delta in inj["funds"].items():
        delta = max(delta, -t.funds[side])
        t.funds[side] += delta
        t.credited[side] += delta
        done.append(f"{side} funds {delta:+,.0f}m")
    for side, items in inj["stocks"].items():
        for item, delta in items.items():
            delta = max(delta, -t.stocks[side][item])
            t.stocks[side][item] += delta
            done.append(f"{side} {item} {delta:+,}")
    step = inj.get("us_step")
    text = f"White cell inject: {inj['text']}" + (f" ({'; '.join(done)})" if done else "")
    t.log("inject", None, text, public=True)
    if step:
        us_step = USStep(id=len(t.us_steps) + 1, day=now + step["notice_days"], announce_day=now,
                         areas=dict(step["areas"]), troops=step["troops"], handover=0.0)
        t.us_steps.append(us_step)
        t.env.process(_announce(t, us_step))
        if us_step.day < t.day_end:
            t.env.process(_us_step(t, us_step))


# --- orders ------------------------------------------------------------------------------------

def _apply_orders(t):
    rules, env = t.rules, t.env
    safe_sites = rules.money["safe"]["eligible_sites"]
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
        contracting = rules.money[side]["contracting_days"]
        for p in orders["procure"]:
            line = t.lines[p["supplier"]]
            cost = p["qty"] * line.spec.unit_cost
            t.pay(side, cost, cost if line.spec.site in safe_sites else 0.0)
            oid = t.next_order_id
            t.next_order_id += 1
            env.process(_place(t, line, [oid, side, p.get("for") or side, p["qty"], 0, t.day0 + contracting]))
        coalition = side == "eu" and orders.get("decision") == "coalition"
        extra = 1.0 + (rules.money["coalition"]["extra_cost"] if coalition else 0.0)
        for bid in orders["build"]:
            spec = rules.builds[bid]
            cost = spec["capex"] * (extra if spec["eu_level"] else 1.0)
            site = spec["site"] if not spec.get("expands") else t.lines[spec["expands"]].spec.site
            t.pay(side, cost, cost if site in safe_sites and side == "eu" else 0.0)
            go = _decide(t, spec, coalition, decided) if spec["eu_level"] else t.day0
            _start_build(t, side, bid, spec, go)
        for pid in orders.get("projects", []):
            spec = rules.projects[pid]
            due = first_instalment(rules, pid, t.scenario.turn_days) * (extra if spec["eu_level"] else 1.0)
            t.pay(side, due)
            go = _decide(t, spec, coalition, decided) if spec["eu_level"] else t.day0
            t.projects[pid] = Project(id=pid, start_day=go, paid=due)
            t.log("project", "eu", f"{spec['name']}: programme starts on day {go - t.day0} of the turn (EUR {due:,.0f}m paid)")
        if side == "eu":
            for item, qty in orders["transfer"].items():
                env.process(_transfer(t, item, qty, t.day0 + contracting))
        if side == "russia" and orders["probing"] != "none":
            cost = rules.deterrence["probing"][orders["probing"]]["cost"]
            t.pay(side, cost)
    if "coalition" in decided.values():
        t.shocks.append("coalition")
    if eu_orders and eu_orders.get("budget_share") is not None:
        t.budget_share = eu_orders["budget_share"]


def _decide(t, spec, coalition, decided):
    """An EU-level decision: a coalition goes ahead now; consensus risks a veto that delays it."""
    d0 = t.day0
    if coalition:
        decided[spec["name"]] = "coalition"
        t.log("decision", "eu", f"{spec['name']}: a coalition of the willing goes ahead (costs more, strains cohesion)", public=True)
        return d0
    p, rule = adj.veto_probability(t.rules, t.state.cohesion)
    r, rec = t.dice.roll(d0, f"EU veto on {spec['name']}", rule, p)
    if r < p:
        delay = t.rules.politics["veto_delay_days"]
        rec["result"] = f"veto: delayed {delay} days"
        t.shocks.append("veto")
        decided[spec["name"]] = "veto"
        t.log("decision", "eu", f"{spec['name']}: vetoed by a member state; agreed after {delay} days "
              f"(veto chance {p:.2f}, roll {r:.2f})", public=True)
        return d0 + delay
    rec["result"] = "agreed"
    decided[spec["name"]] = "agreed"
    t.log("decision", "eu", f"{spec['name']}: agreed by consensus (veto chance {p:.2f}, roll {r:.2f})", public=True)
    return d0


def _start_build(t, side, bid, spec, go):
    ready = go + spec["build_days"]
    tranche = Tranche(spec["capacity_per_day"], ready, spec["ramp_days"])
    if spec.get("expands"):
        line = t.lines[spec["expands"]]
        line.tranches.append(tranche)
        target = line.spec.name
    else:
        line = _MutLine(Line(id=bid, name=spec["name"], owner=spec["owner"], site=spec["site"], item=spec["item"],
                             unit_cost=spec["unit_cost"], buyers=tuple(spec["buyers"]), batch_days=spec["batch_days"],
                             fms=False, feedstock=None, tranches=(tranche,)))
        t.lines[bid] = line
        target = spec["name"]
    when = t.scenario.date_of(ready).isoformat()
    t.log("build", side, f"{side} starts {spec['name']}: first output {when}, full rate after {spec['ramp_days']} more days",
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
        damage = adj.decayed(line.damage, line.damage_day, int(mid), strikes["repair_per_day"])
        rate *= 1.0 - damage
        if spec.site == "ukraine":
            rate *= 1.0 - adj.decayed(t.energy_damage, t.energy_day, int(mid), strikes["energy_recovery_per_day"])
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


# --- the front -----------------------------------------------------------------------------------

def _front(t):
    env, rules = t.env, t.rules
    step = rules.front["step_days"]
    ua_orders = t.orders.get("ukraine") or {}
    ru_orders = t.orders.get("russia") or {}
    pressure = ru_orders.get("pressure", "medium")
    front_share = ua_orders.get("front_share", 1.0)
    priority = ua_orders.get("air_defence", "industry")
    flank_reserve = ru_orders.get("flank_reserve", 0.0)
    # whole steps of about step_days: a 91-day turn is 30 + 30 + 31 days, not 30 + 30 + 30 + 1
    count = max(1, round(t.scenario.turn_days / step))
    lengths = [t.scenario.turn_days // count + (1 if i < t.scenario.turn_days % count else 0) for i in range(count)]
    for days in lengths:
        yield env.timeout(days)
        now = int(env.now)
        ru_s, ua_s = t.stocks["russia"], t.stocks["ukraine"]
        ru = {"shell": ru_s["shell"], "fpv_drone": ru_s["fpv_drone"], "howitzer": ru_s["howitzer"],
              "armour": ru_s["armour"], "troops": t.troops["russia"], "pressure": pressure, "flank_reserve": flank_reserve}
        ua = {"shell": ua_s["shell"], "fpv_drone": ua_s["fpv_drone"], "howitzer": ua_s["howitzer"],
              "armour": ua_s["armour"], "troops": t.troops["ukraine"], "front_share": front_share}
        air_cover = (rules.strikes["priority_share"][priority]["front"]
                     * min(1.0, ua_s["sam_battery"] / rules.strikes["batteries_needed"]))
        roll, rec = t.dice.roll(min(now, t.day_end - 1), "front: ground", "front.bands")
        res, why = adj.front_step(rules, days, ru, ua, t.intel_active(now), air_cover, roll)
        rec.update(rule=why["rule"], result=why["text"])
        ru_s["shell"] -= res["ru_shells"]
        ru_s["fpv_drone"] -= res["ru_fpv"]
        ua_s["shell"] -= res["ua_shells"]
        ua_s["fpv_drone"] -= res["ua_fpv"]
        for side, s, key in (("russia", ru_s, "ru"), ("ukraine", ua_s, "ua")):
            s["armour"] = max(0, s["armour"] - res[f"{key}_armour_lost"])
            s["howitzer"] = max(0, s["howitzer"] - res[f"{key}_howitzers_lost"])
            t.troops[side] = max(0, t.troops[side] - res[f"{key}_troops_lost"] + res[f"{key}_recruits"])
        t.ground += res["km2"]
        gain = "Russia gains" if res["km2"] >= 0 else "Ukraine regains"
        t.log("front", None, f"Front: {gain} {abs(res['km2']):,.0f} km2 over {days} days; {why['text']}", public=True)
        t.front_log.append({"day": now, **res, "ratio": why["ratio"]})


# --- strikes -------------------------------------------------------------------------------------

def _wave_days(t, waves, label, rule):
    """The days of a turn's strike waves, drawn (and logged) at its start, in order."""
    days = []
    for i in range(waves):
        r, rec = t.dice.roll(t.day0, f"{label} wave {i + 1}: day", rule)
        days.append(t.day0 + int(r * t.scenario.turn_days))
        rec["result"] = f"day {days[-1] - t.day0} of the turn"
    return sorted(days)


def _share_of(total, waves, i):
    """Wave i's part of total spread over waves (the first waves take the remainder)."""
    return total // waves + (1 if i < total % waves else 0)


def _deep_strikes(t):
    """Ukrainian long-range drones against Russian refineries and plants: each hit costs Russia money."""
    env, rules = t.env, t.rules
    launched = (t.orders.get("ukraine") or {}).get("deep_strikes", 0)
    if not launched:
        return
    spec = rules.strikes["deep_strikes"]
    waves = spec["waves_per_turn"]
    for i, day in enumerate(_wave_days(t, waves, "deep strike", "strikes.deep_strikes")):
        yield env.timeout(max(0, day - env.now))
        n = min(_share_of(launched, waves, i), t.stocks["ukraine"]["long_range_drone"])
        if not n:
            continue
        t.stocks["ukraine"]["long_range_drone"] -= n
        roll, rec = t.dice.roll(day, f"deep strike wave {i + 1}: interception", "strikes.deep_strikes", spec["intercept"])
        res, why = adj.deep_strike(rules, n, roll)
        loss = min(t.funds["russia"], res["revenue_loss"])
        t.funds["russia"] -= loss
        t.credited["russia"] -= loss
        t.deep_hits += res["hits"]
        t.revenue_lost += loss
        rec["result"] = why["text"]
        t.log("strike", None, f"Ukrainian deep strike wave {i + 1}: {why['text']}; Russia loses EUR {loss:,.0f}m",
              public=True, day=day)


def _strikes(t):
    env, rules = t.env, t.rules
    ru_orders = t.orders.get("russia") or {}
    strikes = ru_orders.get("strikes") or {}
    missiles, drones = strikes.get("missiles", 0), strikes.get("drones", 0)
    if not missiles and not drones:
        return
    target = strikes.get("target", "energy")
    priority = (t.orders.get("ukraine") or {}).get("air_defence", "industry")
    waves = rules.strikes["waves_per_turn"]
    for i, day in enumerate(_wave_days(t, waves, "strike", "strikes.waves_per_turn")):
        yield env.timeout(max(0, day - env.now))
        m, d = _share_of(missiles, waves, i), _share_of(drones, waves, i)
        ru_s, ua_s = t.stocks["russia"], t.stocks["ukraine"]
        m, d = min(m, ru_s["cruise_missile"]), min(d, ru_s["long_range_drone"])
        ru_s["cruise_missile"] -= m
        ru_s["long_range_drone"] -= d
        if not m and not d:
            continue
        roll, rec = t.dice.roll(day, f"strike wave {i + 1}: interception", "strikes")
        res, why = adj.strike_wave(rules, m, d, target, ua_s["interceptor"], ua_s["sam_battery"], priority,
                                   t.intel_active(day), roll)
        rec.update(p=round(why["p_missile"], 4), result=why["text"])
        ua_s["interceptor"] -= res["interceptors_used"]
        through_m, through_d = res["missiles_through"], res["drones_through"]
        t.hits += through_m + through_d
        text = f"Strike wave {i + 1} on {target}: {why['text']}"
        if through_m or through_d:
            damage = adj.strike_damage(rules, through_m, through_d, target == "energy")
            if target == "energy":
                now_damage = adj.decayed(t.energy_damage, t.energy_day, day, rules.strikes["energy_recovery_per_day"])
                t.energy_damage = min(rules.strikes["max_energy_damage"], now_damage + damage)
                t.energy_day = day
                text += f"; grid damage now {t.energy_damage:.0%}"
            else:
                plants = [(lid, line.rate_at(day) * line.spec.unit_cost) for lid, line in t.lines.items()
                          if line.spec.site == "ukraine" and line.rate_at(day) > 0]
                if plants:
                    r2, rec2 = t.dice.roll(day, f"strike wave {i + 1}: which plant", "strikes (weighted by output value)")
                    lid = adj.pick_weighted(plants, r2)
                    line = t.lines[lid]
                    now_damage = adj.decayed(line.damage, line.damage_day, day, rules.strikes["repair_per_day"])
                    line.damage = min(rules.strikes["max_damage"], now_damage + damage)
                    line.damage_day = day
                    rec2["result"] = f"{line.spec.name} hit: output -{line.damage:.0%} until repaired"
                    text += f"; {line.spec.name} hit, output down {line.damage:.0%}"
        t.log("strike", None, text, public=True, day=day)


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
        left = spec["duration_days"] - proj.progress_days
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
        t.projects[pid] = attrs.evolve(proj, progress_days=spec["duration_days"], done=True)
        for item, qty in spec["delivers"].items():
            t.stocks["eu"][item] += qty
        for area, pts in spec["points"].items():
            t.extra[area] = t.extra.get(area, 0.0) + pts
        got = ", ".join([f"{q:,} {i}" for i, q in spec["delivers"].items()] + [f"+{p:g} points {a}" for a, p in spec["points"].items()])
        t.log("project", None, f"{spec['name']} complete: {got}", public=True)


# --- the end of the turn -------------------------------------------------------------------------

def _end_of_turn(t):
    rules, state = t.rules, t.state
    day = t.day_end
    ru_orders = t.orders.get("russia") or {}
    eu_orders = t.orders.get("eu") or {}
    flank_reserve = ru_orders.get("flank_reserve", 0.0)
    probing = ru_orders.get("probing", "none")

    eu_pts = adj.eu_points(rules, t.stocks["eu"], t.extra)
    cov = adj.coverage(rules, eu_pts, t.us_points, rules.start["us"]["points"])
    ready = adj.readiness(rules, cov, t.us_troops)
    threat = adj.russian_force(rules, t.stocks["russia"], flank_reserve)
    ratio = threat / ready if ready > 0 else 99.0
    weak_turns = state.weak_turns + 1 if ratio >= rules.deterrence["sustained_min_ratio"] else 0
    p, rule, sustained = adj.crisis_probability(rules, ratio, state.weak_turns, probing)
    r, rec = t.dice.roll(day - 1, "eastern flank: crisis?", rule, p)
    crises = state.crises
    if r < p:
        kinds = [(k, v["probability"]) for k, v in rules.deterrence["crisis_kinds"].items()]
        r2, rec2 = t.dice.roll(day - 1, "eastern flank: kind of crisis", "deterrence.crisis_kinds")
        kind = adj.pick_weighted(kinds, r2)
        rec2["result"] = kind
        crises += 1
        row = rules.deterrence["crisis_kinds"][kind]
        t.shocks.append((row["cohesion"], row["support"]))
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
            shocks.append((rules.politics["coalition_cohesion"], 0.0))
        elif s == "veto":
            shocks.append((rules.politics["veto_cohesion"], 0.0))
        else:
            row = rules.politics["shocks"][s]
            shocks.append((row["cohesion"], row["support"]))
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
        "ukraine.shells": ua.stocks["shell"], "ukraine.interceptors": ua.stocks["interceptor"],
        "russia.funds": ru.funds, "russia.troops": ru.troops, "russia.armour": ru.stocks["armour"],
        "russia.shells": ru.stocks["shell"],
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
