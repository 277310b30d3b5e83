"""``auditor notices`` formats: table, json (CONTRACT.md ``auditor.notices/1``), csv, md."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from rich.table import Table
from rich.text import Text

from auditor.cells import md_cell
from auditor.report.csvfmt import rows
from auditor.report.standing import stamp
from auditor.report.table import _console, safe

FORMATS = ("table", "json", "csv", "md")
COLUMNS = (
    "received_at",
    "kind",
    "authenticity",
    "marketplace",
    "language",
    "subject",
    "ends_at",
    "permanent",
    "duration_stated",
    "violations",
    "asins",
    "order_ids",
    "complaint_ids",
    "case_ids",
    "forwarded",
    "message_id",
    "sender",
    "linked",
    "needs_confirmation",
)


def confirm_line(item: dict[str, Any]) -> str | None:
    """For a notice that needs confirming: what to run and why, in one line
    (plain text; callers escape it for their format). None otherwise."""
    if not item.get("needs_confirmation"):
        return None
    why = "; ".join(item.get("authenticity_reasons") or []) or item["authenticity"]
    head = f"needs confirming: {item['confirm_command']}"
    if item.get("id") is None:
        head += " (once 'auditor run' has stored it)"
    if item["authenticity"] == "suspicious":
        head += " (possible phishing: only if Seller Central shows the same notice)"
    return f"{head} — {item['kind']} of {(item['received_at'] or '?')[:10]}: {why}"


def render_notices(
    notices: list[Any], errors: list[dict[str, Any]], fmt: str, color: bool = False
) -> str:
    items = [n.to_dict(full=True) for n in notices]
    if fmt == "json":
        doc = {"schema": "auditor.notices/1", "notices": items, "errors": errors}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return rows(COLUMNS, items)
    if fmt == "md":
        head = ("date", "kind", "authenticity", "ends", "IDs", "subject")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for item in items:
            ids = " ".join(
                item["asins"] + item["order_ids"] + item["complaint_ids"] + item["case_ids"]
            )
            flag = " ⚠ possible phishing" if item["authenticity"] == "suspicious" else ""
            lines.append(
                "| "
                + " | ".join(
                    md_cell(v)
                    for v in (
                        (item["received_at"] or "")[:10],
                        item["kind"],
                        item["authenticity"] + flag,
                        _ends(item),
                        ids,
                        item["subject"],
                    )
                )
                + " |"
            )
        pending = [line for line in map(confirm_line, items) if line]
        if pending:
            lines.append("")
            lines.extend(f"- {md_cell(line)}" for line in pending)
        return "\n".join(lines) + "\n"
    console, buffer = _console(color, None)
    table = Table(title="Amazon notices", expand=True)
    for column in ("received", "kind", "authenticity", "ends", "IDs", "subject"):
        table.add_column(column)
    for item in items:
        ids = " ".join(item["asins"] + item["order_ids"] + item["complaint_ids"] + item["case_ids"])
        suspicious = item["authenticity"] == "suspicious"
        table.add_row(
            Text((item["received_at"] or "-")[:10]),
            Text(item["kind"]),
            Text(
                item["authenticity"] + (" (possible phishing)" if suspicious else ""),
                style="bold red" if suspicious else "",
            ),
            Text(_ends(item)),
            safe(ids, 120),
            safe(item["subject"], 160),
        )
    console.print(table)
    for line in filter(None, map(confirm_line, items)):
        console.print(safe(line, 600), style="bold yellow")
    if errors:
        console.print(
            Text(f"{len(errors)} message(s) could not be read cleanly (see --format json)")
        )
    return buffer.getvalue()


def _ends(item: dict[str, Any]) -> str:
    """When a notice's restriction ends, with the hour and the zone: a bare
    date in UTC reads a day early or late for a seller far from UTC."""
    if item["ends_at"]:
        return stamp(datetime.fromisoformat(item["ends_at"]))
    return "permanent" if item["permanent"] else "-"
