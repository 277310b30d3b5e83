"""What the TOML case files cannot express: rules read from the ``[rules]``
settings (daily orders, order dates, buyer locales), rule options, campaigns
and where a cross-message finding is attributed."""

from __future__ import annotations

from typing import Any

from rules.base import Example, Sample, registry
from rules.engine import Context, Engine
from rules.examples import example_messages
from rules.finding import Finding


def _run(
    code: str,
    samples: list[Sample],
    settings: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    campaigns: list[str | None] | None = None,
) -> list[Finding]:
    engine = Engine([registry()[code](options)], Context(settings=settings or {}))
    findings: list[Finding] = []
    messages = example_messages(Example(tuple(samples)))
    for index, msg in enumerate(messages):
        campaign = campaigns[index] if campaigns else "example"
        findings.extend(engine.check(msg, campaign=campaign))
    findings.extend(engine.finish())
    return [f for f in findings if f.rule == code]


def test_BSM701_daily_cap_reports_the_messages_past_it() -> None:
    samples = [
        Sample(
            f"Order 113-1234567-12345{i:02d}: please confirm the delivery date.",
            subject=f"Delivery {i}",
            date=f"2026-11-03T{10 + i}:00:00+00:00",
            message_id=f"<cap-{i}@shop.example>",
        )
        for i in range(5)
    ]
    found = _run("BSM701", samples, {"daily_orders": 0}, {"orders_factor": 5, "base_allowance": 3})
    assert [f.message_id for f in found] == ["<cap-3@shop.example>", "<cap-4@shop.example>"]
    assert "daily cap of 3" in found[0].evidence


def test_BSM701_no_cap_without_daily_orders() -> None:
    samples = [
        Sample(f"Order 113-1234567-12345{i:02d} is ready.", subject=f"n{i}") for i in range(3)
    ]
    assert not _run("BSM701", samples, options={"base_allowance": 1, "orders_factor": 0})


def test_BSM701_per_order_limit_is_per_campaign() -> None:
    samples = [
        Sample("Order 113-1111111-2222222 has been packed.", message_id="<a@shop.example>"),
        Sample(
            "Order 113-1111111-2222222: please confirm the delivery appointment.",
            message_id="<b@shop.example>",
            date="2026-11-04T10:00:00+00:00",
        ),
    ]
    assert not _run("BSM701", samples, campaigns=["shipping", "delivery"])
    found = _run("BSM701", samples, campaigns=["shipping", "shipping"])
    assert [(f.message_id, f.related, f.order_id) for f in found] == [
        ("<b@shop.example>", ["<a@shop.example>"], "113-1111111-2222222")
    ]


def test_BSM702_attributes_the_reply_to_the_answered_campaign() -> None:
    samples = [
        Sample(
            "Could you review order 113-3333333-4444444?",
            to="z@marketplace.amazon.com",
            message_id="<rr@shop.example>",
        ),
        Sample(
            "Stop emailing me.",
            subject="Re: review",
            sender="Z <z@marketplace.amazon.com>",
            to="shop@seller.example",
            in_reply_to="<rr@shop.example>",
            message_id="<zz@marketplace.amazon.com>",
            date="2026-11-04T10:00:00+00:00",
        ),
    ]
    [finding] = _run("BSM702", samples, campaigns=["review-request", None])
    assert finding.message_id == "<zz@marketplace.amazon.com>"
    assert finding.related == ["<rr@shop.example>"]
    assert finding.campaign == "review-request"


def test_BSM702_reply_matching_nothing_has_no_related() -> None:
    samples = [
        Sample(
            "Please unsubscribe me.",
            subject="Re: hi",
            sender="Q <q@marketplace.amazon.de>",
            to="shop@seller.example",
        )
    ]
    [finding] = _run("BSM702", samples, campaigns=[None])
    assert finding.related == [] and finding.campaign is None


def test_BSM505_order_dates_from_settings() -> None:
    sample = Sample("We would appreciate your honest review of order 113-5555555-6666666.")
    late = _run("BSM505", [sample], {"order_dates": {"113-5555555-6666666": "2026-09-01"}})
    assert late and "63 days after order 113-5555555-6666666" in late[0].evidence
    assert not _run("BSM505", [sample], {"order_dates": {"113-5555555-6666666": "2026-10-20"}})
    assert not _run(
        "BSM505",
        [sample],
        options={"window_days": 90},
        settings={"order_dates": {"113-5555555-6666666": "2026-09-01"}},
    )


def test_BSM504_buyer_locale_overrides_the_marketplace() -> None:
    english = Sample(
        "Thank you for your order 302-7777777-8888888. We would appreciate your honest "
        "review of the product.",
        to="x@marketplace.amazon.de",
    )
    assert _run("BSM504", [english])
    by_address = {"buyer_locales": {"x@marketplace.amazon.de": "en_GB"}}
    assert not _run("BSM504", [english], by_address)
    by_order = {"buyer_locales": {"302-7777777-8888888": "en-GB"}}
    assert not _run("BSM504", [english], by_order)
    accepted = {"accepted_languages": {"amazon.de": ["de", "en"]}}
    assert not _run("BSM504", [english], options=accepted)


def test_BSM501_options() -> None:
    warranty = Sample("For warranty claims call the manufacturer at 0800 555 0100.")
    assert not _run("BSM501", [warranty])
    assert _run("BSM501", [warranty], options={"service_phone_exception": False})
    listed = Sample("Write to help@shop.example or call 030 1234567.")
    assert not _run("BSM501", [listed], options={"allow": ["shop.example", "030 1234567"]})
