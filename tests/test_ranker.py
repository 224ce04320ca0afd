"""The learned speaker-pronoun ranker: its candidates, features, softmax and shipped weights."""

from __future__ import annotations

import math

import pytest
from conllu import parsed
from test_rules import TWO_MEN, TWO_MEN_PARSE

from quoteattr.attribution import AttributionOptions, attribute_quotes
from quoteattr.attribution import ranker as rk
from quoteattr.attribution.base import Memory
from quoteattr.attribution.pronouns import agreeing_antecedents, candidate_antecedents
from quoteattr.speaker_kinds import EntityIndex
from quoteattr.spans import find_quote_spans


def _candidates(addressed=(), spoken_of=(), rule_choice=None):
    doc = parsed(TWO_MEN, *TWO_MEN_PARSE)
    index = EntityIndex(doc)
    spans = find_quote_spans(TWO_MEN)
    ante = candidate_antecedents(doc, index, spans.paragraphs,
                                 [(s.start, s.end) for s in spans.spans])
    he = next(w.index for w in doc.words if w.text == "he")
    agreeing = agreeing_antecedents(doc, he, ante, index, 0)
    return rk.candidates_of(doc, he, agreeing, index, Memory().view(), 0, set(addressed),
                            set(spoken_of), rule_choice)


def _value(c: rk.Candidate, name: str) -> float:
    return c.values[rk.FEATURES.index(name)]


def _model(**weights: float) -> rk.RankerModel:
    return rk.RankerModel(rk.FEATURES, tuple(weights.get(f, 0.0) for f in rk.FEATURES))


class TestCandidates:
    def test_one_candidate_per_person_latest_first(self):
        """Sam (named twice) and Tom are the persons; Sam, the latest, comes first."""
        cands = _candidates()
        assert [c.key for c in cands] == ["sam", "tom"]
        sam, tom = cands
        assert _value(sam, "nearest") == 1.0 and _value(tom, "nearest") == 0.0
        assert _value(tom, "recency") == 0.5
        assert _value(sam, "mentions") == pytest.approx(math.log(3))
        assert _value(tom, "mentions") == pytest.approx(math.log(2))
        assert _value(sam, "subject") == 1.0  # "Sam smiled"
        assert _value(tom, "sentences_back") == pytest.approx(2 / 12)

    def test_addressed_and_spoken_of_are_no_candidates(self):
        """Whom the quote addresses or speaks of in the third person is left out."""
        assert [c.key for c in _candidates(addressed={"sam"})] == ["tom"]
        assert [c.key for c in _candidates(spoken_of={"tom"})] == ["sam"]


class TestRanking:
    def test_softmax_over_the_candidates(self):
        """A model against the nearest person picks Tom, with e^0 / (e^0 + e^-1)."""
        best, p = rk.rank_antecedents(_candidates(), _model(nearest=-1.0))
        assert best.key == "tom"
        assert p == pytest.approx(1 / (1 + math.exp(-1)))

    def test_one_person_is_left_to_the_rules(self):
        """With fewer than two persons the ranker decides nothing."""
        assert rk.rank_antecedents(_candidates(addressed={"sam"}), _model(nearest=1.0)) is None

    def test_the_shipped_weights_name_their_features_and_data(self):
        """The data file has one weight per feature and says what it was trained on."""
        model = rk.load_model()
        assert model is not None and model.features == rk.FEATURES
        assert len(model.weights) == len(rk.FEATURES)
        assert "litbank" in model.provenance["data"]
        assert "cross_validation" in model.provenance

    def test_its_probability_is_the_speaker_factor(self):
        """Where it decides, the rules' confidence is the cue's strength (0.95) times its
        probability, and explain shows the rule."""
        doc = parsed(TWO_MEN, *TWO_MEN_PARSE)
        q = attribute_quotes(TWO_MEN, find_quote_spans(TWO_MEN), doc,
                             AttributionOptions(explain=True, calibrated=False))[0]
        assert "resolved:ranked" in q.evidence and q.speaker.name == "Sam"
        sam = _candidates()[0].described  # the hand-set choice (nearest named subject)
        _, p = rk.rank_antecedents(_candidates(rule_choice=sam))
        assert q.confidence == round(0.95 * p, 3)


def test_antecedents_of_a_paragraph_range():
    """antecedents_in gives the noun-phrase antecedents of paragraphs first..last, in text
    order (narration pronouns taken for someone left out)."""
    from types import SimpleNamespace

    items = [SimpleNamespace(paragraph=p, n=n, via_pronoun=n == 3)
             for n, p in enumerate([0, 0, 1, 2, 2, 3])]
    assert [a.n for a in rk.antecedents_in(items, 1, 2)] == [2, 4]
    assert [a.n for a in rk.antecedents_in(items, -3, 0)] == [0, 1]
    assert list(rk.antecedents_in(items, 4, 6)) == []
