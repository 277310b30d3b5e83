"""The email action against a real aiosmtpd server on loopback."""

from __future__ import annotations

import re

import pytest

from auditor.actions import ActionError, deliver_pending
from auditor.actions.mail import deliver, message_id
from tests.actions.conftest import NOW, PASSWORD, USER, add_rows, config, event, rows


def settings(box, **extra):
    base = {
        "type": "email",
        "name": "owner",
        "to": ["owner@birch.example"],
        "from": "auditor@birch.example",
        "smtp_host": box.host,
        "smtp_port": box.port,
        "timeout": 5,
    }
    base.update(extra)
    return base


def test_alert_over_starttls_with_login(store, smtp_starttls, tls, monkeypatch):
    monkeypatch.setenv("AUDITOR_SMTP_PASSWORD", PASSWORD)
    add_rows(store, "owner", event("birch/review-request/event-4"))
    action = settings(
        smtp_starttls,
        smtp_security="starttls",
        ca_file=tls.ca_file,
        smtp_username=USER,
        smtp_password_env="AUDITOR_SMTP_PASSWORD",
    )
    report = deliver_pending(store, config(action), now=NOW)
    assert (report.delivered, report.failed) == (1, 0), report.failures
    assert smtp_starttls.logins == [(USER, PASSWORD)]
    envelope = smtp_starttls.messages[0]
    assert envelope.mail_from == "auditor@birch.example"
    assert envelope.rcpt_tos == ["owner@birch.example"]
    mail = smtp_starttls.parsed()
    assert mail["Subject"] == "[auditor] Campaign review-request paused until 2026-12-09"
    assert mail["X-Auditor-Idempotency-Key"] == "birch/review-request/event-4"
    assert mail["X-Auditor-Event"] == "campaign.paused"
    assert mail["Message-ID"] == message_id("birch/review-request/event-4", "auditor@birch.example")
    assert mail["Message-ID"].endswith("@birch.example>")
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail.get_content_type() == "text/plain"
    body = mail.get_content()
    assert "messaging restriction (notice of 2026-11-09)" in body
    assert "birch/review-request/event-4" in body
    assert PASSWORD not in envelope.content.decode()
    assert rows(store)[0].delivered_at == NOW


def test_resent_alert_has_the_same_message_id(smtp_plain):
    action = settings(smtp_plain, smtp_security="plain")
    deliver(event("birch/review-request/event-5"), action)
    deliver(event("birch/review-request/event-5"), action)
    deliver(event("birch/review-request/event-6", type="campaign.resumed", to="active"), action)
    ids = [smtp_plain.parsed(i)["Message-ID"] for i in range(3)]
    assert ids[0] == ids[1] != ids[2]
    assert smtp_plain.parsed(2)["Subject"] == "[auditor] Campaign review-request resumed"
    # one thread per campaign
    assert smtp_plain.parsed(0)["References"] == smtp_plain.parsed(2)["References"]


def test_implicit_tls(smtp_tls, tls):
    deliver(event("k-tls"), settings(smtp_tls, smtp_security="tls", ca_file=tls.ca_file))
    assert smtp_tls.parsed()["X-Auditor-Idempotency-Key"] == "k-tls"


def test_certificates_are_verified_by_default(smtp_starttls, smtp_tls):
    with pytest.raises(ActionError, match="not trusted"):
        deliver(event("k"), settings(smtp_starttls, smtp_security="starttls"))
    with pytest.raises(ActionError, match="not trusted"):
        deliver(event("k"), settings(smtp_tls, smtp_security="tls"))
    assert smtp_starttls.messages == [] and smtp_tls.messages == []


def test_starttls_is_required_not_optional(smtp_plain):
    with pytest.raises(ActionError, match="does not offer STARTTLS"):
        deliver(event("k"), settings(smtp_plain, smtp_security="starttls"))
    assert smtp_plain.messages == []


def test_no_password_over_plain_unless_allowed(smtp_plain, monkeypatch):
    monkeypatch.setenv("AUDITOR_SMTP_PASSWORD", PASSWORD)
    action = settings(
        smtp_plain,
        smtp_security="plain",
        smtp_username=USER,
        smtp_password_env="AUDITOR_SMTP_PASSWORD",
    )
    with pytest.raises(ActionError, match="unencrypted"):
        deliver(event("k"), action)
    assert smtp_plain.logins == []
    deliver(event("k"), {**action, "allow_plaintext": True})
    assert smtp_plain.logins == [(USER, PASSWORD)]


def test_missing_password_variable_is_named(smtp_starttls, tls, monkeypatch):
    monkeypatch.delenv("NO_SUCH_PW", raising=False)
    with pytest.raises(ActionError, match="environment variable NO_SUCH_PW"):
        deliver(
            event("k"),
            settings(
                smtp_starttls,
                ca_file=tls.ca_file,
                smtp_username=USER,
                smtp_password_env="NO_SUCH_PW",
            ),
        )


def test_wrong_password_error_has_no_secret(store, smtp_starttls, tls, monkeypatch):
    wrong = "wrong-but-still-secret-pw"
    monkeypatch.setenv("PW", wrong)
    add_rows(store, "owner", event("k-auth"))
    action = settings(
        smtp_starttls, ca_file=tls.ca_file, smtp_username=USER, smtp_password_env="PW"
    )
    report = deliver_pending(store, config(action), now=NOW)
    assert report.failed == 1
    [line] = report.failures
    assert "SMTP login as auditor@birch.example" in line and "535" in line
    assert wrong not in line
    assert wrong not in (rows(store)[0].last_error or "")


def test_subjects_for_other_events(smtp_plain):
    action = settings(smtp_plain, smtp_security="plain")
    deliver(event("a", type="campaign.paused", until=None), action)
    deliver(event("b", type="campaign.flagged"), action)
    deliver(
        {
            "type": "phishing.suspected",
            "idempotency_key": "c",
            "account": "birch",
            "campaign": None,
            "reason": "From domain amaz0n-seller.example",
        },
        action,
    )
    # (Python's parser keeps the space of a Subject folded right after the colon)
    subjects = [smtp_plain.parsed(i)["Subject"].strip() for i in range(3)]
    assert subjects == [
        "[auditor] Campaign review-request paused until resumed",
        "[auditor] Campaign review-request flagged for review",
        "[auditor] Possible phishing mail claiming to be Amazon for account birch",
    ]
    assert smtp_plain.parsed(2)["References"] is None


def test_connection_refused_names_the_server():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    expected = re.escape(f"cannot connect to SMTP server 127.0.0.1:{port}")
    with pytest.raises(ActionError, match=expected):
        deliver(
            event("k"),
            {
                "to": ["a@b.example"],
                "from": "c@d.example",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_security": "plain",
                "timeout": 2,
            },
        )


def test_non_ascii_alert(smtp_plain):
    deliver(
        event(
            "birch/Bewertungsanfrage-ü/event-1",
            campaign="Bewertungsanfrage-ü",
            reason="Einschränkung der Nachrichtenfunktion",
        ),
        settings(smtp_plain, smtp_security="plain"),
    )
    mail = smtp_plain.parsed()
    assert "Bewertungsanfrage-ü paused" in mail["Subject"]
    assert mail["X-Auditor-Idempotency-Key"] == "birch/Bewertungsanfrage-ü/event-1"
    assert "Einschränkung der Nachrichtenfunktion" in mail.get_content()
