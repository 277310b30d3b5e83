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
"""

from __future__ import annotations

import argparse
import mailbox
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

NAMES = {
    "en": ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas"],
    "de": ["Lukas", "Mia", "Leon", "Hannah", "Felix", "Lea", "Jonas", "Emilia"],
    "fr": ["Chloé", "Louis", "Léa", "Gabriel", "Manon", "Hugo", "Camille", "Jules"],
    "es": ["Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Pablo", "Valeria", "Daniel"],
    "it": ["Giulia", "Leonardo", "Sofia", "Francesco", "Aurora", "Lorenzo", "Ginevra", "Marco"],
    "ja": ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"],
}
MARKET = {"en": "amazon.com", "de": "amazon.de", "fr": "amazon.fr", "es": "amazon.es",
          "it": "amazon.it", "ja": "amazon.co.jp"}
PRODUCTS = {"en": "bamboo cutting board", "de": "Bambus-Schneidebrett", "fr": "planche à découper",
            "es": "tabla de cortar", "it": "tagliere in bambù", "ja": "竹のまな板"}

# (lang, subject, body, violation) — {name} {order} {product} {asin} are filled per message.
TEMPLATES = [
    ("en", "How was your order {order}?", "Hello {name},\n\nThank you for your order {order} of the {product}.\n\nIf you have a moment, we would appreciate your honest review on Amazon. It helps other customers.\n\nIf anything is wrong with your order, simply reply to this message.\n\nBirch & Co", None),
    ("en", "Your order {order} has arrived", "Hi {name},\n\nWe hope the {product} (order {order}) arrived safely. Could you share your honest feedback about the product on Amazon?\n\nThanks,\nBirch & Co", None),
    ("en", "Delivery appointment for order {order}", "Hello {name},\n\nYour {product} ships as freight. Please reply with a delivery date that suits you for order {order}.\n\nBirch & Co logistics", None),
    ("en", "[Important] Your review of order {order}", "Hello {name},\n\nThank you for order {order}. We would appreciate your honest review.\n\nBirch & Co", "BSM101"),
    ("en", "A gift for you - order {order}", "Hello {name},\n\nThanks for order {order}! Use code THANKS15 for 15% off your next purchase in our store.\n\nBirch & Co", "BSM201"),
    ("de", "Ihre Bestellung {order}", "Hallo {name},\n\nvielen Dank für Ihre Bestellung {order} ({product}).\n\nWenn Sie einen Moment Zeit haben, freuen wir uns über Ihre ehrliche Bewertung auf Amazon.\n\nBirch & Co", None),
    ("de", "Wie gefällt Ihnen Ihr {product}?", "Guten Tag {name},\n\nIhre Bestellung {order} wurde zugestellt. Über eine ehrliche Rezension des Produkts würden wir uns sehr freuen.\n\nMit freundlichen Grüßen\nBirch & Co", None),
    ("de", "Bestellung {order}: Dankeschön", "Hallo {name},\n\nfür eine 5-Sterne-Bewertung erstatten wir Ihnen 10 € als Dankeschön. Bestellung {order}.\n\nBirch & Co", "BSM301"),
    ("de", "Lieferung Ihrer Bestellung {order}", "Hallo {name},\n\nbitte vereinbaren Sie einen Liefertermin für Ihre Bestellung {order}. Antworten Sie einfach auf diese Nachricht.\n\nBirch & Co", None),
    ("fr", "Votre commande {order}", "Bonjour {name},\n\nMerci pour votre commande {order} ({product}).\n\nSi vous avez un moment, votre avis sincère sur Amazon aiderait d'autres clients.\n\nBirch & Co", None),
    ("fr", "Votre avis sur la commande {order}", "Bonjour {name},\n\nNous espérons que votre {product} vous plaît. Pourriez-vous laisser un avis honnête sur Amazon ? Commande {order}.\n\nCordialement,\nBirch & Co", None),
    ("fr", "Un cadeau pour vous - commande {order}", "Bonjour {name},\n\nMerci pour votre commande {order}. Utilisez le code MERCI15 pour 15 % de réduction sur votre prochain achat.\n\nBirch & Co", "BSM201"),
    ("fr", "Livraison de la commande {order}", "Bonjour {name},\n\nMerci de nous indiquer un créneau de livraison pour la commande {order}.\n\nBirch & Co", None),
    ("es", "Su pedido {order}", "Hola {name},\n\nGracias por su pedido {order} ({product}).\n\nSi tiene un momento, nos encantaría conocer su opinión sincera en Amazon.\n\nBirch & Co", None),
    ("es", "¿Qué tal su {product}?", "Hola {name},\n\nEsperamos que el pedido {order} haya llegado bien. Su reseña honesta ayuda a otros clientes.\n\nSaludos,\nBirch & Co", None),
    ("es", "Pedido {order}: información", "Hola {name},\n\nVisite nuestra tienda https://birch-co.example/tienda para ver nuestras novedades. Pedido {order}.\n\nBirch & Co", "BSM401"),
    ("it", "Il suo ordine {order}", "Gentile {name},\n\ngrazie per il suo ordine {order} ({product}).\n\nSe ha un momento, ci farebbe piacere una sua recensione sincera su Amazon.\n\nBirch & Co", None),
    ("it", "Com'è il suo {product}?", "Ciao {name},\n\nsperiamo che l'ordine {order} sia arrivato bene. Ci lasci un'opinione sincera sul prodotto.\n\nBirch & Co", None),
    ("it", "Ordine {order}", "Gentile {name},\n\nse è soddisfatto, ci lasci 5 stelle! Ordine {order}.\n\nBirch & Co", "BSM302"),
    ("ja", "ご注文 {order} について", "{name}様\n\nこの度はご注文（{order}）ありがとうございます。\n\nお時間がございましたら、Amazonで商品のレビューをお願いいたします。\n\nBirch & Co", None),
    ("ja", "{product}はいかがですか", "{name}様\n\nご注文 {order} の商品は無事に届きましたでしょうか。率直なご感想をお聞かせください。\n\nBirch & Co", None),
    ("ja", "ご注文 {order} のお届けについて", "{name}様\n\n配達日時のご指定をお願いいたします。ご注文番号 {order}。\n\nBirch & Co", None),
    ("en", "Your order {order} - care guide", "Hello {name},\n\nThank you for order {order}. We attached the care guide for your {product}.\n\nBirch & Co", "BSM403"),
    ("en", "Thank you for your order {order}!", "Thank you for your order {order}! Your {product} has shipped and is on its way.\n\nBirch & Co", "BSM502"),
]
HTML_WRAP = (
    '<html><body style="font-family:Arial"><p>{html}</p>{extra}'
    '<p style="font-size:12px">Birch &amp; Co</p></body></html>'
)
PIXEL = '<img src="https://track.mailstat.example/o.gif?u={n}" width="1" height="1">'
SHOP = "Birch & Co <orders@birch-co.example>"
START = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)

NOTICES = [
    ("Amazon Services <seller-notification@amazon.com>", "Message not delivered: order {order}",
     "Your message to the buyer of order {order} could not be delivered.\n\nThis message was not "
     "delivered because your account was temporarily restricted from sending proactive "
     "messages."),
    ("Amazon Services <seller-notification@amazon.com>", "Buyer opted out of messages",
     "Your message to a buyer was not delivered.\n\nThe buyer opted out from receiving this "
     "message. Order ID: {order}"),
    ("Amazon Seller Performance <seller-performance@amazon.com>", "Notice: Policy Warning",
     "Hello,\n\nWe removed some of your listings because we received a report from a rights "
     "owner that they may infringe the rights owner's copyright.\n\nASIN: {asin}\n"
     "Infringement type: Copyright Image\nComplaint ID: {complaint}\n"),
]


def order_id(rng: random.Random) -> str:
    return f"{rng.randint(111, 408)}-{rng.randint(0, 9999999):07d}-{rng.randint(0, 9999999):07d}"


def asin(rng: random.Random) -> str:
    return "B0" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))


def generate(count: int, seed: int = 7) -> Iterator[EmailMessage]:
    """``count`` messages, deterministic for a given ``seed``."""
    rng = random.Random(seed)
    per_day = max(1, count // 365)
    for n in range(count):
        when = START + timedelta(days=n // per_day, seconds=(n * 97) % 86_000)
        roll = rng.random()
        order = order_id(rng)
        msg = EmailMessage()
        if roll < 0.012:
            sender, subject, body = rng.choice(NOTICES)
            msg["Authentication-Results"] = (
                "mx.birch-co.example; dkim=pass header.d=amazon.com; spf=pass "
                "smtp.mailfrom=amazon.com; dmarc=pass header.from=amazon.com"
            )
            msg["From"], msg["To"] = sender, SHOP
            msg["Subject"] = subject.format(order=order)
            msg.set_content(body.format(order=order, asin=asin(rng),
                                        complaint=rng.randint(10**9, 10**10 - 1)))
        elif roll < 0.02:
            lang = rng.choice(list(NAMES))
            msg["From"] = f"{rng.choice(NAMES[lang])} <b{n}x@marketplace.{MARKET[lang]}>"
            msg["To"] = SHOP
            msg["Subject"] = f"RE: order {order}"
            text = ("Please stop emailing me, this is spam." if rng.random() < 0.4
                    else "Thanks, the item arrived fine.")
            msg.set_content(f"{text} Order {order}.")
        else:
            index = rng.randrange(len(TEMPLATES))
            lang, subject, body, violation = TEMPLATES[index]
            name = rng.choice(NAMES[lang])
            fill = {"name": name, "order": order, "product": PRODUCTS[lang], "asin": asin(rng)}
            msg["From"] = SHOP
            msg["To"] = f"{''.join(rng.choice('abcdefghjkmnpqrstvwxyz0123456789') for _ in range(15))}@marketplace.{MARKET[lang]}"
            msg["Subject"] = subject.format(**fill)
            text = body.format(**fill)
            msg.set_content(text)
            if index % 3 == 0:
                html = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "</p><p>")
                msg.add_alternative(HTML_WRAP.format(
                    html=html, extra=PIXEL.format(n=n) if index % 9 == 0 else ""), subtype="html")
            if violation == "BSM403":
                msg.add_attachment(b"%PDF-1.4 catalogue " + b"x" * 20_000, maintype="application",
                                   subtype="pdf", filename="Birch-Catalogue.pdf")
            elif index % 7 == 0 and rng.random() < 0.3:
                msg.add_attachment(b"%PDF-1.4 invoice " + b"x" * 8_000, maintype="application",
                                   subtype="pdf", filename=f"Invoice-{order}.pdf")
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = f"<bench-{seed}-{n}@birch-co.example>"
        yield msg


def write_mbox(path: Path, count: int, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for msg in generate(count, seed):
            data = msg.as_bytes().replace(b"\nFrom ", b"\n>From ")
            out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + data + b"\n\n")


def write_maildir(path: Path, count: int, seed: int) -> None:
    box = mailbox.Maildir(str(path), create=True)
    for msg in generate(count, seed):
        box.add(msg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=("mbox", "maildir"), default="mbox")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.format == "mbox":
        write_mbox(args.out, args.messages, args.seed)
    else:
        write_maildir(args.out, args.messages, args.seed)
    print(f"wrote {args.messages} messages to {args.out}")


if __name__ == "__main__":
    main()
