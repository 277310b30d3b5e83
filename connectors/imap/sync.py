"""The sync: every message not yet in the store, folder by folder, in
ascending UID order, each with the checkpoint it reaches.

The consumer (:class:`auditor.audit.Auditor`) saves that checkpoint in the
same transaction as the batch of messages it covers, so a cut connection or
a killed process resumes with nothing missed or counted twice. Messages the
application already holds (same Message-ID, or same content digest for mail
without one: asked through :class:`~connectors.base.KnownMessages`) are
skipped, as are copies of one message in several folders. Duplicates are
rare in an incremental sync, so they are recognised after the FETCH, from
the header received; after a UIDVALIDITY change most of the folder is known,
so the Message-IDs are fetched first and only the missing bodies follow.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from auditor.errors import ConnectionFailed
from connectors.base import KnownMessages, RawMail
from connectors.imap.fetch import MAX_PARTIAL, Bodies, Fetcher, Results
from connectors.imap.plan import FolderPlan, plan_folder

if TYPE_CHECKING:
    from connectors.imap.session import ImapSession

log = logging.getLogger(__name__)

T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class FolderSync(Fetcher):
    """The sync half of :class:`~connectors.imap.ImapConnector` (a mixin: it
    reads the connector's ``session``, ``store``, ``known`` and ``folders``)."""

    spec: str
    store: Any
    known: KnownMessages | None
    folders: list[str]
    _plans: dict[str, FolderPlan] | None
    _seen_ids: set[str]
    _seen_hashes: set[str]
    _store_has_mail: bool | None

    @property
    def session(self) -> ImapSession:
        raise NotImplementedError

    def _retrying(self, what: str, action: Callable[[], T]) -> T:
        raise NotImplementedError

    # -- planning ----------------------------------------------------------------------
    def plan(self, folder: str) -> FolderPlan:
        """Select ``folder`` read-only and find the UIDs a sync must fetch."""
        return plan_folder(self.session, self.store, folder, self.stats)

    def pending(self) -> int:
        """How many UIDs the next :meth:`messages` will fetch, over all folders
        (for a determinate progress bar). Plans are kept for that call."""
        self._plans = {}
        for folder in self.folders:
            self._plans[folder] = self._retrying(
                f"examining {folder!r}", lambda f=folder: self.plan(f)
            )
        return sum(len(p.uids) for p in self._plans.values())

    # -- the sync ---------------------------------------------------------------------------
    def messages(self) -> Iterator[RawMail]:
        """Every message not yet in the store, folder by folder, ascending UID,
        each with the checkpoint it reaches (see the module docstring)."""
        plans, self._plans = self._plans or {}, None
        self._seen_ids, self._seen_hashes = set(), set()
        for folder in self.folders:
            plan = plans.get(folder)
            if plan is None:
                plan = self._retrying(f"examining {folder!r}", lambda f=folder: self.plan(f))
            yield from self._sync(plan)

    def _sync(self, plan: FolderPlan) -> Iterator[RawMail]:
        self.stats.folders += 1
        self._store_has_mail = None
        started = time.monotonic()
        held: tuple[int, bytes, str | None] | None = None  # (uid, data, error)
        scanned = plan.last_uid
        yielded = 0
        for uid, data, error in self._fetch_folder(plan):
            if data is None and error is None:  # a duplicate: skipped
                scanned = uid
                continue
            if held is not None:
                # The held message also covers the duplicates skipped since.
                yield self._raw(plan, held, uid - 1, final=False)
                yielded += 1
            held = (uid, data or b"", error)
            scanned = uid
        # Every UID below UIDNEXT that exists was searched: the checkpoint may
        # pass the gaps expunged mail left at the end.
        if plan.uidnext is not None and plan.uids:
            scanned = max(scanned, plan.uidnext - 1)
        if held is not None:
            yield self._raw(plan, held, scanned, final=True)
            yielded += 1
        elif self.store is not None and (scanned > plan.last_uid or plan.rescan):
            # Only duplicates (or gaps): nothing of this folder waits in the
            # consumer, so a checkpoint past them cannot skip anything. Save it.
            self.store.save_checkpoint(
                self.account, plan.folder, plan.uidvalidity, scanned, plan.highestmodseq
            )
        if plan.uids:
            log.info(
                "imap:%s/%s: %d new of %d UIDs read in %.2f s",
                self.account,
                plan.folder,
                yielded,
                len(plan.uids),
                time.monotonic() - started,
            )

    def _raw(
        self, plan: FolderPlan, held: tuple[int, bytes, str | None], upto: int, final: bool
    ) -> RawMail:
        uid, data, error = held
        modseq = plan.highestmodseq if final else plan.previous_modseq
        return RawMail(
            source=f"imap:{self.account}/{plan.folder}",
            key=str(uid),
            data=data,
            error=error,
            folder=plan.folder,
            account=self.account,
            checkpoint=(plan.uidvalidity, max(upto, uid), modseq),
        )

    def _fetch_folder(self, plan: FolderPlan) -> Iterator[tuple[int, bytes | None, str | None]]:
        """(uid, data, error) per UID of the plan; (uid, None, None) for a
        message skipped as a duplicate or gone from the server."""
        settings = self._require_settings()
        for batch in _chunks(plan.uids, settings.batch_size):
            results = self._retrying(
                f"reading {plan.folder!r}", lambda b=batch: self._fetch_batch(plan, b)
            )
            yield from results

    def _fetch_batch(self, plan: FolderPlan, batch: Sequence[int]) -> Results:
        selected = self.session.selected
        if selected is None or selected[0] != plan.folder:
            self._reselect(plan)
        # An IMAP number is 32 bits; a partial length of 0 is not allowed.
        limit = min(self._require_settings().whole_fetch_limit, MAX_PARTIAL)
        duplicates = self.stats.duplicates
        if plan.probe or limit <= 0:
            # Most of these are known already (a UIDVALIDITY change, a folder
            # of copies such as Gmail's All Mail): ask for Message-IDs first
            # and fetch only the bodies still missing.
            results = self._fetch_probing(plan, batch)
        else:
            results = self._fetch_at_once(plan, batch, limit)
        if not plan.rescan:  # probe while more than a quarter of a batch are copies
            plan.probe = (self.stats.duplicates - duplicates) * 4 > len(batch)
        return results

    def _new_by_id(
        self, plan: FolderPlan, batch: Sequence[int], ids: Mapping[int, str | None]
    ) -> tuple[list[int], set[int], set[str], int]:
        """Split ``batch`` by Message-ID (``ids``: uid → Message-ID for every
        UID still on the server) into (wanted UIDs, skipped UIDs, Message-IDs
        new in this batch, number of duplicates)."""
        known = self._known_ids([mid for mid in ids.values() if mid])
        seen = self._seen_ids
        wanted: list[int] = []
        skipped: set[int] = set()
        new_ids: set[str] = set()
        duplicates = 0
        for uid in batch:
            if uid not in ids:
                log.debug("imap:%s/%s: UID %d is gone", self.account, plan.folder, uid)
                skipped.add(uid)
                continue
            mid = ids[uid]
            if mid:
                if mid in known or mid in seen or mid in new_ids:
                    skipped.add(uid)
                    duplicates += 1
                    continue
                new_ids.add(mid)
            wanted.append(uid)
        return wanted, skipped, new_ids, duplicates

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
        """Drop the messages without a Message-ID whose content hash is known,
        note what this batch saw, and list (uid, data, error) in batch order."""
        no_id = [uid for uid in wanted if not ids.get(uid) and bodies.get(uid, (None,))[0]]
        new_hashes: set[str] = set()
        if no_id:
            by_hash = self._duplicates_by_hash(no_id, bodies, new_hashes)
            skipped |= by_hash
            duplicates += len(by_hash)
        # Only now, the batch complete: a batch retried after a reconnect must
        # not take its own messages for duplicates.
        self._seen_ids |= new_ids
        self._seen_hashes |= new_hashes
        self.stats.duplicates += duplicates
        results: list[tuple[int, bytes | None, str | None]] = []
        for uid in batch:
            body = None if uid in skipped else bodies.get(uid)
            if body is None:  # a duplicate, or expunged meanwhile
                results.append((uid, None, None))
            else:
                results.append((uid, body[0], body[1]))
        return results

    def _store_may_know(self) -> bool:
        """False when the application held no mail of this account as this
        folder's sync began (a first sync): then only this run's own messages
        can be duplicates, and one question spares one per batch."""
        if self.known is None:
            return False
        if self._store_has_mail is None:
            self._store_has_mail = self.known.holds_mail(self.account)
        return self._store_has_mail

    def _known_ids(self, message_ids: list[str]) -> set[str]:
        """Which of ``message_ids`` the application already holds."""
        if not message_ids or not self._store_may_know():
            return set()
        assert self.known is not None
        return set(self.known.message_ids(self.account, list(dict.fromkeys(message_ids))))

    def _duplicates_by_hash(
        self, uids: list[int], bodies: Bodies, new_hashes: set[str]
    ) -> set[int]:
        """Of messages without a Message-ID, those whose content digest the
        application (or this run) already has; the others' digests are added
        to ``new_hashes``. Without ``known`` no digest is made: none is a duplicate."""
        if self.known is None:
            return set()
        hashes: dict[int, str] = {}
        for uid in uids:
            digest = self.known.digest(bodies[uid][0] or b"")
            if digest is not None:
                hashes[uid] = digest
        known = (
            self.known.hashes(self.account, list(hashes.values()))
            if (hashes and self._store_may_know())
            else set()
        )
        duplicates = set()
        for uid, digest in hashes.items():
            if digest in known or digest in self._seen_hashes or digest in new_hashes:
                duplicates.add(uid)
            else:
                new_hashes.add(digest)
        return duplicates

    def _reselect(self, plan: FolderPlan) -> None:
        info = self.session.select(plan.folder)
        if int(info[b"UIDVALIDITY"]) != plan.uidvalidity:
            raise ConnectionFailed(
                f"imap:{self.account}/{plan.folder}: UIDVALIDITY changed during the sync; "
                "run again to read the folder afresh"
            )
