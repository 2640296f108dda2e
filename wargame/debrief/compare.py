"""Two kept games side by side: the first turn where orders, rolls or US steps diverge, and the main
metrics' differences per turn. Turns are aligned by number (a fork's story begins with its parent's turns)."""

from html import escape

from wargame.debrief.charts import line_chart
from wargame.debrief.facts import LABELS, MAIN_METRICS, fmt, is_us_step
from wargame.debrief.page import page, table

CHART_METRICS = MAIN_METRICS[:4] + ("strikes.hits_turn", "flank.ratio", "eu.spent_turn", "eu.debt", "politics.cohesion",
                                    "flank.crises")


def common_turns(a, b):
    """Turn numbers both games played."""
    return sorted({t["turn"] for t in a.turns} & {t["turn"] for t in b.turns})


def divergence(a, b):
    """(turn, [what differs]) for the first common turn whose orders, rolls or US steps differ; None if none."""
    for n in common_turns(a, b):
        ta, tb = a.turn(n), b.turn(n)
        why = []
        for side in sorted(set(ta["orders"]) | set(tb["orders"])):
            if ta["orders"].get(side) != tb["orders"].get(side):
                why.append(f"{side} orders differ")
        ra, rb = ta["rolls"], tb["rolls"]
        if ra != rb:
            for i, (x, y) in enumerate(zip(ra, rb), start=1):
                if x != y:
                    why.append(f"roll {i} differs: {x['what']} {x['roll']:.4f} vs {y['what']} {y['roll']:.4f}")
                    break
            else:
                why.append(f"the number of rolls differs: {len(ra)} vs {len(rb)}")
        ua = [e["text"] for e in ta["events"] if is_us_step(e)]
        ub = [e["text"] for e in tb["events"] if is_us_step(e)]
        if ua != ub:
            only_a = [x for x in ua if x not in ub]
            only_b = [x for x in ub if x not in ua]
            why.append("US steps differ: " + "; ".join([f"A: {x}" for x in only_a[:2]] + [f"B: {x}" for x in only_b[:2]]))
        if why:
            return n, why
    return None


def metric_rows(a, b, metrics=MAIN_METRICS):
    """[(turn, metric, value in A, value in B, B - A)] for the common turns."""
    rows = []
    for n in common_turns(a, b):
        ma, mb = a.turn(n)["metrics"], b.turn(n)["metrics"]
        for k in metrics:
            x, y = ma.get(k), mb.get(k)
            rows.append((n, k, x, y, None if x is None or y is None else y - x))
    return rows


def describe(story):
    h = story.header
    fork = f", a fork of {h['parent']['file']} at turn {story.fork_turn}" if h.get("parent") else ""
    return (f"{story.path}: {h['scenario']}, seed {h['seed']}{fork}, turns {story.first_turn}..{story.last_turn}; "
            + ", ".join(f"{s}: {c}" for s, c in sorted(h["controllers"].items())))


def short(story):
    h = story.header
    fork = f", fork at turn {story.fork_turn}" if h.get("parent") else ""
    return f"{h['scenario']}, seed {h['seed']}{fork}"


def divergence_text(a, b):
    common = common_turns(a, b)
    if not common:
        return "The games share no turn number: nothing to align."
    d = divergence(a, b)
    if d is None:
        return f"No divergence: orders, rolls and US steps are the same in turns {common[0]}..{common[-1]}."
    n, why = d
    return f"First divergence at turn {n} ({a.turn(n)['date']}): " + "; ".join(why)


def signed(k, d):
    if d is None:
        return "-"
    return ("+" if d >= 0 else "-") + fmt(k, abs(d))


def render_html(a, b):
    """The comparison page: both games, the divergence, overlaid charts, and the differences per turn."""
    common = common_turns(a, b)
    turns_a = [t["turn"] for t in a.turns]
    turns_b = [t["turn"] for t in b.turns]
    turns = sorted(set(turns_a) | set(turns_b))

    def aligned(story, metric):
        have = {t["turn"]: t["metrics"].get(metric) for t in story.turns}
        return [have.get(n) for n in turns]

    la, lb = f"A: {short(a)}", f"B: {short(b)}"
    charts = []
    for k in CHART_METRICS:
        fmt_ = "pct" if "coverage" in k or "gap" in k else "ratio" if k in ("flank.ratio", "politics.cohesion") else "num"
        charts.append(line_chart(LABELS.get(k, k), turns,
                                 [{"label": la, "values": aligned(a, k), "color": "#0072B2"},
                                  {"label": lb, "values": aligned(b, k), "color": "#D55E00", "dash": True}],
                                 fmt=fmt_, y_min=0 if fmt_ == "pct" else None))
    last = common[-1] if common else None
    final = [(LABELS.get(k, k), fmt(k, x), fmt(k, y), signed(k, d)) for n, k, x, y, d in metric_rows(a, b) if n == last]
    per_turn = []
    keys = MAIN_METRICS
    for n in common:
        ma, mb = a.turn(n)["metrics"], b.turn(n)["metrics"]
        per_turn.append((n,) + tuple(signed(k, None if ma.get(k) is None or mb.get(k) is None else mb[k] - ma[k]) for k in keys))
    body = (f"<h1>Two games compared</h1><p class=\"sub\">A = {escape(describe(a))}<br>B = {escape(describe(b))}</p>"
            f'<div class="note">{escape(divergence_text(a, b))}</div>'
            + (f"<h2>At turn {last}</h2>" + table(("metric", "A", "B", "B - A"), final, num=(1, 2, 3)) if last else "")
            + '<h2>Over the turns (A solid, B dashed)</h2><div class="charts">' + "".join(charts) + "</div>"
            + "<h2>Differences per turn (B - A)</h2>"
            + table(("turn",) + tuple(LABELS.get(k, k) for k in keys), per_turn, num=tuple(range(1, len(keys) + 1))))
    return page("Two games compared", body)
