"""The terminal report and the Markdown report as a person reads them:
standing first, campaigns worst first, findings grouped with one example and
a count, evidence whole, width from the terminal, hostile mail inert.
The real CLI over tests/corpus and the hostile mails of tests/report/mail."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import CORPUS

HOSTILE = Path(__file__).parent / "mail"
NOW = "2026-11-22T00:00:00+00:00"


@pytest.fixture
def run(cli, monkeypatch):
    monkeypatch.setenv("AUDITOR_NOW", NOW)
    monkeypatch.delenv("COLUMNS", raising=False)
    return cli


def test_table_puts_the_standing_first_and_groups_findings(run) -> None:
    status, out, err = run("audit", CORPUS, "--no-store")
    assert status == 1, err
    lines = out.splitlines()
    # The restriction is the first line, with until when; what to do comes next.
    assert lines[0].startswith("✖ Proactive messaging is RESTRICTED on amazon.com and amazon.de")
    head = "\n".join(lines[:30])
    assert "until 2026-12-09 08:12 UTC" in head and "What to do now:" in head
    assert "POSSIBLE PHISHING" in head
    assert out.index("What to do now") < out.index("Campaigns, worst first")
    assert out.index("Campaigns, worst first") < out.index("Findings by campaign and rule")
    assert out.index("Findings by campaign and rule") < out.index("Amazon notices")

    # Not a line per finding: one example per campaign and rule, and a count.
    doc = json.loads(run("audit", CORPUS, "--no-store", "--format", "json")[1])
    per_group: dict[tuple[str, str], set[str]] = {}
    for f in doc["findings"]:
        per_group.setdefault((f["campaign"] or "", f["rule"]), set()).add(f["message_id"])
    rule_lines = [ln for ln in lines if re.match(r"\s+(error|warning|info)\s+BSM\d{3} ", ln)]
    assert len(rule_lines) == len(per_group) < len(doc["findings"])
    repeated = [ids for ids in per_group.values() if len(ids) > 1]
    assert repeated
    assert any(f"×{len(ids) - 1} more message" in out for ids in repeated)


def test_table_width_follows_columns_and_evidence_is_wrapped_not_cut(
    run, monkeypatch, tmp_path: Path
) -> None:
    url = "https://birch-co.example/promo/" + "x" * 90 + "/end-of-the-url"
    mail = (CORPUS / "m04-coupon.eml").read_text(encoding="utf-8")
    box = tmp_path / "box"
    box.mkdir()
    (box / "long.eml").write_text(
        mail.replace("Thank you", f"Visit {url} now. Thank you", 1), encoding="utf-8"
    )
    for columns in ("60", "100", "160"):
        monkeypatch.setenv("COLUMNS", columns)
        status, out, err = run("audit", box, "--no-store")
        assert status == 1, err
        widths = [len(line) for line in out.splitlines()]
        assert max(widths) <= int(columns)
        # Every character of the URL is on screen, folded over lines, never "…".
        joined = re.sub(r"\s+", "", out)
        assert url in joined, columns
    monkeypatch.delenv("COLUMNS")
    status, out, _ = run("audit", box, "--no-store")
    assert max(len(line) for line in out.splitlines()) <= 100  # not a terminal: 100


def test_output_file_prints_one_line_saying_what_was_written(run, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()  # -o never creates directories (issue #13)
    status, out, err = run("audit", CORPUS, "--no-store", "--format", "md", "-o", target)
    assert status == 1
    assert out == ""
    assert err.strip().count("\n") == 0
    assert f"wrote {target}" in err and "md report" in err and "messaging restricted" in err
    assert target.read_text(encoding="utf-8").startswith("# Buyer-messaging audit")
    status, out, err = run("audit", CORPUS, "--no-store", "-o", target, "--quiet")
    assert (out, err) == ("", "")


def _tokens(text: str):
    md = MarkdownIt("commonmark").enable("table")
    flat = []
    for token in md.parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def test_markdown_standing_first_and_hostile_mail_inert(run) -> None:
    status, out, err = run("audit", HOSTILE, "--no-store", "--format", "md")
    assert status in (0, 1), err
    tokens = _tokens(out)
    kinds = {t.type for t in tokens}
    # No link, image or HTML from the mail; no heading but ours.
    assert not kinds & {"link_open", "image", "html_inline", "html_block"}, kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Buyer-messaging audit")
    assert headings[1] == "Account standing"
    allowed = ("Buyer-messaging", "Account", "Campaigns", "Findings", "Amazon", "Messages")
    assert all(
        h.startswith(allowed) or h.startswith("auto:") or h == "(no campaign)" or "message" in h
        for h in headings
    ), headings
    # The payloads are there, as literal code.
    literal = " ".join(t.content for t in tokens if t.type == "code_inline")
    assert "<script>window.__pwned=1;document.title='pwned'</script>" in literal
    assert "URGENT: Your Amazon Seller account has been deactivated" in literal
    # Tables keep their columns whatever the subjects hold.
    for table in re.findall(r"(?:^\|.*\|$\n?)+", out, flags=re.M):
        rows = table.strip().split("\n")
        cells = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(cells) == 1, rows


def test_markdown_escapes_what_would_become_markup() -> None:
    from auditor.report.markdown import code, escape

    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("a|b", table=True) == "`a\\|b`"
    assert code("line\nbreak\r\n# head") == "`line break # head`"
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert escape("1. item") == "1\\. item"
    assert escape("- item") == "\\- item"
    md = MarkdownIt("commonmark")
    for text in ("[x](http://evil.example)", "<img src=x>", "![i](http://e/x.png)", "**b**"):
        html = md.render(escape(text))
        assert "<a " not in html and "<img" not in html and "<strong>" not in html, html
        html = md.render(code(text))
        assert html.startswith("<p><code>"), html


def test_markdown_and_table_over_the_hostile_corpus(tmp_path: Path) -> None:
    """The hardening corpus (oversized, malformed, escape sequences, bidi,
    markup in every header) as Markdown and as a terminal table."""
    from auditor.audit import Auditor
    from auditor.config import Config
    from auditor.report import render
    from tests.hardening.hostile import write_corpus

    directory = tmp_path / "mail"
    written = write_corpus(directory)
    for name, item in list(written.items()):
        if item.name == "single-line-1.5MB":  # slow, and covered by the hardening tests
            (directory / name).unlink()
    result = Auditor(Config()).audit([str(directory)])
    assert result.messages > 10
    md = render(result, "md")
    tokens = _tokens(md)
    assert not {t.type for t in tokens} & {"link_open", "image", "html_inline", "html_block"}
    for table in re.findall(r"(?:^\|.*\|$\n?)+", md, flags=re.M):
        rows = table.strip().split("\n")
        assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1, rows
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", md)
    text = render(result, "table", width=100)
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 100
