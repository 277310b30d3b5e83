"""The one exception a store method raises when the database fails it.

Callers outside the store never see SQLAlchemy's exceptions: a method marked
with :func:`surfaces_errors` turns any of them into :class:`StoreUnavailable`,
so the send gate (``auditor.gate``) can fail closed, or open, on one type.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from auditor.errors import StoreError

P = ParamSpec("P")
R = TypeVar("R")


class StoreUnavailable(StoreError):
    """The database did not answer a store method: unreachable, locked,
    its file gone, its schema not what this version expects. The message is
    the database's own first line; it never contains a password (drivers do
    not echo one). Like every :class:`~auditor.errors.StoreError`, the
    command line prints it as one line and exits 2."""


def _detail(exc: SQLAlchemyError) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


def surfaces_errors(method: Callable[P, R]) -> Callable[P, R]:
    """``method`` raising :class:`StoreUnavailable` (from the original) for
    any SQLAlchemy error."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"store unavailable: {_detail(exc)}") from exc

    return wrapper
