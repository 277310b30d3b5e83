"""The account-health timeline for an appeal or a plan of action.

:func:`build_timeline` turns notices into a plain data structure that a
renderer walks (``auditor.report.timeline``): every notice in date order
with its IDs, sender and authenticity; per ASIN the chain complaint →
retraction → cleared / reinstated; and the items still open at ``now``:

* an ASIN whose complaint has no clearance or reinstatement after it (a
  retraction alone does not clear it: seed 000);
* a restriction still running: permanent, no period stated, or ending
  after ``now``;
* an account deactivation with no reinstatement after it;
* an appeal acknowledged with no decision (or reinstatement) after it.

Suspicious notices (possible phishing) are listed, flagged, and never open
or close anything. A forward of a notice that is also in the mailbox itself
(same kind, sender and minute) is the same notice and is listed once, as the
original.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditor.notices.groups import RESTRICTION_KINDS, NoticeKind
from auditor.notices.model import Notice

#: The state an ASIN is in after each kind of notice.
_ASIN_STATE = {
    NoticeKind.IP_COMPLAINT: "complaint",
    NoticeKind.IP_RETRACTION: "retracted",
    NoticeKind.VIOLATION_CLEARED: "cleared",
    NoticeKind.LISTING_REINSTATED: "reinstated",
}
_OPEN_ASIN_STATES = frozenset({"complaint", "retracted"})
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One notice as the timeline shows it."""

    date: datetime | None
    kind: str
    subject: str
    sender: str
    authenticity: str
    message_id: str
    asins: tuple[str, ...] = ()
    order_ids: tuple[str, ...] = ()
    complaint_ids: tuple[str, ...] = ()
    case_ids: tuple[str, ...] = ()
    ends_at: datetime | None = None
    permanent: bool = False
    duration_stated: bool = False
    forwarded: bool = False
    phishing: bool = False
    note: str = ""
    source: str = ""
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": _iso(self.date),
            "kind": self.kind,
            "subject": self.subject,
            "sender": self.sender,
            "authenticity": self.authenticity,
            "message_id": self.message_id,
            "asins": list(self.asins),
            "order_ids": list(self.order_ids),
            "complaint_ids": list(self.complaint_ids),
            "case_ids": list(self.case_ids),
            "ends_at": _iso(self.ends_at),
            "permanent": self.permanent,
            "duration_stated": self.duration_stated,
            "forwarded": self.forwarded,
            "phishing": self.phishing,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ChainEvent:
    """One step of an ASIN's chain."""

    date: datetime | None
    kind: str
    message_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"date": _iso(self.date), "kind": self.kind, "message_id": self.message_id}


@dataclass(frozen=True, slots=True)
class AsinChain:
    """An ASIN's complaint → retraction → cleared / reinstated chain."""

    asin: str
    events: tuple[ChainEvent, ...]
    status: str  #: complaint | retracted | cleared | reinstated

    @property
    def open(self) -> bool:
        return self.status in _OPEN_ASIN_STATES

    def to_dict(self) -> dict[str, Any]:
        return {
            "asin": self.asin,
            "status": self.status,
            "open": self.open,
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class OpenItem:
    """Something still unresolved at the end of the timeline."""

    kind: str  #: asin | restriction | deactivation | appeal
    subject: str  #: what is open: the ASIN, or the notice's subject
    since: datetime | None
    until: datetime | None
    detail: str
    message_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "since": _iso(self.since),
            "until": _iso(self.until),
            "detail": self.detail,
            "message_ids": list(self.message_ids),
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    """Notices in date order, ASIN chains, and the open items at ``now``."""

    now: datetime
    entries: tuple[TimelineEntry, ...]
    asins: tuple[AsinChain, ...]
    open_items: tuple[OpenItem, ...]
    #: per-order rows (auditor.orders.timeline.OrderRow): order, shipment,
    #: messages, opt-out / complaint, refund
    orders: tuple[Any, ...] = ()

    @property
    def phishing(self) -> tuple[TimelineEntry, ...]:
        """The entries flagged as possible phishing."""
        return tuple(e for e in self.entries if e.phishing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "auditor.timeline/1",
            "now": self.now.isoformat(),
            "entries": [e.to_dict() for e in self.entries],
            "asins": [c.to_dict() for c in self.asins],
            "open_items": [o.to_dict() for o in self.open_items],
            "phishing": [e.message_id for e in self.phishing],
            "orders": [row.to_dict() for row in self.orders],
        }


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value is not None else "?"


def _note(notice: Notice) -> str:
    parts = []
    if notice.phishing:
        why = next(
            (
                r
                for r in notice.authenticity_reasons
                if "imitates" in r or "claims" in r or "fail" in r or "link" in r
            ),
            "",
        )
        parts.append("POSSIBLE PHISHING" + (f": {why}" if why else ""))
    if notice.needs_confirmation:
        why = "; ".join(notice.authenticity_reasons[:2]) or notice.authenticity.value
        parts.append(
            f"NEEDS CONFIRMING ({why}): nothing is paused until a person runs "
            f"'{notice.confirm_command}'"
        )
    if notice.kind in RESTRICTION_KINDS:
        if notice.permanent:
            parts.append("permanent")
        elif notice.ends_at is not None:
            parts.append(f"until {_day(notice.ends_at)}")
        elif notice.duration_stated and notice.duration is not None:
            parts.append(f"for {notice.duration}")
        else:
            parts.append("no period stated")
    elif notice.kind is NoticeKind.ACCOUNT_DEACTIVATED and notice.permanent:
        parts.append("permanent")
    if notice.violations:
        parts.append("violations: " + ", ".join(notice.violations))
    if notice.rights_owner:
        parts.append(f"rights owner: {notice.rights_owner}")
    if notice.forwarded:
        parts.append(f"forwarded by {notice.forwarded_by}")
    if notice.linked:
        parts.append("concerns " + ", ".join(notice.linked))
    return "; ".join(parts)


def _entry(notice: Notice) -> TimelineEntry:
    return TimelineEntry(
        date=notice.received_at,
        kind=notice.kind.value,
        subject=notice.subject,
        sender=notice.sender,
        authenticity=notice.authenticity.value,
        message_id=notice.message_id,
        asins=tuple(notice.asins),
        order_ids=tuple(notice.order_ids),
        complaint_ids=tuple(notice.complaint_ids),
        case_ids=tuple(notice.case_ids),
        ends_at=notice.ends_at,
        permanent=notice.permanent,
        duration_stated=notice.duration_stated,
        forwarded=notice.forwarded,
        phishing=notice.phishing,
        note=_note(notice),
        source=notice.source,
        key=notice.key,
    )


def _order(notice: Notice) -> tuple[datetime, str]:
    return (notice.received_at or _FAR_FUTURE, notice.message_id)


def _later(notices: list[Notice], after: Notice, kinds: set[NoticeKind]) -> Notice | None:
    start = after.received_at
    for other in notices:
        if other.kind in kinds and (
            start is None or other.received_at is None or other.received_at >= start
        ):
            return other
    return None


def _same(notice: Notice) -> tuple[str, str, datetime | None]:
    minute = notice.received_at.replace(second=0, microsecond=0) if notice.received_at else None
    return notice.kind.value, notice.sender.lower(), minute


def _without_duplicate_forwards(notices: Iterable[Notice]) -> list[Notice]:
    notices = list(notices)
    originals = {_same(n) for n in notices if not n.forwarded}
    return [n for n in notices if not (n.forwarded and n.received_at and _same(n) in originals)]


def build_timeline(notices: Iterable[Notice], now: datetime) -> Timeline:
    """The timeline of ``notices`` as it stands at ``now`` (an aware datetime)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    ordered = sorted(_without_duplicate_forwards(notices), key=_order)
    trusted = [n for n in ordered if not n.phishing]
    asin_chains = _asin_chains(trusted)
    open_items = [_open_asin(chain) for chain in asin_chains if chain.open]
    for notice in trusted:
        item = _open_item(notice, trusted, now)
        if item is not None:
            open_items.append(item)
    return Timeline(now, tuple(_entry(n) for n in ordered), tuple(asin_chains), tuple(open_items))


def _asin_chains(trusted: list[Notice]) -> list[AsinChain]:
    """Per ASIN the chain complaint → retraction → cleared / reinstated, in
    the order of each chain's first event."""
    chains: dict[str, list[ChainEvent]] = {}
    for notice in trusted:
        if notice.kind in _ASIN_STATE:
            for asin in notice.asins:
                chains.setdefault(asin, []).append(
                    ChainEvent(notice.received_at, notice.kind.value, notice.message_id)
                )
    asin_chains = [
        AsinChain(asin, tuple(events), _ASIN_STATE[NoticeKind(events[-1].kind)])
        for asin, events in chains.items()
    ]
    asin_chains.sort(key=lambda c: (c.events[0].date or _FAR_FUTURE, c.asin))
    return asin_chains


def _open_asin(chain: AsinChain) -> OpenItem:
    return OpenItem(
        "asin",
        chain.asin,
        chain.events[0].date,
        None,
        f"{chain.status}: no clearance or reinstatement after it",
        tuple(e.message_id for e in chain.events),
    )


def _open_item(notice: Notice, trusted: list[Notice], now: datetime) -> OpenItem | None:
    """The item ``notice`` leaves open at ``now``: a restriction still
    running, a deactivation not reinstated, an appeal not decided (or None)."""
    if notice.kind in RESTRICTION_KINDS:
        return _open_restriction(notice, now)
    if notice.kind is NoticeKind.ACCOUNT_DEACTIVATED:
        if _later(trusted, notice, {NoticeKind.ACCOUNT_REINSTATED}) is not None:
            return None
        return OpenItem(
            "deactivation",
            notice.subject,
            notice.received_at,
            None,
            "account deactivated; no reinstatement after it",
            (notice.message_id,),
        )
    if notice.kind is NoticeKind.APPEAL_RECEIVED:
        decisions = {NoticeKind.APPEAL_DECISION, NoticeKind.ACCOUNT_REINSTATED}
        if _later(trusted, notice, decisions) is not None:
            return None
        return OpenItem(
            "appeal",
            notice.subject,
            notice.received_at,
            None,
            "appeal received; no decision after it",
            (notice.message_id,),
        )
    return None


def _open_restriction(notice: Notice, now: datetime) -> OpenItem | None:
    """A restriction still running at ``now``: permanent, no period stated,
    or ending after ``now`` (None once it has ended)."""
    if notice.permanent:
        detail = "permanent"
    elif notice.ends_at is None:
        detail = "no period stated"
    elif notice.ends_at > now:
        detail = f"runs until {_day(notice.ends_at)}"
    else:
        return None
    return OpenItem(
        "restriction",
        notice.subject,
        notice.received_at,
        notice.ends_at,
        f"{notice.kind.value}: {detail}",
        (notice.message_id,),
    )
