"""Document structure from layout alone (no model): headlines, trailing link sections, Q&A turns.

These are facts about *where* a quote sits that the attribution rules read:

1. **Headlines.** The line before the story (a short first paragraph with no closing full
   stop) and list items that are only a quoted phrase followed by an outlet, a date or a dash
   (``“Council approves budget” — The Riverside Gazette, 3 May``). A quote that is a headline
   is a title, not speech.
2. **Trailing sections.** A heading such as "Sources", "Related" or "Related coverage" near
   the end of an article, followed only by short list-like lines up to the end of the text.
3. **Interview turns.** In a Q&A transcript each turn is opened by a label ("Q:", "A:", a
   name and a colon) or, in the Wikinews layout, a question paragraph is followed by its
   answer; quotes inside an answer belong to whoever answers it.

Every result holds character offsets into the caller's text (``start`` inclusive, ``end``
exclusive), like the rest of quoteattr.

Examples:
    >>> text = "Budget passes\\n\\nThe council voted on Monday.\\n\\nRelated coverage\\n" \\
    ...        "“Council delays vote” — The Gazette, 2 May"
    >>> s = analyze_structure(text)
    >>> [h.text for h in s.headlines]
    ['Budget passes', '“Council delays vote” — The Gazette, 2 May']
    >>> s.trailing_section.name
    'related coverage'
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs
import regex

from quoteattr import lexicon
from quoteattr.spans import SpanResult, find_paragraphs, find_quote_spans
from quoteattr.types import Span

__all__ = [
    "DocumentStructure",
    "Headline",
    "HeadlineKind",
    "Section",
    "Turn",
    "TurnRole",
    "analyze_structure",
    "find_headlines",
    "find_interview_turns",
    "find_trailing_section",
]

Paragraphs = Sequence[tuple[int, int]]

#: A headline line is short: at most this many words.
MAX_HEADLINE_WORDS = 25
#: What follows a headline in a list item (outlet, date) is short too.
MAX_TAIL_WORDS = 12
#: Lines of a trailing section are list items or short notes, not story paragraphs.
MAX_SECTION_LINE_WORDS = 40
#: A speaker label before the colon that opens a turn: at most this many words.
MAX_LABEL_WORDS = 5

_BULLET_RE = regex.compile(r"[-*•·–—]\s+|\d{1,3}[.)]\s+")
_SEPARATOR_RE = regex.compile(r"\s*(?:[—–|]|--?|:|,|\()\s*")
_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.&-]*")
_DATE_NUM_RE = regex.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
                             r"(?:1[89]|20)\d{2})\b")
_HEADING_RE = regex.compile(r"[#=*\s]*(?P<name>[\p{L} ]+?)[\s:=*#]*")
_QA_LABEL_RE = regex.compile(r"(?P<label>Q|A|Question|Answer|QUESTION|ANSWER)\s*[:.]\s+(?=\S)")
_NAME_LABEL_RE = regex.compile(r"(?P<label>\p{Lu}[\p{L}\p{N}.'’ -]{0,40}?)\s*:\s+(?=\S)")
_DOMAIN_RE = regex.compile(r"\w\.(?:com|org|net|gov|edu|co\.uk|uk|int|info|io)\b")
_VERBS = "|".join(sorted((regex.escape(v) for v in lexicon.INTERVIEW_VERBS), key=len,
                         reverse=True))
# "interviewed Jane Doe", "spoke with the novelist Jane Doe" (up to four lowercase words between)
_INTERVIEWEE_RE = regex.compile(
    rf"\b(?:{_VERBS})\s+(?!by\b)(?:\p{{Ll}}[\p{{L}}'’-]*,?\s+){{0,4}}?"
    r"(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|de|van|von|al))*)"
    r"(?=\s*(?:[,.;:)(—–-]|$)|\s+(?:about|on|for|in|at|who|and|from|to|via|over|after|before|"
    r"by|during|while|when|as|this|last|earlier|recently|yesterday|today)\b)")
_BULLET_CHARS_RE = regex.compile(r"[-*•·–—\d.)]")
_NEWLINE_RE = regex.compile(r"\n")
_FINAL_STOP_RE = regex.compile(r"[.;:,][\p{Pf}\p{Pe}\"'»]*\s*$")  # also before closing marks


class HeadlineKind(str, enum.Enum):
    """Where a headline stands."""

    #: The title line before the story.
    TITLE_LINE = "title-line"
    #: A line of a list of links: a quoted headline followed by an outlet, a date or a dash.
    LIST_ITEM = "list-item"

    def __str__(self) -> str:
        return self.value


class TurnRole(str, enum.Enum):
    """Whether a turn of an interview asks or answers."""

    QUESTION = "question"
    ANSWER = "answer"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Headline:
    """A headline line.

    Attributes:
        kind: a title line or a list item.
        start, end, text: the line, trimmed of surrounding space (and of a list bullet).
        quote: the quoted headline of a list item (the span's content), else None.
        tail: what follows the quote ("outlet", "date", "dash"), else None.
    """

    kind: HeadlineKind
    start: int
    end: int
    text: str
    quote: Span | None = None
    tail: str | None = None

    def covers(self, start: int, end: int) -> bool:
        """Does the headline line contain ``start:end``?"""
        return self.start <= start and end <= self.end


@attrs.frozen(kw_only=True)
class Section:
    """A trailing section ("Sources", "Related coverage") up to the end of the text.

    Attributes:
        name: the heading, lowercased, without its colon or markup ("related coverage").
        heading: the heading line.
        start, end: the section's body, from the first line after the heading.
    """

    name: str
    heading: Span
    start: int
    end: int

    def __contains__(self, offset: int) -> bool:
        return self.heading.start <= offset < self.end


@attrs.frozen(kw_only=True)
class Turn:
    """One turn of an interview: a labelled paragraph and the unlabelled ones that follow it.

    Attributes:
        role: question or answer.
        start, end: from the label (or the paragraph start) to the end of the turn's last
            paragraph.
        label: the label as written, without its colon ("Q", "Jane Doe"), or None (Wikinews
            layout: a question paragraph and its answer carry no label).
        speaker: who speaks the turn: the label when it names someone, the interviewee named
            in the introduction for a bare "A:" or an unlabelled answer, else None.
    """

    role: TurnRole
    start: int
    end: int
    label: Span | None = None
    speaker: str | None = None

    def __contains__(self, offset: int) -> bool:
        return self.start <= offset < self.end


@attrs.frozen(kw_only=True)
class DocumentStructure:
    """Everything `analyze_structure` found, with look-ups by offset."""

    headlines: tuple[Headline, ...] = ()
    trailing_section: Section | None = None
    turns: tuple[Turn, ...] = ()

    def headline_at(self, start: int, end: int) -> Headline | None:
        """The headline line that contains ``start:end``, if any."""
        for h in self.headlines:
            if h.covers(start, end):
                return h
        return None

    def turn_at(self, offset: int) -> Turn | None:
        """The interview turn that contains ``offset``, if any."""
        for t in self.turns:
            if offset in t:
                return t
        return None

    def in_trailing_section(self, offset: int) -> bool:
        return self.trailing_section is not None and offset in self.trailing_section

    @property
    def is_interview(self) -> bool:
        return bool(self.turns)


def analyze_structure(text: str, spans: SpanResult | None = None,
                      paragraphs: Paragraphs | None = None) -> DocumentStructure:
    """Headlines, the trailing section and interview turns of ``text``.

    Args:
        text: the document.
        spans: its quoted spans (`find_quote_spans`), found if None.
        paragraphs: (start, end) paragraph offsets; the spans' paragraphs if None.
    """
    if spans is None:
        spans = find_quote_spans(text)
    if paragraphs is None:
        paragraphs = spans.paragraphs
    section = find_trailing_section(text, paragraphs)
    return DocumentStructure(
        headlines=find_headlines(text, spans, paragraphs, section=section),
        trailing_section=section,
        turns=find_interview_turns(text, paragraphs))


# --------------------------------------------------------------------------------------------
# Trailing sections


def _heading_name(text: str, start: int, end: int) -> str | None:
    """The section name if the line ``start:end`` is a trailing-section heading."""
    m = _HEADING_RE.fullmatch(text, start, end)
    if m is None:
        return None
    name = " ".join(m.group("name").split()).lower()
    return name if name in lexicon.TRAILING_SECTION_NAMES else None


def _lines(text: str, paragraphs: Paragraphs) -> list[tuple[int, int]]:
    """Paragraphs split further at line breaks, trimmed (a list inside a blank-line
    paragraph is one item a line)."""
    out = []
    for p_start, p_end in paragraphs:
        pos = p_start
        for m in _NEWLINE_RE.finditer(text, pos, p_end):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, p_end))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def find_trailing_section(text: str, paragraphs: Paragraphs | None = None) -> Section | None:
    """The "Sources"/"Related" section that ends the text, if there is one.

    A heading line from `TRAILING_SECTION_NAMES` counts when every
    line after it is short (a list item or a note, at most `MAX_SECTION_LINE_WORDS`
    words) and at least one line follows. With several such headings ("Related" then
    "Sources"), the section starts at the first.
    """
    if paragraphs is None:
        paragraphs = find_paragraphs(text)
    lines = _lines(text, paragraphs)
    found: Section | None = None
    # walk back from the end while the lines stay short
    for k in range(len(lines) - 1, -1, -1):
        a, b = lines[k]
        name = _heading_name(text, a, b)
        if name is not None and k < len(lines) - 1:
            found = Section(name=name, heading=Span.of(text, a, b), start=lines[k + 1][0],
                            end=lines[-1][1])
            continue
        if len(_WORD_RE.findall(text, a, b)) > MAX_SECTION_LINE_WORDS:
            break
    return found


# --------------------------------------------------------------------------------------------
# Headlines


def _tail_kind(tail: str) -> str | None:
    """What follows a quoted headline on its line: "outlet", "date", "dash", or None when it
    is not what a list of links puts there (the line goes on as a sentence)."""
    stripped = tail.strip()
    if not stripped:
        return "dash"  # nothing after the separator: "“…” —"
    words = _WORD_RE.findall(stripped)
    if len(words) > MAX_TAIL_WORDS:
        return None
    low = [w.lower().strip(".") for w in words]
    if any(w in lexicon.OUTLET_WORDS for w in low) or _DOMAIN_RE.search(stripped) or \
            (low[:1] == ["the"] and all(w[:1].isupper() for w in words)):
        return "outlet"  # an outlet word, a domain (bbc.co.uk), a name like The Onion
    if all(w in lexicon.MONTH_NAMES or w in lexicon.WEEKDAY_NAMES or w.isdigit() or
           w in ("updated", "published", "posted") for w in low):
        return "date"  # a date alone; "Matthew Ingram, 2008" is a pull quote's source
    return None


def find_headlines(text: str, spans: SpanResult | None = None,
                   paragraphs: Paragraphs | None = None, *,
                   section: Section | None = None) -> tuple[Headline, ...]:
    """Headline lines of ``text``, in text order.

    * The title line: the first paragraph when it is one short line (at most
      `MAX_HEADLINE_WORDS` words) with no closing full stop, comma or colon (also not
      one inside closing quotation marks: ``Smith said “We will win.”`` is story), and the
      story follows.
    * List items: a line (after an optional bullet) that is only a quoted phrase, followed by
      a separator and an outlet or a date, or by a dash alone; inside a trailing ``section``
      (or in a run of two or more such lines) a line that is only a quoted phrase counts too.
    """
    if spans is None:
        spans = find_quote_spans(text)
    if paragraphs is None:
        paragraphs = spans.paragraphs
    out: list[Headline] = []
    if len(paragraphs) > 1:
        a, b = paragraphs[0]
        if "\n" not in text[a:b] and len(_WORD_RE.findall(text, a, b)) <= MAX_HEADLINE_WORDS \
                and not _FINAL_STOP_RE.search(text, a, b):
            out.append(Headline(kind=HeadlineKind.TITLE_LINE, start=a, end=b, text=text[a:b]))
    top = [s for s in spans.spans if s.depth == 0 and s.closed]
    candidates: list[tuple[Headline, bool]] = []  # (headline, needs a run or a section)
    for a, b in _lines(text, paragraphs):
        if out and out[0].start == a:
            continue
        m = _BULLET_RE.match(text, a, b)
        body = m.end() if m else a
        span = next((s for s in top if s.open_mark == body), None)
        if span is None or span.close_mark is None:
            continue
        rest = text[span.close_mark + 1 : b]
        quote = Span.of(text, span.start, span.end)
        if not rest.strip(" .,;"):
            candidates.append((Headline(kind=HeadlineKind.LIST_ITEM, start=body, end=b,
                                        text=text[body:b], quote=quote), True))
            continue
        sep = _SEPARATOR_RE.match(rest)
        if sep is None or not sep.group().strip():
            continue
        tail = _tail_kind(rest[sep.end():].rstrip(")"))
        if tail is None:
            continue
        if tail == "outlet" and sep.group().strip() in (",", ":") and \
                not rest[sep.end():].strip()[:1].isupper():
            continue
        candidates.append((Headline(kind=HeadlineKind.LIST_ITEM, start=body, end=b,
                                    text=text[body:b], quote=quote, tail=tail), False))
    for k, (h, needs_context) in enumerate(candidates):
        if needs_context:
            in_section = section is not None and h.start in section
            neighbours = [c for j, (c, _) in enumerate(candidates) if abs(j - k) == 1]
            in_run = any(_adjacent_lines(text, c, h) for c in neighbours)
            if not (in_section or in_run):
                continue
        out.append(h)
    return tuple(sorted(out, key=lambda h: h.start))


def _adjacent_lines(text: str, a: Headline, b: Headline) -> bool:
    """Are two list items on consecutive lines (nothing but whitespace between them)?"""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end : second.start]
    return not _BULLET_CHARS_RE.sub("", between).strip()


# --------------------------------------------------------------------------------------------
# Interview turns


def _label(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The (start, end) of a turn label ("Q", "Jane Doe") opening the paragraph, or None."""
    m = _QA_LABEL_RE.match(text, start, end)
    if m is not None:
        return m.span("label")
    m = _NAME_LABEL_RE.match(text, start, end)
    if m is None:
        return None
    label = m.group("label").strip()
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS:
        return None
    # a name or a role: every word capitalised (Jane Doe, WIKINEWS, Dr. Smith)
    if not all(w[:1].isupper() or w.lower() in ("de", "van", "von", "al", "bin", "of")
               for w in words):
        return None
    return m.start("label"), m.start("label") + len(label)


def _interviewee(text: str, before: int) -> str | None:
    """The person an introduction says was interviewed ("Wikinews interviewed Jane Doe")."""
    for m in _INTERVIEWEE_RE.finditer(text, 0, before):
        words = [w.lower().strip(".'’s") for w in m.group("name").split()]
        if any(w in lexicon.TITLE_WORDS or w in lexicon.MONTH_NAMES or
               w in lexicon.WEEKDAY_NAMES for w in words):
            continue  # "interviews President of …", "interviewed Monday"
        name = m.group("name").rstrip(".")
        # "spoke with Lindqvist" after "Glaciologist Hanna Lindqvist": the full name
        full = regex.compile(rf"(?:\p{{Lu}}[\p{{L}}'’.-]+ ){{1,2}}{regex.escape(name)}\b").search(
            text, 0, m.start())
        if full is None:
            return name
        words = full.group().split()
        before_full = text[:full.start()].rstrip(" ")[-1:]
        if len(words) > 2 and before_full in ("", "\n", ".", "!", "?"):
            words = words[1:]  # "Glaciologist Hanna Lindqvist" opening a sentence
        return " ".join(words)
    return None


def _is_question(text: str, start: int, end: int) -> bool:
    return text[start:end].rstrip().rstrip("\"”’'").endswith("?")


def _quotes_in(text: str, start: int, end: int) -> bool:
    """Does the paragraph hold a quotation mark? An interviewer's question is written
    plainly; a quoted question is dialogue in a story ("“Where are you going?”")."""
    return any(ch in lexicon.OPENING_MARKS or ch == '"' for ch in text[start:end])


def find_interview_turns(text: str, paragraphs: Paragraphs | None = None) -> tuple[Turn, ...]:
    """The turns of a Q&A interview, or () when ``text`` is not laid out as one.

    Labelled layout: paragraphs opened by "Q:"/"A:" or by a name and a colon; at least two
    distinct labels and four labelled paragraphs. A paragraph without a label continues the
    turn before it. A "Q" label, or the name whose turns ask the most questions, asks; the
    others answer. A bare "A:" is answered by the person the introduction says was
    interviewed (when it says so).

    Wikinews layout (no labels): at least three paragraphs that end with a question mark and
    hold no quotation mark (a quoted question is dialogue), each followed by a paragraph
    that does not; each answer runs to the next question.
    """
    if paragraphs is None:
        paragraphs = find_paragraphs(text)
    labels = [(k, _label(text, a, b)) for k, (a, b) in enumerate(paragraphs)]
    labelled = [(k, lab) for k, lab in labels if lab is not None]
    names = {text[a:b] for _, (a, b) in labelled}
    if len(labelled) >= 4 and len(names) >= 2:
        return _labelled_turns(text, paragraphs, labelled)
    return _unlabelled_turns(text, paragraphs)


def _labelled_turns(text: str, paragraphs: Paragraphs,
                    labelled: list[tuple[int, tuple[int, int]]]) -> tuple[Turn, ...]:
    by_name: dict[str, list[int]] = {}
    for k, (a, b) in labelled:
        by_name.setdefault(text[a:b], []).append(k)
    lows = {name: name.lower().rstrip(".") for name in by_name}
    askers = {n for n, low in lows.items() if low in lexicon.QUESTION_LABELS}
    if not askers and not any(low in lexicon.ANSWER_LABELS for low in lows.values()):
        # named turns: the interviewer is the name whose turns are most often questions
        def share(name: str) -> float:
            ks = by_name[name]
            return sum(_is_question(text, *paragraphs[k]) for k in ks) / len(ks)
        best = max(by_name, key=share)
        if share(best) > 0:
            askers = {best}
    if not askers and not any(low in lexicon.ANSWER_LABELS for low in lows.values()):
        return ()  # labels, but nobody asks: notes or updates, not an interview
    first = paragraphs[labelled[0][0]][0]
    interviewee = _interviewee(text, first)
    turns = []
    for j, (_k, (a, b)) in enumerate(labelled):
        last = labelled[j + 1][0] - 1 if j + 1 < len(labelled) else len(paragraphs) - 1
        name = text[a:b]
        low = lows[name]
        role = TurnRole.QUESTION if name in askers or low in lexicon.QUESTION_LABELS \
            else TurnRole.ANSWER
        if low in lexicon.QUESTION_LABELS:
            speaker = None
        elif low in lexicon.ANSWER_LABELS:
            speaker = interviewee
        else:
            speaker = name
        turns.append(Turn(role=role, start=a, end=paragraphs[last][1],
                          label=Span.of(text, a, b), speaker=speaker))
    return tuple(turns)


def _unlabelled_turns(text: str, paragraphs: Paragraphs) -> tuple[Turn, ...]:
    questions = [k for k, (a, b) in enumerate(paragraphs)
                 if _is_question(text, a, b) and k + 1 < len(paragraphs)
                 and not _is_question(text, *paragraphs[k + 1])
                 and not _quotes_in(text, a, b)]
    if len(questions) < 3:
        return ()
    interviewee = _interviewee(text, paragraphs[questions[0]][0])
    turns = []
    for j, k in enumerate(questions):
        nxt = questions[j + 1] if j + 1 < len(questions) else len(paragraphs)
        turns.append(Turn(role=TurnRole.QUESTION, start=paragraphs[k][0],
                          end=paragraphs[k][1]))
        turns.append(Turn(role=TurnRole.ANSWER, start=paragraphs[k + 1][0],
                          end=paragraphs[nxt - 1][1], speaker=interviewee))
    return tuple(turns)
