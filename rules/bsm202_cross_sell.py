"""BSM202 cross-sell."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.message.amazon import is_amazon_domain
from auditor.message.ids import ASIN
from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.text import View, find, lexicon

#: Pointing the buyer at other products or listings.
CROSS_SELL = lexicon(
    en=[
        r"you(?:'ll| (?:may|might|will|would|could)) also (?:like|love|enjoy)(?! to)",
        r"you (?:may|might) (?:like|love|enjoy) (?:our|these|the following)",
        r"you (?:may|might|could) also (?:be interested in|want to (?:check out|try|see|look at))",
        r"(?:you|customers) (?:may|might) be interested in (?:our|these|the following)",
        r"customers (?:who bought|also bought|also viewed)|frequently bought together",
        r"(?:check out|take a look at|have a look at|look at|discover|explore|browse|see|view|"
        r"shop|try) (?:all |some of |more of |the rest of )?our (?:other |full |complete |"
        r"entire |whole |wide |latest |new |related |similar |matching |complementary |"
        r"best-?selling |popular )?(?:range|products|items|listings|collection|catalog(?:ue)?|"
        r"line|selection|accessories|bestsellers|brand)",
        r"our other (?:products|items|listings|bestsellers|designs|models|styles|colou?rs|"
        r"sizes|brands|kitchen \w+|\w+ products)",
        r"(?:other|more|similar|related|matching|complementary) (?:products|items) "
        r"(?:from|by|in) (?:us|our|the same)",
        r"(?:related|similar|matching|complementary) (?:products|items|accessories)",
        r"complete (?:the|your) (?:set|look|collection)",
        r"(?:also|too) (?:available|comes) in (?:other|more|many|\d+) (?:colou?rs|sizes|styles|"
        r"designs|flavou?rs|scents)",
        r"pairs? (?:perfectly|nicely|well|great|beautifully) with (?:our|the)",
        r"(?:buy|order|grab) (?:another|a second|one more|a spare)",
        r"(?:our|the) (?:best-?sellers?|top sellers?)",
        r"we also sell|we (?:also )?(?:sell|carry|stock) (?:other|more|matching|replacement|"
        r"spare|refill|a (?:wide |whole )?range of)",
    ],
    de=[
        r"(?:das|dies|diese Produkte|folgendes|folgende Produkte) (?:könnte|könnten) "
        r"(?:Ihnen|dir|euch) (?:auch|ebenfalls) gefallen",
        r"(?:könnte|könnten) (?:Ihnen|dir|euch) (?:auch|ebenfalls) gefallen",
        r"(?:Sie|du) (?:mögen|magst|interessieren sich|interessierst dich) (?:vielleicht|"
        r"eventuell) (?:auch|ebenfalls) für",
        r"(?:entdecken|schauen|sehen|stöbern|besuchen) (?:Sie|du) (?:sich )?(?:auch |gerne |doch |"
        r"gern |jetzt )*(?:in |durch )?unse(?:re|r|ren|rem) (?:weiteren |anderen |übrigen |neuen |"
        r"gesamtes |gesamten |komplettes |kompletten |ganzes |ganzen )?(?:Produkte|Artikel|"
        r"Sortiment|Produktpalette|Kollektion|Produktwelt|Bestseller)",
        r"unse(?:re|r|ren|rem) (?:weiteren|anderen|übrigen) (?:Produkte|Artikel|Angebote|"
        r"Bestseller|Modelle)",
        r"(?:weitere|andere) (?:Produkte|Artikel) (?:von uns|aus unserem (?:Sortiment|Shop))",
        r"unser (?:gesamtes|komplettes|ganzes|breites|vielfältiges) (?:Sortiment|Angebot)",
        r"passende(?:s|n)? (?:Zubehör|Produkte|Ergänzung)|passend dazu",
        r"Kunden, die (?:diesen Artikel|dies|das) gekauft haben",
        r"(?:auch|ebenfalls) in (?:anderen|weiteren|vielen|\d+) (?:Farben|Größen|Designs|"
        r"Varianten)",
        r"(?:wir )?(?:führen|verkaufen|bieten) (?:auch|außerdem|ebenfalls) (?:passende|weitere|"
        r"andere)",
        r"vervollständigen Sie (?:Ihr|Ihre|Ihren) (?:Set|Sammlung|Kollektion)",
        r"(?:unsere|unseren) Bestseller",
    ],
    fr=[
        r"vous (?:aimerez|pourriez aimer|pourriez (?:également|aussi) aimer|adorerez) "
        r"(?:aussi|également)?",
        r"(?:pourrait|pourraient) (?:également |aussi )?vous (?:plaire|intéresser)",
        r"vous plair(?:a|ont) (?:aussi|également)",
        r"(?:découvrez|consultez|parcourez|jetez un (?:œil|oeil|coup d'œil|coup d'oeil) à|voyez|"
        r"explorez) (?:également |aussi )?(?:nos|notre|l'ensemble de nos|toute notre|toute la) "
        r"(?:autres |nouveaux |nouvelle )?(?:produits|articles|gamme|collection|catalogue|"
        r"sélection|références)",
        r"nos autres (?:produits|articles|références|modèles|collections|créations)",
        r"(?:produits|articles|accessoires) (?:similaires|complémentaires|associés|assortis)",
        r"complétez votre (?:collection|ensemble|set|look)",
        r"(?:aussi|également) disponibles? (?:en|dans) (?:d'autres|plusieurs|\d+) "
        r"(?:couleurs|tailles|coloris|modèles)",
        r"les clients ayant (?:acheté|consulté)",
        r"nous (?:vendons|proposons) (?:également|aussi) (?:d'autres|une gamme|toute une gamme|"
        r"des accessoires|des recharges)",
    ],
    es=[
        r"también (?:le|te|les) (?:puede|podría|pueden|podrían) (?:gustar|interesar|encantar)",
        r"(?:le|te|les) (?:puede|podría|pueden|podrían) (?:gustar|interesar|encantar) "
        r"(?:también|nuestros|nuestras|estos|estas|los siguientes|otros)",
        r"(?:descubra|descubre|eche un vistazo a|echa un vistazo a|vea|mira|explore|explora|"
        r"conozca|conoce) (?:también )?(?:nuestros|nuestras|toda nuestra|nuestra|el resto de "
        r"nuestros) (?:otros |otras |demás |nuevos )?(?:productos|artículos|gama|colección|"
        r"catálogo|línea)",
        r"nuestros (?:otros|demás) (?:productos|artículos|modelos)|otros productos (?:nuestros|"
        r"de nuestra (?:marca|tienda))",
        r"(?:productos|artículos|accesorios) (?:relacionados|similares|complementarios)",
        r"complete su colección|completa tu colección",
        r"(?:también )?disponibles? en (?:otros|más|varios|\d+) (?:colores|tamaños|modelos)",
        r"los clientes que compraron",
        r"también (?:vendemos|ofrecemos|tenemos) (?:otros|más|accesorios|recambios|una gama)",
    ],
    it=[
        r"(?:potrebbe|potrebbero) anche (?:piacer|interessar)\w+",
        r"(?:potrebbe|potrebbero) (?:piacer|interessar)\w+ anche",
        r"(?:ti|le|vi) (?:potrebbe|potrebbero) (?:anche )?piacere",
        r"(?:scopri|scopra|dai un'occhiata|dia un'occhiata|guarda|guardi|esplora|esplori|visita|"
        r"visiti) (?:anche )?(?:(?:a|ad|agli|ai|alla|alle|gli|i|la|le|tutti i|tutta la) )?"
        r"(?:l')?(?:altri |altre |nuovi )?(?:nostri|nostre|nostra|nostro) (?:altri |altre |nuovi )?"
        r"(?:prodotti|articoli|gamma|collezione|catalogo|linea)",
        r"(?:nostri altri|altri nostri) (?:prodotti|articoli)",
        r"(?:prodotti|articoli|accessori) (?:correlati|simili|complementari|abbinati)",
        r"complet(?:a (?:la tua|il tuo)|i (?:la sua|il suo)) (?:collezione|set)",
        r"(?:vendiamo|proponiamo) anche|offriamo anche (?:altri|accessori|una gamma)",
        r"disponibile anche in (?:altri|altre|diversi|diverse|\d+) (?:colori|taglie|modelli)",
        r"i clienti che hanno acquistato",
    ],
    ja=[
        r"(?:当店|弊社|当ショップ|弊店|当ストア|私たち)の(?:他の|その他の|ほかの)(?:商品|製品|アイテム)",
        r"(?:他の|その他の|ほかの)(?:商品|製品|アイテム)(?:も|を)(?:ぜひ|是非)?(?:ご覧|チェック|お試し|"
        r"ご検討|見て)",
        r"関連商品|おすすめ(?:の)?商品|オススメ商品|お勧め(?:の)?商品|こちらの商品もおすすめ",
        r"(?:あわせて|合わせて|併せて)(?:お使い|ご利用|ご購入|買い|お買い求め|使える|おすすめ)",
        r"姉妹品|シリーズ(?:商品|製品)(?:も|を)",
        r"(?:色違い|サイズ違い)(?:も|の商品も)(?:ございます|ご用意|販売|あります)",
        r"この商品を(?:買った|購入した)(?:人|方)|よく一緒に購入",
        r"(?:も|など)(?:販売|取り扱い|取扱い)(?:して|いたして)(?:おります|います)",
    ],
)

#: Amazon pages that are the ordered item's review or feedback form, not another listing.
_REVIEW_PAGE = ("/review/", "/product-reviews/", "/ss/customer-reviews/", "/feedback",
                "/hz/feedback", "/gp/css/")


def _listing_asins(msg: Message, view: View) -> list[tuple[str, str, str]]:
    """``(asin, url, location)`` for each distinct Amazon product page the
    message links to (review and feedback pages left out; bare URLs only
    when they are in the seller's own text, not in quoted mail)."""
    own = {location: text for location, text in view.sections()}
    found: dict[str, tuple[str, str, str]] = {}
    for link in msg.links:
        try:
            parts = urlsplit(link.url if "://" in link.url else f"https://{link.url}")
        except ValueError:
            continue
        if not is_amazon_domain(parts.hostname or ""):
            continue
        path = parts.path + ("?" + parts.query if parts.query else "")
        if any(marker in path.lower() for marker in _REVIEW_PAGE):
            continue
        if link.location in ("text", "subject") and link.url not in own.get(link.location, ""):
            continue
        match = ASIN.search(path)
        if match:
            found.setdefault(match.group(1), (match.group(1), link.url, link.location))
    return list(found.values())


class CrossSell(Rule):
    """Promotes other products or listings.

    Flags "you may also like", "check out our other products", "customers
    who bought…", "complete the set" and their German, French, Spanish,
    Italian and Japanese forms ("Entdecken Sie unsere weiteren Produkte",
    "découvrez nos autres produits", "descubra nuestros otros productos",
    "scopra gli altri nostri prodotti", "当店の他の商品もぜひご覧ください") in the
    subject, plain text or HTML; and links to two or more different Amazon
    product pages (ASINs), which can only be a product list. Quoted mail and
    the legal footer are not read.
    """

    code = "BSM202"
    name = "cross-sell"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "Who may be contacted, and why": "Proactive messages are allowed only '
        "to complete an order or answer a customer-service question. Marketing contact by "
        'any channel is prohibited." Pointing a buyer at other listings is marketing: trigger '
        '2 of "The six triggers named in Amazon\'s restriction e-mail", "Marketing or '
        'promotions", and "Links, contact details, attachments, tracking": "No external links '
        'unless needed to complete the order."'
    )
    fix = (
        "Talk only about the item the buyer ordered. Remove product recommendations, "
        '"you may also like" blocks and links to other listings; e.g. "We hope the kettle '
        'from order 113-1234567-1234567 serves you well."'
    )
    bad = (
        example("You may also like our matching bamboo utensil set."),
        example("Entdecken Sie auch unsere weiteren Produkte rund um die Küche.", lang="de"),
        example("Découvrez nos autres produits dans notre boutique Amazon.", lang="fr"),
        example("Eche un vistazo a nuestros otros productos para el hogar.", lang="es"),
        example("Scopra gli altri nostri prodotti per la cucina.", lang="it"),
        example("当店の他の商品もぜひご覧ください。", lang="ja"),
        example(
            html='<p>Customers also love:</p><ul><li><a href="https://www.amazon.com/dp/'
            'B0ABCDE123">Knife block</a></li><li><a href="https://www.amazon.com/dp/'
            'B0ZYXWV987">Oil</a></li></ul>',
            note="links to two other listings",
        ),
    )
    good = (
        example(
            "Thank you for order 113-1234567-1234567. We would appreciate your honest review."
        ),
        example(
            "Entdecken Sie die Funktionen Ihres neuen Wasserkochers in der beiliegenden "
            "Anleitung.",
            lang="de",
            note="'entdecken' about the ordered item",
        ),
        example(
            "Your other item from order 113-1234567-1234567 ships separately tomorrow.",
            note="the buyer's other item, not another listing",
        ),
        example(
            "Découvrez comment entretenir votre planche dans la notice jointe.", lang="fr"
        ),
        example(
            html='<p>You can review the item here: <a href="https://www.amazon.com/review/'
            'create-review?asin=B0ABCDE123">review page</a>.</p>',
            note="the ordered item's review page",
        ),
        example("ご注文の他の商品は別便にて発送いたします。", lang="ja"),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        assert ctx.view is not None
        seen: set[tuple[str, tuple[int, int]]] = set()
        for location, evidence, span, _match in find(CROSS_SELL, ctx.view):
            if (location, span) not in seen:
                seen.add((location, span))
                yield Hit(location, evidence, span=span)
        listings = _listing_asins(msg, ctx.view)
        if len(listings) >= 2:
            names = ", ".join(asin for asin, _url, _loc in listings)
            yield Hit(listings[1][2], f"links to {len(listings)} Amazon listings: {names}")
