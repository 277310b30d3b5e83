"""BSM702 buyer-complaint."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from auditor.message.amazon import relay_marketplace
from auditor.message.ids import MESSAGE_ID, order_ids
from auditor.message.model import Kind, Message
from rules.base import Hit, Rule, Sample, Severity, thread
from rules.engine import Context
from rules.text import lexicon, sentence

#: A buyer objecting to being messaged: stop, unsubscribe, report, harassment.
COMPLAINT = lexicon(
    en=[
        r"stop (?:e-?mailing|messaging|contacting|sending|writing|spamming|bothering|harassing)"
        r"(?: me| us)?",
        r"stop sending (?:me )?(?:these |those |your |any more |more )?(?:e-?mails|messages|mails)",
        r"(?:do not|don't|never) (?:e-?mail|message|contact|write to|send) me",
        r"no more (?:e-?mails|messages)",
        r"unsubscribe",
        r"opt(?:ed)? out",
        r"remove me from",
        r"report(?:ing)? (?:you|this seller|your (?:shop|store|company|account)|"
        r"(?:this|it|these messages) to amazon)",
        r"harass(?:ing|ment)?",
        r"leave me alone",
        r"too many (?:e-?mails|messages)",
    ],
    de=[
        r"hören Sie (?:endlich |bitte )?auf,? mir (?:zu schreiben|(?:E-Mails|Mails|Nachrichten) "
        r"zu (?:schicken|senden|schreiben))",
        r"(?:schreiben|schicken|senden) Sie mir (?:keine|nicht) (?:E-Mails |Mails |Nachrichten )?"
        r"(?:mehr|weiter)",
        r"keine (?:weiteren )?(?:E-Mails|Mails|Nachrichten) mehr",
        r"(?:nicht mehr|nicht weiter) (?:kontaktieren|anschreiben|belästigen)",
        r"abbestellen",
        r"abmelden",
        r"(?:werde|würde) (?:Sie|euch|dich|das|Ihren Shop|Ihre Firma) (?:bei Amazon |an Amazon )?"
        r"melden",
        r"melde (?:Sie|euch|dich|das) (?:bei|an) Amazon",
        r"(?:bei|an) Amazon (?:melden|gemeldet)",
        r"belästig\w*",
        r"lassen Sie mich in Ruhe",
    ],
    fr=[
        r"arrêtez de m'(?:envoyer|écrire|contacter|harceler|spammer)",
        r"cessez de m'(?:envoyer|écrire|contacter|harceler)",
        r"ne m'(?:envoyez|écrivez) plus",
        r"ne me contactez plus",
        r"(?:me )?désabonner",
        r"désinscri(?:re|ption|vez-moi)",
        # "signaler" alone also means "point out": only reporting to Amazon, or the seller
        r"(?:vous )?signaler(?:ai)? (?:à|auprès d') ?Amazon",
        r"(?:je vais|je vous) (?:vous )?signaler(?!\s+qu)",
        r"signaler (?:votre (?:boutique|comportement|entreprise)|ce vendeur)",
        r"harcèlement",
        r"harceler",
        r"laissez-moi tranquille",
    ],
    es=[
        r"dej(?:en|e|a) de (?:enviarme|escribirme|contactarme|mandarme|molestarme)",
        r"no me (?:escriban|envíen|contacten|manden|escribas|envíes) más",
        r"darme de baja",
        r"cancelar (?:la )?suscripción",
        r"(?:los|les|le|te) voy a denunciar",
        r"voy a denunciar(?:los|les|le|te)?",
        r"denunciar(?:los|les|le|te)",
        r"denunciaré",
        r"reportar(?:los|les|le|te) (?:a|con) Amazon",
        r"acoso",
        r"déjenme en paz",
    ],
    it=[
        r"smett(?:ete|a|i|etela) di (?:scrivermi|inviarmi|contattarmi|mandarmi|disturbarmi)",
        r"non (?:mi )?(?:scrivete|contattate|inviate|mandate|scriva|contatti) più",
        r"disiscriver\w*",
        r"cancellarmi",
        r"annullare l'iscrizione",
        # "segnalare" also means "point out, recommend": only reporting the seller
        r"vi segnalerò",
        r"segnalarvi",
        r"segnaler(?:ò|e) (?:ad|a) Amazon",
        r"segnalare (?:ad Amazon|il venditore|il vostro (?:negozio|comportamento))",
        r"molestie",
        r"lasciatemi in pace",
    ],
    ja=[
        r"(?:メール|メッセージ|連絡)(?:を|は)?(?:もう)?"
        r"(?:送らないで|送ってこないで|控えて|やめて|止めて|不要)",
        r"送らないでください",
        r"迷惑です",
        r"通報",
        r"配信停止",
        r"購読解除",
        r"二度と(?:連絡|メール)",
        r"しつこい",
    ],
)
#: Calling the message spam; weighed against :data:`SPAM_FOLDER`.
SPAM = lexicon(
    en=[r"spam(?:ming|med|my)?", r"junk mail"],
    de=[r"Spam", r"Spam-?Mails?"],
    fr=[r"spam", r"pourriel"],
    es=[r"spam", r"correo basura"],
    it=[r"spam", r"posta spazzatura"],
    ja=[r"スパム", r"迷惑メール"],
)
#: "It went to my spam folder" is not a complaint.
SPAM_FOLDER = lexicon(
    en=[r"(?:spam|junk) (?:folder|filter|box)"],
    de=[r"Spam-?Ordner", r"Spam-?Filter", r"Junk-?Ordner", r"Spamverdacht"],
    fr=[
        r"dossier (?:des )?(?:spams?|courriers? indésirables)",
        r"courrier indésirable",
        r"filtre (?:anti-?)?spam",
    ],
    es=[r"carpeta (?:de )?(?:spam|correo no deseado)", r"filtro (?:de |anti)?spam"],
    it=[r"cartella (?:dello |della )?(?:spam|posta indesiderata)", r"filtro (?:anti)?spam"],
    ja=[r"迷惑メール(?:フォルダ|ボックス)", r"スパム(?:フォルダ|フィルタ)"],
)
_ANY = re.compile(f"(?P<complaint>{COMPLAINT.pattern})|(?P<spam>{SPAM.pattern})", re.IGNORECASE)


@dataclass(slots=True)
class _Complaint:
    reply: Message  #: a small stand-in for the reply, to report on
    location: str
    evidence: str
    span: tuple[int, int]
    answers: list[str]  #: Message-IDs it names: In-Reply-To, References (nearest first), quoted
    relay: str
    orders: list[str]


def _stamp(when: datetime | None) -> float:
    return when.timestamp() if when else float("inf")


def complaint_in(view_sections: list[tuple[str, str]]) -> tuple[str, str, tuple[int, int]] | None:
    """(location, evidence, span) of the first complaint in the buyer's own words."""
    for location, text in view_sections:
        for match in _ANY.finditer(text):
            evidence, left, right = sentence(text, match.start(), match.end())
            if match.lastgroup == "spam" and SPAM_FOLDER.search(text[left:right]):
                continue
            return location, evidence, (left, right)
    return None


class BuyerComplaint(Rule):
    """A buyer's reply complaining about being messaged, against the message it answers.

    Flags a buyer's reply (relayed from ``@marketplace.amazon.*``) that asks
    the seller to stop writing, to unsubscribe them, calls the message spam,
    or threatens to report the seller, in English, German, French, Spanish,
    Italian or Japanese ("stop emailing me", "hören Sie auf, mir zu
    schreiben", "arrêtez de m'envoyer", "dejen de enviarme", "smettete di
    scrivermi", "メールを送らないで", "通報します"). Quoted text is not read,
    and "it went to my spam folder" is not a complaint. The finding names the
    sent message the reply answers (In-Reply-To, References, a quoted
    Message-ID, else the latest message to the same buyer about the same
    order, else the latest to that buyer) and is counted against its
    campaign; a complaint that answers no audited message is still reported.
    """

    code = "BSM702"
    name = "buyer-complaint"
    severity = Severity.WARNING
    applies_to = frozenset({Kind.SENT, Kind.REPLY})
    cross_message = True
    cacheable = False
    why = (
        'guidelines.md, "The six triggers named in Amazon\'s restriction e-mail", 6: "An '
        'excessive number of buyer complaints about proactive messages." Each complaint '
        "counts against the account; the campaign that draws them must change or stop."
    )
    fix = (
        "Stop messaging this buyer, and review the campaign the complaint answers: send "
        "less often, only permitted content, and never more than one message per order."
    )
    bad = (
        thread(
            Sample(
                "We would appreciate your honest review of order 113-1234567-1234567.",
                subject="How was your order 113-1234567-1234567?",
                to="jane1@marketplace.amazon.com",
                message_id="<rq-1@shop.example>",
            ),
            Sample(
                "Please stop emailing me. This is spam and I will report you.",
                subject="RE: How was your order 113-1234567-1234567?",
                sender="Jane <jane1@marketplace.amazon.com>",
                to="shop@seller.example",
                message_id="<re-1@marketplace.amazon.com>",
                in_reply_to="<rq-1@shop.example>",
                date="2026-11-04T10:00:00+00:00",
            ),
            note="the reply names the request it answers",
        ),
        thread(
            Sample(
                "Hören Sie auf, mir zu schreiben! Sonst werde ich Sie bei Amazon melden.",
                subject="AW: Ihre Bestellung 302-1234567-1234567",
                sender="Max <max1@marketplace.amazon.de>",
                to="shop@seller.example",
            ),
            lang="de",
            note="answers no audited message: still reported",
        ),
        thread(
            Sample(
                "Merci de nous donner votre avis sur la commande 171-1234567-1234567.",
                to="paul1@marketplace.amazon.fr",
                message_id="<rq-fr@shop.example>",
            ),
            Sample(
                "Arrêtez de m'envoyer des messages pour la commande 171-1234567-1234567.",
                subject="Re: votre commande",
                sender="Paul <paul1@marketplace.amazon.fr>",
                to="shop@seller.example",
                date="2026-11-05T10:00:00+00:00",
            ),
            lang="fr",
            note="linked by order ID and buyer address",
        ),
        thread(
            Sample(
                "ご注文 503-1234567-1234567 のレビューをお願いいたします。",
                to="taro1@marketplace.amazon.co.jp",
                message_id="<rq-ja@shop.example>",
            ),
            Sample(
                "何度もメールを送らないでください。迷惑メールとして通報します。",
                subject="Re: ご注文について",
                sender="Taro <taro1@marketplace.amazon.co.jp>",
                to="shop@seller.example",
                in_reply_to="<rq-ja@shop.example>",
                date="2026-11-05T10:00:00+09:00",
            ),
            lang="ja",
        ),
    )
    good = (
        thread(
            Sample(
                "Your feedback on the board from order 113-7654321-7654321 would help us.",
                to="jane2@marketplace.amazon.com",
                message_id="<rq-2@shop.example>",
            ),
            Sample(
                "Thanks, the board arrived and it is lovely!",
                subject="RE: your order",
                sender="Jane <jane2@marketplace.amazon.com>",
                to="shop@seller.example",
                in_reply_to="<rq-2@shop.example>",
                date="2026-11-04T10:00:00+00:00",
            ),
        ),
        thread(
            Sample(
                "Su mensaje llegó a mi carpeta de spam, pero el pedido está perfecto.",
                subject="Re: su pedido",
                sender="Ana <ana1@marketplace.amazon.es>",
                to="shop@seller.example",
            ),
            lang="es",
            note="a spam folder is not a complaint",
        ),
        thread(
            Sample(
                "Please stop by our store? No: unsubscribe links are not allowed in our "
                "messages, so we never add one.",
                to="bob1@marketplace.amazon.com",
            ),
            note="the seller's own message is not a buyer complaint",
        ),
    )

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        self.reset()

    def reset(self) -> None:
        #: complaints are few: kept in memory, by label
        self._complaints: dict[str, _Complaint] = {}

    @staticmethod
    def _tables(ctx: Context) -> None:
        ctx.index.table("bsm702_sent_ids", ("message_id TEXT",), indexes=("message_id",))
        #: (time, label) of each sent message, by buyer relay address and order ID
        #: ("" for the buyer alone)
        ctx.index.table(
            "bsm702_sent",
            ("relay TEXT", "order_id TEXT", "stamp REAL", "label TEXT"),
            indexes=("relay, order_id, stamp",),
        )

    def observe(self, msg: Message, ctx: Context) -> None:
        assert ctx.view is not None
        if msg.kind is Kind.SENT:
            self._note_sent(msg, ctx)
        elif msg.kind is Kind.REPLY and msg.label not in self._complaints:
            found = complaint_in(ctx.view.sections())
            if found is not None:
                self._complaints[msg.label] = self._complaint(msg, *found)

    def _note_sent(self, msg: Message, ctx: Context) -> None:
        assert ctx.view is not None
        self._tables(ctx)
        if msg.message_id:
            ctx.index.add("bsm702_sent_ids", (msg.message_id.strip(),))
        stamp, label = _stamp(msg.date), msg.label
        relays = {a.lower() for a in (*msg.to, *msg.cc) if relay_marketplace(a)}
        if not relays:
            return
        orders = order_ids(msg.subject, ctx.view.body())
        for relay in relays:
            ctx.index.add("bsm702_sent", (relay, "", stamp, label))
            for order in orders:
                ctx.index.add("bsm702_sent", (relay, order, stamp, label))

    def _complaint(
        self, msg: Message, location: str, evidence: str, span: tuple[int, int]
    ) -> _Complaint:
        answers = MESSAGE_ID.findall(msg.in_reply_to or "")
        answers += list(reversed(msg.references))
        answers += MESSAGE_ID.findall(f"{msg.text}\n{msg.html_text}")[:20]
        orders = order_ids(msg.subject, msg.body)
        reply = Message(
            source=msg.source,
            key=msg.key,
            message_id=msg.message_id,
            subject=msg.subject,
            from_addr=msg.from_addr,
            date=msg.date,
            text=" ".join(orders),
            kind=Kind.REPLY,
            marketplace=msg.marketplace,
            language=msg.language,
        )
        return _Complaint(reply, location, evidence, span, answers, msg.from_addr.lower(), orders)

    def answered(self, complaint: _Complaint, ctx: Context) -> str | None:
        """The label of the sent message ``complaint`` answers, if audited."""
        self._tables(ctx)
        index = ctx.index
        for message_id in complaint.answers:
            if index.one(
                "SELECT 1 FROM bsm702_sent_ids WHERE message_id = ?", (message_id.strip(),)
            ):
                return message_id.strip()
        before = _stamp(complaint.reply.date)
        for order in [*complaint.orders, ""]:  # "": any message to the buyer
            # The latest message the reply can answer (ties: the greatest label).
            row = index.one(
                "SELECT label FROM bsm702_sent WHERE relay = ? AND order_id = ? AND stamp <= ?"
                " ORDER BY stamp DESC, label DESC LIMIT 1",
                (complaint.relay, order, before),
            )
            if row:
                return row[0]
        return None

    def finish(self, ctx: Context) -> Iterator[Hit]:
        for complaint in self._complaints.values():
            label = self.answered(complaint, ctx)
            yield Hit(
                complaint.location,
                complaint.evidence,
                message=complaint.reply,
                related=[label] if label else [],
                campaign=ctx.campaign_of(label) if label else None,
                span=complaint.span,
            )
        self._complaints = {}
        ctx.index.clear("bsm702_sent_ids")
        ctx.index.clear("bsm702_sent")
