"""Amazon notices: restriction, IP, account-health and per-message mails,
recognised in six languages, with periods, violations, IDs and authenticity.

Public entry points: :func:`detect` (one message → a :class:`Notice` or
None), :func:`auditor.notices.timeline.build_timeline`,
:func:`auditor.notices.link.link_notices` and
:func:`auditor.notices.evidence.write_evidence`.

:func:`detect` is imported on first use: its phrase lists take most of a
second to compile, and the kinds, their groups and the :class:`Notice` type
(:mod:`auditor.notices.groups`, :mod:`auditor.notices.model`) are wanted by
the store, the campaigns and every CLI command without them.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from auditor.notices.model import Authenticity, Notice, NoticeKind

__all__ = ["Authenticity", "Notice", "NoticeKind", "detect"]


def __getattr__(name: str) -> Any:
    if name == "detect":
        from auditor.notices.detect import detect

        globals()["detect"] = detect
        return detect
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """Keeps ``auditor.notices.detect`` the function: importing the submodule
    of the same name would otherwise set the package's attribute to it."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "detect" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
