"""Lean copies of trained models for shipping: no optimizer state, float16 weights.

Stanza's loaders call ``load_state_dict``, which casts stored float16 tensors back to the
model's float32 parameters, so halving the weights on disk changes nothing at run time except
rounding (checked by ``python -m training.export --check``). The word-vector
pretrain is shared by pos, depparse and ner and shipped once.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

#: processor -> file name in the bundle
FILES = {"tokenize": "tokenize.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt",
         "depparse": "depparse.pt", "ner": "ner.pt"}
PRETRAIN = "pretrain.pt"
USES_PRETRAIN = ("pos", "depparse", "ner")
_DROP_KEYS = ("optimizer_state_dict", "scheduler_state_dict", "optimizer", "scheduler")


def _halve(obj: Any) -> Any:
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.is_floating_point() else obj
    if isinstance(obj, dict):
        return {k: _halve(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_halve(v) for v in obj]
    return obj


def transformer_name(bert_model: str | None) -> str | None:
    """The name quoteattr knows a model's transformer by (its ``bert_model`` setting is the
    folder it was trained with, a path on the training machine), or None for no transformer.

    Raises:
        ValueError: a transformer quoteattr could not find on a user's machine.
    """
    if not bert_model:
        return None
    from quoteattr.models import TRANSFORMERS

    if bert_model in TRANSFORMERS:
        return bert_model
    parts = Path(bert_model).parts
    for name, (package, folder, _) in TRANSFORMERS.items():
        if parts[-2:] == (package, folder):
            return name
    raise ValueError(f"model trained with transformer {bert_model!r}, which quoteattr cannot "
                     f"locate offline; known: {', '.join(sorted(TRANSFORMERS))}")


def lean_copy(src: Path, dest: Path, half: bool = True) -> int:
    """Write ``src`` without optimizer state (and with float16 weights); return the size.
    A transformer the model names by its training-machine folder is renamed to the name
    quoteattr resolves at load time (`transformer_name`)."""
    return _lean_copy(src, dest, half)[0]


def _lean_copy(src: Path, dest: Path, half: bool) -> tuple[int, str | None]:
    """`lean_copy`, also returning the transformer the copy names (None for none)."""
    import torch

    data = torch.load(src, map_location="cpu", weights_only=True)
    if isinstance(data, dict):
        for key in _DROP_KEYS:
            data.pop(key, None)
        if half and "model" in data:
            data["model"] = _halve(data["model"])
    transformer = None
    config = data.get("config") if isinstance(data, dict) else None
    if isinstance(config, dict) and config.get("bert_model"):
        transformer = config["bert_model"] = transformer_name(config["bert_model"])
    dest.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, dest)
    return dest.stat().st_size, transformer


def export_models(recipe: Any, dest: Path, half: bool = True,
                  scores: dict[str, Any] | None = None) -> dict[str, Any]:
    """Copy every trained model of ``recipe`` into ``dest`` with a ``manifest.json``."""
    dest.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "name": "quoteattr-en-compact",
        "built": time.strftime("%Y-%m-%d"),
        "license": "CC BY-SA 4.0 (inherited from UD English-EWT); see docs/models.md",
        "processors": {},
        "sizes_bytes": {},
    }
    for proc, name in FILES.items():
        src = recipe.shipped(proc)
        if src is None:
            print(f"export: no {proc} model yet, skipped", file=sys.stderr)
            continue
        size, transformer = _lean_copy(src, dest / name, half)
        entry: dict[str, Any] = {"model": name, "trained_from": src.name}
        if proc in USES_PRETRAIN:
            entry["pretrain"] = PRETRAIN
        if transformer:
            entry["transformer"] = transformer
        manifest["processors"][proc] = entry
        manifest["sizes_bytes"][name] = size
    if any(proc in manifest["processors"] for proc in USES_PRETRAIN):
        shutil.copyfile(recipe.pretrain, dest / PRETRAIN)
        manifest["sizes_bytes"][PRETRAIN] = (dest / PRETRAIN).stat().st_size
    manifest["total_bytes"] = sum(manifest["sizes_bytes"].values())
    if scores:
        manifest["scores"] = scores
    old = dest / "manifest.json"
    if old.exists():
        previous = json.loads(old.read_text(encoding="utf-8"))
        manifest.setdefault("scores", previous.get("scores", {}))
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def candidate_set(base: Path, replace: dict[str, Path], dest: Path, half: bool = True
                  ) -> dict[str, Any]:
    """A candidate model set in ``dest``: the set in ``base`` with the processors in
    ``replace`` (processor -> a trained model file) swapped for lean copies of those files,
    so a smaller parser can be parsed with, timed and scored beside the shipped one before
    it ships. The replacement must use ``base``'s word vectors. Returns the manifest."""
    unknown = set(replace) - set(FILES)
    if unknown:
        raise ValueError(f"unknown processors {sorted(unknown)}; known: {sorted(FILES)}")
    manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    dest.mkdir(parents=True, exist_ok=True)
    for name in manifest["sizes_bytes"]:
        if (base / name).exists() and not (dest / name).exists():
            shutil.copyfile(base / name, dest / name)
    for proc, src in replace.items():
        name = FILES[proc]
        size, _ = _lean_copy(src, dest / name, half)
        manifest["processors"][proc]["trained_from"] = str(src)
        manifest["sizes_bytes"][name] = size
    manifest["total_bytes"] = sum(manifest["sizes_bytes"].values())
    manifest["name"] = f"{manifest['name']}-candidate"
    manifest.pop("scores", None)  # the base set's scores are not this set's
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """``python -m training.export --replace depparse=PATH --out DIR [--base DIR]``."""
    import argparse

    ap = argparse.ArgumentParser(description=candidate_set.__doc__)
    ap.add_argument("--base", type=Path,
                    default=Path(__file__).resolve().parent.parent / "quoteattr/models/en")
    ap.add_argument("--replace", action="append", default=[], metavar="PROC=PATH",
                    required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    replace = {}
    for item in args.replace:
        proc, sep, path = item.partition("=")
        if not sep:
            ap.error(f"--replace wants PROC=PATH, got {item!r}")
        replace[proc] = Path(path)
    manifest = candidate_set(args.base, replace, args.out)
    print(json.dumps(manifest["sizes_bytes"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
