"""Dependency-tree helpers the cue and source rules share: reporting verbs, subjects, heads.

Positions are word indices into ``ParsedDoc.words``; character offsets are named ``*_char``
or come from ``Word.start``/``Word.end``.
"""

from __future__ import annotations

import regex

from quoteattr import lexicon
from quoteattr.mentions import is_markup
from quoteattr.parsed import ParsedDoc

__all__ = ["ancestors", "is_negated", "is_reporting_verb", "np_head", "np_top", "punct_gap",
           "subject_of"]

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SUBJECTS = ("nsubj", "nsubj:pass", "nsubj:outer", "nsubj:xsubj", "csubj")
RELATIVE = lexicon.RELATIVE_PRONOUNS
#: where a search back from the reporting verb for its noun phrase stops
PHRASE_STOPS = frozenset({"“", "”", '"', ".", ";"})
MAX_HOPS = 8


def ancestors(doc: ParsedDoc, word: int) -> list[int]:
    out: list[int] = []
    seen = {word}
    cur = doc.words[word].head
    while cur >= 0 and cur not in seen and len(out) < MAX_HOPS:
        out.append(cur)
        seen.add(cur)
        cur = doc.words[cur].head
    return out


#: Irregular pasts of the reporting verbs back to their lemma ("sang" -> "sing").
_IRREGULAR_LEMMA = {past: lemma for lemma, past in lexicon.IRREGULAR_PAST.items()}


def is_reporting_verb(doc: ParsedDoc, i: int) -> bool:
    """Is word ``i`` a reporting verb here ("said"; "put it", "pointed out"; not "continues to")?"""
    w = doc.words[i]
    lemma = w.lemma.lower()
    if w.upos == "VERB" and phrasal_particle(doc, i) is not None:
        return True
    if lemma not in lexicon.REPORTING_VERBS and w.upos in ("VERB", "AUX"):
        # an irregular past the lemmatizer left as it was ("sang" for sing)
        lemma = _IRREGULAR_LEMMA.get(w.text.lower(), lemma)
    if lemma not in lexicon.REPORTING_VERBS and lemma not in lexicon.INNER_SPEECH_VERBS:
        return False
    if w.upos not in ("VERB", "AUX") and not (lemma == "say" and w.upos in ("NOUN", "ADJ", "X")):
        return False
    kids = {doc.words[c].text.lower(): doc.words[c].deprel for c in doc.children[i]}
    if lemma == "put":
        return any(k in kids for k in lexicon.PUT_OBJECTS)
    if lemma == "point":
        return "out" in kids
    if lemma in lexicon.ASPECTUAL_VERBS and any(
            doc.words[c].deprel == "xcomp" for c in doc.children[i]):
        return False  # "aid continues to flow": not speech
    return True


#: Prepositions of a move, which make "go on", "break in" a motion, not a reporting verb.
_MOTION_CASES = frozenset({"to", "into", "toward", "towards", "through", "across", "onto",
                           "from", "up", "down", "along", "past"})


#: Adverbs that negate the verb they hang on ("did not respond", "never said").
_NEGATORS = frozenset({"not", "n't", "n’t", "never"})


def is_negated(doc: ParsedDoc, i: int) -> bool:
    """Does a negation hang on word ``i`` ("did not respond", "never said")?"""
    return any(doc.words[c].deprel == "advmod" and doc.words[c].text.lower() in _NEGATORS
               for c in doc.children[i])


def phrasal_particle(doc: ParsedDoc, i: int) -> int | None:
    """The particle of a phrasal reporting verb ("on" of "went on"), however the parser
    hangs it: compound:prt, an adverb right after the verb, or, in the inverted "went on
    Syme", the case marker of the name that follows; None if ``i`` is no such verb."""
    particle = lexicon.PHRASAL_REPORTING.get(doc.words[i].lemma.lower())
    if particle is None:
        return None
    for c in doc.children[i]:
        # "went on to Paris", "broke in through the window", "put in the papers": a move
        if doc.words[c].deprel == "obj" or any(
                doc.words[g].deprel == "case" and doc.words[g].text.lower() in _MOTION_CASES
                for g in doc.children[c]):
            return None
    for c in doc.children[i]:
        if doc.words[c].text.lower() != particle:
            continue
        if doc.words[c].deprel == "compound:prt" or \
                (doc.words[c].deprel == "advmod" and c == i + 1):
            return c
    nxt = i + 1
    if nxt < len(doc.words) and doc.words[nxt].text.lower() == particle and \
            doc.words[nxt].deprel == "case" and doc.words[nxt].head in doc.children[i] and \
            doc.words[doc.words[nxt].head].upos == "PROPN":
        return nxt
    return None


def subject_of(doc: ParsedDoc, verb: int, exclude: frozenset[int] = frozenset()) -> int | None:
    """The subject of ``verb`` (not inside ``exclude``), or None."""
    best = None
    for c in doc.children[verb]:
        if c in exclude:
            continue
        rel = doc.words[c].deprel
        if rel in SUBJECTS or rel.startswith("nsubj"):
            if rel == "csubj":
                continue
            if best is None:
                best = c
            if not is_markup(doc.words[c].text):
                return c  # "** said _Jane Doe_": the markup the parser made a subject loses
    return best


def np_head(doc: ParsedDoc, word: int, allowed: frozenset[int] | None = None) -> int:
    """Climb from a word inside a noun phrase to the phrase's head (flat, compound, det...,
    and the title or honorific UD attaches as ``nmod:desc``: "Mr." in "growled Mr.
    Heathcliff")."""
    cur = word
    for _ in range(6):
        w = doc.words[cur]
        if w.head < 0 or w.deprel not in ("flat", "flat:name", "compound", "det", "amod",
                                          "nummod", "nmod:poss", "fixed", "case", "goeswith",
                                          "nmod:desc"):
            break
        if allowed is not None and w.head not in allowed:
            break
        cur = w.head
    return cur


def np_top(doc: ParsedDoc, word: int, allowed: frozenset[int] | None = None) -> int:
    """Climb from a word to the top of the nominal phrase it sits in, through prepositional
    modifiers and appositions too: "Khaled Al-Maeena, editor at large at the Saudi Gazette,
    said" -> Khaled from Gazette (the nearest word before the verb)."""
    cur = np_head(doc, word, allowed)
    for _ in range(8):
        w = doc.words[cur]
        if w.head < 0:
            break
        up = doc.words[w.head]
        # an adjective inside the phrase takes an oblique: "editor at large at the Gazette",
        # "the official responsible for the program"
        if w.deprel not in _NP_INTERNAL and not (w.deprel == "obl" and up.upos == "ADJ"):
            break
        if up.upos not in ("NOUN", "PROPN", "ADJ") or (allowed is not None and w.head not in allowed):
            break
        cur = np_head(doc, w.head, allowed)
    return cur


_NP_INTERNAL = frozenset({"nmod", "nmod:poss", "nmod:desc", "appos", "flat", "flat:name",
                          "compound", "amod", "det", "case", "nummod"})


def participle(doc: ParsedDoc, verb: int) -> bool:
    """A non-finite -ing or -ed form ("stating", "adding", "quoted")."""
    w = doc.words[verb]
    feats = w.feats or ""
    if "VerbForm=Ger" in feats or "VerbForm=Part" in feats:
        return True
    return w.xpos in ("VBG", "VBN") or (w.upos == "VERB" and w.text.lower().endswith("ing"))


def agent(doc: ParsedDoc, verb: int) -> int | None:
    for c in doc.children[verb]:
        if doc.words[c].deprel in ("obl:agent",):
            return c
        if doc.words[c].deprel == "obl" and any(
                doc.words[g].text.lower() == "by" for g in doc.children[c]):
            return c
    return None


_PUNCT_GAP = regex.compile(r"[\s,:;—–-]*")


def punct_gap(text: str, a: int, b: int) -> str | None:
    """``text[a:b]`` when ``a <= b`` and it holds only spaces and punctuation, else None."""
    if a > b:
        return None
    gap = text[a:b]
    return gap if _PUNCT_GAP.fullmatch(gap) else None
