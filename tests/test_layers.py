"""Data flows one way: an earlier pipeline stage never imports a later one.

source (connectors) → message → notice/finding → store → campaign state →
action/report. Every module of ``auditor/``, ``rules/`` and ``connectors/``
is parsed with :mod:`ast` (imports inside functions count too), mapped to
its stage by the longest matching prefix, and each import that goes from an
earlier stage to a later one is listed. Application glue (the CLI, the
audit driver, the cycle, the daemon, the send gate …) may import anything;
any stage may import the shared utilities. A module that is neither in a
stage nor listed as glue or utility fails :func:`test_every_module_has_a_place`,
so a new package has to be placed before it can hide here.

Only the store speaks SQL: no module outside ``auditor/store/`` imports
SQLAlchemy or Alembic.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("auditor", "rules", "connectors")

#: module prefix -> stage number; later stages may import earlier ones.
STAGES: dict[str, int] = {
    "connectors": 0,
    "auditor.message": 1,
    "auditor.phrases": 1,
    "auditor.prefilter": 1,
    "auditor.notices": 2,
    "auditor.orders": 2,
    "rules": 2,
    "auditor.findings": 2,
    "auditor.store": 3,
    "auditor.campaigns": 4,
    "auditor.actions": 5,
    "auditor.report": 5,
}
#: application glue: may import any stage (nothing in a stage may import it)
GLUE = (
    "auditor.__main__",
    "auditor.cli",
    "auditor.audit",
    "auditor.cycle",
    "auditor.daemon",
    "auditor.workers",
    "auditor.pool",
    "auditor.gate",
    "auditor.lint",
    "auditor.metrics",
    "auditor.known",
)
GLUE_STAGE = 99
#: shared by every stage, importing none of them
UTILITIES = (
    "auditor",
    "auditor.errors",
    "auditor.clock",
    "auditor.secrets",
    "auditor.config",
    "auditor.cells",
    "auditor.plugins",
)

#: Known violations being fixed elsewhere (empty: add one only with an issue to fix it).
KNOWN_PENDING: set[tuple[str, str]] = set()
SQL_LIBRARIES = ("sqlalchemy", "alembic")
#: Modules outside the store that still import SQL libraries (none).
SQL_KNOWN_PENDING: set[str] = set()


def module_name(path: Path) -> str:
    """``auditor/store/store.py`` -> ``auditor.store.store``; a package's
    ``__init__.py`` is the package itself."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> Iterator[tuple[str, Path]]:
    """(dotted name, file) of every Python module of the three packages."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield module_name(path), path


def imports_of(path: Path) -> Iterator[str]:
    """What the module at ``path`` imports (see :func:`imports`)."""
    name = module_name(path)
    yield from imports(name, path.read_text(encoding="utf-8"), path.name == "__init__.py")


def imports(name: str, source: str, is_package: bool = False) -> Iterator[str]:
    """The absolute names module ``name`` imports anywhere in ``source``
    (inside functions too): ``from auditor import x`` gives ``auditor`` and
    ``auditor.x``; relative imports are resolved against the module's package."""
    tree = ast.parse(source, filename=name)
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            for alias in node.names:
                # ``from auditor import report`` imports the module auditor.report;
                # ``from auditor.store.models import Campaign`` the module itself
                yield f"{prefix}.{alias.name}" if alias.name != "*" else prefix
            yield prefix


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def stage_of(name: str) -> int | None:
    """The stage of module ``name`` (longest prefix wins), GLUE_STAGE for
    glue, None for a utility or a module outside the project."""
    best, stage = -1, None
    for prefix, number in STAGES.items():
        if _matches(name, prefix) and len(prefix) > best:
            best, stage = len(prefix), number
    for prefix in GLUE:
        if _matches(name, prefix) and len(prefix) > best:
            best, stage = len(prefix), GLUE_STAGE
    for prefix in UTILITIES:
        if _matches(name, prefix) and len(prefix) > best:
            best, stage = len(prefix), None
    return stage


def _target(imported: str, known: set[str]) -> str:
    """The project module an imported name refers to: ``auditor.store.models.Campaign``
    is the module ``auditor.store.models``."""
    name = imported
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or imported


def backward_imports() -> set[tuple[str, str]]:
    """(module, imported module) pairs that go from an earlier stage to a later one."""
    found = dict(modules())
    known = set(found)
    bad: set[tuple[str, str]] = set()
    for name, path in found.items():
        here = stage_of(name)
        if here is None or here == GLUE_STAGE:
            continue
        for imported in imports_of(path):
            if imported.split(".")[0] not in PACKAGES:
                continue
            target = _target(imported, known)
            there = stage_of(target)
            if there is not None and there > here:
                bad.add((name, target))
    return bad


def test_no_stage_imports_a_later_stage() -> None:
    bad = backward_imports() - KNOWN_PENDING
    listing = "\n".join(f"{module} -> {imported}" for module, imported in sorted(bad))
    assert not bad, f"imports from an earlier stage into a later one:\n{listing}"


def test_known_pending_violations_still_exist() -> None:
    """An entry fixed elsewhere must leave KNOWN_PENDING, or it would excuse
    the same import coming back."""
    gone = KNOWN_PENDING - backward_imports()
    listing = "\n".join(f"{module} -> {imported}" for module, imported in sorted(gone))
    assert not gone, f"fixed; remove from KNOWN_PENDING in {__file__}:\n{listing}"


def test_every_module_has_a_place() -> None:
    unplaced = [
        name
        for name, _ in modules()
        if stage_of(name) is None
        and not any(name == u or (u != "auditor" and _matches(name, u)) for u in UTILITIES)
    ]
    assert not unplaced, f"modules in no stage, glue or utility list: {unplaced}"


def test_only_the_store_speaks_sql() -> None:
    bad = sql_imports()
    listing = "\n".join(f"{module} -> {library}" for module, library in sorted(bad))
    assert not bad, f"modules outside auditor/store/ that import SQL libraries:\n{listing}"


def test_known_sql_pending_still_exists() -> None:
    gone = SQL_KNOWN_PENDING - {module for module, _ in sql_imports(pending=False)}
    assert not gone, f"fixed; remove from SQL_KNOWN_PENDING in {__file__}: {sorted(gone)}"


def sql_imports(pending: bool = True) -> set[tuple[str, str]]:
    """(module, SQL library) for each module outside the store that imports
    one; without those in SQL_KNOWN_PENDING unless ``pending`` is False."""
    return {
        (name, imported.split(".")[0])
        for name, path in modules()
        if not _matches(name, "auditor.store") and (not pending or name not in SQL_KNOWN_PENDING)
        for imported in imports_of(path)
        if imported.split(".")[0] in SQL_LIBRARIES
    }


def test_the_walker_sees_what_it_must() -> None:
    """The walker itself: function-level, relative and ``from package import
    module`` imports are all found and resolved."""
    source = (
        "def f():\n    from ..report import timeline\n"
        "from auditor import store\nimport rules.base\nfrom . import kinds\n"
    )
    found = set(imports("auditor.notices.evidence", source))
    assert {
        "auditor.report.timeline",
        "auditor.store",
        "rules.base",
        "auditor.notices.kinds",
    } <= found
    assert set(imports("auditor.notices", "from .kinds import Kind\n", True)) >= {
        "auditor.notices.kinds"
    }
    assert stage_of("auditor.report.timeline") == 5
    assert stage_of("auditor.notices.evidence") == 2
    assert stage_of("auditor.gate.decide") == GLUE_STAGE
    assert stage_of("auditor.errors") is None
