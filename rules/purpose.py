"""What a message is for, in six languages: shared by the rules that judge
purpose (BSM101, BSM304, BSM502) so they agree on what a review request is.

The purposes come from policy/guidelines.md, "Who may be contacted, and why".
"""

from __future__ import annotations

import re

from auditor.message.model import Kind, Message
from rules.phrasegroup import union
from rules.text import View, per_template, phrases

#: Asking for a product review or seller feedback.
REVIEW_REQUEST = phrases("purpose", "review_request")

#: Purposes Amazon names as critical to completing an order, specific to it: delivery
#: scheduling, a missing address, a custom design, custom work held for the buyer's answer.
CRITICAL_SPECIFIC = phrases("purpose", "critical")

#: Critical purposes a review request's boilerplate mentions too: an invoice, a refund,
#: a replacement, "we need", "please send us" ("if it arrived damaged we'll refund it").
CRITICAL_GENERIC = phrases("purpose", "critical_generic")

#: The buyer is asked for an answer the order needs ("reply with the engraving text",
#: "let us know which day suits you"): a request for information, not an offer of help.
REQUEST = phrases("purpose", "request")

#: Any purpose critical to completing the order: the three above in one pass.
CRITICAL = union(CRITICAL_SPECIFIC, CRITICAL_GENERIC, REQUEST)


def is_review_request(view: View) -> bool:
    """True when the seller's own words ask for a review or feedback."""
    return per_template(
        "review-request",
        view,
        lambda: any(REVIEW_REQUEST.search(text) for _, text in view.sections()),
    )


def is_critical(view: View) -> bool:
    """True when the message serves a purpose critical to completing the order."""
    return per_template(
        "critical", view, lambda: any(CRITICAL.search(text) for _, text in view.sections())
    )


# --- Purposes that are not permitted on their own (BSM502) ---------------------------
# guidelines.md, "Who may be contacted, and why": "Not permitted as a purpose: order
# confirmations, shipping confirmations, thank-you-only messages, 'contact us if you
# have a problem'-only messages."

#: Thanking the buyer for the order or purchase.
THANK_YOU = phrases("purpose", "thank_you")

#: Confirming that the order was received or is being prepared.
ORDER_CONFIRMATION = phrases("purpose", "order_confirmation")

#: Announcing that the order has shipped, or giving its tracking.
SHIPPING_CONFIRMATION = phrases("purpose", "shipping_confirmation")

#: "Contact us if there is a problem", and the stock offers of help around it.
CONTACT_IF_PROBLEM = phrases("purpose", "contact_if_problem")

#: The four not-permitted purposes in one pass; ``NON_PERMITTED.labelled()`` names which.
NON_PERMITTED = union(
    thank_you=THANK_YOU,
    order_confirmation=ORDER_CONFIRMATION,
    shipping_confirmation=SHIPPING_CONFIRMATION,
    contact_if_problem=CONTACT_IF_PROBLEM,
)

#: Permitted purposes besides a review request and :data:`CRITICAL`: a return, a custom
#: design, instructions or warranty, a digital access key, a home-service appointment.
OTHER_PERMITTED = phrases("purpose", "other_permitted")

#: Reply prefixes in the subject: "Re:", "AW:", "Antw:", "R:", "RIF:", "SV:", "RES:", "返信:".
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|antw|sv|r|rif|res|返信)\s*[:：]", re.IGNORECASE)


def is_proactive(msg: Message) -> bool:
    """True for a message the seller sent of their own accord, not a reply.

    A reply answers a buyer (``In-Reply-To`` or ``References`` set, or a
    "Re:"/"AW:"/"R:" subject); replies may be sent at any time and are not
    counted as proactive (guidelines.md, "What a restriction does": replies
    to buyers still work)."""
    return (
        msg.kind is Kind.SENT
        and not msg.in_reply_to
        and not msg.references
        and not _REPLY_SUBJECT.match(msg.subject)
    )


def has_permitted_purpose(text: str) -> bool:
    """True when ``text`` (the seller's own words) serves a permitted purpose:
    a review request, something critical to the order (:data:`CRITICAL`) or
    one of :data:`OTHER_PERMITTED`."""
    return bool(
        REVIEW_REQUEST.search(text) or CRITICAL.search(text) or OTHER_PERMITTED.search(text)
    )
