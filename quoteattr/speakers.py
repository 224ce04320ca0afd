"""Speakers: the noun phrase around a speaker's head word, its kind, name, title and
organization, and the linking of pronouns and name fragments to the entity they stand for.

* :func:`mention_words` grows the whole noun phrase from its head, keeping determiners,
  modifiers and "of"/"to" phrases, and leaving out appositions, relative clauses and comma-set
  participles (those become the title, or nothing).
* :func:`describe` classifies a mention: named (a person's proper name), organization, titled (a
  role with "the", a possessive or a name), anonymous (one/a/two/some ..., bare plurals of
  source nouns, "familiar with ..."), or pronoun.
* :class:`EntityIndex` groups the people named in a document by surname so "Rutte" is shown as
  "Mark Rutte", and remembers the titles the text gave them ("NATO chief").
* :func:`resolve_pronoun` uses Stanza's coreference chain when the parse has one, choosing the
  best mention itself (a full name, else a title -- never blindly ``representative_text``), and
  otherwise the nearest compatible antecedent, preferring subjects and recent speakers, with
  number and gender agreement.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence

import attrs

from quoteattr import lexicon
from quoteattr.parse import ParsedDoc
from quoteattr.types import Span, Speaker, SpeakerKind

__all__ = ["Described", "EntityIndex", "describe", "mention_words", "resolve_pronoun"]

_INCLUDE = frozenset({"det", "det:poss", "det:predet", "nmod:poss", "amod", "compound",
                      "flat", "flat:name", "flat:foreign", "nummod", "nmod", "nmod:npmod",
                      "nmod:unmarked", "fixed", "goeswith", "conj", "cc", "obl:npmod", "advmod",
                      "acl", "case", "cc:preconj", "det:nummod", "nmod:desc"})
_NEVER = frozenset({"acl:relcl", "appos", "parataxis", "dep", "list", "vocative", "discourse"})
_ORG_ENTITY = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "ORGANIZATION", "LOCATION"})
_PERSON_ENTITY = frozenset({"PERSON", "PER"})
_ORG_CASES = frozenset({"for", "of", "at", "from", "with", "in"})
_POSSESSIVE = ("'s", "’s", "'", "’")
# punctuation that can sit inside a name or noun phrase: al-Amr, O'Neill, U.S.
_INNER_PUNCT = frozenset({"-", "‐", "'", "’", ".", "&"})
_SPLIT_NP_POS = frozenset({"PROPN", "NOUN"})
_PERSON_NOUNS = (lexicon.ANONYMOUS_HEADS | lexicon.TITLE_WORDS | lexicon.MALE_NOUNS |
                 lexicon.FEMALE_NOUNS)


@attrs.frozen(kw_only=True)
class Described:
    """A classified mention (before pronoun resolution)."""

    head: int
    first: int
    end: int
    kind: SpeakerKind
    label: str
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    gender: str | None = None
    plural: bool = False

    def speaker(self, doc: ParsedDoc, mention: tuple[int, int] | None = None,
                name: str | None = None) -> Speaker:
        """A :class:`Speaker` for this description, its mention the given word span."""
        first, end = mention or (self.first, self.end)
        start, stop, _ = doc.span_text(first, end)
        full = name or self.name
        return Speaker(label=full or self.label, kind=self.kind, name=full, title=self.title,
                       organization=self.organization, mention=Span.of(doc.text, start, stop))


def mention_words(doc: ParsedDoc, head: int) -> tuple[int, int]:
    """The word span (first, end) of the noun phrase headed by ``head``."""
    words = doc.words
    included = {head}
    stack = [head]
    while stack:
        cur = stack.pop()
        for c in doc.children[cur]:
            rel = words[c].deprel
            if rel == "punct" and words[c].text in _INNER_PUNCT:
                included.add(c)
                continue
            if rel not in _INCLUDE:
                continue
            if cur == head and rel in ("case", "cc") and c < head:
                # "according to police": the head's own preposition stays out, and so does
                # the conjunction of a conjunct ("rather than to Miss Bartlett")
                continue
            if rel == "acl" and (_comma_between(doc, cur, c) or not _keeps_acl(doc, head, c)):
                continue  # ", speaking anonymously"; "a letter seen by Sky News"
            if rel == "advmod" and c > head:
                continue
            if rel in ("conj", "cc") and cur == head and words[cur].upos == "PRON":
                continue
            included.add(c)
            stack.append(c)
            if cur == head:
                # below the head's own modifiers, take whole subtrees ("familiar with the
                # talks"), but never a relative clause, apposition or comma-set aside
                for d in doc.subtree(c):
                    if d != c and words[d].deprel not in _NEVER and (
                            words[d].upos != "PUNCT" or words[d].text in _INNER_PUNCT):
                        included.add(d)
    # the contiguous run around the head
    first = end = head
    while first - 1 in included:
        first -= 1
    while end + 1 in included:
        end += 1
    # a noun phrase the parser split into sister words with one label ("Ms/nsubj
    # Bauchtman/nsubj said", "researcher/nsubj Mu/nsubj Li/nsubj said"): take the adjacent
    # sisters too, so the mention is the whole phrase
    w = words[head]
    if w.head >= 0 and w.upos in _SPLIT_NP_POS:
        def sister(j: int) -> bool:
            return (0 <= j < len(words) and words[j].head == w.head
                    and words[j].deprel == w.deprel and words[j].upos in _SPLIT_NP_POS
                    and words[j].sent_index == w.sent_index)
        while sister(first - 1):
            first -= 1
        while sister(end + 1):
            end += 1
    end += 1
    # trim edge punctuation and a trailing possessive
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


def _clean(text: str) -> str:
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
_SURNAME_NOUNS = frozenset({"smith", "baker", "cook", "porter", "hunter", "fisher", "taylor",
                            "tailor", "carpenter", "butler", "mason", "turner", "clark",
                            "clerk", "miller", "shepherd", "fowler", "bishop", "king",
                            "knight", "lord", "young", "child", "friend", "driver", "page",
                            "marshal", "major", "dean", "judge", "chancellor", "master"})


def _entity_type(doc: ParsedDoc, first: int, end: int) -> str | None:
    for i in range(first, end):
        e = doc.word_entity[i]
        if e >= 0:
            return doc.entities[e].type
    return None


def _name_run(doc: ParsedDoc, first: int, end: int) -> tuple[int, int] | None:
    """Where a person's name sits in ``[first, end)``.

    With NER, the PERSON entity (without leading titles or honorifics). Without it, the
    longest run of proper nouns, cut after its last title or organization word so that
    "Home Secretary Suella Braverman" and "Refugee Council Enver Solomon" give the person.
    """
    honorifics = lexicon.HONORIFICS
    if doc.entities:
        best = None
        role_only = False
        for i in range(first, end):
            e = doc.word_entity[i]
            if e < 0 or doc.entities[e].type not in _PERSON_ENTITY:
                continue
            ent = doc.entities[e]
            a, b = max(ent.first, first), min(ent.end, end)
            if b < ent.end and _is_titleword(doc.words[b - 1]):
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
            while b > a and doc.words[b - 1].text in _POSSESSIVE:
                b -= 1
            if b > a and (best is None or b - a > best[1] - best[0]):
                best = (a, b)
        if best is not None or role_only:
            return best
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


def plausible_speaker(doc: ParsedDoc, head: int, lenient: bool = False) -> bool:
    """Can this noun phrase head say something? People, groups, organizations, documents and
    pronouns can; "ozone", "vulnerabilities" and "a section of the site" cannot.

    ``lenient``: the verb only ever reports speech ("said the parson"), so any noun will do.
    """
    w = doc.words[head]
    if lenient and w.upos in ("NOUN", "PROPN"):
        return True
    low = w.text.lower()
    lemma = w.lemma.lower()
    if w.upos == "PRON":
        return low in lexicon.PRONOUNS or low in ("someone", "somebody", "one", "nobody",
                                                  "everyone", "everybody", "anyone", "many",
                                                  "some", "others", "both", "all", "few")
    if w.upos == "PROPN" or doc.word_entity[head] >= 0:
        return True
    if w.upos == "NUM":
        return True
    words = (low, lemma)
    if any(x in _PERSON_NOUNS or x in lexicon.ORGANIZATION_HEADS or x in lexicon.REPORTING_NOUNS
           or x in lexicon.person_nouns() for x in words):
        return True
    # agent nouns: poster, curator, historian, resident, participant, journalist
    return w.upos == "NOUN" and lemma.endswith(("er", "or", "ist", "ian", "ant", "ent", "eer",
                                                "ee", "man", "woman", "person", "people", "ess"))


def _gender(doc: ParsedDoc, first: int, end: int) -> str | None:
    for i in range(first, end):
        t = doc.words[i].text.lower()
        if t in lexicon.MALE_HONORIFICS or t in lexicon.MALE_NOUNS:
            return "male"
        if t in lexicon.FEMALE_HONORIFICS or t in lexicon.FEMALE_NOUNS:
            return "female"
    return None


def _organization(doc: ParsedDoc, first: int, end: int, role: int) -> str | None:
    """The organization in a title: a proper-noun (or ORG/GPE) premodifier of the role noun
    ("U.S. ambassador", "NATO chief"), else a proper noun later in the title ("editor at the
    Saudi Gazette"), else the object of a for/of/at phrase ("spokeswoman for the ministry")."""
    def runs(lo: int, hi: int):
        i = lo
        while i < hi:
            w = doc.words[i]
            if w.upos == "PROPN" or (w.upos == "ADJ" and w.text[:1].isupper() and i + 1 < hi
                                     and doc.words[i + 1].upos == "PROPN"):
                j = i + 1
                while j < hi and (doc.words[j].upos == "PROPN" or doc.words[j].text in _INNER_PUNCT):
                    j += 1
                a, b = i, j
                while a < b and _is_titleword(doc.words[a]):
                    a += 1
                while b > a and _is_titleword(doc.words[b - 1]):
                    b -= 1
                if b > a:
                    yield a, b
                i = j
            else:
                i += 1

    for a, b in runs(first, min(role, end)):
        return _clean(doc.span_text(a, b)[2])
    for i in range(first, min(role, end)):
        w = doc.words[i]
        if w.deprel == "nmod:poss" and w.upos in ("NOUN", "PROPN"):
            s, e = mention_words(doc, i)
            return _strip_det(doc, s, e)
    for a, b in runs(role + 1, end):
        return _clean(doc.span_text(a, b)[2])
    for c in doc.children[role]:
        if doc.words[c].deprel.startswith("nmod") and role < c < end:
            cases = [g for g in doc.children[c] if doc.words[g].deprel == "case"]
            if cases and doc.words[cases[0]].text.lower() in _ORG_CASES:
                s, e = mention_words(doc, c)
                if doc.words[c].lemma.lower() in ("large", "time", "moment", "present"):
                    continue
                return _strip_det(doc, s, e)
    return None


def _strip_det(doc: ParsedDoc, first: int, end: int) -> str | None:
    """The text of words ``[first, end)`` without leading determiners, prepositions and
    punctuation; None when nothing is left."""
    while first < end and (doc.words[first].upos in ("DET", "ADP", "PUNCT", "CCONJ")
                           or doc.words[first].text.lower() in ("the", "a", "an")):
        first += 1
    while end > first and doc.words[end - 1].upos in ("PUNCT", "CCONJ", "ADP"):
        end -= 1
    if end <= first:
        return None
    return _clean(doc.span_text(first, end)[2])


def _appositive(doc: ParsedDoc, head: int, end: int) -> int | None:
    """The head of an apposition to the mention ("Smith, the U.S. ambassador")."""
    for c in doc.children[head]:
        if doc.words[c].deprel == "appos" and c >= end:
            return c
    # parsers sometimes make the apposition a second subject of the verb: accept a sibling
    # with the same relation that starts right after the mention and a comma
    parent = doc.words[head].head
    if parent >= 0 and end < len(doc.words) and doc.words[end].text == ",":
        for c in doc.children[parent]:
            if c > end and doc.words[c].deprel == doc.words[head].deprel and \
                    doc.words[c].upos == "NOUN" and mention_words(doc, c)[0] == end + 1:
                return c
    # UD puts the apposition on the first word of a flat name; our head may be its parent
    if parent >= 0 and doc.words[head].deprel in ("flat", "flat:name"):
        return _appositive(doc, parent, end)
    return None


def describe(doc: ParsedDoc, head: int, index: EntityIndex | None = None) -> Described:
    """Classify the noun phrase headed by ``head``."""
    words = doc.words
    first, end = mention_words(doc, head)
    w = words[head]
    label = _clean(doc.span_text(first, end)[2])
    lower = w.text.lower()
    plural = "Number=Plur" in w.feats or w.xpos in ("NNS", "NNPS")
    if w.upos == "PRON" and lower in lexicon.PRONOUNS:
        person, number, gender = lexicon.PRONOUNS[lower]
        return Described(head=head, first=head, end=head + 1, kind=SpeakerKind.PRONOUN,
                         label=w.text, gender=gender, plural=number == "plur")
    # "one of them", "one of the officials", "some of the residents"
    if lower in ("one", "some", "many", "several", "two", "three", "few", "most", "none",
                 "each", "another", "both", "all") and any(
            words[c].deprel.startswith("nmod") or words[c].deprel == "obl"
            for c in doc.children[head]):
        return Described(head=head, first=first, end=end, kind=SpeakerKind.ANONYMOUS,
                         label=label, plural=lower != "one")
    run = _name_run(doc, first, end)
    title = None
    organization = None
    appos = _appositive(doc, head, end)
    if appos is not None and not _role_like(doc, appos):
        appos = None  # "not this evening, Durbeyfield": a vocative, not a title
    appos_span = mention_words(doc, appos) if appos is not None else None
    if appos_span is not None:
        title = _strip_det(doc, *appos_span)
        organization = _organization(doc, appos_span[0], appos_span[1], appos)
    if run is not None and _is_titleword(doc.words[run[1] - 1]) and not doc.entities:
        run = None  # "Shadow Home Secretary": a role written in capitals, not a name
    run_type = _entity_type(doc, run[0], run[1]) if run else None
    is_role = w.upos == "NOUN" or _is_titleword(w)
    if run is not None and not (run[0] <= head < run[1]) and is_role and run[0] > head \
            and run[1] == end and run_type not in _ORG_ENTITY and _names_role(doc, head, run):
        # B: "spokesman John Smith" with the role as head: the name is the person
        pass
    elif run is not None and not (run[0] <= head < run[1]) and is_role and not (
            run[0] == head + 1 and w.upos == "PROPN" and
            lower in lexicon.HONORIFICS):
        # a proper noun inside a role phrase ("the U.S. ambassador"); but "Miss Pinkerton"
        # with the honorific as head of a flat name is the person
        run = None
    if run is None and is_role and appos_span is not None:
        # C: "the team's coach, Alireza Mehraban": the apposition names the person
        a_run = _name_run(doc, *appos_span)
        a_type = _entity_type(doc, *a_run) if a_run else None
        if a_run is not None and a_type not in _ORG_ENTITY and not _org_like(doc, *a_run):
            name = _clean(doc.span_text(*a_run)[2])
            return _named(doc, head, first, end, name, _strip_det(doc, first, end),
                          _organization(doc, first, end, head), index)
    if run is not None:
        name = _clean(doc.span_text(run[0], run[1])[2])
        if run_type in _ORG_ENTITY and index is not None and index.is_person(name):
            run_type = "PERSON"  # tagged ORG here, PERSON elsewhere in the document
        if run_type in _ORG_ENTITY or (run_type is None and _org_like(doc, run[0], run[1])):
            return Described(head=head, first=first, end=end, kind=SpeakerKind.ORGANIZATION,
                             label=_strip_det(doc, first, end) or name, organization=name,
                             plural=plural)
        pre = _strip_det(doc, first, run[0]) if run[0] > first else None
        if pre and pre.lower().rstrip(".") not in lexicon.COURTESY_TITLES:  # "Ms" is no title
            title = title or pre
            organization = organization or _organization(doc, first, run[0], run[0])
        return _named(doc, head, first, end, name, title, organization, index)
    head_type = doc.entities[doc.word_entity[head]].type if doc.word_entity[head] >= 0 else None
    if w.upos == "PROPN" or head_type in _ORG_ENTITY:
        label = _strip_det(doc, first, end) or label
        return Described(head=head, first=first, end=end, kind=SpeakerKind.ORGANIZATION,
                         label=label, organization=label, plural=plural)
    dets = [words[c].text.lower() for c in doc.children[head]
            if words[c].deprel in ("det", "nummod", "det:predet", "amod", "det:nummod")
            and c < head]
    has_poss = any(words[c].deprel in ("nmod:poss", "det:poss") for c in doc.children[head])
    definite = has_poss or any(d in ("the", "this", "that", "these", "those", "his", "her",
                                     "their", "its", "our", "my", "your") for d in dets)
    markers = any(words[i].text.lower() in lexicon.ANONYMITY_MARKERS for i in range(head, end))
    gender = _gender(doc, first, end)
    org = _organization(doc, first, end, head)
    if lower in lexicon.ORGANIZATION_HEADS and lower not in _PERSON_NOUNS and not markers:
        return Described(head=head, first=first, end=end, kind=SpeakerKind.ORGANIZATION,
                         label=label, organization=org or _strip_det(doc, first, end),
                         plural=plural)
    anonymous_det = any(d in lexicon.ANONYMOUS_DETERMINERS or d.isdigit() for d in dets)
    if markers or (not definite and (anonymous_det or plural or not dets)):
        return Described(head=head, first=first, end=end, kind=SpeakerKind.ANONYMOUS,
                         label=label, organization=org, gender=gender, plural=plural)
    return Described(head=head, first=first, end=end, kind=SpeakerKind.TITLED, label=label,
                     title=title or _strip_det(doc, first, end), organization=org,
                     gender=gender, plural=plural)


def _role_like(doc: ParsedDoc, word: int) -> bool:
    """Could this apposition head be a role or a name ("the U.S. ambassador", "a spokesman",
    "Mark Rutte")?"""
    w = doc.words[word]
    if w.upos == "PROPN":
        return True
    return w.upos == "NOUN" and plausible_speaker(doc, word)


def _names_role(doc: ParsedDoc, head: int, run: tuple[int, int]) -> bool:
    """Does the name run stand in for the role noun ``head`` (flat/compound/appos, no
    preposition), as in "team member Rodaba Noori" -- unlike "ambassador to NATO"?"""
    inside = set(range(*run))
    top = [i for i in inside if doc.words[i].head not in inside]
    h = doc.words[head]
    if top and all(doc.words[i].head == h.head and doc.words[i].deprel == h.deprel
                   for i in top) and not _org_like(doc, *run):
        return True  # split by the parser into sisters of the role ("Ms/nsubj Bauchtman/nsubj")
    if len(top) != 1:
        return False
    w = doc.words[top[0]]
    has_case = any(doc.words[c].deprel == "case" for c in doc.children[top[0]])
    return w.head == head and not has_case and w.deprel in (
        "flat", "flat:name", "appos", "compound", "nmod:desc", "nmod", "dep") and \
        not _org_like(doc, *run)


def _named(doc: ParsedDoc, head: int, first: int, end: int, name: str, title: str | None,
           organization: str | None, index: EntityIndex | None) -> Described:
    gender = _gender(doc, first, end)
    if index is not None:
        name = index.canonical(name)
        known = index.info(name)
        title = title or known.get("title")
        organization = organization or known.get("organization")
        gender = gender or known.get("gender")
    return Described(head=head, first=first, end=end, kind=SpeakerKind.NAMED, label=name,
                     name=name, title=title, organization=organization, gender=gender)


def _org_like(doc: ParsedDoc, first: int, end: int) -> bool:
    """Without NER: does a proper-noun run look like an organization or place?"""
    toks = [doc.words[i].text for i in range(first, end)]
    if any(t.lower() in lexicon.ORGANIZATION_HEADS for t in toks):
        return True
    return len(toks) == 1 and toks[0].isupper() and len(toks[0]) >= 2 and \
        toks[0].lower() not in ("i",)


# --------------------------------------------------------------------------------------------
# Names in one document


class EntityIndex:
    """The people named in a document, grouped by surname.

    Built once per document from PERSON entities (or, without NER, from runs of proper nouns
    that do not look like organizations). ``canonical("Rutte")`` is the longest name in the
    group ("Mark Rutte"); ``info(name)`` holds the title, organization and gender the text gave.
    """

    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self._names: list[tuple[str, ...]] = []
        self._info: dict[str, dict[str, str]] = {}
        runs: list[tuple[int, int]] = []
        if doc.entities:
            for ent in doc.entities:
                if ent.type in _PERSON_ENTITY:
                    run = _name_run(doc, ent.first, ent.end)
                    if run:
                        runs.append(run)
        else:
            i = 0
            n = len(doc.words)
            while i < n:
                if doc.words[i].upos == "PROPN":
                    j = i
                    while j < n and doc.words[j].upos == "PROPN":
                        j += 1
                    run = _name_run(doc, i, j)
                    if run and not _org_like(doc, run[0], run[1]):
                        runs.append(run)
                    i = j
                else:
                    i += 1
        for a, b in runs:
            tokens = tuple(_clean(doc.words[k].text) for k in range(a, b))
            if tokens and tokens not in self._names:
                self._names.append(tokens)
        # titles etc. from every full mention of each name
        for a, b in runs:
            head = a
            for k in range(a, b):
                if doc.words[k].head < a or doc.words[k].head >= b:
                    head = k
                    break
            d = describe(doc, _np_top(doc, head), None)
            if d.kind is not SpeakerKind.NAMED or not d.name:
                continue
            key = self.canonical(d.name)
            info = self._info.setdefault(key, {})
            for field in ("title", "organization", "gender"):
                value = getattr(d, field)
                if value and field not in info:
                    info[field] = value

    def canonical(self, name: str) -> str:
        """The fullest form of ``name`` among the document's names."""
        tokens = tuple(name.split())
        if not tokens:
            return name
        best = tokens
        surname = tokens[-1].lower()
        for cand in self._names:
            if len(cand) > len(best) and cand[-1].lower() == surname and \
                    _compatible(tokens, cand):
                best = cand
        if best == tokens and len(tokens) == 1:
            matches = [c for c in self._names if len(c) > 1 and c[0].lower() == surname]
            if len({c for c in matches}) == 1:
                best = matches[0]
        return " ".join(best)

    def is_person(self, name: str) -> bool:
        """Does the document name this person (as a PERSON entity) somewhere?"""
        full = tuple(self.canonical(name).split())
        return bool(self._names) and full in self._names and bool(self.doc.entities)

    def info(self, name: str) -> dict[str, str]:
        return self._info.get(name, {})

    def learn_gender(self, name: str, gender: str) -> None:
        """Remember a gender learned from a resolved pronoun."""
        if gender in ("male", "female"):
            self._info.setdefault(name, {}).setdefault("gender", gender)


def _np_top(doc: ParsedDoc, word: int) -> int:
    """From a name up to the head of its noun phrase ("Mark" -> "chief" in "NATO chief Mark
    Rutte", where UD hangs the name on the title)."""
    cur = word
    for _ in range(3):
        w = doc.words[cur]
        if w.head < 0 or w.deprel not in ("flat", "flat:name", "compound", "nmod:desc", "appos"):
            break
        up = doc.words[w.head]
        if up.upos not in ("NOUN", "PROPN") or not (_is_titleword(up) or up.upos == "NOUN"):
            break
        cur = w.head
    return cur


def _compatible(short: Sequence[str], full: Sequence[str]) -> bool:
    """Each token of the short form appears in the full one (initials allowed)."""
    rest = [t.lower() for t in full]
    for t in short:
        t = t.lower()
        if t in rest:
            continue
        if t.endswith(".") and any(r.startswith(t[0]) for r in rest):
            continue
        return False
    return True


# --------------------------------------------------------------------------------------------
# Pronouns


@attrs.frozen(kw_only=True)
class Antecedent:
    """A candidate antecedent: a described mention with its position and role."""

    described: Described
    sent_index: int
    paragraph: int
    subject: bool
    speaker: bool


def candidate_antecedents(doc: ParsedDoc, index: EntityIndex, paragraphs: Sequence[tuple[int, int]],
                          quoted: Iterable[tuple[int, int]]) -> list[Antecedent]:
    """Person-like noun phrases outside quotes, in text order (speakers are added later)."""
    inside = sorted(quoted)
    para_starts = [p[0] for p in paragraphs]
    out = []
    for w in doc.words:
        if w.upos not in ("PROPN", "NOUN"):
            continue
        if w.deprel in ("flat", "flat:name", "compound", "amod", "fixed"):
            continue
        k = bisect.bisect_right(inside, (w.start, 10**12)) - 1
        if k >= 0 and inside[k][0] <= w.start < inside[k][1]:
            continue
        ent = doc.word_entity[w.index]
        person_entity = ent >= 0 and doc.entities[ent].type in _PERSON_ENTITY
        group = w.upos == "NOUN" and _group_of_people(doc, w.index)
        if w.upos == "NOUN" and not group and not ({w.text.lower(), w.lemma.lower()} & (
                _PERSON_NOUNS | lexicon.person_nouns())):
            continue
        if w.upos == "NOUN" and w.lemma.lower() in lexicon.BODY_NOUNS and any(
                doc.words[c].deprel == "nmod:poss" and doc.words[c].upos == "PRON"
                for c in doc.children[w.index]):
            continue  # "her head", "his voice": a body, not a person ("the head of …" is)
        if w.upos == "PROPN" and doc.entities and not person_entity and \
                not (ent >= 0 and doc.entities[ent].type in _ORG_ENTITY):
            continue
        if w.upos == "NOUN" and any(doc.words[c].deprel == "case" and
                                    doc.words[c].text.lower() in ("like", "as")
                                    for c in doc.children[w.index]):
            continue  # "flitted off like a brown bird", "as a child": a likeness, no one there
        d = describe(doc, w.index, index)
        if d.kind is SpeakerKind.PRONOUN:
            continue
        if group and not d.plural:
            d = attrs.evolve(d, plural=True)  # "a bunch of them ... they said"
        para = max(0, bisect.bisect_right(para_starts, w.start) - 1)
        out.append(Antecedent(described=d, sent_index=w.sent_index, paragraph=para,
                              subject=w.deprel.startswith("nsubj"), speaker=False))
    return out


def _group_of_people(doc: ParsedDoc, head: int) -> bool:
    """Is ``head`` a group noun over people ("a bunch of them", "a group of protesters")?"""
    if doc.words[head].lemma.lower() not in lexicon.GROUP_NOUNS and \
            doc.words[head].text.lower() not in lexicon.GROUP_NOUNS:
        return False
    for c in doc.children[head]:
        n = doc.words[c]
        if not n.deprel.startswith("nmod") or \
                not any(doc.words[k].text.lower() == "of" for k in doc.children[c]):
            continue
        lower = n.text.lower()
        if n.upos == "PRON" and lexicon.PRONOUNS.get(lower, (3, "sing"))[1] == "plur":
            return True
        if n.upos == "NOUN" and {lower, n.lemma.lower()} & (_PERSON_NOUNS |
                                                          lexicon.person_nouns()):
            return True
    return False


def resolve_pronoun(doc: ParsedDoc, pronoun: int, candidates: Sequence[Antecedent],
                    index: EntityIndex, paragraph: int, learn: bool = True,
                    unlikely: Collection[str] = frozenset()) -> tuple[Described | None, str]:
    """The antecedent of a speaker pronoun and the rule used ("coref", "nearest", "none").

    ``candidates`` must be in text order; only those before the pronoun are considered.
    ``learn``: remember the gender the pronoun reveals about a named antecedent.
    ``unlikely``: lower-cased surnames that make a candidate an unlikely antecedent (the
    quote speaks of that person in the third person).
    """
    w = doc.words[pronoun]
    lower = w.text.lower()
    person, number, gender = lexicon.PRONOUNS.get(lower, (3, "sing", None))
    if person != 3:
        return None, "first-or-second-person"
    if doc.coref is not None:
        found = _from_chain(doc, pronoun, index)
        if found is not None:
            return found, "coref"
    best = None
    best_score = -1e9
    # binding: an object pronoun never refers to the subject of its own verb
    # ("Mary heard her say": her is not Mary)
    co_subject = None
    if w.deprel in ("obj", "iobj") and w.head >= 0:
        co_subject = next((c for c in doc.children[w.head]
                           if doc.words[c].deprel.startswith("nsubj")), None)
    # candidates are in text order: start at the first one within reach (12 sentences)
    lo = bisect.bisect_left(candidates, w.sent_index - 12, key=lambda a: a.sent_index)
    for cand in candidates[lo:]:
        d = cand.described
        if doc.words[d.head].start >= w.start:
            break
        if co_subject is not None and d.first <= co_subject < d.end:
            continue
        dist = w.sent_index - cand.sent_index
        if dist > 12 or paragraph - cand.paragraph > 4:
            continue
        if number == "plur":
            if not (d.plural or d.kind is SpeakerKind.ORGANIZATION):
                continue
        else:
            if d.plural:
                continue
            if lower == "it":
                if d.kind is not SpeakerKind.ORGANIZATION:
                    continue
            elif d.kind is SpeakerKind.ORGANIZATION:
                continue
            cand_gender = d.gender or (index.info(d.name).get("gender") if d.name else None)
            if gender in ("male", "female") and cand_gender in ("male", "female") and \
                    cand_gender != gender:
                continue
        score = -1.0 * dist
        if cand.subject:
            score += 1.5
        if cand.speaker:
            score += 2.0
        if d.kind is SpeakerKind.NAMED:
            score += 1.0
        if cand.paragraph == paragraph:
            score += 0.5
        if unlikely and d.name and d.name.lower().split()[-1] in unlikely:
            score -= 6.0
        if score >= best_score:
            best, best_score = d, score
    if best is not None:
        if learn and best.name and gender in ("male", "female"):
            index.learn_gender(best.name, gender)
        return best, "nearest-antecedent"
    return None, "unresolved"


def _from_chain(doc: ParsedDoc, pronoun: int, index: EntityIndex) -> Described | None:
    assert doc.coref is not None
    for chain in doc.coref:
        if not any(a <= pronoun < b for a, b in chain.mentions):
            continue
        best = None
        best_rank = None
        for a, b in chain.mentions:
            if a <= pronoun < b:
                continue
            head = a
            for k in range(a, b):
                if doc.words[k].head < a or doc.words[k].head >= b:
                    head = k
                    break
            d = describe(doc, head, index)
            if d.kind is SpeakerKind.PRONOUN:
                continue
            rank = {SpeakerKind.NAMED: 0, SpeakerKind.TITLED: 1, SpeakerKind.ORGANIZATION: 2,
                    SpeakerKind.ANONYMOUS: 3}[d.kind]
            key = (rank, -len((d.name or d.label).split()))
            if best_rank is None or key < best_rank:
                best, best_rank = d, key
        return best
    return None
