"""Getting results out: flat records, JSON Lines, pandas, and an HTML view for Jupyter."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from quoteattr.speaker_table import merge_by_name, speaker_records, speakers_dataframe  # noqa: F401
from quoteattr.types import Document

__all__ = ["json_line", "render", "to_dataframe", "to_html", "to_jsonl", "to_records"]


#: The columns of :func:`to_records` and :func:`to_dataframe`, in order.
RECORD_COLUMNS = ("doc_id", "quote_index", "start", "end", "text", "kind", "speaker_label",
                  "speaker_name", "speaker_kind", "speaker_title", "speaker_organization",
                  "speaker_start", "speaker_end", "speaker_mention", "cue", "cue_start",
                  "cue_end", "confidence", "evidence")


def to_records(doc: Document) -> list[dict[str, Any]]:
    """One flat dict per quote, speaker fields as ``speaker_*`` columns."""
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


def to_dataframe(doc: Document | Iterable[Document]):
    """A pandas DataFrame with one row per quote (``pip install 'quoteattr[pandas]'``)."""
    try:
        import pandas as pd
    except ImportError as exc:
        from quoteattr.errors import DependencyError

        raise DependencyError("pandas", "Document.to_dataframe()", extra="pandas") from exc
    docs = [doc] if isinstance(doc, Document) else list(doc)
    rows = [r for d in docs for r in to_records(d)]
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS))


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
    """Write ``{"id", "quotes": [Quote.to_dict()...]}`` per document; return the count."""
    n = 0
    for doc in docs:
        out.write(json_line({"id": doc.id, "quotes": [q.to_dict() for q in doc.quotes]}))
        n += 1
    return n


def to_html(doc: Document) -> str:
    """Self-contained HTML of the text with quotes highlighted (filled in by the Jupyter
    issue's view; kept minimal here)."""
    from quoteattr.html import document_html

    return document_html(doc)


def render(doc: Document, jupyter: bool | None = None) -> str | None:
    """Show a Document as HTML: displayed in a notebook, returned as a string elsewhere.

    Args:
        jupyter: None detects a notebook; True forces display; False returns the HTML.
    """
    html = to_html(doc)
    if jupyter is None:
        jupyter = _in_notebook()
    if jupyter:
        try:
            from IPython.display import HTML, display  # type: ignore[import-not-found]
        except ImportError as exc:
            from quoteattr.errors import DependencyError

            raise DependencyError("ipython", "render(jupyter=True)") from exc

        display(HTML(html))
        return None
    return html


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython  # type: ignore[import-not-found]
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"
