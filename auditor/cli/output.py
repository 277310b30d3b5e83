"""Where a command's report goes: stdout or a file written atomically, with
one line on stderr saying what was written; input problems on stderr."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from auditor import clock
from auditor.cli.context import State
from auditor.cli.support import report_problems, unreadable
from auditor.errors import AuditorError


def write_output(text: str | Iterable[str], output: str | None, summary: str = "") -> None:
    """Print ``text`` (a string or its pieces), or write it to ``output``
    atomically (never half a report)."""
    chunks = [text] if isinstance(text, str) else text
    if not output or output == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: never replace it
        try:
            with target.open("w", encoding="utf-8") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        except OSError as exc:
            raise AuditorError(f"{output}: cannot write: {exc.strerror or exc}") from exc
        return
    try:  # the directory must exist: it is never created behind the user's back
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, target)
    except OSError as exc:
        raise AuditorError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    # One line saying what was written (``summary``: what it holds), unless --quiet.
    if logging.getLogger().getEffectiveLevel() < logging.ERROR:
        click.echo(f"auditor: wrote {output}{summary}", err=True)


def render_audit(result: Any, fmt: str, output: str | None) -> None:
    """An audit (or lint) result in ``fmt``, to stdout or ``output``."""
    from auditor.report import render_chunks  # heavy: the report formats

    color = fmt == "table" and not output and sys.stdout.isatty()
    counts = result.severity_counts()
    summary = (
        f" ({fmt} report: {result.messages} messages, {counts['error']} errors, "
        f"{counts['warning']} warnings"
        + (", messaging restricted" if result.active_restrictions(clock.now()) else "")
        + ")"
    )
    write_output(render_chunks(result, fmt, color=color), output, summary)


def problems(state: State, errors: list[dict[str, Any]]) -> int:
    """Report input problems on stderr; 2 when a message or source could not be read."""
    report_problems(errors, state.quiet)
    return 2 if unreadable(errors) else 0
