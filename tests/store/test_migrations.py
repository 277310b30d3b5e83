"""Schema migrations on SQLite and a real PostgreSQL: the models match the
migrated schema, a store made by release 0.1 (tests/store/release-0.1.sql,
dumped from a store that release's code made) upgrades with ``auditor db
upgrade`` and keeps every row, and every other state is refused with one line
naming the fix."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, func, inspect, select, text

from auditor.errors import StoreError
from auditor.store import migrations, open_store
from auditor.store.models import Base

DIALECTS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
DUMP = Path(__file__).resolve().parent / "release-0.1.sql"
ROOT = Path(__file__).resolve().parents[2]
LEGACY_TABLES = (
    "runs",
    "messages",
    "findings",
    "campaigns",
    "campaign_events",
    "notices",
    "sync_state",
    "outbox",
    "locks",
)


def legacy_sqlite(path: Path) -> str:
    """A store exactly as release 0.1 left it (no alembic_version)."""
    with sqlite3.connect(path) as db:
        db.executescript(DUMP.read_text())
    return f"sqlite:///{path}"


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in LEGACY_TABLES}
    engine.dispose()
    return found


def rows(url: str, table: str) -> list[tuple]:
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine, only=[table])
    t = meta.tables[table]
    with engine.connect() as conn:
        found = sorted(tuple(str(v) for v in r) for r in conn.execute(select(t)))
    engine.dispose()
    return found


def diff(url: str) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        found = compare_metadata(context, Base.metadata)
    engine.dispose()
    return found


# -- the models and the migrations agree ---------------------------------------------
def _scripted(url: str) -> None:
    """The store the migration scripts build (a new store is made from the
    models and stamped, so these tests run the scripts themselves)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrations.alembic_config(conn), "head")
    engine.dispose()


def test_models_match_the_migrated_schema_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    _scripted(url)
    assert diff(url) == [], "models.py changed without a migration: see auditor/store/migrations"


@pytest.mark.postgres
def test_models_match_the_migrated_schema_on_postgres(postgres):
    url = postgres()
    _scripted(url)
    assert diff(url) == [], "models.py changed without a migration: see auditor/store/migrations"


def test_head_is_the_newest_script() -> None:
    assert migrations.HEAD == migrations.head()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_new_store_is_made_at_head_without_alembic(dialect, tmp_path, request):
    """A new store is made from the models and stamped at head, with the
    schema the scripts build, and neither that nor a later start imports
    Alembic (it holds about 10 MB in every process)."""
    url = (
        f"sqlite:///{tmp_path / 'new.db'}"
        if dialect == "sqlite"
        else (request.getfixturevalue("postgres")())
    )
    probe = (
        "import sys\nfrom auditor.store import open_store\n"
        f"open_store({url!r}).engine.dispose()\nopen_store({url!r}).engine.dispose()\n"
        "print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False", done.stderr
    assert diff(url) == []
    engine = create_engine(url)
    with engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
        assert migrations.state(conn) == "head"
    engine.dispose()


@pytest.mark.parametrize(
    "dialect", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_chain_goes_down_and_up_again(dialect, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path / 'chain.db'}"
        if dialect == "sqlite"
        else (request.getfixturevalue("postgres")())
    )
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrations.alembic_config(conn), "head")
        command.downgrade(migrations.alembic_config(conn), "base")
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        command.upgrade(migrations.alembic_config(conn), "head")
        assert migrations.current(conn) == migrations.head()
    engine.dispose()


# -- the release-0.1 store -----------------------------------------------------------------
def test_release_store_is_refused_until_upgraded_and_keeps_every_row(tmp_path, cli):
    url = legacy_sqlite(tmp_path / "old.db")
    before = counts(url)
    assert before["messages"] == 25 and before["outbox"] == 44 and before["sync_state"] == 1
    snapshot = {t: rows(url, t) for t in LEGACY_TABLES}

    status, out, err = cli("campaigns", "--store", url)
    assert status == 2
    assert err.count("\n") == 1 and "auditor db upgrade" in err and "predates migrations" in err
    assert counts(url) == before  # refusing touched nothing

    status, out, _ = cli("db", "status", "--store", url)
    assert status == 1 and "made before migrations" in out

    status, out, err = cli("db", "upgrade", "--store", url)
    assert status == 0, err
    assert f"upgraded from revision 0001 to {migrations.head()}" in out
    assert {t: rows(url, t) for t in LEGACY_TABLES} == snapshot
    assert diff(url) == []

    status, out, _ = cli("db", "upgrade", "--store", url)
    assert status == 0 and "already at revision" in out
    status, out, _ = cli("campaigns", "--store", url, "--format", "json")
    assert status == 0 and '"review-request"' in out
    status, out, _ = cli("db", "status", "--store", url)
    assert status == 0 and "(current)" in out


def test_release_store_missing_a_later_index_gets_it(tmp_path, cli):
    url = legacy_sqlite(tmp_path / "old.db")
    with sqlite3.connect(tmp_path / "old.db") as db:
        db.execute("DROP INDEX ix_message_source_key")
    assert cli("db", "upgrade", "--store", url)[0] == 0
    assert diff(url) == []


@pytest.mark.postgres
def test_release_store_on_postgres_upgrades_and_keeps_every_row(tmp_path, postgres, cli):
    """Revision 0001 is the release's create_all schema: build it, drop the
    version stamp (as 0.1 never wrote one), copy the release's rows in."""
    url = postgres()
    source = create_engine(legacy_sqlite(tmp_path / "old.db"))
    target = create_engine(url)
    with target.begin() as conn:
        command.upgrade(migrations.alembic_config(conn), migrations.LEGACY)
        conn.execute(text("DROP TABLE alembic_version"))
    legacy = MetaData()
    legacy.reflect(target)
    with source.connect() as src, target.begin() as dst:
        for table in legacy.sorted_tables:
            data = [dict(r._mapping) for r in src.execute(select(table))]
            if data:
                dst.execute(table.insert(), data)
        for table in (
            "runs",
            "messages",
            "findings",
            "campaigns",
            "campaign_events",
            "notices",
            "outbox",
        ):
            dst.execute(
                text(  # serials continue after the copied ids
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
    source.dispose()
    target.dispose()
    before = counts(url)
    assert before["notices"] == 11
    status, _, err = cli("campaigns", "--store", url)
    assert status == 2 and "auditor db upgrade" in err
    status, _out, err = cli("db", "upgrade", "--store", url)
    assert status == 0, err
    assert counts(url) == before
    assert diff(url) == []
    store = open_store(url)
    from auditor.store.models import Campaign

    with store.transaction() as session:
        assert session.scalar(select(func.count(Campaign.id))) == 13


# -- other states are refused ---------------------------------------------------------
def test_store_at_an_older_revision_is_refused_then_upgraded(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 'behind.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrations.alembic_config(conn), "0001")
    engine.dispose()
    with pytest.raises(StoreError, match=r"revision 0001, this auditor needs .*auditor db upgrade"):
        open_store(url)
    status, out, _ = cli("db", "upgrade", "--store", url)
    assert status == 0 and "from revision 0001" in out
    open_store(url)


def test_store_from_a_newer_auditor_is_refused(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    open_store(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    for args in (("campaigns",), ("db", "upgrade")):
        status, _, err = cli(*args, "--store", url)
        assert status == 2
        assert "revision 0999, newer than this auditor" in err and err.count("\n") == 1


def test_tables_of_something_else_are_never_touched(tmp_path, cli):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, what TEXT)")
        db.execute("INSERT INTO runs VALUES (1, 'not ours')")
    for args in (("campaigns",), ("db", "upgrade")):
        status, _, err = cli(*args, "--store", f"sqlite:///{path}")
        assert status == 2 and "match no auditor schema revision" in err
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT what FROM runs").fetchall() == [("not ours",)]
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"runs"}


def test_a_new_store_waits_for_another_process_holding_the_write_lock(tmp_path):
    """Switching to WAL takes a lock SQLite tries only once (no busy handler):
    a worker opening the store while another holds the write lock must wait
    for it, not fail with "database is locked"."""
    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE scratch (x)")
    release = threading.Timer(0.5, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        store = open_store(f"sqlite:///{path}")
        assert diff(f"sqlite:///{path}") == []
        store.engine.dispose()
    finally:
        release.join()
        holder.close()


# -- workers starting together on an empty store -------------------------------------------
def _open(url: str, barrier, results) -> None:
    barrier.wait()
    try:
        open_store(url)
        results.put("ok")
    except Exception as exc:  # reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize(
    "dialect", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_workers_creating_one_store_at_once_all_succeed(dialect, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path / 'race.db'}"
        if dialect == "sqlite"
        else (request.getfixturevalue("postgres")())
    )
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_open, args=(url, barrier, results)) for _ in range(4)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert outcomes == ["ok"] * 4
    assert diff(url) == []
