"""Pronoun resolution: the antecedent a speaker pronoun stands for.

`resolve_pronoun` uses Stanza's coreference chain when the parse has one, choosing the
best mention itself (a full name, else a title -- never blindly ``representative_text``), and
otherwise the nearest compatible antecedent, preferring subjects and recent speakers, with
number and gender agreement. It changes nothing: the gender a resolution reveals is returned
(`Resolution.learned`) for the attribution loop to remember.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Sequence

import attrs

from quoteattr import lexicon
from quoteattr.attribution import weights as wt
from quoteattr.mentions import _ORG_ENTITY, _PERSON_ENTITY, _PERSON_NOUNS, is_markup
from quoteattr.names import first_name_gender
from quoteattr.parsed import ParsedDoc
from quoteattr.speaker_kinds import Described, EntityIndex, describe
from quoteattr.types import SpeakerKind

__all__ = ["Antecedent", "PronounChain", "Resolution", "agreeing_antecedents",
           "candidate_antecedents", "carried_by_chain", "resolve_pronoun"]



@attrs.frozen(kw_only=True)
class Antecedent:
    """A candidate antecedent: a described mention with its position and role."""

    described: Described
    sent_index: int
    paragraph: int
    subject: bool
    speaker: bool
    #: the mention's word when it is not ``described.head``: a pronoun of the narration
    #: resolved to ``described`` (`PronounChain`); -1 otherwise
    at: int = -1

    @property
    def word(self) -> int:
        """The word of this mention (the pronoun's, for a resolved narration pronoun)."""
        return self.at if self.at >= 0 else self.described.head

    @property
    def via_pronoun(self) -> bool:
        return self.at >= 0


def candidate_antecedents(doc: ParsedDoc, index: EntityIndex, paragraphs: Sequence[tuple[int, int]],
                          quoted: Iterable[tuple[int, int]]) -> list[Antecedent]:
    """Person-like noun phrases outside quotes, in text order (speakers are added later)."""
    inside = sorted(quoted)
    para_starts = [p[0] for p in paragraphs]
    out = []
    for w in doc.words:
        if w.upos not in ("PROPN", "NOUN"):
            continue
        if w.deprel in ("flat", "flat:name", "compound", "amod", "fixed", "nmod:desc"):
            continue  # part of a name: "Mr." in "Mr. Fleming" is not a person of its own
        if is_markup(w.text):
            continue  # "<script>alert": markup the tagger took for a name
        k = bisect.bisect_right(inside, (w.start, 10**12)) - 1
        if k >= 0 and inside[k][0] <= w.start < inside[k][1]:
            continue
        ent = doc.word_entity[w.index]
        person_entity = ent >= 0 and doc.entities[ent].type in _PERSON_ENTITY or \
            _titles_a_person(doc, w.index)
        group = w.upos == "NOUN" and _group_of_people(doc, w.index)
        if w.upos == "NOUN" and not group and not ({w.text.lower(), w.lemma.lower()} & (
                _PERSON_NOUNS | lexicon.person_nouns())):
            continue
        if w.upos == "NOUN" and w.lemma.lower() in lexicon.POSSESSED_BODY_NOUNS and any(
                doc.words[c].deprel == "nmod:poss" and doc.words[c].upos == "PRON"
                for c in doc.children[w.index]):
            continue  # "her head", "his trim figure": a body, not a person ("the head of …" is)
        if w.upos == "PROPN" and doc.entities and not person_entity and \
                not (ent >= 0 and doc.entities[ent].type in _ORG_ENTITY):
            continue
        if w.upos == "NOUN" and any(doc.words[c].deprel == "case" and
                                    doc.words[c].text.lower() in lexicon.LIKENESS_CASES
                                    for c in doc.children[w.index]):
            continue  # "flitted off like a brown bird", "as a child": a likeness, no one there
        d = describe(doc, w.index, index)
        if d.kind is SpeakerKind.PRONOUN:
            continue
        if group and not d.plural:
            d = attrs.evolve(d, plural=True)  # "a bunch of them ... they said"
        para = max(0, bisect.bisect_right(para_starts, w.start) - 1)
        out.append(Antecedent(described=d, sent_index=w.sent_index, paragraph=para,
                              subject=w.deprel.startswith("nsubj"), speaker=False))
    return out


def _titles_a_person(doc: ParsedDoc, head: int) -> bool:
    """Is ``head`` a title with a person's name hung flat on it ("Inspector Helen Marsh",
    "City coach Marta Ilic" with the role as head and only the name a PERSON entity)?"""
    for c in doc.children[head]:
        e = doc.word_entity[c]
        if doc.words[c].deprel.startswith("flat") and e >= 0 and \
                doc.entities[e].type in _PERSON_ENTITY:
            return True
    return False


def _group_of_people(doc: ParsedDoc, head: int) -> bool:
    """Is ``head`` a group noun over people ("a bunch of them", "a group of protesters")?"""
    if doc.words[head].lemma.lower() not in lexicon.GROUP_NOUNS and \
            doc.words[head].text.lower() not in lexicon.GROUP_NOUNS:
        return False
    for c in doc.children[head]:
        n = doc.words[c]
        if not n.deprel.startswith("nmod") or \
                not any(doc.words[k].text.lower() == "of" for k in doc.children[c]):
            continue
        lower = n.text.lower()
        if n.upos == "PRON" and lexicon.PRONOUNS.get(lower, (3, "sing"))[1] == "plur":
            return True
        if n.upos == "NOUN" and {lower, n.lemma.lower()} & (_PERSON_NOUNS |
                                                          lexicon.person_nouns()):
            return True
    return False


@attrs.frozen
class Resolution:
    """What `resolve_pronoun` found.

    Attributes:
        antecedent: the mention the pronoun stands for, or None.
        rule: "coref", "nearest-antecedent", "first-or-second-person" or "unresolved".
        learned: ``(name, gender)`` the pronoun reveals about a named antecedent, for the
            caller to remember (None when it reveals nothing).
    """

    antecedent: Described | None
    rule: str
    learned: tuple[str, str] | None = None


def resolve_pronoun(doc: ParsedDoc, pronoun: int, candidates: Sequence[Antecedent],
                    index: EntityIndex, paragraph: int, use_coref: bool = True,
                    unlikely: Collection[str] = frozenset(),
                    paragraph_subject: bool = True) -> Resolution:
    """The antecedent of a speaker pronoun and the rule used.

    Args:
        doc: the parse.
        pronoun: the pronoun's word index.
        candidates: antecedents in text order; only those before the pronoun are considered.
        index: the document's names.
        paragraph: the pronoun's paragraph index.
        use_coref: consult the parse's coreference chains (when it has them).
        unlikely: lower-cased surnames that make a candidate an unlikely antecedent (the
            quote speaks of that person in the third person).
        paragraph_subject: a subject earlier in the pronoun's own paragraph wins over every
            candidate of earlier paragraphs (``resolved:paragraph-subject``).

    Returns:
        a `Resolution`; nothing is written anywhere.
    """

    w = doc.words[pronoun]
    lower = w.text.lower()
    person, number, gender = lexicon.PRONOUNS.get(lower, (3, "sing", None))
    if person != 3:
        return Resolution(None, "first-or-second-person")
    if use_coref and doc.coref is not None:
        found = _from_chain(doc, pronoun, index)
        if found is not None:
            return Resolution(found, "coref")
    scored = [(_antecedent_score(cand, dist, paragraph, unlikely) +
               (wt.PRONOUN_GENDER_KNOWN if gender in ("male", "female") and
                _gender_of(cand.described, index) == gender else 0.0), cand)
              for cand, dist in agreeing_antecedents(doc, pronoun, candidates, index, paragraph)]
    rule = "nearest-antecedent"
    if paragraph_subject:
        # news introduces a speaker in the paragraph that quotes them ("City coach Marta Ilic
        # was less impressed. “…,” she said."): a subject earlier in the pronoun's paragraph
        # beats whoever spoke in the paragraphs before
        own = [(score, cand) for score, cand in scored if cand.paragraph == paragraph]
        if any(c.subject for _, c in own) and len(own) < len(scored):
            scored, rule = own, "paragraph-subject"
    best = None
    best_score = -1e9
    for score, cand in scored:
        if score >= best_score:
            best, best_score = cand.described, score
    if best is not None:
        learned = (best.name, gender) if best.name and gender in ("male", "female") else None
        return Resolution(best, rule, learned)
    return Resolution(None, "unresolved")


def agreeing_antecedents(doc: ParsedDoc, pronoun: int, candidates: Sequence[Antecedent],
                         index: EntityIndex, paragraph: int) -> list[tuple[Antecedent, int]]:
    """The candidates a third-person pronoun may stand for, each with its distance in
    sentences: before it, within reach (`weights.PRONOUN_MAX_SENTENCES` sentences and
    `weights.PRONOUN_MAX_PARAGRAPHS` paragraphs), agreeing in number, animacy and gender, and
    not the subject of an object pronoun's own verb. In text order."""
    w = doc.words[pronoun]
    lower = w.text.lower()
    _, number, gender = lexicon.PRONOUNS.get(lower, (3, "sing", None))
    co_subject = _co_subject(doc, w)
    out = []
    # candidates are in text order: start at the first one within reach (12 sentences)
    lo = bisect.bisect_left(candidates, w.sent_index - wt.PRONOUN_MAX_SENTENCES,
                           key=lambda a: a.sent_index)
    hi = bisect.bisect_left(candidates, w.start, lo=lo, key=lambda a: doc.words[a.word].start)
    within = candidates[lo:hi]
    told = _told_genders(doc, within) if gender in ("male", "female") else {}
    bound = _bound_names(doc, w)
    for cand in within:
        d = cand.described
        if told.get(d.head, gender) != gender:
            continue  # "she" is not the man two "he"s were already taken for
        if bound and d.name and d.name.lower().split()[-1] in bound:
            continue  # "said he to Temple": he is not Temple
        if co_subject is not None and d.first_word <= co_subject < d.end_word:
            continue
        dist = w.sent_index - cand.sent_index
        if dist > wt.PRONOUN_MAX_SENTENCES or \
                paragraph - cand.paragraph > wt.PRONOUN_MAX_PARAGRAPHS:
            continue
        if not _agrees(d, lower, number, gender, index):
            continue
        if gender in ("male", "female") and d.kind is not SpeakerKind.NAMED and \
                doc.words[d.head].lemma.lower() in lexicon.NOT_ONE_PERSON:
            continue  # "he" is no horse, no voice, no "one of the women"
        out.append((cand, dist))
    return out


def _bound_names(doc: ParsedDoc, w) -> frozenset[str]:
    """Binding: a subject pronoun never stands for a name its own verb governs ("“…,” said
    he to Temple", "he told Temple", "he took Temple's arm" is not this but "he saw Temple"
    is): the lower-cased last words of the names among the verb's objects and obliques,
    to leave out."""
    if not w.deprel.startswith("nsubj") or w.head < 0:
        return frozenset()
    out = set()
    head = doc.words[w.head]
    # a parser may root "he to Temple" on the name itself (a case-marked name, no copula)
    around = [w.head] if head.upos == "PROPN" and any(
        doc.words[c].deprel == "case" for c in doc.children[w.head]) and not any(
        doc.words[c].deprel == "cop" for c in doc.children[w.head]) else []
    for c in around + list(doc.children[w.head]):
        n = doc.words[c]
        if n.upos == "PROPN" and (c == w.head or n.deprel in ("obj", "iobj") or
                                  n.deprel.startswith("obl")):
            last = c
            while last + 1 < len(doc.words) and doc.words[last + 1].head == c and \
                    doc.words[last + 1].deprel.startswith("flat"):
                last += 1
            out.add(doc.words[last].text.lower())
    return frozenset(out)


def _told_genders(doc: ParsedDoc, candidates: Sequence[Antecedent]) -> dict[int, str]:
    """The gender the narration's pronouns already taken for a mention tell (`PronounChain`
    antecedents, "he" or "she" at ``at``), by the mention's head word: only where they all
    agree (a mention taken once for "he" and once for "she" tells nothing)."""
    told: dict[int, str] = {}
    mixed: set[int] = set()
    for cand in candidates:
        if not cand.via_pronoun:
            continue
        g = lexicon.PRONOUNS.get(doc.words[cand.at].text.lower(), (3, "sing", None))[2]
        if g not in ("male", "female"):
            continue
        head = cand.described.head
        if told.setdefault(head, g) != g:
            mixed.add(head)
    for head in mixed:
        del told[head]
    return told


def _co_subject(doc: ParsedDoc, w) -> int | None:
    """Binding: an object pronoun never refers to the subject of its own verb ("Mary heard
    her say": her is not Mary). The subject to leave out, or None."""
    if w.deprel in ("obj", "iobj") and w.head >= 0:
        return next((c for c in doc.children[w.head]
                     if doc.words[c].deprel.startswith("nsubj")), None)
    return None


def _agrees(d: Described, lower: str, number: str, gender: str | None,
            index: EntityIndex) -> bool:
    """Does the mention agree with the pronoun in number, animacy ("it": organizations
    only) and gender?"""
    if number == "plur":
        return d.plural or d.kind is SpeakerKind.ORGANIZATION
    if d.plural:
        return False
    if lower == "it":
        return d.kind is SpeakerKind.ORGANIZATION
    if d.kind is SpeakerKind.ORGANIZATION:
        return False
    cand_gender = _gender_of(d, index)
    return not (gender in ("male", "female") and cand_gender in ("male", "female") and
                cand_gender != gender)


def _gender_of(d: Described, index: EntityIndex) -> str | None:
    """The gender a mention shows (its words, what the document taught of its name), else
    its first name's prior: for agreement and ranking only ("she" is not Archie Munro,
    "he" is not Gloria), never a gender the output reports."""
    cand_gender = d.gender or (index.info(d.name).get("gender") if d.name else None)
    if cand_gender is None and d.name:
        tokens = index.canonical(d.name).split()
        cand_gender = first_name_gender(tokens[0]) if tokens else None
    return cand_gender


def _antecedent_score(cand: Antecedent, dist: int, paragraph: int,
                      unlikely: Collection[str]) -> float:
    """How likely ``cand``, ``dist`` sentences back, is the pronoun's antecedent."""
    d = cand.described
    score = wt.PRONOUN_PER_SENTENCE * dist
    if cand.subject:
        score += wt.PRONOUN_SUBJECT
    if cand.speaker:
        score += wt.PRONOUN_SPEAKER
    if cand.via_pronoun:
        score += wt.PRONOUN_TOPIC
    if d.kind is SpeakerKind.NAMED:
        score += wt.PRONOUN_NAMED
    if cand.paragraph == paragraph:
        score += wt.PRONOUN_SAME_PARAGRAPH
    if unlikely and d.name and d.name.lower().split()[-1] in unlikely:
        score += wt.PRONOUN_SPOKEN_OF
    return score


def _from_chain(doc: ParsedDoc, pronoun: int, index: EntityIndex) -> Described | None:
    assert doc.coref is not None
    for chain in doc.coref:
        if not any(a <= pronoun < b for a, b in chain.mentions):
            continue
        best = None
        best_rank = None
        for a, b in chain.mentions:
            if a <= pronoun < b:
                continue
            d = describe(doc, doc.head_of(a, b), index)
            if d.kind is SpeakerKind.PRONOUN:
                continue
            rank = {SpeakerKind.NAMED: 0, SpeakerKind.TITLED: 1, SpeakerKind.ORGANIZATION: 2,
                    SpeakerKind.ANONYMOUS: 3}[d.kind]
            key = (rank, -len((d.name or d.label).split()))
            if best_rank is None or key < best_rank:
                best, best_rank = d, key
        return best
    return None


#: The narration pronouns `PronounChain` resolves: third person singular, personal.
CHAIN_PRONOUNS = frozenset({"he", "she"})


class PronounChain:
    """The narration's own "he" and "she" subjects, resolved in text order and kept as
    antecedents, so that a later speaker pronoun sees who the story has been about.

    "Mr. Fleming wanted to enlist. He lay awake. He heard a bell. It was rung by a man.
    “Ma, I am going,” he said." Among the noun phrases alone the nearest man is "a man";
    the chain of "he" subjects between carries Mr. Fleming forward to the quote (a pronoun
    already taken for someone is the topic, `weights.PRONOUN_TOPIC`, and a pronoun of a
    fronted clause takes the name after it, `_cataphor`). Each narration pronoun is
    resolved with the hand-set score
    (`resolve_pronoun`) against the antecedents so far, itself included once resolved, and
    added as an `Antecedent` at the pronoun's own position (``at``). A pronoun that is a
    quote's speaker takes the attribution's own choice when it was told it (`decide`).
    `advance` is called before each quote with the quote's opening mark, so only pronouns
    before the quote are walked, and the speakers the loop has settled are among the
    antecedents they are resolved against.
    """

    def __init__(self, doc: ParsedDoc, paragraphs: Sequence[tuple[int, int]],
                 quoted: Iterable[tuple[int, int]]) -> None:
        self.doc = doc
        self._inside = sorted(quoted)
        para_starts = [p[0] for p in paragraphs]
        self.pending: list[tuple[int, int]] = []
        for w in doc.words:
            if w.upos != "PRON" or w.text.lower() not in CHAIN_PRONOUNS or \
                    not w.deprel.startswith("nsubj"):
                continue  # a subject carries the topic on; "his", "him" less so (measured)
            if self._quoted(w.start):
                continue
            self.pending.append((w.index, max(0, bisect.bisect_right(para_starts, w.start) - 1)))
        self.next = 0
        self.decided: dict[int, Described] = {}

    def _quoted(self, start: int) -> bool:
        k = bisect.bisect_right(self._inside, (start, 10**12)) - 1
        return k >= 0 and self._inside[k][0] <= start < self._inside[k][1]

    def decide(self, pronoun: int, described: Described) -> None:
        """The attribution resolved the speaker pronoun ``pronoun`` to ``described``."""
        self.decided[pronoun] = described

    def advance(self, limit: int, antecedents: list[Antecedent], index: EntityIndex,
                use_coref: bool = True) -> None:
        """Resolve the pending pronouns that start before character ``limit``, adding each
        resolved one to ``antecedents`` (kept in text order)."""
        doc = self.doc
        while self.next < len(self.pending) and \
                doc.words[self.pending[self.next][0]].start < limit:
            pronoun, paragraph = self.pending[self.next]
            self.next += 1
            d = self.decided.get(pronoun)
            if d is None:
                d = _cataphor(doc, pronoun, index, self._quoted)
            if d is None:
                d = resolve_pronoun(doc, pronoun, antecedents, index, paragraph,
                                    use_coref=use_coref).antecedent
            if d is None or d.kind is SpeakerKind.PRONOUN:
                continue
            w = doc.words[pronoun]
            bisect.insort(antecedents,
                          Antecedent(described=d, sent_index=w.sent_index, paragraph=paragraph,
                                     subject=True, speaker=False, at=pronoun),
                          key=lambda a: doc.words[a.word].start)


def _cataphor(doc: ParsedDoc, pronoun: int, index: EntityIndex,
              quoted: Callable[[int], bool]) -> Described | None:
    """The name a pronoun of a fronted clause looks ahead to: "Asked whether she plans to
    retire, Varga shrugged", "When he came in, Tom sat down". The pronoun's verb is not its
    sentence's root (a pronoun subject of the main clause never stands for a name after
    it: "He left when Tom came" is two men), and a proper-noun subject later in the same
    sentence and outside quotes (``quoted``: is a character offset inside one) agrees with
    it; or None."""
    w = doc.words[pronoun]
    if w.head < 0 or doc.words[w.head].head < 0:
        return None
    _, number, gender = lexicon.PRONOUNS.get(w.text.lower(), (3, "sing", None))
    sent = doc.sentences[w.sent_index]
    for k in range(pronoun + 1, sent.end_word):
        s = doc.words[k]
        if s.upos == "PROPN" and s.deprel.startswith("nsubj") and not quoted(s.start):
            d = describe(doc, k, index)
            if d.kind is SpeakerKind.NAMED and _agrees(d, w.text.lower(), number, gender, index):
                return d
            return None
    return None


def carried_by_chain(doc: ParsedDoc, pronoun: int, candidates: Sequence[Antecedent],
                     chosen: Described) -> bool:
    """Is the latest mention of ``chosen`` before ``pronoun`` a narration pronoun taken for
    it (`PronounChain`)? Then the chain carried that person to the pronoun."""
    start = doc.words[pronoun].start
    hi = bisect.bisect_left(candidates, start, key=lambda a: doc.words[a.word].start)
    for a in reversed(candidates[max(0, hi - 64):hi]):
        if a.described.head == chosen.head:
            return a.via_pronoun
    return False
