"""SOURCE: who a reporting verb's speaker is, and the speaker a head word names.

``SOURCE_RULES`` is ordered, first hit wins: for a reporting verb, the head word of its
speaker's noun phrase. No rule depends on a single ``nsubj`` edge: after the subject come the
participle's and infinitive's governing clause, the inverted "said John Brown", and last the
nearest noun phrase before the verb.

`speaker_of_head` then classifies the head's mention and resolves a pronoun; it writes
nothing: what the loop should remember comes back in `Attribution`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import attrs

from quoteattr import lexicon
from quoteattr.attribution import weights as wt
from quoteattr.attribution.base import (
    Attribution,
    Finding,
    Note,
    QuoteContext,
    Rule,
    RuleId,
    Switches,
)
from quoteattr.attribution.frame import Frame
from quoteattr.attribution.pronouns import (
    Resolution,
    agreeing_antecedents,
    carried_by_chain,
    resolve_pronoun,
)
from quoteattr.attribution.ranker import candidates_of, rank_antecedents
from quoteattr.attribution.syntax import (
    NOMINAL,
    PHRASE_STOPS,
    RELATIVE,
    agent,
    ancestors,
    is_reporting_verb,
    np_head,
    np_top,
    participle,
    phrasal_particle,
    subject_of,
)
from quoteattr.parsed import ParsedDoc
from quoteattr.mentions import _clean
from quoteattr.speaker_kinds import Described, describe, plausible_speaker
from quoteattr.types import Cue, Speaker, SpeakerKind

if TYPE_CHECKING:  # pragma: no cover
    from quoteattr.attribution.cue import CueMatch

__all__ = ["SOURCE_RULES", "VerbSite", "cue_speaker_plausible", "speaker_of_cue",
           "speaker_of_head", "verb_speaker"]


@attrs.frozen
class VerbSite:
    """What a source rule reads: one reporting verb of one quote's frame.

    Attributes:
        doc: the parse.
        frame: the quote's frame (or the part of a neighbour sentence searched).
        verb: the verb's word index.
        quote_before: the quote comes before the verb.
        subj: the verb's subject outside the quote (word index), or None.
        switches: which rules run.
    """

    doc: ParsedDoc
    frame: Frame
    verb: int
    quote_before: bool
    subj: int | None
    switches: Switches

    @property
    def allowed(self) -> frozenset[int]:
        return frozenset(self.frame.words)

    @property
    def own_subject(self) -> int | None:
        """The subject, when it is a frame word (not inside another quote)."""
        return self.subj if self.subj is not None and self.subj in self.allowed else None


def _found(rule: RuleId, head: int | None, *labels: str) -> Finding:
    return Finding(rule, head, evidence=labels or (rule.label,))


def _inverted_object_name(s: VerbSite) -> Finding | None:
    """“…?” asked Miss Pinkerton herself, that majestic lady -> Miss Pinkerton (parsed as object)."""
    doc, verb, subj = s.doc, s.verb, s.own_subject
    if subj is None or not s.quote_before or subj <= verb:
        return None
    allowed = s.allowed
    name = next((c for c in doc.children[verb] if verb < c < subj and c in allowed and
                 doc.words[c].deprel in ("obj", "iobj") and doc.words[c].upos == "PROPN"
                 and any(doc.words[k].text == "," for k in range(c + 1, subj))), None)
    return _found(RuleId.INVERTED_OBJECT_NAME, name) if name is not None else None


def _relative_clause(s: VerbSite) -> Finding | None:
    """A spokesman, who said “…” -> the spokesman (the noun the relative clause modifies)."""
    doc, verb, subj = s.doc, s.verb, s.own_subject
    if subj is None or doc.words[subj].text.lower() not in RELATIVE or \
            not doc.words[verb].deprel.startswith("acl"):
        return None
    head = doc.words[verb].head
    # "in a remote period of American history, … a wight who sojourned, or, as he
    # expressed it, “tarried”" with the clause hung on "period": no speaker from it
    if head < 0 or head in s.frame.quote:
        return None
    predicated = _predicated_subject(doc, head, s.frame.quote)
    if predicated is not None:
        # "wikiHow is a wiki-based site which aims to “…”": the subject the noun describes
        return _found(RuleId.RELATIVE_CLAUSE, predicated)
    if s.switches.on(RuleId.IMPLAUSIBLE_SPEAKER) and not plausible_speaker(doc, head):
        return _found(RuleId.RELATIVE_CLAUSE, None, "relative-clause", "implausible-speaker")
    # "one of the officials who said “…”": one of them spoke, not all
    return _found(RuleId.RELATIVE_CLAUSE, _partitive(doc, head, s.allowed))


def _predicated_subject(doc: ParsedDoc, noun: int, blocked: frozenset[int]) -> int | None:
    """The subject a predicate noun describes ("Smith is a lawyer who …" -> Smith), when it
    can speak; None for a noun that is no predicate."""
    if not any(doc.words[c].deprel == "cop" for c in doc.children[noun]):
        return None
    subj = subject_of(doc, noun, blocked)
    if subj is not None and subj < noun and plausible_speaker(doc, subj):
        return subj
    return None


def _passive_subject(s: VerbSite) -> bool:
    subj = s.own_subject
    return subj is not None and s.doc.words[subj].deprel == "nsubj:pass" and \
        s.doc.words[s.verb].lemma.lower() != "quote"


def _passive_agent(s: VerbSite) -> Finding | None:
    """“…,” it was said by the minister -> the minister (the agent of a passive verb)."""
    if not _passive_subject(s):
        return None
    by = agent(s.doc, s.verb)
    return _found(RuleId.PASSIVE_AGENT, by) if by is not None else None


def _passive_no_agent(s: VerbSite) -> Finding | None:
    """It was said that “…” -> no speaker (a passive "it" without an agent)."""
    if not _passive_subject(s) or agent(s.doc, s.verb) is not None:
        return None
    w = s.doc.words[s.own_subject]  # type: ignore[index]
    if w.upos == "PRON" and w.text.lower() in lexicon.IMPERSONAL_PRONOUNS:
        return _found(RuleId.PASSIVE_NO_AGENT, None)
    return None


def _author_of_document(s: VerbSite) -> Finding | None:
    """PC World's analysis concluded “…” -> PC World (who a document subject speaks for)."""
    subj = s.own_subject
    if subj is None:
        return None
    author = _author(s.doc, subj, s.frame.quote)
    return _found(RuleId.AUTHOR_OF_DOCUMENT, author, "subject", "author-of-document") \
        if author is not None else None


def _possessor_of_utterance(s: VerbSite) -> Finding | None:
    """“…,” his advice concluded -> his (whose utterance the subject is: "her voice said",
    "Lucy's reply came", "his statement said"). A possessive pronoun is then resolved like
    any pronoun speaker; a possessor that cannot speak ("the building's voice") gives
    nothing, and a document's named owner is `_author_of_document`'s."""
    doc, subj = s.doc, s.own_subject
    if subj is None or doc.words[subj].upos != "NOUN":
        return None
    lemma = doc.words[subj].lemma.lower()
    if lemma not in lexicon.UTTERANCE_NOUNS and lemma not in lexicon.REPORTING_NOUNS:
        return None
    for c in doc.children[subj]:
        w = doc.words[c]
        if c in s.frame.quote or w.deprel != "nmod:poss":
            continue
        pronoun = w.upos == "PRON" and w.text.lower() in lexicon.POSSESSIVE_PRONOUNS
        named = w.upos in ("PROPN", "NOUN") and lemma in lexicon.UTTERANCE_NOUNS and \
            plausible_speaker(doc, c)
        if pronoun or named:
            return _found(RuleId.POSSESSOR_OF_UTTERANCE, c, "subject", "possessor-of-utterance")
    return None


def _subject(s: VerbSite) -> Finding | None:
    """“…,” the minister said -> the minister (the verb's subject)."""
    subj = s.own_subject
    return _found(RuleId.SUBJECT, subj) if subj is not None else None


def _noun_by_verb_read_as_noun(s: VerbSite) -> Finding | None:
    """The U.S. Department of Agriculture notes, “…” (notes as a noun) -> the Department.

    A reporting verb the tagger read as a noun has no subject: its speaker is the noun
    phrase before it that the parser hung it on ("Department … notes" as nmod) or hung on
    it ("one poster writing" as compound)."""
    doc, verb = s.doc, s.verb
    if doc.words[verb].upos != "NOUN" or s.quote_before:
        return None
    allowed = s.allowed - {verb}
    head = doc.words[verb].head
    if 0 <= head < verb and head in allowed and doc.words[head].upos in NOMINAL and \
            plausible_speaker(doc, head):
        return _found(RuleId.NOUN_BY_VERB_READ_AS_NOUN, head)
    for c in doc.children[verb]:
        if c < verb and c in allowed and doc.words[c].upos in NOMINAL and \
                doc.words[c].deprel in ("compound", "nmod", "nsubj") and \
                plausible_speaker(doc, c):
            return _found(RuleId.NOUN_BY_VERB_READ_AS_NOUN, np_head(doc, c, allowed))
    before = verb - 1
    if before in allowed and doc.words[before].upos in NOMINAL and \
            doc.words[before].sent_index == doc.words[verb].sent_index and \
            plausible_speaker(doc, before):
        # "all they get is a message stating, “…”" with the participle read as a second
        # noun beside "message" (no edge between them): the noun it modifies, as when the
        # participle is parsed as its acl (`_modified_noun`)
        return _found(RuleId.NOUN_BY_VERB_READ_AS_NOUN, before)
    return None


def _modified_noun(s: VerbSite) -> Finding | None:
    """A spokesman saying “…” -> the spokesman (the noun a participle modifies)."""
    doc, verb = s.doc, s.verb
    if not doc.words[verb].deprel.startswith("acl") or doc.words[verb].head < 0:
        return None
    head = doc.words[verb].head
    # "a spokesman saying ..." names the speaker; "reiterated this caution, stating ..."
    # (a parser's attachment of the participle to the object) does not: go on to the
    # subject of the verb above the noun
    if head not in s.frame.quote and doc.words[head].upos in NOMINAL and \
            plausible_speaker(doc, head):
        return _found(RuleId.MODIFIED_NOUN, head)
    return None


def _object_of_governing_verb(s: VerbSite) -> Finding | None:
    """Mary heard her say “…” -> her (an infinitive's speaker is the object above it)."""
    doc, verb = s.doc, s.verb
    if doc.words[verb].deprel != "xcomp" or doc.words[verb].head < 0:
        return None
    up = doc.words[verb].head
    allowed = s.allowed
    objs = [c for c in doc.children[up] if doc.words[c].deprel in ("obj", "iobj")
            and c not in s.frame.quote and c in allowed and c < verb]
    if not objs:
        return None
    obj = objs[0]
    if doc.words[obj].text.lower() in RELATIVE and doc.words[up].deprel == "acl:relcl" and \
            doc.words[up].head >= 0 and doc.words[up].head in allowed:
        # "one of our ads that I had put in said, “…”": the relative pronoun stands for the
        # noun its clause modifies (the parser made it the object of "put")
        obj = _partitive(doc, doc.words[up].head, allowed)
    return _found(RuleId.OBJECT_OF_GOVERNING_VERB, obj)


def _partitive(doc: ParsedDoc, noun: int, allowed: frozenset[int]) -> int:
    """The quantifier over a noun, when the noun is its of-phrase ("one of our ads", "some
    of the officials"): the phrase that names the source."""
    w = doc.words[noun]
    if w.deprel.startswith("nmod") and 0 <= w.head < noun and w.head in allowed and \
            doc.words[w.head].text.lower() in lexicon.PARTITIVE_QUANTIFIERS and any(
                doc.words[c].deprel == "case" and doc.words[c].text.lower() == "of"
                for c in doc.children[noun]):
        return w.head
    return noun


_CLIMB_RELATIONS = frozenset({"advcl", "xcomp", "conj", "ccomp", "acl", "parataxis",
                              "advcl:relcl", "csubj", "dep"})


def _climbs(doc: ParsedDoc, cur: int, verb: int) -> bool:
    """Can the search for a participle's speaker go up from ``cur``?"""
    w = doc.words[cur]
    return w.deprel in _CLIMB_RELATIONS or (
        cur != verb and w.upos in NOMINAL and w.deprel in ("obj", "obl", "nmod"))


def _subject_of_governing_verb(s: VerbSite) -> Finding | None:
    """Rutte reiterated this caution, stating “…” -> Rutte (the governing clause's subject)."""
    doc, verb, blocked, allowed = s.doc, s.verb, s.frame.quote, s.allowed
    cur = verb
    is_participle = participle(doc, verb)
    for _ in range(4):
        if not _climbs(doc, cur, verb):
            break
        up = doc.words[cur].head
        if up >= 0 and up in blocked and is_participle:
            # a parser hung the subjectless participle under the quote ("…, stating, “We
            # are working …”" as advcl of "working"): the speaker is the subject of the
            # clause the quote belongs to, outside it
            up = next((a for a in ancestors(doc, up) if a not in blocked), -1)
            is_participle = False
        if up < 0 or up in blocked:
            break
        if cur == verb and doc.words[cur].deprel == "conj" and doc.words[up].deprel == "ccomp" \
                and doc.words[up].head >= 0 and doc.words[up].head not in blocked and \
                is_reporting_verb(doc, doc.words[up].head):
            # "Cooper said her party has backed it, and said it was “damning”" with the second
            # "said" conjoined inside the reported clause: a second report by the same speaker
            up = doc.words[up].head
        subj = subject_of(doc, up, blocked)
        if subj is not None and subj in allowed and not plausible_speaker(doc, subj) and \
                doc.words[up].head >= 0 and doc.words[up].head not in blocked:
            # "Rutte emphasized that aid continues to flow, stating, …": aid states nothing;
            # the participle belongs to a clause further up
            cur = up
            continue
        if subj is not None and subj in allowed:
            return _governing_subject(s, up, subj)
        cur = up
    return None


def _governing_subject(s: VerbSite, up: int, subj: int) -> Finding:
    doc = s.doc
    if doc.words[up].lemma.lower() == "quote" or doc.words[subj].deprel != "nsubj:pass" \
            or doc.words[up].upos != "VERB" or not s.switches.on(RuleId.PASSIVE_AGENT):
        return _found(RuleId.SUBJECT_OF_GOVERNING_VERB, subj)
    by = agent(doc, up)
    if by is not None:
        return _found(RuleId.PASSIVE_AGENT, by)
    return _found(RuleId.SUBJECT_OF_GOVERNING_VERB, subj)


#: never the subject after an inverted verb: "asked him, “…”" names the listener
_NOT_INVERTED_SUBJECTS = lexicon.NOT_INVERTED_SUBJECTS


def _inverted(s: VerbSite) -> Finding | None:
    """“…,” said John Brown -> John Brown (the noun phrase right after an inverted verb)."""
    doc, verb, frame = s.doc, s.verb, s.frame
    allowed = s.allowed
    # never after a verb whose object is the addressee ("Heald told The Huffington Post, “…”")
    after = [j for j in frame.words if doc.words[j].start > doc.words[verb].start]
    if not after or doc.words[verb].lemma.lower() in lexicon.ADDRESSEE_VERBS:
        return None
    if after[0] == phrasal_particle(doc, verb):
        after = after[1:]  # "went on Syme": the speaker after the particle
        if not after:
            return None
    wn = doc.words[after[0]]
    # a participle the tagger made of a name's first word ("thought Ragged Dick", "Ragged"
    # as a verb hung amod on the name) is inside the name
    misread = wn.upos == "VERB" and wn.deprel == "amod" and wn.head > after[0] and \
        doc.words[wn.head].upos == "PROPN" and wn.text[:1].isupper()
    if not (wn.upos in NOMINAL or wn.upos == "DET" or wn.upos == "ADJ" or misread):
        return None
    # the verb is never part of its speaker's phrase ("reply Smith and Jones" with the verb
    # read as a noun and the name hung flat on it)
    head = np_head(doc, after[0], allowed - {verb})
    # inverted order comes after the quote ("“…,” said Belcour") or, for the second
    # half of an interrupted quote, between the verb and the quote ("said Belcour, “…”")
    between = doc.words[head].start < frame.start
    # an adjective with a determiner is a noun phrase a tagger misread ("said another
    # private loudly", "said the old man" with "old" as head)
    nominal = doc.words[head].upos in NOMINAL or (
        doc.words[head].upos == "ADJ" and doc.words[head].head == verb and
        any(doc.words[c].deprel == "det" for c in doc.children[head]))
    if nominal and head in allowed and (
            s.quote_before or between or doc.words[head].deprel.startswith("nsubj")) and \
            doc.words[head].text.lower() not in _NOT_INVERTED_SUBJECTS:
        author = _author(doc, head, s.frame.quote) \
            if s.switches.on(RuleId.AUTHOR_OF_DOCUMENT) else None
        if author is not None:
            # "“…,” said a statement on the company's website": the company
            return _found(RuleId.INVERTED, author, "inverted", "author-of-document")
        return _found(RuleId.INVERTED, head)
    return None


def _before_verb(s: VerbSite) -> list[int]:
    return [j for j in s.frame.words if s.doc.words[j].start < s.doc.words[s.verb].start]


def _subject_hung_on_quote(s: VerbSite) -> Finding | None:
    """All of our friends would say, “Hey, you'd get along” -> all (hung on the quote's verb)."""
    doc = s.doc
    for j in reversed(_before_verb(s)[-15:]):
        wj = doc.words[j]
        if wj.deprel.startswith(("nsubj", "vocative", "dislocated")) and \
                wj.head in s.frame.quote and (wj.upos in NOMINAL or wj.upos == "DET"):
            return _found(RuleId.SUBJECT_HUNG_ON_QUOTE, j)
        if wj.text in PHRASE_STOPS:
            break
    return None


def _nearest_before(s: VerbSite) -> Finding | None:
    """Smith, 45, said “…” (a broken parse) -> Smith (the nearest noun phrase before the verb)."""
    doc, allowed = s.doc, s.allowed
    for j in reversed(_before_verb(s)[-6:]):
        wj = doc.words[j]
        if wj.upos in ("PROPN", "NOUN", "PRON") and wj.text.lower() not in RELATIVE:
            top = np_top(doc, j, allowed)
            if top != j and not plausible_speaker(doc, top):
                # "Discussing his concern in a public statement, Malaysia's Prime Minister,
                # Najib Razak, said" hung from "statement": keep the phrase that can speak
                top = np_head(doc, j, allowed)
            return _found(RuleId.NEAREST_BEFORE, top)
        if wj.upos in ("VERB",) or wj.text in PHRASE_STOPS:
            break
    return None


#: The speaker of a reporting verb: ordered, first hit wins; NO_SUBJECT when none hits.
SOURCE_RULES: tuple[Rule, ...] = (
    Rule(RuleId.INVERTED_OBJECT_NAME, _inverted_object_name),
    Rule(RuleId.RELATIVE_CLAUSE, _relative_clause),
    Rule(RuleId.PASSIVE_AGENT, _passive_agent),
    Rule(RuleId.PASSIVE_NO_AGENT, _passive_no_agent),
    Rule(RuleId.AUTHOR_OF_DOCUMENT, _author_of_document),
    Rule(RuleId.POSSESSOR_OF_UTTERANCE, _possessor_of_utterance),
    Rule(RuleId.SUBJECT, _subject),
    Rule(RuleId.NOUN_BY_VERB_READ_AS_NOUN, _noun_by_verb_read_as_noun),
    Rule(RuleId.MODIFIED_NOUN, _modified_noun),
    Rule(RuleId.OBJECT_OF_GOVERNING_VERB, _object_of_governing_verb),
    Rule(RuleId.SUBJECT_OF_GOVERNING_VERB, _subject_of_governing_verb,
         emits=(RuleId.SUBJECT_OF_GOVERNING_VERB, RuleId.PASSIVE_AGENT)),
    Rule(RuleId.INVERTED, _inverted),
    Rule(RuleId.SUBJECT_HUNG_ON_QUOTE, _subject_hung_on_quote),
    Rule(RuleId.NEAREST_BEFORE, _nearest_before),
)


def _no_subject(s: VerbSite) -> Finding:
    """Reports indicate “…” -> no speaker head (the default when no source rule hits)."""
    return _found(RuleId.NO_SUBJECT, None)


#: The source stage's default (it cannot be disabled).
SOURCE_DEFAULT = Rule(RuleId.NO_SUBJECT, _no_subject)


def verb_speaker(doc: ParsedDoc, frame: Frame, verb: int, quote_before: bool,
                 switches: Switches) -> tuple[int | None, tuple[str, ...]]:
    """The speaker head word of a reporting verb, and the labels of the rule that found it."""
    site = VerbSite(doc, frame, verb, quote_before, subject_of(doc, verb, frame.quote), switches)
    for rule in SOURCE_RULES:
        if not switches.on(rule.id):
            continue
        found = rule.fn(site)
        if found is not None:
            return found.value, found.labels
    return None, _no_subject(site).labels


def _author(doc: ParsedDoc, noun: int, blocked: frozenset[int]) -> int | None:
    """For a document as subject ("PC World's analysis concluded", "a letter from the
    ministry said", "a statement on the company's website"), the person or organization it
    speaks for, if the text names one that can speak. A possessor that cannot ("the
    review's final report") leaves the document as the speaker."""
    w = doc.words[noun]
    if w.upos != "NOUN" or w.lemma.lower() not in lexicon.REPORTING_NOUNS:
        return None
    for c in doc.children[noun]:
        if c in blocked:
            continue
        rel = doc.words[c].deprel
        if rel == "nmod:poss" and doc.words[c].upos in ("PROPN", "NOUN"):
            return c if plausible_speaker(doc, c) else None
        cases = {doc.words[g].text.lower() for g in doc.children[c]
                 if doc.words[g].deprel == "case"}
        if not rel.startswith("nmod"):
            continue
        if cases & lexicon.AUTHOR_CASES and doc.words[c].upos in ("PROPN",):
            return c
        if cases & lexicon.PUBLISHING_CASES and \
                doc.words[c].lemma.lower() in lexicon.PUBLISHING_PLACES:
            # "a statement on the company's website": the website's owner
            return _owner(doc, c, blocked)
    return None


def _owner(doc: ParsedDoc, place: int, blocked: frozenset[int]) -> int | None:
    """Whose website or page it is: "the company's website", "the website of the council"."""
    for c in doc.children[place]:
        w = doc.words[c]
        if c in blocked or w.upos not in ("PROPN", "NOUN") or not plausible_speaker(doc, c):
            continue
        if w.deprel == "nmod:poss" or (w.deprel.startswith("nmod") and any(
                doc.words[g].deprel == "case" and doc.words[g].text.lower() == "of"
                for g in doc.children[c])):
            return c
    return None


# --------------------------------------------------------------------------------------------
# The speaker a head word names


@attrs.frozen
class HeadSpeaker:
    """The speaker a head word names: the speaker, its labels, its factor, what to remember."""

    speaker: Speaker | None
    labels: tuple[str, ...]
    factor: float
    learned: tuple[str, str] | None = None
    antecedent: Described | None = None


def speaker_of_head(ctx: QuoteContext, head: int, described: Described | None = None,
                    third_person: Collection[str] = frozenset()) -> HeadSpeaker:
    """The speaker a head word names, a pronoun resolved.

    Args:
        ctx: the quote's context.
        head: the mention's head word.
        described: the head's `describe` result when the caller has it.
        third_person: names the quote speaks of (see `third_person_names`).
    """
    assert ctx.index is not None  # run only with a parse
    doc = ctx.doc
    assert doc is not None
    d = described if described is not None else describe(doc, head, ctx.index)
    if d.kind is not SpeakerKind.PRONOUN:
        return HeadSpeaker(d.speaker(doc), (f"speaker:{d.kind.value}",), wt.FACTOR_MENTION)
    use_coref = ctx.switches.on(RuleId.RESOLVED_COREF)
    res = resolve_pronoun(doc, head, ctx.state.antecedents, ctx.index, ctx.p_index,
                          use_coref=use_coref, unlikely=third_person,
                          paragraph_subject=ctx.switches.on(RuleId.RESOLVED_PARAGRAPH_SUBJECT))
    if res.antecedent is not None and res.rule in ("nearest-antecedent", "paragraph-subject") and \
            not ctx.switches.on(RuleId.RESOLVED_NEAREST):
        res = attrs.evolve(res, antecedent=None, rule="unresolved", learned=None)
    if res.antecedent is None:
        return HeadSpeaker(d.speaker(doc), (f"speaker:pronoun-{res.rule}",),
                           wt.FACTOR_PRONOUN_UNRESOLVED)
    factor = wt.FACTOR_PRONOUN_RESOLVED
    if res.rule == "nearest-antecedent" and ctx.switches.on(RuleId.RESOLVED_RANKED):
        ranked = _ranked(ctx, head, res.antecedent, third_person)
        if ranked is not None:
            chosen, factor = ranked
            gender = lexicon.PRONOUNS.get(doc.words[head].text.lower(), (3, "", None))[2]
            learned = (chosen.name, gender) if chosen.name and gender in ("male", "female") \
                else None
            res = Resolution(chosen, "ranked", learned)
    assert res.antecedent is not None
    sp = res.antecedent.speaker(doc, mention=(d.first_word, d.end_word))
    labels: tuple[str, ...] = (f"speaker:pronoun->{res.antecedent.kind.value}",
                               f"resolved:{res.rule}")
    if ctx.switches.on(RuleId.PRONOUN_CHAIN) and \
            carried_by_chain(doc, head, ctx.state.antecedents, res.antecedent):
        labels += (RuleId.PRONOUN_CHAIN.label,)
    return HeadSpeaker(sp, labels, factor, res.learned, res.antecedent)


def _ranked(ctx: QuoteContext, pronoun: int, rule_choice: Described,
            third_person: Collection[str]) -> tuple[Described, float] | None:
    """The learned ranker's person and probability, where two or more persons agree."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    agreeing = agreeing_antecedents(ctx.doc, pronoun, ctx.state.antecedents, ctx.index,
                                    ctx.p_index)
    cands = candidates_of(ctx.doc, pronoun, agreeing, ctx.index, ctx.state, ctx.p_index,
                          ctx.addressed, third_person, rule_choice)
    found = rank_antecedents(cands)
    if found is None:
        return None
    return found[0].described, found[1]


def _ranked_antecedent(ctx: QuoteContext, pronoun: int) -> Described | None:
    """Tom and Sam came in. “…,” he said (Sam spoke last) -> the ranker's most probable person."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    res = resolve_pronoun(ctx.doc, pronoun, ctx.state.antecedents, ctx.index, ctx.p_index,
                          use_coref=False)
    if res.antecedent is None:
        return None
    found = _ranked(ctx, pronoun, res.antecedent, frozenset())
    return found[0] if found is not None else None


def third_person_names(doc: ParsedDoc, frame: Frame) -> frozenset[str]:
    """Lower-cased surnames the quote speaks of as someone else: the last word of a proper
    noun that is the subject of a verb inside it ("He said, “Andy Warhol was the center of
    the Zeitgeist …”"), not a name it calls out to. People seldom speak of themselves so."""
    out = set()
    for i in frame.quote:
        w = doc.words[i]
        if w.upos == "PROPN" and w.deprel.split(":")[0] == "nsubj" and w.head in frame.quote:
            last = i  # the name's last word: "Andy Warhol" hangs on Andy
            for c in doc.children[i]:
                if doc.words[c].deprel.startswith("flat") and c in frame.quote:
                    last = max(last, c)
            out.add(doc.words[last].text.lower())
    return frozenset(out)


def _implausible(doc: ParsedDoc, head: int, lenient: bool = False) -> bool:
    """Ozone has dropped, “…” it said -> no speaker ("ozone" cannot say anything)."""
    return not plausible_speaker(doc, head, lenient)


def _coref_antecedent(ctx: QuoteContext, pronoun: int) -> Described | None:
    """“…,” she said (coref: she = Mary Smith) -> Mary Smith (the parse's coreference chain)."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    from quoteattr.attribution.pronouns import _from_chain

    return _from_chain(ctx.doc, pronoun, ctx.index)


def _nearest_antecedent(ctx: QuoteContext, pronoun: int) -> Described | None:
    """Mary Smith arrived. “…,” she said -> Mary Smith (the nearest agreeing antecedent)."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    res = resolve_pronoun(ctx.doc, pronoun, ctx.state.antecedents, ctx.index, ctx.p_index,
                          use_coref=False)
    return res.antecedent


def _paragraph_subject(ctx: QuoteContext, pronoun: int) -> Described | None:
    """Whitlock said “…”. ¶ City coach Marta Ilic was unhappy. “…,” she said -> Marta Ilic."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    res = resolve_pronoun(ctx.doc, pronoun, ctx.state.antecedents, ctx.index, ctx.p_index,
                          use_coref=False)
    return res.antecedent if res.rule == "paragraph-subject" else None


def _chain_antecedent(ctx: QuoteContext, pronoun: int) -> Described | None:
    """Mr. Fleming wanted to enlist. He lay awake. … It was rung by a man. “Ma, I am going,”
    he said -> Mr. Fleming: the narration's own "he" subjects, resolved in text order
    (`pronouns.PronounChain`), are antecedents too, so the nearest agreeing one carries the
    person the story is about past a newly named one. What it found: the person of the
    nearest resolved narration pronoun that agrees with ``pronoun``."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    agreeing = agreeing_antecedents(ctx.doc, pronoun, ctx.state.antecedents, ctx.index,
                                    ctx.p_index)
    chained = [a for a, _ in agreeing if a.via_pronoun]
    return chained[-1].described if chained else None


#: Checks and pronoun rules of the speaker stage (run inside `speaker_of_head`).
SPEAKER_RULES: tuple[Rule, ...] = (
    Rule(RuleId.IMPLAUSIBLE_SPEAKER, _implausible),
    Rule(RuleId.RESOLVED_COREF, _coref_antecedent, requires={"coref"}),
    Rule(RuleId.RESOLVED_PARAGRAPH_SUBJECT, _paragraph_subject),
    Rule(RuleId.RESOLVED_NEAREST, _nearest_antecedent),
    Rule(RuleId.RESOLVED_RANKED, _ranked_antecedent),
    Rule(RuleId.PRONOUN_CHAIN, _chain_antecedent),
)


def cue_span(ctx: QuoteContext) -> Cue | None:
    """The cue's character span, from its first word to its last."""
    cue, doc = ctx.cue, ctx.doc
    if cue is None or not cue.words or doc is None:
        return None
    a, b = min(cue.words), max(cue.words)
    return Cue.of(ctx.text, doc.words[a].start, doc.words[b].end)


def _without_cue(doc: ParsedDoc, d: Described, cue: Sequence[int]) -> Described:
    """The mention cut before its cue: a verb the tagger read as a noun can be grown into the
    noun phrase it hangs on ("The U.S. Department of Agriculture notes" as nmod)."""
    inside = [c for c in cue if d.head < c < d.end_word]
    if not inside:
        return d
    end = min(inside)
    while end > d.head + 1 and doc.words[end - 1].upos == "PUNCT":
        end -= 1
    label = _clean(doc.span_text(d.first_word, end)[2])
    organization = label if d.organization == d.label else d.organization
    return attrs.evolve(d, end_word=end, label=label if d.label != d.name else d.label,
                        organization=organization)


def cue_speaker_plausible(doc: ParsedDoc, cue: CueMatch) -> bool:
    """Has the cue a speaker that can say something (`plausible_speaker`; after a verb that
    only ever reports speech, "said the parson", any noun will do)?"""
    lenient = bool(cue.words and doc.words[cue.words[0]].lemma.lower()
                   in lexicon.SPEECH_ONLY_VERBS)
    return cue.speaker is not None and plausible_speaker(doc, cue.speaker, lenient)


def speaker_of_cue(ctx: QuoteContext) -> Attribution:
    """The speaker the quote's cue names (``ctx.cue`` is not None)."""
    assert ctx.frame is not None  # run only with a parse
    doc, cue = ctx.doc, ctx.cue
    assert doc is not None and cue is not None
    if cue.speaker is not None and ctx.switches.on(RuleId.IMPLAUSIBLE_SPEAKER) and \
            not cue_speaker_plausible(doc, cue):
        cue = attrs.evolve(cue, speaker=None, rules=cue.rules + ("implausible-speaker",))
    why = tuple(cue.rules)
    if cue.speaker is None:
        # a cue whose source could not be recovered ("it was said", a non-person subject):
        # inferring someone else from the context would be a guess
        return Attribution(None, wt.CUE_WITHOUT_SPEAKER, why + (Note.CUE_WITHOUT_SPEAKER.value,))
    d = _without_cue(doc, describe(doc, cue.speaker, ctx.index), cue.words)
    found = speaker_of_head(ctx, cue.speaker, d, ctx.spoken_of)
    records = ((cue.speaker, d),) if d.kind is not SpeakerKind.PRONOUN else ()
    learned = (found.learned,) if found.learned else ()
    resolved = ((cue.speaker, found.antecedent),) if found.antecedent is not None else ()
    if found.speaker is None:
        return Attribution(None, wt.CUE_WITHOUT_SPEAKER, why + found.labels, records, learned,
                           resolved=resolved)
    return Attribution(found.speaker, round(cue.strength * found.factor, 3), why + found.labels,
                       records, learned, resolved=resolved)
