"""``auditor run`` (cron) and the per-account leases the daemons use: it
never syncs an account a worker is syncing, and it records each account's
outcome for ``auditor accounts``."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from auditor.store import open_store
from auditor.store.leases import Leases
from auditor.store.models import StoredMessage
from tests.scheduler.conftest import review
from tests.scheduler.test_cycle import D

pytestmark = pytest.mark.dovecot


def test_run_leaves_out_an_account_a_worker_holds_and_records_outcomes(shop):
    shop.append_sent([review(i, D) for i in range(3)])
    store = open_store(shop.store_url)
    leases = Leases(store)
    shop.auditor("accounts", "--format", "json")  # registers the configured account
    assert leases.claim("host:1:daemon", timedelta(seconds=60), due=False) == "shop"

    done = shop.auditor("run")
    assert done.returncode in (0, 1), done.stderr
    assert "account shop: another worker is syncing it; left out of this run" in done.stderr
    with store.transaction() as session:
        assert session.scalar(select(func.count(StoredMessage.id))) == 0

    leases.release("shop", "host:1:daemon")
    done = shop.auditor("run", "--quiet")
    assert done.returncode in (0, 1), done.stderr
    assert "left out" not in done.stderr
    with store.transaction() as session:
        assert session.scalar(select(func.count(StoredMessage.id))) == 3
    listed = shop.auditor("accounts", "--format", "json")
    [row] = json.loads(listed.stdout)["accounts"]
    assert row["account"] == "shop" and row["holder"] is None
    assert row["last_success"] and row["cycles"] == 1 and row["last_messages"] == 3


def test_run_records_a_failed_sync_on_the_account(shop, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the table is laid out for the terminal
    shop.write_config()
    shop.config.write_text(
        shop.config.read_text().replace(f"port = {shop.server.port}", "port = 1")
    )  # nothing listens there
    done = shop.auditor("run", "--quiet")
    assert done.returncode == 2
    listed = shop.auditor("accounts", "--format", "json")
    [row] = json.loads(listed.stdout)["accounts"]
    assert row["failing"] and row["errors"] == 1 and "imap:shop" in row["last_error"]
    table = shop.auditor("accounts")
    assert "never synced" in table.stdout and "imap:shop" in table.stdout
