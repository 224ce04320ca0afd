"""The command line, with a model-free parser patched in."""

from __future__ import annotations

import io
import json

import pytest
from fakes import SAID, TOLD, FakeParser

import quoteattr
from quoteattr import cli


@pytest.fixture
def fake_models(monkeypatch):
    real = quoteattr.Attributor

    def factory(models="auto", **kw):
        return real(parser=FakeParser(), **kw)

    monkeypatch.setattr(quoteattr, "Attributor", factory)


def run(argv, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_one_object_per_file(tmp_path, capsys, fake_models):
    """--format jsonl writes {"id": <stem>, "quotes": [...]} per input, in order."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(TOLD[0], encoding="utf-8")
    code, out, _ = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--quiet"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["quotes"][0]["speaker"]["label"] == "Smith"
    assert quoteattr.Quote.from_dict(rows[1]["quotes"][0]).speaker.label == "Reed"


def test_unreadable_file_keeps_others(tmp_path, capsys, fake_models):
    """A missing or non-UTF-8 file: one line on stderr, exit 1, other output intact."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    code, out, err = run([str(tmp_path / "missing.txt"), str(tmp_path / "a.txt"),
                          str(tmp_path / "bad.txt"), "--quiet"], capsys)
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a"]
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "cannot read" in lines[0] and "missing.txt" in lines[0]
    assert "not UTF-8" in lines[1]


def test_stdin_and_table(capsys, monkeypatch, fake_models):
    """- reads stdin; --format table prints one line per quote."""
    code, out, _ = run(["-", "--format", "table"], capsys, stdin=TOLD[0], monkeypatch=monkeypatch)
    assert code == 0
    assert out.startswith("== stdin (1 quotes)")
    assert "Reed [named]" in out and "told" in out


def test_html_page(tmp_path, capsys, fake_models):
    """--format html writes one self-contained page."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    code, out, _ = run([str(tmp_path / "a.txt"), "--format", "html"], capsys)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "Smith · named" in out


def test_bad_options(capsys):
    """Nonsense options are refused before any model is touched."""
    assert cli.main(["x.txt", "--batch-size", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_missing_models_exit_3(tmp_path, capsys):
    """A models path that holds no models: exit 3 with the reason."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    code = cli.main([str(tmp_path / "a.txt"), "--models", str(tmp_path)])
    assert code == 3
    assert "quoteattr:" in capsys.readouterr().err


def test_download_reports_failure(capsys, monkeypatch, tmp_path):
    """Without network, `quoteattr download` says plainly what failed and exits 2."""
    import stanza

    def boom(*a, **k):
        raise ConnectionError("no route to host")

    monkeypatch.setattr(stanza, "download", boom)
    assert cli.main(["download", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "could not download" in err and "ConnectionError" in err and "bundled" in err


def test_lone_surrogates_do_not_break_output(tmp_path, capsys, fake_models, monkeypatch):
    """Text that UTF-8 cannot encode still gives valid JSON lines."""
    from quoteattr.export import json_line

    line = json_line({"text": "a\ud800b“x”"})
    assert json.loads(line) == {"text": "a\ud800b“x”"}
    line.encode("utf-8")


def test_stdin_bytes_are_checked_like_files(capsys, monkeypatch, fake_models):
    """Invalid UTF-8 on stdin gets the same one-line message as a file; a BOM is dropped."""
    import io as _io

    class Stdin:
        def __init__(self, data):
            self.buffer = _io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin(b"\xff\xfe bad"))
    assert cli.main(["-", "--quiet"]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", Stdin("\ufeff".encode() + SAID[0].encode()))
    assert cli.main(["-", "--quiet"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["quotes"][0]["start"] == 1  # offsets into the text without the BOM


def test_parse_all_turns_selective_parsing_off(tmp_path, capsys, monkeypatch):
    seen = []
    real = quoteattr.Attributor

    def factory(models="auto", **kw):
        seen.append(kw.get("selective"))
        return real(parser=FakeParser(), **kw)

    monkeypatch.setattr(quoteattr, "Attributor", factory)
    f = tmp_path / "a.txt"
    f.write_text(SAID[0], encoding="utf-8")
    assert run([str(f), "--quiet"], capsys)[0] == 0
    assert run([str(f), "--quiet", "--parse-all"], capsys)[0] == 0
    assert seen == [True, False]
