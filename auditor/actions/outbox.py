"""The delivery loop: hand the outbox rows to their actions, at least once.

:class:`~auditor.campaigns.state.Transitions` writes one ``outbox`` row per
event and configured action in the same transaction as the state change, so
no event is lost between "the campaign was paused" and "someone was told".
:func:`deliver_pending` then works through the rows that are due:

1. **Claim** a row with one atomic ``UPDATE … SET lease_until = now + lease
   WHERE id = ? AND delivered_at IS NULL AND next_attempt_at <= now AND
   (lease_until IS NULL OR lease_until < now)`` (``store.claim_outbox``, see
   :mod:`auditor.store.outbox`) and go on only if it changed one row. Two
   workers (threads, processes, machines sharing one PostgreSQL store) can
   race for a row; exactly one wins. The lease is at least 60 s and
   at least four times the action's timeout plus 5 s (125 s when the action
   sets no timeout), so a slow delivery is not claimed a second time while it
   is still running.
2. **Deliver** outside any transaction (no database lock is held while a
   webhook or an SMTP server takes its time).
3. **Record** the outcome: ``delivered_at`` on success; on failure
   ``attempts`` + 1, ``last_error`` (redacted, at most 500 characters) and
   ``next_attempt_at`` after an exponential backoff (30 s, 1 min, 2 min, …,
   capped at 1 h, and never sooner than a receiver's ``Retry-After``).

A worker that crashes between delivering and recording leaves the lease to
expire; the row is then delivered again with the same idempotency key, which
is why every action carries that key: at-least-once delivery, exactly-once
effect for a receiver that drops duplicates.

Events of one campaign reach each action in the order they happened: a row
waits while an older row of the same action, account and campaign is still
undelivered (``blocked`` in the report), so a receiver that pauses and
resumes a campaign elsewhere never sees "resumed" before "paused" because
the pause was being retried. Events without a campaign (alerts) are not held.

Rows whose event type is not in the action's ``events`` list are marked
delivered without being sent (``skipped``; ``last_error`` says why) — the
rows are still written for every action, which keeps the outbox writer
simple and the decision visible. ``events`` entries may be shell-style
patterns (``campaign.*``). A row for an action name that is no longer
configured fails with a clear error and stays queued, so putting the action
back delivers it.

``attempts`` counts delivery attempts, successful or not.
"""

from __future__ import annotations

import fnmatch
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from auditor import clock
from auditor.actions.base import ActionError, missing_keys
from auditor.actions.registry import action_types, configured_actions
from auditor.secrets import redact
from auditor.store.models import Outbox

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
MAX_ERROR = 500


@dataclass
class DeliveryReport:
    """What one :func:`deliver_pending` pass did.

    ``delivered``, ``failed`` and ``skipped`` (filtered out by the action's
    ``events``) count rows handled in this pass; ``blocked`` rows were due but
    wait behind an older undelivered event of the same campaign; ``pending``
    is every row still undelivered afterwards, due or not. ``failures`` holds
    one line per failure naming the action and the error (never a secret).
    """

    delivered: int = 0
    failed: int = 0
    skipped: int = 0
    blocked: int = 0
    pending: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed in this pass."""
        return self.failed == 0

    def lines(self) -> list[str]:
        """A one-line summary followed by the failure lines, for the CLI."""
        head = (
            f"actions: {self.delivered} delivered, {self.failed} failed, "
            f"{self.skipped} skipped, {self.pending} pending"
        )
        if self.blocked:
            head += f" ({self.blocked} waiting for an earlier event)"
        return [head, *self.failures]

    def as_dict(self) -> dict[str, Any]:
        """The counts and failure lines, for ``--format json``."""
        return {
            "delivered": self.delivered,
            "failed": self.failed,
            "skipped": self.skipped,
            "blocked": self.blocked,
            "pending": self.pending,
            "failures": list(self.failures),
        }


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 30 s doubling per
    attempt up to 1 h, and at least ``retry_after`` seconds (capped too)."""
    delay = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** min(max(attempts - 1, 0), 20)))
    if retry_after:
        delay = max(delay, min(BACKOFF_CAP, timedelta(seconds=retry_after)))
    return delay


def wanted(event_type: str, patterns: list[str] | None) -> bool:
    """Whether an action whose ``events`` setting is ``patterns`` takes ``event_type``."""
    if patterns is None:
        return True
    return any(fnmatch.fnmatchcase(event_type, pattern) for pattern in patterns)


def _lease_for(settings: dict[str, Any] | None, lease: timedelta) -> timedelta:
    timeout = (settings or {}).get("timeout")
    if isinstance(timeout, (int, float)) and timeout > 0:
        return max(lease, timedelta(seconds=4 * timeout + 5))
    return max(lease, timedelta(seconds=125))  # the built-ins' longest default is 30 s


class _Blocked(Exception):
    pass


def _claim(store: Any, row_id: int, moment: datetime, lease: timedelta) -> Outbox | None:
    """Lease row ``row_id`` for this worker; None if another worker has it.

    Raises :class:`_Blocked` if an older event of the same campaign for the
    same action is still undelivered.
    """
    waits = store.outbox_waits(row_id)
    if waits is None:
        return None
    if waits:
        raise _Blocked
    return store.claim_outbox(row_id, moment, moment + lease)


def _attempt(
    row: Outbox, settings: dict[str, Any] | None, configured: list[str]
) -> tuple[str, str | None, float | None]:
    """Deliver one claimed row: ("delivered" | "skipped" | "failed", note, retry_after)."""
    if settings is None:
        known = ", ".join(configured) or "none"
        return (
            "failed",
            f"action {row.action!r} is not configured (configured: {known}); kept queued "
            "until it is configured again",
            None,
        )
    event = dict(row.event or {})
    event.setdefault("idempotency_key", row.idempotency_key)
    event_type = str(event.get("type") or "")
    if not wanted(event_type, settings.get("events")):
        return "skipped", f"skipped: {event_type} is not in this action's events", None
    kind = str(settings.get("type"))
    deliver = action_types().get(kind)
    if deliver is None:
        known = ", ".join(sorted(action_types()))
        return "failed", f"unknown action type {kind!r} (known: {known})", None
    missing = missing_keys(deliver, settings)
    if missing:
        return "failed", f"setting {', '.join(missing)} missing", None
    try:
        deliver(event, settings)
    except ActionError as exc:
        return "failed", str(exc), exc.retry_after
    except Exception as exc:  # a plugin's bug must not stop the other deliveries
        log.debug("action %s raised", row.action, exc_info=True)
        return "failed", f"{type(exc).__name__}: {exc}", None
    return "delivered", None, None


def deliver_pending(
    store: Any,
    config: Any,
    now: datetime | None = None,
    limit: int = 100,
    *,
    lease: timedelta = LEASE,
) -> DeliveryReport:
    """Deliver up to ``limit`` due outbox rows and record each outcome.

    ``store`` is an :class:`auditor.store.Store`, ``config`` an
    :class:`auditor.config.Config` (its ``[[actions]]`` give each row's
    settings by name). ``now`` fixes the clock for the whole pass (tests);
    by default each row is claimed and recorded at the current time from
    :func:`auditor.clock.now` (which honours ``AUDITOR_NOW``) — prefer that
    in long-running workers. Never raises for a failed delivery: failures
    are counted, reported and retried later. Raises
    :class:`~auditor.errors.ConfigError` only for an ``[[actions]]`` array it
    cannot map to names (see :func:`configured_actions`).
    """
    current: Callable[[], datetime] = (lambda: now) if now is not None else clock.now
    started = time.monotonic()

    def lease_from(moment: datetime, settings: dict[str, Any] | None) -> timedelta:
        # With a fixed ``now``, a lease still has to outlast the real time this
        # pass has already taken, or a slow pass would hand out expired leases.
        elapsed = timedelta(seconds=time.monotonic() - started) if now is not None else timedelta()
        return _lease_for(settings, lease) + elapsed

    actions = configured_actions(config)
    report = DeliveryReport()
    candidates = store.due_outbox(current(), limit)
    for row_id, action_name in candidates:
        settings = actions.get(action_name)
        moment = current()
        try:
            row = _claim(store, row_id, moment, lease_from(moment, settings))
        except _Blocked:
            report.blocked += 1
            continue
        if row is None:
            continue  # another worker has it, or it was delivered meanwhile
        outcome, note, retry_after = _attempt(row, settings, list(actions))
        moment = current()
        if outcome == "delivered":
            store.finish_outbox(row_id, attempted=True, delivered_at=moment)
            report.delivered += 1
            log.info("action %s delivered %s", action_name, row.idempotency_key)
        elif outcome == "skipped":
            store.finish_outbox(row_id, attempted=False, delivered_at=moment, last_error=note)
            report.skipped += 1
        else:
            error = redact(" ".join(str(note).split()))[:MAX_ERROR]
            attempts = row.attempts + 1
            retry_at = moment + backoff(attempts, retry_after)
            store.finish_outbox(row_id, attempted=True, last_error=error, next_attempt_at=retry_at)
            report.failed += 1
            kind = settings.get("type") if settings else "?"
            line = (
                f"action {action_name} ({kind}): {error} "
                f"[event {row.idempotency_key}, attempt {attempts}, "
                f"next try {retry_at.isoformat(timespec='seconds')}]"
            )
            report.failures.append(line)
            log.warning("%s", line)
    report.pending = store.undelivered_outbox()
    return report
