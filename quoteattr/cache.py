"""Saving and loading parses, so re-attributing after a rules change does not re-parse.

A parse is stored as JSON (optionally gzipped: name the file ``*.json.gz``): quoteattr's own
`ParsedDoc`, with the text, offsets into it, and the model source. The
format is versioned; loading a file of another version raises ValueError.

>>> import quoteattr, quoteattr.cache as cache            # doctest: +SKIP
>>> att = quoteattr.Attributor()                          # doctest: +SKIP
>>> cache.save_parse(att.parse(text), "article.parse.json.gz")   # doctest: +SKIP
>>> doc = att.attribute_parsed(cache.load_parse("article.parse.json.gz"))  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import json
import os
from typing import Any

from quoteattr.parse import CorefChain, Entity, ParsedDoc, Sentence, Word

__all__ = ["FORMAT_VERSION", "parse_from_dict", "parse_to_dict", "load_parse", "save_parse"]

FORMAT_VERSION = 1
_WORD_FIELDS = ("index", "sent_index", "text", "lemma", "upos", "xpos", "feats", "head",
                "deprel", "start", "end", "token_index")


def parse_to_dict(doc: ParsedDoc) -> dict[str, Any]:
    """A JSON-safe dict of a parse."""
    return {
        "format": "quoteattr-parse", "version": FORMAT_VERSION, "source": doc.source,
        "text": doc.text,
        "words": [[getattr(w, f) for f in _WORD_FIELDS] for w in doc.words],
        "sentences": [[s.index, s.first_word, s.end_word, s.start, s.stop] for s in doc.sentences],
        "entities": [[e.type, e.first_word, e.end_word, e.start, e.stop] for e in doc.entities],
        "coref": None if doc.coref is None else
        [[c.index, [list(m) for m in c.mentions], c.representative] for c in doc.coref],
    }


def parse_from_dict(data: dict[str, Any]) -> ParsedDoc:
    """Rebuild a parse from `parse_to_dict` output."""
    if data.get("format") != "quoteattr-parse" or data.get("version") != FORMAT_VERSION:
        raise ValueError(f"not a quoteattr parse of version {FORMAT_VERSION}: "
                         f"format={data.get('format')!r} version={data.get('version')!r}")
    text = data["text"]
    words = tuple(Word(**dict(zip(_WORD_FIELDS, row))) for row in data["words"])
    sentences = tuple(Sentence(index=i, first_word=f, end_word=e, start=s, stop=t)
                      for i, f, e, s, t in data["sentences"])
    entities = tuple(Entity(type=ty, first_word=f, end_word=e, start=s, stop=t, text=text[s:t])
                     for ty, f, e, s, t in data["entities"])
    coref = None if data["coref"] is None else tuple(
        CorefChain(index=i, mentions=tuple(tuple(m) for m in ms), representative=r)
        for i, ms, r in data["coref"])
    return ParsedDoc(text=text, words=words, sentences=sentences, entities=entities,
                     coref=coref, source=data.get("source", ""))


def save_parse(doc: ParsedDoc, path: str | os.PathLike) -> None:
    """Write a parse to ``path`` (gzipped when the name ends in .gz)."""
    from quoteattr.export import json_line

    data = json_line(parse_to_dict(doc)).encode("utf-8")  # lone surrogates as \\u escapes
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as handle:
        handle.write(data)


def load_parse(path: str | os.PathLike) -> ParsedDoc:
    """Read a parse written by [save_parse][quoteattr.cache.save_parse]."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as handle:
        return parse_from_dict(json.loads(handle.read().decode("utf-8")))
