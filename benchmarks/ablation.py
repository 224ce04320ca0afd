"""Rule ablation: end-to-end F1 per dataset with each attribution rule disabled.

Run from the repository root (no Stanza call: it re-attributes the cached parses that
``tools/cache_parses.py`` wrote)::

    python -m benchmarks.ablation [--parses /work/parses] [--shared ../shared]
        [--datasets nato,gum-news,litbank,team-news] [--out benchmarks/results/ablation.md]
        [--rules speech:cue,dash-attribution]

For every dataset it loads the gold documents (``benchmarks.datasets.load``) and each one's
cached parse (``<parses>/<dataset>/<doc id>.parse.json.gz``), attributes them with all rules
and then once per rule with that rule disabled (``AttributionOptions(disabled={rule})``), and
scores end-to-end F1 with ``benchmarks.score.score``. The Markdown table lists, per rule, its
stage and the F1 without it with the change against all rules (a negative change: the rule
is worth that much). A stage's default (``no-subject``, ``nonspeech:short-without-cue``)
cannot be disabled and is not listed. Documents without a cached parse are skipped and
counted in the table's header.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as ds  # noqa: E402
from benchmarks.score import Predicted, score  # noqa: E402
from quoteattr import cache  # noqa: E402
from quoteattr.attribution import STAGES, AttributionOptions, RuleId  # noqa: E402
from quoteattr.attribution.base import DEFAULT_RULES  # noqa: E402
from quoteattr.parse import ParsedDoc  # noqa: E402
from quoteattr.pipeline import Attributor  # noqa: E402

DATASETS = ("nato", "gum-news", "litbank", "team-news")


def stage_of(rule: RuleId) -> str:
    """The stage whose table has (or emits) ``rule``."""
    for stage, table in STAGES:
        if any(r.id is rule for r in table):
            return stage.value
    for stage, table in STAGES:
        if any(rule in r.emits for r in table):
            return stage.value
    return "?"


def load_dataset(name: str, shared: Path, parses: Path
                 ) -> tuple[list[ds.GoldDocument], list[ParsedDoc], int]:
    """Gold documents with a cached parse, their parses, and how many had none."""
    docs, parsed, missing = [], [], 0
    for doc in ds.load(name, shared):
        path = parses / name / f"{doc.id}.parse.json.gz"
        if not path.exists():
            missing += 1
            continue
        docs.append(doc)
        parsed.append(cache.load_parse(path))
    return docs, parsed, missing


def end_to_end_f1(docs: Sequence[ds.GoldDocument], parsed: Sequence[ParsedDoc],
                  options: AttributionOptions) -> float:
    """End-to-end F1 of quoteattr with ``options`` on the cached parses."""
    att = Attributor(models="bundled", options=options)
    predictions = [[Predicted.from_quote(q) for q in att.attribute_parsed(p).quotes]
                   for p in parsed]
    return score(docs, predictions)["end_to_end"]["f1"]


def ablation(data: dict[str, tuple[list, list, int]], rules: Sequence[RuleId]
             ) -> tuple[dict[str, float], dict[RuleId, dict[str, float]]]:
    """F1 with all rules per dataset, and per rule with it disabled."""
    base = {name: end_to_end_f1(d, p, AttributionOptions()) for name, (d, p, _) in data.items()}
    out = {}
    for rule in rules:
        options = AttributionOptions(disabled={rule})
        out[rule] = {name: end_to_end_f1(d, p, options) for name, (d, p, _) in data.items()}
        print(rule.value, out[rule], file=sys.stderr, flush=True)
    return base, out


def markdown(data: dict[str, tuple[list, list, int]], base: dict[str, float],
             rows: dict[RuleId, dict[str, float]]) -> str:
    """The ablation table (rules in stage order)."""
    names = list(data)
    head = ", ".join(f"{n}: {len(d)} documents" + (f" ({m} without a cached parse)" if m else "")
                     for n, (d, _, m) in data.items())
    lines = [
        "# Rule ablation: end-to-end F1 with each rule disabled",
        "",
        "Made by `python -m benchmarks.ablation` from the cached parses (bundled models). "
        f"{head}. Each cell: F1 without the rule (change against all rules). A negative "
        "change is what the rule is worth; 0 means the rule changed no scored quote here.",
        "",
        "| rule | stage | " + " | ".join(names) + " |",
        "|---|---|" + "---:|" * len(names),
        "| *(all rules)* | | " + " | ".join(f"{base[n]:.4f}" for n in names) + " |",
    ]
    for rule, f1 in rows.items():
        cells = " | ".join(f"{f1[n]:.4f} ({f1[n] - base[n]:+.4f})" for n in names)
        lines.append(f"| `{rule.value}` | {stage_of(rule)} | {cells} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/ablation.md"))
    ap.add_argument("--rules", default="", help="comma-separated rule ids (default: all)")
    args = ap.parse_args(argv)
    shared = ds.shared_dir(args.shared)
    data = {}
    for name in [n for n in args.datasets.split(",") if n]:
        try:
            data[name] = load_dataset(name, shared, args.parses)
        except ds.DataMissing as err:
            print(f"skipping {name}: {err}", file=sys.stderr)
    if not data:
        print("no dataset to score", file=sys.stderr)
        return 1
    order = [r.id for _, table in STAGES for r in table] + list(RuleId)
    wanted = [RuleId(r) for r in args.rules.split(",") if r] or list(RuleId)
    rules = [r for r in dict.fromkeys(order) if r in wanted and r not in DEFAULT_RULES]
    base, rows = ablation(data, rules)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(data, base, rows), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
