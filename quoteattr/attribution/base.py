"""The core of the rule tables: rule ids, rules, findings, and what a rule may read.

A rule is a small function of a read-only context that returns a `Finding` or None.
Each is named by a `RuleId`, whose value is the evidence string it writes into
``Quote.evidence``; it sits in the table of one stage (see `quoteattr.attribution`),
which says how its findings combine: first hit wins (kind, source, carry-over) or best score
wins (cue). A rule can be switched off (``AttributionOptions(disabled={RuleId.DASH})``) and
declares what the parse must have (``requires={"coref"}``); when the parse lacks it the rule
is skipped and the reason is kept with ``explain=True``.

Word positions are word indices into ``ParsedDoc.words`` (``first`` inclusive, ``end``
exclusive); character positions are named ``start``/``stop`` or ``*_char``.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from quoteattr.types import Quote

if TYPE_CHECKING:
    from collections import Counter

    from quoteattr.attribution.frame import Frame
    from quoteattr.attribution.pronouns import Antecedent
    from quoteattr.parsed import ParsedDoc
    from quoteattr.speaker_kinds import Described, EntityIndex
    from quoteattr.spans import QuoteSpan
    from quoteattr.structure import DocumentStructure
    from quoteattr.types import Speaker

__all__ = ["AttributionOptions", "DocState", "ExplainedQuote", "Finding", "Note", "QuoteContext",
           "Rule", "RuleId", "Stage", "Switches"]


class Stage(str, enum.Enum):
    """The stages of attribution, in the order they run for each quote."""

    SURFACE = "surface"  #: speech or not from the text alone (also without a parse)
    CUE = "cue"  #: the reporting cue: all run, best score wins
    NEIGHBOUR = "neighbour"  #: a cue in the next sentence over, when the frame has none
    KIND = "kind"  #: the quote's kind, knowing the cue: first hit wins
    SOURCE = "source"  #: the speaker's head word for a reporting verb: first hit wins
    SPEAKER = "speaker"  #: the speaker a head word names (pronouns resolved)
    CARRYOVER = "carry-over"  #: no cue: the conversation's speaker, first hit wins


class RuleId(str, enum.Enum):
    """One id per rule; the value is the evidence string the rule writes.

    Parametrised labels keep today's text: `SPEECH_CUE` writes ``speech:cue-<kind>``.
    Two rules that wrote the same label keep writing it (`label`) but have their own
    ids (`INVERTED_OBJECT_NAME` writes ``inverted``, like `INVERTED`).
    """

    # surface and kind
    NAMED_BY_CONTEXT = "nonspeech:named-by-context"
    NAMED_BY_VERB = "nonspeech:named-by-verb"
    HEADLINE = "nonspeech:headline"
    TRAILING_SECTION = "nonspeech:trailing-section"
    TITLE_APPOSITION = "nonspeech:title-apposition"
    TITLE_SUBTITLE = "nonspeech:title-subtitle"
    REPEATED_TERM = "nonspeech:repeated-term"
    TITLE_CASE = "nonspeech:title-case"
    SIGNED_TITLE = "nonspeech:signed-title"
    VERSE = "nonspeech:verse"
    UTTERANCE_SHAPE = "speech:utterance-shape"
    SHORT_WITHOUT_CUE = "nonspeech:short-without-cue"
    MODIFIER_IN_NOUN_PHRASE = "nonspeech:modifier-in-noun-phrase"
    THOUGHT = "nonspeech:thought"
    FRAGMENT_WITHOUT_SOURCE = "nonspeech:fragment-without-source"
    GENERIC_SAYING = "nonspeech:generic-saying"
    SPEECH_CUE = "speech:cue"
    SPEECH_CUE_ADJACENT = "speech:cue-adjacent"
    SPEECH_CUE_TURN = "speech:cue-turn"
    RESUMES_INTERRUPTED_QUOTE = "speech:resumes-interrupted-quote"
    # cue
    CUE_VERB_GOVERNS = "cue-verb:governs"
    CUE_VERB_UNDER_QUOTE = "cue-verb:under-quote"
    CUE_VERB_INTRODUCES = "cue-verb:introduces"
    CUE_VERB_ADJACENT = "cue-verb:adjacent"
    CUE_VERB_BESIDE_QUOTED_WORD = "cue-verb:beside-quoted-word"
    CUE_VERB_READ_AS_NOUN = "cue-verb:read-as-noun"
    CUE_VERB_MISSION = "cue-verb:mission"
    BEYOND_ANOTHER_QUOTE = "beyond-another-quote"
    ACCORDING_TO = "according-to"
    ATTRIBUTED_TO = "attributed-to"
    IN_THE_WORDS_OF = "in-the-words-of"
    COLON_VERB = "colon-verb"
    COLON_SUBJECT = "colon-subject"
    COLON_NP = "colon-np"
    DASH = "dash-attribution"
    SISTER_VERB = "sister-verb-closer-to-quote"
    INTRODUCED_BEFORE = "introduced-before-quote"
    # neighbour cues
    BEFORE_QUOTE = "before-quote"
    PREVIOUS_SENTENCE = "previous-sentence"
    NEXT_SENTENCE = "next-sentence"
    CUE_VERB_NEIGHBOUR = "cue-verb:neighbour"
    SIGNATURE = "signature"
    # source: the speaker of a reporting verb
    INVERTED_OBJECT_NAME = "inverted:object-name"
    RELATIVE_CLAUSE = "relative-clause"
    PASSIVE_AGENT = "passive-agent"
    PASSIVE_NO_AGENT = "passive-no-agent"
    AUTHOR_OF_DOCUMENT = "author-of-document"
    POSSESSOR_OF_UTTERANCE = "possessor-of-utterance"
    SUBJECT = "subject"
    NOUN_BY_VERB_READ_AS_NOUN = "noun-by-verb-read-as-noun"
    MODIFIED_NOUN = "modified-noun"
    OBJECT_OF_GOVERNING_VERB = "object-of-governing-verb"
    SUBJECT_OF_GOVERNING_VERB = "subject-of-governing-verb"
    INVERTED = "inverted"
    SUBJECT_HUNG_ON_QUOTE = "subject-hung-on-quote"
    NEAREST_BEFORE = "nearest-before"
    NO_SUBJECT = "no-subject"
    IMPLAUSIBLE_SPEAKER = "implausible-speaker"
    # speaker: pronouns
    RESOLVED_COREF = "resolved:coref"
    RESOLVED_NEAREST = "resolved:nearest-antecedent"
    RESOLVED_RANKED = "resolved:ranked"
    RESOLVED_PARAGRAPH_SUBJECT = "resolved:paragraph-subject"
    PRONOUN_CHAIN = "resolved:pronoun-chain"
    OUTER_QUOTE_SPEAKER = "resolved:outer-quote-speaker"
    ANSWERER_FIRST_PERSON = "resolved:answerer-first-person"
    # carry-over: the conversation
    INTERVIEW_ANSWER = "inherited:interview-answer"
    PREVIOUS_QUOTE_IN_PARAGRAPH = "inherited:previous-quote-in-paragraph"
    PREVIOUS_SENTENCE_SUBJECT = "inherited:previous-sentence-subject"
    ADDRESSED_IN_PREVIOUS_TURN = "inherited:addressed-in-previous-turn"
    ADDRESSED_NAME_IN_PREVIOUS_TURN = "inherited:addressed-name-in-previous-turn"
    ADDRESSED_DESCRIPTION_IN_PREVIOUS_TURN = "inherited:addressed-description-in-previous-turn"
    BEAT_ENDING_PREVIOUS_TURN = "inherited:beat-ending-previous-turn"
    DIALOGUE_TURN = "inherited:dialogue-turn"
    LISTENER_IN_SCENE = "inherited:listener-in-scene"
    QUESTION_ANSWERED = "inherited:question-answered"
    NARRATOR_ANSWERS = "inherited:narrator-answers"
    PREVIOUS_PARAGRAPH = "inherited:previous-paragraph"
    NEXT_SENTENCE_SUBJECT = "inherited:next-sentence-subject"
    BEAT_IN_SENTENCE = "inherited:beat-in-sentence"
    QUOTE_OPENS_PARAGRAPH = "quote-opens-paragraph"
    RANKED_TURN = "inherited:ranked"

    @property
    def label(self) -> str:
        """The evidence string written for this rule (the value, but for kept labels)."""
        return _LABELS.get(self, self.value)


#: Rules that write another rule's label, so output stays as it was before the split.
_LABELS = {RuleId.INVERTED_OBJECT_NAME: "inverted",
           RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN: "inherited:addressed-in-previous-turn"}


class Note(str, enum.Enum):
    """Evidence that no rule decides: what the quote is, and outcomes with no speaker."""

    NESTED = "nested"
    UNCLOSED = "unclosed"
    MULTI_PARAGRAPH = "multi-paragraph"
    NO_PARSE = "no-parse"
    NO_CUE = "unattributed:no-cue"
    CUE_WITHOUT_SPEAKER = "unattributed:cue-without-speaker"
    NESTED_WITHOUT_CUE = "unattributed:nested-without-cue"


#: What a parse can provide that some rules need.
REQUIREMENTS = frozenset({"ner", "coref"})


@attrs.frozen
class Finding:
    """What one rule found.

    Attributes:
        rule: the rule's id.
        value: what it found (a kind, a cue, a speaker head word, a speaker), or None when the
            finding is that there is none ("passive-no-agent").
        score: its score (cue contest) or the confidence it gives the quote.
        words: the word indices it used.
        evidence: the labels it writes into ``Quote.evidence`` (default: the rule's label).
        note: "" for a finding that stands; else what became of it ("lost", "rejected: …",
            "skipped: needs coref").
        remember: ``(head word, Described)`` mentions the loop should remember as likely
            antecedents (carry-over candidates).
    """

    rule: RuleId
    value: Any = None
    score: float = 0.0
    words: tuple[int, ...] = ()
    evidence: tuple[str, ...] | None = None
    note: str = ""
    remember: tuple[tuple[int, Described], ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return self.evidence if self.evidence is not None else (self.rule.label,)


def _requirements(items: Collection[str]) -> frozenset[str]:
    """attrs converter of `Rule.requires` (a named function, so mypy types it)."""
    return frozenset(items)


@attrs.frozen
class Rule:
    """One entry of a stage table.

    Attributes:
        id: the rule's id (the label it writes).
        fn: the rule: a function of the stage's read-only context.
        requires: what the parse must have ("ner", "coref"); else the rule is skipped.
        emits: every id the rule can write (default: ``(id,)``), for rules whose branches
            have ids of their own.
    """

    id: RuleId
    fn: Callable[..., Any]
    requires: frozenset[str] = attrs.field(default=frozenset(), converter=_requirements)
    emits: tuple[RuleId, ...] = ()

    def __attrs_post_init__(self) -> None:
        unknown = self.requires - REQUIREMENTS
        if unknown:
            raise ValueError(f"rule {self.id.value}: unknown requirement(s) {sorted(unknown)}; "
                             f"known: {sorted(REQUIREMENTS)}")
        if not self.emits:
            object.__setattr__(self, "emits", (self.id,))

    @property
    def example(self) -> str:
        """The first line of the rule's docstring: a one-line example."""
        return (self.fn.__doc__ or "").strip().split("\n")[0]


#: The stages' defaults: what a stage says when no rule hits, so they cannot be disabled.
DEFAULT_RULES = frozenset({RuleId.SHORT_WITHOUT_CUE, RuleId.NO_SUBJECT})


def _check_confidence(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be a number from 0 to 1, not {value!r}")


def _disabled(value: Collection[RuleId | str]) -> frozenset[RuleId]:
    if isinstance(value, str):
        raise TypeError("disabled takes a collection of rule ids, e.g. {RuleId.DASH}")
    out = set()
    for v in value:
        try:
            rule = RuleId(v)
        except ValueError:
            raise ValueError(f"unknown rule {v!r}; see quoteattr.attribution.RuleId") from None
        if rule in DEFAULT_RULES:
            raise ValueError(f"{rule.value} is a stage's default (what it says when no rule "
                             "hits) and cannot be disabled")
        out.add(rule)
    return frozenset(out)


@attrs.frozen(kw_only=True)
class AttributionOptions:
    """Knobs of the attribution rules.

    Attributes:
        min_utterance_words: a quote with no cue needs this many words to count as speech.
        max_term_words: a quote this short that the text repeats is a term, not speech.
        carry_over: infer speakers for quotes without a cue from the context.
        disabled: rules to skip (`RuleId` members or their values).
        explain: keep every finding, winners and losers, on each quote (the quotes are then
            `ExplainedQuote` objects; ``to_dict()`` is unchanged).
        min_confidence: leave out quotes whose confidence is below this (0.0, the default,
            keeps every quote; 0.5, recommended for counting who is quoted, drops every
            speech quote without a speaker and the speakers decided in ways right less
            than half the time on development data; see docs/glossary.md for what it costs).
        calibrated: replace the rules' confidences by the accuracy their deciding rule had
            on development data (`quoteattr.attribution.calibration`); False keeps the
            rules' own numbers.
    """

    min_utterance_words: int = 6
    max_term_words: int = 4
    carry_over: bool = True
    disabled: frozenset[RuleId] = attrs.field(default=frozenset(), converter=_disabled)
    explain: bool = False
    min_confidence: float = attrs.field(default=0.0, validator=_check_confidence)
    calibrated: bool = True


@attrs.frozen(eq=False)
class ExplainedQuote(Quote):
    """A `Quote` with the findings that made it (``explain=True``).

    ``to_dict()``, equality and hashing are the Quote's: the findings are for reading only.
    """

    findings: tuple[Finding, ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quote) and _quote_key(self) == _quote_key(other)

    def __hash__(self) -> int:
        return hash(_quote_key(self))


def _quote_key(q: Quote) -> tuple[Any, ...]:
    return (q.start, q.end, q.text, q.kind, q.speaker, q.cue, q.confidence, q.evidence)


@attrs.frozen
class Switches:
    """Which rules run for one document: not disabled, and the parse has what they need.

    Attributes:
        disabled: the rules switched off.
        provided: what the parse has ("ner" when it has entities, "coref" when it has
            coreference chains).
        registry: every rule by id (for its requirements).
    """

    disabled: frozenset[RuleId]
    provided: frozenset[str]
    registry: Mapping[RuleId, Rule]

    def why_not(self, rule: RuleId) -> str | None:
        """None when ``rule`` runs; else why not ("disabled", "needs coref")."""
        if rule in self.disabled:
            return "disabled"
        entry = self.registry.get(rule)
        missing = sorted(entry.requires - self.provided) if entry is not None else []
        return f"needs {', '.join(missing)}" if missing else None

    def on(self, rule: RuleId) -> bool:
        """Does ``rule`` run?"""
        return self.why_not(rule) is None


@attrs.frozen
class DocState:
    """What the loop over quotes remembers, as read-only views (rules read, never write).

    Attributes:
        last_in_paragraph: paragraph index -> the last outermost quote's speaker.
        paragraph_speakers: paragraph index -> the speakers of its outermost quotes.
        paragraph_addressees: paragraph index -> the names its last outermost quote
            addresses, each with its word index ("…, Tom?": the one who answers next).
        antecedents: candidate antecedents for pronouns, in text order.
        genders: name -> gender learned from resolved pronouns.
        last_top: the previous outermost quote, its span and Quote.
    """

    last_in_paragraph: Mapping[int, Speaker]
    paragraph_speakers: Mapping[int, tuple[Speaker, ...]]
    paragraph_addressees: Mapping[int, Mapping[str, int]]
    antecedents: Sequence[Antecedent]
    genders: Mapping[str, str]
    last_top: tuple[QuoteSpan, Quote] | None


class _ReadOnly(Sequence):
    """A read-only view of a list (no copy)."""

    __slots__ = ("_items",)

    def __init__(self, items: list[Any]) -> None:
        self._items = items

    def __getitem__(self, k: Any) -> Any:
        return self._items[k]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)


@attrs.define
class Memory:
    """The loop's own state; only `quoteattr.attribution.attribute_quotes` writes it."""

    last_in_paragraph: dict[int, Speaker] = attrs.field(factory=dict)
    paragraph_speakers: dict[int, tuple[Speaker, ...]] = attrs.field(factory=dict)
    paragraph_addressees: dict[int, Mapping[str, int]] = attrs.field(factory=dict)
    antecedents: list[Antecedent] = attrs.field(factory=list)
    genders: dict[str, str] = attrs.field(factory=dict)
    last_top: tuple[QuoteSpan, Quote] | None = None

    def view(self) -> DocState:
        return DocState(last_in_paragraph=types.MappingProxyType(self.last_in_paragraph),
                        paragraph_speakers=types.MappingProxyType(self.paragraph_speakers),
                        paragraph_addressees=types.MappingProxyType(self.paragraph_addressees),
                        antecedents=_ReadOnly(self.antecedents),
                        genders=types.MappingProxyType(self.genders), last_top=self.last_top)


@attrs.frozen(kw_only=True)
class QuoteContext:
    """Everything a rule may read about one quote (read-only).

    Attributes:
        text: the document's text.
        doc: the parse, or None (surface rules only).
        spans: every quoted span of the document; ``n`` is this one's position.
        span: this quote's span.
        paragraph: the paragraph's character range ``(start, stop)``; ``p_index`` its index.
        parent: the enclosing quote's content range (characters) for a nested quote.
        frame: the words around the quote (None without a parse).
        index: the document's names (with the genders learned so far).
        state: what the loop remembers from earlier quotes.
        options: the attribution options; ``switches`` which rules run.
        repeated: how often each normalized quote text occurs in the document.
        surface: the surface stage's finding; ``cue``: the cue stage's winner.
        addressed: the names this (outermost) quote addresses, lower-cased, with their word.
        spoken_of: the surnames the quote speaks of as someone else, lower-cased
            (`source.third_person_names`): an unlikely speaker.
        structure: the document's layout (headlines, trailing section, interview turns).
        paragraphs: every paragraph's character range, in order (``paragraphs[p_index] ==
            paragraph``; empty where the caller did not give them).
    """

    text: str
    doc: ParsedDoc | None
    spans: Sequence[QuoteSpan]
    n: int
    span: QuoteSpan
    paragraph: tuple[int, int]
    p_index: int
    parent: tuple[int, int] | None
    frame: Frame | None
    index: EntityIndex | None
    state: DocState
    options: AttributionOptions
    switches: Switches
    repeated: Counter
    surface: Finding | None = None
    cue: Any = None
    addressed: Mapping[str, int] = attrs.field(factory=dict)
    spoken_of: frozenset[str] = frozenset()
    structure: DocumentStructure | None = None
    paragraphs: Sequence[tuple[int, int]] = ()


@attrs.frozen
class Attribution:
    """The speaker stage's result and what the loop should remember from it.

    Attributes:
        speaker: the speaker, or None.
        confidence: the quote's confidence.
        evidence: the labels to add to ``Quote.evidence``.
        records: ``(head word, Described)`` mentions to remember as likely antecedents.
        learned: ``(name, gender)`` pairs resolved pronouns revealed.
        findings: with ``explain``: the rules tried.
        resolved: ``(pronoun word, antecedent)`` for a speaker pronoun the stage resolved
            (what the narration's pronoun chain takes that pronoun for).
    """

    speaker: Speaker | None
    confidence: float
    evidence: tuple[str, ...]
    records: tuple[tuple[int, Described], ...] = ()
    learned: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()
    resolved: tuple[tuple[int, Described], ...] = ()
