# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Messaging: restrictions, templates-only, per-message notes, opt-outs, buyers.
MAILS = [
    dict(
        id="restriction-en-1",
        kind="messaging_restriction",
        lang="en",
        sender="seller-notification",
        subject="Important: changes to your Buyer-Seller Messaging access",
        expect={"ends_at": "2026-12-16"},
        body="""
Hello,

Several messages you sent to buyers in the past weeks did not comply with our communication guidelines.

Because of this, your account cannot send unsolicited messages to buyers for the next 30 days. You can still reply to messages buyers send you.

What should I do next?
Review the Communication Guidelines. If you send messages that violate them again, the restriction may be extended.

Regards,
Amazon Services
""",
    ),
    dict(
        id="restriction-de-1",
        kind="messaging_restriction",
        lang="de",
        sender="seller-notification",
        subject="Einschränkung Ihrer Käufer-Verkäufer-Kommunikation",
        expect={"ends_at": "2026-12-31"},
        body="""
Guten Tag,

einige Ihrer Nachrichten an Käufer haben gegen unsere Kommunikationsrichtlinien verstoßen.

Deshalb können Sie bis zum 31.12.2026 keine unaufgeforderten Nachrichten an Käufer senden. Antworten auf Käufernachrichten sind weiterhin möglich.

Amazon Services
""",
    ),
    dict(
        id="restriction-fr-1",
        kind="messaging_restriction",
        lang="fr",
        sender="seller-notification",
        expect={"ends_at": None},
        subject="Restriction de votre messagerie acheteur-vendeur",
        body="""
Bonjour,

Certains de vos messages ne respectaient pas nos directives de communication. Par conséquent, l'envoi de messages proactifs aux clients a été suspendu pour votre compte.

Vous pouvez toujours répondre aux messages des acheteurs.

Amazon Services
""",
    ),
    dict(
        id="restriction-es-1",
        kind="messaging_restriction",
        lang="es",
        sender="seller-notification",
        expect={"ends_at": "2026-11-30"},
        subject="Restricción de mensajes proactivos",
        html=True,
        body="""
Hola:

Algunos de tus mensajes no cumplían nuestras directrices de comunicación. Por ello, hemos restringido el envío de mensajes proactivos a los clientes durante 14 días.

Puedes seguir respondiendo a los mensajes de los compradores.

Amazon Services
""",
    ),
    dict(
        id="restriction-it-1",
        kind="messaging_restriction",
        lang="it",
        sender="seller-notification",
        expect={"ends_at": "2026-12-16"},
        subject="Limitazione dei messaggi proattivi",
        body="""
Gentile venditore,

alcuni dei tuoi messaggi non rispettavano le nostre linee guida sulla comunicazione. Per questo motivo, l'invio di messaggi proattivi agli acquirenti è stato limitato per 30 giorni.

Puoi comunque rispondere ai messaggi degli acquirenti.

Amazon Services
""",
    ),
    dict(
        id="restriction-ja-1",
        kind="messaging_restriction",
        lang="ja",
        sender="seller-notification",
        expect={"ends_at": "2026-12-16"},
        subject="購入者へのメッセージ送信制限について",
        body="""
出品者様

お客様が送信した一部のメッセージが、コミュニケーションガイドラインに違反していました。そのため、今後30日間、購入者への積極的なメッセージ送信を制限いたします。

購入者からのメッセージへの返信は引き続き可能です。

Amazon.co.jp
""",
    ),
    # ---------------------------------------------------------- templates only
    dict(
        id="templates-only-en-1",
        kind="templates_only_restriction",
        lang="en",
        sender="seller-notification",
        subject="Your proactive messaging is now limited to templates",
        body="""
Hello,

Because of repeated violations of the communication guidelines, your account is restricted from writing free-form proactive messages. From now on you can contact buyers proactively only by using the templates in Seller Central.

Amazon Services
""",
    ),
    dict(
        id="templates-only-de-1",
        kind="templates_only_restriction",
        lang="de",
        sender="seller-notification",
        subject="Proaktive Nachrichten nur noch mit Vorlagen",
        body="""
Guten Tag,

wegen wiederholter Verstöße ist Ihr Konto für frei formulierte proaktive Nachrichten eingeschränkt. Sie können Käufer ab sofort nur noch über die Nachrichtenvorlagen kontaktieren.

Amazon Services
""",
    ),
    dict(
        id="templates-only-fr-1",
        kind="templates_only_restriction",
        lang="fr",
        sender="seller-notification",
        subject="Messages proactifs limités aux modèles",
        body="""
Bonjour,

Suite à des violations répétées, l'envoi de messages proactifs rédigés librement est restreint. Vous pouvez désormais contacter les acheteurs uniquement à l'aide des modèles de message d'Amazon.

Amazon Services
""",
    ),
    dict(
        id="templates-only-es-1",
        kind="templates_only_restriction",
        lang="es",
        sender="seller-notification",
        subject="Mensajes proactivos limitados a plantillas",
        body="""
Hola:

Debido a infracciones reiteradas, tu cuenta tiene restringidos los mensajes proactivos de texto libre. A partir de ahora solo puedes contactar con los compradores mediante las plantillas de Amazon.

Amazon Services
""",
    ),
    dict(
        id="templates-only-it-1",
        kind="templates_only_restriction",
        lang="it",
        sender="seller-notification",
        subject="Messaggi proattivi limitati ai modelli",
        body="""
Gentile venditore,

a causa di violazioni ripetute, i messaggi proattivi a testo libero sono stati limitati per il tuo account. D'ora in poi puoi contattare gli acquirenti esclusivamente tramite i modelli di Amazon.

Amazon Services
""",
    ),
    dict(
        id="templates-only-ja-1",
        kind="templates_only_restriction",
        lang="ja",
        sender="seller-notification",
        subject="メッセージ送信の制限について（テンプレートのみ）",
        body="""
出品者様

ガイドライン違反が繰り返されたため、自由記述による積極的なメッセージの送信を制限しました。今後、購入者へのご連絡はAmazonのテンプレートのみご利用いただけます。

Amazon.co.jp
""",
    ),
    # ---------------------------------------------------------- message blocked
    dict(
        id="blocked-en-1",
        kind="message_blocked",
        lang="en",
        sender="no-reply",
        subject="Message not sent: Order 112-5566778-1234567",
        expect={"order_ids": ["112-5566778-1234567"]},
        body="""
Your message to the buyer for order 112-5566778-1234567 was blocked because it contains content that is not permitted under our communication guidelines.

--------- Original message ---------
Subject: Thank you for your order
Hi! Please leave us 5 stars and get a $10 gift card.
""",
    ),
    dict(
        id="blocked-de-1",
        kind="message_blocked",
        lang="de",
        sender="no-reply",
        subject="Nachricht nicht gesendet: Bestellung 302-1234567-7654321",
        body="""
Ihre Nachricht an den Käufer zur Bestellung 302-1234567-7654321 wurde nicht versendet, weil sie Inhalte enthält, die gegen unsere Kommunikationsrichtlinien verstoßen.

--------- Ursprüngliche Nachricht ---------
Bitte bewerten Sie uns mit 5 Sternen!
""",
    ),
    dict(
        id="blocked-fr-1",
        kind="message_blocked",
        lang="fr",
        sender="no-reply",
        subject="Message non envoyé : commande 403-1234567-1111111",
        body="""
Votre message à l'acheteur concernant la commande 403-1234567-1111111 a été bloqué car son contenu n'est pas autorisé par nos directives de communication.
""",
    ),
    dict(
        id="blocked-es-1",
        kind="message_blocked",
        lang="es",
        sender="no-reply",
        subject="Mensaje no enviado: pedido 405-7654321-2222222",
        body="""
Tu mensaje al comprador del pedido 405-7654321-2222222 se ha bloqueado porque incluye contenido no permitido por nuestras directrices de comunicación.
""",
    ),
    dict(
        id="blocked-it-1",
        kind="message_blocked",
        lang="it",
        sender="no-reply",
        subject="Messaggio non inviato: ordine 404-1111111-3333333",
        body="""
Il tuo messaggio all'acquirente per l'ordine 404-1111111-3333333 è stato bloccato perché contiene contenuti non consentiti dalle nostre linee guida sulla comunicazione.
""",
    ),
    dict(
        id="blocked-ja-1",
        kind="message_blocked",
        lang="ja",
        sender="no-reply",
        subject="メッセージは送信されませんでした: 注文番号 250-1234567-7654321",
        body="""
注文番号 250-1234567-7654321 の購入者へのメッセージは、コミュニケーションガイドラインで許可されていない内容が含まれているため、送信されませんでした。
""",
    ),
    # ---------------------------------------------------------- message undelivered
    dict(
        id="undelivered-en-1",
        kind="message_undelivered",
        lang="en",
        sender="no-reply",
        subject="Delivery failure: your message to a buyer",
        body="""
We could not deliver your message for order 113-2222222-3333333. Your account currently has a restriction on proactive messaging, so new messages to buyers are not delivered.

> Hello, just checking that your parcel arrived safely.
""",
    ),
    dict(
        id="undelivered-de-1",
        kind="message_undelivered",
        lang="de",
        sender="no-reply",
        subject="Zustellung fehlgeschlagen",
        body="""
Ihre Nachricht zur Bestellung 302-2222222-3333333 konnte nicht zugestellt werden, da Ihr Konto derzeit für proaktive Nachrichten gesperrt ist.
""",
    ),
    dict(
        id="undelivered-fr-1",
        kind="message_undelivered",
        lang="fr",
        sender="no-reply",
        subject="Échec de remise de votre message",
        body="""
Votre message concernant la commande 403-2222222-3333333 n'a pas pu être remis, car votre compte fait actuellement l'objet d'une restriction des messages proactifs.
""",
    ),
    dict(
        id="undelivered-es-1",
        kind="message_undelivered",
        lang="es",
        sender="no-reply",
        subject="Mensaje no entregado",
        body="""
Tu mensaje del pedido 405-2222222-3333333 no se ha podido entregar porque tu cuenta tiene restringido el envío de mensajes proactivos.
""",
    ),
    dict(
        id="undelivered-it-1",
        kind="message_undelivered",
        lang="it",
        sender="no-reply",
        subject="Messaggio non recapitato",
        body="""
Non è stato possibile recapitare il tuo messaggio per l'ordine 404-2222222-3333333 perché il tuo account è attualmente soggetto a limitazioni per i messaggi proattivi.
""",
    ),
    dict(
        id="undelivered-ja-1",
        kind="message_undelivered",
        lang="ja",
        sender="no-reply",
        subject="メッセージを配信できませんでした",
        body="""
注文番号 250-2222222-3333333 のメッセージは、お客様のアカウントが積極的なメッセージの送信を制限されているため、配信されませんでした。
""",
    ),
    # ---------------------------------------------------------- buyer opt-out
    dict(
        id="opt-out-de-1",
        kind="buyer_opt_out",
        lang="de",
        sender="seller-notification",
        subject="Ihre Nachricht wurde nicht zugestellt",
        body="""
Guten Tag,

Ihre Nachricht zur Bestellung 028-1234567-1234567 konnte nicht zugestellt werden, da der Kunde die Annahme unerwünschter Nachrichten von Verkäufern deaktiviert hat.

Nachrichten, die für die Abwicklung der Bestellung erforderlich sind, werden weiterhin zugestellt.

Mit freundlichen Grüßen
Amazon Verkäufer-Support

--------- Ursprüngliche Nachricht ---------
Betreff: Wie gefällt Ihnen Ihr Kauf?
Hallo, wir würden uns über eine Bewertung freuen.
""",
    ),
    dict(
        id="opt-out-de-2",
        kind="buyer_opt_out",
        lang="de",
        sender="seller-notification",
        subject="Nachricht nicht zugestellt",
        html=True,
        body="""
Guten Tag,

der Käufer hat den Empfang von nicht erforderlichen Verkäufernachrichten deaktiviert. Ihre Nachricht wurde daher nicht zugestellt.

Amazon Verkäufer-Support
""",
    ),
    dict(
        id="opt-out-en-1",
        kind="buyer_opt_out",
        lang="en",
        sender="seller-notification",
        subject="Your message was not delivered",
        body="""
Hello,

Your message for order 114-1234567-7654321 was not delivered: this customer has turned off unsolicited messages from sellers. Messages required to fulfil the order are still delivered.

Amazon Seller Support
""",
    ),
    dict(
        id="opt-out-fr-1",
        kind="buyer_opt_out",
        lang="fr",
        sender="seller-notification",
        subject="Votre message n'a pas été remis",
        body="""
Bonjour,

Votre message n'a pas été remis car le client a désactivé la réception des messages non sollicités des vendeurs.

Support Vendeurs Amazon
""",
    ),
    dict(
        id="opt-out-es-1",
        kind="buyer_opt_out",
        lang="es",
        sender="seller-notification",
        subject="Tu mensaje no se ha entregado",
        body="""
Hola:

Tu mensaje no se ha entregado porque el cliente ha desactivado la recepción de mensajes no solicitados de vendedores.

Soporte para vendedores de Amazon
""",
    ),
    dict(
        id="opt-out-it-1",
        kind="buyer_opt_out",
        lang="it",
        sender="seller-notification",
        subject="Il tuo messaggio non è stato recapitato",
        body="""
Gentile venditore,

il tuo messaggio non è stato recapitato perché il cliente ha disattivato la ricezione di messaggi non richiesti dai venditori.

Supporto venditori Amazon
""",
    ),
    dict(
        id="opt-out-ja-1",
        kind="buyer_opt_out",
        lang="ja",
        sender="seller-notification",
        subject="メッセージは配信されませんでした",
        body="""
出品者様

購入者が出品者からの不要なメッセージの受信を停止しているため、お客様のメッセージは配信されませんでした。

Amazon 出品者サポート
""",
    ),
    # ---------------------------------------------------------- buyer complaint
    dict(
        id="buyer-complaint-en-1",
        kind="buyer_complaint",
        lang="en",
        sender="x8kq2mv7lz3@marketplace.amazon.com",
        name="Dana",
        subject="RE: How are you enjoying your kettle?",
        body="""
This is the fourth email this week. Please take me off your list, I never asked for these.

On Mon, Nov 9, 2026 Acme Home wrote:
> How are you enjoying your kettle? Leave a review!
""",
    ),
    dict(
        id="buyer-complaint-de-1",
        kind="buyer_complaint",
        lang="de",
        sender="p2k9xq7w1mc@marketplace.amazon.de",
        name="Jonas",
        subject="AW: Ihre Bestellung",
        body="""
Bitte hören Sie auf, mir ständig Nachrichten zu schicken. Sonst melde ich das bei Amazon.
""",
    ),
    dict(
        id="buyer-complaint-fr-1",
        kind="buyer_complaint",
        lang="fr",
        sender="z7m2q9k1pl4@marketplace.amazon.fr",
        name="Claire",
        subject="RE: Votre avis compte",
        body="""
Arrêtez de m'écrire tous les deux jours, c'est du harcèlement.
""",
    ),
    dict(
        id="buyer-complaint-es-1",
        kind="buyer_complaint",
        lang="es",
        sender="k3p8w2z6qm1@marketplace.amazon.es",
        name="Lucía",
        subject="RE: ¿Qué tal tu compra?",
        body="""
Dejen de enviarme correos, por favor. Ya es el tercero.
""",
    ),
    dict(
        id="buyer-complaint-it-1",
        kind="buyer_complaint",
        lang="it",
        sender="m1q7z3k9wp2@marketplace.amazon.it",
        name="Marco",
        subject="R: Il tuo ordine",
        body="""
Smettetela di scrivermi, non lascerò nessuna recensione.
""",
    ),
    dict(
        id="buyer-complaint-ja-1",
        kind="buyer_complaint",
        lang="ja",
        sender="q9w2k7m3zp1@marketplace.amazon.co.jp",
        name="佐藤",
        subject="Re: ご購入ありがとうございます",
        body="""
何度もメールを送らないでください。迷惑です。
""",
    ),
]
