"""The send gate's decision: one outgoing message in, one :class:`Decision` out.

Both front-ends (``auditor milter`` for Postfix/Sendmail, ``auditor relay``
for SMTP clients) call :meth:`Gate.decide` with the message bytes and the
envelope recipients; the gate runs what the audit runs on a sent message —
the parser, the rules engine, the campaign grouping and the campaign state in
the store — and answers:

- no recipient at ``@marketplace.amazon.*``: ``pass``, untouched, not recorded;
- a campaign of kind ``amazon_request_a_review`` (Amazon's own template):
  ``accept``, untouched;
- an error-level finding: ``reject`` (``550 5.7.1`` with the rule code, name
  and the offending sentence), or ``hold`` / ``header`` as configured;
- a proactive message of a paused campaign (or of a campaign the store does
  not know yet while a restriction runs): ``tempfail`` (``451 4.7.1 … paused
  until …``) or ``hold``; replies to buyers still go (a restriction does not
  stop them);
- else ``accept`` with an ``X-Auditor`` header naming the rules version.

Every decision on a marketplace message is recorded in the store. When the
store cannot be reached the gate temp-fails (``fail_open = false``, the
default: nothing is lost) or decides on the rules alone (``fail_open``). Any
other failure costs the one message a temp-fail, never a silent drop.

Pre-send checks (a buyer who opted out, …) plug in through :attr:`Gate.checks`
or the ``auditor.gate_checks`` entry-point group: each is called with the
message, its campaign, the envelope recipients and the gate, after the rules
found no error, and may return a Decision that stops the message.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from auditor import __version__, clock
from auditor.audit import Auditor
from auditor.campaigns.policy import REQUEST_A_REVIEW
from auditor.campaigns.state import PAUSED, effective_state
from auditor.config import Config
from auditor.errors import MessageError, StoreError
from auditor.gate.settings import GateSettings
from auditor.message.amazon import relay_marketplace
from auditor.message.classify import enrich
from auditor.message.ids import order_ids
from auditor.message.model import Kind, Message
from auditor.message.parse import Limits, parse_message
from auditor.plugins import load_group
from auditor.store import Store, StoreUnavailable
from rules.finding import Finding
from rules.purpose import is_proactive, is_review_request
from rules.text import View

log = logging.getLogger(__name__)

ACCEPT, REJECT, TEMPFAIL, HOLD, HEADER, PASS = (
    "accept",
    "reject",
    "tempfail",
    "hold",
    "header",
    "pass",
)
#: a store that cannot answer (StoreUnavailable is a StoreError) or its file system
STORE_ERRORS = (StoreError, StoreUnavailable, OSError)
#: how stale the in-memory list of audited review requests may get
AUDITED_REFRESH_SECONDS = 5.0
#: The entry-point group of pre-send checks.
CHECKS_GROUP = "auditor.gate_checks"


@dataclass
class Decision:
    """What to answer the sender. ``code``/``status``/``text`` make the SMTP
    reply for ``reject`` and ``tempfail`` (and the hold reason for ``hold``);
    ``headers`` are added to an accepted message."""

    kind: str
    code: int = 250
    status: str = "2.0.0"
    text: str = "accepted"
    reason: str = "clean"
    headers: list[tuple[str, str]] = field(default_factory=list)
    campaign: str | None = None
    findings: list[Finding] = field(default_factory=list)
    message_hash: str | None = None
    until: datetime | None = None
    seconds: float = 0.0

    @property
    def reply(self) -> str:
        """The SMTP reply line (``550 5.7.1 …``), ASCII, one line."""
        return f"{self.code} {self.status} {smtp_safe(self.text)}"

    @property
    def rules(self) -> list[str]:
        """The codes of the findings no waiver covers."""
        return sorted({f.rule for f in self.findings if not f.waived})


#: (message, campaign, envelope recipients, gate) -> a Decision that stops
#: the message, or None to let the next check (and the gate) decide
PreSendCheck = Callable[[Message, str, Sequence[str], "Gate"], "Decision | None"]


def smtp_safe(text: str, limit: int = 400) -> str:
    """``text`` as one ASCII line for an SMTP reply: line breaks become
    spaces, accented letters plain, other characters backslash escapes (a
    Japanese sentence stays recoverable), cut at ``limit``."""
    flat = " ".join(text.split())
    if not flat.isascii():  # "für" → "fur": accents dropped, other scripts escaped
        flat = "".join(_plain(c) for c in flat)
    safe = flat.encode("ascii", "backslashreplace").decode("ascii")
    return safe if len(safe) <= limit else safe[: limit - 3] + "..."


def _plain(char: str) -> str:
    """A Latin letter without its accents; any other character as it is."""
    if char.isascii():
        return char
    base = unicodedata.normalize("NFKD", char)
    return base[0] if base[0].isascii() and base[0].isalpha() else char


def rules_version(engine_rules: Iterable[object]) -> str:
    """``auditor 0.1.0; rules 23/3f9a1c2b``: the package version, how many
    rules run and a digest of their codes, severities and options."""
    parts = sorted(
        f"{getattr(r, 'code', r)}:{getattr(r, 'severity', '')}:"
        f"{sorted(getattr(r, 'settings', {}).items())}"
        for r in engine_rules
    )
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=4).hexdigest()
    return f"auditor {__version__}; rules {len(parts)}/{digest}"


def load_checks() -> list[PreSendCheck]:
    """Pre-send checks registered as ``auditor.gate_checks`` entry points."""
    checks = load_group(
        CHECKS_GROUP,
        "gate check",
        adapt=lambda obj: obj if callable(obj) else None,
        expected="is not callable as check(message, campaign, recipients, gate)",
    )
    return list(checks.values())


class Gate:
    """Decides for outgoing messages; one per process (thread-safe).

    The rules engine is built once; the store's connection pool is reused,
    so a decision costs the parse, the rules and two or three small queries.
    """

    def __init__(
        self,
        config: Config,
        store: Store | None,
        settings: GateSettings | None = None,
        front: str = "milter",
        checks: Sequence[PreSendCheck] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.settings = settings or GateSettings.from_config(config)
        self.front = front
        self.account = self.settings.account
        self._auditor = Auditor(config, None, account=self.account)
        self.grouper = self._auditor.grouper
        self.engine = self._auditor.engine()
        self.limits = Limits(max_bytes=self.settings.max_message_bytes)
        self.version = rules_version(self.engine.rules)
        self.checks: list[PreSendCheck] = list(checks) if checks is not None else load_checks()
        self._amazon_requests = list(config.section("rules").get("amazon_review_requests", []))
        self._lock = threading.Lock()
        #: order id -> [(label, date)] of audited review requests; the store's
        #: last message row read, and when
        self._audited: dict[str, list[tuple[str, str]]] = {}
        self._audited_last = 0
        self._audited_at = float("-inf")
        self._audited_lock = threading.Lock()

    def warm(self) -> None:
        """Run the parser and the rules once (language models, phrase lists),
        so the first real message is as fast as the others. Records nothing."""
        sample = (
            b"From: shop@seller.example\r\nTo: buyer@marketplace.amazon.com\r\n"
            b"Subject: Your order 000-0000000-0000000\r\nMessage-ID: <warm-up@auditor>\r\n\r\n"
            b"Your order has shipped. Could you leave a review of your order?\r\n"
        )
        msg = enrich(parse_message(sample, "gate:warm-up", "-", self.limits))
        self._findings(msg, "warm-up", [])

    # -- the decision ---------------------------------------------------------------
    def decide(self, raw: bytes, recipients: Sequence[str], sender: str = "") -> Decision:
        """The decision for ``raw`` sent to ``recipients`` (the envelope's)."""
        started = time.perf_counter()
        try:
            decision = self._decide(raw, recipients)
        except Exception:  # a bug costs this message a temp-fail, never a silent drop
            log.exception("gate: internal error; the message is temp-failed")
            decision = Decision(
                TEMPFAIL, 451, "4.3.0", "auditor: internal error, try again later", reason="error"
            )
        decision.seconds = time.perf_counter() - started
        if decision.kind != PASS:
            log.info(
                "gate %s: %s %s campaign=%s rules=%s (%.1f ms)",
                self.front,
                decision.kind,
                decision.reason,
                decision.campaign,
                ",".join(decision.rules) or "-",
                decision.seconds * 1000,
            )
        return decision

    def _decide(self, raw: bytes, recipients: Sequence[str]) -> Decision:
        markets = [m for m in (relay_marketplace(r) for r in recipients) if m]
        if not markets:
            return Decision(PASS, reason="not-marketplace")
        try:
            msg = enrich(parse_message(raw, f"gate:{self.front}", "-", self.limits))
        except MessageError as exc:
            return Decision(
                REJECT, 554, "5.6.0", f"auditor: unreadable message: {exc}", reason="unreadable"
            )
        if msg.kind is not Kind.SENT:  # a buyer relay address in Bcc only
            msg.kind = Kind.SENT
        msg.marketplace = msg.marketplace or markets[0]
        campaign = self.grouper.assign(msg)
        if self.grouper.kind_of(campaign) == REQUEST_A_REVIEW:
            decision = Decision(ACCEPT, reason="request-a-review", campaign=campaign)
            return self._finish(decision, msg, store_ok=True)
        store_ok = True
        try:
            priors = self._priors(msg)
        except STORE_ERRORS as exc:
            log.warning("gate: store unavailable: %s", exc)
            store_ok, priors = False, []
            if not self.settings.fail_open:
                return _store_down(campaign, msg)
        findings = self._findings(msg, campaign, priors)
        decision = self._on_findings(findings, campaign)
        if decision is None:
            for check in self.checks:
                decision = check(msg, campaign, recipients, self)
                if decision is not None:
                    decision.campaign = decision.campaign or campaign
                    break
        if decision is None and store_ok and is_proactive(msg):
            try:
                decision = self._on_pause(msg, campaign)
            except STORE_ERRORS as exc:
                log.warning("gate: store unavailable: %s", exc)
                store_ok = False
                if not self.settings.fail_open:
                    return _store_down(campaign, msg)
        if decision is None:
            decision = Decision(ACCEPT, campaign=campaign)
            warnings = [f for f in findings if not f.waived]
            if warnings:
                decision.headers.append(("X-Auditor-Findings", _findings_header(warnings)))
        decision.findings = decision.findings or findings
        return self._finish(decision, msg, store_ok)

    def _priors(self, msg: Message) -> list[tuple[str, str, str]]:
        """Review requests known for the message's orders (BSM304): those the
        gate let through, and the audited ones (kept in memory, topped up
        with what the store gained at most every few seconds)."""
        orders = order_ids(msg.subject, msg.body)
        if not orders or self.store is None:
            return []
        now = time.monotonic()
        with self._audited_lock:
            if now - self._audited_at >= AUDITED_REFRESH_SECONDS:
                self._audited_last, found = self.store.review_requests_after(
                    self.account, self._audited_last
                )
                for order, label, date in found:
                    self._audited.setdefault(order, []).append((label, date))
                self._audited_at = now
            known = [(o, label, date) for o in orders for label, date in self._audited.get(o, ())]
        return known + self.store.gate_review_requests(self.account, orders)

    def _findings(
        self, msg: Message, campaign: str, priors: list[tuple[str, str, str]]
    ) -> list[Finding]:
        """Per-message rules, and the cross-message ones (BSM304) against what
        the store knows; one message at a time (the engine is not reentrant)."""
        with self._lock:
            context = self.engine.context
            index = context.index
            index.clear("prior_review_requests")
            index.clear("campaign_of")
            for order in self._amazon_requests:
                context.add_prior_review_request(order, "amazon:request-a-review", "")
            for order, label, _date in priors:
                # Undated: whatever its date, a stored request came before this
                # send. The same message sent again is not a repeat.
                if label != msg.message_id:
                    context.add_prior_review_request(order, label, "")
            findings = self.engine.check(msg, campaign)
            findings.extend(self.engine.iter_finish())
        return findings

    def _on_findings(self, findings: list[Finding], campaign: str) -> Decision | None:
        errors = [f for f in findings if f.severity == "error" and not f.waived]
        if not errors:
            return None
        first = errors[0]
        text = f'{first.rule} {first.name}: "{first.evidence}"'
        others = sorted({f.rule for f in errors} - {first.rule})
        if others:
            text += f" (and {', '.join(others)})"
        header = ("X-Auditor-Findings", _findings_header(errors))
        mode = self.settings.findings
        if mode == HEADER:
            return Decision(
                HEADER,
                text=text,
                reason="findings",
                campaign=campaign,
                headers=[header],
                findings=errors,
            )
        kind = HOLD if mode == HOLD else REJECT
        return Decision(
            kind,
            550,
            "5.7.1",
            f"auditor: {text}",
            reason="findings",
            campaign=campaign,
            findings=errors,
            headers=[header],
        )

    def _on_pause(self, msg: Message, campaign: str) -> Decision | None:
        if self.store is None:
            return None
        now = clock.now()
        stored = self.store.gate_campaign(self.account, campaign)
        if stored is not None:
            if effective_state(stored, now) != PAUSED:
                return None
            until, why = stored.until, stored.reason or "paused"
        else:  # a template not seen before: paused too while a restriction runs
            notice = self.store.gate_restriction(self.account, msg.marketplace, now)
            if notice is None:
                return None
            until, why = notice.ends_at, f"{notice.kind.replace('_', ' ')} on record"
        when = f"until {until:%Y-%m-%d %H:%M} UTC" if until else "until a person resumes it"
        text = f"auditor: campaign {campaign} paused {when} ({why})"
        kind = HOLD if self.settings.paused == HOLD else TEMPFAIL
        return Decision(kind, 451, "4.7.1", text, reason="paused", campaign=campaign, until=until)

    def _finish(self, decision: Decision, msg: Message, store_ok: bool) -> Decision:
        decision.message_hash = msg.content_hash
        if decision.reason != "request-a-review":
            note = "" if store_ok else "; unrecorded (store unavailable)"
            decision.headers.insert(0, ("X-Auditor", f"{decision.kind}; {self.version}{note}"))
        if self.store is None or not store_ok:
            return decision
        orders = order_ids(msg.subject, msg.body)
        try:
            self.store.record_gate_decision(
                account=self.account,
                front=self.front,
                at=clock.now(),
                message_hash=msg.content_hash,
                message_id=msg.message_id,
                campaign=decision.campaign,
                marketplace=msg.marketplace,
                decision=decision.kind,
                reason=decision.reason,
                rules=decision.rules,
                order_ids=orders,
                review_request=bool(orders) and is_review_request(View(msg)),
            )
        except STORE_ERRORS as exc:
            log.warning("gate: decision not recorded, store unavailable: %s", exc)
            if not self.settings.fail_open and decision.kind in (ACCEPT, HEADER):
                return _store_down(decision.campaign, msg)
        return decision


def _store_down(campaign: str | None, msg: Message) -> Decision:
    return Decision(
        TEMPFAIL,
        451,
        "4.3.0",
        "auditor: decision store unavailable, try again later",
        reason="store-unavailable",
        campaign=campaign,
        message_hash=msg.content_hash,
    )


def _findings_header(findings: Iterable[Finding]) -> str:
    """``BSM301 review-incentive (error); BSM404 opt-out-link (warning)``."""
    seen = dict.fromkeys(f"{f.rule} {f.name} ({f.severity})" for f in findings)
    return "; ".join(seen)
