"""Speaker figures from cached parses: unresolved pronoun speakers and strict LitBank accuracy.

    PYTHONPATH=$PWD python tools/entity_eval.py [--parses /work/parses] [--shared ../shared]
        [--datasets litbank-original,gum-news,nato] [--errors N]

For each dataset whose parses are cached (``tools/cache_parses.py``), attributes every parse
with the bundled models' rules (no Stanza call) and reports:

* ``unresolved``: speech quotes whose speaker is a pronoun left unresolved (the label is a
  pronoun and ``name`` is None), as a count and a share of all speech quotes;
* for ``litbank-original``, strict speaker figures under the rule of the dataset's SOURCE.md:
  a speaker is right when its name or label equals one of the gold entity's aliases or holds
  one (case, a leading determiner and a possessive ignored); a pronoun names nobody unless the
  gold entity has no proper or nominal mention, where a predicted mention overlapping one of
  the entity's mentions counts. ``accuracy`` is over gold speech quotes matched by a predicted
  speech quote; end-to-end precision/recall/F1 count a quote only when matched and right;
  ``accuracy_name_first`` judges the name alone where the speaker has one (a label that
  attribution wrote differently cannot rescue a wrong name);
* for ``nato`` and ``gum-news``, the benchmark scorer's speakers right over matched speech
  quotes (benchmarks/score.py, its lenient rule).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as ds  # noqa: E402
from benchmarks.score import Predicted, drop_nested, match, normalize, overlap, score  # noqa: E402
import quoteattr  # noqa: E402
from quoteattr import cache  # noqa: E402

_DUMP = None
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "me",
                       "us"})


def attribute_all(folder: Path, attributor: quoteattr.Attributor) -> dict[str, quoteattr.Document]:
    out = {}
    for path in sorted(folder.glob("*.parse.json.gz")):
        ident = path.name[: -len(".parse.json.gz")]
        out[ident] = attributor.attribute_parsed(cache.load_parse(path), id=ident)
    return out


def unresolved(docs: dict[str, quoteattr.Document]) -> tuple[int, int]:
    """(unresolved pronoun speakers, speech quotes)."""
    n = bad = 0
    for doc in docs.values():
        for q in doc.speech:
            n += 1
            sp = q.speaker
            if sp is not None and sp.name is None and sp.label.lower() in _PRONOUNS:
                bad += 1
    return bad, n


def strict_correct(pred: Predicted, gold: dict | None, name_first: bool = False) -> bool:
    """The SOURCE.md rule (see the module docstring). ``name_first``: judge the name alone
    where there is one (the label only where the name is None)."""
    if gold is None:
        return pred.speaker_label is None
    if pred.speaker_label is None:
        return False
    aliases = {normalize(a) for a in gold.get("aliases", ())} - {""}
    cands = (pred.speaker_name, pred.speaker_label)
    if name_first and pred.speaker_name:
        cands = (pred.speaker_name,)
    for cand in cands:
        c = normalize(cand)
        if not c or c in _PRONOUNS:
            continue
        if c in aliases or any(f" {a} " in f" {c} " for a in aliases):
            return True
    if not aliases and pred.mention is not None:
        return any(overlap(pred.mention, (m[0], m[1])) > 0 for m in gold.get("mentions", ()))
    return False


def litbank_strict(folder: Path, docs: dict[str, quoteattr.Document], errors: int
                   ) -> dict[str, float | int]:
    tp = n_pred = n_gold = matched = tp_name = 0
    shown = 0
    for ident, doc in sorted(docs.items()):
        gold_file = folder / f"{ident}.gold.json"
        if not gold_file.exists():
            continue
        gold = [g for g in json.loads(gold_file.read_text(encoding="utf-8"))["quotes"]
                if g.get("speech", True)]
        pred = [p for p in drop_nested([Predicted.from_quote(q) for q in doc.quotes]) if p.speech]

        class _G:  # what benchmarks.score.match reads
            def __init__(self, g: dict) -> None:
                self.start, self.end = g["start"], g["end"]

        pairs = match(doc.text, [_G(g) for g in gold], pred)
        n_pred += len(pred)
        n_gold += len(gold)
        matched += len(pairs)
        for i, j, _, _ in pairs:
            ok = strict_correct(pred[j], gold[i].get("speaker"))
            tp += ok
            tp_name += strict_correct(pred[j], gold[i].get("speaker"), name_first=True)
            if _DUMP is not None:
                _DUMP.write(json.dumps({"doc": ident, "start": gold[i]["start"], "ok": ok,
                                        "pred": pred[j].speaker_name or pred[j].speaker_label,
                                        "gold": (gold[i].get("speaker") or {}).get("name"),
                                        "quote": gold[i]["text"][:50]}) + "\n")
            if not ok and shown < errors:
                shown += 1
                g = gold[i].get("speaker") or {}
                print(f"  {ident[:28]:28} {gold[i]['text'][:40]!r:44} pred="
                      f"{pred[j].speaker_name or pred[j].speaker_label!r} gold={g.get('name')!r}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"accuracy": round(tp / matched, 4) if matched else 0.0, "correct": tp,
            "matched": matched, "e2e_precision": round(p, 4), "e2e_recall": round(r, 4),
            "e2e_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "accuracy_name_first": round(tp_name / matched, 4) if matched else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--datasets", default="litbank-original,gum-news,nato")
    ap.add_argument("--errors", type=int, default=0, help="print this many strict misses")
    ap.add_argument("--no-entities", action="store_true",
                    help="skip the entity layer (the figures before it)")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write each litbank quote's verdict here (JSON lines)")
    args = ap.parse_args(argv)
    if args.no_entities:
        import importlib

        from quoteattr import entities

        # quoteattr.attribute is also the name of a function in the package namespace
        attribute = importlib.import_module("quoteattr.attribute")
        attribute.link_entities = lambda text, quotes, doc, paragraphs: \
            entities.AttributedQuotes(quotes)
    global _DUMP
    _DUMP = args.dump.open("w", encoding="utf-8") if args.dump else None
    shared = ds.shared_dir(args.shared)
    attributor = quoteattr.Attributor(models="bundled")
    for name in args.datasets.split(","):
        folder = args.parses / name
        if not folder.is_dir():
            print(f"{name}: no cached parses in {folder} (run tools/cache_parses.py)")
            continue
        docs = attribute_all(folder, attributor)
        bad, n = unresolved(docs)
        line = f"{name}: unresolved pronoun speakers {bad}/{n} = {bad / n if n else 0:.4f}"
        if name == "litbank-original":
            strict = litbank_strict(shared / "datasets" / "quotes" / "litbank-original", docs,
                                    args.errors)
            line += f"; strict {json.dumps(strict)}"
        if name in ("nato", "gum-news"):
            gold = ds.load(name, shared)
            preds = [[Predicted.from_quote(q) for q in docs[g.id].quotes] for g in gold
                     if g.id in docs]
            result = score([g for g in gold if g.id in docs], preds)
            right = result["end_to_end"]["tp"]
            line += (f"; benchmark speakers right {right}/{result['spans_overlap']['tp']} "
                     f"(accuracy {result['speaker_accuracy']}), end-to-end F1 "
                     f"{result['end_to_end']['f1']}")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
