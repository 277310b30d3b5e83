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
error texts) goes through :func:`esc`, which also replaces control and bidi
override characters; no mail-derived value ever becomes an attribute other
than escaped text, and no link leaves the page.

Size is bounded whatever the mailbox: excerpts are capped by the engine
(:func:`rules.finding.excerpt`), identical findings of one campaign are shown
once with a message count, and campaigns, findings per campaign, notices and
errors are capped with a "+N more" line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from auditor import __version__

# -- limits (a 100k-message audit must still give a file a browser opens) ---------------
MAX_CAMPAIGNS = 150  #: campaigns shown with their findings
MAX_CAMPAIGN_ROWS = 500  #: rows of the campaign overview table
MAX_GROUPS_PER_CAMPAIGN = 20  #: distinct findings shown per campaign
MAX_OTHER_GROUPS = 50  #: distinct findings outside any campaign
MAX_NOTICES = 1000  #: rows of a notices table
MAX_ERRORS = 50  #: unreadable messages listed
MAX_RELATED = 3  #: related message IDs shown per finding
MAX_STACK = 6  #: markers stacked at one moment in one timeline lane
MAX_LABEL_ROWS = 4  #: rows of day labels under the timeline's axis

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DIGITS = re.compile(r"\d+")
_CODE = re.compile(r"^[A-Z]{3}\d{3}$")

SEVERITIES = ("error", "warning", "info")
SEVERITY_MEANING = {
    "error": "a trigger Amazon names in its restriction notices",
    "warning": "gets single messages blocked",
    "info": "worth knowing",
}
STATE_RANK = {"flagged": 2, "paused": 1, "active": 0}
LOCATION_LABEL = {
    "subject": "in the subject line",
    "text": "in the message text",
    "html": "in the message text (HTML part)",
    "attachment": "in an attachment",
    "headers": "in the mail headers",
    "thread": "across messages",
}

KIND_LABEL = {
    "messaging_restriction": "Messaging restriction",
    "templates_only_restriction": "Templates-only restriction",
    "message_blocked": "Message blocked",
    "message_undelivered": "Message not delivered",
    "buyer_opt_out": "Buyer opted out",
    "ip_complaint": "IP complaint",
    "ip_retraction": "IP complaint retracted",
    "violation_cleared": "Violation cleared",
    "listing_reinstated": "Listing reinstated",
    "account_at_risk": "Account at risk",
    "account_deactivated": "Account deactivated",
    "account_reinstated": "Account reinstated",
    "appeal_received": "Appeal received",
    "appeal_decision": "Appeal decision",
    "policy_warning": "Policy warning",
    "buyer_complaint": "Buyer complaint",
    "other_amazon": "Other Amazon mail",
}

#: Timeline lanes: kind group -> (label, kinds). Suspicious notices go to
#: "phishing" whatever their kind.
GROUPS: dict[str, tuple[str, frozenset[str]]] = {
    "restriction": (
        "Restrictions & blocks",
        frozenset(
            {
                "messaging_restriction",
                "templates_only_restriction",
                "message_blocked",
                "message_undelivered",
                "policy_warning",
            }
        ),
    ),
    "buyer": ("Buyers", frozenset({"buyer_opt_out", "buyer_complaint"})),
    "ip": (
        "IP / listings",
        frozenset(
            {
                "ip_complaint",
                "ip_retraction",
                "violation_cleared",
                "listing_reinstated",
            }
        ),
    ),
    "account": (
        "Account",
        frozenset(
            {
                "account_at_risk",
                "account_deactivated",
                "account_reinstated",
            }
        ),
    ),
    "appeal": ("Appeals", frozenset({"appeal_received", "appeal_decision"})),
    "other": ("Other", frozenset({"other_amazon"})),
    "phishing": ("Possible phishing", frozenset()),
}
RESTRICTION_KINDS = frozenset({"messaging_restriction", "templates_only_restriction"})
OPEN_LABEL = {
    "asin": "ASIN not cleared",
    "restriction": "Restriction running",
    "deactivation": "Account deactivated",
    "appeal": "Appeal waiting for a decision",
}


# -- escaping and formatting --------------------------------------------------------------
def clean(value: Any, limit: int | None = 400) -> str:
    """``value`` as text with control and bidi-override characters replaced
    (they could reorder what a reader sees) and its length bounded."""
    text = _CONTROL.sub("\ufffd", "" if value is None else str(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def esc(value: Any, limit: int | None = 400) -> str:
    """``value`` made safe as HTML text or a quoted attribute value."""
    return html.escape(clean(value, limit), quote=True)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def day(value: datetime | None) -> str:
    """``9 Dec 2026`` (UTC), or an em dash."""
    value = _utc(value)
    return f"{value.day} {value:%b %Y}" if value is not None else "—"


def when(value: datetime | None) -> str:
    """``9 Dec 2026, 08:12 UTC``, or an em dash."""
    value = _utc(value)
    return f"{day(value)}, {value:%H:%M} UTC" if value is not None else "—"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _kind(kind: Any) -> str:
    kind = str(getattr(kind, "value", kind))
    return KIND_LABEL.get(kind, kind.replace("_", " ").capitalize())


def _rule_anchor(code: str) -> str:
    return f"rule-{code}" if _CODE.match(code) else "rule-unknown"


def _rule_link(code: str, name: str) -> str:
    return (
        f'<a class="rule-link" href="#{esc(_rule_anchor(code))}">'
        f"<code>{esc(code, 20)}</code> {esc(name, 80)}</a>"
    )


def _badge(text: str, kind: str) -> str:
    return f'<span class="badge b-{esc(kind, 40)}">{esc(text, 60)}</span>'


# -- the page shell ---------------------------------------------------------------------------
CSS = """
:root { --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --soft:#f6f8fa;
  --error:#b3261e; --error-bg:#fdecea; --warning:#9a5b00; --warning-bg:#fff4d6;
  --info:#1d4ed8; --info-bg:#e8f0fe; --ok:#1a7f37; --ok-bg:#e6f4ea;
  --restriction:#c2410c; --buyer:#0e7490; --ip:#7c3aed; --account:#1d4ed8;
  --appeal:#15803d; --other:#6b7280; --phishing:#dc2626; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 48px; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
  Arial, "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif; background: #fff; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 0 0 6px; }
h4 { font-size: 14px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
p { margin: 6px 0; }
a { color: #0b57d0; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo,
  Consolas, monospace; font-size: 13px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.muted { color: var(--muted); }
.banner { border-radius: 8px; padding: 16px 20px; margin: 18px 0; border-left: 8px solid; }
.banner .headline { font-size: 21px; font-weight: 700; margin: 0 0 6px; }
.banner ul { margin: 6px 0 0; padding-left: 20px; }
.banner.restricted { background: var(--error-bg); border-color: var(--error); }
.banner.restricted .headline { color: var(--error); }
.banner.clear { background: var(--ok-bg); border-color: var(--ok); }
.banner.clear .headline { color: var(--ok); }
.alerts { margin: 10px 0 0; padding: 0; list-style: none; }
.projection { font-style: italic; color: var(--muted); }
.alerts li { margin: 4px 0; padding: 6px 10px; border-radius: 6px; background: #fff;
  border: 1px solid var(--line); }
.alerts li.danger { border-color: var(--phishing); color: var(--error); font-weight: 600; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { flex: 1 1 200px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  background: var(--soft); }
.card .big { font-size: 24px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 13px; }
.n-error { color: var(--error); } .n-warning { color: var(--warning); }
.n-info { color: var(--info); } .n-paused { color: var(--error); }
.n-flagged { color: var(--warning); } .n-active { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px;
  border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { overflow-wrap: break-word; word-break: break-word; }
.nowrap, .id { white-space: nowrap; }
table.notices { table-layout: fixed; }
table.notices .c-n { width: 4%; } table.notices .c-date { width: 11%; }
table.notices .c-kind { width: 14%; } table.notices .c-subject { width: 28%; }
table.notices .c-ids { width: 15%; } table.notices .c-note { width: 28%; }
table.notices td { overflow-wrap: break-word; }
table.notices .from, td.note { font-size: 12.5px; color: var(--muted); }
tr.phishing .from, tr.phishing td.note { color: var(--error); }
.zero { color: #b0b7bf; }
tr.phishing td { background: var(--error-bg); color: var(--error); }
tr.phishing td:first-child { border-left: 4px solid var(--phishing); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px;
  font-weight: 600; line-height: 20px; white-space: nowrap; border: 1px solid transparent; }
.b-error { background: var(--error-bg); color: var(--error); border-color: var(--error); }
.b-warning { background: var(--warning-bg); color: var(--warning); border-color: var(--warning); }
.b-info { background: var(--info-bg); color: var(--info); border-color: var(--info); }
.b-paused { background: var(--error); color: #fff; }
.b-flagged { background: var(--warning); color: #fff; }
.b-active { background: var(--ok); color: #fff; }
.b-unknown { background: var(--soft); color: var(--muted); border-color: var(--line); }
.b-new { background: #fff; color: var(--ink); border-color: var(--ink); }
.b-phishing { background: var(--phishing); color: #fff; }
.b-open { background: var(--error); color: #fff; }
.b-closed { background: var(--ok); color: #fff; }
.b-verified { background: var(--ok-bg); color: var(--ok); border-color: var(--ok); }
.b-unverified { background: var(--soft); color: var(--muted); border-color: var(--line); }
.b-suspicious { background: var(--phishing); color: #fff; }
.campaign { border: 1px solid var(--line); border-radius: 8px; margin: 16px 0; padding: 14px 16px;
  break-inside: avoid-page; }
.campaign.state-paused { border-left: 6px solid var(--error); }
.campaign.state-flagged { border-left: 6px solid var(--warning); }
.campaign.state-active { border-left: 6px solid var(--ok); }
.campaign .state { margin: 0 0 8px; color: var(--muted); }
.finding { border-top: 1px dashed var(--line); padding: 10px 0 6px; break-inside: avoid; }
.finding .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.finding .meta { color: var(--muted); font-size: 13px; margin: 2px 0 6px; overflow-wrap: anywhere; }
.finding .meta b { color: var(--ink); font-weight: 600; }
.fx { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; }
.excerpt { margin: 0; padding: 8px 12px; background: var(--soft);
  border-left: 4px solid var(--line);
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; }
.sev-error .excerpt { border-left-color: var(--error); }
.sev-warning .excerpt { border-left-color: var(--warning); }
.sev-info .excerpt { border-left-color: var(--info); }
.excerpt .where { display: block; font-size: 12px; color: var(--muted); margin-bottom: 2px;
  white-space: normal; }
mark { background: #ffe066; color: #000; padding: 0 2px; border-radius: 2px;
  box-shadow: 0 0 0 1px #e0a800; }
.fix { margin: 0; padding: 8px 12px; background: var(--ok-bg); border-left: 4px solid var(--ok);
  font-size: 14px; }
.fix b { color: var(--ok); }
.more { color: var(--muted); font-style: italic; }
.rule { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0;
  break-inside: avoid-page; }
.rule:target { box-shadow: 0 0 0 3px #0b57d0; }
.rule .why { border-left: 4px solid var(--info); padding: 4px 10px; background: var(--info-bg); }
.examples { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.examples pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 8px;
  padding: 6px 8px; border-radius: 4px; }
.examples .bad pre { background: var(--error-bg); border-left: 3px solid var(--error); }
.examples .good pre { background: var(--ok-bg); border-left: 3px solid var(--ok); }
.ex-label { font-size: 12px; color: var(--muted); }
.callout { border: 2px solid var(--error); border-radius: 8px; padding: 10px 16px; margin: 14px 0;
  background: var(--error-bg); break-inside: avoid; }
.callout.ok { border-color: var(--ok); background: var(--ok-bg); }
.callout h2 { border: 0; margin: 4px 0 6px; padding: 0; }
.callout ul { margin: 4px 0; padding-left: 20px; }
.chain { list-style: none; padding: 0; }
.chain li { margin: 6px 0; }
.chain .step { display: inline-block; padding: 1px 8px; border: 1px solid var(--line);
  border-radius: 12px; background: var(--soft); margin: 2px 0; }
.chain .arrow { color: var(--muted); margin: 0 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; margin: 4px 0 12px;
  padding: 0; list-style: none; }
.legend .sw { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  vertical-align: -1px; margin-right: 5px; }
.sw-restriction { background: var(--restriction); } .sw-buyer { background: var(--buyer); }
.sw-ip { background: var(--ip); } .sw-account { background: var(--account); }
.sw-appeal { background: var(--appeal); } .sw-other { background: var(--other); }
.sw-phishing { background: var(--phishing); }
.sw-bar { border-radius: 2px; width: 22px; height: 8px; background: var(--restriction);
  opacity: .35; }
.sw-open { background: #fff; border: 3px solid var(--ink); }
figure.axis { margin: 10px 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
figure.axis svg { display: block; width: 100%; height: auto; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial,
  sans-serif; }
.m-restriction { fill: var(--restriction); } .m-buyer { fill: var(--buyer); }
.m-ip { fill: var(--ip); } .m-account { fill: var(--account); }
.m-appeal { fill: var(--appeal); } .m-other { fill: var(--other); }
.m-phishing { fill: var(--phishing); }
.marker circle.dot { stroke: #fff; stroke-width: 1.5; }
.marker circle.ring { fill: none; stroke: var(--ink); stroke-width: 2.5; }
.marker text { fill: #fff; font-size: 11px; font-weight: 700; text-anchor: middle; }
.lane-bg { fill: var(--soft); } .lane-bg.alt { fill: #fff; }
.lane-label { font-size: 15px; font-weight: 600; fill: var(--ink); }
.lane-label.phishing { fill: var(--phishing); }
.tick line { stroke: var(--line); }
.tick text { font-size: 13px; fill: var(--muted); text-anchor: middle; }
.tick.event-day line { stroke: var(--muted); }
.tick.event-day text { font-size: 12px; fill: var(--ink); font-weight: 600; }
.now line { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 4 3; }
.now text { font-size: 13px; font-weight: 700; fill: var(--ink); text-anchor: middle; }
.bar { fill: var(--restriction); opacity: .28; }
.bar.open-ended { opacity: .16; }
.bar-label { font-size: 13px; fill: var(--restriction); font-weight: 600; }
.overflow { font-size: 13px; fill: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
  padding-top: 8px; }
nav.toc { font-size: 14px; margin: 8px 0 0; }
nav.toc a { margin-right: 14px; }
@media (max-width: 760px) { .fx, .examples { grid-template-columns: 1fr; } }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 9pt; }
  th, td { padding: 3px 5px; }
  .campaign, .rule, .callout, figure.axis { box-shadow: none; }
  tr { break-inside: avoid; }
  .id { white-space: normal; overflow-wrap: anywhere; }
  code, pre, .mono { font-size: 8.5pt; }
}
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP, None)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="auditor ' + esc(__version__, 20) + '">\n'
        f"<title>{esc(title, 200)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _footer(now: datetime, extra: str = "") -> str:
    return (
        f"<footer>Generated by auditor {esc(__version__, 20)} on {esc(when(now))}. "
        f"Dates are in UTC. {extra}This file needs no network and runs no script: it can be "
        "printed, saved as PDF or attached as it is.</footer>"
    )


# -- rule documentation (from rules.docs) ------------------------------------------------------
def _docs(codes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``describe`` of each registered rule among ``codes``."""
    from rules.base import registry
    from rules.docs import describe

    classes = registry()
    return {code: describe(classes[code]) for code in sorted(set(codes)) if code in classes}


def _literals(escaped: str) -> str:
    """reST ``literals`` of a docstring (already escaped text) as <code>."""
    return re.sub(r"``(.+?)``", r"<code>\1</code>", escaped)


def rule_section(info: dict[str, Any], level: int = 3, max_examples: int | None = None) -> str:
    """One rule's explanation, anchored at ``#rule-CODE``, from
    :func:`rules.docs.describe` output (at most ``max_examples`` bad and good
    examples each, all by default)."""
    code = str(info["code"])
    out = [
        f'<section class="rule" id="{esc(_rule_anchor(code))}">',
        f"<h{level}><code>{esc(code)}</code> {esc(info['name'])} "
        f"{_badge(info['severity'], info['severity'])}</h{level}>",
        f"<p><b>{esc(info['summary'], None)}</b></p>",
        f"<h4>What it flags</h4><p>{_literals(esc(info['what'], None))}</p>",
        f'<h4>Why: Amazon\'s guideline</h4><p class="why">{esc(info["why"], None)}</p>',
        f'<h4>Write it like this instead</h4><p class="fix">{esc(info["fix"], None)}</p>',
        '<div class="examples">',
    ]
    for key, label in (("bad", "Not like this"), ("good", "Like this")):
        out.append(f'<div class="{key}"><h4>{label}</h4>')
        cases = info[key] if max_examples is None else info[key][:max_examples]
        for case in cases:
            note = f" — {esc(case['note'], None)}" if case.get("note") else ""
            out.append(
                f'<div class="ex-label">{esc(case["lang"], 10)}{note}</div>'
                f"<pre>{esc(case['message'], 4000)}</pre>"
            )
        hidden = len(info[key]) - len(cases)
        if hidden > 0:
            out.append(
                f'<p class="more">+ {hidden} more: <code>auditor rules {esc(code)}</code></p>'
            )
        out.append("</div>")
    out.append("</div>")
    if info.get("options"):
        out.append("<h4>Options</h4><ul>")
        for name, opt in info["options"].items():
            out.append(
                f"<li><code>{esc(name)}</code> (default <code>{esc(repr(opt['default']))}</code>):"
                f" {esc(opt['help'], None)}</li>"
            )
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def render_rules_html(infos: Sequence[dict[str, Any]] | None = None) -> str:
    """``auditor rules --format html``: the catalogue (or the rules in
    ``infos``, :func:`rules.docs.describe` dicts), a table then each rule."""
    if infos is None:
        from rules.docs import catalogue

        infos = catalogue()
    rows = "".join(
        f"<tr><td>{_rule_link(str(i['code']), str(i['name']))}</td>"
        f"<td>{_badge(i['severity'], i['severity'])}</td><td>{esc(i['summary'], None)}</td></tr>"
        for i in infos
    )
    title = (
        f"auditor rule {infos[0]['code']} {infos[0]['name']}"
        if len(infos) == 1
        else "auditor rules: Amazon buyer-seller messaging"
    )
    body = [
        f"<header><h1>{esc(title)}</h1>",
        '<p class="sub">What each rule flags, why Amazon cares (with the guideline), and how '
        "to write the message instead. Severity: " + _severity_legend() + ".</p></header>",
    ]
    if len(infos) > 1:
        body.append(
            "<table><thead><tr><th>rule</th><th>severity</th><th>summary</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    body.extend(rule_section(info, 2) for info in infos)
    from auditor import clock

    body.append(_footer(clock.now()))
    return _page(title, "\n".join(body))


# -- the audit report ----------------------------------------------------------------------
@dataclass
class _Group:
    """Identical findings (same rule, same words but numbers) in one campaign."""

    first: Any
    count: int = 0
    last_date: datetime | None = None
    orders: list[str] = field(default_factory=list)
    new: bool = False


def _group_key(finding: Any) -> tuple[str, str, str]:
    return (finding.rule, finding.location, _DIGITS.sub("0", finding.evidence or ""))


def _groups(findings: Iterable[Any], result: Any) -> list[_Group]:
    """Findings grouped by :func:`_group_key`, most severe then most frequent first."""
    groups: dict[tuple[str, str, str], _Group] = {}
    is_new = getattr(result, "is_new", None)
    for finding in findings:
        group = groups.get(_group_key(finding))
        if group is None:
            group = groups[_group_key(finding)] = _Group(finding)
        group.count += 1
        if finding.date is not None and (group.last_date is None or finding.date > group.last_date):
            group.last_date = finding.date
        if finding.order_id and finding.order_id not in group.orders and len(group.orders) < 4:
            group.orders.append(finding.order_id)
        if is_new is not None and not group.new:
            try:
                group.new = bool(is_new(finding))
            except Exception:  # a report must render whatever the store knows
                group.new = False
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(
        groups.values(),
        key=lambda g: (rank.get(g.first.severity, 9), -g.count, g.first.rule),
    )


def _excerpt(finding: Any) -> str:
    """The message text around the evidence with the evidence in ``<mark>``;
    the evidence alone when the engine kept no excerpt."""
    where = LOCATION_LABEL.get(finding.location, f"in the {finding.location}")
    label = f'<span class="where">{esc(where)}:</span>'
    context = getattr(finding, "context", None)
    span = getattr(finding, "context_span", None)
    if context and span and 0 <= span[0] < span[1] <= len(context):
        start, end = span
        return (
            f'<blockquote class="excerpt">{label}{esc(context[:start], 2000)}'
            f"<mark>{esc(context[start:end], 2000)}</mark>{esc(context[end:], 2000)}</blockquote>"
        )
    return (
        f'<blockquote class="excerpt">{label}<mark>{esc(finding.evidence, 600)}</mark></blockquote>'
    )


def _finding_html(group: _Group, docs: dict[str, dict[str, Any]]) -> str:
    finding = group.first
    info = docs.get(finding.rule, {})
    meta = [f"<b>Subject:</b> {esc(finding.subject, 300)}"]
    meta.append(f"<b>Sent:</b> {esc(when(finding.date))}")
    if finding.order_id:
        meta.append(f'<b>Order:</b> <span class="mono">{esc(finding.order_id, 40)}</span>')
    if group.count > 1:
        span = f" (last {esc(day(group.last_date))})" if group.last_date else ""
        meta.append(f"<b>Same finding in {group.count:,} messages</b>{span}")
        if len(group.orders) > 1:
            meta.append(
                "orders "
                + ", ".join(esc(o, 40) for o in group.orders)
                + (" …" if group.count > len(group.orders) else "")
            )
    related = list(finding.related or [])
    if related:
        shown = ", ".join(f'<span class="mono">{esc(r, 120)}</span>' for r in related[:MAX_RELATED])
        more = f" and {len(related) - MAX_RELATED} more" if len(related) > MAX_RELATED else ""
        meta.append(f"<b>Related:</b> {shown}{more}")
    meta.append(f'<b>Message:</b> <span class="mono">{esc(finding.message_id, 200)}</span>')
    fix = info.get("fix") or ""
    summary = info.get("summary") or ""
    head = [_rule_link(finding.rule, finding.name), _badge(finding.severity, finding.severity)]
    if group.new:
        head.append(_badge("new", "new"))
    return (
        f'<div class="finding sev-{esc(finding.severity, 20)}">'
        f'<div class="head">{" ".join(head)}'
        f'<span class="muted">{esc(summary, 300)}</span></div>'
        f'<div class="meta">{" · ".join(meta)}</div>'
        f'<div class="fx">{_excerpt(finding)}'
        f'<p class="fix"><b>Instead:</b> {esc(fix, 1200)} '
        f'<a href="#{esc(_rule_anchor(finding.rule))}">Why?</a></p></div></div>'
    )


def _campaign_key(finding: Any) -> tuple[str | None, str]:
    source = getattr(finding, "source", "") or ""
    account = source[5:].split("/", 1)[0] if source.startswith("imap:") else None
    return account, finding.campaign or ""


def _sorted_campaigns(result: Any) -> list[Any]:
    return sorted(
        result.campaigns.values(),
        key=lambda c: (
            -c.findings.get("error", 0),
            -c.findings.get("warning", 0),
            -c.findings.get("info", 0),
            -STATE_RANK.get(c.state, 0),
            c.name,
        ),
    )


@lru_cache(maxsize=1)
def _templates() -> Any:
    """The Jinja2 environment of the page's templates (package files),
    autoescaping everything: a value is text unless a template says otherwise."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("auditor.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["clean"] = clean
    return env


def _days_left(until: datetime, now: datetime) -> str:
    left = _utc(until) - now
    return _plural(max(0, left.days + (1 if left.seconds else 0)), "day")


def _banner(result: Any, now: datetime, timeline: Any, states: dict[str, int]) -> str:
    """The account's standing (templates/standing.html): restrictions and
    until when, what to do now, the projection, phishing and open items."""
    from auditor.report.standing import plain, standing

    restrictions = result.active_restrictions(now)
    alerts: list[dict[str, Any]] = []
    for item in timeline.open_items if timeline is not None else ():
        if item.kind in ("deactivation", "appeal", "asin"):
            alerts.append({"kind": item.kind, "since": day(item.since), "subject": item.subject})
    phishing = [n for n in result.notices if getattr(n, "phishing", False)]
    if phishing:
        alerts.append({"kind": "phishing", "count": len(phishing)})
    data: dict[str, Any] = {
        "restricted": bool(restrictions),
        "alerts": alerts,
        "todo": [plain(step) for step in standing(result, now).todo],
    }
    if restrictions:
        ends = [n.ends_at for n in restrictions if n.ends_at is not None and not n.permanent]
        open_ended = [n for n in restrictions if n.ends_at is None or n.permanent]
        markets = sorted({n.marketplace or "an unnamed marketplace" for n in restrictions})
        if len(restrictions) == 1 and ends:
            headline = f"Proactive messaging is restricted until {day(ends[0])}"
        elif len(restrictions) == 1:
            headline = (
                "Proactive messaging is restricted permanently"
                if open_ended[0].permanent
                else "Proactive messaging is restricted, with no end date stated"
            )
        else:
            names = (
                ", ".join(markets[:-1]) + " and " + markets[-1] if len(markets) > 1 else markets[0]
            )
            headline = f"Proactive messaging is restricted on {clean(names, 300)}"
        paused = states.get("paused", 0)
        if paused:  # stored states only: a projection is never counted as paused
            headline += f" — {_plural(paused, 'campaign')} paused"
        data.update(
            headline=headline,
            restrictions=[
                {
                    "where": n.marketplace or "marketplace not named",
                    "kind": _kind(n.kind),
                    "received": when(n.received_at),
                    "permanent": bool(n.permanent),
                    "until": when(n.ends_at) if n.ends_at is not None else None,
                    "period_text": getattr(n, "period_text", None),
                    "left": _days_left(n.ends_at, now) if n.ends_at is not None else "",
                    "authenticity": str(getattr(n.authenticity, "value", n.authenticity)),
                }
                for n in restrictions
            ],
            open_ended=bool(open_ended),
            again=when(max(ends)) if ends else None,
            would_pause=_would_counts(result).get("pause", 0),
        )
    else:
        ended = [
            n
            for n in result.notices
            if str(getattr(n.kind, "value", n.kind)) in RESTRICTION_KINDS
            and not getattr(n, "phishing", False)
        ]
        last = max(ended, key=lambda n: _utc(n.ends_at) or now) if ended else None
        data.update(
            ended={"received": day(last.received_at), "ended": when(last.ends_at)}
            if last is not None
            else None,
            any_notice=bool(result.notices),
            today=day(now),
        )
    return _templates().get_template("standing.html").render(**data)


def _would_counts(result: Any) -> dict[str, int]:
    """How many campaigns ``auditor run`` would pause / resume (a projection)."""
    counts: dict[str, int] = {}
    for campaign in result.campaigns.values():
        would = getattr(campaign, "would", None)
        if would:
            counts[would] = counts.get(would, 0) + 1
    return counts


def _cards(result: Any, states: dict[str, int]) -> str:
    counts = result.severity_counts()
    campaigns = len(result.campaigns)
    if campaigns and not any(states.get(s) for s in ("paused", "flagged", "active")):
        state_line = '<span class="zero">states not read (no store)</span>'
    else:
        state_line = "stored: " + " · ".join(
            f'<span class="{f"n-{s}" if states.get(s) else "zero"}">{states.get(s, 0):,} {s}</span>'
            for s in ("paused", "flagged", "active")
        )
    would = _would_counts(result)
    if would:
        state_line += '<br><span class="projection">next run would ' + " and ".join(
            f"{verb} {count:,}" for verb, count in sorted(would.items())
        ) + "</span>"
    sev_line = _severity_line(counts)
    waived = f" ({len(result.waived):,} waived)" if getattr(result, "waived", None) else ""
    unread = len(result.errors)
    return (
        '<div class="cards">'
        f'<div class="card"><div class="big">{campaigns:,}</div><div class="label">'
        f"campaign{'s' if campaigns != 1 else ''}</div><div>{state_line}</div></div>"
        f'<div class="card"><div class="big n-error">{counts.get("error", 0):,}</div>'
        f'<div class="label">errors (restriction triggers)</div><div>{sev_line}{waived}</div></div>'
        f'<div class="card"><div class="big">{result.messages:,}</div><div class="label">'
        f"message{'s' if result.messages != 1 else ''} read</div><div>"
        f"{result.sent_messages:,} sent to buyers · {_plural(len(result.notices), 'Amazon notice')}"
        + (f' · <a href="#unreadable">{unread:,} unreadable</a>' if unread else "")
        + "</div></div></div>"
    )


def _by_rule(result: Any, docs: dict[str, dict[str, Any]]) -> str:
    per_rule: dict[str, dict[str, Any]] = {}
    for finding in result.findings:
        row = per_rule.setdefault(
            finding.rule,
            {"name": finding.name, "severity": finding.severity, "count": 0, "campaigns": set()},
        )
        row["count"] += 1
        if finding.campaign and len(row["campaigns"]) <= MAX_CAMPAIGN_ROWS:
            row["campaigns"].add(finding.campaign)
    if not per_rule:
        return '<p class="callout ok">No message breaks a rule. Nothing to fix.</p>'
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    rows = []
    for code, row in sorted(
        per_rule.items(), key=lambda kv: (rank.get(kv[1]["severity"], 9), -kv[1]["count"], kv[0])
    ):
        summary = docs.get(code, {}).get("summary", "")
        rows.append(
            f"<tr><td>{_rule_link(code, row['name'])}</td>"
            f"<td>{_badge(row['severity'], row['severity'])}</td>"
            f'<td class="num">{row["count"]:,}</td><td class="num">{len(row["campaigns"]):,}</td>'
            f"<td>{esc(summary, 300)}</td></tr>"
        )
    return (
        '<table><thead><tr><th>rule</th><th>severity</th><th class="num">findings</th>'
        '<th class="num">campaigns</th><th>what it means</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="muted">Severity: {_severity_legend()}.</p>'
    )


def _severity_legend() -> str:
    return "; ".join(f"<b>{s}</b>: {SEVERITY_MEANING[s]}" for s in SEVERITIES)


def _count_cell(count: int, severity: str) -> str:
    css = f"n-{severity}" if count else "zero"
    return f'<td class="num {css}">{count:,}</td>'


def _severity_line(counts: dict[str, int]) -> str:
    """``5 errors · 3 warnings · 0 info``, zeros greyed."""
    words = {
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("info", "info"),
    }
    parts = []
    for severity in SEVERITIES:
        count = counts.get(severity, 0)
        word = words[severity][0 if count == 1 else 1]
        parts.append(
            f'<span class="{f"n-{severity}" if count else "zero"}">{count:,} {word}</span>'
        )
    return " · ".join(parts)


def _state_badge(campaign: Any) -> str:
    if campaign.state is None:
        return _badge("not read", "unknown")
    return _badge(campaign.state, campaign.state)


def _would_html(campaign: Any) -> str:
    """The projection, worded as one: "would pause until …"."""
    would = getattr(campaign, "would", None)
    if not would:
        return "—"
    until = getattr(campaign, "would_until", None)
    tail = ""
    if would == "pause":
        tail = f" until {esc(day(until))}" if until else " until a person resumes"
    return f'<span class="projection">would {esc(would, 20)}{tail}</span>'


def _campaign_table(campaigns: list[Any], anchors: dict[int, str]) -> str:
    rows = []
    for campaign in campaigns[:MAX_CAMPAIGN_ROWS]:
        name = esc(campaign.name, 120)
        anchor = anchors.get(id(campaign))
        if anchor:
            name = f'<a href="#{anchor}">{name}</a>'
        until = (
            when(campaign.until)
            if campaign.until
            else ("until resumed" if campaign.state == "paused" else "—")
        )
        rows.append(
            f'<tr><td class="wrap">{name}</td><td>{_state_badge(campaign)}</td>'
            f"<td>{esc(until)}</td><td>{_would_html(campaign)}</td>"
            f'<td class="num">{campaign.messages:,}</td>'
            + "".join(_count_cell(campaign.findings.get(s, 0), s) for s in SEVERITIES)
            + "</tr>"
        )
    more = ""
    if len(campaigns) > MAX_CAMPAIGN_ROWS:
        more = (
            f'<p class="more">+ {len(campaigns) - MAX_CAMPAIGN_ROWS:,} more campaigns '
            "(see --format json)</p>"
        )
    return (
        "<table><thead><tr><th>campaign</th><th>state (stored)</th><th>paused until</th>"
        '<th title="a projection: what auditor run would change">next run</th>'
        '<th class="num">messages</th><th class="num">errors</th><th class="num">warnings</th>'
        f'<th class="num">info</th></tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'
    )


def _campaign_html(
    campaign: Any, anchor: str, findings: list[Any], result: Any, docs: dict[str, dict[str, Any]]
) -> str:
    groups = _groups(findings, result)
    counts = _severity_line(campaign.findings)
    state = f"{_state_badge(campaign)} "
    if campaign.state is None:
        state += "stored state not read (--no-store)"
    elif campaign.state == "paused":
        state += (
            f"paused until {esc(when(campaign.until))}"
            if campaign.until
            else "paused until a person resumes it"
        )
    elif campaign.state == "flagged":
        state += "needs a person to look at it"
    else:
        state += "may send"
    if campaign.reason:
        state += f" — {esc(campaign.reason, 300)}"
    if getattr(campaign, "would", None):
        state += f" · next run: {_would_html(campaign)}"
    place = []
    if campaign.account and campaign.account not in ("local", "lint"):
        place.append(f"account {esc(campaign.account, 60)}")
    if campaign.marketplace:
        place.append(esc(campaign.marketplace, 60))
    place.append(f"{esc(campaign.kind, 40)} campaign")
    place.append(_plural(campaign.messages, "message"))
    out = [
        f'<article class="campaign state-{esc(campaign.state or "unknown", 20)}" id="{anchor}">',
        f"<h3>{esc(campaign.name, 200)}</h3>",
        f'<p class="state">{state}<br>{" · ".join(place)} · {counts}</p>',
    ]
    out.extend(_finding_html(g, docs) for g in groups[:MAX_GROUPS_PER_CAMPAIGN])
    if len(groups) > MAX_GROUPS_PER_CAMPAIGN:
        hidden = sum(g.count for g in groups[MAX_GROUPS_PER_CAMPAIGN:])
        out.append(
            f'<p class="more">+ {len(groups) - MAX_GROUPS_PER_CAMPAIGN:,} more distinct findings '
            f"({hidden:,} in all) in this campaign: see --format json.</p>"
        )
    if not groups:
        out.append('<p class="muted">No findings.</p>')
    out.append("</article>")
    return "\n".join(out)


_ISO_DAY = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
_KIND_CODE = re.compile(r"\b(" + "|".join(sorted(KIND_LABEL, key=len, reverse=True)) + r")\b")


def humanize(text: Any) -> str:
    """A note of the timeline model made readable: ISO dates as ``9 Dec
    2026``, kind codes as their labels (plain text; escape it after)."""

    def _date(match: re.Match[str]) -> str:
        try:
            value = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
        except ValueError:
            return match[0]
        return day(value) + (f" {match[4]}:{match[5]}" if match[4] else "")

    value = _ISO_DAY.sub(_date, "" if text is None else str(text))
    return _KIND_CODE.sub(lambda m: KIND_LABEL[m[1]].lower(), value)


def _received(value: datetime | None) -> str:
    value = _utc(value)
    if value is None:
        return "—"
    return (
        f'<span class="nowrap">{esc(day(value))}</span> '
        f'<span class="nowrap muted">{value:%H:%M} UTC</span>'
    )


def _notices_table(entries: Sequence[Any]) -> str:
    """Notices (timeline entries) numbered in order; possible phishing in red."""
    rows = []
    for index, e in enumerate(entries[:MAX_NOTICES], start=1):
        phishing = bool(e.phishing)
        auth = (
            _badge("⚠ possible phishing", "phishing")
            if phishing
            else _badge(e.authenticity, e.authenticity)
        )
        ids = [*e.asins, *e.order_ids, *e.complaint_ids, *e.case_ids]
        ids_html = " ".join(f'<span class="mono id">{esc(i, 40)}</span>' for i in ids[:8])
        if len(ids) > 8:
            ids_html += f" +{len(ids) - 8}"
        sender = f'<div class="from">from <span class="mono">{esc(e.sender, 200)}</span></div>'
        rows.append(
            f'<tr class="{"phishing" if phishing else ""}" id="n{index}">'
            f'<td class="num">{index}</td><td>{_received(e.date)}</td>'
            f"<td><b>{esc(_kind(e.kind))}</b><br>{auth}</td>"
            f'<td class="wrap">{esc(e.subject, 300)}{sender}</td>'
            f"<td>{ids_html}</td>"
            f'<td class="wrap note">{esc(humanize(e.note), 600)}</td></tr>'
        )
    more = ""
    if len(entries) > MAX_NOTICES:
        more = (
            f'<p class="more">+ {len(entries) - MAX_NOTICES:,} more notices (see --format json)</p>'
        )
    return (
        '<table class="notices"><colgroup><col class="c-n"><col class="c-date"><col class="c-kind">'
        '<col class="c-subject"><col class="c-ids"><col class="c-note"></colgroup>'
        '<thead><tr><th class="num">#</th><th>received</th><th>kind</th><th>subject and sender</th>'
        f"<th>IDs</th><th>note</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"
    )


def _unreadable(errors: Sequence[dict[str, Any]]) -> str:
    if not errors:
        return ""
    items = "".join(
        f'<li><span class="mono">{esc(e.get("source"), 300)}</span>: '
        f"{esc(e.get('error'), 300)}</li>"
        for e in errors[:MAX_ERRORS]
    )
    more = (
        f'<p class="more">+ {len(errors) - MAX_ERRORS:,} more (see --format json)</p>'
        if len(errors) > MAX_ERRORS
        else ""
    )
    return (
        f'<h2 id="unreadable">Messages that could not be read cleanly ({len(errors):,})</h2>'
        f"<ul>{items}</ul>{more}"
    )


def render(result: Any, now: datetime | None = None, **_options: Any) -> str:
    """The audit as one self-contained HTML page (see the module docstring).

    ``result`` is an :class:`auditor.audit.AuditResult` (or a lint result of
    the same shape); ``now`` (default :func:`auditor.clock.now`, which honours
    ``AUDITOR_NOW``) decides which restrictions are still running.
    """
    from auditor import clock

    now = _utc(now) or clock.now().astimezone(UTC)
    try:
        from auditor.notices.timeline import build_timeline

        timeline = build_timeline(result.notices, now)
    except Exception:  # the notices layer is optional for a lint report
        timeline = None
    docs = _docs(f.rule for f in result.findings)
    states: dict[str, int] = {}
    for campaign in result.campaigns.values():
        states[campaign.state] = states.get(campaign.state, 0) + 1

    campaigns = _sorted_campaigns(result)
    by_key: dict[tuple[str | None, str], list[Any]] = {}
    for finding in result.findings:
        by_key.setdefault(_campaign_key(finding), []).append(finding)
    shown: list[tuple[Any, str, list[Any]]] = []
    anchors: dict[int, str] = {}
    claimed: set[tuple[str | None, str]] = set()
    for index, campaign in enumerate(campaigns):
        key = (campaign.account, campaign.name)
        if key not in by_key:
            key = (None, campaign.name)
        findings = by_key.get(key, []) if key not in claimed else []
        claimed.add(key)
        if not findings:
            continue
        if len(shown) < MAX_CAMPAIGNS:
            anchor = f"campaign-{index + 1}"
            anchors[id(campaign)] = anchor
            shown.append((campaign, anchor, findings))
    names = {(c.account, c.name) for c in campaigns} | {(None, c.name) for c in campaigns}
    loose = [f for key, items in by_key.items() if key not in names for f in items]

    title = f"Buyer-messaging audit — {day(now)}"
    body = [
        f"<header><h1>{esc(title)}</h1>",
        f'<p class="sub">{_plural(result.sent_messages, "message")} to buyers and '
        f"{_plural(len(result.notices), 'Amazon notice')} checked against Amazon's buyer-seller "
        f"messaging guidelines. Report made {esc(when(now))}.</p>",
        '<nav class="toc"><a href="#status">Status</a><a href="#rules-summary">Findings by rule</a>'
        '<a href="#campaigns">Campaigns</a><a href="#notices">Amazon notices</a>'
        '<a href="#rules">Rule explanations</a></nav></header>',
        _banner(result, now, timeline, states),
        _cards(result, states),
        '<h2 id="rules-summary">Findings by rule</h2>',
        _by_rule(result, docs),
        '<h2 id="campaigns">Campaigns, worst first</h2>',
    ]
    if campaigns:
        body.append(_campaign_table(campaigns, anchors))
    else:
        body.append('<p class="muted">No message to a buyer was found.</p>')
    body.extend(_campaign_html(c, a, f, result, docs) for c, a, f in shown)
    hidden = sum(1 for c in campaigns if c.findings and sum(c.findings.values())) - len(shown)
    if hidden > 0:
        body.append(
            f'<p class="more">+ {hidden:,} more campaigns with findings (see --format json).</p>'
        )
    if loose:
        groups = _groups(loose, result)
        body.append('<h2 id="other-findings">Findings outside any campaign</h2>')
        body.extend(_finding_html(g, docs) for g in groups[:MAX_OTHER_GROUPS])
        if len(groups) > MAX_OTHER_GROUPS:
            body.append(
                f'<p class="more">+ {len(groups) - MAX_OTHER_GROUPS:,} more (see --format json)</p>'
            )
    body.append('<h2 id="notices">Amazon notices</h2>')
    if timeline is not None and timeline.entries:
        phishing = timeline.phishing
        if phishing:
            body.append(
                '<div class="callout"><b>⚠ Possible phishing.</b> '
                f"{_plural(len(phishing), 'mail')} imitate Amazon but do not come from it. Do not "
                "click their links, open their attachments or reply; report them to "
                "stop-spoofing@amazon.com from your mail program.</div>"
            )
        body.append(_notices_table(timeline.entries))
        body.append(
            '<p class="muted">For an appeal, <code>auditor timeline --format html</code> '
            "draws these notices on a time axis with the items still open.</p>"
        )
    else:
        body.append('<p class="muted">No Amazon notice found.</p>')
    body.append(_unreadable(result.errors))
    body.append('<h2 id="rules">What the rules mean</h2>')
    if docs:
        body.extend(rule_section(info, max_examples=3) for info in docs.values())
    else:
        body.append('<p class="muted">No rule was broken.</p>')
    body.append(_footer(now))
    return _page(title, "\n".join(body))


# -- the timeline ---------------------------------------------------------------------------
def group_of(entry: Any) -> str:
    """The timeline lane of an entry: ``phishing`` for a suspicious one, else
    its kind's group (see :data:`GROUPS`)."""
    if entry.phishing:
        return "phishing"
    for name, (_label, kinds) in GROUPS.items():
        if entry.kind in kinds:
            return name
    return "other"


def _ticks(start: datetime, end: datetime) -> list[tuple[datetime, str]]:
    """Axis ticks between ``start`` and ``end`` (UTC), daily to yearly."""
    span = end - start
    first = start.replace(hour=0, minute=0, second=0, microsecond=0)
    ticks: list[tuple[datetime, str]] = []
    if span <= timedelta(days=16):
        current = first + timedelta(days=1)
        while current < end:
            ticks.append((current, f"{current.day} {current:%b}"))
            current += timedelta(days=1)
    elif span <= timedelta(days=120):
        current = first + timedelta(days=(7 - first.weekday()) % 7 or 7)
        while current < end:
            ticks.append((current, f"{current.day} {current:%b}"))
            current += timedelta(days=7)
    elif span <= timedelta(days=1000):
        year, month = first.year, first.month + 1
        while True:
            if month > 12:
                year, month = year + 1, 1
            current = first.replace(year=year, month=month, day=1)
            if current >= end:
                break
            ticks.append(
                (current, f"{current:%b %Y}" if month == 1 or not ticks else f"{current:%b}")
            )
            month += 1
    else:
        year = first.year + 1
        while True:
            current = first.replace(year=year, month=1, day=1)
            if current >= end:
                break
            ticks.append((current, str(year)))
            year += 1
    return ticks


def _axis_labels(
    dated: Sequence[tuple[int, Any]],
    start: datetime,
    end: datetime,
    x_of: Any,
    top: float,
    bottom: float,
) -> tuple[list[str], int]:
    """The time axis: every day with a notice labelled (staggered over rows
    where labels would overlap), plus the regular ticks where there is room.
    Returns the SVG pieces and the number of label rows used."""
    days: dict[str, datetime] = {}
    for _number, entry in dated:
        moment = _utc(entry.date)
        days.setdefault(f"{moment:%Y-%m-%d}", moment)
    rows: list[float] = []  # the right edge of the last label on each row
    pieces: list[str] = []
    placed: list[tuple[float, float]] = []  # (left, right) of labels on the first row
    for moment in sorted(days.values()):
        x = x_of(moment)
        label = f"{moment.day} {moment:%b}"
        half = len(label) * 3.6 + 3
        row = next((i for i, edge in enumerate(rows) if edge <= x - half), None)
        if row is None:
            if len(rows) < MAX_LABEL_ROWS:
                rows.append(0.0)
                row = len(rows) - 1
            else:  # too many days too close: the least crowded row
                row = min(range(len(rows)), key=lambda i: rows[i])
        rows[row] = x + half
        if row == 0:
            placed.append((x - half, x + half))
        ty = bottom + 20 + row * 16
        pieces.append(
            f'<g class="tick event-day"><line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" '
            f'y2="{ty - 11}"/><text x="{x:.1f}" y="{ty}">{esc(label)}</text></g>'
        )
    for moment, label in _ticks(start, end):
        x = x_of(moment)
        half = len(label) * 3.6 + 3
        free = all(right < x - half or left > x + half for left, right in placed)
        text = f'<text x="{x:.1f}" y="{bottom + 20}">{esc(label)}</text>' if free else ""
        if free:
            placed.append((x - half, x + half))
        pieces.insert(
            0,
            f'<g class="tick"><line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" '
            f'y2="{bottom + 4}"/>{text}</g>',
        )
    return pieces, max(1, len(rows))


@dataclass
class _Marker:
    number: int
    entry: Any
    x: float
    level: int = 0


def timeline_svg(timeline: Any, width: int = 1000) -> str:
    """The timeline as an inline SVG: one lane per kind group, a numbered dot
    per notice (the number is its row in the table), restriction periods as
    bars, open items ringed, a dashed line at ``now``."""
    now = _utc(timeline.now) or datetime.now(UTC)
    dated = [(i, e) for i, e in enumerate(timeline.entries, start=1) if e.date is not None]
    if not dated:
        return '<p class="muted">No dated notice to draw.</p>'
    open_ids = {m for item in timeline.open_items for m in item.message_ids}
    times = [_utc(e.date) for _i, e in dated] + [now]
    for _i, e in dated:
        if e.kind in RESTRICTION_KINDS and e.ends_at is not None and not e.phishing:
            times.append(_utc(e.ends_at))
    start, end = min(times), max(times)
    if end - start < timedelta(days=2):
        start, end = start - timedelta(days=1), end + timedelta(days=1)
    pad = (end - start) * 0.04
    start, end = start - pad, end + pad
    left, right, top, lane_gap, row = 170, 24, 38, 10, 26
    plot = width - left - right
    seconds = (end - start).total_seconds()

    def x_of(value: datetime) -> float:
        return left + plot * ((_utc(value) - start).total_seconds() / seconds)

    lanes: dict[str, list[_Marker]] = {name: [] for name in GROUPS}
    for number, entry in dated:
        lanes[group_of(entry)].append(_Marker(number, entry, x_of(entry.date)))
    overflow: dict[str, list[float]] = {}
    depth: dict[str, int] = {}
    for name, markers in lanes.items():
        ends: list[float] = []  # the right edge of the last marker at each level
        kept = []
        for marker in sorted(markers, key=lambda m: (m.x, m.number)):
            level = next((k for k, edge in enumerate(ends) if edge <= marker.x - 24), None)
            if level is None:
                if len(ends) >= MAX_STACK:
                    overflow.setdefault(name, []).append(marker.x)
                    continue
                ends.append(0.0)
                level = len(ends) - 1
            ends[level] = marker.x
            marker.level = level
            kept.append(marker)
        lanes[name] = kept
        depth[name] = max(1, len(ends))
    used = [name for name in GROUPS if lanes[name] or overflow.get(name)]

    out: list[str] = []
    y = top
    lane_y: dict[str, int] = {}
    for index, name in enumerate(used):
        height = depth[name] * row + lane_gap
        lane_y[name] = y
        out.append(
            f'<rect class="lane-bg{" alt" if index % 2 else ""}" x="0" y="{y}" '
            f'width="{width}" height="{height}"/>'
        )
        label_class = "lane-label phishing" if name == "phishing" else "lane-label"
        out.append(
            f'<text class="{label_class}" x="8" y="{y + height / 2 + 4:.1f}">'
            f"{esc(GROUPS[name][0])}</text>"
        )
        y += height
    bottom = y
    ticks, label_rows = _axis_labels(dated, start, end, x_of, top, bottom)
    shapes: list[str] = []
    for name in used:
        base = lane_y[name] + lane_gap / 2 + row / 2
        for marker in lanes[name]:
            entry = marker.entry
            cy = base + marker.level * row
            if name == "restriction" and entry.kind in RESTRICTION_KINDS:
                stop = x_of(entry.ends_at) if entry.ends_at is not None else left + plot
                if stop > marker.x:
                    bar_class = "bar" if entry.ends_at is not None else "bar open-ended"
                    shapes.append(
                        f'<rect class="{bar_class}" x="{marker.x:.1f}" y="{cy - 5:.1f}" '
                        f'width="{stop - marker.x:.1f}" height="10" rx="3"/>'
                    )
                    label = (
                        "permanent"
                        if entry.permanent
                        else f"until {day(entry.ends_at)}"
                        if entry.ends_at
                        else "no end stated"
                    )
                    anchor_x = stop - 4 if stop - marker.x > 120 else marker.x + 16
                    text_anchor = "end" if stop - marker.x > 120 else "start"
                    shapes.append(
                        f'<text class="bar-label" x="{anchor_x:.1f}" y="{cy - 8:.1f}" '
                        f'text-anchor="{text_anchor}">{esc(label)}</text>'
                    )
        for marker in lanes[name]:
            entry = marker.entry
            cy = base + marker.level * row
            tip = (
                f"#{marker.number} {when(entry.date)} — {_kind(entry.kind)}: "
                f"{clean(entry.subject, 160)}"
            )
            if entry.phishing:
                tip += " (POSSIBLE PHISHING)"
            ring = (
                f'<circle class="ring" cx="{marker.x:.1f}" cy="{cy:.1f}" r="14"/>'
                if entry.message_id in open_ids and not entry.phishing
                else ""
            )
            shapes.append(
                f'<g class="marker"><title>{esc(tip, 300)}</title>{ring}'
                f'<circle class="dot m-{name}" cx="{marker.x:.1f}" cy="{cy:.1f}" r="11"/>'
                f'<text x="{marker.x:.1f}" y="{cy + 4:.1f}">{marker.number}</text></g>'
            )
        for x in sorted(set(round(v) for v in overflow.get(name, ())))[:50]:
            count = sum(1 for v in overflow[name] if round(v) == x)
            shapes.append(
                f'<text class="overflow" x="{x + 12}" y="{base + (MAX_STACK - 1) * row + 4:.1f}">'
                f"+{count}</text>"
            )
    now_x = x_of(now)
    now_mark = (
        f'<g class="now"><line x1="{now_x:.1f}" y1="{top - 6}" x2="{now_x:.1f}" '
        f'y2="{bottom}"/><text x="{now_x:.1f}" y="{top - 10}">now: {esc(day(now))}</text></g>'
    )
    height = bottom + 30 + (label_rows - 1) * 16
    desc = (
        f"{len(dated)} notices from {day(dated[0][1].date)} to {day(dated[-1][1].date)}; "
        f"{len(timeline.open_items)} open items"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="axis-title axis-desc">'
        '<title id="axis-title">Account-health timeline</title>'
        f'<desc id="axis-desc">{esc(desc)}</desc>'
        + "".join(out)
        + "".join(ticks)
        + now_mark
        + "".join(shapes)
        + "</svg>"
    )


def _legend(timeline: Any) -> str:
    used = {group_of(e) for e in timeline.entries if e.date is not None}
    items = [
        f'<li><span class="sw sw-{name}"></span>{esc(label)}</li>'
        for name, (label, _kinds) in GROUPS.items()
        if name in used
    ]
    if any(e.kind in RESTRICTION_KINDS and not e.phishing for e in timeline.entries):
        items.append('<li><span class="sw sw-bar"></span>restriction period</li>')
    if timeline.open_items:
        items.append('<li><span class="sw sw-open"></span>still open</li>')
    items.append("<li>numbers = rows of the table below</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def _chains(timeline: Any) -> str:
    if not timeline.asins:
        return '<p class="muted">No ASIN named by a complaint, retraction or clearance.</p>'
    items = []
    for chain in timeline.asins[:MAX_NOTICES]:
        steps = '<span class="arrow">→</span>'.join(
            f'<span class="step">{esc(_kind(ev.kind))} · {esc(day(ev.date))}</span>'
            for ev in chain.events[:20]
        )
        state = (
            _badge("OPEN: not cleared", "open")
            if chain.open
            else _badge(f"✓ {chain.status}", "closed")
        )
        items.append(f'<li><b class="mono">{esc(chain.asin, 40)}</b>: {steps} {state}</li>')
    return f'<ul class="chain">{"".join(items)}</ul>'


def _open_items(timeline: Any) -> str:
    if not timeline.open_items:
        return (
            '<section class="callout ok" id="open"><h2>Nothing open</h2><p>Every complaint is '
            "cleared, no restriction is running and no appeal is waiting.</p></section>"
        )
    items = []
    for item in timeline.open_items[:MAX_NOTICES]:
        since = f"since {esc(when(item.since))}" if item.since else ""
        until = f", until {esc(when(item.until))}" if item.until else ""
        what = (
            f'<span class="mono">{esc(item.subject, 40)}</span>'
            if item.kind == "asin"
            else esc(item.subject, 300)
        )
        items.append(
            f"<li><b>{esc(OPEN_LABEL.get(item.kind, item.kind))}</b>: {what} ({since}{until}) — "
            f"{esc(humanize(item.detail), 300)}</li>"
        )
    return (
        f'<section class="callout" id="open"><h2>Still open on {esc(day(timeline.now))} '
        f"({len(timeline.open_items)})</h2><ul>{''.join(items)}</ul></section>"
    )


def _phishing(timeline: Any) -> str:
    entries = timeline.phishing
    if not entries:
        return '<p class="muted">None found.</p>'
    items = "".join(
        f"<li><b>⚠ {esc(when(e.date))}</b> “{esc(e.subject, 300)}” from "
        f'<span class="mono">{esc(e.sender, 200)}</span>: {esc(humanize(e.note), 400)}</li>'
        for e in entries[:MAX_NOTICES]
    )
    return (
        '<div class="callout"><p><b>These mails imitate Amazon but do not come from it.</b> They '
        "change nothing in this timeline. Do not click their links or reply.</p>"
        f"<ul>{items}</ul></div>"
    )


def render_timeline_html(timeline: Any) -> str:
    """``auditor timeline --format html``: the account-health timeline as one
    printable page for an appeal (``timeline`` is a
    :class:`auditor.notices.timeline.Timeline`)."""
    now = _utc(timeline.now) or datetime.now(UTC)
    entries = timeline.entries
    dated = [e.date for e in entries if e.date is not None]
    span = f" from {day(min(dated))} to {day(max(dated))}" if dated else ""
    title = f"Account-health timeline — as of {day(now)}"
    summary = (
        f"{_plural(len(entries), 'Amazon notice')}{span} · "
        f"{_plural(len(timeline.open_items), 'open item')} · "
        f"{_plural(len(timeline.phishing), 'possible phishing mail', 'possible phishing mails')}"
    )
    body = [
        f'<header><h1>{esc(title)}</h1><p class="sub">{esc(summary)}. Every notice in the order '
        "received; the numbers on the axis are the rows of the table.</p></header>",
        '<figure class="axis">' + timeline_svg(timeline) + _legend(timeline) + "</figure>",
        _open_items(timeline),
        '<h2 id="notices">Notices</h2>',
        _notices_table(entries) if entries else '<p class="muted">No Amazon notice found.</p>',
        '<h2 id="asins">ASINs: complaint → retraction → cleared</h2>',
        _chains(timeline),
        '<h2 id="phishing">Possible phishing</h2>',
        _phishing(timeline),
        _footer(now, f"Timeline as of {esc(when(now))}. "),
    ]
    return _page(title, "\n".join(body))
