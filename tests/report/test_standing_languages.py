"""The standing on restriction notices nobody on the report side wrote: the
notice cases of tests/notices (messaging and templates-only restrictions,
six languages, three wordings each, plain and HTML-only shapes). For each,
the first line of the terminal report and of the Markdown standing says
the account is restricted, with the end the notice states (as parsed), or
that none is stated, or that it is permanent."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.audit import Auditor
from auditor.config import load_config
from auditor.report import markdown, table
from auditor.report.standing import stamp
from tests.notices.cases import MESSAGING_RESTRICTION, TEMPLATES_ONLY
from tests.notices.mailgen import build

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)  # a day after the notices' date
CASES = [
    (case, style)
    for case in (*MESSAGING_RESTRICTION, *TEMPLATES_ONLY)
    for style in ("plain", "html")
]


@pytest.mark.parametrize(("case", "style"), CASES, ids=[f"{c.id}-{s}" for c, s in CASES])
def test_standing_states_the_restriction_first(case, style, tmp_path: Path) -> None:
    path = tmp_path / "notice.eml"
    path.write_bytes(build(case, style))
    result = Auditor(load_config(None)).audit([str(path)])
    notices = [n for n in result.notices if str(n.kind.value).endswith("restriction")]
    assert len(notices) == 1, case.id
    notice = notices[0]
    running = notice.ends_at is None or notice.ends_at > NOW

    first = table.render(result, now=NOW, width=200).splitlines()[0]
    md = markdown.render(result, now=NOW)
    headline = md.split("## Account standing", 1)[1].strip().splitlines()[0]
    if not running:
        assert first.startswith("✔ No messaging restriction is running"), (case.id, first)
        return
    where = notice.marketplace or "an unnamed marketplace"
    assert first.startswith(f"✖ Proactive messaging is RESTRICTED on {where}"), (case.id, first)
    if notice.permanent:
        expected = "permanently"
    elif notice.ends_at is None:
        expected = "with no end date stated"
    else:
        expected = f"until {stamp(notice.ends_at)}"
    assert expected in first, (case.id, first, notice.ends_at)
    assert expected in headline.replace("\\", ""), (case.id, headline)
    assert headline.startswith("**✖ Proactive messaging is RESTRICTED")
