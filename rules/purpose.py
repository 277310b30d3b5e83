"""What a message is for, in six languages: shared by the rules that judge
purpose (BSM101, BSM304, BSM502) so they agree on what a review request is.

The purposes come from policy/guidelines.md, "Who may be contacted, and why".
"""

from __future__ import annotations

import re

from auditor.message.model import Kind, Message
from rules.text import View, lexicon, per_template

#: Asking for a product review or seller feedback.
REVIEW_REQUEST = lexicon(
    en=[
        r"(?:leave|write|post|share|give) (?:us |a |an |your )*(?:honest |quick |short )?"
        r"(?:product )?(?:review|feedback|rating|opinion)",
        r"(?:your|an?) (?:honest |quick |short )?(?:product )?(?:review|feedback|rating)s?",
        r"review (?:the|your|this|our) (?:product|item|purchase|order)",
        r"rate (?:the|your|this|our) (?:product|item|purchase|experience)",
        r"(?:rating|reviewing) (?:the|your|this|our) (?:product|item|purchase|order|experience)",
        r"how (?:did we do|was your (?:order|experience|purchase))",
        r"(?:not seen|haven't seen) your review",
        r"(?:\d|five|four)[- ]?stars? (?:review|rating|feedback)",
        r"(?:leave|give|rate) (?:us |me |it )?(?:a |an )?(?:\d|five|four)[- ]?stars?",
    ],
    de=[
        r"(?:Ihre|eine|deine) (?:ehrliche |kurze )?"
        r"(?:Bewertung|Rezension|Meinung|Produktbewertung)",
        r"(?:bewerten|rezensieren) Sie",
        r"Bewertung (?:abgeben|schreiben|hinterlassen)",
        r"Feedback",
        r"Erfahrung (?:teilen|mitteilen)",
        r"\d[- ]?Sterne?-?(?:Bewertung|Rezension)",
    ],
    fr=[
        r"(?:votre|un) avis",
        r"(?:laisser|donner|partager|écrire|rédiger) (?:un |votre )?"
        r"(?:avis|commentaire|évaluation)",
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
        r"(?:lasciare|scrivere|condividere) (?:una |la sua |la tua )?"
        r"(?:recensione|valutazione|opinione)",
        r"recensire",
        r"valutare (?:il|questo) (?:prodotto|articolo|acquisto)",
    ],
    ja=[r"レビュー", r"評価", r"ご感想", r"感想", r"フィードバック"],
)

#: Purposes Amazon names as critical to completing an order.
CRITICAL = lexicon(
    en=[
        r"(?:schedule|arrange|book|confirm) (?:a |the |your )?"
        r"(?:delivery|installation|appointment)",
        r"delivery (?:appointment|date|window|slot)",
        r"(?:missing|incorrect|incomplete|invalid) (?:shipping |delivery )?(?:address|information)",
        r"(?:verify|confirm|approve) (?:the |your )?(?:custom|personali[sz]ed|design|engraving)",
        r"customi[sz]ation (?:details|text|request)",
        r"(?:we need|need to know|please provide|please send us|we require)",
        r"(?:invoice|warranty|return label|refund)",
        r"(?:out of stock|cannot ship|unable to ship|shipping delay|delayed)",
        r"(?:carrier|courier|driver) (?:needs|requires|asks for)",
        r"(?:phone|telephone) number (?:for|so) (?:the )?(?:delivery|carrier|courier|driver)",
    ],
    de=[
        r"Lieftermin|Liefertermin|Zustelltermin|Lieferzeitfenster",
        r"(?:Termin|Lieferung) (?:vereinbaren|abstimmen|bestätigen)",
        r"(?:fehlende|unvollständige|falsche) (?:Adresse|Lieferadresse|Angaben)",
        r"(?:Gravur|Personalisierung|Design) (?:bestätigen|freigeben)",
        r"Rechnung|Garantie|Rücksendeetikett|Erstattung",
        r"(?:benötigen|brauchen) (?:wir )?(?:von Ihnen|Ihre)",
        r"Lieferverzögerung|nicht lieferbar|verzögert",
        r"(?:benötigt|braucht) (?:der |die |das )?(?:Spediteur|Zusteller|Paketdienst|Kurier|"
        r"Lieferdienst|Spedition)",
        r"Telefonnummer (?:für|zur) (?:die )?(?:Zustellung|Lieferung|Anlieferung)",
    ],
    fr=[
        r"(?:rendez-vous|créneau) de livraison",
        r"(?:planifier|programmer|confirmer) (?:la |votre )?livraison",
        r"adresse (?:incomplète|incorrecte|manquante)",
        r"facture|garantie|étiquette de retour|remboursement",
        r"(?:nous avons besoin|merci de nous (?:indiquer|fournir|envoyer))",
        r"retard de livraison|en rupture de stock",
        r"(?:le transporteur|le livreur) (?:a besoin|demande)",
        r"numéro de téléphone pour (?:la )?livraison",
    ],
    es=[
        r"(?:cita|franja) de entrega",
        r"(?:programar|concertar|confirmar) (?:la |su )?entrega",
        r"dirección (?:incompleta|incorrecta)",
        r"factura|garantía|etiqueta de devolución|reembolso",
        r"(?:necesitamos|por favor (?:indíquenos|envíenos|facilítenos))",
        r"retraso en (?:la )?entrega|sin existencias",
        r"(?:el transportista|el repartidor|la empresa de transporte) (?:necesita|solicita)",
        r"(?:número de )?teléfono para (?:la )?entrega",
    ],
    it=[
        r"appuntamento (?:di|per la) consegna",
        r"(?:programmare|fissare|confermare) (?:la )?consegna",
        r"indirizzo (?:incompleto|errato)",
        r"fattura|garanzia|etichetta di reso|rimborso",
        r"(?:abbiamo bisogno|la preghiamo di (?:indicarci|fornirci|inviarci))",
        r"ritardo (?:nella|di) consegna|esaurito",
        r"(?:il corriere|lo spedizioniere) (?:ha bisogno|richiede|chiede)",
        r"numero di telefono per (?:la )?consegna",
    ],
    ja=[r"(?:配達|お届け)(?:日時|日|時間)の?(?:ご指定|調整|確認)", r"配送(?:日|先)の?確認",
        r"住所(?:不備|の確認)", r"請求書|領収書|保証書|返品ラベル|返金",
        r"在庫切れ|発送(?:の)?遅延",
        r"お知らせください|ご連絡ください|ご確認ください",
        r"(?:配達|配送|お届け)(?:のため|に)(?:必要|電話番号)"],
)


def is_review_request(view: View) -> bool:
    """True when the seller's own words ask for a review or feedback."""
    return per_template(
        "review-request", view,
        lambda: any(REVIEW_REQUEST.search(text) for _, text in view.sections()),
    )


def is_critical(view: View) -> bool:
    """True when the message serves a purpose critical to completing the order."""
    return per_template(
        "critical", view, lambda: any(CRITICAL.search(text) for _, text in view.sections())
    )


# --- Purposes that are not permitted on their own (BSM502) ---------------------------
# guidelines.md, "Who may be contacted, and why": "Not permitted as a purpose: order
# confirmations, shipping confirmations, thank-you-only messages, 'contact us if you
# have a problem'-only messages."

#: Thanking the buyer for the order or purchase.
THANK_YOU = lexicon(
    en=[
        r"thank(?:s| you)(?: so much| very much)? for (?:your|the) (?:recent )?"
        r"(?:order|purchase|business|shopping)",
        r"thank(?:s| you)(?: so much| very much)? for (?:ordering|purchasing|buying|shopping|"
        r"choosing)",
        r"we (?:really |truly )?appreciate your (?:order|purchase|business)",
    ],
    de=[
        r"(?:vielen |herzlichen |besten )?dank für (?:Ihre|deine|Ihren|deinen|den|die|Ihr|dein) "
        r"(?:Bestellung|Einkauf|Kauf|Vertrauen|Auftrag)",
        r"danke(?:schön)?,? dass Sie (?:bei uns )?(?:bestellt|gekauft|eingekauft)",
        r"wir bedanken uns für (?:Ihre|Ihren) (?:Bestellung|Einkauf|Kauf)",
    ],
    fr=[
        r"merci (?:beaucoup |infiniment )?(?:pour|de) votre (?:commande|achat|confiance)",
        r"merci d'avoir (?:commandé|acheté|choisi|passé commande)",
        r"nous vous remercions (?:pour|de) votre (?:commande|achat|confiance)",
    ],
    es=[
        r"(?:muchas )?gracias por (?:su|tu) (?:pedido|compra|confianza)",
        r"gracias por (?:comprar|elegirnos|confiar)",
        r"le agradecemos (?:su|la) (?:pedido|compra)",
    ],
    it=[
        r"grazie (?:mille )?per (?:il suo |il tuo |l'|la sua |la tua )(?:ordine|acquisto|fiducia)",
        r"grazie per (?:aver|avere) (?:acquistato|ordinato|scelto)",
        r"la ringraziamo per (?:il suo |l')(?:ordine|acquisto)",
    ],
    ja=[
        r"(?:ご注文|お買い上げ|お買い求め|ご購入|ご利用)(?:いただき|頂き)(?:まして)?、?"
        r"(?:誠に|まことに|本当に)?ありがとうございま",
        r"(?:ご注文|お買い上げ|ご購入)ありがとうございま",
    ],
)

#: Confirming that the order was received or is being prepared.
ORDER_CONFIRMATION = lexicon(
    en=[
        r"(?:we(?:'ve| have) )?received your order",
        r"your order (?:has been|is|was) (?:confirmed|received|accepted|being processed)",
        r"order confirmation",
        r"(?:we are|we're) (?:now )?(?:processing|preparing|packing) your order",
    ],
    de=[
        r"Bestellbestätigung|Auftragsbestätigung",
        r"(?:Ihre|deine) Bestellung (?:ist|wurde) (?:bei uns )?(?:eingegangen|bestätigt|"
        r"angenommen|erfasst)",
        r"(?:Ihre|deine) Bestellung wird (?:gerade |bereits )?(?:bearbeitet|vorbereitet|verpackt)",
        r"wir haben (?:Ihre|deine) Bestellung (?:erhalten|bestätigt)",
    ],
    fr=[
        r"confirmation de (?:votre |la )?commande",
        r"(?:nous )?avons bien reçu votre commande",
        r"votre commande (?:a été|est) (?:bien )?(?:confirmée|enregistrée|reçue|validée)",
        r"votre commande est en (?:cours de )?préparation",
        r"nous préparons votre commande",
    ],
    es=[
        r"confirmación de(?:l| su| tu)? pedido",
        r"hemos recibido (?:su|tu) pedido",
        r"(?:su|tu) pedido (?:ha sido|fue|está) (?:confirmado|recibido|registrado)",
        r"(?:estamos preparando|preparamos) (?:su|tu) pedido",
    ],
    it=[
        r"conferma (?:dell'|del |d')ordine",
        r"abbiamo ricevuto il (?:suo |tuo )?ordine",
        r"il (?:suo |tuo )?ordine è (?:stato )?(?:confermato|ricevuto|registrato)",
        r"stiamo (?:preparando|elaborando) il (?:suo |tuo )?ordine",
    ],
    ja=[
        r"ご注文を(?:承り|受け付け|確認いたし|確認し)ま",
        r"注文(?:確認|受付)(?:メール|のお知らせ)?",
        r"ご注文内容の確認",
    ],
)

#: Announcing that the order has shipped, or giving its tracking.
SHIPPING_CONFIRMATION = lexicon(
    en=[
        r"(?:has|have|was|were) (?:been |now |just )*(?:shipped|dispatched|sent out|"
        r"handed (?:over )?to the carrier)",
        r"(?:is|are) (?:now )?on (?:its|their|the) way",
        r"(?:shipping|dispatch|shipment) (?:confirmation|notification)",
        r"(?:shipped|dispatched) today",
        r"tracking (?:number|link|information|code)",
    ],
    de=[
        r"(?:wurde|wurden|ist|sind) (?:heute |soeben |bereits )?(?:versandt|verschickt|versendet|"
        r"an den Versanddienstleister übergeben)",
        r"(?:ist|sind) (?:jetzt |bereits )?(?:unterwegs|auf dem Weg)",
        r"Versandbestätigung|Versandbenachrichtigung",
        r"Sendungsnummer|Sendungsverfolgung|Trackingnummer",
    ],
    fr=[
        r"(?:a|ont) été (?:expédiée?s?|envoyée?s?|remise?s? au transporteur)",
        r"(?:est|sont) (?:en route|en chemin|en cours de livraison)",
        r"(?:avis|confirmation) d'expédition",
        r"numéro de suivi|suivi de (?:votre )?colis",
    ],
    es=[
        r"(?:ha|han) sido (?:enviad[oa]s?|despachad[oa]s?|expedid[oa]s?)",
        r"(?:está|están|va|van) (?:ya )?en camino",
        r"confirmación de envío|aviso de envío",
        r"número de seguimiento",
    ],
    it=[
        r"(?:è|sono) stat[oaie] (?:spedit[oaie]|inviat[oaie]|affidat[oaie] al corriere)",
        r"(?:è|sono) in (?:viaggio|arrivo|consegna)",
        r"conferma di spedizione|avviso di spedizione",
        r"numero di (?:tracciamento|tracking|spedizione)",
        r"abbiamo spedito",
    ],
    ja=[
        r"(?:発送|出荷)(?:いたしました|致しました|しました|が完了|完了)",
        r"(?:発送|出荷)のお知らせ",
        r"発送通知",
        r"(?:配送状況|追跡番号|お問い合わせ(?:伝票)?番号)[^。！？\n]{0,60}",
    ],
)

#: "Contact us if there is a problem", and the stock offers of help around it.
CONTACT_IF_PROBLEM = lexicon(
    en=[
        r"if (?:you have|there (?:is|are|was)|you (?:experience|encounter|notice|find)|anything|"
        r"something|you are not|you're not)[^.!?\n]{0,60}(?:problem|issue|question|concern|"
        r"wrong|damaged|missing|satisfied|happy)s?",
        r"(?:please )?(?:do not|don't) hesitate to (?:contact|reach|write|message|get in touch)",
        r"(?:feel free to|please) (?:contact|reach out to|message|e-?mail) us",
        r"(?:just |simply )?(?:reply to|respond to) this (?:message|e-?mail)",
        r"let us know if",
        r"(?:we are|we're) (?:here|happy|glad) to help",
        r"get in touch",
    ],
    de=[
        r"(?:bei|falls|wenn|sollten|sollte)[^.!?\n]{0,60}(?:Probleme?|Fragen?|Schwierigkeiten|"
        r"Anliegen|Mängel|nicht zufrieden|nicht stimm\w*|beschädigt)",
        r"(?:kontaktieren|schreiben) Sie uns",
        r"(?:melden|wenden) Sie sich (?:gerne |jederzeit )?(?:bei|an) uns",
        r"zögern Sie nicht",
        r"antworten Sie (?:einfach )?auf diese (?:Nachricht|E-Mail)",
        r"(?:stehen|sind) (?:wir )?(?:Ihnen )?(?:gerne |jederzeit )*(?:zur Verfügung|für Sie da)",
    ],
    fr=[
        r"(?:si|en cas de|pour toute)[^.!?\n]{0,60}(?:problème|question|souci|difficulté|"
        r"réclamation|insatisfait|endommagé)e?s?",
        r"n'hésitez pas à nous (?:contacter|écrire|joindre)",
        r"(?:contactez|écrivez)-nous",
        r"répondez (?:simplement )?à ce message",
        r"nous (?:restons|sommes) à votre (?:entière )?disposition",
    ],
    es=[
        r"(?:si|en caso de|ante cualquier)[^.!?\n]{0,60}(?:problema|pregunta|duda|inconveniente|"
        r"incidencia|consulta)s?",
        r"no dude en (?:contactarnos|escribirnos|ponerse en contacto)",
        r"contáctenos|contáctanos|escríbanos|escríbenos",
        r"responda (?:simplemente )?a este (?:mensaje|correo)",
        r"estamos a su (?:entera )?disposición",
    ],
    it=[
        r"(?:se|in caso di|per qualsiasi)[^.!?\n]{0,60}(?:problem[ai]|domand[ae]|dubbi?o?|"
        r"inconvenienti?e?|difficoltà|danneggiat\w*)",
        r"non esiti a (?:contattarci|scriverci)",
        r"ci contatti|contattateci|ci scriva|scriveteci",
        r"risponda (?:semplicemente )?a questo messaggio",
        r"rest(?:iamo|o) a (?:sua |vostra )?(?:completa |totale )?disposizione",
    ],
    ja=[
        r"(?:問題|不具合|不備|ご不明な点|ご質問|お困り|気になる点|破損)[^。！？\n]{0,40}"
        r"(?:ご連絡|お問い合わせ|お知らせ|ご返信)[^。！？\n]{0,20}",
        r"お気軽に(?:ご連絡|お問い合わせ|ご相談)[^。！？\n]{0,20}",
        r"(?:ご連絡|お問い合わせ)を?お待ちして",
    ],
)

#: The four not-permitted purposes in one pass; ``match.lastgroup`` names which.
NON_PERMITTED = re.compile(
    "|".join(
        f"(?P<{name}>{pattern.pattern})"
        for name, pattern in (
            ("thank_you", THANK_YOU),
            ("order_confirmation", ORDER_CONFIRMATION),
            ("shipping_confirmation", SHIPPING_CONFIRMATION),
            ("contact_if_problem", CONTACT_IF_PROBLEM),
        )
    ),
    re.IGNORECASE,
)

#: Permitted purposes besides a review request and :data:`CRITICAL`: a return, a custom
#: design, instructions or warranty, a digital access key, a home-service appointment.
OTHER_PERMITTED = lexicon(
    en=[
        r"(?:your|the) return(?: request| label)?",
        r"(?:custom|personali[sz]ed) (?:design|order|text|engraving)",
        r"(?:installation|assembly|user|setup|care) (?:instructions|guide|manual)",
        r"(?:activation|licen[cs]e|product|access) (?:key|code)",
        r"(?:service|installation|technician) (?:appointment|visit)",
    ],
    de=[
        r"Rücksendung|Retoure|Umtausch",
        r"Gravur|Personalisierung",
        r"(?:Bedienungs|Montage|Aufbau|Gebrauchs|Pflege)anleitung",
        r"(?:Lizenz|Aktivierungs|Produkt)schlüssel",
        r"Monteur|Installationstermin|Servicetermin",
    ],
    fr=[
        r"(?:votre|le) retour",
        r"personnalisation|gravure",
        r"mode d'emploi|notice (?:de montage|d'utilisation)|instructions (?:de montage|"
        r"d'installation)",
        r"clé (?:d'activation|de licence|de produit)",
        r"rendez-vous (?:d'installation|du technicien)",
    ],
    es=[
        r"(?:su|la|tu) devolución",
        r"personalización|grabado",
        r"(?:manual|instrucciones) de (?:uso|montaje|instalación)",
        r"clave (?:de activación|de licencia|de producto)",
        r"cita (?:de instalación|del técnico)",
    ],
    it=[
        r"(?:il suo|il|tuo) reso",
        r"personalizzazione|incisione",
        r"(?:manuale|istruzioni) (?:d'uso|di montaggio|di installazione)",
        r"chiave (?:di attivazione|di licenza|del prodotto)",
        r"appuntamento (?:per l'installazione|con il tecnico)",
    ],
    ja=[
        r"返品|交換", r"名入れ|刻印|カスタマイズ|オーダーメイド",
        r"取扱説明書|取り扱い説明書|説明書|設置方法",
        r"(?:プロダクト|ライセンス|アクティベーション)キー", r"(?:設置|工事)(?:日|の日程)",
    ],
)

#: Reply prefixes in the subject: "Re:", "AW:", "Antw:", "R:", "RIF:", "SV:", "RES:", "返信:".
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|antw|sv|r|rif|res|返信)\s*[:：]", re.IGNORECASE)


def is_proactive(msg: Message) -> bool:
    """True for a message the seller sent of their own accord, not a reply.

    A reply answers a buyer (``In-Reply-To`` or ``References`` set, or a
    "Re:"/"AW:"/"R:" subject); replies may be sent at any time and are not
    counted as proactive (guidelines.md, "What a restriction does": replies
    to buyers still work)."""
    return (
        msg.kind is Kind.SENT
        and not msg.in_reply_to
        and not msg.references
        and not _REPLY_SUBJECT.match(msg.subject)
    )


def has_permitted_purpose(text: str) -> bool:
    """True when ``text`` (the seller's own words) serves a permitted purpose:
    a review request, something critical to the order (:data:`CRITICAL`) or
    one of :data:`OTHER_PERMITTED`."""
    return bool(
        REVIEW_REQUEST.search(text) or CRITICAL.search(text) or OTHER_PERMITTED.search(text)
    )
