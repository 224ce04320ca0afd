"""The package's own data files (``quoteattr/data/``), read without unpacking the wheel."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_json(name: str) -> Any | None:
    """The parsed JSON file ``quoteattr/data/<name>``, or None when it is not shipped."""
    try:
        raw = resources.files("quoteattr").joinpath("data").joinpath(name).read_text(
            encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return json.loads(raw)
