"""BSM406 linked-logo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from auditor.message.amazon import is_amazon_domain
from auditor.message.model import Image, Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.links import shorten

#: A web address as an image's alt text or file name shows it:
#: ``www.acme-home.example``, ``https://…``, ``acme-home.com``, ``logo-acme.de``.
WEB_ADDRESS = re.compile(
    r"https?://[^\s\"'<>]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+"
    r"|\b[a-z0-9][a-z0-9-]*\.(?:com|net|org|shop|store|info|biz|io|eu|de|fr|es|it|jp|ca|nl|pl"
    r"|se|co\.uk|co\.jp|com\.mx|com\.au|example)\b",
    re.IGNORECASE,
)


def file_name(src: str) -> str:
    """The file name of an image URL without its extension ("" for cid:/data:)."""
    if src.lower().startswith(("cid:", "data:")):
        return ""
    try:
        path = urlsplit(src).path
    except ValueError:
        return ""
    name = unquote(path.rsplit("/", 1)[-1])
    return name.rsplit(".", 1)[0] if "." in name else name


def shown_address(image: Image) -> str | None:
    """The non-Amazon web address the image's alt text or file name shows, if any."""
    for text in (image.alt, file_name(image.src)):
        for match in WEB_ADDRESS.finditer(text):
            address = match.group(0)
            host = urlsplit(address if "://" in address else "//" + address).hostname or ""
            if not is_amazon_domain(host):
                return address
    return None


class LinkedLogo(Rule):
    """An image inside a link, or a logo that shows a web address.

    Flags every ``<img>`` inside an ``<a href>`` (a linked logo, banner or
    button, whatever it links to), and an image whose alt text or file name is
    a web address (``alt="www.acme-home.example"``, ``logo-acme-home.com.png``),
    since that is what the image displays. An Amazon address does not count,
    and a plain logo that neither links nor shows an address is fine.
    """

    code = "BSM406"
    name = "linked-logo"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Links, contact details, attachments, tracking": "No logos that link '
        'or that display a web address; a plain logo is fine."'
    )
    fix = (
        "Keep the logo as a plain image: take it out of the link, and use a logo without "
        "your web address (alt text: the shop's name)."
    )
    bad = (
        example(
            html='<p>Order 113-1234567-1234567.</p><a href="https://acme-home.example/">'
            '<img src="https://cdn.acme-home.example/logo.png" alt="Acme Home Goods"></a>',
        ),
        example(
            html="<p>Vielen Dank für Ihre Bestellung 302-1234567-1234567.</p>"
            '<img src="https://cdn.shop.example/logo.png" alt="www.schneidebrett-shop.example">',
            lang="de",
            note="the logo's alt text is a web address",
        ),
        example(
            html="<p>Merci pour votre commande 171-1234567-1234567.</p>"
            '<img src="https://cdn.boutique.example/img/logo-boutique.fr.png" width="150">',
            lang="fr",
            note="the file name is a web address",
        ),
        example(
            html='<p>Pedido 171-1234567-1234567.</p><a href="https://www.amazon.es/review/'
            'create-review?asin=B0C7XK2M4Q"><img src="https://cdn.tienda.example/boton.png" '
            'alt="Valorar"></a>',
            lang="es",
            note="an image button inside a link, even to Amazon",
        ),
        example(
            html="<p>ご注文 503-1234567-1234567 ありがとうございます。</p>"
            '<a href="https://shop.example/jp"><img src="https://shop.example/rogo.jpg"></a>',
            lang="ja",
        ),
    )
    good = (
        example(
            html='<p>Order 113-1234567-1234567.</p><img src="https://cdn.acme-home.example/'
            'logo.png" width="160" alt="Acme Home Goods">',
            note="a plain logo",
        ),
        example(
            html="<p>Ordine 171-1234567-1234567. Grazie per aver acquistato su Amazon.it.</p>"
            '<img src="cid:logo@negozio" alt="Negozio Rossi">',
            lang="it",
        ),
        example(
            html="<p>ご注文 503-1234567-1234567 のレビューをお願いいたします。</p>"
            '<img src="https://cdn.shop.example/logo.png" alt="Amazon.co.jp 出品者 山田商店">',
            lang="ja",
            note="an Amazon address in alt text is not the seller's web address",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        for link in msg.links:
            if link.has_image:
                yield Hit(link.location, f"image inside a link to {shorten(link.url)}")
        for image in msg.images:
            if image.in_link:
                continue
            address = shown_address(image)
            if address:
                yield Hit("html", f"logo showing the web address {address}: {shorten(image.src)}")
