"""Attribution in several processes: each worker builds its Attributor (and loads the models)
once, batches go out in order, and at most ``2 * n_process`` batches are in flight, so memory
stays flat however long the input stream is.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing as mp
from collections.abc import Iterator
from typing import Any

from quoteattr.types import Document

__all__ = ["pipe_processes"]

# The worker's Attributor. A module global is the multiprocessing idiom for per-process state
# set by a Pool initializer; it is only ever set inside worker processes.
_WORKER: Any = None


def _init(config: dict[str, Any]) -> None:
    global _WORKER
    from quoteattr.pipeline import Attributor

    _WORKER = Attributor(**config)


def _run(batch: list[tuple[str | None, str]]) -> list[Document]:
    return list(_WORKER._run(batch))


def pipe_processes(attributor: Any, items: Iterator[tuple[str | None, str]], batch_size: int,
                   n_process: int) -> Iterator[Document]:
    """Yield Documents for ``items`` in input order, computed by ``n_process`` workers."""
    import os

    config = attributor.config()
    if config.get("threads") is None:
        # n workers x torch's default threads would oversubscribe the cores
        config["threads"] = max(1, (os.cpu_count() or 1) // n_process)
    ctx = mp.get_context("spawn")
    with ctx.Pool(n_process, initializer=_init, initargs=(config,)) as pool:
        pending: collections.deque = collections.deque()
        batches = iter(lambda: list(itertools.islice(items, batch_size)), [])
        for batch in batches:
            pending.append(pool.apply_async(_run, (batch,)))
            while len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
