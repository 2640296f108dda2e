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

An inject used in a turn is written into that turn's replay record, so replays verify without the file.
"""

from pathlib import Path

from wargame.errors import RuleErrors, WargameError
from wargame.schema import ListOf, MapOf, Num, Opt, Prob, Record, Ref, Str, check, validate
from wargame.vocab import SIDES
from wargame.yamlsafe import format_path, load_yaml_file

INJECT = Record({
    "turn": Num(min=1, integer=True), "day": Opt(Num(min=0, integer=True), 0), "text": Str(),
    "cohesion": Opt(Num(min=-1, max=1), 0.0), "support": Opt(Num(min=-1, max=1), 0.0),
    "funds": Opt(MapOf(Num(), key=Ref("side")), {}),
    "stocks": Opt(MapOf(MapOf(Num(integer=True), key=Ref("item")), key=Ref("side")), {}),
    "us_step": Opt(Record({"areas": Opt(MapOf(Prob(), key=Ref("area")), {}), "troops": Opt(Num(min=0, integer=True), 0),
                           "notice_days": Opt(Num(min=0, integer=True), 0)})),
})
FILE = Record({"injects": ListOf(INJECT)})


def ids(rules):
    """The ids an inject may name."""
    return {"side": set(SIDES), "item": set(rules.items), "area": set(rules.areas)}


def check_injects(game, injects, where="injects"):
    """Validated, filled injects (a list), e.g. as recorded in a replay; WargameError if not."""
    problems = validate(ListOf(INJECT), injects, ids(game.rules))
    if problems:
        raise WargameError(f"{where}: " + "; ".join(f"{format_path(p.path)}: {p.message}" for p in problems))
    filled = _tidy(ListOf(INJECT).fill(injects))
    for i, inj in enumerate(filled):
        if inj["day"] >= game.scenario.turn_days:
            raise WargameError(f"{where}[{i}].day: day {inj['day']} is past the turn's length ({game.scenario.turn_days} days)")
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

    def for_turn(self, game, turn):
        """The filled injects of one turn, in file order; RuleErrors (file:line) if the file is wrong."""
        doc = load_yaml_file(self.path)
        errors = check(FILE, doc, ids(game.rules))
        if not errors:
            for i, inj in enumerate(doc.data["injects"]):
                if inj.get("day", 0) >= game.scenario.turn_days:
                    errors.append(doc.error(("injects", i, "day"), f"day {inj['day']} is past the turn's length "
                                                                    f"({game.scenario.turn_days} days)"))
        if errors:
            raise RuleErrors(errors)
        return [inj for inj in _tidy(FILE.fill(doc.data)["injects"]) if inj["turn"] == turn]

    def turns_after(self, game):
        """The turns named in the (checked) file that come after the game's last turn."""
        return sorted({i["turn"] for i in load_yaml_file(self.path).data["injects"] if i["turn"] > game.turns})


def _tidy(injects):
    """Drop an absent US step and sort every mapping, as a replay stores them, so an inject reads and
    plays the same when it is checked again from a replay."""
    for inj in injects:
        if inj.get("us_step") is None:
            inj.pop("us_step", None)
        else:
            inj["us_step"]["areas"] = dict(sorted(inj["us_step"]["areas"].items()))
        inj["funds"] = dict(sorted(inj["funds"].items()))
        inj["stocks"] = {side: dict(sorted(items.items())) for side, items in sorted(inj["stocks"].items())}
    return injects
