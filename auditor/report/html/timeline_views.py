"""View models of the timeline page (``templates/timeline.html``): plain
data from a :class:`auditor.notices.timeline.Timeline`, never markup."""

from __future__ import annotations

from typing import Any

from auditor.report.html.labels import GROUPS, MAX_NOTICES, OPEN_LABEL, RESTRICTION_KINDS
from auditor.report.html.text import day, group_of, humanize, kind_label, plural, when


def summary(timeline: Any) -> str:
    """``12 Amazon notices from 1 Oct 2026 to 9 Dec 2026 · 2 open items · …``"""
    entries = timeline.entries
    dated = [e.date for e in entries if e.date is not None]
    span = f" from {day(min(dated))} to {day(max(dated))}" if dated else ""
    return (
        f"{plural(len(entries), 'Amazon notice')}{span} · "
        f"{plural(len(timeline.open_items), 'open item')} · "
        f"{plural(len(timeline.phishing), 'possible phishing mail', 'possible phishing mails')}"
    )


def legend(timeline: Any) -> dict[str, Any]:
    """The lanes drawn (name, label) and whether bars and rings are."""
    used = {group_of(e) for e in timeline.entries if e.date is not None}
    return {
        "groups": [(name, label) for name, (label, _kinds) in GROUPS.items() if name in used],
        "bars": any(e.kind in RESTRICTION_KINDS and not e.phishing for e in timeline.entries),
        "open": bool(timeline.open_items),
    }


def chains(timeline: Any) -> list[dict[str, Any]]:
    """Each ASIN's complaint → retraction → clearance steps."""
    return [
        {
            "asin": chain.asin,
            "steps": [(kind_label(ev.kind), day(ev.date)) for ev in chain.events[:20]],
            "open": chain.open,
            "status": chain.status,
        }
        for chain in timeline.asins[:MAX_NOTICES]
    ]


def open_items(timeline: Any) -> list[dict[str, Any]]:
    """What is still open: label, subject, since/until, the detail."""
    return [
        {
            "label": OPEN_LABEL.get(item.kind, item.kind),
            "asin": item.kind == "asin",
            "subject": item.subject,
            "since": when(item.since) if item.since else None,
            "until": when(item.until) if item.until else None,
            "detail": humanize(item.detail),
        }
        for item in timeline.open_items[:MAX_NOTICES]
    ]


def phishing(timeline: Any) -> list[dict[str, Any]]:
    """The mails that imitate Amazon."""
    return [
        {"when": when(e.date), "subject": e.subject, "sender": e.sender, "note": humanize(e.note)}
        for e in timeline.phishing[:MAX_NOTICES]
    ]
