"""The text handed to Stanza: the selected paragraphs, control characters blanked, long
paragraphs cut into pieces, and the `TextMap` back to the original.
No stanza here."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from quoteattr.parsed import TextMap
from quoteattr.spans import normalize_marks

__all__ = ["MAX_PIECE_CHARS", "MAX_RUN_CHARS", "prepare_text"]

#: Longest stretch of text handed to Stanza as one paragraph. Longer paragraphs are cut at a
#: sentence end (or, failing that, at a space) so that no sentence, and so no parser matrix,
#: can grow without bound on text without punctuation.
MAX_PIECE_CHARS = 3000

_CONTROL_RE = regex.compile(r"[\p{Cc}\p{Cs}\p{Co}\p{Cn}\u2028\u2029\ufeff]")
_SENT_END_RE = regex.compile(r"[.!?…][\"'”’»)\]]*\s+")
_SOFT_BREAK_RE = regex.compile(r"[,;:”’»)\]]\s+")
#: Longest stretch without a sentence end handed to the parser as one piece.
MAX_RUN_CHARS = 1000


def prepare_text(text: str, regions: Sequence[tuple[int, int]]) -> tuple[str, TextMap]:
    """The text Stanza parses: ``regions`` of ``text`` (paragraphs) joined by blank lines so
    that Stanza never runs a sentence across them, with control characters blanked (same
    length) and long regions cut into pieces of at most `MAX_PIECE_CHARS`."""
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
    than MAX_RUN_CHARS without a sentence end (see `_cut_runs`)."""
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


# --------------------------------------------------------------------------------------------
# The parser
