"""`memoize_char_models`: a character model remembers each word's vector, and gives the same
vectors as Stanza's own forward (up to float rounding), computing each new word once."""

from __future__ import annotations

import types

import pytest
import torch
from stanza.models.common.char_model import CharacterModel
from stanza.models.common.vocab import CharVocab

from quoteattr import stanza_pipeline

ARGS = {"char_emb_dim": 8, "char_hidden_dim": 6, "char_num_layers": 1, "dropout": 0.0,
        "char_rec_dropout": 0.0}


def _model(attention: bool, bidirectional: bool, pad: bool = True) -> CharacterModel:
    torch.manual_seed(0)
    vocab = {"char": CharVocab([list("abcdefgh")])}
    model = CharacterModel(ARGS, vocab, pad=pad, bidirectional=bidirectional,
                           attention=attention)
    if attention:
        torch.nn.init.normal_(model.char_attn.weight)  # Stanza starts it at zero
    return model.eval()


def _batch(words: list[str], sentlens: list[int]):
    """The inputs Stanza's data loaders give: char ids of the words sorted longest first,
    the sorted order's way back, sentence lengths, word lengths."""
    order = sorted(range(len(words)), key=lambda i: -len(words[i]))
    ids = [[ord(c) - ord("a") + 4 for c in words[i]] for i in order]
    width = max(map(len, ids))
    chars = torch.tensor([row + [0] * (width - len(row)) for row in ids])
    orig = [order.index(i) for i in range(len(words))]
    return chars, chars.eq(0), orig, sentlens, [len(r) for r in ids]


@pytest.mark.parametrize("attention,bidirectional,pad", [
    (True, False, True), (False, True, True), (True, False, False), (False, True, False)])
def test_the_same_vectors_as_stanzas_forward(attention, bidirectional, pad):
    """The tagger's kind (attention over a one-way LSTM) and the NER's (the last states of
    a two-way one), padded per sentence or packed: the memory's answer matches Stanza's, in
    a first batch and in a second that repeats words of the first."""
    model = _model(attention, bidirectional, pad)
    stanza_forward = model.forward
    with torch.no_grad():
        first = _batch(["abc", "de", "abc", "fghab", "a"], [3, 2])
        second = _batch(["de", "hhh", "abc", "a", "gab", "fghab"], [4, 2])
        want = [stanza_forward(*first), stanza_forward(*second)]
        assert stanza_pipeline.memoize_char_models(_pipeline(model)) == 1
        got = [model(*first), model(*second)]
    for w, g in zip(want, got):
        if not pad:  # a PackedSequence: its rows and their order
            assert torch.equal(w.batch_sizes, g.batch_sizes)
            w, g = w.data, g.data
        assert w.shape == g.shape
        assert torch.allclose(w, g, atol=1e-6)


def test_each_new_word_is_computed_once():
    """Five words with two repeats: the LSTM sees three words; a second batch of known
    words runs no LSTM at all."""
    model = _model(True, False)
    stanza_pipeline.memoize_char_models(_pipeline(model))
    seen: list[int] = []
    model.charlstm.register_forward_hook(lambda m, inp, out: seen.append(len(inp[1])))
    with torch.no_grad():
        model(*_batch(["abc", "de", "abc", "de", "fg"], [5]))
        model(*_batch(["de", "abc"], [2]))
    assert seen == [3]


def test_training_mode_is_left_to_stanza():
    """In training (dropout on) the memory is not used."""
    model = _model(True, False)
    stanza_pipeline.memoize_char_models(_pipeline(model))
    model.train()
    seen: list[int] = []
    model.charlstm.register_forward_hook(lambda m, inp, out: seen.append(len(inp[1])))
    model(*_batch(["abc", "abc"], [2]))
    assert seen == [2]


def test_installed_once_and_only_on_character_models():
    model = _model(True, False)
    pipeline = _pipeline(model)
    assert stanza_pipeline.memoize_char_models(pipeline) == 1
    assert stanza_pipeline.memoize_char_models(pipeline) == 0


def _pipeline(charmodel: CharacterModel):
    """A pipeline-shaped object whose pos processor's model holds ``charmodel``."""
    holder = torch.nn.Module()
    holder.charmodel = charmodel
    holder.other = torch.nn.Linear(2, 2)
    processor = types.SimpleNamespace(_trainer=types.SimpleNamespace(model=holder))
    return types.SimpleNamespace(processors={"pos": processor})


def test_the_environment_can_turn_it_off(monkeypatch):
    monkeypatch.setenv("QUOTEATTR_CHAR_MEMO", "0")
    model = _model(True, False)
    assert stanza_pipeline.memoize_char_models(_pipeline(model)) == 0
    assert "forward" not in vars(model)
