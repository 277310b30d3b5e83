"""Where one mbox message ends and the next begins, as Dovecot (and mutt)
decide: a line starting ``From `` is a boundary only when it reads as a
From_ line (a sender, then a date), blank line before it or not; a damaged
boundary is reported on the message, never silent.

Each case below is one line placed between two messages, with and without
the blank line before it, and says whether it starts a message. The same
table is checked against Dovecot itself (``doveadm fetch`` on a copy, see
tests/mbox_oracle.py), so the expectations are Dovecot's, not ours.
DEVELOPMENT was written first and tuned on; HELD_OUT was written before
measuring and run once before the last tuning (32 of 36 agreed; the two
misses, a one-digit hour and two spaces after ``From``, were then fixed).
"""

from __future__ import annotations

import email
import json
from pathlib import Path

import pytest

from connectors.files import MboxConnector
from tests.mbox_oracle import doveadm_missing, dovecot_message_ids

DEVELOPMENT = [
    ("From - Thu Dec 03 09:00:00 2026", True),  # Thunderbird
    ("From 1779345417396461432@xxx Wed Dec 02 10:00:00 +0000 2026", True),  # Gmail Takeout
    ("From seller at example.com  Thu Dec  3 09:00:00 2026", False),  # pipermail
    ("From x@y Thu Dec  3 09:00:00 CET 2026", True),
    ("From x@y Thu Dec  3 09:00:00 MET DST 2026", False),
    ("From x@y Thu Dec  3 09:00 2026", True),
    ("From x@y  Sat Dec  5 07:00:00 2026 remote from host", True),  # UUCP
    ('From "quoted name"@example.com Thu Dec  3 09:00:00 2026', True),
    ("From x@y Sat, 05 Dec 2026 07:00:00 +0000", True),  # RFC 5322 order
    ("From x@y", False),
    ("From x@y Thu Dec  3 09:00:00 26", False),
    ("From Thu Dec  3 09:00:00 2026", False),  # no sender
    ("From x@y thu dec  3 09:00:00 2026", True),
    ("From x@y 2026-12-03T09:00:00Z", False),
    ("From Mon to Fri we ship within 24 hours", False),
    ("From Mon Dec 7 onward, prices change", False),
    ("From Monday Dec 7 10:00 2026 on", False),
]

HELD_OUT = [
    ("From MAILER-DAEMON Fri Dec  4 23:59:59 2026", True),  # Postfix local delivery
    ("From seller@shop.example Mon Jan  5 08:15:02 2026 +0100", True),
    ("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001", True),  # git
    ("From amazon@amazon.de Wed, 2 Dec 2026 10:00:00 +0100", True),
    ("From x@y Thu Dec 3 9:00:00 2026", False),  # one-digit hour
    ("From x@y Thu Dec 03 09:00:00 UTC 2026", True),
    ("From x@y Thu Dec  3 09:00:00 2026   ", True),
    ('From "" Thu Dec  3 09:00:00 2026', True),
    ("From <x@y> Thu Dec  3 09:00:00 2026", True),
    ("FROM x@y Thu Dec  3 09:00:00 2026", False),
    ("From  x@y Thu Dec  3 09:00:00 2026", False),  # two spaces: empty sender
    ("From Berlin mit Grüßen, Ihr Team", False),
    ("From 10:00 to 18:00 Mon Dec 7 2026", False),
    ("From x Mon Dec 7 2026", False),
    ("From 2026年12月7日 配送開始", False),
    ("From Paris, le 7 décembre 2026", False),
    ("From Amazon Seller Central <seller-notification@amazon.de>", False),
    ("From x@y\tThu Dec  3 09:00:00 2026", False),
]

CASES = [
    pytest.param(line, boundary, blank, id=f"{i}-{'blank' if blank else 'noblank'}")
    for i, (line, boundary) in enumerate(DEVELOPMENT + HELD_OUT)
    for blank in (True, False)
]


def _msg(n: int, body: str = "body\n") -> str:
    return f"Message-ID: <{n}@t>\nSubject: s{n}\n\n{body}"


def build(line: str, blank: bool, newline: str = "\n") -> bytes:
    """Message 1, then ``line`` (with or without a blank line before it)
    followed by message 2's headers, then message 3."""
    text = (
        "From a@b Thu Dec  3 08:00:00 2026\n"
        + _msg(1, "first\n" + ("\n" if blank else ""))
        + line
        + "\n"
        + _msg(2)
        + "\nFrom c@d Thu Dec  3 10:00:00 2026\n"
        + _msg(3)
    )
    return text.replace("\n", newline).encode()


def read(path: Path) -> list[tuple[str, str | None]]:
    """(Message-ID, warning) of every message our reader finds."""
    connector = MboxConnector(str(path))
    connector.open()
    found = []
    for raw in connector.messages():
        assert raw.error is None
        message = email.message_from_bytes(raw.data)
        found.append(((message.get("Message-ID") or "").strip(), raw.warning))
    return found


def expected_ids(boundary: bool) -> list[str]:
    return ["<1@t>", "<2@t>", "<3@t>"] if boundary else ["<1@t>", "<3@t>"]


@pytest.mark.parametrize("line, boundary, blank", CASES)
def test_reader_splits_where_expected(tmp_path, line, boundary, blank):
    path = tmp_path / "box.mbox"
    path.write_bytes(build(line, blank))
    found = read(path)
    assert [mid for mid, _ in found] == expected_ids(boundary)
    warnings = {mid: warning for mid, warning in found}
    if boundary and not blank:  # a damaged boundary: split, and said on the new message
        assert "no blank line before the 'From ' line at line 6" in (warnings["<2@t>"] or "")
    else:
        assert warnings.get("<2@t>") is None
    assert warnings["<3@t>"] is None


@pytest.mark.parametrize("line, boundary, blank", CASES)
def test_expectations_are_dovecots(tmp_path, line, boundary, blank):
    if doveadm_missing():
        pytest.skip(doveadm_missing())
    path = tmp_path / "box.mbox"
    path.write_bytes(build(line, blank))
    assert dovecot_message_ids(path) == expected_ids(boundary)


def test_crlf_export_with_a_damaged_boundary(tmp_path):
    path = tmp_path / "windows.mbox"
    path.write_bytes(build("From x@y Thu Dec  3 09:00:00 2026", False, "\r\n"))
    found = read(path)
    assert [mid for mid, _ in found] == ["<1@t>", "<2@t>", "<3@t>"]
    assert "no blank line" in (found[1][1] or "")


def test_dateless_from_line_before_headers_is_body_but_reported(tmp_path):
    path = tmp_path / "box.mbox"
    path.write_bytes(build("From seller@shop.example", True))
    found = read(path)
    assert [mid for mid, _ in found] == ["<1@t>", "<3@t>"]
    assert "line 7 looks like a damaged 'From ' line" in (found[0][1] or "")


def test_prose_from_lines_stay_in_the_body_unreported(tmp_path):
    body = "Hello,\n\nFrom what I know the parcel left today.\n\nFrom Monday on we ship daily.\n"
    path = tmp_path / "box.mbox"
    path.write_bytes(
        b"From a@b Thu Dec  3 08:00:00 2026\n"
        + _msg(1, body).encode()
        + b"\nFrom c@d Thu Dec  3 10:00:00 2026\n"
        + _msg(2).encode()
    )
    found = read(path)
    assert found == [("<1@t>", None), ("<2@t>", None)]
    connector = MboxConnector(str(path))
    connector.open()
    first = next(iter(connector.messages()))
    assert b"From Monday on we ship daily." in first.data


def test_mboxrd_escaped_from_line_is_unescaped_not_split(tmp_path):
    path = tmp_path / "box.mbox"
    path.write_bytes(
        b"From a@b Thu Dec  3 08:00:00 2026\n"
        + _msg(1, "Quoted:\n>From x@y Thu Dec  3 09:00:00 2026\n").encode()
    )
    connector = MboxConnector(str(path))
    connector.open()
    (only,) = list(connector.messages())
    assert b"\nFrom x@y Thu Dec  3 09:00:00 2026\n" in only.data and only.warning is None


def test_file_not_starting_with_a_from_line_is_reported(tmp_path):
    path = tmp_path / "box.mbox"
    path.write_bytes(_msg(1).encode() + b"\nFrom c@d Thu Dec  3 10:00:00 2026\n" + _msg(2).encode())
    found = read(path)
    assert [mid for mid, _ in found] == ["<1@t>", "<2@t>"]
    assert "does not start with a 'From ' line" in (found[0][1] or "")


def _sent(n: int, body: str) -> str:
    return (
        f"From: shop@seller.example\nTo: buyer{n}@marketplace.amazon.com\n"
        f"Subject: Your order 113-1234567-123456{n}\nDate: Thu, 03 Dec 2026 09:0{n}:00 +0000\n"
        f"Message-ID: <sent{n}@seller.example>\n\n{body}"
    )


def test_audit_reads_both_messages_and_warns_on_stderr(cli, tmp_path):
    """The issue's case: a body without its blank line before the next From
    line no longer swallows the next message without a word."""
    path = tmp_path / "sent.mbox"
    path.write_text(
        "From shop@seller.example Thu Dec  3 09:01:00 2026\n"
        + _sent(1, "Thank you for your order 113-1234567-1234561.\n")
        + "From shop@seller.example Thu Dec  3 09:02:00 2026\n"
        + _sent(2, "Your order 113-1234567-1234562 has shipped.\n")
    )
    status, out, err = cli("audit", path, "--no-store", "--format", "json")
    report = json.loads(out)
    assert report["summary"]["messages"] == 2
    assert report["summary"]["unreadable"] == 0
    (warning,) = report["errors"]
    assert warning["level"] == "warning" and warning["source"] == f"{path}#2"
    assert err == (
        f"auditor: warning: {path}#2: no blank line before the 'From ' line at line 9: "
        "the previous message may have lost its last line\n"
    )
    assert status == 0


def test_quiet_silences_warnings_not_the_report(cli, tmp_path):
    path = tmp_path / "sent.mbox"
    path.write_text(
        "From shop@seller.example Thu Dec  3 09:01:00 2026\n"
        + _sent(1, "Thank you for your order 113-1234567-1234561.\n")
        + "From shop@seller.example Thu Dec  3 09:02:00 2026\n"
        + _sent(2, "Your order 113-1234567-1234562 has shipped.\n")
    )
    status, out, err = cli("audit", path, "--no-store", "--format", "json", "--quiet")
    assert status == 0 and err == ""
    assert json.loads(out)["errors"][0]["level"] == "warning"
