"""The options commands share, each declared once.

A decorator here adds one option (or a fixed block of them) to a click
command. Where commands word the same option differently in their
``--help`` (``--account`` means "local files' account" to ``audit`` and
"the campaign's account" to ``pause``), the decorator takes the help text;
everything else (names, types, defaults) is fixed here.

:func:`stack` applies decorators in the order they are listed, which is the
order ``--help`` shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

AUDIT_FORMATS = ("table", "json", "csv", "sarif", "html", "md")
SEVERITIES = ("error", "warning", "info", "never")

STORE_HELP = "SQLAlchemy URL of the store (overrides the config)."
LOCAL_ACCOUNT_HELP = "Account for local SOURCEs (IMAP accounts are named by the config)."
CAMPAIGN_ACCOUNT_HELP = "The account, when several have a campaign of this name."
OUTPUT_HELP = "Write to this file instead of stdout."


def stack(*decorators: Callable[[Any], Any]) -> Callable[[F], F]:
    """One decorator applying ``decorators`` so that their options appear in
    ``--help`` in the order listed (click shows the outermost first)."""

    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


# -- every command (and the group) --------------------------------------------------
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default ./auditor.toml, then the user config dir).",
)

verbosity_options = stack(
    click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bar."),
    click.option("-v", "--verbose", count=True, help="More log output (-vv for debug)."),
)

#: -q / -v / --config on every command, as well as on the group.
common_options = stack(verbosity_options, config_option)


# -- options several commands take ----------------------------------------------------
def store_option(help: str = STORE_HELP) -> Decorator:
    """``--store URL`` (``store_url``): the store instead of the config's."""
    return click.option("--store", "store_url", help=help)


def no_store_option(help: str) -> Decorator:
    """``--no-store``: keep nothing, work in memory."""
    return click.option("--no-store", is_flag=True, help=help)


def account_option(help: str, default: str | None = None) -> Decorator:
    """``--account NAME``; with a ``default``, ``--help`` shows it."""
    if default is None:
        return click.option("--account", help=help)
    return click.option("--account", default=default, show_default=True, help=help)


def format_option(choices: Sequence[str]) -> Decorator:
    """``--format`` (``fmt``) among ``choices``, ``table`` by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(tuple(choices)), default="table", show_default=True
    )


def output_option(help: str = OUTPUT_HELP) -> Decorator:
    """``-o/--output FILE``: the report goes there instead of stdout."""
    return click.option("-o", "--output", help=help)


def since_option(help: str) -> Decorator:
    """``--since DAY``: only mail dated on or after it."""
    return click.option("--since", help=help)


def sources_argument() -> Decorator:
    """SOURCE… (optional: without it, the configured IMAP accounts)."""
    return click.argument("sources", nargs=-1)


def reason_option(help: str, required: bool = False) -> Decorator:
    """``--reason TEXT``: why a person acts (kept in the history)."""
    return click.option("--reason", required=required, help=help)


def by_option(help: str) -> Decorator:
    """``--by NAME``: who acts (default: the login name)."""
    return click.option("--by", help=help)


# -- blocks ------------------------------------------------------------------------------
#: What audit, run and lint share: the report file and which rules, mail and severity count.
audit_options = stack(
    output_option("Write the report to this file instead of stdout."),
    click.option("--select", multiple=True, help="Only these rule codes or prefixes (BSM3)."),
    click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip (BSM6,BSM701)."),
    since_option("Only messages dated on or after this day (YYYY-MM-DD)."),
    click.option(
        "--fail-on",
        type=click.Choice(SEVERITIES),
        default=None,
        help="Exit 1 when a finding is at or above this severity (default: error).",
    ),
)

#: What `notices` and `timeline` share: where the mail comes from and where the report goes.
notice_options = stack(
    output_option(),
    since_option("Only mail dated on or after this day (YYYY-MM-DD)."),
    account_option("Account for local SOURCEs.", default="local"),
    store_option("SQLAlchemy URL of the store."),
    no_store_option("Keep nothing: read in memory only."),
)

#: CAMPAIGN, --reason, --by, --account, --store: what pause and resume share.
manual_options = stack(
    click.argument("campaign"),
    reason_option("Why (kept in the campaign's history).", required=True),
    by_option("Who does it (default: your user name)."),
    account_option(CAMPAIGN_ACCOUNT_HELP),
    store_option(),
)
