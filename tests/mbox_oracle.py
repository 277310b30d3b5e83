"""Dovecot as the reference mbox reader: which messages does it see in a file?

:func:`dovecot_message_ids` copies an mbox file into a temporary directory
and asks ``doveadm fetch`` (no server, no network: doveadm opens the file
itself with an in-memory index) for the Message-ID of every message it
finds, in order. The copy is thrown away: Dovecot may add its own headers
to it. Used by tests/test_mbox_boundaries.py to check our reader splits
mbox files where Dovecot does.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"


def doveadm_missing() -> str | None:
    if not os.path.exists(DOVEADM):
        return "doveadm is not installed (apt-get install dovecot-core)"
    return None


def _mail_ids() -> tuple[int, int]:
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    try:
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except KeyError:
        return 65534, 65534


def dovecot_message_ids(mbox: Path) -> list[str]:
    """Message-IDs of the messages Dovecot finds in ``mbox``, in file order
    ("" for a message without one)."""
    uid, gid = _mail_ids()
    base = Path(tempfile.mkdtemp(prefix="auditor-mbox-", dir="/tmp"))
    try:
        for sub in ("mail", "run", "state"):
            (base / sub).mkdir()
        inbox = base / "inbox"
        shutil.copyfile(mbox, inbox)
        if os.geteuid() == 0:  # root: the mail is read as nobody
            for path in (base, base / "mail", base / "run", base / "state", inbox):
                os.chown(path, uid, gid)
        config = base / "dovecot.conf"
        config.write_text(
            f"ssl = no\nbase_dir = {base}/run\nstate_dir = {base}/state\n"
            f"log_path = {base}/dovecot.log\n"
            f"mail_location = mbox:{base}/mail:INBOX={inbox}:INDEX=MEMORY\n"
            "mbox_read_locks = fcntl\nmbox_write_locks = fcntl\n"
            f"mail_uid = {uid}\nmail_gid = {gid}\n"
            "first_valid_uid = 0\nfirst_valid_gid = 0\n"
        )
        env = {**os.environ, "USER": pwd.getpwuid(os.getuid()).pw_name, "HOME": str(base)}
        done = subprocess.run(
            [DOVEADM, "-c", str(config), "fetch", "hdr.message-id", "mailbox", "INBOX", "all"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"doveadm failed: {done.stderr.strip()}")
        return [
            line.split(":", 1)[1].strip()
            for line in done.stdout.splitlines()
            if line.startswith("hdr.message-id:")
        ]
    finally:
        shutil.rmtree(base, ignore_errors=True)
