"""Static checks, as configured in pyproject.toml: ruff (pyflakes, pycodestyle, bugbear, a
complexity limit of 15) over the code, and mypy over the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_ruff_clean():
    """ruff finds nothing in quoteattr/, benchmarks/ and tests/."""
    if shutil.which("ruff") is None and subprocess.run(
            [sys.executable, "-m", "ruff", "--version"], capture_output=True).returncode:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "quoteattr", "benchmarks",
                          "tests"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]


def test_mypy_clean():
    """mypy finds no error in quoteattr/ at the strictness of pyproject's [tool.mypy]
    (check_untyped_defs, no_implicit_optional, warn_unused_ignores, ...)."""
    try:
        import mypy.api
    except ImportError:  # pragma: no cover - it is in the test extra
        pytest.fail("mypy is not installed: pip install -e '.[test]'")
    stdout, stderr, status = mypy.api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                           "--no-incremental", str(ROOT / "quoteattr")])
    assert status == 0, (stdout + stderr)[-3000:]
    assert "Success" in stdout, stdout
