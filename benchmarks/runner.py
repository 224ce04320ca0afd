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


#: Folder names tools/cache_parses.py has used for a dataset, tried after the dataset's own
#: name (it wrote the original-text LitBank as "litbank-original" and the tokenized one as
#: "litbank" before the benchmark's ``litbank`` became the original text).
PARSE_FOLDERS = {"litbank": ("litbank", "litbank-original"),
                 "litbank-tokenized": ("litbank-tokenized", "litbank")}


def parse_files(parses: Path, dataset: str, docs: list[ds.GoldDocument]) -> list[Path]:
    """The cached parse of each document, ``PARSES/<folder>/<doc id>.parse.json.gz``, from the
    first folder of :data:`PARSE_FOLDERS` (default: the dataset's name) whose parses are of
    these texts. Raises FileNotFoundError naming what is missing."""
    from quoteattr.cache import load_parse

    tried = []
    for folder in PARSE_FOLDERS.get(dataset, (dataset,)):
        files = [parses / folder / f"{d.id}.parse.json.gz" for d in docs]
        missing = [f for f in files if not f.exists()]
        if missing:
            tried.append(f"{parses / folder}: {len(missing)} of {len(files)} parses missing "
                         f"(first {missing[0].name})")
            continue
        if docs and load_parse(files[0]).text != docs[0].text:
            tried.append(f"{parses / folder}: parses of another text")
            continue
        return files
    raise FileNotFoundError(f"no cached parses for dataset {dataset!r}: " + "; ".join(tried)
                            + ". Make them with tools/cache_parses.py.")


def _worker(system_name: str, dataset_names: list[str], shared: str, curve: list[int],
            conn: Any, parses: str | None = None) -> None:
    """Child process: load one system, predict every dataset (from cached parses when
    ``parses`` is a folder and the system can), time the curve. Besides the wall-clock
    seconds each system reports by phase, the process's CPU seconds (all its threads) are
    recorded: on a machine shared with other work they move far less than wall time."""
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
            c0 = time.process_time()
            if parses and hasattr(system, "predict_parsed"):
                files = parse_files(Path(parses), name, docs)
                preds, secs = system.predict_parsed([d.text for d in docs], files)
            else:
                preds, secs = system.predict([d.text for d in docs])
            out["datasets"][name] = {"predictions": preds, "seconds": secs,
                                     "cpu_seconds": time.process_time() - c0,
                                     "words": sum(d.n_words for d in docs)}
        if curve:
            text = _curve_text(Path(shared), max(curve))
            words = text.split(" ")
            for n in curve:
                piece = " ".join(words[:n])
                c0 = time.process_time()
                _, secs = system.predict([piece])
                out["curve"].append({"words": n, "seconds": round(sum(secs.values()), 3),
                                     "cpu_seconds": round(time.process_time() - c0, 3)})
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


def run_system(name: str, dataset_names: list[str], shared: Path, curve: list[int],
               parses: Path | None = None) -> dict:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(name, dataset_names, str(shared), curve, child,
                                             str(parses) if parses else None))
    proc.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:
        result = {"system": name, "failed": f"the child process died (exit code {proc.exitcode})"}
    proc.join()
    return result


