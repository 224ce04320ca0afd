"""The benchmark scorer on hand-made cases, and LitBank's token-to-character mapping."""

from __future__ import annotations

import pytest

from benchmarks.datasets import GoldDocument, GoldQuote, GoldSpeaker, detokenize
from benchmarks.score import Predicted, match, overlap, score, speaker_correct, trim

TEXT = "“We are ready,” said Anna Berg. Later, the “victory plan” was shown. “Fine,” he said."
FINE = TEXT.index("Fine")  # 70
HE = TEXT.index(" he") + 1


def gold_doc() -> GoldDocument:
    anna = GoldSpeaker(kind="named", name="Anna Berg", aliases=("Anna Berg", "Berg"),
                       mentions=((21, 30),))
    return GoldDocument(id="d", dataset="t", text=TEXT, quotes=(
        GoldQuote(start=1, end=14, text=TEXT[1:14], speech=True, kind="direct", speaker=anna),
        GoldQuote(start=44, end=56, text=TEXT[44:56], speech=False),
        GoldQuote(start=FINE, end=FINE + 5, text=TEXT[FINE:FINE + 5], speech=True, kind="direct",
                  speaker=GoldSpeaker(kind="titled", aliases=("the guard",))),
    ))


def perfect() -> list[Predicted]:
    return [Predicted(start=1, end=14, speech=True, speaker_label="Anna Berg",
                      speaker_name="Anna Berg", speaker_kind="named", mention=(21, 30)),
            Predicted(start=44, end=56, speech=False),
            Predicted(start=FINE, end=FINE + 5, speech=True, speaker_label="the guard",
                      speaker_kind="titled", mention=(HE, HE + 2))]


def test_perfect_prediction_scores_one():
    """A perfect prediction has every F1 and accuracy at 1."""
    r = score([gold_doc()], [perfect()])
    assert r["spans_exact"]["f1"] == r["spans_overlap"]["f1"] == 1.0
    assert r["speaker_accuracy"] == 1.0 and r["end_to_end"]["f1"] == 1.0
    assert r["nonspeech_precision"] == 1.0 and r["nonspeech_as_speech"] == 0
    assert r["by_kind"]["named"] == {"gold": 1, "matched": 1, "accuracy": 1.0,
                                     "end_to_end_recall": 1.0}
    assert r["errors"] == []


def test_empty_prediction_scores_zero():
    """No predictions: zero recall, every gold speech quote listed as missed."""
    r = score([gold_doc()], [[]])
    assert r["spans_overlap"]["recall"] == 0.0 and r["end_to_end"]["f1"] == 0.0
    assert [e["type"] for e in r["errors"]] == ["missed", "missed"]
    assert r["nonspeech_precision"] is None


def test_shifted_spans_match_by_overlap_not_exactly():
    """A span shifted by a few characters matches by overlap but not exactly; trailing
    punctuation and spaces do not matter for exact matching."""
    pred = perfect()
    pred[0] = Predicted(start=0, end=15, speech=True, speaker_label="Berg")   # marks included
    pred[2] = Predicted(start=FINE + 1, end=FINE + 5, speech=True, speaker_label="he")  # shifted
    r = score([gold_doc()], [pred])
    assert r["spans_overlap"]["f1"] == 1.0
    assert r["spans_exact"]["tp"] == 1
    assert r["speaker_accuracy"] == 0.5
    assert [e["type"] for e in r["errors"]] == ["wrong-speaker"]


def test_scare_quote_reported_as_speech_is_an_error():
    """Calling the scare quote speech costs precision and is counted."""
    pred = perfect()
    pred[1] = Predicted(start=44, end=56, speech=True, speaker_label="x")
    r = score([gold_doc()], [pred])
    assert r["nonspeech_as_speech"] == 1
    assert r["spans_overlap"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert {e["type"] for e in r["errors"]} == {"scare-quote-as-speech", "spurious"}


def test_lenient_quote_counts_either_way():
    """A lenient gold quote is not missed when predicted non-speech."""
    doc = gold_doc()
    q = doc.quotes[2]
    lenient = GoldDocument(id="d", dataset="t", text=TEXT, quotes=doc.quotes[:2] + (
        GoldQuote(start=q.start, end=q.end, text=q.text, speech=True, speaker=q.speaker,
                  lenient=True),))
    pred = perfect()
    pred[2] = Predicted(start=FINE, end=FINE + 5, speech=False)
    r = score([lenient], [pred])
    assert r["spans_overlap"]["recall"] == 1.0 and r["nonspeech_precision"] == 1.0


def test_entity_speakers_match_by_mention():
    """For coreference-entity gold (LitBank), a predicted mention of the entity is right."""
    gold = GoldSpeaker(kind="named", aliases=("Alice",), mentions=((0, 5), (30, 33)),
                       entity="Alice-1")
    assert speaker_correct("", Predicted(start=0, end=1, speech=True, speaker_label="she",
                                         mention=(30, 33)), gold)
    assert not speaker_correct("", Predicted(start=0, end=1, speech=True, speaker_label="he",
                                             mention=(40, 42)), gold)
    assert speaker_correct("", Predicted(start=0, end=1, speech=True, speaker_label="the Alice"),
                           gold)


def test_trim_overlap_and_match_helpers():
    """Trimming drops punctuation and spaces; overlap is IoU; matching is one-to-one."""
    assert trim("  “Hi,” ", 0, 8) == (3, 5)
    assert overlap((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert overlap((0, 2), (3, 4)) == 0.0
    g = [GoldQuote(start=0, end=4, text="abcd", speech=True)]
    p = [Predicted(start=0, end=4, speech=True), Predicted(start=1, end=4, speech=True)]
    assert match("abcd", g, p) == [(0, 0, 1.0, True)]


class TestDetokenize:
    LINES = [['"', "Good", "night", ",", '"', "said", "the", "man", "."],
             ["He", "did", "n't", "stop", "."],
             ['"', "It", "'s", "late", "."],
             ['"', "Go", "home", ",", '"', "she", "said", "."]]

    def test_text_and_offsets(self):
        """Marks glue to their quote, clitics to their word, and every token maps back."""
        text, offsets = detokenize(self.LINES)
        assert text == ('"Good night," said the man. He didn\'t stop.\n'
                        '"It\'s late. "Go home," she said.')
        for line, offs in zip(self.LINES, offsets):
            for tok, (a, b) in zip(line, offs):
                assert text[a:b] == tok

    def test_paragraph_breaks_at_dialogue_turns(self):
        """A sentence starting a quotation starts a paragraph unless one is already open (then
        it re-opens the same quotation); narration continues the paragraph."""
        text, _ = detokenize(self.LINES)
        assert text.count("\n") == 1
        text, _ = detokenize([['"', "Hi", ".", '"'], ['"', "Bye", ".", '"']])
        assert text == '"Hi."\n"Bye."'


def test_nested_predictions_ignored_where_gold_has_none():
    """For gold without nested quotes (LitBank), a predicted quote inside another is not
    counted as spurious."""
    doc = gold_doc()
    flat = GoldDocument(id="d", dataset="t", text=TEXT, quotes=doc.quotes, nested=False)
    pred = perfect() + [Predicted(start=2, end=4, speech=True, speaker_label="x")]
    assert score([flat], [pred])["spans_overlap"]["precision"] == 1.0
    assert score([doc], [pred])["spans_overlap"]["precision"] < 1.0


def test_system_names_resolve_including_a_model_folder(tmp_path):
    from benchmarks.systems import SYSTEMS, QuoteattrSystem, make_system

    for name in SYSTEMS:
        assert make_system(name).name == name
    custom = make_system(f"quoteattr@{tmp_path}")
    assert isinstance(custom, QuoteattrSystem) and custom.models == str(tmp_path)
    # a folder without a manifest is reported as unavailable, not a crash at load time
    assert "manifest.json" in custom.unavailable()
    with pytest.raises(ValueError, match="model folder"):
        make_system("quoteattr@")
    with pytest.raises(ValueError, match="unknown system"):
        make_system("spacy")


def test_reports_for_a_system_named_by_its_model_folder(tmp_path):
    """A quoteattr@/some/dir system name writes its error listing inside errors/."""
    from benchmarks.report import file_slug, write_reports

    metrics = score([gold_doc()], [perfect()[:1]])
    metrics["speed"] = {"seconds": {"parse": 1.0, "attribute": 0.1}, "words": 10, "words_per_second": 10.0}
    name = "quoteattr@/work/models/en"
    report = {"date": "today", "machine": "here", "datasets": {}, "messages": [],
              "systems": {name: {"description": "x", "load_seconds": 1.0, "peak_rss_mb": 1.0,
                                 "curve": [], "datasets": {"toy": metrics}}}}
    paths = write_reports(report, tmp_path, plot=False)
    listing = tmp_path / "errors" / f"{file_slug(name)}-toy.md"
    assert listing.exists() and listing.parent == tmp_path / "errors"
    assert "/" not in file_slug(name) and {p.name for p in paths} == {"results.json", "results.md"}
