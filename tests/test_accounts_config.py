"""Many accounts without repeating settings: [account_defaults], accounts_dir
(one small TOML file per account) and $AUDITOR_ACCOUNTS (a JSON list)."""

from __future__ import annotations

import json

import pytest

from auditor.config import load_config
from auditor.errors import ConfigError

MAIN = """
[store]
url = "sqlite:///x.db"

[account_defaults]
type = "imap"
host = "imap.agency.example"
port = 993
security = "tls"
sent_folder = "Sent"
sync_minutes = 10

[accounts.birch]
username = "orders@birch.example"
password_env = "BIRCH_PW"
port = 1993
"""


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("AUDITOR_ACCOUNTS", raising=False)


def write(tmp_path, text: str, files: dict[str, str] | None = None):
    config = tmp_path / "auditor.toml"
    config.write_text(text)
    for name, body in (files or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return config


def test_defaults_are_merged_and_an_accounts_own_keys_win(tmp_path):
    config = load_config(write(tmp_path, MAIN))
    birch = config.account("birch")
    assert birch["host"] == "imap.agency.example"
    assert birch["port"] == 1993
    assert birch["sync_minutes"] == 10
    assert birch["username"] == "orders@birch.example"


def test_accounts_dir_one_file_per_account_relative_to_the_config(tmp_path):
    files = {
        "sellers/acme.toml": 'username = "acme@x.example"\npassword_env = "ACME"\n',
        "sellers/oak-and-co.toml": (
            'username = "oak@x.example"\nhost = "mail.oak.example"\nworker_group = "eu"\n'
            "weight = 3\n"
        ),
        "sellers/notes.txt": "ignored",
    }
    config = load_config(write(tmp_path, 'accounts_dir = "sellers"\n' + MAIN, files))
    assert sorted(config.accounts) == ["acme", "birch", "oak-and-co"]
    assert config.account("acme")["host"] == "imap.agency.example"
    oak = config.account("oak-and-co")
    assert (oak["host"], oak["worker_group"], oak["weight"]) == ("mail.oak.example", "eu", 3)


def test_environment_list_adds_accounts(tmp_path, monkeypatch):
    listed = [
        {"name": "shop-1", "username": "s1@x.example", "password_env": "S1"},
        {"name": "shop-2", "username": "s2@x.example", "host": "other.example"},
    ]
    monkeypatch.setenv("AUDITOR_ACCOUNTS", json.dumps(listed))
    config = load_config(write(tmp_path, MAIN))
    assert sorted(config.accounts) == ["birch", "shop-1", "shop-2"]
    assert config.account("shop-1")["host"] == "imap.agency.example"
    assert config.account("shop-2")["host"] == "other.example"


@pytest.mark.parametrize(
    ("files", "env", "message"),
    [
        (
            {"sellers/acme.toml": 'username = "a"\nport = "abc"\n'},
            None,
            "sellers/acme.toml: port: expected an integer, got 'abc'",
        ),
        (
            {"sellers/acme.toml": 'username = "a"\npassword = "hunter2"\n'},
            None,
            "sellers/acme.toml: password: secrets are never read from the config file",
        ),
        ({"sellers/acme.toml": "username = [\n"}, None, "sellers/acme.toml: cannot read"),
        (
            {"sellers/birch.toml": 'username = "b"\n'},
            None,
            "sellers/birch.toml: account 'birch' is already defined in",
        ),
        (
            {},
            '[{"name": "x", "username": "u", "port": "993"}]',
            "AUDITOR_ACCOUNTS: [0].port: expected an integer, got '993'",
        ),
        ({}, '{"name": "x"}', "AUDITOR_ACCOUNTS: expected a JSON array of accounts"),
        ({}, "[{not json", "AUDITOR_ACCOUNTS: not JSON"),
        ({}, '[{"username": "u"}]', "AUDITOR_ACCOUNTS: [0]: expected an object with a 'name'"),
        ({}, '[{"name": "x"}]', "AUDITOR_ACCOUNTS: [0].username: missing"),
    ],
)
def test_bad_account_sources_name_the_file_and_key(tmp_path, monkeypatch, files, env, message):
    if env is not None:
        monkeypatch.setenv("AUDITOR_ACCOUNTS", env)
    config = write(tmp_path, 'accounts_dir = "sellers"\n' + MAIN, {"sellers/.keep": "", **files})
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_username_without_defaults_names_the_file(tmp_path):
    config = write(
        tmp_path,
        'accounts_dir = "sellers"\n',
        {"sellers/acme.toml": 'host = "h"\n'},
    )
    with pytest.raises(ConfigError, match=r"sellers/acme.toml: username: missing"):
        load_config(config)


def test_accounts_dir_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match=r"accounts_dir: .*nowhere is not a directory"):
        load_config(write(tmp_path, 'accounts_dir = "nowhere"\n' + MAIN))


def test_unknown_key_in_defaults_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"auditor.toml: account_defaults.prot: unknown key"):
        load_config(write(tmp_path, MAIN.replace("port = 993", "prot = 993")))
