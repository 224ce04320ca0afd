"""Property test over the full Attributor (bundled models): generated news- and fiction-like
documents, with odd marks, markup, control characters and surrogates mixed in, never raise and
keep every promise of the result types. A fixed example budget (150, derandomized) keeps it to
about a minute."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr.export import document_record, to_records
from quoteattr.spans import find_quote_spans

pytestmark = pytest.mark.models

NAMES = ["Mark Rutte", "Smith", "Miss Bartlett", "one NATO diplomat", "the Kremlin", "she",
         "he", "I", "two people familiar with the talks", "**Jane Doe**", "👍", "12345"]
VERBS = ["said", "told reporters", "added", "asked", "says", "wrote"]
QUOTES = ["We are ready", "Not now", "It is, as he put it, “a mess”", "Yes", "'Tis so",
          "Hello,“", "la « paix »", "a\u202fb", "x\ud800y", "<script>alert(1)</script>"]
OPEN_CLOSE = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("``", "''"), ("`", "'"),
              ("„", "“"), ("「", "」"), ("“", "“"), ("", "”")]


@st.composite
def sentences(draw) -> str:
    o, c = draw(st.sampled_from(OPEN_CLOSE))
    quote = draw(st.sampled_from(QUOTES))
    who, verb = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return f"{o}{quote},{c} {who} {verb}."
    if shape == 1:
        return f"{who} {verb}: {o}{quote}.{c}"
    if shape == 2:
        return f"{o}{quote},{c} {verb} {who}. {o}And more.{c}"
    return draw(st.sampled_from(["The talks went on.", "", "\x1b[31mred\x1b[0m", "\r",
                                 "Q: Why?", "A: Because.", "Related coverage", "—"]))


documents = st.lists(
    st.tuples(sentences(), st.sampled_from([" ", "\n", "\n\n", "  \n"])), max_size=8,
).map(lambda parts: "".join(s + sep for s, sep in parts))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=documents)
def test_full_attributor_keeps_its_promises(bundled, text):
    """Every quote's, speaker mention's, cue's and entity mention's offsets index the text;
    no span the finder saw is dropped; records round-trip and serialize."""
    doc = bundled(text)
    assert len(doc.quotes) == len(find_quote_spans(text).spans)
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        for span in (q.cue, q.speaker.mention if q.speaker else None):
            if span is not None:
                assert text[span.start:span.end] == span.text
        if q.speaker is not None:
            assert any(ch.isalpha() for ch in q.speaker.label)
            assert q.speaker.entity is None or doc.entity(q.speaker.entity)
    for e in doc.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    assert quoteattr.Document.from_dict(doc.to_dict()) == doc
    json.dumps(document_record(doc))  # lone surrogates become \u escapes, never an error
    assert len(to_records(doc)) == len(doc.quotes)
    doc._repr_html_().encode("utf-8")  # the view is always encodable
