"""BSM301 review-incentive."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import find, lexicon

#: Compensation words: a gift, a refund, money, a discount, a giveaway entry.
REWARD = lexicon(
    en=[
        r"free (?:gift|product|item|sample|unit|replacement)s?", r"gift ?cards?", r"vouchers?",
        r"(?:full |partial )?refund(?:ed)?", r"reimburse(?:ment|d)?", r"cash ?back", r"cash",
        r"\$ ?\d+|\d+ ?(?:\$|usd|eur|€|£)", r"(?:a |an )?(?:discount|coupon|reward|bonus|prize)s?",
        r"\d+ ?% off", r"giveaway", r"(?:prize )?draw", r"raffle", r"sweepstakes?",
        r"in exchange for", r"in return for", r"we(?:'ll| will) (?:send|give|pay|refund)",
    ],
    de=[
        r"(?:kostenlose?[snm]?|gratis) (?:Geschenk|Produkt|Artikel|Probe)", r"Geschenk",
        r"Gutschein\w*", r"(?:Rück)?erstatt\w*", r"Rabatt\w*", r"Geld zurück", r"Gewinnspiel",
        r"Verlosung", r"als Dankeschön", r"im Austausch für", r"im Gegenzug", r"Belohnung",
    ],
    fr=[
        r"(?:cadeau|produit|article) (?:gratuit|offert)", r"cadeau", r"bons? d'achat",
        r"cartes? cadeau", r"rembours\w*", r"réduction", r"remise", r"tirage au sort",
        r"concours", r"en échange d['e]", r"récompense",
    ],
    es=[
        r"(?:regalo|producto|artículo) gratis", r"regalo", r"tarjetas? regalo", r"cupón",
        r"reembols\w*", r"descuento", r"sorteo", r"a cambio de", r"recompensa",
    ],
    it=[
        r"(?:regalo|prodotto|articolo) (?:gratuito|omaggio)", r"omaggio", r"regalo",
        r"buono ?(?:regalo|sconto)?", r"rimbors\w*", r"sconto", r"estrazione", r"concorso",
        r"in cambio (?:di|della)", r"ricompensa",
    ],
    ja=[r"プレゼント", r"ギフト(?:券|カード)", r"無料(?:で)?(?:商品|サンプル)", r"返金", r"キャッシュバック",
        r"割引", r"クーポン", r"抽選", r"特典", r"謝礼", r"ポイント(?:を)?(?:付与|進呈)", r"お礼(?:に|として)"],
)
#: Review words the reward must be tied to.
REVIEW = lexicon(
    en=[r"reviews?", r"feedback", r"ratings?", r"stars?", r"review(?:ing)?"],
    de=[r"Bewertung\w*", r"Rezension\w*", r"bewerten", r"Feedback", r"Sterne"],
    fr=[r"avis", r"évaluation\w*", r"commentaires?", r"évaluer", r"étoiles"],
    es=[r"reseñas?", r"opinión", r"valoraci[oó]n\w*", r"comentarios?", r"valorar", r"estrellas"],
    it=[r"recension\w*", r"valutazion\w*", r"feedback", r"stelle", r"opinione"],
    ja=[r"レビュー", r"評価", r"感想", r"星"],
)


class ReviewIncentive(Rule):
    """Compensation tied to a review or feedback.

    Flags a sentence that offers anything of value (a free gift or product, a
    refund, money, a gift card, a discount, a giveaway entry, "in exchange
    for") in the same sentence as a review, rating or feedback request.
    Offers elsewhere in the message are BSM201's business.
    """

    code = "BSM301"
    name = "review-incentive"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Reviews": not allowed is "any compensation: money, gift cards, free '
        'or discounted products, refunds or reimbursements, future benefits, entries into '
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
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        for location, evidence, span, _match in find(REWARD, ctx.view):
            if REVIEW.search(evidence):
                yield Hit(location, evidence, span=span)
