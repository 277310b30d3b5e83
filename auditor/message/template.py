"""What makes two messages "the same template".

Campaign mail differs from message to message only in the buyer's name, the
order ID, ASINs, dates and amounts. :func:`mask` blanks those out, and
:func:`template_key` digests everything a rule can see with them masked: the
subject and texts, links, images, styling, attachments and the marketplace.
Messages sharing a key get the same language and the same clean rule
results, so the audit pays for each template once (bench/README.md).
"""

from __future__ import annotations

import hashlib
import re

from auditor.message.model import Message

#: E-mail addresses ("@"), then ASINs and runs of digits — order IDs, dates,
#: amounts ("#"). Addresses start only where a run of their characters
#: starts: tried inside a long run, each start would rescan the rest of it
#: (quadratic; a 40 kB word took 13 s).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: The lookahead only says what either branch starts with: it lets the search
#: skip other characters quickly (half the time of the bare alternation).
_ID_OR_NUMBER = re.compile(r"(?=[B\d])(?:\bB0[A-Z0-9]{8}\b|\d+(?:[./:-]\d+)*)")
#: "Hello Jane," / "Dear Jane Doe," / "Hallo Frau Müller," — the name varies per buyer.
_GREETING = re.compile(
    r"^(\s*(?:>\s*)?(?:hello|hi|hey|dear|hallo|liebe[rs]?|sehr geehrte[rs]?|guten tag|bonjour|"
    r"bonsoir|cher|chère|hola|estimad[oa]s?|querid[oa]|buenos días|ciao|salve|gentile|car[oa]|"
    r"buongiorno)\b)[^\n,!:]{0,60}([,!:])",
    re.IGNORECASE | re.MULTILINE,
)
#: "山田様" / "山田さま": a Japanese name before the honorific.
_SAMA = re.compile(r"[^\s、。,（）()]{1,20}(様|さま)")
#: Per-buyer tokens in URLs (tracking IDs): long runs of letters and digits mixed.
_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{8,}")


def mask(text: str) -> str:
    """``text`` with what varies between messages of one template masked."""
    text = _mask_greetings(text)
    if "様" in text or "さま" in text:
        text = _SAMA.sub(r"<name>\1", text)
    # Addresses first (their digits are part of them), then the rest: two
    # passes with plain replacements cost less than one calling back per match.
    if "@" in text:
        text = _EMAIL.sub("@", text)
    return _ID_OR_NUMBER.sub("#", text)


def _mask_greetings(text: str) -> str:
    """``_GREETING.sub(r"\\1 <name>\\2", text)``, trying the pattern only
    where it can match: at the start of a line (``^`` in MULTILINE mode).
    A search tries every position, which cost three times as much."""
    pieces: list[str] = []
    done = start = 0
    end = len(text)
    while start <= end:
        found = _GREETING.match(text, start)
        if found is not None:
            pieces += (text[done:start], found.group(1), " <name>", found.group(2))
            done = found.end()
            start = text.find("\n", done - 1) + 1  # the next line start at or after done
            if start == 0:
                break
            continue
        start = text.find("\n", start) + 1
        if start == 0:
            break
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def template_key(msg: Message) -> str:
    """A digest shared by every message of one template (see module docstring).
    Sets ``msg.masked_subject`` and ``msg.masked_body`` on the way."""
    digest = hashlib.blake2b(digest_size=16)

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(str(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")

    subject, text, html_text = mask(msg.subject), mask(msg.text), mask(msg.html_text)
    # Kept for the campaign name (auditor.campaigns.grouping): masking is costly.
    msg.masked_subject = subject
    msg.masked_body = text if msg.text.strip() else html_text
    add(subject, text, html_text, msg.marketplace, msg.kind)
    for link in msg.links:
        add("L", mask(_TOKEN.sub("*", link.url)), mask(link.text), link.location, link.has_image)
    for image in msg.images:
        add(
            "I",
            mask(_TOKEN.sub("*", image.src)),
            image.width,
            image.height,
            image.hidden,
            image.in_link,
            image.alt,
        )
    for prop, value in msg.css:
        add("C", prop, value)
    for att in msg.attachments:
        add("A", mask(att.filename or ""), att.content_type, att.size // 65536, att.disposition)
    add(msg.max_line_breaks)
    return digest.hexdigest()
