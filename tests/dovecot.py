"""A throwaway Dovecot IMAP server for tests: real protocol, loopback only.

:class:`Dovecot` writes a minimal configuration into a temporary directory
(passwd-file users, Maildir, a ``Sent`` mailbox flagged ``\\Sent``, plain
IMAP and IMAP over TLS with a self-signed certificate, ``rawlog_dir`` so a
test can read every command a client sent), starts ``dovecot -F`` on free
loopback ports and stops it (that process only) afterwards::

    with Dovecot() as server:
        server.add_user("shop", "pw")
        server.load_corpus("shop", "tests/corpus")
        ...

Root or not: as root (CI) mail is owned by ``nobody`` (``mail_uid``), logins
run as ``dovenull`` and internal services as ``dovecot`` (users the Debian
package creates; ``nobody`` stands in for a missing one); as an ordinary user
everything runs as that user with chroots off.

:func:`dovecot_missing` says why tests must skip (no ``dovecot`` binary);
the pytest fixtures at the end (``dovecot_server``, ``imap_user``) are
imported by ``tests/imap/conftest.py`` and can be by any later test module.
"""

from __future__ import annotations

import contextlib
import grp
import itertools
import os
import pwd
import selectors
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from imapclient import IMAPClient

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
OPENSSL = shutil.which("openssl")
SENT = "Sent"


def dovecot_missing() -> str | None:
    """Why a Dovecot cannot be started here, or None when it can."""
    if not os.path.exists(DOVECOT):
        return "dovecot is not installed (apt-get install dovecot-imapd)"
    if not os.path.exists("/usr/lib/dovecot/imap") and not shutil.which("doveconf"):
        return "dovecot-imapd is not installed (apt-get install dovecot-imapd)"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _user_or(name: str, fallback: str) -> str:
    try:
        pwd.getpwnam(name)
        return name
    except KeyError:
        return fallback


def _temp_parent() -> str:
    """A temporary directory every user can traverse (the mail user must reach
    its Maildir): $TMPDIR when it is, else /tmp."""
    parent = Path(tempfile.gettempdir()).resolve()
    for path in (parent, *parent.parents):
        if not os.stat(path).st_mode & 0o001:
            return "/tmp"
    return str(parent)


def make_certificate(directory: Path, host: str = "localhost") -> tuple[Path, Path]:
    """A self-signed certificate for ``localhost`` and 127.0.0.1 (cert, key)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    if OPENSSL is None:
        raise RuntimeError("openssl is needed to make a test certificate")
    subprocess.run(
        [
            OPENSSL,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=DNS:{host},IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


_COMMANDS = frozenset(
    "CAPABILITY NOOP LOGOUT STARTTLS AUTHENTICATE LOGIN SELECT EXAMINE CREATE DELETE RENAME "
    "SUBSCRIBE UNSUBSCRIBE LIST LSUB STATUS APPEND CHECK CLOSE EXPUNGE SEARCH FETCH STORE "
    "COPY MOVE UID IDLE ENABLE ID NAMESPACE UNSELECT GETQUOTAROOT".split()
)


class Dovecot:
    """One Dovecot instance in its own temporary directory.

    ``sent_name`` is the name of the mailbox flagged ``\\Sent`` (to test
    discovery of localised names); ``pool`` logins are written before the
    start (:meth:`new_user`); ``tls`` adds an implicit-TLS listener
    (``tls_port``) and STARTTLS on the plain one, with a self-signed
    certificate (``cert``) no client trusts by default.
    """

    def __init__(
        self,
        sent_name: str = SENT,
        tls: bool = True,
        extra_mailboxes: tuple[str, ...] = (),
        pool: int = 200,
        settings: tuple[str, ...] = (),
    ) -> None:
        reason = dovecot_missing()
        if reason:
            raise RuntimeError(reason)
        self.sent_name = sent_name
        self.tls = tls and OPENSSL is not None
        self.extra_mailboxes = extra_mailboxes
        self.settings = settings  #: extra dovecot.conf lines
        self.root = Path(tempfile.mkdtemp(prefix="auditor-dovecot-", dir=_temp_parent()))
        self.root.chmod(0o755)  # the mail user must reach mail/ and rawlog/
        self.port = 0
        self.tls_port = 0
        self.cert: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.users: dict[str, str] = {}
        self._pool = {f"user{n}": f"pw-user{n}-S3cr3t.value" for n in range(pool, 0, -1)}
        if os.geteuid() == 0:
            mail_user = _user_or("nobody", "root")
            self.login_user = _user_or("dovenull", mail_user)
            self.internal_user = _user_or("dovecot", mail_user)
        else:
            mail_user = pwd.getpwuid(os.geteuid()).pw_name
            self.login_user = self.internal_user = mail_user
        entry = pwd.getpwnam(mail_user)
        self.mail_uid, self.mail_gid = entry.pw_uid, entry.pw_gid
        for sub in ("run", "state", "mail", "rawlog"):
            (self.root / sub).mkdir()
        for sub in ("mail", "rawlog"):
            os.chown(self.root / sub, self.mail_uid, self.mail_gid)
        self._write_passwd()
        if self.tls:
            self.cert, self.key = make_certificate(self.root)

    # -- configuration -------------------------------------------------------------
    @property
    def config_path(self) -> Path:
        return self.root / "dovecot.conf"

    def _config(self) -> str:
        root = self.root
        internal_group = grp.getgrgid(pwd.getpwnam(self.internal_user).pw_gid).gr_name
        lines = [
            f"base_dir = {root}/run",
            f"state_dir = {root}/state",
            f"instance_name = auditor-test-{self.port}",
            "listen = 127.0.0.1",
            "protocols = imap",
            f"log_path = {root}/dovecot.log",
            f"default_login_user = {self.login_user}",
            f"default_internal_user = {self.internal_user}",
            f"default_internal_group = {internal_group}",
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain login xoauth2 oauthbearer",
            "auth_failure_delay = 0",
            "mail_max_userip_connections = 100",
            f"mail_location = maildir:{root}/mail/%u",
            f"mail_uid = {self.mail_uid}",
            f"mail_gid = {self.mail_gid}",
            "first_valid_uid = 0",
            "first_valid_gid = 0",
            f"rawlog_dir = {root}/rawlog/%u",
            "passdb {",
            "  driver = passwd-file",
            f"  args = scheme=PLAIN username_format=%u {root}/passwd",
            "}",
            "userdb {",
            "  driver = static",
            f"  args = uid={self.mail_uid} gid={self.mail_gid} home={root}/mail/%u",
            "}",
            "namespace inbox {",
            "  inbox = yes",
            "  separator = /",
            f'  mailbox "{self.sent_name}" {{',
            "    special_use = \\Sent",
            "    auto = subscribe",
            "  }",
            *itertools.chain.from_iterable(
                (f'  mailbox "{name}" {{', "    auto = subscribe", "  }")
                for name in self.extra_mailboxes
            ),
            "}",
            "service imap-login {",
            "  inet_listener imap {",
            "    address = 127.0.0.1",
            f"    port = {self.port}",
            "  }",
            "  inet_listener imaps {",
            "    address = 127.0.0.1",
            f"    port = {self.tls_port}",
            "  }",
        ]
        if os.geteuid() != 0:
            lines.append("  chroot =")
        lines.append("}")
        # The anvil auth penalty would slow every failed-login test by seconds.
        lines += ["service anvil {", "  unix_listener anvil-auth-penalty {", "    mode = 0", "  }"]
        if os.geteuid() != 0:
            lines.append("  chroot =")  # chroot needs root
        lines.append("}")
        if self.tls:
            lines += ["ssl = yes", f"ssl_cert = <{self.cert}", f"ssl_key = <{self.key}"]
        else:
            lines += ["ssl = no"]
        lines += self.settings
        return "\n".join(lines) + "\n"

    # -- life cycle -------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> Dovecot:
        """Start (or restart, on the same ports) and wait until it answers."""
        if self.process is not None:
            return self
        if not self.port:
            self.port = free_port()
            self.tls_port = free_port() if self.tls else 0
        self.config_path.write_text(self._config())
        # Its own process group, so stop() can end the whole instance: on SIGTERM
        # the master leaves running imap sessions behind.
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stderr = self.process.stderr
                err = stderr.read().decode(errors="replace") if stderr else ""
                self.process = None
                raise RuntimeError(f"dovecot exited at start: {err.strip()} {self.log()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.settimeout(2)
                    if sock.recv(64).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()[-2000:]}")

    def stop(self) -> None:
        """Stop this instance: the master we started and every process of its
        process group (open IMAP sessions are cut, as when a server goes down)."""
        process, self.process = self.process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the children, until none is left
            try:
                os.killpg(
                    process.pid,
                    signal.SIGKILL if time.monotonic() > deadline - 4 else signal.SIGTERM,
                )
            except ProcessLookupError:
                break
            time.sleep(0.05)
        if process.stderr:
            process.stderr.close()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    def log(self) -> str:
        try:
            return (self.root / "dovecot.log").read_text(errors="replace")
        except OSError:
            return ""

    # -- users and mail ----------------------------------------------------------------
    def add_user(self, user: str, password: str) -> None:
        """Add a login. Dovecot re-reads the passwd-file at most once a second,
        so on a running server this waits until the login works; tests take
        ready-made users from :meth:`new_user` instead."""
        self.users[user] = password
        self._write_passwd()
        if self.process is None:
            return
        deadline = time.monotonic() + 5
        while True:
            try:
                self.client(user).logout()
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _write_passwd(self) -> None:
        lines = [f"{u}:{{PLAIN}}{p}::::::" for u, p in {**self.users, **self._pool}.items()]
        path = self.root / "passwd"
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n")
        os.replace(tmp, path)

    def new_user(self) -> str:
        """A login no test has used, from a pool written before the start
        (its password is ``self.users[user]``; its mailbox is created empty at
        first login)."""
        if not self._pool:
            user = f"late{len(self.users)}"
            self.add_user(user, f"pw-{user}-S3cr3t.value")
            return user
        user, password = self._pool.popitem()
        self.users[user] = password
        return user

    def maildir(self, user: str) -> Path:
        return self.root / "mail" / user

    def client(self, user: str) -> IMAPClient:
        """A logged-in client of the plain listener (close it with logout())."""
        client = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=30)
        client.login(user, self.users[user])
        return client

    @contextlib.contextmanager
    def session(self, user: str) -> Iterator[IMAPClient]:
        client = self.client(user)
        try:
            yield client
        finally:
            with contextlib.suppress(Exception):
                client.logout()

    def append(
        self, user: str, folder: str, messages: list[bytes], flags: tuple[bytes, ...] = ()
    ) -> None:
        """APPEND ``messages`` to ``folder`` (MULTIAPPEND in chunks when offered)."""
        with self.session(user) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            if client.has_capability("MULTIAPPEND"):
                for start in range(0, len(messages), 500):
                    client.multiappend(
                        folder, [{"msg": m, "flags": flags} for m in messages[start : start + 500]]
                    )
            else:
                for message in messages:
                    client.append(folder, message, flags=flags)

    def load_corpus(self, user: str, corpus: str | os.PathLike[str]) -> dict[str, list[str]]:
        """APPEND the corpus: sent buyer messages (``m*.eml``) to the Sent
        folder, notices (``n*.eml``) to INBOX, each in file-name order. Every
        third message is appended ``\\Seen``, every fifth ``\\Flagged``, so a
        sync that changed flags would show. Returns the files per folder."""
        files: dict[str, list[str]] = {self.sent_name: [], "INBOX": []}
        with self.session(user) as client:
            for index, path in enumerate(sorted(Path(corpus).glob("*.eml"))):
                folder = self.sent_name if path.name.startswith("m") else "INBOX"
                flags = tuple(
                    flag
                    for flag, every in ((b"\\Seen", 3), (b"\\Flagged", 5))
                    if index % every == 0
                )
                client.append(folder, path.read_bytes(), flags=flags)
                files[folder].append(path.name)
        return files

    def flags(self, user: str) -> dict[tuple[str, int], tuple[bytes, ...]]:
        """Every message's flags, per (folder, UID), read with EXAMINE."""
        result: dict[tuple[str, int], tuple[bytes, ...]] = {}
        with self.session(user) as client:
            for _flags, _delim, folder in client.list_folders():
                client.select_folder(folder, readonly=True)
                uids = client.search(["ALL"])
                for uid, data in client.fetch(uids, ["FLAGS"]).items() if uids else ():
                    result[(folder, uid)] = tuple(
                        sorted(f for f in data[b"FLAGS"] if f != b"\\Recent")
                    )
        return result

    def rawlog(self, user: str, settle: float = 3.0) -> str:
        """Every command any client sent as ``user`` (the ``*.in`` rawlogs
        Dovecot writes per session), once each session has logged out or
        ``settle`` seconds have passed (the imap process writes them as it goes)."""
        directory = self.root / "rawlog" / user
        deadline = time.monotonic() + settle
        while True:
            files = sorted(directory.glob("*.in")) if directory.is_dir() else []
            texts = [p.read_text(errors="replace") for p in files]
            if all("LOGOUT" in t.rstrip().rsplit("\n", 1)[-1].upper() for t in texts) or (
                time.monotonic() > deadline
            ):
                return "".join(texts)
            time.sleep(0.05)

    def commands(self, user: str) -> list[str]:
        """The IMAP commands of the rawlogs, tag and timestamp removed, upper
        case, literal data (APPENDed mail) left out."""
        found = []
        for line in self.rawlog(user).splitlines():
            parts = line.split(" ", 2)
            if len(parts) == 2 and parts[1].strip().upper() == "DONE":  # ends an IDLE
                found.append("DONE")
            elif len(parts) == 3 and parts[1].isalnum() and parts[2][:1].isalpha():
                word = parts[2].split(" ", 1)[0].upper()
                if word in _COMMANDS:
                    found.append(parts[2].upper())
        return found

    def clear_rawlog(self, user: str) -> None:
        directory = self.root / "rawlog" / user
        for path in directory.glob("*") if directory.is_dir() else ():
            path.unlink()

    def enable_rawlog(self, user: str) -> None:
        """Rawlogs are written only when the user's directory exists."""
        directory = self.root / "rawlog" / user
        directory.mkdir(exist_ok=True)
        os.chown(directory, self.mail_uid, self.mail_gid)


_PRODUCTS = (
    "Bamboo Cutting Board Set",
    "Linen Tea Towels (4)",
    "Cast Iron Skillet 26 cm",
    "Beeswax Food Wraps",
    "Olive Wood Spoon",
    "Ceramic Butter Dish",
)
_SENT_BODIES = (
    "Thank you for your order {order} of the {product}.\n\nIf you have a moment, we would "
    "appreciate your honest review of the product on Amazon.\n\nAcme Home Goods",
    "Your {product} (order {order}) has shipped today. Tracking is in your Amazon account.\n\n"
    "Acme Home Goods",
    "We are sorry your {product} arrived damaged. A replacement for order {order} is on its "
    "way.\n\nAcme Home Goods",
)
_NOTICES = (
    (
        "Message not delivered: order {order}",
        "Your message regarding order {order} was not delivered.\n\nThis message was not sent as "
        "it did not meet the Buyer-Seller Messaging communication guidelines.",
    ),
    (
        "Buyer opted out of messages",
        "Your message to a buyer was not delivered.\n\nThe buyer opted out from receiving this "
        "message. Order ID: {order}\n\nAmazon Services",
    ),
)


def sample_message(number: int, kind: str = "sent", tag: str = "sample") -> bytes:
    """A small, realistic message, unique per ``number``: a buyer message the
    seller sent through the Amazon relay (``kind="sent"``; every fourth one
    with an HTML alternative) or an Amazon notice (``"notice"``)."""
    order = (
        f"{111 + number % 800:03d}-{1000000 + number * 7919 % 9000000:07d}-"
        f"{1000000 + number * 104729 % 9000000:07d}"
    )
    day = 1 + number % 28
    date = f"Tue, {day:02d} Oct 2026 {number % 24:02d}:{number % 60:02d}:00 +0000"
    if kind == "notice":
        subject, text = _NOTICES[number % len(_NOTICES)]
        head = (
            "Authentication-Results: mx.seller-mail.example; dkim=pass header.d=amazon.com\n"
            " header.s=notif; spf=pass smtp.mailfrom=amazon.com; dmarc=pass\n"
            "From: Amazon Services <seller-notification@amazon.com>\n"
            "To: Acme Home Goods <sales@acme-home.example>\n"
        )
    else:
        product = _PRODUCTS[number % len(_PRODUCTS)]
        subject = f"Your order {order}"
        text = _SENT_BODIES[number % len(_SENT_BODIES)].format(order=order, product=product)
        buyer = f"{number * 2654435761 % 36**15:015x}"[:15]
        head = (
            f"From: Acme Home Goods <sales@acme-home.example>\nTo: {buyer}@marketplace.amazon.com\n"
        )
    text = text.format(order=order)
    head += (
        f"Subject: {subject.format(order=order)}\nDate: {date}\n"
        f"Message-ID: <{tag}-{kind}-{number}@acme-home.example>\nMIME-Version: 1.0\n"
    )
    if kind == "sent" and number % 4 == 0:
        html = "".join(f"<p>{line}</p>" for line in text.split("\n") if line)
        message = (
            head + 'Content-Type: multipart/alternative; boundary="b{0}"\n\n'
            "--b{0}\nContent-Type: text/plain; charset=utf-8\n\n{1}\n"
            "--b{0}\nContent-Type: text/html; charset=utf-8\n\n<html><body>{2}</body></html>\n"
            "--b{0}--\n"
        ).format(number, text, html)
    else:
        message = head + f"Content-Type: text/plain; charset=utf-8\n\n{text}\n"
    return message.encode("utf-8")


class TcpProxy:
    """A loopback TCP forwarder in front of a server, to cut connections.

    ``cut_after = N`` makes the *next* connection close after N bytes from
    the server (mid-response, like a dropped link); :meth:`cut` closes every
    open connection at once. Later connections pass untouched.
    """

    def __init__(self, target_port: int, host: str = "127.0.0.1") -> None:
        self.target = (host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_after: int | None = None
        self.cuts = 0
        self.connections = 0
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                limit, self.cut_after = self.cut_after, None
                self.connections += 1
                self._open += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, limit), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket, limit: int | None) -> None:
        sent = 0
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ)
        selector.register(upstream, selectors.EVENT_READ)
        try:
            while not self._closed:
                for key, _events in selector.select(timeout=0.2):
                    sock = key.fileobj
                    data = sock.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    if sock is upstream:
                        if limit is not None and sent + len(data) >= limit:
                            client.sendall(data[: max(0, limit - sent)])
                            self.cuts += 1
                            return
                        sent += len(data)
                        client.sendall(data)
                    else:
                        upstream.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def cut(self) -> None:
        """Close every open connection now."""
        with self._lock:
            sockets, self._open = self._open, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.cuts += 1

    def close(self) -> None:
        self._closed = True
        self.cut()
        self.listener.close()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- pytest fixtures ---------------------------------------------------------------------
try:
    import pytest
except ImportError:  # pragma: no cover - the helper is usable without pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture(scope="session")
    def dovecot_server() -> Iterator[Dovecot]:
        """One Dovecot per test session (per xdist worker), stopped at the end.
        Skips when Dovecot is not installed; fails instead under CI (``$CI``
        set), where .ci/run installs it."""
        reason = dovecot_missing()
        if reason:
            if os.environ.get("CI"):
                pytest.fail(f"{reason}; .ci/run installs dovecot-imapd")
            pytest.skip(reason)
        server = Dovecot()
        try:
            server.start()
            yield server
        finally:
            server.cleanup()

    @pytest.fixture
    def imap_user(dovecot_server: Dovecot) -> str:
        """A fresh login on the session's Dovecot, its mailbox empty but for
        the Sent folder, its commands rawlogged; the password is
        ``dovecot_server.users[user]``."""
        user = dovecot_server.new_user()
        dovecot_server.enable_rawlog(user)
        return user
