"""Benchmark: peak memory of ``auditor audit`` at 10,000 and 100,000 messages.

    python bench/memory.py                       # 10k and 100k
    python bench/memory.py --sizes 2000 20000 --json out.json

Runs, for each size, the real command line in a child process::

    python -m auditor audit FILE --format json -o TMP/report.json \\
        --store sqlite:///TMP/x.db --quiet --config TMP/empty.toml

on a generated mbox (bench/generate.py, cached under bench/out/), and reads
the child's peak resident set size from the kernel, exactly (no sampling):
its own high-water mark ``VmHWM``, which the child writes at exit, and
``ru_maxrss`` from ``os.wait4`` (which on Linux also counts the image before
exec, so it can only be higher). A one-message audit first shows the fixed
cost (interpreter, modules, language models). With worker processes
(``--jobs``, default the cores) the peak is the *sum* of all processes'
high-water marks: the main process's VmHWM plus each worker's, which the
worker reports as it ends (``auditor.pool.WORKER_PEAKS_KIB``).

Targets: the largest size at most 200 MB, and flat: the largest size's peak
within 1.2 × the smallest's. (The report goes to a file in the temporary
directory, not ``-o /dev/null``: the CLI writes its output atomically through
a temporary file and a rename, which as root would replace /dev/null.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import benchlib
from generate import ensure_mbox

LIMIT_MB = 200.0
FLAT = 1.2

#: ``python -m auditor`` plus, at exit, the process's own high-water mark
#: (VmHWM) written to $AUDITOR_BENCH_HWM. On Linux ``ru_maxrss`` also counts
#: the memory of the process image before exec (a fork or vfork of the parent),
#: so it can only overstate; VmHWM is the child's own.
BOOT = """
import atexit, os, runpy

def _hwm():
    import sys
    pool = sys.modules.get("auditor.pool")
    workers = list(pool.WORKER_PEAKS_KIB) if pool is not None else []
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    with open(os.environ["AUDITOR_BENCH_HWM"], "w") as out:
                        out.write(" ".join([line.split()[1], *map(str, workers)]))
    except OSError:
        pass

atexit.register(_hwm)
runpy.run_module("auditor", run_name="__main__", alter_sys=True)
"""


def measure(path: Path) -> dict[str, Any]:
    """Run the audit of ``path`` in a child; its peak RSS, times and status."""
    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        config = Path(tmp) / "empty.toml"
        config.write_text("")
        report = Path(tmp) / "report.json"
        hwm = Path(tmp) / "hwm"
        arguments = [
            "audit",
            str(path),
            "--format",
            "json",
            "-o",
            str(report),
            "--store",
            f"sqlite:///{tmp}/x.db",
            "--quiet",
            "--config",
            str(config),
        ]
        env = dict(
            os.environ,
            AUDITOR_BENCH_HWM=str(hwm),
            PYTHONPATH=os.pathsep.join(
                filter(None, [str(benchlib.ROOT), os.environ.get("PYTHONPATH")])
            ),
        )
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", BOOT, *arguments],
            cwd=tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert child.stderr is not None
        # Read stderr in full first (a chatty child must not block), then reap the
        # child with wait4 for its own rusage (not the children-wide maximum).
        stderr = child.stderr.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        child.stderr.close()
        # ru_maxrss is in KiB on Linux (bytes on macOS).
        maxrss = round(usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10), 1)
        peaks = [int(kib) for kib in hwm.read_text().split()] if hwm.exists() else []
        own = round(peaks[0] / 2**10, 1) if peaks else None
        workers = [round(kib / 2**10, 1) for kib in peaks[1:]]
        result = {
            "command": " ".join(["python", "-m", "auditor", *arguments]),
            "exit_status": child.returncode,
            # all processes: the main one's and each worker's high-water mark
            "peak_rss_mb": round((own if own is not None else maxrss) + sum(workers), 1),
            "vmhwm_mb": own,
            "worker_vmhwm_mb": workers,
            "ru_maxrss_mb": maxrss,
            "seconds": round(seconds, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "report_bytes": report.stat().st_size if report.exists() else 0,
            "store_bytes": sum(p.stat().st_size for p in Path(tmp).glob("x.db*")),
        }
    if child.returncode not in (0, 1):  # 1: findings; 2: an error
        sys.stderr.write(stderr.decode(errors="replace"))
        raise SystemExit(f"the audit of {path} failed with exit status {child.returncode}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10_000, 100_000],
        help="mailbox sizes to audit (the first and last are compared)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-baseline", action="store_true", help="leave out the one-message audit"
    )
    parser.add_argument("--json", help="write the figures to this file too")
    args = parser.parse_args()
    sizes = args.sizes if args.no_baseline else [1, *args.sizes]

    info = benchlib.machine()
    results: dict[str, Any] = {
        "benchmark": "memory",
        "command": benchlib.command_line(),
        "machine": info,
        "runs": {},
    }
    paths = {}
    for size in sizes:
        started = time.perf_counter()
        paths[size] = ensure_mbox(size, args.seed)
        if size > 1:
            print(
                f"mailbox: {paths[size]} ({paths[size].stat().st_size / 2**20:.1f} MiB, "
                f"ready in {time.perf_counter() - started:.1f} s)",
                flush=True,
            )
    for size in sizes:
        run = measure(paths[size])
        run["messages"] = size
        run["mailbox_bytes"] = paths[size].stat().st_size
        results["runs"][str(size)] = run
        label = "baseline (1 message)" if size == 1 else f"{size} messages"
        workers = " + ".join(f"{mb:.1f}" for mb in run["worker_vmhwm_mb"])
        if workers:
            workers = f" = main {run['vmhwm_mb']:.1f} + workers {workers}"
        print(
            f"  {label}: peak RSS {run['peak_rss_mb']:.1f} MB{workers} (ru_maxrss "
            f"{run['ru_maxrss_mb']:.1f} MB), {run['seconds']:.1f} s "
            f"(cpu {run['cpu_seconds']:.1f} s), exit {run['exit_status']}",
            flush=True,
        )

    small, large = results["runs"][str(args.sizes[0])], results["runs"][str(args.sizes[-1])]
    ratio = large["peak_rss_mb"] / small["peak_rss_mb"]
    print()
    print(f"{'messages':>10}{'peak RSS MB':>13}{'seconds':>10}{'mailbox MiB':>13}")
    for size in sizes:
        run = results["runs"][str(size)]
        print(
            f"{size:>10}{run['peak_rss_mb']:>13.1f}{run['seconds']:>10.1f}"
            f"{run['mailbox_bytes'] / 2**20:>13.1f}"
        )
    peak_met = large["peak_rss_mb"] <= LIMIT_MB
    print(
        f"peak RSS at {args.sizes[-1]}: {large['peak_rss_mb']:.1f} MB "
        f"(target <= {LIMIT_MB:g} MB: {'met' if peak_met else 'NOT met'})"
    )
    line, flat_met = benchlib.ratio_line(
        f"peak RSS {args.sizes[-1]}/{args.sizes[0]}", ratio, FLAT, at_most=True
    )
    print(line)
    results["ratio"] = round(ratio, 4)
    results["target"] = {
        "peak_rss_mb_at_most": LIMIT_MB,
        "peak_met": peak_met,
        "ratio_at_most": FLAT,
        "flat_met": flat_met,
        "met": peak_met and flat_met,
    }
    print(benchlib.machine_line(info))
    benchlib.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
