"""``auditor rules``: the rule catalogue, or one rule's documentation, made
from the registry (the same text the HTML report links to)."""

from __future__ import annotations

import json
from typing import Any

import click

from auditor.cli.context import State, pass_state
from auditor.cli.options import common_options, format_option, output_option
from auditor.cli.output import write_output
from auditor.cli.support import check_output
from auditor.errors import AuditorError


@click.command()
@click.argument("code", required=False)
@format_option(("table", "json", "md", "html"))
@output_option()
@common_options
@pass_state
def rules(state: State, code: str | None, fmt: str, output: str | None) -> int:
    """The rule catalogue, or one rule's documentation with examples."""
    from rules.base import registry  # heavy: every rule module
    from rules.docs import catalogue

    check_output(output)
    classes = registry()
    if code:
        _one_rule(classes, code, fmt, output)
    else:
        _catalogue(catalogue(), fmt, output)
    return 0


def _one_rule(classes: dict[str, Any], code: str, fmt: str, output: str | None) -> None:
    """Rule ``code`` (or its dotted name) documented in ``fmt``."""
    from rules.docs import as_markdown, as_text, describe

    cls = classes.get(code.upper())
    if cls is None:
        matches = [c for c in classes.values() if c.name == code.lower()]
        if not matches:
            raise AuditorError(f"{code}: no such rule (see 'auditor rules')")
        cls = matches[0]
    info = describe(cls)
    if fmt == "html":
        from auditor.report.html import render_rules_html

        write_output(render_rules_html([info]), output)
        return
    text = {
        "json": lambda: json.dumps(info, ensure_ascii=False, indent=2) + "\n",
        "md": lambda: as_markdown(info),
        "table": lambda: as_text(info),
    }[fmt]()
    write_output(text, output)


def _catalogue(infos: list[dict[str, Any]], fmt: str, output: str | None) -> None:
    """Every rule, one line (a table row in Markdown) each, or the HTML page."""
    if fmt == "html":
        from auditor.report.html import render_rules_html

        write_output(render_rules_html(infos), output)
    elif fmt == "json":
        write_output(json.dumps(infos, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "md":
        lines = ["| code | name | severity | summary |", "|---|---|---|---|"]
        lines += [
            f"| {i['code']} | {i['name']} | {i['severity']} | {i['summary']} |" for i in infos
        ]
        write_output("\n".join(lines) + "\n", output)
    else:
        width = max(len(i["name"]) for i in infos)
        lines = [
            f"{i['code']}  {i['name']:<{width}}  {i['severity']:<7}  {i['summary']}" for i in infos
        ]
        write_output("\n".join(lines) + "\n", output)
