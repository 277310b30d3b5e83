"""What the store holds already, as an incremental source asks it
(``connectors.base.KnownMessages``, built by ``auditor.known.StoredMail``),
on a real SQLite store filled by a real audit; and the source stage importing
no later stage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from auditor.audit import Auditor
from auditor.config import Config
from auditor.known import StoredMail
from auditor.message.parse import parse_message
from auditor.store import open_store
from connectors import open_source
from connectors.base import KnownMessages

REPO = Path(__file__).resolve().parents[1]
NO_ID = (
    b"From: Acme Home Goods <sales@acme-home.example>\nTo: b1@marketplace.amazon.com\n"
    b"Subject: Votre commande\nDate: Tue, 03 Nov 2026 14:20:00 +0000\n\nBonjour !\n"
)


@pytest.fixture
def audited(tmp_path: Path, corpus: Path):
    """A store after auditing three corpus mails and one without Message-ID."""
    (tmp_path / "mail").mkdir()
    names = ["m01-review-request-ok-en.eml", "m02-review-request-ok-de.eml", "m04-coupon.eml"]
    for name in names:
        (tmp_path / "mail" / name).write_bytes((corpus / name).read_bytes())
    (tmp_path / "mail" / "no-id.eml").write_bytes(NO_ID)
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    Auditor(Config({}), store, account="shop").audit([str(tmp_path / "mail")])
    return store, [parse_message((corpus / n).read_bytes(), "", "") for n in names]


def test_stored_mail_answers_from_the_store(audited):
    store, messages = audited
    known: KnownMessages = StoredMail(store)
    assert known.holds_mail("shop") and not known.holds_mail("other-shop")
    ids = [m.message_id for m in messages]
    assert all(ids)
    assert known.message_ids("shop", [*ids, "<never-seen@example.com>"]) == set(ids)
    assert known.message_ids("other-shop", ids) == set()
    digest = known.digest(NO_ID)
    assert digest == parse_message(NO_ID, "x", "1").content_hash  # as the store keeps it
    assert known.hashes("shop", [digest, "0" * 64]) == {digest}
    assert known.hashes("other-shop", [digest]) == set()


def test_without_a_store_nothing_is_held_but_digests_still_come():
    known = StoredMail(None)
    assert not known.holds_mail("shop")
    assert known.message_ids("shop", ["<a@b>"]) == set()
    assert known.digest(NO_ID) == parse_message(NO_ID, "", "").content_hash
    assert known.digest(b"") is None  # unreadable: no digest, never a crash
    # same text, another Date: another message
    assert known.digest(NO_ID.replace(b"14:20", b"14:21")) != known.digest(NO_ID)


def test_known_goes_to_incremental_connectors_only(corpus: Path):
    known = StoredMail(None)
    files = open_source(str(corpus / "m01-review-request-ok-en.eml"), known=known)
    assert files.known is None  # a file connector has nothing to skip
    imap = open_source("imap:shop", config=Config({}), known=known)
    assert imap.known is known


# -- layering: the source stage imports no later stage ---------------------------------
LATER = (
    "sqlalchemy",
    "auditor.store",
    "auditor.message",
    "auditor.phrases",
    "auditor.notices",
    "auditor.orders",
    "auditor.findings",
    "rules",
    "auditor.campaigns",
    "auditor.actions",
    "auditor.report",
    "auditor.audit",
)


def later_imports(source: str) -> list[str]:
    """Modules of a later stage that ``source`` imports (at any depth)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found += [n for n in names if any(n == p or n.startswith(p + ".") for p in LATER)]
    return found


def test_the_checker_sees_imports_in_functions_too():
    assert later_imports("def f():\n    from auditor.message.parse import parse_message\n") == [
        "auditor.message.parse"
    ]
    assert later_imports("import sqlalchemy.orm as orm\nimport rulesets\n") == ["sqlalchemy.orm"]
    assert later_imports("from auditor.errors import SourceError\n") == []


def test_connectors_import_no_later_stage():
    files = sorted((REPO / "connectors").rglob("*.py"))
    assert REPO / "connectors" / "imap" / "sync.py" in files
    offenders = {
        str(path.relative_to(REPO)): later_imports(path.read_text(encoding="utf-8"))
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}
