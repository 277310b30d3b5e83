"""``[accounts.NAME] trusted_authserv_ids``: an IMAP account's own receiving
server verifies that account's notices, and no other source's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.imap.conftest import PASSWORD_ENV, Account

pytestmark = pytest.mark.dovecot


def _authenticity(cli, *args) -> dict[str, str]:
    status, out, err = cli("notices", *args, "--format", "json")
    assert status == 0, err
    return {n["message_id"]: n["authenticity"] for n in json.loads(out)["notices"]}


def test_the_account_trusts_its_own_receiving_server(
    corpus_account: Account, corpus: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, corpus_account.password)
    restriction = "<n01-restriction-30-days@corpus.example>"
    config = corpus_account.write_config()
    assert _authenticity(cli, "imap:test", "--config", config)[restriction] == "unverified"

    trusting = corpus_account.write_config(trusted_authserv_ids=["mx.seller-mail.example"])
    judged = _authenticity(cli, "imap:test", "--config", trusting, "--no-store")
    assert judged[restriction] == "verified"
    assert judged["<n09-phishing-deactivated@corpus.example>"] == "suspicious"
    # the same mail from a file is no notice of that account: nothing trusts it there
    files = _authenticity(cli, corpus, "--config", trusting, "--no-store")
    assert files[restriction] == "unverified"
