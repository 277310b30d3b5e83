"""The store's named questions for the later stages (campaigns, actions, the
daemon, the gate), on a real SQLite file, and the one exception type a
failing database surfaces as."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from auditor.errors import StoreError
from auditor.store import Store, StoreUnavailable, open_store
from auditor.store import campaigns as records
from auditor.store.models import Outbox, Run

NOW = datetime(2026, 11, 9, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'store.db'}")


def _event(key: str, campaign: str | None, account: str = "shop") -> dict:
    return {
        "type": "campaign.paused",
        "account": account,
        "campaign": campaign,
        "idempotency_key": key,
    }


def _queue(store: Store, key: str, campaign: str | None, account: str = "shop") -> None:
    with store.transaction() as session:
        records.queue_event(session, key, ["hook"], _event(key, campaign, account), NOW)


def _ids(store: Store) -> dict[str, int]:
    """Idempotency key -> outbox row id, read directly."""
    with store.transaction() as session:
        return {
            r.idempotency_key: r.id for r in session.scalars(select(Outbox).order_by(Outbox.id))
        }


def test_outbox_rows_wait_for_their_campaign_and_are_claimed_once(store: Store) -> None:
    _queue(store, "a1", "summer")
    _queue(store, "a2", "summer")
    _queue(store, "b1", "winter")
    _queue(store, "alert", None)
    _queue(store, "other-account", "summer", account="shop-eu")
    ids = _ids(store)
    assert list(ids) == ["a1", "a2", "b1", "alert", "other-account"]
    with store.transaction() as session:
        assert records.queued(session, "a1") and not records.queued(session, "a")
    assert store.claim_outbox(ids["a1"], NOW - timedelta(seconds=1), NOW) is None  # not due
    assert store.due_outbox(NOW - timedelta(seconds=1), 100) == []
    assert [pk for pk, _ in store.due_outbox(NOW, 2)] == [ids["a1"], ids["a2"]]

    assert store.outbox_waits(ids["a1"]) is False
    assert store.outbox_waits(ids["a2"]) is True  # a1, same campaign, is older
    assert store.outbox_waits(ids["b1"]) is False
    assert store.outbox_waits(ids["alert"]) is False  # alerts never wait
    assert store.outbox_waits(ids["other-account"]) is False
    assert store.outbox_waits(999) is None

    lease = NOW + timedelta(minutes=2)
    row = store.claim_outbox(ids["a1"], NOW, lease)
    assert row is not None and row.idempotency_key == "a1" and row.lease_until == lease
    assert store.claim_outbox(ids["a1"], NOW, lease) is None  # leased: one worker only
    assert store.claim_outbox(ids["a1"], lease + timedelta(seconds=1), lease) is not None

    store.finish_outbox(ids["a1"], attempted=True, delivered_at=NOW)
    assert store.undelivered_outbox() == 4
    assert store.outbox_waits(ids["a1"]) is None
    assert store.outbox_waits(ids["a2"]) is False
    # a late worker's outcome does not undo a delivery
    store.finish_outbox(ids["a1"], attempted=True, last_error="late", next_attempt_at=NOW)
    delivered = store.claim_outbox(ids["a1"], NOW + timedelta(days=1), NOW + timedelta(days=2))
    assert delivered is None

    retry = NOW + timedelta(seconds=30)
    store.finish_outbox(ids["b1"], attempted=True, last_error="503", next_attempt_at=retry)
    assert ids["b1"] not in [pk for pk, _ in store.due_outbox(NOW, 100)]
    row = store.claim_outbox(ids["b1"], retry, retry + timedelta(minutes=2))
    assert row is not None and (row.attempts, row.last_error) == (1, "503")
    store.finish_outbox(ids["b1"], attempted=False, delivered_at=retry, last_error="skipped")
    assert store.undelivered_outbox() == 3


def test_last_run_started(store: Store) -> None:
    assert store.last_run_started("nightly") is None
    first = store.start_run("nightly")
    store.finish_run(first, "ok", {})
    failed = store.start_run("nightly")
    store.finish_run(failed, "failed", {})
    other = store.start_run("run")
    store.finish_run(other, "ok", {})
    with store.transaction() as session:
        started = {pk: session.get(Run, pk).started_at for pk in (first, failed, other)}
    assert store.last_run_started("nightly") == started[first]
    assert store.last_run_started("nightly", status="failed") == started[failed]
    assert store.last_run_started("run") == started[other]


def test_campaigns_of_accounts(store: Store) -> None:
    with store.transaction() as session:
        for account, name in [("shop", "b"), ("shop", "a"), ("eu", "c"), ("other", "d")]:
            records.add_campaign(
                session,
                account=account,
                name=name,
                kind="free_form",
                origin="auto",
                state=records.ACTIVE,
                updated_at=NOW,
            )
    found = [(c.account, c.name) for c in store.campaigns_of({"shop", "eu"})]
    assert found == [("eu", "c"), ("shop", "a"), ("shop", "b")]
    assert store.campaigns_of([]) == []
    with store.transaction() as session:
        assert records.campaign(session, "shop", "a", lock=True).name == "a"
        assert records.campaign(session, "shop", "zz") is None
        assert [c.name for c in records.campaigns(session, "shop")] == ["a", "b"]


def _break(store: Store) -> None:
    """The database file replaced by a directory: every new connection fails."""
    path = Path(store.engine.url.database)
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()
    store.engine.dispose()


@pytest.mark.parametrize(
    "ask",
    [
        lambda s: s.gate_campaign("shop", "summer"),
        lambda s: s.gate_restriction("shop", "amazon.de", NOW),
        lambda s: s.review_requests_after("shop", 0),
        lambda s: s.gate_review_requests("shop", ["302-1234567-1234567"]),
        lambda s: s.record_gate_decision(
            account="shop",
            front="milter",
            at=NOW,
            message_hash="0" * 64,
            decision="accept",
            reason="",
            rules=[],
            order_ids=[],
        ),
        lambda s: s.solicit_events("shop", "buyer@marketplace.amazon.de", ["302-1234567-1234567"]),
        lambda s: s.campaigns_of(["shop"]),
    ],
    ids=["campaign", "restriction", "audited", "gate-orders", "record", "solicit", "campaigns"],
)
def test_a_failing_database_surfaces_as_store_unavailable(store: Store, ask) -> None:
    ask(store)  # works while the database is there
    _break(store)
    with pytest.raises(StoreUnavailable) as caught:
        ask(store)
    assert isinstance(caught.value, StoreError)
    assert not isinstance(caught.value, SQLAlchemyError)
    assert isinstance(caught.value.__cause__, SQLAlchemyError)
    text = str(caught.value)
    assert text.startswith("store unavailable: ") and "\n" not in text and len(text) < 330
