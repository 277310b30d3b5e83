"""The audit pipeline: source → message → notice / finding → store → report.

:class:`Auditor` is the one core object the CLI drives: it opens each
source, parses and classifies every message, detects notices, runs the rules,
writes batches to the store and returns an :class:`AuditResult` for a
formatter. A message that cannot be read is listed in ``errors`` and the rest
go on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from auditor.campaigns.grouping import Grouper
from auditor.config import Config
from auditor.findings import FindingLog
from auditor.known import StoredMail
from auditor.message.amazon import relay_marketplace
from auditor.message.ids import order_ids
from auditor.message.model import Kind, Message
from auditor.message.parse import DEFAULT_LIMITS, Limits
from auditor.notices import Notice, detect
from auditor.notices.groups import RESTRICTION_KINDS
from auditor.notices.link import link_notices
from auditor.orders import facts as order_facts
from auditor.orders.run import RunMemory
from auditor.orders.timeline import OrderRow
from auditor.pool import Analysis, analyse, fewer_collections
from auditor.store.record import MessageRecord, finding_fingerprint
from connectors import RawMail, open_source
from connectors.base import INCREMENTAL
from rules.base import Severity
from rules.engine import Context, Engine, Waiver
from rules.finding import Finding
from rules.index import IndexMapping
from rules.purpose import is_review_request
from rules.text import View

if TYPE_CHECKING:
    from auditor.store import Store

log = logging.getLogger(__name__)


@dataclass
class CampaignSummary:
    name: str
    kind: str = "free_form"
    account: str = "local"
    marketplace: str | None = None
    messages: int = 0
    #: the state as stored (what ``auditor gate`` answers); None when the
    #: store was not read (``audit --no-store``)
    state: str | None = "active"
    until: datetime | None = None
    reason: str | None = None
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    #: a projection, never the state: what ``auditor run`` would change
    #: ("pause" or "resume"; None for nothing), until when and why
    would: str | None = None
    would_until: datetime | None = None
    would_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "account": self.account,
            "kind": self.kind,
            "messages": self.messages,
            "state": self.state,
            "until": self.until.isoformat() if self.until else None,
            "reason": self.reason,
            "findings": dict(self.findings),
            "would": self.would,
            "would_until": self.would_until.isoformat() if self.would_until else None,
            "would_reason": self.would_reason,
        }


@dataclass
class AuditResult:
    """Everything a report needs; ``to_dict`` is the contract's audit JSON."""

    generated_at: datetime
    messages: int = 0
    sent_messages: int = 0
    findings: FindingLog = field(default_factory=FindingLog)
    waived: FindingLog = field(default_factory=FindingLog)
    notices: list[Notice] = field(default_factory=list)
    #: by (account, campaign name)
    campaigns: dict[tuple[str, str], CampaignSummary] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    fail_on: str = "error"
    #: findings (not waived) per severity, counted as they are added
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    #: per-order timeline rows (only when the Auditor collects them)
    orders: list[OrderRow] = field(default_factory=list)
    #: where the campaign states come from: None when no store was read,
    #: else ``{"dialect": "sqlite"|"postgresql", "as_of": ISO-8601}``
    store: dict[str, Any] | None = None
    #: what the send gate (auditor milter / relay) decided, from the store;
    #: None without a store
    gate: dict[str, Any] | None = None

    def add(self, finding: Finding) -> None:
        """Count ``finding`` and keep it (waived ones apart)."""
        if finding.waived:
            self.waived.append(finding)
            return
        self.counts[finding.severity] += 1
        self.findings.append(finding)

    def severity_counts(self) -> dict[str, int]:
        return dict(self.counts)

    @property
    def unreadable(self) -> int:
        """Messages (or whole sources) that could not be read at all; warnings
        (read, but damaged) do not count."""
        return sum(1 for e in self.errors if e.get("level", "error") == "error")

    def active_restrictions(self, now: datetime | None = None) -> list[Notice]:
        """Restriction notices (not suspicious) still running at ``now``."""
        now = now or datetime.now(UTC)
        return [
            n
            for n in self.notices
            if n.kind in RESTRICTION_KINDS
            and n.authenticity != "suspicious"
            and (n.ends_at is None or n.ends_at > now)
        ]

    def exit_status(self, now: datetime | None = None) -> int:
        """0 clean; 1 a finding at or above ``fail_on`` or an active restriction;
        2 when some input could not be read (the audit is incomplete)."""
        if self.unreadable:
            return 2
        if self.fail_on != "never":
            threshold = Severity(self.fail_on).rank
            if any(n and Severity(s).rank >= threshold for s, n in self.counts.items()):
                return 1
        return 1 if self.active_restrictions(now) else 0

    def is_new(self, finding: Finding) -> bool:
        return finding.new

    def finding_dicts(self) -> Iterator[dict[str, Any]]:
        """The findings in the contract's shape, streamed from the log."""
        for finding in self.findings:
            item = finding.to_dict()
            item["new"] = finding.new
            yield item

    def to_dict(self, with_findings: bool = True, with_notices: bool = True) -> dict[str, Any]:
        findings = list(self.finding_dicts()) if with_findings else []
        return {
            "schema": "auditor.audit/1",
            "generated_at": self.generated_at.isoformat(),
            "summary": {
                "messages": self.messages,
                "sent_messages": self.sent_messages,
                "notices": len(self.notices),
                "findings": self.severity_counts(),
                "unreadable": self.unreadable,
            },
            "findings": findings,
            "notices": [n.to_dict(full=True) for n in self.notices] if with_notices else [],
            "campaigns": [c.to_dict() for c in self.campaigns.values()],
            "errors": list(self.errors),
            "waived": [dict(f.to_dict(), reason=f.waived) for f in self.waived],
            "store": dict(self.store) if self.store is not None else None,
            "gate": self.gate,
        }


def _chunks(items: Iterable[Finding], size: int) -> Iterator[list[Finding]]:
    chunk: list[Finding] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _error(source: str, message_id: str | None, text: str, level: str = "error") -> dict[str, Any]:
    """An entry of ``errors``: ``level`` "error" (not read, not audited) or
    "warning" (read and audited, but damaged)."""
    return {"source": source, "message_id": message_id, "error": text, "level": level}


class Auditor:
    """Runs audits for one configuration and (optionally) one store."""

    def __init__(
        self,
        config: Config,
        store: Store | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        fail_on: str | None = None,
        since: datetime | None = None,
        account: str = "local",
        limits: Limits = DEFAULT_LIMITS,
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
        stop: threading.Event | None = None,
        total: Callable[[int], None] | None = None,
        collect_orders: bool = False,
        jobs: int = 1,
    ) -> None:
        self.config = config
        self.store = store
        audit_cfg = config.section("audit")
        self.select = list(select) or list(audit_cfg.get("select", []))
        self.ignore = list(ignore) + list(audit_cfg.get("ignore", []))
        self.fail_on = fail_on or audit_cfg.get("fail_on", "error")
        self.since = since
        self.account = account
        self.limits = limits
        if "max_message_bytes" in audit_cfg:
            self.limits = Limits(max_bytes=audit_cfg["max_message_bytes"])
        self.batch_size = batch_size
        self.progress = progress
        self.stop = stop
        self.total = total
        self.grouper = Grouper(config.campaigns, str(config.path or "config"))
        #: keep per-order timeline rows in the result (``auditor timeline``)
        self.collect_orders = collect_orders
        #: processes parsing and rule-checking (auditor.pool); 1: this one alone
        self.jobs = max(1, int(jobs))
        #: messages read before worker processes start (a small audit starts none)
        self.pool_start = 5000
        #: ... or at once when a source is bigger than this (an mbox file's size)
        self.pool_start_bytes = 20 * 2**20

    # -- building blocks ---------------------------------------------------------
    def engine(self, run_id: int | None = None) -> Engine:
        rules_cfg = self.config.section("rules")
        allowlist = {
            c["name"]: list(c["allowed_links"])
            for c in self.config.campaigns
            if c.get("allowed_links")
        }
        context = Context(settings={**rules_cfg, "campaign_link_allowlist": allowlist})
        context.settings[order_facts.SUPPLIED] = True  # the audit fills the order facts
        for order in rules_cfg.get("amazon_review_requests", []):
            context.add_prior_review_request(order, "amazon:request-a-review", "")
        if self.store is not None:
            for order, label, date in self.store.prior_review_requests(self.account, run_id):
                context.add_prior_review_request(order, label, date)
        waivers = [
            Waiver(w["campaign"], tuple(w["rules"]), w["reason"]) for w in self.config.waivers
        ]
        return Engine.from_settings(
            select=self.select,
            ignore=self.ignore,
            rule_options=rules_cfg.get("options", {}),
            context=context,
            waivers=waivers,
        )

    def read(
        self,
        sources: Iterable[str],
        expect: Callable[[int | None, int | None], None] | None = None,
    ) -> Iterator[RawMail]:
        """Raw messages from every source in turn (SourceError stops the run).

        A source that holds no mail at all (an empty mbox, a folder without
        .eml files) yields one error entry instead: it is not a clean audit.
        Incremental sources (IMAP) may well have nothing new. ``expect`` is
        told, as each source opens, what it holds: (messages, bytes), either
        None when not known (:meth:`auditor.pool.Pool.expect`)."""
        for spec in sources:
            known = StoredMail(self.store)
            with open_source(spec, config=self.config, store=self.store, known=known) as connector:
                pending = getattr(connector, "pending", None)
                if pending is not None and (self.total is not None or expect is not None):
                    count = pending()  # an IMAP sync plans its folders (kept for messages())
                    if self.total is not None:
                        self.total(count)  # a determinate progress bar
                    if expect is not None:
                        expect(count, None)
                elif expect is not None:
                    expect(None, connector.volume())
                count = 0
                for raw in connector.messages():
                    count += 1
                    yield raw
                if not count and INCREMENTAL not in connector.capabilities:
                    why = getattr(connector, "empty_reason", lambda: "no mail found")()
                    yield RawMail(spec, "", b"", f"{why}: nothing to audit")

    # -- the audit ---------------------------------------------------------------------
    def audit(self, sources: Iterable[str], command: str = "audit") -> AuditResult:
        """Audit every message of ``sources`` (see the module docstring)."""
        result = AuditResult(generated_at=datetime.now(UTC), fail_on=self.fail_on)
        run_id = self.store.start_run(command) if self.store else None
        engine = self.engine(run_id)
        cross_rules = frozenset(r.code for r in engine.rules if r.cross_message or r.also_finishes)
        self._index = engine.context.index
        self._index.table("sent_campaign", ("message_id TEXT", "campaign TEXT"), ("message_id",))
        self._index.table("sent_order", ("order_id TEXT", "message_id TEXT"), ("order_id",))
        self._index.table("sent_relay", ("relay TEXT", "message_id TEXT"), ("relay",))
        self._orders = RunMemory(self._index, self.store, self.collect_orders)
        batch: list[MessageRecord] = []
        # Sync progress is saved with the batch holding the messages it covers.
        checkpoints: dict[tuple[str, str], tuple[int, int, int | None]] = {}
        status = "failed"
        unflushed = 0
        try:
            for raw, record in fewer_collections(self._records(sources, engine, result)):
                unflushed += 1
                if raw.checkpoint is not None and raw.account and raw.folder:
                    checkpoints[(raw.account, raw.folder)] = raw.checkpoint
                if record is not None:
                    batch.append(record)
                if unflushed >= self.batch_size:
                    self._flush(batch, run_id, cross_rules, checkpoints, result)
                    batch, checkpoints, unflushed = [], {}, 0
                if self.progress:
                    self.progress(1)
                if self.stop is not None and self.stop.is_set():
                    log.info("stop requested: ending after this message")
                    break
            self._flush(batch, run_id, cross_rules, checkpoints, result)
            self._orders.prepare()  # stored facts of the orders and buyers in play
            for cross in _chunks(engine.iter_finish(), self.batch_size):
                self._collect(cross, result)
                if self.store is not None:
                    for account in {self._account_of(f) for f in cross}:
                        mine = [f for f in cross if self._account_of(f) == account]
                        new = self.store.attach_findings(account, mine, run_id)
                        for finding in mine:
                            finding.new = finding_fingerprint(finding) in new
                for finding in cross:
                    result.add(finding)
            link_notices(
                result.notices,
                IndexMapping(self._index, "sent_campaign", "message_id", "campaign", last=True),
                IndexMapping(self._index, "sent_order", "order_id", "message_id"),
                IndexMapping(self._index, "sent_relay", "relay", "message_id"),
            )
            if self.collect_orders:
                result.orders = self._orders.rows()
            status = "ok"
        finally:
            self._index.close()  # its temporary file goes with it
            if self.store is not None and run_id is not None:
                self.store.finish_run(run_id, status, result.severity_counts())
        result.notices.sort(key=lambda n: n.received_at or datetime.min.replace(tzinfo=UTC))
        if self.store is not None:  # messages the send gate stopped before sending
            result.gate = self.store.gate_summary(self.account)
        return result

    def _records(
        self, sources: Iterable[str], engine: Engine, result: AuditResult
    ) -> Iterator[tuple[RawMail, MessageRecord | None]]:
        """Each raw message with its record, in input order; with ``jobs`` > 1
        the per-message work is shared with worker processes (auditor.pool)."""
        if self.jobs <= 1:
            for raw in self.read(sources):
                yield raw, self._one(raw, engine, result)
            return
        from auditor.pool import Pool

        with Pool(
            self,
            engine,
            self.jobs,
            start_after=self.pool_start,
            start_above_bytes=self.pool_start_bytes,
        ) as pool:
            for raw, analysis in pool.run(self.read(sources, pool.expect)):
                yield raw, self._one(raw, engine, result, analysis)

    def _flush(
        self,
        batch: list[MessageRecord],
        run_id: int | None,
        cross_rules: frozenset[str],
        checkpoints: dict[tuple[str, str], tuple[int, int, int | None]],
        result: AuditResult,
    ) -> None:
        """Store a batch (with the sync checkpoints it reaches) in one
        transaction, then hand its findings, marked new or not, to the result."""
        self._orders.flush()
        if self.store is not None:
            new = self.store.record(batch, run_id, cross_rules, checkpoints)
            for record in batch:
                for finding in record.findings:
                    finding.new = finding_fingerprint(finding) in new
        for record in batch:
            for finding in record.findings:
                result.add(finding)
            record.findings = []
            record.raw = None

    def _collect(self, findings: list[Finding], result: AuditResult) -> None:
        """Count findings per campaign (they reach the result when stored)."""
        for finding in findings:
            if finding.waived:
                continue
            if finding.campaign:
                summary = self._summary(result, self._account_of(finding), finding.campaign)
                summary.findings[finding.severity] += 1

    def _summary(
        self, result: AuditResult, account: str, name: str, marketplace: str | None = None
    ) -> CampaignSummary:
        summary = result.campaigns.get((account, name))
        if summary is None:
            summary = CampaignSummary(name, self.grouper.kind_of(name), account, marketplace)
            result.campaigns[(account, name)] = summary
        return summary

    def _remember_sent(self, msg: Message, campaign: str) -> None:
        """Keep the IDs that link notices to sent messages (not the messages)."""
        if not msg.message_id:
            return
        index = self._index
        index.add("sent_campaign", (msg.message_id, campaign))
        for order in order_ids(msg.subject, msg.body):
            index.add("sent_order", (order, msg.message_id))
        for addr in msg.to:
            if relay_marketplace(addr):
                index.add("sent_relay", (addr, msg.message_id))

    def _notice_settings(self, account: str | None) -> dict[str, Any]:
        """``[notices]``, with the account's own ``trusted_authserv_ids`` added."""
        settings = self.config.section("notices")
        own = self._own_trust(account)
        if not own:
            return settings
        trusted = [*settings.get("trusted_authserv_ids", ()), *own]
        return {**settings, "trusted_authserv_ids": trusted}

    def _own_trust(self, account: str | None) -> list[str]:
        """The account's own ``trusted_authserv_ids`` (none for files)."""
        return self.config.accounts.get(account or "", {}).get("trusted_authserv_ids") or []

    def _account_of(self, finding: Finding) -> str:
        if finding.source.startswith("imap:"):
            return finding.source[5:].split("/", 1)[0]
        return self.account

    def _one(
        self, raw: RawMail, engine: Engine, result: AuditResult, analysis: Analysis | None = None
    ) -> MessageRecord | None:
        where = f"{raw.source}#{raw.key}" if raw.key else raw.source
        if raw.warning:
            result.errors.append(_error(where, None, raw.warning, "warning"))
        if raw.error:
            result.errors.append(_error(where, None, raw.error))
            return None
        # Parse, classify, campaign, notice and per-message rules (auditor.pool).
        analysis_remote = analysis is not None
        if analysis is None:
            analysis = analyse(
                raw.data, raw.source, raw.key, self, engine, self._notice_settings(raw.account)
            )
        if analysis.error is not None or analysis.message is None:
            result.errors.append(_error(where, None, analysis.error or "unreadable message"))
            return None
        msg = analysis.message
        if msg.defects:
            result.errors.append(_error(where, msg.message_id, "; ".join(msg.defects), "warning"))
        if self.since is not None and msg.date is not None and msg.date < self.since:
            return None
        result.messages += 1
        campaign = analysis.campaign
        notice = analysis.notice
        if msg.kind is Kind.SENT:
            result.sent_messages += 1
            self._remember_sent(msg, campaign)
            self._orders.sent(raw.account or self.account, msg, msg.body)
            self._summary(
                result, raw.account or self.account, campaign, msg.marketplace
            ).messages += 1
        if analysis.failure is not None:  # a detector or a per-message rule failed
            if analysis.failed_in == "check":
                engine.context.note_campaign(msg.label, campaign)
            result.errors.append(_error(where, msg.message_id, analysis.failure))
            return None
        findings = analysis.findings
        try:
            if msg.kind is not Kind.SENT:
                notice = self._received_notice(raw, msg, notice, analysis_remote)
            engine.observe(msg, campaign, analysis.sections)  # the cross-message rules
        except Exception as exc:  # a bug in one detector or rule costs this message only
            log.debug("failure on %s", where, exc_info=True)
            result.errors.append(
                _error(where, msg.message_id, f"unreadable message: {type(exc).__name__}")
            )
            return None
        if notice is not None:
            notice.raw = raw.data
            result.notices.append(notice)
        self._collect(findings, result)
        return MessageRecord(
            account=raw.account or self.account,
            content_hash=msg.content_hash,
            message_id=msg.message_id,
            source=msg.source,
            key=msg.key,
            folder=raw.folder,
            kind=str(msg.kind),
            date=msg.date,
            subject=msg.subject,
            from_addr=msg.from_addr,
            to_addr=msg.to[0] if msg.to else "",
            marketplace=msg.marketplace,
            language=msg.language,
            campaign=campaign,
            order_ids=order_ids(msg.subject, msg.body),
            review_request=msg.kind is Kind.SENT and is_review_request(View(msg)),
            notice=notice.to_dict(full=True) if notice is not None else None,
            raw=raw.data if notice is not None else None,
            findings=findings,
        )

    def _received_notice(
        self, raw: RawMail, msg: Message, notice: Notice | None, analysis_remote: bool
    ) -> Notice | None:
        """The notice of a received message as this process decides it (the
        order memory learns from the message on the way)."""
        if analysis_remote and notice is not None and self._own_trust(raw.account):
            # A worker knows the [notices] section only: the account's
            # own trusted servers decide here, as in one process.
            notice = detect(msg, self._notice_settings(raw.account), raw=raw.data)
        learnt = self._orders.learn(raw.account or self.account, msg, notice)
        if learnt and notice is not None and notice.kind == "other_amazon":
            if not notice.phishing:
                notice = None  # an order mail, not an account-health notice
        return notice
