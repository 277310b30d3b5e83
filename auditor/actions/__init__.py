"""Actions: tell people and other tools when a campaign's state changes.

Each ``[[actions]]`` table of the configuration names an action type
(``webhook``, ``command``, ``email``, or a plugin's, see
:mod:`auditor.actions.registry`) and its settings. State changes queue one
outbox row per event and action (:mod:`auditor.campaigns.state`);
:func:`deliver_pending` delivers them at least once, each carrying a stable
idempotency key so a receiver can drop duplicates (:mod:`auditor.actions.outbox`).

Public API::

    deliver_pending(store, config, now=None, limit=100) -> DeliveryReport
    action_types() -> {name: deliver}      # the registry
    get_action_type(name) -> deliver
    configured_actions(config) -> {action name: settings}
    validate_actions(config)                # ConfigError on a bad [[actions]] table
    ActionError                             # what every deliver() raises on failure
"""

from __future__ import annotations

from auditor.actions.base import ActionError, ActionType, requires, summary
from auditor.actions.outbox import DeliveryReport, backoff, deliver_pending
from auditor.actions.registry import (
    GROUP,
    action_types,
    configured_actions,
    get_action_type,
    validate_actions,
)

__all__ = [
    "GROUP",
    "ActionError",
    "ActionType",
    "DeliveryReport",
    "action_types",
    "backoff",
    "configured_actions",
    "deliver_pending",
    "get_action_type",
    "requires",
    "summary",
    "validate_actions",
]
