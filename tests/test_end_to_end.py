"""End to end with the bundled models: the NATO article, attribution-relevant parses, the
README, the CLI. These fail (not skip) when the bundled models cannot load."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import quoteattr

ROOT = Path(__file__).parents[1]


def test_nato_article(bundled, shared):
    """All 9 speech quotes get the gold speaker and cue (the lenient one may be non-speech
    instead), the three “victory plan” quotes are non-speech, Julianne Smith has her title and the
    diplomats are anonymous."""
    text = (shared / "examples" / "nato-victory-plan.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "examples" / "nato-victory-plan.gold.json").read_text())
    doc = bundled(text)
    by_start = {q.start: q for q in doc.quotes}
    assert {g["start"] for g in gold["quotes"]} <= set(by_start)
    for g in gold["quotes"]:
        q = by_start[g["start"]]
        assert text[q.start:q.end] == q.text == g["text"]
        if not g["speech"]:
            assert q.kind is quoteattr.QuoteKind.NONSPEECH, q
            continue
        if g.get("lenient") and not q.is_speech:
            continue
        assert q.is_speech, q
        assert q.speaker is not None, q
        names = {a.lower() for a in g["speaker"]["aliases"]}
        assert (q.speaker.name or q.speaker.label).lower() in names, q
        assert q.speaker.kind.value == g["speaker"]["kind"], q
        if g.get("cue"):
            assert q.cue is not None and q.cue.text == g["cue"], q
    smith = next(q for q in doc.quotes if q.speaker and q.speaker.name == "Julianne Smith")
    assert smith.speaker.title == "U.S. ambassador to NATO"
    diplomats = [q for q in doc.quotes if q.speaker and "diplomat" in q.speaker.label]
    assert len(diplomats) == 4 and all(q.speaker.kind.value == "anonymous" for q in diplomats)
    assert len({q.speaker.label.lower() for q in diplomats}) == 3


def _dep(parsed, word: str):
    w = next(w for w in parsed.words if w.text == word)
    return w.deprel, parsed.words[w.head].text if w.head >= 0 else None


def _np_dep(parsed, word: str):
    """The relation of the noun phrase holding ``word`` (climbing flat/compound names)."""
    w = next(w for w in parsed.words if w.text == word)
    while w.deprel in ("flat", "flat:name", "compound") and w.head >= 0:
        w = parsed.words[w.head]
    return w.deprel, parsed.words[w.head].text if w.head >= 0 else None


def test_inverted_said_gives_nsubj(bundled):
    """“…,” said John Brown, a spokesman: the phrase naming Brown is nsubj of said (early
    models gave obj)."""
    p = bundled.parse("“It is a disaster,” said John Brown, a spokesman for the firm.")
    assert _np_dep(p, "Brown") == ("nsubj", "said")
    doc = bundled.attribute_parsed(p)
    assert doc.quotes[0].speaker.name == "John Brown"


def test_told_reporters_gives_nsubj(bundled):
    """“…,” Mayor Jane Smith told reporters: the phrase naming Smith is nsubj of told."""
    p = bundled.parse("“We will not back down,” Mayor Jane Smith told reporters.")
    assert _np_dep(p, "Smith") == ("nsubj", "told")
    q = bundled.attribute_parsed(p).quotes[0]
    assert (q.speaker.name, q.speaker.title) == ("Jane Smith", "Mayor")


def test_according_to_is_case_obl(bundled):
    """According to police: "According" is case (with "to" fixed) of an obl "police"."""
    p = bundled.parse("According to police, the suspect was “very dangerous.”")
    deprel, head = _dep(p, "According")
    assert deprel == "case" and head == "police"
    assert _dep(p, "police")[0] == "obl"
    assert bundled.attribute_parsed(p).quotes[0].speaker.label == "police"


def test_offsets_survive_odd_input(bundled):
    """NUL bytes, surrogates, CRLF and a heading without a full stop: offsets still index the
    original string and the heading is not glued to the paragraph below."""
    text = ("Heading without stop\r\n\x00“We are ready,” the minister said.\ud800\r\n"
            "Later, one official said the talks were “very difficult.”")
    doc = bundled(text)
    assert len(doc.quotes) == 2
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        m = q.speaker.mention
        assert text[m.start:m.end] == m.text
    assert doc.quotes[0].speaker.label.lower() == "the minister"


def test_treebank_quotes_through_the_models(bundled):
    """````…''`` quotes (TeX, Penn Treebank text) are found, parsed and attributed, with
    offsets into the caller's string (which keeps its backticks)."""
    text = "``We will not back down,'' Mayor Jane Smith told reporters."
    doc = bundled(text)
    assert [q.text for q in doc.quotes] == ["We will not back down,"]
    q = doc.quotes[0]
    assert text[q.start:q.end] == q.text and q.is_speech
    assert q.speaker.label == "Jane Smith"


def test_readme_examples(bundled):
    """The README's Python examples run as written."""
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_cli_on_the_example(shared, tmp_path):
    """The README's main command prints the example's quotes as a table."""
    out = subprocess.run([sys.executable, "-m", "quoteattr",
                          str(shared / "examples" / "nato-victory-plan.txt"),
                          "--format", "table", "--models", "bundled"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Julianne Smith [named]" in out.stdout and "one NATO diplomat [anonymous]" in out.stdout
    # Stanza's "unsupported language" warning about the bundled set is noise, filtered out
    assert "unsupported language" not in out.stderr, out.stderr


@pytest.mark.parametrize("kind", ["official"])
def test_official_models_when_installed(kind):
    """models='official' resolves only when Stanza's English models are installed."""
    try:
        ms = quoteattr.resolve_models(kind)
    except quoteattr.ModelNotFoundError as exc:
        assert "quoteattr download" in str(exc)
    else:
        assert ms.source == "official"


def test_attribute_a_callers_stanza_document(bundled):
    """quoteattr.attribute() takes a stanza.Document the caller parsed; its text is kept."""
    import stanza

    text = "“We reject the claims,” the Kremlin said on Monday."
    sdoc = bundled.parser.pipeline(stanza.Document([], text=text))
    doc = quoteattr.attribute(sdoc)
    assert doc.text == text and doc.models == "stanza document"
    (q,) = doc.quotes
    assert q.speaker.label.lower().endswith("kremlin") and q.cue.text == "said"
    # Stanza's own serialization round-trips: a reloaded document attributes the same
    from stanza.models.common.doc import Document as StanzaDocument

    reloaded = StanzaDocument.from_serialized(sdoc.to_serialized())
    assert quoteattr.attribute(reloaded).quotes == doc.quotes


def test_attribute_needs_a_parse(bundled):
    """A stanza.Document without tags and dependencies is a MissingProcessorError."""
    import stanza

    from quoteattr.stanza_pipeline import build_pipeline

    nlp = build_pipeline(bundled.model_set, processors_override="tokenize")
    sdoc = nlp(stanza.Document([], text="“Yes,” she said."))
    with pytest.raises(quoteattr.MissingProcessorError, match="depparse|pos"):
        quoteattr.attribute(sdoc)


def test_from_pipeline(bundled):
    """A caller's own stanza.Pipeline can drive an Attributor."""
    parser = quoteattr.StanzaParser.from_pipeline(bundled.parser.pipeline)
    att = quoteattr.Attributor(parser=parser)
    assert att.models == "caller's stanza.Pipeline"
    assert att("“Fine,” Smith said.").quotes[0].speaker.label == "Smith"


def test_empty_and_quoteless_input_do_not_parse(bundled):
    """Empty text and text without quotation marks give empty results without parsing."""
    assert bundled("").quotes == ()
    assert bundled("No quotes here.\n\nNone at all.").quotes == ()


def test_pipe_with_two_processes_matches_one(bundled):
    """pipe(n_process=2) gives the same Documents, in the same order, as one process."""
    texts = [(f"d{i}", f"“Round {i} is over,” the minister said. Talks went on.")
             for i in range(6)]
    att = quoteattr.Attributor(models="bundled", threads=1)
    one = list(att.pipe(texts, batch_size=2))
    two = list(att.pipe(texts, batch_size=2, n_process=2))
    assert [d.id for d in two] == [t[0] for t in texts]
    assert [d.quotes for d in two] == [d.quotes for d in one]


BAD = {
    "empty": "",
    "whitespace": " \n\t \r\n ",
    "nul and surrogates": "\x00He said “we are \ud800 ready” today.\x00",
    "html": '<p class="lead">The minister said “<b>we are</b> ready” &amp; left.</p>',
    "right-to-left": "قال الوزير «نحن مستعدون» اليوم.",
    "emoji": "She tweeted “🚀 launch day! 🎉” at noon.",
    "crlf": "“First,” he said.\r\n“Second,” she said.\r\n",
    "german": "Der Minister sagte: „Wir sind bereit.“",
    "only openers": "“" * 500,
    "no punctuation": ("word " * 5000) + "“quoted words here and there” " + ("word " * 5000),
    "mixed marks": "He said ``we won.\" She said 'no.\" “Fine.' ```code``` 5'' long.",
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_through_the_models(bundled, name):
    """Each bad input gets a Document whose spans index the input; nothing is lost: every
    span the finder sees is a quote of the result."""
    from quoteattr.spans import find_quote_spans

    text = BAD[name]
    doc = bundled(text)
    assert [(q.start, q.end) for q in doc.quotes] == [
        (s.start, s.end) for s in find_quote_spans(text).spans]
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker:
            assert text[q.speaker.mention.start:q.speaker.mention.end] == q.speaker.mention.text


def test_five_megabytes_without_quotes_is_not_parsed(bundled):
    """5 MB of text without a quotation mark returns at once: nothing to attribute, so nothing
    is parsed."""
    doc = bundled("The council met and talked at length. " * 130_000)
    assert doc.quotes == () and len(doc.text) > 4_900_000


@pytest.mark.slow
def test_one_hundred_thousand_quote_marks(bundled):
    """100,000 quotation marks in one paragraph: every quote comes back, in bounded time."""
    text = "“a b” " * 50_000
    doc = bundled(text)
    assert len(doc.quotes) == 50_000
    assert all(text[q.start:q.end] == "a b" for q in doc.quotes)
