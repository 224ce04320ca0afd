"""The rule tokenizer: UD English token conventions, sentence ends, exact offsets, and the
Stanza Document it builds (no models needed); one model-backed check that attribution reads
its parse as it reads Stanza's."""

from __future__ import annotations

import random

import pytest

from quoteattr import rule_tokenizer as rt


def _surface(sentences) -> list[str]:
    """The token surfaces (a multi-word token once, not its words), all sentences together."""
    out = []
    for s in sentences:
        covered_until = 0
        for e in s:
            if len(e["id"]) == 2:
                out.append(e["text"])
                covered_until = e["id"][1]
            elif e["id"][0] > covered_until:
                out.append(e["text"])
    return out


def _sentences(text: str) -> list[str]:
    return [text[s[0]["start_char"]:s[-1]["end_char"]] for s in rt.tokenize(text)]


@pytest.mark.parametrize("text, tokens", [
    ("“We are ready,” she said.", ["“", "We", "are", "ready", ",", "”", "she", "said", "."]),
    ("He paid $5.50 (about £4) for 3,000 U.S. stamps!",
     ["He", "paid", "$", "5.50", "(", "about", "£", "4", ")", "for", "3,000", "U.S.",
      "stamps", "!"]),
    ("a third-party, non-stop, re-elected co-founder",
     ["a", "third", "-", "party", ",", "non-stop", ",", "re-elected", "co-founder"]),
    ("STS-135 in 1990-91; call 345-9945", ["STS", "-", "135", "in", "1990", "-", "91", ";",
                                           "call", "345-9945"]),
    ("Wait... no—never -- ever", ["Wait", "...", "no", "—", "never", "--", "ever"]),
    ("See http://www.example.com/a-b?x=1. Or mail jo@ex.org.",
     ["See", "http://www.example.com/a-b?x=1", ".", "Or", "mail", "jo@ex.org", "."]),
    ("the Governor(s) and (sic)", ["the", "Governor(s)", "and", "(", "sic", ")"]),
    ("The answer is no. See No. 5, fig. 3 and et al. today.",
     ["The", "answer", "is", "no", ".", "See", "No.", "5", ",", "fig.", "3", "and", "et",
      "al.", "today", "."]),
    ("'Tis the writers' room, 'cause", ["'Tis", "the", "writers'", "room", ",", "'cause"]),
])
def test_tokens_follow_ud_english(text, tokens):
    assert _surface(rt.tokenize(text)) == tokens


@pytest.mark.parametrize("token, words", [
    ("don't", ["do", "n't"]), ("can't", ["ca", "n't"]), ("won't", ["wo", "n't"]),
    ("cannot", ["can", "not"]), ("Gonna", ["Gon", "na"]), ("Bush's", ["Bush", "'s"]),
    ("I’m", ["I", "’m"]), ("I'd've", ["I", "'d", "'ve"]), ("writers'", ["writers", "'"]),
    ("A&M's", ["A&M", "'s"]), ("house", None), ("O'Neill", None), ("1990s", None),
])
def test_multi_word_tokens_expand_as_ud_english(token, words):
    assert rt.mwt_parts(token) == words


def test_multi_word_tokens_carry_ids_and_offsets():
    text = "They can't see Bush's plan."
    (sentence,) = rt.tokenize(text)
    ranges = [e for e in sentence if len(e["id"]) == 2]
    assert [(e["text"], e["id"]) for e in ranges] == [("can't", (2, 3)), ("Bush's", (5, 6))]
    words = [e for e in sentence if len(e["id"]) == 1]
    assert [e["id"][0] for e in words] == list(range(1, len(words) + 1))
    assert [text[e["start_char"]:e["end_char"]] for e in words] == \
        ["They", "ca", "n't", "see", "Bush", "'s", "plan", "."]


def test_a_closing_quote_after_s_is_not_a_possessive():
    """'… the buses'. : the apostrophe closes a quotation (punctuation follows); before a
    word it is the plural possessive."""
    assert _surface(rt.tokenize("He said 'take the buses'. Then")) == \
        ["He", "said", "'", "take", "the", "buses", "'", ".", "Then"]
    assert "buses'" in _surface(rt.tokenize("the buses' drivers"))


@pytest.mark.parametrize("text, sentences", [
    ("Mr. Smith went to Washington. He said so.",
     ["Mr. Smith went to Washington.", "He said so."]),
    ("She moved to the U.S. The next day she left.",
     ["She moved to the U.S.", "The next day she left."]),
    ("The U.S. government and J. K. Rowling agreed.",
     ["The U.S. government and J. K. Rowling agreed."]),
    ("“Go now.” He left.", ["“Go now.”", "He left."]),
    ("“Is it?” said he. “Yes!”", ["“Is it?” said he.", "“Yes!”"]),
    ("“Yes,” said I. “Go.”", ["“Yes,” said I.", "“Go.”"]),
    ("“After dinner --” “You’ll all meet me?”", ["“After dinner --”", "“You’ll all meet me?”"]),
    ("“But --” said he.", ["“But --” said he."]),
    ("i will call. what is it? i dont know!", ["i will call.", "what is it? i dont know!"]),
    ("—Back to barracks! he said sternly.", ["—Back to barracks! he said sternly."]),
    ("my M.Sc. studies, Ph.D. work and Smith, Esq. of Bath",
     ["my M.Sc. studies, Ph.D. work and Smith, Esq. of Bath"]),
    ("It was in Calif. last week, 6 ft. tall.", ["It was in Calif. last week, 6 ft. tall."]),
    ("See No. 5 for details. Then stop.", ["See No. 5 for details.", "Then stop."]),
    ("It ended… Nobody knew why.", ["It ended…", "Nobody knew why."]),
    ("He waited (and waited.) Then he went.", ["He waited (and waited.)", "Then he went."]),
    ("A heading with no stop\n\nThe first line of the next",
     ["A heading with no stop", "The first line of the next"]),
    ("a line\nwrapped in the middle\nof a sentence.",
     ["a line\nwrapped in the middle\nof a sentence."]),
])
def test_sentence_ends(text, sentences):
    assert _sentences(text) == sentences


_ALPHABET = "aZ09 .,;:!?'\"“”‘’()-—–…$%&@/#\n\t_" + "éß"


@pytest.mark.parametrize("seed", range(40))
def test_offsets_cover_every_character_in_order(seed):
    """Random text: every token and word is the text at its offsets, tokens come in order
    without overlap, and every non-space character belongs to exactly one token."""
    rnd = random.Random(seed)
    text = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 300)))
    covered = [False] * len(text)
    last = 0
    for sentence in rt.tokenize(text):
        assert sentence, "no empty sentence"
        n_words = 0
        in_range_until = 0
        for e in sentence:
            a, b = e["start_char"], e["end_char"]
            assert text[a:b] == e["text"] and a < b
            if len(e["id"]) == 2:
                assert e["id"][0] == n_words + 1
                in_range_until = e["id"][1]
                continue
            n_words += 1
            assert e["id"] == (n_words,)
            if n_words <= in_range_until:
                continue  # a word of a multi-word token: inside the token's span
            assert a >= last
            last = b
            assert not any(covered[a:b])
            covered[a:b] = [True] * (b - a)
    assert all(c or ch.isspace() for c, ch in zip(covered, text))


def test_blank_and_empty_text():
    assert rt.tokenize("") == []
    assert rt.tokenize(" \n\n\t ") == []


def test_builds_a_stanza_document():
    stanza = pytest.importorskip("stanza")
    text = "“We don't know,” Mr. Smith said.\n\nThe writers' room was full."
    doc = stanza.Document(rt.tokenize(text), text=text)
    assert len(doc.sentences) == 2
    tokens = doc.sentences[0].tokens
    assert [t.text for t in tokens] == ["“", "We", "don't", "know", ",", "”", "Mr.", "Smith",
                                        "said", "."]
    dont = tokens[2]
    assert [(w.text, text[w.start_char:w.end_char]) for w in dont.words] == \
        [("do", "do"), ("n't", "n't")]
    assert all(text[t.start_char:t.end_char] == t.text for s in doc.sentences for t in s.tokens)


def test_parser_rejects_an_unknown_tokenizer():
    from quoteattr import StanzaParser

    with pytest.raises(ValueError, match="tokenizer"):
        StanzaParser("bundled", tokenizer="spacy")


def test_rule_tokens_attribute_the_nato_article(shared):
    """With the bundled models, the rule tokenizer's parse gives every gold speech quote of
    the NATO article its gold speaker (as Stanza's tokenizer does: test_end_to_end)."""
    import json

    import quoteattr

    att = quoteattr.Attributor(models="bundled", tokenizer="rules")
    text = (shared / "examples" / "nato-victory-plan.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "examples" / "nato-victory-plan.gold.json").read_text())
    doc = att(text)
    by_start = {q.start: q for q in doc.quotes}
    for g in gold["quotes"]:
        q = by_start[g["start"]]
        assert text[q.start:q.end] == q.text
        if not g["speech"] or (g.get("lenient") and not q.is_speech):
            continue
        assert q.speaker is not None, q
        names = {a.lower() for a in g["speaker"]["aliases"]}
        assert (q.speaker.name or q.speaker.label).lower() in names, q
