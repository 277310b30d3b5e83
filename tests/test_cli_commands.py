"""The command line as a package (auditor/cli/): `auditor --help` answers
without loading the heavy parts, every command takes the shared options, and
a campaign name two accounts share is refused by name until --account says
which — through the real commands on a real SQLite store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from auditor.cli import cli as group

SENT = (
    "From: Acme Home Goods <sales@acme-home.example>\nTo: b1x@marketplace.amazon.com\n"
    "Subject: How was your order 113-4829101-7712001?\n"
    "Date: Tue, 03 Nov 2026 10:00:00 +0000\nMessage-ID: <sent-1@acme-home.example>\n\n"
    "Thank you for your order 113-4829101-7712001. We would appreciate your honest review.\n"
)

HEAVY = ("sqlalchemy", "alembic", "rich", "rules", "dateparser", "prometheus_client", "aiosmtpd")


def leaves(command: click.Command, path: tuple[str, ...] = ()):
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from leaves(sub, (*path, name))
    else:
        yield path, command


@pytest.mark.parametrize("args", [["--help"], ["audit", "--help"], ["campaigns", "--help"]])
def test_help_loads_no_heavy_module(args):
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['auditor', *{args!r}]\n"
        "try:\n    runpy.run_module('auditor', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "Usage: auditor" in done.stdout
    assert done.stdout.rstrip().splitlines()[-1] == "[]", done.stdout[-300:]


def test_every_command_takes_config_verbose_quiet():
    commands = dict(leaves(group))
    assert len(commands) >= 17
    for path, command in commands.items():
        names = {opt for param in command.params for opt in param.opts}
        assert {"--config", "-v", "--verbose", "-q", "--quiet"} <= names, path


def test_store_option_is_the_same_everywhere():
    """--store: one option (``store_url``, a string, optional) wherever it is."""
    seen = 0
    for path, command in leaves(group):
        for param in command.params:
            if "--store" in param.opts:
                seen += 1
                assert param.name == "store_url", path
                assert param.type is click.STRING and not param.show_default, path
                assert not param.multiple and not param.required, path
                assert param.help.startswith("SQLAlchemy URL of the store"), path
    assert seen >= 14


@pytest.fixture
def two_shops(tmp_path: Path, cli):
    """The campaign ``review-request`` stored for shop-a and for shop-b."""
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "sent.eml").write_text(SENT)
    config = tmp_path / "auditor.toml"
    config.write_text('[[campaigns]]\nname = "review-request"\nsubject = "^How was your order"\n')
    common = ("--store", f"sqlite:///{tmp_path / 'store.db'}", "--config", config)

    def run(*args):
        return cli(*args, *common)

    for account in ("shop-a", "shop-b"):
        status, _out, err = run("audit", folder, "--account", account, "-q")
        assert status == 0, err
    return run


def test_a_name_in_two_accounts_needs_account(two_shops):
    several = (
        "auditor: review-request: campaign exists in several accounts (shop-a, shop-b); "
        "pass --account\n"
    )
    assert two_shops("gate", "review-request") == (2, "", several)
    status, _out, err = two_shops("pause", "review-request", "--reason", "x")
    assert (status, err) == (2, several)
    assert two_shops("gate", "review-request", "--account", "shop-b") == (0, "active\n", "")

    status, _out, err = two_shops(
        "pause", "review-request", "--account", "shop-b", "--reason", "hold", "--by", "ann"
    )
    assert status == 0, err
    status, out, _err = two_shops("gate", "review-request", "--account", "shop-b")
    assert (status, out) == (1, "paused until a person resumes it: hold\n")
    assert two_shops("gate", "review-request", "--account", "shop-a")[:2] == (0, "active\n")

    status, out, _err = two_shops("campaigns", "--format", "json", "--history")
    rows = {c["account"]: c for c in json.loads(out)["campaigns"]}
    assert [c["account"] for c in json.loads(out)["campaigns"]] == ["shop-a", "shop-b"]
    assert (rows["shop-a"]["state"], rows["shop-a"]["history"]) == ("active", [])
    assert rows["shop-b"]["state"] == "paused"
    assert [(e["to"], e["actor"], e["cause"]) for e in rows["shop-b"]["history"]] == [
        ("paused", "person:ann", "hold")
    ]


def test_unknown_campaign_is_one_line_exit_2(two_shops):
    expected = "auditor: nope: no such campaign (see 'auditor campaigns')\n"
    assert two_shops("gate", "nope") == (2, "", expected)
    assert two_shops("resume", "nope", "--reason", "x")[::2] == (2, expected)
    assert two_shops("gate", "review-request", "--account", "shop-c") == (
        2,
        "",
        "auditor: review-request: no such campaign (see 'auditor campaigns')\n",
    )
