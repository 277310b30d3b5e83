"""Raw bytes → :class:`~auditor.message.model.Message`.

The MIME structure comes from the standard library's ``email`` package with
the compat32 policy (the fastest of its parsers, and the one every transfer
encoding and damaged structure has been tested against for decades). Header
words (RFC 2047) are decoded with mail-parser's ``decode_header_part``, which
survives the broken charsets real mail carries. We do not call
``mailparser.parse_from_bytes`` on the hot path: it decodes and re-encodes
every attachment body, and the audit needs only attachment names, types and
sizes.

Mail is hostile input: the message size, the number of MIME parts, their
nesting depth, the text kept and each header's length are bounded by
:class:`Limits`; what goes past a bound is dropped and recorded in
``Message.defects``.
"""

from __future__ import annotations

import codecs
import email
import email.errors
import email.utils
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.errors import CharsetError, HeaderParseError
from email.header import decode_header, make_header
from email.message import Message as EmailMessage
from email.policy import compat32

from auditor.errors import MessageError
from auditor.message.amazon import relay_marketplace
from auditor.message.attachments import _ELIDE_ABOVE, _encoded_size, elide_attachments
from auditor.message.fastparse import mime_tree
from auditor.message.html import analyze_html
from auditor.message.model import Attachment, Image, Link, Message

# mail-parser logs each header it cannot decode at ERROR with the header's raw
# text: hostile mail would write what it likes (terminal escapes) to stderr.
logging.getLogger("mailparser").setLevel(logging.CRITICAL)

#: Japanese is written without spaces, so a URL may touch a kana or kanji on
#: either side ("詳細はhttps://shop.example/faqをご覧ください"): such characters
#: neither continue a URL nor count as the word it must not start or end in.
_CJK = r"\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef"
_URL_CHAR = rf"""[^\s<>"'()\[\]{_CJK}]"""
_WORD_CHAR = rf"(?![{_CJK}])\w"
_BARE_URL = re.compile(
    rf"""(?<![@.\-])(?<!{_WORD_CHAR})(?:https?://|www\.){_URL_CHAR}+"""
    rf"""|(?<![@.\-])(?<!{_WORD_CHAR})(?:[a-z0-9-]+\.)+(?:com|net|org|shop|store|info|biz|io"""
    r"""|co\.uk|de|fr|it|es|co\.jp|jp|ca|com\.mx|com\.au|nl|pl|se|eu|example)"""
    rf"""(?:/{_URL_CHAR}*)?(?![@-])(?!{_WORD_CHAR})""",
    re.IGNORECASE,
)
_FOLD = re.compile(r"\r?\n[ \t]")
_SURROGATE = re.compile("[\udc80-\udcff]")
#: Lone surrogates, which some codecs decode to (utf-7, unicode_escape): no
#: UTF-8 output, store or language model accepts them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TRAILING_PUNCT = ".,;:!?)»”'\""
_STRUCTURE_DEFECTS = (
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.CloseBoundaryNotFoundDefect,
    email.errors.MultipartInvariantViolationDefect,
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.InvalidBase64PaddingDefect,
    email.errors.InvalidBase64CharactersDefect,
    email.errors.InvalidBase64LengthDefect,
    email.errors.MissingHeaderBodySeparatorDefect,
)
_CHARSET_ALIASES = {
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
    "x-user-defined": "windows-1252",
    "ansi_x3.4-1968": "ascii",
    "iso-8859-8-i": "iso-8859-8",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift-jis": "shift_jis",
    "x-sjis": "shift_jis",
    "windows-874": "cp874",
}


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one message may cost. Defaults fit real mail with room."""

    #: bytes parsed; beyond this the tail is dropped (Amazon itself refuses
    #: attachments over 10 MB, and the stdlib parser needs ~6× a message in memory)
    max_bytes: int = 24 * 2**20
    max_parts: int = 300  #: MIME parts visited
    max_depth: int = 40  #: multipart nesting followed
    max_text: int = 1_000_000  #: characters of text and of HTML kept
    max_header: int = 8_192  #: characters kept of one header value
    max_headers: int = 400  #: header fields kept
    max_html_nodes: int = 50_000  #: HTML elements walked


DEFAULT_LIMITS = Limits()


def _decode_header(value: object, limits: Limits) -> str:
    text = str(value)[: limits.max_header * 4]
    if text.isascii() and "=?" not in text and text.isprintable():
        return text[: limits.max_header]  # most headers: nothing to decode or unfold
    if _SURROGATE.search(text):
        # 8-bit bytes in a header (compat32 keeps them as surrogates): most are UTF-8.
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = _FOLD.sub(" ", text)
    if "=?" in text:
        try:
            # make_header keeps the space between an encoded word and plain text,
            # which decode_header alone drops ("Einschränkung proaktiver").
            text = str(make_header(decode_header(text)))
        except (LookupError, UnicodeError, HeaderParseError, CharsetError, ValueError):
            text = _lenient_words(text)
    text = text.replace("\r", "").replace("\n", " ").replace("\x00", "")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text[: limits.max_header]


def _lenient_words(text: str) -> str:
    """mail-parser's per-word decoding, for the headers the stdlib refuses.
    Imported here, on first need: most audits never need it (imported alone
    it adds about 10 MB of RSS; in an audit's process, which loads most of
    its dependencies anyway, about 0.5 MB)."""
    from mailparser.utils import decode_header_part

    return decode_header_part(text)


#: ``charset=utf-8`` / ``charset="utf-8"`` in a plain ASCII Content-Type:
#: read without the stdlib's full parameter parser (RFC 2231 goes to it).
_SIMPLE_CHARSET = re.compile(r';\s*charset\s*=\s*"?([A-Za-z0-9._:+-]+)"?\s*(?:;|$)', re.I)


def _charset(part: EmailMessage) -> str:
    ctype = part.get("Content-Type")
    simple = (
        _SIMPLE_CHARSET.search(ctype)
        if isinstance(ctype, str)
        and ctype.isascii()
        and "*" not in ctype
        and ctype.lower().count("charset") == 1
        else None
    )
    if simple is not None:
        name = simple.group(1).lower()
    else:
        name = (part.get_content_charset() or "utf-8").strip().strip('"').lower()
    return _CHARSET_ALIASES.get(name, name)


def _filename(part: EmailMessage) -> str | None:
    """The part's file name (Content-Disposition ``filename``, else
    Content-Type ``name``); the stdlib's parameter parser only runs when
    either header mentions a name at all."""
    headers = f"{part.get('Content-Disposition', '')}{part.get('Content-Type', '')}"
    if "name" not in headers.lower():
        return None
    return part.get_filename()


def _decode_text(payload: bytes, charset: str, defects: list[str], where: str) -> str:
    text = _decode_charset(payload, charset, defects, where)
    if _LONE_SURROGATE.search(text):
        defects.append(f"{where}: lone surrogates from charset {charset!r} replaced")
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text


#: Codecs no mail is written in: punycode decodes in quadratic time, the escape
#: codecs fabricate lone surrogates, idna and undefined refuse to decode.
_NOT_MAIL_CODECS = frozenset(
    {"punycode", "idna", "undefined", "unicode-escape", "raw-unicode-escape"}
)


def _mail_codec(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name not in _NOT_MAIL_CODECS
    except (LookupError, ValueError):  # unknown, or a name with a NUL byte in it
        return False


def _decode_charset(payload: bytes, charset: str, defects: list[str], where: str) -> str:
    try:
        if not _mail_codec(charset):
            raise LookupError(charset)
        return payload.decode(charset)
    except LookupError:
        defects.append(f"{where}: unknown charset {charset!r}, read as UTF-8")
    except UnicodeError:  # UnicodeDecodeError, or another UnicodeError of the codec
        defects.append(f"{where}: bytes invalid in charset {charset!r}, read with replacements")
        try:
            return payload.decode(charset, "replace")
        except UnicodeError:
            pass
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("windows-1252", "replace")


def _date(value: str | None, defects: list[str]) -> datetime | None:
    if not value:
        defects.append("no Date header")
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"unreadable Date header {value[:80]!r}")
        return None
    if parsed is None:
        defects.append(f"unreadable Date header {value[:80]!r}")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # "31 Dec 9999 23:00 -0200" is past the year 9999 in UTC
        defects.append(f"unreadable Date header {value[:80]!r}")
        return None


#: The common shapes, read without the full RFC 5322 parser:
#: ``addr@host`` and ``Name <addr@host>`` (no commas, quotes or comments).
_SIMPLE_ADDRESS = re.compile(
    r"\s*(?:([^<>,;\"()\\]*?)\s*<([^<>\s,;\"()]+@[^<>\s,;\"()]+)>|([^<>\s,;\"()]+@[^<>\s,;\"()]+))\s*"
)


def _addresses(values: list[str], limits: Limits) -> list[tuple[str, str]]:
    if len(values) == 1 and isinstance(values[0], str) and "\n" not in values[0]:
        simple = _SIMPLE_ADDRESS.fullmatch(values[0])
        if simple is not None and not _SURROGATE.search(values[0]):
            name, bracketed, bare = simple.groups()
            addr = (bracketed or bare).lower()
            return [(_decode_header(name, limits).strip() if name else "", addr)]
    values = [
        _FOLD.sub(" ", str(v)[: limits.max_header])
        .encode("utf-8", "surrogateescape")
        .decode("utf-8", "replace")
        for v in values
    ]
    pairs = email.utils.getaddresses(values)
    return [(_decode_header(name, limits), addr.strip().lower()) for name, addr in pairs if addr]


#: A cheap test that ``text`` may hold a URL: a scheme, "www." or a dot
#: before one of the top-level domains :data:`_BARE_URL` knows.
_URL_HINT = re.compile(
    r"://|www\.|\.(?:com|net|org|shop|store|info|biz|io|uk|de|fr|it|es|jp|ca|mx|au|nl|pl|se|eu"
    r"|example)\b",
    re.IGNORECASE,
)


def bare_links(text: str, location: str) -> list[Link]:
    """URLs written as text (``https://…``, ``www.…``, ``shop.example/faq``).

    A bare Amazon domain with no path ("Amazon.com") names the shop, it does
    not link anywhere, so it is left out.
    """
    links: list[Link] = []
    if not _URL_HINT.search(text):
        return links  # the full pattern is costly; most text has no URL at all
    for match in _BARE_URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING_PUNCT)
        lowered = url.lower()
        if "://" not in lowered and not lowered.startswith("www.") and "/" not in lowered:
            if lowered.startswith("amazon.") or ".amazon." in lowered:
                continue
        links.append(Link(url=url, text="", location=location))
    return links


def _walk(root: EmailMessage, limits: Limits, defects: list[str]):
    """Leaf parts of ``root`` with their depth, bounded in count and depth."""
    stack = [(root, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > limits.max_parts:
            defects.append(f"more than {limits.max_parts} MIME parts; the rest were skipped")
            return
        if part.is_multipart():
            if depth >= limits.max_depth:
                defects.append(f"MIME nesting deeper than {limits.max_depth}; inner parts skipped")
                continue
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((child, depth + 1) for child in reversed(children))
            continue
        yield part


def parse_message(
    raw: bytes, source: str, key: str, limits: Limits = DEFAULT_LIMITS, *, fast: bool = True
) -> Message:
    """Parse one message. Raises :class:`MessageError` only when nothing in
    ``raw`` looks like mail; every lesser problem is a defect on the result.
    ``fast=False`` leaves the MIME structure to the stdlib alone (the
    differential test compares both)."""
    if not raw or raw.isspace():  # (strip() would copy a 60 MB message)
        raise MessageError("empty message")
    defects: list[str] = []
    try:
        root = _mime_root(_bounded(raw, limits, defects), fast)
        msg = _with_headers(Message(source=source, key=key, size=len(raw)), root, limits, defects)
        texts, htmls = _read_parts(msg, root, limits, defects)
    except TypeError as exc:  # the stdlib's own failure on 'name*=' beside 'name*0='
        if _innermost(exc) != "decode_params":
            raise
        raise MessageError(
            "a MIME parameter given both whole and in RFC 2231 parts (name*= and name*0=)"
        ) from None
    _structure_defects(root, defects)
    msg.text = "\n".join(t.replace("\r\n", "\n").replace("\x00", "") for t in texts).strip()
    if htmls:
        _add_html(msg, "\n".join(htmls)[: limits.max_text], limits, defects)
    msg.links[:0] = bare_links(msg.subject, "subject")
    if msg.text:
        msg.links.extend(bare_links(msg.text, "text"))
    msg.defects = list(dict.fromkeys(defects))
    msg.content_hash = content_hash(msg)
    for addr in (*msg.to, *msg.cc):
        market = relay_marketplace(addr)
        if market:
            msg.marketplace = market
            break
    return msg


def _innermost(exc: BaseException) -> str:
    """The name of the function ``exc`` was raised in."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else ""


def _bounded(raw: bytes, limits: Limits, defects: list[str]) -> bytes:
    """``raw`` without attachment bodies (big messages), cut to
    ``limits.max_bytes``, without NUL bytes."""
    size = len(raw)
    if size > _ELIDE_ABOVE:
        raw = elide_attachments(raw)
    if len(raw) > limits.max_bytes:
        defects.append(f"message of {size} bytes cut to the first {limits.max_bytes}")
        raw = raw[: limits.max_bytes]
    if b"\x00" in raw[:65536]:
        defects.append("NUL bytes removed")
        raw = raw.replace(b"\x00", b"")
    return raw


def _mime_root(raw: bytes, fast: bool) -> EmailMessage:
    """The MIME tree of ``raw``: the common shapes by boundary splitting (the
    same tree, faster), the rest by the stdlib (auditor.message.fastparse)."""
    try:
        root = mime_tree(raw) if fast else None
        if root is None:
            root = email.message_from_bytes(raw, policy=compat32)
    except RecursionError:  # the stdlib parser recurses once per nesting level
        raise MessageError("MIME parts nested too deeply to read") from None
    if not root.keys():
        raise MessageError("no mail headers found")
    return root


def _with_headers(msg: Message, root: EmailMessage, limits: Limits, defects: list[str]) -> Message:
    """``msg`` with the header fields of ``root`` and what is read from them
    (subject, addresses, date, Message-ID, threading)."""
    # raw_items(): compat32's get() wraps 8-bit headers in Header objects whose
    # str() loses the bytes; the raw values keep them for _decode_header.
    raw_headers = list(root.raw_items())
    if len(raw_headers) > limits.max_headers:
        defects.append(f"more than {limits.max_headers} header fields; the rest were skipped")
        raw_headers = raw_headers[: limits.max_headers]
    first: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    headers = []
    for name, value in raw_headers:
        lname = str(name).lower()
        first.setdefault(lname, value)
        every.setdefault(lname, []).append(value)
        headers.append((str(name)[:200], _decode_header(value, limits)))
    msg.headers = headers
    msg.subject = _decode_header(first.get("subject", ""), limits).strip()
    senders = _addresses(every.get("from", []), limits)
    if senders:
        msg.from_name, msg.from_addr = senders[0]
    else:
        defects.append("no readable From address")
    msg.to = [addr for _, addr in _addresses(every.get("to", []), limits)]
    msg.cc = [addr for _, addr in _addresses(every.get("cc", []), limits)]
    msg.reply_to = [addr for _, addr in _addresses(every.get("reply-to", []), limits)]
    msg.date = _date(first.get("date"), defects)
    msg.message_id = _header_id(first.get("message-id"), limits)
    msg.in_reply_to = _header_id(first.get("in-reply-to"), limits)
    refs = first.get("references")
    msg.references = re.findall(r"<[^<>\s]+>", str(refs))[:100] if refs else []
    return msg


def _header_id(value: str | None, limits: Limits) -> str | None:
    """A Message-ID style header's value, decoded and stripped (None if empty)."""
    return (_decode_header(value, limits).strip() or None) if value else None


def _structure_defects(part: EmailMessage, defects: list[str]) -> None:
    """Note the MIME structure damage the parser found on ``part``."""
    for defect in part.defects:
        if isinstance(defect, _STRUCTURE_DEFECTS):
            defects.append(f"MIME: {type(defect).__name__}")


def _read_parts(
    msg: Message, root: EmailMessage, limits: Limits, defects: list[str]
) -> tuple[list[str], list[str]]:
    """The plain-text and HTML bodies of ``root``'s leaf parts; the other
    parts go to ``msg.attachments`` (and inline images to ``msg.images``)."""
    texts: list[str] = []
    htmls: list[str] = []
    for part in _walk(root, limits, defects):
        _structure_defects(part, defects)
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        filename = _part_filename(part, ctype, limits, defects)
        if ctype not in ("text/plain", "text/html") or filename or disposition == "attachment":
            _add_attachment(msg, part, ctype, disposition, filename)
            continue
        payload = part.get_payload(decode=True) or b""
        text = _decode_text(payload, _charset(part), defects, ctype)
        if len(text) > limits.max_text:
            defects.append(f"{ctype} part cut to {limits.max_text} characters")
            text = text[: limits.max_text]
        (htmls if ctype == "text/html" else texts).append(text)
    return texts, htmls


def _part_filename(
    part: EmailMessage, ctype: str, limits: Limits, defects: list[str]
) -> str | None:
    """The part's decoded file name, if it has one."""
    try:
        filename = _filename(part)
    except (LookupError, UnicodeError):  # an RFC 2231 name in a failing codec
        defects.append(f"{ctype}: unreadable attachment name")
        filename = "\ufffd"
    return _decode_header(filename, limits) if filename is not None else None


def _add_attachment(
    msg: Message, part: EmailMessage, ctype: str, disposition: str | None, filename: str | None
) -> None:
    """Record a part that is not body text (an inline image is an image too)."""
    cid = str(part.get("Content-ID", "")).strip("<> ")[:200]
    msg.attachments.append(
        Attachment(
            filename=filename,
            content_type=ctype,
            size=_encoded_size(part),
            disposition=disposition,
            content_id=cid or None,
        )
    )
    if ctype.startswith("image/") and disposition != "attachment":
        msg.images.append(
            Image(
                src=f"cid:{cid}" if cid else (filename or ""),
                width=None,
                height=None,
                hidden=False,
                in_link=False,
            )
        )


def _add_html(msg: Message, html: str, limits: Limits, defects: list[str]) -> None:
    """The HTML body and what :func:`analyze_html` reads in it."""
    msg.html = html
    facts = analyze_html(html, limits.max_html_nodes)
    msg.html_text = facts.text
    msg.links.extend(facts.links)
    # A URL written as text in HTML is a link too (mail programs make it one),
    # unless an anchor already shows it.
    anchored = {link.url for link in facts.links} | {link.text for link in facts.links}
    msg.links.extend(link for link in bare_links(facts.text, "html") if link.url not in anchored)
    msg.images[:0] = facts.images
    msg.css = facts.css
    msg.max_line_breaks = facts.max_line_breaks
    if facts.truncated:
        defects.append(f"HTML with more than {limits.max_html_nodes} elements cut")


def content_hash(msg: Message) -> str:
    """A digest of what identifies a message whatever transport brought it:
    the same mail from a file and from IMAP hashes the same, even when the
    IMAP fetch skipped attachment bodies."""
    digest = hashlib.sha256()
    for piece in (
        msg.message_id or "",
        msg.date.isoformat() if msg.date else "",
        msg.from_addr,
        ",".join(msg.to),
        msg.subject,
        msg.text,
        msg.html,
    ):
        digest.update(piece.encode("utf-8", "replace"))
        digest.update(b"\x1f")
    return digest.hexdigest()
