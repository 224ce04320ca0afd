"""What ``AttributionOptions(min_confidence=...)`` costs and buys, per dataset.

Run from the repository root (no Stanza call: it re-attributes the cached parses that
``tools/cache_parses.py`` wrote)::

    python -m benchmarks.min_confidence [--parses /work/parses] [--shared ../shared]
        [--datasets nato,gum-news,litbank,team-news] [--thresholds 0.3,0.5]
        [--out benchmarks/results/min_confidence.md]

For every dataset it attributes the cached parses with no threshold and with each threshold,
scores them with ``benchmarks.score.score`` and counts, against no threshold: the *spurious*
speech quotes dropped (predicted speech that matches no gold speech quote, scare quotes and
titles taken for speech among them), the *true* quotes lost (predicted speech that matches a
gold speech quote, whatever its speaker), how many of those had the right speaker, and the
end-to-end F1 (strict speaker rule) at each threshold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as ds  # noqa: E402
from benchmarks.ablation import DATASETS, load_dataset  # noqa: E402
from benchmarks.score import Predicted, score  # noqa: E402
from quoteattr.attribution import AttributionOptions  # noqa: E402
from quoteattr.parse import ParsedDoc  # noqa: E402
from quoteattr.pipeline import Attributor  # noqa: E402


def counts(docs: Sequence[ds.GoldDocument], parsed: Sequence[ParsedDoc], threshold: float
           ) -> dict[str, Any]:
    """Speech predictions, the true and spurious ones, right speakers and F1 at ``threshold``."""
    att = Attributor(models="bundled", options=AttributionOptions(min_confidence=threshold))
    predictions = [[Predicted.from_quote(q) for q in att.attribute_parsed(p).quotes]
                   for p in parsed]
    s = score(docs, predictions)
    predicted = s["spans_overlap"]["predicted"]
    true = s["spans_overlap"]["tp"]
    no_speaker = sum(1 for pred in predictions for p in pred
                     if p.speech and p.speaker_label is None)
    return {"predicted": predicted, "true": true, "spurious": predicted - true,
            "right": s["end_to_end"]["tp"], "no_speaker": no_speaker,
            "f1": s["end_to_end"]["f1"] or 0.0}


def markdown(rows: dict[str, dict[float, dict[str, Any]]], thresholds: Sequence[float]) -> str:
    """The table: per dataset, what each threshold drops against none."""
    lines = [
        "# `min_confidence`: spurious quotes dropped against true quotes lost",
        "",
        "Made by `python -m benchmarks.min_confidence` from the cached parses (bundled "
        "models). *Spurious*: predicted speech quotes that match no gold speech quote; "
        "*true*: predicted speech quotes that match one (with the right speaker or not); "
        "*right*: true quotes with the right speaker (strict rule); *no speaker*: speech "
        "quotes attributed to no one (`speaker=None`). Each threshold's cells count what it "
        "drops against no threshold.",
        "",
        "| dataset | threshold | speech quotes | spurious dropped | true lost | "
        "right lost | no speaker dropped | end-to-end F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, by_t in rows.items():
        base = by_t[0.0]
        lines.append(f"| {name} | none | {base['predicted']} ({base['spurious']} spurious) | "
                     f"| | | {base['no_speaker']} without a speaker | {base['f1']:.3f} |")
        for t in thresholds:
            r = by_t[t]
            lines.append(f"| {name} | {t:g} | {r['predicted']} | "
                         f"{base['spurious'] - r['spurious']} of {base['spurious']} | "
                         f"{base['true'] - r['true']} of {base['true']} | "
                         f"{base['right'] - r['right']} of {base['right']} | "
                         f"{base['no_speaker'] - r['no_speaker']} of {base['no_speaker']} | "
                         f"{r['f1']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--thresholds", default="0.3,0.5")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/min_confidence.md"))
    args = ap.parse_args(argv)
    shared = ds.shared_dir(args.shared)
    thresholds = [float(t) for t in args.thresholds.split(",") if t]
    rows: dict[str, dict[float, dict[str, Any]]] = {}
    for name in [n for n in args.datasets.split(",") if n]:
        try:
            docs, parsed, _ = load_dataset(name, shared, args.parses)
        except ds.DataMissing as err:
            print(f"skipping {name}: {err}", file=sys.stderr)
            continue
        rows[name] = {t: counts(docs, parsed, t) for t in [0.0] + thresholds}
    if not rows:
        print("no dataset to score", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(rows, thresholds), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
