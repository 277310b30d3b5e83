"""The per-message half of an audit, and worker processes to run it on
every core (``auditor audit --jobs N``).

An audit does two kinds of work per message:

- :func:`analyse`: parse, classify, name the campaign, detect a notice and
  run the per-message rules. It reads nothing but the message and the
  configuration, so any process can do it;
- the rest (:meth:`auditor.audit.Auditor._one`): counting, the run index of
  the cross-message rules, the store. That stays in the main process, which
  takes the analyses in input order whoever made them.

:class:`Pool` runs :func:`analyse` in ``jobs - 1`` worker processes and in
the main process itself whenever the workers have enough queued: on two
cores, one worker and the main process together. The results are merged in
input order, so the findings, their order and the report are the same as
with ``--jobs 1``. Workers start only once an audit has gone past
``start_after`` messages (a small audit does not pay for their start), and
they are started with ``spawn``: a fresh interpreter loads only the parser,
the language model and the rules, not the main process's store or report
code, which keeps the sum of all processes' memory low.
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import logging
import multiprocessing
import operator
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from auditor.errors import MessageError
from auditor.message.classify import enrich
from auditor.message.model import Attachment, Image, Kind, Link, Message
from auditor.message.parse import parse_message
from auditor.notices import Notice, detect
from connectors import RawMail
from rules.engine import Engine
from rules.finding import Finding

if TYPE_CHECKING:
    from auditor.audit import Auditor

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Analysis:
    """What :func:`analyse` found in one message.

    ``error`` is set when the message could not be read (the ``errors``
    entry's text); ``failure`` when a detector or a rule failed on it
    (``failed_in``: ``"detect"`` or ``"check"``), which costs that message
    only."""

    message: Message | None = None
    error: str | None = None
    campaign: str | None = None
    notice: Notice | None = None
    findings: list[Finding] = field(default_factory=list)
    failure: str | None = None
    failed_in: str | None = None
    #: the message's rule view as the per-message rules left it
    #: (:meth:`rules.text.View.computed`), for the cross-message rules
    sections: dict | None = None


def analyse(
    data: bytes,
    source: str,
    key: str,
    auditor: Auditor,
    engine: Engine,
    notice_settings: dict[str, Any] | None = None,
) -> Analysis:
    """The per-message work on one message's bytes (see the module docstring).
    ``notice_settings``: the account's ``[notices]`` settings (default: the
    config's section; a worker knows no accounts)."""
    where = f"{source}#{key}" if key else source
    try:
        msg = enrich(parse_message(data, source, key, auditor.limits))
    except MessageError as exc:
        return Analysis(error=str(exc))
    except Exception as exc:  # a parser bug must not end the audit of the others
        log.debug("parser failure on %s", where, exc_info=True)
        return Analysis(error=f"unreadable message: {type(exc).__name__}")
    found = Analysis(message=msg)
    if msg.kind is Kind.SENT:
        found.campaign = auditor.grouper.assign(msg)
    stage = "detect"
    try:
        if msg.kind is not Kind.SENT:
            # OTHER too: a colleague's forward of an Amazon notice need not say "Amazon".
            settings = notice_settings
            if settings is None:
                settings = auditor.config.section("notices")
            found.notice = detect(msg, settings, raw=data)
        stage = "check"
        found.findings = engine.check_message(msg, found.campaign)
        view = engine.context.view
        if view is not None and view.msg is msg:
            found.sections = view.computed()
    except Exception as exc:  # a bug in one detector or rule costs this message only
        log.debug("failure on %s", where, exc_info=True)
        found.failure = f"unreadable message: {type(exc).__name__}"
        found.failed_in = stage
        found.notice, found.findings = None, []
    return found


#: Fields of a sent message that the main process never reads: the
#: per-message rules and the campaign naming used them in the worker; the
#: cross-message rules, the linker, the order memory and the store read the
#: addresses, dates, subject and text. Left out of a worker's result, they
#: cost neither the worker's pickling nor the main process's unpickling.
_WORKER_ONLY: dict[str, type] = {
    "headers": list,
    "html": str,
    "css": list,
    "masked_subject": str,
    "masked_body": str,
    "links": list,
    "images": list,
    "attachments": list,
}


def slim(found: Analysis) -> Analysis:
    """``found`` without what only the worker needed (a sent message's
    :data:`_WORKER_ONLY` fields, emptied). Received mail stays whole: the
    main process may decide its notice again with an account's own trust."""
    msg = found.message
    if msg is not None and msg.kind is Kind.SENT and found.failure is None:
        for name, empty in _WORKER_ONLY.items():
            setattr(msg, name, empty())
    return found


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _peak_kib() -> int | None:
    """This process's resident high-water mark (Linux), in KiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _fast_pickle(*classes: type) -> None:
    """Pickle these slotted dataclasses as ``cls(*values)``: the default for
    slots (a ``__getstate__``/``__setstate__`` pair that walks
    ``dataclasses.fields`` in Python) made unpickling the workers' results
    the main process's largest cost after the store. Fields are all
    ``init`` fields, in order, so the objects come back equal."""
    for cls in classes:
        names = [f.name for f in dataclasses.fields(cls)]
        if not all(f.init for f in dataclasses.fields(cls)):
            continue
        values = operator.attrgetter(*names)

        def reduce(obj: Any, cls: type = cls, values: Any = values) -> tuple:
            return cls, values(obj)

        copyreg.pickle(cls, reduce)


_fast_pickle(Message, Link, Image, Attachment, Finding, Analysis)

#: The collector's thresholds during an audit's message loop. With the
#: default (700, 10, 10) the main process of a 100k-message audit spent
#: 1.6-1.9 s in 3,100 collections, 25 of them full ones of up to 60 ms
#: (long enough to leave the worker without queued work): nearly all the
#: audit's objects are freed by their reference counts, not by the cycle
#: collector. With these: 0.12-0.14 s in about 225 collections, one full.
AUDIT_GC_THRESHOLD = (20_000, 20, 20)

_T = TypeVar("_T")


def fewer_collections(items: Iterable[_T]) -> Iterator[_T]:
    """``items``, with the collector at :data:`AUDIT_GC_THRESHOLD` until
    they end (the thresholds are restored after, also on an error)."""
    old = gc.get_threshold()
    gc.set_threshold(*AUDIT_GC_THRESHOLD)
    try:
        yield from items
    finally:
        gc.set_threshold(*old)


#: batches analysed by workers, in this process's lifetime
STATS = {"worker_batches": 0}

#: VmHWM (KiB) of each worker that has ended, in this process's lifetime
#: (the memory benchmark adds them to the main process's own).
WORKER_PEAKS_KIB: list[int] = []


def _worker(settings: dict[str, Any], tasks: Any, results: Any) -> None:
    """A worker's loop: batches of (seq, [(data, source, key)]) in, (seq,
    [Analysis]) out; None ends it, answered with the worker's peak memory."""
    from auditor.audit import Auditor

    # Ctrl-C reaches the whole process group: the main process ends the
    # workers itself (a worker's traceback would only be noise).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    auditor = Auditor(**settings)
    engine = auditor.engine(None)
    # What the worker has loaded lives as long as it does: out of the
    # collector's sight, and the rest collected as in the main process.
    gc.freeze()
    gc.set_threshold(*AUDIT_GC_THRESHOLD)
    results.put(("ready", None))
    parent = os.getppid()
    while True:
        try:
            task = tasks.get(timeout=5)
        except queue.Empty:
            if os.getppid() != parent:
                return  # the main process was killed: nobody will read
            continue
        if task is None:
            results.put(("peak", _peak_kib()))
            return
        seq, batch = task
        out = []
        for data, source, key in batch:
            try:
                out.append(slim(analyse(data, source, key, auditor, engine)))
            except Exception as exc:
                out.append(Analysis(error=f"unreadable message: {type(exc).__name__}"))
        results.put((seq, out))


class Pool:
    """Runs :func:`analyse` for an :class:`~auditor.audit.Auditor` on
    ``jobs - 1`` worker processes and the main process (see the module
    docstring). Use as a context manager; :meth:`run` yields ``(raw,
    analysis)`` in input order (``analysis`` None for a raw that carries its
    own error)."""

    #: block until the workers are up when they start (tests: so that the
    #: workers certainly take part in a small audit)
    wait_for_workers = False

    def __init__(
        self,
        auditor: Auditor,
        engine: Engine,
        jobs: int,
        batch: int = 50,
        batch_bytes: int = 4 * 2**20,
        start_after: int = 5000,
        start_above_bytes: int = 20 * 2**20,
    ) -> None:
        self.auditor = auditor
        self.engine = engine
        self.workers = max(0, jobs - 1)
        self.batch = batch
        self.batch_bytes = batch_bytes
        self.start_after = start_after
        #: a source of more bytes than this starts the workers at once
        self.start_above_bytes = start_above_bytes
        self._big = False  # a source said it is big: start now, not after start_after
        #: batches queued per worker before the main process does one itself
        #: (6, not 3: at 100k the worker waited 1.1-1.2 s for work instead of
        #: 3.1-3.3 s while the main process stored its batches)
        self.depth = 6
        self._procs: list[Any] = []
        self._up = 0  # workers that said they are ready
        self._tasks: Any = None
        self._results: Any = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- workers -------------------------------------------------------------------
    def worker_settings(self) -> dict[str, Any]:
        """What a worker builds its :class:`~auditor.audit.Auditor` from.
        Workers read mail, not mailboxes: no account (so no password) and
        no store settings go to them."""
        auditor = self.auditor
        config = dataclasses.replace(
            auditor.config,
            data={k: v for k, v in auditor.config.data.items() if k not in ("accounts", "store")},
        )
        return {
            "config": config,
            "select": auditor.select,
            "ignore": auditor.ignore,
            "fail_on": auditor.fail_on,
            "account": auditor.account,
            "limits": auditor.limits,
        }

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._tasks, self._results = ctx.Queue(), ctx.Queue()
        settings = self.worker_settings()
        for _ in range(self.workers):
            proc = ctx.Process(
                target=_worker, args=(settings, self._tasks, self._results), daemon=True
            )
            proc.start()
            self._procs.append(proc)

    def close(self) -> None:
        """End the workers (their peak memory goes to :data:`WORKER_PEAKS_KIB`)."""
        if not self._procs:
            return
        if self._up < len(self._procs):
            # Still starting (the audit was short): nothing queued, no wait.
            self._collect({}, block=False)
        if self._up < len(self._procs):
            for proc in self._procs:
                proc.terminate()
            for proc in self._procs:
                proc.join()
            self._tasks.cancel_join_thread()
            self._tasks.close()
            self._results.close()
            self._procs = []
            return
        for _ in self._procs:
            self._tasks.put(None)
        ended = 0
        deadline = time.monotonic() + 30
        while ended < len(self._procs) and time.monotonic() < deadline:
            try:
                item = self._results.get(timeout=0.5)
            except queue.Empty:
                if not any(proc.is_alive() for proc in self._procs):
                    break
                continue
            if item[0] == "peak":
                ended += 1
                if item[1] is not None:
                    WORKER_PEAKS_KIB.append(item[1])
        for proc in self._procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        if ended < len(self._procs):
            # A worker that died leaves tasks nobody will read: do not wait at
            # exit for them to be written.
            self._tasks.cancel_join_thread()
        self._tasks.close()
        self._results.close()
        self._procs = []

    def expect(self, messages: int | None, size: int | None) -> None:
        """A source about to be read holds ``messages`` messages or ``size``
        bytes (either may be None: not known). A big one starts the workers
        at its first batch instead of after ``start_after`` messages: a
        worker takes a second or two to start, which the main process would
        otherwise spend analysing alone."""
        if (messages is not None and messages > self.start_after) or (
            size is not None and size > self.start_above_bytes
        ):
            self._big = True

    # -- the run -----------------------------------------------------------------------
    def _batches(self, raws: Iterable[RawMail]) -> Iterator[list[RawMail]]:
        batch: list[RawMail] = []
        size = 0
        for raw in raws:
            batch.append(raw)
            size += len(raw.data)
            if len(batch) >= self.batch or size >= self.batch_bytes:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    def _local(self, batch: list[RawMail]) -> list[Analysis | None]:
        return [
            None if raw.error else analyse(raw.data, raw.source, raw.key, self.auditor, self.engine)
            for raw in batch
        ]

    def run(self, raws: Iterable[RawMail]) -> Iterator[tuple[RawMail, Analysis | None]]:
        """``(raw, analysis)`` for every raw message, in input order.

        The main process's own work comes first: the merge, the cross-message
        rules and the store for the oldest finished batch (in the caller,
        between two yields). Between two batches it tops the workers up to
        ``depth`` queued batches each, and it analyses a batch itself only
        while the oldest batch is still at a worker. So the workers never wait
        for it and it never waits for them while there is mail to read."""
        #: [seq, raws, analyses or None while a worker has them]
        window: deque[list[Any]] = deque()
        done: dict[int, list[Analysis]] = {}
        batches = enumerate(self._batches(raws))
        self._inflight = 0
        self._seen = 0
        # Bounded, so that memory does not grow with the mailbox.
        limit = 2 * max(1, self.workers) * self.depth + 4
        more = True
        while more or window:
            self._inflight -= self._collect(done, block=False)
            while more and self._up and self._inflight < self._up * self.depth:
                if len(window) >= limit:
                    break
                more = self._take(batches, window, done, remote=True)
            if window and (window[0][2] is not None or window[0][0] in done):
                yield from self._head(window, done)
                continue
            if more and len(window) < limit:
                more = self._take(batches, window, done, remote=False)
                continue
            if window:  # the oldest batch is at a worker: wait for it
                self._inflight -= self._collect(done, block=True)

    def _take(
        self,
        batches: Iterator[tuple[int, list[RawMail]]],
        window: deque[list[Any]],
        done: dict[int, list[Analysis]],
        remote: bool,
    ) -> bool:
        """Read the next batch into ``window``, for a worker (``remote``) or
        analysed here; False when the input has ended."""
        item = next(batches, None)
        if item is None:
            return False
        seq, batch = item
        self._seen += len(batch)
        if self.workers and not self._procs and (self._big or self._seen > self.start_after):
            self._start()
            while self.wait_for_workers and self._up < self.workers:
                self._collect(done, block=True)
        if remote and self._up:
            self._tasks.put((seq, [(r.data, r.source, r.key) for r in batch if not r.error]))
            window.append([seq, batch, None])
            self._inflight += 1
        else:
            window.append([seq, batch, self._local(batch)])
        return True

    def _collect(self, done: dict[int, list[Analysis]], block: bool) -> int:
        """Take the workers' finished batches into ``done``; how many."""
        count = 0
        while self._procs:
            try:
                item = self._results.get(timeout=60) if block else self._results.get_nowait()
            except queue.Empty:
                if block:
                    dead = [p for p in self._procs if not p.is_alive()]
                    if dead:
                        raise RuntimeError(
                            f"audit worker ended unexpectedly (exit {dead[0].exitcode})"
                        ) from None
                    continue
                return count
            seq, analyses = item
            if seq == "ready":
                self._up += 1
                block = False
                continue
            done[seq] = analyses
            STATS["worker_batches"] += 1
            count += 1
            block = False
        return count

    @staticmethod
    def _head(
        window: deque[list[Any]], done: dict[int, list[Analysis]]
    ) -> Iterator[tuple[RawMail, Analysis | None]]:
        """Yield the oldest batch of ``window`` (its analyses are in)."""
        seq, batch, analyses = window.popleft()
        if analyses is None:
            made = iter(done.pop(seq))
            analyses = [None if raw.error else next(made) for raw in batch]
        yield from zip(batch, analyses, strict=True)
