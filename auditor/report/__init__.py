"""Report formats: plugins with one shape, ``render(result) -> str``.

Built-ins: table (rich, for terminals), json (CONTRACT.md), csv, sarif. More
register under the ``auditor.formats`` entry-point group; a plugin that fails
to load is skipped with a warning.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from auditor.plugins import load_group

GROUP = "auditor.formats"
Formatter = Callable[..., str]


def _builtins() -> dict[str, Formatter]:
    from auditor.report import csvfmt, jsonfmt, markdown, sarif, table

    found: dict[str, Formatter] = {
        "table": table.render,
        "json": jsonfmt.render,
        "csv": csvfmt.render,
        "sarif": sarif.render,
        "md": markdown.render,
    }
    try:
        from auditor.report import html
    except ImportError:
        pass
    else:
        found["html"] = html.render
    return found


def _as_formatter(obj: Any) -> Formatter | None:
    return obj if callable(obj) else None


@lru_cache(maxsize=1)
def formats() -> dict[str, Formatter]:
    """Every audit report format by name."""
    return load_group(
        GROUP,
        "format",
        builtins=_builtins(),
        adapt=_as_formatter,
        expected="is not a function render(result, **options) -> str",
    )


def render(result: Any, fmt: str, **options: Any) -> str:
    return formats()[fmt](result, **options)


def render_chunks(result: Any, fmt: str, **options: Any) -> Iterator[str]:
    """The report in pieces: streamed where the format's module offers
    ``stream`` (json, csv), so a huge report is never built in memory."""
    formatter = formats()[fmt]
    streamer = getattr(sys.modules.get(formatter.__module__), "stream", None)
    if streamer is not None:
        yield from streamer(result, **options)
    else:
        yield formatter(result, **options)
