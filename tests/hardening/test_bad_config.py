"""Bad configuration: one line on stderr naming the file and the key, exit
status 2, no traceback, and never the value of a secret put in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

ACCOUNT = (
    '[accounts.shop]\ntype = "imap"\nhost = "127.0.0.1"\nport = 993\n'
    'username = "orders@acme-home.example"\npassword_env = "SHOP_PW"\n'
)
MAIL = (
    b"From: Acme <sales@acme-home.example>\nTo: x1@marketplace.amazon.com\n"
    b"Subject: Your order 113-4829104-7712093\nDate: Tue, 03 Nov 2026 14:20:00 +0000\n\nHi\n"
)

#: id → (config text, SOURCE, what the line must name after "FILE: ", secret it must not show)
CASES: dict[str, tuple[str, str, str, str | None]] = {
    "unknown top-level table": ("[audti]\nfail_on = 'error'\n", "mail", "audti: unknown key", None),
    "unknown key in a section": (
        "[audit]\nfail_onn = 'error'\n",
        "mail",
        "audit.fail_onn: unknown key",
        None,
    ),
    "unknown key in an account": (
        ACCOUNT + 'hots = "imap.example"\n',
        "mail",
        "accounts.shop.hots: unknown key",
        None,
    ),
    "unknown key in an inline table": (
        ACCOUNT.replace('password_env = "SHOP_PW"\n', "")
        + 'oauth2 = { provider = "google", tokn_env = "T" }\n',
        "mail",
        "accounts.shop.oauth2.tokn_env: unknown key",
        None,
    ),
    "unknown key in an array of tables": (
        "[[campaigns]]\nname = 'a'\nsubjet = '^Hi'\n",
        "mail",
        "campaigns[0].subjet: unknown key",
        None,
    ),
    "unknown key three tables deep": (
        "[[actions]]\ntype = 'webhook'\nurl = 'http://x'\n"
        "headers = { X = 'y' }\nheaders_env = { X = 'Y' }\n"
        "[schedule]\nsync_minute = 5\n",
        "mail",
        "schedule.sync_minute: unknown key",
        None,
    ),
    "string for an integer": (
        ACCOUNT.replace("port = 993", 'port = "abc"'),
        "mail",
        "accounts.shop.port: expected an integer, got 'abc'",
        None,
    ),
    "bool for an integer": (
        ACCOUNT.replace("port = 993", "port = true"),
        "mail",
        "accounts.shop.port: expected an integer",
        None,
    ),
    "string for a list": (
        "[audit]\nselect = 'BSM1'\n",
        "mail",
        "audit.select: expected a list of strings",
        None,
    ),
    "list of numbers for a list of strings": (
        "[rules]\nallowed_link_domains = [1, 2]\n",
        "mail",
        "rules.allowed_link_domains: expected a list",
        None,
    ),
    "string for a bool": (
        ACCOUNT + 'allow_plaintext = "yes"\n',
        "mail",
        "accounts.shop.allow_plaintext: expected true or false",
        None,
    ),
    "value not among the choices": (
        "[audit]\nfail_on = 'fatal'\n",
        "mail",
        "audit.fail_on: expected one of",
        None,
    ),
    "table for an array of tables": (
        "[campaigns]\nname = 'x'\n",
        "mail",
        "campaigns: expected an array of tables",
        None,
    ),
    "table for a string": (
        "[store]\nurl = { a = 1 }\n",
        "mail",
        "store.url: expected a string",
        None,
    ),
    "campaign without a name": (
        "[[campaigns]]\nsubject = '^Hi'\n",
        "mail",
        "campaigns[0]: missing key 'name'",
        None,
    ),
    "account without a host": (
        ACCOUNT.replace('host = "127.0.0.1"\n', ""),
        "mail",
        "accounts.shop.host: missing",
        None,
    ),
    "missing account for imap:nope": (
        ACCOUNT,
        "imap:nope",
        "accounts.nope: no such account (known: shop)",
        None,
    ),
    "bad regex in a campaign subject": (
        "[[campaigns]]\nname = 'x'\nsubject = '(unclosed'\n",
        "mail",
        "campaigns[0].subject: invalid regular expression",
        None,
    ),
    "bad regex in a campaign header": (
        "[[campaigns]]\nname = 'x'\nheader = { name = 'X-C', value = '[z-a]' }\n",
        "mail",
        "campaigns[0].header: invalid regular expression",
        None,
    ),
    "duplicate action names": (
        "[[actions]]\ntype = 'webhook'\nname = 'ops'\nurl = 'http://a'\n"
        "[[actions]]\ntype = 'command'\nname = 'ops'\n"
        "command = ['/bin/true']\n",
        "mail",
        "actions[1].name: 'ops' is used by another action",
        None,
    ),
    "unknown action type": (
        "[[actions]]\ntype = 'pager'\nname = 'p'\n",
        "mail",
        "actions[0].type: unknown action type 'pager'",
        None,
    ),
    "action missing its url": (
        "[[actions]]\ntype = 'webhook'\nname = 'w'\n",
        "mail",
        "actions[0].url or url_env: missing",
        None,
    ),
    "password in an account": (
        ACCOUNT + 'password = "Hunter2-Secret!"\n',
        "mail",
        "accounts.shop.password: secrets are never read from the config file",
        "Hunter2-Secret!",
    ),
    "token in oauth2": (
        ACCOUNT.replace('password_env = "SHOP_PW"\n', "")
        + 'oauth2 = { provider = "google", token = "ya29.Secret-Token" }\n',
        "mail",
        "accounts.shop.oauth2.token: secrets are never read",
        "ya29.Secret-Token",
    ),
    "smtp password in an action": (
        "[[actions]]\ntype = 'email'\nname = 'm'\nto = ['a@b.c']\n"
        "smtp_host = 'h'\nsmtp_password = 'Smtp-Secret-9'\n",
        "mail",
        "actions[0].smtp_password: secrets are never read",
        "Smtp-Secret-9",
    ),
    "port out of range": (
        ACCOUNT.replace("port = 993", "port = 70000"),
        "imap:shop",
        "accounts.shop.port: expected 1-65535, got 70000",
        None,
    ),
    "plaintext without allow_plaintext": (
        ACCOUNT + 'security = "plain"\n',
        "imap:shop",
        'accounts.shop.security: "plain" sends the password unencrypted',
        None,
    ),
    "invalid TOML": ("[audit\nfail_on = 'x'\n", "mail", "invalid TOML", None),
    "not UTF-8": ("[audit]\nfail_on = '\udcff'\n", "mail", "not UTF-8 text", None),
}


@pytest.fixture
def mail(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "m.eml").write_bytes(MAIL)
    return folder


@pytest.mark.parametrize("case", list(CASES))
def test_bad_config_is_one_line_naming_file_and_key(
    case: str, cli, mail: Path, tmp_path: Path, monkeypatch
):
    text, source, expected, secret = CASES[case]
    config = tmp_path / "auditor.toml"
    config.write_bytes(text.encode("utf-8", "surrogateescape"))
    monkeypatch.setenv("SHOP_PW", "Env-Password-77")
    spec = str(mail) if source == "mail" else source
    status, out, err = cli("audit", spec, "--config", config, "--no-store")
    assert status == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"auditor: {config}: "), lines[0]
    assert expected in lines[0], lines[0]
    assert "Traceback" not in out + err and "internal error" not in err
    assert "Env-Password-77" not in out + err
    if secret:
        assert secret not in out + err


@pytest.mark.parametrize(
    "command",
    [
        ["run", "{mail}"],
        ["notices", "{mail}"],
        ["timeline", "{mail}"],
        ["lint", "{eml}"],
        ["campaigns"],
        ["gate", "x"],
        ["pause", "x", "--reason", "r"],
        ["daemon"],
    ],
)
def test_every_command_refuses_a_bad_config_the_same_way(command, cli, mail, tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text(ACCOUNT + "hots = 'x'\n")
    args = [a.format(mail=mail, eml=mail / "m.eml") for a in command]
    status, out, err = cli(*args, "--config", config)
    assert status == 2, (out, err)
    assert err.strip() == f"auditor: {config}: accounts.shop.hots: unknown key (known: " + (
        err.split("(known: ", 1)[1].strip()
    ), err
    assert len(err.strip().splitlines()) == 1


def test_missing_config_file_is_one_line(cli, mail, tmp_path):
    missing = tmp_path / "nope.toml"
    status, _out, err = cli("audit", mail, "--config", missing)
    assert status == 2 and err.strip() == f"auditor: {missing}: configuration file not found"
