"""One cycle of ``auditor run`` (and of each daemon tick): sync and audit,
apply notices, lift expired pauses, review flags, deliver actions.

A cycle holds the store's ``run`` lease (:class:`RunLock`), so two runs at
once never interleave: the second waits up to ``wait`` seconds, then stops
with a clear message. Everything it decides is written in one transaction per
step; a process killed anywhere leaves the store consistent, and the next
cycle picks up where it stopped (notices not yet applied, outbox rows not yet
delivered).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from auditor import clock
from auditor.audit import Auditor, AuditResult
from auditor.campaigns.override import overrides
from auditor.campaigns.policy import apply_notices, lift_expired, projection, review_flags
from auditor.campaigns.state import Transitions, effective_state
from auditor.config import Config
from auditor.errors import LockBusy
from auditor.store import Store
from auditor.store.campaigns import campaign as stored_campaign
from auditor.store.leases import ANY, AccountSettings, Leases
from auditor.store.models import utcnow

log = logging.getLogger(__name__)


class RunLock:
    """The store-wide run lease, renewed in the background while held.

    It lives in the database (not a lock file), so workers on several
    machines sharing one PostgreSQL store exclude each other too, and a
    killed holder's lease simply expires after ``ttl``.
    """

    def __init__(self, store: Store, name: str = "run", ttl: float = 120, wait: float = 0) -> None:
        self.store = store
        self.name = name
        self.ttl = timedelta(seconds=ttl)
        self.wait = wait
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> RunLock:
        deadline = time.monotonic() + self.wait
        while not self.store.acquire_lock(self.name, self.holder, self.ttl):
            if time.monotonic() >= deadline:
                held = self.store.lock_holder(self.name)
                since = f" since {held.acquired_at:%Y-%m-%d %H:%M:%S} UTC" if held else ""
                who = f" ({held.holder})" if held else ""
                raise LockBusy(
                    f"another auditor run holds the store's run lock{who}{since}; "
                    "it will be retried by the next run (or pass --wait SECONDS)"
                )
            time.sleep(min(1.0, max(0.05, self.wait / 20)))
        self._thread = threading.Thread(target=self._renew, daemon=True, name="run-lock")
        self._thread.start()
        return self

    def _renew(self) -> None:
        interval = max(0.2, self.ttl.total_seconds() / 3)
        while not self._stop.wait(interval):
            try:
                self.store.renew_lock(self.name, self.holder, self.ttl)
            except Exception as exc:  # a database hiccup: the next renewal retries
                log.warning("renewing the run lock failed: %s", exc)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        try:
            self.store.release_lock(self.name, self.holder)
        except Exception as error:  # the lease expires by itself
            log.warning("releasing the run lock failed: %s", error)


@dataclass
class CycleResult:
    audit: AuditResult
    notices_applied: int = 0
    lifted: int = 0
    delivery: Any = None
    events: list[dict[str, Any]] = field(default_factory=list)
    #: campaigns sending during a running restriction because a person forced it
    overrides: list[str] = field(default_factory=list)
    #: accounts the cycle covered, and the campaign state changes it recorded
    accounts: list[str] = field(default_factory=list)
    changes: int = 0

    def summary(self) -> str:
        """The cycle in one log line: accounts, messages, notices, state
        changes, actions."""
        delivery = self.delivery
        actions = (
            f"{getattr(delivery, 'delivered', 0)} actions delivered, "
            f"{getattr(delivery, 'failed', 0)} failed, {getattr(delivery, 'pending', 0)} pending"
            if delivery is not None
            else "actions not delivered"
        )
        return (
            f"cycle: {len(self.accounts)} account(s) ({', '.join(self.accounts) or '-'}), "
            f"{self.audit.messages} messages read, {len(self.audit.notices)} notices read, "
            f"{self.notices_applied} applied, {self.changes} state changes "
            f"({self.lifted} pauses lifted), {actions}"
        )


def action_names(config: Config) -> list[str]:
    """The configured actions' names (unnamed ones are TYPE-INDEX); a
    duplicate name is a ConfigError."""
    from auditor.actions import configured_actions

    return list(configured_actions(config))


def register_campaigns(t: Transitions, config: Config, result: AuditResult) -> None:
    """Make sure the store knows every campaign seen, and every configured one."""
    accounts = set(config.accounts) or {a for a, _ in result.campaigns} or {"local"}
    accounts |= {a for a, _ in result.campaigns}
    for entry in config.campaigns:
        for account in [entry["account"]] if entry.get("account") else sorted(accounts):
            t.ensure(
                account,
                entry["name"],
                entry.get("kind", "free_form"),
                entry.get("marketplace"),
                "config",
            )
    for (account, name), summary in result.campaigns.items():
        t.ensure(account, name, summary.kind, summary.marketplace, "auto")


def include_known(store: Store, result: AuditResult, accounts: set[str]) -> None:
    """Add every stored campaign of ``accounts`` to the report: a cron run
    that read no new mail still reports what is paused and why."""
    from auditor.audit import CampaignSummary

    for campaign in store.campaigns_of(accounts):
        key = (campaign.account, campaign.name)
        if key not in result.campaigns:
            result.campaigns[key] = CampaignSummary(
                campaign.name, campaign.kind, campaign.account, campaign.marketplace
            )


def attach_notice_status(store: Store, notices: list[Any]) -> None:
    """Give each notice its number in the store and its confirmation, so
    reports show which notices need ``auditor notices confirm N``."""
    status = store.notice_status((n.message_id, n.source, n.key) for n in notices)
    for notice in notices:
        found = status.get(notice.message_id)
        if found is not None:
            notice.store_id = found["id"]
            notice.confirmation = found["confirmation"]


def fill_states(store: Store, result: AuditResult, now: datetime, preview_only: bool) -> None:
    """Copy each campaign's state from the store into the report, and what
    the next ``auditor run`` would change (``would``) beside it: the state is
    always the stored one, the projection never replaces it.

    ``preview_only`` is kept for callers; the state no longer depends on it.
    """
    result.store = {"dialect": store.dialect, "as_of": now.isoformat()}
    attach_notice_status(store, result.notices)
    with store.transaction() as session:
        for (account, name), summary in result.campaigns.items():
            campaign = stored_campaign(session, account, name)
            summary.would = summary.would_until = summary.would_reason = None
            if campaign is None:
                summary.state, summary.until, summary.reason = "active", None, None
                continue
            state = effective_state(campaign, now)
            summary.kind = campaign.kind
            summary.reason = campaign.flag_reason if state == "flagged" else campaign.reason
            summary.until = campaign.until if state == "paused" else None
            summary.state = state
            summary.would, summary.would_until, summary.would_reason = projection(
                session, campaign, now
            )


def run_cycle(
    config: Config,
    store: Store,
    sources: list[str],
    *,
    account: str = "local",
    wait: float = 0,
    auditor_options: dict[str, Any] | None = None,
    deliver: bool = True,
) -> CycleResult:
    """sync → detect → apply → act → report, under the run lock."""
    # A killed holder blocks others until its lease expires: keep it short,
    # the holder renews it every third of the time.
    ttl = float(config.section("schedule").get("lock_seconds", 60))
    with RunLock(store, ttl=ttl, wait=wait) as lock:
        auditor = Auditor(config, store, account=account, **(auditor_options or {}))
        with AccountClaims(config, store, lock.holder, ttl, wait) as claims:
            sources = claims.take(sources)
            result = auditor.audit(sources, command="run")
            claims.messages = result.messages
        now = clock.now()
        cycle = CycleResult(audit=result)
        with store.transaction() as session:
            t = Transitions(session, action_names(config), now)
            register_campaigns(t, config, result)
            session.flush()
            cycle.notices_applied = apply_notices(t)
            cycle.lifted = lift_expired(t)
            accounts = {a for a, _ in result.campaigns} | set(config.accounts) or {account}
            for name in sorted(accounts):
                review_flags(t, name)
            cycle.changes = t.changes
            cycle.accounts = sorted(accounts)
            cycle.overrides = overrides(session, now)
        for line in cycle.overrides:  # a person's decision, kept but never silent
            log.warning("%s", line)
        include_known(store, result, accounts)
        fill_states(store, result, now, preview_only=False)
        if deliver:
            cycle.delivery = deliver_actions(store, config, now)
        return cycle


def account_settings(config: Config) -> dict[str, AccountSettings]:
    """Scheduling settings (worker group, weight) of every configured account."""
    return {
        name: AccountSettings(
            worker_group=account.get("worker_group") or None, weight=int(account.get("weight", 1))
        )
        for name, account in config.accounts.items()
    }


def account_interval(config: Config, account: str) -> timedelta:
    """How often ``account`` falls due: its ``sync_minutes``, else the schedule's."""
    default = config.section("schedule").get("sync_minutes", 15)
    return timedelta(minutes=float(config.accounts.get(account, {}).get("sync_minutes", default)))


class AccountClaims:
    """``auditor run`` takes the lease of every configured IMAP account it
    syncs, so it never syncs an account a daemon is working on (PostgreSQL
    daemons do not take the run lock); an account held by a live worker for
    longer than ``wait`` is left out with a warning. The outcome is recorded
    on each lease (what ``auditor accounts`` shows)."""

    def __init__(self, config: Config, store: Store, holder: str, ttl: float, wait: float) -> None:
        self.config = config
        self.leases = Leases(store)
        self.holder = holder
        self.ttl = timedelta(seconds=ttl)
        self.wait = wait
        self.taken: list[str] = []
        self.messages = 0
        self.started = time.monotonic()

    def take(self, sources: list[str]) -> list[str]:
        names = [s.split(":", 1)[1] for s in sources if s.startswith("imap:")]
        names = [n for n in names if n in self.config.accounts]
        if not names:
            return sources
        self.leases.register(account_settings(self.config))
        deadline = time.monotonic() + self.wait
        pending = set(names)
        while pending:
            for name in sorted(pending):
                if self.leases.claim(self.holder, self.ttl, accounts=[name], due=False, group=ANY):
                    self.taken.append(name)
                    pending.discard(name)
            if not pending or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        for name in sorted(pending):
            log.warning("account %s: another worker is syncing it; left out of this run", name)
        return [s for s in sources if not (s.startswith("imap:") and s[5:] in pending)]

    def __enter__(self) -> AccountClaims:
        return self

    def __exit__(self, kind: object, error: BaseException | None, _tb: object) -> None:
        failure = None
        if error is not None:
            failure = str(error).splitlines()[0][:500] if str(error) else type(error).__name__
        seconds = time.monotonic() - self.started
        for name in self.taken:
            try:
                self.leases.finish(
                    name,
                    self.holder,
                    next_due=utcnow() + account_interval(self.config, name),
                    error=failure,
                    duration=seconds,
                    messages=self.messages,
                )
            except Exception as exc:  # the lease expires by itself
                log.warning("releasing the lease of %s failed: %s", name, exc)


def lift_and_deliver(config: Config, store: Store) -> CycleResult | None:
    """The cheap, frequent part of the daemon: lift expired pauses and
    deliver pending actions (no mail is read)."""
    now = clock.now()
    with store.transaction() as session:
        t = Transitions(session, action_names(config), now)
        lifted = lift_expired(t)
    delivery = deliver_actions(store, config, now)
    return CycleResult(audit=AuditResult(generated_at=now), lifted=lifted, delivery=delivery)


def deliver_actions(store: Store, config: Config, now: datetime) -> Any:
    from auditor.actions import deliver_pending

    return deliver_pending(store, config, now=now)


# -- one seller account (the daemon's per-account leases, issue #15) -------------------
def register_account_campaigns(
    t: Transitions, config: Config, result: AuditResult, account: str
) -> None:
    """:func:`register_campaigns` for one account: its configured campaigns
    (those naming it or no account) and every campaign its audit saw."""
    for entry in config.campaigns:
        if entry.get("account") in (None, account):
            t.ensure(
                account,
                entry["name"],
                entry.get("kind", "free_form"),
                entry.get("marketplace"),
                "config",
            )
    for (owner, name), summary in result.campaigns.items():
        t.ensure(owner, name, summary.kind, summary.marketplace, "auto")


def run_account_cycle(
    config: Config,
    store: Store,
    account: str,
    *,
    auditor_options: dict[str, Any] | None = None,
    deliver: bool = True,
) -> CycleResult:
    """sync → detect → apply → act for one configured IMAP account. The
    caller holds the account's lease (auditor.workers); nothing here touches
    another account's notices or flags."""
    auditor = Auditor(config, store, account=account, **(auditor_options or {}))
    result = auditor.audit([f"imap:{account}"], command="run")
    now = clock.now()
    cycle = CycleResult(audit=result)
    with store.transaction() as session:
        t = Transitions(session, action_names(config), now)
        register_account_campaigns(t, config, result, account)
        session.flush()
        cycle.notices_applied = apply_notices(t, [account])
        cycle.lifted = lift_expired(t)
        review_flags(t, account)
    include_known(store, result, {account})
    fill_states(store, result, now, preview_only=False)
    if deliver:
        cycle.delivery = deliver_actions(store, config, now)
    return cycle
