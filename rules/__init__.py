"""The rules engine and the rule catalogue (policy/rules.md).

Each ``bsmNNN_*.py`` module in this package holds one rule. Third-party rules
register through the ``auditor.rules`` entry-point group; a plugin that fails
to load is skipped with a warning.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from functools import lru_cache
from importlib.metadata import entry_points

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_all() -> None:
    """Import every rule module once (registration happens on import)."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("bsm"):
            importlib.import_module(f"{__name__}.{module.name}")
    for ep in entry_points(group="auditor.rules"):
        try:
            ep.load()
        except Exception as exc:
            log.warning("rule plugin %s failed to load: %s", ep.name, exc)
