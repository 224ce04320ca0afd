"""The command line, with a model-free parser patched in."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import SAID, TOLD, FakeParser

import quoteattr
from quoteattr import cli
from quoteattr.export import RECORD_COLUMNS

TESTS = Path(__file__).parent
# the CLI in a child process, with the model-free parser patched in (for the output side:
# pipes, closed and full stdout, encodings)
DRIVER = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from fakes import FakeParser; "
          "import quoteattr; real = quoteattr.Attributor; "
          "quoteattr.Attributor = lambda models='auto', **kw: real(parser=FakeParser(), **kw); "
          "from quoteattr import cli; sys.exit(cli.main(sys.argv[1:]))")


@pytest.fixture
def fake_models(monkeypatch):
    seen = []
    real = quoteattr.Attributor

    def factory(models="auto", **kw):
        seen.append(kw)
        return real(parser=FakeParser(), **kw)

    monkeypatch.setattr(quoteattr, "Attributor", factory)
    return seen


def run(argv, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def child(args, tmp_path, shell_tail="", env=None):
    """Run the CLI in a child process through bash (for redirections and pipes)."""
    import os
    import shlex

    cmd = " ".join(shlex.quote(a) for a in [sys.executable, "-c", DRIVER, str(TESTS), *args])
    full_env = dict(os.environ, PYTHONPATH=str(TESTS.parent), **(env or {}))
    return subprocess.run(["bash", "-c", f"set -o pipefail; {cmd} {shell_tail}"],
                          capture_output=True, cwd=tmp_path, env=full_env, timeout=120)


def test_jsonl_record_per_file(tmp_path, capsys, fake_models):
    """--format jsonl writes one record per input, in order: the path as id (so a/x.txt and
    b/x.txt stay apart), the stem as name, models, version, quotes and diagnostics."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(SAID[0], encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text(TOLD[0], encoding="utf-8")
    paths = [str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")]
    code, out, _ = run([*paths, "--quiet"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == paths
    assert [r["name"] for r in rows] == ["x", "x"]
    assert list(rows[0]) == ["id", "name", "models", "version", "quotes", "diagnostics",
                            "entities"]
    assert rows[0]["entities"][0]["name"] == "Smith"
    assert rows[0]["quotes"][0]["speaker"]["entity"] == rows[0]["entities"][0]["id"]
    assert rows[0]["models"] == "fake" and rows[0]["version"] == quoteattr.__version__
    assert rows[0]["diagnostics"] == []
    assert rows[0]["quotes"][0]["speaker"]["label"] == "Smith"
    assert quoteattr.Quote.from_dict(rows[1]["quotes"][0]).speaker.label == "Reed"


def test_unreadable_file_keeps_others(tmp_path, capsys, fake_models):
    """A missing or non-UTF-8 file: one line on stderr, exit 1, other output intact."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    code, out, err = run([str(tmp_path / "missing.txt"), str(tmp_path / "a.txt"),
                          str(tmp_path / "bad.txt"), "--quiet"], capsys)
    assert code == cli.EXIT_INPUT_ERROR == 1
    assert [json.loads(line)["name"] for line in out.splitlines()] == ["a"]
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "cannot read" in lines[0] and "missing.txt" in lines[0]
    assert "not UTF-8" in lines[1]


def test_stdin_and_table(capsys, monkeypatch, fake_models):
    """- reads stdin; --format table prints a title, a header row and one row per quote."""
    code, out, _ = run(["-", "--format", "table"], capsys, stdin=TOLD[0], monkeypatch=monkeypatch)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "== <stdin> (1 quote)"  # singular
    assert lines[1].split() == ["start-end", "kind", "speaker", "cue", "text"]
    assert "Reed [named]" in lines[2] and "told" in lines[2]


def _doc_with(label: str, text_inside: str) -> quoteattr.Document:
    text = f"“{text_inside}” {label} said."
    at = len(text_inside) + 3
    mention = quoteattr.Span.of(text, at, at + len(label))
    q = quoteattr.Quote(start=1, end=1 + len(text_inside), text=text_inside, kind="direct",
                        speaker=quoteattr.Speaker(label=label, kind="named", mention=mention))
    return quoteattr.Document(text=text, quotes=(q, q), id="d")


def test_table_escapes_control_characters():
    """ANSI escapes, carriage returns, bidi overrides and newlines from the input are shown
    as escapes: no row can be hidden or rewritten on the terminal."""
    doc = _doc_with("Ann\nBerg", "ok\x1b[2J\rgone\u202e")
    buf = io.StringIO()
    cli.format_table(doc, buf)
    out = buf.getvalue()
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "\\x1b[2J\\rgone\\u202e" in out and "Ann\\nBerg" in out
    assert out.startswith("== d (2 quotes)\n")
    assert len(out.splitlines()) == 4  # title, header, two rows: the label's newline is escaped


def test_table_cuts_with_an_ellipsis():
    """A quote longer than the column ends in an ellipsis, not mid-word silently."""
    doc = _doc_with("Smith", "word " * 40)
    buf = io.StringIO()
    cli.format_table(doc, buf)
    row = buf.getvalue().splitlines()[2]
    assert row.endswith("…”") and ("word " * 40) not in row


def test_html_page(tmp_path, capsys, fake_models):
    """--format html writes one self-contained page."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    code, out, _ = run([str(tmp_path / "a.txt"), "--format", "html"], capsys)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "Smith" in out


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_rows(tmp_path, capsys, fake_models, fmt, delimiter):
    """--format csv/tsv: one header row with the DataFrame's columns, one row per quote."""
    for name, text in (("a", SAID[0]), ("b", TOLD[0])):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    code, out, _ = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", fmt,
                        "--quiet"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=delimiter))
    assert tuple(rows[0]) == RECORD_COLUMNS
    assert len(rows) == 3
    by = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [r["speaker_label"] for r in by] == ["Smith", "Reed"]
    assert by[0]["doc_id"].endswith("a.txt") and by[0]["speaker_title"] == ""


def test_bad_options(capsys):
    """Nonsense options are refused (exit 2) before any model is touched."""
    assert cli.main(["x.txt", "--batch-size", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
    assert cli.main(["x.txt", "--max-bytes", "lots"]) == 2
    assert "not a size" in capsys.readouterr().err


def test_version_and_usage(capsys):
    """--version prints the version; --help's usage line shows the download subcommand."""
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"quoteattr {quoteattr.__version__}"
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "quoteattr download" in out.split("\n\n")[0]
    for option in ("--threads", "--max-bytes", "--parse-all", "csv", "tsv", "exit status"):
        assert option in out


def test_download_help_explains_options(capsys):
    """`quoteattr download --help` says what --dir and --processors do."""
    assert cli.main(["download", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--dir PATH" in out and "STANZA_RESOURCES_DIR" in out and "comma-separated" in out


def test_threads_reach_the_attributor(tmp_path, capsys, fake_models):
    """--threads N is passed to Attributor(threads=N); without it threads are 1 (more
    threads than free cores spin against other processes)."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    assert run([str(tmp_path / "a.txt"), "--quiet", "--threads", "3"], capsys)[0] == 0
    assert run([str(tmp_path / "a.txt"), "--quiet"], capsys)[0] == 0
    assert [kw["threads"] for kw in fake_models] == [3, 1]


@pytest.mark.parametrize("argv, cores, expected", [
    (["a"] * 3, 8, 1),                                # one batch of 16: one process
    (["a"] * 40, 8, 3),                               # three batches: three processes
    (["a"] * 400, 8, 8),                              # many batches: every core
    (["a"] * 400, 2, 2),
    (["a"] * 40 + ["--batch-size", "4"], 4, 4),
    (["a"] * 400 + ["--processes", "3"], 8, 3),       # what the user asks for
    (["a"] * 400 + ["-"], 8, 1),                      # stdin: one stream, one process
])
def test_default_processes_follow_cores_and_batches(monkeypatch, argv, cores, expected):
    """Without --processes the CLI runs one worker per free core, no more than there are
    batches of inputs."""
    monkeypatch.setattr(cli, "_cores", lambda: cores)
    assert cli._processes(cli.build_parser().parse_args(argv)) == expected


@pytest.mark.parametrize("affinity, load, expected", [
    (8, 0.4, 8), (8, 2.7, 6), (2, 4.5, 1), (1, 0.0, 1)])
def test_free_cores_leave_out_the_busy_ones(monkeypatch, affinity, load, expected):
    """The cores counted are those the process may use less the whole part of the load
    average (work already running), never fewer than one."""
    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: set(range(affinity)),
                        raising=False)
    monkeypatch.setattr(cli.os, "getloadavg", lambda: (load, load, load))
    assert cli._cores() == expected


def test_missing_models_exit_3(tmp_path, capsys):
    """A models path that holds no models: exit 3 with the reason."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    code = cli.main([str(tmp_path / "a.txt"), "--models", str(tmp_path)])
    assert code == 3
    assert "quoteattr:" in capsys.readouterr().err


def test_download_reports_failure(capsys, monkeypatch, tmp_path):
    """Without network, `quoteattr download` says plainly what failed and exits 6."""
    import stanza

    def boom(*a, **k):
        raise ConnectionError("no route to host")

    monkeypatch.setattr(stanza, "download", boom)
    assert cli.main(["download", "--dir", str(tmp_path)]) == cli.EXIT_DOWNLOAD_ERROR == 6
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

    class Stdin:
        def __init__(self, data):
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin(b"\xff\xfe bad"))
    assert cli.main(["-", "--quiet"]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", Stdin("\ufeff".encode() + SAID[0].encode()))
    assert cli.main(["-", "--quiet"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["quotes"][0]["start"] == 1  # offsets into the text without the BOM


def test_parse_all_turns_selective_parsing_off(tmp_path, capsys, fake_models):
    """--parse-all gives Attributor(selective=False); the default is selective."""
    f = tmp_path / "a.txt"
    f.write_text(SAID[0], encoding="utf-8")
    assert run([str(f), "--quiet"], capsys)[0] == 0
    assert run([str(f), "--quiet", "--parse-all"], capsys)[0] == 0
    assert [kw["selective"] for kw in fake_models] == [True, False]


def test_read_limit(tmp_path, capsys, fake_models):
    """An input over --max-bytes is skipped with a message and exit 5; others still run;
    --max-bytes 0 lifts the limit."""
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    (tmp_path / "big.txt").write_text("x" * 5000, encoding="utf-8")
    code, out, err = run([str(tmp_path / "big.txt"), str(tmp_path / "a.txt"), "--quiet",
                          "--max-bytes", "4K"], capsys)
    assert code == cli.EXIT_TOO_LARGE == 5
    assert [json.loads(line)["name"] for line in out.splitlines()] == ["a"]
    assert "larger than 4 KiB" in err and "--max-bytes" in err
    assert cli._byte_count("2M") == 2 * 2**20 and cli._byte_count("0") == 0


def test_progress_only_on_a_terminal(tmp_path, capsys, fake_models, monkeypatch):
    """stderr not a terminal: no progress frames at all; a terminal: one 'loading models…'
    line before the bar."""
    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(SAID[0], encoding="utf-8")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    code, _, err = run(files, capsys)
    assert code == 0 and err == ""
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    code, _, err = run(files, capsys)
    assert code == 0
    assert err.startswith("quoteattr: loading models…\n") and "2/2" in err
    # an error while the bar runs gets a line of its own, not the tail of a \r frame
    code, _, err = run([files[0], str(tmp_path / "missing.txt"), files[1]], capsys)
    assert code == 1
    lines = err.replace("\r", "\n").splitlines()
    assert any(line.startswith("quoteattr: cannot read") for line in lines), err


# --- the output side, in a child process --------------------------------------------------

@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.txt").write_text(SAID[0], encoding="utf-8")
    return ["a.txt"]


def test_broken_pipe_is_quiet(tmp_path, files):
    """`quoteattr many files | head -c5`: no traceback, no message, exit 141 like a Unix tool
    killed by SIGPIPE."""
    # one process: the fake parser cannot go to the workers 3,000 files would get by default
    out = child(files * 3000 + ["--quiet", "--processes", "1"], tmp_path, "| head -c5")
    assert out.stdout == b'{"id"'
    assert out.stderr == b""
    assert out.returncode == cli.EXIT_BROKEN_PIPE == 141


def test_closed_stdout(tmp_path, files):
    """stdout closed (>&-): one line on stderr, exit 4."""
    out = child(files, tmp_path, ">&-")
    assert out.returncode == cli.EXIT_OUTPUT_ERROR == 4
    assert out.stderr.decode().count("\n") == 1 and "standard output is closed" in out.stderr.decode()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_full_disk(tmp_path, files):
    """> /dev/full: one line on stderr naming the cause, exit 4."""
    out = child(files, tmp_path, "> /dev/full")
    err = out.stderr.decode()
    assert out.returncode == 4
    assert err.count("\n") == 1 and "No space left" in err and "Traceback" not in err


def test_ascii_locale_still_writes_utf8(tmp_path, files):
    """PYTHONIOENCODING=ascii: JSON Lines are still written, as UTF-8."""
    out = child(files, tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 0, out.stderr
    assert "“" not in out.stderr.decode() and json.loads(out.stdout.decode("utf-8"))["quotes"]
    table = child(files + ["--format", "table"], tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert table.returncode == 0 and b"\\u201c" in table.stdout  # escaped, not a crash


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_endless_input_is_cut_off(tmp_path):
    """`quoteattr /dev/zero` stops at the read limit with a message, exit 5."""
    out = child(["/dev/zero", "--max-bytes", "1M"], tmp_path)
    assert out.returncode == 5 and b"larger than 1 MiB" in out.stderr
