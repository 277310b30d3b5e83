"""``--format html``: self-contained reports a seller can read, print and attach.

Three pages, one style:

* :func:`render` (``auditor audit|lint --format html``): a status banner (is
  proactive messaging restricted, until when, how many campaigns paused),
  counts, findings by rule; then each campaign, worst first, with its
  findings: the rule linked to its explanation, the message (subject, date,
  order), the excerpt of the message text with the offending sentence in
  ``<mark>``, and how to write it instead; then Amazon's notices (possible
  phishing in red) and the explanation of every rule used.
* :func:`render_timeline_html` (``auditor timeline --format html``): the
  account-health timeline for an appeal: an inline SVG time axis with one lane
  per kind of notice, restriction periods drawn as bars, the table of notices
  under it, the ASIN chains and the items still open.
* :func:`render_rules_html` (``auditor rules --format html``): the rule
  catalogue.

Rule explanations come from :mod:`rules.docs` (the source ``auditor rules
CODE`` prints), never written here.

Every file is one document with no script, no external resource (fonts,
images, styles) and a Content-Security-Policy that forbids them, so it opens
offline and from an e-mail attachment. Mail content is hostile: every value
from a message (subjects, evidence, excerpts, sender names, IDs, file names,
error texts) is text to templates that autoescape (Jinja2 ``autoescape=True``,
``StrictUndefined``) and lose control and bidi override characters on the
way out; no mail-derived value ever becomes an attribute other than escaped
text, and no link leaves the page. The SVG timeline is escaped by
markupsafe; nothing derived from mail is marked safe.

Size is bounded whatever the mailbox: excerpts are capped by the engine
(:func:`rules.finding.excerpt`), identical findings of one campaign are shown
once with a message count, and campaigns, findings per campaign, notices and
errors are capped with a "+N more" line.

Layout: :mod:`.labels` (limits, labels, kind groups), :mod:`.text` (cleaning,
dates, counts), :mod:`.views`, :mod:`.banner` and :mod:`.timeline_views` (view
models: plain data), :mod:`.svg` (the timeline drawing), :mod:`.env` (the
Jinja2 environment), :mod:`.render` (the pages); templates and the style
sheet in ``auditor/report/templates/``.
"""

from __future__ import annotations

from auditor.report.html.env import environment
from auditor.report.html.labels import (
    CSP,
    GROUPS,
    KIND_LABEL,
    LOCATION_LABEL,
    MAX_CAMPAIGN_ROWS,
    MAX_CAMPAIGNS,
    MAX_ERRORS,
    MAX_GROUPS_PER_CAMPAIGN,
    MAX_LABEL_ROWS,
    MAX_NOTICES,
    MAX_OTHER_GROUPS,
    MAX_RELATED,
    MAX_STACK,
    OPEN_LABEL,
    RESTRICTION_KINDS,
    SEVERITIES,
    SEVERITY_MEANING,
    STATE_RANK,
)
from auditor.report.html.render import (
    render,
    render_rules_html,
    render_timeline_html,
    rule_section,
)
from auditor.report.html.svg import timeline_svg
from auditor.report.html.text import clean, day, esc, group_of, humanize, when

__all__ = [
    "CSP",
    "GROUPS",
    "KIND_LABEL",
    "LOCATION_LABEL",
    "MAX_CAMPAIGNS",
    "MAX_CAMPAIGN_ROWS",
    "MAX_ERRORS",
    "MAX_GROUPS_PER_CAMPAIGN",
    "MAX_LABEL_ROWS",
    "MAX_NOTICES",
    "MAX_OTHER_GROUPS",
    "MAX_RELATED",
    "MAX_STACK",
    "OPEN_LABEL",
    "RESTRICTION_KINDS",
    "SEVERITIES",
    "SEVERITY_MEANING",
    "STATE_RANK",
    "clean",
    "day",
    "environment",
    "esc",
    "group_of",
    "humanize",
    "render",
    "render_rules_html",
    "render_timeline_html",
    "rule_section",
    "timeline_svg",
    "when",
]
