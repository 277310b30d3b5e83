"""``do_not_solicit``: may a proactive message go to this buyer now?

For the pre-send gate (issue #16): before a proactive message leaves, ask
the store's buyer and order memory whether the buyer opted out or asked the
seller to stop writing (and, with ``closed_orders``, whether the order was
refunded or returned). The answer rests on stored facts only; mail judged
suspicious (possible phishing) never blocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from auditor.orders.model import DO_NOT_SOLICIT, ORDER_CLOSED, EventKind, OrderEvent

_WHY = {
    EventKind.OPT_OUT: ("BSM703", "the buyer opted out of messages"),
    EventKind.COMPLAINT: ("BSM703", "the buyer asked the seller to stop writing"),
    EventKind.REFUNDED: ("BSM704", "the order was refunded"),
    EventKind.RETURNED: ("BSM704", "a return of the order was requested"),
}


def reason(event: OrderEvent) -> str:
    """One line saying why ``event`` forbids the message, naming its mail."""
    code, what = _WHY[event.kind]
    day = event.date.date().isoformat() if event.date else "an unknown day"
    order = f" (order {event.order_id})" if event.order_id else ""
    return f"{code}: {what} on {day}{order}, according to {event.label}"


def do_not_solicit(
    store: Any,
    account: str,
    recipient: str,
    order_ids: Iterable[str] = (),
    now: datetime | None = None,
    *,
    closed_orders: bool = False,
) -> str | None:
    """Why a proactive message to ``recipient`` (a buyer's relay address)
    about ``order_ids`` must not be sent at ``now``, or None when nothing
    stored forbids it.

    An opt-out or complaint holds for the buyer: it is found by the buyer's
    address, by an order named, or by another order the store knows to be
    the buyer's. With ``closed_orders``, a refund or return of one of
    ``order_ids`` forbids it too.
    """
    now = now or datetime.now(UTC)
    orders = {o for o in order_ids if o}
    for event in store.solicit_events(account, recipient.strip().lower(), orders):
        if not event.trusted or (event.date is not None and event.date > now):
            continue
        if event.kind in DO_NOT_SOLICIT:
            return reason(event)
        if closed_orders and event.kind in ORDER_CLOSED and event.order_id in orders:
            return reason(event)
    return None
