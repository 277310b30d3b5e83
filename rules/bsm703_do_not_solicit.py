"""BSM703 do-not-solicit."""

from __future__ import annotations

from typing import ClassVar

from auditor.orders.model import DO_NOT_SOLICIT, EventKind
from rules.base import Sample, Severity, thread
from rules.solicit import ProactiveAfterEvent


class DoNotSolicit(ProactiveAfterEvent):
    """A proactive message to a buyer who opted out or complained.

    Flags a proactive message (not a reply) sent to a buyer after Amazon
    bounced a message because the buyer opted out ("The buyer opted out from
    receiving this message", "Der Käufer hat sich gegen den Erhalt …
    entschieden"), or after the buyer asked the seller to stop writing
    ("stop emailing me", "hören Sie auf, mir zu schreiben", "arrêtez de
    m'envoyer", "dejen de enviarme", "smettete di scrivermi",
    "メールを送らないでください"). Both hold for the buyer (their relay
    address, and every order they were written to about), not only for the
    order named. Dates decide, not the order of the mailbox; the facts come
    from this audit's mail and from earlier audits (the store's buyer and
    order memory). A notice judged suspicious (possible phishing) counts for
    nothing.
    """

    code = "BSM703"
    name = "do-not-solicit"
    severity = Severity.ERROR
    #: the events that forbid the message, and whether they hold for the buyer
    kinds: ClassVar[frozenset[EventKind]] = DO_NOT_SOLICIT
    buyer_wide: ClassVar[bool] = True
    why = (
        'guidelines.md, "The six triggers named in Amazon\'s restriction e-mail", 6: "An '
        'excessive number of buyer complaints about proactive messages." A buyer who opted '
        "out or asked the seller to stop and is written to again complains; Amazon's opt-out "
        'bounce (guidelines.md, "Other per-message notes shown in Seller Central": "The buyer '
        'opted out from receiving this message") says the buyer wants no unsolicited messages.'
    )
    fix = (
        "Add the buyer to the campaign tool's do-not-contact list (FeedbackFive, FeedbackWhiz: "
        "'exclude buyer') and send them nothing proactive again; answer only their own messages."
    )
    bad = (
        thread(
            Sample(
                "We hope you like the board from order 113-1234567-1234567. Would you leave a "
                "review?",
                to="jane9@marketplace.amazon.com",
                message_id="<r1@shop.example>",
                date="2026-11-01T10:00:00+00:00",
            ),
            Sample(
                "Please stop emailing me. I do not want any more messages.",
                subject="RE: About your recent order",
                to="shop@seller.example",
                sender="Jane <jane9@marketplace.amazon.com>",
                in_reply_to="<r1@shop.example>",
                date="2026-11-02T10:00:00+00:00",
            ),
            Sample(
                "Thanks again for order 113-7654321-7654321! Your review would help us.",
                to="jane9@marketplace.amazon.com",
                date="2026-11-20T10:00:00+00:00",
            ),
            note="a later order of the same buyer",
        ),
        thread(
            Sample(
                "Ihre Nachricht an einen Käufer wurde nicht zugestellt.\n\nDer Käufer hat sich "
                "gegen den Erhalt dieser Nachricht entschieden. Bestellnummer: "
                "302-1234567-1234567\n\nAmazon Verkäufer-Support",
                subject="Ihre Nachricht wurde nicht zugestellt",
                sender="Amazon <seller-notification@amazon.de>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+01:00",
            ),
            Sample(
                "Wie gefällt Ihnen Ihre Bestellung 302-1234567-1234567? Über eine Bewertung "
                "würden wir uns freuen.",
                to="max9@marketplace.amazon.de",
                date="2026-11-09T10:00:00+01:00",
            ),
            lang="de",
            note="an opt-out bounce, then another message about the order",
        ),
        thread(
            Sample(
                "もうメールを送らないでください。",
                subject="Re: ご注文について",
                sender="Taro <taro9@marketplace.amazon.co.jp>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+09:00",
            ),
            Sample(
                "ご注文 503-1234567-1234567 の商品はいかがでしょうか。レビューをお願いいたします。",
                to="taro9@marketplace.amazon.co.jp",
                date="2026-11-10T10:00:00+09:00",
            ),
            lang="ja",
        ),
    )
    good = (
        thread(
            Sample(
                "Would you leave a review of order 113-1234567-1234567?",
                to="ann9@marketplace.amazon.com",
                date="2026-11-01T10:00:00+00:00",
            ),
            Sample(
                "Please stop emailing me.",
                subject="RE: your order",
                sender="Ann <ann9@marketplace.amazon.com>",
                to="shop@seller.example",
                date="2026-11-03T10:00:00+00:00",
            ),
            note="the complaint came after the message (BSM702 reports it)",
        ),
        thread(
            Sample(
                "Arrêtez de m'envoyer des messages.",
                subject="Re: votre commande",
                sender="Paul <paul9@marketplace.amazon.fr>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+01:00",
            ),
            Sample(
                "Votre colis de la commande 171-1234567-1234567 a été retardé ; le nouveau "
                "délai de livraison est le 12 novembre.",
                subject="Re: votre commande",
                to="paul9@marketplace.amazon.fr",
                in_reply_to="<x@marketplace.amazon.fr>",
                date="2026-11-05T10:00:00+01:00",
            ),
            lang="fr",
            note="a reply to the buyer is not proactive",
        ),
        thread(
            Sample(
                "Smettete di scrivermi, per favore.",
                subject="Re: il tuo ordine",
                sender="Gia <gia9@marketplace.amazon.it>",
                to="shop@seller.example",
                date="2026-11-02T10:00:00+01:00",
            ),
            Sample(
                "Ti è piaciuto l'ordine 405-1234567-1234567? Lasceresti una recensione?",
                to="leo9@marketplace.amazon.it",
                date="2026-11-05T10:00:00+01:00",
            ),
            lang="it",
            note="another buyer",
        ),
    )
