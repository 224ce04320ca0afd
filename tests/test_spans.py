"""The span finder: every mark style, nesting, paragraphs, apostrophes, unbalanced input."""

from __future__ import annotations

import pytest

from quoteattr.spans import find_paragraphs, find_quote_spans, normalize_marks


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text).spans]


@pytest.mark.parametrize("text, expected", [
    ("He said “we are ready” today.", ["we are ready"]),
    ("He said ‘we are ready’ today.", ["we are ready"]),
    ('He said "we are ready" today.', ["we are ready"]),
    ("He said 'we are ready' today.", ["we are ready"]),
    ("Il a dit « nous sommes prêts » hier.", ["nous sommes prêts"]),
    ("Er sagte „wir sind bereit“ gestern.", ["wir sind bereit"]),
    ("Er sagte „wir sind bereit” gestern.", ["wir sind bereit"]),
    ("Il a dit ‹ prêts › hier.", ["prêts"]),
    ("Han sa ”vi är redo” i går.", ["vi är redo"]),
    ("Han sagde »vi er klar« i går.", ["vi er klar"]),
    ("「準備はできている」と彼は言った。", ["準備はできている"]),
])
def test_mark_styles(text, expected):
    """Each quotation-mark style pairs with its own closing mark."""
    assert contents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("the NATO defense ministers’ meeting in Brussels", []),
    ("an EU leaders’ gathering and the leaders' summit", []),
    ("They don’t know; it’s O’Neill’s call.", []),
    ("It was the ’90s, or the '80s, or the ‘70s.", []),
    ("They played rock ’n’ roll and rock 'n' roll.", []),
    ("Tell ’em ’tis true, 'cause it is.", []),
    ("He said “the ministers’ meeting ended.”", ["the ministers’ meeting ended."]),
    ("He wrote: ‘The ministers’ meeting was fine.’", ["The ministers’ meeting was fine."]),
    ("She said 'Yes' and 'no' to the workers' union.", ["Yes", "no"]),
    ("“We’re ready,” the players’ coach said.", ["We’re ready,"]),
    ("James’ book and the Joneses’ house", []),
])
def test_apostrophes_never_break_pairing(text, expected):
    """Plural possessives, contractions, decades and elisions are apostrophes, not quotes."""
    assert contents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("He said ``we are ready'' today.", ["we are ready"]),
    ("``We are ready,'' he said. ``Now.''", ["We are ready,", "Now."]),
    ("He said ``the ministers' meeting ended.''", ["the ministers' meeting ended."]),
    ("``First part.\n\n``Second part,'' he said.", ["First part.\n\n``Second part,"]),
    ("Run ``pip install x`` first; it's 5'' long.", []),
    ("A table of ``a'' and ``b''", ["a", "b"]),
    ("```python\nx = 1\n```\nHe said ``yes.''", ["yes."]),
])
def test_tex_and_treebank_quotes(text, expected):
    """````…''`` (TeX, Penn Treebank) pairs like curly quotes; a Markdown code span does not."""
    assert contents(text) == expected


@pytest.mark.parametrize("text, expected, mismatch", [
    ("When she says, 'Frank, thank you, your work is great.\"\n\nYou", [
        "Frank, thank you, your work is great."], True),
    ("He said “we won.\" Then he left.", ["we won."], True),
    ("`` I say brains win. We have brains.\" — Peres", ["I say brains win. We have brains."],
     True),
    ("She said \"I told him 'no way,\" and left.", ["I told him 'no way,"], False),
    ("It's 5\" long and 3' wide.", [], False),
])
def test_mismatched_closing_mark_closes_the_open_quote(text, expected, mismatch):
    """A double closing mark that matches no open quote closes the open one of another style
    (with a diagnostic) instead of dropping the quote or running it to the paragraph's end."""
    result = find_quote_spans(text)
    assert [text[sp.start:sp.end] for sp in result.spans] == expected
    assert ("mismatched-marks" in [d.code for d in result.diagnostics]) == mismatch


@pytest.mark.parametrize("text, expected, mismatch", [
    ("Have you met \"new readers' through your work?\n\nYes.", ["new readers"], True),
    ("Fans know the \"Mets Poet'. My jersey says \"The Poet' because of it.",
     ["Mets Poet", "The Poet"], True),
    ("“The workers’ union is strong,” he said.", ["The workers’ union is strong,"], False),
    ("\"The workers' union is strong.\n\n\"And we win,\" he said.",
     ["The workers' union is strong.\n\n\"And we win,"], False),
    ("He said \"the workers' union, the farmers' union and the teachers' union all agree\" "
     "today.", ["the workers' union, the farmers' union and the teachers' union all agree"],
     False),
])
def test_single_mark_closing_a_short_double_quote(text, expected, mismatch):
    """A short quote opened with a double mark and closed with a single one (a typing slip)
    ends at the single mark when no double mark closes it later and it does not go on into
    the next paragraph; otherwise the single mark stays an apostrophe."""
    result = find_quote_spans(text)
    assert [text[sp.start:sp.end] for sp in result.spans] == expected
    assert ("mismatched-marks" in [d.code for d in result.diagnostics]) == mismatch


DASH_TURNS = ("— I —\n\nHe held the bowl aloft and intoned:\n\n—Introibo ad altare Dei.\n\n"
              "—Back to barracks! he said sternly.\n\n"
              "—Thanks, old chap, he cried briskly. That will do nicely.\n\n"
              "—Tell me, Mulligan, Stephen said quietly.\n\n"
              "—I was, Stephen said with energy and growing fear. Out here.\n\nHe laughed.")


def test_dialogue_opened_by_dashes():
    """A text that writes its turns with a dash and no quotation marks: each turn is a
    quote, ended by a cue clause after a comma, ! or ?, and what follows the cue is a second
    quote; a heading between dashes and narration are not quotes. Offsets are exact."""
    spans = find_quote_spans(DASH_TURNS).spans
    assert [DASH_TURNS[sp.start:sp.end] for sp in spans] == [
        "Introibo ad altare Dei.", "Back to barracks!", "Thanks, old chap,",
        "That will do nicely.", "Tell me, Mulligan,", "I was,", "Out here."]
    assert all(sp.close_mark is None and sp.depth == 0 for sp in spans)
    assert DASH_TURNS[spans[1].open_mark] == "—"


def test_dialogue_opened_by_two_hyphens():
    """Plain-text editions write the dash as two hyphens: "--What is your name?"."""
    text = ("--What is your name?\n\n--Stephen Dedalus, he said.\n\n--What kind of a name "
            "is that?\n\nHe did not answer.\n\n-- a spaced pair is no turn")
    assert [text[sp.start:sp.end] for sp in find_quote_spans(text).spans] == [
        "What is your name?", "Stephen Dedalus,", "What kind of a name is that?"]


@pytest.mark.parametrize("text", [
    "—Reuters\n\nThe talks went on.",  # a credit line
    "He said so.\n\n—One\n\n—Two\n\n“Three,” she said.\n\n“Four.”\n\n“Five.”",
])
def test_few_dash_paragraphs_are_not_dialogue(text):
    """Fewer than three dash paragraphs, or no more of them than paragraphs opening with a
    quotation mark: the dashes open no quotes."""
    assert all(text[sp.open_mark] not in "—" for sp in find_quote_spans(text).spans)


def test_normalized_marks_keep_every_offset():
    """The normalized text is as long as the input and differs only at the marks."""
    text = "He said ``we are ready'' and ``so are we'' today."
    out = normalize_marks(text)
    assert len(out) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, out)) if a != b] == [8, 9, 22, 23, 29, 30, 40, 41]
    assert normalize_marks("no marks here") == "no marks here"


def test_nested_quote_has_depth_one():
    """‘…’ inside “…” is found as a nested span."""
    text = "“He told me, ‘I am leaving,’ and left,” Smith said."
    spans = find_quote_spans(text).spans
    assert [(text[s.start:s.end], s.depth) for s in spans] == [
        ("He told me, ‘I am leaving,’ and left,", 0), ("I am leaving,", 1)]


def test_straight_nested_in_straight():
    """Single straight marks nest inside double ones."""
    text = "\"They call it 'the beast',\" he said."
    spans = find_quote_spans(text).spans
    assert [(text[s.start:s.end], s.depth) for s in spans] == [
        ("They call it 'the beast',", 0), ("the beast", 1)]


def test_quote_runs_over_paragraphs():
    """A paragraph that opens a quote and does not close it continues at the next paragraph's
    opening mark: one quote, two segments."""
    text = "“First part of the speech.\n“Second part,” she said.\nNext paragraph."
    result = find_quote_spans(text)
    (span,) = result.spans
    assert text[span.start:span.end] == "First part of the speech.\n“Second part,"
    assert span.multi_paragraph
    assert [text[a:b] for a, b in span.segments] == ["First part of the speech.", "Second part,"]
    assert result.diagnostics == ()


def test_unclosed_quote_is_isolated_to_its_paragraph():
    """One unbalanced mark is a diagnostic; the quote runs to its paragraph end and the rest
    of the document is still processed."""
    text = "He said “we will win.\nLater, she said “no way” and left."
    result = find_quote_spans(text)
    assert [text[s.start:s.end] for s in result.spans] == ["we will win.", "no way"]
    assert [d.code for d in result.diagnostics] == ["unclosed-quote"]
    assert not result.spans[0].closed


def test_stray_closing_mark_is_a_diagnostic():
    """A closing mark with nothing open is reported, never raised."""
    text = "He said” this. Then “yes” she said."
    result = find_quote_spans(text)
    assert contents(text) == ["yes"]
    assert [d.code for d in result.diagnostics] == ["unopened-quote"]


def test_only_opening_marks():
    """Only opening marks: each becomes an unclosed quote with a diagnostic, no exception."""
    text = "“one “two “three"
    result = find_quote_spans(text)
    assert [text[s.start:s.end] for s in result.spans] == ["one", "two", "three"]
    assert all(d.code == "unclosed-quote" for d in result.diagnostics)


def test_empty_quotes_are_diagnosed():
    """“” holds no quote; it is reported."""
    result = find_quote_spans("He said “” and left.")
    assert result.spans == ()
    assert [d.code for d in result.diagnostics] == ["empty-quote"]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "no quotes at all"])
def test_no_quotes(text):
    """Text without quotes gives no spans and no diagnostics."""
    result = find_quote_spans(text)
    assert result.spans == () and result.diagnostics == ()


def test_offsets_always_index_the_original():
    """Every span's offsets slice the original text, Windows line endings included."""
    text = "Title\r\n“A quote,” he said.\r\n\r\n‘Another’ one."
    for s in find_quote_spans(text).spans:
        assert 0 <= s.open_mark < s.start <= s.end <= len(text)
        assert text[s.open_mark] in "“‘"


class TestParagraphs:
    def test_line_mode_for_news(self):
        """Without blank lines every line is a paragraph."""
        text = "One.\nTwo.\nThree."
        assert [text[a:b] for a, b in find_paragraphs(text)] == ["One.", "Two.", "Three."]

    def test_blank_mode_for_wrapped_text(self):
        """Hard-wrapped text (blank lines between paragraphs) keeps wrapped lines together."""
        text = "A line that wraps\nonto the next.\n\nSecond para\nalso wraps."
        assert [text[a:b] for a, b in find_paragraphs(text)] == [
            "A line that wraps\nonto the next.", "Second para\nalso wraps."]

    def test_bad_mode(self):
        """An unknown mode is a ValueError that lists the modes."""
        with pytest.raises(ValueError, match="'auto', 'line' or 'blank'"):
            find_paragraphs("x", "lines")


@pytest.mark.parametrize("text, expected", [
    ('Gomez said, "We learned a lot.\n\nIt felt like the first time."\n\nNext.',
     ["We learned a lot.\n\nIt felt like the first time."]),
    ('Wilkins said," [Warhol] liked the flash". She left.', ["[Warhol] liked the flash"]),
    ("He shouted ‘Are you insane?\nShe left.", ["Are you insane?"]),
])
def test_sloppy_marks_found_in_real_news(text, expected):
    """Marks as written in real Wikinews text: a quotation that goes on into the next
    paragraph without re-opening, an opening mark stuck to the word before, a curly opener
    whose closing mark is missing."""
    assert contents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("‘Ye gods!’ he cried.", ["Ye gods!"]),
    ("‘Till we meet again,’ she said.", ["Till we meet again,"]),
    ("'Round and round we go,' she sang.", ["Round and round we go,"]),
    ("He said, ‘Em is my sister.’", ["Em is my sister."]),
    ("‘2020 was a hard year,’ she said.", ["2020 was a hard year,"]),
    ("He said '42'.", ["42"]),
    ("He called it ‘rock ’n’ roll’ music.", ["rock ’n’ roll"]),
    ("He called it 'rock 'n' roll' music.", ["rock 'n' roll"]),
    ("‘I saw the ministers’ meeting\nyesterday,’ he said.\n\nNext.",
     ["I saw the ministers’ meeting\nyesterday,"]),
    ("‘I saw the ministers’\u00a0meeting,’ he said.", ["I saw the ministers’\u00a0meeting,"]),
])
def test_elisions_and_possessives_inside_single_quotes(text, expected):
    """A capitalised elided word or a number can open a single quote when a closing mark
    follows; rock ’n’ roll and wrapped plural possessives do not close one."""
    assert contents(text) == expected


def test_unopened_single_is_reported():
    """A closing single mark after sentence punctuation with nothing open is reported."""
    result = find_quote_spans("'cause I said so,' he said.")
    assert [d.code for d in result.diagnostics] == ["unopened-single"]


def test_unclosed_nested_quotes_keep_their_depth():
    """Unclosed quotes inside unclosed quotes are nested, not overlapping siblings."""
    text = "«Il dit “bonjour"
    spans = find_quote_spans(text).spans
    assert [(text[s.start:s.end], s.depth) for s in spans] == [("Il dit “bonjour", 0),
                                                                 ("bonjour", 1)]


# --------------------------------------------------------------------------------------------
# Shapes other tools' test suites check (issue 16) and padding/elisions (issue 19, item 9)


@pytest.mark.parametrize("text, expected", [
    ("He said `we are ready' today.", ["we are ready"]),
    ("`We are ready,' he said. `Now.'", ["We are ready,", "Now."]),
    ("He said `the ministers' meeting ended.'", ["the ministers' meeting ended."]),
    ("``He told me `no,' and left,'' she said.", ["He told me `no,' and left,", "no,"]),
    ("Use `ls` and `pwd` here.", []),
    ("A `lone backtick and it's fine.", []),
])
def test_tex_single_quotes(text, expected):
    """A single backtick opening a word pairs with the next closing ' (TeX, Penn Treebank),
    skipping plural possessives; Markdown code spans and lone backticks are left alone."""
    assert contents(text) == expected


def test_tex_single_quote_keeps_offsets():
    """Normalizing `…' keeps the length, so spans slice the caller's string."""
    text = "He said `we are ready' today."
    assert len(normalize_marks(text)) == len(text)
    (span,) = find_quote_spans(text).spans
    assert text[span.open_mark] == "`" and text[span.close_mark] == "'"
    assert text[span.start:span.end] == "we are ready"


@pytest.mark.parametrize("text, expected", [
    ("He asked “how “are” you” and left.", [("how “are” you", 0), ("are", 1)]),
    ("«Il dit «non» et part» hier.", [("Il dit «non» et part", 0), ("non", 1)]),
    # not closed twice: the first quote lacks its closing mark, as before
    ("“one “two” three", [("one", 0), ("two", 0)]),
])
def test_same_mark_nested(text, expected):
    """An opening mark inside a quote of the same mark nests when two closing marks follow."""
    spans = find_quote_spans(text).spans
    assert [(text[s.start:s.end], s.depth) for s in spans] == expected


@pytest.mark.parametrize("text, expected", [
    ("“Hello,“ he said.", ["Hello,"]),
    ("“Hello,“ he said. “Goodbye.“", ["Hello,", "Goodbye."]),
    ("«Bonjour,« dit-il.", ["Bonjour,"]),
])
def test_wrong_direction_mark_closes(text, expected):
    """An opening glyph in closing position (after a word, before a space) closes the open
    quote of that mark, with a diagnostic, instead of opening a spurious quote."""
    result = find_quote_spans(text)
    assert [text[s.start:s.end] for s in result.spans] == expected
    assert "wrong-direction-mark" in [d.code for d in result.diagnostics]


def test_british_quote_over_paragraphs_with_single_marks():
    """‘ re-opening each paragraph and ’ closing the last: one quote, one segment a paragraph."""
    text = ("‘The first part of a long speech.\n\n‘The second part goes on.\n\n"
            "‘And the last one ends here,’ he said.\n\nNarration.")
    result = find_quote_spans(text)
    (span,) = result.spans
    assert [text[a:b] for a, b in span.segments] == [
        "The first part of a long speech.", "The second part goes on.",
        "And the last one ends here,"]
    assert span.closed and result.diagnostics == ()


def test_single_mark_paragraph_without_reopening_still_ends():
    """Without a ‘ opening the next paragraph, an unclosed ‘ still ends with its paragraph."""
    text = "‘Are you insane?\n\nShe left. ‘Yes,’ he said."
    assert contents(text) == ["Are you insane?", "Yes,"]


@pytest.mark.parametrize("text, expected", [
    ('" he said. Then she said "yes" and left.', ["yes"]),
    ('", he added. She said "yes" and "no".', ["yes", "no"]),
    ("' he said. Then she said 'yes' and left.", ["yes"]),
    ('</p>" he said. <p>Then she said "yes".', ["yes"]),
    # an even count: the leading mark opens, padded
    ('" We are ready, " he said.', ["We are ready,"]),
])
def test_stray_closing_mark_at_fragment_start(text, expected):
    """A fragment that starts with the closing mark of a quote cut off before it reports the
    mark instead of opening a quote that shifts every later pair."""
    result = find_quote_spans(text)
    assert [text[s.start:s.end] for s in result.spans] == expected


@pytest.mark.parametrize("text, expected", [
    ("Il a dit «\u202fnous sommes prêts\u202f» hier.", ["nous sommes prêts"]),
    ("Il a dit «\u00a0oui\u00a0» hier.", ["oui"]),
    ("Er sagte „ wir sind bereit “ gestern.", ["wir sind bereit"]),
])
def test_padding_inside_marks_is_trimmed(text, expected):
    """Spaces and (narrow) no-break spaces just inside the marks are not part of the quote."""
    assert contents(text) == expected


def test_whitespace_only_quote_is_empty():
    """Marks around nothing but padding are an empty quote."""
    result = find_quote_spans("Il a dit «\u202f» hier.")
    assert result.spans == ()
    assert [d.code for d in result.diagnostics] == ["empty-quote"]


@pytest.mark.parametrize("text, expected", [
    ("'Tis the season.", []),
    ("'Tis the season, and the workers' party is on.", []),
    ("'Twas brillig. The toves' gyre was slow.", []),
    ("‘Tis the season, say the grocers’ ads.", []),
    ("'Tis the season,' she said.", ["Tis the season,"]),
    ("Tell 'em, and play rock 'n' roll from the '90s.", []),
])
def test_elided_only_words_do_not_open_quotes(text, expected):
    """’Tis and ’twas exist only elided: a later plural possessive does not make them quotes;
    a closing mark after punctuation still does."""
    assert contents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("“We will win,” he said, using the word “said” twice. “Now.”",
     ["We will win,", "said", "Now."]),
    ("He avoided the word 'said'. 'It is flat,' he said.", ["said", "It is flat,"]),
    ("“Yes”, Smith said, “we will.”", ["Yes", "we will."]),
    ("“Yes,” he said, “we will.”", ["Yes,", "we will."]),
    ("“We are ready,” reply Smith and Jones.", ["We are ready,"]),
])
def test_issue_16_shapes(text, expected):
    """A quoted single word, a one-word first half (comma inside or after the marks) and a
    quote before an inverted present plural each give their own span."""
    assert contents(text) == expected
