"""Plugins: one entry-point group loaded into a name → object registry.

Every registry of auditor (connectors, rules, report formats, actions, gate
checks) is an entry-point group of the package metadata, loaded by
:func:`load_group` with the same rules:

- built-ins come first and cannot be replaced: an entry point that names a
  built-in and points elsewhere is skipped with a warning (the package's own
  entry points for its built-ins are recognised and stay silent);
- the first plugin with a name wins; a second one, from another package,
  is skipped with a warning naming both;
- a plugin that fails to import is skipped with a warning naming it and the
  error, never a crash;
- a plugin that is not of the registry's shape (``adapt`` says None) is
  skipped with a warning saying what was expected.

It is a utility module: any stage may import it, it imports no stage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from importlib.metadata import EntryPoint, entry_points
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def origin(ep: EntryPoint) -> str:
    """``name = module:attr`` and the distribution the entry point comes from."""
    dist = getattr(ep, "dist", None)
    source = f" (from {dist.name} {dist.version})" if dist is not None else ""
    return f"{ep.value}{source}"


def _dotted(obj: Any) -> str:
    """``module:qualname`` of a class or function, as an entry point writes it."""
    return f"{getattr(obj, '__module__', '')}:{getattr(obj, '__qualname__', '')}"


#: The distribution whose entry points declare the built-ins themselves.
OWN_DISTRIBUTION = "auditor"


def _is_own(ep: EntryPoint, builtin: Any) -> bool:
    """True when ``ep`` is the package's own entry point for ``builtin``:
    declared by auditor's own metadata, or naming the built-in itself."""
    dist = getattr(ep, "dist", None)
    if dist is not None and (dist.name or "").lower() == OWN_DISTRIBUTION:
        return True
    return ep.value.replace(" ", "") == _dotted(builtin)


def load_group(
    group: str,
    kind: str,
    builtins: Mapping[str, T] | None = None,
    adapt: Callable[[Any], T | None] | None = None,
    expected: str = "is not of the expected shape",
) -> dict[str, T]:
    """Every object of entry-point ``group`` by name: ``builtins`` first, then
    the plugins in the order the metadata lists them.

    ``kind`` names the registry in warnings (``"connector"`` gives
    "connector plugin NAME failed to load: …"). ``adapt`` turns a loaded
    object into the registry's shape (a class checked, a ``deliver``
    attribute taken), or returns None to refuse it; the warning then says
    "``kind`` plugin NAME ``expected``; skipped".
    """
    found: dict[str, T] = dict(builtins or {})
    sources: dict[str, EntryPoint] = {}
    for ep in entry_points(group=group):
        if ep.name in found:
            _duplicate(ep, kind, found, sources, builtins or {})
            continue
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin is skipped, never a crash
            log.warning("%s plugin %s failed to load: %s", kind, ep.name, _error(exc))
            continue
        value = adapt(obj) if adapt is not None else obj
        if value is None:
            log.warning("%s plugin %s %s; skipped", kind, ep.name, expected)
            continue
        found[ep.name] = value
        sources[ep.name] = ep
    return found


def _duplicate(
    ep: EntryPoint,
    kind: str,
    found: Mapping[str, Any],
    sources: Mapping[str, EntryPoint],
    builtins: Mapping[str, Any],
) -> None:
    """Warn about an entry point whose name is taken, unless it is the same one."""
    if ep.name in builtins:
        if not _is_own(ep, builtins[ep.name]):
            log.warning(
                "%s plugin %s (%s) has the name of a built-in %s; skipped",
                kind,
                ep.name,
                origin(ep),
                kind,
            )
        return
    first = sources.get(ep.name)
    if first is not None and first.value == ep.value:
        return  # the same package seen twice on sys.path
    log.warning(
        "%s plugin %s (%s) has the name of plugin %s (%s), which is kept; skipped",
        kind,
        ep.name,
        origin(ep),
        ep.name,
        origin(first) if first is not None else _dotted(found[ep.name]),
    )


def _error(exc: BaseException) -> str:
    """The exception as one line: its type when the message is empty."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
