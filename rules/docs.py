"""Rule documentation, generated from the rule classes: the one source for
``auditor rules CODE`` (text, markdown, json) and the HTML report's rule pages."""

from __future__ import annotations

import inspect
import io
import re
from typing import Any

from rules.base import Example, Rule, registry

#: Where the policy a rule cites lives in the repository (rules say "guidelines.md").
POLICY = "docs/policy/guidelines.md"
_CITATION = re.compile(r"(?<![/\w])guidelines\.md")


def _sample_lines(case: Example) -> list[str]:
    lines = []
    for index, sample in enumerate(case.samples):
        prefix = f"[{index + 1}] " if len(case.samples) > 1 else ""
        lines.append(f"{prefix}Subject: {sample.subject}")
        if sample.text:
            lines.extend(f"    {line}" for line in sample.text.splitlines())
        if sample.html:
            lines.extend(f"    {line}" for line in sample.html.splitlines())
        for name, ctype, size in sample.attachments:
            lines.append(f"    (attachment {name}, {ctype}, {size} bytes)")
    return lines


def describe(cls: type[Rule]) -> dict[str, Any]:
    """Everything documented about one rule, as plain data."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    summary, _, details = doc.partition("\n")
    return {
        "code": cls.code,
        "name": cls.name,
        "severity": str(cls.severity),
        "summary": summary.strip(),
        "what": " ".join(details.split()),
        "why": _CITATION.sub(POLICY, cls.why),
        "fix": cls.fix,
        "since": cls.since,
        "cross_message": cls.cross_message,
        "options": {k: {"default": o.default, "help": o.help} for k, o in cls.options.items()},
        "bad": [
            {"lang": c.lang, "note": c.note, "message": "\n".join(_sample_lines(c))}
            for c in cls.bad
        ],
        "good": [
            {"lang": c.lang, "note": c.note, "message": "\n".join(_sample_lines(c))}
            for c in cls.good
        ],
    }


def catalogue() -> list[dict[str, Any]]:
    return [describe(cls) for cls in registry().values()]


def as_markdown(info: dict[str, Any]) -> str:
    out = [f"## {info['code']} {info['name']} ({info['severity']})", "", info["summary"], ""]
    out += ["### What it flags", "", info["what"], "", "### Why", "", info["why"], ""]
    out += ["### Instead", "", info["fix"], ""]
    for label, key in (("Bad", "bad"), ("Good", "good")):
        out += [f"### {label}", ""]
        for case in info[key]:
            note = f" — {case['note']}" if case["note"] else ""
            out += [f"*{case['lang']}*{note}", "", "```", case["message"], "```", ""]
    if info["options"]:
        out += ["### Options", ""]
        for name, opt in info["options"].items():
            out.append(f"- `{name}` (default `{opt['default']!r}`): {opt['help']}")
        out.append("")
    return "\n".join(out)


def as_text(info: dict[str, Any], color: bool = False, width: int | None = None) -> str:
    """The Markdown documentation rendered for a terminal (headings, lists
    and example blocks laid out by rich; no raw ``#`` or fences)."""
    from rich.console import Console
    from rich.markdown import Markdown

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width or 100,
        highlight=False,
        emoji=False,
    )
    console.print(Markdown(as_markdown(info), code_theme="ansi_light" if color else "default"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
