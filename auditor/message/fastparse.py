"""The stdlib's compat32 MIME tree, built by splitting on boundaries.

:func:`email.message_from_bytes` feeds a message to its parser line by line
in Python, and compiles a fresh regular expression for the boundary of
every multipart (each message has its own boundary, so ``re``'s cache never
helps): together about a third of an audit's time. :func:`mime_tree` builds
the *same* tree — an :class:`email.message.Message` with the compat32
policy, the same ``_headers``, ``_payload``, ``preamble`` and ``epilogue`` —
by finding boundary lines and header ends with ``str.find`` over the whole
message, so the Python work is per part, not per line. The rest of
:func:`auditor.message.parse.parse_message` reads the tree as before.

It handles only the shapes it can reproduce exactly: well-formed header
blocks, multiparts with their start and close boundaries, LF or CRLF line
ends. Anything the stdlib would record a defect for or treat specially (a
header line without a colon, a missing boundary, a lone CR, ``message/*``
parts, ``multipart/digest``, an envelope ``From`` line, deep nesting…)
makes it return None, and the caller parses with the stdlib. The
differential test (tests/test_fastparse.py) compares both trees and the
resulting :class:`~auditor.message.model.Message` on the shipped corpus, the
benchmark's mail and the hostile and fuzzing generators.

Why not a compiled parser such as fast-mail-parser (Rust): it returns the
headers as a dict (the order of interleaved fields such as ``Received`` and
``Authentication-Results`` is lost), decodes header words, bodies and
charsets its own way, and reports decoded attachment sizes and no
structural defects. Making its result identical to the stdlib's would take
a second parse of the structure, which is what costs the time.
"""

from __future__ import annotations

import re
from email.feedparser import headerRE
from email.message import Message as EmailMessage
from email.policy import compat32

#: Past these the stdlib parses (and bounds) the message as before.
MAX_DEPTH = 30
MAX_PARTS = 1000

#: What follows ``--boundary`` on a boundary line (the stdlib's pattern
#: without the boundary itself, so nothing is compiled per message).
_BOUNDARY_TAIL = re.compile(r"(--)?[ \t]*(?:\r\n|\n)?")

#: One ``; name=value`` of a plain Content-Type: a token or a non-empty
#: quoted string with none of the characters the stdlib's parameter parser
#: treats specially (quotes, backslashes, ``;``, ``<>``, RFC 2231 ``*``).
_PLAIN_PARAM = re.compile(
    r"[ \t\r\n]*;[ \t\r\n]*([A-Za-z0-9_.-]+)[ \t\r\n]*=[ \t\r\n]*"
    r'(?:"([^"\\;<>\r\n]+)"|([^"\\;<>\s]+))'
)
_PLAIN_END = re.compile(r"[ \t\r\n]*;?[ \t\r\n]*")


class _Unusual(Exception):
    """A shape this module does not reproduce: the stdlib must parse it."""


def _strip_eol(text: str) -> str:
    """``text`` without one trailing line end (the stdlib's NLCRE_eol)."""
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith("\n"):
        return text[:-1]
    return text


class _Splitter:
    def __init__(self, text: str) -> None:
        self.text = text
        self.parts = 0

    def headers(self, start: int, end: int) -> tuple[list[tuple[str, str]], int]:
        """The header fields of the part at ``start`` and where its body starts."""
        text = self.text
        fields: list[tuple[str, str]] = []
        pos = start
        name = None
        lines: list[str] = []
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl + 1
            line = text[pos:stop]
            if line == "\n" or line == "\r\n":
                pos = stop
                break
            if not headerRE.match(line) or line.startswith("From "):
                raise _Unusual  # missing separator, envelope line
            if line[0] in " \t":
                if name is None:
                    raise _Unusual  # the first line a continuation
                lines.append(line)
            else:
                colon = line.find(":")
                if colon <= 0:
                    raise _Unusual  # no header name
                if name is not None:
                    fields.append(_field(lines))
                name = line[:colon]
                lines = [line]
            pos = stop
        if name is not None:
            fields.append(_field(lines))
        return fields, pos

    def part(self, start: int, end: int, depth: int) -> EmailMessage:
        """The part spanning ``text[start:end]``."""
        self.parts += 1
        if depth > MAX_DEPTH or self.parts > MAX_PARTS:
            raise _Unusual
        msg = EmailMessage(compat32)
        msg._headers, body = self.headers(start, end)
        ctype = _content_type(msg)
        maintype = ctype.split("/")[0]
        if maintype == "message":
            raise _Unusual  # parsed into a sub-message by the stdlib
        if maintype != "multipart":
            msg._payload = self.text[body:end]
            return msg
        if ctype == "multipart/digest":
            raise _Unusual  # its parts default to message/rfc822
        boundary = _boundary(msg)
        if boundary is None:
            raise _Unusual
        cte = str(msg.get("content-transfer-encoding", "8bit")).lower()
        if cte not in ("7bit", "8bit", "binary"):
            raise _Unusual
        self.multipart(msg, "--" + boundary, body, end, depth)
        return msg

    def boundaries(self, sep: str, start: int, end: int):
        """(line start, line end, closing?) of each boundary line in ``[start, end)``."""
        text = self.text
        pos = start
        while True:
            found = text.find(sep, pos, end)
            if found < 0:
                return
            pos = found + 1
            if found > start and text[found - 1] != "\n":
                continue  # not at the start of a line
            nl = text.find("\n", found, end)
            stop = end if nl < 0 else nl + 1
            tail = _BOUNDARY_TAIL.fullmatch(text, found + len(sep), stop)
            if tail is None:
                continue
            yield found, stop, tail.group(1) is not None
            pos = stop

    def multipart(self, msg: EmailMessage, sep: str, start: int, end: int, depth: int) -> None:
        text = self.text
        lines = self.boundaries(sep, start, end)
        first = next(lines, None)
        if first is None or first[2]:
            raise _Unusual  # no start boundary (or a close boundary first)
        if first[0] > start:
            msg.preamble = _strip_eol(text[start : first[0]])
        children: list[EmailMessage] = []
        line_end = first[1]
        for line_start, next_end, closing in lines:
            if line_start == line_end:
                raise _Unusual  # two boundary lines in a row
            child = self.part(line_end, line_start, depth + 1)
            if isinstance(child._payload, list):  # a multipart (part() gave it its children)
                if child.epilogue == "":
                    child.epilogue = None
                elif child.epilogue is not None:
                    child.epilogue = _strip_eol(child.epilogue)
            elif isinstance(child._payload, str):
                child._payload = _strip_eol(child._payload)
            children.append(child)
            line_end = next_end
            if closing:
                msg._payload = children
                msg.epilogue = text[next_end:end]
                return
        raise _Unusual  # no close boundary


def _content_type(msg: EmailMessage) -> str:
    """``msg.get_content_type()`` for a part whose default type is text/plain,
    without a scan of the header list per call: the first Content-Type
    field, read as compat32 reads it (a value with 8-bit bytes goes to the
    stdlib, which wraps it in a Header)."""
    for name, value in msg._headers:
        if name.lower() == "content-type":
            if not value.isascii():
                return msg.get_content_type()
            ctype = value.partition(";")[0].strip().lower()
            return ctype if ctype.count("/") == 1 else "text/plain"
    return "text/plain"


def _boundary(msg: EmailMessage) -> str | None:
    """``msg.get_boundary()``, read directly from a plain Content-Type (the
    stdlib's parameter parser costs ~90 µs a call); anything unusual goes
    to the stdlib."""
    value = next((v for n, v in msg._headers if n.lower() == "content-type"), None)
    if value is None or not value.isascii():
        return msg.get_boundary()
    pos = value.find(";")
    if pos < 0:
        return msg.get_boundary()  # no parameters
    head = value[:pos]
    if '"' in head or "=" in head or head.strip().lower() == "boundary":
        return msg.get_boundary()  # the stdlib would split or name it otherwise
    found = None
    while True:
        param = _PLAIN_PARAM.match(value, pos)
        if param is None:
            if _PLAIN_END.fullmatch(value, pos) is None:
                return msg.get_boundary()
            break
        if found is None and param.group(1).lower() == "boundary":
            found = (param.group(2) or param.group(3)).rstrip()
        pos = param.end()
    return found if found else msg.get_boundary()


def _field(lines: list[str]) -> tuple[str, str]:
    """compat32's ``header_source_parse``."""
    name, value = lines[0].split(":", 1)
    value = value.lstrip(" \t") + "".join(lines[1:])
    return name, value.rstrip("\r\n")


def mime_tree(raw: bytes) -> EmailMessage | None:
    """The tree ``email.message_from_bytes(raw, policy=compat32)`` builds, or
    None when ``raw`` has a shape this module leaves to the stdlib."""
    text = raw.decode("ascii", "surrogateescape")
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None  # a lone CR ends a line for the stdlib
    try:
        return _Splitter(text).part(0, len(text), 0)
    except _Unusual:
        return None
