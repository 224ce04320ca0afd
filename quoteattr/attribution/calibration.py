"""Calibrated confidence: how often a quote's deciding rule was right on development data.

The rules set ``Quote.confidence`` from the numbers of `weights` (a cue's strength times a
speaker factor, a carry-over rule's own score). Those are ranks, not frequencies. After
the entity layer, `calibrate` replaces the confidence of every speech quote that has a
speaker with the measured accuracy of its *decider* (`decider`: the rule that chose the
speaker and what kind of mention it named, e.g. ``cue|speaker:named`` or
``inherited:previous-paragraph|speaker:titled``), as written in
``quoteattr/data/calibration.json`` by ``python -m training.calibration``: the share of the
development quotes with that decider whose speaker was right (strict, end to end), counted
per document and averaged over the documents (each counts once, however many quotes it
has), smoothed toward the accuracy of all quotes when a decider was seen in only a few. Where the
learned rankers decided (``resolved:ranked`` for a cue's pronoun, ``inherited:ranked`` for
a turn with no cue), their probability stays in the confidence through a straight line fit
on those quotes (``lines``: right ~ a + b x confidence, least squares), so a likelier
person still gets a higher confidence.

A speaker a carry-over rule copied from an earlier quote (`COPIED`: the previous quote in
the paragraph, the turn before last, the previous paragraph's speaker) is no surer than its
source: its confidence is at most that of the latest earlier quote with the same speaker.

So a confidence of 0.9 means: in a development document, nine in ten quotes decided this way
had the right speaker. Quotes with no speaker, non-speech quotes, and deciders never seen keep
the rules' numbers. ``AttributionOptions(calibrated=False)`` keeps the rules' numbers
everywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import attrs

from quoteattr._data import load_json
from quoteattr.types import Quote, QuoteKind

__all__ = ["COPIED", "LINED", "RANKED", "TURN_RANKED", "Calibration", "calibrate",
           "confidences", "copies", "decider", "load_calibration", "ranker_confidence",
           "speaker_key"]

_DATA = "calibration.json"
_CARRY = ("inherited:", "quote-opens-paragraph")
#: The decider of a cue whose pronoun the learned ranker resolved (its probability is kept).
RANKED = "cue|pronoun:ranked"
#: The decider of a quote with no cue whose speaker the learned turn ranker chose.
TURN_RANKED = "inherited:ranked"
#: The deciders whose confidence is a ranker's probability, mapped through a fitted line.
LINED = (RANKED, TURN_RANKED)


def decider(quote: Quote) -> str | None:
    """The key a quote's confidence is calibrated by, or None (no speaker, non-speech).

    The first part is the stage that chose the speaker: ``cue`` or the carry-over rule's
    label; the second what the speaker stands on: the mention's kind, a pronoun resolved
    (``pronoun:resolved``, ``pronoun:ranked``) or left alone, or the narrator.
    """
    sp = quote.speaker
    if sp is None or quote.kind is QuoteKind.NONSPEECH:
        return None
    ev = quote.evidence
    if TURN_RANKED in ev:
        return TURN_RANKED
    # a turn taken for a paragraph that only opens with the quote is its own decider
    stage = "quote-opens-paragraph" if "quote-opens-paragraph" in ev else \
        next((e for e in ev if e.startswith(_CARRY)), "cue")
    if "entity:narrator" in ev:
        what = "narrator"
    elif "resolved:ranked" in ev:
        what = "pronoun:ranked"
    elif any(e.startswith("resolved:") for e in ev):
        what = "pronoun:resolved"
    else:
        what = next((e for e in ev if e.startswith("speaker:")), f"speaker:{sp.kind.value}")
    return f"{stage}|{what}"


@attrs.frozen
class Calibration:
    """Accuracy per decider (smoothed), and the lines that map the rankers' confidences
    (`LINED` deciders: ``(a, b)`` of a + b x confidence)."""

    accuracy: Mapping[str, float]
    lines: Mapping[str, tuple[float, float]] = attrs.field(factory=dict)
    provenance: Mapping[str, object] = attrs.field(factory=dict)


@functools.lru_cache(maxsize=1)
def load_calibration() -> Calibration | None:
    """The shipped table (None when the data file is absent)."""
    data = load_json(_DATA)
    if data is None:
        return None
    return Calibration({k: float(v["accuracy"]) for k, v in data["deciders"].items()},
                       {k: (float(v[0]), float(v[1])) for k, v in data.get("lines", {}).items()},
                       data.get("provenance", {}))


def ranker_confidence(key: str, confidence: float, table: Calibration) -> float:
    """The calibrated confidence of a quote a ranker decided (clipped to 0..1)."""
    a, b = table.lines.get(key, (0.0, 1.0))
    return round(max(0.0, min(1.0, a + b * confidence)), 3)


#: Carry-over stages that copy the speaker of an earlier quote (the previous quote in the
#: paragraph, the turn before last, the previous paragraph's speaker going on).
COPIED = ("inherited:previous-quote-in-paragraph", "inherited:dialogue-turn",
          "inherited:previous-paragraph")


def copies(key: str | None) -> bool:
    """Does a quote with this decider copy an earlier quote's speaker (`COPIED`)?"""
    return key is not None and key.split("|")[0] in COPIED


def speaker_key(quote: Quote) -> str | None:
    """Who a quote's speaker is, for finding the quote a copied speaker came from: the
    entity id, else the label."""
    sp = quote.speaker
    if sp is None:
        return None
    return sp.entity or sp.label


def confidences(decided: Sequence[tuple[str | None, float, str | None]], table: Calibration
                ) -> list[float]:
    """The calibrated confidence of each quote of a document, in text order, from its
    ``(decider, confidence, speaker_key)``: a ranker's probability through its line, else
    the decider's accuracy in ``table``, else the number as it was; a speaker copied from an
    earlier quote (`COPIED`) at most the confidence of the latest earlier quote with the same
    speaker (a copy is no surer than its source)."""
    out = []
    latest: dict[str, float] = {}
    for key, c, who in decided:
        if key in LINED:
            c = ranker_confidence(key, c, table)
        elif key is not None and key in table.accuracy:
            c = round(table.accuracy[key], 3)
            source = latest.get(who) if who is not None else None
            if copies(key) and source is not None:
                c = min(c, source)
        if key is not None and who is not None:
            latest[who] = c
        out.append(c)
    return out


def calibrate(quotes: Sequence[Quote], table: Calibration | None = None) -> list[Quote]:
    """The quotes with calibrated confidences (see the module docstring and `confidences`)."""
    table = table if table is not None else load_calibration()
    if table is None:
        return list(quotes)
    values = confidences([(decider(q), q.confidence, speaker_key(q)) for q in quotes], table)
    return [q if c == q.confidence else attrs.evolve(q, confidence=c)
            for q, c in zip(quotes, values)]
