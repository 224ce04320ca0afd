"""Who gets quoted: one row per entity per document, and a name-based merge over a corpus.

* `speaker_records` gives a document's entities as flat dicts (no pandas needed):
  ``doc_id``, ``entity``, ``name``, ``kind``, ``title``, ``organization``, ``gender``,
  ``quotes`` (speech quotes attributed to it), ``words_quoted`` and ``first_mention`` (the
  character offset of its first mention).
* `speakers_dataframe` is the same for many documents as a pandas DataFrame.
* `merge_by_name` adds up the rows of the same *named* person across documents. It is a
  **name-based merge**: two rows are one person when their normalized full names are equal
  (lower case, honorifics dropped where a first and last name remain, so "Mr. Mark Rutte" =
  "Mark Rutte", but "Mrs. Hilbery" and "Mr. Hilbery" stay apart). Two different people with
  one name are merged; one person named differently ("Rutte" in one article, "Mark Rutte" in
  another) is not. Unnamed sources are never merged across documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import regex

from quoteattr.names import normalize_full_name
from quoteattr.types import SpeakerKind

if TYPE_CHECKING:  # annotations only
    from quoteattr.types import Document

__all__ = ["SPEAKER_COLUMNS", "merge_by_name", "speaker_records", "speakers_dataframe"]

#: The columns of `speaker_records` and `speakers_dataframe`, in order.
SPEAKER_COLUMNS = ("doc_id", "entity", "name", "kind", "title", "organization", "gender",
                   "quotes", "words_quoted", "first_mention")

_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")


def speaker_records(doc: Document) -> list[dict[str, Any]]:
    """One dict per entity of ``doc``, in entity order (entities that never speak included,
    with ``quotes`` 0).

    >>> from quoteattr.types import Document
    >>> speaker_records(Document(text=""))
    []
    """
    quotes: dict[str, int] = {}
    words: dict[str, int] = {}
    for q in doc.speech:
        if q.speaker is None or q.speaker.entity is None:
            continue
        quotes[q.speaker.entity] = quotes.get(q.speaker.entity, 0) + 1
        words[q.speaker.entity] = words.get(q.speaker.entity, 0) + len(_WORD_RE.findall(q.text))
    return [{
        "doc_id": doc.id,
        "entity": e.id,
        "name": e.name,
        "kind": e.kind.value,
        "title": e.title,
        "organization": e.organization,
        "gender": e.gender,
        "quotes": quotes.get(e.id, 0),
        "words_quoted": words.get(e.id, 0),
        "first_mention": e.mentions[0].start if e.mentions else None,
    } for e in doc.entities]


def speakers_dataframe(docs: Document | Iterable[Document]):
    """`speaker_records` of one or many documents as a pandas DataFrame
    (``pip install 'quoteattr[pandas]'``)."""
    try:
        import pandas as pd
    except ImportError as exc:
        from quoteattr.errors import DependencyError

        raise DependencyError("pandas", "speakers_dataframe()", extra="pandas") from exc
    from quoteattr.types import Document

    items = [docs] if isinstance(docs, Document) else list(docs)
    rows = [r for d in items for r in speaker_records(d)]
    return pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))


def merge_by_name(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Quotes per named person over a corpus, merged by normalized full name (see the module
    docstring: a name-based merge, not identity). One dict per person: ``name`` (the first
    spelling met), ``key`` (the normalized name), ``documents``, ``quotes``, ``words_quoted``
    and ``entities`` (the ``(doc_id, entity id)`` pairs merged), most quoted first. Only
    ``named`` entities that speak are counted."""
    merged: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for row in speaker_records(doc):
            if row["kind"] != SpeakerKind.NAMED.value or not row["quotes"]:
                continue
            key = normalize_full_name(row["name"])
            if not key:
                continue
            out = merged.setdefault(key, {"name": row["name"], "key": key, "documents": 0,
                                          "quotes": 0, "words_quoted": 0, "entities": []})
            if not any(d == row["doc_id"] for d, _ in out["entities"]):
                out["documents"] += 1
            out["quotes"] += row["quotes"]
            out["words_quoted"] += row["words_quoted"]
            out["entities"].append((row["doc_id"], row["entity"]))
    return sorted(merged.values(), key=lambda r: (-r["quotes"], r["key"]))
