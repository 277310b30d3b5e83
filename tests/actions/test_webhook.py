"""The webhook action against a real HTTP(S) server on loopback."""

from __future__ import annotations

import time

import pytest

from auditor.actions import ActionError, deliver_pending
from auditor.actions.webhook import deliver
from tests.actions.conftest import NOW, add_rows, config, event, rows


def test_json_post_carries_event_key_and_type(store, receiver):
    add_rows(store, "ops", event("birch/review-request/event-1"))
    report = deliver_pending(
        store, config({"type": "webhook", "name": "ops", "url": receiver.url + "/hook"}), now=NOW
    )
    assert (report.delivered, report.failed, report.pending) == (1, 0, 0)
    [request] = receiver.requests
    assert request.path == "/hook"
    assert request.headers["Content-Type"].startswith("application/json")
    assert request.headers["Idempotency-Key"] == "birch/review-request/event-1"
    assert request.headers["X-Auditor-Event"] == "campaign.paused"
    body = request.json
    assert body["idempotency_key"] == "birch/review-request/event-1"
    assert body["type"] == "campaign.paused"
    assert body["campaign"] == "review-request"
    assert body["until"] == "2026-12-09T00:00:00+00:00"
    [row] = rows(store)
    assert row.delivered_at == NOW and row.attempts == 1 and row.lease_until is None


def test_slack_format(store, receiver):
    add_rows(store, "slack", event("birch/review-request/event-2"))
    deliver_pending(
        store,
        config({"type": "webhook", "name": "slack", "format": "slack", "url": receiver.url}),
        now=NOW,
    )
    body = receiver.requests[0].json
    assert set(body) == {"text", "blocks"}
    assert "Campaign review-request paused until 2026-12-09" in body["text"]
    assert "birch/review-request/event-2" in body["text"]
    assert body["blocks"][0]["type"] == "section"
    assert any(
        "birch/review-request/event-2" in el["text"]
        for block in body["blocks"]
        if block["type"] == "context"
        for el in block["elements"]
    )
    fields = {
        f["text"].split("\n")[0]: f["text"].split("\n")[1] for f in body["blocks"][1]["fields"]
    }
    assert fields["*Account*"] == "birch" and fields["*State*"] == "active -&gt; paused"
    assert receiver.requests[0].headers["Idempotency-Key"] == "birch/review-request/event-2"


def test_extra_headers_and_headers_from_environment(receiver, monkeypatch):
    monkeypatch.setenv("HOOK_AUTH", "Bearer tok-123456")
    deliver(
        event("k-1"),
        {
            "url": receiver.url,
            "headers": {"X-Team": "ops"},
            "headers_env": {"Authorization": "HOOK_AUTH"},
        },
    )
    headers = receiver.requests[0].headers
    assert headers["X-Team"] == "ops" and headers["Authorization"] == "Bearer tok-123456"


def test_non_ascii_key_is_percent_encoded_in_header_raw_in_body(receiver):
    deliver(event("birch/Bewertung-Anfrage-ü/event-3"), {"url": receiver.url})
    request = receiver.requests[0]
    assert request.headers["Idempotency-Key"] == "birch/Bewertung-Anfrage-%C3%BC/event-3"
    assert request.json["idempotency_key"] == "birch/Bewertung-Anfrage-ü/event-3"


def test_non_2xx_is_a_failure_naming_status_and_host(receiver):
    receiver.script = [(404, {}, b"no such hook")]
    with pytest.raises(ActionError) as caught:
        deliver(event("k"), {"url": receiver.url + "/nope"})
    message = str(caught.value)
    assert "HTTP 404" in message and "127.0.0.1" in message and "no such hook" in message


def test_retry_after_is_reported(receiver):
    receiver.script = [(429, {"Retry-After": "120"}, b"")]
    with pytest.raises(ActionError) as caught:
        deliver(event("k"), {"url": receiver.url})
    assert caught.value.retry_after == 120


def test_timeout(receiver):
    receiver.delay = 2.0
    started = time.monotonic()
    with pytest.raises(ActionError, match=r"did not answer within 0\.3 s"):
        deliver(event("k"), {"url": receiver.url, "timeout": 0.3})
    assert time.monotonic() - started < 1.5


def test_connection_refused(receiver):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ActionError, match=r"cannot reach http://127\.0\.0\.1"):
        deliver(event("k"), {"url": f"http://127.0.0.1:{port}/", "timeout": 2})


def test_same_host_redirect_is_followed_with_the_body(receiver):
    receiver.script = [(307, {"Location": "/moved"}, b"")]
    deliver(event("k-7"), {"url": receiver.url + "/old"})
    assert [r.path for r in receiver.requests] == ["/old", "/moved"]
    assert receiver.requests[1].json["idempotency_key"] == "k-7"


def test_redirect_to_another_host_is_refused(receiver):
    other = receiver.url.replace("127.0.0.1", "localhost")
    receiver.script = [(302, {"Location": other + "/elsewhere"}, b"")]
    with pytest.raises(ActionError, match="another host"):
        deliver(event("k"), {"url": receiver.url})
    assert len(receiver.requests) == 1


def test_see_other_is_not_turned_into_a_get(receiver):
    receiver.script = [(303, {"Location": "/thanks"}, b"")]
    with pytest.raises(ActionError, match="HTTP 303"):
        deliver(event("k"), {"url": receiver.url})
    assert len(receiver.requests) == 1


def test_https_verifies_certificates_by_default(tls_receiver, tls):
    with pytest.raises(ActionError, match="not trusted"):
        deliver(event("k"), {"url": tls_receiver.url, "timeout": 5})
    assert tls_receiver.requests == []
    deliver(event("k"), {"url": tls_receiver.url, "ca_file": tls.ca_file, "timeout": 5})
    assert tls_receiver.requests[0].json["idempotency_key"] == "k"


def test_url_from_environment(receiver, monkeypatch):
    monkeypatch.setenv("OPS_HOOK", receiver.url + "/from-env")
    deliver(event("k"), {"url_env": "OPS_HOOK"})
    assert receiver.requests[0].path == "/from-env"
    monkeypatch.delenv("OPS_HOOK")
    with pytest.raises(ActionError, match="OPS_HOOK"):
        deliver(event("k"), {"url_env": "OPS_HOOK"})


def test_only_http_urls():
    with pytest.raises(ActionError, match="http:// or https://"):
        deliver(event("k"), {"url": "file:///etc/passwd"})
