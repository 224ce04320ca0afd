"""int8 LSTMs in the parser and NER models: `quantize_lstms` on small models built here,
the switch that turns it off, and the bundled pipeline as it is built (quantized); the
parser's bfloat16 autocast (`autocast_pipeline`) and its switches."""

from __future__ import annotations

import types

import pytest

torch = pytest.importorskip("torch")

from torch.ao.nn.quantized.dynamic import LSTM as QuantizedLSTM  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: E402

from quoteattr import stanza_pipeline  # noqa: E402
from quoteattr.stanza_pipeline import (  # noqa: E402
    BF16_PROCESSORS,
    INT8_PROCESSORS,
    autocast_pipeline,
    build_pipeline,
    quantize_lstms,
    quantize_pipeline,
)


class _Packed(torch.nn.Module):
    """Like Stanza's PackedLSTM: an nn.LSTM one level down, fed a PackedSequence."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = torch.nn.LSTM(8, 16, num_layers=1, bidirectional=True)

    def forward(self, x, lengths):
        out, _ = self.lstm(pack_padded_sequence(x, lengths))
        return pad_packed_sequence(out)[0]


class _Tagger(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.layers = torch.nn.ModuleList([_Packed()])
        self.clf = torch.nn.Linear(32, 5)

    def forward(self, x, lengths):
        return self.clf(self.layers[0](x, lengths))


def _fake_pipeline(**models):
    return types.SimpleNamespace(processors={
        name: types.SimpleNamespace(_trainer=types.SimpleNamespace(model=model))
        for name, model in models.items()})


def test_quantize_lstms_replaces_the_lstm_and_keeps_the_output():
    torch.manual_seed(0)
    model = _Tagger().eval()
    x, lengths = torch.randn(7, 3, 8), [7, 5, 2]
    with torch.no_grad():
        before = model(x, lengths)
        assert quantize_lstms(model) == 1
        after = model(x, lengths)
    assert isinstance(model.layers[0].lstm, QuantizedLSTM)
    assert not any(isinstance(m, torch.nn.LSTM) for m in model.modules())
    assert type(model.clf) is torch.nn.Linear  # Linear layers stay float32
    assert after.shape == before.shape
    assert torch.allclose(after, before, atol=0.05)
    assert not torch.equal(after, before)  # it really runs int8 weights
    assert quantize_lstms(model) == 0  # nothing left to replace


def test_quantize_pipeline_touches_parser_and_ner_only():
    pipeline = _fake_pipeline(tokenize=_Tagger(), pos=_Tagger(), depparse=_Tagger(), ner=_Tagger())
    assert set(INT8_PROCESSORS) == {"depparse", "ner"}
    assert quantize_pipeline(pipeline) == 2
    models = {name: p._trainer.model for name, p in pipeline.processors.items()}
    for name in ("tokenize", "pos"):  # float32: see INT8_PROCESSORS
        assert isinstance(models[name].layers[0].lstm, torch.nn.LSTM)
    for name in INT8_PROCESSORS:
        assert isinstance(models[name].layers[0].lstm, QuantizedLSTM)


def test_the_switch_keeps_float32(monkeypatch):
    monkeypatch.setenv("QUOTEATTR_LSTM_INT8", "0")
    pipeline = _fake_pipeline(pos=_Tagger(), depparse=_Tagger())
    assert quantize_pipeline(pipeline) == 0
    for p in pipeline.processors.values():
        assert isinstance(p._trainer.model.layers[0].lstm, torch.nn.LSTM)


def _lstms(pipeline, name):
    model = pipeline.processors[name]._trainer.model
    return (sum(isinstance(m, QuantizedLSTM) for m in model.modules()),
            sum(isinstance(m, torch.nn.LSTM) for m in model.modules()))


def _heads(pipeline, text):
    import stanza

    doc = pipeline(stanza.Document([], text=text))
    return [(w.text, w.upos, w.head, w.deprel) for s in doc.sentences for w in s.words]


SENTENCE = "“We will not back down,” Mayor Jane Smith told reporters on Tuesday."


def test_bundled_pipeline_is_quantized_and_parses(bundled):
    pipeline = bundled.parser.pipeline
    for name in INT8_PROCESSORS:
        quantized, float_lstms = _lstms(pipeline, name)
        assert quantized >= 2 and float_lstms == 0, name  # the char LSTM and the tagger's
    assert _lstms(pipeline, "pos") == (0, 3)
    words = _heads(pipeline, SENTENCE)
    by_text = {w[0]: w for w in words}
    index = {w[0]: i for i, w in enumerate(words, 1)}
    # "Mayor Jane Smith": a flat name headed by Mayor, the subject of told
    assert by_text["Mayor"][2:] == (index["told"], "nsubj")
    assert by_text["Jane"][1:] == ("PROPN", index["Mayor"], "flat")
    assert by_text["Smith"][1] == "PROPN" and by_text["Smith"][3] == "flat"
    assert by_text["Smith"][2] in (index["Mayor"], index["Jane"])
    assert by_text["told"][3] == "root"
    q = bundled.attribute_parsed(bundled.parse(SENTENCE)).quotes[0]
    assert q.speaker is not None and "Jane Smith" in q.speaker.label


def test_float_pipeline_when_switched_off_parses_the_same(bundled, monkeypatch):
    monkeypatch.setenv("QUOTEATTR_LSTM_INT8", "0")
    processors = "tokenize,mwt,pos,lemma,depparse"
    plain = build_pipeline(bundled.model_set, processors_override=processors)
    assert _lstms(plain, "depparse") == (0, 3)
    assert _heads(plain, SENTENCE) == _heads(bundled.parser.pipeline, SENTENCE)


class _Recorder:
    """A processor that records whether bf16 autocast was on when it ran."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, bool]] = []

    def process(self, doc):
        self.seen.append(("process", torch.is_autocast_enabled("cpu")))
        return doc

    def bulk_process(self, docs):
        self.seen.append(("bulk", torch.is_autocast_enabled("cpu")))
        return docs


def test_autocast_wraps_the_parser_only_and_once(monkeypatch):
    monkeypatch.delenv("QUOTEATTR_BF16", raising=False)
    monkeypatch.setattr(stanza_pipeline, "cpu_has_bf16", lambda: True)
    pipeline = types.SimpleNamespace(processors={"pos": _Recorder(), "depparse": _Recorder()})
    assert BF16_PROCESSORS == ("depparse",)
    assert autocast_pipeline(pipeline) == 1
    assert autocast_pipeline(pipeline) == 0  # already wrapped: not twice
    parser, tagger = pipeline.processors["depparse"], pipeline.processors["pos"]
    assert parser.process("doc") == "doc" and parser.bulk_process(["d"]) == ["d"]
    tagger.process("doc")
    assert parser.seen == [("process", True), ("bulk", True)]
    assert tagger.seen == [("process", False)]
    assert not torch.is_autocast_enabled("cpu")  # only inside the call


@pytest.mark.parametrize("env, native", [("0", True), (None, False)])
def test_no_autocast_when_switched_off_or_emulated(monkeypatch, env, native):
    if env is None:
        monkeypatch.delenv("QUOTEATTR_BF16", raising=False)
    else:
        monkeypatch.setenv("QUOTEATTR_BF16", env)
    monkeypatch.setattr(stanza_pipeline, "cpu_has_bf16", lambda: native)
    pipeline = types.SimpleNamespace(processors={"depparse": _Recorder()})
    assert autocast_pipeline(pipeline) == 0
    pipeline.processors["depparse"].process("doc")
    assert pipeline.processors["depparse"].seen == [("process", False)]


# -- load time: trusted bundled files, no torch._dynamo import ------------------------------


def test_bundled_files_skip_the_weights_only_check_and_nothing_else(tmp_path, monkeypatch):
    """While a pipeline is built, a file in the bundled models' folder is loaded with
    weights_only=False; any other file as the caller asked; torch.load is restored after,
    also when the build fails."""
    from quoteattr.models import bundled_dir

    calls = []

    def fake_load(f, *args, **kwargs):
        calls.append((str(f), kwargs.get("weights_only")))

    monkeypatch.setattr(torch, "load", fake_load)
    inside = str(bundled_dir() / "pos.pt")
    outside = str(tmp_path / "pos.pt")

    def build():
        torch.load(inside, weights_only=True)
        torch.load(outside, weights_only=True)
        return "pipeline"

    assert stanza_pipeline._trusting_bundled_files(build) == "pipeline"
    assert calls == [(inside, False), (outside, True)]
    assert torch.load is fake_load

    def failing():
        raise RuntimeError("bad model")

    with pytest.raises(RuntimeError, match="bad model"):
        stanza_pipeline._trusting_bundled_files(failing)
    assert torch.load is fake_load


def test_optimizers_built_meanwhile_do_not_need_dynamo():
    """While a pipeline is built, an optimizer's add_param_group is the plain function (no
    lazy torch._dynamo import); the wrapped one is back afterwards, and an optimizer built
    meanwhile works (a scheduler reads its groups)."""
    cls = torch.optim.Optimizer
    wrapped = cls.__dict__["add_param_group"]
    seen = {}

    def build():
        seen["inside"] = cls.__dict__["add_param_group"]
        opt = torch.optim.Adam([torch.nn.Parameter(torch.zeros(2))], lr=0.1)
        return [g["lr"] for g in opt.param_groups]

    assert stanza_pipeline._without_dynamo(build) == [0.1]
    assert seen["inside"] is getattr(wrapped, "__wrapped__", wrapped)
    assert cls.__dict__["add_param_group"] is wrapped
