"""Gold datasets for the benchmark, each loaded into one common shape.

* ``nato``: the NATO article of ``shared/examples`` with its gold attributions.
* ``litbank``: LitBank's quotation layer (fiction) on the original Project Gutenberg text, with
  its real paragraphs (``shared/datasets/quotes/litbank-original``), speakers as coreference
  entities.
* ``litbank-tokenized``: the same excerpts and gold on LitBank's tokenized text, joined back
  into plain text by :func:`detokenize` (no real paragraphs); kept so old and new figures can be
  compared.
* ``gum-news``: the team's annotations of GUM's Wikinews news and interview documents
  (``benchmarks/data/gum_news``), over text rebuilt from ``shared/datasets/ud-english/gum``.

Data never lives in the repository: loaders read ``shared/`` (``--shared`` or
``$QUOTEATTR_SHARED``, default ``../shared``) and raise :class:`DataMissing` with a download
command when it is absent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import attrs

HERE = Path(__file__).parent
DOWNLOAD_HINT = {
    "nato": "The NATO example ships with the project's shared data (shared/examples).",
    "litbank": ("the LitBank excerpts on the original Gutenberg text ship with the project's "
                "shared data (shared/datasets/quotes/litbank-original, see its SOURCE.md)"),
    "litbank-tokenized": ("git clone https://github.com/dbamman/litbank && copy "
                          "litbank/quotations/tsv and litbank/coref/tsv into "
                          "<shared>/datasets/quotes/litbank/{quotations,coref}"),
    "gum-news": ("git clone https://github.com/amir-zeldes/gum && build en_gum-ud-{train,dev}"
                 ".conllu from gum/dep/ (see shared/datasets/ud-english/gum/SOURCE.md) into "
                 "<shared>/datasets/ud-english/gum"),
}


class DataMissing(FileNotFoundError):
    """A dataset's files are not where the benchmark looks; the message says how to get them."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(f"dataset {name!r} not found at {path}. Get it: {DOWNLOAD_HINT[name]}. "
                         "Point the benchmark at it with --shared or $QUOTEATTR_SHARED.")
        self.name = name


@attrs.frozen(kw_only=True)
class GoldSpeaker:
    """A gold speaker. ``aliases`` are the strings that name it (names, descriptions);
    ``mentions`` its spans in the text. ``named``: whether the text names it by a proper or
    nominal mention at all (when not, a predicted mention of it is the only way to be right:
    LitBank entities known only by pronouns, news gold with a mention and no name)."""

    kind: str | None
    name: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()
    title: str | None = None
    organization: str | None = None
    entity: str | None = None
    named: bool = True


@attrs.frozen(kw_only=True)
class GoldQuote:
    start: int
    end: int
    text: str
    speech: bool
    kind: str | None = None
    speaker: GoldSpeaker | None = None
    lenient: bool = False


@attrs.frozen(kw_only=True)
class GoldDocument:
    """A gold document. ``nested``: whether its annotators marked quotes inside quotes
    (LitBank's did not, so a system's nested quotes are not scored there)."""

    id: str
    dataset: str
    text: str
    quotes: tuple[GoldQuote, ...]
    nested: bool = True

    @property
    def n_words(self) -> int:
        return len(self.text.split())


def shared_dir(path: str | os.PathLike | None = None) -> Path:
    """Where ``shared/`` is: the argument, ``$QUOTEATTR_SHARED``, or ``../shared``."""
    if path is not None:
        return Path(path)
    env = os.environ.get("QUOTEATTR_SHARED")
    if env:
        return Path(env)
    return (HERE.parent / ".." / "shared").resolve()


# --------------------------------------------------------------------------------------------
# NATO-style gold JSON (also the format of the GUM news annotations)


def _only_pronoun(alias: str) -> bool:
    from benchmarks.score import is_pronoun

    return is_pronoun(alias)


def _speaker_from_json(sp: dict) -> GoldSpeaker:
    aliases = list(sp.get("aliases") or [])
    for key in ("name", "descriptor"):
        if sp.get(key) and sp[key] not in aliases:
            aliases.append(sp[key])
    mention = sp.get("mention")
    return GoldSpeaker(kind=sp.get("kind"), name=sp.get("name"), aliases=tuple(aliases),
                       mentions=(tuple(mention),) if mention else (), title=sp.get("title"),
                       organization=sp.get("organization"),
                       named=any(not _only_pronoun(a) for a in aliases))


def quotes_from_json(text: str, quotes: list[dict], where: str) -> tuple[GoldQuote, ...]:
    out = []
    for q in quotes:
        if text[q["start"] : q["end"]] != q["text"]:
            raise ValueError(f"{where}: gold quote {q['start']}:{q['end']} does not match the text")
        sp = q.get("speaker")
        out.append(GoldQuote(start=q["start"], end=q["end"], text=q["text"],
                             speech=bool(q["speech"]), kind=q.get("kind"),
                             speaker=_speaker_from_json(sp) if sp else None,
                             lenient=bool(q.get("lenient"))))
    return tuple(sorted(out, key=lambda g: g.start))


def load_gold_folder(name: str, folder: Path) -> list[GoldDocument]:
    """Every ``*.gold.json`` in ``folder`` (NATO gold format) with the text file it names."""
    gold_files = sorted(folder.glob("*.gold.json"))
    if not gold_files:
        raise DataMissing(name, folder)
    docs = []
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (folder / gold["text_file"]).read_text(encoding="utf-8")
        docs.append(GoldDocument(id=gold["id"], dataset=name, text=text,
                                 quotes=quotes_from_json(text, gold["quotes"], gold_file.name)))
    return docs


def load_nato(shared: Path) -> list[GoldDocument]:
    return load_gold_folder("nato", shared / "examples")


def load_gum_news(shared: Path) -> list[GoldDocument]:
    from benchmarks.gum_text import gum_documents, gum_text, sha1

    gum_dir = shared / "datasets" / "ud-english" / "gum"
    if not (gum_dir / "en_gum-ud-train.conllu").exists():
        raise DataMissing("gum-news", gum_dir)
    annotations = {p.stem: json.loads(p.read_text(encoding="utf-8"))
                   for p in sorted((HERE / "data" / "gum_news").glob("*.json"))}
    docs = []
    for _split, doc in gum_documents(gum_dir, frozenset({"news", "interview"})):
        gold = annotations.get(doc.doc_id)
        if gold is None:
            continue
        text = gum_text(doc)
        if sha1(text) != gold["text_sha1"]:
            raise ValueError(f"{doc.doc_id}: rebuilt text differs from the annotated one "
                             "(different GUM version?)")
        docs.append(GoldDocument(id=doc.doc_id, dataset="gum-news", text=text,
                                 quotes=quotes_from_json(text, gold["quotes"], doc.doc_id)))
    return docs


# --------------------------------------------------------------------------------------------
# LitBank: tokenized text -> detokenized text with a token-to-character map


_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "n't",
                              "n’t"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})
_OPENERS = frozenset({"“", "‘", "``", "`"})
_CLOSERS = frozenset({"”", "''"})


def detokenize(lines: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Join LitBank's tokenized sentences (one per line) into plain text.

    Quotation marks are classified from the token stream alone (the gold annotations are not
    consulted): curly marks by their glyph, straight ones by alternation, and a sentence that
    opens with a mark while one is open re-opens it (a new paragraph of the same quotation).
    Opening marks are glued to the next token, closing ones to the previous token, and clitics
    ('s, n't, ’ve) to the word before. The tokenized text has lost its paragraphs; a paragraph
    break is put where a dialogue turn starts: before a sentence that begins with an opening
    mark when no quotation is open (so "said Durbeyfield." stays with its quote). Returns the
    text and, per line, each token's (start, end) offsets.
    """
    out: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    double_open = single_open = False
    curly_single = any(tok == "‘" for line in lines for tok in line)
    for n, tokens in enumerate(lines):
        first = tokens[0] if tokens else ""
        starts_quote = first in _OPENERS or first in ('"', "'")
        if n:
            # curly single marks are the primary quotation marks of some texts (Alice);
            # straight ones are too ambiguous to keep a paragraph open
            brk = not double_open and not (single_open and curly_single) and starts_quote
            out.append("\n" if brk else " ")
            pos += 1
        line_offsets = []
        glue_next = True
        for i, tok in enumerate(tokens):
            role = None  # "open", "close" or None
            if tok in _OPENERS:
                role = "open"
            elif tok in _CLOSERS:
                role = "close"
            elif tok == '"':
                role = "open" if (not double_open or i == 0) else "close"
            elif tok in ("’", "'"):
                role = "close" if single_open else ("open" if tok == "'" and
                                                    i + 1 < len(tokens) else None)
            if tok in ('"', "“", "”", "``", "''"):
                double_open = role == "open"
                single_open = False  # straight singles pair only inside one double quote
            elif tok in ("‘", "’", "'", "`"):
                if role is not None:
                    single_open = role == "open"
            clitic = tok[:1] in ("'", "’") and len(tok) > 1 and tok[1:].isalpha()
            space = not glue_next and not (tok in _NO_SPACE_BEFORE or role == "close" or clitic
                                           or (role is None and tok in ("’", "'")))
            if space:
                out.append(" ")
                pos += 1
            out.append(tok)
            line_offsets.append((pos, pos + len(tok)))
            pos += len(tok)
            glue_next = tok in _NO_SPACE_AFTER or role == "open"
        offsets.append(line_offsets)
    return "".join(out), offsets


def _read_tsv(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def load_litbank_tokenized(shared: Path) -> list[GoldDocument]:
    """LitBank's tokenized text joined back by :func:`detokenize` (paragraphs guessed)."""
    base = shared / "datasets" / "quotes" / "litbank"
    qdir, cdir = base / "quotations", base / "coref"
    if not qdir.is_dir() or not cdir.is_dir():
        raise DataMissing("litbank-tokenized", base)
    docs = []
    for txt in sorted(qdir.glob("*_brat.txt")):
        lines = [ln.split(" ") if ln else [] for ln in
                 txt.read_text(encoding="utf-8").split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        text, offsets = detokenize(lines)

        def span(s1: int, t1: int, s2: int, t2: int,
                 offsets: list[list[tuple[int, int]]] = offsets) -> tuple[int, int]:
            return offsets[s1][t1][0], offsets[s2][t2][1]

        mentions: dict[str, tuple[int, int, str, str]] = {}
        entity_of: dict[str, str] = {}
        coref = cdir / txt.name.replace(".txt", ".ann")
        if coref.exists():
            for row in _read_tsv(coref):
                if row[0] == "MENTION":
                    a, b = span(int(row[2]), int(row[3]), int(row[4]), int(row[5]))
                    mentions[row[1]] = (a, b, row[7], row[8])
                elif row[0] == "COREF":
                    entity_of[row[1]] = row[2]
        by_entity: dict[str, list[tuple[int, int, str, str]]] = {}
        for mid, ent in entity_of.items():
            if mid in mentions:
                by_entity.setdefault(ent, []).append(mentions[mid])
        quotes_raw: dict[str, tuple[int, int, int, int]] = {}
        attrib: dict[str, str] = {}
        for row in _read_tsv(txt.with_suffix(".ann")):
            if row[0] == "QUOTE":
                quotes_raw[row[1]] = (int(row[2]), int(row[3]), int(row[4]), int(row[5]))
            elif row[0] == "ATTRIB":
                attrib[row[1]] = row[2]
        quotes = []
        for qid, (s1, t1, s2, t2) in quotes_raw.items():
            # content inside the marks: drop a leading/trailing quote token
            if lines[s1][t1] in ('"', "``", "“", "‘", "'"):
                t1 += 1
                if t1 >= len(lines[s1]):
                    s1, t1 = s1 + 1, 0
            if lines[s2][t2] in ('"', "''", "”", "’", "'") and (s2, t2) > (s1, t1):
                t2 -= 1
                if t2 < 0:
                    s2 -= 1
                    t2 = len(lines[s2]) - 1
            a, b = span(s1, t1, s2, t2)
            ent = attrib.get(qid)
            ments = by_entity.get(ent, []) if ent else []
            kinds = {m[3] for m in ments}
            kind = "named" if "PROP" in kinds else "titled" if "NOM" in kinds else "pronoun"
            names = tuple(dict.fromkeys(text[m[0]:m[1]] for m in ments if m[3] in ("PROP", "NOM")))
            speaker = GoldSpeaker(kind=kind, name=ent, aliases=names,
                                  mentions=tuple((m[0], m[1]) for m in ments), entity=ent,
                                  named=bool(names))
            quotes.append(GoldQuote(start=a, end=b, text=text[a:b], speech=True, kind="direct",
                                    speaker=speaker if ent else None))
        docs.append(GoldDocument(id=txt.stem.replace("_brat", ""), dataset="litbank-tokenized",
                                 text=text,
                                 quotes=tuple(sorted(quotes, key=lambda g: g.start)),
                                 nested=False))
    return docs


def load_litbank(shared: Path) -> list[GoldDocument]:
    """LitBank's dev excerpts on the original Gutenberg text (``litbank-original``: one
    ``<id>.txt`` and ``<id>.gold.json`` per excerpt; format in its SOURCE.md)."""
    folder = shared / "datasets" / "quotes" / "litbank-original"
    gold_files = sorted(folder.glob("*.gold.json"))
    if not gold_files:
        raise DataMissing("litbank", folder)
    docs = []
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (folder / gold["text_file"]).read_text(encoding="utf-8")
        quotes = []
        for q in gold["quotes"]:
            if text[q["start"]:q["end"]] != q["text"]:
                raise ValueError(f"{gold_file.name}: gold quote {q['start']}:{q['end']} does not "
                                 "match the text")
            sp = q.get("speaker")
            speaker = None
            if sp and sp.get("entity"):
                mentions = [tuple(m) for m in sp.get("mentions") or ()]
                speaker = GoldSpeaker(
                    kind=sp.get("kind"), name=sp.get("name"),
                    aliases=tuple(sp.get("aliases") or ()),
                    mentions=tuple((m[0], m[1]) for m in mentions), entity=sp["entity"],
                    named=any(len(m) > 2 and m[2] in ("PROP", "NOM") for m in mentions))
            quotes.append(GoldQuote(start=q["start"], end=q["end"], text=q["text"],
                                    speech=bool(q.get("speech", True)),
                                    kind=q.get("kind"), speaker=speaker))
        docs.append(GoldDocument(id=gold["id"], dataset="litbank", text=text,
                                 quotes=tuple(sorted(quotes, key=lambda g: g.start)),
                                 nested=False))
    return docs


LOADERS = {"nato": load_nato, "gum-news": load_gum_news, "litbank": load_litbank,
           "litbank-tokenized": load_litbank_tokenized}


def load(name: str, shared: Path) -> list[GoldDocument]:
    """Load one dataset by name (``nato``, ``gum-news``, ``litbank``, ``litbank-tokenized``)."""
    try:
        loader = LOADERS[name]
    except KeyError:
        raise ValueError(f"unknown dataset {name!r}; choose from {sorted(LOADERS)}") from None
    return loader(shared)


def iter_all(shared: Path, names: list[str]) -> Iterator[tuple[str, list[GoldDocument] | DataMissing]]:
    for name in names:
        try:
            yield name, load(name, shared)
        except DataMissing as exc:
            yield name, exc


# --------------------------------------------------------------------------------------------
# team-news: articles written by the team in many news styles (benchmarks/data/team_news)


def load_team_news(shared: Path) -> list[GoldDocument]:
    """The team-written news set: ``<id>.txt`` and ``<id>.gold.json`` (NATO gold format) in
    ``benchmarks/data/team_news``; ``shared`` is not needed (text and gold are in the repo)."""
    return load_gold_folder("team-news", HERE / "data" / "team_news")


DOWNLOAD_HINT["team-news"] = ("the set ships with the repository (benchmarks/data/team_news); "
                              "rebuild its gold with benchmarks/data/team_news/build_gold.py")
LOADERS["team-news"] = load_team_news
