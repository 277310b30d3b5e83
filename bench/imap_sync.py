"""Benchmark: IMAP sync of a big mailbox on a local Dovecot.

Starts a throwaway Dovecot on loopback (tests/dovecot.py), fills a mailbox
with N messages of bench/generate.py (campaign mail in Sent, Amazon notices
and buyer replies in INBOX; with ``--mail sample`` the small messages of
tests/dovecot.py instead, 80 % in Sent and 20 % notices in INBOX), written
APPENDed over IMAP into Dovecot's own mdbox storage (the default), or with
``--storage maildir`` into a Maildir (written straight into its directories
unless --append), lets Dovecot index them, then measures:

* a bare batched fetch of the same folders with imapclient (EXAMINE,
  ``SEARCH ALL``, ``FETCH BODY.PEEK[]`` in batches of the same size): the
  floor, timed side by side with
* the first sync: every message fetched through ``ImapConnector`` with
  checkpoints committed to a SQLite store every 500 messages, as the audit
  does; the ratio bare time / sync time (target: >= 0.8);
* a re-sync with no new mail (must fetch no message);
* a re-sync after APPENDing 100 new messages, as a share of the first sync's
  time (target: <= 2 %), and the same step done bare (EXAMINE, ``UID SEARCH
  UID n:*``, FETCH) on another 100 new messages: the server's own floor. Its
  EXAMINEs are timed apart: on a Maildir, the first look at a folder after
  new mail makes Dovecot read the whole directory again (98,000 file names,
  0.3-0.5 s), whoever the client is -- more than 2 % of the first sync on
  its own, which is why the default storage is mdbox;
* with --audit, the whole ``auditor audit imap:bench`` pipeline (parse,
  notices, rules, store) on a fresh store, and its no-change re-run.

``--repeat K`` runs the bare fetch and the first sync (on a fresh store) K
times, alternating their order, and keeps each one's best; the ratio of each
round's pair and the client's CPU time (steadier on a shared machine; the
server's is not counted) are printed too. ``--profile FILE``
profiles one more first sync with pyinstrument.

Run from the repository root (as root it serves mail as ``nobody``)::

    python bench/imap_sync.py                       # 100,000 messages
    python bench/imap_sync.py --messages 20000
    python bench/imap_sync.py --messages 20000 --audit --json out.json
    python bench/imap_sync.py --storage maildir     # the Maildir floor
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))

import benchlib  # noqa: E402
from generate import generate as generate_mail  # noqa: E402
from generate import maildir_name  # noqa: E402
from imapclient import IMAPClient  # noqa: E402

from auditor.config import Config  # noqa: E402
from auditor.known import StoredMail  # noqa: E402
from auditor.store import open_store  # noqa: E402
from connectors.imap import ImapConnector  # noqa: E402
from tests.dovecot import Dovecot, sample_message  # noqa: E402

SYNC_TARGET = 0.8  # bare fetch time / first sync time, at least
RESYNC_TARGET = 2.0  # re-sync after 100 new messages, % of the first sync, at most

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


def bench_mail(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """(folder, bytes) for bench/generate.py's mailbox: campaign mail in Sent,
    notices and buyer replies in INBOX; streamed, never all in memory."""
    for mail in generate_mail(count, seed):
        yield ("Sent" if mail.kind == "sent" else "INBOX"), mail.data


def sample_mail(count: int) -> Iterator[tuple[str, bytes]]:
    for folder, messages in generate(count).items():
        for data in messages:
            yield folder, data


def write_maildir(
    server: Dovecot, user: str, mail: dict[str, list[bytes]] | Iterable[tuple[str, bytes]]
) -> dict[str, int]:
    """Put the messages straight into the Maildir (Maildir++: Sent is ``.Sent``),
    owned by the mail user, every third one \\Seen. Returns counts per folder."""
    if isinstance(mail, dict):
        mail = ((folder, data) for folder, messages in mail.items() for data in messages)
    base = server.maildir(user)
    ready: dict[str, Path] = {}
    counts: dict[str, int] = {}
    uid, gid = server.mail_uid, server.mail_gid
    for index, (folder, data) in enumerate(mail):
        target = ready.get(folder)
        if target is None:
            directory = base if folder == "INBOX" else base / f".{folder}"
            for sub in ("cur", "new", "tmp"):
                (directory / sub).mkdir(parents=True, exist_ok=True)
            for path in (base, *(directory / s for s in ("", "cur", "new", "tmp"))):
                os.chown(path, uid, gid)
            target = ready[folder] = directory / "cur"
        flags = "S" if index % 3 == 0 else ""
        path = target / maildir_name(index, 0, len(data), flags)
        path.write_bytes(data)
        os.chown(path, uid, gid)
        counts[folder] = counts.get(folder, 0) + 1
    return counts


def append(
    server: Dovecot, user: str, mail: Iterable[tuple[str, bytes]], chunk: int = 2000
) -> dict[str, int]:
    """APPEND the messages through IMAP, ``chunk`` at a time per folder."""
    pending: dict[str, list[bytes]] = {}
    counts: dict[str, int] = {}
    for folder, data in mail:
        pending.setdefault(folder, []).append(data)
        counts[folder] = counts.get(folder, 0) + 1
        if len(pending[folder]) >= chunk:
            server.append(user, folder, pending.pop(folder))
    for folder, messages in pending.items():
        server.append(user, folder, messages)
    return counts


def config_for(server: Dovecot, user: str, batch_size: int) -> Config:
    return Config(
        {
            "accounts": {
                "bench": {
                    "type": "imap",
                    "host": "127.0.0.1",
                    "port": server.port,
                    "security": "plain",
                    "allow_plaintext": True,
                    "username": user,
                    "password_env": PASSWORD_ENV,
                    "batch_size": batch_size,
                }
            }
        }
    )


def sync(config: Config, store) -> dict[str, float]:
    """One sync, committing checkpoints every 500 messages like the Auditor."""
    started, cpu = time.perf_counter(), time.process_time()
    count = size = 0
    checkpoints: dict[tuple[str, str], tuple[int, int, int | None]] = {}
    with ImapConnector("imap:bench", config=config, store=store, known=StoredMail(store)) as imap:
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
    return {
        "messages": count,
        "bytes": size,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "login_seconds": round(connected - started, 3),
        "messages_per_second": round(count / seconds, 1) if count else 0.0,
        "bodies_fetched": stats.bodies,
        "searches": stats.searches,
    }


def audit(config: Config, store) -> dict[str, float]:
    from auditor.audit import Auditor
    from auditor.pool import default_jobs

    started = time.perf_counter()
    # As ``auditor audit imap:bench``: --jobs defaults to the cores.
    result = Auditor(config, store, jobs=default_jobs()).audit(["imap:bench"])
    seconds = time.perf_counter() - started
    return {
        "messages": result.messages,
        "findings": len(result.findings),
        "notices": len(result.notices),
        "seconds": round(seconds, 3),
        "messages_per_second": round(result.messages / seconds, 1) if result.messages else 0.0,
    }


def bare_fetch(
    server: Dovecot, user: str, folders: Iterable[str], batch_size: int
) -> dict[str, float]:
    """The floor: log in, then per folder EXAMINE, SEARCH ALL and FETCH
    BODY.PEEK[] in batches of ``batch_size`` UIDs (imapclient, nothing else)."""
    started, cpu = time.perf_counter(), time.process_time()
    count = size = 0
    client = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=120)
    try:
        client.login(user, server.users[user])
        connected = time.perf_counter()
        for folder in folders:
            client.select_folder(folder, readonly=True)
            uids = [int(uid) for uid in client.search(["ALL"])]
            for start in range(0, len(uids), batch_size):
                answer = client.fetch(uids[start : start + batch_size], ["BODY.PEEK[]"])
                for data in answer.values():
                    count += 1
                    size += len(data[b"BODY[]"])
    finally:
        client.logout()
    seconds = time.perf_counter() - started
    return {
        "messages": count,
        "bytes": size,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "login_seconds": round(connected - started, 3),
        "messages_per_second": benchlib.rate(count, seconds),
    }


def highest_uids(server: Dovecot, user: str, folders: Iterable[str]) -> dict[str, int]:
    with server.session(user) as client:
        highest = {}
        for folder in folders:
            client.select_folder(folder, readonly=True)
            highest[folder] = max(client.search(["ALL"]) or [0])
        return highest


def bare_resync(
    server: Dovecot, user: str, last: dict[str, int], batch_size: int
) -> dict[str, float]:
    """The floor of an incremental re-sync: log in, then per folder EXAMINE,
    ``UID SEARCH UID last+1:*`` and FETCH BODY.PEEK[] of what is new."""
    started = time.perf_counter()
    count = size = 0
    examine = 0.0
    client = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=120)
    try:
        client.login(user, server.users[user])
        for folder, highest in last.items():
            before = time.perf_counter()
            client.select_folder(folder, readonly=True)
            examine += time.perf_counter() - before
            uids = [uid for uid in client.search(["UID", f"{highest + 1}:*"]) if uid > highest]
            for start in range(0, len(uids), batch_size):
                answer = client.fetch(uids[start : start + batch_size], ["BODY.PEEK[]"])
                for data in answer.values():
                    count += 1
                    size += len(data[b"BODY[]"])
    finally:
        client.logout()
    seconds = time.perf_counter() - started
    return {
        "messages": count,
        "bytes": size,
        "seconds": round(seconds, 3),
        "examine_seconds": round(examine, 3),
        "messages_per_second": benchlib.rate(count, seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7, help="bench/generate.py's seed")
    parser.add_argument(
        "--mail",
        choices=("generate", "sample"),
        default="generate",
        help="bench/generate.py's mailbox, or tests/dovecot.py's small samples",
    )
    parser.add_argument("--batch-size", type=int, default=200, help="UIDs per FETCH")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="bare fetches and first syncs; the best of each is kept",
    )
    parser.add_argument(
        "--new", type=int, default=100, help="messages APPENDed before the incremental re-sync"
    )
    parser.add_argument(
        "--storage",
        choices=("mdbox", "maildir"),
        default="mdbox",
        help="Dovecot's mail storage (mdbox: always filled by APPEND)",
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="with --storage maildir: APPEND instead of writing the Maildir",
    )
    parser.add_argument("--audit", action="store_true", help="also time the full audit pipeline")
    parser.add_argument(
        "--profile", type=Path, help="profile one more first sync (fresh store) with pyinstrument"
    )
    parser.add_argument("--json", help="write the results to this file too")
    parser.add_argument(
        "--server-setting",
        action="append",
        default=[],
        metavar="LINE",
        help="an extra dovecot.conf line for the bench's server (repeatable)",
    )
    args = parser.parse_args()
    if args.profile and importlib.util.find_spec("pyinstrument") is None:
        parser.error("--profile needs pyinstrument: pip install pyinstrument")

    info = benchlib.machine()
    results: dict[str, object] = {
        "command": " ".join([sys.executable, *sys.argv]),
        "messages": args.messages,
        "batch_size": args.batch_size,
        "mail": args.mail,
        "machine": info,
    }
    storage = ("mail_location = mdbox:~/mdbox",) if args.storage == "mdbox" else ()
    settings = tuple(line for line in (*storage, *args.server_setting) if line)
    results["storage"] = args.storage
    results["server_settings"] = list(settings)
    with Dovecot(tls=False, settings=settings) as server, tempfile.TemporaryDirectory() as tmp:
        user = server.new_user()
        os.environ[PASSWORD_ENV] = server.users[user]
        mail = (
            bench_mail(args.messages, args.seed)
            if args.mail == "generate"
            else sample_mail(args.messages)
        )
        size = 0

        def counted(items: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
            nonlocal size
            for folder, data in items:
                size += len(data)
                yield folder, data

        started = time.perf_counter()
        if args.append or args.storage == "mdbox":
            counts = append(server, user, counted(mail))
        else:
            counts = write_maildir(server, user, counted(mail))
        results["fill_seconds"] = round(time.perf_counter() - started, 3)
        results["mailbox_bytes"] = size
        results["folders"] = counts
        print(
            f"filled {sum(counts.values())} messages ({size / 2**20:.1f} MiB; {counts}) "
            f"in {results['fill_seconds']:.1f} s",
            flush=True,
        )

        started = time.perf_counter()  # Dovecot builds its index on first look
        with server.session(user) as client:
            for folder in counts:
                client.select_folder(folder, readonly=True)
        results["server_index_seconds"] = round(time.perf_counter() - started, 3)

        config = config_for(server, user, args.batch_size)
        bares: list[dict[str, float]] = []
        firsts: list[tuple[dict[str, float], object]] = []
        for repeat in range(max(1, args.repeat)):
            for step in ("bare", "sync") if repeat % 2 == 0 else ("sync", "bare"):
                if step == "bare":
                    bares.append(bare_fetch(server, user, list(counts), args.batch_size))
                    figure = bares[-1]
                else:
                    store = open_store(f"sqlite:///{tmp}/sync{repeat}.db")
                    firsts.append((sync(config, store), store))
                    figure = firsts[-1][0]
                print(
                    f"  run {repeat + 1} {step}: {figure['messages']} messages in "
                    f"{figure['seconds']:.2f} s ({figure['messages_per_second']:.0f}/s)",
                    flush=True,
                )
        bare = min(bares, key=lambda r: r["seconds"])
        first, store = min(firsts, key=lambda r: r[0]["seconds"])
        if len(bares) > 1:
            bare["all_seconds"] = [r["seconds"] for r in bares]
            first["all_seconds"] = [r[0]["seconds"] for r in firsts]
        # Client CPU (this process; Dovecot's is not counted) is steadier than
        # wall-clock time on a shared machine: the best of each, for reference.
        cpu_bare = min(r["cpu_seconds"] for r in bares)
        cpu_first = min(r[0]["cpu_seconds"] for r in firsts)
        results["client_cpu_ratio"] = round(cpu_bare / cpu_first, 4) if cpu_first else 0.0
        results["bare_fetch"] = bare
        results["first_sync"] = first
        results["no_change_resync"] = sync(config, store)

        new = (
            bench_mail(args.new, args.seed + 1000)
            if args.mail == "generate"
            else ((f, d.replace(b"<bench-", b"<bench-new-")) for f, d in sample_mail(args.new))
        )
        append(server, user, new)
        results["resync_after_new"] = sync(config, store)
        results["new_messages"] = args.new
        # The same step without the connector, on another batch of new mail.
        last = highest_uids(server, user, counts)
        more = (
            bench_mail(args.new, args.seed + 2000)
            if args.mail == "generate"
            else ((f, d.replace(b"<bench-", b"<bench-more-")) for f, d in sample_mail(args.new))
        )
        append(server, user, more)
        results["bare_resync_after_new"] = bare_resync(server, user, last, args.batch_size)
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
            sync(config, open_store(f"sqlite:///{tmp}/profile.db"))
            profiler.stop()
            args.profile.parent.mkdir(parents=True, exist_ok=True)
            args.profile.write_text(profiler.output_text(unicode=True, color=False))
            print(f"wrote profile {args.profile}")
        if args.audit:
            audit_store = open_store(f"sqlite:///{tmp}/audit.db")
            results["first_audit"] = audit(config, audit_store)
            results["no_change_reaudit"] = audit(config, audit_store)

    ratio = bare["seconds"] / first["seconds"] if first["seconds"] else 0.0
    share = 100 * results["resync_after_new"]["seconds"] / first["seconds"]
    results["ratio"] = round(ratio, 4)
    results["resync_percent"] = round(share, 3)
    results["bare_resync_percent_of_bare_fetch"] = round(
        100 * results["bare_resync_after_new"]["seconds"] / bare["seconds"], 3
    )
    print(json.dumps({k: v for k, v in results.items() if k != "machine"}, indent=2))
    print()
    print(f"{'':32}{'messages':>9}{'seconds':>9}{'msg/s':>9}")
    rows = [
        ("bare imapclient fetch", bare),
        ("first sync (ImapConnector)", first),
        ("re-sync, no change", results["no_change_resync"]),
        (f"re-sync after {args.new} new", results["resync_after_new"]),
        (f"bare re-sync after {args.new} new", results["bare_resync_after_new"]),
    ]
    for label, row in rows:
        print(
            f"{label:32}{row['messages']:>9}{row['seconds']:>9.2f}"
            f"{row['messages_per_second']:>9.0f}"
        )
    sync_line, sync_met = benchlib.ratio_line("sync/bare", ratio, SYNC_TARGET)
    resync_line, resync_met = benchlib.ratio_line(
        f"re-sync after {args.new} new/first sync", share, RESYNC_TARGET, at_most=True, unit=" %"
    )
    print(sync_line)
    pairs = [
        round(b["seconds"] / f[0]["seconds"], 2)
        for b, f in zip(bares, firsts, strict=True)
        if f[0]["seconds"]
    ]
    print(
        f"(pairs in the same round: {', '.join(map(str, pairs))}; client CPU: bare "
        f"{cpu_bare:.2f} s, sync {cpu_first:.2f} s, ratio {results['client_cpu_ratio']:.3f})"
    )
    print(resync_line)
    floor = results["bare_resync_after_new"]
    print(
        f"(bare re-sync after {args.new} new: "
        f"{results['bare_resync_percent_of_bare_fetch']:.3f} % of the bare full fetch; "
        f"its EXAMINEs alone {floor['examine_seconds']:.3f} s = "
        f"{100 * floor['examine_seconds'] / first['seconds']:.2f} % of the first sync)"
    )
    results["target"] = {
        "ratio_at_least": SYNC_TARGET,
        "sync_met": sync_met,
        "resync_percent_at_most": RESYNC_TARGET,
        "resync_met": resync_met,
        "met": sync_met and resync_met,
    }
    print(f"storage: {args.storage}; server settings: {'; '.join(settings) or 'Dovecot defaults'}")
    print(benchlib.machine_line(info))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
