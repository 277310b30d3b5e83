"""``--format json``: the audit object of CONTRACT.md.

:func:`stream` writes the findings one by one, so a report of a hundred
thousand findings never sits in memory whole; :func:`render` joins it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_SLOT = '"findings": "\\u0000"'


def stream(result: Any, **_options: Any) -> Iterator[str]:
    doc = result.to_dict(with_findings=False)
    doc["findings"] = "\x00"  # a placeholder, replaced by the streamed list
    head, _, tail = json.dumps(doc, ensure_ascii=False, indent=2).partition(_SLOT)
    yield head + '"findings": ['
    for index, item in enumerate(result.finding_dicts()):
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("," if index else "") + "\n    " + text
    yield "\n  ]" + tail + "\n"


def render(result: Any, **options: Any) -> str:
    return "".join(stream(result, **options))
