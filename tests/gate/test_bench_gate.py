"""bench/gate.py still runs (tiny size, relay only; not a timed test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.test_bench_smoke import ratios

ROOT = Path(__file__).resolve().parents[2]


def test_gate_bench_runs(tmp_path: Path) -> None:
    env = dict(os.environ, AUDITOR_BENCH_OUT=str(tmp_path / "out"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "gate.py"),
            "--messages",
            "40",
            "--no-milter",
            "--json",
            str(tmp_path / "gate.json"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    found = ratios(done.stdout)
    assert "relay/bare" in found and "decision p99 ms" in found
    assert (tmp_path / "gate.json").is_file()
