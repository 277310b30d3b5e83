"""Adding a rule stays "one file plus its test": a rule module imports the
shared helpers (rules/links.py, rules/images.py, rules/solicit.py, …), never
another rule module, and holds exactly one registered rule."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import rules
from rules.base import registry

RULES_DIR = Path(rules.__file__).parent
RULE_MODULE = re.compile(r"^bsm\d{3}_\w+$")
RULE_FILES = sorted(p for p in RULES_DIR.glob("bsm*.py") if RULE_MODULE.match(p.stem))


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "rules." * (node.level > 0) + (node.module or "")
            found.add(base)
            found.update(f"{base}.{alias.name}".replace("..", ".") for alias in node.names)
    return found


def rule_imports(path: Path) -> list[str]:
    """The rule modules that ``path`` imports."""
    return sorted(
        name
        for name in imported_modules(path)
        if name.startswith("rules.") and RULE_MODULE.match(name.split(".")[1])
    )


def test_there_are_rule_modules():
    assert len(RULE_FILES) >= 25


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_a_rule_module_imports_no_other_rule_module(path):
    assert rule_imports(path) == []


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_a_rule_module_holds_one_rule(path):
    mine = [cls for cls in registry().values() if cls.__module__ == f"rules.{path.stem}"]
    assert len(mine) == 1
    assert path.stem.startswith(mine[0].code.lower() + "_")


def test_the_check_sees_an_import_of_another_rule(tmp_path):
    """The test above can fail: each form of importing a rule module is seen."""
    for source in (
        "from rules.bsm401_unnecessary_link import shorten\n",
        "import rules.bsm405_tracking_pixel\n",
        "from rules import bsm703_do_not_solicit\n",
        "from .bsm401_unnecessary_link import listed\n",
        "def f():\n    from rules.bsm703_do_not_solicit import DoNotSolicit\n",
    ):
        path = tmp_path / "bsm999_sample.py"
        path.write_text(source)
        assert rule_imports(path), source
    path.write_text("from rules.links import shorten\nfrom rules import base\n")
    assert rule_imports(path) == []
