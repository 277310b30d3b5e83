"""Configuration: one TOML file, validated against pydantic models before use.

Lookup order: ``--config FILE``, then ``./auditor.toml``, then the user config
directory (``~/.config/auditor/auditor.toml`` on Linux). With none found, the
defaults apply. A bad file is one line naming the file and the key::

    auditor.toml: accounts.shop.port: expected an integer, got 'abc'

and exit status 2. The models, one per section, are in
:mod:`auditor.config.sections`; the messages come from
:mod:`auditor.config.messages`. Secrets never live here: an account names where its
password comes from (an environment variable, a command, the keyring).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs

from auditor.errors import ConfigError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from auditor.config.sections import ImapAccount

__all__ = ["SCHEMA", "Config", "ConfigError", "imap_account", "load_config", "section", "validate"]

M = TypeVar("M", bound="BaseModel")

APP = "auditor"


def __getattr__(name: str) -> Any:
    # The models are imported when a file is first checked, not with this
    # module: pydantic builds them on import, which `auditor --help` need not wait for.
    if name == "SCHEMA":  # the whole file's model (each section's is in auditor.config.sections)
        from auditor.config.sections import ConfigFile

        return ConfigFile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def validate(data: Any, model: type[M], where: str, path: str = "") -> M:
    """``data`` checked against ``model``; a :class:`ConfigError` naming
    ``where`` (the file or variable) and the key (under ``path``) otherwise
    (:func:`auditor.config.messages.validate`)."""
    from auditor.config.messages import validate as check

    return check(data, model, where, path)


def section(config: Config, name: str, model: type[M]) -> M:
    """``[name]`` of ``config`` as ``model`` with its defaults filled in; a
    :class:`ConfigError` naming the file and key when it does not fit."""
    return validate(config.section(name), model, str(config.path or "the configuration"), name)


def imap_account(table: Mapping[str, Any], where: str, prefix: str) -> ImapAccount:
    """A whole IMAP account (after ``[account_defaults]``), checked: types,
    ranges, host and username, plaintext only with ``allow_plaintext``. The
    error names ``where`` (a file or variable, or "") and ``prefix.KEY``."""
    from auditor.config.sections import ImapAccount

    return validate(dict(table), ImapAccount, where, prefix)


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
    from auditor.config.sections import ConfigFile

    validate(data, ConfigFile, str(chosen))
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
    from auditor.config.sections import AccountTable

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
            validate(account, AccountTable, str(file))
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
            validate(account, AccountTable, ACCOUNTS_ENV, f"[{index}]")
            add(entry["name"], ACCOUNTS_ENV, f"[{index}].", account)
    defaults = data.get("account_defaults", {})
    accounts: dict[str, dict[str, Any]] = {}
    for name, (origin, prefix, account) in found.items():
        merged = {**defaults, **account}
        imap_account(merged, origin, prefix.rstrip("."))
        accounts[name] = merged
    return accounts
