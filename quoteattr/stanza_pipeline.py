"""The Stanza pipeline: building it from a model set, the parser that runs it, and the cap on
the words of a sentence handed to its tagger and parser.

`quoteattr.parse` adapts what the pipeline produces to quoteattr's own `ParsedDoc`; the value
types are in `quoteattr.parsed` and the text handed to Stanza is prepared in
`quoteattr.textprep`. Stanza and torch are imported inside functions only, so
``import quoteattr`` stays cheap.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quoteattr.errors import DependencyError, MissingProcessorError
from quoteattr.models import ModelSet, resolve_models
from quoteattr.parsed import ParsedDoc
from quoteattr.textprep import prepare_text

if TYPE_CHECKING:  # pragma: no cover
    import stanza

log = logging.getLogger("quoteattr")

__all__ = ["MAX_SENTENCE_WORDS", "StanzaParser", "bound_sentences", "build_pipeline",
           "download_official"]


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
# Text handed to Stanza, and the way back


class StanzaParser:
    """Parses text with a Stanza pipeline built from a `ModelSet`.

    The pipeline is built on first use and reused; building it is thread-safe.

    Args:
        models: anything `resolve_models` accepts.
        use_gpu: let Stanza use a GPU when one is present.
        coref: run coreference when the model set has it (default True).
        pipeline: an already built ``stanza.Pipeline`` to use instead (see
            `from_pipeline`).
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


def download_official(model_dir: str, processors: str) -> None:
    """Fetch the official Stanza English models into ``model_dir`` (needs network access).

    Raises whatever Stanza raises when the download fails (``quoteattr download`` reports it).
    """
    import stanza

    stanza.download("en", model_dir=model_dir, processors=processors, verbose=False)
