"""A realistic synthetic seller mailbox, seeded so every run is the same.

    python bench/generate.py --messages 100000 --out bench/out/100k.mbox
    python bench/generate.py --messages 10000 --format maildir --out bench/out/10k

24 campaign templates in six languages (English, German, French, Spanish,
Italian, Japanese), each sent with its own order IDs, buyer names, ASINs and
dates; about a fifth of the templates break a rule (an [Important] subject, a
coupon, an incentive, a link, a tracking pixel, a catalogue attachment); a
third carry an HTML part beside the plain one; some carry a PDF invoice.
About 2 % of the mail is Amazon notices (restrictions, blocked messages,
IP complaints) and buyer replies, some of them complaints.

The messages are assembled as bytes, not through ``EmailMessage`` (which
spends ~2 ms a message parsing the headers it is given and folding them
again): each part is encoded the way a mail client would (7bit when it is
plain short-lined ASCII, else quoted-printable, or base64 where that is
shorter, as for Japanese), headers with non-ASCII text as RFC 2047 encoded
words, attachments in base64; every message has its own MIME boundaries and
Message-ID. 100,000 messages take a few seconds. The content for a seed is
what the ``EmailMessage`` version of this generator produced; the bytes are
not (it used 8bit for short non-ASCII lines and random boundaries).

Also a library: :func:`generate` yields :class:`Mail` (kind and bytes),
:func:`ensure_mbox` returns a cached mbox under ``bench/out/``.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import os
import random
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import NamedTuple

#: Bump when the bytes a seed produces change: cached mailboxes carry it in their name.
VERSION = 2
#: Where generated mailboxes are cached ($AUDITOR_BENCH_OUT, else bench/out/).
OUT = Path(os.environ.get("AUDITOR_BENCH_OUT") or Path(__file__).resolve().parent / "out")

NAMES = {
    "en": ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas"],
    "de": ["Lukas", "Mia", "Leon", "Hannah", "Felix", "Lea", "Jonas", "Emilia"],
    "fr": ["Chloé", "Louis", "Léa", "Gabriel", "Manon", "Hugo", "Camille", "Jules"],
    "es": ["Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Pablo", "Valeria", "Daniel"],
    "it": ["Giulia", "Leonardo", "Sofia", "Francesco", "Aurora", "Lorenzo", "Ginevra", "Marco"],
    "ja": ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"],
}
MARKET = {
    "en": "amazon.com",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "es": "amazon.es",
    "it": "amazon.it",
    "ja": "amazon.co.jp",
}
PRODUCTS = {
    "en": "bamboo cutting board",
    "de": "Bambus-Schneidebrett",
    "fr": "planche à découper",
    "es": "tabla de cortar",
    "it": "tagliere in bambù",
    "ja": "竹のまな板",
}

# (lang, subject, body, violation) — {name} {order} {product} {asin} are filled per message.
TEMPLATES = [
    (
        "en",
        "How was your order {order}?",
        "Hello {name},\n\nThank you for your order {order} of the {product}.\n\nIf you have a moment, we would appreciate your honest review on Amazon. It helps other customers.\n\nIf anything is wrong with your order, simply reply to this message.\n\nBirch & Co",
        None,
    ),
    (
        "en",
        "Your order {order} has arrived",
        "Hi {name},\n\nWe hope the {product} (order {order}) arrived safely. Could you share your honest feedback about the product on Amazon?\n\nThanks,\nBirch & Co",
        None,
    ),
    (
        "en",
        "Delivery appointment for order {order}",
        "Hello {name},\n\nYour {product} ships as freight. Please reply with a delivery date that suits you for order {order}.\n\nBirch & Co logistics",
        None,
    ),
    (
        "en",
        "[Important] Your review of order {order}",
        "Hello {name},\n\nThank you for order {order}. We would appreciate your honest review.\n\nBirch & Co",
        "BSM101",
    ),
    (
        "en",
        "A gift for you - order {order}",
        "Hello {name},\n\nThanks for order {order}! Use code THANKS15 for 15% off your next purchase in our store.\n\nBirch & Co",
        "BSM201",
    ),
    (
        "de",
        "Ihre Bestellung {order}",
        "Hallo {name},\n\nvielen Dank für Ihre Bestellung {order} ({product}).\n\nWenn Sie einen Moment Zeit haben, freuen wir uns über Ihre ehrliche Bewertung auf Amazon.\n\nBirch & Co",
        None,
    ),
    (
        "de",
        "Wie gefällt Ihnen Ihr {product}?",
        "Guten Tag {name},\n\nIhre Bestellung {order} wurde zugestellt. Über eine ehrliche Rezension des Produkts würden wir uns sehr freuen.\n\nMit freundlichen Grüßen\nBirch & Co",
        None,
    ),
    (
        "de",
        "Bestellung {order}: Dankeschön",
        "Hallo {name},\n\nfür eine 5-Sterne-Bewertung erstatten wir Ihnen 10 € als Dankeschön. Bestellung {order}.\n\nBirch & Co",
        "BSM301",
    ),
    (
        "de",
        "Lieferung Ihrer Bestellung {order}",
        "Hallo {name},\n\nbitte vereinbaren Sie einen Liefertermin für Ihre Bestellung {order}. Antworten Sie einfach auf diese Nachricht.\n\nBirch & Co",
        None,
    ),
    (
        "fr",
        "Votre commande {order}",
        "Bonjour {name},\n\nMerci pour votre commande {order} ({product}).\n\nSi vous avez un moment, votre avis sincère sur Amazon aiderait d'autres clients.\n\nBirch & Co",
        None,
    ),
    (
        "fr",
        "Votre avis sur la commande {order}",
        "Bonjour {name},\n\nNous espérons que votre {product} vous plaît. Pourriez-vous laisser un avis honnête sur Amazon ? Commande {order}.\n\nCordialement,\nBirch & Co",
        None,
    ),
    (
        "fr",
        "Un cadeau pour vous - commande {order}",
        "Bonjour {name},\n\nMerci pour votre commande {order}. Utilisez le code MERCI15 pour 15 % de réduction sur votre prochain achat.\n\nBirch & Co",
        "BSM201",
    ),
    (
        "fr",
        "Livraison de la commande {order}",
        "Bonjour {name},\n\nMerci de nous indiquer un créneau de livraison pour la commande {order}.\n\nBirch & Co",
        None,
    ),
    (
        "es",
        "Su pedido {order}",
        "Hola {name},\n\nGracias por su pedido {order} ({product}).\n\nSi tiene un momento, nos encantaría conocer su opinión sincera en Amazon.\n\nBirch & Co",
        None,
    ),
    (
        "es",
        "¿Qué tal su {product}?",
        "Hola {name},\n\nEsperamos que el pedido {order} haya llegado bien. Su reseña honesta ayuda a otros clientes.\n\nSaludos,\nBirch & Co",
        None,
    ),
    (
        "es",
        "Pedido {order}: información",
        "Hola {name},\n\nVisite nuestra tienda https://birch-co.example/tienda para ver nuestras novedades. Pedido {order}.\n\nBirch & Co",
        "BSM401",
    ),
    (
        "it",
        "Il suo ordine {order}",
        "Gentile {name},\n\ngrazie per il suo ordine {order} ({product}).\n\nSe ha un momento, ci farebbe piacere una sua recensione sincera su Amazon.\n\nBirch & Co",
        None,
    ),
    (
        "it",
        "Com'è il suo {product}?",
        "Ciao {name},\n\nsperiamo che l'ordine {order} sia arrivato bene. Ci lasci un'opinione sincera sul prodotto.\n\nBirch & Co",
        None,
    ),
    (
        "it",
        "Ordine {order}",
        "Gentile {name},\n\nse è soddisfatto, ci lasci 5 stelle! Ordine {order}.\n\nBirch & Co",
        "BSM302",
    ),
    (
        "ja",
        "ご注文 {order} について",
        "{name}様\n\nこの度はご注文（{order}）ありがとうございます。\n\nお時間がございましたら、Amazonで商品のレビューをお願いいたします。\n\nBirch & Co",
        None,
    ),
    (
        "ja",
        "{product}はいかがですか",
        "{name}様\n\nご注文 {order} の商品は無事に届きましたでしょうか。率直なご感想をお聞かせください。\n\nBirch & Co",
        None,
    ),
    (
        "ja",
        "ご注文 {order} のお届けについて",
        "{name}様\n\n配達日時のご指定をお願いいたします。ご注文番号 {order}。\n\nBirch & Co",
        None,
    ),
    (
        "en",
        "Your order {order} - care guide",
        "Hello {name},\n\nThank you for order {order}. We attached the care guide for your {product}.\n\nBirch & Co",
        "BSM403",
    ),
    (
        "en",
        "Thank you for your order {order}!",
        "Thank you for your order {order}! Your {product} has shipped and is on its way.\n\nBirch & Co",
        "BSM502",
    ),
]
HTML_WRAP = (
    '<html><body style="font-family:Arial"><p>{html}</p>{extra}'
    '<p style="font-size:12px">Birch &amp; Co</p></body></html>'
)
PIXEL = '<img src="https://track.mailstat.example/o.gif?u={n}" width="1" height="1">'
SHOP = "Birch & Co <orders@birch-co.example>"
START = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)

NOTICES = [
    (
        "Amazon Services <seller-notification@amazon.com>",
        "Message not delivered: order {order}",
        "Your message to the buyer of order {order} could not be delivered.\n\nThis message was not "
        "delivered because your account was temporarily restricted from sending proactive "
        "messages.",
    ),
    (
        "Amazon Services <seller-notification@amazon.com>",
        "Buyer opted out of messages",
        "Your message to a buyer was not delivered.\n\nThe buyer opted out from receiving this "
        "message. Order ID: {order}",
    ),
    (
        "Amazon Seller Performance <seller-performance@amazon.com>",
        "Notice: Policy Warning",
        "Hello,\n\nWe removed some of your listings because we received a report from a rights "
        "owner that they may infringe the rights owner's copyright.\n\nASIN: {asin}\n"
        "Infringement type: Copyright Image\nComplaint ID: {complaint}\n",
    ),
]
AUTH_RESULTS = (
    b"Authentication-Results: mx.birch-co.example; dkim=pass header.d=amazon.com; spf=pass\n"
    b" smtp.mailfrom=amazon.com; dmarc=pass header.from=amazon.com\n"
)
CATALOGUE = b"%PDF-1.4 catalogue " + b"x" * 20_000
INVOICE = b"%PDF-1.4 invoice " + b"x" * 8_000
MBOX_FROM = b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n"
_HOST = socket.gethostname().replace("/", "_").replace(":", "_") or "bench"


class Mail(NamedTuple):
    """One generated message: ``kind`` is "sent" (a campaign message, for the
    Sent folder), "notice" (from Amazon) or "reply" (from a buyer); both of
    the latter belong in INBOX."""

    number: int
    kind: str
    data: bytes


def order_id(rng: random.Random) -> str:
    return f"{rng.randint(111, 408)}-{rng.randint(0, 9999999):07d}-{rng.randint(0, 9999999):07d}"


def asin(rng: random.Random) -> str:
    return "B0" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))


# -- encoding ----------------------------------------------------------------------------
_B64_BETTER: dict[str, bool] = {}


def _b64_better(key: str, data: bytes) -> bool:
    """Whether base64 is shorter than quoted-printable for this kind of part
    (the choice ``EmailMessage.set_content`` makes; decided once per key)."""
    better = _B64_BETTER.get(key)
    if better is None:
        better = len(base64.encodebytes(data)) < len(binascii.b2a_qp(data))
        _B64_BETTER[key] = better
    return better


def encode_text(text: str, key: str) -> tuple[bytes, bytes]:
    """(Content-Transfer-Encoding, body) for a text part."""
    data = text.encode("utf-8")
    if data.isascii() and max(map(len, data.split(b"\n"))) <= 78:
        return b"7bit", data if data.endswith(b"\n") else data + b"\n"
    if _b64_better(key, data):
        return b"base64", base64.encodebytes(data)
    body = binascii.b2a_qp(data)
    return b"quoted-printable", body if body.endswith(b"\n") else body + b"\n"


_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_Q = {byte: chr(byte) if byte in _Q_SAFE else f"={byte:02X}" for byte in range(256)}
_Q[0x20] = "_"


def encoded_words(value: str) -> str:
    """``value`` as RFC 2047 encoded words of at most 75 characters, Q or B
    encoded (whichever is shorter), whole characters per word, folded."""
    data = value.encode("utf-8")
    q_chars = sum(len(_Q[b]) for b in data)
    use_b = len(data) * 4 / 3 < q_chars
    words, chunk, size = [], [], 0
    for char in value:
        raw = char.encode("utf-8")
        cost = len(raw) if use_b else sum(len(_Q[b]) for b in raw)
        limit = 45 if use_b else 63  # 75 minus "=?utf-8?x?" and "?="
        if size + cost > limit and chunk:
            words.append(b"".join(chunk))
            chunk, size = [], 0
        chunk.append(raw)
        size += cost
    if chunk:
        words.append(b"".join(chunk))
    if use_b:
        return "\n ".join(f"=?utf-8?b?{base64.b64encode(w).decode()}?=" for w in words)
    return "\n ".join("=?utf-8?q?" + "".join(_Q[b] for b in w) + "?=" for w in words)


def header(name: str, value: str) -> bytes:
    """``Name: value`` with RFC 2047 encoded words when the value is not ASCII."""
    if value.isascii():
        return f"{name}: {value}\n".encode()
    return f"{name}: {encoded_words(value)}\n".encode()


def address(value: str) -> str:
    """``Name <addr>`` with an encoded display name when it is not ASCII."""
    if value.isascii():
        return value
    name, _, addr = value.rpartition(" <")
    return f"{encoded_words(name)} <{addr}"


def boundary(seed: int, number: int, level: int) -> bytes:
    digest = hashlib.blake2s(f"{seed}/{number}/{level}".encode(), digest_size=8).hexdigest()
    return f"=_bench{level}_{digest}".encode()


def text_part(content_type: bytes, text: str, key: str) -> bytes:
    cte, body = encode_text(text, key)
    return (
        b"Content-Type: " + content_type + b'; charset="utf-8"\n'
        b"Content-Transfer-Encoding: " + cte + b"\n\n" + body
    )


def attachment_part(filename: str, body: bytes) -> bytes:
    return (
        b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
        b'Content-Disposition: attachment; filename="' + filename.encode() + b'"\n\n' + body
    )


_CATALOGUE_B64 = base64.encodebytes(CATALOGUE)
_INVOICE_B64 = base64.encodebytes(INVOICE)


def multipart(subtype: bytes, mark: bytes, parts: list[bytes]) -> bytes:
    """A multipart entity: its Content-Type header, a blank line, the parts."""
    out = [b"Content-Type: multipart/" + subtype + b';\n boundary="' + mark + b'"\n\n']
    for part in parts:
        out += [b"--", mark, b"\n", part, b"\n"]
    out += [b"--", mark, b"--\n"]
    return b"".join(out)


# -- the mailbox -------------------------------------------------------------------------
def generate(count: int, seed: int = 7) -> Iterator[Mail]:
    """``count`` messages, deterministic for a given ``seed``."""
    rng = random.Random(seed)
    per_day = max(1, count // 365)
    for n in range(count):
        when = START + timedelta(days=n // per_day, seconds=(n * 97) % 86_000)
        roll = rng.random()
        order = order_id(rng)
        attachment: bytes | None = None
        html: str | None = None
        if roll < 0.012:
            kind = "notice"
            sender, subject, body = rng.choice(NOTICES)
            key = "notice"
            head = [AUTH_RESULTS, header("From", sender), header("To", SHOP)]
            subject = subject.format(order=order)
            text = body.format(
                order=order, asin=asin(rng), complaint=rng.randint(10**9, 10**10 - 1)
            )
        elif roll < 0.02:
            kind = "reply"
            lang = rng.choice(list(NAMES))
            key = f"reply-{lang}"
            sender = f"{rng.choice(NAMES[lang])} <b{n}x@marketplace.{MARKET[lang]}>"
            head = [header("From", address(sender)), header("To", SHOP)]
            subject = f"RE: order {order}"
            text = (
                "Please stop emailing me, this is spam."
                if rng.random() < 0.4
                else "Thanks, the item arrived fine."
            )
            text = f"{text} Order {order}.\n"
        else:
            kind = "sent"
            index = rng.randrange(len(TEMPLATES))
            key = f"template-{index}"
            lang, subject, body, violation = TEMPLATES[index]
            name = rng.choice(NAMES[lang])
            fill = {"name": name, "order": order, "product": PRODUCTS[lang], "asin": asin(rng)}
            to = "".join(rng.choice("abcdefghjkmnpqrstvwxyz0123456789") for _ in range(15))
            head = [header("From", SHOP), header("To", f"{to}@marketplace.{MARKET[lang]}")]
            subject = subject.format(**fill)
            text = body.format(**fill) + "\n"
            if index % 3 == 0:
                marked = text.rstrip("\n").replace("&", "&amp;").replace("<", "&lt;")
                html = HTML_WRAP.format(
                    html=marked.replace("\n\n", "</p><p>"),
                    extra=PIXEL.format(n=n) if index % 9 == 0 else "",
                )
            if violation == "BSM403":
                attachment = attachment_part("Birch-Catalogue.pdf", _CATALOGUE_B64)
            elif index % 7 == 0 and rng.random() < 0.3:
                attachment = attachment_part(f"Invoice-{order}.pdf", _INVOICE_B64)
        head.append(header("Subject", subject))
        head.append(b"MIME-Version: 1.0\n")
        content = text_part(b"text/plain", text, key)
        if html is not None:
            content = multipart(
                b"alternative",
                boundary(seed, n, 2),
                [content, text_part(b"text/html", html + "\n", key + "-html")],
            )
        if attachment is not None:
            content = multipart(b"mixed", boundary(seed, n, 1), [content, attachment])
        # The content's own headers (Content-Type…) end the message header.
        head.append(
            f"Date: {format_datetime(when)}\n"
            f"Message-ID: <bench-{seed}-{n}@birch-co.example>\n".encode()
        )
        yield Mail(n, kind, b"".join(head) + content)


def write_mbox(path: Path, count: int, seed: int = 7) -> None:
    """An mbox (mboxrd escaping), written to a temporary name then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb", buffering=1 << 20) as out:
            for mail in generate(count, seed):
                data = mail.data
                if b"From " in data:
                    data = data.replace(b"\nFrom ", b"\n>From ")
                out.write(MBOX_FROM + data + b"\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def maildir_name(number: int, seed: int, size: int, flags: str = "") -> str:
    """A unique Maildir file name (``time.M<n>P<pid>.host,S=size:2,flags``)."""
    return f"{int(time.time())}.M{number}S{seed}P{os.getpid()}.{_HOST},S={size}:2,{flags}"


def write_maildir(path: Path, count: int, seed: int = 7, folders: bool = False) -> dict[str, int]:
    """A Maildir; with ``folders`` Maildir++: campaign mail in ``.Sent``,
    notices and replies in the INBOX (what an IMAP server serves). Messages go
    to ``cur/`` with the \\Seen flag on every third. Returns counts per folder."""
    targets = {"INBOX": path, "Sent": path / ".Sent" if folders else path}
    for directory in set(targets.values()):
        for sub in ("cur", "new", "tmp"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
    counts = {"INBOX": 0, "Sent": 0}
    for mail in generate(count, seed):
        folder = "Sent" if mail.kind == "sent" else "INBOX"
        counts[folder] += 1
        flags = "S" if mail.number % 3 == 0 else ""
        name = maildir_name(mail.number, seed, len(mail.data), flags)
        (targets[folder] / "cur" / name).write_bytes(mail.data)
    return counts if folders else {"INBOX": count}


def ensure_mbox(count: int, seed: int = 7, directory: Path = OUT) -> Path:
    """The mbox of ``count`` messages for ``seed``, generated once and cached
    (the name carries the generator's VERSION)."""
    path = directory / f"bench-{count}-s{seed}-v{VERSION}.mbox"
    if not path.exists():
        write_mbox(path, count, seed)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=("mbox", "maildir"), default="mbox")
    parser.add_argument(
        "--folders",
        action="store_true",
        help="Maildir++: campaign mail in .Sent, the rest in INBOX",
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    if args.format == "mbox":
        write_mbox(args.out, args.messages, args.seed)
    else:
        write_maildir(args.out, args.messages, args.seed, folders=args.folders)
    seconds = time.perf_counter() - started
    print(f"wrote {args.messages} messages to {args.out} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
