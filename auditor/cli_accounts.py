"""``auditor accounts`` (what an agency watches) and ``auditor db``
(schema migrations); registered on the main group by auditor.cli."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from auditor import clock
from auditor.campaigns.policy import RESTRICTIONS
from auditor.cli import _guard, _state, common_options, write_output


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
@click.option(
    "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True
)
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def accounts(ctx, fmt, store_url, config_path, verbose, quiet) -> int:
    """Seller accounts: last successful sync, lag, last error, the worker
    holding each now, restriction state."""
    from auditor.store.leases import Leases
    from auditor.workers import account_settings

    state = _state(ctx, config_path, verbose, quiet)
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


@click.group()
def db() -> None:
    """The store's schema: status and migrations."""


def _engine(state: Any, store_url: str | None):
    from auditor.store import open_store

    return open_store(store_url or state.config.store_url, migrate=False).engine


@db.command()
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def upgrade(ctx, store_url, config_path, verbose, quiet) -> int:
    """Migrate the store to this auditor's schema (a store made before
    migrations existed is recognised and stamped first). Keeps every row."""
    from auditor.store import migrations
    from auditor.store.store import _safe_url

    state = _state(ctx, config_path, verbose, quiet)
    url = store_url or state.config.store_url
    engine = _engine(state, store_url)
    before, after = migrations.upgrade(engine, _safe_url(url))
    if before == after:
        click.echo(f"store {_safe_url(url)}: already at revision {after}")
    else:
        click.echo(f"store {_safe_url(url)}: upgraded from revision {before or 'none'} to {after}")
    return 0


@db.command()
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def status(ctx, store_url, config_path, verbose, quiet) -> int:
    """Which schema revision the store is at (exit 1 when it needs an upgrade)."""
    from auditor.store import migrations
    from auditor.store.store import _safe_url

    state = _state(ctx, config_path, verbose, quiet)
    url = store_url or state.config.store_url
    engine = _engine(state, store_url)
    with engine.connect() as conn:
        click.echo(f"store {_safe_url(url)}: {migrations.describe(conn)}")
        return 0 if migrations.state(conn) == "head" else 1
