"""The store's DB-API bulk INSERTs (auditor.store.bulk) write exactly the
rows the Core executemany they replace wrote: same statement, same values
after the columns' bind processors (dates as SQLAlchemy's text, JSON,
booleans)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.audit import Auditor
from auditor.config import Config
from auditor.store import open_store
from auditor.store.bulk import BulkInsert
from auditor.store.models import StoredNotice
from auditor.store.rows import NOTICE_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("messages", "findings", "notices")


def _rows(path: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    try:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    finally:
        db.close()


def _audit_twice(path: Path, mailbox: Path) -> dict[str, list[tuple]]:
    store = open_store(f"sqlite:///{path}")
    for _ in range(2):  # a fresh store, then the same mail again (updates, no inserts)
        Auditor(Config(), store).audit([str(mailbox)])
    store.engine.dispose()
    return _rows(path)


def test_bulk_rows_equal_the_core_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mailbox = ROOT / "demo" / "mailbox.mbox"
    bulk = _audit_twice(tmp_path / "bulk.db", mailbox)
    monkeypatch.setattr(BulkInsert, "usable", staticmethod(lambda dialect: False))
    core = _audit_twice(tmp_path / "core.db", mailbox)
    assert all(bulk[t] for t in TABLES)
    assert bulk == core


def test_statement_and_processors_come_from_the_dialect(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    bulk = BulkInsert(StoredNotice.__table__, NOTICE_COLUMNS, ("message",), store.engine.dialect)
    assert bulk.sql.startswith("INSERT INTO notices (message, account")
    assert bulk.sql.endswith("ON CONFLICT (message) DO NOTHING")
    row = (1, "a", "k", "genuine", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), None, None)
    (params,) = bulk.parameters([(*row, None, {"x": 1}, b"raw", False)])
    assert params[4] == "2026-01-02 03:04:05.000000"
    assert params[8] == '{"x": 1}'
    assert params[10] == 0
    store.engine.dispose()
