# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Third held-out set, written after all tuning and measured once.
MAILS = [
    dict(
        id="h3-deactivated-de",
        kind="account_deactivated",
        lang="de",
        sender="seller-performance",
        subject="Ihr Verkäuferkonto wurde gesperrt",
        body="""
Guten Tag,

Ihr Verkäuferkonto wurde gesperrt, da wir Ihre Identität nicht bestätigen konnten.

Wie kann ich mein Konto reaktivieren?
Reichen Sie die angeforderten Unterlagen ein. Sobald wir sie geprüft haben, wird Ihr Konto wieder aktiviert.
""",
    ),
    dict(
        id="h3-deactivated-ja",
        kind="account_deactivated",
        lang="ja",
        sender="seller-performance",
        subject="アカウント停止",
        body="""
出品者様

本人確認ができなかったため、お客様の出品アカウントは停止されました。

よくある質問
アカウントはいつ再開されますか？
書類の確認が完了次第、アカウントを再開いたします。
""",
    ),
    dict(
        id="h3-deactivated-en-fwd",
        kind="account_deactivated",
        lang="en",
        sender="ops@acme-home.example",
        name="Ops Team",
        subject="Fwd: Your Amazon.com selling privileges have been removed",
        body="""
Urgent - see below.

---------- Forwarded message ---------
From: Amazon <seller-performance@amazon.com>
Date: Mon, Nov 16, 2026 at 7:00 AM
Subject: Your Amazon.com selling privileges have been removed
To: <sales@acme-home.example>

Hello,

We have removed your selling privileges, canceled your listings, and placed a temporary hold on any funds in your account.
""",
    ),
    dict(
        id="h3-at-risk-es",
        kind="account_at_risk",
        lang="es",
        sender="seller-performance",
        subject="Tu cuenta está en riesgo",
        body="""
Hola:

Tu cuenta está en riesgo de desactivación por reclamaciones de autenticidad. Envía un plan de acción en un plazo de 72 horas.
""",
    ),
    dict(
        id="h3-at-risk-it",
        kind="account_at_risk",
        lang="it",
        sender="seller-performance",
        subject="Account a rischio",
        body="""
Gentile venditore,

il tuo account è a rischio di disattivazione. Se non invii un piano d'azione entro 72 ore, potremmo disattivare il tuo account.
""",
    ),
    dict(
        id="h3-at-risk-en",
        kind="account_at_risk",
        lang="en",
        sender="seller-performance",
        subject="Account Health: action required",
        body="""
Hello,

Your Late Shipment Rate is above 4%. Unless it improves, your account may be deactivated.
""",
    ),
    dict(
        id="h3-warning-fr",
        kind="policy_warning",
        lang="fr",
        sender="seller-performance",
        subject="Avertissement",
        body="""
Bonjour,

Votre fiche produit pour l'ASIN B0G2CC3D4M contient une allégation médicale. Ceci est un avertissement relatif à notre politique ; aucune action n'est requise.
""",
    ),
    dict(
        id="h3-warning-ja",
        kind="policy_warning",
        lang="ja",
        sender="seller-performance",
        subject="ポリシー警告",
        body="""
出品者様

ASIN B0G2CC3D4M の商品説明に医療効果の表示が含まれています。これはポリシー違反に関する警告です。
""",
    ),
    dict(
        id="h3-warning-en",
        kind="policy_warning",
        lang="en",
        sender="seller-performance",
        subject="Warning: Restricted Products",
        body="""
Hello,

Your listing for ASIN B0G2CC3D4M violates our Restricted Products policy. This is a warning; repeated violations could result in account deactivation.
""",
    ),
    dict(
        id="h3-restriction-de",
        kind="messaging_restriction",
        lang="de",
        sender="seller-notification",
        subject="Käufer-Verkäufer-Nachrichten eingeschränkt",
        expect={"ends_at": "2026-12-16"},
        body="""
Guten Tag,

Ihre Nachrichten enthielten Werbung. Proaktive Nachrichten an Käufer sind für Ihr Konto 30 Tage lang gesperrt.

Was sollte ich jetzt tun?
Lesen Sie die Kommunikationsrichtlinien. Wenn Sie erneut gegen sie verstoßen, kann die Einschränkung verlängert werden.
""",
    ),
    dict(
        id="h3-restriction-it",
        kind="messaging_restriction",
        lang="it",
        sender="seller-notification",
        expect={"ends_at": "2026-12-20"},
        subject="Limitazione dei messaggi",
        body="""
Gentile venditore,

non puoi più inviare messaggi proattivi agli acquirenti fino al 20 dicembre 2026.
""",
    ),
    dict(
        id="h3-restriction-en-html",
        kind="messaging_restriction",
        lang="en",
        sender="seller-notification",
        expect={"ends_at": "2026-11-30"},
        subject="Your proactive messaging permissions",
        html=True,
        body="""
Hello,

As a result of messages that did not follow our guidelines, your account is restricted from sending proactive messages to customers for 14 days.

How does this restriction impact my ability to sell on Amazon?

It does not affect your ability to sell.
""",
    ),
    dict(
        id="h3-templates-fr",
        kind="templates_only_restriction",
        lang="fr",
        sender="seller-notification",
        subject="Messages proactifs : modèles uniquement",
        body="""
Bonjour,

En raison de violations répétées, vos messages proactifs sont restreints : vous ne pouvez contacter les acheteurs qu'avec les modèles d'Amazon.
""",
    ),
    dict(
        id="h3-templates-es",
        kind="templates_only_restriction",
        lang="es",
        sender="seller-notification",
        subject="Mensajes proactivos: solo plantillas",
        body="""
Hola:

Por infracciones reiteradas, tus mensajes proactivos están restringidos: solo puedes contactar con los compradores mediante las plantillas de Amazon.
""",
    ),
    dict(
        id="h3-templates-ja",
        kind="templates_only_restriction",
        lang="ja",
        sender="seller-notification",
        subject="テンプレートのみ利用可能",
        body="""
出品者様

違反が繰り返されたため、積極的なメッセージの送信を制限しました。今後はテンプレートのみご利用いただけます。
""",
    ),
    dict(
        id="h3-blocked-fr",
        kind="message_blocked",
        lang="fr",
        sender="no-reply",
        subject="Message bloqué",
        body="""
Votre message concernant la commande 403-5566778-9900112 a été bloqué car il ne respecte pas nos directives de communication.

--- Message d'origine ---
Laissez-nous 5 étoiles !
""",
    ),
    dict(
        id="h3-blocked-es",
        kind="message_blocked",
        lang="es",
        sender="no-reply",
        subject="Mensaje bloqueado",
        body="""
No hemos enviado tu mensaje del pedido 405-5566778-9900112 porque no cumple nuestras directrices de comunicación.
""",
    ),
    dict(
        id="h3-blocked-ja",
        kind="message_blocked",
        lang="ja",
        sender="no-reply",
        subject="メッセージがブロックされました",
        body="""
注文番号 250-5566778-9900112 のメッセージは、ガイドラインに違反しているため送信されませんでした。
""",
    ),
    dict(
        id="h3-undelivered-de",
        kind="message_undelivered",
        lang="de",
        sender="no-reply",
        subject="Nachricht nicht zugestellt",
        body="""
Diese Nachricht wurde nicht zugestellt, weil Ihr Konto vorübergehend für proaktive Nachrichten eingeschränkt ist.
""",
    ),
    dict(
        id="h3-undelivered-es",
        kind="message_undelivered",
        lang="es",
        sender="no-reply",
        subject="Mensaje no entregado",
        body="""
Este mensaje no se ha entregado porque tu cuenta está restringida temporalmente para enviar mensajes proactivos.
""",
    ),
    dict(
        id="h3-undelivered-it",
        kind="message_undelivered",
        lang="it",
        sender="no-reply",
        subject="Messaggio non consegnato",
        body="""
Questo messaggio non è stato consegnato perché il tuo account è temporaneamente limitato per l'invio di messaggi proattivi.
""",
    ),
    dict(
        id="h3-opt-out-fr",
        kind="buyer_opt_out",
        lang="fr",
        sender="seller-notification",
        subject="Message non remis",
        body="""
Bonjour,

Le client ne souhaite pas recevoir de messages non sollicités des vendeurs. Votre message n'a donc pas été remis.
""",
    ),
    dict(
        id="h3-opt-out-it",
        kind="buyer_opt_out",
        lang="it",
        sender="seller-notification",
        subject="Messaggio non recapitato",
        body="""
Gentile venditore,

l'acquirente ha scelto di non ricevere messaggi non richiesti dai venditori, quindi il tuo messaggio non è stato recapitato.
""",
    ),
    dict(
        id="h3-opt-out-de",
        kind="buyer_opt_out",
        lang="de",
        sender="seller-notification",
        subject="Ihre Nachricht konnte nicht zugestellt werden",
        html=True,
        body="""
Guten Tag,

Ihre Nachricht konnte nicht zugestellt werden, da die Kundin die Annahme unerwünschter Nachrichten von Verkäufern deaktiviert hat.

Amazon Verkäufer-Support
""",
    ),
    dict(
        id="h3-buyer-es",
        kind="buyer_complaint",
        lang="es",
        sender="w3k9p2q7zm4@marketplace.amazon.es",
        name="Ana",
        subject="RE: Tu pedido",
        body="""
Por favor, dejen de escribirme. Esto es spam.
""",
    ),
    dict(
        id="h3-buyer-it",
        kind="buyer_complaint",
        lang="it",
        sender="q8m3z1k7wp6@marketplace.amazon.it",
        name="Gianni",
        subject="R: Recensione",
        body="""
Non scrivetemi più, vi segnalerò ad Amazon.
""",
    ),
    dict(
        id="h3-buyer-ja",
        kind="buyer_complaint",
        lang="ja",
        sender="z2p9k4w8qm3@marketplace.amazon.co.jp",
        name="田中",
        subject="Re: レビューのお願い",
        body="""
メッセージを送らないでください。
""",
    ),
    dict(
        id="h3-other-fr",
        kind="other_amazon",
        lang="fr",
        sender="seller-notification",
        subject="Vendu, expédiez maintenant",
        body="""
Bonjour,

Félicitations, vous avez vendu un article. Veuillez l'expédier dès que possible.

Commande : 403-1122334-5566778
""",
    ),
    dict(
        id="h3-other-it",
        kind="other_amazon",
        lang="it",
        sender="seller-notification",
        subject="Promemoria: aggiorna i dati fiscali",
        body="""
Gentile venditore,

ti ricordiamo di aggiornare i tuoi dati fiscali in Seller Central entro il 31 dicembre.
""",
    ),
    dict(
        id="h3-other-es",
        kind="other_amazon",
        lang="es",
        sender="seller-notification",
        subject="Novedades para vendedores",
        body="""
Hola:

Este mes hemos mejorado el panel Estado de la cuenta y la herramienta para denunciar infracciones de tu marca.
""",
    ),
]
