"""The HTML reports' templates: the Jinja2 environment escapes by default and
is strict, no template marks a value safe, and every page keeps hostile
values (subject, body, campaign name, sender, IDs, notes, file names, error
texts) as text, in the markup and in a real Chromium."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from auditor.audit import AuditResult, CampaignSummary
from auditor.notices.model import Authenticity, Notice, NoticeKind
from auditor.notices.timeline import (
    AsinChain,
    ChainEvent,
    OpenItem,
    Timeline,
    TimelineEntry,
    build_timeline,
)
from auditor.report.html import environment, render, render_rules_html, render_timeline_html
from rules.finding import Finding

NOW = datetime(2026, 11, 22, tzinfo=UTC)
PACKAGE = Path(__file__).resolve().parents[2] / "auditor" / "report"

#: What a hostile sender puts where a report shows it: one payload per field,
#: each a different trick (markup, attribute break-out, URL schemes, template
#: syntax, comment and CDATA openers, bidi override), in several languages.
HOSTILE = {
    "campaign": '</h3><script>alert("campaign")</script>Kampagne',
    "subject": '"><img src=x onerror=alert("subject")> ご注文について',
    "body": "</blockquote><iframe src=//evil.example></iframe> Votre avis",
    "evidence": "<svg onload=alert('evidence')> leave a review",
    "message_id": '<x" onmouseover="alert(\'mid\')"@evil.example>',
    "order": "113-<b>1</b>-javascript:alert(1)",
    "related": "<a href=javascript:alert('related')>r</a>",
    "reason": "{{ 7 * 7 }}{% raw %} paused by <style>*{display:none}</style>",
    "sender": "<form action=//evil.example><input name=p></form>@amazon.com",
    "notice": "]]><!-- <base href=//evil.example/> --> Restricción de mensajes",
    "note": "<object data=x.swf></object> nota",
    "asin": "B0<svg/onload=alert(9)>",
    "source": "/mail/<img src=x onerror=alert('file')>.eml",
    "error": "bad header <link rel=stylesheet href=//evil.example/x.css>",
    "marketplace": "amazon.de<script>alert('mp')</script>",
    "bidi": "invoice\u202egnp.exe",
}
FORBIDDEN_TAGS = {
    "script", "img", "iframe", "object", "embed", "form", "input", "link", "base",
    "video", "audio", "textarea", "math", "frame", "frameset", "applet", "meta",
}  # fmt: skip


class _Page(HTMLParser):
    """Tags, attributes and the decoded text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def assert_inert(page: str, shown: list[str]) -> None:
    """Nothing in ``page`` can run or fetch, and every hostile value in
    ``shown`` is on it as text."""
    parsed = parse(page)
    head_meta = 0
    for tag, attrs in parsed.tags:
        if tag == "meta":  # the page's own five, all in the head
            head_meta += 1
            continue
        assert tag not in FORBIDDEN_TAGS, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "xlink:href", "data"):
                assert (value or "").startswith("#"), (tag, name, value)
    assert head_meta == 5
    assert sum(1 for tag, _ in parsed.tags if tag == "style") == 1
    assert parsed.comments == []
    assert "\u202e" not in page
    text = "".join(parsed.text)
    for value in shown:
        assert value.replace("\u202e", "\ufffd") in text, value


def hostile_result() -> AuditResult:
    result = AuditResult(generated_at=NOW)
    name = HOSTILE["campaign"]
    result.campaigns[("local", name)] = CampaignSummary(
        name,
        messages=2,
        state="paused",
        reason=HOSTILE["reason"],
        marketplace=HOSTILE["marketplace"],
        findings={"error": 2, "warning": 0, "info": 0},
        would="pause",
    )
    context = f"{HOSTILE['body']} {HOSTILE['evidence']} {HOSTILE['bidi']}"
    start = context.index(HOSTILE["evidence"])
    for index, campaign in enumerate((name, "")):
        result.findings.append(
            Finding(
                rule="BSM301",
                name="review-incentive",
                severity="error",
                message_id=HOSTILE["message_id"],
                campaign=campaign,
                order_id=HOSTILE["order"],
                date=NOW - timedelta(days=1 + index),
                subject=HOSTILE["subject"],
                location="text",
                evidence=HOSTILE["evidence"],
                related=[HOSTILE["related"]],
                context=context,
                context_span=(start, start + len(HOSTILE["evidence"])),
            )
        )
    result.notices.append(
        Notice(
            kind=NoticeKind("messaging_restriction"),
            message_id=HOSTILE["message_id"],
            subject=HOSTILE["notice"],
            received_at=NOW - timedelta(days=3),
            authenticity=Authenticity("unverified"),
            marketplace=HOSTILE["marketplace"],
            ends_at=NOW + timedelta(days=20),
            asins=[HOSTILE["asin"]],
            sender=HOSTILE["sender"],
            period_text=HOSTILE["reason"],
        )
    )
    result.errors.append({"source": HOSTILE["source"], "error": HOSTILE["error"]})
    return result


def hostile_timeline() -> Timeline:
    entry = TimelineEntry(
        date=NOW - timedelta(days=5),
        kind="ip_complaint",
        subject=HOSTILE["notice"],
        sender=HOSTILE["sender"],
        authenticity="verified",
        message_id=HOSTILE["message_id"],
        asins=(HOSTILE["asin"],),
        order_ids=(HOSTILE["order"],),
        note=HOSTILE["note"],
    )
    phishing = TimelineEntry(
        date=NOW - timedelta(days=2),
        kind="account_deactivated",
        subject=HOSTILE["subject"],
        sender=HOSTILE["sender"],
        authenticity="suspicious",
        message_id="<p@x>",
        phishing=True,
        note=HOSTILE["bidi"],
    )
    chain = AsinChain(
        HOSTILE["asin"], (ChainEvent(entry.date, "ip_complaint", entry.message_id),), "complaint"
    )
    item = OpenItem("asin", HOSTILE["asin"], entry.date, None, HOSTILE["note"], (entry.message_id,))
    return Timeline(NOW, (entry, phishing), (chain,), (item,))


# -- the environment --------------------------------------------------------------------------
def test_environment_autoescapes_and_is_strict() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    assert env.loader is not None and "audit.html" in env.loader.list_templates()
    template = env.from_string("<p title='{{ v }}'>{{ v }}</p>")
    assert template.render(v="<b onclick='x()'>&") == (
        "<p title='&lt;b onclick=&#39;x()&#39;&gt;&amp;'>&lt;b onclick=&#39;x()&#39;&gt;&amp;</p>"
    )
    # what a template prints loses control and bidi characters (None prints nothing)
    assert env.from_string("{{ v }}|{{ n }}").render(v="a\u202eb\x1b", n=None) == "a\ufffdb\ufffd|"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    for name in ("audit.html", "timeline.html", "rules.html", "standing.html"):
        assert env.get_template(name).environment is env


def test_templates_mark_nothing_safe() -> None:
    """No template turns escaping off; Python makes markup only from literal
    format strings (markupsafe escapes what goes in)."""
    templates = sorted((PACKAGE / "templates").glob("*.html"))
    assert len(templates) >= 8
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup|\|\s*e\b", text), path
    made = []
    for path in sorted((PACKAGE / "html").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Markup":
                literal = node.args and isinstance(node.args[0], ast.Constant)
                if not literal:
                    made.append(f"{path.name}:{node.lineno}")
    # the one exception: the standing section, itself an autoescaped template's output
    assert made == [f"render.py:{_banner_line()}"]


def _banner_line() -> int:
    source = (PACKAGE / "html" / "render.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(source, 1) if 'render_template("standing.html"' in line)


# -- every page with hostile values -----------------------------------------------------------
def test_audit_page_keeps_hostile_values_inert() -> None:
    page = render(hostile_result(), now=NOW)
    shown = [HOSTILE[k] for k in ("campaign", "subject", "evidence", "message_id", "order",
                                  "related", "reason", "sender", "notice", "source", "error",
                                  "marketplace", "bidi")]  # fmt: skip
    shown.append(HOSTILE["body"].strip())
    assert_inert(page, shown)
    assert "Findings outside any campaign" in page and "would pause" in page


def test_timeline_page_keeps_hostile_values_inert() -> None:
    page = render_timeline_html(hostile_timeline())
    assert_inert(page, [HOSTILE[k] for k in ("notice", "sender", "asin", "order", "note",
                                             "subject", "bidi")])  # fmt: skip
    assert page.count("<svg") == 1 and 'class="dot m-phishing"' in page
    # the tooltip of the phishing dot holds the subject as text
    assert "&#34;&gt;&lt;img src=x onerror=alert(&#34;subject&#34;)&gt;" in page


def test_timeline_from_hostile_notices_is_inert() -> None:
    """The timeline the audit builds from the hostile notice, drawn."""
    timeline = build_timeline(hostile_result().notices, NOW)
    assert_inert(render_timeline_html(timeline), [HOSTILE["notice"], HOSTILE["sender"]])


def test_rules_page_keeps_documentation_text() -> None:
    info = {
        "code": "<BSM1>",
        "name": HOSTILE["campaign"],
        "severity": '"error',
        "summary": HOSTILE["subject"],
        "what": f"flags ``{HOSTILE['evidence']}`` and {HOSTILE['body']}",
        "why": HOSTILE["reason"],
        "fix": HOSTILE["note"],
        "bad": [{"lang": "de", "message": HOSTILE["body"], "note": HOSTILE["bidi"]}],
        "good": [{"lang": "ja", "message": HOSTILE["subject"]}],
        "options": {"x<y": {"default": HOSTILE["asin"], "help": HOSTILE["error"]}},
    }
    page = render_rules_html([info, dict(info, code="BSM999")])
    assert_inert(page, [HOSTILE["campaign"], HOSTILE["subject"], HOSTILE["reason"],
                        HOSTILE["note"], repr(HOSTILE["asin"]), HOSTILE["error"]])  # fmt: skip
    # ``literals`` become <code>, their text still escaped
    assert f"<code>{'&lt;svg onload=alert(&#39;evidence&#39;)&gt; leave a review'}</code>" in page
    assert 'id="rule-unknown"' in page and 'id="rule-BSM999"' in page


@pytest.mark.chromium
def test_hostile_pages_run_nothing_in_chromium(browser, tmp_path: Path) -> None:
    from tests.report.test_browser import INERT_CHECK, severe

    pages = {
        "audit": render(hostile_result(), now=NOW),
        "timeline": render_timeline_html(hostile_timeline()),
    }
    for name, page in pages.items():
        # the Content-Security-Policy taken away: escaping alone must hold
        stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        path = tmp_path / f"{name}.html"
        path.write_text(stripped, encoding="utf-8")
        browser.console()
        browser.open(path)
        result = browser.run(INERT_CHECK)
        assert result["bad"] == [] and "pwned" not in result["title"], name
        assert severe(browser.console()) == [], name
        text = browser.run("return document.body.innerText")
        assert HOSTILE["notice"] in text, name
        if name == "audit":
            assert HOSTILE["campaign"] in text and HOSTILE["subject"] in text
