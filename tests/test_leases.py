"""Per-account leases (auditor.store.leases) on SQLite and a real PostgreSQL,
``auditor accounts`` and the Prometheus endpoint."""

from __future__ import annotations

import json
import multiprocessing
import time
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from auditor.store import open_store
from auditor.store.leases import ANY, AccountSettings, Leases
from auditor.store.models import utcnow
from tests.dovecot import free_port
from tests.test_campaign_policy import add_notice

DIALECTS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
TTL = timedelta(seconds=30)


@pytest.fixture(params=DIALECTS)
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'leases.db'}"
    return request.getfixturevalue("postgres")()


def leases_with(url: str, **accounts: AccountSettings) -> Leases:
    leases = Leases(open_store(url))
    leases.register(accounts or {"a": AccountSettings(), "b": AccountSettings()})
    return leases


def test_a_held_account_is_not_claimed_again_until_released(url):
    leases = leases_with(url)
    first = leases.claim("w1", TTL)
    second = leases.claim("w2", TTL)
    assert {first, second} == {"a", "b"}
    assert leases.claim("w3", TTL) is None
    assert leases.finish(first, "w1", next_due=utcnow() + timedelta(minutes=5), messages=3)
    assert leases.claim("w3", TTL) is None  # released but not due yet
    assert leases.claim("w3", TTL, due=False) == first  # auditor run: due or not


def test_a_dead_workers_account_is_claimed_after_its_lease_expires(url):
    leases = leases_with(url, a=AccountSettings())
    assert leases.claim("dead", timedelta(seconds=1)) == "a"
    assert leases.claim("alive", TTL) is None
    time.sleep(1.2)
    assert leases.claim("alive", TTL) == "a"
    # The dead worker's late outcome is not recorded: the account is not its own now.
    assert not leases.renew("a", "dead", TTL)
    assert not leases.finish("a", "dead", next_due=utcnow(), error="late")
    assert leases.finish("a", "alive", next_due=utcnow(), messages=2)
    [row] = leases.status([], datetime.now(UTC))
    assert row["last_error"] is None and row["cycles"] == 1 and row["last_messages"] == 2


def test_pinned_accounts_go_to_their_group_and_heavy_ones_first(url):
    leases = leases_with(
        url,
        light=AccountSettings(),
        heavy=AccountSettings(weight=5),
        eu=AccountSettings(worker_group="eu"),
    )
    assert leases.claim("plain", TTL) == "heavy"
    assert leases.claim("plain", TTL) == "light"
    assert leases.claim("plain", TTL) is None  # never the pinned one
    assert leases.claim("us-worker", TTL, group="us") is None
    assert leases.claim("eu-worker", TTL, group="eu") == "eu"


def test_run_claims_pinned_accounts_too(url):
    leases = leases_with(url, eu=AccountSettings(worker_group="eu"))
    assert leases.claim("cron", TTL, group=ANY, due=False) == "eu"


def test_register_follows_the_config(url):
    leases = leases_with(url, a=AccountSettings())
    leases.register({"a": AccountSettings(worker_group="eu", weight=2)})
    [row] = leases.status([], datetime.now(UTC))
    assert (row["worker_group"], row["weight"]) == ("eu", 2)


def test_status_shows_lag_errors_holder_and_restriction(url):
    leases = leases_with(url)
    store = leases.store
    add_notice(store, account="a", ends_at=datetime(2026, 12, 9, tzinfo=UTC))
    add_notice(store, account="b", authenticity="suspicious", mid="<n2@amazon.com>")
    assert leases.claim("w1", TTL, accounts=["a"]) == "a"
    leases.finish("a", "w1", next_due=utcnow(), duration=1.5, messages=4)
    assert leases.claim("w1", TTL, accounts=["b"]) == "b"
    leases.finish("b", "w1", next_due=utcnow(), error="imap:b: connection refused")
    assert leases.claim("w2", TTL, accounts=["b"]) == "b"
    now = datetime(2026, 11, 20, tzinfo=UTC)
    rows = {r["account"]: r for r in leases.status(["messaging_restriction"], now)}
    a, b = rows["a"], rows["b"]
    assert a["restriction"]["kind"] == "messaging_restriction"
    assert a["restriction"]["ends_at"].startswith("2026-12-09")
    assert a["failing"] is False and a["lag_seconds"] < 60 and a["last_messages"] == 4
    assert b["restriction"] is None  # a suspicious notice restricts nothing
    assert b["failing"] and b["errors"] == 1 and "connection refused" in b["last_error"]
    assert b["lag_seconds"] is None and b["holder"] == "w2"
    later = leases.status(["messaging_restriction"], datetime(2026, 12, 10, tzinfo=UTC))
    assert all(r["restriction"] is None for r in later)


# -- many workers at once ----------------------------------------------------------------
def _claim_all(url: str, name: str, barrier, results) -> None:
    leases = Leases(open_store(url))
    barrier.wait()
    got = []
    while (account := leases.claim(name, TTL)) is not None:
        got.append(account)
    results.put(got)


@pytest.mark.postgres
def test_eight_workers_claim_forty_accounts_each_exactly_once(postgres):
    url = postgres()
    leases = Leases(open_store(url))
    leases.register({f"acct{i:02d}": AccountSettings() for i in range(40)})
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(8), ctx.Queue()
    procs = [
        ctx.Process(target=_claim_all, args=(url, f"w{i}", barrier, results)) for i in range(8)
    ]
    for p in procs:
        p.start()
    claimed = [results.get(timeout=90) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    flat = [a for got in claimed for a in got]
    assert sorted(flat) == sorted(f"acct{i:02d}" for i in range(40))
    assert sum(1 for got in claimed if got) >= 2  # the work was shared


# -- the CLI and the metrics endpoint ---------------------------------------------------------
def _config(tmp_path, url: str) -> str:
    config = tmp_path / "auditor.toml"
    config.write_text(
        f'[store]\nurl = "{url}"\n\n[account_defaults]\nhost = "127.0.0.1"\n'
        'security = "plain"\nallow_plaintext = true\n\n'
        '[accounts.birch]\nusername = "birch"\n\n'
        '[accounts."oak & co"]\nusername = "oak"\nworker_group = "eu"\n'
    )
    return str(config)


def test_accounts_command_lists_configured_accounts(cli, tmp_path, store_url, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")  # the table is laid out for the terminal
    config = _config(tmp_path, store_url)
    status, out, err = cli("accounts", "--config", config, "--format", "json")
    assert status == 0, err
    document = json.loads(out)
    assert document["schema"] == "auditor.accounts/1"
    rows = {r["account"]: r for r in document["accounts"]}
    assert set(rows) == {"birch", "oak & co"}
    assert rows["birch"]["last_success"] is None and rows["birch"]["lag_seconds"] is None
    assert rows["oak & co"]["worker_group"] == "eu"
    leases = Leases(open_store(store_url))
    assert leases.claim("w", TTL, accounts=["birch"]) == "birch"
    leases.finish("birch", "w", next_due=utcnow(), error="LOGIN failed [b]bold[/b]")
    status, out, _ = cli("accounts", "--config", config)
    assert status == 0
    assert "never synced" in out and "LOGIN failed [b]bold[/b]" in out  # no markup


def test_metrics_endpoint_has_per_account_series(tmp_path, store_url):
    from auditor.metrics import serve
    from auditor.workers import Outcome

    store = open_store(store_url)
    leases = Leases(store)
    leases.register({"birch": AccountSettings(), "oak": AccountSettings()})
    assert leases.claim("w", TTL, accounts=["birch"]) == "birch"
    leases.finish("birch", "w", next_due=utcnow(), messages=2)
    assert leases.claim("w", TTL, accounts=["oak"]) == "oak"
    leases.finish("oak", "w", next_due=utcnow(), error="refused")
    add_notice(store, account="oak", ends_at=datetime(2099, 1, 1, tzinfo=UTC))
    port = free_port()
    collector, server = serve(store, port)
    try:
        collector.record(Outcome("birch", ok=True, seconds=0.5, messages=2))
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read()
    finally:
        server.shutdown()
    text = body.decode()
    lines = {
        line.split(" ")[0]: float(line.split(" ")[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }
    assert 0 <= lines['auditor_account_sync_lag_seconds{account="birch"}'] < 60
    assert lines['auditor_account_sync_lag_seconds{account="oak"}'] == -1
    assert lines['auditor_account_errors_total{account="oak"}'] == 1
    assert lines['auditor_account_errors_total{account="birch"}'] == 0
    assert lines['auditor_account_failing{account="oak"}'] == 1
    assert lines['auditor_account_restricted{account="oak"}'] == 1
    assert lines['auditor_account_restricted{account="birch"}'] == 0
    assert lines['auditor_worker_cycles_total{account="birch",result="ok"}'] == 1


def test_the_nightly_audit_makes_accounts_due_once_however_many_daemons(url):
    from sqlalchemy import func, select

    from auditor.config import Config
    from auditor.daemon import Daemon
    from auditor.store.models import Run

    store = open_store(url)
    config = Config(data={"accounts": {"a": {"host": "h", "username": "u"}}})
    leases = Leases(store)
    leases.register({"a": AccountSettings()})
    assert leases.claim("w", TTL) == "a"
    later = utcnow() + timedelta(hours=1)
    leases.finish("a", "w", next_due=later)
    daemons = [Daemon(config, store, ["imap:a"], accounts=True) for _ in range(3)]
    assert daemons[0]._nightly_missed()
    daemons[0].nightly()
    assert leases.claim("w", TTL) == "a"  # due now
    leases.finish("a", "w", next_due=later)
    for daemon in daemons:  # the other daemons' nightly job, the same night
        daemon.nightly()
        assert not daemon._nightly_missed()
    assert leases.claim("w", TTL) is None  # not due a second time
    with store.transaction() as session:
        assert session.scalar(select(func.count(Run.id)).where(Run.command == "nightly")) == 1
