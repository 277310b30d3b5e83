"""Benchmark: audit throughput against a bare parse of the same mbox.

    python bench/audit_throughput.py                    # 100,000 messages
    python bench/audit_throughput.py --messages 20000 --repeat 3 --json out.json

Generates (once; cached under bench/out/ by size, seed and generator version)
an mbox of N messages with bench/generate.py, then measures in one process,
side by side:

* **bare**: the mbox read with the audit's own streaming reader
  (``connectors.files.MboxConnector``) and ``email.message_from_bytes(data,
  policy=compat32)`` per message: the floor any mail tool pays;
* **audit**: what ``auditor audit FILE`` does, in-process
  (``auditor.audit.Auditor(Config(), store).audit([FILE])``) with its default
  store, an SQLite file, fresh in a temporary directory; then the JSON report
  rendered from the result (timed apart);
* **audit --no-store**: the same with no store.

The audits run with ``--jobs`` processes (default: the cores, as the CLI);
their CPU time counts the workers' too, so the CPU ratio measures all the
work done, and the wall-clock ratio what a user waits.

It prints messages/s for each (wall clock and CPU time, which other load on
the machine disturbs less), the ratio audit/bare (target: >= 0.5) and the
machine. ``--repeat K`` runs everything K times, alternating the order, and
keeps each one's best run. Before the first timed run a 200-message audit of
another mailbox loads the modules and language models, as the CLI does once
at start-up. ``--profile FILE`` then profiles one more audit with pyinstrument.
"""

from __future__ import annotations

import argparse
import email
import gc
import importlib.util
import sys
import tempfile
import time
from email import policy
from pathlib import Path
from typing import Any

import benchlib  # also puts the repository root on sys.path
from generate import ensure_mbox

from auditor.audit import Auditor
from auditor.config import Config
from auditor.pool import default_jobs
from auditor.report import render
from auditor.store import open_store
from connectors.files import MboxConnector

TARGET = 0.5


def figures(count: int, timer: benchlib.Timer, **extra: Any) -> dict[str, Any]:
    return {
        "messages": count,
        "seconds": round(timer.wall, 3),
        "cpu_seconds": round(timer.cpu, 3),
        "messages_per_second": benchlib.rate(count, timer.wall),
        "messages_per_cpu_second": benchlib.rate(count, timer.cpu),
        **extra,
    }


def read_only(path: Path) -> dict[str, Any]:
    """The streaming reader alone (how much of the bare loop is reading)."""
    count = size = 0
    with benchlib.Timer() as timer, MboxConnector(str(path)) as source:
        for raw in source.messages():
            count += 1
            size += len(raw.data)
    return figures(count, timer, bytes=size)


def bare(path: Path) -> dict[str, Any]:
    """Read + ``email.message_from_bytes(compat32)`` per message."""
    count = 0
    parse = email.message_from_bytes
    compat32 = policy.compat32
    with benchlib.Timer() as timer, MboxConnector(str(path)) as source:
        for raw in source.messages():
            parse(raw.data, policy=compat32)
            count += 1
    return figures(count, timer)


def audit(path: Path, with_store: bool, jobs: int = 1) -> dict[str, Any]:
    """``auditor audit FILE`` in-process: the pipeline, then the JSON report.
    ``jobs`` as ``--jobs`` (workers' CPU time is counted)."""
    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        store = None
        with benchlib.Timer() as timer:
            if with_store:
                store = open_store(f"sqlite:///{tmp}/auditor.db")
            result = Auditor(Config(), store, jobs=jobs).audit([str(path)])
        with benchlib.Timer() as report:
            text = render(result, "json")
        out = figures(
            result.messages,
            timer,
            jobs=jobs,
            main_process_cpu_seconds=round(timer.own_cpu, 3),
            findings=len(result.findings),
            notices=len(result.notices),
            errors=len(result.errors),
            report_seconds=round(report.wall, 3),
            report_bytes=len(text),
        )
        if store is not None:
            out["store_bytes"] = sum(p.stat().st_size for p in Path(tmp).iterdir())
            store.engine.dispose()
    close = getattr(result.findings, "close", None)  # a FindingLog spills to a temp file
    if close is not None:
        close()
    del result, text
    gc.collect()
    return out


def profile(path: Path, out: Path) -> None:
    """One more audit with its store, under pyinstrument (not timed)."""
    from pyinstrument import Profiler

    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        store = open_store(f"sqlite:///{tmp}/auditor.db")
        profiler = Profiler(interval=0.001)
        profiler.start()
        result = Auditor(Config(), store).audit([str(path)])
        render(result, "json")
        profiler.stop()
        store.engine.dispose()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_text(unicode=True, color=False))
    print(f"wrote profile {out}")


def warm_up(seed: int) -> None:
    path = ensure_mbox(200, seed + 1)
    Auditor(Config(), None).audit([str(path)])


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    chosen = dict(min(runs, key=lambda r: r["seconds"]))
    if len(runs) > 1:
        chosen["all_seconds"] = [r["seconds"] for r in runs]
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument("--mbox", type=Path, help="audit this mbox instead of a generated one")
    parser.add_argument(
        "--skip-no-store", action="store_true", help="leave out the --no-store variant"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="then profile one more audit (SQLite store) with pyinstrument "
        "and write the text profile here",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        help="processes for the audit, as auditor audit --jobs (default: the cores)",
    )
    parser.add_argument("--json", help="write the figures to this file too")
    args = parser.parse_args()
    if args.profile and importlib.util.find_spec("pyinstrument") is None:
        parser.error("--profile needs pyinstrument: pip install pyinstrument")

    info = benchlib.machine()
    if args.mbox:
        path = args.mbox
    else:
        started = time.perf_counter()
        path = ensure_mbox(args.messages, args.seed)
        print(
            f"mailbox: {path} ({path.stat().st_size / 2**20:.1f} MiB, "
            f"ready in {time.perf_counter() - started:.1f} s)",
            flush=True,
        )
    warm_up(args.seed)
    read = read_only(path)  # also brings the file into the page cache

    variants = ["bare", "audit"] + ([] if args.skip_no_store else ["audit_no_store"])
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
    for repeat in range(args.repeat):
        order = variants if repeat % 2 == 0 else variants[::-1]
        for name in order:
            if name == "bare":
                figure = bare(path)
            else:
                figure = audit(path, with_store=name == "audit", jobs=args.jobs)
            runs[name].append(figure)
            print(
                f"  run {repeat + 1}/{args.repeat} {name}: {figure['messages']} messages in "
                f"{figure['seconds']:.2f} s ({figure['messages_per_second']:.0f}/s; "
                f"cpu {figure['cpu_seconds']:.2f} s)",
                flush=True,
            )
    results: dict[str, Any] = {
        "benchmark": "audit_throughput",
        "command": benchlib.command_line(),
        "mailbox": str(path),
        "mailbox_bytes": path.stat().st_size,
        "machine": info,
        "read_only": read,
        **{name: best(r) for name, r in runs.items()},
    }
    bare_rate = results["bare"]["messages_per_second"]
    print()
    print(f"messages: {results['bare']['messages']}  ({results['mailbox_bytes'] / 2**20:.1f} MiB)")
    print(f"{'':26}{'msg/s':>10}{'seconds':>10}{'msg/cpu-s':>11}{'× bare':>8}")
    rows = [("read only (MboxConnector)", read), ("bare parse (compat32)", results["bare"])]
    rows.append(("audit (SQLite store)", results["audit"]))
    if "audit_no_store" in results:
        rows.append(("audit --no-store", results["audit_no_store"]))
    for label, row in rows:
        print(
            f"{label:26}{row['messages_per_second']:>10.0f}{row['seconds']:>10.2f}"
            f"{row['messages_per_cpu_second']:>11.0f}"
            f"{row['messages_per_second'] / bare_rate:>8.3f}"
        )
    audit_row = results["audit"]
    print(
        f"audit: {audit_row['findings']} findings, {audit_row['notices']} notices, "
        f"{audit_row['errors']} errors; JSON report {audit_row['report_bytes'] / 2**20:.1f} "
        f"MiB rendered in {audit_row['report_seconds']:.2f} s (not in the rate)"
    )
    ratio = audit_row["messages_per_second"] / bare_rate if bare_rate else 0.0
    line, met = benchlib.ratio_line("audit/bare", ratio, TARGET)
    results["ratio"] = round(ratio, 4)
    results["cpu_ratio"] = round(
        audit_row["messages_per_cpu_second"] / results["bare"]["messages_per_cpu_second"], 4
    )
    if "audit_no_store" in results:
        results["ratio_no_store"] = round(
            results["audit_no_store"]["messages_per_second"] / bare_rate, 4
        )
        print(f"ratio audit --no-store/bare: {results['ratio_no_store']:.3f}")
    print(
        f"ratio audit/bare on CPU time: {results['cpu_ratio']:.3f} (--jobs {args.jobs}: CPU "
        f"of all processes; the main process alone {audit_row['main_process_cpu_seconds']:.2f} s)"
    )
    print(line)
    results["target"] = {"ratio_at_least": TARGET, "met": met}
    print(benchlib.machine_line(info))
    if args.profile:
        profile(path, args.profile)
        results["profile"] = str(args.profile)
    benchlib.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
