"""BSM401 unnecessary-link, and the web-link helpers the other link rules
(BSM402 amazon-page-link, BSM407 insecure-resource) share."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from auditor.message.amazon import is_amazon_domain
from auditor.message.model import Link, Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.text import View

#: Schemes that take a buyer to a web page; "" is a bare ``www.shop.example``.
#: mailto: and tel: are contact details (BSM501), cid: and data: are inline.
WEB_SCHEMES = frozenset({"http", "https", "ftp", ""})
#: Amazon's own link shorteners: Amazon pages whose target the buyer cannot see.
AMAZON_SHORT_HOSTS = frozenset({"amzn.to", "amzn.eu", "amzn.asia", "a.co", "amzn.com"})
#: Amazon's product-image hosts (not marketplaces, but Amazon's, unlike amazonaws.com,
#: where anyone may host a page).
AMAZON_ASSET_DOMAINS = ("media-amazon.com", "ssl-images-amazon.com")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def split_web_url(url: str) -> tuple[str, str] | None:
    """``(host, path?query)`` of a web URL (the host lower-cased), or None for
    mailto:, tel:, cid:, data:, relative and unreadable URLs."""
    url = url.strip()
    scheme = _SCHEME.match(url)
    if scheme and "." in scheme.group(0):
        scheme = None  # "shop.example:8080/x" is a host and port, not a scheme
    if scheme and scheme.group(0)[:-1].lower() not in WEB_SCHEMES:
        return None
    try:
        parts = urlsplit(url if scheme or url.startswith("//") else "//" + url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    path = parts.path or "/"
    return host, f"{path}?{parts.query}" if parts.query else path


def is_amazon_host(host: str) -> bool:
    """True for Amazon's domains, its image hosts and its link shorteners."""
    return (
        is_amazon_domain(host)
        or host in AMAZON_SHORT_HOSTS
        or any(host == d or host.endswith("." + d) for d in AMAZON_ASSET_DOMAINS)
    )


def shorten(url: str, limit: int = 120) -> str:
    """``url`` cut to ``limit`` characters for evidence."""
    return url if len(url) <= limit else url[: limit - 1] + "…"


def own_links(msg: Message, view: View) -> Iterator[tuple[Link, str, str]]:
    """The message's web links with ``(link, host, path?query)``, leaving out
    bare URLs that only occur in quoted mail (the buyer's words, not ours).
    A footer's links stay: the seller sent them."""
    own = dict(view.sections(keep_footer=True))
    for link in msg.links:
        split = split_web_url(link.url)
        if split is None:
            continue
        if link.location == "text" and link.url not in own.get("text", link.url):
            continue
        yield link, *split


def listed(host: str, path: str, entries: Iterable[str]) -> bool:
    """True when an allow-list entry covers the link. An entry is a domain
    (``shop.example`` also covers ``www.shop.example`` and other sub-domains)
    or a domain with a path (``shop.example/delivery`` covers ``/delivery``,
    ``/delivery/…`` and ``/delivery?…``, not ``/delivery-faq``)."""
    host = host.lower().removeprefix("www.")
    path = path.lower()
    for entry in entries:
        entry = _SCHEME.sub("", str(entry).strip().lower()).lstrip("/")
        domain, slash, prefix = entry.partition("/")
        domain = domain.removeprefix("www.")
        if not domain or not (host == domain or host.endswith("." + domain)):
            continue
        prefix = "/" + prefix
        if not slash or prefix == "/":
            return True
        if path.startswith(prefix) and (
            prefix.endswith("/") or path[len(prefix) : len(prefix) + 1] in ("", "/", "?", "#")
        ):
            return True
    return False


def campaign_allowlist(ctx: Context) -> list[str]:
    """The allow-list entries for the message's campaign: the
    ``campaign_link_allowlist`` table of the ``[rules]`` settings, mapping a
    campaign name to its entries (the audit fills it from each campaign's
    ``allowed_links``)."""
    table: Any = ctx.settings.get("campaign_link_allowlist", {})
    if not isinstance(table, dict) or ctx.campaign is None:
        return []
    return list(table.get(ctx.campaign, []))


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
