"""The HTML view: highlighted quotes, one colour per speaker in light and dark themes, a
legend that explains the marks, plain-language tooltips, everything escaped."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

from fakes import SAID, TOLD, FakeParser

import quoteattr
from quoteattr import html as qhtml
from quoteattr.html import DARK_PALETTE, PALETTE, document_html, documents_page
from quoteattr.types import Document, Quote, Span, Speaker


def _doc(text: str, id: str = "d1"):
    return quoteattr.Attributor(parser=FakeParser())(text, id=id)


def _quote(text: str, inside: str, label: str | None, kind: str = "direct") -> Quote:
    start = text.index(inside)
    sp = None
    if label is not None:
        at = text.index(label, start + len(inside))
        sp = Speaker(label=label, kind="named", name=label, mention=Span.of(text, at, at + len(label)))
    return Quote(start=start, end=start + len(inside), text=inside, kind=kind, speaker=sp,
                 confidence=0.9, evidence=("speech:cue-verb", "subject"))


def test_quotes_speakers_and_cue_are_marked():
    """Each speech quote is highlighted in its speaker's colour class, with a badge naming
    speaker, kind of speaker and direct/partial; the cue and the speaker's mention are marked."""
    html = document_html(_doc(SAID[0]))
    assert 'class="qa-q qa-c0"' in html
    assert '<sup class="qa-who">Smith · named · direct</sup>' in html
    assert '<span class="qa-cue" title="cue: the words that attribute the quote">said</span>' in html
    assert f'style="border-bottom-color:{qhtml.BASE[0]}"' in html and ">Smith</span>" in html
    assert "Smith (named) × 1" in html  # legend


def test_tooltip_is_plain_language():
    """The tooltip says who, the cue, the kind, the confidence and the evidence in words."""
    html = document_html(_doc(SAID[0]))
    title = html.split('class="qa-q qa-c0" title="')[1].split('"')[0]
    assert title.startswith("Smith (a named person): direct quote; cue “said”; confidence ")
    assert "Why: " in title and "speaker:named" not in title


def test_legend_explains_the_marks():
    """The legend says what the wavy underline, the bold underline and the badge mean."""
    html = document_html(_doc(SAID[0]))
    for words in ("wavy underline</span>: the cue", "bold, underlined</b>: the mention",
                  "speaker · kind of speaker · direct or partial", "not speech"):
        assert words in html


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
    assert "Reed · named · direct" in doc._repr_html_()


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
    assert "Smith · named · direct" in document_html(cut)


def test_paragraphs_are_spaced():
    """Paragraph breaks become a spaced block, not a bare <br>."""
    text = "First paragraph.\n\nSecond “one,” Smith said.\nThird."
    doc = Document(text=text, quotes=(_quote(text, "one,", "Smith"),))
    html = document_html(doc, include_style=False)
    assert "<br" not in html and html.count('<span class="qa-p"></span>') == 2


def test_nested_quote_is_one_span_and_one_badge():
    """A quote inside a quote sits inside one unbroken outer highlight; an unattributed
    inner quote adds no badge of its own."""
    text = "“He told me ‘never again’ twice,” Smith said."
    outer = _quote(text, "He told me ‘never again’ twice,", "Smith")
    inner = Quote(start=text.index("never"), end=text.index("’"), text="never again",
                  kind="partial")
    html = document_html(Document(text=text, quotes=(outer, inner)), include_style=False)
    body = html.split('class="qa-text">')[1]
    assert body.count('class="qa-q qa-c0"') == 1  # not cut into fragments
    assert body.count('<sup class="qa-who">') == 1
    assert "qa-nest" in body


def test_speakers_keep_colours_across_documents_and_summary():
    """On a page of several documents a speaker keeps one colour, and a summary of each
    document's speakers with counts comes first."""
    a, b = _doc(SAID[0], "a"), _doc(TOLD[0], "b")
    c = _doc(SAID[0], "c")
    page = documents_page([a, b, c])
    summary, rest = page.split('<section id="qa-doc-0">')
    assert "3 documents" in summary and "Smith (named) × 1" in summary and "Reed (named)" in summary
    sections = rest.split("<section")
    assert 'qa-q qa-c0"' in sections[0] and 'qa-q qa-c1"' in sections[1]
    assert 'qa-q qa-c0"' in sections[2]  # Smith again: the same colour as in document a


def test_colour_key_is_decided_in_one_place(monkeypatch):
    """Colours follow speaker_key: with one key for everyone, every speaker shares a colour."""
    a, b = _doc(SAID[0], "a"), _doc(TOLD[0], "b")
    assert qhtml.speaker_colours([a, b]) == {"smith": 0, "reed": 1}
    monkeypatch.setattr(qhtml, "speaker_key", lambda q, doc_id=None: "everyone")
    page = documents_page([a, b])
    assert "qa-c1" not in page.split("</style>")[1]


def test_more_speakers_than_colours_get_outlines():
    """Speaker 21 repeats colour 1 with a dashed outline: no two speakers look the same
    before 80."""
    parts, quotes = [], []
    for n in range(25):
        parts.append(f"“Q{n},” P{n} said. ")
    text = "".join(parts)
    for n in range(25):
        quotes.append(_quote(text, f"Q{n},", f"P{n}"))
    html = document_html(Document(text=text, quotes=tuple(quotes)))
    assert 'class="qa-q qa-c0"' in html and 'class="qa-q qa-c0 qa-o1"' in html
    assert ".qa-o1{outline:2px dashed" in html


def _lab(hex_colour: str) -> tuple[float, float, float]:
    def lin(x):
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_palettes_are_distinct():
    """20 colours per theme, no two closer than 7 CIELAB units (the old 12-colour palette had
    two blues 4.6 apart)."""
    for pal in (PALETTE, DARK_PALETTE):
        assert len(set(pal)) == 20
        closest = min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(pal, 2))
        assert closest >= 7, closest


def test_glossary_covers_every_evidence_code():
    """docs/glossary.md explains every evidence code the tooltips put in words."""
    glossary = (Path(__file__).parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
    missing = [code for code in qhtml.EVIDENCE_WORDS if f"`{code}`" not in glossary]
    assert not missing


def test_crossing_marks_stay_balanced():
    """A mention that crosses a quote's edge is closed and reopened: every tag is closed
    and the text reads in order."""
    text = "“Go now,” Smith said."
    q = _quote(text, "Go now,", "Smith")
    odd = Speaker(label="now,” Smith", kind="named", mention=Span.of(text, 4, 16))
    q2 = Quote(start=q.start, end=q.end, text=q.text, kind="direct", speaker=odd)
    html = document_html(Document(text=text, quotes=(q2,)), include_style=False)
    body = html.split('class="qa-text">')[1]
    assert body.count("<span") == body.count("</span>") == 3  # quote, mention, mention again
    import re

    plain = re.sub(r"<sup.*?</sup>|<[^>]+>", "", body)
    assert plain.startswith("“Go now,” Smith said.")


def test_page_explains_the_marks_once():
    """A page of several documents explains the marks once, at the top; one document alone
    (Jupyter) carries its own explanation."""
    page = documents_page([_doc(SAID[0], "a"), _doc(TOLD[0], "b")])
    assert page.count("wavy underline") == 1
    assert page.index("wavy underline") < page.index('<section id="qa-doc-0">')
    assert documents_page([_doc(SAID[0], "a")]).count("wavy underline") == 1


def test_colour_key_follows_the_speaker_entity():
    """Unnamed sources are told apart by entity, not label: two different "a diplomat"
    sources get two colours, one source named two ways keeps one; a named speaker keys by
    its name (a resolved "he" shares Smith's colour)."""
    text = "“A,” a diplomat said. “B,” a diplomat said. “C,” the diplomat added. “D,” he said."

    def q(inside, label, entity, name=None, kind="anonymous"):
        start = text.index(inside)
        at = text.index(label, start)
        return Quote(start=start, end=start + len(inside), text=inside, kind="direct",
                     speaker=Speaker(label=label, kind=kind, name=name, entity=entity,
                                     mention=Span.of(text, at, at + len(label))))

    quotes = (q("A,", "a diplomat", "e1"), q("B,", "a diplomat", "e2"),
              q("C,", "the diplomat", "e2"), q("D,", "he", "e3", name="Smith", kind="pronoun"))
    keys = [qhtml.speaker_key(x, "doc") for x in quotes]
    assert keys[0] != keys[1] and keys[1] == keys[2] and keys[3] == "smith"
    assert qhtml.speaker_key(quotes[1], "other") != keys[1]  # ids are per document
