"""BSM201 marketing."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import find, lexicon

#: An offer: coupon and promo codes, "% off", a discount on the next order, a
#: sale, a special or limited-time deal. Judged per sentence against ``PAID``.
OFFER = lexicon(
    en=[
        r"(?:promo(?:tional)?|coupon|discount|voucher|offer|referral|sale) codes?",
        r"(?:use|enter|apply|redeem|with|using) (?:the |our |this |my )?(?:code|coupon) "
        r"(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})",
        r"coupons?",
        r"\d+\s?(?:%|percent) (?:off|discount)",
        r"(?:save|saving|get|enjoy|take|grab) (?:an? )?(?:extra |additional |further )?"
        r"(?:\d+\s?%(?! (?:satisf|out|of|money|refund))|[$€£]\s?\d+)",
        r"[$€£]\s?\d+ off|\d+\s?(?:[$€£]|usd|eur|gbp) off",
        r"discounts? (?:on|off|for) (?:your|any|all) (?:next|future|further)",
        r"(?:exclusive|special|loyalty|vip|members?(?:-only)?|returning[- ]customer) "
        r"(?:discount|deal|offer|price|promotion|coupon)s?",
        r"limited[- ]time (?:offer|deal|discount|sale|only)",
        r"(?:flash|clearance|summer|winter|spring|autumn|fall|holiday|christmas|easter|"
        r"seasonal|big|huge|annual|anniversary|end[- ]of[- ]season|warehouse|site-?wide|"
        r"black friday|cyber monday) sale",
        r"(?:are |is |now |currently |items? |products? )on sale",
        r"sale (?:ends|starts|now on|event|prices?)",
        r"(?-i:SALE)",
        r"(?:black friday|cyber monday|prime day|prime big deal days?)(?: \w+)? (?:deals?|offers?|"
        r"discounts?|sale|specials?|savings)",
        r"(?:lightning|daily|weekly|hot|exclusive|amazing|special|today's) deals?",
        r"promotions?|promos?",
        r"buy (?:one|1|two|2),? get (?:one|1)(?: free)?|bogo",
        r"free shipping on (?:your next|all|any|every|orders)",
    ],
    de=[
        r"(?:Gutschein|Rabatt|Aktions|Promo|Coupon|Vorteils|Kunden)-?codes?",
        r"(?:mit dem |den )?(?:Code|Gutschein) (?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})",
        r"Gutscheine?",
        r"\d+\s?% (?:Rabatt|Nachlass|Preisnachlass|Ermäßigung)",
        r"\d+\s?(?:%|€|Euro) (?:auf|für) (?:Ihren |Ihre |deinen |deine |den |die )?"
        r"(?:nächsten|nächste|Folge)",
        r"(?:sparen Sie|spare|sparen) (?:jetzt )?(?:\d+|bis zu)",
        r"\d+\s?% (?:sparen|günstiger|reduziert)|bis zu \d+\s?%",
        r"Rabatt (?:auf|für) (?:Ihren |Ihre |deinen |deine )?(?:nächsten|nächste|künftigen?)",
        r"(?:exklusive?[nrs]?|besondere?[nrs]?|spezielle?[nrs]?) (?:Rabatt|Angebot|Preisnachlass|"
        r"Kundenrabatt|Vorteilspreis)e?",
        r"(?:zeitlich begrenzte?[nrs]?|limitierte?[nrs]?) (?:Angebot|Aktion|Rabatt)e?",
        r"(?:Sonder|Spezial|Exklusiv|Aktions|Vorteils|Treue)angebot\w*",
        r"Angebote? (?:der Woche|des Tages|des Monats)",
        r"(?:Rabatt|Sonder|Preis|Oster|Weihnachts|Sommer|Winter)aktion\w*",
        r"Aktionspreis\w*|Schnäppchen\w*|Ausverkauf|(?:Sommer|Winter)?schlussverkauf",
        r"(?:im|unserem|zum) Sale|(?:Summer|Winter|Mid[- ]Season|Black Week) Sale",
        r"(?:Black Week|Cyber Week|Black Friday)(?:-| )(?:Angebot|Deal|Rabatt|Sale)\w*|"
        r"nur für kurze Zeit",
    ],
    fr=[
        r"codes? (?:promo(?:tionnel)?s?|de (?:réduction|remise|promotion)|réduction)",
        r"(?:avec|utilisez|entrez|saisissez) (?:le )?code (?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})",
        r"(?:bons?|coupons?) de réduction|bons? d'achat|coupons?",
        r"\d+\s?% de (?:réduction|remise|rabais)",
        r"-\d+\s?%",
        r"(?:réduction|remise) (?:sur|pour) (?:votre|vos|ta|tes) (?:prochaine?s?|futur(?:e|s|es)?)",
        r"(?:économisez|profitez de|bénéficiez de) (?:\d+|jusqu'à)",
        r"offres? (?:spéciales?|exclusives?|limitées?|promotionnelles?|du moment)",
        r"promotions?|promos?|soldes|en solde|vente (?:flash|privée)s?|ventes privées",
        r"prix (?:spéciaux|spécial|exceptionnels?|promotionnels?|cassés?|réduits?)",
        r"bons? plans?|pour une durée limitée",
    ],
    es=[
        r"códigos? (?:de )?(?:descuento|promocional(?:es)?|promoción|cupón)",
        r"(?:con|use|usa|utilice|introduzca|introduce) (?:el )?(?:código|cupón) "
        r"(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})",
        r"cupón|cupones",
        r"\d+\s?% (?:de )?(?:descuento|dto\.?)",
        r"descuentos? (?:en|para) (?:su|tu|sus|tus) (?:próxim[ao]s?|futur[ao]s?)",
        r"(?:ahorre|ahorra|ahorrar) (?:un |hasta )?\d+",
        r"ofertas? (?:especial(?:es)?|exclusivas?|limitadas?|por tiempo limitado|flash|del día)",
        r"en oferta|rebajas|promoción|promociones|promo|liquidación",
        r"(?:descuentos?|precios?) (?:exclusivos?|especial(?:es)?)",
    ],
    it=[
        r"codic[ei] (?:sconto|promo(?:zional[ei])?|coupon)",
        r"(?:con|usa|usi|utilizza|utilizzi|inserisci|inserisca) (?:il )?(?:codice|coupon) "
        r"(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})",
        r"buon[oi] sconto|coupon",
        r"\d+\s?% di sconto|sconto del \d+\s?%",
        r"scont[oi] (?:sul|sui|per il|per i) (?:suo |tuo |suoi |tuoi )?(?:prossim[oi]|futur[oi])",
        r"(?:risparmia|risparmi|risparmiare) (?:il |fino al )?\d+",
        r"offert[ae] (?:speciali?|esclusiv[ae]|limitat[ae]|lampo|a tempo|del giorno)",
        r"in offerta|saldi|promozion[ei]|promo|svendita",
        r"(?:scont[oi]|prezz[oi]) (?:esclusiv[oi]|special[ei])",
    ],
    ja=[
        r"クーポン",
        r"(?:割引|プロモーション|プロモ|キャンペーン)コード",
        r"[0-9０-９]+\s?[%％]\s?(?:OFF|ＯＦＦ|オフ|割引|引き)",
        r"[0-9０-９]+割(?:引き?|オフ|OFF)",
        r"[0-9０-９]+円(?:OFF|ＯＦＦ|オフ|引き|割引)",
        r"セール(?!ス)",
        r"特価",
        r"期間限定",
        r"キャンペーン",
        r"お得な(?:情報|価格|セット|クーポン)",
        r"限定(?:価格|特典|オファー)",
        r"特別価格",
    ],
)

#: The offer is the discount already applied to this order (a price the buyer paid).
PAID = lexicon(
    en=[
        r"(?:already|was|were|been|has been|have been) (?:\w+ )?(?:applied|included|deducted|"
        r"reflected|taken off|redeemed)",
        r"you (?:saved|paid|used|redeemed)",
        r"(?:was|were|is) part of (?:a|the|our)",
        r"(?:shows?|appears?|listed|reflected) on (?:your|the) (?:invoice|receipt|order)",
        r"(?:order|invoice|receipt) (?:total|summary|amount)",
        r"when you (?:ordered|purchased|placed your order)",
        r"(?:your|this) (?:order|purchase) (?:included|includes|qualified|qualifies)",
    ],
    de=[
        r"(?:bereits|schon) (?:\w+ )?(?:abgezogen|berücksichtigt|enthalten|angewendet|eingelöst|"
        r"verrechnet)",
        r"Sie haben (?:\w+ )?(?:gespart|bezahlt|eingelöst)",
        r"Rechnungsbetrag|Gesamtbetrag|Bestellsumme|Endpreis",
        r"wurden? (?:\w+ ){0,3}(?:abgezogen|angewendet|berücksichtigt|eingelöst|verrechnet)",
    ],
    fr=[
        r"(?:déjà|a été|ont été) (?:\w+ )?(?:appliquée?s?|déduite?s?|incluse?s?|utilisée?s?)",
        r"vous avez (?:économisé|payé|utilisé|bénéficié)",
        r"montant total|total de (?:votre|la) commande",
    ],
    es=[
        r"(?:ya|fue|ha sido|se ha|se) (?:\w+ )?(?:aplicad[oa]s?|incluid[oa]s?|descontad[oa]s?|"
        r"utilizad[oa]s?)",
        r"ha ahorrado|ahorró|pagó|ha pagado|utilizó|se (?:aplicó|aplicaron|descontó|incluyó)",
        r"total (?:de|del) (?:su )?pedido|importe total",
    ],
    it=[
        r"(?:già|è stat[oa]|sono stat[ie]) (?:\w+ )?(?:applicat[oaie]|inclus[oaie]|detratt[oaie]|"
        r"scontat[oaie]|utilizzat[oaie])",
        r"(?:ha|hai) (?:risparmiato|pagato|utilizzato|usufruito)",
        r"totale (?:dell'ordine|del suo ordine|dell'acquisto)|importo totale",
    ],
    ja=[
        r"適用(?:済み|されて|させて|いたしました|しました)",
        r"割引後",
        r"お支払い(?:金額|額)",
        r"ご請求(?:金額|額)",
        r"合計金額",
        r"値引き済み",
        r"ご利用いただ(?:き|いた)",
        r"(?:セール|キャンペーン)(?:期間)?中に(?:ご購入|ご注文)",
    ],
)
#: Looking forward: the next or a future order, which turns a paid-looking offer into one.
NEXT = lexicon(
    en=[r"(?:next|future|further|another) (?:order|purchase|buy)s?"],
    de=[
        r"(?:nächste|nächsten|zukünftige|zukünftigen|künftige|künftigen|weitere|weiteren) "
        r"(?:Bestellung|Einkauf|Kauf)\w*|Folgebestellung"
    ],
    fr=[r"(?:prochaine|future) commande|(?:prochain|futur) achat"],
    es=[r"(?:próxima|futura) compra|(?:próximo|futuro) pedido"],
    it=[r"(?:prossimo|futuro) (?:acquisto|ordine)"],
    ja=[r"次回|次のご注文|今後のお買い物"],
)
#: Reaching out beyond the order: newsletters, the store, new arrivals, social media.
REACH = lexicon(
    en=[
        r"newsletters?|mailing list|e-?mail list",
        r"(?:subscribe|sign up|join) (?:to |for )?our (?:\w+ )?(?:list|club|community|"
        r"newsletter|program|programme)",
        r"follow us|like us on|find us on|join us on|connect with us on",
        r"(?:on|at|via) (?:instagram|facebook|tiktok|pinterest|youtube|twitter|linkedin)",
        r"(?:visit|browse|shop|explore|check out|see|stop by) (?:our|my) (?:amazon |online |"
        r"brand |official )?(?:store|shop|storefront|boutique|outlet)",
        r"shop now|shop (?:our|the) (?:collection|range|store|latest)",
        r"new arrivals?|(?:our|the) (?:new|latest) (?:collection|releases?|launch(?:es)?|"
        r"products?|designs?|models?)|new product (?:launch|line|range)",
        r"just (?:launched|arrived|dropped)|coming soon|stay tuned|see what's new",
        r"refer a friend|tell your friends about us",
    ],
    de=[
        r"Newsletter\w*",
        r"(?:abonnieren|bestellen) Sie unseren|melden Sie sich (?:jetzt )?für unseren",
        r"folgen Sie uns|folg(?:e|t) uns|liken Sie uns|besuchen Sie uns auf",
        r"(?:auf|bei|über) (?:Instagram|Facebook|TikTok|Pinterest|YouTube|Twitter|LinkedIn)",
        r"(?:besuchen|entdecken|stöbern) Sie (?:auch |gerne |doch )*(?:in )?unse(?:ren|rem|r) "
        r"(?:Amazon-?|Marken-?|Online-?)?(?:Shop|Store|Storefront|Markenshop|Onlineshop)",
        r"jetzt (?:shoppen|einkaufen|zugreifen)",
        r"Neuheiten|(?:unsere )?neuen? (?:Kollektion|Produktlinie|Produkte)|neu im Sortiment|"
        r"neu eingetroffen",
        r"Freunde werben|empfehlen Sie uns (?:weiter|Ihren Freunden)",
    ],
    fr=[
        r"newsletters?|lettre d'information",
        r"inscrivez-vous|abonnez-vous",
        r"suivez-nous|rejoignez-nous sur|retrouvez-nous sur|aimez notre page",
        r"(?:sur|via) (?:Instagram|Facebook|TikTok|Pinterest|YouTube|Twitter|LinkedIn)",
        r"(?:visitez|découvrez|parcourez|rendez-vous sur|rendez-vous dans) (?:notre|nos) "
        r"(?:boutiques?|magasins?|store|vitrine)",
        r"(?:nos|les|découvrez les|voir les) nouveautés|nouvelle collection|nouveaux produits|"
        r"parrainez",
    ],
    es=[
        r"boletín(?: de noticias)?|newsletter|lista de correo",
        r"suscríbete|suscríbase|suscribirse",
        r"s[íi]guenos|s[íi]ganos|únete a nosotros en|encuéntranos en",
        r"(?:en|a través de|vía) (?:Instagram|Facebook|TikTok|Pinterest|YouTube|Twitter|LinkedIn)",
        r"(?:visite|visita|descubra|descubre|explore|explora|conozca|conoce) nuestra tienda|"
        r"nuestra tienda (?:de Amazon|en Amazon|online|oficial)",
        r"nuestras novedades|(?:descubra|descubre|vea|mira|conozca|conoce) (?:nuestras |las )?"
        r"novedades|nueva colección|nuevos productos|recién llegad[oa]s",
        r"compre ahora|compra ahora",
    ],
    it=[
        r"newsletter|mailing list",
        r"iscriviti|si iscriva|iscrivetevi",
        r"seguici|ci segua|seguiteci|ci segui",
        r"(?:su|via) (?:Instagram|Facebook|TikTok|Pinterest|YouTube|Twitter|LinkedIn)",
        r"(?:visita|visiti|scopri|scopra|esplora|esplori) il nostro (?:negozio|store|shop)|"
        r"il nostro (?:negozio|store|shop) (?:Amazon|online|su Amazon|ufficiale)",
        r"le nostre novità|(?:scopri|scopra) (?:le )?novità|nuovi arrivi|nuova collezione|"
        r"nuovi prodotti",
        r"acquista ora|acquisti ora",
    ],
    ja=[
        r"メルマガ|メールマガジン|ニュースレター",
        r"フォロー(?:して(?:ください|下さい|ね|いただけ)|をお願い|お願い|いただけ|よろしく)",
        r"(?:Instagram|インスタグラム|インスタ|Facebook|フェイスブック|Twitter|ツイッター|TikTok|"
        r"YouTube|ユーチューブ|(?-i:LINE))(?:で|を|の|も|にて)+(?:フォロー|チェック|ご覧|配信|最新情報|"
        r"情報発信|友だち追加|友達追加)",
        r"公式(?:Instagram|インスタ|(?-i:LINE)|SNS|アカウント)|(?-i:LINE)(?:で)?友(?:だち|達)追加",
        r"(?:ストア|ショップ|店舗)(?:ページ)?(?:を|も|へ|に)(?:ぜひ|是非)?(?:ご覧|チェック|のぞいて|覗いて|"
        r"見て|お越し|ご訪問|遊びに)",
        r"新商品(?:を|の|も|が)(?:ご紹介|発売|ご案内|お知らせ|チェック|ご覧|登場|入荷|続々)|"
        r"新作(?:の|を|が|も)?(?:ご紹介|登場|発売|入荷|ご案内)|新発売|新着(?:商品|アイテム)",
    ],
)


class Marketing(Rule):
    """Marketing or promotion in a buyer message.

    Flags offers (coupon and promo codes such as "Use code THANKS10",
    "Gutscheincode", "code promo", "código de descuento", "codice sconto",
    "クーポンコード"; "% off"; a discount on the next order; sales, special
    and limited-time offers) and calls to go beyond the order (newsletters,
    "visit our store", new arrivals, "follow us on Instagram" and other
    social-media calls), in the subject, plain text or HTML, in six
    languages. A discount that the sentence says was already applied to this
    order's price is not an offer; quoted mail and the legal footer are not
    read. Offers tied to a review are BSM301's business as well.
    """

    code = "BSM201"
    name = "marketing"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Who may be contacted, and why": "Proactive messages are allowed only '
        "to complete an order or answer a customer-service question. Marketing contact by "
        'any channel is prohibited." Trigger 2 of "The six triggers named in Amazon\'s '
        'restriction e-mail": "Marketing or promotions."'
    )
    fix = (
        "Remove coupons, discount codes, sales, newsletter sign-ups, store visits, new-product "
        "announcements and social-media calls. Keep the message to the order itself: e.g. "
        '"Thank you for order 113-1234567-1234567. We would appreciate your honest review."'
    )
    bad = (
        example("Use code THANKS10 for 10% off your next purchase."),
        example(
            "Als Dankeschön erhalten Sie mit dem Gutscheincode DANKE15 15 % Rabatt.", lang="de"
        ),
        example("Profitez de 20 % de réduction avec le code promo MERCI20.", lang="fr"),
        example("Síguenos en Instagram para no perderte nuestras ofertas exclusivas.", lang="es"),
        example("Iscriviti alla nostra newsletter per ricevere un codice sconto.", lang="it"),
        example("次回のお買い物で使える10%OFFクーポンをお送りします。", lang="ja"),
        example(
            html="<p>Thank you for your order!</p><p><b>Summer sale:</b> visit our Amazon "
            "store for new arrivals.</p>",
            note="HTML body",
        ),
        example(
            "Thank you for your order 113-1234567-1234567.",
            subject="Black Friday deals inside - order 113-1234567-1234567",
            note="subject line",
        ),
    )
    good = (
        example("Thank you for order 113-1234567-1234567. We would appreciate your honest review."),
        example(
            "Vielen Dank für Ihre Bestellung 302-1234567-1234567. Über Ihre ehrliche Bewertung "
            "freuen wir uns.",
            lang="de",
        ),
        example(
            "Le total de votre commande tenait déjà compte de la remise de 10 %, la promotion "
            "a été appliquée automatiquement.",
            lang="fr",
            note="a discount the buyer already got on this order",
        ),
        example(
            "Nos encantaría conocer su opinión sincera sobre el pedido 402-1234567-1234567.",
            lang="es",
        ),
        example(
            "Order summary:\n> Subtotal 24.99\n> Free shipping\n> Promotion applied -5.00\n\n"
            "We hope the board serves you well.",
            note="quoted order summary",
        ),
        example("ご注文ありがとうございました。率直なご感想をお聞かせください。", lang="ja"),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        seen: set[tuple[str, tuple[int, int]]] = set()
        for location, evidence, span, _match in find(OFFER, ctx.view):
            if (location, span) in seen:
                continue
            if PAID.search(evidence) and not NEXT.search(evidence):
                continue  # the discount already applied to this order's price
            seen.add((location, span))
            yield Hit(location, evidence, span=span)
        for location, evidence, span, _match in find(REACH, ctx.view):
            if (location, span) not in seen:
                seen.add((location, span))
                yield Hit(location, evidence, span=span)
