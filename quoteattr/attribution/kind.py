"""SURFACE and KIND: speech or not.

``SURFACE_RULES`` read the text alone (they also run without a parse): ordered, first hit
wins, and a quote none of them takes is ``nonspeech:short-without-cue``. ``KIND_RULES`` run
once the cue is known, ordered, first hit wins: a noun modifier or a thought is no speech; a
name, title or term the surface found stays one against a weak cue; anything a reporting cue
governs is speech; a short quote that carries on an interrupted one is speech. When none
hits, the surface finding stands.
"""

from __future__ import annotations

from collections import Counter

import attrs
import regex

from quoteattr import lexicon
from quoteattr.attribution import weights as wt
from quoteattr.attribution.base import AttributionOptions, Finding, QuoteContext, Rule, RuleId
from quoteattr.attribution.document import WORD_RE as _WORD_RE
from quoteattr.attribution.document import norm
from quoteattr.attribution.frame import Frame
from quoteattr.attribution.source import cue_speaker_plausible
from quoteattr.parsed import ParsedDoc
from quoteattr.spans import QuoteSpan
from quoteattr.structure import DocumentStructure
from quoteattr.types import Quote, QuoteKind

__all__ = ["KIND_RULES", "SURFACE_RULES", "SurfaceView", "classify_surface", "decide_kind",
           "direct_or_partial"]

_SENT_PUNCT_RE = regex.compile(r"[.!?…]\W*$|[.!?]\s+\p{Lu}")


_BOUNDARY_BEFORE = frozenset(",:.!?;—–-(\u2026") | lexicon.OPENING_MARKS


def _alternatives(words) -> str:
    """A regex alternation of lexicon words (longest first; a space matches one space)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


#: Words right before a quote that make it a name, term or title (see lexicon.NONSPEECH_CUES).
_NONSPEECH_BEFORE_RE = regex.compile(
    rf"(?i)\b({_alternatives(lexicon.NONSPEECH_CUES)}|"
    rf"the (?:{_alternatives(lexicon.TERM_NOUNS)})|"
    rf"(?:{_alternatives(lexicon.TERM_OF_NOUNS)}) of|"
    rf"(?:{_alternatives(lexicon.WORK_DETERMINERS)}) (?:so-called )?"
    rf"(?:{_alternatives(lexicon.NAMED_WORKS)}) (?:{_alternatives(lexicon.WORK_NAMING)})|"
    rf"(?:{_alternatives(lexicon.COPULAS)}) (?:{_alternatives(lexicon.COPULA_NAMING)})|"
    rf",?\s*(?:{_alternatives(lexicon.NAMING_PARTICIPLES)})|"
    rf"(?:{_alternatives(lexicon.NAMING_VERBS)})(?: (?:{_alternatives(lexicon.NAMING_OBJECTS)}))?)"
    rf"\s*$")

#: A title noun right before the quote, with a determiner or possessive before it and at most
#: three modifiers between: "her memoir, “…”", "the team's recent paper, “…”", "its latest
#: outlook report, “…”".
_TITLE_NOUN_BEFORE_RE = regex.compile(
    rf"(?i)(?:\b(?:{_alternatives(lexicon.WORK_DETERMINERS)}|this|that|an|new|[\p{{L}}]+['’]s?)"
    rf"(?:\s+[\p{{L}}\p{{N}}-]+){{0,3}}?\s+)"
    rf"(?:{_alternatives(lexicon.TITLE_NOUNS | lexicon.NAMED_WORKS)}),?\s*$")

#: A term noun in apposition right after the quote: "a “carbon sink”, a phrase she …".
_TERM_NOUN_AFTER_RE = regex.compile(
    rf"(?i)\s*,\s*(?:a|an|the|one|this|that)\s+(?:[\p{{L}}-]+\s+){{0,2}}?"
    rf"(?:{_alternatives(lexicon.TERM_NOUNS)})\b")

#: The most words a title in apposition or with a subtitle has.
_MAX_TITLE_WORDS = 15


_MINOR_WORDS = lexicon.TITLE_MINOR_WORDS


def _is_title(content: str) -> bool:
    """A name or title in title case ("Insurgency Wiki", "Andy Warhol: Photographs and
    Prints"): two to twelve words, every major word capitalized, no sentence punctuation."""
    stripped = content.strip().rstrip(",")
    words = _WORD_RE.findall(stripped)
    if not 2 <= len(words) <= 12 or regex.search(r"[.!?]\s*$", stripped):
        return False
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not major or any(w.lower() in lexicon.FIRST_SECOND_PERSON for w in words):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in major) and \
        not all(w.isupper() for w in major)


def direct_or_partial(text: str, span: QuoteSpan, paragraph: tuple[int, int]) -> QuoteKind:
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


def _thought(doc: ParsedDoc, frame: Frame) -> bool:
    """Is a verb of thinking right next to the quote ("“I must go,” she pondered")? Only
    asked when no cue was found, so an inner-speech verb ("thought Alice") that is a cue
    never gets here; one too far from the quote to be its cue ("I thought about it for a
    while and said nothing. “…”") still makes a thought."""
    for i in frame.words:
        w = doc.words[i]
        lemma = w.lemma.lower()
        if w.upos == "VERB" and (lemma in lexicon.THOUGHT_VERBS or
                                 lemma in lexicon.INNER_SPEECH_VERBS):
            near = [j for j in frame.words if abs(doc.words[j].start - w.start) < 40]
            if any(abs(doc.words[j].start - frame.start) < 40 or
                   abs(doc.words[j].start - frame.end) < 40 for j in near):
                return True
    return False


def _modifies_noun(doc: ParsedDoc, frame: Frame, text: str, span: QuoteSpan) -> bool:
    """A one- or two-word quote that only modifies a noun after it (the first “solid” sample,
    the “cruise” phase) is a scare quote."""
    n_words = len(_WORD_RE.findall(text[span.start : span.end]))
    if n_words <= 4 and (_before_a_noun(doc, text, span) or
                         _defined_thing(doc, text, span)):
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


def _closed_without_punctuation(text: str, span: QuoteSpan) -> bool:
    """Does the quote have its closing mark and no punctuation of its own at its end (a
    phrase, not a sentence)?"""
    return span.close_mark is not None and \
        not regex.search(r"[.,;:!?…]\s*$", text[span.start:span.end])


#: Words before "a “…”" that make the quote a predicate (“called it a “disgrace” that
#: …”, “is a “crisis” which …”), which may report words: `_defined_thing` leaves them.
_PREDICATE_BEFORE = frozenset({"it", "this", "that", "them", "him", "her", "as", "is", "was",
                               "are", "were", "be", "been", "being", "'s", "’s"})


def _defined_thing(doc: ParsedDoc, text: str, span: QuoteSpan) -> bool:
    """A short quote without punctuation of its own between an indefinite article (or
    "of") and a relative "that" or "which" names a thing the clause defines: adding a
    “sunset clause” that would end the trial, a list of “red lines” which included ...
    Not after a pronoun or copula ("called it a “disgrace” that ...": words may be
    reported there)."""
    if not _closed_without_punctuation(text, span):
        return False
    assert span.close_mark is not None  # closed
    after = doc.words_between(span.close_mark + 1, min(len(text), span.close_mark + 20))
    before = doc.words_between(max(0, span.open_mark - 40), span.open_mark)
    if not after or len(before) < 2:
        return False
    nxt, prev, prev2 = doc.words[after[0]], doc.words[before[-1]], doc.words[before[-2]]
    if nxt.text not in ("that", "which") or text[span.close_mark + 1:nxt.start].strip():
        return False
    if prev.text.lower() not in ("a", "an", "of") or text[prev.end:span.open_mark].strip():
        return False
    return prev2.text.lower() not in _PREDICATE_BEFORE and prev2.upos not in ("AUX", "PRON")


def _before_a_noun(doc: ParsedDoc, text: str, span: QuoteSpan) -> bool:
    """A short quote without punctuation of its own, right after a determiner and right
    before a common noun, is part of a noun phrase: the “History” section, a “cruise”
    phase, “free as in beer” content. Read from the tags next to the marks, not the
    quote's own attachment, which the parser often gets wrong."""
    if not _closed_without_punctuation(text, span):
        return False
    assert span.close_mark is not None  # closed
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


# --------------------------------------------------------------------------------------------
# SURFACE_RULES


@attrs.frozen
class SurfaceView:
    """What a surface rule reads: the text around one quote, no parse.

    Attributes:
        text: the document's text; ``span`` the quote; ``paragraph`` its character range.
        repeated: how often each normalized quote text occurs (None: not counted).
        options: the attribution options.
        structure: the document's layout (headlines, a trailing section), if known.
    """

    text: str
    span: QuoteSpan
    paragraph: tuple[int, int]
    repeated: Counter | None
    options: AttributionOptions
    structure: DocumentStructure | None = None

    @property
    def content(self) -> str:
        return self.text[self.span.start : self.span.end]

    @property
    def n_words(self) -> int:
        return len(_WORD_RE.findall(self.content))

    @property
    def shape(self) -> QuoteKind:
        return direct_or_partial(self.text, self.span, self.paragraph)


def _named_by_context(v: SurfaceView) -> QuoteKind | None:
    """The so-called “peace dividend” -> not speech (a name the text gives it)."""
    before = v.text[max(v.paragraph[0], v.span.open_mark - 60) : v.span.open_mark]
    return QuoteKind.NONSPEECH if _NONSPEECH_BEFORE_RE.search(before) else None


def _repeated_term(v: SurfaceView) -> QuoteKind | None:
    """The “cruise” phase … the “cruise” -> not speech (a short phrase quoted twice)."""
    content = v.content
    if v.repeated is not None and v.n_words <= v.options.max_term_words and \
            v.shape is QuoteKind.PARTIAL and v.repeated[norm(content)] > 1 and \
            not _SENT_PUNCT_RE.search(content.strip()):
        return QuoteKind.NONSPEECH
    return None


def _headline(v: SurfaceView) -> QuoteKind | None:
    """“Council delays vote” — The Gazette, 2 May -> not speech (a headline line or item)."""
    if v.structure is None:
        return None
    span = v.span
    end = span.outer_end
    h = v.structure.headline_at(span.open_mark, end)
    if h is None or (h.quote is not None and h.tail is None):
        # a run of lines that are only quotes is a headline list only at the end of an
        # article (the trailing-section rule); elsewhere it is dialogue
        return None
    if h.quote is None and not v.text[h.start:span.open_mark].strip() and \
            not v.text[end:h.end].strip() and regex.search(r"[.!?…,]\s*$", v.content):
        return None  # a first line that is only a quoted sentence: a story opening in speech
    return QuoteKind.NONSPEECH


def _trailing_section(v: SurfaceView) -> QuoteKind | None:
    """Sources: / “Council delays vote”, The Gazette -> not speech (a link list at the end)."""
    if v.structure is not None and v.structure.in_trailing_section(v.span.open_mark):
        return QuoteKind.NONSPEECH
    return None


def _title_apposition(v: SurfaceView) -> QuoteKind | None:
    """Her memoir, “Flour in my hair”, sold out -> not speech (a title in apposition)."""
    before = v.text[max(v.paragraph[0], v.span.open_mark - 80) : v.span.open_mark]
    after = v.text[v.span.close_mark + 1 : v.span.close_mark + 60] \
        if v.span.close_mark is not None else ""
    if not 1 <= v.n_words <= _MAX_TITLE_WORDS or not (
            _TITLE_NOUN_BEFORE_RE.search(before) or
            (v.shape is QuoteKind.PARTIAL and _TERM_NOUN_AFTER_RE.match(after))):
        # "a “carbon sink”, a phrase she dislikes": a term named by the noun after it
        return None
    content = v.content.strip()
    # one title, not a sentence then more: "“…. We …”" is a quoted passage
    if regex.search(r"[.!?…]\s+\S", content):
        return None
    if not (content[:1].isupper() or content[:1].isdigit()) and _TITLE_NOUN_BEFORE_RE.search(
            before):
        return None  # "its plan “will work”": a fragment of speech, titles start capitalized
    if {w.lower() for w in _WORD_RE.findall(content)} & lexicon.FIRST_SECOND_PERSON:
        return None  # "the plan, “We will never accept it,” he said": somebody talking
    return QuoteKind.NONSPEECH


def _title_subtitle(v: SurfaceView) -> QuoteKind | None:
    """They read “Shelf life: How libraries survive” -> not speech (a title and subtitle)."""
    content = v.content.strip()
    if not 3 <= v.n_words <= _MAX_TITLE_WORDS or \
            not regex.fullmatch(r"\p{Lu}[^.!?:;“”\"]*:\s+\p{Lu}[^.!?:;“”\"]*[\p{L}\p{N}]",
                                content):
        return None
    words = {w.lower() for w in _WORD_RE.findall(content)}
    if words & lexicon.FIRST_SECOND_PERSON:
        return None  # “Look: we are ready” is somebody talking
    return QuoteKind.NONSPEECH


def _title_case(v: SurfaceView) -> QuoteKind | None:
    """He visited “Andy Warhol: Photographs and Prints” -> not speech (a title)."""
    return QuoteKind.NONSPEECH if _is_title(v.content) else None


#: An indented line: a line break and two or more spaces or a tab.
_INDENTED_BREAK_RE = regex.compile(r"\n(?:[ ]{2,}|\t)\S")


def _verse(v: SurfaceView) -> QuoteKind | None:
    """An epigraph or a poem set as verse -> not speech from the text alone: the opening
    mark starts an indented line, every line of the quote's first stanza is indented and
    the text before does not lead into it ("    “Since I can do no good because a woman, /
    Reach constantly …”" under a chapter heading). Verse that the text introduces with a
    colon or a dash is left to the cue ("began to pipe up his eternal song: / “Fifteen men
    …”", "as Mr Pope tells us-- / “True wit …”"); prose, hard-wrapped or not, has no
    indented lines."""
    span = v.span
    line_start = v.text.rfind("\n", 0, span.open_mark) + 1
    lead = v.text[line_start:span.open_mark]
    if lead.strip() or not (len(lead) >= 2 or "\t" in lead):
        return None
    stanza = v.content.split("\n\n", 1)[0].rstrip()
    breaks = stanza.count("\n")
    if breaks == 0 or len(_INDENTED_BREAK_RE.findall(stanza)) != breaks:
        return None
    if v.text[:line_start].rstrip().endswith((":", ",", "-", "—", "–")):
        return None  # "as Mr Pope tells us--", "began to pipe up his song:": introduced
    return QuoteKind.NONSPEECH


def _utterance_shape(v: SurfaceView) -> QuoteKind | None:
    """“Not yet,” she said. / “Why?” -> speech (a sentence of its own, or six words and more)."""
    kind = v.shape
    if v.n_words >= v.options.min_utterance_words:
        return kind
    stripped = v.content.strip()
    if kind is QuoteKind.DIRECT and v.n_words >= 1 and stripped[:1].isupper() and \
            regex.search(r"[.!?…]$|[-—–]$", stripped):
        return kind  # “Yes.” “Why?” “Quick!”
    if kind is QuoteKind.DIRECT and v.n_words >= 2 and (
            _SENT_PUNCT_RE.search(stripped) or v.content.rstrip().endswith(",")):
        # a short sentence of its own ("Not yet," she said.) -- but an embedded fragment
        # ending the reporter's sentence (a "significant public benefit.") is not one
        return kind
    return None


#: Speech or not from the text alone: ordered, first hit wins; the default is
#: ``nonspeech:short-without-cue``.
SURFACE_RULES: tuple[Rule, ...] = (
    Rule(RuleId.HEADLINE, _headline),
    Rule(RuleId.TRAILING_SECTION, _trailing_section),
    Rule(RuleId.NAMED_BY_CONTEXT, _named_by_context),
    Rule(RuleId.TITLE_APPOSITION, _title_apposition),
    Rule(RuleId.REPEATED_TERM, _repeated_term),
    Rule(RuleId.TITLE_CASE, _title_case),
    Rule(RuleId.TITLE_SUBTITLE, _title_subtitle),
    Rule(RuleId.VERSE, _verse),
    Rule(RuleId.UTTERANCE_SHAPE, _utterance_shape),
)


def _short_without_cue(v: SurfaceView) -> QuoteKind:
    """He met the “elite” -> not speech (short, no cue: the default when no rule hits)."""
    return QuoteKind.NONSPEECH


#: The surface stage's default (it cannot be disabled).
SURFACE_DEFAULT = Rule(RuleId.SHORT_WITHOUT_CUE, _short_without_cue)


def surface_finding(view: SurfaceView, disabled: frozenset[RuleId] = frozenset()) -> Finding:
    """The first surface rule that hits (``SHORT_WITHOUT_CUE`` when none does)."""
    for rule in SURFACE_RULES:
        if rule.id in disabled:
            continue
        kind = rule.fn(view)
        if kind is not None:
            return Finding(rule.id, kind)
    return Finding(RuleId.SHORT_WITHOUT_CUE, QuoteKind.NONSPEECH)


def classify_surface(text: str, span: QuoteSpan, paragraph: tuple[int, int],
                     repeated: Counter | None = None,
                     options: AttributionOptions = AttributionOptions()) -> tuple[QuoteKind, str]:
    """Speech or not from the surface alone (no parse): the kind and the rule that decided."""
    found = surface_finding(SurfaceView(text, span, paragraph, repeated, options),
                            options.disabled)
    return found.value, found.rule.label


# --------------------------------------------------------------------------------------------
# KIND_RULES


def _nonspeech(ctx: QuoteContext, rule: RuleId, confidence: float | None = None) -> Finding:
    if confidence is None:
        confidence = wt.NONSPEECH_WITHOUT_CUE if ctx.cue is None else wt.NONSPEECH_WITH_CUE
    return Finding(rule, QuoteKind.NONSPEECH, confidence)


def _shape(ctx: QuoteContext) -> QuoteKind:
    return direct_or_partial(ctx.text, ctx.span, ctx.paragraph)


def _modifier_in_noun_phrase(ctx: QuoteContext) -> Finding | None:
    """The first “solid” sample -> not speech (a short quote modifying the noun after it)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    if _modifies_noun(ctx.doc, ctx.frame, ctx.text, ctx.span):
        return _nonspeech(ctx, RuleId.MODIFIER_IN_NOUN_PHRASE, wt.MODIFIER_IN_NOUN_PHRASE)
    return None


def _thought_rule(ctx: QuoteContext) -> Finding | None:
    """“I must go,” she pondered. -> not speech (a verb of thinking and no reporting cue)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    if ctx.cue is None and _thought(ctx.doc, ctx.frame):
        return _nonspeech(ctx, RuleId.THOUGHT, wt.THOUGHT)
    return None


def _fragment_without_source(ctx: QuoteContext) -> Finding | None:
    """Major Amberson had “made a fortune” in 1873 -> not speech: a fragment of the
    narration's own sentence whose cue names no one who could have said it (no subject, a
    thing, a passive without its agent) is a scare quote, not someone's words. A full
    utterance keeps its cue ("“We will go,” it was said" stays speech)."""
    cue = ctx.cue
    if cue is None or cue.kind != "verb" or ctx.span.depth or \
            _shape(ctx) is not QuoteKind.PARTIAL:
        return None
    assert ctx.doc is not None  # a cue comes from a parse
    if cue_speaker_plausible(ctx.doc, cue):
        return None
    return _nonspeech(ctx, RuleId.FRAGMENT_WITHOUT_SOURCE)


#: Verbs of a saying that no one in particular says ("as they say", "you might say").
_SAYING_VERBS = frozenset({"say", "call", "put"})


def _generic_saying(ctx: QuoteContext) -> Finding | None:
    """I was born at Blunderstone, or ‘there by’, as they say in Scotland -> not speech: the
    saying of people in general, a generic "you" or "one" ("as soon as you can say
    ‘Gee!’") or an "as they say", in the narration (a cue inside another quote speaks to
    someone: "“As you said, ‘…’”" is left alone)."""
    cue = ctx.cue
    if cue is None or cue.kind != "verb" or cue.speaker is None or ctx.span.depth or \
            not cue.words:
        return None
    doc = ctx.doc
    assert doc is not None  # a cue comes from a parse
    verb, subj = doc.words[cue.words[0]], doc.words[cue.speaker]
    if verb.lemma.lower() not in _SAYING_VERBS or subj.upos != "PRON":
        return None
    low = subj.text.lower()
    as_clause = any(doc.words[c].deprel == "mark" and doc.words[c].text.lower() == "as"
                    for c in doc.children[verb.index])
    if low in ("you", "one") or low == "they" and as_clause:
        return _nonspeech(ctx, RuleId.GENERIC_SAYING)
    return None


#: The most words a name given by a naming verb has ("a “real old salt”").
NAMED_BY_VERB_WORDS = 5


def _named_by_verb(ctx: QuoteContext) -> Finding | None:
    """Calling him a “true sea-dog” -> not speech (a naming verb's name, not words said).

    The cue is a verb that gives names (`lexicon.NAMING_LEMMAS`) before the quote, and the
    quote is a noun phrase: headed by a noun, no verb of its own, no "!" or "?", at most
    `NAMED_BY_VERB_WORDS` words, and not set off by a comma or colon ("She called, “Jim!”"
    and "“Jim!” she called" are speech). And either the phrase is a proper name ("calling
    me ‘Sir John’", "the website “Insurgency Wiki”") or no one is doing the naming: a
    participle or passive ("a coat called a “Chesterfield”", "was dubbed “drummers”").
    What a subject calls something is their words, a judgement ("the bishop called the
    sentence “dangerous”", "He called it a “disgrace”"): speech."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    cue, doc, frame = ctx.cue, ctx.doc, ctx.frame
    if cue is None or cue.kind != "verb" or not cue.words:
        return None
    verb = doc.words[cue.words[0]]
    if verb.lemma.lower() not in lexicon.NAMING_LEMMAS or verb.start >= frame.open_mark:
        return None
    content = ctx.text[frame.start : frame.end]
    if any(c in content for c in "!?") or \
            len(_WORD_RE.findall(content)) > NAMED_BY_VERB_WORDS or \
            any(doc.words[i].upos in ("VERB", "AUX") for i in frame.quote):
        return None
    if ctx.text[verb.end : frame.open_mark].rstrip()[-1:] in (",", ":"):
        return None
    if not frame.heads or any(doc.words[i].upos not in ("NOUN", "PROPN") for i in frame.heads):
        return None  # "called the sentence “dangerous”": a judgement someone voiced
    proper = all(doc.words[i].upos == "PROPN" for i in frame.heads)
    nobody = verb.deprel.startswith("acl") or any(
        doc.words[c].deprel in ("aux:pass", "nsubj:pass") for c in doc.children[verb.index])
    if not (proper or nobody):
        return None  # "calling him a “traitor”": someone's words about him
    return _nonspeech(ctx, RuleId.NAMED_BY_VERB)


def _surface_stands(ctx: QuoteContext, rule: RuleId) -> Finding | None:
    """Non-speech whatever the cue, where the surface stage decided by ``rule``."""
    assert ctx.surface is not None  # the surface stage ran first
    if ctx.surface.rule is rule:
        return _nonspeech(ctx, rule)
    return None


def _named_stands(ctx: QuoteContext) -> Finding | None:
    """The so-called “peace dividend,” he said -> not speech, whatever the cue."""
    return _surface_stands(ctx, RuleId.NAMED_BY_CONTEXT)


def _headline_stands(ctx: QuoteContext) -> Finding | None:
    """“Mayor says no” — Riverside Gazette -> a headline, never its outlet's words."""
    return _surface_stands(ctx, RuleId.HEADLINE)


def _section_stands(ctx: QuoteContext) -> Finding | None:
    """Related: / “Mayor says no,” Gazette -> a listed headline, whatever the cue."""
    return _surface_stands(ctx, RuleId.TRAILING_SECTION)


def _apposition_stands(ctx: QuoteContext) -> Finding | None:
    """In its report, “Foods 2025”, the firm forecast … -> a title, whatever the verb."""
    return _surface_stands(ctx, RuleId.TITLE_APPOSITION)


def _subtitle_stands(ctx: QuoteContext) -> Finding | None:
    """She wrote “Shelf life: How libraries survive” -> a title even under a verb."""
    return _surface_stands(ctx, RuleId.TITLE_SUBTITLE)


def _title_stands(ctx: QuoteContext) -> Finding | None:
    """Microsoft launched “The Internet Explorer 6 Countdown” -> a title even under a verb."""
    assert ctx.surface is not None  # the surface stage ran first
    if ctx.surface.rule is RuleId.TITLE_CASE and _shape(ctx) is QuoteKind.PARTIAL:
        return _nonspeech(ctx, RuleId.TITLE_CASE)
    return None


#: The most words a signature line between a pull quote and the title it signs has.
_MAX_SIGNATURE_WORDS = 5


def _signed_title(ctx: QuoteContext) -> Finding | None:
    """“…” Anonymous blogger, “Anon declares war” -> not speech (the work a signature names).

    A pull quote signed by a name or role and a comma, then a quote: that quote is the title
    of the post, article or book the signature cites, not more of the signer's words."""
    last = ctx.state.last_top
    if last is None or ctx.span.depth or ctx.cue is not None:
        return None
    prev_span, prev = last
    if RuleId.SIGNATURE.label not in prev.evidence or prev_span.close_mark is None or \
            prev_span.open_mark < ctx.paragraph[0]:
        return None
    gap = ctx.text[prev_span.close_mark + 1 : ctx.span.open_mark]
    if "\n" in gap or not gap.rstrip().endswith(",") or \
            not 0 < len(_WORD_RE.findall(gap)) <= _MAX_SIGNATURE_WORDS:
        return None
    return _nonspeech(ctx, RuleId.SIGNED_TITLE)


def _strong_cue(ctx: QuoteContext) -> bool:
    cue = ctx.cue
    return cue is not None and (cue.linked or cue.kind != "verb")


def _term_stands(ctx: QuoteContext) -> Finding | None:
    """He called it a “cruise” … the “cruise” -> a term, unless a verb governs it."""
    assert ctx.surface is not None  # the surface stage ran first
    cue = ctx.cue
    if ctx.surface.rule is not RuleId.REPEATED_TERM or not _strong_cue(ctx):
        return None
    if cue.kind in ("colon", "dash") or (cue.linked and cue.rule is not RuleId.CUE_VERB_GOVERNS):
        return None
    return _nonspeech(ctx, RuleId.REPEATED_TERM)


def _speech_cue(ctx: QuoteContext) -> Finding | None:
    """“We are ready,” the minister said. -> speech (a cue linked to the quote)."""
    if not _strong_cue(ctx):
        return None
    return Finding(RuleId.SPEECH_CUE, _shape(ctx), evidence=(f"speech:cue-{ctx.cue.kind}",))


def _speech_cue_adjacent(ctx: QuoteContext) -> Finding | None:
    """“We are ready to go now!” he said (unlinked in the parse) -> speech (a verb near it)."""
    assert ctx.surface is not None  # the surface stage ran first
    if ctx.cue is None or ctx.surface.value is QuoteKind.NONSPEECH:
        return None
    return Finding(RuleId.SPEECH_CUE_ADJACENT, _shape(ctx),
                   evidence=(f"speech:cue-{ctx.cue.kind}-adjacent",))


def _comma_after_close(text: str, span: QuoteSpan) -> bool:
    """“Yes”, he said: British style sets the comma after the closing mark."""
    return span.close_mark is not None and \
        text[span.close_mark + 1 : span.close_mark + 2] == ","


def _speech_cue_turn(ctx: QuoteContext) -> Finding | None:
    """“No,” he answered, “…” -> speech (a one-word turn set off by a comma before its verb).

    The comma may stand inside the marks or, British style, right after them (“Yes”, he
    said, “we will.”): either way the first half of an interrupted quote is speech."""
    cue, shape = ctx.cue, _shape(ctx)
    content = ctx.text[ctx.span.start : ctx.span.end].strip()
    if cue is not None and cue.kind == "verb" and shape is QuoteKind.DIRECT and \
            content[:1].isupper() and (content.endswith(",") or
                                       _comma_after_close(ctx.text, ctx.span)):
        return Finding(RuleId.SPEECH_CUE_TURN, shape,
                       evidence=(f"speech:cue-{cue.kind}-adjacent",))
    return None


def _resumes_interrupted(ctx: QuoteContext) -> Finding | None:
    """“Yes, you'll be near,” she admitted; “that'll be nice; but --” -> speech (the 2nd half)."""
    assert ctx.surface is not None  # the surface stage ran first
    if ctx.surface.rule is not RuleId.SHORT_WITHOUT_CUE or ctx.span.depth or \
            ctx.surface.value is not QuoteKind.NONSPEECH:
        return None
    if _resumes_after_cue(ctx.text, ctx.span, ctx.state.last_top, ctx.paragraph):
        return Finding(RuleId.RESUMES_INTERRUPTED_QUOTE, _shape(ctx))
    return None


#: The quote's kind once the cue is known: ordered, first hit wins; the surface finding
#: stands when none hits.
KIND_RULES: tuple[Rule, ...] = (
    Rule(RuleId.HEADLINE, _headline_stands),
    Rule(RuleId.TRAILING_SECTION, _section_stands),
    Rule(RuleId.MODIFIER_IN_NOUN_PHRASE, _modifier_in_noun_phrase),
    Rule(RuleId.SIGNED_TITLE, _signed_title),
    Rule(RuleId.THOUGHT, _thought_rule),
    Rule(RuleId.NAMED_BY_CONTEXT, _named_stands),
    Rule(RuleId.NAMED_BY_VERB, _named_by_verb),
    Rule(RuleId.TITLE_APPOSITION, _apposition_stands),
    Rule(RuleId.TITLE_SUBTITLE, _subtitle_stands),
    Rule(RuleId.TITLE_CASE, _title_stands),
    Rule(RuleId.REPEATED_TERM, _term_stands),
    Rule(RuleId.GENERIC_SAYING, _generic_saying),
    Rule(RuleId.FRAGMENT_WITHOUT_SOURCE, _fragment_without_source),
    Rule(RuleId.SPEECH_CUE, _speech_cue),
    Rule(RuleId.SPEECH_CUE_ADJACENT, _speech_cue_adjacent),
    Rule(RuleId.SPEECH_CUE_TURN, _speech_cue_turn),
    Rule(RuleId.RESUMES_INTERRUPTED_QUOTE, _resumes_interrupted),
)


def decide_kind(ctx: QuoteContext) -> Finding:
    """The quote's kind: the first kind rule that hits, else the surface finding."""
    assert ctx.surface is not None  # the surface stage ran first
    for rule in KIND_RULES:
        if ctx.switches.on(rule.id):
            found = rule.fn(ctx)
            if found is not None:
                return found
    surface = ctx.surface
    if surface.value is QuoteKind.NONSPEECH:
        return _nonspeech(ctx, surface.rule)
    return surface
