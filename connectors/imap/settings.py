"""An IMAP account's settings: one ``[accounts.NAME]`` table, checked, with
its defaults filled in (:class:`ImapSettings`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.errors import ConfigError

log = logging.getLogger(__name__)

#: UIDs per FETCH command unless the account says otherwise. Real servers
#: reject over-long command lines; a few hundred UIDs stay far below them.
DEFAULT_BATCH_SIZE = 200
MAX_BATCH_SIZE = 1000
#: Messages bigger than this are fetched by section, attachments left out.
DEFAULT_WHOLE_FETCH_LIMIT = 256 * 1024
DEFAULT_TIMEOUT = 60.0
DEFAULT_RECONNECT_ATTEMPTS = 3


@dataclass(frozen=True)
class ImapSettings:
    """One ``[accounts.NAME]`` table, checked and with its defaults filled in.

    Secrets are not here: see :func:`connectors.imap_auth.credentials`.
    """

    account: str
    host: str
    port: int
    username: str
    security: str = "tls"
    allow_plaintext: bool = False
    ca_file: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    batch_size: int = DEFAULT_BATCH_SIZE
    idle: bool = True
    sent_folder: str | None = None
    notice_folders: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    whole_fetch_limit: int = DEFAULT_WHOLE_FETCH_LIMIT
    reconnect_attempts: int = DEFAULT_RECONNECT_ATTEMPTS

    @classmethod
    def from_table(cls, account: str, table: Mapping[str, Any],
                   source: str = "") -> ImapSettings:
        """Raise :class:`~auditor.errors.ConfigError` on a value the schema
        lets through but the connector cannot use (``source``: the config
        file, named first in the message as the config loader does)."""
        where = f"{source}: accounts.{account}" if source else f"accounts.{account}"
        for key in ("host", "username"):
            if not table.get(key):
                raise ConfigError(f"{where}.{key}: missing")
        security = table.get("security", "tls")
        if security == "plain" and not table.get("allow_plaintext", False):
            raise ConfigError(
                f'{where}.security: "plain" sends the password unencrypted; use "tls" or '
                '"starttls", or set allow_plaintext = true if you really mean it'
            )
        if table.get("allow_plaintext") and security != "plain":
            log.debug("%s: allow_plaintext has no effect with security = %r", where, security)
        port = table.get("port", 993 if security == "tls" else 143)
        if not 0 < port < 65536:
            raise ConfigError(f"{where}.port: expected 1-65535, got {port}")
        batch = table.get("batch_size", DEFAULT_BATCH_SIZE)
        if not 1 <= batch <= MAX_BATCH_SIZE:
            raise ConfigError(f"{where}.batch_size: expected 1-{MAX_BATCH_SIZE}, got {batch}")
        timeout = float(table.get("timeout", DEFAULT_TIMEOUT))
        if timeout <= 0:
            raise ConfigError(f"{where}.timeout: expected a positive number of seconds")
        limit = table.get("whole_fetch_limit", DEFAULT_WHOLE_FETCH_LIMIT)
        if limit < 0:
            raise ConfigError(f"{where}.whole_fetch_limit: expected a size in bytes ≥ 0")
        attempts = table.get("reconnect_attempts", DEFAULT_RECONNECT_ATTEMPTS)
        if attempts < 0:
            raise ConfigError(f"{where}.reconnect_attempts: expected 0 or more")
        return cls(
            account=account,
            host=table["host"],
            port=port,
            username=table.get("username", ""),
            security=security,
            allow_plaintext=bool(table.get("allow_plaintext", False)),
            ca_file=table.get("ca_file"),
            timeout=timeout,
            batch_size=batch,
            idle=bool(table.get("idle", True)),
            sent_folder=table.get("sent_folder"),
            notice_folders=tuple(table.get("notice_folders", ())),
            folders=tuple(table.get("folders", ())),
            whole_fetch_limit=limit,
            reconnect_attempts=attempts,
        )

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"
