"""Linking per-message notes and buyer complaints to the sent messages."""

from __future__ import annotations

from pathlib import Path

from auditor.message.ids import order_ids
from auditor.notices.link import link_notices, sent_lookups
from auditor.notices.model import Authenticity, Notice, NoticeKind
from tests.notices.conftest import notice_of, parse


def _sent(corpus: Path) -> list:
    return [parse(p.read_bytes(), p.name, str(p.parent)) for p in sorted(corpus.glob("m*.eml"))]


def test_corpus_notes_link_to_sent_messages(corpus: Path, corpus_notices: list[Notice]) -> None:
    sent = _sent(corpus)
    campaigns, orders, relays = sent_lookups(sent, campaign_of=lambda m: "reviews")
    linked = link_notices(corpus_notices, campaigns, orders, relays)
    by_id = {n.message_id: n for n in corpus_notices}
    # the buyer's complaint answers exactly one message (In-Reply-To)
    assert linked["<n11-buyer-complaint-reply@corpus.example>"] == [
        "<m-review-1@acme-home.example>"
    ]
    # the undelivered note names an order: every message sent for it, and only those
    undelivered = linked["<n04-undelivered-restricted@corpus.example>"]
    assert "<m-review-1@acme-home.example>" in undelivered
    texts = {m.message_id: f"{m.subject}\n{m.body}" for m in sent}
    assert all("113-4829104-7712093" in order_ids(texts[mid]) for mid in undelivered)
    assert "<n05-blocked-guidelines@corpus.example>" in linked
    assert "<n10-buyer-opt-out@corpus.example>" in linked
    # notices that concern no single message are not linked
    assert "<n01-restriction-30-days@corpus.example>" not in linked
    assert by_id["<n01-restriction-30-days@corpus.example>"].linked == []
    assert by_id["<n11-buyer-complaint-reply@corpus.example>"].linked == [
        "<m-review-1@acme-home.example>"
    ]


def _note(**fields) -> Notice:
    base = dict(
        kind=NoticeKind.MESSAGE_BLOCKED,
        message_id="<note@x>",
        subject="s",
        received_at=None,
        authenticity=Authenticity.VERIFIED,
    )
    base.update(fields)
    return Notice(**base)


def test_quoted_message_id_wins_over_order() -> None:
    raw = (
        b"From: Amazon <seller-notification@amazon.com>\r\nTo: s@acme.example\r\n"
        b"Subject: Message not delivered: order 111-1111111-1111111\r\n"
        b"Date: Mon, 09 Nov 2026 08:12:00 +0000\r\nMessage-ID: <b@amazon.com>\r\n\r\n"
        b"This message was not sent as it did not meet the Buyer-Seller Messaging "
        b"communication guidelines.\n\n----- Original message -----\n"
        b"Message-ID: <two@acme.example>\nSubject: order 111-1111111-1111111\n"
    )
    notice = notice_of(raw)
    campaigns = {"<one@acme.example>": "a", "<two@acme.example>": "b"}
    orders = {"111-1111111-1111111": ["<one@acme.example>", "<two@acme.example>"]}
    assert link_notices([notice], campaigns, orders) == {"<b@amazon.com>": ["<two@acme.example>"]}


def test_relay_narrows_an_order_and_links_alone() -> None:
    campaigns = {"<a@x>": None, "<b@x>": None, "<c@x>": None}
    orders = {"111-1111111-1111111": ["<a@x>", "<b@x>"]}
    relays = {"buyer1@marketplace.amazon.de": ["<b@x>"], "buyer2@marketplace.amazon.de": ["<c@x>"]}
    narrowed = _note(order_ids=["111-1111111-1111111"], relays=["buyer1@marketplace.amazon.de"])
    relay_only = _note(
        message_id="<r@x>", relays=["buyer2@marketplace.amazon.de"], kind=NoticeKind.BUYER_OPT_OUT
    )
    unknown = _note(message_id="<u@x>", order_ids=["999-9999999-9999999"])
    result = link_notices([narrowed, relay_only, unknown], campaigns, orders, relays)
    assert result == {"<note@x>": ["<b@x>"], "<r@x>": ["<c@x>"]}
    assert unknown.linked == []
