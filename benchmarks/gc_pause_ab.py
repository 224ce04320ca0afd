"""CPU seconds of whole passes over GUM news with and without the garbage-collector pause
(`quoteattr.stanza_pipeline.collection_paused`), alternating in one process.

    PYTHONPATH=. python benchmarks/gc_pause_ab.py [--shared DIR] [--rounds 5]

The pause is read at each batch (``QUOTEATTR_GC_PAUSE``), so one Attributor serves both; a
first pass warms the models' memories, then each round runs both ways (the order flipped
every other round) and the medians are printed.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks import datasets as ds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    import quoteattr

    texts = [d.text for d in ds.load("gum-news", ds.shared_dir(args.shared))]
    att = quoteattr.Attributor(models="bundled", threads=1)
    for _ in att.pipe(texts, batch_size=8):
        pass
    times: dict[str, list[float]] = {"0": [], "1": []}
    for r in range(args.rounds):
        for mode in ("0", "1") if r % 2 == 0 else ("1", "0"):
            os.environ["QUOTEATTR_GC_PAUSE"] = mode
            gc.collect()
            c0 = time.process_time()
            for _ in att.pipe(texts, batch_size=8):
                pass
            times[mode].append(time.process_time() - c0)
    for mode, label in (("0", "collector on"), ("1", "paused")):
        print(f"{label}: median {statistics.median(times[mode]):.2f} CPU s "
              f"({', '.join(f'{t:.2f}' for t in times[mode])})")
    print(f"ratio {statistics.median(times['0']) / statistics.median(times['1']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
