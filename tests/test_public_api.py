"""The public surface: __all__, lazy imports, typed errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

import quoteattr


def test_all_names_exist():
    """Everything in __all__ is importable from the package."""
    for name in quoteattr.__all__:
        assert hasattr(quoteattr, name), name


def test_import_does_not_load_stanza_or_torch():
    """`import quoteattr` (and find_quotes) leaves stanza and torch unimported."""
    code = ("import sys, quoteattr; quoteattr.find_quotes('He said “hi there” today.'); "
            "print(sorted(m for m in ('stanza', 'torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_attributor_construction_is_lazy(tmp_path):
    """Constructing an Attributor resolves models but imports neither stanza nor torch."""
    code = ("import sys, quoteattr\n"
            "try:\n    quoteattr.Attributor(models='bundled')\nexcept quoteattr.ModelNotFoundError:\n"
            "    pass\n"
            "print(sorted(m for m in ('stanza', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]])
def test_non_str_input_is_a_type_error(bad):
    """Non-str input gets a TypeError that says what to pass."""
    with pytest.raises(TypeError, match="must be str"):
        quoteattr.find_quotes(bad)


def test_bytes_error_says_decode():
    """Bytes are told to be decoded."""
    with pytest.raises(TypeError, match="decode"):
        quoteattr.find_quotes(b"abc")


def test_find_quotes_offsets():
    """find_quotes returns Quote objects with offsets into the input and no speaker."""
    text = "As one diplomat put it, “I would be surprised if there was a surprise.”"
    (q,) = quoteattr.find_quotes(text)
    assert text[q.start:q.end] == q.text == "I would be surprised if there was a surprise."
    assert q.speaker is None and q.kind is quoteattr.QuoteKind.DIRECT
    assert "no-parse" in q.evidence


def test_attribute_rejects_non_documents():
    """attribute() takes a stanza Document and says what to do with raw text."""
    with pytest.raises(TypeError, match="Attributor"):
        quoteattr.attribute("raw text")


def test_only_parse_imports_stanza():
    """Only the Stanza adapter (parse.py) and the pipeline it reads (stanza_pipeline.py)
    import stanza."""
    import ast
    from pathlib import Path

    pkg = Path(quoteattr.__file__).parent
    importers = set()
    for path in pkg.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "stanza" or n.startswith("stanza.") for n in names):
                importers.add(path.name)
    assert importers == {"parse.py", "stanza_pipeline.py"}


def test_package_and_benchmarks_do_not_import_the_training_recipe():
    """The training recipe lives outside the installed package (training/): neither the package
    nor the benchmark imports it, so a wheel without it works."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = []
    for path in [*(root / "quoteattr").rglob("*.py"), *(root / "benchmarks").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            if any(n == "training" or n.startswith(("training.", "quoteattr.training")) for n in names):
                offenders.append(str(path.relative_to(root)))
    assert not (root / "quoteattr" / "training").exists()
    assert offenders == []


def test_one_version_source():
    """The installed distribution's version is the package's __version__ (pyproject reads it)."""
    from importlib.metadata import version

    assert version("quoteattr") == quoteattr.__version__


class TestExamples:
    """quoteattr.examples finds the NATO article through $QUOTEATTR_SHARED or ../shared."""

    def _data(self, root):
        (root / "examples").mkdir(parents=True)
        (root / "examples" / "nato-victory-plan.txt").write_text("“Hi,” she said.",
                                                                  encoding="utf-8")
        (root / "examples" / "nato-victory-plan.gold.json").write_text('{"quotes": []}',
                                                                        encoding="utf-8")
        return root

    def test_env_var(self, tmp_path, monkeypatch):
        """$QUOTEATTR_SHARED comes first."""
        from quoteattr import examples

        monkeypatch.setenv("QUOTEATTR_SHARED", str(self._data(tmp_path / "data")))
        assert examples.nato() == "“Hi,” she said."
        assert examples.nato_gold() == {"quotes": []}

    def test_shared_beside_the_working_folder(self, tmp_path, monkeypatch):
        """Without the variable, ../shared from the current folder is found."""
        from quoteattr import examples

        self._data(tmp_path / "shared")
        (tmp_path / "work").mkdir()
        monkeypatch.delenv("QUOTEATTR_SHARED", raising=False)
        monkeypatch.chdir(tmp_path / "work")
        assert examples.data_dirs()[0] == tmp_path / "shared"
        assert examples.nato() == "“Hi,” she said."

    def test_missing_says_where_to_put_it(self, tmp_path, monkeypatch):
        """Nowhere to be found: a FileNotFoundError subclass naming the folders and the fix."""
        from quoteattr import examples

        monkeypatch.setenv("QUOTEATTR_SHARED", str(tmp_path / "nothing"))
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(examples, "__file__", str(tmp_path / "a" / "b" / "examples.py"))
        with pytest.raises(FileNotFoundError, match="QUOTEATTR_SHARED") as info:
            examples.nato()
        assert isinstance(info.value, examples.ExampleNotFoundError)
        assert isinstance(info.value, quoteattr.QuoteattrError)
        assert tmp_path / "nothing" / "examples" in info.value.searched
