"""``--format json``: the audit object of CONTRACT.md."""

from __future__ import annotations

import json
from typing import Any


def render(result: Any, **_options: Any) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
