"""What the seller sees first, in a real headless Chromium: the account's
standing leads the audit page, Japanese text is drawn with real glyphs (not
missing-glyph boxes), and every day of the timeline with a notice is
labelled on its axis, without labels overlapping.

The pages are rendered by the real CLI from tests/report/cjk (a Japanese
restriction notice from amazon.co.jp and a Japanese buyer message) and from
tests/corpus, with ``AUDITOR_NOW`` mid-way through the restriction.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from tests.report.chromium import Browser
from tests.report.conftest import render

pytestmark = pytest.mark.chromium

CJK_DIR = Path(__file__).parent / "cjk"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")

#: Draws ``text`` in ``font`` on a canvas and returns its pixels as a string;
#: two different glyphs give different pixels, two missing glyphs the same box.
INK = """
const [text, font] = arguments;
const canvas = document.createElement('canvas');
canvas.width = 64; canvas.height = 64;
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 64, 64);
ctx.fillStyle = '#000'; ctx.font = font; ctx.textBaseline = 'top';
ctx.fillText(text, 4, 4);
const data = ctx.getImageData(0, 0, 64, 64).data;
let dark = 0, sig = [];
for (let i = 0; i < data.length; i += 4) {
  const on = data[i] < 128; dark += on; sig.push(on ? 1 : 0);
}
return {dark: dark, sig: sig.join('')};
"""


@pytest.fixture(scope="module")
def cjk_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("cjk")
    return {
        "audit": render(tmp, "audit", CJK_DIR, "audit.html"),
        "timeline": render(tmp, "timeline", CJK_DIR, "timeline.html"),
    }


def _fonts(browser: Browser, selector: str) -> list[dict]:
    """The platform fonts Chromium used for the text of ``selector``."""
    root = browser.cdp("DOM.getDocument", depth=0)["root"]["nodeId"]
    node = browser.cdp("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
    assert node, selector
    browser.cdp("CSS.enable")
    return browser.cdp("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]


def _assert_cjk_drawn(browser: Browser, selector: str) -> str:
    text = browser.text(selector)[0]
    wanted = _CJK.findall(text)
    assert len(set(wanted)) >= 2, text
    # Chromium drew these characters with a font that has them...
    fonts = _fonts(browser, selector)
    cjk = [f for f in fonts if "CJK" in f["familyName"] or "Noto Sans JP" in f["familyName"]]
    assert cjk, f"no CJK font used for {selector}: {fonts}"
    assert sum(f["glyphCount"] for f in cjk) > 0
    # ...and the glyphs are real: distinct shapes, unlike a missing-glyph box.
    font = browser.run(
        "const s = getComputedStyle(document.querySelector(arguments[0]));"
        "return '40px ' + s.fontFamily;",
        selector,
    )
    first, second = wanted[0], next(c for c in wanted if c != wanted[0])
    a = browser.run(INK, first, font)
    b = browser.run(INK, second, font)
    tofu = browser.run(INK, "\U0010fffd", font)  # private use: no font has it
    assert a["dark"] > 20 and b["dark"] > 20
    assert a["sig"] != b["sig"], f"{first} and {second} look the same (boxes?)"
    assert a["sig"] != tofu["sig"] and b["sig"] != tofu["sig"]
    return text


def test_standing_comes_first_and_japanese_renders(
    browser: Browser, cjk_pages: dict[str, Path], screenshots: Path
) -> None:
    browser.open(cjk_pages["audit"])
    layout = browser.run(
        "const top = s => { const e = document.querySelector(s);"
        " return e ? e.getBoundingClientRect().top + window.scrollY : null; };"
        "const first = document.querySelector('header').nextElementSibling;"
        "return {first: first.id, status: top('#status'), cards: top('.cards'),"
        " rules: top('#rules-summary'), campaigns: top('#campaigns'),"
        " campaign: top('article.campaign'), notices: top('#notices'),"
        " viewport: window.innerHeight};"
    )
    # The standing is the first thing after the title, and on the first screen.
    assert layout["first"] == "status"
    later = [layout[k] for k in ("cards", "rules", "campaigns", "campaign", "notices")]
    assert all(layout["status"] < y for y in later), layout
    assert layout["status"] < layout["viewport"] / 2
    banner = browser.text("#status")[0]
    assert "Proactive messaging is restricted until 10 Dec 2026" in banner
    assert "amazon.co.jp" in banner and "30日間" in banner
    assert "What to do now" in banner
    # Nothing was read from a store, and the page does not pretend otherwise.
    assert "would pause 1 campaign" in banner and "campaigns paused" not in banner
    assert "states not read" in browser.text(".cards")[0]

    # Japanese in the banner, in a campaign name, in the evidence: real glyphs.
    _assert_cjk_drawn(browser, "#status li")
    _assert_cjk_drawn(browser, "article.campaign h3")
    _assert_cjk_drawn(browser, "article.campaign .finding .excerpt")
    shot = browser.screenshot(screenshots / "cjk-audit-top.png", full_page=False)
    print(f"screenshot: {shot}")


def test_timeline_renders_japanese_and_labels_every_event_day(
    browser: Browser, cjk_pages: dict[str, Path], reports: dict[str, Path], screenshots: Path
) -> None:
    browser.open(cjk_pages["timeline"])
    subject = _assert_cjk_drawn(browser, "#notices + table tr td.wrap")
    assert "積極的なメッセージ送信の制限について" in subject
    shot = browser.screenshot(screenshots / "cjk-timeline.png", full_page=False)
    print(f"screenshot: {shot}")

    # The corpus timeline: notices on several days, some of them close together.
    browser.open(reports["timeline"])
    days = browser.run(
        "return Array.from(document.querySelectorAll('#notices + table tbody tr'),"
        " r => r.cells[1].innerText.trim().split(/\\s+/).slice(0, 3).join(' '));"
    )
    expected = {f"{datetime.strptime(d, '%d %b %Y').day} {d.split()[1]}" for d in days}
    axis = browser.run(
        "return Array.from(document.querySelectorAll('figure.axis svg .tick text'), t => {"
        " const b = t.getBBox(); return {text: t.textContent, x: b.x, y: b.y,"
        " w: b.width, h: b.height}; });"
    )
    labels = {a["text"] for a in axis}
    assert expected <= labels, expected - labels
    for i, one in enumerate(axis):
        for other in axis[i + 1 :]:
            apart = (
                one["x"] + one["w"] <= other["x"]
                or other["x"] + other["w"] <= one["x"]
                or one["y"] + one["h"] <= other["y"]
                or other["y"] + other["h"] <= one["y"]
            )
            assert apart, (one, other)
