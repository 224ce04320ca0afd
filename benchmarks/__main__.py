"""Run the benchmark: ``python -m benchmarks --help``.

Every system runs in a child process of its own (so its peak memory is its own), on the same
machine, in the same run. The parent scores the predictions (benchmarks/score.py) and writes
JSON, Markdown and PNG reports (benchmarks/report.py).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import datasets as ds
from benchmarks.runner import run_system
from benchmarks.score import score
from benchmarks.systems import DEFAULT_SYSTEMS, SYSTEMS

DEFAULT_DATASETS = ("nato", "gum-news", "litbank")  # litbank-tokenized on request
DEFAULT_CURVE = (1000, 3000, 10000, 30000, 100000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--datasets", default=",".join(DEFAULT_DATASETS),
                        help=f"comma-separated, from {', '.join(ds.LOADERS)}")
    parser.add_argument("--systems", default=",".join(DEFAULT_SYSTEMS),
                        help=f"comma-separated, from {', '.join(SYSTEMS)}, or quoteattr@DIR for "
                             "quoteattr on the model folder DIR")
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared data folder (default $QUOTEATTR_SHARED or ../shared)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results",
                        help="output folder (default benchmarks/results)")
    parser.add_argument("--curve", default=",".join(map(str, DEFAULT_CURVE)),
                        help="document lengths in words for the time curve ('' to skip)")
    parser.add_argument("--no-plot", action="store_true", help="skip the PNG plots")
    parser.add_argument("--parses", type=Path, default=None,
                        help="score quoteattr systems from the cached parses in this folder "
                             "(DIR/<dataset>/<doc id>.parse.json.gz, as tools/cache_parses.py "
                             "writes them) instead of parsing the texts; other systems parse "
                             "as usual. Speed figures are then attribution only")
    args = parser.parse_args(argv)
    shared = ds.shared_dir(args.shared)
    names = [n for n in args.datasets.split(",") if n]
    systems = [s for s in args.systems.split(",") if s]
    curve = [int(x) for x in args.curve.split(",") if x]

    golds: dict[str, list[ds.GoldDocument]] = {}
    messages: list[str] = []
    for name, loaded in ds.iter_all(shared, names):
        if isinstance(loaded, ds.DataMissing):
            messages.append(f"dataset {name} skipped: {loaded}")
            print(messages[-1], file=sys.stderr)
        else:
            golds[name] = loaded
    if not golds:
        print("no dataset found; nothing to do", file=sys.stderr)
        return 2

    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {mp.cpu_count()} CPUs, {platform.system()} "
                   f"{platform.release()}, Python {platform.python_version()}",
        "datasets": {n: {"documents": len(d), "quotes": sum(len(x.quotes) for x in d),
                         "speech": sum(1 for x in d for q in x.quotes if q.speech),
                         "words": sum(x.n_words for x in d)} for n, d in golds.items()},
        "systems": {}, "messages": messages,
        "parses": str(args.parses) if args.parses else None,
    }
    for sname in systems:
        print(f"running {sname} ...", file=sys.stderr)
        res = run_system(sname, list(golds), shared, curve, args.parses)
        if "skipped" in res or "failed" in res:
            msg = res.get("skipped") or res.get("failed")
            messages.append(f"system {sname} skipped: {msg.splitlines()[0]}")
            print(messages[-1], file=sys.stderr)
            report["systems"][sname] = {k: v for k, v in res.items() if k != "system"}
            continue
        entry: dict[str, Any] = {"description": res["description"],
                                 "load_seconds": res["load_seconds"],
                                 "peak_rss_mb": res["peak_rss_mb"], "curve": res["curve"],
                                 "datasets": {}}
        if "bailouts" in res:
            entry["bailouts"] = res["bailouts"]
        for dname, dres in res["datasets"].items():
            metrics = score(golds[dname], dres["predictions"])
            secs = dres["seconds"]
            total = sum(secs.values())
            cpu = dres.get("cpu_seconds")
            metrics["speed"] = {"seconds": {k: round(v, 3) for k, v in secs.items()},
                                "words": dres["words"],
                                "words_per_second": round(dres["words"] / total, 1)
                                if total else None,
                                "cpu_seconds": round(cpu, 3) if cpu is not None else None,
                                "words_per_cpu_second": round(dres["words"] / cpu, 1)
                                if cpu else None}
            entry["datasets"][dname] = metrics
        report["systems"][sname] = entry
    from benchmarks.report import write_reports

    paths = write_reports(report, args.out, plot=not args.no_plot)
    for p in paths:
        print(f"wrote {p}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
