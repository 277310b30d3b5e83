# ruff: noqa: E501  (mail bodies are data)
"""The classes of misses found on tests/notices/unseen5, fixed as classes and
checked here in other languages and other words than the held-out mails:
templates-only restrictions said as "limited … to templates" or "free-form
messages switched off"; messages not delivered for a technical reason;
appeal decisions in the active voice; buyers who "decided not to receive";
plain-text headings and hard-wrapped Japanese; FAQ answers; "場合に限り"."""

from __future__ import annotations

import base64
from email.header import Header

import pytest

from auditor.notices.decision import read
from auditor.notices.model import NoticeKind
from auditor.notices.text import logical_lines
from tests.notices.conftest import notice_of

K = NoticeKind


def _mail(sender: str, subject: str, body: str) -> bytes:
    encoded = base64.encodebytes(body.encode()).decode()
    return (
        f"From: Amazon <{sender}>\r\nTo: shop@example.org\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        "Date: Tue, 17 Nov 2026 10:00:00 +0000\r\nMessage-ID: <c@example.org>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}"
    ).encode()


MAILS = [
    # templates only, said through its own words, not "restricted … proactive"
    (
        K.TEMPLATES_ONLY_RESTRICTION,
        "seller-performance@amazon.es",
        "Cambios en tus mensajes a los clientes",
        "Hola:\n\nHemos revisado los mensajes enviados desde tu cuenta.\n\nHasta el 3 de febrero de 2027 deberás utilizar una de las plantillas de Amazon para escribir a los clientes. La opción de redactar mensajes de texto libre está desactivada durante este periodo.\n\nQué no se ve afectado\n- Las respuestas a los mensajes de los clientes.\n\nAtentamente,\nAmazon.es",
    ),
    (
        K.TEMPLATES_ONLY_RESTRICTION,
        "seller-performance@amazon.it",
        "Informazioni sui tuoi messaggi ai clienti",
        "Ciao,\n\nabbiamo esaminato i messaggi inviati dal tuo account.\n\nPer 21 giorni i messaggi che invii di tua iniziativa sono limitati esclusivamente ai modelli proposti da Amazon. I messaggi a testo libero non sono più disponibili in questo periodo.\n\nCordiali saluti,\nAmazon.it",
    ),
    # a message not delivered for a technical reason
    (
        K.MESSAGE_UNDELIVERED,
        "donotreply@amazon.com",
        "Delivery failure: order 112-4400917-5538210",
        "Hello,\n\nYour message to the customer could not be delivered.\n\nOrder ID: 112-4400917-5538210\nReason: the customer's mailbox is full.\n\nThis is not related to the content of your message. Please try again later.\n\nAmazon Seller Support\n\n----- Original message -----\nHi, your parcel ships today.",
    ),
    (
        K.MESSAGE_UNDELIVERED,
        "donotreply@amazon.de",
        "Nachricht nicht zugestellt",
        "Hallo,\n\nIhre Nachricht zur Bestellung 302-7710452-1198832 konnte wegen eines technischen Fehlers nicht zugestellt werden. Bitte senden Sie sie später erneut.\n\nFreundliche Grüße\nAmazon",
    ),
    (
        K.MESSAGE_UNDELIVERED,
        "donotreply@amazon.co.jp",
        "メッセージ配信エラー",
        "出品者様\n\n一時的なシステム障害のため、注文番号 250-3381094-7720915 の購入者へのメッセージを配信できませんでした。\n\nお手数ですが、時間をおいて再度送信してください。\n\nAmazon.co.jp",
    ),
    # appeal decisions in the active voice
    (
        K.APPEAL_DECISION,
        "no-reply-appeals@amazon.com",
        "Update on your appeal",
        "Hello,\n\nThank you for the plan of action you sent. We have approved your appeal and lifted the restriction on your account.\n\nAmazon Seller Performance",
    ),
    (
        K.APPEAL_DECISION,
        "no-reply-appeals@amazon.it",
        "Esito del tuo ricorso",
        "Ciao,\n\ngrazie per le informazioni fornite. Abbiamo accolto il tuo ricorso e rimosso la limitazione della messaggistica.\n\nAmazon.it",
    ),
    # buyers who decided not to receive such messages
    (
        K.BUYER_OPT_OUT,
        "donotreply@amazon.fr",
        "Message non remis : commande 171-5520731-4408812",
        "Bonjour,\n\nVotre message concernant la commande 171-5520731-4408812 n'a pas été transmis : l'acheteur a décidé de ne plus recevoir ce type de messages de la part des vendeurs.\n\nCordialement,\nLe service Support vendeurs d'Amazon",
    ),
    # a block said with a phrasal verb
    (
        K.MESSAGE_BLOCKED,
        "donotreply@amazon.co.uk",
        "Message not sent: order 202-1187730-4419021",
        "Hello,\n\nWe have not passed this message on to the buyer, as it does not follow our communication guidelines.\n\nOrder ID: 202-1187730-4419021\n\nAmazon Seller Support",
    ),
    # a warning whose decision is a conditional "if we see more …"
    (
        K.POLICY_WARNING,
        "seller-performance-policy@amazon.es",
        "Advertencia: mensajes a los clientes",
        "Hola:\n\nHemos observado que algunos de tus mensajes pedían una valoración a cambio de un descuento.\n\nPor ahora no hemos tomado ninguna medida en tu cuenta. Si volvemos a detectar otros mensajes similares, podríamos restringir tu mensajería con los compradores.\n\nAmazon.es",
    ),
]


@pytest.mark.parametrize(("kind", "sender", "subject", "body"), MAILS, ids=lambda v: str(v)[:28])
def test_fixed_classes_in_other_words(
    kind: NoticeKind, sender: str, subject: str, body: str
) -> None:
    notice = notice_of(_mail(sender, subject, body))
    assert notice is not None
    assert notice.kind is kind, notice.signals
    assert notice.evidence


def test_templates_only_gets_its_end_date() -> None:
    sender, subject, body = MAILS[0][1:]
    notice = notice_of(_mail(sender, subject, body))
    assert notice.ends_at is not None and notice.ends_at.date().isoformat() == "2027-02-03"


@pytest.mark.parametrize(
    ("sender", "subject", "body", "ends"),
    [
        (
            "seller-performance@amazon.com",
            "Changes to how you can message customers",
            "Hello,\n\nWe have limited your outgoing buyer messages to Amazon's templates. Free-form messages will be unavailable until March 5, 2027.\n\nAmazon Seller Performance",
            "2027-03-05",
        ),
        (
            "seller-performance@amazon.fr",
            "Vos messages aux clients : utilisation des modèles Amazon",
            "Bonjour,\n\nJusqu'au 12 février 2027, vous ne pourrez contacter les clients qu'en utilisant les modèles d'Amazon. Les messages libres sont désactivés pendant cette période.\n\nAmazon.fr",
            "2027-02-12",
        ),
        (
            "seller-performance@amazon.co.jp",
            "購入者へのメッセージ送信方法の変更のお知らせ",
            "出品者様\n\n2027年1月20日まで、購入者へのメッセージはAmazonのテンプレートを利用した場合に\n限り送信できます。自由形式のメッセージはご利用いただけません。\n\nAmazon.co.jp",
            "2027-01-20",
        ),
    ],
    ids=["en", "fr", "ja"],
)
def test_a_templates_only_restriction_gets_the_end_date_it_states(
    sender: str, subject: str, body: str, ends: str
) -> None:
    notice = notice_of(_mail(sender, subject, body))
    assert notice.kind is K.TEMPLATES_ONLY_RESTRICTION, notice.signals
    assert notice.ends_at is not None and notice.ends_at.date().isoformat() == ends


def test_a_guideline_block_is_not_a_technical_failure() -> None:
    body = (
        "Hello,\n\nYour message to the buyer was not sent because it does not comply with our "
        "communication guidelines.\n\nOrder ID: 113-2209451-6610342\n\nAmazon Seller Support"
    )
    notice = notice_of(_mail("donotreply@amazon.com", "Message not sent", body))
    assert notice.kind is K.MESSAGE_BLOCKED


def test_hard_wrapped_japanese_joins_without_a_space() -> None:
    lines = logical_lines(
        "購入者へのメッセージは、テンプレートを使用した場合に\n限り送信できます。"
    )
    assert lines == ["購入者へのメッセージは、テンプレートを使用した場合に限り送信できます。"]


def test_a_plain_text_heading_stays_apart_from_its_first_sentence() -> None:
    lines = logical_lines(
        "What happened\nSome of your messages asked for reviews.\n\nThank you,\nAmazon"
    )
    assert lines[:2] == ["What happened", "Some of your messages asked for reviews."]
    # a hard-wrapped sentence still joins
    wrapped = "We have restricted your account from sending proactive messages to\nbuyers until 3 December 2026."
    assert len(logical_lines(wrapped)) == 1


def test_faq_answers_and_bracketed_headings_never_decide() -> None:
    body = (
        "Your messages are limited to templates.\n\n"
        "FAQ\nQ: What happens after 30 days?\nA: Free-form messaging is restored automatically.\n"
        "Q: Can I reply to buyers?\nA: Yes.\n"
    )
    reading = read(body, "en")
    assert reading.decision == "Your messages are limited to templates."
    assert "restored automatically" in reading.ignored
    ja = read(
        "制限を適用しました。\n\n【よくある質問】\nQ. 期間後はどうなりますか。\nA. 自動的に再開されます。\n",
        "ja",
    )
    assert ja.decision == "制限を適用しました。"
    assert "自動的に再開されます" in ja.ignored


def test_only_when_is_not_a_condition_in_japanese() -> None:
    reading = read("今後14日間、メッセージはテンプレートを使用した場合に限り送信できます。", "ja")
    assert "テンプレート" in reading.decision and reading.conditional == ""
