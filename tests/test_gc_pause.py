"""The garbage collector paused while a batch is made (`stanza_pipeline.collection_paused`)."""

from __future__ import annotations

import gc

import pytest
from fakes import SAID, TOLD, FakeParser

import quoteattr
from quoteattr.stanza_pipeline import collection_paused


@pytest.fixture(autouse=True)
def _collector_on(monkeypatch):
    monkeypatch.delenv("QUOTEATTR_GC_PAUSE", raising=False)
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_on_again_after():
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error():
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_nested_pauses_leave_it_to_the_outer_one():
    with collection_paused():
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner one found it off and left it off
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_the_switch_keeps_it_on(monkeypatch):
    monkeypatch.setenv("QUOTEATTR_GC_PAUSE", "0")
    with collection_paused():
        assert gc.isenabled()


class _Watching(FakeParser):
    """Records whether the collector was on when the attributor asked for parses."""

    def __init__(self) -> None:
        super().__init__()
        self.enabled: list[bool] = []

    def parse_many(self, texts, regions=None, anchors=None):
        self.enabled.append(gc.isenabled())
        return super().parse_many(texts, regions, anchors)


def test_pipe_makes_a_batch_paused_and_hands_it_out_with_the_collector_on():
    """The parse and attribution of a batch run paused; the caller's code between two
    documents never does."""
    parser = _Watching()
    att = quoteattr.Attributor(parser=parser)
    seen = []
    for doc in att.pipe([SAID[0], TOLD[0], SAID[0]], batch_size=2):
        seen.append((doc.quotes[0].speaker.label, gc.isenabled()))
    assert seen == [("Smith", True), ("Reed", True), ("Smith", True)]
    assert parser.enabled == [False, False]


def test_the_pipeline_is_built_paused(monkeypatch):
    """Loading the models (and importing torch and Stanza) runs with the collector off."""
    from quoteattr import stanza_pipeline

    seen = []

    def fake_build(model_set, use_gpu=False, coref=True, **kwargs):
        seen.append(gc.isenabled())
        return object()

    monkeypatch.setattr(stanza_pipeline, "build_pipeline", fake_build)
    parser = stanza_pipeline.StanzaParser("bundled")
    built = parser.pipeline
    assert parser.pipeline is built and seen == [False] and gc.isenabled()
