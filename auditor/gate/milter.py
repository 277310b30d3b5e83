"""``auditor milter``: the send gate as a milter for Postfix and Sendmail.

Built on pymilter (the Python binding of Sendmail's libmilter, packaged by
Debian as ``python3-milter`` and on PyPI): libmilter speaks the protocol and
runs one thread per connection; each message is collected here and handed to
:meth:`auditor.gate.decide.Gate.decide` at end of message.

Listen on a unix socket (``unix:/run/auditor/milter.sock``) where the MTA
runs on the same host: over TCP, libmilter's small writes meet delayed
acknowledgements and each message waits tens of milliseconds more. The socket
gets ``milter_socket_mode`` (default 0660) and ``milter_socket_group`` (the
MTA's group, e.g. ``postfix``).

Mail with no ``@marketplace.amazon.*`` recipient is accepted at end of
headers, untouched. A decision becomes: ``reject`` → the MTA refuses with
the gate's reply (``550 5.7.1 …``); ``tempfail`` → ``451 4.7.1 …``, the
sender keeps the message and retries; ``hold`` → quarantined in the MTA's
hold queue (Postfix: ``postqueue -p`` shows it, ``postsuper -H`` releases
it); ``accept`` and ``header`` → accepted with the ``X-Auditor`` headers
added. Anything that goes wrong inside the milter temp-fails the one message
(and Postfix's ``milter_default_action = tempfail`` covers a milter that is
not running).
"""

from __future__ import annotations

import grp
import io
import logging
import os

import Milter
import milter

from auditor.errors import ConfigError
from auditor.gate.decide import ACCEPT, HEADER, HOLD, PASS, REJECT, TEMPFAIL, Gate, smtp_safe
from auditor.message.amazon import relay_marketplace

log = logging.getLogger(__name__)


def socket_spec(listen: str) -> str:
    """libmilter's socket name: ``127.0.0.1:8894`` → ``inet:8894@127.0.0.1``;
    ``unix:/run/auditor.sock`` and ``inet:…`` are used as given."""
    if listen.startswith(("unix:", "local:", "inet:", "inet6:")):
        return listen
    host, _, port = listen.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    family = "inet6" if ":" in host else "inet"
    return f"{family}:{port}@{host}"


def _reply_text(text: str) -> str:
    return text.replace("%", "%%")  # libmilter formats the reply: a lone % is refused


@Milter.header_leading_space
class GateMilter(Milter.Base):
    """One SMTP connection's messages (libmilter makes one per connection)."""

    gate: Gate  # set on the class by :func:`serve`

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.recipients: list[str] = []
        self.sender = ""
        self.buffer = io.BytesIO()
        self.too_big = False

    def envfrom(self, mailfrom: str, *params: str) -> int:
        self._reset()
        self.sender = mailfrom.strip("<>")
        return Milter.CONTINUE

    def envrcpt(self, to: str, *params: str) -> int:
        self.recipients.append(to.strip().strip("<>"))
        return Milter.CONTINUE

    @Milter.decode("bytes")
    def header(self, name: str, value: bytes | str) -> int:
        if isinstance(value, str):
            value = value.encode("utf-8", "surrogateescape")
        self._write(name.encode("ascii", "replace") + b":" + value + b"\r\n")
        return Milter.CONTINUE

    def eoh(self) -> int:
        if not any(relay_marketplace(r) for r in self.recipients):
            return Milter.ACCEPT  # not a buyer message: untouched, body not read
        self._write(b"\r\n")
        return Milter.CONTINUE

    def body(self, chunk: bytes) -> int:
        self._write(chunk)
        return Milter.CONTINUE

    def _write(self, data: bytes) -> None:
        if self.buffer.tell() + len(data) > self.gate.limits.max_bytes:
            self.too_big = True
            return
        self.buffer.write(data)

    def eom(self) -> int:
        try:
            return self._answer()
        except Exception:  # the milter never drops a message silently
            log.exception("milter: internal error; the message is temp-failed")
            self.setreply("451", "4.3.0", "auditor: internal error, try again later")
            return Milter.TEMPFAIL
        finally:
            self._reset()

    def _answer(self) -> int:
        if self.too_big:
            limit = self.gate.limits.max_bytes
            self.setreply("552", "5.3.4", f"auditor: message larger than {limit} bytes")
            return Milter.REJECT
        decision = self.gate.decide(self.buffer.getvalue(), self.recipients, self.sender)
        if decision.kind == PASS:
            return Milter.ACCEPT
        if decision.kind in (REJECT, TEMPFAIL):
            self.setreply(
                str(decision.code), decision.status, _reply_text(smtp_safe(decision.text))
            )
            return Milter.REJECT if decision.kind == REJECT else Milter.TEMPFAIL
        for name, value in decision.headers:
            self.addheader(name, value)
        if decision.kind == HOLD:
            self.quarantine(decision.reply[:200])
        assert decision.kind in (ACCEPT, HEADER, HOLD)
        return Milter.ACCEPT

    def abort(self) -> int:
        self._reset()
        return Milter.CONTINUE

    def close(self) -> int:
        return Milter.CONTINUE


def _socket_access(spec: str, mode: int, group: str | None) -> None:
    """Give the unix socket libmilter is about to create ``mode`` and
    ``group`` (the MTA's), right after it exists and before mail arrives."""
    if not spec.startswith(("unix:", "local:")):
        return
    path = spec.split(":", 1)[1]
    gid = -1
    if group:
        try:
            gid = grp.getgrnam(group).gr_gid
        except KeyError:
            raise ConfigError(f"gate.milter_socket_group: no such group {group!r}") from None
    opensocket = milter.opensocket

    def opensocket_then_chmod(rmsock: bool) -> object:
        result = opensocket(rmsock)
        os.chown(path, -1, gid)
        os.chmod(path, mode)
        return result

    milter.opensocket = opensocket_then_chmod


def serve(gate: Gate, listen: str, timeout: int = 600) -> None:
    """Run the milter on ``listen`` until SIGTERM/SIGINT (libmilter's own
    signal handling stops it)."""
    GateMilter.gate = gate
    Milter.factory = GateMilter
    Milter.set_flags(Milter.ADDHDRS | Milter.QUARANTINE)
    spec = socket_spec(listen)
    settings = gate.settings
    try:
        mode = int(settings.milter_socket_mode, 8)
    except ValueError:
        raise ConfigError(
            f"gate.milter_socket_mode: expected an octal mode such as '0660', "
            f"got {settings.milter_socket_mode!r}"
        ) from None
    _socket_access(spec, mode, settings.milter_socket_group)
    log.info("milter listening on %s (%s)", listen, gate.version)
    Milter.runmilter("auditor", spec, timeout)
