"""BSM403 unnecessary-attachment."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.message.ids import ORDER_ID
from auditor.message.model import Attachment, Message
from rules.base import Hit, Option, Rule, Severity, example
from rules.engine import Context
from rules.text import View, lexicon

#: What a necessary attachment is called: an invoice or receipt, instructions
#: (a manual, a user or assembly guide) or warranty information. German and
#: Japanese compound freely ("Montageanleitung", "取扱説明書"), so their stems
#: match inside words; file names are read with ``_-.`` and camelCase split.
PURPOSE = lexicon(
    en=[
        r"\w*invoices?",
        r"inv\d*",
        r"receipts?",
        r"credit note",
        r"bill(?:ing)?",
        r"\w*manuals?",
        r"\w*instructions?",
        r"(?:user|owner'?s?|setup|installation|assembly"
        r"|quick ?start|start) ?guides?",
        r"quick ?start",
        r"how ?to",
        r"read ?me",
        r"\w*warrant(?:y|ies)",
        r"guarantee",
        r"safety (?:information|instructions)",
    ],
    de=[
        r"\w*rechnung\w*",
        r"quittung\w*",
        r"\w*beleg\w*",
        r"gutschrift\w*",
        r"\w*anleitung\w*",
        r"\w*anweisung\w*",
        r"\w*handbuch\w*",
        r"\w*garantie\w*",
        r"gewährleistung\w*",
        r"sicherheitshinweise?",
    ],
    fr=[
        r"factures?",
        r"re[çc]us?",
        r"mode d(?:'|’| )?emploi",
        r"notices?",
        r"manuels?",
        r"guide d(?:'|’| )?(?:utilisation|installation|montage)",
        r"garanties?",
    ],
    es=[
        r"facturas?",
        r"recibos?",
        r"manual(?:es)?",
        r"instrucciones",
        r"gu[ií]a (?:de )?(?:uso|usuario|instalaci[oó]n|montaje)",
        r"garant[ií]as?",
    ],
    it=[
        r"fattur[ae]",
        r"ricevut[ae]",
        r"manuale",
        r"istruzion[ei]",
        r"guida (?:utente|all'uso|rapida|di montaggio)",
        r"garanzi[ae]",
    ],
    ja=[
        r"請求書",
        r"領収書",
        r"納品書",
        r"明細書",
        r"インボイス",
        r"説明書",
        r"取説",
        r"マニュアル",
        r"手順書",
        r"保証書",
        r"保証",
    ],
)
#: File types Seller Central accepts, and the content types that go with them.
DEFAULT_EXTENSIONS = [".txt", ".pdf", ".doc", ".docx", ".jpg", ".jpeg", ".gif", ".png"]
_TYPE_EXTENSION = {
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "image/jpeg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/gif": ".gif",
    "image/png": ".png",
}
#: Content types that give away an archive, program or page behind an allowed name.
_DISGUISED = re.compile(
    r"zip|rar|7z|x-tar|msdownload|executable|msdos|x-sh\b|javascript|java-archive|"
    r"portable-executable|html|x-msi|diskimage|iso9660",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[_\-.+~]+|(?<=[a-z])(?=[A-Z])")
_LETTERS = re.compile(r"[^\W\d_]")


def readable_size(size: int) -> str:
    """``size`` bytes as ``"512 bytes"``, ``"34 KB"`` or ``"12.4 MB"``."""
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{round(size / 1024)} KB" if size >= 1024 else f"{size} bytes"


def extension(att: Attachment) -> str:
    """The attachment's lower-cased file extension, from its name or else its type."""
    name = (att.filename or "").strip().lower()
    if "." in name:
        return "." + name.rsplit(".", 1)[1]
    return _TYPE_EXTENSION.get(att.content_type.lower(), "")


def is_inline_image(att: Attachment, msg: Message) -> bool:
    """An image the HTML body shows by its Content-ID (``src="cid:…"``) and
    that is not sent as an ``attachment``: part of the message's look, not a
    file for the buyer."""
    return (
        att.content_type.lower().startswith("image/")
        and att.disposition != "attachment"
        and att.content_id is not None
        and f"cid:{att.content_id}" in msg.html
    )


class UnnecessaryAttachment(Rule):
    """An attachment that is not an invoice, instructions or warranty information.

    Flags, for each attached file: a name that does not say it is an invoice or
    receipt, instructions (a manual, a user or assembly guide) or warranty
    information, in any of the six languages (``Rechnung``, ``facture``,
    ``factura``, ``fattura``, ``請求書``; ``Bedienungsanleitung``, ``mode
    d'emploi``, ``instrucciones``, ``istruzioni``, ``取扱説明書``; ``Garantie``,
    ``garantía``, ``garanzia``, ``保証書``); a file type outside the allowed list
    (.txt .pdf .doc .docx .jpg .jpeg .gif .png: the name's extension, or the
    content type when there is no name; an archive, program or web-page
    content type fails whatever the name); and, for the message, more than
    five attachments or more than 10 MB in total. A file named only by the
    order ID passes when the text says what it is ("your invoice is
    attached"). Images shown inline in the HTML body (``cid:``, not
    disposition ``attachment``) are not attachments.
    """

    code = "BSM403"
    name = "unnecessary-attachment"
    severity = Severity.ERROR
    why = (
        'guidelines.md, "The six triggers named in Amazon\'s restriction e-mail", 5: '
        '"Links or attachments that are not necessary to complete the order." And under '
        '"Links, contact details, attachments, tracking": "Attachments only for '
        "instructions, invoices, warranty information. Seller Central accepts attachments "
        "up to 10 MB [A]; common accepted types .txt .pdf .doc .docx .jpg .jpeg .gif .png "
        '[?]. SP-API: at most 5 attachments. [A]"'
    )
    fix = (
        "Attach only what completes the order (the invoice, the instructions, the warranty "
        "card), as PDF, Word, text or image files, at most five and 10 MB in all, named for "
        "what they are (Invoice-113-1234567-1234567.pdf). Leave out catalogues, flyers, "
        "coupons and product photos."
    )
    options = {
        "allowed_extensions": Option(DEFAULT_EXTENSIONS, "File types that may be attached."),
        "max_attachments": Option(5, "Most attachments one message may carry."),
        "max_total_bytes": Option(10 * 2**20, "Most bytes all attachments may add up to."),
        "extra_names": Option(
            [],
            "More words that mark a file as necessary, matched in its name "
            '(e.g. "return label", "Retourenschein").',
        ),
    }
    bad = (
        example(
            "Thank you for order 113-1234567-1234567. Our new catalogue is attached.",
            attachments=(("Acme-Spring-Catalog.pdf", "application/pdf", 48_000),),
        ),
        example(
            "Anbei Ihre Rechnung zur Bestellung 302-1234567-1234567.",
            attachments=(("Rechnung.zip", "application/zip", 20_000),),
            lang="de",
            note="an archive is not an allowed type, whatever its name",
        ),
        example(
            "Commande 171-1234567-1234567 : voici nos promotions.",
            attachments=(("promotions-printemps.jpg", "image/jpeg", 90_000),),
            lang="fr",
        ),
        example(
            "Pedido 171-1234567-1234567: adjuntamos las facturas.",
            attachments=tuple((f"factura-{n}.pdf", "application/pdf", 1_000) for n in range(1, 7)),
            lang="es",
            note="six attachments, one more than allowed",
        ),
        example(
            "Ordine 171-1234567-1234567: in allegato il manuale.",
            attachments=(("manuale.exe", "application/x-msdownload", 3_000),),
            lang="it",
        ),
        example(
            "ご注文 503-1234567-1234567 の新商品カタログをお送りします。",
            attachments=(("新商品カタログ.pdf", "application/pdf", 30_000),),
            lang="ja",
        ),
    )
    good = (
        example(
            "Please find the invoice for order 113-1234567-1234567 attached.",
            attachments=(("Invoice_113-1234567-1234567.pdf", "application/pdf", 40_000),),
        ),
        example(
            "Anbei die Montageanleitung zu Ihrer Bestellung 302-1234567-1234567.",
            attachments=(("Montageanleitung.pdf", "application/pdf", 250_000),),
            lang="de",
        ),
        example(
            "Vous trouverez ci-joint le mode d'emploi (commande 171-1234567-1234567).",
            attachments=(("mode-d-emploi.pdf", "application/pdf", 60_000),),
            lang="fr",
        ),
        example(
            "Le enviamos la tarjeta de garantía del pedido 171-1234567-1234567.",
            attachments=(("garantia.pdf", "application/pdf", 12_000),),
            lang="es",
        ),
        example(
            "ご注文 503-1234567-1234567 の領収書を添付いたします。",
            attachments=(("領収書_503-1234567-1234567.pdf", "application/pdf", 20_000),),
            lang="ja",
        ),
    )

    def check(self, msg: Message, ctx: Context) -> Iterator[Hit]:
        files = [att for att in msg.attachments if not is_inline_image(att, msg)]
        if not files:
            return
        view = ctx.view or View(msg)
        allowed = {
            e.lower() if e.startswith(".") else "." + e.lower()
            for e in self.settings["allowed_extensions"]
        }
        extra = [str(w).casefold() for w in self.settings["extra_names"]]
        text_names_purpose: bool | None = None
        for att in files:
            label = f"{att.filename or 'unnamed ' + att.content_type} ({readable_size(att.size)})"
            ext = extension(att)
            if ext not in allowed or _DISGUISED.search(att.content_type):
                yield Hit(
                    "attachment",
                    f"{label}: type {ext or '?'} ({att.content_type}) "
                    "is not an allowed attachment type",
                )
                continue
            name = (att.filename or "").rsplit(".", 1)[0]
            words = _SEPARATORS.sub(" ", name)
            if PURPOSE.search(words) or any(w in words.casefold() for w in extra if w):
                continue
            if ORDER_ID.search(name) and not _LETTERS.search(ORDER_ID.sub("", name)):
                if text_names_purpose is None:
                    text_names_purpose = any(PURPOSE.search(t) for _, t in view.sections())
                if text_names_purpose:
                    continue
            yield Hit("attachment", f"{label}: not an invoice, instructions or warranty")
        if len(files) > self.settings["max_attachments"]:
            yield Hit(
                "attachment",
                f"{len(files)} attachments (at most {self.settings['max_attachments']} allowed)",
            )
        total = sum(att.size for att in files)
        limit = self.settings["max_total_bytes"]
        if total > limit:
            yield Hit(
                "attachment",
                f"attachments total {readable_size(total)} (at most "
                f"{readable_size(limit)} allowed)",
            )
