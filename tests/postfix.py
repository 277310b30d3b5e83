"""A private Postfix instance for tests: the Debian ``postfix`` package, run
as root from a temp dir with its own configuration and queue, listening on
loopback only, relaying everything to a local SMTP sink.

Two smtpd listeners model a seller's mail flow with the milter in it:

- ``submit_port``: the seller's outgoing queue. Mail accepted here is queued
  and passed on (an after-queue ``content_filter``) to the gate listener, so
  a temp-fail leaves it deferred in this queue until a flush;
- ``gate_port``: smtpd with ``smtpd_milters`` = the auditor milter and
  ``milter_default_action = tempfail``; what it accepts goes to the sink.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from tests.servers import free_port

POSTFIX = "/usr/sbin/postfix"

_SERVICES = """\
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def available() -> bool:
    return os.path.exists(POSTFIX) and os.geteuid() == 0


@dataclass
class Postfix:
    directory: Path
    submit_port: int
    gate_port: int
    #: where this view's log starts (a test sharing the server reads its own lines)
    log_start: int = 0

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), capture_output=True, text=True, timeout=60)

    def flush(self) -> None:
        self.run("/usr/sbin/postqueue", "-c", str(self.directory / "etc"), "-f")

    def queue(self) -> str:
        return self.run("/usr/sbin/postqueue", "-c", str(self.directory / "etc"), "-p").stdout

    def log(self) -> str:
        path = self.directory / "maillog"
        return path.read_text(errors="replace")[self.log_start :] if path.exists() else ""

    def from_here(self) -> Postfix:
        """The same server, its log read from this point on."""
        return replace(self, log_start=self.log_start + len(self.log()))

    def wait_log(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.log()
            if text in log:
                return log
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not in the Postfix log:\n{self.log()[-3000:]}")


@contextmanager
def postfix_server(sink_port: int, milter_port: int, milter: str | None = None):
    """Start a private Postfix relaying to ``127.0.0.1:sink_port`` with the
    milter at ``127.0.0.1:milter_port``; stop and remove it afterwards."""
    base = Path(tempfile.mkdtemp(prefix="auditor-postfix-"))
    base.chmod(0o755)
    etc, queue, data = base / "etc", base / "queue", base / "data"
    for d in (etc, queue, data):
        d.mkdir()
    os.chown(data, *_ids("postfix"))
    submit, gate = free_port(), free_port()
    main = {
        "compatibility_level": "3.6",
        "queue_directory": str(queue),
        "data_directory": str(data),
        "meta_directory": "/etc/postfix",
        "shlib_directory": "/usr/lib/postfix",
        "daemon_directory": "/usr/lib/postfix/sbin",
        "command_directory": "/usr/sbin",
        "mail_owner": "postfix",
        "setgid_group": "postdrop",
        "inet_interfaces": "loopback-only",
        "inet_protocols": "ipv4",
        "myhostname": "outbox.localdomain",
        "mydomain": "localdomain",
        "mydestination": "",
        "relayhost": f"[127.0.0.1]:{sink_port}",
        "mynetworks": "127.0.0.0/8",
        "smtpd_relay_restrictions": "permit_mynetworks, reject",
        "maillog_file": str(base / "maillog"),
        "maillog_file_prefixes": str(base),
        "smtp_tls_security_level": "none",
        "smtpd_tls_security_level": "none",
        "milter_default_action": "tempfail",
        "alias_maps": "",
        "alias_database": "",
        "local_recipient_maps": "",
        "biff": "no",
        "smtputf8_enable": "yes",
        "smtp_dns_support_level": "disabled",
        "disable_dns_lookups": "yes",
        "minimal_backoff_time": "300s",
        "maximal_backoff_time": "600s",
        "queue_run_delay": "300s",
    }
    (etc / "main.cf").write_text("".join(f"{k} = {v}\n" for k, v in main.items()))
    (etc / "master.cf").write_text(
        f"127.0.0.1:{submit} inet n - n - - smtpd\n"
        f"  -o content_filter=smtp:[127.0.0.1]:{gate}\n"
        "  -o smtpd_milters=\n"
        f"127.0.0.1:{gate} inet n - n - - smtpd\n"
        "  -o content_filter=\n"
        "  -o myhostname=gate.localdomain\n"
        f"  -o smtpd_milters={milter or f'inet:127.0.0.1:{milter_port}'}\n" + _SERVICES
    )
    server = Postfix(base, submit, gate)
    started = server.run(POSTFIX, "-c", str(etc), "start")
    if started.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"postfix start failed ({started.returncode}): {started.stderr}")
    try:
        _wait_port(gate)
        _wait_port(submit)
        yield server
    finally:
        server.run(POSTFIX, "-c", str(etc), "stop")
        time.sleep(0.5)
        shutil.rmtree(base, ignore_errors=True)


def _ids(user: str) -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam(user)
    return entry.pw_uid, entry.pw_gid


def _wait_port(port: int, timeout: float = 15.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"postfix did not listen on 127.0.0.1:{port}")
