"""Value types: validation, reprs and the JSON-safe dict round trip."""

from __future__ import annotations

import json

import attrs
import pytest

from quoteattr import Cue, Document, Quote, QuoteKind, Span, Speaker, SpeakerKind
from quoteattr.errors import InvalidRecordError

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
        assert doc.speakers == {"Anna Berg": (q,)}
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


# -- issue 19, item 7: records are validated, never coerced ----------------------------------

def _quote_record() -> dict:
    return make_quote().to_dict()


class TestRecordValidation:
    @pytest.mark.parametrize("key", ["start", "end", "text", "kind"])
    def test_missing_required_key_names_it(self, key):
        """A required key missing from a Quote record is an InvalidRecordError naming it,
        not a bare KeyError."""
        record = _quote_record()
        del record[key]
        with pytest.raises(InvalidRecordError, match=rf"^Quote\.{key}: missing") as info:
            Quote.from_dict(record)
        assert info.value.field == key and isinstance(info.value, ValueError)

    @pytest.mark.parametrize("path, value, match", [
        (("start",), True, r"Quote\.start: must be an int >= 0, not bool True"),
        (("start",), "1", r"Quote\.start: must be an int >= 0, not str"),
        (("end",), 14.0, r"Quote\.end: must be an int >= 0, not float"),
        (("text",), None, r"Quote\.text: must be a str, not NoneType"),
        (("kind",), None, r"Quote\.kind: None is not a QuoteKind"),
        (("confidence",), "0.9", r"Quote\.confidence: confidence must be a number, not str"),
        (("confidence",), True, r"Quote\.confidence: confidence must be a number, not bool"),
        (("evidence",), "abc", r"Quote\.evidence: evidence must be a tuple or list, not str"),
        (("evidence",), [1, 2], r"Quote\.evidence\[0\]: must be a str, not int"),
        (("speaker", "label"), None, r"Quote\.speaker\.label: must be a str, not NoneType"),
        (("speaker", "name"), 3, r"Quote\.speaker\.name: must be a str or None, not int"),
        (("speaker", "kind"), "boss", r"Quote\.speaker\.kind: 'boss' is not a SpeakerKind"),
        (("speaker", "mention", "start"), False,
         r"Quote\.speaker\.mention\.start: must be an int >= 0, not bool"),
        (("speaker", "mention"), "Anna", r"Quote\.speaker\.mention: a Span record must be a "
                                         "mapping"),
        (("cue", "text"), b"said", r"Quote\.cue\.text: must be a str, not bytes"),
    ])
    def test_wrong_types_name_the_field_and_are_not_coerced(self, path, value, match):
        """A wrong type anywhere in a Quote record is an error naming its path: label=None
        is not "None", evidence="abc" is not ('a', 'b', 'c'), start=True is not 1."""
        record = _quote_record()
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(InvalidRecordError, match=match):
            Quote.from_dict(record)

    def test_old_records_without_optional_keys_load(self):
        """Records written before the optional keys existed still load, with defaults."""
        q = Quote.from_dict({"start": 0, "end": 3, "text": "abc", "kind": "direct"})
        assert q.speaker is None and q.cue is None and q.confidence == 0.0 and q.evidence == ()
        sp = Speaker.from_dict({"label": "she", "kind": "pronoun",
                                "mention": {"start": 0, "end": 3, "text": "she"}})
        assert sp.name is None and sp.title is None and sp.organization is None
        doc = Document.from_dict({"text": "abc"})
        assert doc.quotes == () and doc.id is None and doc.models is None

    def test_integer_confidence_is_a_number(self):
        """JSON may write confidence 1.0 as 1: an int is a number, kept as float."""
        record = _quote_record()
        record["confidence"] = 1
        assert Quote.from_dict(record).confidence == 1.0

    def test_document_record_errors_give_the_path(self):
        """A bad quote inside a Document record is named by its position."""
        doc = Document(text=TEXT, quotes=(make_quote(),)).to_dict()
        doc["quotes"] = [doc["quotes"][0], dict(doc["quotes"][0], kind="speech")]
        with pytest.raises(InvalidRecordError, match=r"^Document\.quotes\[1\]\.kind: 'speech'"):
            Document.from_dict(doc)
        with pytest.raises(InvalidRecordError, match=r"^Document\.text: missing"):
            Document.from_dict({"quotes": []})
        with pytest.raises(InvalidRecordError, match=r"^Document\.quotes: quotes must be a tuple"):
            Document.from_dict({"text": "x", "quotes": "abc"})
        with pytest.raises(InvalidRecordError, match=r"^Document: a Document record must be"):
            Document.from_dict(["text"])

    def test_direct_construction_is_validated_too(self):
        """The same checks apply to Quote(...), Speaker(...) and Document(...)."""
        with pytest.raises(TypeError, match=r"Quote\.start: must be an int"):
            Quote(start=True, end=1, text="a", kind="direct")
        with pytest.raises(TypeError, match="evidence must be a tuple or list"):
            Quote(start=0, end=1, text="a", kind="direct", evidence="abc")
        with pytest.raises(TypeError, match=r"Speaker\.label: must be a str"):
            Speaker(label=None, kind="named", mention=Span.of("a", 0, 1))
        with pytest.raises(TypeError, match=r"Document\.quotes\[0\]: must be a Quote"):
            Document(text="abc", quotes=[{"start": 0}])

    def test_document_rejects_quotes_of_another_text(self):
        """Document(text=..., quotes=...) refuses a quote whose offsets do not index the
        text (text[q.start:q.end] != q.text)."""
        q = make_quote()
        with pytest.raises(InvalidRecordError, match=r"Document\.quotes\[0\]: .*another text"):
            Document(text="x" * len(TEXT), quotes=(q,))
        with pytest.raises(InvalidRecordError, match=r"Document\.quotes\[0\]"):
            Document(text=TEXT[:5], quotes=(q,))  # offsets past the end
        assert Document(text=TEXT, quotes=(q,)).quotes == (q,)
