"""Word lists the rules read. Data only: no logic lives here, so the lists can be extended
without touching the attribution code (and tested for shape on their own).

All entries are lowercase lemmas or lowercase surface forms, as each name says.
"""

from __future__ import annotations

import functools
from pathlib import Path

#: Opening quotation mark -> the closing marks that end it. Straight marks close themselves.
#: „ is closed by “ (German) or ” (Polish, Hungarian); » « pairs are the Danish/German use.
QUOTE_PAIRS: dict[str, frozenset[str]] = {
    "\u201c": frozenset({"\u201d"}),            # “ … ”
    "\u2018": frozenset({"\u2019"}),            # ‘ … ’
    "\u201e": frozenset({"\u201c", "\u201d"}),  # „ … “ / „ … ”
    "\u201a": frozenset({"\u2018", "\u2019"}),  # ‚ … ‘
    "\u00ab": frozenset({"\u00bb"}),            # « … »
    "\u2039": frozenset({"\u203a"}),            # ‹ … ›
    "\u300c": frozenset({"\u300d"}),            # 「 … 」
    "\u300e": frozenset({"\u300f"}),            # 『 … 』
    '"': frozenset({'"'}),
    "'": frozenset({"'"}),
    "\uff02": frozenset({"\uff02"}),            # fullwidth "
}
#: Closing glyphs that some languages also use to open (Swedish ”…”, Danish »…«). They open
#: only where they are left-flanking and nothing is open.
SECONDARY_PAIRS: dict[str, frozenset[str]] = {
    "\u201d": frozenset({"\u201d"}),
    "\u00bb": frozenset({"\u00ab", "\u00bb"}),
    "\u2019": frozenset({"\u2019"}),
}
#: Marks that can open a quote.
OPENING_MARKS = frozenset(QUOTE_PAIRS)
#: Marks that can close a quote.
CLOSING_MARKS = frozenset(c for closers in QUOTE_PAIRS.values() for c in closers)
#: Every character the span finder looks at.
QUOTE_MARKS = OPENING_MARKS | CLOSING_MARKS
#: Single-quote family: these double as apostrophes.
SINGLE_MARKS = frozenset({"'", "\u2018", "\u2019", "\u201a", "\u2039", "\u203a"})

#: Words that begin with an elided letter and so start with an apostrophe, not an opening
#: quote: ’em, ’tis, ’twas, ’cause, ’til, ’n’ (rock ’n’ roll), ’bout, ’round, ’scuse, ’ere...
ELISIONS = frozenset({
    "em", "tis", "twas", "twere", "twill", "cause", "cos", "coz", "til", "till", "n", "bout",
    "round", "scuse", "cept", "nother", "ere", "im", "er", "ow", "ave", "ead", "appen", "alf",
    "ello", "ome", "is", "un", "uns", "ye", "y", "s", "d", "ll", "re", "ve", "m", "t",
})

#: Reporting verbs (lemmas). A quote governed by one of these is speech; its subject speaks.
#: Broader than textacy's list: it adds reiterate, emphasize, put (it), assert and fiction's
#: dialogue verbs.
REPORTING_VERBS = frozenset({
    # news
    "say", "tell", "add", "write", "reply", "note", "stress", "describe", "assert", "state",
    "reiterate", "emphasize", "emphasise", "explain", "claim", "argue", "insist", "warn",
    "announce", "declare", "acknowledge", "admit", "answer", "respond", "recall", "suggest",
    "predict", "promise", "vow", "pledge", "confirm", "deny", "comment", "observe", "remark",
    "conclude", "complain", "concede", "contend", "counter", "caution", "urge", "mention",
    "report", "testify", "maintain", "allege", "affirm", "underline", "underscore",
    "point", "put", "tweet", "post", "blog", "email", "text", "message", "quip", "joke", "boast",
    "brag", "lament", "criticize", "criticise", "praise", "concur", "agree", "disagree",
    "estimate", "forecast", "hail", "dismiss", "call", "term", "dub", "label", "characterize",
    "characterise", "brand", "cite", "quote", "summarize", "summarise", "proclaim",
    "repeat", "reaffirm", "signal", "indicate", "specify", "clarify", "elaborate", "recount",
    "relate", "recommend", "propose", "threaten", "demand", "request", "plead", "beg", "ask",
    "question", "inquire", "enquire", "query", "interject", "interrupt", "chime",
    "disclose", "reveal", "divulge", "tout", "assure", "reassure", "guarantee",
    "swear", "attest", "stipulate", "inform", "notify", "advise", "instruct",
    "order", "command", "recite", "read", "begin", "continue", "resume", "reason",
    # fiction dialogue
    "cry", "exclaim", "shout", "yell", "scream", "shriek", "whisper", "murmur",
    "mutter", "mumble", "stammer", "stutter", "sigh", "sob", "gasp", "groan", "moan", "growl",
    "snarl", "snap", "bark", "hiss", "laugh", "chuckle", "giggle", "smile", "grin", "sneer",
    "scoff", "retort", "rejoin", "return", "protest", "object", "roar",
    "bellow", "howl", "wail", "whimper", "squeal", "purr", "drawl", "croak", "breathe",
    "pant", "sputter", "splutter", "blurt", "venture", "persist", "pursue", "entreat",
    "implore", "thunder", "sing", "chant", "hum", "nod", "shrug", "scold", "chide",
    "tease", "coax", "soothe", "console", "greet", "welcome", "accuse", "confess",
    "soliloquise", "soliloquize", "ejaculate", "expostulate", "remonstrate", "interpose",
    "aver", "opine", "falter", "grumble", "snort", "lisp", "simper", "chirp", "grunt",
})

#: Past tenses of reporting verbs that do not add -ed (`reporting_forms`).
IRREGULAR_PAST = {
    "say": "said", "tell": "told", "write": "wrote", "begin": "began", "sing": "sang",
    "think": "thought", "swear": "swore", "read": "read", "put": "put", "hum": "hummed",
    "chide": "chid", "bid": "bade", "go": "went", "speak": "spoke",
}


#: Verbs of purpose whose to-infinitive quotes a stated aim, a mission statement: "The blog
#: aims to help address “…”", "a charity that seeks to “…”". They cue only a quote inside
#: their infinitive (``cue-verb:mission``).
MISSION_VERBS = frozenset({"aim", "seek", "strive", "endeavour", "endeavor"})

#: Verbs of thinking that cue a quote like a reporting verb, so the thought is attributed to
#: its thinker ("“What a curious feeling!” thought Alice", "I wondered, “…”"). Kept apart
#: from REPORTING_VERBS (speech) and THOUGHT_VERBS (no cue); a verb is in one of the three.
INNER_SPEECH_VERBS = frozenset({"think", "muse", "wonder"})

#: Verbs of thinking that are no cue: a quote next to one (or next to an inner-speech verb
#: that is not its cue), with no reporting cue, is a thought, not speech ("“I must go,” she
#: pondered").
THOUGHT_VERBS = frozenset({"reflect", "ponder", "fancy", "imagine", "dream"})

#: Verbs that report speech only with "as": "described it as ...", "dubbed it ...".
AS_VERBS = frozenset({"describe", "characterize", "characterise", "call", "term", "dub", "label",
                      "brand", "hail", "dismiss", "portray", "depict", "cast", "view", "see",
                      "regard", "refer"})

#: Nouns that introduce a quote like a verb: "in a statement", "her words: ...".
REPORTING_NOUNS = frozenset({
    "statement", "remark", "comment", "message", "tweet", "post", "letter", "email", "speech",
    "interview", "words", "word", "response", "reply", "answer", "announcement", "note",
    "address", "testimony", "declaration", "press", "release", "briefing", "conference",
    "explanation", "warning", "view", "verdict", "assessment", "quote",
    # documents that speak for their authors
    "analysis", "study", "report", "survey", "research", "paper", "article", "blog",
    "website", "site", "editorial", "column", "memo", "document", "notice", "filing",
    "ruling", "judgment", "judgement", "order", "directive", "guidance", "questionnaire",
    "ad", "advert", "advertisement", "leaflet", "flyer", "brochure",
})

#: Words right before a quote that make it a name, term or title, never speech ("the
#: so-called “peace dividend”"). With the lists below they build the surface rule
#: ``nonspeech:named-by-context`` (quoteattr.attribution.kind).
NONSPEECH_CUES = frozenset({
    "so-called", "so called", "dubbed", "nicknamed", "code-named", "codenamed", "titled",
    "entitled", "known as", "billed as", "styled", "self-styled", "published as",
    "released as",
})

#: Verbs of naming that take what they name as a second object: "what she calls “…”",
#: "my students call those “…”", "investigators nicknamed the “…”". An object pronoun or
#: a determiner may stand between the verb and the quote (``nonspeech:named-by-context``).
#: Past "called it “…”" is left out: in news it mostly reports words ("called it “a
#: disgrace”"); the present names a habit.
NAMING_VERBS = frozenset({"call", "calls", "nickname", "nicknames", "nicknamed",
                          "dub", "dubs", "dubbed"})

#: Lemmas of verbs that give a name, when the quote they take is a bare name or phrase
#: ("calling him a “true sea-dog”", "a coat called a “Chesterfield”", "dubbed “drummers”";
#: ``nonspeech:named-by-verb``).
NAMING_LEMMAS = frozenset({"call", "name", "dub", "nickname", "christen", "term", "style",
                           "label", "entitle", "title"})

#: What may stand between a naming verb and the name it gives ("calls *it* “…”").
NAMING_OBJECTS = frozenset({"it", "this", "that", "these", "those", "them", "him", "her",
                            "itself", "themselves", "the", "a", "an"})

#: Nouns for a titled work that a quote in apposition names: "her memoir, “…”", "the
#: report “…”" (``nonspeech:title-apposition``; with `NAMED_WORKS`).
TITLE_NOUNS = frozenset({"memoir", "memoirs", "biography", "autobiography", "thesis",
                         "dissertation", "monograph", "textbook", "paper", "report", "book",
                         "novel", "essay", "article", "study", "review", "outlook", "survey",
                         "white paper", "pamphlet", "manifesto", "clause", "amendment",
                         "motion", "bill", "scheme", "track", "anthem", "hymn",
                         "symphony", "composition", "opera", "musical", "podcast",
                         "newsletter", "headline", "exhibit", "collection", "chapter",
                         "lecture"})

#: Nouns that announce a term: "the word “…”", "the slogan “…”".
TERM_NOUNS = frozenset({"word", "words", "term", "phrase", "slogan", "motto", "headline",
                        "label", "name", "hashtag", "title", "nickname", "expression"})

#: Named works and undertakings: "a campaign called “…”", "the film titled “…”".
NAMED_WORKS = frozenset({
    "campaign", "operation", "programme", "program", "project", "plan", "doctrine", "policy",
    "strategy", "initiative", "film", "movie", "book", "song", "album", "show", "series",
    "novel", "report", "article", "play", "poem", "essay", "paper", "study", "column",
    "documentary", "exhibition", "slogan",
})

#: Determiners before a named work ("its campaign called …").
WORK_DETERMINERS = frozenset({"a", "the", "its", "their", "his", "her"})

#: Participles that name a work ("… called “…”").
WORK_NAMING = frozenset({"called", "named", "titled", "entitled"})

#: Copulas before a naming participle ("is called “…”").
COPULAS = frozenset({"is", "are", "was", "were", "be", "been"})

#: What follows a copula to name ("was known as “…”").
COPULA_NAMING = frozenset({"called", "named", "known as"})

#: Participles that quote a name or a text, after a comma or not ("a sign reading “…”").
NAMING_PARTICIPLES = frozenset({
    "named", "called", "labeled", "labelled", "marked", "reading", "read", "headlined",
    "captioned", "tagged", "pronounced", "spelled", "spelt",
    # ratings and classes: "39 percent are rated “highly critical”"
    "rated", "graded", "ranked", "classified", "classed", "categorized", "categorised",
    "rated as", "graded as", "ranked as", "classified as", "classed as", "categorized as",
    "categorised as",
})

#: Nouns that announce a term with "of": "the meaning of “santorum”", "a definition of “…”".
TERM_OF_NOUNS = frozenset({"meaning", "meanings", "definition", "definitions", "sense",
                           "spelling", "pronunciation", "etymology", "usage", "translation",
                           "synonym", "antonym", "plural"})

#: Places and parts of a venue that a story can make sing or shout but that never speak:
#: "the north stand", "the terraces" (a crowd somewhere is no speaker; `plausible_speaker`).
VENUE_NOUNS = frozenset({"stand", "stands", "terrace", "terraces", "stadium", "arena",
                         "bleachers", "grandstand", "grandstands", "touchline", "pitch",
                         "gallery", "galleries", "balcony", "balconies", "auditorium",
                         "venue", "street", "streets", "square", "corner", "room", "hall"})

#: Entity types of places that are never a speaker (a country or a city, GPE, often stands
#: for its government and is kept).
PLACE_ENTITY_TYPES = frozenset({"LOC", "LOCATION"})

#: Heads of noun phrases that stand for unnamed sources.
ANONYMOUS_HEADS = frozenset({
    "source", "sources", "official", "officials", "diplomat", "diplomats", "analyst", "analysts",
    "person", "persons", "people", "expert", "experts", "aide", "aides", "insider", "insiders",
    "observer", "observers", "witness", "witnesses", "resident", "residents", "critic",
    "critics", "supporter", "supporters", "opponent", "opponents", "member", "members",
    "employee", "employees", "worker", "workers", "staffer", "staffers", "lawmaker",
    "lawmakers", "legislator", "legislators", "politician", "politicians", "economist",
    "economists", "investor", "investors", "trader", "traders", "banker", "bankers",
    "executive", "executives", "manager", "managers", "officer", "officers", "activist",
    "activists", "protester", "protesters", "protestor", "protestors", "scientist",
    "scientists", "researcher", "researchers", "doctor", "doctors", "teacher", "teachers",
    "student", "students", "parent", "parents", "voter", "voters", "citizen", "citizens",
    "man", "men", "woman", "women", "someone", "somebody", "one", "another", "others",
    "some", "many", "several", "few", "most", "all", "both", "either", "neither", "commentator",
    "commentators", "strategist", "strategists", "adviser", "advisers", "advisor", "advisors",
    "negotiator", "negotiators", "participant", "participants", "attendee", "attendees",
    "survivor", "survivors", "victim", "victims", "fan", "fans", "customer", "customers",
    "user", "users", "visitor", "visitors", "delegate", "delegates", "soldier", "soldiers",
    "spokesman", "spokeswoman", "spokesperson", "representative", "representatives",
    "counterpart", "counterparts", "colleague", "colleagues", "friend", "friends",
    "neighbour", "neighbours", "neighbor", "neighbors", "relative", "relatives", "villager",
    "villagers", "passenger", "passengers", "driver", "drivers", "farmer", "farmers",
    "nurse", "nurses", "patient", "patients", "lawyer", "lawyers", "attorney", "attorneys",
    "prosecutor", "prosecutors", "investigator", "investigators", "journalist", "journalists",
    "reporter", "reporters", "editor", "editors", "authority", "authorities", "leader",
    "leaders", "minister", "ministers", "envoy", "envoys", "ambassador", "ambassadors",
    "general", "generals", "commander", "commanders", "figure", "figures", "individual",
    "individuals", "group", "groups", "poll", "polls", "survey", "study", "report",
})

#: Nouns for a number of people: "a bunch of them", "a group of protesters" can be "they".
GROUP_NOUNS = frozenset({"bunch", "group", "handful", "number", "lot", "couple", "dozen",
                         "dozens", "hundreds", "thousands", "crowd", "pair", "team", "band"})

#: Role words: a speaker known by one of these (with "the", a possessive or a name before it)
#: is titled; they also become a named speaker's title ("NATO chief Mark Rutte").
TITLE_WORDS = frozenset({
    "president", "vice", "prime", "minister", "secretary", "chancellor", "ambassador",
    "envoy", "chief", "head", "director", "chairman", "chairwoman", "chairperson", "chair",
    "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "senator", "sen.",
    "representative", "rep.", "congressman", "congresswoman", "lawmaker", "judge", "justice",
    "general", "gen.", "admiral", "colonel", "col.", "captain", "capt.", "commander",
    "lieutenant", "lt.", "sergeant", "sgt.", "officer", "detective", "inspector", "sheriff",
    "king", "queen", "prince", "princess", "duke", "duchess", "lord", "lady", "sir", "dame",
    "pope", "cardinal", "bishop", "archbishop", "rabbi", "imam", "reverend", "rev.", "father",
    "sister", "brother", "pastor", "professor", "prof.", "dr.", "dr", "doctor", "dean",
    "ceo", "cfo", "coo", "cto", "founder", "co-founder", "owner", "executive", "manager",
    "coach", "leader", "deputy", "assistant", "associate", "attorney", "adviser", "advisor",
    "counsel", "commissioner", "superintendent", "principal",
    "editor", "correspondent", "economist", "analyst", "strategist", "diplomat", "official",
    "premier", "emir", "sultan", "sheikh", "shah", "tsar", "czar", "emperor", "empress",
    "baronet", "baron", "baroness", "earl", "countess", "viscount", "viscountess", "marquis",
    "marquess", "marchioness", "rajah", "abbot", "abbess", "nun", "monk",
    "president-elect", "mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "mx.", "madam",
    "mister", "monsieur", "madame", "herr", "frau", "señor", "señora", "chef", "boss",
    "marshal", "major", "maj.", "corporal", "cpl.", "private", "pvt.", "treasurer",
    "registrar", "provost", "rector", "secretary-general", "undersecretary",
    "under-secretary", "attorney-general", "solicitor", "barrister", "magistrate", "coroner",
    "press", "communications", "delegate", "mp", "mep", "legislator", "assemblyman",
    "assemblywoman", "councillor", "councilor",
    "councilman", "councilwoman", "alderman", "speaker", "whip", "nominee",
    "candidate", "challenger", "incumbent", "acting", "interim",
})

#: Honorifics that tell a person's gender (for pronoun agreement) and are never part of a name.
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "duke", "father",
                             "brother", "mister", "monsieur", "herr", "señor", "uncle",
                             "master", "count", "baron", "emperor", "tsar", "czar", "pope"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "lady", "queen", "princess",
                               "duchess", "dame", "madam", "madame", "frau", "señora", "sister",
                               "mother", "aunt", "mistress", "countess", "baroness", "empress"})
#: Either kind of honorific.
HONORIFICS = MALE_HONORIFICS | FEMALE_HONORIFICS
#: Role nouns that tell a gender.
MALE_NOUNS = frozenset({"man", "men", "spokesman", "chairman", "congressman", "father", "son",
                        "husband", "boy", "brother", "uncle", "king", "prince", "gentleman",
                        "sir", "lord", "mr", "mr.", "grandfather", "nephew", "businessman",
                        "policeman", "fireman", "assemblyman", "councilman", "alderman"})
FEMALE_NOUNS = frozenset({"woman", "women", "spokeswoman", "chairwoman", "congresswoman",
                          "mother", "daughter", "wife", "girl", "sister", "aunt", "queen",
                          "princess", "lady", "mrs", "mrs.", "ms", "ms.", "miss", "grandmother",
                          "niece", "businesswoman", "policewoman", "assemblywoman",
                          "councilwoman", "actress", "waitress", "widow", "maid", "madam",
                          "maiden", "spinster"})

#: Words in "-man"/"-men" that are not a man ("human", "talisman", "shaman" is anyone).
NOT_MALE_MAN = frozenset({"human", "humans", "german", "germans", "roman", "romans", "shaman",
                          "shamans", "talisman", "talismans", "caiman", "ottoman", "ottomans",
                          "amen", "omen", "omens", "abdomen", "specimen", "specimens",
                          "regimen", "acumen", "stamen", "hymen", "semen", "yemen"})

#: Women's nouns in "-ess" (a closed list: "address", "witness" and "business" are not).
FEMALE_ESS = frozenset({"actress", "waitress", "hostess", "duchess", "countess", "governess",
                        "mistress", "seamstress", "stewardess", "goddess", "heiress", "empress",
                        "baroness", "laundress", "priestess", "poetess", "authoress",
                        "marchioness", "sorceress", "enchantress", "shepherdess", "abbess",
                        "prioress", "tigress", "lioness", "murderess", "adventuress"})


def noun_gender(word: str) -> str | None:
    """The sex a person noun states by its form, beyond `MALE_NOUNS`/`FEMALE_NOUNS`:
    "seaman", "footmen", "clergyman" are men, "washerwoman" a woman, "governess" a woman.

        >>> noun_gender("seaman"), noun_gender("washerwoman"), noun_gender("governess")
        ('male', 'female', 'female')
        >>> noun_gender("human"), noun_gender("witness")
        (None, None)
    """
    w = word.lower()
    if w in MALE_NOUNS:
        return "male"
    if w in FEMALE_NOUNS or w in FEMALE_ESS or w.endswith(("woman", "women")):
        return "female"
    if w.endswith(("man", "men")) and len(w) > 4 and w not in NOT_MALE_MAN and w.isalpha():
        return "male"
    return None


#: People in older fiction and everyday life that GUM's genres rarely mention (added to the
#: GUM-derived list of `person_nouns`).
PERSON_NOUNS_EXTRA = frozenset({
    "parson", "vicar", "priest", "curate", "rector", "squire", "servant", "maid", "maidservant",
    "housemaid", "butler", "footman", "coachman", "groom", "clerk", "farmer", "labourer",
    "laborer", "soldier", "sailor", "seaman", "captain", "mate", "skipper", "gentleman",
    "gentlemen", "lady", "ladies", "fellow", "stranger", "traveller", "traveler", "pedestrian",
    "landlady", "landlord", "innkeeper", "host", "hostess", "guest", "visitor", "child",
    "children", "boy", "girl", "youth", "lad", "lass", "wife", "husband", "widow", "widower",
    "mother", "father", "son", "daughter", "uncle", "aunt", "cousin", "nephew", "niece",
    "grandmother", "grandfather", "baby", "infant", "nurse", "governess", "tutor", "master",
    "mistress", "doctor", "surgeon", "lawyer", "judge", "king", "queen", "prince", "princess",
    "knight", "lord", "duke", "duchess", "earl", "count", "countess", "baron", "baroness",
    "sheriff", "constable", "policeman", "officer", "sergeant", "colonel", "general",
    "major", "admiral", "pirate", "thief", "beggar", "peasant", "villager", "neighbour",
    "neighbor", "friend", "companion", "comrade", "rabbit", "cat", "dog", "creature",
    "hatter", "caterpillar", "mouse", "bird", "parrot", "horse",
    "old", "dame", "miss", "madam", "sir", "monsieur", "madame", "fool", "gipsy", "gypsy",
    "hunter", "fisherman", "shepherd", "smith", "blacksmith", "carpenter", "tailor",
    "merchant", "shopkeeper", "waiter", "waitress", "cook", "porter", "driver", "boatman",
    # news roles GUM's entity layer lacks
    "juror", "organiser", "warden", "steward", "marshal", "campaigner", "protester",
})

#: Heads of noun phrases that are organizations speaking as one.
ORGANIZATION_HEADS = frozenset({
    "ministry", "department", "government", "administration", "agency", "office", "kremlin",
    "pentagon", "commission", "committee", "council", "association", "union", "federation",
    "company", "firm", "corporation", "group", "bank", "police", "army", "military", "navy",
    "court", "party", "parliament", "congress", "senate", "embassy", "alliance", "organization",
    "organisation", "institute", "university", "school", "hospital", "board", "authority",
    "authorities", "regulator", "watchdog", "network", "newspaper", "broadcaster", "channel",
    "club", "team", "league", "foundation", "charity", "campaign", "coalition", "movement",
    "cabinet", "secretariat", "presidency", "palace", "house", "hall", "bureau",
    "service", "services", "force", "forces", "command", "directorate", "prosecutor's",
    "consulate", "mission", "delegation", "statement", "study", "report", "survey", "poll",
    "spokesperson's", "nato", "eu", "un", "who", "imf", "opec", "fbi", "cia", "state",
    "white", "downing", "elysee", "élysée", "quai", "whitehall", "brussels", "beijing",
    "moscow", "washington", "kyiv", "kiev", "tehran", "pyongyang", "station",
    "publisher", "studio", "label", "airline", "carrier", "manufacturer", "maker", "retailer",
    "operator", "provider", "producer", "supplier", "exchange", "fund", "trust", "society",
    "body", "panel", "tribunal", "junta", "regime", "cartel", "consortium", "collective",
    # governments by the place they govern: "The city reasoned, “…”"
    "city", "town", "municipality", "county", "province", "village", "country", "nation",
})

#: Personal pronouns that can name a speaker, with person, number and gender
#: (gender None = any). "it" is left out: things do not speak, organizations do ("it said").
PRONOUNS: dict[str, tuple[int, str, str | None]] = {
    "i": (1, "sing", None), "me": (1, "sing", None), "we": (1, "plur", None),
    "us": (1, "plur", None), "you": (2, "sing", None), "he": (3, "sing", "male"),
    "him": (3, "sing", "male"), "she": (3, "sing", "female"), "her": (3, "sing", "female"),
    "they": (3, "plur", None), "them": (3, "plur", None), "it": (3, "sing", "neuter"),
    "who": (3, "sing", None), "one": (3, "sing", None), "thee": (2, "sing", None),
    "thou": (2, "sing", None), "ye": (2, "plur", None), "himself": (3, "sing", "male"),
    "herself": (3, "sing", "female"), "themselves": (3, "plur", None),
}

#: Possessive determiners: the possessor of an utterance that speaks ("“…,” his advice
#: concluded" is his). `PRONOUNS` holds them too, so they resolve like any pronoun.
POSSESSIVE_PRONOUNS: dict[str, tuple[int, str, str | None]] = {
    "my": (1, "sing", None), "our": (1, "plur", None), "your": (2, "sing", None),
    "thy": (2, "sing", None), "his": (3, "sing", "male"), "her": (3, "sing", "female"),
    "their": (3, "plur", None), "its": (3, "sing", "neuter"),
}
PRONOUNS.update(POSSESSIVE_PRONOUNS)

#: What a person utters, as the subject of a reporting verb ("“…,” his advice concluded",
#: "her voice said", "his reply came"): the possessor is the speaker. With the reporting
#: nouns below (a statement, a reply, a letter).
UTTERANCE_NOUNS = frozenset({"advice", "voice", "tone", "whisper", "cry", "question",
                             "retort", "rejoinder", "greeting", "exclamation", "reproach",
                             "promise", "apology", "argument", "suggestion", "request",
                             "command", "instruction", "lips", "mouth", "tongue", "pen"})

#: Determiners and quantifiers that make a source anonymous ("one diplomat", "two people").
ANONYMOUS_DETERMINERS = frozenset({
    "a", "an", "one", "another", "some", "two", "three", "four", "five", "six", "several",
    "many", "few", "most", "other", "various", "numerous", "multiple", "certain", "unnamed",
    "anonymous", "senior", "any", "no",
})

#: Participial phrases that mark anonymity after the head noun.
ANONYMITY_MARKERS = frozenset({"familiar", "briefed", "close", "knowledgeable", "anonymously",
                               "anonymity", "condition", "declined", "unauthorized",
                               "authorised", "authorized", "involved", "aware"})

#: Dashes that introduce a trailing attribution ("… ” — Jane Smith").
DASHES = frozenset({"\u2014", "\u2013", "--", "\u2015", "-"})

#: Verbs that only ever report speech: their subject speaks, whatever noun it is
#: ("said the parson"), so the person-noun check is waived for them.
SPEECH_ONLY_VERBS = frozenset({
    "say", "tell", "ask", "reply", "answer", "cry", "exclaim", "shout", "whisper", "murmur",
    "mutter", "add", "respond", "retort", "rejoin", "remark", "inquire", "enquire", "yell",
    "scream", "stammer", "sob", "gasp", "growl", "snap", "bark", "hiss", "drawl", "interrupt",
    "interject", "quip", "tweet", "write", "declare", "announce", "state", "explain",
})


@functools.cache
def reporting_forms() -> frozenset[str]:
    """Surface forms of the reporting and inner-speech verbs that close a dialogue cue
    without a parse: the lemma, its -s form and its past tense ("said", "cried",
    "sobbed", "asks"), lower-cased. The doubled consonant is added for every verb ending
    consonant-vowel-consonant ("snapped"; "opened" too, harmlessly)."""
    out = set()
    for lemma in REPORTING_VERBS | INNER_SPEECH_VERBS | {"go", "speak"}:
        consonant_y = lemma.endswith("y") and lemma[-2:-1] not in "aeiou"  # cry, reply
        out.add(lemma)
        if consonant_y:
            out.add(lemma[:-1] + "ies")
        elif lemma.endswith(("s", "sh", "ch", "x", "z")):
            out.add(lemma + "es")
        else:
            out.add(lemma + "s")
        if lemma in IRREGULAR_PAST:
            out.add(IRREGULAR_PAST[lemma])
        elif lemma.endswith("e"):
            out.add(lemma + "d")
        elif consonant_y:
            out.add(lemma[:-1] + "ied")
        else:
            out.add(lemma + "ed")
            if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and \
                    lemma[-3] not in "aeiou":
                out.add(lemma + lemma[-1] + "ed")
    return frozenset(out)


@functools.cache
def person_nouns() -> frozenset[str]:
    """Lemmas of nouns that denote people, derived from GUM's entity layer
    (``quoteattr/data/person_nouns.txt``; rebuilt by ``python -m training.lexicons``)."""
    path = Path(__file__).parent / "data" / "person_nouns.txt"
    words = path.read_text(encoding="utf-8").split("\n")
    return frozenset(w.strip() for w in words if w.strip() and not w.startswith("#")) | \
        PERSON_NOUNS_EXTRA


#: Nouns that name a person ("the head of the agency", "a familiar face", "the voices of
#: dissent") but a body part after a possessive pronoun ("her head", "his voice").
BODY_NOUNS = frozenset({"head", "face", "voice", "hand", "heart", "eye"})

#: Nouns that, after a possessive pronoun, are the possessor's body or bearing, not another
#: person: "her head", "his voice", "her person", "his trim figure".
POSSESSED_BODY_NOUNS = BODY_NOUNS | frozenset({"person", "figure", "form", "frame"})

#: Subjects of an action beat that stand for their possessor: "Her eyes grew soft." next to
#: a quote is her beat (lemmas).
BEAT_BODY_NOUNS = POSSESSED_BODY_NOUNS | frozenset({
    "cheek", "lip", "mouth", "brow", "arm", "shoulder", "finger", "smile", "tone", "glance"})

#: Heads of descriptions that speak in fiction without being one person a "he" or "she"
#: could stand for: a voice, an animal, a part of a body, a share of a group ("one of the
#: women", whose sex is the group's, not a person's the text named).
NOT_ONE_PERSON = BODY_NOUNS | frozenset({
    "voice", "voices", "horse", "dog", "cat", "bird", "animal", "beast", "figure", "chair",
    "thing", "one", "some", "many", "several", "all", "none", "each", "another", "both", "few",
    "most", "somebody", "someone", "anybody", "anyone", "everybody", "everyone"})


#: Reporting verbs whose object is the addressee, never an inverted speaker ("Heald told The
#: Huffington Post, “…”"). "ask" and "warn" stay out: "“…?” asked Smith" is an inversion.
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "remind", "notify", "brief"})

#: Courtesy titles: part of how a person is addressed, not a title worth reporting ("Ms
#: Buchtmann" has no title; "Queen Elizabeth" and "Senator Smith" do).
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "mister", "madam", "madame",
                             "monsieur", "mme", "herr", "frau", "señor", "señora"})

#: Prepositions by which a document names its author ("a letter from the ministry").
AUTHOR_CASES = frozenset({"from", "by", "of"})

#: Where a document is published, naming its publisher: "a statement on the company's
#: website", "a post on the council's page".
PUBLISHING_PLACES = frozenset({"website", "site", "page", "blog", "account", "feed", "channel",
                               "homepage", "web"})

#: Prepositions that put a document in its publishing place ("a statement on the website").
PUBLISHING_CASES = frozenset({"on", "in"})

#: Documents that speak as one when no author is named ("the review's final report
#: promised …"): an organization as speaker (GUM_NEWS_GUIDELINES.md).
DOCUMENT_NOUNS = frozenset({
    "analysis", "study", "report", "survey", "paper", "article", "blog", "website", "site",
    "editorial", "memo", "document", "notice", "filing", "ruling", "judgment", "judgement",
    "directive", "guidance", "questionnaire", "statement", "letter", "release", "ad",
    "advert", "advertisement", "leaflet", "flyer", "brochure",
})

#: Forms of address without a name ("Yes, sir."): they still point at the listener.
BARE_ADDRESS = frozenset({"sir", "madam", "madame", "ma'am", "ma'm"})

#: Subject pronouns that stand for people, the only ones a quote's speaker is inherited from.
PERSON_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})

#: Determiners of "the words of X" ("in the words of", "in his words of").
WORDS_OF_DETERMINERS = frozenset({"the", "his", "her", "their"})

#: Words a title case name keeps lower-case ("Andy Warhol: Photographs and Prints").
TITLE_MINOR_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to",
                               "for", "from", "by", "with", "vs", "vs.", "de", "la", "le", "du",
                               "und"})

#: Pronouns that make a capitalized phrase a sentence, not a title ("We Are Ready").
FIRST_SECOND_PERSON = frozenset({"i", "we", "you"})

#: Prepositions of a likeness, not a person ("like a brown bird", "as a child").
LIKENESS_CASES = frozenset({"like", "as"})

#: Verbs by which the narration says someone does not speak ("The mayor declined to
#: comment.", "She refused."): such a person is not brought in to answer (lemmas).
NOT_SPEAKING_VERBS = frozenset({"decline", "refuse"})

#: Pronouns for no one in particular: a passive "it was said" has no speaker.
IMPERSONAL_PRONOUNS = frozenset({"it", "this", "that"})

#: Never the subject after an inverted verb: "asked him, “…”" names the listener.
NOT_INVERTED_SUBJECTS = frozenset({"it", "this", "that", "them", "him", "me", "us", "her",
                                   "whom"})

#: Relative pronouns ("a spokesman, who said …").
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})

#: Reporting verbs that are aspectual before an infinitive ("aid continues to flow").
ASPECTUAL_VERBS = frozenset({"continue", "begin", "resume", "return"})

#: Objects that make "put" a reporting verb ("as she put it", "to put things mildly").
PUT_OBJECTS = ("it", "things", "matters")

#: Verbs that report speech only with their particle ("“…,” went on Syme", "put in
#: Gregory sarcastically", "she broke in"): verb lemma -> the particle.
PHRASAL_REPORTING = {"go": "on", "break": "in", "cut": "in", "strike": "in", "chime": "in",
                     "chip": "in", "butt": "in", "put": "in", "burst": "out", "blurt": "out",
                     "speak": "up", "pipe": "up"}

#: Prepositions that tie an organization to a role ("spokeswoman for the ministry").
ORGANIZATION_CASES = frozenset({"for", "of", "at", "from", "with", "in"})

#: Person nouns that are also common surnames: a name is never cut at them.
SURNAME_NOUNS = frozenset({"smith", "baker", "cook", "porter", "hunter", "fisher", "taylor",
                           "tailor", "carpenter", "butler", "mason", "turner", "clark",
                           "clerk", "miller", "shepherd", "fowler", "bishop", "king",
                           "knight", "lord", "young", "child", "friend", "driver", "page",
                           "marshal", "major", "dean", "judge", "chancellor", "master"})

#: Indefinite pronouns that can stand for people who speak ("someone said").
PERSON_INDEFINITES = frozenset({"someone", "somebody", "one", "nobody", "everyone", "everybody",
                                "anyone", "many", "some", "others", "both", "all", "few"})

#: Nouns of an "at"/"for" phrase that are no organization ("editor at large", "at the time").
NOT_ORGANIZATION_NOUNS = frozenset({"large", "time", "moment", "present"})

#: Articles.
ARTICLES = frozenset({"the", "a", "an"})

#: Quantifiers of a partitive source ("one of the officials", "some of the residents").
PARTITIVE_QUANTIFIERS = frozenset({"one", "some", "many", "several", "two", "three", "few",
                                   "most", "none", "each", "another", "both", "all"})

#: Determiners that make a role definite ("the spokesman", "their coach").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "his", "her",
                                  "their", "its", "our", "my", "your"})

#: Endings of agent nouns, who can speak (poster, curator, historian, resident, journalist).
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "eer", "ee", "man", "woman", "person",
                  "people", "ess")

# --------------------------------------------------------------------------------------------
# Quote shapes and document structure (spans.py, structure.py)

#: Elided words that exist only with their apostrophe (’tis, ’twas): a capitalised one opens a
#: single quote only when a closing mark after punctuation follows ("’Tis true,’ she said").
ELIDED_ONLY = frozenset({"tis", "twas", "twere", "twill", "twould"})

#: Headings of the sections that close a news article with lists of links or sources
#: (lowercase, without a trailing colon). Quotes in them are headlines and titles, not speech.
TRAILING_SECTION_NAMES = frozenset({
    "sources", "source", "related", "related coverage", "related news", "related stories",
    "related articles", "related links", "related content", "see also", "external links",
    "references", "further reading", "more coverage", "more on this story", "read more",
    "also read", "also on", "you may also like", "recommended", "more from", "links",
})
#: Words that mark the name of a news outlet after a headline ("“…” — The Riverside Gazette").
OUTLET_WORDS = frozenset({
    "news", "times", "post", "gazette", "herald", "journal", "tribune", "press", "daily",
    "weekly", "chronicle", "observer", "guardian", "telegraph", "independent", "mail", "star",
    "sun", "mirror", "express", "standard", "examiner", "courier", "record", "review", "today",
    "wire", "agency", "radio", "tv", "television", "broadcasting", "network", "magazine",
    "bulletin", "dispatch", "sentinel", "inquirer", "register", "wikinews", "reuters", "ap",
    "afp", "bbc", "cnn", "npr", "abc", "cbs", "nbc", "pbs", "upi", "bloomberg", "politico",
    "online", "blog", "digest", "monitor", "leader", "citizen", "argus", "democrat",
})
#: Month and weekday names (lowercase, with common abbreviations), to recognise a date.
MONTH_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})
WEEKDAY_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                           "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat",
                           "sun"})
#: Labels that open a question or an answer turn in a Q&A transcript ("Q:", "A:").
QUESTION_LABELS = frozenset({"q", "question", "interviewer"})
ANSWER_LABELS = frozenset({"a", "answer"})
#: Verbs of an interview's introduction whose object is the person interviewed ("Wikinews
#: interviewed Jane Doe", "spoke with Jane Doe").
INTERVIEW_VERBS = frozenset({"interviewed", "interviews", "interviewing", "spoke with",
                             "spoke to", "talked with", "talked to", "talks to", "talks with",
                             "speaks to", "speaks with", "sat down with", "caught up with",
                             "asked"})

#: Words that open sentences and never name anyone: a sentence whose only capitalized word
#: is one of these, first, holds no name for NER to find (`stanza_pipeline.may_name_text`).
SENTENCE_OPENERS = frozenset(PRONOUNS) | frozenset({
    "a", "an", "the", "this", "that", "these", "those", "some", "any", "no", "not", "all",
    "each", "every", "both", "either", "neither", "many", "much", "most", "few", "such",
    "and", "but", "or", "nor", "so", "yet", "for", "if", "when", "while", "as", "because",
    "though", "although", "since", "until", "unless", "whether", "after", "before", "once",
    "in", "on", "at", "to", "of", "by", "with", "from", "into", "over", "under", "about",
    "then", "there", "here", "now", "still", "also", "even", "just", "only", "again",
    "yes", "oh", "well", "what", "who", "whom", "which", "where", "why", "how",
    "is", "are", "was", "were", "be", "do", "does", "did", "have", "has", "had", "would",
    "can", "could", "shall", "should", "might", "must", "let",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
})  # not "may" or "will": first names too


def person_noun_forms() -> frozenset[str]:
    """`person_nouns` with their regular and -man plurals ("girls", "ladies", "wives",
    "spokesmen") and a few irregular ones: the surface forms a sentence may name a person
    by before it is tagged (`stanza_pipeline.names_person_text`)."""
    return _person_noun_forms()


@functools.cache
def _person_noun_forms() -> frozenset[str]:
    out = set(person_nouns()) | {"people", "children", "folk", "folks", "men", "women"}
    for n in person_nouns():
        out.update((n + "s", n + "es"))
        if n.endswith("y"):
            out.add(n[:-1] + "ies")
        if n.endswith("man"):
            out.add(n[:-3] + "men")
        if n.endswith("fe"):
            out.add(n[:-2] + "ves")
        elif n.endswith("f"):
            out.add(n[:-1] + "ves")
        if n.endswith("child"):
            out.add(n + "ren")
    return frozenset(out)
