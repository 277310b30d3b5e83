"""Configuration: one TOML file, validated against a schema before use.

Lookup order: ``--config FILE``, then ``./auditor.toml``, then the user config
directory (``~/.config/auditor/auditor.toml`` on Linux). With none found, the
defaults apply. A bad file is one line naming the file and the key::

    auditor.toml: accounts.shop.port: expected an integer, got 'abc'

and exit status 2. Secrets never live here: an account names where its
password comes from (an environment variable, a command, the keyring).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from auditor.errors import ConfigError

APP = "auditor"

# Schema: a key maps to a type, a tuple of allowed values, a nested schema
# (dict), ``{"*": schema}`` for tables of named entries, or ``[schema]`` for
# arrays of tables. ``Any`` accepts anything.
_STR_LIST = list[str]
_CAMPAIGN = {
    "name": str,
    "kind": ("free_form", "amazon_request_a_review"),
    "subject": str,
    "sender": str,
    "header": {"name": str, "value": str},
    "account": str,
    "marketplace": str,
    "allowed_links": _STR_LIST,
}
_ACCOUNT = {
    "type": ("imap",),
    "host": str,
    "port": int,
    "security": ("tls", "starttls", "plain"),
    "allow_plaintext": bool,
    "username": str,
    "password_env": str,
    "password_command": str,
    "password_keyring": str,
    "oauth2": {
        "provider": ("google", "microsoft", "other"),
        "token_env": str,
        "token_command": str,
    },
    "sent_folder": str,
    "notice_folders": _STR_LIST,
    "folders": _STR_LIST,
    "marketplaces": _STR_LIST,
    # the account's own receiving servers, trusted for its notices besides
    # [notices] trusted_authserv_ids
    "trusted_authserv_ids": _STR_LIST,
    "ca_file": str,
    "timeout": (int, float),
    "batch_size": int,
    "idle": bool,
    "whole_fetch_limit": int,
    "reconnect_attempts": int,
    # scheduling across workers (auditor.workers)
    "sync_minutes": (int, float),
    "worker_group": str,
    "weight": int,
}
SCHEMA: dict[str, Any] = {
    "store": {"url": str},
    "audit": {
        "select": _STR_LIST,
        "ignore": _STR_LIST,
        "fail_on": ("error", "warning", "info", "never"),
        "max_message_bytes": int,
    },
    "rules": {
        "daily_orders": (int, float),
        "allowed_link_domains": _STR_LIST,
        "order_dates": {"*": str},
        "buyer_locales": {"*": str},
        "amazon_review_requests": _STR_LIST,
        "options": {"*": {"*": Any}},
    },
    "campaigns": [_CAMPAIGN],
    "waivers": [{"campaign": str, "rules": _STR_LIST, "reason": str}],
    "accounts": {"*": _ACCOUNT},
    # merged into every account (an account's own keys win)
    "account_defaults": _ACCOUNT,
    # a directory of small TOML files, one account each (the file name is its name)
    "accounts_dir": str,
    "notices": {"trusted_authserv_ids": _STR_LIST, "dkim_verify": bool,
                "trusted_forwarders": _STR_LIST},
    "schedule": {
        "sync_minutes": (int, float),
        "lift_check_seconds": (int, float),
        "nightly_at": str,
        "idle": bool,
        "lock_seconds": (int, float),
        "workers": int,
        "poll_seconds": (int, float),
    },
    "actions": [
        {
            # webhook | command | email, or a plugin's type (auditor.actions entry
            # points); auditor.actions.validate_actions checks it against the registry
            "type": str,
            "name": str,
            "url": str,
            "url_env": str,
            "format": ("json", "slack"),
            "headers": {"*": str},
            "headers_env": {"*": str},
            "command": _STR_LIST,
            "cwd": str,
            "to": _STR_LIST,
            "from": str,
            "smtp_host": str,
            "smtp_port": int,
            "smtp_security": ("tls", "starttls", "plain"),
            "smtp_username": str,
            "smtp_password_env": str,
            "allow_plaintext": bool,
            "ca_file": str,
            "events": _STR_LIST,
            "timeout": (int, float),
            "options": {"*": Any},
        }
    ],
}
# [gate]: the send gate, `auditor milter` and `auditor relay` (auditor/gate/settings.py)
SCHEMA["gate"] = {
    "account": str,
    "findings": ("reject", "hold", "header"),
    "paused": ("tempfail", "hold"),
    "fail_open": bool,
    "milter_listen": str,
    "milter_socket_mode": str,
    "milter_socket_group": str,
    "relay_listen": str,
    "upstream_host": str,
    "upstream_port": int,
    "upstream_security": ("starttls", "tls", "plain"),
    "upstream_username": str,
    "upstream_password_env": str,
    "upstream_password_command": str,
    "allow_plaintext": bool,
    "ca_file": str,
    "timeout": (int, float),
    "relay_username": str,
    "relay_password_env": str,
    "relay_password_command": str,
    "tls_cert": str,
    "tls_key": str,
    "max_message_bytes": int,
}
_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _type_ok(value: Any, expected: Any) -> bool:
    if expected is Any:
        return True
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == _STR_LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, expected)


def _describe(expected: Any) -> str:
    if expected == _STR_LIST:
        return "a list of strings"
    if isinstance(expected, tuple) and all(isinstance(e, str) for e in expected):
        return "one of " + ", ".join(repr(e) for e in expected)
    if isinstance(expected, tuple):
        return " or ".join(_TYPE_NAMES.get(e, str(e)) for e in expected)
    return _TYPE_NAMES.get(expected, getattr(expected, "__name__", str(expected)))


def validate(data: Any, schema: Any, where: str, path: str = "") -> None:
    """Raise ConfigError at the first key or value that does not fit ``schema``."""
    label = path or "(top level)"
    if isinstance(schema, dict):
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: {label}: expected a table")
        for key, value in data.items():
            sub = schema.get(key, schema.get("*"))
            full = f"{path}.{key}" if path else key
            if sub is None and key in ("password", "smtp_password", "token"):
                raise ConfigError(
                    f"{where}: {full}: secrets are never read from the config file; name "
                    "where to get it instead (password_env, password_command or password_keyring)"
                )
            if sub is None:
                known = ", ".join(sorted(k for k in schema if k != "*"))
                raise ConfigError(f"{where}: {full}: unknown key (known: {known})")
            validate(value, sub, where, full)
    elif isinstance(schema, list):
        if not isinstance(data, list):
            raise ConfigError(f"{where}: {label}: expected an array of tables ([[{path}]])")
        for index, item in enumerate(data):
            validate(item, schema[0], where, f"{path}[{index}]")
    elif isinstance(schema, tuple) and all(isinstance(e, str) for e in schema):
        if data not in schema:
            raise ConfigError(f"{where}: {label}: expected {_describe(schema)}, got {data!r}")
    elif isinstance(schema, tuple):
        if not any(_type_ok(data, e) for e in schema):
            raise ConfigError(f"{where}: {label}: expected {_describe(schema)}, got {data!r}")
    elif not _type_ok(data, schema):
        raise ConfigError(f"{where}: {label}: expected {_describe(schema)}, got {data!r}")


@dataclass
class Config:
    """The validated configuration, with the file it came from."""

    data: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    @property
    def store_url(self) -> str:
        url = self.section("store").get("url")
        if url:
            return os.path.expandvars(url)
        data_dir = Path(platformdirs.user_data_dir(APP))
        return f"sqlite:///{data_dir / 'auditor.db'}"

    @property
    def accounts(self) -> dict[str, dict[str, Any]]:
        return self.section("accounts")

    def account(self, name: str) -> dict[str, Any]:
        accounts = self.accounts
        if name not in accounts:
            where = self.path or "the configuration"
            known = ", ".join(sorted(accounts)) or "none configured"
            raise ConfigError(f"{where}: accounts.{name}: no such account (known: {known})")
        return accounts[name]

    @property
    def campaigns(self) -> list[dict[str, Any]]:
        return list(self.data.get("campaigns", []))

    @property
    def waivers(self) -> list[dict[str, Any]]:
        return list(self.data.get("waivers", []))

    @property
    def actions(self) -> list[dict[str, Any]]:
        return list(self.data.get("actions", []))


def default_paths() -> list[Path]:
    return [Path("auditor.toml"), Path(platformdirs.user_config_dir(APP)) / "auditor.toml"]


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load and validate the configuration (see the module docstring for the lookup)."""
    if path is not None:
        candidate = Path(path)
        if not candidate.is_file():
            raise ConfigError(f"{candidate}: configuration file not found")
        candidates = [candidate]
    else:
        candidates = [p for p in default_paths() if p.is_file()]
        if not candidates:
            return Config(data={"accounts": gather_accounts({}, None)})
    chosen = candidates[0]
    try:
        data = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{chosen}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{chosen}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{chosen}: invalid TOML: {exc}") from exc
    validate(data, SCHEMA, str(chosen))
    for index, campaign in enumerate(data.get("campaigns", [])):
        if "name" not in campaign:
            raise ConfigError(f"{chosen}: campaigns[{index}]: missing key 'name'")
    data["accounts"] = gather_accounts(data, chosen)
    return Config(data=data, path=chosen)


#: environment variable with more accounts: a JSON array of tables, each with
#: a "name" and the keys of an [accounts.NAME] table
ACCOUNTS_ENV = "AUDITOR_ACCOUNTS"


def gather_accounts(data: dict[str, Any], chosen: Path | None) -> dict[str, dict[str, Any]]:
    """Every account: ``[accounts.NAME]`` tables, then one per ``*.toml`` file
    of ``accounts_dir`` (relative to the config file), then the JSON list in
    $AUDITOR_ACCOUNTS; each merged over ``[account_defaults]``. A name
    defined twice, a bad key or a missing host/username is a ConfigError
    naming the file (or the variable) and the key."""
    where = str(chosen or "the configuration")
    # name -> (file or variable, key prefix there, the account's table)
    found: dict[str, tuple[str, str, dict[str, Any]]] = {
        name: (where, f"accounts.{name}.", account)
        for name, account in data.get("accounts", {}).items()
    }

    def add(name: str, origin: str, prefix: str, account: dict[str, Any]) -> None:
        if name in found:
            at = f"{origin}: {prefix.rstrip('.')}" if prefix else origin
            raise ConfigError(f"{at}: account {name!r} is already defined in {found[name][0]}")
        found[name] = (origin, prefix, account)

    directory = data.get("accounts_dir")
    if directory:
        base = chosen.parent if chosen else Path.cwd()
        folder = (base / os.path.expandvars(directory)).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"{where}: accounts_dir: {folder} is not a directory")
        for file in sorted(folder.glob("*.toml")):
            try:
                account = tomllib.loads(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{file}: cannot read: {exc}") from exc
            validate(account, _ACCOUNT, str(file))
            add(file.stem, str(file), "", account)
    listed = os.environ.get(ACCOUNTS_ENV)
    if listed:
        try:
            entries = json.loads(listed)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{ACCOUNTS_ENV}: not JSON: {exc}") from exc
        if not isinstance(entries, list):
            raise ConfigError(f"{ACCOUNTS_ENV}: expected a JSON array of accounts")
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise ConfigError(f"{ACCOUNTS_ENV}: [{index}]: expected an object with a 'name'")
            account = {k: v for k, v in entry.items() if k != "name"}
            validate(account, _ACCOUNT, ACCOUNTS_ENV, f"[{index}]")
            add(entry["name"], ACCOUNTS_ENV, f"[{index}].", account)
    defaults = data.get("account_defaults", {})
    accounts: dict[str, dict[str, Any]] = {}
    for name, (origin, prefix, account) in found.items():
        merged = {**defaults, **account}
        for key in ("host", "username"):
            if key not in merged:
                raise ConfigError(f"{origin}: {prefix}{key}: missing")
        accounts[name] = merged
    return accounts
