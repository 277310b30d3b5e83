"""BSM301 review-incentive."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.purpose import is_review_request
from rules.text import find, lexicon

#: Compensation words: a gift, a refund, money, a discount, a giveaway entry.
REWARD = lexicon(
    en=[
        r"free (?:gift|product|item|sample|unit|replacement|upgrade)s?",
        r"gift\s?cards?",
        r"vouchers?",
        r"(?:full |partial )?refund(?:ed)?",
        r"reimburse(?:ment|d)?",
        r"cash\s?back",
        r"cash",
        r"[$€£]\s?\d+|\d+\s?(?:[$€£]|usd|eur|gbp)",
        r"(?:a |an )?(?:discount|coupon|reward|bonus|prize)s?",
        r"\d+\s?% off",
        r"giveaway",
        r"prize draw|(?:enter|entered|entry into|entries into) (?:a|the|our) draw",
        r"raffle",
        r"sweepstakes?",
        r"in exchange for",
        r"in return for",
        r"we(?:'ll| will) (?:send|give|pay|refund)",
    ],
    de=[
        r"(?:kostenlose?[snm]?|gratis) (?:Geschenk|Produkt|Artikel|Probe)\w*",
        r"Gratisgeschenk|kleines Geschenk|Geschenk (?:für Sie|als Dankeschön|von uns)",
        r"(?:schenken|senden|schicken) (?:wir )?Ihnen (?:ein|einen|eine) (?:\w+ )?(?:Geschenk|"
        r"Gutschein|Produkt|Artikel)",
        r"(?:erhalten|bekommen) Sie (?:ein|einen|eine) (?:\w+ )?(?:Geschenk|Gutschein|Produkt|"
        r"Artikel|Rabatt|Prämie)",
        r"Gutschein\w*",
        r"(?:Rück)?erstatt\w*",
        r"Rabatt\w*",
        r"Geld zurück",
        r"Gewinnspiel\w*",
        r"Verlosung",
        r"als Dankeschön",
        r"im Austausch für",
        r"im Gegenzug",
        r"Belohnung",
        r"Prämie",
    ],
    fr=[
        r"(?:cadeau|produit|article|échantillon) (?:gratuit|offert)",
        r"petit cadeau",
        r"cadeau (?:pour vous|de remerciement)",
        r"(?:recevez|recevrez|offrons|offrirons) "
        r"(?:un |une )?(?:\w+ )?(?:cadeau|bon|carte)",
        r"bons? d'achat",
        r"cartes?[- ]cadeaux?",
        r"rembours\w*",
        r"réduction",
        r"remise",
        r"tirage au sort",
        r"concours",
        r"en échange d['e]",
        r"récompense",
    ],
    es=[
        r"(?:regalo|producto|artículo|muestra) gratis",
        r"regalo (?:para usted|para ti|de "
        r"agradecimiento)",
        r"pequeño regalo",
        r"(?:le|te) (?:regalamos|enviaremos un regalo)",
        r"(?:reciba|recibirá|recibe|recibirás) (?:un |una )?(?:\w+ )?(?:regalo|tarjeta|cupón)",
        r"tarjetas? (?:de )?regalo",
        r"cupón",
        r"reembols\w*",
        r"descuento",
        r"sorteo",
        r"a cambio de",
        r"recompensa",
    ],
    it=[
        r"(?:regalo|prodotto|articolo|campione) (?:gratuito|gratis|omaggio)",
        r"omaggio",
        r"piccolo regalo",
        r"regalo (?:per lei|per te)",
        r"(?:le|ti) regaliamo",
        r"(?:riceverà|riceverai|riceva) (?:un |una )?(?:\w+ )?(?:regalo|buono|carta)",
        r"buon[oi](?: (?:regalo|sconto|acquisto))?",
        r"rimbors\w*",
        r"sconto",
        r"estrazione",
        r"concorso",
        r"in cambio (?:di|della|del)",
        r"ricompensa",
    ],
    ja=[
        r"プレゼント(?:します|いたします|させていただ|中|キャンペーン|企画)|をプレゼント|"
        r"プレゼントを(?:差し上げ|お送り)",
        r"ギフト(?:券|カード)",
        r"無料(?:で)?(?:商品|サンプル)",
        r"返金",
        r"キャッシュバック",
        r"割引",
        r"クーポン",
        r"抽選",
        r"特典",
        r"謝礼",
        r"ポイント(?:を)?(?:付与|進呈)",
        r"お礼(?:に|として)",
    ],
)
#: The sentence is about a problem with the order: a refund or replacement there
#: is customer service, unless the sentence ties it to the review (``TIE``).
PROBLEM = lexicon(
    en=[
        r"problems?|issues?|defect\w*|damaged|broken|faulty|wrong|missing|not working|"
        r"doesn't work|does not work|arrived late"
    ],
    de=[r"Problem\w*|defekt\w*|beschädigt\w*|kaputt|fehlerhaft\w*|Mangel|Mängel"],
    fr=[r"problèmes?|défectueu\w*|endommagé\w*|cassé\w*|abîmé\w*"],
    es=[r"problemas?|defectuos\w*|dañad\w*|rot[oa]s?"],
    it=[r"problem\w*|difettos\w*|danneggiat\w*|rott[oaie]"],
    ja=[r"不具合|不良|破損|問題|故障"],
)
#: The reward is conditional on the review.
TIE = lexicon(
    en=[
        r"for (?:a|an|your|each|every) (?:\w+ )?(?:review|feedback|rating)",
        r"in (?:exchange|return)",
        r"if you (?:leave|write|post|give)",
        r"once you(?:'ve| have)? (?:left|posted|written)",
        r"after (?:you )?(?:leav|post|writ)\w*",
        r"(?:review|feedback|rating) and (?:we(?:'ll| will)|get|receive|you(?:'ll| will))",
    ],
    de=[
        r"für (?:eine|Ihre|jede) (?:\w+ )?(?:Bewertung|Rezension)",
        r"im (?:Austausch|Gegenzug)",
        r"sobald Sie|nachdem Sie",
    ],
    fr=[
        r"pour (?:un|votre|chaque) (?:avis|commentaire|évaluation)",
        r"en (?:échange|retour)",
        r"une fois (?:votre|l')",
        r"après avoir",
    ],
    es=[
        r"por (?:su|tu|una|cada) (?:reseña|opinión|valoración)",
        r"a cambio",
        r"una vez (?:que|publicada)",
        r"después de (?:dejar|escribir|publicar)",
    ],
    it=[
        r"per (?:una|la sua|la tua|ogni) (?:recensione|valutazione)",
        r"in cambio",
        r"una volta (?:che|pubblicata)",
        r"dopo aver",
    ],
    ja=[
        r"(?:レビュー|評価)(?:を)?(?:書いて|投稿して|して)?(?:いただいた|頂いた|くださった)(?:方|お客様)",
        r"(?:レビュー|評価)(?:の|と)?(?:引き換え|交換|お礼)",
    ],
)
#: Review words the reward must be tied to.
REVIEW = lexicon(
    en=[r"reviews?", r"feedback", r"ratings?", r"stars?", r"review(?:ing)?"],
    de=[r"Bewertung\w*", r"Rezension\w*", r"bewerten", r"Feedback", r"Sterne"],
    fr=[r"avis", r"évaluation\w*", r"commentaires?", r"évaluer", r"étoiles"],
    es=[r"reseñas?", r"opinión", r"valoraci[oó]n\w*", r"comentarios?", r"valorar", r"estrellas"],
    it=[r"recensi\w*", r"valutazion\w*", r"feedback", r"stelle", r"opinione"],
    ja=[r"レビュー", r"評価", r"感想", r"星"],
)

#: Proof of a review asked for with the reward ("send us a screenshot and
#: we'll send a gift card"): the review itself is named in another sentence.
PROOF = lexicon(
    en=[r"screen\s?shots?", r"screen\s?grabs?", r"proof of (?:your )?(?:review|rating)"],
    de=[r"Screenshots?", r"Bildschirmfoto\w*"],
    fr=[r"captures? d'écran"],
    es=[r"capturas? de pantalla"],
    it=[r"screenshot", r"schermat\w*"],
    ja=[r"スクリーンショット|スクショ|画面(?:の)?(?:写真|キャプチャ)"],
)


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
