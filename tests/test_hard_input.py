"""Hard input for the model-free path: every case gets a result (or a typed error) within a
bound, nothing hangs, and no quote is silently lost."""

from __future__ import annotations

import time

import pytest
from guards import time_limit

import quoteattr
from quoteattr.spans import find_quote_spans


NEWS = ("“We are in a kind of waiting mode,” one diplomat said. The ministers’ meeting "
        "ended. Another said the situation was “very difficult.”\n")

CASES = {
    "empty": ("", 0),
    "whitespace": (" \t\n\n \r\n ", 0),
    "nul bytes": ("\x00He said “we\x00 are ready” today.\x00", 1),
    "lone surrogates": ("\ud800He said “we are \udfff ready” today.", 1),
    "html markup": ('<p class="lead">He said “<b>we are</b> ready” &amp; left.</p>', 2),
    "right-to-left": ("قال الوزير «نحن مستعدون» اليوم. אמר „אנחנו מוכנים“.", 2),
    "mixed scripts": ("Путин сказал «мы готовы», and Smith said “not yet.”", 2),
    "emoji": ("She tweeted “🚀 launch day! 🎉” at noon.", 1),
    "windows line endings": ("“First,” he said.\r\n“Second,” she said.\r\n", 2),
    "german article": ("Der Minister sagte: „Wir sind bereit.“ Die Opposition nannte das "
                       "»unseriös«.", 2),
    "french article": ("Le ministre a déclaré : « Nous sommes prêts. » L’opposition a réagi.", 1),
    "only opening marks": ("“" * 1000, 0),
    "only closing marks": ("”" * 1000, 0),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_inputs(name):
    """Each bad input gets quotes whose offsets slice the input, within a bound."""
    text, n_quotes = CASES[name]
    with time_limit(30):
        quotes = quoteattr.find_quotes(text)
    assert len(quotes) == n_quotes
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_five_megabytes():
    """5 MB of news text: every quote found, in bounded time."""
    text = NEWS * (5_000_000 // len(NEWS))
    with time_limit(120):
        result = find_quote_spans(text)
    assert len(result.spans) == 2 * (5_000_000 // len(NEWS))
    assert result.diagnostics == ()


def test_one_hundred_thousand_marks():
    """100,000 quotation marks of every kind in one paragraph: no blow-up, nothing lost
    silently (each mark is either in a quote or in a diagnostic)."""
    marks = "“”\"'‘’«»„‹›"
    text = " ".join(marks[i % len(marks)] + "a" for i in range(100_000))
    with time_limit(60):
        result = find_quote_spans(text)
    used = {s.open_mark for s in result.spans} | {s.close_mark for s in result.spans}
    used |= {d.start for d in result.diagnostics}
    assert len(result.spans) > 10_000
    assert all(0 <= i < len(text) for i in used if i is not None)


def test_deep_nesting_and_long_lines():
    """A very long line of alternating openers and apostrophes stays linear."""
    text = ("“a ‘b " * 20_000) + ("ministers’ " * 20_000)
    start = time.perf_counter()
    with time_limit(60):
        result = find_quote_spans(text)
    assert time.perf_counter() - start < 60
    assert result.spans  # unclosed quotes are kept, not dropped
    assert any(d.code == "unclosed-quote" for d in result.diagnostics)


@pytest.mark.parametrize("bad", [b"bytes", None, 3.5, object()])
def test_non_str_is_type_error(bad):
    """Non-str input: a TypeError that says what to pass."""
    with pytest.raises(TypeError, match="must be str"):
        quoteattr.find_quotes(bad)


# -- item 1 of issue 19: bounded words per sentence for the tagger and parser ---------------

def _tokenized(text: str, sentences: list[list[str | tuple[str, list[str]]]]):
    """A tokenized stanza Document (no model): each token a str, or (token, [words]) for a
    multi-word token; tokens are found in ``text`` left to right."""
    import stanza

    pos = 0
    out = []
    for sent in sentences:
        entries = []
        n = 0
        for tok in sent:
            surface, words = (tok, None) if isinstance(tok, str) else tok
            start = text.index(surface, pos)
            pos = start + len(surface)
            if words is None:
                n += 1
                entries.append({"id": n, "text": surface, "start_char": start, "end_char": pos})
            else:
                entries.append({"id": (n + 1, n + len(words)), "text": surface,
                                "start_char": start, "end_char": pos})
                for w in words:
                    n += 1
                    entries.append({"id": n, "text": w})
        out.append(entries)
    return stanza.Document(out, text=text)


def _pieces(doc):
    return [[t.text for t in s.tokens] for s in doc.sentences]


class TestJoinUnendedSentences:
    def test_a_name_split_mid_line_is_joined(self):
        """The tokenizer's "PC | World's recent analysis" becomes one sentence, words
        renumbered across the multi-word token, offsets kept."""
        from quoteattr.stanza_pipeline import join_unended_sentences

        text = "Firefox gains users. PC World's analysis concluded."
        doc = _tokenized(text, [["Firefox", "gains", "users", "."], ["PC"],
                                [("World's", ["World", "'s"]), "analysis", "concluded", "."]])
        out = join_unended_sentences(doc)
        assert _pieces(out) == [["Firefox", "gains", "users", "."],
                                ["PC", "World's", "analysis", "concluded", "."]]
        second = out.sentences[1]
        assert [w.id for w in second.words] == [1, 2, 3, 4, 5, 6]
        assert [w.text for w in second.words] == ["PC", "World", "'s", "analysis",
                                                  "concluded", "."]
        for sent in out.sentences:
            for t in sent.tokens:
                assert text[t.start_char:t.end_char] == t.text

    def test_ended_sentences_and_line_ends_stay_apart(self):
        """A full stop, a closing mark or a line end ends a sentence: nothing is joined and
        the document comes back as it is."""
        from quoteattr.stanza_pipeline import join_unended_sentences

        text = "“Go,” he said. Then he left\nStorm warning\nIt rained."
        doc = _tokenized(text, [["“", "Go", ",", "”", "he", "said", "."],
                                ["Then", "he", "left"], ["Storm", "warning"],
                                ["It", "rained", "."]])
        assert join_unended_sentences(doc) is doc


class TestBoundSentences:
    def test_short_sentences_are_left_alone(self):
        """A document with no sentence over the limit is returned as it is (normal text is
        parsed exactly as before)."""
        from quoteattr.stanza_pipeline import bound_sentences

        text = "“We are ready,” he said. Then he left."
        doc = _tokenized(text, [["“", "We", "are", "ready", ",", "”", "he", "said", "."],
                                ["Then", "he", "left", "."]])
        assert bound_sentences(doc, max_words=9) is doc

    def test_long_sentence_cut_after_sentence_ends_with_offsets_kept(self):
        """A 400-word run of “a”. is cut into pieces of at most the limit, each after a full
        stop; every token keeps its offsets and word ids restart at 1 in each piece."""
        from quoteattr.stanza_pipeline import bound_sentences

        text = "“a”. " * 100
        doc = _tokenized(text, [["“", "a", "”", "."] * 100])
        out = bound_sentences(doc, max_words=50)
        pieces = _pieces(out)
        assert all(len(p) <= 50 for p in pieces)
        assert all(p[-1] == "." for p in pieces)
        assert sum(pieces, []) == ["“", "a", "”", "."] * 100
        for sent in out.sentences:
            assert [w.id for w in sent.words] == list(range(1, len(sent.words) + 1))
            for t in sent.tokens:
                assert text[t.start_char:t.end_char] == t.text
        assert out.text == text

    def test_without_punctuation_cut_at_the_limit(self):
        """Text with no mark at all is cut at the limit exactly."""
        from quoteattr.stanza_pipeline import bound_sentences

        text = "a " * 120
        out = bound_sentences(_tokenized(text, [["a"] * 120]), max_words=50)
        assert [len(p) for p in _pieces(out)] == [50, 50, 20]

    def test_clause_marks_when_no_sentence_end(self):
        """Without a full stop, the cut falls after the last comma or closing mark before
        the limit."""
        from quoteattr.stanza_pipeline import bound_sentences

        words = (["w"] * 9 + [","]) * 3
        text = " ".join(words)
        out = bound_sentences(_tokenized(text, [words]), max_words=25)
        assert [len(p) for p in _pieces(out)] == [20, 10]

    def test_multi_word_tokens_are_never_split(self):
        """A multi-word token stays whole; the word count includes its words."""
        from quoteattr.stanza_pipeline import bound_sentences

        toks = ["x", ("can't", ["ca", "n't"])] * 10  # 30 words
        text = " ".join(t if isinstance(t, str) else t[0] for t in toks)
        out = bound_sentences(_tokenized(text, [toks]), max_words=8)
        for sent in out.sentences:
            assert len(sent.words) <= 8
            for t in sent.tokens:
                if t.text == "can't":
                    assert [w.text for w in t.words] == ["ca", "n't"]
        assert sum(_pieces(out), []) == [t if isinstance(t, str) else t[0] for t in toks]


#: The inputs of issue 19 that took 6.8 GB, 9.6 GB and over 17 GB before sentences were bounded.
DENSE_INPUTS = {
    "dots": "“x” " + (". " * 1500)[:2996],
    "quoted-dots": "“x” " + ("“a”. " * 600)[:2996],
    "quote-run": ("“a”" * 333 + ". ") * 2,
}

_MEASURE = """
import json, resource, sys
import quoteattr
from quoteattr.spans import find_quote_spans
text = sys.stdin.read()
doc = quoteattr.Attributor(models="bundled", threads=1)(text)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "quotes": [[q.start, q.end, q.text] for q in doc.quotes],
                  "spans": len(find_quote_spans(text).spans)}))
"""


@pytest.mark.models
@pytest.mark.slow
@pytest.mark.parametrize("name", list(DENSE_INPUTS))
def test_dense_quote_runs_parse_in_bounded_memory(name):
    """Each issue-19 input is attributed in under 2 GB (it took 6.8-17 GB when the parser saw
    one 2,000-word sentence), with every quote kept and its offsets exact."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    text = DENSE_INPUTS[name]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1]), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-c", _MEASURE], input=text, capture_output=True,
                          text=True, env=env, timeout=600, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["peak_mb"] < 2000
    assert len(result["quotes"]) == result["spans"] > 0
    assert all(text[s:e] == t for s, e, t in result["quotes"])


# -- item 6 of issue 19: attribute(stanza_document) checks what it is given -----------------

def _stanza_doc(text: str, spec: str):
    """A parsed stanza Document (no model) for one hand-written sentence of ``text``."""
    from conllu import sentence
    from stanza.utils.conll import CoNLL

    rows, pos = [], 0
    for row in sentence(spec).split("\n"):
        cols = row.split("\t")
        start = text.index(cols[1], pos)
        pos = start + len(cols[1])
        cols[9] = f"start_char={start}|end_char={pos}"
        rows.append("\t".join(cols))
    doc = CoNLL.conll2doc(input_str="\n".join(rows) + "\n\n")
    doc.text = text
    return doc


SAID_TEXT = "“We will win,” Smith said."
SAID_SPEC = ("“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux win|VERB|8|ccomp ,|PUNCT|4|punct "
             "”|PUNCT|4|punct Smith|PROPN|8|nsubj said|VERB|0|root|say .|PUNCT|8|punct")


class TestAttributeStanzaDocument:
    def test_matching_document_is_attributed(self):
        """A document whose tokens match its text is attributed as usual."""
        doc = quoteattr.attribute(_stanza_doc(SAID_TEXT, SAID_SPEC))
        (q,) = doc.quotes
        assert q.speaker.label == "Smith" and SAID_TEXT[q.start:q.end] == q.text

    def test_text_changed_after_parsing_is_invalid_parse(self):
        """A document whose text no longer matches its tokens' offsets is an
        InvalidParseError naming the token, not garbage speakers."""
        sdoc = _stanza_doc(SAID_TEXT, SAID_SPEC)
        sdoc.text = "Yesterday " + SAID_TEXT
        with pytest.raises(quoteattr.InvalidParseError, match="changed after parsing"):
            quoteattr.attribute(sdoc)

    def test_bytes_text_is_a_type_error(self):
        """``text`` as bytes: a TypeError that says to decode it."""
        sdoc = _stanza_doc(SAID_TEXT, SAID_SPEC)
        sdoc.text = SAID_TEXT.encode("utf-8")
        with pytest.raises(TypeError, match="Document's text must be str, not bytes.*decode"):
            quoteattr.attribute(sdoc)

    def test_parsed_doc_is_a_type_error_naming_attribute_parsed(self):
        """A quoteattr ParsedDoc where a stanza Document is expected: a TypeError that names
        the method that takes it."""
        from conllu import parsed

        with pytest.raises(TypeError, match="attribute_parsed"):
            quoteattr.attribute(parsed(SAID_TEXT, SAID_SPEC))
