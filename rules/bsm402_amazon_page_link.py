"""BSM402 amazon-page-link."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator

from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.links import (
    AMAZON_SHORT_HOSTS,
    campaign_allowlist,
    is_amazon_host,
    listed,
    own_links,
    shorten,
)
from rules.text import View

#: Amazon pages a review request or an order question may link to.
DEFAULT_PATHS = [
    "/review/create-review",
    "/review/review-your-purchases",
    "/gp/customer-reviews/write-a-review",
    "/ryp/",
    "/hz/feedback",
    "/gp/feedback",
    "/gp/css/",
    "/gp/your-account/order-",
    "/your-orders",
    "/spr/returns",
    "/returns",
]
#: The language switch Amazon puts in front of a path: ``/-/en/dp/…``.
_LOCALE = re.compile(r"^/-/[a-z]{2}(?:[_-][a-z]{2})?(?=/)", re.IGNORECASE)
#: What kind of Amazon page a path is, for the evidence.
_KINDS = (
    (
        re.compile(r"/(?:dp|gp/product|gp/aw/d|exec/obidos/asin|o/asin)/", re.I),
        "product detail page",
    ),
    (re.compile(r"/(?:stores|shops)/|^/sp\?|[?&](?:me|seller)=", re.I), "storefront"),
    (re.compile(r"^/s(?:/|\?)|[?&](?:k|field-keywords)=", re.I), "search page"),
    (re.compile(r"/product-reviews/", re.I), "product reviews page"),
)


def page_kind(host: str, path: str) -> str:
    """A readable name for the Amazon page ``path`` is."""
    if host in AMAZON_SHORT_HOSTS:
        return "shortened link"
    if path in ("/", "/?"):
        return "home page"
    for pattern, kind in _KINDS:
        if pattern.search(path):
            return kind
    return "page"


class AmazonPageLink(Rule):
    """A link to an Amazon page other than the review, feedback and order pages.

    Flags links (anchors and bare URLs) to Amazon domains whose path is not on
    the allow-list of review, seller-feedback, order and returns pages: product
    detail pages (``/dp/``, ``/gp/product/``), storefronts (``/stores/``,
    ``?me=``), searches (``/s?k=``), the home page, and Amazon's short links
    (``amzn.to``, ``a.co``), whose target the buyer cannot see. Amazon's
    language prefix (``/-/en/``) is ignored. ``Amazon.com`` written in prose is
    not a link. A ``domain/path`` entry in the campaign's allow-list (its
    ``allowed_links``, see BSM401) allows that page too.
    """

    code = "BSM402"
    name = "amazon-page-link"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Links, contact details, attachments, tracking": "eComEngine says '
        "even Amazon detail pages and storefront links are not allowed; links to Amazon's "
        'own review/feedback pages were common in templates [?] (keep an allow-list)." and '
        '"Each SP-API message type allows only links related to its purpose."'
    )
    fix = (
        "Link only to the page the message is about (the review or feedback page for the "
        "order), or to none at all; name the product instead of linking its detail page, "
        "and never link a storefront or a search."
    )
    options = {
        "allowed_amazon_paths": Option(
            DEFAULT_PATHS,
            "Path prefixes of Amazon pages that may be linked (review, feedback, order and "
            "returns pages), on any Amazon marketplace domain.",
        ),
    }
    bad = (
        example(
            html='<p>Order 113-1234567-1234567. Visit <a href="https://www.amazon.com/stores/'
            'AcmeHome/page/1234">our Amazon store</a>.</p>',
        ),
        example(
            "Zum Nachkaufen: https://www.amazon.de/dp/B0C7XK2M4Q (Bestellung 302-1234567-1234567).",
            lang="de",
        ),
        example(
            html='<p>Commande 171-1234567-1234567. <a href="https://www.amazon.fr/s?k=acme+'
            'planche">Nos autres produits</a></p>',
            lang="fr",
        ),
        example(
            "Pedido 171-1234567-1234567. Vea el producto: https://amzn.eu/d/3xYz9Qa",
            lang="es",
        ),
        example(
            "ご注文 503-1234567-1234567 の商品ページ：https://www.amazon.co.jp/gp/product/B0C7XK2M4Q",
            lang="ja",
        ),
    )
    good = (
        example(
            "Review order 113-1234567-1234567 here: "
            "https://www.amazon.com/review/create-review?asin=B0C7XK2M4Q",
            note="the review page is on the default allow-list",
        ),
        example(
            html='<p>Ordine 171-1234567-1234567: <a href="https://www.amazon.it/hz/feedback?'
            'orderID=171-1234567-1234567">lasci un feedback</a>.</p>',
            lang="it",
        ),
        example(
            "Vielen Dank für Ihren Einkauf bei Amazon.de, Bestellung 302-1234567-1234567.",
            lang="de",
            note='"Amazon.de" in prose is not a link',
        ),
        example(
            "ご注文 503-1234567-1234567：https://www.amazon.co.jp/-/ja/review/create-review",
            lang="ja",
            note="the language prefix /-/ja/ is ignored",
        ),
    )

    def cache_key(self, msg: Message, ctx: Context) -> Hashable | None:
        return ctx.campaign  # the campaign's allow-list counts too

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        view = ctx.view or View(msg)
        prefixes = tuple(p.lower() for p in self.settings["allowed_amazon_paths"])
        allowed = campaign_allowlist(ctx)
        for link, host, path in own_links(msg, view):
            if not is_amazon_host(host):
                continue
            path = _LOCALE.sub("", path)
            if host not in AMAZON_SHORT_HOSTS and path.lower().startswith(prefixes):
                continue
            if listed(host, path, allowed):
                continue
            yield Hit(
                link.location,
                f"link to an Amazon {page_kind(host, path)}: {shorten(link.url)}",
            )
