"""BSM404 opt-out-link."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from urllib.parse import unquote

from auditor.message.model import Message
from rules.base import Hit, Rule, Severity, example
from rules.engine import Context
from rules.links import shorten
from rules.text import View, find, lexicon, phrases

#: Words that on their own offer a way out of the seller's mailings.
OPT_OUT = phrases("opt_out", "instruction")
#: A literal every OPT_OUT match contains (case-folded, white space collapsed):
#: a test in C that spares most messages the regex, since this rule runs on every
#: message (it reads a header, so its results are not cached per template).
#: Keep it in step with rules/phrases/opt_out.toml.
_CUES = (
    "unsubscrib",
    "opt out",
    "opt-out",
    "optout",
    "opting",
    "receiv",
    "abbestell",
    "abmeld",
    "abzumeld",
    "mehr erhalten",
    "mehr bekommen",
    "mehr empfangen",
    "sinscri",
    "sabonn",
    "recevoir",
    "de baja",
    "suscripci",
    "recibir",
    "iscrizione",
    "disiscri",
    "ricever",
    "配信",
    "購読",
    "受信",
    "希望",
    "stop",
    "möchten",
    "wollen",
    "angeschrieben",
    "kontaktiert",
    "baja",
)
#: Link text that is an opt-out button ("Abmelden", "Se désinscrire", "配信停止").
OPT_OUT_ANCHOR = lexicon(
    en=[r"opt[- ]?out", r"unsubscribe"],
    de=[r"abmelden", r"abbestellen"],
    fr=[r"(?:se )?d[ée]sinscrire", r"(?:se )?d[ée]sabonner"],
    es=[r"darse de baja", r"darme de baja", r"baja"],
    it=[r"disiscriviti", r"annulla(?:re)? l'iscrizione", r"cancellati"],
    ja=[r"配信停止", r"配信解除", r"購読解除"],
)
#: Opt-out endpoints in a link's path or query.
OPT_OUT_URL = re.compile(
    r"unsub|opt[-_]?out|abmeld|abbestell|d[eé]sinscri|d[eé]sabonn|dar(?:se)?-de-baja|disiscri|"
    r"cancella-iscrizione|list-manage\.com/unsubscribe|haishin[-_]?teishi|配信停止",
    re.IGNORECASE,
)


class OptOutLink(Rule):
    """An unsubscribe or opt-out link, or an instruction to opt out.

    Flags a link whose address or text offers to unsubscribe ("unsubscribe",
    "Abmelden", "se désinscrire", "darse de baja", "disiscriviti", "配信停止"),
    including ``mailto:…?subject=unsubscribe``; a sentence telling the buyer
    how to stop receiving the seller's messages, in the six languages; and a
    ``List-Unsubscribe`` header, which mail programs show as an unsubscribe
    button. Quoted mail (a buyer asking to unsubscribe) is left out.
    """

    code = "BSM404"
    name = "opt-out-link"
    severity = Severity.WARNING
    why = (
        'guidelines.md, "Links, contact details, attachments, tracking": "No links to opt '
        'out of messaging." Buyers opt out of proactive messages in their Amazon account '
        '(see "Other per-message notes shown in Seller Central": "The buyer opted out from '
        'receiving this message…"), not through the seller.'
    )
    fix = (
        "Remove the unsubscribe link, the opt-out sentence and the List-Unsubscribe header "
        "(turn off your mailing tool's unsubscribe footer for Amazon buyers). Amazon handles "
        "opt-outs in the buyer's account settings."
    )
    bad = (
        example(
            html='<p>Order 113-1234567-1234567.</p><p><a href="https://shop.example/u?id=9">'
            "Unsubscribe</a></p>",
        ),
        example(
            "Wenn Sie keine E-Mails mehr erhalten möchten, können Sie sich hier vom "
            "Newsletter abmelden. Bestellung 302-1234567-1234567.",
            lang="de",
        ),
        example(
            "Pour ne plus recevoir nos e-mails, cliquez ici pour vous désinscrire. Commande "
            "171-1234567-1234567.",
            lang="fr",
        ),
        example(
            "Si no desea recibir más mensajes, responda BAJA para darse de baja. Pedido "
            "171-1234567-1234567.",
            lang="es",
        ),
        example(
            html='<p>Ordine 171-1234567-1234567. <a href="mailto:info@negozio.example?subject='
            'disiscrivi">Disiscriviti</a></p>',
            lang="it",
        ),
        example(
            "ご注文 503-1234567-1234567 ありがとうございます。"
            "配信停止をご希望の方はこちらからお手続きください。",
            lang="ja",
        ),
        example(
            "Pedido 171-5151515-2626262. Si no quiere recibir más correos de nuestra tienda, "
            "escríbanos con la palabra BAJA.",
            lang="es",
            note="no wish to receive more mails; reply with a stop word",
        ),
        example(
            "Falls Sie keine weiteren Nachrichten von uns bekommen möchten, genügt eine kurze "
            "Antwort. Bestellung 302-5151515-2626262.",
            lang="de",
            note="no further messages wanted, without 'mehr'",
        ),
        example(
            "Se non desidera più ricevere i nostri messaggi, ce lo scriva. Ordine "
            "171-5151515-2626262.",
            lang="it",
        ),
        example(
            "Order 113-5151515-2626262 is on its way. Reply STOP to hear no more from us.",
            note="a stop word to reply with",
        ),
    )
    good = (
        example("We would appreciate your honest review of order 113-1234567-1234567."),
        example(
            "Bitte melden Sie sich in Ihrem Amazon-Konto an, um die Bestellung "
            "302-1234567-1234567 zu bewerten.",
            lang="de",
            note='"anmelden" (sign in) is not "abmelden"',
        ),
        example(
            "Su pedido 171-1234567-1234567 se ha dado de alta en nuestro sistema de envíos.",
            lang="es",
        ),
        example(
            "Per il montaggio, segua le istruzioni allegate all'ordine 171-1234567-1234567.",
            lang="it",
        ),
    )

    def cache_key(self, msg: Message, ctx: Context) -> Hashable | None:
        return (msg.header("List-Unsubscribe") or "",)  # a header, not part of the template

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        linked = False
        for link in msg.links:
            if OPT_OUT_URL.search(unquote(link.url)) or OPT_OUT_ANCHOR.search(link.text):
                linked = True
                yield Hit(link.location, f"opt-out link: {shorten(link.url)}")
        view = ctx.view or View(msg)
        folded = " ".join(view.all_text(keep_footer=True).casefold().split())
        cued = any(cue in folded for cue in _CUES)
        if cued and not linked:
            for location, evidence, span, _match in find(OPT_OUT, view, keep_footer=True):
                yield Hit(location, evidence, span=span)
        header = msg.header("List-Unsubscribe")
        if header:
            yield Hit("headers", f"List-Unsubscribe header: {shorten(header)}")
