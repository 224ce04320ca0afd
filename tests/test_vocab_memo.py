"""`memoize_vocabs`: the tagger's and parser's vocabularies remember their lookups without
changing any of them (no models needed: Stanza vocabularies built from a few words)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from quoteattr import stanza_pipeline


def vocabs():
    from stanza.models.common.vocab import CompositeVocab
    from stanza.models.pos.vocab import MultiVocab, WordVocab

    sentences = [[["The", "DET", "Definite=Def|PronType=Art"],
                  ["dogs", "NOUN", "Number=Plur"], ["ran", "VERB", "Mood=Ind|Tense=Past"]]]
    return MultiVocab({"word": WordVocab(sentences, idx=0, lower=True),
                       "upos": WordVocab(sentences, idx=1),
                       "feats": CompositeVocab(sentences, idx=2, sep="|", keyed=True)})


def pipeline_with(multi):
    processor = SimpleNamespace(_trainer=SimpleNamespace(vocab=multi), _pretrain=None)
    return SimpleNamespace(processors={"pos": processor})


def test_lookups_are_unchanged_and_remembered():
    plain, remembered = vocabs(), vocabs()
    assert stanza_pipeline.memoize_vocabs(pipeline_with(remembered)) == 3
    assert stanza_pipeline.memoize_vocabs(pipeline_with(remembered)) == 0  # once only
    words = ["the", "Dogs", "cat", "ran", "the"]
    assert remembered["word"].map(words) == plain["word"].map(words)
    feats = ["Number=Plur", "_", "Definite=Def|PronType=Art", "Tense=Past|Mood=Ind", "X=Y"]
    ids = plain["feats"].map(feats)
    assert remembered["feats"].map(feats) == ids
    assert remembered["feats"].unmap(ids) == plain["feats"].unmap(ids)
    assert remembered["upos"].unmap([4, 5, 4]) == plain["upos"].unmap([4, 5, 4])
    # a remembered list answer is a copy: changing it changes no later answer
    first = remembered["feats"].unit2id("Number=Plur")
    first.append(99)
    assert remembered["feats"].unit2id("Number=Plur") == plain["feats"].unit2id("Number=Plur")


def test_memory_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(stanza_pipeline, "VOCAB_MEMO_SIZE", 2)
    multi = vocabs()
    stanza_pipeline.memoize_vocabs(pipeline_with(multi))
    lookup = multi["upos"].unit2id
    memory = next(c.cell_contents for c in lookup.__closure__
                  if isinstance(c.cell_contents, dict))
    units = ["DET", "NOUN", "VERB", "DET", "PUNCT"]
    assert [lookup(u) for u in units] == vocabs()["upos"].map(units)
    assert 0 < len(memory) <= 2


def test_an_unhashable_unit_is_looked_up_not_remembered():
    calls = []

    def lookup(unit):
        calls.append(unit)
        return len(unit)

    remembered = stanza_pipeline._memoized(lookup)
    assert remembered(["a", "b"]) == 2 and remembered(["a", "b"]) == 2  # a list: by tuple
    assert len(calls) == 1
    assert remembered({"a"}) == 1 and remembered({"a"}) == 1  # a set: no key, no memory
    assert len(calls) == 3


def test_stanzas_own_errors_come_through():
    multi = vocabs()
    stanza_pipeline.memoize_vocabs(pipeline_with(multi))
    assert multi["word"].unit2id("dogs") == vocabs()["word"].unit2id("dogs")
    with pytest.raises(AttributeError):  # what Stanza itself raises for a list inside a list
        multi["word"].map(["a", ["b"]])


def test_map_reads_the_memory_once_every_unit_is_known():
    """``map``/``unmap`` of a simple vocabulary answer from the memory (no lookup runs)
    once each unit has been seen, and as Stanza's own do; a composite vocabulary's map keeps
    Stanza's path (its ids are lists, copied on the way out)."""
    plain, multi = vocabs(), vocabs()
    stanza_pipeline.memoize_vocabs(pipeline_with(multi))
    word = multi["word"]
    assert "map" in vars(word) and "unmap" in vars(word)
    assert "map" not in vars(multi["feats"]) and "unmap" in vars(multi["feats"])
    units = ["the", "dogs", "ran", "the", "Unknown"]
    assert word.map(units) == plain["word"].map(units)  # the first time: unit by unit
    calls: list[str] = []
    remembered = word.unit2id
    word.unit2id = lambda u: calls.append(u) or remembered(u)  # what Stanza's map would call
    assert word.map(units) == plain["word"].map(units)
    assert calls == []  # answered from the memory
    assert word.map(["cat"]) == plain["word"].map(["cat"])  # a new unit: looked up
    ids = word.map(units)
    assert word.unmap(ids) == plain["word"].unmap(ids)
    assert word.unmap(ids) == plain["word"].unmap(ids)  # from the memory
    feats = ["Number=Plur", "_"]
    assert multi["feats"].map(feats) == plain["feats"].map(feats)


def test_the_ner_vocabularies_are_remembered_too():
    assert stanza_pipeline.VOCAB_MEMO_PROCESSORS == ("pos", "depparse", "ner")
    processor = SimpleNamespace(_trainer=SimpleNamespace(vocab=vocabs()), _pretrain=None)
    assert stanza_pipeline.memoize_vocabs(SimpleNamespace(processors={"ner": processor})) == 3
