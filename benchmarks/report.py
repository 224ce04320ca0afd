"""Reports: results.json, results.md (tables), errors/*.md and PNG plots."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from benchmarks.score import KINDS

BASELINE = "textacy-doc"


def _f(x: Any, digits: int = 3) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def markdown(report: dict[str, Any]) -> str:
    lines = [f"# Benchmark results ({report['date']})", "",
             f"Machine: {report['machine']}. Produced by `python -m benchmarks`.", ""]
    lines += ["## Datasets", "", "| dataset | documents | quotes | speech | words |",
              "|---|---|---|---|---|"]
    for name, d in report["datasets"].items():
        lines.append(f"| {name} | {d['documents']} | {d['quotes']} | {d['speech']} | "
                     f"{d['words']} |")
    systems = {k: v for k, v in report["systems"].items() if "datasets" in v}
    lines += ["", "## Accuracy", "",
              "Span scores are over speech quotes. Speaker accuracy is over matched quotes; "
              "end-to-end counts a quote only with the right speaker.", "",
              "| dataset | system | span F1 exact | span F1 overlap | non-speech precision | "
              "speaker accuracy | end-to-end P | end-to-end R | end-to-end F1 |",
              "|---|---|---|---|---|---|---|---|---|"]
    for dname in report["datasets"]:
        for sname, s in systems.items():
            m = s["datasets"].get(dname)
            if not m:
                continue
            lines.append(
                f"| {dname} | {sname} | {_f(m['spans_exact']['f1'])} | "
                f"{_f(m['spans_overlap']['f1'])} | {_f(m['nonspeech_precision'])} | "
                f"{_f(m['speaker_accuracy'])} | {_f(m['end_to_end']['precision'])} | "
                f"{_f(m['end_to_end']['recall'])} | **{_f(m['end_to_end']['f1'])}** |")
    lines += ["", "## Speaker accuracy by gold speaker kind", "",
              "Accuracy on matched quotes (end-to-end recall in brackets; n = gold quotes).", ""]
    for dname in report["datasets"]:
        kinds = sorted({k for s in systems.values() for k in
                        s["datasets"].get(dname, {}).get("by_kind", {})},
                       key=lambda k: (KINDS + ("none",)).index(k) if k in KINDS + ("none",)
                       else 99)
        if not kinds:
            continue
        lines += [f"### {dname}", "", "| system | " + " | ".join(kinds) + " |",
                  "|---|" + "---|" * len(kinds)]
        for sname, s in systems.items():
            bk = s["datasets"].get(dname, {}).get("by_kind", {})
            cells = []
            for k in kinds:
                v = bk.get(k)
                cells.append(f"{_f(v['accuracy'])} ({_f(v['end_to_end_recall'])}; n={v['gold']})"
                             if v else "–")
            lines.append(f"| {sname} | " + " | ".join(cells) + " |")
        lines.append("")
    for sname, s in systems.items():
        if not sname.startswith("quoteattr"):
            continue
        for dname, m in s["datasets"].items():
            conf = m.get("confusion") or {}
            if not conf:
                continue
            preds = sorted({p for row in conf.values() for p in row})
            lines += [f"Confusion, {sname} on {dname} (rows gold kind, columns predicted):", "",
                      "| gold \\ predicted | " + " | ".join(preds) + " |",
                      "|---|" + "---|" * len(preds)]
            for g, row in conf.items():
                lines.append(f"| {g} | " + " | ".join(str(row.get(p, 0)) for p in preds) + " |")
            lines.append("")
    lines += ["## Speakers named by a pronoun", "",
              "Matched quotes whose speaker mention is a pronoun (he, she, they ...), and how many "
              "got the right speaker: the most that a better coreference could change.", "",
              "| dataset | system | pronoun-named quotes | right |", "|---|---|---|---|"]
    for dname in report["datasets"]:
        for sname, s in systems.items():
            m = s["datasets"].get(dname)
            if m and sname.startswith("quoteattr"):
                pr = m["pronoun_speakers"]
                lines.append(f"| {dname} | {sname} | {pr['quotes']} | {pr['right']} |")
    lines += ["", "## Speed and memory", "",
              "Words per second end to end over all datasets (parse + attribution), model load "
              "time, and peak resident memory of the system's own process.", "",
              "| system | words/s | parse s | attribution s | ratio to textacy-doc | load s | "
              "peak RSS MB |", "|---|---|---|---|---|---|---|"]
    speeds = {}
    for sname, s in systems.items():
        words = sum(m["speed"]["words"] for m in s["datasets"].values())
        parse = sum(m["speed"]["seconds"]["parse"] for m in s["datasets"].values())
        attr = sum(m["speed"]["seconds"]["attribute"] for m in s["datasets"].values())
        speeds[sname] = (words / (parse + attr) if parse + attr else None, parse, attr)
    base = speeds.get(BASELINE, (None,))[0]
    for sname, (wps, parse, attr) in speeds.items():
        ratio = wps / base if wps and base else None
        s = systems[sname]
        lines.append(f"| {sname} | {_f(wps, 0)} | {_f(parse, 1)} | {_f(attr, 2)} | "
                     f"{_f(ratio, 2)} | {_f(s['load_seconds'], 1)} | {_f(s['peak_rss_mb'], 0)} |")
    curves = {k: s["curve"] for k, s in systems.items() if s.get("curve")}
    if curves:
        sizes = [c["words"] for c in next(iter(curves.values()))]
        lines += ["", "Time (seconds) for one document of n words, and seconds per 1,000 words "
                  "(flat = linear cost):", "",
                  "| system | " + " | ".join(f"{n:,}" for n in sizes) + " | s/1k words |",
                  "|---|" + "---|" * (len(sizes) + 1)]
        for sname, c in curves.items():
            per_k = ", ".join(f"{p['seconds'] / p['words'] * 1000:.2f}" for p in c)
            lines.append(f"| {sname} | " + " | ".join(_f(p["seconds"], 2) for p in c) +
                         f" | {per_k} |")
    if report.get("messages"):
        lines += ["", "## Notes", ""] + [f"- {m}" for m in report["messages"]]
    for sname, s in report["systems"].items():
        if "bailouts" in s:
            lines.append(f"- {sname}: textacy raised on unbalanced quotation marks "
                         f"{s['bailouts']} times (those documents or paragraphs gave nothing)")
    return "\n".join(lines) + "\n"


def errors_markdown(sname: str, dname: str, errors: list[dict[str, Any]]) -> str:
    lines = [f"# Errors of {sname} on {dname}", "", f"{len(errors)} errors.", ""]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for e in errors:
        by_doc.setdefault(e["doc"], []).append(e)
    for doc, errs in by_doc.items():
        lines += [f"## {doc}", ""]
        for e in errs:
            extra = ""
            if e["type"] == "wrong-speaker":
                extra = f" — gold: {e['gold']!r}, predicted: {e['predicted']!r} ({e['predicted_kind']})"
            elif e["type"] == "spurious" and e.get("predicted"):
                extra = f" — predicted speaker {e['predicted']!r}"
            lines.append(f"- **{e['type']}**: “{e['quote']}”{extra}")
        lines.append("")
    return "\n".join(lines)


def make_plots(report: dict[str, Any], out: Path) -> list[Path]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    systems = {k: v for k, v in report["systems"].items() if "datasets" in v}
    paths = []
    datasets = list(report["datasets"])
    fig, axes = plt.subplots(1, len(datasets), figsize=(5 * len(datasets), 4), squeeze=False)
    for ax, dname in zip(axes[0], datasets):
        kinds = [k for k in KINDS + ("none",) if any(
            k in s["datasets"].get(dname, {}).get("by_kind", {}) for s in systems.values())]
        width = 0.8 / max(1, len(systems))
        for n, (sname, s) in enumerate(systems.items()):
            bk = s["datasets"].get(dname, {}).get("by_kind", {})
            vals = [(bk.get(k) or {}).get("end_to_end_recall") or 0 for k in kinds]
            ax.bar([i + n * width for i in range(len(kinds))], vals, width, label=sname)
        ax.set_xticks([i + width * (len(systems) - 1) / 2 for i in range(len(kinds))])
        ax.set_xticklabels(kinds, rotation=20)
        ax.set_ylim(0, 1)
        ax.set_title(f"{dname}: end-to-end recall by speaker kind")
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    p = out / "accuracy_by_kind.png"
    fig.savefig(p, dpi=110)
    plt.close(fig)
    paths.append(p)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    names, wps = [], []
    for sname, s in systems.items():
        words = sum(m["speed"]["words"] for m in s["datasets"].values())
        secs = sum(sum(m["speed"]["seconds"].values()) for m in s["datasets"].values())
        names.append(sname)
        wps.append(words / secs if secs else 0)
    ax.barh(names, wps)
    ax.set_xlabel("words per second (end to end)")
    ax.set_title(f"Throughput, {report['machine'].split(',')[1].strip()}")
    fig.tight_layout()
    p = out / "throughput.png"
    fig.savefig(p, dpi=110)
    plt.close(fig)
    paths.append(p)
    return paths


def file_slug(name: str) -> str:
    """A system name made safe as a file name (``quoteattr@/x/y`` -> ``quoteattr@_x_y``)."""
    return re.sub(r"[^\w@.+-]+", "_", name).strip("_") or "system"


def write_reports(report: dict[str, Any], out: Path, plot: bool = True) -> list[Path]:
    """Write results.json, results.md, errors/<system>-<dataset>.md and (with matplotlib)
    the PNG plots into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "errors").mkdir(exist_ok=True)
    paths = []
    slim = json.loads(json.dumps(report))
    for sname, s in slim["systems"].items():
        for dname, m in s.get("datasets", {}).items():
            errs = m.pop("errors", [])
            p = out / "errors" / f"{file_slug(sname)}-{dname}.md"
            p.write_text(errors_markdown(sname, dname, errs), encoding="utf-8")
            m["n_errors"] = len(errs)
    p = out / "results.json"
    p.write_text(json.dumps(slim, indent=1) + "\n", encoding="utf-8")
    paths.append(p)
    p = out / "results.md"
    p.write_text(markdown(slim), encoding="utf-8")
    paths.append(p)
    if plot:
        paths.extend(make_plots(slim, out))
    return paths
