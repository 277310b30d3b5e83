"""BSM601 emoji-or-gif."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

import emoji

from auditor.message.model import Image, Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.images import is_invisible
from rules.links import shorten
from rules.text import View

#: Where emoji live in Unicode (Latin-1 marks, symbols and arrows, a few CJK
#: marks, the pictograph planes, the emoji selector and the keycap mark): a
#: cheap test before the emoji package's tokenizer runs. Kana and kanji are
#: outside it, so Japanese text costs nothing extra.
_CANDIDATE = re.compile(
    "[\u00a9\u00ae\u203c-\u2bff\u3030\u303d\u3297\u3299\ufe0f\u20e3\U0001f000-\U0001faff]"
)
#: Emoji-test.txt statuses that mean "shown as a picture": fully and
#: minimally qualified sequences and components (skin tones). Unqualified
#: characters (©, ®, ™, ❤, ↔ without U+FE0F) are text-style symbols.
_PICTOGRAPHIC = frozenset(
    {
        emoji.STATUS["component"],
        emoji.STATUS["fully_qualified"],
        emoji.STATUS["minimally_qualified"],
    }
)


def pictographic_emoji(text: str) -> Iterator[tuple[str, int, int]]:
    """Each emoji in ``text`` that displays as a picture: a character with
    Emoji_Presentation, or any emoji with the emoji-style selector U+FE0F or a
    keycap. ``★ ☆ ※ 〒 ①`` are not emoji at all; ``© ™ ❤`` alone are text."""
    if not _CANDIDATE.search(text):
        return
    for found in emoji.emoji_list(text):
        char = found["emoji"]
        data = emoji.EMOJI_DATA.get(char, {})
        if data.get("status") in _PICTOGRAPHIC or "\ufe0f" in char or "\u20e3" in char:
            yield char, found["match_start"], found["match_end"]


def emoji_name(char: str) -> str:
    """``"U+1F60A smiling face with smiling eyes"``: the first code point and the
    CLDR name of the whole sequence (``flag: United States``, ``thumbs up:
    medium skin tone``)."""
    name = emoji.EMOJI_DATA.get(char, {}).get("en", "").strip(":").replace("_", " ")
    if not name:
        name = unicodedata.name(char[0], "emoji").lower()
    return f"U+{ord(char[0]):04X} {name}"


def is_gif(image: Image) -> bool:
    src = image.src.strip().lower()
    if src.startswith("data:image/gif"):
        return True
    if src.startswith(("cid:", "data:")):
        return False
    try:
        return urlsplit(src).path.endswith(".gif")
    except ValueError:
        return False


class EmojiOrGif(Rule):
    """Emoji characters or GIF images.

    Flags emoji in the subject, the text or the HTML's text: any character
    shown as a picture (Emoji_Presentation, such as 😊 🎉 ⭐ 🇩🇪 👍🏽), and
    text-style symbols made pictures by the emoji selector U+FE0F (❤️, ©️)
    or a keycap (1️⃣). Text symbols are not emoji: ★ ☆ ※ 〒 ① ♪ and © ® ™ ❤
    without U+FE0F pass, so Japanese typography and legal marks are fine.
    Also flags GIF images in the body: an ``<img>`` whose address ends in
    ``.gif`` or is a ``data:image/gif`` URI, and GIF parts shown inline. An
    invisible 1×1 GIF is a tracking pixel (BSM405), and a GIF sent as an
    attachment is judged by BSM403.
    """

    code = "BSM601"
    name = "emoji-or-gif"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Styling (scanned and blocked since 1 March 2021)": "No emojis or '
        'GIFs". Amazon scans messages for these and blocks the message.'
    )
    fix = (
        "Write the words instead of the emoji, and use a still image (PNG or JPEG) instead "
        "of an animated GIF, or none."
    )
    bad = (
        example(
            "Thank you for your order 113-1234567-1234567! We would appreciate your review.",
            subject="Your order 113-1234567-1234567 😊",
        ),
        example(
            "Vielen Dank für Ihre Bestellung 302-1234567-1234567 🎉 Über eine ehrliche "
            "Bewertung freuen wir uns.",
            lang="de",
        ),
        example(
            "Merci pour votre commande 171-1234567-1234567 ❤️ Votre avis compte pour nous.",
            lang="fr",
            note="a text heart made a picture by U+FE0F",
        ),
        example(
            html="<p>Gracias por su pedido 171-1234567-1234567.</p>"
            '<img src="https://cdn.tienda.example/gracias.gif" width="300" alt="¡Gracias!">',
            lang="es",
        ),
        example(
            "Grazie per l'ordine 171-1234567-1234567 👍 Ci lasci una recensione sincera.",
            lang="it",
        ),
        example(
            "ご注文 503-1234567-1234567 ありがとうございます⭐ ご感想をお聞かせください。",
            lang="ja",
        ),
    )
    good = (
        example(
            "Acme® Bamboo Cutting Board™ — order 113-1234567-1234567. © 2026 Acme Home Goods.",
            note="legal marks in text style are not emoji",
        ),
        example(
            "※ご注文番号 503-1234567-1234567 ①商品の到着をご確認ください。"
            "★ご感想をお聞かせください。〒100-0001",
            lang="ja",
            note="Japanese typographic symbols are not emoji",
        ),
        example(
            html="<p>Vielen Dank für Ihre Bestellung 302-1234567-1234567.</p>"
            '<img src="https://cdn.shop.example/logo.png" width="160" alt="Shop">',
            lang="de",
        ),
        example(
            "Gracias por su pedido 171-1234567-1234567. ¡Esperamos que le guste! :-)",
            lang="es",
            note="an ASCII smiley is not an emoji character",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        view = ctx.view or View(msg)
        for location, text in view.sections(keep_footer=True):
            for char, start, end in pictographic_emoji(text):
                yield Hit(location, f"emoji {char} ({emoji_name(char)})", span=(start, end))
        for image in msg.images:
            if is_gif(image) and not is_invisible(image):
                yield Hit("html", f"GIF image: {shorten(image.src)}")
        for att in msg.attachments:
            if att.content_type.lower() == "image/gif" and att.disposition != "attachment":
                yield Hit(
                    "html" if msg.html else "attachment",
                    f"inline GIF image: {att.filename or att.content_type}",
                )
