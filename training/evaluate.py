"""Scores of a model set with Stanza's own scorers, for the model card.

``python -m training.evaluate --models quoteattr/models/en --workdir work-train [--tokenizer rules]``

* End to end from raw text (tokenize ... depparse) on EWT test and on GUM's news + interview
  test documents, scored with the CoNLL 2018 scorer Stanza uses (``stanza.models.common.utils.ud_scores``).
* NER on GUM's test documents (open genres), given gold tokens: precision, recall and F1 per
  type, PERSON first (the speaker classification reads PERSON, ORG and GPE).
* Speed of the whole pipeline on the same text, and model load time.

The evaluation files are the ones the recipe's ``data`` step writes under ``<workdir>/eval``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

from quoteattr.stanza_pipeline import TOKENIZERS

SETS = ("ewt-test", "gum-news-test", "ewt-dev", "gum-news-dev")


def end_to_end(nlp: Any, evaldir: Path, name: str, tokenizer: str = "stanza") -> dict[str, Any]:
    """Scores from raw text; ``tokenizer="rules"`` splits it with `quoteattr.rule_tokenizer`
    instead of Stanza's tokenizer and MWT expander (the rest of the pipeline as before)."""
    import stanza
    from stanza.models.common.utils import ud_scores  # the CoNLL 2018 scorer (udtools)
    from stanza.utils.conll import CoNLL

    from quoteattr import rule_tokenizer

    text = (evaldir / f"{name}.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    if tokenizer == "rules":
        doc = stanza.Document(rule_tokenizer.tokenize(text), text=text)
        nlp(doc, processors=[p for p in nlp.processors if p not in ("tokenize", "mwt")])
    else:
        doc = nlp(stanza.Document([], text=text))
    seconds = time.perf_counter() - start
    for sent in doc.sentences:
        for token in sent.tokens:
            if token.text == "<UNK>" and token.start_char is not None:
                # Stanza's tokenizer writes <UNK> for a token too long for its vocabulary
                # (a 400-character URL); the scorer needs the characters back
                original = text[token.start_char : token.end_char]
                token.text = original
                if len(token.words) == 1:
                    token.words[0].text = original
    buf = io.StringIO()
    CoNLL.write_doc2conll(doc, buf)
    scores = ud_scores(str(evaldir / f"{name}.conllu"), io.StringIO(buf.getvalue()))
    out = {m: round(100 * scores[m].f1, 2) for m in
           ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")}
    words = sum(len(s.words) for s in doc.sentences)
    out["words"] = words
    out["seconds"] = round(seconds, 2)
    out["words_per_second"] = round(words / seconds, 1)
    return out


def ner_scores(models: Any, ner_json: Path) -> dict[str, Any]:
    """Entity-level P/R/F1 per type on gold tokens."""
    import stanza

    from quoteattr.stanza_pipeline import build_pipeline

    sents = json.loads(ner_json.read_text(encoding="utf-8"))
    nlp = build_pipeline(models, processors_override="tokenize,ner",
                         tokenize_pretokenized=True)
    tokens = [[t["text"] for t in s] for s in sents]
    doc = nlp(stanza.Document([], text=None) if not tokens else tokens)
    gold_spans: set[tuple[int, int, int, str]] = set()
    pred_spans: set[tuple[int, int, int, str]] = set()
    for k, s in enumerate(sents):
        gold_spans |= {(k, *span) for span in _spans([t["ner"] for t in s])}
    for k, s in enumerate(doc.sentences):
        pred_spans |= {(k, *span) for span in _spans([t.ner for t in s.tokens])}
    types = sorted({g[3] for g in gold_spans} | {p[3] for p in pred_spans})
    result: dict[str, Any] = {}
    for ty in ["ALL"] + types:
        g = {x for x in gold_spans if ty in ("ALL", x[3])}
        p = {x for x in pred_spans if ty in ("ALL", x[3])}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result[ty] = {"precision": round(100 * prec, 2), "recall": round(100 * rec, 2),
                      "f1": round(100 * f1, 2), "gold": len(g)}
    return result


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) from BIO or BIOES tags."""
    out = []
    start = None
    label = None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, ty = (tag or "O").partition("-")
        if start is not None and (prefix in ("O", "B", "S") or ty != label):
            out.append((start, i, label))
            start = None
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, label = i, ty
        if prefix in ("E", "S") and start is not None:
            out.append((start, i + 1, label))
            start = None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.evaluate")
    parser.add_argument("--models",
                        default=str(Path(__file__).resolve().parents[1] / "quoteattr" / "models" / "en"))
    parser.add_argument("--workdir", type=Path, default=Path("work-train"))
    parser.add_argument("--sets", default="ewt-test,gum-news-test")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--tokenizer", choices=TOKENIZERS, default="stanza",
                        help="split the raw text with Stanza's tokenizer or quoteattr's rules")
    parser.add_argument("--out", type=Path, default=None, help="write the scores as JSON here")
    parser.add_argument("--manifest", action="store_true",
                        help="also store the scores in the model directory's manifest.json")
    args = parser.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from quoteattr.models import resolve_models
    from quoteattr.stanza_pipeline import build_pipeline

    models = resolve_models(args.models)
    start = time.perf_counter()
    nlp = build_pipeline(models, processors_override="tokenize,mwt,pos,lemma,depparse")
    load = time.perf_counter() - start
    scores: dict[str, Any] = {"models": str(models), "tokenizer": args.tokenizer,
                              "load_seconds": round(load, 2),
                              "date": time.strftime("%Y-%m-%d")}
    evaldir = args.workdir / "eval"
    for name in [s for s in args.sets.split(",") if s]:
        scores[name] = end_to_end(nlp, evaldir, name, args.tokenizer)
        print(name, scores[name], file=sys.stderr)
    ner_json = args.workdir / "data" / "ner" / "en_qaner.test.json"
    if "ner" in models.processors and ner_json.exists():
        scores["ner-gum-test"] = ner_scores(models, ner_json)
        print("ner", scores["ner-gum-test"], file=sys.stderr)
    text = json.dumps(scores, indent=1)
    if args.manifest and models.paths:
        manifest_path = Path(next(iter(models.paths.values()))).parent / "manifest.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["scores"] = scores
        manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
