"""BSM202 cross-sell."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.message.amazon import is_amazon_domain
from auditor.message.ids import ASIN
from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import View, find, phrases

#: Pointing the buyer at other products or listings.
CROSS_SELL = phrases("cross_sell", "cross_sell")

#: Amazon pages that are the ordered item's review or feedback form, not another listing.
_REVIEW_PAGE = (
    "/review/",
    "/product-reviews/",
    "/ss/customer-reviews/",
    "/feedback",
    "/hz/feedback",
    "/gp/css/",
)


def _listing_asins(msg: Message, view: View) -> list[tuple[str, str, str]]:
    """``(asin, url, location)`` for each distinct Amazon product page the
    message links to (review and feedback pages left out; bare URLs only
    when they are in the seller's own text, not in quoted mail)."""
    own = {location: text for location, text in view.sections()}
    found: dict[str, tuple[str, str, str]] = {}
    for link in msg.links:
        try:
            parts = urlsplit(link.url if "://" in link.url else f"https://{link.url}")
        except ValueError:
            continue
        if not is_amazon_domain(parts.hostname or ""):
            continue
        path = parts.path + ("?" + parts.query if parts.query else "")
        if any(marker in path.lower() for marker in _REVIEW_PAGE):
            continue
        if link.location in ("text", "subject") and link.url not in own.get(link.location, ""):
            continue
        match = ASIN.search(path)
        if match:
            found.setdefault(match.group(1), (match.group(1), link.url, link.location))
    return list(found.values())


class CrossSell(Rule):
    """Promotes other products or listings.

    Flags cross-selling in its common forms: "you may also like", "check out
    our other …" (any product word), "more of our products", "visit our
    store / shop / storefront", "search <brand> on Amazon", "customers who
    bought…", "complete the set", and their German, French, Spanish, Italian
    and Japanese forms ("Besuchen Sie unseren Shop", "découvrez nos autres
    produits", "visite nuestra tienda", "visiti il nostro negozio",
    "当店の他の商品もぜひご覧ください", "ストアページもご覧ください") in the subject,
    plain text or HTML; and links to two or more different Amazon product
    pages (ASINs), which can only be a product list. Quoted mail and the
    legal footer are not read. The phrases are data:
    ``rules/phrases/cross_sell.toml``.
    """

    code = "BSM202"
    name = "cross-sell"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Who may be contacted, and why": "Proactive messages are allowed only '
        "to complete an order or answer a customer-service question. Marketing contact by "
        'any channel is prohibited." Pointing a buyer at other listings is marketing: trigger '
        '2 of "The six triggers named in Amazon\'s restriction e-mail", "Marketing or '
        'promotions", and "Links, contact details, attachments, tracking": "No external links '
        'unless needed to complete the order."'
    )
    fix = (
        "Talk only about the item the buyer ordered. Remove product recommendations, "
        '"you may also like" blocks and links to other listings; e.g. "We hope the kettle '
        'from order 113-1234567-1234567 serves you well."'
    )
    bad = (
        example("You may also like our matching bamboo utensil set."),
        example("Entdecken Sie auch unsere weiteren Produkte rund um die Küche.", lang="de"),
        example("Découvrez nos autres produits dans notre boutique Amazon.", lang="fr"),
        example("Eche un vistazo a nuestros otros productos para el hogar.", lang="es"),
        example("Scopra gli altri nostri prodotti per la cucina.", lang="it"),
        example("当店の他の商品もぜひご覧ください。", lang="ja"),
        example("To find more of our products, visit our Amazon store."),
        example(
            html='<p>Customers also love:</p><ul><li><a href="https://www.amazon.com/dp/'
            'B0ABCDE123">Knife block</a></li><li><a href="https://www.amazon.com/dp/'
            'B0ZYXWV987">Oil</a></li></ul>',
            note="links to two other listings",
        ),
    )
    good = (
        example("Thank you for order 113-1234567-1234567. We would appreciate your honest review."),
        example(
            "Entdecken Sie die Funktionen Ihres neuen Wasserkochers in der beiliegenden Anleitung.",
            lang="de",
            note="'entdecken' about the ordered item",
        ),
        example(
            "Your other item from order 113-1234567-1234567 ships separately tomorrow.",
            note="the buyer's other item, not another listing",
        ),
        example("Découvrez comment entretenir votre planche dans la notice jointe.", lang="fr"),
        example(
            html='<p>You can review the item here: <a href="https://www.amazon.com/review/'
            'create-review?asin=B0ABCDE123">review page</a>.</p>',
            note="the ordered item's review page",
        ),
        example("ご注文の他の商品は別便にて発送いたします。", lang="ja"),
        example(
            "Your parcel is at the post office; please visit the store counter with your ID.",
            note="a store the buyer collects the parcel from",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        seen: set[tuple[str, tuple[int, int]]] = set()
        for location, evidence, span, _match in find(CROSS_SELL, ctx.view):
            if (location, span) not in seen:
                seen.add((location, span))
                yield Hit(location, evidence, span=span)
        listings = _listing_asins(msg, ctx.view)
        if len(listings) >= 2:
            names = ", ".join(asin for asin, _url, _loc in listings)
            yield Hit(listings[1][2], f"links to {len(listings)} Amazon listings: {names}")
