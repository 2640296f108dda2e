"""A seminar's adjudication modes: switching a question's mode, the umpire's proposals and overrides,
and matrix arguments, each kept as an act of the white cell's log (wargame/whitecell.py) and so in
the turn's record, with the roll it gives under given_rolls (`replay verify` re-applies it).

The rulings themselves are pure (wargame/modes.py); here they meet the seminar folder.
"""

from wargame import modes, whitecell
from wargame.errors import WargameError
from wargame.seminar import open_seminar, preview, rulings

MAX_MODIFIER = 6  # a modifier beyond +-6 decides a 2d6 roll before it is thrown


def current_modes(pos):
    """{question: mode} for the coming turn."""
    return modes.modes(pos.game.rules, pos.log(), pos.turn)


def _reason(reason, what):
    if not reason or not reason.strip():
        raise WargameError(f"--reason: say why {what} (it is kept in the record)")
    return reason.strip()


def set_mode(folder, qid, mode, reason, by=None):
    """Rule question qid by `mode` from the coming turn on; (pos, act)."""
    pos = open_seminar(folder)
    if pos.finished:
        raise WargameError(f"{pos.folder}: the game is over: no turn left to rule")
    modes.check_question(pos.game.rules, qid)
    modes.check_mode(mode)
    act = whitecell.append(pos.folder, pos.turn, "mode", question=qid, mode=mode,
                           reason=_reason(reason, f"{qid} is ruled by {mode}"), by=by)
    return pos, act


def question_rolls(rules, record, qid):
    """[(roll number, roll record)] of a turn's record that question qid decides."""
    return [(i, r) for i, r in enumerate(record.rolls) if modes.question_of(rules, r["what"]) == qid]


def propose(folder, force_bots=False):
    """The engine's proposed rulings on the coming turn's questions in umpire or matrix mode: (pos,
    [{question, text, mode, rolls: [{roll, what, value, p, rule, proposed, ruled: act or None}]}])."""
    pos, record = preview(folder, force_bots, given={})
    ruled = rulings(pos)
    out = []
    for qid, mode in current_modes(pos).items():
        if mode == "table":
            continue
        q = pos.game.rules.adjudication.questions[qid]
        rolls = [{"roll": i, "what": r["what"], "value": r["roll"], "p": r.get("p"), "rule": r["rule"],
                  "proposed": r.get("result", ""), "ruled": ruled.get(i)}
                 for i, r in question_rolls(pos.game.rules, record, qid)]
        out.append({"question": qid, "text": q.text, "mode": mode, "outcomes": list(q.outcomes), "rolls": rolls})
    return pos, out


def _pick_roll(pos, record, qid, roll):
    found = question_rolls(pos.game.rules, record, qid)
    if not found:
        raise WargameError(f"turn {pos.turn}: no roll of the {qid} question is drawn this turn "
                           "(see 'wargame seminar propose " f"{pos.folder}')")
    if roll is None:
        ruled = rulings(pos)
        unruled = [i for i, _ in found if i not in ruled]
        return (unruled or [found[0][0]])[0]
    if roll not in [i for i, _ in found]:
        raise WargameError(f"--roll {roll}: not a roll of the {qid} question this turn "
                           f"(its rolls: {', '.join(str(i) for i, _ in found)})")
    return roll


def override(folder, qid, reason, outcome=None, factor=None, roll=None, by=None, force_bots=False):
    """An umpire's override of question qid on the coming turn: a named outcome, or a chosen factor in
    the rule's range, given as the roll that produces it, with the reason. (pos, act, new result)."""
    pos = open_seminar(folder)
    rules = pos.game.rules
    modes.check_question(rules, qid)
    mode = current_modes(pos)[qid]
    if mode != "umpire":
        how = (f"'wargame seminar matrix {pos.folder} {qid} ...'" if mode == "matrix"
               else f"'wargame seminar mode {pos.folder} {qid} umpire --reason ...' first")
        raise WargameError(f"the {qid} question is in {mode} mode this turn: {how}")
    if (outcome is None) == (factor is None):
        raise WargameError("give --outcome NAME or --factor F")
    reason = _reason(reason, "the proposed ruling is replaced")
    if outcome is not None:
        value, extra = modes.outcome_value(rules, qid, outcome), {"outcome": outcome}
    else:
        value, _, _ = modes.factor_value(rules, qid, factor)
        extra = {"factor": factor}
    pos, record = preview(folder, force_bots, given={})
    roll = _pick_roll(pos, record, qid, roll)
    act = whitecell.append(pos.folder, pos.turn, "rule", roll=roll, what=record.rolls[roll]["what"], value=value,
                           reason=reason, by=by, question=qid, proposed=record.rolls[roll].get("result", ""), **extra)
    _, after = preview(folder, force_bots)
    return pos, act, after.rolls[roll].get("result", "")


def matrix(folder, qid, argument, pros=(), cons=(), modifier=0, by=None, side=None, argued_for=None, roll=None,
           force_bots=False):
    """A matrix argument on question qid of the coming turn: the team's argument and pros, the others'
    cons, the facilitator's modifier; 2d6 (derived from the seed, turn, question and roll) plus the
    modifier against the rules' target decides, and the outcome is given as a roll. (pos, act, result)."""
    pos = open_seminar(folder)
    rules = pos.game.rules
    q = modes.check_question(rules, qid)
    mode = current_modes(pos)[qid]
    if mode != "matrix":
        raise WargameError(f"the {qid} question is in {mode} mode this turn: "
                           f"'wargame seminar mode {pos.folder} {qid} matrix --reason ...' first")
    if not argument or not argument.strip():
        raise WargameError("--argument: state the action and why it should succeed (it is kept in the record)")
    if not -MAX_MODIFIER <= modifier <= MAX_MODIFIER:
        raise WargameError(f"--modifier {modifier}: a modifier lies in -{MAX_MODIFIER}..+{MAX_MODIFIER}")
    argued_for = argued_for or q.matrix_for
    if argued_for not in (q.matrix_for, q.matrix_against):
        raise WargameError(f"--for {argued_for}: a matrix argument on {qid} is for {q.matrix_for} "
                           f"or {q.matrix_against}")
    pos, record = preview(folder, force_bots, given={})
    roll = _pick_roll(pos, record, qid, roll)
    target = rules.adjudication.matrix_target
    dice = modes.matrix_dice(pos.game.seed, pos.turn, qid, roll)
    ruling = modes.matrix_ruling(dice, modifier, target)
    outcome = modes.matrix_outcome(q, ruling["success"], argued_for)
    act = whitecell.append(
        pos.folder, pos.turn, "matrix", question=qid, roll=roll, what=record.rolls[roll]["what"], side=side, by=by,
        argument=argument.strip(), pros=[p.strip() for p in pros if p.strip()],
        cons=[c.strip() for c in cons if c.strip()], modifier=modifier, dice=dice, target=target,
        total=ruling["total"], success=ruling["success"], outcome=outcome, value=modes.outcome_value(rules, qid, outcome),
        proposed=record.rolls[roll].get("result", ""), **{"for": argued_for})
    _, after = preview(folder, force_bots)
    return pos, act, after.rolls[roll].get("result", "")
