"""Local connectors: mbox, Maildir, one .eml, a directory of .eml; never a write."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from auditor.errors import SourceError
from connectors import available, open_source
from connectors.base import Connector


def snapshot(root: Path) -> dict[str, tuple[str, float]]:
    """Every file's digest and mtime under ``root``: equal before and after means untouched."""
    result = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            result[str(path.relative_to(root))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                path.stat().st_mtime,
            )
        elif path.is_dir():
            result[str(path.relative_to(root)) + "/"] = ("dir", 0.0)
    return result


def make_mbox(corpus: Path, target: Path) -> int:
    count = 0
    with target.open("wb") as out:
        for eml in sorted(corpus.glob("*.eml")):
            data = eml.read_bytes().replace(b"\r\n", b"\n")
            data = b"\n".join(
                b">" + line if line.startswith(b"From ") else line for line in data.split(b"\n")
            )
            out.write(
                b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + data.rstrip(b"\n") + b"\n\n"
            )
            count += 1
    return count


def make_maildir(corpus: Path, target: Path) -> int:
    for sub in ("cur", "new", "tmp"):
        (target / sub).mkdir(parents=True)
    (target / ".Sent" / "cur").mkdir(parents=True)
    (target / ".Sent" / "new").mkdir()
    (target / ".Sent" / "tmp").mkdir()
    files = sorted(corpus.glob("*.eml"))
    for i, eml in enumerate(files):
        if eml.name.startswith("m"):
            shutil.copy(eml, target / ".Sent" / "cur" / f"{i}.host:2,S")
        else:
            shutil.copy(eml, target / "new" / f"{i}.host")
    return len(files)


def messages(spec: str):
    with open_source(spec) as source:
        return list(source.messages())


def test_registry_has_builtins_in_order():
    names = list(available())
    assert names[:1] == ["imap"] or "imap" not in names
    assert {"mbox", "maildir", "eml", "emldir"} <= set(names)
    assert all(issubclass(cls, Connector) for cls in available().values())


def test_mbox_reads_every_message_and_unescapes_from(corpus, tmp_path):
    mbox = tmp_path / "archive.mbox"
    count = make_mbox(corpus, mbox)
    before = snapshot(tmp_path)
    got = messages(str(mbox))
    assert len(got) == count
    assert [m.key for m in got] == [str(i) for i in range(1, count + 1)]
    assert all(m.data.startswith((b"From:", b"Authentication-Results:")) for m in got)
    assert snapshot(tmp_path) == before


def test_mbox_detected_without_suffix(corpus, tmp_path):
    mbox = tmp_path / "Sent"
    make_mbox(corpus, mbox)
    with open_source(str(mbox)) as source:
        assert source.name == "mbox"


def test_maildir_with_subfolders_is_not_modified(corpus, tmp_path):
    maildir = tmp_path / "Maildir"
    count = make_maildir(corpus, maildir)
    before = snapshot(tmp_path)
    got = messages(str(maildir))
    assert len(got) == count
    assert any(m.key.startswith("Sent/cur/") for m in got)
    assert any(m.key.startswith("new/") for m in got)
    assert snapshot(tmp_path) == before  # nothing moved from new/ to cur/, no flags


def test_eml_and_emldir(corpus):
    one = messages(str(corpus / "m01-review-request-ok-en.eml"))
    assert len(one) == 1 and one[0].key == "m01-review-request-ok-en.eml"
    many = messages(str(corpus))
    assert len(many) == len(list(corpus.glob("*.eml")))


def test_missing_and_unreadable_sources(tmp_path):
    with pytest.raises(SourceError, match="no such file or directory"):
        open_source(str(tmp_path / "nope.mbox"))
    with pytest.raises(SourceError, match="no connector handles 'pop3:'"):
        open_source("pop3:shop")
    locked = tmp_path / "locked.mbox"
    locked.write_bytes(b"From x\nSubject: a\n\nb\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(SourceError, match="permission denied"):
            with open_source(str(locked)):
                pass
    finally:
        locked.chmod(0o600)


def test_unreadable_message_file_is_an_error_entry(tmp_path):
    folder = tmp_path / "mails"
    folder.mkdir()
    (folder / "a.eml").write_bytes(b"From: a@b\nSubject: x\n\nhello\n")
    broken = folder / "b.eml"
    broken.symlink_to(folder / "missing.eml")
    got = messages(str(folder))
    ok = [m for m in got if not m.error]
    assert len(ok) == 1
    (bad,) = [m for m in got if m.error]
    assert bad.key == "b.eml" and "cannot read" in bad.error
