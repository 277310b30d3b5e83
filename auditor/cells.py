"""Table cells made inert, for every stage that writes a table of mail text.

Mail is hostile: a subject starting with ``=`` runs as a spreadsheet formula,
and a pipe or a bracket breaks a Markdown table or makes a link. The CSV and
Markdown reports (``auditor.report``) and the evidence index
(``auditor.notices.evidence``) use these; they import nothing of the project.
"""

from __future__ import annotations

from typing import Any


def cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text: mail is hostile, and a
    subject starting with ``=`` or ``+`` would otherwise run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def md_cell(value: object) -> str:
    """A Markdown table cell: pipes, backslashes, markup and newlines made inert."""
    text = " ".join(("" if value is None else str(value)).split())
    for char in ("\\", "|", "`", "*", "_", "[", "]", "<", ">", "#", "!"):
        text = text.replace(char, "\\" + char)
    return text
