"""The store's questions about past runs (``runs`` table). Mixed into
:class:`auditor.store.Store`; :meth:`Store.start_run` and
:meth:`Store.finish_run` write the rows."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.store.models import Run


class RunHistory:
    """Needs ``transaction()`` of the store it is mixed into."""

    def transaction(self) -> AbstractContextManager[Session]:
        raise NotImplementedError

    def last_run_started(self, command: str, status: str = "ok") -> datetime | None:
        """When the newest run of ``command`` that ended with ``status``
        started, or None if there is none."""
        with self.transaction() as session:
            return session.scalar(
                select(Run.started_at)
                .where(Run.command == command, Run.status == status)
                .order_by(Run.started_at.desc())
                .limit(1)
            )
