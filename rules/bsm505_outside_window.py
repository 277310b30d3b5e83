"""BSM505 outside-window."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache

from auditor.message.ids import order_ids
from auditor.message.model import Kind, Message
from auditor.orders import facts
from auditor.orders.model import WINDOW_START, EventKind, OrderEvent
from rules.base import Hit, Option, Rule, Sample, Severity, example, thread
from rules.engine import Context
from rules.index import SLIM_COLUMNS, slim_message, slim_row
from rules.purpose import is_proactive
from rules.text import lexicon, sentence

_SIX = ("en", "de", "fr", "es", "it", "ja")
_MONTHS = sorted(
    {
        # en
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        # de
        "januar",
        "jänner",
        "februar",
        "märz",
        "mai",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "mär",
        "mrz",
        "okt",
        "dez",
        # fr
        "janvier",
        "février",
        "mars",
        "avril",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "janv",
        "févr",
        "fév",
        "avr",
        "juil",
        "déc",
        # es
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "ene",
        "abr",
        "ago",
        "dic",
        # it
        "gennaio",
        "febbraio",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "settembre",
        "ottobre",
        "dicembre",
        "gen",
        "mag",
        "giu",
        "lug",
        "set",
        "ott",
    },
    key=len,
    reverse=True,
)
_MONTH = "(?:" + "|".join(_MONTHS) + r")(?![^\W\d_])\.?"

#: A date as people write it, numeric, spelled out or relative, in six languages.
DATE = re.compile(
    r"(?<![\w./-])(?:"
    r"\d{4}[./-]\d{1,2}[./-]\d{1,2}"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}(?!\d)|\d{2}(?![\d/-]|\.\d))"
    r"|(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{1,3}\s*日前"
    r"|(?:vor|il y a|hace)\s+\d{1,3}\s+(?:Tagen|Wochen|jours|semaines|días|semanas)"
    r"|\d{1,3}\s+(?:days?|weeks?|giorni|settimane)\s+(?:ago|fa)"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+|del\s+)?\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r")",
    re.IGNORECASE,
)
#: Words that say the date that follows is the order's.
ORDER_CUE = lexicon(
    # longest first: "order date" must win over "order"
    en=[
        r"date of (?:your |the )?(?:order|purchase)",
        r"(?:order|purchase) date",
        r"order(?:ed)?",
        r"placed",
        r"purchased",
        r"purchase",
        r"bought",
    ],
    de=[
        r"Bestelldatum",
        r"Kaufdatum",
        r"Auftragsdatum",
        r"bestellt",
        r"Bestellung",
        r"gekauft",
        r"Kauf",
        r"Auftrag",
    ],
    fr=[
        r"date de (?:la )?commande",
        r"commandée?s?",
        r"commande",
        r"achetée?s?",
        r"achat",
        r"passée?",
    ],
    es=[r"fecha del? pedido", r"pedido", r"comprad[oa]s?", r"compra", r"realizad[oa]"],
    it=[
        r"data (?:dell'|dell )?ordine",
        r"ordine",
        r"ordinat[oa]",
        r"acquistat[oa]",
        r"acquisto",
        r"effettuat[oa]",
    ],
    ja=[r"ご?注文日時?", r"ご?購入日", r"ご?注文", r"ご?購入"],
)
#: What may stand between the cue and the date: "on", "vom", "du", "del", ":".
_GAP = re.compile(
    r"[\s:：,(（]*(?:(?:was |were )?(?:placed |made )?(?:on|am|le|el|il|the|den|du|del|dell'|de|"
    r"vom|von|from|of|dated|en fecha)[\s:：,(（]*)?",
    re.IGNORECASE,
)
#: Words after a date that make it the order's: "… you ordered", "…にご注文".
ORDER_CUE_AFTER = lexicon(
    en=[r"(?:you )?(?:ordered|purchased|bought)"],
    de=[r"(?:haben Sie )?(?:\w+ )?(?:bestellt|gekauft)"],
    fr=[r"(?:vous avez )?(?:commandé|acheté)"],
    es=[r"(?:usted )?(?:compró|pidió|realizó su pedido)"],
    it=[r"(?:ha )?(?:ordinato|acquistato)"],
    ja=[r"に(?:ご)?(?:注文|購入)"],
)
#: An order ID right before the date: "order 113-1234567-1234567 of 15.09.2026".
_AFTER_ORDER_ID = re.compile(
    r"\d{3}-\d{7}-\d{7}\s*[(（,:–—-]?\s*(?:(?:of|from|dated|placed on|vom|von|du|del|de|dell'|"
    r"il|の)\s*)?[(（]?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。！？\n](?:\s|$)|[。！？\n]")


@lru_cache(maxsize=4096)
def parse_date(text: str, language: str | None, date_order: str, base: datetime) -> date | None:
    """``text`` as a calendar date with dateparser (relative to ``base``), or None."""
    import dateparser

    languages = [language, *(lang for lang in _SIX if lang != language)] if language else _SIX
    parsed = dateparser.parse(
        text,
        languages=list(languages),
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": date_order,
            "REQUIRE_PARTS": ["day", "month"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


def _as_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _stated_by_cue(text: str, match: re.Match[str]) -> bool:
    """True when the date ``match`` is introduced as the order's date."""
    before = text[max(0, match.start() - 60) : match.start()]
    if _AFTER_ORDER_ID.search(before):
        return True
    cues = list(ORDER_CUE.finditer(before[-40:]))
    if cues and _GAP.fullmatch(before[-40:][cues[-1].end() :]):
        return True
    after = text[match.end() : match.end() + 30]
    end = _SENTENCE_END.search(after)
    cue = ORDER_CUE_AFTER.search(after[: end.start() if end else len(after)])
    return cue is not None and cue.start() <= 20


class OutsideWindow(Rule):
    """A proactive message sent more than 30 days after the order.

    The order date comes from the ``order_dates`` table in the ``[rules]``
    settings (order ID → ISO date, e.g. exported from Seller Central), else
    from the message itself: a date introduced as the order's ("ordered on
    September 15, 2026", "Bestellung vom 15.09.2026", "commandé le 15
    septembre", "pedido del 15/09/2026", "ordine del 15 settembre",
    "ご注文日：2026年9月15日", "order 113-1234567-1234567 of 15.09.2026",
    "ordered 45 days ago"), read with dateparser relative to the message's
    Date header. Replies to a buyer are not judged (they may be sent at any
    time) unless ``check_replies`` is set.

    A message that states no order date is judged at the end of the audit
    against the date Amazon's own mail gives for its order: the delivery
    confirmation, else the "Sold, ship now" mail (its "Order date:" line, or
    the day it was sent), else the shipment confirmation, learnt in this
    audit or an earlier one. The finding names that mail.
    """

    code = "BSM505"
    name = "outside-window"
    severity = Severity.WARNING
    cacheable = False  # depends on the Date header and the order's date
    applies_to = frozenset({Kind.SENT, Kind.NOTICE})
    also_finishes = True  # dates learnt from Amazon's order mail, at the end
    why = (
        'guidelines.md, "Mandatory content": proactive messages are "Sent within 30 days of '
        'order completion (FeedbackFive applies 30 days after delivery / 32 after order)". '
        "Amazon's Solicitations window likewise closes 30 days after delivery "
        '(guidelines.md, "Reviews").'
    )
    fix = (
        "Send within 30 days of the order: schedule review requests 5–25 days after "
        "delivery, and drop orders older than the window from the campaign."
    )
    options = {
        "window_days": Option(30, "Days after the order a proactive message may be sent."),
        "check_replies": Option(
            False, "Also judge replies to buyers (In-Reply-To set or a 'Re:' subject)."
        ),
    }
    bad = (
        example(
            "You ordered on September 15, 2026 (order 113-1234567-1234567). We would "
            "appreciate your honest review.",
            date="2026-11-03T10:00:00+00:00",
        ),
        example(
            "Ihre Bestellung vom 15.09.2026 (302-1234567-1234567): über eine Bewertung würden "
            "wir uns freuen.",
            date="2026-11-03T10:00:00+01:00",
            lang="de",
        ),
        example(
            "Votre commande du 2 septembre 2026 (171-1234567-1234567) vous plaît-elle ? "
            "Votre avis nous intéresse.",
            lang="fr",
        ),
        example(
            "2026年9月10日にご注文いただいた商品（503-1234567-1234567）のご感想をお聞かせください。",
            lang="ja",
        ),
        thread(
            Sample(
                "Congratulations, you've sold an item.\n\nOrder ID: 113-2345678-1234567\n"
                "Please ship this order using the shipping method the buyer selected.",
                subject="Sold, ship now: Bamboo Cutting Board",
                sender="Amazon <seller-notification@amazon.com>",
                to="shop@seller.example",
                date="2026-09-19T10:00:00+00:00",
            ),
            Sample(
                "We hope you enjoy your board (order 113-2345678-1234567). Would you leave a "
                "review?",
                date="2026-11-03T10:00:00+00:00",
            ),
            note="45 days after the order date learnt from Amazon's order mail",
        ),
    )
    good = (
        example(
            "You ordered on October 20, 2026 (order 113-1234567-1234567). We would appreciate "
            "your honest review.",
            note="14 days after the order",
        ),
        example(
            "Su pedido 171-1234567-1234567 del 15/10/2026 ya ha llegado. Nos encantaría "
            "conocer su opinión.",
            lang="es",
        ),
        example(
            "Il suo ordine 171-1234567-1234567 sarà consegnato il 20 novembre 2026.",
            lang="it",
            note="a delivery date is not the order date",
        ),
        example(
            "Thanks for your question about order 113-1234567-1234567 from June 2, 2026: the "
            "spare part ships today.",
            in_reply_to="<q1@marketplace.amazon.com>",
            note="a reply to the buyer may be sent at any time",
        ),
        thread(
            Sample(
                "Herzlichen Glückwunsch! Sie haben einen Artikel verkauft.\n\n"
                "Bestellnummer: 302-2345678-1234567\nBestelldatum: 24.10.2026",
                subject="Verkauft, bitte versenden: Schneidebrett",
                sender="Amazon <seller-notification@amazon.de>",
                to="shop@seller.example",
                date="2026-10-24T10:00:00+02:00",
            ),
            Sample(
                "Wie gefällt Ihnen Ihr Schneidebrett (Bestellung 302-2345678-1234567)? Über eine "
                "Bewertung würden wir uns freuen.",
                to="max@marketplace.amazon.de",
                date="2026-11-03T10:00:00+01:00",
            ),
            lang="de",
            note="10 days after the order date learnt from Amazon's order mail",
        ),
    )

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        #: templates known to state no order date: the check is per message
        #: (dates differ), but whether a date is stated at all is per template
        self._dateless: set[str] = set()

    _PENDING = "bsm505_pending"

    def _pending(self, ctx: Context) -> None:
        ctx.index.table(self._PENDING, ("label TEXT",), indexes=("label",))

    def observe(self, msg: Message, ctx: Context) -> None:
        if msg.kind is not Kind.SENT:
            facts.learn(ctx.index, msg, ctx.settings)
            return
        if facts.claim_sent(ctx.index, msg):
            body = ctx.view.body() if ctx.view is not None else msg.body
            facts.note_sent(ctx.index, msg, body, slim_row(msg), SLIM_COLUMNS, is_proactive(msg))

    def _defer(self, msg: Message, orders: list[str], ctx: Context) -> None:
        """Judge ``msg`` at the end of the audit, once its orders' dates are
        learnt (it is in the shared table of sent messages, see ``observe``)."""
        if orders:
            self._pending(ctx)
            ctx.index.add(self._PENDING, (msg.label,))

    def finish(self, ctx: Context) -> Iterator[Hit]:
        self._pending(ctx)
        facts.declare(ctx.index)
        kinds = ", ".join(f"'{k.value}'" for k in WINDOW_START)
        learnt_any = ctx.index.one(
            f"SELECT 1 FROM {facts.TABLE} WHERE kind IN ({kinds}) "  # noqa: S608
            "AND authenticity != 'suspicious' AND stamp IS NOT NULL LIMIT 1"
        )
        if learnt_any:
            where = f"WHERE label IN (SELECT label FROM {self._PENDING})"  # noqa: S608
            for row in facts.sent_rows(ctx.index, SLIM_COLUMNS, where):
                learnt = {
                    order: found
                    for order in row[1].split()
                    if (found := facts.events(ctx.index, WINDOW_START, [order]))
                }
                hit = self._learnt_hit(slim_message(row[4:]), learnt) if learnt else None
                if hit is not None:
                    yield hit
        ctx.index.clear(self._PENDING)

    def _learnt_hit(self, msg: Message, learnt: dict[str, list[OrderEvent]]) -> Hit | None:
        """The finding for ``msg`` from its orders' learnt dates, or None."""
        if msg.date is None:
            return None
        window = int(self.settings["window_days"])
        rank = {kind: i for i, kind in enumerate(WINDOW_START)}
        for order, events in learnt.items():
            start = min(events, key=lambda e: (rank[e.kind], -e.date.timestamp()))
            days = (msg.date.date() - start.date.date()).days
            if days > window:
                what = {EventKind.DELIVERED: "delivered", EventKind.SHIPPED: "shipped"}.get(
                    start.kind, "ordered"
                )
                return Hit(
                    "headers",
                    f"sent {msg.date.date().isoformat()}, {days} days after order {order} "
                    f"was {what} on {start.date.date().isoformat()} (window: {window} "
                    f"days), according to Amazon's mail {start.subject!r} "
                    f"<{start.label.strip('<>')}>",
                    message=slim_message(
                        (
                            msg.label,
                            msg.source,
                            msg.key,
                            msg.message_id,
                            msg.subject,
                            msg.date.isoformat(),
                        ),
                        order,
                    ),
                    related=[start.label],
                )
        return None

    def _stated(
        self, msg: Message, ctx: Context
    ) -> Iterator[tuple[date, str, str, tuple[int, int]]]:
        """Order dates the message states: (date, location, evidence, span)."""
        assert ctx.view is not None and msg.date is not None
        language = msg.language if msg.language in _SIX else None
        order = "YMD" if language == "ja" else "MDY" if msg.marketplace == "amazon.com" else "DMY"
        base = msg.date.replace(tzinfo=None, microsecond=0)
        for location, text in ctx.view.sections():
            for match in DATE.finditer(text):
                if not _stated_by_cue(text, match):
                    continue
                found = parse_date(match.group(0), language, order, base)
                if found is None:
                    continue
                evidence, left, right = sentence(text, match.start(), match.end())
                yield found, location, evidence, (left, right)

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        if msg.kind is not Kind.SENT or msg.date is None:
            return
        if not self.settings["check_replies"] and not is_proactive(msg):
            return
        window = int(self.settings["window_days"])
        sent = msg.date.date()
        known = ctx.settings.get("order_dates") or {}
        body = ctx.view.body() if ctx.view is not None else msg.body
        for order in order_ids(msg.subject, body):
            ordered = _as_date(known[order]) if order in known else None
            if ordered is None:
                continue
            days = (sent - ordered).days
            if days > window:
                yield Hit(
                    "headers",
                    f"sent {sent.isoformat()}, {days} days after order {order} of "
                    f"{ordered.isoformat()} (window: {window} days)",
                )
            return  # the seller's own data is authoritative
        orders = order_ids(msg.subject, body)
        if msg.template and msg.template in self._dateless:
            self._defer(msg, orders, ctx)
            return  # this template states no order date (dates are masked in its key)
        stated = list(self._stated(msg, ctx))
        if not stated:
            self._defer(msg, orders, ctx)
        if not stated and msg.template and len(self._dateless) < 100_000:
            self._dateless.add(msg.template)
        for ordered, location, evidence, span in stated:
            days = (sent - ordered).days
            if days > window:
                yield Hit(
                    location,
                    f"sent {sent.isoformat()}, {days} days after the order of "
                    f"{ordered.isoformat()} (window: {window} days): {evidence}",
                    span=span,
                )
                return
