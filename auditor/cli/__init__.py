"""The ``auditor`` command line: parses options, delegates to the core,
prints a report, exits with the status CONTRACT.md promises.

The group is here; each family of commands has its module (audit, run,
campaigns, notices, rules, accounts, db, gate), the options they share are
declared once in :mod:`auditor.cli.options`, and every command runs inside
:func:`auditor.cli.context.guard`: an :class:`AuditorError` (bad config,
missing source, refused login…) becomes one line on stderr and exit status 2,
never a traceback (``-vv`` shows it).

Command modules import the library's heavy parts (SQLAlchemy, rich, the
rules, the parsers) inside the command, so that ``auditor --help`` and a
mistyped option answer at once.
"""

from __future__ import annotations

import click

from auditor import __version__
from auditor.cli import accounts, audit, campaigns, db, gate, notices, rules, run
from auditor.cli.context import State
from auditor.cli.options import AUDIT_FORMATS, SEVERITIES, common_options
from auditor.cli.output import write_output
from auditor.cli.support import OneLineGroup

__all__ = ["AUDIT_FORMATS", "SEVERITIES", "cli", "main", "write_output"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, cls=OneLineGroup)
@common_options
@click.version_option(__version__, prog_name="auditor")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int, quiet: bool) -> None:
    """Audit Amazon buyer messages and account-health notices in a seller's mailbox."""
    ctx.obj = State(config_path, verbose, quiet)


for _command in (
    audit.audit,
    notices.notices,
    notices.timeline,
    audit.lint,
    rules.rules,
    run.run,
    run.daemon,
    campaigns.campaigns,
    campaigns.gate,
    campaigns.pause,
    campaigns.resume,
    gate.milter,
    gate.relay,
    accounts.accounts,
    db.db,
):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="auditor")
