"""Acceptance of issue #17 (buyer and order memory), end to end: real mail
bytes in six languages, the real parser, detector, rules engine and a real
SQLite store, through ``auditor audit``.

The mailbox is a directory read in name order, with the seller's messages
first (as a Sent folder read before INBOX): dates, not the mailbox order,
decide.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.orders.mails import (
    LANGS,
    buyer,
    opt_out_bounce,
    order_mail,
    review_request,
    stop_reply,
)

ORDER_A = "113-4100001-0000001"  # "Sold, ship now" on 15 September (stated), then a review
ORDER_B = "113-4100002-0000002"  # "Sold, ship now" on 20 October, then a review
ORDER_C = "113-4100003-0000003"  # refunded, then a review
ORDER_D = "113-4100004-0000004"  # the buyer complains after the first review
ORDER_E = "113-4100005-0000005"  # the same buyer's later order


def _box(tmp_path: Path, mails: dict[str, bytes]) -> Path:
    box = tmp_path / "box"
    box.mkdir(exist_ok=True)
    for name, data in mails.items():
        (box / f"{name}.eml").write_bytes(data)
    return box


def _audit(cli, box: Path, store_url: str, *extra: str) -> dict:
    status, out, err = cli("audit", box, "--format", "json", "--store", store_url, *extra)
    assert status in (0, 1), err
    return json.loads(out)


def _findings(audit: dict, rule: str) -> dict[str, dict]:
    return {f["message_id"]: f for f in audit["findings"] if f["rule"] == rule}


def _mails(lang: str) -> dict[str, bytes]:
    jane, max_ = buyer(lang, 1), buyer(lang, 2)
    return {
        # Sent folder first
        "1-sent-a-late": review_request(
            lang, ORDER_A, "Fri, 30 Oct 2026 10:00:00 +0000", jane, "<ra@shop.example>"
        ),
        "2-sent-b-early": review_request(
            lang, ORDER_B, "Fri, 30 Oct 2026 10:00:00 +0000", max_, "<rb@shop.example>"
        ),
        "3-sent-c": review_request(
            lang, ORDER_C, "Tue, 10 Nov 2026 10:00:00 +0000", max_, "<rc@shop.example>"
        ),
        "4-sent-d": review_request(
            lang, ORDER_D, "Sun, 01 Nov 2026 10:00:00 +0000", jane, "<rd@shop.example>"
        ),
        "5-sent-e": review_request(
            lang, ORDER_E, "Fri, 20 Nov 2026 10:00:00 +0000", jane, "<re@shop.example>"
        ),
        # then INBOX
        "6-ordered-a": order_mail(
            lang,
            "ordered",
            ORDER_A,
            "Sat, 19 Sep 2026 09:00:00 +0000",
            mid="<ordered-a@amazon.example>",
        ),
        "6-shipped-a": order_mail(lang, "shipped", ORDER_A, "Sun, 20 Sep 2026 09:00:00 +0000"),
        "7-ordered-b": order_mail(
            lang,
            "ordered",
            ORDER_B,
            "Tue, 20 Oct 2026 09:00:00 +0000",
            mid="<ordered-b@amazon.example>",
            stated=False,
        ),
        "8-refunded-c": order_mail(
            lang,
            "refunded",
            ORDER_C,
            "Tue, 03 Nov 2026 09:00:00 +0000",
            layout="html",
            mid="<refund-c@amazon.example>",
        ),
        "9-stop-d": stop_reply(
            lang,
            ORDER_D,
            "Mon, 02 Nov 2026 10:00:00 +0000",
            jane,
            "<stop-d@marketplace.example>",
            answers="<rd@shop.example>",
        ),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_learnt_order_date_opt_out_and_refund(lang, tmp_path, cli, store_url):
    audit = _audit(cli, _box(tmp_path, _mails(lang)), store_url)

    window = _findings(audit, "BSM505")
    # 45 days after the order date the "Sold, ship now" mail states: cited.
    assert "<ra@shop.example>" in window, audit["findings"]
    evidence = window["<ra@shop.example>"]["evidence"]
    assert "45 days" in evidence and "ordered-a@amazon.example" in evidence
    assert window["<ra@shop.example>"]["related"] == ["<ordered-a@amazon.example>"]
    # 10 days after the order: nothing.
    assert "<rb@shop.example>" not in window

    solicit = _findings(audit, "BSM703")
    # The later message to the buyer who asked to stop, about another order.
    assert set(solicit) == {"<re@shop.example>"}, solicit
    assert solicit["<re@shop.example>"]["severity"] == "error"
    assert "stop-d@marketplace.example" in solicit["<re@shop.example>"]["evidence"]

    refund = _findings(audit, "BSM704")
    assert set(refund) == {"<rc@shop.example>"}
    assert refund["<rc@shop.example>"]["severity"] == "warning"

    # Order mail is not an account-health notice.
    kinds = [n["kind"] for n in audit["notices"]]
    assert "other_amazon" not in kinds


def test_memory_outlives_the_audit(tmp_path, cli, store_url):
    """Run 1 reads only Amazon's and the buyer's mail; run 2 only the seller's
    later messages: the store's order memory decides."""
    mails = _mails("de")
    inbox = {k: v for k, v in mails.items() if not k.split("-")[1] == "sent"}
    sent = {k: v for k, v in mails.items() if k.split("-")[1] == "sent"}
    assert len(inbox) == 5 and len(sent) == 5
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    _audit(cli, _box(tmp_path / "in", inbox), store_url)
    audit = _audit(cli, _box(tmp_path / "out", sent), store_url)
    assert "<ra@shop.example>" in _findings(audit, "BSM505")
    assert "<rb@shop.example>" not in _findings(audit, "BSM505")
    assert set(_findings(audit, "BSM704")) == {"<rc@shop.example>"}
    # The complaint names its buyer: the later order of that buyer is closed too.
    assert set(_findings(audit, "BSM703")) == {"<re@shop.example>"}


def test_opt_out_bounce_closes_the_buyer(tmp_path, cli, store_url):
    """An opt-out bounce names only the order; the seller's message about that
    order names the buyer; the buyer's next order gets BSM703 (error)."""
    jane = buyer("en", 7)
    box = _box(
        tmp_path,
        {
            "1-sent-first": review_request(
                "en", ORDER_A, "Sun, 01 Nov 2026 10:00:00 +0000", jane, "<first@shop.example>"
            ),
            "2-sent-next": review_request(
                "en", ORDER_B, "Sun, 15 Nov 2026 10:00:00 +0000", jane, "<next@shop.example>"
            ),
            "3-bounce": opt_out_bounce(
                "en", ORDER_A, "Sun, 01 Nov 2026 10:01:00 +0000", "<bounce@amazon.example>"
            ),
        },
    )
    audit = _audit(cli, box, store_url)
    solicit = _findings(audit, "BSM703")
    assert set(solicit) == {"<next@shop.example>"}
    assert solicit["<next@shop.example>"]["related"] == ["<bounce@amazon.example>"]
    assert any(n["kind"] == "buyer_opt_out" for n in audit["notices"])


def test_phishing_order_mail_states_nothing(tmp_path, cli, store_url):
    """A refund "from Amazon" that fails DMARC is possible phishing: it is
    reported as a notice and closes no order."""
    refund = order_mail("en", "refunded", ORDER_C, "Tue, 03 Nov 2026 09:00:00 +0000")
    forged = refund.replace(b"dkim=pass", b"dkim=fail").replace(b"dmarc=pass", b"dmarc=fail")
    forged = forged.replace(b"spf=pass", b"spf=fail")
    box = _box(
        tmp_path,
        {
            "1-sent": review_request(
                "en",
                ORDER_C,
                "Tue, 10 Nov 2026 10:00:00 +0000",
                buyer("en", 8),
                "<rc@shop.example>",
            ),
            "2-forged": forged,
        },
    )
    audit = _audit(cli, box, store_url)
    assert not _findings(audit, "BSM704")
    assert [n["authenticity"] for n in audit["notices"]] == ["suspicious"]


def test_run_cycle_learns_and_judges_alike(tmp_path, cli, store_url):
    """``auditor run`` (what cron and the daemon's cycles do) learns order
    facts and reports BSM505/BSM703/BSM704 as ``audit`` does."""
    box = _box(tmp_path, _mails("es"))
    status, out, err = cli("run", box, "--format", "json", "--store", store_url, "--quiet")
    assert status in (0, 1), err
    report = json.loads(out)
    assert "<ra@shop.example>" in _findings(report, "BSM505")
    assert set(_findings(report, "BSM703")) == {"<re@shop.example>"}
    assert set(_findings(report, "BSM704")) == {"<rc@shop.example>"}
