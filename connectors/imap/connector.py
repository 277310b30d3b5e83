"""The IMAP connector: settings, session, folders, sync and IDLE put together."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from typing import Any, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from auditor.errors import SourceError
from connectors.base import IDLE, INCREMENTAL, READ_ONLY, Connector, KnownMessages
from connectors.imap import folders as folder_discovery
from connectors.imap.idle import IdleWaiter
from connectors.imap.plan import FolderPlan, SyncStats
from connectors.imap.session import TRANSPORT_ERRORS, ImapSession, server_text
from connectors.imap.settings import ImapSettings
from connectors.imap.sync import FolderSync
from connectors.imap_auth import credentials

log = logging.getLogger(__name__)

T = TypeVar("T")


class ImapConnector(FolderSync, IdleWaiter, Connector):
    """An IMAP account, read incrementally and never changed.

    ``spec`` is ``imap:NAME`` (or ``imap:NAME/FOLDER``); ``config`` the
    :class:`~auditor.config.Config` holding ``[accounts.NAME]``; ``store``
    keeps the checkpoints (``checkpoint(account, folder)`` and
    ``save_checkpoint(account, folder, uidvalidity, uid, modseq)``: the
    :class:`~auditor.store.Store`; without one, every run reads everything);
    ``known`` (:class:`~connectors.base.KnownMessages`) tells which messages
    the application holds already, so they are skipped (without it only
    copies within this run are). Use it as a context manager::

        with ImapConnector("imap:shop", config=config, store=store, known=known) as imap:
            print(imap.folders, imap.pending())
            for raw in imap.messages():
                ...                       # raw.checkpoint: save with the batch
            imap.wait_for_new(timeout=600)  # IMAP IDLE, for a daemon

    :meth:`open` fetches the credentials, connects, logs in and finds the
    folders; every failure is one :class:`~auditor.errors.ConnectionFailed`
    (or ``SourceError``/``ConfigError``) line naming the host and the cause,
    never the secret. :meth:`messages` yields :class:`RawMail` in ascending
    UID order per folder; a connection lost mid-sync is re-opened up to
    ``reconnect_attempts`` times with exponential backoff before the run
    fails. :meth:`create_client` is the one place the transport is made.
    """

    name = "imap"
    capabilities = frozenset({READ_ONLY, INCREMENTAL, IDLE})

    #: First reconnect delay; doubled each attempt, up to backoff_max.
    backoff_base: float = 1.0
    backoff_max: float = 60.0

    def __init__(
        self, spec: str, config: Any = None, store: Any = None, known: KnownMessages | None = None
    ) -> None:
        super().__init__(spec, config=config, store=store, known=known)
        name = spec[len("imap:") :]
        self.account, _, only = name.partition("/")
        self.only_folder: str | None = only or None
        self.settings: ImapSettings | None = None
        self.folders: list[str] = []
        #: folder name → role ("sent", "inbox", "notices", "other")
        self.roles: dict[str, str] = {}
        self.stats = SyncStats()
        self._session: ImapSession | None = None
        self._plans: dict[str, FolderPlan] | None = None
        #: Message-IDs yielded this run (a message filed in two folders is read once)
        self._seen_ids: set[str] = set()
        self._seen_hashes: set[str] = set()
        #: whether the application held mail of this account when the current
        #: folder's sync began (None: not asked yet). When it held none,
        #: everything "known" is in ``_seen_ids``/``_seen_hashes``.
        self._store_has_mail: bool | None = None

    @classmethod
    def accepts(cls, spec: str) -> bool:
        return spec.startswith("imap:") and len(spec) > len("imap:")

    # -- opening and closing ---------------------------------------------------
    def _settings(self) -> ImapSettings:
        if not self.account:
            raise SourceError(f"{self.spec}: name an account: imap:NAME")
        if self.config is None:
            raise SourceError(f"{self.spec}: no configuration with [accounts.{self.account}]")
        table = self.config.account(self.account)  # ConfigError naming the known ones
        kind = table.get("type", "imap")
        if kind != "imap":
            raise SourceError(f"{self.spec}: accounts.{self.account} is of type {kind!r}")
        return ImapSettings.from_table(
            self.account, table, str(self.config.path) if self.config.path else ""
        )

    def _require_settings(self) -> ImapSettings:
        if self.settings is None:
            self.settings = self._settings()
        return self.settings

    def open(self) -> None:
        """Read the settings and credentials, connect, log in, find the folders."""
        self.settings = self._settings()
        table = self.config.account(self.account)
        if self.settings.security == "plain":
            log.warning(
                "imap:%s: PLAINTEXT connection to %s: the password and all mail cross the "
                "network unencrypted (allow_plaintext = true)",
                self.account,
                self.settings.address,
            )
        session = ImapSession(
            self.spec,
            self.settings,
            credentials(self.account, table),
            transport=self.create_client,
            backoff_base=self.backoff_base,
            backoff_max=self.backoff_max,
        )
        self._session = session  # before connecting: create_client is the session's
        session.connect()
        try:
            self.folders = self.discover_folders()
        except TRANSPORT_ERRORS as exc:
            session.drop()
            raise session.lost("listing folders", exc) from None
        except IMAPClientError as exc:
            self.close()
            raise SourceError(
                f"imap:{self.account}: {self.settings.address} refused to list the folders: "
                f"{server_text(exc)}"
            ) from None
        except BaseException:
            self.close()  # __exit__ does not run when open() fails
            raise

    def close(self) -> None:
        """Log out (best effort: a dead connection is just dropped)."""
        if self._session is not None:
            self._session.close()

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context (see :meth:`ImapSession.ssl_context`): never unverified."""
        return self.session.ssl_context()

    def create_client(self) -> IMAPClient:
        """Connect to the server (TCP, then implicit TLS or STARTTLS) and return
        the :class:`IMAPClient`, not yet logged in. The one place the transport
        is made: override it to tunnel, proxy or instrument the connection
        (the default is :meth:`ImapSession.create_client`)."""
        return self.session.create_client()

    @property
    def session(self) -> ImapSession:
        """The connection (raises when the connector is not open)."""
        if self._session is None:
            raise SourceError(f"{self.spec}: not connected (use the connector in a with block)")
        return self._session

    @property
    def client(self) -> IMAPClient:
        """The logged-in client (raises when the connector is not open)."""
        return self.session.client

    def discover_folders(self) -> list[str]:
        """The folders to read, in order: Sent, INBOX, the notice folders,
        the other folders named in the account (each once); see
        :func:`connectors.imap.folders.discover`."""
        roles = folder_discovery.discover(
            self.client, self._require_settings(), self.spec, self.only_folder
        )
        self.roles = roles
        log.debug("imap:%s: folders %s", self.account, roles)
        return list(roles)

    def _retrying(self, what: str, action: Callable[[], T]) -> T:
        """:meth:`ImapSession.retrying`, counting reconnects in :attr:`stats`."""
        session = self.session
        before = session.reconnects
        try:
            return session.retrying(what, action)
        finally:
            self.stats.reconnects += session.reconnects - before
