"""Issue acceptance for the scheduler, end to end: a real Dovecot, a real
webhook receiver, the CLI as its own process, the clock moved with AUDITOR_NOW."""

from __future__ import annotations

import json
import random
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from auditor.store import open_store
from auditor.store.models import CampaignEvent, Outbox, StoredMessage, StoredNotice
from tests.conftest import CORPUS
from tests.scheduler.conftest import request_a_review, review

pytestmark = pytest.mark.dovecot

D = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
RESTRICTION = CORPUS / "n01-restriction-30-days.eml"  # Mon 9 Nov 2026 08:12, "for 30 days"
PHISHING = CORPUS / "n09-phishing-deactivated.eml"


def campaign_states(shop) -> dict[str, str]:
    done = shop.auditor("campaigns", "--format", "json", now="2026-11-10T00:00:00+00:00")
    assert done.returncode == 0, done.stderr
    return {c["name"]: c["state"] for c in json.loads(done.stdout)["campaigns"]}


def test_restriction_pauses_then_lifts(shop):
    shop.append_sent([review(i, D) for i in range(3)] + [request_a_review(10, D)])
    first = shop.auditor("run", "--quiet", now="2026-11-08T12:00:00+00:00")
    assert first.returncode in (0, 1), first.stderr
    assert shop.auditor("gate", "review-request").returncode == 0

    shop.append_inbox([RESTRICTION.read_bytes()])
    during = "2026-11-10T12:00:00+00:00"
    run = shop.auditor("run", "--format", "json", now=during)
    assert run.returncode == 1, run.stderr  # an active restriction
    report = json.loads(run.stdout)
    states = {c["name"]: (c["state"], c["until"]) for c in report["campaigns"]}
    assert states["review-request"] == ("paused", "2026-12-09T08:12:00+00:00")
    assert states["request-a-review"][0] == "active"

    gate = shop.auditor("gate", "review-request", now=during)
    assert gate.returncode == 1 and "until 2026-12-09 08:12 UTC" in gate.stdout
    assert shop.auditor("gate", "request-a-review", now=during).returncode == 0
    assert shop.auditor("gate", "no-such-campaign", now=during).returncode == 2

    paused = shop.events("campaign.paused")
    assert [e["campaign"] for e in paused] == ["review-request"]
    assert paused[0]["until"] == "2026-12-09T08:12:00+00:00"
    assert paused[0]["idempotency_key"]

    after = "2026-12-09T09:00:00+00:00"
    rerun = shop.auditor("run", "--quiet", now=after)
    assert rerun.returncode in (0, 1), rerun.stderr
    assert shop.auditor("gate", "review-request", now=after).returncode == 0
    resumed = shop.events("campaign.resumed")
    assert [e["campaign"] for e in resumed] == ["review-request"]
    assert resumed[0]["actor"] == "schedule"
    assert len({e["idempotency_key"] for e in shop.events()}) == len(shop.events())

    history = shop.auditor("campaigns", "--history", "--format", "json", now=after)
    review_request = next(
        c for c in json.loads(history.stdout)["campaigns"] if c["name"] == "review-request"
    )
    assert [(h["from"], h["to"], h["actor"]) for h in review_request["history"]] == [
        ("active", "paused", "notice"),
        ("paused", "active", "schedule"),
    ]


def test_spoofed_notice_changes_nothing_and_alerts(shop):
    shop.append_sent([review(1, D)])
    assert shop.auditor("run", "--quiet", now="2026-11-08T00:00:00+00:00").returncode in (0, 1)
    shop.append_inbox([PHISHING.read_bytes()])
    run = shop.auditor("run", "--quiet", now="2026-11-10T00:00:00+00:00")
    assert run.returncode in (0, 1), run.stderr
    assert set(campaign_states(shop).values()) <= {"active", "flagged"}
    alerts = shop.events("phishing.suspected")
    assert len(alerts) == 1 and "phishing" in alerts[0]["reason"]
    assert not shop.events("campaign.paused")


def test_manual_pause_and_resume_are_recorded(shop):
    shop.append_sent([review(1, D)])
    shop.auditor("run", "--quiet", now="2026-11-08T00:00:00+00:00")
    pause = shop.auditor(
        "pause", "review-request", "--reason", "rewriting the template", "--by", "ann"
    )
    assert pause.returncode == 0, pause.stderr
    assert shop.auditor("gate", "review-request").returncode == 1
    assert (
        shop.auditor("resume", "review-request", "--reason", "done", "--by", "ann").returncode == 0
    )
    assert shop.auditor("gate", "review-request").returncode == 0
    actors = [e["actor"] for e in shop.events()]
    assert actors == ["person:ann", "person:ann"]
    assert shop.auditor("pause", "nope", "--reason", "x").returncode == 2


def test_daemon_picks_up_a_notice_and_stops_on_sigterm(shop):
    shop.write_config(sync_minutes=0.02, lift_check_seconds=0.5)
    shop.append_sent([review(i, D) for i in range(2)])
    now = "2026-11-10T12:00:00+00:00"
    daemon = shop.spawn("daemon", "-v", now=now)
    try:
        deadline = time.monotonic() + 30
        while shop.auditor("gate", "review-request", now=now).returncode != 0:
            assert time.monotonic() < deadline, "daemon never registered the campaign"
            assert daemon.poll() is None, daemon.stderr.read()
            time.sleep(0.3)
        shop.append_inbox([RESTRICTION.read_bytes()])
        appended = time.monotonic()
        while shop.auditor("gate", "review-request", now=now).returncode != 1:
            assert time.monotonic() - appended < 20, "notice not picked up within the interval"
            time.sleep(0.2)
        daemon.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        assert daemon.wait(timeout=10) == 0
        assert time.monotonic() - stopped < 5
    finally:
        if daemon.poll() is None:
            daemon.kill()
    assert [e["campaign"] for e in shop.events("campaign.paused")] == ["review-request"]


def test_kill_9_during_cycles_loses_nothing_and_repeats_nothing(shop):
    shop.write_config(lock_seconds=1.5)  # a killed run's lease frees the store quickly
    shop.append_sent([review(i, D) for i in range(60)] + [request_a_review(100, D)])
    shop.append_inbox([RESTRICTION.read_bytes(), PHISHING.read_bytes()])
    rng = random.Random(5)
    now = "2026-11-10T12:00:00+00:00"
    killed = cycles = 0
    window = 2.5  # seconds; shrinks whenever a run ends before its kill
    appended = 0
    # At least eight cycles and three kills: how long a run takes depends on
    # the machine, so the kill point is drawn from a window that adapts to it.
    while cycles < 8 or (killed < 3 and cycles < 24):
        cycles += 1
        shop.append_sent([review(300 + appended + j, D) for j in range(3)])  # new mail each cycle
        appended += 3
        proc = shop.spawn("run", "--quiet", now=now)
        time.sleep(rng.uniform(0.2, 1.0) * window)
        if proc.poll() is None:
            proc.kill()
            killed += 1
        else:
            window *= 0.7
        proc.wait(timeout=30)
        time.sleep(1.6)  # the killed run's lease expires
    # Ten minutes on (the clock is fixed per run): an outbox row a killed run
    # had claimed keeps its lease (at least 125 s) until then, as in real time.
    final = shop.auditor("run", "--quiet", "--wait", "10", now="2026-11-10T12:10:00+00:00")
    assert final.returncode in (0, 1), final.stderr
    assert killed >= 3, "the runs finished too fast to be interrupted"
    sent = 63 + appended

    store = open_store(shop.store_url)
    with store.transaction() as session:
        assert session.scalar(select(func.count(StoredMessage.id))) == sent
        assert session.scalar(select(func.count(func.distinct(StoredMessage.message_id)))) == sent
        assert session.scalar(select(func.count(StoredNotice.id))) == 2
        assert (
            session.scalar(
                select(func.count(StoredNotice.id)).where(StoredNotice.applied.is_(False))
            )
            == 0
        )
        paused_events = session.scalar(
            select(func.count(CampaignEvent.id)).where(CampaignEvent.to_state == "paused")
        )
        keys = set(session.scalars(select(Outbox.idempotency_key)))
        undelivered = session.scalar(
            select(func.count(Outbox.id)).where(Outbox.delivered_at.is_(None))
        )
    assert paused_events == 1  # the restriction was applied exactly once
    assert undelivered == 0
    accepted = [e["idempotency_key"] for e in shop.events()]
    assert sorted(accepted) == sorted(keys)  # every action arrived, each once after de-dup
    assert "phishing.suspected" in {e["type"] for e in shop.events()}


def test_two_runs_at_once_one_refuses_clearly(shop):
    shop.append_sent([review(i, D) for i in range(40)])
    procs = [shop.spawn("run", "--quiet", now="2026-11-08T00:00:00+00:00") for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes[0] in (0, 1)
    if codes[1] == 2:
        refused = next(err for code, err in results if code == 2)
        assert "another auditor run holds the store's run lock" in refused
    store = open_store(shop.store_url)
    with store.transaction() as session:
        assert session.scalar(select(func.count(StoredMessage.id))) == 40


def test_config_example_is_valid(tmp_path):
    from auditor.config import load_config

    config = load_config(Path(__file__).resolve().parents[2] / "config.example.toml")
    assert "shop" in config.accounts


def _without_results(raw: bytes) -> bytes:
    """The corpus restriction as an export or a forgery would carry it: no
    Authentication-Results at all."""
    lines = raw.split(b"\n")
    kept, skipping = [], False
    for line in lines:
        if line.lower().startswith(b"authentication-results:"):
            skipping = True
            continue
        if skipping and line[:1] in (b" ", b"\t"):
            continue
        skipping = False
        kept.append(line)
    return b"\n".join(kept)


def test_unverified_notice_waits_for_confirmation_then_the_daemon_applies_it(shop):
    """Issue #12 on a real IMAP account: an unverified restriction flags and
    alerts once, pauses nothing over two runs; `auditor notices confirm`
    (who and when recorded), and the daemon's next cycle pauses, once."""
    shop.write_config(sync_minutes=0.02, lift_check_seconds=0.5)
    shop.append_sent([review(1, D)])
    assert shop.auditor("run", "--quiet", now="2026-11-08T00:00:00+00:00").returncode in (0, 1)
    unverified = _without_results(RESTRICTION.read_bytes())
    assert b"Authentication-Results" not in unverified
    shop.append_inbox([unverified])
    now = "2026-11-10T12:00:00+00:00"
    for _ in range(2):
        run = shop.auditor("run", "--quiet", now=now)
        assert run.returncode == 1, run.stderr  # a restriction may be running: exit 1
        assert shop.auditor("gate", "review-request", now=now).returncode == 0
    assert campaign_states(shop)["review-request"] == "flagged"
    assert campaign_states(shop)["request-a-review"] == "active"
    alerts = shop.events("notice.unconfirmed")
    assert len(alerts) == 1 and not shop.events("campaign.paused")
    listed = shop.auditor("notices", "--format", "json", now=now)
    [notice] = json.loads(listed.stdout)["notices"]
    assert notice["needs_confirmation"] and notice["authenticity"] == "unverified"
    assert alerts[0]["confirm"] == f"auditor notices confirm {notice['id']}"

    confirm = shop.auditor(
        "notices",
        "confirm",
        notice["message_id"],
        "--by",
        "ann",
        "--reason",
        "in Seller Central",
        now=now,
    )
    assert confirm.returncode == 0, confirm.stderr
    daemon = shop.spawn("daemon", now=now)
    try:
        deadline = time.monotonic() + 30
        while shop.auditor("gate", "review-request", now=now).returncode != 1:
            assert time.monotonic() < deadline, "the daemon never applied the confirmation"
            assert daemon.poll() is None, daemon.stderr.read()
            time.sleep(0.3)
        time.sleep(1.5)  # a few more cycles: nothing is applied twice
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=10) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
    paused = shop.events("campaign.paused")
    assert [e["campaign"] for e in paused] == ["review-request"]
    assert paused[0]["confirmed_by"] == "ann" and paused[0]["until"] == "2026-12-09T08:12:00+00:00"
    assert len(shop.events("notice.unconfirmed")) == 1
    listed = shop.auditor("notices", "--format", "json", now=now)
    [notice] = json.loads(listed.stdout)["notices"]
    assert notice["confirmation"]["by"] == "ann" and not notice["needs_confirmation"]
