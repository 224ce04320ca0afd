"""Word lists derived from GUM's entity layer (annotations CC BY 4.0), written to
``quoteattr/data/``. Run ``python -m training.lexicons`` to rebuild them.

``person_nouns.txt``: lemmas of common nouns that head a *person* mention in the openly
licensed GUM genres (train split only), e.g. "parson", "curator", "spokeswoman": the speaker
rules use them to tell people from things.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

from training import data as tdata

OUT = Path(__file__).resolve().parents[1] / "quoteattr" / "data" / "person_nouns.txt"


def person_nouns(gum_train: Path, min_count: int = 1) -> list[str]:
    counts: collections.Counter = collections.Counter()
    other: collections.Counter = collections.Counter()
    for doc in tdata.select(tdata.read_documents(gum_train), tdata.OPEN_GUM_GENRES):
        for block in doc.sentences:
            words, _ = tdata.words_and_tokens(block)
            for m in tdata.parse_mentions(block):
                span = words[m.first - 1 : m.last]
                ids = {int(w[0]) for w in span}
                head = next((w for w in span if w[6] == "_" or int(w[6]) not in ids), span[-1])
                if head[3] != "NOUN":
                    continue
                lemma = head[2].lower()
                (counts if m.etype == "person" else other)[lemma] += 1
    # keep nouns that mostly denote people ("member" yes, "group" no)
    return sorted(w for w, n in counts.items()
                  if n >= min_count and n >= other[w] and w.isalpha())


def main(argv: list[str]) -> int:
    gum_train = Path(argv[0]) if argv else Path("../shared/datasets/ud-english/gum/en_gum-ud-train.conllu")
    words = person_nouns(gum_train)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("# lemmas of nouns heading person mentions in GUM train (open genres);"
                   " CC BY 4.0; built by python -m training.lexicons\n"
                   + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} nouns to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
