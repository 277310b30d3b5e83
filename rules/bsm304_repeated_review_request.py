"""BSM304 repeated-review-request."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from auditor.message.ids import order_ids
from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Sample, Severity, thread
from rules.engine import Context
from rules.index import SLIM_COLUMNS, slim_message, slim_row
from rules.purpose import is_proactive, is_review_request


def _stamp(iso: str) -> float:
    """Seconds since the epoch for an ISO date (naive: UTC); unreadable sorts last."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return float("inf")
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


@dataclass(slots=True)
class _Request:
    label: str
    date: str
    #: a small stand-in for the request to report on (None: known from before this audit)
    message: Message | None

    @property
    def order_key(self) -> tuple[float, str]:
        if not self.date:  # a request known from before this audit comes first
            return (float("-inf") if self.message is None else float("inf"), self.label)
        return (_stamp(self.date), self.label)


class RepeatedReviewRequest(Rule):
    """A second review or feedback request for the same order.

    Looks across every audited message (and across campaigns): each review
    request after the first for one order is flagged, naming the earlier ones
    in ``related``. Requests recorded by earlier runs in the store, and Amazon
    "Request a Review" sends the seller lists in config, count as earlier.
    Replies to a buyer ("thank you for your feedback") are not requests,
    unless ``check_replies`` is set; the same mail seen twice (two folders)
    counts once.
    """

    code = "BSM304"
    name = "repeated-review-request"
    severity = Severity.ERROR
    cross_message = True
    options = {
        "check_replies": Option(
            False, "Also count replies to buyers (In-Reply-To set or a 'Re:' subject)."
        ),
    }
    why = (
        'guidelines.md, "Reviews": "Only one review/feedback request per order. Amazon\'s own '
        '\\"Request a Review\\" counts: Send only one productReviewAndSellerFeedback or free '
        'form proactive message per order." Trigger 4 of the restriction e-mail: "Asking for '
        'the same review repeatedly."'
    )
    fix = (
        "Send one review request per order, from one campaign. Turn off reminders and "
        "follow-ups, and skip orders where Amazon's Request a Review was already sent."
    )
    bad = (
        thread(
            Sample(
                "Could you leave a review of order 113-1234567-1234567?",
                date="2026-11-03T10:00:00+00:00",
            ),
            Sample(
                "Reminder: we have not seen your review of order 113-1234567-1234567 yet.",
                date="2026-11-10T10:00:00+00:00",
            ),
            note="two requests, 3 and 10 days after delivery",
        ),
        thread(
            Sample(
                "Wir freuen uns über Ihre Bewertung zu Bestellung 302-1234567-1234567.",
                subject="Ihre Bestellung 302-1234567-1234567",
            ),
            Sample(
                "Bitte bewerten Sie Ihre Bestellung 302-1234567-1234567.",
                subject="Erinnerung",
                date="2026-11-08T10:00:00+00:00",
            ),
            lang="de",
        ),
        thread(
            Sample("ご注文 503-1234567-1234567 のレビューをお願いいたします。"),
            Sample(
                "再度のお願いです。ご注文 503-1234567-1234567 の評価をお願いします。",
                date="2026-11-09T10:00:00+00:00",
            ),
            lang="ja",
        ),
    )
    good = (
        thread(
            Sample("Could you leave a review of order 113-1234567-1234567?"),
            Sample("Could you leave a review of order 113-7654321-7654321?"),
            note="one request per order",
        ),
        thread(
            Sample(
                "Your order 171-1234567-1234567 ships tomorrow; please confirm the delivery "
                "appointment."
            ),
            Sample("Nos encantaría conocer su opinión sobre el pedido 171-1234567-1234567."),
            lang="es",
            note="a delivery question and one review request",
        ),
    )

    _TABLE = "bsm304_requests"

    def _table(self, ctx: Context) -> None:
        ctx.index.table(self._TABLE, ("order_id TEXT", *SLIM_COLUMNS), indexes=("order_id",))

    def observe(self, msg: Message, ctx: Context) -> None:
        if ctx.view is None or not is_review_request(ctx.view):
            return
        if not self.settings["check_replies"] and not is_proactive(msg):
            return
        self._table(ctx)
        row = slim_row(msg)
        for order in order_ids(msg.subject, ctx.view.body()):
            ctx.index.add(self._TABLE, (order, *row))

    def finish(self, ctx: Context) -> Iterator[Hit]:
        self._table(ctx)
        index = ctx.index
        # Orders with two requests in this audit, or one and one from before.
        orders = [
            order
            for (order,) in index.rows(
                "SELECT order_id FROM bsm304_requests GROUP BY order_id"
                " HAVING count(DISTINCT label) > 1"
                " OR order_id IN (SELECT order_id FROM prior_review_requests)"
                " ORDER BY min(rowid)"
            )
        ]
        for order in orders:
            requests = [
                _Request(row[1], row[6] or "", slim_message(row[1:], order))
                for row in index.rows(
                    # The same mail in two folders counts once (its first row).
                    "SELECT * FROM bsm304_requests WHERE rowid IN (SELECT min(rowid) FROM"
                    " bsm304_requests WHERE order_id = ? GROUP BY label) ORDER BY rowid",
                    (order,),
                )
            ]
            labels = {r.label for r in requests}
            earlier = [
                _Request(label, date, None)
                for label, date in ctx.prior_review_requests(order)
                if label not in labels
            ]
            timeline = sorted(earlier + requests, key=lambda r: r.order_key)
            for position, request in enumerate(timeline):
                if position == 0 or request.message is None:
                    continue
                before = [r.label for r in timeline[:position]]
                yield Hit(
                    "thread",
                    f"review request #{position + 1} for order {order} "
                    f"(first: {timeline[0].label}, {timeline[0].date[:10] or 'undated'})",
                    message=request.message,
                    related=before,
                )
        index.clear(self._TABLE)
