"""SQLite connection set-up shared by the store and its migrations.

``PRAGMA journal_mode=WAL`` needs an exclusive lock that SQLite tries to
take once, without calling the busy handler: when several workers open a
new store at the same moment, all but one can get ``database is locked``
although ``busy_timeout`` is set. :func:`prepare` retries that step for as
long as the busy timeout would have waited.
"""

from __future__ import annotations

import random
import sqlite3
import time

#: how long a connection waits for another process's lock, in milliseconds
BUSY_TIMEOUT_MS = 30_000


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def prepare(dbapi_connection: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
    """Set the busy timeout, WAL mode and (with ``foreign_keys``) foreign keys
    and ``synchronous=NORMAL`` on a fresh connection; retry the switch to WAL
    while another process holds the lock, up to :data:`BUSY_TIMEOUT_MS`.
    Raises :class:`sqlite3.OperationalError` when the lock never comes."""
    cursor = dbapi_connection.cursor()
    try:
        # busy_timeout first: every later statement waits for other processes' locks
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.005
        while True:
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(pause * (0.5 + random.random()))  # noqa: S311 (jitter)
                pause = min(pause * 2, 0.25)
        if foreign_keys:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
