"""Fixtures for the hardening tests: the real Dovecot (one per session and
xdist worker, from :mod:`tests.dovecot`) and an ``[accounts.test]`` around a
fresh login, as ``tests/imap`` configures it, with the password in an
environment variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dovecot import Dovecot
from tests.dovecot import dovecot_server as dovecot_server
from tests.dovecot import imap_user as imap_user
from tests.imap.conftest import PASSWORD_ENV, Account


@pytest.fixture
def account(
    dovecot_server: Dovecot, imap_user: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Account:
    """An empty mailbox (INBOX and Sent) configured as ``imap:test``."""
    monkeypatch.setenv(PASSWORD_ENV, dovecot_server.users[imap_user])
    return Account(dovecot_server, imap_user, tmp_path)


@pytest.fixture
def corpus_account(account: Account, corpus: Path) -> Account:
    """``account`` with the shared corpus APPENDed (14 sent, 11 notices)."""
    account.server.load_corpus(account.user, corpus)
    account.server.clear_rawlog(account.user)
    return account
