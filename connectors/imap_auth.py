"""Credentials for an IMAP account: where the secret comes from, never where it goes.

An ``[accounts.NAME]`` table names the *source* of its secret, never the
secret itself (``auditor.config`` refuses a ``password`` key):

``password_env = "SHOP_IMAP_PASSWORD"``
    the value of that environment variable;
``password_command = "pass show mail/shop"``
    the first line the command prints (run without a shell, 30 s at most);
``password_keyring = "auditor"``
    the system keyring's entry for that service name and the account's
    ``username`` (needs the ``keyring`` package: ``pip install auditor[keyring]``);
``oauth2 = {provider = "google", token_command = "…"}``
    an OAuth2 *access token* from ``token_env`` or ``token_command``, sent
    with SASL XOAUTH2 (Gmail, Microsoft 365) or OAUTHBEARER. Obtaining and
    refreshing the token is the command's job (``oauth2l fetch``,
    ``gcloud auth print-access-token``, a small MSAL script…).

Every secret obtained is registered with :mod:`auditor.secrets` the moment
it is read, so it is blanked out of every log line and error message; it is
held in memory only (never written to the store) and its ``repr`` is
``'***'``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor import secrets
from auditor.errors import ConfigError, SourceError

#: How long a password_command or token_command may run.
COMMAND_TIMEOUT = 30.0

#: Credentials.kind values: IMAP LOGIN, or SASL XOAUTH2 / OAUTHBEARER.
PASSWORD = "password"  # noqa: S105 - a kind name, not a password
OAUTH2 = "oauth2"


@dataclass(frozen=True)
class Credentials:
    """A username and its secret, and how to present it (``password`` for
    IMAP LOGIN, ``oauth2`` for SASL XOAUTH2 / OAUTHBEARER).

    ``repr()`` and ``str()`` never show the secret.
    """

    username: str
    secret: str = field(repr=False)
    kind: str = PASSWORD
    provider: str | None = None

    def __str__(self) -> str:
        return f"{self.username} ({self.kind})"


def _where(account: str, key: str) -> str:
    return f"accounts.{account}.{key}"


def _from_env(account: str, key: str, variable: str) -> str:
    value = os.environ.get(variable)
    if not value:
        raise SourceError(
            f"imap:{account}: {_where(account, key)} names the environment variable "
            f"{variable}, which is not set or empty"
        )
    return value


def _from_command(account: str, key: str, command: str) -> str:
    """The first line ``command`` prints. Its output is never shown: a failing
    password manager's message may itself contain the secret."""
    where = _where(account, key)
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ConfigError(f"{where}: cannot split the command line: {exc}") from None
    if not argv:
        raise ConfigError(f"{where}: empty command")
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise SourceError(f"imap:{account}: {where}: command not found: {argv[0]}") from None
    except PermissionError:
        raise SourceError(f"imap:{account}: {where}: not executable: {argv[0]}") from None
    except subprocess.TimeoutExpired:
        raise SourceError(
            f"imap:{account}: {where}: no answer within {COMMAND_TIMEOUT:g} s"
        ) from None
    # Register before anything else can print it, even a failure.
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    value = lines[0].strip() if lines else ""
    secrets.register(value)
    if done.returncode != 0:
        raise SourceError(f"imap:{account}: {where}: exited with status {done.returncode}")
    if not value:
        raise SourceError(f"imap:{account}: {where}: printed nothing")
    return value


def _from_keyring(account: str, service: str, username: str) -> str:
    where = _where(account, "password_keyring")
    try:
        import keyring
        import keyring.errors
    except ImportError:
        raise SourceError(
            f"imap:{account}: {where}: the keyring package is not installed "
            "(pip install 'auditor[keyring]')"
        ) from None
    try:
        value = keyring.get_password(service, username)
    except keyring.errors.KeyringError as exc:
        raise SourceError(
            f"imap:{account}: {where}: keyring unavailable: {type(exc).__name__}"
        ) from None
    if not value:
        raise SourceError(
            f"imap:{account}: {where}: no keyring entry for service {service!r}, "
            f"user {username!r} (add one with: keyring set {shlex.quote(service)} "
            f"{shlex.quote(username)})"
        )
    return value


def credentials(account: str, table: Mapping[str, Any]) -> Credentials:
    """The credentials of ``[accounts.<account>]``, fetched now.

    Raises :class:`~auditor.errors.ConfigError` when the table names no
    source, or several, and :class:`~auditor.errors.SourceError` when the
    named source has nothing (unset variable, failing command, no keyring
    entry). The messages name the source, never the value.
    """
    username = str(table.get("username", ""))
    oauth = table.get("oauth2")
    sources = [k for k in ("password_env", "password_command", "password_keyring") if k in table]
    if oauth:
        if sources:
            raise ConfigError(
                f"{_where(account, 'oauth2')}: give either oauth2 or a password source "
                f"({', '.join(sources)}), not both"
            )
        token_sources = [k for k in ("token_env", "token_command") if k in oauth]
        if len(token_sources) != 1:
            raise ConfigError(
                f"{_where(account, 'oauth2')}: set exactly one of token_env, token_command"
            )
        key = f"oauth2.{token_sources[0]}"
        if token_sources[0] == "token_env":
            token = _from_env(account, key, oauth["token_env"])
        else:
            token = _from_command(account, key, oauth["token_command"])
        secrets.register(token)
        return Credentials(username, token, OAUTH2, oauth.get("provider", "other"))
    if len(sources) != 1:
        what = "no password source" if not sources else f"several ({', '.join(sources)})"
        raise ConfigError(
            f"accounts.{account}: {what}: set exactly one of password_env, "
            "password_command, password_keyring, or an oauth2 table"
        )
    source = sources[0]
    if source == "password_env":
        value = _from_env(account, source, table[source])
    elif source == "password_command":
        value = _from_command(account, source, table[source])
    else:
        value = _from_keyring(account, table[source], username)
    secrets.register(value)
    return Credentials(username, value, PASSWORD)
