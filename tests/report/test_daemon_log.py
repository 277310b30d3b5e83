"""The daemon logs each cycle by default (one INFO line: accounts, messages,
notices, state changes, actions), so a systemd unit's journal is never
empty; --quiet keeps it to errors. The CLI runs as its own process, as
systemd runs it, on a local mailbox and a real SQLite store."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import CORPUS, ROOT


def _daemon(tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    box = tmp_path / "mail"
    box.mkdir(exist_ok=True)
    for name in ("m03-important-subject.eml", "n01-restriction-30-days.eml"):
        shutil.copy(CORPUS / name, box / name)
    config = tmp_path / "auditor.toml"
    config.write_text("[schedule]\nsync_minutes = 60\nlift_check_seconds = 60\n")
    env = dict(os.environ, AUDITOR_NOW="2026-11-22T00:00:00+00:00", HOME=str(tmp_path))
    env.pop("COLUMNS", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "auditor",
            "daemon",
            str(box),
            "--config",
            str(config),
            "--store",
            f"sqlite:///{tmp_path / 'store.db'}",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    return err


def _wait_for(process: subprocess.Popen[str], pattern: str, timeout: float = 60) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen.append(line)
        if re.search(pattern, line):
            return seen
    raise AssertionError(f"no line matching {pattern!r}; got {seen}")


def test_daemon_logs_each_cycle_by_default(tmp_path: Path) -> None:
    process = _daemon(tmp_path)
    try:
        lines = _wait_for(process, r"INFO: cycle: ")
    except BaseException:
        process.kill()
        raise
    rest = _stop(process)
    line = lines[-1]
    assert "1 account(s) (local)" in line
    assert "2 messages read" in line and "1 notices read, 1 applied" in line
    changes = int(re.search(r"(\d+) state changes", line).group(1))
    assert changes >= 1  # the restriction paused the campaign
    assert "actions delivered" in line
    assert "daemon started" in "".join(lines) and "daemon stopped" in rest
    assert "password" not in "".join(lines) + rest


def _cycle_done(store: Path, process: subprocess.Popen[str], timeout: float = 90) -> None:
    """Wait until the daemon's first cycle is in the store (it logs nothing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the daemon stopped"
        if store.exists():
            try:
                with sqlite3.connect(store) as db:
                    done = db.execute(
                        "SELECT count(*) FROM runs WHERE command = 'run' AND status = 'ok'"
                    ).fetchone()[0]
            except sqlite3.OperationalError:  # the schema is being created
                done = 0
            if done:
                return
        time.sleep(0.2)
    raise AssertionError("the daemon's first cycle never finished")


def test_daemon_quiet_logs_no_cycle(tmp_path: Path) -> None:
    process = _daemon(tmp_path, "--quiet")
    try:
        _cycle_done(tmp_path / "store.db", process)
    except BaseException:
        process.kill()
        raise
    err = _stop(process)
    assert "cycle:" not in err and "INFO" not in err
