"""Value types: frozen attrs classes with character offsets into the caller's original string.

Every span follows one convention: ``start`` inclusive, ``end`` exclusive, offsets into the text
the caller passed in, and ``text == original[start:end]``. ``to_dict``/``from_dict`` give the
JSON-safe form documented in the README (a stable contract: new keys may be added, none renamed).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from quoteattr.errors import InvalidRecordError

__all__ = [
    "Cue",
    "Diagnostic",
    "Document",
    "Entity",
    "Quote",
    "QuoteKind",
    "Span",
    "Speaker",
    "SpeakerKind",
]


class QuoteKind(str, enum.Enum):
    """What a quoted span is."""

    #: A full utterance in quotation marks ("We are in a kind of waiting mode," one diplomat noted).
    DIRECT = "direct"
    #: A fragment of speech inside the reporter's own sentence (described it as a "strong signal").
    PARTIAL = "partial"
    #: Quotation marks that do not report speech: scare quotes, names of plans, titles, terms.
    NONSPEECH = "nonspeech"
    #: Reserved for reported speech without quotation marks.
    INDIRECT = "indirect"

    def __str__(self) -> str:
        return self.value


class SpeakerKind(str, enum.Enum):
    """What kind of source a speaker is."""

    #: A person named in the text ("Mark Rutte", "Rutte").
    NAMED = "named"
    #: A person known by a role only ("the U.S. ambassador to NATO").
    TITLED = "titled"
    #: An unnamed source ("one NATO diplomat", "two people familiar with the talks").
    ANONYMOUS = "anonymous"
    #: An organization or place speaking as one ("the Kremlin", "the association").
    ORGANIZATION = "organization"
    #: A pronoun that could not be resolved to a mention of another kind.
    PRONOUN = "pronoun"

    def __str__(self) -> str:
        return self.value


def _tuple(items: Any, name: str = "value") -> tuple:
    """A list or other iterable as a tuple; a str is refused (it would become a tuple of
    characters)."""
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise TypeError(f"{name} must be a tuple or list, not {type(items).__name__} "
                        f"{items!r:.60}")
    return tuple(items)


def _tuple_of(name: str) -> Any:
    """attrs converter for the tuple field ``name`` (its error names the field)."""
    def convert(items: Any) -> tuple:
        return _tuple(items, name)
    return convert


def _bad(instance: Any, attribute: attrs.Attribute, problem: str) -> InvalidRecordError:
    return InvalidRecordError(type(instance).__name__, attribute.name, problem)


def _what(value: Any) -> str:
    return f"{type(value).__name__} {value!r:.60}"


def _check_span(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    """An offset: an int >= 0 (a bool or a float is refused, not coerced)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(instance, attribute, f"must be an int >= 0, not {_what(value)}")
    if value < 0:
        raise _bad(instance, attribute, f"must be >= 0, got {value}")


def _check_str(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not isinstance(value, str):
        raise _bad(instance, attribute, f"must be a str, not {_what(value)}")


def _check_optional_str(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise _bad(instance, attribute, f"must be a str or None, not {_what(value)}")


def _check_items(kind: type) -> Any:
    """attrs validator: every item of a tuple field is a ``kind``."""
    def check(instance: Any, attribute: attrs.Attribute, value: tuple) -> None:
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidRecordError(type(instance).__name__, f"{attribute.name}[{i}]",
                                         f"must be a {kind.__name__}, not {_what(item)}")
    return check


def _optional(kind: type) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise _bad(instance, attribute, f"must be a {kind.__name__} or None, not "
                       f"{_what(value)}")
    return check


def _instance(kind: type) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if not isinstance(value, kind):
            raise _bad(instance, attribute, f"must be a {kind.__name__}, not {_what(value)}")
    return check


def _to_float(value: Any) -> float:
    """attrs converter for confidence: a number (int or float), never a bool or a str."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"confidence must be a number, not {_what(value)}")
    return float(value)


def _enum(kind: type[enum.Enum]) -> Any:
    """attrs converter to ``kind`` whose error lists the values."""
    def convert(value: Any) -> Any:
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(k.value) for k in kind)
            raise ValueError(f"{value!r} is not a {kind.__name__} (one of {allowed})") from None
    return convert


def _field(data: Any, key: str, record: str, required: bool = True, default: Any = None) -> Any:
    """``data[key]`` of a record, with an error naming the field when it is missing."""
    if not isinstance(data, Mapping):
        raise InvalidRecordError(record, "", f"a {record} record must be a mapping (the dict "
                                 f"to_dict() gives), not {_what(data)}")
    if key in data:
        return data[key]
    if required:
        raise InvalidRecordError(record, key, "missing (a required key)")
    return default


def _converted(record: str, key: str, convert: Any, value: Any) -> Any:
    """``convert(value)`` for a record's field, with an error naming the field."""
    try:
        return convert(value)
    except (TypeError, ValueError) as exc:
        raise InvalidRecordError(record, key, str(exc)) from None


def _check_order(instance: Any) -> None:
    record = type(instance).__name__
    if instance.end < instance.start:
        raise InvalidRecordError(record, "end", f"end ({instance.end}) < start ({instance.start})")
    if len(instance.text) != instance.end - instance.start:
        raise InvalidRecordError(
            record, "text", f"text has {len(instance.text)} characters but the span covers "
            f"{instance.end - instance.start}"
        )


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of the original text."""

    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)
    text: str = attrs.field(validator=_check_str)

    def __attrs_post_init__(self) -> None:
        _check_order(self)

    @classmethod
    def of(cls, text: str, start: int, end: int):
        """The span ``text[start:end]`` (of this class: ``Cue.of`` gives a Cue)."""
        return cls(start=start, end=end, text=text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):
        """Rebuild from `to_dict` output; an InvalidRecordError names a bad field."""
        name = cls.__name__
        return cls(start=_field(data, "start", name), end=_field(data, "end", name),
                   text=_field(data, "text", name))

    def __repr__(self) -> str:
        return f"Span({self.start}:{self.end} {self.text!r})"


@attrs.frozen(kw_only=True)
class Cue(Span):
    """The words that attribute a quote: a reporting verb ("said"), "according to", a colon or
    dash. Offsets as in `Span` (``Cue.of`` and ``Cue.from_dict`` come from it)."""

    def __repr__(self) -> str:
        return f"Cue({self.start}:{self.end} {self.text!r})"


# attrs converters as named functions (mypy's attrs plugin types __init__ from them)
def _to_speaker_kind(value: Any) -> SpeakerKind:
    return _enum(SpeakerKind)(value)


def _to_quote_kind(value: Any) -> QuoteKind:
    return _enum(QuoteKind)(value)


def _to_mentions(items: Any) -> tuple:
    return _tuple(items, "mentions")


def _to_evidence(items: Any) -> tuple:
    return _tuple(items, "evidence")


def _to_quotes(items: Any) -> tuple:
    return _tuple(items, "quotes")


def _to_diagnostics(items: Any) -> tuple:
    return _tuple(items, "diagnostics")


def _to_entities(items: Any) -> tuple:
    return _tuple(items, "entities")


@attrs.frozen(kw_only=True)
class Speaker:
    """Who said a quote.

    Attributes:
        label: how to show the speaker: the name for a named person, else the phrase as written
            ("one NATO diplomat", "the Kremlin").
        name: the person's best full name in the document (named speakers only).
        kind: a [SpeakerKind][quoteattr.SpeakerKind].
        title: the role the text gives ("U.S. ambassador to NATO", "NATO chief").
        organization: the organization the speaker speaks for, when the text says.
        mention: the mention in the attributing sentence (for a pronoun, the pronoun itself).
        entity: the id of the [Entity][quoteattr.Entity] this speaker is (``Document.entities``), or None
            where no entity layer ran (no parse).
    """

    label: str = attrs.field(validator=_check_str)
    kind: SpeakerKind = attrs.field(converter=_to_speaker_kind)
    mention: Span = attrs.field(validator=_instance(Span))
    name: str | None = attrs.field(default=None, validator=_check_optional_str)
    title: str | None = attrs.field(default=None, validator=_check_optional_str)
    organization: str | None = attrs.field(default=None, validator=_check_optional_str)
    entity: str | None = attrs.field(default=None, validator=_check_optional_str)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "name": self.name,
            "kind": self.kind.value,
            "title": self.title,
            "organization": self.organization,
            "mention": self.mention.to_dict(),
            "entity": self.entity,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        """Rebuild from `to_dict` output (``name``, ``title`` and ``organization`` may
        be absent); an InvalidRecordError names a missing or bad field."""
        try:
            mention = Span.from_dict(_field(data, "mention", "Speaker"))
        except InvalidRecordError as exc:
            raise exc.inside("Speaker", "mention") from None
        return cls(
            label=_field(data, "label", "Speaker"),
            name=_field(data, "name", "Speaker", required=False),
            kind=_converted("Speaker", "kind", _enum(SpeakerKind),
                            _field(data, "kind", "Speaker")),
            title=_field(data, "title", "Speaker", required=False),
            organization=_field(data, "organization", "Speaker", required=False),
            mention=mention,
            entity=_field(data, "entity", "Speaker", required=False),
        )

    def __repr__(self) -> str:
        extra = "".join(
            f", {k}={v!r}" for k, v in (("title", self.title), ("organization", self.organization)) if v
        )
        return f"Speaker({self.label!r}, {self.kind.value}{extra})"


#: The genders an [Entity][quoteattr.Entity] can have: what the text says of it, nothing guessed.
ENTITY_GENDERS = ("male", "female", "plural", "unknown")


def _check_gender(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if value not in ENTITY_GENDERS:
        raise InvalidRecordError(type(instance).__name__, attribute.name,
                                 f"must be one of {ENTITY_GENDERS}, not {value!r}")


@attrs.frozen(kw_only=True)
class Entity:
    """One person, organization or source in a document: every mention the text makes of it.

    Attributes:
        id: stable within the document, in order of first mention ("e1", "e2", ...).
        name: the best name as written, honorific kept ("Miss Bartlett", "Mark Rutte"); for an
            unnamed source the description ("a European diplomat"); for a first-person
            narrator the name the text gives or "the narrator".
        kind: a [SpeakerKind][quoteattr.SpeakerKind] (``named`` for a narrator the text names).
        title: the role the text gives ("U.S. ambassador to NATO").
        organization: the organization it speaks for, when the text says.
        gender: "male", "female", "plural" or "unknown": only from the pronouns, honorifics
            and gendered nouns the text uses for it, never guessed from a first name.
        mentions: the character spans of every mention linked to it, in text order.
    """

    id: str = attrs.field(validator=_check_str)
    name: str = attrs.field(validator=_check_str)
    kind: SpeakerKind = attrs.field(converter=_to_speaker_kind)
    title: str | None = attrs.field(default=None, validator=_check_optional_str)
    organization: str | None = attrs.field(default=None, validator=_check_optional_str)
    gender: str = attrs.field(default="unknown", validator=_check_gender)
    mentions: tuple[Span, ...] = attrs.field(default=(), converter=_to_mentions,
                                             validator=_check_items(Span))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "title": self.title,
            "organization": self.organization,
            "gender": self.gender,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        """Rebuild from `to_dict` output; an InvalidRecordError names a missing or bad field."""
        raw = _converted("Entity", "mentions", _tuple_of("mentions"),
                         _field(data, "mentions", "Entity", required=False, default=()))
        mentions = []
        for i, record in enumerate(raw):
            try:
                mentions.append(Span.from_dict(record))
            except InvalidRecordError as exc:
                raise exc.inside("Entity", f"mentions[{i}]") from None
        return cls(
            id=_field(data, "id", "Entity"),
            name=_field(data, "name", "Entity"),
            kind=_converted("Entity", "kind", _enum(SpeakerKind), _field(data, "kind", "Entity")),
            title=_field(data, "title", "Entity", required=False),
            organization=_field(data, "organization", "Entity", required=False),
            gender=_field(data, "gender", "Entity", required=False, default="unknown"),
            mentions=tuple(mentions),
        )

    def __repr__(self) -> str:
        return f"Entity({self.id} {self.name!r}, {self.kind.value}, {len(self.mentions)} mentions)"


@attrs.frozen(kw_only=True)
class Quote:
    """One quoted span and its attribution.

    ``text`` is the content inside the quotation marks, ``original[start:end]``. ``speaker`` is
    None for non-speech and for speech with no defensible speaker; ``evidence`` then says why.
    ``confidence`` is in [0, 1]: for speech with a speaker, how often quotes decided the same
    way had the right speaker on development data (`quoteattr.attribution.calibration`; see
    the glossary); ``evidence`` lists the rules that decided, in order.
    """

    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)
    text: str = attrs.field(validator=_check_str)
    kind: QuoteKind = attrs.field(converter=_to_quote_kind)
    speaker: Speaker | None = attrs.field(default=None, validator=_optional(Speaker))
    cue: Cue | None = attrs.field(default=None, validator=_optional(Cue))
    confidence: float = attrs.field(default=0.0, converter=_to_float)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_to_evidence,
                                            validator=_check_items(str))

    def __attrs_post_init__(self) -> None:
        _check_order(self)
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidRecordError("Quote", "confidence",
                                     f"confidence must be in [0, 1], got {self.confidence}")

    @property
    def is_speech(self) -> bool:
        """True for direct, partial and indirect speech."""
        return self.kind is not QuoteKind.NONSPEECH

    def to_dict(self) -> dict[str, Any]:
        """The JSON-safe form: ``start``, ``end``, ``text``, ``kind``, ``speaker``, ``cue``,
        ``confidence``, ``evidence``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind.value,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        """Rebuild a Quote from `to_dict` output (unknown keys are ignored; ``speaker``,
        ``cue``, ``confidence`` and ``evidence`` may be absent). Values are checked, never
        coerced: an InvalidRecordError (a ValueError and a TypeError) names the field."""
        speaker = cue = None
        try:
            raw = _field(data, "speaker", "Quote", required=False)
            speaker = Speaker.from_dict(raw) if raw is not None else None
        except InvalidRecordError as exc:
            raise exc.inside("Quote", "speaker") from None
        try:
            raw = _field(data, "cue", "Quote", required=False)
            cue = Cue.from_dict(raw) if raw is not None else None
        except InvalidRecordError as exc:
            raise exc.inside("Quote", "cue") from None
        return cls(
            start=_field(data, "start", "Quote"),
            end=_field(data, "end", "Quote"),
            text=_field(data, "text", "Quote"),
            kind=_converted("Quote", "kind", _enum(QuoteKind), _field(data, "kind", "Quote")),
            speaker=speaker,
            cue=cue,
            confidence=_converted("Quote", "confidence", _to_float,
                                  _field(data, "confidence", "Quote", required=False,
                                         default=0.0)),
            evidence=_converted("Quote", "evidence", _tuple_of("evidence"),
                                _field(data, "evidence", "Quote", required=False, default=())),
        )

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 50 else self.text[:47] + "..."
        who = f" <- {self.speaker!r}" if self.speaker else ""
        return f"Quote({self.start}:{self.end} {self.kind.value} {text!r}{who})"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something odd in the input that was handled, not raised: an unbalanced quotation mark,
    a paragraph skipped, a quote whose marks were ambiguous. ``start``/``end`` locate it."""

    code: str = attrs.field(validator=_check_str)
    message: str = attrs.field(validator=_check_str)
    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnostic:
        return cls(code=_field(data, "code", "Diagnostic"),
                   message=_field(data, "message", "Diagnostic"),
                   start=_field(data, "start", "Diagnostic"), end=_field(data, "end", "Diagnostic"))


class _SpeakerGroups(dict):
    """``Document.speakers``: a plain dict that may still be called the old way, with a
    DeprecationWarning (``speakers`` was a method while ``speech`` was a property)."""

    def __call__(self) -> dict[str, tuple[Quote, ...]]:
        import warnings

        warnings.warn("Document.speakers is a property now: write doc.speakers, not "
                      "doc.speakers()", DeprecationWarning, stacklevel=2)
        return self


@attrs.frozen(kw_only=True)
class Document:
    """The result of attributing one text.

    Attributes:
        text: the caller's original string.
        quotes: every quoted span in text order, speech and non-speech.
        diagnostics: odd input that was handled (unbalanced marks and the like).
        id: the caller's id for this input, if any (``Attributor.pipe`` sets it).
        models: where the parse came from ("bundled: ...", "official: ...", "stanza document").
        entities: the people, organizations and sources of the document (see
            [Entity][quoteattr.Entity]); each speaker's ``entity`` is one of their ids.
    """

    text: str = attrs.field(validator=_check_str)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_to_quotes,
                                            validator=_check_items(Quote))
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), converter=_to_diagnostics,
                                                      validator=_check_items(Diagnostic))
    id: str | None = attrs.field(default=None, validator=_check_optional_str)
    models: str | None = attrs.field(default=None, validator=_check_optional_str)
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_to_entities,
                                               validator=_check_items(Entity))

    @quotes.validator
    def _quotes_index_the_text(self, attribute: attrs.Attribute, quotes: tuple) -> None:
        for i, q in enumerate(quotes):
            if self.text[q.start:q.end] != q.text:
                raise InvalidRecordError(
                    "Document", f"quotes[{i}]", f"text[{q.start}:{q.end}] is "
                    f"{self.text[q.start:q.end]!r:.60}, not the quote's text {q.text!r:.60}: "
                    "the quote belongs to another text")

    def __iter__(self) -> Iterator[Quote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    @property
    def speech(self) -> tuple[Quote, ...]:
        """The quotes that report speech."""
        return tuple(q for q in self.quotes if q.is_speech)

    @property
    def speakers(self) -> dict[str, tuple[Quote, ...]]:
        """Speech quotes grouped by speaker, in text order: by entity where the document has
        entities (keyed by the entity's name; a second entity of the same name, such as a
        second "a European diplomat", is keyed "a European diplomat (e4)"), else by speaker
        (name for named people, else label).

        A property, like ``speech``. The old call ``doc.speakers()`` still works and warns
        (DeprecationWarning).
        """
        if self.entities:
            by_id = self.quotes_by_entity()
            out: dict[str, tuple[Quote, ...]] = {}
            for e in self.entities:
                if e.id in by_id:
                    out[e.name if e.name not in out else f"{e.name} ({e.id})"] = by_id[e.id]
            return _SpeakerGroups(out.items())
        groups: dict[str, list[Quote]] = {}
        for q in self.quotes:
            if q.speaker is not None:
                groups.setdefault(q.speaker.name or q.speaker.label, []).append(q)
        return _SpeakerGroups((k, tuple(v)) for k, v in groups.items())

    def entity(self, id: str) -> Entity:
        """The entity with this id (KeyError if there is none)."""
        for e in self.entities:
            if e.id == id:
                return e
        raise KeyError(id)

    def quotes_by_entity(self) -> dict[str, tuple[Quote, ...]]:
        """Attributed quotes grouped by their speaker's entity id, in text order."""
        groups: dict[str, list[Quote]] = {}
        for q in self.quotes:
            if q.speaker is not None and q.speaker.entity is not None:
                groups.setdefault(q.speaker.entity, []).append(q)
        return {k: tuple(v) for k, v in groups.items()}

    def speaker_table(self) -> list[dict[str, Any]]:
        """One record per entity that speaks (see `quoteattr.speaker_table.speaker_records`)."""
        from quoteattr.speaker_table import speaker_records

        return speaker_records(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "models": self.models,
            "text": self.text,
            "quotes": [q.to_dict() for q in self.quotes],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "entities": [e.to_dict() for e in self.entities],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Rebuild from `to_dict` output (``quotes``, ``diagnostics``, ``id`` and
        ``models`` may be absent); an InvalidRecordError names the field, e.g.
        ``Document.quotes[2].speaker.label``."""
        items = {}
        for key, item_type in (("quotes", Quote), ("diagnostics", Diagnostic),
                               ("entities", Entity)):
            raw = _converted("Document", key, _tuple_of(key),
                             _field(data, key, "Document", required=False, default=()))
            built = []
            for i, record in enumerate(raw):
                try:
                    built.append(item_type.from_dict(record))
                except InvalidRecordError as exc:
                    raise exc.inside("Document", f"{key}[{i}]") from None
            items[key] = tuple(built)
        return cls(
            text=_field(data, "text", "Document"),
            quotes=items["quotes"],
            diagnostics=items["diagnostics"],
            id=_field(data, "id", "Document", required=False),
            models=_field(data, "models", "Document", required=False),
            entities=items["entities"],
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per quote (speaker fields as columns); no pandas needed."""
        from quoteattr.export import to_records

        return to_records(self)

    def to_dataframe(self):  # -> pandas.DataFrame
        """One row per quote as a pandas DataFrame (``pip install 'quoteattr[pandas]'``)."""
        from quoteattr.export import to_dataframe

        return to_dataframe(self)

    def _repr_html_(self) -> str:
        from quoteattr.export import to_html

        return to_html(self)

    def __repr__(self) -> str:
        ident = f"{self.id!r}, " if self.id else ""
        n_speech = len(self.speech)
        return (f"Document({ident}{len(self.text)} chars, {len(self.quotes)} quotes, "
                f"{n_speech} speech, {len(self.speakers)} speakers)")
