"""The coreference training helpers: LitBank's coref layer as CorefUD, and the CoNLL scorer."""

from __future__ import annotations

import pytest

from training import coref_score as cs
from training import litbank_coref as lc

# -- scoring -------------------------------------------------------------------------------

# The worked example of Pradhan et al. (2014, "Scoring coreference partitions of predicted
# mentions"): key {a b c} {d e f g}; response {a b} {c d} {f g h i}. Hand-computed values:
# MUC R = (1 + 1) / (2 + 3) = 0.4, P = (1 + 0 + 1) / (1 + 1 + 3) = 0.4;
# B³ R = (5/3 + 5/4) / 7, P = (2 + 1 + 1) / 8;
# CEAF-e: best alignment {a b c}-{a b} (φ4 0.8) + {d e f g}-{f g h i} (0.5) = 1.3;
# LEA R = (3 * 1/3 + 4 * 1/6) / 7, P = (2 * 1 + 2 * 0 + 4 * 1/6) / 8.
M = {name: ("d", i, i + 1) for i, name in enumerate("abcdefghi")}
KEY = [frozenset(M[x] for x in "abc"), frozenset(M[x] for x in "defg")]
RESPONSE = [frozenset(M[x] for x in "ab"), frozenset(M[x] for x in "cd"),
            frozenset(M[x] for x in "fghi")]


def test_muc_b3_ceafe_and_lea_on_the_worked_example():
    assert cs.muc(KEY, RESPONSE)[:2] == pytest.approx((0.4, 0.4))
    assert cs.b_cubed(KEY, RESPONSE)[:2] == pytest.approx(((5 / 3 + 5 / 4) / 7, 0.5))
    assert cs.ceaf_e(KEY, RESPONSE)[:2] == pytest.approx((1.3 / 2, 1.3 / 3))
    assert cs.lea(KEY, RESPONSE)[:2] == pytest.approx(((1 + 4 / 6) / 7, (2 + 4 / 6) / 8))
    scores = cs.score(KEY, RESPONSE)
    assert scores["conll_f1"] == pytest.approx(
        (scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3)


def test_a_perfect_response_scores_one_and_an_empty_one_zero():
    perfect = cs.score(KEY, list(KEY))
    assert all(v == pytest.approx(1.0) for k, v in perfect.items())
    empty = cs.score(KEY, [])
    assert empty["conll_f1"] == 0.0 and empty["lea_f1"] == 0.0


def test_without_singletons_one_mention_entities_are_dropped_from_both_sides():
    lone = frozenset({("d", 20, 21)})  # a mention the response does not have
    with_sgl = cs.score(KEY + [lone], RESPONSE)
    without = cs.score(KEY + [lone], RESPONSE + [frozenset({M["e"]})], singletons=False)
    assert without == pytest.approx(cs.score(KEY, RESPONSE))
    assert with_sgl["b3_r"] < cs.score(KEY, RESPONSE)["b3_r"]


def test_lea_singletons_count_one_self_link():
    single = [frozenset({M["a"]})]
    assert cs.lea(single, single)[2] == pytest.approx(1.0)
    assert cs.lea(single, [frozenset({M["a"], M["b"]})])[0] == 0.0


# wl_coref's own log format: openings "(e<id>-<head offset>", one-word mentions closed at
# once, closings "e<id>)" listed first on a word.
LOG = """# newdoc id = doc_a
# global.Entity = eid-head
# sent_id = doc_a-0
0\tMark\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=(e0-1
1\tRutte\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=e0)
2\tsaid\t_\t_\t_\t_\t_\t_\t0\t_\t_
3\the\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=(e0-0)
4\tsaw\t_\t_\t_\t_\t_\t_\t0\t_\t_
5\this\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=(e1-1(e0-0)
6\twife\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=e1)

# newdoc id = doc_b
# global.Entity = eid-head
# sent_id = doc_b-0
0\tShe\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=(e0-0)
1\tleft\t_\t_\t_\t_\t_\t_\t0\t_\t_
"""


def test_read_clusters_reads_wl_corefs_log_per_document(tmp_path):
    path = tmp_path / "x_dev_e3.gold.conll"
    path.write_text(LOG, encoding="utf-8")
    clusters = set(cs.read_clusters(path))
    assert clusters == {
        frozenset({("doc_a", 0, 2), ("doc_a", 3, 4), ("doc_a", 5, 6)}),
        frozenset({("doc_a", 5, 7)}),
        frozenset({("doc_b", 0, 1)}),
    }


def test_score_logs_pairs_gold_and_pred_per_epoch(tmp_path):
    for epoch in (1, 2):
        (tmp_path / f"sec_dev_e{epoch}.gold.conll").write_text(LOG, encoding="utf-8")
    # epoch 1 predicted "he" apart from Mark Rutte; epoch 2 predicted the gold
    (tmp_path / "sec_dev_e1.pred.conll").write_text(
        LOG.replace("Entity=(e0-0)\n4", "Entity=(e7-0)\n4"), encoding="utf-8")
    (tmp_path / "sec_dev_e2.pred.conll").write_text(LOG, encoding="utf-8")
    rows = cs.score_logs(tmp_path)
    assert [r["epoch"] for r in rows] == [1, 2]
    assert rows[0]["conll_f1"] < 1.0 and rows[1]["conll_f1"] == pytest.approx(1.0)
    assert rows[1]["conll_f1_sgl"] == pytest.approx(1.0)
    assert "| 1 |" in cs.markdown(rows)


def test_an_unopened_closing_is_an_error(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("# newdoc id = d\n0\tx\t_\t_\t_\t_\t_\t_\t0\t_\tEntity=e4)\n", encoding="utf-8")
    with pytest.raises(ValueError, match="never opened"):
        cs.read_clusters(path)


# -- LitBank to CorefUD --------------------------------------------------------------------

TXT = "Mr. Beebe saw his sister .\n\" Good night , _ \" said she .\n"
ANN = "\n".join([
    "MENTION\tT1\t0\t0\t0\t1\tMr. Beebe\tPER\tPROP",
    "MENTION\tT2\t0\t3\t0\t3\this\tPER\tPRON",
    "MENTION\tT3\t0\t3\t0\t4\this sister\tPER\tNOM",
    "MENTION\tT4\t1\t7\t1\t7\tshe\tPER\tPRON",
    "MENTION\tT5\t0\t4\t1\t0\tacross\tPER\tNOM",
    "COREF\tT1\tBeebe-0",
    "COREF\tT2\tBeebe-0",
    "COREF\tT3\tsister-1",
    "COREF\tT4\tsister-1",
    "COREF\tT5\tother-2",
]) + "\n"
# the tokens of TXT with a hand-made UD tree ("_" already renamed "--")
PARSE = """1\tMr.\tMr.\tPROPN\tNNP\t_\t2\tcompound\t_\t_
2\tBeebe\tBeebe\tPROPN\tNNP\t_\t3\tnsubj\t_\t_
3\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_
4\this\the\tPRON\tPRP$\t_\t5\tnmod:poss\t_\t_
5\tsister\tsister\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\t"\t"\tPUNCT\t``\t_\t3\tpunct\t_\t_
2\tGood\tgood\tADJ\tJJ\t_\t3\tamod\t_\t_
3\tnight\tnight\tNOUN\tNN\t_\t7\tccomp\t_\t_
4\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\t_
5\t--\t--\tPUNCT\t:\t_\t3\tpunct\t_\t_
6\t"\t"\tPUNCT\t''\t_\t3\tpunct\t_\t_
7\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
8\tshe\tshe\tPRON\tPRP\t_\t7\tnsubj\t_\t_
9\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_
"""


def _excerpt(tmp_path):
    (tmp_path / "7_x_brat.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "7_x_brat.ann").write_text(ANN, encoding="utf-8")
    return lc.read_excerpt(tmp_path / "7_x_brat.txt", tmp_path / "7_x_brat.ann")


def test_read_excerpt_numbers_entities_and_drops_cross_sentence_mentions(tmp_path):
    ex = _excerpt(tmp_path)
    assert ex.doc_id == "7_x" and ex.dropped == 1
    assert ex.sentences[1][4] == "--"  # "_" would be read as a zero pronoun
    spans = {(m.sentence, m.first, m.last): m.entity for m in ex.mentions}
    assert spans[(0, 0, 1)] == spans[(0, 3, 3)] != spans[(0, 3, 4)] == spans[(1, 7, 7)]


def test_entity_fields_nest_and_close_in_converter_order():
    ms = [lc.Mention(0, 0, 1, 1, "person"), lc.Mention(0, 3, 4, 2, "person"),
          lc.Mention(0, 3, 3, 1, "person")]
    assert lc.entity_fields(ms, 6) == ["(e1-person", "e1)", "", "(e2-person(e1-person)",
                                       "e2)", ""]


def test_stanzas_converter_reads_the_litbank_conllu_back(tmp_path):
    """The written CoNLL-U, run through Stanza's own CorefUD converter, gives LitBank's spans."""
    from stanza.utils.conll import CoNLL
    from stanza.utils.datasets.coref.convert_udcoref import process_documents

    ex = _excerpt(tmp_path)
    parsed = CoNLL.conll2doc(input_str=PARSE)
    text = "\n".join(lc.conllu_lines(ex, parsed)) + "\n"
    docs = CoNLL.conll2multi_docs(input_str=text, ignore_gapping=False)
    (out,) = process_documents([(docs[0], "litbank_7_x", "en")])
    assert out["cased_words"][10] == "--"
    # words: sentence 0 = 0..5, sentence 1 = 6..14; spans end-exclusive
    clusters = sorted(sorted(map(tuple, c)) for c in out["span_clusters"])
    assert clusters == [[(0, 2), (3, 4)], [(3, 5), (13, 14)]]
    assert sorted(sorted(c) for c in out["word_clusters"]) == [[1, 3], [4, 13]]


def test_conllu_lines_refuse_a_parse_of_other_tokens(tmp_path):
    from stanza.utils.conll import CoNLL

    ex = _excerpt(tmp_path)
    parsed = CoNLL.conll2doc(input_str=PARSE.replace("\tsister\t", "\tbrother\t", 1))
    with pytest.raises(ValueError, match="changed the tokens"):
        list(lc.conllu_lines(ex, parsed))


def test_split_is_by_document_every_fifth_to_dev():
    excerpts = [lc.Excerpt(str(i), [["x"]]) for i in range(10)]
    parts = lc.split(excerpts)
    assert [e.doc_id for e in parts["dev"]] == ["4", "9"]
    assert len(parts["train"]) == 8
