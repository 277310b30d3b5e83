"""BSM304 repeated-review-request."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditor.message.ids import order_ids
from auditor.message.model import Kind, Message
from rules.base import Hit, Option, Rule, Sample, Severity, thread
from rules.engine import Context
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


def _slim(msg: Message, order: str) -> Message:
    """What a finding needs of ``msg``, without its body, HTML and headers."""
    return Message(
        source=msg.source, key=msg.key, message_id=msg.message_id, subject=msg.subject,
        date=msg.date, text=order, kind=Kind.SENT,
    )


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
            Sample("Could you leave a review of order 113-1234567-1234567?",
                   date="2026-11-03T10:00:00+00:00"),
            Sample("Reminder: we have not seen your review of order 113-1234567-1234567 yet.",
                   date="2026-11-10T10:00:00+00:00"),
            note="two requests, 3 and 10 days after delivery",
        ),
        thread(
            Sample("Wir freuen uns über Ihre Bewertung zu Bestellung 302-1234567-1234567.",
                   subject="Ihre Bestellung 302-1234567-1234567"),
            Sample("Bitte bewerten Sie Ihre Bestellung 302-1234567-1234567.",
                   subject="Erinnerung", date="2026-11-08T10:00:00+00:00"),
            lang="de",
        ),
        thread(
            Sample("ご注文 503-1234567-1234567 のレビューをお願いいたします。"),
            Sample("再度のお願いです。ご注文 503-1234567-1234567 の評価をお願いします。",
                   date="2026-11-09T10:00:00+00:00"),
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
            Sample("Your order 171-1234567-1234567 ships tomorrow; please confirm the delivery "
                   "appointment."),
            Sample("Nos encantaría conocer su opinión sobre el pedido 171-1234567-1234567."),
            lang="es",
            note="a delivery question and one review request",
        ),
    )

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        super().__init__(settings)
        self._by_order: dict[str, list[_Request]] = {}

    def reset(self) -> None:
        self._by_order = {}

    def observe(self, msg: Message, ctx: Context) -> None:
        if ctx.view is None or not is_review_request(ctx.view):
            return
        if not self.settings["check_replies"] and not is_proactive(msg):
            return
        date = msg.date.isoformat() if msg.date else ""
        for order in order_ids(msg.subject, ctx.view.body()):
            requests = self._by_order.setdefault(order, [])
            if all(r.label != msg.label for r in requests):
                requests.append(_Request(msg.label, date, _slim(msg, order)))

    def finish(self, ctx: Context) -> Iterator[Hit]:
        for order, requests in self._by_order.items():
            earlier = [
                _Request(label, date, None)
                for label, date in ctx.prior_review_requests.get(order, [])
                if label not in {r.label for r in requests}
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
