"""``auditor daemon``: the run cycle on a schedule, until SIGTERM or SIGINT.

The ``schedule`` package keeps nothing across restarts, so nothing that
matters lives in it: pause end times are absolute UTC in the store, and on
start the daemon derives everything from the store, lifting what expired
while it was down and running a missed nightly audit at once.

Jobs: a sync cycle every ``schedule.sync_minutes``; lift checks and action
delivery every ``schedule.lift_check_seconds``; a nightly full audit at
``schedule.nightly_at``. Where an IMAP account's server has IDLE, a watcher
thread wakes the loop as soon as new mail arrives. A stop signal lets the
current message finish, saves the checkpoint, and exits 0.

Per-account mode (``accounts=True``: no SOURCE named, accounts configured):
each configured IMAP account is its own unit of work with a lease in the
store (auditor.workers). ``workers`` threads claim due accounts, so one slow
server holds up only its own account; several daemons sharing one
PostgreSQL store share the accounts (SQLite: one worker at a time). The
sync job and IDLE then only bring accounts' due times forward, and the
nightly audit makes every account due.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import schedule

from auditor import clock
from auditor.config import Config
from auditor.cycle import lift_and_deliver, run_cycle
from auditor.errors import AuditorError, LockBusy
from auditor.store import Store

log = logging.getLogger(__name__)


class Daemon:
    def __init__(
        self,
        config: Config,
        store: Store,
        sources: list[str],
        account: str = "local",
        auditor_options: dict[str, Any] | None = None,
        on_cycle: Callable[[Any], None] | None = None,
        accounts: bool = False,
        group: str | None = None,
        workers: int | None = None,
        on_outcome: Callable[[Any], None] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.sources = sources
        self.account = account
        self.stop = threading.Event()
        self.wake = threading.Event()
        self.auditor_options = dict(auditor_options or {})
        self.auditor_options["stop"] = self.stop
        self.on_cycle = on_cycle
        settings = config.section("schedule")
        self.sync_minutes = float(settings.get("sync_minutes", 15))
        self.lift_seconds = float(settings.get("lift_check_seconds", 60))
        self.nightly_at = str(settings.get("nightly_at", "02:30"))
        self.use_idle = bool(settings.get("idle", True))
        self.scheduler = schedule.Scheduler()
        self._watchers: list[threading.Thread] = []
        self.per_account = accounts
        self.group = group
        self.poll = float(settings.get("poll_seconds", 1.0))
        wanted = workers if workers is not None else int(settings.get("workers", 4))
        # SQLite: one writer; the run lock would serialise the threads anyway.
        self.worker_count = max(1, wanted) if store.dialect == "postgresql" else 1
        self.on_outcome = on_outcome
        self._workers: list[threading.Thread] = []

    # -- jobs ------------------------------------------------------------------
    def cycle(self, command: str = "run") -> None:
        if self.stop.is_set():
            return
        if self.per_account:
            self._accounts_due(command)
            return
        try:
            result = run_cycle(
                self.config,
                self.store,
                self.sources,
                account=self.account,
                wait=5,
                auditor_options=self.auditor_options,
            )
        except LockBusy as exc:
            log.info("cycle skipped: %s", exc)
            return
        except AuditorError as exc:  # a server down: log, and the next tick retries
            log.error("cycle failed: %s", exc)
            return
        if command == "nightly":
            run_id = self.store.start_run("nightly")
            self.store.finish_run(run_id, "ok", result.audit.severity_counts())
        log.info("%s", result.summary())
        if self.on_cycle:
            self.on_cycle(result)

    def _accounts_due(self, command: str) -> None:
        """Per-account mode: the workers sync accounts as they fall due; a
        nightly audit makes them all due now, once a night however many
        daemons share the store (under the store's ``nightly`` lock, and only
        if no daemon recorded one in the last 12 hours)."""
        from auditor.store.leases import Leases
        from auditor.workers import new_holder

        if command != "nightly":
            return
        holder = new_holder("nightly")
        try:
            if not self.store.acquire_lock("nightly", holder, timedelta(seconds=60)):
                return  # another daemon is doing it right now
            try:
                if self._nightly_within(timedelta(hours=12)):
                    return
                Leases(self.store).make_due(list(self.config.accounts))
                run_id = self.store.start_run("nightly")
                self.store.finish_run(run_id, "ok", {})
            finally:
                self.store.release_lock("nightly", holder)
        except Exception as exc:  # the store unreachable: the next tick retries
            log.error("nightly: %s", exc)

    def _start_workers(self) -> None:
        from auditor.workers import AccountWorker

        for index in range(self.worker_count):
            worker = AccountWorker(
                self.config,
                self.store,
                group=self.group,
                stop=self.stop,
                auditor_options=self.auditor_options,
                on_outcome=self.on_outcome,
                tag=f"w{index}",
            )
            thread = threading.Thread(
                target=worker.run_forever, args=(self.poll,), daemon=True, name=f"worker-{index}"
            )
            thread.start()
            self._workers.append(thread)

    def lift(self) -> None:
        try:
            result = lift_and_deliver(self.config, self.store)
        except AuditorError as exc:
            log.error("lift check failed: %s", exc)
            return
        if result and result.lifted:
            log.info("lifted %d pauses", result.lifted)

    def nightly(self) -> None:
        self.cycle("nightly")

    def _nightly_missed(self) -> bool:
        return not self._nightly_within(timedelta(hours=24))

    def _nightly_within(self, period: timedelta) -> bool:
        """Whether a nightly audit was recorded within ``period`` of now."""
        last = self.store.last_run_started("nightly", status="ok")
        return last is not None and clock.now() - last <= period

    # -- IDLE ------------------------------------------------------------------------
    def _start_watchers(self) -> None:
        if not self.use_idle:
            return
        for spec in self.sources:
            if not spec.startswith("imap:"):
                continue
            thread = threading.Thread(
                target=self._watch, args=(spec,), daemon=True, name=f"idle-{spec}"
            )
            thread.start()
            self._watchers.append(thread)

    def _watch(self, spec: str) -> None:
        from connectors import open_source

        backoff = 1.0
        while not self.stop.is_set():
            try:
                with open_source(spec, config=self.config, store=self.store) as source:
                    waiter = getattr(source, "wait_for_new", None)
                    if waiter is None:
                        return
                    backoff = 1.0
                    while not self.stop.is_set():
                        if waiter(timeout=20, stop=self.stop):
                            log.info("new mail on %s", spec)
                            if self.per_account:
                                from auditor.store.leases import Leases

                                Leases(self.store).make_due([spec.split(":", 1)[1]])
                            self.wake.set()
            except AuditorError as exc:
                log.warning("IDLE on %s: %s; retrying in %.0f s", spec, exc, backoff)
            except Exception as exc:  # never let a watcher die silently
                log.warning("IDLE on %s failed: %s; retrying in %.0f s", spec, exc, backoff)
            self.stop.wait(backoff)
            backoff = min(backoff * 2, 300)

    # -- main loop --------------------------------------------------------------------------
    def _signal(self, signum: int, _frame: Any) -> None:
        log.info("signal %d: stopping after the current message", signum)
        self.stop.set()
        self.wake.set()

    def run(self) -> int:
        previous = {
            sig: signal.signal(sig, self._signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            self.scheduler.every(self.sync_minutes).minutes.do(self.cycle)
            self.scheduler.every(self.lift_seconds).seconds.do(self.lift)
            self.scheduler.every().day.at(self.nightly_at).do(self.nightly)
            log.info(
                "daemon started: sync every %g min, lift checks every %g s, nightly at %s",
                self.sync_minutes,
                self.lift_seconds,
                self.nightly_at,
            )
            # Catch up from the store: what expired while down, a missed night.
            self.lift()
            if self.per_account:
                from auditor.store.leases import Leases
                from auditor.workers import account_settings

                Leases(self.store).register(account_settings(self.config))
                if self._nightly_missed():
                    self.nightly()  # before the workers start: no account twice
                self._start_workers()
            elif self._nightly_missed():
                self.nightly()
            else:
                self.cycle()
            self._start_watchers()
            while not self.stop.is_set():
                self.scheduler.run_pending()
                idle = self.scheduler.idle_seconds
                timeout = 1.0 if idle is None else max(0.05, min(idle, 1.0))
                if self.wake.wait(timeout) and not self.stop.is_set():
                    self.wake.clear()
                    self.cycle()
        finally:
            self.stop.set()
            for thread in self._workers:
                thread.join(timeout=30)  # each ends after its current message
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.scheduler.clear()
        log.info("daemon stopped")
        return 0
