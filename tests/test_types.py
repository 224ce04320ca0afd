"""Value types: validation, reprs and the JSON-safe dict round trip."""

from __future__ import annotations

import json

import attrs
import pytest

from quoteattr import Cue, Document, Quote, QuoteKind, Span, Speaker, SpeakerKind

TEXT = "“We are ready,” said Anna Berg, a spokeswoman."


def make_quote() -> Quote:
    return Quote(
        start=1, end=14, text=TEXT[1:14], kind="direct",
        speaker=Speaker(label="Anna Berg", name="Anna Berg", kind="named", title="spokeswoman",
                        organization=None, mention=Span.of(TEXT, 21, 30)),
        cue=Cue.of(TEXT, 16, 20), confidence=0.95, evidence=("cue-verb:governs", "subject"))


class TestQuote:
    def test_dict_round_trip(self):
        """from_dict(to_dict(q)) == q, through JSON."""
        q = make_quote()
        assert Quote.from_dict(json.loads(json.dumps(q.to_dict()))) == q

    def test_dict_keys_are_the_contract(self):
        """to_dict has exactly the documented keys."""
        d = make_quote().to_dict()
        assert list(d) == ["start", "end", "text", "kind", "speaker", "cue", "confidence",
                           "evidence"]
        # "entity" (the entity layer) was added after the original keys, which are unchanged
        assert list(d["speaker"]) == ["label", "name", "kind", "title", "organization",
                                      "mention", "entity"]
        assert d["speaker"]["mention"] == {"start": 21, "end": 30, "text": "Anna Berg"}
        assert d["cue"] == {"start": 16, "end": 20, "text": "said"}
        assert d["kind"] == "direct" and d["speaker"]["kind"] == "named"

    def test_round_trip_without_speaker(self):
        """A non-speech quote round-trips with null speaker and cue."""
        q = Quote(start=0, end=3, text="abc", kind=QuoteKind.NONSPEECH, evidence=("x",))
        assert q.to_dict()["speaker"] is None
        assert Quote.from_dict(q.to_dict()) == q

    def test_frozen(self):
        """Quotes are immutable; attrs.evolve makes changed copies."""
        q = make_quote()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            q.start = 3  # type: ignore[misc]
        assert attrs.evolve(q, confidence=0.5).confidence == 0.5

    def test_text_must_match_span_length(self):
        """A span whose text does not fit its offsets is rejected."""
        with pytest.raises(ValueError, match="characters"):
            Quote(start=0, end=5, text="abc", kind="direct")

    @pytest.mark.parametrize("kwargs, match", [
        (dict(start=3, end=1, text=""), "end"),
        (dict(start=-1, end=1, text="ab"), ">= 0"),
    ])
    def test_bad_offsets(self, kwargs, match):
        """Negative or reversed offsets are rejected."""
        with pytest.raises(ValueError, match=match):
            Quote(kind="direct", **kwargs)

    def test_confidence_range(self):
        """Confidence outside [0, 1] is rejected."""
        with pytest.raises(ValueError, match="confidence"):
            Quote(start=0, end=1, text="a", kind="direct", confidence=1.5)

    def test_unknown_kind(self):
        """Kinds are an enum: an unknown value is a ValueError."""
        with pytest.raises(ValueError):
            Quote(start=0, end=1, text="a", kind="speech")

    def test_repr_is_readable(self):
        """The repr shows offsets, kind, text and speaker."""
        r = repr(make_quote())
        assert r.startswith("Quote(1:14 direct 'We are ready,'")
        assert "Speaker('Anna Berg', named, title='spokeswoman')" in r


class TestDocument:
    def test_round_trip_and_groups(self):
        """A Document round-trips and groups quotes by speaker."""
        q = make_quote()
        doc = Document(text=TEXT, quotes=(q,), id="a", models="bundled")
        assert Document.from_dict(doc.to_dict()) == doc
        assert doc.speakers() == {"Anna Berg": (q,)}
        assert doc.speech == (q,)
        assert "1 quotes, 1 speech, 1 speakers" in repr(doc)

    def test_records_without_pandas(self):
        """to_records gives one flat dict per quote."""
        doc = Document(text=TEXT, quotes=(make_quote(),), id="a")
        (row,) = doc.to_records()
        assert row["speaker_label"] == "Anna Berg" and row["cue"] == "said"
        assert row["doc_id"] == "a" and row["speaker_start"] == 21
        from quoteattr.export import RECORD_COLUMNS

        assert tuple(row) == RECORD_COLUMNS  # the DataFrame's columns are the records' keys


def test_enums_are_strings():
    """Kinds compare and serialize as their values."""
    assert QuoteKind("partial") is QuoteKind.PARTIAL
    assert str(SpeakerKind.ANONYMOUS) == "anonymous"
