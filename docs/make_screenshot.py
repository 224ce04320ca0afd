"""Regenerate docs/nato.png: the NATO article attributed with the bundled models and rendered
in headless Chromium. Run from the repository root: python docs/make_screenshot.py"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import quoteattr
from quoteattr.examples import nato
from quoteattr.html import documents_page

ROOT = Path(__file__).parents[1]
text = nato()  # $QUOTEATTR_SHARED or ../shared
doc = quoteattr.Attributor(models="bundled", threads=1)(text, id="nato-victory-plan")
chromium = shutil.which("chromium") or sys.exit("chromium is not installed")
with tempfile.TemporaryDirectory() as tmp:
    page = Path(tmp) / "page.html"
    page.write_text(documents_page([doc]), encoding="utf-8")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--hide-scrollbars", f"--user-data-dir={tmp}/profile",
                    f"--screenshot={ROOT / 'docs' / 'nato.png'}", "--window-size=1000,1500",
                    page.as_uri()], check=True, capture_output=True, timeout=120)
print("wrote docs/nato.png")
