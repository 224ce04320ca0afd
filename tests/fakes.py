"""A parser that needs no model: it returns hand-built parses for known texts (tests only)."""

from __future__ import annotations

from conllu import parsed

from quoteattr.models import ModelSet
from quoteattr.parse import ParsedDoc

SAID = ("“We will win,” Smith said.",
        ["“|PUNCT|4|punct We|PRON|4|nsubj will|AUX|4|aux win|VERB|8|ccomp ,|PUNCT|4|punct "
         "”|PUNCT|4|punct Smith|PROPN|8|nsubj said|VERB|0|root|say .|PUNCT|8|punct"])
TOLD = ("“It is over,” Reed told reporters.",
        ["“|PUNCT|4|punct It|PRON|4|nsubj is|AUX|4|cop|be over|ADJ|8|ccomp ,|PUNCT|4|punct "
         "”|PUNCT|4|punct Reed|PROPN|8|nsubj told|VERB|0|root|tell reporters|NOUN|8|obj|reporter "
         ".|PUNCT|8|punct"])
PLAIN = ("No quotes here at all.", ["No|DET|2|det quotes|NOUN|0|root here|ADV|2|advmod "
                                    "at|ADP|5|case all|DET|3|obl .|PUNCT|2|punct"])
KNOWN = {t: s for t, s in (SAID, TOLD, PLAIN)}


class FakeParser:
    """Implements the parser interface the Attributor uses, from hand-built parses."""

    def __init__(self) -> None:
        self.model_set = ModelSet(source="fake", processors=("tokenize",), description="fake")
        self.calls: list[list[str]] = []
        self.regions: list = []
        self.anchors: list = []

    @property
    def source(self) -> str:
        return "fake"

    def parse_many(self, texts, regions=None, anchors=None) -> list[ParsedDoc]:
        self.calls.append(list(texts))
        self.regions.append(regions)
        self.anchors.append(anchors)
        return [parsed(t, *KNOWN[t]) for t in texts]
