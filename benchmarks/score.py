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
  the right speaker, strict (:func:`speaker_correct`: the name or label names the gold entity)
  and lenient (:func:`speaker_correct_lenient`: also any overlapping mention of it).
  End-to-end: a quote counts only when matched and right: precision over predicted speech
  quotes, recall over gold speech quotes.
* Unresolved pronoun speakers: predicted speech quotes whose speaker is only a pronoun, with
  no name and no named entity (:func:`is_pronoun`), and their share of predicted speech quotes.
* B³ over quote -> entity clusters (:func:`b_cubed`), where gold speakers are entities.
* Calibration: end-to-end accuracy of the predicted speech quotes by confidence bin
  (:func:`calibration`).

A metric with no cases is None (the report shows "n/a").
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from benchmarks.datasets import GoldDocument, GoldQuote, GoldSpeaker

KINDS = ("named", "titled", "anonymous", "organization", "pronoun")


@attrs.frozen(kw_only=True)
class Predicted:
    """A system's quote, reduced to what the scorer reads.

    ``entity`` is the speaker's entity id and ``entity_name`` that entity's name, when the
    system reports entities (None otherwise); ``confidence`` is None when the system gives
    none.
    """

    start: int
    end: int
    speech: bool
    speaker_label: str | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    mention: tuple[int, int] | None = None
    confidence: float | None = None
    entity: str | None = None
    entity_name: str | None = None

    @classmethod
    def from_record(cls, record: Mapping[str, Any],
                    entity_names: Mapping[str, str | None] | None = None) -> Predicted:
        """From a ``Quote.to_dict()`` record, with or without ``speaker.entity``;
        ``entity_names`` maps the document's entity ids to their names."""
        sp = record.get("speaker") or None
        mention = sp.get("mention") if sp else None
        entity = sp.get("entity") if sp else None
        conf = record.get("confidence")
        return cls(start=int(record["start"]), end=int(record["end"]),
                   speech=record.get("kind") != "nonspeech",
                   speaker_label=sp.get("label") if sp else None,
                   speaker_name=sp.get("name") if sp else None,
                   speaker_kind=sp.get("kind") if sp else None,
                   mention=(int(mention["start"]), int(mention["end"])) if mention else None,
                   confidence=None if conf is None else float(conf),
                   entity=str(entity) if entity is not None else None,
                   entity_name=(entity_names or {}).get(entity) if entity is not None else None)

    @classmethod
    def from_quote(cls, q: Any, entity_names: Mapping[str, str | None] | None = None
                   ) -> Predicted:
        """From a ``quoteattr.Quote``."""
        return cls.from_record(q.to_dict(), entity_names)


def entity_names(doc: Any) -> dict[str, str | None]:
    """Entity id -> name of a ``quoteattr.Document`` (empty when it has no ``entities``);
    entities may be objects with ``id`` and ``name`` or dicts with those keys."""
    out: dict[str, str | None] = {}
    for e in getattr(doc, "entities", None) or ():
        if isinstance(e, Mapping):
            out[str(e.get("id"))] = e.get("name")
        else:
            out[str(getattr(e, "id", None))] = getattr(e, "name", None)
    return out


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


# --------------------------------------------------------------------------------------------
# Does a predicted speaker name the gold one?

#: Honorific and title abbreviations, each mapped to one canonical form, so "Mr." = "Mr" =
#: "Mister". They are kept (not dropped): "Mr. Bennet" and "Mrs. Bennet" stay different people.
HONORIFICS = {
    "mr": "mr", "mister": "mr", "mrs": "mrs", "missus": "mrs", "ms": "ms", "miss": "miss",
    "dr": "dr", "doctor": "dr", "prof": "prof", "professor": "prof", "rev": "rev",
    "reverend": "rev", "st": "st", "saint": "st", "capt": "capt", "captain": "capt",
    "col": "col", "colonel": "col", "gen": "gen", "lt": "lt", "sgt": "sgt", "messrs": "messrs",
    "mme": "mme", "madame": "mme", "mlle": "mlle", "sir": "sir", "lady": "lady", "lord": "lord",
}
PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his",
                      "she", "her", "it", "its", "they", "them", "their", "myself",
                      "ourselves", "yourself", "himself", "herself", "itself", "themselves",
                      "thee", "thou", "ye"})
_DETERMINERS = frozenset({"the", "a", "an"})
_FUNCTION = _DETERMINERS | PRONOUNS | frozenset(HONORIFICS.values()) | frozenset(
    {"of", "and", "to", "in", "on", "at", "for", "with", "by", "this", "that", "these", "those",
     "some", "any", "no", "all", "who", "which", "old", "young", "little", "poor", "dear"})


def name_tokens(name: str | None) -> tuple[str, ...]:
    """A speaker string as comparable tokens.

    Unicode NFKC, curly apostrophes made straight, lower case; split at whitespace (so line
    breaks and runs of spaces do not matter); punctuation stripped from both ends of each token
    (inner apostrophes and hyphens kept: "d'urberville", "sea-dog"); a possessive "'s" or
    trailing "'" dropped; honorifics mapped by :data:`HONORIFICS`; one leading determiner (the,
    a, an) dropped. ``"The Rev. Mr. Beebe's"`` -> ``("rev", "mr", "beebe")``.
    """
    if not name:
        return ()
    s = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'").lower()
    toks = []
    for raw in s.split():
        tok = raw
        while tok and _skippable(tok[0]):
            tok = tok[1:]
        while tok and _skippable(tok[-1]):
            tok = tok[:-1]
        if tok.endswith("'s") and len(tok) > 2:
            tok = tok[:-2]
        if not tok:
            continue
        toks.append(HONORIFICS.get(tok, tok))
    if toks and toks[0] in _DETERMINERS:
        toks = toks[1:]
    return tuple(toks)


def normalize(name: str | None) -> str:
    """:func:`name_tokens` joined by single spaces (the key names are compared and grouped by)."""
    return " ".join(name_tokens(name))


def is_pronoun(name: str | None) -> bool:
    """Whether a speaker string is only a pronoun ("he", "She", "I")."""
    toks = name_tokens(name)
    return len(toks) == 1 and toks[0] in PRONOUNS


def _holds(c: tuple[str, ...], a: tuple[str, ...]) -> bool:
    if not c or not a:
        return False
    if c == a:
        return True
    if not any(t not in _FUNCTION for t in a) or len(a) > len(c):
        return False
    return any(c[i:i + len(a)] == a for i in range(len(c) - len(a) + 1))


def _alias_forms(alias: str | None) -> list[tuple[str, ...]]:
    """An alias's tokens, and (for a description with a comma) its part before the first
    comma: LitBank's nominal mentions carry their modifiers ("an old labouring man, who was
    in his last illness, ...")."""
    forms = [name_tokens(alias)]
    if alias and "," in alias:
        head = name_tokens(alias.split(",", 1)[0])
        if any(t not in _FUNCTION for t in head):
            forms.append(head)
    return [f for f in forms if f]


def _drop_honorifics(toks: tuple[str, ...]) -> tuple[str, ...]:
    honorifics = frozenset(HONORIFICS.values())
    i = 0
    while i < len(toks) and toks[i] in honorifics:
        i += 1
    return toks[i:]


def names(candidate: str | None, alias: str | None) -> bool:
    """Does ``candidate`` name the entity that ``alias`` names (equal or hold)?

    *Equal*: the two have the same :func:`name_tokens`. *Holds*: the alias's tokens occur as a
    contiguous run of the candidate's tokens, and the alias has at least one token that is not
    a determiner, pronoun, honorific or other function word (so "Sir John Durbeyfield" holds
    "John Durbeyfield" and "Durbeyfield", but nothing holds "sir" alone). An alias with a comma
    is also tried cut at its first comma. A candidate that is only a pronoun names nobody.
    """
    if is_pronoun(candidate):
        return False
    c = name_tokens(candidate)
    return any(_holds(c, a) for a in _alias_forms(alias))


def names_without_honorific(candidate: str | None, alias: str | None) -> bool:
    """A candidate with no honorific equals an alias that has one, once the alias's leading
    honorifics are dropped ("Bartlett" names "Miss Bartlett"; "Jemima Pinkerton" does not
    name "Miss Pinkerton"). :func:`speaker_correct` accepts this only when no
    other speaker of the document is named the same way ("Bennet" with both a Mr. and a
    Mrs. Bennet names neither)."""
    if is_pronoun(candidate):
        return False
    c = name_tokens(candidate)
    if not c or _drop_honorifics(c) != c:
        return False
    return any(c == _drop_honorifics(a) for a in _alias_forms(alias) if _drop_honorifics(a) != a)


def _candidates(pred: Predicted) -> tuple[str, ...]:
    return tuple(x for x in (pred.speaker_name, pred.speaker_label, pred.entity_name) if x)


def speaker_correct(text: str, pred: Predicted, gold: GoldSpeaker | None,
                    others: Sequence[GoldSpeaker] = ()) -> bool:
    """Strict: does the predicted speaker name the gold one, as a reader would read it?

    Right when the predicted name, label, or the name of its entity (``speaker.entity`` and the
    document's entities, when the system reports them) :func:`names` one of the gold aliases,
    or names one without its honorific (:func:`names_without_honorific`) while naming none of
    ``others`` (the document's other gold speakers) that way. Only a gold speaker that the
    text never names (``named`` false: a LitBank entity with no proper or nominal mention, a
    news gold speaker with a mention and no name) falls back to the mention: the predicted
    mention overlaps one of the gold mentions. So an unresolved "he" is wrong whenever the
    speaker has a name or description. A gold quote with no speaker is right only when
    nothing is predicted.
    """
    if gold is None:
        return pred.speaker_label is None
    if pred.speaker_label is None:
        return False
    cands = _candidates(pred)
    if any(names(c, a) for c in cands for a in gold.aliases):
        return True
    for c in cands:
        if any(names_without_honorific(c, a) for a in gold.aliases) and not any(
                names(c, a) or names_without_honorific(c, a)
                for o in others if o != gold and not _same_entity(o, gold) for a in o.aliases):
            return True
    if not gold.named and pred.mention is not None:
        return any(overlap(pred.mention, m) > 0 for m in gold.mentions)
    return False


def _same_entity(a: GoldSpeaker, b: GoldSpeaker) -> bool:
    if a.entity is not None or b.entity is not None:
        return a.entity == b.entity
    return normalize(a.name or (a.aliases or ("",))[0]) == normalize(b.name or (b.aliases or ("",))[0])


def speaker_correct_lenient(text: str, pred: Predicted, gold: GoldSpeaker | None,
                            others: Sequence[GoldSpeaker] = ()) -> bool:
    """Lenient: strict, or the rule of earlier releases. That rule takes an exact alias; for
    coreference-entity gold (LitBank) also a capitalized name that ends an alias or that an
    alias ends, and any predicted mention overlapping any mention of the entity, even an
    unresolved pronoun."""
    if speaker_correct(text, pred, gold, others):
        return True
    if gold is None or pred.speaker_label is None:
        return False
    aliases = {normalize(a) for a in gold.aliases} - {""}
    if any(normalize(c) in aliases for c in _candidates(pred)):
        return True
    if gold.entity is not None:
        for cand in _candidates(pred):
            toks = normalize(cand).split()
            if not toks or not toks[-1][:1].isalpha():
                continue
            for alias in aliases:
                a = alias.split()
                k = min(len(a), len(toks))
                if a[-k:] == toks[-k:] and (k == len(toks) or k == len(a)) and \
                        any(ch.isupper() for ch in cand):
                    return True
        if pred.mention is not None:
            return any(overlap(pred.mention, m) > 0 for m in gold.mentions)
    return False


# --------------------------------------------------------------------------------------------
# Entity clusters and calibration


def predicted_cluster(pred: Predicted) -> str | None:
    """The key a predicted speaker is grouped by within a document: its entity id when the
    system gives one, else the normalized name, else the normalized label; None when no
    speaker."""
    if pred.speaker_label is None:
        return None
    if pred.entity:
        return "entity:" + pred.entity
    return "name:" + normalize(pred.speaker_name or pred.speaker_label)


def b_cubed(gold: Sequence[Any], pred: Sequence[Any]) -> dict[str, float | int | None]:
    """B³ (Bagga & Baldwin 1998) of two clusterings of the same items: ``gold[i]`` and
    ``pred[i]`` are item i's cluster keys (None = a cluster of its own). Per item, precision is
    the share of its predicted cluster that is in its gold cluster, recall the share of its
    gold cluster that is in its predicted cluster; both averaged over the items."""
    if len(gold) != len(pred):
        raise ValueError("one gold and one predicted key per item")
    n = len(gold)
    if not n:
        return {"precision": None, "recall": None, "f1": None, "items": 0}
    g = [k if k is not None else ("single", i) for i, k in enumerate(gold)]
    p = [k if k is not None else ("single", i) for i, k in enumerate(pred)]
    g_members: dict[Any, set[int]] = defaultdict(set)
    p_members: dict[Any, set[int]] = defaultdict(set)
    for i in range(n):
        g_members[g[i]].add(i)
        p_members[p[i]].add(i)
    prec = rec = 0.0
    for i in range(n):
        common = len(g_members[g[i]] & p_members[p[i]])
        prec += common / len(p_members[p[i]])
        rec += common / len(g_members[g[i]])
    prec, rec = prec / n, rec / n
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f, 4), "items": n}


#: Confidence bins of the calibration table: [0, 0.1), [0.1, 0.2) ... [0.9, 1.0].
N_BINS = 10
#: The issue's calibration targets: (threshold, accuracy the quotes at or above it must reach).
CALIBRATION_TARGETS = ((0.9, 0.90), (0.5, 0.75))


def calibration(items: Sequence[tuple[float, bool]]) -> dict[str, Any]:
    """Accuracy by confidence bin of ``(confidence, right)`` pairs, and the targets met or not
    (``met`` is None when no quote reaches the threshold)."""
    bins = []
    for b in range(N_BINS):
        lo, hi = b / N_BINS, (b + 1) / N_BINS
        inside = [(c, r) for c, r in items if lo <= c < hi or (b == N_BINS - 1 and c >= hi)]
        bins.append({"low": lo, "high": hi, "quotes": len(inside),
                     "right": sum(r for _, r in inside),
                     "accuracy": round(sum(r for _, r in inside) / len(inside), 4)
                     if inside else None,
                     "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 4)
                     if inside else None})
    targets = []
    for threshold, needed in CALIBRATION_TARGETS:
        above = [r for c, r in items if c >= threshold]
        acc = round(sum(above) / len(above), 4) if above else None
        targets.append({"threshold": threshold, "target": needed, "quotes": len(above),
                        "accuracy": acc, "met": None if acc is None else acc >= needed})
    return {"quotes": len(items), "bins": bins, "targets": targets}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int | None]:
    """Precision, recall, F1; a ratio with no cases is None (shown "n/a"), and F1 is None
    only when both are."""
    p = tp / n_pred if n_pred else None
    r = tp / n_gold if n_gold else None
    if p is None and r is None:
        f = None
    else:
        f = 2 * p * r / (p + r) if p and r else 0.0
    return {"precision": None if p is None else round(p, 4),
            "recall": None if r is None else round(r, 4),
            "f1": None if f is None else round(f, 4), "tp": tp, "predicted": n_pred,
            "gold": n_gold}


@attrs.define
class _Tally:
    """What `score` adds up over the documents of a dataset."""

    c: Counter = attrs.field(factory=Counter)
    by_kind: dict[str, Counter] = attrs.field(factory=lambda: defaultdict(Counter))
    confusion: dict[str, Counter] = attrs.field(factory=lambda: defaultdict(Counter))
    errors: list[dict[str, Any]] = attrs.field(factory=list)
    b3_gold: list[Any] = attrs.field(factory=list)
    b3_pred: list[Any] = attrs.field(factory=list)
    b3_possible: bool = True
    conf_items: list[tuple[float, bool]] = attrs.field(factory=list)


def score(docs: Sequence[GoldDocument], predictions: Sequence[Sequence[Predicted]]
          ) -> dict[str, Any]:
    """All metrics for one system on one dataset; ``predictions[i]`` belongs to ``docs[i]``."""
    if len(docs) != len(predictions):
        raise ValueError("one prediction list per document")
    t = _Tally()
    for doc, pred in zip(docs, predictions):
        _score_document(doc, pred, t)
    return _summary(len(docs), t)


def _score_document(doc: GoldDocument, pred: Sequence[Predicted], t: _Tally) -> None:
    """Add one document's spans, quote types, speakers and errors to ``t``."""
    c = t.c
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
    for p in speech_pred:
        if p.speaker_label is not None and is_pronoun(p.speaker_label) and not any(
                n and not is_pronoun(n) for n in (p.speaker_name, p.entity_name)):
            c["unresolved_pronouns"] += 1  # an entity the text names only "he" is no name
    _score_quote_types(doc, pred, speech_pred, t)
    right_p = _score_speakers(doc, gold_speech, speech_pred, matches, t)
    for j, p in enumerate(speech_pred):
        if p.confidence is not None:
            t.conf_items.append((p.confidence, j in right_p))
    for i, g in enumerate(gold_speech):
        kind = (g.speaker.kind if g.speaker else "none") or "none"
        if not g.lenient or i in matched_g:
            t.by_kind[kind]["gold"] += 1
        if i not in matched_g and not g.lenient:
            t.errors.append({"doc": doc.id, "type": "missed", "quote": g.text[:80]})
    for j, p in enumerate(speech_pred):
        if j not in matched_p:
            t.errors.append({"doc": doc.id, "type": "spurious",
                             "quote": text[p.start:p.end][:80],
                             "predicted": p.speaker_label})


def _score_quote_types(doc: GoldDocument, pred: Sequence[Predicted],
                       speech_pred: list[Predicted], t: _Tally) -> None:
    """Speech predicted on gold non-speech quotes, and the precision of non-speech."""
    text = doc.text
    # a predicted speech quote that lands on a gold non-speech quote
    nonspeech_gold = [g for g in doc.quotes if not g.speech and not g.lenient]
    for _, j, _, _ in match(text, nonspeech_gold, speech_pred):
        t.c["nonspeech_as_speech"] += 1
        p = speech_pred[j]
        t.errors.append({"doc": doc.id, "type": "scare-quote-as-speech",
                         "quote": text[p.start:p.end][:80]})
    # non-speech precision
    nonspeech_pred = [p for p in pred if not p.speech]
    for i, _j, _, _ in match(text, list(doc.quotes), nonspeech_pred):
        t.c["nonspeech_pred_matched"] += 1
        g = doc.quotes[i]
        if not g.speech or g.lenient:
            t.c["nonspeech_pred_right"] += 1
        else:
            t.errors.append({"doc": doc.id, "type": "speech-as-nonspeech",
                             "quote": g.text[:80]})


def _score_speakers(doc: GoldDocument, gold_speech: list[GoldQuote],
                    speech_pred: list[Predicted], matches: list[tuple[int, int, float, bool]],
                    t: _Tally) -> set[int]:
    """Speakers on matched speech quotes; returns the indices of the right predictions."""
    c = t.c
    text = doc.text
    right_p: set[int] = set()
    speakers = list({g.speaker: None for g in doc.quotes if g.speaker is not None})
    for i, j, _, _ in matches:
        g, p = gold_speech[i], speech_pred[j]
        kind = (g.speaker.kind if g.speaker else "none") or "none"
        ok = speaker_correct(text, p, g.speaker, speakers)
        ok_lenient = speaker_correct_lenient(text, p, g.speaker, speakers)
        if ok:
            right_p.add(j)
        if p.mention is not None and is_pronoun(text[p.mention[0]:p.mention[1]]):
            # the speaker was named by a pronoun: what coreference would change
            c["pronoun_speakers"] += 1
            c["pronoun_speakers_right"] += ok
            c["pronoun_speakers_right_lenient"] += ok_lenient
        c["speaker_right"] += ok
        c["speaker_right_lenient"] += ok_lenient
        t.by_kind[kind]["matched"] += 1
        t.by_kind[kind]["right"] += ok
        t.by_kind[kind]["right_lenient"] += ok_lenient
        t.confusion[kind][p.speaker_kind or "none"] += 1
        if g.speaker is not None:
            if g.speaker.entity is None:
                t.b3_possible = False
            t.b3_gold.append((doc.id, g.speaker.entity))
            key = predicted_cluster(p)
            t.b3_pred.append((doc.id, key) if key is not None else None)
        if not ok:
            t.errors.append({
                "doc": doc.id, "type": "wrong-speaker", "quote": g.text[:80],
                "gold": (g.speaker.name or (g.speaker.aliases or ("?",))[0])
                if g.speaker else None,
                "predicted": p.speaker_label, "predicted_kind": p.speaker_kind,
                "lenient_right": ok_lenient})
    return right_p


def _summary(n_docs: int, t: _Tally) -> dict[str, Any]:
    """The metrics of `score` from the tally over its documents."""
    c, by_kind, confusion = t.c, t.by_kind, t.confusion
    errors, b3_gold, b3_pred, b3_possible = t.errors, t.b3_gold, t.b3_pred, t.b3_possible
    conf_items = t.conf_items
    n_matched = c["span_tp_overlap"]
    result: dict[str, Any] = {
        "documents": n_docs,
        "spans_exact": _prf(c["span_tp_exact"], c["pred_speech"], c["gold_speech"]),
        "spans_overlap": _prf(n_matched, c["pred_speech"], c["gold_speech"]),
        "nonspeech_precision": _ratio(c["nonspeech_pred_right"], c["nonspeech_pred_matched"]),
        "nonspeech_as_speech": c["nonspeech_as_speech"],
        "pronoun_speakers": {"quotes": c["pronoun_speakers"],
                             "right": c["pronoun_speakers_right"],
                             "right_lenient": c["pronoun_speakers_right_lenient"]},
        "unresolved_pronouns": {"quotes": c["unresolved_pronouns"],
                                "speech_quotes": c["pred_speech"],
                                "share": _ratio(c["unresolved_pronouns"], c["pred_speech"])},
        "speaker_accuracy": _ratio(c["speaker_right"], n_matched),
        "speaker_accuracy_lenient": _ratio(c["speaker_right_lenient"], n_matched),
        "end_to_end": _prf(c["speaker_right"], c["pred_speech"], c["gold_speech"]),
        "end_to_end_lenient": _prf(c["speaker_right_lenient"], c["pred_speech"],
                                   c["gold_speech"]),
        "b_cubed": b_cubed(b3_gold, b3_pred) if b3_possible and b3_gold else None,
        "calibration": calibration(conf_items),
        "by_kind": {
            k: {"gold": v["gold"], "matched": v["matched"],
                "accuracy": _ratio(v["right"], v["matched"]),
                "accuracy_lenient": _ratio(v["right_lenient"], v["matched"]),
                "end_to_end_recall": _ratio(v["right"], v["gold"])}
            for k, v in sorted(by_kind.items())},
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "errors": errors,
    }
    return result
