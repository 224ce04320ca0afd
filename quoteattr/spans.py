"""Quoted spans from raw text: regex and a small state machine, no model.

The finder works paragraph by paragraph so that one odd mark cannot spoil the rest of a
document. In each paragraph every quotation-mark character is classified from its neighbours:

1. Apostrophes are settled first: a mark between two letters (don't, O'Neill), before a
   decade or an elided word (’90s, ’em, rock ’n’ roll), or after a word when no single quote is
   open (plural possessives: ministers’).
2. A mark that is left-flanking (space or start before it, a character after it) opens; one
   that is right-flanking closes; straight marks with spaces on both sides toggle.
3. Closing marks pop the nearest compatible opener, so ‘…’ nests inside “…”. Openers left
   open at the end of a paragraph continue into the next paragraph when it starts with an
   opening mark of the same family (the convention for multi-paragraph quotes); otherwise the
   quote runs to the end of its paragraph and a diagnostic says so.
"""

from __future__ import annotations

import bisect
import functools
import itertools

import attrs
import regex

from quoteattr import lexicon
from quoteattr.types import Diagnostic

__all__ = ["QuoteSpan", "SpanResult", "find_quote_spans", "find_paragraphs", "normalize_marks"]

_MARK_CHARS = "".join(sorted(lexicon.QUOTE_MARKS))
_MARK_RE = regex.compile("[" + regex.escape(_MARK_CHARS) + "]")
_BLANK_LINE_RE = regex.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE_RE = regex.compile(r"\r\n|\r|\n|\u2028|\u2029|\u0085")
_WORD_AFTER_RE = regex.compile(r"\p{L}+")
_WORD_RE = regex.compile(r"[\p{L}\p{N}]+")
#: Punctuation that ends the words of a quotation just before its closing mark.
_CLOSING_PUNCT = frozenset(".,!?;:\u2026\u2014\u2013-")
#: How far a plural possessive looks for the mark that would close its quote.
_LOOKAHEAD = 400
#: Deeper nesting than this is not real quotation: further openers are refused with a
#: diagnostic (keeps the finder linear on pathological input).
MAX_DEPTH = 12

# a closing glyph opens only in paragraphs that never use the usual opener for it
_PRIMARY_OPENER = {"\u201d": "\u201c", "\u2019": "\u2018"}
#: Opening glyphs that also turn up, mistyped, in closing position (“Hello,“ he said).
_SAME_MARK_CLOSERS = frozenset("\u201c\u201e\u00ab\u2039")
#: Opening glyphs that may nest inside themselves (“how “are” you”).
_NESTING_MARKS = frozenset("\u201c\u00ab")
_DOUBLE_FAMILY = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\uff02\u300c\u300d\u300e\u300f')
#: Double marks that can end a quote of another style (straight ones and closing glyphs).
_DOUBLE_CLOSERS = frozenset(c for c in _DOUBLE_FAMILY
                            if c not in lexicon.OPENING_MARKS or c in ('"', "\uff02"))


_PTB_OPEN_RE = regex.compile(r"(?<![^\s(\[{\u2014\u2013-])``(?!`)")
_PTB_CLOSE_RE = regex.compile(r"''(?![\p{L}\p{N}])")
_NONSPACE_RE = regex.compile(r"\S")
_DOUBLE_CLOSE_RE = regex.compile(r"(?<=\S)[\"\u201d](?![\p{L}\p{N}])")
# a single backtick that starts a word (`no'), not part of `` or a ```fence
_TEX_SINGLE_OPEN_RE = regex.compile(r"(?<![^\s(\[{\u2014\u2013\u201c-])`(?![`\s])")


def normalize_marks(text: str) -> str:
    """``text`` with TeX/Penn-Treebank quotes (````We won,'' she said``, ```no' ``) as curly
    ones, at the same length so every offset still points into the caller's string: ```` `` ````
    becomes a space and “ (the content starts where it did), ``''`` becomes ” and a space, a
    single ````` ``` becomes ‘ and the ``'`` that closes it ’.

    A ```` `` ```` counts as an opening mark when it starts a word and a closing mark (``''``,
    or a slip of the keyboard: ``"`` or ``”``) follows on its line before another ```` `` ````,
    or when it starts a line (a quotation re-opened in each paragraph) and a ``''`` follows
    somewhere; so a Markdown code span (````x````) or a stray pair of apostrophes is left
    alone. A single ````` ``` opens only when it starts a word and a ``'`` in closing position
    (not a plural possessive) follows in its paragraph before any other backtick."""
    if "`" not in text:
        return text
    return _normalize_single_tex(_normalize_double_tex(text))


def _normalize_double_tex(text: str) -> str:
    if "``" not in text:
        return text
    closes = [m.start() for m in _PTB_CLOSE_RE.finditer(text)]
    opens = [m.start() for m in _PTB_OPEN_RE.finditer(text)]
    ticks = [m.start() for m in regex.finditer("``", text)]  # any pair, opening or not
    newlines = [m.start() for m in regex.finditer("\n", text)]
    chars = list(text)
    converted = False
    for i in opens:
        k = bisect.bisect_left(newlines, i)
        line_start = newlines[k - 1] + 1 if k else 0
        line_end = newlines[k] if k < len(newlines) else len(text)
        t = bisect.bisect_left(ticks, i + 2)
        stop = min(line_end, ticks[t]) if t < len(ticks) else line_end
        c = bisect.bisect_left(closes, i + 2)
        later = closes[c] if c < len(closes) else None
        paired = later is not None and later < stop
        slip = not paired and _DOUBLE_CLOSE_RE.search(text, i + 2, stop) is not None
        reopened = not paired and not slip and later is not None and \
            _NONSPACE_RE.search(text, line_start, i) is None
        if paired or slip or reopened:
            chars[i:i + 2] = [" ", "\u201c"]
            converted = True
    if not converted:
        return text
    for i in closes:
        chars[i:i + 2] = ["\u201d", " "]
    return "".join(chars)


def _normalize_single_tex(text: str) -> str:
    """```no' `` as ‘no’ (see `normalize_marks`)."""
    chars: list[str] | None = None
    for m in _TEX_SINGLE_OPEN_RE.finditer(text):
        i = m.start()
        close = _tex_single_closer(text, i)
        if close is None:
            continue
        if chars is None:
            chars = list(text)
        chars[i] = "\u2018"
        chars[close] = "\u2019"
    return text if chars is None else "".join(chars)


def _tex_single_closer(text: str, i: int) -> int | None:
    """Offset of the ``'`` that closes the TeX single quote opened at ``i``, or None."""
    stop = min(len(text), i + _LOOKAHEAD)
    blank = _BLANK_LINE_RE.search(text, i, stop)
    if blank is not None:
        stop = blank.start()
    for j in range(i + 2, stop):
        ch = text[j]
        if ch == "`":
            return None  # another backtick first: a code span, not a quotation
        if ch != "'" or text[j - 1].isspace():
            continue
        nxt = text[j + 1 : j + 2]
        if nxt.isalnum():
            continue  # don't, O'Neill
        if text[j - 1] in "sS" and nxt.isspace():
            k = j + 1
            while k < stop and text[k].isspace():
                k += 1
            if text[k : k + 1].islower():
                continue  # the ministers' meeting
        return j
    return None


@attrs.frozen(kw_only=True)
class QuoteSpan:
    """A quoted span found in the text.

    Attributes:
        start, end: the content inside the marks (``end`` is the closing mark's offset).
        open_mark, close_mark: offsets of the marks; ``close_mark`` is None for a quote left
            open at the end of its paragraph.
        depth: 0 for a top-level quote, 1 for a quote inside another, and so on.
        paragraph: index of the paragraph the quote opens in.
        segments: for a quote that runs over paragraphs, the content of each paragraph's part
            (the re-opening marks excluded); otherwise one segment.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    depth: int
    paragraph: int
    segments: tuple[tuple[int, int], ...]

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    @property
    def multi_paragraph(self) -> bool:
        return len(self.segments) > 1

    @property
    def outer_end(self) -> int:
        """Where the quote ends with its marks: after the closing mark, or at ``end`` for a
        quote left open."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


@attrs.frozen(kw_only=True)
class SpanResult:
    """The quoted spans of a text, in order of their opening mark, plus diagnostics."""

    spans: tuple[QuoteSpan, ...]
    paragraphs: tuple[tuple[int, int], ...]
    diagnostics: tuple[Diagnostic, ...]


def find_paragraphs(text: str, mode: str = "auto") -> tuple[tuple[int, int], ...]:
    """Split ``text`` into paragraphs as (start, end) offsets without surrounding whitespace.

    ``mode``: "line" (every line break ends a paragraph, as in most news feeds), "blank" (a
    blank line ends one; single line breaks are wrapping, as in Project Gutenberg), or "auto":
    blank when the text has blank lines and its other line breaks look like wrapping.
    """
    if mode not in ("auto", "line", "blank"):
        raise ValueError(f"mode must be 'auto', 'line' or 'blank', not {mode!r}")
    if mode == "auto":
        mode = _guess_paragraph_mode(text)
    breaks = _BLANK_LINE_RE if mode == "blank" else _LINE_RE
    out = []
    pos = 0
    for match in breaks.finditer(text):
        out.append((pos, match.start()))
        pos = match.end()
    out.append((pos, len(text)))
    result = []
    for start, end in out:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            result.append((start, end))
    return tuple(result)


def _guess_paragraph_mode(text: str) -> str:
    n_blank = len(_BLANK_LINE_RE.findall(text))
    if n_blank == 0:
        return "line"
    lines = [ln for ln in _LINE_RE.split(text) if ln.strip()]
    n_single = max(0, len(lines) - 1 - n_blank)
    if n_single <= n_blank:
        return "blank"
    # many single breaks: wrapped text has short lines of similar length
    mean = sum(len(ln) for ln in lines) / len(lines)
    return "blank" if mean <= 100 else "line"


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _is_open_punct(ch: str) -> bool:
    return ch in "([{<\u2014\u2013-/" or ch in lexicon.OPENING_MARKS


class _Open:
    __slots__ = ("mark", "pos", "paragraph", "segments", "seg_start", "content_start")

    def __init__(self, mark: str, pos: int, paragraph: int) -> None:
        self.mark = mark
        self.pos = pos
        self.paragraph = paragraph
        self.segments: list[tuple[int, int]] = []
        self.seg_start = pos + 1
        self.content_start = pos + 1


def _apostrophe(text: str, i: int, prev: str, nxt: str, single_open: bool, p_end: int) -> bool:
    """True when the single-quote-family mark at ``i`` is an apostrophe.

    Word-initial marks before a number or an elided word (’90s, ’em, ’tis, ’n’) are
    apostrophes unless a closing mark follows in the paragraph for a capitalised word or a
    number (‘Ye gods!’, ‘2020 was hard,’). Word-final marks are apostrophes when no single
    quote is open (ministers’), and inside one when another mark still closes it.
    """
    ch = text[i]
    if prev.isalnum() and nxt.isalpha():
        return True  # don't, O'Neill, rock'n'roll
    if prev in ("n", "N") and i >= 2 and text[i - 2] in lexicon.SINGLE_MARKS and \
            (i < 3 or text[i - 3].isspace()) and (nxt.isspace() or nxt == ""):
        return True  # the second mark of rock ’n’ roll
    if ch in ("'", "\u2018", "\u2019") and (_is_space(prev) or _is_open_punct(prev)):
        if nxt.isdigit():
            return not _later_closer(text, i, p_end)  # ’90s, but ‘2020 was hard,’
        word = _WORD_AFTER_RE.match(text, i + 1)
        if word and word.group().lower() in lexicon.ELISIONS:
            low = word.group().lower()
            after = text[word.end() : word.end() + 1]
            if low == "n" or not after.isalpha():
                # "’n’" and "’em," but not "’s" at the start of a real quote like ‘So …’
                if low not in ("s", "d", "t", "m", "y", "is") or after in ("'", "\u2019"):
                    if word.group()[:1].isupper() and _later_closer(text, i, p_end) and \
                            (low not in lexicon.ELIDED_ONLY or _later_closer(
                                text, i, p_end, after_punct=True)):
                        return False  # ‘Ye gods!’, ‘Till we meet again,’
                    return True
        return False
    if ch in ("'", "\u2019") and (prev.isalnum() or prev in ".!?,;:"):
        if not single_open:
            return True  # ministers’ meeting, the ’90s', 'tis'
        # a single quote is open: a plural possessive ("the ministers’ meeting") still
        # leaves a later mark to close it
        if prev.lower() == "s" and nxt.isspace() and _later_closer(text, i, p_end):
            j = i + 1
            while j < p_end and text[j].isspace():
                j += 1
            follow = text[j : j + 1]
            return follow.isalpha() and follow.islower()
        return False
    return False


def _later_closer(text: str, i: int, p_end: int, after_punct: bool = False) -> bool:
    """Is the next quote-like single mark after ``i`` (in its paragraph) a closer?

    "the ministers’ meeting was fine.’" has one; "'Yes' and 'no'" does not (the next mark
    opens a new quote), so there the mark at ``i`` closes. With ``after_punct`` only a
    closer after punctuation counts ("’Tis the season,’ she said", not "’Tis the workers’
    party"): a word that exists only elided needs that much evidence to start a quote.
    """
    j = i + 1
    n = min(p_end, i + _LOOKAHEAD)
    while j < n:
        if text[j] in ("'", "\u2019", "\u2018"):
            prev = text[j - 1]
            nxt = text[j + 1] if j + 1 < p_end else ""
            if prev.isalnum() and nxt.isalpha():
                pass  # an inner apostrophe
            elif not prev.isspace() and not nxt.isalpha():
                if not after_punct or prev in _CLOSING_PUNCT:
                    return True
            elif prev.isspace() or _is_open_punct(prev):
                return False
        j += 1
    return False


def find_quote_spans(text: str, paragraph_mode: str = "auto") -> SpanResult:
    """Find every quoted span in ``text``.

    Never raises on unbalanced marks: an unclosed double (or curly ‘ before a capital) quote
    runs to the end of its paragraph, an unclosed straight single mark is read as an
    apostrophe, a stray closing mark is skipped, and each case adds a [Diagnostic][quoteattr.Diagnostic].

    Examples:
        >>> r = find_quote_spans("He said “we’re ready” at the ministers’ meeting.")
        >>> [(s.start, s.end) for s in r.spans]
        [(9, 20)]
    """
    text = normalize_marks(text)
    paragraphs = find_paragraphs(text, paragraph_mode)
    spans: list[QuoteSpan] = []
    diagnostics: list[Diagnostic] = []
    carried: list[_Open] = []  # quotes continuing from the previous paragraph
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        marks = [m.start() for m in _MARK_RE.finditer(text, p_start, p_end)]
        stack: list[_Open] = []
        if carried:
            stack, marks = _resume_carried(text, carried, marks, (p_start, p_end), spans,
                                           diagnostics)
        present = frozenset(text[i] for i in marks)
        following = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
        for i in marks:
            _step(text, i, stack, spans, diagnostics, p_index, p_start, p_end, present,
                  following)
        carried = _end_paragraph(text, stack, paragraphs, p_index, spans, diagnostics) \
            if stack else []
    _dash_dialogue(text, paragraphs, spans)
    spans.sort(key=lambda s: (s.open_mark, s.depth))
    diagnostics.sort(key=lambda d: d.start)
    return SpanResult(spans=tuple(spans), paragraphs=paragraphs, diagnostics=tuple(diagnostics))


#: A dash that opens a turn of dialogue at the start of a paragraph, with no quotation
#: marks (Joyce; the typesetting of many translations): "—Back to barracks! he said"; in
#: plain-text editions two hyphens stand for the dash ("--What is your name?").
_DASH_TURN_RE = regex.compile(
    r"(?:[\u2014\u2015][ \u00a0]?|--(?!-))(?=[\p{L}\p{N}\u2018\u2019'(¿¡.])")
#: Paragraphs that must open with such a dash, and more of them than open with a quotation
#: mark, before a text is read as dash dialogue.
_MIN_DASH_TURNS = 3
#: Who a dialogue cue names: a pronoun or up to three capitalised words.
_CUE_SUBJECT = (r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Yy]ou|"
                r"\p{Lu}[\p{L}’'\-]+(?:\s+\p{Lu}[\p{L}’'\-]+){0,2})")


@functools.cache
def _dash_cue_re() -> regex.Pattern:
    """A cue clause that interrupts a dash turn after a comma, ! or ?: "he said sternly.",
    "Stephen said quietly,", "said Haines:", "he cried briskly to them.", "Stephen said
    with energy and growing fear." (a subject, a reporting verb, at most an adverb, a "to"
    phrase and a short lower-case "with"/"in" phrase of manner; then a mark that ends it)."""
    verbs = "|".join(sorted(lexicon.reporting_forms(), key=lambda v: (-len(v), v)))
    adverb = r"(?:\s+\p{L}+ly)?"
    manner = r"(?:\s+(?:with|in)(?:\s+\p{Ll}[\p{L}’'\-]*){1,5})?"
    return regex.compile(
        rf"(?<=[,!?…\u2014]|--)\s+(?:{_CUE_SUBJECT}{adverb}\s+(?:{verbs})|(?:{verbs})\s+"
        rf"{_CUE_SUBJECT}){adverb}(?:\s+to\s+(?:him|her|them|me|us|himself|herself|themselves|myself|\p{{Lu}}\p{{L}}+))?"
        rf"{adverb}{manner}\s*(?P<end>[.,:;!?]|$)")


def _dash_dialogue(text: str, paragraphs: tuple[tuple[int, int], ...],
                   spans: list[QuoteSpan]) -> None:
    """Turns of dialogue opened by a dash instead of quotation marks ("—Back to barracks!
    he said sternly."), in a text that writes its dialogue so: at least `_MIN_DASH_TURNS`
    paragraphs open with a dash before a word, more than open with a quotation mark.

    Each such paragraph (with no quotation of its own) is a quote from after the dash; a
    cue clause after a comma, ! or ? (`_dash_cue_re`) ends it, and what follows the cue in
    the paragraph is a second quote ("—Thanks, old chap, he cried briskly. That will do
    nicely."). The span has no closing mark; the second one's ``open_mark`` is the
    character before it."""
    turns = []
    quoted = 0
    for k, (a, b) in enumerate(paragraphs):
        lead = a
        while lead < b and text[lead].isspace():
            lead += 1
        if lead < b and text[lead] in lexicon.OPENING_MARKS:
            quoted += 1
        elif (dash := _DASH_TURN_RE.match(text, lead, b)) and \
                not text[a:b].rstrip().endswith(("\u2014", "\u2015", "--")):
            turns.append((k, lead, dash.end(), b))  # not a heading between dashes, "— I —"
    if len(turns) < _MIN_DASH_TURNS or len(turns) <= quoted:
        return
    taken = sorted((sp.open_mark, sp.outer_end) for sp in spans)
    cue_re = _dash_cue_re()
    for k, lead, start, b in turns:
        i = bisect.bisect_left(taken, (lead, -1))
        if (i < len(taken) and taken[i][0] < b) or (i > 0 and taken[i - 1][1] > lead):
            continue  # the paragraph quotes with marks of its own
        mark = lead
        while start < b:
            cue = cue_re.search(text, start, b)
            end = cue.start() if cue else b
            _add_span(text, spans, [], start=start, end=end, open_mark=mark, close_mark=None,
                      depth=0, paragraph=k, segments=((start, end),))
            if cue is None:
                break
            start = cue.end()
            mark = start - 1
            while start < b and text[start].isspace():
                start += 1


def _resume_carried(text: str, carried: list[_Open], marks: list[int],
                    paragraph: tuple[int, int], spans: list[QuoteSpan],
                    diagnostics: list[Diagnostic]) -> tuple[list[_Open], list[int]]:
    """The open stack and the marks left to read at the start of ``paragraph``, given the
    quotes ``carried`` open from the paragraph before: they go on when the paragraph re-opens
    them or continues them; otherwise they end (unclosed) with the paragraph before."""
    p_start, _ = paragraph
    first = marks[0] if marks else None
    lead = text[p_start:first] if first is not None else None
    if (first is not None and lead is not None and not lead.strip()
            and _same_family(text[first], carried[-1].mark)):
        # the usual convention: the new paragraph re-opens the quotation
        for op in carried:
            op.seg_start = first + 1
        return carried, marks[1:]
    if first is not None and _continues(text, paragraph, carried[-1].mark):
        # no re-opening mark: the quotation simply goes on until its closing mark
        for op in carried:
            op.seg_start = p_start
        return carried, marks
    for depth, op in enumerate(carried):
        _emit_unclosed(op, text, spans, diagnostics, depth)
    return [], marks


def _end_paragraph(text: str, stack: list[_Open], paragraphs: tuple[tuple[int, int], ...],
                   p_index: int, spans: list[QuoteSpan],
                   diagnostics: list[Diagnostic]) -> list[_Open]:
    """Settle the quotes still open at the end of paragraph ``p_index``; return those that
    go on into the next paragraph (emitting the rest as spans or diagnostics).

    Double-family quotes may continue in the next paragraph; single marks left open are most
    likely apostrophes we could not tell apart.
    """
    p_end = paragraphs[p_index][1]
    # depth = how many of the quotes left open below this one become spans
    keep: list[tuple[int, _Open]] = []
    ended_here = 0  # quotes below the kept ones that end with this paragraph
    nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
    nxt_starts_single = nxt is not None and text[nxt[0]] == "\u2018"
    for op in stack:
        depth = len(keep) + ended_here
        if op.mark in _DOUBLE_FAMILY:
            op.segments.append((op.seg_start, _trim_end(text, op.seg_start, p_end)))
            keep.append((depth, op))
        elif op.mark == "\u2018" and nxt_starts_single and not ended_here:
            # British style: ‘ re-opens each paragraph, ’ closes the last one
            op.segments.append((op.seg_start, _trim_end(text, op.seg_start, p_end)))
            keep.append((depth, op))
        elif op.mark == "\u2018" and text[op.pos + 1 : op.pos + 2].isupper():
            # ‘Are you insane? -- a curly opener before a capital is a quotation
            # whose closing mark is missing
            op.segments.append((op.seg_start, _trim_end(text, op.seg_start, p_end)))
            _emit_unclosed(op, text, spans, diagnostics, depth)
            ended_here += 1
        else:
            diagnostics.append(Diagnostic(
                code="unclosed-single",
                message="single quotation mark never closed; read as an apostrophe",
                start=op.pos, end=op.pos + 1))
    # a quote nested in one that ends here cannot run on past it
    if keep and not ended_here and nxt is not None and _continues(text, nxt, keep[-1][1].mark):
        return [op for _, op in keep]
    for depth, op in keep:
        _emit_unclosed(op, text, spans, diagnostics, depth)
    return []


def _continues(text: str, paragraph: tuple[int, int], mark: str) -> bool:
    """Does ``paragraph`` continue a quotation opened by ``mark`` in the paragraph before?

    Yes when it starts with an opening mark of the same family, or when its first quotation
    mark is a closing one (right-flanking) of that family, i.e. the quotation ends there.
    """
    start, end = paragraph
    if text[start] in lexicon.OPENING_MARKS and _same_family(text[start], mark):
        return True
    for m in _MARK_RE.finditer(text, start, end):
        if text[m.start()] not in lexicon.SINGLE_MARKS:
            break
    else:
        return False
    i = m.start()
    ch = text[i]
    if not _same_family(ch, mark):
        return False
    prev = text[i - 1] if i > start else ""
    nxt = text[i + 1] if i + 1 < end else ""
    closes = ch in _closers(mark) if mark in lexicon.QUOTE_PAIRS else False
    return closes and not _is_space(prev) and (_is_space(nxt) or not nxt.isalnum())


def _same_family(a: str, b: str) -> bool:
    return (a in _DOUBLE_FAMILY) == (b in _DOUBLE_FAMILY)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _add_span(text: str, spans: list[QuoteSpan], diagnostics: list[Diagnostic], *,
              start: int, end: int, open_mark: int, close_mark: int | None, depth: int,
              paragraph: int, segments: tuple[tuple[int, int], ...]) -> None:
    """Record a span, its content trimmed of the padding some styles put inside the marks
    (« nous sommes prêts », „ wir “, with a space or a narrow no-break space), so that
    ``start``/``end`` hold the words whatever the mark style. Whitespace-only content is an
    empty quote."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        diagnostics.append(Diagnostic(code="empty-quote", message="quotation marks around "
                                      "nothing but whitespace", start=open_mark,
                                      end=(close_mark if close_mark is not None else open_mark) + 1))
        return
    # the first and last segments shrink with the span
    segs = [(max(a, start), min(b, end)) for a, b in segments]
    segs = [(a, max(a, b)) for a, b in segs]
    spans.append(QuoteSpan(start=start, end=end, open_mark=open_mark, close_mark=close_mark,
                           depth=depth, paragraph=paragraph, segments=tuple(segs)))


def _emit_unclosed(op: _Open, text: str, spans: list[QuoteSpan],
                   diagnostics: list[Diagnostic], depth: int) -> None:
    segments = op.segments or [(op.seg_start, op.seg_start)]
    end = segments[-1][1]
    start = op.content_start
    diagnostics.append(Diagnostic(
        code="unclosed-quote",
        message="quotation mark never closed; the quote runs to the end of its paragraph",
        start=op.pos, end=op.pos + 1))
    if end > start:
        _add_span(text, spans, diagnostics, start=start, end=end, open_mark=op.pos,
                  close_mark=None, depth=depth, paragraph=op.paragraph,
                  segments=tuple(segments))


def _step(text: str, i: int, stack: list[_Open], spans: list[QuoteSpan],
          diagnostics: list[Diagnostic], p_index: int, p_start: int, p_end: int,
          present: frozenset[str] = frozenset(),
          following: tuple[int, int] | None = None) -> None:
    """Read the quotation mark at ``i``: open, close, or skip it (an apostrophe, a stray
    glyph), updating ``stack``, ``spans`` and ``diagnostics``. ``following``: the next
    paragraph, if any."""
    ch = text[i]
    prev = text[i - 1] if i > p_start else ""
    nxt = text[i + 1] if i + 1 < p_end else ""
    if ch in ("'", "\u2019") and _single_closes_double(text, i, stack, prev, nxt, p_end,
                                                        following):
        diagnostics.append(Diagnostic(
            code="mismatched-marks", message=f"quotation opened with {stack[-1].mark} closed "
            f"with {ch}; read as one quote", start=i, end=i + 1))
        _close(text, stack, len(stack) - 1, i, spans, diagnostics, p_index)
        return
    if ch in lexicon.SINGLE_MARKS and _skip_apostrophe(text, i, stack, prev, nxt, p_end,
                                                       diagnostics):
        return
    left = _is_space(prev) or _is_open_punct(prev)
    right = _is_space(nxt) or (not nxt.isalnum() and nxt not in lexicon.OPENING_MARKS) or \
        nxt in lexicon.CLOSING_MARKS
    can_close = ch in lexicon.CLOSING_MARKS
    can_open = ch in lexicon.OPENING_MARKS
    target = _close_target(stack, ch)
    if can_open and can_close and ch in lexicon.QUOTE_PAIRS.get(ch, ()):
        _step_straight(text, i, stack, target, spans, diagnostics, p_index, p_start, p_end,
                       left, right)
        return
    if target is not None and not (left and not right and can_open):
        _close(text, stack, target, i, spans, diagnostics, p_index)
        return
    if can_open:
        _step_opener(text, i, stack, spans, diagnostics, p_index, p_end, prev, right)
        return
    if (ch in lexicon.SECONDARY_PAIRS and _is_space(prev) and not _is_space(nxt) and not stack
            and _PRIMARY_OPENER.get(ch, "") not in present):
        # Swedish/Finnish ”…”, Danish »…«: a closing glyph used to open
        _push(stack, _Open(ch, i, p_index), diagnostics)
        return
    if ch in ("\u2019", "\u2018", "\u203a", "\u201a"):
        return  # a stray single glyph is an apostrophe
    _unmatched_close(text, stack, i, prev, right, spans, diagnostics, p_index)


#: The most words a quote opened with a double mark and closed with a single one has: the
#: slip is seen on names and scare quotes ("the "Mets Poet'. I have never ...").
_MAX_MISMATCHED_WORDS = 6


def _single_closes_double(text: str, i: int, stack: list[_Open], prev: str, nxt: str,
                          p_end: int, following: tuple[int, int] | None) -> bool:
    """Does the word-final single mark at ``i`` close the double quote open on top of
    ``stack``, a typing slip ("new readers' through your work?")?

    Only when nothing else can: no single quote is open, the quote so far is a few words
    (`_MAX_MISMATCHED_WORDS`), no closing double mark follows in the paragraph (the next
    double mark, if any, opens a quote), and the quote does not go on into the next
    paragraph. Otherwise the mark is an apostrophe ("the workers' union"). A quote whose
    closing mark is simply missing and that holds a plural possessive in its first words
    ("The workers' union is strong. with no closing mark) is cut there too: with no
    closing mark either reading is a guess, and this one keeps the span short.
    """
    if not stack or stack[-1].mark not in _DOUBLE_FAMILY or not prev.isalpha():
        return False
    if not (_is_space(nxt) or nxt in _CLOSING_PUNCT):
        return False
    if any(op.mark in lexicon.SINGLE_MARKS for op in stack):
        return False
    op = stack[-1]
    words = _WORD_RE.finditer(text, op.content_start, i)
    if sum(1 for _ in itertools.islice(words, _MAX_MISMATCHED_WORDS + 1)) > \
            _MAX_MISMATCHED_WORDS:
        return False  # counted no further than the limit: a long quote costs no more
    for j in range(i + 1, p_end):
        if text[j] in _DOUBLE_FAMILY:
            before = text[j - 1]
            after = text[j + 1] if j + 1 < p_end else ""
            if not ((_is_space(before) or _is_open_punct(before)) and after.isalnum()):
                return False  # a closing mark for the quote comes later
            break
    return following is None or not _continues(text, following, op.mark)


def _skip_apostrophe(text: str, i: int, stack: list[_Open], prev: str, nxt: str, p_end: int,
                     diagnostics: list[Diagnostic]) -> bool:
    """Is the single-family mark at ``i`` an apostrophe (so not a quotation mark)? A closing
    mark after sentence punctuation with no single quote open also adds a diagnostic."""
    single_open = any(op.mark in lexicon.SINGLE_MARKS for op in stack)
    if not _apostrophe(text, i, prev, nxt, single_open, p_end):
        return False
    if not single_open and prev in ".!?," and (nxt.isspace() or nxt == "") and \
            text[i] in ("'", "\u2019"):
        # "so,' he said" with no quote open: a quotation whose opening mark we could
        # not tell from an apostrophe -- say so rather than drop it silently
        diagnostics.append(Diagnostic(
            code="unopened-single", message="closing single quotation mark with no "
            "opening mark (read as an apostrophe)", start=i, end=i + 1))
    return True


def _close_target(stack: list[_Open], ch: str) -> int | None:
    """The index in ``stack`` of the innermost open quote that ``ch`` would close."""
    for k in range(len(stack) - 1, -1, -1):
        if ch in _closers(stack[k].mark):
            return k
    return None


def _step_straight(text: str, i: int, stack: list[_Open], target: int | None,
                   spans: list[QuoteSpan], diagnostics: list[Diagnostic], p_index: int,
                   p_start: int, p_end: int, left: bool, right: bool) -> None:
    """A symmetric (straight) mark toggles: it closes the open one, else opens when a word
    follows."""
    ch = text[i]
    prev = text[i - 1] if i > p_start else ""
    nxt = text[i + 1] if i + 1 < p_end else ""
    if target is not None:
        _close(text, stack, target, i, spans, diagnostics, p_index)
    elif i == p_start and not stack and (_is_space(nxt) or nxt in _CLOSING_PUNCT) and \
            _odd_straight_marks(text, ch, p_start, p_end):
        # a fragment cut mid-quote ('" he said. Then "yes"'): its first mark closes a
        # quote that began before the fragment, and opening one would shift every pair
        _unmatched_close(text, stack, i, prev, right, spans, diagnostics, p_index)
    elif left or nxt.isalnum() or (_is_space(prev) and _is_space(nxt)):
        _push(stack, _Open(ch, i, p_index), diagnostics)
    elif prev in ",:" and nxt == " " and (text[i + 2 : i + 3].isupper() or
                                          text[i + 2 : i + 3] in ("[", "(")):
        # a misplaced opening mark: communities," For example ...
        op = _Open(ch, i, p_index)
        op.seg_start = op.content_start = i + 2
        _push(stack, op, diagnostics)
        diagnostics.append(Diagnostic(
            code="misplaced-mark", message="opening quotation mark attached to the word "
            "before it; read as opening the quote that follows", start=i, end=i + 1))
    else:
        _unmatched_close(text, stack, i, prev, right, spans, diagnostics, p_index)


def _step_opener(text: str, i: int, stack: list[_Open], spans: list[QuoteSpan],
                 diagnostics: list[Diagnostic], p_index: int, p_end: int, prev: str,
                 right: bool) -> None:
    """An opening glyph that closes nothing open: usually it opens a quote; with the same
    mark already open it may close that one, nest in it, or end it unclosed."""
    ch = text[i]
    if ch in _SAME_MARK_CLOSERS and stack and stack[-1].mark == ch:
        if not _is_space(prev) and not _is_open_punct(prev) and right:
            # “Hello,“ he said: an opening glyph where a closing one belongs closes the quote
            diagnostics.append(Diagnostic(
                code="wrong-direction-mark", message=f"{ch} in closing position read as "
                "the closing mark", start=i, end=i + 1))
            _close(text, stack, len(stack) - 1, i, spans, diagnostics, p_index)
            return
        if ch in _NESTING_MARKS and _nests(text, i, p_end):
            # “how “are” you”: the same mark nested, closed twice later on
            _push(stack, _Open(ch, i, p_index), diagnostics)
            return
    if ch in ("\u201c", "\u201e", "\u00ab", "\u2039") and stack and stack[-1].mark == ch:
        # “ … “ : the first never closed; keep it as a quote up to here
        op = stack.pop()
        end = _trim_end(text, op.seg_start, i)
        diagnostics.append(Diagnostic(
            code="unclosed-quote",
            message="quotation mark opened again before it closed; the first quote ends there",
            start=op.pos, end=op.pos + 1))
        if end > op.content_start:
            op.segments.append((op.seg_start, end))
            _add_span(text, spans, diagnostics, start=op.content_start, end=end,
                      open_mark=op.pos, close_mark=None, depth=len(stack),
                      paragraph=op.paragraph, segments=tuple(op.segments))
    _push(stack, _Open(ch, i, p_index), diagnostics)


def _odd_straight_marks(text: str, ch: str, start: int, end: int) -> bool:
    """Does the paragraph hold an odd number of the straight mark ``ch`` (apostrophes between
    letters not counted)?"""
    n = 0
    j = text.find(ch, start, end)
    while j != -1:
        if not (j > start and text[j - 1].isalnum() and text[j + 1 : j + 2].isalpha()):
            n += 1
        j = text.find(ch, j + 1, end)
    return n % 2 == 1


def _nests(text: str, i: int, p_end: int) -> bool:
    """Does the opening mark at ``i``, with the same mark already open, start a nested quote?
    Yes when the next two marks of its kind close (“how “are” you”), within
    `_LOOKAHEAD` characters of its paragraph; otherwise the first quote simply lacks its
    closing mark. Stopping at the next opener keeps a run of openers linear."""
    ch = text[i]
    closers = lexicon.QUOTE_PAIRS[ch]
    depth = 2
    for j in range(i + 1, min(p_end, i + _LOOKAHEAD)):
        c = text[j]
        if c == ch and (_is_space(text[j - 1]) or _is_open_punct(text[j - 1])):
            return False
        if c == ch or c in closers:
            depth -= 1
            if depth == 0:
                return True
    return False


def _unmatched_close(text: str, stack: list[_Open], i: int, prev: str, right: bool,
                     spans: list[QuoteSpan], diagnostics: list[Diagnostic],
                     p_index: int) -> None:
    """A closing mark that matches no open quote. A double one in closing position closes
    the innermost open quote of another style: 'Frank, thank you." and “We won." are typing
    slips, and dropping the quote (or running it to the paragraph's end) would be worse.
    Anything else is reported as an unopened quote."""
    if stack and right and not _is_space(prev) and text[i] in _DOUBLE_CLOSERS:
        diagnostics.append(Diagnostic(
            code="mismatched-marks", message=f"quotation opened with {stack[-1].mark} closed "
            f"with {text[i]}; read as one quote", start=i, end=i + 1))
        _close(text, stack, len(stack) - 1, i, spans, diagnostics, p_index)
        return
    diagnostics.append(Diagnostic(code="unopened-quote",
                                  message="closing quotation mark with no opening mark",
                                  start=i, end=i + 1))


def _push(stack: list[_Open], op: _Open, diagnostics: list[Diagnostic]) -> None:
    """Open a quote, unless that would nest deeper than `MAX_DEPTH` (no real text does;
    refusing keeps the finder linear and the spans properly nested)."""
    if len(stack) >= MAX_DEPTH:
        diagnostics.append(Diagnostic(
            code="too-deep", message=f"quotation nested more than {MAX_DEPTH} deep; "
            "this mark is not read as opening a quote", start=op.pos, end=op.pos + 1))
        return
    stack.append(op)


def _closers(mark: str) -> frozenset[str]:
    return lexicon.QUOTE_PAIRS.get(mark) or lexicon.SECONDARY_PAIRS[mark]


def _close(text: str, stack: list[_Open], target: int, i: int, spans: list[QuoteSpan],
           diagnostics: list[Diagnostic], p_index: int) -> None:
    # marks opened after the target and never closed are isolated as unclosed
    while len(stack) - 1 > target:
        inner = stack.pop()
        if inner.mark in lexicon.SINGLE_MARKS:
            diagnostics.append(Diagnostic(
                code="unclosed-single",
                message="single quotation mark never closed; read as an apostrophe",
                start=inner.pos, end=inner.pos + 1))
            continue
        diagnostics.append(Diagnostic(
            code="unclosed-quote",
            message="quotation mark never closed before the enclosing quote ended",
            start=inner.pos, end=inner.pos + 1))
        if i > inner.content_start:
            _add_span(text, spans, diagnostics, start=inner.content_start, end=i,
                      open_mark=inner.pos, close_mark=None, depth=len(stack),
                      paragraph=inner.paragraph,
                      segments=tuple(inner.segments) + ((inner.seg_start, i),))
    op = stack.pop()
    op.segments.append((op.seg_start, i))
    if i <= op.content_start:
        diagnostics.append(Diagnostic(code="empty-quote", message="empty quotation marks",
                                      start=op.pos, end=i + 1))
        return
    _add_span(text, spans, diagnostics, start=op.content_start, end=i, open_mark=op.pos,
              close_mark=i, depth=len(stack), paragraph=op.paragraph,
              segments=tuple(op.segments))
