"""Line charts over turns as inline SVG text: no script, no external file, readable on a projector."""

import math
from html import escape

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#444444", "#8C564B")
W, H = 640, 330
LEFT, RIGHT, TOP, BOTTOM = 74, 16, 16, 44


def nice_ticks(lo, hi, count=5):
    """Round tick values covering lo..hi."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(1, count - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v < hi + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return ticks


def tick_text(v, fmt):
    if fmt == "pct":
        return f"{v:.0%}"
    if fmt == "ratio":
        return f"{v:.2f}"
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:g}M"
    if a >= 1e4:
        return f"{v / 1e3:g}k"
    return f"{v:,.0f}" if a >= 10 or v == int(v) else f"{v:g}"


def line_chart(title, turns, series, fmt="num", y_min=None, y_max=None, markers=(), note=""):
    """An inline SVG chart in a <figure>. series: [{label, values, color?, dash?}] with values per turn
    (None: no value); markers: [(turn, label, color)] drawn as vertical lines (US steps, crises)."""
    values = [v for s in series for v in s["values"] if v is not None]
    lo = min(values) if values else 0.0
    hi = max(values) if values else 1.0
    lo = min(lo, y_min) if y_min is not None else lo
    hi = max(hi, y_max) if y_max is not None else hi
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    t0, t1 = (turns[0], turns[-1]) if turns else (1, 2)
    if t1 == t0:
        t0, t1 = t0 - 0.5, t1 + 0.5
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(t):
        return LEFT + (t - t0) / (t1 - t0) * pw

    def y(v):
        return TOP + ph - (v - lo) / (hi - lo) * ph

    parts = [f'<svg viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for v in ticks:
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
                     f'<text class="tick" x="{LEFT - 8}" y="{y(v) + 5:.1f}" text-anchor="end">{escape(tick_text(v, fmt))}</text>')
    for t in _x_ticks(turns):
        parts.append(f'<text class="tick" x="{x(t):.1f}" y="{H - BOTTOM + 22}" text-anchor="middle">{t}</text>')
    parts.append(f'<text class="axis" x="{LEFT + pw / 2:.1f}" y="{H - 6}" text-anchor="middle">turn</text>')
    for turn, label, color in markers:
        parts.append(f'<line class="marker" x1="{x(turn):.1f}" x2="{x(turn):.1f}" y1="{TOP}" y2="{TOP + ph}" '
                     f'stroke="{color}"><title>{escape(f"turn {turn}: {label}")}</title></line>')
    for i, s in enumerate(series):
        color = s.get("color") or PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="9 6"' if s.get("dash") else ""
        width = s.get("width", 3)
        for seg in _segments(turns, s["values"]):
            pts = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in seg)
            if len(seg) == 1:
                t, v = seg[0]
                parts.append(f'<circle cx="{x(t):.1f}" cy="{y(v):.1f}" r="5" fill="{color}"/>')
            parts.append(f'<polyline class="series" points="{pts}" stroke="{color}" stroke-width="{width}"{dash}>'
                         f'<title>{escape(s["label"])}</title></polyline>')
    parts.append("</svg>")
    legend = "".join(_key(s.get("color") or PALETTE[i % len(PALETTE)], s.get("dash"), s["label"])
                     for i, s in enumerate(series))
    if markers:
        seen = {}
        for _, label, color in markers:
            seen.setdefault(label.split(":")[0], color)
        legend += "".join(f'<span class="key"><svg width="14" height="18" aria-hidden="true"><line x1="7" x2="7" y1="0" y2="18" '
                          f'stroke="{c}" stroke-width="3" stroke-dasharray="4 3"/></svg>{escape(k)}</span>' for k, c in seen.items())
    note = f'<p class="chart-note">{escape(note)}</p>' if note else ""
    return (f'<figure class="chart"><figcaption>{escape(title)}</figcaption>{"".join(parts)}'
            f'<div class="legend">{legend}</div>{note}</figure>')


def _key(color, dash, label):
    dash = ' stroke-dasharray="7 4"' if dash else ""
    return (f'<span class="key"><svg width="34" height="12" aria-hidden="true"><line x1="2" x2="32" y1="6" y2="6" '
            f'stroke="{color}" stroke-width="4"{dash}/></svg>{escape(label)}</span>')


def _segments(turns, values):
    seg, out = [], []
    for t, v in zip(turns, values):
        if v is None:
            if seg:
                out.append(seg)
            seg = []
        else:
            seg.append((t, v))
    if seg:
        out.append(seg)
    return out


def _x_ticks(turns):
    if not turns:
        return []
    n = len(turns)
    step = 1 if n <= 12 else 2 if n <= 24 else 5
    ticks = [t for t in turns if (t - turns[0]) % step == 0]
    if turns[-1] not in ticks and turns[-1] - ticks[-1] >= step / 2:
        ticks.append(turns[-1])
    return ticks
