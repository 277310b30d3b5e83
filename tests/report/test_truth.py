"""One truth: every report shows campaign state as stored, and what
``auditor run`` would change only as a separate, labelled projection
(``would``). Real CLI, real SQLite store, the clock set with AUDITOR_NOW."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.campaigns.policy import project_pause
from tests.conftest import CORPUS

DURING = "2026-11-22T00:00:00+00:00"  # n01 restricts 9 Nov 08:12 → 9 Dec 08:12
AFTER = "2026-12-10T00:00:00+00:00"
ENDS = "2026-12-09T08:12:00+00:00"
FILES = (
    "m01-review-request-ok-en.eml",
    "m03-important-subject.eml",
    "m04-coupon.eml",
    "n01-restriction-30-days.eml",
)


@pytest.fixture
def mailbox(tmp_path: Path) -> Path:
    box = tmp_path / "mail"
    box.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, box / name)
    return box


def _audit(cli, monkeypatch, now: str, *args: str) -> dict:
    monkeypatch.setenv("AUDITOR_NOW", now)
    status, out, err = cli(*args, "--format", "json")
    assert status in (0, 1), err
    return json.loads(out)


def _states(doc: dict) -> dict[str, tuple]:
    return {
        c["name"]: (c["state"], c["until"], c["would"], c["would_until"]) for c in doc["campaigns"]
    }


def test_audit_after_run_and_resume_shows_the_stored_states(
    cli, monkeypatch, mailbox: Path, store_url: str
) -> None:
    store = ("--store", store_url)
    before = _audit(cli, monkeypatch, DURING, "audit", str(mailbox), *store)
    assert before["store"]["dialect"] == "sqlite"
    names = sorted(_states(before))
    assert len(names) == 3
    # Nothing has paused anything yet: the store says active; run would pause.
    for state, until, would, would_until in _states(before).values():
        assert (state, until) == ("active", None)
        assert (would, would_until) == ("pause", ENDS)

    monkeypatch.setenv("AUDITOR_NOW", DURING)
    status, _out, err = cli("run", str(mailbox), "--quiet", *store)
    assert status == 1, err  # the restriction runs

    after_run = _states(_audit(cli, monkeypatch, DURING, "audit", str(mailbox), *store))
    flagged = {n for n, s in after_run.items() if s[0] == "flagged"}
    paused = {n for n, s in after_run.items() if s[0] == "paused"}
    assert paused | flagged == set(names) and paused
    for name in paused:
        assert after_run[name] == ("paused", ENDS, None, None)

    resumed = sorted(paused)[0]
    status, _out, err = cli(
        "resume", resumed, "--reason", "checked Seller Central", "--force", *store
    )
    assert status == 0, err
    after_resume = _states(_audit(cli, monkeypatch, DURING, "audit", str(mailbox), *store))
    # The person's resume stands: the notice was applied, so run would not re-pause.
    assert after_resume[resumed][0] in ("active", "flagged")
    assert after_resume[resumed][2] is None
    for name in paused - {resumed}:
        assert after_resume[name] == ("paused", ENDS, None, None)

    # `campaigns` and `audit` agree on every state.
    monkeypatch.setenv("AUDITOR_NOW", DURING)
    status, out, err = cli("campaigns", "--format", "json", *store)
    listed = {c["name"]: c["state"] for c in json.loads(out)["campaigns"]}
    assert listed == {n: s[0] for n, s in after_resume.items()}

    # The history as a table: who changed what, when and why.
    monkeypatch.setenv("COLUMNS", "200")
    status, out, err = cli("campaigns", "--history", *store)
    assert status == 0, err
    history = out[out.index(f"History of {resumed}") :]
    assert "active → paused" in history and "paused → " in history
    assert "person:" in history and "checked Seller Central" in history
    assert "messaging restricted" in history and "2026-12-09 08:12" in history

    # Past the end and before the next run: the store no longer holds them
    # (gate says active), and the projection says run would record the lift.
    later = _states(_audit(cli, monkeypatch, AFTER, "audit", str(mailbox), *store))
    for name in paused - {resumed}:
        assert later[name][0] in ("active", "flagged")
        assert later[name][2] == "resume"


def test_no_store_says_it_did_not_look(cli, monkeypatch, mailbox: Path) -> None:
    doc = _audit(cli, monkeypatch, DURING, "audit", str(mailbox), "--no-store")
    assert doc["store"] is None
    for state, until, would, would_until in _states(doc).values():
        assert state is None and until is None
        assert (would, would_until) == ("pause", ENDS)


def test_table_and_markdown_label_the_projection(cli, monkeypatch, mailbox: Path) -> None:
    monkeypatch.setenv("AUDITOR_NOW", DURING)
    status, out, err = cli("audit", str(mailbox), "--no-store")
    assert status == 1, err
    assert "paused" not in out.replace("would pause", "")
    assert "would pause" in out
    assert "store not read" in out
    status, out, err = cli("audit", str(mailbox), "--no-store", "--format", "md")
    assert status == 1, err
    assert "would pause" in out and "store not read" in out


T0 = datetime(2026, 11, 9, 8, 12, tzinfo=UTC)
NOW = datetime(2026, 11, 22, tzinfo=UTC)


def _r(ends=None, received=T0, market=None, earlier=0, kind="messaging_restriction", perm=False):
    return (kind, perm, ends, received, market, earlier)


@pytest.mark.parametrize(
    ("kind", "market", "restrictions", "expected"),
    [
        ("free_form", None, [], None),
        ("free_form", None, [_r(datetime(2026, 12, 9, tzinfo=UTC))], "pause-until"),
        # Amazon's own Request a Review template keeps going.
        ("amazon_request_a_review", None, [_r(datetime(2026, 12, 9, tzinfo=UTC))], None),
        # A restriction on amazon.de does not touch an amazon.com campaign.
        (
            "free_form",
            "amazon.com",
            [_r(datetime(2026, 12, 9, tzinfo=UTC), market="amazon.de")],
            None,
        ),
        # Ended already: the same run would lift it again, so nothing changes.
        ("free_form", None, [_r(datetime(2026, 11, 20, tzinfo=UTC))], None),
        # No period stated, a repeat, templates-only, permanent: held for a person.
        ("free_form", None, [_r(None)], "hold"),
        ("free_form", None, [_r(datetime(2026, 11, 20, tzinfo=UTC), earlier=1)], "hold"),
        ("free_form", None, [_r(None, kind="templates_only_restriction")], "hold"),
        ("free_form", None, [_r(datetime(2027, 1, 1, tzinfo=UTC), perm=True)], "hold"),
        # A later timed restriction does not weaken a hold.
        (
            "free_form",
            None,
            [_r(None), _r(datetime(2026, 12, 30, tzinfo=UTC), received=T0.replace(day=10))],
            "hold",
        ),
    ],
)
def test_projection_mirrors_the_policy(kind, market, restrictions, expected) -> None:
    would, until, reason = project_pause(kind, market, restrictions, NOW)
    if expected is None:
        assert (would, until, reason) == (None, None, None)
    elif expected == "hold":
        assert would == "pause" and until is None and "resume" in reason
    else:
        assert would == "pause" and until == datetime(2026, 12, 9, tzinfo=UTC)
