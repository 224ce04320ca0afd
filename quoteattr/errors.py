"""Typed errors. Each subclasses a built-in so callers can catch either, and each says the fix."""

from __future__ import annotations


class QuoteattrError(Exception):
    """Base class of every error quoteattr raises on purpose."""


class ModelNotFoundError(QuoteattrError, FileNotFoundError):
    """A model set (or one processor's model) could not be found where it was asked for.

    Attributes:
        source: what was asked for ("bundled", "official" or a path).
        missing: the processors (or files) that are missing.
    """

    def __init__(self, source: str, missing: tuple[str, ...], hint: str) -> None:
        self.source = source
        self.missing = missing
        self.hint = hint
        what = ", ".join(missing) if missing else "models"
        super().__init__(f"no {what} for models={source!r}. {hint}")


class MissingProcessorError(QuoteattrError, ValueError):
    """A Stanza pipeline or Document lacks annotations quoteattr needs."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__(
            "the Stanza document or pipeline lacks "
            + ", ".join(missing)
            + "; build it with processors='tokenize,mwt,pos,lemma,depparse,ner' (coref optional), "
            "or pass the raw text to quoteattr.Attributor() instead"
        )


class InvalidParseError(QuoteattrError, ValueError):
    """A parse that cannot be used: heads out of range or in a cycle, tokens that do not
    match the text (hand-written CoNLL-U, a corrupted cache file)."""


class DependencyError(QuoteattrError, ImportError):
    """An optional dependency needed for one feature is not installed."""

    def __init__(self, package: str, feature: str, extra: str | None = None) -> None:
        self.package = package
        install = f"pip install 'quoteattr[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{feature} needs the {package} package: {install}")


def check_text(text: object, what: str = "text") -> str:
    """Return ``text`` if it is a str; raise a TypeError that says what to pass otherwise."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"{what} must be str, not {type(text).__name__}: decode it first, "
            f"e.g. data.decode('utf-8')"
        )
    raise TypeError(f"{what} must be str, not {type(text).__name__}")
