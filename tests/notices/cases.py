"""Hand-written notice variants: 17 kinds x 6 languages x 3, each with its own
key sentence (no two share one: ``test_key_sentences_are_unique``).

Each :class:`Case` is one mail's wording and what must be read from it;
``mailgen.build`` turns it into raw bytes in one of several shapes (plain
text in a legacy charset with Authentication-Results, HTML-only base64,
forwarded by a colleague, ...). ``period`` is ``("days", n)``,
``("hours", n)``, ``("date", "YYYY-MM-DD")``, ``"permanent"`` or None.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("en", "de", "fr", "es", "it", "ja")
DOMAIN = {
    "en": "amazon.com",
    "de": "amazon.de",
    "fr": "amazon.fr",
    "es": "amazon.es",
    "it": "amazon.it",
    "ja": "amazon.co.jp",
}


@dataclass(frozen=True)
class Case:
    kind: str
    lang: str
    subject: str
    key: str
    extra: tuple[str, ...] = ()  #: more lines after the key sentence
    period: tuple[str, object] | str | None = None
    violations: tuple[str, ...] = ()
    asins: tuple[str, ...] = ()
    order_ids: tuple[str, ...] = ()
    complaint_ids: tuple[str, ...] = ()
    case_ids: tuple[str, ...] = ()
    sender: str = "seller-notification"
    index: int = 0

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.lang}-{self.index}"


GREETING = {
    "en": "Dear Seller,",
    "de": "Sehr geehrter Verkäufer,",
    "fr": "Bonjour,",
    "es": "Hola:",
    "it": "Gentile venditore,",
    "ja": "出品者様",
}
SIGNATURE = {
    "en": "Regards,\nSeller Performance Team",
    "de": "Mit freundlichen Grüßen\nSeller Performance Team",
    "fr": "Cordialement,\nL'équipe Performance Vendeurs",
    "es": "Atentamente,\nEquipo de Rendimiento de Vendedores",
    "it": "Cordiali saluti,\nTeam Prestazioni Venditore",
    "ja": "Amazon.co.jp 出品者パフォーマンスチーム",
}
#: Introduces the list of prohibited actions in a restriction notice.
INTRO = {
    "en": "We detected that you committed at least one of the following prohibited actions:",
    "de": "Wir haben festgestellt, dass Sie mindestens eine der folgenden unzulässigen "
    "Handlungen begangen haben:",
    "fr": "Nous avons constaté au moins une des actions interdites suivantes :",
    "es": "Hemos detectado al menos una de las siguientes acciones prohibidas:",
    "it": "Abbiamo rilevato almeno una delle seguenti azioni vietate:",
    "ja": "以下の禁止行為のうち、少なくとも1つが確認されました：",
}
#: Numbers that are not the restriction's period (return windows, evidence
#: ranges, appeal deadlines), one inside a sentence about the restriction.
MISLEADING = {
    "en": (
        "Customers may return items within 30 days of receipt.",
        "This restriction is based on messages sent in the last 365 days; you can appeal "
        "it within 90 days.",
    ),
    "de": (
        "Kunden können Artikel innerhalb von 30 Tagen zurückgeben.",
        "Diese Einschränkung beruht auf Nachrichten der letzten 365 Tage; Sie können "
        "innerhalb von 90 Tagen widersprechen.",
    ),
    "fr": (
        "Les clients peuvent retourner un article sous 30 jours.",
        "Cette restriction repose sur les messages des 365 derniers jours ; vous pouvez "
        "faire appel dans les 90 jours.",
    ),
    "es": (
        "Los clientes pueden devolver los artículos en un plazo de 30 días.",
        "Esta restricción se basa en los mensajes de los últimos 365 días; puedes apelar "
        "en un plazo de 90 días.",
    ),
    "it": (
        "I clienti possono restituire gli articoli entro 30 giorni.",
        "Questa limitazione si basa sui messaggi degli ultimi 365 giorni; puoi presentare "
        "ricorso entro 90 giorni.",
    ),
    "ja": (
        "返品は商品到着から30日以内に受け付けています。",
        "この制限は過去365日間に送信されたメッセージに基づいています。異議申し立ては90日以内に"
        "行ってください。",
    ),
}


def _cases(kind: str, sender: str, table: dict[str, list[dict]]) -> list[Case]:
    out = []
    for lang, variants in table.items():
        for index, fields in enumerate(variants):
            out.append(
                Case(
                    kind=kind, lang=lang, sender=fields.pop("sender", sender), index=index, **fields
                )
            )
    return out


def _restriction(lang: str, triggers: list[str]) -> tuple[str, ...]:
    bullet = "・" if lang == "ja" else "- "
    return (INTRO[lang], *(bullet + t for t in triggers), *MISLEADING[lang])


R = _restriction

MESSAGING_RESTRICTION = _cases(
    "messaging_restriction",
    "seller-notification",
    {
        "en": [
            dict(
                subject="Your Amazon.com selling account: proactive messaging restricted",
                key="As a result, you are restricted from proactively initiating new email "
                "conversations with customers for a period of 14 days.",
                extra=R(
                    "en",
                    [
                        "Sending marketing or promotional messages",
                        "Asking for the same review repeatedly",
                    ],
                ),
                period=("days", 14),
                violations=("BSM201", "BSM304"),
            ),
            dict(
                subject="Action taken on your Buyer-Seller Messaging permissions",
                key="We have suspended your ability to send proactive messages to buyers until "
                "November 30, 2026.",
                extra=R(
                    "en",
                    [
                        "Offering incentives in exchange for product reviews",
                        "An excessive number of buyer complaints about your messages",
                    ],
                ),
                period=("date", "2026-11-30"),
                violations=("BSM301", "BSM702"),
            ),
            dict(
                subject="Restriction on proactive messages",
                key="Your account can no longer initiate proactive messages to customers for "
                "120 hours.",
                extra=R("en", ["Including links that are not necessary to complete the order"]),
                period=("hours", 120),
                violations=("BSM401",),
            ),
        ],
        "de": [
            dict(
                subject="Ihr Amazon.de Verkäuferkonto: Einschränkung proaktiver Nachrichten",
                key="Aus diesem Grund ist das Versenden proaktiver Nachrichten an Käufer für "
                "30 Tage eingeschränkt.",
                extra=R(
                    "de",
                    [
                        'Verwenden von "[Wichtig]" in der Betreffzeile, wenn dies nicht '
                        "erforderlich ist",
                        "Versenden von Links oder Anhängen, die für die Bestellung nicht "
                        "notwendig sind",
                    ],
                ),
                period=("days", 30),
                violations=("BSM101", "BSM401", "BSM403"),
            ),
            dict(
                subject="Wichtige Information zu Ihren Käufer-Verkäufer-Nachrichten",
                key="Sie können bis zum 20.12.2026 keine proaktiven Nachrichten an Kunden senden.",
                extra=R(
                    "de",
                    [
                        "Anreize für Produktbewertungen oder Verkäuferbewertungen bieten",
                        "Manipulation von Bewertungen",
                    ],
                ),
                period=("date", "2026-12-20"),
                violations=("BSM301", "BSM302"),
            ),
            dict(
                subject="Proaktive Nachrichten dauerhaft gesperrt",
                key="Wegen wiederholter Verstöße wurde die Möglichkeit, proaktive Nachrichten zu "
                "senden, dauerhaft gesperrt.",
                extra=R(
                    "de",
                    [
                        "Mehrfaches Anfordern derselben Bewertung",
                        "Zu viele Beschwerden von Käufern über Ihre Nachrichten",
                    ],
                ),
                period="permanent",
                violations=("BSM304", "BSM702"),
            ),
        ],
        "fr": [
            dict(
                subject="Votre compte vendeur Amazon.fr : restriction des messages proactifs",
                key="Par conséquent, l'envoi de messages proactifs aux acheteurs est restreint "
                "pendant 30 jours.",
                extra=R(
                    "fr",
                    [
                        "Utilisation de « [Important] » dans l'objet sans nécessité",
                        "Envoi de contenus marketing ou promotionnels",
                    ],
                ),
                period=("days", 30),
                violations=("BSM101", "BSM201"),
            ),
            dict(
                subject="Mise à jour concernant la messagerie acheteur-vendeur",
                key="Vous ne pourrez plus contacter les acheteurs de votre propre initiative "
                "jusqu'au 20 décembre 2026.",
                extra=R("fr", ["Inciter les clients à laisser des avis contre une compensation"]),
                period=("date", "2026-12-20"),
                violations=("BSM301",),
            ),
            dict(
                subject="Restriction définitive de l'envoi de messages proactifs",
                key="Votre compte est définitivement limité : il ne peut plus initier de messages "
                "proactifs.",
                extra=R(
                    "fr",
                    ["Demander plusieurs fois le même avis", "Liens ou pièces jointes inutiles"],
                ),
                period="permanent",
                violations=("BSM304", "BSM401", "BSM403"),
            ),
        ],
        "es": [
            dict(
                subject="Tu cuenta de vendedor de Amazon.es: restricción de mensajes proactivos",
                key="Por este motivo, el envío de mensajes proactivos a los compradores queda "
                "restringido durante 30 días.",
                extra=R(
                    "es",
                    [
                        "Enviar contenido de marketing o promociones",
                        "Incentivar o manipular las reseñas de productos",
                    ],
                ),
                period=("days", 30),
                violations=("BSM201", "BSM301", "BSM302"),
            ),
            dict(
                subject="Cambios en tu mensajería con compradores",
                key="No podrás iniciar conversaciones con los compradores por iniciativa propia "
                "hasta el 15 de diciembre de 2026.",
                extra=R("es", ["Incluir enlaces o archivos adjuntos innecesarios"]),
                period=("date", "2026-12-15"),
                violations=("BSM401", "BSM403"),
            ),
            dict(
                subject="Restricción de mensajes proactivos",
                key="Se ha aplicado una restricción a los mensajes proactivos de tu cuenta.",
                extra=R("es", ["Un número excesivo de quejas de compradores"]),
                period=None,
                violations=("BSM702",),
            ),
        ],
        "it": [
            dict(
                subject="Il tuo account venditore Amazon.it: limitazione dei messaggi proattivi",
                key="Di conseguenza, l'invio di messaggi proattivi agli acquirenti è limitato "
                "per 30 giorni.",
                extra=R(
                    "it",
                    [
                        'Utilizzo di "[Importante]" nell\'oggetto senza necessità',
                        "Invio di materiale di marketing o promozioni",
                    ],
                ),
                period=("days", 30),
                violations=("BSM101", "BSM201"),
            ),
            dict(
                subject="Aggiornamento sulla messaggistica acquirente-venditore",
                key="Non potrai avviare nuove conversazioni con gli acquirenti fino al "
                "10 dicembre 2026.",
                extra=R("it", ["Incentivare le recensioni con sconti o omaggi"]),
                period=("date", "2026-12-10"),
                violations=("BSM301",),
            ),
            dict(
                subject="Limitazione permanente dei messaggi proattivi",
                key="L'account è soggetto a una limitazione permanente: non può più inviare "
                "messaggi proattivi ai clienti.",
                extra=R(
                    "it",
                    [
                        "Richiedere ripetutamente la stessa recensione",
                        "Collegamenti o allegati non necessari",
                    ],
                ),
                period="permanent",
                violations=("BSM304", "BSM401", "BSM403"),
            ),
        ],
        "ja": [
            dict(
                subject="【Amazon.co.jp】積極的なメッセージ送信の制限について",
                key="その結果、購入者への積極的なメッセージ送信が30日間制限されます。",
                extra=R(
                    "ja",
                    [
                        "件名に「[重要]」を不必要に使用すること",
                        "マーケティングや宣伝を目的としたメッセージの送信",
                    ],
                ),
                period=("days", 30),
                violations=("BSM101", "BSM201"),
            ),
            dict(
                subject="購入者とのメッセージに関する重要なお知らせ",
                key="2026年12月31日まで、お客様へのプロアクティブなメッセージの送信が停止されます。",
                extra=R("ja", ["レビューの見返りとして割引を提供すること"]),
                period=("date", "2026-12-31"),
                violations=("BSM301",),
            ),
            dict(
                subject="積極的なメッセージの送信制限（１２０時間）",
                key="お客様のアカウントは１２０時間、積極的なメッセージを開始できないよう制限されてい"
                "ます。",
                extra=R(
                    "ja",
                    [
                        "同じレビューを何度も依頼すること",
                        "購入者からの苦情が多すぎること",
                        "不要なリンクや添付ファイルの送信",
                    ],
                ),
                period=("hours", 120),
                violations=("BSM304", "BSM401", "BSM403", "BSM702"),
            ),
        ],
    },
)

TEMPLATES_ONLY = _cases(
    "templates_only_restriction",
    "seller-notification",
    {
        "en": [
            dict(
                subject="Your proactive messaging is limited to Amazon templates",
                key="From now on, proactive messages to buyers are limited to Amazon's message "
                "templates for 30 days.",
                extra=R("en", ["Sending marketing or promotions"]),
                period=("days", 30),
                violations=("BSM201",),
            ),
            dict(
                subject="Buyer-Seller Messaging: template-only restriction",
                key="Until December 1, 2026, your account may only send proactive messages that "
                "use Amazon's templates.",
                extra=R("en", ["Either incentivizing or manipulating product or seller reviews"]),
                period=("date", "2026-12-01"),
                violations=("BSM301", "BSM302"),
            ),
            dict(
                subject="Restriction: Amazon templates only",
                key="We have restricted your account so that it can contact buyers exclusively "
                "through Amazon's message templates.",
                extra=R(
                    "en",
                    ["Sending links or attachments that are not necessary to complete the order"],
                ),
                period=None,
                violations=("BSM401", "BSM403"),
            ),
        ],
        "de": [
            dict(
                subject="Proaktive Nachrichten nur noch über Amazon-Vorlagen",
                key="Ab sofort können Sie proaktive Nachrichten nur noch mit den Amazon-Vorlagen "
                "versenden.",
                extra=R("de", ["Versenden von Marketing- oder Werbenachrichten"]),
                period=None,
                violations=("BSM201",),
            ),
            dict(
                subject="Einschränkung: nur Vorlagen",
                key="Ihr Konto ist bis zum 05.01.2027 auf die Amazon-Nachrichtenvorlagen "
                "beschränkt.",
                extra=R("de", ["Wiederholtes Anfragen derselben Bewertung"]),
                period=("date", "2027-01-05"),
                violations=("BSM304",),
            ),
            dict(
                subject="Dauerhafte Einschränkung auf Vorlagen",
                key="Proaktive Kontaktaufnahmen mit Käufern sind dauerhaft ausschließlich über "
                "Vorlagen von Amazon möglich.",
                extra=R("de", ["Zu viele Käuferbeschwerden über proaktive Nachrichten"]),
                period="permanent",
                violations=("BSM702",),
            ),
        ],
        "fr": [
            dict(
                subject="Messages proactifs limités aux modèles Amazon",
                key="Vos messages proactifs sont désormais limités aux modèles d'Amazon.",
                extra=R("fr", ["Envoi de promotions"]),
                period=None,
                violations=("BSM201",),
            ),
            dict(
                subject="Restriction de la messagerie : modèles uniquement",
                key="Jusqu'au 15 janvier 2027, vous pourrez uniquement utiliser les modèles de "
                "messages proposés par Amazon.",
                extra=R("fr", ["Manipulation des avis et des évaluations"]),
                period=("date", "2027-01-15"),
                violations=("BSM302",),
            ),
            dict(
                subject="Limitation permanente aux modèles",
                key="Votre compte ne peut contacter les acheteurs qu'à l'aide des modèles Amazon, "
                "de façon permanente.",
                extra=R("fr", ["Un nombre excessif de plaintes des acheteurs"]),
                period="permanent",
                violations=("BSM702",),
            ),
        ],
        "es": [
            dict(
                subject="Mensajes proactivos limitados a las plantillas de Amazon",
                key="A partir de ahora, tus mensajes proactivos quedan limitados a las plantillas "
                "de Amazon durante 14 días.",
                extra=R("es", ['Usar "[Importante]" en el asunto sin necesidad']),
                period=("days", 14),
                violations=("BSM101",),
            ),
            dict(
                subject="Restricción de mensajería: solo plantillas",
                key="Hasta el 20 de enero de 2027 solo podrás comunicarte con los compradores "
                "mediante plantillas de Amazon.",
                extra=R("es", ["Pedir la misma reseña repetidamente"]),
                period=("date", "2027-01-20"),
                violations=("BSM304",),
            ),
            dict(
                subject="Restricción permanente a plantillas",
                key="De forma permanente, el contacto proactivo con compradores estará restringido "
                "a las plantillas de Amazon.",
                extra=R("es", ["Enviar archivos adjuntos innecesarios"]),
                period="permanent",
                violations=("BSM403",),
            ),
        ],
        "it": [
            dict(
                subject="Messaggi proattivi limitati ai modelli Amazon",
                key="D'ora in poi i messaggi proattivi sono limitati ai modelli di Amazon.",
                extra=R("it", ["Invio di promozioni"]),
                period=None,
                violations=("BSM201",),
            ),
            dict(
                subject="Restrizione della messaggistica: solo modelli",
                key="Fino al 31 gennaio 2027 potrai contattare gli acquirenti soltanto tramite i "
                "modelli predefiniti di Amazon.",
                extra=R("it", ["Manipolare le recensioni dei clienti"]),
                period=("date", "2027-01-31"),
                violations=("BSM302",),
            ),
            dict(
                subject="Limitazione permanente ai modelli",
                key="In modo permanente, il tuo account può inviare messaggi proattivi "
                "esclusivamente con i modelli di Amazon.",
                extra=R("it", ["Troppi reclami da parte degli acquirenti"]),
                period="permanent",
                violations=("BSM702",),
            ),
        ],
        "ja": [
            dict(
                subject="積極的なメッセージはテンプレートのみに制限されました",
                key="今後、購入者への積極的なメッセージはAmazonのテンプレートのみ送信できます。",
                extra=R("ja", ["宣伝目的のメッセージの送信"]),
                period=None,
                violations=("BSM201",),
            ),
            dict(
                subject="メッセージ送信の制限（テンプレートのみ）",
                key="2027年1月10日まで、お客様への連絡はAmazonが用意したテンプレートだけに限られます"
                "。",
                extra=R("ja", ["レビューを操作すること"]),
                period=("date", "2027-01-10"),
                violations=("BSM302",),
            ),
            dict(
                subject="テンプレート限定の無期限制限",
                key="お客様のアカウントは、無期限でテンプレート以外の積極的なメッセージを送信できなく"
                "なりました。",
                extra=R("ja", ["不要な添付ファイルの送信"]),
                period="permanent",
                violations=("BSM403",),
            ),
        ],
    },
)

MESSAGE_BLOCKED = _cases(
    "message_blocked",
    "seller-notification",
    {
        "en": [
            dict(
                subject="Message not delivered: order 111-2223334-4445556",
                key="Your message to the buyer was not sent because it did not comply with our "
                "communication guidelines.",
                order_ids=("111-2223334-4445556",),
            ),
            dict(
                subject="Buyer message blocked (order 112-3334445-5556667)",
                key="We blocked this message because it does not follow the Buyer-Seller "
                "Messaging guidelines.",
                order_ids=("112-3334445-5556667",),
            ),
            dict(
                subject="Undeliverable message regarding order 113-4445556-6667778",
                key="The message could not be sent: its content did not meet the messaging "
                "guidelines for buyers.",
                order_ids=("113-4445556-6667778",),
            ),
        ],
        "de": [
            dict(
                subject="Nachricht nicht zugestellt: Bestellung 302-1112223-3334445",
                key="Diese Nachricht wurde nicht gesendet, da sie nicht den "
                "Kommunikationsrichtlinien für Käufer-Verkäufer-Nachrichten entsprach.",
                order_ids=("302-1112223-3334445",),
            ),
            dict(
                subject="Ihre Nachricht wurde blockiert",
                key="Die Nachricht an den Käufer zu Bestellung 303-2223334-4445556 wurde "
                "blockiert, weil sie gegen unsere Richtlinien verstößt.",
                order_ids=("303-2223334-4445556",),
            ),
            dict(
                subject="Zustellung fehlgeschlagen - Bestellung 304-3334445-5556667",
                key="Wir haben Ihre Nachricht nicht versendet, weil sie die Richtlinien für die "
                "Kommunikation mit Käufern nicht erfüllt.",
                order_ids=("304-3334445-5556667",),
            ),
        ],
        "fr": [
            dict(
                subject="Message non distribué : commande 402-1112223-3334445",
                key="Ce message n'a pas été envoyé, car il ne respectait pas les directives de "
                "communication entre acheteurs et vendeurs.",
                order_ids=("402-1112223-3334445",),
            ),
            dict(
                subject="Message bloqué pour la commande 403-2223334-4445556",
                key="Votre message a été bloqué : son contenu n'est pas conforme à nos règles de "
                "messagerie.",
                order_ids=("403-2223334-4445556",),
            ),
            dict(
                subject="Échec de l'envoi d'un message",
                key="Nous n'avons pas transmis votre message concernant la commande "
                "404-3334445-5556667, qui enfreignait les consignes de communication.",
                order_ids=("404-3334445-5556667",),
            ),
        ],
        "es": [
            dict(
                subject="Mensaje no entregado: pedido 405-1112223-3334445",
                key="Este mensaje no se ha enviado porque no cumplía las directrices de "
                "comunicación entre compradores y vendedores.",
                order_ids=("405-1112223-3334445",),
            ),
            dict(
                subject="Mensaje bloqueado para el pedido 406-2223334-4445556",
                key="Tu mensaje ha sido bloqueado porque incumple las normas de mensajería de "
                "Amazon.",
                order_ids=("406-2223334-4445556",),
            ),
            dict(
                subject="No se pudo enviar tu mensaje",
                key="No hemos enviado tu mensaje sobre el pedido 407-3334445-5556667 ya que "
                "infringía nuestras pautas de comunicación.",
                order_ids=("407-3334445-5556667",),
            ),
        ],
        "it": [
            dict(
                subject="Messaggio non consegnato: ordine 171-1112223-3334445",
                key="Questo messaggio non è stato inviato perché non rispettava le linee guida "
                "sulla comunicazione tra acquirenti e venditori.",
                order_ids=("171-1112223-3334445",),
            ),
            dict(
                subject="Messaggio bloccato per l'ordine 171-2223334-4445556",
                key="Il tuo messaggio è stato bloccato in quanto viola le nostre norme di "
                "messaggistica.",
                order_ids=("171-2223334-4445556",),
            ),
            dict(
                subject="Invio del messaggio non riuscito",
                key="Non abbiamo inoltrato il tuo messaggio relativo all'ordine "
                "171-3334445-5556667 perché non conforme alle linee guida di comunicazione.",
                order_ids=("171-3334445-5556667",),
            ),
        ],
        "ja": [
            dict(
                subject="メッセージが配信されませんでした：注文番号 503-1112223-3334445",
                key="このメッセージは、購入者と出品者間のコミュニケーションガイドラインを満たしていな"
                "いため"
                "送信されませんでした。",
                order_ids=("503-1112223-3334445",),
            ),
            dict(
                subject="メッセージの送信がブロックされました",
                key="注文番号 503-2223334-4445556 に関するメッセージは、ガイドライン違反のため送信"
                "されませんでした。",
                order_ids=("503-2223334-4445556",),
            ),
            dict(
                subject="メッセージ送信エラーのお知らせ",
                key="お送りいただいたメッセージ（注文番号 503-3334445-5556667）は"
                "当社のガイドラインに準拠していないため、配信を停止しました。",
                order_ids=("503-3334445-5556667",),
            ),
        ],
    },
)

MESSAGE_UNDELIVERED = _cases(
    "message_undelivered",
    "seller-notification",
    {
        "en": [
            dict(
                subject="Message not delivered: order 114-1112223-3334445",
                key="This message was not delivered because your seller account is currently "
                "restricted from sending proactive messages.",
                order_ids=("114-1112223-3334445",),
            ),
            dict(
                subject="Delivery failure for your message about order 114-2223334-4445556",
                key="We could not deliver your message to the buyer: proactive messaging is "
                "restricted on your account.",
                order_ids=("114-2223334-4445556",),
            ),
            dict(
                subject="Undelivered message (order 114-3334445-5556667)",
                key="Because of the temporary restriction on your account, your proactive "
                "message was not delivered to the customer.",
                order_ids=("114-3334445-5556667",),
            ),
        ],
        "de": [
            dict(
                subject="Nachricht nicht zugestellt: Bestellung 305-1112223-3334445",
                key="Diese Nachricht wurde nicht zugestellt, da Ihr Konto vorübergehend für das "
                "Senden proaktiver Nachrichten eingeschränkt wurde.",
                order_ids=("305-1112223-3334445",),
            ),
            dict(
                subject="Zustellung Ihrer Nachricht fehlgeschlagen",
                key="Ihre Nachricht zu Bestellung 305-2223334-4445556 konnte wegen der "
                "Einschränkung Ihres Kontos nicht zugestellt werden.",
                order_ids=("305-2223334-4445556",),
            ),
            dict(
                subject="Nicht zugestellte Nachricht an Käufer",
                key="Weil proaktive Nachrichten für Ihr Konto derzeit gesperrt sind, haben wir die "
                "Nachricht zu Bestellung 305-3334445-5556667 nicht zugestellt.",
                order_ids=("305-3334445-5556667",),
            ),
        ],
        "fr": [
            dict(
                subject="Message non distribué : commande 406-1112223-3334445",
                key="Ce message n'a pas été distribué car votre compte fait l'objet d'une "
                "restriction temporaire sur les messages proactifs.",
                order_ids=("406-1112223-3334445",),
            ),
            dict(
                subject="Échec de distribution de votre message",
                key="Votre compte étant restreint, nous n'avons pas pu remettre votre message "
                "concernant la commande 406-2223334-4445556.",
                order_ids=("406-2223334-4445556",),
            ),
            dict(
                subject="Message non remis à l'acheteur",
                key="En raison de la restriction de vos messages proactifs, ce message n'a pas "
                "été remis au client.",
                order_ids=(),
            ),
        ],
        "es": [
            dict(
                subject="Mensaje no entregado: pedido 408-1112223-3334445",
                key="Este mensaje no se ha entregado porque tu cuenta tiene restringido "
                "temporalmente el envío de mensajes proactivos.",
                order_ids=("408-1112223-3334445",),
            ),
            dict(
                subject="No se pudo entregar tu mensaje",
                key="Debido a la restricción de tu cuenta, no pudimos entregar tu mensaje sobre "
                "el pedido 408-2223334-4445556.",
                order_ids=("408-2223334-4445556",),
            ),
            dict(
                subject="Mensaje sin entregar al comprador",
                key="Tu mensaje proactivo no llegó al comprador porque tu cuenta está limitada en "
                "este momento.",
                order_ids=(),
            ),
        ],
        "it": [
            dict(
                subject="Messaggio non consegnato: ordine 402-1112223-3334445",
                key="Questo messaggio non è stato consegnato perché il tuo account è "
                "temporaneamente limitato nell'invio di messaggi proattivi.",
                order_ids=("402-1112223-3334445",),
            ),
            dict(
                subject="Mancata consegna del messaggio",
                key="A causa della limitazione del tuo account, non siamo riusciti a recapitare il "
                "messaggio relativo all'ordine 402-2223334-4445556.",
                order_ids=("402-2223334-4445556",),
            ),
            dict(
                subject="Messaggio non recapitato all'acquirente",
                key="Il messaggio non è arrivato al cliente poiché il tuo account è sottoposto a "
                "restrizioni sui messaggi proattivi.",
                order_ids=(),
            ),
        ],
        "ja": [
            dict(
                subject="メッセージが配信されませんでした（注文番号 249-1112223-3334445）",
                key="お客様のアカウントは積極的なメッセージの送信が一時的に制限されているため、このメ"
                "ッセージは"
                "配信されませんでした。",
                order_ids=("249-1112223-3334445",),
            ),
            dict(
                subject="メッセージ配信エラー",
                key="注文番号 249-2223334-4445556 のメッセージは、"
                "アカウントの制限によりお届けできませんでした。",
                order_ids=("249-2223334-4445556",),
            ),
            dict(
                subject="未配信のメッセージについて",
                key="現在アカウントに送信制限がかかっているため、購入者へのメッセージを配信できません"
                "でした。",
                order_ids=(),
            ),
        ],
    },
)

BUYER_OPT_OUT = _cases(
    "buyer_opt_out",
    "seller-notification",
    {
        "en": [
            dict(
                subject="Buyer opted out of messages for order 115-1112223-3334445",
                key="The customer has opted out of receiving unsolicited messages from sellers, "
                "so your message was not delivered.",
                order_ids=("115-1112223-3334445",),
            ),
            dict(
                subject="Your message was not delivered (unsubscribed buyer)",
                key="This buyer has chosen not to receive messages that are not critical to their "
                "order 115-2223334-4445556.",
                order_ids=("115-2223334-4445556",),
            ),
            dict(
                subject="Message not delivered: recipient opted out",
                key="Delivery was stopped because the recipient does not want to receive further "
                "marketing or review messages.",
                order_ids=(),
            ),
        ],
        "de": [
            dict(
                subject="Käufer hat sich von Nachrichten abgemeldet",
                key="Der Käufer hat sich vom Erhalt dieser Nachricht abgemeldet. Bestellnummer: "
                "306-1112223-3334445",
                extra=("Amazon Verkäufer-Support",),
                order_ids=("306-1112223-3334445",),
            ),
            dict(
                subject="Nachricht nicht zugestellt - Opt-out des Kunden",
                key="Der Kunde möchte keine weiteren Nachrichten von Verkäufern erhalten, deshalb "
                "wurde Ihre Nachricht nicht zugestellt.",
                order_ids=(),
            ),
            dict(
                subject="Abmeldung des Käufers",
                key="Die Käuferin hat dem Empfang von Verkäufernachrichten widersprochen "
                "(Bestellung 306-2223334-4445556).",
                order_ids=("306-2223334-4445556",),
            ),
        ],
        "fr": [
            dict(
                subject="L'acheteur s'est désinscrit des messages",
                key="L'acheteur a choisi de ne plus recevoir de messages de la part des vendeurs "
                "pour la commande 407-1112223-3334445.",
                order_ids=("407-1112223-3334445",),
            ),
            dict(
                subject="Message non distribué : opposition du client",
                key="Ce client s'est opposé à la réception de messages non sollicités ; votre "
                "message n'a pas été remis.",
                order_ids=(),
            ),
            dict(
                subject="Désabonnement de l'acheteur",
                key="Le destinataire ne souhaite plus recevoir vos messages concernant la commande "
                "407-2223334-4445556.",
                order_ids=("407-2223334-4445556",),
            ),
        ],
        "es": [
            dict(
                subject="El comprador ha optado por no recibir mensajes",
                key="El comprador ha optado por no recibir este mensaje del pedido "
                "409-1112223-3334445.",
                order_ids=("409-1112223-3334445",),
            ),
            dict(
                subject="Mensaje no entregado: el cliente se dio de baja",
                key="Este cliente se ha dado de baja de los mensajes de vendedores, por lo que tu "
                "mensaje no se entregó.",
                order_ids=(),
            ),
            dict(
                subject="Baja de mensajes del comprador",
                key="La destinataria no desea recibir más comunicaciones de vendedores sobre el "
                "pedido 409-2223334-4445556.",
                order_ids=("409-2223334-4445556",),
            ),
        ],
        "it": [
            dict(
                subject="L'acquirente ha disattivato la ricezione dei messaggi",
                key="L'acquirente ha scelto di non ricevere questo messaggio relativo all'ordine "
                "403-1112223-3334445.",
                order_ids=("403-1112223-3334445",),
            ),
            dict(
                subject="Messaggio non consegnato: il cliente si è disiscritto",
                key="Il cliente si è disiscritto dai messaggi dei venditori e non riceverà la tua "
                "comunicazione.",
                order_ids=(),
            ),
            dict(
                subject="Rinuncia ai messaggi da parte dell'acquirente",
                key="Il destinatario non desidera ricevere ulteriori messaggi sull'ordine "
                "403-2223334-4445556.",
                order_ids=("403-2223334-4445556",),
            ),
        ],
        "ja": [
            dict(
                subject="購入者がメッセージの受信を拒否しました",
                key="購入者がこのメッセージの受信を拒否しているため、メッセージは配信されませんでした"
                "。"
                "注文番号: 250-1112223-3334445",
                order_ids=("250-1112223-3334445",),
            ),
            dict(
                subject="メッセージ配信停止のお知らせ",
                key="このお客様は出品者からのメッセージの配信停止を選択されています。",
                order_ids=(),
            ),
            dict(
                subject="購入者のオプトアウトについて",
                key="受信者は注文番号 250-2223334-4445556 に関する連絡を希望されていません。",
                order_ids=("250-2223334-4445556",),
            ),
        ],
    },
)


def _ip_footer(lang: str, asin: str, kind_word: str, complaint: str) -> tuple[str, ...]:
    labels = {
        "en": (
            "ASIN",
            "Infringement type",
            "Complaint ID",
            "These are the rights owner's contact details:",
        ),
        "de": (
            "ASIN",
            "Art der Verletzung",
            "Beschwerde-ID",
            "Dies sind die Kontaktdaten des Rechteinhabers:",
        ),
        "fr": (
            "ASIN",
            "Type d'infraction",
            "ID de la réclamation",
            "Voici les coordonnées du titulaire des droits :",
        ),
        "es": (
            "ASIN",
            "Tipo de infracción",
            "ID de la reclamación",
            "Estos son los datos de contacto del titular de los derechos:",
        ),
        "it": (
            "ASIN",
            "Tipo di violazione",
            "ID reclamo",
            "Questi sono i dati di contatto del titolare dei diritti:",
        ),
        "ja": ("ASIN", "侵害の種類", "申し立て番号", "権利所有者の連絡先："),
    }[lang]
    return (
        "If you do not provide the information within 90 days, you will receive a request to "
        "remove the inventory."
        if lang == "en"
        else MISLEADING[lang][0],
        f"{labels[0]}: {asin}",
        f"{labels[1]}: {kind_word}",
        f"{labels[2]}: {complaint}",
        "",
        labels[3],
        "Brightline Rights Ltd",
        "legal@brightline-rights.example",
    )


IP_COMPLAINT = _cases(
    "ip_complaint",
    "seller-performance",
    {
        "en": [
            dict(
                subject="Notice: Copyright complaint",
                key="We removed your listing because a rights owner reported that it may infringe "
                "their copyright.",
                extra=_ip_footer("en", "B0AAAA1111", "Copyright", "1234567890"),
                asins=("B0AAAA1111",),
                complaint_ids=("1234567890",),
            ),
            dict(
                subject="Intellectual Property Policy: trademark notice",
                key="Amazon received a notice from the trademark owner alleging that your product "
                "infringes their trademark.",
                extra=_ip_footer("en", "B0AAAA2222", "Trademark", "1234567891"),
                asins=("B0AAAA2222",),
                complaint_ids=("1234567891",),
            ),
            dict(
                subject="Policy Warning: inauthentic item complaint",
                key="Your listing was deactivated after we received a complaint that the item is "
                "inauthentic.",
                extra=(
                    *_ip_footer("en", "B0AAAA3333", "Inauthentic", "1234567892"),
                    "Sellers who use the DMCA process must respond within 10 days.",
                ),
                asins=("B0AAAA3333",),
                complaint_ids=("1234567892",),
            ),
        ],
        "de": [
            dict(
                subject="Hinweis: Urheberrechtsbeschwerde",
                key="Wir haben Ihr Angebot entfernt, da wir eine Meldung eines Rechteinhabers "
                "erhalten haben, dass es dessen Urheberrecht verletzen könnte.",
                extra=_ip_footer("de", "B0DEAA1111", "Urheberrecht", "2234567890"),
                asins=("B0DEAA1111",),
                complaint_ids=("2234567890",),
            ),
            dict(
                subject="Richtlinie zum geistigen Eigentum: Markenbeschwerde",
                key="Ein Markeninhaber hat uns mitgeteilt, dass Ihr Produkt seine Marke verletzt.",
                extra=_ip_footer("de", "B0DEAA2222", "Marke", "2234567891"),
                asins=("B0DEAA2222",),
                complaint_ids=("2234567891",),
            ),
            dict(
                subject="Beschwerde wegen nicht authentischer Artikel",
                key="Nach einer Beschwerde über nicht authentische Ware wurde Ihr Angebot "
                "deaktiviert.",
                extra=_ip_footer("de", "B0DEAA3333", "Nicht authentisch", "2234567892"),
                asins=("B0DEAA3333",),
                complaint_ids=("2234567892",),
            ),
        ],
        "fr": [
            dict(
                subject="Avis : réclamation pour violation du droit d'auteur",
                key="Nous avons supprimé votre offre suite au signalement d'un titulaire de droits "
                "indiquant qu'elle pourrait enfreindre son droit d'auteur.",
                extra=_ip_footer("fr", "B0FRAA1111", "Droit d'auteur", "3234567890"),
                asins=("B0FRAA1111",),
                complaint_ids=("3234567890",),
            ),
            dict(
                subject="Propriété intellectuelle : plainte pour contrefaçon de marque",
                key="Le propriétaire de la marque affirme que votre produit porte atteinte à ses "
                "droits de marque.",
                extra=_ip_footer("fr", "B0FRAA2222", "Marque", "3234567891"),
                asins=("B0FRAA2222",),
                complaint_ids=("3234567891",),
            ),
            dict(
                subject="Réclamation : article non authentique",
                key="Votre fiche produit a été désactivée à la suite d'une réclamation concernant "
                "un article non authentique.",
                extra=_ip_footer("fr", "B0FRAA3333", "Non authentique", "3234567892"),
                asins=("B0FRAA3333",),
                complaint_ids=("3234567892",),
            ),
        ],
        "es": [
            dict(
                subject="Aviso: reclamación por derechos de autor",
                key="Hemos eliminado tu oferta porque un titular de derechos ha denunciado que "
                "podría infringir sus derechos de autor.",
                extra=_ip_footer("es", "B0ESAA1111", "Derechos de autor", "4234567890"),
                asins=("B0ESAA1111",),
                complaint_ids=("4234567890",),
            ),
            dict(
                subject="Propiedad intelectual: infracción de marca",
                key="Hemos recibido una notificación del propietario de la marca según la cual tu "
                "producto vulnera su marca registrada.",
                extra=_ip_footer("es", "B0ESAA2222", "Marca", "4234567891"),
                asins=("B0ESAA2222",),
                complaint_ids=("4234567891",),
            ),
            dict(
                subject="Reclamación por producto no auténtico",
                key="Hemos desactivado tu anuncio tras recibir una queja que indica que el "
                "artículo no es auténtico.",
                extra=_ip_footer("es", "B0ESAA3333", "No auténtico", "4234567892"),
                asins=("B0ESAA3333",),
                complaint_ids=("4234567892",),
            ),
        ],
        "it": [
            dict(
                subject="Avviso: reclamo per violazione del diritto d'autore",
                key="Abbiamo rimosso la tua offerta perché il titolare dei diritti ha segnalato "
                "una possibile violazione del suo diritto d'autore.",
                extra=_ip_footer("it", "B0ITAA1111", "Diritto d'autore", "5234567890"),
                asins=("B0ITAA1111",),
                complaint_ids=("5234567890",),
            ),
            dict(
                subject="Proprietà intellettuale: violazione del marchio",
                key="Il proprietario del marchio sostiene che il tuo prodotto violi il suo "
                "marchio registrato.",
                extra=_ip_footer("it", "B0ITAA2222", "Marchio", "5234567891"),
                asins=("B0ITAA2222",),
                complaint_ids=("5234567891",),
            ),
            dict(
                subject="Reclamo per articolo non autentico",
                key="La tua inserzione è stata disattivata dopo un reclamo relativo a un prodotto "
                "contraffatto.",
                extra=_ip_footer("it", "B0ITAA3333", "Contraffazione", "5234567892"),
                asins=("B0ITAA3333",),
                complaint_ids=("5234567892",),
            ),
        ],
        "ja": [
            dict(
                subject="【重要】著作権侵害の申し立てについて",
                key="権利所有者から著作権を侵害している可能性があるとの報告を受けたため、お客様の出品"
                "を"
                "削除しました。",
                extra=_ip_footer("ja", "B0JPAA1111", "著作権", "6234567890"),
                asins=("B0JPAA1111",),
                complaint_ids=("6234567890",),
            ),
            dict(
                subject="知的財産権に関する通知：商標",
                key="商標権者より、お客様の商品が商標権を侵害しているとの申し立てがありました。",
                extra=_ip_footer("ja", "B0JPAA2222", "商標", "6234567891"),
                asins=("B0JPAA2222",),
                complaint_ids=("6234567891",),
            ),
            dict(
                subject="真正品ではない商品に関する苦情",
                key="お客様の商品が真正品ではないという苦情を受け、出品を停止しました。",
                extra=_ip_footer("ja", "B0JPAA3333", "真正品ではない", "6234567892"),
                asins=("B0JPAA3333",),
                complaint_ids=("6234567892",),
            ),
        ],
    },
)

IP_RETRACTION = _cases(
    "ip_retraction",
    "notice-dispute",
    {
        "en": [
            dict(
                subject="Complaint retracted for ASIN B0RETR0001",
                key="The rights owner has retracted their complaint about your listing.",
                extra=("Complaint ID: 7000000001",),
                asins=("B0RETR0001",),
                complaint_ids=("7000000001",),
            ),
            dict(
                subject="Update on your intellectual property complaint",
                key="We have processed a retraction of the copyright complaint against ASIN "
                "B0RETR0002.",
                asins=("B0RETR0002",),
            ),
            dict(
                subject="Notice withdrawn",
                key="The complainant withdrew the trademark notice filed on your product.",
                extra=("ASIN: B0RETR0003",),
                asins=("B0RETR0003",),
            ),
        ],
        "de": [
            dict(
                subject="Beschwerde zurückgezogen: ASIN B0RETDE001",
                key="Der Rechteinhaber hat seine Beschwerde gegen Ihr Angebot zurückgezogen.",
                asins=("B0RETDE001",),
            ),
            dict(
                subject="Rücknahme einer Markenbeschwerde",
                key="Wir haben die Rücknahme der Beschwerde zu ASIN B0RETDE002 erhalten.",
                asins=("B0RETDE002",),
            ),
            dict(
                subject="Aktualisierung zu Ihrer Urheberrechtsmeldung",
                key="Die Meldung wegen einer Urheberrechtsverletzung wurde vom Beschwerdeführer "
                "zurückgenommen.",
                extra=("ASIN: B0RETDE003", "Beschwerde-ID: 7000000002"),
                asins=("B0RETDE003",),
                complaint_ids=("7000000002",),
            ),
        ],
        "fr": [
            dict(
                subject="Plainte retirée pour l'ASIN B0RETFR001",
                key="Le titulaire des droits a retiré sa plainte concernant votre offre.",
                asins=("B0RETFR001",),
            ),
            dict(
                subject="Rétractation d'une réclamation pour contrefaçon",
                key="Nous avons reçu la rétractation du signalement relatif à l'ASIN B0RETFR002.",
                asins=("B0RETFR002",),
            ),
            dict(
                subject="Mise à jour de votre réclamation de propriété intellectuelle",
                key="La réclamation pour atteinte au droit d'auteur a été annulée par son auteur.",
                extra=("ASIN : B0RETFR003", "ID de la réclamation : 7000000003"),
                asins=("B0RETFR003",),
                complaint_ids=("7000000003",),
            ),
        ],
        "es": [
            dict(
                subject="Reclamación retirada: ASIN B0RETES001",
                key="El titular de los derechos ha retirado su reclamación sobre tu oferta.",
                asins=("B0RETES001",),
            ),
            dict(
                subject="Retractación de una denuncia de marca",
                key="Hemos recibido la retractación de la denuncia relacionada con el ASIN "
                "B0RETES002.",
                asins=("B0RETES002",),
            ),
            dict(
                subject="Actualización de tu reclamación de propiedad intelectual",
                key="La denuncia por infracción de derechos de autor ha sido anulada por el "
                "denunciante.",
                extra=("ASIN: B0RETES003",),
                asins=("B0RETES003",),
            ),
        ],
        "it": [
            dict(
                subject="Reclamo ritirato per l'ASIN B0RETIT001",
                key="Il titolare dei diritti ha ritirato il reclamo relativo alla tua offerta.",
                asins=("B0RETIT001",),
            ),
            dict(
                subject="Ritrattazione di una segnalazione",
                key="Abbiamo ricevuto la ritrattazione della segnalazione per l'ASIN B0RETIT002.",
                asins=("B0RETIT002",),
            ),
            dict(
                subject="Aggiornamento sul reclamo di proprietà intellettuale",
                key="La segnalazione per violazione del marchio è stata revocata da chi l'aveva "
                "presentata.",
                extra=("ASIN: B0RETIT003",),
                asins=("B0RETIT003",),
            ),
        ],
        "ja": [
            dict(
                subject="申し立ての取り下げについて（ASIN: B0RETJP001）",
                key="権利所有者が、お客様の出品に対する申し立てを取り下げました。",
                asins=("B0RETJP001",),
            ),
            dict(
                subject="著作権侵害の苦情の撤回",
                key="ASIN B0RETJP002 に関する苦情は、申立人によって撤回されました。",
                asins=("B0RETJP002",),
            ),
            dict(
                subject="知的財産権に関する通知の更新",
                key="商標権侵害の報告は報告者により取り下げられています。",
                extra=("ASIN: B0RETJP003",),
                asins=("B0RETJP003",),
            ),
        ],
    },
)

VIOLATION_CLEARED = _cases(
    "violation_cleared",
    "no-reply",
    {
        "en": [
            dict(
                subject="Violation cleared for ASIN B0CLEA0001",
                key="After reviewing the information you provided, the policy violation has been "
                "removed from your account.",
                extra=("Case ID: 12345678901",),
                asins=("B0CLEA0001",),
                case_ids=("12345678901",),
            ),
            dict(
                subject="Account Health update: ASIN B0CLEA0002",
                key="We have cleared the violation associated with ASIN B0CLEA0002, and it no "
                "longer affects your Account Health.",
                asins=("B0CLEA0002",),
            ),
            dict(
                subject="Your appeal: violations resolved",
                key="The intellectual property violations for ASIN B0CLEA0003 are now resolved.",
                asins=("B0CLEA0003",),
            ),
        ],
        "de": [
            dict(
                subject="Verstoß aufgehoben: ASIN B0CLEDE001",
                key="Der Verstoß gegen unsere Richtlinien für ASIN B0CLEDE001 wurde aufgehoben.",
                extra=("Fall-ID: 22345678901",),
                asins=("B0CLEDE001",),
                case_ids=("22345678901",),
            ),
            dict(
                subject="Aktualisierung Ihres Kontozustands",
                key="Wir haben den Verstoß zu ASIN B0CLEDE002 nach Prüfung Ihrer Unterlagen "
                "entfernt.",
                asins=("B0CLEDE002",),
            ),
            dict(
                subject="Richtlinienverstoß behoben",
                key="Für ASIN B0CLEDE003 ist kein aktiver Verstoß mehr in Ihrem Konto vorhanden.",
                asins=("B0CLEDE003",),
            ),
        ],
        "fr": [
            dict(
                subject="Violation levée pour l'ASIN B0CLEFR001",
                key="La violation de nos règles concernant l'ASIN B0CLEFR001 a été levée.",
                extra=("ID du cas : 32345678901",),
                asins=("B0CLEFR001",),
                case_ids=("32345678901",),
            ),
            dict(
                subject="Mise à jour de la santé de votre compte",
                key="Nous avons levé l'infraction associée à l'ASIN B0CLEFR002 après examen de "
                "votre dossier.",
                asins=("B0CLEFR002",),
            ),
            dict(
                subject="Infraction résolue",
                key="Aucune violation active n'est désormais associée à l'ASIN B0CLEFR003.",
                asins=("B0CLEFR003",),
            ),
        ],
        "es": [
            dict(
                subject="Infracción eliminada para el ASIN B0CLEES001",
                key="La infracción de nuestras políticas relacionada con el ASIN B0CLEES001 ha "
                "sido eliminada.",
                extra=("ID del caso: 42345678901",),
                asins=("B0CLEES001",),
                case_ids=("42345678901",),
            ),
            dict(
                subject="Actualización del estado de tu cuenta",
                key="Hemos anulado la infracción asociada al ASIN B0CLEES002 tras revisar tu "
                "documentación.",
                asins=("B0CLEES002",),
            ),
            dict(
                subject="Incumplimiento resuelto",
                key="El ASIN B0CLEES003 ya no tiene ninguna infracción activa en tu cuenta.",
                asins=("B0CLEES003",),
            ),
        ],
        "it": [
            dict(
                subject="Violazione rimossa per l'ASIN B0CLEIT001",
                key="La violazione delle nostre norme relativa all'ASIN B0CLEIT001 è stata "
                "rimossa.",
                extra=("ID caso: 52345678901",),
                asins=("B0CLEIT001",),
                case_ids=("52345678901",),
            ),
            dict(
                subject="Aggiornamento sullo stato dell'account",
                key="Abbiamo annullato la violazione associata all'ASIN B0CLEIT002 dopo aver "
                "esaminato i tuoi documenti.",
                asins=("B0CLEIT002",),
            ),
            dict(
                subject="Violazione risolta",
                key="Per l'ASIN B0CLEIT003 non risultano più violazioni attive nel tuo account.",
                asins=("B0CLEIT003",),
            ),
        ],
        "ja": [
            dict(
                subject="ASIN B0CLEJP001 の違反が解除されました",
                key="ASIN B0CLEJP001 に関するポリシー違反は解除されました。",
                extra=("ケースID: 62345678901",),
                asins=("B0CLEJP001",),
                case_ids=("62345678901",),
            ),
            dict(
                subject="アカウント健全性の更新",
                key="ご提出いただいた情報を確認し、ASIN B0CLEJP002 の違反を取り消しました。",
                asins=("B0CLEJP002",),
            ),
            dict(
                subject="違反の解決について",
                key="ASIN B0CLEJP003 には、現在有効な違反はありません。",
                asins=("B0CLEJP003",),
            ),
        ],
    },
)

LISTING_REINSTATED = _cases(
    "listing_reinstated",
    "no-reply",
    {
        "en": [
            dict(
                subject="Your listing has been reinstated: ASIN B0LIST0001",
                key="We reviewed your documents and your listing for ASIN B0LIST0001 has been "
                "reactivated.",
                asins=("B0LIST0001",),
            ),
            dict(
                subject="ASIN B0LIST0002 is active again",
                key="Good news: we have restored the listing so buyers can purchase it again.",
                asins=("B0LIST0002",),
            ),
            dict(
                subject="Listing reactivated",
                key="Your offers on ASIN B0LIST0003 are now live again on Amazon.co.uk.",
                asins=("B0LIST0003",),
            ),
        ],
        "de": [
            dict(
                subject="Ihr Angebot wurde reaktiviert: ASIN B0LISTDE01",
                key="Ihr Angebot für ASIN B0LISTDE01 wurde nach Prüfung wieder aktiviert.",
                asins=("B0LISTDE01",),
            ),
            dict(
                subject="ASIN B0LISTDE02 wieder verfügbar",
                key="Wir haben das Produkt wieder freigeschaltet; Kunden können es ab sofort "
                "kaufen.",
                asins=("B0LISTDE02",),
            ),
            dict(
                subject="Angebot wiederhergestellt",
                key="Die Angebote zu ASIN B0LISTDE03 sind wieder aktiv.",
                asins=("B0LISTDE03",),
            ),
        ],
        "fr": [
            dict(
                subject="Votre offre a été réactivée : ASIN B0LISTFR01",
                key="Après examen, votre offre pour l'ASIN B0LISTFR01 a été réactivée.",
                asins=("B0LISTFR01",),
            ),
            dict(
                subject="L'ASIN B0LISTFR02 est de nouveau disponible",
                key="Nous avons remis en ligne la fiche produit afin que les clients puissent de "
                "nouveau l'acheter.",
                asins=("B0LISTFR02",),
            ),
            dict(
                subject="Annonce rétablie",
                key="Les annonces associées à l'ASIN B0LISTFR03 sont rétablies.",
                asins=("B0LISTFR03",),
            ),
        ],
        "es": [
            dict(
                subject="Tu oferta ha sido reactivada: ASIN B0LISTES01",
                key="Tras revisar tu documentación, tu oferta del ASIN B0LISTES01 ha sido "
                "reactivada.",
                asins=("B0LISTES01",),
            ),
            dict(
                subject="El ASIN B0LISTES02 vuelve a estar disponible",
                key="Hemos restablecido el anuncio para que los clientes puedan comprarlo de "
                "nuevo.",
                asins=("B0LISTES02",),
            ),
            dict(
                subject="Publicación restaurada",
                key="Las ofertas del ASIN B0LISTES03 vuelven a estar activas.",
                asins=("B0LISTES03",),
            ),
        ],
        "it": [
            dict(
                subject="La tua offerta è stata riattivata: ASIN B0LISTIT01",
                key="Dopo la verifica, la tua offerta per l'ASIN B0LISTIT01 è stata riattivata.",
                asins=("B0LISTIT01",),
            ),
            dict(
                subject="L'ASIN B0LISTIT02 è di nuovo disponibile",
                key="Abbiamo ripristinato l'inserzione e i clienti possono acquistarla di nuovo.",
                asins=("B0LISTIT02",),
            ),
            dict(
                subject="Inserzione ripristinata",
                key="Le offerte collegate all'ASIN B0LISTIT03 sono nuovamente attive.",
                asins=("B0LISTIT03",),
            ),
        ],
        "ja": [
            dict(
                subject="出品が再開されました（ASIN: B0LISTJP01）",
                key="書類を確認し、ASIN B0LISTJP01 の出品を再開しました。",
                asins=("B0LISTJP01",),
            ),
            dict(
                subject="ASIN B0LISTJP02 の出品再開のお知らせ",
                key="ASIN B0LISTJP02 の商品は再び有効になりました。",
                asins=("B0LISTJP02",),
            ),
            dict(
                subject="出品の復元について",
                key="お客様の出品は復元されました。購入者は再び購入できます。",
                extra=("ASIN: B0LISTJP03",),
                asins=("B0LISTJP03",),
            ),
        ],
    },
)

ACCOUNT_AT_RISK = _cases(
    "account_at_risk",
    "seller-performance",
    {
        "en": [
            dict(
                subject="Action required: your account is at risk of deactivation",
                key="Your account has policy violations that put it at risk of deactivation "
                "within 72 hours.",
            ),
            dict(
                subject="Account Health: immediate attention needed",
                key="Unless you submit a plan of action, your selling account may be deactivated "
                "in 3 days.",
            ),
            dict(
                subject="Your Amazon.co.uk account is at risk",
                key="We may suspend your account if the issues listed below are not addressed "
                "within 48 hours.",
            ),
        ],
        "de": [
            dict(
                subject="Handlungsbedarf: Ihr Konto ist gefährdet",
                key="Ihr Verkäuferkonto könnte innerhalb von 72 Stunden deaktiviert werden, wenn "
                "Sie nicht reagieren.",
            ),
            dict(
                subject="Kontozustand: Maßnahmen erforderlich",
                key="Es besteht die Gefahr, dass Ihr Konto wegen Richtlinienverstößen deaktiviert "
                "wird.",
            ),
            dict(
                subject="Risiko einer Kontosperrung",
                key="Ohne einen Aktionsplan droht die Sperrung Ihres Verkäuferkontos in den "
                "nächsten drei Tagen.",
            ),
        ],
        "fr": [
            dict(
                subject="Action requise : votre compte risque d'être désactivé",
                key="Votre compte présente des infractions qui le mettent en risque de "
                "désactivation sous 72 heures.",
            ),
            dict(
                subject="Santé du compte : intervention nécessaire",
                key="Sans plan d'action de votre part, votre compte vendeur pourrait être suspendu "
                "dans les 5 jours.",
            ),
            dict(
                subject="Votre compte est menacé",
                key="Nous risquons de désactiver votre compte si vous ne corrigez pas les "
                "problèmes ci-dessous.",
            ),
        ],
        "es": [
            dict(
                subject="Acción requerida: tu cuenta está en riesgo",
                key="Tu cuenta tiene infracciones que la ponen en riesgo de ser desactivada en "
                "72 horas.",
            ),
            dict(
                subject="Estado de la cuenta: se requiere atención",
                key="Si no envías un plan de acción, tu cuenta de vendedor podría ser suspendida "
                "en los próximos 3 días.",
            ),
            dict(
                subject="Riesgo de desactivación de tu cuenta",
                key="Podríamos desactivar tu cuenta si no resuelves los problemas indicados a "
                "continuación.",
            ),
        ],
        "it": [
            dict(
                subject="Azione richiesta: il tuo account è a rischio",
                key="Il tuo account presenta violazioni che lo espongono al rischio di "
                "disattivazione entro 72 ore.",
            ),
            dict(
                subject="Stato dell'account: intervento richiesto",
                key="Se non invii un piano d'azione, il tuo account venditore potrebbe essere "
                "sospeso entro 3 giorni.",
            ),
            dict(
                subject="Rischio di sospensione dell'account",
                key="Potremmo disattivare il tuo account se i problemi elencati non vengono "
                "risolti.",
            ),
        ],
        "ja": [
            dict(
                subject="【要対応】アカウント停止のリスク",
                key="ポリシー違反により、お客様のアカウントは72時間以内に停止される可能性があります"
                "。",
            ),
            dict(
                subject="アカウント健全性に関する重要なお知らせ",
                key="改善計画を提出いただけない場合、出品用アカウントが無効化されるおそれがあります"
                "。",
            ),
            dict(
                subject="アカウントが危険な状態です",
                key="問題が解決されない場合、当社はお客様のアカウントを停止することがあります。",
            ),
        ],
    },
)

ACCOUNT_DEACTIVATED = _cases(
    "account_deactivated",
    "seller-performance",
    {
        "en": [
            dict(
                subject="Your Amazon.com selling account has been deactivated",
                key="We have deactivated your seller account because of repeated intellectual "
                "property complaints.",
            ),
            dict(
                subject="Your selling privileges have been removed",
                key="We have removed your selling privileges, canceled your listings, and placed a "
                "temporary hold on any funds in your seller account.",
            ),
            dict(
                subject="Account permanently deactivated",
                key="Your Amazon.co.uk seller account has been permanently deactivated.",
                period="permanent",
            ),
        ],
        "de": [
            dict(
                subject="Ihre Amazon.de Verkaufsberechtigungen wurden entfernt",
                key="Wir haben Ihre Verkaufsberechtigungen entfernt und Ihre Angebote deaktiviert.",
            ),
            dict(
                subject="Ihr Verkäuferkonto wurde deaktiviert",
                key="Ihr Verkäuferkonto wurde vorübergehend deaktiviert, bis Sie einen Aktionsplan "
                "einreichen.",
            ),
            dict(
                subject="Dauerhafte Deaktivierung Ihres Kontos",
                key="Ihr Konto bei Amazon.de ist dauerhaft gesperrt.",
                period="permanent",
            ),
        ],
        "fr": [
            dict(
                subject="Votre compte vendeur Amazon.fr a été désactivé",
                key="Nous avons désactivé votre compte vendeur à la suite de plusieurs "
                "réclamations.",
            ),
            dict(
                subject="Vos privilèges de vente ont été retirés",
                key="Nous avons retiré vos privilèges de vente et suspendu vos versements.",
            ),
            dict(
                subject="Désactivation définitive du compte",
                key="Votre compte vendeur est définitivement désactivé.",
                period="permanent",
            ),
        ],
        "es": [
            dict(
                subject="Tu cuenta de vendedor de Amazon.es ha sido desactivada",
                key="Hemos desactivado tu cuenta de vendedor debido a varias reclamaciones de "
                "propiedad intelectual.",
            ),
            dict(
                subject="Se han retirado tus privilegios de venta",
                key="Hemos retirado tus privilegios de venta y retenido los fondos de tu cuenta.",
            ),
            dict(
                subject="Desactivación permanente de la cuenta",
                key="Tu cuenta de vendedor ha quedado desactivada de forma permanente.",
                period="permanent",
            ),
        ],
        "it": [
            dict(
                subject="Il tuo account venditore Amazon.it è stato disattivato",
                key="Abbiamo disattivato il tuo account venditore a causa di ripetuti reclami.",
            ),
            dict(
                subject="I tuoi privilegi di vendita sono stati revocati",
                key="Abbiamo revocato i tuoi privilegi di vendita e trattenuto i pagamenti in "
                "sospeso.",
            ),
            dict(
                subject="Disattivazione definitiva dell'account",
                key="Il tuo account venditore è stato disattivato definitivamente.",
                period="permanent",
            ),
        ],
        "ja": [
            dict(
                subject="出品用アカウントの停止について",
                key="知的財産権の侵害に関する複数の申し立てにより、お客様の出品用アカウントを停止しま"
                "した。",
            ),
            dict(
                subject="販売権限の削除のお知らせ",
                key="お客様の販売権限を削除し、売上金の支払いを保留しました。",
            ),
            dict(
                subject="アカウントの無期限停止",
                key="お客様のアカウントは無期限で停止されました。",
                period="permanent",
            ),
        ],
    },
)

ACCOUNT_REINSTATED = _cases(
    "account_reinstated",
    "seller-performance",
    {
        "en": [
            dict(
                subject="Your selling privileges have been reinstated",
                key="We have reviewed your plan of action and reinstated your selling privileges.",
            ),
            dict(
                subject="Your Amazon.com account is active again",
                key="Good news: your seller account has been reactivated and you can sell again.",
            ),
            dict(
                subject="Account reinstatement",
                key="Following your appeal, you may now resume selling on Amazon.co.uk.",
            ),
        ],
        "de": [
            dict(
                subject="Ihr Verkäuferkonto wurde reaktiviert",
                key="Wir haben Ihren Aktionsplan geprüft und entschieden, dass Sie wieder auf "
                "Amazon verkaufen dürfen.",
            ),
            dict(
                subject="Reaktivierung Ihres Kontos",
                key="Ihr Konto bei Amazon.de wurde wieder freigeschaltet.",
            ),
            dict(
                subject="Verkaufsberechtigungen wiederhergestellt",
                key="Ihre Verkaufsberechtigung wurde vollständig wiederhergestellt.",
            ),
        ],
        "fr": [
            dict(
                subject="Votre compte vendeur a été réactivé",
                key="Après examen de votre plan d'action, nous avons réactivé votre compte.",
            ),
            dict(
                subject="Rétablissement de vos privilèges de vente",
                key="Vos privilèges de vente ont été rétablis : vous pouvez à nouveau vendre sur "
                "Amazon.fr.",
            ),
            dict(
                subject="Votre compte est de nouveau actif",
                key="Votre compte vendeur est de nouveau actif et vos offres seront visibles sous "
                "peu.",
            ),
        ],
        "es": [
            dict(
                subject="Tu cuenta de vendedor ha sido reactivada",
                key="Tras revisar tu plan de acción, hemos reactivado tu cuenta.",
            ),
            dict(
                subject="Restablecimiento de tus privilegios de venta",
                key="Tus privilegios de venta se han restablecido y puedes volver a vender en "
                "Amazon.es.",
            ),
            dict(
                subject="Tu cuenta vuelve a estar activa",
                key="Tu cuenta de vendedor vuelve a estar activa desde hoy.",
            ),
        ],
        "it": [
            dict(
                subject="Il tuo account venditore è stato riattivato",
                key="Dopo aver esaminato il tuo piano d'azione, abbiamo riattivato il tuo account.",
            ),
            dict(
                subject="Ripristino dei privilegi di vendita",
                key="I tuoi privilegi di vendita sono stati ripristinati: puoi di nuovo vendere su "
                "Amazon.it.",
            ),
            dict(
                subject="Il tuo account è di nuovo attivo",
                key="Il tuo account venditore è di nuovo attivo a partire da oggi.",
            ),
        ],
        "ja": [
            dict(
                subject="出品用アカウントの再開について",
                key="改善計画を確認し、お客様の出品用アカウントを再開しました。",
            ),
            dict(
                subject="販売権限の復元",
                key="お客様の販売権限は復元され、Amazon.co.jpで再び販売いただけます。",
            ),
            dict(
                subject="アカウント再有効化のお知らせ",
                key="お客様のアカウントは再有効化されました。",
            ),
        ],
    },
)

APPEAL_RECEIVED = _cases(
    "appeal_received",
    "no-replies-appeals",
    {
        "en": [
            dict(
                subject="We received your appeal",
                key="Thank you for submitting your appeal. We received your submission but do not "
                "have enough information to complete our review.",
            ),
            dict(
                subject="Your plan of action is under review",
                key="Your plan of action has been received and our team will review it within 2 "
                "business days.",
            ),
            dict(
                subject="Appeal submitted",
                key="We are currently reviewing your appeal for the deactivation of your account.",
            ),
        ],
        "de": [
            dict(
                subject="Ihr Einspruch ist eingegangen",
                key="Vielen Dank für Ihren Einspruch. "
                "Wir prüfen Ihre Unterlagen und melden uns bei Ihnen.",
            ),
            dict(
                subject="Aktionsplan erhalten",
                key="Wir haben Ihren Aktionsplan erhalten und werden ihn in Kürze prüfen.",
            ),
            dict(
                subject="Eingangsbestätigung Ihres Widerspruchs",
                key="Ihr Widerspruch ist bei uns eingegangen und befindet sich in Prüfung.",
            ),
        ],
        "fr": [
            dict(
                subject="Nous avons reçu votre appel",
                key="Merci d'avoir soumis votre appel. Nous l'examinerons dans les meilleurs "
                "délais.",
            ),
            dict(
                subject="Plan d'action reçu",
                key="Nous avons bien reçu votre plan d'action et notre équipe va l'étudier.",
            ),
            dict(
                subject="Recours en cours d'examen",
                key="Nous examinons actuellement votre recours concernant la désactivation de "
                "votre compte.",
            ),
        ],
        "es": [
            dict(
                subject="Hemos recibido tu apelación",
                key="Gracias por enviar tu apelación. No disponemos de información suficiente "
                "para completar la revisión.",
            ),
            dict(
                subject="Plan de acción recibido",
                key="Hemos recibido tu plan de acción y lo revisaremos en breve.",
            ),
            dict(
                subject="Recurso en revisión",
                key="Estamos revisando tu recurso sobre la desactivación de la cuenta.",
            ),
        ],
        "it": [
            dict(
                subject="Abbiamo ricevuto il tuo ricorso",
                key="Grazie per aver inviato il tuo ricorso. Lo esamineremo al più presto.",
            ),
            dict(
                subject="Piano d'azione ricevuto",
                key="Abbiamo ricevuto il tuo piano d'azione e il nostro team lo valuterà a breve.",
            ),
            dict(
                subject="Ricorso in fase di revisione",
                key="Stiamo esaminando il tuo ricorso relativo alla disattivazione dell'account.",
            ),
        ],
        "ja": [
            dict(
                subject="異議申し立てを受け付けました",
                key="異議申し立てをお送りいただきありがとうございます。内容を確認いたします。",
            ),
            dict(
                subject="改善計画書の受領について", key="ご提出いただいた改善計画書を受領しました。"
            ),
            dict(subject="再開申請の審査状況", key="お客様の再開申請は現在審査中です。"),
        ],
    },
)

APPEAL_DECISION = _cases(
    "appeal_decision",
    "no-replies-appeals",
    {
        "en": [
            dict(
                subject="Appeal decision",
                key="We reviewed your appeal and are unable to reinstate your account at this "
                "time.",
            ),
            dict(
                subject="Update on your plan of action",
                key="Your plan of action was rejected because it did not address the root cause.",
            ),
            dict(
                subject="Partial reinstatement of your account",
                key="We have restored your ability to list in Toys & Games; your account remains "
                "suspended in other categories.",
            ),
        ],
        "de": [
            dict(
                subject="Entscheidung über Ihren Einspruch",
                key="Ihr Einspruch wurde nach sorgfältiger Prüfung abgelehnt.",
            ),
            dict(
                subject="Ergebnis der Prüfung Ihres Aktionsplans",
                key="Leider können wir Ihren Aktionsplan nicht akzeptieren, da die Ursache nicht "
                "behoben wurde.",
            ),
            dict(
                subject="Teilweise Wiederherstellung Ihres Kontos",
                key="Wir haben Ihre Berechtigung zum Verkauf in der Kategorie Spielzeug "
                "wiederhergestellt; Ihr Konto bleibt jedoch weiterhin gesperrt.",
            ),
        ],
        "fr": [
            dict(
                subject="Décision concernant votre appel",
                key="Votre appel a été rejeté après un examen approfondi.",
            ),
            dict(
                subject="Résultat de l'examen de votre plan d'action",
                key="Nous avons examiné votre plan d'action et ne sommes pas en mesure de "
                "réactiver votre compte.",
            ),
            dict(
                subject="Rétablissement partiel",
                key="Nous avons rétabli votre possibilité de vendre dans la catégorie Jouets, mais "
                "votre compte reste suspendu.",
            ),
        ],
        "es": [
            dict(
                subject="Decisión sobre tu apelación",
                key="Tu apelación ha sido denegada tras una revisión detallada.",
            ),
            dict(
                subject="Resultado de la revisión de tu plan de acción",
                key="Hemos revisado tu plan de acción y no podemos reactivar tu cuenta en este "
                "momento.",
            ),
            dict(
                subject="Restablecimiento parcial",
                key="Hemos restablecido tu posibilidad de vender en la categoría Juguetes, pero tu "
                "cuenta sigue suspendida.",
            ),
        ],
        "it": [
            dict(
                subject="Decisione sul tuo ricorso",
                key="Il tuo ricorso è stato respinto dopo un'attenta verifica.",
            ),
            dict(
                subject="Esito della revisione del piano d'azione",
                key="Abbiamo esaminato il tuo piano d'azione e non possiamo riattivare il tuo "
                "account.",
            ),
            dict(
                subject="Ripristino parziale",
                key="Abbiamo ripristinato la tua possibilità di vendere nella categoria "
                "Giocattoli, ma l'account rimane sospeso.",
            ),
        ],
        "ja": [
            dict(
                subject="異議申し立ての審査結果",
                key="慎重に確認しましたが、お客様の異議申し立ては却下されました。",
            ),
            dict(
                subject="改善計画の審査結果について",
                key="ご提出いただいた改善計画は不十分であるため、アカウントを再開できません。",
            ),
            dict(
                subject="一部カテゴリーでの出品再開",
                key="おもちゃカテゴリーでの出品を再開しましたが、アカウントは引き続き停止されています"
                "。",
            ),
        ],
    },
)

POLICY_WARNING = _cases(
    "policy_warning",
    "seller-performance",
    {
        "en": [
            dict(
                subject="Policy Warning",
                key="This is a warning that your listing for ASIN B0WARN0001 violates our product "
                "detail page rules.",
                asins=("B0WARN0001",),
            ),
            dict(
                subject="Warning: Restricted Products policy",
                key="Further violations of the Restricted Products policy may result in the "
                "removal of your selling privileges.",
            ),
            dict(
                subject="Notice of policy violation",
                key="We are issuing a warning because your offer for ASIN B0WARN0003 did not "
                "comply with our pricing policy.",
                asins=("B0WARN0003",),
            ),
        ],
        "de": [
            dict(
                subject="Richtlinienwarnung",
                key="Dies ist eine Warnung wegen eines Verstoßes gegen unsere Richtlinien für "
                "Produktdetailseiten.",
            ),
            dict(
                subject="Warnung: Richtlinie zu eingeschränkten Produkten",
                key="Weitere Verstöße gegen diese Richtlinie können zur Entfernung Ihrer "
                "Verkaufsberechtigung führen.",
            ),
            dict(
                subject="Verwarnung zu Ihrem Angebot",
                key="Wir sprechen eine Verwarnung aus, da Ihr Angebot für ASIN B0WARNDE03 nicht "
                "unseren Preisrichtlinien entspricht.",
                asins=("B0WARNDE03",),
            ),
        ],
        "fr": [
            dict(
                subject="Avertissement relatif aux politiques",
                key="Ceci est un avertissement concernant le non-respect de notre politique "
                "relative aux pages produits.",
            ),
            dict(
                subject="Avertissement : produits soumis à restrictions",
                key="De nouvelles violations de cette politique pourraient entraîner la "
                "suppression de vos privilèges de vente.",
            ),
            dict(
                subject="Avis de non-conformité",
                key="Nous vous adressons un avertissement, car votre offre pour l'ASIN B0WARNFR03 "
                "enfreint nos règles de tarification.",
                asins=("B0WARNFR03",),
            ),
        ],
        "es": [
            dict(
                subject="Advertencia sobre políticas",
                key="Esta es una advertencia por el incumplimiento de nuestra política sobre "
                "páginas de producto.",
            ),
            dict(
                subject="Advertencia: productos restringidos",
                key="Nuevas infracciones de esta política podrían conllevar la retirada de tus "
                "privilegios de venta.",
            ),
            dict(
                subject="Aviso de incumplimiento",
                key="Te enviamos una advertencia porque tu oferta del ASIN B0WARNES03 no cumple "
                "nuestra política de precios.",
                asins=("B0WARNES03",),
            ),
        ],
        "it": [
            dict(
                subject="Avviso relativo alle normative",
                key="Questo è un avvertimento per la violazione delle nostre norme sulle pagine "
                "prodotto.",
            ),
            dict(
                subject="Avvertimento: prodotti soggetti a restrizioni",
                key="Ulteriori violazioni di questa politica potrebbero comportare la revoca dei "
                "privilegi di vendita.",
            ),
            dict(
                subject="Segnalazione di non conformità",
                key="Ti inviamo un ammonimento perché la tua offerta per l'ASIN B0WARNIT03 non "
                "rispetta le regole sui prezzi.",
                asins=("B0WARNIT03",),
            ),
        ],
        "ja": [
            dict(
                subject="ポリシー警告",
                key="ASIN B0WARNJP01 の商品詳細ページがポリシーに違反しているため、ポリシー警告を"
                "送付します。",
                asins=("B0WARNJP01",),
            ),
            dict(
                subject="警告：制限対象商品に関するポリシー",
                key="今後も同様の違反が続く場合、販売権限が削除される可能性があります。",
            ),
            dict(
                subject="価格設定ルールに関する注意",
                key="ASIN B0WARNJP03 の価格設定が規約に違反しているため、警告いたします。",
                asins=("B0WARNJP03",),
            ),
        ],
    },
)

OTHER_AMAZON = _cases(
    "other_amazon",
    "seller-notification",
    {
        "en": [
            dict(
                subject="Your monthly seller fee summary is available",
                key="Your fee summary for October is now available in the Payments dashboard.",
            ),
            dict(
                subject="Reminder: update your tax information",
                key="Please confirm your tax interview details in Seller Central before year end.",
            ),
            dict(
                subject="Register your products for Prime Day 2027",
                key="Deal submissions for Prime Day 2027 open next week in the Deals dashboard.",
            ),
        ],
        "de": [
            dict(
                subject="Ihre monatliche Gebührenübersicht ist verfügbar",
                key="Die Gebührenübersicht für Oktober finden Sie jetzt im Bereich Zahlungen.",
            ),
            dict(
                subject="Erinnerung: Steuerinformationen aktualisieren",
                key="Bitte bestätigen Sie Ihre Steuerangaben in Seller Central bis zum Jahresende.",
            ),
            dict(
                subject="Melden Sie Ihre Produkte für den Prime Day an",
                key="Ab nächster Woche können Sie Angebote für den Prime Day 2027 einreichen.",
            ),
        ],
        "fr": [
            dict(
                subject="Votre récapitulatif mensuel des frais est disponible",
                key="Le récapitulatif des frais d'octobre est disponible dans le tableau de bord "
                "Paiements.",
            ),
            dict(
                subject="Rappel : mettez à jour vos informations fiscales",
                key="Veuillez confirmer vos informations fiscales dans Seller Central avant la fin "
                "de l'année.",
            ),
            dict(
                subject="Inscrivez vos produits au Prime Day",
                key="Les soumissions d'offres pour le Prime Day 2027 ouvrent la semaine prochaine.",
            ),
        ],
        "es": [
            dict(
                subject="Tu resumen mensual de tarifas está disponible",
                key="El resumen de tarifas de octubre ya está disponible en el panel de Pagos.",
            ),
            dict(
                subject="Recordatorio: actualiza tu información fiscal",
                key="Confirma tus datos fiscales en Seller Central antes de que acabe el año.",
            ),
            dict(
                subject="Inscribe tus productos en el Prime Day",
                key="La presentación de ofertas para el Prime Day 2027 se abre la próxima semana.",
            ),
        ],
        "it": [
            dict(
                subject="Il riepilogo mensile delle tariffe è disponibile",
                key="Il riepilogo delle tariffe di ottobre è ora disponibile nella sezione "
                "Pagamenti.",
            ),
            dict(
                subject="Promemoria: aggiorna le informazioni fiscali",
                key="Conferma i tuoi dati fiscali in Seller Central entro la fine dell'anno.",
            ),
            dict(
                subject="Iscrivi i tuoi prodotti al Prime Day",
                key="L'invio delle offerte per il Prime Day 2027 si apre la prossima settimana.",
            ),
        ],
        "ja": [
            dict(
                subject="月次手数料の概要をご確認ください",
                key="10月分の手数料の概要をペイメントダッシュボードでご確認いただけます。",
            ),
            dict(
                subject="税務情報の更新のお願い",
                key="年末までにセラーセントラルで税務情報をご確認ください。",
            ),
            dict(
                subject="プライムデー2027への商品登録",
                key="プライムデー2027のセール申請は来週から受け付けます。",
            ),
        ],
    },
)

BUYER_COMPLAINT = _cases(
    "buyer_complaint",
    "relay",
    {
        "en": [
            dict(
                subject="RE: Your order 116-1112223-3334445",
                key="Please stop sending me these emails, I already told you I am not interested.",
                order_ids=("116-1112223-3334445",),
            ),
            dict(
                subject="Re: Quick question about your purchase",
                key="This is the fourth message from your shop this week. It's spam and I will "
                "report you to Amazon.",
            ),
            dict(
                subject="RE: Share your experience",
                key="Unsubscribe me now. Too many messages about a single order "
                "116-2223334-4445556.",
                order_ids=("116-2223334-4445556",),
            ),
        ],
        "de": [
            dict(
                subject="AW: Ihre Bestellung 307-1112223-3334445",
                key="Hören Sie bitte auf, mir ständig Nachrichten zu schreiben.",
                order_ids=("307-1112223-3334445",),
            ),
            dict(
                subject="AW: Wie zufrieden sind Sie?",
                key="Das ist Spam. Ich werde Sie bei Amazon melden.",
            ),
            dict(
                subject="AW: Bewertung Ihres Einkaufs",
                key="Ich möchte keine weiteren E-Mails von Ihnen erhalten, das ist reine "
                "Belästigung.",
            ),
        ],
        "fr": [
            dict(
                subject="RE: Votre commande 408-1112223-3334445",
                key="Arrêtez de m'envoyer des messages, je ne suis pas intéressé.",
                order_ids=("408-1112223-3334445",),
            ),
            dict(
                subject="RE: Votre avis compte",
                key="C'est du spam, je vais vous signaler à Amazon.",
            ),
            dict(
                subject="RE: Une petite question",
                key="Ne m'écrivez plus, trois messages pour une seule commande c'est du "
                "harcèlement.",
            ),
        ],
        "es": [
            dict(
                subject="RE: Tu pedido 410-1112223-3334445",
                key="Dejen de enviarme correos, ya les dije que no me interesa.",
                order_ids=("410-1112223-3334445",),
            ),
            dict(
                subject="RE: Valora tu compra", key="Esto es spam y voy a denunciarles ante Amazon."
            ),
            dict(
                subject="RE: Una pregunta rápida",
                key="No me escriban más, demasiados mensajes por un solo pedido.",
            ),
        ],
        "it": [
            dict(
                subject="R: Il tuo ordine 404-1112223-3334445",
                key="Smettetela di scrivermi, non sono interessato.",
                order_ids=("404-1112223-3334445",),
            ),
            dict(subject="R: Lascia una recensione", key="Questo è spam e vi segnalerò ad Amazon."),
            dict(
                subject="R: Domanda veloce",
                key="Non scrivetemi più, troppi messaggi per un solo ordine.",
            ),
        ],
        "ja": [
            dict(
                subject="Re: ご注文 251-1112223-3334445 について",
                key="これ以上メールを送らないでください。",
                order_ids=("251-1112223-3334445",),
            ),
            dict(
                subject="Re: レビューのお願い", key="何度も届くので迷惑です。Amazonに報告します。"
            ),
            dict(
                subject="Re: 商品はいかがですか",
                key="メッセージが多すぎます。もう連絡しないでください。",
            ),
        ],
    },
)

#: Wordings met after the variants above, in probes of unseen mail: "unable
#: to initiate new conversations", "keine unaufgeforderten Nachrichten",
#: "réclamation pour violation de marque", the review triggers "change their
#: reviews" (BSM303) and "recensioni positive" (BSM302), and opt-outs "gegen
#: den Erhalt … entschieden", "opted out of receiving non-essential messages".
MORE: list[Case] = [
    Case(
        kind="messaging_restriction",
        lang="en",
        index=3,
        sender="seller-notification",
        subject="Your Amazon.co.uk messaging restriction",
        key="You will be unable to initiate new conversations with customers until 3 January 2027.",
        extra=R(
            "en",
            [
                "Including promotional content in messages to customers",
                "Asking customers to change or remove their reviews",
            ],
        ),
        period=("date", "2027-01-03"),
        violations=("BSM201", "BSM303"),
    ),
    Case(
        kind="messaging_restriction",
        lang="de",
        index=3,
        sender="seller-notification",
        subject="Wichtig: Ihre Käufer-Verkäufer-Kommunikation",
        key="Wegen Verstößen gegen unsere Richtlinien können Sie für die nächsten 30 Tage "
        "keine unaufgeforderten Nachrichten an Käufer senden.",
        extra=R("de", ["Links zu externen Websites in Ihren Nachrichten"]),
        period=("days", 30),
        violations=("BSM401",),
    ),
    Case(
        kind="messaging_restriction",
        lang="it",
        index=3,
        sender="seller-notification",
        subject="Limitazione dei messaggi agli acquirenti",
        key="Non potrai inviare messaggi proattivi agli acquirenti fino al 20/12/2026.",
        extra=R("it", ["Richieste di recensioni positive"]),
        period=("date", "2026-12-20"),
        violations=("BSM302",),
    ),
    Case(
        kind="ip_complaint",
        lang="fr",
        index=3,
        sender="seller-performance",
        subject="Réclamation concernant l'un de vos produits",
        key="Nous avons reçu une réclamation pour violation de marque concernant "
        "l'ASIN B0FRAA4444 et l'offre a été supprimée.",
        asins=("B0FRAA4444",),
    ),
    Case(
        kind="buyer_opt_out",
        lang="de",
        index=3,
        sender="seller-notification",
        subject="Nachricht nicht zugestellt",
        key="Der Käufer hat sich gegen den Erhalt nicht wesentlicher Nachrichten entschieden. "
        "Ihre Nachricht zur Bestellung 302-1234567-1234567 wurde nicht zugestellt.",
        order_ids=("302-1234567-1234567",),
    ),
    Case(
        kind="buyer_opt_out",
        lang="en",
        index=3,
        sender="seller-notification",
        subject="Message not delivered",
        key="Your message about order 114-7654321-7654321 was not delivered: the buyer opted "
        "out of receiving non-essential messages.",
        order_ids=("114-7654321-7654321",),
    ),
]

ALL_CASES: list[Case] = [
    *MESSAGING_RESTRICTION,
    *TEMPLATES_ONLY,
    *MESSAGE_BLOCKED,
    *MESSAGE_UNDELIVERED,
    *BUYER_OPT_OUT,
    *IP_COMPLAINT,
    *IP_RETRACTION,
    *VIOLATION_CLEARED,
    *LISTING_REINSTATED,
    *ACCOUNT_AT_RISK,
    *ACCOUNT_DEACTIVATED,
    *ACCOUNT_REINSTATED,
    *APPEAL_RECEIVED,
    *APPEAL_DECISION,
    *POLICY_WARNING,
    *OTHER_AMAZON,
    *BUYER_COMPLAINT,
    *MORE,
]
