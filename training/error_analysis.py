"""Strict speaker errors on development data, grouped by cause (issue 15, before the ranker).

    python -m training.error_analysis [--dataset litbank] [--parses /work/parses]
        [--shared ../shared] [--show 0] [--disabled rule,rule]

Attributes every cached parse of the dataset with the bundled options (no Stanza call),
matches the predicted speech quotes to gold as the benchmark does (``benchmarks.score``),
and puts every strict end-to-end error in one group, the first that fits:

* ``missed`` / ``spurious``: no span match (a span error, not a speaker error);
* ``no speaker``: matched, but no speaker predicted (split by cue / no cue);
* ``narrator``: the gold speaker is the first-person narrator ("I" among its mentions and
  the prediction is the narrator or "I"), or the prediction names the narrator wrongly;
* ``pronoun: right mention, resolved to the wrong entity`` / ``unresolved``: the speaker
  mention is a pronoun of the gold entity (lenient right), but the entity layer linked it
  to another person, or to none (split by cue / carry-over);
* ``pronoun: wrong person``: a pronoun speaker resolved to (or standing for) someone else;
* ``description not linked``: a description mention of the right entity (lenient right);
* ``addressee as speaker``: the predicted speaker is one the gold speaker addresses in this
  or the previous quote, or its mention lies inside the quote;
* ``cue: wrong person`` (a reporting cue named another mention), and for quotes with no
  cue ``carry-over: <rule>`` by the carry-over rule that decided;
* ``gold oddity``: the gold speaker has no alias that is a name or description and no
  mention the prediction could hit.

Prints a table of counts (and ``--show`` examples per group). Development data only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as ds  # noqa: E402
from benchmarks.score import (  # noqa: E402
    Predicted,
    drop_nested,
    entity_names,
    is_pronoun,
    match,
    speaker_correct,
    speaker_correct_lenient,
)
from quoteattr import cache  # noqa: E402
from quoteattr.attribution import AttributionOptions  # noqa: E402
from quoteattr.pipeline import Attributor  # noqa: E402

CARRY = ("inherited:", "quote-opens-paragraph", "ranked:")


def _rule(evidence: tuple[str, ...]) -> str:
    """The carry-over rule that decided a quote, or "cue" when a cue did."""
    for e in evidence:
        if e.startswith(CARRY):
            return e
    return "cue"


def _narrator(gold: Any, text: str) -> bool:
    return any(text[a:b].lower() in ("i", "me", "my") for a, b in gold.mentions[:40])


def classify(text: str, g: Any, p: Predicted, quote: Any, others: list, prev: Any) -> str:
    """One error's group (see the module docstring)."""
    rule = _rule(quote.evidence)
    if p.speaker_label is None:
        return "no speaker (cue without speaker)" if rule == "cue" and any(
            e.startswith("unattributed:cue") for e in quote.evidence) else "no speaker (no cue)"
    if g.speaker is None:
        return "gold oddity: no gold speaker"
    lenient = speaker_correct_lenient(text, p, g.speaker, others)
    mention = text[p.mention[0]:p.mention[1]] if p.mention else ""
    label = (p.entity_name or p.speaker_name or p.speaker_label or "").lower()
    if "narrator" in label or mention.lower() in ("i", "me") or (
            _narrator(g.speaker, text) and mention.lower() in ("i", "me")):
        return "narrator"
    if lenient and is_pronoun(mention):
        named = any(n and not is_pronoun(n) for n in (p.entity_name, p.speaker_name))
        how = "cue" if rule == "cue" else "carry-over"
        return f"pronoun: right mention, resolved to the wrong entity ({how})" if named \
            else f"pronoun: right mention, unresolved ({how})"
    if lenient:
        return "description/fragment not linked to the name"
    if p.mention and quote.start <= p.mention[0] < quote.end:
        return "addressee/inside quote as speaker"
    if prev is not None and p.mention and prev[0] <= p.mention[0] < prev[1]:
        return "addressee/inside quote as speaker"
    if is_pronoun(mention):
        return f"pronoun: wrong person ({'cue' if rule == 'cue' else 'carry-over'})"
    if rule == "cue":
        return "cue: wrong person"
    return f"carry-over: {rule}"


def analyse(dataset: str, shared: Path, parses: Path, options: AttributionOptions
            ) -> dict[str, list[str]]:
    att = Attributor(models="bundled", options=options)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in ds.load(dataset, shared):
        path = parses / dataset / f"{doc.id}.parse.json.gz"
        if not path.exists():
            continue
        out = att.attribute_parsed(cache.load_parse(path))
        names = entity_names(out)
        quotes = [q for q in out.quotes]
        preds = [Predicted.from_quote(q, names) for q in quotes]
        by_pred = dict(zip(map(id, preds), quotes))
        if not doc.nested:
            preds = drop_nested(preds)
        speech = [p for p in preds if p.speech]
        gold = [g for g in doc.quotes if g.speech]
        others = list({g.speaker: None for g in doc.quotes if g.speaker is not None})
        matches = match(doc.text, gold, speech)
        mg = {i for i, *_ in matches}
        mp = {j for _, j, *_ in matches}
        groups["missed"] += [f"{doc.id}: {g.text[:60]!r}" for i, g in enumerate(gold)
                             if i not in mg and not g.lenient]
        groups["spurious"] += [
            f"{doc.id}: {doc.text[p.start:p.end][:60]!r} "
            f"[{' '.join(e for e in by_pred[id(p)].evidence if ':' in e or '-' in e)}] "
            f"after {doc.text[max(0, p.start - 50):p.start]!r}"
            for j, p in enumerate(speech) if j not in mp]
        for i, j, _, _ in sorted(matches):
            g, p = gold[i], speech[j]
            if speaker_correct(doc.text, p, g.speaker, others):
                groups["right"].append("")
                continue
            prev = (gold[i - 1].start, gold[i - 1].end) if i else None
            q = by_pred[id(p)]
            key = classify(doc.text, g, p, q, others, prev)
            gname = g.speaker.name or (g.speaker.aliases or ("?",))[0] if g.speaker else None
            groups[key].append(f"{doc.id}: {g.text[:50]!r} gold={gname!r} "
                               f"pred={p.entity_name or p.speaker_label!r} "
                               f"[{' '.join(e for e in q.evidence if ':' in e or '-' in e)}]")
    return groups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default="litbank")
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--disabled", default="")
    args = ap.parse_args(argv)
    disabled = {r for r in args.disabled.split(",") if r}
    groups = analyse(args.dataset, ds.shared_dir(args.shared), args.parses,
                     AttributionOptions(disabled=disabled))
    errors = sum(len(v) for k, v in groups.items() if k != "right")
    print(f"{args.dataset}: {len(groups['right'])} right, {errors} errors (strict, end to end)")
    print("| cause | errors | share |\n|---|---|---|")
    counts = Counter({k: len(v) for k, v in groups.items() if k != "right"})
    for k, n in counts.most_common():
        print(f"| {k} | {n} | {n / errors:.1%} |")
    for k, _ in counts.most_common():
        for line in groups[k][: args.show]:
            print(f"  {k}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
