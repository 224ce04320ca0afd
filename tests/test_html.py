"""The HTML view: highlighted quotes, one colour per speaker, a legend, everything escaped."""

from __future__ import annotations

from fakes import SAID, TOLD, FakeParser

import quoteattr
from quoteattr.html import PALETTE, document_html, documents_page


def _doc(text: str):
    return quoteattr.Attributor(parser=FakeParser())(text, id="d1")


def test_quotes_speakers_and_cue_are_marked():
    """Each speech quote is highlighted in its speaker's colour, with a badge naming the
    speaker and kind; the cue and the speaker's mention are marked."""
    html = document_html(_doc(SAID[0]))
    assert f'style="background:{PALETTE[0]}"' in html
    assert '<sup class="qa-who">Smith · named</sup>' in html
    assert '<span class="qa-cue">said</span>' in html
    assert f'<span class="qa-spk" style="border-bottom:3px solid {PALETTE[0]}">Smith</span>' in html
    assert "Smith (named) × 1" in html  # legend


def test_everything_is_escaped():
    """HTML in the input is shown as text, never interpreted."""
    text = '<script>alert("x")</script> He said “<b>hi</b> & bye” today.'
    doc = quoteattr.Document(text=text, quotes=quoteattr.find_quotes(text))
    html = document_html(doc)
    assert "<script>" not in html and "<b>hi</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;hi&lt;/b&gt; &amp; bye" in html


def test_self_contained():
    """No external resources and no JavaScript."""
    page = documents_page([_doc(SAID[0]), _doc(TOLD[0])])
    assert page.startswith("<!DOCTYPE html>")
    for bad in ("<script", "http://", "https://", "src="):
        assert bad not in page


def test_repr_html_and_render():
    """Document._repr_html_ and render(jupyter=False) give the same HTML."""
    doc = _doc(TOLD[0])
    assert doc._repr_html_() == quoteattr.render(doc, jupyter=False)
    assert "Reed · named" in doc._repr_html_()


def test_nonspeech_and_unattributed_in_legend():
    """Scare quotes are grey and counted; so are speech quotes without a speaker."""
    text = "A “term” here. “We will never give up on this city and its people.”"
    doc = quoteattr.Document(text=text, quotes=quoteattr.find_quotes(text))
    html = document_html(doc)
    assert "not speech × 1" in html and "unattributed × 1" in html


def test_quote_at_end_of_text_gets_badge():
    """A quote that ends the text still gets its speaker badge."""
    doc = _doc(SAID[0])
    q = doc.quotes[0]
    cut = quoteattr.Document(text=doc.text[: q.end], quotes=(q,))
    assert "Smith · named" in document_html(cut)
