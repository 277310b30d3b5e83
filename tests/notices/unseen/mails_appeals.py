# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Appeals (received, decided), clearance and reinstatement.
MAILS = [
    dict(
        id="appeal-decision-en-1",
        kind="appeal_decision",
        lang="en",
        sender="seller-performance",
        subject="Your Amazon.com seller account",
        body="""
Hello,

Thank you for confirming you have implemented your plan of action. However, the information you provided does not address the root cause of the issue and we cannot reinstate your account at this time.

To reactivate your account, please submit a revised plan of action that explains:
- The root cause of the complaints
- The actions you have taken to resolve the issue
- The steps you have taken to prevent it from happening again

How do I appeal?
Go to Account Health in Seller Central and click "Appeal".

Seller Performance Team
""",
    ),
    dict(
        id="appeal-decision-en-2",
        kind="appeal_decision",
        lang="en",
        sender="no-replies-appeals@amazon.com",
        subject="Outcome of your appeal",
        html=True,
        body="""
Hello,

We reviewed the appeal you submitted on November 10, 2026 for ASIN B0C3NN1KQZ. After careful review, your appeal was not approved because the invoices you submitted could not be verified.

What can I do next?
You may submit a new appeal with invoices from your supplier that show the quantity purchased.

Regards,
Amazon
""",
    ),
    dict(
        id="appeal-decision-de-1",
        kind="appeal_decision",
        lang="de",
        sender="seller-performance",
        subject="Ihr Amazon.de Verkäuferkonto",
        body="""
Guten Tag,

vielen Dank, dass Sie bestätigt haben, dass Sie Ihren Maßnahmenplan umgesetzt haben. Allerdings reichen die Angaben nicht aus, und wir können Ihr Verkäuferkonto derzeit nicht wieder aktivieren.

Bitte reichen Sie einen überarbeiteten Maßnahmenplan ein, der Folgendes erläutert:
- die Ursache des Problems
- die ergriffenen Maßnahmen

Seller Performance Team
""",
    ),
    dict(
        id="appeal-decision-fr-1",
        kind="appeal_decision",
        lang="fr",
        sender="seller-performance",
        subject="Décision concernant votre compte vendeur",
        body="""
Bonjour,

Nous vous remercions d'avoir confirmé la mise en œuvre de votre plan d'action. Cependant, après examen, nous ne sommes pas en mesure de réactiver votre compte, car le plan ne décrit pas la cause du problème.

Vous pouvez soumettre un nouveau plan d'action depuis la page Santé du compte.

Cordialement,
L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="appeal-decision-es-1",
        kind="appeal_decision",
        lang="es",
        sender="seller-performance",
        subject="Tu cuenta de vendedor de Amazon.es",
        body="""
Hola:

Gracias por confirmar que has aplicado tu plan de acción. Sin embargo, tras revisar la información, hemos decidido no reactivar tu cuenta, ya que el plan no explica la causa del problema.

Si deseas volver a intentarlo, envía un plan de acción revisado desde Estado de la cuenta.

Atentamente,
Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="appeal-decision-it-1",
        kind="appeal_decision",
        lang="it",
        sender="seller-performance",
        subject="Il tuo account venditore Amazon.it",
        body="""
Gentile venditore,

grazie per aver confermato di aver attuato il tuo piano d'azione. Tuttavia, dopo un'attenta verifica, non possiamo riattivare il tuo account perché le informazioni fornite non sono sufficienti.

Puoi inviare un nuovo piano d'azione dalla pagina Stato dell'account.

Cordiali saluti,
Team Prestazioni Venditore
""",
    ),
    dict(
        id="appeal-decision-ja-1",
        kind="appeal_decision",
        lang="ja",
        sender="seller-performance",
        subject="Amazon.co.jp 出品アカウントについて",
        body="""
出品者様

改善計画をご提出いただきありがとうございます。慎重に審査いたしましたが、ご提出いただいた内容では問題の根本原因が解消されていないため、お客様のアカウントを再開できないとの判断に至りました。

改めて改善計画を提出される場合は、アカウント健全性のページからお手続きください。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
    dict(
        id="appeal-decision-en-partial",
        kind="appeal_decision",
        lang="en",
        sender="seller-performance",
        subject="Update on your appeal",
        body="""
Hello,

We have reviewed your plan of action. We reinstated your ability to list products in the Beauty category; however, your privileges in the Grocery category stay deactivated.

Seller Performance Team
""",
    ),
    # ----------------------------------------------------------- appeal received
    dict(
        id="appeal-received-en-1",
        kind="appeal_received",
        lang="en",
        sender="seller-performance",
        subject="We received your appeal",
        body="""
Hello,

Your plan of action has been submitted successfully and is now with our team. We will review it and reply within 2 business days.

You do not need to send it again.

Seller Performance Team
""",
    ),
    dict(
        id="appeal-received-de-1",
        kind="appeal_received",
        lang="de",
        sender="seller-performance",
        subject="Ihr Einspruch ist eingegangen",
        body="""
Guten Tag,

Ihr Maßnahmenplan ist bei uns eingegangen. Unser Team wird ihn prüfen und sich innerhalb von 48 Stunden bei Ihnen melden.

Seller Performance Team
""",
    ),
    dict(
        id="appeal-received-fr-1",
        kind="appeal_received",
        lang="fr",
        sender="seller-performance",
        subject="Votre recours a bien été reçu",
        body="""
Bonjour,

Nous confirmons la réception de votre plan d'action. Notre équipe l'examinera et vous répondra dans les meilleurs délais.

Cordialement,
L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="appeal-received-es-1",
        kind="appeal_received",
        lang="es",
        sender="seller-performance",
        subject="Hemos recibido tu apelación",
        body="""
Hola:

Te confirmamos que hemos recibido tu plan de acción. Nuestro equipo lo revisará y te responderá en un plazo de 48 horas.

Atentamente,
Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="appeal-received-it-1",
        kind="appeal_received",
        lang="it",
        sender="seller-performance",
        subject="Ricorso ricevuto",
        body="""
Gentile venditore,

confermiamo di aver ricevuto il tuo ricorso. Lo esamineremo e ti risponderemo entro 2 giorni lavorativi.

Cordiali saluti,
Team Prestazioni Venditore
""",
    ),
    dict(
        id="appeal-received-ja-1",
        kind="appeal_received",
        lang="ja",
        sender="seller-performance",
        subject="改善計画の受領について",
        body="""
出品者様

改善計画を受領いたしました。内容を確認のうえ、2営業日以内にご連絡いたします。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
    # ---------------------------------------------------------- violation cleared
    dict(
        id="violation-cleared-en-1",
        kind="violation_cleared",
        lang="en",
        sender="no-reply",
        subject="Policy violation removed from your account",
        body="""
Hello,

Good news: after reviewing your appeal, the Restricted Products policy violation for ASIN B0A9KKX2M1 has been removed from your Account Health page.

No further action is required.

Amazon
""",
    ),
    dict(
        id="violation-cleared-de-1",
        kind="violation_cleared",
        lang="de",
        sender="no-reply",
        subject="Richtlinienverstoß aufgehoben",
        body="""
Guten Tag,

wir haben Ihren Einspruch geprüft und den Richtlinienverstoß für ASIN B0A9KKX2M1 aufgehoben. Er wird nicht mehr im Kontozustand angezeigt.

Amazon
""",
    ),
    dict(
        id="violation-cleared-fr-1",
        kind="violation_cleared",
        lang="fr",
        sender="no-reply",
        subject="Violation supprimée",
        body="""
Bonjour,

Après examen de votre demande, nous avons supprimé la violation de la politique relative aux produits soumis à restrictions pour l'ASIN B0A9KKX2M1.

Amazon
""",
    ),
    dict(
        id="violation-cleared-es-1",
        kind="violation_cleared",
        lang="es",
        sender="no-reply",
        subject="Infracción eliminada de tu cuenta",
        body="""
Hola:

Tras revisar tu apelación, hemos eliminado la infracción de la política de productos restringidos del ASIN B0A9KKX2M1. Ya no aparece en Estado de la cuenta.

Amazon
""",
    ),
    dict(
        id="violation-cleared-it-1",
        kind="violation_cleared",
        lang="it",
        sender="no-reply",
        subject="Violazione rimossa",
        body="""
Gentile venditore,

dopo aver esaminato il tuo ricorso, abbiamo rimosso la violazione delle norme sui prodotti con restrizioni per l'ASIN B0A9KKX2M1.

Amazon
""",
    ),
    dict(
        id="violation-cleared-ja-1",
        kind="violation_cleared",
        lang="ja",
        sender="no-reply",
        subject="ポリシー違反の取り消しについて",
        body="""
出品者様

ASIN B0A9KKX2M1 に関する制限対象商品ポリシー違反は、審査の結果取り消されました。アカウント健全性には表示されなくなります。

Amazon.co.jp
""",
    ),
    # --------------------------------------------------------- listing reinstated
    dict(
        id="listing-reinstated-en-1",
        kind="listing_reinstated",
        lang="en",
        sender="no-reply",
        subject="Your listing is active again",
        body="""
Hello,

We reviewed the documents you provided. ASIN B0C3NN1KQZ is available for sale again and buyers can see your offer.

Amazon
""",
    ),
    dict(
        id="listing-reinstated-de-1",
        kind="listing_reinstated",
        lang="de",
        sender="no-reply",
        subject="Ihr Angebot ist wieder aktiv",
        body="""
Guten Tag,

nach Prüfung Ihrer Unterlagen haben wir Ihr Angebot für ASIN B0C3NN1KQZ wieder freigeschaltet.

Amazon
""",
    ),
    dict(
        id="listing-reinstated-fr-1",
        kind="listing_reinstated",
        lang="fr",
        sender="no-reply",
        subject="Votre offre est de nouveau active",
        body="""
Bonjour,

Après vérification de vos documents, votre offre pour l'ASIN B0C3NN1KQZ a été réactivée.

Amazon
""",
    ),
    dict(
        id="listing-reinstated-es-1",
        kind="listing_reinstated",
        lang="es",
        sender="no-reply",
        subject="Tu oferta vuelve a estar activa",
        html=True,
        body="""
Hola:

Hemos revisado tus documentos y hemos reactivado tu oferta del ASIN B0C3NN1KQZ.

Amazon
""",
    ),
    dict(
        id="listing-reinstated-it-1",
        kind="listing_reinstated",
        lang="it",
        sender="no-reply",
        subject="La tua offerta è di nuovo attiva",
        body="""
Gentile venditore,

abbiamo verificato i documenti e la tua offerta per l'ASIN B0C3NN1KQZ è stata riattivata.

Amazon
""",
    ),
    dict(
        id="listing-reinstated-ja-1",
        kind="listing_reinstated",
        lang="ja",
        sender="no-reply",
        subject="出品再開のお知らせ",
        body="""
出品者様

ご提出いただいた書類を確認し、ASIN B0C3NN1KQZ の出品を再開しました。

Amazon.co.jp
""",
    ),
    # --------------------------------------------------------- account reinstated
    dict(
        id="account-reinstated-en-1",
        kind="account_reinstated",
        lang="en",
        sender="seller-performance",
        subject="Your Amazon.com selling account has been reactivated",
        body="""
Hello,

Thank you for your plan of action. We have reactivated your selling account and your listings will become visible to customers within 24 hours.

Seller Performance Team
""",
    ),
    dict(
        id="account-reinstated-de-1",
        kind="account_reinstated",
        lang="de",
        sender="seller-performance",
        subject="Ihr Verkäuferkonto wurde reaktiviert",
        body="""
Guten Tag,

vielen Dank für Ihren Maßnahmenplan. Wir haben Ihr Verkäuferkonto reaktiviert; Sie dürfen ab sofort wieder auf Amazon.de verkaufen.

Seller Performance Team
""",
    ),
    dict(
        id="account-reinstated-fr-1",
        kind="account_reinstated",
        lang="fr",
        sender="seller-performance",
        subject="Votre compte vendeur a été réactivé",
        body="""
Bonjour,

Merci pour votre plan d'action. Votre compte vendeur a été réactivé et vous pouvez de nouveau vendre sur Amazon.fr.

Cordialement,
L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="account-reinstated-es-1",
        kind="account_reinstated",
        lang="es",
        sender="seller-performance",
        subject="Tu cuenta de vendedor ha sido reactivada",
        body="""
Hola:

Gracias por tu plan de acción. Hemos reactivado tu cuenta de vendedor y ya puedes volver a vender en Amazon.es.

Atentamente,
Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="account-reinstated-it-1",
        kind="account_reinstated",
        lang="it",
        sender="seller-performance",
        subject="Il tuo account venditore è stato riattivato",
        body="""
Gentile venditore,

grazie per il tuo piano d'azione. Abbiamo riattivato il tuo account venditore: puoi tornare a vendere su Amazon.it.

Cordiali saluti,
Team Prestazioni Venditore
""",
    ),
    dict(
        id="account-reinstated-ja-1",
        kind="account_reinstated",
        lang="ja",
        sender="seller-performance",
        subject="出品アカウント再開のお知らせ",
        body="""
出品者様

改善計画をご提出いただきありがとうございます。審査の結果、お客様の出品アカウントを再開いたしました。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
]
