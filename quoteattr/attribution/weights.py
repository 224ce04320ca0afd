"""Every score and confidence the attribution rules use, in one table.

Two kinds of number live here:

* **scores** rank competing candidates inside one stage (the cue contest, pronoun
  antecedents); only their order matters;
* **confidences** end up in ``Quote.confidence`` (0..1); a cue's *strength* is multiplied by
  the speaker factor of the mention it names.

Changing a number here changes output: check with ``tools/check_behaviour.py``.
"""

from __future__ import annotations

# --- the cue contest (scores) -------------------------------------------------------------
#: a reporting verb that governs the quote in the parse; plus 1/hops up the tree
CUE_GOVERNS = 3.0
#: a reporting verb the parser hung under the quote ("“…,” she said" as parataxis); plus 1/hops
CUE_UNDER_QUOTE = 2.0
#: "described X as a “strong signal”": the "as" quote of a verb of naming
CUE_AS_BONUS = 1.0
#: a verb with a speaker, and one without
CUE_HAS_SPEAKER = 0.5
CUE_NO_SPEAKER = -1.5
#: a verb after the quote with another quote in between
CUE_BEYOND_ANOTHER_QUOTE = -2.0
#: an unlinked verb further than this many frame words from the quote is no candidate
CUE_MAX_ADJACENT_DISTANCE = 4
CUE_ACCORDING = 3.6
CUE_DASH = 3.2
CUE_COLON = 2.5

# --- cue strengths (confidences before the speaker factor) ---------------------------------
STRENGTH_VERB_LINKED = 0.95
STRENGTH_VERB_ADJACENT = 0.75
#: taken off a verb's strength when it names no speaker
STRENGTH_NO_SPEAKER_PENALTY = 0.3
STRENGTH_ACCORDING = 0.9
STRENGTH_DASH = 0.8
STRENGTH_COLON_VERB = 0.75
STRENGTH_COLON_SUBJECT = 0.75
STRENGTH_COLON_NP = 0.7
STRENGTH_NEIGHBOUR_VERB = 0.8
STRENGTH_SIGNATURE = 0.6

# --- speaker factors (times the cue's strength) --------------------------------------------
FACTOR_MENTION = 1.0
FACTOR_PRONOUN_RESOLVED = 0.85
FACTOR_PRONOUN_UNRESOLVED = 0.7

# --- quote confidences ----------------------------------------------------------------------
NO_PARSE_NONSPEECH = 0.5
NO_PARSE_SPEECH = 0.4
MODIFIER_IN_NOUN_PHRASE = 0.7
THOUGHT = 0.6
NONSPEECH_WITHOUT_CUE = 0.7
NONSPEECH_WITH_CUE = 0.55
CUE_WITHOUT_SPEAKER = 0.3
UNATTRIBUTED = 0.2
PREVIOUS_QUOTE_IN_PARAGRAPH = 0.7
#: a quote with no cue inside an interview answer: the answerer's
INTERVIEW_ANSWER = 0.7
PREVIOUS_SENTENCE_SUBJECT = 0.6
TURN_TAKING = 0.55
NEXT_SENTENCE_SUBJECT = 0.5
QUOTE_OPENS_PARAGRAPH = 0.4

# --- pronoun antecedents (scores) -----------------------------------------------------------
PRONOUN_PER_SENTENCE = -1.0
PRONOUN_SUBJECT = 1.5
PRONOUN_SPEAKER = 2.0
PRONOUN_NAMED = 1.0
PRONOUN_SAME_PARAGRAPH = 0.5
#: a person a narration pronoun was already taken for: the topic the story is about
PRONOUN_TOPIC = 0.5
#: the mention's own gender is the pronoun's ("his mother" for "she"), not just no clash
PRONOUN_GENDER_KNOWN = 1.0
#: a name the quote itself speaks of in the third person ("Andy Warhol was …")
PRONOUN_SPOKEN_OF = -6.0
PRONOUN_MAX_SENTENCES = 12
PRONOUN_MAX_PARAGRAPHS = 4
