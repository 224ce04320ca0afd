"""Quoted spans + parse -> attributed `Quote` objects, by rule tables.

For every quoted span, in text order, the stages run in this order, each a table of rules
(`base` has the core; `weights` every
score and confidence):

1. **surface** (`SURFACE_RULES`, first hit wins): speech or not from the text
   alone -- "so-called", a title in title case, a short phrase quoted twice, the shape of an
   utterance. Without a parse this is all there is.
2. **cue** (`CUE_RULES`, all run, best score wins, losers kept): a reporting
   verb, "according to", a colon, a dash; then (`NEIGHBOUR_RULES`, first hit
   wins) the sentence next to the quote.
3. **kind** (`KIND_RULES`, first hit wins): a noun modifier or a thought is no
   speech; a title or term stays one against a weak cue; a cue makes speech.
4. **source** (`SOURCE_RULES`, first hit wins, inside the cue stage): the
   head word of a reporting verb's speaker; then the mention is classified and a pronoun
   resolved (`pronouns`).
5. **carry-over** (`CARRYOVER_RULES`, first hit wins): no cue -- the
   previous quote's speaker, the person the sentence before introduced, the turn order.
6. **entities** (`quoteattr.entities`, its own ordered `STEPS`): a document-level post-pass
   that groups the speakers into people with ids -- name fragments, pronouns resolved over
   the whole document, descriptions, the narrator.
7. **calibration** (`calibration`): each speech quote's confidence becomes the accuracy its
   deciding rule had on development data (``AttributionOptions(calibrated=False)``: off).

A speech quote with no defensible speaker keeps ``speaker=None`` and says why in
``evidence``. Nothing is dropped. The loop in `attribute_quotes` is the only place
state changes: rules read a `QuoteContext` and return findings.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

import attrs

from quoteattr.attribution import weights as wt
from quoteattr.attribution.base import (
    Attribution,
    AttributionOptions,
    ExplainedQuote,
    Finding,
    Memory,
    Note,
    QuoteContext,
    Rule,
    RuleId,
    Stage,
    Switches,
)
from quoteattr.attribution.calibration import calibrate
from quoteattr.attribution.carryover import (
    CARRYOVER_BRANCHES,
    CARRYOVER_RULES,
    OUTER_RULES,
    addressees,
    answerer_first_person,
    outer_first_person,
    speaker_from_context,
)
from quoteattr.attribution.cue import (
    CUE_ADJUSTMENTS,
    CUE_RULES,
    NEIGHBOUR_BRANCHES,
    NEIGHBOUR_RULES,
    find_cue,
    find_neighbour_cue,
)
from quoteattr.attribution.document import names_kept_as_names, norm
from quoteattr.attribution.frame import build_frame, parent_of, siblings_of
from quoteattr.attribution.kind import (
    KIND_RULES,
    SURFACE_DEFAULT,
    SURFACE_RULES,
    SurfaceView,
    classify_surface,
    decide_kind,
    surface_finding,
)
from quoteattr.attribution.pronouns import Antecedent, PronounChain, candidate_antecedents
from quoteattr.attribution.source import (
    SOURCE_DEFAULT,
    SOURCE_RULES,
    SPEAKER_RULES,
    cue_span,
    speaker_of_cue,
    third_person_names,
)
from quoteattr.parsed import ParsedDoc
from quoteattr.speaker_kinds import Described, EntityIndex
from quoteattr.entities import AttributedQuotes, link_entities
from quoteattr.spans import QuoteSpan, SpanResult
from quoteattr.structure import analyze_structure
from quoteattr.types import Cue, Quote, QuoteKind, Speaker, SpeakerKind

__all__ = ["STAGES", "AttributionOptions", "Finding", "Rule", "RuleId", "Stage",
           "attribute_quotes", "classify_surface", "rules_by_id"]

#: Every stage's table, in the order the stages run.
STAGES: tuple[tuple[Stage, tuple[Rule, ...]], ...] = (
    (Stage.SURFACE, SURFACE_RULES + (SURFACE_DEFAULT,)),
    (Stage.CUE, CUE_RULES + CUE_ADJUSTMENTS),
    (Stage.NEIGHBOUR, NEIGHBOUR_RULES + NEIGHBOUR_BRANCHES),
    (Stage.KIND, KIND_RULES),
    (Stage.SOURCE, SOURCE_RULES + (SOURCE_DEFAULT,)),
    (Stage.SPEAKER, SPEAKER_RULES + OUTER_RULES),
    (Stage.CARRYOVER, CARRYOVER_RULES + CARRYOVER_BRANCHES),
)


def rules_by_id() -> dict[RuleId, Rule]:
    """Every rule by id: a rule's own entry, or the table entry whose branches emit it."""
    out: dict[RuleId, Rule] = {}
    for _, table in STAGES:
        for rule in table:
            out.setdefault(rule.id, rule)
    for _, table in STAGES:
        for rule in table:
            for rid in rule.emits:
                out.setdefault(rid, rule)
    return out


_REGISTRY = rules_by_id()


def _switches(doc: ParsedDoc | None, options: AttributionOptions) -> Switches:
    provided = set()
    if doc is not None and doc.entities:
        provided.add("ner")
    if doc is not None and doc.coref is not None:
        provided.add("coref")
    return Switches(options.disabled, frozenset(provided), _REGISTRY)


def _skipped(switches: Switches) -> list[Finding]:
    """Findings for rules that do not run (with ``explain``)."""
    out = []
    for rid in RuleId:
        why = switches.why_not(rid)
        if why is not None:
            out.append(Finding(rid, note=f"skipped: {why}"))
    return out


def attribute_quotes(text: str, result: SpanResult, doc: ParsedDoc | None,
                     options: AttributionOptions = AttributionOptions()) -> AttributedQuotes:
    """Attribute every span in ``result``; ``doc`` may be None (surface rules only).

    Args:
        text: the document's text.
        result: its quoted spans (`quoteattr.spans.find_quote_spans`).
        doc: its parse, or None.
        options: `AttributionOptions` (``disabled`` rules, ``explain``).

    Returns:
        one Quote per span, in order (an `ExplainedQuote` with ``explain``), as an
        `AttributedQuotes` tuple whose ``entities`` are the document's speaker entities.
    """
    spans = result.spans
    paragraphs = result.paragraphs
    para_starts = [p[0] for p in paragraphs]
    repeated = Counter(norm(text[s.start : s.end]) for s in spans)
    starts = [s.open_mark for s in spans]
    if doc is not None:
        doc = names_kept_as_names(doc)
    base_index = EntityIndex(doc) if doc is not None else None
    switches = _switches(doc, options)
    structure = analyze_structure(text, result)
    skipped = _skipped(switches) if options.explain else []
    memory = Memory()
    if doc is not None and base_index is not None:
        quoted = [(s.start, s.end) for s in spans if s.depth == 0]
        narration = candidate_antecedents(doc, base_index, paragraphs, quoted)
        memory.antecedents = list(narration)  # the pronoun chain adds to this one
        chain = PronounChain(doc, paragraphs, quoted) if switches.on(RuleId.PRONOUN_CHAIN) \
            else None
    else:
        chain = None
        narration = None
    out: list[Quote] = []
    for n, span in enumerate(spans):
        p_index = max(0, bisect.bisect_right(para_starts, span.open_mark) - 1)
        paragraph = paragraphs[p_index] if paragraphs else (0, len(text))
        index = base_index.with_genders(memory.genders) if base_index is not None else None
        if chain is not None and index is not None:
            chain.advance(span.open_mark, memory.antecedents, index,
                          use_coref=switches.on(RuleId.RESOLVED_COREF))
        parent = parent_of(spans, n)
        frame = None
        if doc is not None and doc.words:
            frame = build_frame(doc, span.start, span.end, span.open_mark, span.close_mark,
                                siblings_of(spans, starts, n), parent)
        ctx = QuoteContext(text=text, doc=doc, spans=spans, n=n, span=span,
                           paragraph=paragraph, p_index=p_index, parent=parent, frame=frame,
                           index=index, state=memory.view(), options=options,
                           switches=switches, repeated=repeated, structure=structure,
                           paragraphs=paragraphs)
        quote, attribution, ctx = _attribute_one(ctx, out)
        if options.explain:
            quote = _explained(quote, skipped + list(attribution.findings))
        out.append(quote)
        _remember(memory, ctx, quote, attribution)
        if chain is not None:
            for pronoun, antecedent in attribution.resolved:
                chain.decide(pronoun, antecedent)
    # the final stage: speakers as people (a tuple of quotes that carries `.entities`)
    linked = link_entities(text, out, doc, paragraphs, index=base_index, antecedents=narration)
    if options.calibrated:
        # confidences as measured on development data, once the entities are known
        linked = AttributedQuotes(calibrate(linked), linked.entities)
    if options.min_confidence > 0:
        # the caller asked to leave out the least sure quotes (after linking, so that the
        # entities are those of the whole document)
        return AttributedQuotes([q for q in linked if q.confidence >= options.min_confidence],
                                linked.entities)
    return linked


def _explained(quote: Quote, findings: list[Finding]) -> ExplainedQuote:
    return ExplainedQuote(start=quote.start, end=quote.end, text=quote.text, kind=quote.kind,
                          speaker=quote.speaker, cue=quote.cue, confidence=quote.confidence,
                          evidence=quote.evidence, findings=tuple(findings))


def _flags(span: QuoteSpan) -> list[str]:
    evidence = []
    if span.depth:
        evidence.append(Note.NESTED.value)
    if not span.closed:
        evidence.append(Note.UNCLOSED.value)
    if span.multi_paragraph:
        evidence.append(Note.MULTI_PARAGRAPH.value)
    return evidence


def _attribute_one(ctx: QuoteContext, done: list[Quote]
                   ) -> tuple[Quote, Attribution, QuoteContext]:
    """One quote through the stages: the Quote, what the loop should remember, and the
    context as the last stage saw it."""
    span = ctx.span
    evidence = _flags(span)
    view = SurfaceView(ctx.text, span, ctx.paragraph, ctx.repeated, ctx.options,
                       ctx.structure)
    surface = surface_finding(view, ctx.options.disabled)
    trace: list[Finding] = [attrs.evolve(surface, note=f"stage: {Stage.SURFACE.value}")]
    if ctx.frame is None:
        confidence = wt.NO_PARSE_NONSPEECH if surface.value is QuoteKind.NONSPEECH \
            else wt.NO_PARSE_SPEECH
        quote = _quote(ctx, surface.value, None, None, confidence,
                       evidence + [surface.rule.label, Note.NO_PARSE.value])
        return quote, Attribution(None, confidence, (), findings=tuple(trace)), ctx
    ctx = attrs.evolve(ctx, surface=surface)
    cue, found = find_cue(ctx)
    if cue is None and surface.value is not QuoteKind.NONSPEECH:
        cue, found = find_neighbour_cue(ctx)
    trace += [attrs.evolve(f, note="won" if k == 0 else "lost") for k, f in enumerate(found)]
    ctx = attrs.evolve(ctx, cue=cue)
    kind = decide_kind(ctx)
    trace.append(kind)
    if kind.value is QuoteKind.NONSPEECH:
        quote = _quote(ctx, kind.value, None, None, kind.score, evidence + list(kind.labels))
        return quote, Attribution(None, kind.score, (), findings=tuple(trace)), ctx
    evidence += list(kind.labels)
    # the names an outermost quote addresses: not its speaker, and the next turn's
    assert ctx.doc is not None and ctx.frame is not None  # a frame comes from a parse
    addressed = addressees(ctx.doc, ctx.frame, ctx.index) if not span.depth else {}
    ctx = attrs.evolve(ctx, addressed=addressed,
                       spoken_of=third_person_names(ctx.doc, ctx.frame))
    if cue is not None:
        attribution = speaker_of_cue(ctx)
    else:
        attribution = speaker_from_context(ctx)
    trace += list(attribution.findings)
    evidence += list(attribution.evidence)
    speaker = attribution.speaker
    if speaker is not None and ctx.parent is not None and \
            ctx.switches.on(RuleId.OUTER_QUOTE_SPEAKER):
        outer = outer_first_person(speaker, ctx.parent, done)
        if outer is not None:
            speaker = outer
            evidence.append(RuleId.OUTER_QUOTE_SPEAKER.label)
    if speaker is not None and ctx.switches.on(RuleId.ANSWERER_FIRST_PERSON):
        who = answerer_first_person(speaker, ctx)
        if who is not None:
            speaker = who
            evidence.append(RuleId.ANSWERER_FIRST_PERSON.label)
    quote = _quote(ctx, kind.value, speaker, cue_span(ctx), attribution.confidence, evidence)
    return quote, attrs.evolve(attribution, findings=tuple(trace)), ctx


def _remember(memory: Memory, ctx: QuoteContext, quote: Quote, attribution: Attribution
              ) -> None:
    """The only place state changes: what one attributed quote teaches the loop."""
    doc = ctx.doc
    for head, described in attribution.records:
        assert doc is not None  # records come from the stages that read the parse
        _record(memory, doc, head, described, ctx.p_index)
    for name, gender in attribution.learned:
        memory.genders.setdefault(name, gender)
    if ctx.frame is None or quote.kind is QuoteKind.NONSPEECH:
        return
    if not ctx.span.depth:
        speaker = quote.speaker
        if speaker is not None:
            memory.last_in_paragraph[ctx.p_index] = speaker
            memory.paragraph_speakers[ctx.p_index] = \
                memory.paragraph_speakers.get(ctx.p_index, ()) + (speaker,)
        memory.paragraph_addressees[ctx.p_index] = ctx.addressed
        memory.last_top = (ctx.span, quote)


def _record(memory: Memory, doc: ParsedDoc, head: int, d: Described, p_index: int) -> None:
    """Remember a speaker as a likely antecedent (kept in text order)."""
    if d.kind is SpeakerKind.PRONOUN or any(a.described.head == head and a.speaker
                                            for a in memory.antecedents[-8:]):
        return
    bisect.insort(memory.antecedents,
                  Antecedent(described=d, sent_index=doc.words[head].sent_index,
                             paragraph=p_index, subject=True, speaker=True),
                  key=lambda a: doc.words[a.word].start)


def _quote(ctx: QuoteContext, kind: QuoteKind, speaker: Speaker | None, cue: Cue | None,
           confidence: float, evidence: Sequence[str]) -> Quote:
    span = ctx.span
    return Quote(start=span.start, end=span.end, text=ctx.text[span.start : span.end],
                 kind=kind, speaker=speaker, cue=cue, confidence=max(0.0, min(1.0, confidence)),
                 evidence=tuple(evidence))
