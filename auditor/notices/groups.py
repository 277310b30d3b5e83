"""The kinds of Amazon notice, their groups and their labels: one definition.

:class:`NoticeKind` is CONTRACT.md's ``Kind``. Every place that asks "is this
a restriction?", "does this alert a person?", "which timeline lane?" or "what
is this kind called in a report?" imports the answer from here rather than
writing the kind names again. The groups are frozensets of
:class:`NoticeKind`; as the members are strings, a kind read back from the
store as plain text (``"messaging_restriction"``) is found in them too.
:data:`RESTRICTIONS` is the same group as a tuple of plain strings, for SQL.

A leaf module: it imports nothing of auditor's.
"""

from __future__ import annotations

import enum


class NoticeKind(enum.StrEnum):
    """What an Amazon notice is about (CONTRACT.md, ``Kind``)."""

    MESSAGING_RESTRICTION = "messaging_restriction"
    TEMPLATES_ONLY_RESTRICTION = "templates_only_restriction"
    MESSAGE_BLOCKED = "message_blocked"
    MESSAGE_UNDELIVERED = "message_undelivered"
    BUYER_OPT_OUT = "buyer_opt_out"
    IP_COMPLAINT = "ip_complaint"
    IP_RETRACTION = "ip_retraction"
    VIOLATION_CLEARED = "violation_cleared"
    LISTING_REINSTATED = "listing_reinstated"
    ACCOUNT_AT_RISK = "account_at_risk"
    ACCOUNT_DEACTIVATED = "account_deactivated"
    ACCOUNT_REINSTATED = "account_reinstated"
    APPEAL_RECEIVED = "appeal_received"
    APPEAL_DECISION = "appeal_decision"
    POLICY_WARNING = "policy_warning"
    BUYER_COMPLAINT = "buyer_complaint"
    OTHER_AMAZON = "other_amazon"


K = NoticeKind

# -- what a kind does --------------------------------------------------------------

#: Kinds that restrict proactive messaging (they carry a period); a verified
#: one pauses campaigns, an unverified one needs a person's confirmation.
RESTRICTION_KINDS = frozenset({K.MESSAGING_RESTRICTION, K.TEMPLATES_ONLY_RESTRICTION})
#: :data:`RESTRICTION_KINDS` as plain strings in a fixed order (SQL ``IN``).
RESTRICTIONS: tuple[str, ...] = tuple(k.value for k in NoticeKind if k in RESTRICTION_KINDS)
#: Kinds that alert a person and change no campaign state.
ALERT_KINDS = frozenset(
    {K.ACCOUNT_DEACTIVATED, K.ACCOUNT_AT_RISK, K.IP_COMPLAINT, K.POLICY_WARNING}
)
#: Per-message notes and buyer replies that concern one sent message.
LINKABLE_KINDS = frozenset(
    {K.MESSAGE_BLOCKED, K.MESSAGE_UNDELIVERED, K.BUYER_OPT_OUT, K.BUYER_COMPLAINT}
)
#: Kinds that tell the seller something got better: their decision phrases
#: do not count next to a negation, and they lose every tie.
GOOD_NEWS_KINDS = frozenset(
    {
        K.IP_RETRACTION,
        K.VIOLATION_CLEARED,
        K.LISTING_REINSTATED,
        K.ACCOUNT_REINSTATED,
        K.APPEAL_RECEIVED,
    }
)
#: Kinds about a future ("may be deactivated if…"): conditional sentences may decide them.
FUTURE_KINDS = frozenset({K.ACCOUNT_AT_RISK, K.POLICY_WARNING})
#: Kinds whose notice names the violations it is about.
VIOLATION_KINDS = RESTRICTION_KINDS | {K.MESSAGE_BLOCKED, K.POLICY_WARNING, K.ACCOUNT_AT_RISK}
#: Kinds whose notice states a period (from … until …, for 30 days).
PERIOD_KINDS = RESTRICTION_KINDS
#: Kinds whose notice starts something on its own date.
STARTING_KINDS = RESTRICTION_KINDS | {K.ACCOUNT_DEACTIVATED}

# -- topics: one lane each on the timeline ---------------------------------------------

#: Restrictions and blocks of messaging.
MESSAGING_KINDS = RESTRICTION_KINDS | {
    K.MESSAGE_BLOCKED,
    K.MESSAGE_UNDELIVERED,
    K.POLICY_WARNING,
}
#: What buyers did: opted out, complained.
BUYER_KINDS = frozenset({K.BUYER_OPT_OUT, K.BUYER_COMPLAINT})
#: Intellectual-property complaints and the listing's way back.
LISTING_KINDS = frozenset(
    {K.IP_COMPLAINT, K.IP_RETRACTION, K.VIOLATION_CLEARED, K.LISTING_REINSTATED}
)
#: The selling account's health.
ACCOUNT_KINDS = frozenset({K.ACCOUNT_AT_RISK, K.ACCOUNT_DEACTIVATED, K.ACCOUNT_REINSTATED})
#: Appeals and their decisions.
APPEAL_KINDS = frozenset({K.APPEAL_RECEIVED, K.APPEAL_DECISION})
#: Amazon mail of no other kind.
OTHER_KINDS = frozenset({K.OTHER_AMAZON})

#: Timeline lanes, lane -> (label, kinds), in display order. Every kind is in
#: exactly one lane; suspicious notices go to "phishing" whatever their kind.
LANES: dict[str, tuple[str, frozenset[NoticeKind]]] = {
    "restriction": ("Restrictions & blocks", MESSAGING_KINDS),
    "buyer": ("Buyers", BUYER_KINDS),
    "ip": ("IP / listings", LISTING_KINDS),
    "account": ("Account", ACCOUNT_KINDS),
    "appeal": ("Appeals", APPEAL_KINDS),
    "other": ("Other", OTHER_KINDS),
    "phishing": ("Possible phishing", frozenset()),
}

# -- labels ------------------------------------------------------------------------

#: What a report calls each kind.
KIND_LABELS: dict[str, str] = {
    K.MESSAGING_RESTRICTION: "Messaging restriction",
    K.TEMPLATES_ONLY_RESTRICTION: "Templates-only restriction",
    K.MESSAGE_BLOCKED: "Message blocked",
    K.MESSAGE_UNDELIVERED: "Message not delivered",
    K.BUYER_OPT_OUT: "Buyer opted out",
    K.IP_COMPLAINT: "IP complaint",
    K.IP_RETRACTION: "IP complaint retracted",
    K.VIOLATION_CLEARED: "Violation cleared",
    K.LISTING_REINSTATED: "Listing reinstated",
    K.ACCOUNT_AT_RISK: "Account at risk",
    K.ACCOUNT_DEACTIVATED: "Account deactivated",
    K.ACCOUNT_REINSTATED: "Account reinstated",
    K.APPEAL_RECEIVED: "Appeal received",
    K.APPEAL_DECISION: "Appeal decision",
    K.POLICY_WARNING: "Policy warning",
    K.BUYER_COMPLAINT: "Buyer complaint",
    K.OTHER_AMAZON: "Other Amazon mail",
}


def kind_label(kind: str) -> str:
    """The report's name for ``kind`` (a :class:`NoticeKind` or its string);
    an unknown kind's own words, capitalised."""
    return KIND_LABELS.get(kind, str(kind).replace("_", " ").capitalize())


def lane(kind: str, phishing: bool = False) -> str:
    """The timeline lane of a notice of ``kind``."""
    if phishing:
        return "phishing"
    return next((name for name, (_, kinds) in LANES.items() if kind in kinds), "other")
