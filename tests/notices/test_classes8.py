# ruff: noqa: E501  (mail bodies are data)
"""The classes of misses found on tests/notices/unseen8, fixed as classes and
checked here in other words (and mostly other languages) than the held-out
mails: fr-CA "lignes directrices"; listings reinstated with a first-person
verb and an object pronoun ("lo restablecimos", "l'abbiamo ripristinata");
Spanish preterite buyer reports; "risks deactivation" said with the verb;
bulleted conditions; "場合だけ" as "only when"; a text part that only points
to the HTML part; statements about retracted complaints at large; a number
written both ways ("thirty (30) days")."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from auditor.notices.decision import read
from auditor.notices.kinds import RESTRICTED, TEMPLATES_ONLY
from auditor.notices.model import NoticeKind
from auditor.notices.period import extract_period
from auditor.notices.text import logical_lines, normalize
from tests.notices.conftest import amazon_mail, assert_decided, notice_of

K = NoticeKind

MAILS = [
    # fr-CA writes "lignes directrices" where fr-FR writes "directives"
    (
        K.MESSAGE_BLOCKED,
        "donotreply@amazon.ca",
        "Courriel non transmis - commande 702-1111111-2222222",
        "Bonjour,\n\nNous n'avons pas pu transmettre votre courriel au client de la commande 702-1111111-2222222.\n\nIl n'a pas été distribué puisqu'il n'était pas conforme aux lignes directrices sur les communications entre acheteurs et vendeurs.\n\nSeller Central",
    ),
    # a listing reinstated said with a first-person verb and an object pronoun
    (
        K.LISTING_REINSTATED,
        "no-reply@amazon.es",
        "Novedades sobre el ASIN B0AAAA1111",
        "Hola:\n\nComprobamos las facturas que nos mandaste para la oferta indicada y la restablecimos esta mañana.\n\nASIN: B0AAAA1111\n\nSaludos,\nAmazon.es",
    ),
    (
        K.LISTING_REINSTATED,
        "no-reply@amazon.com",
        "An update on ASIN B0AAAA2222",
        "Hello,\n\nWe checked the invoices you sent for the product below and reactivated it.\n\nASIN: B0AAAA2222\n\nAmazon Seller Support",
    ),
    # a buyer's report in the Spanish preterite (es-MX)
    (
        K.BUYER_COMPLAINT,
        "seller-notification@amazon.com.mx",
        "Aviso sobre uno de tus mensajes",
        "Hola:\n\nUna clienta nos reportó uno de tus mensajes del pedido 701-1111111-2222222 por contener publicidad.\n\nRevisa tus plantillas automáticas.\n\nAmazon Seller Central",
    ),
    # an account at risk said with the verb "to risk"
    (
        K.ACCOUNT_AT_RISK,
        "seller-performance@amazon.fr",
        "Action requise : votre compte vendeur",
        "Bonjour,\n\nPlusieurs de vos offres enfreignent notre politique sur les produits soumis à restrictions.\n\nVotre compte vendeur risque la désactivation.\n\nEnvoyez un plan d'action dans les 72 heures.\n\nAmazon.fr",
    ),
    (
        K.ACCOUNT_AT_RISK,
        "seller-performance@amazon.it",
        "Azione richiesta sul tuo account",
        "Ciao,\n\nabbiamo rilevato violazioni ripetute delle nostre norme sulle recensioni.\n\nIl tuo account venditore ora rischia la sospensione.\n\nInvia un piano d'azione entro 72 ore.\n\nAmazon.it",
    ),
    # "場合だけ" / "場合のみ" is "only when", not a condition
    (
        K.TEMPLATES_ONLY_RESTRICTION,
        "seller-performance@amazon.co.jp",
        "購入者への連絡方法についてのお知らせ",
        "出品者様\n\nガイドラインに沿っていないメッセージが見つかりました。\n\n本日から14日間、購入者への連絡はAmazonのテンプレートを利用した場合だけ送信できます。自由記述のメッセージはご利用いただけません。\n\nAmazon.co.jp",
    ),
]


@pytest.mark.parametrize("case", MAILS, ids=lambda case: f"{case[0].value}-{case[1]}")
def test_fixed_classes_in_other_words(case: tuple[NoticeKind, str, str, str]) -> None:
    kind, sender, subject, body = case
    assert_decided(kind, amazon_mail(sender, subject, body))


@pytest.mark.parametrize(
    ("lang", "item"),
    [
        ("de", "• Wenn wir den Einspruch ablehnen, nennen wir Ihnen die Gründe."),
        (
            "fr",
            "* Si nous ne pouvons pas accepter votre appel, nous vous en indiquerons les raisons.",
        ),
        ("es", "1. Si no podemos aceptar la apelación, te diremos por qué."),
        ("it", "- Se non possiamo accogliere il ricorso, te ne spiegheremo i motivi."),
    ],
)
def test_a_bulleted_condition_is_a_condition(lang: str, item: str) -> None:
    found = read(f"We received your appeal.\n\n{item}", lang)
    assert item not in found.decision.splitlines()
    assert item in found.conditional.splitlines()


def test_only_when_in_japanese_keeps_the_period() -> None:
    _, sender, subject, body = MAILS[-1]
    notice = notice_of(amazon_mail(sender, subject, body))
    assert notice.ends_at == datetime(2026, 11, 17, 10, tzinfo=UTC) + timedelta(days=14)


#: Newsletters that speak of retracted complaints at large.
AT_LARGE = [
    (
        "seller-news@amazon.fr",
        "Actualités vendeurs : nouveautés de décembre",
        "Bonjour,\n\nPropriété intellectuelle : le titulaire des droits peut désormais annuler une réclamation en un clic.\n\nLes plaintes retirées sont supprimées de la santé du compte sous 24 heures.\n\nAmazon.fr",
    ),
    (
        "seller-news@amazon.com",
        "Seller news: what changes in January",
        "Hello,\n\nBrand protection: a rights holder can now take back a complaint from the Report a Violation tool.\n\nWithdrawn notices no longer count against the account health rating.\n\nAmazon Seller News",
    ),
]


@pytest.mark.parametrize("case", AT_LARGE, ids=["fr", "en"])
def test_retracted_complaints_at_large_are_no_retraction(case: tuple[str, str, str]) -> None:
    notice = notice_of(amazon_mail(*case))
    assert notice is not None and notice.kind is K.OTHER_AMAZON, notice.signals


def _stub_and_html(sender: str, subject: str, stub: str, html: str) -> bytes:
    """A mail whose text part only points to its HTML part."""
    return (
        f"From: Amazon <{sender}>\r\nTo: shop@example.org\r\nSubject: {subject}\r\n"
        "Date: Tue, 17 Nov 2026 10:00:00 +0000\r\nMessage-ID: <s@example.org>\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        f"{base64.encodebytes(stub.encode()).decode()}\r\n"
        "--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        f"{base64.encodebytes(html.encode()).decode()}\r\n--b--\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("sender", "subject", "stub", "html", "kind"),
    [
        (
            "seller-performance@amazon.de",
            "Maßnahmen erforderlich",
            "Sie können diese E-Mail nicht lesen? Öffnen Sie sie im Browser:\nhttps://sellercentral.amazon.de/x",
            "<html><body><p>Guten Tag,</p><p>wegen mehrerer Verstöße gegen unsere Richtlinien ist Ihr Konto gefährdet: Es könnte innerhalb von 72 Stunden deaktiviert werden.</p><p>Betroffen sind drei Angebote, die gegen unsere Richtlinien für eingeschränkte Produkte verstoßen. Reichen Sie über die Seite Kontozustand einen Maßnahmenplan ein, der die Ursache und Ihre Abhilfe beschreibt.</p><p>Amazon.de</p></body></html>",
            K.ACCOUNT_AT_RISK,
        ),
        (
            "seller-performance@amazon.it",
            "Informazioni sui messaggi ai clienti",
            "Visualizza questa e-mail nel browser: https://sellercentral.amazon.it/x",
            "<html><body><p>Ciao,</p><p>di conseguenza, non puoi più inviare messaggi proattivi agli acquirenti: l'invio di messaggi proattivi è limitato per 30 giorni.</p><p>Abbiamo rilevato messaggi che offrivano sconti in cambio di recensioni positive. Puoi comunque rispondere ai messaggi che gli acquirenti ti inviano e continuare a vendere.</p><p>Amazon.it</p></body></html>",
            K.MESSAGING_RESTRICTION,
        ),
    ],
    ids=["de", "it"],
)
def test_a_text_part_that_only_points_to_the_html_is_not_the_body(
    sender: str, subject: str, stub: str, html: str, kind: NoticeKind
) -> None:
    notice = notice_of(_stub_and_html(sender, subject, stub, html))
    assert notice is not None and notice.kind is kind, notice and notice.signals


START = datetime(2026, 11, 9, 8, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("You are restricted from sending proactive messages for thirty (30) days.", "en", 30),
        ("Ihre proaktiven Nachrichten sind für vierzehn (14) Tage eingeschränkt.", "de", 14),
        ("L'envoi de messages proactifs est restreint pendant quinze (15) jours.", "fr", 15),
        ("Los mensajes proactivos quedan restringidos durante 60 (sesenta) días.", "es", 60),
        ("L'invio di messaggi proattivi è limitato per novanta (90) giorni.", "it", 90),
    ],
)
def test_a_number_written_both_ways_is_one_length(text: str, lang: str, days: int) -> None:
    found = extract_period(
        "",
        logical_lines(normalize(text)),
        START,
        lang,
        None,
        context=(RESTRICTED.pattern, TEMPLATES_ONLY.pattern),
    )
    assert found.duration == timedelta(days=days)
    assert found.ends_at == START + timedelta(days=days)


def test_two_forms_that_disagree_state_no_length() -> None:
    text = "You are restricted from sending proactive messages for thirty (60) days."
    found = extract_period("", logical_lines(normalize(text)), START, "en", None)
    assert found.duration is None


#: Retractions that recall the complaint they withdraw, or that say the
#: complaint was filed in error (notices.md: retractions are accepted when the
#: rights owner states it made an error).
RETRACTIONS = [
    (
        "notice-dispute@amazon.de",
        "Ihre Anfrage zu Beschwerde 1400000001",
        "Guten Tag,\n\nvielen Dank für Ihre Nachricht zu der Meldung eines Rechteinhabers wegen einer Markenverletzung (Beschwerde-ID 1400000001).\n\nDie Rechteinhaberin hat uns inzwischen bestätigt, dass ihre Meldung versehentlich eingereicht wurde.\n\nASIN: B0RRRR0001\n\nAmazon.de",
    ),
    (
        "notice-dispute@amazon.es",
        "Reclamación 1400000002",
        "Hola:\n\nEl 4 de octubre habíamos retirado tu oferta del ASIN B0RRRR0002 por una denuncia del titular de los derechos por infracción de marca.\n\nEl titular de los derechos nos ha confirmado después que la denuncia se presentó por error.\n\nAmazon.es",
    ),
    (
        "notice-dispute@amazon.it",
        "La tua contestazione 1400000003",
        "Ciao,\n\ngrazie per averci contattato in merito alla segnalazione del titolare dei diritti per violazione del brevetto (ID reclamo 1400000003).\n\nIl titolare dei diritti ci ha confermato che la segnalazione era stata inviata per errore.\n\nASIN: B0RRRR0003\n\nAmazon.it",
    ),
    (
        "notice-dispute@amazon.com",
        "Your dispute 1400000004",
        "Hello,\n\nOn October 4 we had taken down your offer for ASIN B0RRRR0004 after a report from the rights owner that it infringes their copyright.\n\nThe rights owner has since told us that the report was sent by mistake.\n\nAmazon.com",
    ),
]


@pytest.mark.parametrize(("sender", "subject", "body"), RETRACTIONS, ids=["de", "es", "it", "en"])
def test_a_retraction_that_recalls_the_complaint_is_a_retraction(
    sender: str, subject: str, body: str
) -> None:
    notice = notice_of(amazon_mail(sender, subject, body))
    assert notice is not None and notice.kind is K.IP_RETRACTION, notice and notice.signals


#: Complaints that recall an earlier one, or speak of an error only as a
#: possibility or to deny it: they stay complaints.
COMPLAINTS = [
    (
        "notice-dispute@amazon.com",
        "Your dispute 1400000005",
        "Hello,\n\nThank you for contacting us regarding the copyright complaint 1400000005.\n\nWe received a report from the rights owner that your listing ASIN B0RRRR0005 infringes their copyright. The rights owner has not told us that the complaint was filed in error, so the listing stays removed.\n\nAmazon.com",
    ),
    (
        "seller-performance@amazon.de",
        "Markenrechtsverletzung: ASIN B0RRRR0006",
        "Guten Tag,\n\nam 4. Oktober hatten wir Ihr Angebot wegen einer Meldung des Rechteinhabers entfernt. Jetzt hat uns der Rechteinhaber erneut gemeldet, dass ASIN B0RRRR0006 seine Marke verletzt.\n\nWenn der Rechteinhaber bestätigt, dass die Beschwerde irrtümlich eingereicht wurde, aktivieren wir Ihr Angebot wieder.\n\nAmazon.de",
    ),
    (
        "seller-performance@amazon.fr",
        "Atteinte à une marque : ASIN B0RRRR0007",
        "Bonjour,\n\nNous avons supprimé votre offre suite au signalement d'un titulaire de droits indiquant qu'elle porte atteinte à sa marque.\n\nSi le titulaire des droits nous indique que sa plainte a été envoyée par erreur, nous réactiverons votre offre.\n\nAmazon.fr",
    ),
]


@pytest.mark.parametrize(("sender", "subject", "body"), COMPLAINTS, ids=["en", "de", "fr"])
def test_a_complaint_that_speaks_of_an_error_or_an_earlier_removal_stays_a_complaint(
    sender: str, subject: str, body: str
) -> None:
    notice = notice_of(amazon_mail(sender, subject, body))
    assert notice is not None and notice.kind is K.IP_COMPLAINT, notice and notice.signals
