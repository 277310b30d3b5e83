"""Attachment bodies: left out before parsing, and their sizes estimated.

No rule reads an attachment's bytes, only its name, type and size; the
stdlib parser walks base64 bodies line by line in Python and holds several
copies of what it parses. :func:`elide_attachments` replaces the long ones
with a header giving their size, the shape in which the IMAP connector
delivers big messages (:data:`OMITTED_SIZE_HEADER`).
"""

from __future__ import annotations

import re
from email.message import Message as EmailMessage

from connectors.base import OMITTED_SIZE_HEADER

#: Messages bigger than this have the base64 bodies of their attachments
#: left out before the stdlib parser sees them: no rule reads an attachment's
#: bytes, and the parser walks them line by line in Python (the invoices and
#: catalogues on a tenth of campaign mail took a third of its time) and holds
#: ~9 copies of what it parses (a 50 MB attachment would cost 600 MB).
_ELIDE_ABOVE = 8192
#: 32 lines and more (2.4 kB). Possessive ({32,}+): a greedy repeat would keep
#: a backtracking entry per line.
_B64_RUN = re.compile(
    rb"^(?:[A-Za-z0-9+/]{40,}={0,2}\r?\n){32,}+(?:[A-Za-z0-9+/]{1,39}={0,2}\r?\n)?", re.M
)
_PART_TYPE = re.compile(rb"^content-type:[ \t]*([a-z0-9.+-]+)/", re.I | re.M)
_BASE64_CTE = re.compile(rb"^content-transfer-encoding:[ \t]*\"?base64", re.I | re.M)


def elide_attachments(raw: bytes) -> bytes:
    """``raw`` with each long base64 body of a non-text part replaced by
    :data:`OMITTED_SIZE_HEADER` giving its decoded size, as the IMAP connector
    delivers big messages. Text, message and multipart parts are kept."""
    pieces: list[bytes] = []
    done = 0
    for run in _B64_RUN.finditer(raw):
        start, end = run.span()
        eol = b"\r\n" if raw.endswith(b"\r\n\r\n", done, start) else b"\n"
        if not raw.endswith(eol * 2, done, start):
            continue  # not the start of a part's body
        head = raw[max(done, start - 16384, raw.rfind(b"\n--", done, start)) : start]
        ctype = _PART_TYPE.search(head)
        if not ctype or ctype.group(1).lower() in (b"text", b"message", b"multipart"):
            continue
        if not _BASE64_CTE.search(head):
            continue
        chars = end - start - raw.count(b"\n", start, end) - raw.count(b"\r", start, end)
        size = chars * 3 // 4 - raw[max(start, end - 4) : end].count(b"=")
        header = f"{OMITTED_SIZE_HEADER}: {size}".encode() + eol
        pieces += [raw[done : start - len(eol)], header, eol]
        done = end
    if not pieces:
        return raw
    pieces.append(raw[done:])
    return b"".join(pieces)


def _encoded_size(part: EmailMessage) -> int:
    omitted = part.get(OMITTED_SIZE_HEADER)
    if omitted is not None:
        try:
            return int(str(omitted).strip())
        except ValueError:
            return 0
    # The body as parsed: get_payload() would decode 8-bit bytes with the part's
    # charset parameter, whatever it names (a tuple: TypeError; punycode: quadratic).
    payload = part._payload
    if not isinstance(payload, str):
        return 0
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte == "base64":
        length = len(payload) - payload.count("\n") - payload.count("\r") - payload.count(" ")
        return max(0, length * 3 // 4 - payload.rstrip()[-2:].count("="))
    return len(payload)
