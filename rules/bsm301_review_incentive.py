"""BSM301 review-incentive."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.purpose import is_review_request
from rules.text import find, phrases

#: Compensation words: a gift, a refund, money, a discount, a giveaway entry.
REWARD = phrases("review_incentive", "reward")
#: The sentence is about a problem with the order: a refund or replacement there
#: is customer service, unless the sentence ties it to the review (``TIE``).
PROBLEM = phrases("review_incentive", "problem")
#: The reward is conditional on the review.
TIE = phrases("review_incentive", "tie")
#: Review words the reward must be tied to.
REVIEW = phrases("review_incentive", "review")

#: Proof of a review asked for with the reward ("send us a screenshot and
#: we'll send a gift card"): the review itself is named in another sentence.
PROOF = phrases("review_incentive", "proof")


class ReviewIncentive(Rule):
    """Compensation tied to a review or feedback.

    Flags a sentence that offers anything of value (a free gift or product, a
    refund, money, a gift card, a discount, a giveaway entry, "in exchange
    for") in the same sentence as a review, rating or feedback request.
    A refund or replacement offered for a problem with the order is customer
    service, unless the sentence makes it conditional on the review ("for
    your review", "in exchange", "once you have posted"). A reward for a
    screenshot (proof of the review) counts when the message asks for a
    review anywhere. Offers elsewhere in the message are BSM201's business.
    """

    code = "BSM301"
    name = "review-incentive"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Reviews": not allowed is "any compensation: money, gift cards, free '
        "or discounted products, refunds or reimbursements, future benefits, entries into "
        'giveaways". Trigger 3 of "The six triggers named in Amazon\'s restriction e-mail": '
        '"Incentivizing or manipulating product or seller reviews."'
    )
    fix = (
        "Ask for an honest review with nothing offered in return. Resolve problems (refunds, "
        "replacements) on their own merits, never conditional on a review."
    )
    bad = (
        example("Leave a review and we'll send you a free gift."),
        example("Wir erstatten Ihnen den Kaufpreis für eine Bewertung.", lang="de"),
        example("Laissez un avis et recevez une carte cadeau de 10 €.", lang="fr"),
        example("Deje su reseña y participe en el sorteo de un regalo.", lang="es"),
        example("Lasci una recensione e riceverà un buono sconto del 20%.", lang="it"),
        example("レビューを書いていただいた方にギフト券をプレゼントします。", lang="ja"),
        example("We will refund your order in exchange for an honest review."),
        example(
            "A 5-star rating would make our day. Reply with a screenshot and we'll send "
            "a $5 gift card.",
            note="the reward is for proof of the review, named in the sentence before",
        ),
        example(
            "Escriba su reseña y le enviaremos un código promocional para su próximo pedido.",
            lang="es",
            note="a promo code for the review",
        ),
        example("Lasci una recensione e riceverà in cambio un codice promozionale.", lang="it"),
    )
    good = (
        example("Your honest review helps other customers."),
        example("Ihre ehrliche Bewertung hilft anderen Kunden.", lang="de"),
        example(
            "If the item arrived damaged, reply and we will refund it. "
            "Separately, we would appreciate your honest review.",
            note="a refund offered for a problem, in another sentence than the review request",
        ),
        example("Votre avis sincère aide les autres clients.", lang="fr"),
        example("商品のご感想をお聞かせいただければ幸いです。", lang="ja"),
        example(
            "If the item arrived damaged, send us a screenshot and we'll send a replacement.",
            note="a screenshot of a problem, in a message that asks for no review",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        for location, evidence, span, _match in find(REWARD, ctx.view):
            if not REVIEW.search(evidence):
                if not (PROOF.search(evidence) and is_review_request(ctx.view)):
                    continue
            if PROBLEM.search(evidence) and not TIE.search(evidence):
                continue  # a refund or replacement for a problem, not for the review
            yield Hit(location, evidence, span=span)
