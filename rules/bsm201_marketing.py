"""BSM201 marketing."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import find, phrases

#: An offer: coupon and promo codes, "% off", a discount on the next order, a
#: sale, a special or limited-time deal. Judged per sentence against ``PAID``.
OFFER = phrases("marketing", "offer")

#: The offer is the discount already applied to this order (a price the buyer paid).
PAID = phrases("marketing", "paid")
#: Looking forward: the next or a future order, which turns a paid-looking offer into one.
NEXT = phrases("marketing", "next")
#: Reaching out beyond the order: newsletters, the store, new arrivals, social media.
REACH = phrases("marketing", "reach")


class Marketing(Rule):
    """Marketing or promotion in a buyer message.

    Flags offers (coupon and promo codes such as "Use code THANKS10",
    "Gutscheincode", "code promo", "código de descuento", "codice sconto",
    "クーポンコード"; "% off"; a discount on the next order; sales, special
    and limited-time offers) and calls to go beyond the order (newsletters,
    "visit our store", new arrivals, "follow us on Instagram" and other
    social-media calls), in the subject, plain text or HTML, in six
    languages. A discount that the sentence says was already applied to this
    order's price is not an offer; quoted mail and the legal footer are not
    read. Offers tied to a review are BSM301's business as well.
    """

    code = "BSM201"
    name = "marketing"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Who may be contacted, and why": "Proactive messages are allowed only '
        "to complete an order or answer a customer-service question. Marketing contact by "
        'any channel is prohibited." Trigger 2 of "The six triggers named in Amazon\'s '
        'restriction e-mail": "Marketing or promotions."'
    )
    fix = (
        "Remove coupons, discount codes, sales, newsletter sign-ups, store visits, new-product "
        "announcements and social-media calls. Keep the message to the order itself: e.g. "
        '"Thank you for order 113-1234567-1234567. We would appreciate your honest review."'
    )
    bad = (
        example("Use code THANKS10 for 10% off your next purchase."),
        example(
            "Als Dankeschön erhalten Sie mit dem Gutscheincode DANKE15 15 % Rabatt.", lang="de"
        ),
        example("Profitez de 20 % de réduction avec le code promo MERCI20.", lang="fr"),
        example("Síguenos en Instagram para no perderte nuestras ofertas exclusivas.", lang="es"),
        example("Iscriviti alla nostra newsletter per ricevere un codice sconto.", lang="it"),
        example("次回のお買い物で使える10%OFFクーポンをお送りします。", lang="ja"),
        example(
            html="<p>Thank you for your order!</p><p><b>Summer sale:</b> visit our Amazon "
            "store for new arrivals.</p>",
            note="HTML body",
        ),
        example(
            "Thank you for your order 113-1234567-1234567.",
            subject="Black Friday deals inside - order 113-1234567-1234567",
            note="subject line",
        ),
        example(
            "Passende Kissenbezüge in vielen Farben finden Sie auch in unserem Amazon-Shop.",
            lang="de",
            note="the store as where to find more",
        ),
        example(
            "Vous trouverez toute notre gamme de bougies parfumées dans notre boutique Amazon.",
            lang="fr",
        ),
    )
    good = (
        example("Thank you for order 113-1234567-1234567. We would appreciate your honest review."),
        example(
            "Vielen Dank für Ihre Bestellung 302-1234567-1234567. Über Ihre ehrliche Bewertung "
            "freuen wir uns.",
            lang="de",
        ),
        example(
            "Le total de votre commande tenait déjà compte de la remise de 10 %, la promotion "
            "a été appliquée automatiquement.",
            lang="fr",
            note="a discount the buyer already got on this order",
        ),
        example(
            "Nos encantaría conocer su opinión sincera sobre el pedido 402-1234567-1234567.",
            lang="es",
        ),
        example(
            "Order summary:\n> Subtotal 24.99\n> Free shipping\n> Promotion applied -5.00\n\n"
            "We hope the board serves you well.",
            note="quoted order summary",
        ),
        example("ご注文ありがとうございました。率直なご感想をお聞かせください。", lang="ja"),
        example(
            "Le adjuntamos la factura del pedido 171-3131313-4242424: lámpara 25,00 €, cupón "
            "aplicado en la compra -3,00 €, total 22,00 €.",
            lang="es",
            note="a coupon already applied, on an invoice",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        seen: set[tuple[str, tuple[int, int]]] = set()
        for location, evidence, span, _match in find(OFFER, ctx.view):
            if (location, span) in seen:
                continue
            if PAID.search(evidence) and not NEXT.search(evidence):
                continue  # the discount already applied to this order's price
            seen.add((location, span))
            yield Hit(location, evidence, span=span)
        for location, evidence, span, _match in find(REACH, ctx.view):
            if (location, span) not in seen:
                seen.add((location, span))
                yield Hit(location, evidence, span=span)
