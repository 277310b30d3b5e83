"""Connecting and logging in: TLS verified by default, STARTTLS, plaintext only
when allowed, OAuth2, password sources, and one clear error for each failure.
All against the real Dovecot (its TLS listener has a self-signed certificate)."""

from __future__ import annotations

import base64
import socket
import stat
import threading
import time
from pathlib import Path

import pytest

from auditor import secrets
from auditor.errors import ConfigError, ConnectionFailed, SourceError
from connectors.imap import LoginRefused
from tests.dovecot import free_port
from tests.imap.conftest import Account

pytestmark = pytest.mark.dovecot


def _sync_count(account: Account, **settings) -> int:
    with account.connector(store=None, **settings) as imap:
        return len(list(imap.messages()))


# -- TLS ---------------------------------------------------------------------------------
def test_tls_certificate_is_verified_by_default(account: Account):
    with pytest.raises(ConnectionFailed) as failure:
        account.connector(security="tls", port=account.server.tls_port, allow_plaintext=None).open()
    message = str(failure.value)
    assert message.startswith(f"imap:test: 127.0.0.1:{account.server.tls_port}: TLS ")
    assert "certificate not trusted" in message and "ca_file" in message
    assert "\n" not in message


def test_tls_and_starttls_with_the_servers_ca(corpus_account: Account):
    account = corpus_account
    cert = str(account.server.cert)
    assert (
        _sync_count(
            account,
            security="tls",
            port=account.server.tls_port,
            ca_file=cert,
            allow_plaintext=None,
        )
        == 25
    )
    assert (
        _sync_count(
            account, security="starttls", host="localhost", ca_file=cert, allow_plaintext=None
        )
        == 25
    )
    with pytest.raises(ConnectionFailed, match="certificate not trusted"):
        account.connector(security="starttls", allow_plaintext=None).open()


def test_tls_on_a_plaintext_port_says_so(account: Account):
    with pytest.raises(ConnectionFailed, match=r"TLS handshake failed.*plaintext port"):
        account.connector(security="tls", allow_plaintext=None).open()


def test_plaintext_needs_allow_plaintext(account: Account, caplog):
    with pytest.raises(ConfigError, match=r'accounts\.test\.security: "plain".*allow_plaintext'):
        account.connector(allow_plaintext=None).open()
    with account.connector():
        pass
    assert any(r.levelname == "WARNING" and "PLAINTEXT" in r.getMessage() for r in caplog.records)


# -- failures: one line, no secret -----------------------------------------------------
def test_wrong_password(account: Account, monkeypatch):
    monkeypatch.setenv("AUDITOR_TEST_IMAP_PASSWORD", "not-the-Passw0rd")
    with pytest.raises(LoginRefused) as failure:
        account.connector().open()
    message = str(failure.value)
    assert message == (
        f"imap:test: 127.0.0.1:{account.server.port}: login as {account.user} "
        "refused: [AUTHENTICATIONFAILED] Authentication failed."
    )
    assert isinstance(failure.value, ConnectionFailed)


def test_unreachable_host(account: Account):
    port = free_port()  # nothing listens there
    with pytest.raises(
        ConnectionFailed,
        match=rf"127\.0\.0\.1:{port}: cannot connect: "
        "Connection refused",
    ):
        account.connector(port=port).open()


def test_silent_server_times_out(account: Account):
    """A server that accepts the connection and never greets: the read timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    started = time.monotonic()
    try:
        with pytest.raises(ConnectionFailed, match="cannot connect: timed out"):
            account.connector(port=listener.getsockname()[1], timeout=0.5).open()
    finally:
        listener.close()
        for sock in held:
            sock.close()
    assert time.monotonic() - started < 5


def test_missing_password_variable(account: Account, monkeypatch):
    monkeypatch.delenv("AUDITOR_TEST_IMAP_PASSWORD")
    with pytest.raises(SourceError, match="AUDITOR_TEST_IMAP_PASSWORD, which is not set"):
        account.connector().open()


def test_no_password_source(account: Account):
    with pytest.raises(ConfigError, match="no password source"):
        account.connector(password_env=None).open()


def test_unknown_account(account: Account):
    with pytest.raises(ConfigError, match=r"accounts\.nope: no such account \(known: test\)"):
        account.connector(spec="imap:nope").open()


# -- password sources ------------------------------------------------------------------
def _script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_password_command(account: Account, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("AUDITOR_TEST_IMAP_PASSWORD")
    good = _script(tmp_path / "good.sh", f"printf '%s\\n' '{account.password}'")
    assert _sync_count(account, password_env=None, password_command=good) == 0

    leaky = _script(tmp_path / "leaky.sh", "echo 'Leaked-Secret-123'; echo oops >&2; exit 3")
    with pytest.raises(SourceError) as failure:
        account.connector(password_env=None, password_command=leaky).open()
    assert str(failure.value) == ("imap:test: accounts.test.password_command: exited with status 3")
    assert secrets.redact("x Leaked-Secret-123 y") == "x *** y"  # registered all the same


def test_password_keyring(account: Account, monkeypatch):
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        monkeypatch.delenv("AUDITOR_TEST_IMAP_PASSWORD")
        with pytest.raises(SourceError, match="no keyring entry for service 'auditor-test'"):
            account.connector(password_env=None, password_keyring="auditor-test").open()
        keyring.set_password("auditor-test", account.user, account.password)
        assert _sync_count(account, password_env=None, password_keyring="auditor-test") == 0
    finally:
        keyring.set_keyring(previous)


def test_oauth2_xoauth2(account: Account, monkeypatch):
    """Dovecot checks an XOAUTH2 bearer token against the passdb, so the
    user's password serves as the token here."""
    monkeypatch.delenv("AUDITOR_TEST_IMAP_PASSWORD")
    monkeypatch.setenv("AUDITOR_TEST_TOKEN", account.password)
    oauth = {"provider": "google", "token_env": "AUDITOR_TEST_TOKEN"}
    assert _sync_count(account, password_env=None, oauth2=oauth) == 0
    logins = [
        line
        for line in account.server.log().splitlines()
        if f"Login: user=<{account.user}>" in line
    ]
    assert len(logins) == 1 and "method=XOAUTH2" in logins[0]

    monkeypatch.setenv("AUDITOR_TEST_TOKEN", "expired-token-xyz")
    with pytest.raises(LoginRefused, match=r"login as .* refused"):
        account.connector(password_env=None, oauth2=oauth).open()
    with pytest.raises(ConfigError, match="either oauth2 or a password source"):
        account.connector(oauth2=oauth).open()


def test_credentials_never_show_the_secret(account: Account):
    from connectors.imap_auth import credentials

    creds = credentials("test", account.table())
    assert account.password not in repr(creds) and account.password not in str(creds)
    assert secrets.redact(f"x{account.password}y") == "x***y"
    token = base64.b64encode(account.password.encode()).decode()
    assert token not in repr(creds)


# -- settings ------------------------------------------------------------------------------
def test_settings_defaults_and_bounds(tmp_path: Path):
    from auditor.config import load_config
    from connectors import available
    from connectors.imap import ImapConnector, ImapSettings

    settings = ImapSettings.from_table("shop", {"host": "imap.example", "username": "u"})
    assert (settings.port, settings.security, settings.batch_size, settings.idle) == (
        993,
        "tls",
        200,
        True,
    )
    assert settings.whole_fetch_limit == 256 * 1024 and settings.reconnect_attempts == 3
    starttls = ImapSettings.from_table(
        "shop", {"host": "h", "username": "u", "security": "starttls"}
    )
    assert starttls.port == 143
    with pytest.raises(ConfigError, match=r"accounts\.shop\.batch_size: expected 1-1000"):
        ImapSettings.from_table("shop", {"host": "h", "username": "u", "batch_size": 5000})
    path = tmp_path / "auditor.toml"
    path.write_text(
        '[accounts.shop]\nhost = "h"\nusername = "u"\npassword_env = "X"\n'
        "whole_fetch_limit = 1000000\nreconnect_attempts = 5\nbatch_size = 300\n"
    )
    table = load_config(path).account("shop")  # the schema knows the connector's keys
    assert ImapSettings.from_table("shop", table).reconnect_attempts == 5
    assert available()["imap"] is ImapConnector
