"""The demo of the README's "Try it": with a fresh configuration its
restriction needs confirming (nothing trusts the demo's mail server); with
demo/auditor.toml it is verified and the campaigns show as paused."""

from __future__ import annotations

import json

from tests.conftest import ROOT

DEMO = ROOT / "demo"


def _audit(cli, *args: str) -> tuple[int, dict]:
    status, out, err = cli("audit", DEMO / "mailbox.mbox", "--no-store", "--format", "json", *args)
    assert status in (0, 1), err
    return status, json.loads(out)


def test_demo_without_configuration_needs_confirming(cli):
    status, report = _audit(cli)
    assert status == 1
    [restriction] = [n for n in report["notices"] if n["kind"] == "messaging_restriction"]
    assert restriction["authenticity"] == "unverified" and restriction["needs_confirmation"]
    assert restriction["confirm_command"] == "auditor notices confirm demo-restriction@amazon.com"
    # no store read: no stored state; and 'auditor run' would pause nothing for it
    assert {(c["state"], c["would"]) for c in report["campaigns"]} == {(None, None)}


def test_demo_configuration_trusts_the_demo_mail_server(cli):
    status, report = _audit(cli, "--config", DEMO / "auditor.toml")
    assert status == 1
    [restriction] = [n for n in report["notices"] if n["kind"] == "messaging_restriction"]
    assert restriction["authenticity"] == "verified" and not restriction["needs_confirmation"]
    assert "pause" in {c["would"] for c in report["campaigns"]}
    phishing = [n for n in report["notices"] if n["phishing"]]
    assert len(phishing) == 1
