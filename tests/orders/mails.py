"""Amazon order mails, buyer replies and seller messages as raw bytes, in six
languages and several layouts (plain in the language's legacy charset, HTML
only, quoted-printable), for the order-memory tests.

``ORDER_MAILS`` are the wordings the phrase files were written against;
``tests/orders/heldout.py`` holds other wordings, written before tuning, that
measure how the detector does on mail it was not tuned on.
"""

from __future__ import annotations

import base64
import html
import quopri
from email.header import Header

LANGS = ("en", "de", "fr", "es", "it", "ja")
DOMAIN = {
    "en": "amazon.com",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "es": "amazon.es",
    "it": "amazon.it",
    "ja": "amazon.co.jp",
}
CHARSET = {
    "en": "utf-8",
    "de": "iso-8859-1",
    "fr": "windows-1252",
    "es": "iso-8859-1",
    "it": "windows-1252",
    "ja": "iso-2022-jp",
}
AUTH = (
    "Authentication-Results: mx.seller.example; dkim=pass header.d={d}; spf=pass "
    "smtp.mailfrom={d}; dmarc=pass header.from={d}\n"
)

#: (subject, body lines) per language and kind; {o} is the order ID, {d} the stated order date.
ORDER_MAILS: dict[str, dict[str, tuple[str, list[str]]]] = {
    "en": {
        "ordered": (
            "Sold, ship now: Bamboo Cutting Board",
            [
                "Congratulations, you've sold an item.",
                "",
                "Order ID: {o}",
                "Order date: {d}",
                "Item: Bamboo Cutting Board",
                "Quantity: 1",
                "Ship by: in two days",
                "",
                "Please ship this order using the shipping method the buyer selected.",
            ],
        ),
        "shipped": (
            "Shipment confirmation for order {o}",
            ["You confirmed the shipment of order {o}.", "Carrier: UPS"],
        ),
        "delivered": (
            "Delivered: Bamboo Cutting Board",
            ["The package for order {o} was delivered to the buyer."],
        ),
        "refunded": (
            "Refund initiated for order {o}",
            ["A refund of $24.99 for order {o} has been issued to the buyer."],
        ),
        "returned": (
            "Return authorization request for order {o}",
            ["The buyer has requested a return of order {o}.", "Reason: no longer needed"],
        ),
    },
    "de": {
        "ordered": (
            "Verkauft, bitte versenden: Bambus-Schneidebrett",
            [
                "Herzlichen Glückwunsch! Sie haben einen Artikel verkauft.",
                "",
                "Bestellnummer: {o}",
                "Bestelldatum: {d}",
                "Artikel: Bambus-Schneidebrett",
                "Menge: 1",
                "",
                "Bitte versenden Sie diese Bestellung zeitnah.",
            ],
        ),
        "shipped": (
            "Versandbestätigung für Bestellung {o}",
            ["Ihre Bestellung {o} wurde versandt."],
        ),
        "delivered": (
            "Zugestellt: Bambus-Schneidebrett",
            ["Das Paket zu Bestellung {o} wurde zugestellt."],
        ),
        "refunded": (
            "Erstattung für Bestellung {o}",
            ["Eine Erstattung über 24,99 € für Bestellung {o} wurde veranlasst."],
        ),
        "returned": (
            "Rücksendeanfrage für Bestellung {o}",
            ["Der Käufer hat eine Rücksendung für Bestellung {o} beantragt."],
        ),
    },
    "fr": {
        "ordered": (
            "Vendu, expédiez maintenant : Planche à découper en bambou",
            [
                "Félicitations, vous avez vendu un article.",
                "",
                "N° de commande : {o}",
                "Date de commande : {d}",
                "Quantité : 1",
                "",
                "Veuillez expédier cette commande rapidement.",
            ],
        ),
        "shipped": (
            "Confirmation d'expédition de la commande {o}",
            ["Votre commande {o} a été expédiée."],
        ),
        "delivered": (
            "Livré : Planche à découper en bambou",
            ["Le colis de la commande {o} a été livré."],
        ),
        "refunded": (
            "Remboursement de la commande {o}",
            ["Un remboursement de 24,99 € pour la commande {o} a été effectué."],
        ),
        "returned": (
            "Demande de retour pour la commande {o}",
            ["L'acheteur a demandé un retour pour la commande {o}."],
        ),
    },
    "es": {
        "ordered": (
            "Vendido, envíe ahora: Tabla de cortar de bambú",
            [
                "¡Enhorabuena! Has vendido un artículo.",
                "",
                "Número de pedido: {o}",
                "Fecha del pedido: {d}",
                "Cantidad: 1",
                "",
                "Envía este pedido lo antes posible.",
            ],
        ),
        "shipped": ("Confirmación de envío del pedido {o}", ["Tu pedido {o} ha sido enviado."]),
        "delivered": (
            "Entregado: Tabla de cortar de bambú",
            ["El paquete del pedido {o} ha sido entregado."],
        ),
        "refunded": (
            "Reembolso del pedido {o}",
            ["Se ha emitido un reembolso de 24,99 € del pedido {o}."],
        ),
        "returned": (
            "Solicitud de devolución del pedido {o}",
            ["El comprador ha solicitado una devolución del pedido {o}."],
        ),
    },
    "it": {
        "ordered": (
            "Venduto, spedisci ora: Tagliere in bambù",
            [
                "Congratulazioni, hai venduto un articolo.",
                "",
                "Numero ordine: {o}",
                "Data dell'ordine: {d}",
                "Quantità: 1",
                "",
                "Spedisci questo ordine al più presto.",
            ],
        ),
        "shipped": (
            "Conferma di spedizione dell'ordine {o}",
            ["Il tuo ordine {o} è stato spedito."],
        ),
        "delivered": (
            "Consegnato: Tagliere in bambù",
            ["Il pacco dell'ordine {o} è stato consegnato."],
        ),
        "refunded": (
            "Rimborso dell'ordine {o}",
            ["Un rimborso di 24,99 € per l'ordine {o} è stato emesso."],
        ),
        "returned": (
            "Richiesta di reso per l'ordine {o}",
            ["L'acquirente ha richiesto un reso per l'ordine {o}."],
        ),
    },
    "ja": {
        "ordered": (
            "出荷してください：竹製まな板",
            [
                "おめでとうございます。商品が売れました。",
                "",
                "注文番号：{o}",
                "注文日：{d}",
                "数量：1",
                "",
                "この注文を出荷してください。",
            ],
        ),
        "shipped": ("出荷通知：注文番号 {o}", ["注文番号 {o} の商品は出荷されました。"]),
        "delivered": ("配達完了：竹製まな板", ["注文番号 {o} の商品のお届けが完了しました。"]),
        "refunded": ("返金のお知らせ：注文番号 {o}", ["注文番号 {o} の返金処理が完了しました。"]),
        "returned": (
            "返品リクエスト：注文番号 {o}",
            ["購入者が注文番号 {o} の返品をリクエストしました。"],
        ),
    },
}

#: The order date as each language's "Sold, ship now" writes it.
STATED_DATE = {
    "en": "September 15, 2026",
    "de": "15.09.2026",
    "fr": "15 septembre 2026",
    "es": "15 de septiembre de 2026",
    "it": "15 settembre 2026",
    "ja": "2026年9月15日",
}

#: A buyer asking the seller to stop writing (a reply from the relay address).
STOP = {
    "en": "Please stop emailing me, I do not want any more messages.",
    "de": "Hören Sie auf, mir zu schreiben. Ich möchte keine Nachrichten mehr.",
    "fr": "Arrêtez de m'envoyer des messages, s'il vous plaît.",
    "es": "Dejen de enviarme mensajes, por favor.",
    "it": "Smettete di scrivermi, per favore.",
    "ja": "もうメールを送らないでください。",
}
#: A later review request, as a seller writes it.
REVIEW = {
    "en": "Hello, we hope you enjoy your bamboo board from order {o}. Would you leave a review?",
    "de": "Hallo, wir hoffen, Ihnen gefällt Ihr Schneidebrett aus Bestellung {o}. "
    "Würden Sie eine Bewertung schreiben?",
    "fr": "Bonjour, nous espérons que votre planche de la commande {o} vous plaît. "
    "Pourriez-vous laisser un avis ?",
    "es": "Hola, esperamos que disfrute su tabla del pedido {o}. ¿Podría dejar una reseña?",
    "it": "Ciao, speriamo che il tagliere dell'ordine {o} ti piaccia. Lasceresti una recensione?",
    "ja": "ご注文 {o} の竹製まな板はいかがでしょうか。レビューをお願いいたします。",
}
#: An opt-out bounce from Amazon ("the buyer opted out").
OPT_OUT = {
    "en": (
        "Buyer opted out of messages",
        "Your message to a buyer was not delivered.\n\n"
        "The buyer opted out from receiving this message. Order ID: {o}\n\nAmazon Services",
    ),
    "de": (
        "Ihre Nachricht wurde nicht zugestellt",
        "Ihre Nachricht an einen Käufer wurde nicht "
        "zugestellt.\n\nDer Käufer hat sich gegen den Erhalt dieser Nachricht entschieden. "
        "Bestellnummer: {o}\n\nAmazon Verkäufer-Support",
    ),
}


def _encode(text: str, charset: str) -> tuple[bytes, str]:
    data = text.encode(charset, errors="replace")
    if charset == "iso-2022-jp":
        return data, "7bit"
    if charset == "utf-8":
        return quopri.encodestring(data), "quoted-printable"
    return data, "8bit"


def raw_mail(
    sender: str,
    to: str,
    subject: str,
    body: str,
    date: str,
    message_id: str,
    *,
    charset: str = "utf-8",
    layout: str = "plain",
    auth: str | None = None,
    in_reply_to: str = "",
) -> bytes:
    """One message as bytes: ``layout`` "plain" (``charset``) or "html" (base64 UTF-8)."""
    head = AUTH.format(d=auth) if auth else ""
    head += (
        f"From: {sender}\nTo: {to}\nSubject: {Header(subject, 'utf-8').encode()}\n"
        f"Date: {date}\nMessage-ID: {message_id}\nMIME-Version: 1.0\n"
    )
    if in_reply_to:
        head += f"In-Reply-To: {in_reply_to}\n"
    if layout == "html":
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
        page = f"<html><body><table><tr><td>{paras}</td></tr></table></body></html>"
        payload = base64.encodebytes(page.encode("utf-8"))
        head += 'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: base64\n'
        return head.encode() + b"\n" + payload
    payload, cte = _encode(body, charset)
    head += f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: {cte}\n'
    return head.encode() + b"\n" + payload


def order_mail(
    lang: str,
    kind: str,
    order: str,
    date: str,
    *,
    layout: str = "plain",
    mid: str = "",
    wording: dict | None = None,
    stated: bool = True,
) -> bytes:
    """Amazon's ``kind`` mail for ``order`` in ``lang``, sent at ``date`` (RFC 2822)."""
    subject, lines = (wording or ORDER_MAILS)[lang][kind]
    if not stated:  # no "Order date:" line: the mail's own date counts
        lines = [line for line in lines if "{d}" not in line]
    fill = {"o": order, "d": STATED_DATE[lang]}
    body = "\n".join(lines).format(**fill)
    domain = DOMAIN[lang]
    return raw_mail(
        f"Amazon <seller-notification@{domain}>",
        "Shop <shop@seller.example>",
        subject.format(**fill),
        body,
        date,
        mid or f"<{kind}-{order}-{lang}@{domain}>",
        charset=CHARSET[lang],
        layout=layout,
        auth=domain,
    )


def buyer(lang: str, n: int = 1) -> str:
    return f"buyer{n}{lang}x7q@marketplace.{DOMAIN[lang]}"


def review_request(lang: str, order: str, date: str, to: str, mid: str) -> bytes:
    """A seller's proactive review request (what the rules judge)."""
    return raw_mail(
        "Shop <shop@seller.example>",
        to,
        "Your order " + order,
        REVIEW[lang].format(o=order),
        date,
        mid,
        charset=CHARSET[lang],
    )


def stop_reply(lang: str, order: str, date: str, frm: str, mid: str, answers: str = "") -> bytes:
    """A buyer's reply asking the seller to stop writing."""
    return raw_mail(
        frm,
        "Shop <shop@seller.example>",
        "Re: Your order " + order,
        STOP[lang],
        date,
        mid,
        charset=CHARSET[lang],
        in_reply_to=answers,
    )


def opt_out_bounce(lang: str, order: str, date: str, mid: str) -> bytes:
    subject, body = OPT_OUT[lang]
    domain = DOMAIN[lang]
    return raw_mail(
        f"Amazon <seller-notification@{domain}>",
        "Shop <shop@seller.example>",
        subject,
        body.format(o=order),
        date,
        mid,
        charset=CHARSET[lang],
        auth=domain,
    )
