"""Property tests: for any string, the model-free path never raises and keeps its promises."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr import Quote
from quoteattr.lexicon import OPENING_MARKS, SECONDARY_PAIRS
from quoteattr.spans import find_quote_spans

MARKS = "\"'“”‘’«»„‹›「」`"
# text built from quote marks, letters, spaces, newlines, punctuation and odd code points
pieces = st.one_of(
    st.sampled_from(list(MARKS)),
    st.sampled_from(["a", "We", "said", "Smith", " ", "  ", "\n", "\n\n", ",", ".", ":", "—",
                     "’s", "n’t", "’90s", "``", "''", "\u202f", "Tis", "\r\n", "\x00",
                     "\ud800", "😀", "שלום", "<b>"]),
    st.text(max_size=3),
)
texts = st.lists(pieces, max_size=60).map("".join)


def _check(text: str, quotes: tuple[Quote, ...]) -> None:
    last = -1
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert 0 <= q.start <= q.end <= len(text)
        assert q.start >= last  # in text order
        last = q.start
        assert Quote.from_dict(q.to_dict()) == q
    # non-overlapping unless one is inside the other (nested)
    for a, b in zip(quotes, quotes[1:]):
        assert b.start >= a.end or (a.start <= b.start and b.end <= a.end)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_find_quotes_any_string(text):
    """find_quotes never raises on a str, and every quote is a true slice of the input."""
    _check(text, quoteattr.find_quotes(text))


@settings(max_examples=300, deadline=None)
@given(texts)
@example('""‘We""\'')  # a double quote left open inside an unclosed curly single (CI found it)
@example('‘We said "no\n\n"more')
@example('‚')  # a mark the strategy's list lacks but st.text can draw (a local run found it)
def test_spans_and_diagnostics_index_the_text(text):
    """Every span and diagnostic lies inside the text; segments lie inside their span."""
    result = find_quote_spans(text)
    for s in result.spans:
        # a TeX/Penn Treebank quote opens with a backtick (`` or `)
        assert text[s.open_mark] in OPENING_MARKS or text[s.open_mark] in SECONDARY_PAIRS or \
            text[s.open_mark] == "`"
        for a, b in s.segments:
            assert s.start <= a <= b <= s.end
    # spans are disjoint or properly nested, the inner one deeper
    for a in result.spans:
        for b in result.spans:
            if a is b or b.start >= a.end or a.start >= b.end:
                continue
            outer, inner = (a, b) if a.open_mark < b.open_mark else (b, a)
            assert outer.start <= inner.open_mark and inner.end <= outer.end, (outer, inner)
            assert inner.depth > outer.depth, (outer, inner)
    for d in result.diagnostics:
        assert 0 <= d.start < d.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode(text):
    """Arbitrary Unicode (surrogates included) is handled."""
    _check(text, quoteattr.find_quotes(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(pieces, st.sampled_from(["Q: ", "A: ", "Sources\n", "Related\n",
                                                   " — The Gazette", "?\n\n", "- "])),
                max_size=60).map("".join))
def test_structure_never_raises_and_indexes_the_text(text):
    """Document structure on any string: no exception, every offset inside the text."""
    from quoteattr.structure import analyze_structure

    s = analyze_structure(text)
    for h in s.headlines:
        assert text[h.start:h.end] == h.text
        assert h.quote is None or text[h.quote.start:h.quote.end] == h.quote.text
    for t in s.turns:
        assert 0 <= t.start < t.end <= len(text)
    if s.trailing_section is not None:
        assert 0 <= s.trailing_section.start <= s.trailing_section.end <= len(text)
