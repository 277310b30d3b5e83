"""What every human-facing report says first, as plain data.

:func:`standing` turns an audit result into the account's standing: the
restrictions running (until when, what to do now), possible phishing and
other open items; :func:`campaign_order` sorts campaigns worst first;
:func:`finding_sections` groups findings per campaign and rule with one
example and a count. The table and Markdown formats render these; the text
here is plain (mail text included) and each formatter escapes it.

A line of the standing is a tuple of pieces; a :class:`Mail` piece is text
taken from a mail (a subject, a sender, a period's wording), which a
formatter must quote as hostile (Markdown: a code span), and ``plain(line)``
joins them for a terminal.

Campaign state is the stored state; what ``auditor run`` would change is
counted apart (``would``) and always worded as a projection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditor.notices.groups import RESTRICTION_KINDS

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
#: worst first: a campaign that may not send, then one that needs a person
STATE_RANK = {"paused": 0, "flagged": 1, "active": 2, None: 3}


class Mail(str):
    """Text that came from a mail: a formatter quotes it, never interprets it."""


class Quoted(Mail):
    """Mail text shown in quotes (a subject, a notice's own words)."""


Line = tuple[str, ...]


def plain(line: Line | str) -> str:
    """A standing line as one string (for a terminal, which escapes it whole)."""
    if isinstance(line, str):
        return line
    return "".join(f"“{piece}”" if isinstance(piece, Quoted) else piece for piece in line)


def value(item: Any) -> str:
    """An enum's value, or the string itself."""
    return str(getattr(item, "value", item))


def stamp(moment: datetime | None) -> str:
    """``2026-12-09 08:12 UTC`` (or ``-``)."""
    if moment is None:
        return "-"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _days(later: datetime, now: datetime) -> str:
    left = later - now
    days = max(0, left.days + (1 if left.seconds else 0))
    return "1 day" if days == 1 else f"{days} days"


@dataclass
class Standing:
    """The account's standing at ``now``, most important first."""

    restricted: bool
    headline: str
    #: one line per restriction running
    details: list[Line] = field(default_factory=list)
    #: what a person should do now
    todo: list[Line] = field(default_factory=list)
    #: phishing and other open items (deactivation, IP complaints, appeals)
    warnings: list[Line] = field(default_factory=list)
    #: "stored states: 3 paused, 1 flagged, 1 active" or that the store was not read
    states: str = ""
    #: "auditor run would pause 2" or ""
    would: str = ""


def _count_line(counts: dict[str, int], order: Iterable[str]) -> str:
    return ", ".join(f"{counts[k]} {k}" for k in order if counts.get(k))


def standing(result: Any, now: datetime) -> Standing:
    """The account's standing: restrictions (until when, what to do),
    possible phishing, open items, and the campaign states as stored."""
    restrictions = list(result.active_restrictions(now))
    states, would = _tally(result.campaigns.values())
    if restrictions:
        headline = _restricted_headline(restrictions, now)
        details = [_restriction_line(notice) for notice in restrictions]
        todo = _restricted_todo(result, restrictions, would)
    else:
        headline, details, todo = _unrestricted(result, would, now)
    return Standing(
        restricted=bool(restrictions),
        headline=headline,
        details=details,
        todo=todo,
        warnings=_warnings(result, now),
        states=_states_line(result, states),
        would=_would_line(would),
    )


def _tally(campaigns: Iterable[Any]) -> tuple[dict[str, int], dict[str, int]]:
    """How many campaigns are in each stored state, and how many ``auditor
    run`` would move by each verb (pause, resume …)."""
    states: dict[str, int] = {}
    would: dict[str, int] = {}
    for campaign in campaigns:
        if campaign.state is not None:
            states[campaign.state] = states.get(campaign.state, 0) + 1
        if getattr(campaign, "would", None):
            would[campaign.would] = would.get(campaign.would, 0) + 1
    return states, would


def _states_line(result: Any, states: dict[str, int]) -> str:
    """The stored campaign states, or why they are not known."""
    if not result.campaigns:
        return "no campaign among the messages read"
    if getattr(result, "store", None) is None and not any(states.values()):
        return (
            "campaign states: store not read (--no-store or lint), so the stored states are unknown"
        )
    return "campaign states as stored: " + (
        _count_line(states, ("paused", "flagged", "active")) or "none"
    )


def _would_line(would: dict[str, int]) -> str:
    """What ``auditor run`` would change, worded as a projection ("" for nothing)."""
    if not would:
        return ""
    parts = [f"{verb} {count}" for verb, count in sorted(would.items())]
    return (
        f"projection, not applied: 'auditor run' would {' and '.join(parts)} "
        f"campaign{'s' if sum(would.values()) != 1 else ''}"
    )


def _markets(restrictions: list[Any]) -> str:
    """The marketplaces the restrictions cover, as words ("amazon.de and amazon.fr")."""
    return " and ".join(sorted({n.marketplace or "an unnamed marketplace" for n in restrictions}))


def _open_ended(restrictions: list[Any]) -> list[Any]:
    return [n for n in restrictions if n.ends_at is None or n.permanent]


def _last_end(restrictions: list[Any]) -> datetime:
    """When the last of the (dated, not permanent) restrictions ends."""
    return max(n.ends_at for n in restrictions if n.ends_at is not None and not n.permanent)


def _restricted_headline(restrictions: list[Any], now: datetime) -> str:
    where = _markets(restrictions)
    open_ended = _open_ended(restrictions)
    if any(n.permanent for n in open_ended):
        headline = f"Proactive messaging is RESTRICTED on {where}, permanently"
    elif open_ended:
        headline = f"Proactive messaging is RESTRICTED on {where}, with no end date stated"
    else:
        last = _last_end(restrictions)
        headline = (
            f"Proactive messaging is RESTRICTED on {where} until {stamp(last)} "
            f"({_days(last, now)} from now)"
        )
    if all(getattr(n, "needs_confirmation", False) for n in restrictions):
        headline += ", says a notice not yet verified or confirmed"
    return headline


def _restricted_todo(result: Any, restrictions: list[Any], would: dict[str, int]) -> list[Line]:
    """What to do while restricted: respect the period (or check it), confirm
    the notices not verified, run ``auditor run``, fix the errors."""
    todo: list[Line] = []
    if _open_ended(restrictions):
        todo.append(
            (
                "Check the period in Seller Central (Account Health); campaigns stay paused "
                "until a person resumes them ('auditor resume CAMPAIGN --reason ...').",
            )
        )
    else:
        todo.append(
            (
                f"Send no proactive messages on {_markets(restrictions)} before "
                f"{stamp(_last_end(restrictions))}; only "
                "Amazon's Request a Review button may be used there meanwhile.",
            )
        )
    todo.extend(
        _confirm_line(notice)
        for notice in restrictions
        if getattr(notice, "needs_confirmation", False)
    )
    if would.get("pause"):
        todo.append(
            (
                "Run 'auditor run' to pause the campaigns the restriction covers "
                "(this audit changed nothing).",
            )
        )
    if result.counts.get("error"):
        todo.append(("Fix the error-level findings below: they are what Amazon restricts for.",))
    return todo


def _confirm_line(notice: Any) -> Line:
    """Ask a person to confirm a restriction notice not verified as Amazon's."""
    why = "; ".join(list(notice.authenticity_reasons)[:2]) or value(notice.authenticity)
    return (
        "Needs confirming: a restriction notice not verified as Amazon's (",
        Mail(why),
        "), so 'auditor run' pauses nothing for it. If Seller Central (Account "
        "Health) shows it, run ",
        Mail(notice.confirm_command),
        ".",
    )


def _unrestricted(
    result: Any, would: dict[str, int], now: datetime
) -> tuple[str, list[Line], list[Line]]:
    """Headline, details and to-do when no restriction is running: when the
    last one (not suspicious) ended, if any."""
    ended = [
        n
        for n in result.notices
        if value(n.kind) in RESTRICTION_KINDS and value(n.authenticity) != "suspicious"
    ]
    details: list[Line] = []
    todo: list[Line] = []
    if ended:
        headline = "No messaging restriction is running"
        last = max(ended, key=lambda n: n.ends_at or now)
        details.append(
            (
                f"The last restriction (received {stamp(last.received_at)}) ended "
                f"{stamp(last.ends_at)}.",
            )
        )
    else:
        headline = "No messaging restriction found in the mail read"
    if would.get("resume"):
        todo.append(("Run 'auditor run' to record the lifted pauses.",))
    if result.counts.get("error"):
        todo.append(("Fix the error-level findings below before Amazon restricts messaging.",))
    return headline, details, todo


def _restriction_line(notice: Any) -> Line:
    kind = value(notice.kind).replace("_", " ")
    stated: Line = ()
    if notice.permanent:
        period = "permanently"
    elif notice.ends_at is not None:
        period = f"until {stamp(notice.ends_at)}"
        if getattr(notice, "period_text", None):
            stated = (" (the notice says ", Quoted(notice.period_text), ")")
    else:
        period = "no end date stated"
    return (
        Mail(notice.marketplace or "marketplace not named"),
        f": {kind}, {period}",
        *stated,
        f"; received {stamp(notice.received_at)}, {value(notice.authenticity)}",
    )


#: warnings of one kind listed one by one; more are summed up in one line
MAX_EACH = 3


def _warnings(result: Any, now: datetime) -> list[Line]:
    out: list[Line] = []
    phishing = [
        n
        for n in result.notices
        if getattr(n, "phishing", False) or value(n.authenticity) == "suspicious"
    ]
    for notice in phishing[:MAX_EACH]:
        sender = getattr(notice, "sender", "") or "an unknown sender"
        out.append(
            (
                "POSSIBLE PHISHING: ",
                Quoted(notice.subject),
                " from ",
                Mail(sender),
                " only pretends to come from Amazon: do not click its links, open "
                "attachments or reply.",
            )
        )
    if len(phishing) > MAX_EACH:
        out.append(
            (f"… and {len(phishing) - MAX_EACH} more possible phishing mails (see the notices).",)
        )
    try:
        from auditor.notices.timeline import build_timeline

        timeline = build_timeline(result.notices, now)
    except Exception:  # a lint result has no notices layer to speak of
        return out
    asins = []
    for item in timeline.open_items:
        since = stamp(item.since)
        if item.kind == "deactivation":
            out.append(
                (
                    f"Amazon deactivated the selling account ({since}) and no reinstatement "
                    "was found: ",
                    Quoted(item.subject),
                )
            )
        elif item.kind == "appeal":
            out.append((f"An appeal sent {since} has no decision yet.",))
        elif item.kind == "asin":
            asins.append(item)
    if len(asins) <= MAX_EACH:
        for item in asins:
            out.append(
                (
                    "ASIN ",
                    Mail(item.subject),
                    f" has an IP complaint ({stamp(item.since)}) with no clearance after it.",
                )
            )
    else:
        shown: list[str] = []
        for item in asins[:5]:
            shown += [Mail(item.subject), ", "]
        out.append(
            (
                f"{len(asins)} ASINs have an IP complaint with no clearance after it: ",
                *shown[:-1],
                f"{' …' if len(asins) > 5 else ''} (see the notices).",
            )
        )
    return out


def campaign_order(result: Any) -> list[Any]:
    """Campaigns worst first: paused, flagged, then by errors and warnings."""
    return sorted(
        result.campaigns.values(),
        key=lambda c: (
            STATE_RANK.get(c.state, 3),
            0 if getattr(c, "would", None) == "pause" else 1,
            -c.findings.get("error", 0),
            -c.findings.get("warning", 0),
            -c.findings.get("info", 0),
            c.name,
        ),
    )


@dataclass
class Group:
    """The findings of one rule in one campaign: one example and a count."""

    rule: str
    name: str
    severity: str
    example: Any
    count: int = 0
    messages: set[str] = field(default_factory=set)


def finding_sections(result: Any) -> list[tuple[Any, str, list[Group]]]:
    """(campaign summary or None, campaign name, groups) per campaign with
    findings, in :func:`campaign_order`; groups by severity, then count."""
    groups: dict[str, dict[str, Group]] = {}
    for finding in result.findings:
        by_rule = groups.setdefault(finding.campaign or "", {})
        group = by_rule.get(finding.rule)
        if group is None:
            group = by_rule[finding.rule] = Group(
                finding.rule, finding.name, finding.severity, finding
            )
        group.count += 1
        group.messages.add(finding.message_id or f"#{group.count}")
    sections: list[tuple[Any, str, list[Group]]] = []
    seen: set[str] = set()
    for campaign in campaign_order(result):
        if campaign.name in groups and campaign.name not in seen:
            seen.add(campaign.name)
            sections.append((campaign, campaign.name, _ranked(groups[campaign.name])))
    for name, by_rule in groups.items():
        if name not in seen:
            sections.append((None, name, _ranked(by_rule)))
    return sections


def _ranked(by_rule: dict[str, Group]) -> list[Group]:
    return sorted(
        by_rule.values(), key=lambda g: (SEVERITY_RANK.get(g.severity, 9), -g.count, g.rule)
    )
