"""``auditor resume`` while a verified restriction still runs: refused
without --force (exit 1, saying until when), recorded with --force, and the
next ``auditor run`` keeps the person's decision but says so every time.
Driven through the real commands on a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RESTRICTED = (
    "Dear Seller,\n\nSome of the messages you recently sent were not delivered.\n\n"
    "As a result, you are restricted from proactively initiating new email "
    "conversations with customers for {days} days.\n\nRegards,\n"
    "Seller Performance Team\nAmazon.com\n"
)
PASS = (
    "Authentication-Results: mx.seller-mail.example; dkim=pass header.d=amazon.com; "
    "spf=pass smtp.mailfrom=amazon.com; dmarc=pass header.from=amazon.com\n"
)
SUBJECT = "Your Amazon.com selling account: proactive messaging restricted"


def notice(name: str, days: int, date: str, auth: str = PASS) -> bytes:
    return (
        f"{auth}From: Amazon Services <seller-notification@amazon.com>\n"
        f"To: Acme Home Goods <sales@acme-home.example>\nSubject: {SUBJECT}\n"
        f"Date: {date}\nMessage-ID: <{name}@amazon.com>\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + RESTRICTED.format(days=days)
    ).encode()


def sent(number: int) -> bytes:
    order = f"113-48291{number:02d}-77120{number:02d}"
    return (
        f"From: Acme Home Goods <sales@acme-home.example>\nTo: b{number}x@marketplace."
        f"amazon.com\nSubject: How was your order {order}?\n"
        f"Date: Tue, 03 Nov 2026 10:00:00 +0000\nMessage-ID: <sent-{number}@acme-home"
        f".example>\n\nThank you for your order {order}. We would appreciate your honest "
        "review.\n"
    ).encode()


@pytest.fixture
def shop(tmp_path: Path, cli, monkeypatch):
    folder = tmp_path / "mailbox"
    folder.mkdir()
    for number in range(2):
        (folder / f"sent-{number}.eml").write_bytes(sent(number))
    config = tmp_path / "auditor.toml"
    config.write_text('[[campaigns]]\nname = "review-request"\nsubject = "^How was your order"\n')
    store = f"sqlite:///{tmp_path / 'store.db'}"

    class Shop:
        def mail(self, name: str, data: bytes) -> None:
            (folder / f"{name}.eml").write_bytes(data)

        def at(self, now: str) -> None:
            monkeypatch.setenv("AUDITOR_NOW", now)

        def cli(self, *args: str):
            return cli(*args, "--store", store, "--config", config)

        def run(self):
            return self.cli("run", str(folder), "--format", "json")

        def campaign(self) -> dict:
            status, out, err = self.cli("campaigns", "--format", "json", "--history")
            assert status == 0, err
            return {c["name"]: c for c in json.loads(out)["campaigns"]}["review-request"]

    return Shop()


def test_resume_during_verified_restriction_needs_force(shop):
    shop.mail("r1", notice("r1", 30, "Mon, 09 Nov 2026 08:12:00 +0000"))
    shop.at("2026-11-10T12:00:00+00:00")
    assert shop.run()[0] == 1
    assert shop.campaign()["state"] == "paused"

    status, out, err = shop.cli("resume", "review-request", "--reason", "we fixed the templates")
    assert status == 1 and out == ""
    assert err == (
        "auditor: review-request: a verified messaging restriction runs until "
        "2026-12-09 08:12 UTC (notice <r1@amazon.com>); resuming now means sending during "
        "it: pass --force with your --reason to do it anyway\n"
    )
    assert shop.campaign()["state"] == "paused"  # nothing changed
    assert shop.cli("gate", "review-request")[0] == 1

    status, _, err = shop.cli(
        "resume",
        "review-request",
        "--force",
        "--reason",
        "Seller Support lifted it by phone",
        "--by",
        "alice",
    )
    assert status == 0, err
    campaign = shop.campaign()
    assert campaign["state"] == "active"
    assert campaign["reason"] == (
        "resumed by person:alice with --force during a verified restriction running until "
        "2026-12-09 08:12 UTC: Seller Support lifted it by phone"
    )
    last = campaign["history"][-1]
    assert last["actor"] == "person:alice" and last["notice"] == "<r1@amazon.com>"
    assert last["until"] == "2026-12-09T08:12:00+00:00"

    # The next run keeps the decision (no silent re-pause) and says so (not silent either).
    shop.at("2026-11-11T12:00:00+00:00")
    status, _, err = shop.run()
    assert status == 1  # a restriction is still on record
    assert shop.campaign()["state"] == "active"
    assert (
        "auditor: WARNING: campaign local/review-request sends: resumed by person:alice with "
        "--force during a verified restriction running until 2026-12-09 08:12 UTC: Seller "
        "Support lifted it by phone\n"
    ) in err
    assert shop.cli("gate", "review-request")[0] == 0

    # A new restriction is a new decision for Amazon: it pauses again.
    shop.mail("r2", notice("r2", 60, "Thu, 12 Nov 2026 08:00:00 +0000"))
    shop.at("2026-11-12T12:00:00+00:00")
    status, _, err = shop.run()
    assert shop.campaign()["state"] == "paused"
    assert "sends: resumed by" not in err


def test_resume_after_the_restriction_ended_needs_no_force(shop):
    shop.mail("r1", notice("r1", 2, "Mon, 09 Nov 2026 08:12:00 +0000"))
    shop.at("2026-11-09T12:00:00+00:00")
    shop.run()
    assert shop.campaign()["state"] == "paused"
    shop.at("2026-11-12T12:00:00+00:00")  # ended 2026-11-11; the daemon has not lifted it yet
    status, _, err = shop.cli("resume", "review-request", "--reason", "over")
    assert status == 0, err
    assert shop.campaign()["state"] == "active"


def test_unverified_restriction_does_not_block_a_person(shop):
    shop.mail("r1", notice("r1", 30, "Mon, 09 Nov 2026 08:12:00 +0000", auth=""))
    shop.at("2026-11-10T12:00:00+00:00")
    shop.run()
    assert shop.campaign()["state"] == "paused"
    status, _, err = shop.cli("resume", "review-request", "--reason", "checked Seller Central")
    assert status == 0, err
    assert shop.campaign()["state"] == "active"
