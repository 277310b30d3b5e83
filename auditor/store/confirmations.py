"""The store's questions about notice confirmations (``auditor notices
confirm``): which stored notices an ID names, recording a person's
confirmation once, and each notice's number and confirmation for the
listings. Mixed into :class:`auditor.store.store.Store`."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.store.models import NoticeConfirmation, StoredMessage, StoredNotice


class Confirmations:
    """Needs ``transaction()`` and ``_insert()`` of the store it is mixed into."""

    def transaction(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def _insert(self, model: Any) -> Any:
        raise NotImplementedError

    def find_notices(self, ident: str) -> list[StoredNotice]:
        """The stored notices ``ident`` names: the number ``auditor notices``
        shows, or a Message-ID (with or without its angle brackets). One
        mail read for several accounts gives one notice per account."""
        ident = ident.strip()
        with self.transaction() as session:
            if ident.isdigit():
                found = session.get(StoredNotice, int(ident))
                return [found] if found is not None else []
            bare = ident.strip("<>")
            labels = {ident, bare, f"<{bare}>"} if bare else {ident}
            query = (
                select(StoredNotice)
                .join(StoredMessage, StoredMessage.id == StoredNotice.message)
                .where(StoredMessage.message_id.in_(sorted(labels)))
                .order_by(StoredNotice.id)
            )
            return list(session.scalars(query))

    def confirm_notice(
        self, notice_id: int, by: str, reason: str | None, now: datetime
    ) -> tuple[NoticeConfirmation, bool]:
        """Record that ``by`` confirmed stored notice ``notice_id``. Returns the
        confirmation and whether it is new (a second confirm changes nothing)."""
        with self.transaction() as session:
            inserted = session.execute(
                self._insert(NoticeConfirmation)
                .values(notice_id=notice_id, by=by[:200], at=now, reason=reason, applied=False)
                .on_conflict_do_nothing(index_elements=["notice_id"])
            )
            confirmation = session.scalar(
                select(NoticeConfirmation).where(NoticeConfirmation.notice_id == notice_id)
            )
            assert confirmation is not None
            return confirmation, inserted.rowcount == 1

    def notice_status(self, notices: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, Any]]:
        """For each notice given as (label, source, key) that the store holds:
        its number and its confirmation (``{"id": int, "confirmation": {"by",
        "at", "reason"} | None}``), by label. A label is the notice's
        ``message_id``: the Message-ID, else ``source#key``."""
        by_mid: dict[str, str] = {}
        by_place: dict[str, dict[str, str]] = {}
        for label, source, key in notices:
            if label and label != f"{source}#{key}":
                by_mid[label] = label
            else:
                by_place.setdefault(source, {})[key] = label
        status: dict[str, dict[str, Any]] = {}
        base = (
            select(
                StoredNotice.id,
                StoredMessage.message_id,
                StoredMessage.source,
                StoredMessage.key,
                NoticeConfirmation,
            )
            .join(StoredMessage, StoredMessage.id == StoredNotice.message)
            .outerjoin(NoticeConfirmation, NoticeConfirmation.notice_id == StoredNotice.id)
            .order_by(StoredNotice.id)
        )
        queries = []
        mids = list(by_mid)
        for start in range(0, len(mids), 500):
            queries.append(base.where(StoredMessage.message_id.in_(mids[start : start + 500])))
        for source, keys in by_place.items():
            names = list(keys)
            for start in range(0, len(names), 500):
                queries.append(
                    base.where(
                        StoredMessage.source == source,
                        StoredMessage.key.in_(names[start : start + 500]),
                    )
                )
        with self.transaction() as session:
            for query in queries:
                for notice_id, mid, source, key, confirmation in session.execute(query):
                    label = by_mid.get(mid or "") or by_place.get(source, {}).get(key)
                    if label is None:
                        continue
                    entry = status.setdefault(label, {"id": notice_id, "confirmation": None})
                    if confirmation is not None and entry["confirmation"] is None:
                        entry["confirmation"] = {
                            "by": confirmation.by,
                            "at": confirmation.at.isoformat(),
                            "reason": confirmation.reason,
                        }
        return status
