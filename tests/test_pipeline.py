"""The Attributor's composition, streaming and caching, with a model-free parser."""

from __future__ import annotations

import json
import signal

import pytest
from guards import time_limit
from fakes import PLAIN, SAID, TOLD, FakeParser

import quoteattr
from quoteattr import cache
from quoteattr.errors import InvalidItemError, WorkerError
from quoteattr.pipeline import select_regions
from quoteattr.spans import find_quote_spans


def test_call_attributes_one_text():
    """att(text) returns a frozen Document with attributed quotes and the model source."""
    att = quoteattr.Attributor(parser=FakeParser())
    doc = att(SAID[0], id="a")
    assert doc.id == "a" and doc.models == "fake"
    assert att(SAID[0], id=7).id == "7"  # as pipe() keeps ids: a str, never refused
    (q,) = doc.quotes
    assert q.speaker.label == "Smith" and q.cue.text == "said"


def test_pipe_keeps_order_ids_and_batches():
    """pipe() yields one Document per input, in order, with ids, in batches of batch_size;
    texts without quote marks are not parsed."""
    parser = FakeParser()
    att = quoteattr.Attributor(parser=parser)
    items = [SAID[0], ("custom", TOLD[0]), PLAIN[0], SAID[0], TOLD[0]]
    docs = list(att.pipe(items, batch_size=2))
    assert [d.id for d in docs] == ["0", "custom", "2", "3", "4"]
    assert [d.quotes[0].speaker.label if d.quotes else None for d in docs] == [
        "Smith", "Reed", None, "Smith", "Reed"]
    assert parser.calls == [[SAID[0], TOLD[0]], [SAID[0]], [TOLD[0]]]


def test_pipe_is_lazy():
    """pipe() pulls from its input only as it goes (memory stays flat)."""
    pulled = []

    def source():
        for n in range(1000):
            pulled.append(n)
            yield SAID[0]

    it = quoteattr.Attributor(parser=FakeParser()).pipe(source(), batch_size=4)
    next(it)
    assert len(pulled) == 4


def test_pipe_rejects_bad_items():
    """Items must be str or (id, text) pairs; non-str text is a TypeError."""
    att = quoteattr.Attributor(parser=FakeParser())
    with pytest.raises(TypeError, match="must be str"):
        list(att.pipe([b"bytes"]))
    with pytest.raises(ValueError, match="batch_size"):
        att.pipe([SAID[0]], batch_size=0)  # raised at the call, not at the first next()
    with pytest.raises(TypeError, match="iterable of texts"):
        att.pipe(SAID[0])
    with pytest.raises(TypeError, match="iterable of texts"):
        att.pipe(5)


def test_attribute_parsed_and_cache_round_trip(tmp_path):
    """A parse saved to disk and loaded again gives the same attribution without parsing."""
    parser = FakeParser()
    att = quoteattr.Attributor(parser=parser)
    parsed = parser.parse_many([TOLD[0]])[0]
    for name in ("p.json", "p.json.gz"):
        cache.save_parse(parsed, tmp_path / name)
        again = cache.load_parse(tmp_path / name)
        assert again == parsed
        assert att.attribute_parsed(again).quotes == att(TOLD[0]).quotes


def test_cache_rejects_other_formats(tmp_path):
    """A file that is not a quoteattr parse of this version is a ValueError."""
    (tmp_path / "x.json").write_text(json.dumps({"format": "other"}))
    with pytest.raises(ValueError, match="not a quoteattr parse"):
        cache.load_parse(tmp_path / "x.json")


def test_select_regions_keeps_quote_paragraphs_and_context():
    """Selective parsing keeps paragraphs with quote marks, two before and one after."""
    paras = [f"Paragraph {i} has no quote." for i in range(8)]
    paras[5] = "“A quote,” he said."
    text = "\n".join(paras)
    regions = select_regions(text, find_quote_spans(text))
    kept = [text[a:b] for a, b in regions]
    assert kept == [paras[3], paras[4], paras[5], paras[6]]


def test_attributor_with_parser_cannot_go_to_processes():
    """An Attributor built around a ready parser explains it cannot be copied to workers."""
    att = quoteattr.Attributor(parser=FakeParser())
    with pytest.raises(ValueError, match="models="):
        att.config()


def test_paragraph_mode_validated():
    """An unknown paragraph mode is rejected at construction."""
    with pytest.raises(ValueError, match="paragraphs"):
        quoteattr.Attributor(parser=FakeParser(), paragraphs="sentences")


def test_dataframe_one_row_per_quote():
    """to_dataframe gives one row per quote with the speaker columns (pandas extra)."""
    pytest.importorskip("pandas")
    att = quoteattr.Attributor(parser=FakeParser())
    docs = [att(SAID[0], id="a"), att(TOLD[0], id="b")]
    df = docs[0].to_dataframe()
    assert list(df["speaker_label"]) == ["Smith"] and list(df["doc_id"]) == ["a"]
    from quoteattr.export import to_dataframe

    both = to_dataframe(docs)
    assert list(both["doc_id"]) == ["a", "b"] and list(both["cue"]) == ["said", "told"]
    empty = quoteattr.Document(text="nothing").to_dataframe()
    assert len(empty) == 0 and "speaker_kind" in empty.columns


def test_cyclic_or_broken_parses_are_typed_errors():
    """A parse whose heads form a cycle, point outside the sentence or whose tokens do not
    match the text is an InvalidParseError, not a hang or an IndexError."""
    from conllu import parsed

    cyclic = "1\ta\ta\tX\t_\t_\t2\tdep\t_\t_\n2\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n\n"
    with pytest.raises(quoteattr.InvalidParseError, match="cycle"):
        quoteattr.parse_conllu(cyclic, text="a b")
    with pytest.raises(quoteattr.InvalidParseError, match="not found"):
        parsed("x y", "a|X|0|root")
    from quoteattr.cache import parse_from_dict, parse_to_dict

    data = parse_to_dict(FakeParser().parse_many([SAID[0]])[0])
    data["words"][0][7] = 99  # head out of range
    with pytest.raises(quoteattr.InvalidParseError, match="outside"):
        parse_from_dict(data)


def test_text_map_maps_pieces_back():
    """Offsets in the text Stanza sees map back to the caller's string."""
    from quoteattr.parse import prepare_text

    text = "Title\n\x00“Quote,” he said.\nLast line"
    ptext, tmap = prepare_text(text, [(0, 5), (7, 24), (25, 34)])
    assert ptext == "Title\n\n“Quote,” he said.\n\nLast line"
    q = ptext.index("Quote")
    assert text[tmap.to_original(q):tmap.to_original(q + 5, end=True)] == "Quote"
    last = ptext.index("Last")
    assert tmap.to_original(last) == text.index("Last")


def test_long_stretches_without_a_sentence_end_are_cut_for_the_parser():
    """The parser's cost is quadratic in sentence length, so a stretch with no sentence end
    ("“a b” “a b” …") reaches it in short pieces, cut after closing marks; ordinary
    sentences are never cut, and every piece maps back to the caller's string."""
    from quoteattr.parse import MAX_RUN_CHARS, prepare_text

    dense = "“a b” " * 2000
    ptext, tmap = prepare_text(dense, [(0, len(dense))])
    pieces = ptext.split("\n\n")
    assert len(pieces) > 10 and max(len(p) for p in pieces) <= MAX_RUN_CHARS
    assert all(p.rstrip().endswith("”") for p in pieces)
    pos = 0
    for piece in pieces:  # each piece is the caller's text at the mapped offset
        start = tmap.to_original(pos)
        assert dense[start:start + len(piece)] == piece
        pos += len(piece) + 2

    prose = "The minister spoke for a long time, and at length, about the budget. " * 40
    ptext, _ = prepare_text(prose, [(0, len(prose))])
    assert all(p.endswith("budget. ") or p.endswith("budget.") for p in ptext.split("\n\n"))


def test_selective_parsing_is_the_default():
    """By default only the paragraphs attribution needs reach the parser; selective=False
    hands it every paragraph."""
    from quoteattr.pipeline import select_regions
    from quoteattr.spans import find_quote_spans

    text = "\n\n".join(["Markets were calm.", "Trading was thin.", "Prices held.",
                        "Nothing else happened.", SAID[0]])
    spans = find_quote_spans(text)
    att = quoteattr.Attributor(parser=FakeParser())
    full = quoteattr.Attributor(parser=FakeParser(), selective=False)
    assert att.selective and not full.selective
    assert att._regions(text, spans) == select_regions(text, spans)
    assert len(att._regions(text, spans)) == 3  # the quote's paragraph and the two before
    assert full._regions(text, spans) == list(spans.paragraphs) and len(spans.paragraphs) == 5


# -- issue 19, items 2 and 3: pipe() never hangs and never loses the documents it read -------

class ProcessFake(quoteattr.Attributor):
    """An Attributor on the fake parser that worker processes can rebuild from its config.
    The text "KILL" makes its worker SIGKILL itself; "BOOM" makes the batch raise."""

    def __init__(self, **config) -> None:
        super().__init__(parser=FakeParser())
        self._cfg = config

    def config(self) -> dict:
        return dict(self._cfg)

    def _run(self, batch):
        import os

        for _, text in batch:
            if text == "KILL":
                os.kill(os.getpid(), signal.SIGKILL)
            if text == "BOOM":
                raise quoteattr.InvalidParseError("boom")
        return super()._run(batch)


@pytest.mark.parametrize("bad", [2.5, "2", True, None])
def test_pipe_counts_must_be_ints(bad):
    """batch_size and n_process must be ints: "2", 2.5, True and None are a TypeError at the
    call (not coerced, not a failure deep in the stream); 0 is a ValueError."""
    att = quoteattr.Attributor(parser=FakeParser())
    with pytest.raises(TypeError, match="batch_size must be an int"):
        att.pipe([SAID[0]], batch_size=bad)
    with pytest.raises(TypeError, match="n_process must be an int"):
        att.pipe([SAID[0]], n_process=bad)
    with pytest.raises(ValueError, match="n_process must be an int >= 1"):
        att.pipe([SAID[0]], n_process=0)


def test_bad_item_loses_no_neighbour_in_one_process():
    """None at position 7 with batch_size=4: documents 0-6 are all yielded (the second batch
    is cut short, not lost), then an InvalidItemError names position 7."""
    parser = FakeParser()
    att = quoteattr.Attributor(parser=parser)
    items = [SAID[0]] * 7 + [None] + [SAID[0]] * 3
    got = []
    with pytest.raises(InvalidItemError, match="item 7: text must be str") as info:
        for doc in att.pipe(items, batch_size=4):
            got.append(doc.id)
    assert got == [str(i) for i in range(7)]
    assert info.value.position == 7 and isinstance(info.value, TypeError)
    assert [len(c) for c in parser.calls] == [4, 3]


def test_bad_pair_is_named_by_its_id():
    """A pair whose text is not a str is named by its id; a tuple of three is refused too."""
    att = quoteattr.Attributor(parser=FakeParser())
    with pytest.raises(InvalidItemError, match=r"item 1 \(id 'b'\): text must be str, not bytes"):
        list(att.pipe([("a", SAID[0]), ("b", b"x")]))
    with pytest.raises(InvalidItemError, match="tuple of 3"):
        list(att.pipe([("a", "b", "c")]))


@pytest.mark.slow
def test_processes_keep_order_and_lose_no_neighbour():
    """With two workers: results in input order with ids, the same as in one process; a bad
    item at position 7 comes after documents 0-6; a batch that raises in a worker raises
    here, after every document before it."""
    items = [SAID[0], ("custom", TOLD[0]), PLAIN[0], SAID[0], TOLD[0]] * 2
    with time_limit(120):
        many = list(ProcessFake().pipe(items, batch_size=2, n_process=2))
    one = list(ProcessFake().pipe(items, batch_size=2))
    assert many == one and len(many) == 10

    got = []
    with time_limit(120), pytest.raises(InvalidItemError) as info:
        for doc in ProcessFake().pipe([SAID[0]] * 7 + [None] + [SAID[0]] * 5, batch_size=4,
                                      n_process=2):
            got.append(doc.id)
    assert got == [str(i) for i in range(7)] and info.value.position == 7

    got = []
    with time_limit(120), pytest.raises(quoteattr.InvalidParseError, match="boom"):
        for doc in ProcessFake().pipe([SAID[0]] * 5 + ["BOOM"] + [SAID[0]] * 6, batch_size=2,
                                      n_process=2):
            got.append(doc.id)
    assert got == [str(i) for i in range(4)]


@pytest.mark.slow
def test_killed_worker_raises_naming_lost_documents():
    """A worker SIGKILLed mid-stream (as the out-of-memory killer does) raises a WorkerError
    at once that names the documents not processed; nothing blocks."""
    items = [SAID[0]] * 4 + ["KILL"] + [SAID[0]] * 15
    got = []
    with time_limit(120), pytest.raises(WorkerError, match="killed by signal 9") as info:
        for doc in ProcessFake().pipe(items, batch_size=2, n_process=2):
            got.append(doc.id)
    lost = info.value.not_processed
    assert "4" in lost and info.value.exitcode == -9
    assert set(got).isdisjoint(lost) and got == [str(i) for i in range(len(got))]
    assert int(min(lost, key=int)) == len(got)  # everything before the lost ones came out


UNGUARDED = """
import sys
sys.path[:0] = {paths!r}
from fakes import SAID
from test_pipeline import ProcessFake

print(len(list(ProcessFake().pipe([SAID[0]] * 4, n_process=2))))
"""


@pytest.mark.slow
def test_script_without_main_guard_fails_at_once(tmp_path):
    """A script that calls pipe(n_process=2) without `if __name__ == "__main__":` gets a
    WorkerError that says to add the guard, at once: workers are not respawned forever."""
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).parent
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED.format(paths=[str(here), str(here.parent)]), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("quoteattr.errors.WorkerError") and "__main__" in last
    assert proc.stderr.count("Traceback") <= 3  # the parent's and one per worker, no respawns


def test_parallel_uses_only_the_public_pipe():
    """parallel.py imports nothing from pipeline.py and calls no private method (the import
    circle pipeline <-> parallel is gone): workers run the factory's public pipe()."""
    import ast
    from pathlib import Path

    import quoteattr.parallel as parallel

    tree = ast.parse(Path(parallel.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m and m.startswith("quoteattr.pipeline") for m in imported)
    calls = {n.func.attr for n in ast.walk(tree)
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    assert "pipe" in calls and "_run" not in calls


def test_processes_on_empty_input_start_nothing():
    """pipe(n_process=2) over no items yields nothing and starts no worker."""
    import multiprocessing

    with time_limit(30):
        assert list(ProcessFake().pipe([], n_process=2)) == []
    assert multiprocessing.active_children() == []


def test_explain_shortcut_keeps_findings_without_changing_output():
    """Attributor(explain=True) is AttributionOptions(explain=True): every quote carries its
    findings, and its record is the plain Attributor's."""
    from quoteattr.attribution.base import ExplainedQuote

    text = "“We will win,” Smith said."
    plain = quoteattr.Attributor(parser=FakeParser())(text)
    att = quoteattr.Attributor(parser=FakeParser(), explain=True)
    explained = att(text)
    assert att.options.explain and isinstance(explained.quotes[0], ExplainedQuote)
    assert explained.quotes[0].findings
    assert [q.to_dict() for q in explained.quotes] == [q.to_dict() for q in plain.quotes]
    assert not isinstance(plain.quotes[0], ExplainedQuote)
