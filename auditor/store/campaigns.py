"""The store's questions and writes for campaign state (``auditor.campaigns``).

The campaign policy runs inside one transaction: ``with store.transaction()
as session:`` hands it a session, and it passes that session to these
functions, which build every query. Rows come back as the mapped objects of
:mod:`auditor.store.models`; the policy changes their attributes and the
transaction writes them. On PostgreSQL, rows that several workers may change
are read ``FOR UPDATE`` (``SKIP LOCKED`` where another worker may take them
instead); SQLite has one writer at a time anyway.

:class:`CampaignRecords`, mixed into :class:`auditor.store.Store`, answers
the few questions asked outside a transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditor.notices.groups import RESTRICTIONS
from auditor.store.errors import surfaces_errors
from auditor.store.models import (
    Campaign,
    CampaignEvent,
    NoticeConfirmation,
    Outbox,
    Run,
    StoredFinding,
    StoredMessage,
    StoredNotice,
)

#: The stored states of a campaign (see auditor.campaigns.state).
ACTIVE, PAUSED, FLAGGED = "active", "paused", "flagged"

__all__ = [
    "ACTIVE",
    "FLAGGED",
    "PAUSED",
    "RESTRICTIONS",
    "CampaignRecords",
    "Session",
]


def _postgres(session: Session) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


def _acts_by_itself() -> Any:
    """The condition of a notice that changes campaign state: verified, or
    confirmed by a person (``auditor notices confirm``)."""
    return (StoredNotice.authenticity == "verified") | StoredNotice.id.in_(
        select(NoticeConfirmation.notice_id)
    )


# -- campaigns -------------------------------------------------------------------
def campaign(session: Session, account: str, name: str, lock: bool = False) -> Campaign | None:
    """The stored campaign ``name`` of ``account``, or None; with ``lock``,
    locked for this transaction on PostgreSQL."""
    query = select(Campaign).where(Campaign.account == account, Campaign.name == name)
    if lock and _postgres(session):
        query = query.with_for_update()
    return session.scalar(query)


def campaigns(session: Session, account: str, marketplace: str | None = None) -> list[Campaign]:
    """The campaigns of ``account`` by name; with ``marketplace``, those of
    that marketplace or of none."""
    query = select(Campaign).where(Campaign.account == account).order_by(Campaign.name)
    found = list(session.scalars(query))
    if marketplace:
        found = [c for c in found if c.marketplace in (None, marketplace)]
    return found


def campaigns_not_in(session: Session, state: str) -> list[Campaign]:
    """Every stored campaign whose stored state is not ``state``, by account and name."""
    query = select(Campaign).where(Campaign.state != state)
    return list(session.scalars(query.order_by(Campaign.account, Campaign.name)))


def pauses_ended(session: Session, now: datetime) -> list[Campaign]:
    """The paused campaigns whose pause has an end (not a hold) at or before
    ``now``; on PostgreSQL locked, skipping those another worker holds."""
    query = select(Campaign).where(
        Campaign.state == PAUSED,
        Campaign.manual_hold.is_(False),
        Campaign.until.is_not(None),
        Campaign.until <= now,
    )
    if _postgres(session):
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))


def add_campaign(session: Session, **fields: Any) -> Campaign:
    """A new campaign row with ``fields`` (see :class:`Campaign`), flushed so it has its id."""
    row = Campaign(**fields)
    session.add(row)
    session.flush()
    return row


def add_event(session: Session, **fields: Any) -> CampaignEvent:
    """A new campaign event with ``fields`` (see :class:`CampaignEvent`),
    flushed so it has its id."""
    event = CampaignEvent(**fields)
    session.add(event)
    session.flush()
    return event


def last_event(session: Session, campaign_id: int) -> CampaignEvent | None:
    """The newest event of campaign row ``campaign_id``, or None."""
    return session.scalar(
        select(CampaignEvent)
        .where(CampaignEvent.campaign_id == campaign_id)
        .order_by(CampaignEvent.at.desc(), CampaignEvent.id.desc())
        .limit(1)
    )


# -- the outbox, written with the state change -------------------------------------
def queue_event(
    session: Session, key: str, actions: Iterable[str], payload: dict[str, Any], now: datetime
) -> None:
    """One outbox row per action for the event ``payload``, all under the
    idempotency ``key``, due at ``now``; delivered by auditor.actions."""
    for action in actions:
        session.add(
            Outbox(
                idempotency_key=key,
                action=action,
                event=payload,
                created_at=now,
                next_attempt_at=now,
            )
        )


def queued(session: Session, key: str) -> bool:
    """Whether the outbox holds an event under idempotency ``key``."""
    found = session.scalar(select(Outbox.id).where(Outbox.idempotency_key == key).limit(1))
    return found is not None


# -- notices and confirmations ------------------------------------------------------
def notice(session: Session, notice_id: int) -> StoredNotice | None:
    """Stored notice number ``notice_id``, or None."""
    return session.get(StoredNotice, notice_id)


def unapplied_notices(
    session: Session, accounts: Sequence[str] | None = None
) -> list[StoredNotice]:
    """The notices not yet applied to campaigns (of ``accounts``, if given),
    oldest first; on PostgreSQL locked, skipping those another worker holds."""
    query = select(StoredNotice).where(StoredNotice.applied.is_(False))
    if accounts is not None:
        query = query.where(StoredNotice.account.in_(list(accounts)))
    query = query.order_by(StoredNotice.received_at, StoredNotice.id)
    if _postgres(session):
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))


def confirmation(session: Session, notice_id: int) -> NoticeConfirmation | None:
    """A person's confirmation of notice ``notice_id``, or None."""
    return session.scalar(
        select(NoticeConfirmation).where(NoticeConfirmation.notice_id == notice_id)
    )


def unapplied_confirmations(
    session: Session, accounts: Sequence[str] | None = None
) -> list[NoticeConfirmation]:
    """Confirmations not yet applied of notices that were (confirmed after
    they were read), oldest notice first; of ``accounts`` if given. On
    PostgreSQL the confirmations are locked, skipping those another worker holds."""
    query = (
        select(NoticeConfirmation)
        .join(StoredNotice, StoredNotice.id == NoticeConfirmation.notice_id)
        .where(NoticeConfirmation.applied.is_(False), StoredNotice.applied.is_(True))
        .order_by(StoredNotice.received_at, StoredNotice.id)
    )
    if accounts is not None:
        query = query.where(StoredNotice.account.in_(list(accounts)))
    if _postgres(session):
        query = query.with_for_update(of=NoticeConfirmation, skip_locked=True)
    return list(session.scalars(query))


def earlier_restrictions(session: Session, notice: StoredNotice) -> int:
    """How many restrictions that act by themselves (verified or confirmed)
    the account received strictly before ``notice``."""
    return (
        session.scalar(
            select(func.count(StoredNotice.id)).where(
                StoredNotice.account == notice.account,
                StoredNotice.kind.in_(RESTRICTIONS),
                _acts_by_itself(),
                StoredNotice.id != notice.id,
                StoredNotice.received_at < notice.received_at,
            )
        )
        or 0
    )


def running_restrictions(session: Session, account: str, now: datetime) -> list[StoredNotice]:
    """The restrictions of ``account`` that act by themselves (verified or
    confirmed) and have not ended at ``now`` (or state no end)."""
    query = select(StoredNotice).where(
        StoredNotice.account == account,
        StoredNotice.kind.in_(RESTRICTIONS),
        _acts_by_itself(),
        (StoredNotice.ends_at.is_(None)) | (StoredNotice.ends_at > now),
    )
    return list(session.scalars(query))


def pending_restrictions(session: Session, account: str) -> list[StoredNotice]:
    """The restrictions of ``account`` that act by themselves and that the
    next run applies: not applied yet, or confirmed since; oldest first."""
    confirmed_since = select(NoticeConfirmation.notice_id).where(
        NoticeConfirmation.applied.is_(False)
    )
    query = (
        select(StoredNotice)
        .where(
            StoredNotice.account == account,
            StoredNotice.kind.in_(RESTRICTIONS),
            _acts_by_itself(),
            StoredNotice.applied.is_(False) | StoredNotice.id.in_(confirmed_since),
        )
        .order_by(StoredNotice.received_at, StoredNotice.id)
    )
    return list(session.scalars(query))


# -- findings behind flags -----------------------------------------------------------
def campaigns_with_errors(session: Session, account: str, rules: Sequence[str]) -> set[str]:
    """Names of the campaigns of ``account`` with an error-level, unwaived
    finding of one of ``rules``."""
    return set(
        session.scalars(
            select(StoredFinding.campaign)
            .where(
                StoredFinding.account == account,
                StoredFinding.rule.in_(list(rules)),
                StoredFinding.severity == "error",
                StoredFinding.waived.is_(None),
                StoredFinding.campaign.is_not(None),
            )
            .distinct()
        )
    )


def newest_message(session: Session, account: str, campaign_name: str) -> int | None:
    """The row id of the newest stored message of campaign ``campaign_name``, or None."""
    return session.scalar(
        select(StoredMessage.id)
        .where(StoredMessage.account == account, StoredMessage.campaign == campaign_name)
        .order_by(StoredMessage.date.desc(), StoredMessage.id.desc())
        .limit(1)
    )


def error_rules(session: Session, message: int) -> list[str]:
    """The rules of the unwaived error-level findings on message row ``message``, sorted."""
    return sorted(
        set(
            session.scalars(
                select(StoredFinding.rule).where(
                    StoredFinding.message == message,
                    StoredFinding.waived.is_(None),
                    StoredFinding.severity == "error",
                )
            )
        )
    )


def complaints(
    session: Session, account: str, campaign_name: str, rule: str, since: datetime | None
) -> int:
    """How many unwaived findings of ``rule`` (a buyer complaint) the
    campaign has; with ``since``, only those first seen by a run started after it."""
    query = select(func.count(StoredFinding.id)).where(
        StoredFinding.account == account,
        StoredFinding.campaign == campaign_name,
        StoredFinding.rule == rule,
        StoredFinding.waived.is_(None),
    )
    if since is not None:
        query = query.join(Run, Run.id == StoredFinding.first_run).where(Run.started_at > since)
    return session.scalar(query) or 0


class CampaignRecords:
    """Campaign questions asked outside the policy's transaction. Needs
    ``transaction()`` of the store it is mixed into."""

    def transaction(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    @surfaces_errors
    def campaigns_of(self, accounts: Iterable[str]) -> list[Campaign]:
        """The stored campaigns of ``accounts`` (detached), by account and name."""
        with self.transaction() as session:
            query = select(Campaign).where(Campaign.account.in_(sorted(set(accounts))))
            return list(session.scalars(query.order_by(Campaign.account, Campaign.name)))
