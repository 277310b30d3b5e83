"""What a sync of one folder will fetch (:class:`FolderPlan`), and what the
connector did on the wire (:class:`SyncStats`).

Per account and folder the store keeps UIDVALIDITY, the last UID read and,
where the server has CONDSTORE, HIGHESTMODSEQ. A plan asks only for UIDs
above the last one, searching in UID windows: a mailbox-wide ``SEARCH ALL``
answer can pass imaplib's 1,000,000-byte line limit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectors.imap.session import ImapSession

log = logging.getLogger(__name__)

#: UIDs per SEARCH window: at most this many UIDs of ≤ 10 digits come back on
#: one line, well under imaplib's 1,000,000-byte limit.
SEARCH_WINDOW = 50_000


@dataclass
class SyncStats:
    """What one connector did on the wire (for logs, benchmarks and tests)."""

    folders: int = 0
    searches: int = 0
    #: messages whose body was fetched (whole or by section); in a batch read
    #: with one FETCH this counts the duplicates dropped after it too
    bodies: int = 0
    #: of those, fetched by section with attachment bodies left on the server
    partial: int = 0
    #: encoded attachment bytes left on the server by partial fetches
    omitted_bytes: int = 0
    #: body bytes received
    bytes: int = 0
    #: messages skipped because the store (or another folder) already had them
    duplicates: int = 0
    reconnects: int = 0
    #: UIDs each body FETCH asked for, in order
    fetched_uids: list[int] = field(default_factory=list)


@dataclass
class FolderPlan:
    """What a sync of one folder will do: found by :func:`plan_folder`."""

    folder: str
    uidvalidity: int
    uids: list[int]
    #: the checkpoint the store held (0 when none or when UIDVALIDITY changed)
    last_uid: int
    highestmodseq: int | None
    previous_modseq: int | None
    #: UIDVALIDITY changed since the last run: everything is read again
    rescan: bool = False
    #: UIDNEXT at EXAMINE time: no UID below it that is not in ``uids`` can appear later
    uidnext: int | None = None
    #: ask for the Message-IDs before the bodies (many messages are known already:
    #: after a UIDVALIDITY change, or while the last batch was mostly copies)
    probe: bool = False

    def __post_init__(self) -> None:
        self.probe = self.probe or self.rescan


def plan_folder(session: ImapSession, store: Any, folder: str, stats: SyncStats) -> FolderPlan:
    """EXAMINE ``folder`` and find the UIDs a sync must fetch, from the
    checkpoint ``store`` holds (``store.checkpoint(account, folder)``: an
    object with ``uidvalidity``, ``last_uid`` and ``highestmodseq``, or None;
    without a store everything is read)."""
    account = session.account
    info = session.select(folder)
    validity = int(info[b"UIDVALIDITY"])
    uidnext = info.get(b"UIDNEXT")
    exists = int(info.get(b"EXISTS", 0))
    modseq = info.get(b"HIGHESTMODSEQ") if session.condstore else None
    state = store.checkpoint(account, folder) if store is not None else None
    rescan = state is not None and state.uidvalidity != validity
    if rescan:
        log.warning(
            "imap:%s/%s: UIDVALIDITY changed (%s → %s): the folder was recreated or "
            "restored; reading it again and skipping messages already audited",
            account,
            folder,
            state.uidvalidity,
            validity,
        )
    last = state.last_uid if state is not None and not rescan else 0
    previous_modseq = state.highestmodseq if state is not None and not rescan else None
    if exists == 0:
        uids: list[int] = []
    elif uidnext is not None and int(uidnext) <= last + 1:
        uids = []  # nothing new: no SEARCH, no FETCH
    elif uidnext is None and modseq is not None and previous_modseq == modseq and last:
        uids = []  # nothing changed at all since the checkpoint
    else:
        uids = search_new(session, last, int(uidnext) if uidnext is not None else None, stats)
    return FolderPlan(
        folder,
        validity,
        uids,
        last,
        modseq,
        previous_modseq,
        rescan,
        int(uidnext) if uidnext is not None else None,
    )


def search_new(session: ImapSession, last: int, uidnext: int | None, stats: SyncStats) -> list[int]:
    """UIDs above ``last`` in the selected folder, searched in windows of
    :data:`SEARCH_WINDOW` (``UID SEARCH UID a:b``, RFC 3501 §6.4.4)."""
    client = session.client
    if uidnext is None:
        stats.searches += 1
        highest = client.search(["UID", "*"])  # the highest UID in the folder
        uidnext = (max(highest) + 1) if highest else last + 1
    found: set[int] = set()
    start = last + 1
    while True:
        end = start + SEARCH_WINDOW - 1
        final = end >= uidnext - 1
        # The last window is open-ended, to include mail arrived since SELECT;
        # "N:*" also returns the highest UID when N is beyond it: filter.
        criteria = ["UID", f"{start}:*" if final else f"{start}:{end}"]
        stats.searches += 1
        found.update(uid for uid in client.search(criteria) if uid >= start)
        if final:
            break
        start = end + 1
    return sorted(found)
