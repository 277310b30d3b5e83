"""Install a real third-party plugin for a test: a distribution written into
``tmp_path`` (``NAME-1.0.dist-info`` with ``entry_points.txt``, plus its
modules) and put on ``sys.path``, so ``importlib.metadata`` finds it exactly as
it finds a package installed with pip. Everything is undone after the test.

Use the ``install_plugin`` fixture from a test module with ``from
tests.plugin_dist import install_plugin_fixture  # noqa: F401``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

Installer = Callable[..., Path]


@pytest.fixture(name="install_plugin")
def install_plugin_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Installer]:
    """``install_plugin(dist, entry_points={group: {name: "module:attr"}},
    modules={"module": "source"})`` installs one distribution; call it once
    per distribution."""
    written: list[str] = []

    def install(
        dist: str,
        entry_points: Mapping[str, Mapping[str, str]],
        modules: Mapping[str, str] | None = None,
    ) -> Path:
        root = tmp_path / f"site-{dist}"
        info = root / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
        lines = []
        for group, entries in entry_points.items():
            lines.append(f"[{group}]")
            lines += [f"{name} = {target}" for name, target in entries.items()]
            lines.append("")
        (info / "entry_points.txt").write_text("\n".join(lines))
        for module, source in (modules or {}).items():
            (root / f"{module}.py").write_text(source)
            written.append(module)
        monkeypatch.syspath_prepend(str(root))
        return root

    yield install
    for module in written:
        sys.modules.pop(module, None)
