"""``auditor db``: the store's schema revision and its migrations."""

from __future__ import annotations

from typing import Any

import click

from auditor.cli.context import State, pass_state
from auditor.cli.options import common_options, store_option


@click.group()
def db() -> None:
    """The store's schema: status and migrations."""


def _engine(state: State, store_url: str | None) -> Any:
    from auditor.store import open_store  # heavy: SQLAlchemy

    return open_store(store_url or state.config.store_url, migrate=False).engine


@db.command()
@store_option()
@common_options
@pass_state
def upgrade(state: State, store_url: str | None) -> int:
    """Migrate the store to this auditor's schema (a store made before
    migrations existed is recognised and stamped first). Keeps every row."""
    from auditor.store import migrations  # heavy: Alembic
    from auditor.store.store import _safe_url

    url = store_url or state.config.store_url
    engine = _engine(state, store_url)
    before, after = migrations.upgrade(engine, _safe_url(url))
    if before == after:
        click.echo(f"store {_safe_url(url)}: already at revision {after}")
    else:
        click.echo(f"store {_safe_url(url)}: upgraded from revision {before or 'none'} to {after}")
    return 0


@db.command()
@store_option()
@common_options
@pass_state
def status(state: State, store_url: str | None) -> int:
    """Which schema revision the store is at (exit 1 when it needs an upgrade)."""
    from auditor.store import migrations  # heavy: Alembic
    from auditor.store.store import _safe_url

    url = store_url or state.config.store_url
    engine = _engine(state, store_url)
    with engine.connect() as conn:
        click.echo(f"store {_safe_url(url)}: {migrations.describe(conn)}")
        return 0 if migrations.state(conn) == "head" else 1
