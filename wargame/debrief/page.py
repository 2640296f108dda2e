"""The frame every HTML debrief shares: a self-contained page (inline CSS and script, a Content
Security Policy that lets nothing load from anywhere), styled for a projector."""

from html import escape

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink:#111; --muted:#555; --line:#ccc; --band:#f3f4f6; --eu:#0072B2; --ukraine:#B8860B; --russia:#C0392B; }
* { box-sizing: border-box; }
body { font: 18px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
       margin: 0 auto; padding: 24px 32px 64px; max-width: 1500px; background: #fff; }
h1 { font-size: 2.1em; margin: 0 0 4px; }
h2 { font-size: 1.55em; border-bottom: 3px solid var(--ink); padding-bottom: 4px; margin-top: 1.8em; }
h3 { font-size: 1.2em; margin: 1.2em 0 .4em; }
.sub { color: var(--muted); font-size: 1.05em; margin: 0 0 12px; }
nav a { margin-right: 18px; font-weight: 600; color: var(--eu); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 580px), 1fr)); gap: 22px 30px; }
figure.chart { margin: 0; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
figcaption { font-weight: 700; font-size: 1.1em; margin-bottom: 4px; }
.grid { stroke: #ddd; stroke-width: 1; }
.tick { font-size: 15px; fill: #333; }
.axis { font-size: 15px; fill: #555; }
.series { fill: none; stroke-linejoin: round; stroke-linecap: round; }
.marker { stroke-width: 2; stroke-dasharray: 5 4; opacity: .75; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: .9em; margin-top: 4px; }
.key svg { vertical-align: middle; margin-right: 5px; }
.chart-note { font-size: .85em; color: var(--muted); margin: 4px 0 0; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: #006400; font-weight: 700; }
.unmet { color: #a00; font-weight: 700; }
.scores { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px 28px; }
.scores table { width: 100%; }
section, details { max-width: 100%; overflow-x: auto; }
.score-total { font-size: 1.6em; font-weight: 800; }
.note { background: #fff6c2; border-left: 6px solid #e0b000; padding: 6px 12px; margin: 6px 0; font-weight: 600; }
.tag { display: inline-block; min-width: 5.2em; padding: 0 6px; border-radius: 4px; font-size: .8em; font-weight: 700;
       color: #fff; background: #666; text-align: center; margin-right: 6px; }
.tag.us { background: #0072B2; } .tag.crisis { background: #C0392B; } .tag.veto { background: #8E44AD; }
.tag.inject { background: #7F8C8D; } .tag.front { background: #B8860B; } .tag.note { background: #2E7D32; } .tag.strike { background: #D35400; }
.tag.decision { background: #16A085; } .tag.ruling { background: #B03A2E; } .tag.build, .tag.project { background: #34495E; }
details.turn { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; padding: 4px 14px; }
details.turn > summary { font-size: 1.12em; font-weight: 700; cursor: pointer; padding: 4px 0; }
details.turn.parent { border-style: dashed; background: #f7f7f7; }
details.turn > summary .hl { font-weight: 400; color: var(--muted); margin-left: 10px; }
details.more > summary { cursor: pointer; color: var(--eu); font-weight: 600; }
.side-eu { border-left: 6px solid var(--eu); } .side-ukraine { border-left: 6px solid var(--ukraine); }
.side-russia { border-left: 6px solid var(--russia); }
.decision { padding: 4px 12px; margin: 6px 0; background: var(--band); }
.rationale { font-style: italic; }
ul.events { list-style: none; padding-left: 0; margin: 4px 0; }
ul.events li { padding: 2px 0; }
.date { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: 8px; }
button { font: inherit; padding: 4px 14px; margin-right: 8px; }
@media print { details.turn { break-inside: avoid; } button { display: none; } }
"""

SCRIPT = """
document.querySelectorAll('button[data-open]').forEach(function (b) {
  b.addEventListener('click', function () {
    var open = b.getAttribute('data-open') === '1';
    document.querySelectorAll('details.turn').forEach(function (d) { d.open = open; });
  });
});
"""


def page(title, body):
    """The whole HTML document around body (already escaped HTML)."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n'
            f'<script>{SCRIPT}</script>\n</body></html>\n')


def table(headers, rows, num=()):
    """An HTML table; headers and cells are plain text (escaped here) unless given as ('html', text)."""
    def cell(tag, v, i):
        cls = ' class="num"' if i in num else ""
        text = v[1] if isinstance(v, tuple) and v and v[0] == "html" else escape(str(v))
        return f"<{tag}{cls}>{text}</{tag}>"
    head = "".join(cell("th", h, i) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", v, i) for i, v in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
