"""Notices quoted in a reply: a colleague or an agency answers an Amazon mail
and the notice sits underneath as a quote.

A reply's quoted part starts at an attribution line, as mail clients write
it in the six languages (``phrases/attribution.toml``): "On <date>, <who>
wrote:", "Am <date> schrieb <who>:", "Le <date>, <who> a écrit :", "El
<date>, <who> escribió:", "Il <date>, <who> ha scritto:", "<date> <who>
<addr>:" / "…さんは書きました:". The attribution may be wrapped over two or
three lines, may sit inside an earlier quote (``>`` lines of a reply to a
reply), and may name the writer by display name only. The quoted mail is the
lines below it that are one quote level deeper (or, when the client marked
none, everything below it: a blockquote rendered without markers).

Only an attribution that names Amazon counts: an Amazon address (not a
buyer relay address: that is a buyer's or the seller's own message), a
look-alike of one, or a display name that claims Amazon. The quoted mail is
returned as a :class:`~auditor.notices.forward.Forwarded` marked ``reply``:
its body is the quoted text only (the colleague's own lines never decide a
kind), its subject the reply's subject without its "Re:" prefix (and none
when the colleague wrote a subject of their own), its date the attribution's
(a date without a zone is read in the reply's own zone, the one the client
rendered it in; a numeric date that reads both ways takes the reading not
after the reply and nearest to it).

Forwards keep their precedence (:func:`find_quoted`): an attached original
or a quoted header block naming an Amazon sender is read as the forward it is.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta
from functools import cache

from auditor.message.amazon import buyer_relay, is_amazon_domain
from auditor.message.model import Message
from auditor.notices.authenticity import lookalike
from auditor.notices.decision import phrase_file
from auditor.notices.forward import (
    CLAIMS_AMAZON,
    FWD_PREFIX,
    Forwarded,
    address,
    find_forwarded,
    quote_depth,
    unquote,
)
from auditor.notices.text import normalize

#: The end of a time of day: "17:42", "5:42 PM", "14 h 03", "17:42 Uhr", "+0200".
_TIME = re.compile(
    r"\b\d{1,2}(?::|\s?h\s?)\d{2}(?::\d{2})?(?:\s?[ap]\.?\s?m\b\.?)?(?:\s?uhr\b)?"
    r"(?:\s?(?:[+-]\d{2}:?\d{2}|(?:gmt|utc)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?))?",
    re.IGNORECASE,
)
#: The end of a date without a time: "2026年10月20日(火)", "20.10.2026", "2026".
_YEAR = re.compile(
    r"\d{4}年\s?\d{1,2}月\s?\d{1,2}日(?:\s?\([^)]{1,3}\))?|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|"
    r"\b(?:19|20)\d{2}\b"
)
_HOUR_H = re.compile(r"\b(\d{1,2})\s?h\s?(\d{2})\b")
_WEEKDAY_JA = re.compile(r"\((?:月|火|水|木|金|土|日)\)")
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: How many lines one attribution may be wrapped over.
_WRAP = 3
#: A quoted date may be this far after the reply (clocks, zones) and still count.
_SLACK = timedelta(days=1)


@cache
def _reply_prefix() -> re.Pattern[str]:
    words = {w for by in phrase_file("attribution").phrases.values() for w in by["reply-prefix"]}
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"^\s*(?:(?:{alternatives})\s*(?:\[\d+\])?\s*[:：]\s*)+", re.IGNORECASE)


def reply_subject(subject: str) -> str:
    """The quoted mail's subject in a reply's subject ("Re: AW: …" removed,
    and "Fwd:" too), or "" when the subject has no reply prefix: then the
    colleague wrote it, and it says nothing of the quoted mail."""
    prefix = _reply_prefix().match(subject)
    if prefix is None:
        return ""
    rest = subject[prefix.end() :]
    return _reply_prefix().sub("", FWD_PREFIX.sub("", rest)).strip()


def _attribution_at(lines: list[str], end: int, depth: int) -> str | None:
    """The attribution whose last line is ``lines[end]`` (joined over up to
    :data:`_WRAP` lines of its paragraph, from the line that opens it with a
    lead word or a date), or None."""
    last = unquote(lines[end], depth).strip()
    if not last.endswith((":", "：")):
        return None
    found = phrase_file("attribution")
    start = end
    for index in range(end - 1, max(end - _WRAP, -1), -1):
        line = lines[index]
        if quote_depth(line) != depth or not unquote(line, depth).strip():
            break
        text = unquote(line, depth).strip()
        if found.find(text, group="lead") or text[:1].isdigit():
            start = index
    if start == end and last.startswith(("<", "(", "[")) and end > 0:
        start = end - 1  # only the address was wrapped onto the last line
    text = " ".join(unquote(lines[i], depth).strip() for i in range(start, end + 1))
    text = normalize(text)
    return text if found.find(text, group="attribution") else None


def _split(text: str) -> tuple[str, str]:
    """(date, writer) of one attribution: lead word and verb removed, the
    date on one side of the verb or before the writer (up to its time of
    day, else its year, else a comma)."""
    found = phrase_file("attribution")
    lead = found.find(text, group="lead")
    core = text[lead.end() :] if lead else text
    verbs = list(found.finditer(core, group="verb"))
    if verbs:
        verb = verbs[-1]
        before, after = core[: verb.start()], core[verb.end() :]
    else:
        before, after = core, ""
    before, after = before.strip(" ,、"), after.strip(" ,、:：")
    if after and before:  # "Am <date> schrieb <who>:" / "<who> schrieb am <date>:"
        return (before, after) if _TIME.search(before) or _YEAR.search(before) else (after, before)
    part = (before or after).strip(" ,、:：")
    cut = _TIME.search(part) or _YEAR.search(part)
    if cut is None:
        if "," not in part:
            return "", part
        date, _, who = part.rpartition(",")
        return date, who
    who = part[cut.end() :].strip(" ,、")
    link = found.find(who, group="link")
    if link:
        who = who[link.end() :]
    return part[: cut.end()], who.strip(" ,、")


def _sender(who: str) -> tuple[str, str]:
    """(display name, address) of an attribution's writer."""
    who = who.strip().strip(":：").strip()
    found = _ADDRESS.search(who)
    if found is None:
        return who.strip('"'), ""
    name, addr = address(who)
    if not name or "@" in name:
        name = re.sub(r"[<>()\[\]\"]|mailto:", "", who.replace(found.group(0), "")).strip(" ,")
    return name, addr


def _claims_amazon(name: str, addr: str) -> bool:
    """Whether the writer is Amazon or claims to be (a buyer relay address is
    a buyer, or the seller's own message, whatever its display name says)."""
    domain = addr.rpartition("@")[2]
    if addr and buyer_relay(addr):
        return False
    if addr and (is_amazon_domain(domain) or lookalike(domain)):
        return True
    return bool(CLAIMS_AMAZON.search(name))


def _reply_zone(msg: Message) -> datetime | None:
    value = msg.header("Date")
    try:
        return email.utils.parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def quoted_date(value: str, sent: datetime | None) -> datetime | None:
    """The date of an attribution, read as the client wrote it: in the
    reply's zone when it names none, and of a numeric date that reads both
    day-first and month-first, the reading not after the reply and nearest
    to it. None when it cannot be read or only reads as after the reply."""
    value = _WEEKDAY_JA.sub(" ", _HOUR_H.sub(r"\1:\2", value)).strip(" ,")
    if not value:
        return None
    import dateparser

    readings = []
    for order in ("DMY", "MDY"):
        parsed = dateparser.parse(
            value[:80],
            languages=["en", "de", "fr", "es", "it", "ja"],
            settings={"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first"},
        )
        if parsed is None:
            continue
        if parsed.tzinfo is None and sent is not None and sent.tzinfo is not None:
            parsed = parsed.replace(tzinfo=sent.tzinfo)
        elif parsed.tzinfo is None:
            continue  # no zone anywhere: no instant to count a period from
        readings.append(parsed)
    if sent is not None:
        readings = [r for r in readings if r <= sent + _SLACK]
        readings.sort(key=lambda r: abs((sent - r).total_seconds()))
    return readings[0].astimezone(UTC) if readings else None


def _quoted_lines(lines: list[str], end: int, depth: int) -> list[str]:
    """The lines quoted under the attribution ending at ``lines[end]``: the
    deeper-quoted lines below it (up to the next attribution at its own
    level), each one quote level up; everything below it when the client
    marked no quote."""
    below = lines[end + 1 :]
    marked = [line for line in below if quote_depth(line) > depth]
    if not marked:
        return [unquote(line, depth) for line in below]
    out: list[str] = []
    for offset, line in enumerate(below):
        if quote_depth(line) > depth:
            out.append(unquote(line, depth + 1))
        elif line.strip(" >") and _attribution_at(below, offset, depth) is not None:
            break
    return out


def find_reply(msg: Message) -> Forwarded | None:
    """The Amazon mail ``msg`` quotes as a reply (the first attribution,
    outermost first, that names Amazon), or None."""
    if is_amazon_domain(msg.from_domain):
        return None  # Amazon's own bounces quote the seller's message
    lines = msg.body.splitlines()
    for end, line in enumerate(lines):
        depth = quote_depth(line)
        text = _attribution_at(lines, end, depth)
        if text is None:
            continue
        date, who = _split(text)
        name, addr = _sender(who)
        if not _claims_amazon(name, addr):
            continue
        body = "\n".join(_quoted_lines(lines, end, depth)).strip()
        if not body:
            continue
        return Forwarded(
            from_name=name,
            from_addr=addr,
            date=quoted_date(date, _reply_zone(msg)),
            subject=reply_subject(msg.subject),
            body=body,
            reply=True,
        )
    return None


def find_quoted(msg: Message, raw: bytes | None = None) -> Forwarded | None:
    """The Amazon mail ``msg`` forwards or quotes in a reply, or None.

    A forward whose original is from an Amazon domain comes first; then a
    reply that quotes Amazon; then any other forward (its quoted sender is
    not Amazon's: the authenticity check makes it suspicious)."""
    forwarded = find_forwarded(msg, raw)
    if forwarded is not None and is_amazon_domain(forwarded.from_addr.rpartition("@")[2]):
        return forwarded
    return find_reply(msg) or forwarded
