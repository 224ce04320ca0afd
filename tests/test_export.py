"""Export: the one JSON Lines record, flat records, CSV/TSV, the DataFrame's dtypes, and what
lone surrogates become in each."""

from __future__ import annotations

import ast
import io
import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr.export import (
    RECORD_COLUMNS,
    clean_text,
    document_record,
    json_line,
    to_csv,
    to_dataframe,
    to_jsonl,
)
from quoteattr.types import Diagnostic, Document, Quote, Span, Speaker

TEXT = "“We will win,” Anna Berg said. A “term” here."


def _doc(text: str = TEXT, id: str | None = "d1") -> Document:
    """A hand-built document: one attributed speech quote, one scare quote, one diagnostic."""
    i = text.index("”")
    q1 = Quote(start=1, end=i, text=text[1:i], kind="direct", confidence=0.9,
               evidence=("subject-of-cue",),
               speaker=Speaker(label="Anna Berg", kind="named", name="Anna Berg",
                               mention=Span.of(text, i + 2, i + 11)),
               cue=quoteattr.Cue.of(text, i + 12, i + 16))
    j = text.index("“", i)
    k = text.index("”", j)
    q2 = Quote(start=j + 1, end=k, text=text[j + 1:k], kind="nonspeech")
    diag = Diagnostic(code="unclosed-mark", message="an opening mark is never closed",
                      start=0, end=1)
    return Document(text=text, quotes=(q1, q2), diagnostics=(diag,), id=id, models="fake: x")


class TestRecord:
    def test_shape(self):
        """The record has id, name, models, version, quotes and diagnostics, in that order."""
        rec = document_record(_doc(), name="short")
        assert list(rec) == ["id", "name", "models", "version", "quotes", "diagnostics",
                             "entities"]
        assert rec["id"] == "d1" and rec["name"] == "short" and rec["models"] == "fake: x"
        assert rec["version"] == quoteattr.__version__
        assert rec["diagnostics"] == [{"code": "unclosed-mark", "start": 0, "end": 1,
                                       "message": "an opening mark is never closed"}]
        assert [Quote.from_dict(q) for q in rec["quotes"]] == list(_doc().quotes)

    def test_to_jsonl_writes_the_record(self):
        """to_jsonl writes the same record, one line per document."""
        buf = io.StringIO()
        assert to_jsonl([_doc(), _doc(id="d2")], buf) == 2
        rows = [json.loads(line) for line in buf.getvalue().splitlines()]
        assert rows[0] == document_record(_doc())
        assert [r["id"] for r in rows] == ["d1", "d2"]

    def test_dask_uses_the_record(self):
        """The Dask helper builds its dicts with document_record (one shape everywhere)."""
        src = (Path(quoteattr.__file__).parent / "dask.py").read_text(encoding="utf-8")
        assert "document_record(doc)" in src and '"quotes":' not in src


class TestDataFrame:
    def test_dtypes(self):
        """Offsets are nullable Int64, confidence float64, other columns pandas strings, and
        every missing value is pd.NA (one convention)."""
        pd = pytest.importorskip("pandas")
        df = to_dataframe(_doc())
        assert list(df.columns) == list(RECORD_COLUMNS)
        for col in ("quote_index", "start", "end", "speaker_start", "speaker_end", "cue_start",
                    "cue_end"):
            assert str(df[col].dtype) == "Int64", col
        assert str(df["confidence"].dtype) == "float64"
        for col in ("doc_id", "text", "kind", "speaker_label", "speaker_title", "cue",
                    "evidence"):
            assert isinstance(df[col].dtype, pd.StringDtype), col
        row = df.iloc[1]  # the scare quote: no speaker, no cue
        assert row["speaker_start"] is pd.NA and row["speaker_label"] is pd.NA
        assert row["cue"] is pd.NA and row["speaker_title"] is pd.NA
        assert df.iloc[0]["speaker_start"] == TEXT.index("Anna")

    def test_empty(self):
        """A document without quotes gives an empty frame with the same columns and dtypes."""
        pytest.importorskip("pandas")
        df = to_dataframe(Document(text="nothing"))
        assert len(df) == 0 and list(df.columns) == list(RECORD_COLUMNS)
        assert str(df["start"].dtype) == "Int64"


SURROGATE_TEXT = "“We \ud800 win,” Anna Berg said. A “te\udfffrm” here."


class TestLoneSurrogates:
    def test_records_and_json_keep_them(self):
        """to_records keeps strings exactly; a JSON line escapes them and reads back equal."""
        doc = _doc(SURROGATE_TEXT)
        assert doc.to_records()[0]["text"] == "We \ud800 win,"
        line = json_line(document_record(doc))
        line.encode("utf-8")
        assert json.loads(line)["quotes"][0]["text"] == "We \ud800 win,"

    def test_dataframe_csv_parquet_html_replace_them(self, tmp_path):
        """DataFrame, CSV, Parquet and HTML hold U+FFFD in their place, one for one."""
        pd = pytest.importorskip("pandas")
        doc = _doc(SURROGATE_TEXT)
        df = doc.to_dataframe()
        assert df.iloc[0]["text"] == "We \ufffd win," and len(df.iloc[0]["text"]) == len(doc.quotes[0].text)
        df.to_csv(tmp_path / "q.csv", index=False)
        pytest.importorskip("pyarrow")
        df.to_parquet(tmp_path / "q.parquet")
        assert pd.read_parquet(tmp_path / "q.parquet").iloc[1]["text"] == "te\ufffdrm"
        buf = io.StringIO()
        to_csv(doc, buf)
        buf.getvalue().encode("utf-8")
        assert "We \ufffd win," in buf.getvalue()
        html = doc._repr_html_()
        html.encode("utf-8")
        assert "\ufffd" in html

    def test_clean_text_keeps_length(self):
        """clean_text replaces only lone surrogates and keeps offsets."""
        assert clean_text("a\ud800b\udc00c“d”") == "a\ufffdb\ufffdc“d”"
        assert clean_text("plain é 😀") == "plain é 😀"

    @settings(max_examples=60, deadline=None)
    @given(st.text(st.characters(codec=None, exclude_categories=()), min_size=0, max_size=40))
    def test_any_text_exports(self, inside):
        """Whatever the quote holds (surrogates, controls, any script), every export writes
        encodable text and the DataFrame's row has the quote's length."""
        pytest.importorskip("pandas")
        inside = inside.replace("“", "").replace("”", "")
        doc = _doc(f"“{inside}” Anna Berg said. A “x” here.")
        df = to_dataframe(doc)
        assert len(df.iloc[0]["text"]) == len(inside)
        buf = io.StringIO()
        to_csv(doc, buf, delimiter="\t")
        buf.getvalue().encode("utf-8")
        doc._repr_html_().encode("utf-8")
        json_line(document_record(doc)).encode("utf-8")


def test_csv_rows_and_missing_values():
    """to_csv: a header, one row per quote, missing values as empty fields."""
    import csv

    buf = io.StringIO()
    assert to_csv([_doc(), _doc(id="d2")], buf) == 4
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["doc_id"] for r in rows] == ["d1", "d1", "d2", "d2"]
    assert rows[1]["speaker_label"] == "" and rows[0]["speaker_label"] == "Anna Berg"
    assert rows[0]["start"] == "1"


def test_speakers_is_a_property_and_the_old_call_warns():
    """doc.speakers is a property like doc.speech; doc.speakers() still works, with a
    DeprecationWarning."""
    doc = _doc()
    assert doc.speakers == {"Anna Berg": (doc.quotes[0],)}
    with pytest.warns(DeprecationWarning, match="property"):
        assert doc.speakers() == {"Anna Berg": (doc.quotes[0],)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(doc.speakers) == 1 and "1 speakers" in repr(doc)


def _runtime_imports(path: Path) -> set[str]:
    """quoteattr modules a module imports when it runs (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quoteattr."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("quoteattr."))
    return found


def test_no_import_circle_between_types_export_html():
    """types -> export -> html runs one way: neither export nor html imports types (or each
    other back) at run time."""
    pkg = Path(quoteattr.__file__).parent
    graph = {m: _runtime_imports(pkg / f"{m}.py") for m in ("types", "export", "html")}
    assert "types" not in graph["export"] and "types" not in graph["html"]
    assert "export" not in graph["html"]
