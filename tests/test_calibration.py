"""Calibrated confidence: the decider of a quote and the table that sets its confidence."""

from __future__ import annotations

from conllu import parsed
from test_rules import LONE_TURN, LONE_TURN_PARSE, TWO_MEN, TWO_MEN_PARSE

from quoteattr.attribution import AttributionOptions, attribute_quotes
from quoteattr.attribution.calibration import (
    RANKED,
    TURN_RANKED,
    Calibration,
    calibrate,
    decider,
    load_calibration,
)
from quoteattr.spans import find_quote_spans

SAID = "Smith said “We will win.”"
SAID_PARSE = ["Smith|PROPN|2|nsubj said|VERB|0|root|say “|PUNCT|6|punct We|PRON|6|nsubj "
              "will|AUX|6|aux win|VERB|2|ccomp .|PUNCT|6|punct ”|PUNCT|6|punct"]


def _raw(text, sentences):
    return list(attribute_quotes(text, find_quote_spans(text), parsed(text, *sentences),
                                 AttributionOptions(calibrated=False)))


class TestDecider:
    def test_a_cue_naming_a_person(self):
        """"Smith said “…”": decided by the cue, on a named mention."""
        assert decider(_raw(SAID, SAID_PARSE)[0]) == "cue|speaker:named"

    def test_a_turn_the_turn_ranker_chose(self):
        """A turn no rule names a speaker for: the turn ranker's decider."""
        assert decider(_raw(LONE_TURN, LONE_TURN_PARSE)[0]) == TURN_RANKED

    def test_a_pronoun_the_ranker_resolved(self):
        """"“…,” he said" with two men in reach: the ranker's decider."""
        assert decider(_raw(TWO_MEN, TWO_MEN_PARSE)[0]) == RANKED


class TestCalibrate:
    def test_the_deciders_accuracy_becomes_the_confidence(self):
        """A table entry replaces the rules' number; a decider not in it keeps it."""
        q = _raw(SAID, SAID_PARSE)[0]
        assert calibrate([q], Calibration({"cue|speaker:named": 0.8}))[0].confidence == 0.8
        assert calibrate([q], Calibration({}))[0].confidence == q.confidence == 0.95

    def test_the_rankers_probability_goes_through_the_line(self):
        """Where the ranker decided, its confidence maps through a + b x confidence."""
        q = _raw(TWO_MEN, TWO_MEN_PARSE)[0]
        out = calibrate([q], Calibration({RANKED: 0.1}, lines={RANKED: (0.1, 0.5)}))[0]
        assert out.confidence == round(0.1 + 0.5 * q.confidence, 3)

    def test_a_copied_speaker_is_no_surer_than_its_source(self):
        """“We will win,” Smith said. “We will go.” (one paragraph): the second quote copies
        the first one's speaker, so its confidence is at most the first one's, however
        sure its own decider is; a cue's quote is not capped."""
        text = "“We will win,” Smith said. “We will go.”"
        quotes = _raw(text, [
            "“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux win|VERB|8|ccomp ,|PUNCT|4|punct "
            "”|PUNCT|4|punct Smith|PROPN|8|nsubj said|VERB|0|root|say .|PUNCT|8|punct",
            "“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux go|VERB|0|root .|PUNCT|4|punct "
            "”|PUNCT|4|punct"])
        first, second = (decider(q) for q in quotes)
        assert first == "cue|speaker:named"
        assert second.startswith("inherited:previous-quote-in-paragraph|"), second
        out = calibrate(quotes, Calibration({first: 0.6, second: 0.95}))
        assert [q.confidence for q in out] == [0.6, 0.6]
        out = calibrate(quotes, Calibration({first: 0.97, second: 0.9}))
        assert [q.confidence for q in out] == [0.97, 0.9]

    def test_the_shipped_table_says_what_it_was_fit_on(self):
        """The data file has an accuracy between 0 and 1 per decider, and its provenance."""
        table = load_calibration()
        assert table is not None and table.accuracy
        assert all(0.0 <= a <= 1.0 for a in table.accuracy.values())
        assert set(table.provenance["data"]) == {"litbank", "gum-news"}


class TestFit:
    """`training.calibration.fit`: a decider's accuracy is counted by document."""

    @staticmethod
    def _items(runs):
        """Items of one decider from ``{document: (right, quotes)}``."""
        return [{"dataset": "litbank", "doc": doc, "key": "cue|speaker:named",
                 "confidence": 0.95, "right": k < right}
                for doc, (right, n) in runs.items() for k in range(n)]

    def test_each_document_counts_once(self):
        """Nine documents right 2 of 2 and one document wrong 0 of 12: by quote the decider
        is right 18 of 30 (0.6); by document nine of ten documents are all right (0.9), and
        the prior (documents at the overall accuracy) pulls that toward 0.6."""
        from training.calibration import fit

        runs = {f"d{k}": (2, 2) for k in range(9)} | {"bad": (0, 12)}
        cal, table = fit(self._items(runs), prior=0.0)
        assert cal.accuracy["cue|speaker:named"] == 0.9
        assert table["cue|speaker:named"] == {"accuracy": 0.9, "right": 18, "quotes": 30,
                                              "documents": 10}
        cal4, _ = fit(self._items(runs), prior=4.0)
        assert cal4.accuracy["cue|speaker:named"] == round((9 * 1.0 + 4 * 0.6) / 14, 4)
