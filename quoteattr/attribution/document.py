"""Document-level helpers of attribution: the one reading of a capitalized name, paragraphs
that are only quotes, and normalized quote text (for repeated terms).

Word positions are word indices; paragraphs are character ranges ``(start, stop)``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

import attrs
import regex

from quoteattr import lexicon
from quoteattr.attribution.frame import _WINDOW
from quoteattr.parsed import ParsedDoc
from quoteattr.spans import QuoteSpan

__all__ = ["names_kept_as_names", "norm", "quote_only_paragraph"]

WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")


def norm(s: str) -> str:
    """Lower-cased words joined by spaces: quotes that differ only in case and punctuation
    compare equal."""
    return " ".join(WORD_RE.findall(s.lower()))


def quote_only_paragraph(text: str, paragraph: tuple[int, int],
                          spans: Sequence[QuoteSpan]) -> bool:
    """Is the paragraph nothing but quotes (and punctuation)?"""
    rest = []
    pos = paragraph[0]
    first = bisect.bisect_left(spans, paragraph[0] - _WINDOW, key=lambda s: s.open_mark)
    for s in spans[first:]:
        if s.open_mark >= paragraph[1]:
            break
        if s.depth or (s.close_mark or s.end) < paragraph[0]:
            continue
        rest.append(text[pos : max(pos, s.open_mark)])
        pos = max(pos, s.outer_end)
    rest.append(text[pos : paragraph[1]])
    return not any(ch.isalnum() for part in rest for ch in part)


#: Tags a tagger gives a name that is also a word ("said Good." with Good an adjective).
_NAME_AS_WORD_TAGS = frozenset({"ADJ", "NOUN", "ADV"})


#: Relations of a word that heads a noun phrase of its own (the place a name fills).
_NOUN_PHRASE_HEADS = frozenset({"nsubj", "obj", "iobj", "obl", "nmod", "appos", "vocative",
                                "conj", "flat", "dep"})


def names_kept_as_names(doc: ParsedDoc) -> ParsedDoc:
    """One reading per document for a capitalized name: a word written capitalized inside a
    sentence that the tagger took for an adjective, noun or adverb and that heads a noun
    phrase ("‘Three years,’ said Good.") is
    a proper noun where it follows a name ("John Good"), where the document writes it in a
    multi-word proper name, or where it is capitalized inside sentences three times or more.
    The parse the caller sees is not changed."""
    words = doc.words

    def titled(w) -> bool:
        return w.text[:1].isupper() and w.text[1:].isalpha() and w.text[1:].islower() and \
            w.text.lower() not in lexicon.HONORIFICS

    def inside(w) -> bool:
        """Not where any word is capitalized: a sentence's or a quote's first word."""
        sent = doc.sentences[w.sent_index]
        if not any(words[k].upos != "PUNCT" and words[k].text not in lexicon.QUOTE_MARKS
                   for k in range(sent.first_word, w.index)):
            return False
        return words[w.index - 1].text not in lexicon.QUOTE_MARKS and \
            words[w.index - 1].text not in (":", "--", "—", "(", "-", ";")

    names: set[str] = set()
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j].upos == "PROPN" and \
                words[j].sent_index == words[i].sent_index:
            j += 1
        if j - i >= 2:
            names.update(w.text for w in words[i:j] if titled(w))
        i = max(j, i + 1)
    capitalized = Counter(w.text for w in words if w.upos != "PROPN" and titled(w) and inside(w))
    changed = None
    for w in words:
        if w.upos not in _NAME_AS_WORD_TAGS or not titled(w) or not inside(w) or \
                w.deprel.split(":")[0] not in _NOUN_PHRASE_HEADS:
            continue  # "Russian officials", "United": a modifier or a verb stays one
        before = words[w.index - 1]
        if not (w.text in names or capitalized[w.text] >= 3 or
                (before.upos == "PROPN" and before.text[:1].isupper()
                 and before.sent_index == w.sent_index)):
            continue
        if changed is None:
            changed = list(words)
        changed[w.index] = attrs.evolve(w, upos="PROPN", xpos="NNP")
    return doc if changed is None else attrs.evolve(doc, words=tuple(changed))
