"""The summary of a batch, rebuilt from DIR/runs.csv and DIR/turns.csv alone: DIR/summary.json and a
self-contained DIR/summary.html (inline SVG histograms and per-turn bands).

Per scenario and sweep point: mean, standard deviation, median, 5th and 95th percentiles (linear
interpolation between order statistics), min and max of every outcome. Differences: each later
scenario minus each earlier one at the same sweep point, and each sweep value minus the first at the
same scenario, as a difference of means with a seeded percentile-bootstrap 95% interval of
BOOTSTRAP_RESAMPLES resamples (numpy when installed, else pure Python: the same count either way;
summary.json says which). The chance that each objective is met, per group, with a Wilson 95%
interval. Metrics that take one value in every run are listed as constants, not shown as outcomes.
With a class's own game (`mark`), each outcome's percentile in each group's spread.

Memory stays bounded: final outcomes are held as arrays of doubles (8 bytes a run and metric), and the
per-turn bands use at most BAND_RUNS runs per group, chosen by their seeds (the smallest), so the
choice does not depend on the order rows were written in.
"""

import csv
import heapq
import html
import json
import math
import random
from array import array
from pathlib import Path

from wargame.batch_columns import ID_COLUMNS, RUN_COLUMNS, TURN_COLUMNS, TURN_METRICS
from wargame.errors import BatchError
from wargame.files import write_atomic

BAND_RUNS = 2000
BOOTSTRAP_SEED = 20240501
BOOTSTRAP_RESAMPLES = 1000  # resamples of every bootstrap interval, numpy or not (docs/outcomes.md says so)
Z95 = 1.959964  # the normal quantile of a two-sided 95% interval
HEADLINE = ("eu.coverage_without_us_mean", "eu.us_gap_mean", "front.ground_km2", "flank.crises",
            "strikes.hits", "ukraine.production", "politics.cohesion", "eu.debt",
            "score.eu", "score.ukraine", "score.russia")
STATS = ("mean", "sd", "median", "p5", "p95", "min", "max")


def quantile(sorted_values, q):
    """The q-quantile of sorted values, interpolating linearly between order statistics."""
    n = len(sorted_values)
    if n == 0:
        return None
    pos = (n - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, n - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def describe(values):
    """mean, sd, median, p5, p95, min, max of a sequence of numbers (None for an empty one)."""
    n = len(values)
    if n == 0:
        return {k: None for k in STATS}
    s = sorted(values)
    mean = math.fsum(s) / n
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in s) / (n - 1)) if n > 1 else 0.0
    out = {"mean": mean, "sd": sd, "median": quantile(s, 0.5), "p5": quantile(s, 0.05),
           "p95": quantile(s, 0.95), "min": s[0], "max": s[-1]}
    return {k: round(v, 6) for k, v in out.items()}


def _number(text):
    if text == "" or text is None:
        return math.nan
    return float(text)


def read_runs(out_dir):
    """{group: {"runs": n, "columns": {metric: array('d')}, "seeds": [...] smallest}} from runs.csv."""
    path = Path(out_dir) / "runs.csv"
    if not path.exists():
        raise BatchError(f"{out_dir}: no runs.csv: not a batch folder")
    metrics = RUN_COLUMNS[len(ID_COLUMNS) + 1:]
    groups, order = {}, []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or tuple(header) != RUN_COLUMNS:
            raise BatchError(f"{path}: not a runs.csv of this engine (the columns differ)")
        for row in reader:
            if len(row) != len(RUN_COLUMNS):
                continue  # a torn last line
            key = (row[0], row[1], row[2])
            g = groups.get(key)
            if g is None:
                g = groups[key] = {"runs": 0, "columns": {m: array("d") for m in metrics}, "band": []}
                order.append(key)
            g["runs"] += 1
            for m, text in zip(metrics, row[len(ID_COLUMNS) + 1:]):
                g["columns"][m].append(_number(text))
            # keep the BAND_RUNS runs with the smallest seeds (a max-heap of negated seeds)
            item = (-int(row[4]), int(row[3]))
            if len(g["band"]) < BAND_RUNS:
                heapq.heappush(g["band"], item)
            elif item > g["band"][0]:
                heapq.heapreplace(g["band"], item)
    return groups, order


def read_bands(out_dir, groups):
    """{group: {metric: [(turn, p5, median, p95), ...]}} from turns.csv over each group's band runs."""
    path = Path(out_dir) / "turns.csv"
    if not path.exists():
        return {}
    chosen = {key: {run for _, run in g["band"]} for key, g in groups.items()}
    cells = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or tuple(header) != TURN_COLUMNS:
            return {}
        for row in reader:
            if len(row) != len(TURN_COLUMNS):
                continue
            key = (row[0], row[1], row[2])
            run, turn = int(row[3]), int(row[4])
            if run not in chosen.get(key, ()):
                continue
            for m, text in zip(TURN_METRICS, row[5:]):
                cells.setdefault((key, m, turn), array("d")).append(_number(text))
    out = {}
    for (key, m, turn), values in sorted(cells.items()):
        s = sorted(v for v in values if not math.isnan(v))
        out.setdefault(key, {}).setdefault(m, []).append(
            (turn, round(quantile(s, 0.05), 6), round(quantile(s, 0.5), 6), round(quantile(s, 0.95), 6)))
    return out


def bootstrap_diff(a, b, reps, seed):
    """(mean(a) - mean(b), lower, upper) with a percentile-bootstrap 95% interval."""
    a = [x for x in a if not math.isnan(x)]
    b = [x for x in b if not math.isnan(x)]
    if not a or not b:
        return None
    diff = math.fsum(a) / len(a) - math.fsum(b) / len(b)
    try:
        import numpy as np
    except ImportError:
        rng = random.Random(seed)
        draws = sorted(math.fsum(rng.choices(a, k=len(a))) / len(a) - math.fsum(rng.choices(b, k=len(b))) / len(b)
                       for _ in range(reps))
    else:
        rng = np.random.default_rng(seed)
        xa, xb = np.asarray(a), np.asarray(b)
        draws = np.empty(reps)
        for i in range(reps):  # one resample at a time keeps memory flat for large batches
            draws[i] = xa[rng.integers(0, len(xa), len(xa))].mean() - xb[rng.integers(0, len(xb), len(xb))].mean()
        draws = sorted(draws.tolist())
    return round(diff, 6), round(quantile(draws, 0.025), 6), round(quantile(draws, 0.975), 6)


def bootstrap_method():
    try:
        import numpy  # noqa: F401
    except ImportError:
        return "python", BOOTSTRAP_RESAMPLES
    return "numpy", BOOTSTRAP_RESAMPLES


def wilson(k, n, z=Z95):
    """The Wilson score interval (lower, upper) of a proportion k/n: stays inside 0..1 and is sensible at
    0 and n successes, where the normal approximation p +- z*sqrt(p(1-p)/n) collapses to a point."""
    if n <= 0:
        return None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def percentile_of(values, x):
    """Where x falls among values, 0..100: the share below it plus half the share equal to it (mid-rank),
    so a value in the middle of the spread is at 50 and ties do not push it to either end."""
    vals = [v for v in values if not math.isnan(v)]
    if not vals or x is None:
        return None
    below = sum(1 for v in vals if v < x)
    equal = sum(1 for v in vals if v == x)
    return 100.0 * (below + 0.5 * equal) / len(vals)


def constants(groups):
    """{metric: value} of the metrics that take one value in every run of every group (NaN ignored)."""
    out = {}
    columns = next(iter(groups.values()))["columns"] if groups else {}
    for m in columns:
        seen = set()
        for g in groups.values():
            seen.update(v for v in g["columns"][m] if not math.isnan(v))
            if len(seen) > 1:
                break
        if len(seen) == 1:
            out[m] = seen.pop()
    return out


def objective_chances(groups, order, objectives_by_group):
    """Per group, each objective's share of runs that met it with a Wilson 95% interval:
    [{"group", "side", "id", "text", "metric", "op", "target", "met", "runs", "share", "ci95"}]."""
    rows = []
    for key in order:
        objectives = objectives_by_group.get(key)
        if not objectives:
            continue
        columns = groups[key]["columns"]
        for side, objs in objectives.items():
            for o in objs:
                col = columns.get(o["metric"])
                if col is None:
                    continue  # a metric runs.csv does not keep
                vals = [v for v in col if not math.isnan(v)]
                met = sum(1 for v in vals if (v >= o["target"] if o["op"] == ">=" else v <= o["target"]))
                ci = wilson(met, len(vals))
                rows.append({"group": _group_name(key), "side": side, "id": o["id"], "text": o["text"],
                             "metric": o["metric"], "op": o["op"], "target": o["target"], "met": met,
                             "runs": len(vals), "share": round(met / len(vals), 6) if vals else None,
                             "ci95": [round(ci[0], 6), round(ci[1], 6)] if ci else None})
    return rows


def _objectives_by_group(meta, order):
    """Each group's objectives: from batch.json (what the runs were scored against), else the scenario's
    shipped rules (an older batch folder), else none."""
    out = {}
    for entry in meta.get("objectives") or []:
        out[(entry["scenario"], entry["sweep_key"], entry["sweep_value"])] = entry["objectives"]
    for key in order:
        if key in out:
            continue
        try:
            from wargame.objectives import rules_objectives
            from wargame.rules import load_scenario
            out[key] = rules_objectives(load_scenario(key[0])[1])
        except Exception:  # noqa: BLE001 - a scenario that no longer loads: no objective table for it
            continue
    return out


def read_mark(path):
    """A class's own game as a mark on the spread: {"replay", "scenario", "turns", "metrics"} from its last
    whole turn (and its scores, when it finished). WargameError on a file that is not a replay."""
    from wargame.replay import read_replay
    rp = read_replay(path)
    if not rp.turns:
        raise BatchError(f"{path}: no whole turn to mark")
    metrics = dict(rp.turns[-1].get("metrics") or {})
    if rp.end:
        for side, s in (rp.end.get("scores") or {}).items():
            metrics[f"score.{side}"] = s.get("score")
    return {"replay": Path(path).name, "scenario": rp.header.get("scenario"), "turn": rp.last_turn,
            "turns": rp.header.get("turns"), "finished": rp.finished, "metrics": metrics}


def _group_name(key):
    scenario, sweep_key, sweep_value = key
    return scenario + (f" [{sweep_key}={sweep_value}]" if sweep_key else "")


def summarise(out_dir, mark=None):
    """The summary as a dict (what summary.json holds) and the per-turn bands; mark: read_mark()'s game."""
    out_dir = Path(out_dir)
    groups, order = read_runs(out_dir)
    meta_path = out_dir / "batch.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    bands = read_bands(out_dir, groups)
    method, reps = bootstrap_method()
    out_groups = []
    for key in order:
        g = groups[key]
        out_groups.append({
            "scenario": key[0], "sweep_key": key[1], "sweep_value": key[2], "runs": g["runs"],
            "metrics": {m: describe([x for x in col if not math.isnan(x)]) for m, col in g["columns"].items()},
        })
    pairs = []
    scenarios = list(dict.fromkeys(k[0] for k in order))
    sweep_values = list(dict.fromkeys((k[1], k[2]) for k in order))
    for sv in sweep_values:
        for i, first in enumerate(scenarios):
            for second in scenarios[i + 1:]:
                a, b = (second,) + sv, (first,) + sv
                if a in groups and b in groups:
                    pairs.append((a, b))
    if len(sweep_values) > 1:
        for sc in scenarios:
            base = (sc,) + sweep_values[0]
            for sv in sweep_values[1:]:
                if (sc,) + sv in groups and base in groups:
                    pairs.append(((sc,) + sv, base))
    differences = []
    for n, (a, b) in enumerate(pairs):
        rows = {}
        for j, m in enumerate(HEADLINE):
            res = bootstrap_diff(groups[a]["columns"][m], groups[b]["columns"][m], reps, BOOTSTRAP_SEED + 1000 * n + j)
            if res:
                rows[m] = {"mean_difference": res[0], "ci95": [res[1], res[2]]}
        differences.append({"a": dict(zip(("scenario", "sweep_key", "sweep_value"), a)),
                            "b": dict(zip(("scenario", "sweep_key", "sweep_value"), b)),
                            "what": f"{_group_name(a)} minus {_group_name(b)}", "metrics": rows})
    summary = {
        "format": "wargame-batch-summary", "format_version": 1, "batch": meta,
        "runs": sum(g["runs"] for g in groups.values()),
        "statistics": "mean, sd, median, p5, p95 (linear interpolation), min, max over runs",
        "bootstrap": {"method": method, "resamples": reps, "interval": "percentile 95%", "seed": BOOTSTRAP_SEED},
        "groups": out_groups, "differences": differences,
        "bands": {_group_name(k): {m: [list(t) for t in v] for m, v in b.items()} for k, b in bands.items()},
        "band_runs": BAND_RUNS,
        "constants": {m: round(v, 6) for m, v in constants(groups).items()},
        "objectives": objective_chances(groups, order, _objectives_by_group(meta, order)),
        "objective_interval": "Wilson score 95%",
    }
    if mark is not None:
        summary["mark"] = dict(mark, percentiles={
            m: {_group_name(k): _round(percentile_of(groups[k]["columns"][m], mark["metrics"].get(m))) for k in order}
            for m in groups[order[0]]["columns"] if mark["metrics"].get(m) is not None} if order else {})
    return summary, groups, order


def _round(x, digits=1):
    return None if x is None else round(x, digits)


def build_summary(out_dir, mark=None):
    """Write DIR/summary.json and DIR/summary.html from the CSVs; returns the summary dict.
    mark: a replay's path, a class's own game to place in the spread."""
    out_dir = Path(out_dir)
    summary, groups, order = summarise(out_dir, read_mark(mark) if mark else None)
    _write(out_dir / "summary.json", json.dumps(summary, indent=1, sort_keys=False) + "\n")
    _write(out_dir / "summary.html", render_html(summary, groups, order))
    return summary


def _write(path, text):
    write_atomic(path, text)


# --- the HTML page --------------------------------------------------------------------------------

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f")


def _fmt(x):
    if x is None:
        return "–"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def _tick(name, v):
    """A value on an axis in its metric's unit (60%, EUR 4,241m, 23,872 km2)."""
    from wargame import figures
    if name.startswith("score."):
        return f"{v:,.1f}" if v != round(v) else f"{v:,.0f}"
    return figures.metric(name, v)


def _histogram_svg(series, name="", mark=None, width=440, height=190, bins=24):
    """Overlaid step histograms of several named value lists (one colour each), with a value axis in the
    metric's unit, a 'share of runs' axis and, given a mark value, a dashed line where it falls."""
    from wargame import figures
    values = [v for _, vals in series for v in vals if not math.isnan(v)]
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if mark is not None:
        lo, hi = min(lo, mark), max(hi, mark)
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    width_bin = (hi - lo) / bins
    counts = []
    for _, vals in series:
        c = [0] * bins
        n = 0
        for v in vals:
            if math.isnan(v):
                continue
            c[min(bins - 1, int((v - lo) / width_bin))] += 1
            n += 1
        counts.append([x / n if n else 0 for x in c])
    top = max(max(c) for c in counts) or 1
    pad_l, pad_r, pad_t, plot_b = 40, 12, 14, height - 38
    plot_w = width - pad_l - pad_r

    def x(v):
        return pad_l + plot_w * (v - lo) / (hi - lo)

    def y(share):
        return plot_b - (plot_b - pad_t) * share / top

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, c in enumerate(counts):
        pts = []
        for b, share in enumerate(c):
            pts += [f"{x(lo + b * width_bin):.1f},{y(share):.1f}", f"{x(lo + (b + 1) * width_bin):.1f},{y(share):.1f}"]
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<polyline fill="{colour}" fill-opacity="0.15" stroke="{colour}" stroke-width="1.5" '
                     f'points="{pad_l},{plot_b} {" ".join(pts)} {width - pad_r},{plot_b}"/>')
    # axes: runs' share up the side, the metric in its unit along the bottom
    parts.append(f'<line x1="{pad_l}" y1="{plot_b}" x2="{width - pad_r}" y2="{plot_b}" stroke="#555"/>')
    parts.append(f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{plot_b}" stroke="#555"/>')
    parts.append(f'<text x="{pad_l - 3}" y="{pad_t + 4}" font-size="10" text-anchor="end">{top:.0%}</text>')
    parts.append(f'<text x="{pad_l - 3}" y="{plot_b}" font-size="10" text-anchor="end">0%</text>')
    parts.append(f'<text x="10" y="{(pad_t + plot_b) / 2:.0f}" font-size="10" text-anchor="middle" '
                 f'transform="rotate(-90 10 {(pad_t + plot_b) / 2:.0f})">share of runs</text>')
    for k in range(4):
        v = lo + (hi - lo) * k / 3
        anchor = ("start", "middle", "middle", "end")[k]
        parts.append(f'<line x1="{x(v):.1f}" y1="{plot_b}" x2="{x(v):.1f}" y2="{plot_b + 4}" stroke="#555"/>')
        parts.append(f'<text x="{x(v):.1f}" y="{plot_b + 15}" font-size="10" text-anchor="{anchor}">'
                     f'{html.escape(_tick(name, v))}</text>')
    unit = figures.axis_unit(name) if name else ""
    parts.append(f'<text x="{pad_l + plot_w / 2:.0f}" y="{height - 4}" font-size="11" text-anchor="middle">'
                 f'{html.escape(figures.label(name) if name else "")}{html.escape(f" ({unit})" if unit else "")}</text>')
    if mark is not None:
        mx = x(mark)
        parts.append(f'<line x1="{mx:.1f}" y1="{pad_t - 4}" x2="{mx:.1f}" y2="{plot_b}" stroke="#000" '
                     f'stroke-width="2" stroke-dasharray="5,3"><title>your game: {html.escape(_tick(name, mark))}</title></line>')
        anchor = "start" if mx < pad_l + 30 else "end" if mx > width - pad_r - 30 else "middle"
        parts.append(f'<text x="{mx:.1f}" y="{pad_t - 5}" font-size="10" text-anchor="{anchor}">your game</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bands_svg(series, name="", width=420, height=150):
    """Per-turn 5-95% bands with the median line, one colour per group: series [(name, [(turn, p5, p50, p95)])]."""
    rows = [r for _, rs in series for r in rs]
    if not rows:
        return ""
    t_lo, t_hi = min(r[0] for r in rows), max(r[0] for r in rows)
    v_lo, v_hi = min(r[1] for r in rows), max(r[3] for r in rows)
    if v_hi == v_lo:
        v_lo, v_hi = v_lo - 0.5, v_hi + 0.5
    if t_hi == t_lo:
        t_hi = t_lo + 1
    pad_l, pad, plot_h = 72, 6, height - 20

    def x(t):
        return pad_l + (width - pad_l - pad) * (t - t_lo) / (t_hi - t_lo)

    def y(v):
        return pad + (plot_h - pad) * (1 - (v - v_lo) / (v_hi - v_lo))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, (_, rs) in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        upper = " ".join(f"{x(t):.1f},{y(p95):.1f}" for t, _, _, p95 in rs)
        lower = " ".join(f"{x(t):.1f},{y(p5):.1f}" for t, p5, _, _ in reversed(rs))
        parts.append(f'<polygon fill="{colour}" fill-opacity="0.18" stroke="none" points="{upper} {lower}"/>')
        mid = " ".join(f"{x(t):.1f},{y(p50):.1f}" for t, _, p50, _ in rs)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.8" points="{mid}"/>')
    parts.append(f'<line x1="{pad_l}" y1="{plot_h}" x2="{width - pad}" y2="{plot_h}" stroke="#555"/>')
    parts.append(f'<text x="{pad_l - 4}" y="{y(v_hi) + 10:.0f}" font-size="11" text-anchor="end">{html.escape(_tick(name, v_hi))}</text>')
    parts.append(f'<text x="{pad_l - 4}" y="{y(v_lo):.0f}" font-size="11" text-anchor="end">{html.escape(_tick(name, v_lo))}</text>')
    parts.append(f'<text x="{pad_l}" y="{height - 4}" font-size="11">turn {t_lo}</text>')
    parts.append(f'<text x="{width - pad}" y="{height - 4}" font-size="11" text-anchor="end">turn {t_hi}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _name_cell(m):
    """A metric's plain label, its id in small grey type (and as a tooltip)."""
    from wargame import figures
    esc = html.escape
    return f"<td title='{esc(m)}'>{esc(figures.label(m))} <span class='id'>{esc(m)}</span></td>"


def _shown(summary, metrics):
    """The metrics worth a row: all but the constants."""
    const = summary.get("constants") or {}
    return [m for m in metrics if m not in const]


def _constants_note(summary):
    from wargame import figures
    const = summary.get("constants") or {}
    if not const:
        return ""
    items = "; ".join(f"{figures.label(m)} {_tick(m, v)}" for m, v in const.items())
    return (f"<p class='note'>Not shown: {len(const)} figures that take the same value in every run "
            f"(so they tell the scenarios apart nowhere): {html.escape(items)}.</p>")


def _objectives_html(summary, names):
    rows = summary.get("objectives") or []
    if not rows:
        return ""
    esc = html.escape
    out = ["<h2>How often each objective is met</h2>",
           f"<p>Share of runs that meet it, with a {esc(summary.get('objective_interval', ''))} interval "
           "(the range the true chance lies in, given this many runs).</p>",
           "<table class='obj'><tr><th>side</th><th>objective</th>" + "".join(f"<th>{esc(n)}</th>" for n in names) + "</tr>"]
    objs = list(dict.fromkeys((r["side"], r["id"]) for r in rows))
    by = {(r["side"], r["id"], r["group"]): r for r in rows}
    for side, oid in objs:
        first = next(r for r in rows if (r["side"], r["id"]) == (side, oid))
        cells = ""
        for n in names:
            r = by.get((side, oid, n))
            if r is None or r["share"] is None:
                cells += "<td>–</td>"
                continue
            lo, hi = r["ci95"]
            cells += (f"<td title='{r['met']:,} of {r['runs']:,} runs'><b>{r['share']:.0%}</b> "
                      f"<span class='ci'>[{lo:.0%}–{hi:.0%}]</span></td>")
        out.append(f"<tr><td>{esc(side)}</td><td title='{esc(first['metric'])} {esc(first['op'])} {first['target']:g}'>"
                   f"{esc(first['text'])} <span class='id'>{esc(oid)}</span></td>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def _mark_html(summary, names):
    mark = summary.get("mark")
    if not mark:
        return ""
    esc = html.escape
    state = "finished" if mark.get("finished") else f"after turn {mark.get('turn')} of {mark.get('turns')}"
    out = [f"<h2>Your game: {esc(mark['replay'])}</h2>",
           f"<p>{esc(str(mark.get('scenario')))}, {esc(state)}. Its value, and its percentile in each scenario's "
           "runs (50 = the middle; 5 = only 5% of runs were lower). The dashed line on each histogram below.</p>",
           "<table><tr><th>outcome</th><th>your game</th>" + "".join(f"<th>{esc(n)}</th>" for n in names) + "</tr>"]
    for m in _shown(summary, HEADLINE):
        p = mark["percentiles"].get(m)
        if p is None:
            continue
        out.append(f"<tr>{_name_cell(m)}<td>{esc(_tick(m, mark['metrics'][m]))}</td>"
                   + "".join(f"<td>{_ordinal(p.get(n))}</td>" for n in names) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _ordinal(p):
    if p is None:
        return "–"
    n = round(p)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def render_html(summary, groups, order):
    """A self-contained page: objectives met, tables of statistics and differences with plain labels,
    histograms with axes (and a class's game marked), per-turn bands."""
    from wargame import figures
    names = [_group_name(k) for k in order]
    esc = html.escape
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>wargame batch summary</title>",
           "<style>body{font-family:system-ui,sans-serif;margin:1.5em;max-width:1400px}"
           "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;"
           "text-align:right;font-size:13px}th:first-child,td:first-child{text-align:left}"
           "table.obj th:nth-child(2),table.obj td:nth-child(2){text-align:left}"
           ".id{color:#999;font-size:10px;font-family:monospace}.ci{color:#666;font-size:11px}"
           ".note{color:#555;font-size:13px}td{white-space:nowrap}td:first-child,table.obj td:nth-child(2){white-space:normal}"
           ".charts{display:flex;flex-wrap:wrap;gap:14px}.chart{border:1px solid #ddd;padding:6px}"
           ".chart .title{font-size:13px;font-weight:600}"
           ".key span{display:inline-block;margin-right:1em}.sig{font-weight:bold}</style></head><body>"]
    b = summary.get("batch", {})
    out.append(f"<h1>Batch summary: {summary['runs']:,} runs</h1>")
    out.append(f"<p>Seed {esc(str(b.get('seed', '?')))}; bots {esc(json.dumps(b.get('bots') or 'default'))}; "
               f"--set {esc(', '.join(b.get('set') or []) or 'none')}; --sweep {esc(b.get('sweep') or 'none')}"
               + (f"; forked from {esc(str(b.get('from')))} at turn {b.get('at_turn')}" if b.get("from") else "")
               + ". Statistics over runs: mean, median, 5th and 95th percentiles (90% of runs lie between).</p>")
    out.append("<p class='key'>" + "".join(
        f"<span style='color:{COLOURS[i % len(COLOURS)]}'>&#9632; {esc(n)}</span>" for i, n in enumerate(names)) + "</p>")
    out.append(_mark_html(summary, names))
    out.append(_objectives_html(summary, names))
    out.append("<h2>Outcomes at the end</h2><table><tr><th>outcome</th>" + "".join(
        f"<th colspan='4'>{esc(n)} ({groups[k]['runs']:,} runs)</th>" for n, k in zip(names, order)) + "</tr>")
    out.append("<tr><th></th>" + "<th>mean</th><th>median</th><th>p5</th><th>p95</th>" * len(order) + "</tr>")
    metrics = list(summary["groups"][0]["metrics"]) if summary["groups"] else []
    for m in _shown(summary, metrics):
        cells = ""
        for g in summary["groups"]:
            s = g["metrics"][m]
            cells += "".join(f"<td>{esc(_tick(m, s[k])) if s[k] is not None else '–'}</td>"
                             for k in ("mean", "median", "p5", "p95"))
        out.append(f"<tr>{_name_cell(m)}{cells}</tr>")
    out.append("</table>")
    out.append(_constants_note(summary))
    if summary["differences"]:
        bs = summary["bootstrap"]
        out.append(f"<h2>Differences between scenarios</h2><p>Mean difference with a {esc(bs['interval'])} "
                   f"bootstrap interval ({bs['resamples']:,} resamples); bold where the interval excludes 0.</p>"
                   "<table><tr><th>outcome</th>" + "".join(f"<th>{esc(d['what'])}</th>" for d in summary["differences"]) + "</tr>")
        for m in _shown(summary, HEADLINE):
            cells = ""
            for d in summary["differences"]:
                r = d["metrics"].get(m)
                if not r:
                    cells += "<td>–</td>"
                    continue
                lo, hi = r["ci95"]
                cls = " class='sig'" if lo > 0 or hi < 0 else ""
                cells += f"<td{cls}>{_fmt(r['mean_difference'])} [{_fmt(lo)}, {_fmt(hi)}]</td>"
            out.append(f"<tr>{_name_cell(m)}{cells}</tr>")
        out.append("</table>")
    mark = summary.get("mark")
    out.append("<h2>Distributions at the end</h2><div class='charts'>")
    for m in _shown(summary, HEADLINE):
        mv = mark["metrics"].get(m) if mark else None
        svg = _histogram_svg([(n, groups[k]["columns"][m]) for n, k in zip(names, order)], m, mv)
        if svg:
            out.append(f"<div class='chart'><div class='title' title='{esc(m)}'>{esc(figures.label(m))} "
                       f"<span class='id'>{esc(m)}</span></div>{svg}</div>")
    out.append("</div>")
    if summary["bands"]:
        out.append(f"<h2>Per turn: median and 5th-95th percentile band (up to {BAND_RUNS:,} runs a group)</h2>"
                   "<div class='charts'>")
        for m in _shown(summary, TURN_METRICS):
            series = [(n, summary["bands"][n][m]) for n in names if n in summary["bands"] and m in summary["bands"][n]]
            svg = _bands_svg(series, m)
            if svg:
                unit = figures.axis_unit(m)
                out.append(f"<div class='chart'><div class='title' title='{esc(m)}'>{esc(figures.label(m))}"
                           f"{esc(f' ({unit})' if unit else '')} <span class='id'>{esc(m)}</span></div>{svg}</div>")
        out.append("</div>")
    out.append("<p>Rebuild with <code>wargame batch summary DIR</code> (<code>--mark REPLAY</code> to place a game); "
               "the numbers are in summary.json.</p></body></html>")
    return "\n".join(out) + "\n"


def terminal_lines(summary):
    """The summary as a room reads it in a terminal: headline outcomes (median and 5th-95th), each
    objective's chance with its interval, the marked game's percentiles, the constants left out."""
    from wargame import figures
    names = [_group_name((g["scenario"], g["sweep_key"], g["sweep_value"])) for g in summary["groups"]]
    lines = []
    for g, n in zip(summary["groups"], names):
        lines.append(f"{n} ({g['runs']:,} runs): median [5th-95th percentile]")
        for m in _shown(summary, HEADLINE):
            s = g["metrics"][m]
            if s["median"] is None:
                continue
            lines.append(f"  {figures.label(m)}: {_tick(m, s['median'])} [{_tick(m, s['p5'])} to {_tick(m, s['p95'])}]")
    rows = summary.get("objectives") or []
    if rows:
        lines.append(f"Objectives met (share of runs, {summary.get('objective_interval')} interval):")
        for side, oid in dict.fromkeys((r["side"], r["id"]) for r in rows):
            these = [r for r in rows if (r["side"], r["id"]) == (side, oid)]
            lines.append(f"  {side}: {these[0]['text']}")
            lines.append("      " + ", ".join(f"{r['group']} {r['share']:.0%} [{r['ci95'][0]:.0%}-{r['ci95'][1]:.0%}]"
                                              for r in these if r["share"] is not None))
    mark = summary.get("mark")
    if mark:
        lines.append(f"Your game ({mark['replay']}): percentile in each scenario's runs")
        for m in _shown(summary, HEADLINE):
            p = mark["percentiles"].get(m)
            if p is None:
                continue
            where = ", ".join(f"{n} {_ordinal(v)}" for n, v in p.items())
            lines.append(f"  {figures.label(m)}: {_tick(m, mark['metrics'][m])}: {where}")
    const = summary.get("constants") or {}
    if const:
        lines.append(f"Same in every run (not shown): {', '.join(figures.label(m) for m in const)}")
    return lines
