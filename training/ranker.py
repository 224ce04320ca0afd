"""Train the speaker-pronoun ranker (``quoteattr/data/speaker_ranker.json``) on dev data.

    python -m training.ranker [--parses /work/parses] [--shared ../shared] [--folds 5]
        [--out quoteattr/data/speaker_ranker.json] [--no-write]

Development data only: LitBank's dev half on the original text (``litbank``) and the team's
GUM news annotations (``gum-news``: GUM train/dev documents; GUM's test documents are never
read). No Stanza call: the cached parses of ``tools/cache_parses.py`` are attributed with
the bundled options and the ranker switched off, and every third-person speaker pronoun
with two or more agreeing persons (`quoteattr.attribution.ranker.candidates_of`) becomes
one training group. A group's gold person is the gold speaker entity that has the pronoun
among its mentions (LitBank's coreference mentions; a news quote's speaker mention); a
candidate is right when its name or label names that entity (``benchmarks.score.names``)
or its mention is one of the entity's. Groups whose gold person is not among the
candidates teach nothing and are left out of the fit (they are counted).

The model is a conditional logit (a softmax over one pronoun's candidates) with an L2
penalty, fit by plain gradient descent in numpy. Cross-validation is grouped by document
(``--folds``, documents dealt round-robin in id order per dataset): per fold, the ranker's
top-1 accuracy on held-out groups against the hand-set rule's, and the strict end-to-end F1
of the held-out documents attributed with the fold's weights. The weights written are fit on
all the groups; the file records the features, the data, the command and the CV figures.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as ds  # noqa: E402
from benchmarks.score import Predicted, entity_names, names, overlap, score  # noqa: E402
from quoteattr import cache  # noqa: E402
from quoteattr.attribution import AttributionOptions, RuleId  # noqa: E402
from quoteattr.attribution import ranker as rk  # noqa: E402
from quoteattr.attribution import source  # noqa: E402
from quoteattr.pipeline import Attributor  # noqa: E402

DATASETS = ("litbank", "gum-news")
L2 = 0.05


def load(shared: Path, parses: Path) -> list[tuple[str, Any, Any]]:
    """(dataset, gold document, parse) for every dev document with a cached parse."""
    out = []
    for name in DATASETS:
        for doc in ds.load(name, shared):
            path = parses / name / f"{doc.id}.parse.json.gz"
            if path.exists():
                out.append((name, doc, cache.load_parse(path)))
    return out


def _gold_entity(doc: Any, start: int, end: int) -> Any:
    for g in doc.quotes:
        sp = g.speaker
        if sp is not None and any(overlap((start, end), m) > 0 for m in sp.mentions):
            return sp
    return None


def _right(parse: Any, cand: rk.Candidate, gold: Any) -> bool:
    d = cand.described
    if any(names(x, a) for x in (d.name, d.label) if x for a in gold.aliases):
        return True
    a, b, _ = parse.span_text(d.first_word, d.end_word)
    return any(overlap((a, b), m) > 0 for m in gold.mentions)


def groups_of(data: Sequence[tuple[str, Any, Any]]) -> list[dict[str, Any]]:
    """One group per speaker pronoun with two or more persons: features, labels, document."""
    out: list[dict[str, Any]] = []
    att = Attributor(models="bundled", options=AttributionOptions())
    original = source.candidates_of
    for name, doc, parse in data:
        seen: set[int] = set()

        def record(p_doc: Any, pronoun: int, *args: Any, _doc: Any = doc, _seen: set = seen,
                   _name: str = name, **kw: Any) -> list[rk.Candidate]:
            cands = original(p_doc, pronoun, *args, **kw)
            if pronoun in _seen or len(cands) < 2:
                return cands
            _seen.add(pronoun)
            w = p_doc.words[pronoun]
            gold = _gold_entity(_doc, w.start, w.end)
            if gold is None:
                return cands
            out.append({"dataset": _name, "doc": _doc.id,
                        "x": [list(c.values) for c in cands],
                        "y": [_right(p_doc, c, gold) for c in cands]})
            return cands

        # the ranker's candidates are built (the hook records them) but the model answers
        # None, so the hand-set choice stands and the state is the rules' own
        with mock.patch.object(source, "candidates_of", record), \
                mock.patch.object(source, "rank_antecedents", lambda cands, model=None: None):
            att.attribute_parsed(parse)
    return out


def fit(groups: Sequence[dict[str, Any]], l2: float | None = None, steps: int = 600) -> np.ndarray:
    """Conditional-logit weights over the groups that hold a right candidate."""
    l2 = L2 if l2 is None else l2
    usable = [g for g in groups if any(g["y"])]
    xs = [np.asarray(g["x"], dtype=float) for g in usable]
    ys = [np.asarray(g["y"], dtype=float) / sum(g["y"]) for g in usable]
    w = np.zeros(len(rk.FEATURES))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr = 0.05
    for t in range(1, steps + 1):
        grad = l2 * w
        for x, y in zip(xs, ys):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += x.T @ (p - y) / len(xs)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def top1(groups: Sequence[dict[str, Any]], w: np.ndarray | None) -> dict[str, Any]:
    """Top-1 accuracy of the ranker (``w``) or of the hand-set rule (None) on ``groups``."""
    rule = rk.FEATURES.index("rule_choice")
    right = 0
    for g in groups:
        x = np.asarray(g["x"], dtype=float)
        k = int(np.argmax(x @ w)) if w is not None else int(np.argmax(x[:, rule]))
        right += bool(g["y"][k])
    return {"groups": len(groups), "right": right,
            "accuracy": round(right / len(groups), 4) if groups else None}


def folds_of(data: Sequence[tuple[str, Any, Any]], k: int) -> dict[str, int]:
    """Document id -> fold, dealt round-robin in id order within each dataset."""
    out: dict[str, int] = {}
    for name in DATASETS:
        ids = sorted(d.id for n, d, _ in data if n == name)
        out.update({i: j % k for j, i in enumerate(ids)})
    return out


def end_to_end(data: Sequence[tuple[str, Any, Any]], model: rk.RankerModel | None,
               disabled: frozenset = frozenset()) -> dict[str, list]:
    """Predictions per dataset for ``data`` attributed with ``model`` as the ranker."""
    att = Attributor(models="bundled", options=AttributionOptions(disabled=disabled))
    out: dict[str, list] = {n: [] for n in DATASETS}
    with mock.patch.object(rk, "load_model", lambda: model):
        for name, doc, parse in data:
            res = att.attribute_parsed(parse)
            out[name].append((doc, [Predicted.from_quote(q, entity_names(res))
                                    for q in res.quotes]))
    return out


def _f1(pairs: list) -> float:
    return score([d for d, _ in pairs], [p for _, p in pairs])["end_to_end"]["f1"]


def _model(w: np.ndarray, provenance: dict[str, Any] | None = None) -> rk.RankerModel:
    return rk.RankerModel(rk.FEATURES, tuple(round(float(x), 4) for x in w), provenance or {})


def cross_validate(data, groups, k: int, l2: float = L2) -> dict[str, Any]:
    fold = folds_of(data, k)
    rows = []
    pooled: dict[str, list] = {n: [] for n in DATASETS}
    for f in range(k):
        train = [g for g in groups if fold[g["doc"]] != f]
        test = [g for g in groups if fold[g["doc"]] == f]
        w = fit(train, l2)
        held = [t for t in data if fold[t[1].id] == f]
        preds = end_to_end(held, _model(w))
        rules = end_to_end(held, None, frozenset({RuleId.RESOLVED_RANKED}))
        row = {"fold": f, "documents": len(held), "ranker": top1(test, w),
               "rule": top1(test, None),
               "oracle": sum(any(g["y"]) for g in test)}
        for n in DATASETS:
            row[f"{n} F1 ranker"] = _f1(preds[n]) if preds[n] else None
            row[f"{n} F1 rule"] = _f1(rules[n]) if rules[n] else None
            pooled[n] += preds[n]
        rows.append(row)
        print(json.dumps(row), flush=True)
    pooled_f1 = {n: _f1(pooled[n]) for n in DATASETS if pooled[n]}
    total = {k: sum(r[k]["right"] for r in rows) for k in ("ranker", "rule")}
    print("pooled held-out F1:", pooled_f1, "top-1 right:", total, flush=True)
    return {"folds": rows, "pooled_f1": pooled_f1, "top1_right": total}


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "quoteattr" / "data" /
                    "speaker_ranker.json")
    ap.add_argument("--l2", type=float, default=None, help=f"the L2 penalty (default {L2})")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    data = load(ds.shared_dir(args.shared), args.parses)
    groups = groups_of(data)
    print(f"{len(groups)} groups ({sum(any(g['y']) for g in groups)} with the gold person "
          f"among the candidates) from {len(data)} documents", flush=True)
    l2 = L2 if args.l2 is None else args.l2
    cv = cross_validate(data, groups, args.folds, l2)
    w = fit(groups, l2)
    print("weights:", dict(zip(rk.FEATURES, np.round(w, 3).tolist())))
    provenance = {
        "trained": datetime.date.today().isoformat(), "commit": _commit(),
        "command": "python -m training.ranker",
        "data": {n: sorted({g["doc"] for g in groups if g["dataset"] == n}).__len__()
                 for n in DATASETS},
        "documents": len(data), "groups": len(groups),
        "groups_with_gold": sum(any(g["y"]) for g in groups),
        "in_sample_top1": top1(groups, w), "rule_top1": top1(groups, None),
        "cross_validation": cv, "l2": l2,
        "note": "development data only: LitBank dev half (original text) and GUM news "
                "train/dev annotations; model: conditional logit over the candidates",
    }
    if not args.no_write:
        record = {"features": list(rk.FEATURES), "weights": [round(float(x), 4) for x in w],
                  "provenance": provenance}
        args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
