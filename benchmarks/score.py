"""The scorer: pure functions from gold and predicted quotes to metrics. No I/O, no models.

Definitions (documented in benchmarks/README.md):

* Span matching is one-to-one and greedy by overlap. *Exact*: the two spans are equal after
  trimming whitespace and punctuation from both ends. *Overlap*: intersection over union of the
  trimmed spans is at least 0.5.
* Span precision/recall/F1 are over **speech**: predicted quotes whose kind is not
  ``nonspeech`` against gold quotes with ``speech`` true. A gold quote marked ``lenient`` is
  right either way: matched, it counts as speech; unmatched, it is not missed.
* Non-speech precision: of the predicted non-speech quotes that match a gold quote (overlap),
  the share that gold calls non-speech (or lenient). Scare quotes reported as speech are
  counted in ``nonspeech_as_speech``.
* Speaker accuracy: over gold speech quotes matched by a predicted speech quote, the share with
  the right speaker (:func:`speaker_correct`). End-to-end: a quote counts only when matched and
  right: precision over predicted speech quotes, recall over gold speech quotes.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import attrs

from benchmarks.datasets import GoldDocument, GoldQuote, GoldSpeaker

KINDS = ("named", "titled", "anonymous", "organization", "pronoun")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them", "it", "you"})
_DETERMINERS = ("the ", "a ", "an ")


@attrs.frozen(kw_only=True)
class Predicted:
    """A system's quote, reduced to what the scorer reads."""

    start: int
    end: int
    speech: bool
    speaker_label: str | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    mention: tuple[int, int] | None = None

    @classmethod
    def from_quote(cls, q: Any) -> Predicted:
        """From a ``quoteattr.Quote``."""
        sp = q.speaker
        return cls(start=q.start, end=q.end, speech=q.kind.value != "nonspeech",
                   speaker_label=sp.label if sp else None, speaker_name=sp.name if sp else None,
                   speaker_kind=sp.kind.value if sp else None,
                   mention=(sp.mention.start, sp.mention.end) if sp else None)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace and punctuation at both ends."""
    while start < end and _skippable(text[start]):
        start += 1
    while end > start and _skippable(text[end - 1]):
        end -= 1
    return start, end


def _skippable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two spans (0 when disjoint; 1 for equal non-empty spans)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else float(a == b)


def match(text: str, gold: Sequence[GoldQuote], pred: Sequence[Predicted],
          threshold: float = 0.5) -> list[tuple[int, int, float, bool]]:
    """One-to-one matches (gold index, pred index, overlap, exact), best overlap first."""
    g_spans = [trim(text, g.start, g.end) for g in gold]
    p_spans = [trim(text, p.start, p.end) for p in pred]
    pairs = []
    for i, gs in enumerate(g_spans):
        for j, ps in enumerate(p_spans):
            ov = overlap(gs, ps)
            if ov >= threshold:
                pairs.append((ov, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for ov, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, ov, g_spans[i] == p_spans[j]))
    return sorted(out)


def drop_nested(pred: Sequence[Predicted]) -> list[Predicted]:
    """The predicted quotes that are not inside another predicted quote."""
    out: list[Predicted] = []
    for p in sorted(pred, key=lambda p: (p.start, -p.end)):
        if out and p.start >= out[-1].start and p.end <= out[-1].end:
            continue
        out.append(p)
    return out


def normalize(name: str | None) -> str:
    if not name:
        return ""
    s = " ".join(name.replace("’", "'").split()).lower().strip(" ,.;:")
    for det in _DETERMINERS:
        if s.startswith(det):
            s = s[len(det):]
    if s.endswith("'s"):
        s = s[:-2]
    return s


def speaker_correct(text: str, pred: Predicted, gold: GoldSpeaker | None) -> bool:
    """Is the predicted speaker the gold one?

    Right when the predicted name or label equals one of the gold aliases (case, leading
    determiners and a possessive ignored); for datasets whose gold speakers are coreference
    entities (LitBank), also when the predicted mention overlaps any mention of the entity.
    A gold quote with no speaker is right only when nothing is predicted.
    """
    if gold is None:
        return pred.speaker_label is None
    if pred.speaker_label is None:
        return False
    aliases = {normalize(a) for a in gold.aliases} - {""}
    for cand in (pred.speaker_name, pred.speaker_label):
        if normalize(cand) and normalize(cand) in aliases:
            return True
    if gold.entity is not None:
        # coreference-entity gold lists raw mentions ("plain Jack Durbeyfield"): a predicted
        # name that ends one of them, or that one of them ends ("Durbeyfield"), names it too
        for cand in (pred.speaker_name, pred.speaker_label):
            toks = normalize(cand).split()
            if not toks or not toks[-1][:1].isalpha():
                continue
            for alias in aliases:
                a = alias.split()
                k = min(len(a), len(toks))
                if a[-k:] == toks[-k:] and (k == len(toks) or k == len(a)) and \
                        any(ch.isupper() for ch in (cand or "")):
                    return True
        if pred.mention is not None:
            return any(overlap(pred.mention, m) > 0 for m in gold.mentions)
    return False


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": n_pred, "gold": n_gold}


def score(docs: Sequence[GoldDocument], predictions: Sequence[Sequence[Predicted]]
          ) -> dict[str, Any]:
    """All metrics for one system on one dataset; ``predictions[i]`` belongs to ``docs[i]``."""
    if len(docs) != len(predictions):
        raise ValueError("one prediction list per document")
    c: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for doc, pred in zip(docs, predictions):
        text = doc.text
        if not doc.nested:
            pred = drop_nested(pred)
        speech_pred = [p for p in pred if p.speech]
        gold_speech = [g for g in doc.quotes if g.speech]
        # spans: speech vs speech
        matches = match(text, gold_speech, speech_pred)
        matched_g = {i for i, _, _, _ in matches}
        matched_p = {j for _, j, _, _ in matches}
        exact = [m for m in matches if m[3]]
        lenient_missed = sum(1 for i, g in enumerate(gold_speech)
                             if i not in matched_g and g.lenient)
        c["gold_speech"] += len(gold_speech) - lenient_missed
        c["pred_speech"] += len(speech_pred)
        c["span_tp_overlap"] += len(matches)
        c["span_tp_exact"] += len(exact)
        # a predicted speech quote that lands on a gold non-speech quote
        nonspeech_gold = [g for g in doc.quotes if not g.speech and not g.lenient]
        for _, j, _, _ in match(text, nonspeech_gold, speech_pred):
            c["nonspeech_as_speech"] += 1
            p = speech_pred[j]
            errors.append({"doc": doc.id, "type": "scare-quote-as-speech",
                           "quote": text[p.start:p.end][:80]})
        # non-speech precision
        nonspeech_pred = [p for p in pred if not p.speech]
        for i, _j, _, _ in match(text, list(doc.quotes), nonspeech_pred):
            c["nonspeech_pred_matched"] += 1
            g = doc.quotes[i]
            if not g.speech or g.lenient:
                c["nonspeech_pred_right"] += 1
            else:
                errors.append({"doc": doc.id, "type": "speech-as-nonspeech",
                               "quote": g.text[:80]})
        # speakers on matched speech quotes
        for i, j, _, _ in matches:
            g, p = gold_speech[i], speech_pred[j]
            kind = (g.speaker.kind if g.speaker else "none") or "none"
            ok = speaker_correct(text, p, g.speaker)
            if p.mention is not None and \
                    text[p.mention[0]:p.mention[1]].lower() in _PRONOUNS:
                # the speaker was named by a pronoun: what coreference would change
                c["pronoun_speakers"] += 1
                c["pronoun_speakers_right"] += ok
            c["speaker_right"] += ok
            by_kind[kind]["matched"] += 1
            by_kind[kind]["right"] += ok
            confusion[kind][p.speaker_kind or "none"] += 1
            if not ok:
                errors.append({
                    "doc": doc.id, "type": "wrong-speaker", "quote": g.text[:80],
                    "gold": (g.speaker.name or (g.speaker.aliases or ("?",))[0])
                    if g.speaker else None,
                    "predicted": p.speaker_label, "predicted_kind": p.speaker_kind})
        for i, g in enumerate(gold_speech):
            kind = (g.speaker.kind if g.speaker else "none") or "none"
            if not g.lenient or i in matched_g:
                by_kind[kind]["gold"] += 1
            if i not in matched_g and not g.lenient:
                errors.append({"doc": doc.id, "type": "missed", "quote": g.text[:80]})
        for j, p in enumerate(speech_pred):
            if j not in matched_p:
                errors.append({"doc": doc.id, "type": "spurious",
                               "quote": text[p.start:p.end][:80],
                               "predicted": p.speaker_label})
    n_matched = c["span_tp_overlap"]
    result: dict[str, Any] = {
        "documents": len(docs),
        "spans_exact": _prf(c["span_tp_exact"], c["pred_speech"], c["gold_speech"]),
        "spans_overlap": _prf(n_matched, c["pred_speech"], c["gold_speech"]),
        "nonspeech_precision": round(c["nonspeech_pred_right"] / c["nonspeech_pred_matched"], 4)
        if c["nonspeech_pred_matched"] else None,
        "nonspeech_as_speech": c["nonspeech_as_speech"],
        "pronoun_speakers": {"quotes": c["pronoun_speakers"],
                             "right": c["pronoun_speakers_right"]},
        "speaker_accuracy": round(c["speaker_right"] / n_matched, 4) if n_matched else 0.0,
        "end_to_end": _prf(c["speaker_right"], c["pred_speech"], c["gold_speech"]),
        "by_kind": {
            k: {"gold": v["gold"], "matched": v["matched"],
                "accuracy": round(v["right"] / v["matched"], 4) if v["matched"] else None,
                "end_to_end_recall": round(v["right"] / v["gold"], 4) if v["gold"] else None}
            for k, v in sorted(by_kind.items())},
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "errors": errors,
    }
    return result
