"""The HTML debrief of one game: turning points, charts over turns, the objectives scoreboard, a
section per team and the timeline of every turn. One self-contained file."""

from html import escape
from pathlib import Path

from wargame.debrief.charts import line_chart
from wargame.debrief.facts import fmt, is_us_step, is_veto, moved, order_lines, turning_points
from wargame.debrief.notes import by_turn
from wargame.debrief.page import page, table
from wargame.debrief.summary import fork_text, played

from wargame.vocab import SIDE_NAMES  # noqa: E402
HEADLINE_KINDS = ("inject", "us", "crisis", "decision", "front", "strike", "build", "project", "request", "transfer")
TEAM_METRICS = {
    "eu": ("eu.coverage_without_us_mean", "eu.us_gap_mean", "eu.spent_turn", "eu.debt", "politics.cohesion"),
    "ukraine": ("front.change_km2", "front.ground_km2", "ukraine.production_turn", "ukraine.shells", "strikes.hits_turn"),
    "russia": ("front.change_km2", "russia.troops", "russia.shells", "flank.ratio", "flank.crises"),
    "us": ("us.troops", "us.points", "eu.us_gap_mean", "flank.crises"),  # a seated US
}


def markers(story, us=True, crises=True):
    """Vertical chart markers: turns with a US departure, turns with a flank crisis."""
    out = []
    for t in story.turns:
        if us and any(e["kind"] == "us" and e["text"].startswith("US leaves") for e in t["events"]):
            out.append((t["turn"], "US step", "#6A3D9A"))
        if crises and any(e["kind"] == "crisis" for e in t["events"]):
            out.append((t["turn"], "flank crisis", "#C0392B"))
    return out


def fork_marks(story):
    """A fork's marker at the turn it was forked at, when the story holds its parent's turns before it."""
    if not story.parent_turns:
        return []
    return [(story.fork_turn, f"fork: earlier turns are {story.header['parent']['file']}'s", "#111111")]


def charts(story):
    """Every chart of the debrief, as HTML figures."""
    turns = [t["turn"] for t in story.turns]
    s = story.series
    areas = story.areas
    fm = fork_marks(story)
    us_marks = markers(story, crises=False) + fm
    crisis_marks = markers(story, us=False) + fm
    out = [
        line_chart("Europe's coverage WITHOUT the US, by area", turns,
                   [{"label": name, "values": s(f"coverage.{a}.without_us")} for a, name in areas.items()],
                   fmt="pct", y_min=0, y_max=1, markers=us_marks),
        line_chart("Europe's coverage WITH the US, by area", turns,
                   [{"label": name, "values": s(f"coverage.{a}.with_us")} for a, name in areas.items()],
                   fmt="pct", y_min=0, y_max=1, markers=us_marks),
        line_chart("Mean coverage with and without the US", turns,
                   [{"label": "with the US", "values": s("eu.coverage_with_us_mean"), "color": "#0072B2"},
                    {"label": "without the US", "values": s("eu.coverage_without_us_mean"), "color": "#D55E00"},
                    {"label": "weakest area without the US", "values": s("eu.coverage_without_us_min"),
                     "color": "#D55E00", "dash": True}],
                   fmt="pct", y_min=0, y_max=1, markers=us_marks),
        line_chart("The gap the US left, by area", turns,
                   [{"label": name, "values": s(f"coverage.{a}.us_gap"), "width": 2} for a, name in areas.items()]
                   + [{"label": "mean over areas", "values": s("eu.us_gap_mean"), "color": "#000", "width": 5}],
                   fmt="pct", y_min=0, markers=us_marks,
                   note="Coverage lost since the start because the US left and Europe has not yet replaced it."),
        line_chart("Ukraine's front: ground Russia has gained (km2)", turns,
                   [{"label": "ground gained since the start", "values": s("front.ground_km2"), "color": "#B8860B"},
                    {"label": "change this turn", "values": s("front.change_km2"), "color": "#555", "dash": True}],
                   note="Negative: Ukraine regained ground.", markers=fm),
        line_chart("Ukraine's production per turn (EUR m)", turns,
                   [{"label": "output of plants in Ukraine", "values": s("ukraine.production_turn"), "color": "#009E73"}],
                   y_min=0, markers=fm),
        line_chart("Strikes: hits that got through air defence", turns,
                   [{"label": "hits this turn", "values": s("strikes.hits_turn"), "color": "#D35400"}], y_min=0, markers=fm),
        line_chart("Strike damage", turns,
                   [{"label": "damage to the grid", "values": s("strikes.energy_damage"), "color": "#D35400"},
                    {"label": "worst-hit plant", "values": s("strikes.industry_damage_max"), "color": "#555", "dash": True}],
                   fmt="pct", y_min=0, y_max=1, markers=fm),
        line_chart("Deterrence on the eastern flank", turns,
                   [{"label": "Russian force / European readiness", "values": s("flank.ratio"), "color": "#C0392B"},
                    {"label": "crisis chance this turn", "values": s("flank.crisis_probability"), "color": "#555", "dash": True}],
                   fmt="ratio", y_min=0, markers=crisis_marks,
                   note="Vertical lines: turns with a crisis on the flank."),
        line_chart("EU spending per turn (EUR m)", turns,
                   [{"label": "spent this turn", "values": s("eu.spent_turn"), "color": "#0072B2"}], y_min=0, markers=fm),
        line_chart("EU new defence debt and funds in hand (EUR m)", turns,
                   [{"label": "new defence debt", "values": s("eu.debt"), "color": "#C0392B"},
                    {"label": "funds in hand", "values": s("eu.funds"), "color": "#0072B2", "dash": True}], y_min=0, markers=fm),
        line_chart("EU cohesion and public support", turns,
                   [{"label": "cohesion", "values": s("politics.cohesion"), "color": "#0072B2"},
                    {"label": "public support", "values": s("politics.support"), "color": "#009E73", "dash": True}],
                   fmt="ratio", y_min=0, y_max=1, markers=fm),
    ]
    return out


def scoreboard(end):
    if not end:
        return "<p>The game is unfinished: there is no final score yet.</p>"
    out = ['<div class="scores">']
    for side, s in end["scores"].items():
        rows = []
        for o in s["objectives"]:
            met = ("html", '<span class="met">met</span>' if o["met"] else '<span class="unmet">not met</span>')
            rows.append((o["text"], fmt(str(o.get("metric", "")), o["value"]), f"{o.get('op', '')} {fmt(str(o.get('metric', '')), o['target'])}", met, o["points"]))
        detail = (table(("objective", "value", "target", "", "points"), rows, num=(1, 4)) if rows else
                  "<p>Its objectives and their values are the team's own (a side's or the public view).</p>")
        out.append(f'<div class="side-{escape(side)}" style="padding-left:14px"><h3>{escape(SIDE_NAMES.get(side, side))} '
                   f'<span class="score-total">{escape(str(s.get("score")))} / {escape(str(s.get("max")))}</span></h3>'
                   + detail + "</div>")
    out.append("</div>")
    return "".join(out)


def _tag(kind):
    return f'<span class="tag {escape(kind)}">{escape(kind)}</span>'


def _event(e):
    seen = "" if e["public"] else f' <em>({escape(SIDE_NAMES.get(e["side"], e["side"] or "control"))} only)</em>'
    return f'<li><span class="date">{escape(e["date"])}</span>{_tag(e["kind"])}{escape(e["text"])}{seen}</li>'


def timeline_turn(story, t, notes, prev):
    n = t["turn"]
    heads = [e for e in t["events"] if e["kind"] in HEADLINE_KINDS and e["kind"] != "strike"]
    strikes = [e for e in t["events"] if e["kind"] == "strike"]
    routine = [e for e in t["events"] if e["kind"] not in HEADLINE_KINDS]
    flags = []
    if notes:
        flags.append("note")
    if any(is_us_step(e) for e in t["events"]):
        flags.append("US step")
    if any(e["kind"] == "crisis" for e in t["events"]):
        flags.append("crisis")
    if any(is_veto(e) for e in t["events"]):
        flags.append("veto")
    from wargame.debrief.whitecell import corrected, ruled, turn_lines
    if corrected(t):
        flags.append("corrected")
    if ruled(t):
        acts = {e.get("act") for e in t.get("white_cell") or [] if e.get("value") is not None}
        kinds = [k for a, k in (("rule", "umpire's ruling"), ("matrix", "matrix ruling")) if a in acts]
        flags.append("judgement replaced the tables: " + " and ".join(kinds))
    if t["replay"] != story.name:
        flags.insert(0, f"before the fork: played in {t['replay']}")
    m = t["metrics"]
    hl = (f"coverage without US {fmt('c.coverage', m.get('eu.coverage_without_us_mean'))}, front "
          f"{m.get('front.change_km2', 0):+,.0f} km2, cohesion {fmt('politics.cohesion', m.get('politics.cohesion'))}")
    parent = ' parent' if t["replay"] != story.name else ""
    out = [f'<details class="turn{parent}" id="turn-{n}"{" open" if notes else ""}><summary>Turn {n} - {escape(t["date"])}'
           f'<span class="hl">{escape(hl)}{(" | " + escape(", ".join(flags))) if flags else ""}</span></summary>']
    out += [f'<div class="note">Note: {escape(x)}</div>' for x in notes]
    out.append("<h3>Decisions</h3>")
    for side in SIDE_NAMES:
        orders = t["orders"].get(side)
        if not orders:
            continue
        lines = order_lines(orders)
        rationale = "".join(f'<div class="rationale">{escape(v)}</div>' for k, v in lines if k == "rationale")
        rest = table(("order", "value"), [(k, v) for k, v in lines if k != "rationale"])
        out.append(f'<div class="decision side-{side}"><strong>{SIDE_NAMES[side]}</strong>{rationale}'
                   f'<details class="more"><summary>the orders ({len(lines) - (1 if rationale else 0)} lines)</summary>{rest}</details></div>')
    wc = turn_lines(t)
    if wc:
        out.append("<h3>White cell</h3><ul class=\"events\">" + "".join(
            f"<li>{_tag(kind)}{escape(text)}</li>" for kind, text in wc) + "</ul>")
    us = [e for e in t["events"] if is_us_step(e)]
    if us:
        out.append("<h3>US steps</h3><ul class=\"events\">" + "".join(_event(e) for e in us) + "</ul>")
    out.append("<h3>What happened</h3><ul class=\"events\">" + "".join(_event(e) for e in heads if not is_us_step(e)) + "</ul>")
    if strikes:
        out.append(f'<details class="more"><summary>{len(strikes)} strike reports</summary><ul class="events">'
                   + "".join(_event(e) for e in strikes) + "</ul></details>")
    if routine:
        out.append(f'<details class="more"><summary>{len(routine)} deliveries, orders and money movements</summary>'
                   f'<ul class="events">' + "".join(_event(e) for e in routine) + "</ul></details>")
    rolls = [(r["date"], r["what"], "" if r.get("p") is None else f"{r['p']:.2f}", f"{r['roll']:.4f}",
              r.get("result", ""), r["rule"]) for r in t["rolls"]]
    out.append(f'<details class="more"><summary>the {len(rolls)} rolls behind the results</summary>'
               + table(("date", "what", "p", "roll", "result", "rule"), rolls, num=(2, 3)) + "</details>")
    changes = moved(prev, m) if prev is not None else []
    if changes:
        rows = [(k, fmt(k, a), fmt(k, b)) for k, a, b in changes]
        out.append(f'<details class="more"><summary>{len(rows)} metrics that moved</summary>'
                   + table(("metric", "before", "after"), rows, num=(1, 2)) + "</details>")
    out.append("</details>")
    return "".join(out)


def team_section(story, side):
    rows = []
    keys = TEAM_METRICS[side]
    for t in story.turns:
        orders = t["orders"].get(side) or {}
        decided = escape(str(orders.get("rationale", ""))) or "<em>no rationale given</em>"
        turn = t["turn"] if t["replay"] == story.name else f"{t['turn']} (before the fork)"
        rows.append((turn, ("html", decided)) + tuple(fmt(k, t["metrics"].get(k)) for k in keys))
    own = []
    for t in story.turns:
        own += [e for e in t["events"] if e["side"] == side and e["kind"] in ("decision", "build", "project", "transfer", "request")]
    events = ("<details class=\"more\"><summary>" + str(len(own)) + " of its decisions and builds, dated</summary><ul class=\"events\">"
              + "".join(_event(e) for e in own) + "</ul></details>") if own else ""
    return (f'<section class="side-{side}" style="padding-left:16px"><h3>{SIDE_NAMES[side]} ({escape(story.header["controllers"].get(side, ""))})</h3>'
            + table(("turn", "what it decided (rationale)") + keys, rows, num=tuple(range(2, 2 + len(keys)))) + events + "</section>")


def judgement(story):
    """The section listing where an umpire's override or a matrix argument, not the tables, decided a
    roll: who, why, the arguments and the dice, linked to the turn; '' when nowhere."""
    from wargame.debrief.whitecell import act_line
    items = [(t["turn"], t["date"], act_line(e)[1]) for t in story.turns for e in t.get("white_cell") or []
             if e.get("act") in ("rule", "matrix") and e.get("value") is not None]
    if not items:
        return ""
    return ('<section id="judgement"><h2>Where judgement replaced the tables</h2>'
            '<p class="sub">Each ruling is kept in the replay with who made it and why; <code>wargame replay verify</code> '
            're-applies it.</p><ul class="events">'
            + "".join(f'<li><a href="#turn-{n}">turn {n}</a> <span class="date">{escape(d)}</span>{_tag("ruling")}{escape(x)}</li>'
                      for n, d, x in items) + "</ul></section>")


def render(story):
    """The HTML debrief of a Story, as one string."""
    h = story.header
    fork = fork_text(story)
    state = "finished" if story.end else "unfinished"
    notes = by_turn([dict(n, text=n["text"] + ("" if n["replay"] == story.name else f" (a note on {n['replay']})"))
                     for n in story.notes])
    body = [f"<header><h1>Debrief: {escape(story.title)}</h1>"
            f'<p class="sub">{escape(h["scenario"])}, seed {escape(str(h["seed"]))}{escape(fork)}; {escape(played(story))} ({state}); '
            f'replay {escape(Path(story.path).name)}; '
            + escape(", ".join(f"{SIDE_NAMES.get(s, s)}: {c}" for s, c in h["controllers"].items())) + "</p>"
            '<nav><a href="#scores">Scoreboard</a><a href="#charts">Charts</a><a href="#points">Turning points</a>'
            + ('<a href="#judgement">Rulings</a>' if judgement(story) else "")
            + '<a href="#teams">Teams</a><a href="#timeline">Timeline</a></nav></header>']
    body.append(f'<section id="scores"><h2>Objectives scoreboard</h2>{scoreboard(story.end)}</section>')
    points = turning_points(story)
    body.append('<section id="charts"><h2>Over the turns</h2><div class="charts">' + "".join(charts(story)) + "</div></section>")
    body.append('<section id="points"><h2>Turning points</h2><ul class="events">'
                + "".join(f'<li><a href="#turn-{n}">turn {n}</a> <span class="date">{escape(d)}</span>{_tag(k)}{escape(x)}</li>'
                          for n, d, k, x in points) + "</ul></section>")
    judged = judgement(story)
    if judged:
        body.append(judged)
    body.append('<section id="teams"><h2>The teams</h2>' + "".join(team_section(story, s) for s in SIDE_NAMES
                                                                       if s in story.header["controllers"]) + "</section>")
    tl = ['<section id="timeline"><h2>Timeline</h2><p><button type="button" data-open="1">Open every turn</button>'
          '<button type="button" data-open="0">Close every turn</button></p>']
    prev = None
    for t in story.turns:
        tl.append(timeline_turn(story, t, notes.get(t["turn"], []), prev))
        prev = t["metrics"]
    other = [(n, x) for n, xs in notes.items() for x in xs if not story.first_turn <= n <= story.last_turn]
    if other:
        tl.append("<h3>Notes on turns not in this replay</h3>" + "".join(f'<div class="note">Turn {n}: {escape(x)}</div>' for n, x in other))
    tl.append("</section>")
    body.append("".join(tl))
    return page(f"Debrief: {story.title}, seed {h['seed']}", "\n".join(body))
