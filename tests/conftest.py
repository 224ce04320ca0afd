"""Shared fixtures. Model-backed tests use the bundled models and fail (not skip) when they
cannot load; tests that need ../shared skip with a message when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("QUOTEATTR_SHARED", Path(__file__).parents[2] / "shared"))


@pytest.fixture(scope="session")
def bundled():
    """One Attributor on the bundled models for the whole session (loaded once)."""
    import quoteattr

    att = quoteattr.Attributor(models="bundled", threads=1)
    _ = att.parser.pipeline  # load now: a broken model set fails here, loudly
    return att


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples").is_dir():
        pytest.skip(f"project data not found at {SHARED} (set QUOTEATTR_SHARED)")
    return SHARED
