"""Facts about Amazon's domains and marketplaces (policy/notices.md, "Senders")."""

from __future__ import annotations

import re

#: Marketplace domains and the language buyers there are written to by default.
MARKETPLACES: dict[str, str] = {
    "amazon.com": "en",
    "amazon.co.uk": "en",
    "amazon.ca": "en",
    "amazon.com.au": "en",
    "amazon.sg": "en",
    "amazon.in": "en",
    "amazon.ae": "en",
    "amazon.sa": "en",
    "amazon.eg": "en",
    "amazon.de": "de",
    "amazon.fr": "fr",
    "amazon.com.be": "fr",
    "amazon.it": "it",
    "amazon.es": "es",
    "amazon.com.mx": "es",
    "amazon.co.jp": "ja",
    "amazon.nl": "nl",
    "amazon.se": "sv",
    "amazon.pl": "pl",
    "amazon.com.tr": "tr",
    "amazon.com.br": "pt",
}

#: Domains that genuinely send Amazon mail, besides the marketplaces themselves.
EXTRA_AMAZON_DOMAINS = ("amazonses.com", "amazonsellerservices.com", "sellercentral.amazon.com")

_RELAY = re.compile(r"@marketplace\.(amazon\.[a-z.]+)$", re.IGNORECASE)
#: Service mailboxes on the relay domain: Amazon's own notes about one
#: message (not delivered, blocked, the buyer opted out) and bounces come
#: from these, never a buyer (a buyer's relay address is a random token).
_SERVICE_LOCAL = re.compile(
    r"^(?:no-?reply|do-?not-?reply|no-?replies|mailer-daemon|postmaster|bounces?|"
    r"notifications?|seller-notifications?|messaging-notifications?)(?:[-+.][\w.-]*)?$",
    re.IGNORECASE,
)


def registered_amazon_domain(host: str) -> str | None:
    """The Amazon domain ``host`` belongs to (``"amazon.de"`` for
    ``"marketplace.amazon.de"``), or None when it is not Amazon's.

    Only exact domains and true sub-domains count: ``amazon.de.example`` and
    ``amazon-seller.example`` are not Amazon's.
    """
    host = host.lower().rstrip(".")
    for domain in (*MARKETPLACES, *EXTRA_AMAZON_DOMAINS):
        if host == domain or host.endswith("." + domain):
            return domain
    return None


def is_amazon_domain(host: str) -> bool:
    return registered_amazon_domain(host) is not None


def relay_marketplace(address: str) -> str | None:
    """``"amazon.de"`` for a buyer relay address ``…@marketplace.amazon.de``."""
    match = _RELAY.search(address.strip().lower())
    return match.group(1) if match else None


def relay_service(address: str) -> bool:
    """Whether ``address`` is one of Amazon's service mailboxes on a buyer
    relay domain (``no-reply@marketplace.amazon.de``,
    ``MAILER-DAEMON@marketplace.amazon.com``): Amazon writing, not a buyer."""
    local, _, _ = address.strip().rpartition("@")
    return bool(relay_marketplace(address)) and bool(_SERVICE_LOCAL.match(local))


def buyer_relay(address: str) -> str | None:
    """The marketplace of a buyer relay address, or None (also for Amazon's
    service mailboxes on the relay domain, :func:`relay_service`)."""
    return None if relay_service(address) else relay_marketplace(address)
