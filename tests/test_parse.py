"""The parser: every charset and transfer encoding real mail uses, and damage."""

from __future__ import annotations

import base64

from auditor.message import parse_message
from auditor.message.classify import detect_language, enrich
from auditor.message.model import Kind

HEAD = (
    "From: Shop <shop@seller.example>\r\n"
    "To: abc@marketplace.amazon.de\r\n"
    "Date: Tue, 03 Nov 2026 14:20:00 +0100\r\n"
    "Message-ID: <t1@seller.example>\r\n"
    "MIME-Version: 1.0\r\n"
)


def parse(raw: bytes | str):
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return enrich(parse_message(raw, "test", "1"))


def test_iso_2022_jp_subject_and_body():
    body = "ご注文ありがとうございます。商品のレビューをお願いいたします。".encode("iso-2022-jp")
    subject = base64.b64encode("ご注文について".encode("iso-2022-jp")).decode()
    raw = (
        HEAD + f"Subject: =?ISO-2022-JP?B?{subject}?=\r\n"
        "Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
    ).encode() + body
    msg = parse(raw)
    assert msg.subject == "ご注文について"
    assert "レビューをお願い" in msg.text
    assert msg.language == "ja"
    assert msg.defects == []


def test_windows_1252_quoted_printable():
    raw = (
        HEAD + "Subject: =?windows-1252?Q?Ihre_Bestellung_=96_Danke?=\r\n"
        "Content-Type: text/plain; charset=windows-1252\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "Vielen Dank f=FCr Ihre Bestellung =84Schneidebrett=93 =80 25,00.\r\n"
    )
    msg = parse(raw)
    assert msg.subject == "Ihre Bestellung – Danke"
    assert "für Ihre Bestellung „Schneidebrett“ € 25,00" in msg.text
    assert msg.date.isoformat() == "2026-11-03T13:20:00+00:00"


def test_base64_utf8_and_rfc2047_utf8_q():
    body = base64.b64encode("Merci pour votre commande, à bientôt".encode()).decode()
    raw = (
        HEAD + "Subject: =?utf-8?q?Votre_commande_=C3=A0_Paris?=\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + body
        + "\r\n"
    )
    msg = parse(raw)
    assert msg.subject == "Votre commande à Paris"
    assert msg.text == "Merci pour votre commande, à bientôt"


def test_html_text_breaks_lines_where_tags_do_not_where_the_source_does():
    raw = (
        HEAD + "Subject: Order\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<p>You cannot message buyers until\r\n15 December 2026.</p>"
        "<p>First line<br>second line</p>"
        "<p>Prohibited:</p><ul><li>links</li><li>attachments</li></ul>"
        "<pre>kept\r\nas is</pre>"
    ).encode()
    lines = parse(raw).html_text.splitlines()
    assert "You cannot message buyers until 15 December 2026." in lines
    assert "First line" in lines and "second line" in lines
    assert "- links" in lines and "- attachments" in lines
    assert "kept" in lines and "as is" in lines


def test_html_only_text_links_images_and_styles():
    raw = (
        HEAD + "Subject: Order\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
        '<p style="text-align:center">Hello <b>there</b></p>'
        '<a href="https://shop.example/x"><img src="https://shop.example/logo.png" width="200"></a>'
        '<img src="https://t.example/p.gif" width="1" height="1" style="display:none">'
        "<p>Visit www.shop.example today.</p></body></html>"
    )
    msg = parse(raw)
    assert "Hello there" in msg.html_text
    assert "alert" not in msg.html_text and "color:red" not in msg.html_text
    assert [link.url for link in msg.links if link.location == "html"] == [
        "https://shop.example/x",
        "www.shop.example",
    ]
    assert msg.links[0].has_image
    logo, pixel = msg.images
    assert logo.in_link and logo.width == "200"
    assert pixel.hidden and pixel.width == "1" and pixel.height == "1"
    assert ("text-align", "center") in msg.css


def test_attachment_metadata_without_decoding_body():
    payload = base64.encodebytes(b"%PDF-1.4 " + b"x" * 3000).decode()
    raw = (
        HEAD + "Subject: Invoice\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nInvoice attached.\r\n"
        "--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Disposition: attachment; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf\r\n\r\n"
        + payload
        + "--b1--\r\n"
    )
    msg = parse(raw)
    (attachment,) = msg.attachments
    assert attachment.filename == "Rechnung März.pdf"
    assert attachment.content_type == "application/pdf"
    assert abs(attachment.size - 3009) <= 3
    assert msg.text == "Invoice attached."


def test_bare_urls_but_not_amazon_com_or_emails():
    msg = parse(
        HEAD + "Subject: Hi\r\nContent-Type: text/plain\r\n\r\n"
        "See https://shop.example/faq. Or shop.example/help, write help@shop.example. "
        "Review it on Amazon.com please; order 113-1234567-1234567.\r\n"
    )
    urls = [link.url for link in msg.links]
    assert urls == ["https://shop.example/faq", "shop.example/help"]


def test_malformed_parts_become_defects_not_exceptions():
    raw = (
        "From: Shop <shop@seller.example>\r\nTo: abc@marketplace.amazon.com\r\n"
        "Subject: broken\r\n"
        'Content-Type: multipart/mixed; boundary="never"\r\n\r\n'
        "--never\r\nContent-Type: text/plain; charset=x-klingon\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8gd29y"  # truncated, no close
    )
    msg = parse(raw)
    text = " | ".join(msg.defects)
    assert "no Date header" in text
    assert "unknown charset 'x-klingon'" in text
    assert "CloseBoundaryNotFoundDefect" in text
    assert msg.text.startswith("Hello wor")
    assert msg.kind is Kind.SENT


def test_eight_bit_header_and_nul_bytes():
    raw = (HEAD + "Subject: Größe passt\r\nContent-Type: text/plain\r\n\r\nab\x00cd\r\n").encode()
    msg = parse(raw)
    assert msg.subject == "Größe passt"
    assert msg.text == "abcd"
    assert any("NUL" in d for d in msg.defects)


def test_classification():
    assert parse(HEAD + "Subject: x\r\n\r\nhello there").kind is Kind.SENT
    reply = parse(
        "From: Jane <abc@marketplace.amazon.co.uk>\r\nTo: shop@seller.example\r\n"
        "Subject: RE: x\r\nDate: Tue, 03 Nov 2026 14:20:00 +0000\r\n\r\nstop"
    )
    assert reply.kind is Kind.REPLY and reply.marketplace == "amazon.co.uk"
    notice = parse(
        "From: Amazon <seller-notification@amazon.fr>\r\nTo: shop@seller.example\r\n"
        "Subject: Compte\r\nDate: Tue, 03 Nov 2026 14:20:00 +0000\r\n\r\nBonjour"
    )
    assert notice.kind is Kind.NOTICE and notice.marketplace == "amazon.fr"
    fake = parse(
        "From: Amazon Seller Central <alerts@amazon-seller.example>\r\nTo: shop@seller.example\r\n"
        "Subject: Account\r\nDate: Tue, 03 Nov 2026 14:20:00 +0000\r\n\r\nVerify"
    )
    assert fake.kind is Kind.NOTICE and fake.marketplace is None
    lookalike = parse(
        "From: x <alerts@amazon.de.verify.example>\r\nTo: shop@seller.example\r\n"
        "Subject: Hi\r\nDate: Tue, 03 Nov 2026 14:20:00 +0000\r\n\r\nVerify"
    )
    assert lookalike.kind is Kind.NOTICE  # display claims nothing, but domain claims amazon
    other = parse(
        "From: friend@example.org\r\nTo: shop@seller.example\r\nSubject: lunch\r\n"
        "Date: Tue, 03 Nov 2026 14:20:00 +0000\r\n\r\nhi"
    )
    assert other.kind is Kind.OTHER


def test_language_detection_six_languages():
    samples = {
        "en": "Thank you for your order. We would appreciate your honest review.",
        "de": "Vielen Dank für Ihre Bestellung. Wir freuen uns über Ihre ehrliche Bewertung.",
        "fr": "Merci pour votre commande. Votre avis sincère nous aide beaucoup.",
        "es": "Gracias por su pedido. Su opinión sincera nos ayuda mucho.",
        "it": "Grazie per il suo ordine. La sua recensione sincera ci aiuta molto.",
        "ja": "ご注文ありがとうございます。率直なレビューをお願いいたします。",
    }
    for lang, text in samples.items():
        assert detect_language(text) == lang
    assert detect_language("ok") is None


def test_a_header_the_stdlib_refuses_is_decoded_word_by_word() -> None:
    """An encoded word in an unknown charset makes the stdlib refuse the whole
    header; mail-parser's fallback (imported on first need) keeps the others."""
    raw = (
        b"From: a@b.example\nTo: c@d.example\nDate: Mon, 09 Nov 2026 08:12:00 +0000\n"
        b"Subject: =?x-unknown?q?caf=E9?= ok =?utf-8?b?w6k=?=\n\nbody\n"
    )
    msg = parse_message(raw, "t", "1")
    assert msg.subject.endswith("ok é") and msg.subject.startswith("caf")


RFC2231_MIXES = {
    "boundary": (
        b"Content-Type: multipart/mixed; boundary*=x; boundary*0=y\r\n\r\n"
        b"--y\r\n\r\nhi\r\n--y--\r\n"
    ),
    "charset": b"Content-Type: text/plain; charset*=utf-8; charset*0=latin1\r\n\r\nhi\r\n",
    "filename": (
        b"Content-Type: multipart/mixed; boundary=y\r\n\r\n--y\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=a.pdf; filename*0=b.pdf\r\n\r\n"
        b"JVBERi0=\r\n--y--\r\n"
    ),
}


def test_a_parameter_both_whole_and_in_rfc2231_parts_is_one_clear_error():
    """The stdlib's own decode_params raises TypeError on 'name*=' beside
    'name*0='; the message is refused with a line saying why, not as an
    'unreadable message: TypeError'."""
    import pytest

    from auditor.errors import MessageError

    for where, tail in RFC2231_MIXES.items():
        raw = b"From: a@shop.example\r\nSubject: x\r\n" + tail
        for fast in (True, False):
            with pytest.raises(MessageError, match=r"both whole and in RFC 2231 parts"):
                parse_message(raw, "t", where, fast=fast)
