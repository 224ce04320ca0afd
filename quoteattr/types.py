"""Value types: frozen attrs classes with character offsets into the caller's original string.

Every span follows one convention: ``start`` inclusive, ``end`` exclusive, offsets into the text
the caller passed in, and ``text == original[start:end]``. ``to_dict``/``from_dict`` give the
JSON-safe form documented in the README (a stable contract: new keys may be added, none renamed).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

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


def _tuple(items: Any) -> tuple:
    """attrs converter: any iterable to a tuple (typed, unlike the bare builtin)."""
    return tuple(items)


def _check_span(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


def _check_order(instance: Any) -> None:
    if instance.end < instance.start:
        raise ValueError(f"end ({instance.end}) < start ({instance.start})")
    if len(instance.text) != instance.end - instance.start:
        raise ValueError(
            f"text has {len(instance.text)} characters but the span covers "
            f"{instance.end - instance.start}"
        )


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of the original text."""

    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)
    text: str

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
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))

    def __repr__(self) -> str:
        return f"Span({self.start}:{self.end} {self.text!r})"


@attrs.frozen(kw_only=True)
class Cue(Span):
    """The words that attribute a quote: a reporting verb ("said"), "according to", a colon or
    dash. Offsets as in :class:`Span` (``Cue.of`` and ``Cue.from_dict`` come from it)."""

    def __repr__(self) -> str:
        return f"Cue({self.start}:{self.end} {self.text!r})"


@attrs.frozen(kw_only=True)
class Speaker:
    """Who said a quote.

    Attributes:
        label: how to show the speaker: the name for a named person, else the phrase as written
            ("one NATO diplomat", "the Kremlin").
        name: the person's best full name in the document (named speakers only).
        kind: a :class:`SpeakerKind`.
        title: the role the text gives ("U.S. ambassador to NATO", "NATO chief").
        organization: the organization the speaker speaks for, when the text says.
        mention: the mention in the attributing sentence (for a pronoun, the pronoun itself).
        entity: the id of the :class:`Entity` this speaker is (``Document.entities``), or None
            where no entity layer ran (no parse).
    """

    label: str
    kind: SpeakerKind = attrs.field(converter=SpeakerKind)
    mention: Span
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    entity: str | None = None

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
        return cls(
            label=str(data["label"]),
            name=data.get("name"),
            kind=SpeakerKind(data["kind"]),
            title=data.get("title"),
            organization=data.get("organization"),
            mention=Span.from_dict(data["mention"]),
            entity=data.get("entity"),
        )

    def __repr__(self) -> str:
        extra = "".join(
            f", {k}={v!r}" for k, v in (("title", self.title), ("organization", self.organization)) if v
        )
        return f"Speaker({self.label!r}, {self.kind.value}{extra})"


#: The genders an :class:`Entity` can have: what the text says of it, nothing guessed.
ENTITY_GENDERS = ("male", "female", "plural", "unknown")


def _check_gender(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if value not in ENTITY_GENDERS:
        raise ValueError(f"gender must be one of {ENTITY_GENDERS}, got {value!r}")


@attrs.frozen(kw_only=True)
class Entity:
    """One person, organization or source in a document: every mention the text makes of it.

    Attributes:
        id: stable within the document, in order of first mention ("e1", "e2", ...).
        name: the best name as written, honorific kept ("Miss Bartlett", "Mark Rutte"); for an
            unnamed source the description ("a European diplomat"); for a first-person
            narrator the name the text gives or "the narrator".
        kind: a :class:`SpeakerKind` (``named`` for a narrator the text names).
        title: the role the text gives ("U.S. ambassador to NATO").
        organization: the organization it speaks for, when the text says.
        gender: "male", "female", "plural" or "unknown": only from the pronouns, honorifics
            and gendered nouns the text uses for it, never guessed from a first name.
        mentions: the character spans of every mention linked to it, in text order.
    """

    id: str
    name: str
    kind: SpeakerKind = attrs.field(converter=SpeakerKind)
    title: str | None = None
    organization: str | None = None
    gender: str = attrs.field(default="unknown", validator=_check_gender)
    mentions: tuple[Span, ...] = attrs.field(default=(), converter=_tuple)

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
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=SpeakerKind(data["kind"]),
            title=data.get("title"),
            organization=data.get("organization"),
            gender=str(data.get("gender", "unknown")),
            mentions=tuple(Span.from_dict(m) for m in data.get("mentions", ())),
        )

    def __repr__(self) -> str:
        return f"Entity({self.id} {self.name!r}, {self.kind.value}, {len(self.mentions)} mentions)"


@attrs.frozen(kw_only=True)
class Quote:
    """One quoted span and its attribution.

    ``text`` is the content inside the quotation marks, ``original[start:end]``. ``speaker`` is
    None for non-speech and for speech with no defensible speaker; ``evidence`` then says why.
    ``confidence`` is in [0, 1]; ``evidence`` lists the rules that decided, in order.
    """

    start: int = attrs.field(validator=_check_span)
    end: int = attrs.field(validator=_check_span)
    text: str
    kind: QuoteKind = attrs.field(converter=QuoteKind)
    speaker: Speaker | None = None
    cue: Cue | None = None
    confidence: float = attrs.field(default=0.0, converter=float)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _check_order(self)
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")

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
        """Rebuild a Quote from :meth:`to_dict` output (unknown keys are ignored)."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=QuoteKind(data["kind"]),
            speaker=Speaker.from_dict(data["speaker"]) if data.get("speaker") else None,
            cue=Cue.from_dict(data["cue"]) if data.get("cue") else None,
            confidence=float(data.get("confidence", 0.0)),
            evidence=tuple(data.get("evidence", ())),
        )

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 50 else self.text[:47] + "..."
        who = f" <- {self.speaker!r}" if self.speaker else ""
        return f"Quote({self.start}:{self.end} {self.kind.value} {text!r}{who})"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something odd in the input that was handled, not raised: an unbalanced quotation mark,
    a paragraph skipped, a quote whose marks were ambiguous. ``start``/``end`` locate it."""

    code: str
    message: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnostic:
        return cls(code=str(data["code"]), message=str(data["message"]),
                   start=int(data["start"]), end=int(data["end"]))


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
            :class:`Entity`); each speaker's ``entity`` is one of their ids.
    """

    text: str
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), converter=_tuple)
    id: str | None = None
    models: str | None = None
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_tuple)

    def __iter__(self) -> Iterator[Quote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    @property
    def speech(self) -> tuple[Quote, ...]:
        """The quotes that report speech."""
        return tuple(q for q in self.quotes if q.is_speech)

    def speakers(self) -> dict[str, tuple[Quote, ...]]:
        """Speech quotes grouped by speaker, in text order: by entity where the document has
        entities (keyed by the entity's name; a second entity of the same name, such as a
        second "a European diplomat", is keyed "a European diplomat (e4)"), else by label."""
        if self.entities:
            by_id = self.quotes_by_entity()
            out: dict[str, tuple[Quote, ...]] = {}
            for e in self.entities:
                if e.id in by_id:
                    out[e.name if e.name not in out else f"{e.name} ({e.id})"] = by_id[e.id]
            return out
        groups: dict[str, list[Quote]] = {}
        for q in self.quotes:
            if q.speaker is not None:
                groups.setdefault(q.speaker.name or q.speaker.label, []).append(q)
        return {k: tuple(v) for k, v in groups.items()}

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
        """One record per entity that speaks (see :func:`quoteattr.speaker_table.speaker_records`)."""
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
        return cls(
            text=str(data["text"]),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            diagnostics=tuple(Diagnostic.from_dict(d) for d in data.get("diagnostics", ())),
            id=data.get("id"),
            models=data.get("models"),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
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
                f"{n_speech} speech, {len(self.speakers())} speakers)")
