"""The NER's batched decoding (`stanza_pipeline.fast_ner_decoding`, `viterbi_batch`)."""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from stanza.models.common.crf import CRFLoss, viterbi_decode

from quoteattr.stanza_pipeline import (
    _crf_transitions_only,
    fast_ner_decoding,
    predict_ner,
    viterbi_batch,
)


@pytest.mark.parametrize("seed", range(6))
def test_each_row_is_decoded_as_stanza_decodes_it_alone(seed):
    """Random scores, rows of every length down to one word, padding past each row's end
    filled with large values that must not leak into its path."""
    rng = np.random.default_rng(seed)
    n_rows, n_pos, n_tags = 7, 13, 21
    scores = rng.normal(size=(n_rows, n_pos, n_tags)).astype(np.float32)
    transitions = rng.normal(size=(n_tags, n_tags)).astype(np.float32)
    lengths = [13, 1, 5, 12, 2, 13, 8]
    for i, n in enumerate(lengths):
        scores[i, n:] = 100.0
    got = viterbi_batch(scores, transitions, lengths)
    want = [[int(t) for t in viterbi_decode(scores[i, :n], transitions)[0]]
            for i, n in enumerate(lengths)]
    assert got == want
    assert [len(p) for p in got] == lengths


def test_ties_go_to_the_first_tag_as_in_stanza():
    """Integer scores make many exact ties; argmax breaks them the same way in both."""
    rng = np.random.default_rng(0)
    scores = rng.integers(0, 2, size=(5, 9, 4)).astype(np.float32)
    transitions = rng.integers(0, 2, size=(4, 4)).astype(np.float32)
    lengths = [9, 9, 4, 1, 6]
    want = [[int(t) for t in viterbi_decode(scores[i, :n], transitions)[0]]
            for i, n in enumerate(lengths)]
    assert viterbi_batch(scores, transitions, lengths) == want
    flat = np.zeros((2, 3, 3), dtype=np.float32)
    assert viterbi_batch(flat, np.zeros((3, 3), dtype=np.float32), [3, 2]) == [[0, 0, 0], [0, 0]]


def test_an_empty_batch():
    assert viterbi_batch(np.zeros((0, 4, 3), dtype=np.float32), np.zeros((3, 3)), []) == []


def test_the_crf_loss_is_skipped_outside_training_only():
    crit = CRFLoss(3)
    with torch.no_grad():
        crit._transitions.copy_(torch.arange(9.0).view(3, 3))
    inputs = torch.randn(2, 4, 3)
    masks = torch.zeros(2, 4, dtype=torch.bool)
    tags = torch.tensor([[0, 1, 2, 1], [2, 2, 0, 1]])
    crit.train()
    loss, trans = _crf_transitions_only(crit, inputs, masks, tags)
    expected, _ = CRFLoss.forward(crit, inputs, masks, tags)
    assert float(loss) == pytest.approx(float(expected)) and float(loss) != 0.0
    crit.eval()
    loss, trans = _crf_transitions_only(crit, inputs, masks, tags)
    assert float(loss) == 0.0
    assert trans is crit._transitions


def test_installed_once_and_taken_off_again():
    crit = CRFLoss(3)
    trainer = SimpleNamespace(model=SimpleNamespace(crits=[crit]))
    pipeline = SimpleNamespace(processors={"ner": SimpleNamespace(trainers=[trainer])})
    assert fast_ner_decoding(pipeline) == 1
    assert isinstance(trainer.predict, functools.partial) and trainer.predict.func is predict_ner
    assert "forward" in vars(crit)
    assert fast_ner_decoding(pipeline) == 0  # already installed
    assert fast_ner_decoding(pipeline, on=False) == 1
    assert "predict" not in vars(trainer) and "forward" not in vars(crit)


def test_pipelines_without_a_crf_ner_are_left_alone():
    assert fast_ner_decoding(SimpleNamespace(processors={})) == 0
    other = SimpleNamespace(model=SimpleNamespace())
    assert fast_ner_decoding(SimpleNamespace(processors={"ner": SimpleNamespace(
        trainers=[other])})) == 0
    assert "predict" not in vars(other)


def test_the_bundled_ner_tags_as_stanzas_predict_does(bundled):
    """Tags of a paragraph with several names, with the batched decoding and with Stanza's."""
    import stanza

    pipeline = bundled.parser.pipeline
    processor = pipeline.processors["ner"]
    assert all(getattr(t, "_quoteattr_fast_decode", False) for t in processor.trainers)
    text = ("“We will not back down,” Mayor Jane Smith told reporters in Boston on Tuesday. "
            "Officials at the European Commission and NATO said Mark Rutte would visit Kyiv. "
            "Nobody else spoke.")

    def tags():
        doc = pipeline(stanza.Document([], text=text), processors="tokenize,pos,lemma,ner")
        return [(t.text, t.ner) for s in doc.sentences for t in s.tokens]

    batched = tags()
    assert any(ner.endswith("PERSON") for _, ner in batched)
    assert fast_ner_decoding(pipeline, on=False) == len(processor.trainers)
    try:
        assert tags() == batched
    finally:
        assert fast_ner_decoding(pipeline) == len(processor.trainers)
