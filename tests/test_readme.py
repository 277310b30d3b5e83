"""The README tells the truth about the code: its rule table and rule count
are the registry's, and its links stay inside the repository. Adding,
renaming or re-grading a rule without updating the README fails here."""

from __future__ import annotations

import re
from pathlib import Path

from rules.base import registry

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def readme_rules() -> list[tuple[str, str, str]]:
    rows = re.findall(
        r"^\| (BSM\d{3}) \| ([a-z0-9-]+) \| (error|warning|info) \|$",
        _section(README.read_text(encoding="utf-8"), "Rules"),
        re.MULTILINE,
    )
    return [tuple(row) for row in rows]


def test_rule_table_is_the_registry():
    expected = [(cls.code, cls.name, str(cls.severity)) for cls in registry().values()]
    assert readme_rules() == expected


def test_rule_count_and_range_in_the_introduction():
    codes = sorted(registry())
    intro = README.read_text(encoding="utf-8").split("\n## ", 1)[0]
    match = re.search(r"\((\d+) rules, `(BSM\d+)`–`(BSM\d+)`", intro)
    assert match, "the introduction names the number of rules and their range"
    assert (int(match[1]), match[2], match[3]) == (len(codes), codes[0], codes[-1])


def test_links_stay_inside_the_repository():
    for doc in (README, ROOT / "CONTRACT.md", *sorted((ROOT / "docs").rglob("*.md"))):
        for target in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+://|mailto:|#", target):
                continue
            path = (doc.parent / target.split("#", 1)[0]).resolve()
            assert path.is_relative_to(ROOT), f"{doc.name}: {target} leaves the repository"
            assert path.exists(), f"{doc.name}: {target} does not exist"


def test_documented_commands_exist():
    from auditor.cli import cli

    table = _section(README.read_text(encoding="utf-8"), "Commands")
    named = set(re.findall(r"^\| `auditor ([a-z]+)", table, re.MULTILINE))
    assert named and named <= set(cli.commands)


def test_rule_page_in_a_terminal_is_rendered_and_cites_a_shipped_file(cli):
    for code in registry():
        status, out, _ = cli("rules", code)
        assert status == 0
        assert "```" not in out and "\n#" not in out and not out.startswith("#")
        assert "docs/policy/guidelines.md" in out, code
        assert not any(line != line.rstrip() for line in out.splitlines())
    assert (ROOT / "docs" / "policy" / "guidelines.md").is_file()
    _, markdown, _ = cli("rules", "BSM301", "--format", "md")
    assert "```" in markdown  # the md format stays Markdown
