"""Renderers of the account-health timeline: table (rich), json, csv, md.

Each walks the plain :class:`~auditor.notices.timeline.Timeline` structure,
so another format (HTML) is one more function of the same shape. Mail text
is hostile: rich gets it as plain ``Text`` (never markup), CSV cells cannot
start a formula, Markdown cells have their syntax escaped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import datetime

from rich.console import Console
from rich.table import Table

from auditor.cells import cell, md_cell
from auditor.notices.timeline import Timeline
from auditor.report.table import safe

FORMATS = ("table", "json", "csv", "md")
CSV_COLUMNS = (
    "section",
    "date",
    "kind",
    "subject",
    "sender",
    "authenticity",
    "asins",
    "order_ids",
    "complaint_ids",
    "case_ids",
    "ends_at",
    "phishing",
    "note",
    "message_id",
)


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "?"


def _ids(*groups: tuple[str, ...]) -> str:
    return " ".join(v for group in groups for v in group)


def _mark(value: dict | None) -> str:
    """An order row's cell: the day of the first mail of that kind, or ""."""
    return (value.get("date") or "?")[:10] if value else ""


def _order_cells(row: dict) -> list[str]:
    """order, buyer, ordered, shipped, messages, opt-out/complaint, refund/return, note."""
    stop = " ".join(
        f"{label} {_mark(row[key])}"
        for key, label in (("opt_out", "opt-out"), ("complaint", "complaint"))
        if row[key]
    )
    closed = " ".join(
        f"{label} {_mark(row[key])}"
        for key, label in (("refunded", "refund"), ("returned", "return"))
        if row[key]
    )
    messages = " ".join((m["date"] or "?")[:10] for m in row["messages"])
    shipped = _mark(row["shipped"]) or (
        f"delivered {_mark(row['delivered'])}" if row["delivered"] else ""
    )
    return [
        row["order_id"],
        row["buyer"] or "",
        _mark(row["ordered"]),
        shipped,
        messages,
        stop,
        closed,
        row["note"],
    ]


ORDER_COLUMNS = (
    "order",
    "buyer",
    "ordered",
    "shipped",
    "messages",
    "opt-out / complaint",
    "refund / return",
    "note",
)


def render_json(timeline: Timeline) -> str:
    return json.dumps(timeline.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_csv(timeline: Timeline) -> str:
    """One row per notice (``section=notice``), per ASIN chain (``asin``) and
    per open item (``open``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in timeline.entries:
        writer.writerow(
            [
                cell(v)
                for v in (
                    "notice",
                    e.date.isoformat() if e.date else "",
                    e.kind,
                    e.subject,
                    e.sender,
                    e.authenticity,
                    list(e.asins),
                    list(e.order_ids),
                    list(e.complaint_ids),
                    list(e.case_ids),
                    e.ends_at.isoformat() if e.ends_at else "",
                    e.phishing,
                    e.note,
                    e.message_id,
                )
            ]
        )
    for chain in timeline.asins:
        path = " -> ".join(f"{ev.kind} {_day(ev.date)}" for ev in chain.events)
        writer.writerow(
            [
                cell(v)
                for v in (
                    "asin",
                    chain.events[0].date.isoformat() if chain.events[0].date else "",
                    chain.status,
                    chain.asin,
                    "",
                    "",
                    chain.asin,
                    "",
                    "",
                    "",
                    "",
                    False,
                    path,
                    " ".join(ev.message_id for ev in chain.events),
                )
            ]
        )
    for item in timeline.open_items:
        writer.writerow(
            [
                cell(v)
                for v in (
                    "open",
                    item.since.isoformat() if item.since else "",
                    item.kind,
                    item.subject,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    item.until.isoformat() if item.until else "",
                    False,
                    item.detail,
                    " ".join(item.message_ids),
                )
            ]
        )
    for order in timeline.orders:
        row = order.to_dict()
        cells = _order_cells(row)
        writer.writerow(
            [
                cell(v)
                for v in (
                    "order",
                    _mark(row["ordered"]),
                    "order",
                    cells[0],
                    cells[1],
                    "",
                    "",
                    cells[0],
                    "",
                    "",
                    "",
                    False,
                    "; ".join(
                        c
                        for c in (
                            f"shipped {cells[3]}" if cells[3] else "",
                            f"messages {cells[4]}" if cells[4] else "",
                            cells[5],
                            cells[6],
                            cells[7],
                        )
                        if c
                    ),
                    " ".join(m["message_id"] for m in row["messages"]),
                )
            ]
        )
    return out.getvalue()


def render_md(timeline: Timeline) -> str:
    """Markdown for an appeal: notices, ASIN chains, open items, possible phishing."""
    lines = [f"# Account-health timeline (as of {_day(timeline.now)})", "", "## Notices", ""]
    lines += [
        "| date | kind | subject | sender | authenticity | IDs | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in timeline.entries:
        flag = " ⚠" if e.phishing else ""
        lines.append(
            "| "
            + " | ".join(
                [
                    md_cell(_day(e.date)),
                    md_cell(e.kind),
                    md_cell(e.subject),
                    md_cell(e.sender),
                    md_cell(e.authenticity) + flag,
                    md_cell(_ids(e.asins, e.order_ids, e.complaint_ids, e.case_ids)),
                    md_cell(e.note),
                ]
            )
            + " |"
        )
    lines += ["", "## ASINs", ""]
    if not timeline.asins:
        lines.append("No ASIN named by a complaint, retraction or clearance.")
    for chain in timeline.asins:
        path = " → ".join(f"{md_cell(ev.kind)} ({md_cell(_day(ev.date))})" for ev in chain.events)
        state = "**open**" if chain.open else md_cell(chain.status)
        lines.append(f"- {md_cell(chain.asin)}: {path}: {state}")
    lines += ["", "## Open items", ""]
    if not timeline.open_items:
        lines.append("Nothing open.")
    for item in timeline.open_items:
        until = f", until {md_cell(_day(item.until))}" if item.until else ""
        lines.append(
            f"- **{md_cell(item.kind)}** {md_cell(item.subject)} (since "
            f"{md_cell(_day(item.since))}{until}): {md_cell(item.detail)}"
        )
    lines += ["", "## Possible phishing", ""]
    if not timeline.phishing:
        lines.append("None.")
    for e in timeline.phishing:
        lines.append(
            f"- ⚠ {md_cell(_day(e.date))} {md_cell(e.subject)} from "
            f"{md_cell(e.sender)}: {md_cell(e.note)}"
        )
    if timeline.orders:
        lines += [
            "",
            "## Orders",
            "",
            "| " + " | ".join(ORDER_COLUMNS) + " |",
            "|" + "---|" * len(ORDER_COLUMNS),
        ]
        for order in timeline.orders:
            lines.append(
                "| " + " | ".join(md_cell(c) for c in _order_cells(order.to_dict())) + " |"
            )
    return "\n".join(lines) + "\n"


def render_table(timeline: Timeline, width: int = 140) -> str:
    """rich tables for a terminal (no colour codes; mail text as plain Text)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, no_color=True, highlight=False, emoji=False, markup=False
    )
    notices = Table(title=f"Account-health timeline (as of {_day(timeline.now)})")
    for column in ("date", "kind", "subject", "sender", "authenticity", "IDs", "note"):
        notices.add_column(column)
    for e in timeline.entries:
        notices.add_row(
            safe(_day(e.date)),
            safe(e.kind),
            safe(e.subject, 80),
            safe(e.sender),
            safe(("⚠ " if e.phishing else "") + e.authenticity),
            safe(_ids(e.asins, e.order_ids, e.complaint_ids, e.case_ids)),
            safe(e.note, 200),
        )
    console.print(notices)
    if timeline.asins:
        chains = Table(title="ASINs")
        for column in ("ASIN", "chain", "status"):
            chains.add_column(column)
        for chain in timeline.asins:
            path = " → ".join(f"{ev.kind} ({_day(ev.date)})" for ev in chain.events)
            chains.add_row(
                safe(chain.asin), safe(path), safe("OPEN" if chain.open else chain.status)
            )
        console.print(chains)
    items = Table(title="Open items")
    for column in ("kind", "what", "since", "until", "detail"):
        items.add_column(column)
    for item in timeline.open_items:
        items.add_row(
            safe(item.kind),
            safe(item.subject, 80),
            safe(_day(item.since)),
            safe(_day(item.until) if item.until else ""),
            safe(item.detail),
        )
    console.print(items)
    if timeline.orders:
        orders = Table(title="Orders")
        for column in ORDER_COLUMNS:
            orders.add_column(column)
        for order in timeline.orders:
            orders.add_row(*(safe(c, 80) for c in _order_cells(order.to_dict())))
        console.print(orders)
    return buffer.getvalue()


_RENDERERS: dict[str, Callable[[Timeline], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "md": render_md,
}


def render_timeline(timeline: Timeline, fmt: str) -> str:
    """``timeline`` in format ``fmt`` (one of :data:`FORMATS`)."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"timeline format must be one of {', '.join(FORMATS)}, not {fmt!r}"
        ) from None
    return renderer(timeline)
