"""Checks and messages the command line shares: option values refused in one
line that names the option, problems with the input reported on stderr, a
closed pipe reported instead of a traceback (part of :mod:`auditor.cli`).

Every message has the form ``auditor: THING: what is wrong`` (THING is the
option, the file or the message at fault), and every user mistake exits 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from auditor.errors import UsageError
from auditor.secrets import redact

#: Problems printed one per line on stderr; the rest are counted.
MAX_PROBLEM_LINES = 20


def parse_when(option: str, value: str | None, example: str = "YYYY-MM-DD") -> datetime | None:
    """``value`` as a timezone-aware datetime (UTC when it names no zone);
    None when not given. A value that is not a date is a UsageError naming
    ``option``."""
    if value is None or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use {example})") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def check_codes(option: str, codes: Sequence[str]) -> list[str]:
    """``codes`` (rule codes or prefixes such as ``BSM3``, or ``ALL``) when
    each selects at least one registered rule; else a UsageError naming the
    first that selects none."""
    from rules.base import registry  # heavy: every rule module
    from rules.engine import matches_code

    known = list(registry())
    for code in codes:
        if not any(matches_code(rule, [code]) for rule in known):
            raise UsageError(
                f"{option}: {code!r} is not a rule code or prefix (see 'auditor rules')"
            )
    return list(codes)


def rule_codes(option: str, values: Sequence[str]) -> list[str]:
    """--select / --ignore values (each may hold several, comma-separated),
    each checked against the rule registry with :func:`check_codes`."""
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    return check_codes(option, codes)


def check_output(output: str | None) -> None:
    """Refuse an output path whose directory does not exist (it is never
    created), or that is a directory, before any work is done."""
    if not output or output == "-":
        return
    target = Path(output).expanduser()
    if target.is_dir():
        raise UsageError(f"-o {output}: is a directory")
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(f"-o {output}: directory {parent} does not exist")
    if not target.exists() and not os.access(parent, os.W_OK):
        raise UsageError(f"-o {output}: directory {parent} is not writable")


def check_directory(option: str, directory: str | None) -> None:
    """A directory the command will create (``--evidence DIR``): DIR itself
    may be new, the directory holding it must exist."""
    if not directory:
        return
    target = Path(directory).expanduser()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{option} {directory}: not a directory")
    if not target.exists() and not target.parent.is_dir():
        raise UsageError(f"{option} {directory}: directory {target.parent} does not exist")


def _where(error: dict[str, Any]) -> str:
    """The thing at fault as a person can open it: ``DIR#NAME`` (a file of a
    folder of .eml files) becomes the file's path; ``Sent.mbox#12`` stays."""
    where = str(error.get("source") or "input")
    folder, sep, name = where.rpartition("#")
    if sep and os.path.isdir(folder) and os.path.lexists(os.path.join(folder, name)):
        return os.path.normpath(os.path.join(folder, name))
    return where


def unreadable(errors: Iterable[dict[str, Any]]) -> int:
    """How many entries are errors (input not read), not warnings."""
    return sum(1 for e in errors if e.get("level", "error") == "error")


def report_problems(errors: Sequence[dict[str, Any]], quiet: bool) -> None:
    """One line on stderr per problem with the input: errors always,
    warnings (read, but damaged) unless ``quiet``; at most
    MAX_PROBLEM_LINES, then a count."""
    from auditor.report.table import safe  # heavy: rich

    shown = [e for e in errors if not quiet or e.get("level", "error") == "error"]
    for error in shown[:MAX_PROBLEM_LINES]:
        prefix = "warning: " if error.get("level") == "warning" else ""
        text = safe(f"{_where(error)}: {error.get('error')}", 400).plain
        sys.stderr.write(f"auditor: {prefix}{redact(text)}\n")
    if len(shown) > MAX_PROBLEM_LINES:
        sys.stderr.write(
            f"auditor: … and {len(shown) - MAX_PROBLEM_LINES} more problems with the input "
            "(see --format json)\n"
        )
    sys.stderr.flush()


def silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's
    last flush cannot fail again (the recipe in Python's signal docs)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to do
        pass


class OneLineGroup(click.Group):
    """A click group whose own usage errors (an unknown option, a value not
    among the choices, a missing argument) are one line, like ours:
    ``auditor: audit: No such option: --formt (see 'auditor audit --help')``,
    exit 2, instead of click's usage block."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            status = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # bare "auditor": the help
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            path = exc.ctx.command_path.split(" ", 1) if exc.ctx is not None else []
            sub = path[1] if len(path) > 1 else ""
            where = f"auditor {sub}" if sub else "auditor"
            command = f"{sub}: " if sub else ""
            message = " ".join(exc.format_message().split())
            sys.stderr.write(f"auditor: {command}{message} (see '{where} --help')\n")
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            sys.stderr.write(f"auditor: {' '.join(exc.format_message().split())}\n")
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            sys.stderr.write("auditor: aborted\n")
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)
