"""``order_events(msg, notice)``: the order and buyer facts one mail states.

* Amazon's own order mails ("Sold, ship now", shipment and delivery
  confirmations, refund and return notifications) name the event in their
  subject or in one decision sentence, in six languages. The phrases are data
  (``auditor/orders/phrases/*.toml``, one file per event kind). Such mail is
  not an account-health notice: the notice detector calls it
  ``other_amazon``, and only mail of that kind is read here, so a restriction
  or policy warning that mentions a refund never becomes one.
* An opt-out bounce (notice ``buyer_opt_out``) says the buyer of its order
  opted out; a buyer's reply asking the seller to stop (notice
  ``buyer_complaint``) is a complaint by that buyer.

The kind comes from the subject first, then from a decision sentence of the
body, never from a word anywhere in the mail; a mail naming no order ID
states nothing (except a complaint, which concerns its buyer). Dates are
the mail's own (its ``Date`` header), or the order date written on a "Sold,
ship now" mail ("Order date: …").
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from auditor.message.amazon import buyer_relay, relay_marketplace
from auditor.message.ids import order_ids
from auditor.message.model import Message
from auditor.notices import Notice
from auditor.notices import ids as notice_ids
from auditor.notices.groups import NoticeKind
from auditor.notices.text import logical_lines, normalize
from auditor.orders.model import EventKind, OrderEvent
from auditor.phrases import PhraseSet, load, load_dir

PHRASES = Path(__file__).parent / "phrases"
#: Which kind wins when a mail says several things ("refund for your returned item").
PRIORITY = (
    EventKind.REFUNDED,
    EventKind.RETURNED,
    EventKind.DELIVERED,
    EventKind.SHIPPED,
    EventKind.ORDERED,
)
#: More order IDs than this in one mail is a digest or a report: none is learnt.
MAX_ORDERS = 20
_FWD = re.compile(r"^\s*(?:(?:fwd?|wg|tr|rv|i|転送)\s*:\s*)+", re.IGNORECASE)
_SIX = ("en", "de", "fr", "es", "it", "ja")


@lru_cache(maxsize=1)
def phrase_sets() -> dict[EventKind, PhraseSet]:
    """The phrase file of each event kind, compiled once."""
    found = load_dir(PHRASES)
    return {kind: found[kind.value] for kind in PRIORITY}


def classify_order_mail(subject: str, body: str) -> tuple[EventKind, str] | None:
    """(kind, evidence) of an Amazon order mail, or None when it is none."""
    sets = phrase_sets()
    subject = _FWD.sub("", normalize(subject))
    for kind in PRIORITY:
        if sets[kind].find(subject, group="subject"):
            return kind, subject
    lines = logical_lines(normalize(body[:20_000]))
    text = "\n".join(lines)
    for kind in PRIORITY:
        match = sets[kind].find(text, group="decision")
        if match:
            return kind, _line_of(text, match.start())
    return None


def _line_of(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()[:300]


def stated_order_date(body: str, language: str | None, received: datetime) -> datetime | None:
    """The order date a "Sold, ship now" mail writes after its label
    ("Order date: November 3, 2026", "Bestelldatum: 03.11.2026",
    "注文日：2026年11月3日"), when it is plausible: not after the mail, not
    more than 60 days before it."""
    import dateparser

    text = "\n".join(logical_lines(normalize(body[:20_000])))
    match = phrase_sets()[EventKind.ORDERED].find(text, group="date_label")
    if match is None:
        return None
    rest = text[match.end() : match.end() + 60].split("\n", 1)[0].lstrip(" :：\t")
    languages = [language, *(lang for lang in _SIX if lang != language)] if language else _SIX
    parsed = dateparser.parse(
        rest[:40],
        languages=list(languages),
        settings={
            "RELATIVE_BASE": received.replace(tzinfo=None),
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        return None
    when = parsed.replace(tzinfo=received.tzinfo or UTC)
    if when.date() > received.date() or received - when > timedelta(days=60):
        return None
    return when


@lru_cache(maxsize=1)
def _spam_folder() -> PhraseSet:
    """The spam-folder phrases, compiled once (not a directory glob per mail)."""
    return load_dir(PHRASES)["spam_folder"]


def _spam_folder_remark(msg: Message, notice: Notice) -> bool:
    """True when the buyer only says the message landed in a spam folder
    ("it went to my spam folder"): with the spam-folder words blanked, no
    complaint phrase of the notice detector's data file is left in the
    buyer's lines (quoted lines left out)."""
    folder = _spam_folder()
    if not folder.find(normalize(notice.evidence)):
        return False
    own = [line for line in msg.body[:20_000].splitlines() if not line.lstrip().startswith(">")]
    text = normalize("\n".join([msg.subject, *own]))
    hits = list(folder.hits(text))
    if not hits:
        return False
    for hit in hits:
        start, end = hit.match.span()
        text = text[:start] + " " * (end - start) + text[end:]
    return _complaint_phrases().find(text, group="decision") is None


@lru_cache(maxsize=1)
def _complaint_phrases() -> PhraseSet:
    from auditor import notices

    return load(Path(notices.__file__).parent / "phrases" / "buyer_complaint.toml")


def _buyer(addresses: list[str]) -> str:
    relays = [a.lower() for a in addresses if relay_marketplace(a)]
    return relays[0] if len(set(relays)) == 1 else ""


def order_events(msg: Message, notice: Notice | None) -> list[OrderEvent]:
    """Every order or buyer fact ``msg`` states (see the module docstring)."""
    if notice is None:
        return []
    kind = notice.kind.value
    trust = notice.authenticity.value
    if kind == NoticeKind.BUYER_OPT_OUT:
        buyer = _buyer(notice.relays)
        orders = notice.order_ids[:MAX_ORDERS] or ([""] if buyer else [])
        return [
            OrderEvent(
                order,
                EventKind.OPT_OUT,
                notice.received_at,
                buyer,
                notice.marketplace,
                notice.message_id,
                notice.subject,
                trust,
                notice.evidence,
            )
            for order in orders
        ]
    if kind == NoticeKind.BUYER_COMPLAINT:
        if _spam_folder_remark(msg, notice):
            return []
        # a buyer's own reply, or Amazon's report of a complaint (the buyer's
        # relay address, when it names one)
        buyer = msg.from_addr.lower() if buyer_relay(msg.from_addr) else _buyer(notice.relays)
        orders = notice.order_ids[:MAX_ORDERS] or [""]
        return [
            OrderEvent(
                order,
                EventKind.COMPLAINT,
                notice.received_at,
                buyer,
                relay_marketplace(buyer) or notice.marketplace,
                notice.message_id,
                notice.subject,
                trust,
                notice.evidence,
            )
            for order in orders
        ]
    if kind != NoticeKind.OTHER_AMAZON or notice.forwarded:
        return []
    found = classify_order_mail(msg.subject, msg.body)
    if found is None:
        return []
    event_kind, evidence = found
    orders = order_ids(msg.subject, msg.body)
    if not orders or len(orders) > MAX_ORDERS:
        return []
    when = msg.date
    if event_kind is EventKind.ORDERED and msg.date is not None:
        when = stated_order_date(msg.body, msg.language, msg.date) or msg.date
    buyer = _buyer(notice_ids.relays(msg.body))
    return [
        OrderEvent(
            order,
            event_kind,
            when,
            buyer,
            notice.marketplace or msg.marketplace,
            msg.label,
            msg.subject,
            trust,
            evidence,
        )
        for order in orders
    ]
