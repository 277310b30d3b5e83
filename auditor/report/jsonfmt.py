"""``--format json``: the audit object of CONTRACT.md.

:func:`stream` writes the findings and the notices one by one, so a report
of a hundred thousand findings never sits in memory whole; :func:`render`
joins it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_PLACEHOLDER = "\x00"


def _slot(key: str) -> str:
    return f'"{key}": "\\u0000"'


def _items(dicts: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The elements of a JSON list at the document's second level."""
    for index, item in enumerate(dicts):
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("," if index else "") + "\n    " + text


def stream(result: Any, **_options: Any) -> Iterator[str]:
    doc = result.to_dict(with_findings=False, with_notices=False)
    # Placeholders, replaced by the lists streamed in their place.
    doc["findings"] = doc["notices"] = _PLACEHOLDER
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    head, _, rest = text.partition(_slot("findings"))
    middle, _, tail = rest.partition(_slot("notices"))
    yield head + '"findings": ['
    yield from _items(result.finding_dicts())
    yield "\n  ]" + middle + '"notices": ['
    yield from _items(n.to_dict(full=True) for n in result.notices)
    yield "\n  ]" + tail + "\n"


def render(result: Any, **options: Any) -> str:
    return "".join(stream(result, **options))
