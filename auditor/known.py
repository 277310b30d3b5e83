"""What the store holds already, as the sources ask it
(:class:`connectors.base.KnownMessages`).

Application glue: it joins the store's questions (:mod:`auditor.store.known`
and the Message-ID and content-hash look-ups) with the parser's content hash,
so that a connector skips audited mail without importing either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.errors import MessageError
from auditor.message.parse import parse_message

if TYPE_CHECKING:
    from auditor.store import Store


class StoredMail:
    """:class:`~connectors.base.KnownMessages` over ``store`` (None: nothing
    is held, but messages without a Message-ID still get their digest, so
    copies within one run are still recognised)."""

    def __init__(self, store: Store | None) -> None:
        self.store = store

    def holds_mail(self, account: str) -> bool:
        return self.store is not None and self.store.holds_mail(account)

    def message_ids(self, account: str, message_ids: list[str]) -> set[str]:
        if self.store is None or not message_ids:
            return set()
        return set(self.store.known_message_ids(account, message_ids))

    def hashes(self, account: str, digests: list[str]) -> set[str]:
        if self.store is None or not digests:
            return set()
        return set(self.store.known_hashes(account, digests))

    def digest(self, data: bytes) -> str | None:
        """The content hash the store keeps for the message in ``data``
        (:func:`auditor.message.parse.content_hash`), or None when it is unreadable."""
        try:
            return parse_message(data, "", "").content_hash
        except MessageError:
            return None
