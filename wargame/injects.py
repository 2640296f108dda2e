"""The white cell's injects: events a facilitator adds to a turn (a crisis, a budget shock, a sudden
US step), from a YAML file read afresh at the start of each turn, so injects can be added mid-game.

    injects:
      - turn: 3
        day: 10                     # day of the turn (0 = its first day)
        text: "Sabotage at a Polish rail hub"
        cohesion: -0.03             # changes, all optional
        support: 0.02
        funds: {eu: -500}           # EUR million per side
        stocks: {ukraine: {shell: 50000}}
        us_step: {areas: {air_missile_defence: 0.5}, troops: 5000, notice_days: 0}
        by: "White cell (J. Smith)"  # who injected it, why, what kind, and who sees it: all optional
        reason: "Test the EU's rail resilience"
        kind: hybrid
        visible_to: all             # or a list of sides: a private inject reaches only their packs
        front_km2: -300             # effects, all optional: ground moved on its day (+ to Russia, - back to Ukraine),
        crisis: border_crisis       # a crisis on the eastern flank of this kind (rules/deterrence.yaml),
        delay: {decision: enablers_phase1, days: 30}   # an EU-level decision taken this turn goes ahead later
      - id: flank-alarm             # a conditional inject: fired once, at the start of the first turn
        when: {metric: flank.crises, op: ">=", value: 2}   # where the last turn's metric meets it
        text: "NATO raises its alert level"
        turn: 2                     # with `when:`, the first turn it may fire (optional)

An inject used in a turn is written into that turn's replay record, with `turn` the turn it was
used in (a conditional one keeps its `when:`), so replays verify without the file. Fields left out
(`by`, `reason`, `kind`, `visible_to`, `when`, `id`) stay out of the record, so old files and
replays read as they did. So do the effects (`front_km2`, `crisis`, `delay`), which the rules limit
per turn (rules/adjudication.yaml, `injects`): the ground all of a turn's injects move (either way),
the crises they raise, the days they postpone one decision. A file beyond them is refused by line.
"""

from pathlib import Path

from wargame.errors import RuleErrors, WargameError
from wargame.schema import MAX_EUR_M, MAX_TURNS, MAX_UNITS, Custom, ListOf, MapOf, Num, Opt, Problem, Prob, Record, Ref, Str, check, validate
from wargame.vocab import SEATS, SIDES, US
from wargame.yamlsafe import format_path, load_yaml_file

OPS = (">=", "<=")
MAX_KM2 = 1_000_000  # km2 an inject may name at all; the rules' limit per turn is far smaller
WHEN = Record({"metric": Str(), "op": Str(choices=OPS), "value": Num()})
EFFECTS = ("front_km2", "crisis", "delay")  # what an inject does beyond money, stocks, politics and a US step
EXTRAS = ("id", "by", "reason", "kind", "visible_to", "when") + EFFECTS  # left out of a record when not given


def _audience(value, path):
    """`visible_to`: 'all' or a non-empty list of distinct sides (the US only where a scenario seats it:
    checked against the game, unseated_audience)."""
    if value == "all":
        return []
    if isinstance(value, list) and value and all(v in SEATS for v in value) and len(set(value)) == len(value):
        return []
    return [Problem(path, f"expected all or a list of sides ({', '.join(SEATS)}), found {value!r}")]


def unseated_audience(injects, game):
    """[(index, message)] for each inject meant for the US in a game whose scenario does not seat it."""
    if US in game.sides:
        return []
    return [(i, f"visible_to: {US}: the scenario {game.scenario.name} does not seat the US, so no team would see it")
            for i, inj in enumerate(injects) if isinstance(inj.get("visible_to"), list) and US in inj["visible_to"]]


def _scheduled_or_conditional(inj, path):
    """An inject has a turn (scheduled), or a `when:` (conditional, `turn` then the first it may fire)."""
    if "turn" not in inj and "when" not in inj:
        return [Problem(path, "missing key 'turn' (or a 'when:' condition)")]
    return []


INJECT = Custom(_scheduled_or_conditional, Record({
    "turn": Opt(Num(min=1, max=MAX_TURNS, integer=True)), "day": Opt(Num(min=0, max=366, integer=True), 0),
    "text": Str(),
    "cohesion": Opt(Num(min=-1, max=1), 0.0), "support": Opt(Num(min=-1, max=1), 0.0),
    "funds": Opt(MapOf(Num(min=-MAX_EUR_M, max=MAX_EUR_M), key=Ref("side")), {}),
    "stocks": Opt(MapOf(MapOf(Num(min=-MAX_UNITS, max=MAX_UNITS, integer=True), key=Ref("item")), key=Ref("side")), {}),
    "us_step": Opt(Record({"areas": Opt(MapOf(Prob(), key=Ref("area")), {}),
                           "troops": Opt(Num(min=0, max=MAX_UNITS, integer=True), 0),
                           "notice_days": Opt(Num(min=0, max=3650, integer=True), 0)})),
    "id": Opt(Str()), "by": Opt(Str()), "reason": Opt(Str()), "kind": Opt(Str()),
    "visible_to": Opt(Custom(_audience)), "when": Opt(WHEN),
    "front_km2": Opt(Num(min=-MAX_KM2, max=MAX_KM2)), "crisis": Opt(Ref("crisis_kind")),
    "delay": Opt(Record({"decision": Ref("decision"), "days": Num(min=1, max=3650, integer=True)})),
}))
FILE = Record({"injects": ListOf(INJECT)})


def ids(rules):
    """The ids an inject may name: a decision is an EU-level build or programme."""
    decisions = {k for table in (rules.builds, rules.projects) for k, spec in table.items() if spec.eu_level}
    return {"side": set(SIDES), "item": set(rules.items), "area": set(rules.areas),
            "crisis_kind": set(rules.deterrence.crisis_kinds), "decision": decisions}


def limit_problems(injects, limits, turn=None):
    """[(index, key, message)] for each inject that takes the injects given (those of one turn) beyond
    the rules' limits (rules/adjudication.yaml `injects`): the ground they move either way, the crises
    they raise, the days they postpone one decision."""
    out, ground, crises, days = [], 0.0, 0, {}
    when = f"the injects of turn {turn}" if turn is not None else "the injects of one turn"
    alone = len(injects) == 1
    for i, inj in enumerate(injects):
        km2 = inj.get("front_km2")
        if km2:
            ground += abs(km2)
            if ground > limits.front_km2:
                what = f"moves the front {abs(km2):,.0f} km2" if alone else f"move the front {ground:,.0f} km2 in all"
                out.append((i, "front_km2", f"{'this inject' if alone else when} {what}, beyond the rules' "
                            f"{limits.front_km2:,.0f} km2 a turn (adjudication.injects.front_km2)"))
        if inj.get("crisis"):
            crises += 1
            if crises > limits.crises:
                out.append((i, "crisis", f"{when} raise {crises} crises, beyond the rules' {limits.crises} a turn "
                            "(adjudication.injects.crises)"))
        delay = inj.get("delay")
        if delay:
            key = delay["decision"]
            days[key] = days.get(key, 0) + delay["days"]
            if days[key] > limits.delay_days:
                what = (f"this inject postpones {key} {days[key]} days" if alone
                        else f"{when} postpone {key} {days[key]} days in all")
                out.append((i, "delay", f"{what}, beyond the rules' {limits.delay_days} days a turn "
                            "(adjudication.injects.delay_days)"))
    return out


def check_limits(game, injects, where):
    """WargameError if the injects of one turn go beyond the rules' limits, naming where they come from."""
    problems = limit_problems(injects, game.rules.adjudication.injects,
                              injects[0].get("turn") if injects else None)
    if problems:
        i, key, message = problems[0]
        raise WargameError(f"{where}[{i}].{key}: {message}")


def check_injects(game, injects, where="injects"):
    """Validated, filled injects (a list), e.g. as recorded in a replay; WargameError if not."""
    problems = validate(ListOf(INJECT), injects, ids(game.rules))
    if problems:
        raise WargameError(f"{where}: " + "; ".join(f"{format_path(p.path)}: {p.message}" for p in problems))
    filled = _tidy(ListOf(INJECT).fill(injects))
    for i, message in unseated_audience(filled, game):
        raise WargameError(f"{where}[{i}].{message}")
    for i, inj in enumerate(filled):
        if inj["day"] >= game.scenario.turn_days:
            raise WargameError(f"{where}[{i}].day: day {inj['day']} is past the turn's length ({game.scenario.turn_days} days)")
    check_limits(game, filled, where)
    return filled


class InjectsFile:
    """A facilitator's injects file, read afresh at every turn."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.exists():
            raise WargameError(f"{path}: injects file not found")
        if not self.path.is_file():
            raise WargameError(f"{path}: not an injects file (a folder or a device): give a YAML file")

    @classmethod
    def checked(cls, path, game):
        """The injects file at path, checked whole for game before it starts (it is read again each turn)."""
        injects = cls(path)
        injects.for_turn(game, 1)
        return injects

    def for_turn(self, game, turn, last_metrics=None, fired=()):
        """The filled injects of one turn, in file order; RuleErrors (file:line) if the file is wrong.

        last_metrics: the metrics of the turn before (None before the first turn: no condition is
        checked then); fired: the ids of conditional injects already used (each fires once). Without
        them, the turns followed (follow()) give both."""
        doc, injects = self._load(game)
        if self.history:
            records = [_as_dict(r) for r in self.history]
            before = [r for r in records if r["turn"] < turn]
            self._tell_late(injects, before)
            if last_metrics is None:
                last = next((r for r in reversed(before) if r["turn"] == turn - 1), None)
                last_metrics = last["metrics"] if last else None
                fired = set(fired) | fired_ids(before)
        chosen = _due(injects, turn, last_metrics, fired)
        problems = limit_problems([inj for _, inj in chosen], game.rules.adjudication.injects, turn)
        if problems:
            raise RuleErrors([doc.error(("injects", chosen[i][0], key), message) for i, key, message in problems[:1]])
        return [inj for _, inj in chosen]

    history = ()
    on_late = None  # on_late(inject, turn): an inject for a turn already played, told once each

    def _tell_late(self, injects, records):
        """Call on_late for each scheduled inject of a turn among records (played) that it does not hold:
        added to the file after its turn was played, it is never used."""
        if self.on_late is None:
            return
        told = self.__dict__.setdefault("_told", set())
        used = {r["turn"]: {inject_id(i) for i in r.get("injects") or []} for r in records}
        for inj in injects:
            key = (inj.get("turn"), inject_id(inj))
            if "when" not in inj and inj["turn"] in used and inject_id(inj) not in used[inj["turn"]] and key not in told:
                told.add(key)
                self.on_late(inj, inj["turn"])

    def follow(self, history):
        """Check conditions against these turn records (a list the game loop appends to)."""
        self.history = history
        return self

    def all(self, game):
        """Every inject of the file, checked and filled; RuleErrors (file:line) if the file is wrong."""
        return self._load(game)[1]

    def _load(self, game):
        doc = load_yaml_file(self.path)
        errors = file_problems(doc, game.rules, game.scenario.turn_days)
        if not errors:
            errors = [doc.error(("injects", i, "visible_to"), message.partition(": ")[2])
                      for i, message in unseated_audience(doc.data["injects"], game)]
        if errors:
            raise RuleErrors(errors)
        return doc, _tidy(FILE.fill(doc.data)["injects"])

    def turns_after(self, game):
        """The turns named in the (checked) file that come after the game's last turn."""
        return sorted({i["turn"] for i in load_yaml_file(self.path).data["injects"]
                       if i.get("turn", 0) > game.turns and "when" not in i})


def file_problems(doc, rules, turn_days):
    """The problems of a loaded injects file (RuleErrors, by line) for a game of these rules and turns."""
    errors = check(FILE, doc, ids(rules))
    if not errors:
        known = metric_names(rules)
        for i, inj in enumerate(doc.data["injects"]):
            if inj.get("day", 0) >= turn_days:
                errors.append(doc.error(("injects", i, "day"), f"day {inj['day']} is past the turn's length "
                                                                f"({turn_days} days)"))
            metric = (inj.get("when") or {}).get("metric")
            if metric is not None and metric not in known:
                errors.append(doc.error(("injects", i, "when", "metric"), f"unknown metric {metric!r} "
                                        "(docs/metrics.md lists them)"))
        errors += _file_limit_problems(doc, rules.adjudication.injects)
    return errors


def _file_limit_problems(doc, limits):
    """The injects of a file beyond the rules' limits: the scheduled ones turn by turn, and each
    conditional one alone (with others of its turn, it is checked when it fires)."""
    groups = {}
    for i, inj in enumerate(doc.data["injects"]):
        groups.setdefault(("when", i) if "when" in inj else inj["turn"], []).append(i)
    out = []
    for key, members in groups.items():
        turn = None if isinstance(key, tuple) else key
        for j, field, message in limit_problems([doc.data["injects"][i] for i in members], limits, turn):
            out.append(doc.error(("injects", members[j], field), message))
    return sorted(out, key=lambda e: e.line or 0)


def metric_names(rules):
    """The metrics a condition may name (docs/metrics.md)."""
    from wargame.vocab import METRIC_NAMES
    return set(METRIC_NAMES) | {f"coverage.{a}.{k}" for a in rules.areas for k in ("with_us", "without_us", "us_gap")}


def inject_id(inj):
    """What makes an inject the same one from turn to turn: its `id`, else its text."""
    return inj.get("id") or inj["text"]


def condition_holds(when, metrics):
    """True if the metric named by `when` meets it in metrics (a missing metric never does)."""
    value = metrics.get(when["metric"])
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    return value >= when["value"] if when["op"] == ">=" else value <= when["value"]


def due(injects, turn, last_metrics=None, fired=()):
    """The injects of `turn` among filled ones: the scheduled for that turn, and the conditional ones
    not fired yet (and not before their `turn`) whose condition the last turn's metrics meet, each
    with `turn` set to this turn, as the record keeps it."""
    return [inj for _, inj in _due(injects, turn, last_metrics, fired)]


def _due(injects, turn, last_metrics, fired):
    """due(), each inject with its place in the list: [(index, inject)]."""
    out = []
    for i, inj in enumerate(injects):
        if "when" in inj:
            if last_metrics is None or inject_id(inj) in fired or inj.get("turn", 1) > turn:
                continue
            if condition_holds(inj["when"], last_metrics):
                out.append((i, dict(inj, turn=turn)))
        elif inj["turn"] == turn:
            out.append((i, inj))
    return out


def _as_dict(record):
    return record if isinstance(record, dict) else {"turn": record.turn, "metrics": record.metrics,
                                                     "injects": record.injects}


def fired_ids(records):
    """The ids of the conditional injects used in the turn records given (dicts as a replay keeps them)."""
    return {inject_id(i) for rec in records for i in rec.get("injects") or [] if "when" in i}


def _tidy(injects):
    """Drop an absent US step and sort every mapping, as a replay stores them, so an inject reads and
    plays the same when it is checked again from a replay."""
    for inj in injects:
        for key in EXTRAS + ("turn",):
            if inj.get(key) is None:
                inj.pop(key, None)
        if inj.get("visible_to") == "all":
            inj.pop("visible_to")
        if inj.get("us_step") is None:
            inj.pop("us_step", None)
        else:
            inj["us_step"]["areas"] = dict(sorted(inj["us_step"]["areas"].items()))
        inj["funds"] = dict(sorted(inj["funds"].items()))
        inj["stocks"] = {side: dict(sorted(items.items())) for side, items in sorted(inj["stocks"].items())}
    return injects
