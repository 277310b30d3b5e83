"""``auditor accounts``: what an agency watches, one line per seller account."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from auditor import clock
from auditor.cli.context import State, pass_state
from auditor.cli.options import common_options, format_option, store_option
from auditor.cli.output import write_output


def _when(iso: str | None) -> str:
    return iso[:19].replace("T", " ") if iso else "-"


def _lag(seconds: float | None) -> str:
    if seconds is None:
        return "never synced"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def accounts_table(rows: list[dict[str, Any]], color: bool = False) -> str:
    """One line per account: sync, lag, error, holder, restriction."""
    from rich.table import Table  # heavy: rich
    from rich.text import Text

    from auditor.report.table import _console, safe

    console, buffer = _console(color, None)
    table = Table(title="Accounts", expand=True)
    for column in ("account", "last success (UTC)", "lag", "held by", "restriction", "last error"):
        table.add_column(column)
    for row in rows:
        restriction = row["restriction"]
        label = "-"
        if restriction:
            until = f" until {_when(restriction['ends_at'])}" if restriction["ends_at"] else ""
            label = f"{restriction['kind']}{until}"
        error = row["last_error"] if row["failing"] else None
        table.add_row(
            safe(row["account"], 60),
            Text(_when(row["last_success"])),
            Text(_lag(row["lag_seconds"]), style="yellow" if row["failing"] else ""),
            safe(row["holder"] or "-", 60),
            Text(label, style="bold red" if restriction else ""),
            safe(f"{_when(row['last_error_at'])}: {error}" if error else "-", 200),
        )
    console.print(table)
    if not rows:
        console.print(Text("No accounts yet: 'auditor daemon' or 'auditor run' registers them."))
    return buffer.getvalue()


@click.command()
@format_option(("table", "json"))
@store_option()
@common_options
@pass_state
def accounts(state: State, fmt: str, store_url: str | None) -> int:
    """Seller accounts: last successful sync, lag, last error, the worker
    holding each now, restriction state."""
    from auditor.campaigns.policy import RESTRICTIONS  # heavy: SQLAlchemy
    from auditor.store.leases import Leases
    from auditor.workers import account_settings

    store = state.store(store_url)
    leases = Leases(store)
    leases.register(account_settings(state.config))  # configured but never synced: listed too
    rows = leases.status(RESTRICTIONS, clock.now())
    if fmt == "json":
        document = {"schema": "auditor.accounts/1", "accounts": rows}
        write_output(json.dumps(document, ensure_ascii=False, indent=2) + "\n", None)
    else:
        write_output(accounts_table(rows, color=sys.stdout.isatty()), None)
    return 0
