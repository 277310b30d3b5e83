"""BSM401 unnecessary-link (its web-link helpers are in rules/links.py)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.links import campaign_allowlist, is_amazon_host, listed, own_links, shorten
from rules.text import View


class UnnecessaryLink(Rule):
    """A link to a web site that is not Amazon's.

    Flags every web link, whether an HTML anchor or a bare URL written in the
    subject or text (``https://…``, ``www.shop.example``, ``shop.example/faq``),
    whose host is not an Amazon domain, unless an allow-list says the link is
    needed to complete the order. ``mailto:`` and ``tel:`` links are contact
    details (BSM501), ``Amazon.com`` written in prose is not a link, and links
    to Amazon's own pages are BSM402's business. Allow-lists: domains (or
    ``domain/path`` prefixes such as ``booking.carrier.example/slots``) in
    ``allowed_link_domains`` (in ``[rules]``, or as this rule's option) are
    allowed in every campaign; a campaign's own entries (its
    ``allowed_links``, which reach the rule as the ``campaign_link_allowlist``
    setting, ``{campaign: [entries]}``) are allowed in that campaign only.
    """

    code = "BSM401"
    name = "unnecessary-link"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "The six triggers named in Amazon\'s restriction e-mail", 5: '
        '"Links or attachments that are not necessary to complete the order." And under '
        '"Links, contact details, attachments, tracking": "No external links unless needed '
        'to complete the order."'
    )
    fix = (
        "Remove the link, or write what the buyer needs in the message itself. If a link is "
        "truly needed to complete the order (a carrier's delivery-booking page), add its "
        "domain to that campaign's allowed_links."
    )
    options = {
        "allowed_link_domains": Option(
            [],
            "Domains (or domain/path prefixes) whose links are allowed in every campaign, "
            "besides [rules] allowed_link_domains. Per campaign: the campaign's "
            "allowed_links (the campaign_link_allowlist setting).",
        ),
    }
    bad = (
        example(
            html='<p>Order 113-1234567-1234567: read our <a href="https://myshop.example/faq">'
            "FAQ</a>.</p>",
        ),
        example(
            "Pflegehinweise finden Sie unter www.acme-home.example/pflege (Bestellung "
            "302-1234567-1234567).",
            lang="de",
        ),
        example(
            "Découvrez notre boutique : https://boutique.example/fr pour la commande "
            "171-1234567-1234567.",
            lang="fr",
        ),
        example(
            "Siga a nuestra tienda en https://www.instagram.com/tienda_ejemplo.",
            subject="Su pedido 171-1234567-1234567",
            lang="es",
        ),
        example(
            html='<p>Ordine 171-1234567-1234567. <a href="https://negozio.example/guida">'
            "Guida all'uso</a></p>",
            lang="it",
        ),
        example(
            "ご注文 503-1234567-1234567 の詳細は shop.example/ja/guide をご覧ください。",
            lang="ja",
        ),
    )
    good = (
        example(
            "Thank you for order 113-1234567-1234567 on Amazon.com. We would appreciate your "
            "honest review.",
            note='"Amazon.com" in prose is not a link',
        ),
        example(
            html='<p>Bewerten Sie Bestellung 302-1234567-1234567 <a href="https://www.amazon.de/'
            'review/create-review?asin=B0C7XK2M4Q">auf Amazon</a>.</p>',
            lang="de",
            note="Amazon's own review page is BSM402's business, and allow-listed there",
        ),
        example(
            html='<p>Pour toute question : <a href="mailto:service@boutique.example">'
            "écrivez-nous</a>. Commande 171-1234567-1234567.</p>",
            lang="fr",
            note="a mailto: link is a contact detail (BSM501), not a web link",
        ),
        example(
            "ご注文番号 503-1234567-1234567。商品のご感想をお聞かせください。",
            lang="ja",
        ),
    )

    def cache_key(self, msg: Message, ctx: Context) -> Hashable | None:
        return ctx.campaign  # the campaign's allow-list counts too

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        view = ctx.view or View(msg)
        allowed = [
            *self.settings["allowed_link_domains"],
            *ctx.settings.get("allowed_link_domains", []),
            *campaign_allowlist(ctx),
        ]
        for link, host, path in own_links(msg, view):
            if is_amazon_host(host) or listed(host, path, allowed):
                continue
            yield Hit(link.location, f"link to {host}: {shorten(link.url)}")
