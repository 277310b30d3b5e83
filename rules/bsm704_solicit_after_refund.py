"""BSM704 solicit-after-refund."""

from __future__ import annotations

from typing import ClassVar

from auditor.orders.model import ORDER_CLOSED, EventKind
from rules.base import Sample, Severity, thread
from rules.solicit import ProactiveAfterEvent


class SolicitAfterRefund(ProactiveAfterEvent):
    """A proactive message about an order Amazon says was refunded or returned.

    Flags a proactive message (a review request, a "how is your order"
    follow-up) about an order after Amazon's refund notification ("Refund
    initiated for order …", "Erstattung für Bestellung …", "Remboursement de
    la commande …", "Reembolso del pedido …", "Rimborso dell'ordine …",
    "返金のお知らせ") or return request ("Return authorization request",
    "Rücksendeanfrage", "Demande de retour", "Solicitud de devolución",
    "Richiesta di reso", "返品リクエスト"). Only the order named counts: the
    buyer's other orders may still be followed up. Dates decide; the facts
    come from this audit's mail and the store's order memory.
    """

    code = "BSM704"
    name = "solicit-after-refund"
    severity = Severity.WARNING
    kinds: ClassVar[frozenset[EventKind]] = ORDER_CLOSED
    buyer_wide: ClassVar[bool] = False
    why = (
        'guidelines.md, "The six triggers named in Amazon\'s restriction e-mail", 6: "An '
        'excessive number of buyer complaints about proactive messages." A buyer who returned '
        "the item or was refunded and is then asked for a review is the buyer most likely to "
        "complain or to leave the negative review the request invites."
    )
    fix = (
        "Make the campaign skip refunded and returned orders (FeedbackFive and FeedbackWhiz "
        "have an 'exclude returned/refunded orders' setting) and send nothing proactive about them."
    )
    bad = (
        thread(
            Sample(
                "A refund of $24.99 for order 113-1234567-1234567 has been issued to the buyer.",
                subject="Refund initiated for order 113-1234567-1234567",
                sender="Amazon <seller-notification@amazon.com>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+00:00",
            ),
            Sample(
                "How do you like your order 113-1234567-1234567? Would you leave a review?",
                to="kim9@marketplace.amazon.com",
                date="2026-11-09T10:00:00+00:00",
            ),
        ),
        thread(
            Sample(
                "Wie gefällt Ihnen Ihre Bestellung 302-1234567-1234567? Über eine Bewertung "
                "würden wir uns freuen.",
                to="eva9@marketplace.amazon.de",
                date="2026-11-12T10:00:00+01:00",
            ),
            Sample(
                "Der Käufer hat eine Rücksendung für Bestellung 302-1234567-1234567 beantragt.",
                subject="Rücksendeanfrage für Bestellung 302-1234567-1234567",
                sender="Amazon <seller-notification@amazon.de>",
                to="shop@seller.example",
                date="2026-11-05T10:00:00+01:00",
            ),
            lang="de",
            note="the mailbox lists the message first; the dates decide",
        ),
        thread(
            Sample(
                "Un remboursement de 24,99 € pour la commande 171-1234567-1234567 a été effectué.",
                subject="Remboursement de la commande 171-1234567-1234567",
                sender="Amazon <seller-notification@amazon.fr>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+01:00",
            ),
            Sample(
                "Votre commande 171-1234567-1234567 vous plaît-elle ? Laissez-nous un avis.",
                to="luc9@marketplace.amazon.fr",
                date="2026-11-09T10:00:00+01:00",
            ),
            lang="fr",
        ),
    )
    good = (
        thread(
            Sample(
                "A refund of $24.99 for order 113-1234567-1234567 has been issued.",
                subject="Refund initiated for order 113-1234567-1234567",
                sender="Amazon <seller-notification@amazon.com>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+00:00",
            ),
            Sample(
                "How do you like your order 113-7654321-7654321? Would you leave a review?",
                to="kim9@marketplace.amazon.com",
                date="2026-11-09T10:00:00+00:00",
            ),
            note="another order of the same buyer",
        ),
        thread(
            Sample(
                "¿Qué le pareció su pedido 408-1234567-1234567? ¿Nos deja una reseña?",
                to="ana9@marketplace.amazon.es",
                date="2026-11-01T10:00:00+01:00",
            ),
            Sample(
                "Se ha emitido un reembolso de 24,99 € del pedido 408-1234567-1234567.",
                subject="Reembolso del pedido 408-1234567-1234567",
                sender="Amazon <seller-notification@amazon.es>",
                to="shop@seller.example",
                date="2026-11-05T10:00:00+01:00",
            ),
            lang="es",
            note="the refund came after the message",
        ),
        thread(
            Sample(
                "A refund of $24.99 for order 113-1234567-1234567 has been issued.",
                subject="Refund initiated for order 113-1234567-1234567",
                sender="Amazon Payments <refunds@amazon-refund-center.example>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+00:00",
            ),
            Sample(
                "How do you like your order 113-1234567-1234567? Would you leave a review?",
                to="kim9@marketplace.amazon.com",
                date="2026-11-09T10:00:00+00:00",
            ),
            note="possible phishing from a look-alike sender states nothing",
        ),
    )
