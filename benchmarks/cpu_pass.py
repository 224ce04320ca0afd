"""One timed pass over GUM news, end to end (spans, parse, attribution), in CPU and wall seconds.

    PYTHONPATH=. python benchmarks/cpu_pass.py quoteattr|textacy [--shared DIR]
        [--tokenizer stanza|rules]

For before/after comparisons on a shared machine: run it alternately against two checkouts, a
few times each (``git archive <commit> | tar -x -C /tmp/before``, then the same command with
``PYTHONPATH=/tmp/before``: quoteattr and the dataset loaders come from there, this script
from here), and compare the CPU seconds. The models are loaded before the clock starts, and
torch runs one thread.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks import datasets as ds
from quoteattr.stanza_pipeline import TOKENIZERS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("system", choices=("quoteattr", "textacy"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--tokenizer", choices=TOKENIZERS, default=None,
                    help="quoteattr's tokenizer (default: the Attributor's)")
    args = ap.parse_args(argv)
    docs = ds.load("gum-news", ds.shared_dir(args.shared))
    texts = [d.text for d in docs]
    words = sum(d.n_words for d in docs)
    if args.system == "textacy":
        from benchmarks.systems import TextacySystem

        system = TextacySystem(per_paragraph=False)
        system.load()
        c0, t0 = time.process_time(), time.perf_counter()
        system.predict(texts)
    else:
        import quoteattr

        options = {} if args.tokenizer is None else {"tokenizer": args.tokenizer}
        att = quoteattr.Attributor(models="bundled", threads=1, **options)
        _ = att.parser.pipeline
        c0, t0 = time.process_time(), time.perf_counter()
        for _doc in att.pipe(texts, batch_size=8):
            pass
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    name = args.system if args.tokenizer is None else f"{args.system} ({args.tokenizer})"
    print(f"{name}: {words} words, CPU {cpu:.2f} s ({words / cpu:.0f} words/CPU s), "
          f"wall {wall:.2f} s ({words / wall:.0f} words/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
