"""Bulk INSERTs of the audit's rows (messages, findings, notices) straight
through the DB-API's ``executemany``.

A Core executemany builds a parameter dict per row and runs every value
through its type's bind processor, in Python, at about 10 µs a row: on a big
audit that was the largest part of the store's time in the main process.
:class:`BulkInsert` compiles the same ``INSERT … ON CONFLICT DO NOTHING``
once with SQLAlchemy, takes the bind processors of the columns that need one
(dates, JSON, booleans) from the dialect, and hands the DB-API a list of
tuples: the database receives the same statement and the same values.

Only for SQLite (``qmark`` parameters); other dialects keep the Core path
(see :meth:`BulkInsert.usable`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


class BulkInsert:
    """``INSERT INTO table (columns) … ON CONFLICT (conflict) DO NOTHING``
    for rows given as tuples in ``columns`` order."""

    def __init__(
        self, table: Table, columns: Sequence[str], conflict: Sequence[str], dialect: Dialect
    ) -> None:
        statement = insert(table).on_conflict_do_nothing(index_elements=list(conflict))
        compiled = statement.compile(dialect=dialect, column_keys=list(columns))
        order = compiled.positiontup or []
        if sorted(order) != sorted(columns):
            raise ValueError(f"unexpected parameters {order} for {table.name}")
        self.sql = compiled.string
        self.columns = tuple(columns)
        #: tuple position (in ``columns``) of each parameter of the statement
        self._order = [self.columns.index(name) for name in order]
        # The dialect's own implementation of each type (as Core uses): a
        # date on SQLite is written as SQLAlchemy's text, not the driver's.
        processors = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
        ]
        #: (parameter position, processor) of the parameters that need one
        self._processors: list[tuple[int, Callable[[Any], Any]]] = [
            (i, p) for i, p in enumerate(processors) if p is not None
        ]

    @staticmethod
    def usable(dialect: Dialect) -> bool:
        """Whether this dialect takes the tuples (SQLite's ``qmark``)."""
        return dialect.name == "sqlite" and dialect.paramstyle == "qmark"

    def parameters(self, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """The DB-API parameters of ``rows``: reordered as the statement
        wants them, with the columns' bind processors applied."""
        order, processors = self._order, self._processors
        identity = order == list(range(len(order)))
        out = []
        for row in rows:
            values = list(row) if identity else [row[i] for i in order]
            for i, process in processors:
                values[i] = process(values[i])
            out.append(tuple(values))
        return out

    def execute(self, session: Session, rows: Iterable[Sequence[Any]]) -> None:
        """Insert ``rows`` in ``session``'s transaction (one executemany)."""
        params = self.parameters(rows)
        if params:
            session.connection().exec_driver_sql(self.sql, params)
