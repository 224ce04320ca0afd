"""The Stanza pipeline: building it from a model set, the parser that runs it, and the cap on
the words of a sentence handed to its tagger and parser.

`quoteattr.parse` adapts what the pipeline produces to quoteattr's own `ParsedDoc`; the value
types are in `quoteattr.parsed` and the text handed to Stanza is prepared in
`quoteattr.textprep`. Stanza and torch are imported inside functions only, so
``import quoteattr`` stays cheap.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from quoteattr import lexicon
from quoteattr.errors import DependencyError, MissingProcessorError
from quoteattr.models import ModelSet, resolve_models
from quoteattr.parsed import ParsedDoc, TextMap
from quoteattr.textprep import prepare_text

if TYPE_CHECKING:  # pragma: no cover
    import stanza

log = logging.getLogger("quoteattr")

__all__ = ["BATCH_TENSOR_MODULES", "INT8_PROCESSORS", "MAX_SENTENCE_WORDS", "PIPELINE_DEFAULTS",
           "SENTENCE_CONTEXT", "StanzaParser", "VOCAB_MEMO_PROCESSORS", "bound_sentences",
           "build_pipeline", "collection_paused", "decode_trees", "download_official", "fast_batch_tensors",
           "fast_ner_decoding",
           "greedy_tree", "join_unended_sentences", "lean_lemma_batches", "long_tensor",
           "memoize_char_models", "names_person", "quantize_label_scorer", "quantize_lstms",
           "quantize_pipeline", "select_sentences", "share_tag_scorers", "viterbi_batch"]


#: Most words handed to the tagger and parser as one sentence. Stanza's tokenizer often ignores
#: sentence ends in dense punctuation ("“a”. “a”. …", ". . . ."), so a 3,000-character paragraph
#: can reach the parser as one "sentence" of 2,000 words, and the parser's memory grows with the
#: square of a sentence's length (6-17 GB for such input). 250 is above every real sentence seen:
#: the longest in the development texts has 208 words (LitBank), in UD EWT and GUM 159.
MAX_SENTENCE_WORDS = 250

# Where a long sentence is best cut: after a sentence end, else after a clause mark or closing
# quotation mark or bracket; failing both, at the limit.
_SENT_END_WORDS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLAUSE_END_WORDS = frozenset({",", ";", ":", "”", "’", "»", "\"", "'", ")", "]", "—", "–"})


def bound_sentences(document: Any, max_words: int = MAX_SENTENCE_WORDS) -> Any:
    """A tokenized ``stanza.Document`` whose sentences have at most ``max_words`` words each.

    A longer sentence is cut between tokens (never inside a multi-word token) into pieces of at
    most ``max_words`` words, each cut in the piece's second half after the last sentence end,
    else after the last clause mark or closing mark, else at the limit. Tokens keep their
    character offsets, so offsets stay exact. A document with no long sentence is returned as
    it is.
    """
    if all(len(sent.words) <= max_words for sent in document.sentences):
        return document
    import stanza

    sentences: list[list[dict[str, Any]]] = []
    for sent in document.to_dict():
        sentences.extend(_split_sentence(sent, max_words))
    return stanza.Document(sentences, text=document.text)


#: Last characters of a sentence that end it (or may: a closing mark or bracket, a colon
#: before a quote, a dash).
_SENTENCE_CLOSERS = frozenset(".!?…:;\"'”’»)]—–-")


def join_unended_sentences(document: Any) -> Any:
    """A tokenized ``stanza.Document`` in which a sentence that the tokenizer ended with no
    closing punctuation, in the middle of a line, runs on into the next one.

    The tokenizer sometimes splits inside a name ("PC | World's recent analysis",
    "Mrs. Rachel | Lynde lived"): the speaker then loses half of its name, and the parser
    reads two fragments. A sentence that ends with no sentence mark, closing mark or dash and
    whose next sentence starts on the same line is joined to it (a headline or a list item
    ends its line, so it stays apart). Word ids are renumbered, and tokens keep their
    offsets. A document with nothing to join is returned as it is.
    """
    sentences = document.sentences
    text = document.text or ""
    joins = {k for k in range(len(sentences) - 1)
             if sentences[k].tokens and sentences[k + 1].tokens
             and sentences[k].tokens[-1].text[-1:] not in _SENTENCE_CLOSERS
             and "\n" not in text[sentences[k].tokens[-1].end_char:
                                  sentences[k + 1].tokens[0].start_char]}
    if not joins:
        return document
    import stanza

    out: list[list[dict[str, Any]]] = []
    join_next = False
    for k, sent in enumerate(document.to_dict()):
        if join_next:
            shift = _n_words(out[-1])
            out[-1].extend(_shifted(entry, shift) for entry in sent)
        else:
            out.append(list(sent))
        join_next = k in joins
    return stanza.Document(out, text=document.text)


def _n_words(entries: list[dict[str, Any]]) -> int:
    """The words of a sentence in Stanza's dict form (a multi-word token's range entry is
    not a word)."""
    return sum(1 for e in entries if not isinstance(e["id"], (tuple, list)))


def _shifted(entry: dict[str, Any], shift: int) -> dict[str, Any]:
    """A copy of a Stanza dict-form entry with its word id (or id range) moved by ``shift``."""
    entry = dict(entry)
    ident = entry["id"]
    entry["id"] = (tuple(k + shift for k in ident) if isinstance(ident, (tuple, list))
                   else ident + shift)
    return entry


def _split_sentence(entries: list[dict[str, Any]], max_words: int) -> list[list[dict[str, Any]]]:
    """Cut one sentence (Stanza's dict form: a multi-word token's range entry, then its words)
    into pieces of at most ``max_words`` words, word ids renumbered from 1 in each piece."""
    tokens: list[tuple[list[dict[str, Any]], int]] = []  # (entries, words in the token)
    i = 0
    while i < len(entries):
        ident = entries[i]["id"]
        if isinstance(ident, (tuple, list)):
            n = ident[-1] - ident[0] + 1
            tokens.append((entries[i:i + n + 1], n))
            i += n + 1
        else:
            tokens.append((entries[i:i + 1], 1))
            i += 1
    pieces: list[list[tuple[list[dict[str, Any]], int]]] = []
    start = 0
    while start < len(tokens):
        words = 0
        stop = start
        while stop < len(tokens) and words + tokens[stop][1] <= max_words:
            words += tokens[stop][1]
            stop += 1
        stop = max(stop, start + 1)  # a token longer than the limit goes alone
        if stop < len(tokens):
            stop = _best_cut(tokens, start, stop)
        pieces.append(tokens[start:stop])
        start = stop
    out = []
    for piece in pieces:
        offset = piece[0][0][0]["id"]
        offset = (offset[0] if isinstance(offset, (tuple, list)) else offset) - 1
        out.append([_shifted(entry, -offset) for token_entries, _ in piece
                    for entry in token_entries])
    return out


def _best_cut(tokens: list[tuple[list[dict[str, Any]], int]], start: int, stop: int) -> int:
    """The token index to cut before, in ``(start + half, stop]``: after a sentence end, else
    after a clause or closing mark, else ``stop``."""
    floor = start + max(1, (stop - start) // 2)
    for wanted in (_SENT_END_WORDS, _CLAUSE_END_WORDS):
        for k in range(stop, floor, -1):
            if tokens[k - 1][0][0]["text"] in wanted:
                return k
    return stop


#: Sentences tagged and parsed on each side of a sentence that holds an anchor (a quote):
#: (before, after). Attribution reads the quote's own sentences, the one before (the speaker
#: introduced, "he said:" before a colon) and the one after (a cue sentence after a quote-only
#: sentence, the subject of an action beat).
SENTENCE_CONTEXT = (1, 1)


def select_sentences(sentences: Sequence[tuple[int, int]], anchors: Sequence[tuple[int, int]],
                     context: tuple[int, int] = SENTENCE_CONTEXT) -> list[int]:
    """The indices of the sentences to tag and parse, in order: each sentence that overlaps an
    anchor, with ``context`` (before, after) sentences around it.

    Args:
        sentences: (start, stop) character spans of the sentences, in text order, not
            overlapping.
        anchors: (start, stop) character spans (quotes, with their marks), any order. An
            anchor that overlaps no sentence (it falls between two) holds the next one.
        context: how many sentences before and after an anchored sentence to keep.

    Examples:
        >>> select_sentences([(0, 10), (11, 20), (21, 30), (31, 40), (41, 50)], [(22, 25)])
        [1, 2, 3]
    """
    before, after = context
    stops = [stop for _, stop in sentences]
    wanted: set[int] = set()
    for a_start, a_stop in anchors:
        # the first sentence ending after the anchor starts, and each one up to the anchor's
        # end; an anchor between sentences holds the next one (the last at the end)
        first = k = bisect.bisect_right(stops, a_start)
        while k < len(sentences) and sentences[k][0] < a_stop:
            k += 1
        first, last = min(first, len(sentences) - 1), max(first, k - 1)
        if first >= 0:
            wanted.update(range(max(0, first - before), min(len(sentences), last + after + 1)))
    return sorted(wanted)


# --------------------------------------------------------------------------------------------
# Text handed to Stanza, and the way back


#: How text is split into tokens and sentences (`StanzaParser`'s ``tokenizer``).
TOKENIZERS = ("stanza", "rules")


class StanzaParser:
    """Parses text with a Stanza pipeline built from a `ModelSet`.

    The pipeline is built on first use and reused; building it is thread-safe.

    Args:
        models: anything `resolve_models` accepts.
        use_gpu: let Stanza use a GPU when one is present.
        coref: run coreference when the model set has it (default True).
        pipeline: an already built ``stanza.Pipeline`` to use instead (see
            `from_pipeline`).
        threads: torch's intra-op thread count, set when the pipeline is built (a
            process-wide setting). 1 by default: Stanza's small LSTM batches gain little from
            more (two threads parsed 17% faster on an idle two-core machine), and on a busy
            machine more threads than free cores spin against other processes (a
            tokenizer pass took 72 s instead of 1.3 s with two threads beside other work).
            None leaves torch's default (one thread per core).
        tokenizer: ``"rules"`` (the default): `quoteattr.rule_tokenizer` splits the text
            into tokens, words and sentences in UD English's conventions, over ten times
            faster than Stanza's and as good on edited news and fiction (docs/models.md);
            ``"stanza"``: Stanza's neural tokenizer and MWT expander do (better on
            unedited web text: chat, lower-case sentence starts).
    """

    def __init__(self, models: Any = "auto", *, use_gpu: bool = False, coref: bool = True,
                 pipeline: Any = None, threads: int | None = 1, tokenizer: str = "rules",
                 **stanza_kwargs: Any) -> None:
        if tokenizer not in TOKENIZERS:
            raise ValueError(f"tokenizer must be one of {', '.join(map(repr, TOKENIZERS))}, "
                             f"not {tokenizer!r}")
        self.tokenizer = tokenizer
        self._models = models
        self.use_gpu = use_gpu
        self.coref = coref
        self.threads = threads
        self.stanza_kwargs = stanza_kwargs
        self._pipeline = pipeline
        self._lock = threading.Lock()

    @classmethod
    def from_pipeline(cls, pipeline: stanza.Pipeline) -> StanzaParser:
        """Wrap a pipeline the caller built (it needs tokenize, pos, lemma, depparse)."""
        names = set(getattr(pipeline, "processors", {}) or {})
        missing = tuple(p for p in ("tokenize", "pos", "lemma", "depparse") if p not in names)
        if missing:
            raise MissingProcessorError(missing)
        parser = cls(models=None, pipeline=pipeline, tokenizer="stanza")  # theirs, as built
        parser.__dict__["model_set"] = ModelSet(
            source="pipeline", processors=tuple(names), description="caller's stanza.Pipeline")
        return parser

    @functools.cached_property
    def model_set(self) -> ModelSet:
        return resolve_models(self._models)

    @property
    def source(self) -> str:
        """The model set, and the rule tokenizer when it splits the text."""
        if self.tokenizer == "rules":
            return f"{self.model_set}; rule tokenizer"
        return str(self.model_set)

    @property
    def pipeline(self) -> stanza.Pipeline:
        """The Stanza pipeline, built (torch and Stanza imported, the models loaded) on first
        use, with the garbage collector paused meanwhile (`collection_paused`: 2.4-2.8 s
        against 3.2 s on this project's machines, most of it the imports)."""
        if self._pipeline is None:
            with self._lock, collection_paused():
                if self._pipeline is None:
                    if self.threads is not None:
                        import torch

                        torch.set_num_threads(self.threads)
                    self._pipeline = build_pipeline(self.model_set, use_gpu=self.use_gpu,
                                                    coref=self.coref, **self.stanza_kwargs)
        return self._pipeline

    def parse(self, text: str, regions: Sequence[tuple[int, int]] | None = None,
              anchors: Sequence[tuple[int, int]] | None = None) -> ParsedDoc:
        """Parse ``text`` (only ``regions`` of it, if given: (start, end) paragraph spans; only
        the sentences near ``anchors``, if given: see `parse_many`)."""
        return self.parse_many([text], [regions], None if anchors is None else [anchors])[0]

    def parse_many(self, texts: Sequence[str],
                   regions: Sequence[Sequence[tuple[int, int]] | None] | None = None,
                   anchors: Sequence[Sequence[tuple[int, int]] | None] | None = None
                   ) -> list[ParsedDoc]:
        """Parse several texts in one batch through Stanza (faster than one by one).

        Args:
            texts: the texts.
            regions: for each text, the (start, end) spans to hand to Stanza (paragraphs), or
                None for the whole text.
            anchors: for each text, (start, end) character spans (quotes): the regions are
                tokenized and split into sentences, and only the sentences that overlap an
                anchor, with `SENTENCE_CONTEXT` around them, and those that name a person
                (`names_person`) are tagged (pos, lemma, ner: `_tag_where_read`, or every
                sentence tagged first for other pipelines), parsed and kept in the
                `ParsedDoc` (see `select_sentences`). None (for a text, or for all) keeps
                every sentence.

        Python's cyclic garbage collector is paused meanwhile (`collection_paused`).
        """
        with collection_paused():
            return self._parse_many(texts, regions, anchors)

    def _parse_many(self, texts: Sequence[str],
                    regions: Sequence[Sequence[tuple[int, int]] | None] | None,
                    anchors: Sequence[Sequence[tuple[int, int]] | None] | None
                    ) -> list[ParsedDoc]:
        import stanza

        if regions is None:
            regions = [None] * len(texts)
        if anchors is None:
            anchors = [None] * len(texts)
        prepared = []
        for text, reg in zip(texts, regions):
            if reg is None:
                reg = [(0, len(text))]
            prepared.append(prepare_text(text, reg))
        todo = [i for i, (p, _) in enumerate(prepared) if p.strip()]
        docs: dict[int, Any] = {}
        if todo:
            # tokenize (and mwt) first, then cap the words per sentence before the tagger and
            # parser see them (their memory grows with the square of a sentence's length)
            nlp = self.pipeline
            if self.tokenizer == "rules":
                from quoteattr import rule_tokenizer

                docs = {i: stanza.Document(rule_tokenizer.tokenize(prepared[i][0]),
                                           text=prepared[i][0]) for i in todo}
            else:
                docs = {i: stanza.Document([], text=prepared[i][0]) for i in todo}
                nlp(list(docs.values()), processors="tokenize")
            for i in todo:
                docs[i] = bound_sentences(join_unended_sentences(docs[i]))
            rest = [p for p in nlp.processors if p not in ("tokenize", "mwt")]
            selecting = [i for i in todo if anchors[i] is not None]
            if selecting and rest:
                if _tags_late(nlp, rest):
                    # tag only the sentences attribution reads: those near a quote, and
                    # those farther off that name a person (found by NER and words alone,
                    # then checked on their tags)
                    _tag_where_read(nlp, docs, prepared, anchors)
                else:
                    # tag every sentence, then keep only those attribution reads
                    _tag_all_then_keep(nlp, docs, prepared, anchors, selecting, rest)
                rest = [p for p in rest if p in _PARSE_PROCESSORS]  # parse what is kept
            to_run = [d for d in docs.values() if d.sentences]
            bulk = [p for p in rest if p != "coref"]
            if bulk and to_run:
                nlp(to_run, processors=bulk)
            if "coref" in rest:
                # one document at a time: given a list, Stanza joins the documents into one
                # to run a processor and splits them again, and the coref chains are lost in
                # the split (every document came back with doc.coref == [])
                for d in to_run:
                    nlp(d, processors="coref")
        out = []
        for i, text in enumerate(texts):
            doc = docs.get(i)
            if doc is not None and doc.sentences:
                out.append(ParsedDoc.from_stanza(doc, text=text, text_map=prepared[i][1],
                                                 source=self.source))
            else:
                out.append(ParsedDoc(text=text, words=(), sentences=(), source=self.source,
                                     coref=() if self.coref and self.model_set.has_coref
                                     else None))
        return out


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration, then on again.

    A batch allocates millions of small objects (Stanza's Documents, Sentences, Tokens and
    Words, the batches' id lists, quoteattr's parse and quotes), and each 700 allocations
    the collector walks the young ones, and every tenth time the older ones too: about a
    tenth of a pass over GUM news (`benchmarks/results/speed/README.md`). Nothing the
    collector would free is needed meanwhile, and the unreachable cycles left behind (a
    Document and its words point at each other) are freed by the first collection after.
    Reference counting frees everything else as usual, so memory grows only by one batch's
    cyclic garbage. Where the collector is already off (the caller's choice, or another
    thread inside this context) it is left as it is; ``QUOTEATTR_GC_PAUSE=0`` keeps it on.
    """
    import gc
    import os

    if not gc.isenabled() or os.environ.get("QUOTEATTR_GC_PAUSE", "1") == "0":
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: Processors that run, when sentences are selected, only on the sentences kept: the parser
#: is most of the parse's time (coreference chains then stay within what is parsed).
_PARSE_PROCESSORS = frozenset({"depparse", "coref"})
_PERSON_TAGS = frozenset({"PERSON", "PER"})


def _keep_sentences(document: Any, text_map: TextMap, anchors: Sequence[tuple[int, int]],
                    rebuild: bool = False) -> Any:
    """A tagged ``stanza.Document`` with only the sentences attribution reads: those
    `select_sentences` keeps for ``anchors`` (offsets into the original text; ``text_map``
    maps the document's offsets to it) and those that name a person (`names_person`), which
    the speaker entities read however far from a quote they are (a full name for a later
    "Hilbery", a "the girl" for a later "she"). Tokens keep their offsets, words their tags
    and entities; the document itself is returned when all are kept. Without NER (a model
    set or pipeline that has none), a proper noun counts as a name, as it does for the
    speaker entities then.

    The kept sentences themselves (Stanza's objects, with their annotations) make up the new
    document, as Stanza's own ``bulk_process`` joins documents; ``rebuild`` (for a pipeline
    that runs coreference next, which reads the sentences' positions in their document)
    builds a fresh document from their dict form instead (that round trip took 0.25 CPU s
    on GUM news, the sentences themselves 0.03)."""
    spans = _original_spans(document.sentences, text_map)
    kept = set(select_sentences(spans, anchors))
    has_ner = any(t.ner is not None for s in document.sentences for t in s.tokens)
    kept.update(k for k, sent in enumerate(document.sentences) if k not in kept and
                names_person(_tagged_words(sent), has_ner))
    if len(kept) == len(spans):
        return document
    if rebuild:
        import stanza

        sentences = [sent for k, sent in enumerate(document.to_dict()) if k in kept]
        return stanza.Document(sentences, text=document.text)
    sub = sentences_document([sent for k, sent in enumerate(document.sentences) if k in kept],
                             document.text)
    sub.build_ents()
    return sub


def _original_spans(sentences: Sequence[Any], text_map: TextMap) -> list[tuple[int, int]]:
    """Each Stanza sentence's (start, end) in the original text (``text_map`` maps the
    document's offsets to it)."""
    return [(text_map.to_original(s.tokens[0].start_char),
             text_map.to_original(s.tokens[-1].end_char, end=True)) for s in sentences]


def _tagged_words(sentence: Any) -> list[tuple[str, str, str, str]]:
    """A tagged Stanza sentence as `names_person` reads it: (text, lemma, upos, ner)."""
    return [(w.text, w.lemma or "", w.upos or "", w.parent.ner or "") for w in sentence.words]


def _tag_all_then_keep(nlp: Any, docs: dict[int, Any], prepared: Sequence[tuple[str, TextMap]],
                       anchors: Sequence[Sequence[tuple[int, int]] | None],
                       selecting: Sequence[int], processors: Sequence[str]) -> None:
    """Run the processors before the parser on every sentence of ``docs``, then keep in
    each selected document only the sentences `_keep_sentences` keeps (in place)."""
    nlp(list(docs.values()), processors=[p for p in processors if p not in _PARSE_PROCESSORS])
    for i in selecting:
        kept_for = anchors[i]
        assert kept_for is not None  # selecting holds only texts with anchors
        docs[i] = _keep_sentences(docs[i], prepared[i][1], kept_for,
                                  rebuild="coref" in processors)


#: The processors `_tag_where_read` runs before the parser, exactly these.
_EARLY_PROCESSORS = frozenset({"pos", "lemma", "ner"})


def _tags_late(nlp: Any, processors: Sequence[str]) -> bool:
    """Whether `_tag_where_read` can stand in for tagging every sentence: the pipeline's
    processors after the tokenizer are the tagger, lemmatizer, NER and parser (no
    coreference, which reads whole documents), and its NER runs only where a sentence may
    name someone (`ner_where_names`: its types are all names)."""
    early = {p for p in processors if p not in _PARSE_PROCESSORS}
    return early == _EARLY_PROCESSORS and "coref" not in processors and \
        getattr(getattr(nlp, "processors", {}).get("ner"), "_quoteattr_gated", False) and \
        os.environ.get("QUOTEATTR_TAG_ALL", "0") != "1"


def _tag_where_read(nlp: Any, docs: dict[int, Any], prepared: Sequence[tuple[str, TextMap]],
                    anchors: Sequence[Sequence[tuple[int, int]] | None]) -> None:
    """Tag, lemmatize and NER-tag only the sentences attribution reads, and keep only those
    in ``docs`` (in place): what tagging every sentence and then `_keep_sentences` keep,
    without tagging the sentences that are dropped.

    The sentences near a quote (`select_sentences`) are kept and tagged. Of the others, NER
    runs (untagged: this NER reads words only) on those that may hold a name by their words
    (`may_name_text`), and those with a PERSON entity or a word that may be a noun for
    people (`names_person_text`) are tagged too, then kept where `names_person` says so on
    their tags, as before. The near sentences get NER after their tags, gated as usual, and
    so do far sentences tagged for a noun for people whose tags, not words, may hold a name
    (a lower-case proper noun: "eBay"). A document without anchors keeps and tags every
    sentence. On GUM news a fifth of the words the tagger and lemmatizer saw were in
    sentences dropped afterwards. A far sentence whose only name is lower-case and that has
    no noun for people is not tagged, so not kept for a PERSON the NER might find there
    ("bell hooks"); tagging every sentence would have kept it."""
    plans: dict[int, tuple[list[Any], set[int]]] = {}
    far_named: list[Any] = []
    for i, doc in docs.items():
        sents = list(doc.sentences)
        wanted = anchors[i]
        if wanted is None:
            near = set(range(len(sents)))
        else:
            near = set(select_sentences(_original_spans(sents, prepared[i][1]), wanted))
        plans[i] = (sents, near)
        far_named.extend(s for k, s in enumerate(sents) if k not in near and
                         may_name_text([t.text for t in s.tokens]))
    if far_named:
        nlp([sentences_document(far_named)], processors="ner")
    named = {id(s) for s in far_named}
    to_tag: dict[int, list[Any]] = {}
    for i, (sents, near) in plans.items():
        chosen = []
        for k, sent in enumerate(sents):
            if k in near:
                chosen.append(sent)
                continue
            person = id(sent) in named and any(
                (t.ner or "")[2:] in _PERSON_TAGS for t in sent.tokens)
            if person or names_person_text([w.text for w in sent.words]):
                if id(sent) not in named:
                    for t in sent.tokens:
                        t.ner = "O"  # no word that may be a name: what NER gives it
                chosen.append(sent)
        to_tag[i] = chosen
    near_ids_of = {i: {id(sents[k]) for k in near} for i, (sents, near) in plans.items()}
    tagging = [sentences_document(c, docs[i].text) for i, c in to_tag.items() if c]
    if tagging:
        nlp(tagging, processors="pos,lemma")
    # NER after the tags: the near sentences (gated as usual), and the far ones kept for a
    # noun for people whose words showed no name but whose tags may ("eBay" is PROPN)
    near_docs = [sentences_document([s for k, s in enumerate(sents) if k in near],
                                    docs[i].text) for i, (sents, near) in plans.items() if near]
    unnamed = [s for i, chosen in to_tag.items() for s in chosen
               if id(s) not in named and id(s) not in near_ids_of[i]
               and may_name([(w.text, w.upos) for w in s.words])]
    if unnamed:
        near_docs.append(sentences_document(unnamed))
    if near_docs:
        nlp(near_docs, processors="ner")
    for i, chosen in to_tag.items():
        kept = [s for s in chosen if id(s) in near_ids_of[i] or names_person(_tagged_words(s))]
        if len(kept) == len(plans[i][0]):
            docs[i].build_ents()
            continue
        sub = sentences_document(kept, docs[i].text)
        sub.build_ents()
        docs[i] = sub


def may_name_text(tokens: Sequence[str]) -> bool:
    """Whether an untagged sentence (its token texts) may hold a name: a capitalized word
    after the first that is not "I", or a capitalized first word that is no sentence opener
    (`lexicon.SENTENCE_OPENERS`: "The", "He", "But"). Looser than `may_name`, which has the
    tags.

        >>> may_name_text(["The", "rain", "fell", "."])
        False
        >>> may_name_text(["Smith", "left", "."])
        True
    """
    for k, text in enumerate(tokens):
        if not (text[:1].isupper() and text[:1].isalpha()):
            continue
        if k == 0:
            if text.lower() not in lexicon.SENTENCE_OPENERS:
                return True
        elif text not in ("I", "I'm", "I’m"):
            return True
    return False


def names_person_text(words: Sequence[str]) -> bool:
    """Whether an untagged sentence (its word texts) has a word that may be a noun for
    people, singular or plural (`lexicon.person_noun_forms`): the sentences `names_person`
    may keep for such a noun once tagged."""
    forms = lexicon.person_noun_forms()
    return any(w.lower() in forms for w in words)


def sentences_document(sentences: Sequence[Any], text: str | None = None) -> Any:
    """A ``stanza.Document`` made of these Stanza sentences themselves (not copies), as
    Stanza's own ``bulk_process`` joins documents: what a processor writes on it lands on
    the sentences."""
    from stanza.models.common.doc import Document

    doc = Document([], text=text)
    doc.sentences = list(sentences)
    doc.num_tokens = sum(len(sent.tokens) for sent in sentences)
    doc.num_words = sum(len(sent.words) for sent in sentences)
    return doc


def names_person(words: Sequence[tuple[str, str, str, str]], ner: bool = True) -> bool:
    """Whether a tagged sentence, as ``(text, lemma, upos, ner)`` per word, names a person: a
    PERSON entity, or a noun for people ("the girl", "a spokesman"; `lexicon.person_nouns`);
    with ``ner=False`` (no NER ran), any proper noun.

    Examples:
        >>> names_person([("Hilbery", "Hilbery", "PROPN", "S-PERSON"), ("smiled", "smile", "VERB", "O")])
        True
        >>> names_person([("The", "the", "DET", "O"), ("girl", "girl", "NOUN", "O")])
        True
        >>> names_person([("Rain", "rain", "NOUN", "O"), ("fell", "fall", "VERB", "O")])
        False
        >>> names_person([("Hilbery", "Hilbery", "PROPN", "")], ner=False)
        True
    """
    from quoteattr.lexicon import person_nouns

    people = person_nouns()
    for text, lemma, upos, tag in words:
        if tag[2:] in _PERSON_TAGS or (not ner and upos == "PROPN"):
            return True
        if upos == "NOUN" and (lemma.lower() in people or text.lower() in people):
            return True
    return False


#: Stanza options quoteattr sets unless the caller passes them (``StanzaParser(**kwargs)``).
#: The parser's batch, in words: Stanza's 1,000 builds a score tensor of words x words x
#: labels per batch too large for the CPU's caches; 250 parsed GUM news with 8% less CPU time
#: (bundled models, one thread, interleaved runs: 10.45 s against 11.47 s, medians of three;
#: 100 and 150 were slower than 250, 2,000 and 5,000 slower than 1,000; parses identical).
#: The tagger's, in sentences: Stanza's 50 makes many small batches; 200 tagged GUM news in
#: 1.20 CPU s against 1.53 and LitBank in 5.38 against 6.16 (medians of four, one process
#: alternating; 100 and 150 in between, 400 no faster; every tag the same).
PIPELINE_DEFAULTS: dict[str, Any] = {"depparse_batch_size": 250, "pos_batch_size": 200}


def _without_dynamo(build: Any) -> Any:
    """``build()``, with torch's optimizers kept from importing ``torch._dynamo`` meanwhile.

    Stanza's trainers build optimizers and schedulers even to tag (the tokenizer's Adam,
    the tagger's and the parser's split optimizers), and a torch optimizer's
    ``add_param_group`` is wrapped to switch the compiler off, which imports
    ``torch._dynamo`` on first use: 1.5-2 s of a 4.5-6.5 s load, for objects inference never
    touches. While the pipeline is built, ``add_param_group`` is the plain function under
    that wrapper (nothing is compiled here, so there is nothing to switch off); restored on
    the way out, so training code is unaffected.
    """
    import torch

    cls: Any = torch.optim.Optimizer
    wrapped = cls.__dict__.get("add_param_group")
    plain = getattr(wrapped, "__wrapped__", None)
    if plain is None:  # pragma: no cover - a torch without the wrapper
        return build()
    cls.add_param_group = plain
    try:
        return build()
    finally:
        cls.add_param_group = wrapped


def _trusting_bundled_files(build: Any) -> Any:
    """``build()``, with the files this package ships loaded by torch's full unpickler.

    Stanza loads every model with ``torch.load(weights_only=True)``, whose pure-Python
    unpickler is slow on the models' vocabularies (the NER model's 6.6 MB took 1.16 s
    against 0.14 s, the word vectors' 0.83 against 0.05 s: 1.8 s of the load). The files in
    quoteattr/models are part of the installed package, as trusted as its code (whoever can
    change them can change the code beside them), so while the pipeline is built a load of
    one of *them* skips the check. Every other file (``models=DIR``, official models) is
    loaded as Stanza loads it.
    """
    import os

    import torch

    from quoteattr.models import bundled_dir

    root = os.path.realpath(bundled_dir())
    original = torch.load

    def load(f: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(f, (str, os.PathLike)) and \
                os.path.dirname(os.path.realpath(f)) == root:
            kwargs["weights_only"] = False
        return original(f, *args, **kwargs)

    torch.load = load
    try:
        return build()
    finally:
        torch.load = original


def build_pipeline(models: ModelSet, use_gpu: bool = False, coref: bool = True,
                   processors_override: str | None = None, **kwargs: Any) -> stanza.Pipeline:
    """A ``stanza.Pipeline`` for a model set; never downloads.

    ``processors_override``: run only these processors of the set (comma-separated).
    """
    try:
        import stanza
    except ImportError as exc:  # pragma: no cover - stanza is a core dependency
        raise DependencyError("stanza", "parsing") from exc
    from pathlib import Path

    procs = [p for p in models.processors if coref or p != "coref"]
    if processors_override is not None:
        wanted = processors_override.split(",")
        procs = [p for p in procs if p in wanted]
    logging.getLogger("stanza").setLevel(logging.WARNING)
    kwargs = {**PIPELINE_DEFAULTS, **kwargs}
    if models.source == "official":
        pipeline = _without_dynamo(lambda: stanza.Pipeline(
            lang="en", dir=models.resources_dir, processors=",".join(procs),
            download_method=None, use_gpu=use_gpu, logging_level="WARN", **kwargs))
        return _speed_up(pipeline, use_gpu)
    options: dict[str, Any] = {}
    for proc in procs:
        options[f"{proc}_model_path"] = models.paths[proc]
        if proc in models.pretrains:
            options[f"{proc}_pretrain_path"] = models.pretrains[proc]
        elif proc in ("pos", "depparse", "ner"):
            options[f"{proc}_pretrain_path"] = None
    cache = None
    if models.transformers and "foundation_cache" not in kwargs:
        cache = options["foundation_cache"] = _transformer_cache(models.transformers)
    options.update(kwargs)
    resources = Path(__file__).parent / "models"
    # The bundled set has no resources.json entry for English, on purpose (nothing to
    # download); Stanza warns about an "unsupported language", which is noise here.
    stanza_logger = logging.getLogger("stanza")
    stanza_logger.addFilter(_quiet_unknown_language)
    try:
        pipeline = _trusting_bundled_files(lambda: _without_dynamo(lambda: stanza.Pipeline(
            lang="en", dir=str(resources), processors=",".join(procs), download_method=None,
            allow_unknown_language=True, use_gpu=use_gpu, logging_level="WARN", **options)))
    finally:
        stanza_logger.removeFilter(_quiet_unknown_language)
    if cache is not None and not use_gpu:
        _quantize(cache)
    return _speed_up(pipeline, use_gpu)


def _speed_up(pipeline: Any, use_gpu: bool) -> Any:
    """``pipeline`` (built by `build_pipeline`) with every speed-up quoteattr gives it; each
    leaves alone what it does not apply to (`ner_where_names` declines the official models'
    OntoNotes NER, which tags dates and numbers)."""
    if not use_gpu:
        quantize_pipeline(pipeline)
        autocast_pipeline(pipeline)
    ner_where_names(pipeline)
    fast_ner_decoding(pipeline)
    _fast_tree_decoding(pipeline)
    memoize_vocabs(pipeline)
    memoize_char_models(pipeline)
    share_tag_scorers(pipeline)
    fast_batch_tensors()
    lean_lemma_batches()
    memoize_lemmas(pipeline)
    return pipeline


#: The most (word, tag) pairs `memoize_lemmas` remembers before it starts afresh.
LEMMA_MEMO_LIMIT = 200_000


def memoize_lemmas(pipeline: Any, limit: int = LEMMA_MEMO_LIMIT) -> bool:
    """Let the pipeline's lemmatizer lemmatize each (word, UPOS) pair once per process and
    remember it; returns whether it wrapped the lemmatizer.

    Stanza's lemmatizer reads one word and its tag at a time (a dictionary, then a
    character model for the words the dictionary does not know), so a word's lemma is a
    function of the pair; the processor still builds its batches over every word of every
    sentence. Wrapped, it runs on one sentence of the pairs not yet seen, and every word
    takes its lemma from the memory (cleared once it holds ``limit`` pairs). Not for a
    lemmatizer with a contextual model (Stanza's classifier for "'s", which reads the
    sentence) or the identity lemmatizer. ``QUOTEATTR_LEMMA_MEMO=0`` turns it off."""
    processor = getattr(pipeline, "processors", {}).get("lemma")
    if processor is None or getattr(processor, "_quoteattr_memo", None) is not None or \
            os.environ.get("QUOTEATTR_LEMMA_MEMO", "1") == "0":
        return False
    try:
        if processor.use_identity or processor.trainer.has_contextual_lemmatizers():
            return False
    except Exception:  # a processor of another shape: leave it alone
        return False
    from stanza.models.common.doc import Document

    original = processor.process
    memo: dict[tuple[str, str | None], str | None] = {}
    unseen = object()

    def run(document: Any) -> Any:
        words = [w for sent in document.sentences for w in sent.words]
        if len(memo) > limit:
            memo.clear()
        # this call's own table, so that another thread clearing the memory meanwhile
        # takes no lemma away
        lemma_of: dict[tuple[str, str | None], Any] = {}
        for w in words:
            pair = (w.text, w.upos)
            if pair not in lemma_of:
                lemma_of[pair] = memo.get(pair, unseen)
        pairs = [pair for pair, lemma in lemma_of.items() if lemma is unseen]
        if pairs:
            fresh = Document([[{"id": k, "text": text, "upos": upos}
                               for k, (text, upos) in enumerate(pairs, 1)]])
            original(fresh)
            for pair, w in zip(pairs, fresh.sentences[0].words):
                lemma_of[pair] = memo[pair] = w.lemma
        for w in words:
            w.lemma = lemma_of[(w.text, w.upos)]
        return document

    processor.process = run
    processor._quoteattr_memo = memo
    return True


def lean_lemma_batches(on: bool = True) -> None:
    """Let Stanza's lemmatizer skip the batches it builds and never reads: with its
    dictionary ensemble on (``ensemble_dict``, as the bundled lemmatizer has it) its
    processor first builds a batch of every word (the characters of each mapped to ids) only
    to read the document back from it, then a second batch of the words the dictionary
    does not know, which is the one the model runs on. The first is built as a bare
    wrapper of the document (`_LeanLemmaLoader`), so the lemmas are the same; ``on=False``
    puts Stanza's loader back. A process-wide change of the name in Stanza's lemma processor
    module (Stanza's loader itself is untouched)."""
    from stanza.models.lemma import data
    from stanza.pipeline import lemma_processor

    if lemma_processor.DataLoader in (data.DataLoader, _LeanLemmaLoader):
        lemma_processor.DataLoader = _LeanLemmaLoader if on else data.DataLoader


def _LeanLemmaLoader(doc: Any, batch_size: int, args: Any, vocab: Any = None,  # noqa: N802
                     evaluation: bool = False, conll_only: bool = False, skip: Any = None,
                     expand_unk_vocab: bool = False) -> Any:
    """Stanza's lemma ``DataLoader``, built document-only for the batch the dictionary
    ensemble never reads (see `lean_lemma_batches`)."""
    from stanza.models.lemma.data import DataLoader

    if evaluation and skip is None and args.get("ensemble_dict", False) and \
            not args.get("dict_only", False):
        conll_only = True
    return DataLoader(doc, batch_size, args, vocab=vocab, evaluation=evaluation,
                      conll_only=conll_only, skip=skip, expand_unk_vocab=expand_unk_vocab)


#: The Stanza modules whose batches `fast_batch_tensors` builds: the tagger's and the parser's.
BATCH_TENSOR_MODULES = ("stanza.models.pos.data", "stanza.models.depparse.data",
                        "stanza.models.ner.data", "stanza.models.ner.model")


def fast_batch_tensors(on: bool = True) -> None:
    """Let the tagger's, parser's and NER's batch builders (`BATCH_TENSOR_MODULES`) pad their
    id lists with `long_tensor` instead of Stanza's ``get_long_tensor``, which fills the tensor
    one row at a time (0.8 s of the parser's 6 s on GUM news); ``on=False`` puts Stanza's
    back. The tensors are the same, value for value, so this one process-wide change (the
    name in those modules: Stanza's own function is untouched) changes no result, for our
    pipelines or anyone's."""
    import importlib

    from stanza.models.common import data

    for name in BATCH_TENSOR_MODULES:
        module = importlib.import_module(name)
        if getattr(module, "get_long_tensor", None) in (data.get_long_tensor, long_tensor):
            module.get_long_tensor = long_tensor if on else data.get_long_tensor  # type: ignore[attr-defined]


def long_tensor(tokens_list: Sequence[Any], batch_size: int, pad_id: int = 0) -> Any:
    """Stanza's ``get_long_tensor`` (lists of ids padded into a ``batch_size``-row LongTensor),
    the same tensor, built in one step for lists of ints (rows of any length); deeper lists
    (ids per feature per word) and anything else go to Stanza's own."""
    import itertools

    import numpy as np
    import torch
    from stanza.models.common import data

    if not tokens_list or not isinstance(tokens_list[0], list) or \
            any(row and not isinstance(row[0], (int, np.integer)) for row in tokens_list):
        return data.get_long_tensor(tokens_list, batch_size, pad_id)
    lengths = np.fromiter(map(len, tokens_list), dtype=np.int64, count=len(tokens_list))
    width = int(lengths.max())
    if width == 0:
        return data.get_long_tensor(tokens_list, batch_size, pad_id)
    out = np.full((batch_size, width), pad_id, dtype=np.int64)
    flat = np.fromiter(itertools.chain.from_iterable(tokens_list), dtype=np.int64,
                       count=int(lengths.sum()))
    # row by row, left to right: the order the flat ids come in
    out[:len(tokens_list)][np.arange(width) < lengths[:, None]] = flat
    return torch.from_numpy(out)


#: The most lookups one vocabulary remembers (`memoize_vocabs`) before it starts afresh: keeps
#: memory flat over a corpus of any size.
VOCAB_MEMO_SIZE = 200_000


#: The processors whose vocabularies `memoize_vocabs` gives a memory.
VOCAB_MEMO_PROCESSORS = ("pos", "depparse", "ner")


def memoize_vocabs(pipeline: Any, processors: Sequence[str] = VOCAB_MEMO_PROCESSORS) -> int:
    """Let the tagger's, parser's and NER's vocabularies remember their lookups (string to
    id, id to string), in place; returns how many vocabularies were given a memory.

    Stanza looks every word, character and tag up anew through a few Python calls each, and
    writes each word's features back as a string built from its parts, on padding too: a fifth
    of the tagger's time on news. The lookups are pure functions of their argument, so
    remembering them changes no result. A vocabulary's ``map`` and ``unmap`` (a sentence's
    or word's units at once) read the memory directly where every unit is in it. Each memory
    is emptied when it reaches `VOCAB_MEMO_SIZE` entries.
    """
    from stanza.models.common.vocab import BaseVocab, CompositeVocab

    done = 0
    for vocab in pipeline_vocabularies(pipeline, processors):
        if "unit2id" in vars(vocab):
            continue
        vocab.unit2id = _memoized(vocab.unit2id)
        vocab.id2unit = _memoized(vocab.id2unit)
        # Stanza's own map/unmap call unit2id/id2unit unit by unit; a composite vocabulary's
        # ids are lists, copied by the lookup on the way out, so its map keeps that path
        if type(vocab).map is BaseVocab.map and not isinstance(vocab, CompositeVocab):
            vocab.map = _memoized_map(vocab.unit2id)
        if type(vocab).unmap is BaseVocab.unmap:
            vocab.unmap = _memoized_map(vocab.id2unit)
        done += 1
    return done


def pipeline_vocabularies(pipeline: Any, processors: Sequence[str]) -> list[Any]:
    """The Stanza vocabularies of these processors of the pipeline: their models' own and
    their word vectors'."""
    from stanza.models.common.vocab import BaseVocab

    out: list[Any] = []
    for name in processors:
        processor = getattr(pipeline, "processors", {}).get(name)
        multi = getattr(getattr(processor, "_trainer", None), "vocab", None)
        vocabs = list(getattr(multi, "_vocabs", {}).values())
        pretrain = getattr(processor, "_pretrain", None)
        if pretrain is not None:
            vocabs.append(getattr(pretrain, "vocab", None))
        out.extend(v for v in vocabs if isinstance(v, BaseVocab))
    return out


def _memoized(lookup: Any) -> Any:
    """``lookup`` remembering its answers; a list argument is remembered by ``tuple(arg)``
    and a list answer is copied on the way out (callers may change it)."""
    memory: dict[Any, Any] = {}

    def remembered(unit: Any) -> Any:
        key = tuple(unit) if isinstance(unit, list) else unit
        try:
            answer = memory[key]
        except KeyError:
            if len(memory) >= VOCAB_MEMO_SIZE:
                memory.clear()
            answer = memory[key] = lookup(unit)
        except TypeError:  # an unhashable argument: looked up, not remembered
            return lookup(unit)
        return list(answer) if isinstance(answer, list) else answer

    remembered.memory = memory  # type: ignore[attr-defined]
    return remembered


def _memoized_map(remembered: Any) -> Any:
    """A vocabulary's ``map``/``unmap`` over a `_memoized` lookup: the answers straight from
    its memory where every unit is there (and hashable as it is), else unit by unit. Only for
    lookups whose answers are not lists (those the lookup copies on the way out)."""
    memory = remembered.memory

    def mapped(units: Any) -> list[Any]:
        try:
            return [memory[unit] for unit in units]
        except (KeyError, TypeError):
            return [remembered(unit) for unit in units]

    return mapped


def share_tag_scorers(pipeline: Any) -> int:
    """Let the tagger's biaffine scorers of each tag column conditioned on UPOS (XPOS; the 21
    features of UFeats) score together and per UPOS tag, in place; returns how many scorers
    now do.

    Stanza's tagger scores a column as a bilinear form of each word's hidden layer and the
    embedding of the word's predicted UPOS tag: a sum over hidden × embedding × labels for
    every word, and one ``torch.bilinear`` call per feature (a quarter of the tagger's time on
    news). The embedding takes one of a few values (one per UPOS tag), so the weight is
    first contracted with each value that occurs, and each word's scores are then one matrix
    product of its hidden layer (`ParentScorers`): the same sums in another order (scores
    equal up to float rounding). A tagger with another column link (hidden layers shared or
    handed down) is left as it is.
    """
    import torch
    from stanza.models.common.biaffine import BiaffineScorer

    try:
        from stanza.models.pos.tag_columns import TAG_LINK_EMB
    except ImportError:  # a Stanza whose tagger has no column links
        return 0

    model = _processor_model(pipeline, "pos")
    if model is None or getattr(model, "link_mode", None) != TAG_LINK_EMB or \
            getattr(model, "share_hid", True):
        return 0
    done = 0
    for name in getattr(model, "eval_order", ()):
        column = model.tag_clf[name]
        scorers = list(column) if isinstance(column, torch.nn.ModuleList) else [column]
        if not scorers or not all(isinstance(s, BiaffineScorer) and "forward" not in vars(s)
                                  for s in scorers):
            continue
        group = ParentScorers(scorers)
        for i, scorer in enumerate(scorers):
            scorer.forward = group.member(i, scorer.forward)
        done += len(scorers)
    return done


class ParentScorers:
    """Stanza ``BiaffineScorer`` s that are called one after another on the same two inputs
    (a column's features), computed together: the first call scores them all, by the
    distinct rows of the second input (`share_tag_scorers`), and each call takes its own."""

    def __init__(self, scorers: Sequence[Any]) -> None:
        self.scorers = list(scorers)
        self.sizes = [s.W_bilin.out_features for s in self.scorers]
        self._inputs: tuple[Any, Any] | None = None
        self._outputs: Any = None

    def member(self, index: int, original: Any) -> Any:
        """The ``forward`` of scorer ``index``: its share of the group's scores."""

        def forward(input1: Any, input2: Any) -> Any:
            if self.scorers[index].training:
                return original(input1, input2)
            inputs = self._inputs
            if inputs is None or inputs[0] is not input1 or inputs[1] is not input2:
                self._outputs = self.scores(input1, input2)
                self._inputs = (input1, input2)
            out = self._outputs[index]
            if index == len(self.scorers) - 1:  # let the batch's tensors go
                self._inputs = self._outputs = None
            return out

        return forward

    def scores(self, input1: Any, input2: Any) -> Any:
        """Every scorer's scores for ``input1`` and ``input2`` (as each scorer's forward
        takes them), in a tuple."""
        import torch
        import torch.nn.functional as F

        shape = input1.shape[:-1]
        x = torch.cat([input1, input1.new_ones(*shape, 1)], -1).reshape(-1, input1.size(-1) + 1)
        y = torch.cat([input2, input2.new_ones(*input2.shape[:-1], 1)], -1)
        y = y.reshape(-1, y.size(-1))
        weight = torch.cat([s.W_bilin.weight for s in self.scorers])  # (labels, I, J)
        bias = torch.cat([s.W_bilin.bias for s in self.scorers])
        rows, which = distinct_rows(y)
        if 4 * len(rows) > len(y):  # few words per distinct row: nothing to share
            out = F.bilinear(x, y, weight, bias)
        else:
            by_row = torch.einsum("oij,kj->koi", weight, rows)  # (rows, labels, I)
            order = torch.argsort(which)
            counts = torch.bincount(which, minlength=len(rows)).tolist()
            parts = [part @ by_row[k].T for k, part in enumerate(x[order].split(counts))
                     if counts[k]]
            out = x.new_empty(len(x), len(bias))
            out[order] = torch.cat(parts)
            out += bias
        return out.view(*shape, -1).split(self.sizes, -1)


def distinct_rows(matrix: Any) -> tuple[Any, Any]:
    """``torch.unique(matrix, dim=0, return_inverse=True)`` for a 2-D float tensor, in one
    pass over a projection of its rows instead of a sort of whole rows (rows that project
    alike but differ, which the fixed projection makes all but impossible, fall back to
    ``torch.unique``); the rows need not come sorted.

    Examples:
        >>> import torch
        >>> rows, which = distinct_rows(torch.tensor([[1., 2.], [3., 4.], [1., 2.]]))
        >>> rows[which].tolist()
        [[1.0, 2.0], [3.0, 4.0], [1.0, 2.0]]
        >>> len(rows)
        2
    """
    import torch

    probe = torch.linspace(1.0, 2.0, matrix.size(1), dtype=torch.float64) ** 0.5
    keys = matrix.to(torch.float64) @ probe
    _, which = torch.unique(keys, return_inverse=True)
    rows = matrix.new_empty(int(which.max()) + 1 if len(which) else 0, matrix.size(1))
    rows[which] = matrix
    if not torch.equal(rows[which], matrix):
        return torch.unique(matrix, dim=0, return_inverse=True)
    return rows, which


#: The most words one character model remembers (`memoize_char_models`) before it starts
#: afresh: at most a few MB per model over a corpus of any size.
CHAR_MEMO_SIZE = 20_000


def memoize_char_models(pipeline: Any, processors: Sequence[str] = ("pos", "depparse", "ner")
                        ) -> int:
    """Let the character models of these processors' models remember each word's
    representation, in place; returns how many models were given a memory.

    A Stanza ``CharacterModel`` (the tagger's, the parser's and the NER's each have one) runs
    an LSTM over the characters of every word of a batch, each word on its own: what it
    returns for a word depends on the word's characters only (in evaluation: no dropout).
    Words repeat ("the", ",", a name), so each batch now runs it only on the words it has
    not met before, once each (`_remembering_char_forward`). The same vectors up to the
    int8 LSTMs' batch dependence (`quantize_pipeline` quantizes activations per batch, so a
    word computed in another batch can differ in the last bits: 30 of GUM news's 27,319
    words got another tag, head or label, and the end-to-end F1 is unchanged). Each memory is
    emptied when it reaches `CHAR_MEMO_SIZE` words. ``QUOTEATTR_CHAR_MEMO=0`` in the
    environment leaves every character model as Stanza has it.
    """
    import os

    from stanza.models.common.char_model import CharacterModel

    if os.environ.get("QUOTEATTR_CHAR_MEMO", "1") == "0":
        return 0
    done = 0
    for name in processors:
        model = _processor_model(pipeline, name)
        for module in model.modules() if model is not None else ():
            if isinstance(module, CharacterModel) and "forward" not in vars(module):
                module.forward = _remembering_char_forward(module)
                done += 1
    return done


def _processor_model(pipeline: Any, name: str) -> Any:
    """The model of the pipeline's processor ``name`` (its first, for an NER with several),
    or None."""
    processor = getattr(pipeline, "processors", {}).get(name)
    return getattr(getattr(processor, "_trainer", None), "model", None)


def _remembering_char_forward(model: Any) -> Any:
    """``model.forward`` (a Stanza ``CharacterModel``) with a memory of word -> vector."""
    import torch
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

    original = model.forward
    memory: dict[tuple[int, ...], Any] = {}

    def forward(chars: Any, chars_mask: Any, word_orig_idx: Any, sentlens: Any,
                wordlens: Any) -> Any:
        if model.training:
            return original(chars, chars_mask, word_orig_idx, sentlens, wordlens)
        keys = [tuple(row[:n]) for row, n in zip(chars.tolist(), wordlens)]
        known = {k: memory[k] for k in keys if k in memory}
        new: dict[tuple[int, ...], int] = {}
        for i, k in enumerate(keys):
            if k not in known and k not in new:
                new[k] = i
        if new:
            # Stanza sorts the words longest first: the first occurrences keep that order
            rows = list(new.values())
            lens = [wordlens[i] for i in rows]
            # Stanza's own forward, on the new words taken as one sentence in that order
            out = original(chars[rows, :lens[0]], chars_mask[rows, :lens[0]],
                           list(range(len(rows))), [len(rows)], lens)
            reps = out[0] if model.pad else out.data
            if len(memory) + len(rows) > CHAR_MEMO_SIZE:
                memory.clear()
            for k, rep in zip(new, reps):
                known[k] = memory[k] = rep
        reps = tensor_unsort(torch.stack([known[k] for k in keys]), word_orig_idx)
        # as Stanza's forward goes on: back to the words' order, split into sentences
        packed = pack_sequence(reps.split(sentlens))
        if model.pad:
            return pad_packed_sequence(packed, batch_first=True)[0]
        return packed

    return forward


def _fast_tree_decoding(pipeline: Any) -> None:
    """Give the pipeline's graph parser the tree decoder of `decode_trees`, and, where its
    label scorer allows, `predict_trees` (on this pipeline's model only: Stanza itself is not
    changed)."""
    model = _processor_model(pipeline, "depparse")
    original = getattr(model, "decode_graph_predictions", None)
    if model is None or original is None or getattr(original, "_quoteattr", False):
        return
    stanza_predict = getattr(model, "predict", None)
    if stanza_predict is not None and labels_at_heads_apply(model):

        def predict(*inputs: Any, resolve_head_constraints: bool = False) -> Any:
            if resolve_head_constraints or model.training:
                return stanza_predict(*inputs, resolve_head_constraints=resolve_head_constraints)
            return predict_trees(model, *inputs)

        model.predict = predict

    def decode(vocab: Any, batch_size: int, preds: Any, sentlens: Sequence[int],
               resolve_head_constraints: bool = False) -> Any:
        if resolve_head_constraints:
            return original(vocab, batch_size, preds, sentlens,
                            resolve_head_constraints=resolve_head_constraints)
        return decode_trees(vocab, batch_size, preds, sentlens)

    decode._quoteattr = True  # type: ignore[attr-defined]
    model.decode_graph_predictions = decode


def decode_trees(vocab: Any, batch_size: int, preds: Any, sentlens: Sequence[int]) -> Any:
    """What Stanza's ``GraphParser.decode_graph_predictions`` returns (each sentence's best
    tree with one root, and its labels), faster.

    Stanza finds every tree with Chu-Liu-Edmonds, in Python, after pushing the root arcs
    down so that only one is chosen, which makes every sentence contract cycles (a third of
    the parser's time on news). The best tree with one root is found more cheaply, and it is
    the same tree: when each word's best head already makes a tree with one root, that tree is
    the best of all trees (87% of GUM news sentences); else, when the best tree of all
    (Chu-Liu-Edmonds on the scores as they are, which contracts only the cycles the best heads
    make) has one root, it is the answer; only the other sentences (4% on GUM news) get
    Stanza's search.
    """
    heads_out = []
    labels_out = []
    for i, n in enumerate(sentlens):
        tree = best_tree(preds[0][i][:n, :n])
        labels = preds[1][i]
        heads = tree[1:]
        heads_out.append(heads)
        labels_out.append(vocab.unmap([labels[j + 1][h] for j, h in enumerate(heads)]))
    return [[[heads_out[i][j], labels_out[i][j]] for j in range(sentlens[i] - 1)]
            for i in range(batch_size)]


def labels_at_heads_apply(model: Any) -> bool:
    """Can `predict_trees` stand in for this parser's own prediction? Stanza's graph parser
    with its deep biaffine label scorer (every Stanza English parser; not the arc-embedding
    variant)."""
    args = getattr(model, "args", None) or {}
    scorer = getattr(getattr(model, "deprel", None), "scorer", None)
    weight = getattr(getattr(scorer, "W_bilin", None), "weight", None)
    return (not args.get("use_arc_embedding") and hasattr(model, "embed")
            and hasattr(model, "unlabeled") and getattr(weight, "dim", lambda: 0)() == 3)


def predict_trees(model: Any, word: Any, word_mask: Any, wordchars: Any, wordchars_mask: Any,
                  upos: Any, xpos: Any, ufeats: Any, pretrained: Any, lemma: Any, head: Any,
                  deprel: Any, word_orig_idx: Any, sentlens: Sequence[int], wordlens: Any,
                  text: Any) -> Any:
    """What Stanza's ``GraphParser.predict`` returns (each sentence's best tree with one root,
    and the best label of each of its arcs), with the labels scored on the tree's arcs only.

    Stanza scores every label of every pair of words (a sentence of n words: n² × 50 scores
    from its biaffine label scorer, then a log-softmax over all of them), and then reads the
    labels of the n arcs its tree uses: the label scorer was a third of the parser's time on
    news. Here the arcs are scored first (as Stanza does), the tree is decoded from them
    (`decode_trees`), and the labels are scored for the tree's arcs only, with the same
    weights: the same heads, and the same labels up to float rounding in the last sum.
    """
    import numpy as np
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    with torch.no_grad():
        lstm = model.embed(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
                           pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens,
                           text)
        hidden = model.drop(lstm)
        unlabeled = model.unlabeled(hidden, hidden).squeeze(3)
        args = model.args
        if args.get("linearization") or args.get("distance"):
            size = word.size(1)
            positions = torch.arange(size, device=unlabeled.device)
            offset = (positions.view(1, 1, -1) - positions.view(1, -1, 1)).expand(
                word.size(0), -1, -1)
        if args.get("linearization"):
            lin = model.linearization(hidden, hidden).squeeze(3)
            unlabeled = unlabeled + F.logsigmoid(lin * torch.sign(offset).float())
        if args.get("distance"):
            predicted = 1 + F.softplus(model.distance(hidden, hidden).squeeze(3))
            unlabeled = unlabeled - torch.log((offset.abs().float() - predicted) ** 2 / 2 + 1)
        diag = torch.eye(head.size(-1) + 1, dtype=torch.bool, device=unlabeled.device)
        unlabeled = unlabeled.masked_fill(diag.unsqueeze(0), -float("inf"))
        arcs = F.log_softmax(unlabeled, 2).float().cpu().numpy()
        trees = [best_tree(arcs[i][:n, :n]) for i, n in enumerate(sentlens)]

        # each word's head, row 0 (the root) and padding pointing at the root
        heads = np.zeros((len(trees), word.size(1)), dtype=np.int64)
        for i, tree in enumerate(trees):
            heads[i, :len(tree)] = tree
        scorer = model.deprel
        dependents = scorer.hidden_func(scorer.W1(hidden))
        governors = scorer.hidden_func(scorer.W2(hidden))
        dependents = torch.cat([dependents, dependents.new_ones(*dependents.shape[:-1], 1)], -1)
        governors = torch.cat([governors, governors.new_ones(*governors.shape[:-1], 1)], -1)
        # score(label) = dependent . W[:, :, label] . governor: the governor side is the
        # costly half (I x J x labels per word), and about half the words head no other,
        # so it is computed once per distinct (sentence, head) and shared by its dependents
        batch, length, size = governors.shape
        index = torch.from_numpy(heads).to(governors.device)
        rows = torch.arange(batch, device=governors.device).unsqueeze(1) * length
        heads_used, which = torch.unique(rows + index, return_inverse=True)
        bilinear = scorer.scorer.W_bilin
        weight = bilinear.weight  # (I, J, labels)
        by_head = _governor_product(scorer, weight, governors.reshape(batch * length, size)[
            heads_used])  # (heads, I x labels)
        by_head = by_head.view(len(heads_used), weight.size(0), weight.size(2))
        scores = torch.bmm(dependents.reshape(batch * length, 1, -1),
                           by_head[which.reshape(-1)]).view(batch, length, -1) + bilinear.bias
        labels = (scores.argmax(2) + VOCAB_PREFIX_SIZE).cpu().numpy()
    vocab = model.vocab["deprel"]
    return [[[int(tree[j + 1]), name] for j, name in
             enumerate(vocab.unmap(labels[i][1:sentlens[i]].tolist()))]
            for i, tree in enumerate(trees)]


def _governor_product(scorer: Any, weight: Any, governors: Any) -> Any:
    """``governors`` (heads, J) times the label scorer's weight (I, J, labels) as a (J,
    I x labels) matrix: the costly half of label scoring. The matrix is made once per weight
    and kept on ``scorer`` (a copy of 3.3 million floats per batch otherwise); where
    `quantize_label_scorer` marked the scorer, a float32 product on CPU runs as torch's
    dynamically quantized int8 ``Linear`` (weights per output column) instead."""
    import torch

    key = (weight.data_ptr(), weight.device, weight.dtype, weight._version)
    kept = getattr(scorer, "_quoteattr_governor_major", None)
    if kept is None or kept[0] != key:
        matrix = weight.detach().permute(1, 0, 2).reshape(weight.size(1), -1)
        kept = scorer._quoteattr_governor_major = [key, matrix, None]
    matrix = kept[1]
    if not getattr(scorer, "_quoteattr_label_int8", False) or \
            governors.device.type != "cpu" or governors.dtype != torch.float32 or \
            matrix.dtype != torch.float32:
        return governors @ matrix
    if kept[2] is None:
        linear = torch.nn.Linear(matrix.size(0), matrix.size(1), bias=False)
        linear.weight.data = matrix.T.contiguous()
        kept[2] = torch.ao.quantization.quantize_dynamic(
            torch.nn.Sequential(linear),
            {torch.nn.Linear: torch.ao.quantization.per_channel_dynamic_qconfig},
            dtype=torch.qint8)
    with torch.no_grad():
        return kept[2](governors)


def best_tree(scores: Any) -> Any:
    """The best tree with one root over ``scores[dependent, head]`` (log-probabilities, row and
    column 0 the root), as Stanza finds it: see `decode_trees`."""
    import numpy as np

    tree = greedy_tree(scores)
    if tree is None:
        tree = chuliu_edmonds(np.array(scores, dtype=np.float64))  # changes its argument
        if int((tree[1:] == 0).sum()) != 1:
            # Stanza's `chuliu_edmonds_one_root`: root arcs pushed down by the lowest score
            # times the sentence length, so that one root beats any two
            pushed = np.array(scores, dtype=np.float64)
            pushed[:, 0] += pushed[np.isfinite(pushed)].min() * pushed.shape[0]
            tree = chuliu_edmonds(pushed)
    return tree


def chuliu_edmonds(scores: Any) -> Any:
    """The best tree over ``scores[dependent, head]`` (changed in place): Stanza's
    ``chuliu_edmonds`` (after Dozat's Parser-v3), with its cycles found by `head_cycles`
    instead of a Tarjan search in Python, which was three quarters of its time."""
    import numpy as np
    from stanza.models.common.chuliu_edmonds import (expand_contracted_tree, prepare_scores,
                                                     process_cycle)

    stack = []
    prepare_scores(scores)
    tree = np.argmax(scores, axis=1)
    cycles = head_cycles(tree)
    while cycles:
        subscores, *contraction = process_cycle(tree, cycles.pop(), scores)
        stack.append((tree, contraction))
        scores = subscores
        prepare_scores(scores)
        tree = np.argmax(scores, axis=1)
        cycles = head_cycles(tree)
    while stack:
        contracted = tree
        tree, contraction = stack.pop()
        tree = expand_contracted_tree(tree, contracted, *contraction)
    return tree


def head_cycles(tree: Any) -> list[Any]:
    """The cycles of a head array (``tree[i]`` the head of word i, ``tree[0] == 0``), each as a
    boolean mask over the words: the cycles Stanza's ``tarjan`` finds (no one-word cycles),
    not necessarily in its order. Each word has one head, so following heads from each
    unvisited word finds every cycle once.

    Examples:
        >>> import numpy as np
        >>> [c.tolist() for c in head_cycles(np.array([0, 3, 1, 2, 0]))]
        [[False, True, True, True, False]]
        >>> head_cycles(np.array([0, 2, 0, 2]))
        []
    """
    import numpy as np

    heads = tree.tolist()
    state = [0] * len(heads)  # 0 unseen, 1 on the current walk, 2 done
    cycles = []
    for start in range(len(heads)):
        walk = []
        word = start
        while state[word] == 0:
            state[word] = 1
            walk.append(word)
            word = heads[word]
        if state[word] == 1:
            members = walk[walk.index(word):]
            if len(members) > 1:
                cycle = np.zeros(len(heads), dtype=bool)
                cycle[members] = True
                cycles.append(cycle)
        for seen in walk:
            state[seen] = 2
    return cycles


def greedy_tree(scores: Any) -> Any:
    """Each word's best head (``scores[dependent, head]``, row and column 0 the root), if
    those heads form a tree with exactly one word on the root; else None.

    Examples:
        >>> import numpy as np
        >>> greedy_tree(np.log([[1, 1, 1], [.6, .5, .4], [.1, .9, .5]])).tolist()
        [0, 0, 1]
        >>> greedy_tree(np.log([[1, 1, 1], [.6, .5, .4], [.9, .1, .5]])) is None
        True
    """
    import numpy as np

    n = scores.shape[0]
    masked = np.array(scores, dtype=np.float64)
    np.fill_diagonal(masked, -np.inf)
    tree = masked.argmax(axis=1)
    tree[0] = 0
    if n < 2 or int((tree[1:] == 0).sum()) != 1:
        return None
    # follow the heads 2^k >= n steps (pointer doubling): a word on a cycle never reaches 0
    reach = tree
    for _ in range(max(1, (n - 1).bit_length())):
        reach = reach[reach]
    return tree if not reach.any() else None


def _transformer_cache(transformers: Any) -> Any:
    """A Stanza foundation cache holding each transformer the models name, loaded from its
    local folder, never from the hub."""
    from stanza.models.common.bert_embedding import load_bert
    from stanza.models.common.foundation_cache import BertRecord, FoundationCache

    cache = FoundationCache(local_files_only=True)
    for name, folder in transformers.items():
        with _no_progress_bars():
            model, tokenizer = load_bert(folder, local_files_only=True)
        cache.bert[name] = BertRecord(model.eval(), tokenizer, {})
    return cache


@contextlib.contextmanager
def _no_progress_bars():
    """transformers draws a "Loading weights" bar on stderr; a library should not."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - stanza's load_bert would fail first
        yield
        return
    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def _quantize(cache: Any) -> None:
    """Quantize the linear layers of the cache's transformers to int8 in place, once the
    models that use them are loaded (dynamic quantization: here the transformer itself ran
    1.9 times as fast, a MiniLM tagger pipeline 1.25 times, for 0.25 UPOS on EWT test;
    ``QUOTEATTR_TRANSFORMER_INT8=0`` keeps float32)."""
    import os
    import warnings

    import torch

    if os.environ.get("QUOTEATTR_TRANSFORMER_INT8", "1") == "0":
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch's deprecation notice
        for record in cache.bert.values():
            torch.ao.quantization.quantize_dynamic(record.model, {torch.nn.Linear},
                                                   dtype=torch.qint8, inplace=True)


#: The processors whose LSTMs `quantize_pipeline` quantizes: the parser's and the NER
#: model's. The tagger's gained little (1.06 times as fast) and cost LitBank 0.019 of
#: end-to-end F1 (one novel's narrator lost his name when some tags changed); the tokenizer's
#: and the lemmatizer's gained nothing measurable.
INT8_PROCESSORS = ("depparse", "ner")


def quantize_pipeline(pipeline: Any, processors: Sequence[str] = INT8_PROCESSORS) -> int:
    """Quantize the LSTMs of the pipeline's parser and NER models (`INT8_PROCESSORS`) to
    int8, in place (`quantize_lstms`), unless ``QUOTEATTR_LSTM_INT8=0``, and the parser's
    label scorer (`quantize_label_scorer`) unless also ``QUOTEATTR_LABEL_INT8=0``; returns how
    many modules were replaced or marked.

    On CPU only (the quantized kernels have no GPU version): `build_pipeline` skips it with
    ``use_gpu``. On GUM news, one thread: depparse 1.23 times as fast, NER 1.16 (see
    docs/models.md for the parses and attribution F1 against float32).
    """
    import os

    if os.environ.get("QUOTEATTR_LSTM_INT8", "1") == "0":
        return 0
    replaced = 0
    for name in processors:
        model = _processor_model(pipeline, name)
        if model is not None:
            replaced += quantize_lstms(model)
            if name == "depparse" and os.environ.get("QUOTEATTR_LABEL_INT8", "1") != "0":
                replaced += quantize_label_scorer(model)
    return replaced


def quantize_label_scorer(model: Any) -> bool:
    """Mark a Stanza parser's label scorer so that `predict_trees` computes its costly half
    (each head's hidden layer times the bilinear weight, `_governor_product`) in int8: a
    per-column int8 copy of the weight and activations quantized per batch. Returns whether
    ``model`` has such a scorer (a ``deprel`` biaffine scorer).

    Measured on GUM news (27,319 words, one thread, `benchmarks/int8_ab.py --compare
    label-int8`): see docs/models.md.
    """
    scorer = getattr(model, "deprel", None)
    if scorer is None or not hasattr(getattr(scorer, "scorer", None), "W_bilin"):
        return False
    scorer._quoteattr_label_int8 = True
    return True


#: Processors run under bfloat16 autocast on a CPU with native bf16 instructions (see
#: `autocast_pipeline`).
BF16_PROCESSORS = ("depparse",)


def may_name(words: Sequence[tuple[str, str]]) -> bool:
    """Whether a tagged sentence, as ``(text, upos)`` per word, may hold a named entity: a
    proper noun, or a capitalized word after the first that is not "I" (a name the tagger
    took for something else). A sentence with neither gets no NER run (`ner_where_names`).

        >>> may_name([("She", "PRON"), ("laughed", "VERB")])
        False
        >>> may_name([("She", "PRON"), ("met", "VERB"), ("Ines", "PROPN")])
        True
    """
    for k, (text, upos) in enumerate(words):
        if upos == "PROPN":
            return True
        if k and text[:1].isupper() and text[:1].isalpha() and text not in ("I", "I'm", "I’m"):
            return True
    return False


#: Entity types written without a capital letter (OntoNotes): an NER that tags them sees
#: every sentence (`ner_where_names`).
_UNCAPITALIZED_TYPES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL",
                                  "CARDINAL"})


def ner_where_names(pipeline: Any) -> bool:
    """Run the pipeline's NER only on the sentences that may name someone (`may_name`), in
    place; the other sentences' tokens are tagged ``O``. Returns whether it wrapped NER.

    NER tags each sentence on its own, and a sentence with no proper noun and no capitalized
    word after its first holds no name for it to find, so its tags are ``O`` either way;
    with the tagger's tags there (``pos`` runs before ``ner``), skipping it saves the NER
    model's time on that share of the text (about a quarter of news, half of fiction).
    Without tags (a pipeline with no ``pos``) every sentence is tagged as before. Only for
    an NER whose types are all names (the bundled one: PERSON, ORG, GPE, MISC); one that
    also tags dates and numbers (the official models', OntoNotes), which need no capital
    letter, is left alone. ``QUOTEATTR_NER_ALL=1`` turns it off.
    """
    import os

    processor = getattr(pipeline, "processors", {}).get("ner")
    if processor is None or getattr(processor, "_quoteattr_gated", False) or \
            os.environ.get("QUOTEATTR_NER_ALL", "0") == "1":
        return False
    try:
        known = set(processor.get_known_tags())
    except Exception:  # a processor of another shape: leave it alone
        return False
    if not known or known & _UNCAPITALIZED_TYPES:
        return False  # dates, numbers, amounts need no capital letter
    original = processor.process

    def run(document: Any) -> Any:
        sentences = document.sentences
        if any(w.upos is None for sent in sentences for w in sent.words):
            return original(document)
        keep = [sent for sent in sentences
                if may_name([(w.text, w.upos) for w in sent.words])]
        if len(keep) == len(sentences):
            return original(document)
        if keep:
            # as Stanza's own bulk_process does: the annotations land on the sentences
            original(sentences_document(keep))
        kept = {id(sent) for sent in keep}
        for sent in sentences:
            if id(sent) not in kept:
                for token in sent.tokens:
                    token.ner = "O"
        document.build_ents()
        return document

    processor.process = run
    processor._quoteattr_gated = True
    return True


def fast_ner_decoding(pipeline: Any, on: bool = True) -> int:
    """Let the pipeline's NER models decode their tags faster, in place; returns how many
    trainers it changed (``on=False`` puts Stanza's ``predict`` back).

    Stanza's NER ``predict`` runs the model's CRF loss on every batch and throws it away
    (a fifth of the NER model's time: the loss's partition function runs over every
    sentence), then decodes one sentence at a time with a NumPy Viterbi loop over its
    words, 21 tags wide. Here the loss is skipped outside training
    (`_crf_transitions_only`) and every sentence of a batch is decoded in one loop over
    the batch's positions (`viterbi_batch`). The same scores, the same maxima, the same
    first-index tie breaking: the tags are identical (tests/test_ner_decoding.py). Only
    trainers of Stanza's NER shape (a model with CRF ``crits``) are changed.
    """
    processor = getattr(pipeline, "processors", {}).get("ner")
    changed = 0
    for trainer in getattr(processor, "trainers", None) or []:
        crits = getattr(getattr(trainer, "model", None), "crits", None)
        if crits is None:
            continue
        if on and not getattr(trainer, "_quoteattr_fast_decode", False):
            trainer.predict = functools.partial(predict_ner, trainer)
            for crit in crits:
                crit.forward = functools.partial(_crf_transitions_only, crit)
            trainer._quoteattr_fast_decode = True
            changed += 1
        elif not on and getattr(trainer, "_quoteattr_fast_decode", False):
            del trainer.predict
            for crit in crits:
                del crit.forward
            trainer._quoteattr_fast_decode = False
            changed += 1
    return changed


def _crf_transitions_only(crit: Any, inputs: Any, masks: Any, tag_indices: Any) -> Any:
    """A Stanza ``CRFLoss`` forward that, outside training, returns a zero loss and the
    transitions without computing the loss (prediction reads only the transitions)."""
    if crit.training:
        return type(crit).forward(crit, inputs, masks, tag_indices)
    return inputs.new_zeros(()), crit._transitions


def predict_ner(trainer: Any, batch: Any, unsort: bool = True) -> list[Any]:
    """Stanza's NER ``Trainer.predict`` with the sentences of the batch decoded together
    (`viterbi_batch`); otherwise line for line Stanza's (stanza.models.ner.trainer)."""
    from stanza.models.common import utils
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.ner.trainer import fix_singleton_tags, unpack_batch

    device = next(trainer.model.parameters()).device
    inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = \
        unpack_batch(batch, device)
    word, wordchars, wordchars_mask, chars, tags = inputs
    trainer.model.eval()
    _, logits, trans = trainer.model(word, wordchars, wordchars_mask, tags, word_orig_idx,
                                     sentlens, wordlens, chars, charoffsets, charlens,
                                     char_orig_idx)
    trans = [x.data.cpu().numpy() for x in trans]
    logits = [x.data.cpu().numpy() for x in logits]
    batch_size = logits[0].shape[0]
    if any(x.shape[0] != batch_size for x in logits):
        raise AssertionError("Expected all of the logits to have the same size")
    columns = [viterbi_batch(x, y, sentlens) for x, y in zip(logits, trans)]
    predict_tagset = trainer.args["predict_tagset"]
    vocab = trainer.vocab["tag"]
    tag_seqs = []
    for i in range(batch_size):
        per_column = [[x if x >= VOCAB_PREFIX_SIZE else VOCAB_PREFIX_SIZE for x in column[i]]
                      for column in columns]
        unmapped = vocab.unmap(list(zip(*per_column)))
        unmapped = [x[predict_tagset] if isinstance(x, list) else x for x in unmapped]
        tag_seqs.append(fix_singleton_tags(unmapped))
    if unsort:
        tag_seqs = utils.unsort(tag_seqs, orig_idx)
    return tag_seqs


def viterbi_batch(scores: Any, transitions: Any, lengths: Sequence[int]) -> list[list[int]]:
    """The best tag sequence of each row of ``scores`` (batch x positions x tags, NumPy),
    row ``i`` over its first ``lengths[i]`` positions, under ``transitions`` (tags x tags):
    what Stanza's ``viterbi_decode`` gives for each row alone, computed for all rows in one
    loop over the positions (the same sums and maxima in the same precision; ties go to the
    first tag, as ``argmax`` breaks them)."""
    import numpy as np

    n_rows, n_pos, _ = scores.shape
    if n_rows == 0 or n_pos == 0:
        return [[] for _ in range(n_rows)]
    lengths_a = np.asarray(lengths, dtype=np.int64)
    trellis = scores[:, 0].copy()
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, n_pos):
        v = trellis[:, :, None] + transitions[None]
        best = v.argmax(1)
        back[:, t] = best
        step = scores[:, t] + np.take_along_axis(v, best[:, None, :], 1)[:, 0]
        live = (lengths_a > t)[:, None]
        trellis = np.where(live, step, trellis)
    rows = np.arange(n_rows)
    cur = trellis.argmax(1)
    path = np.empty((n_rows, n_pos), dtype=np.int64)
    path[:, n_pos - 1] = cur
    for t in range(n_pos - 2, -1, -1):
        # a row still at or past its last word keeps its final tag
        cur = np.where(t < lengths_a - 1, back[rows, t + 1, cur], cur)
        path[:, t] = cur
    return [row[:n].tolist() for row, n in zip(path, lengths_a.tolist())]


def cpu_has_bf16() -> bool:
    """Does this CPU run bfloat16 natively (AVX512-BF16 or AMX)? Elsewhere torch emulates it,
    more slowly than float32."""
    try:
        import torch

        cpu = torch.cpu
        return bool(getattr(cpu, "_is_avx512_bf16_supported", lambda: False)() or
                    getattr(cpu, "_is_amx_tile_supported", lambda: False)())
    except Exception:  # pragma: no cover - a torch without these probes
        return False


def autocast_pipeline(pipeline: Any, processors: Sequence[str] = BF16_PROCESSORS) -> int:
    """Run the pipeline's parser under ``torch.autocast("cpu", dtype=torch.bfloat16)``, in
    place, when the CPU has native bf16 instructions (`cpu_has_bf16`) and
    ``QUOTEATTR_BF16`` is not ``0``; returns how many processors were wrapped.

    CPU only (`build_pipeline` skips it with ``use_gpu``). The parser's biaffine label
    scorer is most of its time outside the LSTMs (int8 already, `quantize_pipeline`), and
    autocast runs it in bf16. Not the tagger or NER: their ``nn.Bilinear`` scorers and CRF
    mix dtypes and fail under autocast.
    """
    import os

    if os.environ.get("QUOTEATTR_BF16", "1") == "0" or not cpu_has_bf16():
        return 0
    import torch

    wrapped = 0
    for name in processors:
        processor = getattr(pipeline, "processors", {}).get(name)
        if processor is None or getattr(processor, "_quoteattr_bf16", False):
            continue
        for method in ("process", "bulk_process"):
            original = getattr(processor, method, None)
            if original is None:
                continue

            def run(doc: Any, _original: Any = original) -> Any:
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    return _original(doc)

            setattr(processor, method, run)
        processor._quoteattr_bf16 = True
        wrapped += 1
    return wrapped


def quantize_lstms(model: Any) -> int:
    """Replace each ``torch.nn.LSTM`` in ``model`` by torch's dynamically quantized int8 LSTM
    (weights int8, activations quantized on the fly), in place; returns how many were replaced.

    Only the LSTMs: quantizing the models' ``Linear`` layers as well gained nothing (the
    parser's time outside its LSTMs is its biaffine label scorer, an einsum over a weight
    tensor, which dynamic quantization does not cover) and changed three times as many
    words' tags and heads (UPOS 0.23% against 0.01%, heads 0.60% against 0.19%).
    """
    import warnings

    import torch

    before = sum(isinstance(m, torch.nn.LSTM) for m in model.modules())
    if not before:
        return 0
    with warnings.catch_warnings():
        # torch's notices that torch.ao.quantization moves to torchao (UserWarning in older
        # releases, DeprecationWarning in newer ones)
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.ao.quantization.quantize_dynamic(model, {torch.nn.LSTM}, dtype=torch.qint8,
                                               inplace=True)
    return before - sum(isinstance(m, torch.nn.LSTM) for m in model.modules())


def _quiet_unknown_language(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("Trying to create pipeline for unsupported language")


def download_official(model_dir: str, processors: str) -> None:
    """Fetch the official Stanza English models into ``model_dir`` (needs network access).

    Raises whatever Stanza raises when the download fails (``quoteattr download`` reports it).
    """
    import stanza

    stanza.download("en", model_dir=model_dir, processors=processors, verbose=False)
