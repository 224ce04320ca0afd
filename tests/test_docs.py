"""The documentation site builds in strict mode (broken links, bad references fail), the
notebook renders into it, and docstrings hold no raw Sphinx roles (mkdocstrings shows them as
literal text)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def modules(package: str) -> list[str]:
    """The dotted names of every module of ``package`` (a folder under the repository root),
    found on disk: a package is named by its ``__init__.py``."""
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


#: Modules whose docstrings are checked for raw roles: all of the package, and the training
#: recipe (discovered, so a new module is checked without being listed).
NO_RAW_ROLES = tuple(modules("quoteattr") + modules("training"))
RAW_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|attr|obj|exc|data|const|ref):`")


def raw_roles(module: str) -> list[str]:
    """``name: role`` for every raw Sphinx role in the docstrings and ``#:`` comments of
    ``module`` (given by dotted name, read from source: nothing is imported)."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():  # a package: its __init__.py
        path = ROOT / module.replace(".", "/") / "__init__.py"
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False) or ""
            name = getattr(node, "name", module)
            found += [f"{name}: {m.group(0)}" for m in RAW_ROLE.finditer(doc)]
    for n, line in enumerate(source.splitlines(), 1):
        if line.lstrip().startswith("#:"):
            found += [f"line {n}: {m.group(0)}" for m in RAW_ROLE.finditer(line)]
    return found


@pytest.mark.parametrize("module", NO_RAW_ROLES)
def test_no_raw_sphinx_roles(module):
    """Cross-references are written [name][quoteattr.path], which mkdocstrings links (and the
    strict build checks), never :class:`...`."""
    assert raw_roles(module) == []


def test_raw_role_check_covers_every_module():
    """The checked modules are discovered: packages, subpackages and private modules are
    all there (the check is not a hand-kept list that misses new code)."""
    for name in ("quoteattr", "quoteattr.attribution", "quoteattr.attribution.cue",
                 "quoteattr._text", "quoteattr.pipeline", "training.recipe"):
        assert name in NO_RAW_ROLES
    assert len(NO_RAW_ROLES) == len(list(ROOT.glob("quoteattr/**/*.py"))) + \
        len(list(ROOT.glob("training/**/*.py")))


def test_raw_role_check_catches_a_role(tmp_path, monkeypatch):
    """The check finds a role in a docstring (it is not vacuous)."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text('def f():\n    """See :class:`~x.Y`."""\n',
                                          encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert raw_roles("pkg.m") == ["f: :class:`"]


def test_mkdocs_strict_build(tmp_path):
    """mkdocs build --strict succeeds, produces the API reference and the notebook page; with
    the data folder present the notebook is executed, so its outputs are real."""
    from conftest import SHARED

    execute = (SHARED / "examples").is_dir()
    env = dict(os.environ, QUOTEATTR_DOCS_EXECUTE="true" if execute else "false",
               QUOTEATTR_SHARED=str(SHARED))
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                          str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                         timeout=900, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "Attributor" in api and "to_dict" in api and "document_record" in api
    nb = (tmp_path / "site" / "nato" / "index.html").read_text(encoding="utf-8")
    assert "examples.nato()" in nb
    assert "TqdmWarning" not in nb
    if execute:
        assert "Julianne Smith" in nb and "qa-legend" in nb
    site = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (tmp_path / "site").rglob("*.html"))
    assert "example.invalid" not in site
