"""Notices sent as HTML only, laid out the way Amazon's mails are: tables,
a line break in the middle of a sentence, the prohibited actions as a list."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from tests.notices.conftest import notice_of

HTML = """<html><head><style>td{font-family:Arial}</style></head><body>
<table width="600"><tr><td><img src="https://m.media-amazon.com/images/logo.png" alt=""></td></tr>
<tr><td><p>Gentile venditore,</p>
<p>alcuni dei messaggi che hai inviato di recente non sono stati recapitati ai clienti.</p>
<p><b>Perch\u00e9 ho ricevuto questo messaggio?</b><br>Abbiamo rilevato almeno una delle
seguenti azioni vietate:</p>
<ul><li>Invio di link non necessari per completare l'ordine</li>
<li>Richiesta ripetuta della stessa recensione</li></ul>
<p>Di conseguenza, non potrai avviare nuove conversazioni via e-mail con i clienti fino al<br>
15 dicembre 2026.</p>
<p>I clienti possono restituire gli articoli entro 30 giorni.</p>
<table><tr><td>ASIN</td><td>Ordine</td></tr>
<tr><td>B0ITAA9999</td><td>405-1111111-2222222</td></tr></table>
</td></tr></table></body></html>"""


def test_html_only_restriction_with_a_break_inside_the_sentence() -> None:
    msg = EmailMessage()
    msg["Authentication-Results"] = (
        "mx.example; dkim=pass header.d=amazon.it; spf=pass "
        "smtp.mailfrom=amazon.it; dmarc=pass header.from=amazon.it"
    )
    msg["From"] = "Amazon.it <seller-notification@amazon.it>"
    msg["To"] = "sales@acme-home.example"
    msg["Subject"] = "Il tuo account venditore Amazon.it"
    msg["Date"] = "Mon, 09 Nov 2026 08:12:00 +0000"
    msg["Message-ID"] = "<html-layout-it@amazon.it>"
    msg.set_content(HTML, subtype="html")
    notice = notice_of(bytes(msg))
    assert notice is not None and notice.kind.value == "messaging_restriction"
    assert notice.ends_at is not None and notice.ends_at.date() == date(2026, 12, 15)
    assert notice.violations == ["BSM304", "BSM401"]
    assert notice.asins == ["B0ITAA9999"]
    assert notice.order_ids == ["405-1111111-2222222"]
    assert (notice.language, notice.marketplace) == ("it", "amazon.it")
