"""Hostile and malformed mail, generated (nothing big is committed).

Three sources, all deterministic:

* :func:`catalogue`: named hostile messages, each with what the audit must
  make of it (``audited``: counted, maybe with defects; ``defects``: counted
  *and* listed in ``errors``; ``rejected``: only in ``errors``). Truncated
  MIME, missing and duplicate boundaries, 200-level nesting, invalid and
  unknown charsets, NUL bytes, 8-bit headers, header lines over 100 kB, an
  HTML bomb, ``javascript:`` and ``data:`` URLs, attachment names such as
  ``../../x`` and ``CON``. :func:`write_big_attachment` writes the 50 MB
  attachment message to a file, streamed.
* :class:`MailFactory`: a seeded generator that builds mail structurally
  (random headers with 8-bit bytes, encoded words and long lines; random MIME
  trees with random boundaries, charsets and transfer encodings, some broken
  on purpose; random HTML), for volume. Each message comes with the faults
  it was given that the parser must report as defects.
* :func:`mutate`: seeded byte-level mutations of a real message (flip,
  insert, delete, truncate, duplicate a boundary or header, splice).

``bench/fuzz.py`` drives the same generators for as long as asked.
"""

from __future__ import annotations

import base64
import codecs
import quopri
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# -- building blocks ----------------------------------------------------------------------
ORDER = "113-4829104-7712093"
DATE = "Tue, 03 Nov 2026 14:20:00 +0000"
SELLER = "Acme Home Goods <sales@acme-home.example>"
RELAY = "8k2v0xq1mz4rtb9@marketplace.amazon.com"


def head(
    subject: str = f"Your order {ORDER}",
    number: int = 0,
    extra: str = "",
    sender: str = SELLER,
    to: str = RELAY,
    date: str | None = DATE,
) -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if date is not None:
        lines.append(f"Date: {date}")
    lines += [f"Message-ID: <hostile-{number}@acme-home.example>", "MIME-Version: 1.0"]
    return ("\n".join(lines) + "\n" + extra).encode("utf-8", "surrogateescape")


def _text(body: str, charset: str = "utf-8") -> bytes:
    return f"Content-Type: text/plain; charset={charset}\n\n".encode() + body.encode()


def _nested_multipart(depth: int) -> bytes:
    out = [b'Content-Type: multipart/mixed; boundary="n0"\n\n']
    for level in range(1, depth):
        out.append(b'--n%d\nContent-Type: multipart/mixed; boundary="n%d"\n\n' % (level - 1, level))
    out.append(b"--n%d\nContent-Type: text/plain\n\ndeep inside\n" % (depth - 1))
    out += [b"--n%d--\n" % level for level in range(depth - 1, -1, -1)]
    return b"".join(out)


def _nested_rfc822(depth: int) -> bytes:
    inner = b"From: x@y.example\nSubject: innermost\n\ninnermost text\n"
    for level in range(depth):
        inner = (
            b"From: x@y.example\nSubject: level %d\nContent-Type: message/rfc822\n\n" % (level)
            + inner
        )
    return b"Content-Type: message/rfc822\n\n" + inner


def _attachment(
    name_params: str, body: bytes = b"%PDF-1.4 tiny\n", ctype: str = "application/pdf"
) -> bytes:
    return (
        b'Content-Type: multipart/mixed; boundary="att"\n\n--att\n'
        + _text("Please find the invoice attached.")
        + b"\n--att\n"
        + f"Content-Type: {ctype}\nContent-Disposition: attachment; {name_params}\n"
        "Content-Transfer-Encoding: base64\n\n".encode("utf-8", "surrogateescape")
        + base64.encodebytes(body)
        + b"--att--\n"
    )


SCRIPT_SUBJECT = '<script>alert("subject")</script>'
#: HTML that must never reach a report unescaped.
EVIL_HTML = (
    '<html><head><script>alert("head")</script></head><body>'
    '<p onclick="alert(1)">Thank you for your order.</p>'
    '<a href="javascript:alert(document.cookie)">track your parcel</a>'
    '<a href="JaVaScRiPt&#58;alert(2)">again</a>'
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==">open</a>'
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNCk+" width="1" height="1">'
    '<img src=x onerror="alert(5)"><svg onload="alert(6)"></svg>'
    '<iframe src="javascript:alert(7)"></iframe><script>alert("body")</script>'
    '<a href="vbscript:msgbox(8)">vb</a><form action="javascript:alert(9)"></form>'
    "</body></html>"
)


@dataclass(frozen=True)
class Hostile:
    """One hostile message and what the audit must make of it."""

    name: str
    data: bytes
    #: "audited" (counted; defects allowed), "defects" (counted and listed in
    #: errors), "rejected" (not counted, listed in errors)
    expect: str
    note: str = ""


def catalogue() -> list[Hostile]:
    """The named hostile messages (small: all of them together are < 10 MB)."""
    html_bomb_div = b"<html><body>" + b"<div>x" * 100_000 + b"</body></html>"
    html_bomb_b = b"<b>" * 200_000 + b"text" + b"<table><tr><td>" * 20_000
    items = [
        Hostile(
            "truncated-mime",
            head(number=1)
            + b'Content-Type: multipart/mixed; boundary="cut"\n\n--cut\n'
            + b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVsbG8gd29y",
            "defects",
            "ends inside a base64 part, no closing boundary",
        ),
        Hostile(
            "missing-boundary-param",
            head(number=2)
            + b"Content-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nhi\n--x--\n",
            "defects",
            "multipart without a boundary parameter",
        ),
        Hostile(
            "boundary-never-appears",
            head(number=3)
            + b'Content-Type: multipart/alternative; boundary="nowhere"\n\njust text\n',
            "defects",
        ),
        Hostile(
            "duplicate-boundary",
            head(number=4)
            + b'Content-Type: multipart/mixed; boundary="same"\n\n--same\n'
            + b'Content-Type: multipart/alternative; boundary="same"\n\n--same\n'
            + _text("inner text")
            + b"\n--same--\n--same\n"
            + _text("outer text")
            + b"\n--same--\n--same--\n",
            "audited",
            "a child multipart reuses its parent's boundary",
        ),
        Hostile(
            "empty-boundary",
            head(number=5)
            + b'Content-Type: multipart/mixed; boundary=""\n\n--\n'
            + _text("x")
            + b"\n----\n",
            "audited",
        ),
        Hostile(
            "nesting-200",
            head(number=6) + _nested_multipart(200),
            "defects",
            "200 levels of multipart/mixed",
        ),
        Hostile("rfc822-nesting-200", head(number=7) + _nested_rfc822(200), "defects"),
        Hostile(
            "nesting-2000",
            head(number=8) + _nested_multipart(2000),
            "rejected",
            "deeper than the stdlib parser can recurse",
        ),
        Hostile(
            "ten-thousand-parts",
            head(number=9)
            + b'Content-Type: multipart/mixed; boundary="p"\n\n'
            + b"--p\nContent-Type: text/plain\n\nx\n" * 10_000
            + b"--p--\n",
            "defects",
        ),
        Hostile("unknown-charset", head(number=10) + _text("Hallo", "x-klingon"), "defects"),
        Hostile(
            "undefined-charset",
            head(number=11) + _text("Hallo", "undefined"),
            "defects",
            "the 'undefined' codec raises UnicodeError, not UnicodeDecodeError",
        ),
        Hostile("idna-charset", head(number=12) + _text("a..b", "idna"), "defects"),
        Hostile(
            "utf7-lone-surrogate",
            head(subject="=?utf-7?q?+2AA-?= order " + ORDER, number=13)
            + _text("+2AA- thank you", "utf-7"),
            "defects",
            "utf-7 decodes to a lone surrogate",
        ),
        Hostile(
            "unicode-escape-charset",
            head(number=14)
            + b"Content-Type: text/plain; charset=unicode_escape\n\n\\ud800 \\x41\n",
            "defects",
        ),
        Hostile(
            "invalid-utf8",
            head(number=15)
            + b"Content-Type: text/plain; charset=utf-8\n\n\xff\xfe\xed\xa0\x80 text\n",
            "defects",
        ),
        Hostile(
            "charset-8bit-name",
            head(number=16) + b'Content-Type: text/plain; charset="\xff\xfe"\n\nhello\n',
            "audited",
        ),
        Hostile("nul-bytes", head(number=17) + _text("ab\x00cd\x00") + b"\x00\x00", "defects"),
        Hostile(
            "nul-in-headers",
            head(number=18).replace(b"Subject: ", b"Subject: a\x00b ") + _text("x"),
            "defects",
        ),
        Hostile(
            "nul-after-64k",
            head(number=19)
            + b"Content-Type: text/html\n\n<p>"
            + b"y" * 70_000
            + b"</p><p>a\x00b</p>",
            "audited",
            "NUL past the first 64 kB reaches the HTML parser",
        ),
        Hostile(
            "8bit-headers",
            head(
                subject="Gr\udcf6\udcdfe passt \udcff\udcfe",
                sender="M\udcfcller \udce9 <m@shop.example>",
                number=20,
            )
            + _text("8-bit headers"),
            "audited",
        ),
        Hostile(
            "bad-encoded-words",
            head(
                subject="=?utf-8?b?!!!notbase64?= =?x-unknown?q?=FF?= =?undefined?b?aGk=?= "
                "=?idna?q?a..b?= =?utf-8?q?unterminated",
                number=21,
            )
            + _text("x"),
            "audited",
        ),
        Hostile(
            "header-line-200kB", head(subject="A" * 200_000, number=22) + _text("long"), "audited"
        ),
        Hostile(
            "encoded-words-100kB",
            head(subject="=?utf-8?b?w6TDtsO8?= " * 6_000, number=23) + _text("x"),
            "audited",
        ),
        Hostile(
            "from-line-100kB",
            head(sender="a@b.example, " * 9_000, number=24) + _text("x"),
            "audited",
        ),
        Hostile(
            "references-200kB",
            head(number=25, extra="References: " + "<a@b> " * 40_000 + "\n") + _text("x"),
            "audited",
        ),
        Hostile(
            "ten-thousand-headers",
            head(number=26, extra="X-Junk: v\n" * 10_000) + _text("x"),
            "defects",
        ),
        Hostile("no-headers", b"\n\njust a body, no headers\n", "rejected"),
        Hostile("empty", b"", "rejected"),
        Hostile("whitespace", b" \n\t\r\n ", "rejected"),
        Hostile(
            "binary-garbage",
            bytes(random.Random(7).randrange(256) for _ in range(5000)),
            "rejected",
        ),
        Hostile(
            "date-overflow",
            head(date="Fri, 31 Dec 9999 23:00:00 -0200", number=27) + _text("x"),
            "defects",
            "astimezone(UTC) overflows",
        ),
        Hostile(
            "date-garbage",
            head(date="Mon, 99 Foo 99999 99:99:99 +9999", number=28) + _text("x"),
            "defects",
        ),
        Hostile("no-date", head(date=None, number=29) + _text("x"), "defects"),
        Hostile(
            "html-bomb-div",
            head(number=30) + b"Content-Type: text/html\n\n" + html_bomb_div,
            "audited",
            "100,000 nested <div>",
        ),
        Hostile(
            "html-bomb-tags",
            head(number=31) + b"Content-Type: text/html\n\n" + html_bomb_b,
            "audited",
        ),
        Hostile(
            "script-and-urls",
            head(
                subject=SCRIPT_SUBJECT + " " + ORDER,
                number=32,
                sender='"<img src=x onerror=alert(1)>" <sales@acme-home.example>',
            )
            + b"Content-Type: text/html; charset=utf-8\n\n"
            + EVIL_HTML.encode(),
            "audited",
        ),
        Hostile(
            "attachment-dotdot", head(number=33) + _attachment('filename="../../x"'), "audited"
        ),
        Hostile("attachment-con", head(number=34) + _attachment('filename="CON"'), "audited"),
        Hostile(
            "attachment-names",
            head(number=35)
            + b'Content-Type: multipart/mixed; boundary="many"\n\n'
            + b"".join(
                b"--many\nContent-Type: application/octet-stream\n"
                b"Content-Disposition: attachment; " + params + b"\n\nxx\n"
                for params in (
                    b'filename="..\\\\..\\\\windows\\\\system32\\\\x.dll"',
                    b'filename="/etc/passwd"',
                    b'filename="NUL.txt"',
                    b'filename="a\x01b\x7f.pdf"',
                    b'filename="' + b"n" * 5000 + b'"',
                    b'filename="\xe2\x80\xaegpj.exe"',
                    b"filename*=utf-8''..%2F..%2Fx%00y",
                    b"filename*=undefined''%FF%FE",
                    b"filename*=idna''a..b",
                    b'filename="=?utf-8?b?Li4vLi4veA==?="',
                )
            )
            + b"--many--\n",
            "defects",
        ),
        Hostile(
            "uuencode-garbage",
            head(number=36)
            + b"Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\n"
            + b"begin 644 x\n!!!!garbage\nend\n",
            "audited",
        ),
        Hostile(
            "base64-garbage",
            head(number=37)
            + b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
            + b"@@@@ not base64 at all ====\n",
            "defects",
        ),
        Hostile(
            "qp-garbage",
            head(number=38)
            + b"Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
            + b"=ZZ=\n=4\n=\n",
            "audited",
        ),
        Hostile(
            "crlf-and-cr-only",
            head(number=39).replace(b"\n", b"\r") + _text("cr only").replace(b"\n", b"\r"),
            "audited",
        ),
        Hostile(
            "single-line-1.5MB",
            head(number=40) + b"Content-Type: text/plain\n\n" + b"x" * 1_500_000,
            "defects",
            "one 1.5 MB word: text cut to 1,000,000 chars",
        ),
        Hostile(
            "forwarded-spoof",
            head(subject="Fwd: Your Amazon selling account", number=41)
            + _text(
                "---------- Forwarded message ---------\nFrom: Amazon "
                "<seller-notification@amazon.com>\nSubject: restricted\n\nYou are "
                "restricted from proactively messaging buyers for 30 days."
            ),
            "audited",
        ),
    ]
    return items


def good_message() -> bytes:
    """A sent buyer message that breaks BSM101 ([Important] subject) and BSM201."""
    return head(subject=f"[Important] Your order {ORDER}", number=999) + _text(
        f"Hello,\n\nThank you for your order {ORDER}. Use code SAVE20 for 20% off your "
        "next order in our shop!\n\nAcme Home Goods\n"
    )


GOOD_ID = "<hostile-999@acme-home.example>"


def write_corpus(directory: Path) -> dict[str, Hostile]:
    """Write the catalogue (``NN-name.eml``) and the good message
    (``zz-good.eml``) into ``directory``; returns file name → entry."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for number, item in enumerate(catalogue(), 1):
        name = f"{number:02d}-{item.name}.eml"
        (directory / name).write_bytes(item.data)
        written[name] = item
    (directory / "zz-good.eml").write_bytes(good_message())
    return written


def write_big_attachment(path: Path, megabytes: int = 50) -> Path:
    """A sent message with a ``megabytes`` MB (decoded) base64 attachment,
    streamed to ``path`` (never held in memory whole)."""
    rng = random.Random(50)
    block = base64.encodebytes(rng.randbytes(57 * 1024))
    with path.open("wb") as out:
        out.write(
            head(subject=f"Invoice for order {ORDER}", number=50)
            + b'Content-Type: multipart/mixed; boundary="big"\n\n--big\n'
            + _text("Your invoice is attached.")
            + b"\n--big\n"
            b'Content-Type: application/pdf; name="invoice.pdf"\n'
            b'Content-Disposition: attachment; filename="invoice.pdf"\n'
            b"Content-Transfer-Encoding: base64\n\n"
        )
        for _ in range(megabytes * 1024 // 57 + 1):
            out.write(block)
        out.write(b"--big--\n")
    return path


# -- structural generator ---------------------------------------------------------------------
PHRASES = [
    f"Thank you for your order {ORDER}.",
    "We would appreciate your honest review of the product on Amazon.",
    "Leave a 5-star review and get a $10 gift card!",
    "Use code SAVE20 for 20% off your next purchase.",
    "Visit https://shop.example/faq or www.acme-home.example/help, call +1 555 0100.",
    "Write to help@acme-home.example or see shop.example/returns.",
    "Please change your review after we refund you.",
    "You are restricted from proactively messaging buyers for 30 days.",
    "Your Amazon seller account has been deactivated.",
    "Your message was not delivered because it did not meet our guidelines.",
    "The buyer opted out from receiving this message. Order ID: " + ORDER,
    "Complaint ID: 1234567890. ASIN: B0ABCDEFGH.",
    "Ihre Bestellung wurde versandt. Bitte bewerten Sie uns mit 5 Sternen.",
    "Votre commande a été expédiée. Laissez un avis, s'il vous plaît.",
    "Su pedido ha sido enviado. Déjenos una reseña.",
    "Il tuo ordine è stato spedito. Lascia una recensione.",
    "ご注文ありがとうございます。レビューをお願いします。詳細はhttps://shop.example/faqをご覧ください",
    "😀🎁🔥 zero\u200bwidth \u202eevil\u202c \ufeffBOM e\u0301\u0301\u0301",
    "=?utf-8?b?bm90IGEgaGVhZGVy?= <script>alert(1)</script> javascript:alert(2)",
    "> quoted line\n> On Mon, 2 Nov 2026, buyer wrote:",
    "---------- Forwarded message ---------\nFrom: Amazon <seller-notification@amazon.com>",
    "\t \r \x0b \x0c \x1b[2J \x7f",
]
SHOP_PHRASES = [
    p
    for p in PHRASES
    if not re.search("amazon|restrict|deactivat|deliver|opted|complaint|forward", p, re.I)
]
CHARSETS = [
    "utf-8",
    "us-ascii",
    "iso-8859-1",
    "windows-1252",
    "iso-8859-15",
    "koi8-r",
    "shift_jis",
    "iso-2022-jp",
    "euc-jp",
    "gb2312",
    "big5",
    "utf-16",
    "utf-16-le",
    "utf-7",
    "x-klingon",
    "undefined",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "rot13",
    "base64",
    "zlib",
    "",
    '"utf-8"',
    "UTF-8\udcff",
    "unknown-8bit",
    "ks_c_5601-1987",
    "utf-32",
    "cp65001",
    "hz",
    "mac-roman",
]
#: Charsets a text part must never be read in silently: unknown, or not a mail charset.
FAULTY_CHARSETS = frozenset(
    {
        "x-klingon",
        "undefined",
        "idna",
        "punycode",
        "unicode_escape",
        "raw_unicode_escape",
        "rot13",
        "base64",
        "zlib",
    }
)
CTES = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "bogus", ""]
LEAF_TYPES = [
    "text/plain",
    "text/plain",
    "text/html",
    "text/html",
    "application/pdf",
    "image/png",
    "image/gif",
    "application/octet-stream",
    "text/calendar",
    "message/rfc822",
    "message/delivery-status",
    "text/x-bogus",
    "bogus",
]
MULTIPART = ["mixed", "alternative", "related", "report", "digest", "signed", "bogus"]
TAGS = [
    "p",
    "div",
    "span",
    "a",
    "img",
    "b",
    "i",
    "table",
    "tr",
    "td",
    "blockquote",
    "br",
    "font",
    "center",
    "style",
    "script",
    "head",
    "title",
    "ul",
    "li",
    "h1",
    "pre",
    "svg",
    "iframe",
    "form",
    "!--",
    "noscript",
    "template",
    "hr",
    "u",
]
URLS = [
    "https://shop.example/faq",
    "javascript:alert(1)",
    "data:text/html,<script>x</script>",
    "http://amaz0n-verify.example/login",
    "https://sellercentral.amazon.com/",
    "cid:logo",
    "mailto:help@acme-home.example",
    "//evil.example",
    "",
    "https://\udcff.example",
    "https://www.amazon.com/review/create-review?asin=B0ABCDEFGH",
    "vbscript:x",
    "#",
]


@dataclass
class Generated:
    """A generated message and the faults that must show as defects."""

    data: bytes
    faults: set[str] = field(default_factory=set)


class MailFactory:
    """Seeded structural mail generator (see the module docstring)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0
        self.pool = PHRASES

    # small pieces
    def phrase(self) -> str:
        return self.rng.choice(self.pool)

    def text(self, words: int | None = None) -> str:
        rng = self.rng
        parts = [self.phrase() for _ in range(words or rng.randint(1, 3))]
        if rng.random() < 0.01:
            parts.append(
                rng.choice(["x", "a.", "ab@", "1-", "www.", "😀"]) * rng.randint(100, 1000)
            )
        return rng.choice(["\n", " ", "\n\n", "\r\n"]).join(parts)

    def word(self, size: int = 8) -> str:
        return "".join(
            self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-_.=+") for _ in range(size)
        )

    def header_value(self) -> str:
        rng = self.rng
        choice = rng.random()
        if choice < 0.4:
            return self.phrase()[:120].replace("\r", " ").replace("\n", " ")
        if choice < 0.55:  # encoded words, valid or not
            charset = rng.choice([*CHARSETS[:16], "x-bogus", "undefined", "utf-7", "ut\udcff-8"])
            payload = base64.b64encode(self.phrase().encode()).decode()
            if rng.random() < 0.3:
                payload = payload[: rng.randint(0, len(payload))] + "!*"
            return f"=?{charset}?{rng.choice('bBqQx')}?{payload}?= {self.word(5)}"
        if choice < 0.7:  # raw 8-bit bytes (kept as surrogates by surrogateescape)
            return "".join(
                chr(0xDC00 + rng.randrange(128, 256))
                if rng.random() < 0.3
                else rng.choice("abc äöü ")
                for _ in range(rng.randint(1, 60))
            )
        if choice < 0.705:
            return "Z" * rng.randint(1000, 110_000)
        if choice < 0.85:  # folded, with odd whitespace and controls
            return f"{self.word()}\n\t{self.word()}\r\n {self.word()}\x00\x1b"
        return self.word(rng.randint(0, 40))

    def address(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice([SELLER, RELAY, f"{self.word()}@marketplace.amazon.de"])
        amazon = self.pool is PHRASES
        return rng.choice(
            [
                SELLER,
                "Amazon <seller-notification@amazon.com>" if amazon else SELLER,
                "Amazon Seller Support <support@amaz0n-verify.example>" if amazon else RELAY,
                "seller-performance@amazon.de" if amazon else "<>",
                f'"{self.header_value()[:60]}" <{self.word()}@shop.example>',
                "undisclosed-recipients:;",
                "<>",
                "@@@",
                "a@b@c",
                self.header_value()[:200],
                "=?utf-8?b?QW1hem9u?= <x@amazon.com.evil.example>",
            ]
        )

    def date(self) -> str | None:
        rng = self.rng
        return rng.choice(
            [
                DATE,
                "Mon, 09 Nov 2026 08:12:00 +0100",
                "9 Nov 2026 08:12 GMT",
                "Fri, 31 Dec 9999 23:00:00 -0200",
                "Mon, 01 Jan 0001 00:00:00 +0100",
                "Mon, 99 Foo 99999 99:99:99 +9999",
                "yesterday",
                "",
                None,
                "Tue, 03 Nov 2026 14:20:00 +2500",
            ]
        )

    # MIME
    def boundary(self) -> str:
        rng = self.rng
        return rng.choice(
            [
                f"b{self.word(12)}",
                "=_" + self.word(30),
                "x" * 70,
                "x" * 200,
                "a b",
                "(\\)'+_,-./:=?",
                "",
                f"b{rng.randrange(10)}",
            ]
        )

    def encode(self, body: bytes, cte: str, faults: set[str]) -> bytes:
        rng = self.rng
        if cte == "base64":
            data = base64.encodebytes(body)
            if rng.random() < 0.15:
                data = data[: rng.randint(0, len(data))] + b"!@#"
            return data
        if cte == "quoted-printable":
            data = quopri.encodestring(body)
            return data + (b"=Z=" if rng.random() < 0.1 else b"")
        if cte == "x-uuencode":
            return b"begin 644 x\n" + codecs.encode(body[:45], "uu")[:-1] + b"\nend\n"
        return body

    def html(self, depth: int = 0) -> str:
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 2)):
            roll = rng.random()
            if roll < 0.4 or depth > 2:
                out.append(self.text(rng.randint(1, 2)))
                continue
            tag = rng.choice(TAGS)
            if tag == "!--":
                out.append(f"<!-- {self.phrase()} ")  # sometimes unclosed
                if rng.random() < 0.5:
                    out.append("-->")
                continue
            attrs = []
            if tag in ("a", "iframe", "form"):
                attrs.append(f'href="{rng.choice(URLS)}"')
            if tag == "img":
                attrs.append(f'src="{rng.choice(URLS)}"')
                if rng.random() < 0.5:
                    attrs.append(f'width="{rng.choice(["1", "0", "1px", "100%", "x"])}"')
            if rng.random() < 0.3:
                attrs.append(
                    rng.choice(
                        [
                            'style="display:none"',
                            'style="color:red;font-size:40px"',
                            'onerror="alert(1)"',
                            'align="center"',
                            "hidden",
                            'style="{{{"',
                        ]
                    )
                )
            open_tag = f"<{tag} {' '.join(attrs)}>".replace(" >", ">")
            close = f"</{tag}>" if rng.random() < 0.8 else ""
            out.append(open_tag + self.html(depth + 1) + close)
        return "".join(out)

    def leaf(self, depth: int, faults: set[str], root: bool) -> tuple[list[str], bytes]:
        rng = self.rng
        ctype = rng.choice(LEAF_TYPES)
        charset = rng.choice(CHARSETS) if rng.random() < 0.5 else "utf-8"
        cte = rng.choice(CTES)
        headers = [f"Content-Type: {ctype}; charset={charset}"]
        if ctype == "message/rfc822" and depth < 2:
            inner = self.message(depth + 1).data
            return [f"Content-Type: {ctype}"], inner
        if ctype == "text/html":
            content = self.html()
        elif ctype.startswith("text/"):
            content = self.text()
        else:
            content = None
        named = rng.random() < 0.3
        if content is not None:
            try:
                body = content.encode(charset.strip('"'), "replace")
            except (LookupError, UnicodeError, TypeError, ValueError):
                body = content.encode("utf-8", "surrogateescape")
            if (
                root
                and not named
                and ctype in ("text/plain", "text/html")
                and (charset in FAULTY_CHARSETS)
            ):
                faults.add("unknown charset")
        else:
            body = self.rng.randbytes(rng.randint(0, 1000))
        if named:
            name = rng.choice(
                [
                    "../../x",
                    "CON",
                    "a\x00b.pdf",
                    "=?utf-8?b?Li4vLi4veA==?=",
                    "\u202egpj.exe",
                    "n" * 500,
                    "invoice.pdf",
                    "logo.png",
                ]
            )
            headers.append(
                f"Content-Disposition: {rng.choice(['attachment', 'inline', 'x'])};"
                f' filename="{name}"'
            )
        if cte:
            headers.append(f"Content-Transfer-Encoding: {cte}")
        return headers, self.encode(body, cte, faults)

    def part(self, depth: int, faults: set[str], root: bool = False) -> tuple[list[str], bytes]:
        rng = self.rng
        if depth > 2 or rng.random() < 0.5:
            return self.leaf(depth, faults, root)
        boundary = self.boundary()
        subtype = rng.choice(MULTIPART)
        style = rng.random()
        param = "" if style < 0.05 else f'; boundary="{boundary}"'
        headers = [f"Content-Type: multipart/{subtype}{param}"]
        chunks = [b"preamble\n"] if rng.random() < 0.3 else []
        for _ in range(rng.randint(0, 3)):
            sub_headers, sub_body = self.part(depth + 1, faults)
            chunks.append(
                f"--{boundary}\n".encode()
                + "\n".join(sub_headers).encode("utf-8", "surrogateescape")
                + b"\n\n"
                + sub_body
                + b"\n"
            )
        if style < 0.15 and root and param:
            faults.add("no closing boundary")  # truncated: the close never comes
        else:
            chunks.append(f"--{boundary}--\n".encode())
            if rng.random() < 0.2:
                chunks.append(b"epilogue\n")
        return headers, b"".join(chunks)

    def message(self, depth: int = 0) -> Generated:
        rng = self.rng
        if depth == 0:  # a third of the mail talks like Amazon (the costly notice path)
            self.pool = PHRASES if rng.random() < 0.35 else SHOP_PHRASES
        faults: set[str] = set()
        lines = []
        if rng.random() < 0.9:
            lines.append(f"From: {self.address()}")
        lines.append(f"To: {self.address()}")
        if rng.random() < 0.3:
            lines.append(f"Cc: {self.address()}")
        lines.append(f"Subject: {self.header_value()}")
        date = self.date()
        if date is None:
            faults.add("no Date header")
        else:
            lines.append(f"Date: {date}")
        if rng.random() < 0.8:
            lines.append(f"Message-ID: <gen-{self.count}-{self.word()}@x.example>")
        for _ in range(rng.randint(0, 4)):
            lines.append(
                rng.choice(
                    [
                        f"Authentication-Results: mx.example; dmarc={rng.choice(['pass', 'fail'])} "
                        f"header.from=amazon.com; dkim={rng.choice(['pass', 'fail', 'none'])}",
                        f"Received: from {self.word()} by mx.example; {DATE}",
                        f"X-{self.word(4)}: {self.header_value()[:300]}",
                        f"In-Reply-To: <{self.word()}@x>",
                        f"References: <{self.word()}@x> <a@b>",
                        f"Reply-To: {self.address()}",
                        "X-Campaign: request-a-review",
                    ]
                )
            )
        part_headers, body = self.part(depth, faults, root=True)
        lines += part_headers
        if rng.random() < 0.3:
            lines.append("MIME-Version: 1.0")
        text = "\n".join(lines)
        if rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8", "surrogateescape") + b"\n\n" + body
        if rng.random() < 0.03:
            data = data.replace(b"\n", b"\n\x00", 1)  # within the first 64 kB
            faults.add("NUL bytes")
        self.count += 1
        return Generated(data, faults)

    def __iter__(self) -> Iterator[Generated]:
        while True:
            yield self.message()


# -- byte-level mutation --------------------------------------------------------------------
_BOUNDARY_LINE = re.compile(rb"^--[^\r\n]+$", re.M)
_HEADER_LINE = re.compile(rb"^[A-Za-z-]+:[^\r\n]*$", re.M)


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` with 1–4 random byte-level mutations applied."""
    buf = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        if not buf:
            buf = bytearray(b"x")
        op = rng.randrange(9)
        at = rng.randrange(len(buf))
        if op == 0:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert hostile bytes
            buf[at:at] = rng.choice(
                [
                    b"\x00",
                    b"\xff\xfe",
                    b"\r",
                    b"\n\n",
                    b"=?",
                    b"?=",
                    b"--",
                    b"<",
                    b"\x1b[2J",
                    b"\xed\xa0\x80",
                    b"=\n",
                    rng.randbytes(rng.randint(1, 64)),
                ]
            )
        elif op == 2:  # delete a range
            del buf[at : at + rng.randint(1, 200)]
        elif op == 3:  # truncate
            del buf[at:]
        elif op == 4:  # duplicate a boundary line somewhere
            lines = _BOUNDARY_LINE.findall(bytes(buf))
            if lines:
                buf[at:at] = b"\n" + rng.choice(lines) + b"\n"
        elif op == 5:  # duplicate or damage a header
            found = _HEADER_LINE.findall(bytes(buf[:4096]))
            if found:
                line = rng.choice(found)
                buf[0:0] = (
                    line if rng.random() < 0.5 else line[: rng.randint(0, len(line))]
                ) + b"\n"
        elif op == 6:  # line-ending games
            buf = bytearray(bytes(buf).replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r"])))
        elif op == 7:  # repeat a slice (long lines, deep repetition)
            piece = bytes(buf[at : at + rng.randint(1, 64)])
            buf[at:at] = piece * rng.randint(2, 200)
        else:  # change a charset or encoding name
            text = bytes(buf)
            text = re.sub(
                rb"charset=\"?[\w-]+\"?",
                b"charset="
                + rng.choice([c.encode("utf-8", "surrogateescape") for c in CHARSETS if c]),
                text,
                count=1,
            )
            text = re.sub(
                rb"Content-Transfer-Encoding: *\w+",
                b"Content-Transfer-Encoding: " + rng.choice([c.encode() for c in CTES]),
                text,
                count=1,
            )
            buf = bytearray(text)
    return bytes(buf)


def splice(a: bytes, b: bytes, rng: random.Random) -> bytes:
    """The head of one message glued to the tail of another."""
    return a[: rng.randint(0, len(a))] + b[rng.randint(0, len(b)) :]
