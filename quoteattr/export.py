"""Getting results out: the JSON Lines record, flat records, CSV/TSV, pandas, and the HTML view.

The JSON Lines record of a document is built in one place,
[document_record][quoteattr.export.document_record], which the command line and the Dask helper
both use.

Lone surrogates (``"\\ud800"``: they come from decoding with ``errors="surrogateescape"`` or
from cutting UTF-16 data) are not text any encoder can write. Each export decides once what
they become:

- ``to_dict``, [to_records][quoteattr.export.to_records] and the JSON Lines record keep the
  Python strings as they are; a JSON line holding one is written with ``\\udXXX`` escapes
  (valid JSON, read back unchanged by ``json.loads``).
- The DataFrame (and so CSV and Parquet written from it), [to_csv][quoteattr.export.to_csv], the
  HTML view and the command line's table replace each lone surrogate with U+FFFD (``"�"``), one
  character for one, so offsets still index the text.

This module imports nothing from the rest of quoteattr at import time: `Document` methods
call into it, and it reads documents by their attributes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from quoteattr._text import clean_text
from quoteattr.speaker_table import merge_by_name, speaker_records, speakers_dataframe

if TYPE_CHECKING:  # pragma: no cover - annotations only: no import circle with types.py
    from quoteattr.types import Document

__all__ = ["RECORD_COLUMNS", "clean_text", "document_record", "json_line", "merge_by_name",
           "render", "speaker_records", "speakers_dataframe", "to_csv", "to_dataframe", "to_html",
           "to_jsonl", "to_records"]


#: The columns of [to_records][quoteattr.export.to_records] and
#: [to_dataframe][quoteattr.export.to_dataframe], in order.
RECORD_COLUMNS = ("doc_id", "quote_index", "start", "end", "text", "kind", "speaker_label",
                  "speaker_name", "speaker_kind", "speaker_title", "speaker_organization",
                  "speaker_entity", "speaker_start", "speaker_end", "speaker_mention", "cue", "cue_start",
                  "cue_end", "confidence", "evidence")
_INT_COLUMNS = frozenset({"quote_index", "start", "end", "speaker_start", "speaker_end",
                          "cue_start", "cue_end"})
_FLOAT_COLUMNS = frozenset({"confidence"})

def _is_document(obj: Any) -> bool:
    return hasattr(obj, "quotes") and hasattr(obj, "diagnostics") and hasattr(obj, "text")


def document_record(doc: Document, *, name: str | None = None) -> dict[str, Any]:
    """The JSON Lines record of one document: the one shape the CLI and the Dask helper write.

    Keys, in order: ``id`` (the caller's id; the CLI uses the path as given, so ``a/x.txt``
    and ``b/x.txt`` stay apart), ``name`` (a short name: the CLI gives the file stem),
    ``models`` (where the parse came from), ``version`` (of quoteattr), ``quotes``
    (``Quote.to_dict()`` each), ``diagnostics`` (``Diagnostic.to_dict()`` each) and
    ``entities`` (``Entity.to_dict()`` each: the people and sources each quote's
    ``speaker.entity`` points at). The text itself is not repeated; ``Document.to_dict()``
    has it.
    """
    from quoteattr import __version__

    return {
        "id": doc.id,
        "name": name,
        "models": doc.models,
        "version": __version__,
        "quotes": [q.to_dict() for q in doc.quotes],
        "diagnostics": [d.to_dict() for d in doc.diagnostics],
        "entities": [e.to_dict() for e in doc.entities],
    }


def to_records(doc: Document) -> list[dict[str, Any]]:
    """One flat dict per quote, speaker fields as ``speaker_*`` columns; missing values are
    None and strings are kept exactly as in the document."""
    rows = []
    for n, q in enumerate(doc.quotes):
        sp = q.speaker
        rows.append({
            "doc_id": doc.id,
            "quote_index": n,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind.value,
            "speaker_label": sp.label if sp else None,
            "speaker_name": sp.name if sp else None,
            "speaker_kind": sp.kind.value if sp else None,
            "speaker_title": sp.title if sp else None,
            "speaker_organization": sp.organization if sp else None,
            "speaker_entity": sp.entity if sp else None,
            "speaker_start": sp.mention.start if sp else None,
            "speaker_end": sp.mention.end if sp else None,
            "speaker_mention": sp.mention.text if sp else None,
            "cue": q.cue.text if q.cue else None,
            "cue_start": q.cue.start if q.cue else None,
            "cue_end": q.cue.end if q.cue else None,
            "confidence": q.confidence,
            "evidence": ";".join(q.evidence),
        })
    return rows


def _documents(doc: Document | Iterable[Document]) -> list[Document]:
    return [doc] if _is_document(doc) else list(doc)  # type: ignore[list-item, arg-type]


def to_dataframe(doc: Document | Iterable[Document]):
    """A pandas DataFrame with one row per quote (``pip install 'quoteattr[pandas]'``).

    Columns are [RECORD_COLUMNS][quoteattr.export.RECORD_COLUMNS]. Offsets and
    ``quote_index`` are nullable integers (``Int64``), ``confidence`` is ``float64`` and every
    other column is pandas' ``string`` dtype, so a missing value is ``pd.NA`` in every
    column. Lone surrogates become U+FFFD (see the module notes), so the frame can be written
    to CSV or Parquet.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        from quoteattr.errors import DependencyError

        raise DependencyError("pandas", "Document.to_dataframe()", extra="pandas") from exc
    rows = [r for d in _documents(doc) for r in to_records(d)]
    columns: dict[str, Any] = {}  # one pandas extension array per column
    for col in RECORD_COLUMNS:
        values = [r[col] for r in rows]
        if col in _INT_COLUMNS:
            columns[col] = pd.array(values, dtype="Int64")
        elif col in _FLOAT_COLUMNS:
            columns[col] = pd.array(values, dtype="float64")
        else:
            columns[col] = pd.array([None if v is None else clean_text(str(v)) for v in values],
                                    dtype="string")
    return pd.DataFrame(columns, columns=list(RECORD_COLUMNS))


def to_csv(docs: Document | Iterable[Document], out: IO[str], *, delimiter: str = ",",
           header: bool = True) -> int:
    """Write one row per quote, the DataFrame's columns, as CSV (or TSV with
    ``delimiter="\\t"``); no pandas needed. Return the number of rows.

    Missing values are empty fields; fields holding the delimiter, a quotation mark or a
    newline are quoted as the ``csv`` module does; lone surrogates become U+FFFD.
    """
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writerow(RECORD_COLUMNS)
    n = 0
    for d in _documents(docs):
        for row in to_records(d):
            writer.writerow(["" if row[c] is None else
                             clean_text(row[c]) if isinstance(row[c], str) else row[c]
                             for c in RECORD_COLUMNS])
            n += 1
    return n


def json_line(obj: Any) -> str:
    """One JSON line, UTF-8 where possible; text with lone surrogates (which UTF-8 cannot
    encode) falls back to ASCII escapes, so the line is always writable and valid JSON."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(obj, ensure_ascii=True)
    return line + "\n"


def to_jsonl(docs: Iterable[Document], out: IO[str]) -> int:
    """Write one [document_record][quoteattr.export.document_record] line per document;
    return the count."""
    n = 0
    for doc in docs:
        out.write(json_line(document_record(doc)))
        n += 1
    return n


def to_html(doc: Document) -> str:
    """Self-contained HTML of the text with its quotes highlighted (see
    [document_html][quoteattr.html.document_html])."""
    from quoteattr.html import document_html

    return document_html(doc)


def render(doc: Document, jupyter: bool | None = None) -> str | None:
    """Show a Document as HTML: displayed in a notebook, returned as a string elsewhere.

    Args:
        doc: the document to show.
        jupyter: None detects a notebook; True forces display; False returns the HTML.

    Returns:
        The HTML string, or None when it was displayed.
    """
    html = to_html(doc)
    if jupyter is None:
        jupyter = _in_notebook()
    if jupyter:
        try:
            from IPython.display import HTML, display
        except ImportError as exc:
            from quoteattr.errors import DependencyError

            raise DependencyError("ipython", "render(jupyter=True)") from exc

        display(HTML(html))
        return None
    return html


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"
