"""BSM502 non-permitted-purpose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.purpose import (
    CRITICAL,
    NON_PERMITTED,
    OTHER_PERMITTED,
    REQUEST,
    REVIEW_REQUEST,
    is_proactive,
)
from rules.text import sentence

#: Attachment names that make a message "send an invoice / instructions / warranty".
_DOCUMENT = re.compile(
    r"invoice|receipt|rechnung|quittung|facture|factura|fattura|ricevuta|請求書|領収書|"
    r"manual|instruction|anleitung|notice|instrucciones|istruzioni|説明書|warrant|garanti|保証",
    re.IGNORECASE,
)
_LABELS = {
    "thank_you": "thank-you",
    "order_confirmation": "order confirmation",
    "shipping_confirmation": "shipping confirmation",
    "contact_if_problem": '"contact us if there is a problem"',
}


class NonPermittedPurpose(Rule):
    """A message that is only a thank-you, an order or shipping confirmation, or an offer of help.

    Flags a proactive message whose only content is one or more of the
    purposes Amazon does not permit on their own: thanking the buyer for the
    order, confirming the order, announcing the shipment (or its tracking),
    or "contact us if there is a problem". A message that also serves a
    permitted purpose (a review request, delivery scheduling, a missing
    address, a custom design, an invoice, a return, instructions for use or
    safety, a damaged parcel's replacement) passes, as does one that asks the
    buyer for an answer the order needs ("reply with the engraving text",
    "will someone be home on Tuesday?"), and a reply to a buyer. Works on the
    subject, plain text and HTML, in English, German, French, Spanish, Italian
    and Japanese.
    """

    code = "BSM502"
    name = "non-permitted-purpose"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Who may be contacted, and why": proactive messages are allowed '
        '"only to complete an order or answer a customer-service question", and "Not '
        "permitted as a purpose: order confirmations, shipping confirmations, thank-you-only "
        "messages, 'contact us if you have a problem'-only messages\". Amazon already sends "
        "the buyer order and shipping confirmations."
    )
    fix = (
        "Do not send it: Amazon confirms the order and the shipment itself. Fold the thanks "
        "into a message that has a permitted purpose (one review request, a delivery "
        "appointment, a question critical to the order)."
    )
    options = {
        "check_replies": Option(
            False, "Also judge replies to buyers (In-Reply-To set or a 'Re:' subject)."
        ),
    }
    bad = (
        example("Thank you for your order! Your item has shipped."),
        example(
            "Vielen Dank für Ihre Bestellung 302-1234567-1234567. Bei Fragen stehen wir Ihnen "
            "gerne zur Verfügung.",
            subject="Ihre Bestellung",
            lang="de",
        ),
        example(
            "Votre commande 171-1234567-1234567 a été expédiée. Numéro de suivi : 1Z999AA1.",
            lang="fr",
        ),
        example(
            "",
            html="<p>¡Gracias por su compra! Hemos recibido su pedido 171-1234567-1234567.</p>",
            lang="es",
        ),
        example(
            "Grazie per il suo ordine 171-1234567-1234567. Se ha domande, non esiti a contattarci.",
            lang="it",
        ),
        example(
            "ご注文いただき誠にありがとうございます。商品を本日発送いたしました。"
            "問題がございましたらお気軽にご連絡ください。",
            lang="ja",
        ),
    )
    good = (
        example(
            "Thank you for your order 113-1234567-1234567. We would appreciate your honest "
            "review of the product."
        ),
        example(
            "Vielen Dank für Ihre Bestellung. Bitte nennen Sie uns einen Liefertermin für "
            "Ihr Sofa.",
            lang="de",
            note="thanks inside a delivery-scheduling message",
        ),
        example(
            "Merci pour votre commande. Vous trouverez ci-joint votre facture.",
            lang="fr",
        ),
        example(
            "Für Ihre Bestellung benötigt der Spediteur eine Telefonnummer für die Zustellung. "
            "Bitte antworten Sie auf diese Nachricht mit einer Rufnummer.",
            lang="de",
            note="information the carrier needs to deliver the order",
        ),
        example(
            "ご注文ありがとうございます。商品のご感想をお聞かせいただければ幸いです。",
            lang="ja",
        ),
        example(
            "Thank you for your message! Glad the item arrived.",
            subject="Re: Question about order 113-1234567-1234567",
            in_reply_to="<buyer-1@marketplace.amazon.com>",
            note="a reply to a buyer is not proactive",
        ),
        example(
            "Gracias por su compra (pedido 171-2468024-1357913). ¿Podría indicarnos, "
            "respondiendo a este mensaje, las iniciales que desea para el bordado de las "
            "toallas?",
            lang="es",
            note="asks for the customisation detail the order needs",
        ),
        example(
            "Grazie per l'ordine del divano 171-9081726-3544321. Ci sarà qualcuno a casa "
            "giovedì mattina per ricevere la consegna? Ci contatti se preferisce un altro "
            "giorno.",
            lang="it",
            note="will someone be home for the delivery",
        ),
        example(
            "Der Paketdienst meldet, dass Ihr Paket zur Bestellung 302-5550123-8886420 beim "
            "Transport beschädigt wurde. Wir schicken Ihnen kostenlos Ersatz. Antworten Sie "
            "einfach auf diese Nachricht, falls sich Ihre Adresse geändert hat.",
            lang="de",
            note='a parcel damaged in transit; "beim" is not "bei Problemen"',
        ),
        example(
            "Merci pour votre achat de la bouilloire (commande 171-3030303-4040404). Avant la "
            "première utilisation, faites bouillir de l'eau deux fois puis jetez-la. Pour toute "
            "question, contactez-nous.",
            lang="fr",
            note="instructions for first use",
        ),
        example(
            "Vielen Dank für Ihren Einkauf (Bestellung 302-7070707-1212121). Wenn Sie mögen, "
            "teilen Sie anderen Kunden Ihre Erfahrungen mit dem Wasserkocher mit.",
            lang="de",
            note="a review request in other words",
        ),
        example(
            "Thanks for buying the desk lamp (order 113-4545454-6767676). If you like, you can "
            "rate it here: https://www.amazon.com/review/create-review?asin=B000000000",
            note="a link to Amazon's review page is a review request",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        if not self.settings["check_replies"] and not is_proactive(msg):
            return
        if any(_DOCUMENT.search(att.filename or "") for att in msg.attachments):
            return  # sends an invoice, instructions or warranty information
        first: tuple[str, str, tuple[int, int]] | None = None
        found: dict[str, None] = {}
        for location, text in ctx.view.sections():
            if REVIEW_REQUEST.search(text) or REQUEST.search(text):
                return  # asks for a review, or for an answer the order needs
            rest = list(text)
            for label, match in NON_PERMITTED.labelled(text):
                evidence, left, right = sentence(text, match.start(), match.end())
                found.setdefault(_LABELS[label])
                if first is None:
                    first = (location, evidence, (left, right))
                # An offer of help ("contact us for a refund") takes its sentence
                # with it; a thank-you or confirmation only its own words.
                if label == "contact_if_problem":
                    left, right = min(left, match.start()), max(right, match.end())
                else:
                    left, right = match.start(), match.end()
                rest[left:right] = " " * (right - left)
            remainder = "".join(rest)
            if CRITICAL.search(remainder) or OTHER_PERMITTED.search(remainder):
                return
        if first is None:
            return
        location, evidence, span = first
        yield Hit(location, f"{' + '.join(found)} only: {evidence}", span=span)
