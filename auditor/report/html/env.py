"""The Jinja2 environment of the HTML reports.

Templates and the style sheet are package files (``auditor/report/templates``).
Autoescape is on for every template and undefined names raise
(``StrictUndefined``), so a value is text unless it is :class:`Markup` made by
this package (the SVG timeline, a rendered partial); and every printed value
first loses its control and bidi-override characters (``finalize``), so a
template cannot forget that either.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from auditor import __version__
from auditor.report.html.labels import CSP, SEVERITIES, SEVERITY_MEANING
from auditor.report.html.text import clean, day, humanize, kind_label, plural, rule_anchor, when

_LITERAL = re.compile(r"``(.+?)``")


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}``: markup made here passes, anything else becomes
    cleaned text (None as nothing) for autoescape to escape."""
    if hasattr(value, "__html__"):
        return value
    return clean(value, None)


def literals(value: Any, limit: int | None = None) -> Markup:
    """reST ``literals`` of a rule's documentation as ``<code>``; every piece
    of text is escaped by markupsafe."""
    parts = _LITERAL.split(clean(value, limit))  # text, literal, text, …
    out = Markup("")
    for index, part in enumerate(parts):
        out += Markup("<code>{}</code>").format(part) if index % 2 else escape(part)
    return out


def number(value: int) -> str:
    """``12,345``."""
    return f"{value:,}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The environment (built once): autoescape on, ``StrictUndefined``."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("auditor.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    env.filters.update(
        clean=clean,
        literals=literals,
        num=number,
        day=day,
        when=when,
        kind=kind_label,
        humanize=humanize,
        anchor=rule_anchor,
        pyrepr=repr,
    )
    env.globals.update(
        plural=plural,
        SEVERITIES=SEVERITIES,
        SEVERITY_MEANING=SEVERITY_MEANING,
        CSP=CSP,
        VERSION=__version__,
    )
    return env


def render_template(name: str, **context: Any) -> str:
    """``templates/NAME`` rendered with ``context``."""
    return environment().get_template(name).render(**context)
