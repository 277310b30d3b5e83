"""Sort each message into sent / notice / reply / other and tag its language.

Classification rests on addresses, never on wording alone, except for mail
that *claims* to be Amazon from a foreign domain: that is kept as a notice so
the notice parser can judge it (and flag it as possible phishing).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from auditor.message.amazon import MARKETPLACES, is_amazon_domain, relay_marketplace
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
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text.

    Kana settle Japanese at once (kanji alone could be Chinese); otherwise
    py3langid decides among :data:`LANGUAGES`.
    """
    sample = text[:1500]
    if _KANA.search(sample) or (_CJK.search(sample) and len(_CJK.findall(sample)) > 5):
        return "ja"
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 12:
        return None
    return _identifier().classify(sample)[0]


def language_confidence(text: str) -> tuple[str | None, float]:
    """The most likely language of ``text`` among :data:`LANGUAGES` and its
    probability (0–1), from py3langid's ranking: for rules that must only
    judge when sure."""
    ranked = _identifier().rank(text[:1500])
    if not ranked:
        return None, 0.0
    best = ranked[0][1]
    return ranked[0][0], 1.0 / sum(math.exp(score - best) for _, score in ranked)


def classify(msg: Message) -> Kind:
    """Decide ``msg.kind`` (and the marketplace a notice or reply concerns)."""
    sender_market = relay_marketplace(msg.from_addr)
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
