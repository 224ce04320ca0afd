"""Reports: results.json, results.md (tables), errors/*.md and PNG plots (accuracy by kind,
calibration, throughput)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from benchmarks.score import KINDS

BASELINE = "textacy-doc"


def _f(x: Any, digits: int = 3) -> str:
    """A table cell: a metric with no cases (None) is "n/a", never 0."""
    if x is None:
        return "n/a"
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
              "end-to-end counts a quote only with the right speaker. *Strict* (the default): "
              "the predicted name or label names the gold speaker (equals or holds one of its "
              "aliases); only a speaker the text never names falls back to the mention. "
              "*Lenient*: also the rule of earlier releases (any predicted mention overlapping "
              "a mention of the gold entity, even an unresolved \"he\").", "",
              "| dataset | system | span F1 exact | span F1 overlap | non-speech precision | "
              "speaker accuracy | speaker accuracy (lenient) | end-to-end P | end-to-end R | "
              "end-to-end F1 | end-to-end F1 (lenient) |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for dname in report["datasets"]:
        for sname, s in systems.items():
            m = s["datasets"].get(dname)
            if not m:
                continue
            lenient = m.get("end_to_end_lenient") or {}
            lines.append(
                f"| {dname} | {sname} | {_f(m['spans_exact']['f1'])} | "
                f"{_f(m['spans_overlap']['f1'])} | {_f(m['nonspeech_precision'])} | "
                f"{_f(m['speaker_accuracy'])} | {_f(m.get('speaker_accuracy_lenient'))} | "
                f"{_f(m['end_to_end']['precision'])} | {_f(m['end_to_end']['recall'])} | "
                f"**{_f(m['end_to_end']['f1'])}** | {_f(lenient.get('f1'))} |")
    lines += ["", "## Speaker accuracy by gold speaker kind", "",
              "Strict accuracy on matched quotes, lenient after the slash (strict end-to-end "
              "recall in brackets; n = gold quotes).", ""]
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
                cells.append(f"{_f(v['accuracy'])} / {_f(v.get('accuracy_lenient'))} "
                             f"({_f(v['end_to_end_recall'])}; n={v['gold']})" if v else "n/a")
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
    lines += ["## Unresolved pronoun speakers", "",
              "*Unresolved*: predicted speech quotes whose speaker is only a pronoun (he, she, "
              "I, they ...) with no name and no named entity, and their share of all predicted "
              "speech quotes (the issue's target: at most 3% on fiction). *Pronoun-named*: "
              "matched quotes whose speaker mention is a pronoun, resolved or not, and how many "
              "got the right speaker, strict and lenient.", "",
              "| dataset | system | unresolved | of speech quotes | share | pronoun-named | "
              "right (strict) | right (lenient) |", "|---|---|---|---|---|---|---|---|"]
    for dname in report["datasets"]:
        for sname, s in systems.items():
            m = s["datasets"].get(dname)
            if not m:
                continue
            un = m.get("unresolved_pronouns") or {}
            pr = m["pronoun_speakers"]
            lines.append(f"| {dname} | {sname} | {_f(un.get('quotes'))} | "
                         f"{_f(un.get('speech_quotes'))} | {_f(un.get('share'))} | "
                         f"{pr['quotes']} | {pr['right']} | {_f(pr.get('right_lenient'))} |")
    lines += ["", "## Speaker entities (B³)", "",
              "B³ over quote -> entity clusters, on the matched speech quotes of datasets whose "
              "gold speakers are coreference entities (LitBank): gold clusters by entity, "
              "predicted clusters by the speaker's `entity` id when the system gives one, else "
              "by its normalized name or label within the document.", "",
              "| dataset | system | B³ precision | B³ recall | B³ F1 | quotes |",
              "|---|---|---|---|---|---|"]
    for dname in report["datasets"]:
        for sname, s in systems.items():
            m = s["datasets"].get(dname)
            if not m:
                continue
            b3 = m.get("b_cubed") or {}
            lines.append(f"| {dname} | {sname} | {_f(b3.get('precision'))} | "
                         f"{_f(b3.get('recall'))} | {_f(b3.get('f1'))} | "
                         f"{_f(b3.get('items'))} |")
    lines += ["", "## Calibration", "",
              "Predicted speech quotes by `confidence`, and the share right end to end (the "
              "quote matches a gold speech quote and the speaker is right, strict). Cells: "
              "accuracy (quotes); bins are [low, high), the last one includes 1.0. Plot: "
              "`calibration.png`.", ""]
    bins_hdr = None
    rows = []
    for dname in report["datasets"]:
        for sname, s in systems.items():
            cal = (s["datasets"].get(dname) or {}).get("calibration")
            if not cal:
                continue
            bins_hdr = bins_hdr or [f"{b['low']:.1f}–{b['high']:.1f}" for b in cal["bins"]]
            cells = [f"{_f(b['accuracy'])} ({b['quotes']})" if b["quotes"] else "n/a"
                     for b in cal["bins"]]
            rows.append(f"| {dname} | {sname} | " + " | ".join(cells) + " |")
    if bins_hdr:
        lines += ["| dataset | system | " + " | ".join(bins_hdr) + " |",
                  "|---|---|" + "---|" * len(bins_hdr)] + rows
        lines += ["", "Targets: quotes with confidence ≥ 0.9 right at least 90% of the time, "
                  "≥ 0.5 at least 75%.", "",
                  "| dataset | system | ≥ 0.9: accuracy (quotes) | target 0.90 | "
                  "≥ 0.5: accuracy (quotes) | target 0.75 |", "|---|---|---|---|---|---|"]
        for dname in report["datasets"]:
            for sname, s in systems.items():
                cal = (s["datasets"].get(dname) or {}).get("calibration")
                if not cal:
                    continue
                cells = []
                for t in cal["targets"]:
                    met = {True: "met", False: "**not met**", None: "n/a"}[t["met"]]
                    cells += [f"{_f(t['accuracy'])} ({t['quotes']})", met]
                lines.append(f"| {dname} | {sname} | " + " | ".join(cells) + " |")
    if not report.get("parses"):
        lines += _speed_lines(systems)
    if report.get("parses"):
        lines += ["", f"quoteattr systems attributed cached parses from `{report['parses']}` "
                  "(`--parses`): their parse time is not measured, so there is no speed table."]
    if report.get("messages"):
        lines += ["", "## Notes", ""] + [f"- {m}" for m in report["messages"]]
    for sname, s in report["systems"].items():
        if "bailouts" in s:
            lines.append(f"- {sname}: textacy raised on unbalanced quotation marks "
                         f"{s['bailouts']} times (those documents or paragraphs gave nothing)")
    return "\n".join(lines) + "\n"


def _speed_lines(systems: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    lines += ["", "## Speed and memory", "",
              "Words per second end to end over all datasets (parse + attribution, wall clock), "
              "the same per CPU second of the system's process (all its threads; steadier than "
              "wall time on a shared machine), model load time, and peak resident memory of "
              "the system's own process. Ratios are to textacy-doc in the same run.", "",
              "| system | words/s | parse s | attribution s | ratio to textacy-doc | "
              "words/CPU s | CPU ratio to textacy-doc | load s | peak RSS MB |",
              "|---|---|---|---|---|---|---|---|---|"]
    speeds = {}
    for sname, s in systems.items():
        words = sum(m["speed"]["words"] for m in s["datasets"].values())
        parse = sum(m["speed"]["seconds"]["parse"] for m in s["datasets"].values())
        attr = sum(m["speed"]["seconds"]["attribute"] for m in s["datasets"].values())
        cpus = [m["speed"].get("cpu_seconds") for m in s["datasets"].values()]
        cpu = None if not cpus or None in cpus else sum(c for c in cpus if c is not None)
        speeds[sname] = (words / (parse + attr) if parse + attr else None, parse, attr,
                         words / cpu if cpu else None)
    base = speeds.get(BASELINE, (None,))[0]
    base_cpu = speeds.get(BASELINE, (None, None, None, None))[3]
    for sname, (wps, parse, attr, wpc) in speeds.items():
        ratio = wps / base if wps and base else None
        cpu_ratio = wpc / base_cpu if wpc and base_cpu else None
        s = systems[sname]
        lines.append(f"| {sname} | {_f(wps, 0)} | {_f(parse, 1)} | {_f(attr, 2)} | "
                     f"{_f(ratio, 2)} | {_f(wpc, 0)} | {_f(cpu_ratio, 2)} | "
                     f"{_f(s['load_seconds'], 1)} | {_f(s['peak_rss_mb'], 0)} |")
    curves = {k: s["curve"] for k, s in systems.items() if s.get("curve")}
    if curves:
        sizes = [c["words"] for c in next(iter(curves.values()))]
        lines += ["", "Time (seconds, wall clock; CPU seconds in brackets) for one document of "
                  "n words, and wall seconds per 1,000 words (flat = linear cost):", "",
                  "| system | " + " | ".join(f"{n:,}" for n in sizes) + " | s/1k words |",
                  "|---|" + "---|" * (len(sizes) + 1)]
        for sname, c in curves.items():
            per_k = ", ".join(f"{p['seconds'] / p['words'] * 1000:.2f}" for p in c)
            cells = [_f(p["seconds"], 2) + (f" ({_f(p['cpu_seconds'], 2)})"
                                           if p.get("cpu_seconds") is not None else "")
                     for p in c]
            lines.append(f"| {sname} | " + " | ".join(cells) + f" | {per_k} |")
    return lines


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
                extra = (f" — gold: {e['gold']!r}, predicted: {e['predicted']!r} "
                         f"({e['predicted_kind']})"
                         + ("; right by the lenient rule" if e.get("lenient_right") else ""))
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
    paths.extend(calibration_plot(report, out, plt))
    if report.get("parses"):  # attribution only: no throughput to plot
        return paths
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


def calibration_plot(report: dict[str, Any], out: Path, plt: Any) -> list[Path]:
    """calibration.png: a reliability diagram per dataset (accuracy against mean confidence
    per bin, marker area by number of quotes; the diagonal is perfect calibration; the two
    targets drawn as steps)."""
    systems = {k: v for k, v in report["systems"].items() if "datasets" in v}
    datasets = [d for d in report["datasets"] if any(
        (s["datasets"].get(d) or {}).get("calibration", {}).get("quotes") for s in
        systems.values())]
    if not datasets:
        return []
    fig, axes = plt.subplots(1, len(datasets), figsize=(4.2 * len(datasets), 4),
                             squeeze=False)
    for ax, dname in zip(axes[0], datasets):
        ax.plot([0, 1], [0, 1], color="grey", lw=0.8, ls=":", label="perfect calibration")
        ax.plot([0.5, 0.9, 0.9, 1.0], [0.75, 0.75, 0.9, 0.9], color="red", lw=0.8,
                ls="--", label="targets")
        for sname, s in systems.items():
            cal = (s["datasets"].get(dname) or {}).get("calibration") or {}
            pts = [(b["mean_confidence"], b["accuracy"], b["quotes"])
                   for b in cal.get("bins", []) if b["quotes"]]
            if not pts:
                continue
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", lw=1, label=sname)
            ax.scatter([p[0] for p in pts], [p[1] for p in pts],
                       s=[20 + 300 * p[2] / max(q[2] for q in pts) for p in pts], alpha=0.3)
            for x, y, n in pts:
                ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10),
                            fontsize=7)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("confidence (mean in bin)")
        ax.set_ylabel("right end to end (strict)")
        ax.set_title(f"{dname}: reliability")
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    p = out / "calibration.png"
    fig.savefig(p, dpi=110)
    plt.close(fig)
    return [p]


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
