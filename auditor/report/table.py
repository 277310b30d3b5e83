"""``--format table``: what a person reads in a terminal.

One line per finding with its evidence, then campaigns, notices and a
summary. Mail text is passed to rich as plain ``Text`` (never as markup), so
a subject like ``[bold]`` or an escape sequence prints as what it is.
"""

from __future__ import annotations

import io
import re
from itertools import islice
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

#: Findings listed in a terminal; the rest are counted (json/csv/html list all).
MAX_ROWS = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def safe(text: Any, limit: int = 400) -> Text:
    """Mail text made harmless for a terminal: control and bidi characters
    replaced, length bounded, never interpreted as markup."""
    value = _CONTROL.sub("�", "" if text is None else str(text))
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return Text(value)


def _console(color: bool, width: int | None) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width or 140,
        highlight=False,
        emoji=False,
        markup=False,
    )
    return console, buffer


def render(result: Any, color: bool = False, width: int | None = None, **_options: Any) -> str:
    console, buffer = _console(color, width)
    if result.findings:
        table = Table(title="Findings", show_lines=False, expand=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("campaign", max_width=28)
        table.add_column("date", no_wrap=True)
        table.add_column("order", no_wrap=True)
        table.add_column("where", no_wrap=True)
        table.add_column("evidence", ratio=1)
        for finding in islice(result.findings, MAX_ROWS):
            table.add_row(
                Text(finding.severity, style=_STYLE.get(finding.severity, "")),
                Text(f"{finding.rule} {finding.name}"),
                safe(finding.campaign or "-", 60),
                Text(finding.date.strftime("%Y-%m-%d") if finding.date else "-"),
                Text(finding.order_id or "-"),
                Text(finding.location),
                safe(finding.evidence),
            )
        console.print(table)
        if len(result.findings) > MAX_ROWS:
            console.print(
                Text(
                    f"… and {len(result.findings) - MAX_ROWS} more findings: see "
                    "--format json, csv or html for all of them"
                )
            )
    if result.campaigns:
        table = Table(title="Campaigns", expand=True)
        for column in ("campaign", "kind", "messages", "state", "until", "errors", "warnings"):
            table.add_column(column)
        for campaign in result.campaigns.values():
            table.add_row(
                safe(campaign.name, 80),
                Text(campaign.kind),
                Text(str(campaign.messages)),
                Text(campaign.state),
                Text(campaign.until.strftime("%Y-%m-%d %H:%M UTC") if campaign.until else "-"),
                Text(str(campaign.findings["error"])),
                Text(str(campaign.findings["warning"])),
            )
        console.print(table)
    if result.notices:
        table = Table(title="Amazon notices", expand=True)
        for column in ("received", "kind", "authenticity", "ends", "subject"):
            table.add_column(column)
        for notice in result.notices:
            style = "bold red" if notice.authenticity == "suspicious" else ""
            table.add_row(
                Text(notice.received_at.strftime("%Y-%m-%d") if notice.received_at else "-"),
                Text(notice.kind),
                Text(notice.authenticity, style=style),
                Text(notice.ends_at.strftime("%Y-%m-%d") if notice.ends_at else "-"),
                safe(notice.subject, 120),
            )
        console.print(table)
        from auditor.report.notices import confirm_line

        for notice in result.notices:
            line = confirm_line(notice.to_dict(full=True))
            if line:
                console.print(safe(line, 600), style="bold yellow")
    if result.errors:  # each one is a line on stderr (auditor/cli_support.py)
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
    for notice in result.active_restrictions():
        until = notice.ends_at.strftime("%Y-%m-%d %H:%M UTC") if notice.ends_at else "no end stated"
        unverified = " (unverified: needs confirming)" if notice.needs_confirmation else ""
        console.print(
            Text(
                f"Proactive messaging is restricted ({notice.kind}): {until}{unverified}",
                style="bold red",
            )
        )
    return buffer.getvalue()


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
    return buffer.getvalue()
