"""A self-contained HTML view of attributed quotes (Jupyter's ``_repr_html_``, the CLI's
``--format html``): the text with every quote highlighted in its speaker's colour, the
speaker's label and kind beside it, the cue underlined, and a legend. No CDN, no JavaScript;
every piece of input text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from quoteattr.lexicon import QUOTE_MARKS
from quoteattr.types import Document, Quote

__all__ = ["document_html", "documents_page", "speaker_colours"]

PALETTE = ("#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc",
           "#d9f99d", "#fecaca", "#c7d2fe", "#e9d5ff", "#99f6e4")
NONSPEECH = "#e5e7eb"
UNATTRIBUTED = "#f3f4f6"

STYLE = """<style>
.qa-doc{font-family:Georgia,serif;line-height:1.9;max-width:52em}
.qa-q{padding:1px 2px;border-radius:3px}
.qa-ns{background:#e5e7eb;border-bottom:1px dashed #6b7280}
.qa-who{font-family:Helvetica,Arial,sans-serif;font-size:70%;color:#111;
 background:#fff;border:1px solid #9ca3af;border-radius:8px;padding:0 4px;margin-left:2px}
.qa-cue{text-decoration:underline;text-decoration-style:wavy;text-decoration-color:#b91c1c}
.qa-spk{font-weight:bold}
.qa-legend{font-family:Helvetica,Arial,sans-serif;font-size:85%;margin:.5em 0 1em 0}
.qa-legend span{display:inline-block;margin:2px 8px 2px 0;padding:0 6px;border-radius:3px}
.qa-diag{font-family:Helvetica,Arial,sans-serif;font-size:80%;color:#92400e}
</style>"""


def _key(q: Quote) -> str | None:
    if q.speaker is None:
        return None
    return (q.speaker.name or q.speaker.label).lower()


def speaker_colours(doc: Document) -> dict[str, str]:
    """One colour per speaker (by name, else label), in order of first appearance."""
    colours: dict[str, str] = {}
    for q in doc.quotes:
        k = _key(q)
        if k is not None and k not in colours:
            colours[k] = PALETTE[len(colours) % len(PALETTE)]
    return colours


def document_html(doc: Document, include_style: bool = True) -> str:
    """The text of ``doc`` with its quotes highlighted, plus a legend."""
    text = doc.text
    colours = speaker_colours(doc)
    # intervals: (start, end, order, kind, payload); order nests quotes outside cues/mentions
    intervals: list[tuple[int, int, int, str, Quote]] = []
    for q in doc.quotes:
        intervals.append((q.start, q.end, 0, "quote", q))
        if q.cue is not None:
            intervals.append((q.cue.start, q.cue.end, 1, "cue", q))
        if q.speaker is not None:
            m = q.speaker.mention
            intervals.append((m.start, m.end, 2, "speaker", q))
    bounds = sorted({0, len(text)} | {i[0] for i in intervals} | {i[1] for i in intervals})
    ends_at: dict[int, list[Quote]] = {}
    for q in doc.quotes:
        # the badge goes after the closing mark, when there is one
        at = q.end + 1 if text[q.end : q.end + 1] in QUOTE_MARKS and q.end < len(text) else q.end
        ends_at.setdefault(at, []).append(q)
    bounds = sorted(set(bounds) | set(ends_at))
    starts: dict[int, list[tuple[int, int, int, str, Quote]]] = {}
    for iv in intervals:
        starts.setdefault(iv[0], []).append(iv)
    out: list[str] = []
    current: list[tuple[int, int, int, str, Quote]] = []
    for a, b in zip(bounds, bounds[1:]):
        if a in ends_at and a > 0:
            out.extend(_badge(q) for q in ends_at[a])
        # a sweep: drop what ended, add what starts here (linear in the number of quotes)
        current = [iv for iv in current if iv[1] > a] + starts.get(a, [])
        active = sorted((iv for iv in current if iv[1] >= b), key=lambda i: i[2])
        piece = _escape(text[a:b])
        for _, _, _, kind, q in reversed(active):
            piece = _wrap(kind, q, piece, colours)
        out.append(piece)
    if len(text) in ends_at:
        out.extend(_badge(q) for q in ends_at[len(text)])
    legend = _legend(doc, colours)
    diags = "".join(f'<div class="qa-diag">note: {_escape(d.code)} at {d.start}: '
                    f"{_escape(d.message)}</div>" for d in doc.diagnostics)
    body = f'<div class="qa-doc">{legend}<div>{"".join(out)}</div>{diags}</div>'
    return (STYLE + body) if include_style else body


def _escape(s: str) -> str:
    return html.escape(s, quote=True).replace("\n", "<br>\n")


def _wrap(kind: str, q: Quote, inner: str, colours: dict[str, str]) -> str:
    if kind == "quote":
        if not q.is_speech:
            return f'<span class="qa-q qa-ns" title="not speech">{inner}</span>'
        colour = colours.get(_key(q) or "", UNATTRIBUTED)
        title = _escape(f"{q.kind.value}; " + ", ".join(q.evidence))
        return f'<span class="qa-q" style="background:{colour}" title="{title}">{inner}</span>'
    if kind == "cue":
        return f'<span class="qa-cue">{inner}</span>'
    colour = colours.get(_key(q) or "", UNATTRIBUTED)
    return f'<span class="qa-spk" style="border-bottom:3px solid {colour}">{inner}</span>'


def _badge(q: Quote) -> str:
    if not q.is_speech:
        return ""
    if q.speaker is None:
        return '<sup class="qa-who">? unattributed</sup>'
    return (f'<sup class="qa-who">{_escape(q.speaker.label)} · '
            f"{_escape(q.speaker.kind.value)}</sup>")


def _legend(doc: Document, colours: dict[str, str]) -> str:
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for q in doc.quotes:
        k = _key(q)
        if k is not None:
            counts[k] = counts.get(k, 0) + 1
            labels.setdefault(k, f"{q.speaker.label} ({q.speaker.kind.value})")
    items = [f'<span style="background:{colours[k]}">{_escape(labels[k])} × {n}</span>'
             for k, n in counts.items()]
    n_ns = sum(1 for q in doc.quotes if not q.is_speech)
    n_un = sum(1 for q in doc.quotes if q.is_speech and q.speaker is None)
    if n_un:
        items.append(f'<span style="background:{UNATTRIBUTED}">unattributed × {n_un}</span>')
    if n_ns:
        items.append(f'<span class="qa-ns">not speech × {n_ns}</span>')
    title = f"<b>{_escape(doc.id)}</b> " if doc.id else ""
    return f'<div class="qa-legend">{title}{"".join(items) or "no quotes"}</div>'


def documents_page(docs: Sequence[Document], title: str = "quoteattr") -> str:
    """A complete HTML page for several documents."""
    body = "\n<hr>\n".join(document_html(d, include_style=False) for d in docs)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{_escape(title)}</title>{STYLE}</head><body>\n{body}\n</body></html>\n")
