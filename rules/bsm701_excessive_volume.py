"""BSM701 excessive-volume."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from auditor.message.ids import ORDER_ID, order_ids
from auditor.message.model import Kind, Message
from rules.base import Hit, Option, Rule, Sample, Severity, thread
from rules.engine import Context
from rules.purpose import is_proactive

_DIGITS = re.compile(r"\d+")
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|fw|fwd|wg|tr|rv)\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sent:
    """What the rule keeps of one proactive message: enough to report on it."""

    when: datetime | None
    label: str
    source: str
    key: str
    message_id: str | None
    subject: str
    order: str | None = None

    @classmethod
    def of(cls, msg: Message, order: str | None = None) -> Sent:
        return cls(msg.date, msg.label, msg.source, msg.key, msg.message_id, msg.subject, order)

    @property
    def sort_key(self) -> tuple[float, str]:
        return (self.when.timestamp() if self.when else float("inf"), self.label)

    def message(self, order: str | None = None) -> Message:
        """A minimal :class:`Message` standing for the original in a finding."""
        return Message(
            source=self.source, key=self.key, message_id=self.message_id, subject=self.subject,
            date=self.when, text=order or self.order or "", kind=Kind.SENT,
        )


def campaign_key(campaign: str | None, subject: str) -> str:
    """The campaign, or, when the audit knows none, the subject's template
    (order IDs and numbers masked) standing in for it."""
    if campaign:
        return campaign
    template = _DIGITS.sub("0", ORDER_ID.sub("<order>", _REPLY_PREFIX.sub("", subject)))
    return "subject:" + " ".join(template.casefold().split())


def average_daily_orders(value: Any) -> float | None:
    """``daily_orders`` from the settings: a number, or ISO date → orders (averaged)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict) and value:
        numbers = [float(v) for v in value.values() if isinstance(v, int | float)]
        return sum(numbers) / len(numbers) if numbers else None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass(slots=True)
class _Day:
    """One day's proactive messages: the earliest ``limit`` in a heap (latest
    on top), the rest in ``over``: only those are reported."""

    heap: list[tuple[float, str, Sent]]
    over: list[Sent]
    count: int = 0


class ExcessiveVolume(Rule):
    """Too many proactive messages: over the daily cap, or more than one per order in a campaign.

    Counts proactive messages (sent to a buyer, not replies). Flags each
    message past the daily cap of 5 × average daily orders + 600 (the
    ``daily_orders`` setting in ``[rules]``; no cap is checked without it),
    and each message after the first for the same order in the same
    campaign, naming the earlier ones in ``related``. When the audit does not
    know a message's campaign, its subject template (order IDs and numbers
    masked) stands in for it.
    """

    code = "BSM701"
    name = "excessive-volume"
    severity = Severity.WARNING
    cross_message = True
    cacheable = False
    why = (
        'guidelines.md, "Volume": "Daily proactive-message cap quoted as 5 × average daily '
        'orders + 600." Repeated messages about one order also feed trigger 6 of "The six '
        'triggers named in Amazon\'s restriction e-mail": "An excessive number of buyer '
        'complaints about proactive messages."'
    )
    fix = (
        "Send each campaign at most once per order, and spread or trim sending so a day's "
        "proactive messages stay under 5 × average daily orders + 600."
    )
    options = {
        "orders_factor": Option(5, "Messages allowed per average daily order."),
        "base_allowance": Option(600, "Messages allowed per day on top of the per-order share."),
        "per_order": Option(1, "Proactive messages allowed per order in one campaign."),
    }
    bad = (
        thread(
            Sample("Your order 113-1234567-1234567 has shipped.",
                   subject="Update on order 113-1234567-1234567"),
            Sample("Your order 113-1234567-1234567 is out for delivery.",
                   subject="Update on order 113-1234567-1234567",
                   date="2026-11-04T10:00:00+00:00"),
            note="two proactive messages of one campaign for one order",
        ),
        thread(
            Sample("Ihre Bestellung 302-1234567-1234567 ist unterwegs.", subject="Ihre Bestellung"),
            Sample("Ihre Bestellung 302-1234567-1234567 wurde zugestellt.",
                   subject="Ihre Bestellung", date="2026-11-05T10:00:00+00:00"),
            lang="de",
        ),
        thread(
            Sample("ご注文 503-1234567-1234567 を発送いたしました。"),
            Sample("ご注文 503-1234567-1234567 はお届け済みです。",
                   date="2026-11-06T09:00:00+09:00"),
            lang="ja",
        ),
    )
    good = (
        thread(
            Sample("Order 113-2345678-2345678 is packed and ready to go."),
            Sample("Order 113-8765432-8765432 is packed and ready to go."),
            note="one message per order",
        ),
        thread(
            Sample("Votre commande 171-1234567-1234567 : merci de confirmer le créneau de "
                   "livraison."),
            Sample("Bien sûr, le créneau de mardi est réservé pour la commande "
                   "171-1234567-1234567.",
                   subject="Re: Votre commande", in_reply_to="<q-171@marketplace.amazon.fr>"),
            lang="fr",
            note="a reply to the buyer is not proactive",
        ),
    )

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        self.reset()

    def reset(self) -> None:
        self._orders: dict[tuple[str, str], list[Sent]] = {}
        self._days: dict[date, _Day] = {}
        self._limit: int | None = None
        self._limit_text = ""
        self._limit_known = False

    def _daily_limit(self, ctx: Context) -> int | None:
        """The day's cap from ``daily_orders`` (read once per audit), or None."""
        if not self._limit_known:
            self._limit_known = True
            average = average_daily_orders(ctx.settings.get("daily_orders"))
            if average is not None:
                factor, base = self.settings["orders_factor"], self.settings["base_allowance"]
                self._limit = max(1, int(factor * average + base))
                self._limit_text = f"{factor} × {average:g} daily orders + {base}"
        return self._limit

    def observe(self, msg: Message, ctx: Context) -> None:
        if not is_proactive(msg):
            return
        body = ctx.view.body() if ctx.view is not None else msg.body
        orders = order_ids(msg.subject, body)
        sent = Sent.of(msg, orders[0] if orders else None)
        campaign = campaign_key(ctx.campaign, msg.subject)
        for order in orders:
            seen = self._orders.setdefault((campaign, order), [])
            if all(s.label != sent.label for s in seen):  # the same mail in two folders
                seen.append(sent)
        limit = self._daily_limit(ctx)
        if limit is None or msg.date is None:
            return
        day = self._days.setdefault(msg.date.date(), _Day([], []))
        day.count += 1
        stamp = -sent.sort_key[0]
        if len(day.heap) < limit:
            heapq.heappush(day.heap, (stamp, sent.label, sent))
        elif day.heap and stamp > day.heap[0][0]:  # earlier than the latest kept
            day.over.append(heapq.heapreplace(day.heap, (stamp, sent.label, sent))[2])
        else:
            day.over.append(sent)

    def finish(self, ctx: Context) -> Iterator[Hit]:
        allowed = max(1, int(self.settings["per_order"]))
        for (campaign, order), sends in self._orders.items():
            if len(sends) <= allowed:
                continue
            sends.sort(key=lambda s: s.sort_key)
            if campaign.startswith("subject:"):
                shown = f'with the subject "{campaign.removeprefix("subject:")}"'
            else:
                shown = f'in campaign "{campaign}"'
            first = sends[0]
            for position, sent in enumerate(sends[allowed:], start=allowed + 1):
                yield Hit(
                    "thread",
                    f"proactive message #{position} for order {order} {shown} "
                    f"(first: {first.label}, "
                    f"{first.when.date().isoformat() if first.when else 'undated'})",
                    message=sent.message(order),
                    related=[s.label for s in sends[: position - 1]],
                )
        for day, counted in sorted(self._days.items()):
            counted.over.sort(key=lambda s: s.sort_key)
            for position, sent in enumerate(counted.over, start=len(counted.heap) + 1):
                yield Hit(
                    "thread",
                    f"proactive message #{position} of {counted.count} on {day.isoformat()}: "
                    f"over the daily cap of {self._limit} ({self._limit_text})",
                    message=sent.message(),
                )
