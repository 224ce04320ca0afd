"""The only module that imports stanza: parse text into :class:`ParsedDoc`, quoteattr's own
small frozen view of a parse (words, dependencies, entities, coreference).

Everything downstream reads ``ParsedDoc``; the 0-based/1-based and sentence-local/document-wide
index mismatches of Stanza end here. Conventions:

* ``Word.index`` is document-wide and 0-based; ``Word.head`` is the document-wide index of the
  head word, or -1 for a root.
* Every ``start``/``end`` is a character offset into the caller's original string, even when the
  text Stanza saw was rearranged (paragraphs joined by blank lines, control characters blanked,
  only some paragraphs selected): :class:`TextMap` maps offsets back.

Stanza is imported inside functions only, so ``import quoteattr`` stays cheap.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import regex

from quoteattr.errors import DependencyError, InvalidParseError, MissingProcessorError
from quoteattr.models import ModelSet, resolve_models
from quoteattr.spans import normalize_marks

if TYPE_CHECKING:  # pragma: no cover
    import stanza

log = logging.getLogger("quoteattr")

__all__ = [
    "CorefChain",
    "Entity",
    "ParsedDoc",
    "Sentence",
    "StanzaParser",
    "TextMap",
    "Word",
    "parse_conllu",
]

#: Longest stretch of text handed to Stanza as one paragraph. Longer paragraphs are cut at a
#: sentence end (or, failing that, at a space) so that no sentence, and so no parser matrix,
#: can grow without bound on text without punctuation.
MAX_PIECE_CHARS = 3000

_CONTROL_RE = regex.compile(r"[\p{Cc}\p{Cs}\p{Co}\p{Cn}\u2028\u2029\ufeff]")
_SENT_END_RE = regex.compile(r"[.!?…][\"'”’»)\]]*\s+")
_SOFT_BREAK_RE = regex.compile(r"[,;:”’»)\]]\s+")
#: Longest stretch without a sentence end handed to the parser as one piece.
MAX_RUN_CHARS = 1000


@attrs.frozen(kw_only=True, slots=True)
class Word:
    """One syntactic word."""

    index: int
    sent_index: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    token_index: int


@attrs.frozen(kw_only=True, slots=True)
class Sentence:
    """Words ``first <= i < end`` of the document, covering ``start:stop`` characters."""

    index: int
    first: int
    end: int
    start: int
    stop: int


@attrs.frozen(kw_only=True, slots=True)
class Entity:
    """A named entity over words ``first <= i < end``."""

    type: str
    first: int
    end: int
    start: int
    stop: int
    text: str


@attrs.frozen(kw_only=True, slots=True)
class CorefChain:
    """A coreference chain: mentions as (first word, end word) pairs, document-wide."""

    index: int
    mentions: tuple[tuple[int, int], ...]
    representative: int


@attrs.frozen(kw_only=True)
class ParsedDoc:
    """A parsed text. Build with :meth:`from_stanza`, :func:`parse_conllu` or a parser."""

    text: str
    words: tuple[Word, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    coref: tuple[CorefChain, ...] | None = None
    source: str = ""
    children: tuple[tuple[int, ...], ...] = attrs.field(default=None, eq=False, repr=False)
    word_entity: tuple[int, ...] = attrs.field(default=None, eq=False, repr=False)
    _starts: tuple[int, ...] = attrs.field(default=None, eq=False, repr=False, alias="_starts")
    _sent_stops: tuple[int, ...] = attrs.field(default=None, eq=False, repr=False,
                                               alias="_sent_stops")

    def __attrs_post_init__(self) -> None:
        if self.children is None:
            _check_tree(self.words)
            kids: list[list[int]] = [[] for _ in self.words]
            for w in self.words:
                if w.head >= 0:
                    kids[w.head].append(w.index)
            object.__setattr__(self, "children", tuple(tuple(k) for k in kids))
        if self.word_entity is None:
            owner = [-1] * len(self.words)
            for e_index, ent in enumerate(self.entities):
                for i in range(ent.first, ent.end):
                    owner[i] = e_index
            object.__setattr__(self, "word_entity", tuple(owner))
        if self._starts is None:
            object.__setattr__(self, "_starts", tuple(w.start for w in self.words))
        if self._sent_stops is None:
            object.__setattr__(self, "_sent_stops", tuple(s.stop for s in self.sentences))

    # -- lookups -----------------------------------------------------------------------------

    def words_between(self, start: int, end: int) -> range:
        """Indices of the words that start inside ``[start, end)``."""
        return range(bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end))

    def sentence_of(self, word: int) -> Sentence:
        return self.sentences[self.words[word].sent_index]

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        """Sentences overlapping characters ``[start, end)``."""
        # sentences are in text order and do not overlap: bisect on their ends
        stops = self._sent_stops
        i = bisect.bisect_right(stops, start)
        out = []
        while i < len(self.sentences) and self.sentences[i].start < end:
            out.append(self.sentences[i])
            i += 1
        return out

    def span_text(self, first: int, end: int) -> tuple[int, int, str]:
        """Character span and text of words ``first <= i < end``."""
        start = self.words[first].start
        stop = self.words[end - 1].end
        return start, stop, self.text[start:stop]

    def subtree(self, word: int) -> list[int]:
        """The word and all its descendants, in text order."""
        seen = {word}
        stack = [word]
        while stack:
            for child in self.children[stack.pop()]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return sorted(seen)

    # -- builders ----------------------------------------------------------------------------

    @classmethod
    def from_stanza(cls, document: stanza.Document, text: str | None = None,
                    text_map: TextMap | None = None, source: str = "stanza document",
                    check_offsets: bool = False) -> ParsedDoc:
        """Our view of a Stanza Document.

        Args:
            document: a parsed ``stanza.Document`` (tokenize, pos, lemma, depparse at least).
            text: the caller's original string; defaults to ``document.text``.
            text_map: how offsets in ``document.text`` map to ``text`` (None: identity).
            check_offsets: check that each token's text is ``document.text`` at its offsets
                (for documents from the caller, see :func:`check_token_offsets`).

        Raises:
            MissingProcessorError: the document lacks tokens, tags or dependencies.
            InvalidParseError: ``check_offsets`` and a token does not match the text.
        """
        original = text if text is not None else document.text
        if original is None:
            raise MissingProcessorError(("text (Document.text is None)",))
        if check_offsets:
            check_token_offsets(document)
        if not document.sentences and (document.text or "").strip():
            raise MissingProcessorError(("tokenize", "pos", "lemma", "depparse"))
        words: list[Word] = []
        sentences: list[Sentence] = []
        tmap = text_map or TextMap.identity(len(original))
        token_count = 0
        for s_index, sent in enumerate(document.sentences):
            base = len(words)
            for token in sent.tokens:
                t_start = token.start_char
                t_end = token.end_char
                if t_start is None or t_end is None:
                    raise MissingProcessorError(("character offsets (tokenize)",))
                o_start, o_end = tmap.to_original(t_start), tmap.to_original(t_end, end=True)
                for word in token.words:
                    if word.upos is None or word.deprel is None or word.head is None or \
                            word.lemma is None:
                        missing = [n for n, v in (("pos", word.upos), ("lemma", word.lemma),
                                                  ("depparse", word.deprel)) if v is None]
                        raise MissingProcessorError(tuple(missing) or ("depparse",))
                    w_start, w_end = o_start, o_end
                    if len(token.words) > 1 and word.start_char is not None and word.end_char is not None:
                        w_start = tmap.to_original(word.start_char)
                        w_end = tmap.to_original(word.end_char, end=True)
                    words.append(Word(
                        index=len(words), sent_index=s_index, text=word.text,
                        lemma=word.lemma,
                        upos=word.upos, xpos=word.xpos or "_", feats=word.feats or "_",
                        head=(base + word.head - 1) if word.head > 0 else -1,
                        deprel=word.deprel, start=w_start, end=w_end, token_index=token_count))
                token_count += 1
            if len(words) > base:
                sentences.append(Sentence(index=len(sentences), first=base, end=len(words),
                                          start=words[base].start, stop=words[-1].end))
        entities = _entities(document, words, original, tmap)
        coref = _coref(document, sentences) if getattr(document, "coref", None) is not None else None
        return cls(text=original, words=tuple(words), sentences=tuple(sentences),
                   entities=tuple(entities), coref=coref, source=source)


def check_token_offsets(document: Any) -> None:
    """Each token's text must be ``document.text`` at the token's offsets (whitespace aside:
    Stanza may normalize it), else the document's text was changed after parsing.

    Raises:
        InvalidParseError: naming the first token that does not match.
    """
    text = document.text or ""
    for sent in document.sentences:
        for token in sent.tokens:
            start, end = token.start_char, token.end_char
            if start is None or end is None:
                continue  # reported as missing offsets by from_stanza
            found = text[start:end]
            if "".join(found.split()) != "".join(token.text.split()):
                raise InvalidParseError(
                    f"token {token.text!r} at characters {start}:{end} does not match the "
                    f"document text there ({found!r}): the Document's text was changed after "
                    "parsing; parse the text you want attributed again")


def _check_tree(words: Sequence[Word]) -> None:
    """Heads must point inside the sentence and reach a root without a cycle."""
    n = len(words)
    for w in words:
        if w.index < 0 or w.index >= n or words[w.index] is not w:
            raise InvalidParseError(f"word {w.index} is out of place in the word list")
        if w.head >= n or w.head < -1 or (w.head >= 0 and words[w.head].sent_index != w.sent_index):
            raise InvalidParseError(f"word {w.index} ({w.text!r}) has head {w.head} outside "
                                    "its sentence")
    state = [0] * n  # 0 unvisited, 1 on the current path, 2 known to reach a root
    for start in range(n):
        path = []
        cur = start
        while cur >= 0 and state[cur] == 0:
            state[cur] = 1
            path.append(cur)
            cur = words[cur].head
        if cur >= 0 and state[cur] == 1:
            raise InvalidParseError(f"the heads of words {path} form a cycle")
        for k in path:
            state[k] = 2


def _entities(document: Any, words: list[Word], text: str, tmap: TextMap) -> list[Entity]:
    ents = getattr(document, "ents", None) or []
    if not ents:
        return []
    starts = [w.start for w in words]
    out = []
    for ent in ents:
        start = tmap.to_original(ent.start_char)
        stop = tmap.to_original(ent.end_char, end=True)
        first = bisect.bisect_left(starts, start)
        end = bisect.bisect_left(starts, stop)
        if end <= first:
            continue
        out.append(Entity(type=ent.type, first=first, end=end, start=start, stop=stop,
                          text=text[start:stop]))
    return out


def _coref(document: Any, sentences: list[Sentence]) -> tuple[CorefChain, ...]:
    chains = []
    for index, chain in enumerate(document.coref):
        mentions = []
        for m in chain.mentions:
            if m.sentence >= len(sentences):
                continue
            base = sentences[m.sentence].first
            mentions.append((base + m.start_word, base + m.end_word))
        chains.append(CorefChain(index=index, mentions=tuple(mentions),
                                 representative=getattr(chain, "representative_index", 0)))
    return tuple(chains)


# --------------------------------------------------------------------------------------------
# Text handed to Stanza, and the way back


@attrs.frozen
class TextMap:
    """Piecewise map from offsets in the text Stanza saw to offsets in the original.

    ``pieces`` are (parse_start, original_start, length) triples in order.
    """

    pieces: tuple[tuple[int, int, int], ...]
    _keys: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_keys", tuple(p[0] for p in self.pieces))

    @classmethod
    def identity(cls, length: int) -> TextMap:
        return cls(((0, 0, length),))

    def to_original(self, offset: int, end: bool = False) -> int:
        """Map a parse-text offset to the original string (``end``: an exclusive end)."""
        i = bisect.bisect_right(self._keys, offset - 1 if end else offset) - 1
        i = max(i, 0)
        p_start, o_start, length = self.pieces[i]
        return o_start + min(max(offset - p_start, 0), length)


def prepare_text(text: str, regions: Sequence[tuple[int, int]]) -> tuple[str, TextMap]:
    """The text Stanza parses: ``regions`` of ``text`` (paragraphs) joined by blank lines so
    that Stanza never runs a sentence across them, with control characters blanked (same
    length) and long regions cut into pieces of at most :data:`MAX_PIECE_CHARS`."""
    text = normalize_marks(text)  # ``…'' as “…”, same length: the parser knows those
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    for start, end in regions:
        for p_start, p_end in _cut(text, start, end):
            chunk = _CONTROL_RE.sub(_blank, text[p_start:p_end])
            if parts:
                parts.append("\n\n")
                pos += 2
            parts.append(chunk)
            pieces.append((pos, p_start, p_end - p_start))
            pos += p_end - p_start
    if not pieces:
        pieces.append((0, 0, 0))
    return "".join(parts), TextMap(tuple(pieces))


def _blank(match: regex.Match) -> str:
    ch = match.group()
    return ch if ch in "\n\t" else " "


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]``: at most MAX_PIECE_CHARS each, and no stretch of more
    than MAX_RUN_CHARS without a sentence end (see :func:`_cut_runs`)."""
    out = []
    for s, e in _cut_pieces(text, start, end):
        out.extend(_cut_runs(text, s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _cut_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut stretches with no sentence end ("“a b” “a b” …", lists, text without
    punctuation) into pieces of at most MAX_RUN_CHARS // 2 at a space, after a comma or a
    closing mark where one is near. The parser's cost grows with the square of a sentence's
    length (a 2,000-word "sentence" took minutes and 20 GB); real sentences are shorter
    than MAX_RUN_CHARS and are never cut."""
    out = []
    piece = start
    last = start  # the latest sentence end seen in the current piece
    ends = [m.end() for m in _SENT_END_RE.finditer(text, start, end)] + [end]
    for boundary in ends:
        while boundary - last > MAX_RUN_CHARS:
            cut = _break_before(text, last, last + MAX_RUN_CHARS // 2, _SOFT_BREAK_RE,
                                last + MAX_RUN_CHARS // 4)
            out.append((piece, cut))
            piece = last = cut
        last = boundary
    out.append((piece, end))
    return out


def _break_before(text: str, lo: int, hi: int, preferred: regex.Pattern, floor: int) -> int:
    """Where to cut ``text`` before ``hi``: after the last ``preferred`` match in
    ``[floor, hi)``, else after the last space after ``lo``, else at ``hi``."""
    cut = None
    for m in preferred.finditer(text, floor, hi):
        cut = m.end()
    if cut is None:
        space = text.rfind(" ", lo + 1, hi)
        cut = space + 1 if space > lo else hi
    return cut


def _cut_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_PIECE_CHARS:
        cut = _break_before(text, start, start + MAX_PIECE_CHARS, _SENT_END_RE,
                            start + MAX_PIECE_CHARS // 3)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


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
        sent = []
        for token_entries, _ in piece:
            for entry in token_entries:
                entry = dict(entry)
                ident = entry["id"]
                entry["id"] = (tuple(k - offset for k in ident) if isinstance(ident, (tuple, list))
                               else ident - offset)
                sent.append(entry)
        out.append(sent)
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


# --------------------------------------------------------------------------------------------
# The parser


class StanzaParser:
    """Parses text with a Stanza pipeline built from a :class:`~quoteattr.models.ModelSet`.

    The pipeline is built on first use and reused; building it is thread-safe.

    Args:
        models: anything :func:`~quoteattr.models.resolve_models` accepts.
        use_gpu: let Stanza use a GPU when one is present.
        coref: run coreference when the model set has it (default True).
        pipeline: an already built ``stanza.Pipeline`` to use instead (see
            :meth:`from_pipeline`).
        threads: set torch's intra-op thread count when the pipeline is built (a process-wide
            setting). None leaves torch's default. On a busy machine the default can be
            thousands of times slower than 1 thread (OpenMP threads spin against other
            processes), so worker processes set it to ``cores // processes``.
    """

    def __init__(self, models: Any = "auto", *, use_gpu: bool = False, coref: bool = True,
                 pipeline: Any = None, threads: int | None = None,
                 **stanza_kwargs: Any) -> None:
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
        parser = cls(models=None, pipeline=pipeline)
        parser.__dict__["model_set"] = ModelSet(
            source="pipeline", processors=tuple(names), description="caller's stanza.Pipeline")
        return parser

    @functools.cached_property
    def model_set(self) -> ModelSet:
        return resolve_models(self._models)

    @property
    def source(self) -> str:
        return str(self.model_set)

    @property
    def pipeline(self) -> stanza.Pipeline:
        if self._pipeline is None:
            with self._lock:
                if self._pipeline is None:
                    if self.threads is not None:
                        import torch

                        torch.set_num_threads(self.threads)
                    self._pipeline = build_pipeline(self.model_set, use_gpu=self.use_gpu,
                                                    coref=self.coref, **self.stanza_kwargs)
        return self._pipeline

    def parse(self, text: str, regions: Sequence[tuple[int, int]] | None = None) -> ParsedDoc:
        """Parse ``text`` (only ``regions`` of it, if given: (start, end) paragraph spans)."""
        return self.parse_many([text], [regions])[0]

    def parse_many(self, texts: Sequence[str],
                   regions: Sequence[Sequence[tuple[int, int]] | None] | None = None
                   ) -> list[ParsedDoc]:
        """Parse several texts in one batch through Stanza (faster than one by one)."""
        import stanza

        if regions is None:
            regions = [None] * len(texts)
        prepared = []
        for text, reg in zip(texts, regions):
            if reg is None:
                reg = [(0, len(text))]
            prepared.append(prepare_text(text, reg))
        to_run = [stanza.Document([], text=p) for p, _ in prepared if p.strip()]
        if to_run:
            # tokenize (and mwt) first, then cap the words per sentence before the tagger and
            # parser see them (their memory grows with the square of a sentence's length)
            nlp = self.pipeline
            nlp(to_run, processors="tokenize")
            to_run = [bound_sentences(d) for d in to_run]
            rest = [p for p in nlp.processors if p not in ("tokenize", "mwt")]
            if rest:
                nlp(to_run, processors=rest)
        out = []
        it = iter(to_run)
        for text, (ptext, tmap) in zip(texts, prepared):
            if ptext.strip():
                out.append(ParsedDoc.from_stanza(next(it), text=text, text_map=tmap,
                                                 source=self.source))
            else:
                out.append(ParsedDoc(text=text, words=(), sentences=(), source=self.source,
                                     coref=() if self.coref and self.model_set.has_coref
                                     else None))
        return out


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
    if models.source == "official":
        return stanza.Pipeline(lang="en", dir=models.resources_dir, processors=",".join(procs),
                               download_method=None, use_gpu=use_gpu, logging_level="WARN",
                               **kwargs)
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
        pipeline = stanza.Pipeline(lang="en", dir=str(resources), processors=",".join(procs),
                                   download_method=None, allow_unknown_language=True,
                                   use_gpu=use_gpu, logging_level="WARN", **options)
    finally:
        stanza_logger.removeFilter(_quiet_unknown_language)
    if cache is not None and not use_gpu:
        _quantize(cache)
    return pipeline


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


def _quiet_unknown_language(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("Trying to create pipeline for unsupported language")


# --------------------------------------------------------------------------------------------
# CoNLL-U


def parse_conllu(conllu: str, text: str | None = None, source: str = "conllu") -> ParsedDoc:
    """A :class:`ParsedDoc` from CoNLL-U, without models (tests, cached parses).

    Character offsets come from ``start_char``/``end_char`` in MISC when present; otherwise the
    tokens are aligned to ``text`` left to right. Without ``text``, the text is rebuilt from the
    tokens and ``SpaceAfter=No``, one sentence after another (``# newpar`` starts a new line).
    Entities come from ``NER=`` BIO/BIOES tags in MISC when present.
    """
    from stanza.models.common.doc import Document
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_str=conllu)
    if text is None:
        text = _rebuild_text(doc, conllu)
    _align(doc, text)
    _ner_from_misc(doc)
    doc.text = text
    if not isinstance(doc, Document):  # pragma: no cover
        raise TypeError("conll2doc did not return a Document")
    return ParsedDoc.from_stanza(doc, text=text, source=source)


def _rebuild_text(doc: Any, conllu: str) -> str:
    blocks = [b for b in conllu.strip().split("\n\n") if b.strip()]
    newpar = [any(line.startswith("# newpar") for line in b.splitlines()) for b in blocks]
    out = ""
    for s_index, sent in enumerate(doc.sentences):
        if out:
            out += "\n" if s_index < len(newpar) and newpar[s_index] else " "
        for token in sent.tokens:
            out += token.text + (token.spaces_after if token.spaces_after is not None else " ")
        out = out.rstrip(" ")
    return out


def _align(doc: Any, text: str) -> None:
    pos = 0
    for sent in doc.sentences:
        for token in sent.tokens:
            if token.start_char is not None and token.end_char is not None:
                pos = token.end_char
                continue
            found = text.find(token.text, pos)
            if found < 0:
                raise InvalidParseError(f"token {token.text!r} not found in the text after "
                                        f"offset {pos}")
            # Token offsets are read-only properties in stanza; the private fields are the
            # documented storage (doc.py) and what the tokenizer itself fills in.
            token._start_char = found
            token._end_char = found + len(token.text)
            pos = found + len(token.text)
        if sent.tokens and sent.text is None:
            sent.text = text[sent.tokens[0].start_char : sent.tokens[-1].end_char]


def _ner_from_misc(doc: Any) -> None:
    """Set token NER tags from ``NER=`` in MISC, so ``doc.ents`` works on CoNLL-U input."""
    found = False
    for sent in doc.sentences:
        for token in sent.tokens:
            misc = token.misc or ""
            if not misc:
                misc = "|".join(w.misc for w in token.words if w.misc)
            tag = next((m[4:] for m in misc.split("|") if m.startswith("NER=")), None)
            if tag is not None:
                found = True
                token.ner = tag
    if found:
        for sent in doc.sentences:
            for token in sent.tokens:
                if token.ner is None:
                    token.ner = "O"
        doc.build_ents()


def download_official(model_dir: str, processors: str) -> None:
    """Fetch the official Stanza English models into ``model_dir`` (needs network access).

    Raises whatever Stanza raises when the download fails (``quoteattr download`` reports it).
    """
    import stanza

    stanza.download("en", model_dir=model_dir, processors=processors, verbose=False)
