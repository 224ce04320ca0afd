"""CoNLL-U documents: files split at ``# newdoc id``, sentence blocks, and their surface text.

Plain text processing (no stanza), shared by the benchmark (GUM's running text) and the
training recipe (``training/data.py``), which imports it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "read_documents", "words_and_tokens", "block_text", "document_text"]

_GENRE_RE = re.compile(r"^GUM_([a-z]+)_")


@dataclass
class Document:
    """A CoNLL-U document: its id and its sentence blocks (each a list of lines)."""

    doc_id: str
    sentences: list[list[str]] = field(default_factory=list)

    @property
    def genre(self) -> str | None:
        match = _GENRE_RE.match(self.doc_id)
        return match.group(1) if match else None


def read_documents(path: str | Path) -> list[Document]:
    """Split a CoNLL-U file into documents at ``# newdoc id`` comments.

    Sentences before the first ``# newdoc`` go to a document with an empty id.
    """
    docs: list[Document] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        for line in block:
            if line.startswith("# newdoc id"):
                docs.append(Document(line.split("=", 1)[1].strip()))
                break
        if not docs:
            docs.append(Document(""))
        docs[-1].sentences.append(list(block))
        block.clear()

    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.strip():
                block.append(line)
            else:
                flush()
    flush()
    return docs


def words_and_tokens(block: list[str]) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    """Word rows (10 columns) and surface tokens as (first word id, last word id, text)."""
    words: list[list[str]] = []
    tokens: list[tuple[int, int, str]] = []
    covered = 0
    for line in block:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            tokens.append((first, last, cols[1]))
            covered = last
        elif "." in cols[0]:
            continue  # empty node
        else:
            words.append(cols)
            wid = int(cols[0])
            if wid > covered:
                tokens.append((wid, wid, cols[1]))
    return words, tokens



def block_text(block: list[str]) -> str:
    """A sentence's surface text from its tokens and ``SpaceAfter`` (``# text`` may differ)."""
    misc = {}
    for line in block:
        if not line.startswith("#"):
            cols = line.split("\t")
            misc[cols[0]] = cols[9]
    _, tokens = words_and_tokens(block)
    out = []
    for first, last, text in tokens:
        key = f"{first}-{last}" if first != last else str(first)
        out.append(text + ("" if "SpaceAfter=No" in misc.get(key, "") else " "))
    return "".join(out).rstrip()


def document_text(doc: Document) -> str:
    """A document's running text: sentences joined by spaces, paragraphs (``# newpar``) by a
    blank line."""
    paragraphs: list[list[str]] = []
    for block in doc.sentences:
        if not paragraphs or any(line.startswith("# newpar") for line in block):
            paragraphs.append([])
        paragraphs[-1].append(block_text(block))
    return "\n\n".join(" ".join(p) for p in paragraphs)
