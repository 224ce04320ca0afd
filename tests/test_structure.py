"""Document structure from layout: headline lines, trailing sections, interview turns."""

from __future__ import annotations

import attrs
import pytest

from quoteattr.structure import (
    HeadlineKind,
    TurnRole,
    analyze_structure,
    find_headlines,
    find_interview_turns,
    find_trailing_section,
)

STORY = ("The council approved the budget on Monday after a long debate. Members said the "
         "vote had been delayed twice by disputes over the library and the bus routes.")


class TestTitleLine:
    def test_short_first_line_before_the_story(self):
        """A short first paragraph with no closing full stop is the headline."""
        text = f"Council passes budget after long debate\n\n{STORY}"
        (h,) = find_headlines(text)
        assert h.kind is HeadlineKind.TITLE_LINE
        assert text[h.start:h.end] == h.text == "Council passes budget after long debate"

    def test_quoted_headline_line(self):
        """A headline that is a quote with a colon subtitle is still the title line."""
        text = f"“We are not done”: the mayor on the budget fight\n\n{STORY}"
        (h,) = analyze_structure(text).headlines
        assert h.kind is HeadlineKind.TITLE_LINE and h.start == 0

    @pytest.mark.parametrize("first", [
        "The council approved the budget.",  # a sentence
        "Smith said “We will win.”",  # a sentence whose full stop is inside the marks
        "This line runs on and on with many words that no headline writer would ever put "
        "into one single line of a headline at all, not even on a slow day",  # too long
    ])
    def test_sentence_or_long_line_is_not_a_headline(self, first):
        """A first paragraph that ends with a full stop, or is long, is story text."""
        assert find_headlines(f"{first}\n\n{STORY}") == ()

    def test_single_paragraph_has_no_title_line(self):
        """With no story after it, a short line is not a headline before a story."""
        assert find_headlines("Council passes budget") == ()


class TestListItems:
    @pytest.mark.parametrize("line, tail", [
        ("“Council delays vote on bus routes” — The Riverside Gazette", "outlet"),
        ("“Council delays vote on bus routes”, Reuters, 3 May 2024", "outlet"),
        ("- “Council delays vote on bus routes” (BBC News)", "outlet"),
        ("• \"Library hours cut\" | riversidegazette.com", "outlet"),
        ("“Council delays vote on bus routes” — 12 March", "date"),
        ("“Council delays vote on bus routes” –", "dash"),
    ])
    def test_quoted_headline_then_outlet_date_or_dash(self, line, tail):
        """A line that is only a quoted phrase and an outlet, a date or a dash is a headline;
        its quote span holds the headline words."""
        text = f"{STORY}\n{line}"
        items = [h for h in find_headlines(text) if h.kind is HeadlineKind.LIST_ITEM]
        (h,) = items
        assert h.tail == tail
        assert text[h.start:h.end] == h.text and h.text == line.lstrip("-• ")
        assert h.quote is not None and h.quote.text in ("Council delays vote on bus routes",
                                                         "Library hours cut")
        assert text[h.quote.start:h.quote.end] == h.quote.text

    @pytest.mark.parametrize("line", [
        '"So far, it\'s a draw. But it\'s a long game." - Matthew Ingram',  # pull quote
        "“We will not back down,” the mayor said on Monday.",
        "“Council delays vote,” the paper reported, and readers wrote in to complain about it "
        "for weeks afterwards in letters that filled two whole pages of the weekend edition.",
    ])
    def test_quote_with_a_person_or_a_sentence_is_not_a_headline(self, line):
        """A quote attributed to a person, or a quote inside a sentence, is not a list item."""
        text = f"{STORY}\n{line}"
        assert [h for h in find_headlines(text) if h.kind is HeadlineKind.LIST_ITEM] == []

    def test_bare_quoted_lines_in_a_run(self):
        """Two or more lines that are only a quoted phrase form a list of headlines; one
        alone does not."""
        run = f"{STORY}\n“Budget vote delayed”\n“Library hours cut”"
        assert [h.quote.text for h in find_headlines(run)] == ["Budget vote delayed",
                                                               "Library hours cut"]
        alone = f"{STORY}\n“Budget vote delayed”\n{STORY}"
        assert find_headlines(alone) == ()


class TestTrailingSection:
    @pytest.mark.parametrize("heading, name", [
        ("Related coverage", "related coverage"),
        ("Sources:", "sources"),
        ("## Related", "related"),
        ("SEE ALSO", "see also"),
    ])
    def test_heading_then_short_lines_to_the_end(self, heading, name):
        """A known heading followed only by short lines is a trailing section to the end."""
        text = f"{STORY}\n\n{heading}\n“Council delays vote” — The Gazette\n“Bus routes cut”"
        section = find_trailing_section(text)
        assert section is not None and section.name == name
        assert section.heading.text == heading
        assert text[section.start:section.end] == (
            "“Council delays vote” — The Gazette\n“Bus routes cut”")
        assert len(text) - 1 in section and 0 not in section

    def test_quoted_line_in_the_section_is_a_headline(self):
        """Inside a trailing section, a line that is only a quoted phrase is a headline."""
        text = f"{STORY}\n\nSources\n“Council approves budget”"
        s = analyze_structure(text)
        assert [h.quote.text for h in s.headlines] == ["Council approves budget"]
        assert s.in_trailing_section(s.headlines[0].start)

    def test_heading_followed_by_story_is_not_a_section(self):
        """A "Related" line followed by long story paragraphs does not start a section."""
        text = f"Related\n\n{STORY} {STORY}\n\n{STORY} {STORY}"
        assert find_trailing_section(text) is None

    def test_heading_at_the_very_end_is_not_a_section(self):
        """A heading with nothing after it holds nothing."""
        assert find_trailing_section(f"{STORY}\n\nSources") is None

    def test_first_of_two_headings(self):
        """"Related" then "Sources": the section starts at the first heading."""
        text = f"{STORY}\n\nRelated\n“A” — The Gazette\n\nSources\n“B” — Reuters"
        section = find_trailing_section(text)
        assert section.name == "related"


INTRO = "Our reporter interviewed Jane Doe, the city's chief librarian, about the cuts."


class TestInterviewTurns:
    def test_q_and_a_labels(self):
        """Q:/A: turns alternate; an answer belongs to the person the introduction names."""
        text = (f"{INTRO}\n\nQ: Why were the hours cut?\n\nA: The budget fell by a third. "
                "We had no choice.\n\nIt was a hard year.\n\nQ: What comes next?\n\n"
                "A: We will ask the council for a “bridge fund”.")
        turns = find_interview_turns(text)
        assert [t.role for t in turns] == [TurnRole.QUESTION, TurnRole.ANSWER] * 2
        assert [t.speaker for t in turns] == [None, "Jane Doe", None, "Jane Doe"]
        assert [t.label.text for t in turns] == ["Q", "A", "Q", "A"]
        # the unlabelled paragraph continues the first answer
        assert text[turns[1].start:turns[1].end].endswith("It was a hard year.")
        quote = text.index("bridge fund")
        assert analyze_structure(text).turn_at(quote) == turns[3]

    def test_interviewee_named_by_surname_in_the_introduction(self):
        """"spoke with Lindqvist by phone" after "Glaciologist Hanna Lindqvist …": the
        answers are Hanna Lindqvist's."""
        text = ("Glaciologist Hanna Lindqvist records ice. We spoke with Lindqvist by phone.\n\n"
                "Q: Why ice?\n\nA: It talks.\n\nQ: And?\n\nA: It listens.")
        turns = find_interview_turns(text)
        assert {t.speaker for t in turns if t.role is TurnRole.ANSWER} == {"Hanna Lindqvist"}

    def test_passive_interview_names_no_interviewee(self):
        """"interviewed by Wikinews" names the interviewer, not who answers."""
        text = ("Jane Doe, interviewed by Wikinews Saturday.\n\nQ: Why?\n\nA: Money.\n\n"
                "Q: When?\n\nA: Soon.")
        assert {t.speaker for t in find_interview_turns(text)} == {None}

    def test_name_labels(self):
        """Name labels: the name whose turns are questions asks, the other answers."""
        text = ("WIKINEWS: How did the season go?\n\nMaria Lopez: Better than we hoped.\n\n"
                "WIKINEWS: And the injuries?\n\nMaria Lopez: Two players are still out. The coach "
                "told them “rest first”.")
        turns = find_interview_turns(text)
        assert [(t.role, t.speaker) for t in turns] == [
            (TurnRole.QUESTION, "WIKINEWS"), (TurnRole.ANSWER, "Maria Lopez")] * 2

    def test_labels_without_questions_are_not_an_interview(self):
        """Labelled notes and updates with no question are not a transcript."""
        text = ("Update: the road is closed.\n\nCorrection: it was Tuesday.\n\n"
                "Update: the road is open.\n\nNote: more later.")
        assert find_interview_turns(text) == ()

    def test_wikinews_layout(self):
        """Question paragraphs each followed by an answer paragraph, no labels."""
        text = (f"{INTRO}\n\nWhy were the hours cut?\n\nThe budget fell.\n\n"
                "Who decided?\n\nThe council did.\n\nWhat comes next?\n\nWe wait.\n\nAnd then.")
        turns = find_interview_turns(text)
        assert [t.role for t in turns] == [TurnRole.QUESTION, TurnRole.ANSWER] * 3
        assert {t.speaker for t in turns if t.role is TurnRole.ANSWER} == {"Jane Doe"}
        assert text[turns[-1].start:turns[-1].end] == "We wait.\n\nAnd then."
        assert all(t.label is None for t in turns)

    def test_plain_news_has_no_turns(self):
        """A news story with one rhetorical question is not an interview."""
        text = f"{STORY}\n\nWhat now?\n\n{STORY}"
        assert find_interview_turns(text) == ()


def test_results_are_frozen_and_offsets_index_the_text():
    """Every result is a frozen value whose offsets slice the caller's text."""
    text = (f"Budget passes\n\n{INTRO}\n\nQ: Why?\n\nA: Money.\n\nQ: When?\n\nA: Soon.\n\n"
            "Related coverage\n“Council delays vote” — The Gazette")
    s = analyze_structure(text)
    assert s.is_interview and s.trailing_section is not None
    for h in s.headlines:
        assert text[h.start:h.end] == h.text
    for t in s.turns:
        assert 0 <= t.start < t.end <= len(text)
        assert t.label is None or text[t.label.start:t.label.end] == t.label.text
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.headlines[0].start = 3  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   ", "“", "Q:", "Sources\n"])
def test_degenerate_input(text):
    """Empty or tiny input gives an empty structure, never an exception."""
    s = analyze_structure(text)
    assert s.turns == () and s.trailing_section is None
