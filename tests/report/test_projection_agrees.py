"""The projection is honest: what ``audit`` says ``auditor run`` would do
(``would``, ``would_until``) is what the run then does, for mailboxes with
restrictions in several languages and shapes (timed, no period stated, a
second one, another marketplace, phishing, Japanese), and for the demo
mailbox, which the projection was not written against."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

SENT = (
    "m01-review-request-ok-en.eml",
    "m02-review-request-ok-de.eml",
    "m03-important-subject.eml",
    "m04-coupon.eml",
)
CJK = Path(__file__).parent / "cjk"
CASES = {
    "timed-en": ["n01-restriction-30-days.eml"],
    "no-period": ["n02-restriction-no-period.eml"],
    "de-only": ["n03-restriction-de-until.eml"],
    "two-restrictions": ["n01-restriction-30-days.eml", "n02-restriction-no-period.eml"],
    "all-three": [
        "n01-restriction-30-days.eml",
        "n02-restriction-no-period.eml",
        "n03-restriction-de-until.eml",
    ],
    "phishing-only": ["n09-phishing-deactivated.eml"],
    "none": [],
}


def _states(cli, monkeypatch, now: str, *args: str) -> dict:
    monkeypatch.setenv("AUDITOR_NOW", now)
    status, out, err = cli(*args, "--format", "json")
    assert status in (0, 1), err
    return {(c["account"], c["name"]): c for c in json.loads(out)["campaigns"]}


def _check(cli, monkeypatch, source: Path, store_url: str, now: str) -> int:
    store = ("--store", store_url)
    unstored = _states(cli, monkeypatch, now, "audit", str(source), "--no-store")
    before = _states(cli, monkeypatch, now, "audit", str(source), *store)
    # With or without a store, a first audit projects the same.
    assert {k: (c["would"], c["would_until"]) for k, c in unstored.items()} == {
        k: (c["would"], c["would_until"]) for k, c in before.items()
    }
    after = _states(cli, monkeypatch, now, "run", str(source), "--quiet", *store)
    checked = 0
    for key, was in before.items():
        now_state = after[key]
        if was["would"] == "pause":
            assert now_state["state"] == "paused", (key, was, now_state)
            assert now_state["until"] == was["would_until"], (key, was, now_state)
        elif was["state"] != "paused":
            assert now_state["state"] != "paused", (key, was, now_state)
        checked += 1
    # And once applied, nothing is left to project.
    again = _states(cli, monkeypatch, now, "audit", str(source), *store)
    assert all(c["would"] is None for c in again.values()), again
    return checked


@pytest.mark.parametrize("case", sorted(CASES))
def test_audit_projection_is_what_run_does(cli, monkeypatch, tmp_path, store_url, case) -> None:
    box = tmp_path / "box"
    box.mkdir()
    for name in (*SENT, *CASES[case]):
        shutil.copy(CORPUS / name, box / name)
    assert _check(cli, monkeypatch, box, store_url, "2026-11-22T00:00:00+00:00") == 4


@pytest.mark.parametrize(
    ("source", "now"),
    [
        (ROOT / "demo" / "mailbox.mbox", "2026-11-20T00:00:00+00:00"),
        (CJK, "2026-11-22T00:00:00+00:00"),
        (CORPUS, "2026-11-22T00:00:00+00:00"),
    ],
    ids=["demo", "japanese", "corpus"],
)
def test_projection_holds_on_other_mailboxes(cli, monkeypatch, store_url, source, now) -> None:
    assert _check(cli, monkeypatch, source, store_url, now) >= 1
