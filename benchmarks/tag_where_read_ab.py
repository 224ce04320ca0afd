"""CPU seconds of parsing with and without tagging only the sentences attribution reads.

    PYTHONPATH=. python benchmarks/tag_where_read_ab.py [--datasets gum-news,litbank]
        [--rounds 4] [--shared DIR]

One Attributor on the bundled models (one torch thread) parses each dataset's texts in
batches of eight (spans found, then `Attributor.parse_spans`), alternating
``QUOTEATTR_TAG_ALL=1`` (tag every sentence of the selected paragraphs, then keep) and the
default (`_tag_where_read`), ``--rounds`` times each; it prints the CPU seconds of each round,
and how the two parses differ: kept sentences, words (tag, lemma, head, label) and entities.
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
    ap.add_argument("--datasets", default="gum-news,litbank")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--shared", type=Path, default=None)
    args = ap.parse_args(argv)
    import quoteattr
    from quoteattr.spans import find_quote_spans

    att = quoteattr.Attributor(models="bundled", threads=1)
    _ = att.parser.pipeline

    def run(texts: list[str], tag_all: str) -> tuple[list, float]:
        os.environ["QUOTEATTR_TAG_ALL"] = tag_all
        out = []
        c0 = time.process_time()
        for k in range(0, len(texts), 8):
            batch = texts[k:k + 8]
            out += att.parse_spans(batch, [find_quote_spans(t, att.paragraphs) for t in batch])
        return out, time.process_time() - c0

    for name in args.datasets.split(","):
        texts = [d.text for d in ds.load(name, ds.shared_dir(args.shared))]
        times: dict[str, list[float]] = {"1": [], "0": []}
        parses: dict[str, list] = {}
        for r in range(args.rounds):
            for mode in (("1", "0") if r % 2 == 0 else ("0", "1")):
                docs, spent = run(texts, mode)
                times[mode].append(spent)
                parses[mode] = docs
        every, read = parses["1"], parses["0"]

        def words(d):
            return [(w.text, w.upos, w.lemma, w.head, w.deprel) for w in d.words]

        other_sentences = sum([(s.start, s.stop) for s in a.sentences] !=
                              [(s.start, s.stop) for s in b.sentences] for a, b in zip(every, read))
        other_words = sum(words(a) != words(b) for a, b in zip(every, read))
        other_entities = sum([(e.text, e.type, e.start) for e in a.entities] !=
                             [(e.text, e.type, e.start) for e in b.entities]
                             for a, b in zip(every, read))
        print(f"{name}: tag every sentence {statistics.median(times['1']):.2f} CPU s "
              f"({', '.join(f'{t:.2f}' for t in times['1'])}), tag where read "
              f"{statistics.median(times['0']):.2f} ({', '.join(f'{t:.2f}' for t in times['0'])}); "
              f"sentences kept {sum(len(d.sentences) for d in every)} / "
              f"{sum(len(d.sentences) for d in read)}; documents with other sentences "
              f"{other_sentences}, other words {other_words}, other entities {other_entities} "
              f"of {len(every)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
