"""The database schema (SQLAlchemy 2 declarative).

Everything that must outlive a process is here: several workers may share
one PostgreSQL database, so nothing important lives only in memory. Times are
stored as timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A DateTime that always comes back timezone-aware in UTC (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Run(Base):
    """One invocation of audit / run / daemon cycle."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    command: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class StoredMessage(Base):
    """A message seen once: enough to tell new from old and to re-link it
    later, never the whole body (notices keep their raw bytes, see Notice)."""

    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str | None] = mapped_column(String(998))
    source: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    folder: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))
    date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    subject: Mapped[str] = mapped_column(Text, default="")
    from_addr: Mapped[str] = mapped_column(String(320), default="")
    to_addr: Mapped[str] = mapped_column(String(320), default="")
    marketplace: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(8))
    campaign: Mapped[str | None] = mapped_column(String(200))
    order_ids: Mapped[list] = mapped_column(JSON, default=list)
    review_request: Mapped[bool] = mapped_column(Boolean, default=False)
    first_run: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    last_run: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    __table_args__ = (
        UniqueConstraint("account", "content_hash", name="uq_message_hash"),
        Index("ix_message_mid", "account", "message_id"),
        Index("ix_message_campaign", "account", "campaign"),
        # Findings of cross-message rules find their message by source and key.
        Index("ix_message_source_key", "account", "source", "key"),
    )


class StoredFinding(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    campaign: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(32))
    related: Mapped[list] = mapped_column(JSON, default=list)
    waived: Mapped[str | None] = mapped_column(Text)
    first_run: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    last_run: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    __table_args__ = (
        UniqueConstraint("message", "rule", "fingerprint", name="uq_finding"),
        Index("ix_finding_campaign", "account", "campaign", "severity"),
    )


class Campaign(Base):
    """A campaign and its current state (active / paused / flagged)."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), default="free_form")
    marketplace: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(10), default="auto")  # config | auto
    state: Mapped[str] = mapped_column(String(10), default="active")
    reason: Mapped[str | None] = mapped_column(Text)
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notice: Mapped[str | None] = mapped_column(String(998))
    manual_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str | None] = mapped_column(Text)
    #: when a person (or a clean audit) last cleared the flag: older complaints no longer count
    flag_cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("account", "name", name="uq_campaign"),)


class CampaignEvent(Base):
    """Every state change: when, from what to what, why, and who did it."""

    __tablename__ = "campaign_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    from_state: Mapped[str] = mapped_column(String(10))
    to_state: Mapped[str] = mapped_column(String(10))
    cause: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))  # notice | schedule | person:NAME
    notice: Mapped[str | None] = mapped_column(String(998))
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StoredNotice(Base):
    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    authenticity: Mapped[str] = mapped_column(String(12))
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    marketplace: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON, default=dict)  # the contract's Notice object
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    applied: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        UniqueConstraint("message", name="uq_notice_message"),
        Index("ix_notice_kind", "account", "kind"),
    )


class SyncState(Base):
    """IMAP checkpoint per account and folder: committed after every batch."""

    __tablename__ = "sync_state"
    account: Mapped[str] = mapped_column(String(200), primary_key=True)
    folder: Mapped[str] = mapped_column(String(500), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(Integer)
    last_uid: Mapped[int] = mapped_column(Integer, default=0)
    highestmodseq: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Outbox(Base):
    """Actions to deliver, written in the same transaction as the state
    change that caused them (transactional outbox): at-least-once delivery
    with a stable idempotency key."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(200))
    event: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (UniqueConstraint("idempotency_key", "action", name="uq_outbox_key"),)


class Lock(Base):
    """A named lease (the run lock): held until ``expires_at``, renewed while working."""

    __tablename__ = "locks"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NoticeConfirmation(Base):
    """A person's word that a notice not verified by a trusted server is
    Amazon's (``auditor notices confirm``): who, when, why. The next run
    applies the notice as if verified, once (``applied``)."""

    __tablename__ = "notice_confirmations"
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"))
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)
    applied: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (UniqueConstraint("notice_id", name="uq_notice_confirmation"),)


class AccountLease(Base):
    """One seller account's turn: who works on it (``holder`` until
    ``expires_at``), when it is next due, and how its last cycles went.

    Workers claim a due, unheld row with ``SELECT … FOR UPDATE SKIP LOCKED``
    (PostgreSQL), so any number of daemons share the accounts; a dead
    worker's account is claimed again once its lease expires.
    """

    __tablename__ = "account_leases"
    account: Mapped[str] = mapped_column(String(200), primary_key=True)
    #: only daemons started with this group (``--group``) claim the account
    worker_group: Mapped[str | None] = mapped_column(String(100))
    #: claimed before lighter accounts that are due at the same time
    weight: Mapped[int] = mapped_column(Integer, default=1)
    holder: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_success: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: seconds the last successful cycle took
    last_duration: Mapped[float | None] = mapped_column(Float)
    last_messages: Mapped[int] = mapped_column(Integer, default=0)
    cycles: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_account_lease_due", "due_at"),)


class GateDecision(Base):
    """What the send gate (``auditor milter`` / ``auditor relay``) decided for
    one outgoing buyer message, before it was sent: ``auditor audit`` reports
    what was stopped, and BSM304 counts accepted review requests."""

    __tablename__ = "gate_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    account: Mapped[str] = mapped_column(String(200))
    front: Mapped[str] = mapped_column(String(10))  # milter | relay
    message_hash: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str | None] = mapped_column(String(998))
    campaign: Mapped[str | None] = mapped_column(String(200))
    marketplace: Mapped[str | None] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(10))  # accept | reject | tempfail | hold | header
    reason: Mapped[str] = mapped_column(String(40))
    rules: Mapped[list] = mapped_column(JSON, default=list)
    order_ids: Mapped[list] = mapped_column(JSON, default=list)
    review_request: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        Index("ix_gate_account_at", "account", "at"),
        Index("ix_gate_hash", "account", "message_hash"),
    )


class GateOrder(Base):
    """An order a review request the gate let through was about (BSM304
    looks orders up here instead of scanning every decision)."""

    __tablename__ = "gate_orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    order_id: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(998))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __table_args__ = (Index("ix_gate_order", "account", "order_id"),)


class Buyer(Base):
    """A buyer of one seller account, by anonymised relay address
    (``…@marketplace.amazon.de``), and whether they may still be solicited."""

    __tablename__ = "buyers"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(320))
    marketplace: Mapped[str | None] = mapped_column(String(40))
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    complained_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("account", "address", name="uq_buyer"),)


class Order(Base):
    """An order as Amazon's mails tell it: its dates, and what closes it to
    proactive messages (refund, return, opt-out, complaint). Each date is the
    earliest learnt; :class:`OrderEventRecord` keeps the mails."""

    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    order_id: Mapped[str] = mapped_column(String(19))
    marketplace: Mapped[str | None] = mapped_column(String(40))
    buyer: Mapped[str | None] = mapped_column(String(320))
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    complained_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("account", "order_id", name="uq_order"),
        Index("ix_order_buyer", "account", "buyer"),
    )


class OrderEventRecord(Base):
    """One fact about an order or buyer and the mail it was learnt from
    (``order_id`` "" for a buyer-wide fact, ``buyer`` "" when unnamed)."""

    __tablename__ = "order_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    order_id: Mapped[str] = mapped_column(String(19), default="")
    buyer: Mapped[str] = mapped_column(String(320), default="")
    kind: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str] = mapped_column(String(998))
    subject: Mapped[str] = mapped_column(Text, default="")
    marketplace: Mapped[str | None] = mapped_column(String(40))
    authenticity: Mapped[str] = mapped_column(String(12))
    evidence: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        UniqueConstraint(
            "account", "kind", "order_id", "buyer", "message_id", name="uq_order_event"
        ),
        Index("ix_order_event_order", "account", "order_id"),
        Index("ix_order_event_buyer", "account", "buyer"),
        Index("ix_order_event_kind", "account", "kind"),
    )
