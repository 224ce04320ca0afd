"""The parser's label scoring, before and after: one process, the same tagged documents,
alternating rounds of the dependency parser with two versions of `predict_trees`.

    git archive <commit> | tar -x -C /tmp/before
    PYTHONPATH=. python benchmarks/label_ab.py --before /tmp/before [--dataset gum-news]

Prints the parser's CPU seconds per round for each version and how many words got another
head or label (the rule tokenizer splits the text; pos and lemma run once).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import datasets as ds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--before", type=Path, required=True,
                    help="a checkout whose quoteattr/stanza_pipeline.py is the 'before'")
    ap.add_argument("--dataset", default="gum-news")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--shared", type=Path, default=None)
    args = ap.parse_args(argv)
    import stanza
    import torch

    import quoteattr
    from quoteattr import rule_tokenizer
    from quoteattr import stanza_pipeline as sp

    torch.set_num_threads(1)
    spec = importlib.util.spec_from_file_location(
        "before_stanza_pipeline", args.before / "quoteattr" / "stanza_pipeline.py")
    assert spec is not None and spec.loader is not None
    before = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(before)
    versions = {"before": before.predict_trees, "after": sp.predict_trees}
    nlp = quoteattr.Attributor(models="bundled", threads=1).parser.pipeline
    texts = [d.text for d in ds.load(args.dataset, ds.shared_dir(args.shared))]
    docs = [stanza.Document(rule_tokenizer.tokenize(t), text=t) for t in texts]
    nlp(docs, processors="pos,lemma")

    def run(fn: Any) -> tuple[float, list[tuple[Any, Any]]]:
        sp.predict_trees = fn  # the parser's predict looks it up at each call
        start = time.process_time()
        nlp(docs, processors="depparse")
        seconds = time.process_time() - start
        return seconds, [(w.head, w.deprel) for d in docs for s in d.sentences for w in s.words]

    times: dict[str, list[float]] = {name: [] for name in versions}
    arcs: dict[str, list[tuple[Any, Any]]] = {}
    for _ in range(args.rounds):
        for name, fn in versions.items():
            seconds, arcs[name] = run(fn)
            times[name].append(round(seconds, 2))
    differ = sum(a != b for a, b in zip(arcs["before"], arcs["after"]))
    print(f"{args.dataset}: depparse CPU s {times}; {len(arcs['after'])} words, {differ} with "
          "another head or label")
    return 0


if __name__ == "__main__":
    sys.exit(main())
