"""``auditor milter`` in a real Postfix (Debian package, private instance on
loopback), delivering to a local SMTP sink.

The milter runs as the real command (``auditor milter --config …``) in a
subprocess; Postfix has ``milter_default_action = tempfail``.
"""

from __future__ import annotations

import grp
import os
import re
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import delete

from auditor import clock
from auditor.campaigns.state import Transitions
from auditor.store import open_store
from auditor.store.models import GateDecision
from tests.gate.conftest import add_campaign, mail, pause, resume, serving_sink, write_config
from tests.postfix import available, postfix_server
from tests.servers import free_port


def _require_postfix() -> None:
    if not available():
        reason = "needs the Debian postfix package and root"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs postfix")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _postfix_installed() -> None:
    _require_postfix()


BUYER = "7xq2kd9v1b@marketplace.amazon.com"
COMPLIANT = (
    "Hello,\n\nyour order 113-2000000-0000001 has shipped today and should arrive on "
    "Thursday. The tracking number is in your order details.\n\nKind regards,\nAcme Home"
)


def _wait_ready(transport, port, path, proc, log, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"auditor milter exited {proc.returncode}: {log.read_text()}")
        if transport == "unix":
            if path.exists() and path.stat().st_gid == grp.getgrnam("postfix").gr_gid:
                return
        else:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                pass
        time.sleep(0.1)
    raise AssertionError(f"auditor milter did not listen: {log.read_text()}")


@contextmanager
def running(tmp_path, sink, transport: str = "unix", extra: str = ""):
    """(postfix, store, sink): Postfix with the auditor milter (on a unix
    socket, or on TCP), relaying to the sink."""
    url = f"sqlite:///{tmp_path / 'gate.db'}"
    store = open_store(url)
    add_campaign(store, "follow-up")
    milter_port = free_port()
    sockets = Path(tempfile.mkdtemp(prefix="auditor-milter-"))
    sockets.chmod(0o711)  # Postfix's smtpd (user postfix) must reach the socket
    socket_path = sockets / "milter.sock"
    extra = 'milter_socket_group = "postfix"\n' + extra
    config = write_config(tmp_path, url, milter_port=milter_port, extra=extra)
    if transport == "unix":
        config.write_text(
            config.read_text().replace(
                f'milter_listen = "127.0.0.1:{milter_port}"',
                f'milter_listen = "unix:{socket_path}"',
            )
        )
    log = tmp_path / "milter.log"
    env = dict(os.environ, HOME=str(tmp_path))
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor", "milter", "--config", str(config), "-v"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path,
        )
    try:
        _wait_ready(transport, milter_port, socket_path, proc, log)
        milter = f"unix:{socket_path}" if transport == "unix" else None
        with postfix_server(sink.port, milter_port, milter=milter) as postfix:
            yield postfix, store, sink
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(sockets, ignore_errors=True)
    assert "Traceback" not in log.read_text(), log.read_text()


@pytest.fixture(scope="module")
def _shared_flow(tmp_path_factory):
    """One Postfix with the milter on a unix socket for the tests below that
    need no configuration of their own (starting both costs seconds)."""
    _require_postfix()
    with serving_sink() as sink, running(tmp_path_factory.mktemp("flow"), sink) as parts:
        yield parts


@pytest.fixture
def flow(_shared_flow):
    """(postfix, store, sink) as a fresh gate sees them: the sink empty, no
    gate decision stored, the campaign active, the Postfix log from here on."""
    postfix, store, sink = _shared_flow
    with sink.lock:
        sink.messages.clear()
    with store.transaction() as session:
        session.execute(delete(GateDecision))
        campaign = Transitions(session, [], clock.now()).campaign("local", "follow-up")
        paused = campaign is not None and campaign.state != "active"
    if paused:  # a test before this one failed between its pause and resume
        resume(store, "follow-up")
    return postfix.from_here(), store, sink


def send(port: int, message, to: str = BUYER) -> dict:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        return client.sendmail("shop@acme.example", [to], bytes(message))


def test_compliant_message_is_delivered_with_the_rules_version(flow):
    postfix, store, sink = flow
    message = mail(COMPLIANT, "Your order 113-2000000-0000001 has shipped")
    send(postfix.gate_port, message)
    sink.wait(1)
    got = sink.find(message["Message-ID"])
    assert got is not None
    assert got["X-Auditor"].startswith("accept; auditor ")
    assert re.search(r"; rules \d+/[0-9a-f]{8}$", got["X-Auditor"])
    assert "arrive on Thursday" in got.get_content()
    assert store.gate_summary()["decisions"]["accept"] == 1


def test_coupon_for_a_review_is_rejected_with_the_rule_code(flow):
    postfix, store, sink = flow
    message = mail(
        "Hello,\n\nthank you for your order 113-2000000-0000002. If you enjoyed it, leave us "
        "a review and we will send you a $10 coupon for your next purchase.\n\nAcme Home",
        "A question about your order 113-2000000-0000002",
    )
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(postfix.gate_port, message)
    assert refused.value.smtp_code == 550
    text = refused.value.smtp_error.decode()
    assert text.startswith("5.7.1 auditor: ")
    assert "BSM301" in text and "$10 coupon" in text
    postfix.wait_log("milter-reject: END-OF-MESSAGE")
    time.sleep(0.5)
    assert sink.messages == []
    summary = store.gate_summary()
    assert summary["decisions"]["reject"] == 1
    assert "BSM301" in summary["recent_stopped"][0]["rules"]


def test_paused_campaign_is_deferred_then_delivered_after_resume(flow):
    postfix, store, sink = flow
    pause(store, "follow-up", days=10)
    message = mail(
        "Hello,\n\nwe hope you are enjoying your order 113-2000000-0000003. Could you leave a "
        "review of your order on Amazon?\n\nAcme Home",
        "Follow-up: your order 113-2000000-0000003",
    )
    send(postfix.submit_port, message)  # the seller's queue; it hands on to the gated smtpd
    log = postfix.wait_log("status=deferred")
    assert "451 4.7.1 auditor: campaign follow-up paused until" in log
    assert message["Message-ID"] not in [m.content.decode() for m in sink.messages]
    assert "113-2000000-0000003" not in "".join(m.content.decode() for m in sink.messages)
    assert store.gate_summary()["decisions"]["tempfail"] >= 1
    resume(store, "follow-up")
    postfix.flush()
    sink.wait(1, timeout=30)
    got = sink.find(message["Message-ID"])
    assert got is not None and got["X-Auditor"].startswith("accept;")
    assert postfix.queue().strip().startswith("Mail queue is empty")


def test_non_marketplace_mail_passes_untouched(flow):
    postfix, store, sink = flow
    message = mail(
        "Hi Sam, the leave us a review and get a $10 coupon text is for the newsletter.",
        "Newsletter draft",
        to="sam@partner.example",
    )
    send(postfix.gate_port, message, to="sam@partner.example")
    sink.wait(1)
    got = sink.find(message["Message-ID"])
    assert got is not None
    assert got["X-Auditor"] is None and got["X-Auditor-Findings"] is None
    received = got.get_content().replace("\r\n", "\n").rstrip("\n")
    assert received == message.get_content().rstrip("\n")
    for name, value in message.items():
        assert got[name] == value
    assert store.gate_summary()["decisions"] == {
        "accept": 0,
        "header": 0,
        "reject": 0,
        "tempfail": 0,
        "hold": 0,
    }


def test_milter_on_tcp_works_too(tmp_path, sink):
    with running(tmp_path, sink, transport="inet") as (postfix, _store, _):
        message = mail(COMPLIANT, "Your order 113-2000000-0000001 has shipped")
        send(postfix.gate_port, message)
        sink.wait(1)
        assert sink.find(message["Message-ID"])["X-Auditor"].startswith("accept; ")


def test_hold_mode_parks_a_paused_campaign_in_the_hold_queue(tmp_path, sink):
    with running(tmp_path, sink, extra='paused = "hold"\n') as (postfix, store, _):
        pause(store, "follow-up", days=10)
        message = mail(
            "Hello,\n\nwe hope you are enjoying your order 113-2000000-0000004. Could you "
            "leave a review of your order on Amazon?\n\nAcme Home",
            "Follow-up: your order 113-2000000-0000004",
        )
        send(postfix.gate_port, message)  # accepted into Postfix, but held
        postfix.wait_log("milter-hold: END-OF-MESSAGE")
        queue = postfix.queue()
        assert "!" in queue and BUYER in queue  # "!" marks a held message
        time.sleep(0.5)
        assert sink.messages == []
        assert store.gate_summary()["decisions"]["hold"] == 1
