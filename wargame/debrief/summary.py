"""The terminal summary of a kept game: coverage per area at key turns, the main metrics, the turning
points (US steps, crises, vetoes, the largest front moves, notes), where an umpire or a matrix argument
replaced the tables, and the objectives scoreboard."""

from rich.table import Table
from rich.text import Text

from wargame.debrief.facts import LABELS, MAIN_METRICS, fmt, turning_points
from wargame.debrief.whitecell import act_line

from wargame.vocab import SIDE_NAMES  # noqa: E402
KIND_STYLE = {"inject": "bold white", "us": "bold blue", "crisis": "bold red", "veto": "magenta", "front": "yellow", "note": "bold green"}


def played(story):
    """'turns A..B of N', or that no turn was played."""
    if not story.turns:
        return f"no turn of {story.header['turns']} played yet"
    return f"turns {story.first_turn}..{story.last_turn} of {story.header['turns']}"


def fork_text(story):
    """For a fork: ', a fork of PARENT at turn N (turns 1..N-1 are PARENT's)'; '' for a game that is not one."""
    h = story.header
    if not h.get("parent"):
        return ""
    parent, at = h["parent"]["file"], story.fork_turn
    if story.parent_turns:
        return f", a fork of {parent} at turn {at} (turns {story.first_turn}..{at - 1} are {parent}'s, played before the fork)"
    return f", a fork of {parent} at turn {at}"


def turn_label(story, n):
    """A turn's number, marked when it is a fork's parent's turn."""
    t = story.turn(n) if story.first_turn <= n <= story.last_turn else None
    return f"{n} (before the fork)" if t is not None and t["replay"] != story.name else str(n)


def key_turns(story, most=6):
    """Up to `most` turns spread evenly over the game, first and last included."""
    turns = [t["turn"] for t in story.turns]
    if len(turns) <= most:
        return turns
    step = (len(turns) - 1) / (most - 1)
    return sorted({turns[round(i * step)] for i in range(most)})


def summary(story):
    """Rich renderables: the whole summary."""
    h = story.header
    fork = fork_text(story)
    state = "finished" if story.end else "unfinished"
    out = [Text(f"{story.title}: seed {h['seed']}{fork}; {played(story)} ({state}); " + ", ".join(f"{s}: {c}" for s, c in sorted(h["controllers"].items())),
                style="bold")]
    if not story.turns:
        out.append(Text("No turn has been played yet."))
        return out
    keys = key_turns(story)
    cov = Table(title="Europe's coverage of its need by area: without the US / with the US", title_justify="left")
    cov.add_column("area")
    for n in keys:
        cov.add_column(f"turn {n}\n{story.turn(n)['date']}", justify="right")
    for area, name in story.areas.items():
        cells = []
        for n in keys:
            m = story.turn(n)["metrics"]
            a, b = m.get(f"coverage.{area}.without_us"), m.get(f"coverage.{area}.with_us")
            cells.append(f"{fmt('coverage', a)} / {fmt('coverage', b)}")
        cov.add_row(name, *cells)
    out.append(cov)
    main = Table(title="Main figures", title_justify="left")
    main.add_column("metric")
    for n in keys:
        main.add_column(f"turn {n}", justify="right")
    for k in MAIN_METRICS:
        main.add_row(LABELS.get(k, k), *[fmt(k, story.turn(n)["metrics"].get(k)) for n in keys])
    out.append(main)
    tp = Table(title="Turning points", title_justify="left")
    for col in ("turn", "date", "what", ""):
        tp.add_column(col, no_wrap=col != "")
    for turn, date, kind, text in turning_points(story):
        if kind != "note":
            tp.add_row(turn_label(story, turn), date, Text(kind, style=KIND_STYLE[kind]), Text(text))
    out.append(tp)
    judged = [(t["turn"], line) for t in story.turns for e in t.get("white_cell") or []
              if e.get("act") in ("rule", "matrix") and e.get("value") is not None
              for _, line in [act_line(e)]]
    if judged:  # where an umpire or a matrix argument, not the tables, decided a roll
        out.append(Text("Where judgement replaced the tables", style="bold"))
        out += [Text(f"  turn {turn_label(story, n)}: {line}") for n, line in judged]
    if story.notes:
        out.append(Text("Notes", style="bold"))
        out += [Text(f"  turn {n['turn']}: {n['text']}" + ("" if n["replay"] == story.name else f" (a note on {n['replay']})"),
                     style=KIND_STYLE["note"]) for n in story.notes]
    if story.end:
        for side, s in story.end["scores"].items():
            t = Table(title=f"{SIDE_NAMES.get(side, side)}: {s.get('score')} of {s.get('max')} points", title_justify="left")
            for col in ("objective", "value", "target", "met", "points"):
                t.add_column(col)
            for o in s["objectives"]:
                t.add_row(Text(str(o["text"])), fmt(str(o.get("metric", "")), o["value"]), f"{o.get('op', '')} {fmt(str(o.get('metric', '')), o['target'])}",
                          "yes" if o["met"] else "no", str(o["points"]))
            out.append(t)
    return out
