"""Coreference scores of wl_coref's dev predictions: MUC, B³, CEAF-e, their mean (CoNLL F1) and LEA.

wl_coref evaluates on dev after every epoch and writes what it predicted and the gold next to
each other (``conll_logs/<section>_dev_e<N>.{gold,pred}.conll``); the F1 it logs and selects
the best model by is *span-level LEA*, not the CoNLL F1 papers report. This module scores
those files with the usual definitions, micro-averaged over the documents of the file as the
reference CoNLL-2012 scorer does:

* MUC (Vilain et al. 1995): links;
* B³ (Bagga and Baldwin 1998): per mention;
* CEAF-e (Luo 2005): entities aligned one to one by φ4 = 2|K∩R| / (|K| + |R|);
* CoNLL F1: the mean of the three F1s;
* LEA (Moosavi and Strube 2016): links weighted by entity size, a singleton's one
  "self-link" resolved when the response has it as a singleton too.

Mentions are exact (document, first word, end word) spans. Two conventions for singletons
(entities mentioned once: GUM and LitBank annotate them, wl_coref predicts almost none) are
reported side by side: without them, as the CoNLL-2012 shared task scored (the headline
figure, comparable with published CoNLL F1), and with them, as the CorefUD data has them.
``python -m training.coref_score DIR`` prints one row per epoch.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

Mention = tuple[str, int, int]  # (document, first word, end word exclusive)
Cluster = frozenset[Mention]

# "(e3-1" opens entity 3 (1: its head's offset), "(e3-0)" is a one-word mention, "e3)" closes
_BRACKET_RE = re.compile(r"\(e(\d+)(?:-[^()]*)?(\))?|e(\d+)\)")


def read_clusters(path: str | Path) -> list[Cluster]:
    """The entities of a wl_coref ``.conll`` log (``# newdoc`` blocks, ``Entity=`` in MISC)."""
    clusters: dict[tuple[str, int], set[Mention]] = {}
    doc = ""
    open_at: dict[int, list[int]] = {}
    word = -1
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id ="):
                doc = line.split("=", 1)[1].strip()
                open_at, word = {}, -1
                continue
            if not line or line.startswith("#"):
                continue
            word += 1
            misc = line.split("\t")[-1]
            value = next((m[7:] for m in misc.split("|") if m.startswith("Entity=")), "")
            for m in _BRACKET_RE.finditer(value):
                opened, single, closed = m.group(1), m.group(2), m.group(3)
                if opened is not None and single:
                    clusters.setdefault((doc, int(opened)), set()).add((doc, word, word + 1))
                elif opened is not None:
                    open_at.setdefault(int(opened), []).append(word)
                else:
                    eid = int(closed)
                    if not open_at.get(eid):
                        raise ValueError(f"{path}: {doc} word {word} closes e{eid}, never opened")
                    start = open_at[eid].pop()
                    clusters.setdefault((doc, eid), set()).add((doc, start, word + 1))
    return [frozenset(c) for c in clusters.values()]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) by MUC's link count."""
    def recall(k: Sequence[Cluster], r: Sequence[Cluster]) -> float:
        where = {m: i for i, c in enumerate(r) for m in c}
        num = den = 0
        for c in k:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    r, p = recall(key, response), recall(response, key)
    return r, p, _f1(p, r)


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) of B³, micro over mentions."""
    def recall(k: Sequence[Cluster], r: Sequence[Cluster]) -> float:
        where = {m: c for c in r for m in c}
        num = 0.0
        total = sum(len(c) for c in k)
        for c in k:
            for m in c:
                other = where.get(m)
                if other is not None:
                    num += len(c & other) / len(c)
        return num / total if total else 0.0
    r, p = recall(key, response), recall(response, key)
    return r, p, _f1(p, r)


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) of entity-based CEAF: the best one-to-one alignment by φ4."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    where = {m: j for j, c in enumerate(response) for m in c}
    sim = [[0.0] * len(response) for _ in key]
    for i, k in enumerate(key):
        for j in {where[m] for m in k if m in where}:
            sim[i][j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    best = _max_assignment(sim)
    return best / len(key), best / len(response), _f1(best / len(response), best / len(key))


def _max_assignment(sim: list[list[float]]) -> float:
    """The largest sum of a one-to-one assignment of rows to columns (scipy's solver)."""
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError as exc:  # pragma: no cover - scipy is in the train extra
        raise RuntimeError("CEAF-e needs scipy: pip install -e '.[train]'") from exc
    matrix = np.asarray(sim, dtype=float)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return float(matrix[rows, cols].sum())


def lea(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) of LEA: resolved links per entity, weighted by entity size."""
    def recall(k: Sequence[Cluster], r: Sequence[Cluster]) -> float:
        where = {m: c for c in r for m in c}
        num = den = 0.0
        for c in k:
            if len(c) == 1:
                (m,) = c
                links, resolved = 1, float(where.get(m) == c)
            else:
                links = len(c) * (len(c) - 1) // 2
                resolved = 0.0
                for other in {where[m] for m in c if m in where}:
                    n = len(c & other)
                    resolved += n * (n - 1) / 2
            num += len(c) * resolved / links
            den += len(c)
        return num / den if den else 0.0
    r, p = recall(key, response), recall(response, key)
    return r, p, _f1(p, r)


def score(key: Sequence[Cluster], response: Sequence[Cluster], *,
          singletons: bool = True) -> dict[str, float]:
    """Every metric's F1 (and recall/precision) and the CoNLL F1.

    ``singletons=False`` drops one-mention entities from both sides first (CoNLL-2012).
    """
    if not singletons:
        key = [c for c in key if len(c) > 1]
        response = [c for c in response if len(c) > 1]
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e), ("lea", lea)):
        r, p, f = fn(key, response)
        out.update({f"{name}_r": r, f"{name}_p": p, f"{name}_f1": f})
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def score_logs(conll_dir: str | Path, split: str = "dev") -> list[dict[str, float]]:
    """One row per epoch logged in ``conll_dir`` (``*_<split>_e<N>.gold/pred.conll``)."""
    rows = []
    for gold in sorted(Path(conll_dir).glob(f"*_{split}_e*.gold.conll"), key=_epoch):
        pred = gold.with_name(gold.name.replace(".gold.", ".pred."))
        if not pred.exists():
            continue
        key, response = read_clusters(gold), read_clusters(pred)
        row = {"epoch": float(_epoch(gold))}
        row.update(score(key, response, singletons=False))
        row.update({f"{k}_sgl": v for k, v in score(key, response).items()})
        rows.append(row)
    return rows


def _epoch(path: Path) -> int:
    m = re.search(r"_e(\d+)\.", path.name)
    return int(m.group(1)) if m else -1


def markdown(rows: Iterable[dict[str, float]]) -> str:
    """The per-epoch table: without singletons first, the two with-singleton F1s last."""
    lines = ["| epoch | CoNLL F1 | MUC F1 | B³ F1 | CEAF-e F1 | LEA F1 | CoNLL F1 with singletons "
             "| LEA F1 with singletons |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {int(r['epoch'])} | {r['conll_f1']:.3f} | {r['muc_f1']:.3f} | "
                     f"{r['b3_f1']:.3f} | {r['ceafe_f1']:.3f} | {r['lea_f1']:.3f} | "
                     f"{r['conll_f1_sgl']:.3f} | {r['lea_f1_sgl']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.coref_score",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("conll_dir", type=Path, help="wl_coref's conll_logs folder")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--json", action="store_true", help="JSON rows instead of a table")
    args = parser.parse_args(argv)
    rows = score_logs(args.conll_dir, args.split)
    if not rows:
        parser.error(f"no *_{args.split}_e*.gold.conll with a .pred.conll in {args.conll_dir}")
    print(json.dumps(rows, indent=1) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
