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


class InvalidItemError(QuoteattrError, TypeError):
    """An item of ``Attributor.pipe()``'s input is not a str or an ``(id, text)`` pair of str.

    Items are checked as they are read: every document before the bad item has been yielded
    when this is raised, so a caller can resume after ``position``.

    Attributes:
        position: the item's 0-based position in the input.
        id: the item's id, when it had a readable one.
    """

    def __init__(self, position: int, id: str | None, problem: str) -> None:
        self.position = position
        self.id = id
        which = f"item {position}" + (f" (id {id!r})" if id is not None and id != str(position)
                                      else "")
        super().__init__(f"pipe() {which}: {problem}; every document before it was yielded, "
                         "none after it was read")


class WorkerError(QuoteattrError, RuntimeError):
    """A worker process of ``pipe(n_process=...)`` died (killed, out of memory) or could not
    start. Nothing blocks: the other workers are stopped and this is raised.

    Attributes:
        not_processed: ids of the documents read but never yielded, in input order: the
            dead worker's batch and those in flight (or finished after it) on the others.
            Every document before them was yielded; none after them was read.
        exitcode: the dead worker's exit code (negative: killed by that signal).
    """

    def __init__(self, message: str, not_processed: tuple[str, ...] = (),
                 exitcode: int | None = None) -> None:
        self.not_processed = not_processed
        self.exitcode = exitcode
        super().__init__(message)


class InvalidRecordError(QuoteattrError, ValueError, TypeError):
    """A record (``Quote.from_dict``, ``Document.from_dict`` ...) or a value-type field is
    missing or has the wrong type or value. Catch it as ValueError or TypeError.

    Attributes:
        record: the type whose record it is (``"Document"``, ``"Quote"`` ...).
        field: the field, as a path into the record (``"quotes[2].speaker.label"``).
        problem: what is wrong with it.
    """

    def __init__(self, record: str, field: str, problem: str) -> None:
        self.record = record
        self.field = field
        self.problem = problem
        super().__init__(f"{record}.{field}: {problem}" if field else f"{record}: {problem}")

    def inside(self, record: str, prefix: str) -> InvalidRecordError:
        """The same error seen from an enclosing record (``Document``, ``quotes[2]``)."""
        field = f"{prefix}.{self.field}" if self.field else prefix
        return InvalidRecordError(record, field, self.problem)


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
