"""The send gate's speed: messages per second and p50/p99 latency through
``auditor relay`` and ``auditor milter`` (in a private Postfix), against a
bare aiosmtpd relay that forwards the same messages without looking at them.

    python bench/gate.py [--messages 2000] [--no-milter] [--json FILE]

The milter runs twice: on a unix socket (the recommended set-up) and on TCP.

Every path ends at the same aiosmtpd sink on loopback; the client is
``smtplib`` on one kept-open connection, one message at a time (latency is
the client's: DATA sent → reply read). The gate's own decision time (parse,
rules, store lookups and the recorded decision) is measured inside the relay.
The messages are the generator's campaign mail (24 templates, six languages,
a fifth of them breaking a rule, so some are refused with 550).

Targets: decision p99 <= 50 ms; relay throughput >= 0.25 x the bare relay.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import ROOT, machine, machine_line, ratio_line, write_json
from generate import generate

DECISION_P99_MS = 50.0
RELAY_RATIO = 0.25
_TO = re.compile(rb"^To: (.+)$", re.M)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def messages(count: int) -> list[tuple[str, bytes]]:
    """(recipient, bytes) of ``count`` sent campaign messages, CRLF line ends."""
    found = []
    for mail in generate(count * 2, seed=11):
        if mail.kind != "sent":
            continue
        to = _TO.search(mail.data).group(1).decode().strip()
        found.append((to, mail.data.replace(b"\n", b"\r\n")))
        if len(found) == count:
            break
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def drive(port: int, mails: list[tuple[str, bytes]]) -> dict[str, Any]:
    """Send every message over one connection; latencies in ms, outcomes."""
    latencies, outcomes = [], {"accepted": 0, "refused": 0, "deferred": 0}
    started = time.perf_counter()
    client = smtplib.SMTP("127.0.0.1", port, timeout=60)
    for to, data in mails:
        begin = time.perf_counter()
        try:
            client.sendmail("shop@birch-co.example", [to], data)
            outcomes["accepted"] += 1
        except smtplib.SMTPDataError as exc:
            outcomes["refused" if exc.smtp_code >= 500 else "deferred"] += 1
            client.rset()
        latencies.append((time.perf_counter() - begin) * 1000)
    client.quit()
    seconds = time.perf_counter() - started
    return {
        "messages": len(mails),
        "seconds": round(seconds, 3),
        "per_second": round(len(mails) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        **outcomes,
    }


class Sink:
    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.count = 0

        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                outer.count += 1
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


def bare_relay(upstream_port: int):
    """aiosmtpd forwarding upstream with the relay's own client, no gate."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from aiosmtpd.controller import Controller

    from auditor.gate.relay import Upstream, UpstreamClient

    client = UpstreamClient(Upstream("127.0.0.1", upstream_port, security="plain"))
    pool = ThreadPoolExecutor(max_workers=4)

    class Bare:
        async def handle_DATA(self, server, session, envelope):
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                pool, client.send, envelope.mail_from, list(envelope.rcpt_tos), envelope.content
            )

    port = free_port()
    controller = Controller(Bare(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port


def write_config(directory: Path, upstream_port: int, milter_port: int, name: str) -> Path:
    """A config with its own store ``NAME.db`` (``NAME.toml``)."""
    path = directory / f"{name}.toml"
    path.write_text(
        f'[store]\nurl = "sqlite:///{directory / name}.db"\n\n[gate]\n'
        f'milter_listen = "127.0.0.1:{milter_port}"\nrelay_listen = "127.0.0.1:{free_port()}"\n'
        f'upstream_host = "127.0.0.1"\nupstream_port = {upstream_port}\n'
        'upstream_security = "plain"\n'
    )
    return path


def gate_relay(config_path: Path):
    from auditor.config import load_config
    from auditor.gate.decide import Gate
    from auditor.gate.relay import build_controller
    from auditor.store import open_store

    config = load_config(config_path)
    gate = Gate(config, open_store(config.store_url), front="relay")
    gate.warm()
    decisions: list[float] = []
    decide = gate.decide

    def timed(*args: Any) -> Any:
        decision = decide(*args)
        decisions.append(decision.seconds * 1000)
        return decision

    gate.decide = timed  # type: ignore[method-assign]
    controller = build_controller(gate, config)
    controller.start()
    return controller, decisions


def milter_run(
    config_path: Path, sink: Sink, mails: list[tuple[str, bytes]], transport: str
) -> dict[str, Any]:
    """Postfix with ``auditor milter`` on a unix socket (``transport`` unix)
    or on TCP (inet)."""
    sys.path.insert(0, str(ROOT))
    from tests.postfix import available, postfix_server

    if not available():
        return {"skipped": "needs root and the Debian postfix package"}
    milter_port = int(re.search(r"127\.0\.0\.1:(\d+)", config_path.read_text()).group(1))
    sockets = Path(tempfile.mkdtemp(prefix="auditor-bench-milter-"))
    sockets.chmod(0o711)
    path = sockets / "milter.sock"
    if transport == "unix":
        config_path.write_text(
            config_path.read_text().replace(
                f'milter_listen = "127.0.0.1:{milter_port}"',
                f'milter_listen = "unix:{path}"\nmilter_socket_group = "postfix"',
            )
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "milter", "--config", str(config_path), "--quiet"],
        cwd=config_path.parent,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"auditor milter exited {proc.returncode}")
            if transport == "unix":
                if path.exists() and path.stat().st_gid != 0:
                    break
                time.sleep(0.1)
                continue
            try:
                socket.create_connection(("127.0.0.1", milter_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        milter = f"unix:{path}" if transport == "unix" else None
        with postfix_server(sink.port, milter_port, milter=milter) as postfix:
            return drive(postfix.gate_port, mails)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--no-milter", action="store_true", help="skip the Postfix milter run")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    mails = messages(args.messages)
    sink = Sink()
    results: dict[str, Any] = {"machine": machine(), "messages": len(mails)}
    with tempfile.TemporaryDirectory(prefix="auditor-bench-gate-") as tmp:
        directory = Path(tmp)
        config_path = write_config(directory, sink.port, free_port(), "relay")
        bare, bare_port = bare_relay(sink.port)
        drive(bare_port, mails[: min(50, len(mails))])  # warm the connection paths
        results["bare"] = drive(bare_port, mails)
        bare.stop()
        relay, decisions = gate_relay(config_path)
        results["relay"] = drive(relay.port, mails)
        relay.stop()
        results["decision"] = {
            "p50_ms": round(percentile(decisions, 0.5), 2),
            "p99_ms": round(percentile(decisions, 0.99), 2),
            "max_ms": round(max(decisions, default=0.0), 2),
        }
        if not args.no_milter:
            for transport in ("unix", "inet"):
                milter_config = write_config(directory, sink.port, free_port(), transport)
                name = "milter" if transport == "unix" else "milter-tcp"
                results[name] = milter_run(milter_config, sink, mails, transport)
    sink.stop()
    for name in ("bare", "relay", "milter", "milter-tcp"):
        figures = results.get(name)
        if figures and "per_second" in figures:
            print(
                f"{name:10} {figures['per_second']:8.1f} msg/s  p50 {figures['p50_ms']:6.2f} ms"
                f"  p99 {figures['p99_ms']:6.2f} ms  accepted {figures['accepted']}"
                f"  refused {figures['refused']}  deferred {figures['deferred']}"
            )
        elif figures:
            print(f"{name:10} skipped: {figures['skipped']}")
    d = results["decision"]
    print(f"decision p50 {d['p50_ms']:.2f} ms  p99 {d['p99_ms']:.2f} ms  max {d['max_ms']:.2f} ms")
    text, _ = ratio_line("decision p99 ms", d["p99_ms"], DECISION_P99_MS, at_most=True)
    print(text)
    bare_rate = results["bare"]["per_second"] or 1.0
    text, _ = ratio_line("relay/bare", results["relay"]["per_second"] / bare_rate, RELAY_RATIO)
    print(text)
    if "per_second" in results.get("milter", {}):
        print(
            f"ratio milter/bare: {results['milter']['per_second'] / bare_rate:.3f} "
            "(no target: Postfix's own queueing is in it)"
        )
    print(machine_line(results["machine"]))
    write_json(args.json, results)


if __name__ == "__main__":
    main()
