"""BSM405 tracking-pixel."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.images import is_invisible, pixels
from rules.links import listed, shorten

#: Hosts that serve open-tracking images for mailing tools and ad networks.
DEFAULT_TRACKING_HOSTS = [
    "google-analytics.com",
    "doubleclick.net",
    "list-manage.com",
    "mandrillapp.com",
    "sendgrid.net",
    "mailtrack.io",
    "bananatag.com",
    "yesware.com",
    "getnotify.com",
    "emltrk.com",
    "awstrack.me",
    "mktoresp.com",
    "exct.net",
    "rs6.net",
    "createsend.com",
    "cmail19.com",
    "cmail20.com",
    "klaviyomail.com",
    "hubspotlinks.com",
    "hs-analytics.net",
    "mailgun.org",
    "pixel.wp.com",
    "facebook.com/tr",
    "sidekickopen01.com",
]
#: A first host label that announces a tracker: ``track.mailstat.example``.
_TRACKING_LABEL = re.compile(r"^(?:track(?:ing)?|trk|pixel|beacon|opens?|analytics)\d*\.", re.I)
#: Paths of open-tracking endpoints: ``/open.gif``, ``/wf/open``, ``/pixel.png``.
_TRACKING_PATH = re.compile(
    r"/(?:open|opened|pixel|beacon|track(?:ing)?|trk)(?:[._-]?\d+)?(?:\.(?:gif|png|php|jpe?g))?$"
    r"|/(?:track/open|wf/open)\b|/o\.gif$",
    re.IGNORECASE,
)
#: Query parameters of campaign and open tracking.
_TRACKING_PARAM = re.compile(
    r"^(?:utm_\w+|mc_eid|mc_cid|_hsenc|_hsmi|mkt_tok|oly_enc_id|vero_id|ck_subscriber_id)$",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)", re.IGNORECASE)


def _dimension(value: str | None) -> str:
    size = pixels(value)
    return "?" if size is None else f"{size:g}"


def is_remote(src: str) -> bool:
    return src.lower().startswith(("http://", "https://", "//"))


def tracking_reason(url: str, hosts: list[str]) -> str | None:
    """Why the image at ``url`` is a tracker by its address, or None."""
    try:
        parts = urlsplit(url if "://" in url else "https:" + url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if listed(host, parts.path or "/", hosts):
        return f"image from tracking host {host}"
    if _TRACKING_LABEL.match(host) or _TRACKING_PATH.search(parts.path):
        return "tracking image"
    for key, _value in parse_qsl(parts.query, keep_blank_values=True):
        if _TRACKING_PARAM.match(key):
            return f"image with tracking parameter {key}"
    return None


class TrackingPixel(Rule):
    """A tracking pixel: a remote image that is invisible or served by a tracker.

    Flags a remote (``http(s)://``) image that is 1×1 or 0×0 px, or hidden
    (``display:none``, ``visibility:hidden``, ``opacity:0``, ``hidden``); and a
    remote image, or CSS ``url(…)`` background, served by a known tracking host
    (option ``tracking_hosts``), from a ``track.``/``pixel.`` host, at an
    open-tracking path (``/open.gif``, ``/wf/open``) or with tracking parameters
    (``utm_*``, ``mc_eid``, ``_hsenc``). Inline ``cid:`` images are not remote,
    and a normal-size logo or product image is fine.
    """

    code = "BSM405"
    name = "tracking-pixel"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Links, contact details, attachments, tracking": "No tracking '
        'pixels or tracking images; no non-secure (http) images."'
    )
    fix = (
        "Turn off open tracking in your mailing tool for Amazon buyers, and serve images "
        "without tracking parameters (or embed them inline)."
    )
    options = {
        "tracking_hosts": Option(
            DEFAULT_TRACKING_HOSTS,
            "Domains (or domain/path prefixes) whose images are trackers at any size.",
        ),
    }
    bad = (
        example(
            html="<p>Order 113-1234567-1234567. We would appreciate your review.</p>"
            '<img src="https://t.example/o.gif?id=9" width="1" height="1">',
        ),
        example(
            html="<p>Vielen Dank für Ihre Bestellung 302-1234567-1234567.</p>"
            '<img src="https://cdn.shop.example/b.png" style="display:none" alt="">',
            lang="de",
            note="hidden image",
        ),
        example(
            html="<p>Merci pour votre commande 171-1234567-1234567.</p>"
            '<img src="https://u123.ct.sendgrid.net/wf/open?upn=abc" width="0" height="0">',
            lang="fr",
        ),
        example(
            html="<p>Gracias por su pedido 171-1234567-1234567.</p>"
            '<img src="https://img.tienda.example/logo.png?utm_source=amazon&amp;utm_medium='
            'email" width="120" height="40" alt="Tienda">',
            lang="es",
            note="a visible image with campaign-tracking parameters",
        ),
        example(
            html="<p>ご注文 503-1234567-1234567 ありがとうございます。</p>"
            '<img src="https://track.mail.example/open.gif?u=42" width="1px" height="1px">',
            lang="ja",
        ),
    )
    good = (
        example(
            html='<p>Order 113-1234567-1234567.</p><img src="https://cdn.shop.example/logo.png" '
            'width="160" height="48" alt="Acme Home Goods">',
            note="a normal-size https logo, not in a link",
        ),
        example(
            html='<p>Grazie per l\'ordine 171-1234567-1234567.</p><img src="cid:logo@negozio" '
            'width="1" height="1">',
            lang="it",
            note="an inline cid: image is not remote",
        ),
        example(
            "Vielen Dank für Ihre Bestellung 302-1234567-1234567. Über eine ehrliche Bewertung "
            "freuen wir uns.",
            lang="de",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        hosts = list(self.settings["tracking_hosts"])
        for image in msg.images:
            if not is_remote(image.src):
                continue
            if image.hidden:
                reason: str | None = "hidden remote image"
            elif is_invisible(image):
                reason = f"{_dimension(image.width)}×{_dimension(image.height)} px remote image"
            else:
                reason = tracking_reason(image.src, hosts)
            if reason:
                yield Hit("html", f"{reason}: {shorten(image.src)}")
        for prop, value in msg.css:
            for url in _CSS_URL.findall(value):
                reason = tracking_reason(url, hosts) if is_remote(url) else None
                if reason:
                    yield Hit("html", f"{reason} in CSS {prop}: {shorten(url)}")
