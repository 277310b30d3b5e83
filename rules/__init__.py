"""The rules engine and the rule catalogue (policy/rules.md).

Each ``bsmNNN_*.py`` module in this package holds one rule. Third-party rules
register through the ``auditor.rules`` entry-point group; a plugin that fails
to load is skipped with a warning.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from auditor.plugins import load_group

GROUP = "auditor.rules"


@lru_cache(maxsize=1)
def load_all() -> None:
    """Import every rule module once (registration happens on import)."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("bsm"):
            importlib.import_module(f"{__name__}.{module.name}")
    load_group(GROUP, "rule")  # a plugin's rules register as its module is imported
