"""The store's questions about mail it already holds, for the sources'
incremental sync. Mixed into :class:`auditor.store.store.Store`."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.store.models import StoredMessage


class KnownMail:
    """Needs ``transaction()`` of the store it is mixed into."""

    def transaction(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def holds_mail(self, account: str) -> bool:
        """Whether any message of ``account`` is stored (on a first sync it is
        not, and the connector need not ask about each batch)."""
        with self.transaction() as session:
            found = session.scalar(
                select(StoredMessage.id).where(StoredMessage.account == account).limit(1)
            )
        return found is not None
