"""The NATO example article and its gold attributions, for a first cell that runs anywhere.

The article is not the project's to ship (it is a news article), so it is not package data:
it lives in the project's data folder (``shared/examples``), and this loader finds it there:

1. ``$QUOTEATTR_SHARED`` (the data folder itself, holding ``examples/``), else
2. ``../shared`` from the current folder, else
3. ``../shared`` from the checkout this package was imported from.

Where it is in none of them, [ExampleNotFoundError][quoteattr.examples.ExampleNotFoundError]
says where to put it.

>>> from quoteattr import examples                          # doctest: +SKIP
>>> text = examples.nato()                                  # doctest: +SKIP
>>> gold = examples.nato_gold()                             # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from quoteattr.errors import QuoteattrError

__all__ = ["ExampleNotFoundError", "NATO", "data_dirs", "nato", "nato_gold"]

NATO = "nato-victory-plan"


class ExampleNotFoundError(QuoteattrError, FileNotFoundError):
    """An example file is in none of the folders searched.

    Attributes:
        name: the file looked for.
        searched: the folders looked in, in order.
    """

    def __init__(self, name: str, searched: tuple[Path, ...]) -> None:
        self.name = name
        self.searched = searched
        places = ", ".join(str(p) for p in searched) or "(none)"
        super().__init__(
            f"example {name!r} not found; looked in {places}. Put the project's data folder "
            f"(with {name}) at ../shared, or set QUOTEATTR_SHARED to its path")


def data_dirs() -> tuple[Path, ...]:
    """The data folders searched, in order (those that exist or not)."""
    dirs = []
    env = os.environ.get("QUOTEATTR_SHARED")
    if env:
        dirs.append(Path(env))
    dirs.append(Path.cwd().parent / "shared")
    dirs.append(Path(__file__).resolve().parents[2] / "shared")  # beside a repo checkout
    out: list[Path] = []
    for d in dirs:
        if d not in out:
            out.append(d)
    return tuple(out)


def _find(filename: str) -> Path:
    dirs = data_dirs()
    for d in dirs:
        path = d / "examples" / filename
        if path.is_file():
            return path
    raise ExampleNotFoundError(f"examples/{filename}", tuple(d / "examples" for d in dirs))


def nato() -> str:
    """The text of the NATO example article (about 4,000 characters, 9 speech quotes)."""
    return _find(f"{NATO}.txt").read_text(encoding="utf-8")


def nato_gold() -> dict[str, Any]:
    """The gold attributions of the NATO article: ``quotes`` (offsets into
    [nato][quoteattr.examples.nato]'s text, speech or not, speaker) and ``indirect``; the
    fields are described in the data folder's ``examples/README.md``."""
    return json.loads(_find(f"{NATO}.gold.json").read_text(encoding="utf-8"))
