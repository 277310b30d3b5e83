"""The decision core against a real SQLite store: campaigns, restrictions on
record, BSM304 across sends, modes, the store going away, pre-send checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.audit import Auditor
from auditor.config import Config, load_config
from auditor.gate.decide import Decision, Gate, smtp_safe
from auditor.gate.settings import GateSettings
from tests.gate.conftest import add_campaign, mail, pause, write_config

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BUYER = "q8w7e6r5t4@marketplace.amazon.com"
NEUTRAL_REVIEW = (
    "Hello,\n\nwe hope your order {order} arrived safely. If you have a moment, "
    "you can leave a review on Amazon.\n\nAcme Home"
)
INCENTIVE = (
    "Hello,\n\nleave a review of order {order} and we will send you a $20 gift card.\n\nAcme Home"
)
DURING_RESTRICTION = "2026-11-20T12:00:00+00:00"  # corpus n01 runs 2026-11-09 to 2026-12-09


@pytest.fixture
def config(tmp_path, store) -> Config:
    return load_config(write_config(tmp_path, str(store.engine.url)))


def gate_for(config, store, **settings) -> Gate:
    gate = Gate(config, store, checks=[])
    gate.settings = gate.settings.model_copy(update=settings)
    return gate


def decide(gate: Gate, message, recipients=(BUYER,)) -> Decision:
    return gate.decide(bytes(message), list(recipients))


def test_non_marketplace_mail_passes_and_is_not_recorded(config, store):
    gate = gate_for(config, store)
    got = decide(
        gate, mail(INCENTIVE.format(order="113-6000000-0000001"), to="a@b.example"), ["a@b.example"]
    )
    assert got.kind == "pass" and got.headers == []
    assert store.gate_summary()["decisions"]["accept"] == 0


def test_buyer_in_the_envelope_only_is_still_checked(config, store):
    """A Bcc to the buyer's relay address: the To header names someone else."""
    gate = gate_for(config, store)
    message = mail(INCENTIVE.format(order="113-6000000-0000002"), to="team@acme.example")
    got = decide(gate, message, ["team@acme.example", BUYER])
    assert got.kind == "reject" and got.code == 550 and "BSM301" in got.rules


def test_reject_reply_names_code_name_and_sentence(config, store):
    got = decide(gate_for(config, store), mail(INCENTIVE.format(order="113-6000000-0000003")))
    assert got.reply.startswith("550 5.7.1 auditor: BSM")
    assert "review-incentive" in got.reply or "BSM301" in got.reply
    assert "$20 gift card" in got.reply
    assert "\n" not in got.reply and got.reply.isascii()


def test_smtp_reply_text_is_one_ascii_line():
    assert smtp_safe("für\r\neine Bewertung") == "fur eine Bewertung"
    assert smtp_safe("レビュー") == "\\u30ec\\u30d3\\u30e5\\u30fc"
    assert len(smtp_safe("x" * 1000)) == 400


def test_second_review_request_for_an_order_is_rejected(config, store):
    gate = gate_for(config, store)
    first = mail(
        NEUTRAL_REVIEW.format(order="113-6000000-0000004"), "Your order 113-6000000-0000004"
    )
    assert decide(gate, first).kind == "accept"
    assert decide(gate, first).kind == "accept"  # the same message again is not a repeat
    again = mail(
        "Hello,\n\na reminder: we would love your review of order 113-6000000-0000004."
        "\n\nAcme Home",
        "Reminder: order 113-6000000-0000004",
    )
    got = decide(gate, again)
    assert got.kind == "reject" and got.rules == ["BSM304"]
    assert first["Message-ID"] in got.findings[0].related


def test_review_request_already_audited_counts(config, store):
    """The store's audited sent mail (corpus m07a asks for a review of order
    205-1938472-5520391) makes a gate-time request for that order a repeat."""
    Auditor(config, store).audit([str(CORPUS / "m07a-review-request-first.eml")])
    got = decide(gate_for(config, store), mail(NEUTRAL_REVIEW.format(order="205-1938472-5520391")))
    assert got.kind == "reject" and got.rules == ["BSM304"]
    assert "<m07a-review-request-first@corpus.example>" in got.findings[0].related


def test_paused_campaign_is_temp_failed_with_until(config, store):
    add_campaign(store, "follow-up")
    pause(store, "follow-up", days=3)
    message = mail(
        NEUTRAL_REVIEW.format(order="113-6000000-0000005"), "Follow-up: order 113-6000000-0000005"
    )
    got = decide(gate_for(config, store), message)
    assert (got.kind, got.code, got.status, got.campaign) == ("tempfail", 451, "4.7.1", "follow-up")
    assert "paused until 20" in got.text and got.until is not None
    held = decide(gate_for(config, store, paused="hold"), message)
    assert held.kind == "hold" and held.reason == "paused"
    assert store.gate_summary()["decisions"] | {} == {
        "accept": 0,
        "header": 0,
        "reject": 0,
        "tempfail": 1,
        "hold": 1,
    }


def test_paused_by_hand_without_end(config, store):
    pause(store, "follow-up", days=None)
    got = decide(
        gate_for(config, store),
        mail("Your order 113-6000000-0000006 has shipped.", "Follow-up: order 113-6000000-0000006"),
    )
    assert got.kind == "tempfail" and "until a person resumes it" in got.text


def test_reply_to_a_buyer_goes_out_during_a_pause(config, store):
    pause(store, "follow-up", days=3)
    reply = mail(
        "Hello,\n\nthe replacement for order 113-6000000-0000007 ships today.",
        "Follow-up: order 113-6000000-0000007",
        headers={"In-Reply-To": "<buyer-question@marketplace.amazon.com>"},
    )
    assert decide(gate_for(config, store), reply).kind == "accept"


def test_request_a_review_campaign_is_never_touched(config, store, monkeypatch):
    monkeypatch.setenv("AUDITOR_NOW", DURING_RESTRICTION)
    Auditor(config, store).audit([str(CORPUS / "n01-restriction-30-days.eml")])
    message = mail(
        NEUTRAL_REVIEW.format(order="113-6000000-0000008"),
        headers={"X-Campaign": "request-a-review"},
    )
    got = decide(gate_for(config, store), message)
    assert (got.kind, got.reason, got.headers) == ("accept", "request-a-review", [])


def test_new_template_during_a_restriction_on_record_is_paused(config, store, monkeypatch):
    monkeypatch.setenv("AUDITOR_NOW", DURING_RESTRICTION)
    Auditor(config, store).audit([str(CORPUS / "n01-restriction-30-days.eml")])
    message = mail(NEUTRAL_REVIEW.format(order="113-6000000-0000009"), "A brand new template")
    got = decide(gate_for(config, store), message)
    assert got.kind == "tempfail" and "until 2026-12-09" in got.text
    assert "messaging restriction on record" in got.text
    monkeypatch.setenv("AUDITOR_NOW", "2026-12-10T00:00:00+00:00")  # it has ended
    assert decide(gate_for(config, store), message).kind == "accept"


def test_phishing_restriction_pauses_nothing(config, store, monkeypatch):
    monkeypatch.setenv("AUDITOR_NOW", DURING_RESTRICTION)
    Auditor(config, store).audit([str(CORPUS / "n09-phishing-deactivated.eml")])
    message = mail(NEUTRAL_REVIEW.format(order="113-6000000-0000010"), "Another template")
    assert decide(gate_for(config, store), message).kind == "accept"


def test_findings_header_mode_and_hold_mode(config, store):
    header = decide(
        gate_for(config, store, findings="header"),
        mail(INCENTIVE.format(order="113-6000000-0000011")),
    )
    assert header.kind == "header"
    names = dict(header.headers)
    assert "BSM301 review-incentive (error)" in names["X-Auditor-Findings"]
    assert names["X-Auditor"].startswith("header; auditor ")
    hold = decide(
        gate_for(config, store, findings="hold"),
        mail(INCENTIVE.format(order="113-6000000-0000012")),
    )
    assert hold.kind == "hold" and hold.code == 550


def test_warnings_ride_along_in_a_header(config, store):
    message = mail(
        "Hello,\n\nyour order 113-6000000-0000013 has shipped. Questions? Call us on "
        "+1 555 0100 or write to help@acme.example.",
        "Order 113-6000000-0000013",
    )
    got = decide(gate_for(config, store), message)
    assert got.kind == "accept"
    assert "BSM501 contact-details (warning)" in dict(got.headers)["X-Auditor-Findings"]


def _break_store(store, tmp_path):
    """The database file replaced by a directory: every new connection fails."""
    path = Path(store.engine.url.database)
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()
    store.engine.dispose()


def test_store_unreachable_fails_closed_by_default(config, store, tmp_path):
    gate = gate_for(config, store)
    _break_store(store, tmp_path)
    got = decide(gate, mail(NEUTRAL_REVIEW.format(order="113-6000000-0000014")))
    assert (got.kind, got.code, got.status) == ("tempfail", 451, "4.3.0")
    assert "store unavailable" in got.text


def test_store_unreachable_fails_open_when_configured(config, store, tmp_path):
    gate = gate_for(config, store, fail_open=True)
    _break_store(store, tmp_path)
    clean = decide(gate, mail(NEUTRAL_REVIEW.format(order="113-6000000-0000015")))
    assert clean.kind == "accept"
    assert "unrecorded (store unavailable)" in dict(clean.headers)["X-Auditor"]
    bad = decide(gate, mail(INCENTIVE.format(order="113-6000000-0000016")))
    assert bad.kind == "reject"  # the rules need no store


def test_pre_send_check_can_stop_a_message(config, store):
    opted_out = {"q8w7e6r5t4@marketplace.amazon.com"}

    def do_not_solicit(msg, campaign, recipients, gate):
        if any(a in opted_out for a in recipients):
            return Decision(
                "reject", 550, "5.7.1", "auditor: the buyer opted out", reason="opt-out"
            )
        return None

    gate = Gate(config, store, checks=[do_not_solicit])
    got = decide(gate, mail(NEUTRAL_REVIEW.format(order="113-6000000-0000017")))
    assert (got.kind, got.reason) == ("reject", "opt-out") and got.campaign.startswith("auto:")
    assert store.gate_summary()["recent_stopped"][0]["reason"] == "opt-out"


def test_a_crash_costs_the_message_a_temp_fail(config, store):
    def broken(msg, campaign, recipients, gate):
        raise RuntimeError("bug")

    gate = Gate(config, store, checks=[broken])
    got = decide(gate, mail(NEUTRAL_REVIEW.format(order="113-6000000-0000018")))
    assert (got.kind, got.code, got.status) == ("tempfail", 451, "4.3.0")


def test_waived_rule_does_not_reject(tmp_path, store):
    path = write_config(tmp_path, str(store.engine.url), extra="")
    path.write_text(
        path.read_text() + '\n[[waivers]]\ncampaign = "follow-up"\n'
        'rules = ["BSM301"]\nreason = "test waiver"\n'
    )
    gate = Gate(load_config(path), store, checks=[])
    message = mail(
        "Hello,\n\nleave a review of order 113-6000000-0000019 and we will send you "
        "a $20 gift card.",
        "Follow-up: order 113-6000000-0000019",
    )
    got = decide(gate, message)
    assert "BSM301" not in got.rules


def test_settings_default_to_safe_values():
    settings = GateSettings()
    assert (settings.findings, settings.paused, settings.fail_open) == ("reject", "tempfail", False)
    assert settings.relay_listen.startswith("127.0.0.1:")


def test_audit_json_reports_what_the_gate_stopped(config, store, cli, tmp_path):
    gate = gate_for(config, store)
    decide(gate, mail(INCENTIVE.format(order="113-6000000-0000020")))
    decide(gate, mail("Your order 113-6000000-0000021 has shipped.", "Order 113-6000000-0000021"))
    shutil.copy(CORPUS / "m01-review-request-ok-en.eml", tmp_path / "m01.eml")
    _, out, _ = cli(
        "audit", str(tmp_path / "m01.eml"), "--store", str(store.engine.url), "--format", "json"
    )
    report = json.loads(out)
    assert report["gate"]["decisions"]["reject"] == 1
    assert report["gate"]["decisions"]["accept"] == 1
    assert report["gate"]["stopped"] == 1
    assert report["gate"]["recent_stopped"][0]["rules"][0].startswith("BSM")
    _, out, _ = cli("audit", str(tmp_path / "m01.eml"), "--no-store", "--format", "json")
    assert json.loads(out)["gate"] is None
