# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Third held-out set, written after all tuning and measured once.
MAILS = [
    dict(
        id="h3-ip-complaint-en-fwd",
        kind="ip_complaint",
        lang="en",
        sender="ops@acme-home.example",
        name="Ops Team",
        subject="Fwd: Notice: Intellectual Property Complaint",
        body="""
FYI, see below - can someone handle this?

---------- Forwarded message ---------
From: Amazon <seller-notification@amazon.com>
Date: Mon, Nov 16, 2026 at 9:10 AM
Subject: Notice: Intellectual Property Complaint
To: <sales@acme-home.example>

Hello,

We received a notice from Harbor Lane Inc. alleging that your listing uses their copyrighted product photography. As a result, we have removed the listing.

ASIN: B0G2CC3D4E
Complaint ID: 30011223344

How can I reinstate my listing?
Contact the rights owner and ask them to send a retraction to notice-retraction@amazon.com. Retractions are only accepted from the rights owner.
""",
    ),
    dict(
        id="h3-ip-complaint-it",
        kind="ip_complaint",
        lang="it",
        sender="seller-notification",
        subject="Offerta rimossa: reclamo per violazione del copyright",
        html=True,
        body="""
Gentile venditore,

abbiamo ricevuto un reclamo secondo cui le immagini della tua offerta per l'ASIN B0G2CC3D4F violano il diritto d'autore del titolare. Abbiamo quindi rimosso l'offerta.

Come posso riattivare la mia offerta?

Il titolare dei diritti può inviare una ritrattazione a notice-retraction@amazon.it. Quando la riceveremo, l'offerta tornerà attiva.
""",
    ),
    dict(
        id="h3-ip-complaint-es",
        kind="ip_complaint",
        lang="es",
        sender="seller-notification",
        subject="Aviso: reclamación por falsificación",
        body="""
Hola:

Un titular de derechos nos ha informado de que los productos que vendes con el ASIN B0G2CC3D4G son falsificaciones. Por ello, hemos eliminado tu oferta.

Preguntas frecuentes
¿Qué ocurre si el titular retira la reclamación?
Si recibimos una retractación válida, restableceremos la oferta.
""",
    ),
    dict(
        id="h3-retraction-de",
        kind="ip_retraction",
        lang="de",
        sender="notice-dispute",
        subject="Rücknahme der Beschwerde",
        body="""
Guten Tag,

wir haben die Rücknahme der Beschwerde zu ASIN B0G2CC3D4H vom Rechteinhaber erhalten. Ihr Angebot ist wieder aktiv.

Amazon
""",
    ),
    dict(
        id="h3-retraction-en-fwd",
        kind="ip_retraction",
        lang="en",
        sender="ops@acme-home.example",
        name="Ops Team",
        subject="Fwd: Retraction of complaint",
        body="""
Good news below.

---------- Forwarded message ---------
From: Amazon <notice-dispute@amazon.com>
Date: Tue, Nov 17, 2026 at 8:00 AM
Subject: Retraction of complaint
To: <sales@acme-home.example>

Hello,

We have received a retraction from the rights owner for Complaint ID 30011223344. The complaint has been removed from your account.
""",
    ),
    dict(
        id="h3-retraction-fr",
        kind="ip_retraction",
        lang="fr",
        sender="notice-dispute",
        subject="Plainte retirée",
        body="""
Bonjour,

La plainte relative à l'ASIN B0G2CC3D4J a été retirée par le titulaire des droits.
""",
    ),
    dict(
        id="h3-appeal-decision-en",
        kind="appeal_decision",
        lang="en",
        sender="seller-performance",
        subject="Your appeal",
        body="""
Hello,

Thank you for the additional information. We have carefully reviewed it; however, we have determined that your account will not be reinstated.

This decision is final.
""",
    ),
    dict(
        id="h3-appeal-decision-fr",
        kind="appeal_decision",
        lang="fr",
        sender="notice-dispute",
        subject="RE: Contestation de la plainte 30011223345",
        body="""
Bonjour,

Merci pour votre contestation. Après examen, nous ne pouvons pas accepter votre contestation, car le document fourni n'est pas une licence du titulaire des droits.

Vous pouvez demander au titulaire des droits de retirer sa plainte.
""",
    ),
    dict(
        id="h3-appeal-decision-ja",
        kind="appeal_decision",
        lang="ja",
        sender="seller-performance",
        subject="再開申請について",
        body="""
出品者様

再開申請をいただきありがとうございました。しかしながら、ご提出いただいた改善計画では、アカウントを再開することはできません。
""",
    ),
    dict(
        id="h3-appeal-received-en-quoted",
        kind="appeal_received",
        lang="en",
        sender="seller-performance",
        subject="RE: Plan of action for account deactivation",
        body="""
Hello,

We have received your plan of action and will review it shortly.

-----Original Message-----
From: Amazon
Your selling privileges have been removed. We cannot reinstate your account unless you submit a plan of action.
""",
    ),
    dict(
        id="h3-appeal-received-es",
        kind="appeal_received",
        lang="es",
        sender="seller-performance",
        subject="Apelación recibida",
        body="""
Hola:

Gracias por presentar tu apelación. La estamos revisando y te responderemos pronto.
""",
    ),
    dict(
        id="h3-appeal-received-fr",
        kind="appeal_received",
        lang="fr",
        sender="seller-performance",
        subject="Plan d'action reçu",
        body="""
Bonjour,

Nous avons bien reçu votre plan d'action. Nous l'examinons actuellement.
""",
    ),
    dict(
        id="h3-cleared-fr",
        kind="violation_cleared",
        lang="fr",
        sender="no-reply",
        subject="Mise à jour de la santé du compte",
        body="""
Bonjour,

Nous avons examiné votre demande : la violation relative à l'ASIN B0G2CC3D4K a été levée.
""",
    ),
    dict(
        id="h3-cleared-ja",
        kind="violation_cleared",
        lang="ja",
        sender="no-reply",
        subject="違反の解除",
        body="""
出品者様

ASIN B0G2CC3D4K のポリシー違反は解除されました。
""",
    ),
    dict(
        id="h3-cleared-it",
        kind="violation_cleared",
        lang="it",
        sender="no-reply",
        subject="Stato dell'account aggiornato",
        html=True,
        body="""
Gentile venditore,

abbiamo esaminato il ricorso e abbiamo rimosso la violazione per l'ASIN B0G2CC3D4K.
""",
    ),
    dict(
        id="h3-listing-back-en",
        kind="listing_reinstated",
        lang="en",
        sender="no-reply",
        subject="Listing reinstated",
        body="""
Hello,

Your listing for ASIN B0G2CC3D4L has been reinstated and is live again.
""",
    ),
    dict(
        id="h3-listing-back-es",
        kind="listing_reinstated",
        lang="es",
        sender="no-reply",
        subject="Oferta reactivada",
        body="""
Hola:

Tu oferta del ASIN B0G2CC3D4L ha sido reactivada.
""",
    ),
    dict(
        id="h3-listing-back-it",
        kind="listing_reinstated",
        lang="it",
        sender="no-reply",
        subject="Offerta riattivata",
        body="""
Gentile venditore,

la tua offerta per l'ASIN B0G2CC3D4L è di nuovo attiva.
""",
    ),
    dict(
        id="h3-account-back-de",
        kind="account_reinstated",
        lang="de",
        sender="seller-performance",
        subject="Ihr Konto ist wieder aktiv",
        body="""
Guten Tag,

wir haben Ihren Maßnahmenplan geprüft. Ihr Verkäuferkonto wurde wiederhergestellt.
""",
    ),
    dict(
        id="h3-account-back-fr",
        kind="account_reinstated",
        lang="fr",
        sender="seller-performance",
        subject="Compte rétabli",
        body="""
Bonjour,

Nous avons rétabli votre compte vendeur. Vous pouvez à nouveau vendre sur Amazon.fr.
""",
    ),
    dict(
        id="h3-account-back-en",
        kind="account_reinstated",
        lang="en",
        sender="seller-performance",
        subject="Your account is active",
        body="""
Hello,

Your Amazon seller account has been reactivated. Thank you for your cooperation.
""",
    ),
]
