"""CARRY-OVER: the speaker of a quote with no cue, from the conversation around it.

``CARRYOVER_RULES`` are ordered, first hit wins, in the way a reader infers a speaker: the
previous quote's speaker in the same paragraph, the person the sentence before introduced, the
turn order of a dialogue (for a paragraph that is only a quote), the person the sentence
after is about (an action beat), and last the turn order for a paragraph that opens with
the quote; and where none of them names anyone, the learned turn ranker
(`quoteattr.attribution.ranker`) picks among the recent speakers and the people named
around the quote. Whoever the quote addresses by name is never its speaker. A candidate a rule
finds but rejects is kept for ``explain`` (and, as today, remembered as an antecedent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator

import attrs

from quoteattr import lexicon
from quoteattr.attribution import weights as wt
from quoteattr.attribution.base import (
    Attribution,
    Finding,
    Note,
    QuoteContext,
    Rule,
    RuleId,
)
from quoteattr.attribution.document import quote_only_paragraph
from quoteattr.attribution.frame import Frame
from quoteattr.attribution.ranker import antecedents_in, rank_turn, turn_candidates
from quoteattr.attribution.source import speaker_of_head
from quoteattr.attribution.syntax import is_negated, is_reporting_verb, subject_of
from quoteattr.parsed import ParsedDoc
from quoteattr.speaker_kinds import Described, EntityIndex, describe, plausible_speaker
from quoteattr.structure import TurnRole
from quoteattr.types import Quote, Span, Speaker, SpeakerKind

__all__ = ["CARRYOVER_RULES", "addressees", "answerer", "answerer_first_person",
           "outer_first_person", "speaker_from_context"]

def addressees(doc: ParsedDoc, frame: Frame, index: EntityIndex | None) -> dict[str, int]:
    """The names the quote addresses, lower-cased, each with the word that names it: UD
    vocatives, and a proper noun set off by a comma at the edge of the quote ("Trafalgar,
    mother." "…, Katharine?")."""
    out: dict[str, int] = {}
    words = sorted(frame.quote)
    honorifics = lexicon.HONORIFICS

    def add(i: int) -> None:
        name = doc.words[i].text
        out.setdefault((index.canonical(name) if index is not None else name).lower(), i)

    for i in words:
        w = doc.words[i]
        # a name with its honorific ("…, Miss Jemima, you have …", "Say a bouquet, sister
        # Jemima.", "Mrs. McChesney" as vocative): the name is the last proper noun
        titled = w.text.lower() in honorifics and i + 1 in frame.quote and \
            doc.words[i + 1].upos == "PROPN"
        end = i
        while titled and end + 1 in frame.quote and doc.words[end + 1].upos == "PROPN":
            end += 1
        if w.deprel == "vocative":
            if titled or w.text.lower() not in honorifics or w.text.lower() in lexicon.BARE_ADDRESS:
                add(end)
            continue
        # or a name set off by commas at the edge of the quote
        if not titled and (w.upos not in ("PROPN", "NOUN") or w.deprel not in (
                "appos", "dep", "root", "parataxis", "nsubj", "obj", "conj")):
            continue
        before = doc.words[i - 1].text if i - 1 in frame.quote else ""
        after = doc.words[end + 1].text if end + 1 in frame.quote else ""
        edge = before == "," and after in (",", ".", "?", "!", "") or \
            (after == "," and (i - 1 not in frame.quote))
        if edge and doc.words[end].upos == "PROPN":
            add(end)
    return out


def _beat_subject(doc: ParsedDoc, root: int) -> int | None:
    """`_sentence_subject`, with a possessed body part standing for its possessor: in "Her
    eyes grew soft." the one acting is "Her" (`lexicon.BEAT_BODY_NOUNS`; the possessor must
    be a personal pronoun: "his mother's eyes" are not his)."""
    subj = _sentence_subject(doc, root)
    if subj is None or doc.words[subj].upos != "NOUN" or \
            doc.words[subj].lemma.lower() not in lexicon.BEAT_BODY_NOUNS:
        return subj
    for c in doc.children[subj]:
        w = doc.words[c]
        if w.deprel == "nmod:poss" and w.upos == "PRON" and w.text.lower() in ("his", "her"):
            return c
    return subj


def _sentence_subject(doc: ParsedDoc, root: int) -> int | None:
    """The subject of a sentence: its root's, or where the parser left the root without one
    ("Hardly had she announced …" rooted on "had", "Joseph was an elderly, nay, an old man"
    with Joseph under "man"), the first subject of a clause hung straight on the root."""
    subj = subject_of(doc, root)
    if subj is not None:
        return subj
    for c in doc.children[root]:
        if doc.words[c].deprel in ("xcomp", "conj", "ccomp"):
            subj = subject_of(doc, c)
            if subj is not None:
                return subj
    return None





def _same_sex(a: str, b: str) -> bool:
    """Could two speakers of these genders ("male", "female", "?") be one person?"""
    return a == "?" or b == "?" or a == b


def _label_gender(sp: Speaker, index: EntityIndex | None) -> str:
    """"male", "female" or "?" as far as a speaker's words tell ("the woman", "sir", a
    name whose gender the text gave)."""
    if sp.name and index is not None:
        gender = index.info(sp.name).get("gender")
        if gender:
            return gender
    words = set(sp.label.lower().split())
    male = bool(words & (lexicon.MALE_NOUNS | lexicon.MALE_HONORIFICS))
    female = bool(words & (lexicon.FEMALE_NOUNS | lexicon.FEMALE_HONORIFICS))
    return "male" if male and not female else "female" if female and not male else "?"


def _key(s: Speaker) -> str:
    return (s.name or s.label).lower()


def _is_addressed(sp: Speaker, addressed: Collection[str]) -> bool:
    """Is ``sp`` someone the quote addresses? By full name, or by one of its names: "Say a
    bouquet, sister Jemima" and "Come, Mr. Pinkerton" both address Jemima Pinkerton."""
    if not addressed:
        return False
    if _key(sp) in addressed:
        return True
    names = {a.split()[-1] for a in addressed if a.split()}
    return bool(sp.name and names & set(sp.name.lower().split()))


def _ok(ctx: QuoteContext, sp: Speaker | None) -> bool:
    """Whoever the quote addresses ("…, Katharine?") is not its speaker."""
    return sp is not None and not _is_addressed(sp, ctx.addressed)


def _candidate(ctx: QuoteContext, head: int, accept: Callable[[Speaker], bool]
               ) -> tuple[Speaker | None, tuple[tuple[int, Described], ...]]:
    """The speaker a head word names, if ``accept`` takes it, and the mention to remember."""
    assert ctx.doc is not None  # run only with a parse
    d = describe(ctx.doc, head, ctx.index)
    found = speaker_of_head(ctx, head, d)  # a guess: what a pronoun reveals is not learned
    if found.speaker is None or not accept(found.speaker):
        return None, ()
    return found.speaker, ((head, d),)


def _carried(ctx: QuoteContext, rule: RuleId, speaker: Speaker | None, confidence: float,
             remember: tuple[tuple[int, Described], ...] = (),
             labels: tuple[str, ...] | None = None) -> Finding | None:
    if speaker is None:
        return None
    note = "" if _ok(ctx, speaker) else "rejected: addressed by the quote"
    if not note and _spoken_of(ctx, speaker):
        note = "rejected: the quote speaks of them"
    return Finding(rule, speaker, confidence, evidence=labels, note=note, remember=remember)


def _spoken_of(ctx: QuoteContext, sp: Speaker) -> bool:
    """Does the quote speak of ``sp`` as someone else, by name as the subject of one of its
    verbs ("“Dinah’ll miss me very much to-night!” … Dinah was the cat.")? A context rule
    guesses; people seldom speak of themselves so (``ctx.spoken_of``)."""
    name = sp.name or (sp.label if sp.kind is SpeakerKind.NAMED else "")
    return bool(name.split()) and name.split()[-1].lower() in ctx.spoken_of


#: Subject pronouns that stand for people, the only ones a quote's speaker is inherited from.
_PERSON_PRONOUNS = lexicon.PERSON_SUBJECT_PRONOUNS


def answerer(ctx: QuoteContext) -> Speaker | None:
    """The person who answers the interview turn an outermost quote stands in, if known
    (`quoteattr.structure`: a named label, or the interviewee the introduction names)."""
    if ctx.structure is None or ctx.span.depth:
        return None
    turn = ctx.structure.turn_at(ctx.span.open_mark)
    if turn is None or turn.role is not TurnRole.ANSWER or not turn.speaker:
        return None
    name = turn.speaker
    if turn.label is not None and turn.label.text == name:
        mention = turn.label
    else:  # "A:" or no label: the name where the introduction gives it
        at = ctx.text.rfind(name, 0, turn.start)
        if at < 0:
            return None
        mention = Span.of(ctx.text, at, at + len(name))
    return Speaker(label=name, kind=SpeakerKind.NAMED, name=name, mention=mention)


def _interview_answer(ctx: QuoteContext) -> Finding | None:
    """Q: Why ice? / A: … the “noise” … -> the answerer (no cue inside an answer turn)."""
    return _carried(ctx, RuleId.INTERVIEW_ANSWER, answerer(ctx), wt.INTERVIEW_ANSWER)


def answerer_first_person(speaker: Speaker, ctx: QuoteContext) -> Speaker | None:
    """A: … I said, “Two winters.” -> the answerer ("I" in an interview answer).

    A quote cued by "I" or "me" outside any quote, inside an answer turn, is the answerer's;
    returns None when that does not apply."""
    m = speaker.mention
    if speaker.kind is not SpeakerKind.PRONOUN or \
            lexicon.PRONOUNS.get(m.text.lower(), (3, "", None))[:2] != (1, "sing"):
        return None
    structure = ctx.structure
    turn = structure.turn_at(m.start) if structure is not None else None
    if turn is None or structure is None or structure.turn_at(ctx.span.open_mark) is not turn:
        return None
    who = answerer(ctx)
    return attrs.evolve(who, mention=m) if who is not None else None


def _previous_quote(ctx: QuoteContext) -> Finding | None:
    """“We are ready.” … “We will go.” (same paragraph) -> the first quote's speaker."""
    return _carried(ctx, RuleId.PREVIOUS_QUOTE_IN_PARAGRAPH,
                    ctx.state.last_in_paragraph.get(ctx.p_index), wt.PREVIOUS_QUOTE_IN_PARAGRAPH)


def _previous_sentence_subject(ctx: QuoteContext) -> Finding | None:
    """Mary turned to him. “We should go.” -> Mary (the sentence before is about her)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    doc, frame, paragraph = ctx.doc, ctx.frame, ctx.paragraph
    if not frame.sentences or frame.sentences[0] == 0:
        return None
    prev = doc.sentences[frame.sentences[0] - 1]
    if prev.start < paragraph[0] or _says_nothing(doc, prev.first_word, prev.end_word):
        return None
    speaker, remember = _reporting_clause_subject(ctx, prev.first_word, prev.end_word)
    if speaker is None:
        speaker, remember = _root_subject(ctx, prev.first_word, prev.end_word)
    return _carried(ctx, RuleId.PREVIOUS_SENTENCE_SUBJECT, speaker, wt.PREVIOUS_SENTENCE_SUBJECT,
                    remember)


def _reporting_clause_subject(ctx: QuoteContext, first: int, end: int):
    """"As Heald told The Huffington Post, ozone has dropped. “...”": the reporting clause
    of the sentence before names the speaker even when it is not the main clause."""
    assert ctx.doc is not None  # run only with a parse
    doc = ctx.doc
    for i in range(first, end):
        if is_reporting_verb(doc, i):
            subj = subject_of(doc, i)
            if subj is not None and plausible_speaker(doc, subj) and \
                    doc.words[subj].upos in ("PROPN", "NOUN", "PRON"):
                speaker, remember = _candidate(ctx, subj, lambda sp: True)
                if speaker is not None:
                    return speaker, remember
    return None, ()


def _root_subject(ctx: QuoteContext, first: int, end: int):
    assert ctx.doc is not None  # run only with a parse
    doc = ctx.doc
    for r in [i for i in range(first, end) if doc.words[i].head < 0]:
        subj = _sentence_subject(doc, r)
        if subj is None:
            continue
        w = doc.words[subj]
        if w.upos not in ("PROPN", "NOUN", "PRON") or not plausible_speaker(doc, subj):
            continue
        if w.upos == "PRON" and w.text.lower() not in _PERSON_PRONOUNS:
            continue  # "It was amazing." is about a thing, not a speaker
        # (mypy cannot type a lambda with a default argument, bound here per loop turn)
        speaker, remember = _candidate(ctx, subj, lambda sp, upos=w.upos: (  # type: ignore[misc]
            sp.kind is not SpeakerKind.ORGANIZATION or upos == "PROPN"))
        if speaker is not None:
            return speaker, remember
    return None, ()


def _next_sentence_subject(ctx: QuoteContext) -> Finding | None:
    """“You get me a file.” He tilted me again. -> he (an action beat after the quote)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    doc, frame, paragraph = ctx.doc, ctx.frame, ctx.paragraph
    if not frame.sentences or frame.sentences[-1] + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[frame.sentences[-1] + 1]
    if nxt.start >= paragraph[1] or nxt.start < (frame.close_mark or frame.end):
        return None
    # a sentence that opens with a quote is the next turn, not an action beat
    if nxt.first_word >= nxt.end_word or doc.words[nxt.first_word].text in lexicon.QUOTE_MARKS or \
            all(doc.words[i].upos == "PUNCT" for i in range(nxt.first_word, nxt.end_word)) or \
            _says_nothing(doc, nxt.first_word, nxt.end_word):
        return None
    for r in (i for i in range(nxt.first_word, nxt.end_word) if doc.words[i].head < 0):
        subj = _beat_subject(doc, r)
        if subj is None or doc.words[subj].upos not in ("PRON", "PROPN"):
            continue
        if doc.words[subj].upos == "PRON" and doc.words[subj].text.lower() not in \
                _PERSON_PRONOUNS and doc.words[subj].deprel != "nmod:poss":
            continue
        speaker, remember = _candidate(ctx, subj,
                                       lambda sp: sp.kind is not SpeakerKind.ORGANIZATION)
        if speaker is not None:
            return _carried(ctx, RuleId.NEXT_SENTENCE_SUBJECT, speaker,
                            wt.NEXT_SENTENCE_SUBJECT, remember)
    return None


def _beat_in_sentence(ctx: QuoteContext) -> Finding | None:
    """“Because--” he hesitated, and his cheeks grew hot. -> he (an action beat in the
    quote's own sentence, right after the closing mark)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    doc, frame = ctx.doc, ctx.frame
    close = frame.close_mark
    if close is None:
        return None
    after = [i for i in frame.words if doc.words[i].start > close]
    if not after:
        return None
    first = after[0]
    w = doc.words[first]
    # the subject pronoun opens the beat: "he hesitated", "she laughed low"
    if w.upos != "PRON" or w.text.lower() not in _PERSON_PRONOUNS or \
            not w.deprel.startswith("nsubj") or w.head < 0 or \
            doc.words[w.head].upos != "VERB" or is_reporting_verb(doc, w.head):
        return None
    speaker, remember = _candidate(ctx, first,
                                   lambda sp: sp.kind is not SpeakerKind.ORGANIZATION)
    return _carried(ctx, RuleId.BEAT_IN_SENTENCE, speaker, wt.NEXT_SENTENCE_SUBJECT, remember)


def _turn_taking(ctx: QuoteContext) -> tuple[Speaker, RuleId] | None:
    """“We will win,” Smith said. ¶ “There is no doubt.” -> Smith (the previous paragraph's).

    For a paragraph that is only a quote: who speaks, judging by the paragraphs before.
    The one the last turn addressed by name answers ("“Didn't you want to go in a-swimming,
    Tom?”" / "“No'm.”"); a speaker the quote addresses by name is the listener, so the
    other one speaks."""
    state, p_index, addressed, on = ctx.state, ctx.p_index, ctx.addressed, ctx.switches.on
    prev = state.paragraph_speakers.get(p_index - 1)
    answer = _addressed_in_previous_turn(ctx)
    before = state.paragraph_speakers.get(p_index - 2)
    if before is None and prev and _beat_paragraph(ctx, p_index - 2):
        # "“Where's that?” ¶ He looked at her in surprise. ¶ “It's away over yonder,” he
        # answered. ¶ “Behind where the sun comes up?”": a beat between two turns
        before = state.paragraph_speakers.get(p_index - 3)
    other = before[-1] if before and prev and _key(before[-1]) != _key(prev[-1]) and \
        not _is_addressed(before[-1], addressed) else None
    if answer is not None:
        speaker, bare, rule = answer
        # "sir" points at the other party; a named one of the right sex says it better
        if not (bare and other is not None and
                _same_sex(_label_gender(other, ctx.index), _label_gender(speaker, ctx.index))):
            return speaker, rule
    if not prev:
        return None
    last = prev[-1]
    found = _first_turn(ctx, last, (RuleId.BEAT_ENDING_PREVIOUS_TURN,))
    if found is not None:
        return found
    if before and _key(before[-1]) != _key(last):
        if _is_addressed(before[-1], addressed):
            return (last, RuleId.PREVIOUS_PARAGRAPH) if on(RuleId.PREVIOUS_PARAGRAPH) else None
        return (before[-1], RuleId.DIALOGUE_TURN) if on(RuleId.DIALOGUE_TURN) else None
    found = _first_turn(ctx, last, (RuleId.LISTENER_IN_SCENE, RuleId.QUESTION_ANSWERED,
                                    RuleId.NARRATOR_ANSWERS))
    if found is not None:
        return found
    if _is_addressed(last, addressed) or not on(RuleId.PREVIOUS_PARAGRAPH):
        return None
    return last, RuleId.PREVIOUS_PARAGRAPH


def _first_turn(ctx: QuoteContext, last: Speaker, rules: tuple[RuleId, ...]
                ) -> tuple[Speaker, RuleId] | None:
    """The first of these turn rules (each ``(ctx, last) -> Speaker | None``) that is on
    and names a speaker, with its id."""
    for rule in rules:
        if ctx.switches.on(rule):
            found = _TURN_RULES[rule](ctx, last)
            if found is not None:
                return found, rule
    return None


def _beat_ending_previous_turn(ctx: QuoteContext, last: Speaker) -> Speaker | None:
    """“Is it far?” asked Tom. Ann looked up from her book. ¶ “Not very.” -> Ann (the
    sentence that closes the previous turn's paragraph acts for the next speaker).

    The previous paragraph holds a turn (a quote with its speaker, ``last``) and ends in a
    sentence of narration after it; that sentence's subject, a person who is not ``last``
    (nor addressed by this quote, nor spoken of in it, nor said not to speak: "The mayor
    declined to comment."), has just been brought in and answers. Where a text's paragraphs
    are guessed or lost, such a beat often sits at the end of the turn before rather than
    opening its own."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    doc, p = ctx.doc, ctx.p_index - 1
    if not 0 <= p < len(ctx.paragraphs):
        return None
    a, b = ctx.paragraphs[p]
    sents = doc.sentences_between(a, b)
    if len(sents) < 2:
        return None
    closing = sents[-1]
    if any(m in ctx.text[closing.start : b] for m in lexicon.QUOTE_MARKS) or \
            _says_nothing(doc, closing.first_word, closing.end_word):
        return None
    speaker, _ = _root_subject(ctx, closing.first_word, closing.end_word)
    if speaker is None or speaker.kind not in (SpeakerKind.NAMED, SpeakerKind.TITLED) or \
            not _is_person(doc, speaker) or _same_person(speaker, last, ctx.index) or \
            not _ok(ctx, speaker) or _spoken_of(ctx, speaker):
        return None
    return speaker


#: The most words of a narration paragraph that is a beat between two dialogue turns.
_BEAT_WORDS = 20


def _beat_paragraph(ctx: QuoteContext, p_index: int) -> bool:
    """Is paragraph ``p_index`` a beat between two turns: a short narration paragraph with no
    quotation mark ("He looked at her in surprise, but she seemed matter-of-fact.")? A news
    paragraph that brings in the next speaker ("The reserve's warden, Tom Ashby, discovered
    the holes on Sunday morning during …") is longer, and its speaker goes on after it."""
    if p_index < 1 or p_index >= len(ctx.paragraphs):
        return False
    a, b = ctx.paragraphs[p_index]
    chunk = ctx.text[a:b]
    return not any(m in chunk for m in lexicon.QUOTE_MARKS) and \
        len(chunk.split()) <= _BEAT_WORDS


def _listener_in_scene(ctx: QuoteContext, last: Speaker) -> Speaker | None:
    """“Who be you?” said the parson to Durbeyfield. ¶ “Ees.” -> Durbeyfield (a new
    paragraph with another person in the scene is the other person's turn).

    Where only one speaker is known so far, a quote-only paragraph goes to the person the
    previous paragraph names outside its quotes who is not that speaker (the latest such
    person: one alone, singular, a name or a description, not addressed by this quote, not
    the subject of a sentence that says they do not speak), not to the same speaker again."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    doc, index = ctx.doc, ctx.index
    key = _key(last)
    found = None
    for a in antecedents_in(ctx.state.antecedents, ctx.p_index - 1, ctx.p_index - 1):
        d = a.described
        if d.plural or d.kind not in (SpeakerKind.NAMED, SpeakerKind.TITLED):
            continue
        sp = d.speaker(doc)
        if _same_person(sp, last, index) or _is_addressed(sp, ctx.addressed):
            continue
        sent = doc.sentence_of(a.word)
        if a.subject and _says_nothing(doc, sent.first_word, sent.end_word):
            continue  # "The mayor declined to comment.": there, but not speaking
        if found is not None and not _same_person(sp, found, index):
            return None  # two others: which one answers is the ranker's to say
        found = sp if found is None or _key(found) == key else found
    return found


def _question_answered(ctx: QuoteContext, last: Speaker) -> Speaker | None:
    """“Then where do we lie?” ¶ “At Kingsbere.” -> the one asked (a question is answered
    by another person).

    Where only one speaker is known in the turns before, and the previous paragraph's last
    quote asks a question, the answer is the latest other person in reach: another speaker
    of the paragraphs before, else the latest person named or described outside quotes in
    the four paragraphs before (singular, not addressed by this quote)."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    top = ctx.state.last_top  # the previous paragraph's last quote (the caller has one there)
    if top is None or not ctx.state.paragraph_speakers.get(ctx.p_index - 1) or \
            not top[1].text.rstrip(" ,.'\"’”»-—–").endswith("?"):
        return None
    # an asker left as "she": the latest person of her sex is taken to be her
    asker = _pronoun_gender(last)
    for sp in _others_in_reach(ctx):
        if _same_person(sp, last, ctx.index) or _is_addressed(sp, ctx.addressed):
            continue
        if asker is not None and _label_gender(sp, ctx.index) == asker:
            asker = None
            continue
        return sp
    return None


#: First-person singular words of a narrator (outside quotes).
_NARRATOR_WORDS = frozenset({"i", "me", "my", "myself", "mine"})
#: Of those, the ones a narrator speaker can stand on (the entity layer's narrator mentions).
_NARRATOR_MENTIONS = frozenset({"i", "me"})
#: How many paragraphs back the narrator's latest "I" or "me" is looked for.
_NARRATOR_REACH = 8


def _narrator_answers(ctx: QuoteContext, last: Speaker) -> Speaker | None:
    """He took me by both arms. ¶ “You know what a file is?” he said. ¶ “Yes, sir.” -> I
    (the narrator answers one who speaks to them).

    In first-person narration, a quote-only paragraph after another person's turn is the
    narrator's reply when no rule before this one found who answers (a listener in the
    scene, the one a question was put to), that turn speaks to someone ("you", or a
    question) and is a person's (a name, a personal pronoun, a noun for people: not "one of
    our ads said, “If you think …”"), and the narration of the two paragraphs before says
    "I", "me" or "my" (the narrator is in the scene). The speaker is the latest narration
    "I" or "me" of the eight paragraphs before."""
    assert ctx.doc is not None  # run only with a parse
    doc, paragraphs, top = ctx.doc, ctx.paragraphs, ctx.state.last_top
    if ctx.p_index < 1 or not paragraphs or top is None or \
            not _SPOKEN_TO.search(top[1].text) or \
            last.mention.text.lower() in _NARRATOR_WORDS or not _is_person(doc, last):
        return None
    scene = (paragraphs[max(0, ctx.p_index - 2)][0], paragraphs[ctx.p_index - 1][1])
    reach = paragraphs[max(0, ctx.p_index - _NARRATOR_REACH)][0]
    quotes = [(s.open_mark, s.outer_end) for s in ctx.spans
              if s.outer_end > reach and s.open_mark < ctx.span.open_mark]

    def narration(i: int) -> bool:
        start = doc.words[i].start
        return not any(a <= start < b for a, b in quotes)

    in_scene = False
    latest = None
    for i in doc.words_between(reach, ctx.span.open_mark):
        w = doc.words[i]
        low = w.text.lower()
        if low not in _NARRATOR_WORDS or w.upos != "PRON" or not narration(i):
            continue
        if w.start >= scene[0]:
            in_scene = True
        if low in _NARRATOR_MENTIONS:
            latest = i
    if not in_scene or latest is None:
        return None
    speaker, _ = _candidate(ctx, latest, lambda sp: True)
    return speaker


#: A turn spoken to someone: it says "you" or asks.
_SPOKEN_TO = re.compile(r"\b(?:you|your|yours|yourself|thee|thou|thy)\b|\?", re.IGNORECASE)


def _is_person(doc: ParsedDoc, sp: Speaker) -> bool:
    """Does the speaker's mention stand for a person: a name, a personal pronoun, or a noun
    for people (`lexicon.person_nouns`) at its head?"""
    words = doc.words_between(sp.mention.start, sp.mention.end)
    if not words:
        return False
    w = doc.words[doc.head_of(words.start, words.stop)]
    if w.upos == "PROPN":
        return True
    if w.upos == "PRON":
        return w.text.lower() in _PERSON_PRONOUNS
    return w.upos == "NOUN" and w.lemma.lower() in lexicon.person_nouns()


def _others_in_reach(ctx: QuoteContext) -> Iterator[Speaker]:
    """Who may answer a question, latest first: the speakers of the paragraphs before the
    asker's (pronouns left out), then the people named or described, singular, outside
    quotes in the four paragraphs before."""
    assert ctx.doc is not None  # run only with a parse
    for p in range(ctx.p_index - 2, max(-1, ctx.p_index - 9), -1):
        for sp in reversed(ctx.state.paragraph_speakers.get(p, ())):
            if sp.kind is not SpeakerKind.PRONOUN:
                yield sp
    described = [a.described for a in
                 antecedents_in(ctx.state.antecedents, ctx.p_index - 4, ctx.p_index - 1)]
    for d in reversed(described):
        if not d.plural and d.kind in (SpeakerKind.NAMED, SpeakerKind.TITLED):
            yield d.speaker(ctx.doc)


def _pronoun_gender(sp: Speaker) -> str | None:
    """The sex of a speaker left as a gendered pronoun ("she" -> "female"), else None."""
    if sp.kind is not SpeakerKind.PRONOUN or sp.name:
        return None
    gender = lexicon.PRONOUNS.get(sp.label.lower(), (3, "sing", None))[2]
    return gender if gender in ("male", "female") else None


def _same_person(a: Speaker, b: Speaker, index: EntityIndex) -> bool:
    """Could two speakers be one person? The same key, one name's surname in the other's,
    or a description of the other's (the label a speaker was given from a description)."""
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    if a.name and b.name:
        return index.canonical(a.name).lower() == index.canonical(b.name).lower() or \
            a.name.lower().split()[-1] == b.name.lower().split()[-1]
    return a.label.lower() == b.label.lower()


def _addressed_in_previous_turn(ctx: QuoteContext) -> tuple[Speaker, bool, RuleId] | None:
    """“Ann, are you coming?” asked Tom. ¶ “No.” -> Ann (a speaker the last turn called).

    The person the previous paragraph's last quote called by a proper name, when that is
    not who said it and the quote now does not address them too: they answer. A speaker
    already met under that name is reused; otherwise the name itself is the speaker (when
    NER says it is a person's). The flag: the address was a bare "sir" or "madam", not a
    name."""
    assert ctx.doc is not None  # run only with a parse
    doc, state, p_index = ctx.doc, ctx.state, ctx.p_index
    called = state.paragraph_addressees.get(p_index - 1)
    if not called or not ctx.switches.on(RuleId.ADDRESSED_IN_PREVIOUS_TURN):
        return None
    prev = state.paragraph_speakers.get(p_index - 1)
    for name, word in called.items():
        w = doc.words[word]
        if name in ctx.addressed:
            continue
        if w.text.lower() in lexicon.BARE_ADDRESS:
            # "Yes, sir." / "Greyson, -- office on second floor.": "sir" is a mention of the
            # one who answers, the best the text gives
            speaker = speaker_of_head(ctx, word).speaker
            if speaker is not None:
                return speaker, True, RuleId.ADDRESSED_IN_PREVIOUS_TURN
            continue
        if w.upos == "NOUN" and ctx.switches.on(RuleId.ADDRESSED_DESCRIPTION_IN_PREVIOUS_TURN):
            described = _described_listener(ctx, word, prev[-1] if prev else None)
            if described is not None:
                return described, False, RuleId.ADDRESSED_DESCRIPTION_IN_PREVIOUS_TURN
            continue
        if w.upos != "PROPN" or not w.text[:1].isupper() or w.text.lower() in lexicon.HONORIFICS:
            continue
        if prev and _is_addressed(prev[-1], {name}):
            continue  # "Tom" said to Tom: the previous attribution or the vocative is wrong
        known = _known_speaker(ctx, name)
        if known is not None:
            return known, False, RuleId.ADDRESSED_IN_PREVIOUS_TURN
        found = _named_listener(ctx, word)
        if found is not None:
            return found, False, RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN
    return None


def _described_listener(ctx: QuoteContext, word: int, last: Speaker | None) -> Speaker | None:
    """“Dost know the place, lad?” said the man. ¶ “Ees.” -> the lad (a common noun the
    last turn called out, and the person the narration describes so: the latest mention
    outside quotes in the three paragraphs before whose head is that noun)."""
    assert ctx.doc is not None  # run only with a parse
    doc = ctx.doc
    lemma = doc.words[word].lemma.lower()
    found = None
    for a in antecedents_in(ctx.state.antecedents, ctx.p_index - 3, ctx.p_index - 1):
        d = a.described
        if d.plural or d.kind is not SpeakerKind.TITLED or \
                doc.words[d.head].lemma.lower() != lemma:
            continue
        found = d.speaker(doc)
    if found is None or (last is not None and _key(found) == _key(last)):
        return None
    return found


def _known_speaker(ctx: QuoteContext, name: str) -> Speaker | None:
    """The latest named speaker met under ``name`` in the paragraphs before."""
    for q in range(ctx.p_index - 1, -1, -1):
        known = [sp for sp in ctx.state.paragraph_speakers.get(q, ())
                 if sp.kind is SpeakerKind.NAMED and _is_addressed(sp, {name})]
        if known:
            return known[-1]
    return None


def _named_listener(ctx: QuoteContext, word: int) -> Speaker | None:
    """“Are you coming, Ditto?” ¶ “Yep.” -> Ditto (a name NER gives a person answers)."""
    assert ctx.doc is not None  # run only with a parse
    if not ctx.switches.on(RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN) or ctx.index is None or \
            not ctx.index.is_person(ctx.doc.words[word].text):
        return None
    speaker = speaker_of_head(ctx, word).speaker
    return speaker if speaker is not None and speaker.kind is SpeakerKind.NAMED else None


def _quote_only(ctx: QuoteContext) -> bool:
    return quote_only_paragraph(ctx.text, ctx.paragraph, ctx.spans)


def _dialogue(ctx: QuoteContext) -> Finding | None:
    """“Didn't you want to go, Tom?” ¶ “No'm.” -> Tom (turns alternate in a dialogue)."""
    if not _quote_only(ctx):
        return None
    turn = _turn_taking(ctx)
    if turn is None:
        return None
    return Finding(turn[1], turn[0], wt.TURN_TAKING)  # taken even when addressed


def _quote_opens_paragraph(ctx: QuoteContext) -> Finding | None:
    """“…?” The parson rode a step nearer. -> the turn order (a paragraph opening with it)."""
    if ctx.text[ctx.paragraph[0] : ctx.span.open_mark].strip() or _quote_only(ctx):
        return None
    # less surely than a paragraph that is only the quote (where the turn order was asked)
    turn = _turn_taking(ctx)
    if turn is None:
        return None
    return _carried(ctx, RuleId.QUOTE_OPENS_PARAGRAPH, turn[0], wt.QUOTE_OPENS_PARAGRAPH,
                    labels=(turn[1].label, RuleId.QUOTE_OPENS_PARAGRAPH.label))


def _ranked_turn(ctx: QuoteContext) -> Finding | None:
    """“Well?” ¶ (no rule names a speaker) -> the turn ranker's most probable person."""
    assert ctx.doc is not None and ctx.index is not None  # run only with a parse
    if ctx.text[ctx.paragraph[0] : ctx.span.open_mark].strip():
        return None  # a turn of a conversation opens its paragraph; a quote inside one is no turn
    span = ctx.span
    quote = (span.open_mark, span.outer_end)
    cands = turn_candidates(ctx.doc, ctx.state.antecedents, ctx.index, ctx.state, ctx.p_index,
                            quote, _quote_only(ctx), ctx.addressed, ctx.spoken_of)
    found = rank_turn(cands)
    if found is None:
        return None
    return Finding(RuleId.RANKED_TURN, found[0].speaker, round(found[1], 3))


def _says_nothing(doc: ParsedDoc, first: int, end: int) -> bool:
    """Does the sentence say its subject does not speak: "The mayor declined to comment.",
    "She refused." (`lexicon.NOT_SPEAKING_VERBS`), or a negated reporting verb ("Jones did
    not respond.", "He never said a word.")?"""
    for r in (i for i in range(first, end) if doc.words[i].head < 0):
        w = doc.words[r]
        if w.lemma.lower() in lexicon.NOT_SPEAKING_VERBS:
            return True
        if is_negated(doc, r) and is_reporting_verb(doc, r):
            return True
    return False


#: The turn rules that take the last speaker and may name another (`_first_turn`).
_TURN_RULES: dict[RuleId, Callable[[QuoteContext, Speaker], Speaker | None]] = {
    RuleId.BEAT_ENDING_PREVIOUS_TURN: _beat_ending_previous_turn,
    RuleId.LISTENER_IN_SCENE: _listener_in_scene,
    RuleId.QUESTION_ANSWERED: _question_answered,
    RuleId.NARRATOR_ANSWERS: _narrator_answers,
}

_TURN_IDS = (RuleId.ADDRESSED_IN_PREVIOUS_TURN, RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN,
             RuleId.ADDRESSED_DESCRIPTION_IN_PREVIOUS_TURN, RuleId.BEAT_ENDING_PREVIOUS_TURN,
             RuleId.DIALOGUE_TURN, RuleId.LISTENER_IN_SCENE, RuleId.QUESTION_ANSWERED,
             RuleId.NARRATOR_ANSWERS, RuleId.PREVIOUS_PARAGRAPH)

#: The conversation: ordered, first hit wins (a rejected candidate does not stop the search).
CARRYOVER_RULES: tuple[Rule, ...] = (
    Rule(RuleId.INTERVIEW_ANSWER, _interview_answer),
    Rule(RuleId.PREVIOUS_QUOTE_IN_PARAGRAPH, _previous_quote),
    Rule(RuleId.PREVIOUS_SENTENCE_SUBJECT, _previous_sentence_subject),
    Rule(RuleId.DIALOGUE_TURN, _dialogue, emits=_TURN_IDS),
    Rule(RuleId.BEAT_IN_SENTENCE, _beat_in_sentence),
    Rule(RuleId.NEXT_SENTENCE_SUBJECT, _next_sentence_subject),
    Rule(RuleId.QUOTE_OPENS_PARAGRAPH, _quote_opens_paragraph),
    Rule(RuleId.RANKED_TURN, _ranked_turn),
)

#: Branches of a carry-over rule with ids (and requirements) of their own.
CARRYOVER_BRANCHES: tuple[Rule, ...] = (
    Rule(RuleId.ADDRESSED_IN_PREVIOUS_TURN, _addressed_in_previous_turn),
    Rule(RuleId.ADDRESSED_NAME_IN_PREVIOUS_TURN, _named_listener, requires={"ner"}),
    Rule(RuleId.ADDRESSED_DESCRIPTION_IN_PREVIOUS_TURN, _described_listener),
    Rule(RuleId.BEAT_ENDING_PREVIOUS_TURN, _beat_ending_previous_turn),
    Rule(RuleId.LISTENER_IN_SCENE, _listener_in_scene),
    Rule(RuleId.QUESTION_ANSWERED, _question_answered),
    Rule(RuleId.NARRATOR_ANSWERS, _narrator_answers),
    Rule(RuleId.PREVIOUS_PARAGRAPH, _turn_taking),
)


def speaker_from_context(ctx: QuoteContext) -> Attribution:
    """The speaker of a quote without a cue, from the carry-over rules."""
    if not ctx.options.carry_over:
        return Attribution(None, wt.UNATTRIBUTED, (Note.NO_CUE.value,))
    if ctx.span.depth:
        return Attribution(None, wt.UNATTRIBUTED, (Note.NESTED_WITHOUT_CUE.value,))
    tried: list[Finding] = []
    for rule in CARRYOVER_RULES:
        if not any(ctx.switches.on(r) for r in rule.emits):
            continue
        found = rule.fn(ctx)
        if found is None:
            continue
        tried.append(found)
        if not found.note:
            return Attribution(found.value, found.score, found.labels, _remembered(tried),
                               findings=tuple(tried))
    return Attribution(None, wt.UNATTRIBUTED, (Note.NO_CUE.value,), _remembered(tried),
                       findings=tuple(tried))


def _remembered(tried: list[Finding]) -> tuple[tuple[int, Described], ...]:
    return tuple(r for f in tried for r in f.remember)


def outer_first_person(speaker: Speaker, parent: tuple[int, int], done: list[Quote]
                       ) -> Speaker | None:
    """'When he was winning, I thought, 'OK, I'll do a Santorum',' Stan said -> Stan.

    A nested quote cued by "I" or "we" inside its outer quote is the outer quote's
    speaker's; returns None when that does not apply."""
    m = speaker.mention
    if speaker.kind is not SpeakerKind.PRONOUN or \
            lexicon.PRONOUNS.get(m.text.lower(), (3,))[0] != 1 or \
            not parent[0] <= m.start < parent[1]:
        return None
    outer = next((q for q in reversed(done) if (q.start, q.end) == parent), None)
    if outer is None or outer.speaker is None or outer.speaker.kind is SpeakerKind.PRONOUN:
        return None
    return attrs.evolve(outer.speaker, mention=m)


#: The nested quote's speaker, after the speaker stage.
OUTER_RULES: tuple[Rule, ...] = (Rule(RuleId.OUTER_QUOTE_SPEAKER, outer_first_person),
                                 Rule(RuleId.ANSWERER_FIRST_PERSON, answerer_first_person))
