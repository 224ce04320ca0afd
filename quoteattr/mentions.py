"""Noun-phrase extent: the words of a speaker's mention, grown from its head word.

* `mention_words` grows the whole noun phrase from its head, keeping determiners,
  modifiers and "of"/"to" phrases, and leaving out appositions, relative clauses and comma-set
  participles (those become the title, or nothing).
* `name_run` finds where a person's name sits inside a mention.

Positions here are word indices (``first`` inclusive, ``end`` exclusive), never characters.
"""

from __future__ import annotations

from quoteattr import lexicon
from quoteattr.parsed import ParsedDoc

__all__ = ["mention_words", "name_run"]

_INCLUDE = frozenset({"det", "det:poss", "det:predet", "nmod:poss", "amod", "compound",
                      "flat", "flat:name", "flat:foreign", "nummod", "nmod", "nmod:npmod",
                      "nmod:unmarked", "fixed", "goeswith", "conj", "cc", "obl:npmod", "advmod",
                      "acl", "case", "cc:preconj", "det:nummod", "nmod:desc"})
_NEVER = frozenset({"acl:relcl", "appos", "parataxis", "dep", "list", "vocative", "discourse"})
_ORG_ENTITY = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "ORGANIZATION", "LOCATION"})
_PERSON_ENTITY = frozenset({"PERSON", "PER"})
_ORG_CASES = lexicon.ORGANIZATION_CASES
_POSSESSIVE = ("'s", "’s", "'", "’")
#: Markup and symbols that never start or end a speaker's label (``**Jane Doe**``, ``_Doe_``).
MARKUP_EDGE = "*_~#<>|=+^`[]{}/\\\"“”„‘’«»"
#: Characters that make a word markup, never a name (``script>alert``, ``</b>``).
MARKUP_INSIDE = frozenset("<>{}=|\\")
# punctuation that can sit inside a name or noun phrase: al-Amr, O'Neill, U.S.
_INNER_PUNCT = frozenset({"-", "‐", "'", "’", ".", "&"})
_SPLIT_NP_POS = frozenset({"PROPN", "NOUN"})
_PERSON_NOUNS = (lexicon.ANONYMOUS_HEADS | lexicon.TITLE_WORDS | lexicon.MALE_NOUNS |
                 lexicon.FEMALE_NOUNS)



def mention_words(doc: ParsedDoc, head: int) -> tuple[int, int]:
    """The word span (first, end) of the noun phrase headed by ``head``."""
    included = _grow(doc, head)
    # the contiguous run around the head
    first = end = head
    while first - 1 in included:
        first -= 1
    while end + 1 in included:
        end += 1
    first, end = _with_split_sisters(doc, head, first, end)
    return _trim(doc, head, first, end + 1)


def _takes(doc: ParsedDoc, head: int, cur: int, c: int) -> bool:
    """Does the phrase grown from ``head`` take ``c``, a dependent of ``cur``?"""
    words = doc.words
    rel = words[c].deprel
    if rel not in _INCLUDE and not (
            rel == "obl" and cur == head and words[head].upos == "ADJ" and c > head):
        # an adjective head keeps its oblique: "one official familiar with the talks"
        return False
    if cur == head and rel in ("case", "cc") and c < head:
        # "according to police": the head's own preposition stays out, and so does
        # the conjunction of a conjunct ("rather than to Miss Bartlett")
        return False
    if rel == "acl" and (_comma_between(doc, cur, c) or not _keeps_acl(doc, head, c)):
        return False  # ", speaking anonymously"; "a letter seen by Sky News"
    if rel == "advmod" and c > head:
        return False
    return not (rel in ("conj", "cc") and cur == head and words[cur].upos == "PRON")


def _grow(doc: ParsedDoc, head: int) -> set[int]:
    """The words the noun phrase takes, grown down the tree from its head."""
    words = doc.words
    included = {head}
    stack = [head]
    while stack:
        cur = stack.pop()
        for c in doc.children[cur]:
            if words[c].deprel == "punct" and words[c].text in _INNER_PUNCT:
                included.add(c)
                continue
            if not _takes(doc, head, cur, c):
                continue
            included.add(c)
            stack.append(c)
            if cur == head:
                # below the head's own modifiers, take whole subtrees ("familiar with the
                # talks"), but never a relative clause, apposition or comma-set aside, nor
                # anything under one ("one of our ads that I had put in")
                never = {e for d in doc.subtree(c) if d != c and words[d].deprel in _NEVER
                         for e in doc.subtree(d)}
                for d in doc.subtree(c):
                    if d != c and d not in never and (
                            words[d].upos != "PUNCT" or words[d].text in _INNER_PUNCT):
                        included.add(d)
    return included


def _with_split_sisters(doc: ParsedDoc, head: int, first: int, last: int) -> tuple[int, int]:
    """A noun phrase the parser split into sister words with one label ("Ms/nsubj
    Bauchtman/nsubj said", "researcher/nsubj Mu/nsubj Li/nsubj said"): take the adjacent
    sisters too, so the mention is the whole phrase. ``last`` is inclusive."""
    words = doc.words
    w = words[head]
    if w.head < 0 or w.upos not in _SPLIT_NP_POS:
        return first, last

    def sister(j: int) -> bool:
        return (0 <= j < len(words) and words[j].head == w.head
                and words[j].deprel == w.deprel and words[j].upos in _SPLIT_NP_POS
                and words[j].sent_index == w.sent_index)
    while sister(first - 1):
        first -= 1
    while sister(last + 1):
        last += 1
    return first, last


def _trim(doc: ParsedDoc, head: int, first: int, end: int) -> tuple[int, int]:
    """Without edge punctuation, a leading preposition and a trailing possessive."""
    words = doc.words
    while first < end - 1 and (words[first].upos == "PUNCT" or words[first].deprel == "case"
                               and first < head):
        first += 1
    while end - 1 > first and (words[end - 1].upos == "PUNCT" or words[end - 1].text in _POSSESSIVE
                               or words[end - 1].deprel == "cc"):
        end -= 1
    return first, end


def _keeps_acl(doc: ParsedDoc, head: int, acl: int) -> bool:
    """Participles that identify an unnamed person stay in the mention ("a person briefed
    on the plans", "people familiar with"); others ("a letter seen by Sky News") do not."""
    if doc.words[acl].lemma.lower() in lexicon.ANONYMITY_MARKERS or \
            doc.words[acl].text.lower() in lexicon.ANONYMITY_MARKERS:
        return True
    w = doc.words[head]
    return {w.lemma.lower(), w.text.lower()} & (lexicon.person_nouns() | lexicon.ANONYMOUS_HEADS) \
        != set() and w.upos == "NOUN"


def _comma_between(doc: ParsedDoc, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return any(doc.words[i].text in (",", "(", "—", "–") for i in range(lo + 1, hi))


def is_markup(word: str) -> bool:
    """Is this word markup or a symbol rather than a name: no letter at all ("**", "👍",
    "12345"), or a tag character inside ("script>alert")?"""
    return not any(ch.isalpha() for ch in word) or any(ch in MARKUP_INSIDE for ch in word)


def _clean(text: str) -> str:
    text = text.strip(MARKUP_EDGE + " \t\n") or text
    for p in _POSSESSIVE:
        if text.endswith(p) and len(text) > len(p):
            return text[: -len(p)]
    return text


def _is_titleword(w) -> bool:
    return w.text.lower().rstrip(".") in lexicon.TITLE_WORDS or w.text.lower() in lexicon.TITLE_WORDS


def _is_role_word(w) -> bool:
    """A title or a person noun written before a name ("Senator", "Biologist")."""
    low = w.text.lower().rstrip(".")
    return _is_titleword(w) or (low in lexicon.person_nouns() and w.text[:1].isupper()
                                and low not in _SURNAME_NOUNS)


# person nouns that are also common surnames: never cut a name at them
_SURNAME_NOUNS = lexicon.SURNAME_NOUNS


def _entity_type(doc: ParsedDoc, first: int, end: int) -> str | None:
    for i in range(first, end):
        e = doc.word_entity[i]
        if e >= 0:
            return doc.entities[e].type
    return None


def name_run(doc: ParsedDoc, first: int, end: int, head: int | None = None
             ) -> tuple[int, int] | None:
    """Where a person's name sits in ``[first, end)``.

    With NER, the PERSON entity (without leading titles or honorifics) that holds the
    phrase's ``head`` word when one does, else the longest. Without it, the
    longest run of proper nouns, cut after its last title or organization word so that
    "Home Secretary Suella Braverman" and "Refugee Council Enver Solomon" give the person.
    """
    if doc.entities:
        found, role_only = _ner_name_run(doc, first, end, head)
        if found is not None or role_only:
            return found
    return _propn_name_run(doc, first, end)


def _ner_name_run(doc: ParsedDoc, first: int, end: int, head: int | None = None
                  ) -> tuple[tuple[int, int] | None, bool]:
    """The PERSON entity in ``[first, end)`` that holds ``head``, else the longest, without
    its titles; and whether the part inside is only a role ("Home Secretary | Yvette
    Cooper")."""
    honorifics = lexicon.HONORIFICS
    best = None
    role_only = False
    for i in range(first, end):
        e = doc.word_entity[i]
        if e < 0 or doc.entities[e].type not in _PERSON_ENTITY:
            continue
        ent = doc.entities[e]
        a, b = max(ent.first_word, first), min(ent.end_word, end)
        if b < ent.end_word and _is_titleword(doc.words[b - 1]):
            # "Home Secretary | Yvette Cooper" with the name as apposition outside the
            # mention: the part inside is the role, the name comes after it
            role_only = True
            continue
        # NER spans often keep the title ("Pennsylvania Senator Rick Santorum"): the name
        # starts after the last title, role or honorific word that is not the last word
        for k in range(a, b - 1):
            if _is_role_word(doc.words[k]) or doc.words[k].text.lower() in honorifics:
                a = k + 1
        while a < b and doc.words[a].text in _POSSESSIVE:
            a += 1
        while b > a and (doc.words[b - 1].text in _POSSESSIVE or _clitic_verb(doc.words[b - 1])):
            b -= 1  # "Dinah’ll" tagged PERSON whole: the name is Dinah
        if b > a and head is not None and a <= head < b:
            # the entity the phrase is headed by wins: "Harlow Foods chief executive Nadia
            # Karim" with the company mis-tagged PERSON is Nadia Karim
            return (a, b), False
        if b > a and (best is None or b - a > best[1] - best[0]):
            best = (a, b)
    return best, role_only


def _clitic_verb(w) -> bool:
    """A verb or particle written on to the word before ("’ll", "'d", "n't")."""
    return w.upos in ("AUX", "VERB", "PART") and (w.text[:1] in ("'", "’") or
                                                   w.text.lower() in ("n't", "n’t"))


def _propn_name_run(doc: ParsedDoc, first: int, end: int) -> tuple[int, int] | None:
    """The longest run of proper nouns, cut after its last title or organization word."""
    honorifics = lexicon.HONORIFICS
    best = None
    i = first
    while i < end:
        if doc.words[i].upos == "PROPN":
            j = i
            while j < end and (doc.words[j].upos == "PROPN" or doc.words[j].text in _INNER_PUNCT
                               and j + 1 < end and doc.words[j + 1].upos == "PROPN"):
                j += 1
            a = i
            for k in range(i, j):
                low = doc.words[k].text.lower()
                if (_is_role_word(doc.words[k]) or low in honorifics or
                        low in lexicon.ORGANIZATION_HEADS) and k + 1 < j:
                    a = k + 1
            b = j
            while b > a and doc.words[b - 1].text in _POSSESSIVE:
                b -= 1
            if b > a and (best is None or (b - a) >= (best[1] - best[0])):
                best = (a, b)
            i = j
        else:
            i += 1
    return best


