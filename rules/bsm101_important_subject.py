"""BSM101 important-subject-misuse."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.purpose import CRITICAL_GENERIC, CRITICAL_SPECIFIC, REQUEST, is_review_request
from rules.text import View, lexicon, sentence

#: "[Important]" and its localised forms: brackets required, any case (guidelines.md).
IMPORTANT_MARKER = lexicon(
    flags=0x2,  # re.IGNORECASE
    en=[r"\[\s*important\s*\]"],
    de=[r"\[\s*wichtig\s*\]"],
    es=[r"\[\s*importante\s*\]"],
    ja=[r"[\[［【]\s*重要\s*[\]］】]"],
)
#: The contact reason "Additional Information Required", localised.
ADDITIONAL_INFO = lexicon(
    en=[r"additional information required"],
    de=[r"zusätzliche informationen erforderlich"],
    fr=[r"informations supplémentaires requises"],
    es=[r"se requiere información adicional"],
    it=[r"informazioni aggiuntive richieste"],
    ja=[r"追加情報が必要です|追加情報のご提供"],
)


def critical_purpose(view: View) -> bool:
    """True when the message serves a purpose critical to completing the order.

    A specific purpose (delivery scheduling, a missing address, a custom
    design) always counts; a generic one (an invoice, a refund offer, "please
    contact us") only when the message is not also a review request.
    """
    texts = [text for _location, text in view.sections()]
    if any(CRITICAL_SPECIFIC.search(text) for text in texts):
        return True
    generic = any(CRITICAL_GENERIC.search(text) or REQUEST.search(text) for text in texts)
    return generic and not is_review_request(view)


class ImportantSubjectMisuse(Rule):
    """ "[Important]" or "Additional Information Required" on a message that is not critical.

    Flags a subject carrying "[Important]" (``[Wichtig]``, ``[Importante]``,
    ``[重要]``; brackets required, any case) or the contact reason
    "Additional Information Required" in any supported language, when the
    message does not serve a purpose critical to completing the order
    (delivery scheduling, a missing address, a custom design, custom work
    held until the buyer answers, an invoice).
    A review request's "if anything is wrong we will refund it" or "please
    contact us" line does not make it critical.
    """

    code = "BSM101"
    name = "important-subject-misuse"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "The six triggers named in Amazon\'s restriction e-mail", 1: '
        '"[Important]" in the subject line, or the contact reason "Additional Information '
        'Required", when not necessary to complete an order. The marker overrides the '
        "buyer's opt-out, so Amazon treats its misuse as a restriction trigger."
    )
    fix = (
        "Remove the [Important] marker (and the 'Additional Information Required' reason) "
        "from review requests, thank-you notes and anything else not needed to complete the "
        "order. Keep it only for delivery scheduling, missing information or custom orders."
    )
    bad = (
        example(
            "Thank you for your order. We would appreciate your honest review.",
            subject="[Important] How was your order 113-1234567-1234567?",
        ),
        example(
            "Vielen Dank für Ihre Bestellung. Über eine ehrliche Bewertung freuen wir uns.",
            subject="[WICHTIG] Ihre Bestellung 302-1234567-1234567",
            lang="de",
        ),
        example(
            "Gracias por su pedido. Nos encantaría conocer su opinión.",
            subject="[Importante] Su pedido 171-1234567-1234567",
            lang="es",
        ),
        example(
            "ご注文ありがとうございます。商品のレビューをお願いいたします。",
            subject="【重要】ご注文 503-1234567-1234567 について",
            lang="ja",
        ),
        example(
            "Merci pour votre commande 171-1234567-1234567. Votre avis nous intéresse.",
            subject="[Important] Informations supplémentaires requises",
            lang="fr",
        ),
        example(
            "Grazie per l'ordine 171-1234567-1234567. Ci lasci una recensione.",
            subject="Informazioni aggiuntive richieste - ordine 171-1234567-1234567",
            lang="it",
        ),
    )
    good = (
        example(
            "Your sofa is ready to ship. Please reply with a delivery date that suits you.",
            subject="[Important] Delivery appointment needed for order 113-1234567-1234567",
        ),
        example(
            "Bitte bestätigen Sie die Gravur für Ihre Bestellung 302-1234567-1234567.",
            subject="[Wichtig] Gravur bestätigen",
            lang="de",
        ),
        example(
            "Thank you for your order. We would appreciate your honest review.",
            subject="Important: how was your order 113-1234567-1234567?",
            note="without brackets the word is ordinary English",
        ),
        example(
            "配達日時のご指定をお願いいたします。ご注文番号 503-1234567-1234567。",
            subject="【重要】配達日時のご確認",
            lang="ja",
        ),
        example(
            "Para el bordado de las toallas de su pedido 171-2468024-1357913, ¿podría "
            "indicarnos las iniciales (máximo 3 letras)? La producción queda en espera hasta "
            "recibir su respuesta.",
            subject="Se requiere información adicional: pedido 171-2468024-1357913",
            lang="es",
            note="a customisation detail the order cannot be made without",
        ),
        example(
            "ご注文の万年筆に刻印する文字が空欄でした。ご希望の文字をご返信いただき次第、制作を開始いたします。",
            subject="【重要】刻印内容のご確認（注文番号 503-1112223-3344455）",
            lang="ja",
            note="engraving text missing",
        ),
        example(
            "We can't start production on your wedding sign until we know which spelling of the "
            "surname is right: Mcallister or McAllister? Order 113-8080808-9090909.",
            subject="[Important] Your wedding sign order 113-8080808-9090909 is on hold",
            note="custom work held for the buyer's answer",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        marker = IMPORTANT_MARKER.search(msg.subject) or ADDITIONAL_INFO.search(msg.subject)
        location, text = "subject", msg.subject
        if marker is None and ctx.view is not None:
            found = next(
                (
                    (where, body, m)
                    for where, body in ctx.view.sections()
                    if (m := ADDITIONAL_INFO.search(body))
                ),
                None,
            )
            if found:
                location, text, marker = found
        if marker is None or (ctx.view is not None and critical_purpose(ctx.view)):
            return
        evidence, left, right = sentence(text, marker.start(), marker.end())
        yield Hit(location, evidence, span=(left, right))
