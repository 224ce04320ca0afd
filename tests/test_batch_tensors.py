"""`long_tensor` and `fast_batch_tensors`: the tagger's, parser's and NER's batches padded in one
step, value for value the tensors Stanza's ``get_long_tensor`` builds (no models needed)."""

from __future__ import annotations

import importlib
import random

import pytest

from quoteattr import stanza_pipeline


def _stanza_tensor(rows, batch_size, pad_id=0):
    from stanza.models.common.data import get_long_tensor

    return get_long_tensor(rows, batch_size, pad_id)


@pytest.mark.parametrize("seed", range(5))
def test_the_same_tensor_as_stanza(seed):
    """Rows of any length (empty ones too), a batch wider than the rows, another pad id."""
    import torch

    rng = random.Random(seed)
    for _ in range(40):
        rows = [[rng.randint(0, 5000) for _ in range(rng.randint(0, 25))]
                for _ in range(rng.randint(1, 40))]
        rows[rng.randrange(len(rows))].append(7)  # at least one id
        batch = len(rows) + rng.randint(0, 2)
        pad = rng.choice((0, 1))
        want = _stanza_tensor(rows, batch, pad)
        got = stanza_pipeline.long_tensor(rows, batch, pad)
        assert got.dtype == want.dtype == torch.int64
        assert got.shape == want.shape and torch.equal(got, want)


def test_deeper_lists_go_to_stanza():
    """Ids per feature per word (three levels) are Stanza's own business: same tensor."""
    import torch

    rows = [[[1, 2], [3, 4], [5, 6]], [[7, 8]]]
    assert torch.equal(stanza_pipeline.long_tensor(rows, 2), _stanza_tensor(rows, 2))


def test_switching_on_and_off():
    """The Stanza modules (the NER's too) take ours and get theirs back; Stanza's function is
    untouched."""
    from stanza.models.common import data

    assert "stanza.models.ner.data" in stanza_pipeline.BATCH_TENSOR_MODULES
    modules = [importlib.import_module(m) for m in stanza_pipeline.BATCH_TENSOR_MODULES]
    try:
        stanza_pipeline.fast_batch_tensors()
        assert all(m.get_long_tensor is stanza_pipeline.long_tensor for m in modules)
        assert data.get_long_tensor is not stanza_pipeline.long_tensor
        stanza_pipeline.fast_batch_tensors(False)
        assert all(m.get_long_tensor is data.get_long_tensor for m in modules)
    finally:
        stanza_pipeline.fast_batch_tensors()
