"""Hard input for the model-free path: every case gets a result (or a typed error) within a
bound, nothing hangs, and no quote is silently lost."""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager

import pytest

import quoteattr
from quoteattr.spans import find_quote_spans


@contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging (a guard against runaway backtracking, not a speed target)."""
    def handler(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, handler)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


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
