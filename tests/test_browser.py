"""The HTML debrief in a real browser: headless Chromium renders a golden replay's debrief; the page
is not blank, every chart is drawn, nothing is logged to the console and nothing is fetched.

Without chromium the test is skipped, unless CI is set (then it fails: .ci/run installs it)."""

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main

GOLDEN = Path(__file__).resolve().parent.parent / "replays" / "coordinated.jsonl"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
# Console lines Chromium writes with --enable-logging=stderr: messages, uncaught errors, CSP blocks.
CONSOLE = re.compile(r"CONSOLE|Uncaught|Refused to|Content Security Policy|net::ERR_")


@pytest.fixture(scope="module")
def chromium():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (CI is set): apt-get install -y chromium")
        pytest.skip("chromium is not installed (set CI to make this a failure)")
    return CHROMIUM


def browse(chromium, page, tmp_path, *what):
    """Run headless Chromium on a local page: (completed process) for --screenshot=... or --dump-dom."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-default-apps", "--disable-extensions", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0", "--window-size=1280,2000", *what, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def console_lines(stderr):
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


def png_colours(path, every=4):
    """Distinct colours in a PNG (8-bit RGB or RGBA, non-interlaced), decoded with the stdlib; every n-th pixel."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, [], 0
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % every == 0:
            for x in range(0, width, every):
                colours.add(bytes(line[x * bpp:x * bpp + 3]))
        prev = line
    return colours


@pytest.fixture(scope="module")
def debrief(tmp_path_factory):
    d = tmp_path_factory.mktemp("browser")
    replay = d / "coordinated.jsonl"
    shutil.copyfile(GOLDEN, replay)
    runner = CliRunner()
    r = runner.invoke(main, ["replay", "note", str(replay), "--turn", "2", "First US step: ask the EU team why"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["debrief", str(replay), "--html", str(d / "debrief.html")])
    assert r.exit_code == 0, r.output
    return d / "debrief.html"


def test_the_debrief_renders_with_every_chart_drawn(chromium, debrief, tmp_path):
    shot = tmp_path / "debrief.png"
    done = browse(chromium, debrief, tmp_path, f"--screenshot={shot}")
    assert shot.exists(), done.stderr[-2000:]
    assert console_lines(done.stderr) == []
    colours = png_colours(shot)
    assert len(colours) > 40, f"the page looks blank: {len(colours)} colours"

    dom = browse(chromium, debrief, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_lines(dom.stderr) == []
    html = dom.stdout
    figures = re.findall(r'<figure class="chart">(.*?)</figure>', html, re.S)
    assert len(figures) >= 12
    for fig in figures:
        assert "<svg" in fig and re.search(r"<(polyline|path)\b[^>]*points=\"[\d.]+,[\d.]+ [\d.]+", fig), fig[:200]
    for title in ("coverage WITHOUT the US", "coverage WITH the US", "gap the US left", "Ukraine's front",
                  "production", "Strike damage", "Deterrence", "EU spending", "debt", "cohesion"):
        assert title in html, title
    assert "First US step: ask the EU team why" in html
    assert "Objectives scoreboard" in html and "Timeline" in html
    # no address the page could fetch: only the SVG namespace names a URL
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html)) - {"http://www.w3.org/2000/svg"}
    assert urls == set()


def test_the_console_and_network_checks_do_catch_problems(chromium, tmp_path):
    """The checks above are not vacuous: a page that logs an error and asks for an image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src '
                   "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"></head><body>"
                   '<img src="https://example.invalid/x.png"><script>undefinedFunction();</script></body></html>')
    done = browse(chromium, bad, tmp_path, "--dump-dom")
    lines = console_lines(done.stderr)
    assert any("Uncaught" in x for x in lines), done.stderr[-2000:]
    assert any("example.invalid" in x for x in lines), done.stderr[-2000:]
