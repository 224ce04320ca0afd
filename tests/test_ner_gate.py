"""NER only where a sentence may name someone (`stanza_pipeline.ner_where_names`)."""

from __future__ import annotations

from types import SimpleNamespace

from quoteattr.stanza_pipeline import may_name, ner_where_names

CONLLU = """\
1	She	she	PRON	PRP	_	2	nsubj	_	_
2	laughed	laugh	VERB	VBD	_	0	root	_	_

1	Then	then	ADV	RB	_	3	advmod	_	_
2	Ines	Ines	PROPN	NNP	_	3	nsubj	_	_
3	came	come	VERB	VBD	_	0	root	_	_

1	I	I	PRON	PRP	_	2	nsubj	_	_
2	waited	wait	VERB	VBD	_	0	root	_	_

"""


def _doc():
    from stanza.utils.conll import CoNLL

    return CoNLL.conll2doc(input_str=CONLLU)


class _FakeNER:
    """Tags every token it is given as a person, and remembers what it saw."""

    def __init__(self, tags=("PERSON", "ORG")):
        self.seen = []
        self.tags = list(tags)

    def get_known_tags(self):
        return self.tags

    def process(self, document):
        self.seen.append([s.tokens[0].text for s in document.sentences])
        for sent in document.sentences:
            for token in sent.tokens:
                token.ner = "S-PERSON"
        return document


def test_may_name():
    assert may_name([("Then", "ADV"), ("Ines", "PROPN"), ("came", "VERB")])
    assert may_name([("He", "PRON"), ("met", "VERB"), ("Dario", "NOUN")])  # a capital after
    assert not may_name([("She", "PRON"), ("laughed", "VERB")])
    assert not may_name([("And", "CCONJ"), ("I", "PRON"), ("waited", "VERB")])


def test_only_sentences_that_may_name_someone_are_tagged(monkeypatch):
    """The model sees the sentence with "Ines" only; the others are tagged O, and the
    document's entities are rebuilt from the tags."""
    monkeypatch.delenv("QUOTEATTR_NER_ALL", raising=False)
    fake = _FakeNER()
    pipeline = SimpleNamespace(processors={"ner": fake})
    assert ner_where_names(pipeline)
    assert not ner_where_names(pipeline)  # wrapped once only
    doc = fake.process(_doc())
    assert fake.seen[-1] == ["Then"]
    assert [[t.ner for t in s.tokens] for s in doc.sentences] == [
        ["O", "O"], ["S-PERSON"] * 3, ["O", "O"]]
    assert {e.text for e in doc.ents} == {"Then", "Ines", "came"}


def test_untagged_sentences_are_all_given_to_ner(monkeypatch):
    """Without the tagger's tags there is nothing to choose by: every sentence is tagged."""
    monkeypatch.delenv("QUOTEATTR_NER_ALL", raising=False)
    fake = _FakeNER()
    ner_where_names(SimpleNamespace(processors={"ner": fake}))
    doc = _doc()
    doc.sentences[0].words[0].upos = None
    fake.process(doc)
    assert fake.seen[-1] == ["She", "Then", "I"]


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("QUOTEATTR_NER_ALL", "1")
    assert not ner_where_names(SimpleNamespace(processors={"ner": _FakeNER()}))


def test_an_ner_that_tags_dates_sees_every_sentence(monkeypatch):
    """OntoNotes types such as DATE need no capital letter: no sentence is skipped."""
    monkeypatch.delenv("QUOTEATTR_NER_ALL", raising=False)
    assert not ner_where_names(SimpleNamespace(processors={"ner": _FakeNER(("PERSON",
                                                                             "DATE"))}))
