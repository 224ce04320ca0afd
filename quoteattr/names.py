"""Personal names: honorifics, the tokens that identify a person, and a first-name prior.

* `split_name` parts a name as written into its leading honorifics or titles and the
  name proper ("Miss Bartlett" -> ``("Miss",), ("Bartlett",)``).
* `name_key` is the lower-cased name proper, the key names are compared by.
* `first_name_gender` looks a first name up in ``data/first_names.tsv`` (the 1990 US
  Census lists; see ``data/README.md``). It is a *prior for resolution* only (may "he" stand
  for "Julia Stone"?); an entity's reported gender never comes from it.
"""

from __future__ import annotations

import functools
from importlib import resources

import regex

from quoteattr import lexicon

__all__ = ["first_name_gender", "honorific_gender", "name_key", "normalize_full_name",
           "split_name"]

_TOKEN_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")
#: Honorifics that say nothing of marriage or family ("Mr. Smith" after "John Smith" is him).
NEUTRAL_HONORIFICS = frozenset({"mr", "ms", "mx", "mister"})


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


def _is_honorific_or_title(token: str) -> bool:
    low = _bare(token)
    return low in lexicon.HONORIFICS or f"{low}." in lexicon.HONORIFICS or \
        low in lexicon.TITLE_WORDS or low in ("dr", "prof", "rev", "st", "capt", "col", "gen",
                                              "lt", "sgt", "gov", "sen", "rep")


def _is_honorific(token: str) -> bool:
    low = _bare(token)
    return low in lexicon.HONORIFICS or f"{low}." in lexicon.HONORIFICS


def split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the honorifics written before the name, the name proper) of a name as written.

    Honorifics are kept ("Miss Bartlett"); so is a title before a bare surname, which is how
    a story names the person ("Parson Tringham", "Dr. Livesey"); a title before a full name
    is a role, not part of the name ("Prime Minister John Key" -> "John Key"), and words
    before the honorific are left out ("Education Mr. Toccafondi" -> "Mr. Toccafondi").

    >>> split_name("Miss Bartlett")
    (('Miss',), ('Bartlett',))
    >>> split_name("Pennsylvania Senator Rick Santorum")
    ((), ('Rick', 'Santorum'))
    >>> split_name("Parson Tringham")
    (('Parson',), ('Tringham',))
    """
    tokens = [t.rstrip("’'").removesuffix("’s").removesuffix("'s") for t in _TOKEN_RE.findall(name)]
    tokens = [t for t in tokens if t]
    k = 0
    for i in range(len(tokens) - 1):
        if _is_honorific_or_title(tokens[i]):
            k = i + 1
    lead = k
    while lead > 0 and _is_honorific_or_title(tokens[lead - 1]):
        lead -= 1
    before, proper = tokens[lead:k], tuple(tokens[k:])
    if len(proper) >= 2:
        before = [t for t in before if _is_honorific(t)]
    return tuple(before), proper


def name_key(name: str) -> tuple[str, ...]:
    """The lower-cased name proper: what two mentions of one person share.

    >>> name_key("Mr. Beebe") == name_key("Beebe")
    True
    """
    return tuple(t.lower().rstrip(".") for t in split_name(name)[1])


def honorific_gender(honorifics: tuple[str, ...]) -> str | None:
    """"male" or "female" as the honorifics say ("Mrs." female, "Sir" male), else None."""
    for h in honorifics:
        low = _bare(h)
        if low in lexicon.MALE_HONORIFICS or f"{low}." in lexicon.MALE_HONORIFICS:
            return "male"
        if low in lexicon.FEMALE_HONORIFICS or f"{low}." in lexicon.FEMALE_HONORIFICS:
            return "female"
    return None


def normalize_full_name(name: str) -> str:
    """The name a corpus-level merge compares: lower-cased tokens, honorifics dropped where
    at least two name tokens remain ("Mr. Mark Rutte" = "Mark Rutte"), kept otherwise ("Mrs.
    Hilbery" and "Mr. Hilbery" stay apart).

    >>> normalize_full_name("Mr. Mark  Rutte")
    'mark rutte'
    >>> normalize_full_name("Mrs. Hilbery")
    'mrs hilbery'
    """
    honorifics, proper = split_name(name)
    tokens = proper if len(proper) >= 2 else honorifics + proper
    return " ".join(_bare(t) for t in tokens)


@functools.lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    text = resources.files("quoteattr").joinpath("data/first_names.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            out[name] = gender
    return out


def first_name_gender(token: str) -> str | None:
    """The sex the census gives a first name ("male", "female"), None when it is not in the
    list or is common to both.

    >>> first_name_gender("Julia"), first_name_gender("Leslie")
    ('female', None)
    """
    return _first_names().get(token.lower())
