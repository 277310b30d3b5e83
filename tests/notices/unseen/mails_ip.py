# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Intellectual property: complaints (with retraction instructions, FAQ,
# detail-page trademark reports), retractions, refused disputes.
MAILS = [
    dict(
        id="ip-complaint-en-1",
        kind="ip_complaint",
        lang="en",
        sender="seller-notification",
        subject="Notice of Intellectual Property Rights Infringement",
        expect={"asins": ["B0C7HX2L9Q"], "complaint_ids": ["14822907351"]},
        body="""
Hello,

We removed the listings below because a rights owner told us that they infringe the rights owner's copyright.

ASIN: B0C7HX2L9Q
Title: Bamboo Cutting Board Set of 3
Infringement type: Copyright
Complaint ID: 14822907351

Rights owner: Oakridge Kitchen Designs LLC
Contact: legal@oakridge-kitchen.example

How can I get my listing back?
If you think the complaint was made in error, you can contact the rights owner and ask them to retract it. A retraction must be sent by the rights owner to notice-retraction@amazon.com. We only accept a retraction when the rights owner clearly states that the complaint was made in error.

If you have a licence or other authorization to sell this item, you may also submit an appeal with that documentation through Account Health.

Frequently asked questions
What happens if the rights owner withdraws the complaint?
Once we receive a valid retraction, the listing is reinstated and the complaint no longer counts against your account.

Repeated intellectual property complaints may lead to the deactivation of your selling account.

Regards,
Seller Performance Team
""",
    ),
    dict(
        id="ip-complaint-en-2",
        kind="ip_complaint",
        lang="en",
        sender="seller-performance",
        subject="Action required: Trademark concern on your detail page",
        expect={"asins": ["B09TQ4WZ1M"]},
        body="""
Hello,

We received a report that the content on the detail page for ASIN B09TQ4WZ1M uses a registered trademark without permission. The brand "LumaNest" is owned by a third party who reported the use of its mark in your product title and images.

We have removed the offer until the detail page no longer contains the trademark.

What you can do:
- Edit the title, bullet points and images so that they no longer use the mark.
- If you are authorized to use the mark, reply with a letter of authorization.

Please note that a warning is not issued for this report; however, further reports may affect your account health.

Thank you,
Seller Performance
""",
    ),
    dict(
        id="ip-complaint-en-3",
        kind="ip_complaint",
        lang="en",
        sender="seller-notification",
        subject="Your listing has been removed - Patent",
        html=True,
        expect={"asins": ["B0B8VNR3KD"]},
        body="""
Hello,

We have removed your listing because we were notified by a patent owner that the product infringes their utility patent.

- ASIN: B0B8VNR3KD
- Infringement type: Patent
- Complaint ID: 15530011278

Have your listings been removed in error?

If the rights owner agrees that this was a mistake, they can send a retraction of their complaint to notice-retraction@amazon.com.

Sincerely,
Amazon Seller Performance
""",
    ),
    dict(
        id="ip-complaint-de-1",
        kind="ip_complaint",
        lang="de",
        sender="seller-notification",
        subject="Mitteilung über eine Verletzung geistigen Eigentums",
        body="""
Guten Tag,

wir haben die unten aufgeführten Angebote entfernt, weil ein Rechteinhaber uns mitgeteilt hat, dass sie seine Marke verletzen.

ASIN: B07XKM93PL
Titel: Thermoskanne Edelstahl 1 Liter
Art der Rechtsverletzung: Marke
Beschwerde-ID: 13390284455

Wie kann ich mein Angebot wieder aktivieren?
Wenn Sie der Ansicht sind, dass die Beschwerde unberechtigt ist, können Sie sich an den Rechteinhaber wenden und ihn bitten, die Beschwerde zurückzuziehen. Die Rücknahme muss der Rechteinhaber an notice-retraction@amazon.de senden.

Wiederholte Beschwerden können zur Deaktivierung Ihres Verkäuferkontos führen.

Mit freundlichen Grüßen
Seller Performance Team
""",
    ),
    dict(
        id="ip-complaint-fr-1",
        kind="ip_complaint",
        lang="fr",
        sender="seller-notification",
        subject="Avis de violation de droits de propriété intellectuelle",
        body="""
Bonjour,

Nous avons supprimé votre offre ci-dessous suite à un signalement du titulaire des droits, selon lequel elle porte atteinte à ses droits d'auteur.

ASIN : B0CFZ2M81T
Type de violation : Droit d'auteur (image)
ID de la plainte : 12004455987

Comment réactiver mon offre ?
Si vous pensez que cette plainte est erronée, vous pouvez demander au titulaire des droits de retirer sa plainte. La rétractation doit être envoyée par le titulaire des droits à notice-retraction@amazon.fr.

Cordialement,
L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="ip-complaint-es-1",
        kind="ip_complaint",
        lang="es",
        sender="seller-notification",
        subject="Aviso de infracción de derechos de propiedad intelectual",
        body="""
Hola:

Hemos eliminado tu oferta porque el titular de los derechos nos ha notificado que infringe su marca registrada.

ASIN: B08LPW7QQ2
Tipo de infracción: Marca
ID de la reclamación: 11223344556

¿Cómo puedo reactivar mi oferta?
Si crees que la reclamación es un error, puedes ponerte en contacto con el titular de los derechos y pedirle que la retire. El titular debe enviar la retractación a notice-retraction@amazon.es.

Atentamente,
Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="ip-complaint-it-1",
        kind="ip_complaint",
        lang="it",
        sender="seller-notification",
        subject="Notifica di violazione dei diritti di proprietà intellettuale",
        body="""
Gentile venditore,

abbiamo rimosso la tua offerta perché il titolare dei diritti ci ha segnalato che viola il suo brevetto.

ASIN: B0D1RR6YTE
Tipo di violazione: Brevetto
ID reclamo: 17700912334

Come posso riattivare la mia offerta?
Se ritieni che il reclamo sia stato presentato per errore, puoi contattare il titolare dei diritti e chiedergli di ritirarlo. La ritrattazione deve essere inviata dal titolare a notice-retraction@amazon.it.

Cordiali saluti,
Team Prestazioni Venditore
""",
    ),
    dict(
        id="ip-complaint-ja-1",
        kind="ip_complaint",
        lang="ja",
        sender="seller-notification",
        subject="知的財産権の侵害に関するお知らせ",
        body="""
出品者様

権利所有者から、お客様の出品が商標権を侵害しているとの申し立てを受けたため、以下の出品を削除しました。

ASIN: B0BJ5KQ8WX
侵害の種類: 商標
苦情ID: 16654400921

出品を再開するには
申し立てが誤りであるとお考えの場合は、権利所有者に連絡して申し立ての取り下げを依頼してください。取り下げは権利所有者から notice-retraction@amazon.co.jp に送信していただく必要があります。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
    # ---------------------------------------------------------------- retractions
    dict(
        id="ip-retraction-en-1",
        kind="ip_retraction",
        lang="en",
        sender="notice-dispute",
        subject="Update on Complaint ID 14822907351",
        body="""
Hello,

The rights owner has withdrawn the copyright complaint they submitted against ASIN B0C7HX2L9Q. We have updated your account accordingly and the complaint no longer counts toward your account health.

Complaint ID: 14822907351

Thank you for your patience.
Amazon Services
""",
    ),
    dict(
        id="ip-retraction-de-1",
        kind="ip_retraction",
        lang="de",
        sender="notice-dispute",
        subject="Beschwerde zurückgezogen",
        body="""
Guten Tag,

der Rechteinhaber hat seine Beschwerde zu ASIN B07XKM93PL zurückgezogen. Die Beschwerde wird nicht mehr in Ihrem Kontozustand berücksichtigt.

Beschwerde-ID: 13390284455

Freundliche Grüße
Amazon Services
""",
    ),
    dict(
        id="ip-retraction-fr-1",
        kind="ip_retraction",
        lang="fr",
        sender="notice-dispute",
        subject="Retrait de la plainte pour violation de marque",
        body="""
Bonjour,

Le titulaire des droits a retiré sa plainte concernant l'ASIN B0CFZ2M81T. Cette plainte n'affecte plus l'état de santé de votre compte.

ID de la plainte : 12004455987

Cordialement,
Amazon Services
""",
    ),
    dict(
        id="ip-retraction-es-1",
        kind="ip_retraction",
        lang="es",
        sender="notice-dispute",
        subject="Reclamación de propiedad intelectual retirada",
        body="""
Hola:

Te informamos de que el titular de los derechos ha retirado la reclamación presentada contra el ASIN B08LPW7QQ2. La reclamación ya no se tendrá en cuenta en el estado de tu cuenta.

ID de la reclamación: 11223344556

Atentamente,
Amazon Services
""",
    ),
    dict(
        id="ip-retraction-it-1",
        kind="ip_retraction",
        lang="it",
        sender="notice-dispute",
        subject="Reclamo ritirato dal titolare dei diritti",
        html=True,
        body="""
Gentile venditore,

il titolare dei diritti ha ritirato il reclamo relativo all'ASIN B0D1RR6YTE. Il reclamo non incide più sullo stato del tuo account.

ID reclamo: 17700912334

Cordiali saluti,
Amazon Services
""",
    ),
    dict(
        id="ip-retraction-ja-1",
        kind="ip_retraction",
        lang="ja",
        sender="notice-dispute",
        subject="知的財産権に関する申し立ての取り下げについて",
        body="""
出品者様

ASIN B0BJ5KQ8WX に対する商標権侵害の申し立ては、権利所有者によって取り下げられました。この申し立てはアカウント健全性に影響しなくなりました。

苦情ID: 16654400921

Amazon.co.jp
""",
    ),
    # ------------------------------------------------- refused IP dispute = decision
    dict(
        id="appeal-decision-en-ipdispute",
        kind="appeal_decision",
        lang="en",
        sender="notice-dispute",
        subject="Re: Dispute of Complaint ID 15530011278",
        body="""
Hello,

Thank you for your dispute of the notice of infringement for ASIN B0B8VNR3KD. We reviewed the information you provided. We are unable to accept your dispute because the documents do not show that the product does not infringe the patent.

If you believe that the rights owner made an error, you can contact them directly and ask them to send a retraction to notice-retraction@amazon.com.

Regards,
Notice Dispute Team
""",
    ),
    dict(
        id="appeal-decision-de-ipdispute",
        kind="appeal_decision",
        lang="de",
        sender="notice-dispute",
        subject="AW: Widerspruch zu Beschwerde-ID 13390284455",
        body="""
Guten Tag,

vielen Dank für Ihren Widerspruch gegen die Beschwerde zu ASIN B07XKM93PL. Nach Prüfung der eingereichten Unterlagen können wir Ihrem Widerspruch leider nicht stattgeben, da die Rechnung nicht vom Markeninhaber stammt.

Sie können den Rechteinhaber bitten, seine Beschwerde zurückzuziehen.

Freundliche Grüße
Amazon
""",
    ),
]
