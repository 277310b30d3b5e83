"""The account-health timeline, its renderers and the evidence folder."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.notices.evidence import EvidenceError, write_evidence
from auditor.notices.model import Authenticity, Notice, NoticeKind
from auditor.notices.timeline import Timeline, build_timeline
from auditor.report.timeline import FORMATS, render_timeline

NOW = datetime(2026, 11, 20, tzinfo=UTC)
DAY = timedelta(days=1)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def n(kind: str, day: int, **fields) -> Notice:
    base = dict(
        kind=NoticeKind(kind),
        message_id=f"<{kind}-{day}@x>",
        subject=f"{kind} {day}",
        received_at=T0 + day * DAY,
        authenticity=Authenticity.VERIFIED,
        sender="seller-performance@amazon.com",
    )
    base.update(fields)
    return Notice(**base)


# --- the shared corpus ------------------------------------------------------------------


def test_corpus_timeline(corpus_notices: list[Notice]) -> None:
    timeline = build_timeline(corpus_notices, NOW)
    dates = [e.date for e in timeline.entries]
    assert dates == sorted(dates)
    assert len(timeline.entries) == len(corpus_notices)
    chain = {c.asin: c for c in timeline.asins}["B0C7XK2M4Q"]
    assert [e.kind for e in chain.events] == ["ip_complaint", "violation_cleared"]
    assert chain.status == "cleared" and not chain.open
    kinds = {item.kind for item in timeline.open_items}
    assert "deactivation" in kinds and "asin" not in kinds
    restrictions = [i for i in timeline.open_items if i.kind == "restriction"]
    assert {i.message_ids[0] for i in restrictions} == {
        "<n01-restriction-30-days@corpus.example>",
        "<n02-restriction-no-period@corpus.example>",
        "<n03-restriction-de-until@corpus.example>",
    }
    assert [e.message_id for e in timeline.phishing] == [
        "<n09-phishing-deactivated@corpus.example>"
    ]


def test_corpus_timeline_in_markdown(corpus_notices: list[Notice]) -> None:
    md = render_timeline(build_timeline(corpus_notices, NOW), "md")
    assert "B0C7XK2M4Q: ip\\_complaint" in md
    assert "violation\\_cleared" in md and "cleared" in md
    asin_line = next(line for line in md.splitlines() if line.startswith("- B0C7XK2M4Q"))
    assert "ip\\_complaint" in asin_line and "violation\\_cleared" in asin_line
    assert "account\\_deactivated" in md
    phishing = md.split("## Possible phishing", 1)[1]
    assert "URGENT: Your Amazon Seller account has been deactivated" in phishing
    assert "amazon-seller-support.example" in phishing
    open_part = md.split("## Open items", 1)[1].split("## Possible phishing")[0]
    assert "deactivation" in open_part and "B0C7XK2M4Q" not in open_part


def test_restrictions_close_when_their_period_ends(corpus_notices: list[Notice]) -> None:
    later = build_timeline(corpus_notices, datetime(2027, 1, 1, tzinfo=UTC))
    open_ids = {i.message_ids[0] for i in later.open_items if i.kind == "restriction"}
    assert open_ids == {"<n02-restriction-no-period@corpus.example>"}


# --- the seed story: complaint -> retraction -> cleared, one ASIN stuck, deactivation ----


def test_seed_story() -> None:
    notices = [
        n("ip_complaint", 0, asins=["B0AAAAAAA1", "B0AAAAAAA2"], complaint_ids=["111"]),
        n("ip_retraction", 1, asins=["B0AAAAAAA1", "B0AAAAAAA2"]),
        n("violation_cleared", 2, asins=["B0AAAAAAA1"], case_ids=["5551234567"]),
        n("appeal_received", 3),
        n("account_deactivated", 6),
        n(
            "account_deactivated",
            5,
            authenticity=Authenticity.SUSPICIOUS,
            message_id="<phish@x>",
            authenticity_reasons=["x imitates an Amazon domain"],
        ),
        n(
            "violation_cleared",
            4,
            asins=["B0AAAAAAA2"],
            authenticity=Authenticity.SUSPICIOUS,
            message_id="<phish-clear@x>",
        ),
    ]
    timeline = build_timeline(notices, NOW)
    chains = {c.asin: c for c in timeline.asins}
    assert chains["B0AAAAAAA1"].status == "cleared"
    assert chains["B0AAAAAAA2"].status == "retracted" and chains["B0AAAAAAA2"].open
    assert len(chains["B0AAAAAAA2"].events) == 2  # the phishing "clearance" is not in it
    open_items = {(i.kind, i.subject) for i in timeline.open_items}
    assert ("asin", "B0AAAAAAA2") in open_items
    assert ("asin", "B0AAAAAAA1") not in open_items
    assert ("appeal", "appeal_received 3") in open_items
    assert ("deactivation", "account_deactivated 6") in open_items
    assert [i for i in timeline.open_items if "<phish@x>" in i.message_ids] == []
    assert {e.message_id for e in timeline.phishing} == {"<phish@x>", "<phish-clear@x>"}
    # the final clearance and a reinstatement close everything
    done = build_timeline(
        [*notices, n("violation_cleared", 8, asins=["B0AAAAAAA2"]), n("account_reinstated", 9)], NOW
    )
    assert done.open_items == ()


def test_a_forward_of_a_notice_in_the_mailbox_is_listed_once() -> None:
    original = n("account_deactivated", 6)
    forward = n(
        "account_deactivated",
        6,
        message_id="<fwd@acme>",
        forwarded=True,
        forwarded_by="mia@acme-home.example",
    )
    other_forward = n("account_at_risk", 5, message_id="<fwd2@acme>", forwarded=True)
    timeline = build_timeline([forward, original, other_forward], NOW)
    assert [e.message_id for e in timeline.entries] == ["<fwd2@acme>", original.message_id]
    assert len([i for i in timeline.open_items if i.kind == "deactivation"]) == 1


def test_appeal_decision_closes_the_appeal() -> None:
    timeline = build_timeline([n("appeal_received", 1), n("appeal_decision", 2)], NOW)
    assert timeline.open_items == ()


def test_restriction_notes() -> None:
    notices = [
        n(
            "messaging_restriction",
            1,
            ends_at=T0 + 31 * DAY,
            duration_stated=True,
            violations=["BSM201"],
        ),
        n("templates_only_restriction", 2, permanent=True, duration_stated=True),
        n("messaging_restriction", 3),
        n("messaging_restriction", 4, ends_at=T0 + 10 * DAY, duration_stated=True),
    ]
    timeline = build_timeline(notices, NOW)
    notes = [e.note for e in timeline.entries]
    assert notes[0].startswith("until 2026-12-02") and "BSM201" in notes[0]
    assert notes[1] == "permanent" and notes[2] == "no period stated"
    details = sorted(i.detail for i in timeline.open_items)
    assert details == [
        "messaging_restriction: no period stated",
        "messaging_restriction: runs until 2026-12-02",
        "templates_only_restriction: permanent",
    ]


# --- renderers --------------------------------------------------------------------------


def _hostile() -> Timeline:
    return build_timeline(
        [
            n(
                "ip_complaint",
                1,
                subject="=cmd|' /C calc'!A0 | [click](http://evil.example) <b>",
                asins=["B0HOSTILE1"],
            ),
            n("account_deactivated", 2, subject="[bold red]pwned[/] \x1b[31m"),
        ],
        NOW,
    )


def test_render_json_round_trips() -> None:
    data = json.loads(render_timeline(_hostile(), "json"))
    assert data["schema"] == "auditor.timeline/1"
    assert [e["kind"] for e in data["entries"]] == ["ip_complaint", "account_deactivated"]
    assert data["asins"][0]["asin"] == "B0HOSTILE1" and data["asins"][0]["open"] is True


def test_render_csv_is_spreadsheet_safe() -> None:
    rows = list(csv.DictReader(io.StringIO(render_timeline(_hostile(), "csv"))))
    assert [r["section"] for r in rows] == ["notice", "notice", "asin", "open", "open"]
    assert rows[0]["subject"].startswith("'=")


def test_render_md_escapes_mail_content() -> None:
    md = render_timeline(_hostile(), "md")
    assert "\\[click\\](http://evil.example)" in md
    assert "\\| \\[click" in md and "\\<b\\>" in md
    table_rows = [line for line in md.splitlines() if line.startswith("| 2026")]
    assert all(line.count(" | ") == 6 for line in table_rows)


def test_render_table_shows_text_not_markup() -> None:
    out = render_timeline(_hostile(), "table")
    assert "[bold red]pwned[/]" in out
    assert "\x1b" not in out
    assert "B0HOSTILE1" in out


def test_unknown_format_is_refused() -> None:
    assert FORMATS == ("table", "json", "csv", "md")
    with pytest.raises(ValueError, match="html"):
        render_timeline(_hostile(), "html")


# --- evidence ---------------------------------------------------------------------------


def test_evidence_copies_mail_with_an_index(tmp_path: Path, corpus_notices: list[Notice]) -> None:
    target = tmp_path / "appeal"
    index = write_evidence(corpus_notices, target)
    assert index == (target / "index.csv").resolve()
    rows = list(csv.DictReader(io.StringIO(index.read_text())))
    assert len(rows) == len(corpus_notices)
    files = sorted(p.name for p in target.iterdir())
    assert files == sorted([r["file"] for r in rows] + ["index.csv"])
    first = rows[0]
    assert first["file"].startswith("001_") and first["file"].endswith(".eml")
    complaint = next(r for r in rows if r["kind"] == "ip_complaint")
    assert complaint["asins"] == "B0C7XK2M4Q" and complaint["complaint_ids"] == "9812736455"
    copied = (target / complaint["file"]).read_bytes()
    original = next(n for n in corpus_notices if n.kind is NoticeKind.IP_COMPLAINT).raw
    assert copied == original


def test_evidence_names_never_come_from_mail(tmp_path: Path) -> None:
    evil = n(
        "ip_complaint",
        1,
        subject="../../../etc/passwd",
        message_id="<../../x@y>",
        raw=b"Subject: ../../../etc/passwd\r\n\r\nx",
    )
    write_evidence([evil], tmp_path / "out", fmt="md")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "001_2026-11-02_ip_complaint.eml",
        "index.md",
    ]
    assert "../../../etc/passwd" in (tmp_path / "out" / "index.md").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_evidence_does_not_follow_planted_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    target = tmp_path / "ev"
    target.mkdir()
    os.symlink(outside, target / "001_2026-11-02_ip_complaint.eml")
    os.symlink(outside, target / "index.csv")
    write_evidence([n("ip_complaint", 1, raw=b"mail bytes")], target)
    assert outside.read_text() == "keep me"
    assert (target / "001_2026-11-02_ip_complaint.eml").read_bytes() == b"mail bytes"
    assert not (target / "index.csv").is_symlink()


def test_evidence_without_bytes_is_listed_without_file(tmp_path: Path) -> None:
    index = write_evidence([n("policy_warning", 1)], tmp_path / "ev")
    rows = list(csv.DictReader(io.StringIO(index.read_text())))
    assert rows[0]["file"] == "" and rows[0]["kind"] == "policy_warning"


def test_evidence_refuses_a_file_as_directory(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(EvidenceError):
        write_evidence([], tmp_path / "plain")
    with pytest.raises(EvidenceError):
        write_evidence([], tmp_path / "ev", fmt="xlsx")
