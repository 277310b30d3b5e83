"""Shared fixtures: paths to the sample corpus (tests/corpus, owned by this
repository), a fresh store per test, a CLI runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def expected(corpus: Path) -> list[dict]:
    return json.loads((corpus / "expected.json").read_text())


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``auditor …`` in-process; returns (exit status, stdout, stderr).

    Runs from an empty directory with the user dirs pointed into tmp_path,
    so no real config or store is touched.
    """
    from auditor.cli import cli as command

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)

    def run(*args: str, input: str | None = None):
        runner = CliRunner()
        result = runner.invoke(command, [str(a) for a in args], input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A real PostgreSQL server for the session: yields a factory of fresh database URLs."""
    from tests.servers import fresh_database, postgres_bin, postgres_server

    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; .ci/run installs the postgresql package")
        pytest.skip("PostgreSQL server binaries not installed (Debian package postgresql)")
    import shutil
    import tempfile

    counter = iter(range(10_000))
    # Not under pytest's tmp dir: that is private to root, and postgres runs as 'postgres'.
    base = Path(tempfile.mkdtemp(prefix="auditor-pg-"))
    try:
        with postgres_server(base) as (_url, port):
            yield lambda: fresh_database(port, f"t{next(counter)}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
