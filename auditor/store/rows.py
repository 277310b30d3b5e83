"""The rows the store writes in bulk (``messages``, ``findings``,
``notices``) as tuples in a fixed column order, for
:class:`auditor.store.bulk.BulkInsert` (and Core's executemany elsewhere)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from auditor.store.record import MessageRecord
from rules.finding import Finding

#: the columns of the rows :func:`finding_row`, :func:`message_row` and
#: :func:`notice_row` build, in order
FINDING_COLUMNS = (
    "message",
    "account",
    "rule",
    "severity",
    "campaign",
    "location",
    "evidence",
    "fingerprint",
    "related",
    "waived",
    "first_run",
    "last_run",
)
MESSAGE_COLUMNS = (
    "account",
    "content_hash",
    "message_id",
    "source",
    "key",
    "folder",
    "kind",
    "date",
    "subject",
    "from_addr",
    "to_addr",
    "marketplace",
    "language",
    "campaign",
    "order_ids",
    "review_request",
    "first_run",
    "last_run",
)
NOTICE_COLUMNS = (
    "message",
    "account",
    "kind",
    "authenticity",
    "received_at",
    "starts_at",
    "ends_at",
    "marketplace",
    "data",
    "raw",
    "applied",
)

#: the unique key of a finding (its ON CONFLICT target)
FINDING_KEY = ("message", "rule", "fingerprint")


def finding_row(
    message: int, account: str, finding: Finding, fingerprint: str, run_id: int | None
) -> tuple[Any, ...]:
    """The ``findings`` table row of ``finding`` on stored message ``message``."""
    return (
        message,
        account,
        finding.rule,
        finding.severity,
        finding.campaign,
        finding.location,
        finding.evidence[:2000],
        fingerprint,
        finding.related[:50],
        finding.waived,
        run_id,
        run_id,
    )


def message_row(r: MessageRecord, run_id: int | None) -> tuple[Any, ...]:
    """The ``messages`` table row of an audited message."""
    return (
        r.account,
        r.content_hash,
        (r.message_id or "")[:998] or None,
        r.source,
        r.key,
        r.folder,
        r.kind,
        r.date,
        r.subject[:2000],
        r.from_addr[:320],
        r.to_addr[:320],
        r.marketplace,
        r.language,
        r.campaign,
        r.order_ids[:20],
        r.review_request,
        run_id,
        run_id,
    )


def notice_row(message: int, record: MessageRecord) -> tuple[Any, ...]:
    """The ``notices`` table row of ``record``'s notice, on stored message ``message``."""
    data = record.notice or {}
    return (
        message,
        record.account,
        data["kind"],
        data["authenticity"],
        as_datetime(data.get("received_at")),
        as_datetime(data.get("starts_at")),
        as_datetime(data.get("ends_at")),
        data.get("marketplace"),
        data,
        record.raw,
        False,
    )


def as_datetime(value: Any) -> datetime | None:
    """``value`` (None, a datetime or its ISO text) as a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
