"""The IMAP connector against a real Dovecot: folders, incremental and
read-only sync, resumption after a cut connection, UIDVALIDITY changes,
partial fetches of big messages, IDLE.

What is checked on the server side comes from Dovecot itself: flags read back
with a second client, and the commands the connector sent from Dovecot's
rawlog (``Account.commands()``).
"""

from __future__ import annotations

import email
import re
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from auditor.errors import ConnectionFailed, SourceError
from auditor.message.parse import parse_message
from connectors import imap as imap_module
from connectors.imap import ImapConnector
from connectors.imap import plan as imap_plan
from tests.dovecot import Dovecot, TcpProxy, sample_message
from tests.imap.conftest import Account

pytestmark = pytest.mark.dovecot


def corpus_ids(corpus: Path, prefix: str = "") -> list[str]:
    return sorted(
        email.message_from_bytes(p.read_bytes())["Message-ID"].strip()
        for p in corpus.glob(f"{prefix}*.eml")
    )


def uid_set(text: str) -> list[int]:
    uids: list[int] = []
    for piece in text.split(","):
        low, _, high = piece.partition(":")
        uids += range(int(low), int(high or low) + 1)
    return uids


def body_fetches(commands: list[str]) -> list[int]:
    """UIDs of every FETCH that asked for a message body (whole or by section),
    the Message-ID header probe aside."""
    uids: list[int] = []
    for command in commands:
        match = re.match(r"UID FETCH ([\d,:]+) \((.*)\)$", command)
        if match and re.search(r"BODY\.PEEK\[(\]|TEXT|\d)", match.group(2)):
            uids += uid_set(match.group(1))
    return uids


# -- folders ---------------------------------------------------------------------------
def test_first_sync_reads_sent_then_inbox_in_uid_order(corpus_account: Account, corpus: Path):
    with corpus_account.connector() as imap:
        assert imap.folders == ["Sent", "INBOX"]
        assert imap.roles == {"Sent": "sent", "INBOX": "inbox"}
        assert imap.pending() == 25  # for a determinate progress bar
        raws = list(imap.messages())
    assert [r.folder for r in raws] == ["Sent"] * 14 + ["INBOX"] * 11
    sent = raws[:14]
    assert [int(r.key) for r in sent] == list(range(1, 15))
    assert all(r.checkpoint[1] == int(r.key) for r in raws)
    assert len({r.checkpoint[0] for r in sent}) == 1
    assert raws[-1].checkpoint[2] is not None  # Dovecot has CONDSTORE: HIGHESTMODSEQ kept
    assert all(r.account == "test" and r.source == f"imap:test/{r.folder}" for r in raws)
    assert all(r.error is None for r in raws)
    for raw, path in zip(sent, sorted(corpus.glob("m*.eml")), strict=True):
        assert raw.data == path.read_bytes().replace(b"\r\n", b"\n")


def test_sent_found_by_special_use_flag_whatever_its_name(tmp_path: Path, monkeypatch):
    """A German server: the \\Sent folder is "Gesendete Objekte"; a folder
    merely *called* "Sent" is not it."""
    with Dovecot(
        sent_name="Gesendete Objekte", extra_mailboxes=("Sent", "Amazon"), tls=False
    ) as server:
        user = server.new_user()
        monkeypatch.setenv("AUDITOR_TEST_IMAP_PASSWORD", server.users[user])
        account = Account(server, user, tmp_path)
        with account.connector(notice_folders=["Amazon"]) as imap:
            assert imap.folders == ["Gesendete Objekte", "INBOX", "Amazon"]
            assert imap.roles["Amazon"] == "notices"
        with account.connector(sent_folder="Sent") as imap:  # the config wins
            assert imap.folders[0] == "Sent"
        with pytest.raises(SourceError, match=r"'Archive'.*does not exist"):
            account.connector(folders=["Archive"]).open()


def test_one_folder_source(corpus_account: Account):
    with corpus_account.connector(spec="imap:test/INBOX") as imap:
        assert imap.folders == ["INBOX"]
        assert len(list(imap.messages())) == 11


# -- incremental ---------------------------------------------------------------------------
def test_second_run_fetches_nothing_and_then_exactly_the_new(corpus_account: Account):
    account = corpus_account
    assert account.auditor().audit(["imap:test"]).messages == 25
    assert account.checkpoint("Sent")[1] == 14
    assert account.checkpoint("INBOX")[1] == 11

    account.server.clear_rawlog(account.user)
    assert account.auditor().audit(["imap:test"]).messages == 0
    commands = account.commands()
    assert [c.split()[0] for c in commands if c.split()[0] in ("EXAMINE", "SELECT")] == [
        "EXAMINE",
        "EXAMINE",
    ]
    assert not [c for c in commands if "FETCH" in c or "SEARCH" in c]  # not even a search

    new = [sample_message(n, "notice", tag="later") for n in range(3)]
    account.server.append(account.user, "INBOX", new)
    account.server.clear_rawlog(account.user)
    result = account.auditor().audit(["imap:test"])
    assert result.messages == 3
    assert body_fetches(account.commands()) == [12, 13, 14]
    assert account.checkpoint("INBOX")[1] == 14
    assert len(account.stored()) == 28


def test_flags_identical_before_and_after_and_nothing_written(corpus_account: Account):
    account = corpus_account
    before = account.server.flags(account.user)
    assert len(before) == 25
    assert any(not flags for flags in before.values())  # unseen mail: \Seen must stay off
    assert any(b"\\Seen" in flags for flags in before.values())
    # A low whole-fetch limit sends the message with an attachment down the partial path.
    result = account.auditor(account={"whole_fetch_limit": 700}).audit(["imap:test"])
    assert result.messages == 25
    assert account.server.flags(account.user) == before
    commands = account.commands()
    words = {c.split()[0] if not c.startswith("UID ") else c.split()[1] for c in commands}
    assert not words & {
        "SELECT",
        "STORE",
        "APPEND",
        "EXPUNGE",
        "COPY",
        "MOVE",
        "CREATE",
        "DELETE",
        "RENAME",
        "SUBSCRIBE",
        "CLOSE",
    }
    fetches = [c for c in commands if "FETCH" in c]
    assert any("BODY.PEEK[1.MIME]" in c for c in fetches)  # the partial path ran
    assert not [c for c in fetches if re.search(r"(?<!\.PEEK)\bBODY\[|RFC822(?!\.SIZE)", c)]


def test_search_in_uid_windows(corpus_account: Account, monkeypatch):
    monkeypatch.setattr(imap_plan, "SEARCH_WINDOW", 4)
    with corpus_account.connector() as imap:
        raws = list(imap.messages())
        assert len(raws) == 25
        assert imap.stats.searches == 4 + 3  # 14 UIDs in Sent, 11 in INBOX
        # "UID 15:*" answers the highest UID (14) even though 15 is beyond it:
        imap.session.select("Sent")
        assert imap.client.search(["UID", "15:*"]) == [14]
        assert imap_plan.search_new(imap.session, last=14, uidnext=None, stats=imap.stats) == []
        assert imap_plan.search_new(imap.session, last=10, uidnext=None, stats=imap.stats) == [
            11,
            12,
            13,
            14,
        ]


def test_fetch_batches_are_bounded(corpus_account: Account):
    corpus_account.auditor(account={"batch_size": 4}).audit(["imap:test"])
    fetches = [re.match(r"UID FETCH ([\d,:]+)", c) for c in corpus_account.commands()]
    sizes = [len(uid_set(m.group(1))) for m in fetches if m]
    assert sizes and max(sizes) <= 4


# -- UIDVALIDITY -----------------------------------------------------------------------------
def test_uidvalidity_change_rescans_and_deduplicates(corpus_account: Account, corpus: Path):
    account, server = corpus_account, corpus_account.server
    no_id = (
        b"From: Acme <sales@acme-home.example>\nTo: x1@marketplace.amazon.com\n"
        b"Subject: No Message-ID here\nDate: Tue, 03 Nov 2026 14:20:00 +0000\n\nHello\n"
    )
    server.append(account.user, "Sent", [no_id])
    assert account.auditor().audit(["imap:test"]).messages == 26
    old_validity = account.checkpoint("Sent")[0]

    # The folder is recreated (a restore, a migration): same mail, new UIDs, new UIDVALIDITY.
    with server.session(account.user) as client:
        client.delete_folder("Sent")
        client.create_folder("Sent")
    again = [p.read_bytes() for p in sorted(corpus.glob("m*.eml"))] + [no_id]
    new = [sample_message(n, tag="after-restore") for n in range(2)]
    server.append(account.user, "Sent", again[:7] + new[:1] + again[7:] + new[1:])
    server.clear_rawlog(account.user)

    result = account.auditor().audit(["imap:test"])
    assert result.messages == 2  # only the two new ones are audited
    validity, last, _modseq = account.checkpoint("Sent")
    assert validity != old_validity and last == 17
    stored = account.stored()
    assert len(stored) == 28
    assert len({mid for mid, _f, _k in stored if mid}) == 27
    # Known messages were recognised by their Message-ID without fetching their body;
    # the one without a Message-ID had to be fetched and hashed.
    assert sorted(body_fetches(account.commands())) == [8, 16, 17]

    server.clear_rawlog(account.user)
    assert account.auditor().audit(["imap:test"]).messages == 0
    assert not [c for c in account.commands() if "FETCH" in c]


def test_duplicates_only_still_advance_the_checkpoint(corpus_account: Account, corpus: Path):
    account, server = corpus_account, corpus_account.server
    account.auditor().audit(["imap:test"])
    with server.session(account.user) as client:
        client.create_folder("Copies")
    server.append(account.user, "Copies", [p.read_bytes() for p in sorted(corpus.glob("n*"))])
    result = account.auditor(account={"folders": ["Copies"]}).audit(["imap:test"])
    assert result.messages == 0
    assert account.checkpoint("Copies")[1] == 11  # saved although nothing was yielded


# -- cut connections -----------------------------------------------------------------------
def test_cut_connection_then_rerun_audits_each_message_once(corpus_account: Account, corpus: Path):
    account = corpus_account
    with TcpProxy(account.server.port) as proxy:
        settings = {"port": proxy.port, "batch_size": 4, "reconnect_attempts": 0}
        proxy.cut_after = 12_000  # bytes from the server: mid-sync
        with pytest.raises(ConnectionFailed, match=r"connection to .* lost while reading"):
            account.auditor(batch_size=5, account=settings).audit(["imap:test"])
        assert proxy.cuts == 1
        committed = len(account.stored())
        assert 0 < committed < 25
        second = account.auditor(batch_size=5, account=settings).audit(["imap:test"])
    assert second.messages == 25 - committed  # nothing read twice, nothing missed
    assert sorted(mid for mid, _f, _k in account.stored()) == corpus_ids(corpus)


def test_cut_connection_is_reopened_with_backoff(corpus_account: Account):
    with TcpProxy(corpus_account.server.port) as proxy:
        proxy.cut_after = 9_000
        with corpus_account.connector(port=proxy.port, batch_size=4, reconnect_attempts=2) as imap:
            raws = list(imap.messages())
        assert proxy.cuts == 1 and imap.stats.reconnects == 1
    keys = [(r.folder, r.key) for r in raws]
    assert len(keys) == len(set(keys)) == 25


def test_server_stopped_mid_sync_then_rerun(corpus_account: Account, corpus: Path):
    account, server = corpus_account, corpus_account.server
    audited = 0

    def progress(count: int) -> None:
        nonlocal audited
        audited += count
        if audited == 7:
            server.stop()

    try:
        with pytest.raises(ConnectionFailed, match=r"lost while|cannot connect"):
            account.auditor(
                batch_size=5, progress=progress, account={"batch_size": 4, "reconnect_attempts": 1}
            ).audit(["imap:test"])
    finally:
        server.start()
    committed = len(account.stored())
    assert committed == 5  # the first batch of five
    second = account.auditor(batch_size=5).audit(["imap:test"])
    assert second.messages == 25 - committed
    assert sorted(mid for mid, _f, _k in account.stored()) == corpus_ids(corpus)


# -- big messages --------------------------------------------------------------------------
def _big_message() -> bytes:
    """Text + HTML, a 300 kB PDF, and a forwarded Amazon notice (message/rfc822)
    that itself carries text, HTML and an image."""
    inner = EmailMessage()
    inner["From"] = "Amazon Services <seller-notification@amazon.com>"
    inner["To"] = "sales@acme-home.example"
    inner["Subject"] = "Your messaging permissions have been restricted"
    inner["Date"] = "Mon, 09 Nov 2026 08:12:00 +0000"
    inner["Message-ID"] = "<inner-notice@amazon.com>"
    inner.set_content("You are restricted from proactively messaging buyers for 30 days.")
    inner.add_alternative("<p>You are <b>restricted</b> for 30 days.</p>", subtype="html")
    inner.add_attachment(
        b"\x89PNG" + bytes(range(256)) * 200, maintype="image", subtype="png", filename="logo.png"
    )
    outer = EmailMessage()
    outer["From"] = "Acme Home Goods <sales@acme-home.example>"
    outer["To"] = "8k2v0xq1mz4rtb9@marketplace.amazon.com"
    outer["Subject"] = "Fwd: restriction, catalogue attached"
    outer["Date"] = "Tue, 10 Nov 2026 09:00:00 +0000"
    outer["Message-ID"] = "<big-one@acme-home.example>"
    outer.set_content("Hello, see the catalogue (order 113-4829104-7712093).")
    outer.add_alternative("<p>Hello, see the <i>catalogue</i>.</p>", subtype="html")
    outer.add_attachment(
        bytes(range(256)) * 1200,
        maintype="application",
        subtype="pdf",
        filename="Acme-Catalogue-2026.pdf",
    )
    outer.add_attachment(inner)
    return outer.as_bytes()


def _headers(message: EmailMessage, subject: str, number: int) -> EmailMessage:
    message["From"] = "Acme Home Goods <sales@acme-home.example>"
    message["To"] = "8k2v0xq1mz4rtb9@marketplace.amazon.com"
    message["Subject"] = subject
    message["Date"] = "Tue, 10 Nov 2026 09:00:00 +0000"
    message["Message-ID"] = f"<big-{number}@acme-home.example>"
    return message


def _forward_of_single_part() -> bytes:
    inner = EmailMessage()
    inner["From"] = "Amazon Services <seller-notification@amazon.com>"
    inner["Subject"] = "Restricted"
    inner.set_content("You are restricted for 30 days.")
    outer = _headers(EmailMessage(), "Fwd: restricted", 2)
    outer.set_content("See below.")
    outer.add_attachment(
        bytes(300_000), maintype="application", subtype="octet-stream", filename="blob.bin"
    )
    outer.add_attachment(inner)
    return outer.as_bytes()


def _attachment_only() -> bytes:
    message = _headers(EmailMessage(), "Invoice", 3)
    message.set_content(
        bytes(300_000),
        maintype="application",
        subtype="pdf",
        disposition="attachment",
        filename="invoice.pdf",
    )
    return message.as_bytes()


def _message_is_the_body() -> bytes:
    inner = EmailMessage()
    inner["Subject"] = "Inner"
    inner.set_content("Inner text.")
    inner.add_attachment(bytes(300_000), maintype="application", subtype="pdf", filename="y.pdf")
    message = _headers(EmailMessage(), "Root message/rfc822", 4)
    message.set_content(inner)
    return message.as_bytes()


@pytest.mark.parametrize(
    "build", [_big_message, _forward_of_single_part, _attachment_only, _message_is_the_body]
)
def test_big_message_leaves_attachment_bodies_on_the_server(account: Account, build):
    big = build()
    assert len(big) > 300_000
    account.server.append(account.user, "INBOX", [big])
    with account.connector(whole_fetch_limit=64 * 1024) as imap:
        (raw,) = list(imap.messages())
    assert imap.stats.partial == 1 and imap.stats.omitted_bytes > 300_000
    assert len(raw.data) < 10_000
    from_imap = parse_message(raw.data, "imap", "1")
    from_file = parse_message(big, "file", "1")
    assert from_imap.content_hash == from_file.content_hash
    assert from_imap.text == from_file.text
    assert from_imap.html == from_file.html
    assert from_imap.subject == from_file.subject
    assert not from_imap.defects
    imap_att = [(a.filename, a.content_type) for a in from_imap.attachments]
    file_att = [(a.filename, a.content_type) for a in from_file.attachments]
    assert imap_att == file_att and imap_att
    for got, want in zip(from_imap.attachments, from_file.attachments, strict=True):
        assert got.size == pytest.approx(want.size, rel=0.02)
    if build is _big_message:
        assert "30 days" in from_imap.text  # the forwarded notice's text came along
        assert imap_att == [
            ("Acme-Catalogue-2026.pdf", "application/pdf"),
            ("logo.png", "image/png"),
        ]


# -- one FETCH per batch -------------------------------------------------------------------
def _fetches(account: Account) -> list[str]:
    return [c for c in account.commands() if "FETCH" in c]


def _size(account: Account, folder: str, uid: int) -> int:
    """RFC822.SIZE as the server counts it (CRLF line ends)."""
    with account.server.session(account.user) as client:
        client.select_folder(folder, readonly=True)
        return client.fetch([uid], ["RFC822.SIZE"])[uid][b"RFC822.SIZE"]


def test_first_sync_is_one_fetch_per_batch(corpus_account: Account):
    """No Message-ID probe before the bodies when UIDVALIDITY has not changed:
    the first ``whole_fetch_limit`` bytes of every message of a batch in one FETCH."""
    with corpus_account.connector(batch_size=4) as imap:
        raws = list(imap.messages())
    assert len(raws) == 25 and imap.stats.bodies == 25 and imap.stats.partial == 0
    fetches = _fetches(corpus_account)
    assert len(fetches) == 4 + 3  # 14 UIDs in Sent, 11 in INBOX, none over the limit
    assert all(
        c.endswith(f"(BODY.PEEK[]<0.{imap_module.DEFAULT_WHOLE_FETCH_LIMIT}>)") for c in fetches
    ), fetches
    assert sorted(body_fetches(corpus_account.commands())) == sorted(
        list(range(1, 15)) + list(range(1, 12))
    )


def test_whole_fetch_limit_zero_reads_everything_by_section(corpus_account: Account, corpus: Path):
    """``whole_fetch_limit = 0`` (no partial FETCH of length 0 exists): sizes
    first, then every message by section, or whole when it has no attachment."""
    with corpus_account.connector(whole_fetch_limit=0) as imap:
        raws = list(imap.messages())
    assert len(raws) == 25 and all(r.error is None for r in raws)
    assert not [c for c in corpus_account.commands() if "<0." in c]
    for raw, path in zip(raws[:14], sorted(corpus.glob("m*.eml")), strict=True):
        original = path.read_bytes()
        got, want = parse_message(raw.data, "imap", "1"), parse_message(original, "file", "1")
        assert (got.message_id, got.text) == (want.message_id, want.text)


def _with_attachment() -> bytes:
    message = _headers(EmailMessage(), "Invoice attached", 5)
    message.set_content("Hello, your invoice for order 113-4829104-7712093 is attached.")
    message.add_attachment(
        bytes(range(256)) * 40, maintype="application", subtype="pdf", filename="invoice.pdf"
    )
    return message.as_bytes()


@pytest.mark.parametrize("attachment", [False, True], ids=["plain", "attachment"])
@pytest.mark.parametrize("delta", [1, 0, -1], ids=["under", "at", "over"])
def test_message_at_the_whole_fetch_limit(account: Account, attachment: bool, delta: int):
    """A message one byte under the limit, exactly at it, one byte over it:
    the first two are complete after the one FETCH; the third is read by
    section when it has an attachment, else fetched whole."""
    original = _with_attachment() if attachment else sample_message(1, "notice")
    account.server.append(account.user, "INBOX", [original])
    limit = _size(account, "INBOX", 1) + delta
    account.server.clear_rawlog(account.user)
    with account.connector(whole_fetch_limit=limit) as imap:
        (raw,) = list(imap.messages())
    fetches = _fetches(account)
    assert fetches[0] == f"UID FETCH 1 (BODY.PEEK[]<0.{limit}>)"
    assert imap.stats.bodies == 1 and imap.stats.duplicates == 0
    if delta > 0:
        assert len(fetches) == 1
    else:  # the answer filled the limit: is there more?
        assert re.search(
            r"UID FETCH 1 \((RFC822\.SIZE BODYSTRUCTURE|BODYSTRUCTURE "
            r"RFC822\.SIZE)\)",
            fetches[1],
        )
    if delta >= 0 or not attachment:
        assert raw.data == original.replace(b"\r\n", b"\n")
        assert imap.stats.partial == 0
        assert body_fetches(account.commands()) == ([1] if delta >= 0 else [1, 1])
    else:
        assert imap.stats.partial == 1 and imap.stats.omitted_bytes > 10_000
        assert any("BODY.PEEK[1]" in c for c in fetches)
        got, want = parse_message(raw.data, "imap", "1"), parse_message(original, "file", "1")
        assert (got.content_hash, got.text) == (want.content_hash, want.text)
        assert [(a.filename, a.content_type) for a in got.attachments] == [
            ("invoice.pdf", "application/pdf")
        ]
    assert "Message-ID" in raw.data.decode()


def test_copies_in_one_batch_and_across_folders_are_read_once(account: Account):
    """On the one-FETCH path duplicates are recognised after the fetch, by the
    Message-ID in the bytes received (or the content hash without one), and
    dropped as before: within a batch, across folders, and against the store."""
    server = account.server
    a, b, c = (sample_message(n, "notice", tag="copies") for n in range(3))
    no_id = (
        b"From: Amazon <seller-notification@amazon.com>\nTo: sales@acme-home.example\n"
        b"Subject: No Message-ID\nDate: Tue, 03 Nov 2026 14:20:00 +0000\n\nHello\n"
    )
    quoting = (
        b"From: Acme <sales@acme-home.example>\nTo: x@marketplace.amazon.com\n"
        b"Subject: Fwd\nMessage-ID: <quoting@acme-home.example>\n\n"
        b"Forwarded:\n" + a
    )  # carries a's Message-ID in its body, not its header
    server.append(account.user, "Sent", [c])
    server.append(account.user, "INBOX", [a, b, a, c, b, no_id, no_id, quoting])
    result = account.auditor().audit(["imap:test"])
    assert result.messages == 5  # c (Sent), a, b, no_id, quoting
    stored = account.stored()
    assert sorted(key for _mid, folder, key in stored if folder == "INBOX") == ["1", "2", "6", "8"]
    assert account.checkpoint("INBOX")[1] == 8
    assert "HEADER.FIELDS" not in " ".join(account.commands())

    # A new folder (no UIDVALIDITY change): copies of stored mail are skipped too.
    with server.session(account.user) as client:
        client.create_folder("Copies")
    d = sample_message(3, "notice", tag="copies")
    server.append(account.user, "Copies", [b, d, no_id, c])
    result = account.auditor(account={"folders": ["Copies"]}).audit(["imap:test"])
    assert result.messages == 1
    assert [key for _mid, folder, key in account.stored() if folder == "Copies"] == ["2"]
    assert account.checkpoint("Copies")[1] == 4


def test_a_folder_of_copies_switches_to_asking_for_message_ids_first(
    corpus_account: Account, corpus: Path
):
    """A folder that mostly holds copies (Gmail's All Mail): once a batch is
    mostly duplicates, the next ones ask for Message-IDs first and leave the
    known bodies on the server; when copies become rare, back to one FETCH."""
    account, server = corpus_account, corpus_account.server
    account.auditor().audit(["imap:test"])
    with server.session(account.user) as client:
        client.create_folder("All Mail")
    copies = [p.read_bytes() for p in sorted(corpus.glob("m*.eml"))[:8]]
    new = [sample_message(n, "notice", tag="all-mail") for n in range(6)]
    server.append(account.user, "All Mail", copies + new)  # UIDs 1-8 copies, 9-14 new
    server.clear_rawlog(account.user)
    result = account.auditor(account={"folders": ["All Mail"], "batch_size": 4}).audit(
        ["imap:test"]
    )
    assert result.messages == 6
    assert sorted(int(k) for _m, f, k in account.stored() if f == "All Mail") == list(range(9, 15))
    fetches = []
    for command in account.commands():
        match = re.match(r"UID FETCH ([\d,:]+) \((.*)\)$", command)
        if match:
            items = match.group(2)
            kind = (
                "partial"
                if "BODY.PEEK[]<0." in items
                else "ids"
                if "HEADER.FIELDS" in items
                else items
            )
            fetches.append((uid_set(match.group(1)), kind))
    assert fetches == [
        ([1, 2, 3, 4], "partial"),  # four copies: ask for Message-IDs first from now on
        ([5, 6, 7, 8], "ids"),
        ([9, 10, 11, 12], "ids"),
        ([9, 10, 11, 12], "BODY.PEEK[]"),  # the new ones' bodies only
        ([13, 14], "partial"),  # the last batch had no copies: one FETCH again
    ]
    assert sorted(body_fetches(account.commands())) == [1, 2, 3, 4, 9, 10, 11, 12, 13, 14]


# -- IDLE ------------------------------------------------------------------------------------
def _append_later(server: Dovecot, user: str, delay: float) -> threading.Thread:
    def append() -> None:
        time.sleep(delay)
        server.append(user, "INBOX", [sample_message(1, "notice", tag="idle")])

    thread = threading.Thread(target=append)
    thread.start()
    return thread


def test_wait_for_new_with_idle(account: Account):
    with account.connector() as imap:
        imap.idle_renew_seconds = 0.3
        started = time.monotonic()
        assert imap.wait_for_new(timeout=1.0) is False
        assert time.monotonic() - started >= 1.0
        imap.idle_renew_seconds = 25 * 60  # now only the server's push can wake it early
        thread = _append_later(account.server, account.user, 0.3)
        started = time.monotonic()
        assert imap.wait_for_new(timeout=20) is True
        assert time.monotonic() - started < 5
        thread.join()
        assert len(list(imap.messages())) == 1
    commands = account.commands()
    # Re-issued every 0.3 s during the first second, once for the second wait:
    assert commands.count("IDLE") >= 4 and commands.count("DONE") == commands.count("IDLE")


def test_wait_for_new_polls_without_idle(account: Account):
    with account.connector(idle=False) as imap:
        imap.poll_seconds = 0.1
        thread = _append_later(account.server, account.user, 0.3)
        assert imap.wait_for_new(timeout=20) is True
        thread.join()
    assert "IDLE" not in account.commands()


def test_wait_for_new_survives_a_cut_connection(account: Account):
    with TcpProxy(account.server.port) as proxy:
        with account.connector(port=proxy.port) as imap:

            def cut_and_append() -> None:
                time.sleep(0.3)
                proxy.cut()
                account.server.append(account.user, "INBOX", [sample_message(2, "notice")])

            thread = threading.Thread(target=cut_and_append)
            thread.start()
            assert imap.wait_for_new(timeout=20) is True  # arrived while reconnecting
            thread.join()
            assert imap.stats.reconnects == 1


def test_connector_declares_its_capabilities():
    assert ImapConnector.capabilities == {"read_only", "incremental", "idle"}
    assert ImapConnector.accepts("imap:shop") and not ImapConnector.accepts("imap:")
    assert not ImapConnector.accepts("mail/archive.mbox")


def test_checkpoint_passes_mail_expunged_at_the_end(account: Account):
    """UIDs 2 and 3 are expunged: the next run does not search for them again."""
    server = account.server
    server.append(account.user, "INBOX", [sample_message(n, "notice") for n in range(3)])
    with server.session(account.user) as client:  # the test's own client may write
        client.select_folder("INBOX")
        client.delete_messages([2, 3])
        client.expunge()
    assert account.auditor().audit(["imap:test"]).messages == 1
    assert account.checkpoint("INBOX")[1] == 3
    server.clear_rawlog(account.user)
    account.auditor().audit(["imap:test"])
    assert not [c for c in account.commands() if "SEARCH" in c or "FETCH" in c]
