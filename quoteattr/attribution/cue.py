"""CUE: where a quote's source sits: reporting verbs, "according to", colons, dashes.

For every quote, ``CUE_RULES`` all run over its *frame* (the words of the sentences it sits in
that are outside it and outside any other quote). Every candidate gets a score
(`weights`); the best wins and the losers are kept for
``explain``. A reporting verb is a candidate when it is linked to the quote (it governs the
quote in the parse, or the parser hung it under the quote -- "“…,” she said" as parataxis --
or it opens the quote with a comma or colon) or simply near it; linked and near beats far,
and the nearest governing verb wins (so "described it as “A,” asserting it is “B”" gives A to
*described* and B to *asserting*). The speaker of a verb comes from the source rules
(`source`).

When the frame has no cue, ``NEIGHBOUR_RULES`` (ordered, first hit wins) look in the sentence
next to the quote, for parsers that split the quote off.

Word positions are word indices; ``Frame.start``/``end`` and the marks are characters.
"""

from __future__ import annotations

import bisect

import attrs
import regex

from quoteattr import lexicon
from quoteattr.attribution import weights as wt
from quoteattr.attribution.base import Finding, QuoteContext, Rule, RuleId, Switches
from quoteattr.attribution.frame import Frame
from quoteattr.attribution.source import verb_speaker
from quoteattr.attribution.syntax import (
    NOMINAL,
    ancestors,
    is_negated,
    is_reporting_verb,
    np_head,
    punct_gap,
    subject_of,
)
from quoteattr.mentions import mention_words
from quoteattr.parsed import ParsedDoc
from quoteattr.speaker_kinds import plausible_speaker

__all__ = ["CUE_RULES", "NEIGHBOUR_RULES", "CueMatch", "find_cue", "find_neighbour_cue"]


@attrs.frozen(kw_only=True)
class CueMatch:
    """A cue and the speaker it points to.

    Attributes:
        kind: "verb", "according", "colon", "dash" or "neighbour".
        words: the cue's words (the verb, "according to", "put it", the colon).
        speaker: the head word of the speaker's noun phrase, or None when the cue has no
            recoverable source (e.g. a passive "it was said").
        rules: what decided, for ``Quote.evidence``.
        strength: how much the rule is worth, 0..1.
        linked: True when the parse links cue and quote (not mere adjacency).
    """

    kind: str
    words: tuple[int, ...]
    speaker: int | None
    rules: tuple[str, ...]
    strength: float
    linked: bool = False

    @property
    def rule(self) -> RuleId:
        """The rule that found the cue (its first evidence label)."""
        return RuleId(self.rules[0])


def _distance(doc: ParsedDoc, frame: Frame, i: int) -> int:
    """Words between word ``i`` and the quote (counted on frame words)."""
    w = doc.words[i]
    if w.start < frame.start:
        between = [j for j in frame.words if w.start < doc.words[j].start < frame.start]
    else:
        between = [j for j in frame.words if frame.end <= doc.words[j].start < w.start]
    return len(between)


def _link(doc: ParsedDoc, frame: Frame, verb: int) -> tuple[str | None, int]:
    """How ``verb`` is linked to the quote: ("governs", hops), ("under-quote", hops) or None."""
    chains = [ancestors(doc, h) for h in frame.heads]
    hops = _hops_up_to(chains, verb)
    if hops is not None:
        return "governs", hops
    for hops, a in enumerate(ancestors(doc, verb), 1):
        if a in frame.quote:
            if doc.words[verb].deprel in ("parataxis", "conj", "ccomp", "advcl", "dep",
                                          "acl:relcl", "xcomp", "appos", "list", "discourse"):
                return "under-quote", hops
            break
    return _infinitive_link(doc, verb, chains) or _beside_quoted_word(doc, frame, verb) or \
        (None, 99)


def _quoted_word(doc: ParsedDoc, i: int) -> bool:
    """Is word ``i`` a word quoted on its own (the word “said”), a quote mark on each side?"""
    return 0 < i < len(doc.words) - 1 and \
        doc.words[i - 1].text in lexicon.QUOTE_MARKS and \
        doc.words[i + 1].text in lexicon.QUOTE_MARKS


def _beside_quoted_word(doc: ParsedDoc, frame: Frame, verb: int) -> tuple[str, int] | None:
    """“We will win,” the coach said, using the word “said” -> said, though the parser hung
    both the quote and the verb on the quoted word.

    A word quoted on its own is a mention, no cue (it sits in a quote of its own, so it is no
    frame word), but a parser may make it the head of the sentence, with the real quote and
    its verb as sisters under it: the verb is linked to the quote as though the mention were
    not there."""
    for h in frame.heads:
        up = doc.words[h].head
        if up >= 0 and up not in frame.quote and up not in frame.words and \
                _quoted_word(doc, up) and doc.words[verb].head == up:
            return "beside-quoted-word", 2
    return None


def _mission_verb(doc: ParsedDoc, frame: Frame, i: int) -> bool:
    """The blog aims to help address “a gap …” -> aims (a stated aim quoted in its infinitive).

    A verb of purpose is a cue only for a quote inside its to-infinitive: the quote (or the
    verb the quote hangs on) is reached from it down a chain of xcomp infinitives."""
    if doc.words[i].lemma.lower() not in lexicon.MISSION_VERBS:
        return False
    stack = [c for c in doc.children[i] if doc.words[c].deprel == "xcomp"]
    for _ in range(4):
        if any(c in frame.quote or any(g in frame.quote for g in doc.children[c])
               for c in stack):
            return True
        stack = [g for c in stack for g in doc.children[c] if doc.words[g].deprel == "xcomp"]
    return False


def _verb_lemma_of_noun(w) -> str | None:
    """The reporting-verb lemma of a word the tagger read as a noun ("reply", "notes",
    "writing"), or None."""
    for lemma in (w.lemma.lower(), w.text.lower()):
        if lemma in lexicon.REPORTING_VERBS:
            return lemma
    low = w.text.lower()
    for stem in (low[:-1] if low.endswith("s") else None,
                 low[:-3] if low.endswith("ing") else None,
                 low[:-3] + "e" if low.endswith("ing") else None):
        if stem and stem in lexicon.REPORTING_VERBS:
            return stem
    return None


def _inverted_as_noun(doc: ParsedDoc, frame: Frame, i: int) -> bool:
    """“We are ready,” reply Smith and Jones -> reply, which the tagger read as a noun.

    A present-tense verb next to the quote is often tagged as a noun ("reply", "answer",
    "notes", "writing"). A lower-case reporting-verb form with no determiner of its own is the
    quote's reporting verb right after the closing mark (only punctuation between) with a
    noun phrase after it ("“…,” reply Smith and Jones"), or right before the opening mark
    with a noun before it: an -s form set off by a comma or colon ("The U.S. Department of
    Agriculture notes, “…”"), an -ing form also without one ("with one poster writing
    “…”")."""
    w = doc.words[i]
    if w.upos != "NOUN" or not w.text[:1].islower() or _verb_lemma_of_noun(w) is None or \
            not 0 < i < len(doc.words) - 1:
        return False
    if any(doc.words[c].deprel in ("det", "nmod:poss", "det:poss", "amod") and c < i
           for c in doc.children[i]):
        return False  # "“…,” the reply came": a noun after all
    if frame.close_mark is not None and w.start > frame.close_mark:
        gap = punct_gap(doc.text, frame.close_mark + 1, w.start)
        if gap is None or "\n" in gap or not (
                "," in gap or doc.text[frame.start:frame.end].rstrip()[-1:] in ",!?…"):
            return False
        nxt = doc.words[i + 1]
        return nxt.upos in ("PROPN", "DET") or (nxt.upos == "NOUN" and "Number=Plur" in nxt.feats)
    gap = punct_gap(doc.text, w.end, frame.open_mark)
    low = w.text.lower()
    if gap is None or "\n" in gap or not (
            low.endswith("ing") or (low.endswith("s") and ("," in gap or ":" in gap))):
        return False
    return doc.words[i - 1].upos in ("NOUN", "PROPN") and doc.words[i - 1].end <= w.start

def _hops_up_to(chains: list[list[int]], word: int) -> int | None:
    """The fewest hops from a quote head up its ancestor chain to ``word`` (None: none)."""
    hops = [anc.index(word) + 1 for anc in chains if word in anc]
    return min(hops) if hops else None


def _infinitive_link(doc: ParsedDoc, verb: int, chains: list[list[int]]
                     ) -> tuple[str, int] | None:
    """"“The story will tell,” I took upon myself to reply" with the quote hung on *took*: a
    reporting infinitive under the verb that governs the quote is its cue. ``chains``: the
    ancestors of each quote head."""
    w = doc.words[verb]
    if w.deprel not in ("xcomp", "advcl") or w.head < 0 or not any(
            doc.words[c].deprel == "mark" and doc.words[c].text.lower() == "to"
            for c in doc.children[verb]):
        return None
    hops = _hops_up_to(chains, w.head)
    return ("governs", hops + 1) if hops is not None else None


def _next_to_quote(doc: ParsedDoc, frame: Frame, cue: int, speaker: int | None) -> bool:
    """Does "attributed to X" touch the quote, with only punctuation between ("… attributed
    to Einstein — “…”", "“…,” attributed to Einstein")?"""
    if speaker is None:
        return False
    end = mention_words(doc, speaker)[1] - 1
    if punct_gap(doc.text, doc.words[end].end, frame.open_mark) is not None:
        return True
    close = frame.close_mark
    return close is not None and \
        punct_gap(doc.text, close + 1, doc.words[cue].start) is not None


def _beyond_another_quote(doc: ParsedDoc, frame: Frame, own: frozenset[int], verb: int) -> bool:
    """“…, I” -- “I have the weed,” I replied -> "replied" is the second quote's, not this one's.

    Does another quote stand between the quote and ``verb`` after it? ``own``: the
    frame's words and the quote's (the words of other quotes are in neither)."""
    return any(j not in own and doc.words[j].text[:1].isalnum()
               for j in doc.words_between(frame.end, doc.words[verb].start))


def _introduces(doc: ParsedDoc, frame: Frame, verb: int) -> bool:
    """Does the verb open the quote, with only a comma or colon between ("I thought, ‘OK,
    I'll go’" with the parser hanging the quote elsewhere)?"""
    gap = punct_gap(doc.text, doc.words[verb].end, frame.open_mark)
    return gap is not None and ("," in gap or ":" in gap)


def _as_before(doc: ParsedDoc, frame: Frame, verb: int) -> bool:
    """Is there an "as" between ``verb`` and the quote, close to the quote?"""
    if doc.words[verb].start > frame.start:
        return False
    near = [j for j in frame.words if doc.words[verb].start < doc.words[j].start < frame.start]
    for j in reversed(near[-4:]):
        if doc.words[j].text.lower() == "as":
            return True
        if doc.words[j].upos == "VERB":
            # "described the situation as “A,” asserting it is “B”": that "as" is for A
            return False
    return False


_LOOSE_RELATIONS = frozenset({"parataxis", "conj", "advcl", "dep", "obl", "list"})


def _closer_sister_verb(doc: ParsedDoc, frame: Frame, best: CueMatch,
                        others: list[CueMatch]) -> CueMatch | None:
    """Rutte described it as “A,” asserting it is “B” -> asserting (for B), not described.

    Parsers often hang a quote on the main verb when it belongs to a participle in
    between ("described it as “A,” asserting it is “B”" with B under *described*). When a
    reporting verb that depends on the chosen one stands between it and the quote, with no
    complement of its own, it is the quote's cue."""
    verb = best.words[0]
    if doc.words[verb].start > frame.start:
        # “…,” grinning, Smith said: a participle after the quote is no closer cue
        return None
    hangs_on = set()
    for h in frame.heads:
        # the relation under the chosen verb on the way up from the quote's head
        path = [h] + ancestors(doc, h)
        if verb in path[1:]:
            hangs_on.add(doc.words[path[path.index(verb) - 1]].deprel)
    if not hangs_on:
        return None
    # a quote hung tightly on the chosen verb (its ccomp or obj: "reported that all they get
    # is a message stating, “…”" with the quote as a second ccomp of "reported"), or loosely
    # under the reported clause ("emphasized that aid continues to flow into Ukraine,
    # stating, “We are …”"): only a participle right before the quote may take it
    right_before_only = not hangs_on <= _LOOSE_RELATIONS
    for other in others:
        if other.kind != "verb" or other.speaker is None:
            continue
        v2 = other.words[0]
        if not doc.words[verb].start < doc.words[v2].start < frame.start:
            continue
        # a direct dependent of the chosen verb, or one deeper down that introduces the quote
        # right away ("…, stating, “We are working…”")
        right_before = verb in ancestors(doc, v2) and \
            punct_gap(doc.text, doc.words[v2].end, frame.open_mark) is not None
        if not right_before and (right_before_only or doc.words[v2].head != verb):
            continue
        if any(doc.words[c].deprel in ("ccomp", "obj", "xcomp") for c in doc.children[v2]):
            continue
        return attrs.evolve(other, linked=True, strength=best.strength,
                            rules=other.rules + ("sister-verb-closer-to-quote",))
    return None


def _opens_next_quote(doc: ParsedDoc, verb: int) -> bool:
    """Does the verb introduce a quote right after it ("I say, ‘…’")?"""
    end = doc.words[verb].end
    m = _INTRODUCING_GAP.match(doc.text, end)
    return m is not None and doc.text[m.end() : m.end() + 1] in lexicon.QUOTE_MARKS


_INTRODUCING_GAP = regex.compile(r"\s*[,:]\s*")


def _introduced_before(doc: ParsedDoc, frame: Frame, best: CueMatch,
                       others: list[CueMatch]) -> CueMatch | None:
    """… and say, ‘Hey Frank, my name is John,’ I say, ‘Hey John …’ -> say (the first).

    A verb after the quote that opens the next quote ("I say, ‘…’") is that quote's cue, not
    this one's, when a reporting verb with a speaker opens this quote from before it ("and
    say, ‘…’") -- whatever attachments a broken parse gives the two."""
    verb = best.words[0]
    if best.kind != "verb" or doc.words[verb].start < frame.start or \
            not _opens_next_quote(doc, verb):
        return None
    for other in others:
        if other.kind == "verb" and other.speaker is not None and \
                doc.words[other.words[0]].end <= frame.open_mark and \
                _introduces(doc, frame, other.words[0]):
            return attrs.evolve(other, linked=True, strength=best.strength,
                                rules=other.rules + (RuleId.INTRODUCED_BEFORE.label,))
    return None


# --------------------------------------------------------------------------------------------
# CUE_RULES: all run, best score wins

_VERB_LINKS = {"governs": RuleId.CUE_VERB_GOVERNS, "under-quote": RuleId.CUE_VERB_UNDER_QUOTE,
               "introduces": RuleId.CUE_VERB_INTRODUCES, None: RuleId.CUE_VERB_ADJACENT,
               "beside-quoted-word": RuleId.CUE_VERB_BESIDE_QUOTED_WORD}


def _verb_link(doc: ParsedDoc, frame: Frame, verb: int) -> tuple[str | None, int]:
    link, hops = _link(doc, frame, verb)
    if link is None and _introduces(doc, frame, verb):
        link, hops = "introduces", 1
    return link, hops


def _verb_score(doc: ParsedDoc, frame: Frame, verb: int, link: str | None, hops: int,
                dist: int, has_speaker: bool) -> float:
    score = 1.0 / (1 + dist)
    if link == "governs":
        score += wt.CUE_GOVERNS + 1.0 / hops
        if doc.words[verb].lemma.lower() in lexicon.AS_VERBS and _as_before(doc, frame, verb):
            score += wt.CUE_AS_BONUS  # "described X as a “strong signal,” he clarified ..."
    elif link in ("under-quote", "beside-quoted-word"):
        score += wt.CUE_UNDER_QUOTE + 1.0 / hops
    return score + (wt.CUE_HAS_SPEAKER if has_speaker else wt.CUE_NO_SPEAKER)


def _verb_candidate(doc: ParsedDoc, frame: Frame, verb: int, own: frozenset[int],
                    switches: Switches) -> Finding | None:
    link, hops = _verb_link(doc, frame, verb)
    rid = _VERB_LINKS[link]
    dist = _distance(doc, frame, verb)
    if not switches.on(rid) or (link is None and dist > wt.CUE_MAX_ADJACENT_DISTANCE):
        return None
    quote_before = doc.words[verb].start > frame.start
    speaker, rules = verb_speaker(doc, frame, verb, quote_before, switches)
    lenient = doc.words[verb].lemma.lower() in lexicon.SPEECH_ONLY_VERBS
    if speaker is not None and switches.on(RuleId.IMPLAUSIBLE_SPEAKER) and \
            not plausible_speaker(doc, speaker, lenient):
        speaker, rules = None, rules + ("implausible-speaker",)
    score = _verb_score(doc, frame, verb, link, hops, dist, speaker is not None)
    if quote_before and switches.on(RuleId.BEYOND_ANOTHER_QUOTE) and \
            _beyond_another_quote(doc, frame, own, verb):
        # "“…, I” -- “I have the weed,” I replied": the quote in between is the verb's
        score += wt.CUE_BEYOND_ANOTHER_QUOTE
        rules = rules + ("beyond-another-quote",)
    words: tuple[int, ...] = (verb,)
    if doc.words[verb].lemma.lower() == "put":
        words += tuple(c for c in doc.children[verb] if doc.words[c].text.lower() == "it")
    strength = wt.STRENGTH_VERB_LINKED if link else wt.STRENGTH_VERB_ADJACENT
    if speaker is None:
        strength -= wt.STRENGTH_NO_SPEAKER_PENALTY
    match = CueMatch(kind="verb", words=tuple(sorted(words)), speaker=speaker,
                     rules=(rid.label,) + rules, strength=strength, linked=link is not None)
    return Finding(rid, match, score, match.words)


def _verb_cues(ctx: QuoteContext) -> list[Finding]:
    """“We are ready,” the minister said. -> said (a reporting verb linked to or near the quote)."""
    doc, frame = ctx.doc, ctx.frame
    assert doc is not None and frame is not None
    own = frozenset(frame.words) | frame.quote
    out = []
    as_noun = ctx.switches.on(RuleId.CUE_VERB_READ_AS_NOUN)
    mission = ctx.switches.on(RuleId.CUE_VERB_MISSION)
    for i in frame.words:
        extra: RuleId | None = None
        if not is_reporting_verb(doc, i):
            if as_noun and _inverted_as_noun(doc, frame, i):
                extra = RuleId.CUE_VERB_READ_AS_NOUN
            elif mission and _mission_verb(doc, frame, i):
                extra = RuleId.CUE_VERB_MISSION
            else:
                continue
        found = _verb_candidate(doc, frame, i, own, ctx.switches)
        if found is not None and extra is not None:
            match = found.value
            found = attrs.evolve(found, value=attrs.evolve(
                match, rules=match.rules[:1] + (extra.label,) + match.rules[1:]))
        if found is not None:
            out.append(found)
    return out


def _one(found: CueMatch | None, score: float) -> list[Finding]:
    if found is None:
        return []
    return [Finding(RuleId(found.rules[0]), found, score, found.words)]


def _according_cue(ctx: QuoteContext) -> list[Finding]:
    """According to the ministry, “…” -> the ministry ("attributed to X", "in the words of X")."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    return _one(_according(ctx.doc, ctx.frame, ctx.switches), wt.CUE_ACCORDING)


def _colon_cue(ctx: QuoteContext) -> list[Finding]:
    """The minister was blunt: “…” -> the minister (the clause before a colon)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    return _one(_colon(ctx.doc, ctx.frame, ctx.switches), wt.CUE_COLON)


def _dash_cue(ctx: QuoteContext) -> list[Finding]:
    """“…” — Jane Smith, mayor -> Jane Smith (the noun phrase after a dash)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    return _one(_dash(ctx.doc, ctx.frame), wt.CUE_DASH)


#: Every rule proposes candidates; the best score wins (ties: the earlier candidate).
CUE_RULES: tuple[Rule, ...] = (
    Rule(RuleId.CUE_VERB_GOVERNS, _verb_cues, emits=tuple(_VERB_LINKS.values())),
    Rule(RuleId.ACCORDING_TO, _according_cue,
         emits=(RuleId.ACCORDING_TO, RuleId.ATTRIBUTED_TO, RuleId.IN_THE_WORDS_OF)),
    Rule(RuleId.COLON_VERB, _colon_cue,
         emits=(RuleId.COLON_VERB, RuleId.COLON_SUBJECT, RuleId.COLON_NP)),
    Rule(RuleId.DASH, _dash_cue),
)


#: Adjustments of the contest: a penalty on candidates, and a hand-over after it.
CUE_ADJUSTMENTS: tuple[Rule, ...] = (
    Rule(RuleId.BEYOND_ANOTHER_QUOTE, _beyond_another_quote),
    Rule(RuleId.SISTER_VERB, _closer_sister_verb),
    Rule(RuleId.INTRODUCED_BEFORE, _introduced_before),
    Rule(RuleId.CUE_VERB_READ_AS_NOUN, _inverted_as_noun),
    Rule(RuleId.CUE_VERB_MISSION, _mission_verb),
)


def find_cue(ctx: QuoteContext) -> tuple[CueMatch | None, list[Finding]]:
    """The best cue in the quote's frame and every candidate (the winner first).

    After the contest, `RuleId.SISTER_VERB` may hand a linked verb's quote to a
    reporting participle between it and the quote.
    """
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    candidates: list[Finding] = []
    for rule in CUE_RULES:
        if any(ctx.switches.on(r) for r in rule.emits):
            candidates.extend(rule.fn(ctx))
    if not candidates:
        return None, []
    candidates.sort(key=lambda c: -c.score)
    best = candidates[0].value
    if ctx.switches.on(RuleId.INTRODUCED_BEFORE):
        first = _introduced_before(ctx.doc, ctx.frame, best, [c.value for c in candidates[1:]])
        if first is not None:
            found = Finding(RuleId.INTRODUCED_BEFORE, first, candidates[0].score, first.words)
            return first, [found] + candidates
    if best.kind == "verb" and best.linked and ctx.switches.on(RuleId.SISTER_VERB):
        better = _closer_sister_verb(ctx.doc, ctx.frame, best,
                                     [c.value for c in candidates[1:]])
        if better is not None:
            sister = Finding(RuleId.SISTER_VERB, better, candidates[0].score, better.words)
            return better, [sister] + candidates
    return best, candidates


def _according(doc: ParsedDoc, frame: Frame, switches: Switches) -> CueMatch | None:
    """"according to X" and "in the words of X": X is the source."""
    allowed = frozenset(frame.words)
    words = frame.words
    for pos, i in enumerate(words):
        low = doc.words[i].text.lower()
        if low == "according" and pos + 1 < len(words) and \
                doc.words[words[pos + 1]].text.lower() == "to":
            cue, rest, rule = (i, words[pos + 1]), pos + 2, "according-to"
            if not switches.on(RuleId.ACCORDING_TO):
                continue
            head = doc.words[i].head
            if doc.words[i].deprel in ("case", "mark") and head in allowed and \
                    doc.words[head].upos in NOMINAL:
                return CueMatch(kind="according", words=cue, speaker=head, rules=(rule,),
                                strength=wt.STRENGTH_ACCORDING, linked=True)
        elif low == "attributed" and pos + 1 < len(words) and \
                doc.words[words[pos + 1]].text.lower() == "to":
            # "a wonderful quote attributed to Einstein — “…”"
            cue, rest, rule = (i, words[pos + 1]), pos + 2, "attributed-to"
            if not switches.on(RuleId.ATTRIBUTED_TO):
                continue
        elif low == "words" and pos + 1 < len(words) and \
                doc.words[words[pos + 1]].text.lower() == "of" and pos >= 1 and \
                doc.words[words[pos - 1]].text.lower() in lexicon.WORDS_OF_DETERMINERS:
            cue, rest, rule = (i, words[pos + 1]), pos + 2, "in-the-words-of"
            if not switches.on(RuleId.IN_THE_WORDS_OF):
                continue
        else:
            continue
        speaker = None
        for j in words[rest : rest + 6]:
            if doc.words[j].upos in NOMINAL:
                speaker = np_head(doc, j, allowed)
                break
        if rule == "attributed-to" and not _next_to_quote(doc, frame, i, speaker):
            continue
        return CueMatch(kind="according", words=cue, speaker=speaker, rules=(rule,),
                        strength=wt.STRENGTH_ACCORDING, linked=True)
    return None


def _colon(doc: ParsedDoc, frame: Frame, switches: Switches) -> CueMatch | None:
    """A colon right before the quote: the clause before it names the speaker."""
    before = [j for j in frame.words if doc.words[j].end <= frame.open_mark]
    if not before or doc.words[before[-1]].text != ":":
        return None
    colon = before[-1]
    if doc.text[doc.words[colon].end : frame.open_mark].strip():
        return None
    clause = [j for j in before[:-1] if doc.words[j].sent_index == doc.words[colon].sent_index]
    return _clause_speaker(doc, frame, clause, colon, "colon", switches)


def _clause_speaker(doc: ParsedDoc, frame: Frame, clause: list[int], cue: int, kind: str,
                    switches: Switches) -> CueMatch | None:
    """The speaker a clause before a colon names: its reporting verb's (colon-verb), its
    subject (colon-subject), or the clause itself as a noun phrase (colon-np)."""
    if not clause:
        return None
    inside = frozenset(clause)
    roots = [j for j in clause if doc.words[j].head not in inside]
    verbs = [j for j in clause if is_reporting_verb(doc, j)]
    if verbs and switches.on(RuleId.COLON_VERB):
        # "Sunak defended the record whilst promising an update: “…”": the clause's
        # reporting verb names the speaker even when the parse does not link it to the quote
        sub = attrs.evolve(frame, words=tuple(clause))
        speaker, rules = verb_speaker(doc, sub, verbs[-1], False, switches)
        if speaker is None:
            return None
        return CueMatch(kind=kind, words=(verbs[-1],), speaker=speaker,
                        rules=(f"{kind}-verb",) + rules, strength=wt.STRENGTH_COLON_VERB,
                        linked=True)
    for r in roots:
        w = doc.words[r]
        subj = subject_of(doc, r, frame.quote)
        if subj is not None and subj in inside and switches.on(RuleId.COLON_SUBJECT):
            return CueMatch(kind=kind, words=(cue,), speaker=subj, rules=(f"{kind}-subject",),
                            strength=wt.STRENGTH_COLON_SUBJECT, linked=True)
        if w.upos in NOMINAL and switches.on(RuleId.COLON_NP):
            speaker = r
            poss = [c for c in doc.children[r] if doc.words[c].deprel in ("nmod:poss", "nmod")]
            if w.lemma.lower() in lexicon.REPORTING_NOUNS and poss:
                speaker = poss[0]
            return CueMatch(kind=kind, words=(cue,), speaker=speaker, rules=(f"{kind}-np",),
                            strength=wt.STRENGTH_COLON_NP, linked=True)
    return None


def _dash(doc: ParsedDoc, frame: Frame) -> CueMatch | None:
    """A dash right after the quote: the noun phrase after it is the speaker."""
    if frame.close_mark is None:
        return None
    after = [j for j in frame.words if doc.words[j].start > frame.close_mark]
    if not after and frame.sentences and frame.sentences[-1] + 1 < len(doc.sentences):
        # the tokenizer may have made "— Matthew Ingram" a sentence of its own
        nxt = doc.sentences[frame.sentences[-1] + 1]
        after = list(range(nxt.first_word, min(nxt.end_word, nxt.first_word + 6)))
        frame = attrs.evolve(frame, words=frame.words + tuple(after))
    if not after:
        return None
    assert frame.close_mark is not None  # checked above (evolve forgets it)
    first = doc.words[after[0]]
    gap = doc.text[frame.close_mark + 1 : first.start]
    if first.text in lexicon.DASHES and not gap.strip():
        allowed = frozenset(frame.words)
        for j in after[1:4]:
            if doc.words[j].upos in ("PROPN", "NOUN", "PRON"):
                speaker = np_head(doc, j, allowed)
                if _clause_subject(doc, speaker, after[0]):
                    return None
                return CueMatch(kind="dash", words=(after[0],), speaker=speaker,
                                rules=("dash-attribution",), strength=wt.STRENGTH_DASH,
                                linked=True)
    return None


def _clause_subject(doc: ParsedDoc, word: int, dash: int) -> bool:
    """Is ``word`` the subject of a verb after the dash that does not report speech ("“…” --
    I forgot what the rest of it said"): a clause, not a signature ("— Jane Smith, mayor")?"""
    w = doc.words[word]
    if not w.deprel.startswith("nsubj") or w.head < 0:
        return False
    verb = doc.words[w.head]
    return verb.upos in ("VERB", "AUX") and verb.start > doc.words[dash].start and \
        verb.lemma.lower() not in lexicon.REPORTING_VERBS


def _signature(doc: ParsedDoc, frame: Frame, paragraph: tuple[int, int]) -> CueMatch | None:
    """An epigraph or caption signed by a name with no verb and the dash lost: a paragraph
    that opens with a full-sentence quote followed by "Shimon Peres image: …" or "Anonymous
    blogger, “…”". The name is the speaker."""
    if frame.close_mark is None or doc.text[paragraph[0] : frame.open_mark].strip():
        return None
    content = doc.text[frame.start : frame.end].rstrip()
    if not content.endswith((".", "!", "?")):
        return None
    first = bisect.bisect_left(doc.words, frame.close_mark + 1, key=lambda w: w.start)
    fragment: list[int] = []
    stop = None
    for j in range(first, min(len(doc.words), first + 7)):
        w = doc.words[j]
        if w.start >= paragraph[1] or w.text in (",", ":", ".", ";", "!", "?") or \
                w.text in lexicon.QUOTE_MARKS:
            stop = w.text if w.start < paragraph[1] else None
            break
        fragment.append(j)
    # a signature ends the paragraph or runs on with "," / ":" (a title, a photo credit);
    # "“TOM!” No answer." is narration, and so is any fragment without a name
    if not fragment or len(fragment) > 5 or stop not in (None, ",", ":") or \
            not doc.words[fragment[0]].text[:1].isupper() or \
            "\n" in doc.text[frame.close_mark : doc.words[fragment[0]].start]:
        return None
    if any(doc.words[j].upos in ("VERB", "AUX") for j in fragment):
        return None
    inside = frozenset(fragment)
    head = next((j for j in fragment if doc.words[j].head not in inside), fragment[0])
    verb = doc.words[head].head
    if stop == "," and doc.words[head].deprel.startswith("nsubj") and verb >= 0 and \
            doc.words[verb].upos in ("VERB", "AUX") and \
            doc.words[verb].start > doc.words[fragment[-1]].end and \
            not any(ch in lexicon.QUOTE_MARKS for ch in
                    doc.text[doc.words[fragment[-1]].end : doc.words[verb].start]):
        # "“Very well, sir.” The little boy, still sleeping, was taken away.": the subject
        # of a verb after the comma is narration, not a signature (a verb inside the quote
        # the signature cites does not count: "Anonymous blogger, “Anon declares war”")
        return None
    if not any(doc.words[j].upos == "PROPN" for j in fragment):
        # no name: only a short role that signs ("Anonymous blogger, “…”", "Local resident")
        w = doc.words[head]
        if len(fragment) > 3 or w.upos != "NOUN" or \
                not {w.text.lower(), w.lemma.lower()} & lexicon.person_nouns():
            return None
        return CueMatch(kind="neighbour", words=(fragment[0],), speaker=head,
                        rules=("signature",), strength=wt.STRENGTH_SIGNATURE, linked=False)
    if doc.words[head].upos != "PROPN" and not (
            doc.words[head].upos == "NOUN" and plausible_speaker(doc, head)):
        # "Shimon Peres image": the name in the caption (there is one, see above), not the image
        head = next(j for j in fragment if doc.words[j].upos == "PROPN")
        while doc.words[head].deprel in ("flat", "flat:name") and doc.words[head].head in inside:
            head = doc.words[head].head
    return CueMatch(kind="neighbour", words=(fragment[0],), speaker=head,
                    rules=("signature",), strength=wt.STRENGTH_SIGNATURE, linked=False)


def _sentence_cue(doc: ParsedDoc, frame: Frame, words: list[int], punct: int | None,
                  quote_before: bool, switches: Switches) -> CueMatch | None:
    """Hill commented, ¶ “…” -> commented (a reporting verb of the sentence next door).

    A reporting verb (or a colon-introduced clause) among ``words`` of a neighbour sentence."""
    sub = attrs.evolve(frame, words=tuple(words))
    verbs = [j for j in words if is_reporting_verb(doc, j)]
    if verbs and switches.on(RuleId.CUE_VERB_NEIGHBOUR):
        verb = verbs[-1] if not quote_before else verbs[0]
        speaker, rules = verb_speaker(doc, sub, verb, quote_before, switches)
        if speaker is not None:
            return CueMatch(kind="verb", words=(verb,), speaker=speaker,
                            rules=("cue-verb:neighbour",) + rules,
                            strength=wt.STRENGTH_NEIGHBOUR_VERB, linked=True)
        return None
    if punct is not None and doc.words[punct].text == ":":
        return _clause_speaker(doc, sub, words, punct, "colon", switches)
    return None


# --------------------------------------------------------------------------------------------
# NEIGHBOUR_RULES: ordered, first hit wins (only when the frame has no cue)


def _neighbour(match: CueMatch | None, label: str) -> CueMatch | None:
    if match is None:
        return None
    return attrs.evolve(match, kind="neighbour", rules=(label,) + match.rules)


def _unquoted_words(doc: ParsedDoc, first: int, end: int) -> list[int]:
    return [i for i in range(first, end)
            if not (doc.words[i].upos == "PUNCT" and doc.words[i].text in lexicon.QUOTE_MARKS)]


def _before_quote(ctx: QuoteContext) -> CueMatch | None:
    """Walking with Dinah, and saying to her very earnestly, ‘Now, Dinah, …’ -> saying."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    doc, frame = ctx.doc, ctx.frame
    before = [i for i in frame.words if doc.words[i].end <= frame.open_mark and
              doc.words[i].sent_index == frame.sentences[0]]
    if len(before) <= 1 or doc.words[before[-1]].text not in (",", ":"):
        return None
    match = _sentence_cue(doc, frame, before[:-1], before[-1], False, ctx.switches)
    # a reporting verb a few words before ", “" that the parser did not link to the quote
    if match is not None and match.kind == "verb" and \
            match.words[0] >= before[max(0, len(before) - 8)]:
        return _neighbour(match, RuleId.BEFORE_QUOTE.label)
    return None


def _previous_sentence(ctx: QuoteContext) -> CueMatch | None:
    """Obama tweeted: ¶ “Cool clock” -> Obama (a sentence before ending in ":", "," or ";")."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    doc, frame = ctx.doc, ctx.frame
    first = frame.sentences[0]
    if first <= 0:
        return None
    prev = doc.sentences[first - 1]
    words = _unquoted_words(doc, prev.first_word, prev.end_word)
    # "X said:" / "X stated," / "he was quoted ...;" may end the paragraph before
    if not words or doc.words[words[-1]].text not in (":", ",", ";"):
        return None
    match = _sentence_cue(doc, frame, words[:-1], words[-1], False, ctx.switches)
    return _neighbour(match, RuleId.PREVIOUS_SENTENCE.label)


def _next_sentence(ctx: QuoteContext) -> CueMatch | None:
    """“…?” ¶ said Durbeyfield. -> Durbeyfield (the sentence after is the reporting clause)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    doc, frame = ctx.doc, ctx.frame
    last_sent = frame.sentences[-1]
    if last_sent + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[last_sent + 1]
    words = _unquoted_words(doc, nxt.first_word, nxt.end_word)
    if nxt.start >= ctx.paragraph[1] or not words or \
            doc.words[words[0]].start < (frame.close_mark or frame.end):
        return None
    content = doc.text[frame.start:frame.end].rstrip()
    # "“…?” said Durbeyfield." / "“…!” Mrs. Lennox gasped." / "“…,” \n she said":
    # the sentence after the quote is its reporting clause when it opens with the
    # verb, when the quote ended in a comma, or when it is a short clause
    first_is_verb = is_reporting_verb(doc, words[0])
    short = len(words) <= 8 and not any(doc.words[i].text in lexicon.QUOTE_MARKS
                                         for i in range(nxt.first_word, nxt.end_word))
    if not (first_is_verb or content.endswith(",") or short):
        return None
    match = _sentence_cue(doc, frame, words[:8], None, True, ctx.switches)
    if match is not None and match.kind == "verb" and not is_negated(doc, match.words[0]):
        # "“It is not over.” The mayor did not respond.": the mayor said nothing
        return _neighbour(match, RuleId.NEXT_SENTENCE.label)
    return None


def _signature_cue(ctx: QuoteContext) -> CueMatch | None:
    """“Peace is a dream.” Shimon Peres image: … -> Shimon Peres (a name signing the quote)."""
    assert ctx.doc is not None and ctx.frame is not None  # run only with a parse
    return _signature(ctx.doc, ctx.frame, ctx.paragraph)


#: A cue in the sentence next to the quote: ordered, first hit wins.
NEIGHBOUR_RULES: tuple[Rule, ...] = (
    Rule(RuleId.BEFORE_QUOTE, _before_quote),
    Rule(RuleId.PREVIOUS_SENTENCE, _previous_sentence),
    Rule(RuleId.NEXT_SENTENCE, _next_sentence),
    Rule(RuleId.SIGNATURE, _signature_cue),
)

#: Branches of the neighbour rules with ids of their own.
NEIGHBOUR_BRANCHES: tuple[Rule, ...] = (Rule(RuleId.CUE_VERB_NEIGHBOUR, _sentence_cue),)


def find_neighbour_cue(ctx: QuoteContext) -> tuple[CueMatch | None, list[Finding]]:
    """A cue in the sentence next to the quote, for parsers that split the quote off."""
    if ctx.frame is None or not ctx.frame.sentences:
        return None, []
    for rule in NEIGHBOUR_RULES:
        if ctx.switches.on(rule.id):
            match = rule.fn(ctx)
            if match is not None:
                return match, [Finding(rule.id, match, match.strength, match.words)]
    return None, []
