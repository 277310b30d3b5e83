"""``auditor run`` (one cycle, for cron) and ``auditor daemon`` (the cycle
on a schedule, per-account leases in the store)."""

from __future__ import annotations

import click

from auditor import clock
from auditor.cli.context import State, pass_state, setup_logging
from auditor.cli.options import (
    AUDIT_FORMATS,
    LOCAL_ACCOUNT_HELP,
    account_option,
    audit_options,
    common_options,
    format_option,
    sources_argument,
    store_option,
)
from auditor.cli.output import problems, render_audit
from auditor.cli.support import check_output, parse_when, rule_codes
from auditor.errors import AuditorError


@click.command()
@sources_argument()
@format_option(AUDIT_FORMATS)
@audit_options
@account_option(LOCAL_ACCOUNT_HELP, default="local")
@click.option(
    "--wait",
    type=float,
    default=0,
    show_default=True,
    help="Seconds to wait for another run to finish before giving up.",
)
@store_option()
@common_options
@pass_state
def run(
    state: State,
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    since: str | None,
    fail_on: str | None,
    account: str,
    wait: float,
    store_url: str | None,
) -> int:
    """One cycle for cron: sync accounts, detect notices, pause/resume
    campaigns, fire actions, report. Safe to run twice at once (a lock) and to re-run."""
    from auditor.campaigns.policy import RESTRICTIONS  # heavy: SQLAlchemy
    from auditor.cycle import run_cycle
    from auditor.store.queries import restriction_on_record

    check_output(output)
    store = state.store(store_url)
    cycle = run_cycle(
        state.config,
        store,
        state.sources(sources),
        account=account,
        wait=wait,
        auditor_options={
            "select": rule_codes("--select", select),
            "ignore": rule_codes("--ignore", ignore),
            "fail_on": fail_on,
            "since": parse_when("--since", since),
        },
    )
    render_audit(cycle.audit, fmt, output)
    delivery = cycle.delivery
    for line in getattr(delivery, "failures", []) or []:
        click.echo(f"auditor: action failed: {line}", err=True)
    status = problems(state, cycle.audit.errors) or cycle.audit.exit_status(clock.now())
    if status == 0 and restriction_on_record(store, RESTRICTIONS, clock.now()):
        status = 1  # a restriction read by an earlier run is still running
    return status


@click.command()
@sources_argument()
@account_option(LOCAL_ACCOUNT_HELP, default="local")
@store_option()
@click.option("--group", help="Take accounts pinned to this worker_group (and unpinned ones) only.")
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
@pass_state
def daemon(
    state: State,
    sources: tuple[str, ...],
    account: str,
    store_url: str | None,
    group: str | None,
    workers: int | None,
    metrics_port: int | None,
    metrics_addr: str,
) -> int:
    """The run cycle on a schedule until SIGTERM/SIGINT (exit 0 on a clean stop).

    Without SOURCE, each configured account is worked on under its own lease
    in the store: several daemons sharing one PostgreSQL store share the accounts."""
    from auditor.daemon import Daemon  # heavy: the whole pipeline

    if not state.quiet and not state.verbose:
        setup_logging(1, False)  # a service logs each cycle (INFO) by default, for the journal
    store = state.store(store_url)
    on_outcome = None
    if metrics_port:
        from auditor.metrics import serve  # heavy: prometheus-client

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
