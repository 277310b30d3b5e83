"""BSM503 missing-order-id."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.ids import ORDER_ID
from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.purpose import is_proactive

#: Full-width digits and dashes (Japanese mail) read as ASCII.
_NARROW = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "－": "-", "‐": "-", "‑": "-", "−": "-"}
)


class MissingOrderId(Rule):
    """A proactive message that never names the 17-digit order ID.

    Flags a message to a buyer with no Amazon order ID (three, seven and
    seven digits: ``113-1234567-1234567``) anywhere in its subject, plain
    text or HTML; full-width digits count. Replies to a buyer (In-Reply-To
    set, or a "Re:" subject) are not judged unless ``check_replies`` is set,
    since Amazon threads them to the buyer's own message.
    """

    code = "BSM503"
    name = "missing-order-id"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Mandatory content": a proactive message "Contains the 17-digit '
        'order ID (`\\d{3}-\\d{7}-\\d{7}`)". Without it the message is not tied to the order '
        "that permits the contact, and Amazon's checks block it."
    )
    fix = (
        "Name the order in the subject or the first line, in full: "
        '"your order 113-1234567-1234567". Use the template\'s order-ID placeholder.'
    )
    options = {
        "check_replies": Option(
            False, "Also judge replies to buyers (In-Reply-To set or a 'Re:' subject)."
        ),
    }
    bad = (
        example(
            "We would appreciate your honest review of the product on Amazon.",
            subject="How do you like your cutting board?",
        ),
        example(
            "Wir freuen uns über Ihre ehrliche Bewertung Ihrer Bestellung 302-1234567.",
            subject="Ihre Bestellung",
            lang="de",
            note="a shortened order number does not count",
        ),
        example(
            "",
            html="<p>商品のご感想をお聞かせください。</p>",
            subject="ご注文について",
            lang="ja",
        ),
        example(
            "Nos encantaría conocer su opinión sobre su pedido.",
            subject="Su pedido en Amazon",
            lang="es",
        ),
    )
    good = (
        example(
            "We would appreciate your honest review.",
            subject="How was your order 113-1234567-1234567?",
        ),
        example(
            "Votre avis sur la commande 171-1234567-1234567 nous intéresse.",
            lang="fr",
        ),
        example(
            "",
            html="<p>Ci farebbe piacere una sua recensione dell'ordine "
            "<b>171-1234567-1234567</b>.</p>",
            lang="it",
        ),
        example(
            "ご注文番号：５０３－１２３４５６７－１２３４５６７ のレビューをお願いいたします。",
            lang="ja",
            note="full-width digits",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        if not self.settings["check_replies"] and not is_proactive(msg):
            return
        for part in (msg.subject, msg.text, msg.html_text):
            if part and ORDER_ID.search(part.translate(_NARROW)):
                return
        location = "text" if msg.text.strip() else "html" if msg.html_text.strip() else "subject"
        subject = " ".join(msg.subject.split())[:120] or "(no subject)"
        yield Hit(location, f'no order ID (123-1234567-1234567) in "{subject}" or its body')
