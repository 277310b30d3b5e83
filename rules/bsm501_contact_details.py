"""BSM501 contact-details."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.ids import ORDER_ID
from auditor.message.model import Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.text import lexicon, sentence

#: Full-width digits and punctuation (common in Japanese mail) to ASCII, one
#: character for one, so offsets still hold.
_NARROW = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "＋": "+",
        "－": "-",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "−": "-",
        "（": "(",
        "）": ")",
        "．": ".",
        "／": "/",
        "　": " ",
        "＠": "@",
        "：": ":",
    }
)

#: An e-mail address, also the "name (at) shop (dot) com" disguises.
EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w@-])"
    r"|(?<![\w.])[A-Za-z0-9][A-Za-z0-9._-]{0,63} ?[\[(]\s*(?:at|@)\s*[\])] ?"
    r"[A-Za-z0-9-]+(?: ?[\[(]\s*(?:dot|\.)\s*[\])] ?[A-Za-z]{2,24})+(?!\w)",
    re.IGNORECASE,
)

#: A run of digits that may be a phone number: an optional "+", digits and
#: the separators phone numbers are written with (space, dot, dash, slash,
#: parentheses). Validated by :func:`_phone_strength`.
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9_@#+/-])(?:\+[ \t\u00a0]?)?\(?\d(?:[ \t\u00a0().\-/]{0,3}\d)*+(?![A-Za-z0-9@])"
)
_DATE_PREFIX = re.compile(
    r"(?:\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([./-])\d{1,2}\2\d{4})(?=$|[ \t\u00a0]+)"
)
_SHORT_DATE = re.compile(r"\d{1,2}([./-])\d{1,2}\1\d{2}")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d")
_TIME_RANGE = re.compile(r"\d{1,2}[.:]\d\d ?- ?\d{1,2}[.:]\d\d")
#: "ー" (the katakana long-vowel mark) written as a dash between digits.
_CHOONPU_DASH = re.compile(r"(?<=\d)ー(?=\d)")
_NANP = re.compile(r"(?:1[ .-])?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}")
_AREA_CODE = re.compile(r"\(\d{1,5}\)")
_NOT_A_PHONE_AFTER = re.compile(
    r"\s?(?:[,.]\d|[€$£¥₹%円]|(?:eur|usd|gbp|jpy|chf|cad|aud|x|pcs|pieces|units|stück|unités|"
    r"unidades|pezzi|mm|cm|km|kg|g|ml|l|mah|w|v|hz|gb|mb|tb|px)\b|[個点枚])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[€$£¥₹]|\b(?:eur|usd|gbp|jpy|chf|cad|aud))\s?$", re.IGNORECASE)

#: Words that announce a phone number.
PHONE_CUE = lexicon(
    en=[
        r"call(?:ing)?",
        r"(?:tele)?phone",
        r"tel\.?",
        r"mobile",
        r"cell",
        r"hotline",
        r"fax",
        r"whats ?app",
        r"text us",
        r"ring us",
        r"dial",
        r"reach us (?:at|on)",
    ],
    de=[
        r"Tel\.?",
        r"Telefon\w*",
        r"anrufen",
        r"rufen Sie",
        r"Anruf",
        r"Handy",
        r"Mobil\w*",
        r"Hotline",
        r"erreichen Sie uns",
    ],
    fr=[r"tél\.?", r"téléphone\w*", r"appel\w*", r"portable", r"joindre au"],
    es=[r"teléfono", r"llám\w+", r"llamar\w*", r"móvil", r"celular"],
    it=[r"telefon\w*", r"chiam\w+", r"cellulare", r"cell\."],
    ja=[r"電話", r"携帯", r"フリーダイヤル", r"ファックス", r"☎", r"📞"],
)
#: Words that say a number is an identifier, a postal code or an account, not a phone.
ID_CUE = lexicon(
    en=[
        r"(?:order|tracking|invoice|case|ticket|reference|ref|customer|account|item|article|"
        r"part|model|serial|parcel|shipment) ?(?:no\.?|number|#|id)",
        r"isbn(?:-1[03])?",
        r"ean",
        r"upc",
        r"gtin",
        r"sku",
        r"asin",
        r"iban",
        r"bic",
        r"swift",
        r"vat(?: id)?",
        r"zip",
        r"postal code",
        r"post ?code",
    ],
    de=[
        r"(?:Bestell|Auftrags|Sendungs|Rechnungs|Kunden|Artikel|Tracking|Konto|Referenz|"
        r"Vorgangs|Steuer|Paket)nummer",
        r"USt-?IdNr\.?",
        r"HRB",
        r"PLZ",
        r"Postleitzahl",
    ],
    fr=[
        r"(?:numéro|n°) (?:de )?(?:commande|suivi|facture|client|article|colis|TVA|SIRET)",
        r"code postal",
        r"SIRE[NT]",
    ],
    es=[
        r"número de (?:pedido|seguimiento|factura|cliente|artículo)",
        r"código postal",
        r"NIF",
        r"CIF",
    ],
    it=[
        r"numero (?:d'ordine|dell'ordine|di tracciamento|di spedizione|di fattura|cliente|"
        r"articolo)",
        r"partita IVA",
        r"P\. ?IVA",
        r"CAP",
    ],
    ja=[
        r"注文番号",
        r"追跡番号",
        r"お問い合わせ(?:伝票)?番号",
        r"伝票番号",
        r"請求書番号",
        r"〒",
        r"郵便番号",
        r"登録番号",
    ],
)
#: Warranty, carrier and manufacturer contacts: the one exception guidelines.md allows.
SERVICE_CONTEXT = lexicon(
    en=[
        r"warranty",
        r"guarantee",
        r"manufacturer",
        r"maker",
        r"carrier",
        r"courier",
        r"delivery (?:company|service|driver)",
        r"shipping (?:company|carrier)",
        r"dhl",
        r"ups",
        r"fedex",
        r"usps",
        r"royal mail",
        r"dpd",
        r"gls",
        r"hermes",
        r"canada post",
    ],
    de=[
        r"Garantie\w*",
        r"Gewährleistung",
        r"Hersteller\w*",
        r"Versanddienstleister\w*",
        r"Paketdienst\w*",
        r"Spedition",
        r"Zusteller\w*",
        r"Kundendienst des Herstellers",
    ],
    fr=[
        r"garantie",
        r"fabricant",
        r"transporteur",
        r"Chronopost",
        r"Colissimo",
        r"La Poste",
        r"livreur",
    ],
    es=[
        r"garantía",
        r"fabricante",
        r"transportista",
        r"mensajer(?:o|ía)",
        r"Correos",
        r"SEUR",
        r"MRW",
    ],
    it=[r"garanzia", r"produttore", r"corriere", r"BRT", r"Poste Italiane", r"SDA"],
    ja=[r"保証", r"メーカー", r"製造元", r"配送業者", r"運送会社", r"ヤマト", r"佐川", r"日本郵便"],
)


def _phone_strength(run: str, before: str, after: str) -> str | None:
    """``"strong"`` for a number shaped like a phone number, ``"weak"`` for
    one that is a phone number only when announced as one, None for a date,
    price, quantity, identifier or postal code."""
    digits = sum(ch.isdigit() for ch in run)
    if not 7 <= digits <= 15:
        return None
    if any(p.fullmatch(run) for p in (_SHORT_DATE, _YEAR_RANGE, _TIME_RANGE)):
        return None
    if _NOT_A_PHONE_AFTER.match(after) or _CURRENCY_BEFORE.search(before):
        return None
    tail = before[-32:]
    ids = list(ID_CUE.finditer(tail))
    if ids and not PHONE_CUE.search(tail, ids[-1].end()):
        return None
    if run.startswith("+"):
        return "strong"
    run = run.lstrip("(")
    separated = any(not ch.isdigit() for ch in run)
    if run.startswith("00") and run[2:3] not in ("", "0") and digits >= 10 and separated:
        return "strong"
    if _AREA_CODE.search(run) or _NANP.fullmatch(run):
        return "strong"
    if run.startswith("0") and 9 <= digits <= 12 and separated:
        return "strong"
    return "weak"


def _phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of phone numbers in ``text`` (order IDs already masked)."""
    for match in _CANDIDATE.finditer(text):
        start, run = match.start(), match.group(0)
        date = _DATE_PREFIX.match(run)
        if date:  # "03.11.2026 030 1234567": judge what follows the date on its own
            rest = run[date.end() :]
            start += len(run) - len(rest.lstrip())
            run = rest.lstrip()
            if not run or not (run[0].isdigit() or run[0] in "+("):
                continue
        end = start + len(run)
        before = text[max(0, start - 48) : start]
        strength = _phone_strength(run, before, text[end : end + 8])
        if strength == "strong":
            yield start, end
        elif strength == "weak":
            tail = before[-32:]
            left = max(tail.rfind(mark) for mark in "\n。!?！？")
            if PHONE_CUE.search(tail[left + 1 :]):
                yield start, end


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


class ContactDetails(Rule):
    """An e-mail address or a phone number in the seller's message.

    Flags e-mail addresses (also disguised as "name (at) shop (dot) com",
    and ``mailto:`` links) and phone numbers in the subject, plain text and
    HTML, written in any of the usual national and international forms
    (``+49 30 1234567``, ``030/1234567``, ``01 23 45 67 89``,
    ``03-1234-5678``, ``(555) 010-2000``, full-width digits). Order IDs,
    dates, prices, quantities, postal codes, ASINs and numbers introduced as
    an identifier are not phone numbers; a bare digit run counts only after a
    word like "call", "Tel." or "電話". Quoted mail and the signature / legal
    footer (an Impressum) are not read.

    Options: a phone number in a sentence about the warranty, the carrier or
    the manufacturer is allowed by default (``service_phone_exception``), as
    guidelines.md allows; e-mail addresses are never excepted. ``allow``
    lists addresses, domains or numbers never to report.
    """

    code = "BSM501"
    name = "contact-details"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Links, contact details, attachments, tracking": "No e-mail addresses '
        "(Amazon strips them), no phone numbers (except for warranty, shipping or manufacturer "
        'contact)." Buyers must be answered through Buyer-Seller Messaging; contact details '
        "in a message invite contact outside it, and such messages get blocked."
    )
    fix = (
        "Remove the e-mail address and phone number: the buyer can reply to the message "
        "itself. Keep a phone number only for the carrier, the warranty or the manufacturer, "
        "and say so in the same sentence."
    )
    options = {
        "service_phone_exception": Option(
            True,
            "Allow a phone number in a sentence naming the warranty, the carrier or the "
            "manufacturer (guidelines.md allows these). E-mail addresses stay reported.",
        ),
        "allow": Option(
            [],
            'E-mail addresses, domains ("example.com") or phone numbers never reported.',
        ),
    }
    bad = (
        example("Call us at +1 (555) 010-2000 or write to help@shop.example."),
        example(
            "Bei Fragen erreichen Sie uns unter 030/1234567 zu Ihrer Bestellung "
            "302-1234567-1234567.",
            lang="de",
            note="the order ID is not the phone number; the Berlin number is",
        ),
        example(
            "Pour toute question, appelez-nous au 01 23 45 67 89.",
            subject="Votre commande 171-1234567-1234567",
            lang="fr",
        ),
        example(
            "",
            html="<p>Escríbanos a <a href='mailto:ayuda@tienda.example'>nuestro equipo</a>.</p>",
            lang="es",
            note="a mailto link behind anchor text",
        ),
        example("Per assistenza: +39 02 1234 5678.", lang="it"),
        example(
            "ご不明な点はお電話（０３－１２３４－５６７８）までお問い合わせください。", lang="ja"
        ),
    )
    good = (
        example(
            "Thank you for your order 113-1234567-1234567 of 03.11.2026. We would appreciate "
            "your honest review.",
            note="an order ID and a date, no contact details",
        ),
        example(
            "Ihre Bestellung 302-1234567-1234567 (2 Stück, 1.234.567 Punkte) wird an 10115 "
            "Berlin geliefert.",
            lang="de",
        ),
        example(
            "Pour la garantie, contactez le fabricant au 01 23 45 67 89.",
            lang="fr",
            note="a manufacturer's warranty line is the allowed exception",
        ),
        example(
            "Gracias por su pedido 171-1234567-1234567.\n\n-- \nAviso legal\nTienda SL, "
            "info@tienda.example, +34 912 345 678",
            lang="es",
            note="the legal footer is not the message",
        ),
        example("〒100-0001 東京都千代田区。ご注文番号 503-1234567-1234567。", lang="ja"),
    )

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        allow = [str(a).strip().lower() for a in self.settings["allow"]]
        # an address or domain has letters; a phone number only digits and separators
        self._allow_text = {a for a in allow if any(ch.isalpha() for ch in a)}
        self._allow_digits = {_digits(a) for a in allow if a not in self._allow_text}

    def _allowed_email(self, address: str) -> bool:
        address = address.lower()
        domain = address.rpartition("@")[2]
        return address in self._allow_text or any(
            domain == a or domain.endswith("." + a) for a in self._allow_text
        )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        service_ok = self.settings["service_phone_exception"]
        for location, text in ctx.view.sections():
            if not text.strip():
                continue
            plain = _CHOONPU_DASH.sub("-", text.translate(_NARROW))
            plain = ORDER_ID.sub(lambda m: "X" * len(m.group(0)), plain)
            for match in EMAIL.finditer(plain):
                if self._allowed_email(match.group(0)):
                    continue
                evidence, left, right = sentence(text, match.start(), match.end())
                yield Hit(location, evidence, span=(left, right))
            for start, end in _phones(plain):
                if _digits(plain[start:end]) in self._allow_digits:
                    continue
                evidence, left, right = sentence(text, start, end)
                if service_ok and SERVICE_CONTEXT.search(plain[left:right]):
                    continue
                yield Hit(location, evidence, span=(left, right))
        yield from self._links(msg, ctx, service_ok)

    def _links(self, msg: Message, ctx: Context, service_ok: bool) -> Iterator[Hit]:
        """``mailto:``/``tel:`` anchors whose text is in the seller's own HTML words."""
        assert ctx.view is not None
        own_html = dict(ctx.view.sections()).get("html", "")
        for link in msg.links:
            scheme = link.url.split(":", 1)[0].strip().lower()
            if scheme not in ("mailto", "tel") or not link.text.strip():
                continue
            target = link.url.split(":", 1)[1].split("?", 1)[0]
            if scheme == "mailto" and self._allowed_email(target):
                continue
            if scheme == "tel" and _digits(target) in self._allow_digits:
                continue
            where = own_html.find(link.text.strip())
            if where < 0:
                continue  # quoted or in the footer
            evidence, left, right = sentence(own_html, where, where + len(link.text.strip()))
            if scheme == "tel" and service_ok and SERVICE_CONTEXT.search(evidence):
                continue
            yield Hit("html", f"{evidence} [{link.url}]", span=(left, right))
