"""`lean_lemma_batches`: Stanza's lemmatizer with its dictionary ensemble builds the batch it
never reads as a bare wrapper of the document; the batch the model runs on is Stanza's own
(no models needed: a tiny Stanza Document)."""

from __future__ import annotations

from quoteattr import stanza_pipeline


def _document():
    from stanza.models.common.doc import Document

    return Document([[{"id": 1, "text": "Dogs", "upos": "NOUN"},
                      {"id": 2, "text": "barked", "upos": "VERB"}]])


def test_the_unread_batch_is_the_document_only(monkeypatch):
    """With the ensemble on and no skip list (the processor's first batch), Stanza's loader
    is asked for the document only; run for real, it maps and batches nothing."""
    from stanza.models.lemma import data

    args = {"ensemble_dict": True, "dict_only": False, "lang": "en"}
    doc = _document()
    unread = stanza_pipeline._LeanLemmaLoader(doc, 50, args, evaluation=True,
                                              expand_unk_vocab=True)
    assert unread.doc is doc and not hasattr(unread, "data")
    calls = []
    monkeypatch.setattr(data, "DataLoader", lambda *a, **k: calls.append(k) or "batch")
    stanza_pipeline._LeanLemmaLoader(doc, 50, args, evaluation=True)
    assert calls[-1]["conll_only"] is True


def test_other_batches_are_stanzas(monkeypatch):
    """Without the ensemble, or for the words the dictionary skipped, the loader is called
    as the processor called it."""
    from stanza.models.lemma import data

    calls = []
    monkeypatch.setattr(data, "DataLoader", lambda *a, **k: calls.append(k) or "batch")
    doc = _document()
    for args, skip in (({"ensemble_dict": False}, None), ({"ensemble_dict": True}, [True, False]),
                       ({"ensemble_dict": True, "dict_only": True}, None)):
        assert stanza_pipeline._LeanLemmaLoader(doc, 50, args, evaluation=True,
                                                skip=skip) == "batch"
        assert calls[-1]["conll_only"] is False and calls[-1]["skip"] == skip


def test_switching_on_and_off():
    from stanza.models.lemma import data
    from stanza.pipeline import lemma_processor

    try:
        stanza_pipeline.lean_lemma_batches()
        assert lemma_processor.DataLoader is stanza_pipeline._LeanLemmaLoader
        stanza_pipeline.lean_lemma_batches(False)
        assert lemma_processor.DataLoader is data.DataLoader
    finally:
        stanza_pipeline.lean_lemma_batches()
