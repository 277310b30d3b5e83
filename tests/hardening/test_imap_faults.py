"""Faults on the real Dovecot that ``tests/imap`` does not inject already:
a server that stops answering mid-fetch (read timeout), the connection cut
at many random points of one sync, the server restarted while the connector
backs off, and a daemon whose IDLE watcher must survive a restart. Each ends,
after a re-run where one is needed, with every message audited exactly once.
"""

from __future__ import annotations

import contextlib
import json
import random
import selectors
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.errors import ConnectionFailed
from auditor.store.models import StoredFinding, StoredMessage
from tests.dovecot import TcpProxy, sample_message
from tests.imap.conftest import Account

pytestmark = pytest.mark.dovecot


class StallProxy:
    """A loopback forwarder whose *next* connection goes silent after
    ``stall_after`` bytes from the server: the connection stays open, nothing
    more arrives (a hung server, a black-holed link). Later connections pass."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stall_after: int | None = None
        self.stalls = 0
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self.listener.accept()
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                return
            limit, self.stall_after = self.stall_after, None
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, limit), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket, limit: int | None) -> None:
        sent = 0
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ)
        selector.register(upstream, selectors.EVENT_READ)
        try:
            while not self._closed.is_set():
                for key, _ in selector.select(timeout=0.2):
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    if key.fileobj is upstream:
                        if limit is not None and sent + len(data) >= limit:
                            client.sendall(data[: max(0, limit - sent)])
                            self.stalls += 1
                            self._closed.wait()  # silent from now on, connection held open
                            return
                        sent += len(data)
                        client.sendall(data)
                    else:
                        upstream.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            for sock in (client, upstream):
                sock.close()

    def close(self) -> None:
        self._closed.set()
        self.listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def __enter__(self) -> StallProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stored_ids(account: Account) -> list[str]:
    return sorted(mid for mid, _folder, _key in account.stored())


def stored_findings(account: Account) -> list[tuple[str, str, str]]:
    """(message_id, rule, evidence) of every finding in the account's store."""
    with account.store.transaction() as session:
        return sorted(
            session.execute(
                select(StoredMessage.message_id, StoredFinding.rule, StoredFinding.evidence).join(
                    StoredMessage, StoredFinding.message == StoredMessage.id
                )
            ).all()
        )


def mailbox_ids(account: Account) -> list[str]:
    with account.server.session(account.user) as client:
        ids = []
        for folder in ("Sent", "INBOX"):
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            for data in client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).values():
                header = next(v for k, v in data.items() if k.startswith(b"BODY"))
                ids.append(header.decode().split(":", 1)[1].strip())
    return sorted(ids)


# -- a hung server -----------------------------------------------------------------------------
@pytest.mark.slow
def test_silent_server_mid_fetch_times_out_clearly_then_rerun_completes(corpus_account, cli):
    """The server goes silent in the middle of a FETCH: the read times out
    (timeout = 1 s), the command says so in one line with exit 2, and the
    next run reads exactly the messages the first did not commit."""
    account = corpus_account
    with StallProxy(account.server.port) as proxy:
        config = account.write_config(
            port=proxy.port, timeout=1, reconnect_attempts=0, batch_size=4
        )
        proxy.stall_after = 9_000
        started = time.monotonic()
        status, out, err = cli("audit", "imap:test", "--config", config, "--format", "json")
        assert status == 2, (out, err)
        assert time.monotonic() - started < 20
        lines = err.strip().splitlines()
        assert lines[-1] == (
            f"auditor: imap:test: connection to 127.0.0.1:{proxy.port} lost "
            "while reading 'Sent': timed out"
        ), err
        assert proxy.stalls == 1 and out == ""
        assert account.stored() == []  # the CLI commits every 500 messages: none yet
        # again, committing every 5 messages: some are saved before the stall
        proxy.stall_after = 20_000
        with pytest.raises(ConnectionFailed, match=r"lost while reading '(Sent|INBOX)': timed out"):
            account.auditor(
                batch_size=5,
                account={
                    "port": proxy.port,
                    "timeout": 1,
                    "reconnect_attempts": 0,
                    "batch_size": 4,
                },
            ).audit(["imap:test"])
        committed = len(account.stored())
        assert 0 < committed < 25
        status, out, err = cli("audit", "imap:test", "--config", config, "--format", "json")
    assert status in (0, 1), err
    assert json.loads(out)["summary"]["messages"] == 25 - committed
    assert stored_ids(account) == mailbox_ids(account)  # each message once, none missing


@pytest.mark.slow
def test_silent_server_is_reconnected_within_one_run(corpus_account):
    account = corpus_account
    with StallProxy(account.server.port) as proxy:
        proxy.stall_after = 20_000
        result = account.auditor(
            batch_size=5,
            account={
                "port": proxy.port,
                "timeout": 1,
                "reconnect_attempts": 2,
                "batch_size": 4,
            },
        ).audit(["imap:test"])
        assert proxy.stalls == 1
    assert result.messages == 25
    assert stored_ids(account) == mailbox_ids(account)


# -- cuts at random points --------------------------------------------------------------------
@pytest.mark.slow
def test_connection_cut_at_random_points_until_done_audits_each_message_once(account: Account):
    """One mailbox (70 messages), one store; each run's connection is cut after
    a random number of bytes (seeded) until a run gets through. Then the store
    holds every message once, and the same findings a clean run produces."""
    server = account.server
    server.append(account.user, "Sent", [sample_message(n, tag="cut") for n in range(50)])
    server.append(
        account.user, "INBOX", [sample_message(n, "notice", tag="cut") for n in range(20)]
    )
    rng = random.Random(7)
    failed_runs = 0
    with TcpProxy(server.port) as proxy:
        settings = {"port": proxy.port, "batch_size": 6, "reconnect_attempts": 0}
        for _attempt in range(30):
            # a cut point past what is left to read lets the run finish
            proxy.cut_after = rng.randint(500, 30_000)
            try:
                account.auditor(batch_size=7, account=settings).audit(["imap:test"])
            except ConnectionFailed as failure:
                assert f"127.0.0.1:{proxy.port}" in str(failure), failure
                failed_runs += 1
                continue
            break
        else:
            pytest.fail("no run got through")
    assert proxy.cuts >= failed_runs >= 3  # (a cut in the final LOGOUT is harmless)
    ids = stored_ids(account)
    assert ids == mailbox_ids(account) and len(ids) == len(set(ids)) == 70

    # the same findings as one clean run into a fresh store
    faulted = stored_findings(account)
    clean = Account(server, account.user, account.tmp / "clean")
    clean.tmp.mkdir()
    assert clean.auditor(batch_size=7).audit(["imap:test"]).messages == 70
    assert faulted == stored_findings(clean)


@pytest.mark.slow
def test_server_restarted_while_backing_off_is_reconnected(corpus_account: Account):
    """Dovecot stops mid-sync and comes back while the connector waits
    between reconnect attempts: the same run finishes, each message once."""
    account, server = corpus_account, corpus_account.server
    audited = 0

    def progress(count: int) -> None:
        nonlocal audited
        audited += count
        if audited == 6:
            server.stop()
            threading.Timer(1.0, server.start).start()

    try:
        result = account.auditor(
            batch_size=5, progress=progress, account={"batch_size": 4, "reconnect_attempts": 6}
        ).audit(["imap:test"])
    finally:
        deadline = time.monotonic() + 20
        while server.process is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if server.process is None:
            server.start()
    assert result.messages == 25
    assert stored_ids(account) == mailbox_ids(account)


# -- the daemon's IDLE watcher ------------------------------------------------------------------
def _count(database: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            return db.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_daemon_idle_picks_up_mail_before_the_schedule_and_after_a_restart(account: Account):
    """With the sync every 10 minutes, only IMAP IDLE can bring a new message
    in within seconds: the watcher must work, and must come back after the
    server restarts."""
    import os

    from tests.imap.conftest import PASSWORD_ENV, REPO

    server = account.server
    config = account.write_config()
    config.write_text(
        config.read_text() + "\n[schedule]\nsync_minutes = 10\nlift_check_seconds = 60\n"
    )
    database = account.tmp / "store.db"
    log = account.tmp / "daemon.log"
    env = {
        **os.environ,
        PASSWORD_ENV: account.password,
        "PYTHONPATH": str(REPO),
        "HOME": str(account.tmp),
    }
    with log.open("w") as handle:
        daemon = subprocess.Popen(
            [sys.executable, "-m", "auditor", "-v", "daemon", "--config", str(config)],
            cwd=account.tmp,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )

    def wait_for(count: int, what: str) -> None:
        deadline = time.monotonic() + 25
        while _count(database) < count:
            assert daemon.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, f"{what}: {log.read_text()[-3000:]}"
            time.sleep(0.1)

    try:
        deadline = time.monotonic() + 30
        while "daemon started" not in log.read_text() or "cycle:" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
        time.sleep(1.0)  # the watcher is in IDLE
        server.append(account.user, "INBOX", [sample_message(1, "notice", tag="idle")])
        wait_for(1, "new mail not picked up by IDLE")
        server.stop()
        time.sleep(1.5)
        server.start()
        time.sleep(3.0)  # the watcher's backoff (1 s, then 2 s) and a new IDLE
        server.append(account.user, "INBOX", [sample_message(2, "notice", tag="idle")])
        wait_for(2, "new mail after the restart not picked up by IDLE")
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
    text = log.read_text()
    assert daemon.returncode == 0, text[-3000:]
    assert "IDLE on imap:test failed" not in text, text[-3000:]
    assert _count(database) == 2
