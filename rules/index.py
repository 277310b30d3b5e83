"""What an audit remembers of every message, on disk instead of in memory.

Cross-message rules (BSM304, BSM701, BSM702) and the linking of notices to
the sent messages they concern can only report once they have seen every
message. Kept in dicts, what they remember grows with the mailbox (about
3 kB a message: 300 MB for a year of a big seller's mail). Kept here, in a
private temporary SQLite database (``sqlite3.connect("")``: a file the
library deletes when the connection closes, with a few MB of page cache),
the audit's memory stays flat whatever the size of the mailbox.

Rows are buffered and written with ``executemany``; every query writes the
buffers first. One index belongs to one audit in one process: what must
outlive the audit or be shared between workers lives in the store.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from auditor.message.model import Kind, Message

#: rows buffered per table before they are written
_BATCH = 2000
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class RunIndex:
    """Tables of per-message facts for one audit.

    A rule declares its tables with :meth:`table` (idempotent), adds rows
    with :meth:`add` and reads them back with :meth:`rows` in ``finish``.
    """

    def __init__(self, cache_kib: int = 4096) -> None:
        self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        # Nothing here needs to survive a crash: no journal, no fsync.
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            f"cache_size=-{int(cache_kib)}",
            "temp_store=FILE",
        ):
            self._db.execute(f"PRAGMA {pragma}")
        # One transaction for the index's whole life, never committed (the
        # file goes when the connection closes): in autocommit mode every
        # executemany ended a transaction, and SQLite's work at each end
        # grows with the page cache (2.5 against 0.6 us a row, 4 MB cache).
        # Queries inside the transaction see every row written.
        self._db.execute("BEGIN")
        self._inserts: dict[str, str] = {}
        #: CREATE INDEX statements not run yet, per table
        self._indexes: dict[str, list[str]] = {}
        self._pending: dict[str, list[Sequence[Any]]] = {}

    def table(self, name: str, columns: Sequence[str], indexes: Iterable[str] = ()) -> None:
        """Create table ``name`` (if it does not exist) with ``columns``
        (SQLite column definitions) and an index per entry of ``indexes``
        (a column list such as ``"order_id, stamp"``). Tables have no
        unique keys: readers pick the first or last row (by ``rowid``) of a
        repeated key, which keeps writing a plain append."""
        if name in self._inserts:
            return
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a table name: {name!r}")
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(columns)})")
        # Built at the first read of the table: one sort after the inserts
        # costs less than keeping a B-tree ordered through them.
        self._indexes.setdefault(name, []).extend(
            f"CREATE INDEX IF NOT EXISTS {name}_{number} ON {name} ({index})"
            for number, index in enumerate(indexes)
        )
        marks = ", ".join("?" * len(columns))
        self._inserts[name] = f"INSERT INTO {name} VALUES ({marks})"  # noqa: S608 (checked)
        self._pending[name] = []

    def add(self, name: str, row: Sequence[Any]) -> None:
        """Add one row to table ``name`` (written with the next batch)."""
        pending = self._pending[name]
        pending.append(row)
        if len(pending) >= _BATCH:
            self._write(name)

    def _write(self, name: str) -> None:
        pending = self._pending[name]
        if pending:
            self._db.executemany(self._inserts[name], pending)
            pending.clear()

    def flush(self) -> None:
        """Write every buffered row (and build the indexes not built yet)."""
        for name in self._pending:
            self._write(name)
        for name in list(self._indexes):
            self._build(name)

    def _build(self, name: str) -> None:
        for statement in reversed(self._indexes.pop(name, [])):
            self._db.execute(statement)

    def _ready(self, sql: str) -> None:
        """Write every buffered row and build the indexes of the tables
        ``sql`` names. A query sees the same indexes as if all were built
        (the planner only uses those of its own tables), while the tables
        nobody reads before the end of the audit are filled without keeping
        an index ordered (about 2 us a row less)."""
        for name in self._pending:
            self._write(name)
        for name in [n for n in self._indexes if re.search(rf"\b{n}\b", sql)]:
            self._build(name)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, streamed (buffers are written first)."""
        self._ready(sql)
        return iter(self._db.execute(sql, params))

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        self._ready(sql)
        return self._db.execute(sql, params).fetchone()

    def clear(self, name: str) -> None:
        """Empty table ``name`` (a rule's ``reset``)."""
        if name in self._inserts:
            self._pending[name].clear()
            self._db.execute(f"DELETE FROM {name}")  # noqa: S608 (a declared table)

    def close(self) -> None:
        """Close the database; SQLite deletes its file."""
        self._db.close()


#: The columns :func:`slim_row` fills, to add to a rule's own.
SLIM_COLUMNS = (
    "label TEXT",
    "source TEXT",
    "key TEXT",
    "message_id TEXT",
    "subject TEXT",
    "date TEXT",
)


def slim_row(msg: Message) -> tuple[Any, ...]:
    """What a finding needs of ``msg`` (see :func:`slim_message`), as columns."""
    return (
        msg.label,
        msg.source,
        msg.key,
        msg.message_id,
        msg.subject,
        msg.date.isoformat() if msg.date else None,
    )


def slim_message(row: Sequence[Any], text: str = "", kind: Kind = Kind.SENT) -> Message:
    """A small stand-in :class:`Message` from the columns of :func:`slim_row`
    (``row`` starts with them): the finding's label, source, subject and
    date, with ``text`` (its order ID) as the body."""
    _label, source, key, message_id, subject, date = row[:6]
    return Message(
        source=source,
        key=key,
        message_id=message_id,
        subject=subject,
        date=datetime.fromisoformat(date) if date else None,
        text=text,
        kind=kind,
    )


class IndexMapping(Mapping[str, Any]):
    """A read-only mapping over table ``table`` of an index: ``key`` column →
    the list of ``value`` column entries in insertion order (with ``last``:
    the latest one alone). For code that takes dicts, such as
    :func:`auditor.notices.link.link_notices`."""

    def __init__(
        self, index: RunIndex, table: str, key: str, value: str, last: bool = False
    ) -> None:
        for name in (table, key, value):
            if not _NAME.fullmatch(name):
                raise ValueError(f"not a column or table name: {name!r}")
        self._index = index
        self._select = f"SELECT {value} FROM {table} WHERE {key} = ? ORDER BY rowid"  # noqa: S608
        self._keys = f"SELECT DISTINCT {key} FROM {table}"  # noqa: S608
        self._any = f"SELECT 1 FROM {table} LIMIT 1"  # noqa: S608
        self._last = last

    def __getitem__(self, item: str) -> Any:
        values = [value for (value,) in self._index.rows(self._select, (item,))]
        if not values:
            raise KeyError(item)
        return values[-1] if self._last else values

    def __contains__(self, item: object) -> bool:
        return self._index.one(self._select, (item,)) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self._index.rows(self._keys))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        """Whether the table has a row (without counting its keys, as the
        default through ``__len__`` would: a scan of the whole table)."""
        return self._index.one(self._any) is not None
