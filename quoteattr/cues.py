"""Where a quote's source sits: reporting verbs, "according to", colons, dashes.

Given a parse and one quote, :func:`find_cue` looks at the quote's *frame* -- the words of the
sentences it sits in that are outside it (and outside any other quote) -- and returns the best
:class:`CueMatch`: the cue words and the head word of the speaker's noun phrase.

The rules, in the order they are tried for every candidate cue:

1. A reporting verb (lexicon.REPORTING_VERBS) in the frame is a candidate. It is linked to the
   quote when it governs the quote (UD: the quote is ccomp/parataxis/obj/xcomp... below it),
   or when the parser hung the verb under the quote instead ("“…,” she said" parsed as conj or
   parataxis of the quote's root -- early models did this), or simply by being next to it.
   Linked and near beats far; the nearest governing verb wins (so "described it as “A,”
   asserting it is “B”" gives A to *described* and B to *asserting*).
2. The speaker of a verb is its subject; failing that, for a participle or infinitive
   ("stating", "asserting", "as saying"), the subject of the verb it hangs from; for a
   relative clause ("X, who said"), the noun it modifies; for an inverted verb ("said John
   Brown", which parsers label nsubj, obj or dep), the noun right after it; and last, the
   nearest noun phrase next to the verb. No rule depends on a single ``nsubj`` edge.
3. "according to X": X, whether parsed as case/fixed (UD) or as VERB + xcomp.
4. A colon right before the quote: the subject of the clause before it ("The minister was
   blunt: “…”"), or that clause itself when it is a noun phrase ("Smith's message: “…”").
5. A dash right after the quote: the noun phrase after it ("“…” — Jane Smith, mayor").
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs
import regex

from quoteattr import lexicon
from quoteattr.parse import ParsedDoc
from quoteattr.speakers import mention_words, plausible_speaker

__all__ = ["CueMatch", "Frame", "build_frame", "find_cue", "np_head", "subject_of"]

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: never the subject after an inverted verb: "asked him, “…”" names the listener
_NOT_INVERTED_SUBJECTS = frozenset({"it", "this", "that", "them", "him", "me", "us", "her",
                                    "whom"})
_SUBJECTS = ("nsubj", "nsubj:pass", "nsubj:outer", "nsubj:xsubj", "csubj")
_RELATIVE = frozenset({"who", "that", "which", "whom", "whose"})
#: where a search back from the reporting verb for its noun phrase stops
_PHRASE_STOPS = frozenset({"“", "”", '"', ".", ";"})
# deprels by which a quote hangs below its reporting verb
_CLAUSAL = frozenset({"ccomp", "parataxis", "obj", "xcomp", "advcl", "obl", "dep", "conj",
                      "nsubj", "csubj", "iobj", "appos", "discourse", "list", "root"})
_MAX_HOPS = 8


@attrs.frozen(kw_only=True)
class Frame:
    """The words around one quote.

    Attributes:
        quote: words inside the quote's content.
        words: words of the quote's sentences outside this quote and outside other quotes
            (for a nested quote: only words inside its parent quote).
        sentences: indices of the sentences the quote overlaps.
        heads: quote words whose head lies outside the quote (the quote's attachment points).
    """

    quote: frozenset[int]
    words: tuple[int, ...]
    sentences: tuple[int, ...]
    heads: tuple[int, ...]
    open_mark: int
    close_mark: int | None
    start: int
    end: int


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


def build_frame(doc: ParsedDoc, start: int, end: int, open_mark: int, close_mark: int | None,
                excluded: Sequence[tuple[int, int]], parent: tuple[int, int] | None = None
                ) -> Frame:
    """The frame of the quote whose content is ``[start, end)``.

    ``excluded``: content spans of the other quotes at the same depth; ``parent``: the content
    span of the enclosing quote for a nested one.
    """
    quote = frozenset(doc.words_between(start, end))
    last = close_mark + 1 if close_mark is not None else end
    sents = doc.sentences_between(open_mark, last)
    # the other quotes' spans do not overlap: a sorted list and bisection find the one a
    # word may sit in (a linear scan made quote-dense text quadratic)
    ex = sorted(excluded)
    ex_starts = [a for a, _ in ex]

    def in_other_quote(pos: int) -> bool:
        k = bisect.bisect_right(ex_starts, pos) - 1
        return k >= 0 and pos < ex[k][1]

    words = []
    for s in sents:
        for i in range(s.first, s.end):
            w = doc.words[i]
            if start <= w.start < end:
                continue
            if parent is not None and not (parent[0] <= w.start < parent[1]):
                continue
            if ex and in_other_quote(w.start):
                continue
            if w.upos == "PUNCT" and len(w.text) == 1 and w.text in lexicon.QUOTE_MARKS:
                continue
            words.append(i)
    heads = tuple(i for i in sorted(quote) if doc.words[i].head not in quote)
    # punctuation attaches anywhere ("very difficult," hangs its comma on the next verb):
    # it says nothing about what governs the quote
    content_heads = tuple(i for i in heads if doc.words[i].upos != "PUNCT")
    heads = content_heads or heads
    return Frame(quote=quote, words=tuple(words), sentences=tuple(s.index for s in sents),
                 heads=heads, open_mark=open_mark, close_mark=close_mark, start=start, end=end)


def _ancestors(doc: ParsedDoc, word: int) -> list[int]:
    out: list[int] = []
    seen = {word}
    cur = doc.words[word].head
    while cur >= 0 and cur not in seen and len(out) < _MAX_HOPS:
        out.append(cur)
        seen.add(cur)
        cur = doc.words[cur].head
    return out


def is_reporting_verb(doc: ParsedDoc, i: int) -> bool:
    w = doc.words[i]
    lemma = w.lemma.lower()
    if lemma not in lexicon.REPORTING_VERBS:
        return False
    if w.upos not in ("VERB", "AUX") and not (lemma == "say" and w.upos in ("NOUN", "ADJ", "X")):
        return False
    kids = {doc.words[c].text.lower(): doc.words[c].deprel for c in doc.children[i]}
    if lemma == "put":
        return "it" in kids or "things" in kids or "matters" in kids
    if lemma == "point":
        return "out" in kids
    if lemma in ("continue", "begin", "resume", "return") and any(
            doc.words[c].deprel == "xcomp" for c in doc.children[i]):
        return False  # "aid continues to flow": not speech
    return True


def subject_of(doc: ParsedDoc, verb: int, exclude: frozenset[int] = frozenset()) -> int | None:
    """The subject of ``verb`` (not inside ``exclude``), or None."""
    best = None
    for c in doc.children[verb]:
        if c in exclude:
            continue
        rel = doc.words[c].deprel
        if rel in _SUBJECTS or rel.startswith("nsubj"):
            if rel == "csubj":
                continue
            best = c
            break
    return best


def np_head(doc: ParsedDoc, word: int, allowed: frozenset[int] | None = None) -> int:
    """Climb from a word inside a noun phrase to the phrase's head (flat, compound, det...)."""
    cur = word
    for _ in range(6):
        w = doc.words[cur]
        if w.head < 0 or w.deprel not in ("flat", "flat:name", "compound", "det", "amod",
                                          "nummod", "nmod:poss", "fixed", "case", "goeswith"):
            break
        if allowed is not None and w.head not in allowed:
            break
        cur = w.head
    return cur


def np_top(doc: ParsedDoc, word: int, allowed: frozenset[int] | None = None) -> int:
    """Climb from a word to the top of the nominal phrase it sits in, through prepositional
    modifiers and appositions too: "Khaled Al-Maeena, editor at large at the Saudi Gazette,
    said" -> Khaled from Gazette (the nearest word before the verb)."""
    cur = np_head(doc, word, allowed)
    for _ in range(8):
        w = doc.words[cur]
        if w.head < 0:
            break
        up = doc.words[w.head]
        # an adjective inside the phrase takes an oblique: "editor at large at the Gazette",
        # "the official responsible for the program"
        if w.deprel not in _NP_INTERNAL and not (w.deprel == "obl" and up.upos == "ADJ"):
            break
        if up.upos not in ("NOUN", "PROPN", "ADJ") or (allowed is not None and w.head not in allowed):
            break
        cur = np_head(doc, w.head, allowed)
    return cur


_NP_INTERNAL = frozenset({"nmod", "nmod:poss", "nmod:desc", "appos", "flat", "flat:name",
                          "compound", "amod", "det", "case", "nummod"})


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
    chains = [_ancestors(doc, h) for h in frame.heads]
    hops = _hops_up_to(chains, verb)
    if hops is not None:
        return "governs", hops
    for hops, a in enumerate(_ancestors(doc, verb), 1):
        if a in frame.quote:
            if doc.words[verb].deprel in ("parataxis", "conj", "ccomp", "advcl", "dep",
                                          "acl:relcl", "xcomp", "appos", "list", "discourse"):
                return "under-quote", hops
            break
    return _infinitive_link(doc, verb, chains) or (None, 99)


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


def _verb_speaker(doc: ParsedDoc, frame: Frame, verb: int, quote_before: bool
                  ) -> tuple[int | None, tuple[str, ...]]:
    """The speaker head word of a reporting verb, and the rule that found it."""
    blocked = frame.quote
    allowed = frozenset(frame.words)
    subj = subject_of(doc, verb, blocked)
    if subj is not None and subj in allowed and quote_before and subj > verb:
        # "“…?” asked Miss Pinkerton herself, that majestic lady" parsed with the name as
        # object and the apposition after the comma as subject: the name right after the
        # inverted verb speaks
        name = next((c for c in doc.children[verb] if verb < c < subj and c in allowed and
                     doc.words[c].deprel in ("obj", "iobj") and doc.words[c].upos == "PROPN"
                     and any(doc.words[k].text == "," for k in range(c + 1, subj))), None)
        if name is not None:
            return name, ("inverted",)
    if subj is not None and subj in allowed:
        w = doc.words[subj]
        if w.text.lower() in _RELATIVE and doc.words[verb].deprel.startswith("acl"):
            head = doc.words[verb].head
            # "in a remote period of American history, … a wight who sojourned, or, as he
            # expressed it, “tarried”" with the clause hung on "period": no speaker from it
            if head >= 0 and head not in blocked:
                if not plausible_speaker(doc, head):
                    return None, ("relative-clause", "implausible-speaker")
                return head, ("relative-clause",)
        if w.deprel == "nsubj:pass" and doc.words[verb].lemma.lower() != "quote":
            agent = _agent(doc, verb)
            if agent is not None:
                return agent, ("passive-agent",)
            if w.upos == "PRON" and w.text.lower() in ("it", "this", "that"):
                return None, ("passive-no-agent",)
        author = _author(doc, subj, blocked)
        if author is not None:
            return author, ("subject", "author-of-document")
        return subj, ("subject",)
    rel = doc.words[verb].deprel
    if rel.startswith("acl") and doc.words[verb].head >= 0:
        head = doc.words[verb].head
        # "a spokesman saying ..." names the speaker; "reiterated this caution, stating ..."
        # (a parser's attachment of the participle to the object) does not: go on to the
        # subject of the verb above the noun
        if head not in blocked and doc.words[head].upos in _NOMINAL and \
                plausible_speaker(doc, head):
            return head, ("modified-noun",)
    # "Mary heard her say": an infinitive's speaker is the object of the verb above it
    if rel == "xcomp" and doc.words[verb].head >= 0:
        up = doc.words[verb].head
        objs = [c for c in doc.children[up] if doc.words[c].deprel in ("obj", "iobj")
                and c not in blocked and c in allowed and c < verb]
        if objs:
            return objs[0], ("object-of-governing-verb",)
    # participles and infinitives: "stating, ...", "as saying", "went on to say"; through
    # the noun a participle hangs from ("reiterated this caution, stating")
    cur = verb
    participle = _participle(doc, verb)
    for _ in range(4):
        w_cur = doc.words[cur]
        if w_cur.deprel not in ("advcl", "xcomp", "conj", "ccomp", "acl", "parataxis",
                                "advcl:relcl", "csubj", "dep") and not (
                cur != verb and w_cur.upos in _NOMINAL and w_cur.deprel in ("obj", "obl",
                                                                            "nmod")):
            break
        up = w_cur.head
        if up >= 0 and up in blocked and participle:
            # a parser hung the subjectless participle under the quote ("…, stating, “We
            # are working …”" as advcl of "working"): the speaker is the subject of the
            # clause the quote belongs to, outside it
            up = next((a for a in _ancestors(doc, up) if a not in blocked), -1)
            participle = False
        if up < 0 or up in blocked:
            break
        if cur == verb and w_cur.deprel == "conj" and doc.words[up].deprel == "ccomp" and \
                doc.words[up].head >= 0 and doc.words[up].head not in blocked and \
                is_reporting_verb(doc, doc.words[up].head):
            # "Cooper said her party has backed it, and said it was “damning”" with the second
            # "said" conjoined inside the reported clause: a second report by the same speaker
            up = doc.words[up].head
        subj = subject_of(doc, up, blocked)
        if subj is not None and subj in allowed and not plausible_speaker(doc, subj) and \
                doc.words[up].head >= 0 and doc.words[up].head not in blocked:
            # "Rutte emphasized that aid continues to flow, stating, …": aid states nothing;
            # the participle belongs to a clause further up
            cur = up
            continue
        if subj is not None and subj in allowed:
            if doc.words[up].lemma.lower() == "quote" or doc.words[subj].deprel != "nsubj:pass" \
                    or doc.words[up].upos != "VERB":
                return subj, ("subject-of-governing-verb",)
            agent = _agent(doc, up)
            if agent is not None:
                return agent, ("passive-agent",)
            return subj, ("subject-of-governing-verb",)
        cur = up
    # inverted "said John Brown", whatever label the parser gave it; never after a verb
    # whose object is the addressee ("Heald told The Huffington Post, “…”")
    after = [j for j in frame.words if doc.words[j].start > doc.words[verb].start]
    if after and doc.words[verb].lemma.lower() not in lexicon.ADDRESSEE_VERBS:
        nxt = after[0]
        wn = doc.words[nxt]
        if wn.upos in _NOMINAL or wn.upos == "DET" or wn.upos == "ADJ":
            head = np_head(doc, nxt, allowed)
            # inverted order comes after the quote ("“…,” said Belcour") or, for the second
            # half of an interrupted quote, between the verb and the quote ("said Belcour, “…”")
            between = doc.words[head].start < frame.start
            # an adjective with a determiner is a noun phrase a tagger misread ("said another
            # private loudly", "said the old man" with "old" as head)
            nominal = doc.words[head].upos in _NOMINAL or (
                doc.words[head].upos == "ADJ" and doc.words[head].head == verb and
                any(doc.words[c].deprel == "det" for c in doc.children[head]))
            if nominal and head in allowed and (
                    quote_before or between or doc.words[head].deprel.startswith("nsubj")) and \
                    doc.words[head].text.lower() not in _NOT_INVERTED_SUBJECTS:
                return head, ("inverted",)
    before = [j for j in frame.words if doc.words[j].start < doc.words[verb].start]
    # a subject the parser hung on the quote's own verb ("all of our friends would say,
    # “Hey, you'd get along”" with "all" as subject of "get"; "Katharine, as she shook hands
    # with him, asked him, “Now, do you think …”" with "Katharine" as its vocative)
    for j in reversed(before[-15:]):
        wj = doc.words[j]
        if wj.deprel.startswith(("nsubj", "vocative", "dislocated")) and \
                wj.head in frame.quote and (wj.upos in _NOMINAL or wj.upos == "DET"):
            return j, ("subject-hung-on-quote",)
        if wj.text in _PHRASE_STOPS:
            break
    # nearest noun phrase before the verb ("Smith, 45, said" with a broken parse)
    for j in reversed(before[-6:]):
        wj = doc.words[j]
        if wj.upos in ("PROPN", "NOUN", "PRON") and wj.text.lower() not in _RELATIVE:
            top = np_top(doc, j, allowed)
            if top != j and not plausible_speaker(doc, top):
                # "Discussing his concern in a public statement, Malaysia's Prime Minister,
                # Najib Razak, said" hung from "statement": keep the phrase that can speak
                top = np_head(doc, j, allowed)
            return top, ("nearest-before",)
        if wj.upos in ("VERB",) or wj.text in _PHRASE_STOPS:
            break
    return None, ("no-subject",)


def _participle(doc: ParsedDoc, verb: int) -> bool:
    """A non-finite -ing or -ed form ("stating", "adding", "quoted")."""
    w = doc.words[verb]
    feats = w.feats or ""
    if "VerbForm=Ger" in feats or "VerbForm=Part" in feats:
        return True
    return w.xpos in ("VBG", "VBN") or (w.upos == "VERB" and w.text.lower().endswith("ing"))


def _author(doc: ParsedDoc, noun: int, blocked: frozenset[int]) -> int | None:
    """For a document as subject ("PC World's analysis concluded", "a letter from the
    ministry said"), the person or organization it speaks for, if the text names one."""
    w = doc.words[noun]
    if w.upos != "NOUN" or w.lemma.lower() not in lexicon.REPORTING_NOUNS:
        return None
    for c in doc.children[noun]:
        if c in blocked:
            continue
        rel = doc.words[c].deprel
        if rel == "nmod:poss" and doc.words[c].upos in ("PROPN", "NOUN"):
            return c
        if rel.startswith("nmod") and any(
                doc.words[g].text.lower() in ("from", "by", "of") and doc.words[g].deprel == "case"
                for g in doc.children[c]) and doc.words[c].upos in ("PROPN",):
            return c
    return None


def _agent(doc: ParsedDoc, verb: int) -> int | None:
    for c in doc.children[verb]:
        if doc.words[c].deprel in ("obl:agent",):
            return c
        if doc.words[c].deprel == "obl" and any(
                doc.words[g].text.lower() == "by" for g in doc.children[c]):
            return c
    return None


def _according(doc: ParsedDoc, frame: Frame) -> CueMatch | None:
    """"according to X" and "in the words of X": X is the source."""
    allowed = frozenset(frame.words)
    words = frame.words
    for pos, i in enumerate(words):
        low = doc.words[i].text.lower()
        if low == "according" and pos + 1 < len(words) and \
                doc.words[words[pos + 1]].text.lower() == "to":
            cue, rest, rule = (i, words[pos + 1]), pos + 2, "according-to"
            head = doc.words[i].head
            if doc.words[i].deprel in ("case", "mark") and head in allowed and \
                    doc.words[head].upos in _NOMINAL:
                return CueMatch(kind="according", words=cue, speaker=head, rules=(rule,),
                                strength=0.9, linked=True)
        elif low == "attributed" and pos + 1 < len(words) and \
                doc.words[words[pos + 1]].text.lower() == "to":
            # "a wonderful quote attributed to Einstein — “…”"
            cue, rest, rule = (i, words[pos + 1]), pos + 2, "attributed-to"
        elif low == "words" and pos + 1 < len(words) and \
                doc.words[words[pos + 1]].text.lower() == "of" and pos >= 1 and \
                doc.words[words[pos - 1]].text.lower() in ("the", "his", "her", "their"):
            cue, rest, rule = (i, words[pos + 1]), pos + 2, "in-the-words-of"
        else:
            continue
        speaker = None
        for j in words[rest : rest + 6]:
            if doc.words[j].upos in _NOMINAL:
                speaker = np_head(doc, j, allowed)
                break
        if rule == "attributed-to" and not _next_to_quote(doc, frame, i, speaker):
            continue
        return CueMatch(kind="according", words=cue, speaker=speaker, rules=(rule,),
                        strength=0.9, linked=True)
    return None


_PUNCT_GAP = regex.compile(r"[\s,:;—–-]*")


def _punct_gap(text: str, a: int, b: int) -> str | None:
    """``text[a:b]`` when ``a <= b`` and it holds only spaces and punctuation, else None."""
    if a > b:
        return None
    gap = text[a:b]
    return gap if _PUNCT_GAP.fullmatch(gap) else None


def _next_to_quote(doc: ParsedDoc, frame: Frame, cue: int, speaker: int | None) -> bool:
    """Does "attributed to X" touch the quote, with only punctuation between ("… attributed
    to Einstein — “…”", "“…,” attributed to Einstein")?"""
    if speaker is None:
        return False
    end = mention_words(doc, speaker)[1] - 1
    if _punct_gap(doc.text, doc.words[end].end, frame.open_mark) is not None:
        return True
    close = frame.close_mark
    return close is not None and \
        _punct_gap(doc.text, close + 1, doc.words[cue].start) is not None


def _colon(doc: ParsedDoc, frame: Frame) -> CueMatch | None:
    before = [j for j in frame.words if doc.words[j].end <= frame.open_mark]
    if not before or doc.words[before[-1]].text != ":":
        return None
    colon = before[-1]
    if doc.text[doc.words[colon].end : frame.open_mark].strip():
        return None
    clause = [j for j in before[:-1] if doc.words[j].sent_index == doc.words[colon].sent_index]
    return _clause_speaker(doc, frame, clause, colon, "colon")


def _clause_speaker(doc: ParsedDoc, frame: Frame, clause: list[int], cue: int, kind: str
                    ) -> CueMatch | None:
    if not clause:
        return None
    inside = frozenset(clause)
    roots = [j for j in clause if doc.words[j].head not in inside]
    verbs = [j for j in clause if is_reporting_verb(doc, j)]
    if verbs:
        # "Sunak defended the record whilst promising an update: “…”": the clause's
        # reporting verb names the speaker even when the parse does not link it to the quote
        sub = attrs.evolve(frame, words=tuple(clause))
        speaker, rules = _verb_speaker(doc, sub, verbs[-1], quote_before=False)
        if speaker is None:
            return None
        return CueMatch(kind=kind, words=(verbs[-1],), speaker=speaker,
                        rules=(f"{kind}-verb",) + rules, strength=0.75, linked=True)
    for r in roots:
        w = doc.words[r]
        subj = subject_of(doc, r, frame.quote)
        if subj is not None and subj in inside:
            return CueMatch(kind=kind, words=(cue,), speaker=subj, rules=(f"{kind}-subject",),
                            strength=0.75, linked=True)
        if w.upos in _NOMINAL:
            speaker = r
            poss = [c for c in doc.children[r] if doc.words[c].deprel in ("nmod:poss", "nmod")]
            if w.lemma.lower() in lexicon.REPORTING_NOUNS and poss:
                speaker = poss[0]
            return CueMatch(kind=kind, words=(cue,), speaker=speaker, rules=(f"{kind}-np",),
                            strength=0.7, linked=True)
    return None


def _dash(doc: ParsedDoc, frame: Frame) -> CueMatch | None:
    if frame.close_mark is None:
        return None
    after = [j for j in frame.words if doc.words[j].start > frame.close_mark]
    if not after and frame.sentences and frame.sentences[-1] + 1 < len(doc.sentences):
        # the tokenizer may have made "— Matthew Ingram" a sentence of its own
        nxt = doc.sentences[frame.sentences[-1] + 1]
        after = list(range(nxt.first, min(nxt.end, nxt.first + 6)))
        frame = attrs.evolve(frame, words=frame.words + tuple(after))
    if not after:
        return None
    first = doc.words[after[0]]
    gap = doc.text[frame.close_mark + 1 : first.start]
    if first.text in lexicon.DASHES and not gap.strip():
        allowed = frozenset(frame.words)
        for j in after[1:4]:
            if doc.words[j].upos in ("PROPN", "NOUN", "PRON"):
                return CueMatch(kind="dash", words=(after[0],), speaker=np_head(doc, j, allowed),
                                rules=("dash-attribution",), strength=0.8, linked=True)
    return None


def find_cue(doc: ParsedDoc, frame: Frame) -> CueMatch | None:
    """The best cue for a quote, or None when its frame has none."""
    candidates: list[tuple[float, CueMatch]] = []
    own = frozenset(frame.words) | frame.quote
    for i in frame.words:
        if not is_reporting_verb(doc, i):
            continue
        link, hops = _link(doc, frame, i)
        if link is None and _introduces(doc, frame, i):
            link, hops = "introduces", 1
        dist = _distance(doc, frame, i)
        if link is None and dist > 4:
            continue
        quote_before = doc.words[i].start > frame.start
        speaker, rules = _verb_speaker(doc, frame, i, quote_before)
        lenient = doc.words[i].lemma.lower() in lexicon.SPEECH_ONLY_VERBS
        if speaker is not None and not plausible_speaker(doc, speaker, lenient):
            speaker, rules = None, rules + ("implausible-speaker",)
        score = 1.0 / (1 + dist)
        if link == "governs":
            score += 3.0 + 1.0 / hops
            if doc.words[i].lemma.lower() in lexicon.AS_VERBS and _as_before(doc, frame, i):
                score += 1.0  # "described X as a “strong signal,” he clarified ..."
        elif link == "under-quote":
            score += 2.0 + 1.0 / hops
        score += 0.5 if speaker is not None else -1.5
        if quote_before and _beyond_another_quote(doc, frame, own, i):
            # "“…, I” -- “I have the weed,” I replied": the quote in between is the verb's
            score -= 2.0
            rules = rules + ("beyond-another-quote",)
        words: tuple[int, ...] = (i,)
        if doc.words[i].lemma.lower() == "put":
            words += tuple(c for c in doc.children[i] if doc.words[c].text.lower() == "it")
        strength = 0.95 if link else 0.75
        if speaker is None:
            strength -= 0.3
        rules = (f"cue-verb:{link or 'adjacent'}",) + rules
        candidates.append((score, CueMatch(kind="verb", words=tuple(sorted(words)),
                                           speaker=speaker, rules=rules, strength=strength,
                                           linked=link is not None)))
    according = _according(doc, frame)
    if according is not None:
        candidates.append((3.6, according))
    colon = _colon(doc, frame)
    if colon is not None:
        candidates.append((2.5, colon))
    dash = _dash(doc, frame)
    if dash is not None:
        candidates.append((3.2, dash))
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    best = candidates[0][1]
    if best.kind == "verb" and best.linked:
        better = _closer_sister_verb(doc, frame, best, [c[1] for c in candidates[1:]])
        if better is not None:
            return better
    return best


def _beyond_another_quote(doc: ParsedDoc, frame: Frame, own: frozenset[int], verb: int) -> bool:
    """Does another quote stand between the quote and ``verb`` after it? ``own``: the
    frame's words and the quote's (the words of other quotes are in neither)."""
    return any(j not in own and doc.words[j].text[:1].isalnum()
               for j in doc.words_between(frame.end, doc.words[verb].start))


def _introduces(doc: ParsedDoc, frame: Frame, verb: int) -> bool:
    """Does the verb open the quote, with only a comma or colon between ("I thought, ‘OK,
    I'll go’" with the parser hanging the quote elsewhere)?"""
    gap = _punct_gap(doc.text, doc.words[verb].end, frame.open_mark)
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
    """Parsers often hang a quote on the main verb when it belongs to a participle in
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
        path = [h] + _ancestors(doc, h)
        if verb in path[1:]:
            hangs_on.add(doc.words[path[path.index(verb) - 1]].deprel)
    # the quote's own attachment: loosely hung under the reported clause ("emphasized that aid
    # continues to flow into Ukraine, stating, “We are …”" with the quote as parataxis of
    # "continues") only a participle right before the quote may take it
    own = {doc.words[h].deprel for h in frame.heads if verb in _ancestors(doc, h)}
    if not hangs_on or not (hangs_on <= _LOOSE_RELATIONS or (own and own <= _LOOSE_RELATIONS)):
        return None
    right_before_only = not hangs_on <= _LOOSE_RELATIONS
    for other in others:
        if other.kind != "verb" or other.speaker is None:
            continue
        v2 = other.words[0]
        if not doc.words[verb].start < doc.words[v2].start < frame.start:
            continue
        # a direct dependent of the chosen verb, or one deeper down that introduces the quote
        # right away ("…, stating, “We are working…”")
        right_before = verb in _ancestors(doc, v2) and \
            _punct_gap(doc.text, doc.words[v2].end, frame.open_mark) is not None
        if not right_before and (right_before_only or doc.words[v2].head != verb):
            continue
        if any(doc.words[c].deprel in ("ccomp", "obj", "xcomp") for c in doc.children[v2]):
            continue
        return attrs.evolve(other, linked=True, strength=best.strength,
                            rules=other.rules + ("sister-verb-closer-to-quote",))
    return None


def find_neighbour_cue(doc: ParsedDoc, frame: Frame, paragraph: tuple[int, int]) -> CueMatch | None:
    """A cue in the sentence next to the quote, for parsers that split the quote off:

    * the sentence before ends in a colon ("Obama tweeted: ¶ “Cool clock”", even across a
      paragraph break, as for block quotes) or a comma ("Hill commented, ¶ “...”");
    * the quote ends in a comma and the next sentence opens with the reporting clause;
    * in the quote's own sentence, a reporting verb a few words before ", “" that the parser
      did not link to the quote ("walking with Dinah, and saying to her very earnestly,
      ‘Now, Dinah, …’" with the quote hung on the main verb).
    """
    if not frame.sentences:
        return None
    before = [i for i in frame.words if doc.words[i].end <= frame.open_mark and
              doc.words[i].sent_index == frame.sentences[0]]
    if len(before) > 1 and doc.words[before[-1]].text in (",", ":"):
        match = _sentence_cue(doc, frame, before[:-1], before[-1], quote_before=False)
        if match is not None and match.kind == "verb" and \
                match.words[0] >= before[max(0, len(before) - 8)]:
            return attrs.evolve(match, kind="neighbour",
                                rules=("before-quote",) + match.rules)
    first = frame.sentences[0]
    if first > 0:
        prev = doc.sentences[first - 1]
        words = [i for i in range(prev.first, prev.end)
                 if not (doc.words[i].upos == "PUNCT" and doc.words[i].text in lexicon.QUOTE_MARKS)]
        if words:
            last = words[-1]
            end_char = doc.words[last].text
            # "X said:" / "X stated," / "he was quoted ...;" may end the paragraph before
            if end_char in (":", ",", ";"):
                match = _sentence_cue(doc, frame, words[:-1], last, quote_before=False)
                if match is not None:
                    return attrs.evolve(match, kind="neighbour",
                                        rules=("previous-sentence",) + match.rules)
    last_sent = frame.sentences[-1]
    if last_sent + 1 < len(doc.sentences):
        nxt = doc.sentences[last_sent + 1]
        words = [i for i in range(nxt.first, nxt.end)
                 if not (doc.words[i].upos == "PUNCT" and doc.words[i].text in lexicon.QUOTE_MARKS)]
        if nxt.start < paragraph[1] and words and doc.words[words[0]].start >= (
                frame.close_mark or frame.end):
            content = doc.text[frame.start:frame.end].rstrip()
            # "“…?” said Durbeyfield." / "“…!” Mrs. Lennox gasped." / "“…,” \n she said":
            # the sentence after the quote is its reporting clause when it opens with the
            # verb, when the quote ended in a comma, or when it is a short clause
            first_is_verb = is_reporting_verb(doc, words[0])
            short = len(words) <= 8 and not any(doc.words[i].text in lexicon.QUOTE_MARKS
                                                 for i in range(nxt.first, nxt.end))
            if first_is_verb or content.endswith(",") or short:
                match = _sentence_cue(doc, frame, words[:8], None, quote_before=True)
                if match is not None and match.kind == "verb":
                    return attrs.evolve(match, kind="neighbour",
                                        rules=("next-sentence",) + match.rules)
    return _signature(doc, frame, paragraph)


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
    if any(doc.words[j].upos in ("VERB", "AUX") for j in fragment) or \
            not any(doc.words[j].upos == "PROPN" for j in fragment):
        return None
    inside = frozenset(fragment)
    head = next((j for j in fragment if doc.words[j].head not in inside), fragment[0])
    if doc.words[head].upos != "PROPN" and not (
            doc.words[head].upos == "NOUN" and plausible_speaker(doc, head)):
        # "Shimon Peres image": the name in the caption (there is one, see above), not the image
        head = next(j for j in fragment if doc.words[j].upos == "PROPN")
        while doc.words[head].deprel in ("flat", "flat:name") and doc.words[head].head in inside:
            head = doc.words[head].head
    return CueMatch(kind="neighbour", words=(fragment[0],), speaker=head,
                    rules=("signature",), strength=0.6, linked=False)


def _sentence_cue(doc: ParsedDoc, frame: Frame, words: list[int], punct: int | None,
                  quote_before: bool) -> CueMatch | None:
    """A reporting verb (or a colon-introduced clause) among ``words`` of a neighbour sentence."""
    sub = attrs.evolve(frame, words=tuple(words))
    verbs = [j for j in words if is_reporting_verb(doc, j)]
    if verbs:
        verb = verbs[-1] if not quote_before else verbs[0]
        speaker, rules = _verb_speaker(doc, sub, verb, quote_before)
        if speaker is not None:
            return CueMatch(kind="verb", words=(verb,), speaker=speaker,
                            rules=("cue-verb:neighbour",) + rules, strength=0.8, linked=True)
        return None
    if punct is not None and doc.words[punct].text == ":":
        return _clause_speaker(doc, sub, words, punct, "colon")
    return None
