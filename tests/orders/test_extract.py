"""Order events from real mail bytes: every kind in six languages and two
layouts, the held-out wordings, and mail that must state nothing."""

from __future__ import annotations

import pytest

from auditor.message.classify import enrich
from auditor.message.parse import parse_message
from auditor.notices import detect
from auditor.orders.extract import order_events
from auditor.orders.model import EventKind
from tests.orders.heldout import HELDOUT, HELDOUT_2
from tests.orders.mails import (
    CHARSET,
    DOMAIN,
    LANGS,
    ORDER_MAILS,
    order_mail,
    raw_mail,
    stop_reply,
)
from tests.scaling import assert_flat

#: the receiving server of the test mails, trusted as a seller's config would
TRUSTED = {"trusted_authserv_ids": ["mx.seller.example"]}
ORDER = "113-4200001-0000001"
DATE = "Tue, 06 Oct 2026 10:00:00 +0000"


def events_of(raw: bytes):
    msg = enrich(parse_message(raw, "test", "1"))
    return order_events(msg, detect(msg, TRUSTED, raw=raw))


@pytest.mark.parametrize("layout", ["plain", "html"])
@pytest.mark.parametrize("kind", list(ORDER_MAILS["en"]))
@pytest.mark.parametrize("lang", LANGS)
def test_each_kind_each_language(lang, kind, layout):
    events = events_of(order_mail(lang, kind, ORDER, DATE, layout=layout))
    assert [(e.order_id, e.kind.value) for e in events] == [(ORDER, kind)]
    event = events[0]
    assert event.authenticity == "verified" and event.trusted
    assert event.marketplace == DOMAIN[lang]
    if kind == "ordered":  # the "Order date:" line, not the Date header
        assert event.date.date().isoformat() == "2026-09-15"
    else:
        assert event.date.isoformat() == "2026-10-06T10:00:00+00:00"


@pytest.mark.parametrize("cases", [HELDOUT, HELDOUT_2], ids=["heldout1", "heldout2"])
def test_heldout_accuracy(cases):
    """Wordings the phrase files were not written against (first set before
    tuning: 32/33; second set, never tuned on: 12/12; see the report).
    Floor: all but two right, no false event."""
    right, false_events = 0, []
    for i, (lang, kind, subject, lines) in enumerate(cases):
        raw = raw_mail(
            f"Amazon <seller-notification@{DOMAIN[lang]}>",
            "shop@seller.example",
            subject.format(o=ORDER),
            "\n".join(lines).format(o=ORDER),
            DATE,
            f"<h{i}@t>",
            charset=CHARSET[lang],
            auth=DOMAIN[lang],
        )
        got = [e.kind.value for e in events_of(raw)]
        right += got == ([kind] if kind else [])
        if got and got != [kind]:
            false_events.append((lang, subject, got))
    assert not false_events
    assert right >= len(cases) - 2, right


def test_a_forward_states_nothing():
    """A colleague's forward of an order mail is not Amazon's own mail."""
    inner = order_mail("en", "refunded", ORDER, DATE).decode()
    body = "FYI see below\n\n---------- Forwarded message ---------\n" + inner.split("\n\n", 1)[1]
    raw = raw_mail(
        "Bob <bob@seller.example>",
        "shop@seller.example",
        f"Fwd: Refund initiated for order {ORDER}",
        body,
        DATE,
        "<fwd@t>",
    )
    assert events_of(raw) == []


def test_not_from_amazon_states_nothing():
    raw = raw_mail(
        "Carrier <noreply@parcel.example>",
        "shop@seller.example",
        f"Shipment confirmation for order {ORDER}",
        f"Your order {ORDER} has been shipped.",
        DATE,
        "<c@t>",
    )
    assert events_of(raw) == []


def test_account_health_notice_mentioning_a_refund_is_no_refund(corpus):
    """A restriction notice that also says an order was refunded is a
    restriction: only order mail (the notice detector's ``other_amazon``) is read."""
    raw = (corpus / "n01-restriction-30-days.eml").read_bytes()
    raw = raw.replace(
        b"Dear Seller,",
        f"Dear Seller,\n\nA refund of order {ORDER} has been issued to the buyer.".encode(),
    )
    msg = enrich(parse_message(raw, "test", "1"))
    notice = detect(msg, TRUSTED, raw=raw)
    assert notice is not None and notice.kind.value == "messaging_restriction"
    assert ORDER in notice.order_ids
    assert order_events(msg, notice) == []


def test_a_digest_of_many_orders_states_nothing():
    many = "\n".join(f"113-42{n:05d}-0000001" for n in range(25))
    raw = raw_mail(
        "Amazon <seller-notification@amazon.com>",
        "shop@seller.example",
        "Shipment confirmation",
        f"Your orders have been shipped:\n{many}",
        DATE,
        "<d@t>",
        auth="amazon.com",
    )
    assert events_of(raw) == []


@pytest.mark.parametrize("lang", LANGS)
def test_buyer_complaint_is_a_complaint_of_that_buyer(lang):
    frm = f"Kim <kim1@marketplace.{DOMAIN[lang]}>"
    events = events_of(stop_reply(lang, ORDER, DATE, frm, "<s@t>"))
    assert [(e.kind, e.buyer, e.order_id) for e in events] == [
        (EventKind.COMPLAINT, f"kim1@marketplace.{DOMAIN[lang]}", ORDER)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Your message went to my spam folder, but the order is fine.",
        "メッセージが迷惑メールフォルダに入っていました。商品は届きました。",
        "Ihre Nachricht war im Spam-Ordner, aber alles ist gut angekommen.",
    ],
)
def test_a_spam_folder_remark_is_no_complaint(text):
    raw = raw_mail(
        "Kim <kim2@marketplace.amazon.com>",
        "shop@seller.example",
        "Re: order",
        text,
        DATE,
        "<sf@t>",
    )
    assert events_of(raw) == []


@pytest.mark.parametrize("pattern", ["x", "ab.x-y+", "order ", "refund order ", "Bestelldatum: "])
def test_a_huge_pathological_body_costs_bounded_time(pattern):
    """Mail is hostile: a body of one repeated pattern from Amazon is read
    up to its first 20,000 characters, so 200 kB costs about what 25 kB
    costs, not eight times as much."""

    def prepare(size: int):
        body = (pattern * size)[:size]
        raw = raw_mail(
            "Amazon <seller-notification@amazon.com>",
            "shop@seller.example",
            "Hello",
            body,
            DATE,
            "<big@t>",
            auth="amazon.com",
        )
        msg = enrich(parse_message(raw, "test", "1"))
        notice = detect(msg, TRUSTED, raw=raw)
        return lambda: order_events(msg, notice)

    assert_flat(prepare, 25_000, 200_000)


def test_spam_folder_words_do_not_hide_a_complaint():
    raw = raw_mail(
        "Kim <kim3@marketplace.amazon.com>",
        "shop@seller.example",
        "Re: order",
        "Your mails land in my spam folder every week. Stop emailing me.",
        DATE,
        "<sf2@t>",
    )
    assert [e.kind for e in events_of(raw)] == [EventKind.COMPLAINT]
