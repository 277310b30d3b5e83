"""How the bodies of a batch of new messages are fetched.

Messages up to ``whole_fetch_limit`` bytes are fetched whole; bigger ones by
section, leaving attachment bodies on the server (their name, type and size
come from the headers and BODYSTRUCTURE, see :mod:`connectors.imap.mime`).
A first sync asks for the first ``whole_fetch_limit`` bytes of every message
of a batch in one FETCH (``BODY.PEEK[]<0.LIMIT>``), which is the whole message
unless it is bigger; when many messages are known already (after a
UIDVALIDITY change, in a folder of copies) the Message-IDs are fetched first
and only the missing bodies follow. Every item is ``BODY.PEEK``: no flag
changes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from connectors.imap import mime
from connectors.imap.plan import FolderPlan, SyncStats

if TYPE_CHECKING:
    from imapclient import IMAPClient

    from connectors.imap.settings import ImapSettings

log = logging.getLogger(__name__)

#: How imapclient names the answer to ``BODY.PEEK[]<0.N>`` (RFC 3501 §7.4.2:
#: the origin octet, without the length).
PARTIAL_KEY = b"BODY[]<0>"
MAX_PARTIAL = 2**31 - 1
#: A message bigger than this that cannot be fetched by section is skipped
#: with an error (as the file connectors do).
MAX_MESSAGE_BYTES = 128 * 2**20

#: uid → (data, error) for the bodies of one batch
Bodies = dict[int, tuple[bytes | None, str | None]]
#: (uid, data, error) per UID of a batch; (uid, None, None) for one skipped
Results = list[tuple[int, bytes | None, str | None]]

_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def _message_id(header: bytes | None) -> str | None:
    """The Message-ID from a ``HEADER.FIELDS (MESSAGE-ID)`` answer, as the parser
    stores it (unfolded, stripped)."""
    match = _MESSAGE_ID.search(header) if header else None
    if match is None:
        return None
    text = " ".join(match.group(1).decode("utf-8", "replace").split())
    return text or None


_MESSAGE_ID_LINE = re.compile(rb"\nmessage-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE)


def _header_message_id(data: bytes) -> str | None:
    """The Message-ID of a whole message (LF line ends), as :func:`_message_id`
    reads it, searched in the header only: a message quoted or attached in the
    body has its own. (A search for "\\nmessage-id:" bounded by the end of the
    header is several times faster than a MULTILINE "^" over a copy of it.)"""
    end = data.find(b"\n\n")
    end = end + 1 if end >= 0 else len(data)
    if data[:11].lower() == b"message-id:":  # the first line
        match = _MESSAGE_ID.match(data, 0, end)
    else:
        match = _MESSAGE_ID_LINE.search(data, 0, end)
    if match is None:
        return None
    text = " ".join(match.group(1).decode("utf-8", "replace").split())
    return text or None


def _fetched(response: Mapping[bytes, Any], prefix: bytes) -> Any:
    """The item of a FETCH answer whose name starts with ``prefix``
    (servers differ in how they echo ``BODY[HEADER.FIELDS (…)]``)."""
    for name, value in response.items():
        if isinstance(name, bytes) and name.upper().startswith(prefix):
            return value
    return None


def _lf(data: bytes) -> bytes:
    """IMAP sends CRLF line ends; files on disk (and Dovecot's Maildir) have LF.
    Normalised so the same mail parses to the same text either way."""
    return data.replace(b"\r\n", b"\n")


class Fetcher:
    """The fetching half of :class:`~connectors.imap.ImapConnector` (a mixin:
    it reads the connector's ``client``, ``stats``, ``account`` and settings,
    and calls its ``_new_by_id``/``_complete_batch`` to drop known mail)."""

    account: str
    stats: SyncStats

    @property
    def client(self) -> IMAPClient:
        raise NotImplementedError

    def _require_settings(self) -> ImapSettings:
        raise NotImplementedError

    def _new_by_id(
        self, plan: FolderPlan, batch: Sequence[int], ids: Mapping[int, str | None]
    ) -> tuple[list[int], set[int], set[str], int]:
        raise NotImplementedError

    def _complete_batch(
        self,
        batch: Sequence[int],
        ids: Mapping[int, str | None],
        wanted: list[int],
        skipped: set[int],
        new_ids: set[str],
        duplicates: int,
        bodies: Bodies,
    ) -> Results:
        raise NotImplementedError

    def _fetch_probing(self, plan: FolderPlan, batch: Sequence[int]) -> Results:
        """Two FETCHes: sizes and Message-IDs first (small answers), so that
        known mail is skipped before its body is asked for; then the bodies."""
        client = self.client
        meta = client.fetch(list(batch), ["RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        ids = {
            uid: _message_id(_fetched(meta[uid], b"BODY[HEADER.FIELDS"))
            for uid in batch
            if uid in meta
        }
        wanted, skipped, new_ids, duplicates = self._new_by_id(plan, batch, ids)
        bodies = self._fetch_bodies(plan, wanted, meta)
        return self._complete_batch(batch, ids, wanted, skipped, new_ids, duplicates, bodies)

    def _fetch_at_once(self, plan: FolderPlan, batch: Sequence[int], limit: int) -> Results:
        """One FETCH for the whole batch: the first ``limit`` bytes of every
        message (``BODY.PEEK[]<0.limit>``). A message that comes back shorter
        than ``limit`` is complete; the others are big and go the by-section
        path. Duplicates are recognised afterwards by the Message-ID in the
        bytes received, and dropped as the two-FETCH path would drop them."""
        client = self.client
        uids = list(batch)
        self.stats.fetched_uids.extend(uids)
        answer = client.fetch(uids, [f"BODY.PEEK[]<0.{limit}>"])
        received: dict[int, bytes] = {}  # uid → bytes, LF line ends
        ids: dict[int, str | None] = {}
        cut: set[int] = set()  # exactly ``limit`` bytes came back: maybe more on the server
        size = 0
        for uid in uids:
            item = answer.get(uid)
            if item is None:
                continue  # expunged meanwhile
            data = item.get(PARTIAL_KEY)
            if data is None:
                data = _fetched(item, b"BODY[]")
                if data is None:
                    continue
            if len(data) >= limit:
                cut.add(uid)
            else:
                size += len(data)
            data = _lf(bytes(data))
            received[uid] = data
            ids[uid] = _header_message_id(data)
        self.stats.bodies += len(received) - len(cut)
        self.stats.bytes += size
        wanted, skipped, new_ids, duplicates = self._new_by_id(plan, batch, ids)
        bodies: Bodies = {uid: (received[uid], None) for uid in wanted if uid not in cut}
        big = [uid for uid in wanted if uid in cut]
        if big:
            meta = client.fetch(big, ["RFC822.SIZE", "BODYSTRUCTURE"])
            sizes = {uid: int(meta[uid].get(b"RFC822.SIZE") or 0) for uid in big if uid in meta}
            for uid, total in list(sizes.items()):
                if total <= limit:  # exactly ``limit`` bytes long: complete already
                    del sizes[uid]
                    bodies[uid] = (received[uid], None)
                    self.stats.bodies += 1
                    self.stats.bytes += len(received[uid])
            result, whole = self._fetch_by_section(plan, list(sizes), sizes, meta)
            bodies.update(result)
            self._fetch_whole(whole, bodies)
        return self._complete_batch(batch, ids, wanted, skipped, new_ids, duplicates, bodies)

    def _fetch_bodies(
        self, plan: FolderPlan, uids: list[int], meta: Mapping[int, Mapping[bytes, Any]]
    ) -> Bodies:
        """uid → (data, error): small messages in one FETCH, big ones by section."""
        settings = self._require_settings()
        sizes = {uid: int(meta[uid].get(b"RFC822.SIZE") or 0) for uid in uids}
        big = [uid for uid in uids if sizes[uid] > settings.whole_fetch_limit]
        structures = self.client.fetch(big, ["BODYSTRUCTURE"]) if big else {}
        result, whole = self._fetch_by_section(plan, big, sizes, structures)
        whole += [uid for uid in uids if sizes[uid] <= settings.whole_fetch_limit]
        self._fetch_whole(whole, result)
        return result

    def _fetch_by_section(
        self,
        plan: FolderPlan,
        uids: list[int],
        sizes: Mapping[int, int],
        structures: Mapping[int, Mapping[bytes, Any]],
    ) -> tuple[Bodies, list[int]]:
        """Big messages by section, attachment bodies left on the server:
        (uid → (data, error), UIDs to fetch whole instead)."""
        client = self.client
        result: Bodies = {}
        whole: list[int] = []
        for uid in uids:
            size = sizes[uid]
            try:
                root = mime.plan_parts(structures.get(uid, {}).get(b"BODYSTRUCTURE"))
            except mime.StructureError as exc:
                log.debug(
                    "imap:%s/%s: UID %d: %s; fetching it whole", self.account, plan.folder, uid, exc
                )
                root = None
            if root is None or not mime.omitted_bytes(root):
                if size > MAX_MESSAGE_BYTES:
                    result[uid] = (None, f"message of {size} bytes is too large")
                else:
                    whole.append(uid)
                continue
            self.stats.fetched_uids.append(uid)
            answer = client.fetch([uid], mime.fetch_items(root)).get(uid)
            try:
                data = mime.assemble(root, answer or {})
            except mime.StructureError as exc:
                log.debug(
                    "imap:%s/%s: UID %d: %s; fetching it whole", self.account, plan.folder, uid, exc
                )
                self.stats.fetched_uids.pop()
                whole.append(uid)
                continue
            self.stats.bodies += 1
            self.stats.partial += 1
            self.stats.omitted_bytes += mime.omitted_bytes(root)
            self.stats.bytes += len(data)
            result[uid] = (_lf(data), None)
        return result, whole

    def _fetch_whole(self, uids: list[int], result: Bodies) -> None:
        """Fetch ``uids`` whole (one FETCH) into ``result``."""
        if not uids:
            return
        uids = sorted(uids)
        self.stats.fetched_uids.extend(uids)
        answer = self.client.fetch(uids, ["BODY.PEEK[]"])
        for uid in uids:
            data = _fetched(answer.get(uid, {}), b"BODY[]")
            if data is None:
                continue  # expunged meanwhile
            self.stats.bodies += 1
            self.stats.bytes += len(data)
            result[uid] = (_lf(bytes(data)), None)
