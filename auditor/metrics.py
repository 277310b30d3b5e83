"""Prometheus metrics for ``auditor daemon --metrics-port``.

On every scrape the collector reads ``account_leases`` (and the notices and
campaigns it summarises), so each daemon shows every account of the store,
whichever worker synced it: sync lag, last success, error counts, whether a
worker holds it now, and whether a restriction is on record. Counters of the
cycles this process ran come from its workers' outcomes.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from auditor import clock
from auditor.campaigns.policy import RESTRICTIONS
from auditor.store import Store
from auditor.store.leases import Leases
from auditor.workers import Outcome


class AccountCollector(Collector):
    def __init__(self, store: Store) -> None:
        self.leases = Leases(store)
        self.lock = threading.Lock()
        self.cycles: Counter[tuple[str, str]] = Counter()
        self.seconds: Counter[str] = Counter()

    def record(self, outcome: Outcome) -> None:
        """A worker's callback after each account cycle."""
        with self.lock:
            self.cycles[(outcome.account, "ok" if outcome.ok else "error")] += 1
            self.seconds[outcome.account] += outcome.seconds

    def collect(self) -> Iterator[Metric]:
        rows = self.leases.status(RESTRICTIONS, clock.now())
        lag = GaugeMetricFamily(
            "auditor_account_sync_lag_seconds",
            "Seconds since the account's last successful sync (-1: never)",
            labels=["account"],
        )
        success = GaugeMetricFamily(
            "auditor_account_last_success_timestamp_seconds",
            "Unix time of the account's last successful sync (0: never)",
            labels=["account"],
        )
        errors = CounterMetricFamily(
            "auditor_account_errors",
            "Failed cycles of the account, all workers",
            labels=["account"],
        )
        cycles = CounterMetricFamily(
            "auditor_account_cycles", "Cycles of the account, all workers", labels=["account"]
        )
        failing = GaugeMetricFamily(
            "auditor_account_failing",
            "1 when the account's last cycle failed",
            labels=["account"],
        )
        held = GaugeMetricFamily(
            "auditor_account_held", "1 while a worker holds the account", labels=["account"]
        )
        restricted = GaugeMetricFamily(
            "auditor_account_restricted",
            "1 when a restriction notice (not suspicious) is running for the account",
            labels=["account"],
        )
        paused = GaugeMetricFamily(
            "auditor_account_paused_campaigns", "Paused campaigns", labels=["account"]
        )
        for row in rows:
            name = [row["account"]]
            lag.add_metric(name, -1 if row["lag_seconds"] is None else row["lag_seconds"])
            success.add_metric(name, _timestamp(row["last_success"]))
            errors.add_metric(name, row["errors"])
            cycles.add_metric(name, row["cycles"])
            failing.add_metric(name, 1 if row["failing"] else 0)
            held.add_metric(name, 1 if row["holder"] else 0)
            restricted.add_metric(name, 1 if row["restriction"] else 0)
            paused.add_metric(name, row["paused_campaigns"])
        yield from (lag, success, errors, cycles, failing, held, restricted, paused)
        mine = CounterMetricFamily(
            "auditor_worker_cycles",
            "Account cycles run by this process",
            labels=["account", "result"],
        )
        with self.lock:
            for (account, result), count in sorted(self.cycles.items()):
                mine.add_metric([account, result], count)
        yield mine


def _timestamp(iso: str | None) -> float:
    if not iso:
        return 0.0
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()


def serve(store: Store, port: int, addr: str = "127.0.0.1") -> tuple[AccountCollector, Any]:
    """Start the metrics endpoint; returns the collector (for outcomes) and the server."""
    registry = CollectorRegistry()
    collector = AccountCollector(store)
    registry.register(collector)
    server, _thread = start_http_server(port, addr=addr, registry=registry)
    return collector, server
