"""BSM407 insecure-resource."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.links import own_links, shorten
from rules.text import View

_HTTP = re.compile(r"^\s*http://", re.IGNORECASE)
_CSS_HTTP = re.compile(r"url\(\s*['\"]?(http://[^'\")\s]+)", re.IGNORECASE)


class InsecureResource(Rule):
    """An image or link over plain ``http://``.

    Flags links (anchors and bare URLs written in the subject or text) and
    images, including CSS ``url(…)`` backgrounds, whose address starts with
    ``http://``, Amazon's own pages included. A bare ``www.shop.example``
    names no scheme and is BSM401's business; ``https://`` and inline
    ``cid:`` images are fine.
    """

    code = "BSM407"
    name = "insecure-resource"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Links, contact details, attachments, tracking": "No tracking '
        'pixels or tracking images; no non-secure (http) images."'
    )
    fix = "Serve every image and link over https:// (or embed images inline)."
    bad = (
        example(
            html='<p>Order 113-1234567-1234567.</p><img src="http://cdn.shop.example/logo.png" '
            'width="160" alt="Acme">',
        ),
        example(
            "Ihre Bewertung zu Bestellung 302-1234567-1234567: "
            "http://www.amazon.de/review/create-review?asin=B0C7XK2M4Q",
            lang="de",
        ),
        example(
            html='<p>Commande 171-1234567-1234567.</p><a href="http://www.amazon.fr/hz/feedback">'
            "Laisser un avis</a>",
            lang="fr",
        ),
        example(
            html='<div style="background-image:url(http://img.tienda.example/fondo.jpg)">'
            "<p>Pedido 171-1234567-1234567.</p></div>",
            lang="es",
        ),
        example(
            html="<p>ご注文 503-1234567-1234567 ありがとうございます。</p>"
            '<img src="http://shop.example/jp/rogo.png" width="120" alt="山田商店">',
            lang="ja",
        ),
    )
    good = (
        example(
            html='<p>Order 113-1234567-1234567.</p><img src="https://cdn.shop.example/logo.png" '
            'width="160" alt="Acme">',
        ),
        example(
            "Lasci una recensione dell'ordine 171-1234567-1234567: "
            "https://www.amazon.it/review/create-review?asin=B0C7XK2M4Q",
            lang="it",
        ),
        example(
            html="<p>ご注文 503-1234567-1234567 のご感想をお聞かせください。</p>"
            '<img src="cid:rogo@shop" alt="山田商店">',
            lang="ja",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        view = ctx.view or View(msg)
        for link, _host, _path in own_links(msg, view):
            if _HTTP.match(link.url):
                yield Hit(link.location, f"http:// link: {shorten(link.url)}")
        for image in msg.images:
            if _HTTP.match(image.src):
                yield Hit("html", f"http:// image: {shorten(image.src)}")
        for prop, value in msg.css:
            for url in _CSS_HTTP.findall(value):
                yield Hit("html", f"http:// image in CSS {prop}: {shorten(url)}")
