"""A learned ranker for the speaker pronouns the rules cannot decide (issue 15 item 4).

"“…,” he said" with two or more men in reach is where the hand-set antecedent score of
`quoteattr.attribution.pronouns` went wrong most often on development data (the largest
group of strict speaker errors on LitBank: the right pronoun, resolved to another person).
Where a third-person speaker pronoun has candidates of more than one person that agree
with it, `rank_antecedents` scores each person with a conditional logit (a softmax over the
candidates of one pronoun) over the features of `FEATURES`: distance, grammatical role,
agreement, salience, the last and second-last speaker, whom the previous turn addressed,
and the hand-set rule's own choice. Whom the quote itself addresses or speaks of in the
third person is no candidate (a hard constraint, as in the rules). The person with the
highest probability wins, and the probability becomes the quote's speaker factor (its
confidence is the cue's strength times it).

The weights are data (``quoteattr/data/speaker_ranker.json``: feature names, weights and
the training provenance), made by ``python -m training.ranker`` from development data only.
Inference is plain Python. The rule is `RuleId.RESOLVED_RANKED`; disabling it
(``AttributionOptions(disabled={"resolved:ranked"})``) gives the hand-set score back.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Collection, Mapping, Sequence
from typing import TypeVar

import attrs

from quoteattr import lexicon
from quoteattr._data import load_json
from quoteattr.names import first_name_gender
from quoteattr.attribution.base import DocState
from quoteattr.attribution.pronouns import Antecedent
from quoteattr.parsed import ParsedDoc
from quoteattr.speaker_kinds import Described, EntityIndex
from quoteattr.types import Speaker, SpeakerKind

__all__ = ["FEATURES", "TURN_FEATURES", "Candidate", "RankerModel", "TurnCandidate",
           "antecedents_in", "candidates_of", "load_model", "load_turn_model",
           "rank_antecedents", "rank_turn", "turn_candidates"]

#: The features, in the order of the weights in the data file.
FEATURES: tuple[str, ...] = (
    "nearest",            # the most recent person before the pronoun
    "recency",            # 1 / (1 + how many other persons came since)
    "sentences_back",     # sentences since its latest mention, / 12
    "paragraphs_back",    # paragraphs since its latest mention, / 4
    "same_paragraph",     # mentioned in the pronoun's paragraph
    "subject",            # its latest mention is a subject
    "ever_subject",       # some mention in reach is a subject
    "speaker_mention",    # its latest mention is a quote's speaker
    "named",              # known by a proper name
    "titled",             # known by a description only
    "mentions",           # log(1 + mentions in reach)
    "gender_agrees",      # its gender is known and is the pronoun's
    "gender_unknown",     # the text gives no gender for it
    "prior_agrees",       # no gender in the text, but its first name's prior is the pronoun's
    "prior_disagrees",    # no gender in the text, and its first name's prior is the other
    "last_speaker",       # the previous quote's speaker (n-1)
    "second_last",        # the speaker before that, another person (n-2: turn taking)
    "paragraph_speaker",  # spoke earlier in this paragraph
    "addressed_before",   # the previous paragraph's quote addressed it (it answers)
    "same_sentence",      # its latest mention is in the pronoun's own sentence
    "rule_choice",        # the hand-set score's choice (`pronouns.resolve_pronoun`)
)

_DATA = "speaker_ranker.json"


@attrs.frozen
class RankerModel:
    """Weights of the ranker, one per feature name, and where they came from."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    provenance: Mapping[str, object] = attrs.field(factory=dict)

    def score(self, values: Sequence[float]) -> float:
        return sum(w * v for w, v in zip(self.weights, values))


def _load(part: str | None, features: tuple[str, ...]) -> RankerModel | None:
    data = load_json(_DATA)
    if data is None:
        return None
    if part is not None:
        data = data.get(part) or {}
    if tuple(data.get("features", ())) != features:
        return None
    return RankerModel(tuple(data["features"]), tuple(float(w) for w in data["weights"]),
                       data.get("provenance", {}))


@functools.lru_cache(maxsize=1)
def load_model() -> RankerModel | None:
    """The shipped pronoun-ranker weights (None when the data file is absent or its features
    are not `FEATURES`: the ranker then leaves the hand-set choice in place)."""
    return _load(None, FEATURES)


@attrs.frozen
class Candidate:
    """One person a pronoun may stand for: its latest mention in reach and its features."""

    described: Described
    key: str
    values: tuple[float, ...]


def _key(d: Described, index: EntityIndex) -> str:
    if d.kind is SpeakerKind.NAMED and d.name:
        return index.canonical(d.name).lower()
    return (d.name or d.label).lower()


def _speaker_key(sp: Speaker, index: EntityIndex) -> str:
    if sp.name:
        return index.canonical(sp.name).lower()
    return sp.label.lower()


def _same(key: str, other: str) -> bool:
    """One person by key: equal, or one name's last word is the other's ("Tess" / "Tess
    Durbeyfield" once canonical forms differ)."""
    if key == other:
        return True
    a, b = key.split(), other.split()
    return bool(a and b) and (a[-1] == b[-1] and (len(a) == 1 or len(b) == 1)) and \
        a[-1][:1].isalpha() and a[-1] not in lexicon.HONORIFICS


def _recent_speakers(state: DocState, p_index: int, index: EntityIndex) -> list[str]:
    """The keys of the last outermost quotes' speakers, latest first, one per turn change."""
    out: list[str] = []
    for p in range(p_index, max(-1, p_index - 8), -1):
        for sp in reversed(state.paragraph_speakers.get(p, ())):
            k = _speaker_key(sp, index)
            if not out or out[-1] != k:
                out.append(k)
    return out


def _prior(d: Described) -> str | None:
    """The first-name prior of a full name (`quoteattr.names`; resolution only)."""
    tokens = (d.name or "").split()
    return first_name_gender(tokens[0]) if len(tokens) >= 2 else None


def _excluded(key: str, addressed: Collection[str], spoken_of: Collection[str]) -> bool:
    surname = key.split()[-1] if key.split() else key
    return surname in spoken_of or any(
        _same(key, a) or surname == a.split()[-1] for a in addressed if a.split())


def candidates_of(doc: ParsedDoc, pronoun: int, agreeing: Sequence[tuple[Antecedent, int]],
                  index: EntityIndex, state: DocState, p_index: int,
                  addressed: Collection[str], spoken_of: Collection[str],
                  rule_choice: Described | None) -> list[Candidate]:
    """The persons among ``agreeing`` (`pronouns.agreeing_antecedents`), latest mention
    first, each with the values of `FEATURES`; persons the quote addresses (``addressed``,
    lower-cased) or speaks of (``spoken_of``, lower-cased surnames) are left out."""
    w = doc.words[pronoun]
    _, _, gender = lexicon.PRONOUNS.get(w.text.lower(), (3, "sing", None))
    groups: dict[str, list[tuple[Antecedent, int]]] = {}
    for cand, dist in agreeing:
        groups.setdefault(_key(cand.described, index), []).append((cand, dist))
    order = sorted(groups, key=lambda k: -doc.words[groups[k][-1][0].word].start)
    recent = _recent_speakers(state, p_index, index)
    here = [_speaker_key(sp, index) for sp in state.paragraph_speakers.get(p_index, ())]
    called = state.paragraph_addressees.get(p_index - 1, {})
    rule_key = _key(rule_choice, index) if rule_choice is not None else None
    out = []
    # hard constraints, as in the rules: whom the quote addresses ("…, Tom?") or speaks of
    # in the third person ("Andy Warhol was …") is not its speaker
    order = [k for k in order if not _excluded(k, addressed, spoken_of)]
    for rank, key in enumerate(order):
        members = groups[key]
        last, dist = members[-1]
        d = last.described
        g = d.gender or (index.info(d.name).get("gender") if d.name else None)
        surname = key.split()[-1] if key.split() else key
        prior = _prior(d) if g not in ("male", "female") else None
        values = (
            float(rank == 0), 1.0 / (1 + rank), min(dist, 12) / 12,
            min(p_index - last.paragraph, 4) / 4, float(last.paragraph == p_index),
            float(last.subject), float(any(c.subject for c, _ in members)),
            float(last.speaker), float(d.kind is SpeakerKind.NAMED),
            float(d.kind is SpeakerKind.TITLED), math.log1p(len(members)),
            float(g is not None and g == gender), float(g not in ("male", "female")),
            float(prior is not None and prior == gender),
            float(prior is not None and gender is not None and prior != gender),
            float(bool(recent) and _same(key, recent[0])),
            float(len(recent) > 1 and _same(key, recent[1]) and not _same(key, recent[0])),
            float(any(_same(key, k) for k in here)),
            float(any(_same(key, a) or surname == a.split()[-1] for a in called if a)),
            float(last.sent_index == w.sent_index),
            float(rule_key is not None and key == rule_key),
        )
        out.append(Candidate(d, key, values))
    return out


def rank_antecedents(candidates: Sequence[Candidate], model: RankerModel | None = None
                     ) -> tuple[Candidate, float] | None:
    """The most probable person and its probability (a softmax over ``candidates``), or None
    when there is no model or fewer than two persons (nothing for the ranker to decide)."""
    model = model if model is not None else load_model()
    if model is None or len(candidates) < 2:
        return None
    return _softmax_best(model, candidates)



# --------------------------------------------------------------------------------------------
# The turn ranker: a quote with no cue that the carry-over rules left without a speaker

#: Features of a person who may have said a quote with no cue, in the data file's order.
TURN_FEATURES: tuple[str, ...] = (
    "last_speaker",        # spoke the previous turn (n-1)
    "second_last",         # spoke the turn before that (n-2)
    "earlier_speaker",     # spoke in reach, not in the last two turns
    "turns_back",          # 1 / (1 + turns since it last spoke); 0 if it never spoke
    "in_paragraph_before", # named in the quote's paragraph, before the quote
    "in_paragraph_after",  # named in the quote's paragraph, after the quote
    "paragraph_subject",   # a subject in the quote's paragraph
    "previous_paragraph",  # named in the paragraph before
    "named",               # known by a proper name
    "titled",              # known by a description
    "mentions",            # log(1 + mentions in reach)
    "addressed_before",    # the previous turn addressed it by name (it answers)
    "two_party",           # the last turns were between two persons, and it is one
    "quote_only_second",   # a paragraph that is only the quote, and it spoke at n-2
    "quote_only_last",     # a paragraph that is only the quote, and it spoke at n-1
)

#: How far back the turn ranker looks: paragraphs for speakers, and for named persons.
TURN_SPEAKER_PARAGRAPHS = 8
TURN_MENTION_PARAGRAPHS = 2


@attrs.frozen
class TurnCandidate:
    """A person who may have said a quote with no cue, as a `Speaker`, and its features."""

    speaker: Speaker
    key: str
    values: tuple[float, ...]


@attrs.define
class _Turn:
    speaker: Speaker
    turns: list[int] = attrs.field(factory=list)
    before: int = 0
    after: int = 0
    subject: bool = False
    previous: int = 0
    mentions: int = 0


def antecedents_in(antecedents: Sequence[Antecedent], first: int, last: int
                   ) -> Sequence[Antecedent]:
    """The noun-phrase antecedents of paragraphs ``first`` to ``last`` (inclusive), found by
    bisection (they are in text order), so a long document is not walked from its start per
    quote. Resolved narration pronouns (`Antecedent.via_pronoun`) are left out: the turn
    rules count who is named, not who a pronoun was taken for."""
    lo = bisect.bisect_left(antecedents, first, key=lambda a: a.paragraph)
    hi = bisect.bisect_right(antecedents, last, key=lambda a: a.paragraph)
    return [a for a in antecedents[lo:hi] if not a.via_pronoun]


def _turn_groups(doc: ParsedDoc, antecedents: Sequence[Antecedent], index: EntityIndex,
                 state: DocState, p_index: int, quote: tuple[int, int]) -> dict[str, _Turn]:
    """The persons in reach of a quote: recent speakers, and people named around it."""
    groups: dict[str, _Turn] = {}
    turn = 0
    for p in range(p_index, max(-1, p_index - TURN_SPEAKER_PARAGRAPHS), -1):
        for sp in reversed(state.paragraph_speakers.get(p, ())):
            k = _speaker_key(sp, index)
            if sp.kind is SpeakerKind.PRONOUN:
                continue  # an unresolved "he" names nobody a reader could count
            match = next((g for g in groups if _same(k, g)), None)
            group = groups.setdefault(match or k, _Turn(sp))
            group.turns.append(turn)
            turn += 1
    for a in antecedents_in(antecedents, p_index - TURN_MENTION_PARAGRAPHS + 1, p_index):
        if a.described.plural:
            continue
        d = a.described
        if d.kind not in (SpeakerKind.NAMED, SpeakerKind.TITLED):
            continue
        k = _key(d, index)
        match = next((g for g in groups if _same(k, g)), None)
        group = groups.setdefault(match or k, _Turn(d.speaker(doc)))
        group.mentions += 1
        if a.paragraph == p_index:
            start = doc.words[d.head].start
            if start < quote[0]:
                group.before += 1
            elif start >= quote[1]:
                group.after += 1
            group.subject = group.subject or a.subject
        else:
            group.previous += 1
    return groups


def turn_candidates(doc: ParsedDoc, antecedents: Sequence[Antecedent], index: EntityIndex,
                    state: DocState, p_index: int, quote: tuple[int, int], quote_only: bool,
                    addressed: Collection[str], spoken_of: Collection[str] = ()
                    ) -> list[TurnCandidate]:
    """The persons who may have said a quote with no cue (``quote``: its marks' character
    range), each with the values of `TURN_FEATURES`; whom the quote addresses, and whom it
    speaks of by name (``spoken_of``: lower-cased surnames, `third_person_names`), are
    left out."""
    groups = _turn_groups(doc, antecedents, index, state, p_index, quote)
    called = state.paragraph_addressees.get(p_index - 1, {})
    recent = _recent_speakers(state, p_index, index)
    two_party = len(recent) >= 2 and len({r for r in recent[:4]}) == 2
    out = []
    for key, g in groups.items():
        if _excluded(key, addressed, spoken_of):
            continue
        last = bool(g.turns) and g.turns[0] == 0
        second = bool(g.turns) and not last and g.turns[0] == 1
        sp = g.speaker
        values = (
            float(last), float(second), float(bool(g.turns) and not last and not second),
            1.0 / (1 + g.turns[0]) if g.turns else 0.0,
            float(g.before > 0), float(g.after > 0), float(g.subject), float(g.previous > 0),
            float(sp.kind is SpeakerKind.NAMED), float(sp.kind is SpeakerKind.TITLED),
            math.log1p(g.mentions + len(g.turns)),
            float(any(_same(key, a) or key.split()[-1] == a.split()[-1]
                      for a in called if a.split() and key.split())),
            float(two_party and any(_same(key, r) for r in recent[:2])),
            float(quote_only and second), float(quote_only and last),
        )
        out.append(TurnCandidate(sp, key, values))
    return out


def rank_turn(candidates: Sequence[TurnCandidate], model: RankerModel | None = None
              ) -> tuple[TurnCandidate, float] | None:
    """The most probable person for a quote with no cue and its probability, or None (no
    model, no candidate)."""
    model = model if model is not None else load_turn_model()
    if model is None or not candidates:
        return None
    return _softmax_best(model, candidates)


_C = TypeVar("_C", "Candidate", "TurnCandidate")


def _softmax_best(model: RankerModel, candidates: Sequence[_C]) -> tuple[_C, float]:
    """The highest-scoring candidate and its softmax probability among ``candidates``."""
    scores = [model.score(c.values) for c in candidates]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    best = max(range(len(candidates)), key=lambda k: scores[k])
    return candidates[best], exp[best] / sum(exp)


@functools.lru_cache(maxsize=1)
def load_turn_model() -> RankerModel | None:
    """The shipped turn-ranker weights (the ``turn`` part of the data file), or None."""
    return _load("turn", TURN_FEATURES)
