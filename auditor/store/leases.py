"""Per-account leases (``account_leases``): how several workers share many
seller accounts through nothing but the database.

* :meth:`Leases.register` makes one row per configured account (due now)
  and keeps its ``worker_group`` and ``weight`` in step with the config.
* :meth:`Leases.claim` takes the most urgent due account nobody holds (or
  whose holder's lease expired: a dead worker) — on PostgreSQL with
  ``SELECT … FOR UPDATE SKIP LOCKED``, so workers never queue behind each
  other's row locks; everywhere with a conditional ``UPDATE`` whose row count
  says who won, so two claims of one account can never both succeed.
* :meth:`Leases.renew` extends a lease while a long sync runs;
  :meth:`Leases.finish` releases it with the outcome and the next due time.

Times are the wall clock (``utcnow``), not ``AUDITOR_NOW``: leases measure
real elapsed time, like the run lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update

from auditor.store.models import AccountLease, Campaign, StoredNotice, utcnow
from auditor.store.store import Store

#: ``claim(group=ANY)``: any account, pinned or not (``auditor run``)
ANY = "\x00any"


@dataclass(frozen=True)
class AccountSettings:
    """What the config says about one account's scheduling."""

    worker_group: str | None = None
    weight: int = 1


class Leases:
    """The ``account_leases`` table of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def register(self, accounts: Mapping[str, AccountSettings]) -> None:
        """One row per account (new ones due now); group and weight follow the config."""
        if not accounts:
            return
        now = utcnow()
        with self.store.transaction() as session:
            known = {
                row.account: row
                for row in session.scalars(
                    select(AccountLease).where(AccountLease.account.in_(sorted(accounts)))
                )
            }
            missing = [
                {
                    "account": name,
                    "worker_group": settings.worker_group,
                    "weight": settings.weight,
                    "due_at": now,
                    "last_messages": 0,
                    "cycles": 0,
                    "errors": 0,
                }
                for name, settings in accounts.items()
                if name not in known
            ]
            if missing:
                session.execute(
                    self.store._insert(AccountLease).on_conflict_do_nothing(
                        index_elements=["account"]
                    ),
                    missing,
                )
            for name, row in known.items():
                settings = accounts[name]
                if (row.worker_group, row.weight) != (settings.worker_group, settings.weight):
                    session.execute(
                        update(AccountLease)
                        .where(AccountLease.account == name)
                        .values(worker_group=settings.worker_group, weight=settings.weight)
                    )

    def claim(
        self,
        holder: str,
        ttl: timedelta,
        *,
        group: str | None = None,
        accounts: Iterable[str] | None = None,
        due: bool = True,
    ) -> str | None:
        """Take one account: due (unless ``due=False``), free or expired, of
        ``group`` or unpinned (a worker without a group takes unpinned ones
        only), among ``accounts`` when given. Returns its name, or None."""
        for _ in range(5):  # only SQLite can lose a race here; then try the next row
            now = utcnow()
            free = or_(AccountLease.holder.is_(None), AccountLease.expires_at < now)
            query = select(AccountLease.account).where(free)
            if due:
                query = query.where(AccountLease.due_at <= now)
            if group is None:
                query = query.where(AccountLease.worker_group.is_(None))
            elif group != ANY:
                query = query.where(
                    or_(AccountLease.worker_group == group, AccountLease.worker_group.is_(None))
                )
            if accounts is not None:
                query = query.where(AccountLease.account.in_(sorted(set(accounts))))
            query = query.order_by(
                AccountLease.weight.desc(), AccountLease.due_at, AccountLease.account
            ).limit(1)
            if self.store.dialect == "postgresql":
                query = query.with_for_update(skip_locked=True)
            with self.store.transaction() as session:
                name = session.scalar(query)
                if name is None:
                    return None
                taken = session.execute(
                    update(AccountLease)
                    .where(AccountLease.account == name, free)
                    .values(holder=holder, claimed_at=now, expires_at=now + ttl)
                )
                if taken.rowcount == 1:
                    return name
        return None

    def renew(self, account: str, holder: str, ttl: timedelta) -> bool:
        """Extend the lease; False when it is no longer ours (it expired and
        another worker took the account)."""
        with self.store.transaction() as session:
            result = session.execute(
                update(AccountLease)
                .where(AccountLease.account == account, AccountLease.holder == holder)
                .values(expires_at=utcnow() + ttl)
            )
            return result.rowcount == 1

    def finish(
        self,
        account: str,
        holder: str,
        *,
        next_due: datetime,
        error: str | None = None,
        duration: float | None = None,
        messages: int = 0,
    ) -> bool:
        """Release the lease with the cycle's outcome. False when the lease
        had been lost (the outcome is then not recorded: the new holder's is)."""
        now = utcnow()
        values: dict[str, Any] = {
            "holder": None,
            "expires_at": None,
            "due_at": next_due,
            "cycles": AccountLease.cycles + 1,
        }
        if error is None:
            values.update(last_success=now, last_duration=duration, last_messages=messages)
        else:
            values.update(last_error=error[:500], last_error_at=now, errors=AccountLease.errors + 1)
        with self.store.transaction() as session:
            result = session.execute(
                update(AccountLease)
                .where(AccountLease.account == account, AccountLease.holder == holder)
                .values(**values)
            )
            return result.rowcount == 1

    def release(self, account: str, holder: str) -> None:
        """Give the account back untouched (the cycle did not run)."""
        with self.store.transaction() as session:
            session.execute(
                update(AccountLease)
                .where(AccountLease.account == account, AccountLease.holder == holder)
                .values(holder=None, expires_at=None)
            )

    def make_due(self, accounts: Iterable[str] | None = None) -> None:
        """Bring accounts' next cycle forward to now (new mail, a nightly audit)."""
        with self.store.transaction() as session:
            query = update(AccountLease).values(due_at=utcnow())
            if accounts is not None:
                query = query.where(AccountLease.account.in_(sorted(set(accounts))))
            session.execute(query)

    def next_due(self, group: str | None = None) -> datetime | None:
        """When the earliest account this worker may take is due."""
        with self.store.transaction() as session:
            query = select(func.min(AccountLease.due_at))
            if group is None:
                query = query.where(AccountLease.worker_group.is_(None))
            else:
                query = query.where(
                    or_(AccountLease.worker_group == group, AccountLease.worker_group.is_(None))
                )
            return session.scalar(query)

    def status(self, restriction_kinds: Iterable[str], now: datetime) -> list[dict[str, Any]]:
        """Every account's row, with its active restriction (a notice of one
        of ``restriction_kinds``, not suspicious, not ended at ``now``) and
        its paused campaigns; what ``auditor accounts`` shows."""
        kinds = list(restriction_kinds)
        wall = utcnow()
        rows: list[dict[str, Any]] = []
        with self.store.transaction() as session:
            leases = list(session.scalars(select(AccountLease).order_by(AccountLease.account)))
            restrictions: dict[str, StoredNotice] = {}
            for notice in session.scalars(
                select(StoredNotice)
                .where(
                    StoredNotice.kind.in_(kinds),
                    StoredNotice.authenticity != "suspicious",
                    or_(StoredNotice.ends_at.is_(None), StoredNotice.ends_at > now),
                    or_(StoredNotice.starts_at.is_(None), StoredNotice.starts_at <= now),
                )
                .order_by(StoredNotice.received_at, StoredNotice.id)
            ):
                restrictions[notice.account] = notice
            paused = dict(
                session.execute(
                    select(Campaign.account, func.count(Campaign.id))
                    .where(
                        Campaign.state == "paused",
                        or_(Campaign.until.is_(None), Campaign.until > now),
                    )
                    .group_by(Campaign.account)
                ).all()
            )
            for lease in leases:
                held = (
                    lease.holder is not None
                    and lease.expires_at is not None
                    and (lease.expires_at >= wall)
                )
                notice = restrictions.get(lease.account)
                rows.append(
                    {
                        "account": lease.account,
                        "worker_group": lease.worker_group,
                        "weight": lease.weight,
                        "holder": lease.holder if held else None,
                        "lease_expires_at": _iso(lease.expires_at) if held else None,
                        "due_at": _iso(lease.due_at),
                        "last_success": _iso(lease.last_success),
                        "lag_seconds": (
                            round((wall - lease.last_success).total_seconds(), 1)
                            if lease.last_success
                            else None
                        ),
                        "last_duration_seconds": lease.last_duration,
                        "last_messages": lease.last_messages,
                        "last_error": lease.last_error,
                        "last_error_at": _iso(lease.last_error_at),
                        "failing": bool(
                            lease.last_error_at
                            and (
                                lease.last_success is None
                                or lease.last_error_at > lease.last_success
                            )
                        ),
                        "cycles": lease.cycles,
                        "errors": lease.errors,
                        "restriction": (
                            {
                                "kind": notice.kind,
                                "authenticity": notice.authenticity,
                                "ends_at": _iso(notice.ends_at),
                            }
                            if notice is not None
                            else None
                        ),
                        "paused_campaigns": int(paused.get(lease.account, 0)),
                    }
                )
        return rows


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
