"""What the seller's mailbox says about an order or a buyer.

An :class:`OrderEvent` is one fact learnt from one mail: Amazon's "Sold, ship
now" (``ordered``), a shipment or delivery confirmation, a refund or return
notification, an opt-out bounce, or a buyer's reply asking the seller to stop
writing (``complaint``). Events are small and flat so that the store and the
audit's run index can keep them as rows.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class EventKind(enum.StrEnum):
    """What happened to an order (or, for ``opt_out``/``complaint``, to a buyer)."""

    ORDERED = "ordered"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    REFUNDED = "refunded"
    RETURNED = "returned"
    OPT_OUT = "opt_out"
    COMPLAINT = "complaint"


#: Kinds after which no proactive message may go to the buyer (BSM703).
DO_NOT_SOLICIT = frozenset({EventKind.OPT_OUT, EventKind.COMPLAINT})
#: Kinds after which no proactive message may go about the order (BSM704).
ORDER_CLOSED = frozenset({EventKind.REFUNDED, EventKind.RETURNED})
#: Kinds that date the order for BSM505's window, preferred first: the
#: delivery, else the order date, else (neither known) the shipment.
WINDOW_START = (EventKind.DELIVERED, EventKind.ORDERED, EventKind.SHIPPED)


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """One fact about one order or buyer, and the mail it was learnt from.

    ``order_id`` is "" for a buyer-wide fact naming no order (a complaint
    without an order ID); ``buyer`` is the buyer's anonymised relay address
    (``…@marketplace.amazon.de``, lower-case) or "" when the mail names none.
    ``label`` is the mail's Message-ID (else source#key), ``authenticity``
    the notice verdict for Amazon mail (``verified`` / ``unverified`` /
    ``suspicious``) or ``buyer`` for a buyer's own reply.
    """

    order_id: str
    kind: EventKind
    date: datetime | None
    buyer: str = ""
    marketplace: str | None = None
    label: str = ""
    subject: str = ""
    authenticity: str = "unverified"
    evidence: str = ""

    @property
    def trusted(self) -> bool:
        """False for mail that may be phishing: it alerts, it never blocks."""
        return self.authenticity != "suspicious"

    def to_dict(self) -> dict[str, Any]:
        return {
            "order_id": self.order_id or None,
            "kind": self.kind.value,
            "date": self.date.isoformat() if self.date else None,
            "buyer": self.buyer or None,
            "marketplace": self.marketplace,
            "message_id": self.label,
            "subject": self.subject,
            "authenticity": self.authenticity,
            "evidence": self.evidence,
        }
