"""The ``[gate]`` section of the configuration, with its defaults.

::

    [gate]
    account = "local"            # the store account decisions and campaigns belong to
    findings = "reject"          # an error-level finding: reject | hold | header
    paused = "tempfail"          # a paused campaign: tempfail | hold
    fail_open = false            # store unreachable: accept (true) or temp-fail (false)
    milter_listen = "unix:/run/auditor/milter.sock"   # or "127.0.0.1:8894"
    milter_socket_group = "postfix"                   # who may connect (mode 0660)
    relay_listen = "127.0.0.1:8025"
    upstream_host = "smtp.example.com"
    upstream_port = 587
    upstream_security = "starttls"   # starttls | tls | plain
    upstream_username = "seller@example.com"
    upstream_password_env = "AUDITOR_UPSTREAM_PASSWORD"   # or upstream_password_command
    relay_username = "campaigns"     # what relay clients log in with (needed off loopback)
    relay_password_env = "AUDITOR_RELAY_PASSWORD"         # or relay_password_command
    tls_cert = "/etc/auditor/relay.pem"                   # STARTTLS for relay clients
    tls_key = "/etc/auditor/relay.key"

Secrets are never in the file: a password comes from an environment variable
or a command (its first line), and is registered with :mod:`auditor.secrets`
so it is blanked out of every log line.
"""

from __future__ import annotations

import ipaddress
import os
import subprocess

from auditor import secrets
from auditor.config import Config, section
from auditor.config.sections import Gate
from auditor.errors import ConfigError

COMMAND_TIMEOUT = 30.0


class GateSettings(Gate):
    """``[gate]`` with its defaults: the model is
    :class:`auditor.config.sections.Gate` (types, choices, ranges)."""

    @classmethod
    def from_config(cls, config: Config) -> GateSettings:
        return section(config, "gate", cls)


def split_listen(value: str, what: str) -> tuple[str, int]:
    """``"127.0.0.1:8025"`` → ("127.0.0.1", 8025); ``"[::1]:25"`` works too."""
    host, _, port = value.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"gate.{what}: expected HOST:PORT, got {value!r}")
    return host, int(port)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secret(config: Config, prefix: str) -> str | None:
    """The password ``gate.<prefix>_password_env`` or ``…_command`` names
    (None when neither is set)."""
    table = config.section("gate")
    env_key, cmd_key = f"{prefix}_password_env", f"{prefix}_password_command"
    if env_key in table and cmd_key in table:
        raise ConfigError(f"gate: set one of {env_key} and {cmd_key}, not both")
    if env_key in table:
        value = os.environ.get(table[env_key], "")
        if not value:
            raise ConfigError(
                f"gate.{env_key}: the environment variable {table[env_key]} is not set or empty"
            )
    elif cmd_key in table:
        try:
            done = subprocess.run(  # noqa: S602 - a command line the user configured
                table[cmd_key], shell=True, capture_output=True, timeout=COMMAND_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            raise ConfigError(f"gate.{cmd_key}: no answer within {COMMAND_TIMEOUT:g} s") from None
        lines = done.stdout.decode("utf-8", "replace").splitlines()
        value = lines[0].strip() if lines else ""
        secrets.register(value)
        if done.returncode != 0 or not value:
            raise ConfigError(
                f"gate.{cmd_key}: exited with status {done.returncode} or printed nothing"
            )
    else:
        return None
    secrets.register(value)
    return value
