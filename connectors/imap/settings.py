"""An IMAP account's settings: one ``[accounts.NAME]`` table, checked, with
its defaults filled in (:class:`ImapSettings`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
    def from_table(cls, account: str, table: Mapping[str, Any], source: str = "") -> ImapSettings:
        """Raise :class:`~auditor.errors.ConfigError` on a value the account
        model (:class:`auditor.config.sections.ImapAccount`: types, ranges,
        host and username, plaintext consent) refuses (``source``: the config
        file, named first in the message as the config loader does)."""
        from auditor.config import imap_account

        checked = imap_account(table, source, f"accounts.{account}")
        if checked.allow_plaintext and checked.security != "plain":
            log.debug(
                "accounts.%s: allow_plaintext has no effect with security = %r",
                account,
                checked.security,
            )
        return cls(
            account=account,
            host=checked.host,
            port=checked.imap_port,
            username=checked.username,
            security=checked.security,
            allow_plaintext=checked.allow_plaintext,
            ca_file=checked.ca_file,
            timeout=checked.timeout,
            batch_size=checked.batch_size,
            idle=checked.idle,
            sent_folder=checked.sent_folder,
            notice_folders=tuple(checked.notice_folders),
            folders=tuple(checked.folders),
            whole_fetch_limit=checked.whole_fetch_limit,
            reconnect_attempts=checked.reconnect_attempts,
        )

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"
