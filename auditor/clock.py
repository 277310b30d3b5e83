"""The current time, in one place.

``AUDITOR_NOW`` (an ISO-8601 time) overrides the wall clock: tests and a
person rehearsing "what happens when the restriction ends" can move time
forward without waiting. Everything that compares against now calls
:func:`now`.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from auditor.errors import ConfigError


def now() -> datetime:
    forced = os.environ.get("AUDITOR_NOW")
    if forced:
        try:
            value = datetime.fromisoformat(forced)
        except ValueError:
            raise ConfigError(f"AUDITOR_NOW={forced!r} is not an ISO-8601 time") from None
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)
