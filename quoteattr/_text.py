"""Text helpers shared by the exports (no imports from the rest of quoteattr)."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(s: str) -> str:
    """``s`` with every lone surrogate replaced by U+FFFD, one character for one (so offsets
    into ``s`` still hold); any other string comes back unchanged."""
    return _SURROGATE.sub("\ufffd", s)
