"""Attribution in several processes: each worker builds its attributor (and loads the models)
once, batches go out in order, and each worker holds one batch at a time, so memory stays flat
however long the input stream is.

This module knows nothing of `quoteattr.pipeline`: the caller passes a picklable factory
(the Attributor class) and its keyword arguments, and workers use only the factory's public
``pipe()``. There is no pool that respawns workers: the parent watches each worker's process
sentinel next to its pipe, so a worker that dies (killed, out of memory) or cannot start (a
script without ``if __name__ == "__main__":``) raises [WorkerError][quoteattr.errors.WorkerError] at
once instead of blocking or respawning forever.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait
from typing import Any

from quoteattr.errors import WorkerError
from quoteattr.types import Document

__all__ = ["pipe_processes"]

_MAIN_GUARD_HINT = (
    "worker processes are started with 'spawn' and import your main module again; in a "
    "script, put the code that calls pipe(n_process=...) under "
    "'if __name__ == \"__main__\":' (or use n_process=1)"
)

#: Seconds to wait for a worker to exit when the stream ends or is abandoned.
_JOIN_SECONDS = 10


def _worker(factory: Callable[..., Any], config: dict[str, Any], conn: Any) -> None:
    """A worker's loop: build the attributor, then answer each (index, batch) with
    ("done", index, documents) until told to stop (None)."""
    try:
        attributor = factory(**config)
    except BaseException as exc:  # report why it could not start, then exit
        _send_error(conn, "start", None, exc)
        return
    conn.send(("ready", None, None))
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:
            return
        index, batch = task
        try:
            docs = list(attributor.pipe(batch, batch_size=max(1, len(batch))))
        except Exception as exc:
            _send_error(conn, "error", index, exc)
            continue
        conn.send(("done", index, docs))


def _send_error(conn: Any, what: str, index: int | None, exc: BaseException) -> None:
    try:
        conn.send((what, index, exc))
    except Exception:  # the exception does not pickle: send its text
        conn.send((what, index, RuntimeError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, ctx: Any, factory: Callable[..., Any], config: dict[str, Any]) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker, args=(factory, config, child), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: tuple[int, list[tuple[str, str]]] | None = None


def pipe_processes(factory: Callable[..., Any], config: dict[str, Any],
                   batches: Iterator[list[tuple[str, str]]], n_process: int
                   ) -> Iterator[Document]:
    """Yield the Documents of ``batches`` (lists of ``(id, text)``) in input order, computed by
    ``n_process`` workers that each run ``factory(**config).pipe(batch)``.

    Raises:
        WorkerError: a worker died or could not start; ``not_processed`` lists the ids of the
            documents in flight (every document before them has been yielded).
        whatever reading ``batches`` raised (e.g. InvalidItemError), once every batch read
        before it has been yielded; or what a worker's ``pipe()`` raised on a batch.
    """
    if getattr(mp.current_process(), "_inheriting", False):
        # a spawned process still bootstrapping, i.e. a worker importing the caller's main
        # module: say so at once instead of multiprocessing's generic RuntimeError
        raise WorkerError(_MAIN_GUARD_HINT)
    config = dict(config)
    if config.get("threads") is None:
        # n workers x torch's default threads would oversubscribe the cores
        config["threads"] = max(1, (os.cpu_count() or 1) // n_process)
    return _stream(factory, config, batches, n_process)


def _stream(factory: Callable[..., Any], config: dict[str, Any],
            batches: Iterator[list[tuple[str, str]]], n_process: int) -> Iterator[Document]:
    try:
        first = next(batches)
    except StopIteration:  # nothing to do: start no worker
        return
    feeder = _Feeder(itertools.chain([first], batches))
    ctx = mp.get_context("spawn")
    workers = [_Worker(ctx, factory, config) for _ in range(n_process)]
    done: dict[int, list[Document] | BaseException] = {}
    next_yield = 0  # the next batch to yield
    try:
        while True:
            feeder.feed(workers)
            while next_yield in done:
                result = done.pop(next_yield)
                if isinstance(result, BaseException):
                    raise result  # the batch raised in its worker: after all before it
                feeder.sent.pop(next_yield)
                yield from result
                next_yield += 1
            if next_yield == feeder.next_index and feeder.finished:
                break
            busy = [w for w in workers if w.task is not None or not w.ready]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            _receive(busy, ready, feeder.sent, done)
        if feeder.read_error is not None:
            raise feeder.read_error
    finally:
        _stop(workers)


class _Feeder:
    """The batches still to read, and those sent out (by index, until yielded)."""

    def __init__(self, batches: Iterator[list[tuple[str, str]]]) -> None:
        self.batches = batches
        self.sent: dict[int, list[tuple[str, str]]] = {}
        self.next_index = 0  # the next batch to read
        self.exhausted = False
        self.read_error: BaseException | None = None

    @property
    def finished(self) -> bool:
        """No batch is left to send: the input ended or raised."""
        return self.exhausted or self.read_error is not None

    def feed(self, workers: list[_Worker]) -> None:
        """Give each idle worker one batch (one each: a pipe never fills up both ways)."""
        for w in workers:
            if w.task is None and not self.finished:
                try:
                    batch = next(self.batches)
                except StopIteration:
                    self.exhausted = True
                    break
                except Exception as exc:  # a bad item: finish what was read, then raise
                    self.read_error = exc
                    break
                w.task = (self.next_index, batch)
                self.sent[self.next_index] = batch
                self.next_index += 1
                try:
                    w.conn.send(w.task)
                except OSError:  # the worker is gone (a broken pipe)
                    pass  # its sentinel is ready: the wait below reports it


def _receive(busy: list[_Worker], ready: list[Any], sent: dict[int, list[tuple[str, str]]],
             done: dict[int, list[Document] | BaseException]) -> None:
    """Read what the ``ready`` workers sent: a result into ``done``, or raise for a worker
    that died or could not start."""
    for w in busy:
        if w.conn in ready:
            try:
                what, index, payload = w.conn.recv()
            except (EOFError, OSError):  # the worker is gone
                what = "dead"
            if what == "dead":
                _dead(w, sent)
            if what == "ready":
                w.ready = True
            elif what == "start":
                raise WorkerError(f"a worker could not build its attributor: {payload}",
                                  _pending(sent)) from payload
            else:  # "done", or "error": the batch raised in the worker
                done[index] = payload
                w.task = None
        elif w.process.sentinel in ready:
            _dead(w, sent)


def _pending(sent: dict[int, list[tuple[str, str]]]) -> tuple[str, ...]:
    return tuple(ident for index in sorted(sent) for ident, _ in sent[index])


def _dead(w: _Worker, sent: dict[int, list[tuple[str, str]]]) -> None:
    """Raise the WorkerError for a worker whose process ended."""
    w.process.join(_JOIN_SECONDS)
    code = w.process.exitcode
    pending = _pending(sent)
    if not w.ready:
        raise WorkerError(f"a worker process exited while starting (exit code {code}): "
                          + _MAIN_GUARD_HINT, pending, code)
    how = f"was killed by signal {-code}" if code is not None and code < 0 else \
        f"exited with code {code}"
    shown = ", ".join(repr(i) for i in pending[:10]) + (" ..." if len(pending) > 10 else "")
    raise WorkerError(f"a worker process {how} (out of memory?); {len(pending)} documents were "
                      f"not processed: {shown} (see .not_processed)", pending, code)


def _stop(workers: list[_Worker]) -> None:
    """Ask each worker to stop, then make sure it has (an abandoned stream ends here too)."""
    for w in workers:
        if w.process.is_alive() and w.task is None:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
    for w in workers:
        if w.task is not None:
            w.process.terminate()  # busy on a batch nobody will read
        w.process.join(_JOIN_SECONDS)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.conn.close()
