"""What a message is for, in six languages: shared by the rules that judge
purpose (BSM101, BSM304, BSM502) so they agree on what a review request is.

The purposes come from policy/guidelines.md, "Who may be contacted, and why".
"""

from __future__ import annotations

from rules.text import View, lexicon

#: Asking for a product review or seller feedback.
REVIEW_REQUEST = lexicon(
    en=[
        r"(?:leave|write|post|share|give) (?:us |a |an |your )*(?:honest |quick |short )?"
        r"(?:product )?(?:review|feedback|rating|opinion)",
        r"(?:your|an?) (?:honest |quick |short )?(?:product )?(?:review|feedback|rating)s?",
        r"review (?:the|your|this|our) (?:product|item|purchase|order)",
        r"rate (?:the|your|this|our) (?:product|item|purchase|experience)",
        r"how (?:did we do|was your (?:order|experience|purchase))",
        r"(?:not seen|haven't seen) your review",
    ],
    de=[
        r"(?:Ihre|eine|deine) (?:ehrliche |kurze )?(?:Bewertung|Rezension|Meinung|Produktbewertung)",
        r"(?:bewerten|rezensieren) Sie",
        r"Bewertung (?:abgeben|schreiben|hinterlassen)",
        r"Feedback",
        r"Erfahrung (?:teilen|mitteilen)",
    ],
    fr=[
        r"(?:votre|un) avis",
        r"(?:laisser|donner|partager|écrire|rédiger) (?:un |votre )?(?:avis|commentaire|évaluation)",
        r"évaluer (?:le|votre|ce) (?:produit|article|achat)",
        r"(?:votre|une) évaluation",
    ],
    es=[
        r"(?:su|tu|una) (?:opinión|reseña|valoración|calificación)",
        r"(?:dejar|escribir|compartir|dar) (?:una |su |tu )?(?:opinión|reseña|valoración)",
        r"valorar (?:el|su|tu|este) (?:producto|artículo|pedido|compra)",
    ],
    it=[
        r"(?:una|la sua|la tua) (?:recensione|valutazione|opinione)",
        r"(?:una|la) (?:sua |tua )?(?:breve |onesta |sincera )?(?:recensione|valutazione)",
        r"(?:lasciare|scrivere|condividere) (?:una |la sua |la tua )?(?:recensione|valutazione|opinione)",
        r"recensire",
        r"valutare (?:il|questo) (?:prodotto|articolo|acquisto)",
    ],
    ja=[r"レビュー", r"評価", r"ご感想", r"感想", r"フィードバック"],
)

#: Purposes Amazon names as critical to completing an order.
CRITICAL = lexicon(
    en=[
        r"(?:schedule|arrange|book|confirm) (?:a |the |your )?(?:delivery|installation|appointment)",
        r"delivery (?:appointment|date|window|slot)",
        r"(?:missing|incorrect|incomplete|invalid) (?:shipping |delivery )?(?:address|information)",
        r"(?:verify|confirm|approve) (?:the |your )?(?:custom|personali[sz]ed|design|engraving)",
        r"customi[sz]ation (?:details|text|request)",
        r"(?:we need|need to know|please provide|please send us|we require)",
        r"(?:invoice|warranty|return label|refund)",
        r"(?:out of stock|cannot ship|unable to ship|shipping delay|delayed)",
    ],
    de=[
        r"Lieftermin|Liefertermin|Zustelltermin|Lieferzeitfenster",
        r"(?:Termin|Lieferung) (?:vereinbaren|abstimmen|bestätigen)",
        r"(?:fehlende|unvollständige|falsche) (?:Adresse|Lieferadresse|Angaben)",
        r"(?:Gravur|Personalisierung|Design) (?:bestätigen|freigeben)",
        r"Rechnung|Garantie|Rücksendeetikett|Erstattung",
        r"(?:benötigen|brauchen) (?:wir )?(?:von Ihnen|Ihre)",
        r"Lieferverzögerung|nicht lieferbar|verzögert",
    ],
    fr=[
        r"(?:rendez-vous|créneau) de livraison",
        r"(?:planifier|programmer|confirmer) (?:la |votre )?livraison",
        r"adresse (?:incomplète|incorrecte|manquante)",
        r"facture|garantie|étiquette de retour|remboursement",
        r"(?:nous avons besoin|merci de nous (?:indiquer|fournir|envoyer))",
        r"retard de livraison|en rupture de stock",
    ],
    es=[
        r"(?:cita|franja) de entrega",
        r"(?:programar|concertar|confirmar) (?:la |su )?entrega",
        r"dirección (?:incompleta|incorrecta)",
        r"factura|garantía|etiqueta de devolución|reembolso",
        r"(?:necesitamos|por favor (?:indíquenos|envíenos|facilítenos))",
        r"retraso en (?:la )?entrega|sin existencias",
    ],
    it=[
        r"appuntamento (?:di|per la) consegna",
        r"(?:programmare|fissare|confermare) (?:la )?consegna",
        r"indirizzo (?:incompleto|errato)",
        r"fattura|garanzia|etichetta di reso|rimborso",
        r"(?:abbiamo bisogno|la preghiamo di (?:indicarci|fornirci|inviarci))",
        r"ritardo (?:nella|di) consegna|esaurito",
    ],
    ja=[r"配達(?:日時|日|時間)の?(?:ご指定|調整|確認)", r"配送(?:日|先)の?確認", r"住所(?:不備|の確認)",
        r"請求書|領収書|保証書|返品ラベル|返金", r"在庫切れ|発送(?:の)?遅延",
        r"お知らせください|ご連絡ください|ご確認ください"],
)


def is_review_request(view: View) -> bool:
    """True when the seller's own words ask for a review or feedback."""
    return any(REVIEW_REQUEST.search(text) for _, text in view.sections())


def is_critical(view: View) -> bool:
    """True when the message serves a purpose critical to completing the order."""
    return any(CRITICAL.search(text) for _, text in view.sections())
