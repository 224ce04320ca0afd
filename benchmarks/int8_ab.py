"""CPU seconds per Stanza processor on GUM news, with and without one CPU speed-up, in one process.

    PYTHONPATH=. python benchmarks/int8_ab.py [--shared DIR] [--processors pos,depparse,ner]
        [--rounds 3] [--compare int8|bf16|ner-gate]

Two pipelines on the bundled models are built, with neither speed-up; then ``--compare int8``
(the default) gives one of them `quantize_pipeline` (float32 against int8 LSTMs), and
``--compare bf16`` gives both `quantize_pipeline` and one of them `autocast_pipeline` (int8
against int8 + bfloat16 autocast; needs a CPU with native bf16), and ``--compare ner-gate``
gives both the default speed-ups and one of them `ner_where_names` (NER on every sentence
against NER only where a sentence may name someone; the NER tags of the two are compared
too). The texts are tokenized and
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
    ap.add_argument("--compare", choices=("int8", "bf16", "ner-gate"), default="int8")
    args = ap.parse_args(argv)
    # both built with neither speed-up; the compared one is applied below
    os.environ["QUOTEATTR_LSTM_INT8"] = "0"
    os.environ["QUOTEATTR_BF16"] = "0"
    os.environ["QUOTEATTR_NER_ALL"] = "1"
    import stanza
    import torch

    from quoteattr.stanza_pipeline import (StanzaParser, autocast_pipeline, cpu_has_bf16,
                                           ner_where_names, quantize_pipeline)

    base, fast = {"int8": ("float32", "int8"), "bf16": ("int8", "int8+bf16"),
                  "ner-gate": ("ner-all", "ner-gated")}[args.compare]
    pipes = {base: StanzaParser("bundled", threads=1).pipeline,
             fast: StanzaParser("bundled", threads=1).pipeline}
    os.environ["QUOTEATTR_LSTM_INT8"] = "1"
    os.environ["QUOTEATTR_BF16"] = "1"
    os.environ["QUOTEATTR_NER_ALL"] = "0"
    if args.compare == "int8":
        quantize_pipeline(pipes[fast])
    elif args.compare == "ner-gate":
        for pipe in pipes.values():
            quantize_pipeline(pipe)
            autocast_pipeline(pipe)
        ner_where_names(pipes[fast])
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
    if args.compare == "ner-gate":
        tags = {}
        for name, pipe in pipes.items():
            pipe(docs, processors="ner")
            tags[name] = [(t.text, t.ner) for d in docs for sent in d.sentences
                          for t in sent.tokens]
        changed = [(a, b[1]) for a, b in zip(tags[base], tags[fast]) if a != b]
        print(f"NER tags changed: {len(changed)} of {len(tags[base])} tokens "
              f"({', '.join(f'{w} {x}->{y}' for (w, x), y in changed[:12])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
