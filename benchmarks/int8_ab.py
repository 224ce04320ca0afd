"""CPU seconds per Stanza processor on GUM news, float32 against int8 LSTMs, in one process.

    PYTHONPATH=. python benchmarks/int8_ab.py [--shared DIR] [--processors pos,depparse,ner]
        [--rounds 3]

Two pipelines on the bundled models are built, one left float32 and one given
`quantize_pipeline`; the texts are tokenized and tagged once, then each processor runs on
them with each pipeline in turn, ``--rounds`` times, and the medians are printed. Running both
in one process, alternating, keeps a shared machine's load out of the ratio as far as it can
be. pos is not quantized, so its ratio is the control (1.00 expected).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks import datasets as ds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--processors", default="pos,depparse,ner")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    os.environ["QUOTEATTR_LSTM_INT8"] = "0"  # both built float32; one is quantized below
    import stanza
    import torch

    from quoteattr.stanza_pipeline import StanzaParser, quantize_pipeline

    pipes = {"float32": StanzaParser("bundled", threads=1).pipeline,
             "int8": StanzaParser("bundled", threads=1).pipeline}
    os.environ["QUOTEATTR_LSTM_INT8"] = "1"
    quantize_pipeline(pipes["int8"])
    torch.set_num_threads(1)
    docs = [stanza.Document([], text=d.text)
            for d in ds.load("gum-news", ds.shared_dir(args.shared))]
    pipes["float32"](docs, processors="tokenize")
    pipes["float32"](docs, processors="pos,lemma")
    times: dict[tuple[str, str], list[float]] = {}
    for proc in args.processors.split(","):
        for _ in range(args.rounds):
            for name, pipe in pipes.items():
                c0 = time.process_time()
                pipe(docs, processors=proc)
                times.setdefault((proc, name), []).append(time.process_time() - c0)
        f = statistics.median(times[(proc, "float32")])
        q = statistics.median(times[(proc, "int8")])
        print(f"{proc}: float32 {f:.2f} s, int8 {q:.2f} s, ratio {f / q:.2f} "
              f"(rounds: {', '.join(f'{t:.2f}' for t in times[(proc, 'float32')])} / "
              f"{', '.join(f'{t:.2f}' for t in times[(proc, 'int8')])})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
