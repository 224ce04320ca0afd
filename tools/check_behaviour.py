"""Show that a change to the rules changes no output: snapshot every quote, then compare.

    python tools/check_behaviour.py snapshot OUT.json [--parses /work/parses]
    python tools/check_behaviour.py compare OUT.json [--parses /work/parses] [--show 5]

``snapshot`` attributes every cached parse (``quoteattr.cache`` files made by
``tools/cache_parses.py``) of the benchmark's datasets (NATO, GUM news, LitBank on the
original and on the tokenized text, team-news) with the bundled models' default options
and writes each quote's ``Quote.to_dict()`` to a JSON file.
``compare`` does the same with the current code and prints the counts: documents, quotes,
identical, different (and the first few differences). It exits 1 when anything differs, so a
behaviour-preserving refactoring is checked by running ``compare`` against a snapshot taken
before it. No Stanza call is made: the parses come from the cache.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import quoteattr  # noqa: E402
from quoteattr import cache  # noqa: E402

DATASETS = ("nato", "gum-news", "litbank", "litbank-tokenized", "team-news")


def current(parses: Path) -> dict[str, list[dict[str, Any]]]:
    """Every document's quotes as ``to_dict()`` output, keyed ``dataset/doc id``."""
    att = quoteattr.Attributor(models="bundled")
    out: dict[str, list[dict[str, Any]]] = {}
    for name in DATASETS:
        folder = parses / name
        if not folder.is_dir():
            print(f"skipping {name}: no cached parses in {folder}", file=sys.stderr)
            continue
        for path in sorted(folder.glob("*.parse.json.gz")):
            doc = att.attribute_parsed(cache.load_parse(path))
            key = f"{name}/{path.name[: -len('.parse.json.gz')]}"
            # a JSON round trip, so tuples and lists compare equal to the stored snapshot
            out[key] = json.loads(json.dumps([q.to_dict() for q in doc.quotes]))
    return out


def compare(old: dict[str, list[dict[str, Any]]], new: dict[str, list[dict[str, Any]]],
            show: int = 5) -> dict[str, int]:
    """Counts of documents, quotes, identical and different quotes; prints the first diffs."""
    counts = {"documents": 0, "quotes": 0, "identical": 0, "different": 0}
    shown = 0
    for key in sorted(set(old) | set(new)):
        counts["documents"] += 1
        a, b = old.get(key, []), new.get(key, [])
        for i in range(max(len(a), len(b))):
            counts["quotes"] += 1
            qa = a[i] if i < len(a) else None
            qb = b[i] if i < len(b) else None
            if qa == qb:
                counts["identical"] += 1
                continue
            counts["different"] += 1
            if shown < show:
                shown += 1
                print(f"--- {key} quote {i}\n  before: {qa}\n  after:  {qb}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("snapshot", "compare"))
    ap.add_argument("snapshot_file", type=Path)
    ap.add_argument("--parses", type=Path, default=Path("/work/parses"))
    ap.add_argument("--show", type=int, default=5, help="differences to print")
    args = ap.parse_args(argv)
    new = current(args.parses)
    if args.action == "snapshot":
        args.snapshot_file.write_text(json.dumps(new, ensure_ascii=False, sort_keys=True),
                                      encoding="utf-8")
        print(f"documents {len(new)} quotes {sum(len(v) for v in new.values())}")
        return 0
    old = json.loads(args.snapshot_file.read_text(encoding="utf-8"))
    counts = compare(old, new, args.show)
    print(" ".join(f"{k} {v}" for k, v in counts.items()))
    return 0 if counts["different"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
