"""Fixtures for the HTML report tests: reports rendered by the real CLI, and
one headless Chromium per test session (per xdist worker).

Without Chromium the browser tests skip; under ``$CI`` they fail instead,
since ``.ci/run`` installs the Debian packages ``chromium`` and
``chromium-driver``. Screenshots go to ``$AUDITOR_SCREENSHOTS`` when set,
else to a session temp dir; each test that takes one prints its path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.report.chromium import Browser, find_chromium

#: The restriction of the corpus runs 9 Nov → 9 Dec 2026; this is mid-way.
NOW = "2026-11-22T00:00:00+00:00"
HOSTILE_DIR = Path(__file__).parent / "mail"


def run_cli(tmp: Path, *args: str) -> tuple[int, str, str]:
    """``auditor ARGS`` in-process with a throw-away home and ``AUDITOR_NOW``."""
    from auditor.cli import cli as command

    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    config = tmp / "auditor.toml"
    # the corpus's receiving server trusted, as a seller's config would: its notices verify
    config.write_text('[notices]\ntrusted_authserv_ids = ["mx.seller-mail.example"]\n')
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "AUDITOR_NOW": NOW,
    }
    argv = [args[0], *args[1:], "--config", str(config)]
    result = CliRunner().invoke(command, argv, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def render(tmp: Path, command: str, source: Path, name: str, *extra: str) -> Path:
    """Render ``auditor COMMAND SOURCE --format html`` into ``tmp/name``."""
    out = tmp / name
    status, _stdout, stderr = run_cli(
        tmp, command, str(source), "--format", "html", "-o", str(out), "--no-store", *extra
    )
    assert status in (0, 1), stderr
    assert out.is_file(), stderr
    return out


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, Path]:
    """The corpus audit and timeline, and the hostile mailbox's, as HTML files."""
    tmp = tmp_path_factory.mktemp("reports")
    return {
        "audit": render(tmp, "audit", corpus, "report.html"),
        "timeline": render(tmp, "timeline", corpus, "timeline.html"),
        "hostile": render(tmp, "audit", HOSTILE_DIR, "hostile.html"),
        "hostile-timeline": render(tmp, "timeline", HOSTILE_DIR, "hostile-timeline.html"),
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    found = find_chromium()
    if found is None:
        reason = "headless Chromium not installed (Debian packages chromium, chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs them")
        pytest.skip(reason)
    with Browser(*found) as session:
        yield session


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("AUDITOR_SCREENSHOTS")
    if target:
        path = Path(target)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")
