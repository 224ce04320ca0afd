"""A self-contained HTML view of attributed quotes (Jupyter's ``_repr_html_``, the CLI's
``--format html``): the text with every quote highlighted in its speaker's colour, a badge
after it (speaker, kind of speaker, direct or partial), the cue and the speaker's mention
marked, a plain-language tooltip, and a legend that explains the marks. No CDN, no
JavaScript; every piece of input text is escaped.

Colours: 20 perceptually distinct colours (Kelly's colours of maximum contrast, tinted for
light pages and shaded for dark ones), each with its own text colour so a highlight reads in
any theme; after 20 speakers the colours repeat with a dashed, then dotted, then double
outline. The dark palette applies under ``prefers-color-scheme: dark`` and under the dark
themes of JupyterLab, VS Code, Colab and mkdocs-material. [speaker_key][quoteattr.html.speaker_key]
is the one place that decides which quotes share a colour.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from quoteattr._text import clean_text
from quoteattr.lexicon import QUOTE_MARKS

if TYPE_CHECKING:  # pragma: no cover - annotations only: no import circle with types.py
    from quoteattr.types import Document, Quote

__all__ = ["EVIDENCE_WORDS", "PALETTE", "DARK_PALETTE", "document_html", "documents_page",
           "speaker_colours", "speaker_key"]

#: The base colours (Kelly 1965): used for the speaker's underline in both themes.
BASE = ("#F3C300", "#875692", "#F38400", "#A1CAF1", "#BE0032", "#C2B280", "#848482", "#008856",
        "#E68FAC", "#0067A5", "#F99379", "#604E97", "#F6A600", "#B3446C", "#DCD300", "#882D17",
        "#8DB600", "#654522", "#E25822", "#2B3D26")
#: Highlight backgrounds on light pages (BASE mixed 45% with white), with dark text.
PALETTE = ("#f8de73", "#bda2c3", "#f8bb73", "#cbe2f7", "#db738e", "#ddd5b9", "#bbbbba",
           "#73bea2", "#f1c1d1", "#73abce", "#fcc4b5", "#a89ec6", "#face73", "#d598ae",
           "#ece773", "#be8c7f", "#c0d773", "#aa9985", "#efa385", "#8a9488")
#: Highlight backgrounds on dark pages (BASE mixed 50% with black), with light text.
DARK_PALETTE = ("#7a6200", "#442b49", "#7a4200", "#506578", "#5f0019", "#615940", "#424241",
                "#00442b", "#734856", "#003452", "#7c4a3c", "#30274c", "#7b5300", "#5a2236",
                "#6e6a00", "#44160c", "#465b00", "#322211", "#712c11", "#161e13")
LIGHT_TEXT_ON = "#111111"
DARK_TEXT_ON = "#f5f5f5"
#: After len(PALETTE) speakers the colours repeat with these outlines.
OUTLINES = ("none", "dashed", "dotted", "double")

_DARK = ('[data-jp-theme-light="false"]', "body.vscode-dark", "body.vscode-high-contrast",
         'html[theme="dark"]', '[data-md-color-scheme="slate"]', ".qa-dark")
_NOT_LIGHT = 'body:not([data-jp-theme-light="true"]):not(.vscode-light):not(.qa-light)'


def _rules(pal: Sequence[str], text: str, ns: tuple[str, str], un: tuple[str, str],
           chip: tuple[str, str, str], prefix: str) -> str:
    out = [f"{prefix} .qa-c{i}{{background:{c};color:{text}}}" for i, c in enumerate(pal)]
    out.append(f"{prefix} .qa-ns{{background:{ns[0]};color:{ns[1]}}}")
    out.append(f"{prefix} .qa-un{{background:{un[0]};color:{un[1]}}}")
    out.append(f"{prefix} .qa-who{{background:{chip[0]};color:{chip[1]};border-color:{chip[2]}}}")
    return "\n".join(out)


def _style() -> str:
    light = _rules(PALETTE, LIGHT_TEXT_ON, ("#e5e7eb", "#111111"), ("#f3f4f6", "#111111"),
                   ("#ffffff", "#111111", "#9ca3af"), "")
    dark_args = (DARK_PALETTE, DARK_TEXT_ON, ("#374151", "#f3f4f6"), ("#4b5563", "#f9fafb"),
                 ("#1f2937", "#f3f4f6", "#6b7280"))
    themed = "\n".join(_rules(*dark_args, prefix=sel) for sel in _DARK)
    media = _rules(*dark_args, prefix=_NOT_LIGHT)
    outlines = "\n".join(f".qa-o{i}{{outline:2px {style} currentColor;outline-offset:1px}}"
                         for i, style in enumerate(OUTLINES) if i)
    return f"""<style>
.qa-doc{{font-family:Georgia,serif;line-height:1.9;max-width:52em}}
.qa-q{{padding:1px 2px;border-radius:3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}}
.qa-q .qa-q{{padding:0 1px;border:1px solid currentColor}}
.qa-ns{{border-bottom:1px dashed #6b7280}}
.qa-un{{border-bottom:1px dashed #6b7280}}
.qa-partial{{border-bottom:2px dotted currentColor}}
.qa-who{{font-family:Helvetica,Arial,sans-serif;font-size:70%;border:1px solid;
 border-radius:8px;padding:0 4px;margin-left:2px;white-space:nowrap}}
.qa-cue{{text-decoration:underline;text-decoration-style:wavy;text-decoration-color:#dc2626}}
.qa-spk{{font-weight:bold;border-bottom:3px solid}}
.qa-p{{display:block;height:.6em}}
.qa-legend,.qa-summary{{font-family:Helvetica,Arial,sans-serif;font-size:85%;margin:.5em 0 1em 0}}
.qa-legend .qa-q,.qa-summary .qa-q{{display:inline-block;margin:2px 6px 2px 0;padding:0 6px;
 white-space:nowrap}}
.qa-key{{font-size:90%;opacity:.85}}
.qa-diag{{font-family:Helvetica,Arial,sans-serif;font-size:80%;color:#b45309}}
.qa-summary table{{border-collapse:collapse}}
.qa-summary td{{padding:2px 8px;vertical-align:top}}
{outlines}
{light}
{themed}
@media (prefers-color-scheme: dark){{
{media}
}}
</style>"""


STYLE = _style()

#: Plain words for the evidence codes (see docs/glossary.md); a code not listed is shown as
#: it is. A ``prefix:code`` pair is looked up whole first, then by its prefix.
EVIDENCE_WORDS = {
    "speech:cue-verb": "a reporting verb (said, told, added…) introduces it",
    "speech:cue-verb-adjacent": "a reporting verb stands right next to it",
    "speech:cue-neighbour": "a reporting verb in the next clause introduces it",
    "speech:cue-colon": "a colon after a speaker introduces it",
    "speech:cue-dash": "a dash links it to its speaker",
    "speech:cue-according": "“according to” names its source",
    "speech:utterance-shape": "it reads as a whole utterance (a sentence of its own)",
    "speech:resumes-interrupted-quote": "it resumes a quote interrupted by the attribution",
    "cue-verb:governs": "the quote is what the verb says (its object or clause)",
    "cue-verb:under-quote": "the verb sits inside the quote's sentence",
    "cue-verb:neighbour": "the verb is in a neighbouring clause",
    "cue-verb:adjacent": "the verb is next to the quote",
    "cue-verb:beside-quoted-word": "the verb hangs beside the quote on a word quoted on its own",
    "cue-verb:read-as-noun": "a verb next to the quote that the tagger read as a noun",
    "cue-verb:mission": "a verb of purpose (aims to …) whose infinitive quotes a stated aim",
    "cue-verb:introduces": "the verb introduces the quote",
    "subject": "the speaker is the subject of the cue verb",
    "inverted": "the speaker follows the verb (“said Smith”)",
    "subject-of-governing-verb": "the speaker is the subject of the verb governing the quote",
    "object-of-governing-verb": "the speaker is the object of the verb governing the quote",
    "sister-verb-closer-to-quote": "a closer verb of the same sentence names the speaker",
    "subject-hung-on-quote": "the subject before the quote is the speaker",
    "next-sentence": "the speaker is named in the next sentence",
    "previous-sentence": "the speaker is named in the previous sentence",
    "nearest-before": "the nearest plausible speaker before the quote",
    "before-quote": "the speaker is named just before the quote",
    "colon-subject": "the subject before the colon is the speaker",
    "colon-verb": "the verb before the colon introduces the quote",
    "colon-np": "the noun phrase before the colon is the speaker",
    "dash-attribution": "a dash attribution names the speaker",
    "according-to": "“according to …” names the source",
    "attributed-to": "“attributed to …” names the source",
    "in-the-words-of": "“in the words of …” names the source",
    "passive-agent": "the agent of a passive verb (“was told by …”) is the speaker",
    "passive-no-agent": "a passive verb with no agent: no speaker to give",
    "relative-clause": "the speaker is the head of a relative clause",
    "modified-noun": "the speaker is the noun the clause modifies",
    "no-subject": "the cue verb has no subject",
    "signature": "a signature line names the speaker",
    "author-of-document": "the document's author is the speaker",
    "noun-by-verb-read-as-noun": "the noun phrase a verb read as a noun hangs on",
    "introduced-before-quote": "the verb that opens the quote from before it",
    "multi-paragraph": "the quote runs over several paragraphs",
    "beyond-another-quote": "another quote stands between it and its speaker",
    "quote-opens-paragraph": "the quote opens its paragraph",
    "nested": "it is a quote inside another quote",
    "unclosed": "its closing mark is missing",
    "implausible-speaker": "the candidate speaker is not a plausible speaker",
    "no-parse": "no parse was made (find_quotes): spans only",
    "speaker:named": "the speaker is a named person",
    "speaker:titled": "the speaker is known by a role",
    "speaker:anonymous": "the speaker is an unnamed source",
    "speaker:organization": "the speaker is an organization",
    "speaker:pronoun-unresolved": "a pronoun whose antecedent was not found",
    "speaker:pronoun-first-or-second-person": "“I” or “you”: resolved from the conversation",
    "speaker:pronoun->named": "a pronoun resolved to a named person",
    "speaker:pronoun->titled": "a pronoun resolved to a person known by a role",
    "speaker:pronoun->anonymous": "a pronoun resolved to an unnamed source",
    "speaker:pronoun->organization": "a pronoun resolved to an organization",
    "resolved:nearest-antecedent": "the pronoun's nearest fitting antecedent",
    "resolved:ranked": "the learned ranker's likeliest person for the pronoun",
    "resolved:paragraph-subject": "the person the paragraph opened with",
    "resolved:outer-quote-speaker": "the speaker of the quote around it",
    "inherited:dialogue-turn": "taken from the conversation's turn order",
    "inherited:next-sentence-subject": "the subject of the next sentence",
    "inherited:beat-in-sentence": "the subject of an action right after the quote",
    "inherited:previous-paragraph": "the speaker of the previous paragraph goes on",
    "inherited:previous-quote-in-paragraph": "the speaker of the previous quote in the paragraph",
    "inherited:addressed-in-previous-turn": "the person addressed in the previous turn answers",
    "inherited:previous-sentence-subject": "the subject of the previous sentence",
    "inherited:addressed-description-in-previous-turn":
        "the one the previous turn called out (“lad”) answers",
    "inherited:beat-ending-previous-turn": "the person the previous paragraph ends on answers",
    "inherited:listener-in-scene": "the other person in the scene answers",
    "inherited:question-answered": "a question is answered by another person",
    "inherited:narrator-answers": "the narrator answers one who spoke to them",
    "inherited:ranked": "the learned ranker's likeliest speaker of the turn",
    "nonspeech:short-without-cue": "short, and nothing reports it as speech",
    "nonspeech:repeated-term": "the same words are quoted again as a term",
    "nonspeech:named-by-context": "the context names it (a title, a name, a term)",
    "nonspeech:title-case": "written in title case, like a title",
    "nonspeech:signed-title": "the title of the post or work a signature line cites",
    "nonspeech:modifier-in-noun-phrase": "it modifies a noun (a scare quote)",
    "unattributed:cue-without-speaker": "a cue, but no defensible speaker",
    "unattributed:no-cue": "no cue and no conversation to inherit a speaker from",
    "unattributed:nested-without-cue": "a quote inside a quote, with no cue of its own",
}
_PREFIX_WORDS = {"speech": "speech", "nonspeech": "not speech", "speaker": "speaker",
                 "resolved": "resolved", "inherited": "speaker carried over",
                 "unattributed": "not attributed", "cue-verb": "cue"}
_SPEAKER_KIND_WORDS = {"named": "a named person", "titled": "a person known by a role",
                       "anonymous": "an unnamed source", "organization": "an organization",
                       "pronoun": "an unresolved pronoun"}


def evidence_words(code: str) -> str:
    """Plain words for one evidence code."""
    if code in EVIDENCE_WORDS:
        return EVIDENCE_WORDS[code]
    prefix, _, rest = code.partition(":")
    if rest and prefix in _PREFIX_WORDS:
        return f"{_PREFIX_WORDS[prefix]}: {rest.replace('-', ' ')}"
    return code.replace("-", " ")


def speaker_key(q: Quote, doc_id: str | None = None) -> str | None:
    """The colour key of a quote's speaker: quotes with the same key share a colour (on one
    page, across documents). The only place the key is decided.

    A speaker with a name (its own or its entity's: "he" resolved to Mark Rutte) is keyed by
    the name, case-folded, so one person keeps one colour across the documents of a page; an
    unnamed entity ("a European diplomat", "the narrator") by its entity id within its
    document ``doc_id``, so two different unnamed sources never share a colour and one source
    keeps its colour whatever words name it; a speaker without an entity (no parse) by its
    label. None for a quote without a speaker."""
    sp = q.speaker
    if sp is None:
        return None
    if sp.name:
        return sp.name.casefold()
    if sp.entity is not None:
        return f"{doc_id or ''}#{sp.entity}"
    return sp.label.casefold()


def speaker_colours(docs: Document | Iterable[Document]) -> dict[str, int]:
    """One colour slot per speaker key, in order of first appearance over ``docs`` (one
    document or several: a page with several keeps each speaker's colour). Slot ``n`` is
    ``PALETTE[n % 20]`` with outline ``OUTLINES[n // 20 % 4]``."""
    # duck-typed: anything with quotes is one document
    seq = [cast("Document", docs)] if hasattr(docs, "quotes") else list(docs)
    slots: dict[str, int] = {}
    for doc in seq:
        for q in doc.quotes:
            k = speaker_key(q, doc.id)
            if k is not None and k not in slots:
                slots[k] = len(slots)
    return slots


def _colour_classes(slot: int) -> str:
    n = len(PALETTE)
    outline = slot // n % len(OUTLINES)
    return f"qa-c{slot % n}" + (f" qa-o{outline}" if outline else "")


def _escape(s: str) -> str:
    """Escaped text; a run of newlines becomes a paragraph gap."""
    import re

    parts = re.split(r"[ \t]*\n\s*", clean_text(s))
    return '<span class="qa-p"></span>'.join(html.escape(p, quote=True) for p in parts)


def _attr(s: str) -> str:
    return html.escape(clean_text(s), quote=True)


def _tooltip(q: Quote) -> str:
    if not q.is_speech:
        why = "; ".join(evidence_words(e) for e in q.evidence) or "no sign of speech"
        return f"Not speech (a scare quote, a title or a term). Why: {why}."
    kind = q.kind.value
    if q.speaker is None:
        head = f"{kind.capitalize()} quote, speaker not found"
    else:
        sp = q.speaker
        who = sp.label + (f", {sp.title}" if sp.title and sp.title not in sp.label else "")
        head = f"{who} ({_SPEAKER_KIND_WORDS.get(sp.kind.value, sp.kind.value)}): {kind} quote"
    cue = f"; cue “{q.cue.text}”" if q.cue else "; no cue"
    level = "high" if q.confidence >= 0.8 else "medium" if q.confidence >= 0.5 else "low"
    why = "; ".join(evidence_words(e) for e in q.evidence)
    return f"{head}{cue}; confidence {q.confidence:.2f} ({level}). Why: {why or 'no rule fired'}."


def _nested(doc: Document) -> set[int]:
    """Indices of quotes that lie inside another quote (one sweep in start order)."""
    out: set[int] = set()
    order = sorted(range(len(doc.quotes)),
                   key=lambda i: (doc.quotes[i].start, -doc.quotes[i].end))
    furthest = (-1, -1)  # (end, start) of the quote reaching furthest so far
    for i in order:
        q = doc.quotes[i]
        if furthest[0] >= q.end and (furthest[1], furthest[0]) != (q.start, q.end):
            out.add(i)
        if q.end > furthest[0]:
            furthest = (q.end, q.start)
    return out


def _open_tag(kind: str, q: Quote, slots: dict[str, int], nested: bool,
              doc_id: str | None) -> str:
    if kind == "quote":
        extra = " qa-nest" if nested else ""
        if not q.is_speech:
            cls = "qa-ns"
        elif q.speaker is None:
            cls = "qa-un"
        else:
            cls = _colour_classes(slots[speaker_key(q, doc_id) or ""])
        if q.kind.value == "partial":
            extra += " qa-partial"
        return f'<span class="qa-q {cls}{extra}" title="{_attr(_tooltip(q))}">'
    if kind == "cue":
        return '<span class="qa-cue" title="cue: the words that attribute the quote">'
    slot = slots.get(speaker_key(q, doc_id) or "", 0)
    return (f'<span class="qa-spk" style="border-bottom-color:{BASE[slot % len(BASE)]}" '
            f'title="speaker\'s mention">')


def _badge(q: Quote, nested: bool) -> str:
    if not q.is_speech:
        return ""
    if q.speaker is None:
        # a nested quote without a speaker is part of its outer quote: no second badge
        return "" if nested else '<sup class="qa-who">? unattributed</sup>'
    return (f'<sup class="qa-who">{_escape(q.speaker.label)} · '
            f"{_escape(q.speaker.kind.value)} · {q.kind.value}</sup>")


def document_html(doc: Document, include_style: bool = True,
                  colours: dict[str, int] | None = None, key: bool = True) -> str:
    """The text of ``doc`` with its quotes highlighted, plus a legend.

    Args:
        doc: the document.
        include_style: put the ``<style>`` block in (leave it out when a page has it).
        colours: speaker colour slots from [speaker_colours][quoteattr.html.speaker_colours]
            (to share colours across documents); by default this document's own.
        key: explain the marks under the legend (a page of several documents explains them
            once, at the top).
    """
    text = doc.text
    slots = speaker_colours(doc) if colours is None else colours
    nested = _nested(doc)
    # intervals: (start, end, rank, kind, quote index); rank nests quotes outside cues/mentions
    intervals: list[tuple[int, int, int, str, int]] = []
    badges: dict[int, list[int]] = {}
    for n, q in enumerate(doc.quotes):
        if q.end > q.start:
            intervals.append((q.start, q.end, 0, "quote", n))
        if q.cue is not None and q.cue.end > q.cue.start:
            intervals.append((q.cue.start, q.cue.end, 1, "cue", n))
        if q.speaker is not None and q.speaker.mention.end > q.speaker.mention.start:
            m = q.speaker.mention
            intervals.append((m.start, m.end, 2, "speaker", n))
        # the badge goes after the closing mark, when there is one
        at = q.end + 1 if q.end < len(text) and text[q.end] in QUOTE_MARKS else q.end
        badges.setdefault(at, []).append(n)
    opens: dict[int, list[tuple[int, int, int, str, int]]] = {}
    for iv in sorted(intervals, key=lambda iv: (iv[0], -iv[1], iv[2])):
        opens.setdefault(iv[0], []).append(iv)
    bounds = sorted({0, len(text)} | {iv[0] for iv in intervals} | {iv[1] for iv in intervals}
                    | set(badges))
    out: list[str] = []
    stack: list[tuple[int, int, int, str, int]] = []
    for i, a in enumerate(bounds):
        # close what ends here; what was opened inside it and goes on is closed and reopened
        if any(iv[1] <= a for iv in stack):
            reopen = []
            while any(iv[1] <= a for iv in stack):
                iv = stack.pop()
                out.append("</span>")
                if iv[1] > a:
                    reopen.append(iv)
            for iv in reversed(reopen):
                out.append(_open_tag(iv[3], doc.quotes[iv[4]], slots, iv[4] in nested, doc.id))
                stack.append(iv)
        out.extend(_badge(doc.quotes[n], n in nested) for n in badges.get(a, ()))
        for iv in opens.get(a, ()):
            out.append(_open_tag(iv[3], doc.quotes[iv[4]], slots, iv[4] in nested, doc.id))
            stack.append(iv)
        if i + 1 < len(bounds):
            out.append(_escape(text[a:bounds[i + 1]]))
    out.extend("</span>" for _ in stack)
    legend = _legend(doc, slots, key)
    diags = "".join(f'<div class="qa-diag">note: {_escape(d.code)} at {d.start}: '
                    f"{_escape(d.message)}</div>" for d in doc.diagnostics)
    body = f'<div class="qa-doc">{legend}<div class="qa-text">{"".join(out)}</div>{diags}</div>'
    return (STYLE + body) if include_style else body


def _speaker_counts(doc: Document) -> list[tuple[str, str, int]]:
    """(key, label with kind, quote count) per speaker, in order of first appearance."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for q in doc.quotes:
        k = speaker_key(q, doc.id)
        if k is not None and q.speaker is not None:
            counts[k] = counts.get(k, 0) + 1
            labels.setdefault(k, f"{q.speaker.label} ({q.speaker.kind.value})")
    return [(k, labels[k], n) for k, n in counts.items()]


def _chips(doc: Document, slots: dict[str, int]) -> list[str]:
    items = [f'<span class="qa-q {_colour_classes(slots[k])}">{_escape(label)} × {n}</span>'
             for k, label, n in _speaker_counts(doc)]
    n_ns = sum(1 for q in doc.quotes if not q.is_speech)
    n_un = sum(1 for q in doc.quotes if q.is_speech and q.speaker is None)
    if n_un:
        items.append(f'<span class="qa-q qa-un">unattributed × {n_un}</span>')
    if n_ns:
        items.append(f'<span class="qa-q qa-ns">not speech × {n_ns}</span>')
    return items


KEY = ('<div class="qa-key">Marks: a highlight is a quote, in its speaker\'s colour; the '
       'badge after it gives speaker · kind of speaker · direct or partial (a partial quote, '
       'a fragment inside the writer\'s sentence, is also underlined with dots); '
       '<span class="qa-cue">wavy underline</span>: the cue, the words that attribute the '
       'quote; <b style="border-bottom:3px solid #848482">bold, underlined</b>: the mention '
       'of the speaker; grey with a dashed line: not speech (a scare quote, a title, a term); '
       'an outlined quote inside a quote is a nested quote. Hover a quote for who, the cue, '
       'the confidence and why.</div>')


def _legend(doc: Document, slots: dict[str, int], key: bool = True) -> str:
    title = f"<b>{_escape(doc.id)}</b> " if doc.id else ""
    chips = "".join(_chips(doc, slots)) or "no quotes"
    return f'<div class="qa-legend">{title}{chips}{KEY if key else ""}</div>'


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def documents_page(docs: Sequence[Document], title: str = "quoteattr") -> str:
    """A complete HTML page for several documents: a summary of each document's speakers
    (with quote counts) at the top, then every document, each speaker in one colour on the
    whole page."""
    slots = speaker_colours(docs)
    rows = []
    for n, d in enumerate(docs):
        n_speech = sum(1 for q in d.quotes if q.is_speech)
        name = _escape(d.id) if d.id else f"document {n + 1}"
        rows.append(f'<tr><td><a href="#qa-doc-{n}">{name}</a></td><td>{_count(len(d.quotes), "quote")}, '
                    f'{n_speech} speech</td><td>{"".join(_chips(d, slots)) or "no quotes"}</td></tr>')
    summary = (f'<div class="qa-summary"><b>{len(docs)} documents</b><table>{"".join(rows)}'
               f"</table>{KEY}</div>") if len(docs) > 1 else ""
    body = "\n<hr>\n".join(f'<section id="qa-doc-{n}">'
                           f"{document_html(d, False, slots, key=len(docs) <= 1)}</section>"
                           for n, d in enumerate(docs))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="color-scheme" content="light dark">'
            f"<title>{_escape(title)}</title>{STYLE}</head><body>\n{summary}{body}\n</body></html>\n")
