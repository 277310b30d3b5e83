"""BSM602 styling-override."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context

#: Values that restore the default rather than override it.
_DEFAULTS = frozenset({"inherit", "initial", "unset", "revert", "normal", "currentcolor"})
_ALIGNED = frozenset(
    {"center", "centre", "right", "justify", "end", "-webkit-center", "-moz-center"}
)
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s*%")
#: A size in a ``font`` shorthand: ``bold 14px/1.4 Arial``.
_FONT_SIZE = re.compile(
    r"(?<![\w/.])(\d+(?:\.\d+)?(?:px|pt|em|rem|%)|(?:xx?-)?(?:small|large)|medium|smaller|larger)"
    r"(?:\s*/\s*([\w.%]+))?",
    re.IGNORECASE,
)
_TEXT_BREAKS = re.compile(r"\n(?:[ \t]*\n)+")
_MARGINS = frozenset(
    {
        "margin",
        "margin-left",
        "margin-right",
        "margin-inline",
        "margin-inline-start",
        "margin-inline-end",
    }
)
#: Properties any value of which (but a default) overrides Amazon's styling.
_OVERRIDES = {
    "font-family": "font family override",
    "color": "font colour override",
    "line-height": "line-height override",
}


def _listed(label: str, decls: list[str], limit: int = 3) -> str:
    distinct = list(dict.fromkeys(decls))
    more = f" and {len(distinct) - limit} more" if len(distinct) > limit else ""
    return f"{label}: {', '.join(distinct[:limit])}{more}"


def _over(value: str, limit: float) -> bool:
    return any(float(p) > limit for p in _PERCENT.findall(value))


def _font_shorthand(low: str, decl: str) -> tuple[list[tuple[str, str]], str | None]:
    """The overrides a ``font`` shorthand makes (a family after the size, a
    line-height after a slash) and its size."""
    match = _FONT_SIZE.search(low)
    if not match:
        return [], None
    overrides = []
    if low[match.end() :].strip():
        overrides.append(("font family override", decl))
    if match.group(2):
        overrides.append(("line-height override", decl))
    return overrides, match.group(1)


class StylingOverride(Rule):
    """Styling Amazon's scanner blocks: alignment, fonts, colours, spacing.

    Flags, from the HTML's inline styles and presentational attributes:
    centred or otherwise aligned text (``text-align: center``, ``align="right"``,
    ``<center>``); font family, text colour and line-height overrides (``font
    face``, ``color``, the ``font`` shorthand); more than three font sizes;
    images wider than 80 %; margins over 20 %; and, in HTML or plain text,
    more than two consecutive line breaks. Values that restore the default
    (``inherit``, ``normal``, ``text-align: left``) are fine. One finding per
    kind of override, naming the first declarations found.
    """

    code = "BSM602"
    name = "styling-override"
    severity = Severity.INFO
    why = (
        'guidelines.md, "Styling (scanned and blocked since 1 March 2021)": "margins over '
        "20% of width; images wider than 80%; overriding default line height, font family "
        "or colour; more than three font sizes; centred text or other alignment overrides; "
        'more than two consecutive line breaks."'
    )
    fix = (
        "Send plain paragraphs: no alignment, font, colour or line-height styles, at most "
        "three font sizes, images no wider than 80 %, margins of 20 % or less, and at most "
        "one blank line between paragraphs."
    )
    options = {
        "max_font_sizes": Option(3, "Most distinct font sizes a message may use."),
        "max_line_breaks": Option(2, "Most consecutive line breaks allowed."),
        "max_image_width_percent": Option(80, "Widest an image may be, in percent."),
        "max_margin_percent": Option(20, "Widest a margin may be, in percent."),
    }
    bad = (
        example(
            html='<p style="text-align:center">Thank you for order 113-1234567-1234567.</p>',
        ),
        example(
            html='<p><font face="Comic Sans MS" color="#ff0000">Vielen Dank für Ihre Bestellung '
            "302-1234567-1234567.</font></p>",
            lang="de",
        ),
        example(
            html='<p style="line-height:2.5">Merci pour votre commande 171-1234567-1234567.</p>'
            '<img src="https://cdn.boutique.example/banniere.png" width="100%">',
            lang="fr",
        ),
        example(
            "Gracias por su pedido 171-1234567-1234567.\n\n\n\nNos encantaría conocer su opinión.",
            lang="es",
            note="three blank lines in plain text",
        ),
        example(
            html='<p style="font-size:12px">Ordine 171-1234567-1234567.</p>'
            '<p style="font-size:14px">Grazie!</p><p style="font-size:18px">Recensione</p>'
            '<p style="font-size:24px">Negozio</p>',
            lang="it",
            note="four font sizes",
        ),
        example(
            html='<div style="margin-left:25%"><p>ご注文 503-1234567-1234567 ありがとうございます。'
            "</p></div>",
            lang="ja",
        ),
    )
    good = (
        example(
            html="<p>Thank you for order 113-1234567-1234567.</p><p>We would appreciate your "
            "honest review.</p>",
        ),
        example(
            html='<p style="text-align:left; margin:0 5%">Vielen Dank für Ihre Bestellung '
            '302-1234567-1234567.</p><img src="https://cdn.shop.example/logo.png" width="40%">',
            lang="de",
            note="left alignment is the default; small margins and images are fine",
        ),
        example(
            "ご注文 503-1234567-1234567 ありがとうございます。\n\nご感想をお聞かせください。",
            lang="ja",
        ),
        example(
            html='<p style="font-size:14px">Grazie per l\'ordine 171-1234567-1234567.</p>'
            '<p style="font-size:12px">Negozio Rossi</p>',
            lang="it",
            note="two font sizes",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        found: dict[str, list[str]] = {}
        sizes: list[str] = []
        for prop, value in msg.css:
            overrides, size = self._declaration(prop, value)
            if size is not None:
                sizes.append(size)
            for kind, decl in overrides:
                found.setdefault(kind, []).append(decl)
        for kind, decls in found.items():
            yield Hit("html", _listed(kind, decls))
        distinct = list(dict.fromkeys(sizes))
        if len(distinct) > self.settings["max_font_sizes"]:
            yield Hit("html", _listed(f"{len(distinct)} font sizes", distinct, 5))
        yield from self._line_breaks(msg)

    def _declaration(self, prop: str, value: str) -> tuple[list[tuple[str, str]], str | None]:
        """The overrides one CSS declaration makes, as (kind, what to show),
        and the font size it sets, if any."""
        low = value.strip().lower()
        decl = f"{prop}: {value.strip()}"
        if low in _DEFAULTS:
            return [], None
        if prop == "font-size":
            return [], low
        if prop == "font":
            return _font_shorthand(low, decl)
        if prop == "text-align":
            return ([("alignment override", decl)] if low in _ALIGNED else []), None
        if prop in _OVERRIDES:
            return [(_OVERRIDES[prop], decl)], None
        width = self.settings["max_image_width_percent"]
        if prop == "x-image-width" and _over(low, width):
            return [(f"image wider than {width}%", f"image width {value.strip()}")], None
        margin = self.settings["max_margin_percent"]
        if prop in _MARGINS and _over(low, margin):
            return [(f"margin over {margin}%", decl)], None
        return [], None

    def _line_breaks(self, msg: Message) -> Iterator[Hit]:
        limit = self.settings["max_line_breaks"]
        if msg.max_line_breaks > limit:
            yield Hit("html", f"{msg.max_line_breaks} consecutive line breaks")
        longest = max((m.group(0).count("\n") for m in _TEXT_BREAKS.finditer(msg.text)), default=0)
        if longest > limit:
            yield Hit("text", f"{longest} consecutive line breaks in the text")
