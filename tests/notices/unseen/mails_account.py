# ruff: noqa: E501  (mail bodies are data: one paragraph a line, as mail clients send them)
# Account level: at risk, deactivated, policy warnings, other Amazon mail.
MAILS = [
    dict(
        id="at-risk-en-1",
        kind="account_at_risk",
        lang="en",
        sender="seller-performance",
        subject="Action required: your account is at risk",
        body="""
Hello,

Your Order Defect Rate is above our target of 1%. If this is not corrected, your selling privileges may be deactivated within 72 hours.

How do I fix this?
Submit a plan of action through Account Health.

Seller Performance Team
""",
    ),
    dict(
        id="at-risk-de-1",
        kind="account_at_risk",
        lang="de",
        sender="seller-performance",
        subject="Handlungsbedarf: Ihr Konto ist gefährdet",
        body="""
Guten Tag,

Ihre Quote verspäteter Lieferungen liegt über dem Zielwert. Ihr Verkäuferkonto kann innerhalb von 72 Stunden deaktiviert werden, wenn Sie keinen Maßnahmenplan einreichen.

Seller Performance Team
""",
    ),
    dict(
        id="at-risk-fr-1",
        kind="account_at_risk",
        lang="fr",
        sender="seller-performance",
        subject="Action requise : votre compte est à risque",
        body="""
Bonjour,

Votre taux de commandes défectueuses dépasse l'objectif. Votre compte pourrait être désactivé dans les 72 heures si vous ne soumettez pas de plan d'action.

L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="at-risk-es-1",
        kind="account_at_risk",
        lang="es",
        sender="seller-performance",
        subject="Se requiere acción: tu cuenta está en riesgo",
        body="""
Hola:

Tu tasa de pedidos defectuosos supera el objetivo. Tu cuenta podría ser desactivada en un plazo de 72 horas si no envías un plan de acción.

Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="at-risk-it-1",
        kind="account_at_risk",
        lang="it",
        sender="seller-performance",
        subject="Azione richiesta: il tuo account è a rischio",
        body="""
Gentile venditore,

il tuo tasso di difettosità degli ordini supera l'obiettivo. Il tuo account potrebbe essere disattivato entro 72 ore se non invii un piano d'azione.

Team Prestazioni Venditore
""",
    ),
    dict(
        id="at-risk-ja-1",
        kind="account_at_risk",
        lang="ja",
        sender="seller-performance",
        subject="【要対応】アカウントのリスクについて",
        body="""
出品者様

注文不良率が目標値を超えています。72時間以内に改善計画をご提出いただけない場合、アカウントが停止される可能性があります。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
    # ---------------------------------------------------------- deactivated
    dict(
        id="deactivated-en-1",
        kind="account_deactivated",
        lang="en",
        sender="seller-performance",
        subject="Your Amazon selling privileges have been removed",
        html=True,
        body="""
Hello,

We have deactivated your Amazon seller account because of inauthentic item complaints. Your listings are no longer available and funds will be held.

How do I reactivate my account?
Submit an appeal with a plan of action in Account Health. If your appeal is accepted, we will reinstate your account.

Seller Performance Team
""",
    ),
    dict(
        id="deactivated-de-1",
        kind="account_deactivated",
        lang="de",
        sender="seller-performance",
        subject="Ihre Amazon.de Verkaufsberechtigungen wurden entfernt",
        body="""
Guten Tag,

wir haben Ihr Verkäuferkonto deaktiviert, weil Ihre Rate an Auftragsmängeln zu hoch ist. Ihre Angebote wurden entfernt.

Wie kann ich mein Konto reaktivieren?
Reichen Sie einen Maßnahmenplan ein. Wenn wir ihn annehmen, reaktivieren wir Ihr Konto.

Seller Performance Team
""",
    ),
    dict(
        id="deactivated-fr-1",
        kind="account_deactivated",
        lang="fr",
        sender="seller-performance",
        subject="Votre compte vendeur a été désactivé",
        body="""
Bonjour,

Nous avons désactivé votre compte vendeur en raison de réclamations d'acheteurs. Vos offres ne sont plus visibles.

Comment réactiver mon compte ?
Envoyez un plan d'action depuis Santé du compte.

L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="deactivated-es-1",
        kind="account_deactivated",
        lang="es",
        sender="seller-performance",
        subject="Tu cuenta de vendedor ha sido desactivada",
        body="""
Hola:

Hemos desactivado tu cuenta de vendedor por incumplir la política de productos restringidos. Tus ofertas se han retirado.

Para reactivar tu cuenta, envía un plan de acción.

Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="deactivated-it-1",
        kind="account_deactivated",
        lang="it",
        sender="seller-performance",
        subject="Il tuo account venditore è stato disattivato",
        body="""
Gentile venditore,

abbiamo disattivato il tuo account venditore a causa di reclami sull'autenticità dei prodotti. Le tue offerte sono state rimosse.

Per riattivare l'account invia un piano d'azione.

Team Prestazioni Venditore
""",
    ),
    dict(
        id="deactivated-ja-1",
        kind="account_deactivated",
        lang="ja",
        sender="seller-performance",
        subject="出品アカウント停止のお知らせ",
        body="""
出品者様

真正性に関する苦情を受け、お客様の出品アカウントを停止いたしました。出品はすべて無効になっています。

アカウントの再開をご希望の場合は、改善計画をご提出ください。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
    # ---------------------------------------------------------- policy warning
    dict(
        id="policy-warning-en-1",
        kind="policy_warning",
        lang="en",
        sender="seller-performance",
        subject="Policy Warning: Pricing",
        body="""
Hello,

We found that your offer for ASIN B0B1XX22YY was priced significantly higher than recent prices. This is a warning under our Fair Pricing Policy. If this happens again, we may remove your selling privileges.

No action is required at this time.

Seller Performance Team
""",
    ),
    dict(
        id="policy-warning-de-1",
        kind="policy_warning",
        lang="de",
        sender="seller-performance",
        subject="Verwarnung wegen Richtlinienverstoß",
        body="""
Guten Tag,

Ihr Angebot für ASIN B0B1XX22YY verstößt gegen die Richtlinie zu fairen Preisen. Dies ist eine Verwarnung. Weitere Verstöße können zur Deaktivierung Ihres Kontos führen.

Seller Performance Team
""",
    ),
    dict(
        id="policy-warning-fr-1",
        kind="policy_warning",
        lang="fr",
        sender="seller-performance",
        subject="Avertissement relatif à nos règles",
        body="""
Bonjour,

Votre offre pour l'ASIN B0B1XX22YY enfreint notre politique de prix équitables. Ceci est un avertissement ; de nouvelles infractions pourraient entraîner la désactivation de votre compte.

L'équipe Performance Vendeurs
""",
    ),
    dict(
        id="policy-warning-es-1",
        kind="policy_warning",
        lang="es",
        sender="seller-performance",
        subject="Advertencia por infracción de la política",
        body="""
Hola:

Tu oferta del ASIN B0B1XX22YY infringe nuestra política de precios justos. Esta es una advertencia: nuevas infracciones podrían dar lugar a la desactivación de tu cuenta.

Equipo de Rendimiento de Vendedores
""",
    ),
    dict(
        id="policy-warning-it-1",
        kind="policy_warning",
        lang="it",
        sender="seller-performance",
        subject="Avvertimento: violazione delle norme",
        body="""
Gentile venditore,

la tua offerta per l'ASIN B0B1XX22YY viola la nostra politica sui prezzi equi. Questo è un avvertimento: ulteriori violazioni potrebbero comportare la disattivazione del tuo account.

Team Prestazioni Venditore
""",
    ),
    dict(
        id="policy-warning-ja-1",
        kind="policy_warning",
        lang="ja",
        sender="seller-performance",
        subject="ポリシー違反に関する警告",
        body="""
出品者様

ASIN B0B1XX22YY の価格設定は公正な価格設定ポリシーに違反しています。本メールは警告です。今後同様の違反があった場合、アカウントを停止する可能性があります。

Amazon.co.jp 出品者パフォーマンスチーム
""",
    ),
    # ---------------------------------------------------------- other Amazon mail
    dict(
        id="other-en-1",
        kind="other_amazon",
        lang="en",
        sender="seller-notification",
        subject="Sold, ship now: Bamboo Cutting Board Set of 3",
        body="""
Hello Acme Home,

Congratulations, you sold an item. Please ship it now.

Order ID: 114-9988776-5544332
Item: Bamboo Cutting Board Set of 3
Quantity: 1

If the buyer asks for a return, you can accept it within 30 days. Sellers whose listings infringe a rights owner's trademark may have their listings removed; see our IP policy.

Amazon Services
""",
    ),
    dict(
        id="other-de-1",
        kind="other_amazon",
        lang="de",
        sender="seller-notification",
        subject="Ihre Auszahlung wurde veranlasst",
        body="""
Guten Tag,

wir haben eine Auszahlung in Höhe von 1.204,55 EUR auf Ihr Bankkonto veranlasst. Es kann bis zu 5 Werktage dauern, bis der Betrag gutgeschrieben wird.

Amazon Services
""",
    ),
    dict(
        id="other-ja-1",
        kind="other_amazon",
        lang="ja",
        sender="seller-notification",
        subject="出品者向けセミナーのご案内",
        body="""
出品者様

12月の出品者向けオンラインセミナーのご案内です。知的財産権の保護や、アカウント健全性の改善方法について解説します。

Amazon.co.jp
""",
    ),
    dict(
        id="other-fr-1",
        kind="other_amazon",
        lang="fr",
        sender="seller-notification",
        subject="Nouveautés de Seller Central en décembre",
        body="""
Bonjour,

Découvrez les nouveautés de décembre : un tableau de bord Santé du compte repensé et de nouveaux outils pour signaler une violation de vos droits de propriété intellectuelle.

Amazon Services
""",
    ),
    dict(
        id="other-es-1",
        kind="other_amazon",
        lang="es",
        sender="seller-notification",
        subject="Confirmación de cambio de la cuenta bancaria",
        body="""
Hola:

Hemos registrado un cambio en la cuenta bancaria de tu cuenta de vendedor. Si no has realizado este cambio, ponte en contacto con nosotros.

Amazon Services
""",
    ),
    dict(
        id="other-it-1",
        kind="other_amazon",
        lang="it",
        sender="seller-notification",
        subject="Il tuo rapporto sull'inventario è pronto",
        html=True,
        body="""
Gentile venditore,

il rapporto sull'inventario che hai richiesto è pronto per il download in Seller Central.

Amazon Services
""",
    ),
]
