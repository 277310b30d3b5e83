"""The HTML reports as a person sees them: opened in headless Chromium.

Each test loads a report rendered by the real CLI (``auditor audit|timeline
SOURCE --format html -o FILE``, with ``AUDITOR_NOW`` mid-way through the
corpus's 30-day restriction), reads what is on screen, checks that nothing
ran or loaded, and saves a screenshot for the record.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.report.chromium import Browser

pytestmark = pytest.mark.chromium

#: The hostile mailbox's payloads, as they must appear on screen.
PAYLOADS = (
    "<script>window.__pwned=1;document.title='pwned'</script>",
    "<script>window.__pwned=2;document.title='pwned'</script>",
    "<img src=x onerror=\"window.__pwned=3;document.title='pwned'\">",
    "javascript:alert(document.domain)",
    "\"quoted\" & 'single'",
    '<h01"onmouseover="window.__pwned=6"@hostile.example>',
)

#: Nothing in the page may be able to run or fetch: no scripts, no handlers,
#: no embedded content, no link leaving the page, no CSS pulling a resource.
INERT_CHECK = """
const bad = [];
if (document.scripts.length) bad.push('script elements: ' + document.scripts.length);
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    if (/^on/i.test(attr.name)) bad.push('handler ' + attr.name + ' on ' + el.tagName);
    if (/^(src|href|action|formaction|xlink:href|srcset|data)$/i.test(attr.name)
        && !attr.value.startsWith('#') && !attr.value.startsWith('http://www.w3.org/'))
      bad.push(attr.name + '=' + attr.value + ' on ' + el.tagName);
  }
}
for (const tag of ['img', 'iframe', 'object', 'embed', 'form', 'link', 'base', 'video', 'audio'])
  if (document.getElementsByTagName(tag).length) bad.push('element ' + tag);
if (window.__pwned !== undefined) bad.push('window.__pwned = ' + window.__pwned);
return {bad: bad, title: document.title};
"""


def severe(entries: list[dict]) -> list[str]:
    return [e["message"] for e in entries if e.get("level") in ("SEVERE", "WARNING")]


def load(browser: Browser, page: Path) -> None:
    browser.console()  # drop what earlier pages logged
    browser.open(page)


def test_audit_report_shows_status_findings_and_rules(
    browser: Browser, reports: dict[str, Path], screenshots: Path
) -> None:
    load(browser, reports["audit"])
    assert browser.run("return document.title") == "Buyer-messaging audit — 22 Nov 2026"

    # The banner: restriction, when it lifts, paused campaigns, the deactivation, the phishing.
    banner = browser.text("#status")[0]
    assert "Proactive messaging is restricted" in banner
    assert "9 Dec 2026" in banner and "for 30 days" in banner
    assert "15 Dec 2026" in banner  # the amazon.de restriction
    # Rendered with --no-store: no stored pause is claimed, the projection is labelled.
    assert "campaigns paused" not in banner
    assert "auditor run would pause 13 campaigns" in banner
    assert "deactivated the selling account on 14 Nov 2026" in banner
    assert "possible phishing" in banner
    assert (
        browser.run("return getComputedStyle(document.querySelector('#status .headline')).color")
        == "rgb(179, 38, 30)"
    )  # the error red

    cards = browser.text(".cards")[0]
    assert "states not read" in cards and "next run would pause 13" in cards
    # 19: m08 invites the buyer to "visit our Amazon store" (BSM202, issue #12 C);
    # 21: BSM703 on m07a/m07b, sent to the buyer after their complaint (n11)
    assert "21 errors" in cards and "10 warnings" in cards

    by_rule = browser.text("#rules-summary + table")[0]
    assert re.search(r"BSM304 repeated-review-request\s+error\s+10\s+9", by_rule)

    # The BSM101 finding: its rule links to the explanation; the subject is highlighted.
    marks = browser.run(
        "return Array.from(document.querySelectorAll('.finding'))"
        ".filter(f => f.querySelector('a.rule-link[href=\"#rule-BSM101\"]'))"
        ".map(f => f.querySelector('mark').innerText);"
    )
    assert marks and any("[Important]" in m for m in marks)
    # A highlight sits inside the message text around it, not alone.
    excerpt = browser.run(
        "return Array.from(document.querySelectorAll('.finding'))"
        ".find(f => f.querySelector('a[href=\"#rule-BSM301\"]'))"
        ".querySelector('.excerpt').innerText"
    )
    assert "free gift" in excerpt and "Thank you for your order" in excerpt
    fix = browser.text(".finding .fix")[0]
    assert fix.startswith("Instead:")

    rule = browser.text("#rule-BSM101")[0]
    assert "guidelines.md" in rule and "six triggers" in rule
    assert "not like this" in rule.lower() and "write it like this instead" in rule.lower()
    assert browser.run("return document.querySelectorAll('a[href=\"#rule-BSM101\"]').length") >= 2

    # Possible phishing is in red in the notices table.
    phishing = browser.run(
        "const row = document.querySelector('#notices ~ table tr.phishing');"
        "return [row.innerText, getComputedStyle(row.cells[1]).color];"
    )
    assert "URGENT" in phishing[0] and "possible phishing" in phishing[0]
    assert phishing[1] == "rgb(179, 38, 30)"

    result = browser.run(INERT_CHECK)
    assert result["bad"] == []
    assert severe(browser.console()) == []
    shot = browser.screenshot(screenshots / "audit.png")
    top = browser.screenshot(screenshots / "audit-top.png", full_page=False)
    print(f"screenshots: {shot} {top}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_timeline_shows_axis_table_chains_and_open_items(
    browser: Browser, reports: dict[str, Path], screenshots: Path
) -> None:
    load(browser, reports["timeline"])
    assert browser.run("return document.title") == "Account-health timeline — as of 22 Nov 2026"

    svg = browser.run(
        "const svg = document.querySelector('figure.axis svg');"
        "const box = svg.getBoundingClientRect();"
        "return {markers: svg.querySelectorAll('g.marker').length,"
        " rings: svg.querySelectorAll('circle.ring').length,"
        " bars: svg.querySelectorAll('rect.bar').length,"
        " phishing: svg.querySelectorAll('circle.m-phishing').length,"
        " lanes: Array.from(svg.querySelectorAll('.lane-label'), t => t.textContent),"
        " labels: Array.from(svg.querySelectorAll('text'), t => t.textContent).join(' | '),"
        " width: box.width, height: box.height};"
    )
    assert svg["markers"] == 11  # every notice of the corpus
    assert svg["phishing"] == 1
    assert svg["bars"] == 3  # the three restriction periods
    assert svg["rings"] == 4  # open: three restrictions and the deactivation
    assert svg["lanes"][0] == "Restrictions & blocks" and "Possible phishing" in svg["lanes"]
    assert "now: 22 Nov 2026" in svg["labels"]
    assert "until 9 Dec 2026" in svg["labels"] and "no end stated" in svg["labels"]
    assert svg["width"] > 900 and svg["height"] > 200

    # The same content as --format md: notices, the ASIN chain, open items, phishing.
    table = browser.text("#notices + table")[0]
    assert "Violation cleared for ASIN B0C7XK2M4Q" in table
    assert "Your Amazon.com selling account has been deactivated" in table
    chain = browser.text("#asins + ul.chain")[0]
    assert "B0C7XK2M4Q" in chain
    assert "IP complaint · 9 Nov 2026" in chain and "Violation cleared · 12 Nov 2026" in chain
    assert "cleared" in chain and "OPEN" not in chain
    open_items = browser.text("#open")[0]
    assert "Still open on 22 Nov 2026 (4)" in open_items
    assert "Account deactivated" in open_items and "until 9 Dec 2026" in open_items
    phishing = browser.text("#phishing + .callout")[0]
    assert "amazon-seller-support.example" in phishing and "URGENT" in phishing
    color = browser.run(
        "return getComputedStyle(document.querySelector('#notices + table tr.phishing td')).color"
    )
    assert color == "rgb(179, 38, 30)"

    assert browser.run(INERT_CHECK)["bad"] == []
    assert severe(browser.console()) == []
    shot = browser.screenshot(screenshots / "timeline.png")
    pdf = browser.pdf(screenshots / "timeline.pdf")
    print(f"screenshot: {shot}; printed: {pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 1


@pytest.mark.parametrize("page", ["hostile", "hostile-timeline"])
@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_mail_shows_as_text_and_runs_nothing(
    browser: Browser,
    reports: dict[str, Path],
    screenshots: Path,
    tmp_path: Path,
    page: str,
    csp: bool,
) -> None:
    source = reports[page]
    if not csp:
        # Take the Content-Security-Policy away: escaping alone must hold.
        html = source.read_text(encoding="utf-8")
        stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert stripped != html
        source = tmp_path / f"{page}-no-csp.html"
        source.write_text(stripped, encoding="utf-8")
    load(browser, source)
    result = browser.run(INERT_CHECK)
    assert result["bad"] == []
    assert "pwned" not in result["title"]
    assert severe(browser.console()) == []

    text = browser.run("return document.body.innerText")
    if page == "hostile":
        for payload in PAYLOADS:
            assert payload in text, payload
        mark = browser.run("return Array.from(document.querySelectorAll('mark'), m => m.innerText)")
        assert any("<script>window.__pwned=2;document.title='pwned'</script>" in m for m in mark)
    assert (
        "URGENT: Your Amazon Seller account has been deactivated <script>window.__pwned=8</script>"
        in text
    )
    if csp:
        first = ".finding" if page == "hostile" else "#notices"
        browser.run(f"document.querySelector('{first}').scrollIntoView()")
        shot = browser.screenshot(screenshots / f"{page}.png", full_page=False)
        print(f"screenshot: {shot}")
