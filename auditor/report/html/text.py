"""Text helpers of the HTML reports: cleaning, dates, counts and labels.

Everything here returns plain text; the templates escape it (autoescape) and
:mod:`auditor.report.html.svg` escapes it through markupsafe.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from markupsafe import escape

from auditor.notices import groups

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_ISO_DAY = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
_KIND_CODE = re.compile(
    r"\b(" + "|".join(sorted(map(str, groups.KIND_LABELS), key=len, reverse=True)) + r")\b"
)


def clean(value: Any, limit: int | None = 400) -> str:
    """``value`` as text with control and bidi-override characters replaced
    (they could reorder what a reader sees) and its length bounded."""
    text = _CONTROL.sub("\ufffd", "" if value is None else str(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def esc(value: Any, limit: int | None = 400) -> str:
    """``value`` cleaned and escaped (markupsafe) as HTML text or a quoted
    attribute value. The templates do this themselves (autoescape); this is
    for callers that need the escaped text, such as tests."""
    return str(escape(clean(value, limit)))


def utc(value: datetime | None) -> datetime | None:
    """``value`` in UTC (a naive time is taken as UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def day(value: datetime | None) -> str:
    """``9 Dec 2026`` (UTC), or an em dash."""
    value = utc(value)
    return f"{value.day} {value:%b %Y}" if value is not None else "—"


def when(value: datetime | None) -> str:
    """``9 Dec 2026, 08:12 UTC``, or an em dash."""
    value = utc(value)
    return f"{day(value)}, {value:%H:%M} UTC" if value is not None else "—"


def plural(count: int, word: str, plural: str | None = None) -> str:
    """``1 message``, ``1,200 messages``."""
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def kind_label(kind: Any) -> str:
    """A notice kind (enum or text) as its label: ``Messaging restriction``."""
    return groups.kind_label(str(getattr(kind, "value", kind)))


def rule_anchor(code: str) -> str:
    """The id of a rule's explanation: ``rule-BSM101`` (``rule-unknown`` for
    anything that is not a rule code)."""
    return f"rule-{code}" if _CODE.match(code) else "rule-unknown"


def humanize(text: Any) -> str:
    """A note of the timeline model made readable: ISO dates as ``9 Dec
    2026``, kind codes as their labels (plain text; escape it after)."""

    def _date(match: re.Match[str]) -> str:
        try:
            value = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
        except ValueError:
            return match[0]
        return day(value) + (f" {match[4]}:{match[5]}" if match[4] else "")

    value = _ISO_DAY.sub(_date, "" if text is None else str(text))
    return _KIND_CODE.sub(lambda m: groups.kind_label(m[1]).lower(), value)


def group_of(entry: Any) -> str:
    """The timeline lane of an entry: ``phishing`` for a suspicious one, else
    its kind's group (see :data:`GROUPS`)."""
    return groups.lane(entry.kind, entry.phishing)
