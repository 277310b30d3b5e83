"""What the do-not-solicit rules (BSM703 do-not-solicit, BSM704
solicit-after-refund) share: a proactive message after an order event that
forbids it (an opt-out, a complaint, a refund, a return), judged over the
whole audited set by the events' dates.

A helper module, not a rule: a rule subclasses :class:`ProactiveAfterEvent`
and sets ``kinds`` (the events that forbid the message) and ``buyer_wide``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from auditor.message.model import Kind, Message
from auditor.orders import facts
from auditor.orders.model import EventKind, OrderEvent
from rules.base import Hit, Rule
from rules.engine import Context
from rules.index import SLIM_COLUMNS, slim_message, slim_row
from rules.purpose import is_proactive

#: How a finding names what happened before the message.
WHAT = {
    EventKind.OPT_OUT: "the buyer opted out of messages",
    EventKind.COMPLAINT: "the buyer asked the seller to stop writing",
    EventKind.REFUNDED: "the order was refunded",
    EventKind.RETURNED: "a return of the order was requested",
}


class ProactiveAfterEvent(Rule):
    """Base of the rules that flag a proactive message sent after an order
    event forbidding it; not a rule itself."""

    abstract = True
    applies_to = frozenset({Kind.SENT, Kind.NOTICE, Kind.REPLY})
    cross_message = True
    cacheable = False
    #: the events that forbid the message, and whether they hold for the buyer
    kinds: ClassVar[frozenset[EventKind]] = frozenset()
    buyer_wide: ClassVar[bool] = False

    def observe(self, msg: Message, ctx: Context) -> None:
        if msg.kind is not Kind.SENT:
            facts.learn(ctx.index, msg, ctx.settings)
            return
        if facts.claim_sent(ctx.index, msg):
            body = ctx.view.body() if ctx.view is not None else msg.body
            facts.note_sent(ctx.index, msg, body, slim_row(msg), SLIM_COLUMNS, is_proactive(msg))

    def _closed(self, ctx: Context) -> tuple[set[str], set[str], dict[str, set[str]]]:
        """The orders and buyers some fact concerns (few: the run's opt-outs,
        complaints or refunds), and for buyer-wide facts which of those
        orders each buyer was written to about; ``finish`` then looks
        closely only at the messages naming one of them."""
        orders = facts.keys(ctx.index, self.kinds, "order_id")
        buyers: set[str] = set()
        linked: dict[str, set[str]] = {}
        if self.buyer_wide:
            buyers = facts.keys(ctx.index, self.kinds, "buyer")
            if orders:
                for relays, named, *_ in facts.sent_rows(ctx.index, SLIM_COLUMNS):
                    hit = orders.intersection(named.split())
                    for relay in relays.split() if hit else ():
                        linked.setdefault(relay, set()).update(hit)
                buyers.update(linked)
        return orders, buyers, linked

    def forbidding(
        self,
        ctx: Context,
        relays: list[str],
        orders: list[str],
        before: datetime,
        linked: dict[str, set[str]] | None = None,
    ) -> list[OrderEvent]:
        """The events before ``before`` that forbid a message to ``relays``
        about ``orders`` (``linked``: the closed orders each buyer was
        written to about), oldest first."""
        wanted = list(orders)
        if self.buyer_wide:
            for relay in relays:
                wanted += sorted((linked or {}).get(relay, ()))
        return facts.events(
            ctx.index, self.kinds, wanted, relays if self.buyer_wide else (), before
        )

    def finish(self, ctx: Context) -> Iterator[Hit]:
        # The table of sent messages is shared with BSM505/BSM704: it lives
        # as long as the run index (one audit), not cleared here.
        orders_closed, buyers_closed, linked = self._closed(ctx)
        if orders_closed or buyers_closed:
            yield from self._judge(ctx, orders_closed, buyers_closed, linked)

    def _judge(
        self,
        ctx: Context,
        orders_closed: set[str],
        buyers_closed: set[str],
        linked: dict[str, set[str]],
    ) -> Iterator[Hit]:
        for row in facts.sent_rows(ctx.index, SLIM_COLUMNS, "WHERE proactive = 1"):
            relays, orders = row[0].split(), row[1].split()
            if orders_closed.isdisjoint(orders) and buyers_closed.isdisjoint(relays):
                continue
            msg = slim_message(row[4:], " ".join(orders))
            if msg.date is None:
                continue
            found = self.forbidding(ctx, relays, orders, msg.date, linked)
            if not found:
                continue
            first = found[0]
            whom = relays[0] if relays else "the buyer"
            about = f" about order {' '.join(orders)}" if orders else ""
            yield Hit(
                "thread",
                f"proactive message to {whom}{about} on {msg.date.date().isoformat()}, after "
                f"{WHAT[first.kind]} on {first.date.date().isoformat() if first.date else '?'}"
                f" (order {first.order_id or '-'}): {first.subject!r} <{first.label.strip('<>')}>",
                message=msg,
                related=list(dict.fromkeys(e.label for e in found)),
            )
