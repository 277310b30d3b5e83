"""How bench/notice_accuracy.py compares a notice's end with its label: a
stated length counts from the Date in the sender's own time zone (the labels'
rule), a stated end date is that date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditor.notices.groups import NoticeKind
from auditor.notices.model import Authenticity, Notice
from tests.benchmods import load_bench

RAW = b"From: x@amazon.com\nDate: Tue, 20 Oct 2026 17:42:10 -0700\nSubject: s\n\nbody\n"


def _notice(ends_at: datetime | None, duration: timedelta | None) -> Notice:
    return Notice(
        kind=NoticeKind.MESSAGING_RESTRICTION,
        message_id="<n@amazon.com>",
        subject="s",
        received_at=datetime(2026, 10, 21, 0, 42, 10, tzinfo=UTC),
        authenticity=Authenticity.VERIFIED,
        ends_at=ends_at,
        duration=duration,
    )


def test_a_stated_length_ends_on_the_senders_calendar_day() -> None:
    end_date = load_bench("notice_accuracy")._end_date
    # 20 Oct 17:42 -0700 + 30 days: 19 Nov in the sender's zone, 20 Nov in UTC
    ends = datetime(2026, 11, 20, 0, 42, 10, tzinfo=UTC)
    assert end_date(_notice(ends, timedelta(days=30)), RAW) == "2026-11-19"


def test_a_stated_end_date_is_that_date() -> None:
    end_date = load_bench("notice_accuracy")._end_date
    ends = datetime(2027, 1, 2, tzinfo=UTC)  # "until 2 January 2027"
    assert end_date(_notice(ends, None), RAW) == "2027-01-02"
    assert end_date(_notice(None, None), RAW) is None
