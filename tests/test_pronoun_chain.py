"""The narration's pronoun chain (`quoteattr.attribution.pronouns.PronounChain`): "he" and
"she" subjects outside quotes resolved in text order and kept as antecedents."""

from __future__ import annotations

import attrs
from conllu import parsed
from test_constructions import CASES

from quoteattr.attribution import AttributionOptions, attribute_quotes
from quoteattr.attribution.pronouns import (
    PronounChain,
    candidate_antecedents,
    carried_by_chain,
)
from quoteattr.attribution.ranker import antecedents_in
from quoteattr.speaker_kinds import EntityIndex
from quoteattr.spans import find_quote_spans

CHAIN = next(p for p in CASES if p.id.startswith("the narration's 'he' subjects"))
TEXT, SENTENCES = CHAIN.values[0], CHAIN.values[1]


def _setup():
    doc = parsed(TEXT, *SENTENCES)
    index = EntityIndex(doc)
    spans = find_quote_spans(TEXT)
    quoted = [(s.start, s.end) for s in spans.spans]
    ante = candidate_antecedents(doc, index, spans.paragraphs, quoted)
    return doc, index, spans, quoted, ante


def test_an_honorific_is_no_person_of_its_own():
    """"Mr." hangs on "Fleming" as nmod:desc: one candidate, Fleming, not two."""
    doc, _, _, _, ante = _setup()
    assert [doc.words[a.described.head].text for a in ante] == ["Fleming", "man"]


def test_narration_pronouns_resolve_in_text_order():
    """Both narration "He"s are taken for Mr. Fleming, each at its own position; the
    speaker "he" after the quote is not walked before the quote's opening mark."""
    doc, index, spans, quoted, ante = _setup()
    chain = PronounChain(doc, spans.paragraphs, quoted)
    chain.advance(spans.spans[0].open_mark, ante, index)
    walked = [a for a in ante if a.via_pronoun]
    assert [doc.words[a.at].text for a in walked] == ["He", "He"]
    assert {doc.words[a.described.head].text for a in walked} == {"Fleming"}
    assert [doc.words[a.word].start for a in ante] == sorted(doc.words[a.word].start
                                                               for a in ante)
    he = next(w.index for w in doc.words if w.text == "he")
    fleming = next(a.described for a in ante if not a.via_pronoun and a.described.name)
    assert carried_by_chain(doc, he, ante, fleming)
    # the turn rules count who is named, not whom a pronoun was taken for
    assert not any(a.via_pronoun for a in antecedents_in(ante, 0, 0))


def test_a_decided_speaker_pronoun_is_taken_as_decided():
    """A speaker pronoun the attribution resolved keeps that person in the chain."""
    doc, index, spans, quoted, ante = _setup()
    chain = PronounChain(doc, spans.paragraphs, quoted)
    man = next(a.described for a in ante if doc.words[a.described.head].text == "man")
    he = next(w.index for w in doc.words if w.text == "he")
    chain.decide(he, man)
    chain.advance(len(TEXT), ante, index)
    assert next(a for a in ante if a.at == he).described == man


def test_pronouns_inside_quotes_are_not_walked():
    """“He is late,” she said: the quoted "He" is the speaker's, not the narration's."""
    text = "Ann waited. “He is late,” she said."
    doc = parsed(text,
                 "Ann|PROPN|2|nsubj waited|VERB|0|root|wait .|PUNCT|2|punct",
                 "“|PUNCT|4|punct He|PRON|4|nsubj is|AUX|4|cop|be late|ADJ|8|ccomp "
                 ",|PUNCT|4|punct ”|PUNCT|4|punct she|PRON|8|nsubj said|VERB|0|root|say "
                 ".|PUNCT|8|punct")
    spans = find_quote_spans(text)
    chain = PronounChain(doc, spans.paragraphs, [(s.start, s.end) for s in spans.spans])
    assert [doc.words[w].text for w, _ in chain.pending] == ["she"]


def test_disabled_chain_leaves_the_newer_man():
    """Without the chain the nearest man wins: the rule is what carries Mr. Fleming."""
    doc = parsed(TEXT, *SENTENCES)
    off = attribute_quotes(TEXT, find_quote_spans(TEXT), doc,
                           AttributionOptions(disabled={"resolved:pronoun-chain"}))[0]
    on = attribute_quotes(TEXT, find_quote_spans(TEXT), doc)[0]
    assert on.speaker.name == "Mr. Fleming"
    assert off.speaker.name != "Mr. Fleming"


TOPIC = "The boy was awake. He lay in bed as a man rang the bell. He went down."
TOPIC_PARSE = [
    "The|DET|2|det boy|NOUN|4|nsubj was|AUX|4|cop|be awake|ADJ|0|root .|PUNCT|4|punct",
    "He|PRON|2|nsubj lay|VERB|0|root|lie in|ADP|4|case bed|NOUN|2|obl as|SCONJ|8|mark "
    "a|DET|7|det man|NOUN|8|nsubj rang|VERB|2|advcl|ring the|DET|10|det bell|NOUN|8|obj "
    ".|PUNCT|2|punct",
    "He|PRON|2|nsubj went|VERB|0|root|go down|ADV|2|advmod .|PUNCT|2|punct",
]


def _walk_topic():
    doc = parsed(TOPIC, *TOPIC_PARSE)
    index = EntityIndex(doc)
    ante = candidate_antecedents(doc, index, [(0, len(TOPIC))], [])
    PronounChain(doc, [(0, len(TOPIC))], []).advance(len(TOPIC), ante, index)
    return {doc.words[a.at].start: doc.words[a.described.head].text
            for a in ante if a.via_pronoun}


def test_the_topic_a_pronoun_carries_beats_a_newcomer_of_the_same_sentence(monkeypatch):
    """"He lay in bed as a man rang the bell. He went down.": the second "He" goes on with
    the boy, whom the first was taken for (`weights.PRONOUN_TOPIC`), not with the man
    named later in the same sentence; without that weight the later man wins the tie."""
    from quoteattr.attribution import weights

    second = TOPIC.rindex("He")
    assert _walk_topic()[second] == "boy"
    monkeypatch.setattr(weights, "PRONOUN_TOPIC", 0.0)
    assert _walk_topic()[second] == "man"


def test_a_main_clause_pronoun_never_looks_ahead():
    """"When he came in, Tom sat down": he is Tom; "He left when Tom came in": two men."""
    from quoteattr.attribution.pronouns import _cataphor

    fronted = parsed("When he came in, Tom sat down.",
                     "When|SCONJ|3|mark he|PRON|3|nsubj came|VERB|7|advcl|come in|ADV|3|advmod "
                     ",|PUNCT|3|punct Tom|PROPN|7|nsubj sat|VERB|0|root|sit down|ADV|7|advmod "
                     ".|PUNCT|7|punct")
    main = parsed("He left when Tom came in.",
                  "He|PRON|2|nsubj left|VERB|0|root|leave when|SCONJ|5|mark Tom|PROPN|5|nsubj "
                  "came|VERB|2|advcl|come in|ADV|5|advmod .|PUNCT|2|punct")
    found = _cataphor(fronted, 1, EntityIndex(fronted), lambda _: False)
    assert found is not None and found.name == "Tom"
    assert _cataphor(main, 0, EntityIndex(main), lambda _: False) is None
    assert _cataphor(fronted, 1, EntityIndex(fronted), lambda _: True) is None  # Tom quoted


def test_a_mention_of_the_pronouns_gender_beats_one_of_no_gender(monkeypatch):
    """"His mother wept as the doctor came in. “…,” she moaned.": "mother" is female, the
    doctor could be anyone (`weights.PRONOUN_GENDER_KNOWN`); without that weight the later
    subject wins the tie."""
    from quoteattr.attribution import weights
    from quoteattr.attribution.pronouns import resolve_pronoun

    text = "His mother wept as the doctor came in. “Not yet,” she moaned."
    doc = parsed(text,
                 "His|PRON|2|nmod:poss mother|NOUN|3|nsubj wept|VERB|0|root|weep as|SCONJ|7|mark "
                 "the|DET|6|det doctor|NOUN|7|nsubj came|VERB|3|advcl|come in|ADV|7|advmod "
                 ".|PUNCT|3|punct",
                 "“|PUNCT|3|punct Not|PART|3|advmod yet|ADV|7|ccomp ,|PUNCT|3|punct "
                 "”|PUNCT|3|punct she|PRON|7|nsubj moaned|VERB|0|root|moan .|PUNCT|7|punct")
    index = EntityIndex(doc)
    spans = find_quote_spans(text)
    ante = candidate_antecedents(doc, index, spans.paragraphs,
                                 [(s.start, s.end) for s in spans.spans])
    she = next(w.index for w in doc.words if w.text == "she")

    def head():
        found = resolve_pronoun(doc, she, ante, index, 0).antecedent
        return doc.words[found.head].text

    assert head() == "mother"
    monkeypatch.setattr(weights, "PRONOUN_GENDER_KNOWN", 0.0)
    assert head() == "doctor"


def test_a_noun_form_gives_the_sex_agreement_uses():
    """"the footman" is a man for agreement: "she" does not stand for him (and the
    lexicon's doctests: "seaman", "washerwoman", "governess"; not "human", "witness")."""
    import doctest

    from quoteattr import lexicon
    from quoteattr.attribution.pronouns import resolve_pronoun

    failures, _ = doctest.testmod(lexicon, verbose=False)
    assert failures == 0
    text = "Vrenna waited. The footman bowed. “Come in,” she said."
    doc = parsed(text,
                 "Vrenna|PROPN|2|nsubj waited|VERB|0|root|wait .|PUNCT|2|punct",
                 "The|DET|2|det footman|NOUN|3|nsubj bowed|VERB|0|root|bow .|PUNCT|3|punct",
                 "“|PUNCT|3|punct Come|VERB|7|ccomp|come in|ADV|2|advmod ,|PUNCT|2|punct "
                 "”|PUNCT|2|punct she|PRON|7|nsubj said|VERB|0|root|say .|PUNCT|7|punct")
    index = EntityIndex(doc)
    spans = find_quote_spans(text)
    ante = candidate_antecedents(doc, index, spans.paragraphs,
                                 [(s.start, s.end) for s in spans.spans])
    she = next(w.index for w in doc.words if w.text == "she")
    found = resolve_pronoun(doc, she, ante, index, 0).antecedent
    assert found is not None and doc.words[found.head].text == "Vrenna"


STRANGER = "A stranger came in. He sat down. She laughed."
STRANGER_PARSE = [
    "A|DET|2|det stranger|NOUN|3|nsubj came|VERB|0|root|come in|ADV|3|advmod .|PUNCT|3|punct",
    "He|PRON|2|nsubj sat|VERB|0|root|sit down|ADV|2|advmod .|PUNCT|2|punct",
    "She|PRON|2|nsubj laughed|VERB|0|root|laugh .|PUNCT|2|punct",
]


def test_a_pronoun_already_taken_for_a_mention_tells_its_gender(monkeypatch):
    """"A stranger came in. He sat down. She laughed.": the "He" is the stranger, so "She"
    is not (the words "a stranger" say no sex; the chain's "He" does). Without the genders
    the chain told (`_told_genders`) "She" would take the stranger too."""
    from quoteattr.attribution import pronouns

    doc = parsed(STRANGER, *STRANGER_PARSE)
    index = EntityIndex(doc)
    para = [(0, len(STRANGER))]
    ante = candidate_antecedents(doc, index, para, [])
    she = next(w.index for w in doc.words if w.text == "She")
    PronounChain(doc, para, []).advance(doc.words[she].start, ante, index)
    he = next(a for a in ante if a.via_pronoun)
    assert doc.words[he.described.head].text == "stranger"
    assert pronouns.resolve_pronoun(doc, she, ante, index, 0).antecedent is None
    monkeypatch.setattr(pronouns, "_told_genders", lambda doc, cands: {})
    assert doc.words[pronouns.resolve_pronoun(doc, she, ante, index, 0).antecedent.head
                     ].text == "stranger"


def test_mixed_pronouns_tell_no_gender():
    """A mention taken once for "he" and once for "she" tells nothing: both stay open."""
    from quoteattr.attribution.pronouns import _told_genders

    doc = parsed(STRANGER, *STRANGER_PARSE)
    index = EntityIndex(doc)
    ante = candidate_antecedents(doc, index, [(0, len(STRANGER))], [])
    stranger = ante[0]
    he, she = (next(w.index for w in doc.words if w.text == t) for t in ("He", "She"))
    chained = [stranger] + [attrs.evolve(stranger, at=k) for k in (he, she)]
    assert _told_genders(doc, chained) == {}
    assert _told_genders(doc, chained[:2]) == {stranger.described.head: "male"}
