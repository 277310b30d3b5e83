"""Turn a :class:`~tests.notices.cases.Case` into raw mail bytes, in one of
several shapes:

* ``plain``: text/plain in the language's legacy charset (ISO-8859-1 or
  Windows-1252 for European languages, ISO-2022-JP for Japanese), 8bit or
  quoted-printable, with the receiving server's ``dmarc=pass``;
* ``html``: HTML only, base64 (Shift_JIS for Japanese), no
  Authentication-Results (an exported file);
* ``fwd``: forwarded inline by a colleague, the original's headers quoted
  in the language of the mail client;
* ``quoted``: (buyer replies) the buyer's words above the quoted seller
  message, base64.
"""

from __future__ import annotations

import base64
import html
import quopri
from email.header import Header

from tests.notices.cases import DOMAIN, GREETING, SIGNATURE, Case

NOTICE_DATE = "Mon, 09 Nov 2026 08:12:00 +0000"
FORWARD_DATE = "Wed, 11 Nov 2026 15:30:00 +0000"
PLAIN_CHARSET = {
    "en": ("utf-8", "quoted-printable"),
    "de": ("iso-8859-1", "8bit"),
    "fr": ("windows-1252", "quoted-printable"),
    "es": ("iso-8859-1", "quoted-printable"),
    "it": ("windows-1252", "8bit"),
    "ja": ("iso-2022-jp", "7bit"),
}
FORWARD_NOTE = {
    "en": "FYI, see the mail below from Amazon. Can you take care of it?",
    "de": "Zur Info, siehe die Mail von Amazon unten. Kannst du dich darum kümmern?",
    "fr": "Pour info, voir le mail d'Amazon ci-dessous. Peux-tu t'en occuper ?",
    "es": "Para tu información, mira el correo de Amazon de abajo. ¿Puedes encargarte?",
    "it": "Per info, vedi la mail di Amazon qui sotto. Puoi occupartene tu?",
    "ja": "参考までに、Amazonからのメールを転送します。対応をお願いします。",
}
FORWARD_PREFIX = {
    "en": "Fwd: ",
    "de": "WG: ",
    "fr": "TR : ",
    "es": "RV: ",
    "it": "I: ",
    "ja": "転送: ",
}


def domain_of(case: Case) -> str:
    """The Amazon domain the case's notice comes from (en variant 2: amazon.co.uk)."""
    if case.lang == "en" and case.index == 2:
        return "amazon.co.uk"
    return DOMAIN[case.lang]


def sender_of(case: Case) -> str:
    if case.sender == "relay":
        return f"q8z{case.index}k2v{case.lang}@marketplace.{domain_of(case)}"
    return f"{case.sender}@{domain_of(case)}"


def body_lines(case: Case) -> list[str]:
    """The notice's text as lines ("" separates paragraphs)."""
    if case.kind == "buyer_complaint":
        return [case.key]
    lines = [GREETING[case.lang], "", case.key, ""]
    for line in case.extra:
        bullet = line.startswith(("- ", "・"))
        if lines and lines[-1] and not bullet:
            lines.append("")
        lines.append(line)
        if not bullet:
            lines.append("")
    lines += ["", *SIGNATURE[case.lang].split("\n")]
    return lines


def to_html(lines: list[str], link: str | None = None) -> str:
    out = ["<html><body>"]
    in_list = False
    for line in lines:
        bullet = line.startswith(("- ", "・"))
        if bullet and not in_list:
            out.append("<ul>")
            in_list = True
        if not bullet and in_list:
            out.append("</ul>")
            in_list = False
        if bullet:
            out.append(f"<li>{html.escape(line.lstrip('-・ '))}</li>")
        elif line:
            out.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        out.append("</ul>")
    if link:
        out.append(f'<p><a href="{link}">Seller Central</a></p>')
    out.append("</body></html>")
    return "\n".join(out)


def _header(value: str, charset: str) -> str:
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return Header(value, charset if charset != "iso-2022-jp" else "iso-2022-jp").encode()


def _encode(text: str, charset: str, cte: str) -> bytes:
    data = text.replace("\n", "\r\n").encode(charset)
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    return data


def mail(headers: list[tuple[str, str]], body: str, subtype: str, charset: str, cte: str) -> bytes:
    """One single-part mail as bytes."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    head += (
        f'MIME-Version: 1.0\r\nContent-Type: text/{subtype}; charset="{charset}"\r\n'
        f"Content-Transfer-Encoding: {cte}\r\n\r\n"
    )
    return head.encode("ascii") + _encode(body, charset, cte)


def auth_results(domain: str, result: str = "pass") -> tuple[str, str]:
    return (
        "Authentication-Results",
        f"mx.acme-mail.example; dkim={result} header.d={domain} header.s=s1; "
        f"spf={result} smtp.mailfrom={domain}; dmarc={result} header.from={domain}",
    )


def _forward_block(case: Case, sender: str) -> list[str]:
    lang = case.lang
    name = f"Amazon.{domain_of(case).split('amazon.')[1]}"
    blocks = {
        "en": [
            "---------- Forwarded message ---------",
            f"From: Amazon Services <{sender}>",
            "Date: Mon, Nov 9, 2026 at 8:12 AM",
            f"Subject: {case.subject}",
            "To: <sales@acme-home.example>",
        ],
        "de": [
            "-----Ursprüngliche Nachricht-----",
            f"Von: {name} <{sender}>",
            "Gesendet: Montag, 9. November 2026 08:12",
            "An: sales@acme-home.example",
            f"Betreff: {case.subject}",
        ],
        "fr": [
            "-------- Message transféré --------",
            f"Sujet : {case.subject}",
            "Date : lun. 9 nov. 2026 à 08:12",
            f"De : {name} <{sender}>",
            "Pour : sales@acme-home.example",
        ],
        "es": [
            "---------- Mensaje reenviado ---------",
            f"De: {name} <{sender}>",
            "Fecha: lun, 9 nov 2026 a las 8:12",
            f"Asunto: {case.subject}",
            "Para: <sales@acme-home.example>",
        ],
        "it": [
            "---------- Messaggio inoltrato ---------",
            f"Da: {name} <{sender}>",
            "Data: lun 9 nov 2026 alle ore 08:12",
            f"Oggetto: {case.subject}",
            "A: <sales@acme-home.example>",
        ],
        "ja": [
            "---------- 転送されたメッセージ ---------",
            f"差出人: {name} <{sender}>",
            "日付: 2026年11月9日(月) 8:12",
            f"件名: {case.subject}",
            "宛先: <sales@acme-home.example>",
        ],
    }
    return blocks[lang]


def build(case: Case, style: str) -> bytes:
    """Raw bytes of ``case`` in ``style`` (see the module docstring)."""
    sender = sender_of(case)
    display = "Jane" if case.kind == "buyer_complaint" else "Amazon Services"
    message_id = f"<{case.id}-{style}@test.example>"
    lines = body_lines(case)
    if style == "plain":
        charset, cte = PLAIN_CHARSET[case.lang]
        headers = [
            auth_results(domain_of(case)),
            ("From", f"{_header(display, charset)} <{sender}>"),
            ("To", "Acme Home <sales@acme-home.example>"),
            ("Subject", _header(case.subject, charset)),
            ("Date", NOTICE_DATE),
            ("Message-ID", message_id),
        ]
        return mail(headers, "\n".join(lines) + "\n", "plain", charset, cte)
    if style == "html":
        charset = "shift_jis" if case.lang == "ja" else "utf-8"
        headers = [
            ("From", f"{display} <{sender}>"),
            ("To", "Acme Home <sales@acme-home.example>"),
            ("Subject", _header(case.subject, "utf-8")),
            ("Date", NOTICE_DATE),
            ("Message-ID", message_id),
        ]
        link = (
            f"https://sellercentral.{domain_of(case)}/help/hub" if case.sender != "relay" else None
        )
        return mail(headers, to_html(lines, link), "html", charset, "base64")
    if style == "fwd":
        body = [FORWARD_NOTE[case.lang], "", "Mia", "", *_forward_block(case, sender), "", *lines]
        headers = [
            ("From", "Mia Keller <mia@acme-home.example>"),
            ("To", "Sales <sales@acme-home.example>"),
            ("Subject", _header(FORWARD_PREFIX[case.lang] + case.subject, "utf-8")),
            ("Date", FORWARD_DATE),
            ("Message-ID", message_id),
        ]
        return mail(headers, "\n".join(body) + "\n", "plain", "utf-8", "quoted-printable")
    if style == "quoted":
        quote = [
            "",
            "On Mon, Nov 2, 2026 at 10:00 AM Acme Home <sales@acme-home.example> wrote:",
            "> Hello, we hope you enjoy your purchase.",
            "> If anything is wrong, please contact us before leaving feedback.",
        ]
        headers = [
            ("From", f"{display} <{sender}>"),
            ("To", "Acme Home <sales@acme-home.example>"),
            ("Subject", _header(case.subject, "utf-8")),
            ("Date", NOTICE_DATE),
            ("Message-ID", message_id),
            ("In-Reply-To", f"<sent-{case.id}@acme-home.example>"),
        ]
        return mail(headers, "\n".join([*lines, *quote]) + "\n", "plain", "utf-8", "base64")
    raise ValueError(style)


def styles_for(case: Case) -> tuple[str, ...]:
    """The shapes a case is tested in: index 0 plain, 1 HTML, 2 forwarded
    (buyer replies: quoted instead of forwarded); later variants all three."""
    third = "quoted" if case.kind == "buyer_complaint" else "fwd"
    shapes = ("plain", "html", third)
    return shapes if case.index >= len(shapes) else (shapes[case.index],)
