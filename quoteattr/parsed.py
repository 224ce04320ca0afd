"""quoteattr's own small frozen view of a parse: words, sentences, entities, coreference.

Value types only: no stanza here (`quoteattr.parse` adapts a Stanza Document to these).
Conventions:

* ``Word.index`` is document-wide and 0-based; ``Word.head`` is the document-wide index of the
  head word, or -1 for a root.
* Word positions (``Sentence.first_word``/``end_word``, ``Entity.first_word``/``end_word``,
  coreference mentions) are word indices, ``end_word`` exclusive; character positions are
  ``Word.start``/``end``, ``Sentence.start``/``stop`` and ``Entity.start``/``stop``, offsets
  into the caller's original string, even when the text Stanza saw was rearranged: `TextMap`
  maps offsets back.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import attrs

from quoteattr.errors import InvalidParseError

__all__ = ["CorefChain", "Entity", "ParsedDoc", "Sentence", "TextMap", "Word"]


@attrs.frozen(kw_only=True, slots=True)
class Word:
    """One syntactic word."""

    index: int
    sent_index: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    token_index: int


@attrs.frozen(kw_only=True, slots=True)
class Sentence:
    """Words ``first_word <= i < end_word`` of the document (word indices), covering
    characters ``start:stop``."""

    index: int
    first_word: int
    end_word: int
    start: int
    stop: int


@attrs.frozen(kw_only=True, slots=True)
class Entity:
    """A named entity over words ``first_word <= i < end_word`` (word indices), covering
    characters ``start:stop``."""

    type: str
    first_word: int
    end_word: int
    start: int
    stop: int
    text: str


@attrs.frozen(kw_only=True, slots=True)
class CorefChain:
    """A coreference chain: mentions as (first word, end word) pairs, document-wide."""

    index: int
    mentions: tuple[tuple[int, int], ...]
    representative: int


@attrs.frozen(kw_only=True)
class ParsedDoc:
    """A parsed text. Build with `from_stanza`, `parse_conllu` or a parser."""

    text: str
    words: tuple[Word, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    coref: tuple[CorefChain, ...] | None = None
    source: str = ""
    children: tuple[tuple[int, ...], ...] = attrs.field(default=None, eq=False, repr=False)
    word_entity: tuple[int, ...] = attrs.field(default=None, eq=False, repr=False)
    _starts: tuple[int, ...] = attrs.field(default=None, eq=False, repr=False, alias="_starts")
    _sent_stops: tuple[int, ...] = attrs.field(default=None, eq=False, repr=False,
                                               alias="_sent_stops")

    def __attrs_post_init__(self) -> None:
        if self.children is None:
            _check_tree(self.words)
            kids: list[list[int]] = [[] for _ in self.words]
            for w in self.words:
                if w.head >= 0:
                    kids[w.head].append(w.index)
            object.__setattr__(self, "children", tuple(tuple(k) for k in kids))
        if self.word_entity is None:
            owner = [-1] * len(self.words)
            for e_index, ent in enumerate(self.entities):
                for i in range(ent.first_word, ent.end_word):
                    owner[i] = e_index
            object.__setattr__(self, "word_entity", tuple(owner))
        if self._starts is None:
            object.__setattr__(self, "_starts", tuple(w.start for w in self.words))
        if self._sent_stops is None:
            object.__setattr__(self, "_sent_stops", tuple(s.stop for s in self.sentences))

    # -- lookups -----------------------------------------------------------------------------

    def words_between(self, start: int, end: int) -> range:
        """Indices of the words that start inside ``[start, end)``."""
        return range(bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end))

    def head_of(self, first: int, end: int) -> int:
        """The head of the phrase of words ``[first, end)``: its first word whose head lies
        outside it (``first`` if none does)."""
        for k in range(first, end):
            if not first <= self.words[k].head < end:
                return k
        return first

    def sentence_of(self, word: int) -> Sentence:
        return self.sentences[self.words[word].sent_index]

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        """Sentences overlapping characters ``[start, end)``."""
        # sentences are in text order and do not overlap: bisect on their ends
        stops = self._sent_stops
        i = bisect.bisect_right(stops, start)
        out = []
        while i < len(self.sentences) and self.sentences[i].start < end:
            out.append(self.sentences[i])
            i += 1
        return out

    def span_text(self, first: int, end: int) -> tuple[int, int, str]:
        """Character span and text of words ``first <= i < end``."""
        start = self.words[first].start
        stop = self.words[end - 1].end
        return start, stop, self.text[start:stop]

    def subtree(self, word: int) -> list[int]:
        """The word and all its descendants, in text order."""
        seen = {word}
        stack = [word]
        while stack:
            for child in self.children[stack.pop()]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return sorted(seen)

    # -- builders ----------------------------------------------------------------------------

    @classmethod
    def from_stanza(cls, document: Any, text: str | None = None,
                    text_map: TextMap | None = None, source: str = "stanza document",
                    check_offsets: bool = False) -> ParsedDoc:
        """Our view of a ``stanza.Document`` (see `quoteattr.parse.parsed_from_stanza`)."""
        from quoteattr.parse import parsed_from_stanza

        return parsed_from_stanza(document, text=text, text_map=text_map, source=source,
                                  check_offsets=check_offsets)


def _check_tree(words: Sequence[Word]) -> None:
    """Heads must point inside the sentence and reach a root without a cycle."""
    n = len(words)
    for w in words:
        if w.index < 0 or w.index >= n or words[w.index] is not w:
            raise InvalidParseError(f"word {w.index} is out of place in the word list")
        if w.head >= n or w.head < -1 or (w.head >= 0 and words[w.head].sent_index != w.sent_index):
            raise InvalidParseError(f"word {w.index} ({w.text!r}) has head {w.head} outside "
                                    "its sentence")
    state = [0] * n  # 0 unvisited, 1 on the current path, 2 known to reach a root
    for start in range(n):
        path = []
        cur = start
        while cur >= 0 and state[cur] == 0:
            state[cur] = 1
            path.append(cur)
            cur = words[cur].head
        if cur >= 0 and state[cur] == 1:
            raise InvalidParseError(f"the heads of words {path} form a cycle")
        for k in path:
            state[k] = 2



@attrs.frozen
class TextMap:
    """Piecewise map from offsets in the text Stanza saw to offsets in the original.

    ``pieces`` are (parse_start, original_start, length) triples in order.
    """

    pieces: tuple[tuple[int, int, int], ...]
    _keys: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_keys", tuple(p[0] for p in self.pieces))

    @classmethod
    def identity(cls, length: int) -> TextMap:
        return cls(((0, 0, length),))

    def to_original(self, offset: int, end: bool = False) -> int:
        """Map a parse-text offset to the original string (``end``: an exclusive end)."""
        i = bisect.bisect_right(self._keys, offset - 1 if end else offset) - 1
        i = max(i, 0)
        p_start, o_start, length = self.pieces[i]
        return o_start + min(max(offset - p_start, 0), length)
