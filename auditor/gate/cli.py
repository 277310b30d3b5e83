"""``auditor milter`` and ``auditor relay``: thin commands over :mod:`auditor.gate`.

Imported by :mod:`auditor.cli` once its group exists; both commands run until
SIGTERM/SIGINT and exit 0 on a clean stop, 2 on a configuration or store
error (one line naming the key or the store).
"""

from __future__ import annotations

import signal
import threading

import click

from auditor.cli import _guard, _state, cli, common_options


def _gate(state, store_url: str | None, front: str, account: str | None):
    from auditor.gate.decide import Gate
    from auditor.gate.settings import GateSettings

    settings = GateSettings.from_config(state.config)
    if account:
        settings = settings.model_copy(update={"account": account})
    gate = Gate(state.config, state.store(store_url), settings, front=front)
    gate.warm()
    return gate


@cli.command()
@click.option("--listen", help="Socket: HOST:PORT or unix:/path (default: gate.milter_listen).")
@click.option("--account", help="Store account of the campaigns (default: gate.account).")
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def milter(ctx, listen, account, store_url, config_path, verbose, quiet) -> int:
    """The send gate as a Postfix/Sendmail milter, until SIGTERM/SIGINT."""
    try:
        from auditor.gate.milter import serve
    except ImportError:
        from auditor.errors import AuditorError

        raise AuditorError(
            "auditor milter needs pymilter: pip install 'auditor[milter]' (it builds against "
            "libmilter: apt-get install libmilter-dev)"
        ) from None

    state = _state(ctx, config_path, verbose, quiet)
    gate = _gate(state, store_url, "milter", account)
    serve(gate, listen or gate.settings.milter_listen)
    return 0


@cli.command()
@click.option("--listen", help="HOST:PORT to accept mail on (default: gate.relay_listen).")
@click.option("--account", help="Store account of the campaigns (default: gate.account).")
@click.option("--store", "store_url", help="SQLAlchemy URL of the store (overrides the config).")
@common_options
@click.pass_context
@_guard
def relay(ctx, listen, account, store_url, config_path, verbose, quiet) -> int:
    """The send gate as an SMTP relay in front of gate.upstream_host, until SIGTERM/SIGINT."""
    from auditor.gate.relay import build_controller

    state = _state(ctx, config_path, verbose, quiet)
    gate = _gate(state, store_url, "relay", account)
    if listen:
        gate.settings = gate.settings.model_copy(update={"relay_listen": listen})
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
