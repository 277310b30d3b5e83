"""Smoke test of the benchmarks in bench/: each still runs at a tiny size.

Not a timed test: it only checks that every benchmark exits 0 and prints its
ratio line (``ratio NAME: VALUE (target …)``) and the machine it ran on. The
figures themselves mean nothing at this size (see bench/README.md).
"""

from __future__ import annotations

import email
import json
import os
import re
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from tests.dovecot import dovecot_missing

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
#: "ratio audit/bare: 0.530 (target >= 0.5: met)"; the rules engine's has no target.
RATIO = re.compile(
    r"^ratio (?P<name>[^:]+): (?P<value>\d+\.\d+)(?: %)? \((?:target [<>]= "
    r"[\d.]+(?: %)?: (?:met|NOT met)|no target[^)]*)\)$",
    re.M,
)


def run(script: str, *args: str, tmp_path: Path, timeout: float = 120) -> str:
    env = dict(os.environ, AUDITOR_BENCH_OUT=str(tmp_path / "out"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{script} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def ratios(output: str) -> dict[str, float]:
    found = {m["name"]: float(m["value"]) for m in RATIO.finditer(output)}
    assert found, f"no ratio line in:\n{output}"
    assert re.search(r"^machine: .*cores", output, re.M), output
    return found


def test_generate_mbox_and_maildir(tmp_path: Path) -> None:
    out = run(
        "generate.py", "--messages", "200", "--out", str(tmp_path / "a.mbox"), tmp_path=tmp_path
    )
    assert "wrote 200 messages" in out
    again = tmp_path / "b.mbox"
    run("generate.py", "--messages", "200", "--out", str(again), tmp_path=tmp_path)
    data = (tmp_path / "a.mbox").read_bytes()
    assert data == again.read_bytes()  # seeded: the same bytes every run
    messages = data.split(b"From MAILER-DAEMON ")[1:]
    assert len(messages) == 200
    ids = set()
    for raw in messages:
        msg = email.message_from_bytes(raw.split(b"\n", 1)[1], policy=policy.default)
        assert not msg.defects
        assert all(not part.defects for part in msg.walk())
        ids.add(msg["Message-ID"])
        assert msg.get_body(("plain",)) is not None
    assert len(ids) == 200
    run(
        "generate.py",
        "--messages",
        "200",
        "--format",
        "maildir",
        "--folders",
        "--out",
        str(tmp_path / "md"),
        tmp_path=tmp_path,
    )
    sent = len(os.listdir(tmp_path / "md" / ".Sent" / "cur"))
    inbox = len(os.listdir(tmp_path / "md" / "cur"))
    assert sent + inbox == 200 and sent > inbox > 0


def test_audit_throughput(tmp_path: Path) -> None:
    out = run(
        "audit_throughput.py",
        "--messages",
        "200",
        "--json",
        str(tmp_path / "r.json"),
        tmp_path=tmp_path,
    )
    assert "audit/bare" in ratios(out)
    assert (tmp_path / "r.json").is_file()


def test_memory(tmp_path: Path) -> None:
    out = run("memory.py", "--sizes", "100", "200", "--no-baseline", tmp_path=tmp_path)
    assert "peak RSS 200/100" in ratios(out)
    assert re.search(r"peak RSS at 200: \d+\.\d MB", out)


def test_rules_engine(tmp_path: Path) -> None:
    args = ["--messages", "200"]
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        pass  # not a test dependency: the profile is checked where it is installed
    else:
        args += ["--profile", str(tmp_path / "profile.txt")]
    out = run("rules_engine.py", *args, tmp_path=tmp_path)
    assert "rules/(parse+rules)" in ratios(out)
    assert re.search(r"^BSM201 ", out, re.M)  # the per-rule table
    if "--profile" in args:
        assert "Engine.check" in (tmp_path / "profile.txt").read_text()


@pytest.mark.dovecot
@pytest.mark.parametrize("storage", ["mdbox", "maildir"])
def test_imap_sync(tmp_path: Path, storage: str) -> None:
    reason = dovecot_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs dovecot-imapd")
        pytest.skip(reason)
    out = run(
        "imap_sync.py", "--messages", "200", "--new", "20", "--storage", storage, tmp_path=tmp_path
    )
    assert f"storage: {storage}" in out
    found = ratios(out)
    assert "sync/bare" in found and "re-sync after 20 new/first sync" in found


def test_authenticity_heldout(tmp_path: Path) -> None:
    out = run("authenticity_heldout.py", "--per-family", "3", tmp_path=tmp_path)
    assert "forged verified (would act by themselves): 0/36 (target 0: met)" in out
    assert re.search(r"^genuine verified: \d+/18$", out, re.M), out


def test_rule_accuracy_prints_precision_and_recall_per_rule(tmp_path: Path) -> None:
    out = run(
        "rule_accuracy.py", "--set", str(ROOT / "tests" / "amazon_examples"), tmp_path=tmp_path
    )
    rows = re.findall(r"^(BSM\d{3}) +(\w+) +(\d+) +(\d+) +(\d+) ", out, re.M)
    assert {code for code, *_ in rows} == {"BSM202", "BSM302", "BSM303"}
    totals = {code: (int(tp), int(fp), int(fn)) for code, lang, tp, fp, fn in rows if lang == "all"}
    # Amazon's violation examples name these rules; its acceptable ones must not get them
    assert all(tp > 0 and fp == 0 for tp, fp, _fn in totals.values()), totals


@pytest.mark.dovecot
@pytest.mark.postgres
def test_accounts(tmp_path: Path) -> None:
    from tests.servers import postgres_bin

    reason = dovecot_missing() or (None if postgres_bin() else "PostgreSQL is not installed")
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it")
        pytest.skip(reason)
    out = run(
        "accounts.py",
        "--accounts",
        "3",
        "--messages",
        "10",
        "--workers",
        "1",
        "2",
        "--json",
        str(tmp_path / "r.json"),
        tmp_path=tmp_path,
        timeout=300,
    )
    assert "cycle 1/2 workers" in ratios(out)
    assert re.search(r"^2 worker\(s\): cycle [\d.]+ s, .* lag median", out, re.M)
    rounds = json.loads((tmp_path / "r.json").read_text())["rounds"]
    assert [r["workers"] for r in rounds] == [1, 2]
