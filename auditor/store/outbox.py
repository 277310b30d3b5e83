"""The store's side of action delivery (``auditor.actions.outbox``): which
outbox rows are due, claiming one with an atomic lease, and recording the
outcome. Mixed into :class:`auditor.store.Store`; each method is its own
short transaction, so no database lock is held while an action delivers.

A row is *due* when it is undelivered, its ``next_attempt_at`` has come and
no unexpired lease holds it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from auditor.store.models import Outbox


def _due(moment: datetime) -> tuple[Any, ...]:
    return (
        Outbox.delivered_at.is_(None),
        Outbox.next_attempt_at <= moment,
        or_(Outbox.lease_until.is_(None), Outbox.lease_until < moment),
    )


def _thread(event: Any) -> tuple[Any, Any] | None:
    """(account, campaign) of an event about a campaign, None for an alert."""
    if not isinstance(event, dict) or not event.get("campaign"):
        return None
    return (event.get("account"), event.get("campaign"))


class OutboxQueue:
    """Needs ``transaction()`` of the store it is mixed into."""

    def transaction(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def due_outbox(self, moment: datetime, limit: int) -> list[tuple[int, str]]:
        """(row id, action name) of up to ``limit`` rows due at ``moment``, oldest first."""
        with self.transaction() as session:
            query = select(Outbox.id, Outbox.action).where(*_due(moment)).order_by(Outbox.id)
            return [(pk, action) for pk, action in session.execute(query.limit(limit))]

    def outbox_waits(self, row_id: int) -> bool | None:
        """Whether undelivered row ``row_id`` must wait for an older
        undelivered row of the same action about the same account and
        campaign (events of one campaign reach an action in order; alerts
        never wait). None when the row is gone or already delivered."""
        with self.transaction() as session:
            row = session.get(Outbox, row_id)
            if row is None or row.delivered_at is not None:
                return None
            thread = _thread(row.event)
            if thread is None:
                return False
            older = session.scalars(
                select(Outbox.event).where(
                    Outbox.action == row.action,
                    Outbox.id < row_id,
                    Outbox.delivered_at.is_(None),
                )
            )
            return any(_thread(event) == thread for event in older)

    def claim_outbox(self, row_id: int, moment: datetime, lease_until: datetime) -> Outbox | None:
        """Lease row ``row_id`` until ``lease_until`` if it is still due at
        ``moment``, with one atomic ``UPDATE``: of several workers racing for
        it exactly one gets the row (detached), the others None."""
        with self.transaction() as session:
            claimed = session.execute(
                update(Outbox)
                .where(Outbox.id == row_id, *_due(moment))
                .values(lease_until=lease_until)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:
                return None
            return session.get(Outbox, row_id)

    def finish_outbox(
        self,
        row_id: int,
        *,
        attempted: bool,
        delivered_at: datetime | None = None,
        last_error: str | None = None,
        next_attempt_at: datetime | None = None,
    ) -> None:
        """Record the outcome of claimed row ``row_id`` and drop its lease:
        ``attempted`` counts one more delivery attempt, ``delivered_at``
        marks it done, ``last_error`` and ``next_attempt_at`` are set when
        given. A row delivered meanwhile (by a worker whose lease ran out) is
        left as it is."""
        values: dict[str, Any] = {"lease_until": None}
        if attempted:
            values["attempts"] = Outbox.attempts + 1
        if delivered_at is not None:
            values["delivered_at"] = delivered_at
        if last_error is not None:
            values["last_error"] = last_error
        if next_attempt_at is not None:
            values["next_attempt_at"] = next_attempt_at
        with self.transaction() as session:
            session.execute(
                update(Outbox)
                .where(Outbox.id == row_id, Outbox.delivered_at.is_(None))
                .values(**values)
                .execution_options(synchronize_session=False)
            )

    def undelivered_outbox(self) -> int:
        """How many outbox rows are not delivered yet, due or not."""
        with self.transaction() as session:
            query = select(func.count()).select_from(Outbox).where(Outbox.delivered_at.is_(None))
            return session.scalar(query) or 0
