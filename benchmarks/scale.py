"""Memory at corpus scale: stream N documents through ``Attributor.pipe`` and record peak RSS.

``python -m benchmarks.scale --docs 1000,10000``: each N runs in a fresh process; the result
(benchmarks/results/scale.md and .json) shows peak RSS after loading the models and after N
documents. Flat memory means the second number does not grow with N. ``--processes 1,2``
streams each N once per ``n_process`` value (with workers, the parent's peak and the largest
worker's).

``--dense`` (on by default; ``--dense ''`` skips it) also attributes the hard inputs of issue 19,
each alone in a fresh process: a few kilobytes of dense quotation marks or full stops that
Stanza's tokenizer reads as one sentence of 1,500-2,400 words (they took 6-17 GB before
sentences handed to the parser were bounded, see ``quoteattr.stanza_pipeline.MAX_SENTENCE_WORDS``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

TEMPLATES = [
    "“We are ready for round {i},” the minister said. Talks resumed on Monday.",
    "Officials said the plan was “on track.” One diplomat added, “We will see by {i} May.”",
    "The Kremlin rejected the report. “It is baseless,” a spokesman said in statement {i}.",
    "Markets were calm on day {i}, with no quotation in this short item at all.",
]


#: Hard inputs of issue 19: name -> text.
DENSE_INPUTS = {
    "dots": "“x” " + (". " * 1500)[:2996],
    "quoted-dots": "“x” " + ("“a”. " * 600)[:2996],
    "quote-run": ("“a”" * 333 + ". ") * 2,
}


def texts(n: int):
    for i in range(n):
        yield (f"doc{i}", TEMPLATES[i % len(TEMPLATES)].format(i=i))


def _run(n: int, models: str, batch_size: int, processes: int, conn) -> None:
    import quoteattr

    att = quoteattr.Attributor(models=models, threads=1)
    if processes == 1:
        _ = att.parser.pipeline
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    n_docs = n_quotes = 0
    last_id = None
    for doc in att.pipe(texts(n), batch_size=batch_size, n_process=processes):
        n_docs += 1
        n_quotes += len(doc.quotes)
        last_id = doc.id
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # with workers, the largest worker's peak (they have ended when pipe() is done)
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    conn.send({"documents": n_docs, "processes": processes, "quotes": n_quotes,
               "last_id": last_id, "seconds": round(seconds, 1),
               "rss_after_load_mb": round(loaded, 1), "peak_rss_mb": round(peak, 1),
               "worker_peak_rss_mb": round(worker, 1) if processes > 1 else None})
    conn.close()


def _run_dense(name: str, models: str, conn) -> None:
    import quoteattr

    att = quoteattr.Attributor(models=models, threads=1)
    _ = att.parser.pipeline
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = DENSE_INPUTS[name]
    start = time.perf_counter()
    doc = att(text)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send({"input": name, "characters": len(text), "quotes": len(doc.quotes),
               "seconds": round(seconds, 1), "rss_after_load_mb": round(loaded, 1),
               "peak_rss_mb": round(peak, 1)})
    conn.close()


def _in_process(ctx, target, args) -> dict:
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(*args, child))
    proc.start()
    child.close()
    try:
        row = parent.recv()
    except EOFError:
        proc.join()
        raise SystemExit(f"the measuring process for {args[0]!r} died "
                         f"(exit code {proc.exitcode})") from None
    proc.join()
    print(row, file=sys.stderr)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--docs", default="1000,10000")
    parser.add_argument("--models", default="bundled")
    parser.add_argument("--dense", default=",".join(DENSE_INPUTS),
                        help="comma-separated DENSE_INPUTS to attribute ('' for none)")
    parser.add_argument("--processes", default="1",
                        help="comma-separated n_process values to stream with (e.g. 1,2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args(argv)
    ctx = mp.get_context("spawn")
    rows = [_in_process(ctx, _run, (int(n), args.models, args.batch_size, int(p)))
            for p in args.processes.split(",") for n in args.docs.split(",") if n]
    dense = [_in_process(ctx, _run_dense, (name, args.models))
             for name in args.dense.split(",") if name]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps({"streams": rows, "dense_inputs": dense},
                                                    indent=1) + "\n", encoding="utf-8")
    lines = [f"# Streaming memory ({time.strftime('%Y-%m-%d')}, `python -m benchmarks.scale`)", "",
             "| documents | processes | quotes | seconds | RSS after model load (MB) "
             "| peak RSS (MB) | largest worker's peak RSS (MB) |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['documents']:,} | {r['processes']} | {r['quotes']:,} | {r['seconds']} | "
              f"{r['rss_after_load_mb']} | {r['peak_rss_mb']} | "
              f"{r['worker_peak_rss_mb'] or '-'} |" for r in rows]
    if dense:
        lines += ["", "## Dense inputs (issue 19), one at a time", "",
                  "| input | characters | quotes | seconds | RSS after model load (MB) "
                  "| peak RSS (MB) |", "|---|---|---|---|---|---|"]
        lines += [f"| {r['input']} | {r['characters']:,} | {r['quotes']:,} | {r['seconds']} | "
                  f"{r['rss_after_load_mb']} | {r['peak_rss_mb']} |" for r in dense]
    (args.out / "scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
