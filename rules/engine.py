"""The rules engine: chooses rules (select / ignore), runs them on each
message, streams cross-message rules, applies waivers, caches clean results
per template.

Usage::

    engine = Engine.from_settings(select=["BSM"], ignore=["BSM602"])
    for msg in messages:
        findings.extend(engine.check(msg, campaign="review-request"))
    findings.extend(engine.finish())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.message.ids import order_ids
from auditor.message.model import Kind, Message
from auditor.message.template import template_key
from rules.base import Hit, Rule, Severity, registry
from rules.finding import Finding, excerpt
from rules.index import RunIndex
from rules.text import View


def matches_code(code: str, patterns: Iterable[str]) -> int:
    """Length of the longest pattern (a code or a prefix like ``BSM3``) that
    matches ``code``; 0 if none does."""
    best = 0
    for pattern in patterns:
        pattern = pattern.strip().upper()
        if pattern in ("ALL", "*"):
            best = max(best, 1)
        elif pattern and code.startswith(pattern):
            best = max(best, len(pattern))
    return best


def choose(
    codes: Iterable[str], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[str]:
    """Codes left after ``select`` (default: all) and ``ignore``; the more
    specific of the two wins, as in ruff (``--select BSM --ignore BSM6``)."""
    chosen = []
    for code in codes:
        selected = matches_code(code, select) if select else 1
        ignored = matches_code(code, ignore)
        if selected and selected > ignored:
            chosen.append(code)
    return chosen


@dataclass(frozen=True, slots=True)
class Waiver:
    """A rule switched off for one campaign, with the reason someone recorded."""

    campaign: str
    rules: tuple[str, ...]
    reason: str

    def covers(self, finding: Finding) -> bool:
        return finding.campaign == self.campaign and bool(matches_code(finding.rule, self.rules))


@dataclass
class Context:
    """What rules may consult besides the message itself.

    ``settings`` is the ``[rules]`` config table (allow-lists, daily orders…),
    ``view`` and ``campaign`` are set per message by the engine.
    """

    settings: dict[str, Any] = field(default_factory=dict)
    view: View | None = None
    campaign: str | None = None
    #: what the audit remembers of every message (on disk, see rules.index)
    index: RunIndex = field(default_factory=RunIndex)

    def __post_init__(self) -> None:
        self.index.table("campaign_of", ("label TEXT", "campaign TEXT"), indexes=("label",))
        self.index.table(
            "prior_review_requests",
            ("order_id TEXT", "label TEXT", "date TEXT"),
            indexes=("order_id",),
        )

    def note_campaign(self, label: str, campaign: str | None) -> None:
        """Remember the campaign of the message labelled ``label``."""
        self.index.add("campaign_of", (label, campaign))

    def campaign_of(self, label: str) -> str | None:
        """The campaign of the audited message labelled ``label`` (None: unknown)."""
        row = self.index.one(  # the message's latest campaign
            "SELECT campaign FROM campaign_of WHERE label = ? ORDER BY rowid DESC LIMIT 1", (label,)
        )
        return row[0] if row else None

    def add_prior_review_request(self, order: str, label: str, date: str) -> None:
        """An order known to have had a review request before this audit (the
        store's earlier runs, Amazon "Request a Review" exports); ``date`` is
        ISO 8601 or empty."""
        self.index.add("prior_review_requests", (order, label, date))

    def prior_review_requests(self, order: str) -> list[tuple[str, str]]:
        """[(label, ISO date)] of the requests known for ``order`` before this audit."""
        return [
            (label, date)
            for label, date in self.index.rows(
                "SELECT label, date FROM prior_review_requests WHERE order_id = ? ORDER BY rowid",
                (order,),
            )
        ]


def _parts(msg: Message) -> dict[str, str]:
    """The texts a hit's ``location`` and ``span`` refer to."""
    return {"subject": msg.subject, "text": msg.text, "html": msg.html_text}


def _distinct(hits: Iterable[Hit]) -> list[Hit]:
    """``hits`` without repeats of one evidence (the plain and HTML
    alternatives say the same thing)."""
    seen: set[str] = set()
    kept = []
    for hit in hits:
        marker = hit.evidence.casefold()
        if marker not in seen:
            seen.add(marker)
            kept.append(hit)
    return kept


def _relocate(cached: tuple[tuple[str, str], ...], msg: Message) -> list[Hit] | None:
    """The cached hits of ``msg``'s template found again in ``msg``, or None
    when one of the quoted sentences is not in it word for word (it held a
    name or an order ID): then the rule must run."""
    if not cached:
        return []
    parts = _parts(msg)
    hits = []
    for location, evidence in cached:
        start = parts[location].find(evidence)
        if start < 0:
            return None
        hits.append(Hit(location, evidence, span=(start, start + len(evidence))))
    return hits


class Engine:
    """Runs a chosen set of rules over messages and turns hits into findings."""

    def __init__(
        self,
        rules: Sequence[Rule],
        context: Context | None = None,
        waivers: Sequence[Waiver] = (),
    ) -> None:
        self.rules = list(rules)
        self.context = context or Context()
        self.waivers = list(waivers)
        self._per_message = [r for r in self.rules if not r.cross_message]
        #: the per-message rules that apply to each kind of message, in order
        self._for_kind = {
            kind: [r for r in self._per_message if kind in r.applies_to] for kind in Kind
        }
        self._cross = [r for r in self.rules if r.cross_message or r.also_finishes]
        #: (code, template, cache key) -> the hits found there, as (location,
        #: evidence); () for a clean result. Bounded: cleared when full.
        self._results: dict[tuple, tuple[tuple[str, str], ...]] = {}
        self._results_limit = 20_000
        self._messages: dict[str, Message] = {}

    @classmethod
    def from_settings(
        cls,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        rule_options: dict[str, dict[str, Any]] | None = None,
        context: Context | None = None,
        waivers: Sequence[Waiver] = (),
    ) -> Engine:
        """An engine with the registry's rules after ``select``/``ignore``;
        ``rule_options`` maps a code to that rule's option values."""
        rule_options = rule_options or {}
        classes = registry()
        rules = [classes[code](rule_options.get(code)) for code in choose(classes, select, ignore)]
        return cls(rules, context, waivers)

    def _finding(self, rule: Rule, msg: Message, hit: Hit, campaign: str | None) -> Finding:
        ids = order_ids(msg.subject, msg.body)
        finding = Finding(
            rule=rule.code,
            name=rule.name,
            severity=str(rule.severity),
            message_id=msg.label,
            campaign=campaign,
            order_id=ids[0] if ids else None,
            date=msg.date,
            subject=msg.subject,
            location=hit.location,
            evidence=hit.evidence,
            related=list(hit.related),
            source=f"{msg.source}#{msg.key}",
            span=hit.span,
        )
        # The text around the evidence, for the HTML report's highlight; the
        # span is an offset into the raw part (View.sections keeps lengths).
        part = _parts(msg)
        if hit.span is not None and hit.location in part:
            found = excerpt(part[hit.location], hit.span, hit.evidence)
            if found is not None:
                finding.context, finding.context_span = found
        for waiver in self.waivers:
            if waiver.covers(finding):
                finding.waived = waiver.reason
                break
        return finding

    def check(self, msg: Message, campaign: str | None = None) -> list[Finding]:
        """Findings of the per-message rules for ``msg``; cross-message rules
        only take note of it (their findings come from :meth:`finish`)."""
        findings = self.check_message(msg, campaign)
        self._observe(msg, campaign)  # the context already holds msg's view
        return findings

    def check_message(self, msg: Message, campaign: str | None = None) -> list[Finding]:
        """The per-message half of :meth:`check`: findings of the per-message
        rules, without noting the campaign or letting cross-message rules
        observe (:meth:`observe` does that, in the process holding the run
        index). What a worker process runs."""
        ctx = self.context
        ctx.view = View(msg)
        ctx.campaign = campaign
        findings: list[Finding] = []
        template = msg.template or template_key(msg)
        results = self._results
        for rule in self._for_kind[msg.kind]:
            extra = rule.cache_key(msg, ctx)
            cache_key = None
            hits = None
            if extra is not None:
                cache_key = (rule.code, template, extra)
                cached = results.get(cache_key)
                if cached is not None:
                    if not cached:
                        continue  # clean for this template: the common case
                    hits = _relocate(cached, msg)
            if hits is None:
                hits = _distinct(rule.check(msg, ctx))
                if cache_key is not None:
                    self._remember(cache_key, hits, msg)
            for hit in hits:
                findings.append(self._finding(rule, msg, hit, campaign))
        return findings

    def observe(
        self,
        msg: Message,
        campaign: str | None = None,
        sections: dict[tuple[bool], list[tuple[str, str]]] | None = None,
    ) -> None:
        """The cross-message half of :meth:`check`: note ``msg``'s campaign
        and let the cross-message rules observe it. With
        :meth:`check_message` before it, the same as :meth:`check`.
        ``sections``: what ``View(msg).computed()`` held after
        :meth:`check_message` (possibly in another process)."""
        self.context.view = View(msg, dict(sections) if sections else {})
        self.context.campaign = campaign
        self._observe(msg, campaign)

    def _observe(self, msg: Message, campaign: str | None) -> None:
        ctx = self.context
        ctx.note_campaign(msg.label, campaign)
        for rule in self._cross:
            if msg.kind in rule.applies_to:
                rule.observe(msg, ctx)

    def _remember(self, cache_key: tuple, hits: list[Hit], msg: Message) -> None:
        """Cache a result for the template: clean, or hits that quote the
        message's text verbatim (so another message of the template can be
        checked for the same sentences without running the rule)."""
        parts = _parts(msg)
        for hit in hits:
            text = parts.get(hit.location)
            if (
                text is None
                or hit.span is None
                or hit.related
                or hit.message is not None
                or hit.campaign is not None
                or text[hit.span[0] : hit.span[1]] != hit.evidence
            ):
                return  # evidence that is not a quote: the rule runs each time
        if len(self._results) >= self._results_limit:
            self._results.clear()
        self._results[cache_key] = tuple((hit.location, hit.evidence) for hit in hits)

    def finish(self) -> list[Finding]:
        """Findings of the cross-message rules over everything checked."""
        return list(self.iter_finish())

    def iter_finish(self) -> Iterator[Finding]:
        """:meth:`finish`, streamed: a big audit's repeats need not all be
        in memory at once."""
        for rule in self._cross:
            for hit in rule.finish(self.context):
                msg = hit.message
                if msg is None:
                    continue
                campaign = hit.campaign or self.context.campaign_of(msg.label)
                yield self._finding(rule, msg, hit, campaign)
            rule.reset()

    @staticmethod
    def severity_at_least(finding: Finding, threshold: str) -> bool:
        if threshold == "never":
            return False
        return Severity(finding.severity).rank >= Severity(threshold).rank
