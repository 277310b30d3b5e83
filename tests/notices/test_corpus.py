"""The shared corpus: every ``notice`` expectation of expected.json holds.

``violations`` in expected.json names codes that must be present: n01 lists
"links or attachments" (BSM401 and BSM403 by the issue's mapping) and n02
"[Important]" (BSM101), which expected.json leaves out, so a subset is
checked there. Everything else is compared exactly.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.notices.conftest import notice_of

ID_FIELDS = ("asins", "order_ids", "complaint_ids", "case_ids")


def _entries(expected: list[dict], with_notice: bool) -> list[dict]:
    return [e for e in expected if ("notice" in e) is with_notice]


def test_corpus_has_notice_expectations(expected: list[dict]) -> None:
    assert len(_entries(expected, True)) >= 11


def test_notice_expectations(corpus: Path, expected: list[dict]) -> None:
    for entry in _entries(expected, True):
        want = entry["notice"]
        notice = notice_of((corpus / entry["file"]).read_bytes(), key=entry["file"])
        assert notice is not None, entry["file"]
        got = notice.to_dict()
        where = entry["file"]
        assert got["message_id"] == entry["message_id"], where
        assert got["kind"] == want["kind"], where
        for field in (
            "authenticity",
            "permanent",
            "duration_stated",
            "marketplace",
            "language",
            *ID_FIELDS,
        ):
            if field in want:
                assert got[field] == want[field], (where, field)
        if "violations" in want:
            assert set(want["violations"]) <= set(got["violations"]), where
        if "ends_at" in want:
            if want["ends_at"] is None:
                assert got["ends_at"] is None, where
            else:
                ends = date.fromisoformat(got["ends_at"][:10])
                assert abs(ends - date.fromisoformat(want["ends_at"])) <= timedelta(days=1), where


def test_violations_follow_the_issue_mapping(corpus: Path) -> None:
    n01 = notice_of((corpus / "n01-restriction-30-days.eml").read_bytes())
    n02 = notice_of((corpus / "n02-restriction-no-period.eml").read_bytes())
    assert n01.violations == ["BSM101", "BSM401", "BSM403"]
    assert n02.violations == ["BSM101", "BSM201", "BSM301", "BSM302"]


def test_sent_messages_are_no_notices(corpus: Path, expected: list[dict]) -> None:
    for entry in _entries(expected, False):
        assert notice_of((corpus / entry["file"]).read_bytes()) is None, entry["file"]


@pytest.mark.parametrize("name", ["n01-restriction-30-days.eml", "n02-restriction-no-period.eml"])
def test_return_window_is_no_period(corpus: Path, name: str) -> None:
    notice = notice_of((corpus / name).read_bytes())
    assert "within 30 days" in (corpus / name).read_text()
    assert notice.period_text in (None, "for 30 days")
    if name.startswith("n02"):
        assert notice.ends_at is None and not notice.duration_stated


def test_ip_complaint_reads_the_footer(corpus: Path) -> None:
    notice = notice_of((corpus / "n06-ip-complaint-copyright.eml").read_bytes())
    assert notice.rights_owner == "Woodcraft Studio Ltd; legal@woodcraft-studio.example"
    assert notice.ends_at is None and notice.starts_at is None


def test_phishing_mail_is_flagged(corpus: Path) -> None:
    notice = notice_of((corpus / "n09-phishing-deactivated.eml").read_bytes())
    assert notice.phishing
    reasons = " ".join(notice.authenticity_reasons)
    assert "amazon-seller-support.example" in reasons
    assert "sellercentral-amazon.account-verify.example" in reasons
    assert notice.marketplace is None
