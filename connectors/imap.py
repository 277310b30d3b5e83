"""IMAP: incremental, read-only sync of a seller's mailbox (SOURCE ``imap:NAME``).

``imap:NAME`` reads the account ``[accounts.NAME]`` of the configuration;
``imap:NAME/FOLDER`` reads only that folder. The folders read are the Sent
folder (found by its RFC 6154 ``\\Sent`` flag, whatever its localised name:
"[Gmail]/Sent Mail", "Sent Items", "Gesendete Objekte"…, or ``sent_folder``),
``INBOX``, the ``notice_folders`` and any other ``folders`` the account names.

Read-only, always: every folder is opened with EXAMINE (``select_folder(…,
readonly=True)``) and bodies are fetched with ``BODY.PEEK``, so no flag ever
changes. Messages up to ``whole_fetch_limit`` bytes are fetched whole; bigger
ones are fetched by section, leaving attachment bodies on the server (their
name, type and size come from the headers and BODYSTRUCTURE, see
:mod:`connectors.imap_mime`).

Incremental: per account and folder the store keeps UIDVALIDITY, the last
UID read and, where the server has CONDSTORE, HIGHESTMODSEQ. A run asks only
for UIDs above the last one, searching in UID windows (a mailbox-wide
``SEARCH ALL`` answer can pass imaplib's 1,000,000-byte line limit) and
fetching in batches of ``batch_size`` UIDs: one FETCH per batch of the first
``whole_fetch_limit`` bytes of each message (``BODY.PEEK[]<0.LIMIT>``), which
is the whole message unless it is bigger. Each message is yielded with the
checkpoint it reaches; the consumer (:class:`auditor.audit.Auditor`) saves
that checkpoint in the same transaction as the batch of messages it covers,
so a cut connection or a killed process resumes with nothing missed or
counted twice. When UIDVALIDITY changes the folder is read again from the
start; messages the store already holds (same Message-ID, or same content
hash for mail without one) are skipped, as are copies of one message in
several folders. Duplicates are rare in an incremental sync, so they are
recognised after the FETCH, from the header received; after a UIDVALIDITY
change most of the folder is known, so the Message-IDs are fetched first and
only the missing bodies follow.

Credentials come from an environment variable, a command, the keyring or
OAuth2 (:mod:`connectors.imap_auth`); TLS certificates are verified (add a
private CA with ``ca_file``); plaintext needs ``security = "plain"`` *and*
``allow_plaintext = true`` and is logged as a warning.

References: RFC 3501 (IMAP4rev1), RFC 2177 (IDLE), RFC 4551/7162 (CONDSTORE),
RFC 6154 (SPECIAL-USE), RFC 2595 (STARTTLS).
"""

from __future__ import annotations

import ast
import contextlib
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from auditor import secrets
from auditor.errors import ConfigError, ConnectionFailed, SourceError
from connectors import imap_mime
from connectors.base import IDLE, INCREMENTAL, READ_ONLY, Connector, RawMail
from connectors.imap_auth import OAUTH2, Credentials, credentials

log = logging.getLogger(__name__)

T = TypeVar("T")

#: UIDs per FETCH command unless the account says otherwise. Real servers
#: reject over-long command lines; a few hundred UIDs stay far below them.
DEFAULT_BATCH_SIZE = 200
MAX_BATCH_SIZE = 1000
#: UIDs per SEARCH window: at most this many UIDs of ≤ 10 digits come back on
#: one line, well under imaplib's 1,000,000-byte limit.
SEARCH_WINDOW = 50_000
#: Messages bigger than this are fetched by section, attachments left out.
DEFAULT_WHOLE_FETCH_LIMIT = 256 * 1024
#: How imapclient names the answer to ``BODY.PEEK[]<0.N>`` (RFC 3501 §7.4.2:
#: the origin octet, without the length).
PARTIAL_KEY = b"BODY[]<0>"
MAX_PARTIAL = 2**31 - 1
#: A message bigger than this that cannot be fetched by section is skipped
#: with an error (as the file connectors do).
MAX_MESSAGE_BYTES = 128 * 2**20
DEFAULT_TIMEOUT = 60.0
DEFAULT_RECONNECT_ATTEMPTS = 3

SENT_FLAG = b"\\Sent"
#: Names a Sent folder goes by, for servers that flag none with \Sent.
SENT_NAMES = (
    "Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail", "INBOX.Sent", "INBOX/Sent", "Gesendet",
    "Gesendete Objekte", "Gesendete Elemente", "Éléments envoyés", "Envoyés",
    "Messages envoyés", "Posta inviata", "Elementi inviati", "Enviados",
    "Elementos enviados", "Itens enviados", "Verzonden items", "Verzonden",
    "Wysłane", "Elementy wysłane", "Skickat", "Skickade objekt", "Gönderilmiş Öğeler",
    "Отправленные", "送信済み", "送信済みアイテム", "已发送", "已发送邮件",
)

#: Errors that mean the connection is gone (cut, reset, timed out, closed).
TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (
    IMAPClientAbortError, OSError, EOFError,
)


class LoginRefused(ConnectionFailed):
    """The server refused the username and password (or token). Retrying
    will not help: the run stops at once, exit status 2."""


# -- settings ------------------------------------------------------------------
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
        """Raise :class:`~auditor.errors.ConfigError` on a value the account
        model (:class:`auditor.config.sections.ImapAccount`: types, ranges,
        host and username, plaintext consent) refuses (``source``: the config
        file, named first in the message as the config loader does)."""
        from auditor.config import imap_account

        checked = imap_account(table, source, f"accounts.{account}")
        if checked.allow_plaintext and checked.security != "plain":
            log.debug("accounts.%s: allow_plaintext has no effect with security = %r",
                      account, checked.security)
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


@dataclass
class SyncStats:
    """What one connector did on the wire (for logs, benchmarks and tests)."""

    folders: int = 0
    searches: int = 0
    #: messages whose body was fetched (whole or by section); in a batch read
    #: with one FETCH this counts the duplicates dropped after it too
    bodies: int = 0
    #: of those, fetched by section with attachment bodies left on the server
    partial: int = 0
    #: encoded attachment bytes left on the server by partial fetches
    omitted_bytes: int = 0
    #: body bytes received
    bytes: int = 0
    #: messages skipped because the store (or another folder) already had them
    duplicates: int = 0
    reconnects: int = 0
    #: UIDs each body FETCH asked for, in order
    fetched_uids: list[int] = field(default_factory=list)


@dataclass
class FolderPlan:
    """What a sync of one folder will do: found by :meth:`ImapConnector.plan`."""

    folder: str
    uidvalidity: int
    uids: list[int]
    #: the checkpoint the store held (0 when none or when UIDVALIDITY changed)
    last_uid: int
    highestmodseq: int | None
    previous_modseq: int | None
    #: UIDVALIDITY changed since the last run: everything is read again
    rescan: bool = False
    #: UIDNEXT at EXAMINE time: no UID below it that is not in ``uids`` can appear later
    uidnext: int | None = None
    #: ask for the Message-IDs before the bodies (many messages are known already:
    #: after a UIDVALIDITY change, or while the last batch was mostly copies)
    probe: bool = False

    def __post_init__(self) -> None:
        self.probe = self.probe or self.rescan


# -- helpers -------------------------------------------------------------------------
def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def server_text(exc: BaseException) -> str:
    """The server's words from an imapclient/imaplib error, as one clean line
    (imapclient sometimes wraps them as ``"b'[AUTHENTICATIONFAILED] …'"``)."""
    text = str(exc).strip()
    if text[:2] in ("b'", 'b"'):
        try:
            value = ast.literal_eval(text)
            if isinstance(value, bytes):
                text = value.decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    text = " ".join(text.split())
    return secrets.redact(text)[:300] or type(exc).__name__


def _reason(exc: BaseException) -> str:
    """A short human reason for a transport error."""
    if isinstance(exc, ConnectionFailed):  # "imap:NAME: host:port: <reason>"
        return str(exc).split(": ", 2)[-1]
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate not trusted ({exc.verify_message or exc.reason})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve host ({exc.strerror or exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return server_text(exc)


_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def _message_id(header: bytes | None) -> str | None:
    """The Message-ID from a ``HEADER.FIELDS (MESSAGE-ID)`` answer, as the parser
    stores it (unfolded, stripped)."""
    match = _MESSAGE_ID.search(header) if header else None
    if match is None:
        return None
    text = " ".join(match.group(1).decode("utf-8", "replace").split())
    return text or None


_MESSAGE_ID_LINE = re.compile(rb"\nmessage-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE)


def _header_message_id(data: bytes) -> str | None:
    """The Message-ID of a whole message (LF line ends), as :func:`_message_id`
    reads it, searched in the header only: a message quoted or attached in the
    body has its own. (A search for "\\nmessage-id:" bounded by the end of the
    header is several times faster than a MULTILINE "^" over a copy of it.)"""
    end = data.find(b"\n\n")
    end = end + 1 if end >= 0 else len(data)
    if data[:11].lower() == b"message-id:":  # the first line
        match = _MESSAGE_ID.match(data, 0, end)
    else:
        match = _MESSAGE_ID_LINE.search(data, 0, end)
    if match is None:
        return None
    text = " ".join(match.group(1).decode("utf-8", "replace").split())
    return text or None


def _fetched(response: Mapping[bytes, Any], prefix: bytes) -> Any:
    """The item of a FETCH answer whose name starts with ``prefix``
    (servers differ in how they echo ``BODY[HEADER.FIELDS (…)]``)."""
    for name, value in response.items():
        if isinstance(name, bytes) and name.upper().startswith(prefix):
            return value
    return None


# -- the connector -------------------------------------------------------------------
class ImapConnector(Connector):
    """An IMAP account, read incrementally and never changed.

    ``spec`` is ``imap:NAME`` (or ``imap:NAME/FOLDER``); ``config`` the
    :class:`~auditor.config.Config` holding ``[accounts.NAME]``; ``store``
    the :class:`~auditor.store.Store` with the checkpoints (without one,
    every run reads everything). Use it as a context manager::

        with ImapConnector("imap:shop", config=config, store=store) as imap:
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

    #: IDLE is re-issued this often (RFC 2177: servers may drop an IDLE after 30 min).
    idle_renew_seconds: float = 25 * 60
    #: Without IDLE, wait_for_new polls this often.
    poll_seconds: float = 60.0
    #: First reconnect delay; doubled each attempt, up to backoff_max.
    backoff_base: float = 1.0
    backoff_max: float = 60.0

    def __init__(self, spec: str, config: Any = None, store: Any = None) -> None:
        super().__init__(spec, config=config, store=store)
        name = spec[len("imap:") :]
        self.account, _, only = name.partition("/")
        self.only_folder: str | None = only or None
        self.settings: ImapSettings | None = None
        self.folders: list[str] = []
        #: folder name → role ("sent", "inbox", "notices", "other")
        self.roles: dict[str, str] = {}
        self.stats = SyncStats()
        self._client: IMAPClient | None = None
        self._credentials: Credentials | None = None
        self._selected: tuple[str, int] | None = None
        self._condstore = False
        self._plans: dict[str, FolderPlan] | None = None
        #: Message-IDs yielded this run (a message filed in two folders is read once)
        self._seen_ids: set[str] = set()
        self._seen_hashes: set[str] = set()
        #: whether the store held mail of this account when the current folder's
        #: sync began (None: not asked yet). When it held none, everything
        #: "known" is in ``_seen_ids``/``_seen_hashes`` and the store is not asked.
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
        return ImapSettings.from_table(self.account, table,
                                       str(self.config.path) if self.config.path else "")

    def open(self) -> None:
        """Read the settings and credentials, connect, log in, find the folders."""
        self.settings = self._settings()
        table = self.config.account(self.account)
        if self.settings.security == "plain":
            log.warning(
                "imap:%s: PLAINTEXT connection to %s: the password and all mail cross the "
                "network unencrypted (allow_plaintext = true)",
                self.account, self.settings.address,
            )
        self._credentials = credentials(self.account, table)
        self._connect()
        try:
            self.folders = self.discover_folders()
        except TRANSPORT_ERRORS as exc:
            self._drop()
            raise self._lost("listing folders", exc) from None
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
        client, self._client = self._client, None
        self._selected = None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection may be gone already; closing must not raise
            try:
                client.shutdown()
            except Exception as exc:
                log.debug("imap:%s: closing: %s", self.account, exc)

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context: the system's trusted CAs (plus ``ca_file``), hostname
        checked, TLS 1.2 or later. Never unverified."""
        settings = self._require_settings()
        context = ssl.create_default_context()
        if settings.ca_file:
            context.load_verify_locations(cafile=settings.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def create_client(self) -> IMAPClient:
        """Connect to the server (TCP, then implicit TLS or STARTTLS) and return
        the :class:`IMAPClient`, not yet logged in. The one place the transport
        is made: override it to tunnel, proxy or instrument the connection."""
        settings = self._require_settings()
        context = None
        if settings.security != "plain":
            try:
                context = self.ssl_context()
            except (OSError, ssl.SSLError) as exc:
                raise ConfigError(
                    f"accounts.{self.account}.ca_file: cannot load {settings.ca_file}: "
                    f"{_reason(exc)}"
                ) from None
        client = IMAPClient(
            settings.host,
            port=settings.port,
            ssl=settings.security == "tls",
            ssl_context=context,
            timeout=SocketTimeout(connect=settings.timeout, read=settings.timeout),
        )
        if settings.security == "starttls":
            try:
                if not client.has_capability("STARTTLS"):
                    raise ConnectionFailed(
                        f"imap:{self.account}: {settings.address} does not offer STARTTLS; "
                        'use security = "tls" (usually port 993)'
                    )
                client.starttls(context)
            except BaseException:
                with contextlib.suppress(Exception):
                    client.shutdown()
                raise
        return client

    def _require_settings(self) -> ImapSettings:
        if self.settings is None:
            self.settings = self._settings()
        return self.settings

    def _connect(self) -> None:
        """Connect and log in, translating every failure into one clear line."""
        settings = self._require_settings()
        where = f"imap:{self.account}: {settings.address}"
        try:
            client = self.create_client()
        except (ConnectionFailed, ConfigError):
            raise
        except ssl.SSLCertVerificationError as exc:
            raise ConnectionFailed(
                f"{where}: TLS {_reason(exc)}; set ca_file to trust a private CA"
            ) from None
        except ssl.SSLError as exc:
            hint = ""
            if "WRONG_VERSION_NUMBER" in str(exc) or "wrong version" in str(exc).lower():
                hint = (
                    ' (is this a plaintext port? port 993 is for security = "tls", '
                    'port 143 for "starttls")'
                )
            raise ConnectionFailed(f"{where}: TLS handshake failed: {_reason(exc)}{hint}") from None
        except TRANSPORT_ERRORS as exc:
            raise ConnectionFailed(f"{where}: cannot connect: {_reason(exc)}") from None
        except IMAPClientError as exc:
            raise ConnectionFailed(f"{where}: refused: {server_text(exc)}") from None
        try:
            self._login(client)
        except BaseException:
            try:
                client.shutdown()
            except Exception as exc:  # pragma: no cover - best effort
                log.debug("shutdown after failed login: %s", exc)
            raise
        self._client = client
        self._selected = None

    def _login(self, client: IMAPClient) -> None:
        settings = self._require_settings()
        creds = self._credentials
        assert creds is not None
        where = f"imap:{self.account}: {settings.address}"
        try:
            if creds.kind == OAUTH2:
                if client.has_capability("AUTH=XOAUTH2"):
                    client.oauth2_login(creds.username, creds.secret)
                elif client.has_capability("AUTH=OAUTHBEARER"):
                    client.oauthbearer_login(creds.username, creds.secret)
                else:
                    raise ConnectionFailed(
                        f"{where}: the server offers no OAuth2 login (AUTH=XOAUTH2 or "
                        "AUTH=OAUTHBEARER)"
                    )
            else:
                if client.has_capability("LOGINDISABLED"):
                    raise ConnectionFailed(
                        f"{where}: the server refuses passwords on this connection "
                        '(LOGINDISABLED); use security = "starttls" or "tls"'
                    )
                client.login(creds.username, creds.secret)
        except LoginError as exc:
            raise LoginRefused(
                f"{where}: login as {creds.username} refused: {server_text(exc)}"
            ) from None
        except TRANSPORT_ERRORS as exc:
            raise ConnectionFailed(
                f"{where}: connection lost during login: {_reason(exc)}"
            ) from None
        except IMAPClientError as exc:
            raise ConnectionFailed(
                f"{where}: login as {creds.username} failed: {server_text(exc)}"
            ) from None
        self._condstore = False
        if client.has_capability("CONDSTORE") and client.has_capability("ENABLE"):
            try:
                self._condstore = b"CONDSTORE" in [c.upper() for c in client.enable("CONDSTORE")]
            except IMAPClientAbortError:
                raise
            except IMAPClientError as exc:
                log.debug("imap:%s: ENABLE CONDSTORE refused: %s", self.account, exc)
        log.info("imap:%s: logged in to %s as %s", self.account, settings.address, creds.username)

    @property
    def client(self) -> IMAPClient:
        """The logged-in client (raises when the connector is not open)."""
        if self._client is None:
            raise SourceError(f"{self.spec}: not connected (use the connector in a with block)")
        return self._client

    # -- folders -----------------------------------------------------------------
    def discover_folders(self) -> list[str]:
        """The folders to read, in order: Sent, INBOX, the notice folders,
        the other folders named in the account (each once). A folder named in
        the config that the server lacks is an error; a Sent folder that
        cannot be found is a warning."""
        settings = self._require_settings()
        listing = self.client.list_folders()
        # Flags are case-insensitive (RFC 3501 §2.3.2): "\\NoSelect", "\\sent"…
        names = {name: {bytes(f).lower() for f in flags} for flags, _delim, name in listing}
        selectable = {n for n, flags in names.items()
                      if not flags & {b"\\noselect", b"\\nonexistent"}}
        by_lower = {n.lower(): n for n in selectable}

        def existing(name: str, named_in: str) -> str:
            if name in selectable:
                return name
            if name.lower() in by_lower:
                return by_lower[name.lower()]
            if name.upper() == "INBOX":
                return "INBOX"
            shown = ", ".join(sorted(selectable)[:20])
            raise SourceError(
                f"imap:{self.account}: folder {name!r} ({named_in}) does not exist "
                f"(the server has: {shown})"
            )

        roles: dict[str, str] = {}
        if self.only_folder:
            roles[existing(self.only_folder, f"in SOURCE {self.spec}")] = "other"
        else:
            sent = None
            if settings.sent_folder:
                sent = existing(settings.sent_folder, f"accounts.{self.account}.sent_folder")
            else:
                sent = next((n for n, flags in names.items()
                             if SENT_FLAG.lower() in flags and n in selectable), None)
                if sent is None:
                    sent = next((by_lower[c.lower()] for c in SENT_NAMES
                                 if c.lower() in by_lower), None)
                    if sent is not None:
                        log.info("imap:%s: no folder is flagged \\Sent; using %r by its name",
                                 self.account, sent)
            if sent is None:
                log.warning(
                    "imap:%s: no Sent folder found (no \\Sent flag, no usual name): sent "
                    "buyer messages are not audited; set accounts.%s.sent_folder",
                    self.account, self.account,
                )
            else:
                roles[sent] = "sent"
            roles.setdefault(existing("INBOX", "the inbox"), "inbox")
            for name in settings.notice_folders:
                roles.setdefault(
                    existing(name, f"accounts.{self.account}.notice_folders"), "notices")
            for name in settings.folders:
                roles.setdefault(existing(name, f"accounts.{self.account}.folders"), "other")
        self.roles = roles
        log.debug("imap:%s: folders %s", self.account, roles)
        return list(roles)

    def _select(self, folder: str) -> dict[bytes, Any]:
        """EXAMINE ``folder`` (read-only select) and return the server's answer."""
        info = self.client.select_folder(folder, readonly=True)
        validity = info.get(b"UIDVALIDITY")
        if validity is None:
            raise ConnectionFailed(
                f"imap:{self.account}: {folder!r}: the server reports no UIDVALIDITY"
            )
        self._selected = (folder, int(validity))
        return info

    # -- planning ---------------------------------------------------------------------
    def plan(self, folder: str) -> FolderPlan:
        """Select ``folder`` read-only and find the UIDs a sync must fetch."""
        info = self._select(folder)
        validity = int(info[b"UIDVALIDITY"])
        uidnext = info.get(b"UIDNEXT")
        exists = int(info.get(b"EXISTS", 0))
        modseq = info.get(b"HIGHESTMODSEQ") if self._condstore else None
        state = self.store.checkpoint(self.account, folder) if self.store is not None else None
        rescan = state is not None and state.uidvalidity != validity
        if rescan:
            log.warning(
                "imap:%s/%s: UIDVALIDITY changed (%s → %s): the folder was recreated or "
                "restored; reading it again and skipping messages already audited",
                self.account, folder, state.uidvalidity, validity,
            )
        last = state.last_uid if state is not None and not rescan else 0
        previous_modseq = state.highestmodseq if state is not None and not rescan else None
        if exists == 0:
            uids: list[int] = []
        elif uidnext is not None and int(uidnext) <= last + 1:
            uids = []  # nothing new: no SEARCH, no FETCH
        elif uidnext is None and modseq is not None and previous_modseq == modseq and last:
            uids = []  # nothing changed at all since the checkpoint
        else:
            uids = self._search_new(last, int(uidnext) if uidnext is not None else None)
        return FolderPlan(folder, validity, uids, last, modseq, previous_modseq, rescan,
                          int(uidnext) if uidnext is not None else None)

    def _search_new(self, last: int, uidnext: int | None) -> list[int]:
        """UIDs above ``last`` in the selected folder, searched in windows."""
        client = self.client
        if uidnext is None:
            self.stats.searches += 1
            highest = client.search(["UID", "*"])  # the highest UID in the folder
            uidnext = (max(highest) + 1) if highest else last + 1
        found: set[int] = set()
        start = last + 1
        while True:
            end = start + SEARCH_WINDOW - 1
            final = end >= uidnext - 1
            # The last window is open-ended, to include mail arrived since SELECT;
            # "N:*" also returns the highest UID when N is beyond it: filter.
            criteria = ["UID", f"{start}:*" if final else f"{start}:{end}"]
            self.stats.searches += 1
            found.update(uid for uid in client.search(criteria) if uid >= start)
            if final:
                break
            start = end + 1
        return sorted(found)

    def pending(self) -> int:
        """How many UIDs the next :meth:`messages` will fetch, over all folders
        (for a determinate progress bar). Plans are kept for that call."""
        self._plans = {}
        for folder in self.folders:
            self._plans[folder] = self._retrying(f"examining {folder!r}",
                                                 lambda f=folder: self.plan(f))
        return sum(len(p.uids) for p in self._plans.values())

    # -- the sync ---------------------------------------------------------------------------
    def messages(self) -> Iterator[RawMail]:
        """Every message not yet in the store, folder by folder, ascending UID,
        each with the checkpoint it reaches (see the module docstring)."""
        plans, self._plans = self._plans or {}, None
        self._seen_ids, self._seen_hashes = set(), set()
        for folder in self.folders:
            plan = plans.get(folder)
            if plan is None:
                plan = self._retrying(f"examining {folder!r}", lambda f=folder: self.plan(f))
            yield from self._sync(plan)

    def _sync(self, plan: FolderPlan) -> Iterator[RawMail]:
        self.stats.folders += 1
        self._store_has_mail = None
        started = time.monotonic()
        held: tuple[int, bytes, str | None] | None = None  # (uid, data, error)
        scanned = plan.last_uid
        yielded = 0
        for uid, data, error in self._fetch_folder(plan):
            if data is None and error is None:  # a duplicate: skipped
                scanned = uid
                continue
            if held is not None:
                # The held message also covers the duplicates skipped since.
                yield self._raw(plan, held, uid - 1, final=False)
                yielded += 1
            held = (uid, data or b"", error)
            scanned = uid
        # Every UID below UIDNEXT that exists was searched: the checkpoint may
        # pass the gaps expunged mail left at the end.
        if plan.uidnext is not None and plan.uids:
            scanned = max(scanned, plan.uidnext - 1)
        if held is not None:
            yield self._raw(plan, held, scanned, final=True)
            yielded += 1
        elif self.store is not None and (scanned > plan.last_uid or plan.rescan):
            # Only duplicates (or gaps): nothing of this folder waits in the
            # consumer, so a checkpoint past them cannot skip anything. Save it.
            self.store.save_checkpoint(
                self.account, plan.folder, plan.uidvalidity, scanned, plan.highestmodseq
            )
        if plan.uids:
            log.info(
                "imap:%s/%s: %d new of %d UIDs read in %.2f s",
                self.account, plan.folder, yielded, len(plan.uids),
                time.monotonic() - started,
            )

    def _raw(self, plan: FolderPlan, held: tuple[int, bytes, str | None], upto: int,
             final: bool) -> RawMail:
        uid, data, error = held
        modseq = plan.highestmodseq if final else plan.previous_modseq
        return RawMail(
            source=f"imap:{self.account}/{plan.folder}",
            key=str(uid),
            data=data,
            error=error,
            folder=plan.folder,
            account=self.account,
            checkpoint=(plan.uidvalidity, max(upto, uid), modseq),
        )

    def _fetch_folder(self, plan: FolderPlan) -> Iterator[tuple[int, bytes | None, str | None]]:
        """(uid, data, error) per UID of the plan; (uid, None, None) for a
        message skipped as a duplicate or gone from the server."""
        settings = self._require_settings()
        for batch in _chunks(plan.uids, settings.batch_size):
            results = self._retrying(
                f"reading {plan.folder!r}", lambda b=batch: self._fetch_batch(plan, b)
            )
            yield from results

    def _fetch_batch(self, plan: FolderPlan, batch: Sequence[int]) -> list[
        tuple[int, bytes | None, str | None]
    ]:
        if self._selected is None or self._selected[0] != plan.folder:
            self._reselect(plan)
        # An IMAP number is 32 bits; a partial length of 0 is not allowed.
        limit = min(self._require_settings().whole_fetch_limit, MAX_PARTIAL)
        duplicates = self.stats.duplicates
        if plan.probe or limit <= 0:
            # Most of these are known already (a UIDVALIDITY change, a folder
            # of copies such as Gmail's All Mail): ask for Message-IDs first
            # and fetch only the bodies still missing.
            results = self._fetch_probing(plan, batch)
        else:
            results = self._fetch_at_once(plan, batch, limit)
        if not plan.rescan:  # probe while more than a quarter of a batch are copies
            plan.probe = (self.stats.duplicates - duplicates) * 4 > len(batch)
        return results

    def _fetch_probing(self, plan: FolderPlan, batch: Sequence[int]) -> list[
        tuple[int, bytes | None, str | None]
    ]:
        """Two FETCHes: sizes and Message-IDs first (small answers), so that
        known mail is skipped before its body is asked for; then the bodies."""
        client = self.client
        meta = client.fetch(list(batch), ["RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        ids = {uid: _message_id(_fetched(meta[uid], b"BODY[HEADER.FIELDS"))
               for uid in batch if uid in meta}
        wanted, skipped, new_ids, duplicates = self._new_by_id(plan, batch, ids)
        bodies = self._fetch_bodies(plan, wanted, meta)
        return self._complete_batch(batch, ids, wanted, skipped, new_ids, duplicates, bodies)

    def _fetch_at_once(self, plan: FolderPlan, batch: Sequence[int], limit: int) -> list[
        tuple[int, bytes | None, str | None]
    ]:
        """One FETCH for the whole batch: the first ``limit`` bytes of every
        message (``BODY.PEEK[]<0.limit>``). A message that comes back shorter
        than ``limit`` is complete; the others are big and go the by-section
        path. Duplicates are recognised afterwards by the Message-ID in the
        bytes received, and dropped as the two-FETCH path would drop them."""
        client = self.client
        uids = list(batch)
        self.stats.fetched_uids.extend(uids)
        answer = client.fetch(uids, [f"BODY.PEEK[]<0.{limit}>"])
        received: dict[int, bytes] = {}  # uid → bytes, LF line ends
        ids: dict[int, str | None] = {}
        cut: set[int] = set()  # exactly ``limit`` bytes came back: maybe more on the server
        size = 0
        for uid in uids:
            item = answer.get(uid)
            if item is None:
                continue  # expunged meanwhile
            data = item.get(PARTIAL_KEY)
            if data is None:
                data = _fetched(item, b"BODY[]")
                if data is None:
                    continue
            if len(data) >= limit:
                cut.add(uid)
            else:
                size += len(data)
            data = _lf(bytes(data))
            received[uid] = data
            ids[uid] = _header_message_id(data)
        self.stats.bodies += len(received) - len(cut)
        self.stats.bytes += size
        wanted, skipped, new_ids, duplicates = self._new_by_id(plan, batch, ids)
        bodies: dict[int, tuple[bytes | None, str | None]] = {
            uid: (received[uid], None) for uid in wanted if uid not in cut}
        big = [uid for uid in wanted if uid in cut]
        if big:
            meta = client.fetch(big, ["RFC822.SIZE", "BODYSTRUCTURE"])
            sizes = {uid: int(meta[uid].get(b"RFC822.SIZE") or 0) for uid in big if uid in meta}
            for uid, total in list(sizes.items()):
                if total <= limit:  # exactly ``limit`` bytes long: complete already
                    del sizes[uid]
                    bodies[uid] = (received[uid], None)
                    self.stats.bodies += 1
                    self.stats.bytes += len(received[uid])
            result, whole = self._fetch_by_section(plan, list(sizes), sizes, meta)
            bodies.update(result)
            self._fetch_whole(whole, bodies)
        return self._complete_batch(batch, ids, wanted, skipped, new_ids, duplicates, bodies)

    def _new_by_id(self, plan: FolderPlan, batch: Sequence[int],
                   ids: Mapping[int, str | None]) -> tuple[list[int], set[int], set[str], int]:
        """Split ``batch`` by Message-ID (``ids``: uid → Message-ID for every
        UID still on the server) into (wanted UIDs, skipped UIDs, Message-IDs
        new in this batch, number of duplicates)."""
        known = self._known_ids([mid for mid in ids.values() if mid])
        seen = self._seen_ids
        wanted: list[int] = []
        skipped: set[int] = set()
        new_ids: set[str] = set()
        duplicates = 0
        for uid in batch:
            if uid not in ids:
                log.debug("imap:%s/%s: UID %d is gone", self.account, plan.folder, uid)
                skipped.add(uid)
                continue
            mid = ids[uid]
            if mid:
                if mid in known or mid in seen or mid in new_ids:
                    skipped.add(uid)
                    duplicates += 1
                    continue
                new_ids.add(mid)
            wanted.append(uid)
        return wanted, skipped, new_ids, duplicates

    def _complete_batch(self, batch: Sequence[int], ids: Mapping[int, str | None],
                        wanted: list[int], skipped: set[int], new_ids: set[str],
                        duplicates: int, bodies: dict[int, tuple[bytes | None, str | None]]
                        ) -> list[tuple[int, bytes | None, str | None]]:
        """Drop the messages without a Message-ID whose content hash is known,
        note what this batch saw, and list (uid, data, error) in batch order."""
        no_id = [uid for uid in wanted if not ids.get(uid) and bodies.get(uid, (None,))[0]]
        new_hashes: set[str] = set()
        if no_id:
            by_hash = self._duplicates_by_hash(no_id, bodies, new_hashes)
            skipped |= by_hash
            duplicates += len(by_hash)
        # Only now, the batch complete: a batch retried after a reconnect must
        # not take its own messages for duplicates.
        self._seen_ids |= new_ids
        self._seen_hashes |= new_hashes
        self.stats.duplicates += duplicates
        results: list[tuple[int, bytes | None, str | None]] = []
        for uid in batch:
            body = None if uid in skipped else bodies.get(uid)
            if body is None:  # a duplicate, or expunged meanwhile
                results.append((uid, None, None))
            else:
                results.append((uid, body[0], body[1]))
        return results

    def _store_may_know(self) -> bool:
        """False when the store held no mail of this account as this folder's
        sync began (a first sync): then only this run's own messages can be
        duplicates, and one query spares one per batch."""
        if self.store is None:
            return False
        if self._store_has_mail is None:
            self._store_has_mail = store_holds_mail(self.store, self.account)
        return self._store_has_mail

    def _known_ids(self, message_ids: list[str]) -> set[str]:
        if not message_ids or not self._store_may_know():
            return set()
        return known_message_ids(self.store, self.account, message_ids)

    def _duplicates_by_hash(self, uids: list[int],
                            bodies: dict[int, tuple[bytes | None, str | None]],
                            new_hashes: set[str]) -> set[int]:
        """Of messages without a Message-ID, those whose content hash the store
        (or this run) already has; the others' hashes are added to ``new_hashes``."""
        from auditor.errors import MessageError
        from auditor.message.parse import parse_message

        hashes: dict[int, str] = {}
        for uid in uids:
            data = bodies[uid][0]
            try:
                hashes[uid] = parse_message(data or b"", "", str(uid)).content_hash
            except MessageError:
                continue
        known = set(self.store.known_hashes(self.account, hashes.values())) if (
            hashes and self._store_may_know()) else set()
        duplicates = set()
        for uid, digest in hashes.items():
            if digest in known or digest in self._seen_hashes or digest in new_hashes:
                duplicates.add(uid)
            else:
                new_hashes.add(digest)
        return duplicates

    def _fetch_bodies(self, plan: FolderPlan, uids: list[int],
                      meta: Mapping[int, Mapping[bytes, Any]]
                      ) -> dict[int, tuple[bytes | None, str | None]]:
        """uid → (data, error): small messages in one FETCH, big ones by section."""
        settings = self._require_settings()
        sizes = {uid: int(meta[uid].get(b"RFC822.SIZE") or 0) for uid in uids}
        big = [uid for uid in uids if sizes[uid] > settings.whole_fetch_limit]
        structures = self.client.fetch(big, ["BODYSTRUCTURE"]) if big else {}
        result, whole = self._fetch_by_section(plan, big, sizes, structures)
        whole += [uid for uid in uids if sizes[uid] <= settings.whole_fetch_limit]
        self._fetch_whole(whole, result)
        return result

    def _fetch_by_section(self, plan: FolderPlan, uids: list[int], sizes: Mapping[int, int],
                          structures: Mapping[int, Mapping[bytes, Any]]
                          ) -> tuple[dict[int, tuple[bytes | None, str | None]], list[int]]:
        """Big messages by section, attachment bodies left on the server:
        (uid → (data, error), UIDs to fetch whole instead)."""
        client = self.client
        result: dict[int, tuple[bytes | None, str | None]] = {}
        whole: list[int] = []
        for uid in uids:
            size = sizes[uid]
            try:
                root = imap_mime.plan_parts(structures.get(uid, {}).get(b"BODYSTRUCTURE"))
            except imap_mime.StructureError as exc:
                log.debug("imap:%s/%s: UID %d: %s; fetching it whole",
                          self.account, plan.folder, uid, exc)
                root = None
            if root is None or not imap_mime.omitted_bytes(root):
                if size > MAX_MESSAGE_BYTES:
                    result[uid] = (None, f"message of {size} bytes is too large")
                else:
                    whole.append(uid)
                continue
            self.stats.fetched_uids.append(uid)
            answer = client.fetch([uid], imap_mime.fetch_items(root)).get(uid)
            try:
                data = imap_mime.assemble(root, answer or {})
            except imap_mime.StructureError as exc:
                log.debug("imap:%s/%s: UID %d: %s; fetching it whole",
                          self.account, plan.folder, uid, exc)
                self.stats.fetched_uids.pop()
                whole.append(uid)
                continue
            self.stats.bodies += 1
            self.stats.partial += 1
            self.stats.omitted_bytes += imap_mime.omitted_bytes(root)
            self.stats.bytes += len(data)
            result[uid] = (_lf(data), None)
        return result, whole

    def _fetch_whole(self, uids: list[int],
                     result: dict[int, tuple[bytes | None, str | None]]) -> None:
        """Fetch ``uids`` whole (one FETCH) into ``result``."""
        if not uids:
            return
        uids = sorted(uids)
        self.stats.fetched_uids.extend(uids)
        answer = self.client.fetch(uids, ["BODY.PEEK[]"])
        for uid in uids:
            data = _fetched(answer.get(uid, {}), b"BODY[]")
            if data is None:
                continue  # expunged meanwhile
            self.stats.bodies += 1
            self.stats.bytes += len(data)
            result[uid] = (_lf(bytes(data)), None)

    # -- reconnecting ------------------------------------------------------------------
    def _reselect(self, plan: FolderPlan) -> None:
        info = self._select(plan.folder)
        if int(info[b"UIDVALIDITY"]) != plan.uidvalidity:
            raise ConnectionFailed(
                f"imap:{self.account}/{plan.folder}: UIDVALIDITY changed during the sync; "
                "run again to read the folder afresh"
            )

    def _lost(self, what: str, exc: BaseException) -> ConnectionFailed:
        settings = self._require_settings()
        where = f"imap:{self.account}: connection to {settings.address} lost while {what}"
        if isinstance(exc, ConnectionFailed):  # the last reconnect failed: say why
            return ConnectionFailed(f"{where}; reconnecting failed: {_reason(exc)}")
        return ConnectionFailed(f"{where}: {_reason(exc)}")

    def _retrying(self, what: str, action: Callable[[], T]) -> T:
        """Run ``action``; when the connection drops, reconnect (with backoff,
        up to ``reconnect_attempts`` times) and run it again. ``action`` must be
        safe to repeat (nothing of it has been yielded yet)."""
        settings = self._require_settings()
        attempt = 0
        while True:
            try:
                return action()
            except TRANSPORT_ERRORS as exc:
                failure = exc
            except IMAPClientError as exc:  # NO or BAD: the server refused the command
                raise SourceError(
                    f"imap:{self.account}: {settings.address} refused {what}: "
                    f"{server_text(exc)}"
                ) from None
            log.debug("imap:%s: %s failed", self.account, what, exc_info=True)
            self._drop()
            while True:
                if attempt >= settings.reconnect_attempts:
                    raise self._lost(what, failure) from None
                attempt += 1
                delay = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
                log.warning(
                    "imap:%s: connection to %s lost while %s (%s); reconnecting in %.0f s "
                    "(%d of %d)", self.account, settings.address, what, _reason(failure),
                    delay, attempt, settings.reconnect_attempts,
                )
                time.sleep(delay)
                try:
                    self._connect()
                except LoginRefused:
                    raise  # a refused login does not get better by retrying
                except ConnectionFailed as exc:
                    failure = exc
                    continue
                self.stats.reconnects += 1
                break

    def _drop(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        if client is not None:
            try:
                client.shutdown()
            except Exception as exc:
                log.debug("imap:%s: shutdown: %s", self.account, exc)

    # -- waiting for mail -------------------------------------------------------------
    def wait_for_new(self, timeout: float, folder: str = "INBOX",
                     stop: threading.Event | None = None) -> bool:
        """Block until new mail arrives in ``folder`` or ``timeout`` seconds pass
        (or ``stop``, a daemon's stop event, is set: then False).

        Uses IMAP IDLE (RFC 2177) when the server has it and the account does
        not set ``idle = false``, re-issuing it every :attr:`idle_renew_seconds`
        (≤ 25 min); otherwise polls the folder's UIDNEXT every
        :attr:`poll_seconds`. A dropped connection is re-opened with backoff
        (mail that arrived meanwhile counts). Returns True when a new message
        is there (then call :meth:`messages`), False on timeout.
        """
        settings = self._require_settings()
        deadline = time.monotonic() + timeout
        baseline = self._retrying(f"examining {folder!r}", lambda: self._uidnext(folder))
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (stop is not None and stop.is_set()):
                return False
            try:
                if self._wait_once(folder, remaining, baseline):
                    return True
                continue
            except IMAPClientAbortError as exc:  # before IMAPClientError: a subclass
                failure: BaseException = exc
            except IMAPClientError as exc:  # NO or BAD
                raise SourceError(
                    f"imap:{self.account}: {settings.address} refused to wait on {folder!r}: "
                    f"{server_text(exc)}"
                ) from None
            except TRANSPORT_ERRORS as exc:
                failure = exc
            log.info("imap:%s: connection lost while waiting (%s)", self.account,
                     _reason(failure))
            self._drop()
            if self._retrying(f"examining {folder!r}", lambda: self._uidnext(folder)) > baseline:
                return True

    def _wait_once(self, folder: str, remaining: float, baseline: int) -> bool:
        """One IDLE (or one poll interval): True when new mail is there."""
        settings = self._require_settings()
        if settings.idle and self.client.has_capability("IDLE"):
            return self._idle(folder, min(remaining, self.idle_renew_seconds), baseline)
        time.sleep(min(remaining, self.poll_seconds))
        return self._uidnext(folder) > baseline

    def _uidnext(self, folder: str, info: Mapping[bytes, Any] | None = None) -> int:
        if self._client is None:
            raise ConnectionResetError("not connected")
        info = info if info is not None else self._select(folder)
        uidnext = info.get(b"UIDNEXT")
        if uidnext is not None:
            return int(uidnext)
        highest = self.client.search(["UID", "*"]) if int(info.get(b"EXISTS", 0)) else []
        return max(highest, default=0) + 1

    def _idle(self, folder: str, seconds: float, baseline: int) -> bool:
        """One IDLE of at most ``seconds``: True when a message with a UID of
        ``baseline`` or more is there (already, or announced during the IDLE)."""
        client = self.client
        info = self._select(folder)
        if self._uidnext(folder, info) > baseline:
            return True  # arrived between two IDLEs
        exists = int(info.get(b"EXISTS", 0))
        end = time.monotonic() + seconds
        arrived = False
        quiet_returns = 0
        client.idle()
        # On a transport error the caller drops the connection: no DONE then.
        while not arrived:
            remaining = end - time.monotonic()
            if remaining <= 0:
                break
            wait = min(remaining, 60.0)
            started = time.monotonic()
            responses = client.idle_check(timeout=wait)
            arrived = _grew(responses, exists)
            # imapclient's idle_check returns nothing, at once, when the server
            # has closed the connection (it swallows the EOF): notice that.
            if not responses and time.monotonic() - started < wait / 2:
                quiet_returns += 1
                if quiet_returns >= 3:
                    raise ConnectionResetError("the server closed the connection during IDLE")
            else:
                quiet_returns = 0
        _text, responses = client.idle_done()
        return arrived or _grew(responses, exists)


def known_message_ids(store: Any, account: str, message_ids: Iterable[str]) -> set[str]:
    """Which of ``message_ids`` the store holds for ``account``."""
    return set(store.known_message_ids(account, list(dict.fromkeys(message_ids))))


def store_holds_mail(store: Any, account: str) -> bool:
    """Whether the store holds any message of ``account`` (True when it
    cannot tell: then the connector asks about every batch)."""
    try:
        from sqlalchemy import select

        from auditor.store.models import StoredMessage

        with store.transaction() as session:
            return session.scalar(
                select(StoredMessage.id).where(StoredMessage.account == account).limit(1)
            ) is not None
    except AttributeError:  # not the auditor's SQL store
        return True


def _grew(responses: Iterable[Any], exists: int) -> bool:
    """True when IDLE ``responses`` announce more messages than ``exists``."""
    for response in responses:
        if (isinstance(response, tuple) and len(response) >= 2 and response[1] == b"EXISTS"
                and isinstance(response[0], int) and response[0] > exists):
            return True
    return False


def _lf(data: bytes) -> bytes:
    """IMAP sends CRLF line ends; files on disk (and Dovecot's Maildir) have LF.
    Normalised so the same mail parses to the same text either way."""
    return data.replace(b"\r\n", b"\n")

