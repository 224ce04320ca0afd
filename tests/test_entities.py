"""The entity layer (quoteattr.entities) on hand-built UD parses (no models).

Each resolution step has a construction case that it decides: with the step the quote's speaker
is linked as a reader would link it (and the step's id is in the evidence); with the step
taken out of :data:`quoteattr.entities.STEPS` the result differs. The rest pins the
precision rules (two anonymous sources stay two), the narrator, the records and the dict
round trip.
"""

from __future__ import annotations

import importlib

import attrs
import pytest
from conllu import parsed

from quoteattr.attribution import attribute_quotes
from quoteattr.parse import CorefChain
from quoteattr.spans import find_quote_spans
from quoteattr.speaker_table import merge_by_name, speaker_records, speakers_dataframe
from quoteattr.types import Document, Entity, Quote, Span, Speaker, SpeakerKind

entities = importlib.import_module("quoteattr.entities")

RAIN = "It|PRON|2|nsubj rained|VERB|0|root|rain .|PUNCT|2|punct"
RAINS = "It rained.\n\n"


def said(subject: str, verb: str = "said", lemma: str = "say",
         words: tuple[str, str, str] = ("We", "will", "win")) -> tuple[str, str]:
    """The text and parse of "“We will win,” SUBJECT said." ``subject`` is space-separated
    ``form|UPOS|head|deprel`` tokens whose head is ``V`` (the verb) or the 1-based position
    of another subject token."""
    toks = subject.split()
    verb_at = 7 + len(toks)
    spec = [f"“|PUNCT|4|punct {words[0]}|PRON|4|nsubj {words[1]}|AUX|4|aux "
            f"{words[2]}|VERB|{verb_at}|ccomp ,|PUNCT|4|punct ”|PUNCT|4|punct"]
    forms = []
    for t in toks:
        form, upos, head, rel, *rest = t.split("|")
        head = str(verb_at) if head == "V" else str(6 + int(head))
        spec.append("|".join([form, upos, head, rel, *rest]))
        forms.append(form)
    spec.append(f"{verb}|VERB|0|root|{lemma} .|PUNCT|{verb_at}|punct")
    text = f"“{words[0]} {words[1]} {words[2]},” {' '.join(forms)} {verb}."
    return text, " ".join(spec)


def build(*parts: tuple[str, str] | str) -> tuple[str, list[str]]:
    """Paragraphs from (text, parse) pairs; a bare string is a narration paragraph of that
    text parsed as "It rained." (it must be "It rained.")."""
    texts, specs = [], []
    for p in parts:
        if isinstance(p, str):
            texts.append(p)
            specs.append(RAIN)
        else:
            texts.append(p[0])
            specs.append(p[1])
    return "\n\n".join(texts), specs


def attribute(text: str, specs: list[str], coref=None):
    doc = parsed(text, *specs)
    if coref is not None:
        doc = attrs.evolve(doc, coref=coref(doc))
    return attribute_quotes(text, find_quote_spans(text), doc)


def without(step_id: str, monkeypatch) -> None:
    assert any(s == step_id for s, _ in entities.STEPS), step_id
    monkeypatch.setattr(entities, "STEPS", tuple(s for s in entities.STEPS if s[0] != step_id))


JOHN_ARRIVED = ("John Berg arrived.",
                "John|PROPN|3|nsubj Berg|PROPN|1|flat arrived|VERB|0|root|arrive .|PUNCT|3|punct")
JULIA_ARRIVED = ("Julia Stone arrived.",
                 "Julia|PROPN|3|nsubj Stone|PROPN|1|flat arrived|VERB|0|root|arrive "
                 ".|PUNCT|3|punct")
PAUL_ARRIVED = ("Paul Lund arrived.",
                "Paul|PROPN|3|nsubj Lund|PROPN|1|flat arrived|VERB|0|root|arrive .|PUNCT|3|punct")
SMITH_TEXT = ("Smith, a spokeswoman for the ministry, declined to comment. “We will respond,” "
              "she said.")
SMITH_PARSE = [
    "Smith|PROPN|9|nsubj ,|PUNCT|4|punct a|DET|4|det spokeswoman|NOUN|1|appos for|ADP|7|case "
    "the|DET|7|det ministry|NOUN|4|nmod||S-ORG ,|PUNCT|4|punct declined|VERB|0|root|decline "
    "to|PART|11|mark comment|VERB|9|xcomp .|PUNCT|9|punct",
    "“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux respond|VERB|8|ccomp ,|PUNCT|4|punct "
    "”|PUNCT|4|punct she|PRON|8|nsubj said|VERB|0|root|say .|PUNCT|8|punct"]


def _woman_chain(doc):
    woman = next(w.index for w in doc.words if w.text == "woman")
    return (CorefChain(index=0, mentions=((woman - 1, woman + 1), (0, 2)), representative=1),)


# (id, parts or (text, specs), coref builder, quote index, expected speaker name, step)
STEP_CASES = [
    pytest.param(build(said("Mr.|PROPN|V|nsubj Beebe|PROPN|1|flat"),
                       said("Beebe|PROPN|V|nsubj")), None, 1, "Mr. Beebe", "entity:same-name",
                 id="same-name: Beebe after Mr. Beebe"),
    pytest.param(build(said("Mark|PROPN|V|nsubj Rutte|PROPN|1|flat"),
                       said("Rutte|PROPN|V|nsubj")), None, 1, "Mark Rutte",
                 "entity:name-fragment", id="name-fragment: Rutte after Mark Rutte"),
    pytest.param((SMITH_TEXT, SMITH_PARSE), None, 0, "Smith", "entity:apposition",
                 id="apposition: Smith, a spokeswoman ... she said"),
    pytest.param(build(said("the|DET|2|det minister|NOUN|V|nsubj"), *[RAINS.strip()] * 7,
                       said("the|DET|2|det minister|NOUN|V|nsubj")), None, 1, None,
                 "entity:same-description", id="same-description: the minister, again"),
    pytest.param(build(said("a|DET|3|det European|ADJ|3|amod diplomat|NOUN|V|nsubj"),
                       said("the|DET|2|det diplomat|NOUN|V|nsubj", "added", "add")), None, 1,
                 None, "entity:definite-description",
                 id="definite-description: a diplomat ... the diplomat added"),
    pytest.param(build(JOHN_ARRIVED, *[RAINS.strip()] * 6, said("he|PRON|V|nsubj")), None, 0,
                 "John Berg", "entity:pronoun-salience",
                 id="pronoun-salience: he, six paragraphs after the only man"),
    pytest.param(build(JULIA_ARRIVED, *[RAINS.strip()] * 3,
                       said("the|DET|2|det woman|NOUN|V|nsubj")), _woman_chain, 0,
                 "Julia Stone", "entity:coref-chain",
                 id="coref-chain: the woman, chained to Julia Stone"),
    pytest.param(build(said("I|PRON|V|nsubj")), None, 0, "the narrator", "entity:narrator",
                 id="narrator: “…,” I said"),
    pytest.param(build(JULIA_ARRIVED, said("the|DET|2|det girl|NOUN|V|nsubj")), None, 0,
                 "Julia Stone", "entity:scene-gender-noun",
                 id="scene-gender-noun: the girl, with one girl in the scene"),
]


@pytest.mark.parametrize("built, coref, index, name, step", STEP_CASES)
def test_each_step_links_its_construction(built, coref, index, name, step, monkeypatch):
    """The step links the speaker (name and evidence); without it, the result differs."""
    text, specs = built
    quotes = attribute(text, specs, coref)
    q = quotes[index]
    assert q.speaker is not None and q.speaker.entity is not None, q
    assert step in q.evidence, q.evidence
    ent = next(e for e in quotes.entities if e.id == q.speaker.entity)
    if name is not None:
        assert q.speaker.name == name and ent.name == name
    if step in ("entity:same-description", "entity:definite-description", "entity:same-name",
                "entity:name-fragment"):
        assert quotes[0].speaker.entity == q.speaker.entity  # one entity, both quotes
    without(step, monkeypatch)
    other = attribute(text, specs, coref)[index]
    assert step not in other.evidence
    assert (other.speaker.name, other.speaker.entity == quotes[0].speaker.entity) != \
        (q.speaker.name, q.speaker.entity == quotes[0].speaker.entity)


class TestGrouping:
    def test_ids_follow_first_mention_and_mentions_are_spans(self):
        """Entities are numbered e1, e2 ... in order of first mention, each mention a span of
        the original text."""
        text, specs = build(said("Mr.|PROPN|V|nsubj Beebe|PROPN|1|flat"),
                            said("the|DET|2|det minister|NOUN|V|nsubj"),
                            said("Beebe|PROPN|V|nsubj"))
        quotes = attribute(text, specs)
        assert [e.id for e in quotes.entities] == ["e1", "e2"]
        beebe, minister = quotes.entities
        assert beebe.name == "Mr. Beebe" and minister.name == "the minister"
        assert [m.text for m in beebe.mentions] == ["Mr. Beebe", "Beebe"]
        assert all(text[m.start:m.end] == m.text for e in quotes.entities for m in e.mentions)
        assert [q.speaker.entity for q in quotes] == ["e1", "e2", "e1"]
        assert beebe.gender == "male"  # the honorific says so

    def test_a_possessive_description_again_is_one_within_its_scene(self):
        """"his mother" twice in one scene is one woman; seven paragraphs on it may be another
        man's mother (two entities); the narration's "my father" is one man all through."""
        his = "his|PRON|2|nmod:poss mother|NOUN|V|nsubj"
        near = attribute(*build(said(his), said(his)))
        assert near[0].speaker.entity == near[1].speaker.entity
        assert "entity:same-description" in near[1].evidence
        far = attribute(*build(said(his), *[RAINS.strip()] * 7, said(his)))
        assert far[0].speaker.entity != far[1].speaker.entity
        mine = "my|PRON|2|nmod:poss father|NOUN|V|nsubj"
        narrator = attribute(*build(said(mine), *[RAINS.strip()] * 7, said(mine)))
        assert narrator[0].speaker.entity == narrator[1].speaker.entity
        assert [e.name for e in narrator.entities] == ["my father"]

    def test_two_indefinite_sources_are_two_entities(self):
        """Two "a European diplomat" with nothing linking them are two sources, and
        ``Document.speakers`` keeps them apart."""
        diplomat = "a|DET|3|det European|ADJ|3|amod diplomat|NOUN|V|nsubj"
        text, specs = build(said(diplomat), RAINS.strip(), said(diplomat))
        quotes = attribute(text, specs)
        a, b = quotes[0].speaker, quotes[1].speaker
        assert a.entity != b.entity and a.label == b.label == "a European diplomat"
        doc = Document(text=text, quotes=quotes, entities=quotes.entities)
        assert {k: len(v) for k, v in doc.speakers.items()} == {
            "a European diplomat": 1, f"a European diplomat ({b.entity})": 1}

    def test_a_definite_description_after_two_candidates_links_neither(self):
        """"the diplomat" after two different diplomats could be either: its own entity."""
        diplomat = "a|DET|3|det European|ADJ|3|amod diplomat|NOUN|V|nsubj"
        text, specs = build(said(diplomat), said(diplomat),
                            said("the|DET|2|det diplomat|NOUN|V|nsubj", "added", "add"))
        quotes = attribute(text, specs)
        assert len({q.speaker.entity for q in quotes}) == 3
        assert "entity:definite-description" not in quotes[2].evidence

    def test_different_honorifics_stay_apart(self):
        """"Mrs. Hilbery" and "Mr. Hilbery" are two people, and "Hilbery" after both is
        neither (a wrong merge is worse than none)."""
        text, specs = build(said("Mrs.|PROPN|V|nsubj Hilbery|PROPN|1|flat"),
                            said("Mr.|PROPN|V|nsubj Hilbery|PROPN|1|flat"),
                            said("Hilbery|PROPN|V|nsubj"))
        quotes = attribute(text, specs)
        assert len({q.speaker.entity for q in quotes}) == 3
        assert [q.speaker.name for q in quotes][:2] == ["Mrs. Hilbery", "Mr. Hilbery"]

    def test_a_family_honorific_does_not_join_a_full_name(self):
        """"Mrs. Hilbery" after "Katharine Hilbery" may be her mother: not merged."""
        text, specs = build(said("Katharine|PROPN|V|nsubj Hilbery|PROPN|1|flat"),
                            said("Mrs.|PROPN|V|nsubj Hilbery|PROPN|1|flat"))
        quotes = attribute(text, specs)
        assert quotes[0].speaker.entity != quotes[1].speaker.entity
        assert quotes[1].speaker.name == "Mrs. Hilbery"

    def test_sisters_miss_pinkerton_and_miss_jemima_pinkerton(self, monkeypatch):
        """"Miss Pinkerton" (the elder sister) and "Miss Jemima Pinkerton" are two people;
        "Miss Jemima" is the younger one's first name. Without the family-honorific check
        the full name would join the elder."""
        text, specs = build(said("Miss|PROPN|V|nsubj Pinkerton|PROPN|1|flat"),
                            said("Miss|PROPN|V|nsubj Jemima|PROPN|1|flat "
                                 "Pinkerton|PROPN|1|flat"),
                            said("Miss|PROPN|V|nsubj Jemima|PROPN|1|flat"))
        quotes = attribute(text, specs)
        ids = [q.speaker.entity for q in quotes]
        assert ids[0] != ids[1] and ids[1] == ids[2]
        assert [q.speaker.name for q in quotes] == ["Miss Pinkerton", "Miss Jemima Pinkerton",
                                                   "Miss Jemima Pinkerton"]
        monkeypatch.setattr(entities, "_family_surname", lambda m, g: False)
        ids = [q.speaker.entity for q in attribute(text, specs)]
        assert ids[0] == ids[1]

    def test_smith_she_said(self):
        """"Smith, a spokeswoman for the ministry, declined to comment. “…,” she said." is
        Smith's, and Smith's entity has the spokeswoman's title and the pronoun's gender."""
        quotes = attribute(SMITH_TEXT, SMITH_PARSE)
        (q,) = quotes
        assert q.speaker.name == "Smith" and q.speaker.kind is SpeakerKind.NAMED
        assert q.speaker.label == "a spokeswoman for the ministry"  # as attribution wrote it
        (smith,) = quotes.entities
        assert smith.title == "spokeswoman for the ministry" and smith.gender == "female"

    def test_a_pronoun_resolved_to_a_description_joins_its_mention(self, monkeypatch):
        """"A man arrived. “…,” he said.": attribution resolves "he" to "A man"; the entity
        holds both mentions (and "he" tells its gender). Without following the description's
        own mention, the entity would know only the pronoun."""
        text = "A man arrived. “We will win,” he said."
        specs = ["A|DET|2|det man|NOUN|3|nsubj arrived|VERB|0|root|arrive .|PUNCT|3|punct",
                 said("he|PRON|V|nsubj")[1]]
        quotes = attribute(text, specs)
        (man,) = quotes.entities
        assert [m.text for m in man.mentions] == ["A man", "he"] and man.gender == "male"
        assert "entity:pronoun-antecedent" in quotes[0].evidence
        monkeypatch.setattr(entities, "_description_before", lambda ctx, sp: None)
        (alone,) = attribute(text, specs).entities
        assert [m.text for m in alone.mentions] == ["he"]

    def test_gender_is_referential_only(self):
        """A first name is no evidence of gender for the output: "Julia Stone said" alone is
        "unknown"; her "she said" makes it "female"."""
        text, specs = build(said("Julia|PROPN|V|nsubj Stone|PROPN|1|flat"))
        (julia,) = attribute(text, specs).entities
        assert julia.gender == "unknown"
        text, specs = build(JULIA_ARRIVED, said("she|PRON|V|nsubj"))
        (julia,) = attribute(text, specs).entities
        assert julia.gender == "female"


def test_the_girl_is_not_linked_when_another_girl_came_in():
    """"Julia Stone arrived. A girl arrived. “…,” the girl said": the girl may be the new one,
    so she is not linked to Julia."""
    a_girl = ("A girl arrived.",
              "A|DET|2|det girl|NOUN|3|nsubj arrived|VERB|0|root|arrive .|PUNCT|3|punct")
    text, specs = build(JULIA_ARRIVED, a_girl, said("the|DET|2|det girl|NOUN|V|nsubj"))
    (q,) = attribute(text, specs)
    assert q.speaker.name is None and "entity:scene-gender-noun" not in q.evidence


class TestPronouns:
    def test_first_name_prior_picks_the_woman(self):
        """With Julia Stone and John Berg both far back, "she" is Julia (the first-name list
        as a prior: the text never said her gender)."""
        text, specs = build(JULIA_ARRIVED, JOHN_ARRIVED, *[RAINS.strip()] * 6,
                            said("she|PRON|V|nsubj"))
        (q,) = attribute(text, specs)
        assert q.speaker.name == "Julia Stone" and "entity:pronoun-salience" in q.evidence

    def test_two_equally_salient_candidates_leave_it_unresolved(self):
        """Two men far back, about as salient: "he" stays a pronoun."""
        text, specs = build(JOHN_ARRIVED, PAUL_ARRIVED, *[RAINS.strip()] * 6,
                            said("he|PRON|V|nsubj"))
        (q,) = attribute(text, specs)
        assert q.speaker.name is None and q.speaker.kind is SpeakerKind.PRONOUN
        assert q.speaker.entity is not None  # an entity of its own, labelled as written

    def test_he_is_a_person_not_a_horse(self, monkeypatch):
        """A description that spoke but is no person ("his horse", as a parse may give it) is
        no antecedent for "he"; with every description allowed, it would be."""
        text, specs = build(said("his|PRON|2|nmod:poss horse|NOUN|V|nsubj"),
                            *[RAINS.strip()] * 6, said("he|PRON|V|nsubj"))
        assert attribute(text, specs)[1].speaker.name is None
        monkeypatch.setattr(entities, "_a_person", lambda ctx, g: True)
        assert attribute(text, specs)[1].speaker.name == "his horse"

    def test_the_addressee_is_not_the_speaker(self):
        """"“Come here, John,” he said": John is spoken to, so not who "he" is."""
        text = "John Berg arrived.\n\n" + RAINS * 6 + "“Come here, John,” he said."
        specs = [JOHN_ARRIVED[1], *[RAIN] * 6,
                 "“|PUNCT|2|punct Come|VERB|9|ccomp here|ADV|2|advmod ,|PUNCT|5|punct "
                 "John|PROPN|2|vocative ,|PUNCT|2|punct ”|PUNCT|2|punct he|PRON|9|nsubj "
                 "said|VERB|0|root|say .|PUNCT|9|punct"]
        (q,) = attribute(text, specs)
        assert q.speaker.name is None


SMITH_SAID = said("Smith|PROPN|V|nsubj")


class TestNarrator:
    def test_the_narrator_is_named_where_the_text_names_them(self):
        """"My name is Pip." then "“…,” I said": the narrator entity is Pip."""
        text = "My name is Pip.\n\n“We will win,” I said."
        specs = ["My|PRON|2|nmod:poss name|NOUN|4|nsubj is|AUX|4|cop|be Pip|PROPN|0|root "
                 ".|PUNCT|4|punct", said("I|PRON|V|nsubj")[1]]
        (q,) = attribute(text, specs)
        assert q.speaker.name == "Pip" and q.speaker.label == "I"
        assert "entity:narrator" in q.evidence

    def test_the_narrator_answers_one_who_speaks_to_them(self):
        """"He took me by both arms. ¶ “You know what a file is?” he said. ¶ “Yes, sir.”":
        the reply is the narrator's (one entity with the narration's "me"), not his."""
        from test_rules import NARRATOR_REPLY, NARRATOR_REPLY_PARSE

        asked, reply = attribute(NARRATOR_REPLY, list(NARRATOR_REPLY_PARSE))
        assert "inherited:narrator-answers" in reply.evidence
        assert reply.speaker.label == "me" and "entity:narrator" in reply.evidence
        assert reply.speaker.entity != asked.speaker.entity

    def test_no_narrator_in_the_scene_no_narrator_reply(self):
        """The same turns with "He took the file." before them: no "I" or "me" in the
        narration, so nothing makes the reply the narrator's."""
        from test_rules import NARRATOR_REPLY, NARRATOR_REPLY_PARSE

        text = NARRATOR_REPLY.replace("He took me by both arms.", "He took the file.")
        specs = ["He|PRON|2|nsubj took|VERB|0|root|take the|DET|4|det file|NOUN|2|obj "
                 ".|PUNCT|2|punct", *NARRATOR_REPLY_PARSE[1:]]
        reply = attribute(text, specs)[-1]
        assert "inherited:narrator-answers" not in reply.evidence
        assert reply.speaker is None or "entity:narrator" not in reply.evidence

    def test_the_narrator_does_not_answer_a_turn_spoken_to_no_one(self):
        """"“The file is here,” he said." neither says "you" nor asks: no reply is implied."""
        from test_rules import NARRATOR_REPLY, NARRATOR_REPLY_PARSE

        text = NARRATOR_REPLY.replace("You know what a file is?", "The file is here.")
        specs = [NARRATOR_REPLY_PARSE[0],
                 "“|PUNCT|4|punct The|DET|3|det file|NOUN|4|nsubj is|AUX|9|ccomp|be "
                 "here|ADV|4|advmod .|PUNCT|4|punct ”|PUNCT|4|punct he|PRON|9|nsubj "
                 "said|VERB|0|root|say .|PUNCT|9|punct", NARRATOR_REPLY_PARSE[2]]
        reply = attribute(text, specs)[-1]
        assert "inherited:narrator-answers" not in reply.evidence

    def test_the_narrator_is_named_by_the_other_side_of_a_dialogue(self, monkeypatch):
        """"“…,” I said." / "“Come here, Ralph,” Smith said.": the one who answers the
        narrator calls them Ralph, so the narrator is Ralph."""
        text = "“We will win,” I said.\n\n“Come here, Ralph,” Smith said."
        specs = [said("I|PRON|V|nsubj")[1],
                 "“|PUNCT|2|punct Come|VERB|9|ccomp here|ADV|2|advmod ,|PUNCT|5|punct "
                 "Ralph|PROPN|2|vocative ,|PUNCT|2|punct ”|PUNCT|2|punct Smith|PROPN|9|nsubj "
                 "said|VERB|0|root|say .|PUNCT|9|punct"]
        quotes = attribute(text, specs)
        assert quotes[0].speaker.name == "Ralph" and quotes[1].speaker.name == "Smith"
        assert "entity:narrator-addressed" in quotes[0].evidence
        monkeypatch.setattr(entities, "narrator_addressed", lambda ctx, quotes: None)
        assert attribute(text, specs)[0].speaker.name == "the narrator"

    def test_the_narrator_is_named_by_one_who_speaks_to_them(self):
        """Away from the narrator's own turns (Smith spoke between): "The man gave me his
        reasons." then
        "“I ain't sure, Mis' Innes,” he said": the narration has the narrator as the one
        spoken to, so the vocative, the whole of it, names the narrator; with no "me" it
        names no one."""
        def text_specs(me: bool):
            first = ("“We will win,” I said.\n\n" + RAINS * 3 + SMITH_SAID[0] + "\n\n" +
                     ("The man gave me his reasons." if me else "The man gave his reasons."))
            gave = ("The|DET|2|det man|NOUN|3|nsubj gave|VERB|0|root|give " +
                    ("me|PRON|3|iobj|I his|PRON|6|nmod:poss reasons|NOUN|3|obj|reason "
                     ".|PUNCT|3|punct" if me else
                     "his|PRON|5|nmod:poss reasons|NOUN|3|obj|reason .|PUNCT|3|punct"))
            text = first + "\n\n“I am not sure, Mis' Innes,” he said."
            quote = ("“|PUNCT|5|punct I|PRON|5|nsubj am|AUX|5|cop|be not|PART|5|advmod "
                     "sure|ADJ|12|ccomp ,|PUNCT|7|punct Mis'|PROPN|5|vocative "
                     "Innes|PROPN|7|flat ,|PUNCT|5|punct ”|PUNCT|5|punct he|PRON|12|nsubj "
                     "said|VERB|0|root|say .|PUNCT|12|punct")
            return text, [said("I|PRON|V|nsubj")[1], *[RAIN] * 3, SMITH_SAID[1], gave, quote]
        quotes = attribute(*text_specs(True))
        assert quotes[0].speaker.name == "Mis' Innes"
        assert "entity:narrator-addressed" in quotes[0].evidence
        assert attribute(*text_specs(False))[0].speaker.name == "the narrator"

    def test_a_vocative_parsed_as_an_apposition_still_names_the_narrator(self):
        """The parser often hangs a closing vocative on the clause's last noun as an
        apposition, and splits "Mis'" from its apostrophe: "“I am not saying nothing, Mis'
        Innes,” he said" with "Mis" an appos of "nothing" names the narrator, the whole name;
        an apposition to a noun for people ("the doctor, Mis' Innes,") is no vocative."""
        def text_specs(head: str):
            first = ("“We will win,” I said.\n\n" + RAINS * 3 + SMITH_SAID[0] + "\n\n" +
                     "The man gave me his reasons.")
            gave = ("The|DET|2|det man|NOUN|3|nsubj gave|VERB|0|root|give "
                    "me|PRON|3|iobj|I his|PRON|6|nmod:poss reasons|NOUN|3|obj|reason "
                    ".|PUNCT|3|punct")
            text = first + f"\n\n“I am not saying {head}, Mis' Innes,” he said."
            quote = ("“|PUNCT|5|punct I|PRON|5|nsubj am|AUX|5|aux|be not|PART|5|advmod "
                     f"saying|VERB|14|ccomp|say {head}|NOUN|5|obj|{head} ,|PUNCT|8|punct "
                     "Mis|PROPN|6|appos '|PUNCT|8|punct Innes|PROPN|8|flat ,|PUNCT|5|punct "
                     "”|PUNCT|5|punct he|PRON|14|nsubj said|VERB|0|root|say .|PUNCT|14|punct")
            return text, [said("I|PRON|V|nsubj")[1], *[RAIN] * 3, SMITH_SAID[1], gave, quote]
        quotes = attribute(*text_specs("nothing"))
        assert quotes[0].speaker.name == "Mis' Innes"
        assert "entity:narrator-addressed" in quotes[0].evidence
        assert attribute(*text_specs("doctor"))[0].speaker.name == "the narrator"

    def test_the_narrator_is_named_by_one_they_answer(self):
        """Away from the narrator's own turns: "“What does he say, Van?” Smith asked." then
        "I told him." (narration only, the narrator answering): the vocative names the
        narrator; "He told him." answers for someone else, and names no one."""
        def text_specs(narrator_answers: bool):
            first = "“We will win,” I said.\n\n" + RAINS * 3 + SMITH_SAID[0] + "\n\n"
            ask = ("“|PUNCT|5|punct What|PRON|5|obj does|AUX|5|aux|do he|PRON|5|nsubj "
                   "say|VERB|11|ccomp ,|PUNCT|7|punct Van|PROPN|5|vocative ?|PUNCT|5|punct "
                   "”|PUNCT|5|punct Smith|PROPN|11|nsubj asked|VERB|0|root|ask "
                   ".|PUNCT|11|punct")
            reply = "I" if narrator_answers else "He"
            told = (f"{reply}|PRON|2|nsubj told|VERB|0|root|tell him|PRON|2|obj|he "
                    ".|PUNCT|2|punct")
            text = (first + "“What does he say, Van?” Smith asked.\n\n" + reply +
                    " told him.")
            return text, [said("I|PRON|V|nsubj")[1], *[RAIN] * 3, SMITH_SAID[1], ask, told]
        quotes = attribute(*text_specs(True))
        assert quotes[0].speaker.name == "Van"
        assert "entity:narrator-addressed" in quotes[0].evidence
        assert quotes[-1].speaker.name == "Smith"
        assert attribute(*text_specs(False))[0].speaker.name == "the narrator"

    def test_a_name_the_narrator_goes_by_is_the_narrator(self, monkeypatch):
        """"You will know Ralph Berg." (the narrator describing himself), one quote given to
        "Ralph Berg", the narrator's turn, and Smith answering "Come here, Ralph": the
        narrator is Ralph Berg, one entity with Ralph Berg's quote. An entity that speaks
        only once does not stop the name; one that speaks twice would."""
        know = ("You will know Ralph Berg.",
                "You|PRON|3|nsubj will|AUX|3|aux know|VERB|0|root Ralph|PROPN|3|obj "
                "Berg|PROPN|4|flat .|PUNCT|3|punct")
        ralph = said("Ralph|PROPN|V|nsubj Berg|PROPN|1|flat")
        come = ("“Come here, Ralph,” Smith said.",
                "“|PUNCT|2|punct Come|VERB|9|ccomp here|ADV|2|advmod ,|PUNCT|5|punct "
                "Ralph|PROPN|2|vocative ,|PUNCT|2|punct ”|PUNCT|2|punct Smith|PROPN|9|nsubj "
                "said|VERB|0|root|say .|PUNCT|9|punct")
        text, specs = build(know, ralph, said("I|PRON|V|nsubj"), come)
        quotes = attribute(text, specs)
        assert quotes[1].speaker.name == "Ralph Berg"
        assert quotes[0].speaker.entity == quotes[1].speaker.entity
        assert [e.name for e in quotes.entities].count("Ralph Berg") == 1
        monkeypatch.setattr(entities, "_OTHER_SPEAKER_TURNS", 1)
        quotes = attribute(text, specs)
        assert quotes[1].speaker.name == "the narrator"
        assert quotes[0].speaker.entity != quotes[1].speaker.entity

    def test_every_narrating_i_is_one_entity(self):
        """Each "I said" of the narration is the same narrator."""
        text, specs = build(said("I|PRON|V|nsubj"), said("I|PRON|V|nsubj", "replied", "reply"))
        quotes = attribute(text, specs)
        assert quotes[0].speaker.entity == quotes[1].speaker.entity
        (narrator,) = quotes.entities
        assert narrator.name == "the narrator" and len(narrator.mentions) == 2

    def test_an_i_inside_a_quote_is_not_the_narrator(self):
        """"“I will win,” she said": the I is hers; no narrator entity appears."""
        text, specs = build(JULIA_ARRIVED,
                            said("she|PRON|V|nsubj", words=("I", "will", "win")))
        quotes = attribute(text, specs)
        assert quotes[0].speaker.name == "Julia Stone"
        assert all(e.name != "the narrator" for e in quotes.entities)


class TestRecords:
    def _doc(self) -> Document:
        text, specs = build(said("Mr.|PROPN|V|nsubj Beebe|PROPN|1|flat"),
                            said("Beebe|PROPN|V|nsubj"),
                            said("the|DET|2|det minister|NOUN|V|nsubj"))
        quotes = attribute(text, specs)
        return Document(text=text, quotes=quotes, entities=quotes.entities, id="d1")

    def test_speaker_table(self):
        """One row per entity: its quotes and the words quoted counted."""
        rows = self._doc().speaker_table()
        assert [(r["entity"], r["name"], r["quotes"], r["words_quoted"]) for r in rows] == [
            ("e1", "Mr. Beebe", 2, 6), ("e2", "the minister", 1, 3)]
        assert rows[0]["first_mention"] == 15 and rows[0]["doc_id"] == "d1"
        assert rows == speaker_records(self._doc())

    def test_quotes_by_entity(self):
        """Quotes grouped by entity id, in text order."""
        groups = self._doc().quotes_by_entity()
        assert {k: len(v) for k, v in groups.items()} == {"e1": 2, "e2": 1}

    def test_dataframe(self):
        """The same rows as a DataFrame."""
        pytest.importorskip("pandas")
        df = speakers_dataframe([self._doc()])
        assert list(df["name"]) == ["Mr. Beebe", "the minister"]

    def test_corpus_merge_by_normalized_full_name(self):
        """"Mr. Mark Rutte" in one document and "Mark Rutte" in another add up; unnamed
        sources and a bare surname do not merge."""
        def doc(ident: str, subject: str) -> Document:
            text, specs = build(said(subject))
            quotes = attribute(text, specs)
            return Document(text=text, quotes=quotes, entities=quotes.entities, id=ident)

        docs = [doc("a", "Mr.|PROPN|V|nsubj Mark|PROPN|1|flat Rutte|PROPN|1|flat"),
                doc("b", "Mark|PROPN|V|nsubj Rutte|PROPN|1|flat"),
                doc("c", "Rutte|PROPN|V|nsubj"),
                doc("d", "the|DET|2|det minister|NOUN|V|nsubj")]
        merged = merge_by_name(docs)
        assert [(r["key"], r["documents"], r["quotes"]) for r in merged] == [
            ("mark rutte", 2, 2), ("rutte", 1, 1)]


class TestRoundTrip:
    def _doc(self) -> Document:
        quotes = attribute(SMITH_TEXT, SMITH_PARSE)
        return Document(text=SMITH_TEXT, quotes=quotes, entities=quotes.entities, id="x")

    def test_with_entities(self):
        """to_dict/from_dict keeps speaker.entity and the entities."""
        doc = self._doc()
        d = doc.to_dict()
        assert d["quotes"][0]["speaker"]["entity"] == "e1"
        assert d["entities"][0]["name"] == "Smith"
        back = Document.from_dict(d)
        assert back == doc and back.entities[0] == doc.entities[0]

    def test_old_records_without_entity_keys(self):
        """A record written before the entity layer (no "entity", no "entities") loads, with
        entity None and no entities."""
        d = self._doc().to_dict()
        del d["entities"]
        for q in d["quotes"]:
            del q["speaker"]["entity"]
        back = Document.from_dict(d)
        assert back.entities == () and back.quotes[0].speaker.entity is None
        assert back.speakers == {"Smith": back.quotes[:1]}

    def test_entity_gender_is_checked(self):
        """An Entity's gender is one of the documented values."""
        with pytest.raises(ValueError, match="gender"):
            Entity(id="e1", name="X", kind="named", gender="f")


def test_no_parse_no_entities():
    """Without a parse (surface rules only) there is nothing to link: no entities."""
    text = "“We will win,” Smith said."
    quotes = attribute_quotes(text, find_quote_spans(text), None)
    assert quotes.entities == () and all(q.speaker is None for q in quotes)


def test_link_entities_takes_quotes_as_given():
    """The post-pass on hand-made quotes: a speaker quote whose mention is a description set
    beside a name is linked to the name (the apposition step on its own)."""
    doc = parsed(SMITH_TEXT, *SMITH_PARSE)
    start = SMITH_TEXT.index("a spokeswoman")
    mention = Span.of(SMITH_TEXT, start, start + len("a spokeswoman for the ministry"))
    q0 = SMITH_TEXT.index("We")
    quote = Quote(start=q0, end=q0 + len("We will respond,"),
                  text=SMITH_TEXT[q0:q0 + len("We will respond,")], kind="direct",
                  speaker=Speaker(label=mention.text, kind="anonymous", mention=mention))
    (out,) = entities.link_entities(SMITH_TEXT, [quote], doc, [(0, len(SMITH_TEXT))])
    assert out.speaker.name == "Smith" and "entity:apposition" in out.evidence


def test_a_name_after_a_nested_quote_is_still_inside_the_quote():
    """“I heard ‘no’ from John Berg.”: the name is in Ann's quote, past the quote nested in
    it; it is no narration mention, so John Berg is no entity of the document."""
    text = "Ann said “I heard ‘no’ from John Berg.”"
    spec = ("Ann|PROPN|2|nsubj said|VERB|0|root|say “|PUNCT|5|punct I|PRON|5|nsubj "
            "heard|VERB|2|ccomp|hear ‘|PUNCT|7|punct no|INTJ|5|obj ’|PUNCT|7|punct "
            "from|ADP|10|case John|PROPN|5|obl Berg|PROPN|10|flat .|PUNCT|5|punct "
            "”|PUNCT|5|punct")
    quotes = attribute(text, [spec])
    outer = next(q for q in quotes if q.text.startswith("I heard"))
    assert outer.speaker is not None and outer.speaker.label == "Ann"
    assert [e.name for e in quotes.entities] == ["Ann"]
