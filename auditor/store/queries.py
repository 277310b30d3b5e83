"""Read-only questions the command line asks the store about campaigns and
restrictions, by name, so that no command builds a query.

Functions that take a :class:`~sqlalchemy.orm.Session` are for a caller
already inside ``store.transaction()`` that goes on to change what it read
(``auditor pause``); the others open their own transaction and return rows
that stay readable after it (the store's sessions do not expire on commit).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.store.models import Campaign, CampaignEvent, StoredNotice
from auditor.store.store import Store


def campaigns_named(session: Session, name: str, account: str | None = None) -> list[Campaign]:
    """Every stored campaign called ``name`` (of ``account`` only, when given):
    none, one, or one per account that has a campaign of that name."""
    query = select(Campaign).where(Campaign.name == name)
    if account:
        query = query.where(Campaign.account == account)
    return list(session.scalars(query))


def campaigns_with_history(
    store: Store, account: str | None = None, history: bool = False
) -> list[tuple[Campaign, list[CampaignEvent]]]:
    """The stored campaigns (of ``account`` only, when given) ordered by
    account and name, each with its state changes oldest first when
    ``history`` is asked for (else an empty list)."""
    query = select(Campaign).order_by(Campaign.account, Campaign.name)
    if account:
        query = query.where(Campaign.account == account)
    with store.transaction() as session:
        found = list(session.scalars(query))
        return [(c, _events(session, c.id) if history else []) for c in found]


def _events(session: Session, campaign_id: int) -> list[CampaignEvent]:
    return list(
        session.scalars(
            select(CampaignEvent)
            .where(CampaignEvent.campaign_id == campaign_id)
            .order_by(CampaignEvent.at, CampaignEvent.id)
        )
    )


def restriction_on_record(store: Store, kinds: Iterable[str], now: datetime) -> bool:
    """True when the store holds a notice of one of ``kinds`` (restriction
    kinds), of any account, not judged suspicious, still running at ``now``
    (open-ended or ending later)."""
    with store.transaction() as session:
        found = session.scalar(
            select(StoredNotice.id)
            .where(
                StoredNotice.kind.in_(tuple(kinds)),
                StoredNotice.authenticity != "suspicious",
                (StoredNotice.ends_at.is_(None)) | (StoredNotice.ends_at > now),
            )
            .limit(1)
        )
    return found is not None
