"""Fit the confidence calibration (``quoteattr/data/calibration.json``) on dev data.

    python -m training.calibration [--parses /work/parses] [--shared ../shared] [--folds 5]
        [--prior 4] [--out quoteattr/data/calibration.json] [--no-write]

Development data only, as for the ranker (`training.ranker`): LitBank's dev half on the
original text and the team's GUM news annotations (GUM train/dev documents). The cached
parses are attributed with the bundled options and ``calibrated=False``; every predicted
speech quote with a speaker is keyed by its decider
(`quoteattr.attribution.calibration.decider`) and marked right or wrong as the benchmark
does (matched to a gold speech quote and the strict speaker rule; a spurious quote is
wrong). A decider's accuracy is counted by document, the unit a user brings: the mean of its
accuracy in each document where it decided, with ``--prior`` pseudo-documents at the accuracy
of all quotes, ``(sum of per-document accuracies + prior * overall) / (documents + prior)``,
so a decider seen in two documents is not trusted as if seen in twenty, and one document's
run of errors (a novel's convention, an annotation gap) weighs as one document, not as a
dozen quotes. (Counted by quote, ``(right + prior * overall) / (n + prior)``, the ``>= 0.9``
bin on LitBank was right 0.890 of the time cross-validated; by document, 0.921, and 0.913 and
0.921 with priors 2 and 8.) A ranker's line is a least-squares fit of right (1/0) on the raw
confidence of the quotes it decided.

The report: for each dataset, the calibration targets (confidence >= 0.9 right at least 90%
of the time, >= 0.5 at least 75%) with the rules' raw numbers, in sample (the table fit on
all the documents it is scored on), and cross-validated (``--folds``, grouped by document:
each document scored with a table fit on the other folds).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.score import (  # noqa: E402
    Predicted,
    calibration,
    drop_nested,
    entity_names,
    match,
    speaker_correct,
)
from benchmarks import datasets as ds  # noqa: E402
from quoteattr.attribution import AttributionOptions  # noqa: E402
from quoteattr.attribution.calibration import (  # noqa: E402
    LINED,
    Calibration,
    confidences,
    decider,
    speaker_key,
)  # noqa: E402
from quoteattr.pipeline import Attributor  # noqa: E402
from training.ranker import DATASETS, _commit, folds_of, load  # noqa: E402

PRIOR = 4.0


def items_of(data: Sequence[tuple[str, Any, Any]]) -> list[dict[str, Any]]:
    """One item per predicted speech quote: dataset, document, decider, raw confidence, right."""
    att = Attributor(models="bundled", options=AttributionOptions(calibrated=False))
    out = []
    for name, doc, parse in data:
        res = att.attribute_parsed(parse)
        quotes = list(res.quotes)
        names = entity_names(res)
        preds = [Predicted.from_quote(q, names) for q in quotes]
        by_pred = {id(p): q for p, q in zip(preds, quotes)}
        if not doc.nested:
            preds = drop_nested(preds)
        speech = [p for p in preds if p.speech]
        gold = [g for g in doc.quotes if g.speech]
        others = list({g.speaker: None for g in doc.quotes if g.speaker is not None})
        right = {j for i, j, _, _ in match(doc.text, gold, speech)
                 if speaker_correct(doc.text, speech[j], gold[i].speaker, others)}
        # every quote of the document in text order, for `confidences` (a copied speaker is
        # capped by its source's confidence, which may be a quote left out of the items)
        decided = [(decider(q), q.confidence, speaker_key(q)) for q in quotes]
        at = {id(q): k for k, q in enumerate(quotes)}
        for j, p in enumerate(speech):
            q = by_pred[id(p)]
            out.append({"dataset": name, "doc": doc.id, "key": decider(q),
                        "confidence": q.confidence, "right": j in right,
                        "decided": decided, "at": at[id(q)]})
    return out


def fit(items: Sequence[dict[str, Any]], prior: float = PRIOR) -> tuple[Calibration, dict]:
    """The table from ``items`` and the counts behind it."""
    keyed = [it for it in items if it["key"] is not None]
    overall = sum(it["right"] for it in keyed) / max(1, len(keyed))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_doc: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for it in keyed:
        counts[it["key"]][0] += it["right"]
        counts[it["key"]][1] += 1
        by_doc[it["key"]][it["doc"]][0] += it["right"]
        by_doc[it["key"]][it["doc"]][1] += 1
    # each document counts once; a decider seen in few is pulled toward all quotes' accuracy
    acc = {k: (sum(r / n for r, n in docs.values()) + prior * overall) / (len(docs) + prior)
           for k, docs in by_doc.items()}
    lines = {}
    for key in LINED:
        ranked = [it for it in keyed if it["key"] == key]
        if len(ranked) >= 10:
            x = np.asarray([it["confidence"] for it in ranked])
            y = np.asarray([float(it["right"]) for it in ranked])
            b, a = np.polyfit(x, y, 1) if x.std() > 0 else (0.0, y.mean())
            lines[key] = (round(float(a), 4), round(float(b), 4))
    table = {k: {"accuracy": round(acc[k], 4), "right": r, "quotes": n,
                 "documents": len(by_doc[k])} for k, (r, n) in sorted(counts.items())}
    return Calibration({k: v["accuracy"] for k, v in table.items()}, lines), table


def apply(items: Sequence[dict[str, Any]], cal: Calibration | None) -> list[tuple[float, bool]]:
    """``(confidence, right)`` pairs under ``cal`` (None: the rules' raw numbers), as
    `quoteattr.attribution.calibration.confidences` gives them."""
    if cal is None:
        return [(round(it["confidence"], 3), it["right"]) for it in items]
    done: dict[int, list[float]] = {}
    out = []
    for it in items:
        decided = it["decided"]
        if id(decided) not in done:
            done[id(decided)] = confidences(decided, cal)
        out.append((done[id(decided)][it["at"]], it["right"]))
    return out


def _targets(pairs: list[tuple[float, bool]]) -> str:
    return ", ".join(f">={t['threshold']}: {t['accuracy']} of {t['quotes']}"
                     f" ({'met' if t['met'] else 'not met'})"
                     for t in calibration(pairs)["targets"])


def report(data, items, k: int, prior: float) -> dict[str, Any]:
    fold = folds_of(data, k)
    cv_pairs: dict[str, list] = defaultdict(list)
    for f in range(k):
        cal, _ = fit([it for it in items if fold[it["doc"]] != f], prior)
        for name in DATASETS:
            cv_pairs[name] += apply([it for it in items
                                     if fold[it["doc"]] == f and it["dataset"] == name], cal)
    full, _ = fit(items, prior)
    out = {}
    for name in DATASETS:
        mine = [it for it in items if it["dataset"] == name]
        row = {"raw": calibration(apply(mine, None))["targets"],
               "in_sample": calibration(apply(mine, full))["targets"],
               "cross_validated": calibration(cv_pairs[name])["targets"]}
        out[name] = row
        print(f"{name}: raw {_targets(apply(mine, None))}")
        print(f"{name}: in sample {_targets(apply(mine, full))}")
        print(f"{name}: cross-validated {_targets(cv_pairs[name])}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--prior", type=float, default=PRIOR)
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "quoteattr" / "data" /
                    "calibration.json")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    data = load(ds.shared_dir(args.shared), args.parses)
    items = items_of(data)
    figures = report(data, items, args.folds, args.prior)
    cal, table = fit(items, args.prior)
    for key, row in table.items():
        print(f"  {key}: {row}")
    if not args.no_write:
        record = {"deciders": table, "lines": {k: list(v) for k, v in cal.lines.items()},
                  "provenance": {"trained": datetime.date.today().isoformat(),
                                 "commit": _commit(), "command": "python -m training.calibration",
                                 "data": {n: len({it["doc"] for it in items
                                                  if it["dataset"] == n}) for n in DATASETS},
                                 "quotes": len(items), "prior": args.prior,
                                 "targets": figures,
                                 "note": "development data only: LitBank dev half (original "
                                         "text) and GUM news train/dev annotations"}}
        args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
