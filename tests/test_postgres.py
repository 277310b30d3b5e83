"""The store on a real PostgreSQL, shared by several worker processes."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from auditor.campaigns.policy import apply_notices
from auditor.campaigns.state import Transitions
from auditor.store import open_store
from auditor.store.models import Campaign, CampaignEvent, Outbox, StoredMessage, StoredNotice

pytestmark = pytest.mark.postgres


def test_audit_on_postgres_equals_sqlite(cli, corpus, postgres, store_url):
    url = postgres()
    _, on_pg, _ = cli("audit", corpus, "--store", url, "--format", "json")
    _, on_lite, _ = cli("audit", corpus, "--store", store_url, "--format", "json")

    def strip(r):
        return sorted(
            (f["rule"], f["message_id"], f["evidence"]) for f in json.loads(r)["findings"]
        )

    assert strip(on_pg) == strip(on_lite)
    _, again, _ = cli("audit", corpus, "--store", url, "--format", "json")
    assert not any(f["new"] for f in json.loads(again)["findings"])


def _apply_in_process(url: str, barrier, results) -> None:
    store = open_store(url)
    barrier.wait()
    with store.transaction() as session:
        count = apply_notices(Transitions(session, ["hook"], datetime(2026, 11, 9, tzinfo=UTC)))
    results.put(count)


def test_workers_apply_each_notice_once(postgres):
    url = postgres()
    store = open_store(url)
    from tests.test_campaign_policy import add_notice

    with store.transaction() as session:
        t = Transitions(session, ["hook"], datetime(2026, 11, 9, tzinfo=UTC))
        for i in range(20):
            t.ensure(f"acct{i}", "review", "free_form", None, "auto")
    for i in range(20):
        add_notice(
            store,
            ends_at=datetime(2026, 12, 9, tzinfo=UTC),
            account=f"acct{i}",
            mid=f"<n{i}@amazon.com>",
        )
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    workers = [
        ctx.Process(target=_apply_in_process, args=(url, barrier, results)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    counts = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert sum(counts) == 20
    with store.transaction() as session:
        assert session.scalar(select(func.count(CampaignEvent.id))) == 20
        assert session.scalar(select(func.count(Outbox.id))) == 20
        assert session.scalar(select(func.count()).where(StoredNotice.applied.is_(False))) == 0
        paused = session.scalars(select(Campaign.state)).all()
        assert set(paused) == {"paused"}


def test_two_runs_at_once_one_waits_or_exits_clearly(tmp_path, corpus, postgres):
    url = postgres()
    config = tmp_path / "auditor.toml"
    config.write_text(f'[store]\nurl = "{url}"\n')
    cmd = [
        sys.executable,
        "-m",
        "auditor",
        "run",
        str(corpus),
        "--config",
        str(config),
        "--format",
        "json",
        "--quiet",
    ]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    ran = [r for r in results if r[0] == 1]
    refused = [r for r in results if r[0] == 2]
    assert ran, results
    assert len(ran) + len(refused) == 3
    for _, _, err in refused:
        assert "another auditor run holds the store's run lock" in err
        assert err.strip().count("\n") == 0
    store = open_store(url)
    with store.transaction() as session:
        assert session.scalar(select(func.count(StoredMessage.id))) == 25
        assert session.scalar(select(func.count(StoredNotice.id))) == session.scalar(
            select(func.count(StoredNotice.id)).where(StoredNotice.applied.is_(True))
        )


def test_lock_expires_when_holder_dies(postgres):
    store = open_store(postgres())
    assert store.acquire_lock("run", "dead-worker", timedelta(seconds=-1))
    assert store.acquire_lock("run", "next-worker", timedelta(seconds=60))
    assert not store.acquire_lock("run", "third", timedelta(seconds=60))


def test_workers_apply_each_confirmation_once(postgres):
    """Unverified restrictions flag and alert once; confirmed, four workers
    at once pause each campaign exactly once."""
    url = postgres()
    store = open_store(url)
    from tests.test_campaign_policy import add_notice

    with store.transaction() as session:
        t = Transitions(session, ["hook"], datetime(2026, 11, 9, tzinfo=UTC))
        for i in range(12):
            t.ensure(f"acct{i}", "review", "free_form", None, "auto")
    for i in range(12):
        add_notice(
            store,
            ends_at=datetime(2026, 12, 9, tzinfo=UTC),
            account=f"acct{i}",
            mid=f"<u{i}@amazon.com>",
            authenticity="unverified",
        )
    ctx = multiprocessing.get_context("spawn")

    def apply_with_workers() -> int:
        barrier, results = ctx.Barrier(4), ctx.Queue()
        workers = [
            ctx.Process(target=_apply_in_process, args=(url, barrier, results)) for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        counts = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
            assert worker.exitcode == 0
        return sum(counts)

    assert apply_with_workers() == 12
    with store.transaction() as session:
        types = [row.event["type"] for row in session.scalars(select(Outbox))]
        assert types.count("notice.unconfirmed") == 12 and "campaign.paused" not in types
        assert set(session.scalars(select(Campaign.state))) == {"active"}
        assert all(session.scalars(select(Campaign.flagged)))
    for i in range(12):
        [notice] = store.find_notices(f"<u{i}@amazon.com>")
        assert store.confirm_notice(notice.id, "ann", None, datetime(2026, 11, 9, tzinfo=UTC))[1]
        assert not store.confirm_notice(notice.id, "bob", None, datetime(2026, 11, 9, tzinfo=UTC))[
            1
        ]
    assert apply_with_workers() == 12
    assert apply_with_workers() == 0
    with store.transaction() as session:
        types = [row.event["type"] for row in session.scalars(select(Outbox))]
        assert types.count("campaign.paused") == 12
        assert types.count("notice.unconfirmed") == 12
        assert set(session.scalars(select(Campaign.state))) == {"paused"}


def test_a_hostile_message_id_cannot_stop_the_runs(postgres):
    """A forged notice with a 3,000-character Message-ID is flagged and
    alerted like any other: keys and labels fit the columns."""
    url = postgres()
    store = open_store(url)
    from tests.test_campaign_policy import add_notice

    now = datetime(2026, 11, 9, tzinfo=UTC)
    with store.transaction() as session:
        Transitions(session, ["hook"], now).ensure("shop", "review", "free_form", None, "auto")
    for n, authenticity in enumerate(("unverified", "suspicious", "verified")):
        add_notice(
            store,
            ends_at=datetime(2026, 12, 9, tzinfo=UTC),
            authenticity=authenticity,
            account="shop",
            mid=f"<h{n}@amazon.com>",
            received=now,
        )
    with store.transaction() as session:  # the parser keeps up to 8,192 characters of it
        for notice in session.scalars(select(StoredNotice)):
            mid = notice.data["message_id"].replace("@", "x" * 3000 + "@")
            notice.data = {**notice.data, "message_id": mid}
    with store.transaction() as session:
        assert apply_notices(Transitions(session, ["hook"], now)) == 3
    with store.transaction() as session:
        types = sorted(row.event["type"] for row in session.scalars(select(Outbox)))
        assert set(types) >= {"notice.unconfirmed", "phishing.suspected", "campaign.paused"}
        assert all(len(k) <= 200 for k in session.scalars(select(Outbox.idempotency_key)))
