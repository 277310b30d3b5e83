"""A small headless-Chromium driver for the HTML report tests.

Speaks the W3C WebDriver protocol to Debian's ``chromedriver`` over loopback
HTTP with the standard library (no Selenium, so nothing is fetched and no
driver manager runs), plus chromedriver's two extensions the tests need: the
browser console log (``/se/log``) and DevTools commands (``/goog/cdp/execute``)
for full-page screenshots and printing to PDF.

Chromium runs with a fresh ``--user-data-dir`` and without background
networking, component updates, sync or QUIC: a test page is a local file and
nothing else is loaded.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--window-size=1280,1000",
)


def find_chromium() -> tuple[str, str] | None:
    """(chromium, chromedriver) paths, or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium"):
        if browser is None and os.access(path, os.X_OK):
            browser = path
    if driver is None and os.access("/usr/bin/chromedriver", os.X_OK):
        driver = "/usr/bin/chromedriver"
    return (browser, driver) if browser and driver else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WebDriverError(RuntimeError):
    """chromedriver answered with an error."""


class Browser:
    """One headless Chromium session; use as a context manager."""

    def __init__(self, chromium: str, chromedriver: str, timeout: float = 20.0) -> None:
        self.chromium = chromium
        self.chromedriver = chromedriver
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="auditor-chromium-"))
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.session: str | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def start(self) -> None:
        log = open(self.profile / "chromedriver.log", "wb")
        self.process = subprocess.Popen(
            [self.chromedriver, f"--port={self.port}", "--allowed-ips=127.0.0.1"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if self._call("GET", "/status").get("ready"):
                    break
            except (OSError, WebDriverError):
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"chromedriver did not start (log in {self.profile})")
            time.sleep(0.05)
        args = [*CHROMIUM_FLAGS, f"--user-data-dir={self.profile / 'profile'}"]
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": self.chromium, "args": args},
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def close(self) -> None:
        try:
            if self.session is not None:
                self._call("DELETE", f"/session/{self.session}")
        except (OSError, WebDriverError):
            pass
        finally:
            self.session = None
            if self.process is not None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                self.process = None
            shutil.rmtree(self.profile, ignore_errors=True)

    # -- protocol ------------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise WebDriverError(f"{method} {path}: {exc.code} {detail}") from None
        value = payload.get("value", payload)
        return value

    def _session_call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        assert self.session, "browser not started"
        return self._call(method, f"/session/{self.session}{path}", body)

    # -- what tests use ------------------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load a local file and wait until it has loaded."""
        self._session_call("POST", "/url", {"url": Path(path).resolve().as_uri()})

    def run(self, script: str, *args: Any) -> Any:
        """Evaluate ``script`` (a function body; ``arguments`` holds ``args``)
        in the page. WebDriver runs it over DevTools: the page's CSP does not
        apply to it, and it does not count as the page running a script."""
        return self._session_call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def text(self, selector: str) -> list[str]:
        """The visible text of each element matching ``selector``."""
        return self.run(
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);",
            selector,
        )

    def console(self) -> list[dict[str, Any]]:
        """Browser console entries since the last call (level, message)."""
        return self._session_call("POST", "/se/log", {"type": "browser"})

    def cdp(self, command: str, **params: Any) -> Any:
        return self._session_call("POST", "/goog/cdp/execute", {"cmd": command, "params": params})

    def screenshot(self, target: Path, full_page: bool = True) -> Path:
        """A PNG of the page (the whole page unless ``full_page`` is False)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.run(
                "return [document.documentElement.scrollWidth,"
                " document.documentElement.scrollHeight];"
            )
            params.update(
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": width, "height": min(height, 16000), "scale": 1},
            )
        shot = self.cdp("Page.captureScreenshot", **params)
        target.write_bytes(base64.b64decode(shot["data"]))
        return target

    def pdf(self, target: Path) -> Path:
        """The page printed to PDF (A4, backgrounds on), as a person would attach it."""
        printed = self.cdp("Page.printToPDF", printBackground=True, preferCSSPageSize=True)
        target.write_bytes(base64.b64decode(printed["data"]))
        return target
