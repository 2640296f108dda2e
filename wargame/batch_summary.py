"""The summary of a batch, rebuilt from DIR/runs.csv and DIR/turns.csv alone: DIR/summary.json and a
self-contained DIR/summary.html (inline SVG histograms and per-turn bands).

Per scenario and sweep point: mean, standard deviation, median, 5th and 95th percentiles (linear
interpolation between order statistics), min and max of every outcome. Differences: each later
scenario minus each earlier one at the same sweep point, and each sweep value minus the first at the
same scenario, as a difference of means with a seeded percentile-bootstrap 95% interval (numpy when
installed, else pure Python with fewer resamples; summary.json says which).

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
        return "python", 300
    return "numpy", 1000


def _group_name(key):
    scenario, sweep_key, sweep_value = key
    return scenario + (f" [{sweep_key}={sweep_value}]" if sweep_key else "")


def summarise(out_dir):
    """The summary as a dict (what summary.json holds) and the per-turn bands."""
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
    }
    return summary, groups, order


def build_summary(out_dir):
    """Write DIR/summary.json and DIR/summary.html from the CSVs; returns the summary dict."""
    out_dir = Path(out_dir)
    summary, groups, order = summarise(out_dir)
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


def _histogram_svg(series, width=420, height=150, bins=24):
    """Overlaid step histograms of several named value lists (one colour each)."""
    values = [v for _, vals in series for v in vals if not math.isnan(v)]
    if not values:
        return ""
    lo, hi = min(values), max(values)
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
    pad, plot_h = 4, height - 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, c in enumerate(counts):
        pts = []
        for b, share in enumerate(c):
            x0 = pad + (width - 2 * pad) * b / bins
            x1 = pad + (width - 2 * pad) * (b + 1) / bins
            y = plot_h - (plot_h - 4) * share / top
            pts += [f"{x0:.1f},{y:.1f}", f"{x1:.1f},{y:.1f}"]
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<polyline fill="{colour}" fill-opacity="0.15" stroke="{colour}" stroke-width="1.5" '
                     f'points="{pad},{plot_h} {" ".join(pts)} {width - pad},{plot_h}"/>')
    parts.append(f'<line x1="{pad}" y1="{plot_h}" x2="{width - pad}" y2="{plot_h}" stroke="#555"/>')
    parts.append(f'<text x="{pad}" y="{height - 4}" font-size="11">{html.escape(_fmt(lo))}</text>')
    parts.append(f'<text x="{width - pad}" y="{height - 4}" font-size="11" text-anchor="end">{html.escape(_fmt(hi))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bands_svg(series, width=420, height=150):
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
    pad_l, pad, plot_h = 48, 6, height - 20

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
    parts.append(f'<text x="{pad_l - 4}" y="{y(v_hi) + 10:.0f}" font-size="11" text-anchor="end">{_fmt(v_hi)}</text>')
    parts.append(f'<text x="{pad_l - 4}" y="{y(v_lo):.0f}" font-size="11" text-anchor="end">{_fmt(v_lo)}</text>')
    parts.append(f'<text x="{pad_l}" y="{height - 4}" font-size="11">turn {t_lo}</text>')
    parts.append(f'<text x="{width - pad}" y="{height - 4}" font-size="11" text-anchor="end">turn {t_hi}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary, groups, order):
    """A self-contained page: tables of statistics and differences, histograms and per-turn bands."""
    names = [_group_name(k) for k in order]
    esc = html.escape
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>wargame batch summary</title>",
           "<style>body{font-family:system-ui,sans-serif;margin:1.5em;max-width:1300px}"
           "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;"
           "text-align:right;font-size:13px}th:first-child,td:first-child{text-align:left}"
           ".charts{display:flex;flex-wrap:wrap;gap:14px}.chart{border:1px solid #ddd;padding:6px}"
           ".key span{display:inline-block;margin-right:1em}.sig{font-weight:bold}</style></head><body>"]
    b = summary.get("batch", {})
    out.append(f"<h1>Batch summary: {summary['runs']:,} runs</h1>")
    out.append(f"<p>Seed {esc(str(b.get('seed', '?')))}; bots {esc(json.dumps(b.get('bots') or 'default'))}; "
               f"--set {esc(', '.join(b.get('set') or []) or 'none')}; --sweep {esc(b.get('sweep') or 'none')}"
               + (f"; forked from {esc(str(b.get('from')))} at turn {b.get('at_turn')}" if b.get("from") else "")
               + ". Statistics over runs: mean, median, 5th and 95th percentiles.</p>")
    out.append("<p class='key'>" + "".join(
        f"<span style='color:{COLOURS[i % len(COLOURS)]}'>&#9632; {esc(n)}</span>" for i, n in enumerate(names)) + "</p>")
    out.append("<h2>Outcomes at the end</h2><table><tr><th>outcome</th>" + "".join(
        f"<th colspan='4'>{esc(n)} ({groups[k]['runs']:,} runs)</th>" for n, k in zip(names, order)) + "</tr>")
    out.append("<tr><th></th>" + "<th>mean</th><th>median</th><th>p5</th><th>p95</th>" * len(order) + "</tr>")
    for m in summary["groups"][0]["metrics"] if summary["groups"] else []:
        cells = ""
        for g in summary["groups"]:
            s = g["metrics"][m]
            cells += "".join(f"<td>{_fmt(s[k])}</td>" for k in ("mean", "median", "p5", "p95"))
        out.append(f"<tr><td>{esc(m)}</td>{cells}</tr>")
    out.append("</table>")
    if summary["differences"]:
        out.append(f"<h2>Differences (mean difference, {summary['bootstrap']['interval']} bootstrap interval; "
                   "bold where the interval excludes 0)</h2><table><tr><th>outcome</th>"
                   + "".join(f"<th>{esc(d['what'])}</th>" for d in summary["differences"]) + "</tr>")
        for m in HEADLINE:
            cells = ""
            for d in summary["differences"]:
                r = d["metrics"].get(m)
                if not r:
                    cells += "<td>–</td>"
                    continue
                lo, hi = r["ci95"]
                cls = " class='sig'" if lo > 0 or hi < 0 else ""
                cells += f"<td{cls}>{_fmt(r['mean_difference'])} [{_fmt(lo)}, {_fmt(hi)}]</td>"
            out.append(f"<tr><td>{esc(m)}</td>{cells}</tr>")
        out.append("</table>")
    out.append("<h2>Distributions at the end</h2><div class='charts'>")
    for m in HEADLINE:
        svg = _histogram_svg([(n, groups[k]["columns"][m]) for n, k in zip(names, order)])
        if svg:
            out.append(f"<div class='chart'><div>{esc(m)}</div>{svg}</div>")
    out.append("</div>")
    if summary["bands"]:
        out.append(f"<h2>Per turn: median and 5th-95th percentile band (up to {BAND_RUNS:,} runs a group)</h2>"
                   "<div class='charts'>")
        for m in TURN_METRICS:
            series = [(n, summary["bands"][n][m]) for n in names if n in summary["bands"] and m in summary["bands"][n]]
            svg = _bands_svg(series)
            if svg:
                out.append(f"<div class='chart'><div>{esc(m)}</div>{svg}</div>")
        out.append("</div>")
    out.append("<p>Rebuild with <code>wargame batch summary DIR</code>; the numbers are in summary.json.</p></body></html>")
    return "\n".join(out) + "\n"
