"""``auditor relay``: smtplib → the relay (aiosmtpd on loopback) → an upstream
SMTP sink, with the real store; and the never-an-open-relay rules."""

from __future__ import annotations

import smtplib
import ssl
import subprocess
import sys
from contextlib import contextmanager

import pytest

from auditor.config import load_config
from auditor.errors import ConfigError
from auditor.gate.decide import Gate
from auditor.gate.relay import build_controller
from tests.gate.conftest import add_campaign, mail, pause, resume, write_config
from tests.servers import free_port

BUYER = "7xq2kd9v1b@marketplace.amazon.de"


@contextmanager
def relay(
    tmp_path,
    store,
    upstream_port: int,
    extra: str = "",
    listen_host: str = "127.0.0.1",
    security: str = "plain",
):
    url = str(store.engine.url)
    config = load_config(
        write_config(tmp_path, url, upstream_port=upstream_port, extra=extra, security=security)
    )
    gate = Gate(config, store, front="relay")
    if listen_host != "127.0.0.1":
        gate.settings = gate.settings.model_copy(
            update={"relay_listen": f"{listen_host}:{free_port()}"}
        )
    controller = build_controller(gate, config)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


def send(
    controller,
    message,
    to: str = BUYER,
    login: tuple[str, str] | None = None,
    context: ssl.SSLContext | None = None,
) -> dict:
    with smtplib.SMTP(controller.hostname, controller.port, timeout=30) as client:
        if context is not None:
            client.starttls(context=context)
        if login:
            client.login(*login)
        return client.sendmail("shop@acme.example", [to], bytes(message))


def test_compliant_message_is_forwarded_with_the_header(tmp_path, store, sink):
    message = mail(
        "Hallo,\n\nIhre Bestellung 302-3000000-0000001 wurde heute versendet und "
        "kommt am Donnerstag an.\n\nViele Grüße\nAcme Home",
        "Ihre Bestellung 302-3000000-0000001",
    )
    with relay(tmp_path, store, sink.port) as server:
        assert send(server, message) == {}
    got = sink.find(message["Message-ID"])
    assert got["X-Auditor"].startswith("accept; auditor ")
    assert sink.messages[0].rcpt_tos == [BUYER]
    assert "Donnerstag" in got.get_content()


def test_coupon_for_a_review_is_refused_with_the_rule_code(tmp_path, store, sink):
    message = mail(
        "Bonjour,\n\nmerci pour votre commande 171-3000000-0000002. Laissez un avis "
        "5 étoiles et recevez un bon de réduction de 10 euros.\n\nAcme Home",
        "Votre commande 171-3000000-0000002",
        to="abc@marketplace.amazon.fr",
    )
    with relay(tmp_path, store, sink.port) as server:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send(server, message, to="abc@marketplace.amazon.fr")
    assert refused.value.smtp_code == 550
    text = refused.value.smtp_error.decode()
    assert text.startswith("5.7.1 auditor: BSM3") or "BSM301" in text or "BSM302" in text
    assert sink.messages == []
    assert store.gate_summary()["decisions"]["reject"] == 1


def test_paused_campaign_is_temp_failed_and_goes_after_resume(tmp_path, store, sink):
    add_campaign(store, "follow-up")
    pause(store, "follow-up", days=5)
    message = mail(
        "Hello,\n\nwe hope you are enjoying your order 113-3000000-0000003. Could you "
        "leave a review of your order on Amazon?\n\nAcme Home",
        "Follow-up: your order 113-3000000-0000003",
        to=BUYER,
    )
    with relay(tmp_path, store, sink.port) as server:
        with pytest.raises(smtplib.SMTPDataError) as deferred:
            send(server, message)
        assert deferred.value.smtp_code == 451
        assert b"4.7.1 auditor: campaign follow-up paused until" in deferred.value.smtp_error
        assert sink.messages == []
        resume(store, "follow-up")
        send(server, message)  # the client's retry
    assert sink.find(message["Message-ID"]) is not None
    decisions = store.gate_summary()["decisions"]
    assert (decisions["tempfail"], decisions["accept"]) == (1, 1)


def test_non_marketplace_mail_is_forwarded_untouched(tmp_path, store, sink):
    message = mail(
        "Leave us a 5-star review and get a $10 coupon: newsletter draft.",
        "Newsletter draft",
        to="sam@partner.example",
    )
    with relay(tmp_path, store, sink.port) as server:
        send(server, message, to="sam@partner.example")
    received = sink.messages[0].content.replace(b"\r\n", b"\n").rstrip(b"\n")
    assert received == bytes(message).rstrip(b"\n")  # byte for byte: no header added
    assert store.gate_summary()["decisions"]["accept"] == 0


def test_upstream_refusal_reaches_the_client(tmp_path, store):
    from aiosmtpd.controller import Controller

    class Refuser:
        async def handle_DATA(self, server, session, envelope):
            return "554 5.7.1 upstream policy says no"

    port = free_port()
    upstream = Controller(Refuser(), hostname="127.0.0.1", port=port)
    upstream.start()
    try:
        message = mail(
            "Your order 113-3000000-0000004 has shipped and arrives on Monday.",
            "Your order 113-3000000-0000004 has shipped",
        )
        with relay(tmp_path, store, port) as server:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                send(server, message)
    finally:
        upstream.stop()
    assert refused.value.smtp_code == 554
    assert b"upstream policy says no" in refused.value.smtp_error


def test_unreachable_upstream_is_a_temporary_failure(tmp_path, store):
    message = mail(
        "Your order 113-3000000-0000005 has shipped and arrives on Monday.",
        "Your order 113-3000000-0000005 has shipped",
    )
    with relay(tmp_path, store, free_port()) as server:
        with pytest.raises(smtplib.SMTPDataError) as deferred:
            send(server, message)
    assert deferred.value.smtp_code == 451
    assert b"4.4.1 auditor: upstream 127.0.0.1:" in deferred.value.smtp_error


# -- never an open relay ---------------------------------------------------------------------


def test_refuses_to_listen_off_loopback_without_login_and_tls(tmp_path, store):
    with pytest.raises(ConfigError, match="not a loopback address"):
        with relay(tmp_path, store, 25, listen_host="0.0.0.0"):
            pass


def test_cli_refuses_an_open_relay_with_one_line(tmp_path):
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'gate.db'}")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "relay",
            "--config",
            str(config),
            "--listen",
            f"0.0.0.0:{free_port()}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "gate.relay_listen: 0.0.0.0 is not a loopback address" in lines[0]


def test_off_loopback_clients_must_log_in_over_starttls(tmp_path, store, sink, tls, monkeypatch):
    monkeypatch.setenv("RELAY_PW", "s3cret-relay-pass")
    extra = (
        f'relay_username = "campaigns"\nrelay_password_env = "RELAY_PW"\n'
        f'tls_cert = "{tls.cert_file}"\ntls_key = "{tls.key_file}"\n'
    )
    client_tls = ssl.create_default_context(cafile=tls.ca_file)
    client_tls.check_hostname = False  # the test certificate names 127.0.0.1, we dial 0.0.0.0's
    message = mail(
        "Your order 113-3000000-0000006 has shipped and arrives on Monday.",
        "Your order 113-3000000-0000006 has shipped",
    )
    with relay(tmp_path, store, sink.port, extra=extra, listen_host="0.0.0.0") as server:
        server.hostname = "127.0.0.1"
        with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as client:
            with pytest.raises(smtplib.SMTPSenderRefused) as refused:
                client.sendmail("shop@acme.example", [BUYER], bytes(message))
            assert refused.value.smtp_code == 530  # STARTTLS first
        with pytest.raises(smtplib.SMTPAuthenticationError):
            send(server, message, login=("campaigns", "wrong"), context=client_tls)
        send(server, message, login=("campaigns", "s3cret-relay-pass"), context=client_tls)
    assert sink.find(message["Message-ID"]) is not None


def test_upstream_over_starttls_with_login(tmp_path, store, tls, monkeypatch):
    from tests.actions.conftest import PASSWORD, USER, _smtp

    monkeypatch.setenv("UP_PW", PASSWORD)
    boxes = _smtp(tls, "starttls")
    box = next(boxes)
    try:
        extra = (
            f'upstream_username = "{USER}"\nupstream_password_env = "UP_PW"\n'
            f'ca_file = "{tls.ca_file}"\n'
        )
        message = mail(
            "Your order 113-3000000-0000007 has shipped and arrives on Monday.",
            "Your order 113-3000000-0000007 has shipped",
        )
        with relay(tmp_path, store, box.port, extra=extra, security="starttls") as server:
            send(server, message)
        assert box.logins == [(USER, PASSWORD)]
        assert PASSWORD.encode() not in box.messages[0].content
    finally:
        boxes.close()
