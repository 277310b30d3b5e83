"""``auditor audit imap:test`` end to end, each run a fresh process against
the real Dovecot: same report as the files, one clear line and exit 2 on a
connection failure, the password nowhere (not even with ``-vv``), and a
killed process that resumes with every message audited exactly once."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.dovecot import free_port
from tests.imap.conftest import PASSWORD_ENV, REPO, Account, run_cli

pytestmark = pytest.mark.dovecot


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what names the source, the run or the store (a
    notice's number there, and the confirm command that uses it)."""

    def strip(item: dict[str, Any]) -> dict[str, Any]:
        return {
            k: v
            for k, v in item.items()
            if k not in ("source", "key", "new", "account", "id", "confirm_command")
        }

    return {
        "summary": report["summary"],
        "findings": sorted(
            (strip(f) for f in report["findings"]), key=lambda f: json.dumps(f, sort_keys=True)
        ),
        "notices": sorted(
            (strip(n) for n in report["notices"]), key=lambda n: json.dumps(n, sort_keys=True)
        ),
        # The stored state is not compared: one audit reads a store, the other
        # (--no-store) does not; what run would do (would, would_until) is.
        "campaigns": sorted(
            (
                {k: v for k, v in strip(c).items() if k not in ("state", "until", "reason")}
                for c in report["campaigns"]
            ),
            key=lambda c: c["name"],
        ),
        "errors": report["errors"],
    }


def test_audit_over_imap_equals_audit_over_files(corpus_account: Account, corpus: Path, cli):
    account = corpus_account
    config = account.write_config()
    over_imap = run_cli(
        "audit",
        "imap:test",
        "--config",
        str(config),
        "--format",
        "json",
        cwd=account.tmp,
        env={PASSWORD_ENV: account.password},
    )
    status, out, err = cli("audit", corpus, "--config", config, "--no-store", "--format", "json")
    assert status in (0, 1), err
    assert over_imap.returncode == status, over_imap.stderr
    imap_report, file_report = json.loads(over_imap.stdout), json.loads(out)
    assert imap_report["summary"]["messages"] == 25
    assert file_report["findings"] and file_report["notices"]  # a comparison worth making
    assert _comparable(imap_report) == _comparable(file_report)
    assert {f["source"].split("#")[0] for f in imap_report["findings"]} <= {
        "imap:test/Sent",
        "imap:test/INBOX",
    }

    status, out, err = cli("audit", "imap:test", "--config", config, "--format", "json")
    assert json.loads(out)["summary"]["messages"] == 0, err  # incremental


def _failure_cases(account: Account) -> dict[str, tuple[dict[str, Any], dict[str, str], str]]:
    """name → (account settings, environment, expected start of the error line).
    Over TLS (trusting the test CA where the case is not the certificate), so
    no plaintext warning joins the one line."""
    server = account.server
    tls = {
        "security": "tls",
        "port": server.tls_port,
        "allow_plaintext": None,
        "ca_file": str(server.cert),
    }
    where = f"auditor: imap:test: 127.0.0.1:{server.tls_port}"
    port = free_port()
    return {
        "wrong password": (
            tls,
            {PASSWORD_ENV: account.password + "-wrong"},
            f"{where}: login as {account.user} refused: [AUTHENTICATIONFAILED]",
        ),
        "unreachable host": (
            {**tls, "port": port},
            {PASSWORD_ENV: account.password},
            f"auditor: imap:test: 127.0.0.1:{port}: cannot connect: Connection refused",
        ),
        "TLS certificate": (
            {**tls, "ca_file": None},
            {PASSWORD_ENV: account.password},
            f"{where}: TLS certificate not trusted",
        ),
    }


@pytest.mark.parametrize("case", ["wrong password", "unreachable host", "TLS certificate"])
def test_connection_failure_is_one_line_and_exit_2(account: Account, case: str, cli, monkeypatch):
    settings, env, expected = _failure_cases(account)[case]
    config = account.write_config(**settings)
    secret = env[PASSWORD_ENV]
    monkeypatch.setenv(PASSWORD_ENV, secret)
    status, out, err = cli("audit", "imap:test", "--config", config)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(expected), lines[0]
    # -vv in a fresh process: debug log, protocol trace, the traceback; no secret.
    loud = run_cli("-vv", "audit", "imap:test", "--config", str(config), cwd=account.tmp, env=env)
    assert loud.returncode == 2
    assert lines[0] in loud.stderr.splitlines()
    for output in (out, err, loud.stdout, loud.stderr):
        assert secret not in output
        assert account.password not in output


def test_password_and_token_never_printed_or_stored(corpus_account: Account):
    """A full sync with -vv (imapclient's protocol trace included) over a
    password login, then over OAuth2: neither secret, nor the base64 SASL
    string carrying the token, appears in any output or in the store."""
    account = corpus_account
    config = account.write_config()
    loud = run_cli(
        "-vv",
        "audit",
        "imap:test",
        "--config",
        str(config),
        "--format",
        "json",
        cwd=account.tmp,
        env={PASSWORD_ENV: account.password},
    )
    assert loud.returncode in (0, 1), loud.stderr
    assert "LOGIN **REDACTED**" in loud.stderr  # imapclient's protocol trace was on
    oauth = account.write_config(
        password_env=None, oauth2={"provider": "microsoft", "token_env": "TOKEN_VAR"}
    )
    token = account.password  # Dovecot checks the bearer token against its passdb
    sasl = base64.b64encode(f"user={account.user}\1auth=Bearer {token}\1\1".encode()).decode()
    loud_oauth = run_cli(
        "-vv",
        "audit",
        "imap:test",
        "--config",
        str(oauth),
        "--format",
        "json",
        cwd=account.tmp,
        env={"TOKEN_VAR": token},
    )
    assert loud_oauth.returncode in (0, 1), loud_oauth.stderr
    assert "XOAUTH2" in account.server.log()
    store = (account.tmp / "store.db").read_bytes()
    for output in (loud.stdout, loud.stderr, loud_oauth.stdout, loud_oauth.stderr):
        assert account.password not in output and sasl not in output
    assert account.password.encode() not in store
    assert not list(account.tmp.glob("*.db-wal")) or all(
        account.password.encode() not in p.read_bytes() for p in account.tmp.glob("*.db-wal")
    )


# -- a killed process ----------------------------------------------------------------
_SLOW_AUDIT = """
import sys, time
from auditor.audit import Auditor
from auditor.config import load_config
from auditor.store import open_store

config = load_config(sys.argv[1])
Auditor(config, open_store(config.store_url), batch_size=5,
        progress=lambda n: time.sleep(0.15)).audit(["imap:test"])
"""


def _stored_count(database: Path) -> int:
    """Messages committed so far, read without creating anything."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            return db.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_process_resumes_with_each_message_audited_once(
    corpus_account: Account, corpus: Path, cli
):
    account = corpus_account
    config = account.write_config(batch_size=4)
    env = {
        **os.environ,
        PASSWORD_ENV: account.password,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_AUDIT, str(config)],
        env=env,
        cwd=account.tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if _stored_count(account.tmp / "store.db"):
                break
            time.sleep(0.05)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        os.kill(process.pid, signal.SIGKILL)  # mid-sync, between two batches
    finally:
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()
    committed = len(account.stored())
    assert 0 < committed < 25
    status, out, err = cli("audit", "imap:test", "--config", config, "--format", "json")
    assert status in (0, 1), err
    assert json.loads(out)["summary"]["messages"] == 25 - committed
    ids = sorted(mid for mid, _folder, _key in account.stored())
    expected = sorted(
        line.split(":", 1)[1].strip()
        for path in corpus.glob("*.eml")
        for line in path.read_text().splitlines()
        if line.lower().startswith("message-id:")
    )
    assert ids == expected
