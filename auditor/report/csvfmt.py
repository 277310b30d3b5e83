"""``--format csv``: one row per finding, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from auditor.cells import cell

COLUMNS = (
    "rule",
    "name",
    "severity",
    "message_id",
    "campaign",
    "order_id",
    "date",
    "subject",
    "location",
    "evidence",
    "related",
    "source",
    "new",
)


def rows(header: tuple[str, ...], records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([cell(record.get(column)) for column in header])
    return out.getvalue()


def stream(result: Any, **_options: Any) -> Iterator[str]:
    """One CSV line per finding, streamed (see jsonfmt.stream)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in result.finding_dicts():
        writer.writerow([cell(record.get(column)) for column in COLUMNS])
        if out.tell() > 65536:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def render(result: Any, **options: Any) -> str:
    return "".join(stream(result, **options))
