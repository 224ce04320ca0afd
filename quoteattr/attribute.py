"""Quoted spans + parse -> attributed :class:`~quoteattr.types.Quote` objects.

For every quoted span, in text order:

1. Build its frame (the words around it, :func:`quoteattr.cues.build_frame`) and look for a cue
   there (:func:`quoteattr.cues.find_cue`), then in the sentence before it (an introduction
   ending in a colon).
2. Decide whether it is speech. A name, term or title -- "so-called", "dubbed", a short phrase
   the article quotes more than once, a short phrase no reporting verb governs -- is
   ``nonspeech`` with no speaker. Anything a reporting cue governs is speech; so is anything
   that reads as an utterance (a clause, sentence punctuation, six words or more) even
   without a cue. Speech set inside the reporter's own sentence is ``partial``.
3. Resolve the speaker: the cue's noun phrase, classified and, for a pronoun, resolved
   (:mod:`quoteattr.speakers`). With no cue, a reader's inference: the previous quote's speaker
   in the same paragraph, the person the sentence before introduced, or -- for a paragraph
   that is only a quote -- the previous paragraph's speaker (or, in a dialogue, the speaker
   before that: turns alternate).
4. A speech quote with no defensible speaker keeps ``speaker=None`` and says why in
   ``evidence``. Nothing is dropped.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection, Sequence

import attrs
import regex

from quoteattr import lexicon
from quoteattr.cues import (
    CueMatch,
    Frame,
    build_frame,
    find_cue,
    find_neighbour_cue,
    is_reporting_verb,
    subject_of,
)
from quoteattr.entities import link_entities
from quoteattr.parse import ParsedDoc
from quoteattr.spans import QuoteSpan, SpanResult
from quoteattr.speakers import (
    Antecedent,
    Described,
    EntityIndex,
    candidate_antecedents,
    describe,
    plausible_speaker,
    resolve_pronoun,
)
from quoteattr.types import Cue, Quote, QuoteKind, Speaker, SpeakerKind

__all__ = ["attribute_quotes", "classify_surface", "AttributionOptions"]

_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_SENT_PUNCT_RE = regex.compile(r"[.!?…]\W*$|[.!?]\s+\p{Lu}")
_BOUNDARY_BEFORE = frozenset(",:.!?;—–-(\u2026") | lexicon.OPENING_MARKS
_NONSPEECH_BEFORE_RE = regex.compile(
    r"(?i)\b(so[- ]called|dubbed|nicknamed|code-?named|titled|entitled|known as|billed as|"
    r"styled|self-styled|the (?:word|words|term|phrase|slogan|motto|headline|label|name|"
    r"hashtag|title)|(?:a|the|its|their|his|her) (?:so-called )?(?:campaign|operation|"
    r"programme|program|project|plan|doctrine|policy|strategy|initiative|film|movie|book|"
    r"song|album|show|series|novel|report|article|play|poem|essay|paper|study|column|"
    r"documentary|exhibition|slogan) (?:called|named|titled|entitled)|"
    r"(?:is|are|was|were|be|been) (?:called|named|known as)|,?\s*(?:named|called|labell?ed|"
    r"marked|reading|read|headlined|captioned|tagged|pronounced|spelled|spelt))\s*$")


@attrs.frozen(kw_only=True)
class AttributionOptions:
    """Knobs of the attribution rules.

    Attributes:
        min_utterance_words: a quote with no cue needs this many words to count as speech.
        max_term_words: a quote this short that the text repeats is a term, not speech.
        carry_over: infer speakers for quotes without a cue from the context.
    """

    min_utterance_words: int = 6
    max_term_words: int = 4
    carry_over: bool = True


def _norm(s: str) -> str:
    return " ".join(_WORD_RE.findall(s.lower()))


def classify_surface(text: str, span: QuoteSpan, paragraph: tuple[int, int],
                     repeated: Counter | None = None,
                     options: AttributionOptions = AttributionOptions()) -> tuple[QuoteKind, str]:
    """Speech or not from the surface alone (no parse): the kind and the rule that decided."""
    content = text[span.start : span.end]
    n_words = len(_WORD_RE.findall(content))
    before = text[max(paragraph[0], span.open_mark - 60) : span.open_mark]
    if _NONSPEECH_BEFORE_RE.search(before):
        return QuoteKind.NONSPEECH, "nonspeech:named-by-context"
    kind = _direct_or_partial(text, span, paragraph)
    if repeated is not None and n_words <= options.max_term_words and kind is \
            QuoteKind.PARTIAL and repeated[_norm(content)] > 1 and \
            not _SENT_PUNCT_RE.search(content.strip()):
        # a short phrase the text quotes more than once, inside its own sentences: a term
        return QuoteKind.NONSPEECH, "nonspeech:repeated-term"
    if _is_title(content):
        return QuoteKind.NONSPEECH, "nonspeech:title-case"
    if n_words >= options.min_utterance_words:
        return kind, "speech:utterance-shape"
    stripped = content.strip()
    if kind is QuoteKind.DIRECT and n_words >= 1 and stripped[:1].isupper() and \
            regex.search(r"[.!?…]$|[-—–]$", stripped):
        return kind, "speech:utterance-shape"  # “Yes.” “Why?” “Quick!”
    if kind is QuoteKind.DIRECT and n_words >= 2 and (
            _SENT_PUNCT_RE.search(content.strip()) or content.rstrip().endswith(",")):
        # a short sentence of its own ("Not yet," she said.) -- but an embedded fragment
        # ending the reporter's sentence (a "significant public benefit.") is not one
        return kind, "speech:utterance-shape"
    return QuoteKind.NONSPEECH, "nonspeech:short-without-cue"


_MINOR_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for",
                          "from", "by", "with", "vs", "vs.", "de", "la", "le", "du", "und"})


def _is_title(content: str) -> bool:
    """A name or title in title case ("Insurgency Wiki", "Andy Warhol: Photographs and
    Prints"): two to twelve words, every major word capitalized, no sentence punctuation."""
    stripped = content.strip().rstrip(",")
    words = _WORD_RE.findall(stripped)
    if not 2 <= len(words) <= 12 or regex.search(r"[.!?]\s*$", stripped):
        return False
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not major or any(w.lower() in ("i", "we", "you") for w in words):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in major) and \
        not all(w.isupper() for w in major)


def _direct_or_partial(text: str, span: QuoteSpan, paragraph: tuple[int, int]) -> QuoteKind:
    """Direct when the quote starts a sentence, follows a comma/colon/dash, or opens with a
    capital and runs three words or more (said "All those..."); else partial."""
    j = span.open_mark - 1
    while j >= paragraph[0] and text[j].isspace():
        j -= 1
    if j < paragraph[0] or text[j] in _BOUNDARY_BEFORE:
        return QuoteKind.DIRECT
    content = text[span.start : span.end].lstrip()
    if content[:1].isupper() and len(_WORD_RE.findall(content)) >= 3 and \
            not content.istitle():
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def _quote_only_paragraph(text: str, paragraph: tuple[int, int],
                          spans: Sequence[QuoteSpan]) -> bool:
    """Is the paragraph nothing but quotes (and punctuation)?"""
    rest = []
    pos = paragraph[0]
    first = bisect.bisect_left(spans, paragraph[0] - _WINDOW, key=lambda s: s.open_mark)
    for s in spans[first:]:
        if s.open_mark >= paragraph[1]:
            break
        if s.depth or (s.close_mark or s.end) < paragraph[0]:
            continue
        rest.append(text[pos : max(pos, s.open_mark)])
        pos = max(pos, (s.close_mark + 1) if s.close_mark is not None else s.end)
    rest.append(text[pos : paragraph[1]])
    return not any(ch.isalnum() for part in rest for ch in part)


#: Tags a tagger gives a name that is also a word ("said Good." with Good an adjective).
_NAME_AS_WORD_TAGS = frozenset({"ADJ", "NOUN", "ADV"})
#: Relations of a word that heads a noun phrase of its own (the place a name fills).
_NOUN_PHRASE_HEADS = frozenset({"nsubj", "obj", "iobj", "obl", "nmod", "appos", "vocative",
                                "conj", "flat", "dep"})


def _names_kept_as_names(doc: ParsedDoc) -> ParsedDoc:
    """One reading per document for a capitalized name: a word written capitalized inside a
    sentence that the tagger took for an adjective, noun or adverb and that heads a noun
    phrase ("‘Three years,’ said Good.") is
    a proper noun where it follows a name ("John Good"), where the document writes it in a
    multi-word proper name, or where it is capitalized inside sentences three times or more.
    The parse the caller sees is not changed."""
    words = doc.words

    def titled(w) -> bool:
        return w.text[:1].isupper() and w.text[1:].isalpha() and w.text[1:].islower() and \
            w.text.lower() not in lexicon.HONORIFICS

    def inside(w) -> bool:
        """Not where any word is capitalized: a sentence's or a quote's first word."""
        sent = doc.sentences[w.sent_index]
        if not any(words[k].upos != "PUNCT" and words[k].text not in lexicon.QUOTE_MARKS
                   for k in range(sent.first, w.index)):
            return False
        return words[w.index - 1].text not in lexicon.QUOTE_MARKS and \
            words[w.index - 1].text not in (":", "--", "—", "(", "-", ";")

    names: set[str] = set()
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j].upos == "PROPN" and \
                words[j].sent_index == words[i].sent_index:
            j += 1
        if j - i >= 2:
            names.update(w.text for w in words[i:j] if titled(w))
        i = max(j, i + 1)
    capitalized = Counter(w.text for w in words if w.upos != "PROPN" and titled(w) and inside(w))
    changed = None
    for w in words:
        if w.upos not in _NAME_AS_WORD_TAGS or not titled(w) or not inside(w) or \
                w.deprel.split(":")[0] not in _NOUN_PHRASE_HEADS:
            continue  # "Russian officials", "United": a modifier or a verb stays one
        before = words[w.index - 1]
        if not (w.text in names or capitalized[w.text] >= 3 or
                (before.upos == "PROPN" and before.text[:1].isupper()
                 and before.sent_index == w.sent_index)):
            continue
        if changed is None:
            changed = list(words)
        changed[w.index] = attrs.evolve(w, upos="PROPN", xpos="NNP")
    return doc if changed is None else attrs.evolve(doc, words=tuple(changed))


@attrs.define
class _State:
    """What attribution remembers while walking a document in order."""

    last_in_paragraph: dict[int, Speaker] = attrs.field(factory=dict)
    paragraph_speakers: dict[int, list[Speaker]] = attrs.field(factory=dict)
    #: paragraph -> the names its last outermost quote addresses, each with its word
    #: ("Didn't you want to go in a-swimming, Tom?"): the one who answers in the next turn
    paragraph_addressees: dict[int, dict[str, int]] = attrs.field(factory=dict)
    antecedents: list[Antecedent] = attrs.field(factory=list)


def attribute_quotes(text: str, result: SpanResult, doc: ParsedDoc | None,
                     options: AttributionOptions = AttributionOptions()) -> tuple[Quote, ...]:
    """Attribute every span in ``result``; ``doc`` may be None (surface rules only)."""
    spans = result.spans
    paragraphs = result.paragraphs
    para_starts = [p[0] for p in paragraphs]
    repeated = Counter(_norm(text[s.start : s.end]) for s in spans)
    starts = [s.open_mark for s in spans]
    if doc is not None:
        doc = _names_kept_as_names(doc)
    index = EntityIndex(doc) if doc is not None else None
    state = _State()
    if doc is not None and index is not None:
        quoted = [(s.start, s.end) for s in spans if s.depth == 0]
        state.antecedents = candidate_antecedents(doc, index, paragraphs, quoted)
    out: list[Quote] = []
    last_top: tuple[QuoteSpan, Quote] | None = None  # the previous outermost quote
    for n, span in enumerate(spans):
        p_index = max(0, bisect.bisect_right(para_starts, span.open_mark) - 1)
        paragraph = paragraphs[p_index] if paragraphs else (0, len(text))
        surface_kind, surface_rule = classify_surface(text, span, paragraph, repeated, options)
        evidence: list[str] = []
        if span.depth:
            evidence.append("nested")
        if not span.closed:
            evidence.append("unclosed")
        if span.multi_paragraph:
            evidence.append("multi-paragraph")
        if doc is None or not doc.words:
            out.append(_quote(text, span, surface_kind, None, None,
                              0.5 if surface_kind is QuoteKind.NONSPEECH else 0.4,
                              evidence + [surface_rule, "no-parse"]))
            continue
        parent = _parent(spans, n)
        siblings = _siblings(spans, starts, n)
        frame = build_frame(doc, span.start, span.end, span.open_mark, span.close_mark,
                            siblings, parent)
        if _modifies_noun(doc, frame, text, span):
            out.append(_quote(text, span, QuoteKind.NONSPEECH, None, None, 0.7,
                              evidence + ["nonspeech:modifier-in-noun-phrase"]))
            continue
        cue = find_cue(doc, frame)
        if cue is None and surface_kind is not QuoteKind.NONSPEECH:
            cue = find_neighbour_cue(doc, frame, paragraph)
        if cue is None and _thought(doc, frame):
            out.append(_quote(text, span, QuoteKind.NONSPEECH, None, None, 0.6,
                              evidence + ["nonspeech:thought"]))
            continue
        kind, rule = _decide_kind(surface_kind, surface_rule, cue, text, span, paragraph)
        if kind is QuoteKind.NONSPEECH and \
                surface_rule == "nonspeech:short-without-cue" and not span.depth and \
                _resumes_after_cue(text, span, last_top, paragraph):
            kind = _direct_or_partial(text, span, paragraph)
            rule = "speech:resumes-interrupted-quote"
        evidence.append(rule)
        if kind is QuoteKind.NONSPEECH:
            out.append(_quote(text, span, kind, None, None, 0.7 if cue is None else 0.55,
                              evidence))
            continue
        # the names an outermost quote addresses: not its speaker, and the next turn's
        addressed = _addressees(doc, frame, index) if not span.depth else {}
        speaker, cue_span, confidence, why = _speaker(doc, text, span, frame, cue, index, state,
                                                      p_index, paragraph, spans, options,
                                                      addressed)
        evidence.extend(why)
        if speaker is not None and parent is not None:
            speaker = _outer_first_person(speaker, parent, out, evidence)
        if speaker is not None and not span.depth:
            state.last_in_paragraph[p_index] = speaker
            state.paragraph_speakers.setdefault(p_index, []).append(speaker)
        if not span.depth:
            state.paragraph_addressees[p_index] = addressed
        out.append(_quote(text, span, kind, speaker, cue_span, confidence, evidence))
        if not span.depth:
            last_top = (span, out[-1])
    # speakers as people: group the mentions into entities (quoteattr.entities)
    return link_entities(text, out, doc, paragraphs)


#: The most words a reporting clause between the halves of an interrupted quote has
#: ("…,” she admitted; “…”, "…,” said the girl, “…”).
_MAX_INTERRUPTION_WORDS = 8


def _resumes_after_cue(text: str, span: QuoteSpan, last: tuple[QuoteSpan, Quote] | None,
                       paragraph: tuple[int, int]) -> bool:
    """Does the quote carry on a quote that was broken off by its own reporting clause
    ("“Yes, you'll be near,” she admitted; “that'll be nice; but --”")? The previous quote
    of the paragraph is speech with a speaker, ends mid-sentence (a comma), and its cue
    lies in the short gap between the two. A short second half is then speech, and
    the speaker carries over, whatever the parser made of the second half."""
    if last is None:
        return False
    prev_span, prev = last
    if prev.kind is QuoteKind.NONSPEECH or prev.speaker is None or prev.cue is None or \
            prev_span.close_mark is None or prev_span.open_mark < paragraph[0]:
        return False
    gap_start = prev_span.close_mark + 1
    gap = text[gap_start:span.open_mark]
    if not text[prev_span.start:prev_span.end].rstrip().endswith(",") or \
            not gap_start <= prev.cue.start < prev.cue.end <= span.open_mark:
        return False
    words = _WORD_RE.findall(gap)
    return 0 < len(words) <= _MAX_INTERRUPTION_WORDS and \
        not regex.search(r"[.!?…]", gap.rstrip()[:-1]) and gap.rstrip()[-1:] in ",;:—–-"


def _outer_first_person(speaker: Speaker, parent: tuple[int, int], done: Sequence[Quote],
                        evidence: list[str]) -> Speaker:
    """A nested quote cued by "I" or "we" inside its outer quote ("'When he was winning, I
    thought, 'OK, I'll do a Santorum',' Stan said") is the outer quote's speaker's."""
    m = speaker.mention
    if speaker.kind is not SpeakerKind.PRONOUN or \
            lexicon.PRONOUNS.get(m.text.lower(), (3,))[0] != 1 or \
            not parent[0] <= m.start < parent[1]:
        return speaker
    outer = next((q for q in reversed(done) if (q.start, q.end) == parent), None)
    if outer is None or outer.speaker is None or outer.speaker.kind is SpeakerKind.PRONOUN:
        return speaker
    evidence.append("resolved:outer-quote-speaker")
    return attrs.evolve(outer.speaker, mention=m)


def _thought(doc: ParsedDoc, frame: Frame) -> bool:
    """Is the quote governed by (or right next to) a verb of thinking ("thought Alice")?"""
    for i in frame.words:
        w = doc.words[i]
        if w.upos == "VERB" and w.lemma.lower() in lexicon.THOUGHT_VERBS:
            near = [j for j in frame.words if abs(doc.words[j].start - w.start) < 40]
            if any(abs(doc.words[j].start - frame.start) < 40 or
                   abs(doc.words[j].start - frame.end) < 40 for j in near):
                return True
    return False


def _modifies_noun(doc: ParsedDoc, frame: Frame, text: str, span: QuoteSpan) -> bool:
    """A one- or two-word quote that only modifies a noun after it (the first “solid” sample,
    the “cruise” phase) is a scare quote."""
    n_words = len(_WORD_RE.findall(text[span.start : span.end]))
    if n_words <= 4 and _before_a_noun(doc, text, span):
        return True
    if n_words > 2 or not frame.heads:
        return False
    for h in frame.heads:
        w = doc.words[h]
        if w.upos == "PUNCT":
            continue
        if w.deprel not in ("amod", "compound", "nmod:poss", "nummod") or w.head < 0:
            return False
        head = doc.words[w.head]
        if head.upos not in ("NOUN", "PROPN") or head.start < span.end:
            return False
    return any(doc.words[h].upos != "PUNCT" for h in frame.heads)


def _before_a_noun(doc: ParsedDoc, text: str, span: QuoteSpan) -> bool:
    """A short quote without punctuation of its own, right after a determiner and right
    before a common noun, is part of a noun phrase: the “History” section, a “cruise”
    phase, “free as in beer” content. Read from the tags next to the marks, not the
    quote's own attachment, which the parser often gets wrong."""
    if span.close_mark is None or regex.search(r"[.,;:!?…]\s*$", text[span.start:span.end]):
        return False
    after = doc.words_between(span.close_mark + 1, min(len(text), span.close_mark + 40))
    if not after:
        return False
    nxt = doc.words[after[0]]
    if nxt.upos != "NOUN" or not nxt.text[:1].islower() or \
            text[span.close_mark + 1:nxt.start].strip():
        return False
    before = doc.words_between(max(0, span.open_mark - 40), span.open_mark)
    if not before:
        return False
    prev = doc.words[before[-1]]
    return prev.upos in ("DET", "NOUN", "PROPN") and prev.deprel != "nsubj" and \
        not text[prev.end:span.open_mark].strip()


#: How far around a quote other quotes can share its sentences: Stanza never sees a piece
#: longer than MAX_PIECE_CHARS, so no sentence is longer.
_WINDOW = 3000


def _siblings(spans: Sequence[QuoteSpan], starts: list[int], n: int) -> list[tuple[int, int]]:
    """Content spans of the other quotes at the same depth that can share a sentence with
    quote ``n`` (a window, so attribution stays linear in the number of quotes)."""
    span = spans[n]
    lo = bisect.bisect_left(starts, span.open_mark - _WINDOW)
    hi = bisect.bisect_right(starts, (span.close_mark or span.end) + _WINDOW)
    return [(s.start, s.end) for k, s in enumerate(spans[lo:hi], lo)
            if k != n and s.depth == span.depth]


def _parent(spans: Sequence[QuoteSpan], n: int) -> tuple[int, int] | None:
    span = spans[n]
    if not span.depth:
        return None
    for k in range(n - 1, -1, -1):
        s = spans[k]
        if s.depth == span.depth - 1 and s.start <= span.open_mark < s.end:
            return (s.start, s.end)
    return None


def _decide_kind(surface_kind: QuoteKind, surface_rule: str, cue: CueMatch | None, text: str,
                 span: QuoteSpan, paragraph: tuple[int, int]) -> tuple[QuoteKind, str]:
    if surface_rule == "nonspeech:named-by-context":
        return QuoteKind.NONSPEECH, surface_rule
    if surface_rule == "nonspeech:title-case" and \
            _direct_or_partial(text, span, paragraph) is QuoteKind.PARTIAL:
        # a title inside the reporter's sentence stays a title even under a verb
        # (Microsoft launched “The Internet Explorer 6 Countdown”)
        return QuoteKind.NONSPEECH, surface_rule
    shape = _direct_or_partial(text, span, paragraph)
    if cue is not None and (cue.linked or cue.kind != "verb"):
        if surface_rule == "nonspeech:repeated-term" and not (
                cue.kind in ("colon", "dash") or (cue.linked and "governs" not in cue.rules[0])):
            return QuoteKind.NONSPEECH, surface_rule
        return shape, f"speech:cue-{cue.kind}"
    if cue is not None and surface_kind is not QuoteKind.NONSPEECH:
        return shape, f"speech:cue-{cue.kind}-adjacent"
    content = text[span.start:span.end].strip()
    if cue is not None and cue.kind == "verb" and shape is QuoteKind.DIRECT and \
            content[:1].isupper() and content.endswith(","):
        # “No,” he answered, “…”: a one-word turn set off by a comma before its reporting verb
        return shape, f"speech:cue-{cue.kind}-adjacent"
    if surface_kind is not QuoteKind.NONSPEECH:
        return surface_kind, surface_rule
    return QuoteKind.NONSPEECH, surface_rule


def _speaker(doc: ParsedDoc, text: str, span: QuoteSpan, frame: Frame, cue: CueMatch | None,
             index: EntityIndex | None, state: _State, p_index: int,
             paragraph: tuple[int, int], spans: Sequence[QuoteSpan],
             options: AttributionOptions, addressed: dict[str, int]
             ) -> tuple[Speaker | None, Cue | None, float, list[str]]:
    """``addressed``: the names the quote addresses (:func:`_addressees`)."""
    cue_span = None
    if cue is not None and cue.words:
        a, b = min(cue.words), max(cue.words)
        cue_span = Cue.of(text, doc.words[a].start, doc.words[b].end)
    lenient = bool(cue and cue.words and doc.words[cue.words[0]].lemma.lower()
                   in lexicon.SPEECH_ONLY_VERBS)
    if cue is not None and cue.speaker is not None and \
            not plausible_speaker(doc, cue.speaker, lenient):
        cue = attrs.evolve(cue, speaker=None, rules=cue.rules + ("implausible-speaker",))
    if cue is not None and cue.speaker is not None:
        speaker, why, factor = _from_head(doc, cue.speaker, index, state, p_index,
                                          third_person=_third_person_names(doc, frame))
        if speaker is not None:
            return speaker, cue_span, round(cue.strength * factor, 3), list(cue.rules) + why
        return None, cue_span, 0.3, list(cue.rules) + why
    why = list(cue.rules) if cue is not None else []
    if cue is not None:
        # a cue whose source could not be recovered ("it was said", a non-person subject):
        # inferring someone else from the context would be a guess
        return None, cue_span, 0.3, why + ["unattributed:cue-without-speaker"]
    if not options.carry_over:
        return None, cue_span, 0.2, why + ["unattributed:no-cue"]
    if span.depth:
        return None, cue_span, 0.2, why + ["unattributed:nested-without-cue"]
    # whoever the quote addresses ("…, Katharine?") is not its speaker

    def ok(sp: Speaker | None) -> bool:
        return sp is not None and not _is_addressed(sp, addressed)

    prev = state.last_in_paragraph.get(p_index)
    if ok(prev):
        return prev, cue_span, 0.7, why + ["inherited:previous-quote-in-paragraph"]
    intro = _previous_sentence_subject(doc, frame, paragraph, index, state, p_index)
    if ok(intro):
        return intro, cue_span, 0.6, why + ["inherited:previous-sentence-subject"]
    quote_only = _quote_only_paragraph(text, paragraph, spans)
    turn = _turn_taking(doc, index, state, p_index, addressed) if quote_only else None
    if turn is not None:
        speaker, rule = turn
        return speaker, cue_span, 0.55, why + [rule]
    beat = _next_sentence_subject(doc, frame, paragraph, index, state, p_index)
    if ok(beat):
        # an action beat: “You get me a file.” He tilted me again.
        return beat, cue_span, 0.5, why + ["inherited:next-sentence-subject"]
    if not text[paragraph[0]:span.open_mark].strip():
        # a paragraph that opens with the quote and names no speaker after it ("“…?” The
        # parson rode a step nearer."): a turn in the conversation, less surely than a
        # paragraph that is only the quote (where the turn order was asked already)
        if not quote_only:
            turn = _turn_taking(doc, index, state, p_index, addressed)
        if turn is not None and ok(turn[0]):
            return turn[0], cue_span, 0.4, why + [turn[1], "quote-opens-paragraph"]
    return None, cue_span, 0.2, why + ["unattributed:no-cue"]


def _addressees(doc: ParsedDoc, frame: Frame, index: EntityIndex | None) -> dict[str, int]:
    """The names the quote addresses, lower-cased, each with the word that names it: UD
    vocatives, and a proper noun set off by a comma at the edge of the quote ("Trafalgar,
    mother." "…, Katharine?")."""
    out: dict[str, int] = {}
    words = sorted(frame.quote)
    honorifics = lexicon.HONORIFICS

    def add(i: int) -> None:
        name = doc.words[i].text
        out.setdefault((index.canonical(name) if index is not None else name).lower(), i)

    for i in words:
        w = doc.words[i]
        # a name with its honorific ("…, Miss Jemima, you have …", "Say a bouquet, sister
        # Jemima.", "Mrs. McChesney" as vocative): the name is the last proper noun
        titled = w.text.lower() in honorifics and i + 1 in frame.quote and \
            doc.words[i + 1].upos == "PROPN"
        end = i
        while titled and end + 1 in frame.quote and doc.words[end + 1].upos == "PROPN":
            end += 1
        if w.deprel == "vocative":
            if titled or w.text.lower() not in honorifics or w.text.lower() in _BARE_ADDRESS:
                add(end)
            continue
        # or a name set off by commas at the edge of the quote
        if not titled and (w.upos not in ("PROPN", "NOUN") or w.deprel not in (
                "appos", "dep", "root", "parataxis", "nsubj", "obj", "conj")):
            continue
        before = doc.words[i - 1].text if i - 1 in frame.quote else ""
        after = doc.words[end + 1].text if end + 1 in frame.quote else ""
        edge = before == "," and after in (",", ".", "?", "!", "") or \
            (after == "," and (i - 1 not in frame.quote))
        if edge and doc.words[end].upos == "PROPN":
            add(end)
    return out


def _from_head(doc: ParsedDoc, head: int, index: EntityIndex | None, state: _State,
               p_index: int, record: bool = True, described: Described | None = None,
               third_person: Collection[str] = frozenset()
               ) -> tuple[Speaker | None, list[str], float]:
    """The speaker a head word names (a pronoun resolved). ``record``: remember a non-pronoun
    speaker as an antecedent for later pronouns; candidates that may still be rejected are
    looked at with ``record=False`` and recorded by :func:`_record` once chosen.
    ``described``: the head's :func:`describe` result when the caller already has it.
    ``third_person``: names the quote speaks of (see :func:`_third_person_names`)."""
    d = described if described is not None else describe(doc, head, index)
    if d.kind is not SpeakerKind.PRONOUN:
        if record:
            _record(doc, head, d, state, p_index)
        return d.speaker(doc), [f"speaker:{d.kind.value}"], 1.0
    antecedent, rule = resolve_pronoun(doc, head, state.antecedents, index, p_index,
                                       learn=record, unlikely=third_person)
    if antecedent is None:
        return d.speaker(doc), [f"speaker:pronoun-{rule}"], 0.7
    sp = antecedent.speaker(doc, mention=(d.first, d.end))
    return sp, [f"speaker:pronoun->{antecedent.kind.value}", f"resolved:{rule}"], 0.85


def _third_person_names(doc: ParsedDoc, frame: Frame) -> frozenset[str]:
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


def _record(doc: ParsedDoc, head: int, d: Described, state: _State, p_index: int) -> None:
    """Remember a speaker as a likely antecedent (kept in text order)."""
    if d.kind is SpeakerKind.PRONOUN or any(a.described.head == head and a.speaker
                                            for a in state.antecedents[-8:]):
        return
    bisect.insort(state.antecedents,
                  Antecedent(described=d, sent_index=doc.words[head].sent_index,
                             paragraph=p_index, subject=True, speaker=True),
                  key=lambda a: doc.words[a.described.head].start)


def _speculative(doc: ParsedDoc, head: int, index: EntityIndex | None, state: _State,
                 p_index: int, accept) -> Speaker | None:
    """Look at a candidate speaker without side effects; record it only if ``accept``ed."""
    d = describe(doc, head, index)
    speaker, _, _ = _from_head(doc, head, index, state, p_index, record=False, described=d)
    if speaker is None or not accept(speaker):
        return None
    _record(doc, head, d, state, p_index)
    return speaker


#: Subject pronouns that stand for people, the only ones a quote's speaker is inherited from.
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _previous_sentence_subject(doc: ParsedDoc, frame: Frame, paragraph: tuple[int, int],
                               index: EntityIndex | None, state: _State, p_index: int
                               ) -> Speaker | None:
    """The person the sentence before the quote (same paragraph) is about."""
    if not frame.sentences or frame.sentences[0] == 0:
        return None
    prev = doc.sentences[frame.sentences[0] - 1]
    if prev.start < paragraph[0]:
        return None
    # "As Heald told The Huffington Post, ozone has dropped. “...”": the reporting clause
    # of the sentence before names the speaker even when it is not the main clause
    for i in range(prev.first, prev.end):
        if is_reporting_verb(doc, i):
            subj = subject_of(doc, i)
            if subj is not None and plausible_speaker(doc, subj) and \
                    doc.words[subj].upos in ("PROPN", "NOUN", "PRON"):
                speaker = _speculative(doc, subj, index, state, p_index, lambda sp: True)
                if speaker is not None:
                    return speaker
    roots = [i for i in range(prev.first, prev.end) if doc.words[i].head < 0]
    for r in roots:
        subj = _sentence_subject(doc, r)
        if subj is None:
            continue
        w = doc.words[subj]
        if w.upos not in ("PROPN", "NOUN", "PRON") or not plausible_speaker(doc, subj):
            continue
        if w.upos == "PRON" and w.text.lower() not in _PERSON_PRONOUNS:
            continue  # "It was amazing." is about a thing, not a speaker
        speaker = _speculative(doc, subj, index, state, p_index, lambda sp, upos=w.upos: (
            sp.kind is not SpeakerKind.ORGANIZATION or upos == "PROPN"))
        if speaker is not None:
            return speaker
    return None


def _sentence_subject(doc: ParsedDoc, root: int) -> int | None:
    """The subject of a sentence: its root's, or where the parser left the root without one
    ("Hardly had she announced …" rooted on "had", "Joseph was an elderly, nay, an old man"
    with Joseph under "man"), the first subject of a clause hung straight on the root."""
    subj = subject_of(doc, root)
    if subj is not None:
        return subj
    for c in doc.children[root]:
        if doc.words[c].deprel in ("xcomp", "conj", "ccomp"):
            subj = subject_of(doc, c)
            if subj is not None:
                return subj
    return None


def _next_sentence_subject(doc: ParsedDoc, frame: Frame, paragraph: tuple[int, int],
                           index: EntityIndex | None, state: _State, p_index: int
                           ) -> Speaker | None:
    """The person (a pronoun or a name) the sentence right after the quote, in the same
    paragraph and outside quotes, is about."""
    if not frame.sentences or frame.sentences[-1] + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[frame.sentences[-1] + 1]
    if nxt.start >= paragraph[1] or nxt.start < (frame.close_mark or frame.end):
        return None
    # a sentence that opens with a quote is the next turn, not an action beat
    if nxt.first >= nxt.end or doc.words[nxt.first].text in lexicon.QUOTE_MARKS or \
            all(doc.words[i].upos == "PUNCT" for i in range(nxt.first, nxt.end)):
        return None
    for r in (i for i in range(nxt.first, nxt.end) if doc.words[i].head < 0):
        subj = _sentence_subject(doc, r)
        if subj is None or doc.words[subj].upos not in ("PRON", "PROPN"):
            continue
        if doc.words[subj].upos == "PRON" and doc.words[subj].text.lower() not in \
                _PERSON_PRONOUNS:
            continue
        speaker = _speculative(doc, subj, index, state, p_index,
                               lambda sp: sp.kind is not SpeakerKind.ORGANIZATION)
        if speaker is not None:
            return speaker
    return None


def _turn_taking(doc: ParsedDoc, index: EntityIndex | None, state: _State, p_index: int,
                 addressed: Collection[str] = frozenset()) -> tuple[Speaker, str] | None:
    """For a paragraph that is only a quote: who speaks, judging by the paragraphs before.
    The one the last turn addressed by name answers ("“Didn't you want to go in a-swimming,
    Tom?”" / "“No'm.”"); a speaker the quote addresses by name is the listener, so the
    other one speaks."""
    prev = state.paragraph_speakers.get(p_index - 1)
    answer = _addressed_in_previous_turn(doc, index, state, p_index, addressed)
    before = state.paragraph_speakers.get(p_index - 2)
    other = before[-1] if before and prev and _key(before[-1]) != _key(prev[-1]) and \
        not _is_addressed(before[-1], addressed) else None
    if answer is not None:
        speaker, bare = answer
        # "sir" points at the other party; a named one of the right sex says it better
        if not (bare and other is not None and
                _same_sex(_label_gender(other, index), _label_gender(speaker, index))):
            return speaker, "inherited:addressed-in-previous-turn"
    if not prev:
        return None
    last = prev[-1]
    if before and _key(before[-1]) != _key(last):
        if _is_addressed(before[-1], addressed):
            return last, "inherited:previous-paragraph"
        return before[-1], "inherited:dialogue-turn"
    if _is_addressed(last, addressed):
        return None
    return last, "inherited:previous-paragraph"


#: Forms of address without a name ("Yes, sir."): they still point at the listener.
_BARE_ADDRESS = frozenset({"sir", "madam", "madame", "ma'am", "ma'm"})


def _addressed_in_previous_turn(doc: ParsedDoc, index: EntityIndex | None, state: _State,
                                p_index: int, addressed: Collection[str]
                                ) -> tuple[Speaker, bool] | None:
    """The person the previous paragraph's last quote called by a proper name, when that is
    not who said it and the quote now does not address them too: they answer. A speaker
    already met under that name is reused; otherwise the name itself is the speaker. The
    flag: the address was a bare "sir" or "madam", not a name."""
    called = state.paragraph_addressees.get(p_index - 1)
    if not called:
        return None
    prev = state.paragraph_speakers.get(p_index - 1)
    for name, word in called.items():
        w = doc.words[word]
        if name in addressed:
            continue
        if w.text.lower() in _BARE_ADDRESS:
            # "Yes, sir." / "Greyson, -- office on second floor.": "sir" is a mention of the
            # one who answers, the best the text gives
            speaker, _, _ = _from_head(doc, word, index, state, p_index, record=False)
            if speaker is not None:
                return speaker, True
            continue
        if w.upos != "PROPN" or not w.text[:1].isupper() or w.text.lower() in lexicon.HONORIFICS:
            continue
        if prev and _is_addressed(prev[-1], {name}):
            continue  # "Tom" said to Tom: the previous attribution or the vocative is wrong
        for q in range(p_index - 1, -1, -1):
            known = [sp for sp in state.paragraph_speakers.get(q, ())
                     if sp.kind is SpeakerKind.NAMED and _is_addressed(sp, {name})]
            if known:
                return known[-1], False
        # a name the story gives a person ("Ditto," "Yep," open quotes as names do)
        if index is None or not index.is_person(w.text):
            continue
        speaker, _, _ = _from_head(doc, word, index, state, p_index, record=False)
        if speaker is not None and speaker.kind is SpeakerKind.NAMED:
            return speaker, False
    return None


def _same_sex(a: str, b: str) -> bool:
    """Could two speakers of these genders ("male", "female", "?") be one person?"""
    return a == "?" or b == "?" or a == b


def _label_gender(sp: Speaker, index: EntityIndex | None) -> str:
    """"male", "female" or "?" as far as a speaker's words tell ("the woman", "sir", a
    name whose gender the text gave)."""
    if sp.name and index is not None:
        gender = index.info(sp.name).get("gender")
        if gender:
            return gender
    words = set(sp.label.lower().split())
    male = bool(words & (lexicon.MALE_NOUNS | lexicon.MALE_HONORIFICS))
    female = bool(words & (lexicon.FEMALE_NOUNS | lexicon.FEMALE_HONORIFICS))
    return "male" if male and not female else "female" if female and not male else "?"


def _key(s: Speaker) -> str:
    return (s.name or s.label).lower()


def _is_addressed(sp: Speaker, addressed: Collection[str]) -> bool:
    """Is ``sp`` someone the quote addresses? By full name, or by one of its names: "Say a
    bouquet, sister Jemima" and "Come, Mr. Pinkerton" both address Jemima Pinkerton."""
    if not addressed:
        return False
    if _key(sp) in addressed:
        return True
    names = {a.split()[-1] for a in addressed if a.split()}
    return bool(sp.name and names & set(sp.name.lower().split()))


def _quote(text: str, span: QuoteSpan, kind: QuoteKind, speaker: Speaker | None,
           cue: Cue | None, confidence: float, evidence: Sequence[str]) -> Quote:
    return Quote(start=span.start, end=span.end, text=text[span.start : span.end], kind=kind,
                 speaker=speaker, cue=cue, confidence=max(0.0, min(1.0, confidence)),
                 evidence=tuple(evidence))
