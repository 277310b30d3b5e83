"""``auditor audit`` (a one-off audit of a mailbox) and ``auditor lint``
(templates before they are sent): the same checks, the same report."""

from __future__ import annotations

import sys
from typing import Any

import click

from auditor import clock
from auditor.cli.context import State, pass_state
from auditor.cli.options import (
    AUDIT_FORMATS,
    STORE_HELP,
    account_option,
    audit_options,
    common_options,
    format_option,
    no_store_option,
    sources_argument,
    store_option,
)
from auditor.cli.output import problems, render_audit
from auditor.cli.support import check_output, parse_when, rule_codes


@click.command()
@sources_argument()
@format_option(AUDIT_FORMATS)
@audit_options
@account_option(
    "Which seller account local files belong to (keeps stores of several apart).",
    default="local",
)
@store_option(STORE_HELP)
@no_store_option("Keep nothing: audit in memory only.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse and check mail (default: the cores; 1: this one alone).",
)
@common_options
@pass_state
def audit(
    state: State,
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    since: str | None,
    fail_on: str | None,
    account: str,
    store_url: str | None,
    no_store: bool,
    jobs: int | None = None,
) -> int:
    """One-off audit of SOURCE… (mbox, Maildir, .eml files or folders, imap:NAME).

    Exit 0 clean, 1 on a finding at or above --fail-on or an active
    restriction, 2 on a usage, config, source or connection error.
    """
    from auditor.audit import Auditor  # heavy: parsing, rules, connectors
    from auditor.pool import default_jobs

    check_output(output)
    specs = state.sources(sources)
    store = None if no_store else state.store(store_url)
    progress, advance, add_total = _progress(state)
    auditor = Auditor(
        state.config,
        store,
        total=add_total,
        select=rule_codes("--select", select),
        ignore=rule_codes("--ignore", ignore),
        fail_on=fail_on,
        since=parse_when("--since", since),
        account=account,
        progress=advance,
        jobs=jobs or default_jobs(),
    )
    if progress is not None:
        with progress:
            result = auditor.audit(specs)
    else:
        result = auditor.audit(specs)
    _campaign_states(state, store, result)
    render_audit(result, fmt, output)
    return problems(state, result.errors) or result.exit_status(clock.now())


def _progress(state: State) -> tuple[Any, Any, Any]:
    """A rich progress bar on stderr for a terminal (determinate when an IMAP
    sync says how much is pending); nothing under cron or --quiet."""
    if state.quiet or not sys.stderr.isatty():
        return None, None, None
    from rich.console import Console  # heavy, and only for a terminal
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
    )
    task = progress.add_task("auditing", total=None)

    def add_total(count: int) -> None:
        progress.update(task, total=(progress.tasks[0].total or 0) + count)

    return progress, (lambda n: progress.advance(task, n)), add_total


def _campaign_states(state: State, store: Any, result: Any) -> None:
    """Register the campaigns seen and report their stored state, with what
    ``auditor run`` would change beside it (``would``). Without a store the
    state is unknown (None) and only the projection is given."""
    from auditor.campaigns.policy import project_unstored  # heavy: SQLAlchemy
    from auditor.campaigns.state import Transitions
    from auditor.cycle import fill_states, register_campaigns

    now = clock.now()
    if store is None:
        result.store = None
        for summary in result.campaigns.values():
            summary.state, summary.until, summary.reason = None, None, None
            summary.would, summary.would_until, summary.would_reason = project_unstored(
                summary.kind, summary.marketplace, result.notices, now
            )
        return
    with store.transaction() as session:
        register_campaigns(Transitions(session, [], now), state.config, result)
    fill_states(store, result, now, preview_only=True)


@click.command()
@click.argument("files", nargs=-1, required=True)
@format_option(AUDIT_FORMATS)
@audit_options
@click.option(
    "--marketplace",
    default=None,
    help="Marketplace the templates are written for (default: the marketplace of each "
    "template's language, amazon.com for English).",
)
@click.option("--subject", help="Subject for .txt/.html templates without a 'Subject:' first line.")
@common_options
@pass_state
def lint(
    state: State,
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    since: str | None,
    fail_on: str | None,
    marketplace: str | None,
    subject: str | None,
) -> int:
    """Check templates before they are sent: FILE… (.txt, .html, .eml).

    A .txt or .html template may start with a 'Subject: …' line; order ID,
    buyer name and product placeholders ([[order-id]], {{order_id}},
    %ORDER_ID%…) are filled with sample values. Exit statuses as for audit.
    """
    from auditor.lint import lint_files  # heavy: parsing and rules

    check_output(output)
    result = lint_files(
        state.config,
        list(files),
        marketplace=marketplace,
        subject=subject,
        select=rule_codes("--select", select),
        ignore=rule_codes("--ignore", ignore),
        fail_on=fail_on,
    )
    render_audit(result, fmt, output)
    return problems(state, result.errors) or result.exit_status()
