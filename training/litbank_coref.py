"""LitBank's coreference layer as CorefUD CoNLL-U, for training Stanza's wl_coref on fiction.

``python -m training.litbank_coref --litbank ../shared/datasets/quotes/litbank --out
WORK/corefbase`` writes ``en_litbank-corefud-{train,dev}.conllu`` next to GUM's files from the
recipe's data step, so ``python -m training.coref`` converts and trains on both.

LitBank gives tokens (one sentence per line) and mentions as (sentence, first token, last
token) with an entity id; it has no syntax. wl_coref works on head words, which Stanza's
converter finds from the dependency tree, so each excerpt is tagged and parsed here with the
bundled models on LitBank's own tokens (``tokenize_pretokenized``). The trees are predicted,
not gold: the head of a mention can be wrong where the parse is.

What is kept and what is not, so the counts can be checked:

* mentions that cross a sentence boundary are dropped (CorefUD brackets close within a
  sentence in Stanza's converter); the converter reports nothing for them, so they are
  counted here;
* a token written ``_`` is renamed ``--``: Stanza's converter takes ``_`` for a zero
  pronoun and removes it;
* every entity keeps all its mentions, singletons included (wl_coref is configured with
  ``singletons = true``).

The split is by document: the dev half of LitBank shared with the project (50 excerpts), in
order of their Gutenberg id, every fifth to dev.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("training.litbank_coref")

#: LitBank's ACE entity types -> the entity type word written into the CorefUD bracket
ENTITY_TYPES = {"PER": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                "FAC": "place", "VEH": "object"}
#: every DEV_EVERY-th excerpt (in id order) goes to dev
DEV_EVERY = 5


@dataclass(frozen=True)
class Mention:
    """One LitBank mention: sentence index, first and last token (inclusive), entity number."""

    sentence: int
    first: int
    last: int
    entity: int
    etype: str


@dataclass
class Excerpt:
    """One LitBank document: its tokens per sentence and its mentions."""

    doc_id: str
    sentences: list[list[str]]
    mentions: list[Mention] = field(default_factory=list)
    dropped: int = 0  # mentions that cross a sentence boundary


def read_excerpt(txt_path: Path, ann_path: Path) -> Excerpt:
    """Read ``<id>_brat.txt`` (tokens) and the coref ``<id>_brat.ann`` (MENTION, COREF rows)."""
    sentences = [line.split(" ") for line in txt_path.read_text(encoding="utf-8").splitlines()]
    sentences = [["--" if tok == "_" else tok for tok in s if tok] for s in sentences]
    spans: dict[str, tuple[int, int, int, int, str]] = {}
    chains: dict[str, str] = {}
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[0] == "MENTION" and len(cols) >= 8:
            s1, t1, s2, t2 = (int(c) for c in cols[2:6])
            spans[cols[1]] = (s1, t1, s2, t2, cols[6])
        elif cols[0] == "COREF" and len(cols) >= 3:
            chains[cols[1]] = cols[2]
    doc_id = txt_path.name.removesuffix("_brat.txt")
    excerpt = Excerpt(doc_id, sentences)
    numbers: dict[str, int] = {}
    for mid, (s1, t1, s2, t2, etype) in spans.items():
        entity = chains.get(mid, mid)  # a mention with no COREF row is its own entity
        if s1 != s2:
            excerpt.dropped += 1
            continue
        if not (0 <= s1 < len(sentences) and 0 <= t1 <= t2 < len(sentences[s1])):
            raise ValueError(f"{ann_path}: mention {mid} ({s1} {t1} {s2} {t2}) is outside "
                             "the text")
        number = numbers.setdefault(entity, len(numbers) + 1)
        excerpt.mentions.append(Mention(s1, t1, t2, number, ENTITY_TYPES.get(etype, "other")))
    excerpt.mentions.sort(key=lambda m: (m.sentence, m.first, -m.last))
    return excerpt


def read_litbank(litbank_dir: Path) -> list[Excerpt]:
    """Every excerpt of a LitBank folder (``quotations/*_brat.txt`` + ``coref/*_brat.ann``)."""
    excerpts = []
    for ann in sorted((litbank_dir / "coref").glob("*_brat.ann"), key=_gutenberg_order):
        txt = litbank_dir / "quotations" / ann.name.replace(".ann", ".txt")
        if not txt.exists():
            raise FileNotFoundError(f"{txt} (the tokens of {ann.name})")
        excerpts.append(read_excerpt(txt, ann))
    return excerpts


def _gutenberg_order(path: Path) -> tuple[int, str]:
    head = path.name.split("_", 1)[0]
    return (int(head) if head.isdigit() else sys.maxsize, path.name)


def split(excerpts: Sequence[Excerpt]) -> dict[str, list[Excerpt]]:
    """Train and dev by document: every DEV_EVERY-th excerpt (in the given order) to dev."""
    return {"train": [e for i, e in enumerate(excerpts) if i % DEV_EVERY != DEV_EVERY - 1],
            "dev": [e for i, e in enumerate(excerpts) if i % DEV_EVERY == DEV_EVERY - 1]}


def entity_fields(sentence_mentions: Iterable[Mention], n_words: int) -> list[str]:
    """The ``Entity=`` MISC value of each word of a sentence ("" where it has none).

    Brackets in the order Stanza's converter reads them: on each word, closings of longer
    mentions first, then openings (outer before inner), a one-word mention opened and closed
    at once (``(e5-person)``).
    """
    opens: list[list[Mention]] = [[] for _ in range(n_words)]
    closes: list[list[Mention]] = [[] for _ in range(n_words)]
    for m in sentence_mentions:
        opens[m.first].append(m)
        if m.last != m.first:
            closes[m.last].append(m)
    out = []
    for i in range(n_words):
        parts = [f"e{m.entity})" for m in sorted(closes[i], key=lambda m: m.first)]
        for m in sorted(opens[i], key=lambda m: -m.last):
            parts.append(f"(e{m.entity}-{m.etype}" + (")" if m.last == m.first else ""))
        out.append("".join(parts))
    return out


def conllu_lines(excerpt: Excerpt, parsed: Any) -> Iterator[str]:
    """CorefUD CoNLL-U of one excerpt; ``parsed`` is the stanza Document of its tokens."""
    if len(parsed.sentences) != len(excerpt.sentences):
        raise ValueError(f"{excerpt.doc_id}: {len(parsed.sentences)} parsed sentences for "
                         f"{len(excerpt.sentences)} in the text")
    by_sentence: dict[int, list[Mention]] = {}
    for m in excerpt.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    yield f"# newdoc id = litbank_{excerpt.doc_id}"
    for si, (tokens, sent) in enumerate(zip(excerpt.sentences, parsed.sentences)):
        words = sent.words
        if [w.text for w in words] != tokens:
            raise ValueError(f"{excerpt.doc_id} sentence {si}: the parse changed the tokens")
        entity = entity_fields(by_sentence.get(si, []), len(words))
        yield f"# sent_id = litbank_{excerpt.doc_id}-{si}"
        yield "# text = " + " ".join(tokens)
        for w, ent in zip(words, entity):
            misc = f"Entity={ent}" if ent else "_"
            yield "\t".join([str(w.id), w.text, w.lemma or "_", w.upos or "_", w.xpos or "_",
                             w.feats or "_", str(w.head), w.deprel or "_", "_", misc])
        yield ""


def write(excerpts: Sequence[Excerpt], parse: Any, path: Path) -> dict[str, int]:
    """Parse and write ``excerpts`` to ``path``; returns counts (documents, words, mentions)."""
    counts = {"documents": 0, "words": 0, "mentions": 0, "entities": 0, "dropped": 0}
    with open(path, "w", encoding="utf-8") as f:
        for ex in excerpts:
            for line in conllu_lines(ex, parse(ex.sentences)):
                f.write(line + "\n")
            counts["documents"] += 1
            counts["words"] += sum(len(s) for s in ex.sentences)
            counts["mentions"] += len(ex.mentions)
            counts["entities"] += len({m.entity for m in ex.mentions})
            counts["dropped"] += ex.dropped
    return counts


def bundled_parser(threads: int = 1) -> Any:
    """Tag and parse pre-tokenized sentences with quoteattr's bundled models."""
    import torch

    from quoteattr.models import resolve_models
    from quoteattr.stanza_pipeline import build_pipeline

    torch.set_num_threads(threads)
    pipeline = build_pipeline(resolve_models("bundled"), coref=False,
                              processors_override="tokenize,pos,lemma,depparse",
                              tokenize_pretokenized=True)
    return lambda sentences: pipeline(sentences)


def convert(litbank_dir: Path, out_dir: Path, threads: int = 1) -> dict[str, Path]:
    """Write ``out_dir/en_litbank-corefud-{train,dev}.conllu`` from a LitBank folder; returns
    the paths by split."""
    parse = bundled_parser(threads)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, part in split(read_litbank(litbank_dir)).items():
        path = paths[name] = out_dir / f"en_litbank-corefud-{name}.conllu"
        counts = write(part, parse, path)
        log.info("%s: %s", path, ", ".join(f"{k} {v}" for k, v in counts.items()))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.litbank_coref",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--litbank", type=Path,
                        default=Path("../shared/datasets/quotes/litbank"),
                        help="LitBank folder with quotations/ and coref/")
    parser.add_argument("--out", type=Path, required=True,
                        help="the corefbase folder (the recipe's WORK/corefbase)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not (args.litbank / "coref").is_dir():
        parser.error(f"no LitBank coref layer in {args.litbank}")
    convert(args.litbank, args.out, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
