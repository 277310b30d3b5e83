"""Which kind of notice a mail is: one small, documented unit per kind.

Each :class:`KindRule` names its **core** signals (at least one must match:
the concept that makes a mail this kind, e.g. "restricted … proactive"),
its **support** signals (subject wording, headings, ID labels, the sender,
structure) and its **veto** signals (a concept that rules the kind out, e.g.
"remains suspended" for a full reinstatement). A kind is found when a core
signal matched, no veto did, and the weights of the distinct signals that
matched reach its threshold, which every rule sets above a core signal's
own weight: no kind rests on one sentence. The kind with the highest score
wins; on a tie the earlier rule in :data:`RULES` does.

Phrases are concepts, not sentences: verbs and nouns joined by ``…`` (up to
80 characters of the same sentence), in English, German, French, Spanish,
Italian and Japanese. Facts and known wording: ``policy/notices.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.notices.model import NoticeKind
from auditor.notices.signals import (
    ACCOUNT_HEALTH,
    AMAZON_SENDER,
    APPEAL_WORD,
    ASIN_PRESENT,
    COMPLAINT_ID_LABEL,
    DEADLINE,
    ORDER_ID_PRESENT,
    PLAN_OF_ACTION,
    QUOTED_ORIGINAL,
    RELAY_SENDER,
    REVIEWED,
    RIGHTS_OWNER,
    SUBJECT_NOT_DELIVERED,
    Doc,
    Signal,
    weighted,
)
from auditor.notices.text import sentence_at

CORE = 3


@dataclass(frozen=True)
class KindRule:
    """How one kind of notice is recognised (see the module docstring)."""

    kind: NoticeKind
    doc: str
    core: tuple[Signal, ...]
    support: tuple[Signal, ...] = ()
    veto: tuple[Signal, ...] = ()
    threshold: int = CORE + 1

    def __post_init__(self) -> None:
        if not self.doc.strip():
            raise ValueError(f"{self.kind}: a kind rule needs its documentation")
        if self.threshold <= max(s.weight for s in self.core):
            raise ValueError(f"{self.kind}: one core signal alone must not reach the threshold")

    def match(self, doc: Doc) -> KindMatch | None:
        """The score of ``doc`` for this kind, or None when the kind does not apply."""
        cores = [(s, s.find(doc)) for s in self.core]
        cores = [(s, hit) for s, hit in cores if hit]
        if not cores:
            return None
        if any(v.find(doc) for v in self.veto):
            return None
        names = [s.name for s, _ in cores]
        score = sum(s.weight for s, _ in cores)
        for signal in self.support:
            if signal.name not in names and signal.find(doc):
                names.append(signal.name)
                score += signal.weight
        if score < self.threshold:
            return None
        where, match = cores[0][1]
        if match is None:
            evidence = ""
        elif where == "subject":
            evidence = doc.subject
        else:
            evidence = sentence_at(doc.body, match.start())
        return KindMatch(self.kind, score, tuple(names), evidence)


@dataclass(frozen=True, slots=True)
class KindMatch:
    """A kind that applies, its score, the signals that matched, and the
    sentence that decided it."""

    kind: NoticeKind
    score: int
    signals: tuple[str, ...]
    evidence: str


def _core(name: str, **phrases: tuple[str, ...]) -> Signal:
    return Signal(name, "text", phrases, weight=CORE)


def _subject(name: str, **phrases: tuple[str, ...]) -> Signal:
    return Signal(name, "subject", phrases, weight=2)


def _support(name: str, **phrases: tuple[str, ...]) -> Signal:
    return Signal(name, "body", phrases, weight=1)


# --------------------------------------------------------------------------
# Messaging restriction
# --------------------------------------------------------------------------
RESTRICTED = _core(
    "restricted-proactive",
    en=(
        r"restrict\w* from (?:proactively |sending |initiating |contacting |starting )",
        r"(?:proactive|unsolicited) (?:e-?mail |buyer )?messag\w*…(?:restricted|suspended|"
        r"blocked|disabled|paused|limited)",
        r"restriction (?:on|of|to) (?:your )?(?:ability to send )?proactive",
        r"(?:cannot|can't|can no longer|are not able to|will not be able to|may not) (?:initiate|"
        r"start|send) (?:any )?(?:new )?(?:proactive|unsolicited)",
        r"(?:suspended|removed|revoked|paused|limited) your (?:ability|permission|privileges?) to "
        r"(?:proactively )?(?:send|initiate|contact|message)",
        # "unable to initiate new conversations with customers until …", but not
        # the hypothetical "… may result in you being unable to …"
        r"(?<!being\s)(?:cannot|can't|can no longer|unable to|not be able to|not able to|"
        r"no longer be able to|no longer able to) (?:initiate|start|begin|open) (?:any )?new "
        r"(?:e-?mail )?(?:conversations?|message threads?)…(?:customers?|buyers?)",
    ),
    de=(
        r"proaktiv…(?:eingeschränkt|gesperrt|blockiert|deaktiviert|untersagt|beschränkt)",
        r"(?:eingeschränkt|gesperrt|untersagt|beschränkt)…proaktiv",
        r"einschränkung (?:\w+ ){0,3}proaktiv",
        r"keine (?:neuen )?[\w-]*(?:unterhaltungen|nachrichten|konversationen|e-mails)…proaktiv",
        r"keine (?:\w+ )?(?:proaktiv|unaufgefordert)\w* (?:nachrichten|e-mails|mitteilungen)",
        r"(?:von sich aus|unaufgefordert)…(?:eingeschränkt|gesperrt|nicht mehr)",
    ),
    fr=(
        r"(?:restreint|limité|bloqué|suspendu|interdit)e?s?…(?:proacti|à votre initiative|"
        r"de votre propre initiative)",
        r"(?:proacti\w*|à votre initiative|de votre propre initiative)…(?:restreint|limité|"
        r"bloqué|suspendu|interdit|restriction)",
        r"restriction (?:\w+ ){0,4}(?:messages?|messagerie) (?:\w+ ){0,2}proacti",
        r"ne (?:pouvez|pourrez) plus (?:envoyer|initier|engager|démarrer|"
        r"contacter)…(?:acheteurs|clients)",
    ),
    es=(
        r"(?:restringid|limitad|bloquead|suspendid)\w*…(?:proactiv|por iniciativa propia)",
        r"(?:proactiv\w*|por iniciativa propia)…(?:restringid|limitad|bloquead|suspendid|"
        r"restricción)",
        r"restricción (?:\w+ ){0,4}proactiv",
        r"no (?:puedes|podrás|puede|podrá) (?:iniciar|enviar|comenzar|contactar)…(?:compradores|"
        r"clientes)",
    ),
    it=(
        r"(?:limitat|bloccat|sospes|restrizion|limitazion)\w*…proattiv",
        r"proattiv\w*…(?:limitat|bloccat|sospes|restrizion|limitazion)",
        r"non (?:puoi|potrai|può|potrà) (?:più )?(?:avviare|inviare|iniziare|contattare)…"
        r"(?:acquirenti|clienti)",
    ),
    ja=(
        r"(?:積極的|プロアクティブ|能動的|自発的|こちらから)…(?:制限|停止|禁止)",
        r"(?:制限|停止)…(?:積極的|プロアクティブ|能動的|自発的)",
        r"購入者(?:様)?への(?:メッセージ|メール)(?:の)?送信(?:が|を|は)?(?:制限|停止)",
    ),
)
SUBJECT_RESTRICTION = _subject(
    "subject-restriction",
    en=(r"restrict|proactive messag|messaging (?:privileges|permissions)",),
    de=(r"einschränkung|eingeschränkt|proaktiv|nachrichtenversand",),
    fr=(r"restriction|restreint|proacti|limitation",),
    es=(r"restricción|restringid|proactiv",),
    it=(r"limitazion|restrizion|limitat|proattiv",),
    ja=(r"制限|プロアクティブ|積極的",),
)
NOT_DELIVERED_RECENT = _support(
    "recent-messages-not-delivered",
    en=(r"messages? (?:that )?you (?:have )?(?:recently )?sent…(?:were|have) not (?:been )?"
        r"delivered",),
    de=(r"(?:kürzlich|zuletzt) (?:gesendet|versendet|verschickt)…nicht…zugestellt",
        r"nachrichten…nicht (?:an (?:die )?(?:kunden|käufer) )?zugestellt"),
    fr=(r"messages? (?:que vous avez )?(?:récemment )?envoyés?…(?:n'ont pas été|pas été) "
        r"(?:distribués|remis|livrés|transmis)",),
    es=(r"mensajes? (?:que )?(?:has |ha )?enviado…no (?:se )?(?:han )?(?:sido )?entregad",),
    it=(r"messaggi (?:che )?(?:hai |ha )?inviat\w*…non sono stati (?:consegnati|recapitati)",),
    ja=(r"最近…送信…(?:配信されませんでした|届いていません|お届けできませんでした)",),
)
PROHIBITED = _support(
    "prohibited-actions",
    en=(r"prohibited (?:actions?|activit|conduct)", r"one of the following (?:actions|activities)"),
    de=(r"(?:unzulässig|verboten|untersagt)\w* (?:handlung|aktivität|verhalten)",
        r"folgenden (?:unzulässigen |verbotenen )?handlungen"),
    fr=(r"(?:actions?|activités?|pratiques?) (?:interdites?|prohibées?)",),
    es=(r"(?:acciones?|actividades?|prácticas?) prohibidas?",),
    it=(r"(?:azioni|attività|pratiche) (?:vietat|proibit|non consentit)\w*",),
    ja=(r"禁止(?:されている|された)?(?:行為|事項|アクション)",),
)
RESTRICTION_HEADINGS = _support(
    "restriction-headings",
    en=(r"how (?:does|will) this restriction (?:impact|affect)",
        r"why did i receive this (?:message|e-?mail|notification)", r"what should i do next"),
    de=(r"welche auswirkungen hat (?:diese|die) einschränkung",
        r"warum (?:erhalte|habe) ich diese (?:nachricht|e-mail|benachrichtigung)",
        r"was (?:sollte|muss|kann) ich (?:jetzt|als nächstes) tun"),
    fr=(r"(?:quel (?:est l'|sera l')?impact|quelles sont les conséquences) de cette restriction",
        r"pourquoi (?:ai-je reçu|est-ce que j'ai reçu|je reçois) ce (?:message|e-mail)",
        r"que dois-je faire (?:maintenant|ensuite)"),
    es=(r"(?:cómo|de qué manera) (?:me )?afecta (?:esta|la) restricción",
        r"por qué (?:he recibido|recibí|recibo) este (?:mensaje|correo|e-mail)",
        r"qué (?:debo|tengo que) hacer (?:ahora|a continuación)"),
    it=(r"in che modo (?:questa|la) (?:limitazione|restrizione)",
        r"perché (?:ho ricevuto|ricevo) (?:questo|questa) (?:messaggio|e-mail|email|comunicazione)",
        r"cosa (?:devo|dovrei) fare (?:ora|adesso|in seguito)"),
    ja=(r"(?:この|本)制限…影響", r"(?:この|本)(?:メッセージ|メール|通知)を受け取った理由",
        r"なぜ(?:この|本)(?:メッセージ|メール|通知)",
        r"次に(?:何を)?(?:すべきこと|行うこと|どうすれば)"),
)
SELLING_UNAFFECTED = _support(
    "selling-unaffected",
    en=(r"(?:ability to sell|selling privileges?|your sales?)…(?:is|are|will) not (?:be )?affected",
        r"(?:does|will) not affect your (?:ability to sell|selling)",
        r"(?:can|may) (?:still|continue to) (?:respond|reply)"),
    de=(r"(?:verkaufsberechtigung|verkaufstätigkeit|verkäufe|möglichkeit zu verkaufen)…nicht "
        r"(?:betroffen|beeinträchtigt|eingeschränkt)",
        r"(?:können|dürfen) (?:weiterhin|nach wie vor) (?:auf|antworten)"),
    fr=(r"(?:capacité|possibilité) (?:à|de) vendre…(?:n'est|ne sera) pas (?:affectée|impactée|"
        r"concernée)", r"(?:pouvez|pourrez) (?:toujours|continuer à) répondre"),
    es=(r"(?:capacidad|posibilidad) (?:de|para) vender…no (?:se ve|se verá|está|será|ha "
        r"sido) afectad",
        r"(?:puedes|podrás|puede) (?:seguir|continuar) (?:respondiendo|contestando)"),
    it=(r"(?:capacità|possibilità) di vendere…non (?:è|sarà|viene|verrà) (?:influenzata|"
        r"compromessa|interessata|limitata)",
        r"(?:puoi|potrai) (?:ancora|continuare a) rispondere"),
    ja=(r"販売(?:活動|機能|権限)?(?:への|に)?(?:は)?影響(?:は|を)?(?:ありません|"
        r"受けません|しません)",
        r"引き続き…(?:返信|回答)"),
)
_RESTRICTION_SUPPORT = (
    SUBJECT_RESTRICTION, NOT_DELIVERED_RECENT, PROHIBITED, RESTRICTION_HEADINGS,
    SELLING_UNAFFECTED, AMAZON_SENDER,
)

MESSAGING_RESTRICTION = KindRule(
    NoticeKind.MESSAGING_RESTRICTION,
    """The account may not start new conversations with buyers (proactive
    messages). Core: "restricted from proactively initiating…", "proaktive
    Nachrichten … eingeschränkt", "積極的 … 制限". Support: a restriction
    subject, "messages you recently sent were not delivered", "prohibited
    actions", the notice's headings, "your ability to sell is not affected".""",
    core=(RESTRICTED,),
    support=_RESTRICTION_SUPPORT,
)

TEMPLATES_ONLY = _core(
    "templates-only",
    en=(r"(?:limited|restricted) to (?:using |sending )?(?:only )?(?:amazon'?s? )?(?:\w+ ){0,2}"
        r"templates?", r"(?:only|exclusively|solely) (?:[\w']+ ){0,8}templates?",
        r"template-only", r"templates? only"),
    de=(r"nur (?:noch )?(?:mit |über |anhand )?(?:den |der )?(?:amazon[- "
        r"])?(?:nachrichten)?vorlagen",
        r"(?:beschränkt|begrenzt) auf (?:die )?(?:amazon[- ])?(?:nachrichten)?vorlagen",
        r"auf (?:die )?(?:amazon[- ])?(?:nachrichten)?vorlagen (?:\w+ "
        r"){0,2}(?:beschränkt|begrenzt)",
        r"ausschließlich…vorlagen"),
    fr=(r"(?:limité|restreint)e?s? (?:à l'utilisation des|aux) modèles",
        r"(?:uniquement|seulement|exclusivement)…modèles",
        r"qu'(?:à l'aide des|avec les|au moyen des|via les) modèles"),
    es=(r"(?:limitad|restringid)\w* (?:al uso de las|a las|a) plantillas",
        r"(?:solo|solamente|únicamente|exclusivamente)…plantillas"),
    it=(r"(?:limitat|ristrett)\w* (?:all'uso dei|ai) modelli",
        r"(?:solo|soltanto|esclusivamente|unicamente)…modelli"),
    ja=(r"テンプレート(?:のみ|だけ|に限定|に限ら|以外|限定)", r"(?:のみ|だけ)…テンプレート"),
)
TEMPLATES_ONLY_RESTRICTION = KindRule(
    NoticeKind.TEMPLATES_ONLY_RESTRICTION,
    """The harder sanction: proactive messages are limited to Amazon's
    templates. Core: "limited to Amazon's templates", "nur noch über
    Vorlagen", "uniquement … modèles", "テンプレートのみ". It also needs the
    restriction's own signals (so "you can still use Amazon's templates" in an
    ordinary restriction notice is not enough): threshold 6.""",
    core=(TEMPLATES_ONLY,),
    support=(weighted(RESTRICTED, 2), *_RESTRICTION_SUPPORT),
    threshold=6,
)

# --------------------------------------------------------------------------
# Per-message notes
# --------------------------------------------------------------------------
BLOCKED = _core(
    "not-sent-guidelines",
    en=(r"not (?:been )?(?:sent|delivered)…(?:did not|does not|didn't) (?:meet|comply with|follow|"
        r"adhere to)…guidelines", r"did not (?:meet|comply with) (?:the |our )?(?:buyer-seller )?"
        r"(?:messaging )?(?:communication )?guidelines",
        r"message (?:was|has been) blocked (?:because|as|since|for)",
        r"blocked (?:this|your) message (?:because|as|since)",
        r"violat\w* (?:the |our )?(?:buyer-seller )?(?:messaging |communication )guidelines…"
        r"(?:not (?:sent|delivered)|blocked)"),
    de=(r"(?:entsprach|entspricht) nicht den…(?:richtlinien|leitlinien)",
        r"nicht (?:gesendet|versendet|zugestellt)…(?:richtlinien|leitlinien)…(?:nicht entsprach|"
        r"nicht erfüllt|verstoß)", r"nachricht wurde blockiert",
        r"(?:verstößt|verstieß) gegen…(?:richtlinien|leitlinien)",
        r"nicht den…(?:richtlinien|leitlinien)…(?:entsprach|entspricht|entsprochen)",
        r"gegen (?:\w+ ){0,3}[\w-]*richtlinien (?:verstößt|verstieß|verstoßen)",
        r"nachricht…wurde blockiert"),
    fr=(r"(?:n'a pas été|pas été) (?:envoyé|transmis|distribué)…(?:ne respect|non conforme|"
        r"pas conforme|enfrei)\w*…(?:directives|règles|consignes|politiques)",
        r"ne (?:respectait|respecte|répondait) pas (?:aux |les )?(?:directives|règles|consignes)",
        r"message a été bloqué",
        r"(?:enfrei\w*|ne respect\w* pas|non conforme\w*|pas conforme\w*) (?:à |aux |les |"
        r"nos |la )*"
        r"(?:directives|règles|consignes|politiques) (?:de|en matière de) (?:communication|"
        r"messagerie)"),
    es=(r"no (?:se )?(?:ha )?(?:sido )?(?:enviado|entregado)…(?:no cumpl|incumpl|infring)\w*…"
        r"(?:directrices|normas|pautas|políticas)",
        r"no cumpl(?:ía|e|ió) (?:con )?(?:las )?(?:directrices|normas|pautas)",
        r"mensaje (?:ha sido|fue) bloquead",
        r"(?:infring\w*|incumpl\w*|no cumpl\w*) (?:con )?(?:las |nuestras )*(?:directrices|normas|"
        r"pautas|políticas) de (?:comunicación|mensajería)"),
    it=(r"non è stato (?:inviato|consegnato|recapitato)…(?:non (?:rispett|soddisf|conform)|"
        r"violav)\w*…(?:linee guida|norme|regole)",
        r"non (?:rispettava|rispetta|soddisfaceva) (?:le )?(?:linee guida|norme|regole)",
        r"messaggio è stato bloccato",
        r"(?:non conform\w*|non rispett\w*|viola\w*) (?:alle |le |nostre |delle )*(?:linee guida|"
        r"norme|regole) (?:di|sulla|per la|della) (?:comunicazione|messaggistica)"),
    ja=(r"ガイドライン…(?:満たして|準拠して|沿って|従って)(?:い)?(?:ない|いなかった|"
        r"いません|おりません)",
        r"ガイドライン(?:に)?違反…(?:送信|配信)されませんでした",
        r"(?:送信|配信)(?:が)?ブロックされました"),
)
GUIDELINES_WORD = _support(
    "communication-guidelines",
    en=(r"(?:communication|messaging) guidelines",), de=(r"kommunikationsrichtlinien",),
    fr=(r"directives (?:de|en matière de) communication",),
    es=(r"directrices de (?:comunicación|mensajería)",),
    it=(r"linee guida (?:sulla|per la|di|relative alla) comunicazione",),
    ja=(r"コミュニケーションガイドライン|メッセージガイドライン",),
)
MESSAGE_BLOCKED = KindRule(
    NoticeKind.MESSAGE_BLOCKED,
    """One message was not sent because it broke the messaging guidelines
    ("This message was not sent as it did not meet the Buyer-Seller Messaging
    communication guidelines"). Support: a "not delivered" subject, the order
    ID, the words "communication guidelines", the quoted original.""",
    core=(BLOCKED,),
    support=(SUBJECT_NOT_DELIVERED, ORDER_ID_PRESENT, GUIDELINES_WORD, QUOTED_ORIGINAL,
             AMAZON_SENDER),
)

UNDELIVERED = _core(
    "not-delivered-restricted",
    en=(r"not (?:been )?delivered (?:because|as|since) (?:your )?(?:seller )?account…(?:restricted|"
        r"suspended|limited)", r"(?:could not|couldn't|did not|were unable to|was not) (?:be )?"
        r"deliver(?:ed)?…(?:restricted|restriction)",
        r"delivery failed…(?:restricted|restriction)",
        r"(?:because of|due to) (?:the |a )?(?:temporary )?restriction…not (?:been )?delivered"),
    de=(r"nicht zugestellt…(?:da|weil|denn) (?:ihr|das) (?:verkäufer)?konto…(?:eingeschränkt|"
        r"gesperrt|beschränkt)", r"(?:konnte|wurde) nicht zugestellt werden…(?:einschränkung|"
        r"eingeschränkt)", r"(?:einschränkung|eingeschränkt|gesperrt)…nicht zugestellt"),
    fr=(r"(?:n'a pas été|pas été|n'a pas pu être) (?:distribué|remis|livré|transmis)…(?:car|parce "
        r"que|puisque) votre compte…(?:restreint|limité|suspendu|restriction)",
        r"non (?:distribué|remis)…restriction",
        r"(?:restreint|limité|suspendu|restriction)…(?:n'avons pas pu|pas pu) (?:remettre|"
        r"distribuer|livrer|transmettre)",
        r"(?:en raison de|à cause de) (?:la )?restriction…(?:n'a pas été|pas été) (?:distribué|"
        r"remis|livré|transmis)"),
    es=(r"no (?:se )?(?:ha )?(?:podido )?(?:sido )?entreg\w*…(?:porque|ya que|debido a que) "
        r"(?:tu|su) "
        r"cuenta…(?:restringid|limitad|suspendid)",
        r"(?:debido a|a causa de|por) (?:la )?restricción…no (?:pudimos|hemos podido|se pudo|se ha "
        r"podido) entregar",
        r"no (?:llegó|ha llegado)…(?:porque|ya que) (?:tu|su) cuenta…(?:restringid|limitad|"
        r"suspendid)"),
    it=(r"non è stato (?:possibile )?(?:consegnat|recapitat)\w*…(?:perché|poiché|in quanto) il "
        r"(?:tuo )?account…(?:limitat|sospes|soggetto a (?:limitazion|restrizion))",
        r"(?:a causa della|per la|data la) (?:limitazione|restrizione)…non (?:siamo riusciti|è "
        r"stato possibile) (?:a )?(?:consegnare|recapitare)",
        r"non è (?:arrivato|stato recapitato)…(?:perché|poiché|in quanto) il (?:tuo )?account…"
        r"(?:limitat|sospes|restrizion|limitazion)"),
    ja=(r"アカウント…(?:制限|停止)…(?:配信|送信|お届け)(?:されませんでした|できませんでした)",
        r"(?:配信|送信)(?:されませんでした|できませんでした)…アカウント…(?:制限|停止)"),
)
ERROR_NOTIFICATION = _support(
    "error-notification",
    en=(r"detailed error notification", r"inbox associated with your account"),
    de=(r"detaillierte fehlermeldung", r"posteingang…mit ihrem konto verknüpft"),
    fr=(r"notification d'erreur détaillée", r"boîte de réception associée à votre compte"),
    es=(r"notificación de error detallada", r"bandeja de entrada asociada a (?:tu|su) cuenta"),
    it=(r"notifica di errore dettagliata", r"casella di posta (?:associata|collegata) al "
        r"(?:tuo )?account"),
    ja=(r"詳細なエラー通知", r"アカウントに関連付けられた(?:メール)?(?:の)?受信トレイ"),
)
MESSAGE_UNDELIVERED = KindRule(
    NoticeKind.MESSAGE_UNDELIVERED,
    """One message was not delivered because the account is restricted
    ("This message was not delivered because your account was temporarily
    restricted from sending proactive messages"). Support: a "not delivered"
    subject, the order ID, "detailed error notification", the quoted
    original.""",
    core=(UNDELIVERED,),
    support=(SUBJECT_NOT_DELIVERED, ORDER_ID_PRESENT, ERROR_NOTIFICATION, QUOTED_ORIGINAL,
             AMAZON_SENDER),
)

OPT_OUT = _core(
    "buyer-opted-out",
    en=(r"(?:buyer|customer|recipient) (?:has )?opted[- ]?out", r"opted[- ]?out (?:of|from) "
        r"(?:receiving )?(?:this|these|such|proactive|unsolicited|marketing|seller|non-?essential|"
        r"unrequested)",
        r"(?:buyer|customer) (?:has )?(?:chosen|asked|elected|decided|requested) not to receive",
        r"(?:buyer|customer) (?:has )?unsubscribed",
        r"(?:buyer|customer|recipient)…does not (?:wish|want) to receive"),
    de=(r"(?:käufer|kunde|kundin|empfänger)\w*…(?:abgemeldet|abbestellt|widersprochen)",
        r"(?:käufer|kunde|kundin)\w*…(?:keine|nicht) (?:\w+ ){0,3}(?:erhalten|empfangen) "
        r"(?:möchte|will|wünscht)", r"opt-out des (?:käufers|kunden)",
        r"(?:käufer|kunde|kundin)\w* (?:möchte|will|wünscht) (?:\w+ ){0,6}(?:erhalten|empfangen)",
        r"(?:käufer|kunde|kundin|empfänger)\w*…gegen (?:den |das )?(?:erhalt|empfang|zusenden)"),
    fr=(r"(?:acheteur|client|destinataire)\w*…(?:désinscrit|désabonné|s'est opposé|refusé de "
        r"recevoir|choisi de ne (?:pas|plus) recevoir|ne souhaite (?:pas|plus) recevoir)",),
    es=(r"(?:comprador|cliente|destinatari)\w*…(?:ha optado por no recibir|se ha dado de baja|"
        r"ha decidido no recibir|ha solicitado no recibir|no desea recibir|ha rechazado recibir)",),
    it=(r"(?:acquirente|cliente|destinatario)\w*…(?:ha scelto di non ricevere|ha disattivato la "
        r"ricezione|si è disiscritto|ha rinunciato a ricevere|non desidera ricevere|ha revocato il "
        r"consenso)",),
    ja=(r"(?:購入者|お客様|受信者)…(?:受信を?(?:拒否|停止|辞退)|オプトアウト|配信停止|受け取らない"
        r"(?:ことを)?選択|希望されていません)",),
)
SUBJECT_OPT_OUT = _subject(
    "subject-opt-out",
    en=(r"opt(?:ed)?[- ]?out|unsubscrib",),
    de=(r"abgemeldet|abbestellt|opt-out|widerspruch|abmeldung",),
    fr=(r"désinscri|désabonn|opposition",),
    es=(r"dado de baja|darse de baja|\bbaja\b|exclusión|opt-out",),
    it=(r"disiscri|opt-out|rinuncia",), ja=(r"受信拒否|オプトアウト|配信停止",),
)
SELLER_SUPPORT_SIGNATURE = _support(
    "seller-support-signature",
    en=(r"seller support",), de=(r"verkäufer-?support|verkäuferservice",),
    fr=(r"support (?:aux )?vendeurs?|service (?:aux )?vendeurs?",),
    es=(r"soporte (?:al|para|de) vendedores?|servicio de atención al vendedor",),
    it=(r"supporto (?:ai|al|per i) venditor",), ja=(r"出品者サポート|"
                                                    r"セラーサポート|テクニカルサポート",),
)
BUYER_OPT_OUT = KindRule(
    NoticeKind.BUYER_OPT_OUT,
    """The buyer opted out of (unsolicited) messages, so the message was not
    delivered ("The buyer opted out from receiving this message"; German
    bounces signed "Amazon Verkäufer-Support"). Support: an opt-out subject,
    a "not delivered" subject, the order ID, the signature.""",
    core=(OPT_OUT,),
    support=(SUBJECT_OPT_OUT, weighted(SUBJECT_NOT_DELIVERED, 1), ORDER_ID_PRESENT,
             SELLER_SUPPORT_SIGNATURE, AMAZON_SENDER),
)

# --------------------------------------------------------------------------
# Intellectual property
# --------------------------------------------------------------------------
RETRACTED = _core(
    "complaint-retracted",
    en=(r"(?:rights? ?owner|complainant|reporter)…(?:has |have )?(?:retracted|withdrawn|withdrew|"
        r"rescinded)", r"(?:retracted|withdrawn|withdrew|rescinded)…(?:complaint|notice|"
        r"report|claim)",
        r"(?:complaint|notice|report|claim)…(?:has been|was|were|have been) (?:retracted|"
        r"withdrawn|rescinded)", r"retraction (?:of|for) (?:the |their |this )?(?:complaint|notice|"
        r"report|claim)", r"(?:received|processed|accepted) (?:a |the )?retraction"),
    de=(r"(?:beschwerde|meldung|mitteilung)…(?:zurückgezogen|zurückgenommen|widerrufen)",
        r"rücknahme (?:der|ihrer|seiner) (?:beschwerde|meldung)",
        r"rechte-?inhaber…(?:zurückgezogen|zurückgenommen)"),
    fr=(r"(?:plainte|réclamation|signalement|notification)…(?:retirée?|rétractée?|annulée?|"
        r"abandonnée?)", r"(?:a|ont) (?:retiré|rétracté|annulé) (?:sa|leur|la) (?:plainte|"
        r"réclamation|signalement)", r"rétractation"),
    es=(r"(?:reclamación|denuncia|queja|notificación)…(?:retirad|anulad|desistid)",
        r"(?:ha|han) retirado (?:su|la) (?:reclamación|denuncia|queja|notificación)",
        r"retractación"),
    it=(r"(?:reclamo|segnalazione|notifica|denuncia)…(?:ritirat|revocat|annullat)",
        r"(?:ha|hanno) ritirato (?:il|la|il suo|la sua) (?:reclamo|segnalazione|notifica)",
        r"ritrattazione"),
    ja=(r"(?:申し立て|苦情|報告|通知)…(?:取り下げ|撤回)",),
)
SUBJECT_RETRACTION = _subject(
    "subject-retraction",
    en=(r"retract|withdraw",), de=(r"zurückgezogen|zurückgenommen|rücknahme",),
    fr=(r"rétractation|retir|annul",), es=(r"retractación|retirad|retiro",),
    it=(r"ritir|ritrattazione|revoc",), ja=(r"取り下げ|撤回",),
)
RETRACTION_SENDER = Signal(
    "retraction-sender", "sender", {"en": (r"^notice-(?:retraction|dispute)@",)}
)
IP_RETRACTION = KindRule(
    NoticeKind.IP_RETRACTION,
    """A rights owner withdrew (retracted) an intellectual-property complaint.
    Core: "the rights owner has retracted…", "Beschwerde zurückgezogen",
    "a retiré sa plainte", "申し立てが取り下げられました". Support: a retraction
    subject, the ASIN, the Complaint ID, rights owners named, the
    notice-retraction / notice-dispute sender.""",
    core=(RETRACTED,),
    support=(SUBJECT_RETRACTION, ASIN_PRESENT, COMPLAINT_ID_LABEL, RIGHTS_OWNER,
             RETRACTION_SENDER, AMAZON_SENDER),
)

IP_REPORT = _core(
    "rights-owner-report",
    en=(r"(?:report|notice|complaint) from (?:a |the )?(?:rights?|trademark|copyright|patent|"
        r"brand) ?-?(?:owner|holder)",
        r"(?:alleg\w*|claim\w*|report\w*) (?:that )?(?:your |this |the )?(?:\w+ ){0,3}infring",
        r"rights?[- ]?owner…(?:reported|notified us|claims?|alleg)",
        r"(?:may|might|allegedly|could) infring\w*…(?:copyright|trademark|patent|intellectual "
        r"property|rights)", r"(?:inauthentic|counterfeit)…(?:complaint|report)",
        r"(?:complaint|report)…(?:inauthentic|counterfeit)"),
    de=(r"(?:meldung|beschwerde|mitteilung|hinweis) (?:\w+ ){0,4}(?:eines |des |von einem |vom )?"
        r"rechte-?inhaber", r"rechte-?inhaber\w*…(?:gemeldet|beschwert|mitgeteilt|geltend)",
        r"(?:urheberrecht|markenrecht|marke|patent|schutzrecht)\w*…verletz",
        r"verletz\w*…(?:urheberrecht|markenrecht|marke|patent|schutzrecht)",
        r"(?:nicht authentisch|gefälscht|fälschung)…(?:beschwerde|meldung)",
        r"(?:beschwerde|meldung)…(?:nicht authentisch|gefälscht|fälschung)"),
    fr=(r"(?:signalement|plainte|réclamation|notification|avis)…(?:titulaire|détenteur|"
        r"propriétaire) (?:des|du|de) droits?", r"(?:titulaire|détenteur|propriétaire) "
        r"(?:des|du|de) (?:droits?|la marque)…(?:signalé|affirm|allégu|déclar|indiqu)",
        r"(?:enfrei\w*|port\w* atteinte|contrefa\w*|violation)…(?:droits? d'auteur|marque|brevet|"
        r"propriété intellectuelle)",
        r"(?:non authentique|contrefa\w*)…(?:réclamation|plainte|signalement)",
        r"(?:réclamation|plainte|signalement)…(?:non authentique|contrefa)"),
    es=(r"(?:notificación|denuncia|reclamación|queja|informe|aviso) (?:\w+ ){0,5}titular (?:de )?"
        r"(?:los )?derechos", r"titular (?:de )?(?:los )?derechos…(?:denunci|notific|afirm|"
        r"aleg|inform)", r"(?:infring\w*|vulner\w*)…(?:derechos? de autor|marca|patente|propiedad "
        r"intelectual)",
        r"(?:no (?:es )?auténtic\w*|falsificad\w*|falsificación)…(?:queja|reclamación|denuncia)",
        r"(?:queja|reclamación|denuncia)…(?:no (?:es )?auténtic|falsific)"),
    it=(r"(?:segnalazione|reclamo|notifica|denuncia) (?:\w+ ){0,5}titolare (?:dei|del) diritt",
        r"titolare (?:dei|del) diritt\w*…(?:segnalat|dichiarat|sostien|affermat)",
        r"viol(?:are|ino|i|a|azione)\b…(?:diritto d'autore|diritti d'autore|copyright|marchio|"
        r"brevetto|proprietà intellettuale)",
        r"(?:non autentic\w*|contraffat\w*|contraffazione)…(?:reclamo|segnalazione)",
        r"(?:reclamo|segnalazione)…(?:non autentic|contraffa)"),
    ja=(r"権利(?:所有|保有)者…(?:報告|申し立て|通知|連絡)",
        r"(?:著作権|商標権?|特許権?|知的財産権?)…侵害",
        r"(?:真正品ではない|偽造品|模倣品|偽物)…(?:苦情|申し立て|報告)"),
)
SUBJECT_IP = _subject(
    "subject-ip",
    en=(r"intellectual property|infring|copyright|trademark|patent|counterfeit|inauthentic|"
        r"rights owner",),
    de=(r"geistiges eigentum|rechtsverletzung|urheberrecht|marke|patent|rechte-?inhaber|"
        r"schutzrecht|authentisch|fälschung|gefälscht",),
    fr=(r"propriété intellectuelle|contrefaçon|droits? d'auteur|marque|brevet|authentique",),
    es=(r"propiedad intelectual|derechos de autor|marca registrada|patente|falsificaci|"
        r"auténtico",),
    it=(r"proprietà intellettuale|diritto d'autore|marchio|brevetto|contraffa|autentico",),
    ja=(r"知的財産|著作権|商標|特許|権利侵害|真正品|偽造",),
)
INFRINGEMENT_TYPE = Signal(
    "infringement-type", "body",
    {
        "en": (r"infringement type|type of infringement",),
        "de": (r"art der (?:rechts)?verletzung|verletzungsart",),
        "fr": (r"type d'(?:infraction|atteinte)|type de (?:violation|contrefaçon)",),
        "es": (r"tipo de (?:infracción|vulneración)",), "it": (r"tipo di violazione",),
        "ja": (r"侵害の(?:種類|タイプ)",),
    },
    weight=2,
)
IP_HEADINGS = _support(
    "ip-headings",
    en=(r"how do i reactivate my listings?", r"have your listings been removed in error",
        r"why did this happen"),
    de=(r"wie (?:kann ich|reaktiviere ich) (?:mein|meine) angebot",
        r"wurden ihre angebote (?:irrtümlich|fälschlicherweise) entfernt",
        r"warum ist das passiert"),
    fr=(r"comment réactiver (?:mon|mes) (?:offre|annonce|fiche)",
        r"(?:vos|mes) (?:offres|annonces|fiches) ont-elles été supprimées par erreur",
        r"pourquoi (?:cela s'est-il produit|est-ce arrivé)"),
    es=(r"cómo (?:puedo )?reactivar (?:mi|mis) (?:oferta|anuncio|publicaci)",
        r"(?:se han eliminado|se eliminaron) (?:tus|sus|mis) (?:ofertas|anuncios) por error",
        r"por qué (?:ha ocurrido|ocurrió|ha pasado) esto"),
    it=(r"come (?:posso )?riattivare (?:la mia|le mie) (?:offert|inserzion)",
        r"(?:le tue|le sue|le mie) (?:offerte|inserzioni) sono state rimosse per errore",
        r"perché è successo"),
    ja=(r"出品を再開(?:する|するには)", r"誤って(?:削除|出品停止)", r"なぜこのようなことが"),
)
LISTINGS_REMOVED = _support(
    "listings-removed",
    en=(r"(?:removed|deactivated|taken down) (?:some of )?your (?:listings?|products?|asins?)",
        r"listings? (?:has|have) been (?:removed|deactivated)"),
    de=(r"(?:angebot|angebote|produkte?)\w*…(?:entfernt|deaktiviert)",
        r"(?:entfernt|deaktiviert)…(?:angebot|angebote|produkte?)"),
    fr=(r"(?:supprimé|retiré|désactivé)\w*…(?:offres?|annonces?|fiches?|produits?)",
        r"(?:offres?|annonces?|fiches?)…(?:supprimée?s?|retirée?s?|désactivée?s?)"),
    es=(r"(?:eliminado|retirado|desactivado)…(?:ofertas?|anuncios?|publicaciones|productos?)",
        r"(?:ofertas?|anuncios?)…(?:eliminad|retirad|desactivad)"),
    it=(r"(?:rimosso|rimosse|disattivato|disattivate)…(?:offert[ae]|inserzion[ei]|prodott)",
        r"(?:offert[ae]|inserzion[ei])…(?:rimoss|disattivat)"),
    ja=(r"出品(?!者)…(?:削除|停止|無効)",),
)
RIGHTS_CONTACT = _support(
    "rights-owner-contact",
    en=(r"rights?[- ]?owner'?s? contact (?:details|information)",
        r"contact (?:details|information) (?:of|for) the rights?[- ]?owner"),
    de=(r"kontaktdaten des rechte-?inhabers",),
    fr=(r"coordonnées du (?:titulaire|détenteur|propriétaire) des droits",),
    es=(r"(?:datos|información) de contacto del titular",),
    it=(r"(?:dati|informazioni|recapiti) di contatto del titolare",),
    ja=(r"権利(?:所有|保有)者の連絡先",),
)
IP_COMPLAINT = KindRule(
    NoticeKind.IP_COMPLAINT,
    """Listings were removed after a rights owner's report (copyright,
    images, trademark, patent, inauthentic). Core: "report from a rights
    owner", "may infringe … copyright", "Urheberrecht … verletzt",
    "著作権 … 侵害". Support: an IP subject, the per-item footer
    ("Infringement type:", "Complaint ID:"), the headings ("How do I
    reactivate my listing?"), "we removed your listings", the rights owner's
    contact details, the ASIN. A retraction is not a complaint (veto).""",
    core=(IP_REPORT,),
    support=(SUBJECT_IP, INFRINGEMENT_TYPE, COMPLAINT_ID_LABEL, IP_HEADINGS, LISTINGS_REMOVED,
             RIGHTS_CONTACT, ASIN_PRESENT, AMAZON_SENDER),
    veto=(RETRACTED,),
)

# --------------------------------------------------------------------------
# Clearance and reinstatement
# --------------------------------------------------------------------------
CLEARED = _core(
    "violation-cleared",
    en=(r"violations? (?:has|have) been (?:cleared|removed|resolved|lifted|reversed|withdrawn)",
        r"(?:cleared|removed|resolved|reversed|lifted) the (?:policy )?violations?",
        r"violations? (?:(?:for|on|of|associated with|related to) (?:[\w-]+ ){1,4})?(?:is|are|"
        r"was|were|has been|have been) (?:now )?(?:cleared|resolved|removed|lifted)",
        r"no longer (?:has|have|shows?) (?:an? |any )?(?:active )?violations?",
        r"violations? cleared"),
    de=(r"(?:verstoß|verstöße|richtlinienverstoß)\w*…(?:wurde|wurden|ist|sind) (?:nun |jetzt |"
        r"inzwischen |erfolgreich |vollständig )?(?:aufgehoben|entfernt|zurückgenommen|behoben|"
        r"gelöscht)", r"haben (?:den|die) (?:\w+ )?(?:verstoß|verstöße)\w*…(?:aufgehoben|entfernt|"
        r"gelöscht|zurückgenommen)", r"kein (?:aktiver )?verstoß mehr"),
    fr=(r"(?:la |les |cette |ces )(?:violation|infraction)s? (?:(?!(?:a|ont) été)[^.!?\n]){0,80}"
        r"(?:a|ont) été (?:levée|supprimée|annulée|résolue|retirée|effacée)s?",
        r"(?:levé|supprimé|annulé|retiré) (?:la |les |cette |l')(?:violation|infraction)",
        r"aucune (?:violation|infraction) active"),
    es=(r"(?:la |las |esta |estas )(?:infracci[oó]n|infracciones|violaci[oó]n|violaciones) "
        r"(?:(?!(?:ha|han) sido)[^.!?\n]){0,80}(?:ha|han) sido (?:eliminad|resuelt|anulad|retirad|"
        r"borrad|levantad)",
        r"hemos (?:eliminado|anulado|retirado|resuelto|levantado) (?:la|las) (?:infracci|violaci)",
        r"ya no (?:tiene|hay|presenta) (?:ninguna )?(?:infracción|infracciones|violación) activa"),
    it=(r"(?:la |le |questa |queste )violazion[ei] (?:(?!(?:è stata|sono state))[^.!?\n]){0,80}"
        r"(?:è stata|sono state) (?:rimoss|risolt|annullat|revocat|eliminat|cancellat)",
        r"abbiamo (?:rimosso|annullato|revocato|risolto) (?:la|le) violazion",
        r"non risultano più violazioni", r"nessuna violazione attiva"),
    ja=(r"違反…(?:解除|取り消|取消|削除|解決)(?:されました|しました|いたしました|されています)",
        r"有効な違反はありません"),
)
SUBJECT_CLEARED = _subject(
    "subject-cleared",
    en=(r"violations? (?:cleared|removed|resolved)|cleared",),
    de=(r"verstoß\w* (?:aufgehoben|entfernt)|aufgehoben|behoben",),
    fr=(r"(?:violation|infraction) (?:levée|supprimée|résolue)|levée",),
    es=(r"(?:infracción|violación) (?:eliminada|resuelta|anulada)|eliminada|resuelt",),
    it=(r"violazione (?:rimossa|risolta|annullata)|rimossa",),
    ja=(r"違反(?:の)?(?:解除|取り消し|取消)",),
)
CASE_ID_LABEL = Signal(
    "case-id", "text",
    {
        "en": (r"case (?:id|number|no\.?|#)?\s*[:#]?\s*\d{6,}",),
        "de": (r"fall-?(?:id|nummer)\s*:?\s*\d{6,}",),
        "fr": (r"(?:id|numéro) (?:du |de )?(?:cas|dossier)\s*:?\s*\d{6,}",),
        "es": (r"(?:id|número) (?:del |de )?caso\s*:?\s*\d{6,}",),
        "it": (r"(?:id|numero) (?:del )?caso\s*:?\s*\d{6,}",),
        "ja": (r"ケース(?:id|番号)\s*:?\s*\d{6,}",),
    },
)
VIOLATION_CLEARED = KindRule(
    NoticeKind.VIOLATION_CLEARED,
    """A policy or IP violation was cleared from the account (seller reports
    of mails from the no-reply appeals address; exact wording unpublished).
    Core: "the violation has been cleared", "Verstoß wurde aufgehoben", "la
    violation a été levée", "違反が解除されました". Support: a "cleared" subject,
    the ASIN, a case ID, Account Health, "we reviewed", the sender.""",
    core=(CLEARED,),
    support=(SUBJECT_CLEARED, ASIN_PRESENT, CASE_ID_LABEL, ACCOUNT_HEALTH, REVIEWED,
             AMAZON_SENDER),
)

PARTIAL = _support(
    "account-remains-suspended",
    en=(r"remains? (?:suspended|deactivated|restricted)",
        r"(?:still|continues to be) (?:suspended|deactivated)"),
    de=(r"(?:bleibt|weiterhin) (?:\w+ )?(?:gesperrt|deaktiviert)",),
    fr=(r"(?:reste|demeure) (?:\w+ )?(?:suspendu|désactivé)",),
    es=(r"(?:sigue|permanece|continúa) (?:\w+ )?(?:suspendid|desactivad)",),
    it=(r"(?:rimane|resta) (?:\w+ )?(?:sospes|disattivat)",),
    ja=(r"引き続き(?:停止|無効)",),
)
LISTING_BACK = _core(
    "listing-reinstated",
    en=(r"listings? (?:has|have) been (?:reinstated|reactivated|restored)",
        r"(?:reinstated|reactivated|restored) (?:your |the )?(?:listings?|asins?|"
        r"products?|offers?)",
        r"listings? (?:will be|are being|is being|are now|is now) (?:reinstated|reactivated|"
        r"restored|active)", r"(?:asins?|products?|offers?)…(?:(?:has|have) been|is|are) (?:now )?"
        r"(?:reinstated|reactivated|restored)",
        r"(?:listings?|offers?|asins?|products?)…(?:live|active|available) again"),
    de=(r"(?:angebot|angebote|produkt|produkte|asin|listing)\w*…(?:wieder (?:aktiviert|"
        r"freigeschaltet|"
        r"verfügbar|aktiv)|reaktiviert|wiederhergestellt)",
        r"(?:reaktiviert|wiederhergestellt|wieder freigeschaltet)…(?:angebot|angebote|produkt)"),
    fr=(r"(?:offres?|annonces?|fiches?|produits?|asin)…(?:réactivée?s?|rétablie?s?|restaurée?s?|"
        r"remise?s? en ligne)",
        r"(?:réactivé|rétabli|restauré|remis en ligne)…(?:offres?|"
        r"annonces?|fiches?)"),
    es=(r"(?:ofertas?|anuncios?|publicaci\w+|productos?|asin)…(?:reactivad|restablecid|restaurad|"
        r"vuel\w+ a estar activ)", r"(?:reactivado|restablecido|restaurado)…(?:ofertas?|anuncios?|"
        r"publicaci)"),
    it=(r"(?:offert[ae]|inserzion[ei]|prodott[oi]|asin)…(?:riattivat|ripristinat|nuovamente attiv|"
        r"di nuovo attiv)", r"(?:riattivato|ripristinato)…(?:offert|inserzion)"),
    ja=(r"(?:出品(?!者)|asin|商品)…(?:再開|再有効化|復元|回復|再び有効)(?:されました|"
        r"しました|いたしました|"
        r"になりました|となりました)",),
)
SUBJECT_REINSTATED = _subject(
    "subject-reinstated",
    en=(r"reinstat|reactivat|restored|active again|back online",),
    de=(r"reaktivier|wieder (?:aktiv|freigeschaltet|verfügbar|verkaufen)|wiederhergestellt",),
    fr=(r"réactivé|rétabli|restauré|remis en ligne|(?:de|à) nouveau actif",),
    es=(r"reactivad|restablec|restaurad|vuelve a estar activ",),
    it=(r"riattivat|ripristin|di nuovo attiv",), ja=(r"再開|再有効|復元",),
)
LISTING_REINSTATED = KindRule(
    NoticeKind.LISTING_REINSTATED,
    """One or more listings (ASINs) are live again. Core: "your listing has
    been reinstated", "Angebot wieder aktiviert", "offre réactivée",
    "出品が再開されました". Support: a reinstatement subject, the ASIN, "we
    reviewed", the sender.""",
    core=(LISTING_BACK,),
    support=(SUBJECT_REINSTATED, ASIN_PRESENT, REVIEWED, AMAZON_SENDER),
    veto=(PARTIAL,),
)

# --------------------------------------------------------------------------
# Account level
# --------------------------------------------------------------------------
AT_RISK = _core(
    "at-risk-of-deactivation",
    en=(r"at risk of (?:being )?(?:deactivat|suspen)", r"(?:could|may|might|will) be "
        r"(?:deactivated|suspended) (?:within|in|if|unless)", r"account (?:is )?(?:now )?at risk",
        r"risk of (?:account )?(?:deactivation|suspension)",
        r"(?:may|might|could|will) (?:deactivate|suspend) your (?:seller |selling )?account"),
    de=(r"(?:gefahr|risiko)…(?:deaktivier|sperrung|gesperrt)", r"(?:könnte|kann|wird)…"
        r"(?:deaktiviert|gesperrt) werden", r"konto (?:ist )?gefährdet",
        r"droht…(?:sperrung|deaktivierung)"),
    fr=(r"risque (?:d'être |de )?(?:désactiv|suspen)", r"(?:pourrait|peut|sera) être "
        r"(?:désactivé|suspendu)", r"compte (?:est )?(?:menacé|en danger|à risque)",
        r"(?:risquons|pourrions) de (?:désactiver|suspendre) votre compte"),
    es=(r"riesgo de (?:ser |que (?:tu|su) cuenta sea )?(?:desactiv|suspend)",
        r"(?:podría|puede|será) (?:ser )?(?:desactivad|suspendid)", r"cuenta (?:está )?en riesgo",
        r"(?:podríamos|podemos) (?:desactivar|suspender) (?:tu|su) cuenta"),
    it=(r"rischio (?:di |che )?(?:essere |venga )?(?:disattiv|sospes)",
        r"(?:potrebbe|può|sarà|verrà) (?:essere )?(?:disattivat|sospes)",
        r"account (?:è )?a rischio",
        r"(?:potremmo|possiamo) (?:disattivare|sospendere) il (?:tuo )?account"),
    ja=(r"(?:停止|無効化|利用停止)される(?:可能性|おそれ|恐れ)", r"(?:停止|無効化)のリスク",
        r"アカウント(?:が)?(?:危険|リスク)",
        r"アカウントを(?:停止|無効化)することがあります"),
)
SUBJECT_AT_RISK = _subject(
    "subject-at-risk",
    en=(r"at risk|action required|account health",),
    de=(r"gefährdet|handlungsbedarf|maßnahmen erforderlich|kontostatus|kontozustand",),
    fr=(r"risque|action requise|santé du compte",),
    es=(r"riesgo|acción requerida|se requiere acción|estado de la cuenta",),
    it=(r"a rischio|azione richiesta|intervento richiesto|stato dell'account|salute dell'account",),
    ja=(r"リスク|対応が必要|アカウント健全性|要対応",),
)
ACCOUNT_AT_RISK = KindRule(
    NoticeKind.ACCOUNT_AT_RISK,
    """The account will be deactivated unless the seller acts ("…put it at
    risk of deactivation within 72 hours"). Core: "at risk of deactivation",
    "könnte deaktiviert werden", "risque d'être désactivé", "停止される可能性".
    Support: an at-risk subject, a deadline ("within 72 hours"), Account
    Health, a plan of action, the sender. The 72 hours are a deadline, never
    a period.""",
    core=(AT_RISK,),
    support=(SUBJECT_AT_RISK, DEADLINE, ACCOUNT_HEALTH, PLAN_OF_ACTION, AMAZON_SENDER),
)

ACCOUNT_BACK = _core(
    "account-reinstated",
    en=(r"reinstated your (?:selling |seller )?(?:account|privileges)",
        r"(?:seller |selling )?(?:account|privileges) (?:has|have) been (?:reinstated|reactivated|"
        r"restored)", r"you (?:may|can) (?:now )?(?:resume selling|sell again|start selling again)",
        r"account (?:is|is now) (?:active|reactivated|reinstated) again",
        r"reactivated your (?:seller |selling )?account"),
    de=(r"wieder (?:auf amazon )?verkaufen (?:dürfen|können)",
        r"(?:verkäuferkonto|konto|verkaufsberechtigung)\w*…(?:wieder (?:aktiviert|freigeschaltet|"
        r"hergestellt)|reaktiviert|wiederhergestellt)",
        r"(?:reaktiviert|wiederhergestellt)…(?:verkäuferkonto|konto)"),
    fr=(r"(?:compte|privilèges de vente)…(?:réactivée?s?|rétablie?s?|restaurée?s?)",
        r"(?:pouvez|pourrez) (?:à nouveau|de nouveau|désormais) vendre",
        r"(?:réactivé|rétabli) votre compte", r"compte…(?:de nouveau|à nouveau) actif"),
    es=(r"(?:cuenta|privilegios de venta)…(?:reactivad|restablecid|restaurad)",
        r"(?:puedes|puede|podrás|podrá) volver a vender", r"(?:reactivado|restablecido) (?:tu|"
        r"su) cuenta", r"cuenta…vuel\w+ a estar activ"),
    it=(r"(?:account|privilegi di vendita)…(?:riattivat|ripristinat)",
        r"(?:puoi|può|potrai) (?:di nuovo|nuovamente|tornare a) vendere",
        r"(?:riattivato|ripristinato) il (?:tuo )?account",
        r"account…(?:di nuovo|nuovamente) attivo"),
    ja=(r"アカウント…(?:再開|再有効化|復元|回復|有効に戻)(?:されました|しました|いたしました)",
        r"販売(?:権限)?(?:を|が)?再開(?:されました|しました|いただけます|できます)",
        r"販売権限(?:は|が|を)?(?:復元|回復|再開)(?:されました|され|しました)"),
)
ACCOUNT_REINSTATED = KindRule(
    NoticeKind.ACCOUNT_REINSTATED,
    """The selling account is active again (German, published: "…haben
    entschieden, dass Sie wieder auf Amazon verkaufen dürfen"). Core:
    "reinstated your selling privileges", "Konto … reaktiviert", "pouvez à
    nouveau vendre", "アカウントが再開されました". A partial reinstatement
    ("…account remains suspended") is not one (veto; it is an appeal
    decision). Support: a reinstatement subject, appeal, plan of action,
    the sender.""",
    core=(ACCOUNT_BACK,),
    support=(SUBJECT_REINSTATED, APPEAL_WORD, PLAN_OF_ACTION, AMAZON_SENDER),
    veto=(PARTIAL,),
)

DEACTIVATED = _core(
    "account-deactivated",
    en=(r"(?:seller |selling )?account (?:has been|was|is|is now|had been) (?:temporarily |"
        r"permanently )?(?:deactivated|suspended|disabled|closed)",
        r"(?:removed|revoked|suspended) your (?:selling|seller) privileges",
        r"(?:selling|seller) privileges (?:have been|were|are) (?:removed|suspended|revoked)",
        r"deactivated your (?:seller |selling )?account"),
    de=(r"(?:verkäuferkonto|konto|verkaufskonto)…(?:wurde|ist|wurden) (?:\w+ ){0,2}(?:deaktiviert|"
        r"gesperrt|geschlossen)",
        r"(?:verkaufsberechtigung|verkaufsrechte)\w*…(?:entfernt|entzogen|"
        r"widerrufen|ausgesetzt)", r"(?:haben|hat) ihr (?:verkäufer)?konto (?:\w+ ){0,2}"
        r"(?:deaktiviert|gesperrt)"),
    fr=(r"compte (?:vendeur )?(?:a été|est|est désormais) (?:temporairement |définitivement )?"
        r"(?:désactivé|suspendu|fermé)", r"(?:retiré|supprimé|suspendu|révoqué) vos "
        r"privilèges de vente", r"privilèges de vente…(?:retirés|supprimés|suspendus|révoqués)",
        r"avons (?:\w+ )?(?:désactivé|suspendu) votre compte"),
    es=(r"cuenta (?:de vendedor )?(?:ha sido|se ha|fue|está|ha quedado) (?:temporalmente |"
        r"permanentemente |definitivamente )?(?:desactivad|suspendid|cerrad)",
        r"privilegios de venta…(?:retirad|eliminad|suspendid|revocad)",
        r"(?:hemos )?(?:desactivado|suspendido) (?:tu|su) cuenta",
        r"(?:retirado|suspendido|revocado) (?:tus|sus) privilegios de venta"),
    it=(r"account (?:venditore |di vendita )?(?:è stato|è|risulta) (?:temporaneamente |"
        r"definitivamente |permanentemente )?(?:disattivat|sospes|chius)",
        r"privilegi di vendita…(?:rimoss|revocat|sospes)",
        r"(?:abbiamo )?(?:disattivato|sospeso) il (?:tuo )?account",
        r"(?:revocato|rimosso|sospeso) i (?:tuoi )?privilegi di vendita"),
    ja=(r"アカウント…(?:停止|無効化|無効に|閉鎖)(?:されました|しました|いたしました)",
        r"販売(?:権限|資格)…(?:削除|停止|取り消|剥奪)(?:しました|されました|いたしました)",
        r"販売(?:権限|資格)を(?:削除|停止|取り消|剥奪)し"),
)
SUBJECT_DEACTIVATED = _subject(
    "subject-deactivated",
    en=(r"deactivat|suspended|selling privileges|account (?:closed|disabled)",),
    de=(r"deaktivier|gesperrt|sperrung|verkaufsberechtigungen (?:wurden )?entfernt",),
    fr=(r"désactiv|suspendu|privilèges de vente",),
    es=(r"desactiva|suspendid|privilegios de venta",),
    it=(r"disattiva|sospes|privilegi di vendita",), ja=(r"停止|無効化|閉鎖",),
)
DEACTIVATION_HEADINGS = _support(
    "deactivation-headings",
    en=(r"how do i reactivate my account", r"why is this happening", r"deactivated in error"),
    de=(r"wie (?:kann ich|reaktiviere ich) mein konto", r"warum geschieht das",
        r"(?:irrtümlich|fälschlicherweise) deaktiviert"),
    fr=(r"comment réactiver mon compte", r"pourquoi cela (?:se produit|arrive)",
        r"désactivé par erreur"),
    es=(r"cómo (?:puedo )?reactivar mi cuenta", r"por qué (?:está pasando|sucede) esto",
        r"desactivad\w* por error"),
    it=(r"come (?:posso )?riattivare il mio account", r"perché sta succedendo",
        r"disattivat\w* per errore"),
    ja=(r"アカウントを再開(?:する|するには)", r"なぜこのようなことが", r"誤って(?:停止|無効)"),
)
FUNDS_HOLD = _support(
    "funds-on-hold",
    en=(r"hold on (?:any )?(?:funds|disbursements)", r"funds…(?:on hold|withheld)",
        r"disbursements? (?:\w+ )?(?:on hold|withheld|suspended)"),
    de=(r"(?:guthaben|auszahlung|zahlungen)\w*…(?:einbehalten|zurückgehalten|gesperrt|"
        r"ausgesetzt)",),
    fr=(r"(?:fonds|versements?|paiements?)…(?:retenus?|bloqués?|suspendus?|conservés?)",),
    es=(r"(?:fondos|desembolsos|pagos)…(?:retenid|bloquead|suspendid)",),
    it=(r"(?:fondi|pagamenti|versamenti)…(?:trattenut|bloccat|sospes)",),
    ja=(r"(?:売上金|資金|支払い|送金)…(?:保留|留保|停止)",),
)
ACCOUNT_DEACTIVATED = KindRule(
    NoticeKind.ACCOUNT_DEACTIVATED,
    """The selling account was deactivated ("Your Amazon Seller account has
    been deactivated", "We have removed your selling privileges…", German
    subject "Ihre Amazon.de Verkaufsberechtigungen wurden entfernt"). Support:
    a deactivation subject, the headings ("How do I reactivate my
    account?"), listings removed, funds on hold, a plan of action, the
    sender. A mail saying the account was reinstated is not one (veto).""",
    core=(DEACTIVATED,),
    support=(SUBJECT_DEACTIVATED, DEACTIVATION_HEADINGS, LISTINGS_REMOVED, FUNDS_HOLD,
             PLAN_OF_ACTION, AMAZON_SENDER),
    veto=(ACCOUNT_BACK,),
)

# --------------------------------------------------------------------------
# Appeals
# --------------------------------------------------------------------------
APPEAL_DECIDED = _core(
    "appeal-decided",
    en=(r"(?:reviewed|considered|evaluated) your (?:appeal|plan of action|submission)…(?:decided|"
        r"determined|unable|cannot|can't|not able|approved|accepted|denied|rejected|declined)",
        r"your (?:appeal|plan of action) (?:has been|was|is) (?:denied|rejected|declined|approved|"
        r"accepted|granted|unsuccessful|successful)",
        r"(?:unable|not able) to (?:reinstate|accept|approve)…(?:appeal|account|plan of action)",
        r"(?:restored|reinstated) your (?:ability|permission) to (?:list|sell) in"),
    de=(r"(?:einspruch|widerspruch|aktionsplan|beschwerde)…(?:abgelehnt|stattgegeben|angenommen|"
        r"genehmigt|zurückgewiesen|nicht akzeptiert|nicht akzeptieren)",
        r"(?:geprüft|überprüft)…(?:entschieden|festgestellt), dass",
        r"(?:können|konnten) (?:wir )?(?:ihren|ihre|ihr) (?:einspruch|widerspruch|"
        r"aktionsplan|konto) "
        r"(?:leider )?nicht", r"(?:berechtigung|möglichkeit)…in der kategorie…wiederhergestellt"),
    fr=(r"(?:appel|recours|plan d'action)…(?:rejeté|refusé|accepté|approuvé|pas été accepté)",
        r"examiné votre (?:appel|recours|plan d'action)…(?:décidé|pas en mesure|impossible|conclu)",
        r"(?:rétabli|restauré) votre (?:capacité|possibilité) (?:de|à) (?:vendre|mettre en "
        r"vente) dans"),
    es=(r"(?:apelación|recurso|plan de acción)…(?:rechazad|denegad|aceptad|aprobad|desestimad)",
        r"revisado (?:tu|su) (?:apelación|recurso|plan de acción)…(?:decidido|no (?:podemos|es "
        r"posible)|determinado)", r"restablecido (?:tu|su) (?:capacidad|posibilidad) (?:de|para) "
        r"(?:vender|publicar) en"),
    it=(r"(?:ricorso|appello|piano d'azione)…(?:respint|rifiutat|accettat|approvat|"
        r"accolt|rigettat)",
        r"esaminato (?:il tuo|la tua) (?:ricorso|appello|piano d'azione)…(?:deciso|non (?:possiamo|"
        r"è possibile)|stabilito)", r"ripristinato la (?:tua )?(?:possibilità|capacità) di "
        r"(?:vendere|pubblicare) (?:nella|in)"),
    ja=(r"(?:異議申し立て|申し立て|改善計画)…(?:却下|承認|認められ|受理できません|"
        r"お受けできません|不十分)",
        r"審査(?:の)?結果…(?:再開|却下|承認|できません)",
        r"カテゴリー?…(?:再開|復元)…引き続き(?:停止|無効)"),
)
SUBJECT_DECISION = _subject(
    "subject-decision",
    en=(r"appeal (?:decision|denied|rejected|approved|result|outcome|update)|decision",),
    de=(r"entscheidung|ergebnis",), fr=(r"décision|résultat",), es=(r"decisión|resultado",),
    it=(r"decisione|esito",), ja=(r"審査結果|結果",),
)
APPEAL_DECISION = KindRule(
    NoticeKind.APPEAL_DECISION,
    """Amazon decided on an appeal or plan of action (denied, accepted, or a
    partial reinstatement: "restored your ability to list in Toys… account
    remains suspended"). Core: "we reviewed your appeal and … unable to
    reinstate", "Einspruch … abgelehnt", "recours … rejeté",
    "異議申し立て … 却下". Support: a decision subject, "remains suspended",
    appeal words, the sender.""",
    core=(APPEAL_DECIDED,),
    support=(SUBJECT_DECISION, PARTIAL, APPEAL_WORD, AMAZON_SENDER),
)

APPEAL_GOT = _core(
    "appeal-received",
    en=(r"(?:thank you|thanks) for (?:submitting|sending|your) (?:your |an |the "
        r")?(?:appeal|plan of "
        r"action|submission|poa)", r"(?:we )?(?:have )?received your (?:appeal|plan of action|"
        r"submission|poa)", r"your (?:appeal|plan of action|submission) (?:has been|was|is being) "
        r"(?:received|submitted|reviewed)", r"(?:we are|we're|currently) reviewing your (?:appeal|"
        r"plan of action|submission)"),
    de=(r"(?:vielen )?dank für (?:ihren|ihre|die) (?:einspruch|widerspruch|beschwerde|aktionsplan|"
        r"maßnahmenplan|einreichung)", r"(?:ihren|ihre) (?:einspruch|widerspruch|aktionsplan|"
        r"maßnahmenplan|einreichung) (?:\w+ )?erhalten", r"(?:einspruch|widerspruch|aktionsplan)…"
        r"(?:eingegangen|wird geprüft|in prüfung)", r"wir prüfen (?:derzeit )?(?:ihren|ihre) "
        r"(?:einspruch|widerspruch|aktionsplan|einreichung)"),
    fr=(r"merci (?:d'avoir (?:soumis|envoyé)|pour) (?:votre|un) (?:appel|recours|plan d'action|"
        r"demande de réactivation)", r"nous avons (?:bien )?reçu votre (?:appel|recours|plan "
        r"d'action|demande)", r"(?:examinons|étudions) (?:actuellement )?votre (?:appel|recours|"
        r"plan d'action)"),
    es=(r"gracias por (?:enviar|presentar|tu|su) (?:tu |su )?(?:apelación|recurso|plan de acción)",
        r"hemos recibido (?:tu|su) (?:apelación|recurso|plan de acción|solicitud)",
        r"(?:estamos revisando|revisaremos) (?:tu|su) (?:apelación|recurso|plan de acción)"),
    it=(r"grazie per (?:aver (?:inviato|presentato)|il tuo) (?:il tuo |un |la tua )?(?:ricorso|"
        r"piano d'azione|appello|richiesta)", r"abbiamo ricevuto (?:il tuo|la tua|il) (?:ricorso|"
        r"piano d'azione|appello|richiesta)", r"(?:stiamo esaminando|esamineremo) (?:il tuo|la "
        r"tua) (?:ricorso|appello|piano d'azione)"),
    ja=(r"(?:異議申し立て|申し立て|改善計画(?:書)?|再開申請)…(?:受け付け|受領|"
        r"お送りいただき|"
        r"提出いただき|確認中|審査中)",),
)
SUBJECT_APPEAL = _subject(
    "subject-appeal",
    en=(r"appeal|plan of action",), de=(r"einspruch|widerspruch|aktionsplan",),
    fr=(r"\bappel\b|recours|plan d'action",), es=(r"apelación|recurso|plan de acción",),
    it=(r"ricorso|appello|piano d'azione",), ja=(r"異議|申し立て|改善計画",),
)
NOT_ENOUGH_INFO = _support(
    "not-enough-information",
    en=(r"(?:do not|don't) have enough information",),
    de=(r"nicht (?:genügend|ausreichend)e? informationen",),
    fr=(r"pas (?:assez|suffisamment) d'informations",),
    es=(r"no (?:tenemos|disponemos de) (?:suficiente información|información suficiente)",),
    it=(r"non (?:abbiamo|disponiamo di) (?:informazioni sufficienti|sufficienti informazioni)",),
    ja=(r"情報が(?:不足|十分ではありません)",),
)
APPEAL_RECEIVED = KindRule(
    NoticeKind.APPEAL_RECEIVED,
    """Amazon acknowledges an appeal or plan of action ("Thank you for
    submitting your appeal. We received your submission but do not have
    enough information to complete our review"). Core: "received your
    appeal", "Dank für Ihren Einspruch", "nous avons reçu votre appel",
    "異議申し立てを受け付けました". Support: an appeal subject, "not enough
    information", the sender. A decision is not an acknowledgement (veto).""",
    core=(APPEAL_GOT,),
    support=(SUBJECT_APPEAL, NOT_ENOUGH_INFO, AMAZON_SENDER, DEADLINE),
    veto=(APPEAL_DECIDED,),
)

# --------------------------------------------------------------------------
# Warnings
# --------------------------------------------------------------------------
WARNING = _core(
    "policy-warning",
    en=(r"policy warning", r"(?:this is a|consider this (?:a|your)|we are (?:sending|issuing) "
        r"(?:you )?a) (?:formal |final )?warning", r"(?:further|repeated|future|additional) "
        r"(?:policy )?violations?…(?:may|could|will|might) (?:result|lead)",
        r"warning…(?:violat|policy|policies)"),
    de=(r"richtlinienwarnung", r"(?:verwarnung|warnung)…(?:richtlinie|verstoß)",
        r"(?:weitere|wiederholte|künftige) verstöße…(?:führen|zur folge|nach sich)"),
    fr=(r"avertissement…(?:politique|règlement|règles|violation|infraction)",
        r"(?:de )?(?:nouvelles?|futures?|autres) (?:violations|infractions)…(?:peuvent|pourraient|"
        r"entraîner|conduire)"),
    es=(r"advertencia…(?:política|normas|infracci)", r"(?:nuevas|futuras|otras|reiteradas) "
        r"infracciones…(?:pueden|podrían|darán lugar|conllevar)"),
    it=(r"(?:avvertimento|avviso|ammonimento)…(?:normativ|politic|regol|violazion)",
        r"(?:ulteriori|future|ripetute) violazioni…(?:possono|potrebbero|comporteranno|"
        r"porteranno)"),
    ja=(r"(?:ポリシー|規約)(?:違反)?(?:に関する|の)?警告", r"今後…違反…(?:場合|可能性|措置)",
        r"違反…警告(?:いたします|します|を送付)"),
)
SUBJECT_WARNING = _subject(
    "subject-warning",
    en=(r"warning",), de=(r"warnung|verwarnung",), fr=(r"avertissement",),
    es=(r"advertencia",), it=(r"avvertimento|avviso",), ja=(r"警告",),
)
NO_ACTION = _support(
    "no-action-required",
    en=(r"no (?:further )?action is (?:required|needed)",),
    de=(r"keine (?:weiteren )?maßnahmen (?:erforderlich|notwendig)",),
    fr=(r"aucune (?:autre )?action n'est (?:requise|nécessaire)",),
    es=(r"no (?:es necesario|se requiere) (?:realizar )?ninguna acción",),
    it=(r"non è richiesta alcuna (?:azione|ulteriore azione)",), ja=(r"対応は不要",),
)
POLICY_WARNING = KindRule(
    NoticeKind.POLICY_WARNING,
    """A warning about a policy violation, with no sanction yet. Core:
    "policy warning", "further violations may result in…",
    "Richtlinienwarnung", "avertissement … politique", "ポリシー警告".
    Support: a warning subject, "no action is required", the ASIN, the
    sender. It comes last: a mail titled "Policy Warning" whose body is an
    IP complaint is an IP complaint.""",
    core=(WARNING,),
    support=(SUBJECT_WARNING, NO_ACTION, ASIN_PRESENT, AMAZON_SENDER),
)

# --------------------------------------------------------------------------
# Buyers
# --------------------------------------------------------------------------
STOP_MESSAGING = _core(
    "stop-messaging",
    en=(r"(?:stop|quit|cease) (?:e-?mailing|messaging|contacting|sending|spamming|writing|"
        r"bothering|pestering)", r"(?:don't|do not|never) (?:e-?mail|message|contact|write "
        r"to|send) me", r"unsubscribe", r"too many (?:e-?mails|messages)", r"harass",
        r"leave me alone", r"(?:don't|do not) want (?:to (?:receive|get) )?(?:any )?(?:more|"
        r"further) (?:e-?mails|messages)", r"\bno more (?:e-?mails|messages)"),
    de=(r"(?:hören sie (?:\w+ )?auf|lassen sie das|schluss damit)…(?:schreiben|mails|nachrichten|"
        r"kontaktieren|belästigen)",
        r"(?:schreiben|kontaktieren|mailen) sie mir (?:nicht|nie) mehr",
        r"keine (?:weiteren )?(?:e-mails|nachrichten|mails)(?: mehr)?", r"belästig",
        r"abmelden", r"zu viele (?:e-mails|nachrichten)"),
    fr=(r"arrêtez (?:de m'envoyer|de me contacter|de m'écrire|de me harceler)",
        r"ne m'(?:envoyez|écrivez) plus", r"ne me contactez plus", r"harcel", r"désinscri",
        r"trop de (?:messages|mails|e-mails)",
        r"(?:ne veux|ne souhaite) plus (?:recevoir )?(?:de |vos |ces )?(?:messages|mails|e-mails)"),
    es=(r"(?:dejen?|deja) de (?:enviarme|escribirme|contactarme|molestarme)",
        r"no me (?:escriban|envíen|contacten|escribas|envíes|escribáis|enviéis|contactéis|"
        r"mandéis|manden|mandes) más", r"acoso",
        r"darme de baja", r"demasiados (?:correos|mensajes)",
        r"no (?:quiero|deseo) recibir más (?:correos|mensajes|emails|e-mails)",
        r"basta de (?:correos|mensajes|emails)"),
    it=(r"smett(?:ete|ila|etela)(?:la)? di (?:scrivermi|contattarmi|inviarmi|mandarmi)",
        r"non (?:scrivetemi|contattatemi|mandatemi|inviatemi) più", r"molest",
        r"troppi (?:messaggi|email|e-mail)", r"disiscriv",
        r"basta (?:con )?(?:queste |le |i |tutte queste )?(?:e-?mail|mail|messaggi)",
        r"non (?:voglio|desidero) più ricevere"),
    ja=(r"(?:メール|メッセージ)…(?:送らないで|やめて|控えて|不要です)", r"連絡しないで"),
)
SPAM = _core(
    "spam",
    en=(r"\bspam", r"junk mail"), de=(r"\bspam", r"werbemüll"), fr=(r"\bspam", r"pourriel"),
    es=(r"\bspam", r"correo basura"), it=(r"\bspam", r"posta indesiderata"),
    ja=(r"迷惑(?:メール|メッセージ)?", r"スパム"),
)
REPORT = _core(
    "report-to-amazon",
    en=(r"report (?:you|this|your (?:shop|store|company))…amazon", r"reporting you"),
    de=(r"(?:bei|an) amazon (?:\w+ )?melden", r"melde (?:sie|das|euch)…amazon"),
    fr=(r"signaler (?:à|auprès d') ?amazon", r"vous signaler"),
    es=(r"denunciar(?:les|te|lo)? (?:a|ante) amazon", r"reportar(?:les|te|lo)? (?:a|ante) amazon"),
    it=(r"segnalar(?:vi|ti|e) (?:ad|a) amazon", r"vi segnalerò",
        r"(?:vi|ti|la|li) segnal(?:o|erò|eremo) (?:ad|a) amazon"),
    ja=(r"(?:アマゾン|amazon)(?:に|へ)(?:報告|通報)", r"通報します"),
)
SUBJECT_REPLY = Signal(
    "reply-subject", "subject", {"en": (r"^(?:re|aw|r|sv|rif|réf|返信)\s*:",)}
)
BUYER_COMPLAINT = KindRule(
    NoticeKind.BUYER_COMPLAINT,
    """A buyer's reply (from a relay address) complains about being messaged
    ("stop emailing me", "this is spam", "I will report you to Amazon").
    Core: one of the complaint concepts, in the buyer's own words (quoted
    text removed). Support: the relay sender (required by the threshold),
    a reply subject, the order ID.""",
    core=(STOP_MESSAGING, SPAM, REPORT),
    support=(RELAY_SENDER, SUBJECT_REPLY, ORDER_ID_PRESENT),
    threshold=CORE + RELAY_SENDER.weight,
)

#: Every rule, in tie-break order (the earlier wins a tie).
RULES: tuple[KindRule, ...] = (
    BUYER_COMPLAINT,
    MESSAGE_UNDELIVERED,
    MESSAGE_BLOCKED,
    BUYER_OPT_OUT,
    TEMPLATES_ONLY_RESTRICTION,
    MESSAGING_RESTRICTION,
    IP_RETRACTION,
    IP_COMPLAINT,
    VIOLATION_CLEARED,
    LISTING_REINSTATED,
    ACCOUNT_REINSTATED,
    APPEAL_DECISION,
    APPEAL_RECEIVED,
    ACCOUNT_DEACTIVATED,
    ACCOUNT_AT_RISK,
    POLICY_WARNING,
)


def classify(doc: Doc, rules: Sequence[KindRule] = RULES) -> KindMatch | None:
    """The best-scoring kind for ``doc``, or None when no rule applies."""
    best: KindMatch | None = None
    for rule in rules:
        found = rule.match(doc)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def scores(doc: Doc, rules: Sequence[KindRule] = RULES) -> dict[str, int]:
    """Every applicable kind's score (for debugging and tests)."""
    out = {}
    for rule in rules:
        found = rule.match(doc)
        if found is not None:
            out[found.kind.value] = found.score
    return out
