"""The delivery loop: claiming, retries, crash recovery, concurrency, filters."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from auditor.actions import backoff, deliver_pending
from auditor.campaigns.state import Transitions
from auditor.errors import ConfigError
from auditor.store.models import Outbox
from auditor.store.store import open_store
from tests.actions.conftest import NOW, UNTIL, add_rows, config, event, rows

ROOT = Path(__file__).resolve().parents[2]


def hook(receiver, **extra):
    return {"type": "webhook", "name": "ops", "url": receiver.url, "timeout": 5, **extra}


def test_retry_after_500_then_delivered(store, receiver):
    receiver.script = [(500, {}, b"database on fire")]
    add_rows(store, "ops", event("k-retry"))
    cfg = config(hook(receiver))

    first = deliver_pending(store, cfg, now=NOW)
    assert (first.delivered, first.failed, first.pending) == (0, 1, 1)
    assert "action ops (webhook): HTTP 500" in first.failures[0]
    [row] = rows(store)
    assert row.attempts == 1 and row.delivered_at is None and row.lease_until is None
    assert "HTTP 500" in row.last_error and "database on fire" in row.last_error
    assert row.next_attempt_at == NOW + timedelta(seconds=30)

    early = deliver_pending(store, cfg, now=NOW + timedelta(seconds=10))
    assert (early.delivered, early.failed, early.pending) == (0, 0, 1)
    assert len(receiver.requests) == 1

    second = deliver_pending(store, cfg, now=NOW + timedelta(seconds=31))
    assert (second.delivered, second.failed, second.pending) == (1, 0, 0)
    assert receiver.keys() == ["k-retry", "k-retry"]
    [row] = rows(store)
    assert row.attempts == 2 and row.delivered_at == NOW + timedelta(seconds=31)


def test_backoff_doubles_up_to_an_hour_and_honours_retry_after():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(8) == timedelta(hours=1) and backoff(500) == timedelta(hours=1)
    assert backoff(1, retry_after=300) == timedelta(seconds=300)
    assert backoff(1, retry_after=10**9) == timedelta(hours=1)


def test_retry_after_header_delays_the_next_attempt(store, receiver):
    receiver.script = [(503, {"Retry-After": "600"}, b"")]
    add_rows(store, "ops", event("k"))
    deliver_pending(store, config(hook(receiver)), now=NOW)
    assert rows(store)[0].next_attempt_at == NOW + timedelta(seconds=600)


CRASHING_WORKER = """
import json, sys
from datetime import datetime
from auditor.actions import deliver_pending
from auditor.config import Config
from auditor.store.store import open_store
url, actions, now = json.loads(sys.argv[1])
deliver_pending(open_store(url), Config(data={"actions": actions}),
                now=datetime.fromisoformat(now))
print("finished", flush=True)
"""


def test_crash_between_post_and_commit_redelivers_same_key(store, db_url, receiver):
    """A worker is killed (SIGKILL) after its POST arrived and before it could
    record the delivery. Once the lease expires the row is delivered again with
    the same key: the receiver sees it twice and its de-duplication keeps one."""
    add_rows(store, "ops", event("birch/review-request/event-42"))
    worker: list[subprocess.Popen] = []
    receiver.on_request = lambda _handler: (
        os.kill(worker[0].pid, signal.SIGKILL),
        worker[0].wait(),
    )
    args = json.dumps([db_url, [hook(receiver)], NOW.isoformat()])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker.append(
        subprocess.Popen(
            [sys.executable, "-c", CRASHING_WORKER, args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
    )
    out, err = worker[0].communicate(timeout=20)
    assert worker[0].returncode == -signal.SIGKILL, err.decode()
    assert b"finished" not in out
    receiver.on_request = None
    [row] = rows(store)
    assert row.delivered_at is None and row.lease_until is not None  # claimed, never recorded

    # another worker right away: the lease still holds, nothing is sent twice yet
    held = deliver_pending(store, config(hook(receiver)), now=NOW + timedelta(seconds=5))
    assert (held.delivered, held.pending) == (0, 1)
    assert len(receiver.requests) == 1

    # after the lease: delivered again, same key
    again = deliver_pending(store, config(hook(receiver)), now=NOW + timedelta(minutes=3))
    assert (again.delivered, again.pending) == (1, 0)
    assert receiver.keys() == ["birch/review-request/event-42"] * 2
    assert [a["idempotency_key"] for a in receiver.accepted] == ["birch/review-request/event-42"]


def test_simulated_crash_by_resetting_the_lease(store, receiver):
    add_rows(store, "ops", event("k-sim"))
    deliver_pending(store, config(hook(receiver)), now=NOW)
    with store.transaction() as session:  # "the commit never happened"
        session.query(Outbox).update({"delivered_at": None, "lease_until": None})
    deliver_pending(store, config(hook(receiver)), now=NOW)
    assert receiver.keys() == ["k-sim", "k-sim"] and len(receiver.accepted) == 1


def test_two_concurrent_workers_deliver_each_row_once(store, db_url, receiver):
    receiver.delay = 0.01
    add_rows(store, "ops", *[event(f"k-{i}", campaign=f"c-{i}") for i in range(40)])
    cfg = config(hook(receiver))
    barrier = threading.Barrier(2)
    reports = []

    def work():
        own = open_store(db_url)  # its own engine and connections, like another process
        barrier.wait()
        reports.append(deliver_pending(own, cfg, now=NOW))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    keys = receiver.keys()
    assert sorted(keys) == sorted(f"k-{i}" for i in range(40))  # each exactly once
    assert sum(r.delivered for r in reports) == 40
    assert all(r.delivered > 0 for r in reports), [r.delivered for r in reports]
    assert all(row.delivered_at is not None and row.attempts == 1 for row in rows(store))


def test_unknown_action_name_fails_clearly_and_stays_queued(store, receiver):
    add_rows(store, "old-hook", event("k-old"))
    add_rows(store, "ops", event("k-new", campaign="other"))
    report = deliver_pending(store, config(hook(receiver)), now=NOW)
    assert (report.delivered, report.failed, report.pending) == (1, 1, 1)
    assert (
        "action old-hook (?): action 'old-hook' is not configured (configured: ops)"
        in (report.failures[0])
    )
    old = next(r for r in rows(store) if r.action == "old-hook")
    assert old.delivered_at is None and old.attempts == 1 and "not configured" in old.last_error
    # configured again: delivered
    later = deliver_pending(
        store,
        config(hook(receiver), hook(receiver, name="old-hook")),
        now=NOW + timedelta(minutes=5),
    )
    assert later.delivered == 1


def test_events_filter_marks_others_skipped(store, receiver):
    add_rows(
        store,
        "ops",
        event("k-p"),
        event("k-f", type="campaign.flagged", campaign="b"),
        event("k-x", type="phishing.suspected", campaign=None),
    )
    report = deliver_pending(
        store, config(hook(receiver, events=["campaign.paused", "phishing.*"])), now=NOW
    )
    assert (report.delivered, report.skipped, report.pending) == (2, 1, 0)
    assert receiver.keys() == ["k-p", "k-x"]
    flagged = next(r for r in rows(store) if r.idempotency_key == "k-f")
    assert flagged.delivered_at == NOW and flagged.attempts == 0
    assert flagged.last_error.startswith("skipped: campaign.flagged")


def test_events_of_one_campaign_keep_their_order(store, receiver):
    """While "paused" is being retried, "resumed" for the same campaign waits;
    other campaigns are not held up."""
    receiver.script = [(500, {}, b"")]
    add_rows(
        store,
        "ops",
        event("k-pause"),
        event("k-resume", type="campaign.resumed", **{"from": "paused", "to": "active"}),
        event("k-other", campaign="other-campaign"),
    )
    cfg = config(hook(receiver))
    first = deliver_pending(store, cfg, now=NOW)
    assert (first.failed, first.blocked, first.delivered) == (1, 1, 1)
    assert receiver.keys() == ["k-pause", "k-other"]
    second = deliver_pending(store, cfg, now=NOW + timedelta(minutes=1))
    assert second.delivered == 2
    assert receiver.keys() == ["k-pause", "k-other", "k-pause", "k-resume"]


def test_error_messages_hold_no_secret(store, receiver, monkeypatch):
    """The receiver echoes the token in the URL and the Authorization header
    back in its error page; neither reaches the report or the store."""
    monkeypatch.setenv("HOOK_TOKEN", "Bearer sk-live-0123456789abcdef")
    path = "/services/T000/B000/XyZsecretTokenPart"
    receiver.script = [(400, {}, f"bad hook {path} auth=Bearer sk-live-0123456789abcdef".encode())]
    add_rows(store, "ops", event("k"))
    report = deliver_pending(
        store,
        config(
            hook(receiver, url=receiver.url + path, headers_env={"Authorization": "HOOK_TOKEN"})
        ),
        now=NOW,
    )
    assert report.failed == 1
    text = "\n".join(report.lines()) + rows(store)[0].last_error
    assert "sk-live-0123456789abcdef" not in text
    assert "XyZsecretTokenPart" not in text
    assert "HTTP 400" in text and "***" in text


def test_a_raising_plugin_does_not_stop_the_others(store, receiver, monkeypatch):
    from auditor.actions import registry

    def broken(event, settings):
        raise RuntimeError("plugin bug")

    monkeypatch.setattr(
        registry,
        "action_types",
        lambda: {"webhook": registry._builtins()["webhook"], "broken": broken},
    )
    monkeypatch.setattr("auditor.actions.outbox.action_types", registry.action_types)
    add_rows(store, "b", event("k1"))
    add_rows(store, "ops", event("k2", campaign="x"))
    report = deliver_pending(
        store, config({"type": "broken", "name": "b"}, hook(receiver)), now=NOW
    )
    assert (report.failed, report.delivered) == (1, 1)
    assert "RuntimeError: plugin bug" in report.failures[0]


def test_missing_settings_fail_the_row_not_the_run(store):
    add_rows(store, "mail", event("k"))
    report = deliver_pending(store, config({"type": "email", "name": "mail"}), now=NOW)
    assert report.failed == 1 and "setting to, from, smtp_host missing" in report.failures[0]


def test_limit(store, receiver):
    add_rows(store, "ops", *[event(f"k{i}", campaign=f"c{i}") for i in range(5)])
    report = deliver_pending(store, config(hook(receiver)), now=NOW, limit=2)
    assert (report.delivered, report.pending) == (2, 3)
    assert receiver.keys() == ["k0", "k1"]


def test_duplicate_action_names_are_a_config_error(store):
    with pytest.raises(ConfigError, match="used by another action"):
        deliver_pending(
            store,
            config(
                {"type": "webhook", "name": "a", "url": "http://a"},
                {"type": "webhook", "name": "a", "url": "http://b"},
            ),
            now=NOW,
        )


def test_end_to_end_from_a_state_transition(store, receiver, tmp_path):
    """Transitions (the lead's state machine) queues the rows; the loop delivers
    the payload it wrote, key and all, to a webhook and a command."""
    out = tmp_path / "stdin.json"
    script = tmp_path / "save.py"
    script.write_text(f"import sys\nopen({str(out)!r}, 'w').write(sys.stdin.read())\n")
    cfg = config(
        hook(receiver),
        {"type": "command", "name": "tool", "command": [sys.executable, str(script)]},
    )
    with store.transaction() as session:
        states = Transitions(session, actions=["ops", "tool"], now=NOW)
        campaign = states.ensure("birch", "review-request", "free_form", "amazon.de", "config")
        assert states.pause(
            campaign,
            reason="messaging restriction",
            actor="notice",
            until=UNTIL,
            hold=False,
            notice="<n1@amazon.de>",
        )
    report = deliver_pending(store, cfg, now=NOW)
    assert (report.delivered, report.failed, report.pending) == (2, 0, 0)
    sent = receiver.requests[0].json
    assert sent == json.loads(out.read_text())
    assert sent["type"] == "campaign.paused" and sent["to"] == "paused"
    assert sent["idempotency_key"] == receiver.requests[0].headers["Idempotency-Key"]
    assert sent["idempotency_key"].startswith("birch/review-request/event-")


def test_report_lines():
    from auditor.actions import DeliveryReport

    report = DeliveryReport(
        delivered=2,
        failed=1,
        skipped=0,
        blocked=1,
        pending=3,
        failures=["action ops (webhook): HTTP 500"],
    )
    assert report.lines() == [
        "actions: 2 delivered, 1 failed, 0 skipped, 3 pending (1 waiting for an earlier event)",
        "action ops (webhook): HTTP 500",
    ]
    assert not report.ok and report.as_dict()["pending"] == 3


WORKER = """
import json, sys
from datetime import datetime
from auditor.actions import deliver_pending
from auditor.config import Config
from auditor.store.store import open_store
url, actions, now = json.loads(sys.argv[1])
report = deliver_pending(open_store(url), Config(data={"actions": actions}),
                         now=datetime.fromisoformat(now))
print(json.dumps(report.as_dict()))
"""


@pytest.mark.postgres
def test_worker_processes_on_postgres_deliver_each_row_once(postgres, receiver):
    url = postgres()
    store = open_store(url)
    receiver.delay = 0.01
    add_rows(store, "ops", *[event(f"pg-{i}", campaign=f"c-{i}") for i in range(40)])
    args = json.dumps([url, [hook(receiver)], NOW.isoformat()])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, args],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err.decode()
        reports.append(json.loads(out))
    assert sorted(receiver.keys()) == sorted(f"pg-{i}" for i in range(40))
    assert sum(r["delivered"] for r in reports) == 40
    assert all(row.delivered_at is not None and row.attempts == 1 for row in rows(store))
