"""Store access: short transactions, batched writes, portable upserts.

Every write happens inside ``with store.transaction() as session:``; on
PostgreSQL, rows that several workers may change are read with
``SELECT … FOR UPDATE`` (:meth:`Store.locked`), and inserts that may race use
``ON CONFLICT DO NOTHING``. On SQLite, WAL mode and a busy timeout let a
reader and one writer work side by side.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from auditor.errors import StoreError
from auditor.store import sqlite
from auditor.store.bulk import BulkInsert
from auditor.store.campaigns import CampaignRecords
from auditor.store.confirmations import Confirmations
from auditor.store.errors import surfaces_errors
from auditor.store.known import KnownMail
from auditor.store.models import (
    Campaign,
    GateDecision,
    GateOrder,
    Lock,
    Run,
    StoredFinding,
    StoredMessage,
    StoredNotice,
    SyncState,
    utcnow,
)
from auditor.store.orders import OrderMemory
from auditor.store.outbox import OutboxQueue
from auditor.store.record import MessageRecord, finding_fingerprint
from auditor.store.rows import (
    FINDING_COLUMNS,
    FINDING_KEY,
    MESSAGE_COLUMNS,
    NOTICE_COLUMNS,
    as_datetime,
    finding_row,
    message_row,
    notice_row,
)
from auditor.store.runs import RunHistory
from rules.finding import Finding


def _ids_by_hash(session: Session, account: str, hashes: list[str]) -> Iterator[Any]:
    """(id, content hash) of ``account``'s stored messages among ``hashes``.
    On SQLite a plain statement per 500 hashes: Core renders an expanding
    IN afresh at each execution, which cost more than the query."""
    if not BulkInsert.usable(session.get_bind().dialect):
        yield from session.execute(
            select(StoredMessage.id, StoredMessage.content_hash).where(
                StoredMessage.account == account, StoredMessage.content_hash.in_(hashes)
            )
        )
        return
    connection = session.connection()
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        yield from connection.exec_driver_sql(
            "SELECT id, content_hash FROM messages "  # noqa: S608 (placeholders only)
            f"WHERE account = ? AND content_hash IN ({marks})",
            (account, *chunk),
        )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    sqlite.prepare(dbapi_connection)


def _safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


class Store(Confirmations, OrderMemory, CampaignRecords, OutboxQueue, RunHistory, KnownMail):
    """One database. Create with :func:`open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.dialect = engine.dialect.name
        self._bulks: dict[tuple[Any, ...], BulkInsert] = {}

    # -- transactions -----------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    def locked(self, statement):
        """``statement`` with ``FOR UPDATE`` where the database has row locks."""
        return statement.with_for_update() if self.dialect == "postgresql" else statement

    def _insert(self, model):
        """An INSERT of ``model``'s table in this dialect (for ON CONFLICT).
        Built on the table, not the mapped class: a Core executemany skips
        the ORM's per-row bookkeeping, which cost more than SQLite itself."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(model.__table__)

    def _bulk(
        self,
        session: Session,
        model: Any,
        columns: Sequence[str],
        conflict: Sequence[str],
        rows: list[tuple[Any, ...]],
    ) -> None:
        """``INSERT … ON CONFLICT (conflict) DO NOTHING`` of ``rows`` (tuples
        in ``columns`` order) into ``model``'s table, as one executemany: on
        SQLite straight through the DB-API (:mod:`auditor.store.bulk`),
        elsewhere through Core."""
        if not rows:
            return
        if not BulkInsert.usable(self.engine.dialect):
            session.execute(
                self._insert(model).on_conflict_do_nothing(index_elements=list(conflict)),
                [dict(zip(columns, row, strict=True)) for row in rows],
            )
            return
        key = (model.__tablename__, tuple(columns), tuple(conflict))
        bulk = self._bulks.get(key)
        if bulk is None:
            bulk = BulkInsert(model.__table__, columns, conflict, self.engine.dialect)
            self._bulks[key] = bulk
        bulk.execute(session, rows)

    # -- runs ---------------------------------------------------------------
    def start_run(self, command: str) -> int:
        with self.transaction() as session:
            run = Run(command=command)
            session.add(run)
            session.flush()
            return run.id

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        with self.transaction() as session:
            session.execute(
                update(Run)
                .where(Run.id == run_id)
                .values(finished_at=utcnow(), status=status, counts=counts)
            )

    # -- messages -----------------------------------------------------------
    def known_hashes(self, account: str, hashes: Iterable[str]) -> set[str]:
        """Which of ``hashes`` the store already holds for ``account``."""
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.transaction() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(
                    session.scalars(
                        select(StoredMessage.content_hash).where(
                            StoredMessage.account == account,
                            StoredMessage.content_hash.in_(chunk),
                        )
                    )
                )
        return found

    def known_message_ids(self, account: str, message_ids: Iterable[str]) -> set[str]:
        """Which of ``message_ids`` the store holds for ``account``."""
        wanted = list(set(message_ids))
        found: set[str] = set()
        with self.transaction() as session:
            for start in range(0, len(wanted), 500):
                found.update(
                    session.scalars(
                        select(StoredMessage.message_id).where(
                            StoredMessage.account == account,
                            StoredMessage.message_id.in_(wanted[start : start + 500]),
                        )
                    )
                )
        return found

    def has_message_id(self, account: str, message_id: str) -> bool:
        with self.transaction() as session:
            return (
                session.scalar(
                    select(StoredMessage.id)
                    .where(StoredMessage.account == account, StoredMessage.message_id == message_id)
                    .limit(1)
                )
                is not None
            )

    def record(
        self,
        records: Sequence[MessageRecord],
        run_id: int | None,
        cross_rules: frozenset[str] = frozenset(),
        checkpoints: dict[tuple[str, str], tuple[int, int, int | None]] | None = None,
    ) -> set[str]:
        """Write a batch of audited messages with their findings and notices
        in one transaction, together with the sync ``checkpoints``
        ({(account, folder): (uidvalidity, uid, modseq)}) the batch reaches.
        Returns the fingerprints of findings seen for the first time (so a
        report can mark them new)."""
        if not records and not checkpoints:
            return set()
        with self.transaction() as session:
            for (account, folder), (validity, uid, modseq) in (checkpoints or {}).items():
                self.save_checkpoint(account, folder, validity, uid, modseq, session)
            if not records:
                return set()
            ids, earlier = self._record_messages(session, records, run_id)
            new_findings = self._record_findings(
                session, records, ids, list(earlier.values()), run_id, cross_rules
            )
            self._record_notices(session, records, ids)
        return new_findings

    def _record_messages(
        self, session: Session, records: Sequence[MessageRecord], run_id: int | None
    ) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
        """Insert the messages of ``records`` not stored yet and update the
        others (stored by an earlier run, or earlier in this batch). Returns
        the primary key of every (account, content hash), and those of the
        messages stored before (only they can have findings already)."""
        earlier = self._message_ids(session, records)
        fresh = {
            (r.account, r.content_hash): r
            for r in records
            if (r.account, r.content_hash) not in earlier
        }
        if not fresh:
            ids = earlier
        else:
            self._bulk(
                session,
                StoredMessage,
                MESSAGE_COLUMNS,
                ("account", "content_hash"),
                [message_row(r, run_id) for r in fresh.values()],
            )
            ids = {**self._message_ids(session, fresh.values()), **earlier}
        if earlier:
            # One executemany by primary key: the campaign (config may have
            # changed) and review flag of messages audited again, and this run.
            session.execute(
                update(StoredMessage),
                [
                    {
                        "id": ids[(r.account, r.content_hash)],
                        "campaign": r.campaign,
                        "review_request": r.review_request,
                        "last_run": run_id,
                    }
                    for r in records
                    if (r.account, r.content_hash) in earlier
                ],
            )
        return ids, earlier

    @staticmethod
    def _stored_findings(
        session: Session, message_pks: list[int]
    ) -> dict[tuple[int, str, str], int]:
        """(message, rule, fingerprint) -> id of the findings stored on these messages."""
        if not message_pks:
            return {}
        return {
            (m, rule, fp): fid
            for fid, m, rule, fp in session.execute(
                select(
                    StoredFinding.id,
                    StoredFinding.message,
                    StoredFinding.rule,
                    StoredFinding.fingerprint,
                ).where(StoredFinding.message.in_(message_pks))
            )
        }

    def _record_findings(
        self,
        session: Session,
        records: Sequence[MessageRecord],
        ids: dict[tuple[str, str], int],
        earlier_pks: list[int],
        run_id: int | None,
        cross_rules: frozenset[str],
    ) -> set[str]:
        """Insert the findings not stored yet, mark those found again with
        this run, delete the per-message ones no longer found. Returns the
        fingerprints of the new ones."""
        existing = self._stored_findings(session, earlier_pks)
        new_findings: set[str] = set()
        keep: set[int] = set()
        inserts = []
        for record in records:
            pk = ids[(record.account, record.content_hash)]
            for finding in record.findings:
                fp = finding_fingerprint(finding)
                fid = existing.get((pk, finding.rule, fp))
                if fid is not None:
                    keep.add(fid)
                    continue
                new_findings.add(fp)
                existing[(pk, finding.rule, fp)] = -1
                inserts.append(finding_row(pk, record.account, finding, fp, run_id))
        # Findings of cross-message rules are written by attach_findings and
        # are not re-derived per message, so only per-message ones go stale.
        stale = [
            fid
            for (_, rule, _), fid in existing.items()
            if fid > 0 and fid not in keep and rule not in cross_rules
        ]
        if stale:
            session.execute(delete(StoredFinding).where(StoredFinding.id.in_(stale)))
        if keep:
            session.execute(
                update(StoredFinding).where(StoredFinding.id.in_(keep)).values(last_run=run_id)
            )
        self._bulk(session, StoredFinding, FINDING_COLUMNS, FINDING_KEY, inserts)
        return new_findings

    def _record_notices(
        self, session: Session, records: Sequence[MessageRecord], ids: dict[tuple[str, str], int]
    ) -> None:
        """Insert the notices of ``records`` (a notice is stored once)."""
        rows = [
            notice_row(ids[(record.account, record.content_hash)], record)
            for record in records
            if record.notice is not None
        ]
        self._bulk(session, StoredNotice, NOTICE_COLUMNS, ("message",), rows)

    def attach_findings(
        self, account: str, findings: Sequence[Finding], run_id: int | None
    ) -> set[str]:
        """Store findings of cross-message rules on messages already recorded
        (found by source and key). Returns the fingerprints that are new."""
        new: set[str] = set()
        if not findings:
            return new
        with self.transaction() as session:
            for finding in findings:
                source, _, key = finding.source.rpartition("#")
                pk = session.scalar(
                    select(StoredMessage.id)
                    .where(
                        StoredMessage.account == account,
                        StoredMessage.source == source,
                        StoredMessage.key == key,
                    )
                    .limit(1)
                )
                if pk is None:
                    continue
                fp = finding_fingerprint(finding)
                found = session.scalar(
                    select(StoredFinding.id).where(
                        StoredFinding.message == pk,
                        StoredFinding.rule == finding.rule,
                        StoredFinding.fingerprint == fp,
                    )
                )
                if found is not None:
                    session.execute(
                        update(StoredFinding)
                        .where(StoredFinding.id == found)
                        .values(last_run=run_id)
                    )
                    continue
                new.add(fp)
                self._bulk(
                    session,
                    StoredFinding,
                    FINDING_COLUMNS,
                    FINDING_KEY,
                    [finding_row(pk, account, finding, fp, run_id)],
                )
        return new

    @staticmethod
    def _message_ids(
        session: Session, records: Iterable[MessageRecord]
    ) -> dict[tuple[str, str], int]:
        """(account, content hash) -> primary key of those of ``records`` stored."""
        ids: dict[tuple[str, str], int] = {}
        by_account: dict[str, list[str]] = {}
        for r in records:
            by_account.setdefault(r.account, []).append(r.content_hash)
        for account, hashes in by_account.items():
            for pk, digest in _ids_by_hash(session, account, hashes):
                ids[(account, digest)] = pk
        return ids

    def prior_review_requests(
        self, account: str, exclude_run: int | None = None
    ) -> Iterator[tuple[str, str, str]]:
        """(order id, message label, ISO date or "") of each review request
        stored by earlier runs (BSM304 counts them as earlier requests),
        streamed."""
        with self.transaction() as session:
            query = select(
                StoredMessage.message_id,
                StoredMessage.date,
                StoredMessage.order_ids,
                StoredMessage.source,
                StoredMessage.key,
            ).where(StoredMessage.account == account, StoredMessage.review_request.is_(True))
            if exclude_run is not None:
                query = query.where(StoredMessage.first_run != exclude_run)
            for mid, date, orders, source, key in session.execute(query):
                label = mid or f"{source}#{key}"
                for order in orders or []:
                    yield order, label, date.isoformat() if date else ""

    def notices(self, account: str | None = None) -> list[StoredNotice]:
        with self.transaction() as session:
            query = select(StoredNotice).order_by(StoredNotice.received_at, StoredNotice.id)
            if account is not None:
                query = query.where(StoredNotice.account == account)
            return list(session.scalars(query))

    # -- IMAP checkpoints ----------------------------------------------------
    def checkpoint(self, account: str, folder: str) -> SyncState | None:
        """The saved (uidvalidity, last_uid, highestmodseq) for a folder, or None."""
        with self.transaction() as session:
            return session.get(SyncState, (account, folder))

    def save_checkpoint(
        self,
        account: str,
        folder: str,
        uidvalidity: int,
        last_uid: int,
        highestmodseq: int | None = None,
        session: Session | None = None,
    ) -> None:
        """Record progress; pass ``session`` to commit it with the batch it covers."""

        values = {
            "account": account,
            "folder": folder,
            "uidvalidity": uidvalidity,
            "last_uid": last_uid,
            "highestmodseq": highestmodseq,
            "updated_at": utcnow(),
        }
        # One statement (an upsert on the primary key): a sync saves a
        # checkpoint with every batch, and a read-then-write through the ORM
        # cost more than the batch's own bookkeeping.
        statement = self._insert(SyncState)
        statement = statement.on_conflict_do_update(
            index_elements=["account", "folder"],
            set_={
                name: statement.excluded[name]
                for name in values
                if name not in ("account", "folder")
            },
        )

        def _save(s: Session) -> None:
            s.execute(statement, values)

        if session is not None:
            _save(session)
        else:
            with self.transaction() as s:
                _save(s)

    # -- locks -----------------------------------------------------------------
    def acquire_lock(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Take the lease ``name`` if it is free or expired. True when taken."""
        now = utcnow()
        with self.transaction() as session:
            session.execute(
                self._insert(Lock)
                .values(
                    name=name, holder="", acquired_at=now, expires_at=now - timedelta(seconds=1)
                )
                .on_conflict_do_nothing(index_elements=["name"])
            )
        with self.transaction() as session:
            result = session.execute(
                update(Lock)
                .where(Lock.name == name, (Lock.expires_at < now) | (Lock.holder == holder))
                .values(holder=holder, acquired_at=now, expires_at=now + ttl)
            )
            return result.rowcount == 1

    def renew_lock(self, name: str, holder: str, ttl: timedelta) -> bool:
        with self.transaction() as session:
            result = session.execute(
                update(Lock)
                .where(Lock.name == name, Lock.holder == holder)
                .values(expires_at=utcnow() + ttl)
            )
            return result.rowcount == 1

    def release_lock(self, name: str, holder: str) -> None:
        with self.transaction() as session:
            session.execute(
                update(Lock)
                .where(Lock.name == name, Lock.holder == holder)
                .values(holder="", expires_at=utcnow() - timedelta(seconds=1))
            )

    def lock_holder(self, name: str) -> Lock | None:
        with self.transaction() as session:
            lock = session.get(Lock, name)
            if lock is None or not lock.holder or lock.expires_at < utcnow():
                return None
            return lock

    # -- the send gate (auditor milter / auditor relay) -----------------------------
    @surfaces_errors
    def gate_campaign(self, account: str, name: str) -> Campaign | None:
        """The stored campaign ``name`` of ``account`` (detached), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(
                    Campaign.state,
                    Campaign.until,
                    Campaign.manual_hold,
                    Campaign.flagged,
                    Campaign.reason,
                    Campaign.kind,
                ).where(Campaign.account == account, Campaign.name == name)
            ).first()
        if row is None:
            return None
        return Campaign(
            account=account,
            name=name,
            state=row.state,
            until=row.until,
            manual_hold=row.manual_hold,
            flagged=row.flagged,
            reason=row.reason,
            kind=row.kind,
        )

    @surfaces_errors
    def gate_restriction(
        self, account: str, marketplace: str | None, now: datetime
    ) -> StoredNotice | None:
        """The (not suspicious) restriction on record still running at ``now``
        for ``account`` and ``marketplace`` (one that names no marketplace
        counts for all); the one that ends last, an open-ended one first."""
        from auditor.notices.groups import RESTRICTIONS

        query = select(StoredNotice.kind, StoredNotice.ends_at).where(
            StoredNotice.account == account,
            StoredNotice.kind.in_(RESTRICTIONS),
            StoredNotice.authenticity != "suspicious",
            (StoredNotice.starts_at.is_(None)) | (StoredNotice.starts_at <= now),
            (StoredNotice.ends_at.is_(None)) | (StoredNotice.ends_at > now),
        )
        if marketplace:
            query = query.where(
                (StoredNotice.marketplace.is_(None)) | (StoredNotice.marketplace == marketplace)
            )
        with self.engine.connect() as conn:
            found = [StoredNotice(kind=kind, ends_at=ends) for kind, ends in conn.execute(query)]
        found.sort(key=lambda n: (n.ends_at is not None, -(n.ends_at or now).timestamp()))
        return found[0] if found else None

    @surfaces_errors
    def review_requests_after(
        self, account: str, after_id: int
    ) -> tuple[int, list[tuple[str, str, str]]]:
        """Audited review requests stored after message row ``after_id``: the
        highest row id seen and [(order id, label, ISO date or "")]. The gate
        keeps them in memory and asks only for what is new."""
        found: list[tuple[str, str, str]] = []
        last = after_id
        with self.engine.connect() as conn:
            for pk, mid, date, ids, source, key, review in conn.execute(
                select(
                    StoredMessage.id,
                    StoredMessage.message_id,
                    StoredMessage.date,
                    StoredMessage.order_ids,
                    StoredMessage.source,
                    StoredMessage.key,
                    StoredMessage.review_request,
                )
                .where(StoredMessage.account == account, StoredMessage.id > after_id)
                .order_by(StoredMessage.id)
            ):
                last = max(last, pk)
                if not review:
                    continue
                when = as_datetime(date).isoformat() if date else ""
                for order in ids or []:
                    found.append((order, mid or f"{source}#{key}", when))
        return last, found

    @surfaces_errors
    def gate_review_requests(
        self, account: str, orders: Sequence[str]
    ) -> list[tuple[str, str, str]]:
        """(order id, label, ISO date) of the review requests the gate let
        through for ``orders``."""
        if not orders:
            return []
        with self.engine.connect() as conn:
            return [
                (order, label, as_datetime(at).isoformat())
                for order, label, at in conn.execute(
                    select(GateOrder.order_id, GateOrder.label, GateOrder.at).where(
                        GateOrder.account == account, GateOrder.order_id.in_(list(orders))
                    )
                )
            ]

    @surfaces_errors
    def record_gate_decision(self, **values: Any) -> None:
        """Keep one gate decision (see :class:`GateDecision` for the fields);
        an accepted review request also records its orders (BSM304)."""
        with self.engine.begin() as conn:
            conn.execute(GateDecision.__table__.insert().values(**values))
            if values.get("review_request") and values.get("decision") in ("accept", "header"):
                label = values.get("message_id") or f"gate:{values['message_hash'][:16]}"
                rows = [
                    {
                        "account": values["account"],
                        "order_id": order,
                        "label": label,
                        "at": values.get("at") or utcnow(),
                    }
                    for order in values.get("order_ids") or []
                ]
                if rows:
                    conn.execute(GateOrder.__table__.insert(), rows)

    def gate_summary(self, account: str | None = None, limit: int = 200) -> dict[str, Any]:
        """Decision counts, and the newest messages stopped before sending
        (rejected, temp-failed or held), for the audit report."""
        counts = {"accept": 0, "header": 0, "reject": 0, "tempfail": 0, "hold": 0}
        with self.transaction() as session:
            query = select(GateDecision.decision, func.count(GateDecision.id)).group_by(
                GateDecision.decision
            )
            stopped_q = (
                select(GateDecision)
                .where(GateDecision.decision.in_(("reject", "tempfail", "hold")))
                .order_by(GateDecision.at.desc(), GateDecision.id.desc())
                .limit(limit)
            )
            if account is not None:
                query = query.where(GateDecision.account == account)
                stopped_q = stopped_q.where(GateDecision.account == account)
            for decision, count in session.execute(query):
                counts[decision] = count
            stopped = [
                {
                    "at": d.at.isoformat(),
                    "decision": d.decision,
                    "reason": d.reason,
                    "campaign": d.campaign,
                    "message_id": d.message_id,
                    "message_hash": d.message_hash,
                    "rules": list(d.rules or []),
                }
                for d in session.scalars(stopped_q)
            ]
        total = counts["reject"] + counts["tempfail"] + counts["hold"]
        return {"decisions": counts, "stopped": total, "recent_stopped": stopped}


def open_store(url: str, create_dir: bool = True, migrate: bool = True) -> Store:
    """Open the database at SQLAlchemy ``url``: create an empty one at the
    newest schema revision, refuse one at another revision (``auditor db
    upgrade`` migrates it; see auditor.store.migrations). ``migrate=False``
    skips that check (for ``auditor db`` itself).

    ``create_dir=False`` (a store the user named): a SQLite file's directory
    must exist already; only the file itself is created."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"store URL {url!r} is not a database URL") from exc
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        directory = Path(parsed.database).expanduser().parent
        if not create_dir and not directory.is_dir():
            raise StoreError(f"store {_safe_url(url)}: directory {directory} does not exist")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"store directory {directory}: {exc.strerror or exc}") from exc
        if not os.access(directory, os.W_OK):
            raise StoreError(f"store directory {directory}: not writable")
    try:
        kwargs: dict[str, Any] = {}
        if parsed.drivername.startswith("postgresql"):
            kwargs = {"pool_pre_ping": True}
        engine = create_engine(parsed, **kwargs)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if migrate:
            from auditor.store import migrations

            migrations.ensure(engine, _safe_url(url))
    except (OperationalError, SQLAlchemyError, ImportError) as exc:
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise StoreError(f"store {_safe_url(url)}: {detail}") from exc
    return Store(engine)
