"""A seller account on a real Dovecot, a webhook receiver, and the CLI run as
a separate process (as cron and systemd run it), with the clock set through
AUDITOR_NOW."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.dovecot import Dovecot
from tests.dovecot import dovecot_server as dovecot_server
from tests.dovecot import imap_user as imap_user
from tests.receivers import Receiver, serve

REPO = Path(__file__).resolve().parents[2]
PASSWORD_ENV = "AUDITOR_TEST_SHOP_PASSWORD"


def sent(
    number: int, subject: str, body: str, when: datetime, campaign: str | None = None
) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Acme Home Goods <sales@acme-home.example>"
    msg["To"] = f"buyer{number}x@marketplace.amazon.com"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<sched-{number}@acme-home.example>"
    if campaign:
        msg["X-Campaign"] = campaign
    msg.set_content(body)
    return bytes(msg)


def review(number: int, when: datetime) -> bytes:
    order = f"113-{4829100 + number:07d}-{7712000 + number:07d}"
    return sent(
        number,
        f"How was your order {order}?",
        f"Hello,\n\nThank you for your order {order}. We would appreciate your honest "
        "review of the product on Amazon.\n\nAcme Home Goods",
        when,
    )


def request_a_review(number: int, when: datetime) -> bytes:
    order = f"114-{4829100 + number:07d}-{7712000 + number:07d}"
    return sent(
        number,
        f"Request a review for order {order}",
        f"Amazon Request a Review sent for order {order}.",
        when,
        "request-a-review",
    )


@dataclass
class Shop:
    server: Dovecot
    user: str
    tmp: Path
    receiver: Receiver

    @property
    def config(self) -> Path:
        return self.tmp / "auditor.toml"

    @property
    def store_url(self) -> str:
        return f"sqlite:///{self.tmp / 'store.db'}"

    def write_config(self, **schedule: float) -> None:
        lines = [
            "[store]",
            f'url = "{self.store_url}"',
            "",
            "[accounts.shop]",
            'type = "imap"',
            'host = "127.0.0.1"',
            f"port = {self.server.port}",
            'security = "plain"',
            "allow_plaintext = true",
            f'username = "{self.user}"',
            f'password_env = "{PASSWORD_ENV}"',
            "timeout = 10",
            "",
            "[notices]",
            "# the seller's receiving server (the corpus notices' Authentication-Results)",
            'trusted_authserv_ids = ["mx.seller-mail.example"]',
            "",
            "[[campaigns]]",
            'name = "review-request"',
            'subject = "^How was your order"',
            "",
            "[[campaigns]]",
            'name = "request-a-review"',
            'header = { name = "X-Campaign", value = "request-a-review" }',
            'kind = "amazon_request_a_review"',
            "",
            "[[actions]]",
            'type = "webhook"',
            'name = "ops"',
            f'url = "{self.receiver.url}/hook"',
            "timeout = 5",
            "",
        ]
        if schedule:
            lines.append("[schedule]")
            lines += [f"{key} = {value}" for key, value in schedule.items()]
        self.config.write_text("\n".join(lines) + "\n")

    def env(self, now: str | None) -> dict[str, str]:
        env = dict(os.environ)
        env[PASSWORD_ENV] = self.server.users[self.user]
        env.pop("AUDITOR_NOW", None)
        if now:
            env["AUDITOR_NOW"] = now
        env["PYTHONPATH"] = str(REPO)
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "auditor", *args, "--config", str(self.config)]

    def auditor(self, *args: str, now: str | None = None, timeout: float = 120):
        """Run ``auditor ARGS`` as its own process; returns the CompletedProcess."""
        return subprocess.run(
            self.command(*args),
            env=self.env(now),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.tmp,
        )

    def spawn(self, *args: str, now: str | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args),
            env=self.env(now),
            cwd=self.tmp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def append_sent(self, messages: list[bytes]) -> None:
        self.server.append(self.user, self.server.sent_name, messages)

    def append_inbox(self, messages: list[bytes]) -> None:
        self.server.append(self.user, "INBOX", messages)

    def events(self, kind: str | None = None) -> list[dict]:
        with self.receiver.lock:
            accepted = list(self.receiver.accepted)
        return [e for e in accepted if kind is None or e.get("type") == kind]


@pytest.fixture
def shop(dovecot_server, imap_user, tmp_path) -> Iterator[Shop]:
    for receiver in serve():
        shop = Shop(dovecot_server, imap_user, tmp_path, receiver)
        shop.write_config()
        yield shop
