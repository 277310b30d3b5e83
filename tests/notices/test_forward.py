"""Forwarded notices: one notice, dated by the quoted original, forwarded=True."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from tests.notices.conftest import notice_of, parse

NOTICE = (
    "Some of the messages you recently sent were not delivered to customers.\n"
    "As a result, you are restricted from proactively initiating new email conversations "
    "with customers for 30 days.\n"
)


def _mail(
    body: str,
    subject: str = "FW: proactive messaging restricted",
    sender: str = "Mia <mia@acme-home.example>",
) -> bytes:
    return (
        f"From: {sender}\r\nTo: sales@acme-home.example\r\nSubject: {subject}\r\n"
        "Date: Fri, 20 Nov 2026 10:00:00 +0000\r\nMessage-ID: <fw@acme-home.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
    ).encode()


def test_outlook_block_without_separator() -> None:
    body = (
        "Please check.\n\nFrom: Amazon Services [mailto:seller-notification@amazon.com]\n"
        "Sent: Monday, November 9, 2026 8:12 AM\nTo: sales@acme-home.example\n"
        "Subject: Your Amazon.com selling account: proactive messaging restricted\n\n" + NOTICE
    )
    notice = notice_of(_mail(body))
    assert notice.forwarded and notice.kind.value == "messaging_restriction"
    assert notice.sender == "seller-notification@amazon.com"
    assert notice.received_at == datetime(2026, 11, 9, 8, 12, tzinfo=UTC)
    assert notice.ends_at == datetime(2026, 12, 9, 8, 12, tzinfo=UTC)
    assert notice.forwarded_at == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_apple_mail_quoted_forward() -> None:
    quoted = "\n".join("> " + line for line in NOTICE.splitlines())
    body = (
        "Begin forwarded message:\n\n> From: Amazon <seller-notification@amazon.com>\n"
        "> Subject: proactive messaging restricted\n"
        "> Date: 9 November 2026 at 08:12:00 GMT\n> To: sales@acme-home.example\n>\n"
        + quoted
        + "\n"
    )
    notice = notice_of(_mail(body, subject="Fwd: restricted"))
    assert notice.forwarded and notice.kind.value == "messaging_restriction"
    assert notice.received_at.date().isoformat() == "2026-11-09"
    assert notice.ends_at.date().isoformat() == "2026-12-09"


def test_attached_original_is_read_with_its_headers() -> None:
    original = EmailMessage()
    original["From"] = "Amazon Services <seller-notification@amazon.de>"
    original["Subject"] = "Einschränkung proaktiver Nachrichten"
    original["Date"] = "Tue, 10 Nov 2026 09:00:00 +0000"
    original.set_content(
        "Proaktive Nachrichten an Käufer sind für 14 Tage eingeschränkt.\n"
        "Warum erhalte ich diese Nachricht?\n"
    )
    outer = EmailMessage()
    outer["From"] = "Mia <mia@acme-home.example>"
    outer["To"] = "sales@acme-home.example"
    outer["Subject"] = "Fwd: Amazon"
    outer["Date"] = "Fri, 20 Nov 2026 10:00:00 +0000"
    outer["Message-ID"] = "<att@acme-home.example>"
    outer.set_content("See attached.")
    outer.add_attachment(original)
    raw = outer.as_bytes()
    notice = notice_of(raw)
    assert notice.forwarded
    assert notice.kind.value == "messaging_restriction"
    assert notice.sender == "seller-notification@amazon.de"
    assert notice.marketplace == "amazon.de" and notice.language == "de"
    assert notice.ends_at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_unreadable_quoted_date_falls_back_to_the_forward() -> None:
    body = (
        "---------- Forwarded message ---------\n"
        "From: Amazon Services <seller-notification@amazon.com>\nDate: sometime\n"
        "Subject: restricted\n\n" + NOTICE
    )
    notice = notice_of(_mail(body))
    assert notice.received_at == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_amazon_bounce_quoting_the_sellers_message_is_no_forward() -> None:
    raw = (
        b"From: Amazon Services <seller-notification@amazon.com>\r\n"
        b"To: sales@acme-home.example\r\nSubject: Message not delivered\r\n"
        b"Date: Mon, 09 Nov 2026 08:12:00 +0000\r\n\r\n"
        b"This message was not delivered because your account was restricted from sending "
        b"proactive messages.\n\n----- Original message -----\n"
        b"From: Acme <sales@acme-home.example>\nDate: Sun, 8 Nov 2026 10:00:00 +0000\n"
        b"Subject: How was your order 113-4829104-7712093?\n"
    )
    notice = notice_of(raw)
    assert not notice.forwarded
    assert notice.kind.value == "message_undelivered"


def test_colleague_mail_without_amazon_is_no_notice() -> None:
    raw = _mail("Lunch at noon?\n", subject="Fwd: lunch")
    assert notice_of(raw) is None
    assert parse(raw).kind.value == "other"
