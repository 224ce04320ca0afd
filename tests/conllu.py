"""Hand-built parses for tests: a compact notation turned into CoNLL-U, then a ParsedDoc.

Each sentence is a string of tokens ``form|UPOS|head|deprel[|lemma[|ner]]`` separated by spaces,
heads 1-based within the sentence (0 = root), exactly as in CoNLL-U. ``lemma`` defaults to the
lowercased form; ``ner`` is a BIOES tag (``S-PERSON``, ``B-ORG``...). The parses are written
by hand to UD guidelines, so the tests exercise the rules, not a model.
"""

from __future__ import annotations

from quoteattr.parse import ParsedDoc, parse_conllu


def sentence(spec: str) -> str:
    rows = []
    tokens = spec.split()
    roots = 0
    for i, tok in enumerate(tokens, 1):
        parts = tok.split("|")
        if len(parts) < 4:
            raise ValueError(f"token {tok!r} needs form|UPOS|head|deprel")
        form, upos, head, deprel = parts[:4]
        lemma = parts[4] if len(parts) > 4 and parts[4] else form.lower()
        ner = parts[5] if len(parts) > 5 else None
        h = int(head)
        if h < 0 or h > len(tokens) or h == i:
            raise ValueError(f"bad head {h} for token {i} {form!r}")
        roots += h == 0
        misc = f"NER={ner}" if ner else "_"
        rows.append("\t".join([str(i), form, lemma, upos, "_", "_", str(h), deprel, "_", misc]))
    if roots != 1:
        raise ValueError(f"sentence needs exactly one root, has {roots}: {spec[:40]}")
    return "\n".join(rows)


def parsed(text: str, *sentences: str) -> ParsedDoc:
    """A ParsedDoc for ``text`` from hand-written sentence specs (tokens aligned to text)."""
    conllu = "\n\n".join(sentence(s) for s in sentences) + "\n\n"
    return parse_conllu(conllu, text=text)
