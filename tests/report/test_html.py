"""The HTML reports as text: self-contained, escaped, bounded, and built from
the one source of rule documentation. (What a person sees in a browser is in
``test_browser.py``.)"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor.audit import Auditor, AuditResult, CampaignSummary
from auditor.config import load_config
from auditor.notices.timeline import Timeline, TimelineEntry, build_timeline
from auditor.report import formats
from auditor.report.html import (
    CSP,
    MAX_GROUPS_PER_CAMPAIGN,
    MAX_STACK,
    clean,
    esc,
    group_of,
    humanize,
    render,
    render_rules_html,
    render_timeline_html,
    rule_section,
    timeline_svg,
)
from rules.docs import catalogue, describe
from rules.finding import CONTEXT_MARK_LIMIT, CONTEXT_RADIUS, Finding, excerpt

NOW = datetime(2026, 11, 22, tzinfo=UTC)
CONTRACT_FINDING_KEYS = {
    "rule",
    "name",
    "severity",
    "message_id",
    "campaign",
    "order_id",
    "date",
    "subject",
    "location",
    "evidence",
    "related",
    "source",
}


@pytest.fixture(scope="module")
def corpus_result(corpus: Path) -> AuditResult:
    # the corpus's receiving server trusted, as a seller's config would: its notices verify
    config = load_config(None)
    config.data["notices"] = {"trusted_authserv_ids": ["mx.seller-mail.example"]}
    result = Auditor(config).audit([str(corpus)])
    from auditor.campaigns.policy import project_unstored

    # As `audit --no-store` leaves it: no stored state, only the projection.
    for summary in result.campaigns.values():
        summary.state, summary.until, summary.reason = None, None, None
        summary.would, summary.would_until, summary.would_reason = project_unstored(
            summary.kind, summary.marketplace, result.notices, NOW
        )
    return result


class _Refs(HTMLParser):
    """Attributes that would fetch or navigate, elements that run or embed,
    and CSS that loads anything, as a browser's parser sees the page."""

    LINKS = {"src", "href", "action", "formaction", "srcset", "xlink:href", "data", "poster"}
    ACTIVE = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "video"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.ACTIVE:
            self.found.append(f"<{tag}>")
        self._style = tag == "style"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in self.LINKS and not (value or "").startswith("#"):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        if self._style and re.search(r"url\(|@import", data):
            self.found.append("CSS loads a resource")

    def handle_endtag(self, tag: str) -> None:
        self._style = False


def external_references(page: str) -> list[str]:
    parser = _Refs()
    parser.feed(page)
    parser.close()
    return parser.found


# -- escaping ----------------------------------------------------------------------------
def test_esc_makes_markup_and_attributes_inert() -> None:
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    # markupsafe's entities: quotes escaped too, so a value is safe in a quoted attribute
    assert esc('x" onmouseover="y') == "x&#34; onmouseover=&#34;y"
    assert esc("it's") == "it&#39;s"
    # bidi overrides and control characters would let a mail reorder what is read
    assert clean("abc\u202eexe.pdf\x00") == "abc\ufffdexe.pdf\ufffd"
    assert clean("line\nnext\ttab") == "line\nnext\ttab"
    assert len(clean("x" * 1000, 50)) == 50


def test_humanize_dates_and_kinds() -> None:
    assert humanize("messaging_restriction: runs until 2026-12-09") == (
        "messaging restriction: runs until 9 Dec 2026"
    )
    assert humanize("until 2026-13-45") == "until 2026-13-45"


# -- the engine keeps an excerpt for the highlight --------------------------------------
def test_excerpt_is_bounded_and_cut_at_words() -> None:
    text = "word " * 500 + "The offending sentence." + " tail" * 500
    start = text.index("The")
    context, (s, e) = excerpt(text, (start, start + len("The offending sentence.")))
    assert context[s:e] == "The offending sentence."
    assert context.startswith("…word") and context.endswith("tail…")
    assert len(context) <= 2 * CONTEXT_RADIUS + 2 + len("The offending sentence.")


def test_excerpt_of_long_evidence_and_cjk_and_bad_spans() -> None:
    long = "x " * 10 + "A" * 2000
    context, (s, e) = excerpt(long, (20, 2020))
    assert e - s == CONTEXT_MARK_LIMIT + 1 and context[s:e].endswith("…")
    japanese = (
        "ご注文ありがとうございます。" * 40 + "星5つのレビューをお願いします。" + "よろしく。" * 40
    )
    start = japanese.index("星5つ")
    context, (s, e) = excerpt(japanese, (start, start + len("星5つのレビューをお願いします。")))
    assert context[s:e] == "星5つのレビューをお願いします。"
    assert s > 50  # text before it is kept although Japanese has no spaces
    assert excerpt("short", (2, 99)) is None
    assert excerpt("short", None) is None
    # a span into another text than the evidence's must not highlight wrong words
    assert excerpt("some other words", (0, 10), "Please stop emailing me") is None
    assert excerpt("a b\n\n\n c", (0, 8)) == ("a b\nc", (0, 5))


def test_findings_carry_context_and_keep_the_contract_json(corpus_result: AuditResult) -> None:
    bsm101 = next(f for f in corpus_result.findings if f.rule == "BSM101")
    start, end = bsm101.context_span
    assert bsm101.context[start:end].startswith("[Important]")
    bsm301 = next(f for f in corpus_result.findings if f.rule == "BSM301")
    start, end = bsm301.context_span
    assert bsm301.context[start:end] == bsm301.evidence
    assert "Thank you for your order" in bsm301.context[:start]
    for finding in corpus_result.findings:
        assert set(finding.to_dict()) == CONTRACT_FINDING_KEYS
        if finding.context is not None:
            assert len(finding.context) <= 2 * CONTEXT_RADIUS + CONTEXT_MARK_LIMIT + 3
    # cross-message findings without text to show still render (evidence alone)
    assert any(f.context is None for f in corpus_result.findings if f.location == "thread")


# -- the audit page --------------------------------------------------------------------------
def test_audit_page_is_self_contained_with_a_strict_csp(corpus_result: AuditResult) -> None:
    assert formats()["html"] is render
    page = render(corpus_result, now=NOW)
    assert page.startswith("<!DOCTYPE html>")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert csp is not None
    policy = html.unescape(csp.group(1))
    assert policy == CSP
    assert "default-src 'none'" in policy and "img-src data:" in policy
    assert "script-src" not in policy
    assert "<script" not in page.lower()
    assert external_references(page) == []


def test_audit_banner_lists_restrictions_and_when_they_lift(corpus_result: AuditResult) -> None:
    page = render(corpus_result, now=NOW)
    banner = page[page.index('id="status"') : page.index('class="cards"')]
    assert "Proactive messaging is restricted on amazon.com and amazon.de" in banner
    # Nothing was read from a store: the banner claims no pause, only the projection.
    assert "campaigns paused" not in banner
    assert "<code>auditor run</code> would pause 13 campaigns" in banner
    assert "9 Dec 2026, 08:12 UTC" in banner and "17 days from now" not in banner
    assert "18 days from now" in banner
    assert "no end date stated" in banner


def test_audit_banner_one_restriction_and_after_it_ended(corpus_result: AuditResult) -> None:
    import copy

    result = copy.copy(corpus_result)
    result.notices = [
        n
        for n in corpus_result.notices
        if not (
            n.kind.value.endswith("restriction")
            and (n.ends_at is None or n.marketplace == "amazon.de")
        )
    ]
    page = render(result, now=NOW)
    assert "Proactive messaging is restricted until 9 Dec 2026" in page
    page = render(result, now=datetime(2027, 1, 1, tzinfo=UTC))
    assert "No messaging restriction is running" in page
    assert "ended 9 Dec 2026, 08:12 UTC" in page
    empty = AuditResult(generated_at=NOW)
    page = render(empty, now=NOW)
    assert "No messaging restriction found" in page and "No message breaks a rule" in page


def _finding(index: int, campaign: str, evidence: str, rule: str = "BSM301") -> Finding:
    return Finding(
        rule=rule,
        name="review-incentive",
        severity="error",
        message_id=f"<m{index}@x>",
        campaign=campaign,
        order_id=f"113-{index:07d}-1234567",
        date=NOW - timedelta(minutes=index),
        subject=f"Order {index}",
        location="text",
        evidence=evidence,
        context=f"Hello. {evidence} Bye.",
        context_span=(7, 7 + len(evidence)),
    )


def test_audit_page_size_is_bounded() -> None:
    """A huge audit: identical findings collapse, distinct ones are capped."""
    result = AuditResult(generated_at=NOW)
    result.campaigns[("local", "same")] = CampaignSummary("same", messages=20_000)
    result.campaigns[("local", "varied")] = CampaignSummary("varied", messages=3_000)
    for i in range(20_000):
        result.findings.append(_finding(i, "same", f"Review order {i} and get a gift."))
    for i in range(3_000):
        result.findings.append(
            _finding(
                i,
                "varied",
                f"Sentence {chr(65 + i % 26)}{i} here.".replace("0", "zero").replace("1", "one"),
            )
        )
    for i in range(2_000):
        name = f"c{i}"
        result.campaigns[("local", name)] = CampaignSummary(name, messages=1)
        result.findings.append(_finding(i, name, "Another gift offer."))
    per_campaign = Counter(f.campaign for f in result.findings)  # one pass: the log may spill
    for key, summary in result.campaigns.items():
        summary.findings["error"] = per_campaign[key[1]]
    page = render(result, now=NOW)
    assert "Same finding in 20,000 messages" in page
    assert page.count('class="finding ') <= 150 * MAX_GROUPS_PER_CAMPAIGN
    assert "more distinct findings" in page
    assert "more campaigns with findings" in page
    assert "more campaigns (see --format json)" in page
    assert len(page) < 4_000_000


# -- one source of rule documentation ---------------------------------------------------------
def test_rule_explanations_come_from_rules_docs(corpus_result: AuditResult) -> None:
    from rules.base import registry

    page = render(corpus_result, now=NOW)
    info = describe(registry()["BSM101"])
    assert rule_section(info, max_examples=3) in page
    assert esc(info["why"], None) in page and "guidelines.md" in info["why"]
    catalogue_page = render_rules_html()
    for rule in catalogue():
        assert f'id="rule-{rule["code"]}"' in catalogue_page
        assert esc(rule["fix"], None) in catalogue_page
        for case in rule["bad"] + rule["good"]:
            assert esc(case["message"], 4000) in catalogue_page
    assert external_references(catalogue_page) == []


def test_cli_rules_format_html(cli) -> None:
    status, out, _ = cli("rules", "BSM101", "--format", "html")
    assert status == 0 and 'id="rule-BSM101"' in out and "six triggers" in out
    status, out, _ = cli("rules", "--format", "html")
    assert status == 0 and out.count('class="rule"') == len(catalogue())


def test_cli_writes_both_pages(cli, corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AUDITOR_NOW", NOW.isoformat())
    report, timeline = tmp_path / "report.html", tmp_path / "timeline.html"
    status, _, err = cli("audit", corpus, "--format", "html", "-o", report, "--no-store")
    assert status == 1, err  # restricted, and errors found
    status, _, err = cli("timeline", corpus, "--format", "html", "-o", timeline, "--no-store")
    assert status == 0, err
    # no trusted server configured: the restriction is reported, marked unverified
    page = report.read_text(encoding="utf-8")
    assert "says a notice not yet verified or confirmed" in page and "Needs confirming" in page
    assert "<svg" in timeline.read_text(encoding="utf-8")


# -- the timeline page -------------------------------------------------------------------------
def test_timeline_page_has_markers_for_every_dated_notice(corpus: Path) -> None:
    from auditor.notices import detect
    from tests.notices.conftest import parse

    notices = []
    for path in sorted(corpus.glob("*.eml")):
        notice = detect(parse(path.read_bytes(), path.name, str(corpus)))
        if notice is not None:
            notices.append(notice)
    built = build_timeline(notices, NOW)
    page = render_timeline_html(built)
    assert page.count('<g class="marker">') == len(built.entries) == 11
    assert "<script" not in page.lower() and external_references(page) == []
    assert 'class="dot m-phishing"' in page
    assert "B0C7XK2M4Q" in page and "Violation cleared · 12 Nov 2026" in page
    assert [group_of(e) for e in built.entries].count("restriction") == 5


def _entry(i: int, date: datetime | None, kind: str = "message_blocked") -> TimelineEntry:
    return TimelineEntry(
        date=date,
        kind=kind,
        subject=f"<b>notice {i}</b>",
        sender="x@amazon.com",
        authenticity="verified",
        message_id=f"<n{i}@x>",
    )


def test_timeline_svg_stacks_and_caps_simultaneous_notices() -> None:
    same = NOW - timedelta(days=3)
    entries = (*(_entry(i, same) for i in range(40)), _entry(99, None))
    built = Timeline(NOW, entries, (), ())
    svg = timeline_svg(built)
    assert svg.count('<g class="marker">') == MAX_STACK
    assert f"+{40 - MAX_STACK}</text>" in svg
    assert "&lt;b&gt;notice 0&lt;/b&gt;" in svg  # the tooltip is text
    page = render_timeline_html(built)
    assert "41 Amazon notices" in page and "Nothing open" in page
    empty = render_timeline_html(Timeline(NOW, (), (), ()))
    assert "No dated notice to draw" in empty and "No Amazon notice found" in empty


@pytest.mark.parametrize("days", [1, 10, 60, 400, 4000])
def test_timeline_axis_ticks_for_any_span(days: int) -> None:
    entries = (_entry(1, NOW - timedelta(days=days)), _entry(2, NOW - timedelta(hours=1)))
    svg = timeline_svg(Timeline(NOW, entries, (), ()))
    ticks = re.findall(r'<g class="tick">', svg)
    assert 1 <= len(ticks) <= 60


def test_standing_template_escapes_mail_text(corpus_result: AuditResult) -> None:
    """The standing comes from a Jinja2 template with autoescape: words a
    notice was read from, its marketplace and subjects stay text."""
    import copy

    result = copy.copy(corpus_result)
    result.notices = [copy.copy(n) for n in corpus_result.notices]
    restriction = next(n for n in result.notices if n.kind.value.endswith("restriction"))
    restriction.period_text = "<script>alert(1)</script>\u202e30 days"
    restriction.marketplace = '<b onmouseover="x()">amazon.com'
    page = render(result, now=NOW)
    banner = page[page.index('id="status"') : page.index('class="cards"')]
    assert "<script" not in banner and 'onmouseover="' not in banner
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\ufffd30 days" in banner
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;amazon.com" in banner
    assert external_references(page) == []
