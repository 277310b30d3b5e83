"""BSM303 review-change-request."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import find, phrases, sentence

#: Asking to change, update or remove a review or feedback (the review named in the phrase).
CHANGE = phrases("review_change", "change")
#: "Could you update it?": the thing changed is named in this or the previous sentence.
CHANGE_IT = phrases("review_change", "change_it")
#: A review, rating or feedback named.
REVIEW_WORD = phrases("review_change", "review_word")
#: "It is possible to update…", "vous pouvez…", "することができます": telling the
#: buyer what they may do, which Amazon allows after a resolved problem.
NOTICE = phrases("review_change", "notice")
#: A request, pressure or an incentive ("could you", "please", "5 stars",
#: "a voucher"): what makes a sentence about changing feedback a request.
REQUEST = phrases("review_change", "request")


def is_notice(sentence_text: str) -> bool:
    """True when the sentence only tells the buyer that they may update or
    remove their feedback (Amazon's "acceptable notification"), without a
    question, a request, pressure or an incentive."""
    if "?" in sentence_text or "？" in sentence_text:
        return False
    return bool(NOTICE.search(sentence_text)) and not REQUEST.search(sentence_text)


def _previous_sentence(text: str, left: int) -> str:
    """The sentence before the one starting at ``left`` ("" at the start)."""
    end = left
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return ""
    return sentence(text, end - 1, end)[0]


class ReviewChangeRequest(Rule):
    """Asks the buyer to change, update or remove a review or feedback.

    Flags "update your review", "would you consider removing your feedback",
    "Ihre Bewertung zu ändern", "modifier votre avis", "actualizar su
    reseña", "modificare la sua recensione", "レビューの変更", and "could you
    update it?" when the sentence or the one before names the review, in the
    subject, plain text or HTML. Quoted mail and the legal footer are not
    read. The phrases are data: ``rules/phrases/review_change.toml``.

    Amazon's wording wins over a literal reading (Seller Central help
    202126280, "Resolve and respond to buyer feedback"): after resolving a
    buyer's problem, a seller may *notify* the buyer that it is possible to
    update, remove or add to their feedback if they wish. A sentence that
    only says so ("If you are satisfied that we have resolved your
    concerns, it is possible to update or remove the feedback you
    originally provided here"; "vous avez la possibilité de…";
    "…することができます") is not flagged. It is flagged as soon as it asks (a question,
    "please", "could you", "していただけますか"), pressures (a star count,
    "positive") or offers something in return (a voucher, a discount):
    Amazon's own violation examples are "Would you be willing to remove your
    feedback if we provide you with a voucher for 25% off your next
    purchase?" and "問題が解決されましたので、ご提供いただいた低い評価を
    更新または削除していただけますか?".
    """

    code = "BSM303"
    name = "review-change-request"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Reviews": not allowed is "asking to change or remove a review or '
        'feedback". Trigger 3 of "The six triggers named in Amazon\'s restriction e-mail": '
        '"Incentivizing or manipulating product or seller reviews."'
    )
    fix = (
        "Solve the buyer's problem first. Then, at most, tell the buyer what they may do, with "
        "no question, request or offer, as Amazon's example does: \"If you are satisfied that "
        "we have resolved your concerns, it is possible to update or remove the feedback you "
        "originally provided.\" A review that breaks Amazon's rules is reported to Amazon, not "
        "raised with the buyer."
    )
    bad = (
        example("Now that we have sent a replacement, could you please update your review?"),
        example(
            "Wir haben das Problem gelöst. Wären Sie bereit, Ihre Bewertung zu ändern?",
            lang="de",
        ),
        example(
            "Pourriez-vous modifier votre avis maintenant que le problème est réglé ?", lang="fr"
        ),
        example("Le agradeceríamos que eliminara su reseña negativa.", lang="es"),
        example("Potrebbe gentilmente aggiornare la sua recensione?", lang="it"),
        example("問題は解決いたしましたので、評価の変更をご検討いただけますか。", lang="ja"),
        example(
            "We saw your 2-star rating. Would you consider changing it?",
            note="the review named in the previous sentence",
        ),
        example(
            "問題が解決されましたので、ご提供いただいた低い評価を更新または削除していただけますか?",
            lang="ja",
            note="Amazon's violation example (Seller Central help 202126280)",
        ),
    )
    good = (
        example(
            "If you are satisfied that we have resolved your concerns, it is possible to update "
            "or remove the feedback you originally provided here.",
            note="Amazon's acceptable notification (Seller Central help 202126280)",
        ),
        example(
            "Si vous estimez que nous avons résolu votre problème, vous avez la possibilité de "
            "mettre à jour ou de supprimer l'évaluation que vous nous aviez laissée.",
            lang="fr",
            note="the same notification, French",
        ),
        example("Please reply if you need to update your delivery address."),
        example("Thank you for your review; we have passed your comments to our team."),
        example(
            "Wir haben die Anleitung dank Ihres Feedbacks überarbeitet.",
            lang="de",
            note="the seller changed its own manual",
        ),
        example("Merci pour votre avis sincère sur le produit.", lang="fr"),
        example("ご注文内容の変更をご希望の場合はご返信ください。", lang="ja"),
        example(
            "You wrote:\n> I will update my review once the replacement arrives.\n\n"
            "The replacement ships today.",
            note="the buyer's words, quoted",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        seen: set[tuple[str, tuple[int, int]]] = set()
        for location, evidence, span, _match in find(CHANGE, ctx.view):
            if is_notice(evidence):
                continue
            if (location, span) not in seen:
                seen.add((location, span))
                yield Hit(location, evidence, span=span)
        texts = dict(ctx.view.sections())
        for location, evidence, span, _match in find(CHANGE_IT, ctx.view):
            if (location, span) in seen or is_notice(evidence):
                continue
            before = _previous_sentence(texts[location], span[0])
            if REVIEW_WORD.search(evidence) or REVIEW_WORD.search(before):
                seen.add((location, span))
                evidence = f"{before} {evidence}".strip() if before else evidence
                yield Hit(location, evidence, span=span)
