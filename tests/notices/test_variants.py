"""Every hand-written variant (17 kinds x 6 languages x 3) is detected as its
kind, with its authenticity, date, marketplace, language, IDs, violations and
period, whatever its charset, transfer encoding or shape."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from auditor.message import parse_message
from auditor.message.classify import enrich
from auditor.notices import detect
from auditor.notices.model import NoticeKind
from tests.notices.cases import ALL_CASES, LANGS, Case
from tests.notices.conftest import TRUSTED
from tests.notices.mailgen import build, domain_of, styles_for

NOTICE_AT = datetime(2026, 11, 9, 8, 12, tzinfo=UTC)
PARAMS = [
    pytest.param(case, style, id=f"{case.id}-{style}")
    for case in ALL_CASES
    for style in styles_for(case)
]


def _detect(case: Case, style: str):
    raw = build(case, style)
    msg = enrich(parse_message(raw, "generated", case.id))
    return msg, detect(msg, TRUSTED, raw=raw)


def test_every_kind_and_language_has_three_variants() -> None:
    counts = Counter((c.kind, c.lang) for c in ALL_CASES)
    assert {k.value for k in NoticeKind} == {kind for kind, _ in counts}
    for kind in NoticeKind:
        for lang in LANGS:
            assert counts[(kind.value, lang)] >= 3, (kind, lang)


def test_key_sentences_are_unique() -> None:
    keys = Counter(c.key for c in ALL_CASES)
    assert [k for k, n in keys.items() if n > 1] == []


def test_shapes_cover_encodings() -> None:
    raws = [build(c, s) for c in ALL_CASES for s in styles_for(c)]
    for marker in (
        b"iso-2022-jp",
        b"shift_jis",
        b"windows-1252",
        b"iso-8859-1",
        b"Content-Transfer-Encoding: base64",
        b"quoted-printable",
        b"Content-Transfer-Encoding: 8bit",
        b"text/html",
        b"Forwarded message",
    ):
        assert any(marker in raw for raw in raws), marker


@pytest.mark.parametrize(("case", "style"), PARAMS)
def test_variant(case: Case, style: str) -> None:
    msg, notice = _detect(case, style)
    assert notice is not None, f"no notice; kind {msg.kind}"
    assert notice.kind.value == case.kind, notice.signals
    assert notice.language == case.lang
    assert notice.received_at == NOTICE_AT
    assert notice.forwarded is (style == "fwd")
    expected_auth = "verified" if style == "plain" else "unverified"
    assert notice.authenticity.value == expected_auth, notice.authenticity_reasons
    market = domain_of(case)
    assert notice.marketplace == market
    assert notice.asins == list(case.asins)
    assert notice.order_ids == list(case.order_ids)
    assert notice.complaint_ids == list(case.complaint_ids)
    assert notice.case_ids == list(case.case_ids)
    assert notice.violations == sorted(case.violations)
    if style == "fwd":
        assert notice.forwarded_by == "mia@acme-home.example"
        assert notice.sender.endswith("@" + market)

    period = case.period
    restriction = case.kind in ("messaging_restriction", "templates_only_restriction")
    if period is None:
        assert notice.ends_at is None
        assert notice.permanent is False
        assert notice.duration_stated is False
    elif period == "permanent":
        assert notice.permanent is True
        assert notice.ends_at is None
        assert notice.duration_stated is True
    else:
        unit, value = period
        assert restriction
        assert notice.duration_stated is True
        assert notice.permanent is False
        if unit == "date":
            assert notice.ends_at.date().isoformat() == value
        else:
            assert notice.ends_at == NOTICE_AT + timedelta(**{unit: value})
    if restriction:
        assert notice.starts_at == NOTICE_AT
