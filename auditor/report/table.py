"""``--format table``: what a person reads in a terminal.

First the account's standing (restriction, until when, what to do now,
phishing), then campaigns worst first (the stored state, and what ``auditor
run`` would change as a separate column), then findings grouped per campaign
and rule with one example and a count, evidence wrapped, never cut; the
width follows the terminal (``COLUMNS``; 100 when not a terminal).
Mail text is passed to rich as plain ``Text`` (never as markup), so a
subject like ``[bold]`` or an escape sequence prints as what it is.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.report.standing import campaign_order, finding_sections, plain, standing

#: Rows of a table in a terminal; the rest are counted (json/csv/html list all).
MAX_ROWS = 300
MAX_CAMPAIGNS = 100  #: campaigns listed (and campaigns with findings shown)
MAX_GROUPS = 25  #: distinct rules shown per campaign
#: width when stdout is not a terminal and COLUMNS is not set
DEFAULT_WIDTH = 100
_STATE_STYLE = {"paused": "bold red", "flagged": "yellow", "active": "green"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def safe(text: Any, limit: int = 400) -> Text:
    """Mail text made harmless for a terminal: control and bidi characters
    replaced, length bounded, never interpreted as markup."""
    value = _CONTROL.sub("�", "" if text is None else str(text))
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return Text(value)


def terminal_width(default: int = DEFAULT_WIDTH) -> int:
    """The width to lay a report out for: ``COLUMNS`` when set, else the
    terminal's when stdout is one, else ``default``."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        return int(columns)
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((default, 24)).columns)
    return default


def _console(color: bool, width: int | None) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width or terminal_width(),
        highlight=False,
        emoji=False,
        markup=False,
    )
    return console, buffer


def _indent(renderable: Any, spaces: int) -> Padding:
    return Padding(renderable, (0, 0, 0, spaces), expand=False)


def _hang(prefix: Text, text: Text, spaces: int) -> Padding:
    """``prefix`` then ``text``, wrapped lines aligned under the text."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(prefix, text)
    return _indent(grid, spaces)


def _standing(console: Console, result: Any, now: Any) -> None:
    """First: restrictions, until when, what to do now, phishing warnings."""
    info = standing(result, now)
    console.print(
        Text(
            ("✖ " if info.restricted else "✔ ") + info.headline,
            style="bold red" if info.restricted else "bold green",
        )
    )
    for line in info.details:
        console.print(_hang(Text("- "), safe(plain(line), 300), 2))
    if info.todo:
        console.print(_indent(Text("What to do now:", style="bold"), 2))
        for line in info.todo:
            console.print(_hang(Text("• "), safe(plain(line), 400), 4))
    for line in info.warnings:
        console.print(_hang(Text("⚠ ", style="bold red"), safe(plain(line), 500), 2))
    console.print(_indent(safe(info.states, 200), 2))
    if info.would:
        console.print(_indent(Text(info.would, style="italic"), 2))
    console.print()


def _state_text(campaign: Any) -> Text:
    if campaign.state is None:
        return Text("not read", style="dim")
    return Text(campaign.state, style=_STATE_STYLE.get(campaign.state, ""))


def _would_text(campaign: Any) -> Text:
    would = getattr(campaign, "would", None)
    if not would:
        return Text("-")
    until = getattr(campaign, "would_until", None)
    if would == "pause":
        tail = f" until {until:%Y-%m-%d}" if until else " until a person resumes"
    else:
        tail = ""
    return Text(f"would {would}{tail}", style="italic")


def _campaigns(console: Console, result: Any) -> None:
    stored = getattr(result, "store", None)
    title = (
        "Campaigns, worst first (state as stored"
        + ("" if stored is not None else ": store not read")
        + "; 'next run' is a projection)"
    )
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("campaign", ratio=4, overflow="fold")
    table.add_column("state", ratio=2)
    table.add_column("next run", ratio=2)
    table.add_column("msgs", justify="right", no_wrap=True)
    table.add_column("errors", justify="right", no_wrap=True)
    table.add_column("warn.", justify="right", no_wrap=True)
    campaigns = campaign_order(result)
    for campaign in campaigns[:MAX_CAMPAIGNS]:
        state = _state_text(campaign)
        if campaign.state == "paused":
            state.append(
                f" until {campaign.until:%Y-%m-%d %H:%M} UTC"
                if campaign.until
                else " until a person resumes"
            )
        table.add_row(
            safe(campaign.name, 120),
            state,
            _would_text(campaign),
            Text(str(campaign.messages)),
            Text(
                str(campaign.findings["error"]), style="red" if campaign.findings["error"] else ""
            ),
            Text(str(campaign.findings["warning"])),
        )
    console.print(table)
    if len(campaigns) > MAX_CAMPAIGNS:
        console.print(
            Text(f"… and {len(campaigns) - MAX_CAMPAIGNS} more campaigns (--format json)")
        )
    console.print()


def _findings(console: Console, result: Any) -> None:
    console.print(Text("Findings by campaign and rule (one example each)", style="bold"))
    sections = finding_sections(result)
    for campaign, name, groups in sections[:MAX_CAMPAIGNS]:
        head = Text("▸ ") + safe(name or "(no campaign)", 200)
        if campaign is not None:
            plural = "s" if campaign.messages != 1 else ""
            head.append(f"  — {campaign.messages} message{plural}, state ")
            head.append_text(_state_text(campaign))
        console.print(head)
        for group in groups[:MAX_GROUPS]:
            f = group.example
            line = Text("  ")
            line.append(f"{group.severity:<7}", style=_STYLE.get(group.severity, ""))
            line.append(f" {group.rule} {group.name}")
            more = len(group.messages) - 1
            if more > 0:
                line.append(f"  ×{more} more message{'s' if more != 1 else ''}", style="bold")
            elif group.count > 1:
                line.append(f"  ×{group.count} in this message", style="bold")
            console.print(line)
            where = [f.date.strftime("%Y-%m-%d") if f.date else "undated"]
            if f.order_id:
                where.append(f"order {f.order_id}")
            where.append(f"in {f.location}")
            meta = safe(" · ".join(where) + " · ", 200)
            meta.append_text(safe(f.subject, 200))
            console.print(_hang(Text("e.g. ", style="dim"), meta, 10))
            console.print(_hang(Text("     "), Text("“") + safe(f.evidence, 600) + Text("”"), 10))
        if len(groups) > MAX_GROUPS:
            hidden = sum(g.count for g in groups[MAX_GROUPS:])
            console.print(
                _indent(Text(f"… {len(groups) - MAX_GROUPS} more rules ({hidden} findings)"), 2)
            )
    if len(sections) > MAX_CAMPAIGNS:
        console.print(
            Text(
                f"… and {len(sections) - MAX_CAMPAIGNS} more campaigns with findings "
                "(--format json, csv or html list all)"
            )
        )
    console.print()


def _notices(console: Console, result: Any) -> None:
    table = Table(title="Amazon notices", title_justify="left", expand=True)
    table.add_column("received", no_wrap=True)
    table.add_column("kind", ratio=1)
    table.add_column("authenticity", no_wrap=True)
    table.add_column("ends", no_wrap=True)
    table.add_column("subject", ratio=3, overflow="fold")
    for notice in result.notices[:MAX_ROWS]:
        auth = str(getattr(notice.authenticity, "value", notice.authenticity))
        style = "bold red" if auth == "suspicious" else ""
        table.add_row(
            Text(notice.received_at.strftime("%Y-%m-%d") if notice.received_at else "-"),
            Text(str(getattr(notice.kind, "value", notice.kind)).replace("_", " ")),
            Text("possible phishing" if auth == "suspicious" else auth, style=style),
            Text(notice.ends_at.strftime("%Y-%m-%d") if notice.ends_at else "-"),
            safe(notice.subject, 200),
        )
    console.print(table)
    console.print()


def render(
    result: Any, color: bool = False, width: int | None = None, now: Any = None, **_options: Any
) -> str:
    """Standing first, then campaigns worst first, then grouped findings,
    notices, unreadable messages and the counts."""
    from auditor import clock

    now = now or clock.now()
    console, buffer = _console(color, width)
    _standing(console, result, now)
    if result.campaigns:
        _campaigns(console, result)
    if result.findings:
        _findings(console, result)
    if result.notices:
        _notices(console, result)
    if result.errors:  # each one is a line on stderr (auditor/cli/support.py)
        console.print(
            Text(
                f"{len(result.errors)} problem(s) reading the input, listed on stderr "
                "(all of them: --format json)"
            )
        )
    counts = result.severity_counts()
    summary = (
        f"{result.messages} messages ({result.sent_messages} sent to buyers, "
        f"{len(result.notices)} Amazon notices): {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info"
    )
    if result.waived:
        summary += f", {len(result.waived)} waived"
    unreadable = getattr(result, "unreadable", 0)
    if unreadable:
        summary += f"; {unreadable} unreadable"
    console.print(Text(summary, style="bold"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def campaigns_table(rows: list[dict[str, Any]], color: bool = False) -> str:
    """``auditor campaigns``: one line per campaign."""
    console, buffer = _console(color, None)
    table = Table(title="Campaigns", expand=True)
    for column in ("account", "campaign", "kind", "state", "until", "reason"):
        table.add_column(column)
    styles = {"paused": "bold red", "flagged": "yellow", "active": "green"}
    for row in rows:
        until = (
            row["until"][:16].replace("T", " ") + " UTC"
            if row["until"]
            else ("until resumed by a person" if row["manual_hold"] else "-")
        )
        table.add_row(
            safe(row["account"], 60),
            safe(row["name"], 80),
            Text(row["kind"]),
            Text(row["state"], style=styles.get(row["state"], "")),
            Text(until),
            safe(row["reason"] or "-", 300),
        )
    console.print(table)
    if not rows:
        console.print(Text("No campaigns yet: run 'auditor audit' or 'auditor run' first."))
    for row in rows:
        if "history" in row:
            _history(console, row)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _history(console: Console, row: dict[str, Any]) -> None:
    """``campaigns --history``: every recorded change of one campaign, oldest first."""
    title = Text("History of ") + safe(row["name"], 120)
    if row["account"] not in ("local",):
        title.append(" (").append_text(safe(row["account"], 60)).append(")")
    events = row["history"]
    if not events:
        console.print(title + Text(": no change recorded"))
        return
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("when (UTC)", no_wrap=True)
    table.add_column("change", no_wrap=True)
    table.add_column("until", no_wrap=True)
    table.add_column("by", ratio=1, overflow="fold")
    table.add_column("why", ratio=3)
    styles = {"paused": "bold red", "flagged": "yellow", "active": "green"}
    for event in events[-MAX_ROWS:]:
        change = Text(event["from"] or "-")
        change.append(" → ").append(event["to"] or "-", style=styles.get(event["to"], ""))
        table.add_row(
            Text(event["at"][:16].replace("T", " ")),
            change,
            Text(event["until"][:16].replace("T", " ") if event["until"] else "-"),
            safe(event["actor"], 80),
            safe(event["cause"] or "-", 400),
        )
    console.print(table)
    if len(events) > MAX_ROWS:
        console.print(Text(f"… {len(events) - MAX_ROWS} older changes (--format json)"))
