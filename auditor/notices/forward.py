"""Forwarded notices: a colleague or an agency forwards an Amazon mail.

Three shapes are recognised:

* inline, after a separator ("---------- Forwarded message ---------",
  "-------- Original Message --------" and their translations, "Begin
  forwarded message:");
* inline, a block of quoted headers in any order (``From:``/``Von:``/
  ``De :``/``Da:``/``差出人:`` with ``Sent:``/``Date:``/``Subject:``/
  ``Sujet :``…), with or without ``>`` quote markers;
* as an attached ``message/rfc822`` part, when the raw bytes are at hand.

A quoted block counts only when it names a sender (a ``From:`` line with an
address) and the outer mail is not itself from Amazon: Amazon's own bounces
quote the seller's message ("----- Original message -----") and are not
forwards.
"""

from __future__ import annotations

import email
import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.policy import compat32

from auditor.message.amazon import is_amazon_domain
from auditor.message.model import Message

_LANGUAGES = ["en", "de", "fr", "es", "it", "ja"]
FWD_PREFIX = re.compile(r"^\s*(?:(?:fwd?|wg|tr|rv|enc|i|転送|fw)\s*[:：]\s*)+", re.IGNORECASE)
_SEPARATOR = re.compile(
    r"^[ \t>]*(?:-{2,}|_{2,}|={2,})?\s*(?:forwarded message|original message|"
    r"weitergeleitete nachricht|ursprüngliche nachricht|message transféré|message d'origine|"
    r"message original|mensaje reenviado|mensaje original|messaggio inoltrato|"
    r"messaggio originale|転送されたメッセージ|転送メッセージ|"
    r"元のメッセージ)\s*(?:-{2,}|_{2,}|"
    r"={2,})?\s*$"
    r"|^[ \t>]*(?:begin forwarded message|anfang der weitergeleiteten nachricht|"
    r"début du message réexpédié|inicio del mensaje reenviado|inizio messaggio inoltrato)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
#: "Subject" as mail clients write it in the six languages.
SUBJECT_LABELS = ("subject", "betreff", "objet", "sujet", "asunto", "oggetto", "件名")
_FIELDS = {
    "from": ("from", "von", "de", "da", "差出人", "送信者", "送信元"),
    "date": (
        "date",
        "sent",
        "datum",
        "gesendet",
        "envoyé",
        "fecha",
        "enviado",
        "enviado el",
        "fecha de envío",
        "data",
        "inviato",
        "日付",
        "送信日時",
        "日時",
    ),
    "subject": SUBJECT_LABELS,
    "to": ("to", "an", "à", "a", "pour", "para", "宛先", "cc"),
}
_FIELD_OF = {name: field for field, names in _FIELDS.items() for name in names}
_HEADER_LINE = re.compile(
    r"^[ \t>]*\**\s*("
    + "|".join(sorted(map(re.escape, _FIELD_OF), key=len, reverse=True))
    + r")\s*\**\s*[:：]\s*\**\s*(.*?)\s*$",
    re.IGNORECASE,
)
#: A display name or text that claims to be Amazon.
CLAIMS_AMAZON = re.compile(
    r"amazon|amaz0n|seller\s*central|seller[- ]performance|seller[- ]support|"
    r"verkäufer-?support|アマゾン",
    re.IGNORECASE,
)
_MAILTO = re.compile(r"\[mailto:([^\]\s]+)\]", re.IGNORECASE)
_DATE_NOISE = re.compile(r"\((?:月|火|水|木|金|土|日)\)")


_QUOTE = re.compile(r"^(?:[ \t]*>)+")
_ONE_QUOTE = re.compile(r"^[ \t]*> ?")


def quote_depth(line: str) -> int:
    """How many quote markers (``>``) open ``line``."""
    marks = _QUOTE.match(line)
    return marks.group(0).count(">") if marks else 0


def unquote(line: str, levels: int) -> str:
    """``line`` without its first ``levels`` quote markers (and the space after each)."""
    for _ in range(levels):
        line = _ONE_QUOTE.sub("", line, count=1)
    return line


@dataclass(frozen=True, slots=True)
class Forwarded:
    """The original notice inside a forward."""

    from_name: str
    from_addr: str
    date: datetime | None
    subject: str
    body: str
    #: quoted under an attribution line in a reply (:mod:`auditor.notices.reply`)
    reply: bool = False


def parse_quoted_date(value: str) -> datetime | None:
    """A quoted header's date, as written by any mail client in any of the
    six languages (RFC 5322 first, then dateparser)."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is None:
        import dateparser

        parsed = dateparser.parse(
            _DATE_NOISE.sub(" ", value)[:80],
            languages=_LANGUAGES,
            settings={"TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True},
        )
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # "31 Dec 9999 23:00 -0200" is past the year 9999 in UTC
        return None


def address(value: str) -> tuple[str, str]:
    value = value.replace("*", "")
    mailto = _MAILTO.search(value)
    if mailto:
        return _MAILTO.sub("", value).strip().strip('"'), mailto.group(1).lower()
    name, addr = email.utils.parseaddr(value)
    if "@" not in addr:
        found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
        addr = found.group(0) if found else ""
    return name.strip(), addr.strip().lower()


def _header_blocks(lines: list[str]) -> list[tuple[int, int, dict[str, str]]]:
    """(first line, line after the block, fields) of each quoted header block:
    a run of ``Name: value`` lines (in any order; one blank line may separate
    two of them) that names a sender with an address and a date or subject."""
    blocks = []
    i = 0
    while i < len(lines):
        if not _HEADER_LINE.match(lines[i]):
            i += 1
            continue
        fields: dict[str, str] = {}
        j = i
        while j < len(lines):
            match = _HEADER_LINE.match(lines[j])
            if match:
                fields.setdefault(_FIELD_OF[match.group(1).lower()], match.group(2))
                j += 1
            elif (
                not lines[j].strip(" >") and j + 1 < len(lines) and _HEADER_LINE.match(lines[j + 1])
            ):
                j += 1
            else:
                break
        if "@" in fields.get("from", "") and ("date" in fields or "subject" in fields):
            blocks.append((i, j, fields))
        i = max(j, i + 1)
    return blocks


def _inline(msg: Message) -> Forwarded | None:
    text = msg.body
    lines = text.splitlines()
    blocks = _header_blocks(lines)
    if not blocks:
        return None
    has_marker = bool(_SEPARATOR.search(text)) or bool(FWD_PREFIX.match(msg.subject))
    # Without a separator or a "Fwd:" subject, a lone quoted header block is
    # still a forward when it quotes an Amazon sender (Outlook "From: … Sent: …").
    chosen = None
    for block in blocks:
        _, addr = address(block[2]["from"])
        if is_amazon_domain(addr.rpartition("@")[2]):
            chosen = block
            break
    if chosen is None:
        if not has_marker:
            return None
        chosen = blocks[0]
    start, end, fields = chosen
    name, addr = address(fields["from"])
    # a quoted forward (Apple Mail's "> From: …", a reply over a forward):
    # its body is read at the block's own quote level
    depth = quote_depth(lines[start])
    body = "\n".join(unquote(line, depth) for line in lines[end:])
    return Forwarded(
        from_name=name,
        from_addr=addr,
        date=parse_quoted_date(fields.get("date", "")),
        subject=FWD_PREFIX.sub("", fields.get("subject", "")).strip(),
        body=body.strip(),
    )


#: Searched in the raw bytes as they are (``raw.lower()`` would copy a 60 MB message).
_RFC822 = re.compile(rb"message/rfc822", re.IGNORECASE)


def _attached(raw: bytes) -> Forwarded | None:
    from auditor.errors import MessageError
    from auditor.message.parse import elide_attachments, parse_message

    try:  # hostile mail: an attachment that cannot be read is no forward
        # big attachment bodies left out first, as parse_message does (memory)
        root = email.message_from_bytes(elide_attachments(raw), policy=compat32)
        for part in root.walk():
            if part.get_content_type() != "message/rfc822":
                continue
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if inner is None:
                continue
            original = parse_message(inner.as_bytes(), "attached", "1")
            break
        else:
            return None
    except (MessageError, RecursionError, LookupError, UnicodeError):
        return None
    return Forwarded(
        from_name=original.from_name,
        from_addr=original.from_addr,
        date=original.date,
        subject=original.subject,
        body=original.body,
    )


def find_forwarded(msg: Message, raw: bytes | None = None) -> Forwarded | None:
    """The original notice ``msg`` forwards, or None when it is no forward.

    Mail from an Amazon domain is never a forward (its quoted part is the
    seller's own message). ``raw`` lets an attached original
    (``message/rfc822``) be read with its headers.
    """
    if is_amazon_domain(msg.from_domain):
        return None
    if raw is not None and _RFC822.search(raw):
        attached = _attached(raw)
        if attached is not None:
            return attached
    return _inline(msg)
