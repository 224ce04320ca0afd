"""Command line: ``quoteattr FILE... | -`` and ``quoteattr download``.

Reads files (or stdin), attributes them in batches, and writes JSON Lines, a table or HTML to
stdout. An unreadable file gets a one-line message on stderr and a non-zero exit status, and
the other files' output is still written.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["main"]

EXIT_INPUT_ERROR = 1
EXIT_MODEL_ERROR = 3


def _read_inputs(paths: list[str], errors: list[str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        if path == "-":
            # bytes, decoded like files: the locale's text layer would hide bad bytes
            stream = getattr(sys.stdin, "buffer", None)
            raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
            name = "stdin"
        else:
            name = Path(path).stem
            try:
                raw = Path(path).read_bytes()
            except OSError as exc:
                errors.append(f"quoteattr: cannot read {path}: {exc.strerror or exc}")
                print(errors[-1], file=sys.stderr)
                continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            errors.append(f"quoteattr: {path} is not UTF-8 text (byte {exc.start}); "
                          "convert it first, e.g. iconv -t utf-8")
            print(errors[-1], file=sys.stderr)
            continue
        yield name, text


def format_table(doc, out: TextIO) -> None:
    """A plain-text table of one document's quotes."""
    out.write(f"== {doc.id} ({len(doc.quotes)} quotes)\n")
    for q in doc.quotes:
        sp = q.speaker
        who = f"{sp.label} [{sp.kind.value}]" if sp else "-"
        if sp and sp.title:
            who += f", {sp.title}"
        text = q.text.replace("\n", " ")
        if len(text) > 70:
            text = text[:67] + "..."
        cue = q.cue.text if q.cue else "-"
        out.write(f"{q.start:>6}-{q.end:<6} {q.kind.value:<9} {who:<45.45} {cue:<12.12} "
                  f"“{text}”\n")
    for d in doc.diagnostics:
        out.write(f"   note: {d.code} at {d.start}: {d.message}\n")


def _attribute_command(args: argparse.Namespace) -> int:
    import quoteattr
    from quoteattr.export import json_line

    try:
        att = quoteattr.Attributor(models=args.models, selective=not args.parse_all)
    except quoteattr.ModelNotFoundError as exc:
        print(f"quoteattr: {exc}", file=sys.stderr)
        return EXIT_MODEL_ERROR
    errors: list[str] = []
    items = _read_inputs(args.files, errors)
    docs = att.pipe(items, batch_size=args.batch_size, n_process=args.processes)
    if len(args.files) > 1 and not args.quiet:
        try:
            from tqdm import tqdm

            docs = tqdm(docs, total=len(args.files), unit="doc", file=sys.stderr)
        except ImportError:  # pragma: no cover - tqdm is a dependency
            pass
    out = sys.stdout
    if args.format == "html":
        from quoteattr.html import documents_page

        page = documents_page(list(docs))
        out.write(page.encode("utf-8", "backslashreplace").decode("utf-8"))
    else:
        for doc in docs:
            if args.format == "jsonl":
                out.write(json_line({"id": doc.id, "quotes": [q.to_dict() for q in doc.quotes]}))
            else:
                buf = io.StringIO()
                format_table(doc, buf)
                out.write(buf.getvalue().encode("utf-8", "backslashreplace").decode("utf-8"))
            out.flush()
    return EXIT_INPUT_ERROR if errors else 0


def _download_command(args: argparse.Namespace) -> int:
    from quoteattr.models import official_dir

    target = args.dir or str(official_dir())
    from quoteattr.parse import download_official

    try:
        download_official(target, args.processors)
    except Exception as exc:  # network errors come in many types
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"quoteattr: could not download the official Stanza English models into {target}:"
              f" {type(exc).__name__}: {reason}. The bundled models work offline "
              "(--models bundled).", file=sys.stderr)
        return 2
    print(f"official Stanza English models installed in {target}; use --models official")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Find quotes in English text and who said them. "
                    "Use `quoteattr download` to fetch the official Stanza models.")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="text files to attribute (UTF-8), or - for stdin")
    parser.add_argument("--format", choices=("jsonl", "table", "html"), default="jsonl",
                        help="jsonl: one {id, quotes} object per input (default); table: for "
                             "reading; html: one page with every document highlighted")
    parser.add_argument("--models", default="auto",
                        help="bundled, official, auto (official if installed) or a model "
                             "directory (default auto)")
    parser.add_argument("--batch-size", type=int, default=16, help="texts per Stanza batch")
    parser.add_argument("--processes", type=int, default=1,
                        help="worker processes, each loading the models once")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--parse-all", action="store_true",
                        help="parse every paragraph, not only those attribution needs")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["download"]:
        p = argparse.ArgumentParser(prog="quoteattr download",
                                    description="Fetch the official Stanza English models.")
        p.add_argument("--dir", help="Stanza resources folder (default $STANZA_RESOURCES_DIR "
                                     "or ~/stanza_resources)")
        p.add_argument("--processors", default="tokenize,mwt,pos,lemma,depparse,ner,coref")
        return _download_command(p.parse_args(argv[1:]))
    args = build_parser().parse_args(argv)
    if args.batch_size < 1 or args.processes < 1:
        print("quoteattr: --batch-size and --processes must be at least 1", file=sys.stderr)
        return 2
    return _attribute_command(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
