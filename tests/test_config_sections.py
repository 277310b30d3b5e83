"""The configuration's pydantic models (auditor/config/sections.py): each
section's wrong type, wrong choice, out-of-range value and unknown key is
one line naming the file and the key, in the same words for every section;
accounts from a directory and from $AUDITOR_ACCOUNTS are checked by the
same account model; the models' defaults are the ones the code uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.config import Config, load_config, section
from auditor.config import sections as models
from auditor.errors import ConfigError

ACCOUNT = '[accounts.shop]\nhost = "imap.example.com"\nusername = "me@example.com"\n'
KNOWN_SCHEDULE = (
    "idle, lift_check_seconds, lock_seconds, nightly_at, poll_seconds, sync_minutes, workers"
)

#: id -> (file text, the line after "FILE: ")
CASES: dict[str, tuple[str, str]] = {
    # [store]
    "store: wrong type": ("[store]\nurl = 5\n", "store.url: expected a string, got 5"),
    "store: unknown key": ('[store]\npath = "x.db"\n', "store.path: unknown key (known: url)"),
    "store: not a table": ('store = "sqlite:///x.db"\n', "store: expected a table"),
    # [audit]
    "audit: wrong type": (
        "[audit]\nselect = 'BSM301'\n",
        "audit.select: expected a list of strings, got 'BSM301'",
    ),
    "audit: wrong choice": (
        "[audit]\nfail_on = 'warnings'\n",
        "audit.fail_on: expected one of 'error', 'warning', 'info', 'never', got 'warnings'",
    ),
    "audit: out of range": (
        "[audit]\nmax_message_bytes = 0\n",
        "audit.max_message_bytes: expected a positive size in bytes, got 0",
    ),
    # [rules]
    "rules: wrong type": (
        "[rules]\ndaily_orders = '100'\n",
        "rules.daily_orders: expected an integer or a number, got '100'",
    ),
    "rules: out of range": (
        "[rules]\ndaily_orders = -5\n",
        "rules.daily_orders: expected 0 or more, got -5",
    ),
    "rules: a rule's options not a table": (
        "[rules.options]\nBSM505 = 30\n",
        "rules.options.BSM505: expected a table",
    ),
    "rules: date for a string": (
        '[rules.order_dates]\n"113-1" = 2026-01-02\n',
        "rules.order_dates.113-1: expected a string, got datetime.date(2026, 1, 2)",
    ),
    # [[campaigns]]
    "campaigns: wrong type": (
        "[[campaigns]]\nname = 'x'\nsubject = ['a']\n",
        "campaigns[0].subject: expected a string, got ['a']",
    ),
    "campaigns: wrong choice": (
        "[[campaigns]]\nname = 'x'\nkind = 'request_a_review'\n",
        "campaigns[0].kind: expected one of 'free_form', "
        "'amazon_request_a_review', got 'request_a_review'",
    ),
    "campaigns: unknown key in header": (
        "[[campaigns]]\nname = 'x'\n[campaigns.header]\nregex = 'y'\n",
        "campaigns[0].header.regex: unknown key (known: name, value)",
    ),
    "campaigns: second entry": (
        "[[campaigns]]\nname = 'a'\n[[campaigns]]\nsubject = 'b'\n",
        "campaigns[1]: missing key 'name'",
    ),
    # [[waivers]]
    "waivers: wrong type": (
        "[[waivers]]\ncampaign = 'x'\nrules = 'BSM301'\nreason = 'r'\n",
        "waivers[0].rules: expected a list of strings, got 'BSM301'",
    ),
    "waivers: without a reason": (
        "[[waivers]]\ncampaign = 'x'\nrules = ['BSM301']\n",
        "waivers[0]: missing key 'reason'",
    ),
    # [accounts.NAME] and [account_defaults]
    "account: wrong type": (
        ACCOUNT + "idle = 0\n",
        "accounts.shop.idle: expected true or false, got 0",
    ),
    "account: float for an integer": (
        ACCOUNT + "port = 993.0\n",
        "accounts.shop.port: expected an integer, got 993.0",
    ),
    "account: wrong choice": (
        ACCOUNT + "security = 'SSL'\n",
        "accounts.shop.security: expected one of 'tls', 'starttls', 'plain', got 'SSL'",
    ),
    "account: out of range": (
        ACCOUNT + "batch_size = 0\n",
        "accounts.shop.batch_size: expected 1-1000, got 0",
    ),
    "account: timeout out of range": (
        ACCOUNT + "timeout = -1\n",
        "accounts.shop.timeout: expected a positive number of seconds",
    ),
    "account: sync_minutes out of range": (
        ACCOUNT + "sync_minutes = 0\n",
        "accounts.shop.sync_minutes: expected a positive number of minutes",
    ),
    "account: empty host": (
        ACCOUNT.replace('"imap.example.com"', '""'),
        "accounts.shop.host: missing",
    ),
    "account: plaintext without consent": (
        ACCOUNT + 'security = "plain"\n',
        'accounts.shop.security: "plain" sends the password '
        'unencrypted; use "tls" or "starttls", or set '
        "allow_plaintext = true if you really mean it",
    ),
    "account: oauth2 wrong choice": (
        ACCOUNT + "oauth2 = { provider = 'gmail' }\n",
        "accounts.shop.oauth2.provider: expected one of 'google', "
        "'microsoft', 'other', got 'gmail'",
    ),
    "account defaults: out of range": (
        "[account_defaults]\nport = 0\n" + ACCOUNT,
        "account_defaults.port: expected 1-65535, got 0",
    ),
    "account defaults: wrong choice": (
        "[account_defaults]\ntype = 'pop3'\n",
        "account_defaults.type: expected one of 'imap', got 'pop3'",
    ),
    "accounts_dir: wrong type": (
        "accounts_dir = ['sellers']\n",
        "accounts_dir: expected a string, got ['sellers']",
    ),
    # [notices]
    "notices: wrong type": (
        "[notices]\ntrusted_authserv_ids = 'mx.example'\n",
        "notices.trusted_authserv_ids: expected a list of strings, got 'mx.example'",
    ),
    "notices: unknown key": (
        "[notices]\ndkim = true\n",
        "notices.dkim: unknown key (known: dkim_verify, trusted_authserv_ids, trusted_forwarders)",
    ),
    # [schedule]
    "schedule: wrong type": (
        "[schedule]\nsync_minutes = '15'\n",
        "schedule.sync_minutes: expected an integer or a number, got '15'",
    ),
    "schedule: out of range": (
        "[schedule]\nworkers = 0\n",
        "schedule.workers: expected 1 or more, got 0",
    ),
    "schedule: lock out of range": (
        "[schedule]\nlock_seconds = 0\n",
        "schedule.lock_seconds: expected a positive number of seconds",
    ),
    "schedule: not a clock time": (
        "[schedule]\nnightly_at = '2:30am'\n",
        "schedule.nightly_at: expected HH:MM, got '2:30am'",
    ),
    "schedule: unknown key": (
        "[schedule]\nsync_minute = 5\n",
        f"schedule.sync_minute: unknown key (known: {KNOWN_SCHEDULE})",
    ),
    # [[actions]]
    "actions: wrong type": (
        "[[actions]]\ntype = 'command'\ncommand = 'notify-send x'\n",
        "actions[0].command: expected a list of strings, got 'notify-send x'",
    ),
    "actions: wrong choice": (
        "[[actions]]\ntype = 'webhook'\nurl = 'http://x'\nformat = 'teams'\n",
        "actions[0].format: expected one of 'json', 'slack', got 'teams'",
    ),
    "actions: out of range": (
        "[[actions]]\ntype = 'email'\nsmtp_port = 70000\n",
        "actions[0].smtp_port: expected 1-65535, got 70000",
    ),
    "actions: header value": (
        "[[actions]]\ntype = 'webhook'\nheaders = { X-Token = 5 }\n",
        "actions[0].headers.X-Token: expected a string, got 5",
    ),
    # [gate]
    "gate: wrong type": (
        "[gate]\nfail_open = 'no'\n",
        "gate.fail_open: expected true or false, got 'no'",
    ),
    "gate: wrong choice": (
        "[gate]\nfindings = 'block'\n",
        "gate.findings: expected one of 'reject', 'hold', 'header', got 'block'",
    ),
    "gate: out of range": (
        "[gate]\nupstream_port = 0\n",
        "gate.upstream_port: expected 1-65535, got 0",
    ),
    "gate: unknown key": ("[gate]\nlisten = '127.0.0.1:25'\n", "gate.listen: unknown key"),
    "gate: secret in the file": (
        "[gate]\nupstream_password = 'Hunter2-Secret'\n",
        "gate.upstream_password: unknown key",
    ),
}


def load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "auditor.toml"
    path.write_text(text)
    return load_config(path)


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("AUDITOR_ACCOUNTS", raising=False)


@pytest.mark.parametrize("case", list(CASES))
def test_each_section_names_the_file_and_key(case: str, tmp_path: Path):
    text, expected = CASES[case]
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    line = str(caught.value)
    assert line.startswith(f"{tmp_path / 'auditor.toml'}: {expected}"), line
    assert "\n" not in line and "Hunter2" not in line


def test_the_first_mistake_in_the_file_is_the_one_named(tmp_path: Path):
    both = "[schedule]\nworkers = 'x'\n[audit]\nfail_onn = 1\n"
    with pytest.raises(ConfigError, match=r"schedule\.workers: expected an integer"):
        load(tmp_path, both)
    swapped = "[audit]\nfail_onn = 1\n[schedule]\nworkers = 'x'\n"
    with pytest.raises(ConfigError, match=r"audit\.fail_onn: unknown key"):
        load(tmp_path, swapped)
    within = ACCOUNT + "timeout = 'x'\nport = 'y'\n"
    with pytest.raises(ConfigError, match=r"accounts\.shop\.timeout: expected"):
        load(tmp_path, within)


def test_a_good_file_keeps_its_values_as_written(tmp_path: Path):
    config = load(tmp_path, ACCOUNT + "timeout = 30\n[schedule]\nsync_minutes = 5\n")
    assert (
        config.account("shop")["timeout"] == 30 and type(config.account("shop")["timeout"]) is int
    )
    assert "port" not in config.account("shop")  # defaults are the model's, not written in
    assert config.section("schedule") == {"sync_minutes": 5}


@pytest.mark.parametrize(
    "model",
    [
        models.Store,
        models.Audit,
        models.Rules,
        models.Campaign,
        models.Waiver,
        models.Notices,
        models.Schedule,
        models.Action,
        models.Gate,
        models.AccountTable,
        models.OAuth2,
        models.Header,
        models.ConfigFile,
    ],
)
def test_every_section_refuses_unknown_keys(model):
    with pytest.raises(ConfigError, match=r"^x\.toml: sect\.no_such_key: unknown key \(known: "):
        from auditor.config import validate

        validate({"no_such_key": 1}, model, "x.toml", "sect")


# -- accounts_dir and $AUDITOR_ACCOUNTS ---------------------------------------------------------
DIR_CASES = {
    "wrong type": ("port = true\n", "sellers/acme.toml: port: expected an integer, got True"),
    "wrong choice": (
        'security = "ssl"\n',
        "sellers/acme.toml: security: expected one of 'tls', 'starttls', 'plain', got 'ssl'",
    ),
    "out of range": (
        "reconnect_attempts = -1\n",
        "sellers/acme.toml: reconnect_attempts: expected 0 or more",
    ),
    "unknown key": ('hots = "h"\n', "sellers/acme.toml: hots: unknown key (known: allow_plaintext"),
    "plaintext": (
        'security = "plain"\n',
        'sellers/acme.toml: security: "plain" sends the password unencrypted',
    ),
    "secret": (
        'password = "Hunter2-Secret"\n',
        "sellers/acme.toml: password: secrets are never read from the config file",
    ),
}


@pytest.mark.parametrize("case", list(DIR_CASES))
def test_accounts_dir_files_are_checked_by_the_account_model(case: str, tmp_path: Path):
    extra, expected = DIR_CASES[case]
    (tmp_path / "sellers").mkdir()
    (tmp_path / "sellers" / "acme.toml").write_text('host = "h"\nusername = "u"\n' + extra)
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, 'accounts_dir = "sellers"\n')
    assert expected in str(caught.value)
    assert "Hunter2" not in str(caught.value)


ENV_CASES = {
    "wrong type": (
        {"batch_size": "200"},
        "AUDITOR_ACCOUNTS: [1].batch_size: expected an integer, got '200'",
    ),
    "null": ({"port": None}, "AUDITOR_ACCOUNTS: [1].port: expected an integer, got None"),
    "wrong choice": (
        {"type": "pop3"},
        "AUDITOR_ACCOUNTS: [1].type: expected one of 'imap', got 'pop3'",
    ),
    "out of range": ({"port": 99999}, "AUDITOR_ACCOUNTS: [1].port: expected 1-65535, got 99999"),
    "unknown key": ({"hots": "h"}, "AUDITOR_ACCOUNTS: [1].hots: unknown key"),
    "nested unknown key": (
        {"oauth2": {"tokn_env": "T"}},
        "AUDITOR_ACCOUNTS: [1].oauth2.tokn_env: unknown key",
    ),
    "list of strings": (
        {"folders": ["a", 2]},
        "AUDITOR_ACCOUNTS: [1].folders: expected a list of strings, got ['a', 2]",
    ),
    "plaintext": ({"security": "plain"}, 'AUDITOR_ACCOUNTS: [1].security: "plain" sends'),
    "no username": ({"username": ""}, "AUDITOR_ACCOUNTS: [1].username: missing"),
}


@pytest.mark.parametrize("case", list(ENV_CASES))
def test_environment_accounts_are_checked_by_the_account_model(
    case: str, tmp_path: Path, monkeypatch
):
    extra, expected = ENV_CASES[case]
    good = {"name": "a", "host": "h", "username": "u"}
    monkeypatch.setenv("AUDITOR_ACCOUNTS", json.dumps([good, {**good, "name": "b", **extra}]))
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "")
    assert str(caught.value).startswith(expected), str(caught.value)


def test_plaintext_consent_may_come_from_the_defaults(tmp_path: Path):
    config = load(
        tmp_path, "[account_defaults]\nallow_plaintext = true\n" + ACCOUNT + 'security = "plain"\n'
    )
    assert config.account("shop")["security"] == "plain"


# -- the models' defaults are the code's -------------------------------------------------------
def test_imap_settings_come_from_the_account_model():
    from connectors import imap

    settings = imap.ImapSettings.from_table("shop", {"host": "h", "username": "u"})
    assert (
        settings.batch_size,
        settings.timeout,
        settings.whole_fetch_limit,
        settings.reconnect_attempts,
    ) == (
        imap.DEFAULT_BATCH_SIZE,
        imap.DEFAULT_TIMEOUT,
        imap.DEFAULT_WHOLE_FETCH_LIMIT,
        imap.DEFAULT_RECONNECT_ATTEMPTS,
    )
    assert models.MAX_BATCH_SIZE == imap.MAX_BATCH_SIZE
    # a table built in code, never loaded from a file, is checked just the same
    with pytest.raises(
        ConfigError,
        match=r"^cfg\.toml: accounts\.shop\.port: expected an "
        r"integer, got '993'$",
    ):
        imap.ImapSettings.from_table(
            "shop", {"host": "h", "username": "u", "port": "993"}, "cfg.toml"
        )
    with pytest.raises(
        ConfigError,
        match=r"^accounts\.shop\.whole_fetch_limit: expected a "
        r"size in bytes ≥ 0$",
    ):
        imap.ImapSettings.from_table(
            "shop", {"host": "h", "username": "u", "whole_fetch_limit": -1}
        )


def test_schedule_defaults_are_the_daemons(tmp_path: Path):
    from auditor.daemon import Daemon
    from auditor.store import open_store

    daemon = Daemon(Config(), open_store(f"sqlite:///{tmp_path / 's.db'}"), [])
    schedule = models.Schedule()
    assert (daemon.sync_minutes, daemon.lift_seconds, daemon.nightly_at, daemon.use_idle) == (
        schedule.sync_minutes,
        schedule.lift_check_seconds,
        schedule.nightly_at,
        schedule.idle,
    )


def test_gate_settings_are_the_gate_section(tmp_path: Path):
    from auditor.gate.settings import GateSettings

    config = load(tmp_path, "[gate]\nfindings = 'hold'\nupstream_port = 587\n")
    settings = GateSettings.from_config(config)
    assert (settings.findings, settings.upstream_port, settings.paused) == ("hold", 587, "tempfail")
    assert settings.model_copy(update={"account": "eu"}).account == "eu"
    # a configuration built in code is checked on the way in too
    with pytest.raises(ConfigError, match=r"^the configuration: gate\.paused: expected one of"):
        GateSettings.from_config(Config(data={"gate": {"paused": "drop"}}))
    assert section(Config(), "schedule", models.Schedule).workers == 4
