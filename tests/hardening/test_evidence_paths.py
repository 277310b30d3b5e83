"""``auditor timeline SRC --evidence DIR`` with hostile names: notices whose
attachments are called ``../../x``, ``/etc/passwd`` or ``CON``, source files
with odd names, and a DIR where someone planted symbolic and hard links to
files outside it. Nothing outside DIR may change: the whole parent tree is
snapshotted before and after."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

AUTH = (
    "Authentication-Results: mx.seller-mail.example; dkim=pass header.d=amazon.com; "
    "spf=pass smtp.mailfrom=amazon.com; dmarc=pass header.from=amazon.com\n"
)
RESTRICTION = (
    "Dear Seller,\n\nSome of the messages you recently sent were not delivered to customers.\n\n"
    "As a result, you are restricted from proactively initiating new email conversations "
    "with customers for 30 days.\n\nRegards,\nSeller Performance Team\nAmazon.com\n"
)
HOSTILE_NAMES = [
    "../../x",
    "/etc/passwd",
    "CON",
    "..\\..\\boot.ini",
    "a/../../b",
    "NUL",
    ".bashrc",
    "~/.ssh/authorized_keys",
]


def notice(number: int, day: int, subject: str) -> bytes:
    attachments = "".join(
        f'--n\nContent-Type: application/pdf; name="{name}"\n'
        f'Content-Disposition: attachment; filename="{name}"\n'
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
        for name in HOSTILE_NAMES
    )
    inner = "From: Amazon <seller-notification@amazon.com>\nSubject: ../../inner\n\ninner mail\n"
    return (
        f"{AUTH}From: Amazon Services <seller-notification@amazon.com>\n"
        "To: Acme Home Goods <sales@acme-home.example>\n"
        f"Subject: {subject}\nDate: Mon, {day:02d} Nov 2026 08:12:00 +0000\n"
        f"Message-ID: <../../evidence-{number}@amazon.com>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="n"\n\n'
        f"--n\nContent-Type: text/plain; charset=utf-8\n\n{RESTRICTION}\n"
        f"{attachments}"
        '--n\nContent-Type: message/rfc822; name="../../../escape.eml"\n'
        'Content-Disposition: attachment; filename="../../../escape.eml"\n\n'
        f"{inner}\n--n--\n"
    ).encode()


def snapshot(root: Path, skip: Path) -> dict[str, tuple]:
    """Every entry under ``root`` but ``skip`` (and what is inside it):
    kind, link target, size, mtime and content digest."""
    found: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path == skip or skip in path.parents:
                continue
            info = path.lstat()
            if path.is_symlink():
                found[str(path)] = ("link", os.readlink(path))
            elif path.is_file():
                found[str(path)] = (
                    "file",
                    info.st_size,
                    info.st_mtime_ns,
                    info.st_ino,
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                )
            else:
                found[str(path)] = ("dir", info.st_mode)
        dirnames[:] = [d for d in dirnames if (Path(dirpath) / d) != skip]
    return found


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "mail"
    src.mkdir()
    subjects = [
        "Your Amazon.com selling account: proactive messaging restricted",
        "../../../etc/cron.d/evil",
        "CON",
    ]
    names = ["CON.eml", "..eml", "-rf.eml", "$(touch pwned).eml"]
    for number, (name, subject) in enumerate(zip(names, subjects * 2, strict=False), 1):
        (src / name).write_bytes(notice(number, number + 1, subject))
    return src


def test_evidence_writes_nothing_outside_dir_despite_planted_links(source, tmp_path, cli):
    # First run into a scratch directory, to learn the file names evidence uses.
    scratch = tmp_path / "scratch"
    status, _out, err = cli("timeline", source, "--no-store", "--evidence", scratch)
    assert status == 0, err
    names = sorted(p.name for p in scratch.iterdir())
    assert "index.csv" in names and len(names) == 5, names  # four notices and the index
    assert all(
        n == "index.csv"
        or (n[:4].rstrip("_").isdigit() and n.endswith(".eml") and "/" not in n and ".." not in n)
        for n in names
    )

    # The real run: DIR holds a symbolic link and a hard link under every name
    # the evidence will use, each pointing at a file outside DIR.
    target = tmp_path / "case" / "evidence"
    target.mkdir(parents=True)
    victims = tmp_path / "victims"
    victims.mkdir()
    for number, name in enumerate(names):
        victim = victims / f"victim-{number}.txt"
        victim.write_text(f"do not touch {number}\n")
        if number % 2:
            os.symlink(victim, target / name)
        else:
            os.link(victim, target / name)
    os.symlink(victims, target / "planted-dir")
    before = snapshot(tmp_path, skip=target)

    status, out, err = cli("timeline", source, "--no-store", "--evidence", target)
    assert status == 0, err
    assert "Traceback" not in err + out
    assert snapshot(tmp_path, skip=target) == before  # nothing outside DIR changed
    for number in range(len(names)):
        assert (victims / f"victim-{number}.txt").read_text() == f"do not touch {number}\n"
    # inside DIR: the planted names now hold the evidence itself, as plain files
    for name in names:
        path = target / name
        assert path.is_file() and not path.is_symlink()
        assert path.stat().st_nlink == 1
        if name.endswith(".eml"):
            assert b"restricted from proactively" in path.read_bytes()
    assert (target / "index.csv").read_text().count("\n") == 5
    assert sorted(p.name for p in target.iterdir()) == sorted([*names, "planted-dir"])


def test_hostile_attachment_names_are_never_paths(source, tmp_path, cli):
    """Attachment names from the mail are data in the report, never paths:
    the evidence holds only the generated names, and nothing else appears."""
    import json

    target = tmp_path / "ev"
    before = snapshot(tmp_path, skip=target)
    status, out, err = cli(
        "timeline", source, "--no-store", "--format", "json", "--evidence", target
    )
    assert status == 0, err
    assert snapshot(tmp_path, skip=target) == before
    assert sorted(p.suffix for p in target.iterdir()) == [".csv", ".eml", ".eml", ".eml", ".eml"]
    assert "../../" not in "".join(p.name for p in target.iterdir())
    report = json.loads(out)
    assert report["schema"] == "auditor.timeline/1" and len(report["entries"]) == 4
