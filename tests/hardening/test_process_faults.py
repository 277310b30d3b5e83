"""Process faults on ``auditor run``, end to end (real Dovecot, real webhook
receiver, the CLI as its own process as cron runs it):

* ``kill -9`` at the worst moment, three runs in a row: in the middle of
  delivering an action (the receiver got the POST, the sender dies before
  recording it); then more runs. The store must be consistent (each message
  once, each notice applied once, one pause) and every action delivered at
  least once, always with the same idempotency key (``tests/scheduler``
  kills at random times).
* three ``auditor run`` at once on one SQLite store, with notices to apply:
  each either finishes or says the lock is held, one line, exit 2; nothing
  is stored or applied twice.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from auditor.store import open_store
from auditor.store.models import CampaignEvent, Outbox, StoredMessage, StoredNotice
from tests.conftest import CORPUS
from tests.receivers import serve
from tests.scheduler.conftest import Shop, request_a_review, review

pytestmark = pytest.mark.dovecot

D = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
START = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
RESTRICTION = CORPUS / "n01-restriction-30-days.eml"
PHISHING = CORPUS / "n09-phishing-deactivated.eml"
BLOCKED = CORPUS / "n05-blocked-guidelines.eml"


@pytest.fixture
def shop(dovecot_server, imap_user, tmp_path, corpus) -> Iterator[Shop]:
    for receiver in serve():
        shop = Shop(dovecot_server, imap_user, tmp_path, receiver)
        shop.write_config(lock_seconds=1.5)  # a killed run's lease frees the store quickly
        yield shop


def _counts(shop: Shop) -> dict[str, object]:
    store = open_store(shop.store_url)
    with store.transaction() as session:
        return {
            "messages": session.scalar(select(func.count(StoredMessage.id))),
            "distinct": session.scalar(select(func.count(func.distinct(StoredMessage.message_id)))),
            "notices": session.scalar(select(func.count(StoredNotice.id))),
            "unapplied": session.scalar(
                select(func.count(StoredNotice.id)).where(StoredNotice.applied.is_(False))
            ),
            "paused": session.scalar(
                select(func.count(CampaignEvent.id)).where(CampaignEvent.to_state == "paused")
            ),
            "keys": list(session.scalars(select(Outbox.idempotency_key))),
            "undelivered": session.scalar(
                select(func.count(Outbox.id)).where(Outbox.delivered_at.is_(None))
            ),
        }


@pytest.mark.slow
def test_kill_9_at_each_delivery_redelivers_with_the_same_key(shop: Shop):
    """Each run is killed the moment the receiver has its first POST (before
    the sender can record the delivery), three runs in a row; then runs go
    through. tests/scheduler kills at random times; this kills where the
    outbox matters most."""
    shop.append_sent([review(i, D) for i in range(40)] + [request_a_review(100, D)])
    shop.append_inbox([RESTRICTION.read_bytes(), PHISHING.read_bytes(), BLOCKED.read_bytes()])
    running: list = []
    kills = 0

    def kill_sender(_handler) -> None:  # the POST arrived: the sender dies before recording it
        nonlocal kills
        if kills < 3 and running and running[-1].poll() is None:
            os.kill(running[-1].pid, signal.SIGKILL)
            kills += 1

    shop.receiver.on_request = kill_sender
    now = START
    for _attempt in range(4):
        # Each run later than the last: the delivery lease (60 s) a killed run
        # held has expired by the next one.
        now += timedelta(minutes=5)
        proc = shop.spawn("run", "--quiet", "--wait", "10", now=now.isoformat())
        running.append(proc)
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
    shop.receiver.on_request = None
    assert kills == 3
    assert [p.returncode for p in running[:3]] == [-signal.SIGKILL] * 3
    now += timedelta(minutes=5)
    final = shop.auditor("run", "--quiet", "--wait", "10", now=now.isoformat())
    assert final.returncode in (0, 1), final.stderr

    counts = _counts(shop)
    assert counts["messages"] == counts["distinct"] == 44
    assert counts["notices"] == 3 and counts["unapplied"] == 0
    assert counts["paused"] == 1  # the restriction paused the campaign once
    assert counts["undelivered"] == 0
    keys = counts["keys"]
    assert len(keys) == len(set(keys))
    received = Counter(shop.receiver.keys())
    assert set(received) == set(keys)  # every action arrived, under its own key
    assert max(received.values()) >= 2  # ... some twice: at least once, same key
    types = Counter(e["type"] for e in shop.events())
    assert types["campaign.paused"] == 1 and types["phishing.suspected"] == 1


@pytest.mark.slow
def test_three_runs_at_once_store_and_apply_everything_once(shop: Shop):
    shop.append_sent([review(i, D) for i in range(50)] + [request_a_review(100, D)])
    shop.append_inbox([RESTRICTION.read_bytes(), PHISHING.read_bytes()])
    now = START.isoformat()
    procs = [shop.spawn("run", "--quiet", *extra, now=now) for extra in ([], ["--wait", "60"], [])]
    results = []
    for proc in procs:
        code = proc.wait(timeout=120)
        results.append((code, proc.stderr.read()))
        proc.stdout.close()
        proc.stderr.close()
    for code, err in results:
        assert code in (0, 1, 2), err
        if code == 2:  # refused: one clear line
            assert err.strip().startswith(
                "auditor: another auditor run holds the store's run lock"
            ), err
            assert len(err.strip().splitlines()) == 1
    assert results[1][0] in (0, 1), results[1][1]  # the one that waited ran
    counts = _counts(shop)
    assert counts["messages"] == counts["distinct"] == 53
    assert counts["notices"] == 2 and counts["unapplied"] == 0
    assert counts["paused"] == 1
    assert counts["undelivered"] == 0
    assert len(counts["keys"]) == len(set(counts["keys"]))
    types = Counter(e["type"] for e in shop.events())
    assert types["campaign.paused"] == 1 and types["phishing.suspected"] == 1
