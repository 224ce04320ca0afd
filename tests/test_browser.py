"""The HTML view in a real browser: headless Chromium renders it and the quotes, speaker
badges and highlight colours are on screen. Skipped where Chromium is not installed."""

from __future__ import annotations

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


def _page(tmp_path):
    att = quoteattr.Attributor(parser=FakeParser())
    docs = [att(SAID[0], id="said"), att(TOLD[0], id="told")]
    path = tmp_path / "page.html"
    path.write_text(documents_page(docs), encoding="utf-8")
    return path


def _chromium(tmp_path, *args):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def test_dom_shows_quotes_and_speakers(tmp_path):
    """After rendering, the DOM holds each quote and its speaker badge."""
    page = _page(tmp_path)
    out = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert out.returncode == 0, out.stderr[-500:]
    dom = out.stdout
    assert "We will win," in dom and "Smith · named" in dom
    assert "It is over," in dom and "Reed · named" in dom


def test_highlights_are_painted(tmp_path):
    """A screenshot of the page contains the speakers' highlight colours."""
    from PIL import Image

    page = _page(tmp_path)
    shot = tmp_path / "shot.png"
    out = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=900,500", page.as_uri())
    assert out.returncode == 0 and shot.exists(), out.stderr[-500:]
    colours = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in PALETTE[:1]}
    img = Image.open(shot).convert("RGB")
    pixels = {img.getpixel((x, y)) for x in range(0, img.width, 2) for y in range(0, img.height, 2)}
    assert colours & pixels, "the first speaker's highlight colour is not on screen"
