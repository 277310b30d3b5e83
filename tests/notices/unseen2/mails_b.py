# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Second held-out set, written after the decision rewrite and never tuned on.
MAILS = [
    dict(
        id="h2-account-back-en",
        kind="account_reinstated",
        lang="en",
        sender="seller-performance",
        subject="Welcome back",
        body="""
Hello,

After reviewing your plan of action, we have restored your selling privileges. You can start selling again right away.

Seller Performance
""",
    ),
    dict(
        id="h2-account-back-it",
        kind="account_reinstated",
        lang="it",
        sender="seller-performance",
        subject="Account riattivato",
        body="""
Gentile venditore,

abbiamo esaminato il tuo piano d'azione e il tuo account è stato riattivato.

Performance Venditori
""",
    ),
    dict(
        id="h2-account-back-es",
        kind="account_reinstated",
        lang="es",
        sender="seller-performance",
        subject="Cuenta restablecida",
        body="""
Hola:

Tu cuenta de vendedor ha sido restablecida. Ya puedes volver a vender.

Rendimiento de Vendedores
""",
    ),
    dict(
        id="h2-account-back-ja",
        kind="account_reinstated",
        lang="ja",
        sender="seller-performance",
        subject="販売権限の回復について",
        body="""
出品者様

改善計画を確認し、お客様の販売権限を回復いたしました。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-deactivated-en",
        kind="account_deactivated",
        lang="en",
        sender="seller-performance",
        subject="Your Amazon selling account has been deactivated",
        body="""
Hello,

Your Amazon seller account has been deactivated because we could not verify the information you provided. Funds in your account will be held.

How do I reactivate my account?
If you believe your account was deactivated in error, submit an appeal. Once your appeal is approved, your account will be reinstated.

Seller Performance
""",
    ),
    dict(
        id="h2-deactivated-fr",
        kind="account_deactivated",
        lang="fr",
        sender="seller-performance",
        subject="Compte vendeur suspendu",
        body="""
Bonjour,

Votre compte vendeur a été suspendu, car nous n'avons pas pu vérifier votre identité. Les fonds seront retenus.

Performance Vendeurs
""",
    ),
    dict(
        id="h2-deactivated-it",
        kind="account_deactivated",
        lang="it",
        sender="seller-performance",
        subject="Account sospeso",
        body="""
Gentile venditore,

abbiamo sospeso il tuo account venditore perché non è stato possibile verificare la tua identità.

Performance Venditori
""",
    ),
    dict(
        id="h2-deactivated-es",
        kind="account_deactivated",
        lang="es",
        sender="seller-performance",
        subject="Cuenta desactivada",
        html=True,
        body="""
Hola:

Hemos desactivado tu cuenta de vendedor porque no hemos podido verificar tu identidad.

¿Cómo puedo reactivar mi cuenta?

Envía una apelación. Si la aprobamos, reactivaremos tu cuenta.

Rendimiento de Vendedores
""",
    ),
    dict(
        id="h2-at-risk-en",
        kind="account_at_risk",
        lang="en",
        sender="seller-performance",
        subject="Your account is at risk of deactivation",
        body="""
Hello,

We received several customer complaints about product condition. Your account is at risk of deactivation. Please send us a plan of action within 72 hours.

Seller Performance
""",
    ),
    dict(
        id="h2-at-risk-de",
        kind="account_at_risk",
        lang="de",
        sender="seller-performance",
        subject="Konto gefährdet",
        body="""
Guten Tag,

Ihr Konto ist gefährdet: Wenn Sie innerhalb von 72 Stunden keinen Aktionsplan einreichen, könnte Ihr Konto deaktiviert werden.

Seller Performance
""",
    ),
    dict(
        id="h2-at-risk-ja",
        kind="account_at_risk",
        lang="ja",
        sender="seller-performance",
        subject="アカウント停止のリスクについて",
        body="""
出品者様

お客様のアカウントは停止のリスクがあります。72時間以内に改善計画をご提出ください。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-at-risk-fr",
        kind="account_at_risk",
        lang="fr",
        sender="seller-performance",
        subject="Votre compte risque d'être désactivé",
        body="""
Bonjour,

Votre compte risque d'être désactivé si vous ne corrigez pas votre taux de retard d'expédition sous 72 heures.

Performance Vendeurs
""",
    ),
    dict(
        id="h2-warning-en",
        kind="policy_warning",
        lang="en",
        sender="seller-performance",
        subject="Policy Warning",
        body="""
Hello,

Your listing for ASIN B0F1AA2B3L contains a medical claim. This is a warning: further violations may result in the removal of your selling privileges.

Seller Performance
""",
    ),
    dict(
        id="h2-warning-it",
        kind="policy_warning",
        lang="it",
        sender="seller-performance",
        subject="Avviso di violazione delle norme",
        body="""
Gentile venditore,

la tua inserzione per l'ASIN B0F1AA2B3L contiene un'affermazione medica. Questo è un avvertimento: ulteriori violazioni potrebbero comportare la sospensione del tuo account.

Performance Venditori
""",
    ),
    dict(
        id="h2-warning-es",
        kind="policy_warning",
        lang="es",
        sender="seller-performance",
        subject="Advertencia",
        body="""
Hola:

Tu anuncio del ASIN B0F1AA2B3L incluye una afirmación médica. Esta es una advertencia sobre nuestra política; nuevas infracciones podrían conllevar la suspensión de tu cuenta.

Rendimiento de Vendedores
""",
    ),
    dict(
        id="h2-warning-de",
        kind="policy_warning",
        lang="de",
        sender="seller-performance",
        subject="Richtlinienwarnung",
        body="""
Guten Tag,

Ihr Angebot für ASIN B0F1AA2B3L enthält eine medizinische Aussage. Dies ist eine Warnung wegen eines Richtlinienverstoßes.

Seller Performance
""",
    ),
    dict(
        id="h2-restriction-en",
        kind="messaging_restriction",
        lang="en",
        sender="seller-notification",
        expect={"ends_at": "2026-12-20"},
        subject="Buyer-Seller Messaging: restriction applied",
        body="""
Hello,

Messages you sent included promotional content. You are restricted from sending proactive messages until December 20, 2026.

What should I do next?
If you keep sending promotional content, your account may be deactivated.
""",
    ),
    dict(
        id="h2-restriction-fr",
        kind="messaging_restriction",
        lang="fr",
        sender="seller-notification",
        expect={"ends_at": "2026-12-16"},
        subject="Restriction de la messagerie",
        body="""
Bonjour,

Vous ne pouvez plus envoyer de messages proactifs aux acheteurs pendant 30 jours, car vos messages contenaient des liens non autorisés.
""",
    ),
    dict(
        id="h2-restriction-ja",
        kind="messaging_restriction",
        lang="ja",
        sender="seller-notification",
        expect={"ends_at": "2026-12-20"},
        subject="メッセージ送信の制限",
        body="""
出品者様

ガイドライン違反のため、2026年12月20日まで、購入者への積極的なメッセージの送信を停止しています。
""",
    ),
    dict(
        id="h2-restriction-es",
        kind="messaging_restriction",
        lang="es",
        sender="seller-notification",
        expect={"ends_at": "2026-12-16"},
        subject="Restricción de mensajería",
        body="""
Hola:

Ya no puedes enviar mensajes proactivos a los compradores durante 30 días porque tus mensajes incluían enlaces no permitidos.
""",
    ),
    dict(
        id="h2-templates-en",
        kind="templates_only_restriction",
        lang="en",
        sender="seller-notification",
        subject="Proactive messages restricted to templates",
        body="""
Hello,

Due to repeated violations, your proactive messages are restricted: you may only contact buyers using Amazon's message templates for the next 60 days.
""",
    ),
    dict(
        id="h2-templates-it",
        kind="templates_only_restriction",
        lang="it",
        sender="seller-notification",
        subject="Messaggi limitati ai modelli",
        body="""
Gentile venditore,

a causa di violazioni ripetute, l'invio di messaggi proattivi è limitato: puoi contattare gli acquirenti solo tramite i modelli di Amazon.
""",
    ),
    dict(
        id="h2-templates-de",
        kind="templates_only_restriction",
        lang="de",
        sender="seller-notification",
        subject="Einschränkung: nur Vorlagen",
        body="""
Guten Tag,

wegen wiederholter Verstöße sind proaktive Nachrichten eingeschränkt: Sie dürfen Käufer nur noch mit Amazon-Vorlagen kontaktieren.
""",
    ),
    dict(
        id="h2-blocked-en",
        kind="message_blocked",
        lang="en",
        sender="no-reply",
        subject="Message blocked",
        body="""
We did not send your message about order 113-9988776-1122334 because it did not comply with our communication guidelines: it contained a link to an external website.

----- Original message -----
Visit our shop at www.example.org for 20% off!
""",
    ),
    dict(
        id="h2-blocked-it",
        kind="message_blocked",
        lang="it",
        sender="no-reply",
        subject="Messaggio bloccato",
        body="""
Il tuo messaggio per l'ordine 404-9988776-1122334 non è stato inviato perché non rispettava le linee guida sulla comunicazione.
""",
    ),
    dict(
        id="h2-blocked-de",
        kind="message_blocked",
        lang="de",
        sender="no-reply",
        subject="Nachricht blockiert",
        body="""
Ihre Nachricht zur Bestellung 302-9988776-1122334 wurde blockiert, weil sie gegen die Kommunikationsrichtlinien verstößt.
""",
    ),
    dict(
        id="h2-undelivered-en",
        kind="message_undelivered",
        lang="en",
        sender="no-reply",
        subject="Message not delivered",
        body="""
This message was not delivered because your account is currently restricted from sending proactive messages. For more information please check the email inbox associated with your account.
""",
    ),
    dict(
        id="h2-undelivered-fr",
        kind="message_undelivered",
        lang="fr",
        sender="no-reply",
        subject="Message non remis",
        body="""
Ce message n'a pas été remis, car votre compte est actuellement restreint pour l'envoi de messages proactifs.
""",
    ),
    dict(
        id="h2-undelivered-ja",
        kind="message_undelivered",
        lang="ja",
        sender="no-reply",
        subject="メッセージ未配信",
        body="""
アカウントがメッセージ送信を制限されているため、このメッセージは配信されませんでした。
""",
    ),
    dict(
        id="h2-opt-out-en",
        kind="buyer_opt_out",
        lang="en",
        sender="seller-notification",
        subject="Message not delivered: buyer opted out",
        body="""
Hello,

Your message was not delivered. The buyer has chosen not to receive unsolicited messages from sellers.

Seller Support
""",
    ),
    dict(
        id="h2-opt-out-de",
        kind="buyer_opt_out",
        lang="de",
        sender="seller-notification",
        subject="Nachricht nicht zugestellt",
        body="""
Guten Tag,

diese Nachricht wurde nicht zugestellt, da der Empfänger die Annahme unerwünschter Nachrichten von Verkäufern deaktiviert hat.

Amazon Verkäufer-Support
""",
    ),
    dict(
        id="h2-opt-out-es",
        kind="buyer_opt_out",
        lang="es",
        sender="seller-notification",
        subject="Mensaje no entregado",
        body="""
Hola:

El cliente no desea recibir mensajes no solicitados de vendedores, por lo que tu mensaje no se ha entregado.
""",
    ),
    dict(
        id="h2-opt-out-ja",
        kind="buyer_opt_out",
        lang="ja",
        sender="seller-notification",
        subject="メッセージ配信停止",
        body="""
購入者が出品者からのメッセージの受信を拒否しているため、メッセージは配信されませんでした。
""",
    ),
    dict(
        id="h2-buyer-en",
        kind="buyer_complaint",
        lang="en",
        sender="t5r8w2q9zk1@marketplace.amazon.co.uk",
        name="Sam",
        subject="RE: Quick question about your order",
        body="""
Stop messaging me. I will report this to Amazon if it continues.
""",
    ),
    dict(
        id="h2-buyer-fr",
        kind="buyer_complaint",
        lang="fr",
        sender="u6y3k8p2mz0@marketplace.amazon.fr",
        name="Luc",
        subject="RE: Votre commande",
        body="""
Ne m'écrivez plus, merci. C'est le troisième message cette semaine.
""",
    ),
    dict(
        id="h2-buyer-de",
        kind="buyer_complaint",
        lang="de",
        sender="r2k7w9q3zp5@marketplace.amazon.de",
        name="Eva",
        subject="AW: Bewertung",
        body="""
Schreiben Sie mir nicht mehr. Das ist Spam.
""",
    ),
    dict(
        id="h2-other-en",
        kind="other_amazon",
        lang="en",
        sender="seller-notification",
        subject="Your monthly selling summary",
        body="""
Hello,

Here is your summary for November: 128 orders, 2 returns, no A-to-z claims. Sellers who receive a rights owner's complaint can find help in Seller University.

Amazon Services
""",
    ),
    dict(
        id="h2-other-de",
        kind="other_amazon",
        lang="de",
        sender="seller-notification",
        subject="Neue Gebühren ab Januar",
        body="""
Guten Tag,

ab dem 1. Januar ändern sich die Verkaufsgebühren in einigen Kategorien. Einzelheiten finden Sie in Seller Central.

Amazon Services
""",
    ),
    dict(
        id="h2-other-ja",
        kind="other_amazon",
        lang="ja",
        sender="seller-notification",
        subject="注文確定のお知らせ",
        body="""
出品者様

商品が売れました。速やかに発送してください。

注文番号: 250-9988776-1122334
""",
    ),
]
