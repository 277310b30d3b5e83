"""A third-party action type for the registry tests: appends the event to a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.actions import ActionError, requires


@requires("options")
def deliver(event: dict[str, Any], settings: dict[str, Any]) -> None:
    path = settings["options"].get("path")
    if not path:
        raise ActionError("options.path missing")
    with Path(path).open("a") as out:
        out.write(json.dumps(event) + "\n")


class NotAnAction:
    """Neither callable as deliver(event, settings) nor holding a deliver."""
