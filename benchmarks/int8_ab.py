"""CPU seconds per Stanza processor on GUM news, with and without one CPU speed-up, in one process.

    PYTHONPATH=. python benchmarks/int8_ab.py [--shared DIR] [--processors pos,depparse,ner]
        [--rounds 3] [--compare int8|bf16|ner-gate|tree-labels|vocab-memo|tensors|lemma-batch|char-memo|
        tag-scorers|label-int8|ner-decoding|lemma-memo|models]
        [--models DIR] [--dataset gum-news]

Two pipelines on the bundled models are built, with neither speed-up; then ``--compare int8``
(the default) gives one of them `quantize_pipeline` (float32 against int8 LSTMs), and
``--compare bf16`` gives both `quantize_pipeline` and one of them `autocast_pipeline` (int8
against int8 + bfloat16 autocast; needs a CPU with native bf16), and ``--compare ner-gate``
gives both the default speed-ups and one of them `ner_where_names` (NER on every sentence
against NER only where a sentence may name someone; the NER tags of the two are compared
too), ``--compare tree-labels`` gives one of them Stanza's own parser prediction back (every
label of every pair of words scored, against `predict_trees`) and ``--compare vocab-memo``
its vocabularies without memory (against `memoize_vocabs`), ``--compare tensors`` gives it
Stanza's own batch padding while it runs (against `fast_batch_tensors`), ``--compare
lemma-batch`` Stanza's lemma batches (against `lean_lemma_batches`), ``--compare char-memo``
its character models without memory (against `memoize_char_models`), ``--compare tag-scorers``
its tagger's scorers one by one (against `share_tag_scorers`), ``--compare label-int8`` its
parser's label scorer in float32 (against `quantize_label_scorer`), ``--compare
ner-decoding`` Stanza's NER prediction (against `fast_ner_decoding`; the NER tags are compared
too), ``--compare lemma-memo`` its lemmatizer on every word (against `memoize_lemmas`, whose
memory starts empty each pass); ``--compare models --models
DIR`` builds the second pipeline from the model set in DIR (a candidate: a smaller parser),
both with every default speed-up; for these ten the tags, lemmas, heads and labels of the two are
compared. The texts are tokenized and
tagged once, then each processor runs on them with each pipeline in turn, ``--rounds`` times,
and the medians are printed. Running both in one process, alternating, keeps a shared
machine's load out of the ratio as far as it can be. A processor the speed-up leaves alone
(pos) is the control: its ratio should be 1.00.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks import datasets as ds


#: The comparisons whose two pipelines both have every default speed-up but the one compared.
_DEFAULTS_ON = ("tree-labels", "vocab-memo", "tensors", "lemma-batch", "char-memo",
                "tag-scorers", "label-int8", "ner-decoding", "lemma-memo", "models")


def _prepare(compare: str, base: object, fast: object) -> bool:
    """Give the two pipelines (built with neither speed-up) what ``compare`` measures: the
    speed-up on ``fast`` only. False where it cannot run here (bf16 without native bf16)."""
    from quoteattr.stanza_pipeline import (autocast_pipeline, cpu_has_bf16, ner_where_names,
                                           quantize_pipeline)

    if compare == "int8":
        quantize_pipeline(fast)
    elif compare == "ner-gate":
        for pipe in (base, fast):
            quantize_pipeline(pipe)
            autocast_pipeline(pipe)
        ner_where_names(fast)
    elif compare in _DEFAULTS_ON:
        # both with every default speed-up (build_pipeline gives the last two), then one of
        # them without the one compared (for models: the two model sets differ, nothing else)
        for pipe in (base, fast):
            quantize_pipeline(pipe)
            autocast_pipeline(pipe)
            ner_where_names(pipe)
        _take_off(compare, base)
    else:
        if not cpu_has_bf16():
            return False
        for pipe in (base, fast):
            quantize_pipeline(pipe)
        autocast_pipeline(fast)
    return True


def _take_off(compare: str, base: object) -> None:
    """Take the default speed-up ``compare`` measures off ``base`` (for models: nothing)."""
    from quoteattr.stanza_pipeline import VOCAB_MEMO_PROCESSORS, pipeline_vocabularies

    if compare == "tree-labels":
        del base.processors["depparse"]._trainer.model.predict  # type: ignore[attr-defined]
    elif compare == "vocab-memo":
        for vocab in pipeline_vocabularies(base, VOCAB_MEMO_PROCESSORS):
            for name in ("unit2id", "id2unit", "map", "unmap"):
                vars(vocab).pop(name, None)
    elif compare == "char-memo":
        from stanza.models.common.char_model import CharacterModel

        for proc in base.processors.values():  # type: ignore[attr-defined]
            model = getattr(getattr(proc, "_trainer", None), "model", None)
            for module in model.modules() if model is not None else ():
                if isinstance(module, CharacterModel):
                    vars(module).pop("forward", None)
    elif compare == "label-int8":
        vars(base.processors["depparse"]._trainer.model.deprel).pop(  # type: ignore[attr-defined]
            "_quoteattr_label_int8", None)
    elif compare == "lemma-memo":
        vars(base.processors["lemma"]).pop("process")  # type: ignore[attr-defined]
    elif compare == "ner-decoding":
        from quoteattr.stanza_pipeline import fast_ner_decoding

        fast_ner_decoding(base, on=False)
    elif compare == "tag-scorers":
        from stanza.models.common.biaffine import BiaffineScorer

        for module in base.processors["pos"]._trainer.model.modules():  # type: ignore[attr-defined]
            if isinstance(module, BiaffineScorer):
                vars(module).pop("forward", None)


def _switch(compare: str, fast: bool) -> None:
    """The process-wide speed-ups as the pipeline about to run should have them: on, but
    the one compared only for the fast pipeline."""
    from quoteattr.stanza_pipeline import fast_batch_tensors, lean_lemma_batches

    fast_batch_tensors(compare != "tensors" or fast)
    lean_lemma_batches(compare != "lemma-batch" or fast)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--processors", default="pos,depparse,ner")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--compare", choices=("int8", "bf16", "ner-gate") + _DEFAULTS_ON,
                    default="int8")
    ap.add_argument("--models", type=Path, default=None,
                    help="with --compare models: the candidate model set's directory")
    ap.add_argument("--dataset", default="gum-news", help="the benchmark dataset whose texts run")
    args = ap.parse_args(argv)
    if (args.compare == "models") != (args.models is not None):
        ap.error("--models DIR goes with --compare models (and only with it)")
    # both built with neither speed-up; the compared one is applied below
    os.environ["QUOTEATTR_LSTM_INT8"] = "0"
    os.environ["QUOTEATTR_BF16"] = "0"
    os.environ["QUOTEATTR_NER_ALL"] = "1"
    import stanza
    import torch

    from quoteattr.stanza_pipeline import StanzaParser

    base, fast = {"int8": ("float32", "int8"), "bf16": ("int8", "int8+bf16"),
                  "ner-gate": ("ner-all", "ner-gated"),
                  "tree-labels": ("all-pairs", "tree-arcs"),
                  "vocab-memo": ("lookups", "memoized"),
                  "tensors": ("row-by-row", "one-step"),
                  "lemma-batch": ("both-batches", "lean"),
                  "char-memo": ("every-word", "remembered"),
                  "tag-scorers": ("one-by-one", "shared"),
                  "label-int8": ("float-labels", "int8-labels"),
                  "ner-decoding": ("per-sentence", "batched"),
                  "lemma-memo": ("every-word", "pairs-once"),
                  "models": ("bundled", str(args.models))}[args.compare]
    pipes = {base: StanzaParser("bundled", threads=1).pipeline,
             fast: StanzaParser(args.models or "bundled", threads=1).pipeline}
    os.environ["QUOTEATTR_LSTM_INT8"] = "1"
    os.environ["QUOTEATTR_BF16"] = "1"
    os.environ["QUOTEATTR_NER_ALL"] = "0"
    if not _prepare(args.compare, pipes[base], pipes[fast]):
        print("this CPU has no native bfloat16: nothing to compare", file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    docs = [stanza.Document([], text=d.text)
            for d in ds.load(args.dataset, ds.shared_dir(args.shared))]
    pipes[base](docs, processors="tokenize")
    pipes[base](docs, processors="pos,lemma")
    times: dict[tuple[str, str], list[float]] = {}
    for proc in args.processors.split(","):
        for _ in range(args.rounds):
            for name, pipe in pipes.items():
                _switch(args.compare, name == fast)
                memo = getattr(pipe.processors.get("lemma"), "_quoteattr_memo", None)
                if memo is not None:
                    memo.clear()  # each pass remembers afresh, as one pass over a corpus
                c0 = time.process_time()
                pipe(docs, processors=proc)
                times.setdefault((proc, name), []).append(time.process_time() - c0)
        f = statistics.median(times[(proc, base)])
        q = statistics.median(times[(proc, fast)])
        print(f"{proc}: {base} {f:.2f} s, {fast} {q:.2f} s, ratio {f / q:.2f} "
              f"(rounds: {', '.join(f'{t:.2f}' for t in times[(proc, base)])} / "
              f"{', '.join(f'{t:.2f}' for t in times[(proc, fast)])})", flush=True)
    if args.compare in ("ner-gate", "ner-decoding"):
        tags = {}
        for name, pipe in pipes.items():
            pipe(docs, processors="ner")
            tags[name] = [(t.text, t.ner) for d in docs for sent in d.sentences
                          for t in sent.tokens]
        changed = [(a, b[1]) for a, b in zip(tags[base], tags[fast]) if a != b]
        print(f"NER tags changed: {len(changed)} of {len(tags[base])} tokens "
              f"({', '.join(f'{w} {x}->{y}' for (w, x), y in changed[:12])})")
    if args.compare in _DEFAULTS_ON:
        words = {}
        for name, pipe in pipes.items():
            _switch(args.compare, name == fast)
            pipe(docs, processors="pos,lemma,depparse")
            words[name] = [(w.upos, w.xpos, w.feats, w.lemma, w.head, w.deprel) for d in docs
                           for sent in d.sentences for w in sent.words]
        n_changed = sum(a != b for a, b in zip(words[base], words[fast]))
        print(f"words whose tags, lemma, head or label changed: {n_changed} of "
              f"{len(words[base])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
