"""BSM701 excessive-volume."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auditor.message.ids import ORDER_ID, order_ids
from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Sample, Severity, thread
from rules.engine import Context
from rules.index import SLIM_COLUMNS, slim_message, slim_row
from rules.purpose import is_proactive

_DIGITS = re.compile(r"\d+")
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|fw|fwd|wg|tr|rv)\s*:\s*)+", re.IGNORECASE)


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
            Sample(
                "Your order 113-1234567-1234567 has shipped.",
                subject="Update on order 113-1234567-1234567",
            ),
            Sample(
                "Your order 113-1234567-1234567 is out for delivery.",
                subject="Update on order 113-1234567-1234567",
                date="2026-11-04T10:00:00+00:00",
            ),
            note="two proactive messages of one campaign for one order",
        ),
        thread(
            Sample("Ihre Bestellung 302-1234567-1234567 ist unterwegs.", subject="Ihre Bestellung"),
            Sample(
                "Ihre Bestellung 302-1234567-1234567 wurde zugestellt.",
                subject="Ihre Bestellung",
                date="2026-11-05T10:00:00+00:00",
            ),
            lang="de",
        ),
        thread(
            Sample("ご注文 503-1234567-1234567 を発送いたしました。"),
            Sample(
                "ご注文 503-1234567-1234567 はお届け済みです。", date="2026-11-06T09:00:00+09:00"
            ),
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
            Sample(
                "Votre commande 171-1234567-1234567 : merci de confirmer le créneau de livraison."
            ),
            Sample(
                "Bien sûr, le créneau de mardi est réservé pour la commande 171-1234567-1234567.",
                subject="Re: Votre commande",
                in_reply_to="<q-171@marketplace.amazon.fr>",
            ),
            lang="fr",
            note="a reply to the buyer is not proactive",
        ),
    )

    _ORDERS = "bsm701_orders"
    _DAYS = "bsm701_days"

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        self.reset()

    def reset(self) -> None:
        self._limit: int | None = None
        self._limit_text = ""
        self._limit_known = False

    def _tables(self, ctx: Context) -> None:
        ctx.index.table(
            self._ORDERS,
            ("campaign TEXT", "order_id TEXT", "stamp REAL", "first_order TEXT", *SLIM_COLUMNS),
            indexes=("campaign, order_id",),
        )
        ctx.index.table(
            self._DAYS,
            ("day TEXT", "stamp REAL", "first_order TEXT", *SLIM_COLUMNS),
            indexes=("day, stamp, label",),
        )

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
        self._tables(ctx)
        body = ctx.view.body() if ctx.view is not None else msg.body
        orders = order_ids(msg.subject, body)
        first = orders[0] if orders else None
        stamp = msg.date.timestamp() if msg.date else None
        row = slim_row(msg)
        campaign = campaign_key(ctx.campaign, msg.subject)
        for order in orders:
            ctx.index.add(self._ORDERS, (campaign, order, stamp, first, *row))
        if self._daily_limit(ctx) is None or msg.date is None:
            return
        ctx.index.add(self._DAYS, (msg.date.date().isoformat(), stamp, first, *row))

    def finish(self, ctx: Context) -> Iterator[Hit]:
        self._tables(ctx)
        index = ctx.index
        allowed = max(1, int(self.settings["per_order"]))
        repeated = list(
            index.rows(
                "SELECT campaign, order_id FROM bsm701_orders GROUP BY campaign, order_id"
                " HAVING count(DISTINCT label) > ? ORDER BY min(rowid)",
                (allowed,),
            )
        )
        for campaign, order in repeated:
            sends = [
                slim_message(row[4:], order)
                for row in index.rows(
                    # The same mail in two folders counts once (its first row).
                    "SELECT * FROM bsm701_orders WHERE rowid IN (SELECT min(rowid) FROM"
                    " bsm701_orders WHERE campaign = ? AND order_id = ? GROUP BY label)"
                    " ORDER BY coalesce(stamp, 1e308), label",
                    (campaign, order),
                )
            ]
            if campaign.startswith("subject:"):
                shown = f'with the subject "{campaign.removeprefix("subject:")}"'
            else:
                shown = f'in campaign "{campaign}"'
            first = sends[0]
            labels = [message.label for message in sends]
            for position, message in enumerate(sends[allowed:], start=allowed + 1):
                yield Hit(
                    "thread",
                    f"proactive message #{position} for order {order} {shown} "
                    f"(first: {first.label}, "
                    f"{first.date.date().isoformat() if first.date else 'undated'})",
                    message=message,
                    related=labels[: position - 1],
                )
        limit = self._limit
        if limit is not None:
            days = list(
                index.rows(
                    "SELECT day, count(*) FROM bsm701_days GROUP BY day HAVING count(*) > ?"
                    " ORDER BY day",
                    (limit,),
                )
            )
            for day, count in days:
                over = index.rows(
                    "SELECT * FROM bsm701_days WHERE day = ? ORDER BY stamp, label"
                    " LIMIT -1 OFFSET ?",
                    (day, limit),
                )
                for position, row in enumerate(over, start=limit + 1):
                    yield Hit(
                        "thread",
                        f"proactive message #{position} of {count} on {day}: "
                        f"over the daily cap of {limit} ({self._limit_text})",
                        message=slim_message(row[3:], row[2] or ""),
                    )
        index.clear(self._ORDERS)
        index.clear(self._DAYS)
