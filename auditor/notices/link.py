"""Link per-message notes and buyer complaints to the sent message they concern.

A blocked / undelivered / opt-out note, or a buyer's complaint, names the
message it is about in one of these ways, tried in this order (the first
that finds a sent message wins, so a precise link is never diluted by a
vague one):

1. a Message-ID: the mail's ``In-Reply-To`` and ``References``, or a
   Message-ID quoted in the bounce;
2. an order ID: every sent message for that order (narrowed to those sent
   to the buyer relay the note names, when it names one);
3. a buyer relay address: every sent message to that buyer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from auditor.message.amazon import relay_marketplace
from auditor.message.ids import order_ids
from auditor.message.model import Kind, Message
from auditor.notices.groups import LINKABLE_KINDS
from auditor.notices.model import Notice


def _candidates(
    notice: Notice,
    campaigns: Mapping[str, str | None],
    orders: Mapping[str, Sequence[str]],
    relays: Mapping[str, Sequence[str]],
) -> list[str]:
    by_reference = [ref for ref in notice.references if ref in campaigns]
    if by_reference:
        return list(dict.fromkeys(by_reference))
    to_relay = {mid for relay in notice.relays for mid in relays.get(relay, ())}
    by_order = [mid for oid in notice.order_ids for mid in orders.get(oid, ())]
    if by_order:
        narrowed = [mid for mid in by_order if mid in to_relay]
        return list(dict.fromkeys(narrowed or by_order))
    return list(dict.fromkeys(mid for relay in notice.relays for mid in relays.get(relay, ())))


def link_notices(
    notices: Iterable[Notice],
    campaigns: Mapping[str, str | None],
    orders: Mapping[str, Sequence[str]],
    relays: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[str]]:
    """Link each per-message note and buyer complaint to sent messages.

    ``campaigns`` maps a sent message's Message-ID to its campaign (or
    None), ``orders`` an order ID to the Message-IDs sent for it, ``relays``
    (optional) a buyer relay address to the Message-IDs sent to it. Returns
    ``{notice.message_id: [linked Message-IDs]}`` for the notices that could
    be linked, and sets ``Notice.linked`` on them.
    """
    relays = relays or {}
    linked: dict[str, list[str]] = {}
    for notice in notices:
        if notice.kind not in LINKABLE_KINDS:
            continue
        found = _candidates(notice, campaigns, orders, relays)
        notice.linked = found
        if found:
            linked[notice.message_id] = found
    return linked


def sent_lookups(
    messages: Iterable[Message], campaign_of: Callable[[Message], str | None] | None = None
) -> tuple[dict[str, str | None], dict[str, list[str]], dict[str, list[str]]]:
    """The three lookups :func:`link_notices` takes, built from sent messages
    (``Kind.SENT``): Message-ID → campaign, order ID → Message-IDs, relay
    address → Message-IDs."""
    campaigns: dict[str, str | None] = {}
    orders: dict[str, list[str]] = {}
    relays: dict[str, list[str]] = {}
    for msg in messages:
        if msg.kind is not Kind.SENT or not msg.message_id:
            continue
        campaigns[msg.message_id] = campaign_of(msg) if campaign_of else None
        for oid in order_ids(msg.subject, msg.body):
            orders.setdefault(oid, []).append(msg.message_id)
        for addr in (*msg.to, *msg.cc):
            if relay_marketplace(addr):
                relays.setdefault(addr.lower(), []).append(msg.message_id)
    return campaigns, orders, relays
