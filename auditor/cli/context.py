"""What every command runs inside: the options it shares with the group
(:class:`State`), the logging they set, and :func:`guard`, which turns an
:class:`AuditorError` (bad config, missing source, refused login…) into one
line on stderr and its exit status, never a traceback (``-vv`` shows it).

A command is written ``@common_options @pass_state def cmd(state, …)``: it
gets a :class:`State` instead of ``--config``/``-v``/``-q`` and runs guarded.
"""

from __future__ import annotations

import functools
import getpass
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

from auditor.cli.support import silence_stdout
from auditor.config import Config, load_config
from auditor.errors import AuditorError
from auditor.secrets import RedactingFilter, redact

log = logging.getLogger("auditor")


def setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("auditor: %(levelname)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class State:
    """Options shared by every command (the group's), resolved lazily."""

    def __init__(self, config_path: str | None, verbose: int, quiet: bool) -> None:
        self.config_path = config_path
        self.verbose = verbose
        self.quiet = quiet
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            from auditor.actions import validate_actions  # heavy: the action plugins

            config = load_config(self.config_path)
            validate_actions(config)  # a bad [[actions]] table stops before anything is sent
            self._config = config
        return self._config

    def store(self, url: str | None = None) -> Any:
        """The store at ``url`` (else the config's), opened and migrated-checked."""
        from auditor.store import open_store  # heavy: SQLAlchemy

        # Only the default store's directory (in the user data dir) is created.
        default = not url and not self.config.section("store").get("url")
        return open_store(url or self.config.store_url, create_dir=default)

    def sources(self, given: tuple[str, ...]) -> list[str]:
        if given:
            return list(given)
        accounts = list(self.config.accounts)
        if not accounts:
            raise AuditorError(
                "no SOURCE given and no [accounts] in the configuration: name an mbox, a "
                "Maildir, .eml files or imap:NAME"
            )
        return [f"imap:{name}" for name in accounts]


def command_state(ctx: click.Context, config_path: str | None, verbose: int, quiet: bool) -> State:
    """The command's own --config/-v/-q over the group's, with logging set up."""
    parent: State = ctx.obj
    state = State(
        config_path or parent.config_path, max(verbose, parent.verbose), quiet or parent.quiet
    )
    setup_logging(state.verbose, state.quiet)
    return state


def guard(func: Callable[..., int | None]) -> Callable[..., None]:
    """Run ``func`` and exit with its status; expected failures are one line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            status = func(*args, **kwargs)
        except AuditorError as exc:
            click.echo(f"auditor: {redact(str(exc))}", err=True)
            log.debug("details", exc_info=True)
            sys.exit(exc.exit_status)
        except KeyboardInterrupt:
            click.echo("auditor: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader (| head, | true) closed stdout early
            silence_stdout()
            click.echo("auditor: stdout: closed before the output was complete", err=True)
            sys.exit(2)
        except Exception as exc:  # a bug: one line, the traceback with -vv
            log.debug("internal error", exc_info=True)
            detail = redact(f"{type(exc).__name__}: {exc}").splitlines()[0][:300]
            click.echo(
                f"auditor: internal error: {detail} (run with -vv for details; please report it)",
                err=True,
            )
            sys.exit(2)
        sys.exit(status or 0)

    return wrapper


def pass_state(func: Callable[..., int | None]) -> Callable[..., None]:
    """Call ``func(state, **options)`` under :func:`guard`, the State built from
    the command's ``--config``/``-v``/``-q`` (see options.common_options)."""

    @functools.wraps(func)
    def wrapper(*args: Any, config_path: str | None, verbose: int, quiet: bool, **kw: Any) -> Any:
        state = command_state(click.get_current_context(), config_path, verbose, quiet)
        return func(state, *args, **kw)

    return guard(wrapper)


def person(by: str | None) -> str:
    """``person:NAME``: who acts by hand (--by, else the login name)."""
    try:
        who = by or getpass.getuser()
    except (KeyError, OSError):
        who = by or "unknown"
    return f"person:{who}"
