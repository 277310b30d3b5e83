"""Per-order rows for the account-health timeline: order, shipment, delivery,
the seller's messages, opt-out / complaint, refund / return.

:func:`order_rows` turns order events and the sent messages naming each
order into plain rows a renderer walks. Only orders worth showing in an
appeal get a row: those the seller wrote to, or that a buyer opted out of,
complained about, returned or had refunded. Suspicious mail (possible
phishing) is left out, as on the rest of the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditor.orders.model import DO_NOT_SOLICIT, ORDER_CLOSED, EventKind, OrderEvent

_FAR = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Mark:
    """One dated mail on an order's row."""

    date: datetime | None
    message_id: str
    subject: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "message_id": self.message_id,
            "subject": self.subject,
        }


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message the seller sent about an order (what the timeline needs of it)."""

    order_id: str
    buyer: str
    date: datetime | None
    message_id: str
    subject: str = ""


@dataclass
class OrderRow:
    """What the mailbox says about one order, in date order per column."""

    order_id: str
    buyer: str = ""
    marketplace: str | None = None
    marks: dict[str, Mark] = field(default_factory=dict)  #: event kind -> first mail
    messages: list[Mark] = field(default_factory=list)

    @property
    def solicited_after(self) -> list[Mark]:
        """Messages sent after an opt-out, complaint, refund or return."""
        stops = [
            m.date
            for k, m in self.marks.items()
            if EventKind(k) in DO_NOT_SOLICIT | ORDER_CLOSED and m.date
        ]
        if not stops:
            return []
        first = min(stops)
        return [m for m in self.messages if m.date and m.date > first]

    @property
    def note(self) -> str:
        late = self.solicited_after
        return f"{len(late)} message(s) after the buyer's stop" if late else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "order_id": self.order_id,
            "buyer": self.buyer or None,
            "marketplace": self.marketplace,
            **{
                kind.value: (self.marks[kind.value].to_dict() if kind.value in self.marks else None)
                for kind in EventKind
            },
            "messages": [m.to_dict() for m in self.messages],
            "messages_after_stop": [m.message_id for m in self.solicited_after],
            "note": self.note,
        }


def _first(current: Mark | None, event: OrderEvent) -> Mark:
    mark = Mark(event.date, event.label, event.subject)
    if current is None or (event.date or _FAR) < (current.date or _FAR):
        return mark
    return current


def order_rows(events: Iterable[OrderEvent], messages: Iterable[SentMessage]) -> list[OrderRow]:
    """The rows worth showing (see the module docstring), oldest order first."""
    rows: dict[str, OrderRow] = {}
    buyer_wide: list[OrderEvent] = []
    for msg in messages:
        row = rows.setdefault(msg.order_id, OrderRow(msg.order_id))
        row.buyer = row.buyer or msg.buyer
        mark = Mark(msg.date, msg.message_id, msg.subject)
        if mark not in row.messages:
            row.messages.append(mark)
    for event in events:
        if not event.trusted:
            continue
        if not event.order_id:
            buyer_wide.append(event)
            continue
        row = rows.setdefault(event.order_id, OrderRow(event.order_id))
        row.buyer = row.buyer or event.buyer
        row.marketplace = row.marketplace or event.marketplace
        row.marks[event.kind.value] = _first(row.marks.get(event.kind.value), event)
    for event in buyer_wide:  # a complaint naming no order: every order of that buyer
        for row in rows.values():
            if event.buyer and row.buyer == event.buyer:
                row.marks[event.kind.value] = _first(row.marks.get(event.kind.value), event)
    shown = [
        row
        for row in rows.values()
        if row.messages or any(EventKind(k) in DO_NOT_SOLICIT | ORDER_CLOSED for k in row.marks)
    ]
    for row in shown:
        row.messages.sort(key=lambda m: m.date or _FAR)

    def start(row: OrderRow) -> datetime:
        dates = [m.date for m in (*row.marks.values(), *row.messages) if m.date]
        return min(dates) if dates else _FAR

    return sorted(shown, key=lambda row: (start(row), row.order_id))
