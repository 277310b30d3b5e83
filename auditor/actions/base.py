"""What every action type shares: the error it raises, its declared keys,
and the words used to describe an event to a person.

An action type is one callable, ``deliver(event, settings) -> None``: it
returns when the event has been handed over and raises :class:`ActionError`
(one line, no secret) when it has not. ``settings`` is the action's table from
the ``[[actions]]`` array of the configuration. The description helpers live
here so the Slack message, the e-mail subject and the e-mail body never
describe one event in three different ways.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from auditor.errors import AuditorError

#: The shape of every action type.
ActionType = Callable[[dict[str, Any], dict[str, Any]], None]

F = TypeVar("F", bound=Callable[..., Any])


class ActionError(AuditorError):
    """An action could not be delivered: the receiver refused it, could not
    be reached, timed out, or the action's settings are incomplete.

    The message is one line naming what failed (the HTTP status and host, the
    command and its exit status, the SMTP reply) and never contains a secret.
    ``retry_after`` is the delay in seconds the receiver asked for (HTTP
    ``Retry-After``), if any; the delivery loop waits at least that long.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def requires(*keys: str) -> Callable[[F], F]:
    """Declare the settings an action type cannot work without.

    Each argument is one key, or alternatives joined by ``|`` (``"url|url_env"``:
    one of them must be set). :func:`auditor.actions.validate_actions` checks
    them so a bad configuration fails at start-up, not at the first event.
    """

    def mark(func: F) -> F:
        func.requires = tuple(keys)  # type: ignore[attr-defined]
        return func

    return mark


def missing_keys(deliver: ActionType, settings: dict[str, Any]) -> list[str]:
    """The declared required keys (see :func:`requires`) absent from ``settings``."""
    missing = []
    for spec in getattr(deliver, "requires", ()):
        if not any(settings.get(key) not in (None, "", []) for key in spec.split("|")):
            missing.append(spec.replace("|", " or "))
    return missing


# -- describing an event ----------------------------------------------------------

_LABELS = {
    "account": "Account",
    "campaign": "Campaign",
    "until": "Until",
    "reason": "Reason",
    "actor": "By",
    "notice": "Notice",
    "at": "At",
}
_NOT_DETAILS = {"schema", "type", "from", "to", "idempotency_key", *_LABELS}


def idempotency_key(event: dict[str, Any]) -> str:
    """The event's idempotency key (the delivery loop always sets one)."""
    return str(event.get("idempotency_key") or "")


def when(value: Any) -> str:
    """An ISO-8601 time as a person reads it: ``2026-12-09`` at midnight UTC,
    else ``2026-12-09 14:30 UTC``; anything unparseable as it is."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def summary(event: dict[str, Any]) -> str:
    """One line saying what happened, e.g. ``Campaign review-request paused
    until 2026-12-09`` (the e-mail subject and the Slack headline)."""
    kind = str(event.get("type") or "")
    campaign = event.get("campaign") or "?"
    until = when(event.get("until"))
    if kind == "campaign.paused":
        if until:
            return f"Campaign {campaign} paused until {until}"
        return f"Campaign {campaign} paused until resumed"
    if kind == "campaign.resumed":
        still = " (still flagged)" if event.get("to") == "flagged" else ""
        return f"Campaign {campaign} resumed{still}"
    if kind == "campaign.flagged":
        return f"Campaign {campaign} flagged for review"
    if kind == "campaign.unflagged":
        return f"Campaign {campaign} no longer flagged"
    account = f" for account {event['account']}" if event.get("account") else ""
    if kind == "phishing.suspected":
        return f"Possible phishing mail claiming to be Amazon{account}"
    if kind == "notice.received":
        notice_kind = event.get("kind")
        return f"Amazon notice received{account}" + (f": {notice_kind}" if notice_kind else "")
    if kind == "restriction.assumed_period":
        return f"Restriction with no stated period{account}: assumed until {until or '?'}"
    return f"Event {kind or 'unknown'}{account}"


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def details(event: dict[str, Any]) -> list[tuple[str, str]]:
    """The event's facts as (label, text) pairs in a fixed order, empty ones
    left out, keys this module does not know appended under their own name."""
    rows: list[tuple[str, str]] = []
    for key in ("account", "campaign"):
        if event.get(key):
            rows.append((_LABELS[key], _text(event[key])))
    if event.get("from") or event.get("to"):
        rows.append(("State", f"{event.get('from') or '?'} -> {event.get('to') or '?'}"))
    if event.get("until"):
        rows.append(("Until", when(event["until"])))
    for key in ("reason", "actor", "notice"):
        if event.get(key):
            rows.append((_LABELS[key], _text(event[key])))
    rows.extend(
        (key, _text(value))
        for key, value in event.items()
        if key not in _NOT_DETAILS and value not in (None, "", [], {})
    )
    if event.get("at"):
        rows.append(("At", _text(event["at"])))
    return rows


def bounded(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
