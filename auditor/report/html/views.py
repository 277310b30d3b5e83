"""View models of the audit page: plain data (text, numbers, datetimes, lists,
dicts) built from an audit result, never markup. ``templates/audit.html``
turns them into HTML, escaping every value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from auditor.report.html.labels import (
    LOCATION_LABEL,
    MAX_CAMPAIGN_ROWS,
    MAX_CAMPAIGNS,
    MAX_ERRORS,
    MAX_GROUPS_PER_CAMPAIGN,
    MAX_NOTICES,
    MAX_OTHER_GROUPS,
    MAX_RELATED,
    SEVERITIES,
    STATE_RANK,
)
from auditor.report.html.text import day, humanize, kind_label, utc, when

_DIGITS = re.compile(r"\d+")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def rule_docs(codes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``describe`` of each registered rule among ``codes``."""
    from rules.base import registry
    from rules.docs import describe

    classes = registry()
    return {code: describe(classes[code]) for code in sorted(set(codes)) if code in classes}


# -- findings -------------------------------------------------------------------------------
@dataclass
class _Group:
    """Identical findings (same rule, same words but numbers) in one campaign."""

    first: Any
    count: int = 0
    last_date: datetime | None = None
    orders: list[str] = field(default_factory=list)
    new: bool = False


def _group_key(finding: Any) -> tuple[str, str, str]:
    return (finding.rule, finding.location, _DIGITS.sub("0", finding.evidence or ""))


def _is_new(is_new: Any, finding: Any) -> bool:
    try:
        return bool(is_new(finding))
    except Exception:  # a report must render whatever the store knows
        return False


def _groups(findings: Iterable[Any], result: Any) -> list[_Group]:
    """Findings grouped by :func:`_group_key`, most severe then most frequent first."""
    groups: dict[tuple[str, str, str], _Group] = {}
    is_new = getattr(result, "is_new", None)
    for finding in findings:
        group = groups.setdefault(_group_key(finding), _Group(finding))
        group.count += 1
        if finding.date is not None and (group.last_date is None or finding.date > group.last_date):
            group.last_date = finding.date
        if finding.order_id and finding.order_id not in group.orders and len(group.orders) < 4:
            group.orders.append(finding.order_id)
        if is_new is not None and not group.new:
            group.new = _is_new(is_new, finding)
    return sorted(
        groups.values(),
        key=lambda g: (_RANK.get(g.first.severity, 9), -g.count, g.first.rule),
    )


def _excerpt(finding: Any) -> dict[str, Any]:
    """Where the evidence is, and the message text around it split in three
    (before, the evidence, after); ``text`` None when the engine kept no excerpt."""
    where = LOCATION_LABEL.get(finding.location, f"in the {finding.location}")
    context = getattr(finding, "context", None)
    span = getattr(finding, "context_span", None)
    if context and span and 0 <= span[0] < span[1] <= len(context):
        start, end = span
        text = (context[:start], context[start:end], context[end:])
        return {"where": where, "text": text, "evidence": None}
    return {"where": where, "text": None, "evidence": finding.evidence}


def _finding(group: _Group, docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    finding = group.first
    info = docs.get(finding.rule, {})
    related = list(finding.related or [])
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity,
        "new": group.new,
        "summary": info.get("summary") or "",
        "fix": info.get("fix") or "",
        "subject": finding.subject,
        "sent": when(finding.date),
        "order": finding.order_id,
        "count": group.count,
        "last": day(group.last_date) if group.last_date else None,
        "orders": group.orders if len(group.orders) > 1 else [],
        "orders_more": group.count > len(group.orders),
        "related": related[:MAX_RELATED],
        "related_more": max(0, len(related) - MAX_RELATED),
        "message_id": finding.message_id,
        "excerpt": _excerpt(finding),
    }


def finding_groups(
    findings: Iterable[Any], result: Any, docs: dict[str, Any], limit: int
) -> dict[str, Any]:
    """The distinct findings among ``findings`` (at most ``limit``) and how
    many are not shown."""
    groups = _groups(findings, result)
    return {
        "shown": [_finding(g, docs) for g in groups[:limit]],
        "more": max(0, len(groups) - limit),
        "hidden": sum(g.count for g in groups[limit:]),
    }


def by_rule(result: Any, docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per rule broken: count and campaigns, worst first."""
    per_rule: dict[str, dict[str, Any]] = {}
    for finding in result.findings:
        row = per_rule.setdefault(
            finding.rule,
            {"name": finding.name, "severity": finding.severity, "count": 0, "campaigns": set()},
        )
        row["count"] += 1
        if finding.campaign and len(row["campaigns"]) <= MAX_CAMPAIGN_ROWS:
            row["campaigns"].add(finding.campaign)
    ordered = sorted(
        per_rule.items(), key=lambda kv: (_RANK.get(kv[1]["severity"], 9), -kv[1]["count"], kv[0])
    )
    return [
        {
            "code": code,
            "name": row["name"],
            "severity": row["severity"],
            "count": row["count"],
            "campaigns": len(row["campaigns"]),
            "summary": docs.get(code, {}).get("summary", ""),
        }
        for code, row in ordered
    ]


# -- campaigns ------------------------------------------------------------------------------
def _sorted_campaigns(result: Any) -> list[Any]:
    return sorted(
        result.campaigns.values(),
        key=lambda c: (
            -c.findings.get("error", 0),
            -c.findings.get("warning", 0),
            -c.findings.get("info", 0),
            -STATE_RANK.get(c.state, 0),
            c.name,
        ),
    )


def _campaign_key(finding: Any) -> tuple[str | None, str]:
    source = getattr(finding, "source", "") or ""
    account = source[5:].split("/", 1)[0] if source.startswith("imap:") else None
    return account, finding.campaign or ""


def would_counts(result: Any) -> dict[str, int]:
    """How many campaigns ``auditor run`` would pause / resume (a projection)."""
    counts: dict[str, int] = {}
    for campaign in result.campaigns.values():
        would = getattr(campaign, "would", None)
        if would:
            counts[would] = counts.get(would, 0) + 1
    return counts


def _would(campaign: Any) -> dict[str, str] | None:
    """The projection, worded as one: "would pause until …"."""
    would = getattr(campaign, "would", None)
    if not would:
        return None
    until = getattr(campaign, "would_until", None)
    tail = ""
    if would == "pause":
        tail = f" until {day(until)}" if until else " until a person resumes"
    return {"verb": would, "tail": tail}


def _campaign(campaign: Any, anchor: str | None) -> dict[str, Any]:
    """What the overview row and the campaign's article say of it."""
    if campaign.until:
        until = when(campaign.until)
    else:
        until = "until resumed" if campaign.state == "paused" else "—"
    place = []
    if campaign.account and campaign.account not in ("local", "lint"):
        place.append(f"account {campaign.account}")
    return {
        "name": campaign.name,
        "anchor": anchor,
        "state": campaign.state,
        "until": until,
        "paused_until": when(campaign.until) if campaign.until else None,
        "reason": campaign.reason,
        "would": _would(campaign),
        "account": campaign.account if place else None,
        "marketplace": campaign.marketplace,
        "kind": campaign.kind,
        "messages": campaign.messages,
        "counts": {s: campaign.findings.get(s, 0) for s in SEVERITIES},
    }


def campaigns(result: Any, docs: dict[str, Any]) -> dict[str, Any]:
    """The overview rows, the campaigns shown with their findings (worst
    first, bounded), and the findings outside any campaign."""
    ordered = _sorted_campaigns(result)
    by_key: dict[tuple[str | None, str], list[Any]] = {}
    for finding in result.findings:
        by_key.setdefault(_campaign_key(finding), []).append(finding)
    shown: list[dict[str, Any]] = []
    anchors: dict[int, str] = {}
    claimed: set[tuple[str | None, str]] = set()
    for index, campaign in enumerate(ordered):
        key = (campaign.account, campaign.name)
        if key not in by_key:
            key = (None, campaign.name)
        found = by_key.get(key, []) if key not in claimed else []
        claimed.add(key)
        if found and len(shown) < MAX_CAMPAIGNS:
            anchors[id(campaign)] = anchor = f"campaign-{index + 1}"
            view = _campaign(campaign, anchor)
            view["findings"] = finding_groups(found, result, docs, MAX_GROUPS_PER_CAMPAIGN)
            shown.append(view)
    names = {(c.account, c.name) for c in ordered} | {(None, c.name) for c in ordered}
    loose = [f for key, items in by_key.items() if key not in names for f in items]
    with_findings = sum(1 for c in ordered if c.findings and sum(c.findings.values()))
    return {
        "count": len(ordered),
        "rows": [_campaign(c, anchors.get(id(c))) for c in ordered[:MAX_CAMPAIGN_ROWS]],
        "more_rows": max(0, len(ordered) - MAX_CAMPAIGN_ROWS),
        "shown": shown,
        "hidden": max(0, with_findings - len(shown)),
        "loose": finding_groups(loose, result, docs, MAX_OTHER_GROUPS) if loose else None,
    }


def cards(result: Any, states: dict[str, int]) -> dict[str, Any]:
    """The three cards under the banner: campaigns, errors, messages read."""
    counts = result.severity_counts()
    return {
        "campaigns": len(result.campaigns),
        "states_read": any(states.get(s) for s in ("paused", "flagged", "active")),
        "states": {s: states.get(s, 0) for s in ("paused", "flagged", "active")},
        "would": sorted(would_counts(result).items()),
        "counts": {s: counts.get(s, 0) for s in SEVERITIES},
        "waived": len(result.waived) if getattr(result, "waived", None) else 0,
        "messages": result.messages,
        "sent": result.sent_messages,
        "notices": len(result.notices),
        "unread": len(result.errors),
    }


# -- notices and errors ---------------------------------------------------------------------
def notice_rows(entries: Sequence[Any]) -> dict[str, Any]:
    """Notices (timeline entries) numbered in order, at most :data:`MAX_NOTICES`."""
    rows = []
    for index, e in enumerate(entries[:MAX_NOTICES], start=1):
        ids = [*e.asins, *e.order_ids, *e.complaint_ids, *e.case_ids]
        date = utc(e.date)
        rows.append(
            {
                "number": index,
                "phishing": bool(e.phishing),
                "day": day(date) if date is not None else None,
                "time": f"{date:%H:%M} UTC" if date is not None else None,
                "kind": kind_label(e.kind),
                "authenticity": e.authenticity,
                "ids": ids[:8],
                "ids_more": max(0, len(ids) - 8),
                "subject": e.subject,
                "sender": e.sender,
                "note": humanize(e.note),
            }
        )
    return {"rows": rows, "more": max(0, len(entries) - MAX_NOTICES)}


def unreadable(errors: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The messages that could not be read cleanly, at most :data:`MAX_ERRORS`."""
    return {
        "count": len(errors),
        "shown": [
            {"source": e.get("source"), "error": e.get("error")} for e in errors[:MAX_ERRORS]
        ],
        "more": max(0, len(errors) - MAX_ERRORS),
    }
