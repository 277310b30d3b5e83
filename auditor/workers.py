"""Workers that share seller accounts through the store (issue #15).

Each configured IMAP account has a row in ``account_leases``
(auditor.store.leases). A worker claims one due account, runs its whole
cycle (sync, detect, apply, act: :func:`auditor.cycle.run_account_cycle`)
while a background thread renews the lease, then releases it with the
outcome and the account's next due time. Any number of worker threads, in
any number of ``auditor daemon`` processes on any number of machines, pointed
at one PostgreSQL store, share the accounts this way with no other
coordination; a worker that dies leaves its lease to expire, and another
worker claims the account again (its sync resumes from the checkpoint).

SQLite keeps one worker at a time: there each account's cycle also takes
the store-wide run lock (:class:`auditor.cycle.RunLock`), as ``auditor
run`` does, so a cron run and a daemon never work at once.

Account settings (``[accounts.NAME]`` or ``[account_defaults]``):
``sync_minutes`` (default ``schedule.sync_minutes``), ``worker_group`` (only
daemons started with ``--group`` of that name take the account; a daemon
with a group also takes unpinned accounts) and ``weight`` (when several
accounts are due, heavier ones are claimed first).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from auditor.config import Config
from auditor.cycle import (
    CycleResult,
    RunLock,
    account_interval,
    account_settings,
    run_account_cycle,
)
from auditor.errors import AuditorError, LockBusy
from auditor.secrets import redact
from auditor.store import Store
from auditor.store.leases import Leases
from auditor.store.models import utcnow

log = logging.getLogger(__name__)


def new_holder(tag: str = "") -> str:
    """A lease holder name: host, process, a random part (and ``tag``)."""
    suffix = f":{tag}" if tag else ""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}{suffix}"


@dataclass
class Outcome:
    """One account cycle, for metrics and logs."""

    account: str
    ok: bool
    seconds: float
    messages: int = 0
    error: str | None = None
    result: CycleResult | None = None


class AccountWorker:
    """Claims accounts one at a time and runs their cycles (one thread)."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        group: str | None = None,
        stop: threading.Event | None = None,
        auditor_options: dict[str, Any] | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        tag: str = "",
    ) -> None:
        self.config = config
        self.store = store
        self.leases = Leases(store)
        self.group = group
        self.stop = stop or threading.Event()
        self.auditor_options = dict(auditor_options or {})
        self.auditor_options.setdefault("stop", self.stop)
        self.on_outcome = on_outcome
        self.holder = new_holder(tag)
        schedule = config.section("schedule")
        self.ttl = timedelta(seconds=float(schedule.get("lock_seconds", 60)))
        self.single = store.dialect != "postgresql"

    def interval(self, account: str) -> timedelta:
        return account_interval(self.config, account)

    def work_once(self, *, due: bool = True, accounts: list[str] | None = None) -> Outcome | None:
        """Claim one account and run its cycle; None when nothing is due."""
        wanted = list(self.config.accounts) if accounts is None else accounts
        account = self.leases.claim(
            self.holder, self.ttl, group=self.group, accounts=wanted, due=due
        )
        if account is None:
            return None
        return self.process(account)

    def process(self, account: str) -> Outcome:
        """Run ``account``'s cycle under its lease (already claimed)."""
        lost = threading.Event()
        done = threading.Event()
        renewer = threading.Thread(
            target=self._renew, args=(account, done, lost), daemon=True, name=f"lease-{account}"
        )
        renewer.start()
        started = time.monotonic()
        outcome = Outcome(account, ok=False, seconds=0.0)
        try:
            if self.single:
                with RunLock(self.store, ttl=self.ttl.total_seconds(), wait=5):
                    outcome.result = self._cycle(account)
            else:
                outcome.result = self._cycle(account)
            outcome.ok = True
            outcome.messages = outcome.result.audit.messages
            log.info(
                "cycle: %d messages, %d notices applied, %d pauses lifted (account %s)",
                outcome.messages,
                outcome.result.notices_applied,
                outcome.result.lifted,
                account,
            )
        except LockBusy as exc:
            done.set()
            renewer.join(timeout=5)
            self.leases.release(account, self.holder)
            log.info("account %s: %s", account, exc)
            outcome.error = str(exc)
            return outcome
        except AuditorError as exc:  # a server down: recorded, retried when next due
            outcome.error = redact(str(exc)).splitlines()[0][:500]
            log.error("cycle failed: %s (account %s)", outcome.error, account)
        except Exception as exc:  # a bug: recorded on the account, the worker goes on
            outcome.error = redact(f"internal error: {type(exc).__name__}: {exc}")[:500]
            log.exception("account %s: cycle failed", account)
        finally:
            done.set()
            renewer.join(timeout=5)
        outcome.seconds = time.monotonic() - started
        if self.stop.is_set() and outcome.ok:
            # Stopped mid-sync: the checkpoint is saved; finish the rest soon.
            next_due = utcnow()
        else:
            next_due = utcnow() + self.interval(account)
        kept = self.leases.finish(
            account,
            self.holder,
            next_due=next_due,
            error=outcome.error,
            duration=outcome.seconds,
            messages=outcome.messages,
        )
        if not kept or lost.is_set():
            log.warning("account %s: the lease expired during the cycle", account)
        if self.on_outcome:
            self.on_outcome(outcome)
        return outcome

    def _cycle(self, account: str) -> CycleResult:
        return run_account_cycle(
            self.config, self.store, account, auditor_options=self.auditor_options
        )

    def _renew(self, account: str, done: threading.Event, lost: threading.Event) -> None:
        interval = max(0.2, self.ttl.total_seconds() / 3)
        while not done.wait(interval):
            try:
                if not self.leases.renew(account, self.holder, self.ttl):
                    lost.set()
                    return
            except Exception as exc:  # a database hiccup: the next renewal retries
                log.warning("renewing the lease of %s failed: %s", account, exc)

    def run_forever(self, poll: float = 1.0) -> None:
        """Claim and work until ``stop``; between claims wait at most ``poll``
        seconds (less when an account falls due sooner)."""
        while not self.stop.is_set():
            try:
                outcome = self.work_once()
            except Exception as exc:  # the store unreachable: wait, retry
                log.warning("claiming an account failed: %s", exc)
                outcome = None
            if outcome is not None and outcome.error is None:
                continue
            self.stop.wait(self._idle(poll))

    def _idle(self, poll: float) -> float:
        try:
            due = self.leases.next_due(self.group)
        except Exception:
            return poll
        if due is None:
            return poll
        return max(0.02, min(poll, (due - utcnow()).total_seconds()))


__all__ = ["AccountWorker", "Outcome", "account_settings", "new_holder"]
