"""``detect(msg)``: one parsed message in, one :class:`Notice` (or None) out.

The steps, each in its own module:

1. Which mail is considered (:func:`detect`): mail from an Amazon domain,
   a forward of Amazon mail (:mod:`~auditor.notices.forward`), mail that
   claims to be Amazon (display name, look-alike domain, or Amazon wording
   under an Amazon subject), and mail from buyer relay addresses: a buyer's
   complaint about being messaged, or Amazon's own note that one message was
   not delivered because the account is restricted (Amazon sends that from
   the relay address too). Amazon's service mailboxes on the relay domain
   (``no-reply@``, ``donotreply@``, ``MAILER-DAEMON@marketplace.amazon.…``,
   :func:`~auditor.message.amazon.relay_service`) are Amazon, not a buyer:
   their mail is read like any Amazon mail. Anything else is None.
2. The kind (:mod:`~auditor.notices.kinds`); Amazon mail of no known kind
   is ``other_amazon``.
3. The period of a restriction (:mod:`~auditor.notices.period`), the
   violations it names (:mod:`~auditor.notices.violations`), the IDs
   (:mod:`~auditor.notices.ids`).
4. Authenticity (:mod:`~auditor.notices.authenticity`).

``settings`` (all optional): ``trusted_authserv_ids`` (list of authserv-ids
whose Authentication-Results are trusted; default: none, so nothing is
verified by a header),
``amazon_link_domains`` (more hosts genuine notices may link to),
``dkim_verify`` (True: verify DKIM live when ``raw`` is given) and
``dkim_dnsfunc`` (the DNS lookup dkimpy uses; tests inject the answer).
These are the ``[notices]`` section of the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from auditor.message.amazon import (
    MARKETPLACES,
    buyer_relay,
    registered_amazon_domain,
    relay_marketplace,
)
from auditor.message.classify import classify as classify_message
from auditor.message.classify import detect_language
from auditor.message.model import Kind, Message
from auditor.notices import ids
from auditor.notices.authenticity import assess, lookalike
from auditor.notices.forward import CLAIMS_AMAZON, FWD_PREFIX, Forwarded
from auditor.notices.groups import PERIOD_KINDS, STARTING_KINDS, VIOLATION_KINDS, NoticeKind
from auditor.notices.kinds import (
    BUYER_COMPLAINT,
    BUYER_COMPLAINT_FROM_AMAZON,
    BUYER_OPT_OUT,
    FREE_FORM_OFF,
    MESSAGE_UNDELIVERED,
    RESTRICTED,
    RULES,
    TEMPLATES_ONLY,
    classify,
)
from auditor.notices.model import Notice
from auditor.notices.period import extract_period, permanence
from auditor.notices.reply import find_quoted
from auditor.notices.signals import Doc
from auditor.notices.text import logical_lines, normalize
from auditor.notices.violations import violations

#: Where a buyer's own words end: the quoted seller message below a reply.
_QUOTE_START = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|"
    r"mensaje original|messaggio originale|元のメッセージ)|-{5,}\s*(?:message|nachricht|"
    r"mensaje|messaggio)\s*:?\s*-{5,}|on .{4,120} wrote:|am .{4,120} schrieb .{0,80}:|"
    r"le .{4,120} a écrit\s*:|el .{4,120} escribió:|il .{4,120} ha scritto:|"
    r".{4,120}に.{0,40}が書きました)",
    re.IGNORECASE | re.MULTILINE,
)
#: Amazon's mail: a buyer complaint only as Amazon's report of one.
_RULES_FOR_AMAZON = tuple(
    BUYER_COMPLAINT_FROM_AMAZON if rule is BUYER_COMPLAINT else rule for rule in RULES
)
#: The kinds Amazon's own notes from a buyer relay address may be (a buyer
#: does not write "not delivered because your account is restricted", nor
#: "the buyer has opted out of unsolicited messages").
_RULES_FOR_RELAY = (MESSAGE_UNDELIVERED, BUYER_OPT_OUT)


def _buyers_words(text: str) -> str:
    match = _QUOTE_START.search(text)
    own = text[: match.start()] if match else text
    return "\n".join(line for line in own.splitlines() if not line.lstrip().startswith(">"))


def _lines(body: str) -> list[str]:
    # Text rendered from HTML breaks lines only at tags (<p>, <br>, <li>…), so
    # a <br> inside a sentence is joined back like a hard-wrapped plain line.
    return logical_lines(normalize(body))


def _doc(
    subject: str,
    lines: list[str],
    sender: str,
    relay: bool = False,
    lang: str | None = None,
    body: str = "",
) -> Doc:
    return Doc(normalize(subject), "\n".join(lines), sender, relay, lang, normalize(body))


#: A text part this short, beside an HTML part at least three times longer,
#: only points to the HTML ("view this message in your browser").
_STUB_CHARS = 300


def _own_body(msg: Message) -> str:
    """The body a notice is read from: the text part, unless it is a stub
    that only points to the HTML part (then the HTML rendered to text)."""
    text, html = msg.body.strip(), msg.html_text.strip()
    if html and len(text) < _STUB_CHARS and len(html) >= 3 * len(text):
        return html
    return msg.body


def _marketplace(address: str) -> str | None:
    domain = registered_amazon_domain(address.rpartition("@")[2])
    return domain if domain in MARKETPLACES else None


def _references(msg: Message, text: str) -> list[str]:
    refs = [msg.in_reply_to] if msg.in_reply_to else []
    refs += msg.references
    refs += ids.message_ids(text)
    return [r for r in dict.fromkeys(refs) if r and r != msg.message_id]


def _buyer_complaint(msg: Message, settings: Mapping[str, Any], raw: bytes | None) -> Notice | None:
    words = _buyers_words(msg.body)
    lines = _lines(words)
    found = BUYER_COMPLAINT.match(_doc(msg.subject, lines, msg.from_addr, relay=True))
    if found is None:
        return None
    verdict = assess(
        msg, sender=msg.from_addr, forwarded=False, impersonates=False, settings=settings, raw=raw
    )
    text = f"{msg.subject}\n{msg.body}"
    return Notice(
        kind=NoticeKind.BUYER_COMPLAINT,
        message_id=msg.label,
        subject=msg.subject,
        received_at=msg.date,
        authenticity=verdict.authenticity,
        marketplace=relay_marketplace(msg.from_addr) or msg.marketplace,
        language=detect_language(f"{msg.subject}\n{words}") or msg.language,
        order_ids=ids.order_ids(text),
        asins=ids.asins(text),
        source=msg.source,
        key=msg.key,
        sender=msg.from_addr,
        sender_name=msg.from_name,
        evidence=found.evidence,
        signals=list(found.signals),
        authenticity_reasons=list(verdict.reasons),
        references=_references(msg, msg.body),
        relays=[msg.from_addr.lower()],
        raw=raw,
    )


def detect(
    msg: Message, settings: Mapping[str, Any] | None = None, *, raw: bytes | None = None
) -> Notice | None:
    """The Amazon notice ``msg`` is, or None when it is none.

    ``raw`` (the message's bytes) is kept on the notice for evidence, lets a
    forward sent as an attachment be read, and allows the live DKIM check.
    See the module docstring for ``settings``.
    """
    settings = settings or {}
    if msg.kind is Kind.SENT:
        return None
    if buyer_relay(msg.from_addr):
        found = _buyer_complaint(msg, settings, raw)
        return found or _notice(msg, settings, raw, None, relay=True)

    forwarded = find_quoted(msg, raw)
    # enrich() has classified the message; classify here too, for one that was not
    msg_kind = msg.kind if msg.kind is not Kind.OTHER else classify_message(msg)
    if forwarded is not None and forwarded.reply:
        # a reply that quotes Amazon is the quoted notice or nothing: a quote
        # that decides no kind is no notice, and the colleague's own lines
        # (or subject) never make one
        return _notice(msg, settings, raw, forwarded)
    if not (forwarded or msg_kind is Kind.NOTICE):
        return None
    return _notice(msg, settings, raw, forwarded)


def _notice(
    msg: Message,
    settings: Mapping[str, Any],
    raw: bytes | None,
    forwarded: Forwarded | None,
    relay: bool = False,
) -> Notice | None:
    """The notice of Amazon mail (or its forward); mail of no kind is
    ``other_amazon``. From a buyer ``relay`` address only the kinds of
    :data:`_RULES_FOR_RELAY` count, and mail of none of them is None."""
    sender = forwarded.from_addr if forwarded else msg.from_addr
    sender_name = forwarded.from_name if forwarded else msg.from_name
    subject = (
        forwarded.subject
        if forwarded and (forwarded.subject or forwarded.reply)
        else FWD_PREFIX.sub("", msg.subject).strip()
    )
    body = forwarded.body if forwarded else _own_body(msg)
    lines = _lines(body)
    doc = _doc(subject, lines, sender, lang=None if forwarded else msg.language, body=body)
    found = classify(doc, _RULES_FOR_RELAY if relay else _RULES_FOR_AMAZON)
    if relay and found is None:
        return None
    if forwarded is not None and forwarded.reply and (found is None or not found.in_body):
        return None  # a reply's quote decides its kind, never the subject alone
    amazon_sender = registered_amazon_domain(sender.rpartition("@")[2]) is not None

    extra = tuple(settings.get("amazon_link_domains", ()))
    display_claims = bool(CLAIMS_AMAZON.search(sender_name)) or bool(
        CLAIMS_AMAZON.search(msg.from_name)
    )
    lookalike_sender = bool(lookalike(sender.rpartition("@")[2], extra)) or bool(
        lookalike(msg.from_domain, extra)
    )
    impersonates = not amazon_sender and (
        display_claims
        or lookalike_sender
        or (found is not None and bool(CLAIMS_AMAZON.search(f"{subject}\n{body}")))
    )
    if not (amazon_sender or impersonates or (forwarded and found is not None)):
        return None
    kind = found.kind if found is not None else NoticeKind.OTHER_AMAZON

    verdict = assess(
        msg,
        sender=sender,
        forwarded=forwarded is not None,
        impersonates=impersonates,
        settings=settings,
        raw=raw,
    )
    received = forwarded.date if forwarded and forwarded.date else msg.date
    marketplace = _marketplace(sender) if amazon_sender else None
    language = (None if forwarded else msg.language) or detect_language(f"{subject}\n{body}")

    notice = Notice(
        kind=kind,
        message_id=msg.label,
        subject=msg.subject,
        received_at=received,
        authenticity=verdict.authenticity,
        marketplace=marketplace,
        language=language,
        forwarded=forwarded is not None,
        source=msg.source,
        key=msg.key,
        sender=sender,
        sender_name=sender_name,
        forwarded_by=msg.from_addr if forwarded else None,
        forwarded_at=msg.date if forwarded else None,
        evidence=found.evidence if found else "",
        signals=list(found.signals) if found else [],
        authenticity_reasons=list(verdict.reasons),
        raw=raw,
    )
    text = f"{subject}\n{body}"
    notice.asins = ids.asins(text)
    notice.order_ids = ids.order_ids(text)
    notice.complaint_ids = ids.complaint_ids(text)
    notice.case_ids = ids.case_ids(text)
    notice.rights_owner = ids.rights_owner(body)
    notice.references = _references(msg, body)
    notice.relays = ids.relays(body)
    if relay:
        notice.relays = list(dict.fromkeys([msg.from_addr.lower(), *notice.relays]))
    if kind in VIOLATION_KINDS:
        notice.violations = violations([normalize(subject), *lines])
    if kind in STARTING_KINDS:
        notice.starts_at = received
    if kind in PERIOD_KINDS:
        period = extract_period(
            subject,
            lines,
            received,
            language,
            marketplace,
            context=(RESTRICTED.pattern, TEMPLATES_ONLY.pattern, FREE_FORM_OFF.pattern),
        )
        notice.ends_at = period.ends_at
        notice.permanent = period.permanent
        notice.duration_stated = period.duration_stated
        notice.duration = period.duration
        notice.period_text = period.text
    elif kind is NoticeKind.ACCOUNT_DEACTIVATED:
        notice.permanent = permanence(subject, lines)
        notice.duration_stated = notice.permanent
    return notice
