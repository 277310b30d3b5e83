"""Web-link helpers shared by the link rules (BSM401 unnecessary-link, BSM402
amazon-page-link, BSM404–BSM407, BSM601): which URLs are web links, which
hosts are Amazon's, allow-list entries, and URLs shortened for evidence.

A helper module, not a rule: rule modules import it, never each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from auditor.message.amazon import is_amazon_domain
from auditor.message.model import Link, Message
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
