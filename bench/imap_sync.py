"""Benchmark: IMAP sync of a big mailbox on a local Dovecot.

Starts a throwaway Dovecot on loopback (tests/dovecot.py), fills a mailbox
with N small realistic messages (80 % buyer messages in Sent, 20 % Amazon
notices in INBOX; written straight into the Maildir Dovecot serves, or
APPENDed with --append), lets Dovecot index them, then measures:

* the first sync: every message fetched through ``ImapConnector`` with
  checkpoints committed to a SQLite store every 500 messages, as the audit
  does;
* a re-sync with no new mail (must fetch no message);
* with --audit, the whole ``auditor audit imap:bench`` pipeline (parse,
  notices, rules, store) on a fresh store, and its no-change re-run.

Run from the repository root (as root it serves mail as ``nobody``)::

    python bench/imap_sync.py --messages 20000
    python bench/imap_sync.py --messages 20000 --append --audit --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.config import Config  # noqa: E402
from auditor.store import open_store  # noqa: E402
from connectors.imap import ImapConnector  # noqa: E402
from tests.dovecot import Dovecot, sample_message  # noqa: E402

PASSWORD_ENV = "AUDITOR_BENCH_PASSWORD"


def generate(count: int) -> dict[str, list[bytes]]:
    """``count`` messages: every fifth a notice (INBOX), the rest sent (Sent)."""
    folders: dict[str, list[bytes]] = {"Sent": [], "INBOX": []}
    for number in range(count):
        if number % 5 == 4:
            folders["INBOX"].append(sample_message(number, "notice", tag="bench"))
        else:
            folders["Sent"].append(sample_message(number, "sent", tag="bench"))
    return folders


def write_maildir(server: Dovecot, user: str, folders: dict[str, list[bytes]]) -> None:
    """Put the messages straight into the Maildir (Maildir++: Sent is ``.Sent``)."""
    base = server.maildir(user)
    stamp = int(time.time())
    for folder, messages in folders.items():
        directory = base if folder == "INBOX" else base / f".{folder}"
        for sub in ("cur", "new", "tmp"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        for path in (base, *(directory / s for s in ("", "cur", "new", "tmp"))):
            os.chown(path, server.mail_uid, server.mail_gid)
        for index, data in enumerate(messages):
            flags = "S" if index % 3 == 0 else ""
            name = f"{stamp}.M{index}P{os.getpid()}.bench,S={len(data)}:2,{flags}"
            path = directory / "cur" / name
            path.write_bytes(data)
            os.chown(path, server.mail_uid, server.mail_gid)


def config_for(server: Dovecot, user: str, batch_size: int) -> Config:
    return Config({"accounts": {"bench": {
        "type": "imap", "host": "127.0.0.1", "port": server.port, "security": "plain",
        "allow_plaintext": True, "username": user, "password_env": PASSWORD_ENV,
        "batch_size": batch_size,
    }}})


def sync(config: Config, store) -> dict[str, float]:
    """One sync, committing checkpoints every 500 messages like the Auditor."""
    started = time.perf_counter()
    count = size = 0
    checkpoints: dict[tuple[str, str], tuple[int, int, int | None]] = {}
    with ImapConnector("imap:bench", config=config, store=store) as imap:
        connected = time.perf_counter()
        for raw in imap.messages():
            count += 1
            size += len(raw.data)
            checkpoints[(raw.account, raw.folder)] = raw.checkpoint
            if count % 500 == 0:
                store.record([], None, checkpoints=checkpoints)
                checkpoints = {}
        store.record([], None, checkpoints=checkpoints)
        stats = imap.stats
    seconds = time.perf_counter() - started
    return {"messages": count, "bytes": size, "seconds": round(seconds, 3),
            "login_seconds": round(connected - started, 3),
            "messages_per_second": round(count / seconds, 1) if count else 0.0,
            "bodies_fetched": stats.bodies, "searches": stats.searches}


def audit(config: Config, store) -> dict[str, float]:
    from auditor.audit import Auditor

    started = time.perf_counter()
    result = Auditor(config, store).audit(["imap:bench"])
    seconds = time.perf_counter() - started
    return {"messages": result.messages, "findings": len(result.findings),
            "notices": len(result.notices), "seconds": round(seconds, 3),
            "messages_per_second": round(result.messages / seconds, 1) if result.messages
            else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=200, help="UIDs per FETCH")
    parser.add_argument("--append", action="store_true",
                        help="APPEND through IMAP instead of writing the Maildir")
    parser.add_argument("--audit", action="store_true",
                        help="also time the full audit pipeline")
    parser.add_argument("--json", help="write the results to this file too")
    args = parser.parse_args()

    results: dict[str, object] = {"command": " ".join([sys.executable, *sys.argv]),
                                  "messages": args.messages, "batch_size": args.batch_size}
    with Dovecot(tls=False) as server, tempfile.TemporaryDirectory() as tmp:
        user = server.new_user()
        os.environ[PASSWORD_ENV] = server.users[user]
        folders = generate(args.messages)
        results["mailbox_bytes"] = sum(len(m) for ms in folders.values() for m in ms)

        started = time.perf_counter()
        if args.append:
            for folder, messages in folders.items():
                server.append(user, folder, messages)
        else:
            write_maildir(server, user, folders)
        results["fill_seconds"] = round(time.perf_counter() - started, 3)

        started = time.perf_counter()  # Dovecot builds its index on first look
        with server.session(user) as client:
            for folder in folders:
                client.select_folder(folder, readonly=True)
        results["server_index_seconds"] = round(time.perf_counter() - started, 3)

        config = config_for(server, user, args.batch_size)
        store = open_store(f"sqlite:///{tmp}/sync.db")
        results["first_sync"] = sync(config, store)
        results["no_change_resync"] = sync(config, store)
        if args.audit:
            audit_store = open_store(f"sqlite:///{tmp}/audit.db")
            results["first_audit"] = audit(config, audit_store)
            results["no_change_reaudit"] = audit(config, audit_store)

    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
