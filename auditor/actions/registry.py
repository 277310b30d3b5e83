"""The action-type registry: built-ins plus the ``auditor.actions`` entry points.

Every action type has one shape, ``deliver(event, settings) -> None`` raising
:class:`~auditor.actions.base.ActionError` on failure (see
:mod:`auditor.actions.base`). A third party adds one in its package metadata::

    [project.entry-points."auditor.actions"]
    pagerduty = "auditor_pagerduty:deliver"

The entry point may name the function itself, or a module or class with a
``deliver`` attribute. Plugins are loaded once; one that fails to load, or
that is not callable, is skipped with a warning instead of stopping the
auditor. Built-in names cannot be overridden.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from auditor.actions.base import ActionError, ActionType, missing_keys
from auditor.errors import ConfigError
from auditor.plugins import load_group

GROUP = "auditor.actions"


def _builtins() -> dict[str, ActionType]:
    from auditor.actions import command, mail, webhook

    return {"webhook": webhook.deliver, "command": command.deliver, "email": mail.deliver}


def _as_action(obj: Any) -> ActionType | None:
    deliver = getattr(obj, "deliver", None)
    if callable(deliver):
        return deliver
    if callable(obj) and not isinstance(obj, type):
        return obj
    return None


@lru_cache(maxsize=1)
def action_types() -> dict[str, ActionType]:
    """Every action type by name: the built-ins, then the plugins."""
    return load_group(
        GROUP,
        "action",
        builtins=_builtins(),
        adapt=_as_action,
        expected="has no deliver(event, settings)",
    )


def get_action_type(name: str) -> ActionType:
    """The action type called ``name``; :class:`ActionError` if there is none."""
    types = action_types()
    if name not in types:
        known = ", ".join(sorted(types))
        raise ActionError(f"unknown action type {name!r} (known: {known})")
    return types[name]


def _where(config: Any) -> str:
    return str(getattr(config, "path", None) or "the configuration")


def configured_actions(config: Any) -> dict[str, dict[str, Any]]:
    """The configured actions by name, in file order.

    An unnamed action is called ``TYPE-INDEX`` (``webhook-0``: its type and
    its position in the array), the same rule as
    :func:`auditor.cycle.action_names`. These names are what the outbox
    stores (``Transitions(actions=list(configured_actions(config)))``).
    Raises :class:`ConfigError` for an action without a type or a name used
    twice.
    """
    result: dict[str, dict[str, Any]] = {}
    for index, settings in enumerate(getattr(config, "actions", None) or []):
        kind = settings.get("type")
        if not kind:
            raise ConfigError(f"{_where(config)}: actions[{index}].type: missing")
        name = str(settings.get("name") or f"{kind}-{index}")
        if name in result:
            raise ConfigError(
                f"{_where(config)}: actions[{index}].name: {name!r} is used by another action; "
                "give each action its own name"
            )
        result[name] = settings
    return result


def validate_actions(config: Any) -> None:
    """Check the ``[[actions]]`` tables before anything is delivered: known
    types, unique names, each type's required keys. Raises
    :class:`ConfigError` naming the file and key."""
    configured_actions(config)
    types = action_types()
    for index, settings in enumerate(getattr(config, "actions", None) or []):
        kind = settings["type"]
        if kind not in types:
            known = ", ".join(sorted(types))
            raise ConfigError(
                f"{_where(config)}: actions[{index}].type: unknown action type {kind!r} "
                f"(known: {known})"
            )
        for key in missing_keys(types[kind], settings):
            raise ConfigError(f"{_where(config)}: actions[{index}].{key}: missing")
