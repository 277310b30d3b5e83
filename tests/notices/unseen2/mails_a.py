# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Second held-out set, written after the decision rewrite and never tuned on.
MAILS = [
    dict(
        id="h2-ip-complaint-en",
        kind="ip_complaint",
        lang="en",
        sender="seller-performance",
        subject="[Action Required] Listing removed for suspected counterfeit",
        body="""
Hello,

Amazon has removed your offer for ASIN B0F1AA2B3C after a brand owner submitted a complaint stating that the items you sell are counterfeit.

Complaint ID: 20011223344
Infringement type: Trademark - Counterfeit

What happens next?
If the brand owner withdraws the complaint, your offer can be restored. Withdrawals are sent by the brand owner to notice-retraction@amazon.com; we cannot accept withdrawal requests from sellers.

Repeated complaints may lead to the loss of your selling privileges.

Amazon Seller Performance
""",
    ),
    dict(
        id="h2-ip-complaint-de",
        kind="ip_complaint",
        lang="de",
        sender="seller-performance",
        subject="Angebot entfernt: Urheberrechtsbeschwerde",
        html=True,
        body="""
Hallo,

aufgrund einer Beschwerde des Urheberrechtsinhabers haben wir Ihr Angebot für ASIN B0F1AA2B3D entfernt. Der Rechteinhaber gibt an, dass Ihre Produktbeschreibung von seiner Website kopiert wurde.

Häufig gestellte Fragen

Kann die Beschwerde zurückgezogen werden?

Ja. Zieht der Rechteinhaber seine Beschwerde zurück, aktivieren wir Ihr Angebot wieder.

Amazon
""",
    ),
    dict(
        id="h2-ip-complaint-fr",
        kind="ip_complaint",
        lang="fr",
        sender="seller-performance",
        subject="Offre supprimée suite à une plainte pour contrefaçon",
        body="""
Bonjour,

Nous avons supprimé votre offre pour l'ASIN B0F1AA2B3E : le propriétaire de la marque nous a informés que les produits vendus sont des contrefaçons.

ID de la plainte : 20011223345

Si le propriétaire de la marque retire sa plainte, votre offre sera rétablie.

Amazon
""",
    ),
    dict(
        id="h2-ip-complaint-ja",
        kind="ip_complaint",
        lang="ja",
        sender="seller-performance",
        subject="出品削除のお知らせ（特許権）",
        body="""
出品者様

特許権者より、ASIN B0F1AA2B3F の商品が特許権を侵害しているとの通知があったため、当該出品を削除いたしました。

権利者が申し立てを取り下げた場合、出品は再開されます。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-retraction-en",
        kind="ip_retraction",
        lang="en",
        sender="notice-dispute",
        subject="Complaint withdrawn: ASIN B0F1AA2B3C",
        body="""
Hello,

Good news: the brand owner has retracted the counterfeit complaint about ASIN B0F1AA2B3C, and we have restored your offer.

Complaint ID: 20011223344

Amazon
""",
    ),
    dict(
        id="h2-retraction-es",
        kind="ip_retraction",
        lang="es",
        sender="notice-dispute",
        subject="Retirada de la reclamación",
        body="""
Hola:

El propietario de la marca ha retirado su reclamación sobre el ASIN B0F1AA2B3G. Tu oferta vuelve a estar disponible.

Amazon
""",
    ),
    dict(
        id="h2-retraction-it",
        kind="ip_retraction",
        lang="it",
        sender="notice-dispute",
        subject="Reclamo revocato",
        body="""
Gentile venditore,

il titolare del marchio ha revocato il reclamo relativo all'ASIN B0F1AA2B3H.

Amazon
""",
    ),
    dict(
        id="h2-retraction-ja",
        kind="ip_retraction",
        lang="ja",
        sender="notice-dispute",
        subject="申し立て撤回のお知らせ",
        body="""
出品者様

ASIN B0F1AA2B3F に関する特許権侵害の申し立ては、権利者により撤回されました。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-appeal-decision-en",
        kind="appeal_decision",
        lang="en",
        sender="seller-performance",
        subject="Re: Your plan of action",
        body="""
Hello,

We have reviewed the plan of action you sent on November 12. Unfortunately, your plan of action has been denied because it does not address the customer complaints about used items sold as new.

If you want to try again, you can send a new plan of action.

Seller Performance
""",
    ),
    dict(
        id="h2-appeal-decision-de",
        kind="appeal_decision",
        lang="de",
        sender="seller-performance",
        subject="Entscheidung zu Ihrem Einspruch",
        body="""
Guten Tag,

wir haben Ihren Einspruch sorgfältig geprüft. Ihr Einspruch wurde abgelehnt, da die vorgelegten Rechnungen nicht überprüft werden konnten.

Seller Performance
""",
    ),
    dict(
        id="h2-appeal-decision-fr",
        kind="appeal_decision",
        lang="fr",
        sender="seller-performance",
        subject="Réponse à votre recours",
        body="""
Bonjour,

Merci pour les informations fournies. Cependant, votre recours a été rejeté, car les factures ne permettent pas d'établir l'authenticité des produits.

Performance Vendeurs
""",
    ),
    dict(
        id="h2-appeal-decision-it",
        kind="appeal_decision",
        lang="it",
        sender="seller-performance",
        subject="Esito del ricorso",
        body="""
Gentile venditore,

abbiamo esaminato il tuo ricorso. Purtroppo il ricorso è stato respinto perché le fatture non sono verificabili.

Performance Venditori
""",
    ),
    dict(
        id="h2-appeal-decision-ja",
        kind="appeal_decision",
        lang="ja",
        sender="seller-performance",
        subject="異議申し立ての審査結果",
        body="""
出品者様

お送りいただいた異議申し立てを審査いたしましたが、請求書の内容を確認できなかったため、申し立てを承認することはできません。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-appeal-decision-es",
        kind="appeal_decision",
        lang="es",
        sender="seller-performance",
        subject="Resultado de tu apelación",
        body="""
Hola:

Gracias por tu apelación. No obstante, tras revisarla hemos determinado que no podemos restablecer tus privilegios de venta.

Rendimiento de Vendedores
""",
    ),
    dict(
        id="h2-appeal-received-en",
        kind="appeal_received",
        lang="en",
        sender="seller-performance",
        subject="Appeal submitted",
        body="""
Hello,

Thanks for sending your appeal for the Restricted Products violation. A specialist will look at it and we will email you the result.

Seller Performance
""",
    ),
    dict(
        id="h2-appeal-received-de",
        kind="appeal_received",
        lang="de",
        sender="seller-performance",
        subject="Eingangsbestätigung",
        body="""
Guten Tag,

vielen Dank für Ihren Widerspruch. Wir prüfen ihn und melden uns innerhalb von 2 Werktagen.

Seller Performance

--------- Ursprüngliche Nachricht ---------
Ihr Verkäuferkonto wurde deaktiviert.
""",
    ),
    dict(
        id="h2-appeal-received-it",
        kind="appeal_received",
        lang="it",
        sender="seller-performance",
        subject="Abbiamo ricevuto il tuo ricorso",
        body="""
Gentile venditore,

grazie per aver inviato il tuo ricorso. Lo stiamo esaminando.

Performance Venditori
""",
    ),
    dict(
        id="h2-appeal-received-ja",
        kind="appeal_received",
        lang="ja",
        sender="seller-performance",
        subject="異議申し立てを受け付けました",
        body="""
出品者様

異議申し立てをお送りいただきありがとうございます。現在確認中です。結果はメールでお知らせします。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-cleared-en",
        kind="violation_cleared",
        lang="en",
        sender="no-reply",
        subject="Update on your Account Health",
        body="""
Hello,

We have reviewed your appeal and removed the Product Safety violation for ASIN B0F1AA2B3J from your account.

Amazon
""",
    ),
    dict(
        id="h2-cleared-de",
        kind="violation_cleared",
        lang="de",
        sender="no-reply",
        subject="Update zu Ihrem Kontozustand",
        body="""
Guten Tag,

der Verstoß gegen die Richtlinie zur Produktsicherheit für ASIN B0F1AA2B3J wurde aufgehoben.

Amazon
""",
    ),
    dict(
        id="h2-cleared-it",
        kind="violation_cleared",
        lang="it",
        sender="no-reply",
        subject="Violazione annullata",
        body="""
Gentile venditore,

la violazione relativa alla sicurezza del prodotto per l'ASIN B0F1AA2B3J è stata annullata.

Amazon
""",
    ),
    dict(
        id="h2-cleared-es",
        kind="violation_cleared",
        lang="es",
        sender="no-reply",
        subject="Infracción resuelta",
        body="""
Hola:

La infracción de seguridad del producto del ASIN B0F1AA2B3J ha sido resuelta y ya no afecta a tu cuenta.

Amazon
""",
    ),
    dict(
        id="h2-listing-back-en",
        kind="listing_reinstated",
        lang="en",
        sender="no-reply",
        subject="Your ASIN has been reactivated",
        body="""
Hello,

ASIN B0F1AA2B3K has been reactivated and is now visible to customers.

Amazon
""",
    ),
    dict(
        id="h2-listing-back-fr",
        kind="listing_reinstated",
        lang="fr",
        sender="no-reply",
        subject="Offre rétablie",
        body="""
Bonjour,

Votre offre pour l'ASIN B0F1AA2B3K a été rétablie. Les clients peuvent de nouveau l'acheter.

Amazon
""",
    ),
    dict(
        id="h2-listing-back-ja",
        kind="listing_reinstated",
        lang="ja",
        sender="no-reply",
        subject="出品が再開されました",
        body="""
出品者様

ASIN B0F1AA2B3K の出品が再開されました。

Amazon.co.jp
""",
    ),
    dict(
        id="h2-listing-back-de",
        kind="listing_reinstated",
        lang="de",
        sender="no-reply",
        subject="Angebot wieder verfügbar",
        html=True,
        body="""
Guten Tag,

Ihr Angebot für ASIN B0F1AA2B3K ist wieder verfügbar.

Amazon
""",
    ),
]
