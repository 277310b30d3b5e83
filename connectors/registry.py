"""The connector registry: entry points loaded once, then asked in order."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from auditor.errors import SourceError
from auditor.plugins import load_group
from connectors.base import INCREMENTAL, Connector, KnownMessages

GROUP = "auditor.connectors"
#: Built-ins in the order they are tried; used when the package metadata is
#: absent (running from a source tree) and to order the entry points.
BUILTIN = ("imap", "maildir", "emldir", "mbox", "eml")


def _builtin_classes() -> dict[str, type[Connector]]:
    from connectors.files import EmlConnector, EmlDirConnector, MaildirConnector, MboxConnector

    classes: dict[str, type[Connector]] = {
        "maildir": MaildirConnector,
        "emldir": EmlDirConnector,
        "mbox": MboxConnector,
        "eml": EmlConnector,
    }
    try:
        from connectors.imap import ImapConnector
    except ImportError:
        pass
    else:
        classes["imap"] = ImapConnector
    return classes


def _as_connector(obj: Any) -> type[Connector] | None:
    return obj if isinstance(obj, type) and issubclass(obj, Connector) else None


@lru_cache(maxsize=1)
def available() -> dict[str, type[Connector]]:
    """Every connector: built-ins first, then third-party entry points.

    A plugin that fails to load or is not a Connector is skipped with a
    warning, never a crash.
    """
    found = load_group(
        GROUP,
        "connector",
        builtins=_builtin_classes(),
        adapt=_as_connector,
        expected="is not a Connector subclass",
    )
    ordered = {name: found[name] for name in BUILTIN if name in found}
    ordered.update({name: cls for name, cls in found.items() if name not in ordered})
    return ordered


def open_source(
    spec: str, config: Any = None, store: Any = None, known: KnownMessages | None = None
) -> Connector:
    """The connector for SOURCE ``spec``, not yet opened (use it in ``with``).
    ``known`` goes to incremental connectors only (others need not take it)."""
    for cls in available().values():
        if cls.accepts(spec):
            if known is not None and INCREMENTAL in cls.capabilities:
                return cls(spec, config=config, store=store, known=known)
            return cls(spec, config=config, store=store)
    from pathlib import Path

    if ":" in spec and not Path(spec).exists():
        scheme = spec.split(":", 1)[0]
        raise SourceError(f"{spec}: no connector handles '{scheme}:' sources")
    raise SourceError(f"{spec}: no such file or directory")
