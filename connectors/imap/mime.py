"""Fetching a big message without its attachment bodies (RFC 3501 §6.4.5, §7.4.2).

For a message over the connector's whole-fetch limit, :func:`plan_parts`
reads the server's ``BODYSTRUCTURE`` into a :class:`Part` tree and
:func:`fetch_items` lists what to ask for: every header (``HEADER``,
``n.MIME``, ``n.HEADER``), the bodies of text/plain and text/html parts, and
nothing of the other parts' bodies. :func:`assemble` then rebuilds a message
the parser reads exactly like the original: same headers, same text, same
attachment names and types; each omitted body is empty and its part carries
``X-Auditor-Omitted-Size`` with the decoded size the server reported, so
attachment sizes survive too.

Section numbers (RFC 3501 §6.4.5): the parts of a multipart are 1, 2, …;
a nested multipart's parts are 2.1, 2.2, …; the header of part 2 is
``2.MIME``; an attached message (message/rfc822) at 3 has its own header at
``3.HEADER`` and its body at ``3.TEXT``, or parts 3.1, 3.2, … when
multipart. The header of a non-multipart message is ``HEADER``, its body
``TEXT``.

Pure functions, no I/O: the connector does the fetching. Nothing here
parses the message: :mod:`auditor.message.parse` reads what comes out, and
reads :data:`~connectors.base.OMITTED_SIZE_HEADER` as the attachment's size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32

from connectors.base import OMITTED_SIZE_HEADER

#: More FETCH items than this in one message: fetch it whole instead.
MAX_ITEMS = 400
#: Nesting deeper than this: fetch it whole instead.
MAX_DEPTH = 30
#: Leaf types whose bodies the audit reads.
TEXT_TYPES = frozenset({"text/plain", "text/html"})


class StructureError(ValueError):
    """The BODYSTRUCTURE cannot be used for a partial fetch (too deep, too
    many parts, malformed); the caller fetches the message whole."""


@dataclass
class Part:
    """One node of a message's MIME tree.

    ``header`` is the FETCH section of the header that introduces it
    (``HEADER``, ``2.MIME``, ``3.HEADER``); ``body`` the section of a leaf's
    body; ``keep`` whether that body is fetched; ``children`` the parts of a
    multipart; ``inner`` the message inside a message/rfc822 part.
    """

    header: str
    content_type: str
    body: str = ""
    encoding: str | None = None
    size: int = 0
    keep: bool = True
    children: list[Part] = field(default_factory=list)
    inner: Part | None = None

    @property
    def multipart(self) -> bool:
        return self.content_type.startswith("multipart/")

    def walk(self) -> Iterator[Part]:
        yield self
        for child in self.children:
            yield from child.walk()
        if self.inner is not None:
            yield from self.inner.walk()


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return "" if value is None else str(value)


def _params(value: object) -> dict[str, str]:
    """('name', 'x.pdf', 'charset', 'utf-8') → {'name': 'x.pdf', …}."""
    if not isinstance(value, (tuple, list)):
        return {}
    items = [_text(v) for v in value]
    return {items[i].lower(): items[i + 1] for i in range(0, len(items) - 1, 2)}


def _disposition(value: object) -> tuple[str, dict[str, str]]:
    if isinstance(value, (tuple, list)) and value:
        return _text(value[0]).lower(), _params(value[1] if len(value) > 1 else None)
    return "", {}


def _child(prefix: str, index: int) -> str:
    return f"{prefix}.{index}" if prefix else str(index)


def plan_parts(structure: object) -> Part:
    """The :class:`Part` tree of a message from its BODYSTRUCTURE (as
    imapclient returns it: ``BodyData`` or plain tuples).

    A leaf's body is kept when it is text/plain or text/html (even a named
    one: the parser, not this module, tells body text from attachment, from
    the real headers). Raises :class:`StructureError` when the structure is
    unusable.
    """
    try:
        root = _node(structure, header="HEADER", number="", body="TEXT", depth=0)
    except (IndexError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, StructureError):
            raise
        raise StructureError(f"malformed BODYSTRUCTURE: {exc}") from None
    if len(fetch_items(root)) > MAX_ITEMS:
        raise StructureError(f"more than {MAX_ITEMS} parts to fetch")
    return root


def _is_multipart(structure: object) -> bool:
    return (
        isinstance(structure, (tuple, list)) and bool(structure) and isinstance(structure[0], list)
    )


def _node(structure: object, header: str, number: str, body: str, depth: int) -> Part:
    """``number`` is the part's own section number ("" for a message's top);
    ``body`` the section of its body when it is a leaf."""
    if depth > MAX_DEPTH:
        raise StructureError(f"MIME nesting deeper than {MAX_DEPTH}")
    if not isinstance(structure, (tuple, list)) or not structure:
        raise StructureError("empty BODYSTRUCTURE")
    if _is_multipart(structure):
        subtype = _text(structure[1]).lower() if len(structure) > 1 else "mixed"
        part = Part(header=header, content_type=f"multipart/{subtype}")
        for index, child in enumerate(structure[0], start=1):
            section = _child(number, index)
            part.children.append(
                _node(
                    child, header=f"{section}.MIME", number=section, body=section, depth=depth + 1
                )
            )
        return part
    ctype = f"{_text(structure[0]).lower()}/{_text(structure[1]).lower()}"
    encoding = _text(structure[5]) or None
    size = structure[6] if isinstance(structure[6], int) else 0
    part = Part(header=header, content_type=ctype, body=body, encoding=encoding, size=size)
    if ctype == "message/rfc822" and len(structure) > 8 and isinstance(structure[8], (tuple, list)):
        # The attached message: header at n.HEADER, body at n.TEXT or parts
        # n.1, n.2… (a message whose whole body is a message is part 1).
        from imapclient.response_types import BodyData

        own = number or "1"
        inner_structure = structure[8]
        if not isinstance(inner_structure, BodyData):
            inner_structure = BodyData.create(inner_structure)
        part.inner = _node(
            inner_structure,
            header=f"{own}.HEADER",
            number=own,
            body=f"{own}.TEXT",
            depth=depth + 1,
        )
        part.keep = False  # its body is rebuilt from the inner parts
        return part
    part.keep = ctype in TEXT_TYPES
    return part


def fetch_items(root: Part) -> list[str]:
    """The FETCH items for a partial fetch of ``root``, in tree order,
    each as ``BODY.PEEK[…]`` (so no ``\\Seen`` flag is set)."""
    items: list[str] = []
    for part in root.walk():
        if part.header not in items:
            items.append(part.header)
        if part.keep and not part.multipart and part.inner is None and part.body:
            items.append(part.body)
    return [f"BODY.PEEK[{item}]" for item in dict.fromkeys(items)]


def _section_data(fetched: Mapping[bytes, bytes], section: str) -> bytes:
    key = f"BODY[{section}]".encode("ascii")
    value = fetched.get(key)
    if value is None:  # some servers answer in another case
        for name, data in fetched.items():
            if isinstance(name, bytes) and name.upper() == key.upper():
                value = data
                break
    if value is None:
        raise StructureError(f"the server sent no BODY[{section}]")
    return value if isinstance(value, bytes) else bytes(value)


def _with_header(header: bytes, name: str, value: str) -> bytes:
    """``header`` (ending in its blank line) with one more field before the blank line."""
    body = header.rstrip(b"\r\n")
    return body + f"\r\n{name}: {value}\r\n\r\n".encode("ascii")


def _ensure_blank_line(header: bytes) -> bytes:
    return header.rstrip(b"\r\n") + b"\r\n\r\n" if header.strip() else b"\r\n"


def _boundary(header: bytes) -> str | None:
    parsed = BytesHeaderParser(policy=compat32).parsebytes(header)
    boundary = parsed.get_boundary()
    return str(boundary) if boundary else None


def assemble(root: Part, fetched: Mapping[bytes, bytes]) -> bytes:
    """Rebuild the message from the sections fetched for ``root`` (the
    ``fetch()`` answer for one message). Raises :class:`StructureError` when
    a section is missing or a multipart has no boundary."""
    return _entity(root, fetched)


def _entity(part: Part, fetched: Mapping[bytes, bytes]) -> bytes:
    header = _ensure_blank_line(_section_data(fetched, part.header))
    if part.inner is not None:
        return header + _entity(part.inner, fetched)
    if part.multipart:
        boundary = _boundary(header)
        if not boundary:
            raise StructureError(f"{part.content_type} at {part.header} has no boundary")
        delimiter = b"--" + boundary.encode("utf-8", "surrogateescape")
        chunks = [header]
        for child in part.children:
            chunks += [delimiter, b"\r\n", _entity(child, fetched), b"\r\n"]
        chunks += [delimiter, b"--\r\n"]
        return b"".join(chunks)
    if part.keep:
        return header + _section_data(fetched, part.body)
    size = decoded_size(part.size, part.encoding)
    return _with_header(header, OMITTED_SIZE_HEADER, str(size))


def decoded_size(encoded_octets: int, cte: str | None) -> int:
    """The decoded size of a body part of ``encoded_octets`` in transfer
    encoding ``cte`` (both as BODYSTRUCTURE reports them): base64 carries 3
    bytes in 4 characters (line breaks aside, 76 characters a line), the
    others about 1:1."""
    if (cte or "").strip().lower() == "base64":
        lines = encoded_octets // 78 + 1
        return max(0, (encoded_octets - 2 * lines) * 3 // 4)
    return encoded_octets


def omitted_bytes(root: Part) -> int:
    """How many encoded body bytes a partial fetch of ``root`` leaves on the server."""
    return sum(p.size for p in root.walk() if not p.keep and not p.multipart and p.inner is None)
