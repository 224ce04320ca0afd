"""CPU seconds per Stanza processor on GUM news, with and without one CPU speed-up, in one process.

    PYTHONPATH=. python benchmarks/int8_ab.py [--shared DIR] [--processors pos,depparse,ner]
        [--rounds 3] [--compare int8|bf16]

Two pipelines on the bundled models are built, with neither speed-up; then ``--compare int8``
(the default) gives one of them `quantize_pipeline` (float32 against int8 LSTMs), and
``--compare bf16`` gives both `quantize_pipeline` and one of them `autocast_pipeline` (int8
against int8 + bfloat16 autocast; needs a CPU with native bf16). The texts are tokenized and
tagged once, then each processor runs on them with each pipeline in turn, ``--rounds`` times,
and the medians are printed. Running both in one process, alternating, keeps a shared
machine's load out of the ratio as far as it can be. A processor the speed-up leaves alone
(pos) is the control: its ratio should be 1.00.
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
    ap.add_argument("--compare", choices=("int8", "bf16"), default="int8")
    args = ap.parse_args(argv)
    # both built with neither speed-up; the compared one is applied below
    os.environ["QUOTEATTR_LSTM_INT8"] = "0"
    os.environ["QUOTEATTR_BF16"] = "0"
    import stanza
    import torch

    from quoteattr.stanza_pipeline import (StanzaParser, autocast_pipeline, cpu_has_bf16,
                                           quantize_pipeline)

    base, fast = ("float32", "int8") if args.compare == "int8" else ("int8", "int8+bf16")
    pipes = {base: StanzaParser("bundled", threads=1).pipeline,
             fast: StanzaParser("bundled", threads=1).pipeline}
    os.environ["QUOTEATTR_LSTM_INT8"] = "1"
    os.environ["QUOTEATTR_BF16"] = "1"
    if args.compare == "int8":
        quantize_pipeline(pipes[fast])
    else:
        if not cpu_has_bf16():
            print("this CPU has no native bfloat16: nothing to compare", file=sys.stderr)
            return 2
        for pipe in pipes.values():
            quantize_pipeline(pipe)
        autocast_pipeline(pipes[fast])
    torch.set_num_threads(1)
    docs = [stanza.Document([], text=d.text)
            for d in ds.load("gum-news", ds.shared_dir(args.shared))]
    pipes[base](docs, processors="tokenize")
    pipes[base](docs, processors="pos,lemma")
    times: dict[tuple[str, str], list[float]] = {}
    for proc in args.processors.split(","):
        for _ in range(args.rounds):
            for name, pipe in pipes.items():
                c0 = time.process_time()
                pipe(docs, processors=proc)
                times.setdefault((proc, name), []).append(time.process_time() - c0)
        f = statistics.median(times[(proc, base)])
        q = statistics.median(times[(proc, fast)])
        print(f"{proc}: {base} {f:.2f} s, {fast} {q:.2f} s, ratio {f / q:.2f} "
              f"(rounds: {', '.join(f'{t:.2f}' for t in times[(proc, base)])} / "
              f"{', '.join(f'{t:.2f}' for t in times[(proc, fast)])})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
