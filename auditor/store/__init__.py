"""The store: audited messages, findings, notices, campaigns and their
history, IMAP checkpoints, the action outbox and locks, in one SQL database
(SQLite by default, PostgreSQL for several workers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.store.errors import StoreUnavailable
    from auditor.store.store import MessageRecord, Store, open_store

__all__ = ["MessageRecord", "Store", "StoreUnavailable", "open_store"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: auditor.store.record (what the audit's worker
    # processes import) must not bring SQLAlchemy with it.
    if name == "StoreUnavailable":
        from auditor.store import errors

        return errors.StoreUnavailable
    if name in __all__:
        from auditor.store import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
