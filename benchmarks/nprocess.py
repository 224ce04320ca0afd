"""Wall-clock speed-up of ``Attributor.pipe(n_process=k)`` on real news text.

    PYTHONPATH=. python benchmarks/nprocess.py [--shared DIR] [--copies 2] [--processes 1,2]
        [--rounds 2] [--batch-size 8]

The GUM news articles, repeated ``--copies`` times (so each worker has enough to do), are
streamed through ``pipe`` once per ``n_process`` value and round, alternating (1, 2, 1, 2, …),
in this process (workers are the library's own). Each run's wall seconds include starting
the workers and loading their models; the time to the first document is printed apart, so
the steady rate (the words after the first document, over the time after it) shows what
the workers give once running.
The machine's load average is printed before each run: the speed-up only means something
when the cores are free.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks import datasets as ds


def _run(att, texts: list[str], counts: list[int], processes: int, batch_size: int) -> dict:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    first = 0.0
    n = 0
    for _doc in att.pipe(texts, batch_size=batch_size, n_process=processes):
        if n == 0:
            first = time.perf_counter() - start
        n += 1
    seconds = time.perf_counter() - start
    assert n == len(texts)
    words = sum(counts)
    # after the first document: the workers are up and their models loaded
    steady = (words - counts[0]) / (seconds - first) if seconds > first else 0.0
    return {"processes": processes, "seconds": seconds, "first": first,
            "words_per_s": words / seconds, "steady_words_per_s": steady, "load": load}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=8)
    args = ap.parse_args(argv)
    import quoteattr

    docs = ds.load("gum-news", ds.shared_dir(args.shared))
    texts = [d.text for d in docs] * args.copies
    counts = [d.n_words for d in docs] * args.copies
    words = sum(counts)
    att = quoteattr.Attributor(models="bundled", threads=1)
    att("Warm-up: “the models load here,” he said.")
    ks = [int(k) for k in args.processes.split(",")]
    print(f"{len(texts)} documents, {words:,} words; cores {os.cpu_count()}", flush=True)
    runs: dict[int, list[dict]] = {k: [] for k in ks}
    for r in range(args.rounds):
        for k in ks:
            row = _run(att, texts, counts, k, args.batch_size)
            runs[k].append(row)
            print(f"round {r + 1}, n_process={k}: {row['seconds']:.1f} s "
                  f"({row['words_per_s']:,.0f} words/s; first document after "
                  f"{row['first']:.1f} s, then {row['steady_words_per_s']:,.0f} words/s; "
                  f"load average before {row['load']:.2f})", flush=True)
    base = statistics.median(x["seconds"] for x in runs[ks[0]])
    base_steady = statistics.median(x["steady_words_per_s"] for x in runs[ks[0]])
    for k in ks:
        med = statistics.median(x["seconds"] for x in runs[k])
        steady = statistics.median(x["steady_words_per_s"] for x in runs[k])
        print(f"n_process={k}: median {med:.1f} s, speed-up {base / med:.2f}x over "
              f"n_process={ks[0]} ({steady / base_steady:.2f}x after the first document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
