"""BSM504 wrong-language."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from typing import Any

from auditor.message.amazon import MARKETPLACES
from auditor.message.classify import LANGUAGES, language_confidence
from auditor.message.ids import order_ids
from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context

#: Languages buyers on each marketplace may be written to, when their own
#: preference is not known. Multilingual marketplaces list several.
DEFAULT_ACCEPTED: dict[str, list[str]] = {
    "amazon.com": ["en", "es"],
    "amazon.ca": ["en", "fr"],
    "amazon.com.be": ["fr", "nl"],
    "amazon.in": ["en", "hi"],
    "amazon.ae": ["en", "ar"],
    "amazon.sa": ["ar", "en"],
    "amazon.eg": ["ar", "en"],
}
_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "pt": "Portuguese",
    "tr": "Turkish",
    "ar": "Arabic",
    "hi": "Hindi",
}
_KANA = re.compile(r"[\u3040-\u30ff]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_NUMBERS = re.compile(r"[\d\W_]+")


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect(text: str) -> tuple[str | None, float]:
    """``(language, probability)`` for ``text`` among the languages the
    message classifier knows (``auditor.message.classify.LANGUAGES``)."""
    sample = text[:1500]
    if _KANA.search(sample):
        japanese = len(_JAPANESE.findall(sample))
        if japanese >= 0.3 * _letters(sample):
            return "ja", 1.0
        sample = _JAPANESE.sub(" ", sample)  # a Japanese product name in another language
    return language_confidence(sample)


def _locale_language(locale: Any) -> str | None:
    if not isinstance(locale, str) or not locale.strip():
        return None
    return re.split(r"[_-]", locale.strip(), maxsplit=1)[0].lower()


class WrongLanguage(Rule):
    """A message written in another language than the buyer's.

    Flags a message whose language, detected with confidence from the
    seller's own words (quoted mail and footer left out), is not one the
    buyer reads: the buyer's locale where known (``buyer_locales`` in the
    ``[rules]`` settings, keyed by buyer relay address or order ID, e.g.
    ``"de_DE"``), else the marketplace's languages from the buyer's relay
    address (``…@marketplace.amazon.de`` → German). Multilingual
    marketplaces accept several (amazon.com English or Spanish, amazon.ca
    English or French, amazon.com.be French or Dutch). A bilingual message
    passes when one of its paragraphs is in an accepted language. Too short
    or ambiguous text is not judged.
    """

    code = "BSM504"
    name = "wrong-language"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Mandatory content": a message must be "Written in the buyer\'s '
        'language of preference (SP-API `getAttributes` gives `buyer.locale`)." A message the '
        "buyer cannot read is not a message that helps complete the order."
    )
    fix = (
        "Write to each buyer in the marketplace's language, or in the buyer's locale from "
        "SP-API getAttributes: keep one template per language and pick it by marketplace "
        "or locale."
    )
    options = {
        "accepted_languages": Option(
            {},
            "Marketplace → list of ISO 639-1 languages accepted there, merged over the "
            "defaults (amazon.com: en, es; amazon.ca: en, fr; amazon.com.be: fr, nl; other "
            "marketplaces their one language).",
        ),
        "min_letters": Option(40, "Letters of the seller's own text needed to judge."),
        "min_confidence": Option(0.95, "Detection probability needed to judge (0–1)."),
    }
    bad = (
        example(
            "Vielen Dank für Ihre Bestellung 113-1234567-1234567. Über eine ehrliche Bewertung "
            "würden wir uns sehr freuen.",
            lang="de",
            note="German to an amazon.com buyer",
        ),
        example(
            "Thank you for your order 302-1234567-1234567. We would appreciate your honest "
            "review of the product.",
            to="x1@marketplace.amazon.de",
            note="English to an amazon.de buyer",
        ),
        example(
            "Merci pour votre commande 171-1234567-1234567. Votre avis sincère nous aiderait "
            "beaucoup à nous améliorer.",
            to="x2@marketplace.amazon.it",
            lang="fr",
        ),
        example(
            "ご注文いただきありがとうございます。商品のご感想をお聞かせいただければ幸いです。",
            to="x3@marketplace.amazon.es",
            lang="ja",
        ),
    )
    good = (
        example(
            "Gracias por su pedido 113-1234567-1234567. Nos encantaría conocer su opinión "
            "sincera sobre el producto.",
            lang="es",
            note="Spanish is accepted on amazon.com",
        ),
        example(
            "Merci pour votre commande 702-1234567-1234567. Votre avis sincère aide les autres "
            "clients.",
            to="x4@marketplace.amazon.ca",
            lang="fr",
        ),
        example(
            "Grazie per il suo ordine 171-1234567-1234567. Ci farebbe piacere una sua "
            "recensione sincera del prodotto.",
            to="x5@marketplace.amazon.it",
            lang="it",
        ),
        example("Danke!", to="x6@marketplace.amazon.com", lang="de", note="too short to judge"),
        example(
            "Vielen Dank für Ihre Bestellung 302-1234567-1234567. Über eine ehrliche Bewertung "
            "freuen wir uns.\n\nThank you for your order. We would appreciate your honest "
            "review of the product.",
            to="x7@marketplace.amazon.de",
            lang="de",
            note="bilingual: the German paragraph is there",
        ),
    )

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        self._accepted = {**DEFAULT_ACCEPTED}
        for market, langs in (self.settings["accepted_languages"] or {}).items():
            self._accepted[str(market).lower()] = [str(lang).lower() for lang in langs]

    def accepted(self, msg: Message, ctx: Context) -> tuple[list[str], str]:
        """The languages ``msg``'s buyer reads, and where that comes from."""
        locales = ctx.settings.get("buyer_locales") or {}
        if locales:
            lowered = {str(k).lower(): v for k, v in locales.items()}
            for key in (*msg.to, *order_ids(msg.subject, msg.body)):
                lang = _locale_language(lowered.get(key.lower()))
                if lang:
                    return [lang], f"the buyer's locale ({lowered[key.lower()]})"
        market = (msg.marketplace or "").lower()
        if market in self._accepted:
            return self._accepted[market], f"{market} buyers"
        if market in MARKETPLACES:
            return [MARKETPLACES[market]], f"{market} buyers"
        return [], ""

    def _confident(self, text: str) -> str | None:
        if _letters(_NUMBERS.sub(" ", text)) < self.settings["min_letters"]:
            return None
        lang, probability = detect(text)
        return lang if probability >= self.settings["min_confidence"] else None

    def cache_key(self, msg: Message, ctx: Context) -> Hashable | None:
        # The buyer's own locale, where configured, decides per recipient.
        return None if ctx.settings.get("buyer_locales") else ()

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        if msg.language is None:
            return
        accepted, source = self.accepted(msg, ctx)
        if not accepted or any(lang not in LANGUAGES for lang in accepted):
            return  # nothing to compare with, or a language the detector cannot tell
        body = ctx.view.body()
        lang = self._confident(f"{msg.subject}\n{body}")
        if lang is None or lang in accepted:
            return
        if any(self._confident(part) in accepted for part in _PARAGRAPH.split(body)):
            return  # a bilingual message: one version is in the buyer's language
        location = next(
            (loc for loc, text in ctx.view.sections() if loc != "subject" and text.strip()),
            "subject",
        )
        first = next((line.strip() for line in body.splitlines() if line.strip()), msg.subject)
        wanted = " or ".join(_NAMES.get(code, code) for code in accepted)
        yield Hit(
            location,
            f"written in {_NAMES.get(lang, lang)}; {source} read {wanted}: {first[:160]}",
        )
