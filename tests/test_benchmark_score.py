"""The benchmark scorer on hand-made cases, and LitBank's token-to-character mapping."""

from __future__ import annotations

import json

import attrs
import pytest

from benchmarks.datasets import GoldDocument, GoldQuote, GoldSpeaker, detokenize
from benchmarks.score import (
    Predicted,
    b_cubed,
    calibration,
    is_pronoun,
    match,
    name_tokens,
    names,
    names_without_honorific,
    overlap,
    predicted_cluster,
    score,
    speaker_correct,
    speaker_correct_lenient,
    trim,
)

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
                                     "accuracy_lenient": 1.0, "end_to_end_recall": 1.0}
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


def test_entity_speakers_match_by_mention_only_when_lenient():
    """For coreference-entity gold (LitBank), a predicted mention of a named entity is right
    only by the lenient rule; its name is right by both."""
    gold = GoldSpeaker(kind="named", aliases=("Alice",), mentions=((0, 5), (30, 33)),
                       entity="Alice-1")
    she = Predicted(start=0, end=1, speech=True, speaker_label="she", mention=(30, 33))
    assert not speaker_correct("", she, gold) and speaker_correct_lenient("", she, gold)
    far = Predicted(start=0, end=1, speech=True, speaker_label="he", mention=(40, 42))
    assert not speaker_correct("", far, gold) and not speaker_correct_lenient("", far, gold)
    alice = Predicted(start=0, end=1, speech=True, speaker_label="the Alice")
    assert speaker_correct("", alice, gold) and speaker_correct_lenient("", alice, gold)


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


# --------------------------------------------------------------------------------------------
# Strict speaker scoring


def _pred(label, name=None, mention=None, **kw) -> Predicted:
    return Predicted(start=0, end=1, speech=True, speaker_label=label, speaker_name=name,
                     mention=mention, **kw)


class TestNames:
    def test_normalization(self):
        """Case, runs of whitespace and line breaks, curly apostrophes, a possessive, a
        leading determiner and honorific spellings do not matter."""
        assert name_tokens("The  Rev.\nMr. Beebe’s") == ("rev", "mr", "beebe")
        assert names("mister  BEEBE", "Mr. Beebe") and names("Mr Beebe", "mr. beebe")
        assert names("Beebe's", "Beebe") and names("the clergyman", "a clergyman")
        assert names("Sir John d’Urberville", "Sir John d'Urberville")

    def test_honorifics_are_kept(self):
        """"Mr. Bennet" and "Mrs. Bennet" are different people: honorifics are mapped to one
        spelling, not dropped."""
        assert not names("Mrs. Bennet", "Mr. Bennet")
        assert not names("Miss Pinkerton", "Miss Jemima Pinkerton")

    def test_hold(self):
        """A candidate holds an alias when the alias's tokens are a contiguous run of its own
        and the alias has a content word; the other direction is not a hold."""
        assert names("Sir John Durbeyfield", "John Durbeyfield")
        assert names("the old haggler Durbeyfield", "Durbeyfield")
        assert not names("Durbeyfield", "John Durbeyfield")
        assert not names("John Smith Durbeyfield", "John Durbeyfield")  # not contiguous
        assert not names("Sir John", "sir")            # an honorific alone is not held
        assert names("sir", "Sir")                     # ... but equal is equal
        assert not names("Johnny", "John")             # whole tokens only

    def test_description_with_modifiers(self):
        """A long nominal alias is also tried cut at its first comma."""
        alias = "an old labouring man, who was in his last illness"
        assert names("an old labouring man", alias)
        assert not names("an old man", alias)

    def test_pronoun_names_nobody(self):
        assert is_pronoun("He") and is_pronoun(" she ") and is_pronoun("I")
        assert not is_pronoun("Henry") and not is_pronoun("the man")
        assert not names("he", "he") and not names("She", "Anna, she")

    def test_without_honorific(self):
        """A bare surname names an alias with an honorific; a candidate that has one does
        not drop it."""
        assert names_without_honorific("Bartlett", "Miss Bartlett")
        assert not names_without_honorific("Jemima Pinkerton", "Miss Pinkerton")
        assert not names_without_honorific("Mrs. Bartlett", "Miss Bartlett")
        assert not names_without_honorific("Bartlett", "Bartlett")  # plain equality instead


BARTLETT = GoldSpeaker(kind="named", aliases=("Miss Bartlett", "Charlotte"), entity="b",
                       mentions=((0, 13),))
MR_BENNET = GoldSpeaker(kind="named", aliases=("Mr. Bennet",), entity="mr")
MRS_BENNET = GoldSpeaker(kind="named", aliases=("Mrs. Bennet",), entity="mrs")


def test_bare_surname_right_only_when_unambiguous():
    """"Bartlett" names Miss Bartlett when no other speaker is a Bartlett; "Bennet" names
    neither Mr. nor Mrs. Bennet when both speak in the document."""
    assert speaker_correct("", _pred("Bartlett", "Bartlett"), BARTLETT, [BARTLETT, MR_BENNET])
    both = [MR_BENNET, MRS_BENNET]
    assert not speaker_correct("", _pred("Bennet", "Bennet"), MRS_BENNET, both)
    assert speaker_correct("", _pred("Bennet", "Bennet"), MRS_BENNET, [MRS_BENNET])
    assert speaker_correct("", _pred("Mrs. Bennet"), MRS_BENNET, both)


def test_unnamed_gold_falls_back_to_the_mention():
    """A speaker the text never names (only pronoun mentions) is right by an overlapping
    mention, strictly too; a named one is not."""
    narrator = GoldSpeaker(kind="pronoun", aliases=(), mentions=((10, 11), (40, 41)),
                           entity="I-1", named=False)
    assert speaker_correct("", _pred("I", mention=(40, 41)), narrator)
    assert not speaker_correct("", _pred("I", mention=(50, 51)), narrator)
    named = attrs.evolve(narrator, aliases=("Pip",), named=True)
    assert not speaker_correct("", _pred("I", mention=(40, 41)), named)
    assert speaker_correct_lenient("", _pred("I", mention=(40, 41)), named)


def test_entity_name_counts():
    """A prediction whose speaker entity is named after the gold speaker is right even when
    its label is a pronoun; a record without entity keys still scores."""
    record = {"start": 0, "end": 1, "kind": "direct", "confidence": 0.9,
              "speaker": {"label": "she", "name": None, "kind": "pronoun",
                          "mention": {"start": 30, "end": 33, "text": "she"}, "entity": "e2"}}
    with_entity = Predicted.from_record(record, {"e2": "Miss Bartlett"})
    assert with_entity.entity == "e2" and with_entity.entity_name == "Miss Bartlett"
    assert speaker_correct("", with_entity, BARTLETT)
    old = dict(record, speaker={k: v for k, v in record["speaker"].items() if k != "entity"})
    without = Predicted.from_record(old)
    assert without.entity is None and without.confidence == 0.9
    assert not speaker_correct("", without, BARTLETT)
    assert Predicted.from_record({"start": 3, "end": 5, "kind": "nonspeech"}).speech is False


def test_strict_and_lenient_differ_on_an_unresolved_he():
    """The unresolved "he" of the toy document: its mention is a mention of the gold speaker,
    so it is right by the lenient rule only; it also counts as an unresolved pronoun."""
    guard = GoldSpeaker(kind="titled", aliases=("the guard",), mentions=((HE, HE + 2),),
                        entity="guard-1")
    doc = gold_doc()
    doc = GoldDocument(id="d", dataset="t", text=TEXT, quotes=doc.quotes[:2] + (
        attrs.evolve(doc.quotes[2], speaker=guard),))
    pred = perfect()
    pred[2] = Predicted(start=FINE, end=FINE + 5, speech=True, speaker_label="he",
                        speaker_kind="pronoun", mention=(HE, HE + 2))
    r = score([doc], [pred])
    assert r["speaker_accuracy"] == 0.5 and r["speaker_accuracy_lenient"] == 1.0
    assert r["end_to_end"]["f1"] == 0.5 and r["end_to_end_lenient"]["f1"] == 1.0
    assert r["by_kind"]["titled"]["accuracy"] == 0.0
    assert r["by_kind"]["titled"]["accuracy_lenient"] == 1.0
    assert r["unresolved_pronouns"] == {"quotes": 1, "speech_quotes": 2, "share": 0.5}
    assert r["pronoun_speakers"] == {"quotes": 1, "right": 0, "right_lenient": 1}
    wrong = [e for e in r["errors"] if e["type"] == "wrong-speaker"]
    assert len(wrong) == 1 and wrong[0]["lenient_right"] is True


def test_resolved_pronoun_is_not_unresolved():
    """A pronoun label with a name (or a named entity) is resolved."""
    pred = perfect()
    pred[2] = attrs.evolve(pred[2], speaker_label="he", speaker_name="the guard")
    r = score([gold_doc()], [pred])
    assert r["unresolved_pronouns"]["quotes"] == 0 and r["speaker_accuracy"] == 1.0


def test_entity_named_only_by_a_pronoun_is_unresolved():
    """An entity whose only name is the pronoun ("he", from an entity layer that linked the
    "he" to nothing better) leaves the speaker unresolved."""
    pred = perfect()
    pred[2] = attrs.evolve(pred[2], speaker_label="he", speaker_name=None, entity="e4",
                           entity_name="He")
    r = score([gold_doc()], [pred])
    assert r["unresolved_pronouns"]["quotes"] == 1


class TestBCubed:
    def test_hand_computed(self):
        """gold {0,1} {2}; predicted {0} {1,2}: precision = recall = 2/3."""
        r = b_cubed(["A", "A", "B"], ["x", "y", "y"])
        assert r["precision"] == pytest.approx(2 / 3, abs=1e-4)
        assert r["recall"] == pytest.approx(2 / 3, abs=1e-4) and r["items"] == 3

    def test_none_is_a_singleton_and_perfect_is_one(self):
        assert b_cubed(["A", "A"], [None, None]) == {"precision": 1.0, "recall": 0.5,
                                                     "f1": pytest.approx(0.6667, abs=1e-4),
                                                     "items": 2}
        assert b_cubed(["A", "B"], ["k", "l"])["f1"] == 1.0
        assert b_cubed([], [])["f1"] is None

    def test_predicted_cluster_key(self):
        """Entity id first, else the normalized name, else the label; no speaker, no key."""
        assert predicted_cluster(_pred("she", entity="e1")) == "entity:e1"
        assert predicted_cluster(_pred("Mr Beebe", "Mr. Beebe")) == "name:mr beebe"
        assert predicted_cluster(_pred("the Clergyman")) == "name:clergyman"
        assert predicted_cluster(Predicted(start=0, end=1, speech=True)) is None

    def test_scored_per_document_over_entities(self):
        """Two documents with the same predicted label are two clusters; datasets without
        entity gold get no B³."""
        def doc(i):
            sp = GoldSpeaker(kind="named", aliases=("Anna",), entity="anna")
            return GoldDocument(id=f"d{i}", dataset="t", text=TEXT, quotes=(
                GoldQuote(start=1, end=14, text=TEXT[1:14], speech=True, speaker=sp),))
        pred = [Predicted(start=1, end=14, speech=True, speaker_label="he")]
        r = score([doc(1), doc(2)], [pred, pred])
        assert r["b_cubed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "items": 2}
        assert score([gold_doc()], [perfect()])["b_cubed"] is None


class TestCalibration:
    def test_bins_and_targets(self):
        """Bins of width 0.1, 1.0 in the last; targets >= 0.9 (90%) and >= 0.5 (75%)."""
        items = [(0.95, True)] * 9 + [(1.0, False)] + [(0.7, True)] * 2 + [(0.7, False)] * 2 \
            + [(0.2, False)]
        r = calibration(items)
        last = r["bins"][-1]
        assert (last["quotes"], last["right"], last["accuracy"]) == (10, 9, 0.9)
        assert r["bins"][7]["accuracy"] == 0.5 and r["bins"][2]["quotes"] == 1
        assert r["bins"][0]["accuracy"] is None
        high, mid = r["targets"]
        assert high == {"threshold": 0.9, "target": 0.9, "quotes": 10, "accuracy": 0.9,
                        "met": True}
        assert mid["quotes"] == 14 and mid["accuracy"] == pytest.approx(11 / 14, abs=1e-4)
        assert mid["met"] is True
        assert calibration([(0.6, False), (0.6, True)])["targets"][1]["met"] is False

    def test_no_quotes_is_not_a_pass(self):
        r = calibration([(0.3, True)])
        assert r["targets"][0] == {"threshold": 0.9, "target": 0.9, "quotes": 0,
                                   "accuracy": None, "met": None}

    def test_scored_end_to_end(self):
        """A spurious quote and a wrong speaker are both wrong in their bin."""
        pred = [attrs.evolve(p, confidence=0.95) for p in perfect()]
        pred[2] = attrs.evolve(pred[2], speaker_label="he", speaker_name=None)
        pred.append(Predicted(start=33, end=38, speech=True, speaker_label="x",
                              confidence=0.95))
        r = score([gold_doc()], [pred])["calibration"]
        assert r["quotes"] == 3 and r["bins"][-1]["right"] == 1


def test_metrics_without_cases_are_none_and_shown_as_na(tmp_path):
    """No predicted quotes: precision None, not 0; the report prints n/a."""
    from benchmarks.report import _f, markdown

    r = score([gold_doc()], [[]])
    assert r["end_to_end"]["precision"] is None and r["end_to_end"]["recall"] == 0.0
    assert r["speaker_accuracy"] is None and r["unresolved_pronouns"]["share"] is None
    assert _f(None) == "n/a" and _f(0.0) == "0.000"
    r["speed"] = {"seconds": {"parse": 1.0, "attribute": 0.1}, "words": 10,
                  "words_per_second": 10.0}
    md = markdown({"date": "today", "machine": "here, 2 CPUs", "datasets": {"toy": {
        "documents": 1, "quotes": 3, "speech": 2, "words": 10}}, "messages": [],
        "systems": {"quoteattr": {"description": "x", "load_seconds": 1.0,
                                  "peak_rss_mb": 1.0, "curve": [], "datasets": {"toy": r}}}})
    row = next(line for line in md.splitlines() if line.startswith("| toy | quoteattr | 0.000"))
    assert "n/a" in row and "| toy | quoteattr | n/a | n/a | n/a | n/a |" in md  # B³


def test_litbank_original_reader(tmp_path):
    """The litbank-original format: content offsets, aliases, and `named` false for an entity
    with pronoun mentions only."""
    from benchmarks.datasets import DataMissing, load_litbank

    with pytest.raises(DataMissing, match="litbank"):
        load_litbank(tmp_path)
    folder = tmp_path / "datasets" / "quotes" / "litbank-original"
    folder.mkdir(parents=True)
    text = "“Hello,” said Anna.\n\n“Yes,” I said."
    (folder / "x.txt").write_text(text, encoding="utf-8")
    gold = {"id": "x", "text_file": "x.txt", "quotes": [
        {"start": 1, "end": 7, "text": "Hello,", "speech": True, "kind": "direct",
         "speaker": {"kind": "named", "name": "Anna", "entity": "Anna-0", "aliases": ["Anna"],
                     "mentions": [[14, 18, "PROP"]]}},
        {"start": 22, "end": 26, "text": "Yes,", "speech": True, "kind": "direct",
         "speaker": {"kind": "pronoun", "name": None, "entity": "I-1", "aliases": [],
                     "mentions": [[28, 29, "PRON"]]}}]}
    (folder / "x.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (doc,) = load_litbank(tmp_path)
    assert doc.dataset == "litbank" and not doc.nested and doc.text == text
    anna, narrator = (q.speaker for q in doc.quotes)
    assert anna.named and anna.mentions == ((14, 18),) and anna.entity == "Anna-0"
    assert not narrator.named
    bad = dict(gold, quotes=[dict(gold["quotes"][0], start=0)])
    (folder / "x.gold.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="does not match"):
        load_litbank(tmp_path)


def test_news_gold_reading():
    """NATO/GUM gold: name, aliases and descriptor name the speaker; gold with only a
    pronoun alias or none is unnamed (scored by its mention)."""
    from benchmarks.datasets import _speaker_from_json

    sp = _speaker_from_json({"kind": "anonymous", "descriptor": "a European diplomat",
                             "mention": [5, 25]})
    assert sp.aliases == ("a European diplomat",) and sp.named and sp.mentions == ((5, 25),)
    assert not _speaker_from_json({"kind": "pronoun", "aliases": ["the I"],
                                   "mention": [1, 2]}).named


def test_cached_parses_missing_say_so(tmp_path):
    from benchmarks.runner import parse_files

    doc = GoldDocument(id="d", dataset="litbank", text=TEXT, quotes=())
    with pytest.raises(FileNotFoundError, match="cache_parses"):
        parse_files(tmp_path, "litbank", [doc])


def test_quoteattr_scores_from_a_cached_parse(tmp_path):
    """--parses: the quoteattr system attributes a saved parse (no Stanza call) and refuses a
    parse of another text."""
    from conllu import parsed

    import quoteattr
    from benchmarks.systems import QuoteattrSystem
    from quoteattr.cache import save_parse

    text = "“It is over,” Reed said."
    spec = ("“|PUNCT|4|punct It|PRON|4|nsubj is|AUX|4|cop|be over|ADJ|8|ccomp ,|PUNCT|4|punct "
            "”|PUNCT|4|punct Reed|PROPN|8|nsubj said|VERB|0|root|say .|PUNCT|8|punct")
    path = tmp_path / "d.parse.json.gz"
    save_parse(parsed(text, spec), path)
    system = QuoteattrSystem()
    system.attributor = quoteattr.Attributor(models="bundled")
    (preds,), secs = system.predict_parsed([text], [path])
    (p,) = preds
    assert (text[p.start:p.end], p.speaker_label, p.speech) == ("It is over,", "Reed", True)
    assert p.confidence is not None and secs["parse"] == 0.0
    with pytest.raises(ValueError, match="another text"):
        system.predict_parsed([text + " More."], [path])


def test_report_from_cached_parses_has_no_speed_table():
    """With --parses the parse is not timed: no speed table, a note instead."""
    from benchmarks.report import markdown

    r = score([gold_doc()], [perfect()])
    r["speed"] = {"seconds": {"parse": 0.0, "attribute": 0.1}, "words": 10,
                  "words_per_second": 100.0}
    report = {"date": "today", "machine": "here, 2 CPUs", "datasets": {"toy": {
        "documents": 1, "quotes": 3, "speech": 2, "words": 10}}, "messages": [],
        "systems": {"quoteattr": {"description": "x", "load_seconds": 1.0,
                                  "peak_rss_mb": 1.0, "curve": [], "datasets": {"toy": r}}}}
    assert "## Speed and memory" in markdown(report)
    md = markdown(dict(report, parses="/work/parses"))
    assert "## Speed and memory" not in md and "`--parses`" in md
