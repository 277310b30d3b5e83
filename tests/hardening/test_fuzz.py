"""Fuzzing the parser, the rules and notice detection.

Three generators, all deterministic (a failure replays):

* hypothesis strategies that build messages: random headers (8-bit bytes,
  encoded words in any charset, long lines, folding), random MIME trees
  (random boundaries, some reused or never closed; random charsets and
  transfer encodings) and random HTML (``javascript:`` links, hidden
  images, unclosed tags);
* :class:`tests.hardening.hostile.MailFactory`, a seeded structural
  generator, for volume;
* byte-level mutation of the sample corpus (flip, insert, delete, truncate,
  duplicate boundaries and headers, splice two messages).

The property (:func:`tests.hardening.fuzzing.run_one`): no exception but the
documented MessageError; every text out is a str that encodes to UTF-8; a
message given a fault the parser must notice (no Date, an unknown charset,
an unclosed multipart, NUL bytes) has defects. ``bench/fuzz.py`` runs the
same generators for longer.
"""

from __future__ import annotations

import base64
import random
import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.engine import Engine
from tests.conftest import CORPUS
from tests.hardening.fuzzing import finish, run_one
from tests.hardening.hostile import (
    CHARSETS,
    CTES,
    TAGS,
    URLS,
    MailFactory,
    catalogue,
    mutate,
    splice,
)

#: How much each fuzzer runs in the suite (bench/fuzz.py runs more).
HYPOTHESIS_EXAMPLES = {"messages": 100, "bytes": 150, "headers": 150, "html": 60}
STRUCTURAL = (2_850, (11, 12, 13))  # messages per seed, seeds
MUTATIONS = (500, (21, 22))  # mutated messages per seed, seeds
SUITE_TOTAL = (
    sum(HYPOTHESIS_EXAMPLES.values())
    + STRUCTURAL[0] * len(STRUCTURAL[1])
    + MUTATIONS[0] * len(MUTATIONS[1])
)

FUZZ = settings(
    max_examples=HYPOTHESIS_EXAMPLES["bytes"],
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_settings()


def test_the_suite_fuzzes_at_least_10k_messages():
    """The issue's goal: ≥ 10,000 generated messages over the hostile and fuzz
    tests (lowering a budget below it fails here)."""
    assert SUITE_TOTAL + len(catalogue()) >= 10_000


# -- hypothesis strategies ------------------------------------------------------------------
@st.composite
def encoded_word(draw) -> bytes:
    charset = draw(
        st.sampled_from([*CHARSETS[:16], "x-bogus", "undefined", "utf-7", "", "ut\udcff-8"])
    )
    text = draw(st.text(max_size=30))
    kind = draw(st.sampled_from("bBqQz"))
    if kind in "bB":
        payload = base64.b64encode(text.encode("utf-8", "surrogatepass")).decode()
    else:
        payload = "".join(
            f"={b:02X}" if b > 126 or b < 33 or b in b"=?_" else chr(b)
            for b in text.encode("utf-8", "surrogatepass")
        )
    if draw(st.booleans()):
        payload = payload[: draw(st.integers(0, len(payload)))]
    closing = draw(st.sampled_from(["?=", "?=", ""]))
    return f"=?{charset}?{kind}?{payload}{closing}".encode("utf-8", "surrogateescape")


header_value = st.one_of(
    st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"\n ").replace(b"\r", b" ")),
    st.lists(encoded_word(), min_size=1, max_size=4).map(b" ".join),
    st.integers(1_000, 110_000).map(lambda n: b"L" * n),
    st.just(b"line one\n\tfolded\r\n two"),
)
addresses = st.one_of(
    st.sampled_from(
        [
            b"Acme <sales@acme-home.example>",
            b"8k2v0xq1mz4rtb9@marketplace.amazon.de",
            b"Amazon <seller-notification@amazon.com>",
            b"<>",
            b"a@b@c",
            b"@",
            b'"Amazon Seller Support" <support@amaz0n-verify.example>',
            b"undisclosed-recipients:;",
            b"=?utf-8?b?QW1hem9u?= <x@xn--mazon-3ve.com>",
        ]
    ),
    header_value,
)


@st.composite
def html_document(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth > 2 or draw(st.booleans()):
            parts.append(draw(st.text(max_size=40)))
            continue
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(
            st.lists(
                st.sampled_from(
                    [f'href="{u}"' for u in URLS]
                    + [f'src="{u}"' for u in URLS]
                    + ['style="display:none"', 'width="1"', 'onerror="x()"', "hidden", 'style="}{"']
                ),
                max_size=3,
            )
        )
        inner = draw(html_document(depth + 1))
        close = draw(st.sampled_from([f"</{tag}>", ""]))
        parts.append(f"<{tag} {' '.join(attrs)}>{inner}{close}")
    return "".join(parts)


@st.composite
def leaf(draw) -> tuple[list[bytes], bytes]:
    ctype = draw(
        st.sampled_from(
            [
                "text/plain",
                "text/html",
                "application/pdf",
                "image/png",
                "message/rfc822",
                "text/x-bogus",
                "bogus",
                "",
            ]
        )
    )
    charset = draw(st.sampled_from(CHARSETS))
    cte = draw(st.sampled_from(CTES))
    if ctype == "text/html":
        body = draw(html_document()).encode("utf-8", "surrogatepass")
    elif ctype.startswith("text/"):
        body = draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
    else:
        body = draw(st.binary(max_size=300))
    if cte == "base64":
        body = base64.encodebytes(body)
        if draw(st.booleans()):
            body = body[: draw(st.integers(0, len(body)))]
    headers = [f"Content-Type: {ctype}; charset={charset}".encode("utf-8", "surrogateescape")]
    if cte:
        headers.append(f"Content-Transfer-Encoding: {cte}".encode())
    name = draw(
        st.one_of(
            st.none(),
            st.sampled_from(
                ["../../x", "CON", "a\x00b", "=?utf-8?b?Li4vLi4veA==?=", "\u202egpj.exe"]
            ),
            st.text(max_size=20),
        )
    )
    if name is not None:
        headers.append(
            b'Content-Disposition: attachment; filename="'
            + name.encode("utf-8", "surrogatepass")
            + b'"'
        )
    return headers, body


def multipart(children):
    @st.composite
    def build(draw) -> tuple[list[bytes], bytes]:
        boundary = draw(
            st.one_of(
                st.sampled_from(["b", "=_x", "x" * 75, "a b", ""]),
                st.text(alphabet="abc-_=.", min_size=1, max_size=20),
            )
        )
        parts = draw(st.lists(children, max_size=4))
        subtype = draw(st.sampled_from(["mixed", "alternative", "related", "digest", "x"]))
        mark = boundary.encode()
        body = b"".join(
            b"--" + mark + b"\n" + b"\n".join(h) + b"\n\n" + b + b"\n" for h, b in parts
        )
        if draw(st.integers(0, 9)):  # sometimes the close never comes
            body += b"--" + mark + b"--\n"
        param = draw(st.sampled_from([f'; boundary="{boundary}"', f"; boundary={boundary}", ""]))
        return [f"Content-Type: multipart/{subtype}{param}".encode()], body

    return build()


mime_tree = st.recursive(leaf(), multipart, max_leaves=8)


@st.composite
def message(draw) -> bytes:
    lines = []
    for name, values in (
        ("From", addresses),
        ("To", addresses),
        ("Subject", header_value),
        (
            "Date",
            st.sampled_from(
                [
                    b"Tue, 03 Nov 2026 14:20:00 +0000",
                    b"Fri, 31 Dec 9999 23:00:00 -0200",
                    b"Mon, 01 Jan 0001 00:00:00 +0100",
                    b"garbage",
                    b"",
                ]
            ),
        ),
        ("Message-ID", st.sampled_from([b"<m@x>", b"", b"<<>>", b"\xff"])),
    ):
        if draw(st.integers(0, 9)):
            lines.append(name.encode() + b": " + draw(values))
    for _ in range(draw(st.integers(0, 3))):
        lines.append(
            draw(
                st.sampled_from(
                    [b"X-Extra", b"Received", b"Authentication-Results", b"References", b"\xff\xfe"]
                )
            )
            + b": "
            + draw(header_value)
        )
    headers, body = draw(mime_tree)
    data = b"\n".join(lines + headers) + b"\n\n" + body
    if draw(st.integers(0, 9)) == 0:
        data = data.replace(b"\n", b"\r\n")
    return data


@settings(FUZZ, max_examples=HYPOTHESIS_EXAMPLES["messages"])
@given(data=message())
def test_generated_messages_never_crash(data: bytes, engine):
    run_one(data, engine)


@FUZZ
@given(data=st.binary(max_size=2_000))
def test_random_bytes_never_crash(data: bytes, engine):
    run_one(data, engine)


@settings(FUZZ, max_examples=HYPOTHESIS_EXAMPLES["headers"])
@given(
    head=st.lists(st.tuples(st.binary(min_size=1, max_size=20), header_value), max_size=6),
    body=st.binary(max_size=500),
)
def test_random_headers_never_crash(head, body, engine):
    data = b"".join(name.replace(b":", b"") + b": " + value + b"\n" for name, value in head)
    run_one(data + b"\n" + body, engine)


@settings(FUZZ, max_examples=HYPOTHESIS_EXAMPLES["html"])
@given(html=html_document())
def test_random_html_never_crashes(html: str, engine):
    data = (
        b"From: a@shop.example\nTo: x@marketplace.amazon.com\nSubject: h\n"
        b"Content-Type: text/html; charset=utf-8\n\n" + html.encode("utf-8", "surrogatepass")
    )
    msg = run_one(data, engine)
    assert msg is not None
    for link in msg.links:
        assert isinstance(link.url, str)


# -- volume: the structural generator ----------------------------------------------------------
def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("seed", STRUCTURAL[1])
def test_structural_mail_never_crashes_and_faults_become_defects(seed: int):
    count, _seeds = STRUCTURAL
    factory = MailFactory(seed)
    engine = Engine.from_settings()
    rejected = faulted = 0
    rss_third = 0.0
    for number in range(count):
        generated = factory.message()
        msg = run_one(generated.data, engine, str(number))
        if msg is None:
            rejected += 1
        elif generated.faults:
            faulted += 1
            assert msg.defects, (generated.faults, generated.data[:500])
        if number % 500 == 499:
            finish(engine)  # an audit's end: cross-message rules over what was seen
            engine = Engine.from_settings()
        if number == count // 3:
            rss_third = _rss_mb()
    finish(engine)
    assert factory.count >= count
    assert faulted > count // 20  # the fault property was exercised
    assert rejected < count // 10  # and most mail was read
    # memory stays flat: the last two thirds add little to the first
    assert _rss_mb() - rss_third < 60


# -- byte-level mutation of the corpus --------------------------------------------------------
def _seeds() -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted(CORPUS.glob("*.eml"))]
    # the small hostile ones (mutating the 100 kB ones costs seconds each)
    seeds += [item.data for item in catalogue() if len(item.data) < 20_000]
    return seeds


@pytest.mark.parametrize("seed", MUTATIONS[1])
def test_mutated_corpus_never_crashes(seed: int):
    count, _seeds_used = MUTATIONS
    rng = random.Random(seed)
    originals = _seeds()
    assert len(originals) > 20
    engine = Engine.from_settings()
    for number in range(count):
        base = rng.choice(originals)
        data = splice(base, rng.choice(originals), rng) if rng.random() < 0.1 else mutate(base, rng)
        run_one(data, engine, str(number))
        if number % 500 == 499:
            finish(engine)
            engine = Engine.from_settings()
    finish(engine)


def test_crash_report_carries_the_input(monkeypatch):
    """A crash is reported with the message that caused it (so it can be
    replayed), and MessageError alone is not one."""
    import tests.hardening.fuzzing as fuzzing
    from tests.hardening.fuzzing import Crash

    engine = Engine.from_settings()
    assert run_one(b"", engine) is None  # MessageError: rejected, not a crash

    def broken(*_args, **_kwargs):
        raise TypeError("boom")

    monkeypatch.setattr(fuzzing, "parse_message", broken)
    with pytest.raises(Crash) as crash:
        run_one(b"From: a@b\n\nx", engine)
    assert crash.value.data == b"From: a@b\n\nx" and crash.value.stage == "parse"


def test_lone_surrogates_never_leave_the_parser(engine):
    """Codecs that decode to lone surrogates (utf-7, unicode_escape) in the
    body and in encoded words: replaced, and recorded as a defect."""
    data = (
        b"From: a@shop.example\nTo: x@marketplace.amazon.com\n"
        b"Subject: =?utf-7?q?+2AA-?= =?raw_unicode_escape?b?XHVkODAw?=\n"
        b"Date: Tue, 03 Nov 2026 14:20:00 +0000\n"
        b"Content-Type: text/plain; charset=utf-7\n\n+2AA- leave a review\n"
    )
    msg = run_one(data, engine)
    assert "\ufffd" in msg.subject and "\ufffd" in msg.text
    assert any("surrogate" in d for d in msg.defects)


def test_notice_with_an_unreadable_attached_message_is_read(engine):
    """An attached message/rfc822 that is empty or has no headers used to make
    notice detection raise MessageError (the whole audit stopped)."""
    data = (
        b"From: Ops <ops@acme-home.example>\nTo: sales@acme-home.example\n"
        b"Subject: Fwd: Amazon seller account deactivated\n"
        b"Date: Tue, 03 Nov 2026 14:20:00 +0000\n"
        b'Content-Type: multipart/mixed; boundary="f"\n\n--f\n'
        b"Content-Type: text/plain\n\nSee the attached notice from Amazon.\n--f\n"
        b"Content-Type: message/rfc822\n\n\n\n--f--\n"
    )
    assert run_one(data, engine) is not None


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.eml")), ids=lambda p: Path(p).name)
def test_corpus_itself_is_clean(path: Path, engine):
    assert run_one(path.read_bytes(), engine) is not None


def test_encoded_word_with_an_8bit_charset_name(engine):
    """Found by bench/fuzz.py (seed 7, message ~40,000): an encoded word whose
    charset name holds an 8-bit byte made email.header.make_header raise
    CharsetError, which the parser did not catch."""
    data = (
        b"From: a@shop.example\nTo: x@marketplace.amazon.com\n"
        b"Subject: =?ut\xe6-8?b?Li4vLi4veA==?= order\n"
        b"Date: Tue, 03 Nov 2026 14:20:00 +0000\n"
        b'Content-Type: multipart/mixed; boundary="m"\n\n--m\n'
        b"Content-Type: text/plain\n\nhello\n--m\n"
        b"Content-Type: application/pdf\n"
        b'Content-Disposition: attachment; filename="=?ut\xe6-8?b?Li4vLi4veA==?="\n\n'
        b"x\n--m--\n"
    )
    msg = run_one(data, engine)
    assert msg is not None and msg.subject.endswith("order")
    assert [a.content_type for a in msg.attachments] == ["application/pdf"]
