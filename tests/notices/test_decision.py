# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
"""A notice's kind comes from what it says happened (issue #12): the failures
sellers reported on real notification mails, in fresh wording, in six
languages. Instructions, FAQs, "a retraction can be sent to…" and quoted
earlier mails never decide; ``evidence`` is the sentence that decided."""

from __future__ import annotations

import base64
import json

import pytest

from auditor.notices.decision import read
from auditor.notices.model import CONTRACT_KEYS, NoticeKind
from tests.notices.conftest import notice_of


def _mail(sender: str, subject: str, body: str, html: bool = False) -> bytes:
    from email.header import Header

    ctype = "text/html" if html else "text/plain"
    if html:
        paragraphs = "".join(f"<p>{p}</p>" for p in body.strip().split("\n\n"))
        body = f"<html><body><table><tr><td>{paragraphs}</td></tr></table></body></html>"
    encoded = base64.encodebytes(body.encode()).decode()
    return (
        f"From: Amazon <{sender}>\r\nTo: shop@example.org\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        "Date: Tue, 17 Nov 2026 10:00:00 +0000\r\nMessage-ID: <d@example.org>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: {ctype}; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}"
    ).encode()


IP_COMPLAINT_WITH_RETRACTION_HELP = {
    "en": (
        "seller-notification@amazon.co.uk",
        "Intellectual Property complaint: action taken",
        """Hello,

We have deactivated the listing below because a copyright owner notified us that your product images are copied from their catalogue.

ASIN: B0DQ7TRK21
Infringement type: Copyright (image)
Complaint ID: 18830011205

What can I do?
You can ask the rights owner to withdraw the complaint. The rights owner must e-mail the retraction to notice-retraction@amazon.co.uk. We will accept a retraction only if the rights owner says the complaint was a mistake.

Frequently asked questions
Will the complaint be removed from my account?
Yes, once a valid retraction has been received the complaint is removed and the listing reactivated.
""",
        "copyright owner notified us",
    ),
    "de": (
        "seller-notification@amazon.de",
        "Beschwerde wegen Markenrechtsverletzung",
        """Guten Tag,

wir haben Ihr Angebot deaktiviert, da ein Rechteinhaber gemeldet hat, dass es seine Marke verletzt.

ASIN: B0DQ7TRK22
Beschwerde-ID: 18830011206

Was können Sie tun?
Bitten Sie den Rechteinhaber, die Beschwerde zurückzuziehen. Die Rücknahme muss an notice-retraction@amazon.de gesendet werden. Sobald die Beschwerde zurückgezogen wurde, wird Ihr Angebot wieder aktiviert.
""",
        "Rechteinhaber gemeldet",
    ),
    "fr": (
        "seller-notification@amazon.fr",
        "Réclamation pour violation de droits d'auteur",
        """Bonjour,

Nous avons désactivé votre offre, car le titulaire des droits nous a signalé qu'elle enfreint ses droits d'auteur.

ASIN : B0DQ7TRK23

Comment réactiver mon offre ?
Contactez le titulaire des droits et demandez-lui de retirer sa plainte : sa rétractation doit être adressée à notice-retraction@amazon.fr. Une fois la rétractation reçue, votre offre sera réactivée.
""",
        "titulaire des droits nous a signalé",
    ),
    "es": (
        "seller-notification@amazon.es",
        "Reclamación por infracción de patente",
        """Hola:

Hemos desactivado tu oferta porque el titular de los derechos nos ha comunicado que infringe su patente.

ASIN: B0DQ7TRK24

¿Qué puedo hacer?
Puedes pedir al titular que retire la reclamación. El titular debe enviar la retractación a notice-retraction@amazon.es. Cuando recibamos la retractación, la reclamación quedará retirada.
""",
        "titular de los derechos",
    ),
    "it": (
        "seller-notification@amazon.it",
        "Segnalazione di violazione del marchio",
        """Gentile venditore,

abbiamo disattivato la tua offerta perché il titolare dei diritti ci ha segnalato che viola il suo marchio.

ASIN: B0DQ7TRK25

Cosa posso fare?
Puoi chiedere al titolare dei diritti di ritirare il reclamo. La ritrattazione deve essere inviata a notice-retraction@amazon.it. Una volta ricevuta la ritrattazione, il reclamo sarà ritirato.
""",
        "titolare dei diritti ci ha segnalato",
    ),
    "ja": (
        "seller-notification@amazon.co.jp",
        "著作権侵害の申し立てについて",
        """出品者様

権利所有者から、お客様の商品画像が著作権を侵害しているとの報告を受けたため、以下の出品を停止しました。

ASIN: B0DQ7TRK26

よくある質問
申し立てが取り下げられた場合、出品は再開されますか？
はい。権利所有者から取り下げの連絡があった場合、出品は再開されます。取り下げは権利所有者から notice-retraction@amazon.co.jp に送信していただく必要があります。
""",
        "著作権を侵害",
    ),
}


@pytest.mark.parametrize("lang", list(IP_COMPLAINT_WITH_RETRACTION_HELP))
def test_ip_complaint_with_retraction_instructions_is_a_complaint(lang: str) -> None:
    sender, subject, body, evidence = IP_COMPLAINT_WITH_RETRACTION_HELP[lang]
    notice = notice_of(_mail(sender, subject, body))
    assert notice.kind is NoticeKind.IP_COMPLAINT, notice.signals
    assert evidence in notice.evidence
    assert notice.to_dict()["evidence"] == notice.evidence


def test_the_same_complaint_html_only_is_a_complaint() -> None:
    sender, subject, body, _ = IP_COMPLAINT_WITH_RETRACTION_HELP["en"]
    notice = notice_of(_mail(sender, subject, body, html=True))
    assert notice.kind is NoticeKind.IP_COMPLAINT


@pytest.mark.parametrize(
    ("sender", "subject", "body", "evidence"),
    [
        (
            "seller-performance@amazon.com",
            "Trademark infringement report on your detail page",
            "Hello,\n\nWe received a report that the detail page of ASIN B0DQ7TRK30 infringes the "
            '"Velaro" trademark: the brand name appears in the title and on the main image.\n\n'
            "Please edit the detail page. Further reports may result in a policy warning.\n",
            'infringes the "Velaro" trademark',
        ),
        (
            "seller-performance@amazon.de",
            "Markenrechtsverletzung auf Ihrer Produktdetailseite",
            "Guten Tag,\n\nwir haben eine Meldung erhalten, dass die Produktdetailseite von ASIN "
            'B0DQ7TRK31 die Marke "Velaro" ohne Genehmigung verwendet.\n\nBitte passen Sie die '
            "Seite an. Weitere Meldungen können zu einer Richtlinienwarnung führen.\n",
            "ohne Genehmigung",
        ),
    ],
)
def test_trademark_report_on_a_detail_page_is_an_ip_complaint(
    sender: str, subject: str, body: str, evidence: str
) -> None:
    notice = notice_of(_mail(sender, subject, body))
    assert notice.kind is NoticeKind.IP_COMPLAINT, notice.signals
    assert evidence in notice.evidence


APPEAL_REFUSALS = [
    (
        "en",
        "seller-performance@amazon.com",
        "Your Amazon.com selling account",
        "Hello,\n\nThank you for confirming you have implemented your plan of action. However, "
        "we are not able to reinstate your selling privileges because the plan does not explain "
        "how you will prevent late shipments.\n\nHow do I appeal?\nYou can submit a new plan of "
        "action in Account Health.\n",
        "not able to reinstate",
    ),
    (
        "en",
        "notice-dispute@amazon.com",
        "RE: Notice dispute for ASIN B0DQ7TRK40",
        "Hello,\n\nWe reviewed your dispute of the intellectual property notice. We cannot accept "
        "your dispute because the document you sent is not a licence from the rights owner.\n\n"
        "You may ask the rights owner to send a retraction to notice-retraction@amazon.com.\n",
        "cannot accept your dispute",
    ),
    (
        "de",
        "seller-performance@amazon.de",
        "Ihr Amazon.de Verkäuferkonto",
        "Guten Tag,\n\nvielen Dank für Ihren Maßnahmenplan. Leider können wir Ihr Konto derzeit "
        "nicht wieder aktivieren, da der Plan die Ursache nicht erklärt.\n",
        "nicht wieder aktivieren",
    ),
    (
        "fr",
        "seller-performance@amazon.fr",
        "Votre compte vendeur",
        "Bonjour,\n\nMerci pour votre plan d'action. Toutefois, nous ne sommes pas en mesure de "
        "rétablir votre compte pour le moment.\n",
        "pas en mesure de rétablir",
    ),
    (
        "es",
        "seller-performance@amazon.es",
        "Tu cuenta de vendedor",
        "Hola:\n\nGracias por tu plan de acción. Sin embargo, no podemos restablecer tu cuenta en "
        "este momento.\n",
        "no podemos restablecer",
    ),
    (
        "it",
        "seller-performance@amazon.it",
        "Il tuo account venditore",
        "Gentile venditore,\n\ngrazie per il piano d'azione. Tuttavia non siamo in grado di "
        "ripristinare il tuo account in questo momento.\n",
        "non siamo in grado di ripristinare",
    ),
    (
        "ja",
        "seller-performance@amazon.co.jp",
        "出品アカウントについて",
        "出品者様\n\n改善計画をご提出いただきありがとうございます。審査の結果、現時点ではアカウントを"
        "再開できないとの判断に至りました。\n",
        "再開できないとの判断に至りました",
    ),
]


@pytest.mark.parametrize(
    ("lang", "sender", "subject", "body", "evidence"),
    APPEAL_REFUSALS,
    ids=[f"{r[0]}-{i}" for i, r in enumerate(APPEAL_REFUSALS)],
)
def test_appeal_refusals_are_appeal_decisions(
    lang: str, sender: str, subject: str, body: str, evidence: str
) -> None:
    notice = notice_of(_mail(sender, subject, body))
    assert notice.kind is NoticeKind.APPEAL_DECISION, notice.signals
    assert evidence in notice.evidence


def test_german_opt_out_bounce() -> None:
    body = (
        "Guten Tag,\n\nIhre Nachricht zur Bestellung 028-7654321-7654321 wurde nicht "
        "zugestellt, da der Käufer die Annahme unerwünschter Nachrichten von Verkäufern "
        "deaktiviert hat.\n\nMit freundlichen Grüßen\nAmazon Verkäufer-Support\n\n"
        "--------- Ursprüngliche Nachricht ---------\nBitte bewerten Sie uns!\n"
    )
    notice = notice_of(_mail("seller-notification@amazon.de", "Nachricht nicht zugestellt", body))
    assert notice.kind is NoticeKind.BUYER_OPT_OUT, notice.signals
    assert "Annahme unerwünschter Nachrichten" in notice.evidence


def test_a_quoted_earlier_notice_does_not_decide() -> None:
    body = (
        "Hello,\n\nThank you for submitting your appeal. We will review it and reply "
        "within 48 hours.\n\n-----Original Message-----\nYour Amazon seller account has "
        "been deactivated. We removed your listings because a rights owner reported that "
        "they infringe its trademark.\n"
    )
    notice = notice_of(_mail("seller-performance@amazon.com", "Re: Appeal", body))
    assert notice.kind is NoticeKind.APPEAL_RECEIVED, notice.signals


def test_a_cleared_notice_with_a_negation_is_not_good_news() -> None:
    body = (
        "Hello,\n\nWe reviewed your appeal for ASIN B0DQ7TRK50. The violation has not been "
        "removed, because the invoices could not be verified.\n"
    )
    notice = notice_of(_mail("no-reply@amazon.com", "Policy violation", body))
    assert notice.kind is not NoticeKind.VIOLATION_CLEARED


def test_the_reading_keeps_instructions_and_quotes_apart() -> None:
    body = (
        "We removed your listing because a rights owner reported it.\n"
        "If the complaint is retracted, we reinstate the listing.\n"
        "Please ask them to send a retraction to notice-retraction@amazon.com.\n\n"
        "How can I get my listing back?\nThe complaint has been retracted by most owners.\n\n"
        "Why did this happen?\nSellers must not infringe.\n\n"
        "> Earlier: the complaint has been retracted.\n"
    )
    reading = read(body, "en")
    assert reading.decision.splitlines() == [
        "We removed your listing because a rights owner reported it.",
        "Sellers must not infringe.",
    ]
    assert reading.conditional == "If the complaint is retracted, we reinstate the listing."
    assert "notice-retraction" in reading.ignored and "by most owners" in reading.ignored
    assert "Earlier" not in reading.decision + reading.conditional


def test_evidence_is_part_of_the_contract() -> None:
    assert "evidence" in CONTRACT_KEYS
    sender, subject, body, _ = IP_COMPLAINT_WITH_RETRACTION_HELP["en"]
    data = json.loads(json.dumps(notice_of(_mail(sender, subject, body)).to_dict()))
    assert data["evidence"].startswith("We have deactivated the listing below")
