"""Build the team-news gold files (``<id>.gold.json``) from the annotations below.

The annotations name each quote by its words and each speaker mention by its words; this
script finds the offsets (a quote's content between a pair of marks, a mention at its
nearest occurrence outside the quote), so that no offset is typed by hand. It refuses to
write when a quote is missing or ambiguous, a mention is not found, or the quotation marks of
a text are not all accounted for. Run from the repository root:

    python benchmarks/data/team_news/build_gold.py          # writes the gold files
    python benchmarks/data/team_news/build_gold.py --check  # validates, writes nothing

The counting check for quotation marks is deliberately independent of quoteattr: it counts
opening glyphs (“ ‘ and pairs of straight double marks), not spans found by the library.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OPENERS = "“‘\"'"
CLOSERS = "”’\"'"


def S(kind: str, mention: str, *, name: str | None = None, aliases: tuple[str, ...] = (),
      title: str | None = None, organization: str | None = None, pronoun: bool = False,
      near: str | None = None) -> dict[str, Any]:
    """A speaker. ``mention`` is found nearest the quote (or nearest ``near``, a phrase of
    the attributing sentence, when the nearest occurrence would be the wrong one)."""
    return {"kind": kind, "name": name, "aliases": list(aliases), "title": title,
            "organization": organization, "mention": mention, "pronoun": pronoun,
            "near": near}


def D(text: str, speaker: dict | None, cue: str | None = None, **kw: Any) -> dict[str, Any]:
    """A direct quote."""
    return {"text": text, "speech": True, "kind": "direct", "speaker": speaker, "cue": cue, **kw}


def P(text: str, speaker: dict | None, cue: str | None = None, **kw: Any) -> dict[str, Any]:
    """A partial quote (a fragment of someone's words in the reporter's sentence)."""
    return {"text": text, "speech": True, "kind": "partial", "speaker": speaker, "cue": cue, **kw}


def N(text: str, note: str, **kw: Any) -> dict[str, Any]:
    """A quote that is not speech (title, name, nickname, scare quote, word as word)."""
    return {"text": text, "speech": False, "note": note, **kw}


# --------------------------------------------------------------------------------------------
# Speakers shared by several quotes of a document

BRASK = dict(name="Alina Brask", aliases=("Alina Brask", "Brask", "Finance Minister Alina Brask"),
             title="Finance Minister")
INES = dict(name="Ines Varga", aliases=("Ines Varga", "Ines", "Varga"))
DARIO = dict(name="Dario Varga", aliases=("Dario Varga", "Dario"), title="nephew")
OKAFOR = dict(name="Ruth Okafor", aliases=("Ruth Okafor", "Okafor"))
REYES = dict(name="Colin Reyes", aliases=("Colin Reyes", "Reyes", "Defense attorney Colin Reyes"),
             title="Defense attorney")
OKONJO = dict(name="Femi Okonjo", aliases=("Femi Okonjo", "Okonjo"))
WHITLOCK = dict(name="Sean Whitlock", aliases=("Sean Whitlock", "Whitlock"),
                title="Rovers manager", organization="Calder Rovers")
MERIKALLIO = dict(name="Sofia Merikallio",
                  aliases=("Sofia Merikallio", "Merikallio", "Dr. Sofia Merikallio"),
                  title="lead author", organization="University of Kuopio")
FERREIRA = dict(name="Joel Ferreira", aliases=("Joel Ferreira", "Ferreira"), title="ecologist",
                organization="Lisbon Institute for Climate Research")
STANTON = dict(name="Oliver Stanton", aliases=("Oliver Stanton", "Stanton"),
               title="food industry analyst", organization="Brightwater Securities")
RESIDENT = dict(aliases=("one resident", "resident"))
MUNRO = dict(name="Archie Munro", aliases=("Archie Munro", "Munro"))
MOIRA = dict(name="Moira Fenwick", aliases=("Moira Fenwick", "Moira", "Fenwick"))
KIRSTY = dict(name="Kirsty Fenwick", aliases=("Kirsty Fenwick", "Kirsty"), title="daughter")
ASHBY = dict(name="Tom Ashby", aliases=("Tom Ashby", "Ashby"), title="warden")


DOCS: dict[str, list[dict[str, Any]]] = {
    "wire_pensions": [
        D("There is no deal on the table tonight, and there will not be one this week,",
          S("anonymous", "one senior official familiar with the talks",
            aliases=("one senior official familiar with the talks", "one senior official",
                     "senior official")), "said"),
        N("Secure Futures", "name of a plan"),
        N("work till you drop", "nickname of the plan given by opponents"),
        P("cautiously hopeful", S("named", "Finance Minister Alina Brask", **BRASK), "told"),
        D("We have made real progress on the contribution rates. The retirement age is the last "
          "hard question,", S("named", "Brask", **BRASK), "said"),
        P("essential to keep the system solvent for the next generation.",
          S("organization", "The Finance Ministry",
            aliases=("the Finance Ministry", "Finance Ministry")), "said"),
        N("red lines", "scare quote for the parties' conditions",
          lenient="could be read as the sources' words"),
        P("not be rushed into a bad deal.",
          S("titled", "A Green party spokesman",
            aliases=("a Green party spokesman", "Green party spokesman", "spokesman"),
            title="spokesman", organization="Green party"), "said"),
        D("Everyone is tired and everyone is waiting for someone else to blink,",
          S("anonymous", "another official", aliases=("another official",)), "said"),
        D("Our members built this country. They are not going to be told to work three more "
          "years without a fight,",
          S("named", "he", name="Tomas Ekholm", aliases=("Tomas Ekholm", "Ekholm"),
            title="Labour federation leader", pronoun=True), "said"),
    ],
    "feature_bakery": [
        N("the Warm Corner", "nickname of the shop"),
        N("Flour in my hair: Thirty years at the oven door", "title of a memoir"),
        D("People think it is romantic,", S("named", "she", pronoun=True, **INES), "said"),
        D("It is mostly cold floors and arithmetic.",
          S("named", "she", pronoun=True, near="she said on a recent", **INES), "said"),
        N("the quiet hour", "private name for a habit"),
        D("The first week I thought she was angry with me,",
          S("named", "he", pronoun=True, near="he said", **DARIO), "said"),
        D("Now I can’t work without it.", S("named", "he", pronoun=True, near="he said", **DARIO),
          "said"),
        D("It tastes like the bread my mother bought in Lagos, and I have never told Ines that,",
          S("named", "Okafor", near="Okafor said", **OKAFOR), "said"),
        D("Now she’ll know.", S("named", "Okafor", near="Okafor said", **OKAFOR), "said"),
        N("Save the Warm Corner", "title of a petition"),
        D("When the ovens stop,", S("named", "she", pronoun=True, near="she said. “And", **INES),
          "said"),
        D("And they are very stubborn ovens.",
          S("named", "she", pronoun=True, near="she said. “And", **INES), "said"),
    ],
    "qa_glaciers": [
        N("Acoustic signatures of basal sliding in outlet glaciers", "title of a paper"),
        D("Stop throwing away the noise. The noise is the data.",
          S("named", "Professor Erik Dahl", name="Erik Dahl",
            aliases=("Erik Dahl", "Dahl", "Professor Erik Dahl"), title="Professor"), "told"),
        N("the whales", "nickname the students give a sound"),
        P("bold but not reckless", S("anonymous", "A reviewer", aliases=("a reviewer", "reviewer")),
          "wrote"),
        N("the glacier’s heartbeat", "a phrase used by unnamed people, quoted as a phrase",
          lenient="could be read as the words of the people who called it that"),
        N("Ice Ear", "name of a network"),
        D("Two winters and a lot of batteries.",
          S("named", "I", name="Hanna Lindqvist", aliases=("Hanna Lindqvist", "Lindqvist"),
            title="Glaciologist", pronoun=True, near="I said"), "said"),
        D("Glaciers don’t keep office hours,",
          S("named", "Amir Haddad", name="Amir Haddad", aliases=("Amir Haddad", "Haddad"),
            title="colleague"), "say"),
    ],
    "court_burglaries": [
        D("The evidence in this case was overwhelming, and the jury saw it for what it was,",
          S("named", "Assistant District Attorney Lena Moravec", name="Lena Moravec",
            aliases=("Lena Moravec", "Moravec", "Assistant District Attorney Lena Moravec"),
            title="Assistant District Attorney"), "said"),
        N("skylight burglaries", "nickname given by investigators"),
        D("He was careful, but he wasn’t careful every time,",
          S("named", "Officer Marcus Bell", name="Marcus Bell",
            aliases=("Marcus Bell", "Bell", "Officer Marcus Bell"), title="Officer",
            organization="Marlow Police Department"), "said"),
        D("My client was convicted on a blur and a smudge,",
          S("named", "Reyes", near="Reyes told", **REYES), "told"),
        D("We will appeal.", S("named", "Reyes", near="Reyes told", **REYES), "told"),
        P("a question of weight, not admissibility.",
          S("named", "Judge Patricia Onslow", name="Patricia Onslow",
            aliases=("Patricia Onslow", "Onslow", "Judge Patricia Onslow"), title="Judge"),
          "calling"),
        P("grateful to the pharmacists who came forward and testified.",
          S("organization", "The Marlow County District Attorney’s Office",
            aliases=("the Marlow County District Attorney’s Office",
                     "Marlow County District Attorney’s Office",
                     "the District Attorney’s Office", "District Attorney’s Office")), "said"),
        D("We went over it again and again,",
          S("anonymous", "she", aliases=("one juror", "juror"), pronoun=True,
            near="she said"), "said"),
    ],
    "sports_derby": [
        N("the Kettle", "nickname of a ground"),
        D("We’re going up",
          S("anonymous", "the home supporters in the Calder Road End",
            aliases=("the home supporters in the Calder Road End", "the home supporters",
                     "home supporters")), "sang", lenient="a chant sung by a crowd"),
        D("You could feel the noise in your chest,", S("named", "Okonjo", **OKONJO), "said"),
        D("When the ball went in I didn’t know where to run.",
          S("named", "Okonjo", near="Okonjo said", **OKONJO), "said"),
        P("second best for forty minutes", S("named", "Rovers manager Sean Whitlock", **WHITLOCK),
          "said"),
        D("At half-time I didn’t shout. I just asked them whether they wanted to remember this "
          "season or forget it,", S("named", "Whitlock", near="Whitlock said", **WHITLOCK),
          "said"),
        D("The second goal comes from a corner that was never a corner. Everybody in the stadium "
          "saw it except one man,",
          S("named", "she", name="Marta Ilic", aliases=("Marta Ilic", "Ilic"),
            title="City coach", organization="Ashby City", pronoun=True), "said"),
        N("Fair Call", "name of a review process"),
    ],
    "science_peat": [
        N("Fungal communities accelerate carbon loss from warming peat.",
          "title of a paper (sentence case, full stop inside the marks)"),
        D("We expected the plants to change first. Instead it was the fungi, and they changed "
          "very quickly,", S("named", "lead author Dr. Sofia Merikallio", **MERIKALLIO), "said"),
        N("carbon sink", "a term"),
        D("A sink that starts to leak is not a sink any more,",
          S("named", "she", pronoun=True, near="she said", **MERIKALLIO), "said"),
        P("important and a little alarming.", S("named", "Joel Ferreira", **FERREIRA), "called"),
        D("Eight years is long for an experiment but short for a bog,",
          S("named", "he", pronoun=True, near="he said", **FERREIRA), "said"),
        N("Peat Watch", "name of a programme"),
        N("Microbial responses to soil warming in boreal mires", "title of a paper"),
    ],
    "business_dairy": [
        N("Project Lantern", "code name of a deal"),
        D("Pemberton gives us the chilled supply chain we have been trying to build for years,",
          S("named", "Harlow Foods chief executive Nadia Karim", name="Nadia Karim",
            aliases=("Nadia Karim", "Karim"), title="chief executive",
            organization="Harlow Foods"), "said"),
        P("meaningful cost savings",
          S("organization", "Harlow", aliases=("Harlow Foods", "Harlow"),
            near="Harlow said in a statement"), "said"),
        D("It got expensive at the end,",
          S("anonymous", "the person",
            aliases=("a person with knowledge of the negotiations", "the person", "person")),
          "said"),
        D("The price is full, but not crazy,", S("named", "Oliver Stanton", **STANTON), "said"),
        D("The question is whether they can hold on to Pemberton’s farmers.",
          S("named", "Oliver Stanton", **STANTON), "said"),
        D("Our members have heard promises before,",
          S("organization", "the alliance",
            aliases=("the Dairy Farmers’ Alliance", "Dairy Farmers’ Alliance", "the alliance",
                     "alliance"), near="the alliance said"), "said"),
        N("Chilled and ambient foods 2025: Consolidation ahead", "title of a report"),
    ],
    "local_millane": [
        N("Streets for People", "name of a programme"),
        D("My children cross that road twice a day. I have seen three near misses this year "
          "alone,", S("named", "Priya Natarajan", name="Priya Natarajan",
                      aliases=("Priya Natarajan", "Natarajan")), "said"),
        N("the Knot", "nickname of a junction"),
        D("You are not removing the cars. You are just moving them outside my window,",
          S("named", "he", name="Graham Tull", aliases=("Graham Tull", "Tull"),
            title="Shop owner", pronoun=True, near="he told the committee"), "told"),
        N("sunset clause", "name of a proposed clause"),
        D("We want the trial judged on numbers, not on who shouts loudest,",
          S("titled", "the spokesperson",
            aliases=("a spokesperson for Eastfield Borough Council", "the spokesperson",
                     "spokesperson"), title="spokesperson",
            organization="Eastfield Borough Council", near="the spokesperson said"), "said"),
    ],
    "liveblog_storm": [
        P("up to 80 mph",
          S("organization", "it", aliases=("the National Weather Service",
                                           "National Weather Service"),
            pronoun=True, near="it said gusts"), "said"),
        D("Crews are ready to go as soon as it is safe to work at height,",
          S("titled", "a Westline spokesperson",
            aliases=("a Westline spokesperson", "Westline spokesperson", "spokesperson"),
            title="spokesperson", organization="Westline Power"), "said"),
        D("I’ve lived here 50 years and I’ve never seen the harbour look like this,",
          S("anonymous", "one resident", **RESIDENT), "told"),
        D("The boats are jumping like toys.", S("anonymous", "one resident", **RESIDENT), "told"),
        D("If your journey can wait, please let it wait,",
          S("named", "she", name="Claire Dunmore", aliases=("Claire Dunmore", "Dunmore"),
            title="Transport Minister", pronoun=True, near="she wrote"), "wrote"),
        P("unsafe for passengers and crew",
          S("organization", "Blue Channel Lines", aliases=("Blue Channel Lines",)),
          "describing"),
    ],
    "obituary_fenwick": [
        N("the Lark of Leith", "nickname (in the headline)", occurrence=0),
        N("the Lark of Leith", "nickname", occurrence=1),
        N("The Shore Road", "title of a song"),
        N("Blue harbour nights", "title of a composition (sentence case)"),
        D("She never warmed up, never had a drink before a show, never sang a song she didn’t "
          "believe,", S("named", "Archie Munro", **MUNRO), "said"),
        D("She used to tell us, ‘If you don’t mean it, they’ll hear it.’",
          S("named", "Archie Munro", **MUNRO), "said"),
        D("If you don’t mean it, they’ll hear it.",
          S("named", "She", pronoun=True, near="She used to tell us", **MOIRA), "tell"),
        P("the news, only slower.",
          S("named", "she", pronoun=True, near="she described", **MOIRA), "described"),
        D("Mum sang to us every night, even when she had sung to two thousand people that "
          "evening,", S("named", "Kirsty Fenwick", near="Kirsty Fenwick said", **KIRSTY),
          "said"),
        D("We were her best audience, and her hardest.",
          S("named", "Kirsty Fenwick", near="Kirsty Fenwick said", **KIRSTY), "said"),
    ],
    "british_orchids": [
        D("This was not casual vandalism. Whoever did this knew exactly what they were looking "
          "for and came equipped,",
          S("named", "she", name="Helen Marsh",
            aliases=("Helen Marsh", "Marsh", "Inspector Helen Marsh"), title="Inspector",
            organization="North Dales Police", pronoun=True, near="she said"), "said"),
        N("the dawn count", "name of a survey"),
        D("I walked up the bank and it was like someone had taken a melon scoop to the hillside,",
          S("named", "he", pronoun=True, near="he said", **ASHBY), "said"),
        D(("Some of those plants", "once they are moved."),
          S("named", "he", pronoun=True, near="he said", **ASHBY), None,
          note="runs over two paragraphs (single marks, British style); attributed by context"),
        P("heartbroken", S("organization", "The Dales Wildlife Trust",
                           aliases=("the Dales Wildlife Trust", "Dales Wildlife Trust",
                                    "the trust")), "said"),
        D("We are asking people who visit the reserve to report anything that looks out of "
          "place.", S("titled", "A trust spokeswoman",
                      aliases=("a trust spokeswoman", "trust spokeswoman", "spokeswoman"),
                      title="spokeswoman", organization="Dales Wildlife Trust"), "added"),
        P("environmental burglary",
          S("named", "Local MP Gareth Lowe", name="Gareth Lowe",
            aliases=("Gareth Lowe", "Lowe", "Local MP Gareth Lowe"), title="MP"), "described"),
        N("Operation Slipper", "name of a police operation"),
    ],
    "opinion_libraries": [
        N("efficiency", "scare quote (in the headline)"),
        N("Smart Libraries", "name of a review"),
        N("Shelf life: How public libraries survive austerity", "title of a book"),
        N("modernisation", "scare quote"),
        N("Libraries for a changing city.", "title of a report (full stop inside the marks)"),
        P("no resident will be more than twenty minutes from a branch.",
          S("organization", "The review's final report",
            aliases=("the review's final report", "review's final report", "the report",
                     "final report")), "promised",
          note="quoted writing: the report speaks as a document"),
        N("footfall", "a word as used by officials",
          lenient="could be read as the officials' word"),
        P("to hear another human voice.",
          S("named", "Elsie", name="Elsie", aliases=("Elsie", "My neighbour Elsie")), "told"),
        N("efficient", "a word mentioned as a word"),
        N("Two library branches to close under city review", "headline in a related-coverage list"),
        N("Council defends library tablet trial", "headline in a related-coverage list"),
        N("What happened to the reference desk?", "headline in a related-coverage list"),
    ],
}

#: Re-opening marks of multi-paragraph quotes: opening glyphs that start no quote of their own.
REOPENINGS = {"british_orchids": 1}


def _find_quote(text: str, spec: dict, taken: set[tuple[int, int]], doc: str) -> tuple[int, int]:
    words = spec["text"]
    if isinstance(words, tuple):
        first, last = words
        hits = []
        for m in re.finditer(re.escape(first), text):
            end = text.find(last, m.start())
            if end != -1:
                hits.append((m.start(), end + len(last)))
    else:
        hits = [(m.start(), m.end()) for m in re.finditer(re.escape(words), text)]
    hits = [(a, b) for a, b in hits
            if a > 0 and text[a - 1] in OPENERS and b < len(text) and text[b] in CLOSERS]
    occurrence = spec.get("occurrence")
    if occurrence is None:
        hits = [h for h in hits if h not in taken]
        if len(hits) != 1:
            raise SystemExit(f"{doc}: quote {words!r} found {len(hits)} times between marks")
        return hits[0]
    return hits[occurrence]


def _find_mention(text: str, sp: dict, quote: tuple[int, int], doc: str) -> tuple[int, int]:
    mention = sp["mention"]
    anchor = quote
    if sp.get("near"):
        # the attributing phrase nearest the quote
        near = [m.start() for m in re.finditer(re.escape(sp["near"]), text)]
        if not near:
            raise SystemExit(f"{doc}: phrase {sp['near']!r} not found")
        at = min(near, key=lambda i: min(abs(i - quote[0]), abs(i - quote[1])))
        anchor = (at, at + len(sp["near"]))
    hits = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)]
    # never inside the quote itself
    hits = [h for h in hits if not (quote[0] <= h[0] and h[1] <= quote[1])]
    if sp.get("near"):
        hits = [h for h in hits if anchor[0] <= h[0] and h[1] <= anchor[1]] or hits
    if not hits:
        raise SystemExit(f"{doc}: mention {mention!r} not found")
    return min(hits, key=lambda h: min(abs(h[0] - anchor[1]), abs(anchor[0] - h[1])))


def _count_opening_marks(text: str) -> int:
    """Opening glyphs plus straight double pairs: an independent count of the quotes."""
    curly = text.count("“") + text.count("‘")
    return curly + text.count('"') // 2


def build(doc: str, specs: list[dict]) -> dict:
    text = (HERE / f"{doc}.txt").read_text(encoding="utf-8")
    quotes = []
    taken: set[tuple[int, int]] = set()
    for spec in specs:
        start, end = _find_quote(text, spec, taken, doc)
        taken.add((start, end))
        q: dict[str, Any] = {"start": start, "end": end, "text": text[start:end],
                             "speech": spec["speech"]}
        if spec["speech"]:
            q["kind"] = spec["kind"]
            q["cue"] = spec.get("cue")
            sp = spec["speaker"]
            m_start, m_end = _find_mention(text, sp, (start, end), doc)
            speaker = {"kind": sp["kind"], "name": sp["name"], "title": sp["title"],
                       "organization": sp["organization"], "aliases": sp["aliases"],
                       "mention": [m_start, m_end]}
            if sp["pronoun"]:
                speaker["pronoun"] = True
            q["speaker"] = speaker
        if spec.get("note"):
            q["note"] = spec["note"]
        if spec.get("lenient"):
            q["lenient"] = spec["lenient"]
        quotes.append(q)
    quotes.sort(key=lambda q: q["start"])
    n_marks = _count_opening_marks(text) - REOPENINGS.get(doc, 0)
    if n_marks != len(quotes):
        raise SystemExit(f"{doc}: {n_marks} quotations in the text, {len(quotes)} annotated")
    for q in quotes:  # the check the loader repeats
        if text[q["start"]:q["end"]] != q["text"]:
            raise SystemExit(f"{doc}: quote {q['start']}:{q['end']} does not slice the text")
    return {"id": doc, "text_file": f"{doc}.txt", "source": "written for quoteattr (CC BY 4.0)",
            "quotes": quotes}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    for doc, specs in DOCS.items():
        gold = build(doc, specs)
        path = HERE / f"{doc}.gold.json"
        out = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != out:
                print(f"{path.name} is out of date: run build_gold without --check")
                return 1
        else:
            path.write_text(out, encoding="utf-8")
        n_ns = sum(not q["speech"] for q in gold["quotes"])
        print(f"{doc}: {len(gold['quotes'])} quotes, {n_ns} non-speech")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
