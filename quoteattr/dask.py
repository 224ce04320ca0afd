"""Quote attribution on a Dask cluster: ``attribute_bag(bag)`` maps a ``dask.bag.Bag`` of texts
(or ``(id, text)`` pairs) to a bag of result dicts.

Why Dask: it is pure Python from PyPI, runs the same code on a laptop (``LocalCluster``) and a
cluster, and its bags are the natural shape of a document corpus. Ray would also work but
brings its own object store and a much larger install for no gain here.

Models load once per worker process: each worker keeps one Attributor per configuration in a
cache, so partitions after the first reuse it.

>>> import dask.bag as db                                         # doctest: +SKIP
>>> from quoteattr.dask import attribute_bag                      # doctest: +SKIP
>>> bag = db.from_sequence(texts, npartitions=8)                  # doctest: +SKIP
>>> rows = attribute_bag(bag, models="bundled").compute()          # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

__all__ = ["attribute_bag", "worker_attributor"]


@functools.lru_cache(maxsize=4)
def worker_attributor(config_json: str) -> Any:
    """The Attributor of this process for a configuration (built, and models loaded, once)."""
    from quoteattr.pipeline import Attributor

    return Attributor(**json.loads(config_json))


def _partition(items: Iterable[Any], config_json: str, batch_size: int,
               as_dicts: bool) -> list[Any]:
    from quoteattr.export import document_record

    att = worker_attributor(config_json)
    pairs = [(str(item[0]), item[1]) if isinstance(item, (tuple, list)) and len(item) == 2
             else item for item in items]
    out = []
    for doc in att.pipe(pairs, batch_size=batch_size):
        out.append(document_record(doc) if as_dicts else doc)
    return out


def attribute_bag(bag: Any, *, models: str = "bundled", batch_size: int = 16,
                  threads: int | None = 1, selective: bool = True, paragraphs: str = "auto",
                  as_dicts: bool = True, tokenizer: str = "rules") -> Any:
    """Map a bag of texts or ``(id, text)`` pairs to a bag of results.

    Args:
        bag: a ``dask.bag.Bag``.
        models: what [Attributor][quoteattr.Attributor] accepts as ``models`` (a string or
            path).
        batch_size: texts per Stanza batch inside a partition.
        threads: torch threads per worker (1 suits one-thread workers; None leaves torch's
            default).
        selective: as for [Attributor][quoteattr.Attributor].
        paragraphs: as for [Attributor][quoteattr.Attributor].
        tokenizer: as for [Attributor][quoteattr.Attributor].
        as_dicts: results as JSON Lines records
            ([document_record][quoteattr.export.document_record]: ``id``, ``name``,
            ``models``, ``version``, ``quotes``, ``diagnostics``; JSON-safe, cheap to move
            between processes) or as [Document][quoteattr.Document] objects.

    Returns:
        a bag with one result per input, in the input's order. A bare text's id is its
        position within its partition; give ``(id, text)`` pairs for ids of your own.
    """
    config = json.dumps({"models": str(models), "threads": threads, "selective": selective,
                         "paragraphs": paragraphs, "tokenizer": tokenizer}, sort_keys=True)
    return bag.map_partitions(_partition, config, batch_size, as_dicts)
