"""The rule tables: one construction per rule, named by its id, and the core that runs them.

Every ``RuleId`` has a construction case whose pytest id is the rule's id
(``tests/test_rules.py::test_rule[speech:cue]``). The case shows the rule at work (it stands
among the quote's findings, or its label is in the evidence) and that it matters: with the
rule disabled the quote comes out otherwise. Most cases are the hand-built parses of
tests/test_constructions.py (named by their id there); the rest are below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest
from conllu import parsed
from test_constructions import (
    CASES,
    COREF_PARSE,
    COREF_TEXT,
    INTERRUPTED,
    INTERRUPTED_PARSE,
    THREE_PARTY,
    THREE_PARTY_PARSE,
)

from quoteattr import lexicon
from quoteattr.attribution import STAGES, AttributionOptions, RuleId, attribute_quotes
from quoteattr.attribution.base import DEFAULT_RULES, ExplainedQuote, Rule
from quoteattr.attribution.calibration import load_calibration
from quoteattr.parse import CorefChain
from quoteattr.spans import find_quote_spans

CONSTRUCTIONS = {p.id: (p.values[0], p.values[1], p.values[2]) for p in CASES}


def _with_coref(doc):
    """COREF_TEXT's parse with a chain tying "she" to Julia Stone."""
    she = next(w.index for w in doc.words if w.text == "she")
    return attrs.evolve(doc, coref=(CorefChain(index=0, mentions=((she, she + 1), (0, 2)),
                                               representative=0),))


#: A transcript: named turns, the reporter asks (quoteattr.structure finds the turns).
INTERVIEW = ("Reporter: Why ice?\n\n"
             "Jane Doe: The panel asked, and I said, “Two winters and a lot of batteries.”\n\n"
             "Reporter: And then?\n\n"
             "Jane Doe: My advice was simple. “Listen to the ice, because it always tells you "
             "first.”")
INTERVIEW_PARSE = [
    "Reporter|NOUN|0|root :|PUNCT|1|punct Why|ADV|4|advmod ice|NOUN|1|parataxis ?|PUNCT|1|punct",
    "Jane|PROPN|0|root Doe|PROPN|1|flat :|PUNCT|1|punct The|DET|5|det panel|NOUN|6|nsubj "
    "asked|VERB|1|parataxis|ask ,|PUNCT|10|punct and|CCONJ|10|cc I|PRON|10|nsubj "
    "said|VERB|6|conj|say ,|PUNCT|10|punct “|PUNCT|14|punct Two|NUM|14|nummod "
    "winters|NOUN|10|ccomp|winter and|CCONJ|17|cc a|DET|17|det lot|NOUN|14|conj of|ADP|19|case "
    "batteries|NOUN|17|nmod|battery .|PUNCT|14|punct ”|PUNCT|14|punct",
    "Reporter|NOUN|0|root :|PUNCT|1|punct And|CCONJ|4|cc then|ADV|1|parataxis ?|PUNCT|1|punct",
    "Jane|PROPN|0|root Doe|PROPN|1|flat :|PUNCT|1|punct My|PRON|5|nmod:poss "
    "advice|NOUN|7|nsubj was|AUX|7|cop|be simple|ADJ|1|parataxis .|PUNCT|1|punct",
    "“|PUNCT|2|punct Listen|VERB|0|root|listen to|ADP|5|case the|DET|5|det ice|NOUN|2|obl "
    ",|PUNCT|10|punct because|SCONJ|10|mark it|PRON|10|nsubj always|ADV|10|advmod "
    "tells|VERB|2|advcl|tell you|PRON|10|obj first|ADV|10|advmod .|PUNCT|2|punct "
    "”|PUNCT|2|punct"]


#: Constructions written for the rule tables: (text, sentences or None for no parse, index)
#: and, optionally, a change to the parse.
#: Two men in reach of "he": the learned ranker decides between them (quoteattr.attribution.ranker).
TWO_MEN = "Tom met Sam at the door. Sam smiled. “Come in,” he said."
TWO_MEN_PARSE = [
    "Tom|PROPN|2|nsubj met|VERB|0|root|meet Sam|PROPN|2|obj at|ADP|6|case the|DET|6|det "
    "door|NOUN|2|obl .|PUNCT|2|punct",
    "Sam|PROPN|2|nsubj smiled|VERB|0|root|smile .|PUNCT|2|punct",
    "“|PUNCT|2|punct Come|VERB|7|ccomp|come in|ADV|2|compound:prt ,|PUNCT|2|punct "
    "”|PUNCT|2|punct he|PRON|7|nsubj said|VERB|0|root|say .|PUNCT|7|punct",
]

#: A turn no rule names a speaker for: the learned turn ranker picks the one person in reach.
LONE_TURN = "Tom waited at the door.\n\n“Well?” The door stayed shut."
LONE_TURN_PARSE = [
    "Tom|PROPN|2|nsubj waited|VERB|0|root|wait at|ADP|5|case the|DET|5|det door|NOUN|2|obl "
    ".|PUNCT|2|punct",
    "“|PUNCT|2|punct Well|INTJ|0|root ?|PUNCT|2|punct ”|PUNCT|2|punct",
    "The|DET|2|det door|NOUN|3|nsubj stayed|VERB|0|root|stay shut|ADJ|3|xcomp .|PUNCT|3|punct",
]

#: One speaker so far, and the one he spoke to in the scene: the new paragraph is the listener's.
LISTENER = "“Who are you?” said the parson to Durbeyfield.\n\n“A knight.”"
LISTENER_PARSE = [
    "“|PUNCT|2|punct Who|PRON|7|ccomp are|AUX|2|cop|be you|PRON|2|nsubj ?|PUNCT|2|punct "
    "”|PUNCT|2|punct said|VERB|0|root|say the|DET|9|det parson|NOUN|7|nsubj to|ADP|11|case "
    "Durbeyfield|PROPN|7|obl .|PUNCT|7|punct",
    "“|PUNCT|3|punct A|DET|3|det knight|NOUN|0|root .|PUNCT|3|punct ”|PUNCT|3|punct",
]

#: A common noun called out ("lad") names the next speaker: the person described so.
LAD = ("The lad stood before the man.\n\n“Do you know the place, lad?” said the man.\n\n"
       "“Yes, I have been there many times.”")
LAD_PARSE = [
    "The|DET|2|det lad|NOUN|3|nsubj stood|VERB|0|root|stand before|ADP|6|case the|DET|6|det "
    "man|NOUN|3|obl .|PUNCT|3|punct",
    "“|PUNCT|4|punct Do|AUX|4|aux|do you|PRON|4|nsubj know|VERB|11|ccomp the|DET|6|det "
    "place|NOUN|4|obj ,|PUNCT|8|punct lad|NOUN|4|vocative ?|PUNCT|4|punct ”|PUNCT|4|punct "
    "said|VERB|0|root|say the|DET|13|det man|NOUN|11|nsubj .|PUNCT|11|punct",
    "“|PUNCT|6|punct Yes|INTJ|6|discourse ,|PUNCT|2|punct I|PRON|6|nsubj have|AUX|6|aux "
    "been|AUX|0|root|be there|ADV|6|advmod many|ADJ|9|amod times|NOUN|6|obl|time "
    ".|PUNCT|6|punct ”|PUNCT|6|punct",
]

#: A question is answered by another person: the one in reach who did not ask it.
QUESTION = ("The parson rode up to Durbeyfield.\n\n“Where do we lie?” asked Durbeyfield.\n\n"
            "“At Kingsbere, in the old vaults.”")
QUESTION_PARSE = [
    "The|DET|2|det parson|NOUN|3|nsubj rode|VERB|0|root|ride up|ADV|3|advmod to|ADP|6|case "
    "Durbeyfield|PROPN|3|obl .|PUNCT|3|punct",
    "“|PUNCT|5|punct Where|ADV|5|advmod do|AUX|5|aux we|PRON|5|nsubj lie|VERB|8|ccomp "
    "?|PUNCT|5|punct ”|PUNCT|5|punct asked|VERB|0|root|ask Durbeyfield|PROPN|8|nsubj "
    ".|PUNCT|8|punct",
    "“|PUNCT|3|punct At|ADP|3|case Kingsbere|PROPN|0|root ,|PUNCT|8|punct in|ADP|8|case "
    "the|DET|8|det old|ADJ|8|amod vaults|NOUN|3|nmod|vault .|PUNCT|3|punct ”|PUNCT|3|punct",
]

#: An action beat in the quote's own sentence: its subject pronoun is the speaker.
BEAT = "The girl smiled at the boy.\n\n“Because I was scared--” he looked away."
BEAT_PARSE = [
    "The|DET|2|det girl|NOUN|3|nsubj smiled|VERB|0|root|smile at|ADP|6|case the|DET|6|det "
    "boy|NOUN|3|obl .|PUNCT|3|punct",
    "“|PUNCT|5|punct Because|SCONJ|5|mark I|PRON|5|nsubj was|AUX|5|cop|be scared|ADJ|9|advcl "
    "--|PUNCT|5|punct ”|PUNCT|5|punct he|PRON|9|nsubj looked|VERB|0|root|look "
    "away|ADV|9|advmod .|PUNCT|9|punct",
]

#: First-person narration: the one spoken to answers, and that is the narrator.
NARRATOR_REPLY = ("He took me by both arms.\n\n“You know what a file is?” he said.\n\n"
                  "“Yes, sir.”")
NARRATOR_REPLY_PARSE = [
    "He|PRON|2|nsubj took|VERB|0|root|take me|PRON|2|obj by|ADP|6|case both|DET|6|det "
    "arms|NOUN|2|obl|arm .|PUNCT|2|punct",
    "“|PUNCT|3|punct You|PRON|3|nsubj know|VERB|11|ccomp what|PRON|3|obj a|DET|6|det "
    "file|NOUN|7|nsubj is|AUX|4|acl:relcl|be ?|PUNCT|3|punct ”|PUNCT|3|punct he|PRON|11|nsubj "
    "said|VERB|0|root|say .|PUNCT|11|punct",
    "“|PUNCT|2|punct Yes|INTJ|0|root ,|PUNCT|4|punct sir|NOUN|2|vocative .|PUNCT|2|punct "
    "”|PUNCT|2|punct",
]

#: The sentence closing the previous turn's paragraph brings in the next speaker.
TRAILING_BEAT = "“Is it far?” asked Tom. Ann looked up.\n\n“Not very.”"
TRAILING_BEAT_PARSE = [
    "“|PUNCT|4|punct Is|AUX|4|cop|be it|PRON|4|nsubj far|ADJ|7|ccomp ?|PUNCT|4|punct "
    "”|PUNCT|4|punct asked|VERB|0|root|ask Tom|PROPN|7|nsubj||S-PERSON .|PUNCT|7|punct",
    "Ann|PROPN|2|nsubj||S-PERSON looked|VERB|0|root|look up|ADV|2|advmod .|PUNCT|2|punct",
    "“|PUNCT|3|punct Not|PART|3|advmod very|ADV|0|root .|PUNCT|3|punct ”|PUNCT|3|punct",
]

NEW = {
    RuleId.BEAT_ENDING_PREVIOUS_TURN: (TRAILING_BEAT, TRAILING_BEAT_PARSE, 1),
    RuleId.NARRATOR_ANSWERS: (NARRATOR_REPLY, NARRATOR_REPLY_PARSE, 1),
    RuleId.BEAT_IN_SENTENCE: (BEAT, BEAT_PARSE, 0),
    RuleId.QUESTION_ANSWERED: (QUESTION, QUESTION_PARSE, 1),
    RuleId.ADDRESSED_DESCRIPTION_IN_PREVIOUS_TURN: (LAD, LAD_PARSE, 1),
    RuleId.LISTENER_IN_SCENE: (LISTENER, LISTENER_PARSE, 1),
    RuleId.RESOLVED_RANKED: (TWO_MEN, TWO_MEN_PARSE, 0),
    RuleId.RANKED_TURN: (LONE_TURN, LONE_TURN_PARSE, 0),
    RuleId.ANSWERER_FIRST_PERSON: (INTERVIEW, INTERVIEW_PARSE, 0),
    RuleId.INTERVIEW_ANSWER: (INTERVIEW, INTERVIEW_PARSE, 1),
    RuleId.HEADLINE: ("Budget passes\n\nThe council voted on Monday.\n\n"
                      "“Council delays vote” — The Riverside Gazette, 2 May\n\n"
                      "The vote was close.", None, 0),
    RuleId.TRAILING_SECTION: ("The council voted on Monday. It was close.\n\nRelated\n"
                              "“What happened to the reference desk?”\n"
                              "“Libraries: a history”", None, 0),
    RuleId.TITLE_APPOSITION: ("Last year she published a memoir, “Flour in my hair”, which "
                              "sold out.", None, 0),
    RuleId.TITLE_SUBTITLE: ("The group's findings, in “Cities at the edge: How the coast "
                            "changes”, were new.", None, 0),
    RuleId.REPEATED_TERM: ("He spoke of the “cruise” again. Then the “cruise” began.", None, 1),
    RuleId.TITLE_CASE: ("She loved “The Old Man and the Sea” as a child.", None, 0),
    RuleId.SHORT_WITHOUT_CUE: ("He met the “elite” at noon.", None, 0),
    RuleId.VERSE: ("CHAPTER I.\n\n    “Since I can do no good because a woman,\n"
                   "     Reach constantly at something that is near it.”\n\n"
                   "Miss Brooke had that kind of beauty.", None, 0),
    RuleId.THOUGHT: ("“I must go,” she pondered.", [
        "“|PUNCT|4|punct I|PRON|4|nsubj must|AUX|4|aux go|VERB|8|ccomp ,|PUNCT|4|punct "
        "”|PUNCT|4|punct she|PRON|8|nsubj pondered|VERB|0|root|ponder .|PUNCT|8|punct"], 0),
    RuleId.FRAGMENT_WITHOUT_SOURCE: (
        "The garment was “ready-made”; such coats were called plebeian.", [
            "The|DET|2|det garment|NOUN|5|nsubj was|AUX|5|cop|be “|PUNCT|5|punct "
            "ready-made|ADJ|0|root ”|PUNCT|5|punct ;|PUNCT|11|punct such|ADJ|9|amod "
            "coats|NOUN|11|nsubj:pass|coat were|AUX|11|aux:pass|be "
            "called|VERB|5|parataxis|call plebeian|ADJ|11|xcomp .|PUNCT|5|punct"], 0),
    RuleId.GENERIC_SAYING: ("I was born in Suffolk, or ‘there by’, as they say in Scotland.", [
        "I|PRON|3|nsubj:pass was|AUX|3|aux:pass born|VERB|0|root|bear in|ADP|5|case "
        "Suffolk|PROPN|3|obl ,|PUNCT|9|punct or|CCONJ|9|cc ‘|PUNCT|9|punct there|ADV|5|conj "
        "by|ADV|9|advmod ’|PUNCT|9|punct ,|PUNCT|15|punct as|SCONJ|15|mark they|PRON|15|nsubj "
        "say|VERB|3|advcl|say in|ADP|17|case Scotland|PROPN|15|obl .|PUNCT|3|punct"], 0),
    RuleId.SPEECH_CUE_ADJACENT: ("“We are ready to go now!” he said.", [
        "“|PUNCT|4|punct We|PRON|4|nsubj are|AUX|4|cop|be ready|ADJ|0|root to|PART|6|mark "
        "go|VERB|4|xcomp now|ADV|6|advmod !|PUNCT|4|punct ”|PUNCT|4|punct he|PRON|11|nsubj "
        "said|VERB|4|orphan|say .|PUNCT|4|punct"], 0),
    RuleId.RESUMES_INTERRUPTED_QUOTE: (INTERRUPTED, INTERRUPTED_PARSE, 1),
    RuleId.BEYOND_ANOTHER_QUOTE: (
        "He said, coming to a stand before me, “Have you any tobacco? If not, I” -- "
        "“I have some,” Ralph replied.", [
            "He|PRON|2|nsubj said|VERB|0|root|say ,|PUNCT|4|punct coming|VERB|2|advcl|come "
            "to|ADP|7|case a|DET|7|det stand|NOUN|4|obl before|ADP|9|case me|PRON|4|obl "
            ",|PUNCT|4|punct “|PUNCT|12|punct Have|VERB|2|ccomp|have you|PRON|12|nsubj "
            "any|DET|15|det tobacco|NOUN|12|obj ?|PUNCT|12|punct If|SCONJ|18|mark "
            "not|PART|30|advcl ,|PUNCT|18|punct I|PRON|30|reparandum ”|PUNCT|30|punct "
            "--|PUNCT|30|punct “|PUNCT|25|punct I|PRON|25|nsubj have|VERB|30|ccomp|have "
            "some|PRON|25|obj ,|PUNCT|25|punct ”|PUNCT|25|punct Ralph|PROPN|30|nsubj "
            "replied|VERB|2|parataxis|reply .|PUNCT|2|punct"], 0),
    RuleId.IN_THE_WORDS_OF: ("In the words of the mayor, the city is “open for business.”", [
        "In|ADP|3|case the|DET|3|det words|NOUN|12|obl|word of|ADP|6|case the|DET|6|det "
        "mayor|NOUN|3|nmod ,|PUNCT|3|punct the|DET|9|det city|NOUN|12|nsubj is|AUX|12|cop|be "
        "“|PUNCT|12|punct open|ADJ|0|root for|ADP|14|case business|NOUN|12|obl "
        ".|PUNCT|12|punct ”|PUNCT|12|punct"], 0),
    RuleId.COLON_VERB: ("Sunak defended the record whilst promising an update: “We will deliver.”", [
        "Sunak|PROPN|2|nsubj defended|VERB|0|root|defend the|DET|4|det record|NOUN|2|obj "
        "whilst|SCONJ|6|mark promising|VERB|2|advcl|promise an|DET|8|det update|NOUN|6|obj "
        ":|PUNCT|13|punct “|PUNCT|13|punct We|PRON|13|nsubj will|AUX|13|aux "
        "deliver|VERB|2|parataxis .|PUNCT|13|punct ”|PUNCT|13|punct"], 0),
    RuleId.COLON_NP: ("Smith's message: “We are ready.”", [
        "Smith|PROPN|3|nmod:poss 's|PART|1|case message|NOUN|0|root :|PUNCT|8|punct "
        "“|PUNCT|8|punct We|PRON|8|nsubj are|AUX|8|cop|be ready|ADJ|3|appos .|PUNCT|8|punct "
        "”|PUNCT|8|punct"], 0),
    RuleId.PREVIOUS_SENTENCE: ("Obama tweeted:\n“Cool clock.”", [
        "Obama|PROPN|2|nsubj tweeted|VERB|0|root|tweet :|PUNCT|2|punct",
        "“|PUNCT|3|punct Cool|ADJ|3|amod clock|NOUN|0|root .|PUNCT|3|punct ”|PUNCT|3|punct"], 0),
    RuleId.NEXT_SENTENCE: ("“Where are you going?” said Durbeyfield.", [
        "“|PUNCT|5|punct Where|ADV|5|advmod are|AUX|5|aux|be you|PRON|5|nsubj "
        "going|VERB|0|root|go ?|PUNCT|5|punct ”|PUNCT|5|punct",
        "said|VERB|0|root|say Durbeyfield|PROPN|1|nsubj .|PUNCT|1|punct"], 0),
    RuleId.PASSIVE_AGENT: ("“We will win,” it was said by the minister.", [
        "“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux win|VERB|9|ccomp ,|PUNCT|4|punct "
        "”|PUNCT|4|punct it|PRON|9|nsubj:pass was|AUX|9|aux:pass|be said|VERB|0|root|say "
        "by|ADP|12|case the|DET|12|det minister|NOUN|9|obl .|PUNCT|9|punct"], 0),
    RuleId.PASSIVE_NO_AGENT: ("“We will win,” it was said.", [
        "“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux win|VERB|9|ccomp ,|PUNCT|4|punct "
        "”|PUNCT|4|punct it|PRON|9|nsubj:pass was|AUX|9|aux:pass|be said|VERB|0|root|say "
        ".|PUNCT|9|punct"], 0),
    RuleId.AUTHOR_OF_DOCUMENT: ("“Prices will rise,” PC World's analysis concluded.", [
        "“|PUNCT|4|punct Prices|NOUN|4|nsubj|price will|AUX|4|aux rise|VERB|11|ccomp "
        ",|PUNCT|4|punct ”|PUNCT|4|punct PC|PROPN|8|compound World|PROPN|10|nmod:poss "
        "'s|PART|8|case analysis|NOUN|11|nsubj concluded|VERB|0|root|conclude "
        ".|PUNCT|11|punct"], 0),
    RuleId.MODIFIED_NOUN: ("There was a spokesman saying “We are ready to talk now.”", [
        "There|PRON|2|expl was|VERB|0|root|be a|DET|4|det spokesman|NOUN|2|nsubj "
        "saying|VERB|4|acl|say “|PUNCT|9|punct We|PRON|9|nsubj are|AUX|9|cop|be "
        "ready|ADJ|5|ccomp to|PART|11|mark talk|VERB|9|xcomp now|ADV|11|advmod "
        ".|PUNCT|9|punct ”|PUNCT|9|punct"], 0),
    RuleId.NO_SUBJECT: ("Asked about it, “We will win.”", [
        "Asked|VERB|8|advcl|ask about|ADP|3|case it|PRON|1|obl ,|PUNCT|1|punct "
        "“|PUNCT|8|punct We|PRON|8|nsubj will|AUX|8|aux win|VERB|0|root .|PUNCT|8|punct "
        "”|PUNCT|8|punct"], 0),
    RuleId.RESOLVED_COREF: (COREF_TEXT, COREF_PARSE, 0, _with_coref),
    RuleId.ADDRESSED_IN_PREVIOUS_TURN: (THREE_PARTY, THREE_PARTY_PARSE, 3),
    RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN: (
        "“Are you coming, Ditto?” asked Tom.\n“Yep.”", [
            "“|PUNCT|4|punct Are|AUX|4|aux|be you|PRON|4|nsubj coming|VERB|9|ccomp|come "
            ",|PUNCT|6|punct Ditto|PROPN|4|vocative||S-PERSON ?|PUNCT|4|punct ”|PUNCT|4|punct "
            "asked|VERB|0|root|ask Tom|PROPN|9|nsubj||S-PERSON .|PUNCT|9|punct",
            "“|PUNCT|2|punct Yep|INTJ|0|root|yep .|PUNCT|2|punct ”|PUNCT|2|punct"], 1),
}

#: Rules shown by a case of tests/test_constructions.py (its id there).
FROM_CONSTRUCTIONS = {
    RuleId.NAMED_BY_CONTEXT: 'so-called “…”',
    RuleId.UTTERANCE_SHAPE: 'split quote: second part inherits',
    RuleId.MODIFIER_IN_NOUN_PHRASE: 'a short quote between a determiner and a noun names something (parser says nsubj)',  # noqa: E501
    RuleId.SPEECH_CUE: 'X said “…”',
    RuleId.SPEECH_CUE_TURN: 'a one-word turn before its reporting verb, which the parser hung on the next part',  # noqa: E501
    RuleId.CUE_VERB_GOVERNS: 'X said “…”',
    RuleId.CUE_VERB_UNDER_QUOTE: 'as X put it',
    RuleId.CUE_VERB_INTRODUCES: '“…” right after a participle deep under the verb the parser chose',
    RuleId.CUE_VERB_ADJACENT: 'two partial quotes, second: the participle the parser skipped',
    RuleId.ACCORDING_TO: 'according to X',
    RuleId.ATTRIBUTED_TO: 'a quote attributed to X — “…”',
    RuleId.COLON_SUBJECT: 'colon without a verb',
    RuleId.DASH: 'trailing dash attribution',
    RuleId.SISTER_VERB: 'two partial quotes, second: the participle the parser skipped',
    RuleId.BEFORE_QUOTE: "'saying to her earnestly, ‘…’' with the quote hung on the main verb",
    RuleId.CUE_VERB_NEIGHBOUR: "'saying to her earnestly, ‘…’' with the quote hung on the main verb",
    RuleId.SIGNATURE: 'an epigraph signed by a name with no verb and no dash',
    RuleId.INVERTED_OBJECT_NAME: '“…?” asked Miss X herself, that lady: the name as object, the apposition as subject',  # noqa: E501
    RuleId.RELATIVE_CLAUSE: 'X, who said',
    RuleId.SUBJECT: 'X said “…”',
    RuleId.OBJECT_OF_GOVERNING_VERB: 'infinitive speaker: heard her say',
    RuleId.SUBJECT_OF_GOVERNING_VERB: 'X was quoted as saying',
    RuleId.INVERTED: 'inverted speaker misparsed as obj',
    RuleId.SUBJECT_HUNG_ON_QUOTE: "the reporting verb's subject hung by the parser on the quote's verb",
    RuleId.NEAREST_BEFORE: "told's object is the addressee, never an inverted speaker",
    RuleId.IMPLAUSIBLE_SPEAKER: 'a relative clause on a noun that cannot speak names no speaker',
    RuleId.RESOLVED_NEAREST: 'reporting verb misparsed as conj of the quote; pronoun resolved',
    RuleId.OUTER_QUOTE_SPEAKER: "a nested quote cued by 'I' inside the outer quote is the outer speaker's",
    RuleId.PREVIOUS_QUOTE_IN_PARAGRAPH: 'split quote: second part inherits',
    RuleId.PREVIOUS_SENTENCE_SUBJECT: 'speaker named only in the neighbouring sentence',
    RuleId.DIALOGUE_TURN: 'the sentence after a quote that opens with a quote is the next turn, no beat',
    RuleId.PREVIOUS_PARAGRAPH: "a turn that addresses 'sister Jemima' is not Jemima Smith's",
    RuleId.NEXT_SENTENCE_SUBJECT: 'action beat after the quote',
    RuleId.CUE_VERB_BESIDE_QUOTED_WORD:
        'a quoted word the parser made the root does not take the cue away',
    RuleId.CUE_VERB_READ_AS_NOUN:
        'a present plural inverted verb the tagger read as a noun is the cue',
    RuleId.RESOLVED_PARAGRAPH_SUBJECT:
        "she said: the subject the paragraph opened with, not the last paragraph's speaker",
    RuleId.NOUN_BY_VERB_READ_AS_NOUN:
        "X notes, “…” with notes read as a noun hung on X: X, without the verb",
    RuleId.INTRODUCED_BEFORE: "say, ‘A,’ I say, ‘B’: the verb that opens B is not A's cue",
    RuleId.CUE_VERB_MISSION:
        "X aims to help address “…”: a stated aim quoted in the infinitive is X's",
    RuleId.SIGNED_TITLE:
        "the quote after a signature and a comma is the title of the signed post",
    RuleId.QUOTE_OPENS_PARAGRAPH: 'the sentence after a quote that opens with a quote is the next turn, no beat',  # noqa: E501
    RuleId.POSSESSOR_OF_UTTERANCE:
        "an utterance noun as subject: its possessive pronoun speaks, resolved",
    RuleId.NAMED_BY_VERB: "a naming participle's noun phrase is a name, not words said",
    RuleId.PRONOUN_CHAIN:
        "the narration's 'he' subjects carry the story's person past a newer man",
}


def _case(rule: RuleId):
    if rule in NEW:
        return NEW[rule]
    return CONSTRUCTIONS[FROM_CONSTRUCTIONS[rule]]


def _attribute(rule: RuleId, options: AttributionOptions):
    text, sentences, index, *change = _case(rule)
    doc = None
    if sentences is not None:
        doc = parsed(text, *sentences)
        for f in change:
            doc = f(doc)
    return attribute_quotes(text, find_quote_spans(text), doc, options)[index]


def _standing(quote) -> set[RuleId]:
    return {f.rule for f in quote.findings if f.note in ("", "won")}


def _at_work(rule: RuleId, quote) -> bool:
    """The rule stands, wrote its label, or marked a cue candidate (won or lost)."""
    return rule in _standing(quote) or rule.label in quote.evidence or \
        any(rule.label in getattr(f.value, "rules", ()) for f in quote.findings)


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.value) for r in RuleId])
def test_rule(rule):
    """The rule's construction: the rule stands among the findings (or writes its label),
    and disabling it changes the quote (a stage's default cannot be disabled)."""
    quote = _attribute(rule, AttributionOptions(explain=True))
    assert _at_work(rule, quote), (quote, quote.findings)
    if rule in DEFAULT_RULES:
        return
    without = _attribute(rule, AttributionOptions(disabled={rule}))
    assert without.to_dict() != quote.to_dict(), quote


def test_every_rule_has_a_construction():
    """A RuleId with no construction case fails here (add one to NEW or FROM_CONSTRUCTIONS)."""
    missing = [r.value for r in RuleId if r not in NEW and r not in FROM_CONSTRUCTIONS]
    assert not missing, f"rules without a construction case: {missing}"
    assert not set(NEW) & set(FROM_CONSTRUCTIONS)
    unknown = [c for c in FROM_CONSTRUCTIONS.values() if c not in CONSTRUCTIONS]
    assert not unknown, unknown


def test_every_rule_is_in_a_table_with_an_example():
    """Each RuleId is emitted by a rule of some stage table, whose docstring opens with a
    one-line example."""
    rules = [rule for _, table in STAGES for rule in table]
    emitted = {rid for rule in rules for rid in rule.emits}
    assert emitted == set(RuleId), set(RuleId) - emitted
    for rule in rules:
        assert rule.example, f"{rule.id.value}: {rule.fn.__name__} has no docstring"


def test_interview_quotes_belong_to_the_answerer():
    """In a Q&A transcript the answerer says what "I said" and an uncued quote say."""
    quotes = attribute_quotes(INTERVIEW, find_quote_spans(INTERVIEW),
                              parsed(INTERVIEW, *INTERVIEW_PARSE))
    assert [q.speaker.label if q.speaker else None for q in quotes] == ["Jane Doe", "Jane Doe"]
    assert quotes[0].speaker.mention.text == "I"


class TestCore:
    """Disabled rules, explain, and requirements."""

    def test_disabled_takes_ids_or_their_values(self):
        """Rules are disabled by RuleId or by the evidence string; unknown ones are refused."""
        assert AttributionOptions(disabled={"dash-attribution"}).disabled == {RuleId.DASH}
        with pytest.raises(ValueError, match="unknown rule 'no-such-rule'"):
            AttributionOptions(disabled={"no-such-rule"})
        with pytest.raises(TypeError, match="collection of rule ids"):
            AttributionOptions(disabled="dash-attribution")

    def test_a_stage_default_cannot_be_disabled(self):
        """What a stage says when no rule hits cannot be switched off."""
        with pytest.raises(ValueError, match="cannot be disabled"):
            AttributionOptions(disabled={RuleId.NO_SUBJECT})

    def test_a_disabled_rule_is_skipped(self):
        """With the dash rule off, a trailing dash attribution is left to the turn ranker
        (which takes the person named after the quote); with that off too, no speaker."""
        text, sentences, index = CONSTRUCTIONS["trailing dash attribution"]
        doc = parsed(text, *sentences)
        spans = find_quote_spans(text)
        on = attribute_quotes(text, spans, doc)[index]
        off = attribute_quotes(text, spans, doc, AttributionOptions(disabled={RuleId.DASH}))[index]
        assert "dash-attribution" in on.evidence and on.speaker is not None
        assert "dash-attribution" not in off.evidence and "inherited:ranked" in off.evidence
        both = attribute_quotes(text, spans, doc, AttributionOptions(
            disabled={RuleId.DASH, RuleId.RANKED_TURN}))[index]
        assert "dash-attribution" not in both.evidence and both.speaker is None

    def test_explain_keeps_winners_and_losers_without_changing_output(self):
        """explain=True returns ExplainedQuotes whose to_dict() is the plain Quote's, with
        the cue contest's winner and losers among the findings."""
        text, sentences, index = CONSTRUCTIONS["colon with a verb"]  # The minister said: “…”
        doc = parsed(text, *sentences)
        spans = find_quote_spans(text)
        plain = attribute_quotes(text, spans, doc)[index]
        explained = attribute_quotes(text, spans, doc, AttributionOptions(explain=True))[index]
        assert isinstance(explained, ExplainedQuote) and not isinstance(plain, ExplainedQuote)
        assert explained.to_dict() == plain.to_dict() and explained == plain
        notes = {(f.rule, f.note) for f in explained.findings}
        assert (RuleId.CUE_VERB_GOVERNS, "won") in notes
        assert (RuleId.COLON_VERB, "lost") in notes
        won = next(f for f in explained.findings if f.note == "won")
        assert doc.words[won.value.words[0]].text == "said"

    def test_a_rule_needing_coref_is_skipped_with_the_reason(self):
        """Without coreference chains in the parse, the coref rule is skipped and says why;
        with them it runs."""
        text, sentences = COREF_TEXT, COREF_PARSE
        doc = attrs.evolve(parsed(text, *sentences), coref=None)  # coreference not run
        spans = find_quote_spans(text)
        (q,) = attribute_quotes(text, spans, doc, AttributionOptions(explain=True))
        assert (RuleId.RESOLVED_COREF, "skipped: needs coref") in \
            {(f.rule, f.note) for f in q.findings}
        assert "resolved:coref" not in q.evidence
        (q,) = attribute_quotes(text, spans, _with_coref(doc), AttributionOptions(explain=True))
        assert RuleId.RESOLVED_COREF not in {f.rule for f in q.findings if f.note}
        assert "resolved:coref" in q.evidence

    def test_a_rule_needing_ner_is_skipped_without_entities(self):
        """A named listener answers only where NER says the name is a person's."""
        text, sentences, index = NEW[RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN]
        sentences = [s.replace("||S-PERSON", "") for s in sentences]  # no NER
        q = attribute_quotes(text, find_quote_spans(text), parsed(text, *sentences),
                             AttributionOptions(explain=True))[index]
        assert (RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN, "skipped: needs ner") in \
            {(f.rule, f.note) for f in q.findings}
        assert q.speaker is not None and q.speaker.label == "Tom"

    def test_min_confidence_leaves_out_the_least_sure_quotes(self):
        """A quote with a cue (0.95 by the rules, calibrated: the dev accuracy of named cue
        speakers) stays above the threshold; speech no rule found a speaker for (0.2) is
        left out; the default keeps both; a bad value is refused."""
        text = "Smith said “We will win.”\n\nLater. “Nobody knows what comes next for any of us.”"
        doc = parsed(text,
                     "Smith|PROPN|2|nsubj said|VERB|0|root|say “|PUNCT|6|punct We|PRON|6|nsubj "
                     "will|AUX|6|aux win|VERB|2|ccomp .|PUNCT|6|punct ”|PUNCT|6|punct",
                     "Later|ADV|0|root .|PUNCT|1|punct",
                     "“|PUNCT|3|punct Nobody|PRON|3|nsubj knows|VERB|0|root|know what|PRON|5|nsubj "
                     "comes|VERB|3|ccomp|come next|ADV|5|advmod for|ADP|9|case any|PRON|6|obl "
                     "of|ADP|10|case us|PRON|8|nmod .|PUNCT|3|punct ”|PUNCT|3|punct")
        spans = find_quote_spans(text)
        raw = attribute_quotes(text, spans, doc, AttributionOptions(calibrated=False))
        assert [q.confidence for q in raw] == [0.95, 0.2]
        every = attribute_quotes(text, spans, doc)
        table = load_calibration()
        assert table is not None
        assert [q.confidence for q in every] == [round(table.accuracy["cue|speaker:named"], 3),
                                                 0.2]
        kept = attribute_quotes(text, spans, doc, AttributionOptions(min_confidence=0.25))
        assert [q.text for q in kept] == ["We will win."]
        assert kept.entities == every.entities
        for bad in (-0.1, 1.5, "0.5", True):
            with pytest.raises(ValueError, match="min_confidence must be a number"):
                AttributionOptions(min_confidence=bad)

    def test_unknown_requirements_are_refused(self):
        """A rule declares only requirements a parse can have."""
        with pytest.raises(ValueError, match="unknown requirement"):
            Rule(RuleId.DASH, lambda ctx: None, requires={"sentiment"})


def _lexicon_names() -> set[str]:
    tree = ast.parse(Path(lexicon.__file__).read_text(encoding="utf-8"))
    return {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(t, ast.Name) and t.id.isupper()}


def test_every_lexicon_list_is_used():
    """Every word list in lexicon.py is read by the package (a list nobody reads is dead)."""
    package = Path(lexicon.__file__).parent
    used: set[str] = set()
    for path in package.rglob("*.py"):
        if path.name == "lexicon.py" or "training" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                    node.value.id == "lexicon":
                used.add(node.attr)
    lexicon_src = ast.parse(Path(lexicon.__file__).read_text(encoding="utf-8"))
    inside = {n.id for n in ast.walk(lexicon_src) if isinstance(n, ast.Name) and
              isinstance(n.ctx, ast.Load)}
    unused = sorted(_lexicon_names() - used - inside)
    assert not unused, f"lexicon lists no module reads: {unused}"


def test_no_verb_is_both_a_reporting_and_a_thought_verb():
    """Reporting, inner-speech and thought verbs are three disjoint lists."""
    assert not lexicon.REPORTING_VERBS & lexicon.THOUGHT_VERBS
    assert not lexicon.REPORTING_VERBS & lexicon.INNER_SPEECH_VERBS
    assert not lexicon.INNER_SPEECH_VERBS & lexicon.THOUGHT_VERBS


def test_rules_page_is_current():
    """docs/rules.md is what tools/rules_doc.py writes from the rule docstrings."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "tools/rules_doc.py", "--check"], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


def test_verse_the_text_introduces_is_left_to_its_cue():
    """An indented stanza after "his song:" or "as Pope tells us--" is introduced (a sung
    or cited verse, speech if a cue says so); the same stanza under a heading is verse."""
    from quoteattr.attribution import classify_surface

    stanza = ("    “Fifteen men on the dead man's chest--\n"
              "       Yo-ho-ho, and a bottle of rum!”\n\nHe drank.")
    for before, rule in (("Then he began his song:\n\n", "speech:utterance-shape"),
                         ("as Mr Pope tells us--\n\n", "speech:utterance-shape"),
                         ("CHAPTER II\n\n", "nonspeech:verse")):
        text = before + stanza
        span = find_quote_spans(text).spans[0]
        assert classify_surface(text, span, (len(before), len(text)))[1] == rule, before
