"""`share_tag_scorers`: the tagger's UPOS-conditioned scorers of a column score together, by
the distinct rows of the tag embedding, with the scores Stanza's own forwards give (up to
float rounding); and the parser's label product (`_governor_product`), kept and in int8."""

from __future__ import annotations

import types

import pytest
import torch
from stanza.models.common.biaffine import BiaffineScorer
from stanza.models.pos.tag_columns import TAG_LINK_EMB, TAG_LINK_HIDDEN

from quoteattr import stanza_pipeline
from quoteattr.stanza_pipeline import ParentScorers, distinct_rows, share_tag_scorers


def _scorers(n: int, sizes=(7, 5), labels=(3, 2, 4)) -> list[BiaffineScorer]:
    torch.manual_seed(n)
    made = []
    for k in range(n):
        scorer = BiaffineScorer(sizes[0], sizes[1], labels[k % len(labels)])
        torch.nn.init.normal_(scorer.W_bilin.weight)  # Stanza starts them at zero
        torch.nn.init.normal_(scorer.W_bilin.bias)
        made.append(scorer.eval())
    return made


def _inputs(tags: int, batch=3, length=40, sizes=(7, 5)):
    """A batch's hidden layers and, as the tagger has them, the embedding of each word's
    tag: ``tags`` distinct rows over the batch."""
    torch.manual_seed(tags)
    hidden = torch.randn(batch, length, sizes[0])
    table = torch.randn(tags, sizes[1])
    return hidden, table[torch.randint(0, tags, (batch, length))]


@pytest.mark.parametrize("tags", [1, 4, 200])  # 200 > a quarter of the words: no sharing
def test_the_group_scores_as_each_scorer_does(tags):
    scorers = _scorers(5)
    hidden, embedded = _inputs(tags)
    with torch.no_grad():
        want = [s(hidden, embedded) for s in scorers]
        got = ParentScorers(scorers).scores(hidden, embedded)
    assert len(got) == len(want)
    for w, g in zip(want, got):
        assert w.shape == g.shape
        assert torch.allclose(w, g, atol=1e-4), (w - g).abs().max()


def _pipeline(link=TAG_LINK_EMB, share_hid=False, n=4):
    model = torch.nn.Module()
    model.tag_clf = torch.nn.ModuleDict({"xpos": _scorers(1)[0],
                                         "feats": torch.nn.ModuleList(_scorers(n))})
    model.link_mode, model.share_hid, model.eval_order = link, share_hid, ["xpos", "feats"]
    processor = types.SimpleNamespace(_trainer=types.SimpleNamespace(model=model))
    return types.SimpleNamespace(processors={"pos": processor}), model


def test_installed_scorers_give_stanzas_scores_and_compute_once():
    pipeline, model = _pipeline()
    feats = list(model.tag_clf["feats"])
    hidden, embedded = _inputs(3)
    with torch.no_grad():
        want = [s(hidden, embedded) for s in feats]
        assert share_tag_scorers(pipeline) == 5
        calls: list[int] = []
        original = ParentScorers.scores
        try:
            ParentScorers.scores = lambda self, a, b: calls.append(1) or original(self, a, b)
            got = [s(hidden, embedded) for s in feats]
            again = [s(hidden, embedded) for s in feats]  # the next batch: computed anew
        finally:
            ParentScorers.scores = original
    assert calls == [1, 1]
    for w, g, a in zip(want, got, again):
        assert torch.allclose(w, g, atol=1e-4)
        assert torch.equal(g, a)
    assert share_tag_scorers(pipeline) == 0  # once only


def test_training_mode_runs_stanzas_forward():
    pipeline, model = _pipeline()
    share_tag_scorers(pipeline)
    model.train()
    hidden, embedded = _inputs(2)
    hidden.requires_grad_(True)
    scores = model.tag_clf["feats"][1](hidden, embedded)
    scores.sum().backward()  # Stanza's forward: gradients flow
    assert hidden.grad is not None


@pytest.mark.parametrize("link,share_hid", [(TAG_LINK_HIDDEN, False), (TAG_LINK_EMB, True)])
def test_other_column_links_are_left_alone(link, share_hid):
    pipeline, model = _pipeline(link, share_hid)
    assert share_tag_scorers(pipeline) == 0
    assert not any("forward" in vars(m) for m in model.modules())


def test_no_tagger_no_change():
    assert share_tag_scorers(types.SimpleNamespace(processors={})) == 0


def test_distinct_rows_is_torch_unique_in_another_order():
    torch.manual_seed(1)
    table = torch.randn(6, 9)
    matrix = table[torch.randint(0, 6, (500,))]
    rows, which = distinct_rows(matrix)
    assert torch.equal(rows[which], matrix)
    assert len(rows) == len(torch.unique(matrix, dim=0))
    empty_rows, empty_which = distinct_rows(torch.empty(0, 9))
    assert empty_rows.shape == (0, 9) and empty_which.numel() == 0


def test_distinct_rows_with_a_colliding_projection_falls_back():
    """Two different rows whose projections are equal (the large first column swallows the
    second in float64): the answer is still exact."""
    matrix = torch.tensor([[1e30, 1.0], [1e30, 2.0], [1e30, 1.0]])
    rows, which = distinct_rows(matrix)
    assert torch.equal(rows[which], matrix)
    assert len(rows) == 2


def _label_scorer(size=6, labels=4):
    torch.manual_seed(3)
    scorer = torch.nn.Module()
    scorer.scorer = torch.nn.Module()
    scorer.scorer.W_bilin = torch.nn.Bilinear(size, size, labels)
    return scorer, scorer.scorer.W_bilin.weight


def test_the_governor_product_is_kept_and_remade_when_the_weight_changes():
    scorer, weight = _label_scorer()
    governors = torch.randn(5, 6)
    want = governors @ weight.detach().permute(1, 0, 2).reshape(6, -1)
    first = stanza_pipeline._governor_product(scorer, weight, governors)
    assert torch.allclose(first, want, atol=1e-6)
    kept = scorer._quoteattr_governor_major[1]
    stanza_pipeline._governor_product(scorer, weight, governors)
    assert scorer._quoteattr_governor_major[1] is kept
    with torch.no_grad():
        weight.mul_(2)  # trained further, say
    again = stanza_pipeline._governor_product(scorer, weight, governors)
    assert torch.allclose(again, 2 * want, atol=1e-5)


def test_the_label_product_in_int8_is_close_but_not_float():
    scorer, weight = _label_scorer(size=64, labels=8)
    model = types.SimpleNamespace(deprel=scorer)
    governors = torch.randn(30, 64)
    want = stanza_pipeline._governor_product(scorer, weight, governors)
    assert stanza_pipeline.quantize_label_scorer(model)
    got = stanza_pipeline._governor_product(scorer, weight, governors)
    assert got.shape == want.shape
    assert not torch.equal(got, want)
    assert (got - want).abs().max() < 0.05 * want.abs().max()
    # bfloat16 governors (the parser under autocast) keep the plain product
    with torch.autocast("cpu", dtype=torch.bfloat16):
        half = stanza_pipeline._governor_product(scorer, weight, governors.bfloat16())
    assert half.dtype == torch.bfloat16


def test_quantize_label_scorer_needs_a_label_scorer():
    assert not stanza_pipeline.quantize_label_scorer(types.SimpleNamespace())
    assert not stanza_pipeline.quantize_label_scorer(types.SimpleNamespace(deprel=object()))


def test_the_switch_keeps_float_labels(monkeypatch):
    scorer, _ = _label_scorer()
    model = types.SimpleNamespace(deprel=scorer, modules=lambda: [])
    pipeline = types.SimpleNamespace(processors={"depparse": types.SimpleNamespace(
        _trainer=types.SimpleNamespace(model=model))})
    monkeypatch.setenv("QUOTEATTR_LABEL_INT8", "0")
    assert stanza_pipeline.quantize_pipeline(pipeline, ("depparse",)) == 0
    assert not getattr(scorer, "_quoteattr_label_int8", False)
    monkeypatch.setenv("QUOTEATTR_LABEL_INT8", "1")
    assert stanza_pipeline.quantize_pipeline(pipeline, ("depparse",)) == 1
    assert scorer._quoteattr_label_int8


def test_the_bundled_tagger_shares_its_scorers_and_tags_as_before(bundled):
    """The bundled tagger's XPOS and FEATS scorers are shared, and its tags on a news
    paragraph are those of the scorers one by one."""
    import stanza

    pipeline = bundled.parser.pipeline
    model = pipeline.processors["pos"]._trainer.model
    installed = [m for m in model.modules() if isinstance(m, BiaffineScorer)
                 and "forward" in vars(m)]
    assert len(installed) >= 2
    text = ("“We will not back down,” Mayor Jane Smith told reporters on Tuesday. The "
            "council's two members, who had voted against it, said they were disappointed.")

    def tags():
        doc = pipeline(stanza.Document([], text=text), processors="tokenize,pos")
        return [(w.upos, w.xpos, w.feats) for s in doc.sentences for w in s.words]

    shared = tags()
    assert len(shared) > 20 and all(upos for upos, _, _ in shared)
    for m in installed:
        del m.forward
    try:
        assert tags() == shared
    finally:
        assert share_tag_scorers(pipeline) == len(installed)
