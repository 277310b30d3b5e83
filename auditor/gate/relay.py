"""``auditor relay``: the send gate as an SMTP relay (aiosmtpd) in front of
the seller's real outgoing server, for campaign scripts and desktop clients.

The relay answers each message only after the upstream server did: an
accepted message is forwarded (STARTTLS and login by default, certificates
verified) and the client gets the upstream's answer, so the client keeps
every message nobody took. A rejected or paused message gets the gate's
reply (``550 5.7.1 …`` / ``451 4.7.1 …``); the relay has no queue, so
``hold`` answers ``451`` too and the client keeps the message.

Never an open relay: it listens on loopback by default; on any other
address it refuses to start without ``relay_username`` with a password and
a TLS certificate (clients must log in, over STARTTLS).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import smtplib
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from auditor.config import Config
from auditor.errors import ConfigError
from auditor.gate.decide import HOLD, PASS, REJECT, TEMPFAIL, Gate, smtp_safe
from auditor.gate.settings import GateSettings, is_loopback, secret, split_listen
from auditor.secrets import redact

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"tls": 465, "starttls": 587, "plain": 25}


@dataclass
class Upstream:
    """The real outgoing server and how to log in to it."""

    host: str
    port: int
    security: str = "starttls"
    username: str | None = None
    password: str | None = None
    ca_file: str | None = None
    timeout: float = 30.0

    @classmethod
    def from_config(cls, config: Config, settings: GateSettings) -> Upstream:
        if not settings.upstream_host:
            raise ConfigError("gate.upstream_host: the relay needs the real outgoing server")
        security = settings.upstream_security
        password = secret(config, "upstream")
        if settings.upstream_username and password is None:
            raise ConfigError(
                "gate.upstream_username is set but neither upstream_password_env nor "
                "upstream_password_command"
            )
        if password is not None and security == "plain" and not settings.allow_plaintext:
            raise ConfigError(
                "gate.upstream_security: refusing to send the upstream password unencrypted; "
                "use starttls or tls, or set allow_plaintext = true"
            )
        return cls(
            host=settings.upstream_host,
            port=settings.upstream_port or DEFAULT_PORTS[security],
            security=security,
            username=settings.upstream_username,
            password=password,
            ca_file=settings.ca_file,
            timeout=float(settings.timeout),
        )

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


class UpstreamClient:
    """Forwards messages upstream, one kept-open connection per worker thread."""

    def __init__(self, upstream: Upstream) -> None:
        self.upstream = upstream
        self.context = ssl.create_default_context(cafile=upstream.ca_file)
        self._local = threading.local()

    def _connect(self) -> smtplib.SMTP:
        up = self.upstream
        client: smtplib.SMTP
        if up.security == "tls":
            client = smtplib.SMTP_SSL(up.host, up.port, timeout=up.timeout, context=self.context)
        else:
            client = smtplib.SMTP(up.host, up.port, timeout=up.timeout)
        client.ehlo()
        if up.security == "starttls":
            if not client.has_extn("starttls"):
                client.close()
                raise smtplib.SMTPNotSupportedError(f"{up.where} does not offer STARTTLS")
            client.starttls(context=self.context)
            client.ehlo()
        if up.username and up.password is not None:
            client.login(up.username, up.password)
        return client

    def _client(self, fresh: bool) -> smtplib.SMTP:
        client = getattr(self._local, "client", None)
        if client is not None and fresh:
            try:
                client.close()
            finally:
                client = None
        if client is None:
            client = self._connect()
            self._local.client = client
        return client

    def send(self, sender: str, recipients: list[str], data: bytes) -> str:
        """Forward; the SMTP reply line for the client (``250 …``, or the
        upstream's refusal, or ``451 4.4.1`` when it cannot be reached)."""
        for attempt in (0, 1):  # a kept-open connection the server closed: once more
            try:
                refused = self._client(fresh=attempt == 1).sendmail(sender, recipients, data)
            except smtplib.SMTPServerDisconnected:
                if attempt == 0:
                    continue
                return f"451 4.4.1 auditor: upstream {self.upstream.where} closed the connection"
            except smtplib.SMTPRecipientsRefused as exc:
                code, text = next(iter(exc.recipients.values()))
                return _reply(code, text)
            except smtplib.SMTPResponseException as exc:
                self._local.client = None
                return _reply(exc.smtp_code, exc.smtp_error)
            except (ssl.SSLError, OSError, smtplib.SMTPException) as exc:
                self._local.client = None
                log.warning("relay: upstream %s: %s", self.upstream.where, redact(str(exc)))
                return f"451 4.4.1 auditor: upstream {self.upstream.where} unavailable"
            if refused:
                log.warning("relay: upstream refused %s", ", ".join(sorted(refused)))
            return "250 2.0.0 OK: forwarded"
        raise AssertionError("unreachable")


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {smtp_safe(redact(text))}"


class RelayHandler:
    """aiosmtpd handler: decide, then forward or refuse."""

    def __init__(self, gate: Gate, client: UpstreamClient, workers: int = 4) -> None:
        self.gate = gate
        self.client = client
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="relay")

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        loop = asyncio.get_running_loop()
        data: bytes = envelope.original_content or envelope.content
        recipients = list(envelope.rcpt_tos)
        sender = envelope.mail_from or ""
        try:
            decision = await loop.run_in_executor(
                self.executor, self.gate.decide, data, recipients, sender
            )
        except Exception:  # never a silent drop
            log.exception("relay: internal error; the message is temp-failed")
            return "451 4.3.0 auditor: internal error, try again later"
        if decision.kind in (REJECT, TEMPFAIL):
            return decision.reply
        if decision.kind == HOLD:  # no queue here: the client keeps it
            return f"451 4.7.1 {smtp_safe(decision.text)}"
        if decision.kind != PASS and decision.headers:
            added = b"".join(
                f"{name}: {value}\r\n".encode("ascii", "replace")
                for name, value in decision.headers
            )
            data = added + data
        return await loop.run_in_executor(self.executor, self.client.send, sender, recipients, data)


def _authenticator(username: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = hmac.compare_digest(auth_data.login, username.encode()) and hmac.compare_digest(
            auth_data.password, password.encode()
        )
        return AuthResult(success=ok, handled=False)

    return authenticate


def build_controller(gate: Gate, config: Config, upstream: Upstream | None = None) -> Controller:
    """The relay server (not yet started), with the never-an-open-relay checks."""
    settings = gate.settings
    host, port = split_listen(settings.relay_listen, "relay_listen")
    username = settings.relay_username
    password = secret(config, "relay") if username else None
    if username and password is None:
        raise ConfigError(
            "gate.relay_username is set but neither relay_password_env nor relay_password_command"
        )
    tls_context = None
    if settings.tls_cert or settings.tls_key:
        if not (settings.tls_cert and settings.tls_key):
            raise ConfigError("gate: tls_cert and tls_key go together")
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        try:
            tls_context.load_cert_chain(settings.tls_cert, settings.tls_key)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(f"gate.tls_cert: cannot load {settings.tls_cert}: {exc}") from None
    loopback = is_loopback(host)
    if not loopback and not (username and tls_context):
        raise ConfigError(
            f"gate.relay_listen: {host} is not a loopback address; the relay would be open to "
            "the network: set relay_username with relay_password_env, and tls_cert and tls_key"
        )
    handler = RelayHandler(gate, UpstreamClient(upstream or Upstream.from_config(config, settings)))
    kwargs: dict[str, Any] = {
        "data_size_limit": settings.max_message_bytes,
        "enable_SMTPUTF8": True,
        "tls_context": tls_context,
        "require_starttls": tls_context is not None and not loopback,
    }
    if username and password is not None:
        kwargs.update(
            authenticator=_authenticator(username, password),
            auth_required=True,
            auth_require_tls=not loopback,
        )
    return Controller(handler, hostname=host, port=port, server_hostname="auditor-relay", **kwargs)
