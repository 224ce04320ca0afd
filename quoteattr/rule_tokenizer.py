"""A rule tokenizer and sentence splitter for English, in the conventions of UD English (EWT,
GUM) that the bundled tagger and parser were trained on, as a fast stand-in for Stanza's
neural tokenizer and MWT expander.

Stanza's tokenizer runs two character bi-LSTMs over every character and then decodes their
labels in Python: about a fifth of quoteattr's parse of news. Edited English (news, published
fiction) is regular enough for rules: tokens are whitespace-separated chunks with their
punctuation peeled off and their word-internal hyphens cut ("third - party", but
"non-stop"); contractions and possessives are multi-word tokens expanded as UD English writes
them (``don't`` -> ``do`` ``n't``, ``Bush's`` -> ``Bush`` ``'s``); a sentence ends after
``.``, ``!``, ``?`` or an ellipsis (with the quotation marks and brackets that close on it)
when what follows starts as a sentence does, except after a title or an initial ("Mr.",
"J."), and a blank line always ends one. A bare period ends one before a lower-case word too
(web text: "i will call. what is it?"), "!" and "?" do not: in fiction the words after them
go on ("—Back to barracks! he said sternly.").

`tokenize` returns what Stanza's tokenizer and MWT expander hand on (sentences of token and
word dicts with ids, text and character offsets), so `stanza.Document(sentences, text)` takes
it and the rest of the pipeline (pos, lemma, depparse, ner) runs as after Stanza's own.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["tokenize", "split_tokens", "mwt_parts", "ABBREVIATIONS", "HYPHEN_PREFIXES"]

#: Words whose trailing period is part of them (lowercased, without the period). A title
#: ("Mr.") never ends a sentence; the others end one only before a sentence start.
TITLES = frozenset("""mr mrs ms messrs mme mlle dr prof rev fr sr jr st mt gen gov sen rep
lt col capt cpt sgt maj adm cmdr hon pres supt insp det cpl pvt gens reps sens ft""".split())
ABBREVIATIONS = TITLES | frozenset("""inc ltd co corp bros dept univ assn ave blvd rd esq
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
vs etc al approx est fig no nos vol vols pp ed eds esp cf ca viz
ala ariz calif colo conn fla kan kans ky mich minn mont neb nev okla tenn tex vt wis wyo""".split())
#: An abbreviation only before a number ("No. 5", "pp. 3-4"); a plain word elsewhere.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "pp", "fig", "vol", "vols"})
#: Abbreviations that are also English words ("he sat.", "the answer is no."): in lower case
#: their period is the sentence's unless a number follows ("no. 5", "ca. 1900").
_WORD_ABBREVIATIONS = frozenset({"no", "nos", "fig", "sat", "sun", "wed", "mar"})

_OPENERS = "\"“‘'([{«‹"
_CLOSERS = "\"”’')]}»›"
_DASHES = re.compile(r"(--+|[—―]|(?<!\d)–|–(?!\d))")
_ELLIPSIS = re.compile(r"(\.\.\.+|…)")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.I)
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Za-z]\.$")
#: A dotted degree or abbreviation of short parts ("Ph.D.", "M.Sc.").
_DOTTED = re.compile(r"^[A-Za-z]{1,2}\.(?:[A-Za-z]{1,3}\.)+$")
_CONTRACTION = re.compile(r"^(.*[A-Za-z])(n['’]t|['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M))$")
_WHOLE_MWT = frozenset({"cannot", "gonna", "wanna", "gotta"})
#: A word-internal hyphen is a token of its own in UD English ("third - party", "STS - 135"),
#: except after these prefixes ("non-stop", "re-elected", "e-mail") and before "-wise".
HYPHEN_PREFIXES = frozenset("""non re co anti pre mid pro cross post semi pan over sub multi
mini ex counter socio psycho neo inter intra micro proto super un arch e vice ultra""".split())
_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W_])")
_PHONE = re.compile(r"^\(?\d{3}\)?-?\d{3}-\d{4}$|^\d{3}-\d{4}$|^\d+(?:-\d+){2,}$")
_NUMBER = re.compile(r"^[+-]?\d[\d,.:]*$")
#: Where a chunk is cut inside: quotation marks and brackets (not "(s)"), a comma not between
#: digits, a semicolon, "!" or "?" between letters ("Yes!No").
_INNER_SPLIT = re.compile(r"""([“”"\[\]{}«»]|\((?!s\))|(?<!\(s)\)|(?<!\d),|,(?!\d)|;"""
                          r"""|(?<=[A-Za-z])[!?](?=[A-Za-z]))""")
_TERMINALS = frozenset({".", "!", "?", "…", "!!", "??", "?!", "!?"})
#: What a sentence after an abbreviation's period ("in the U.S. The …") starts with.
_SENTENCE_STARTERS = frozenset("""the a an he she it they we i you this that these those
there but and so yet in on at for if when while after before as his her its their our my
some many most one two no not mr mrs ms dr""".split())
_CHUNK = re.compile(r"\S+")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def tokenize(text: str) -> list[list[dict[str, Any]]]:
    """Sentences of token dicts (``id``, ``text``, ``start_char``, ``end_char``, multi-word tokens expanded as
    UD English writes them: see `mwt_parts`), with offsets into ``text``. A
    blank line always ends a sentence."""
    sentences: list[list[dict[str, Any]]] = []
    pos = 0
    for match in _PARAGRAPH.finditer(text + "\n\n"):
        sentences.extend(_paragraph(text, pos, match.start()))
        pos = match.end()
    return sentences


def _paragraph(text: str, start: int, end: int) -> list[list[dict[str, Any]]]:
    tokens: list[tuple[int, int]] = []
    for chunk in _CHUNK.finditer(text, start, end):
        word = chunk.group()
        if word.isalnum():  # most chunks: a plain word is one token
            tokens.append(chunk.span())
        else:
            tokens.extend(split_tokens(word, chunk.start()))
    tokens = _word_periods(text, _join_possessives(text, tokens))
    out: list[list[dict[str, Any]]] = []
    first = 0
    n = len(tokens)
    k = 0
    while k < n:
        k += 1
        if _ends_sentence(text, tokens, k - 1):
            stop = text[tokens[k - 1][0]:tokens[k - 1][1]]
            closed = k
            while k < n and text[tokens[k][0]:tokens[k][1]] in _CLOSERS and \
                    _closes(text, tokens, k):
                k += 1
            nxt = text[tokens[k][0]:tokens[k][1]] if k < n else ""
            # a bare period (abbreviations keep theirs inside the token) ends a sentence
            # before a lower-case word as well; "!" and "?" do not ("“No!” he said.")
            if k >= n or _starts_sentence(nxt) or \
                    (stop == "." and k == closed and nxt[:1].islower()):
                out.append(_entries(text, tokens[first:k]))
                first = k
    if first < n:
        out.append(_entries(text, tokens[first:]))
    return out


def _word_periods(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The period off an abbreviation that is also a word (`_WORD_ABBREVIATIONS`), in lower
    case and not before a number: "the answer is no." ends with "no" ".", "No. 5" keeps it."""
    out: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(tokens):
        core = text[a:b - 1]
        if text[b - 1] == "." and core.lower() in _WORD_ABBREVIATIONS and \
                (core.islower() or core.lower() in ("no", "nos")) and \
                not (k + 1 < len(tokens) and text[tokens[k + 1][0]].isdigit()):
            out.extend([(a, b - 1), (b - 1, b)])
        else:
            out.append((a, b))
    return out


def _entries(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """One sentence's token dicts, a multi-word token as its range entry followed by its
    words (each with its own offsets: an expansion here only cuts the surface)."""
    out: list[dict[str, Any]] = []
    n_words = 0
    for a, b in spans:
        word = text[a:b]
        parts = mwt_parts(word)
        if parts is None:
            n_words += 1
            out.append({"id": (n_words,), "text": word, "start_char": a, "end_char": b})
            continue
        out.append({"id": (n_words + 1, n_words + len(parts)), "text": word, "start_char": a,
                    "end_char": b})
        pos = a
        for part in parts:
            n_words += 1
            out.append({"id": (n_words,), "text": part, "start_char": pos,
                        "end_char": pos + len(part)})
            pos += len(part)
    return out


def split_tokens(chunk: str, offset: int = 0) -> list[tuple[int, int]]:
    """The tokens of one whitespace-free chunk, as (start, end) offsets (plus ``offset``)."""
    if _URL.match(chunk.rstrip(".,;:!?)\"”’'")):
        core = chunk.rstrip(".,;:!?)\"”’'")
        return [(offset, offset + len(core))] + [
            (offset + i, offset + i + 1) for i in range(len(core), len(chunk))]
    out: list[tuple[int, int]] = []
    for piece in _pieces(chunk, _DASHES):
        for sub in _pieces(chunk, _ELLIPSIS, piece):
            for inner in _pieces(chunk, _INNER_SPLIT, sub):
                for part in _peel(chunk, inner):
                    out.extend(_hyphen_pieces(chunk, part))
    return [(offset + a, offset + b) for a, b in out]


def _pieces(chunk: str, pattern: re.Pattern[str],
            span: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """``span`` of ``chunk`` cut at ``pattern``'s matches, each match a piece of its own."""
    a, b = span if span is not None else (0, len(chunk))
    out = []
    pos = a
    for m in pattern.finditer(chunk, a, b):
        if m.start() == m.end():
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        out.append((m.start(), m.end()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    return out


def _peel(chunk: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Opening punctuation and symbols off the front of a piece, closing punctuation off its
    back; what stays is one token."""
    a, b = span
    if _ELLIPSIS.fullmatch(chunk, a, b) or _DASHES.fullmatch(chunk, a, b):
        return [span]
    front: list[tuple[int, int]] = []
    back: list[tuple[int, int]] = []
    while a < b and (chunk[a] in _OPENERS or chunk[a] in "$£€¥#*_<>") and b - a > 1:
        if chunk[a] == "'" and _leading_apostrophe(chunk[a:b]):
            break
        if chunk[a] == "#" and chunk[a + 1:b][:1].isalnum():
            break
        front.append((a, a + 1))
        a += 1
    while b - a > 1:
        last = chunk[b - 1]
        core = chunk[a:b - 1]
        if last == ")" and re.search(r"[A-Za-z]\(s$", core):
            break  # "Governor(s)"
        if last in _CLOSERS or last in ",;:!?%*_<>":
            back.append((b - 1, b))
            b -= 1
        elif last == ".":
            if _keeps_period(core):
                break
            back.append((b - 1, b))
            b -= 1
        else:
            break
    return front + ([(a, b)] if b > a else []) + back[::-1]


def _hyphen_pieces(chunk: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` cut at its word-internal hyphens, each hyphen a token, except after a prefix
    in `HYPHEN_PREFIXES`, before "wise", and inside a phone number."""
    a, b = span
    if "-" not in chunk[a:b] or _PHONE.match(chunk[a:b]):
        return [span]
    out = []
    pos = a
    for m in _HYPHEN.finditer(chunk, a, b):
        before = chunk[pos:m.start()].lower()
        after = re.match(r"[^\W_]+", chunk[m.end():b])
        if before in HYPHEN_PREFIXES or (after and after.group().lower() == "wise"):
            continue
        out.extend([(pos, m.start()), (m.start(), m.end())])
        pos = m.end()
    out.append((pos, b))
    return out


def _leading_apostrophe(piece: str) -> bool:
    """'em, 'tis, '90s: an apostrophe that belongs to the word."""
    return re.match(r"^'(?:em|tis|twas|cause|til|\d0s)\b", piece, re.I) is not None


def _keeps_period(core: str) -> bool:
    """Does a word keep its final period ("Mr.", "U.S.", "J.")?"""
    if not core or _NUMBER.match(core):
        return False
    if core.lower() in ABBREVIATIONS:
        return True
    # an initial ("J.") or acronym ("U.S."), but not the pronoun ending a sentence ("said I.")
    return core != "I" and (_ACRONYM.match(core + ".") is not None or
                            _DOTTED.match(core + ".") is not None)


def _join_possessives(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A plural possessive ("the writers' room") is one token, as UD English writes it (a
    multi-word token): an apostrophe touching a word in -s, before a word (not a closing
    quotation mark before punctuation or a paragraph's end)."""
    out: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(tokens):
        if (out and text[a:b] in ("'", "’") and out[-1][1] == a and
                text[out[-1][0]:a].isalpha() and text[a - 1] in "sS" and
                k + 1 < len(tokens) and text[tokens[k + 1][0]].isalpha() and
                tokens[k + 1][0] > b):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def mwt_parts(word: str) -> list[str] | None:
    """The words of a multi-word token as UD English writes them ("don't" -> "do", "n't";
    "can't" -> "ca", "n't"; "cannot" -> "can", "not"; "Bush's" -> "Bush", "'s"; "writers'"
    -> "writers", "'"; "I'd've" -> "I", "'d", "'ve"), or None for a plain word."""
    if word.isalpha():
        return [word[:3], word[3:]] if word.lower() in _WHOLE_MWT else None
    m = _CONTRACTION.match(word)
    if m is not None:
        return (mwt_parts(m.group(1)) or [m.group(1)]) + [m.group(2)]
    if len(word) > 2 and word[-1] in "'’" and word[-2] in "sS" and word[:-1].isalpha():
        return [word[:-1], word[-1]]
    return None


def _ends_sentence(text: str, tokens: list[tuple[int, int]], k: int) -> bool:
    a, b = tokens[k]
    word = text[a:b]
    following = text[tokens[k + 1][0]:tokens[k + 1][1]] if k + 1 < len(tokens) else ""
    if word in _TERMINALS or _ELLIPSIS.fullmatch(word) or re.fullmatch(r"[!?]{2,}", word):
        if word == "." and k > 0:
            prev = text[tokens[k - 1][0]:tokens[k - 1][1]]
            if prev.lower() in _NUMBER_ABBREVIATIONS and following[:1].isdigit():
                return False
        return True
    if _DASHES.fullmatch(word) and following[:1] in "”’\"'" and following and \
            tokens[k + 1][0] == b:
        return True  # speech broken off: "“Well then; after dinner --” “You’ll all …”"
    if word.endswith(".") and len(word) > 1:
        core = word[:-1]
        if core.lower() in TITLES or _ACRONYM.match(word) and len(word) == 2:
            return False  # "Mr. Smith", "J. K. Rowling"
        return following.lower() in _SENTENCE_STARTERS and following[:1].isupper()
    return False


def _closes(text: str, tokens: list[tuple[int, int]], k: int) -> bool:
    """Is the quotation mark or bracket at ``k`` closing (right after the sentence end,
    with no space), not opening the next sentence?"""
    a, _ = tokens[k]
    mark = text[a]
    if mark in "”’)]}»›":
        return True
    return tokens[k - 1][1] == a  # a straight quote touching the period closes


def _starts_sentence(word: str) -> bool:
    first = word[:1]
    if not first:
        return True
    if first.isalpha():
        return first.isupper()
    return first.isdigit() or first in _OPENERS or first in "—–-*_#@$£€"
