"""Speaker kinds: what a mention is (named, titled, anonymous, organization, pronoun).

* `describe` classifies a mention: named (a person's proper name), organization, titled (a
  role with "the", a possessive or a name), anonymous (one/a/two/some ..., bare plurals of
  source nouns, "familiar with ..."), or pronoun.
* `plausible_speaker` says whether a noun phrase can say anything at all.
* `EntityIndex` groups the people named in a document by surname so "Rutte" is shown as
  "Mark Rutte", and remembers the titles the text gave them ("NATO chief"). It is read-only
  once built; genders learned from pronouns live in the attribution loop's document state and
  are layered on with `EntityIndex.with_genders`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from quoteattr import lexicon
from quoteattr.mentions import (
    _INNER_PUNCT,
    _ORG_CASES,
    _ORG_ENTITY,
    _PERSON_ENTITY,
    _PERSON_NOUNS,
    _clean,
    _entity_type,
    is_markup,
    _is_titleword,
    mention_words,
    name_run,
)
from quoteattr.parsed import ParsedDoc
from quoteattr.types import Span, Speaker, SpeakerKind

__all__ = ["Described", "EntityIndex", "describe", "plausible_speaker"]


@attrs.frozen(kw_only=True)
class Described:
    """A classified mention (before pronoun resolution).

    Attributes:
        head: the mention's head word (a word index).
        first_word: its first word; ``end_word``: one past its last (word indices, not
            characters).
        kind: what the mention is; ``label`` how it reads; ``name``, ``title``,
            ``organization``, ``gender`` and ``plural`` what the text says of it.
    """

    head: int
    first_word: int
    end_word: int
    kind: SpeakerKind
    label: str
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    gender: str | None = None
    plural: bool = False

    def speaker(self, doc: ParsedDoc, mention: tuple[int, int] | None = None,
                name: str | None = None) -> Speaker:
        """A `Speaker` for this description, its mention the given word span."""
        first, end = mention or (self.first_word, self.end_word)
        start, stop, _ = doc.span_text(first, end)
        full = name or self.name
        return Speaker(label=full or self.label, kind=self.kind, name=full, title=self.title,
                       organization=self.organization, mention=Span.of(doc.text, start, stop))


def plausible_speaker(doc: ParsedDoc, head: int, lenient: bool = False) -> bool:
    """Can this noun phrase head say something? People, groups, organizations, documents and
    pronouns can; "ozone", "vulnerabilities" and "a section of the site" cannot.

    ``lenient``: the verb only ever reports speech ("said the parson"), so any noun will do.
    """
    w = doc.words[head]
    if is_markup(w.text) and not any(
            doc.words[c].deprel.startswith("flat") and not is_markup(doc.words[c].text)
            for c in doc.children[head]):
        # "said 👍.", "said 12345.", "<script>alert": no one speaks there ("**" heading
        # "** Anna Berg**" is the name's markup, and the name speaks)
        return False
    if w.upos == "NOUN" and w.lemma.lower() in lexicon.VENUE_NOUNS and \
            not any(doc.words[c].deprel.startswith("nmod") for c in doc.children[head]):
        return False  # "said the north stand": a place in the ground, not a person
    ent = doc.word_entity[head]
    if ent >= 0 and doc.entities[ent].type in lexicon.PLACE_ENTITY_TYPES:
        return False  # a river or a mountain range says nothing
    if lenient and w.upos in ("NOUN", "PROPN"):
        return True
    low = w.text.lower()
    lemma = w.lemma.lower()
    if w.upos == "PRON":
        return low in lexicon.PRONOUNS or low in lexicon.PERSON_INDEFINITES
    if w.upos == "PROPN" or doc.word_entity[head] >= 0:
        return True
    if w.upos == "NUM":
        return True
    if w.upos == "ADJ" and lemma in lexicon.ANONYMITY_MARKERS and any(
            c < head and _is_person_noun(doc.words[c]) for c in doc.children[head]):
        # "one senior official familiar with the talks" with "official" tagged as an
        # adjective and "familiar" as the head: a person after all
        return True
    words = (low, lemma)
    if any(x in _PERSON_NOUNS or x in lexicon.ORGANIZATION_HEADS or x in lexicon.REPORTING_NOUNS
           or x in lexicon.person_nouns() for x in words):
        return True
    # agent nouns: poster, curator, historian, resident, participant, journalist
    return w.upos == "NOUN" and lemma.endswith(lexicon.AGENT_SUFFIXES)


def _is_person_noun(w) -> bool:
    """Is the word a noun for a person, whatever its tag ("official", "spokesman")?"""
    words = {w.text.lower(), w.lemma.lower()}
    return bool(words & (_PERSON_NOUNS | lexicon.person_nouns()))


def _gender(doc: ParsedDoc, first: int, end: int) -> str | None:
    for i in range(first, end):
        t = doc.words[i].text.lower()
        if t in lexicon.MALE_HONORIFICS or t in lexicon.MALE_NOUNS:
            return "male"
        if t in lexicon.FEMALE_HONORIFICS or t in lexicon.FEMALE_NOUNS:
            return "female"
    # else the form of the first noun ("the brown old seaman with the sabre cut"): a
    # compound in "-man" or "-woman", a woman's noun in "-ess"
    noun = next((i for i in range(first, end) if doc.words[i].upos == "NOUN"), None)
    return lexicon.noun_gender(doc.words[noun].text) if noun is not None else None


def _proper_runs(doc: ParsedDoc, lo: int, hi: int):
    """Runs of proper nouns in words ``[lo, hi)``, without title words at their edges."""
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


def _organization(doc: ParsedDoc, first: int, end: int, role: int) -> str | None:
    """The organization in a title: a proper-noun (or ORG/GPE) premodifier of the role noun
    ("U.S. ambassador", "NATO chief"), else a proper noun later in the title ("editor at the
    Saudi Gazette"), else the object of a for/of/at phrase ("spokeswoman for the ministry")."""
    for a, b in _proper_runs(doc, first, min(role, end)):
        return _clean(doc.span_text(a, b)[2])
    for i in range(first, min(role, end)):
        w = doc.words[i]
        if w.deprel == "nmod:poss" and w.upos in ("NOUN", "PROPN"):
            s, e = mention_words(doc, i)
            return _strip_det(doc, s, e)
    for a, b in _proper_runs(doc, role + 1, end):
        return _clean(doc.span_text(a, b)[2])
    for c in doc.children[role]:
        if doc.words[c].deprel.startswith("nmod") and role < c < end:
            cases = [g for g in doc.children[c] if doc.words[g].deprel == "case"]
            if cases and doc.words[cases[0]].text.lower() in _ORG_CASES:
                s, e = mention_words(doc, c)
                if doc.words[c].lemma.lower() in lexicon.NOT_ORGANIZATION_NOUNS:
                    continue
                return _strip_det(doc, s, e)
    return None


def _strip_det(doc: ParsedDoc, first: int, end: int) -> str | None:
    """The text of words ``[first, end)`` without leading determiners, prepositions and
    punctuation; None when nothing is left."""
    while first < end and (doc.words[first].upos in ("DET", "ADP", "PUNCT", "CCONJ")
                           or doc.words[first].text.lower() in lexicon.ARTICLES):
        first += 1
    while end > first and doc.words[end - 1].upos in ("PUNCT", "CCONJ", "ADP"):
        end -= 1
    if end <= first:
        return None
    return _clean(doc.span_text(first, end)[2])


def _appositive(doc: ParsedDoc, head: int, end: int) -> int | None:
    """The head of an apposition to the mention ("Smith, the U.S. ambassador"); never one
    across a quotation mark ("said the old man; “his name’s George”" with "George" hung on
    "man" is the quote's, not the speaker's name)."""
    for c in doc.children[head]:
        if doc.words[c].deprel == "appos" and c >= end:
            start = mention_words(doc, c)[0]
            if any(doc.words[k].text in lexicon.QUOTE_MARKS for k in range(end, start + 1)):
                continue
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
        return Described(head=head, first_word=head, end_word=head + 1, kind=SpeakerKind.PRONOUN,
                         label=w.text, gender=gender, plural=number == "plur")
    # "one of them", "one of the officials", "some of the residents"
    if lower in lexicon.PARTITIVE_QUANTIFIERS and any(
            words[c].deprel.startswith("nmod") or words[c].deprel == "obl"
            for c in doc.children[head]):
        return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.ANONYMOUS,
                         label=label, plural=lower != "one")
    return _describe_phrase(doc, head, first, end, label, plural, index)


def _describe_phrase(doc: ParsedDoc, head: int, first: int, end: int, label: str,
                     plural: bool, index: EntityIndex | None) -> Described:
    """A noun phrase that is no pronoun: a name, an organization, a role or an anonymous
    source."""
    w = doc.words[head]
    run = _role_name_run(doc, head, end) or name_run(doc, first, end, head)
    title = None
    organization = None
    appos = _appositive(doc, head, end)
    if appos is not None and not _role_like(doc, appos):
        appos = None  # "not this evening, Durbeyfield": a vocative, not a title
    appos_span = mention_words(doc, appos) if appos is not None else None
    if appos is not None and appos_span is not None:
        title = _strip_det(doc, *appos_span)
        organization = _organization(doc, appos_span[0], appos_span[1], appos)
    if run is not None and _is_titleword(doc.words[run[1] - 1]) and not doc.entities:
        run = None  # "Shadow Home Secretary": a role written in capitals, not a name
    run_type = _entity_type(doc, run[0], run[1]) if run else None
    is_role = w.upos == "NOUN" or _is_titleword(w)
    if run is not None and _name_only_modifies(doc, head, end, run, run_type, is_role):
        run = None
    if run is None and is_role and appos_span is not None:
        # C: "the team's coach, Alireza Mehraban": the apposition names the person
        a_run = name_run(doc, *appos_span)
        a_type = _entity_type(doc, *a_run) if a_run else None
        if a_run is not None and a_type not in _ORG_ENTITY and not _org_like(doc, *a_run):
            name = _clean(doc.span_text(*a_run)[2])
            return _named(doc, head, first, end, name, _strip_det(doc, first, end),
                          _organization(doc, first, end, head), index)
    if run is not None:
        if organization is None and run[0] > head and _is_titleword(w):
            # "Officer Dana Reyes of the Millbrook Police Department": the role's of-phrase
            organization = _organization(doc, run[1], end, run[1] - 1)
        return _describe_name(doc, head, first, end, run, run_type, title, organization,
                              plural, index)
    return _describe_common(doc, head, first, end, label, title, plural)


def _role_name_run(doc: ParsedDoc, head: int, end: int) -> tuple[int, int] | None:
    """The name hung flat on a role head, before an of-phrase: "Officer Dana Reyes of the
    Millbrook Police Department" -> "Dana Reyes" (not the longer organization after it)."""
    if not _is_titleword(doc.words[head]) or head + 1 >= end:
        return None
    k = head + 1
    while k < end and doc.words[k].head in (head, k - 1) and \
            doc.words[k].deprel.startswith("flat") and doc.words[k].upos == "PROPN":
        k += 1
    if k == head + 1 or k >= end or not any(
            doc.words[c].deprel.startswith("nmod") and c >= k for c in doc.children[head]):
        return None
    run = name_run(doc, head + 1, k)
    return run if run is not None and not _org_like(doc, *run) else None


def _name_only_modifies(doc: ParsedDoc, head: int, end: int, run: tuple[int, int],
                        run_type: str | None, is_role: bool) -> bool:
    """Is the name in the phrase only a modifier of its role head ("the U.S. ambassador")?"""
    w = doc.words[head]
    if run[0] <= head < run[1] or not is_role:
        return False
    if run[0] > head and run_type not in _ORG_ENTITY and _names_role(doc, head, run) and \
            (run[1] == end or run[0] == head + 1):
        # B: "spokesman John Smith" with the role as head: the name is the person, also
        # with an of-phrase after it ("Officer Dana Reyes of the Millbrook Police")
        return False
    # a proper noun inside a role phrase ("the U.S. ambassador"); but "Miss Pinkerton"
    # with the honorific as head of a flat name is the person
    return not (run[0] == head + 1 and w.upos == "PROPN" and
                w.text.lower() in lexicon.HONORIFICS)


def _describe_name(doc: ParsedDoc, head: int, first: int, end: int, run: tuple[int, int],
                   run_type: str | None, title: str | None, organization: str | None,
                   plural: bool, index: EntityIndex | None) -> Described:
    """A phrase with a name in it: a person's (with the title before it) or an
    organization's."""
    name = _clean(doc.span_text(run[0], run[1])[2])
    if run_type in _ORG_ENTITY and index is not None and index.is_person(name):
        run_type = "PERSON"  # tagged ORG here, PERSON elsewhere in the document
    if run_type in _ORG_ENTITY or (run_type is None and _org_like(doc, run[0], run[1])):
        return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.ORGANIZATION,
                         label=_strip_det(doc, first, end) or name, organization=name,
                         plural=plural)
    pre = _strip_det(doc, first, run[0]) if run[0] > first else None
    if pre and pre.lower().rstrip(".") not in lexicon.COURTESY_TITLES:  # "Ms" is no title
        title = title or pre
        organization = organization or _organization(doc, first, run[0], run[0])
    return _named(doc, head, first, end, name, title, organization, index)


def _describe_common(doc: ParsedDoc, head: int, first: int, end: int, label: str,
                     title: str | None, plural: bool) -> Described:
    """A phrase without a person's name: an organization, an anonymous source or a role."""
    words = doc.words
    w = words[head]
    lower = w.text.lower()
    head_type = doc.entities[doc.word_entity[head]].type if doc.word_entity[head] >= 0 else None
    if w.upos == "PROPN" or head_type in _ORG_ENTITY:
        label = _strip_det(doc, first, end) or label
        return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.ORGANIZATION,
                         label=label, organization=label, plural=plural)
    dets = [words[c].text.lower() for c in doc.children[head]
            if words[c].deprel in ("det", "nummod", "det:predet", "amod", "det:nummod")
            and c < head]
    has_poss = any(words[c].deprel in ("nmod:poss", "det:poss") for c in doc.children[head])
    definite = has_poss or any(d in lexicon.DEFINITE_DETERMINERS for d in dets)
    markers = any(words[i].text.lower() in lexicon.ANONYMITY_MARKERS for i in range(head, end))
    gender = _gender(doc, first, end)
    org = _organization(doc, first, end, head)
    if (lower in lexicon.ORGANIZATION_HEADS and lower not in _PERSON_NOUNS or
            w.lemma.lower() in lexicon.DOCUMENT_NOUNS) and not markers:
        # a document speaks as one when no author is named ("a leaked letter says …")
        return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.ORGANIZATION,
                         label=label, organization=org or _strip_det(doc, first, end),
                         plural=plural)
    anonymous_det = any(d in lexicon.ANONYMOUS_DETERMINERS or d.isdigit() for d in dets)
    if markers or (not definite and (anonymous_det or plural or not dets)):
        return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.ANONYMOUS,
                         label=label, organization=org, gender=gender, plural=plural)
    return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.TITLED, label=label,
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
    if len(top) > 1 and all(doc.words[i].head == head and doc.words[i].deprel.startswith("flat")
                            for i in top) and not _org_like(doc, *run):
        return True  # each part of the name hung flat on the role ("Officer/head Dana Reyes")
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
        name = index.canonical(name, gender)
        known = index.info(name)
        title = title or known.get("title")
        organization = organization or known.get("organization")
        gender = gender or known.get("gender")
    return Described(head=head, first_word=first, end_word=end, kind=SpeakerKind.NAMED, label=name,
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


def _person_runs(doc: ParsedDoc) -> list[tuple[int, int]]:
    """Where the document names people: PERSON entities, or without NER, runs of proper
    nouns that do not look like organizations."""
    runs: list[tuple[int, int]] = []
    if doc.entities:
        for ent in doc.entities:
            if ent.type in _PERSON_ENTITY:
                run = name_run(doc, ent.first_word, ent.end_word)
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
                run = name_run(doc, i, j)
                if run and not _org_like(doc, run[0], run[1]):
                    runs.append(run)
                i = j
            else:
                i += 1
    return runs


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
        runs = _person_runs(doc)
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

    def canonical(self, name: str, sex: str | None = None) -> str:
        """The fullest form of ``name`` among the document's names. Where two full names
        share its surname, neither, unless ``sex`` (what the mention tells: "Mrs.") or an
        honorific in ``name`` picks one by its first name."""
        tokens = tuple(name.split())
        if not tokens:
            return name
        best = tokens
        surname = tokens[-1].lower()
        fuller = [c for c in self._names if len(c) > len(tokens) and
                  c[-1].lower() == surname and _compatible(tokens, c)]
        # the fullest forms: a family shares a surname ("Jock McChesney", "Emma McChesney"),
        # and "McChesney" alone is then neither, unless an honorific tells which ("Mrs.")
        widest = [c for c in fuller
                  if not any(len(o) > len(c) and _compatible(c, o) for o in fuller)]
        if len(widest) > 1:
            widest = _of_sex(tokens, widest, sex)
        if len(widest) == 1:
            best = widest[0]
        if best == tokens and len(tokens) == 1 and not fuller:
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

    def with_genders(self, genders: Mapping[str, str]) -> EntityIndex:
        """A copy that also knows the genders learned from resolved pronouns (``name ->
        gender``); a gender the text gave the name itself wins. ``self`` is not changed."""
        if not genders:
            return self
        other = object.__new__(EntityIndex)
        other.doc = self.doc
        other._names = self._names
        other._info = {k: dict(v) for k, v in self._info.items()}
        for name, gender in genders.items():
            other._info.setdefault(name, {}).setdefault("gender", gender)
        return other


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


def _of_sex(tokens: Sequence[str], names: list[tuple[str, ...]], sex: str | None
            ) -> list[tuple[str, ...]]:
    """Of several full names a short form could be, those whose first name's sex (the
    first-name list) is the mention's (``sex``, else the short form's honorific: "Mrs.
    McChesney" -> "Emma McChesney", not "Jock McChesney"); all of them when neither tells."""
    from quoteattr.names import first_name_gender, honorific_gender

    if sex not in ("male", "female"):
        sex = honorific_gender(tuple(tokens))
    if sex is None:
        return names
    return [n for n in names if first_name_gender(n[0]) == sex]


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

