"""Parse the development texts once and keep the parses, so rule work re-attributes in seconds.

    python tools/cache_parses.py --out /work/parses [--datasets nato,gum-news,litbank]
        [--selective sentences|paragraphs|all] [--models bundled|DIR] [--tokenizer stanza]

(default: every benchmark dataset: nato, gum-news, litbank, litbank-tokenized, team-news).
Writes ``OUT/<dataset>/<doc id>.parse.json.gz`` (quoteattr.cache format) with the bundled models
and the Attributor's default selection (the paragraphs, then the sentences, attribution
reads; ``--selective paragraphs`` or ``all`` parses more, to measure what selection costs;
``--models DIR`` parses with a candidate model set, to score attribution on its parses).
A parse already on disk is kept. The parses depend on the span finder (it picks what to
parse): re-run with ``--force`` after a change to quoteattr/spans.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as ds  # noqa: E402
import quoteattr  # noqa: E402
from quoteattr import cache  # noqa: E402
from quoteattr.stanza_pipeline import TOKENIZERS  # noqa: E402


def texts(name: str, shared: Path) -> list[tuple[str, str]]:
    """(doc id, text) of a benchmark dataset (``litbank`` is the original Gutenberg text,
    ``litbank-tokenized`` the detokenized one)."""
    return [(d.id, d.text) for d in ds.load(name, shared)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--datasets", default="nato,gum-news,litbank,litbank-tokenized,team-news")
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--selective", choices=("sentences", "paragraphs", "all"),
                    default="sentences",
                    help="what is parsed: the Attributor's default (sentences), the selected "
                    "paragraphs whole, or every paragraph (to measure what selection costs)")
    ap.add_argument("--tokenizer", choices=TOKENIZERS, default="rules",
                    help="quoteattr's rule tokenizer (the Attributor's default) or Stanza's")
    ap.add_argument("--models", default="bundled",
                    help="the model set to parse with: bundled, or a model set's directory")
    args = ap.parse_args(argv)
    shared = ds.shared_dir(args.shared)
    selective: bool | str = {"sentences": True, "paragraphs": "paragraphs",
                             "all": False}[args.selective]
    att = quoteattr.Attributor(models=args.models, threads=args.threads, selective=selective,
                               tokenizer=args.tokenizer)
    for name in [n for n in args.datasets.split(",") if n]:
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        for doc_id, text in texts(name, shared):
            path = folder / f"{doc_id}.parse.json.gz"
            if path.exists() and not args.force:
                continue
            cache.save_parse(att.parse(text), path)
            print(f"{name}/{doc_id}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
