"""The IMAP password, given in an environment variable, appears nowhere: not
in stdout or stderr at any verbosity (``-vv`` turns on imapclient's protocol
trace), not in report files, the daemon's log file, exception texts, nor the
SQLite store (its file bytes, WAL, and a dump of every table). Checked on the
real Dovecot for ``audit``, ``run`` and ``daemon``, on success, against a
wrong host, with a wrong password, and across a server restart; in plain
text and in the base64 forms a SASL PLAIN or a Basic header would carry.

Also: TLS certificates are verified by default (the test Dovecot's
self-signed certificate is refused with one line and exit 2), and plain IMAP,
used only with ``allow_plaintext`` (``test_bad_config`` checks the refusal
without it), is logged as a WARNING at the default verbosity.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

from auditor.errors import ConnectionFailed
from tests.dovecot import free_port, sample_message
from tests.imap.conftest import PASSWORD_ENV, REPO, Account, run_cli

pytestmark = pytest.mark.dovecot


def secret_forms(user: str, password: str) -> dict[str, bytes]:
    """The password as it could leak: plain, base64 alone, SASL PLAIN
    (``\\0user\\0password``, with and without the empty authzid), Basic."""

    def b64(text: str) -> bytes:
        return base64.b64encode(text.encode())

    return {
        "plain": password.encode(),
        "base64": b64(password),
        "sasl-plain": b64(f"\0{user}\0{password}"),
        "sasl-plain-authzid": b64(f"{user}\0{user}\0{password}"),
        "basic": b64(f"{user}:{password}"),
    }


def assert_nowhere(forms: dict[str, bytes], where: str, text: str | bytes) -> None:
    """Raise if any form of the secret is in ``text``."""
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    for name, form in forms.items():
        assert form not in data, f"the password ({name}) leaked into {where}"


def sqlite_dump(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return "\n".join(db.iterdump())


def assert_no_file_holds(forms: dict[str, bytes], root: Path) -> set[str]:
    """Every file under ``root`` (stores, WAL files, reports, logs), byte for
    byte, and every SQLite database as a dump of all its tables. Returns the
    names of the files looked at."""
    seen = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        assert_nowhere(forms, str(path), path.read_bytes())
        if path.suffix == ".db":
            assert_nowhere(forms, f"dump of {path}", sqlite_dump(path))
        seen.add(path.name)
    return seen


def _env(account: Account, password: str | None = None) -> dict[str, str]:
    return {PASSWORD_ENV: password if password is not None else account.password}


def _cli_env(account: Account) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV}
    env.update(
        HOME=str(account.tmp),
        XDG_CONFIG_HOME=str(account.tmp / ".config"),
        XDG_DATA_HOME=str(account.tmp / ".data"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    env[PASSWORD_ENV] = account.password
    return env


def _config_as(account: Account, name: str, **settings) -> Path:
    """``account.write_config(**settings)`` under its own file name."""
    return account.write_config(**settings).rename(account.tmp / name)


def _stored(database: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            return db.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.Error:
        return 0


def _wait(condition, timeout: float, what: str, process=None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the daemon exited ({process.returncode}) before {what}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _daemon(account: Account, config: Path, store: str, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    try:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "auditor",
                "-vv",
                "daemon",
                "--config",
                str(config),
                "--store",
                store,
            ],
            cwd=account.tmp,
            env=_cli_env(account),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    finally:
        handle.close()


def _stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(timeout=10)


@pytest.mark.slow
def test_password_nowhere_on_success_at_every_verbosity(corpus_account: Account):
    """``audit`` at the default verbosity, ``run -v`` writing an HTML report,
    ``daemon -vv`` (imapclient's protocol trace on) logging to a file."""
    account = corpus_account
    forms = secret_forms(account.user, account.password)
    config = account.write_config()
    html = "html" if _has_html_report() else "sarif"
    runs = [
        (
            "audit",
            [
                "audit",
                "imap:test",
                "--format",
                "json",
                "-o",
                "audit.json",
                "--store",
                f"sqlite:///{account.tmp / 'a.db'}",
            ],
        ),
        (
            "run -v",
            [
                "-v",
                "run",
                "imap:test",
                "--format",
                html,
                "-o",
                f"run.{html}",
                "--store",
                f"sqlite:///{account.tmp / 'r.db'}",
            ],
        ),
    ]
    for name, args in runs:
        done = run_cli(*args, "--config", str(config), cwd=account.tmp, env=_env(account))
        assert done.returncode in (0, 1), (name, done.stderr[-2000:])
        assert_nowhere(forms, f"{name} stdout", done.stdout)
        assert_nowhere(forms, f"{name} stderr", done.stderr)
        if name == "audit":  # plaintext IMAP was allowed: loudly, at the default verbosity
            warnings = [line for line in done.stderr.splitlines() if "PLAINTEXT" in line]
            assert warnings == [
                f"auditor: WARNING: imap:test: PLAINTEXT connection to 127.0.0.1:"
                f"{account.server.port}: the password and all mail cross the network "
                "unencrypted (allow_plaintext = true)"
            ]
        else:
            assert f"logged in to 127.0.0.1:{account.server.port}" in done.stderr  # -v: INFO
    assert _stored(account.tmp / "r.db") == 25

    # the daemon, -vv, its log in a file, until it has synced everything
    log = account.tmp / "daemon.log"
    config.write_text(
        config.read_text() + "\n[schedule]\nsync_minutes = 0.02\nlift_check_seconds = 0.5\n"
    )
    daemon = _daemon(account, config, f"sqlite:///{account.tmp / 'd.db'}", log)
    try:
        _wait(lambda: _stored(account.tmp / "d.db") == 25, 60, "the first sync", daemon)
        time.sleep(1.5)  # a few more cycles, IDLE watchers connected
    finally:
        assert _stop(daemon) == 0, log.read_text()[-3000:]
    text = log.read_text()
    assert "daemon stopped" in text
    assert "LOGIN **REDACTED**" in text and "FETCH" in text  # the protocol trace was on
    looked_at = assert_no_file_holds(forms, account.tmp)
    assert {"a.db", "r.db", "d.db", "audit.json", f"run.{html}", "daemon.log"} <= looked_at


def _has_html_report() -> bool:
    try:
        import auditor.report.html  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
def test_password_nowhere_on_failures(account: Account, monkeypatch, cli):
    forms = secret_forms(account.user, account.password)
    wrong = account.password + "-but-wrong"
    wrong_forms = secret_forms(account.user, wrong)
    closed = free_port()
    cases = {
        "wrong host": (
            _config_as(account, "wrong-host.toml", port=closed),
            account.password,
            f"127.0.0.1:{closed}: cannot connect",
        ),
        "wrong password": (
            _config_as(account, "good.toml"),
            wrong,
            f"login as {account.user} refused",
        ),
    }
    runs = [
        ("wrong host", [], "audit"),
        ("wrong host", ["-vv"], "run"),
        ("wrong password", ["-vv"], "audit"),
        ("wrong password", [], "run"),
    ]
    for name, verbosity, command in runs:
        config, password, expected = cases[name]
        monkeypatch.setenv(PASSWORD_ENV, password)
        status, out, err = cli(*verbosity, command, "imap:test", "--config", config)
        assert status == 2, (name, err[-2000:])
        lines = err.strip().splitlines()
        assert [
            line for line in lines if line.startswith("auditor: imap:test: ") and expected in line
        ], err[-2000:]
        if not verbosity:  # one line after the plaintext warning (-vv adds the traceback)
            assert len(lines) == 2 and "PLAINTEXT" in lines[0], lines
        else:
            assert "Traceback" in err  # the details -vv promises, redacted
        for output in (out, err):
            assert_nowhere(forms, f"{name} {command}", output)
            assert_nowhere(wrong_forms, f"{name} {command}", output)

    # exception texts, in-process: the message, repr and the formatted traceback
    for settings, password in (({"port": closed}, account.password), ({}, wrong)):
        monkeypatch.setenv(PASSWORD_ENV, password)
        with pytest.raises(ConnectionFailed) as failure:
            account.connector(store=None, **settings).open()
        texts = [
            str(failure.value),
            repr(failure.value),
            "".join(traceback.format_exception(failure.value)),
        ]
        for text in texts:
            assert_nowhere(forms, "exception text", text)
            assert_nowhere(wrong_forms, "exception text", text)
    assert_no_file_holds(forms, account.tmp)
    assert_no_file_holds(wrong_forms, account.tmp)


@pytest.mark.slow
def test_password_nowhere_across_a_server_restart(corpus_account: Account):
    """The daemon (-vv, log in a file) while Dovecot stops and starts again:
    it logs the failures, reconnects, and picks up mail that arrived meanwhile,
    each message once; the password is in none of it."""
    account, server = corpus_account, corpus_account.server
    forms = secret_forms(account.user, account.password)
    config = account.write_config(reconnect_attempts=1)
    config.write_text(
        config.read_text() + "\n[schedule]\nsync_minutes = 0.02\nlift_check_seconds = 0.5\n"
    )
    log = account.tmp / "daemon.log"
    database = account.tmp / "d.db"
    daemon = _daemon(account, config, f"sqlite:///{database}", log)
    try:
        _wait(lambda: _stored(database) == 25, 60, "the first sync", daemon)
        server.stop()
        try:
            _wait(lambda: "cycle failed" in log.read_text(), 30, "a failed cycle", daemon)
        finally:
            server.start()
        server.append(account.user, "INBOX", [sample_message(1, "notice", tag="restart")])
        _wait(lambda: _stored(database) == 26, 60, "the mail sent during the outage", daemon)
        time.sleep(1.0)
    finally:
        assert _stop(daemon) == 0, log.read_text()[-3000:]
    text = log.read_text()
    assert "auditor: ERROR: cycle failed: imap:test: " in text  # the outage, logged
    with contextlib.closing(sqlite3.connect(database)) as db:
        ids = [row[0] for row in db.execute("SELECT message_id FROM messages")]
    assert len(ids) == len(set(ids)) == 26  # each message stored once
    assert_nowhere(forms, "daemon log", text)
    assert_no_file_holds(forms, account.tmp)


# -- TLS and plaintext ------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["run", "notices"])
def test_self_signed_certificate_is_refused_with_one_line(account: Account, command: str):
    """TLS is verified by default: the test server's self-signed certificate
    is not trusted without ca_file, whichever command connects."""
    port = account.server.tls_port
    config = account.write_config(security="tls", port=port, allow_plaintext=None)
    done = run_cli(
        command, "imap:test", "--config", str(config), cwd=account.tmp, env=_env(account)
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(
        f"auditor: imap:test: 127.0.0.1:{port}: TLS certificate not trusted"
    ), lines[0]
    assert "ca_file" in lines[0]
    assert_nowhere(secret_forms(account.user, account.password), command, done.stderr)
