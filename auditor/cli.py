"""The ``auditor`` command line: parses options, delegates to the core,
prints a report, exits with the status CONTRACT.md promises.

Every command runs inside :func:`_guard`: an :class:`AuditorError` (bad
config, missing source, refused login…) becomes one line on stderr and exit
status 2, never a traceback (``-vv`` shows it).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from auditor import __version__, clock
from auditor.config import Config, load_config
from auditor.errors import AuditorError

log = logging.getLogger("auditor")

AUDIT_FORMATS = ("table", "json", "csv", "sarif", "html", "md")
SEVERITIES = ("error", "warning", "info", "never")


# -- plumbing ---------------------------------------------------------------------
def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _parse_since(value: str | None) -> datetime | None:
    from auditor.cli_support import parse_when

    return parse_when("--since", value)


def _check_output(output: str | None) -> None:
    from auditor.cli_support import check_output

    check_output(output)


def _codes(option: str, values: tuple[str, ...]) -> list[str]:
    """--select / --ignore values, each checked against the rule registry."""
    from auditor.cli_support import check_codes

    return check_codes(option, _split_codes(values))


def _problems(state: State, errors: list[dict[str, Any]]) -> int:
    """Report input problems on stderr; 2 when a message or source could not be read."""
    from auditor.cli_support import report_problems, unreadable

    report_problems(errors, state.quiet)
    return 2 if unreadable(errors) else 0


def _one_line_group() -> type[click.Group]:
    from auditor.cli_support import OneLineGroup

    return OneLineGroup


def setup_logging(verbose: int, quiet: bool) -> None:
    from auditor.secrets import RedactingFilter

    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("auditor: %(levelname)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


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


def _guard(func: Callable[..., int | None]) -> Callable[..., None]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from auditor.secrets import redact

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
            from auditor.cli_support import silence_stdout

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
            from auditor.actions import validate_actions

            config = load_config(self.config_path)
            validate_actions(config)  # a bad [[actions]] table stops before anything is sent
            self._config = config
        return self._config

    def store(self, url: str | None = None):
        from auditor.store import open_store

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


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--config / -v / --quiet on every command, as well as on the group."""
    func = click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Configuration file (default ./auditor.toml, then the user config dir).",
    )(func)
    func = click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")(
        func
    )
    func = click.option(
        "-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bar."
    )(func)
    return func


def _state(ctx: click.Context, config_path: str | None, verbose: int, quiet: bool) -> State:
    parent: State = ctx.obj
    state = State(
        config_path or parent.config_path, max(verbose, parent.verbose), quiet or parent.quiet
    )
    setup_logging(state.verbose, state.quiet)
    return state


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, cls=_one_line_group())
@common_options
@click.version_option(__version__, prog_name="auditor")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int, quiet: bool) -> None:
    """Audit Amazon buyer messages and account-health notices in a seller's mailbox."""
    ctx.obj = State(config_path, verbose, quiet)


def audit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--fail-on",
        type=click.Choice(SEVERITIES),
        default=None,
        help="Exit 1 when a finding is at or above this severity (default: error).",
    )(func)
    func = click.option("--since", help="Only messages dated on or after this day (YYYY-MM-DD).")(
        func
    )
    func = click.option(
        "--ignore", multiple=True, help="Rule codes or prefixes to skip (BSM6,BSM701)."
    )(func)
    func = click.option(
        "--select", multiple=True, help="Only these rule codes or prefixes (BSM3)."
    )(func)
    func = click.option("-o", "--output", help="Write the report to this file instead of stdout.")(
        func
    )
    return func


def _progress(state: State):
    """A rich progress bar on stderr for a terminal (determinate when an IMAP
    sync says how much is pending); nothing under cron or --quiet."""
    if state.quiet or not sys.stderr.isatty():
        return None, None, None
    from rich.console import Console
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


def _render_audit(result: Any, fmt: str, output: str | None) -> None:
    from auditor.report import render_chunks

    color = fmt == "table" and not output and sys.stdout.isatty()
    counts = result.severity_counts()
    summary = (
        f" ({fmt} report: {result.messages} messages, {counts['error']} errors, "
        f"{counts['warning']} warnings"
        + (", messaging restricted" if result.active_restrictions(clock.now()) else "")
        + ")"
    )
    write_output(render_chunks(result, fmt, color=color), output, summary)


# -- commands ------------------------------------------------------------------------------
@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(AUDIT_FORMATS), default="table", show_default=True
)
@audit_options
@click.option(
    "--account",
    default="local",
    show_default=True,
    help="Which seller account local files belong to (keeps stores of several apart).",
)
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@click.option("--no-store", is_flag=True, help="Keep nothing: audit in memory only.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse and check mail (default: the cores; 1: this one alone).",
)
@common_options
@click.pass_context
@_guard
def audit(
    ctx,
    sources,
    fmt,
    output,
    select,
    ignore,
    since,
    fail_on,
    account,
    store_url,
    no_store,
    config_path,
    verbose,
    quiet,
    jobs=None,
) -> int:
    """One-off audit of SOURCE… (mbox, Maildir, .eml files or folders, imap:NAME).

    Exit 0 clean, 1 on a finding at or above --fail-on or an active
    restriction, 2 on a usage, config, source or connection error.
    """
    from auditor.audit import Auditor
    from auditor.pool import default_jobs

    state = _state(ctx, config_path, verbose, quiet)
    _check_output(output)
    specs = state.sources(sources)
    store = None if no_store else state.store(store_url)
    progress, advance, add_total = _progress(state)
    auditor = Auditor(
        state.config,
        store,
        total=add_total,
        select=_codes("--select", select),
        ignore=_codes("--ignore", ignore),
        fail_on=fail_on,
        since=_parse_since(since),
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
    _render_audit(result, fmt, output)
    return _problems(state, result.errors) or result.exit_status(clock.now())


def _campaign_states(state: State, store: Any, result: Any) -> None:
    """Register the campaigns seen and report their stored state, with what
    ``auditor run`` would change beside it (``would``). Without a store the
    state is unknown (None) and only the projection is given."""
    from auditor.campaigns.policy import project_unstored
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


def _collect_notices(
    state: State,
    sources: tuple[str, ...],
    since: str | None,
    account: str,
    store_url: str | None,
    no_store: bool,
    orders: list | None = None,
):
    """Read the sources (or sync the accounts) and return (notices, errors).
    With ``orders`` (a list), the per-order timeline rows are added to it.

    For IMAP accounts the store's whole history of notices counts, since an
    incremental sync only brings the new ones.
    """
    from auditor.audit import Auditor
    from auditor.notices import Notice

    specs = state.sources(sources)
    store = None if no_store else state.store(store_url)
    auditor = Auditor(
        state.config, store, select=["NONE"], since=_parse_since(since), account=account
    )
    auditor.collect_orders = orders is not None
    result = auditor.audit(specs, command="notices")
    if orders is not None:
        orders.extend(result.orders)
    notices = list(result.notices)
    if store is not None:
        seen = {n.message_id for n in notices}
        for spec in specs:
            if not spec.startswith("imap:"):
                continue
            for row in store.notices(spec[5:]):
                if row.data.get("message_id") not in seen:
                    notices.append(Notice.from_dict(row.data, raw=row.raw))
                    seen.add(row.data.get("message_id"))
    notices.sort(key=lambda n: (n.received_at is None, n.received_at or clock.now()))
    if store is not None:
        from auditor.cycle import attach_notice_status

        attach_notice_status(store, notices)
    return notices, result.errors


def notice_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--no-store", is_flag=True, help="Keep nothing: read in memory only.")(func)
    func = click.option("--store", "store_url", help="SQLAlchemy URL of the store.")(func)
    func = click.option(
        "--account", default="local", show_default=True, help="Account for local SOURCEs."
    )(func)
    func = click.option("--since", help="Only mail dated on or after this day (YYYY-MM-DD).")(func)
    func = click.option("-o", "--output", help="Write to this file instead of stdout.")(func)
    return func


class _DefaultGroup(click.Group):
    """A group whose arguments go to its default command unless the first
    names a subcommand: ``auditor notices SOURCE…`` keeps working beside
    ``auditor notices confirm ID`` (a source named like a subcommand is
    written ``./confirm``)."""

    def __init__(self, *args: Any, default: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = [self.default, *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_DefaultGroup, default="list")
def notices() -> None:
    """The Amazon notices found, with kind, dates and authenticity
    (`auditor notices confirm ID` applies one that needs confirming)."""


@notices.command("list")
@click.argument("sources", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "csv", "md")),
    default="table",
    show_default=True,
)
@notice_options
@common_options
@click.pass_context
@_guard
def notices_list(
    ctx, sources, fmt, output, since, account, store_url, no_store, config_path, verbose, quiet
) -> int:
    """The Amazon notices found, with kind, dates and authenticity.

    A restriction not verified by a trusted receiving server changes no
    campaign until a person confirms it: `auditor notices confirm ID`.
    """
    from auditor.report.notices import render_notices

    state = _state(ctx, config_path, verbose, quiet)
    _check_output(output)
    found, errors = _collect_notices(state, sources, since, account, store_url, no_store)
    color = fmt == "table" and not output and sys.stdout.isatty()
    write_output(render_notices(found, errors, fmt, color=color), output)
    return _problems(state, errors)


@notices.command("confirm")
@click.argument("ident", metavar="ID")
@click.option("--reason", help="Why (e.g. 'shown in Seller Central, Account Health').")
@click.option("--by", help="Who confirms (default: your user name).")
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def notices_confirm(ctx, ident, reason, by, store_url, config_path, verbose, quiet) -> int:
    """Confirm that notice ID (its number in `auditor notices`, or its
    Message-ID) is Amazon's. Recorded with who and when; the next
    `auditor run` applies it once, as if verified. Idempotent."""
    state = _state(ctx, config_path, verbose, quiet)
    store = state.store(store_url)
    found = store.find_notices(ident)
    if not found:
        raise AuditorError(
            f"{ident}: no such notice in the store (see the numbers in 'auditor notices')"
        )
    who = _person(by).removeprefix("person:")
    now = clock.now()
    for notice in found:
        what = f"notice {notice.id} ({notice.kind}, {notice.authenticity})"
        if notice.authenticity == "verified":
            message = f"{what}: verified by a trusted server; it was applied when read"
        else:
            confirmation, new = store.confirm_notice(notice.id, who, reason, now)
            when = f"{confirmation.at:%Y-%m-%d %H:%M} UTC"
            message = (
                f"{what}: confirmed by {confirmation.by} at {when}; 'auditor run' applies it"
                if new
                else f"{what}: already confirmed by {confirmation.by} at {when}"
            )
        if not state.quiet:
            click.echo(message)
    return 0


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "csv", "md", "html")),
    default="table",
    show_default=True,
)
@click.option(
    "--evidence",
    "evidence_dir",
    type=click.Path(file_okay=False),
    help="Copy each notice's original mail into this directory, with an index.",
)
@notice_options
@common_options
@click.pass_context
@_guard
def timeline(
    ctx,
    sources,
    fmt,
    evidence_dir,
    output,
    since,
    account,
    store_url,
    no_store,
    config_path,
    verbose,
    quiet,
) -> int:
    """Account-health timeline for an appeal: every notice in order, open items last."""
    from dataclasses import replace

    from auditor.notices.evidence import write_evidence
    from auditor.notices.timeline import build_timeline
    from auditor.report.timeline import render_timeline

    state = _state(ctx, config_path, verbose, quiet)
    _check_output(output)
    from auditor.cli_support import check_directory

    check_directory("--evidence", evidence_dir)
    order_rows: list = []
    found, errors = _collect_notices(
        state, sources, since, account, store_url, no_store, orders=order_rows
    )
    built = build_timeline(found, clock.now())
    built = replace(built, orders=tuple(order_rows))
    if fmt == "html":
        from auditor.report.html import render_timeline_html

        text = render_timeline_html(built)
    else:
        text = render_timeline(built, fmt)
    write_output(text, output)
    if evidence_dir:
        index = write_evidence(found, evidence_dir)
        if not state.quiet:
            click.echo(f"evidence: {len(found)} mails and {index}", err=True)
    return _problems(state, errors)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(AUDIT_FORMATS), default="table", show_default=True
)
@audit_options
@click.option(
    "--marketplace",
    default=None,
    help="Marketplace the templates are written for (default: the marketplace of each "
    "template's language, amazon.com for English).",
)
@click.option("--subject", help="Subject for .txt/.html templates without a 'Subject:' first line.")
@common_options
@click.pass_context
@_guard
def lint(
    ctx,
    files,
    fmt,
    output,
    select,
    ignore,
    since,
    fail_on,
    marketplace,
    subject,
    config_path,
    verbose,
    quiet,
) -> int:
    """Check templates before they are sent: FILE… (.txt, .html, .eml).

    A .txt or .html template may start with a 'Subject: …' line; order ID,
    buyer name and product placeholders ([[order-id]], {{order_id}},
    %ORDER_ID%…) are filled with sample values. Exit statuses as for audit.
    """
    from auditor.lint import lint_files

    state = _state(ctx, config_path, verbose, quiet)
    _check_output(output)
    result = lint_files(
        state.config,
        list(files),
        marketplace=marketplace,
        subject=subject,
        select=_codes("--select", select),
        ignore=_codes("--ignore", ignore),
        fail_on=fail_on,
    )
    _render_audit(result, fmt, output)
    return _problems(state, result.errors) or result.exit_status()


@cli.command()
@click.argument("code", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "md", "html")),
    default="table",
    show_default=True,
)
@click.option("-o", "--output", help="Write to this file instead of stdout.")
@common_options
@click.pass_context
@_guard
def rules(ctx, code, fmt, output, config_path, verbose, quiet) -> int:
    """The rule catalogue, or one rule's documentation with examples."""
    from rules.base import registry
    from rules.docs import as_markdown, as_text, catalogue, describe

    _state(ctx, config_path, verbose, quiet)
    _check_output(output)
    classes = registry()
    if code:
        cls = classes.get(code.upper())
        if cls is None:
            matches = [c for c in classes.values() if c.name == code.lower()]
            if not matches:
                raise AuditorError(f"{code}: no such rule (see 'auditor rules')")
            cls = matches[0]
        info = describe(cls)
        if fmt == "html":
            from auditor.report.html import render_rules_html

            write_output(render_rules_html([info]), output)
            return 0
        text = {
            "json": lambda: json.dumps(info, ensure_ascii=False, indent=2) + "\n",
            "md": lambda: as_markdown(info),
            "table": lambda: as_text(info),
        }[fmt]()
        write_output(text, output)
        return 0
    infos = catalogue()
    if fmt == "html":
        from auditor.report.html import render_rules_html

        write_output(render_rules_html(infos), output)
    elif fmt == "json":
        write_output(json.dumps(infos, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "md":
        lines = ["| code | name | severity | summary |", "|---|---|---|---|"]
        lines += [
            f"| {i['code']} | {i['name']} | {i['severity']} | {i['summary']} |" for i in infos
        ]
        write_output("\n".join(lines) + "\n", output)
    else:
        width = max(len(i["name"]) for i in infos)
        lines = [
            f"{i['code']}  {i['name']:<{width}}  {i['severity']:<7}  {i['summary']}" for i in infos
        ]
        write_output("\n".join(lines) + "\n", output)
    return 0


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(AUDIT_FORMATS), default="table", show_default=True
)
@audit_options
@click.option(
    "--account",
    default="local",
    show_default=True,
    help="Account for local SOURCEs (IMAP accounts are named by the config).",
)
@click.option(
    "--wait",
    type=float,
    default=0,
    show_default=True,
    help="Seconds to wait for another run to finish before giving up.",
)
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def run(
    ctx,
    sources,
    fmt,
    output,
    select,
    ignore,
    since,
    fail_on,
    account,
    wait,
    store_url,
    config_path,
    verbose,
    quiet,
) -> int:
    """One cycle for cron: sync accounts, detect notices, pause/resume
    campaigns, fire actions, report. Safe to run twice at once (a lock) and to re-run."""
    from auditor.cycle import run_cycle

    state = _state(ctx, config_path, verbose, quiet)
    _check_output(output)
    store = state.store(store_url)
    cycle = run_cycle(
        state.config,
        store,
        state.sources(sources),
        account=account,
        wait=wait,
        auditor_options={
            "select": _codes("--select", select),
            "ignore": _codes("--ignore", ignore),
            "fail_on": fail_on,
            "since": _parse_since(since),
        },
    )
    _render_audit(cycle.audit, fmt, output)
    delivery = cycle.delivery
    for line in getattr(delivery, "failures", []) or []:
        click.echo(f"auditor: action failed: {line}", err=True)
    status = _problems(state, cycle.audit.errors) or cycle.audit.exit_status(clock.now())
    if status == 0 and _restriction_on_record(store, clock.now()):
        status = 1  # a restriction read by an earlier run is still running
    return status


def _restriction_on_record(store: Any, now: Any) -> bool:
    """True when the store holds a (not suspicious) restriction still running."""
    from sqlalchemy import select

    from auditor.campaigns.policy import RESTRICTIONS
    from auditor.store.models import StoredNotice

    with store.transaction() as session:
        found = session.scalar(
            select(StoredNotice.id)
            .where(
                StoredNotice.kind.in_(RESTRICTIONS),
                StoredNotice.authenticity != "suspicious",
                (StoredNotice.ends_at.is_(None)) | (StoredNotice.ends_at > now),
            )
            .limit(1)
        )
    return found is not None


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--account",
    default="local",
    show_default=True,
    help="Account for local SOURCEs (IMAP accounts are named by the config).",
)
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@click.option(
    "--group", help="Take accounts pinned to this worker_group (and unpinned ones) only."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    help="Accounts worked on at once by this daemon (default schedule.workers, 4; SQLite: 1).",
)
@click.option("--metrics-port", type=click.IntRange(1, 65535), help="Serve Prometheus metrics.")
@click.option(
    "--metrics-addr", default="127.0.0.1", show_default=True, help="Address for --metrics-port."
)
@common_options
@click.pass_context
@_guard
def daemon(
    ctx,
    sources,
    account,
    store_url,
    group,
    workers,
    metrics_port,
    metrics_addr,
    config_path,
    verbose,
    quiet,
) -> int:
    """The run cycle on a schedule until SIGTERM/SIGINT (exit 0 on a clean stop).

    Without SOURCE, each configured account is worked on under its own lease
    in the store: several daemons sharing one PostgreSQL store share the accounts."""
    from auditor.daemon import Daemon

    state = _state(ctx, config_path, verbose, quiet)
    if not state.quiet and not state.verbose:
        setup_logging(1, False)  # a service logs each cycle (INFO) by default, for the journal
    store = state.store(store_url)
    on_outcome = None
    if metrics_port:
        from auditor.metrics import serve

        try:
            collector, _server = serve(store, metrics_port, metrics_addr)
        except OSError as exc:
            raise AuditorError(
                f"--metrics-port {metrics_port}: cannot listen on {metrics_addr}: "
                f"{exc.strerror or exc}"
            ) from exc
        on_outcome = collector.record
    per_account = not sources and bool(state.config.accounts)
    return Daemon(
        state.config,
        store,
        state.sources(sources),
        account=account,
        accounts=per_account,
        group=group,
        workers=workers,
        on_outcome=on_outcome,
    ).run()


def _find_campaign(session: Any, name: str, account: str | None):
    from sqlalchemy import select

    from auditor.errors import UnknownCampaign
    from auditor.store.models import Campaign

    query = select(Campaign).where(Campaign.name == name)
    if account:
        query = query.where(Campaign.account == account)
    found = list(session.scalars(query))
    if not found:
        raise UnknownCampaign(f"{name}: no such campaign (see 'auditor campaigns')")
    if len(found) > 1:
        accounts = ", ".join(sorted(c.account for c in found))
        raise UnknownCampaign(
            f"{name}: campaign exists in several accounts ({accounts}); pass --account"
        )
    return found[0]


@cli.command()
@click.option("--account", help="Only this account's campaigns.")
@click.option(
    "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True
)
@click.option("--history", is_flag=True, help="Show every recorded state change too.")
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def campaigns(ctx, account, fmt, history, store_url, config_path, verbose, quiet) -> int:
    """Campaigns with their state (active / paused / flagged), reason, until when."""
    from sqlalchemy import select

    from auditor.campaigns.state import effective_state
    from auditor.report.table import campaigns_table
    from auditor.store.models import Campaign, CampaignEvent

    state = _state(ctx, config_path, verbose, quiet)
    store = state.store(store_url)
    now = clock.now()
    rows = []
    with store.transaction() as session:
        query = select(Campaign).order_by(Campaign.account, Campaign.name)
        if account:
            query = query.where(Campaign.account == account)
        for c in session.scalars(query):
            effective = effective_state(c, now)
            row = {
                "account": c.account,
                "name": c.name,
                "kind": c.kind,
                "state": effective,
                "until": c.until.isoformat() if effective == "paused" and c.until else None,
                "manual_hold": bool(c.manual_hold and effective == "paused"),
                "reason": c.reason if effective != "flagged" else c.flag_reason,
                "flagged": c.flagged,
                "flag_reason": c.flag_reason,
                "notice": c.notice,
            }
            if history:
                row["history"] = [
                    {
                        "at": e.at.isoformat(),
                        "from": e.from_state,
                        "to": e.to_state,
                        "cause": e.cause,
                        "actor": e.actor,
                        "notice": e.notice,
                        "until": e.until.isoformat() if e.until else None,
                    }
                    for e in session.scalars(
                        select(CampaignEvent)
                        .where(CampaignEvent.campaign_id == c.id)
                        .order_by(CampaignEvent.at, CampaignEvent.id)
                    )
                ]
            rows.append(row)
    if fmt == "json":
        write_output(
            json.dumps(
                {"schema": "auditor.campaigns/1", "campaigns": rows}, ensure_ascii=False, indent=2
            )
            + "\n",
            None,
        )
    else:
        write_output(campaigns_table(rows, color=sys.stdout.isatty()), None)
    return 0


@cli.command()
@click.argument("campaign")
@click.option("--account", help="The account, when several have a campaign of this name.")
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def gate(ctx, campaign, account, store_url, config_path, verbose, quiet) -> int:
    """May CAMPAIGN send now? Exit 0 yes, 1 no (paused), 2 unknown campaign."""
    from auditor.campaigns.state import effective_state

    state = _state(ctx, config_path, verbose, quiet)
    store = state.store(store_url)
    now = clock.now()
    with store.transaction() as session:
        found = _find_campaign(session, campaign, account)
        effective = effective_state(found, now)
        until = found.until
        reason = found.reason
    if effective == "paused":
        when = f" until {until:%Y-%m-%d %H:%M} UTC" if until else " until a person resumes it"
        if not state.quiet:
            click.echo(f"paused{when}: {reason}")
        return 1
    if not state.quiet:
        click.echo(effective)
    return 0


def _person(by: str | None) -> str:
    import getpass

    try:
        who = by or getpass.getuser()
    except (KeyError, OSError):
        who = by or "unknown"
    return f"person:{who}"


def _manual_change(
    state: State,
    store_url: str | None,
    campaign: str,
    account: str | None,
    change: Callable[[Any, Any], Any],
) -> int:
    """Apply a person's ``change(transitions, campaign)`` in one transaction,
    then deliver the actions it queued."""
    from auditor.campaigns.state import Transitions
    from auditor.cycle import action_names, deliver_actions

    store = state.store(store_url)
    now = clock.now()
    with store.transaction() as session:
        found = _find_campaign(session, campaign, account)
        change(Transitions(session, action_names(state.config), now), found)
    deliver_actions(store, state.config, now)
    return 0


def manual_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """CAMPAIGN, --reason, --by, --account, --store: what pause and resume share."""
    func = click.option(
        "--store", "store_url", help="SQLAlchemy URL of the store (overrides the config)."
    )(func)
    func = click.option(
        "--account", help="The account, when several have a campaign of this name."
    )(func)
    func = click.option("--by", help="Who does it (default: your user name).")(func)
    func = click.option("--reason", required=True, help="Why (kept in the campaign's history).")(
        func
    )
    return click.argument("campaign")(func)


@cli.command()
@manual_options
@click.option("--until", "until_text", help="Resume automatically at this time (ISO-8601).")
@common_options
@click.pass_context
@_guard
def pause(
    ctx, campaign, reason, by, account, store_url, until_text, config_path, verbose, quiet
) -> int:
    """Pause CAMPAIGN by hand (recorded with who and why)."""
    state = _state(ctx, config_path, verbose, quiet)
    from auditor.cli_support import parse_when

    until = parse_when("--until", until_text, "ISO-8601, e.g. 2026-12-01T09:00")
    return _manual_change(
        state,
        store_url,
        campaign,
        account,
        lambda t, found: t.pause(
            found, reason=reason, actor=_person(by), until=until, hold=until is None
        ),
    )


@cli.command()
@manual_options
@click.option("--clear-flag", is_flag=True, help="Also clear the campaign's flag.")
@click.option(
    "--force",
    is_flag=True,
    help="Resume even though a verified Amazon restriction still runs (recorded; "
    "the next run keeps your decision and warns).",
)
@common_options
@click.pass_context
@_guard
def resume(
    ctx, campaign, reason, by, account, store_url, clear_flag, force, config_path, verbose, quiet
) -> int:
    """Resume CAMPAIGN by hand (recorded with who and why).

    Exit 1, changing nothing, when a verified restriction still runs and
    --force is not given."""
    from auditor.campaigns.override import blocking_restriction, force_resume, refusal
    from auditor.errors import RestrictionActive

    state = _state(ctx, config_path, verbose, quiet)

    def change(t: Any, found: Any) -> None:
        running = blocking_restriction(t.session, found, t.now) if found.state == "paused" else None
        if running is not None and not force:
            raise RestrictionActive(refusal(found, running))
        if running is not None:
            force_resume(t, found, running, reason=reason, actor=_person(by))
        else:
            t.resume(found, reason=reason, actor=_person(by))
        if clear_flag:
            t.unflag(found, reason=reason, actor=_person(by))

    return _manual_change(state, store_url, campaign, account, change)


import auditor.gate.cli  # noqa: E402, F401  (adds `auditor milter` and `auditor relay`)

# Agency commands (issue #15) live in their own module.
from auditor.cli_accounts import accounts, db  # noqa: E402

cli.add_command(accounts)
cli.add_command(db)


def main() -> None:
    cli(prog_name="auditor")
