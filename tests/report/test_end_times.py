"""When a restriction ends is shown with the hour and the zone in every text
view: a bare date in UTC reads a day early or late for a seller far from UTC
(sent 23:30 in California is 07:30 the next day in UTC)."""

from __future__ import annotations

from pathlib import Path

import pytest

RESTRICTION = (
    "From: Amazon Services <seller-notification@amazon.com>\nTo: sales@acme-home.example\n"
    "Subject: Your Amazon.com selling account: proactive messaging restricted\n"
    "Date: Mon, 09 Nov 2026 23:30:00 -0800\nMessage-ID: <end-times@amazon.com>\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nDear Seller,\n\n"
    "As a result, you are restricted from proactively initiating new email conversations "
    "with customers for 30 days.\n\nSeller Performance Team\n"
)
ENDS = "2026-12-10 07:30 UTC"  # 9 Nov 23:30 -0800 is 10 Nov 07:30 UTC; + 30 days


@pytest.fixture
def mailbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_NOW", "2026-11-12T12:00:00+00:00")
    monkeypatch.setenv("COLUMNS", "250")
    folder = tmp_path / "mailbox"
    folder.mkdir()
    (folder / "restriction.eml").write_text(RESTRICTION)
    return folder


@pytest.mark.parametrize("fmt", ["md", "table"])
def test_notices_views_give_the_end_with_its_hour_and_zone(cli, mailbox: Path, fmt: str) -> None:
    status, out, err = cli("notices", mailbox, "--no-store", "--format", fmt)
    assert status == 0, err
    assert ENDS in out


def test_the_markdown_audit_gives_the_end_with_its_hour_and_zone(cli, mailbox: Path) -> None:
    status, out, err = cli("audit", mailbox, "--no-store", "--format", "md")
    assert status in (0, 1), err
    row = next(x for x in out.splitlines() if x.startswith("| ") and "messaging restriction" in x)
    assert ENDS in row
