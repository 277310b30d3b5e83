"""Style gates (issue #18, "a house a newcomer can change"), run by the
README's test command: no function more complex than 15 (ruff C901, the
McCabe count) in auditor/, rules/, connectors/ and tests/, and the whole
repository as ``ruff format`` writes it. Both run ruff as the developer
runs it (``python -m ruff``, from the test extra) with the repository's
pyproject.toml; each gate is also shown to fail on code that breaks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAX_COMPLEXITY = 15
CHECKED = ("auditor", "rules", "connectors", "tests")


def _ruff(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "--output-format", "concise"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _complexity(*paths: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    config = f"lint.mccabe.max-complexity={MAX_COMPLEXITY}"
    return _ruff("check", "--select", "C901", "--config", config, *paths, cwd=cwd)


def _format_check(*paths: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return _ruff("format", "--check", *paths, cwd=cwd)


def test_no_function_is_more_complex_than_fifteen() -> None:
    done = _complexity(*CHECKED)
    assert done.returncode == 0, f"split these into named helpers:\n{done.stdout}{done.stderr}"


def test_the_repository_is_formatted() -> None:
    done = _format_check(".")
    assert done.returncode == 0, f"run 'ruff format' on:\n{done.stdout}{done.stderr}"


def test_pyproject_enforces_the_same_limit() -> None:
    """``ruff check .`` (CI's first step) applies the same gate."""
    import tomllib

    lint = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "C901" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == MAX_COMPLEXITY


def _branchy(branches: int) -> str:
    """A function of complexity ``branches + 1``, formatted as ruff formats it."""
    lines = ["def branchy(x: int) -> int:\n"]
    for n in range(branches):
        lines.append(f"    if x == {n}:\n        return {n}\n")
    lines.append("    return -1\n")
    return "".join(lines)


def test_the_complexity_gate_fails_on_a_function_of_sixteen(tmp_path: Path) -> None:
    (tmp_path / "fifteen.py").write_text(_branchy(14))
    assert _complexity("fifteen.py", cwd=tmp_path).returncode == 0
    (tmp_path / "sixteen.py").write_text(_branchy(15))
    done = _complexity("sixteen.py", cwd=tmp_path)
    assert done.returncode == 1
    assert "C901" in done.stdout and "(16 > 15)" in done.stdout


def test_the_format_gate_fails_on_unformatted_code(tmp_path: Path) -> None:
    (tmp_path / "tidy.py").write_text(_branchy(2))
    assert _format_check("tidy.py", cwd=tmp_path).returncode == 0
    (tmp_path / "untidy.py").write_text("def f( x ):\n  return {'a':x}\n")
    done = _format_check("untidy.py", cwd=tmp_path)
    assert done.returncode == 1
    assert "untidy.py" in done.stdout
