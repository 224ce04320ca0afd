"""The HTML view in a real browser: headless Chromium renders it, the quotes and badges are
on screen, and the contrast of quote text against its highlight, computed from the page's
own styles, is readable in a light page, a JupyterLab-dark page and under the browser's dark
colour scheme. Skipped where Chromium is not installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from fakes import SAID, TOLD, FakeParser

import quoteattr
from quoteattr.html import PALETTE, documents_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]

# Computes, in the page, the WCAG contrast of each highlight's and badge's text colour
# against its effective background (the nearest non-transparent ancestor's), and writes
# the results into the DOM for --dump-dom to read.
CONTRAST_JS = """<script>
function rgb(s){const m=s.match(/[\\d.]+/g).map(Number);return m.length>3&&m[3]===0?null:m.slice(0,3);}
function lum(c){const [r,g,b]=c.map(v=>{v/=255;return v<=0.04045?v/12.92:Math.pow((v+0.055)/1.055,2.4)});
 return 0.2126*r+0.7152*g+0.0722*b;}
function bg(el){for(;el;el=el.parentElement){const c=rgb(getComputedStyle(el).backgroundColor);
 if(c)return c;} return [255,255,255];}
const out=[];
for(const el of document.querySelectorAll('.qa-text .qa-q, .qa-text .qa-who')){
 const a=lum(rgb(getComputedStyle(el).color)), b=lum(bg(el));
 out.push({cls:el.className, text:el.textContent.slice(0,30),
           contrast:(Math.max(a,b)+0.05)/(Math.min(a,b)+0.05), bg:getComputedStyle(el).backgroundColor});}
const pre=document.createElement('pre');pre.id='qa-result';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def _docs():
    att = quoteattr.Attributor(parser=FakeParser())
    return [att(SAID[0], id="said"), att(TOLD[0], id="told")]


def _page(tmp_path, body_attrs="", script=False):
    page = documents_page(_docs())
    if body_attrs:
        page = page.replace("<body>", f"<body {body_attrs}>")
    if script:
        page = page.replace("</body>", CONTRAST_JS + "</body>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return path


def _chromium(tmp_path, *args):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def _contrasts(tmp_path, page, *flags):
    out = _chromium(tmp_path, *flags, "--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr[-500:]
    m = re.search(r'<pre id="qa-result">(.*?)</pre>', out.stdout, re.S)
    assert m, "the contrast script did not run"
    import html

    return json.loads(html.unescape(m.group(1)))


def test_dom_shows_quotes_and_speakers(tmp_path):
    """After rendering, the DOM holds each quote and its speaker badge."""
    out = _chromium(tmp_path, "--dump-dom", _page(tmp_path).as_uri())
    assert out.returncode == 0, out.stderr[-500:]
    dom = out.stdout
    assert "We will win," in dom and "Smith · named · direct" in dom
    assert "It is over," in dom and "Reed · named · direct" in dom


@pytest.mark.parametrize("theme,body_attrs,flags", [
    ("light", "", ()),
    ("jupyterlab-dark", 'data-jp-theme-light="false" style="background:#111;color:#d4d4d4"', ()),
    ("prefers-dark", "", ("--force-dark-mode", "--blink-settings=preferredColorScheme=0")),
])
def test_quote_text_contrast(tmp_path, theme, body_attrs, flags):
    """Every highlighted quote and badge has a contrast of at least 4.5 (WCAG AA) against
    its own background, light or dark."""
    results = _contrasts(tmp_path, _page(tmp_path, body_attrs, script=True), *flags)
    assert len(results) >= 4  # two quotes, two badges
    low = [r for r in results if r["contrast"] < 4.5]
    assert not low, low
    quotes = [r for r in results if "qa-c" in r["cls"]]
    if theme == "light":
        assert all(r["bg"] != "rgba(0, 0, 0, 0)" for r in quotes)
    else:  # the dark palette is in use, not the light one with dark text
        from quoteattr.html import DARK_PALETTE

        dark = {"rgb({}, {}, {})".format(*(int(c[i:i + 2], 16) for i in (1, 3, 5)))
                for c in DARK_PALETTE}
        assert all(r["bg"] in dark for r in quotes), quotes


def test_highlights_are_painted(tmp_path):
    """A screenshot of the page contains the first speaker's highlight colour."""
    from PIL import Image

    page = _page(tmp_path)
    shot = tmp_path / "shot.png"
    out = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=900,500", page.as_uri())
    assert out.returncode == 0 and shot.exists(), out.stderr[-500:]
    colours = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in PALETTE[:1]}
    img = Image.open(shot).convert("RGB")
    pixels = {img.getpixel((x, y)) for x in range(0, img.width, 2) for y in range(0, img.height, 2)}
    assert colours & pixels, "the first speaker's highlight colour is not on screen"
