"""Running one system in a child process of its own (spawned, so the parent's imports and
memory do not leak into the child's timings and peak RSS)."""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
from pathlib import Path
from typing import Any

from benchmarks import datasets as ds
from benchmarks.systems import make_system


def _worker(system_name: str, dataset_names: list[str], shared: str, curve: list[int],
            conn: Any) -> None:
    """Child process: load one system, predict every dataset, time the curve."""
    try:
        system = make_system(system_name)
        why = system.unavailable()
        if why:
            conn.send({"system": system_name, "skipped": why})
            return
        t0 = time.perf_counter()
        system.load()
        load_s = time.perf_counter() - t0
        out: dict[str, Any] = {"system": system_name, "description": system.description,
                               "load_seconds": round(load_s, 2), "datasets": {}, "curve": []}
        for name in dataset_names:
            try:
                docs = ds.load(name, Path(shared))
            except ds.DataMissing:
                continue
            preds, secs = system.predict([d.text for d in docs])
            out["datasets"][name] = {"predictions": preds, "seconds": secs,
                                     "words": sum(d.n_words for d in docs)}
        if curve:
            text = _curve_text(Path(shared), max(curve))
            words = text.split(" ")
            for n in curve:
                piece = " ".join(words[:n])
                _, secs = system.predict([piece])
                out["curve"].append({"words": n, "seconds": round(sum(secs.values()), 3)})
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        if getattr(system, "errors", 0):
            out["bailouts"] = system.errors
        conn.send(out)
    except Exception as exc:  # report, don't hang the parent
        import traceback

        conn.send({"system": system_name, "failed": f"{exc!r}\n{traceback.format_exc()}"})
    finally:
        conn.close()


def _curve_text(shared: Path, n_words: int) -> str:
    """A long news-like text of at least ``n_words`` words (GUM news, else the NATO article)."""
    texts: list[str] = []
    try:
        from benchmarks.gum_text import SPLITS, gum_documents, gum_text

        gum = shared / "datasets" / "ud-english" / "gum"
        texts = [gum_text(d) for _, d in gum_documents(gum, frozenset({"news", "interview"}),
                                                       SPLITS)]
    except FileNotFoundError:
        pass
    if not texts:
        texts = [d.text for d in ds.load("nato", shared)]
    out: list[str] = []
    count = 0
    while count < n_words:
        for t in texts:
            out.append(t)
            count += len(t.split())
            if count >= n_words:
                break
    return "\n\n".join(out)


def run_system(name: str, dataset_names: list[str], shared: Path, curve: list[int]) -> dict:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(name, dataset_names, str(shared), curve, child))
    proc.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:
        result = {"system": name, "failed": f"the child process died (exit code {proc.exitcode})"}
    proc.join()
    return result


