"""``auditor notices`` (the Amazon notices found; ``notices confirm ID``
applies one a person vouches for) and ``auditor timeline`` (the
account-health timeline for an appeal)."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

import click

from auditor import clock
from auditor.cli.context import State, pass_state, person
from auditor.cli.options import (
    by_option,
    common_options,
    format_option,
    notice_options,
    reason_option,
    sources_argument,
    store_option,
)
from auditor.cli.output import problems, write_output
from auditor.cli.support import check_directory, check_output, parse_when
from auditor.errors import AuditorError


def _collect_notices(
    state: State,
    sources: tuple[str, ...],
    since: str | None,
    account: str,
    store_url: str | None,
    no_store: bool,
    orders: list | None = None,
) -> tuple[list[Any], list[dict[str, Any]]]:
    """Read the sources (or sync the accounts) and return (notices, errors).
    With ``orders`` (a list), the per-order timeline rows are added to it.

    For IMAP accounts the store's whole history of notices counts, since an
    incremental sync only brings the new ones.
    """
    from auditor.audit import Auditor  # heavy: parsing, connectors, notices

    specs = state.sources(sources)
    store = None if no_store else state.store(store_url)
    auditor = Auditor(
        state.config, store, select=["NONE"], since=parse_when("--since", since), account=account
    )
    auditor.collect_orders = orders is not None
    result = auditor.audit(specs, command="notices")
    if orders is not None:
        orders.extend(result.orders)
    notices = list(result.notices)
    if store is not None:
        _add_stored(store, specs, notices)
    notices.sort(key=lambda n: (n.received_at is None, n.received_at or clock.now()))
    if store is not None:
        from auditor.cycle import attach_notice_status

        attach_notice_status(store, notices)
    return notices, result.errors


def _add_stored(store: Any, specs: list[str], notices: list[Any]) -> None:
    """Add the stored notices of the IMAP accounts in ``specs`` not read this time."""
    from auditor.notices import Notice

    seen = {n.message_id for n in notices}
    for spec in specs:
        if not spec.startswith("imap:"):
            continue
        for row in store.notices(spec[5:]):
            if row.data.get("message_id") not in seen:
                notices.append(Notice.from_dict(row.data, raw=row.raw))
                seen.add(row.data.get("message_id"))


class DefaultGroup(click.Group):
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


@click.group(cls=DefaultGroup, default="list")
def notices() -> None:
    """The Amazon notices found, with kind, dates and authenticity
    (`auditor notices confirm ID` applies one that needs confirming)."""


@notices.command("list")
@sources_argument()
@format_option(("table", "json", "csv", "md"))
@notice_options
@common_options
@pass_state
def notices_list(
    state: State,
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    since: str | None,
    account: str,
    store_url: str | None,
    no_store: bool,
) -> int:
    """The Amazon notices found, with kind, dates and authenticity.

    A restriction not verified by a trusted receiving server changes no
    campaign until a person confirms it: `auditor notices confirm ID`.
    """
    from auditor.report.notices import render_notices  # heavy: the report formats

    check_output(output)
    found, errors = _collect_notices(state, sources, since, account, store_url, no_store)
    color = fmt == "table" and not output and sys.stdout.isatty()
    write_output(render_notices(found, errors, fmt, color=color), output)
    return problems(state, errors)


@notices.command("confirm")
@click.argument("ident", metavar="ID")
@reason_option("Why (e.g. 'shown in Seller Central, Account Health').")
@by_option("Who confirms (default: your user name).")
@store_option()
@common_options
@pass_state
def notices_confirm(
    state: State, ident: str, reason: str | None, by: str | None, store_url: str | None
) -> int:
    """Confirm that notice ID (its number in `auditor notices`, or its
    Message-ID) is Amazon's. Recorded with who and when; the next
    `auditor run` applies it once, as if verified. Idempotent."""
    store = state.store(store_url)
    found = store.find_notices(ident)
    if not found:
        raise AuditorError(
            f"{ident}: no such notice in the store (see the numbers in 'auditor notices')"
        )
    who = person(by).removeprefix("person:")
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


@click.command()
@sources_argument()
@format_option(("table", "json", "csv", "md", "html"))
@click.option(
    "--evidence",
    "evidence_dir",
    type=click.Path(file_okay=False),
    help="Copy each notice's original mail into this directory, with an index.",
)
@notice_options
@common_options
@pass_state
def timeline(
    state: State,
    sources: tuple[str, ...],
    fmt: str,
    evidence_dir: str | None,
    output: str | None,
    since: str | None,
    account: str,
    store_url: str | None,
    no_store: bool,
) -> int:
    """Account-health timeline for an appeal: every notice in order, open items last."""
    from auditor.notices.evidence import write_evidence  # heavy: notices and reports
    from auditor.notices.timeline import build_timeline
    from auditor.report.timeline import render_timeline

    check_output(output)
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
    return problems(state, errors)
