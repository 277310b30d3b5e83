"""The boundary splitter (auditor.message.fastparse) against the stdlib.

Differential: every message of the shipped corpus, of the benchmark's
generator, of the hostile catalogue, of the structural fuzzing generator and
of random mutations is parsed both ways; where the splitter answers, its
tree must be the stdlib's, and :func:`parse_message` must give the same
:class:`Message` with and without it.
"""

from __future__ import annotations

import dataclasses
import email
import random
import sys
from email.policy import compat32
from pathlib import Path

import pytest

from auditor.errors import MessageError
from auditor.message.fastparse import mime_tree
from auditor.message.parse import elide_attachments, parse_message
from tests.hardening.hostile import MailFactory, catalogue, mutate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"


def _bench_mail(count: int) -> list[bytes]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return [mail.data for mail in generate(count, seed=11)]


def tree(msg) -> tuple:
    """Everything the parser sets on a compat32 message, recursively."""
    payload = msg._payload
    return (
        msg._headers,
        msg._unixfrom,
        msg.preamble,
        msg.epilogue,
        [type(d).__name__ for d in msg.defects],
        msg._default_type,
        [tree(child) for child in payload] if isinstance(payload, list) else payload,
    )


def stdlib_tree(data: bytes):
    try:
        return email.message_from_bytes(data, policy=compat32)
    except RecursionError:
        return None


def parsed(data: bytes, fast: bool):
    try:
        return parse_message(data, "diff", "1", fast=fast)
    except MessageError as exc:
        return f"MessageError: {exc}"


def differences(a, b) -> list[str]:
    if isinstance(a, str) or isinstance(b, str):
        return [] if a == b else [f"{a!r} != {b!r}"]
    return [f.name for f in dataclasses.fields(a) if getattr(a, f.name) != getattr(b, f.name)]


def mailboxes() -> dict[str, list[bytes]]:
    rng = random.Random(5)
    factory = iter(MailFactory(3))
    structural = [next(factory).data for _ in range(1500)]
    corpus = [path.read_bytes() for path in sorted(CORPUS.rglob("*.eml"))]
    bench = _bench_mail(1000)
    seeds = corpus + bench[:100] + structural[:100]
    return {
        "corpus": corpus,
        "bench": bench,
        "hostile": [h.data for h in catalogue()],
        "structural": structural,
        "mutated": [mutate(rng.choice(seeds), rng) for _ in range(800)],
    }


@pytest.fixture(scope="module")
def mail() -> dict[str, list[bytes]]:
    return mailboxes()


@pytest.mark.parametrize("kind", ["corpus", "bench", "hostile", "structural", "mutated"])
def test_same_tree_and_same_message_both_ways(kind, mail):
    fast_count = 0
    for number, data in enumerate(mail[kind]):
        elided = elide_attachments(data) if len(data) > 8192 else data
        fast = mime_tree(elided)
        if fast is not None:
            fast_count += 1
            slow = stdlib_tree(elided)
            assert slow is not None and tree(fast) == tree(slow), f"{kind} #{number}"
        both = parsed(data, True), parsed(data, False)
        assert not differences(*both), f"{kind} #{number}: {differences(*both)}"
    # The splitter must carry the common case, or it buys nothing.
    if kind in ("corpus", "bench"):
        assert fast_count >= 0.9 * len(mail[kind]), (kind, fast_count)
    else:
        assert fast_count > 0, kind


CRLF_NESTED = (
    b"From: a@shop.example\r\nTo: b@marketplace.amazon.com\r\nSubject: x\r\n"
    b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="out"\r\n\r\n'
    b"preamble line\r\n\r\n--out\r\nContent-Type: multipart/alternative; boundary=in\r\n\r\n"
    b"--in\r\nContent-Type: text/plain\r\n\r\nplain\r\n\r\n--in\r\nContent-Type: text/html\r\n\r\n"
    b"<p>html</p>\r\n--in--\r\ninner epilogue\r\n\r\n--out\r\n"
    b"Content-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"JVBERi0=\r\n--out--  \r\nouter epilogue\r\n"
)


def test_nested_crlf_multipart_with_preamble_and_epilogues():
    fast = mime_tree(CRLF_NESTED)
    assert fast is not None
    assert tree(fast) == tree(stdlib_tree(CRLF_NESTED))
    assert fast.preamble == "preamble line\r\n"
    assert fast.get_payload(0).epilogue == "inner epilogue\r\n"
    assert fast.epilogue == "outer epilogue\r\n"


@pytest.mark.parametrize(
    "case",
    [
        CRLF_NESTED.replace(b"--out--  \r\n", b""),  # no close boundary
        CRLF_NESTED.replace(b"Subject: x\r\n", b"Subject x\r\n"),  # no colon: a defect
        CRLF_NESTED.replace(b"plain\r\n", b"pl\rain\r\n"),  # a lone CR ends a line
        CRLF_NESTED.replace(b"boundary=in", b"boundary=out"),  # inner reuses the outer
        CRLF_NESTED.replace(b"multipart/mixed", b"multipart/digest"),
        CRLF_NESTED.replace(b"application/pdf", b"message/rfc822"),
        b"From sender Tue Nov  3 10:00:00 2026\n" + CRLF_NESTED,  # an envelope line
    ],
)
def test_shapes_it_leaves_to_the_stdlib(case):
    assert mime_tree(case) is None
    assert not differences(parsed(case, True), parsed(case, False))


TRICKY_CONTENT_TYPES = [
    'multipart/mixed; boundary="abc"',
    'multipart/mixed;\r\n\tboundary="----=_Part_1_2.3"',
    'multipart/mixed; boundary="<abc>"',  # unquoted twice by the stdlib
    "multipart/mixed; boundary=<abc>",
    'multipart/mixed; boundary="abc "',  # rstripped
    'multipart/mixed; boundary=""',
    "multipart/mixed; boundary*=utf-8''abc",  # RFC 2231
    "multipart/mixed; boundary*0=a; boundary*1=b",
    "multipart/mixed; BOUNDARY=x; boundary=y",  # the first wins
    "multipart/mixed; charset=utf-8; boundary=q;",
    'multipart/mixed; boundary = "a;b"',
    'multipart/mixed; boundary="a\\"b"',
    "multipart/mixed",
    "multipart/mixed; boundary",
    "multipart/mixed; boundary=a b",
    'multipart/mixed"; boundary=x',
    " Boundary ; boundary=x",  # the type itself named 'boundary'
    "multipart/mixed; boundary=abc\x0b",
]


def test_boundary_read_directly_is_the_stdlibs():
    """The splitter reads plain boundaries itself; on any value, tricky or
    random, it must answer what ``get_boundary()`` answers."""
    from email.message import Message as EmailMessage

    from auditor.message.fastparse import _boundary

    rng = random.Random(5)
    spaces = [""] * 12 + [" "] * 6 + ["\r\n\t", "\x0b"]
    names = ["boundary"] * 10 + ["Boundary", "BOUNDARY", "boundary*", "boundary*0", "charset", ""]
    chars = ["a", "=", "_", ".", " ", '"', "<", ">", "\\", ";", "'", "?", "-"]

    def param() -> str:
        special = rng.random() < 0.15
        text = "".join(rng.choice(chars if special else "a_.-=?") for _ in range(rng.randint(0, 8)))
        quoted = rng.random() < 0.5
        value = f'"{text}"' if quoted else text.replace(" ", "")
        space = rng.choice(spaces)
        return f";{space}{rng.choice(names)}{rng.choice(spaces)}={space}{value}{rng.choice(spaces)}"

    values = TRICKY_CONTENT_TYPES + [
        rng.choice(["multipart/mixed"] * 6 + [" boundary", "a=b", 'x"y'])
        + "".join(param() for _ in range(rng.randint(1, 3)))
        + rng.choice([""] * 6 + [";", " ;", "x"])
        for _ in range(20000)
    ]

    class Counting(EmailMessage):
        fallbacks = 0

        def get_boundary(self, failobj=None):
            Counting.fallbacks += 1
            return super().get_boundary(failobj)

    for value in values:
        msg = Counting(compat32)
        msg._headers = [("Content-Type", value)]
        try:
            expected = EmailMessage.get_boundary(msg)
        except TypeError as exc:  # the stdlib's own RFC 2231 crash ('boundary*' and 'boundary*0')
            with pytest.raises(type(exc)):
                _boundary(msg)
            continue
        assert _boundary(msg) == expected, repr(value)
    # the random values reach the direct path, not only the fallback
    assert len(values) - Counting.fallbacks > 0.1 * len(values)
