"""The typed message model every later stage reads.

A :class:`Message` is immutable in spirit: the parser fills it once, then
notices, rules, campaigns and reports only read it. Everything in it is
already decoded text (never bytes), bounded in size, and safe to print once a
report escapes it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Kind(enum.StrEnum):
    """What a message is, from the seller's point of view."""

    SENT = "sent"  #: a message the seller sent to a buyer (To: @marketplace.amazon.*)
    NOTICE = "notice"  #: mail from Amazon, or mail that claims to be (phishing candidates)
    REPLY = "reply"  #: a buyer's message, relayed by Amazon from @marketplace.amazon.*
    OTHER = "other"


@dataclass(slots=True, frozen=True)
class Link:
    """A link in a message: an HTML anchor, or a bare URL in text."""

    url: str
    text: str  #: anchor text; "" for a bare URL
    location: str  #: "subject", "text" or "html"
    has_image: bool = False  #: an <img> sits inside the anchor (a linked logo)


@dataclass(slots=True, frozen=True)
class Image:
    """An image the message shows: an HTML <img>, or an image attachment."""

    src: str
    width: str | None  #: as written: "1", "1px", "80%", or None
    height: str | None
    hidden: bool  #: display:none / visibility:hidden / opacity:0
    in_link: bool
    alt: str = ""


@dataclass(slots=True, frozen=True)
class Attachment:
    """An attached file. Its body is never decoded: ``size`` is estimated
    from the encoded length (exact for 7bit/8bit/binary, ±2 bytes for base64)."""

    filename: str | None
    content_type: str
    size: int
    disposition: str | None = None
    content_id: str | None = None  #: without <>; an HTML body shows it as src="cid:…"


@dataclass(slots=True)
class Message:
    """One parsed e-mail.

    ``source`` and ``key`` say where it came from (a path and the position in
    it, or ``imap:NAME/FOLDER`` and the UID) so a report can point back at it.
    ``defects`` lists what could not be read cleanly; an unreadable field is
    None (or empty) rather than an exception.
    """

    source: str
    key: str
    message_id: str | None = None
    subject: str = ""
    from_name: str = ""
    from_addr: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    reply_to: list[str] = field(default_factory=list)
    date: datetime | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""  #: the text/plain parts, joined
    html: str = ""  #: the text/html part as written (bounded)
    html_text: str = ""  #: the HTML rendered to text
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    css: list[tuple[str, str]] = field(default_factory=list)  #: (property, value) from HTML
    max_line_breaks: int = 0  #: longest run of consecutive line breaks in the HTML
    size: int = 0
    content_hash: str = ""
    defects: list[str] = field(default_factory=list)
    kind: Kind = Kind.OTHER
    marketplace: str | None = None  #: "amazon.de"
    language: str | None = None  #: "de"
    #: digest shared by the messages of one template (auditor.message.template)
    template: str = ""
    #: subject and readable body with what varies per buyer masked, set with
    #: ``template`` (campaign names are made from them)
    masked_subject: str = ""
    masked_body: str = ""

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), decoded, or None."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None

    def header_all(self, name: str) -> list[str]:
        """Every header called ``name``, top first (Received, Authentication-Results…)."""
        lname = name.lower()
        return [value for key, value in self.headers if key.lower() == lname]

    @property
    def body(self) -> str:
        """The readable body: the plain text, or the HTML's text when there is none."""
        return self.text if self.text.strip() else self.html_text

    @property
    def from_domain(self) -> str:
        return self.from_addr.rpartition("@")[2].lower()

    @property
    def label(self) -> str:
        """How a report names this message: its Message-ID, else source and key."""
        return self.message_id or f"{self.source}#{self.key}"
