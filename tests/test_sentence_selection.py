"""Which sentences get tagged and parsed: `select_sentences` over sentence spans, and
`StanzaParser.parse_many(anchors=...)` through a model-free stand-in for Stanza's pipeline."""

from __future__ import annotations

import re

import pytest
import stanza
from fakes import SAID, FakeParser

import quoteattr
from quoteattr.pipeline import _anchors
from quoteattr.spans import find_quote_spans
from quoteattr import lexicon
from quoteattr.stanza_pipeline import (
    StanzaParser,
    may_name_text,
    names_person_text,
    select_sentences,
)

# A sentence: up to a full stop (or ! ?), with a closing quotation mark after it.
_SENTENCE_RE = re.compile(r"[^\s][^.!?]*[.!?]+”?")
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE_RE.finditer(text)]


def kept(text: str, context: tuple[int, int] = (1, 1)) -> list[str]:
    spans = sentence_spans(text)
    keep = select_sentences(spans, _anchors(find_quote_spans(text)), context)
    return [text[spans[k][0]:spans[k][1]] for k in keep]


NEWS = ("Rain fell all day. The mayor met the council. “We will rebuild,” she said. "
        "The council agreed. A vote is due in May. Nobody objected.")


class TestSelectSentences:
    def test_quote_sentence_with_one_before_and_one_after(self):
        """A quote's sentence is kept with the sentence before and the one after, no more."""
        assert kept(NEWS) == ["The mayor met the council.", "“We will rebuild,” she said.",
                              "The council agreed."]

    def test_context_is_configurable(self):
        """``context`` (before, after) widens or narrows the window on each side."""
        assert kept(NEWS, (0, 0)) == ["“We will rebuild,” she said."]
        assert kept(NEWS, (2, 0)) == ["Rain fell all day.", "The mayor met the council.",
                                      "“We will rebuild,” she said."]

    def test_quote_over_several_sentences_keeps_them_all(self):
        """A quote that runs over sentences keeps each of them, and the context around them."""
        text = ("One. Two. “First part. Second part. Third part,” he said. Three. Four.")
        assert kept(text) == ["Two.", "“First part.", "Second part.", "Third part,” he said.",
                              "Three."]

    def test_windows_merge_and_never_repeat(self):
        """Two quotes a sentence apart give one run of sentences, each sentence once."""
        text = "A. “B,” he said. C. “D,” she said. E. F. G."
        assert kept(text) == ["A.", "“B,” he said.", "C.", "“D,” she said.", "E."]

    def test_context_crosses_paragraphs(self):
        """The sentence before a paragraph that opens with a quote is the previous
        paragraph's last (the speaker is often introduced there)."""
        text = "Old news. The minister arrived late.\n“We are ready.”\nWeather follows. More."
        assert kept(text) == ["The minister arrived late.", "“We are ready.”",
                              "Weather follows."]

    def test_no_anchor_keeps_nothing(self):
        """Without a quote nothing is selected; an anchor between sentences holds the next."""
        spans = sentence_spans(NEWS)
        assert select_sentences(spans, []) == []
        gap = spans[1][1]  # the space after the second sentence
        assert select_sentences(spans, [(gap, gap + 1)], (0, 0)) == [2]
        assert select_sentences(spans, [(len(NEWS) + 5, len(NEWS) + 6)], (0, 0)) == [5]
        assert select_sentences([], [(0, 1)]) == []


class FakeNlp:
    """Stands in for a ``stanza.Pipeline``: "tokenize" splits sentences with a regex, "pos"
    tags lower-case words NOUN (the rest X) and a word after "Mr" or "Ms" as a PERSON,
    "depparse" gives each sentence a flat tree; each records the sentences it saw."""

    processors = {"tokenize": None, "pos": None, "lemma": None, "depparse": None}

    def __init__(self, ner: bool = True) -> None:
        self.seen: dict[str, list[str]] = {"pos": [], "depparse": []}
        self.ner = ner  # False: a pipeline without NER, names tagged PROPN

    def __call__(self, docs: list, processors: str | list[str] = "") -> list:
        steps = processors.split(",") if isinstance(processors, str) else list(processors)
        for doc in docs:
            if steps == ["tokenize"]:
                sentences = []
                for s_start, s_end in sentence_spans(doc.text):
                    sentences.append([
                        {"id": k, "text": m.group(), "start_char": m.start(),
                         "end_char": m.end()}
                        for k, m in enumerate(_TOKEN_RE.finditer(doc.text, s_start, s_end), 1)])
                doc.sentences = stanza.Document(sentences, text=doc.text).sentences
                continue
            for sent in doc.sentences:
                text = _sentence_text(doc, sent)
                if "pos" in steps:
                    self.seen["pos"].append(text)
                    for k, w in enumerate(sent.words):
                        w.upos = "NOUN" if w.text.islower() else "X"
                        w.lemma = w.text.lower()
                        after_title = k > 0 and sent.words[k - 1].text in ("Mr", "Ms")
                        if self.ner:
                            sent.tokens[k].ner = "S-PERSON" if after_title else "O"
                        elif after_title:
                            w.upos = "PROPN"
                if "depparse" in steps:
                    self.seen["depparse"].append(text)
                    for w in sent.words:
                        w.head, w.deprel = (0, "root") if w.id == 1 else (1, "dep")
        return docs


def _sentence_text(doc, sent) -> str:
    """A sentence's text, from its document's (a document of sentences gathered from several
    has none: its token texts then)."""
    if doc.text is None:
        return " ".join(t.text for t in sent.tokens)
    return doc.text[sent.tokens[0].start_char:sent.tokens[-1].end_char]


class _GatedNer:
    """Marks the fake's NER as `ner_where_names` marks a gated one."""

    _quoteattr_gated = True


class FakeNerNlp(FakeNlp):
    """A FakeNlp whose NER is a processor of its own, as the bundled pipeline's: "pos" tags
    and lemmatizes only (a word after "Mr" or "Ms" PROPN), "ner" reads words only, as
    Stanza's does, and tags such a word a PERSON; each records the sentences it saw.
    ``gated``: its NER is marked as `ner_where_names` marks one whose types are all names."""

    def __init__(self, gated: bool = True) -> None:
        super().__init__(ner=False)
        self.processors = {"tokenize": None, "pos": None, "lemma": None,
                           "ner": _GatedNer() if gated else None, "depparse": None}
        self.seen["ner"] = []

    def __call__(self, docs, processors: str | list[str] = ""):
        steps = processors.split(",") if isinstance(processors, str) else list(processors)
        if "ner" in steps:
            for doc in docs:
                for sent in doc.sentences:
                    self.seen["ner"].append(_sentence_text(doc, sent))
                    for k, tok in enumerate(sent.tokens):
                        after = k > 0 and sent.tokens[k - 1].text in ("Mr", "Ms")
                        tok.ner = "S-PERSON" if after else "O"
        rest = [p for p in steps if p != "ner"]
        return super().__call__(docs, rest) if rest else docs


class FakeCorefNlp(FakeNlp):
    """A FakeNlp with coreference that behaves as Stanza's does: run over a list of
    documents the chains are lost (each document gets ``coref == []``); run on one document,
    it gets its chains (here one marker per call)."""

    processors = {**FakeNlp.processors, "coref": None}

    def __init__(self) -> None:
        super().__init__()
        self.coref_calls: list[str] = []

    def __call__(self, docs, processors: str | list[str] = ""):
        steps = [processors] if isinstance(processors, str) else list(processors)
        if "coref" not in steps:
            return super().__call__(docs, processors)
        if isinstance(docs, list):
            super().__call__(docs, [p for p in steps if p != "coref"])
            for d in docs:
                d.coref = []
            return docs
        assert steps == ["coref"]
        self.coref_calls.append(docs.text)
        docs.coref = []
        return docs


def test_coref_runs_one_document_at_a_time():
    """Stanza's coref loses its chains when handed a list of documents, so each document
    goes through coref alone (after the bulk tagger and parser)."""
    nlp = FakeCorefNlp()
    parser = StanzaParser.from_pipeline(nlp)
    texts = ["“Yes,” she said. Mr Hilbery arrived.", "“No,” he said."]
    docs = parser.parse_many(texts, [None, None],
                             [_anchors(find_quote_spans(t)) for t in texts])
    assert nlp.coref_calls == texts
    assert len(nlp.seen["depparse"]) == 3
    assert all(d.coref == () for d in docs)


class TestParseOnlyAnchoredSentences:
    def test_only_sentences_near_quotes_are_parsed(self):
        """With anchors, every sentence is tagged but the parser sees only the quote's
        sentences and their neighbours; the ParsedDoc holds those, at offsets into the
        caller's text."""
        nlp = FakeNlp()
        parser = StanzaParser.from_pipeline(nlp)
        text = "Intro line here.\n" + NEWS
        (doc,) = parser.parse_many([text], [None], [_anchors(find_quote_spans(text))])
        assert len(nlp.seen["pos"]) == 7
        assert nlp.seen["depparse"] == ["The mayor met the council.",
                                        "“We will rebuild,” she said.", "The council agreed."]
        assert [text[s.start:s.stop] for s in doc.sentences] == nlp.seen["depparse"]
        assert all(text[w.start:w.end] == w.text for w in doc.words)
        assert [w.text for w in doc.words[:2]] == ["The", "mayor"]

    def test_sentences_naming_a_person_are_parsed_too(self):
        """A sentence far from any quote is parsed when it names a person (an entity or a
        noun for people), for the speaker entities; its entity is kept."""
        nlp = FakeNlp()
        parser = StanzaParser.from_pipeline(nlp)
        text = ("Mr Hilbery arrived. The rain fell. A girl waved. The sky cleared. "
                "It was late. “Yes,” said Hilbery. Then night.")
        (doc,) = parser.parse_many([text], [None], [_anchors(find_quote_spans(text))])
        assert nlp.seen["depparse"] == ["Mr Hilbery arrived.", "A girl waved.",
                                        "It was late.", "“Yes,” said Hilbery.", "Then night."]
        assert [e.text for e in doc.entities] == ["Hilbery"]
        assert text[doc.entities[0].start:doc.entities[0].stop] == "Hilbery"

    def test_without_ner_a_proper_noun_counts_as_a_name(self):
        """A pipeline without NER: a sentence with a proper noun is parsed (the speaker
        entities then take names from proper nouns)."""
        nlp = FakeNlp(ner=False)
        parser = StanzaParser.from_pipeline(nlp)
        text = "Mr Hilbery arrived. The rain fell. The sky cleared. It was late. “Yes,” he said."
        parser.parse_many([text], [None], [_anchors(find_quote_spans(text))])
        assert nlp.seen["depparse"] == ["Mr Hilbery arrived.", "It was late.",
                                        "“Yes,” he said."]

    def test_without_anchors_every_sentence_is_parsed(self):
        """anchors=None (or None for one text) parses every sentence of the regions."""
        nlp = FakeNlp()
        parser = StanzaParser.from_pipeline(nlp)
        (doc,) = parser.parse_many([NEWS], [None], [None])
        assert len(nlp.seen["depparse"]) == len(doc.sentences) == 6

    def test_regions_then_sentences(self):
        """Regions (paragraphs) are cut first, then sentences within them; a text whose
        anchors hold nothing gets an empty parse, not an error."""
        nlp = FakeNlp()
        parser = StanzaParser.from_pipeline(nlp)
        text = "Skipped paragraph.\nKept one. “Yes,” he said. After."
        start = text.index("Kept")
        docs = parser.parse_many([text, "No quote here."], [[(start, len(text))], None],
                                 [_anchors(find_quote_spans(text)), []])
        assert nlp.seen["depparse"] == ["Kept one.", "“Yes,” he said.", "After."]
        assert docs[1].words == () and docs[1].text == "No quote here."


class TestTagWhereRead:
    """With a tagger, lemmatizer, gated NER and parser, only the sentences attribution reads
    are tagged: those near a quote, and far ones that may name a person by their words."""

    TEXT = ("Mr Hilbery arrived. The rain fell. Two spokesmen left. The sky cleared. "
            "It was late. “Yes,” said Hilbery. Then night.")

    @staticmethod
    def parse(nlp, texts, anchors=None):
        parser = StanzaParser.from_pipeline(nlp)
        if anchors is None:
            anchors = [_anchors(find_quote_spans(t)) for t in texts]
        return parser.parse_many(texts, [None] * len(texts), anchors)

    def test_far_sentences_without_a_person_are_not_tagged(self):
        """The tagger sees the near sentences and the far ones with a name (found by NER on
        words alone) or a noun for people ("spokesmen"), not "The rain fell."; NER sees the
        far sentences that may hold a name by their words ("Two" and "The" open sentences),
        then the near ones (the fake's NER is not gated by tags: every near one)."""
        nlp = FakeNerNlp()
        (doc,) = self.parse(nlp, [self.TEXT])
        assert sorted(nlp.seen["pos"]) == sorted([
            "Mr Hilbery arrived.", "Two spokesmen left.", "It was late.",
            "“Yes,” said Hilbery.", "Then night."])
        assert nlp.seen["ner"] == ["Mr Hilbery arrived .", "It was late.",
                                   "“Yes,” said Hilbery.", "Then night."]
        assert nlp.seen["depparse"] == ["Mr Hilbery arrived.", "It was late.",
                                        "“Yes,” said Hilbery.", "Then night."]
        assert [e.text for e in doc.entities] == ["Hilbery"]
        assert all(self.TEXT[w.start:w.end] == w.text for w in doc.words)

    @pytest.mark.parametrize("texts", [
        [TEXT],
        [TEXT, NEWS, "No quote here. Ms Dalloway said nothing."],
        ["A girl waved. Mr Ramsay sat. Rain. Rain again. Rain still. “Go,” she said."],
    ])
    def test_same_parse_as_tagging_everything(self, texts, monkeypatch):
        """What is kept, its tags and its entities are those of tagging every sentence and
        then keeping (``QUOTEATTR_TAG_ALL=1``)."""
        def snapshot(docs):
            return [([(d.text[s.start:s.stop]) for s in d.sentences],
                     [(w.text, w.upos, w.lemma, w.head, w.deprel) for w in d.words],
                     [(e.text, e.type, e.start) for e in d.entities]) for d in docs]

        late = snapshot(self.parse(FakeNerNlp(), texts))
        monkeypatch.setenv("QUOTEATTR_TAG_ALL", "1")
        every = FakeNerNlp()
        assert snapshot(self.parse(every, texts)) == late
        assert len(every.seen["pos"]) > 0

    def test_ungated_ner_or_the_switch_tags_every_sentence(self, monkeypatch):
        """An NER not gated by `ner_where_names` (one that tags dates: it reads sentences
        without capitals) and ``QUOTEATTR_TAG_ALL=1`` tag every sentence, as before."""
        nlp = FakeNerNlp(gated=False)
        self.parse(nlp, [self.TEXT])
        assert len(nlp.seen["pos"]) == len(nlp.seen["ner"]) == 7
        monkeypatch.setenv("QUOTEATTR_TAG_ALL", "1")
        nlp = FakeNerNlp()
        self.parse(nlp, [self.TEXT])
        assert len(nlp.seen["pos"]) == 7

    def test_a_text_without_anchors_is_tagged_whole(self):
        """In a batch where one text has anchors and another none, the other is tagged and
        parsed whole."""
        nlp = FakeNerNlp()
        docs = self.parse(nlp, [self.TEXT, NEWS],
                          [_anchors(find_quote_spans(self.TEXT)), None])
        assert len(docs[1].sentences) == 6
        assert all(NEWS[s.start:s.stop] in nlp.seen["pos"] for s in docs[1].sentences)


class TestUntaggedNameChecks:
    """The word-only checks `_tag_where_read` uses before tags exist."""

    @pytest.mark.parametrize("tokens, expected", [
        (["The", "rain", "fell", "."], False),
        (["Smith", "left", "."], True),
        (["He", "met", "Ines", "."], True),
        (["Then", "I", "left", "."], False),
        (["Will", "Smith", "left", "."], True),
        (["May", "came", "."], True),  # a first name, not the verb
        (["But", "it", "rained", "."], False),
        # after an opening mark "Yes" is not the first word (`may_name` says so too)
        (["“", "Yes", ",", "”", "she", "said", "."], True),
        ([], False),
    ])
    def test_may_name_text(self, tokens, expected):
        assert may_name_text(tokens) is expected

    @pytest.mark.parametrize("words, expected", [
        (["The", "girls", "waved"], True),
        (["Two", "spokesmen", "left"], True),
        (["the", "ladies", "sat"], True),
        (["his", "wives"], True),
        (["The", "children", "ran"], True),
        (["The", "rain", "fell"], False),
    ])
    def test_names_person_text(self, words, expected):
        assert names_person_text(words) is expected

    def test_plural_forms_cover_the_person_nouns(self):
        """Every noun for people is among the forms, with its plural."""
        forms = lexicon.person_noun_forms()
        assert lexicon.person_nouns() <= forms
        assert {"spokesmen", "girls", "ladies"} <= forms


class TestAttributorSelective:
    @pytest.mark.parametrize("selective, sends_anchors", [
        (True, True), ("sentences", True), ("paragraphs", False), (False, False)])
    def test_which_modes_select_sentences(self, selective, sends_anchors):
        """The default (True, "sentences") hands the parser the quote spans as anchors;
        "paragraphs" and False parse the regions whole."""
        parser = FakeParser()
        att = quoteattr.Attributor(parser=parser, selective=selective)
        att(SAID[0])
        anchors = parser.anchors[-1]
        if sends_anchors:
            assert anchors == [[(0, SAID[0].index("”") + 1)]]
        else:
            assert anchors is None

    def test_unknown_mode_is_refused(self):
        """selective takes True, False, "sentences" or "paragraphs"."""
        with pytest.raises(ValueError, match="selective must be"):
            quoteattr.Attributor(parser=FakeParser(), selective="words")


class TestTreeDecoding:
    """The parser's tree decoding gives Stanza's trees, by a shorter way."""

    @staticmethod
    def _scores(rng, n, peaked):
        import numpy as np

        raw = rng.normal(size=(n, n)) * (4.0 if peaked else 1.0)
        # log-probabilities over heads, as the parser's scores are
        return raw - np.log(np.exp(raw).sum(axis=1, keepdims=True))

    def test_greedy_tree_only_for_one_root_and_no_cycle(self):
        """The best heads are the answer only when they make a tree with one root."""
        import numpy as np

        from quoteattr.stanza_pipeline import greedy_tree

        best = {1: 0, 2: 1, 3: 2}  # word -> best head: a chain under the root

        def scores(heads):
            s = np.full((4, 4), -5.0)
            for dep, head in heads.items():
                s[dep, head] = -0.1
            return s

        assert greedy_tree(scores(best)).tolist() == [0, 0, 1, 2]
        assert greedy_tree(scores({1: 0, 2: 0, 3: 2})) is None      # two words on the root
        assert greedy_tree(scores({1: 0, 2: 3, 3: 2})) is None      # 2 and 3 head each other
        assert greedy_tree(scores({1: 2, 2: 3, 3: 1})) is None      # no root, one cycle

    def test_decode_trees_matches_stanza(self):
        """On random sentences of 2 to 40 words, with peaked scores (mostly trees already) and
        flat ones (cycles and several roots), every tree is the one Stanza's own search
        (Chu-Liu-Edmonds with one root) finds, and the labels are read at its heads."""
        import numpy as np
        from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

        from quoteattr.stanza_pipeline import decode_trees, greedy_tree

        class Vocab:
            def unmap(self, ids):
                return [f"rel{i}" for i in ids]

        rng = np.random.default_rng(17)
        greedy = 0
        sentences = [(int(rng.integers(2, 41)), peaked) for peaked in (True, False)
                     for _ in range(100)]
        for n, peaked in sentences:
            scores = self._scores(rng, n, peaked)
            labels = rng.integers(0, 9, size=(n, n))
            (decoded,) = decode_trees(Vocab(), 1, [scores[None], labels[None]], [n])
            expected = chuliu_edmonds_one_root(scores)
            assert [h for h, _ in decoded] == expected[1:].tolist()
            assert [r for _, r in decoded] == [f"rel{labels[j, h]}" for j, h in
                                               enumerate(expected[1:].tolist(), 1)]
            greedy += greedy_tree(scores) is not None
        assert 0 < greedy < len(sentences)  # both ways were taken

    def test_head_cycles_are_stanzas_cycles(self):
        """On random head arrays (any word may head any other), `head_cycles` finds the cycles
        Stanza's Tarjan search finds, as the same word masks."""
        import numpy as np
        from stanza.models.common.chuliu_edmonds import tarjan

        from quoteattr.stanza_pipeline import head_cycles

        rng = np.random.default_rng(5)
        with_cycles = 0
        for _ in range(300):
            n = int(rng.integers(2, 30))
            tree = rng.integers(0, n, size=n)
            tree[0] = 0
            ours = sorted(tuple(np.flatnonzero(c)) for c in head_cycles(tree))
            theirs = sorted(tuple(np.flatnonzero(c)) for c in tarjan(tree))
            assert ours == theirs
            with_cycles += bool(ours)
        assert 0 < with_cycles < 300


def test_labels_scored_on_the_tree_match_stanzas_parser(bundled):
    """The bundled parser with `predict_trees` gives every word the head and label Stanza's own
    prediction gives it (all pairs scored), on news and on fiction with long sentences."""
    import stanza

    from quoteattr.stanza_pipeline import labels_at_heads_apply

    pipeline = bundled.parser.pipeline
    model = pipeline.processors["depparse"]._trainer.model
    assert labels_at_heads_apply(model)
    assert "predict" in vars(model)  # the pipeline's parser uses it
    text = ("“We will not back down,” Mayor Jane Smith told reporters on Tuesday, adding that "
            "the council, which had met twice since the storm, would vote on the plan. "
            "He said: “It is a disgrace.” Then, because the rain had not stopped and the road "
            "past the mill, where the old bridge had been, was under water, they turned back, "
            "and the men who had waited at the inn all night went home without a word.")

    def arcs() -> list[tuple[int, str]]:
        doc = pipeline(stanza.Document([], text=text), processors="tokenize,pos,lemma,depparse")
        return [(w.head, w.deprel) for s in doc.sentences for w in s.words]

    fast = arcs()
    assert len(fast) > 60  # the tokenizer's Document is the one returned
    del model.predict  # Stanza's own method again
    try:
        assert arcs() == fast
    finally:
        from quoteattr.stanza_pipeline import _fast_tree_decoding

        del model.decode_graph_predictions
        _fast_tree_decoding(pipeline)
    assert "predict" in vars(model)


def test_bundled_tagging_where_read_matches_tagging_everything(bundled, monkeypatch):
    """With the bundled models, tagging only the sentences attribution reads keeps the same
    sentences, words, tags, trees and entities as tagging all and then keeping: far
    sentences naming someone ("Jane Okafor", "the girls") are kept, others dropped."""
    from quoteattr.stanza_pipeline import _tags_late

    text = ("Jane Okafor founded the company in 2009. The rain fell for a week. Prices rose "
            "sharply in the spring. The girls from the mill had left by then. Nothing moved "
            "on the river.\n\nThe plant closed on Monday. “We had no choice,” Okafor said. "
            "She did not say more.\n\nThe town waited. Markets were calm. Will Hardy, a "
            "clerk, saw it all. Trade slowed. The road stayed shut.\n\n“It is over,” he said.")
    anchors = [_anchors(find_quote_spans(text))]
    parser = bundled.parser
    assert _tags_late(parser.pipeline, ["pos", "lemma", "ner", "depparse"])

    def snapshot():
        (doc,) = parser.parse_many([text], [None], anchors)
        return ([text[s.start:s.stop] for s in doc.sentences],
                [(w.text, w.lemma, w.upos, w.head, w.deprel) for w in doc.words],
                [(e.text, e.type, e.start) for e in doc.entities])

    late = snapshot()
    monkeypatch.setenv("QUOTEATTR_TAG_ALL", "1")
    assert snapshot() == late
    kept = late[0]
    assert "The rain fell for a week." not in kept and "Trade slowed." not in kept
    assert any(s.startswith("Jane Okafor") for s in kept)
    assert any("girls" in s for s in kept)
    assert any("Hardy" in e[0] and e[1] == "PERSON" for e in late[2])


def test_pipeline_batch_defaults(bundled):
    """The bundled pipeline tags 200 sentences and parses 250 words a batch
    (`PIPELINE_DEFAULTS`), unless the caller passes Stanza's own option."""
    from quoteattr.stanza_pipeline import PIPELINE_DEFAULTS, StanzaParser

    processors = bundled.parser.pipeline.processors
    assert processors["pos"].config["batch_size"] == PIPELINE_DEFAULTS["pos_batch_size"] == 200
    assert processors["depparse"].config["batch_size"] == 250
    mine = StanzaParser(models="bundled", threads=1, pos_batch_size=30)
    assert mine.pipeline.processors["pos"].config["batch_size"] == 30
