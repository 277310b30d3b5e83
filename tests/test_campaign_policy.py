"""The campaign state machine and the restriction policy, on a real SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from auditor.campaigns.policy import apply_notices, lift_expired, review_flags
from auditor.campaigns.state import Transitions, effective_state
from auditor.store import MessageRecord, open_store
from auditor.store.models import Campaign, CampaignEvent, Outbox
from rules.finding import Finding

T0 = datetime(2026, 11, 9, 8, 12, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    with store.transaction() as session:
        t = Transitions(session, ["hook"], T0)
        t.ensure("shop", "review-en", "free_form", "amazon.com", "config")
        t.ensure("shop", "review-de", "free_form", "amazon.de", "auto")
        t.ensure("shop", "amazon-rar", "amazon_request_a_review", None, "config")
        t.ensure("other", "review-en", "free_form", "amazon.com", "config")
    return store


def add_notice(
    store,
    kind="messaging_restriction",
    *,
    ends_at=None,
    permanent=False,
    authenticity="verified",
    received=T0,
    violations=(),
    marketplace=None,
    account="shop",
    mid="<n1@amazon.com>",
):
    record = MessageRecord(
        account=account,
        content_hash=f"h-{mid}",
        message_id=mid,
        source="test",
        key=mid,
        kind="notice",
        date=received,
        subject=f"{kind} notice",
        from_addr="x@amazon.com",
        to_addr="",
        marketplace=marketplace,
        language="en",
        campaign=None,
        order_ids=[],
        notice={
            "kind": kind,
            "message_id": mid,
            "subject": f"{kind} notice",
            "received_at": received.isoformat(),
            "marketplace": marketplace,
            "language": "en",
            "authenticity": authenticity,
            "starts_at": received.isoformat(),
            "ends_at": ends_at.isoformat() if ends_at else None,
            "permanent": permanent,
            "duration_stated": ends_at is not None,
            "violations": list(violations),
            "asins": [],
            "order_ids": [],
            "complaint_ids": [],
            "case_ids": [],
            "forwarded": False,
        },
    )
    store.record([record], None)


def apply(store, now=T0):
    with store.transaction() as session:
        t = Transitions(session, ["hook"], now)
        apply_notices(t)
        lift_expired(t)


def states(store, now=T0, account="shop"):
    with store.transaction() as session:
        return {
            c.name: (effective_state(c, now), c.until, c.manual_hold)
            for c in session.scalars(select(Campaign).where(Campaign.account == account))
        }


def outbox_types(store):
    with store.transaction() as session:
        return [row.event["type"] for row in session.scalars(select(Outbox).order_by(Outbox.id))]


def test_stated_period_pauses_free_form_and_resumes_at_ends_at(store):
    ends = T0 + timedelta(days=30)
    add_notice(store, ends_at=ends)
    apply(store)
    got = states(store)
    assert got["review-en"] == ("paused", ends, False)
    assert got["review-de"] == ("paused", ends, False)
    assert got["amazon-rar"][0] == "active"
    assert states(store, account="other")["review-en"][0] == "active"
    with store.transaction() as session:
        rar = session.scalar(select(Campaign).where(Campaign.name == "amazon-rar"))
        assert "Request a Review" in rar.reason
    assert outbox_types(store).count("campaign.paused") == 2
    # a gate asked after ends_at already says yes, before any run records the lift
    assert states(store, now=ends + timedelta(seconds=1))["review-en"][0] == "active"
    apply(store, now=ends - timedelta(minutes=1))
    assert states(store, now=ends - timedelta(minutes=1))["review-en"][0] == "paused"
    apply(store, now=ends + timedelta(minutes=1))
    assert states(store, now=ends + timedelta(minutes=1))["review-en"] == ("active", None, False)
    assert outbox_types(store).count("campaign.resumed") == 2
    with store.transaction() as session:
        events = session.scalars(select(CampaignEvent).order_by(CampaignEvent.id)).all()
        assert [(e.from_state, e.to_state, e.actor) for e in events][-1] == (
            "paused",
            "active",
            "schedule",
        )


def test_marketplace_restriction_only_pauses_that_marketplace(store):
    add_notice(store, ends_at=T0 + timedelta(days=14), marketplace="amazon.de")
    apply(store)
    got = states(store)
    assert got["review-de"][0] == "paused"
    assert got["review-en"][0] == "active"


def test_first_restriction_without_period_holds_with_assumption_and_alert(store):
    add_notice(store)
    apply(store)
    got = states(store, now=T0 + timedelta(days=60))
    assert got["review-en"] == ("paused", None, True)
    types = outbox_types(store)
    assert "restriction.assumed_period" in types
    with store.transaction() as session:
        alert = session.scalar(
            select(Outbox).where(Outbox.event["type"].as_string() == "restriction.assumed_period")
        )
        assert alert.event["assumed_until"].startswith("2026-12-09")
        campaign = session.scalar(
            select(Campaign).where(Campaign.name == "review-en", Campaign.account == "shop")
        )
        assert "usually lifts after 30 days" in campaign.reason


def test_second_restriction_permanent_and_templates_only_hold(store):
    add_notice(store, ends_at=T0 + timedelta(days=30), mid="<first@amazon.com>")
    apply(store)
    add_notice(
        store,
        ends_at=T0 + timedelta(days=50),
        received=T0 + timedelta(days=40),
        mid="<second@amazon.com>",
    )
    apply(store, now=T0 + timedelta(days=40))
    assert states(store, now=T0 + timedelta(days=90))["review-en"] == ("paused", None, True)


@pytest.mark.parametrize(
    ("kind", "permanent"), [("messaging_restriction", True), ("templates_only_restriction", False)]
)
def test_harder_sanctions_wait_for_a_person(store, kind, permanent):
    add_notice(store, kind, permanent=permanent, ends_at=None)
    apply(store)
    assert states(store, now=T0 + timedelta(days=365))["review-en"] == ("paused", None, True)


def test_suspicious_notice_changes_nothing_and_alerts(store):
    add_notice(store, ends_at=T0 + timedelta(days=30), authenticity="suspicious")
    apply(store)
    assert {s for s, _, _ in states(store).values()} == {"active"}
    assert outbox_types(store) == ["phishing.suspected"]
    apply(store)  # applying again queues nothing new
    assert outbox_types(store) == ["phishing.suspected"]


def test_unverified_restriction_flags_alerts_once_and_pauses_nothing(store):
    add_notice(store, ends_at=T0 + timedelta(days=30), authenticity="unverified")
    apply(store)
    got = states(store)
    assert got["review-en"] == ("flagged", None, False)
    assert got["review-de"] == ("flagged", None, False)
    assert got["amazon-rar"][0] == "active"
    assert states(store, account="other")["review-en"][0] == "active"
    alerts = [t for t in outbox_types(store) if t == "notice.unconfirmed"]
    assert alerts == ["notice.unconfirmed"]
    assert "campaign.paused" not in outbox_types(store)
    before = outbox_types(store)
    apply(store, now=T0 + timedelta(hours=1))
    assert outbox_types(store) == before  # a second run queues nothing new
    with store.transaction() as session:
        flag = session.scalar(select(Campaign).where(Campaign.name == "review-en")).flag_reason
    assert flag == "unverified restriction notice — confirm with 'auditor notices confirm 1'"


def test_confirmation_applies_an_unverified_restriction_once(store):
    ends = T0 + timedelta(days=30)
    add_notice(store, ends_at=ends, authenticity="unverified")
    apply(store)
    [notice] = store.find_notices("<n1@amazon.com>")
    assert [n.id for n in store.find_notices("n1@amazon.com")] == [notice.id]
    assert [n.id for n in store.find_notices(str(notice.id))] == [notice.id]
    assert store.find_notices("999") == store.find_notices("<other@amazon.com>") == []
    confirmation, new = store.confirm_notice(notice.id, "mia", "seen in Seller Central", T0)
    assert new and confirmation.by == "mia"
    assert store.confirm_notice(notice.id, "bob", None, T0)[1] is False  # idempotent
    later = T0 + timedelta(hours=2)
    apply(store, now=later)
    assert states(store, now=later)["review-en"] == ("paused", ends, False)
    assert outbox_types(store).count("campaign.paused") == 2
    apply(store, now=later + timedelta(minutes=5))
    assert outbox_types(store).count("campaign.paused") == 2  # once
    with store.transaction() as session:
        campaign = session.scalar(select(Campaign).where(Campaign.name == "review-en"))
        assert not campaign.flagged
        assert "confirmed by mia" in campaign.reason


def test_confirmation_before_the_first_run_applies_it_directly(store):
    add_notice(store, ends_at=T0 + timedelta(days=30), authenticity="suspicious")
    [notice] = store.find_notices("<n1@amazon.com>")
    store.confirm_notice(notice.id, "mia", None, T0)
    apply(store)
    assert states(store)["review-en"][0] == "paused"
    assert "phishing.suspected" not in outbox_types(store)


def test_unverified_restrictions_do_not_count_as_earlier_ones(store):
    """A forged unconfirmed restriction must not turn a later genuine one
    into a repeat that holds campaigns until a person resumes them."""
    add_notice(store, ends_at=T0 + timedelta(days=2), authenticity="unverified", mid="<f@x>")
    ends = T0 + timedelta(days=40)
    add_notice(store, ends_at=ends, received=T0 + timedelta(days=1))
    apply(store, now=T0 + timedelta(days=1))
    assert states(store, now=T0 + timedelta(days=1))["review-en"] == ("paused", ends, False)


def _sent(store, campaign, rule, severity="error", when=T0, mid="<m1@shop>"):
    finding = Finding(
        rule=rule,
        name="x",
        severity=severity,
        message_id=mid,
        campaign=campaign,
        order_id=None,
        date=when,
        subject="s",
        location="text",
        evidence="ev",
        source=f"test#{mid}",
    )
    record = MessageRecord(
        account="shop",
        content_hash=f"h{mid}",
        message_id=mid,
        source="test",
        key=mid,
        kind="sent",
        date=when,
        subject="s",
        from_addr="a@shop",
        to_addr="b@marketplace",
        marketplace="amazon.com",
        language="en",
        campaign=campaign,
        order_ids=[],
        findings=[finding] if rule else [],
    )
    store.record([record], None)


def test_named_violations_flag_and_stay_flagged_until_clean(store):
    _sent(store, "review-en", "BSM101", when=T0 - timedelta(days=3))
    ends = T0 + timedelta(days=30)
    add_notice(store, ends_at=ends, violations=["BSM101", "BSM401"])
    apply(store)
    with store.transaction() as session:
        campaign = session.scalar(
            select(Campaign).where(Campaign.name == "review-en", Campaign.account == "shop")
        )
        assert campaign.flagged and "BSM101" in campaign.flag_reason
        assert effective_state(campaign, T0) == "paused"
    later = ends + timedelta(hours=1)
    apply(store, now=later)
    with store.transaction() as session:
        review_flags(Transitions(session, [], later), "shop")
    assert states(store, now=later)["review-en"][0] == "flagged"  # old template still dirty
    _sent(store, "review-en", None, when=later, mid="<m2@shop>")  # a clean new message
    with store.transaction() as session:
        review_flags(Transitions(session, [], later), "shop")
    assert states(store, now=later)["review-en"][0] == "active"


def test_findings_and_complaints_flag(store):
    _sent(store, "review-de", "BSM201")
    with store.transaction() as session:
        review_flags(Transitions(session, ["hook"], T0), "shop")
    assert states(store)["review-de"][0] == "flagged"
    assert states(store)["review-en"][0] == "active"


def test_manual_pause_is_not_shortened_by_a_notice(store):
    with store.transaction() as session:
        t = Transitions(session, ["hook"], T0)
        campaign = t.campaign("shop", "review-en")
        assert t.pause(
            campaign, reason="checking templates", actor="person:ann", until=None, hold=True
        )
    add_notice(store, ends_at=T0 + timedelta(days=3))
    apply(store, now=T0 + timedelta(days=4))
    assert states(store, now=T0 + timedelta(days=4))["review-en"] == ("paused", None, True)


def test_every_event_has_one_outbox_row_per_action_with_stable_key(store):
    add_notice(store, ends_at=T0 + timedelta(days=30))
    with store.transaction() as session:
        t = Transitions(session, ["hook", "mail"], T0)
        apply_notices(t)
    with store.transaction() as session:
        rows = session.scalars(select(Outbox)).all()
        by_key = {}
        for row in rows:
            by_key.setdefault(row.idempotency_key, set()).add(row.action)
            assert row.event["idempotency_key"] == row.idempotency_key
        assert all(actions == {"hook", "mail"} for actions in by_key.values())
        assert len(by_key) == 2
