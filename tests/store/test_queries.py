"""auditor.store.queries: the questions the command line asks the store,
on real SQLite and PostgreSQL stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from auditor.campaigns.policy import RESTRICTIONS
from auditor.store import open_store
from auditor.store.models import Campaign, CampaignEvent, StoredMessage, StoredNotice
from auditor.store.queries import campaigns_named, campaigns_with_history, restriction_on_record

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 'store.db'}")
    return open_store(request.getfixturevalue("postgres")())


def add_campaigns(store, *pairs: tuple[str, str]) -> dict[tuple[str, str], int]:
    """(account, name) campaigns, stored in the order given; their ids."""
    with store.transaction() as session:
        rows = [Campaign(account=account, name=name) for account, name in pairs]
        session.add_all(rows)
        session.flush()
        return {(c.account, c.name): c.id for c in rows}


def test_campaigns_named_one_several_or_none(store):
    add_campaigns(store, ("shop-b", "review"), ("shop-a", "review"), ("shop-a", "welcome"))
    with store.transaction() as session:
        assert sorted(c.account for c in campaigns_named(session, "review")) == [
            "shop-a",
            "shop-b",
        ]
        [only] = campaigns_named(session, "review", "shop-b")
        assert (only.account, only.name) == ("shop-b", "review")
        assert campaigns_named(session, "review", "shop-c") == []
        assert campaigns_named(session, "nope") == []
        assert [c.account for c in campaigns_named(session, "welcome")] == ["shop-a"]


def test_campaigns_ordered_by_account_then_name_and_filtered(store):
    add_campaigns(store, ("shop-b", "a"), ("shop-a", "z"), ("shop-a", "b"))
    listed = campaigns_with_history(store)
    assert [(c.account, c.name) for c, _ in listed] == [
        ("shop-a", "b"),
        ("shop-a", "z"),
        ("shop-b", "a"),
    ]
    assert all(events == [] for _, events in listed)  # history not asked for
    assert [(c.account, c.name) for c, _ in campaigns_with_history(store, "shop-b")] == [
        ("shop-b", "a")
    ]
    assert campaigns_with_history(store, "shop-c") == []


def test_history_oldest_first_per_campaign_and_readable_after_the_transaction(store):
    ids = add_campaigns(store, ("shop-a", "review"), ("shop-a", "welcome"))
    review, welcome = ids[("shop-a", "review")], ids[("shop-a", "welcome")]
    with store.transaction() as session:
        for campaign_id, at, to in (
            (review, NOW, "active"),  # added first, happened last
            (review, NOW - timedelta(days=2), "paused"),
            (welcome, NOW - timedelta(days=1), "paused"),
        ):
            session.add(
                CampaignEvent(
                    campaign_id=campaign_id,
                    at=at,
                    from_state="x",
                    to_state=to,
                    cause="test",
                    actor="person:test",
                )
            )
    listed = {c.name: (c, events) for c, events in campaigns_with_history(store, history=True)}
    review_events = listed["review"][1]
    assert [(e.to_state, e.at) for e in review_events] == [
        ("paused", NOW - timedelta(days=2)),
        ("active", NOW),
    ]
    assert [e.to_state for e in listed["welcome"][1]] == ["paused"]
    assert listed["review"][0].state == "active"  # loaded: usable outside the session


def add_notice(store, kind: str, authenticity: str, ends_at: datetime | None) -> None:
    with store.transaction() as session:
        message = StoredMessage(
            account="shop-a", content_hash="0" * 64, source="test", key="1", kind="notice"
        )
        session.add(message)
        session.flush()
        session.add(
            StoredNotice(
                message=message.id,
                account="shop-a",
                kind=kind,
                authenticity=authenticity,
                ends_at=ends_at,
                data={},
            )
        )


@pytest.mark.parametrize(
    ("kind", "authenticity", "ends_in", "running"),
    [
        ("messaging_restriction", "verified", None, True),  # open-ended
        ("messaging_restriction", "verified", timedelta(days=3), True),
        ("templates_only_restriction", "unverified", timedelta(hours=1), True),
        ("messaging_restriction", "verified", timedelta(days=-1), False),  # over
        ("messaging_restriction", "verified", timedelta(0), False),  # ends now
        ("messaging_restriction", "suspicious", None, False),
        ("ip_complaint", "verified", None, False),  # not a restriction
    ],
)
def test_restriction_on_record(store, kind, authenticity, ends_in, running):
    assert restriction_on_record(store, RESTRICTIONS, NOW) is False  # empty store
    add_notice(store, kind, authenticity, None if ends_in is None else NOW + ends_in)
    assert restriction_on_record(store, RESTRICTIONS, NOW) is running
