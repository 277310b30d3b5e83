"""Issue #12: the notices table, Markdown, JSON and the HTML audit page show
which notices need confirming, why, and the command that confirms them, with
the hostile parts of the mail (its Message-ID, subject, the authserv-id in
its headers) escaped for each format."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

MID = "a$(touch pwned)'b@x.example"
RESTRICTION = (
    "Authentication-Results: x'$; dmarc=pass header.from=amazon.com\n"
    "From: Amazon Services <seller-notification@amazon.com>\nTo: sales@acme-home.example\n"
    "Subject: Your Amazon.com selling account: proactive messaging restricted <script>x</script>\n"
    f"Date: Mon, 09 Nov 2026 08:12:00 +0000\nMessage-ID: <{MID}>\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n\nDear Seller,\n\nAs a result, you are restricted "
    "from proactively initiating new email conversations with customers for 30 days.\n\n"
    "Seller Performance Team\n"
)


@pytest.fixture
def mailbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_NOW", "2026-11-10T12:00:00+00:00")
    folder = tmp_path / "mailbox"
    folder.mkdir()
    (folder / "restriction.eml").write_text(RESTRICTION)
    return folder


def test_notices_views_show_what_needs_confirming(cli, mailbox: Path, store_url: str) -> None:
    status, out, err = cli("notices", mailbox, "--store", store_url, "--format", "json")
    assert status == 0, err
    [notice] = json.loads(out)["notices"]
    assert notice["needs_confirmation"] and notice["authenticity"] == "unverified"
    assert notice["confirm_command"] == f"auditor notices confirm {notice['id']}"
    assert any("x'$" in r and "not trusted" in r for r in notice["authenticity_reasons"])

    status, table, err = cli("notices", mailbox, "--store", store_url)
    assert status == 0, err
    flat = " ".join(table.split())
    assert (
        f"needs confirming: auditor notices confirm {notice['id']} — messaging_restriction" in flat
    )
    assert "no [notices] trusted_authserv_ids configured" in flat

    status, md, err = cli("notices", mailbox, "--store", store_url, "--format", "md")
    assert status == 0, err
    line = next(x for x in md.splitlines() if "needs confirming" in x)
    assert "\\[notices\\]" in line and "<script>" not in md

    status, page, err = cli("audit", mailbox, "--store", store_url, "--format", "html")
    assert status == 1, err
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert f"run auditor notices confirm {notice['id']}." in page
    assert "Needs confirming" in page and ("x&#39;$" in page or "x&#x27;$" in page)
    assert "restricted until 9 Dec 2026, says a notice not yet verified or confirmed" in page


def test_without_a_store_the_command_names_the_message_id_shell_quoted(cli, mailbox: Path) -> None:
    status, out, err = cli("notices", mailbox, "--no-store", "--format", "json")
    assert status == 0, err
    [notice] = json.loads(out)["notices"]
    assert notice["id"] is None
    assert shlex.split(notice["confirm_command"]) == ["auditor", "notices", "confirm", MID]


def test_a_confirmed_notice_no_longer_needs_confirming(cli, mailbox: Path, store_url: str):
    cli("notices", mailbox, "--store", store_url)
    status, out, err = cli("notices", "confirm", MID, "--store", store_url, "--by", "ann")
    assert status == 0 and "confirmed by ann" in out, err
    status, out, err = cli("notices", mailbox, "--store", store_url, "--format", "json")
    [notice] = json.loads(out)["notices"]
    assert not notice["needs_confirmation"] and notice["confirm_command"] is None
    assert notice["confirmation"]["by"] == "ann"
    status, table, err = cli("notices", mailbox, "--store", store_url)
    assert "needs confirming" not in table
