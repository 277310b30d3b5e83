"""Benchmark: many seller accounts shared by 1, 2, 4 … ``auditor daemon``
workers through one PostgreSQL store (issue #15).

Starts a throwaway Dovecot (tests/dovecot.py) with ``--accounts`` mailboxes
of ``--messages`` small messages each (80 % sent mail in Sent, 20 % Amazon
notices in INBOX; written straight into each Maildir) and a throwaway
PostgreSQL cluster (tests/servers.py). For each worker count W it creates a
fresh database, starts W ``auditor daemon`` processes (one account at a time
each: ``--workers 1``), waits until they are up and idle (every account
known, none due), makes all accounts due at once, and measures until every
account has synced once:

* cycle time: from that moment until the last account's sync;
* per-account lag: from that moment until each account's sync finished
  (median, 95th percentile, max): how long an account waits for its turn;
* accounts per second;

then stops the daemons (SIGTERM) and checks that no account ran twice.
Finally the scaling ratios cycle(1 worker) / cycle(W workers).

A sync here is mostly CPU (parsing and rules), so on a 2-core machine shared
with others expect well under 2x from 1 to 2 workers; I/O-bound syncs (slow
remote servers) scale with workers until the cores are busy.

Run from the repository root::

    python bench/accounts.py                                 # 200 x 500, 1 2 4 workers
    python bench/accounts.py --accounts 40 --messages 100 --workers 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import benchlib  # noqa: E402
from imap_sync import write_maildir  # noqa: E402
from sqlalchemy import update  # noqa: E402

from auditor.store import open_store  # noqa: E402
from auditor.store.leases import AccountSettings, Leases  # noqa: E402
from auditor.store.models import AccountLease  # noqa: E402
from tests.dovecot import Dovecot, free_port, sample_message  # noqa: E402
from tests.servers import fresh_database, postgres_server  # noqa: E402

SCALING_TARGET = 1.5  # cycle(1) / cycle(2), at least (I/O-bound: ~2)


def fill(server: Dovecot, accounts: int, messages: int) -> list[tuple[str, str]]:
    """``accounts`` users with ``messages`` each: [(login, password)]."""
    users = []
    for index in range(accounts):
        user = server.new_user()
        mail = (
            ("INBOX", sample_message(index * messages + n, "notice", tag=f"a{index}"))
            if n % 5 == 4
            else ("Sent", sample_message(index * messages + n, "sent", tag=f"a{index}"))
            for n in range(messages)
        )
        write_maildir(server, user, mail)
        users.append((user, server.users[user]))
    return users


def write_config(directory: Path, url: str, port: int) -> Path:
    config = directory / "auditor.toml"
    config.write_text(
        f'[store]\nurl = "{url}"\n\n'
        f'[account_defaults]\ntype = "imap"\nhost = "127.0.0.1"\nport = {port}\n'
        'security = "plain"\nallow_plaintext = true\ntimeout = 60\n\n'
        "[schedule]\nsync_minutes = 600\nlift_check_seconds = 5\nlock_seconds = 60\n"
        "poll_seconds = 0.2\nidle = false\n"
    )
    return config


def one_round(
    workers: int, url: str, config: Path, env: dict[str, str], accounts: int, timeout: float
) -> dict[str, float]:
    leases = Leases(open_store(url))  # the schema, before the clock starts
    # Every account known but not due, so the daemons start up idle...
    leases.register({f"seller-{i:03d}": AccountSettings() for i in range(accounts)})
    later = datetime.now(UTC) + timedelta(days=1)
    for index in range(accounts):
        name = leases.claim(
            "bench", timedelta(seconds=60), accounts=[f"seller-{index:03d}"], due=False
        )
        leases.finish(name, "bench", next_due=later)
    # ...a nightly audit on record (else the first daemon catches one up at its start)...
    leases.store.finish_run(leases.store.start_run("nightly"), "ok", {})
    with leases.store.transaction() as session:  # not counted as a cycle
        session.execute(update(AccountLease).values(cycles=0, last_success=None))
    ports = [free_port() for _ in range(workers)]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "auditor",
                "daemon",
                "--config",
                str(config),
                "--workers",
                "1",
                "-q",
                "--metrics-port",
                str(port),
            ],
            env=env,
            cwd=config.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for port in ports
    ]
    for port in ports:  # ...and are up (their metrics answer) before the clock starts
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("a daemon did not start") from None
                time.sleep(0.2)
    time.sleep(1.0)
    start = datetime.now(UTC)
    started = time.perf_counter()
    leases.make_due()
    try:
        while True:
            rows = leases.status([], datetime.now(UTC))
            done = [r for r in rows if r["last_success"]]
            if len(done) == accounts:
                break
            failed = [r for r in rows if r["failing"]]
            if failed:
                raise SystemExit(f"account {failed[0]['account']}: {failed[0]['last_error']}")
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"only {len(done)}/{accounts} accounts synced in {timeout} s")
            for proc in procs:
                if proc.poll() is not None:
                    raise SystemExit(f"a daemon exited {proc.returncode}: {proc.stderr.read()}")
            time.sleep(0.1)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
    lags = sorted((datetime.fromisoformat(r["last_success"]) - start).total_seconds() for r in rows)
    twice = [r["account"] for r in rows if r["cycles"] != 1]
    if twice:
        raise SystemExit(f"accounts run more than once: {twice[:5]}")
    cycle = lags[-1]
    return {
        "workers": workers,
        "cycle_seconds": round(cycle, 2),
        "lag_median_seconds": round(statistics.median(lags), 2),
        "lag_p95_seconds": round(lags[int(0.95 * (len(lags) - 1))], 2),
        "lag_max_seconds": round(lags[-1], 2),
        "accounts_per_second": benchlib.rate(accounts, cycle),
        "sync_seconds_median": round(
            statistics.median(r["last_duration_seconds"] for r in rows), 3
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--messages", type=int, default=500, help="per account")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--timeout", type=float, default=3600, help="per round, seconds")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    # SIGTERM (timeout, kill): still stop Dovecot, PostgreSQL and the daemons.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    info = benchlib.machine()
    print(benchlib.machine_line(info))
    print(f"accounts: {args.accounts} x {args.messages} messages; workers: {args.workers}")
    base = Path(tempfile.mkdtemp(prefix="auditor-bench-accounts-"))
    cleanup = [base]
    results: dict = {"machine": info, "command": benchlib.command_line(), "rounds": []}
    server = Dovecot(pool=args.accounts, tls=False)
    try:
        t0 = time.perf_counter()
        users = fill(server, args.accounts, args.messages)
        server.start()
        print(f"filled {args.accounts} mailboxes in {time.perf_counter() - t0:.1f} s")
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("AUDITOR_NOW", None)
        listed = []
        for index, (user, password) in enumerate(users):
            env[f"BENCH_PW_{index}"] = password
            listed.append(
                {
                    "name": f"seller-{index:03d}",
                    "username": user,
                    "password_env": f"BENCH_PW_{index}",
                }
            )
        env["AUDITOR_ACCOUNTS"] = json.dumps(listed)
        # Its own temporary directory: postgres (as root: user postgres) must reach it.
        pg_base = Path(tempfile.mkdtemp(prefix="auditor-bench-pg-"))
        cleanup.append(pg_base)
        with postgres_server(pg_base) as (_url, pg_port):
            for number, workers in enumerate(args.workers):
                url = fresh_database(pg_port, f"bench{number}")
                config = write_config(base, url, server.port)
                found = one_round(workers, url, config, env, args.accounts, args.timeout)
                results["rounds"].append(found)
                print(
                    f"{workers} worker(s): cycle {found['cycle_seconds']:.1f} s, "
                    f"{found['accounts_per_second']} accounts/s, lag median "
                    f"{found['lag_median_seconds']:.1f} s, p95 {found['lag_p95_seconds']:.1f} s, "
                    f"max {found['lag_max_seconds']:.1f} s; one sync "
                    f"{found['sync_seconds_median']:.2f} s (median)"
                )
    finally:
        server.cleanup()
        for directory in cleanup:
            shutil.rmtree(directory, ignore_errors=True)
    rounds = {r["workers"]: r for r in results["rounds"]}
    first = min(rounds)
    for workers in sorted(rounds):
        if workers == first:
            continue
        value = rounds[first]["cycle_seconds"] / rounds[workers]["cycle_seconds"]
        target = SCALING_TARGET if (first, workers) == (1, 2) else 1.0
        line, _met = benchlib.ratio_line(f"cycle {first}/{workers} workers", value, target)
        print(line)
        results[f"scaling_{first}_{workers}"] = round(value, 3)
    benchlib.write_json(args.json, results)


if __name__ == "__main__":
    main()
