"""Rebuild the text of GUM documents exactly as the benchmark's annotations expect it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from benchmarks import conllu_docs as tdata

SPLITS = ("train", "dev", "test")


def gum_documents(gum_dir: Path, genres: frozenset[str], splits: tuple[str, ...] = ("train", "dev")):
    """(split, Document) pairs for the GUM documents of ``genres`` in ``splits``."""
    for split in splits:
        for doc in tdata.read_documents(gum_dir / f"en_gum-ud-{split}.conllu"):
            if doc.genre in genres:
                yield split, doc


def gum_text(doc: tdata.Document) -> str:
    """The running text: tokens with their spacing, paragraphs separated by blank lines."""
    return tdata.document_text(doc)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
