"""Training data for the bundled models, built from the UD English treebanks in ``shared/``.

Everything here is plain text processing (no stanza, no torch), so it is unit-tested without
models. The treebanks are read as CoNLL-U *blocks* (one sentence each) grouped into documents by
``# newdoc id``; GUM's document ids carry the genre (``GUM_news_...``), which is how the
non-commercial genres are left out.

Three products:

* a combined UD treebank ``UD_English-QA`` (EWT + the openly licensed GUM genres) for tokenize,
  mwt, pos, lemma and depparse, with GUM's extra MISC annotations stripped;
* evaluation files: EWT test and the GUM news + interview test documents (raw text + gold);
* NER data in Stanza's JSON format from GUM's entity layer: *named* mentions (a Wikification
  identity or a proper-noun head, or a person headed by a role noun with the name after it:
  "spokesperson Julie Hahn"), trimmed to their proper-noun core, as BIO tags over tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# The CoNLL-U document reader is shared with the benchmark (which rebuilds GUM's text from it);
# it lives there so that neither the benchmark nor the package imports the training recipe.
from benchmarks.conllu_docs import (  # noqa: F401  (re-exported: the recipe's own API)
    Document, block_text, document_text, read_documents, words_and_tokens)

#: GUM genres whose texts are CC BY / BY-SA / public domain (see gum/SOURCE.md). The others
#: (essay, letter, podcast, fiction, whow) are CC BY-NC-SA and Reddit is absent from shared/.
OPEN_GUM_GENRES = frozenset(
    {"academic", "bio", "conversation", "court", "interview", "news", "speech", "textbook",
     "vlog", "voyage"}
)
#: The genres the news benchmark and the parser targets are measured on.
NEWS_GUM_GENRES = frozenset({"news", "interview"})

#: GUM entity type -> NER label. Time and quantity are not names a speaker can have.
GUM_NER_TYPES = {
    "person": "PERSON",
    "organization": "ORG",
    "place": "GPE",
    "event": "MISC",
    "object": "MISC",
    "abstract": "MISC",
    "animal": "MISC",
    "plant": "MISC",
    "substance": "MISC",
}

_KEEP_COMMENTS = ("# newdoc", "# newpar", "# sent_id", "# text =")
# One opening bracket of GUM's Entity MISC value: "(12-person-new-...-identity" (maybe closed
# at once with ")"). Fields: id-etype-infstat-salience-centering-minspan-link[-identity].
_ENTITY_OPEN_RE = re.compile(r"\((\d+)-([a-z]+)-([^()]*)")
_ENTITY_CLOSE_RE = re.compile(r"(?<![(\w-])(\d+)\)")


def clean_block(block: list[str]) -> list[str]:
    """Keep the comments Stanza's preparers read and only ``SpaceAfter`` in MISC.

    GUM's MISC carries entity, discourse and XML layers; the tokenizer preparer reads
    ``SpaceAfter`` and would otherwise copy the rest into every derived file.
    """
    out = []
    for line in block:
        if line.startswith("#"):
            if line.startswith(_KEEP_COMMENTS):
                out.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"not a CoNLL-U token line: {line!r}")
        misc = [m for m in cols[9].split("|") if m.startswith(("SpaceAfter=", "SpacesAfter="))]
        cols[9] = "|".join(misc) or "_"
        out.append("\t".join(cols))
    return out


def write_documents(docs: Iterable[Document], path: str | Path) -> int:
    """Write cleaned documents as one CoNLL-U file; return the number of sentences."""
    count = 0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for doc in docs:
            for block in doc.sentences:
                handle.write("\n".join(clean_block(block)) + "\n\n")
                count += 1
    return count


def select(docs: Iterable[Document], genres: frozenset[str]) -> list[Document]:
    """The documents whose GUM genre is in ``genres``."""
    return [d for d in docs if d.genre in genres]


# --------------------------------------------------------------------------------------------
# NER from GUM's entity layer


@dataclass(frozen=True)
class Mention:
    """An entity mention over 1-based word ids ``first..last`` (inclusive) of one sentence."""

    first: int
    last: int
    etype: str
    identity: str | None


def parse_mentions(block: list[str]) -> list[Mention]:
    """Entity mentions of one GUM sentence from the bracketed ``Entity=`` MISC values."""
    words, _ = words_and_tokens(block)
    open_stack: dict[str, list[tuple[int, str, str | None]]] = {}
    mentions: list[Mention] = []
    for cols in words:
        wid = int(cols[0])
        value = next((m[7:] for m in cols[9].split("|") if m.startswith("Entity=")), "")
        if not value:
            continue
        pos = 0
        while pos < len(value):
            opened = _ENTITY_OPEN_RE.match(value, pos)
            if opened:
                eid, etype, rest = opened.groups()
                fields = rest.split("-")
                # infstat, salience, centering, minspan, link, then the identity (may hold "-")
                identity = "-".join(fields[5:]) or None if len(fields) > 5 else None
                pos = opened.end()
                if pos < len(value) and value[pos] == ")":
                    mentions.append(Mention(wid, wid, etype, identity))
                    pos += 1
                else:
                    open_stack.setdefault(eid, []).append((wid, etype, identity))
                continue
            closed = _ENTITY_CLOSE_RE.match(value, pos)
            if closed:
                eid = closed.group(1)
                if open_stack.get(eid):
                    first, etype, identity = open_stack[eid].pop()
                    mentions.append(Mention(first, wid, etype, identity))
                pos = closed.end()
                continue
            pos += 1
    return mentions


# Words that may sit between proper nouns inside one name. "of"/"&" only join organization and
# place names ("Bank of England"); "and" never does (it coordinates two names).
_NAME_CONNECTORS = frozenset({"-", "de", "da", "del", "la", "le", "von", "van", "der", "bin", "al"})
_ORG_CONNECTORS = _NAME_CONNECTORS | {"of", "&", "for", "on"}


def named_core(mention: Mention, words: list[list[str]]) -> tuple[int, int] | None:
    """The proper-noun core of a named mention, or None if the mention is not named.

    A mention is named when its syntactic head is a PROPN, or it has a Wikification identity
    and contains a PROPN. The core is the run of PROPN tokens around the head, bridged by
    connectors between proper nouns ("Bank of England"), so "the U.S. ambassador" is not a
    name and "NATO chief Mark Rutte" yields "Mark Rutte" only where "chief" breaks the run.
    """
    span = words[mention.first - 1 : mention.last]
    ids = {int(w[0]) for w in span}
    head = next((w for w in span if w[6] == "_" or int(w[6]) not in ids), span[-1])
    propn = [w for w in span if w[3] == "PROPN"]
    if head[3] != "PROPN":
        named = _name_after_role(span, head) if mention.etype == "person" else None
        if named is not None:
            head = named  # "Environment Canada spokesperson Julie Hahn"
        elif not (mention.identity and propn):
            return None
        else:
            head = propn[-1]
    connectors = _NAME_CONNECTORS if mention.etype == "person" else _ORG_CONNECTORS
    h = int(head[0])
    first = last = h
    while first - 1 >= mention.first:
        w = words[first - 2]
        if w[3] == "PROPN":
            first -= 1
        elif (w[1].lower() in connectors and first - 2 >= mention.first
              and words[first - 3][3] == "PROPN"):
            first -= 1
        else:
            break
    while last + 1 <= mention.last:
        w = words[last]
        if w[3] == "PROPN":
            last += 1
        elif (w[1].lower() in connectors and last + 1 < mention.last
              and words[last + 1][3] == "PROPN"):
            last += 1
        else:
            break
    if mention.etype == "person":
        # NER marks the name, not the title: "President Volodymyr Zelensky" -> the last two
        # (speaker rules read the title from the words before the name)
        while first < last and _is_title(words[first - 1][1]):
            first += 1
        if first == last and _is_title(words[first - 1][1]):
            return None  # "the Director": a role, not a name
    return first, last


def _name_after_role(span: list[list[str]], head: list[str]) -> list[str] | None:
    """The name of a person mention headed by a role noun: GUM heads "spokesperson Julie
    Hahn" and "his then-girlfriend Julie Couillard" by the noun, with the name as its
    ``flat`` or ``appos`` dependent after it. The name's first word, or None."""
    return next((w for w in span if w[3] == "PROPN" and w[6] == head[0] and
                 w[7] in ("flat", "appos") and int(w[0]) > int(head[0])), None)


def _is_title(form: str) -> bool:
    from quoteattr import lexicon

    low = form.lower()
    return low in lexicon.TITLE_WORDS or low.rstrip(".") in lexicon.TITLE_WORDS or \
        low in lexicon.MALE_HONORIFICS or low in lexicon.FEMALE_HONORIFICS


def sentence_bio(block: list[str]) -> list[tuple[str, str]]:
    """(token text, BIO tag) for one GUM sentence; nested names keep the outermost."""
    words, tokens = words_and_tokens(block)
    spans: list[tuple[int, int, str]] = []
    for mention in parse_mentions(block):
        label = GUM_NER_TYPES.get(mention.etype)
        if label is None:
            continue
        core = named_core(mention, words)
        if core is not None:
            spans.append((core[0], core[1], label))
    # outermost first: longer spans win, then earlier ones
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: dict[int, tuple[int, str]] = {}
    for first, last, label in spans:
        if any(i in taken for i in range(first, last + 1)):
            continue
        for i in range(first, last + 1):
            taken[i] = (first, label)
    out = []
    for first, last, text in tokens:
        tag = "O"
        hit = taken.get(first) or taken.get(last)
        if hit is not None:
            start, label = hit
            tag = ("B-" if start >= first else "I-") + label
        out.append((text, tag))
    return out


def write_ner_json(docs: Iterable[Document], path: str | Path) -> int:
    """Write Stanza NER JSON (sentences of ``{"text", "ner"}``); return the sentence count."""
    sentences = []
    for doc in docs:
        for block in doc.sentences:
            sentences.append([{"text": t, "ner": tag} for t, tag in sentence_bio(block)])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(sentences, handle, ensure_ascii=False)
    return len(sentences)


# --------------------------------------------------------------------------------------------
# Coreference: GUM ids -> CorefUD ids


_COREF_OPEN_RE = re.compile(r"\((\d+)-")
_COREF_CLOSE_RE = re.compile(r"(?<![\w-])(\d+)\)")


def corefud_entity(value: str) -> str:
    """Give GUM's bracketed entity ids CorefUD's ``e`` prefix (``(12-person`` -> ``(e12-person``)."""
    value = _COREF_OPEN_RE.sub(r"(e\1-", value)
    return _COREF_CLOSE_RE.sub(r"e\1)", value)


def iter_corefud_lines(docs: Iterable[Document]) -> Iterator[str]:
    """CorefUD-style CoNLL-U lines (``Entity=`` only in MISC) for Stanza's coref converter."""
    for doc in docs:
        for block in doc.sentences:
            for line in block:
                if line.startswith("#"):
                    if line.startswith(_KEEP_COMMENTS) or line.startswith("# global.Entity"):
                        yield line
                    continue
                cols = line.split("\t")
                misc = [m for m in cols[9].split("|")
                        if m.startswith(("SpaceAfter=", "Entity="))]
                misc = [("Entity=" + corefud_entity(m[7:])) if m.startswith("Entity=") else m
                        for m in misc]
                cols[9] = "|".join(misc) or "_"
                yield "\t".join(cols)
            yield ""
