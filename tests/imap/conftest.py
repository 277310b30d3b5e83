"""Fixtures for the IMAP connector tests, all against a real Dovecot.

``dovecot_server`` (one per session and xdist worker) and ``imap_user`` (a
fresh login per test) come from :mod:`tests.dovecot`; ``account`` wraps them
into an ``[accounts.test]`` configuration with its password in an
environment variable, and ``corpus_account`` loads the shared corpus first
(sent messages into Sent, notices into INBOX).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from auditor.config import Config
from tests.dovecot import Dovecot

# Fixtures, re-exported so pytest finds them for this directory:
from tests.dovecot import dovecot_server as dovecot_server
from tests.dovecot import imap_user as imap_user

REPO = Path(__file__).resolve().parents[2]
PASSWORD_ENV = "AUDITOR_TEST_IMAP_PASSWORD"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


@dataclass
class Account:
    """``[accounts.test]`` for one Dovecot user, plus a store in ``tmp``."""

    server: Dovecot
    user: str
    tmp: Path
    name: str = "test"
    overrides: dict[str, Any] = field(default_factory=dict)
    _store: Any = None

    @property
    def password(self) -> str:
        return self.server.users[self.user]

    def table(self, **overrides: Any) -> dict[str, Any]:
        table: dict[str, Any] = {
            "type": "imap",
            "host": "127.0.0.1",
            "port": self.server.port,
            "security": "plain",
            "allow_plaintext": True,
            "username": self.user,
            "password_env": PASSWORD_ENV,
            "timeout": 10,
        }
        table.update(self.overrides)
        table.update(overrides)
        return {k: v for k, v in table.items() if v is not None}

    @property
    def store_url(self) -> str:
        return f"sqlite:///{self.tmp / 'store.db'}"

    def config(self, **overrides: Any) -> Config:
        return Config(
            {"accounts": {self.name: self.table(**overrides)}, "store": {"url": self.store_url}}
        )

    def write_config(self, **overrides: Any) -> Path:
        path = self.tmp / "auditor.toml"
        lines = ["[store]", f"url = {_toml(self.store_url)}", "", f"[accounts.{self.name}]"]
        lines += [f"{k} = {_toml(v)}" for k, v in self.table(**overrides).items()]
        path.write_text("\n".join(lines) + "\n")
        return path

    @property
    def store(self) -> Any:
        if self._store is None:
            from auditor.store import open_store

            self._store = open_store(self.store_url)
        return self._store

    def connector(self, store: Any = "default", spec: str | None = None, **overrides: Any):
        from auditor.known import StoredMail
        from connectors.imap import ImapConnector

        store = self.store if store == "default" else store
        connector = ImapConnector(
            spec or f"imap:{self.name}",
            config=self.config(**overrides),
            store=store,
            known=StoredMail(store),
        )
        connector.backoff_base = 0.01
        return connector

    def auditor(self, batch_size: int = 500, **kwargs: Any):
        from auditor.audit import Auditor

        config = self.config(**kwargs.pop("account", {}))
        return Auditor(config, self.store, batch_size=batch_size, **kwargs)

    def stored(self) -> list[tuple[str | None, str | None, str]]:
        """(message_id, folder, key) of every message in the store."""
        from sqlalchemy import select

        from auditor.store.models import StoredMessage

        with self.store.transaction() as session:
            return list(
                session.execute(
                    select(StoredMessage.message_id, StoredMessage.folder, StoredMessage.key).where(
                        StoredMessage.account == self.name
                    )
                ).all()
            )

    def checkpoint(self, folder: str) -> tuple[int, int, int | None] | None:
        state = self.store.checkpoint(self.name, folder)
        if state is None:
            return None
        return state.uidvalidity, state.last_uid, state.highestmodseq

    def commands(self) -> list[str]:
        return self.server.commands(self.user)


@pytest.fixture
def account(
    dovecot_server: Dovecot, imap_user: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Account:
    """An empty mailbox (INBOX and Sent) configured as ``imap:test``."""
    monkeypatch.setenv(PASSWORD_ENV, dovecot_server.users[imap_user])
    return Account(dovecot_server, imap_user, tmp_path)


@pytest.fixture
def corpus_account(account: Account, corpus: Path) -> Account:
    """``account`` with the shared corpus APPENDed; rawlog cleared after loading."""
    account.server.load_corpus(account.user, corpus)
    account.server.clear_rawlog(account.user)
    return account


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``auditor ARGS…`` in a fresh process (nothing registered or cached from
    other tests), run in ``cwd`` with HOME there too; returns the completed
    process with text stdout and stderr."""
    full_env = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV}
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    full_env.update(
        HOME=str(cwd), XDG_CONFIG_HOME=str(cwd / ".config"), XDG_DATA_HOME=str(cwd / ".data")
    )
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )
