# ruff: noqa: E501  (mail bodies are data)
"""Notices quoted in a reply (auditor.notices.reply): a colleague or an
agency answers an Amazon mail and the notice sits underneath as a quote,
under an attribution line as Gmail, Outlook, Apple Mail, Thunderbird and
Japanese clients write it. The quote is the notice (kind from the quote
only, dated by the attribution, reported as forwarded, never verified);
replies that quote no Amazon mail, or only a scrap of one, are no notice.
Also two classes those replies showed: Amazon's buyer-complaint subject,
and a future appeal in the conditional mood (no decision on an appeal).
Tests marked "guard" pass on the old code too: they keep the other
direction closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from auditor.notices.model import Authenticity, Notice, NoticeKind
from auditor.notices.reply import quoted_date, reply_subject
from tests.notices.conftest import amazon_mail, assert_decided, notice_of

K = NoticeKind
#: The colleague's own mail server, trusted: the reply itself passes DMARC.
PASS = (
    "Authentication-Results: mx.acme-mail.example; dkim=pass header.d=acme-home.example; "
    "dmarc=pass header.from=acme-home.example\r\n"
)


def _reply(
    body: str,
    subject: str,
    date: str = "Thu, 05 Nov 2026 16:30:00 +0100",
    sender: str = "Lena Hoffmann <lena@acme-home.example>",
    to: str = "team@acme-home.example",
) -> bytes:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        f"Message-ID: <r1@acme-home.example>\r\n{PASS}"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n" + body
    ).encode()


def _quote(text: str, marks: str = "> ") -> str:
    return "\n".join((marks + line).rstrip() for line in text.splitlines())


def _read(own: str, attribution: str, quoted: str, subject: str, **mail: str) -> Notice | None:
    """The notice of a reply: the colleague's ``own`` lines, the client's
    ``attribution`` line, the ``quoted`` mail under "> " markers."""
    body = f"{own}\n\n{attribution}\n{_quote(quoted)}\n"
    return notice_of(_reply(body, subject, **mail))


DEACTIVATED_EN = (
    "Hello,\n\n"
    "Your Amazon seller account has been deactivated and your listings have been removed.\n"
    "We found that several of your products were sold as new although they had been used.\n\n"
    "How do I reactivate my account?\n"
    "Send us a plan of action through Account Health.\n\n"
    "Seller Performance Team"
)
RESTRICTED_DE = (
    "Guten Tag,\n\n"
    "einige Ihrer zuletzt gesendeten Nachrichten wurden Käufern nicht zugestellt.\n\n"
    "Daher können Sie für 14 Tage keine proaktiven Nachrichten an Käufer senden.\n\n"
    "Ihr Verkaufskonto ist davon nicht betroffen.\n\nAmazon Verkäufer-Support"
)


def test_colleague_lines_never_decide_the_kind() -> None:
    """Good news above, a deactivation quoted below (Gmail, en-US)."""
    notice = _read(
        "Great, we're reinstated again! Restart the ads tomorrow.",
        "On Tue, Nov 3, 2026 at 6:05 AM Amazon Seller Performance <seller-performance@amazon.com> wrote:",
        DEACTIVATED_EN,
        "Re: Your Amazon.com selling account",
    )
    assert notice is not None and notice.kind is K.ACCOUNT_DEACTIVATED
    assert notice.forwarded and notice.forwarded_by == "lena@acme-home.example"
    assert notice.sender == "seller-performance@amazon.com"
    # no zone in the attribution: the reply's own (+0100)
    assert notice.received_at == datetime(2026, 11, 3, 5, 5, tzinfo=UTC)


def test_german_gmail_attribution_dates_the_period() -> None:
    notice = _read(
        "Schon wieder? Bitte die Kampagne anhalten.",
        "Am Mo., 2. Nov. 2026 um 09:40 Uhr schrieb Amazon Seller Central <\n"
        "seller-notification@amazon.de>:",
        RESTRICTED_DE,
        "AW: Einschränkung Ihrer Nachrichten an Käufer",
    )
    assert notice is not None and notice.kind is K.MESSAGING_RESTRICTION
    start = datetime(2026, 11, 2, 8, 40, tzinfo=UTC)  # 09:40 +0100
    assert notice.received_at == start
    assert notice.ends_at == start + timedelta(days=14)
    assert notice.marketplace == "amazon.de"


def test_french_thunderbird_attribution_without_an_address() -> None:
    """No address in the attribution: at most unverified, as a forward."""
    notice_text = (
        "Bonjour,\n\n"
        "Nous avons supprimé certaines de vos offres car nous avons reçu une réclamation du titulaire "
        "des droits selon laquelle elles enfreignent sa marque.\n\n"
        "ASIN : B0FRREPLY1\nType de violation : Marque déposée\nID de réclamation : 8812345678\n\n"
        "Amazon.fr"
    )
    notice = _read(
        "Tu peux regarder ça ? Je pense que c'est une erreur.",
        "Le 02/11/2026 à 08:05, Service Vendeurs Amazon a écrit :",
        notice_text,
        "Re: Réclamation pour violation de droits",
    )
    assert notice is not None and notice.kind is K.IP_COMPLAINT
    assert notice.forwarded and notice.sender == ""
    assert notice.authenticity is Authenticity.UNVERIFIED
    assert notice.received_at == datetime(2026, 11, 2, 7, 5, tzinfo=UTC)


def test_spanish_apple_mail_attribution() -> None:
    notice_text = (
        "Hola:\n\nHemos revisado tu plan de acción y nos complace informarte de que tu cuenta de "
        "vendedor ha sido reactivada.\n\nGracias por vender en Amazon.es."
    )
    notice = _read(
        "¡Por fin!",
        "El 4 nov 2026, a las 11:10, Amazon Seller Performance <seller-performance@amazon.es> escribió:",
        notice_text,
        "RE: Tu cuenta de vendedor",
        sender="Lucía <lucia@acme-home.example>",
    )
    assert notice is not None and notice.kind is K.ACCOUNT_REINSTATED
    assert notice.forwarded and notice.authenticity is Authenticity.UNVERIFIED


def test_italian_reply_to_a_reply_reads_the_nested_quote() -> None:
    notice_text = (
        "Gentile venditore,\n\nabbiamo rimosso alcune delle tue offerte perché il titolare dei diritti "
        "ci ha segnalato che violano il suo copyright.\n\nASIN: B0ITREPLY2\nID reclamo: 7723456789\n\nAmazon.it"
    )
    body = (
        "Ho già scritto al titolare.\n\n"
        "Il giorno mer 4 nov 2026 alle ore 10:02 Marco Bianchi <marco@acme-home.example> ha scritto:\n"
        "> Chi se ne occupa?\n>\n"
        "> Il giorno mar 3 nov 2026 alle ore 18:30 Amazon <seller-notification@amazon.it> ha scritto:\n"
        + _quote(notice_text, ">> ")
        + "\n"
    )
    notice = notice_of(_reply(body, "R: Re: Reclamo sul copyright"))
    assert notice is not None and notice.kind is K.IP_COMPLAINT
    assert notice.sender == "seller-notification@amazon.it"
    assert notice.received_at == datetime(2026, 11, 3, 17, 30, tzinfo=UTC)


JA_RESTRICTED = (
    "出品者様\n\n最近送信されたメッセージの一部が購入者に配信されませんでした。\n\n"
    "そのため、30日間、購入者へのプロアクティブなメッセージの送信が制限されています。\n\nAmazon.co.jp"
)


@pytest.mark.parametrize(
    "attribution",
    [
        "2026年11月1日(日) 8:15 Amazon <seller-notification@amazon.co.jp>:",
        "2026/11/01 8:15 に Amazon さんは書きました:",
    ],
    ids=["gmail", "thunderbird"],
)
def test_japanese_attributions(attribution: str) -> None:
    notice = _read(
        "確認お願いします。",
        attribution,
        JA_RESTRICTED,
        "Re: メッセージの送信制限について",
        date="Mon, 02 Nov 2026 10:00:00 +0900",
    )
    assert notice is not None and notice.kind is K.MESSAGING_RESTRICTION
    start = datetime(2026, 10, 31, 23, 15, tzinfo=UTC)  # 8:15 +0900
    assert notice.received_at == start
    assert notice.ends_at == start + timedelta(days=30)


def test_reply_to_amazon_bounce_quoting_the_sellers_message() -> None:
    """The quoted bounce itself quotes the seller's message under an
    "Original message" block: the reply is the bounce, not the seller's mail."""
    bounce = (
        "This message was not delivered because your account was temporarily restricted from "
        "sending proactive messages.\n\n----- Original message -----\n"
        "From: Acme <sales@acme-home.example>\nDate: Sun, 1 Nov 2026 10:00:00 +0000\n"
        "Subject: How was your order 113-4829104-7712093?\n\nHi, please leave a review!"
    )
    notice = _read(
        "Why is this bouncing?",
        "On Mon, Nov 2, 2026 at 9:00 AM <donotreply@amazon.com> wrote:",
        bounce,
        "Re: Message not delivered",
    )
    assert notice is not None and notice.kind is K.MESSAGE_UNDELIVERED
    assert notice.forwarded and notice.sender == "donotreply@amazon.com"


def test_quoted_notice_is_never_verified() -> None:
    """The reply passes DMARC at a trusted server, but that is the
    colleague's domain: the quote is at most unverified; from outside the
    organisation, suspicious."""
    attribution = "On Tue, Nov 3, 2026 at 6:05 AM Amazon <seller-performance@amazon.com> wrote:"
    inside = _read("FYI", attribution, DEACTIVATED_EN, "Re: account")
    assert inside is not None and inside.authenticity is Authenticity.UNVERIFIED
    outside = _read(
        "FYI", attribution, DEACTIVATED_EN, "Re: account", sender="Agency <ops@agency.example>"
    )
    assert outside is not None and outside.authenticity is Authenticity.SUSPICIOUS


def test_lookalike_address_in_the_attribution_is_suspicious() -> None:
    body = (
        "Is this real?\n\nOn Tue, Nov 3, 2026 at 6:05 AM Amazon Seller Central <alerts@amazon-seller-verify.example> wrote:\n"
        + _quote(DEACTIVATED_EN)
        + "\n"
    )
    notice = notice_of(_reply(body, "Re: account deactivated"))
    assert notice is not None and notice.authenticity is Authenticity.SUSPICIOUS


def test_numeric_attribution_date_reads_as_the_reply_allows() -> None:
    sent = datetime(2026, 11, 5, 16, 30, tzinfo=UTC)
    # 11/03: March 11 and November 3 both before the reply; November 3 is nearer
    assert quoted_date("11/03/2026 9:12 AM", sent) == datetime(2026, 11, 3, 9, 12, tzinfo=UTC)
    # 04/11: April 11 (month first) or 4 November (day first): the nearer
    assert quoted_date("04/11/2026 09:12", sent) == datetime(2026, 11, 4, 9, 12, tzinfo=UTC)
    # only readable as after the reply: no date
    assert quoted_date("12/12/2026 09:12", sent) is None


def test_reply_subject() -> None:
    assert reply_subject("AW: RE: Fwd: Ihr Verkäuferkonto") == "Ihr Verkäuferkonto"
    assert reply_subject("R: Reclamo") == "Reclamo"
    assert reply_subject("Restricted again??") == ""


@pytest.mark.parametrize(
    ("sender", "subject", "text"),
    [
        (
            "seller-messages@amazon.de",
            "Beschwerde über eine Nachricht an einen Käufer",
            "Guten Tag,\n\nein Käufer hat sich bei uns über eine Nachricht von Ihnen beschwert.\n\nAmazon",
        ),
        (
            "seller-messages@amazon.fr",
            "Plainte d'un acheteur au sujet de votre message",
            "Bonjour,\n\nUne acheteuse nous a signalé votre message la semaine dernière.\n\nAmazon",
        ),
    ],
    ids=["de", "fr"],
)
def test_a_complaint_subject_supports_amazons_report(sender: str, subject: str, text: str) -> None:
    """Amazon's report of a buyer's complaint: its subject ("subject-reported"
    in buyer_complaint.toml) counts; the rule used to read the reply-prefix
    group under that name, so the report fell short of the threshold."""
    assert_decided(K.BUYER_COMPLAINT, amazon_mail(sender, subject, text))


# --- guards: replies that are no notice --------------------------------------------------


def test_guard_buyer_reply_quoting_the_sellers_message() -> None:
    """A buyer answers from their own address, quoting the seller's message."""
    notice = _read(
        "Please stop writing to me about reviews.",
        "On Mon, Nov 2, 2026 at 9:00 AM Acme Home <sales@acme-home.example> wrote:",
        "Hi! We hope you love your order 113-4829104-7712093.\nPlease leave us a review.",
        "Re: Your order",
        sender="Pat <pat@mailbox.example>",
        to="sales@acme-home.example",
    )
    assert notice is None


def test_guard_buyer_reply_quoting_a_relay_address() -> None:
    """The seller's message came through the relay: its relay address is
    Amazon's domain, but the quote is the seller's message, not a notice."""
    body = (
        "Stop it.\n\n"
        "Am Mo., 2. Nov. 2026 um 09:00 Uhr schrieb Acme Home - Amazon Marketplace <\n"
        "7ab3k2@marketplace.amazon.de>:\n"
        "> Ihr Konto wurde für 14 Tage eingeschränkt, bitte bewerten Sie uns trotzdem.\n"
    )
    raw = _reply(
        body,
        "AW: Ihre Bestellung",
        sender="Kai <kai@mailbox.example>",
        to="sales@acme-home.example",
    )
    assert notice_of(raw) is None


def test_guard_colleague_reply_quoting_an_ordinary_mail() -> None:
    body = (
        "Looks like we're restricted again, can you check?\n\n"
        "Le 02/11/2026 à 08:05, Fournisseur Dupont <contact@dupont-supply.example> a écrit :\n"
        "> Bonjour, la livraison de la semaine prochaine est retardée de 30 jours.\n"
    )
    assert notice_of(_reply(body, "Re: Livraison")) is None


@pytest.mark.parametrize(
    "quoted",
    [
        "> This email was sent from a notification-only address that cannot accept incoming email.\n"
        "> Please do not reply to this message.\n",
        "> Hello,\n>\n> [message clipped]\n",
    ],
    ids=["footer", "clipped"],
)
def test_a_scrap_of_a_notice_invents_no_kind(quoted: str) -> None:
    """The subject alone (a reinstatement's) never decides a quote's kind,
    and the colleague's lines do not either (the old code read the whole
    reply as a notice claiming Amazon)."""
    body = (
        "Restricted again, can you check?\n\n"
        "On Tue, Nov 3, 2026 at 6:05 AM Amazon <seller-performance@amazon.com> wrote:\n" + quoted
    )
    assert notice_of(_reply(body, "Re: Your Amazon seller account has been reinstated")) is None


def test_reply_over_a_quoted_forward_reads_the_forward() -> None:
    """A reply that quotes a colleague's forward: the forward's quoted
    headers name Amazon and date it, and its body is read at the quote
    level of its header block (it was all ``>`` lines, ignored)."""
    forward = (
        "---------- Forwarded message ---------\n"
        "From: Amazon Services <seller-notification@amazon.com>\n"
        "Date: Sun, 1 Nov 2026 08:00:00 +0000\nSubject: Your account\n\n" + DEACTIVATED_EN
    )
    notice = _read(
        "On it.",
        "On Mon, Nov 2, 2026 at 9:00 AM Mia <mia@acme-home.example> wrote:",
        forward,
        "Re: Fwd: Your account",
    )
    assert notice is not None and notice.kind is K.ACCOUNT_DEACTIVATED
    assert notice.received_at == datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def test_guard_outlook_reply_block_is_read_as_before() -> None:
    """Outlook puts the original under a From/Sent block without markers:
    forward.py reads that block in a reply ("RE:") already."""
    body = (
        "Can you check?\n\n________________________________\n"
        "From: Amazon Seller Performance <seller-performance@amazon.com>\n"
        "Sent: Tuesday, November 3, 2026 6:05 AM\nTo: team@acme-home.example\n"
        "Subject: Your Amazon.com selling account\n\n" + DEACTIVATED_EN + "\n"
    )
    notice = notice_of(_reply(body, "RE: Your Amazon.com selling account"))
    assert notice is not None and notice.kind is K.ACCOUNT_DEACTIVATED and notice.forwarded


# --- a future appeal in the conditional mood decides no appeal ----------------------------
#: Reinstatements that close with a caution about a future appeal (the class
#: the fr-CA reply of unseen8 showed, here in other languages and words).
CAUTIONED = [
    (
        "seller-performance@amazon.de",
        "Ihr Verkäuferkonto",
        "Guten Tag,\n\nwir haben Ihren Maßnahmenplan geprüft und Ihr Verkäuferkonto wurde wieder aktiviert.\n\nBei weiteren Verstößen könnte ein erneuter Einspruch abgelehnt werden.\n\nAmazon.de",
    ),
    (
        "seller-performance@amazon.es",
        "Tu cuenta de vendedor",
        "Hola:\n\nHemos revisado tu plan de acción y tu cuenta de vendedor ha sido reactivada.\n\nTen en cuenta que otra infracción podría desactivar tu cuenta de nuevo y que una nueva apelación podría entonces no ser aceptada.\n\nAmazon.es",
    ),
    (
        "seller-performance@amazon.it",
        "Il tuo account venditore",
        "Ciao,\n\nabbiamo esaminato il tuo piano d'azione e il tuo account venditore è stato riattivato.\n\nUlteriori violazioni potrebbero causare una nuova disattivazione e un ricorso potrebbe allora non essere accolto.\n\nAmazon.it",
    ),
]


@pytest.mark.parametrize("case", CAUTIONED, ids=["de", "es", "it"])
def test_a_future_appeal_in_the_conditional_decides_no_appeal(case: tuple[str, str, str]) -> None:
    assert_decided(K.ACCOUNT_REINSTATED, amazon_mail(*case))


@pytest.mark.parametrize(
    "text",
    [
        "Guten Tag,\n\nIhr Einspruch wurde abgelehnt. Ihr Konto bleibt deaktiviert.\n\nAmazon.de",
        "Bonjour,\n\nVotre recours a été refusé et votre compte ne peut pas être réactivé.\n\nAmazon.fr",
    ],
    ids=["de", "fr"],
)
def test_guard_a_refused_appeal_stays_a_decision(text: str) -> None:
    notice = notice_of(amazon_mail("seller-performance@amazon.de", "Ihr Einspruch", text))
    assert notice is not None and notice.kind is K.APPEAL_DECISION, notice.signals
