"""The store: audited messages, findings, notices, campaigns and their
history, IMAP checkpoints, the action outbox and locks, in one SQL database
(SQLite by default, PostgreSQL for several workers)."""

from auditor.store.errors import StoreUnavailable
from auditor.store.store import MessageRecord, Store, open_store

__all__ = ["MessageRecord", "Store", "StoreUnavailable", "open_store"]
