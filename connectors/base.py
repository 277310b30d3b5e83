"""The connector interface every mail source implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

#: Capability names a connector may declare.
INCREMENTAL = "incremental"  #: remembers what it has read and yields only new mail
READ_ONLY = "read_only"  #: guaranteed never to change the mailbox
IDLE = "idle"  #: can wait for new mail to arrive (IMAP IDLE)

#: A connector that leaves a part's body on the server (IMAP, for attachments
#: of big messages) delivers the part with its headers, an empty body and this
#: header giving the body's decoded size; the parser reads it as the size.
OMITTED_SIZE_HEADER = "X-Auditor-Omitted-Size"


class KnownMessages(Protocol):
    """What an incremental connector asks the application about mail it holds
    already, so that a message audited before is not fetched or yielded again.

    The application builds it from its store (:class:`auditor.known.StoredMail`)
    and hands it to connectors that declare :data:`INCREMENTAL`.
    """

    def holds_mail(self, account: str) -> bool:
        """Whether any message of ``account`` is held (False spares the
        questions below on a first sync)."""
        ...

    def message_ids(self, account: str, message_ids: list[str]) -> set[str]:
        """Which of ``message_ids`` are held for ``account``."""
        ...

    def hashes(self, account: str, digests: list[str]) -> set[str]:
        """Which of the content ``digests`` are held for ``account``."""
        ...

    def digest(self, data: bytes) -> str | None:
        """The content digest a message without Message-ID is known by
        (None when ``data`` cannot be read as a message)."""
        ...


@dataclass(frozen=True, slots=True)
class RawMail:
    """One message as the source holds it.

    ``source`` names the mailbox ("demo/mailbox.mbox", "imap:shop/INBOX"),
    ``key`` the message's place in it (mbox index, file name, IMAP UID), so a
    report can point back at the original. ``data`` is the RFC 5322 bytes.
    ``error`` is set (and ``data`` empty) when this one message could not be
    read; the connector goes on with the next.
    """

    source: str
    key: str
    data: bytes
    error: str | None = None
    folder: str | None = None
    #: the config account the mail belongs to (IMAP); None for local files
    account: str | None = None
    #: for incremental connectors: (uidvalidity, uid, highestmodseq or None).
    #: The consumer saves it with the batch that holds this message, in one
    #: transaction, so a crash never skips a message nor counts one twice.
    checkpoint: tuple[int, int, int | None] | None = None
    #: set when the message was read but its container was damaged (an mbox
    #: boundary without its blank line): reported, never silent
    warning: str | None = None


class Connector(ABC):
    """A mail source, used as a context manager::

        with open_source("mail/archive.mbox") as source:
            for raw in source.messages():
                ...

    ``__exit__`` never raises: a connector that fails to close cleanly logs it.
    Subclasses declare ``name`` (the entry-point name) and ``capabilities``.
    """

    name: ClassVar[str] = ""
    capabilities: ClassVar[frozenset[str]] = frozenset({READ_ONLY})

    def __init__(
        self, spec: str, config: Any = None, store: Any = None, known: KnownMessages | None = None
    ) -> None:
        self.spec = spec
        self.config = config
        self.store = store
        #: what the application holds already (incremental connectors skip it)
        self.known = known

    @classmethod
    @abstractmethod
    def accepts(cls, spec: str) -> bool:
        """True when this connector can open ``spec`` (a path or ``scheme:NAME``)."""

    def open(self) -> None:  # noqa: B027 - optional hook
        """Check the source exists and is readable; raise SourceError if not."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release whatever ``open`` acquired."""

    def volume(self) -> int | None:
        """About how many bytes of mail :meth:`messages` will read, when that
        is known without reading it (a file's size); None otherwise. A hint
        for planning (the audit starts its worker processes at once for a big
        source), never a promise."""
        return None

    @abstractmethod
    def messages(self) -> Iterator[RawMail]:
        """Yield every message of the source (for an incremental connector:
        every message not yet recorded in the store)."""

    def __enter__(self) -> Connector:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.close()
        except Exception as exc:  # closing must never mask the real error
            import logging

            logging.getLogger(__name__).warning("closing %s failed: %s", self.spec, exc)
