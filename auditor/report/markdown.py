"""``--format md``: the audit as Markdown, for a ticket or a chat message.

Same order as the terminal report: the account's standing first, then
campaigns worst first (stored state, and what ``auditor run`` would change
in its own column), then findings grouped per campaign and rule with one
example and a count, then the notices.

Mail is hostile: every piece of mail text (subjects, campaign names made
from subjects, evidence, senders) is an inline code span, so no link, image,
HTML, heading or emphasis in it is ever rendered; pipes are escaped inside
tables and line breaks removed, so a subject cannot break a table or start a
block. Our own words go through :func:`escape`.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.report.standing import (
    Mail,
    campaign_order,
    finding_sections,
    stamp,
    standing,
)

MAX_CAMPAIGNS = 100  #: campaigns in the table and with findings shown
MAX_GROUPS = 25  #: distinct rules shown per campaign
MAX_NOTICES = 300
MAX_ERRORS = 50

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~&])")
_TICKS = re.compile(r"`+")


def _flat(text: Any, limit: int, strip: bool = True) -> str:
    value = _CONTROL.sub(" ", "" if text is None else str(text))
    value = re.sub(r"\s+", " ", value)
    value = value.strip() if strip else value
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return value


def escape(text: Any, limit: int = 400, strip: bool = True) -> str:
    """Text for a Markdown paragraph: one line, every character that could
    start markup backslash-escaped ("1." "-" "+" at the start too)."""
    value = _SPECIAL.sub(r"\\\1", _flat(text, limit, strip))
    return re.sub(r"^(\d+)\.|^([-+=])", lambda m: f"{m[1]}\\." if m[1] else f"\\{m[2]}", value)


def code(text: Any, limit: int = 400, table: bool = False) -> str:
    """Mail text as an inline code span: shown literally, never rendered.
    In a table a pipe is escaped (GFM removes the backslash in a cell)."""
    value = _flat(text, limit)
    if not value:
        return "(empty)"
    longest = max((len(run) for run in _TICKS.findall(value)), default=0)
    fence = "`" * (longest + 1)
    if value.startswith("`") or value.endswith("`"):
        value = f" {value} "
    if table:
        value = value.replace("|", "\\|")
    return f"{fence}{value}{fence}"


def _line(pieces: tuple[str, ...] | str) -> str:
    if isinstance(pieces, str):
        return escape(pieces)
    return "".join(code(p, 300) if isinstance(p, Mail) else escape(p, strip=False) for p in pieces)


def _state(campaign: Any) -> str:
    if campaign.state is None:
        return "not read (no store)"
    if campaign.state == "paused":
        return (
            f"**paused** until {campaign.until:%Y-%m-%d %H:%M} UTC"
            if campaign.until
            else "**paused** until a person resumes it"
        )
    return escape(campaign.state)


def _would(campaign: Any) -> str:
    would = getattr(campaign, "would", None)
    if not would:
        return "—"
    if would == "pause":
        until = getattr(campaign, "would_until", None)
        return "_would pause_ " + (f"until {until:%Y-%m-%d}" if until else "until a person resumes")
    return f"_would {escape(would)}_"


def _standing(result: Any, now: Any) -> list[str]:
    info = standing(result, now)
    out = ["## Account standing", ""]
    mark = "✖" if info.restricted else "✔"
    out += [f"**{mark} {escape(info.headline)}**", ""]
    out += [f"- {_line(line)}" for line in info.details]
    if info.details:
        out.append("")
    if info.todo:
        out += ["**What to do now**", ""]
        out += [f"{i}. {_line(line)}" for i, line in enumerate(info.todo, start=1)]
        out.append("")
    for line in info.warnings:
        out += [f"> ⚠ {_line(line)}", ""]
    out.append(f"_{escape(info.states)}_  ")
    if info.would:
        out.append(f"_{escape(info.would)}_")
    out.append("")
    return out


def _campaigns(result: Any) -> list[str]:
    campaigns = campaign_order(result)
    stored = (
        "State as stored"
        if getattr(result, "store", None) is not None
        else "No store read, so no stored state"
    )
    out = [
        "## Campaigns, worst first",
        "",
        f"{stored}; _next run_ is a projection of what `auditor run` would change.",
        "",
        "| campaign | state | next run | messages | errors | warnings |",
        "|---|---|---|---:|---:|---:|",
    ]
    for c in campaigns[:MAX_CAMPAIGNS]:
        out.append(
            f"| {code(c.name, 120, table=True)} | {_state(c)} | {_would(c)} | {c.messages} "
            f"| {c.findings['error']} | {c.findings['warning']} |"
        )
    if len(campaigns) > MAX_CAMPAIGNS:
        out += ["", f"… and {len(campaigns) - MAX_CAMPAIGNS} more campaigns (--format json)."]
    out.append("")
    return out


def _findings(result: Any) -> list[str]:
    out = ["## Findings by campaign and rule", ""]
    sections = finding_sections(result)
    for campaign, name, groups in sections[:MAX_CAMPAIGNS]:
        title = code(name, 200) if name else "(no campaign)"
        if campaign is not None:
            title += f" — {campaign.messages} message{'s' if campaign.messages != 1 else ''}"
            title += f", {_state(campaign).replace('**', '')}"
        out += [f"### {title}", ""]
        for group in groups[:MAX_GROUPS]:
            f = group.example
            more = len(group.messages) - 1
            count = f" — ×{more} more message{'s' if more != 1 else ''}" if more > 0 else ""
            out.append(
                f"- **{escape(group.severity)} {escape(group.rule)}** {escape(group.name)}{count}"
            )
            where = [f.date.strftime("%Y-%m-%d") if f.date else "undated"]
            if f.order_id:
                where.append(f"order {code(f.order_id, 60)}")
            where.append(f"in {escape(f.location)}")
            out.append(f"  - e.g. {' · '.join(where)} · {code(f.subject, 200)}")
            out.append(f"  - evidence: {code(f.evidence, 600)}")
        if len(groups) > MAX_GROUPS:
            hidden = sum(g.count for g in groups[MAX_GROUPS:])
            out.append(f"- … {len(groups) - MAX_GROUPS} more rules ({hidden} findings)")
        out.append("")
    if len(sections) > MAX_CAMPAIGNS:
        out += [f"… and {len(sections) - MAX_CAMPAIGNS} more campaigns with findings.", ""]
    return out


def _notices(result: Any) -> list[str]:
    out = [
        "## Amazon notices",
        "",
        "| received | kind | authenticity | ends | subject |",
        "|---|---|---|---|---|",
    ]
    for n in result.notices[:MAX_NOTICES]:
        auth = str(getattr(n.authenticity, "value", n.authenticity))
        auth = "**possible phishing**" if auth == "suspicious" else escape(auth)
        kind = str(getattr(n.kind, "value", n.kind)).replace("_", " ")
        out.append(
            f"| {n.received_at:%Y-%m-%d} | {escape(kind)} | {auth} | "
            f"{stamp(n.ends_at) if n.ends_at else '—'} | "
            f"{code(n.subject, 200, table=True)} |"
            if n.received_at
            else f"| — | {escape(kind)} | {auth} | — | {code(n.subject, 200, table=True)} |"
        )
    if len(result.notices) > MAX_NOTICES:
        out += ["", f"… and {len(result.notices) - MAX_NOTICES} more notices (--format json)."]
    out.append("")
    return out


def render(result: Any, now: Any = None, **_options: Any) -> str:
    """The audit as one Markdown document (see the module docstring)."""
    from auditor import clock

    now = now or clock.now()
    out = [f"# Buyer-messaging audit — {stamp(now)}", ""]
    out += _standing(result, now)
    if result.campaigns:
        out += _campaigns(result)
    if result.findings:
        out += _findings(result)
    if result.notices:
        out += _notices(result)
    if result.errors:
        out += [f"## Messages that could not be read cleanly ({len(result.errors)})", ""]
        out += [
            f"- {code(e.get('source'), 300)}: {code(e.get('error'), 300)}"
            for e in result.errors[:MAX_ERRORS]
        ]
        out.append("")
    counts = result.severity_counts()
    out.append(
        f"**{result.messages} messages** ({result.sent_messages} sent to buyers, "
        f"{len(result.notices)} Amazon notices): {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info"
        + (f", {len(result.waived)} waived" if result.waived else "")
    )
    return "\n".join(out) + "\n"
