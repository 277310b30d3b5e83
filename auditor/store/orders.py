"""The store's buyer and order memory: named, indexed queries.

Order events (:class:`~auditor.orders.model.OrderEvent`) are kept one row per
fact and mail (``order_events``); ``orders`` and ``buyers`` summarise them
(earliest date of each kind, the buyer an order belongs to). Nothing here is
held in memory between calls: every question is one indexed query by
account and order ID or buyer address.

:class:`OrderMemory` is mixed into :class:`auditor.store.Store`; it uses the
store's ``transaction`` and ``_insert``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.orders.model import EventKind, OrderEvent
from auditor.store.errors import surfaces_errors
from auditor.store.models import Buyer, Order, OrderEventRecord, StoredMessage

#: Which ``orders`` column each kind dates.
_ORDER_COLUMN = {
    EventKind.ORDERED: "ordered_at",
    EventKind.SHIPPED: "shipped_at",
    EventKind.DELIVERED: "delivered_at",
    EventKind.REFUNDED: "refunded_at",
    EventKind.RETURNED: "returned_at",
    EventKind.OPT_OUT: "opted_out_at",
    EventKind.COMPLAINT: "complained_at",
}
_BUYER_COLUMN = {EventKind.OPT_OUT: "opted_out_at", EventKind.COMPLAINT: "complained_at"}
_CHUNK = 500


def _chunks(items: Iterable[str], size: int = _CHUNK) -> Iterator[list[str]]:
    items = sorted(set(items))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _earliest(current: datetime | None, new: datetime | None) -> datetime | None:
    if current is None:
        return new
    if new is None:
        return current
    return min(current, new)


def _event(row: OrderEventRecord) -> OrderEvent:
    return OrderEvent(
        order_id=row.order_id,
        kind=EventKind(row.kind),
        date=row.at,
        buyer=row.buyer,
        marketplace=row.marketplace,
        label=row.message_id,
        subject=row.subject,
        authenticity=row.authenticity,
        evidence=row.evidence,
    )


class OrderMemory:
    """Buyer and order queries of :class:`~auditor.store.Store`."""

    def record_order_events(self, account: str, events: Sequence[OrderEvent]) -> int:
        """Keep ``events`` (a mail seen again adds nothing) and fold them into
        the ``orders`` and ``buyers`` summaries, in one transaction. Returns
        how many events were new."""
        if not events:
            return 0
        rows = [
            {
                "account": account,
                "order_id": e.order_id,
                "buyer": e.buyer,
                "kind": e.kind.value,
                "at": e.date,
                "message_id": e.label[:998],
                "subject": e.subject,
                "marketplace": e.marketplace,
                "authenticity": e.authenticity,
                "evidence": e.evidence,
            }
            for e in events
        ]
        with self.transaction() as session:  # type: ignore[attr-defined]
            result = session.execute(
                self._insert(OrderEventRecord).on_conflict_do_nothing(  # type: ignore[attr-defined]
                    index_elements=["account", "kind", "order_id", "buyer", "message_id"]
                ),
                rows,
            )
            self._fold_orders(session, account, [e for e in events if e.order_id])
            self._fold_buyers(session, account, [e for e in events if e.buyer])
        return max(result.rowcount or 0, 0)

    def _fold_orders(self, session: Session, account: str, events: list[OrderEvent]) -> None:
        wanted = {e.order_id for e in events}
        known: dict[str, Order] = {}
        for chunk in _chunks(wanted):
            for order in session.scalars(
                select(Order).where(Order.account == account, Order.order_id.in_(chunk))
            ):
                known[order.order_id] = order
        for e in events:
            order = known.get(e.order_id)
            if order is None:
                order = Order(account=account, order_id=e.order_id, marketplace=e.marketplace)
                session.add(order)
                known[e.order_id] = order
            if not e.trusted:
                continue  # possible phishing: kept as an event, never a fact
            column = _ORDER_COLUMN[e.kind]
            setattr(order, column, _earliest(getattr(order, column), e.date))
            order.buyer = order.buyer or e.buyer or None
            order.marketplace = order.marketplace or e.marketplace

    def _fold_buyers(self, session: Session, account: str, events: list[OrderEvent]) -> None:
        known: dict[str, Buyer] = {}
        for chunk in _chunks(e.buyer for e in events):
            for buyer in session.scalars(
                select(Buyer).where(Buyer.account == account, Buyer.address.in_(chunk))
            ):
                known[buyer.address] = buyer
        for e in events:
            buyer = known.get(e.buyer)
            if buyer is None:
                buyer = Buyer(account=account, address=e.buyer, marketplace=e.marketplace)
                session.add(buyer)
                known[e.buyer] = buyer
            column = _BUYER_COLUMN.get(e.kind)
            if column and e.trusted:
                setattr(buyer, column, _earliest(getattr(buyer, column), e.date))

    def link_buyer(
        self, account: str, order_id: str, buyer: str, marketplace: str | None = None
    ) -> None:
        """Record that ``order_id`` is ``buyer``'s (learnt from a message the
        seller sent them about it); an opt-out or complaint on the order
        then holds for the buyer too."""
        buyer = buyer.lower()
        with self.transaction() as session:  # type: ignore[attr-defined]
            order = session.scalars(
                select(Order).where(Order.account == account, Order.order_id == order_id)
            ).first()
            if order is None:
                order = Order(account=account, order_id=order_id, marketplace=marketplace)
                session.add(order)
            order.buyer = order.buyer or buyer
            row = session.scalars(
                select(Buyer).where(Buyer.account == account, Buyer.address == buyer)
            ).first()
            if row is None:
                row = Buyer(account=account, address=buyer, marketplace=marketplace)
                session.add(row)
            if order.buyer == buyer:
                row.opted_out_at = _earliest(row.opted_out_at, order.opted_out_at)
                row.complained_at = _earliest(row.complained_at, order.complained_at)

    def has_order_events(self, account: str, kinds: Iterable[EventKind]) -> bool:
        """Whether any event of ``kinds`` is stored for ``account``."""
        with self.transaction() as session:  # type: ignore[attr-defined]
            return (
                session.scalar(
                    select(OrderEventRecord.id)
                    .where(
                        OrderEventRecord.account == account,
                        OrderEventRecord.kind.in_([k.value for k in kinds]),
                    )
                    .limit(1)
                )
                is not None
            )

    def order_events_of_kinds(
        self, account: str, kinds: Iterable[EventKind]
    ) -> Iterator[OrderEvent]:
        """Every stored event of ``kinds`` for ``account`` (the opt-outs,
        complaints, refunds: few next to the messages), streamed, each with
        its order's buyer when the event names none."""
        with self.transaction() as session:  # type: ignore[attr-defined]
            query = (
                select(OrderEventRecord, Order.buyer)
                .outerjoin(
                    Order,
                    (Order.account == OrderEventRecord.account)
                    & (Order.order_id == OrderEventRecord.order_id),
                )
                .where(
                    OrderEventRecord.account == account,
                    OrderEventRecord.kind.in_([k.value for k in kinds]),
                )
                .execution_options(yield_per=1000)
            )
            for row, owner in session.execute(query):
                event = _event(row)
                yield replace(event, buyer=owner) if not event.buyer and owner else event

    def order_events(
        self,
        account: str,
        order_ids: Iterable[str] = (),
        buyers: Iterable[str] = (),
        kinds: Iterable[EventKind] | None = None,
    ) -> list[OrderEvent]:
        """Every stored event about ``order_ids`` or ``buyers``, including
        the other orders known to be those buyers', oldest first. An event
        that names no buyer gets its order's buyer when the store knows it
        (an opt-out bounce names only the order). Indexed lookups, in chunks."""
        orders = {o for o in order_ids if o}
        buyers = {b.lower() for b in buyers if b}
        wanted = [k.value for k in kinds] if kinds is not None else None
        found: dict[int, OrderEvent] = {}
        owner: dict[str, str] = {}
        with self.transaction() as session:  # type: ignore[attr-defined]
            for chunk in _chunks(buyers):
                for order_id, buyer in session.execute(
                    select(Order.order_id, Order.buyer).where(
                        Order.account == account, Order.buyer.in_(chunk)
                    )
                ):
                    orders.add(order_id)
                    owner[order_id] = buyer
            for chunk in _chunks(orders - set(owner)):
                for order_id, buyer in session.execute(
                    select(Order.order_id, Order.buyer).where(
                        Order.account == account,
                        Order.order_id.in_(chunk),
                        Order.buyer.is_not(None),
                    )
                ):
                    owner[order_id] = buyer
            for column, values in (
                (OrderEventRecord.order_id, orders),
                (OrderEventRecord.buyer, buyers),
            ):
                for chunk in _chunks(values):
                    query = select(OrderEventRecord).where(
                        OrderEventRecord.account == account, column.in_(chunk)
                    )
                    if wanted is not None:
                        query = query.where(OrderEventRecord.kind.in_(wanted))
                    for row in session.scalars(query):
                        found[row.id] = _event(row)
        events = [
            replace(e, buyer=owner[e.order_id]) if not e.buyer and e.order_id in owner else e
            for e in found.values()
        ]
        return sorted(events, key=lambda e: (e.date is None, e.date or datetime.max))

    @surfaces_errors
    def solicit_events(
        self, account: str, buyer: str, order_ids: Iterable[str] = ()
    ) -> list[OrderEvent]:
        """What may forbid a proactive message to ``buyer`` about
        ``order_ids``: the events of those orders, of the buyer, and of the
        other orders known to be the buyer's."""
        return self.order_events(account, order_ids, [buyer] if buyer else [])

    def order_rows(self, account: str, order_ids: Iterable[str] | None = None) -> list[Order]:
        """The ``orders`` summaries of ``account`` (all, or those of ``order_ids``)."""
        with self.transaction() as session:  # type: ignore[attr-defined]
            query = select(Order).where(Order.account == account)
            if order_ids is None:
                return list(session.scalars(query.order_by(Order.order_id)))
            rows: list[Order] = []
            for chunk in _chunks(order_ids):
                rows.extend(session.scalars(query.where(Order.order_id.in_(chunk))))
            return sorted(rows, key=lambda o: o.order_id)

    def sent_to_orders(self, account: str, order_ids: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The stored sent messages naming one of ``order_ids``: for the
        timeline (a scan of the account's sent messages, not for hot paths)."""
        wanted = set(order_ids)
        if not wanted:
            return
        with self.transaction() as session:  # type: ignore[attr-defined]
            query = select(
                StoredMessage.message_id,
                StoredMessage.source,
                StoredMessage.key,
                StoredMessage.date,
                StoredMessage.subject,
                StoredMessage.to_addr,
                StoredMessage.order_ids,
                StoredMessage.campaign,
            ).where(StoredMessage.account == account, StoredMessage.kind == "sent")
            for mid, source, key, date, subject, to, orders, campaign in session.execute(query):
                for order in orders or []:
                    if order in wanted:
                        yield {
                            "order_id": order,
                            "message_id": mid or f"{source}#{key}",
                            "date": date,
                            "subject": subject,
                            "to": to,
                            "campaign": campaign,
                        }
