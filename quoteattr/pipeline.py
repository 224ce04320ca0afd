"""The [Attributor][quoteattr.Attributor]: composes span finding, parsing and attribution.

It holds configuration and a lazily built parser; every step is a function over value types
(``find_quote_spans`` -> ``StanzaParser.parse_many`` -> ``attribute_quotes``), so the Attributor
stays a thin composer, not a god object.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from quoteattr.attribution import AttributionOptions, attribute_quotes
from quoteattr.errors import InvalidItemError, check_text
from quoteattr.parse import ParsedDoc
from quoteattr.stanza_pipeline import StanzaParser, collection_paused
from quoteattr.spans import SpanResult, find_quote_spans
from quoteattr.types import Document, Quote

__all__ = ["Attributor", "attribute", "find_quotes", "default_attributor", "select_regions"]


class Attributor:
    """Attributes quotes in English text.

    Construction is cheap: it resolves *where* the models are (raising
    [ModelNotFoundError][quoteattr.ModelNotFoundError] at once if they are missing) but imports
    neither stanza nor torch; the Stanza pipeline is built on the first call and reused.

    Args:
        models: "auto" (official Stanza models if installed, else the bundled set), "bundled",
            "official", a model directory, or a mapping of processor to model file.
        paragraphs: how paragraphs are found: "auto", "line" or "blank"
            (see `quoteattr.spans.find_paragraphs`).
        selective: parse only what attribution needs. ``"sentences"`` (the default, also
            ``True``): the paragraphs with a quote mark, the two before each and the one after
            are split into sentences and tagged, and only the sentences holding a quote,
            with the one before and the one after, and those naming a person (for the
            speaker entities) are parsed. ``"paragraphs"``: those
            paragraphs are parsed whole (the earlier default). ``False``: every paragraph
            is parsed (to use the parse for something else too).
        use_gpu: let Stanza use a GPU.
        coref: run Stanza's coreference when the model set has it.
        threads: torch threads for parsing (process-wide; 1 by default, see
            [StanzaParser][quoteattr.StanzaParser]). None keeps torch's default.
        options: [AttributionOptions][quoteattr.AttributionOptions].
        explain: keep every rule finding, winners and losers, on each quote (a shortcut for
            ``options=AttributionOptions(explain=True)``; see ``ExplainedQuote.findings``).
        parser: a ready parser (e.g. ``StanzaParser.from_pipeline(nlp)``) instead of ``models``.
        tokenizer: ``"rules"`` (the default: `quoteattr.rule_tokenizer`, UD English's
            conventions by rule, over ten times faster than Stanza's tokenizer) or
            ``"stanza"`` (Stanza's neural tokenizer and MWT expander, better on unedited
            web text); see [StanzaParser][quoteattr.StanzaParser].

    Examples:
        >>> att = Attributor(models="bundled")   # doctest: +SKIP
        >>> doc = att("“We are ready,” the minister said.")   # doctest: +SKIP
    """

    def __init__(self, models: Any = "auto", *, paragraphs: str = "auto",
                 selective: bool | str = True, use_gpu: bool = False, coref: bool = True,
                 threads: int | None = 1, options: AttributionOptions | None = None,
                 parser: StanzaParser | None = None, explain: bool = False,
                 tokenizer: str = "rules") -> None:
        if paragraphs not in ("auto", "line", "blank"):
            raise ValueError(f"paragraphs must be 'auto', 'line' or 'blank', not {paragraphs!r}")
        self.parser = parser or StanzaParser(models, use_gpu=use_gpu, coref=coref,
                                             threads=threads, tokenizer=tokenizer)
        self.model_set = self.parser.model_set  # resolve now: a missing model fails here
        if selective not in (True, False, "sentences", "paragraphs"):
            raise ValueError("selective must be True, False, 'sentences' or 'paragraphs', not "
                             f"{selective!r}")
        self.paragraphs = paragraphs
        self.selective = selective
        self.options = options or AttributionOptions()
        if explain and not self.options.explain:
            self.options = attrs.evolve(self.options, explain=True)
        self._config = dict(models=models, paragraphs=paragraphs, selective=selective,
                            use_gpu=use_gpu, coref=coref, threads=threads, options=self.options,
                            tokenizer=tokenizer)
        self._custom_parser = parser is not None

    def config(self) -> dict[str, Any]:
        """Keyword arguments that rebuild this Attributor in another process."""
        if self._custom_parser:
            raise ValueError("an Attributor built around a ready parser cannot be copied to "
                             "worker processes; pass models= instead")
        return dict(self._config)

    @property
    def models(self) -> str:
        """Where the models come from, e.g. ``"bundled: quoteattr-en-compact (tokenize, ...)"``."""
        return self.parser.source

    def __repr__(self) -> str:
        return f"Attributor(models={self.models!r}, selective={self.selective})"

    def __call__(self, text: str, id: str | None = None) -> Document:
        """Attribute the quotes in one text (``id``, if given, is kept as a str, as
        [pipe][quoteattr.Attributor.pipe] keeps it)."""
        return next(self._run([(None if id is None else str(id), text)]))

    def pipe(self, texts: Iterable[str | tuple[str, str]], batch_size: int = 32,
             n_process: int = 1) -> Iterator[Document]:
        """Attribute a stream of texts, in order, in batches through Stanza.

        Args:
            texts: strings, or ``(id, text)`` pairs; a bare string's id is its position.
            batch_size: texts per Stanza batch (an int >= 1).
            n_process: worker processes, each loading the models once (see
                `quoteattr.parallel`); 1 runs here. Workers are started with ``spawn``:
                they import the caller's main module, so a script must call
                ``pipe(n_process=...)`` under ``if __name__ == "__main__":``.

        Yields:
            one [Document][quoteattr.Document] per input, in input order, with ``id`` set. Memory stays
            flat: at most ``batch_size`` texts (per process) are held at a time.

        Raises:
            TypeError, ValueError: ``batch_size`` or ``n_process`` is not an int >= 1 (at the
                call, before anything is read).
            InvalidItemError: an item is not a str or an ``(id, text)`` pair of str. Items are
                checked as they are read, so every document before the bad one has been
                yielded first (its batch is cut short, not lost); ``position`` says where to
                resume.
            WorkerError: ``n_process > 1`` and a worker died (it names the documents not
                processed) or could not start (e.g. no ``__main__`` guard); never a hang.
        """
        if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
            raise TypeError("pipe() takes an iterable of texts; for one text call the "
                            "Attributor: att(text)")
        _check_count("batch_size", batch_size)
        _check_count("n_process", n_process)
        batches = _batches(_with_ids(iter(texts)), batch_size)
        if n_process > 1:
            from quoteattr.parallel import pipe_processes

            # the class and its config, not self: workers build their own (and parallel
            # needs nothing of this module but the public pipe())
            return pipe_processes(type(self), self.config(), batches, n_process=n_process)
        return self._stream(batches)

    def _stream(self, batches: Iterator[list[tuple[str, str]]]) -> Iterator[Document]:
        for batch in batches:
            yield from self._run(batch)

    def parse(self, text: str) -> ParsedDoc:
        """The parse attribution would use (to cache with `quoteattr.cache`)."""
        check_text(text)
        return self.parse_spans([text], [find_quote_spans(text, self.paragraphs)])[0]

    def parse_spans(self, texts: Sequence[str], spans: Sequence[SpanResult]) -> list[ParsedDoc]:
        """Parse texts whose quote spans are found (`quoteattr.spans.find_quote_spans`), as
        ``selective`` says: only the paragraphs, and then the sentences, attribution needs."""
        regions = [self._regions(t, s) for t, s in zip(texts, spans)]
        if self.selective in (True, "sentences"):
            return self.parser.parse_many(texts, regions, anchors=[_anchors(s) for s in spans])
        return self.parser.parse_many(texts, regions)

    def attribute_parsed(self, parsed: ParsedDoc, id: str | None = None) -> Document:
        """Attribute a text whose parse is already at hand (no Stanza call)."""
        spans = find_quote_spans(parsed.text, self.paragraphs)
        return _document(parsed.text, spans, parsed, self.options,
                         None if id is None else str(id), parsed.source)

    def _regions(self, text: str, spans: SpanResult) -> list[tuple[int, int]]:
        """The paragraphs handed to Stanza: all of them, or (selective) those attribution
        needs. Passing paragraphs, not the raw text, keeps a heading without a full stop
        from being parsed as one sentence with the paragraph below it."""
        if not self.selective:
            return list(spans.paragraphs)
        return select_regions(text, spans)

    def _run(self, batch: Sequence[tuple[str | None, str]]) -> Iterator[Document]:
        texts = [check_text(t) for _, t in batch]
        # the batch's documents are made with the garbage collector paused (see
        # `collection_paused`), before the first is handed out: never paused in the
        # caller's code between two documents
        with collection_paused():
            spans = [find_quote_spans(t, self.paragraphs) for t in texts]
            todo = [i for i, s in enumerate(spans) if s.spans]
            parsed: dict[int, ParsedDoc] = {}
            if todo:
                results = self.parse_spans([texts[i] for i in todo], [spans[i] for i in todo])
                parsed = dict(zip(todo, results))
            documents = [_document(text, spans[i], parsed.get(i), self.options, ident,
                                   self.models) for i, (ident, text) in enumerate(batch)]
        yield from documents


def select_regions(text: str, spans: SpanResult, context: int = 2) -> list[tuple[int, int]]:
    """Paragraphs worth parsing: those holding a quote mark, plus ``context`` before each (for
    pronouns and speakers introduced earlier) and the one after (for "he said" sentences that
    follow a quote-only paragraph)."""
    paragraphs = spans.paragraphs
    wanted: set[int] = set()
    starts = [p[0] for p in paragraphs]
    import bisect

    for s in spans.spans:
        first = max(0, bisect.bisect_right(starts, s.open_mark) - 1)
        last = max(0, bisect.bisect_right(starts, s.end) - 1)
        for k in range(max(0, first - context), min(len(paragraphs), last + 2)):
            wanted.add(k)
    for d in spans.diagnostics:
        k = max(0, bisect.bisect_right(starts, d.start) - 1)
        wanted.add(k)
    return [paragraphs[k] for k in sorted(wanted)]


def _anchors(spans: SpanResult) -> list[tuple[int, int]]:
    """What the sentence selection keeps sentences around: each quote, marks included (an open
    quote up to its paragraph's end), and each diagnostic (an odd quotation mark)."""
    out = [(s.open_mark, s.outer_end) for s in spans.spans]
    out.extend((d.start, max(d.end, d.start + 1)) for d in spans.diagnostics)
    return out


def _check_count(name: str, value: object) -> None:
    """``batch_size``/``n_process``: an int >= 1; "2", 2.5 and True are refused, not coerced."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int >= 1, not {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be an int >= 1, not {value!r}")


def _with_ids(texts: Iterator[object]) -> Iterator[tuple[str, str]]:
    """``(id, text)`` for each item, checked as it is read (InvalidItemError names it)."""
    for n, item in enumerate(texts):
        if isinstance(item, tuple):
            if len(item) != 2:
                raise InvalidItemError(n, None, "items must be str or (id, text) pairs, not a "
                                       f"tuple of {len(item)}")
            ident, text = item
            ident = str(ident)
        else:
            ident, text = str(n), item
        try:
            check_text(text)
        except TypeError as exc:
            raise InvalidItemError(n, ident, str(exc)) from None
        yield (ident, text)


def _batches(items: Iterator[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    """Lists of up to ``size`` items. When reading an item raises, the items read before it
    come out as a last, shorter batch, then the error is raised: nothing read is lost."""
    batch: list[tuple[str, str]] = []
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except Exception as exc:
            if batch:
                yield batch
            raise exc
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _document(text: str, spans: SpanResult, parsed: ParsedDoc | None,
              options: AttributionOptions, ident: str | None, models: str | None) -> Document:
    quotes = attribute_quotes(text, spans, parsed, options) if spans.spans else ()
    return Document(text=text, quotes=quotes, diagnostics=spans.diagnostics, id=ident,
                    models=models, entities=getattr(quotes, "entities", ()))


def attribute(stanza_document: Any, *, paragraphs: str = "auto",
              options: AttributionOptions | None = None) -> Document:
    """Attribute quotes in a ``stanza.Document`` the caller parsed (its ``text`` is kept).

    It needs tokenize, pos, lemma and depparse; ner and coref are used when present.

    Raises:
        MissingProcessorError: the document lacks those annotations.
        InvalidParseError: a token's text is not the document text at the token's offsets
            (``text`` was changed after parsing, or belongs to another document).
        TypeError: the argument is not a stanza Document, or its ``text`` is not a str.
    """
    if isinstance(stanza_document, ParsedDoc):
        raise TypeError("attribute() takes a stanza.Document; for a quoteattr ParsedDoc use "
                        "Attributor.attribute_parsed(parsed)")
    if not hasattr(stanza_document, "sentences") or not hasattr(stanza_document, "text"):
        raise TypeError("attribute() takes a stanza.Document; for raw text use "
                        "quoteattr.Attributor()(text)")
    if stanza_document.text is not None:
        check_text(stanza_document.text, "the stanza Document's text")
    parsed = ParsedDoc.from_stanza(stanza_document, check_offsets=True)
    spans = find_quote_spans(parsed.text, paragraphs)
    return _document(parsed.text, spans, parsed, options or AttributionOptions(), None,
                     "stanza document")


def find_quotes(text: str, *, paragraphs: str = "auto") -> tuple[Quote, ...]:
    """Quoted spans only, no model: each with a surface guess of its kind and no speaker.

    Examples:
        >>> [q.text for q in find_quotes("He said “we’re ready” at the ministers’ meeting.")]
        ['we’re ready']
    """
    check_text(text)
    spans = find_quote_spans(text, paragraphs)
    return attribute_quotes(text, spans, None)


@functools.lru_cache(maxsize=4)
def default_attributor(models: str = "auto") -> Attributor:
    """A shared Attributor per ``models`` value (clear with ``default_attributor.cache_clear()``)."""
    return Attributor(models=models)
