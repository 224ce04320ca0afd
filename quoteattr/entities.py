"""Speakers as people: the entity layer, a post-pass over attributed quotes.

Attribution (`quoteattr.attribution`) gives each speech quote a speaker *mention*; this
module groups the mentions of one document into [Entity][quoteattr.Entity] objects and
gives every speaker its entity id. Mentions are the speakers' own and the person names the
text writes outside quotes (a named person is a candidate even before speaking). They are
taken in text order, and each is linked by the first step of `STEPS` that finds its
entity; a mention no step links starts a new entity (``entity:new``). The step that linked a
speaker is added to its quote's ``evidence``.

Precision first: a wrong merge is worse than none. Every step declines when two entities
would fit equally well, an indefinite source ("a European diplomat") is never merged by its
words alone, and a pronoun links only to an entity whose gender and number fit.

A speaker linked to a named entity (a pronoun, a name fragment, a description, or the name
itself) gets the entity's best name as ``name`` ("Miss Bartlett" where attribution said
"Bartlett"); a pronoun also takes the entity's kind, title and organization. The label keeps
the words attribution gave it.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Sequence

import attrs
import regex

from quoteattr import lexicon
from quoteattr.names import (
    NEUTRAL_HONORIFICS,
    first_name_gender,
    honorific_gender,
    split_name,
)
from quoteattr.parse import ParsedDoc
from quoteattr.attribution.pronouns import Antecedent, candidate_antecedents
from quoteattr.speaker_kinds import Described, EntityIndex, describe
from quoteattr.types import Entity, Quote, Span, Speaker, SpeakerKind

__all__ = ["STEPS", "AttributedQuotes", "link_entities"]


class AttributedQuotes(tuple):
    """The quotes of a document (a tuple, as before) with its entities as ``.entities``."""

    entities: tuple[Entity, ...] = ()

    def __new__(cls, quotes: Sequence[Quote], entities: Sequence[Entity] = ()):
        self = super().__new__(cls, quotes)
        self.entities = tuple(entities)
        return self


# --------------------------------------------------------------------------------------------
# What the steps work on


@attrs.define(eq=False)
class _Mention:
    """One mention of a would-be entity."""

    start: int
    end: int
    kind: SpeakerKind
    label: str
    head: int | None = None  # its head word, when the parse has one
    honorifics: tuple[str, ...] = ()  # "Miss" of "Miss Bartlett"
    tokens: tuple[str, ...] = ()  # the name proper as written, for a named mention
    title: str | None = None
    organization: str | None = None
    gender: str | None = None  # what the words say: "male", "female", "plural" or None
    pronoun: str | None = None  # lower-cased, for a pronoun mention
    plural: bool = False
    speaker: bool = False  # a speaker's mention (not a name met in the narration)
    subject: bool = False
    paragraph: int = 0
    quote: tuple[int, int] | None = None  # the quote it is the speaker of
    inside_quote: bool = False  # the mention itself stands inside quotation marks
    #: a pronoun attribution resolved to a description: that description's mention
    antecedent: _Mention | None = None


@attrs.define(eq=False)
class _Group:
    """An entity under construction."""

    mentions: list[_Mention] = attrs.field(factory=list)
    forms: list[tuple[tuple[str, ...], tuple[str, ...]]] = attrs.field(factory=list)
    descriptions: list[str] = attrs.field(factory=list)  # definite labels, lower-cased
    heads: set[str] = attrs.field(factory=set)  # lemmas of description heads and titles
    narrator: bool = False
    narrator_name: str | None = None
    #: steps that named the entity after it was linked (added to its quotes' evidence)
    named_by: tuple[str, ...] = ()

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        if m.tokens and (m.honorifics, m.tokens) not in self.forms:
            self.forms.append((m.honorifics, m.tokens))

    @property
    def last(self) -> _Mention:
        return self.mentions[-1]

    def keys(self) -> set[tuple[str, ...]]:
        return {tuple(t.lower() for t in tokens) for _, tokens in self.forms}

    def honorific_set(self) -> set[str]:
        return {h.lower().rstrip(".") for hs, _ in self.forms for h in hs}

    def has_first_name(self) -> bool:
        return any(len(tokens) >= 2 for _, tokens in self.forms)

    def gender(self) -> str:
        """What the text says of it: the gender its pronouns, honorifics and gendered nouns
        give, where one is at least three times as frequent as any other; else "unknown"."""
        votes = Counter(m.gender for m in self.mentions if m.gender)
        if not votes:
            return "unknown"
        (top, n), *rest = votes.most_common()
        if rest and rest[0][1] * 3 > n:
            return "unknown"
        return top

    def prior_gender(self) -> str | None:
        """The first-name prior (resolution only): the first token of a full name."""
        for _, tokens in self.forms:
            if len(tokens) >= 2:
                g = first_name_gender(tokens[0])
                if g:
                    return g
        return None

    def kind(self) -> SpeakerKind:
        if self.forms or self.narrator_name:
            return SpeakerKind.NAMED
        if self.narrator:
            return SpeakerKind.TITLED
        kinds = [m.kind for m in self.mentions if m.kind is not SpeakerKind.PRONOUN]
        return kinds[0] if kinds else SpeakerKind.PRONOUN

    def name(self) -> str:
        """The fullest form as written (most name tokens, then an honorific kept)."""
        if self.narrator:
            return self.narrator_name or "the narrator"
        if self.forms:
            hon, tokens = max(self.forms, key=lambda f: (len(f[1]), len(f[0])))
            return " ".join(hon + tokens)
        for m in self.mentions:
            if m.kind is not SpeakerKind.PRONOUN:
                return m.label
        return self.mentions[0].label

    def plural(self) -> bool:
        return any(m.plural for m in self.mentions if m.kind is not SpeakerKind.PRONOUN) or \
            any(m.kind is SpeakerKind.ORGANIZATION for m in self.mentions)


@attrs.define(eq=False)
class _Context:
    """What the steps read: the document and the entities so far (in creation order)."""

    text: str
    doc: ParsedDoc
    index: EntityIndex
    paragraphs: Sequence[tuple[int, int]]
    quoted: list[tuple[int, int]]
    groups: list[_Group] = attrs.field(factory=list)
    by_span: dict[tuple[int, int], _Group] = attrs.field(factory=dict)
    narrator: _Group | None = None
    #: (start, paragraph, head lemma) of every unnamed person noun phrase in the narration
    descriptions: list[tuple[int, int, str]] = attrs.field(factory=list)

    _starts: list[int] = attrs.field(factory=list)

    def paragraph_of(self, offset: int) -> int:
        if not self._starts:
            self._starts = [p[0] for p in self.paragraphs]
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def in_quote(self, start: int) -> bool:
        k = bisect.bisect_right(self.quoted, (start, 10**12)) - 1
        return k >= 0 and self.quoted[k][0] <= start < self.quoted[k][1]

    def before(self, m: _Mention) -> list[_Group]:
        """Entities mentioned before ``m``."""
        return [g for g in self.groups if g.mentions[0].start < m.start]


Step = Callable[[_Context, _Mention], "_Group | None"]


# --------------------------------------------------------------------------------------------
# The steps, in the order they are tried


def link_coref_chain(ctx: _Context, m: _Mention) -> _Group | None:
    """A pronoun or description in a coreference chain (``ParsedDoc.coref``, present when the
    pipeline ran coref) goes with the chain's fullest name: "Julia Stone ... “…,” she said"
    with she and Julia Stone in one chain."""
    if ctx.doc.coref is None or m.head is None or m.kind is SpeakerKind.NAMED:
        return None
    for chain in ctx.doc.coref:
        if not any(a <= m.head < b for a, b in chain.mentions):
            continue
        best: tuple[int, _Mention] | None = None
        for a, b in chain.mentions:
            if a <= m.head < b:
                continue
            named = _named_mention(ctx, ctx.doc.head_of(a, b))
            if named is not None and (best is None or len(named.tokens) > best[0]):
                best = (len(named.tokens), named)
        if best is None:
            return None
        return _group_for_name(ctx, best[1])
    return None


def link_narrator(ctx: _Context, m: _Mention) -> _Group | None:
    """First-person narration: an "I" that is not inside a quotation is the narrator ("“Hold
    your noise!” cried a terrible voice ... “Oh! Don't cut my throat, sir,” I pleaded"); an
    "I" inside a quote is that quote's speaker, which attribution already settled."""
    if m.pronoun not in ("i", "me") or m.inside_quote:
        return None
    if ctx.narrator is None:
        ctx.narrator = _Group(narrator=True, narrator_name=_narrator_name(ctx))
        ctx.groups.append(ctx.narrator)
    return ctx.narrator


def link_same_name(ctx: _Context, m: _Mention) -> _Group | None:
    """A name written again, with or without an honorific: "Mr. Beebe" after "Beebe", "Rutte"
    after "Rutte" -- the one entity with that name whose honorifics do not contradict it."""
    if not m.tokens:
        return None
    key = tuple(t.lower() for t in m.tokens)
    found = [g for g in ctx.groups if key in g.keys() and _honorifics_fit(m, g, exact=True)]
    return found[0] if len(found) == 1 else None


def link_name_fragment(ctx: _Context, m: _Mention) -> _Group | None:
    """Part of a name links to the one entity whose name holds it: "Rutte" to "Mark Rutte",
    "Ms. Smith" to "Julia Smith", "Katharine" to "Katharine Hilbery"; and a full name to the
    fragment met first ("Beebe", then "Arthur Beebe"). Two entities that fit ("Bennet": Mr.
    and Mrs. Bennet) link neither."""
    if not m.tokens:
        return None
    key = [t.lower() for t in m.tokens]
    found = []
    for g in ctx.groups:
        if g.narrator:
            continue
        if any(_fragment_of(key, list(k)) or _fragment_of(list(k), key) for k in g.keys()) \
                and _honorifics_fit(m, g, exact=False):
            found.append(g)
    return found[0] if len(found) == 1 else None


def link_apposition(ctx: _Context, m: _Mention) -> _Group | None:
    """A description set beside a name is that person: "Smith, a spokeswoman for the ministry,
    declined to comment. “We will respond,” she said." -- the spokeswoman is Smith."""
    if m.head is None or m.kind not in (SpeakerKind.TITLED, SpeakerKind.ANONYMOUS):
        return None
    doc = ctx.doc
    w = doc.words[m.head]
    name_head = None
    if w.deprel == "appos" and w.head >= 0 and w.head < m.head:
        name_head = w.head
    elif w.head >= 0:
        # a parser that made the apposition a second subject of the verb: "Smith/nsubj ,
        # a spokeswoman/nsubj ... declined"
        sisters = [c for c in doc.children[w.head] if c < m.head and
                   doc.words[c].deprel == w.deprel and doc.words[c].upos == "PROPN"]
        first = _first_word(ctx, m)
        if sisters and first is not None and first > 0 and doc.words[first - 1].text == ",":
            name_head = sisters[-1]
    if name_head is None:
        return None
    named = _named_mention(ctx, name_head) or _untagged_name(ctx, name_head)
    if named is None:
        return None
    return _group_for_name(ctx, named)


def link_same_description(ctx: _Context, m: _Mention) -> _Group | None:
    """A definite description written again is the same one: "the U.S. ambassador to NATO"
    twice. Indefinite ones ("a European diplomat") never merge by their words. A possessive
    one is definite too, within its possessor's reach: the narration's "my father" is one
    man all through; "his mother" again within the scene (`_SCENE_PARAGRAPHS`), where the
    "his" is most likely the same man's (further on it may be another's)."""
    possessor = _possessor(m.label)
    if m.kind not in (SpeakerKind.TITLED, SpeakerKind.ORGANIZATION) or not (
            _definite(m.label) or possessor) and m.kind is SpeakerKind.TITLED:
        return None
    if possessor and m.inside_quote:
        return None  # a quote's "my father" is its speaker's
    low = _norm(m.label)
    found = [g for g in ctx.groups if low in g.descriptions]
    if possessor in ("his", "her", "their", "your"):
        found = [g for g in found if m.paragraph - g.last.paragraph <= _SCENE_PARAGRAPHS]
    return found[-1] if len(found) == 1 else None


#: Possessive determiners that make a description definite ("my father", "his mother").
_POSSESSORS = frozenset({"my", "our", "his", "her", "their", "your"})


def _possessor(label: str) -> str | None:
    """The possessive determiner a description opens with ("his" of "his mother"), or None."""
    first = label.lower().split(" ", 1)[0]
    return first if first in _POSSESSORS else None


#: How many paragraphs back a description may find its entity ("the diplomat added").
_SCENE_PARAGRAPHS = 6


def link_definite_description(ctx: _Context, m: _Mention) -> _Group | None:
    """A definite description takes up the one recent entity its head noun already named:
    "a European diplomat said ... “…,” the diplomat added"; "the parson" after "Parson
    Tringham". Two recent entities with that noun (two diplomats) link neither."""
    if m.head is None or m.kind is not SpeakerKind.TITLED or not _definite(m.label):
        return None
    lemma = ctx.doc.words[m.head].lemma.lower()
    found = [g for g in ctx.before(m) if lemma in g.heads and
             m.paragraph - g.last.paragraph <= _SCENE_PARAGRAPHS and _genders_fit(m.gender, g)]
    return found[0] if len(found) == 1 else None


#: Person nouns that say a sex and nothing more ("the girl", "the old man").
_GENDER_NOUNS = {"girl": "female", "woman": "female", "lady": "female", "boy": "male",
                 "man": "male", "gentleman": "male", "lad": "male", "lass": "female"}
#: How many paragraphs back "the girl" may look for the one girl of the scene.
_SCENE_NOUN_PARAGRAPHS = 2


def link_scene_gender_noun(ctx: _Context, m: _Mention) -> _Group | None:
    """"the girl" is the one girl of the scene: the one named entity of that sex mentioned in
    this paragraph or the two before, when no other person of unknown sex is there and the
    narration did not bring in another one ("a girl") meanwhile. "“…,” the girl said" after
    "Mary Lennox sat up." with no one else about is Mary's."""
    if m.head is None or m.kind is not SpeakerKind.TITLED or not _definite(m.label):
        return None
    words = m.label.lower().split()
    lemma = ctx.doc.words[m.head].lemma.lower()
    sex = _GENDER_NOUNS.get(lemma)
    if sex is None or len(words) > 3:
        return None
    scene = [g for g in ctx.before(m) if not g.narrator and
             m.paragraph - g.last.paragraph <= _SCENE_NOUN_PARAGRAPHS and
             any(x.start < m.start for x in g.mentions)]
    fits = []
    for g in scene:
        if g.kind() is SpeakerKind.PRONOUN or g.plural():
            continue
        said = g.gender()
        sex_of = said if said in ("male", "female") else g.prior_gender()
        if sex_of is None:
            if g.forms:
                return None  # a named person whose sex the text does not tell: could be
            continue
        if sex_of == sex and g.forms:
            fits.append(g)
    if len(fits) != 1:
        return None
    first = min(x.start for x in fits[0].mentions if x.paragraph >= m.paragraph -
                _SCENE_NOUN_PARAGRAPHS)
    if any(first < start < m.start and lem == lemma for start, _, lem in ctx.descriptions):
        return None  # "a girl" came in after her: that one may be meant
    return fits[0]


def link_pronoun(ctx: _Context, m: _Mention) -> _Group | None:
    """A pronoun attribution left unresolved ("“…,” he said" with the man named paragraphs
    before) goes to the most salient entity that agrees with it, over the whole document:
    salience adds up the entity's mentions, each weighed by how recent it is (by paragraph),
    whether it was a subject and whether it spoke; gender and number must agree (the text's
    own evidence first, a first-name list as a prior); "he" or "she" is a person (a name or
    a person noun, not "his horse"); whoever the quote addresses by name is not its
    speaker. It links only when the best is clearly ahead of the next."""
    if m.pronoun not in ("he", "she", "they") or m.inside_quote:
        return None
    addressed = _addressed(ctx, m.quote)
    scored = []
    for g in ctx.before(m):
        if g.narrator or g.kind() is SpeakerKind.PRONOUN:
            continue
        if (m.pronoun == "they") != g.plural():
            continue
        if m.pronoun != "they" and not _a_person(ctx, g):
            continue  # "his horse", "a harsh voice", "one of the women" are not a "he"
        if m.pronoun != "they" and not _genders_fit(m.gender, g, prior=True):
            continue
        if addressed and g.keys() & addressed:
            continue
        salience = 0.0
        for x in g.mentions:
            if x.start >= m.start:
                break
            weight = 1.0 + 0.5 * x.subject + 1.0 * x.speaker
            salience += weight * 0.7 ** max(0, m.paragraph - x.paragraph)
        if m.pronoun != "they" and g.gender() == m.gender:
            salience *= 1.5  # the text itself said so
        scored.append((salience, g))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[0][0] < 2.0 * scored[1][0]:
        return None
    return scored[0][1]


#: The resolution steps, in order, each with the id recorded in a linked quote's evidence.
STEPS: tuple[tuple[str, Step], ...] = (
    ("entity:coref-chain", link_coref_chain),
    ("entity:narrator", link_narrator),
    ("entity:same-name", link_same_name),
    ("entity:name-fragment", link_name_fragment),
    ("entity:apposition", link_apposition),
    ("entity:same-description", link_same_description),
    ("entity:definite-description", link_definite_description),
    ("entity:scene-gender-noun", link_scene_gender_noun),
    ("entity:pronoun-salience", link_pronoun),
)
#: Run once all mentions are linked: `narrator_addressed` ("entity:narrator-addressed").


# --------------------------------------------------------------------------------------------
# The pass


def link_entities(text: str, quotes: Sequence[Quote], doc: ParsedDoc | None,
                  paragraphs: Sequence[tuple[int, int]], index: EntityIndex | None = None,
                  antecedents: Sequence[Antecedent] | None = None) -> AttributedQuotes:
    """Group the speakers of ``quotes`` (and the people the text names) into entities.

    Returns the quotes, each speaker with its ``entity`` id (and, where a step resolved it,
    the entity's name), as an `AttributedQuotes` whose ``entities`` are in order of
    first mention. Without a parse there is nothing to link: the quotes come back as they are.
    ``index`` and ``antecedents`` (the document's `EntityIndex` and its
    `candidate_antecedents` outside the quotes, as the attribution computed them) are
    computed here when not given.
    """
    if doc is None or not doc.words:
        return AttributedQuotes(quotes)
    if index is None:
        index = EntityIndex(doc)
    quoted: list[tuple[int, int]] = []
    for a, b in sorted((q.start, q.end) for q in quotes):
        if not quoted or a >= quoted[-1][1]:
            quoted.append((a, b))  # a quote nested in the one before is inside it already
    paragraphs = paragraphs or [(0, len(text))]
    if antecedents is None:
        antecedents = candidate_antecedents(doc, index, paragraphs, quoted)
    ctx = _Context(text=text, doc=doc, index=index, paragraphs=paragraphs, quoted=quoted)
    mentions = _speaker_mentions(ctx, quotes) + _narration_names(ctx, quotes, antecedents)
    mentions.sort(key=lambda m: (m.start, not m.speaker))
    rule_of: dict[tuple[int, int], str] = {}
    for m in mentions:
        group, rule = _link(ctx, m)
        if rule is not None:
            rule_of[(m.start, m.end)] = rule
    if ctx.narrator is not None and ctx.narrator.narrator_name is None:
        name = narrator_addressed(ctx, quotes)
        if name is not None:
            ctx.narrator.narrator_name = _merge_into_narrator(ctx, name)
            ctx.narrator.named_by = ("entity:narrator-addressed",)
    groups = sorted((g for g in ctx.groups if g.mentions),
                    key=lambda g: min(x.start for x in g.mentions))
    ids = {id(g): f"e{n}" for n, g in enumerate(groups, 1)}
    entities = tuple(_entity(ctx, g, ids[id(g)]) for g in groups)
    by_id = {e.id: e for e in entities}
    out = []
    for q in quotes:
        sp = q.speaker
        if sp is None:
            out.append(q)
            continue
        key = (sp.mention.start, sp.mention.end)
        found = ctx.by_span.get(key)
        if found is None:
            out.append(q)
            continue
        ent = by_id[ids[id(found)]]
        rule = rule_of.get(key)
        out.append(attrs.evolve(q, speaker=_resolved(sp, ent),
                                evidence=q.evidence + ((rule,) if rule else ()) +
                                found.named_by))
    return AttributedQuotes(out, entities)


def _link(ctx: _Context, m: _Mention) -> tuple[_Group, str | None]:
    """The entity of a mention and the step that found it (None: met before)."""
    key = (m.start, m.end)
    group = ctx.by_span.get(key)
    if group is not None:
        return group, None
    rule = None
    if m.antecedent is not None:
        # "she" that attribution resolved to "a spokeswoman ...": she is whoever that is
        group, rule = _link(ctx, m.antecedent)
        if rule in (None, "entity:new"):
            rule = "entity:pronoun-antecedent"  # else the step that linked the description
    else:
        for rule_id, step in STEPS:
            group = step(ctx, m)
            if group is not None:
                rule = rule_id
                break
    if group is None:
        group = _Group()
        ctx.groups.append(group)
        rule = "entity:new"
    _absorb(group, m, ctx.doc)
    ctx.by_span[key] = group
    return group, rule


def _resolved(sp: Speaker, ent: Entity) -> Speaker:
    """The speaker with its entity id; linked to a named entity, or a pronoun linked at all,
    it takes the entity's name (and a pronoun the entity's kind, title and organization).
    The label keeps the words as written."""
    if ent.kind is SpeakerKind.PRONOUN:
        return attrs.evolve(sp, entity=ent.id)
    if ent.kind is SpeakerKind.NAMED or sp.kind is SpeakerKind.PRONOUN:
        return attrs.evolve(
            sp, entity=ent.id, name=ent.name,
            kind=ent.kind if sp.kind is SpeakerKind.PRONOUN or ent.kind is SpeakerKind.NAMED
            else sp.kind,
            title=sp.title or ent.title, organization=sp.organization or ent.organization)
    return attrs.evolve(sp, entity=ent.id)


def _entity(ctx: _Context, g: _Group, ident: str) -> Entity:
    spans = sorted({(m.start, m.end) for m in g.mentions})
    title = next((m.title for m in g.mentions if m.title), None)
    if title is None and g.forms:
        # a named person linked to a description ("Smith, a spokeswoman for the ministry")
        title = next((regex.sub(r"(?i)^(?:an?|the|one)\s+", "", m.label) for m in g.mentions
                      if m.kind in (SpeakerKind.TITLED, SpeakerKind.ANONYMOUS)), None)
    org = next((m.organization for m in g.mentions if m.organization), None)
    gender = g.gender()
    if gender == "unknown" and g.plural():
        gender = "plural"
    return Entity(id=ident, name=g.name(), kind=g.kind(), title=title, organization=org,
                  gender=gender, mentions=tuple(Span.of(ctx.text, a, b) for a, b in spans))


def _absorb(g: _Group, m: _Mention, doc: ParsedDoc) -> None:
    g.add(m)
    if m.kind is SpeakerKind.ORGANIZATION or m.kind is SpeakerKind.TITLED and (
            _definite(m.label) or _possessor(m.label) and not m.inside_quote):
        g.descriptions.append(_norm(m.label))
    if m.head is not None and m.kind in (SpeakerKind.TITLED, SpeakerKind.ANONYMOUS):
        g.heads.add(doc.words[m.head].lemma.lower())
    for text in (m.title or "", " ".join(m.honorifics)):
        for t in text.split():
            if t[:1].isalpha():
                g.heads.add(t.lower().rstrip("."))
    for t in m.tokens[:-1]:
        # a role written as part of the name: "Parson Tringham" is "the parson"
        low = t.lower().rstrip(".")
        if low in lexicon.person_nouns() or low in lexicon.TITLE_WORDS:
            g.heads.add(low)


# --------------------------------------------------------------------------------------------
# Mentions


def _speaker_mentions(ctx: _Context, quotes: Sequence[Quote]) -> list[_Mention]:
    out = []
    seen: set[tuple[int, int]] = set()
    for q in quotes:
        sp = q.speaker
        if sp is None:
            continue
        key = (sp.mention.start, sp.mention.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(_from_speaker(ctx, sp, (q.start, q.end)))
    return out


def _from_speaker(ctx: _Context, sp: Speaker, quote: tuple[int, int]) -> _Mention:
    doc = ctx.doc
    words = doc.words_between(sp.mention.start, sp.mention.end)
    head = doc.head_of(words.start, words.stop) if len(words) else None
    low = sp.mention.text.lower()
    m = _Mention(start=sp.mention.start, end=sp.mention.end, kind=sp.kind, label=sp.label,
                 head=head, title=sp.title, organization=sp.organization, speaker=True,
                 paragraph=ctx.paragraph_of(sp.mention.start), quote=quote,
                 inside_quote=ctx.in_quote(sp.mention.start))
    if head is not None:
        m.subject = doc.words[head].deprel.startswith("nsubj")
    if low in lexicon.PRONOUNS:
        person, number, gender = lexicon.PRONOUNS[low]
        m.gender = "plural" if number == "plur" and person == 3 else gender \
            if gender in ("male", "female") else None
        m.plural = number == "plur"
        if sp.kind is SpeakerKind.PRONOUN:
            m.pronoun = low
        elif sp.name:
            # resolved by attribution ("she" -> Julia Stone): a mention of that name
            m.honorifics, m.tokens = split_name(sp.name)
        else:
            m.antecedent = _description_before(ctx, sp)
        return m
    if sp.kind is SpeakerKind.NAMED and head is not None:
        named = _named_mention(ctx, head, fallback=sp)
        if named is not None:
            m.honorifics, m.tokens, m.gender = named.honorifics, named.tokens, named.gender
            return m
    if sp.kind is SpeakerKind.NAMED and sp.name:
        m.honorifics, m.tokens = split_name(sp.name)
    if head is not None:
        d = describe(doc, head, None)
        m.gender = d.gender
        m.plural = d.plural
    return m


def _named_mention(ctx: _Context, head: int, fallback: Speaker | None = None
                   ) -> _Mention | None:
    """The name a word heads, as written in the text (honorific kept), or None."""
    doc = ctx.doc
    d: Described = describe(doc, head, ctx.index)
    if d.kind is not SpeakerKind.NAMED:
        return None
    honorifics, tokens = _written_name(doc, d)
    if not tokens:
        if fallback is None or not fallback.name:
            return None
        honorifics, tokens = split_name(fallback.name)
    start, stop, _ = doc.span_text(d.first_word, d.end_word)
    gender = honorific_gender(honorifics) or d.gender
    return _Mention(start=start, end=stop, kind=SpeakerKind.NAMED, label=d.label, head=head,
                    honorifics=honorifics, tokens=tokens, title=d.title,
                    organization=d.organization, gender=gender,
                    subject=doc.words[head].deprel.startswith("nsubj"),
                    paragraph=ctx.paragraph_of(start), inside_quote=ctx.in_quote(start))


def _description_before(ctx: _Context, sp: Speaker) -> _Mention | None:
    """The description a resolved pronoun stands for: its nearest mention before the
    pronoun, outside quotes (attribution keeps the label, not where it was)."""
    doc = ctx.doc
    at = sp.mention.start
    while True:
        at = ctx.text.rfind(sp.label, 0, at)
        if at < 0:
            return None
        if not ctx.in_quote(at):
            break
    words = doc.words_between(at, at + len(sp.label))
    if not len(words):
        return None
    head = doc.head_of(words.start, words.stop)
    d = describe(doc, head, ctx.index)
    if d.kind is SpeakerKind.PRONOUN:
        return None
    start, stop, _ = doc.span_text(d.first_word, d.end_word)
    return _Mention(start=start, end=stop, kind=d.kind, label=d.label, head=head,
                    title=d.title, organization=d.organization, gender=d.gender,
                    plural=d.plural, subject=doc.words[head].deprel.startswith("nsubj"),
                    paragraph=ctx.paragraph_of(start), inside_quote=False)


def _untagged_name(ctx: _Context, head: int) -> _Mention | None:
    """A proper noun the tagger gave no entity type, set beside a person noun: a name all the
    same ("Smith, a spokeswoman ..." with NER silent on Smith)."""
    doc = ctx.doc
    w = doc.words[head]
    if w.upos != "PROPN" or doc.word_entity[head] >= 0 or not w.text[:1].isupper():
        return None
    last = head
    for c in doc.children[head]:
        if doc.words[c].deprel.startswith("flat") and c == last + 1:
            last = c
    start, stop, written = doc.span_text(head, last + 1)
    honorifics, tokens = split_name(written)
    if not tokens:
        return None
    return _Mention(start=start, end=stop, kind=SpeakerKind.NAMED, label=written, head=head,
                    honorifics=honorifics, tokens=tokens,
                    gender=honorific_gender(honorifics),
                    subject=w.deprel.startswith("nsubj"), paragraph=ctx.paragraph_of(start),
                    inside_quote=ctx.in_quote(start))


def _written_name(doc: ParsedDoc, d: Described) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The proper-noun run of a named mention as written, with the honorifics before it."""
    words = doc.words
    wanted = {t.lower() for t in (d.name or "").split()}
    best: tuple[int, int] | None = None
    i = d.first_word
    while i < d.end_word:
        if words[i].upos == "PROPN" or words[i].text.lower() in lexicon.HONORIFICS:
            j = i
            while j < d.end_word and (words[j].upos == "PROPN" or words[j].text in (".", "-") or
                                 words[j].text.lower() in lexicon.HONORIFICS):
                j += 1
            if any(words[k].text.lower().strip("’'") in wanted or
                   words[k].text.lower().removesuffix("’s").removesuffix("'s") in wanted
                   for k in range(i, j)):
                best = (i, j)
            i = j
        else:
            i += 1
    if best is None:
        return (), ()
    return split_name(doc.span_text(*best)[2])


def _narration_names(ctx: _Context, quotes: Sequence[Quote],
                     antecedents: Sequence[Antecedent]) -> list[_Mention]:
    """The person names the text writes outside quotes (``antecedents``: the document's
    `candidate_antecedents`): candidates for later pronouns."""
    out = []
    speakers = {(q.speaker.mention.start, q.speaker.mention.end) for q in quotes if q.speaker}
    for a in antecedents:
        d = a.described
        if d.kind in (SpeakerKind.TITLED, SpeakerKind.ANONYMOUS):
            ctx.descriptions.append((ctx.doc.words[d.head].start, a.paragraph,
                                     ctx.doc.words[d.head].lemma.lower()))
        if d.kind is not SpeakerKind.NAMED or d.plural:
            continue
        if ctx.doc.entities and not _tagged_person(ctx.doc, d.first_word, d.end_word):
            continue  # "Brussels this Thursday": with NER, a candidate is a PERSON
        m = _named_mention(ctx, d.head)
        if m is None or (m.start, m.end) in speakers:
            continue
        out.append(m)
    return out


# --------------------------------------------------------------------------------------------
# Helpers


def _tagged_person(doc: ParsedDoc, first: int, end: int) -> bool:
    return any(doc.word_entity[i] >= 0 and doc.entities[doc.word_entity[i]].type in
               ("PERSON", "PER") for i in range(first, end))


def _group_for_name(ctx: _Context, named: _Mention) -> _Group:
    """The entity of a name: found by the name steps, else a new one (recording the name)."""
    group = link_same_name(ctx, named) or link_name_fragment(ctx, named)
    if group is None:
        group = _Group()
        ctx.groups.append(group)
    key = (named.start, named.end)
    if key not in ctx.by_span:
        _absorb(group, named, ctx.doc)
        ctx.by_span[key] = group
    return group


def _first_word(ctx: _Context, m: _Mention) -> int | None:
    words = ctx.doc.words_between(m.start, m.end)
    return words.start if len(words) else None


def _fragment_of(short: list[str], full: list[str]) -> bool:
    """Is ``short`` a proper part of ``full`` (its last name, or first name with it)?"""
    if len(short) >= len(full) or not short:
        return False
    if len(short) == 1 and short[0] == full[0] and len(full) == 2:
        return True  # a first name: "Katharine" for "Katharine Hilbery"
    return short[-1] == full[-1] and all(t in full for t in short)


def _honorifics_fit(m: _Mention, g: _Group, exact: bool) -> bool:
    """May a name with these honorifics be the entity's? Never across sexes or honorifics
    ("Mr." and "Mrs. Bennet", "Mrs." and "Miss"). A family honorific with a bare surname
    ("Mrs. Hilbery", "Miss Pinkerton": families share surnames) never joins a name with a
    first name ("Katharine Hilbery", "Miss Jemima Pinkerton"); other honorifics and titles
    go with a full name where the entity was written so or has no first name; "Mr." or
    "Ms." where the first name does not say otherwise. ``exact``: the name proper is the
    same."""
    mine = {h.lower().rstrip(".") for h in m.honorifics}
    theirs = g.honorific_set()
    mg = honorific_gender(m.honorifics)
    tg = g.gender() if g.gender() in ("male", "female") else \
        honorific_gender(tuple(theirs))
    if mg and tg and mg != tg:
        return False
    if mine and theirs and not (mine & theirs):
        return False
    prior = first_name_gender(m.tokens[0]) if len(m.tokens) >= 2 else None
    if prior and tg and prior != tg:
        return False
    if not exact and _family_surname(m, g):
        return False
    if exact or mine & theirs:
        return True
    if not mine:
        # a bare surname ("Rutte"); or a full name after "Mrs. Hilbery" (only if neutral)
        return len(m.tokens) == 1 or not theirs or theirs <= NEUTRAL_HONORIFICS
    if not g.has_first_name():
        return True
    if mine <= NEUTRAL_HONORIFICS:
        g_prior = g.prior_gender()
        return not (mg and g_prior and g_prior != mg)
    return False


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return lexicon.person_nouns() | lexicon.ANONYMOUS_HEADS | lexicon.TITLE_WORDS | \
        lexicon.MALE_NOUNS | lexicon.FEMALE_NOUNS


def _a_person(ctx: _Context, g: _Group) -> bool:
    """A named entity, or a description headed by a person noun ("the girl", "the master"),
    not a voice, an animal or "one of the women"."""
    if g.forms:
        return True
    nouns = _person_nouns()
    heads = [ctx.doc.words[m.head] for m in g.mentions
             if m.head is not None and ctx.doc.words[m.head].upos in ("NOUN", "PROPN", "PRON",
                                                                      "NUM")
             and ctx.doc.words[m.head].text.lower() not in lexicon.PRONOUNS]
    if any(w.lemma.lower() in lexicon.NOT_ONE_PERSON or w.text.lower() in lexicon.NOT_ONE_PERSON
           for w in heads):
        return False
    return any(w.lemma.lower() in nouns or w.text.lower() in nouns for w in heads)


#: Honorifics that set members of one family apart ("Miss Pinkerton" is the elder sister,
#: "Miss Jemima Pinkerton" the younger; "Mrs. Hilbery" is Katharine Hilbery's mother).
_FAMILY_HONORIFICS = frozenset({"mrs", "miss", "mistress", "madam", "madame", "lady"})


def _family_surname(m: _Mention, g: _Group) -> bool:
    """Would this merge join a family honorific with a bare surname ("Miss Pinkerton") to a
    name with a first name ("Miss Jemima Pinkerton"), either way round? ("Miss Jemima" with
    "Miss Jemima Pinkerton" is her first name: fine.)"""
    def family(hon: tuple[str, ...]) -> bool:
        return any(h.lower().rstrip(".") in _FAMILY_HONORIFICS for h in hon)

    fulls = [tuple(t.lower() for t in tokens) for _, tokens in g.forms if len(tokens) >= 2]
    if len(m.tokens) == 1 and family(m.honorifics):
        return any(f[-1] == m.tokens[0].lower() for f in fulls)
    if len(m.tokens) >= 2:
        last = m.tokens[-1].lower()
        return any(len(t) == 1 and family(h) and t[0].lower() == last for h, t in g.forms)
    return False


def _genders_fit(gender: str | None, g: _Group, prior: bool = False) -> bool:
    if gender not in ("male", "female"):
        return True
    said = g.gender()
    if said in ("male", "female"):
        return said == gender
    if said == "plural":
        return False
    if prior:
        p = g.prior_gender()
        return p is None or p == gender
    return True


def _definite(label: str) -> bool:
    return label.lower().split(" ", 1)[0] in ("the", "this", "that", "these", "those")


def _norm(label: str) -> str:
    return " ".join(label.lower().split())


def _vocatives(ctx: _Context, quote: tuple[int, int], whole: bool = False,
               parsed_only: bool = False) -> list[str]:
    """Proper names the quote calls out to, as written ("…, Tom?", UD vocatives); with
    ``whole``, a vocative's flat name words too ("Mis' Innes", not "Mis'"); with
    ``parsed_only``, only the parser's vocatives (not a name between commas)."""
    doc = ctx.doc
    out = []
    for i in doc.words_between(*quote):
        w = doc.words[i]
        if w.upos != "PROPN" or w.end > quote[1] or not w.text[:1].isupper():
            continue
        before = doc.words[i - 1].text if i > 0 else ""
        after = doc.words[i + 1].text if i + 1 < len(doc.words) else ""
        vocative = w.deprel == "vocative" or _appended_vocative(doc, i)
        if vocative or not parsed_only and (
                before in (",", "") and after in (",", ".", "?", "!")):
            end = i + 1
            while whole and vocative and end < len(doc.words) and \
                    doc.words[end].head == i and doc.words[end].end <= quote[1] and (
                        doc.words[end].deprel.startswith("flat") or
                        doc.words[end].deprel == "punct" and end + 1 < len(doc.words) and
                        doc.words[end + 1].head == i and
                        doc.words[end + 1].deprel.startswith("flat")):
                end += 1
            out.append(doc.text[w.start:doc.words[end - 1].end] if end > i + 1 else w.text)
    return out


def _appended_vocative(doc: ParsedDoc, i: int) -> bool:
    """A vocative the parser hung on the clause's last noun as an apposition: a proper name
    after a comma, in apposition to a word that is no name, pronoun, noun for people or
    title (`_person_nouns`): "I ain't sayin' nothin', Mis' Innes," with "Mis'" an appos of
    "nothin'"; an apposition to a person ("the mayor, Jane Smith,") is no vocative."""
    w = doc.words[i]
    if w.deprel != "appos" or w.head < 0 or i == 0 or doc.words[i - 1].text != ",":
        return False
    head = doc.words[w.head]
    return head.upos not in ("PROPN", "PRON") and not (
        {head.text.lower(), head.lemma.lower()} & _person_nouns())


def _addressed(ctx: _Context, quote: tuple[int, int] | None) -> set[tuple[str, ...]]:
    """Names the quote calls out to, lower-cased, with the full names that hold them: never
    its speaker."""
    if quote is None:
        return set()
    out = {(t.lower(),) for t in _vocatives(ctx, quote)}
    full = set()
    for g in ctx.groups:
        for k in g.keys():
            if any((t,) in out for t in k):
                full.add(k)
    return out | full


def narrator_addressed(ctx: _Context, quotes: Sequence[Quote]) -> str | None:
    """A narrator the text never names is named by the others in two-person dialogue: the
    name that the quotes right before or after the narrator's call out ("‘And now,
    Quatermain, tell us …’ said Sir Henry." next to the narrator's turns), or that a quote
    whose narration speaks to the narrator calls out with a parsed vocative (`_told_me`:
    "gave me his reasons. ¶ “…, Mis' Innes,” he said"), when one name is called more
    often than any other and is no other speaker's."""
    seq = []
    for q in quotes:
        if q.speaker is None or not q.is_speech:
            continue
        g = ctx.by_span.get((q.speaker.mention.start, q.speaker.mention.end))
        if g is not None:
            seq.append((q, g))
    # names of the others who speak: a name called out next to the narrator's turns is
    # theirs when they answer to it ("Shut up, Good!" with Good speaking). A name whose
    # entity speaks only once is no such evidence: that quote is as likely the narrator's
    # own, given to a separate entity for the name the narrator goes by
    turns = Counter(id(g) for _, g in seq if not g.narrator)
    speaking = set()
    for _, g in seq:
        if not g.narrator and turns[id(g)] >= _OTHER_SPEAKER_TURNS:
            speaking |= {t for k in g.keys() for t in k}
    counts: Counter = Counter()
    for i, (q, g) in enumerate(seq):
        if g.narrator:
            continue
        near = [seq[k][1] for k in (i - 1, i + 1) if 0 <= k < len(seq)]
        beside = any(n.narrator for n in near)
        if not beside and not _told_me(ctx, q):
            continue
        # away from the narrator's turns, only what the parser took for a vocative
        for name in _vocatives(ctx, (q.start, q.end), whole=True, parsed_only=not beside):
            if name.lower() not in speaking and name.lower() not in lexicon.HONORIFICS:
                counts[name] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    if rest and rest[0][1] == n:
        return None
    return top


#: The narrator as the one spoken to in the narration: "gave me his reasons", "said to me".
_TO_ME = frozenset({"me"})


def _told_me(ctx: _Context, q: Quote) -> bool:
    """Does the narration of the quote's paragraph, or of the paragraph before, have the
    narrator as the one spoken to ("The old man gave me his reasons. ¶ “I ain't sayin'
    nothin', Mis' Innes,” he said"), or does the next paragraph, narration only, have the
    narrator answering ("“What does he say, Van?” ¶ I told him.")? Then the quote's
    vocative calls the narrator."""
    doc = ctx.doc
    k = ctx.paragraph_of(q.start)
    lo, hi = ctx.paragraphs[max(0, k - 1)][0], ctx.paragraphs[k][1]
    for i in doc.words_between(lo, hi):
        w = doc.words[i]
        if w.text.lower() in _TO_ME and w.upos == "PRON" and not ctx.in_quote(w.start) and \
                (w.deprel in ("obj", "iobj") or w.deprel.startswith("obl")):
            return True
    if k + 1 < len(ctx.paragraphs):
        lo, hi = ctx.paragraphs[k + 1]
        words = [doc.words[i] for i in doc.words_between(lo, hi)]
        if words and not any(ctx.in_quote(w.start) for w in words):
            for w in words:
                if w.text == "I" and w.upos == "PRON" and w.deprel == "nsubj" and \
                        w.head >= 0 and doc.words[w.head].lemma in _ANSWER_VERBS:
                    return True
    return False


#: Verbs of the narrator answering in narration (`_told_me`): "I told him.", "I answered."
_ANSWER_VERBS = frozenset({"tell", "answer", "reply", "explain", "say"})


#: Quotes an entity must speak for a name it holds to count as someone other than the
#: narrator when the others call the narrator by name (`narrator_addressed`).
_OTHER_SPEAKER_TURNS = 2


def _merge_into_narrator(ctx: _Context, name: str) -> str:
    """The narrator goes by ``name``: an entity built for a mention of that name ("a very
    fair idea of Allan Quatermain", one quote given to "Quatermain") is the narrator too. Its
    mentions move to the narrator; returns the narrator's name, the fullest such form
    ("Allan Quatermain" for "Quatermain"). An entity that also holds another person's name,
    or whose gender differs from the narrator's, is left alone."""
    narrator = ctx.narrator
    assert narrator is not None  # named just before
    low = name.lower()
    mine = narrator.gender()
    best = name
    for g in ctx.groups:
        if g is narrator or not g.forms or not all(low in k for k in g.keys()):
            continue
        if mine != "unknown" and g.gender() not in ("unknown", mine):
            continue
        full = g.name()
        if len(full.split()) > len(best.split()):
            best = full
        for m in g.mentions:
            narrator.add(m)
            ctx.by_span[(m.start, m.end)] = narrator
        g.mentions.clear()
        g.forms.clear()
    return best


_NARRATOR_NAME_RE = regex.compile(
    r"\b(?:[Mm]y (?:[Cc]hristian |first |family )?name (?:is|was)|[Cc]all me|I am called|"
    r"I was called|"
    r"(?:I )?called myself)\s+((?:\p{Lu}[\p{L}'’\-]+)(?:\s+\p{Lu}[\p{L}'’\-]+)?)")


def _narrator_name(ctx: _Context) -> str | None:
    """The name a first-person narrator gives themself outside quotes ("My name is Ishmael",
    "I called myself Pip")."""
    for match in _NARRATOR_NAME_RE.finditer(ctx.text):
        if not ctx.in_quote(match.start()):
            return match.group(1)
    return None
