"""Command line: ``quoteattr FILE... | -`` and ``quoteattr download``.

Reads files (or stdin), attributes them in batches, and writes JSON Lines, CSV/TSV, a table
or HTML to stdout. Every failure is one line on stderr and an exit status of its own (see
``EXIT_*`` below and docs/cli.md), never a traceback: an unreadable file is reported and the
other files' output is still written; a reader that goes away (``| head``) ends the run
quietly, as Unix tools do.

JSON Lines, CSV/TSV and HTML are written as UTF-8 whatever the locale says (they are UTF-8
formats); the table is for a terminal, so it is written in the terminal's encoding, with
backslash escapes for what that encoding lacks, and control characters from the
input shown as escapes (``\\x1b``, ``\\r``, ``\\n``) so a hostile file cannot move the cursor
or hide rows.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from quoteattr.stanza_pipeline import TOKENIZERS

__all__ = ["main", "format_table", "build_parser", "DEFAULT_MAX_BYTES"]

EXIT_OK = 0
#: An input file could not be read or is not UTF-8 (the other files are still processed).
EXIT_INPUT_ERROR = 1
#: Bad options (argparse's own status).
EXIT_USAGE = 2
#: The models asked for are missing or cannot be loaded.
EXIT_MODEL_ERROR = 3
#: Standard output is closed or cannot be written (disk full, I/O error).
EXIT_OUTPUT_ERROR = 4
#: An input is larger than ``--max-bytes`` (it is skipped; the other files are processed).
EXIT_TOO_LARGE = 5
#: ``quoteattr download`` could not fetch the models.
EXIT_DOWNLOAD_ERROR = 6
#: Interrupted (Ctrl-C): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
#: The reader of standard output went away (``| head``): 128 + SIGPIPE, as a Unix tool
#: killed by SIGPIPE reports it. No message.
EXIT_BROKEN_PIPE = 141

#: Inputs larger than this many bytes are refused unless ``--max-bytes`` says otherwise.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
STDIN_ID = "<stdin>"

_TABLE_WIDTHS = (13, 9, 40, 12)  # offsets, kind, speaker, cue; the text takes the rest
_TEXT_WIDTH = 60


class _InputProblem(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _read_one(path: str, max_bytes: int) -> str:
    """The text of one input (``-`` is stdin), at most ``max_bytes`` bytes (0: no limit)."""
    try:
        if path == "-":
            # bytes, decoded like files: the locale's text layer would hide bad bytes
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                if sys.stdin is None:
                    raise _InputProblem("quoteattr: standard input is closed", EXIT_INPUT_ERROR)
                raw = sys.stdin.read().encode("utf-8", "surrogateescape")
            else:
                raw = stream.read(max_bytes + 1) if max_bytes else stream.read()
        else:
            with open(path, "rb") as f:
                raw = f.read(max_bytes + 1) if max_bytes else f.read()
    except OSError as exc:
        raise _InputProblem(f"quoteattr: cannot read {path}: {exc.strerror or exc}",
                            EXIT_INPUT_ERROR) from exc
    if max_bytes and len(raw) > max_bytes:
        raise _InputProblem(f"quoteattr: {path} is larger than {_size(max_bytes)}; raise the "
                            "limit with --max-bytes (0 for none)", EXIT_TOO_LARGE)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _InputProblem(f"quoteattr: {path} is not UTF-8 text (byte {exc.start}); "
                            "convert it first, e.g. iconv -t utf-8", EXIT_INPUT_ERROR) from exc


def _read_inputs(paths: list[str], max_bytes: int, problems: list[int],
                 say: Callable[[str], None]) -> Iterator[tuple[str, str]]:
    for path in paths:
        try:
            text = _read_one(path, max_bytes)
        except _InputProblem as exc:
            problems.append(exc.code)
            say(str(exc))
            continue
        yield (STDIN_ID if path == "-" else path), text


def _size(n: int) -> str:
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} bytes"


def _byte_count(value: str) -> int:
    """argparse type: ``1000``, ``64K``, ``64M``, ``1G`` (powers of 1024); 0 means no limit."""
    factors = {"K": 2**10, "M": 2**20, "G": 2**30}
    v = value.strip().upper().removesuffix("B").removesuffix("I")
    try:
        n = int(v[:-1]) * factors[v[-1]] if v and v[-1] in factors else int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 1000, 64K, 64M, 1G)") \
            from None
    if n < 0:
        raise argparse.ArgumentTypeError("a size cannot be negative")
    return n


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


# --- the table -----------------------------------------------------------------------------

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(s: str) -> str:
    """``s`` with every control character (C0, C1, DEL), bidirectional or other format
    control, line or paragraph separator and lone surrogate shown as an escape, so nothing
    from the input can move the cursor, reorder or hide what the terminal shows."""
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Zl", "Zp") and ch not in "\u200d":
            out.append(_ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100
                                            else f"\\u{ord(ch):04x}"))
        else:
            out.append(ch)
    return "".join(out)


def _fit(s: str, width: int) -> str:
    """``s`` cut to ``width`` characters, with an ellipsis where it was cut."""
    return s if len(s) <= width else s[: width - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_table(doc: Any, out: io.TextIOBase | Any) -> None:
    """A plain-text table of one document's quotes: a title line, a header row, one row per
    quote, then the diagnostics. Fields are cut with an ellipsis and control characters
    escaped."""
    w_off, w_kind, w_who, w_cue = _TABLE_WIDTHS
    out.write(f"== {_visible(str(doc.id))} ({_plural(len(doc.quotes), 'quote')})\n")
    if doc.quotes:
        out.write(f"{'start-end':<{w_off}} {'kind':<{w_kind}} {'speaker':<{w_who}} "
                  f"{'cue':<{w_cue}} text\n")
    for q in doc.quotes:
        sp = q.speaker
        who = f"{sp.label} [{sp.kind.value}]" if sp else "-"
        if sp and sp.title:
            who += f", {sp.title}"
        cue = q.cue.text if q.cue else "-"
        offsets = f"{q.start}-{q.end}"
        out.write(f"{offsets:<{w_off}} {q.kind.value:<{w_kind}} "
                  f"{_fit(_visible(who), w_who):<{w_who}} {_fit(_visible(cue), w_cue):<{w_cue}} "
                  f"“{_fit(_visible(q.text), _TEXT_WIDTH)}”\n")
    for d in doc.diagnostics:
        out.write(f"   note: {_visible(d.code)} at {d.start}: {_visible(d.message)}\n")


# --- output --------------------------------------------------------------------------------

class _OutputClosed(Exception):
    pass


class _Output:
    """Standard output as bytes: UTF-8 for the data formats, the terminal's encoding (with
    escapes for what it lacks) for the table."""

    def __init__(self, fmt: str) -> None:
        stream = sys.stdout
        if stream is None or getattr(stream, "closed", False):
            raise _OutputClosed
        self.stream = stream
        self.buffer = getattr(stream, "buffer", None)
        if fmt == "table":
            self.encoding = getattr(stream, "encoding", None) or "utf-8"
            self.errors = "backslashreplace"
        else:
            self.encoding, self.errors = "utf-8", "replace"  # exports hold no lone surrogates

    def write(self, s: str) -> None:
        if self.buffer is None:  # a text-only stream (an IDE's console, a test's StringIO)
            self.stream.write(s.encode(self.encoding, self.errors)
                              .decode(self.encoding, "replace"))
        else:
            self.buffer.write(s.encode(self.encoding, self.errors))
        self.flush()

    def flush(self) -> None:
        (self.buffer or self.stream).flush()


def _silence_stdout() -> None:
    """After a write failed, point stdout at /dev/null so the interpreter's final flush does
    not print a traceback of its own (what the Python docs advise for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        pass


# --- commands ------------------------------------------------------------------------------

def _attribute_command(args: argparse.Namespace) -> int:
    import quoteattr

    try:
        out = _Output(args.format)
    except _OutputClosed:
        print("quoteattr: standard output is closed; redirect it to a file", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    interactive = _isatty(sys.stderr) and not args.quiet
    try:
        att = _load_attributor(args, interactive)
    except quoteattr.QuoteattrError as exc:
        print(f"quoteattr: {exc}", file=sys.stderr)
        return EXIT_MODEL_ERROR
    bar: list[Any] = []

    def say(message: str) -> None:
        if bar:
            bar[0].write(message, file=sys.stderr)  # clears the bar's line first
        else:
            print(message, file=sys.stderr, flush=True)

    problems: list[int] = []
    items = _read_inputs(args.files, args.max_bytes, problems, say)
    docs: Any = att.pipe(items, batch_size=args.batch_size, n_process=_processes(args))
    if len(args.files) > 1 and interactive:
        from tqdm import tqdm

        docs = tqdm(docs, total=len(args.files), unit="doc", file=sys.stderr)
        bar.append(docs)
    try:
        _write_documents(docs, args.format, out)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        _silence_stdout()
        say(f"quoteattr: cannot write the output: {exc.strerror or exc}")
        return EXIT_OUTPUT_ERROR
    except quoteattr.ModelNotFoundError as exc:
        say(f"quoteattr: {exc}")
        return EXIT_MODEL_ERROR
    except quoteattr.QuoteattrError as exc:
        say(f"quoteattr: {exc}")
        return EXIT_INPUT_ERROR
    finally:
        if bar:
            bar[0].close()
    if EXIT_TOO_LARGE in problems:
        return EXIT_TOO_LARGE
    return EXIT_INPUT_ERROR if problems else EXIT_OK


def _processes(args: argparse.Namespace) -> int:
    """``--processes``, or by default one per free core (`_cores`), but no more than there
    are batches of files (each worker loads the models: a second one for a single batch would
    only cost its loading time); 1 when reading stdin."""
    if args.processes is not None:
        return int(args.processes)
    if "-" in args.files:
        return 1
    batches = -(-len(args.files) // args.batch_size)
    return max(1, min(_cores(), batches))


def _cores() -> int:
    """The cores this process may run on (its affinity where the OS says it) less those other
    work keeps busy (the whole part of the 1-minute load average), at least 1. On this
    project's shared 2-core machine, at a load of 4 to 6, two workers took 1.4 times as long
    as one for 64 news articles (each worker loads its own models and no core was free)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    try:
        busy = int(os.getloadavg()[0])
    except (AttributeError, OSError):  # pragma: no cover - Windows
        busy = 0
    return max(1, cores - busy)


def _load_attributor(args: argparse.Namespace, interactive: bool) -> Any:
    """The Attributor the options ask for (raises QuoteattrError when its models are
    missing)."""
    import quoteattr

    att = quoteattr.Attributor(models=args.models, selective=not args.parse_all,
                               threads=args.threads, tokenizer=args.tokenizer)
    if interactive:
        print("quoteattr: loading models…", file=sys.stderr, flush=True)
    if interactive and _processes(args) == 1:
        # load before the progress bar starts, so its rate and ETA are real (worker
        # processes load their own copy; loading here too would only cost memory)
        getattr(att.parser, "pipeline", None)
    return att


def _write_documents(docs: Any, fmt: str, out: Any) -> None:
    """Write the attributed documents to ``out`` in format ``fmt``, one at a time (all at
    once for html)."""
    from quoteattr.export import document_record, json_line, to_csv

    if fmt == "html":
        from quoteattr.html import documents_page

        out.write(documents_page(list(docs)))
        return
    first = True
    for doc in docs:
        buf = io.StringIO()
        if fmt == "jsonl":
            name = "stdin" if doc.id == STDIN_ID else Path(doc.id).stem
            buf.write(json_line(document_record(doc, name=name)))
        elif fmt in ("csv", "tsv"):
            to_csv(doc, buf, delimiter="," if fmt == "csv" else "\t", header=first)
        else:
            format_table(doc, buf)
        out.write(buf.getvalue())
        first = False
    if first and fmt in ("csv", "tsv"):  # no document: still a header
        buf = io.StringIO()
        to_csv([], buf, delimiter="," if fmt == "csv" else "\t")
        out.write(buf.getvalue())


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def _download_command(args: argparse.Namespace) -> int:
    from quoteattr.models import official_dir

    target = args.dir or str(official_dir())
    from quoteattr.stanza_pipeline import download_official

    try:
        download_official(target, args.processors)
    except Exception as exc:  # network errors come in many types
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"quoteattr: could not download the official Stanza English models into {target}:"
              f" {type(exc).__name__}: {reason}. The bundled models work offline "
              "(--models bundled).", file=sys.stderr)
        return EXIT_DOWNLOAD_ERROR
    print(f"official Stanza English models installed in {target}; use --models official")
    return EXIT_OK


USAGE = ("quoteattr [options] FILE... | -\n"
         "       quoteattr download [--dir PATH] [--processors LIST]")
EPILOG = """\
commands:
  quoteattr download   fetch the official Stanza English models (see quoteattr download --help)

exit status:
  0 all inputs attributed     1 an input unreadable or not UTF-8     2 bad options
  3 models missing            4 standard output closed or not writable (disk full)
  5 an input over --max-bytes 6 download failed     130 interrupted
  141 the reader went away (| head), no message
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``quoteattr FILE...``."""
    from quoteattr import __version__

    parser = argparse.ArgumentParser(
        prog="quoteattr", usage=USAGE, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Find quotes in English text and who said them.")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="text files to attribute (UTF-8), or - for stdin")
    parser.add_argument("--format", choices=("jsonl", "csv", "tsv", "table", "html"),
                        default="jsonl",
                        help="jsonl: one record per input (default); csv, tsv: one row per "
                             "quote, the DataFrame's columns; table: for reading; html: one "
                             "page with every document highlighted")
    parser.add_argument("--models", default="auto",
                        help="bundled, official, auto (official if installed) or a model "
                             "directory (default auto)")
    parser.add_argument("--batch-size", type=_positive, default=16, metavar="N",
                        help="texts per Stanza batch (default 16)")
    parser.add_argument("--processes", type=_positive, default=None, metavar="N",
                        help="worker processes, each loading the models once (default: one "
                             "per free core, no more than there are batches of inputs; 1 for "
                             "one batch or stdin)")
    parser.add_argument("--threads", type=_positive, default=1, metavar="N",
                        help="torch threads for parsing, per process (default 1)")
    parser.add_argument("--tokenizer", choices=TOKENIZERS, default="rules",
                        help="rules: quoteattr's rule tokenizer (the default, over ten times "
                             "faster); stanza: Stanza's neural tokenizer (better on unedited "
                             "web text)")
    parser.add_argument("--max-bytes", type=_byte_count, default=DEFAULT_MAX_BYTES,
                        metavar="SIZE",
                        help=f"skip inputs larger than this (e.g. 500K, 200M, 1G; 0 for no "
                             f"limit; default {_size(DEFAULT_MAX_BYTES)})")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar and no 'loading models' line")
    parser.add_argument("--parse-all", action="store_true",
                        help="parse every paragraph, not only those attribution needs")
    parser.add_argument("--version", action="version", version=f"quoteattr {__version__}")
    return parser


def build_download_parser() -> argparse.ArgumentParser:
    """The argument parser of ``quoteattr download``."""
    p = argparse.ArgumentParser(
        prog="quoteattr download",
        description="Fetch the official Stanza English models (needs network access). "
                    "Afterwards `quoteattr --models official` (or the default auto) uses them; "
                    "the bundled models need no download.")
    p.add_argument("--dir", metavar="PATH",
                   help="Stanza resources folder to install into (default "
                        "$STANZA_RESOURCES_DIR, else ~/stanza_resources)")
    p.add_argument("--processors", metavar="LIST",
                   default="tokenize,mwt,pos,lemma,depparse,ner,coref",
                   help="comma-separated Stanza processors to fetch (default "
                        "tokenize,mwt,pos,lemma,depparse,ner,coref)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["download"]:
            return _download_command(build_download_parser().parse_args(argv[1:]))
        return _attribute_command(build_parser().parse_args(argv))
    except SystemExit as exc:  # argparse: --help, --version (0) and bad options (2)
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        print("quoteattr: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
