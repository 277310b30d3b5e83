"""One logged-in IMAP connection: connect, TLS, login, EXAMINE, reconnect.

:class:`ImapSession` wraps an :class:`imapclient.IMAPClient` the way the
connector needs it: every failure becomes one
:class:`~auditor.errors.ConnectionFailed` (or ``SourceError``/``ConfigError``)
line naming the account, the host and the cause, never the secret; a
connection lost in the middle of a command is re-opened with exponential
backoff (:meth:`ImapSession.retrying`).

References: RFC 3501 (IMAP4rev1), RFC 2595 (STARTTLS), RFC 7162 (CONDSTORE),
RFC 7628 (OAUTHBEARER).
"""

from __future__ import annotations

import ast
import contextlib
import logging
import socket
import ssl
import time
from collections.abc import Callable
from typing import Any, TypeVar

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from auditor import secrets
from auditor.errors import ConfigError, ConnectionFailed, SourceError
from connectors.imap.settings import ImapSettings
from connectors.imap_auth import OAUTH2, Credentials

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Errors that mean the connection is gone (cut, reset, timed out, closed).
TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (
    IMAPClientAbortError,
    OSError,
    EOFError,
)


class LoginRefused(ConnectionFailed):
    """The server refused the username and password (or token). Retrying
    will not help: the run stops at once, exit status 2."""


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


def reason(exc: BaseException) -> str:
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


class ImapSession:
    """A connection to one account's server, made and re-made on demand.

    ``spec`` is the SOURCE (``imap:NAME``, named in "not connected" errors),
    ``settings`` the account's :class:`~connectors.imap.settings.ImapSettings`
    and ``credentials`` what :func:`connectors.imap_auth.credentials` found.
    ``transport`` makes the client, not yet logged in (default:
    :meth:`create_client`; the connector passes its own overridable hook).
    A reconnect waits ``backoff_base`` seconds, doubled each attempt, up to
    ``backoff_max``; :attr:`reconnects` counts the successful ones.

    Nothing here changes the mailbox: folders are opened with EXAMINE only.
    """

    def __init__(
        self,
        spec: str,
        settings: ImapSettings,
        credentials: Credentials,
        transport: Callable[[], IMAPClient] | None = None,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
    ) -> None:
        self.spec = spec
        self.account = settings.account
        self.settings = settings
        self.credentials = credentials
        self.transport = transport or self.create_client
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.reconnects = 0
        #: whether the server ENABLEd CONDSTORE (RFC 7162): HIGHESTMODSEQ is then reported
        self.condstore = False
        #: (folder, UIDVALIDITY) of the folder EXAMINEd last, None when none is
        self.selected: tuple[str, int] | None = None
        self._client: IMAPClient | None = None

    # -- the transport ---------------------------------------------------------
    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context: the system's trusted CAs (plus ``ca_file``), hostname
        checked, TLS 1.2 or later. Never unverified."""
        context = ssl.create_default_context()
        if self.settings.ca_file:
            context.load_verify_locations(cafile=self.settings.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def create_client(self) -> IMAPClient:
        """Connect to the server (TCP, then implicit TLS or STARTTLS) and return
        the :class:`IMAPClient`, not yet logged in."""
        settings = self.settings
        context = None
        if settings.security != "plain":
            try:
                context = self.ssl_context()
            except (OSError, ssl.SSLError) as exc:
                raise ConfigError(
                    f"accounts.{self.account}.ca_file: cannot load {settings.ca_file}: "
                    f"{reason(exc)}"
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

    # -- connecting and logging in ----------------------------------------------
    def connect(self) -> None:
        """Connect and log in, translating every failure into one clear line."""
        where = f"imap:{self.account}: {self.settings.address}"
        try:
            client = self.transport()
        except (ConnectionFailed, ConfigError):
            raise
        except ssl.SSLCertVerificationError as exc:
            raise ConnectionFailed(
                f"{where}: TLS {reason(exc)}; set ca_file to trust a private CA"
            ) from None
        except ssl.SSLError as exc:
            hint = ""
            if "WRONG_VERSION_NUMBER" in str(exc) or "wrong version" in str(exc).lower():
                hint = (
                    ' (is this a plaintext port? port 993 is for security = "tls", '
                    'port 143 for "starttls")'
                )
            raise ConnectionFailed(f"{where}: TLS handshake failed: {reason(exc)}{hint}") from None
        except TRANSPORT_ERRORS as exc:
            raise ConnectionFailed(f"{where}: cannot connect: {reason(exc)}") from None
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
        self.selected = None

    def _login(self, client: IMAPClient) -> None:
        """LOGIN, or AUTHENTICATE XOAUTH2/OAUTHBEARER for a token; then
        ENABLE CONDSTORE where the server has it."""
        settings, creds = self.settings, self.credentials
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
                f"{where}: connection lost during login: {reason(exc)}"
            ) from None
        except IMAPClientError as exc:
            raise ConnectionFailed(
                f"{where}: login as {creds.username} failed: {server_text(exc)}"
            ) from None
        self.condstore = False
        if client.has_capability("CONDSTORE") and client.has_capability("ENABLE"):
            try:
                self.condstore = b"CONDSTORE" in [c.upper() for c in client.enable("CONDSTORE")]
            except IMAPClientAbortError:
                raise
            except IMAPClientError as exc:
                log.debug("imap:%s: ENABLE CONDSTORE refused: %s", self.account, exc)
        log.info("imap:%s: logged in to %s as %s", self.account, settings.address, creds.username)

    @property
    def connected(self) -> bool:
        return self._client is not None

    @property
    def client(self) -> IMAPClient:
        """The logged-in client (raises when the connector is not open)."""
        if self._client is None:
            raise SourceError(f"{self.spec}: not connected (use the connector in a with block)")
        return self._client

    # -- folders -----------------------------------------------------------------
    def select(self, folder: str) -> dict[bytes, Any]:
        """EXAMINE ``folder`` (read-only select) and return the server's answer:
        ``{b"EXISTS": n, b"UIDVALIDITY": n, b"UIDNEXT": n, b"FLAGS": (…),
        b"HIGHESTMODSEQ": n (with CONDSTORE), …}`` (RFC 3501 §6.3.2)."""
        info = self.client.select_folder(folder, readonly=True)
        validity = info.get(b"UIDVALIDITY")
        if validity is None:
            raise ConnectionFailed(
                f"imap:{self.account}: {folder!r}: the server reports no UIDVALIDITY"
            )
        self.selected = (folder, int(validity))
        return info

    # -- closing and reconnecting -------------------------------------------------
    def close(self) -> None:
        """Log out (best effort: a dead connection is just dropped)."""
        client, self._client = self._client, None
        self.selected = None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection may be gone already; closing must not raise
            try:
                client.shutdown()
            except Exception as exc:
                log.debug("imap:%s: closing: %s", self.account, exc)

    def drop(self) -> None:
        """Forget the connection without a LOGOUT (it is gone or unusable)."""
        client, self._client = self._client, None
        self.selected = None
        if client is not None:
            try:
                client.shutdown()
            except Exception as exc:
                log.debug("imap:%s: shutdown: %s", self.account, exc)

    def lost(self, what: str, exc: BaseException) -> ConnectionFailed:
        """The error for a connection lost while doing ``what``."""
        where = f"imap:{self.account}: connection to {self.settings.address} lost while {what}"
        if isinstance(exc, ConnectionFailed):  # the last reconnect failed: say why
            return ConnectionFailed(f"{where}; reconnecting failed: {reason(exc)}")
        return ConnectionFailed(f"{where}: {reason(exc)}")

    def retrying(self, what: str, action: Callable[[], T]) -> T:
        """Run ``action``; when the connection drops, reconnect (with backoff,
        up to ``reconnect_attempts`` times) and run it again. ``action`` must be
        safe to repeat (nothing of it has been yielded yet). A NO or BAD answer
        is a :class:`~auditor.errors.SourceError` at once."""
        settings = self.settings
        attempt = 0
        while True:
            try:
                return action()
            except TRANSPORT_ERRORS as exc:
                failure = exc
            except IMAPClientError as exc:  # NO or BAD: the server refused the command
                raise SourceError(
                    f"imap:{self.account}: {settings.address} refused {what}: {server_text(exc)}"
                ) from None
            log.debug("imap:%s: %s failed", self.account, what, exc_info=True)
            self.drop()
            attempt = self._reconnect(what, failure, attempt)

    def _reconnect(self, what: str, failure: BaseException, attempt: int) -> int:
        """Reconnect after ``failure``, waiting longer each attempt; the number
        of attempts made so far. Raises when none is left."""
        settings = self.settings
        while True:
            if attempt >= settings.reconnect_attempts:
                raise self.lost(what, failure) from None
            attempt += 1
            delay = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
            log.warning(
                "imap:%s: connection to %s lost while %s (%s); reconnecting in %.0f s (%d of %d)",
                self.account,
                settings.address,
                what,
                reason(failure),
                delay,
                attempt,
                settings.reconnect_attempts,
            )
            time.sleep(delay)
            try:
                self.connect()
            except LoginRefused:
                raise  # a refused login does not get better by retrying
            except ConnectionFailed as exc:
                failure = exc
                continue
            self.reconnects += 1
            return attempt
