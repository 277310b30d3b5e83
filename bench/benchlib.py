"""What every benchmark shares: the machine it ran on, the ratio line, JSON output.

Each benchmark prints, besides its absolute figures, one line per ratio::

    ratio audit/bare: 0.53 (target >= 0.50: met)

which ``tests/test_bench_smoke.py`` looks for, and a ``machine:`` line.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"

for _path in (str(ROOT), str(BENCH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith(("model name", "Model", "cpu model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _mem_total_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except (OSError, ValueError):
        pass
    return None


def _git_revision() -> str | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return head.strip() + ("+dirty" if dirty.strip() else "")


def machine() -> dict[str, Any]:
    """The machine and moment a benchmark ran on (for the results table)."""
    try:
        cores_usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores_usable = os.cpu_count()
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": cores_usable,
        "memory_gb": _mem_total_gb(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load_average": load,
        "revision": _git_revision(),
    }


def machine_line(info: dict[str, Any]) -> str:
    return (
        f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, "
        f"{info['platform']}, {info['python']}, load {info['load_average']}, "
        f"{info['date']}, revision {info['revision']}"
    )


def ratio_line(
    name: str, value: float, target: float, at_most: bool = False, unit: str = ""
) -> tuple[str, bool]:
    """``ratio NAME: VALUE (target >= TARGET: met)`` and whether it is met."""
    met = value <= target if at_most else value >= target
    sign = "<=" if at_most else ">="
    text = (
        f"ratio {name}: {value:.3f}{unit} (target {sign} {target:g}{unit}: "
        f"{'met' if met else 'NOT met'})"
    )
    return text, met


class Timer:
    """Wall-clock and CPU seconds of a block (``wall``, ``cpu``). On a shared
    machine CPU time is the steadier of the two for single-threaded work.
    ``cpu`` counts the child processes that ended inside the block too (the
    audit's workers, ``--jobs``); ``own_cpu`` is this process's alone."""

    def __enter__(self) -> Timer:
        self.wall, self.own_cpu = time.perf_counter(), time.process_time()
        self.cpu = self.own_cpu + _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.own_cpu = time.process_time() - self.own_cpu
        self.cpu = time.process_time() + _children_cpu() - self.cpu


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def write_json(path: str | os.PathLike[str] | None, results: dict[str, Any]) -> None:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(results, indent=2, default=str) + "\n")
        print(f"wrote {path}")


def command_line() -> str:
    return " ".join(["python", *sys.argv])
