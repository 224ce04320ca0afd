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
from benchmarks.score import Predicted, entity_names, match, names, overlap, score  # noqa: E402
from quoteattr import cache  # noqa: E402
from quoteattr.attribution import AttributionOptions, RuleId  # noqa: E402
import quoteattr.attribution as attribution  # noqa: E402
from quoteattr.attribution import carryover  # noqa: E402
from quoteattr.attribution import ranker as rk  # noqa: E402
from quoteattr.attribution import source  # noqa: E402
from quoteattr.pipeline import Attributor  # noqa: E402

DATASETS = ("litbank", "gum-news")
L2 = 0.3


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


def _gold_quote(doc: Any, start: int, end: int) -> Any:
    """The gold speech quote a predicted span matches (as the benchmark matches), or None."""
    gold = [g for g in doc.quotes if g.speech]
    found = match(doc.text, gold, [Predicted(start=start, end=end, speech=True)])
    return gold[found[0][0]] if found else None


def _turn_right(cand: rk.TurnCandidate, gold: Any) -> bool:
    sp = cand.speaker
    if any(names(x, a) for x in (sp.name, sp.label) if x for a in gold.aliases):
        return True
    return any(overlap((sp.mention.start, sp.mention.end), m) > 0 for m in gold.mentions)


def turn_groups_of(data: Sequence[tuple[str, Any, Any]]) -> list[dict[str, Any]]:
    """One group per outermost speech quote with no cue that has candidates: features,
    labels, and whether the carry-over rules left it without a speaker (``undecided``: where
    the turn ranker is used; the fit uses every group, for more data)."""
    out: list[dict[str, Any]] = []
    original = carryover.speaker_from_context
    att = Attributor(models="bundled", options=AttributionOptions())
    for name, doc, parse in data:
        def wrapped(ctx: Any, _doc: Any = doc, _name: str = name) -> Any:
            result = original(ctx)
            if ctx.span.depth or not ctx.options.carry_over:
                return result
            span = ctx.span
            quote = (span.open_mark,
                     (span.close_mark + 1) if span.close_mark is not None else span.end)
            cands = rk.turn_candidates(ctx.doc, ctx.state.antecedents, ctx.index, ctx.state,
                                       ctx.p_index, quote, carryover._quote_only(ctx),
                                       ctx.addressed, ctx.spoken_of)
            gold = _gold_quote(_doc, span.start, span.end)
            if not cands or gold is None or gold.speaker is None:
                return result
            out.append({"dataset": _name, "doc": _doc.id,
                        "undecided": result.speaker is None,
                        "x": [list(c.values) for c in cands],
                        "y": [_turn_right(c, gold.speaker) for c in cands]})
            return result

        with mock.patch.object(attribution, "speaker_from_context", wrapped), \
                mock.patch.object(carryover, "rank_turn", lambda cands, model=None: None):
            att.attribute_parsed(parse)
    return out


def fit(groups: Sequence[dict[str, Any]], l2: float | None = None, steps: int = 600) -> np.ndarray:
    """Conditional-logit weights over the groups that hold a right candidate."""
    l2 = L2 if l2 is None else l2
    usable = [g for g in groups if any(g["y"])]
    xs = [np.asarray(g["x"], dtype=float) for g in usable]
    ys = [np.asarray(g["y"], dtype=float) / sum(g["y"]) for g in usable]
    w = np.zeros(len(usable[0]["x"][0]) if usable else len(rk.FEATURES))
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


def top1(groups: Sequence[dict[str, Any]], w: np.ndarray | None,
         rule: int = rk.FEATURES.index("rule_choice")) -> dict[str, Any]:
    """Top-1 accuracy of the ranker (``w``) or of a one-feature rule (None: the feature
    ``rule``, by default the hand-set pronoun rule's choice) on ``groups``."""
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
               turn: rk.RankerModel | None = None, disabled: frozenset = frozenset()
               ) -> dict[str, list]:
    """Predictions per dataset for ``data`` attributed with ``model`` as the pronoun ranker
    and ``turn`` as the turn ranker."""
    att = Attributor(models="bundled", options=AttributionOptions(disabled=disabled))
    out: dict[str, list] = {n: [] for n in DATASETS}
    with mock.patch.object(rk, "load_model", lambda: model), \
            mock.patch.object(rk, "load_turn_model", lambda: turn):
        for name, doc, parse in data:
            res = att.attribute_parsed(parse)
            out[name].append((doc, [Predicted.from_quote(q, entity_names(res))
                                    for q in res.quotes]))
    return out


def _f1(pairs: list) -> float:
    return score([d for d, _ in pairs], [p for _, p in pairs])["end_to_end"]["f1"]


def _model(w: np.ndarray, features: tuple[str, ...] = rk.FEATURES) -> rk.RankerModel:
    return rk.RankerModel(features, tuple(round(float(x), 4) for x in w))


def cross_validate(data, groups, turns, k: int, l2: float = L2) -> dict[str, Any]:
    """Per fold: both rankers fit on the other folds, top-1 on the held-out groups (the turn
    ranker's on the quotes the rules leave undecided), and the held-out documents' strict
    end-to-end F1 with both rankers, with the pronoun ranker only, and with neither."""
    fold = folds_of(data, k)
    rows = []
    pooled: dict[str, dict[str, list]] = {s: {n: [] for n in DATASETS}
                                          for s in ("both", "pronoun", "rules")}
    last = rk.TURN_FEATURES.index("last_speaker")
    for f in range(k):
        w = fit([g for g in groups if fold[g["doc"]] != f], l2)
        wt = fit([g for g in turns if fold[g["doc"]] != f], l2)
        test = [g for g in groups if fold[g["doc"]] == f]
        ttest = [g for g in turns if fold[g["doc"]] == f and g["undecided"]]
        held = [t for t in data if fold[t[1].id] == f]
        runs = {"both": end_to_end(held, _model(w), _model(wt, rk.TURN_FEATURES)),
                "pronoun": end_to_end(held, _model(w), None),
                "rules": end_to_end(held, None, None,
                                    frozenset({RuleId.RESOLVED_RANKED, RuleId.RANKED_TURN}))}
        row: dict[str, Any] = {"fold": f, "documents": len(held),
                               "pronoun ranker": top1(test, w), "pronoun rule": top1(test, None),
                               "pronoun oracle": sum(any(g["y"]) for g in test),
                               "turn ranker": top1(ttest, wt),
                               "turn last speaker": top1(ttest, None, last),
                               "turn oracle": sum(any(g["y"]) for g in ttest)}
        for s, preds in runs.items():
            for n in DATASETS:
                row[f"{n} F1 {s}"] = _f1(preds[n]) if preds[n] else None
                pooled[s][n] += preds[n]
        rows.append(row)
        print(json.dumps(row), flush=True)
    pooled_f1 = {s: {n: _f1(p[n]) for n in DATASETS if p[n]} for s, p in pooled.items()}
    total = {k: sum(r[k]["right"] for r in rows)
             for k in ("pronoun ranker", "pronoun rule", "turn ranker", "turn last speaker")}
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
    turns = turn_groups_of(data)
    print(f"pronoun: {len(groups)} groups ({sum(any(g['y']) for g in groups)} with the gold "
          f"person among the candidates); turn: {len(turns)} groups "
          f"({sum(g['undecided'] for g in turns)} undecided by the rules) from {len(data)} "
          "documents", flush=True)
    l2 = L2 if args.l2 is None else args.l2
    cv = cross_validate(data, groups, turns, args.folds, l2)
    w = fit(groups, l2)
    wt = fit(turns, l2)
    print("pronoun weights:", dict(zip(rk.FEATURES, np.round(w, 3).tolist())))
    print("turn weights:", dict(zip(rk.TURN_FEATURES, np.round(wt, 3).tolist())))
    provenance = {
        "trained": datetime.date.today().isoformat(), "commit": _commit(),
        "command": "python -m training.ranker" + (f" --l2 {l2}" if args.l2 is not None else ""),
        "data": {n: len({t[1].id for t in data if t[0] == n}) for n in DATASETS},
        "documents": len(data), "l2": l2,
        "pronoun_groups": len(groups),
        "pronoun_groups_with_gold": sum(any(g["y"]) for g in groups),
        "turn_groups": len(turns), "turn_groups_undecided": sum(g["undecided"] for g in turns),
        "in_sample_top1": {"pronoun ranker": top1(groups, w), "pronoun rule": top1(groups, None),
                           "turn ranker (undecided)": top1([g for g in turns if g["undecided"]],
                                                           wt)},
        "cross_validation": cv,
        "note": "development data only: LitBank dev half (original text) and GUM news "
                "train/dev annotations; model: conditional logit over the candidates",
    }
    if not args.no_write:
        record = {"features": list(rk.FEATURES), "weights": [round(float(x), 4) for x in w],
                  "turn": {"features": list(rk.TURN_FEATURES),
                           "weights": [round(float(x), 4) for x in wt]},
                  "provenance": provenance}
        args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
