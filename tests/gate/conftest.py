"""Fixtures for the send gate: an SMTP sink (aiosmtpd on loopback), a store
with campaigns to pause, outgoing messages as a seller's tools write them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest

from auditor import clock
from auditor.campaigns.state import Transitions
from auditor.store import Store, open_store
from tests.actions.conftest import TLS, tls  # noqa: F401  (the session's test CA)
from tests.servers import free_port

CONFIG = """\
[store]
url = "{url}"

[gate]
milter_listen = "127.0.0.1:{milter_port}"
relay_listen = "127.0.0.1:{relay_port}"
upstream_host = "127.0.0.1"
upstream_port = {upstream_port}
upstream_security = "{security}"
{extra}

[[campaigns]]
name = "follow-up"
subject = "^(Follow-up|Nachfrage|Suivi)"

[[campaigns]]
name = "amazon-request-a-review"
header = {{ name = "X-Campaign", value = "request-a-review" }}
kind = "amazon_request_a_review"
"""


@dataclass
class Sink:
    """An SMTP server that keeps what it receives."""

    host: str = "127.0.0.1"
    port: int = 0
    messages: list[Any] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def parsed(self, index: int = -1):
        return message_from_bytes(self.messages[index].content, policy=policy.default)

    def wait(self, count: int, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return
            time.sleep(0.05)
        raise AssertionError(f"the sink holds {len(self.messages)} messages, expected {count}")

    def find(self, message_id: str):
        for envelope in self.messages:
            mail = message_from_bytes(envelope.content, policy=policy.default)
            if mail["Message-ID"] == message_id:
                return mail
        return None


@pytest.fixture
def sink() -> Iterator[Sink]:
    with serving_sink() as box:
        yield box


@contextmanager
def serving_sink() -> Iterator[Sink]:
    """A :class:`Sink` listening on loopback until the block ends."""
    from aiosmtpd.controller import Controller

    box = Sink()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            with box.lock:
                box.messages.append(envelope)
            return "250 OK: kept"

    box.port = free_port()
    controller = Controller(Handler(), hostname=box.host, port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def write_config(
    directory: Path,
    url: str,
    upstream_port: int = 25,
    extra: str = "",
    milter_port: int | None = None,
    relay_port: int | None = None,
    security: str = "plain",
) -> Path:
    path = directory / "auditor.toml"
    path.write_text(
        CONFIG.format(
            url=url,
            milter_port=milter_port or free_port(),
            relay_port=relay_port or free_port(),
            upstream_port=upstream_port,
            extra=extra,
            security=security,
        )
    )
    return path


def add_campaign(
    store: Store,
    name: str,
    kind: str = "free_form",
    account: str = "local",
    marketplace: str | None = None,
):
    with store.transaction() as session:
        Transitions(session, [], clock.now()).ensure(account, name, kind, marketplace, "config")


def pause(store: Store, name: str, days: float | None = 10, account: str = "local") -> None:
    with store.transaction() as session:
        t = Transitions(session, [], clock.now())
        campaign = t.ensure(account, name, "free_form", None, "config")
        until = clock.now() + timedelta(days=days) if days is not None else None
        t.pause(
            campaign,
            reason="messaging restriction (test)",
            actor="test",
            until=until,
            hold=until is None,
        )


def resume(store: Store, name: str, account: str = "local") -> None:
    with store.transaction() as session:
        t = Transitions(session, [], clock.now())
        t.resume(t.campaign(account, name), reason="lifted (test)", actor="test")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'gate.db'}")


def mail(
    body: str,
    subject: str = "Your order 113-1111111-2222222",
    *,
    to: str = "7xq2kd9v1b@marketplace.amazon.com",
    sender: str = "shop@acme.example",
    html: str | None = None,
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """An outgoing message as a campaign tool writes it."""
    msg = EmailMessage()
    msg["From"] = f"Acme Home <{sender}>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = message_id or make_msgid(domain="acme.example")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg
