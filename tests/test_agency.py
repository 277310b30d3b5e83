"""Issue #15 acceptance: 40 seller accounts (one mailbox each on a real
Dovecot) shared by 4 ``auditor daemon`` processes through one real
PostgreSQL store, one of them killed with SIGKILL mid-cycle: every account
is processed once, none twice, its accounts are finished by the others after
the lease, nothing is lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from auditor.store import open_store
from auditor.store.leases import Leases
from auditor.store.models import (
    AccountLease,
    CampaignEvent,
    Outbox,
    Run,
    StoredMessage,
    StoredNotice,
)
from tests.conftest import CORPUS
from tests.dovecot import dovecot_server as dovecot_server
from tests.dovecot import free_port
from tests.receivers import serve
from tests.scheduler.conftest import review

pytestmark = [pytest.mark.postgres, pytest.mark.dovecot]

REPO = Path(__file__).resolve().parents[1]
ACCOUNTS = 40
SENT_EACH = 3
RESTRICTED = range(0, ACCOUNTS, 5)  # these accounts also get a restriction notice
NOW = "2026-11-10T12:00:00+00:00"
D = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
LEASE = 3  # seconds: a killed worker's accounts are free again after this


def _config(tmp_path: Path, url: str, port: int, hook: str) -> Path:
    config = tmp_path / "auditor.toml"
    config.write_text(
        f"""
[store]
url = "{url}"

[account_defaults]
type = "imap"
host = "127.0.0.1"
port = {port}
security = "plain"
allow_plaintext = true
timeout = 10

[schedule]
sync_minutes = 60
lift_check_seconds = 0.5
lock_seconds = {LEASE}
poll_seconds = 0.1
workers = 2
idle = false

[notices]
# the receiving server of the corpus notices: their restriction is verified
trusted_authserv_ids = ["mx.seller-mail.example"]

[[campaigns]]
name = "review-request"
subject = "^How was your order"

[[actions]]
type = "webhook"
name = "ops"
url = "{hook}"
timeout = 5
"""
    )
    return config


def _forty_mailboxes(dovecot_server, env: dict[str, str]) -> None:
    """One mailbox per account on the Dovecot, ``SENT_EACH`` sent review
    requests each and a restriction notice for the ``RESTRICTED`` ones; the
    accounts and their passwords go into ``env``."""
    listed = []
    for index in range(ACCOUNTS):
        user = dovecot_server.new_user()
        env[f"PW_{index}"] = dovecot_server.users[user]
        listed.append(
            {"name": f"seller-{index:02d}", "username": user, "password_env": f"PW_{index}"}
        )
        dovecot_server.append(
            user, dovecot_server.sent_name, [review(1000 * index + j, D) for j in range(SENT_EACH)]
        )
        if index in RESTRICTED:
            dovecot_server.append(
                user, "INBOX", [(CORPUS / "n01-restriction-30-days.eml").read_bytes()]
            )
    env["AUDITOR_ACCOUNTS"] = json.dumps(listed)  # the accounts come from the environment


def _daemon(config: Path, metrics_port: int, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "auditor",
            "daemon",
            "--config",
            str(config),
            "--metrics-port",
            str(metrics_port),
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _leases_of(store, pid: int) -> list[str]:
    """The accounts whose lease the daemon with process id ``pid`` holds."""
    with store.transaction() as session:
        return list(
            session.scalars(
                select(AccountLease.account).where(AccountLease.holder.like(f"%:{pid}:%"))
            )
        )


def _kill_while_holding_a_lease(daemons: list[subprocess.Popen], url: str):
    """SIGKILL the last daemon as soon as it holds an account's lease: the
    store (once the daemons created its schema) and when the kill was sent."""
    victim = daemons[-1]
    deadline = time.monotonic() + 90
    store = None
    while True:
        assert time.monotonic() < deadline, "the victim never held an account"
        for proc in daemons:
            assert proc.poll() is None, proc.stderr.read()
        try:
            store = store or open_store(url)
            held = _leases_of(store, victim.pid)
        except Exception:  # the schema is being created by the daemons
            time.sleep(0.05)
            continue
        if held:
            victim.send_signal(signal.SIGKILL)
            return store, datetime.now(UTC)
        time.sleep(0.01)


def _wait_until_every_account_synced(leases: Leases, survivors: list[subprocess.Popen]) -> dict:
    """The lease status rows, once every account had a successful cycle."""
    deadline = time.monotonic() + 180
    while True:
        rows = {r["account"]: r for r in leases.status([], datetime.now(UTC))}
        if len(rows) == ACCOUNTS and all(r["last_success"] for r in rows.values()):
            return rows
        assert time.monotonic() < deadline, {
            a: r["last_error"] for a, r in rows.items() if not r["last_success"]
        }
        for proc in survivors:
            assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.2)


def _wait_until_actions_delivered(store) -> None:
    undelivered = select(func.count(Outbox.id)).where(Outbox.delivered_at.is_(None))
    deadline = time.monotonic() + 60
    while True:
        with store.transaction() as session:
            if session.scalar(undelivered) == 0:
                return
        assert time.monotonic() < deadline, "actions not delivered"
        time.sleep(0.2)


def _assert_each_account_once(store, rows: dict, receiver) -> None:
    """Once per cycle, none twice: one finished cycle and one successful run
    per account, every message stored once, each pause and each action once."""
    assert all(r["cycles"] == 1 and r["errors"] == 0 for r in rows.values()), rows
    with store.transaction() as session:
        ok_runs = session.scalar(
            select(func.count(Run.id)).where(Run.command == "run", Run.status == "ok")
        )
        assert ok_runs == ACCOUNTS
        per_account = dict(
            session.execute(
                select(StoredMessage.account, func.count(StoredMessage.id)).group_by(
                    StoredMessage.account
                )
            ).all()
        )
        expected = {
            f"seller-{i:02d}": SENT_EACH + (1 if i in RESTRICTED else 0) for i in range(ACCOUNTS)
        }
        assert per_account == expected  # nothing lost, nothing doubled
        assert (
            session.scalar(
                select(func.count(StoredNotice.id)).where(StoredNotice.applied.is_(False))
            )
            == 0
        )
        paused = session.execute(
            select(CampaignEvent.campaign_id, func.count(CampaignEvent.id))
            .where(CampaignEvent.to_state == "paused")
            .group_by(CampaignEvent.campaign_id)
        ).all()
        assert len(paused) == len(RESTRICTED) and all(n == 1 for _, n in paused)
        keys = [(k, a) for k, a in session.execute(select(Outbox.idempotency_key, Outbox.action))]
    assert len(keys) == len(set(keys))
    with receiver.lock:
        accepted = sorted(e["idempotency_key"] for e in receiver.accepted)
    assert accepted == sorted(k for k, _ in keys)  # each action arrived, once after de-dup


def test_four_daemons_share_forty_accounts_and_survive_a_kill(dovecot_server, postgres, tmp_path):
    url = postgres()
    env = dict(os.environ, AUDITOR_NOW=NOW, PYTHONPATH=str(REPO))
    _forty_mailboxes(dovecot_server, env)
    receiver_gen = serve()
    receiver = next(receiver_gen)
    config = _config(tmp_path, url, dovecot_server.port, f"{receiver.url}/hook")
    ports = [free_port() for _ in range(4)]
    daemons = [_daemon(config, port, env, tmp_path) for port in ports]
    victim = daemons[3]
    try:
        # Kill one daemon while it holds an account's lease.
        store, killed_at = _kill_while_holding_a_lease(daemons, url)
        victim.wait(timeout=10)
        abandoned = _leases_of(store, victim.pid)  # what it held when it died
        assert abandoned, "the victim finished its cycles before the kill"

        # Every account synced by the survivors, the killed one's after its lease.
        rows = _wait_until_every_account_synced(Leases(store), daemons[:3])
        _wait_until_actions_delivered(store)
        metrics = (
            urllib.request.urlopen(f"http://127.0.0.1:{ports[0]}/metrics", timeout=10)
            .read()
            .decode()
        )
    finally:
        for proc in daemons:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        codes = [proc.wait(timeout=60) for proc in daemons]
        receiver_gen.close()
    assert codes[:3] == [0, 0, 0]
    assert codes[3] == -signal.SIGKILL

    _assert_each_account_once(store, rows, receiver)

    # The killed worker's accounts were finished by another worker after its lease.
    for account in abandoned:
        assert rows[account]["holder"] is None
        finished = datetime.fromisoformat(rows[account]["last_success"])
        assert finished > killed_at
    # The work was shared: every surviving daemon ran cycles (its metrics say which).
    for name in rows:
        assert f'auditor_account_sync_lag_seconds{{account="{name}"}}' in metrics
    assert 'auditor_worker_cycles_total{account="seller-' in metrics


def test_a_slow_server_holds_up_only_its_own_account(dovecot_server, postgres, tmp_path):
    """One account's server accepts connections and never answers: while a
    worker waits on it, the daemon's other worker syncs every other account."""
    import socket
    import threading

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    held: list[socket.socket] = []
    closing = threading.Event()

    def accept() -> None:
        silent.settimeout(0.2)
        while not closing.is_set():
            try:
                held.append(silent.accept()[0])  # and never say a word
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    url = postgres()
    env = dict(os.environ, AUDITOR_NOW=NOW, PYTHONPATH=str(REPO))
    listed = [
        {
            "name": "a-slow",
            "username": "nobody",
            "port": silent.getsockname()[1],
            "timeout": 60,
            "weight": 10,  # claimed first
            "password_env": "PW_SLOW",
        }
    ]
    for index in range(4):
        user = dovecot_server.new_user()
        env[f"PW_{index}"] = dovecot_server.users[user]
        listed.append({"name": f"quick-{index}", "username": user, "password_env": f"PW_{index}"})
        dovecot_server.append(user, dovecot_server.sent_name, [review(50 + index, D)])
    env["PW_SLOW"] = "x"
    env["AUDITOR_ACCOUNTS"] = json.dumps(listed)
    receiver_gen = serve()
    receiver = next(receiver_gen)
    config = _config(tmp_path, url, dovecot_server.port, f"{receiver.url}/hook")
    daemon = subprocess.Popen(
        [sys.executable, "-m", "auditor", "daemon", "--config", str(config), "--workers", "2"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        store = None
        # well before the silent server's 60 s timeout, with room for a loaded machine
        deadline = time.monotonic() + 50
        while True:
            assert daemon.poll() is None, daemon.stderr.read()
            assert time.monotonic() < deadline, "quick accounts waited behind the slow one"
            try:
                store = store or open_store(url)
                rows = {r["account"]: r for r in Leases(store).status([], datetime.now(UTC))}
            except Exception:  # the schema is being created by the daemon
                time.sleep(0.1)
                continue
            quick = [r for name, r in rows.items() if name.startswith("quick-")]
            if len(quick) == 4 and all(r["last_success"] for r in quick):
                break
            time.sleep(0.1)
        assert rows["a-slow"]["holder"] is not None, str(rows["a-slow"])  # still waiting
        assert rows["a-slow"]["last_success"] is None
    finally:
        closing.set()  # the slow worker sees its server hang up, then the daemon stops
        for conn in held:
            conn.close()
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
        silent.close()
        receiver_gen.close()
