"""quoteattr: who said what in English news and fiction.

Find every quoted span, tell speech from scare quotes and titles, and resolve the speaker --
named, titled, anonymous, an organization, or a pronoun resolved through coreference -- from
Stanza parses, with exact character offsets into the text you passed in.

>>> import quoteattr
>>> [q.text for q in quoteattr.find_quotes("Rutte called it a “strong signal.”")]
['strong signal.']

Importing quoteattr is cheap: stanza and torch load on first use of an Attributor.
"""

import logging

from quoteattr.attribution import AttributionOptions
from quoteattr.errors import (
    DependencyError,
    InvalidItemError,
    InvalidParseError,
    InvalidRecordError,
    MissingProcessorError,
    ModelNotFoundError,
    QuoteattrError,
    WorkerError,
)
from quoteattr.export import render, to_jsonl, to_records
from quoteattr.models import ModelSet, resolve_models
from quoteattr.parse import ParsedDoc, parse_conllu
from quoteattr.pipeline import Attributor, attribute, default_attributor, find_quotes
from quoteattr.spans import find_quote_spans
from quoteattr.stanza_pipeline import StanzaParser
from quoteattr.types import (
    Cue,
    Diagnostic,
    Document,
    Entity,
    Quote,
    QuoteKind,
    Span,
    Speaker,
    SpeakerKind,
)

__version__ = "0.1.0"

__all__ = [
    "AttributionOptions",
    "Attributor",
    "Cue",
    "DependencyError",
    "Diagnostic",
    "Document",
    "Entity",
    "InvalidItemError",
    "InvalidParseError",
    "InvalidRecordError",
    "MissingProcessorError",
    "ModelNotFoundError",
    "ModelSet",
    "ParsedDoc",
    "Quote",
    "QuoteKind",
    "QuoteattrError",
    "Span",
    "Speaker",
    "SpeakerKind",
    "StanzaParser",
    "attribute",
    "default_attributor",
    "find_quote_spans",
    "find_quotes",
    "parse_conllu",
    "render",
    "resolve_models",
    "to_jsonl",
    "to_records",
    "WorkerError",
    "__version__",
]

logging.getLogger("quoteattr").addHandler(logging.NullHandler())
