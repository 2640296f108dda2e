"""Adjudication modes: which questions of a turn a facilitator may take over, and how each is ruled.

The questions and their default modes are rules data (rules/adjudication.yaml): `table` (the dice and
the tables), `umpire` (the engine proposes, the facilitator accepts or replaces the result with a
reason) or `matrix` (arguments for and against, a modifier, and 2d6 against a target). A seminar
changes a question's mode between turns with a `mode` act in the white cell's log.

Everything here is pure: no I/O. The matrix dice are not drawn from the turn's Chance (which would
shift every roll after them) but derived from the game's seed, the turn, the question and the roll
they decide, so the same steps give the same dice and a replay can check them.
"""

import hashlib
import re

from wargame.errors import WargameError
from wargame.vocab import ADJUDICATION_MODES


def _pattern(text):
    return re.compile("^" + ".*".join(re.escape(part) for part in text.split("*")) + "$")


def question_of(rules, what):
    """The id of the question that decides the roll named `what` (None: no question does)."""
    for qid, q in rules.adjudication.questions.items():
        if any(_pattern(p).match(what) for p in q.rolls):
            return qid
    return None


def check_question(rules, qid):
    """The question's rules record; WargameError naming the known questions if there is none."""
    questions = rules.adjudication.questions
    if qid not in questions:
        raise WargameError(f"{qid}: not a question the facilitator may take over "
                           f"(the rules' adjudication table names: {', '.join(questions)})")
    return questions[qid]


def modes(rules, acts, upto_turn):
    """{question: mode} for the turn `upto_turn`: the rules' defaults, changed by the `mode` acts of the
    log made while that turn or an earlier one was being played."""
    out = {qid: q.mode for qid, q in rules.adjudication.questions.items()}
    for e in acts:
        if e["act"] == "mode" and e["turn"] <= upto_turn and e.get("question") in out:
            out[e["question"]] = e["mode"]
    return out


def check_mode(mode):
    if mode not in ADJUDICATION_MODES:
        raise WargameError(f"{mode}: not a mode ({', '.join(ADJUDICATION_MODES)})")
    return mode


def outcome_value(rules, qid, outcome):
    """The roll in [0, 1) that gives `outcome` to question qid (from the rules' outcomes)."""
    q = check_question(rules, qid)
    if outcome not in q.outcomes:
        raise WargameError(f"--outcome {outcome}: the {qid} question's outcomes are {', '.join(q.outcomes)}")
    return float(q.outcomes[outcome])


FACTOR_RANGES = {"front.roll": ("front", "roll_low", "roll_high"),
                 "strikes.leak_roll": ("strikes", "leak_roll_low", "leak_roll_high")}


def factor_value(rules, qid, factor):
    """The roll in [0, 1) that gives a chosen factor within the rule's range (the front's ground factor,
    a strike wave's leak factor): (value, low, high)."""
    q = check_question(rules, qid)
    if not q.factor:
        raise WargameError(f"--factor: the {qid} question has no factor; name an outcome "
                           f"({', '.join(q.outcomes)})")
    table, low_key, high_key = FACTOR_RANGES[q.factor]
    low, high = getattr(getattr(rules, table), low_key), getattr(getattr(rules, table), high_key)
    if not low <= factor < high:
        raise WargameError(f"--factor {factor:g}: the {qid} question's factor lies in [{low:g}, {high:g}) "
                           f"({q.factor}_low..high in the rules)")
    return round((factor - low) / (high - low), 4), low, high


def matrix_dice(seed, turn, qid, roll):
    """The two six-sided dice of a matrix argument: derived from the game's seed, the turn, the question
    and the number of the roll it decides, so re-running the same steps gives the same dice."""
    n = int.from_bytes(hashlib.sha256(f"wargame:matrix:{seed}:{turn}:{qid}:{roll}".encode()).digest()[:8], "big")
    return [n % 6 + 1, n // 6 % 6 + 1]


def matrix_ruling(dice, modifier, target):
    """A matrix argument's ruling: 2d6 plus the facilitator's modifier against the target.

    dice: two faces 1..6; modifier: a whole number (the strength of the arguments, e.g. -3..+3);
    target: what the total must reach (7 in matrix games). Returns {"total", "success"}."""
    if len(dice) != 2 or not all(isinstance(d, int) and 1 <= d <= 6 for d in dice):
        raise ValueError(f"two six-sided dice are two faces 1..6, found {dice!r}")
    total = sum(dice) + modifier
    return {"total": total, "success": total >= target}


def matrix_outcome(question, success, argued_for=None):
    """The outcome a matrix ruling gives: what the team argued for if it succeeds, else the other one."""
    argued_for = argued_for or question.matrix_for
    if success:
        return argued_for
    if argued_for == question.matrix_for:
        return question.matrix_against
    return question.matrix_for if argued_for == question.matrix_against else question.matrix_against


def given_by_acts(acts):
    """{roll number: value} the rulings of a turn's acts give (`rule` and `matrix`, the last one for a
    roll standing; a `rule` with value None withdraws the ruling)."""
    out = {}
    for e in acts:
        if e["act"] in ("rule", "matrix"):
            if e.get("value") is None:
                out.pop(e["roll"], None)
            else:
                out[e["roll"]] = e
    return out


def check_record(seed, turn, acts, given_rolls):
    """Why a turn record's white-cell rulings do not agree with its given rolls or its matrix dice
    (a one-line account), or None. given_rolls: the record's {"index": value}."""
    rulings = given_by_acts(acts)
    given = {int(k): v for k, v in (given_rolls or {}).items()}
    for roll, act in sorted(rulings.items()):
        if given.get(roll) != act["value"]:
            return (f"the white cell's {act['act']} on roll {roll} ({act.get('what')}) gives {act['value']:g}, "
                    f"but given_rolls has {given.get(roll)!r}: the record was edited")
        if act["act"] == "matrix":
            dice = matrix_dice(seed, turn, act["question"], roll)
            if act.get("dice") != dice:
                return (f"the matrix ruling on roll {roll} ({act.get('what')}) records dice {act.get('dice')}, "
                        f"but the game's seed gives {dice}: the record was edited")
            ruling = matrix_ruling(dice, act["modifier"], act["target"])
            if ruling["total"] != act.get("total") or ruling["success"] != act.get("success"):
                return (f"the matrix ruling on roll {roll} ({act.get('what')}) records total {act.get('total')} "
                        f"({'success' if act.get('success') else 'failure'}), but its dice and modifier give "
                        f"{ruling['total']}: the record was edited")
    for roll in sorted(set(given) - set(rulings)):
        if any(e["act"] in ("rule", "matrix") for e in acts):
            return f"given roll {roll} has no ruling in the white cell's record: the record was edited"
    return None
