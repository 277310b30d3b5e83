"""Real receivers on loopback for the action tests: an HTTP server (optionally
HTTPS), an aiosmtpd SMTP server (plain, STARTTLS or implicit TLS), a
throw-away CA, a fresh SQLite store, and helpers to queue outbox rows."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from auditor.config import Config
from auditor.store.models import Outbox
from auditor.store.store import Store, open_store
from tests.receivers import Received, Receiver, _serve  # noqa: F401 - re-exported

NOW = dt.datetime(2026, 11, 9, 12, 0, tzinfo=dt.UTC)
UNTIL = dt.datetime(2026, 12, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("AUDITOR_NOW", raising=False)


# -- store ---------------------------------------------------------------------------


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)


def config(*actions: dict[str, Any]) -> Config:
    return Config(data={"actions": list(actions)})


def event(
    key: str,
    type: str = "campaign.paused",
    campaign: str | None = "review-request",
    **extra: Any,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "schema": "auditor.event/1",
        "type": type,
        "account": "birch",
        "campaign": campaign,
        "from": "active",
        "to": "paused",
        "until": UNTIL.isoformat(),
        "reason": "messaging restriction (notice of 2026-11-09)",
        "actor": "notice",
        "notice": "<notice-1@amazon.de>",
        "at": NOW.isoformat(),
        "idempotency_key": key,
    }
    payload.update(extra)
    return payload


def add_rows(store: Store, action: str, *events: dict[str, Any], at: dt.datetime = NOW) -> None:
    """Queue ``events`` for ``action`` exactly as Transitions._record does."""
    with store.transaction() as session:
        for payload in events:
            session.add(
                Outbox(
                    idempotency_key=payload["idempotency_key"],
                    action=action,
                    event=payload,
                    created_at=at,
                    next_attempt_at=at,
                )
            )


def rows(store: Store) -> list[Outbox]:
    from sqlalchemy import select

    with store.transaction() as session:
        return list(session.scalars(select(Outbox).order_by(Outbox.id)))


# -- HTTP receiver -----------------------------------------------------------------------


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from _serve(Receiver(), None)


@pytest.fixture
def tls_receiver(tls: TLS) -> Iterator[Receiver]:
    yield from _serve(Receiver(), tls.server_context())


# -- a throw-away CA and a certificate for 127.0.0.1 ----------------------------------------


@dataclass
class TLS:
    ca_file: str
    cert_file: str
    key_file: str

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TLS:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    directory = tmp_path_factory.mktemp("tls")
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    end = start + dt.timedelta(days=30)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "auditor test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = TLS(str(directory / "ca.pem"), str(directory / "cert.pem"), str(directory / "key.pem"))
    Path(files.ca_file).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    Path(files.cert_file).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    Path(files.key_file).write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


# -- SMTP receiver --------------------------------------------------------------------------


@dataclass
class Mailbox:
    """What the aiosmtpd server received, and who logged in."""

    host: str = "127.0.0.1"
    port: int = 0
    messages: list[Any] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    def parsed(self, index: int = -1):
        from email import message_from_bytes, policy

        return message_from_bytes(self.messages[index].content, policy=policy.default)


USER, PASSWORD = "auditor@birch.example", "correct-horse-battery-staple"


def _smtp(tls: TLS | None, mode: str) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    box = Mailbox()

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            box.messages.append(envelope)
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        box.logins.append((user, password))
        ok = (user, password) == (USER, PASSWORD)
        return AuthResult(success=ok, handled=False)

    class AnyPortController(Controller):
        def _trigger_server(self) -> None:
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    kwargs: dict[str, Any] = {"authenticator": authenticator, "auth_require_tls": mode != "plain"}
    if mode == "starttls":
        kwargs.update(tls_context=tls.server_context(), require_starttls=True)
    elif mode == "tls":
        kwargs.update(ssl_context=tls.server_context())
    controller = AnyPortController(Sink(), hostname="127.0.0.1", port=0, **kwargs)
    controller.start()
    box.port = controller.port
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def smtp_plain() -> Iterator[Mailbox]:
    yield from _smtp(None, "plain")


@pytest.fixture
def smtp_starttls(tls: TLS) -> Iterator[Mailbox]:
    yield from _smtp(tls, "starttls")


@pytest.fixture
def smtp_tls(tls: TLS) -> Iterator[Mailbox]:
    yield from _smtp(tls, "tls")
