"""Waiting for new mail: IMAP IDLE (RFC 2177), or polling UIDNEXT where the
server has no IDLE or the account sets ``idle = false``."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from auditor.errors import SourceError
from connectors.imap.session import TRANSPORT_ERRORS, reason, server_text

if TYPE_CHECKING:
    from connectors.imap.session import ImapSession
    from connectors.imap.settings import ImapSettings

log = logging.getLogger(__name__)

T = TypeVar("T")


class IdleWaiter:
    """The waiting half of :class:`~connectors.imap.ImapConnector` (a mixin:
    it reads the connector's ``session``, ``account`` and settings)."""

    account: str
    #: IDLE is re-issued this often (RFC 2177: servers may drop an IDLE after 30 min).
    idle_renew_seconds: float = 25 * 60
    #: Without IDLE, wait_for_new polls this often.
    poll_seconds: float = 60.0

    @property
    def session(self) -> ImapSession:
        raise NotImplementedError

    def _require_settings(self) -> ImapSettings:
        raise NotImplementedError

    def _retrying(self, what: str, action: Callable[[], T]) -> T:
        raise NotImplementedError

    def wait_for_new(
        self, timeout: float, folder: str = "INBOX", stop: threading.Event | None = None
    ) -> bool:
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
            log.info("imap:%s: connection lost while waiting (%s)", self.account, reason(failure))
            self.session.drop()
            if self._retrying(f"examining {folder!r}", lambda: self._uidnext(folder)) > baseline:
                return True

    def _wait_once(self, folder: str, remaining: float, baseline: int) -> bool:
        """One IDLE (or one poll interval): True when new mail is there."""
        settings = self._require_settings()
        if settings.idle and self.session.client.has_capability("IDLE"):
            return self._idle(folder, min(remaining, self.idle_renew_seconds), baseline)
        time.sleep(min(remaining, self.poll_seconds))
        return self._uidnext(folder) > baseline

    def _uidnext(self, folder: str, info: Mapping[bytes, Any] | None = None) -> int:
        if not self.session.connected:
            raise ConnectionResetError("not connected")
        info = info if info is not None else self.session.select(folder)
        uidnext = info.get(b"UIDNEXT")
        if uidnext is not None:
            return int(uidnext)
        highest = self.session.client.search(["UID", "*"]) if int(info.get(b"EXISTS", 0)) else []
        return max(highest, default=0) + 1

    def _idle(self, folder: str, seconds: float, baseline: int) -> bool:
        """One IDLE of at most ``seconds``: True when a message with a UID of
        ``baseline`` or more is there (already, or announced during the IDLE)."""
        client = self.session.client
        info = self.session.select(folder)
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


def _grew(responses: Iterable[Any], exists: int) -> bool:
    """True when IDLE ``responses`` announce more messages than ``exists``."""
    for response in responses:
        if (
            isinstance(response, tuple)
            and len(response) >= 2
            and response[1] == b"EXISTS"
            and isinstance(response[0], int)
            and response[0] > exists
        ):
            return True
    return False
