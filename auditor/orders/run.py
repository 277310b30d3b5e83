""":class:`RunMemory`: what one audit learns about orders and buyers, and
what it asks the store about them.

The audit calls :meth:`RunMemory.learn` for every mail it reads (Amazon's
order mail, opt-out bounces, buyer complaints), :meth:`RunMemory.sent` for
every message the seller sent, :meth:`RunMemory.flush` with each batch it
stores, and :meth:`RunMemory.prepare` before the cross-message rules finish:
that loads the stored facts of the orders and buyers this audit's messages
name into the run index (:mod:`auditor.orders.facts`), where BSM505, BSM703
and BSM704 read them. Everything per message lives in the run index (on
disk) or goes to the store in batches: memory does not grow with the mailbox.

``store`` is an :class:`auditor.store.Store` or None; this module only calls
its named methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from auditor.message.amazon import relay_marketplace
from auditor.message.ids import order_ids
from auditor.message.model import Message
from auditor.notices import Notice
from auditor.orders import facts
from auditor.orders.extract import order_events
from auditor.orders.model import (
    DO_NOT_SOLICIT,
    ORDER_CLOSED,
    WINDOW_START,
    EventKind,
    OrderEvent,
)
from auditor.orders.timeline import OrderRow, SentMessage, order_rows

_KEYS = "order_keys"
_CHUNK = 500


class RunMemory:
    """Order and buyer facts for one audit (see the module docstring)."""

    def __init__(self, index: Any, store: Any = None, collect: bool = False) -> None:
        self.index = index
        self.store = store
        #: keep what the timeline shows of each sent message (else only its keys)
        self.collect = collect
        facts.declare(index)
        index.table(
            _KEYS,
            (
                "account TEXT",
                "order_id TEXT",
                "buyer TEXT",
                "stamp REAL",
                "date TEXT",
                "label TEXT",
                "subject TEXT",
            ),
            indexes=("account, order_id", "account, buyer"),
        )
        #: events not yet in the store, by account (one batch at most)
        self._pending: dict[str, list[OrderEvent]] = {}

    def learn(self, account: str, msg: Message, notice: Notice | None) -> list[OrderEvent]:
        """The facts ``msg`` states (see :func:`auditor.orders.extract.order_events`),
        remembered for this audit and queued for the store."""
        events = order_events(msg, notice)
        for event in events:
            facts.add(self.index, event)
        if events:
            self._pending.setdefault(account, []).extend(events)
        return events

    def sent(self, account: str, msg: Message, body: str) -> None:
        """Note which orders and buyers a sent message names."""
        relays = sorted({a.lower() for a in (*msg.to, *msg.cc) if relay_marketplace(a)}) or [""]
        orders = order_ids(msg.subject, body) or [""]
        shown: tuple[Any, ...] = (None, None, None, None)
        if self.collect:
            when = msg.date.isoformat() if msg.date else None
            shown = (msg.date.timestamp() if msg.date else None, when, msg.label, msg.subject)
        for relay in relays:
            for order in orders:
                if relay or order:
                    self.index.add(_KEYS, (account, order, relay, *shown))

    def flush(self) -> None:
        """Write the queued events to the store (before the batch that holds
        their mails, so a sync checkpoint never gets ahead of them)."""
        if self.store is not None:
            for account, events in self._pending.items():
                self.store.record_order_events(account, events)
        self._pending = {}

    def prepare(self) -> None:
        """Load the stored facts of the orders and buyers in play into the
        run index, and tell the store which buyer an opted-out order is."""
        self.flush()
        if self.store is None:
            return
        accounts = [a for (a,) in self.index.rows(f"SELECT DISTINCT account FROM {_KEYS}")]  # noqa: S608
        for account in accounts:
            # Opt-outs, complaints, refunds, returns: few, all of them.
            for event in self.store.order_events_of_kinds(account, DO_NOT_SOLICIT | ORDER_CLOSED):
                facts.add(self.index, event)
            # Order dates: only for the orders in play this audit learnt none for.
            if self.store.has_order_events(account, WINDOW_START):
                undated = self._undated(account)
                for start in range(0, len(undated), _CHUNK):
                    for event in self.store.order_events(
                        account, undated[start : start + _CHUNK], kinds=WINDOW_START
                    ):
                        facts.add(self.index, event)
            self._link_buyers(account)

    def _undated(self, account: str) -> list[str]:
        kinds = ", ".join(f"'{k.value}'" for k in WINDOW_START)
        return [
            order
            for (order,) in self.index.rows(
                f"SELECT DISTINCT order_id FROM {_KEYS} WHERE account = ? AND order_id != '' "  # noqa: S608
                f"AND order_id NOT IN (SELECT order_id FROM {facts.TABLE} WHERE kind IN ({kinds}))",
                (account,),
            )
        ]

    def _link_buyers(self, account: str) -> None:
        """An opt-out or complaint names an order; the seller's messages
        about that order name its buyer: remember the pair in the store, so
        the buyer's other orders are closed too (for the pre-send gate)."""
        kinds = ", ".join(f"'{k.value}'" for k in DO_NOT_SOLICIT)
        pairs = list(
            self.index.rows(
                f"SELECT DISTINCT k.order_id, k.buyer FROM {_KEYS} k JOIN {facts.TABLE} f "  # noqa: S608
                f"ON f.order_id = k.order_id WHERE k.account = ? AND k.buyer != '' "
                f"AND k.order_id != '' AND f.kind IN ({kinds}) AND f.authenticity != 'suspicious'",
                (account,),
            )
        )
        for order, buyer in pairs:
            self.store.link_buyer(account, order, buyer, relay_marketplace(buyer))

    def rows(self) -> list[OrderRow]:
        """Per-order timeline rows from everything this audit knows."""
        query = f"SELECT {facts.SELECT} FROM {facts.TABLE} ORDER BY stamp"  # noqa: S608
        events = [facts.row_event(row) for row in self.index.rows(query)]
        return order_rows(_unique(events), self._messages())

    def _messages(self) -> Iterator[SentMessage]:
        for order, buyer, date, label, subject in self.index.rows(
            f"SELECT order_id, buyer, date, label, subject FROM {_KEYS} "  # noqa: S608
            "WHERE order_id != '' ORDER BY stamp"
        ):
            yield SentMessage(
                order, buyer, datetime.fromisoformat(date) if date else None, label, subject
            )


def _unique(events: list[OrderEvent]) -> list[OrderEvent]:
    seen: dict[tuple[str, str, str], OrderEvent] = {}
    for event in events:
        seen.setdefault((event.kind.value, event.order_id, event.label), event)
    return list(seen.values())


__all__ = ["EventKind", "RunMemory"]
