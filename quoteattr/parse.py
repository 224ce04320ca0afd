"""The adapter from Stanza to `ParsedDoc` (quoteattr's own frozen view of a parse,
`quoteattr.parsed`), and CoNLL-U reading. Building and running the Stanza pipeline is
`quoteattr.stanza_pipeline`; the text handed to Stanza is prepared in `quoteattr.textprep`.
These three are the only modules that import stanza.

Everything downstream reads ``ParsedDoc``; the 0-based/1-based and sentence-local/document-wide
index mismatches of Stanza end here. Conventions:

* ``Word.index`` is document-wide and 0-based; ``Word.head`` is the document-wide index of the
  head word, or -1 for a root.
* Every ``start``/``end`` is a character offset into the caller's original string, even when the
  text Stanza saw was rearranged (paragraphs joined by blank lines, control characters blanked,
  only some paragraphs selected): `TextMap` maps offsets back.

Stanza is imported inside functions only, so ``import quoteattr`` stays cheap.
"""

from __future__ import annotations

import bisect
import logging
from typing import TYPE_CHECKING, Any


from quoteattr.errors import InvalidParseError, MissingProcessorError
from quoteattr.parsed import CorefChain, Entity, ParsedDoc, Sentence, TextMap, Word
from quoteattr.textprep import MAX_PIECE_CHARS, MAX_RUN_CHARS, prepare_text

if TYPE_CHECKING:  # pragma: no cover
    import stanza

log = logging.getLogger("quoteattr")

__all__ = [
    "MAX_PIECE_CHARS",
    "MAX_RUN_CHARS",
    "CorefChain",
    "Entity",
    "ParsedDoc",
    "Sentence",
    "TextMap",
    "Word",
    "parse_conllu",
    "parsed_from_stanza",
    "prepare_text",
]


def parsed_from_stanza(document: stanza.Document, text: str | None = None,
                       text_map: TextMap | None = None, source: str = "stanza document",
                       check_offsets: bool = False) -> ParsedDoc:
    """Our `ParsedDoc` of a Stanza Document.

    Args:
        document: a parsed ``stanza.Document`` (tokenize, pos, lemma, depparse at least).
        text: the caller's original string; defaults to ``document.text``.
        text_map: how offsets in ``document.text`` map to ``text`` (None: identity).
        check_offsets: check that each token's text is ``document.text`` at its offsets
            (for documents from the caller, see `check_token_offsets`).

    Raises:
        MissingProcessorError: the document lacks tokens, tags or dependencies.
        InvalidParseError: ``check_offsets`` and a token does not match the text.
    """
    original = text if text is not None else document.text
    if original is None:
        raise MissingProcessorError(("text (Document.text is None)",))
    if check_offsets:
        check_token_offsets(document)
    if not document.sentences and (document.text or "").strip():
        raise MissingProcessorError(("tokenize", "pos", "lemma", "depparse"))
    words: list[Word] = []
    sentences: list[Sentence] = []
    tmap = text_map or TextMap.identity(len(original))
    token_count = 0
    for s_index, sent in enumerate(document.sentences):
        base = len(words)
        for token in sent.tokens:
            t_start = token.start_char
            t_end = token.end_char
            if t_start is None or t_end is None:
                raise MissingProcessorError(("character offsets (tokenize)",))
            o_start, o_end = tmap.to_original(t_start), tmap.to_original(t_end, end=True)
            for word in token.words:
                if word.upos is None or word.deprel is None or word.head is None or \
                        word.lemma is None:
                    missing = [n for n, v in (("pos", word.upos), ("lemma", word.lemma),
                                              ("depparse", word.deprel)) if v is None]
                    raise MissingProcessorError(tuple(missing) or ("depparse",))
                w_start, w_end = o_start, o_end
                if len(token.words) > 1 and word.start_char is not None and word.end_char is not None:
                    w_start = tmap.to_original(word.start_char)
                    w_end = tmap.to_original(word.end_char, end=True)
                words.append(Word(
                    index=len(words), sent_index=s_index, text=word.text,
                    lemma=word.lemma,
                    upos=word.upos, xpos=word.xpos or "_", feats=word.feats or "_",
                    head=(base + word.head - 1) if word.head > 0 else -1,
                    deprel=word.deprel, start=w_start, end=w_end, token_index=token_count))
            token_count += 1
        if len(words) > base:
            sentences.append(Sentence(index=len(sentences), first_word=base, end_word=len(words),
                                      start=words[base].start, stop=words[-1].end))
    entities = _entities(document, words, original, tmap)
    coref = _coref(document, sentences) if getattr(document, "coref", None) is not None else None
    return ParsedDoc(text=original, words=tuple(words), sentences=tuple(sentences),
                     entities=tuple(entities), coref=coref, source=source)


def check_token_offsets(document: Any) -> None:
    """Each token's text must be ``document.text`` at the token's offsets (whitespace aside:
    Stanza may normalize it), else the document's text was changed after parsing.

    Raises:
        InvalidParseError: naming the first token that does not match.
    """
    text = document.text or ""
    for sent in document.sentences:
        for token in sent.tokens:
            start, end = token.start_char, token.end_char
            if start is None or end is None:
                continue  # reported as missing offsets by from_stanza
            found = text[start:end]
            if "".join(found.split()) != "".join(token.text.split()):
                raise InvalidParseError(
                    f"token {token.text!r} at characters {start}:{end} does not match the "
                    f"document text there ({found!r}): the Document's text was changed after "
                    "parsing; parse the text you want attributed again")


def _entities(document: Any, words: list[Word], text: str, tmap: TextMap) -> list[Entity]:
    ents = getattr(document, "ents", None) or []
    if not ents:
        return []
    starts = [w.start for w in words]
    out = []
    for ent in ents:
        start = tmap.to_original(ent.start_char)
        stop = tmap.to_original(ent.end_char, end=True)
        first = bisect.bisect_left(starts, start)
        end = bisect.bisect_left(starts, stop)
        if end <= first:
            continue
        out.append(Entity(type=ent.type, first_word=first, end_word=end, start=start, stop=stop,
                          text=text[start:stop]))
    return out


def _coref(document: Any, sentences: list[Sentence]) -> tuple[CorefChain, ...]:
    chains = []
    for index, chain in enumerate(document.coref):
        mentions = []
        for m in chain.mentions:
            if m.sentence >= len(sentences):
                continue
            base = sentences[m.sentence].first_word
            mentions.append((base + m.start_word, base + m.end_word))
        chains.append(CorefChain(index=index, mentions=tuple(mentions),
                                 representative=getattr(chain, "representative_index", 0)))
    return tuple(chains)


# --------------------------------------------------------------------------------------------
# CoNLL-U


def parse_conllu(conllu: str, text: str | None = None, source: str = "conllu") -> ParsedDoc:
    """A `ParsedDoc` from CoNLL-U, without models (tests, cached parses).

    Character offsets come from ``start_char``/``end_char`` in MISC when present; otherwise the
    tokens are aligned to ``text`` left to right. Without ``text``, the text is rebuilt from the
    tokens and ``SpaceAfter=No``, one sentence after another (``# newpar`` starts a new line).
    Entities come from ``NER=`` BIO/BIOES tags in MISC when present.
    """
    from stanza.models.common.doc import Document
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_str=conllu)
    if text is None:
        text = _rebuild_text(doc, conllu)
    _align(doc, text)
    _ner_from_misc(doc)
    doc.text = text
    if not isinstance(doc, Document):  # pragma: no cover
        raise TypeError("conll2doc did not return a Document")
    return ParsedDoc.from_stanza(doc, text=text, source=source)


def _rebuild_text(doc: Any, conllu: str) -> str:
    blocks = [b for b in conllu.strip().split("\n\n") if b.strip()]
    newpar = [any(line.startswith("# newpar") for line in b.splitlines()) for b in blocks]
    out = ""
    for s_index, sent in enumerate(doc.sentences):
        if out:
            out += "\n" if s_index < len(newpar) and newpar[s_index] else " "
        for token in sent.tokens:
            out += token.text + (token.spaces_after if token.spaces_after is not None else " ")
        out = out.rstrip(" ")
    return out


def _align(doc: Any, text: str) -> None:
    pos = 0
    for sent in doc.sentences:
        for token in sent.tokens:
            if token.start_char is not None and token.end_char is not None:
                pos = token.end_char
                continue
            found = text.find(token.text, pos)
            if found < 0:
                raise InvalidParseError(f"token {token.text!r} not found in the text after "
                                        f"offset {pos}")
            # Token offsets are read-only properties in stanza; the private fields are the
            # documented storage (doc.py) and what the tokenizer itself fills in.
            token._start_char = found
            token._end_char = found + len(token.text)
            pos = found + len(token.text)
        if sent.tokens and sent.text is None:
            sent.text = text[sent.tokens[0].start_char : sent.tokens[-1].end_char]


def _ner_from_misc(doc: Any) -> None:
    """Set token NER tags from ``NER=`` in MISC, so ``doc.ents`` works on CoNLL-U input."""
    found = False
    for sent in doc.sentences:
        for token in sent.tokens:
            misc = token.misc or ""
            if not misc:
                misc = "|".join(w.misc for w in token.words if w.misc)
            tag = next((m[4:] for m in misc.split("|") if m.startswith("NER=")), None)
            if tag is not None:
                found = True
                token.ner = tag
    if found:
        for sent in doc.sentences:
            for token in sent.tokens:
                if token.ner is None:
                    token.ner = "O"
        doc.build_ents()
