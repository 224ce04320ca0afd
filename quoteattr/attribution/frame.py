"""A quote's frame (the words around it) and its place among the document's quotes.

Word positions are word indices; ``Frame.start``/``Frame.end`` and the marks are character
offsets (the quote's content is ``text[start:end]``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from quoteattr import lexicon
from quoteattr.parsed import ParsedDoc
from quoteattr.spans import QuoteSpan

__all__ = ["Frame", "build_frame", "parent_of", "siblings_of"]

@attrs.frozen(kw_only=True)
class Frame:
    """The words around one quote.

    Attributes:
        quote: words inside the quote's content.
        words: words of the quote's sentences outside this quote and outside other quotes
            (for a nested quote: only words inside its parent quote).
        sentences: indices of the sentences the quote overlaps.
        heads: quote words whose head lies outside the quote (the quote's attachment points).
        open_mark: the opening mark's character offset; ``close_mark`` the closing one's
            (None for an unclosed quote).
        start: the content's first character; ``end`` one past its last (characters; the
            word positions above are word indices).
    """

    quote: frozenset[int]
    words: tuple[int, ...]
    sentences: tuple[int, ...]
    heads: tuple[int, ...]
    open_mark: int
    close_mark: int | None
    start: int
    end: int


def build_frame(doc: ParsedDoc, start: int, end: int, open_mark: int, close_mark: int | None,
                excluded: Sequence[tuple[int, int]], parent: tuple[int, int] | None = None
                ) -> Frame:
    """The frame of the quote whose content is ``[start, end)``.

    ``excluded``: content spans of the other quotes at the same depth; ``parent``: the content
    span of the enclosing quote for a nested one.
    """
    quote = frozenset(doc.words_between(start, end))
    last = close_mark + 1 if close_mark is not None else end
    sents = doc.sentences_between(open_mark, last)
    # the other quotes' spans do not overlap: a sorted list and bisection find the one a
    # word may sit in (a linear scan made quote-dense text quadratic)
    ex = sorted(excluded)
    ex_starts = [a for a, _ in ex]

    def in_other_quote(pos: int) -> bool:
        k = bisect.bisect_right(ex_starts, pos) - 1
        return k >= 0 and pos < ex[k][1]

    outer_subject = _outer_subject(doc, sents, parent) if parent is not None else frozenset()
    words = []
    for s in sents:
        for i in range(s.first_word, s.end_word):
            w = doc.words[i]
            if start <= w.start < end:
                continue
            if parent is not None and not (parent[0] <= w.start < parent[1]) and \
                    i not in outer_subject:
                continue
            if ex and in_other_quote(w.start):
                continue
            if w.upos == "PUNCT" and len(w.text) == 1 and w.text in lexicon.QUOTE_MARKS:
                continue
            words.append(i)
    heads = tuple(i for i in sorted(quote) if doc.words[i].head not in quote)
    # punctuation attaches anywhere ("very difficult," hangs its comma on the next verb):
    # it says nothing about what governs the quote
    content_heads = tuple(i for i in heads if doc.words[i].upos != "PUNCT")
    heads = content_heads or heads
    return Frame(quote=quote, words=tuple(words), sentences=tuple(s.index for s in sents),
                 heads=heads, open_mark=open_mark, close_mark=close_mark, start=start, end=end)


def _outer_subject(doc: ParsedDoc, sents, parent: tuple[int, int]) -> frozenset[int]:
    """The subject a partial parent quote continues, outside its marks (Rathbun asserted
    that officials "plied the detective ..., characterizing me as the 'anti-christ'"): the
    words of every subject phrase outside the parent whose head word is inside it. A nested
    quote's speaker may be that subject; nothing else outside the parent is in its frame."""
    inside = [i for s in sents for i in range(s.first_word, s.end_word)
              if parent[0] <= doc.words[i].start < parent[1]]
    if not inside:
        return frozenset()
    lo, hi = inside[0], inside[-1]
    heads = [i for s in sents for i in range(s.first_word, s.end_word)
             if not lo <= i <= hi and doc.words[i].deprel.startswith("nsubj")
             and lo <= doc.words[i].head <= hi]
    out: set[int] = set()
    for h in heads:
        stack = [h]
        while stack:
            k = stack.pop()
            if lo <= k <= hi or k in out:
                continue
            out.add(k)
            stack.extend(doc.children[k])
    return frozenset(out)


#: How far around a quote other quotes can share its sentences: Stanza never sees a piece
#: longer than MAX_PIECE_CHARS, so no sentence is longer.
_WINDOW = 3000


def siblings_of(spans: Sequence[QuoteSpan], starts: list[int], n: int) -> list[tuple[int, int]]:
    """Content spans of the other quotes at the same depth that can share a sentence with
    quote ``n`` (a window, so attribution stays linear in the number of quotes)."""
    span = spans[n]
    lo = bisect.bisect_left(starts, span.open_mark - _WINDOW)
    hi = bisect.bisect_right(starts, (span.close_mark or span.end) + _WINDOW)
    return [(s.start, s.end) for k, s in enumerate(spans[lo:hi], lo)
            if k != n and s.depth == span.depth]


def parent_of(spans: Sequence[QuoteSpan], n: int) -> tuple[int, int] | None:
    """The content range of the quote that encloses quote ``n`` (None at depth 0)."""
    span = spans[n]
    if not span.depth:
        return None
    for k in range(n - 1, -1, -1):
        s = spans[k]
        if s.depth == span.depth - 1 and s.start <= span.open_mark < s.end:
            return (s.start, s.end)
    return None
