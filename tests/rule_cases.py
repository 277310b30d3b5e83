"""Per-rule edge-case files: ``tests/rules/cases/BSM301.toml``.

Each file holds ``[[case]]`` tables with ``expect = "fire" | "pass"``,
``lang``, and the fields of a :class:`rules.base.Sample` (``text``,
``subject``, ``html``…); a case with ``thread = [{...}, {...}]`` is several
messages for cross-message rules.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from rules.base import Example, Sample

CASE_DIR = Path(__file__).parent / "rules" / "cases"


def _sample(fields: dict) -> Sample:
    fields = dict(fields)
    if "attachments" in fields:
        fields["attachments"] = tuple(tuple(a) for a in fields["attachments"])
    if "headers" in fields:
        fields["headers"] = tuple(tuple(h) for h in fields["headers"])
    return Sample(**fields)


def load_cases(code: str) -> list[tuple[str, Example]]:
    path = CASE_DIR / f"{code}.toml"
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = []
    for raw in data.get("case", []):
        raw = dict(raw)
        expect = raw.pop("expect")
        lang = raw.pop("lang", "en")
        note = raw.pop("note", "")
        if "thread" in raw:
            samples = tuple(_sample(s) for s in raw.pop("thread"))
        else:
            samples = (_sample(raw),)
        cases.append((expect, Example(samples, lang=lang, note=note)))
    return cases


def case_languages(code: str) -> set[str]:
    return {case.lang for _, case in load_cases(code)}


def all_cases() -> list[tuple[str, str, Example]]:
    return [
        (path.stem, expect, case)
        for path in sorted(CASE_DIR.glob("*.toml"))
        for expect, case in load_cases(path.stem)
    ]
