"""Alembic environment: always run with the connection the auditor hands in
(``config.attributes["connection"]``); no alembic.ini, no URL here."""

from __future__ import annotations

from alembic import context

from auditor.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
