# ruff: noqa: E501  (sentences are data)
"""A good-news decision that is negated never counts (auditor.notices.negation):
bad news read as good news is the worst error for a seller. The negation may
sit anywhere earlier in the clause, inside the phrase's own gap, after the
verb (German, Japanese), or open before a comma; a negation in another
clause, or one that is the phrase's own word, leaves good news good."""

from __future__ import annotations

import dataclasses

import pytest

from auditor.notices.kinds import ACCOUNT_BACK, CLEARED, LISTING_BACK, RETRACTED
from auditor.notices.model import NoticeKind
from auditor.notices.negation import negated
from auditor.notices.signals import Doc
from auditor.notices.text import compile_phrases
from tests.notices.conftest import amazon_mail, notice_of

GOOD_NEWS = (ACCOUNT_BACK, LISTING_BACK, CLEARED, RETRACTED)

#: (lang, sentence, good news?): every sentence holds a good-news phrase.
SENTENCES = [
    # French: ne … pas / plus / jamais, however long the construction
    ("fr", "Votre offre ne peut pas être réactivée.", False),
    (
        "fr",
        "Après un nouvel examen de votre dossier, votre offre ne pourra malheureusement pas être réactivée.",
        False,
    ),
    ("fr", "Votre compte n'a pas été réactivé.", False),
    ("fr", "Nous n'avons constaté aucun autre problème, votre compte a été réactivé.", True),
    ("fr", "Votre offre a été réactivée.", True),
    # English
    ("en", "We have not found any further issues, your account has been reinstated.", True),
    ("en", "Your account no longer has any violations.", True),
    ("en", "No further action is required; your listing has been reinstated.", True),
    ("en", "We reinstated your account.", True),
    ("en", "We have not reinstated your listing for ASIN B0NEGEN001.", False),
    (
        "en",
        "After looking at the invoices you uploaded last week once more, we have unfortunately still not restored the listings.",
        False,
    ),
    # German: nicht / kein, before the participle or closing the clause
    (
        "de",
        "Ihr Konto kann aufgrund der fehlenden Unterlagen leider derzeit nicht wieder aktiviert werden.",
        False,
    ),
    ("de", "Ihr Angebot wurde nach der Prüfung Ihrer Unterlagen nicht wieder aktiviert.", False),
    ("de", "Wir haben keine weiteren Verstöße festgestellt, Ihr Konto wurde reaktiviert.", True),
    ("de", "Ihr Konto wurde reaktiviert und unterliegt keinen Einschränkungen mehr.", True),
    # Spanish
    (
        "es",
        "Después de revisar de nuevo toda la documentación que nos enviaste, tu cuenta no ha sido reactivada.",
        False,
    ),
    ("es", "No hemos encontrado más problemas, tu cuenta ha sido reactivada.", True),
    ("es", "Hemos reactivado tu cuenta.", True),
    # Italian
    (
        "it",
        "Dopo un'attenta verifica dei documenti che ci hai inviato, il tuo account non può essere riattivato.",
        False,
    ),
    ("it", "Non abbiamo riscontrato altri problemi, il tuo account è stato riattivato.", True),
    ("it", "Abbiamo riattivato la tua offerta.", True),
    # Japanese: the negation follows the verb
    ("ja", "問題は見つかりませんでしたので、アカウントを再開しました。", True),
    ("ja", "アカウントを再開いたしました。", True),
]


@pytest.mark.parametrize(("lang", "sentence", "good"), SENTENCES, ids=lambda v: str(v)[:40])
def test_good_news_phrases_respect_negation(lang: str, sentence: str, good: bool) -> None:
    doc = Doc(subject="", body=sentence, lang=lang)
    plain = [dataclasses.replace(s, negatable=False) for s in GOOD_NEWS]
    assert any(s.find(doc) for s in plain), "the sentence must hold a good-news phrase"
    assert any(s.find(doc) for s in GOOD_NEWS) is good


#: A stand-in for a good-news phrase in each language (the verb only), so
#: sentences whose wording no phrase file holds still test the negation.
_VERB = compile_phrases(
    [
        "reinstat\\w*",
        "réactiv\\w*",
        "wieder aktiviert",
        "reaktivier\\w*",
        "reactiv\\w*",
        "riattiv\\w*",
        "再開",
    ]
)

NEGATIONS = [
    (
        "en",
        "We are unable, based on the information provided so far in your appeal, to reinstate your account.",
        True,
    ),
    ("en", "We cannot, at this stage of the review, reinstate your account.", True),
    (
        "en",
        "After reviewing the documents you sent, we are still not in a position to reinstate the account.",
        True,
    ),
    (
        "en",
        "Although the first invoice could not be verified, we have reinstated your account.",
        False,
    ),
    ("en", "Complaint no. 5521 was reviewed and your account was reinstated.", False),
    ("de", "Wir reaktivieren Ihr Konto derzeit nicht.", True),
    ("de", "Wir reaktivieren Ihr Konto nicht, da die Rechnungen fehlen.", True),
    ("de", "Da keine Verstöße mehr vorliegen, wurde Ihr Konto reaktiviert.", False),
    ("fr", "Nous ne pouvons, à ce stade de l'examen, réactiver votre compte.", True),
    (
        "fr",
        "Nous ne sommes malheureusement pas en mesure, à ce stade, de réactiver votre compte.",
        True,
    ),
    ("fr", "Aucune autre action n'est requise ; nous avons réactivé votre compte.", False),
    ("es", "No podemos, con la documentación recibida, reactivar tu cuenta.", True),
    ("es", "Tu oferta no se ha podido reactivar todavía.", True),
    ("es", "No hubo más incidencias; hemos reactivado tu cuenta.", False),
    ("it", "Non possiamo, sulla base dei documenti ricevuti, riattivare il tuo account.", True),
    ("it", "Il tuo account non potrà essere riattivato.", True),
    ("it", "Non è necessaria alcuna azione: abbiamo riattivato il tuo account.", False),
    (
        "ja",
        "慎重に確認いたしましたが、現時点ではお客様のアカウントを再開することはできかねます。",
        True,
    ),
    ("ja", "アカウントの再開は、現時点では行うことができません。", True),
    ("ja", "出品は再開されませんでした。", True),
    ("ja", "出品を再開し、制限はありません。", False),
    ("ja", "アカウントを再開しましたが、一部の出品はまだ表示されません。", False),
]


@pytest.mark.parametrize(("lang", "sentence", "negative"), NEGATIONS, ids=lambda v: str(v)[:40])
def test_negation_scope_in_six_languages(lang: str, sentence: str, negative: bool) -> None:
    match = _VERB.search(sentence)
    assert match is not None
    assert negated(sentence, match, lang) is negative
    # a wrong or missing language guess must not turn bad news into good news
    if negative:
        assert negated(sentence, match, None)


def test_a_phrase_that_is_negative_itself_is_not_negated_by_its_own_words() -> None:
    pattern = compile_phrases(["no longer (?:has|have) (?:any )?violations?"])
    sentence = "Your account no longer has any violations."
    match = pattern.search(sentence)
    assert match is not None and not negated(sentence, match, "en")
    # … but a negation in the phrase's gap is one
    gap = compile_phrases(["offres? … réactivée"])
    sentence = "Votre offre ne peut pas être réactivée."
    match = gap.search(sentence)
    assert match is not None and negated(sentence, match, "fr")


def _mail(sender: str, subject: str, body: str) -> bytes:
    return amazon_mail(sender, subject, body, "<n@example.org>")


REFUSED = [
    (
        "seller-performance@amazon.fr",
        "Votre offre ASIN B0NEGFR001",
        "Bonjour,\n\nNous avons examiné les documents fournis. Votre offre pour l'ASIN B0NEGFR001 ne peut malheureusement pas être réactivée pour le moment.\n\nCordialement,\nAmazon.fr",
    ),
    (
        "seller-performance@amazon.de",
        "Ihr Angebot ASIN B0NEGDE001",
        "Guten Tag,\n\nwir haben Ihre Unterlagen geprüft. Wir reaktivieren Ihr Angebot für ASIN B0NEGDE001 derzeit nicht.\n\nMit freundlichen Grüßen\nAmazon.de",
    ),
    (
        "seller-performance@amazon.co.jp",
        "ASIN B0NEGJP001 の出品について",
        "出品者様\n\nご提出いただいた書類を確認いたしましたが、ASIN B0NEGJP001 の出品を再開することはできかねます。\n\nAmazon.co.jp",
    ),
]


@pytest.mark.parametrize(("sender", "subject", "body"), REFUSED, ids=lambda v: str(v)[:20])
def test_a_refused_reinstatement_is_never_good_news(sender: str, subject: str, body: str) -> None:
    notice = notice_of(_mail(sender, subject, body))
    assert notice is not None
    assert notice.kind not in (NoticeKind.LISTING_REINSTATED, NoticeKind.ACCOUNT_REINSTATED)


def test_a_complaint_not_retracted_stays_a_complaint() -> None:
    body = (
        "Hello,\n\nWe removed your listing for ASIN B0NEGEN002 because a rights owner reported "
        "that it infringes their trademark; the complaint has not been retracted.\n\n"
        "Complaint ID: 7712093345\n\nAmazon Seller Performance"
    )
    notice = notice_of(_mail("seller-performance@amazon.com", "Trademark complaint", body))
    assert notice is not None and notice.kind is NoticeKind.IP_COMPLAINT
