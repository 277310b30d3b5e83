"""A loopback HTTP receiver for webhook tests (actions and the scheduler).

It records every POST and keeps the bodies whose Idempotency-Key it had not
seen before in ``accepted``: a receiver that drops duplicates, as the
contract asks real receivers to.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A loopback HTTP server recording every POST.

    ``script`` is a list of (status, headers, body) answers used in order,
    then 200. ``accepted`` holds the bodies of requests whose Idempotency-Key
    it had not seen: a receiver that drops duplicates. ``on_request`` runs
    after recording and before answering (the crash test kills the sender there).
    """

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    accepted: list[dict[str, Any]] = field(default_factory=list)
    script: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    delay: float = 0.0
    on_request: Any = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def keys(self) -> list[str]:
        return [r.headers.get("Idempotency-Key", "") for r in self.requests]


def _serve(receiver: Receiver, context: ssl.SSLContext | None) -> Iterator[Receiver]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with receiver.lock:
                receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
                key = self.headers.get("Idempotency-Key")
                if key not in {a.get("idempotency_key") for a in receiver.accepted}:
                    try:
                        receiver.accepted.append(json.loads(body))
                    except ValueError:
                        pass
                answer = receiver.script.pop(0) if receiver.script else (200, {}, b"ok")
            if receiver.on_request is not None:
                receiver.on_request(self)
            if receiver.delay:
                time.sleep(receiver.delay)
            status, headers, text = answer
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender gave up (timeout test) or was killed (crash test)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    scheme = "http"
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    receiver.url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def serve(
    receiver: Receiver | None = None, context: ssl.SSLContext | None = None
) -> Iterator[Receiver]:
    """Run ``receiver`` (a new one by default) until the generator is closed."""
    yield from _serve(receiver or Receiver(), context)
