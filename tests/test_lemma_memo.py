"""`memoize_lemmas`: the lemmatizer runs once per (word, tag) pair and the rest comes from
memory, with the lemmas Stanza's own processor gives."""

from __future__ import annotations

import pytest
import stanza

from quoteattr.stanza_pipeline import memoize_lemmas


class _Trainer:
    def __init__(self, contextual: bool = False) -> None:
        self.contextual = contextual

    def has_contextual_lemmatizers(self) -> bool:
        return self.contextual


class FakeLemmatizer:
    """Stands in for Stanza's lemma processor: lower-cases a word, strips a final "s" from a
    NOUN, and records the (word, tag) pairs of every call."""

    def __init__(self, contextual: bool = False, identity: bool = False) -> None:
        self.trainer = _Trainer(contextual)
        self.use_identity = identity
        self.calls: list[list[tuple[str, str]]] = []
        self.on_call = None  # run at each call first (another thread's doing)

    def process(self, document):
        if self.on_call is not None:
            self.on_call()
        words = [w for s in document.sentences for w in s.words]
        self.calls.append([(w.text, w.upos) for w in words])
        for w in words:
            lemma = w.text.lower()
            w.lemma = lemma[:-1] if w.upos == "NOUN" and lemma.endswith("s") else lemma
        return document


class FakePipeline:
    def __init__(self, lemma) -> None:
        self.processors = {"lemma": lemma}


def tagged(*sentences: str) -> stanza.Document:
    """A Document of ``word/TAG`` sentences."""
    return stanza.Document([[{"id": k, "text": wt.split("/")[0], "upos": wt.split("/")[1]}
                             for k, wt in enumerate(s.split(), 1)] for s in sentences])


def lemmas(doc) -> list[str]:
    return [w.lemma for s in doc.sentences for w in s.words]


def test_each_pair_is_lemmatized_once():
    """Within a document and across documents, a (word, tag) pair reaches the lemmatizer
    once; the same word with another tag is another pair; every word gets its lemma."""
    lemma = FakeLemmatizer()
    assert memoize_lemmas(FakePipeline(lemma))
    doc = lemma.process(tagged("Dogs/NOUN bark/VERB ./PUNCT", "Dogs/NOUN sleep/VERB ./PUNCT"))
    assert lemmas(doc) == ["dog", "bark", ".", "dog", "sleep", "."]
    assert lemma.calls == [[("Dogs", "NOUN"), ("bark", "VERB"), (".", "PUNCT"),
                            ("sleep", "VERB")]]
    doc = lemma.process(tagged("Dogs/VERB dogs/NOUN sleep/VERB"))
    assert lemmas(doc) == ["dogs", "dog", "sleep"]
    assert lemma.calls[1:] == [[("Dogs", "VERB"), ("dogs", "NOUN")]]
    doc = lemma.process(tagged("sleep/VERB ./PUNCT"))
    assert lemmas(doc) == ["sleep", "."] and len(lemma.calls) == 2


def test_the_memory_starts_afresh_past_its_limit():
    lemma = FakeLemmatizer()
    memoize_lemmas(FakePipeline(lemma), limit=2)
    lemma.process(tagged("a/DET b/NOUN c/NOUN"))
    lemma.process(tagged("a/DET"))  # three pairs held: cleared first, so "a" runs again
    assert lemma.calls[-1] == [("a", "DET")]
    assert len(lemma._quoteattr_memo) == 1


@pytest.mark.parametrize("kwargs", [{"contextual": True}, {"identity": True}])
def test_a_lemmatizer_that_reads_context_is_left_alone(kwargs):
    lemma = FakeLemmatizer(**kwargs)
    original = lemma.process
    assert not memoize_lemmas(FakePipeline(lemma))
    assert lemma.process == original


def test_switched_off_and_wrapped_once(monkeypatch):
    """``QUOTEATTR_LEMMA_MEMO=0`` leaves the lemmatizer alone; a second call wraps nothing."""
    monkeypatch.setenv("QUOTEATTR_LEMMA_MEMO", "0")
    assert not memoize_lemmas(FakePipeline(FakeLemmatizer()))
    monkeypatch.delenv("QUOTEATTR_LEMMA_MEMO")
    lemma = FakeLemmatizer()
    assert memoize_lemmas(FakePipeline(lemma))
    assert not memoize_lemmas(FakePipeline(lemma))
    assert not memoize_lemmas(FakePipeline(None))


def test_bundled_lemmas_match_stanzas_processor(bundled):
    """The bundled lemmatizer, remembered, gives every word the lemma Stanza's own
    processor gives it: known words, words only the character model knows, repeats."""
    pipeline = bundled.parser.pipeline
    processor = pipeline.processors["lemma"]
    assert processor._quoteattr_memo is not None
    text = ("The sailors were whistling as the Squire's men unloaded the barrels. "
            "“Belay that,” roared the bosun, and the sailors stopped whistling. "
            "Hither came the grizzled quartermasters, muttering oaths.")
    processor._quoteattr_memo.clear()
    doc = pipeline(stanza.Document([], text=text), processors="tokenize,pos")
    ours = lemmas(processor.process(doc))
    assert len(processor._quoteattr_memo) < len(ours)  # repeats came from memory
    for w in (w for s in doc.sentences for w in s.words):
        w.lemma = None
    stanzas = lemmas(type(processor).process(processor, doc))
    assert ours == stanzas
    assert "sailor" in ours and "whistle" in ours


def test_a_memory_cleared_meanwhile_takes_no_lemma_away():
    """Another thread may clear the memory while this call lemmatizes its new pairs: the
    words already known keep the lemmas read before."""
    lemma = FakeLemmatizer()
    memoize_lemmas(FakePipeline(lemma))
    lemma.process(tagged("Dogs/NOUN bark/VERB"))
    lemma.on_call = lemma._quoteattr_memo.clear  # as another thread past the limit would
    doc = lemma.process(tagged("Dogs/NOUN bark/VERB cats/NOUN"))
    assert lemmas(doc) == ["dog", "bark", "cat"]
    assert lemma.calls[-1] == [("cats", "NOUN")]
