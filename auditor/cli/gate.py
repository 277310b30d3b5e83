"""``auditor milter`` and ``auditor relay``: thin commands over :mod:`auditor.gate`.

Both run until SIGTERM/SIGINT and exit 0 on a clean stop, 2 on a
configuration or store error (one line naming the key or the store).
``auditor gate CAMPAIGN`` (may it send now?) is a question about a
campaign's state and lives in :mod:`auditor.cli.campaigns`.
"""

from __future__ import annotations

import signal
import threading
from dataclasses import replace
from typing import Any

import click

from auditor.cli.context import State, pass_state
from auditor.cli.options import account_option, common_options, store_option
from auditor.errors import AuditorError
from auditor.gate.settings import GateSettings

ACCOUNT_HELP = "Store account of the campaigns (default: gate.account)."


def _gate(state: State, store_url: str | None, front: str, account: str | None) -> Any:
    from auditor.gate.decide import Gate  # heavy: rules and the store

    settings = GateSettings.from_config(state.config)
    if account:
        settings = replace(settings, account=account)
    gate = Gate(state.config, state.store(store_url), settings, front=front)
    gate.warm()
    return gate


@click.command()
@click.option("--listen", help="Socket: HOST:PORT or unix:/path (default: gate.milter_listen).")
@account_option(ACCOUNT_HELP)
@store_option()
@common_options
@pass_state
def milter(state: State, listen: str | None, account: str | None, store_url: str | None) -> int:
    """The send gate as a Postfix/Sendmail milter, until SIGTERM/SIGINT."""
    try:
        from auditor.gate.milter import serve  # optional: pymilter
    except ImportError:
        raise AuditorError(
            "auditor milter needs pymilter: pip install 'auditor[milter]' (it builds against "
            "libmilter: apt-get install libmilter-dev)"
        ) from None

    gate = _gate(state, store_url, "milter", account)
    serve(gate, listen or gate.settings.milter_listen)
    return 0


@click.command()
@click.option("--listen", help="HOST:PORT to accept mail on (default: gate.relay_listen).")
@account_option(ACCOUNT_HELP)
@store_option()
@common_options
@pass_state
def relay(state: State, listen: str | None, account: str | None, store_url: str | None) -> int:
    """The send gate as an SMTP relay in front of gate.upstream_host, until SIGTERM/SIGINT."""
    from auditor.gate.relay import build_controller  # heavy: aiosmtpd

    gate = _gate(state, store_url, "relay", account)
    if listen:
        gate.settings = replace(gate.settings, relay_listen=listen)
    controller = build_controller(gate, state.config)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    controller.start()
    if not state.quiet:
        click.echo(f"auditor relay on {controller.hostname}:{controller.port}", err=True)
    try:
        stop.wait()
    finally:
        controller.stop()
    return 0
